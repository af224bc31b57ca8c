"""Study marks per term (new, learning, known, ignored), in memory or in the glossary store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from glossary import Glossary

Status = Literal["new", "learning", "known", "ignored"]
STATUSES: tuple[Status, ...] = ("new", "learning", "known", "ignored")

TermKey = tuple[str, str]


def as_status(value: str) -> Status | None:
    """Read a status name.

    Args:
        value: new, learning, known or ignored.

    Returns:
        The status, or None for anything else.
    """
    for status in STATUSES:
        if status == value:
            return status
    return None


class StatusStore(Protocol):
    """What the reader needs from a store of study marks (a persistent one comes later)."""

    def get(self, key: TermKey) -> Status:
        """The status of a term, ``"new"`` when it was never marked."""
        ...

    def set(self, key: TermKey, status: Status) -> None:
        """Mark a term."""
        ...


class StatusBook:
    """Study marks kept for the session, keyed by ``Term.key`` (hanja, gloss)."""

    def __init__(self) -> None:
        self._marks: dict[TermKey, Status] = {}

    def get(self, key: TermKey) -> Status:
        """The status of a term.

        Args:
            key: The term's key.

        Returns:
            Its status, ``"new"`` when it was never marked.
        """
        return self._marks.get(key, "new")

    def set(self, key: TermKey, status: Status) -> None:
        """Mark a term (marking it ``"new"`` forgets it).

        Args:
            key: The term's key.
            status: The new status.
        """
        if status == "new":
            self._marks.pop(key, None)
        else:
            self._marks[key] = status

    def __len__(self) -> int:
        return len(self._marks)


class StoredStatusBook(StatusBook):
    """Study marks kept in the user's glossary store (``glossary list`` sees them too).

    Marks are read once when a document's glossary is attached and written through on
    every change, so drawing a line never queries the database. If the store cannot be
    opened, marks stay in memory for the session and :meth:`attach` says why.

    Args:
        db: The store's path; by default ``$HANJA_READER_DB`` or the user data folder.
    """

    def __init__(self, db: str | None = None) -> None:
        super().__init__()
        self._db = db
        self._backend: StatusStore | None = None
        self._attached: Glossary | None = None

    def attach(self, glossary: Glossary) -> str | None:
        """Load the marks of a glossary's terms from the store and write later marks there.

        Call it on the thread that will set marks (SQLite connections stay on theirs).

        Args:
            glossary: The glossary of the document being read.

        Returns:
            None, or a one-line reason why marks are kept for this session only.
        """
        if glossary is self._attached:
            return None
        self._attached = glossary
        from glossary import GlossaryError
        from glossary.paths import db_path
        from glossary.store import StoreStatuses, open_store

        try:
            backend = StoreStatuses(open_store(db_path(self._db)), glossary)
            marks = {t.key: backend.get(t.key) for t in glossary.terms}
        except (GlossaryError, OSError) as exc:
            self._backend = None
            return f"study marks are kept for this session only: {exc}"
        self._backend = backend
        for key, status in marks.items():
            super().set(key, status)
        return None

    def set(self, key: TermKey, status: Status) -> None:
        """Mark a term, in memory and in the store.

        Args:
            key: The term's key.
            status: The new status.
        """
        super().set(key, status)
        if self._backend is not None:
            self._backend.set(key, status)
