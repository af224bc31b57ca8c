"""Benchmark: how accurately the engine finds hanja glosses in real, hand-annotated text.

Run from the repository root: ``python bench/accuracy.py [DIR] [--verbose]``
(``DIR`` defaults to ``bench/eval``).

Every ``NAME.txt`` in ``DIR`` that has a ``NAME.json`` beside it is one passage. The JSON holds
the hand annotation, ``{"pairs": [{"gloss", "hanja", "kind", "also"?, "note"?}, ...]}``: one
entry per distinct (gloss, hanja) pair, gloss ``""`` for bare hanja, ``also`` listing other kinds
that are equally right (both readings give the same hangul). ``SOURCES.md`` in the default
directory describes the conventions.

For each passage the engine (``glossary.extract_text``) is run and the *set* of distinct
(gloss, hanja) pairs it returns is compared with the annotated set; a bare occurrence that the
engine merges into a glossed term of the same hanja is therefore not counted separately.
Both sides are NFC-normalised and stripped before comparing. Reported per file and overall:

- precision: found pairs that are annotated / all found pairs;
- recall: annotated pairs that were found / all annotated pairs;
- kind accuracy: among pairs found correctly, those whose kind is the annotated kind (or one of
  its ``also`` kinds).

The overall block also gives F1, the same figures without bare pairs, recall and kind accuracy
per annotated kind, and, for files named ``cN_...`` (bench/eval3), the figures per class cN.
``--verbose`` lists misses, false positives and wrong kinds per file; a miss
or false positive whose hanja appears on the other side with another gloss is shown with that
gloss, since it is usually a span (trimming) disagreement rather than a missing term.

The script reports; it does not judge: it exits 0 whatever the scores, and an engine error on
one passage is reported and counted as finding nothing there.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import traceback
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from glossary import extract_text  # noqa: E402
from glossary.engine.words import run_around  # noqa: E402

DEFAULT_DIR = ROOT / "bench" / "eval"
# Files named cN_... belong to class cN (bench/eval3): each class is reported on its own too.
_CLASS = re.compile(r"c\d+_")
KIND_ORDER = ("transcription", "sino", "translation", "mixed", "bare")

Pair = tuple[str, str]
"""A (gloss, hanja) pair; the gloss is empty for bare hanja."""


@dataclass(frozen=True)
class Gold:
    """One annotated pair: its kind, the kinds accepted for it, and the annotator's note."""

    kind: str
    accepted: frozenset[str]
    note: str = ""


@dataclass
class FileResult:
    """The comparison for one passage."""

    name: str
    gold: dict[Pair, Gold]
    found: dict[Pair, str]
    error: str = ""
    kind_notes: dict[Pair, str] = field(default_factory=dict)

    @property
    def hits(self) -> list[Pair]:
        """Annotated pairs the engine found, in annotation order."""
        return [p for p in self.gold if p in self.found]

    @property
    def misses(self) -> list[Pair]:
        """Annotated pairs the engine did not find."""
        return [p for p in self.gold if p not in self.found]

    @property
    def false_positives(self) -> list[Pair]:
        """Pairs the engine found that are not annotated, in engine order."""
        return [p for p in self.found if p not in self.gold]

    @property
    def wrong_kinds(self) -> list[Pair]:
        """Correctly found pairs whose kind is not an accepted one."""
        return [p for p in self.hits if self.found[p] not in self.gold[p].accepted]


def norm(text: str) -> str:
    """NFC-normalise and strip a gloss or hanja for comparison."""
    return unicodedata.normalize("NFC", text).strip()


def load_gold(path: Path) -> dict[Pair, Gold]:
    """Read one annotation file into pair -> annotation."""
    data = json.loads(path.read_text(encoding="utf-8"))
    gold: dict[Pair, Gold] = {}
    for row in data["pairs"]:
        pair = (norm(str(row["gloss"])), norm(str(row["hanja"])))
        kind = str(row["kind"])
        also = row.get("also") or []
        gold[pair] = Gold(kind, frozenset([kind, *map(str, also)]), str(row.get("note", "")))
    return gold


def run_engine(text: str) -> tuple[dict[Pair, str], dict[Pair, str]]:
    """The engine's distinct pairs with their kinds, and the kind notes it gives."""
    found: dict[Pair, str] = {}
    notes: dict[Pair, str] = {}
    glossary = extract_text(text)
    read = glossary.document.text
    for term in glossary.terms:
        if term.hangul:
            pairs = [(norm(term.hangul), norm(term.hanja))]
        else:
            # Bare runs are split into words (issue 18); gloss finding is judged on the run.
            runs = (run_around(read, o.hanja_start, o.hanja_end) for o in term.occurrences)
            pairs = [("", norm(read[a:b])) for a, b in runs]
        for pair in pairs:
            if pair not in found:
                found[pair] = str(term.kind)
                notes[pair] = term.kind_note
    return found, notes


def evaluate(txt: Path, ann: Path) -> FileResult:
    """Compare the engine with the annotation on one passage."""
    gold = load_gold(ann)
    try:
        found, notes = run_engine(txt.read_text(encoding="utf-8"))
    except Exception:  # a report, not a test: keep going
        last = traceback.format_exc().strip().splitlines()[-1]
        return FileResult(txt.stem, gold, {}, error=last)
    return FileResult(txt.stem, gold, found, kind_notes=notes)


def ratio(num: int, den: int) -> str:
    """A percentage with its counts, or n/a when the denominator is zero."""
    if den == 0:
        return "   n/a (0/0)"
    return f"{100.0 * num / den:6.1f}% ({num}/{den})"


def scores(hits: int, found: int, gold: int, kind_ok: int) -> str:
    """One line of precision, recall and kind accuracy."""
    return f"P {ratio(hits, found):<18} R {ratio(hits, gold):<18} kind {ratio(kind_ok, hits)}"


def f1(results: list[FileResult]) -> str:
    """The harmonic mean of precision and recall over some passages, as a percentage."""
    hits = sum(len(r.hits) for r in results)
    found = sum(len(r.found) for r in results)
    gold = sum(len(r.gold) for r in results)
    if not hits:
        return "n/a"
    return f"{200 * hits / (found + gold):5.1f}%"


def show_pair(pair: Pair) -> str:
    """A pair as ``gloss(hanja)``, or ``(hanja)`` for bare hanja."""
    gloss, hanja = pair
    return f"{gloss}({hanja})" if gloss else f"[bare] {hanja}"


def other_glosses(hanja: str, pairs: Iterable[Pair], exclude: Pair) -> list[str]:
    """Glosses given to the same hanja elsewhere (for span disagreements)."""
    return [repr(g) for g, h in pairs if h == hanja and (g, h) != exclude]


def report_verbose(result: FileResult) -> None:
    """List misses, false positives and wrong kinds of one passage."""
    for pair in result.misses:
        gold = result.gold[pair]
        alt = other_glosses(pair[1], result.found, pair)
        hint = f"  engine has gloss {', '.join(alt)}" if alt else ""
        note = f"  [{gold.note}]" if gold.note else ""
        print(f"    miss   {show_pair(pair)}  {gold.kind}{hint}{note}")
    for pair in result.false_positives:
        alt = other_glosses(pair[1], result.gold, pair)
        hint = f"  annotated gloss {', '.join(alt)}" if alt else ""
        print(f"    extra  {show_pair(pair)}  {result.found[pair]}{hint}")
    for pair in result.wrong_kinds:
        gold = result.gold[pair]
        want = "/".join(sorted(gold.accepted, key=KIND_ORDER.index))
        why = result.kind_notes.get(pair, "")
        why = f"  engine: {why}" if why else ""
        print(f"    kind   {show_pair(pair)}  want {want}, got {result.found[pair]}{why}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the report; always returns 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "dir",
        nargs="?",
        type=Path,
        default=DEFAULT_DIR,
        help="directory of NAME.txt + NAME.json (default: bench/eval)",
    )
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="list misses, false positives and wrong kinds"
    )
    args = parser.parse_args(argv)

    directory: Path = args.dir
    texts = sorted(directory.glob("*.txt"))
    if not texts:
        print(f"no .txt passages in {directory}")
        return 0

    results: list[FileResult] = []
    for txt in texts:
        ann = txt.with_suffix(".json")
        if not ann.exists():
            print(f"{txt.name}: no annotation ({ann.name}), skipped")
            continue
        try:
            results.append(evaluate(txt, ann))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            print(f"{txt.name}: unreadable annotation: {exc!r}, skipped")

    width = max((len(r.name) for r in results), default=10)
    print(f"Accuracy of glossary.extract_text on {len(results)} passages in {directory}")
    print()
    for r in results:
        hits = len(r.hits)
        kind_ok = hits - len(r.wrong_kinds)
        line = scores(hits, len(r.found), len(r.gold), kind_ok)
        print(f"{r.name:<{width}}  {line}")
        if r.error:
            print(f"    engine error: {r.error}")
        if args.verbose:
            report_verbose(r)

    def total(bare: bool) -> str:
        def keep(p: Pair) -> bool:
            return bare or p[0] != ""

        hits = sum(1 for r in results for p in r.hits if keep(p))
        found = sum(1 for r in results for p in r.found if keep(p))
        gold = sum(1 for r in results for p in r.gold if keep(p))
        wrong = sum(1 for r in results for p in r.wrong_kinds if keep(p))
        return scores(hits, found, gold, hits - wrong)

    print()
    print(f"{'overall':<{width}}  {total(True)}  F1 {f1(results)}")
    print(f"{'without bare':<{width}}  {total(False)}")
    classes = sorted({r.name.split("_", 1)[0] for r in results if _CLASS.match(r.name)})
    if classes:
        print()
        print("by class (file-name prefix):")
        for name in classes:
            group = [r for r in results if r.name.split("_", 1)[0] == name]
            hits = sum(len(r.hits) for r in group)
            found = sum(len(r.found) for r in group)
            gold = sum(len(r.gold) for r in group)
            wrong = sum(len(r.wrong_kinds) for r in group)
            line = scores(hits, found, gold, hits - wrong)
            print(f"  {name:<{width - 2}}  {line}  F1 {f1(group)}")
    print()
    print("by annotated kind:")
    for kind in KIND_ORDER:
        gold_n = sum(1 for r in results for g in r.gold.values() if g.kind == kind)
        hit_pairs = [(r, p) for r in results for p in r.hits if r.gold[p].kind == kind]
        ok = sum(1 for r, p in hit_pairs if r.found[p] in r.gold[p].accepted)
        recall = ratio(len(hit_pairs), gold_n)
        print(f"  {kind:<13}  R {recall:<18} kind {ratio(ok, len(hit_pairs))}")
    return 0


if __name__ == "__main__":
    main()
    sys.exit(0)
