"""ArticleInput: the article view's pointer and keyboard navigation, and where places are drawn."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple, Self

from textual import events
from textual.errors import NoWidget
from textual.geometry import Offset, Region, Spacing
from textual.message import Message
from textual.scroll_view import ScrollView

from glossary import Document, Term, run_around
from reader.article_layout import ArticleLayout
from reader.layout import Display, Place
from reader.term_info import Run
from reader.wrapping import Lines

if TYPE_CHECKING:
    _ViewBase = ScrollView
else:
    _ViewBase = object


class Hover(NamedTuple):
    """What the pointer is over: a place of a term, or an unglossed hanja character.

    Attributes:
        place: Index into the view's places, or None for a character.
        char: Shown offset of the hanja character, or None for a place.
        line: The (virtual) line under the pointer, where a card hangs.
        suggestion: Index into the glossary's suggestions, for a word with suggested hanja.
        suggestion_start: Shown offset where that word starts.
    """

    place: int | None
    char: int | None
    line: int
    suggestion: int | None = None
    suggestion_start: int | None = None


class ArticleInput(_ViewBase):
    """Hover, clicks, walking the terms, and screen positions, for :class:`ArticleView`.

    A plain mixin at run time (Textual finds ``on_*`` handlers along the MRO); to the type
    checker a ``ScrollView``, with the parts of ``ArticleView`` it uses declared below.
    """

    if TYPE_CHECKING:
        hovered_term: int | None
        current_term: int | None
        document: Document
        terms: tuple[Term, ...]
        text_layout: ArticleLayout
        hover: Hover | None
        hover_preview: bool
        current_place: int | None
        _center_next: bool
        HoverChanged: Callable[[Self], Message]
        SuggestionClicked: Callable[[Self, int], Message]

        @property
        def display_text(self) -> Display: ...

        @property
        def places(self) -> tuple[Place, ...]: ...

        @property
        def lines(self) -> Lines: ...

        def _refresh_one(self, line: int) -> None: ...

    # ------------------------------------------------------------------ hover

    def on_mouse_move(self: Self, event: events.MouseMove) -> None:
        """Read the term (or hanja) under the pointer from the style's meta.

        A move of the pointer brings back the preview that a key put aside.
        """
        if not self.hover_preview:
            self.hover_preview = True
            self.post_message(self.HoverChanged(self))
        offset = event.get_content_offset(self)
        line = None if offset is None else offset.y + int(self.scroll_y)
        self._set_hover(event.style.meta, line)

    def on_click(self: Self, event: events.Click) -> None:
        """Clicking a term makes it the current term (as if walked to with the keyboard).

        Clicking a word with suggested hanja asks for the list of suggestions.
        """
        place = event.style.meta.get("at")
        if isinstance(place, int) and 0 <= place < len(self.places):
            self.go_to_place(place)
        suggestion = event.style.meta.get("suggestion")
        if isinstance(suggestion, int):
            self.post_message(self.SuggestionClicked(self, suggestion))

    def on_leave(self, event: events.Leave) -> None:
        """The pointer left the view: nothing is hovered."""
        self._set_hover({}, None)

    def recheck_pointer(self) -> None:
        """Update the hover from what is now under a still pointer (after scrolling)."""
        if not self.is_attached or not self.is_mouse_over:
            return
        x, y = self.app.mouse_position
        try:
            widget, _ = self.screen.get_widget_at(x, y)
        except NoWidget:
            return
        if widget is self:
            line = y - self.content_region.y + int(self.scroll_y)
            self._set_hover(self.screen.get_style_at(x, y).meta, line)

    def _set_hover(self: Self, meta: dict[str, object], line: int | None) -> None:
        place, char = meta.get("at"), meta.get("char")
        suggestion, start = meta.get("suggestion"), meta.get("from")
        hover: Hover | None = None
        if line is not None and isinstance(place, int) and 0 <= place < len(self.places):
            hover = Hover(place, None, line)
        elif line is not None and isinstance(char, int):
            hover = Hover(None, char, line)
        elif line is not None and isinstance(suggestion, int) and isinstance(start, int):
            hover = Hover(None, None, line, suggestion, start)
        if hover == self.hover:
            return
        for old_or_new in (self.hover, hover):
            if old_or_new is not None and old_or_new.char is not None:
                self._refresh_one(self.lines.line_of(old_or_new.char))
        self.hover = hover
        term = None if hover is None or hover.place is None else self.places[hover.place].term
        self.hovered_term = term
        self.post_message(self.HoverChanged(self))

    def hovered_char(self) -> str | None:
        """The unglossed hanja under the pointer, if any."""
        if self.hover is None or self.hover.char is None:
            return None
        return self.display_text.text[self.hover.char]

    def run_at(self, index: int | None) -> Run | None:
        """The run of hanja a place's word stands in, when it is longer than the word.

        A quotation (我们要坚持改革开放) or a Chinese clause is split into words, each a
        term: the run lets a card show the whole of it.

        Args:
            index: Index into ``places``, or None.

        Returns:
            The run and where the word is in it; None for a mention, a word standing
            alone, or no place.
        """
        if index is None or not 0 <= index < len(self.places):
            return None
        place = self.places[index]
        if place.mention:
            return None
        occurrences = self.terms[place.term].occurrences
        k = bisect_left(occurrences, place.text_start, key=attrgetter("start"))
        if k == len(occurrences) or occurrences[k].start != place.text_start:
            return None
        word_start, word_end = occurrences[k].hanja_start, occurrences[k].hanja_end
        start, end = run_around(self.document.text, word_start, word_end)
        if (start, end) == (word_start, word_end):
            return None
        return Run(self.document.text[start:end], word_start - start, word_end - start)

    # ------------------------------------------------------------- navigation

    def first_place_of(self, term: int) -> int | None:
        """The first glossed place of a term (its first mention when it has none).

        Args:
            term: The term's index.

        Returns:
            An index into ``places``, or None.
        """
        return self.text_layout.first_place_of(term)

    def go_to_place(self, index: int) -> None:
        """Make a place current: its term becomes the current term and it scrolls into view.

        Args:
            index: An index into ``places`` (clamped).
        """
        if not self.places:
            return
        self.current_place = max(0, min(index, len(self.places) - 1))
        self.current_term = self.places[self.current_place].term

    def go_to_term(self, term: int) -> None:
        """Jump to a term's first glossed place, centred if it was out of view.

        Args:
            term: The term's index.
        """
        index = self.text_layout.first_place_of(term)
        if index is not None:
            self._center_next = True
            self.go_to_place(index)

    def step(self, direction: int) -> None:
        """Move to the next (+1) or previous (-1) place in text order.

        With no current place in view, start from the first (or last) place in view.

        Args:
            direction: +1 or -1.
        """
        if not self.places or not self.lines:
            return
        top = int(self.scroll_y)
        bottom = min(top + self.scrollable_content_region.height, len(self.lines))
        current = self.current_place
        if current is not None and not top <= self.text_layout.line_span(current)[0] < bottom:
            current = None
        if current is not None:
            target = current + direction
        elif direction > 0:
            target = self.text_layout.place_from(self.lines.starts[min(top, len(self.lines) - 1)])
        else:
            target = self.text_layout.place_from(self.lines.ends[max(bottom - 1, 0)]) - 1
        if 0 <= target < len(self.places):
            self.go_to_place(target)
        else:
            self.app.bell()

    def step_same_term(self, direction: int) -> None:
        """Move to the next (+1) or previous (-1) place of the current term, wrapping round.

        Args:
            direction: +1 or -1.
        """
        if self.current_place is None:
            self.app.bell()
            return
        indexes = self.text_layout.places_of(self.places[self.current_place].term)
        if len(indexes) < 2 or self.current_place not in indexes:
            self.app.bell()
            return
        at = indexes.index(self.current_place)
        self._center_next = True
        self.go_to_place(indexes[(at + direction) % len(indexes)])

    def go_to_glossed(self) -> None:
        """From any place of the current term, go to the first place where it is glossed."""
        if self.current_term is None:
            self.app.bell()
            return
        index = self.text_layout.first_place_of(self.current_term)
        if index is None or index == self.current_place:
            self.app.bell()
            return
        self._center_next = True
        self.go_to_place(index)

    def show_offset(self, offset: int) -> None:
        """Scroll a document offset into the middle of the view (the current term stays).

        Args:
            offset: An offset into ``Document.text``.
        """
        if not self.lines:
            return
        line = self.lines.line_of(self.display_text.to_shown(offset))
        self.scroll_to_region(Region(0, line, 1, 1), animate=False, center=True, immediate=True)

    def _scroll_to_place(self, index: int, *, center: bool = False) -> None:
        """Scroll a place into view: the least distance, or to the middle after a jump."""
        first, last = self.text_layout.line_span(index)
        top = int(self.scroll_y)
        visible = top <= first and last < top + self.scrollable_content_region.height
        self.scroll_to_region(
            Region(0, first, 1, last - first + 1),
            animate=False,
            spacing=Spacing(2, 0, 3, 0),
            center=center and not visible,
            immediate=True,
        )

    # --------------------------------------------------------------- geometry

    def offset_to_screen(self, offset: int) -> Offset | None:
        """Where a document offset is drawn on screen.

        Args:
            offset: An offset into ``Document.text``.

        Returns:
            Screen coordinates of the character's first cell, or None when it is out of view.
        """
        return self._shown_to_screen(self.display_text.to_shown(offset))

    def _shown_to_screen(self, shown: int, line: int | None = None) -> Offset | None:
        if not self.lines:
            return None
        if line is None:
            line = self.lines.line_of(shown)
        row = line - int(self.scroll_y)
        region = self.content_region
        if not 0 <= row < region.height:
            return None
        return Offset(region.x + self.text_layout.cell_x(line, shown), region.y + row)

    def anchor_of_hover(self) -> Offset | None:
        """Where the card for what the pointer is over hangs: its start, on the pointer's line.

        Returns:
            Screen coordinates, or None when nothing is hovered or it is out of view.
        """
        hover = self.hover
        if hover is None or hover.line >= len(self.lines):
            return None
        if hover.place is not None:
            shown = max(self.places[hover.place].start, self.lines.starts[hover.line])
        elif hover.char is not None:
            shown = hover.char
        elif hover.suggestion_start is not None:
            shown = max(hover.suggestion_start, self.lines.starts[hover.line])
        else:
            return None
        return self._shown_to_screen(shown, hover.line)

    def anchor_of_current(self) -> Offset | None:
        """Where the card for the current place hangs (the start of the place).

        Returns:
            Screen coordinates, or None when there is no current place or it is out of view.
        """
        if self.current_place is None:
            return None
        return self._shown_to_screen(self.places[self.current_place].start)
