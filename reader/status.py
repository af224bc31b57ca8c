"""Study marks per term (new, learning, known, ignored), in memory or in the glossary store."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from glossary import Glossary
    from glossary.store import Store, StoredTerm
    from reader.saving import Change, ChangeId, Report, Saver

Status = Literal["new", "learning", "known", "ignored"]
STATUSES: tuple[Status, ...] = ("new", "learning", "known", "ignored")

TermKey = tuple[str, str]

_CHUNK = 500  # hanja per store query (SQLite caps the parameters of one query)
_KEY_CHUNK = 250  # terms per store query: two parameters each


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


def _stored(store: Store, keys: Iterable[TermKey]) -> dict[TermKey, StoredTerm]:
    """The stored terms of these keys, read a chunk of keys per query.

    Args:
        store: The open store.
        keys: Terms' keys (repeats allowed).

    Returns:
        The stored terms found, by key.
    """
    wanted = sorted(set(keys))
    found: dict[TermKey, StoredTerm] = {}
    for start in range(0, len(wanted), _KEY_CHUNK):
        for term in store.terms(keys=wanted[start : start + _KEY_CHUNK]):
            found[term.key] = term
    return found


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

    def marked(self, keys: Collection[TermKey]) -> int:
        """How many of these terms are marked (any status but ``"new"``)."""
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

    def marked(self, keys: Collection[TermKey]) -> int:
        """How many of these terms are marked, counted over the smaller of the two: a Chinese
        text has twenty thousand terms, of which a few are marked.

        Args:
            keys: Terms' keys, each once.

        Returns:
            The number of them with a status other than ``"new"``.
        """
        marks = self._marks
        if len(marks) <= len(keys):
            return sum(1 for key in marks if key in keys)
        return sum(1 for key in keys if key in marks)

    def __len__(self) -> int:
        return len(self._marks)


class StoredStatusBook(StatusBook):
    """Study marks kept in the user's glossary store (``glossary list`` sees them too).

    Marks are read once when a document's glossary is attached, so drawing a line never
    queries the database. Every change is kept in memory at once and written by a
    :class:`~reader.saving.Saver` on its own thread: a key never waits for the database,
    a store busy with another command's write is tried again until it is free, and any
    failure (a read-only, damaged, deleted or replaced file) is said once, in one line,
    the marks staying in memory for the session (see :mod:`reader.saving`). If the store
    cannot be opened at all, marks stay in memory and :meth:`attach` says why. Call
    :meth:`close` on quit: it saves what is still waiting, for a bounded time.

    Args:
        db: The store's path; by default ``$HANJA_READER_DB`` or the user data folder.
    """

    def __init__(self, db: str | None = None) -> None:
        super().__init__()
        self._db = db
        self._attached: Glossary | None = None
        self._store: Store | None = None  # For reading, on the UI thread.
        self._saver: Saver | None = None
        self._saving = False
        self._report: Report | None = None
        # Every change of the session, the latest per term: written again to a new file
        # when the one opened was deleted (see reader.saving).
        self._session: dict[ChangeId, Change] = {}
        # Changes made while the attached glossary's words are unexplained: the store gets
        # them with the complete glossary, never terms without their readings.
        self._held: dict[ChangeId, Change] = {}

    def attach(self, glossary: Glossary, report: Report | None = None) -> str | None:
        """Load the marks of a glossary's terms from the store and save later marks there.

        Call it on the UI thread (the store read here is read there again, by
        :meth:`variants`).

        Args:
            glossary: The glossary of the document being read.
            report: How to tell the user about saving (``App.notify``: thread-safe).

        Returns:
            None, or a one-line reason why marks are kept for this session only.
        """
        if report is not None:
            self._report = report
            if self._saver is not None:
                self._saver.report = report
        if glossary is self._attached:
            return None
        self._attached = glossary
        from glossary import GlossaryError
        from glossary.paths import db_path
        from glossary.store import open_store

        # Taken before reading: what is written meanwhile is then read, or still waiting.
        waiting = self._saver.waiting() if self._saver is not None else []
        held = self._release(glossary)
        store: Store | None = None
        try:
            path = db_path(self._db)
            store = open_store(path)
            from reader.saving import file_id  # loaded when a store is attached

            identity = file_id(path)
            keys = {t.key for t in glossary.terms}
            stored = _stored(store, keys)
        except (GlossaryError, OSError) as exc:
            if store is not None:
                store.close()
            self._saving = False
            return f"study marks are kept for this session only: {exc}"
        if self._store is not None:
            self._store.close()
        self._store, self._saving = store, True
        saver = self._saver
        if saver is None:
            from reader.saving import Saver

            saver = self._saver = Saver(path, self._report)
        elif saver.lost:
            waiting = [c for c in self._session.values() if c.ident not in self._held]
        waiting += held
        # A Chinese text has thousands of words: read in a few queries, not five per term;
        # a term never marked is forgotten here rather than set "new" (twenty thousand calls).
        marks, notes = self._marks, self._notes
        for key in keys.difference(stored):
            marks.pop(key, None)
            notes.pop(key, None)
        for key in keys.intersection(stored):
            found = stored[key]
            super().set(key, found.status)
            super().set_note(key, found.user_note)
        # Changes not written yet are newer than what was just read.
        for change in [*waiting, *self._held.values()]:
            if change.status is not None:
                super().set(change.key, change.status)
            elif change.note is not None:
                super().set_note(change.key, change.note)
        saver.bind(path, identity, waiting)
        return None

    @property
    def holding(self) -> bool:
        """Whether marks or notes wait for the open glossary's words to be explained."""
        return bool(self._held)

    def _release(self, glossary: Glossary) -> list[Change]:
        """The held changes to save now that ``glossary`` is attached: none while it is not
        complete; once it is, those of its document, with it to add their terms. Those of
        another document (left before its words were explained) stay held: without their
        terms the store could not take them, and :meth:`close` says they were not saved."""
        if not glossary.complete:
            return []
        sha = glossary.document.sha
        mine = [c for c in self._held.values() if c.glossary and c.glossary.document.sha == sha]
        for change in mine:
            del self._held[change.ident]
        return [replace(c, glossary=glossary) for c in mine]

    def set_note(self, key: TermKey, note: str) -> str | None:
        """Keep a note on a term in memory at once; it is saved to the store in the background.

        A term of the open document that the store does not hold yet is added with its
        document first, as ``glossary add`` would. Saving problems are told through the
        ``report`` given to :meth:`attach`.

        Args:
            key: The term's key.
            note: The note (empty removes it).

        Returns:
            None (kept for the method's contract: a problem is told when saving).
        """
        super().set_note(key, note)
        from reader.saving import Change

        self._save(Change(key, note=note, glossary=self._attached))
        return None

    def set(self, key: TermKey, status: Status) -> None:
        """Mark a term in memory at once; the mark is saved to the store in the background.

        Args:
            key: The term's key.
            status: The new status.
        """
        super().set(key, status)
        from reader.saving import Change

        self._save(Change(key, status=status, glossary=self._attached))

    def _save(self, change: Change) -> None:
        self._session[change.ident] = change
        if change.glossary is not None and not change.glossary.complete:
            self._held[change.ident] = change
            return
        self._held.pop(change.ident, None)  # Newer than what was held.
        if self._saving and self._saver is not None:
            self._saver.put(change)

    def close(self, timeout: float | None = None) -> str | None:
        """Save the marks and notes still waiting, then close the store (on quit).

        Waits at most ``timeout`` seconds while the store is busy. Safe to call again: it
        only says again what was not saved. Marks stay in memory either way.

        Args:
            timeout: Seconds to wait; ``reader.saving.FLUSH_TIMEOUT_S`` by default.

        Returns:
            None when everything was saved, else one line for the terminal saying how
            many marks or notes were not saved, and why.
        """
        problem = self._saver.close(timeout) if self._saver is not None else None
        if self._held:  # The words were never explained (the app waits for them on quit).
            count = len(self._held)
            what = "mark or note" if count == 1 else "marks or notes"
            held = f"{count} {what} made while the words were explained"
            problem = f"{problem}; {held}" if problem else f"not saved: {held}"
        if self._store is not None:
            self._store.close()
            self._store = None
        self._saving = False
        return problem

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
