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
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Self

from glossary.errors import StoreError
from glossary.store.schema import APPLICATION_ID, BUSY_TIMEOUT_S, MIGRATIONS

if TYPE_CHECKING:
    import sqlite3


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
    ) -> None:
        """Open the store; prefer :func:`open_store`.

        Args:
            path: The database file.
            timeout: Seconds to wait for another writer.
            clock: Current time as an ISO 8601 string.
            migrations: The schema migrations (tests pass extra ones).
        """
        import sqlite3

        self.path = path
        self._clock = clock
        self._lock = threading.RLock()
        self._timeout = timeout
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a glossary database")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{path}: cannot open the glossary database ({exc})") from None
        try:
            self._prepare(migrations)
        except BaseException:
            self._db.close()
            raise

    # -- opening ---------------------------------------------------------------------------

    def _prepare(self, migrations: Sequence[str]) -> None:
        with self._guard():
            current = self._retry_while_busy(lambda: self._settle(len(migrations)))
        if current < len(migrations):
            with self._write() as db:
                version = self._user_version()  # Another process may have migrated meanwhile.
                for script in migrations[version:]:
                    for statement in _statements(script):
                        db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {len(migrations)}")

    def _settle(self, newest: int) -> int:
        """Check the file is ours, switch it to WAL, set the connection up; the schema version."""
        self._check_identity(newest)
        mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"{self.path}: cannot switch the database to WAL mode ({mode})")
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA synchronous = FULL")
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
            raise StoreError(f"{self.path}: not a glossary database ({exc})") from None
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
                    f"{self.path}: the glossary database is busy (another program has held "
                    f"it for more than {self._timeout:g} s)"
                ) from None
            raise StoreError(f"{self.path}: database error ({exc})") from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: the glossary database is damaged ({exc})") from None

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query in it sees the same snapshot."""
        with self._guard():
            self._db.execute("BEGIN")
            try:
                yield self._db
            finally:
                self._db.execute("COMMIT")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``), committed or undone."""
        with self._guard():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

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
