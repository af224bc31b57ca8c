"""Saving study marks and notes to the glossary store on a thread of its own.

The reader keeps every mark and note in memory at once (the article repaints it at once)
and hands the write to a :class:`Saver`: one background thread and a queue of changes, so
a key never waits for the database. Only the latest change of a term's mark (or note) is
kept in the queue.

- **Busy**: another glossary command is writing (``glossary add`` of a long file holds the
  write lock for seconds). Each try waits :data:`WRITE_TIMEOUT_S`, then the change goes
  back in the queue and is tried again until the lock clears. The user is told once per
  wait (:data:`BUSY_NOTICE`), and briefly once everything waiting is saved
  (:data:`SAVED_NOTICE`).
- **Failed**: anything else (a read-only, damaged or unreadable file): said once in one
  line (an error notification, never a traceback); the change stays in memory for the
  session and is counted in :meth:`Saver.close`'s line.
- **Deleted or replaced**: before each write the file at the store's path must still be
  the one the reader opened (same device and inode). When it is gone or another file took
  its place, nothing more is written (:data:`LOST_NOTICE`, once): SQLite would keep
  writing into the unlinked file, where every mark is lost without a word. Nor is a new
  file made behind the user's back, nor marks written into a file the reader did not
  open: it may have been deleted on purpose (to start afresh), or replaced by a backup or
  another glossary. Marks and notes stay in memory for the session; when the user opens a
  document again, the reader opens (or creates) the store at that path as on any launch,
  and :meth:`Saver.bind` queues them again, so they are saved there.

On quit, :meth:`Saver.close` waits for what is queued (at most :data:`FLUSH_TIMEOUT_S`)
and returns one line saying what could not be saved, for the terminal.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from glossary.errors import StoreError, UnknownTermError

if TYPE_CHECKING:
    from glossary import Glossary
    from glossary.store import Status, Store, TermKey

Severity = Literal["information", "warning", "error"]
FileId = tuple[int, int]  # (st_dev, st_ino)
ChangeId = tuple[str, str, str]  # ("status" or "note", hanja, hangul)

# Seconds each try waits for another writer, and between tries.
WRITE_TIMEOUT_S = 0.25
RETRY_S = 0.05
# Longest quitting waits for changes still queued (read when closing: tests lower it).
FLUSH_TIMEOUT_S = 5.0
# What the store says when another program holds the write lock.
BUSY = "the glossary database is busy"

BUSY_NOTICE = (
    "Your glossary is busy (another glossary command is writing): "
    "the mark is kept and will be saved"
)
SAVED_NOTICE = "Saved your marks to the glossary."
LOST_NOTICE = (
    "Your glossary file {path} was deleted or replaced: marks and notes are kept for this "
    "session only (open a file with o to start a new glossary there and save them)"
)
LOST_WHY = "{path} was deleted or replaced while the reader was open"


class Report(Protocol):
    """Tells the user something (``App.notify``, which is thread-safe)."""

    def __call__(
        self,
        message: str,
        *,
        severity: Severity = ...,
        timeout: float | None = ...,
        markup: bool = ...,
    ) -> None:
        """Show one notification."""
        ...


@dataclass(frozen=True)
class Change:
    """One mark or note to write.

    Attributes:
        key: The term's key (hanja, hangul).
        status: The new study status, or None for a note.
        note: The new note (``""`` removes it), or None for a status.
        glossary: The document's glossary: a term the store lacks is added with it first.
    """

    key: TermKey
    status: Status | None = None
    note: str | None = None
    glossary: Glossary | None = None

    @property
    def ident(self) -> ChangeId:
        """What the change replaces: the same term's earlier status (or note)."""
        return ("status" if self.status is not None else "note", *self.key)


class _Busy(Exception):
    """Another program holds the store's write lock."""


def file_id(path: Path) -> FileId | None:
    """The file's identity (device and inode), None when it is missing or unreadable."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def write(store: Store, change: Change) -> None:
    """Write one change to the store, adding its document first when the term is not there.

    Args:
        store: The open store.
        change: The change.

    Raises:
        GlossaryError: The store could not take it (StoreError: busy, read-only, damaged).
    """
    from glossary.store import StoreStatuses

    if change.status is not None:
        StoreStatuses(store, change.glossary).set(change.key, change.status)
        return
    note = change.note or ""
    try:
        store.set_note(change.key, note)
    except UnknownTermError:
        if change.glossary is None:
            raise
        store.add_glossary(change.glossary)
        store.set_note(change.key, note)


class Saver:
    """Writes marks and notes to the store at ``path`` on its own thread, in order.

    Args:
        path: The store's file.
        report: How to tell the user (called from the saver's thread); None: say nothing.
    """

    def __init__(self, path: Path, report: Report | None = None) -> None:
        self.path = path
        self.report = report
        self._cond = threading.Condition()
        self._pending: dict[ChangeId, Change] = {}
        self._unsaved: dict[ChangeId, Change] = {}
        self._current: Change | None = None  # Being written.
        self._identity: FileId | None = None  # The file the reader opened.
        self._store: Store | None = None  # The saver thread's own connection.
        self._store_target: tuple[Path, FileId | None] | None = None
        self._lost = False
        self._why: str | None = None  # Why the changes in _unsaved were not saved.
        self._told: set[str] = set()
        self._busy_told = False
        self._thread: threading.Thread | None = None
        self._closing = False
        self._closed = False
        self._deadline = float("inf")

    @property
    def lost(self) -> bool:
        """Whether the file the reader opened was deleted or replaced (nothing is written)."""
        with self._cond:
            return self._lost

    def bind(self, path: Path, identity: FileId | None, changes: Iterable[Change] = ()) -> None:
        """Write to this file from now on (the store was just opened there).

        Args:
            path: The store's file.
            identity: The file's :func:`file_id`, taken right after opening it.
            changes: Changes to write there (those :meth:`waiting`; after the file was
                deleted, every change of the session), unless newer ones are queued.
        """
        with self._cond:
            self.path, self._identity = path, identity
            self._lost = False
            self._told.clear()
            self._unsaved.clear()
            self._why = None
            for change in changes:
                self._pending.setdefault(change.ident, change)
            if self._pending and not self._closed:
                self._start()
            self._cond.notify_all()

    def put(self, change: Change) -> None:
        """Queue a change (the latest change of a term's status or note replaces the last).

        Args:
            change: The change.
        """
        with self._cond:
            if self._closed:
                self._unsaved[change.ident] = change
                self._why = self._why or f"{self.path}: the reader was closing"
                return
            self._pending.pop(change.ident, None)
            self._pending[change.ident] = change
            self._start()
            self._cond.notify_all()

    def waiting(self) -> list[Change]:
        """The changes not written yet: kept after a failure, being written, or queued.

        Returns:
            The changes, oldest first.
        """
        with self._cond:
            current = [] if self._current is None else [self._current]
            return [*self._unsaved.values(), *current, *self._pending.values()]

    def close(self, timeout: float | None = None) -> str | None:
        """Save what is queued (waiting at most ``timeout`` while busy), then stop.

        Safe to call again: it only says again what was not saved.

        Args:
            timeout: Seconds to wait; :data:`FLUSH_TIMEOUT_S` by default.

        Returns:
            None when everything was saved, else one line saying what was not and why.
        """
        wait = FLUSH_TIMEOUT_S if timeout is None else timeout
        with self._cond:
            thread = self._thread
            if not self._closing:
                self._closing = True
                self._deadline = time.monotonic() + wait
                self._cond.notify_all()
        if thread is not None:
            # A write under way may still take its busy wait, or add a whole document.
            thread.join(wait + 2 * WRITE_TIMEOUT_S + 1.0)
        with self._cond:
            self._closed = True
            if self._pending:
                self._why = f"{self.path}: still busy (another glossary command is writing)"
                self._unsaved.update(self._pending)
                self._pending.clear()
            if thread is None or not thread.is_alive():
                self._drop_store()
            return self.unsaved_line()

    def unsaved_line(self) -> str | None:
        """One line saying how many changes could not be saved, and why (None: none).

        Returns:
            The line, or None.
        """
        count = len(self._unsaved)
        if not count:
            return None
        what = "study mark or note" if count == 1 else "study marks or notes"
        return f"{count} {what} not saved: {self._why or self.path}"

    # -- the saver's thread ------------------------------------------------------------------

    def _start(self) -> None:
        """Start the thread if it is not running (called holding the lock)."""
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="glossary-saver", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._closing:
                    self._cond.wait()
                if not self._pending or (self._closing and time.monotonic() >= self._deadline):
                    break
                ident = next(iter(self._pending))
                change = self._current = self._pending.pop(ident)
                path, identity, lost = self.path, self._identity, self._lost
            tell: tuple[str, Severity] | None = None
            try:
                problem = self._save(change, path, identity) if not lost else _lost(path)
            except _Busy:
                with self._cond:
                    self._current = None
                    self._pending.setdefault(ident, change)  # Unless a newer one came.
                    if not self._busy_told:
                        self._busy_told = True
                        tell = (BUSY_NOTICE, "warning")
                self._tell(tell)
                with self._cond:
                    if not self._closing or time.monotonic() < self._deadline:
                        self._cond.wait(RETRY_S)
                continue
            with self._cond:
                self._current = None
                if problem is None:
                    self._unsaved.pop(ident, None)
                    if self._busy_told and not self._pending:
                        self._busy_told = False
                        tell = (SAVED_NOTICE, "information")
                else:
                    self._unsaved[ident] = change
                    self._why = LOST_WHY.format(path=path) if self._lost else problem
                    if problem not in self._told:
                        self._told.add(problem)
                        tell = (problem, "warning" if self._lost else "error")
            self._tell(tell)
        with self._cond:
            if self._closing:
                self._drop_store()

    def _save(self, change: Change, path: Path, identity: FileId | None) -> str | None:
        """Write one change to the file opened at ``path``; None when written, else why not.

        Raises:
            _Busy: Another program holds the write lock: try again later.
        """
        if identity is not None and file_id(path) != identity:
            return self._lose(path, identity)
        try:
            store = self._open(path, identity)
            if store is None:
                return self._lose(path, identity)
            write(store, change)
        except StoreError as exc:
            if BUSY in str(exc):
                raise _Busy from None
            self._drop_store()
            return str(exc)
        except Exception as exc:  # noqa: BLE001 - whatever happens, a line, never a traceback
            self._drop_store()
            return f"{path}: cannot save to the glossary ({exc})"
        return None

    def _open(self, path: Path, identity: FileId | None) -> Store | None:
        """The saver's own connection to the file the reader opened (None: it is gone)."""
        if self._store is not None and self._store_target == (path, identity):
            return self._store
        self._drop_store()
        from glossary.store import open_store

        store = open_store(path, timeout=WRITE_TIMEOUT_S)
        if identity is not None and file_id(path) != identity:
            store.close()  # Deleted or replaced while it was being opened.
            return None
        self._store, self._store_target = store, (path, identity)
        return store

    def _lose(self, path: Path, identity: FileId | None) -> str:
        """The file is no longer the one opened: write nothing more to this path."""
        with self._cond:
            if (path, identity) == (self.path, self._identity):  # Unless opened again since.
                self._lost = True
        self._drop_store()
        return _lost(path)

    def _drop_store(self) -> None:
        store, self._store, self._store_target = self._store, None, None
        if store is not None:
            with suppress(Exception):
                store.close()

    def _tell(self, notice: tuple[str, Severity] | None) -> None:
        if notice is None or self.report is None:
            return
        message, severity = notice
        timeout = 3.0 if severity == "information" else None
        with suppress(Exception):  # The app may be gone: the line at quit still says it.
            self.report(message, severity=severity, timeout=timeout, markup=False)


def _lost(path: Path) -> str:
    return LOST_NOTICE.format(path=path)
