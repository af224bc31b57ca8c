"""FindBar: search the article's text for any string (``ctrl+f``), with a count and next/previous.

What is searched is the text *as shown* (``ArticleView.display_text``): with simplified forms
shown, a simplified form is found and the traditional one it replaces is not; with pinyin
shown, the pinyin put in after the hanja is searched too. Matches are offsets into the shown
text, so they are painted and scrolled to without any mapping; :meth:`Found.document_offset`
maps one back to ``Document.text``. When the shown text changes (``s``, ``y``, another
document), the matches are found again on the next paint, keeping the current one.

Matching: the query is NFC-normalised; letters with case (Latin...) match either case;
hangul and hanja match as typed, except that a CJK compatibility ideograph (common in Korean
text: 李 U+F9E1 for 이) and its unified ideograph find each other.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Region, Spacing
from textual.widgets import Input, Static

from reader.layout import Display

if TYPE_CHECKING:
    from reader.widgets.article import ArticleView

# CJK compatibility ideographs: each is canonically one unified ideograph (its NFC form).
_COMPAT = re.compile("[\uf900-\ufaff\U0002f800-\U0002fa1f]")
NO_MATCH = "no match"


@lru_cache(maxsize=1)
def _compat_table() -> dict[int, str]:
    """Each compatibility ideograph to its unified ideograph (one character to one)."""
    table: dict[int, str] = {}
    for start, end in ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F)):
        for code in range(start, end + 1):
            unified = unicodedata.normalize("NFC", chr(code))
            if len(unified) == 1 and unified != chr(code):
                table[code] = unified
    return table


def fold(text: str) -> str:
    """The text with compatibility ideographs unified: the same length, offset for offset.

    Args:
        text: Any text.

    Returns:
        The folded text (``text`` itself when it has none).
    """
    return text.translate(_compat_table()) if _COMPAT.search(text) else text


@lru_cache(maxsize=2)
def _folded(text: str) -> str:
    # A long text is folded once (its hash is cached by Python, the look-up is cheap).
    return fold(text)


def find_all(text: str, query: str) -> list[int]:
    """Where a query occurs in a text, left to right, matches not overlapping.

    Args:
        text: The text searched.
        query: What to find (NFC-normalised here; letters with case match either case).

    Returns:
        The start of each match; each is ``len(normalize_query(query))`` characters long.
    """
    query = normalize_query(query)
    if not query:
        return []
    flags = re.IGNORECASE if query.lower() != query.upper() else 0
    pattern = re.compile(re.escape(query), flags)
    return [m.start() for m in pattern.finditer(_folded(text))]


def normalize_query(query: str) -> str:
    """A query as searched: NFC, compatibility ideographs unified.

    Args:
        query: What was typed.

    Returns:
        The query to search for.
    """
    return fold(unicodedata.normalize("NFC", query))


class Found:
    """The matches of a query in the article's shown text, and which one is current.

    Attributes:
        query: The query as searched (normalised).
        display: The shown text the matches are in.
        starts: Shown offset of each match, in order; each is ``len(query)`` long.
        current: Index into ``starts`` of the current match (None when there is none).
        on_change: Called (soon, not at once) when the matches are found again for a new
            shown text.
    """

    def __init__(
        self,
        query: str,
        display: Display,
        *,
        anchor: int = 0,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        """Find every match; the current one is the first at or after ``anchor``.

        Args:
            query: What was typed.
            display: The shown text.
            anchor: A shown offset: the current match is the first from there (wrapping).
            on_change: See the class's attributes.
        """
        self.query = normalize_query(query)
        self.display = display
        self.starts = find_all(display.text, self.query)
        self.current = self.first_from(anchor)
        self.on_change = on_change

    @property
    def total(self) -> int:
        """How many matches there are."""
        return len(self.starts)

    def first_from(self, shown: int) -> int | None:
        """The first match that starts at or after a shown offset (wrapping to the first).

        Args:
            shown: An offset into the shown text.

        Returns:
            An index into ``starts``, or None when there is no match.
        """
        if not self.starts:
            return None
        return bisect_left(self.starts, shown) % len(self.starts)

    def span(self, index: int) -> tuple[int, int]:
        """Where a match stands in the shown text.

        Args:
            index: An index into ``starts``.

        Returns:
            (start, end) shown offsets.
        """
        start = self.starts[index]
        return start, start + len(self.query)

    def document_offset(self) -> int | None:
        """Where the current match starts in ``Document.text`` (None with no match)."""
        if self.current is None:
            return None
        return self.display.to_document(self.starts[self.current])

    def step(self, direction: int) -> bool:
        """Make the next (+1) or previous (-1) match current, wrapping around.

        Args:
            direction: +1 or -1.

        Returns:
            Whether it wrapped (from the last to the first or back).
        """
        if not self.starts:
            return False
        total = len(self.starts)
        if self.current is None:
            self.current = 0 if direction > 0 else total - 1
            return False
        target = self.current + direction
        self.current = target % total
        return not 0 <= target < total

    def follow(self, display: Display) -> None:
        """Find the matches again in a new shown text, keeping the current one if it is there.

        Args:
            display: The new shown text.
        """
        offset = self.document_offset()
        self.display = display
        self.starts = find_all(display.text, self.query)
        self.current = self.first_from(0 if offset is None else display.to_shown(offset))
        if self.on_change is not None:
            self.on_change()

    def paint(
        self, view: ArticleView, segments: list[Segment], start: int, end: int
    ) -> list[Segment]:
        """Paint the matches over one built line, keeping every segment's meta.

        Args:
            view: The article view (its shown text and its component styles).
            segments: The line's segments: consecutive slices of ``text[start:end]``.
            start: Where the line starts in the shown text.
            end: Where it ends.

        Returns:
            The segments, split where a match starts or ends, matches restyled.
        """
        if self.display.text is not view.display_text.text:
            self.follow(view.display_text)
        length = len(self.query)
        k = bisect_left(self.starts, start - length + 1)
        spans: list[tuple[int, int, bool]] = []
        while k < len(self.starts) and self.starts[k] < end:
            at = self.starts[k]
            spans.append((max(at, start), min(at + length, end), k == self.current))
            k += 1
        if not spans:
            return segments
        found = view.get_visual_style("term--found").rich_style
        current = view.get_visual_style("term--found-current").rich_style
        painted: list[Segment] = []
        pos = start
        i = 0
        for segment in segments:
            text, style = segment.text, segment.style or Style()
            seg_end = pos + len(text)
            cut = pos
            while i < len(spans) and spans[i][0] < seg_end:
                s_start, s_end, is_current = spans[i]
                s_start, stop = max(s_start, cut), min(s_end, seg_end)
                if s_start > cut:
                    painted.append(Segment(text[cut - pos : s_start - pos], style))
                over = current if is_current else found
                painted.append(Segment(text[s_start - pos : stop - pos], style + over))
                cut = stop
                if s_end > seg_end:
                    break  # the match goes on in the next segment
                i += 1
            if cut < seg_end:
                painted.append(Segment(text[cut - pos :], style))
            pos = seg_end
        return painted


class FindBar(Horizontal):
    """A one-line bar over the status line: a query, its count, next/previous, escape."""

    DEFAULT_CSS = """
    FindBar {
        height: 1;
        background: $panel;
        #find-label { width: auto; padding: 0 1; color: $text-muted; }
        #find-input { width: 1fr; }
        #find-count { width: auto; min-width: 10; padding: 0 1; text-align: right; }
        #find-keys { width: auto; padding: 0 1 0 0; color: $text-muted; }
    }
    FindBar.-tight #find-keys { display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,f3", "next", "Next", tooltip="Go to the next match", show=False),
        Binding(
            "up,shift+enter,shift+f3",
            "previous",
            "Previous",
            tooltip="Go to the previous match",
            show=False,
        ),
        Binding("escape", "close", "Close", tooltip="Close the find bar", show=False),
    ]

    def __init__(self, view: ArticleView, *, id: str | None = None) -> None:  # noqa: A002
        """Make a find bar for an article view.

        Args:
            view: The article view searched.
            id: The widget's id.
        """
        super().__init__(id=id)
        self.view = view
        self.found: Found | None = None
        self._origin = 0

    def compose(self) -> ComposeResult:
        """The label, the query box, the count, and a reminder of the keys."""
        yield Static("Find", id="find-label", markup=False)
        yield Input(placeholder="any text", compact=True, id="find-input")
        yield Static("", id="find-count", markup=False)
        yield Static("⏎/↓ next · ↑ previous · esc close", id="find-keys", markup=False)

    @property
    def input(self) -> Input:
        """The query box."""
        return self.query_one("#find-input", Input)

    def on_resize(self) -> None:
        """Leave the reminder of the keys out when the bar is narrow."""
        self.set_class(self.size.width < 72, "-tight")

    def open(self) -> None:
        """Show the bar with the focus in it; a query kept from before is searched again.

        When the bar is open already, only the focus comes back to it: the matches stay.
        """
        view = self.view
        if self.display and self.found is not None:
            self.input.focus()
            return
        self._origin = view.text_layout.document_offset_of_line(int(view.scroll_y))
        self.display = True
        self.input.focus()
        self.found = None
        self._search(self.input.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search again for the new query."""
        event.stop()
        self._search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """``enter``: the next match."""
        event.stop()
        self.action_next()

    def action_next(self) -> None:
        """Go to the next match (after the last: the first)."""
        self._step(+1)

    def action_previous(self) -> None:
        """Go to the previous match (before the first: the last)."""
        self._step(-1)

    def action_close(self) -> None:
        """Hide the bar and the highlights; the article stays where it is."""
        self.found = None
        self.view.show_found(None)
        self.display = False
        self.view.focus()

    def _search(self, query: str) -> None:
        """Find every match of a query; the current one is the first from where it was."""
        view = self.view
        display = view.display_text
        if self.found is not None and self.found.current is not None:
            anchor = self.found.starts[self.found.current]  # typing on keeps the place
        else:
            anchor = display.to_shown(self._origin)
        self.found = (
            Found(query, display, anchor=anchor, on_change=self._changed) if query else None
        )
        view.show_found(self.found)
        self._update_count()
        self._scroll_to_current()

    def _step(self, direction: int) -> None:
        found = self.found
        if found is None or not found.total:
            self.app.bell()
            return
        found.step(direction)
        self.view.show_found(found)
        self._update_count()
        self._scroll_to_current()

    def _changed(self) -> None:
        """The matches were found again in a new shown text (called while painting)."""
        self.call_later(self._update_count)

    def _update_count(self) -> None:
        count = self.query_one("#find-count", Static)
        found = self.found
        if found is None:
            count.update("")
        elif found.current is None:
            count.update(Content.styled(NO_MATCH, "$text-error"))
        else:
            count.update(Content.assemble(str(found.current + 1), "/", str(found.total)))

    def _scroll_to_current(self) -> None:
        """Bring the current match into view: the least distance, or to the middle from afar."""
        found = self.found
        view = self.view
        if found is None or found.current is None or not view.lines:
            return
        start, end = found.span(found.current)
        first, last = view.lines.line_of(start), view.lines.line_of(max(start, end - 1))
        top = int(view.scroll_y)
        height = view.scrollable_content_region.height
        if top <= first and last < top + height:
            return
        near = top - height // 2 <= first and last < top + height + height // 2
        view.scroll_to_region(
            Region(0, first, 1, last - first + 1),
            animate=False,
            spacing=Spacing(2, 0, 3, 0),
            center=not near,
            immediate=True,
        )
