"""OpenFileScreen: a modal that asks for the path of a file to open."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label

from glossary.errors import InputError
from glossary.paths import expand_user


class OpenFileScreen(ModalScreen[str | None]):
    """Ask for a path; dismiss with it (``~`` expanded), or with None on escape."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without opening", id="open-cancel"),
    ]

    HELP = """
## Open a file

Type the path of a text file (UTF-8, UTF-16 or CP949) and press `enter`.
`escape` closes this box.
"""

    def compose(self) -> ComposeResult:
        """A label and the path input."""
        with Vertical(id="open-box", classes="modal-box"):
            yield Label("Open a text file", classes="modal-title")
            yield Input(placeholder="path/to/article.txt", id="open-path")
        yield Footer(compact=True)

    @on(Input.Submitted, "#open-path")
    def _submitted(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if not path:
            self.notify("Type the path of a file.", severity="warning")
            return
        if path == "-":
            self.notify("Standard input can only be read at start.", severity="error")
            return
        try:
            expanded = expand_user(path)
        except InputError as exc:  # ~user of no user: say so, and let the path be corrected.
            self.notify(str(exc), title="Cannot open", severity="error", markup=False)
            return
        self.dismiss(str(expanded))

    def action_cancel(self) -> None:
        """Close without opening anything."""
        self.dismiss(None)
