"""Benchmark: which encoding a file without a byte-order mark is read in, on real text.

Run from the repository root: ``python bench/encoding_guess.py [--heldout] [--count 300]``.

Chinese: paragraphs of the People's Daily of January 1998 (``bench/peoples_daily.py``'s
halves: the development half by default, the held-out one with ``--heldout``), drawn at
random (seed 7) among those over 30 characters, written in GBK (simplified, as mainland files
are) and in Big5 (converted to Taiwan's traditional forms by OpenCC); each must be read as
GB18030 (GBK's superset) or Big5. Korean: every line of ten hangul syllables or more in the
repository's real Korean texts (``bench/``'s evaluation sets, JSON strings included), written
in CP949, as they are and with their spaces taken out; each must stay CP949. A character an
encoding lacks is written ``?``. Reported: how many of each are read right, and the wrong
ones' encodings. The script reports; it exits 0 whatever the scores.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import peoples_daily  # noqa: E402

from glossary.errors import InputError  # noqa: E402
from glossary.sources.files import decode  # noqa: E402


def main() -> None:
    """Score the guess on Chinese paragraphs and Korean lines."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--heldout", action="store_true", help="draw from the held-out half")
    parser.add_argument("--count", type=int, default=300, help="Chinese paragraphs to draw")
    args = parser.parse_args()
    from opencc import OpenCC

    paragraphs = peoples_daily.paragraphs(peoples_daily.corpus_path(None))
    text = peoples_daily.half(paragraphs, args.heldout).text
    long_enough = [p for p in text.split("\n") if len(p) > 30]
    drawn = random.Random(7).sample(long_enough, args.count)
    taiwan = OpenCC("s2tw")
    half = "held-out" if args.heldout else "development"
    gbk = (p.encode("gbk", "replace") for p in drawn)
    _score(f"GBK, People's Daily {half} half", gbk, {"gb18030", "gbk", "gb2312"})
    big5 = (taiwan.convert(p).encode("big5", "replace") for p in drawn)
    _score("Big5, the same in traditional forms", big5, {"big5", "cp950", "big5hkscs"})
    lines = list(dict.fromkeys(_korean_lines()))
    _score("CP949, Korean lines", (line.encode("cp949", "replace") for line in lines), {"cp949"})
    unspaced = (line.replace(" ", "").encode("cp949", "replace") for line in lines)
    _score("CP949, the same without spaces", unspaced, {"cp949"})


def _score(name: str, samples: Iterator[bytes], right: set[str]) -> None:
    """Print how many samples are read in one of the ``right`` encodings."""
    used: collections.Counter[str] = collections.Counter()
    for data in samples:
        try:
            used[decode(data)[1]] += 1
        except InputError:
            used["(refused)"] += 1
    total = sum(used.values())
    good = sum(n for codec, n in used.items() if codec in right)
    wrong = ", ".join(f"{codec} {n}" for codec, n in used.most_common() if codec not in right)
    print(f"{name}: {good}/{total} read right" + (f" (wrong: {wrong})" if wrong else ""))


def _korean_lines() -> Iterator[str]:
    """Lines of ten hangul syllables or more in the repository's real Korean texts."""
    for path in sorted((ROOT / "bench").rglob("*")):
        if path.suffix not in (".txt", ".md", ".tsv", ".json") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        strings = list(_strings(json.loads(text))) if path.suffix == ".json" else [text]
        for string in strings:
            for line in string.split("\n"):
                if sum(1 for ch in line if "\uac00" <= ch <= "\ud7a3") >= 10:
                    yield line


def _strings(value: object) -> Iterator[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


if __name__ == "__main__":
    main()
