"""Words inside hanja runs: a quotation, 국한문혼용, a note or a Chinese document, word by word.

A run of hanja with no gloss ("我们要坚持改革开放", 國家賴之) is one bare candidate when it is
found; here it becomes one bare place per word (CC-CEDICT's longest match, libhangul's words,
names and numbers, by :mod:`glossary.dictionary.segment`), so each word is a term of its own with
its pinyin, forms and Sino-Korean reading. The run stays in the text around its words, for a
reader that shows the whole quotation (:func:`run_around`). Hanja inside a gloss's note
(시진핑(習近平·中國 國家主席)) are words of their own too, not part of the glossed term.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from operator import attrgetter
from typing import Literal, NamedTuple, Protocol, cast

from glossary.engine.cjk import HANJA_CLASS, is_hanja
from glossary.model import Occurrence, SentenceFinder, WordPlaces, unified_hanja


class Segmenter(Protocol):
    """What splits a run into words (:class:`glossary.dictionary.segment.Segmenter`)."""

    def segment(self, text: str) -> list[tuple[int, int]]:
        """The words of a text as (start, end) offsets; no word crosses a line break."""

    def word_starts(self, text: str) -> tuple[dict[str, list[int]], list[tuple[int, int]]]:
        """The same words by how they are written, each with its starts; and the numbers
        led by digits (2014年) as spans."""


Language = Literal["ko", "zh"]
Listed = Callable[[list[str]], Collection[str]]
"""Which of some hanja words a word list has (libhangul's, through the enricher)."""
# The longest word joined from a run's pieces (libhangul's words run to eight hanja and more,
# but those are phrases: 大韓民國臨時政府).
MAX_JOINED = 6
# A document is read as Chinese when at least this share of its hangul and hanja is hanja
# (國漢文混用 writes particles and endings in hangul, so it stays Korean).
CHINESE_SHARE = 0.9


@functools.cache
def _hanja_run() -> re.Pattern[str]:
    return re.compile(f"[{HANJA_CLASS}]+")


@functools.cache
def _digit() -> re.Pattern[str]:
    return re.compile("[0-9０-９]")


@functools.cache
def _hangul() -> re.Pattern[str]:
    return re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


def language_of(text: str, sample: int = 200_000) -> Language:
    """Tell whether a text is Korean or mostly Chinese (simplified or traditional).

    Args:
        text: The document text.
        sample: How many characters from the start (and as many from the middle) to count;
            a long text is judged on a sample.

    Returns:
        ``zh`` when hanja make at least nine tenths of its hangul and hanja letters,
            else ``ko``.
    """
    if len(text) > 2 * sample:
        middle = len(text) // 2
        text = text[:sample] + text[middle : middle + sample]
    hanja = sum(m.end() - m.start() for m in _hanja_run().finditer(text))
    if not hanja:
        return "ko"
    hangul = len(_hangul().findall(text))
    return "zh" if hanja >= CHINESE_SHARE * (hanja + hangul) else "ko"


class Run(NamedTuple):
    """A bare place (a run of hanja with no gloss) before it is split into words.

    A Chinese document has hundreds of thousands of runs: a named tuple, like
    :class:`glossary.engine.extract.Candidate`, and an :class:`Occurrence` only for a run
    that stays whole. ``sentence`` is None for a run found bare in the text (its hanja are
    ``text[hanja_start:hanja_end]``): its places then take the sentence around each of them,
    found only when an occurrence is made (see :class:`WordPlaces`).
    """

    hanja: str
    start: int
    end: int
    hanja_start: int
    hanja_end: int
    sentence: str | None
    note: str = ""

    @classmethod
    def of(cls, hanja: str, occurrence: Occurrence) -> Run:
        """The run of a bare place.

        Args:
            hanja: Its hanja.
            occurrence: Its place (no gloss span).

        Returns:
            The run.
        """
        o = occurrence
        return cls(hanja, o.start, o.end, o.hanja_start, o.hanja_end, o.sentence, o.note)

    def occurrence(self, sentences: SentenceFinder) -> Occurrence:
        """The place of the whole run.

        Args:
            sentences: Finds its sentence when the run does not carry one.

        Returns:
            The place.
        """
        sentence = self.sentence
        if sentence is None:
            sentence = sentences.around(self.start, self.end)
        return Occurrence(
            self.start,
            self.end,
            self.hanja_start,
            self.hanja_end,
            None,
            None,
            sentence,
            self.note,
        )


class BareTerm(NamedTuple):
    """The bare places of one term (hanja that differ only by compatibility ideographs are one).

    Attributes:
        hanja: The term's hanja as first written.
        occurrences: Its places, in text order: :class:`WordPlaces` when every one is a plain
            word place (no note, the sentence around it), else a list of occurrences.
        note: The first note of its places ("" when none has one).
    """

    hanja: str
    occurrences: list[Occurrence] | WordPlaces
    note: str


def bare_terms(
    text: str,
    runs: Sequence[Run],
    segmenter: Segmenter | None,
    sentences: SentenceFinder,
    plain: str | None = None,
    listed: Listed | None = None,
) -> list[BareTerm]:
    """Split bare runs of hanja into one place per word and gather the places by term.

    Runs are split some thousands at a time, in one call to the segmenter each (the runs
    joined by line breaks, which no word crosses: see
    :meth:`glossary.dictionary.segment.Segmenter.segment`), which gives the words each run
    would give alone. A word's places are kept as offsets while they are plain (a run found
    bare, no note): a Chinese document has millions. The plain runs may also come all at
    once as ``plain``, split in one pass with no work per run.

    Args:
        text: The document text.
        runs: Bare runs in the order their terms are to be named and listed (text order).
        segmenter: The word splitter; None keeps every run whole (no dictionary).
        sentences: Finds the sentence around a place (for runs that carry none).
        plain: The text with every character that is not in a plain run (found bare, no
            note, no sentence of its own) turned into a line break, its runs not in
            ``runs``; only with a segmenter.
        listed: For Korean text: which words the Sino-Korean word list has; the segmenter's
            words are then joined into such a word where one of them is a lone hanja
            (獨立|國 → 獨立國, 檀君王|儉 → 檀君王儉: see :func:`join_listed`).

    Returns:
        One entry per term, in order of first appearance; a run of one word is kept as it was.
    """
    # By hanja as written: the start of each plain word place, or an occurrence for any other
    # place (in text order either way); ``eager`` names the hanja with any other place. A
    # place that is plain but for its run's note stays an offset, its note in ``noted``: one
    # noted run must not make every place of 的 an occurrence.
    places: dict[str, list[int | Occurrence]] = {}
    eager: set[str] = set()
    notes: dict[str, str] = {}  # By unified hanja: the first note.
    noted: dict[str, dict[int, str]] = {}  # By hanja as written: the notes of offsets.

    def whole(run: Run) -> None:
        hanja = run.hanja
        if run.note:
            notes.setdefault(unified_hanja(hanja), run.note)
        if run.sentence is None and run.start == run.hanja_start and run.end == run.hanja_end:
            places.setdefault(hanja, []).append(run.start)
            if run.note:
                noted.setdefault(hanja, {})[run.start] = run.note
            return
        places.setdefault(hanja, []).append(run.occurrence(sentences))
        eager.add(hanja)

    pieces = [r for r in runs if len(r.hanja) > 1] if segmenter is not None else []
    split = _split(text, pieces, segmenter, listed) if segmenter is not None else iter(())
    get, new = places.get, places.setdefault
    place = tuple.__new__  # Occurrence's own __new__ is a Python function around it.
    for run in runs:
        hanja, start, end, hanja_start, hanja_end, sentence, note = run
        if not pieces or len(hanja) < 2:
            if sentence is None and not note and start == hanja_start and end == hanja_end:
                found = get(hanja)  # A place that is plain (as whole() keeps one), written out.
                if found is None:
                    found = new(hanja, [])
                found.append(start)
            else:
                whole(run)
            continue
        words, shift, digits = next(split)
        if len(words) <= 1 or text[hanja_start:hanja_end] != hanja:
            whole(run)
            continue
        if sentence is None:
            # Korean text with many quotations (a Chinese document's come as ``plain``).
            for a, b in words:
                at = a + shift
                if at < hanja_start:  # A number read with the digits before the run: 年 of 2014年.
                    at = hanja_start
                if digits and not is_hanja(text[at]):
                    continue  # A number is no word here: the run held digits.
                word = text[at : b + shift]
                found = get(word)
                if found is None:
                    found = new(word, [])
                found.append(at)
                if note:
                    noted.setdefault(word, {})[at] = note
                    notes.setdefault(unified_hanja(word), note)
            continue
        for a, b in words:
            at, to = max(a + shift, hanja_start), b + shift
            if digits and not is_hanja(text[at]):
                continue
            word = text[at:to]
            said = sentence if sentence is not None else sentences.around(at, to)
            new(word, []).append(place(Occurrence, (at, to, at, to, None, None, said, note)))
            eager.add(word)
            if note:
                notes.setdefault(unified_hanja(word), note)
    if plain is not None and segmenter is not None:
        places = _with_plain(text, plain, segmenter, places)
    return _by_term(places, eager, notes, noted, sentences)


def _with_plain(
    text: str, plain: str, segmenter: Segmenter, places: dict[str, list[int | Occurrence]]
) -> dict[str, list[int | Occurrence]]:
    """The places of the plain runs, split in one pass, with ``places`` (those of the other
    runs) among them: each word's places in text order, the words in order of first place."""
    found, apart = segmenter.word_starts(plain)
    merged = cast("dict[str, list[int | Occurrence]]", found)
    later = set(places)  # Words with places added after the pass.
    for a, b in apart:
        # 2014年, 1兆2500億: each run of hanja in the number is a place, as it is alone; a
        # name set aside (记者何长工) is one run.
        for part in _hanja_run().finditer(text, a, b):
            merged.setdefault(part.group(), []).append(part.start())
            later.add(part.group())
    if not later:
        return merged
    for hanja, more in places.items():
        merged.setdefault(hanja, []).extend(more)
    for hanja in later:
        merged[hanja].sort(key=_start)
    return dict(sorted(merged.items(), key=lambda item: _start(item[1][0])))


def _start(place: int | Occurrence) -> int:
    """Where a place kept as an offset or as an occurrence starts."""
    return place if isinstance(place, int) else place.start


# Runs segmented in one call: a chunk bounds the word list a call makes (on 10 MB of Chinese
# one list of every word's span would hold two million tuples at once).
_CHUNK = 1 << 14


def _split(
    text: str, pieces: list[Run], segmenter: Segmenter, listed: Listed | None = None
) -> Iterator[tuple[list[tuple[int, int]], int, bool]]:
    """The words of each piece, in order: their spans, what moves a span to the text, and
    whether the piece's chunk holds digits (only a number led by digits, 2014年, starts with
    something other than a hanja)."""
    bisect_left = bisect.bisect_left
    for at in range(0, len(pieces), _CHUNK):
        chunk = pieces[at : at + _CHUNK]
        # A piece starts at the digits just before its run, if any: 2014年来到 is 2014年|来到
        # as the segmenter reads the whole text (年 then a word of its own here), not 年来|到.
        starts = [_number_start(text, r.hanja_start) for r in chunk]
        joined = "\n".join(text[a : r.hanja_end] for a, r in zip(starts, chunk, strict=True))
        if max(joined) >= "\uf900":
            # Compatibility ideographs (音樂 with U+F914) are matched as their unified forms; a
            # text may hold other characters past U+F900, so the runs are unified one by one.
            joined = "\n".join(
                unified_hanja(text[a : r.hanja_end]) for a, r in zip(starts, chunk, strict=True)
            )
        spans = segmenter.segment(joined)
        if listed is not None:
            spans = join_listed(joined, spans, listed)
        digits = _digit().search(joined) is not None
        first = offset = 0  # The first word of the next piece; where it starts in joined.
        for start, run in zip(starts, chunk, strict=True):
            stop = offset + run.hanja_end - start
            # A piece of n characters has n words at most.
            last = bisect_left(spans, (stop,), first, min(len(spans), first + stop - offset))
            yield spans[first:last], start - offset, digits
            first, offset = last, stop + 1


def join_listed(
    text: str, spans: list[tuple[int, int]], listed: Listed, longest: int = MAX_JOINED
) -> list[tuple[int, int]]:
    """Words side by side joined into one word of a word list, where one of them is a lone hanja.

    Korean text writes Sino-Korean words that CC-CEDICT lacks (獨立國, 生存權, 檀君王儉,
    阿斯達): longest match leaves them in pieces, the last or first of which is one hanja
    that no dictionary word took. Such pieces are joined, longest first from the left, when
    libhangul's list has the whole. Whole words only are joined, so no dictionary word is
    cut (the Zhongwen rule); words of two characters or more side by side (世界|萬邦,
    人類|平等) stay apart, as Korean annotators write them, whatever the list holds.

    Args:
        text: The text the spans are of.
        spans: The segmenter's words, in order.
        listed: Which of some words the list has (one call for the whole text).
        longest: The longest word to join, in characters.

    Returns:
        The spans, some joined.
    """
    wanted = {
        word: None
        for i in range(len(spans) - 1)
        for _, word, lone in _joins(text, spans, i, longest)
        if lone
    }
    found = listed(list(wanted)) if wanted else ()
    if not found:
        return spans
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        taken = i  # The last word taken into the word from spans[i].
        for j, word, lone in _joins(text, spans, i, longest):
            if lone and word in found:
                taken = j
        out.append((spans[i][0], spans[taken][1]))
        i = taken + 1
    return out


def _joins(
    text: str, spans: list[tuple[int, int]], i: int, longest: int
) -> Iterator[tuple[int, str, bool]]:
    """The words that ``spans[i]`` and the words right after it make, hanja only and up to
    ``longest`` characters: the last word's index, the whole, and whether any part is one hanja."""
    run = _hanja_run()
    start, end = spans[i]
    if not run.fullmatch(text, start, end):
        return  # A number led by digits (2014年) joins nothing.
    lone = end - start == 1
    for j in range(i + 1, len(spans)):
        a, b = spans[j]
        if a != end or b - start > longest or not run.fullmatch(text, a, b):
            return
        lone = lone or b - a == 1
        yield j, text[start:b], lone
        end = b


def _number_start(text: str, start: int) -> int:
    """Where the digits just before a run of hanja start (the run's own start if none)."""
    if not start or not text[start - 1].isdigit():
        return start
    found = _digits_before().search(text, max(0, start - 24), start)
    return found.start() if found is not None else start


@functools.cache
def _digits_before() -> re.Pattern[str]:
    """Digits (a decimal point between them) that end where the search does."""
    return re.compile("[0-9０-９]+(?:[.．][0-9０-９]+)*$")


def _by_term(
    places: dict[str, list[int | Occurrence]],
    eager: set[str],
    notes: dict[str, str],
    noted: dict[str, dict[int, str]],
    sentences: SentenceFinder,
) -> list[BareTerm]:
    """Places by hanja as written, gathered by unified hanja (one term); ``noted`` gives the
    notes of places kept as offsets."""
    terms: dict[str, BareTerm] = {}
    for hanja, found in places.items():
        unified = unified_hanja(hanja)
        term = terms.get(unified)
        if term is None and hanja not in eager:
            starts = cast("list[int]", found)
            places_of = WordPlaces(starts, len(hanja), sentences, noted.get(hanja))
            terms[unified] = BareTerm(hanja, places_of, notes.get(unified, ""))
            continue
        made = _made(found, len(hanja), sentences, noted.get(hanja, {}))
        if term is None:
            terms[unified] = BareTerm(hanja, made, notes.get(unified, ""))
        else:  # 音樂 written two ways: one term, its places in text order.
            merged = [*term.occurrences, *made]
            merged.sort(key=attrgetter("start"))
            terms[unified] = term._replace(occurrences=merged)
    return list(terms.values())


def _made(
    found: list[int | Occurrence], length: int, sentences: SentenceFinder, noted: dict[int, str]
) -> list[Occurrence]:
    """The places of one written form as occurrences (word starts made into places, with
    their notes from ``noted``)."""
    made: list[Occurrence] = []
    for item in found:
        if isinstance(item, int):
            end = item + length
            sentence = sentences.around(item, end)
            note = noted.get(item, "")
            made.append(Occurrence(item, end, item, end, None, None, sentence, note))
        else:
            made.append(item)
    return made


def note_runs(text: str, occurrence: Occurrence) -> list[tuple[str, Occurrence]]:
    """The hanja inside a glossed place's note, as bare places of their own.

    시진핑(習近平·中國 國家主席): the note ``中國 國家主席`` holds two runs, 中國 and 國家主席.

    Args:
        text: The document text.
        occurrence: A glossed place.

    Returns:
        (run, occurrence) pairs for each run of hanja after the glossed hanja, before the
        place's end; none when the note holds no hanja.
    """
    if not occurrence.note:
        return []
    start = max(occurrence.hanja_end, occurrence.gloss_end or 0)
    return [
        (
            m.group(),
            Occurrence(
                start=m.start(),
                end=m.end(),
                hanja_start=m.start(),
                hanja_end=m.end(),
                gloss_start=None,
                gloss_end=None,
                sentence=occurrence.sentence,
            ),
        )
        for m in _hanja_run().finditer(text, start, occurrence.end)
    ]


def run_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole run of hanja (spaces, name dots and digits between hanja included) around a
    word: 習近平·中國 國家主席, 动物园里的３只幼虎.

    Args:
        text: The document text.
        start: Where the word starts.
        end: Where it ends.

    Returns:
        The run's (start, end); the word's own span when it stands alone.
    """
    while start > 0:
        at = start - 1 if _is_hanja_at(text, start - 1) else _across(text, start - 1, -1)
        if at is None:
            break
        start = at
    while end < len(text):
        at = end if _is_hanja_at(text, end) else _across(text, end, 1)
        if at is None:
            break
        end = at + 1
    return start, end


def _is_hanja_at(text: str, at: int) -> bool:
    return _hanja_run().match(text, at, at + 1) is not None


def _across(text: str, at: int, step: int) -> int | None:
    """The hanja across a gap that a run keeps (a space or name dot, or digits) starting at
    ``at`` and read in the direction of ``step``; None when there is none."""
    beyond = at + step
    if text[at] not in " ·":
        while 0 <= beyond < len(text) and text[beyond].isdigit():
            beyond += step
        if not text[at].isdigit():
            return None
    return beyond if 0 <= beyond < len(text) and _is_hanja_at(text, beyond) else None
