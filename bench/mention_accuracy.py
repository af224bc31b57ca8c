"""Benchmark: whether the engine's hangul-only mentions are really the term (issue 17 §3).

Run from the repository root: ``python bench/mention_accuracy.py FOLDER... [--verbose]``.

Every ``NAME.txt`` with a ``NAME.json`` beside it whose JSON has a ``mentions`` list is one
passage (``bench/mentions``, ``bench/mentions_heldout``, ``bench/eval3``). Each entry of the list
is one place where the hangul of a glossed term stands outside its glossed places:
``{"gloss", "hanja", "start", "end", "context", "link", "note"?}``, ``link`` saying whether the
place is the term (true) or another word spelled the same (false). Offsets are character
offsets into the NFC form of the text, which is what the engine is given.

The engine's mentions are scored as links: a *certain* mention asserts the link, an
*uncertain* one (``Mention.certain`` false) asserts nothing. A certain mention is right when
the annotation has a place with the same span and gloss and ``link`` true; anything else (a
place labelled false, a span or gloss the annotation does not have) is a wrong link.
Reported per file and overall:

- precision: right certain links / all certain links;
- recall: places labelled true that have a certain link / all places labelled true;
- R-found: the same recall over the places whose gloss the engine found at all (a gloss it
  missed or cut short has no mentions to judge: that is the gloss finder's error, not the
  mention judge's);
- uncertain: how many mentions the engine marked uncertain, and how many of those stand on a
  place labelled true (the links a reader is shown as guesses).

``--verbose`` lists, per file, the wrong links, the missed places and the uncertain mentions.
The script reports; it does not judge: it exits 0 whatever the scores.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from glossary.harvest import build_glossary  # noqa: E402
from glossary.sources.files import document_from_text  # noqa: E402

Span = tuple[int, int]


@dataclass
class Result:
    """One passage: the labelled places and what the engine linked."""

    name: str
    text: str
    gold: dict[Span, tuple[str, bool]]  # span -> (gloss, is the term)
    certain: dict[Span, str] = field(default_factory=dict)  # span -> gloss the engine linked
    uncertain: dict[Span, str] = field(default_factory=dict)
    glosses: set[str] = field(default_factory=set)  # every gloss the engine found

    def right(self) -> list[Span]:
        """Certain links on places labelled true with the same gloss."""
        return [s for s, g in self.certain.items() if self.gold.get(s) == (g, True)]

    def wrong(self) -> list[Span]:
        """Certain links that are not a place labelled true with that gloss."""
        return [s for s, g in self.certain.items() if self.gold.get(s) != (g, True)]

    def true_places(self) -> list[Span]:
        """Places labelled true."""
        return [s for s, (_, link) in self.gold.items() if link]

    def missed(self) -> list[Span]:
        """Places labelled true without a certain link of their gloss."""
        return [s for s in self.true_places() if self.certain.get(s) != self.gold[s][0]]

    def glossed_true_places(self) -> list[Span]:
        """Places labelled true whose gloss the engine found as a term."""
        return [s for s in self.true_places() if self.gold[s][0] in self.glosses]

    def uncertain_true(self) -> list[Span]:
        """Uncertain mentions standing on a place labelled true with their gloss."""
        return [s for s, g in self.uncertain.items() if self.gold.get(s) == (g, True)]


def nfc(text: str) -> str:
    """The NFC form (annotations and engine input alike)."""
    return unicodedata.normalize("NFC", text)


def evaluate(txt: Path, mentions: list[dict[str, object]]) -> Result:
    """Run the engine on one passage and collect its mentions beside the labels."""
    text = nfc(txt.read_text(encoding="utf-8"))
    gold: dict[Span, tuple[str, bool]] = {}
    for row in mentions:
        span = (int(str(row["start"])), int(str(row["end"])))
        gold[span] = (nfc(str(row["gloss"])), bool(row["link"]))
    result = Result(txt.stem, text, gold)
    glossary = build_glossary(document_from_text(text), dictionary=False)
    for term in glossary.terms:
        result.glosses.add(nfc(term.hangul))
        for mention in term.mentions:
            span = (mention.start, mention.end)
            found = result.certain if mention.certain else result.uncertain
            found[span] = nfc(term.hangul)
    return result


def ratio(num: int, den: int) -> str:
    """A fraction as 0.xxx with its counts, or n/a."""
    return f"{num / den:.3f} ({num}/{den})" if den else "  n/a (0/0)"


def line(results: list[Result]) -> str:
    """Precision, recall and uncertain counts over some passages."""
    right = sum(len(r.right()) for r in results)
    certain = sum(len(r.certain) for r in results)
    true = sum(len(r.true_places()) for r in results)
    found = sum(len(r.true_places()) - len(r.missed()) for r in results)
    glossed = sum(len(r.glossed_true_places()) for r in results)
    unsure = sum(len(r.uncertain) for r in results)
    unsure_true = sum(len(r.uncertain_true()) for r in results)
    return (
        f"P {ratio(right, certain):<18} R {ratio(found, true):<18} "
        f"R-found {ratio(found, glossed):<18} uncertain {unsure} ({unsure_true} on true places)"
    )


def show(result: Result, span: Span, gloss: str) -> str:
    """A place with its context."""
    start, end = span
    context = result.text[max(0, start - 8) : end + 8].replace("\n", "⏎")
    return f"{start:>5} {gloss}  «{context}»"


def report_verbose(result: Result) -> None:
    """List wrong links, missed places and uncertain mentions of one passage."""
    for span in sorted(result.wrong()):
        label = result.gold.get(span)
        why = "unlabelled place" if label is None else f"labelled {label}"
        print(f"    wrong    {show(result, span, result.certain[span])}  [{why}]")
    for span in sorted(result.missed()):
        print(f"    missed   {show(result, span, result.gold[span][0])}")
    for span in sorted(result.uncertain):
        label = result.gold.get(span)
        print(f"    unsure   {show(result, span, result.uncertain[span])}  [labelled {label}]")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark on the folders given and print the report; always returns 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of NAME.txt + NAME.json")
    parser.add_argument("--verbose", "-v", action="store_true", help="list the errors per file")
    args = parser.parse_args(argv)
    groups: list[tuple[Path, list[Result]]] = []
    for folder in args.folders:
        results = []
        for txt in sorted(folder.glob("*.txt")):
            ann = txt.with_suffix(".json")
            if not ann.exists():
                continue
            try:
                mentions = json.loads(ann.read_text(encoding="utf-8")).get("mentions")
            except (OSError, ValueError) as exc:
                print(f"{ann}: unreadable annotation: {exc}")
                continue
            if mentions:
                results.append(evaluate(txt, mentions))
        groups.append((folder, results))
    width = max((len(r.name) for _, rs in groups for r in rs), default=10)
    every: list[Result] = []
    for folder, results in groups:
        print(f"{folder} ({len(results)} passages with labelled mentions)")
        for r in results:
            print(f"  {r.name:<{width}}  {line([r])}")
            if args.verbose:
                report_verbose(r)
        print(f"  {'all of ' + folder.name:<{width}}  {line(results)}")
        print()
        every.extend(results)
    if len(groups) > 1:
        print(f"  {'overall':<{width}}  {line(every)}")
    return 0


if __name__ == "__main__":
    main()
    sys.exit(0)
