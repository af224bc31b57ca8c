"""ArticleLayout: the shown text, its places and wrapped lines, and the look-ups between them."""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from operator import itemgetter

from rich.cells import cell_len

from glossary import Suggestion, Term
from reader.layout import (
    Display,
    Place,
    build_display,
    build_places,
    build_suggested,
)
from reader.wrapping import Lines, wrap


@contextmanager
def _collections_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a layout is made.

    A Chinese text has a place per word: hundreds of thousands of small tuples, which hold
    no cycles. Made with the collector on, they set off full collections that walk the
    previous layout's as well (a third of the time, twice that while another layout lives).
    Reference counting still frees what is dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class ArticleLayout:
    """One layout of a document at one width; a new one replaces it on any change.

    Attributes:
        display: The shown text (with simplified forms or pinyin put in, if asked).
        places: Every highlighted span, in text order.
        lines: The shown text wrapped to the width.
        suggested: Where unglossed transcriptions with suggested hanja stand:
            (start, end, index into the glossary's suggestions), in text order.
    """

    display: Display
    places: tuple[Place, ...] = ()
    lines: Lines = field(default_factory=lambda: Lines([], [], 0))
    _starts: tuple[int, ...] = ()
    suggested: tuple[tuple[int, int, int], ...] = ()

    @classmethod
    def build(
        cls,
        text: str,
        terms: Sequence[Term],
        *,
        width: int,
        simplified: bool = False,
        pinyin: bool = False,
        korean: bool = False,
        previous: ArticleLayout | None = None,
        suggestions: Sequence[Suggestion] = (),
    ) -> ArticleLayout:
        """Lay a document out.

        Args:
            text: The document text.
            terms: The glossary's terms (none before the glossary is ready).
            width: Cells per line (0: not wrapped yet).
            simplified: Show simplified forms in place of the hanja.
            pinyin: Put pinyin after the hanja.
            korean: Put the Sino-Korean reading after the hanja.
            previous: The layout this one replaces: its lines are kept when the shown text
                and the width are the same (wrapping a long text is the costly part).
            suggestions: The glossary's suggested hanja, whose words are marked too.

        Returns:
            The layout.
        """
        with _collections_paused():
            display = build_display(
                text, terms, simplified=simplified, pinyin=pinyin, korean=korean
            )
            places = tuple(build_places(terms, display))
            lines = Lines([], [], 0)
            if previous is not None and previous.display.text == display.text:
                lines = previous.lines
            layout = cls(
                display,
                places,
                lines,
                tuple(map(itemgetter(0), places)),
                tuple(build_suggested(suggestions, display, places)),
            )
            return layout.rewrap(width)

    def rewrap(self, width: int) -> ArticleLayout:
        """The same layout wrapped to another width.

        Args:
            width: Cells per line (0 or less leaves it unwrapped).

        Returns:
            A new layout (or this one when nothing changes).
        """
        if width <= 0 or (width == self.lines.width and self.lines):
            return self
        with _collections_paused():
            return replace(self, lines=wrap(self.display.text, width))

    @property
    def text(self) -> str:
        """The shown text."""
        return self.display.text

    def line_span(self, index: int) -> tuple[int, int]:
        """The first and last line a place covers.

        Args:
            index: An index into ``places``.

        Returns:
            (first, last) line numbers.
        """
        place = self.places[index]
        return self.lines.line_of(place.start), self.lines.line_of(max(place.start, place.end - 1))

    def places_between(self, start: int, end: int) -> Iterator[int]:
        """The places that overlap a span of the shown text.

        Args:
            start: Start of the span.
            end: End of the span.

        Yields:
            Indexes into ``places``, in order.
        """
        index = max(0, bisect_right(self._starts, start) - 1)
        while index < len(self.places) and self.places[index].start < end:
            if self.places[index].end > start:
                yield index
            index += 1

    def suggested_between(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The suggested words that overlap a span of the shown text.

        Args:
            start: Start of the span.
            end: End of the span.

        Returns:
            (start, end, suggestion index) spans, in order.
        """
        spans = self.suggested
        index = max(0, bisect_right(spans, (start, start, -1)) - 1)
        found = []
        while index < len(spans) and spans[index][0] < end:
            if spans[index][1] > start:
                found.append(spans[index])
            index += 1
        return found

    @cached_property
    def _by_term(self) -> dict[int, tuple[int, ...]]:
        """The places of each term (made when first asked: a Chinese text has a place per
        word, and opening it need not wait for this)."""
        by_term: dict[int, list[int]] = {}
        for index, place in enumerate(self.places):
            by_term.setdefault(place.term, []).append(index)
        return {term: tuple(indexes) for term, indexes in by_term.items()}

    def places_of(self, term: int) -> tuple[int, ...]:
        """Every place of a term.

        Args:
            term: The term's index.

        Returns:
            Indexes into ``places``.
        """
        return self._by_term.get(term, ())

    def first_place_of(self, term: int) -> int | None:
        """The first glossed place of a term (its first sure mention when it has none, and
        its first mention when all may be other words).

        Args:
            term: The term's index.

        Returns:
            An index into ``places``, or None.
        """
        indexes = self.places_of(term)
        for index in indexes:
            if not self.places[index].mention:
                return index
        for index in indexes:
            if not self.places[index].uncertain:
                return index
        return indexes[0] if indexes else None

    def place_from(self, shown: int) -> int:
        """The first place that starts at or after a shown offset.

        Args:
            shown: An offset into the shown text.

        Returns:
            An index into ``places`` (``len(places)`` when none follows).
        """
        return bisect_left(self._starts, shown)

    def place_starting_at(self, offset: int) -> int | None:
        """The place that starts at a document offset (to find a place again after a change).

        Args:
            offset: An offset into ``Document.text``.

        Returns:
            An index into ``places``, or None.
        """
        index = self.place_from(self.display.to_shown(offset))
        if index < len(self.places) and self.places[index].text_start == offset:
            return index
        return None

    def cell_x(self, line: int, shown: int) -> int:
        """How many cells into its line a shown offset is drawn.

        Args:
            line: The line.
            shown: An offset into the shown text, on that line.

        Returns:
            The cell column.
        """
        start = self.lines.starts[line]
        return cell_len(self.display.text[start : max(start, shown)])

    def document_offset_of_line(self, line: int) -> int:
        """The document offset where a line starts.

        Args:
            line: A line number (clamped).

        Returns:
            An offset into ``Document.text``.
        """
        if not self.lines:
            return 0
        line = max(0, min(line, len(self.lines) - 1))
        return self.display.to_document(self.lines.starts[line])

    def line_of_document_offset(self, offset: int) -> int:
        """The line that shows a document offset.

        Args:
            offset: An offset into ``Document.text``.

        Returns:
            A line number.
        """
        return self.lines.line_of(self.display.to_shown(offset))
