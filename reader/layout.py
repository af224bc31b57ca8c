"""The article as shown: inline forms and pinyin, and the places of terms (wrapping: see
:mod:`reader.wrapping`)."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import NamedTuple

from glossary import HANJA_CLASS, Occurrence, Suggestion, Term, WordPlaces
from reader.put_in import Inserted, put_in_text, space_after


@functools.cache
def _hanja_run() -> re.Pattern[str]:
    """Runs of hanja, compiled on first use. The glossary compiles this very pattern, so
    ``re``'s cache hands it over instead of compiling the large character class again."""
    return re.compile(f"[{HANJA_CLASS}]+")


def hanja_in(text: str, start: int, end: int) -> list[int]:
    """Where the ideographs of ``text[start:end]`` stand.

    Args:
        text: The text.
        start: Where to start looking.
        end: Where to stop.

    Returns:
        Their offsets in ``text``.
    """
    return [at for m in _hanja_run().finditer(text, start, end) for at in range(m.start(), m.end())]


class Place(NamedTuple):
    """One highlighted span of the shown text: a glossed occurrence or a later mention.

    A named tuple: a long text has tens of thousands, made in one go.

    Attributes:
        start: Where it starts in the shown text.
        end: Where it ends in the shown text.
        term: The index of its term in the glossary.
        mention: True for a hangul-only mention, False for a glossed (or bare) occurrence.
        text_start: Where it starts in ``Document.text``.
        uncertain: True for a mention whose hangul may be another word there (a guess).
    """

    start: int
    end: int
    term: int
    mention: bool
    text_start: int
    uncertain: bool = False


@dataclass(frozen=True)
class Display:
    """The document text as shown, with a map between document offsets and shown offsets.

    Attributes:
        text: The shown text (the document's, with simplified forms, pinyin or Sino-Korean
            readings put in).
        inserted: The text put in after hanja, in shown order.
        korean: Sino-Korean readings are put in.
        pinyin_shown: Pinyin is put in.
    """

    text: str
    inserted: tuple[Inserted, ...] = ()
    korean: bool = False
    pinyin_shown: bool = False
    # Where the document and the shown text drift apart, as document and shown offsets kept
    # apart: bisecting ints is several times faster than bisecting pairs (a Chinese text with
    # pinyin has two per word).
    _text_at: tuple[int, ...] = ()
    _shown: tuple[int, ...] = ()
    # Insertions (by shown start) whose place reads the word otherwise than its term: 为 wéi.
    placed: dict[int, Term] = field(default_factory=dict)

    @property
    def edited(self) -> bool:
        """Whether anything was put in or replaced."""
        return bool(self._text_at)

    @property
    def pinyin(self) -> tuple[tuple[int, int], ...]:
        """Shown spans of text put in after hanja (pinyin, readings), as (start, end)."""
        return tuple((i.start, i.end) for i in self.inserted)

    def to_shown(self, offset: int) -> int:
        """Map a document offset to the shown text (text put in before it counts).

        Args:
            offset: An offset into ``Document.text``.

        Returns:
            The offset of the same character in the shown text.
        """
        k = bisect_right(self._text_at, offset) - 1
        if k < 0:
            return offset
        return self._shown[k] + offset - self._text_at[k]

    def to_shown_end(self, offset: int) -> int:
        """Map the end of a document span to the shown text: text put in there is after it.

        Args:
            offset: An offset into ``Document.text`` where a span ends.

        Returns:
            The shown offset just after the span's last character.
        """
        k = bisect_left(self._text_at, offset)
        if k < len(self._text_at) and self._text_at[k] == offset:
            return self._shown[k]
        return self.to_shown(offset)

    def all_to_shown(self, offsets: list[int], *, ends: bool = False) -> list[int]:
        """Map many document offsets at once (as :meth:`to_shown`, or :meth:`to_shown_end`).

        Args:
            offsets: Offsets into ``Document.text``.
            ends: They are ends of spans: text put in there is after them.

        Returns:
            The shown offsets, in the same order.
        """
        text_at, shown_at = self._text_at, self._shown
        if not ends:
            after = map(bisect_right, repeat(text_at), offsets)
            return [
                shown_at[k - 1] + o - text_at[k - 1] if k else o
                for k, o in zip(after, offsets, strict=True)
            ]
        count = len(text_at)
        at = map(bisect_left, repeat(text_at), offsets)
        return [
            shown_at[k]
            if k < count and text_at[k] == o
            else (shown_at[k - 1] + o - text_at[k - 1] if k else o)
            for k, o in zip(at, offsets, strict=True)
        ]

    def to_document(self, shown: int) -> int:
        """Map a shown offset back to the document (put-in text maps to where it was put).

        Args:
            shown: An offset into the shown text.

        Returns:
            The document offset.
        """
        k = bisect_right(self._shown, shown) - 1
        best = shown if k < 0 else self._text_at[k] + shown - self._shown[k]
        if k + 1 < len(self._text_at):
            return min(best, self._text_at[k + 1])
        return best

    def inserted_between(self, start: int, end: int) -> list[Inserted]:
        """The text put in that overlaps a span of the shown text.

        Args:
            start: Start of the span.
            end: End of the span.

        Returns:
            The insertions, in order.
        """
        spans = self.inserted
        index = max(0, bisect_right(spans, (start,)) - 1)
        found = []
        while index < len(spans) and spans[index].start < end:
            if spans[index].end > start:
                found.append(spans[index])
            index += 1
        return found


def build_display(
    text: str,
    terms: Sequence[Term],
    *,
    simplified: bool = False,
    pinyin: bool = False,
    korean: bool = False,
) -> Display:
    """Lay out the shown text: simplified forms in place of hanja, readings after them.

    Args:
        text: The document text.
        terms: The glossary's terms.
        simplified: Show each occurrence's hanja in its simplified form.
        pinyin: Put the pinyin after each occurrence's hanja.
        korean: Put the Sino-Korean reading after each occurrence's hanja.

    Returns:
        The shown text and its offset map.
    """
    if not terms or not (simplified or pinyin or korean):
        return Display(text)
    # (start, end, replacement, term put in for or -1, bracketed)
    edits: list[tuple[int, int, str, int, bool]] = []
    # What is put in (by document offset) where a place reads a word otherwise than its term.
    placed: dict[int, tuple[str, Term]] = {}
    spaced: dict[tuple[str, bool], bool] = {}  # space_after by next character (a call each
    for index, term in enumerate(terms):  # is a tenth of the time on a Chinese text)
        swap = simplified and term.simplified and term.simplified != term.hanja
        inner = put_in_text(term, korean=korean, pinyin=pinyin) if pinyin or korean else ""
        bare_put = f"({inner})" if inner else ""
        glossed_put = f" {inner}" if inner else ""
        places = term.occurrences
        first = len(edits)
        if isinstance(places, WordPlaces):  # A place per word: the edits made in one go.
            edits += _word_edits(
                text, places, index, term.simplified if swap else "", bare_put, spaced
            )
        else:
            for hanja_start, at, bracketed in _hanja_spans(places):
                if swap:
                    edits.append((hanja_start, at, term.simplified, -1, False))
                put = bare_put if bracketed else glossed_put
                if put:
                    key = (text[at : at + 1], bracketed)
                    space = spaced.get(key)
                    if space is None:
                        space = spaced[key] = space_after(*key)
                    edits.append((at, at, put + " " if space else put, index, bracketed))
        if (pinyin or korean) and len(term.hanja) == 1 and not term.hangul:
            _read_at_places(text, term, index, (edits, first), (korean, pinyin), placed)
    edits.sort()
    new = tuple.__new__
    parts: list[str] = []
    text_at: list[int] = []
    shown_at: list[int] = []
    inserted: list[Inserted] = []
    shown_placed: dict[int, Term] = {}
    done = 0
    shown = 0
    for start, end, replacement, term_index, bracketed in edits:
        if start < done:
            continue
        parts.append(text[done:start])
        shown += start - done
        text_at.append(start)
        shown_at.append(shown)
        if term_index >= 0:
            if placed and start in placed:
                replacement, shown_placed[shown] = placed[start]
            span = (shown, shown + len(replacement), term_index, bracketed)
            inserted.append(new(Inserted, span))
        parts.append(replacement)
        shown += len(replacement)
        text_at.append(end)
        shown_at.append(shown)
        done = end
    parts.append(text[done:])
    return Display(
        "".join(parts),
        tuple(inserted),
        korean,
        pinyin,
        tuple(text_at),
        tuple(shown_at),
        shown_placed,
    )


class _Puts(dict[str, str]):
    """What goes after a bare word, by the character after it: the reading in brackets, and
    a space when that character needs one (see ``space_after``)."""

    def __init__(self, put: str, spaced: dict[tuple[str, bool], bool]) -> None:
        super().__init__()
        self.put = put
        self.spaced = spaced

    def __missing__(self, after: str) -> str:
        key = (after, True)
        space = self.spaced.get(key)
        if space is None:
            space = self.spaced[key] = space_after(*key)
        found = self[after] = self.put + " " if space else self.put
        return found


def _word_edits(
    text: str,
    places: WordPlaces,
    index: int,
    simplified: str,
    put: str,
    spaced: dict[tuple[str, bool], bool],
) -> list[tuple[int, int, str, int, bool]]:
    """:func:`build_display`'s edits for a word's places: its simplified form in place of it
    (when ``simplified`` is given), then ``put`` after it (when there is one)."""
    n, starts = places.length, places.starts
    edits = [(s, s + n, simplified, -1, False) for s in starts] if simplified else []
    if put:
        puts = _Puts(put, spaced)
        edits += [(s + n, s + n, puts[text[s + n : s + n + 1]], index, True) for s in starts]
    return edits


def _read_at_places(
    text: str,
    term: Term,
    index: int,
    edits: tuple[list[tuple[int, int, str, int, bool]], int],
    shown: tuple[bool, bool],
    placed: dict[int, tuple[str, Term]],
) -> None:
    """Note where a place gives a word of one character a reading its term has not (为 wéi in
    以…为中心, where the term reads wèi; 只 the measure word 隻 척 in ３只, where it is 지): for
    each such edit among the term's (``edits`` from the index given), what is put in there
    instead and the term as read there go into ``placed`` by document offset. ``shown`` says
    whether the Sino-Korean reading and the pinyin are put in; with only the former, a place
    counts only where that reading differs. The term's edits are only looked at when there is
    one: most characters (的, 了...) have none."""
    from glossary.dictionary.lookup import read_at_places

    korean, pinyin = shown
    found = read_at_places(term, text, _place_starts(term.occurrences))
    if not pinyin:
        found = {at: t for at, t in found.items() if t.sino_korean != term.sino_korean}
    if not found:
        return
    every, first = edits
    n = len(term.hanja)
    for k in range(first, len(every)):
        at, _, put, term_index, bracketed = every[k]
        reading = found.get(at - n) if term_index == index and bracketed else None
        if reading is not None:
            inner = put_in_text(reading, korean=korean, pinyin=pinyin)
            placed[at] = (f"({inner})" + (" " if put.endswith(" ") else ""), reading)


def _place_starts(places: Sequence[Occurrence]) -> Sequence[int]:
    """Where a term's places start."""
    if isinstance(places, WordPlaces):
        return places.starts
    return [o.hanja_start for o in places]


def _hanja_spans(places: Sequence[Occurrence]) -> Iterable[tuple[int, int, bool]]:
    """Each place's hanja span and whether it is bare hanja with nothing after them (a
    reading then goes in brackets); word places without making their occurrences."""
    if isinstance(places, WordPlaces):
        n = places.length
        return ((s, s + n, True) for s in places.starts)
    return (
        (o.hanja_start, o.hanja_end, o.gloss_start is None and o.hanja_end == o.end) for o in places
    )


def same_places(
    old: Sequence[Term],
    old_suggested: Sequence[Suggestion],
    new: Sequence[Term],
    new_suggested: Sequence[Suggestion],
) -> bool:
    """Whether two glossaries of a text have the same terms and suggestions in the same places
    (an outline and the glossary that explains its words: see ``ReaderApp.finish_glossary``)."""
    if len(old) != len(new) or old_suggested != new_suggested:
        return False
    return all(
        a.key == b.key and a.occurrences == b.occurrences and a.mentions == b.mentions
        for a, b in zip(old, new, strict=True)
    )


def build_places(terms: Sequence[Term], display: Display) -> list[Place]:
    """List every occurrence and mention of every term as shown, in text order.

    A Chinese text has a place per word (hundreds of thousands), so this works on plain
    tuples in document offsets, drops overlaps, and only then maps the places kept to the
    shown text, all offsets at once.

    Args:
        terms: The glossary's terms.
        display: The shown text.

    Returns:
        Places sorted by start; a place overlapping an earlier one is dropped, and of
        places starting together the longest is kept.
    """
    found: list[tuple[int, int, int, bool, int, bool]] = []
    for index, term in enumerate(terms):
        places = term.occurrences
        if isinstance(places, WordPlaces):  # Offsets: no occurrence need be made.
            n = places.length
            found += [(s, s + n, index, False, s, False) for s in places.starts]
        else:
            found += [(o.start, o.end, index, False, o.start, False) for o in places]
        found += [(m.start, m.end, index, True, m.start, not m.certain) for m in term.mentions]
    found.sort()  # by start, then end: the tuples as they are, several times faster than a key
    kept: list[tuple[int, int, int, bool, int, bool]] = []
    last_start = last_end = -1
    for place in found:
        start, end = place[0], place[1]
        if end <= start:
            continue
        if start == last_start:
            if end > last_end:
                kept[-1] = place
                last_end = end
            continue
        if start < last_end:
            continue
        kept.append(place)
        last_start, last_end = start, end
    new = tuple.__new__  # twice as fast as Place(...), a Python function
    if not display.edited:  # Nothing put in: shown offsets are the document's (the usual case).
        return [new(Place, place) for place in kept]
    starts = display.all_to_shown([place[0] for place in kept])
    ends = display.all_to_shown([place[1] for place in kept], ends=True)
    return [
        new(Place, (start, end, place[2], place[3], place[4], place[5]))
        for start, end, place in zip(starts, ends, kept, strict=True)
        if end > start
    ]


def build_suggested(
    suggestions: Sequence[Suggestion], display: Display, places: Sequence[Place]
) -> list[tuple[int, int, int]]:
    """List where each suggested word stands as shown, outside every term's place.

    Args:
        suggestions: The glossary's suggested hanja (unglossed transcriptions).
        display: The shown text.
        places: The terms' places (a suggestion never covers one; this makes sure).

    Returns:
        (start, end, index into ``suggestions``) spans sorted by start, not overlapping.
    """
    starts = [p.start for p in places]
    found: list[tuple[int, int, int]] = []
    for index, suggestion in enumerate(suggestions):
        for place in suggestion.places:
            start, end = display.to_shown(place.start), display.to_shown(place.end)
            k = bisect_right(starts, start) - 1
            before = places[k] if k >= 0 else None
            after = places[k + 1] if k + 1 < len(places) else None
            if (before and before.end > start) or (after and after.start < end):
                continue
            found.append((start, end, index))
    found.sort()
    spans: list[tuple[int, int, int]] = []
    for span in found:
        if span[1] > span[0] and not (spans and span[0] < spans[-1][1]):
            spans.append(span)
    return spans
