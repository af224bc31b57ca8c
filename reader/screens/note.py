"""NoteScreen: a modal that edits the user's note on a term."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label


class NoteScreen(ModalScreen[str | None]):
    """Edit a note; dismiss with the new text (empty clears it), or None on escape.

    Args:
        title: Which term the note is for (hanja and gloss).
        note: The note as it is now.
    """

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="note-cancel"),
    ]

    HELP = """
## Note

Type a note for the term and press `enter`; it is kept in your glossary (and exported to
your flashcards). An empty note removes it. `escape` closes this box.
"""

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self._title = title
        self._note = note

    def compose(self) -> ComposeResult:
        """A label and the note input."""
        with Vertical(id="note-box", classes="modal-box"):
            yield Label(
                Content.from_markup("Note on $term", term=self._title), classes="modal-title"
            )
            yield Input(value=self._note, placeholder="your note", id="note-text")
        yield Footer(compact=True)

    @on(Input.Submitted, "#note-text")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
