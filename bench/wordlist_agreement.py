"""Benchmark: how the engine agrees with libhangul's Sino-Korean word list.

Run from the repository root: ``python bench/wordlist_agreement.py``.

Two checks over the words of two to six hanja in the bundled libhangul list
(``glossary/data/hanja.sqlite``), the list Korean text's words come from:

- **whole**: words the segmenter keeps as one word (a Korean-shaped word such as 選擧 can only
  be matched once its shapes map to CC-CEDICT's 選舉);
- **read as listed**: among the words the list reads (a reading of one syllable per hanja),
  those whose Sino-Korean reading from the engine (``Enricher.info``) is one of the readings
  the list gives, 렬/률 and 두음법칙 forms counted as the same reading.

The second is a consistency check against a source the engine reads, not an accuracy figure:
``bench/reading_accuracy.py`` measures readings against what writers gloss. The script
reports; it exits 0 whatever the figures.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from glossary import Enricher  # noqa: E402
from glossary.dictionary.splitter import shared_segmenter  # noqa: E402
from glossary.engine.cjk import is_hanja  # noqa: E402
from glossary.engine.hanjadict import default_path  # noqa: E402
from glossary.engine.jamo import apply_initial_sound_law, write_ryeol_ryul  # noqa: E402


def main() -> None:
    """Run both checks and print a Markdown table."""
    with sqlite3.connect(f"{default_path().resolve().as_uri()}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT word, readings FROM words").fetchall()
    listed = {
        word: readings.split(" ")
        for word, readings in rows
        if 2 <= len(word) <= 6 and all(map(is_hanja, word))
    }
    segmenter = shared_segmenter()
    assert segmenter is not None
    whole = sum(segmenter.segment(word) == [(0, len(word))] for word in listed)
    enricher = Enricher()
    compared = agreed = 0
    for word, readings in listed.items():
        info = enricher.info(word)
        readings = [r for r in readings if len(r) == len(word)]
        if not readings or not info.sino_korean:
            continue
        compared += 1
        spelled = {apply_initial_sound_law(write_ryeol_ryul(r)) for r in readings}
        agreed += info.sino_korean in spelled or info.sino_korean in readings
    print("| check | words | agree | share |")
    print("| --- | --- | --- | --- |")
    print(f"| kept whole by the segmenter | {len(listed)} | {whole} | {whole / len(listed):.3f} |")
    print(f"| read as listed | {compared} | {agreed} | {agreed / compared:.3f} |")


if __name__ == "__main__":
    main()
