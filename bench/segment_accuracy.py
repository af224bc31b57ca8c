"""Benchmark: word segmentation of real Chinese text against a hand segmentation.

Run from the repository root::

    python bench/segment_accuracy.py              # the development passages
    python bench/segment_accuracy.py --heldout    # the held-out passage (run it once, at the end)
    python bench/segment_accuracy.py --verbose    # also list every disagreement

Every ``NAME.json`` in ``bench/segment`` (``bench/segment/heldout`` with ``--heldout``) is one
passage: the hand segmentation as word spans, with the passage's kind (news, official or
classical) and script. The text is ``NAME.txt`` beside it (news text is not committed:
``SOURCES.md`` says where each passage comes from), or the JSON's ``text`` for public-domain
text. The hand
segmentation follows one standard, the Penn Chinese Treebank segmentation guidelines (3.0):
``bench/segment/SOURCES.md`` lists how its rules were applied.

Only words holding a hanja are scored, on both sides: punctuation, Latin words and bare numbers
(``5``, ``20.6℃``) are not words the reader explains. A word counts as found when the
segmenter returns exactly its span. Reported per passage and for each kind of text:
word precision (found / words returned), recall (found / hand words) and F1.

Hand segmentations are written as the passage with ``|`` between words
(``NAME.seg.txt``, not committed); ``--gold NAME.seg.txt --kind news --script simplified``
turns one into ``NAME.txt`` and ``NAME.json``.

The script reports; it does not judge: it exits 0 whatever the scores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from glossary.engine.cjk import is_hanja  # noqa: E402

SEGMENT_DIR = ROOT / "bench" / "segment"
HELDOUT_DIR = SEGMENT_DIR / "heldout"
STANDARD = "Penn Chinese Treebank segmentation guidelines 3.0 (Xia 2000); see SOURCES.md"
SEPARATOR = "|"

Span = tuple[int, int]
Segmenter = Callable[[str], Iterable[Span]]


@dataclass(frozen=True)
class Passage:
    """One hand-segmented passage."""

    name: str
    kind: str  # "news", "official" (government documents) or "classical"
    script: str  # "simplified" or "traditional"
    text: str
    words: frozenset[Span]


@dataclass(frozen=True)
class Score:
    """Words found, words returned and hand words, with the measures derived from them."""

    found: int
    returned: int
    gold: int

    def __add__(self, other: Score) -> Score:
        return Score(
            self.found + other.found, self.returned + other.returned, self.gold + other.gold
        )

    @property
    def precision(self) -> float:
        return self.found / self.returned if self.returned else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def scored(text: str, spans: Iterable[Span]) -> frozenset[Span]:
    """The spans that hold a hanja: the only words scored."""
    return frozenset((s, e) for s, e in spans if any(is_hanja(c) for c in text[s:e]))


def parse_segmented(segmented: str) -> tuple[str, list[Span]]:
    """A hand segmentation (words separated by ``|``) as its text and its word spans.

    Args:
        segmented: The passage with ``|`` between words (line breaks also end a word).

    Returns:
        The text without the separators, and the span of every piece between them.
    """
    text: list[str] = []
    spans: list[Span] = []
    at = 0
    for line_no, line in enumerate(segmented.split("\n")):
        if line_no:
            text.append("\n")
            at += 1
        for piece in line.split(SEPARATOR):
            if piece:
                spans.append((at, at + len(piece)))
                text.append(piece)
                at += len(piece)
    return "".join(text), spans


def write_gold(seg_path: Path, kind: str, script: str, include_text: bool) -> Path:
    """Turn ``NAME.seg.txt`` into ``NAME.txt`` (the passage) and ``NAME.json`` (its words).

    Args:
        seg_path: The hand segmentation.
        kind: ``news`` or ``classical``.
        script: ``simplified`` or ``traditional``.
        include_text: Also keep the text in the JSON (public-domain text only).

    Returns:
        The JSON file written.
    """
    text, spans = parse_segmented(seg_path.read_text(encoding="utf-8"))
    stem = seg_path.name.removesuffix(".seg.txt")
    (seg_path.parent / f"{stem}.txt").write_text(text, encoding="utf-8")
    gold = {
        "name": stem,
        "kind": kind,
        "script": script,
        "standard": STANDARD,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "chars": len(text),
        "words": [list(span) for span in sorted(scored(text, spans))],
    }
    if include_text:
        gold["text"] = text
    out = seg_path.parent / f"{stem}.json"
    out.write_text(json.dumps(gold, ensure_ascii=False, indent=None) + "\n", encoding="utf-8")
    return out


def load_passages(folder: Path) -> tuple[list[Passage], list[str]]:
    """The passages of a folder whose text is at hand, and a note for each one that is not.

    Args:
        folder: A folder of ``NAME.json`` (and ``NAME.txt``) files.

    Returns:
        The passages, by name, and the problems met (missing or changed text).
    """
    passages, problems = [], []
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text_path = path.with_suffix(".txt")
        if "text" in gold:
            text = str(gold["text"])
        elif text_path.is_file():
            text = text_path.read_text(encoding="utf-8")
        else:
            problems.append(f"{path.name}: no {text_path.name} (see SOURCES.md)")
            continue
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != gold["sha256"]:
            problems.append(f"{path.name}: the text is not the one segmented by hand")
            continue
        words = frozenset((int(s), int(e)) for s, e in gold["words"])
        passages.append(Passage(gold["name"], gold["kind"], gold["script"], text, words))
    return passages, problems


def evaluate(passage: Passage, segmenter: Segmenter) -> tuple[Score, frozenset[Span]]:
    """Score a segmenter on one passage.

    Args:
        passage: The passage.
        segmenter: A function giving the word spans of a text.

    Returns:
        The score and the scored spans the segmenter returned.
    """
    found = scored(passage.text, segmenter(passage.text))
    return Score(len(found & passage.words), len(found), len(passage.words)), found


def disagreements(passage: Passage, found: frozenset[Span]) -> list[str]:
    """Each stretch where the segmenter and the hand disagree, shown both ways."""
    text = passage.text
    wrong = sorted((found - passage.words) | (passage.words - found))
    lines = []
    while wrong:
        start, end = wrong.pop(0)
        while wrong and wrong[0][0] < end:  # Merge overlapping disagreements into one stretch.
            end = max(end, wrong.pop(0)[1])
        hand = [text[s:e] for s, e in sorted(passage.words) if start <= s and e <= end]
        ours = [text[s:e] for s, e in sorted(found) if start <= s and e <= end]
        lines.append(f"    hand {' | '.join(hand):<24} ours {' | '.join(ours)}")
    return lines


def report(passages: list[Passage], segmenter: Segmenter, verbose: bool) -> str:
    """The table of scores: per passage, then per kind."""
    rows = ["| passage | kind | script | words | precision | recall | F1 |", "| --- " * 7 + "|"]
    totals: dict[str, Score] = {}
    details = []
    for passage in passages:
        score, found = evaluate(passage, segmenter)
        totals[passage.kind] = totals.get(passage.kind, Score(0, 0, 0)) + score
        rows.append(_row(passage.name, passage.kind, passage.script, score))
        if verbose:
            details.append(f"{passage.name}:")
            details.extend(disagreements(passage, found))
    for kind, score in sorted(totals.items(), key=lambda item: item[0] != "news"):
        rows.append(_row(f"**all {kind}**", kind, "", score))
    return "\n".join([*rows, *([""] + details if details else [])])


def _row(name: str, kind: str, script: str, score: Score) -> str:
    return (
        f"| {name} | {kind} | {script} | {score.gold} | {score.precision:.3f} | "
        f"{score.recall:.3f} | {score.f1:.3f} |"
    )


def main() -> None:
    """Score the segmenter on the passages, or write a passage's gold files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", action="store_true", help="score the held-out passage")
    parser.add_argument("--verbose", "-v", action="store_true", help="list disagreements")
    parser.add_argument("--gold", type=Path, help="write NAME.txt and NAME.json from NAME.seg.txt")
    parser.add_argument("--kind", choices=("news", "official", "classical"), default="news")
    parser.add_argument("--script", choices=("simplified", "traditional"), default="simplified")
    parser.add_argument("--include-text", action="store_true", help="keep the text in the JSON")
    args = parser.parse_args()
    if args.gold is not None:
        print(f"wrote {write_gold(args.gold, args.kind, args.script, args.include_text)}")
        return

    import functools

    from glossary.dictionary.splitter import segment

    chinese = functools.partial(segment, chinese=True)  # The passages are Chinese text.

    passages, problems = load_passages(HELDOUT_DIR if args.heldout else SEGMENT_DIR)
    for problem in problems:
        print(f"skipped {problem}", file=sys.stderr)
    print(report(passages, chinese, args.verbose))


if __name__ == "__main__":
    main()
