"""Benchmark: how often pypinyin's reading of a CC-CEDICT word is none of the word's entries.

Run from the repository root: ``python bench/pinyin_agreement.py [--examples 20]``.

For every simplified CC-CEDICT headword of two to six hanja, the reading pypinyin gives
(``glossary.engine.chinese.pinyin_of``, what ``-f table`` shows) is compared with the word's
entries. Counted: words whose reading is one of them; words that differ only where CC-CEDICT
writes a neutral tone or 一 and 不 keep their citation tone; and the rest. The last two groups
are what the dictionary path (JSON, the reader, the store) now shows as CC-CEDICT reads them
(``glossary.dictionary.meanings``). A consistency count between two sources, not an accuracy
figure; the most frequent examples of the rest are listed.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from glossary.dictionary.index import shared_index  # noqa: E402
from glossary.engine.chinese import pinyin_of  # noqa: E402

_WORD = re.compile("[\u4e00-\u9fff]{2,6}")


def _close(ours: list[str], theirs: list[str], word: str) -> bool:
    """Equal but where CC-CEDICT has a neutral tone or 一/不 keeps its own tone."""
    if len(ours) != len(theirs):
        return False
    for a, b, ch in zip(ours, theirs, word, strict=True):
        if a == b or ch in "一不" or (b.endswith("5") and a[:-1] == b[:-1]):
            continue
        return False
    return True


def main() -> None:
    """Count and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20, help="examples to list (20)")
    args = parser.parse_args()
    index = shared_index()
    assert index is not None
    conn = sqlite3.connect(f"{index.path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT simplified, pinyin, rank FROM entries").fetchall()
    finally:
        conn.close()
    entries: dict[str, list[tuple[list[str], int]]] = defaultdict(list)
    for simplified, pinyin, rank in rows:
        if _WORD.fullmatch(simplified):
            syllables = str(pinyin).lower().replace("u:", "ü").split()
            entries[simplified].append((syllables, rank if rank is not None else 10**9))
    same = close = other = 0
    examples: list[tuple[int, str, str, str]] = []
    for word, readings in entries.items():
        ours = list(pinyin_of(word).numbered)
        if any(r == ours for r, _ in readings):
            same += 1
        elif any(_close(ours, r, word) for r, _ in readings):
            close += 1
        else:
            other += 1
            rank = min(k for _, k in readings)
            shown = " / ".join(" ".join(r) for r, _ in readings)
            examples.append((rank, word, " ".join(ours), shown))
    total = same + close + other
    print(f"CC-CEDICT words of 2-6 hanja: {total:,}")
    print(f"pypinyin's reading is an entry's: {same:,}")
    print(f"differs only by a neutral tone or 一/不: {close:,}")
    print(f"differs otherwise: {other:,}")
    for rank, word, ours, theirs in sorted(examples)[: args.examples]:
        print(f"  {word}  pypinyin {ours}  CC-CEDICT {theirs}  (rank {rank})")


if __name__ == "__main__":
    main()
