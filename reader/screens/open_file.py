"""OpenFileScreen: a modal that asks for the path of a file to open, or offers a recent one."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from glossary.errors import InputError
from glossary.paths import expand_user


def complete_path(value: str) -> str | None:
    """Complete the last part of a typed path with a file or folder found there.

    The folder part may start with ``~`` (expanded with ``expand_user``: a ``~user`` of
    no user completes nothing). Names starting with a dot are offered only when the typed
    part starts with one. Of several matches, the first in sorted order; a folder ends
    with the path separator, so the next part can be typed at once.

    Args:
        value: The path as typed (relative paths are from the current folder).

    Returns:
        ``value`` with the rest of a name put after it, or None when nothing fits.
    """
    typed = value
    cut = max(value.rfind("/"), value.rfind(os.sep))
    head, partial = value[: cut + 1], value[cut + 1 :]
    if not head and partial.startswith("~"):
        if partial != "~":
            return None  # a user's name: not completed
        value = head = "~" + os.sep
        partial = ""
    try:
        folder = expand_user(head) if head else None
    except InputError:
        return None
    hidden = partial.startswith(".")
    try:
        with os.scandir(folder if folder is not None else ".") as entries:
            names = sorted(
                (entry.name, _is_folder(entry))
                for entry in entries
                if entry.name.startswith(partial) and (hidden or not entry.name.startswith("."))
            )
    except OSError:
        return None
    for name, is_folder in names:
        rest = name[len(partial) :] + (os.sep if is_folder else "")
        if rest:
            return value + rest
    return value if value != typed else None  # "~" alone: "~/"


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


class PathSuggester(Suggester):
    """Suggests the rest of a path as it is typed (``→`` or ``tab`` takes it)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # folders change

    async def get_suggestion(self, value: str) -> str | None:
        """Complete a path, reading the folder off the event loop.

        Args:
            value: The path typed so far.

        Returns:
            The completed path, or None.
        """
        return await asyncio.to_thread(complete_path, value)


def shown_path(path: str) -> str:
    """A path as listed: the home folder written ``~``.

    Args:
        path: An absolute path.

    Returns:
        The path, shorter under the home folder.
    """
    home = os.path.expanduser("~")
    if home not in ("~", os.sep) and path.startswith(home + os.sep):
        return "~" + path[len(home) :]
    return path


class OpenFileScreen(ModalScreen[str | None]):
    """Ask for a path; dismiss with it (``~`` expanded), or with None on escape.

    Args:
        recent: Recent files to offer, newest first (by default those remembered, see
            :func:`reader.recent.recent_files`).
    """

    CSS_PATH = "dialogs.tcss"

    DEFAULT_CSS = """
    OpenFileScreen {
        #open-recent-title {
            width: 1fr;
            padding: 1 0 0 0;
            color: $text-muted;
        }

        #open-recent {
            height: auto;
            max-height: 12;
            border: none;
            background: $surface;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without opening", id="open-cancel"),
        Binding("tab", "complete", "Complete", tooltip="Take the path suggested", show=False),
        Binding("down", "to_recent", "Recent", tooltip="Go to the recent files", show=False),
    ]

    HELP = """
## Open a file

Type the path of a text file (UTF-8, UTF-16 or CP949) and press `enter`. As you type,
the rest of a file or folder name is suggested: `tab` or `→` takes it.

Below, the files read most recently (newest first): `↓` goes to them, `enter` opens one.
`escape` closes this box.
"""

    def __init__(self, recent: Sequence[str] | None = None) -> None:
        super().__init__()
        if recent is None:
            from reader.recent import recent_files

            recent = recent_files()
        self.recent = list(recent)

    def compose(self) -> ComposeResult:
        """A label, the path input, and the recent files when there are any."""
        with Vertical(id="open-box", classes="modal-box"):
            yield Label("Open a text file", classes="modal-title")
            yield Input(
                placeholder="path/to/article.txt", id="open-path", suggester=PathSuggester()
            )
            if self.recent:
                yield Label("Recent files", id="open-recent-title")
                yield OptionList(
                    *(Option(Content(shown_path(path))) for path in self.recent),
                    id="open-recent",
                )
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

    @on(OptionList.OptionSelected, "#open-recent")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.recent[event.option_index])

    def action_complete(self) -> None:
        """In the path box: take the suggested rest of the path; elsewhere, focus the next."""
        box = self.query_one("#open-path", Input)
        if box.has_focus and box.cursor_at_end:
            before = box.value
            box.action_cursor_right()  # takes the suggestion when there is one
            if box.value != before:
                return
        self.focus_next()

    def action_to_recent(self) -> None:
        """From the path box, go down to the recent files."""
        lists = self.query("#open-recent").results(OptionList)
        options = next(lists, None)
        if options is None:
            return
        options.focus()
        if options.highlighted is None:
            options.highlighted = 0

    def action_cancel(self) -> None:
        """Close without opening anything."""
        self.dismiss(None)
