"""TermCard: the card that hangs just below a term (above it near the bottom edge)."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from glossary import Suggestion, Term

# The card's widest, and the cells its border and padding take.
CARD_WIDTH = 48
_FRAME = 4
# Cells inside the widest card.
CARD_TEXT_WIDTH = CARD_WIDTH - _FRAME
# The last row of a card taller than the room it has: it says there is more, and how.
MORE_BELOW = "▼ more · shift+↓ or the wheel"
MORE_ABOVE = "▲ the end · shift+↑ goes back"


class TermCard(ScrollView, can_focus=False):
    """A popup anchored to the text by ``absolute_offset``; it never covers the term's line.

    The card sits just below its anchor's line, or just above it when it has more room
    there, always inside the article: it never covers the status line or the footer.

    It draws its content with the Line API and sizes itself by ``virtual_size``: moving or
    resizing it then costs the screen one layout. (A ``Static`` takes a second one after
    every change of size, when it learns its new virtual size, and that one lands after
    the card is drawn, in the middle of the next hover.) Styles are set only when they
    change; a card that neither moves nor changes size is only repainted.

    A card never cuts its content silently: when it has less room than lines, its last row
    says so (:data:`MORE_BELOW`) and the rest scrolls with the wheel or shift+↓/↑.
    """

    class Left(Message):
        """The pointer left the card (a card stays open while the pointer is on it)."""

    DEFAULT_CSS = """
    TermCard {
        overlay: screen;
        constrain: inside none;
        display: none;
        width: auto;
        height: auto;
        padding: 0 1;
        overflow: hidden hidden;
        background: $panel;
        color: $foreground;
        border: round $accent;
        border-title-color: $text-accent;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.term: Term | Suggestion | None = None
        self.content: Content = Content("")
        self._strips: list[Strip] | None = None
        self.top = 0
        """The first line of the content shown (the card's own scroll position)."""

    def show_at(
        self,
        term: Term | Suggestion,
        content: Content,
        anchor: Offset,
        bounds: Region,
        title: Content | str = "",
    ) -> None:
        """Show a term's card hanging from a point of the screen.

        Args:
            term: The term shown (or the word whose suggested hanja it shows).
            content: What the card says.
            anchor: Screen cell of the term's start, on the line the card hangs from.
            bounds: The region the card must stay within, left to right (the article's
                text): a double-width character of the card that straddled the edge of
                another widget would be cut.
            title: A title for the card's border.
        """
        if term is not self.term or content != self.content:
            self.top = 0  # another card starts at its top; the same one keeps its place
        self.term = term
        self.border_title = title
        longest = max((cell_len(line) for line in content.plain.split("\n")), default=0)
        width = max(12, min(CARD_WIDTH, longest + _FRAME, bounds.width))
        x = max(bounds.x, min(anchor.x, bounds.right - width))
        self.styles.width = width  # no-ops (and no layout) when they do not change
        inner = max(1, width - _FRAME)
        self.content = content
        self._strips = self._render_strips(inner)
        # Below the anchor's line if it fits there, else on the side with more room; at most
        # half the screen. What does not fit scrolls (see render_line).
        below = bounds.bottom - anchor.y - 1
        above = anchor.y - bounds.y
        room = min(max(below, above, 3), max(5, (self.screen.size.height - 1) // 2))
        height = min(len(self._strips) + 2, room)  # the border takes two rows
        self.styles.max_height = room
        # A new virtual size lays the card out again; the same size only repaints.
        self.virtual_size = Size(inner, len(self._strips))
        self.refresh()
        y = anchor.y + 1 if height <= below or below >= above else anchor.y - height
        offset = Offset(x, y)
        if offset != self.absolute_offset:
            self.absolute_offset = offset
            self.refresh(layout=True)
        self.display = True

    def hide(self) -> None:
        """Hide the card."""
        self.term = None
        self.display = False

    def notify_style_update(self) -> None:
        """Draw the lines again when the theme or styles change."""
        super().notify_style_update()
        self._strips = None

    @property
    def rows(self) -> int:
        """Rows the card has for its content."""
        return self.scrollable_content_region.height

    @property
    def overflowing(self) -> bool:
        """Whether the content has more lines than the card has rows."""
        return len(self._lines()) > self.rows > 0

    def _lines(self) -> list[Strip]:
        width = self.scrollable_content_region.width
        strips = self._strips
        if strips is None or (strips and strips[0].cell_length != width):
            strips = self._strips = self._render_strips(width)
        return strips

    def _last_top(self) -> int:
        """The greatest ``top``: the last lines fill the rows above the indicator."""
        return max(0, len(self._lines()) - (self.rows - 1)) if self.overflowing else 0

    def scroll_lines(self, lines: int) -> bool:
        """Scroll the card's content.

        Args:
            lines: Lines to move down (negative: up).

        Returns:
            Whether the card scrolled (False at either end, or when all of it shows).
        """
        top = max(0, min(self.top + lines, self._last_top()))
        if top == self.top:
            return False
        self.top = top
        self.refresh()
        return True

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """The wheel scrolls the card, not the article under it."""
        event.stop()
        self.scroll_lines(+2)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """The wheel scrolls the card, not the article under it."""
        event.stop()
        self.scroll_lines(-2)

    def on_leave(self, event: events.Leave) -> None:
        """Tell the screen, which decides whether the card stays."""
        self.post_message(self.Left())

    def render_line(self, y: int) -> Strip:
        """One line of the card's content (Line API), or the row that says there is more.

        Args:
            y: The line's row inside the border and padding.

        Returns:
            The line, as wide as the card's content area.
        """
        width = self.scrollable_content_region.width
        strips = self._lines()
        if self.overflowing and y == self.rows - 1:
            more = MORE_ABOVE if self.top >= self._last_top() else MORE_BELOW
            line = Content.styled(more, "bold $text-accent")
            return Visual.to_strips(self, line, width, None, self.visual_style, pad=True)[0]
        index = y + self.top
        if 0 <= index < len(strips):
            return strips[index]
        return Strip.blank(width, self.visual_style.rich_style)

    def _render_strips(self, width: int) -> list[Strip]:
        """The content wrapped to ``width`` cells, in the card's style."""
        return Visual.to_strips(self, self.content, width, None, self.visual_style, pad=True)
