"""TermCard: the card that hangs just below a term (above it near the bottom edge)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Offset, Region
from textual.widgets import Static

from glossary import Term

# The card's widest, and the cells its border and padding take.
CARD_WIDTH = 48
_FRAME = 4
# Cells inside the widest card.
CARD_TEXT_WIDTH = CARD_WIDTH - _FRAME


class TermCard(Static):
    """A popup anchored to the text by ``absolute_offset``; it never covers the term's line.

    The card sits one line below its anchor (the top margin). When it would pass the bottom
    of the screen, ``constrain: inside inflect`` flips it above the anchor's line instead.
    """

    DEFAULT_CSS = """
    TermCard {
        overlay: screen;
        constrain: inside inflect;
        display: none;
        width: auto;
        height: auto;
        margin: 1 0 1 0;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        border: round $accent;
        border-title-color: $text-accent;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__("", id=id, markup=False)
        self.term: Term | None = None

    def show_at(
        self,
        term: Term,
        content: Content,
        anchor: Offset,
        bounds: Region,
        title: Content | str = "",
    ) -> None:
        """Show a term's card hanging from a point of the screen.

        Args:
            term: The term shown.
            content: What the card says.
            anchor: Screen cell of the term's start, on the line the card hangs from.
            bounds: The region the card must stay within, left to right (the article's
                text): a double-width character of the card that straddled the edge of
                another widget would be cut.
            title: A title for the card's border.
        """
        self.term = term
        self.border_title = title
        longest = max((cell_len(line) for line in content.plain.split("\n")), default=0)
        width = max(12, min(CARD_WIDTH, longest + _FRAME, bounds.width))
        x = max(bounds.x, min(anchor.x, bounds.right - width))
        self.styles.width = width
        # Half the screen less the anchor's line always fits above or below it.
        self.styles.max_height = max(5, (self.screen.size.height - 1) // 2)
        self.update(content)
        self.absolute_offset = Offset(x, anchor.y)
        self.display = True

    def hide(self) -> None:
        """Hide the card."""
        self.term = None
        self.display = False
