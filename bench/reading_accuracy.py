"""Benchmark: the Sino-Korean reading given to bare hanja, against the readings writers gloss.

Run from the repository root::

    python bench/reading_accuracy.py                       # the development sets
    python bench/reading_accuracy.py --heldout             # the held-out sets (once, at the end)
    python bench/reading_accuracy.py --verbose             # also list every disagreement

A Korean writer who glosses hanja with their Sino-Korean reading (노동(勞動), 심천(深圳)) says how
the word is read; the gloss annotations of ``bench/accuracy.py`` mark those glosses ``sino``, by
hand, for the gloss-kind evaluation (before this benchmark existed). This benchmark gives each
such hanja form to the engine *without* its gloss, as a Chinese document or the reader's inline
한자음 mode (``k``) meets it, and compares the reading the engine gives (the customary reading
where the conventions table has one, else the word's Sino-Korean reading) with the gloss,
spaces and name dots left out. Only the annotation files are read: the passages' text is not
needed.

Development sets: ``bench/eval`` and ``bench/eval3``; held out: ``bench/heldout``,
``bench/heldout2`` and ``bench/heldout3``. Reported per set and, for files named ``cN_...``,
per class: pairs, readings equal to the gloss, and the share.

The script reports; it does not judge: it exits 0 whatever the scores.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from glossary import Enricher  # noqa: E402
from glossary.dictionary.index import CedictIndex, shared_index  # noqa: E402
from glossary.dictionary.names import people  # noqa: E402
from glossary.dictionary.segment import Segmenter  # noqa: E402
from glossary.dictionary.splitter import shared_segmenter  # noqa: E402
from glossary.engine.conventions import conventional_reading  # noqa: E402

Names = tuple[CedictIndex, Segmenter]
from glossary.engine.kinds import compact  # noqa: E402

DEVELOPMENT = ("eval", "eval3")
HELDOUT = ("heldout", "heldout2", "heldout3")
_CLASS = re.compile(r"(c\d+)_")


def sino_pairs(folder: Path) -> list[tuple[str, str, str]]:
    """The (file, gloss, hanja) of every pair annotated ``sino`` in a folder's files."""
    pairs = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for row in data.get("pairs", []):
            if row.get("kind") == "sino":
                gloss = unicodedata.normalize("NFC", str(row["gloss"])).strip()
                hanja = unicodedata.normalize("NFC", str(row["hanja"])).strip()
                pairs.append((path.stem, gloss, hanja))
    return pairs


def engine_reading(hanja: str, enricher: Enricher, names: Names | None = None) -> str:
    """The reading the engine gives bare hanja: what the reader's 한자음 mode writes.

    ``names``: the dictionary and segmenter that tell a person's name (金大中 김대중), as
    :func:`glossary.build_glossary` has them; None reads every form as a word.
    """
    usage = conventional_reading(hanja)
    if usage is not None:
        return usage.reading
    if names is not None:
        enricher.know_people(people(names[0], [hanja], enricher, names[1].filled_in))
    return enricher.info(hanja).sino_korean


def main() -> None:
    """Score each set and print the results as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", action="store_true", help="score the held-out sets")
    parser.add_argument("--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    enricher = Enricher()
    index, segmenter = shared_index(), shared_segmenter()
    names = (index, segmenter) if index is not None and segmenter is not None else None
    rows: list[tuple[str, int, int]] = []
    wrong: list[tuple[str, str, str, str]] = []
    for name in HELDOUT if args.heldout else DEVELOPMENT:
        by_class: dict[str, list[bool]] = defaultdict(list)
        for stem, gloss, hanja in sino_pairs(ROOT / "bench" / name):
            reading = engine_reading(hanja, enricher, names)
            same = compact(reading) == compact(gloss)
            by_class[""].append(same)
            found = _CLASS.match(stem)
            if found:
                by_class[found.group(1)].append(same)
            if not same:
                wrong.append((f"{name}/{stem}", hanja, gloss, reading))
        for cls in sorted(by_class):
            marks = by_class[cls]
            rows.append((f"{name} {cls}".strip(), len(marks), sum(marks)))
    print("| set (class) | sino pairs | engine reading = gloss | share |")
    print("| --- | --- | --- | --- |")
    for label, total, same in rows:
        share = f"{same / total:.3f}" if total else "-"
        print(f"| {label} | {total} | {same} | {share} |")
    if args.verbose:
        print()
        for where, hanja, gloss, reading in wrong:
            print(f"{where}: {hanja} glossed {gloss}, engine {reading or '(none)'}")


if __name__ == "__main__":
    main()
