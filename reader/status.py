"""Study marks per term (new, learning, known, ignored), kept in memory behind one small class."""

from __future__ import annotations

from typing import Literal, Protocol

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
