"""Benchmark: 为 地 得 过 种 长 只 read and 将 explained by their place (engine.placed), vs labels.

Run from the repository root::

    python bench/placed_readings.py              # the development places (both sets)
    python bench/placed_readings.py --heldout    # the held-out places (once, at the end)
    python bench/placed_readings.py --verbose    # also list every disagreement

The places are 为 as a word of its own (PKU's hand segmentation) in the People's Daily of
January 1998, drawn at random from one half of the corpus (``bench/peoples_daily.py``'s halves:
even blocks for development, odd ones held out) and labelled wéi or wèi by hand from their
context before the rule read them: ``bench/placed/wei-development.tsv`` and
``wei-development2.tsv`` (80 places each; the second was held out for the rule's first version,
then seen), ``wei-heldout.tsv`` (80 places of the held-out half, none of the second set's,
read once for the rule's second version) and ``wei-heldout2.tsv`` (80 more, none of either,
labelled before the rule's third version read them).
The corpus is fetched as ``bench/peoples_daily.py`` says; each place's context is checked
against it.

地: every place of 地 as a word of its own in the half, labelled by PKU's hand tags: ``u`` the
particle de, ``n`` the noun dì (the few others left out); the term reads de in running Chinese
(before: de everywhere).

过: every place PKU tags ``u`` (the particle guo), ``v`` or ``d`` (guò: the verb, the adverb
"excessively"); before, every place read guò.

种: every place PKU tags ``q`` (the measure word zhǒng) or ``v`` (the verb zhòng, "to plant").

长: every place PKU tags ``a``, ``ad`` or ``Ng`` (cháng: "long", 之长 "strong point") or ``v``
(the verb zhǎng, "to grow"; a few of its places are cháng, 长驻, and count as zhǎng).

只: every place PKU tags ``d`` (the adverb zhǐ, "only") or ``q`` (the measure word zhī). PKU
cuts 这|只|是 where CC-CEDICT's 只是 is one word, so some of its places are none of ours.

将: every place PKU tags ``p`` (the object marker, as 把) or ``d`` ("will"): whether the
place puts the object marker's sense first (``senses_at``).

A surname alone before a title (江主席, 李总理: "surname Jiang" first, not "river";
``surnames.before_title``): every one-character word of the half where the rule fires, right
when PKU tags it ``nr`` with no ``nr`` beside it (a surname alone, not 江|泽民); and every such
lone surname, found or not (recall; those before 家, 氏 or a bracket are no title's).

Reported: the share of places read as labelled, by the rule and by the one reading every place
had before it (wèi, pypinyin's and CC-CEDICT's first), and per reading the places labelled so,
how many the rule reads so (recall) and how many of those it read so were (precision). The script
reports; it exits 0 whatever the scores.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import peoples_daily  # noqa: E402

from glossary.engine.placed import PLACED_READINGS, read_at, senses_at  # noqa: E402
from glossary.engine.surnames import before_title  # noqa: E402

LABELS = ROOT / "bench" / "placed"


def labelled(path: Path) -> list[tuple[int, str, str]]:
    """The labelled places of a file: (offset, reading, context)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        offset, reading, context = line.split("\t")
        rows.append((int(offset), reading, context))
    return rows


def main() -> None:
    """Score the rule on one set of labelled places."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--heldout", action="store_true", help="score the held-out places")
    parser.add_argument("--verbose", action="store_true", help="list every disagreement")
    parser.add_argument("--corpus", type=Path, help="the tagged corpus file, if not cached")
    args = parser.parse_args()
    paragraphs = peoples_daily.paragraphs(peoples_daily.corpus_path(args.corpus))
    sets = ("heldout", "heldout2") if args.heldout else ("development", "development2")
    for name in sets:
        text = peoples_daily.half(paragraphs, name != "development").text
        _score("为", name, labelled(LABELS / f"wei-{name}.tsv"), text, args.verbose)
    part = peoples_daily.half(paragraphs, args.heldout)
    half = "held-out half" if args.heldout else "development half"
    # 地: PKU's u is the particle de, its n the noun dì.
    _score("地", half, _tagged(part, "地", {"u": "de5", "n": "di4"}), part.text, args.verbose)
    # 得: the places PKU tags u (de), and those it tags v, labelled dé or děi by hand.
    name = "heldout" if args.heldout else "development"
    verbs = [(o, "de5" if r == "de2" else r, c) for o, r, c in labelled(LABELS / f"de-{name}.tsv")]
    particles = _tagged(part, "得", {"u": "de5"})
    _score("得", f"{half} (dé counted as de)", verbs + particles, part.text, args.verbose)
    # 过: PKU's u is the particle guo, its v and d the verb and the adverb guò.
    crossed = _tagged(part, "过", {"u": "guo5", "v": "guo4", "d": "guo4"})
    _score("过", half, crossed, part.text, args.verbose, ("guò", "guo4"))
    tagged = (
        # 种: PKU's q is the measure word zhǒng, its v the verb zhòng.
        ("种", {"q": "zhong3", "v": "zhong4"}),
        # 长: PKU's a, ad and Ng are cháng (long; 之长, a strong point), its v the verb zhǎng.
        ("长", {"a": "chang2", "ad": "chang2", "Ng": "chang2", "v": "zhang3"}),
        # 只: PKU's d is the adverb zhǐ ("only"), its q the measure word zhī.
        ("只", {"d": "zhi3", "q": "zhi1"}),
        # 重: PKU's a (heavy) and v (to value) are zhòng, its d (again) and q (layer) chóng.
        ("重", {"a": "zhong4", "v": "zhong4", "d": "chong2", "q": "chong2"}),
        # 处: PKU's n and q are the noun chù (place), its v the verb chǔ.
        ("处", {"n": "chu4", "q": "chu4", "v": "chu3"}),
    )
    for char, tags in tagged:
        _score(char, half, _tagged(part, char, tags), part.text, args.verbose)
    _senses("将", half, part, args.verbose)
    _surnames(half, part, args.verbose)


def _tagged(
    part: peoples_daily.Half, char: str, tags: dict[str, str]
) -> list[tuple[int, str, str]]:
    """The places of a character alone that PKU tags with one of ``tags``, each labelled with
    the reading its tag gives: (offset, reading, context)."""
    return [
        (w.start, tags[w.tag], _context(part.text, w.start))
        for w in part.words
        if w.tag in tags and part.text[w.start : w.end] == char
    ]


def _senses(char: str, name: str, part: peoples_daily.Half, verbose: bool) -> None:
    """Print how often the object marker is put first where PKU tags 将 a preposition (``p``),
    and "will" left first where it tags it an adverb (``d``)."""
    text = part.text
    counts = {(tag, ours): 0 for tag in "pd" for ours in "pd"}
    for w in part.words:
        if w.tag in ("p", "d") and text[w.start : w.end] == char:
            ours = "p" if senses_at(text, w.start) else "d"
            counts[(w.tag, ours)] += 1
            if verbose and ours != w.tag:
                print(f"  {w.tag} read {ours}: {' '.join(_context(text, w.start).split())}")
    total = sum(counts.values())
    right = counts[("p", "p")] + counts[("d", "d")]
    marker = counts[("p", "p")] + counts[("p", "d")]
    put = counts[("p", "p")] + counts[("d", "p")]
    print(f"{char} alone, People's Daily 1998-01, {name}: {total} places PKU tags p or d")
    print(f"  sense first as tagged: {right}/{total} = {right / total:.3f}")
    print(
        f'  "will" first everywhere (before): {total - marker}/{total} = {1 - marker / total:.3f}'
    )
    print(
        f"  object marker put first: recall {counts[('p', 'p')] / marker:.3f}, "
        f"precision {counts[('p', 'p')] / put if put else 0.0:.3f}"
    )


def _surnames(name: str, part: peoples_daily.Half, verbose: bool) -> None:
    """Print how often a one-character word the rule reads as a surname before a title is one
    PKU tags a surname alone (precision), and how many of those it finds (recall)."""
    text, words = part.text, part.words
    fired = right = lone = 0
    for i, w in enumerate(words):
        if w.end - w.start != 1:
            continue
        alone = (
            w.tag == "nr"
            and (i + 1 == len(words) or words[i + 1].tag != "nr")
            and (i == 0 or words[i - 1].tag != "nr")
        )
        found = before_title(text, w.start)
        fired += found
        lone += alone
        right += found and alone
        if verbose and found and not alone:
            print(f"  {w.tag} read nr: {' '.join(_context(text, w.start).split())}")
    print(f"surname alone before a title, People's Daily 1998-01, {name}:")
    print(f"  read so: {fired} places, {right} a surname alone by PKU: {right / fired:.3f}")
    print(f"  lone surnames (PKU): {lone}, found {right}: recall {right / lone:.3f}")


def _context(text: str, at: int) -> str:
    """The place in its context, as the label files write it."""
    return f"{text[max(0, at - 20) : at]}【{text[at]}】{text[at + 1 : at + 10]}"


def _score(
    char: str,
    name: str,
    rows: list[tuple[int, str, str]],
    text: str,
    verbose: bool,
    before_reading: tuple[str, str] | None = None,
) -> None:
    """Print how the rule reads one set of labelled places of a character, beside the one
    reading every place had before (by default the usual one)."""
    (usual_marked, usual), (_, other) = PLACED_READINGS[char]
    readings = (other, usual)
    before_marked, before_numbered = before_reading or (usual_marked, usual)
    right = before = 0
    labels = dict.fromkeys(readings, 0)
    read = dict.fromkeys(readings, 0)
    both = dict.fromkeys(readings, 0)
    for offset, reading, context in rows:
        left = context.split("【", 1)[0].replace("\n", " ")
        shown = text[max(0, offset - len(left)) : offset].replace("\n", " ")
        if text[offset] != char and text[offset] not in "为為" or shown != left:
            raise SystemExit(f"placed_readings: the corpus differs at {offset}: {context}")
        found = read_at(text, offset)
        ours = found[1] if found else usual
        labels[reading] += 1
        read[ours] += 1
        both[reading] += ours == reading
        right += ours == reading
        before += reading == before_numbered
        if verbose and ours != reading:
            print(f"  {reading} read {ours}: {' '.join(context.split())}")
    total = len(rows)
    print(f"{char} alone, People's Daily 1998-01, {name}: {total} places labelled")
    print(f"  read as labelled: {right}/{total} = {right / total:.3f}")
    print(f"  always {before_marked} (before): {before}/{total} = {before / total:.3f}")
    print("  reading  labelled  recall  precision")
    for reading in readings:
        recall = both[reading] / labels[reading] if labels[reading] else 0.0
        precision = both[reading] / read[reading] if read[reading] else 0.0
        print(f"  {reading:7}  {labels[reading]:8}  {recall:6.3f}  {precision:9.3f}")


if __name__ == "__main__":
    main()
