"""Benchmark: the Sino-Korean reading of common Chinese words with characters read two ways.

Run from the repository root: ``python bench/reading_words.py [--set leiden|peoples-daily]
[--heldout] [--verbose]``.

``bench/readings/leiden_top.tsv`` holds the commonest words of the Leiden Weibo Corpus list
that have a character read two ways in Korean (車 차/거, 樂 악/락/요...), or 不, or a word the
spelling rules name (the three classes reported), each labelled by hand with the reading a
Korean reader gives it, before the engine was run on them (see the file's head). Odd lines
are the development half, even lines the held-out half (``--heldout``: score it once, at the
end). Each word is explained as a Chinese document's word is (:meth:`glossary.Enricher.info`)
and its ``sino_korean`` compared with the label. The script reports; it exits 0 whatever
the score.

``--set peoples-daily`` reads ``bench/readings/peoples_daily_words.tsv`` instead: 159 words of
the People's Daily of January 1998, drawn by their count and evenly (the two classes), labelled
by hand the same way (see the file's head): how often the reading the ``k`` mode writes after a
word of real news is the one a Korean reader gives it.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from glossary import Enricher  # noqa: E402

SETS = {
    "leiden": ROOT / "bench" / "readings" / "leiden_top.tsv",
    "peoples-daily": ROOT / "bench" / "readings" / "peoples_daily_words.tsv",
}


def labelled(heldout: bool, words: Path = SETS["leiden"]) -> list[tuple[str, str, str]]:
    """The (word, reading, class) rows of one half of a file."""
    rows = [
        line.split("\t")
        for line in words.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return [(w, r, c) for k, (w, r, c) in enumerate(rows) if k % 2 == heldout]


def main() -> None:
    """Score one half, per class, and print it as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=tuple(SETS), default="leiden", help="the labelled words")
    parser.add_argument("--heldout", action="store_true", help="score the held-out half")
    parser.add_argument("--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    enricher = Enricher()
    half = "held-out" if args.heldout else "development"
    scores: dict[str, list[bool]] = defaultdict(list)
    wrong: list[tuple[str, str, str]] = []
    for word, label, word_class in labelled(args.heldout, SETS[args.set]):
        got = enricher.info(word).sino_korean
        for cls in ("all", word_class):
            scores[cls].append(got == label)
        if got != label:
            wrong.append((word, label, got))
    print("| half (class) | words | engine reading = label | share |")
    print("| --- | --- | --- | --- |")
    for cls in scores:
        marks = scores[cls]
        share = f"{sum(marks) / len(marks):.3f}" if marks else "-"
        print(f"| {half} ({cls}) | {len(marks)} | {sum(marks)} | {share} |")
    if args.verbose:
        for word, label, got in wrong:
            print(f"{word}: labelled {label}, engine {got}")


if __name__ == "__main__":
    main()
