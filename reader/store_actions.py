"""The reader's errands to the glossary store: add the open article, export the glossary.

Each errand opens the store on the thread it runs on (a worker thread: the store may wait
for another program's write) and closes it again. A store held by another program is
tried again a few times, the user told so each time; every failure becomes one line.
Nothing here draws: :func:`add_article` starts the worker and notifies; the export dialog
(:mod:`reader.screens.export`) runs :func:`export_glossary` in its own worker.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, get_args

from glossary import GlossaryError, Kind, places_phrase
from glossary.errors import StoreError
from glossary.paths import db_path
from glossary.store import DEFAULT_DECK, EXPORT_FORMATS, STATUSES

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

    from glossary import Glossary
    from glossary.store import AddResult, Store

T = TypeVar("T")
Severity = Literal["information", "warning", "error"]

KINDS: tuple[str, ...] = get_args(Kind)
ADD_GROUP = "glossary-add"
EXPORT_GROUP = "glossary-export"
DEFAULT_NAME = "hanja-reader"
# Seconds the store waits for another program's write, and how many times it is tried.
BUSY_TIMEOUT_S = 5.0
ATTEMPTS = 3
BUSY = "the glossary database is busy"
NOT_READY = "The glossary is not ready yet."
ADDING = "Already adding this article to your glossary…"
BUSY_RETRY = "Your glossary is busy (another program is writing to it): trying again…"
# What the store says of a file that exists, and what to do about it in the dialog.
USE_FORCE = "(use --force to replace it)"
USE_REPLACE = "(tick “Replace the file” to overwrite it)"


@dataclass(frozen=True)
class ExportChoice:
    """What to export and where: the choices of ``glossary export``.

    Attributes:
        fmt: One of ``EXPORT_FORMATS`` (apkg, tsv, csv, json, md).
        path: The file to write, as typed (``~`` allowed).
        statuses: The study statuses to keep (ignored terms only when asked, as in
            ``glossary export``).
        kinds: The kinds of gloss to keep (all of them: no filter).
        deck: The Anki deck name (apkg and tsv).
        force: Replace the file when it exists.
    """

    fmt: str
    path: str
    statuses: tuple[str, ...] = tuple(s for s in STATUSES if s != "ignored")
    kinds: tuple[str, ...] = KINDS
    deck: str = DEFAULT_DECK
    force: bool = field(default=False, compare=False)

    @property
    def target(self) -> Path:
        """The file to write, ``~`` expanded.

        Raises:
            InputError: ``~user`` names no user.
        """
        from glossary.paths import expand_user

        return expand_user(self.path.strip())

    def problem(self) -> str | None:
        """Why this choice cannot be exported, in one line; None when it can.

        Returns:
            The problem, or None.
        """
        if self.fmt not in EXPORT_FORMATS:
            return f"Choose a format: {', '.join(EXPORT_FORMATS)}."
        if not self.path.strip():
            return "Type the path of the file to write."
        if self.path.strip() == "-":
            return "Standard output is for `glossary export -o -`: type a file path."
        if not self.statuses:
            return "Tick at least one status."
        if not self.kinds:
            return "Tick at least one kind."
        return None


def _only(chosen: Sequence[str], every: Sequence[str]) -> list[str] | None:
    """A filter for ``export_store``: None (everything) when every value is chosen."""
    return None if set(every) <= set(chosen) else list(chosen)


def format_of(path: str) -> str | None:
    """The export format a file name's suffix names (``deck.tsv``: tsv), if any.

    Args:
        path: A path.

    Returns:
        The format, or None.
    """
    suffix = Path(path.strip()).suffix.lower().lstrip(".")
    return suffix if suffix in EXPORT_FORMATS else None


def with_format(path: str, fmt: str) -> str:
    """The path with its suffix following the format, when its suffix is a format's.

    A path without a format's suffix (``~/cards``, ``deck.txt``) is the user's choice and
    stays as it is.

    Args:
        path: The path as typed.
        fmt: The format chosen.

    Returns:
        The path, its suffix changed when it named another format.
    """
    current = format_of(path)
    if current is None or current == fmt:
        return path
    stripped = path.rstrip()
    return stripped[: -len(current)] + fmt


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path with the home folder written ``~`` (how it is shown and prefilled).

    Args:
        path: An absolute path.

    Returns:
        ``~/…`` under the home folder, else the path as it is.
    """
    full = Path(path)
    try:
        return str(Path("~") / full.relative_to(Path.home()))
    except (ValueError, RuntimeError):
        return str(full)


def default_export_path(fmt: str) -> str:
    """Where an export goes unless told: ``hanja-reader.<fmt>`` in the documents folder.

    The documents folder is platformdirs' (``~/Documents`` or the XDG user folder); the
    home folder when that does not exist.

    Args:
        fmt: The export format (its suffix).

    Returns:
        The path, shown with ``~``.
    """
    import platformdirs

    folder = platformdirs.user_documents_path()
    if not folder.is_dir():
        folder = Path.home()
    return shown_path(folder / f"{DEFAULT_NAME}.{fmt}")


def on_store(
    step: Callable[[Store], T],
    *,
    db: str | os.PathLike[str] | None = None,
    on_busy: Callable[[int], None] | None = None,
) -> T:
    """Open the store, run one step on it, close it; try again while another program holds it.

    Args:
        step: What to do with the open store.
        db: The store's path (by default ``$HANJA_READER_DB`` or the user data folder, as
            ``glossary`` and the reader's marks use).
        on_busy: Called with the attempt number before each new attempt.

    Returns:
        What ``step`` returned.

    Raises:
        GlossaryError: The store cannot be opened or used, still busy after the last try.
    """
    from glossary.store import open_store

    path = db_path(db)
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with open_store(path, timeout=BUSY_TIMEOUT_S) as store:
                return step(store)
        except StoreError as exc:
            if attempt >= ATTEMPTS or BUSY not in str(exc):
                raise
            if on_busy is not None:
                on_busy(attempt)
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def counted(count: int, noun: str) -> str:
    """A count with its noun, plural when it is not one (``1 term``, ``12 terms``)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def describe_add(result: AddResult) -> str:
    """What adding the article did, in one line.

    Args:
        result: What the store reported.

    Returns:
        ``Added to your glossary: 12 terms (12 new), 13 glossed places`` or the like.
    """
    if result.action == "unchanged":
        return "Already in your glossary (unchanged)"
    lead = "Added to your glossary" if result.action == "added" else "Updated in your glossary"
    places = result.occurrences
    # A Chinese article's places are its words, none glossed; Korean text may have bare ones.
    bare = places if result.language == "zh" else result.bare_places
    where = places_phrase(places, bare, counted)
    return f"{lead}: {counted(result.terms, 'term')} ({result.new_terms} new), {where}"


def export_glossary(
    choice: ExportChoice,
    *,
    db: str | os.PathLike[str] | None = None,
    on_busy: Callable[[int], None] | None = None,
) -> int:
    """Export the store as chosen, as ``glossary export`` does.

    Args:
        choice: The format, filters, file and whether to replace it.
        db: The store's path (the user's by default).
        on_busy: Called before each new attempt while the store is busy.

    Returns:
        How many terms were written.

    Raises:
        GlossaryError: The store failed, or the file exists (without ``force``), is a
            directory or a special file, or cannot be written.
    """
    from glossary.store import export_store

    def export(store: Store) -> int:
        return export_store(
            store,
            choice.fmt,
            choice.target,
            status=list(choice.statuses),  # explicit: "ignored" ticked means ignored too
            kind=_only(choice.kinds, KINDS),
            deck=choice.deck.strip() or DEFAULT_DECK,
            force=choice.force,
        )

    return on_store(export, db=db, on_busy=on_busy)


def describe_export(count: int, choice: ExportChoice) -> tuple[str, Severity]:
    """The line that tells what an export wrote, and how loud to say it.

    Args:
        count: Terms written.
        choice: The export.

    Returns:
        ``Wrote 12 terms to /path/deck.apkg`` (a warning, with a hint, for no term).
    """
    line = f"Wrote {counted(count, 'term')} to {choice.target}"
    if choice.fmt in ("apkg", "tsv"):
        line += f" (deck {choice.deck.strip() or DEFAULT_DECK})"
    if count:
        return line, "information"
    return line + ": no stored term matches (a adds this article)", "warning"


def error_line(exc: BaseException) -> str:
    """An error as the one line the reader shows (the CLI's advice turned into the dialog's).

    Args:
        exc: The error.

    Returns:
        The line.
    """
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text.replace(USE_FORCE, USE_REPLACE)


# -- adding the open article, in a worker --------------------------------------------------


def add_article(node: DOMNode, glossary: Glossary | None) -> None:
    """Add the open article's glossary to the user's store in a worker, then say what it did.

    Args:
        node: The screen that asked (the worker belongs to it).
        glossary: The open document's glossary; None while it is being built.
    """
    app = node.app
    if glossary is None:
        app.notify(NOT_READY, severity="warning")
        return
    if any(w.group == ADD_GROUP and not w.is_finished for w in app.workers):
        app.notify(ADDING, severity="warning")
        return
    node.run_worker(
        partial(_add_in_thread, app, glossary),
        name="add the article to the glossary",
        group=ADD_GROUP,
        thread=True,
        exclusive=True,
        exit_on_error=False,
    )


def _add_in_thread(app: App[Any], glossary: Glossary) -> None:
    """Add the glossary to the store, off the event loop; notify the result."""

    def busy(_attempt: int) -> None:
        tell(app, BUSY_RETRY, "warning")

    try:
        result = on_store(lambda store: store.add_glossary(glossary), on_busy=busy)
    except GlossaryError as exc:
        tell(app, error_line(exc), "error")
        return
    except Exception as exc:  # noqa: BLE001 - whatever happens, a message, never a traceback
        tell(app, f"Cannot add to your glossary: {error_line(exc)}", "error")
        return
    tell(app, describe_add(result), "information")


def on_loop(app: App[Any], callback: Callable[..., object], *args: Any, **kwargs: Any) -> None:
    """From a worker thread, run a callback on the event loop (nothing when the app has ended).

    Args:
        app: The app.
        callback: What to run.
        *args: Its arguments.
        **kwargs: Its keyword arguments.
    """
    with suppress(RuntimeError):  # The app is gone: nobody to tell.
        app.call_from_thread(callback, *args, **kwargs)


def tell(app: App[Any], message: str, severity: Severity) -> None:
    """Notify from a worker thread (nothing, when the app has already ended).

    Args:
        app: The app.
        message: One line (shown as it is: paths are no markup).
        severity: information, warning or error.
    """
    on_loop(app, app.notify, message, severity=severity, markup=False)
