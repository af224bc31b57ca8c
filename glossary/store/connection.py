"""The store's connection: opening and migrating the file, transactions, error messages.

:class:`_Connection` is the base of :class:`glossary.store.core.Store` and of each of its
parts (:mod:`~glossary.store.reads`, :mod:`~glossary.store.writes`,
:mod:`~glossary.store.marks`, :mod:`~glossary.store.exchange`), which reach the database
only through what it holds: ``path``, the clock, the ``sqlite3`` connection (``_db``) and
the ``_guard``, ``_read`` and ``_write`` context managers.

One file in the user data directory (see :mod:`glossary.paths`), in WAL mode, versioned
with ``PRAGMA user_version`` and migrated forward on open. Every change is one
``BEGIN IMMEDIATE`` transaction, so concurrent writers queue instead of losing work, and a
process killed midway leaves the file as it was. ``sqlite3`` loads on first use.

A store opened ``read_only`` (or whose file or folder cannot be written) is opened with
SQLite's ``mode=ro`` and never written; a change to it is refused saying why. When SQLite
cannot use the file, the message says what is wrong with it where that can be told: a
read-only folder or file, a truncated file, a file that is not SQLite at all, a lock held
by another program. A failed read or write reports SQLite's first error, never the error
of ending a transaction SQLite had already ended.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Self

from glossary.errors import StoreError
from glossary.store.schema import APPLICATION_ID, BUSY_TIMEOUT_S, MIGRATIONS

if TYPE_CHECKING:
    import sqlite3


# Why a store opened with ``read_only=True`` is read-only.
_ASKED = "opened for reading only"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class _Connection:
    """The open database file and its transactions; the base of every part of the store."""

    def __init__(
        self,
        path: Path,
        *,
        timeout: float = BUSY_TIMEOUT_S,
        clock: Callable[[], str] = _now,
        migrations: Sequence[str] = MIGRATIONS,
        read_only: bool = False,
    ) -> None:
        """Open the store; prefer :func:`open_store`.

        Args:
            path: The database file.
            timeout: Seconds to wait for another writer.
            clock: Current time as an ISO 8601 string.
            migrations: The schema migrations (tests pass extra ones).
            read_only: Never write to the file (for commands that only read). A file that
                cannot be written (a read-only file or folder) is opened read-only anyway.
                A missing file is created, with its folder, unless ``read_only``: then
                nothing is created and :class:`StoreError` says there is no glossary.
        """
        import sqlite3

        self.path = path
        self._clock = clock
        self._lock = threading.RLock()
        self._timeout = timeout
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a glossary database")
        # Why the file is only read (None: it is written too).
        self._why_read_only: str | None = None
        if path.is_file():
            self._why_read_only = _unwritable(path) or (_ASKED if read_only else None)
            # Read before SQLite opens the file: closing any descriptor of it would drop this
            # process's locks on it, and another process closing its connection could then
            # take itself for the last one and remove the write-ahead log this one writes.
            cut = _truncation(path, early=True)
            if cut:
                raise StoreError(cut)
        elif read_only and not path.exists():
            # Only reading: no folder, no file is made for it.
            raise StoreError(f"{path}: no glossary database there (nothing to read)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = (exc.strerror or str(exc)).lower()
            raise StoreError(f"{path}: cannot create its folder {path.parent} ({reason})") from None
        try:
            self._db = self._connect()
        except sqlite3.Error as exc:
            message = self._explain(exc) or f"{path}: cannot open the glossary database ({exc})"
            raise StoreError(message) from None
        try:
            self._prepare(migrations)
        except BaseException:
            self._db.close()
            raise

    @property
    def read_only(self) -> bool:
        """Whether the store is only read: opened so, or its file or folder is read-only."""
        return self._why_read_only is not None

    def check_writable(self) -> None:
        """Refuse at once a change the store cannot take (before any work is done for it).

        Raises:
            StoreError: The store is read-only (the message says why).
        """
        if self._why_read_only is not None:
            raise StoreError(self._read_only_message(self._why_read_only))

    def _read_only_message(self, why: str) -> str:
        return f"{self.path}: read-only ({why}): the glossary can be read, not changed"

    def _connect(self) -> sqlite3.Connection:
        """Open the file: read-write (created when missing), or read-only."""
        import sqlite3

        database: str | Path = self.path
        if self._why_read_only is not None:
            database = f"{self.path.absolute().as_uri()}?mode=ro"
            if _immutable(self.path):
                database += "&immutable=1"
        return sqlite3.connect(
            database,
            timeout=self._timeout,
            isolation_level=None,
            check_same_thread=False,
            uri=self._why_read_only is not None,
        )

    # -- opening ---------------------------------------------------------------------------

    def _prepare(self, migrations: Sequence[str]) -> None:
        with self._guard():
            current = self._retry_while_busy(lambda: self._settle(len(migrations)))
        if current < len(migrations) and self._why_read_only is not None:
            if self._why_read_only != _ASKED:
                raise StoreError(
                    f"{self.path}: read-only ({self._why_read_only}), and it must be set up "
                    f"(schema {current} of {len(migrations)}) before it can be read"
                )
            # A new or older file: setting it up writes, once.
            self._db.close()
            self._why_read_only = None
            self._db = self._connect()
            with self._guard():
                self._retry_while_busy(lambda: self._settle(len(migrations)))
        if current < len(migrations):
            with self._write() as db:
                version = self._user_version()  # Another process may have migrated meanwhile.
                for script in migrations[version:]:
                    for statement in _statements(script):
                        db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {len(migrations)}")
            if current:
                self._reclaim()

    def _reclaim(self) -> None:
        """Give back the disk space a migration freed, when it is much (schema 4 frees most).

        Optional: when it cannot be done (another process busy with the file, no room on the
        disk for the copy VACUUM writes), the free pages are reused by later writes instead.
        """
        import sqlite3

        with self._guard():
            free = int(self._db.execute("PRAGMA freelist_count").fetchone()[0])
            pages = int(self._db.execute("PRAGMA page_count").fetchone()[0])
            if free * 4 < pages:
                return
            with suppress(sqlite3.OperationalError):
                self._db.execute("VACUUM")

    def _settle(self, newest: int) -> int:
        """Check the file is ours, switch it to WAL, set the connection up; the schema version."""
        self._check_identity(newest)
        if self._why_read_only is None:
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{self.path}: cannot switch the database to WAL mode ({mode})")
            self._db.execute("PRAGMA synchronous = FULL")
        self._db.execute("PRAGMA foreign_keys = ON")
        return self._user_version()

    def _retry_while_busy(self, step: Callable[[], int]) -> int:
        """Run ``step`` again while another process holds the file, up to the timeout.

        SQLite does not always wait by itself: switching a new file to WAL while another
        process creates it fails at once with "database is locked".
        """
        import sqlite3

        deadline = time.monotonic() + self._timeout
        while True:
            try:
                return step()
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or time.monotonic() >= deadline:
                    raise
            time.sleep(0.01)

    def _user_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _check_identity(self, newest: int) -> None:
        """Refuse files that are not ours before anything is written to them."""
        import sqlite3

        try:
            # One statement, so one snapshot: another process may be creating the file.
            app_id, version, tables = self._db.execute(
                "SELECT a.application_id, v.user_version, (SELECT count(*) FROM sqlite_master) "
                "FROM pragma_application_id() a, pragma_user_version() v"
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and _busy(exc):
                raise
            message = self._explain(exc) or f"{self.path}: not a glossary database ({exc})"
            raise StoreError(message) from None
        if tables and app_id != APPLICATION_ID:
            raise StoreError(f"{self.path}: an SQLite database of another program, not a glossary")
        if version > newest:
            raise StoreError(
                f"{self.path}: made by a newer hanja-reader (schema {version}, this one reads "
                f"up to {newest}); upgrade hanja-reader"
            )

    # -- plumbing --------------------------------------------------------------------------

    def close(self) -> None:
        """Close the database (checkpointing the write-ahead log)."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn SQLite errors into one-line :class:`StoreError` messages naming the file."""
        import sqlite3

        try:
            with self._lock:
                yield
        except sqlite3.OperationalError as exc:
            if _busy(exc):
                raise StoreError(
                    f"{self.path}: the glossary database is busy: another program has held it "
                    f"locked for more than {self._timeout:g} s"
                ) from None
            message = self._explain(exc) or f"{self.path}: database error ({exc})"
            raise StoreError(message) from None
        except sqlite3.DatabaseError as exc:
            message = self._explain(exc) or f"{self.path}: the glossary database is damaged ({exc})"
            raise StoreError(message) from None

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query in it sees the same snapshot.

        An error inside it is the one reported: SQLite may have ended the transaction
        already (on a full disk or an I/O error), so it is ended only if it is still open.
        """
        with self._transaction("BEGIN") as db:
            yield db

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``), committed or undone.

        Raises:
            StoreError: The store is read-only, or SQLite failed (its first error).
        """
        self.check_writable()
        with self._transaction("BEGIN IMMEDIATE") as db:
            yield db

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        """A transaction begun with ``begin``: committed, or rolled back on any error."""
        with self._guard():
            self._db.execute(begin)
            try:
                yield self._db
            except BaseException:
                self._end("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _end(self, statement: str) -> None:
        """End the open transaction, if SQLite has not: an error here must not hide the first."""
        import sqlite3

        if self._db.in_transaction:
            with suppress(sqlite3.Error):
                self._db.execute(statement)

    def _explain(self, exc: Exception) -> str | None:
        """Say what is wrong with the file when SQLite cannot use it, if it can be told.

        Read-only (a file or folder that cannot be written), truncated, not SQLite at all,
        or unreadable. None when nothing more than SQLite's own message can be said.
        """
        path = self.path
        name = str(getattr(exc, "sqlite_errorname", ""))
        try:
            with path.open("rb") as fh:
                head = fh.read(_HEADER)
        except FileNotFoundError:
            why = _unwritable(path)
            return f"{path}: cannot create the glossary database ({why})" if why else None
        except OSError as error:
            return f"{path}: cannot be read ({(error.strerror or str(error)).lower()})"
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_IOERR")):
            if head and not (head.startswith(_MAGIC) or _MAGIC.startswith(head)):
                return f"{path}: not a glossary database (not an SQLite file at all)"
            cut = _truncation(path)
            if cut:
                return cut
        if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
            why = self._why_read_only or _unwritable(path)
            if why and name.startswith("SQLITE_CANTOPEN"):
                return f"{path}: cannot be opened ({why}; {exc})"
            if why:
                return self._read_only_message(why)
        return None

    def integrity_check(self) -> list[str]:
        """Run SQLite's integrity and foreign-key checks.

        Returns:
            Problems found; empty when the database is sound.
        """
        with self._guard():
            rows = [r[0] for r in self._db.execute("PRAGMA integrity_check")]
            problems = [r for r in rows if r != "ok"]
            problems += [repr(r) for r in self._db.execute("PRAGMA foreign_key_check")]
        return problems


# -- helpers ---------------------------------------------------------------------------------


def _busy(exc: Exception) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


_MAGIC = b"SQLite format 3\x00"
_HEADER = 100


def _unwritable(path: Path) -> str | None:
    """Why the database file (or the folder its journal goes in) cannot be written, if so."""
    folder = path.parent
    if not os.access(folder, os.W_OK):
        return f"its folder {folder} {_why_not_writable(folder)}"
    if path.exists() and not os.access(path, os.W_OK):
        return f"the file {_why_not_writable(path)}"
    return None


def _why_not_writable(path: Path) -> str:
    try:
        read_only_mount = bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        read_only_mount = False
    return "is on a read-only file system" if read_only_mount else "is not writable"


def _immutable(path: Path) -> bool:
    """Whether a read-only file is to be read as immutable (SQLite's ``immutable=1``).

    SQLite reads a WAL database through a shared-memory file beside it, which it cannot
    create in a folder it cannot write to. When that folder is read-only and neither a
    write-ahead log nor a shared-memory file is there, no process has the file open for
    writing (none could start without them), so it is read as it is. Otherwise SQLite
    reads the log left there as usual.
    """
    if os.access(path.parent, os.W_OK):
        return False
    return not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


def _truncation(path: Path, *, early: bool = False) -> str | None:
    """Say so when an SQLite file is shorter than its header says (a cut copy, a full disk).

    Args:
        path: The file.
        early: Checked before SQLite has reported anything: only a file that ends inside
            a page counts (while another process checkpoints, the header may already
            count pages that are still being written).
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEADER)
            size = os.fstat(fh.fileno()).st_size
    except OSError:
        return None
    advice = "restore it from a copy; it is left as it is"
    if not head or not (head.startswith(_MAGIC) or _MAGIC.startswith(head)):
        return None
    if len(head) < _HEADER:
        return (
            f"{path}: truncated SQLite database ({size:,} bytes, shorter than its "
            f"{_HEADER}-byte header): {advice}"
        )
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return None  # Not a header SQLite wrote: SQLite says what it makes of it.
    pages = int.from_bytes(head[28:32], "big")
    counted = head[24:28] == head[92:96] and pages > 0  # The page count is valid.
    expected = pages * page_size if counted else -(-size // page_size) * page_size
    short = size < expected and (size % page_size != 0 or not early)
    if not short:
        return None
    ours = int.from_bytes(head[68:72], "big") == APPLICATION_ID
    return (
        f"{path}: truncated {'glossary' if ours else 'SQLite'} database ({size:,} of "
        f"{expected:,} bytes): {advice}"
    )
