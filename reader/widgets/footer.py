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
# Keys shown only from ROOMY columns on: at 80 the row is full without them, at 100 with
# them it is cut by a cell or two.
ROOMY = 110
ROOMY_ONLY = frozenset({"toggle_korean"})


class ReaderFooter(Footer):
    """Textual's footer; when ``narrow``, only walking, pin, find, marks, help and quit.

    At 60 columns the full row of keys is cut at the right, and the first keys to go were
    ``? Help`` and ``q Quit``. Below :data:`ROOMY` columns (``roomy`` False), the keys of
    :data:`ROOMY_ONLY` are left out too.
    """

    narrow: reactive[bool] = reactive(False, recompose=True)
    """Show only the essential keys."""
    roomy: reactive[bool] = reactive(True, recompose=True)
    """Show the keys that need a wide screen."""

    def compose(self) -> ComposeResult:
        """The footer's keys, less those a narrow screen has no room for."""
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                action = widget.action.split("(")[0]
                if (self.narrow and action not in ESSENTIAL) or (
                    not self.roomy and action in ROOMY_ONLY
                ):
                    continue
            yield widget
