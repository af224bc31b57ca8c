"""The article as shown: inline forms and pinyin, wrapping by cells, and the places of terms."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rich.cells import cell_len

from glossary import HANJA_CLASS, Suggestion, Term

_TOKEN = re.compile(r"\S+\s*|\s+")


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
        text: The shown text (the document's, with simplified forms or pinyin put in).
        marks: Pairs of (document offset, shown offset) where the two drift apart.
        pinyin: Shown spans of pinyin put in after hanja.
    """

    text: str
    marks: tuple[tuple[int, int], ...] = ()
    pinyin: tuple[tuple[int, int], ...] = ()

    def to_shown(self, offset: int) -> int:
        """Map a document offset to the shown text (pinyin put in before it counts).

        Args:
            offset: An offset into ``Document.text``.

        Returns:
            The offset of the same character in the shown text.
        """
        k = bisect_right(self.marks, (offset, len(self.text) + 1)) - 1
        if k < 0:
            return offset
        text_at, shown_at = self.marks[k]
        return shown_at + offset - text_at

    def to_document(self, shown: int) -> int:
        """Map a shown offset back to the document (put-in text maps to where it was put).

        Args:
            shown: An offset into the shown text.

        Returns:
            The document offset.
        """
        best = shown
        for text_at, shown_at in self.marks:
            if shown_at > shown:
                return min(best, text_at)
            best = text_at + shown - shown_at
        return best


def build_display(
    text: str, terms: Sequence[Term], *, simplified: bool = False, pinyin: bool = False
) -> Display:
    """Lay out the shown text: simplified forms in place of hanja, pinyin after them.

    Args:
        text: The document text.
        terms: The glossary's terms.
        simplified: Show each occurrence's hanja in its simplified form.
        pinyin: Put the pinyin after each occurrence's hanja.

    Returns:
        The shown text and its offset map.
    """
    if not terms or not (simplified or pinyin):
        return Display(text)
    edits: list[tuple[int, int, str, bool]] = []
    for term in terms:
        for occ in term.occurrences:
            if simplified and term.simplified and term.simplified != term.hanja:
                edits.append((occ.hanja_start, occ.hanja_end, term.simplified, False))
            if pinyin and term.pinyin:
                # A space after it too when a word follows (中国 zhōng guó 이다, not guó이다).
                after = text[occ.hanja_end : occ.hanja_end + 1]
                tail = " " if after and after.isalnum() else ""
                edits.append((occ.hanja_end, occ.hanja_end, " " + term.pinyin + tail, True))
    edits.sort(key=lambda e: (e[0], e[1]))
    parts: list[str] = []
    marks: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    done = 0
    shown = 0
    for start, end, replacement, is_pinyin in edits:
        if start < done:
            continue
        parts.append(text[done:start])
        shown += start - done
        marks.append((start, shown))
        if is_pinyin:
            spans.append((shown, shown + len(replacement)))
        parts.append(replacement)
        shown += len(replacement)
        marks.append((end, shown))
        done = end
    parts.append(text[done:])
    return Display("".join(parts), tuple(marks), tuple(spans))


def build_places(terms: Sequence[Term], display: Display) -> list[Place]:
    """List every occurrence and mention of every term as shown, in text order.

    Args:
        terms: The glossary's terms.
        display: The shown text.

    Returns:
        Places sorted by start; a place overlapping an earlier one is dropped.
    """
    found: list[Place] = []
    for index, term in enumerate(terms):
        for occ in term.occurrences:
            start, end = display.to_shown(occ.start), display.to_shown(occ.end)
            found.append(Place(start, end, index, False, occ.start))
        for mention in term.mentions:
            start, end = display.to_shown(mention.start), display.to_shown(mention.end)
            found.append(Place(start, end, index, True, mention.start, not mention.certain))
    found.sort(key=lambda p: (p.start, -p.end))
    places: list[Place] = []
    for place in found:
        if place.end <= place.start or (places and place.start < places[-1].end):
            continue
        places.append(place)
    return places


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


@dataclass(frozen=True)
class Lines:
    """Wrapped lines: each is ``text[starts[i]:ends[i]]`` of the shown text."""

    starts: list[int]
    ends: list[int]
    width: int

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The line that holds a shown offset.

        Args:
            offset: An offset into the shown text.

        Returns:
            The line number (0 for an empty text).
        """
        return max(0, bisect_right(self.starts, offset) - 1)


def wrap(text: str, width: int) -> Lines:
    """Wrap text to a width in terminal cells (hangul and hanja take two).

    Paragraphs break at newlines; lines break after spaces, and a word wider than the line
    breaks between characters. Spaces at the end of a line stay on that line.

    Args:
        text: The shown text.
        width: Cells per line.

    Returns:
        The lines.
    """
    width = max(width, 2)
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    while True:
        newline = text.find("\n", pos)
        end = len(text) if newline == -1 else newline
        _wrap_paragraph(text, pos, end, width, starts, ends)
        if newline == -1:
            break
        pos = newline + 1
    return Lines(starts, ends, width)


def _wrap_paragraph(
    text: str, start: int, end: int, width: int, starts: list[int], ends: list[int]
) -> None:
    if end - start <= width // 2 or cell_len(text[start:end]) <= width:
        starts.append(start)
        ends.append(end)
        return
    line_start = start
    x = 0
    for match in _TOKEN.finditer(text, start, end):
        token = match.group()
        word = token.rstrip()
        word_width = cell_len(word)
        if x + word_width <= width:
            x += word_width + cell_len(token[len(word) :])
            continue
        token_start = match.start()
        if x > 0:
            starts.append(line_start)
            ends.append(token_start)
            line_start = token_start
            x = 0
        if word_width <= width:
            x = word_width + cell_len(token[len(word) :])
            continue
        for i, ch in enumerate(word, token_start):
            ch_width = cell_len(ch)
            if x + ch_width > width and x > 0:
                starts.append(line_start)
                ends.append(i)
                line_start = i
                x = 0
            x += ch_width
        x += cell_len(token[len(word) :])
    starts.append(line_start)
    ends.append(end)
