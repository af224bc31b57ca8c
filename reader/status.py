"""Study marks per term (new, learning, known, ignored), in memory or in the glossary store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from glossary import Glossary
    from glossary.store import Store, StoredTerm, StoreStatuses

Status = Literal["new", "learning", "known", "ignored"]
STATUSES: tuple[Status, ...] = ("new", "learning", "known", "ignored")

TermKey = tuple[str, str]

_CHUNK = 500  # hanja per store query (SQLite caps the parameters of one query)


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

    def note(self, key: TermKey) -> str:
        """The user's note on a term, ``""`` when there is none."""
        ...

    def set_note(self, key: TermKey, note: str) -> str | None:
        """Keep a note on a term; return a one-line problem, or None."""
        ...


class StatusBook:
    """Study marks kept for the session, keyed by ``Term.key`` (hanja, gloss)."""

    def __init__(self) -> None:
        self._marks: dict[TermKey, Status] = {}
        self._notes: dict[TermKey, str] = {}

    def note(self, key: TermKey) -> str:
        """The user's note on a term.

        Args:
            key: The term's key.

        Returns:
            The note, ``""`` when there is none.
        """
        return self._notes.get(key, "")

    def set_note(self, key: TermKey, note: str) -> str | None:
        """Keep a note for the session (an empty note removes it).

        Args:
            key: The term's key.
            note: The note.

        Returns:
            None: notes in memory cannot fail.
        """
        if note:
            self._notes[key] = note
        else:
            self._notes.pop(key, None)
        return None

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
        self._backend: StoreStatuses | None = None
        self._attached: Glossary | None = None
        self._store: Store | None = None

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
            store = open_store(db_path(self._db))
            backend = StoreStatuses(store, glossary)
            marks = {t.key: backend.get(t.key) for t in glossary.terms}
            stored = {t.key: store.get(t.key) for t in glossary.terms}
        except (GlossaryError, OSError) as exc:
            self._backend = self._store = None
            return f"study marks are kept for this session only: {exc}"
        self._backend, self._store = backend, store
        for key, status in marks.items():
            super().set(key, status)
        for key, found in stored.items():
            super().set_note(key, found.user_note if found is not None else "")
        return None

    def set_note(self, key: TermKey, note: str) -> str | None:
        """Keep a note on a term, in memory and in the store.

        A term of the open document that the store does not hold yet is added with its
        document first, as ``glossary add`` would.

        Args:
            key: The term's key.
            note: The note (empty removes it).

        Returns:
            None, or a one-line reason why the note is kept for this session only.
        """
        super().set_note(key, note)
        if self._store is None:
            return None
        from glossary import GlossaryError
        from glossary.errors import UnknownTermError

        try:
            try:
                self._store.set_note(key, note)
            except UnknownTermError:
                if self._attached is None:
                    raise
                self._store.add_glossary(self._attached)
                self._store.set_note(key, note)
        except GlossaryError as exc:
            return f"note kept for this session only: {exc}"
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

    def variants(self, hanja: Iterable[str]) -> list[StoredTerm] | None:
        """Every stored term with one of these hanja, whatever its gloss, across articles.

        Args:
            hanja: The hanja forms (those of the document being read, say).

        Returns:
            The stored terms, each with the documents it stands in; None when no store
            is attached (it could not be opened, or no document was attached yet).

        Raises:
            GlossaryError: The store could not be read.
        """
        if self._store is None:
            return None
        forms = sorted(set(hanja))
        found: list[StoredTerm] = []
        for start in range(0, len(forms), _CHUNK):
            found += self._store.terms(hanja=forms[start : start + _CHUNK])
        return found
