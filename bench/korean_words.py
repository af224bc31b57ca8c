"""Benchmark: words in hanja written in Korean text, against the words Korean writers gloss.

Run from the repository root::

    python bench/korean_words.py                # the development sets
    python bench/korean_words.py --heldout      # the held-out sets (once, at the end)
    python bench/korean_words.py --verbose      # also list every disagreement

A Korean writer who glosses hanja with their Sino-Korean reading writes the reading as Korean
words: 獨立國(독립국) is one word, 進賀兼謝恩正使(진하 겸 사은 정사) four, 新聞雜誌(신문잡지) one
unit (Korean writes compound nouns together). The gloss annotations of ``bench/accuracy.py``
mark such glosses ``sino``, by hand, before this benchmark existed. Each hanja form of those
pairs (hanja only, as long as its gloss) is split as bare hanja in Korean text are
(``glossary.engine.words``), and its words are scored against the gloss's: a space in the
gloss is a word boundary, and no other place is. Only the annotation files are read.

Two segmentations are scored side by side: the segmenter alone (CC-CEDICT's longest match,
numbers, filling in, names), and with the words joined into libhangul's words as Korean text
has them (:func:`glossary.engine.words.join_listed`). Reported per set and, for files named
``cN_...``, per class: pairs, forms kept as the gloss splits them, and word precision, recall
and F1.

Development sets: ``bench/eval`` and ``bench/eval3``; held out: ``bench/heldout``,
``bench/heldout2`` and ``bench/heldout3``. The script reports; it does not judge: it exits 0
whatever the scores.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
for folder in (ROOT, BENCH):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from reading_accuracy import DEVELOPMENT, HELDOUT, sino_pairs  # noqa: E402

from glossary import Enricher  # noqa: E402
from glossary.dictionary.splitter import shared_segmenter  # noqa: E402
from glossary.engine.cjk import HANJA_CLASS  # noqa: E402
from glossary.engine.words import join_listed  # noqa: E402

Span = tuple[int, int]
_CLASS = re.compile(r"(c\d+)_")
_HANJA = re.compile(f"[{HANJA_CLASS}]+")


def gloss_words(hanja: str, gloss: str) -> list[Span] | None:
    """The words a gloss splits its hanja into (its spaces), or None when it does not spell
    one syllable per hanja."""
    parts = gloss.replace("·", " ").split()
    if sum(map(len, parts)) != len(hanja):
        return None
    spans, at = [], 0
    for part in parts:
        spans.append((at, at + len(part)))
        at += len(part)
    return spans


def _score(found: list[Span], gold: list[Span]) -> tuple[int, int, int]:
    return len(set(found) & set(gold)), len(found), len(gold)


def main() -> None:
    """Score each set and print the results as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", action="store_true", help="score the held-out sets")
    parser.add_argument("--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    segmenter = shared_segmenter()
    assert segmenter is not None
    enricher = Enricher()
    ways: dict[str, Callable[[str], list[Span]]] = {
        "segmenter": segmenter.segment,
        "joined": lambda h: join_listed(h, segmenter.segment(h), enricher.listed),
    }
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    order: list[str] = []
    wrong: list[str] = []
    for name in HELDOUT if args.heldout else DEVELOPMENT:
        for stem, gloss, hanja in sino_pairs(BENCH / name):
            gold = gloss_words(hanja, gloss) if _HANJA.fullmatch(hanja) else None
            if gold is None or len(hanja) < 2:
                continue
            found = _CLASS.match(stem)
            labels = [name] + ([f"{name} {found.group(1)}"] if found else [])
            order += [label for label in labels if label not in order]
            for way, split in ways.items():
                spans = split(hanja)
                hit, returned, wanted = _score(spans, gold)
                for label in labels:
                    row = totals[(label, way)]
                    row[0] += 1
                    row[1] += spans == gold
                    row[2] += hit
                    row[3] += returned
                    row[4] += wanted
                if spans != gold and way == "joined":
                    shown = "|".join(hanja[a:b] for a, b in spans)
                    wrong.append(f"{name}/{stem}: {shown} glossed {gloss}")
    print("| set (class) | segmentation | forms | split as glossed | precision | recall | F1 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for label in order:
        for way in ways:
            pairs, same, hit, returned, wanted = totals[(label, way)]
            p = hit / returned if returned else 0.0
            r = hit / wanted if wanted else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            print(f"| {label} | {way} | {pairs} | {same} | {p:.3f} | {r:.3f} | {f:.3f} |")
    if args.verbose:
        print()
        print("\n".join(wrong))


if __name__ == "__main__":
    main()
