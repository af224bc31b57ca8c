"""The open store: :func:`open_store`, the :class:`Store` it returns, and the reader's view.

:class:`Store` is one class assembled from its parts, each in the module named for what
it does; they share one base, :class:`~glossary.store.connection._Connection`:

- :mod:`glossary.store.connection`: opening, migrating and checking the file; the
  transactions every other part runs in; closing; the integrity check.
- :mod:`glossary.store.writes`: adding documents' glossaries (:meth:`Store.add_glossary`,
  :meth:`Store.add_prepared`).
- :mod:`glossary.store.reads`: reading terms, documents and counts (:meth:`Store.terms`,
  :meth:`Store.resolve`, :meth:`Store.glosses`, :meth:`Store.stats` ...).
- :mod:`glossary.store.marks`: the user's marks (:meth:`Store.set_status`,
  :meth:`Store.set_note`, :meth:`Store.set_meaning`, :meth:`Store.correct`).
- :mod:`glossary.store.exchange`: JSON export and import (:meth:`Store.dump`,
  :meth:`Store.import_data`, :meth:`Store.import_json`).

:class:`StoreStatuses` adapts a store to the reader's ``StatusStore``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from glossary.errors import UnknownTermError
from glossary.model import Glossary
from glossary.store.connection import _now
from glossary.store.exchange import _Exchange
from glossary.store.marks import _Marks
from glossary.store.reads import _Reads
from glossary.store.schema import BUSY_TIMEOUT_S, Status, TermKey
from glossary.store.writes import _Writes


def open_store(
    path: str | os.PathLike[str],
    *,
    timeout: float = BUSY_TIMEOUT_S,
    clock: Callable[[], str] = _now,
    read_only: bool = False,
) -> Store:
    """Open (creating or migrating when needed) the glossary store at ``path``.

    Args:
        path: The database file; its folder is created when missing.
        timeout: Seconds to wait for another process's write to finish.
        clock: Returns the current time as an ISO 8601 string (tests pass a fixed one).
        read_only: Only read the file (the commands that never change the glossary). A
            file that cannot be written (in a read-only folder, or read-only itself) is
            opened read-only anyway; changing such a store raises :class:`StoreError`
            saying why. A missing file is created (with its folder) unless ``read_only``.

    Returns:
        The open store; close it with :meth:`Store.close` or use it as a context manager.

    Raises:
        StoreError: The file is not a glossary database (garbage, another program's
            SQLite file, or a newer schema), is truncated, damaged, locked, unreadable
            or cannot be created, or is missing with ``read_only``. The file is never
            modified in that case.
    """
    return Store(Path(path), timeout=timeout, clock=clock, read_only=read_only)


class Store(_Reads, _Writes, _Marks, _Exchange):
    """An open glossary store. Safe to share between threads; one per process is enough."""


class StoreStatuses:
    """Study marks read and written through the store (the reader's ``StatusStore``).

    With the glossary of the document being read attached, marking one of its terms that
    the store does not hold yet adds the document first (as ``glossary add`` would), so
    the mark is kept. Without it, such a mark is ignored.
    """

    def __init__(self, store: Store, glossary: Glossary | None = None) -> None:
        """Wrap a store.

        Args:
            store: The open store.
            glossary: The glossary of the document being read, if any.
        """
        self._store = store
        self._glossary = glossary

    def get(self, key: TermKey) -> Status:
        """A term's status, ``new`` when it is not stored.

        Args:
            key: The term's (hanja, hangul).

        Returns:
            Its status.
        """
        return self._store.status_of(key)

    def set(self, key: TermKey, status: Status) -> None:
        """Mark a term.

        Args:
            key: The term's (hanja, hangul).
            status: The new status.
        """
        try:
            self._store.set_status(key, status)
        except UnknownTermError:
            glossary = self._glossary
            if glossary is None or all(t.key != key for t in glossary.terms):
                return
            self._store.add_glossary(glossary)
            with suppress(UnknownTermError):
                self._store.set_status(key, status)
