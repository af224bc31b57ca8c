"""The reader's App: pushes the read screen, opens documents in a worker; ``main`` is the CLI."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from functools import partial
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import HelpPanel
from textual.worker import get_current_worker

from glossary import Document, Enricher, Glossary, GlossaryError, build_glossary, read_document
from reader import __version__
from reader.screens.read import WIDE, ReadScreen
from reader.status import StatusBook

EXIT_INPUT_ERROR = 2


class ReaderApp(App[None]):
    """Read a Korean text with every hanja gloss explained."""

    CSS_PATH = "reader.tcss"
    TITLE = "hanja-reader"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark",
            "toggle_help",
            "Help",
            tooltip="Show or hide the keys and help for what has focus",
            id="help",
            key_display="?",
        ),
        Binding("q", "quit", "Quit", tooltip="Leave the reader", id="quit"),
    ]

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.glossary: Glossary | None = None
        self.enricher = Enricher()
        self.statuses = StatusBook()
        self.read_screen = ReadScreen(document, self.statuses, self.enricher)

    def on_mount(self) -> None:
        """Show the text at once; find its glosses in the background."""
        self.title = self.document.title
        self.push_screen(self.read_screen)
        self.open_document(None, self.document)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_document(self, source: str | None, document: Document | None = None) -> None:
        """Read a document (unless given) and build its glossary, off the event loop.

        Args:
            source: The path to read; ignored when ``document`` is given.
            document: A document already read.
        """
        worker = get_current_worker()
        screen = self.read_screen
        try:
            if document is None:
                self.call_from_thread(screen.set_busy, "Reading", source or "", opening=True)
                document = read_document(source)
            self.call_from_thread(screen.set_busy, "Finding glosses in", document.title)
            glossary = build_glossary(document, self.enricher)
        except GlossaryError as exc:
            self.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - whatever happens, a message, never a traceback
            self.call_from_thread(self._failed, f"{source or 'the document'}: {exc}")
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._loaded, glossary)

    def on_read_screen_open_requested(self, message: ReadScreen.OpenRequested) -> None:
        """Open the file the read screen asked for."""
        self.open_document(message.path)

    def _loaded(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.document = glossary.document
        self.title = glossary.document.title
        self.read_screen.show_glossary(glossary)

    def _failed(self, message: str) -> None:
        self.read_screen.set_idle()
        self.notify(message, title="Cannot open", severity="error", markup=False)

    def action_toggle_help(self) -> None:
        """Show Textual's help panel, or hide it when it is shown."""
        if self.screen.query(HelpPanel):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Offer every reader key binding in the command palette as well.

        Args:
            screen: The screen the palette was opened on.

        Yields:
            The system commands, then one command per binding of the screen.
        """
        yield from super().get_system_commands(screen)
        for binding in getattr(screen, "BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id and binding.description:
                title = binding.tooltip.split(" (")[0] if binding.tooltip else binding.description
                yield SystemCommand(
                    title, binding.tooltip, partial(screen.run_action, binding.action)
                )


def _reattach_terminal() -> bool:
    """After reading standard input, read keys from the terminal instead."""
    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return False
    os.dup2(tty, 0)
    os.close(tty)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Run the reader from the command line.

    Args:
        argv: Arguments (the process's by default).

    Returns:
        The exit status: 0, or 2 when the document cannot be read.
    """
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read Korean text in the terminal with every hanja gloss explained.",
    )
    parser.add_argument(
        "file",
        nargs="?",
        help="a text file, or - for standard input (default: the bundled sample article)",
    )
    parser.add_argument("--encoding", help="decode the file with this encoding, not a guess")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args = parser.parse_args(argv)
    try:
        document = read_document(args.file, encoding=args.encoding)
    except GlossaryError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        return 130
    if args.file == "-" and not os.isatty(0) and not _reattach_terminal():
        print("reader: no terminal to read keys from", file=sys.stderr)
        return EXIT_INPUT_ERROR
    ReaderApp(document).run()
    return 0
