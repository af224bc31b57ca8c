"""ReaderFooter: the footer, which keeps the keys a reader needs first on a narrow screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Below this many columns the footer shows only the keys of ESSENTIAL actions.
NARROW = 80
ESSENTIAL = frozenset(
    {"next_term", "previous_term", "pin", "lookup", "set_status", "show_help", "quit"}
)


class ReaderFooter(Footer):
    """Textual's footer; when ``narrow``, only walking, pin, find, marks, help and quit.

    At 60 columns the full row of keys is cut at the right, and the first keys to go were
    ``? Help`` and ``q Quit``.
    """

    narrow: reactive[bool] = reactive(False, recompose=True)
    """Show only the essential keys."""

    def compose(self) -> ComposeResult:
        """The footer's keys, less those a narrow screen has no room for."""
        for widget in super().compose():
            if (
                self.narrow
                and isinstance(widget, FooterKey)
                and widget.action.split("(")[0] not in ESSENTIAL
            ):
                continue
            yield widget
