"""TermPanel: the docked side panel with the current (or pinned) term, for keyboard users."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from glossary import Term

# Cells inside the panel: its width less border and padding.
PANEL_TEXT_WIDTH = 30

_HINT = Content.assemble(
    ("No term chosen.", "$text-muted"),
    "\n\n",
    ("n", "bold $text-accent"),
    (" / ", "$text-muted"),
    ("p", "bold $text-accent"),
    (" walk the terms, ", "$text-muted"),
    ("enter", "bold $text-accent"),
    (" pins a card here, ", "$text-muted"),
    ("/", "bold $text-accent"),
    (" looks anything up.", "$text-muted"),
)


class TermPanel(VerticalScroll, can_focus=False):
    """Shows one term's card; pinned, it keeps that term while the pointer roams."""

    DEFAULT_CSS = """
    TermPanel {
        width: 34;
        height: 1fr;
        padding: 0 1;
        background: $surface;
        border-left: vkey $foreground 20%;
        #panel-heading { width: 1fr; color: $text-muted; text-style: bold; margin-bottom: 1; }
        #panel-text { width: 1fr; }
        &.-pinned #panel-heading { color: $text-accent; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.term: Term | None = None
        self.pinned = False

    def compose(self) -> ComposeResult:
        """A heading and the card's text."""
        yield Static("current term", id="panel-heading", markup=False)
        yield Static(_HINT, id="panel-text", markup=False)

    def show_term(self, term: Term | None, content: Content | None, *, pinned: bool) -> None:
        """Show a term (or the hint when there is none).

        Args:
            term: The term, or None.
            content: Its card's text, or None for the hint.
            pinned: Whether the term is pinned here.
        """
        self.term = term
        self.pinned = pinned and term is not None
        self.set_class(self.pinned, "-pinned")
        heading = "pinned (escape unpins)" if self.pinned else "current term"
        self.query_one("#panel-heading", Static).update(heading)
        self.query_one("#panel-text", Static).update(
            content if content is not None and term is not None else _HINT
        )
