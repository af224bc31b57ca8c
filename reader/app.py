"""The reader's App: pushes the read screen, opens documents in a worker; ``main`` is the CLI."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import sys
import threading
from collections.abc import Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from glossary import Document, Glossary, GlossaryError, read_document
from reader import __version__
from reader.background import Abandoned, Background
from reader.building import (
    build_without_collections,
    explain_without_collections,
    resume_collections,
)
from reader.screens.read import WIDE, ReadScreen
from reader.settings import SettingsKeeper
from reader.status import StoredStatusBook

if TYPE_CHECKING:
    from glossary import Enricher
    from reader.recent import ReadingMemory

EXIT_INPUT_ERROR = 2
EXIT_UNSAVED = 1
# Longest the glossary waits for the read screen to be shown before it starts anyway.
SHOWN_WAIT = 2.0
# The status line while the dictionary index is built (the first run), before the share done.
INDEX_BUILD = "Building the dictionary index (first run only)…"
# Longest a quit waits for a dictionary index build to stop (it removes its unfinished file).
INDEX_STOP_WAIT = 2.0
STDIN_TERMINAL = (
    "reader: standard input is a terminal: pipe a text in (cat article.txt | reader -) "
    "or give a file"
)


# The worker that explains the words of a glossary shown as an outline.
FINISH_GROUP = "finish"
# How long quitting waits for it when marks were made meanwhile (seconds).
FINISH_WAIT = 30.0
SAVING_HELD = "Saving your marks once the words are explained…"


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
        # Made on first use, past the first frame: its modules cost a tenth of the launch.
        self._enricher: Enricher | None = None
        self._enricher_lock = threading.Lock()
        self.statuses = StoredStatusBook()
        self.read_screen = ReadScreen(document, self.statuses, self._get_enricher)
        self._shown = threading.Event()
        # The last document's reading and glossary, on daemon threads (see reader.background).
        self._reading: Background[Document] | None = None
        self._building: Background[Glossary] | None = None
        self._indexing = False  # The dictionary index is being built (the first run).
        # Theme and palette before the first paint (a few lines of TOML, when there are any).
        self.settings = SettingsKeeper()
        self.settings.load(self, self.read_screen)
        self._memory: ReadingMemory | None = None  # made after the first frame (memory)

    @property
    def enricher(self) -> Enricher:
        """The enricher every glossary and card of this app shares (its caches carry over)."""
        return self._get_enricher()

    def _get_enricher(self) -> Enricher:
        if self._enricher is not None:  # No lock once made: cards ask on every hover.
            return self._enricher
        with self._enricher_lock:  # The building thread and a first hover may race.
            if self._enricher is None:
                from glossary import Enricher

                self._enricher = Enricher()
            return self._enricher

    def on_mount(self) -> None:
        """Show the text at once; find its glosses in the background once it is shown.

        Building the glossary loads dictionaries and converters that hold the GIL for
        tens of milliseconds at a time (unpickling, unmarshalling): the worker starts now,
        so it can be waited for, but waits until the read screen is shown with the plain
        text; the highlights come when it is done.
        """
        self.title = self.document.title
        self.push_screen(self.read_screen)
        self.read_screen.set_busy("Finding glosses in", self.document.title)
        self.open_document(None, self.document, after=self._shown)

    def on_read_screen_shown(self) -> None:
        """The read screen is up: collect garbage again (see ``main``), let the glossary start."""
        resume_collections()
        self.settings.attach(self, self.read_screen)
        self._shown.set()

    # A description, so that Textual does not write the arguments' repr for one (a document's
    # whole text; an outline's twenty thousand terms took 0.2 s on the event loop).
    @work(
        thread=True,
        exclusive=True,
        group="open",
        exit_on_error=False,
        description="reading a document and finding its glosses",
    )
    def open_document(
        self,
        source: str | None,
        document: Document | None = None,
        *,
        after: threading.Event | None = None,
    ) -> None:
        """Read a document (unless given) and build its glossary, off the event loop.

        Both run on daemon threads (see :mod:`reader.background`) that this worker waits
        for only while it is not cancelled: quitting never waits for a named pipe or a
        stalled network file. On the first run the dictionary index is built first, its
        progress in the status line; a cancelled worker stops that build.

        Args:
            source: The path to read; ignored when ``document`` is given.
            document: A document already read.
            after: Wait for this (the read screen shown) before starting.
        """
        worker = get_current_worker()
        screen = self.read_screen
        if after is not None:
            after.wait(SHOWN_WAIT)
            if worker.is_cancelled:
                return

        def cancelled() -> bool:
            return worker.is_cancelled

        def progress(phase: str, done: float) -> None:  # On the building thread.
            if worker.is_cancelled:
                raise Abandoned(phase)  # Quitting, or another document: stop the build.
            self._indexing = done < 1.0
            with contextlib.suppress(RuntimeError):  # The app has just closed.
                self.post_message(self.IndexProgress(building, done, title))

        try:
            if document is None:
                self.call_from_thread(screen.set_busy, "Reading", source or "", opening=True)
                self._reading = Background(f"reading {source}", partial(read_document, source))
                document = self._reading.result(cancelled)
            title = document.title
            self.call_from_thread(screen.set_busy, "Finding glosses in", title)
            building = self._building = Background(
                f"finding glosses in {title}",
                partial(build_without_collections, document, self.enricher, progress, defer=True),
            )
            glossary = building.result(cancelled)
        except Abandoned:
            return
        except GlossaryError as exc:
            self.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - whatever happens, a message, never a traceback
            self.call_from_thread(self._failed, f"{source or 'the document'}: {exc}")
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._loaded, glossary)

    @work(
        thread=True,
        exclusive=True,
        group=FINISH_GROUP,
        exit_on_error=False,
        description="explaining the words of a long Chinese text",
    )
    def finish_glossary(self, outline: Glossary) -> None:
        """Explain the words of a glossary shown as an outline, then show it whole instead.

        Opening another document cancels it (not in the ``open`` group: starting it there
        would cancel the worker that has just shown the outline).

        Args:
            outline: The glossary shown, not ``complete`` (a long Chinese text).
        """
        worker = get_current_worker()
        title = outline.document.title
        building = self._building = Background(
            f"explaining the words of {title}",
            partial(explain_without_collections, outline, self.enricher),
        )
        try:
            glossary = building.result(lambda: worker.is_cancelled)
        except Abandoned:
            return
        except Exception as exc:  # noqa: BLE001 - whatever happens, a message, never a traceback
            self.call_from_thread(self._failed, f"{title}: {exc}")
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._finished, outline, glossary)

    def on_read_screen_open_requested(self, message: ReadScreen.OpenRequested) -> None:
        """Open the file the read screen asked for (the last one's words are left unexplained)."""
        self.workers.cancel_group(self, FINISH_GROUP)
        self.open_document(message.path)

    class IndexProgress(Message):
        """How far the dictionary index build has got (posted by the building thread).

        Args:
            job: The glossary build it is part of.
            done: The share of the index build done, 0.0 to 1.0.
            title: The title of the document whose glossary waits for it.
        """

        def __init__(self, job: Background[Glossary] | None, done: float, title: str) -> None:
            super().__init__()
            self.job, self.done, self.title = job, done, title

    def on_reader_app_index_progress(self, message: IndexProgress) -> None:
        """Show how far the dictionary index build has got, in the status line."""
        job = self._building
        if job is None or message.job is not job or not job.running:
            return  # A build left behind, or over (the glossary may be shown already).
        if message.done < 1.0:
            self.read_screen.busy = f"{INDEX_BUILD} {message.done:.0%}"
        else:
            self.read_screen.set_busy("Finding glosses in", message.title)

    def left_behind(self) -> str | None:
        """After the app has exited: what reading it left running, for a line on stderr.

        A dictionary index build stops at its next progress report once its worker is
        cancelled: it is waited for a moment, so that it removes its unfinished file.

        Returns:
            What is still going on (``"reading /tmp/pipe"``), or None.
        """
        building = self._building
        if building is not None and building.running and self._indexing:
            building.join(INDEX_STOP_WAIT)
        reading = self._reading
        return reading.what if reading is not None and reading.running else None

    def _loaded(self, glossary: Glossary) -> None:
        self.memory.leave(self.read_screen)  # where the reader was in the document left
        self.glossary = glossary
        self.document = glossary.document
        self.title = glossary.document.title
        self.read_screen.show_glossary(glossary)
        self.memory.arrive(self.read_screen)  # back where it was left, if read before
        if not glossary.complete:  # Thousands of words: shown now, explained meanwhile.
            self.read_screen.set_busy("Explaining the words of", glossary.document.title)
            self.finish_glossary(glossary)

    def _finished(self, outline: Glossary, glossary: Glossary) -> None:
        if self.glossary is not outline:
            return  # Another document was opened meanwhile.
        self.glossary = glossary
        self.document = glossary.document
        self.read_screen.show_glossary(glossary, finish=True)

    def _failed(self, message: str) -> None:
        self.read_screen.set_idle()
        self.notify(message, title="Cannot open", severity="error", markup=False)

    @property
    def memory(self) -> ReadingMemory:
        """Where the reader was in each document (loaded on first use, after the first frame)."""
        if self._memory is None:
            from reader.recent import ReadingMemory

            self._memory = ReadingMemory(self)
        return self._memory

    async def action_quit(self) -> None:
        """Remember where the reader is in the document, then quit.

        Marks made while the words were being explained wait for them (see
        :meth:`finish_glossary`): the store never gets a term without its readings.
        """
        self.memory.leave(self.read_screen)
        self.memory.save()
        finishing = [w for w in self.workers if w.group == FINISH_GROUP and not w.is_finished]
        if finishing and self.statuses.holding:
            self.notify(SAVING_HELD, timeout=FINISH_WAIT)
            with contextlib.suppress(Exception):  # cancelled or failed: the marks say so
                await asyncio.wait_for(finishing[0].wait(), FINISH_WAIT)
        await super().action_quit()

    def action_toggle_help(self) -> None:
        """Show Textual's help panel, or hide it when it is shown."""
        from textual.widgets import HelpPanel  # its Markdown is not needed before the first paint

        if self.screen.query(HelpPanel):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, with the tone colours made readable on its cards and panel.

        Returns:
            Textual's variables and ``$tone-PALETTE-N`` for each palette and tone.
        """
        from textual.color import Color

        from reader.tones import tone_variables

        variables = super().get_css_variables()
        base = Color.parse(variables["background"])
        backgrounds = tuple(
            base.blend(colour, colour.a).with_alpha(1.0)
            for colour in (Color.parse(variables[name]) for name in ("panel", "surface"))
        )
        variables.update(tone_variables(*backgrounds))
        self.theme_variables = variables
        return variables

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Offer every key binding of the screen in the command palette as well, with its key.

        Each binding with an id and a description becomes one command: its title is the
        binding's tooltip (without a closing remark in brackets), its help the key that runs
        it (and that remark). A title already offered (one of Textual's own) is not repeated.

        Args:
            screen: The screen the palette was opened on.

        Yields:
            The system commands, then one command per binding of the screen.
        """
        titles: set[str] = set()
        for command in super().get_system_commands(screen):
            titles.add(command.title)
            yield command
        for binding, keys in _screen_bindings(screen):
            title, remark = _split_tooltip(binding.tooltip or binding.description)
            if title in titles:
                continue
            titles.add(title)
            shown = " or ".join(self.get_key_display(key) for key in keys)
            help_text = ("keys: " if len(keys) > 1 else "key: ") + shown
            if remark:
                help_text += " · " + remark
            # The palette reads help as markup: escape the text.
            yield SystemCommand(
                title, Content(help_text).markup, partial(screen.run_action, binding.action)
            )


def _screen_bindings(screen: Screen[Any]) -> list[tuple[Binding, list[Binding]]]:
    """The screen's own bindings that have an id and a description, each with its keys.

    Read from the screen's bindings map, where a binding with several keys (``"up,k"``) is
    one binding per key and the user's keymap has been applied.

    Args:
        screen: A screen.

    Returns:
        One entry per binding id, in the order bound: the first binding and every binding
        with that id (one per key).
    """
    by_id: dict[str, list[Binding]] = {}
    for bindings in screen._bindings.key_to_bindings.values():
        for binding in bindings:
            if binding.id and binding.description:
                by_id.setdefault(binding.id, []).append(binding)
    return [(keys[0], keys) for keys in by_id.values()]


def _split_tooltip(tooltip: str) -> tuple[str, str]:
    """Split a tooltip into its sentence and a closing remark in brackets.

    Args:
        tooltip: A tooltip, such as ``"Hide the card (again: unpin the panel)"``.

    Returns:
        The sentence and the remark without its brackets (``""`` when there is none).
    """
    sentence, bracket, remark = tooltip.partition(" (")
    if bracket and remark.endswith(")"):
        return sentence, remark[:-1]
    return tooltip, ""


def _stdin_is_terminal() -> bool:
    """Whether standard input is a terminal (``reader -`` would wait for typing)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):  # Replaced by something odd, or closed.
        return False


def _reattach_terminal() -> bool:
    """After reading standard input, read keys from the terminal instead."""
    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return False
    os.dup2(tty, 0)
    os.close(tty)
    return True


def parse_args(argv: Sequence[str]) -> tuple[str | None, str | None, str | None]:
    """Read the command line: the file to open, the encoding asked for, the glossary.

    With no option (``reader`` or ``reader FILE``, the usual launches) no parser is
    needed: ``argparse`` and ``gettext`` take milliseconds to import, paid before the
    first frame. Anything else (options, ``-``, more than one argument) goes to argparse.

    Args:
        argv: The arguments.

    Returns:
        The file (None: the bundled article; ``-``: standard input), the encoding and the
        glossary database (``--db``; None: ``$HANJA_READER_DB`` or the user data folder).
    """
    if len(argv) <= 1 and not any(arg.startswith("-") for arg in argv):
        return (argv[0] if argv else None), None, None
    import argparse  # only for options, help and errors

    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read Korean text in the terminal with every hanja gloss explained.",
    )
    parser.add_argument(
        "file",
        nargs="?",
        help="a text file, or - for standard input (default: the bundled sample article)",
    )
    parser.add_argument(
        "--encoding",
        metavar="ENC",
        help="decode the file with this encoding (default: guess: UTF-8, UTF-16, CP949...)",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the glossary database, as for glossary --db (default: $HANJA_READER_DB, else "
        "glossary.sqlite3 in the user data folder)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args = parser.parse_args(argv)
    return args.file, args.encoding, args.db


def main(argv: Sequence[str] | None = None) -> int:
    """Run the reader from the command line.

    Until the read screen is shown, nearly everything made lives as long as the app (the
    document, styles, widgets): the cyclic garbage collector would only walk it again and
    again. It is paused meanwhile; the app turns it back on, frozen past all that, once
    the screen is up (and here, whatever happens).

    Args:
        argv: Arguments (the process's by default).

    Returns:
        The exit status: 0; 1 when the app failed or marks or notes could not be saved;
        2 when the document cannot be read.
    """
    gc.disable()
    try:
        return _run(sys.argv[1:] if argv is None else argv)
    finally:
        gc.enable()


def _run(argv: Sequence[str]) -> int:
    file, encoding, db = parse_args(argv)
    if db is not None:
        from glossary.errors import InputError
        from glossary.paths import DB_ENV_VAR, expand_user

        try:
            # Every part of the reader finds the glossary through this variable (db_path()).
            os.environ[DB_ENV_VAR] = str(expand_user(db))
        except InputError as exc:
            print(f"reader: {exc}", file=sys.stderr)
            return EXIT_INPUT_ERROR
    if file == "-" and _stdin_is_terminal():  # It would wait for typing, on a blank screen.
        print(STDIN_TERMINAL, file=sys.stderr)
        return EXIT_INPUT_ERROR
    try:
        document = read_document(file, encoding=encoding)
    except GlossaryError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        return 130
    if file == "-" and not os.isatty(0) and not _reattach_terminal():
        print("reader: no terminal to read keys from", file=sys.stderr)
        return EXIT_INPUT_ERROR
    app = ReaderApp(document)
    app.run()
    left = app.left_behind()
    if left is not None:
        print(f"reader: still {left} (a pipe?); left behind", file=sys.stderr)
    problem = app.statuses.close()  # saved already on quit; this only says what was not
    if problem:
        print(f"reader: {problem}", file=sys.stderr)
    if app.return_code:  # the app failed (Textual printed why): never exit 0 after a crash
        return app.return_code
    return EXIT_UNSAVED if problem else 0
