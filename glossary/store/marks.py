"""The user's marks on stored terms: study status, note, meaning and corrected readings.

:class:`_Marks` is the part of :class:`glossary.store.core.Store` that records what the
user says about a term, each change one transaction stamped with ``user_updated_at`` (so
that a JSON import can tell whose change is newer). Adding articles never undoes them.
"""

from __future__ import annotations

from glossary.errors import UnknownTermError
from glossary.store.connection import _Connection
from glossary.store.readings import checked_correction, corrected_together
from glossary.store.records import checked_status, term_name
from glossary.store.schema import CORRECTABLE, TermKey


class _Marks(_Connection):
    """The user's edits to stored terms (part of :class:`glossary.store.core.Store`)."""

    def _update_user(self, key: TermKey, assignments: str, params: tuple[object, ...]) -> None:
        with self._write() as db:
            cursor = db.execute(
                f"UPDATE terms SET {assignments}, user_updated_at = ? "
                "WHERE hanja = ? AND hangul = ?",
                (*params, self._clock(), *key),
            )
            if cursor.rowcount == 0:
                raise UnknownTermError(f"no term {term_name(key)} in the glossary")

    def set_status(self, key: TermKey, status: str) -> None:
        """Mark a term new, learning, known or ignored.

        Args:
            key: The term's (hanja, hangul).
            status: One of :data:`STATUSES`.

        Raises:
            ValueError: The status is not one of :data:`STATUSES`.
            UnknownTermError: The term is not stored.
        """
        self._update_user(key, "status = ?", (checked_status(status),))

    def set_note(self, key: TermKey, note: str) -> None:
        """Set (or, with ``""``, clear) the user's note on a term.

        Args:
            key: The term's (hanja, hangul).
            note: The note.

        Raises:
            UnknownTermError: The term is not stored.
        """
        self._update_user(key, "user_note = ?", (note,))

    def set_meaning(self, key: TermKey, meaning: str) -> None:
        """Set (or clear) a term's meaning.

        Args:
            key: The term's (hanja, hangul).
            meaning: The meaning.

        Raises:
            UnknownTermError: The term is not stored.
        """
        self._update_user(key, "meaning = ?", (meaning,))

    def correct(self, key: TermKey, field_name: str, value: str | None) -> dict[str, str | None]:
        """Correct one reading of a term (``None`` goes back to the extracted value).

        The extracted value is kept: adding more articles never undoes a correction. The
        value is checked first (see :mod:`glossary.store.readings`); a pinyin, tone-marked
        or tone-numbered, sets both ``pinyin`` and ``pinyin_numbered`` (and ``None`` for
        either removes both).

        Args:
            key: The term's (hanja, hangul).
            field_name: One of :data:`CORRECTABLE`.
            value: The corrected value, or None to remove the correction.

        Returns:
            Each field set and its stored value (None: back to the extracted value).

        Raises:
            ValueError: The field cannot be corrected.
            InvalidCorrection: The value cannot be such a reading of the term (also a
                ``ValueError``); nothing is changed.
            UnknownTermError: The term is not stored.
        """
        if field_name not in CORRECTABLE:
            raise ValueError(f"{field_name} cannot be corrected (choose from {CORRECTABLE})")
        now = self._clock()
        with self._write() as db:
            row = db.execute("SELECT id, hanja FROM terms WHERE hanja = ? AND hangul = ?", key)
            found = row.fetchone()
            if found is None:
                raise UnknownTermError(f"no term {term_name(key)} in the glossary")
            changed: dict[str, str | None]
            if value is None:
                changed = dict.fromkeys(corrected_together(field_name))
                db.executemany(
                    "DELETE FROM corrections WHERE term_id = ? AND field = ?",
                    [(found[0], name) for name in changed],
                )
            else:
                checked = checked_correction(field_name, value, str(found[1]))
                db.executemany(
                    "INSERT INTO corrections (term_id, field, value, corrected_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (term_id, field) DO UPDATE "
                    "SET value = excluded.value, corrected_at = excluded.corrected_at",
                    [(found[0], name, fixed, now) for name, fixed in checked.items()],
                )
                changed = dict(checked)
            db.execute("UPDATE terms SET user_updated_at = ? WHERE id = ?", (now, found[0]))
        return changed
