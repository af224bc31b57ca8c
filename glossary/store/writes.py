"""Adding documents to the store: their glossaries' terms, occurrences and mentions.

:class:`_Writes` is the part of :class:`glossary.store.core.Store` that stores glossaries
(:meth:`~_Writes.add_glossary`, :meth:`~_Writes.add_prepared`): one transaction per call,
a term looked up once per batch (see :data:`Seen`) and inserted or updated only when its
extracted values changed, a document's occurrences written in one statement. A term's
CC-CEDICT meanings come with it when its glossary was built with a dictionary; those
stored without them are filled at the end of each add when an index is built
(:meth:`~_Writes.fill_meanings`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, TypeAlias

from glossary.errors import StoreError
from glossary.store.connection import _Connection
from glossary.store.places import PlaceWriter, TermPlaces
from glossary.store.records import (
    AddResult,
    PreparedDocument,
    PreparedTerm,
    prepare,
    term_from_row,
)
from glossary.store.schema import DICTIONARY_COLUMNS, EXTRACTED_COLUMNS, TermKey
from glossary.store.senses import available_index, look_up, senses_values

if TYPE_CHECKING:
    import sqlite3

    from glossary.dictionary.index import CedictIndex
    from glossary.model import Glossary

Seen: TypeAlias = tuple[int, int, str, int | None]
"""A stored term as a bulk import remembers it: id, a hash of its values but the note, note,
and a hash of its dictionary columns (None: stored without meanings)."""


class _Writes(_Connection):
    """Storing documents' glossaries (part of :class:`glossary.store.core.Store`)."""

    def add_glossary(self, glossary: Glossary) -> AddResult:
        """Store a document's glossary. Adding the same content again changes nothing.

        A document stored before under the same file path with other content is replaced
        (its occurrences go; terms, study marks and notes stay).

        Args:
            glossary: The glossary, as :func:`glossary.build_glossary` returns it.

        Returns:
            What was done, with counts.
        """
        return self.add_prepared([prepare(glossary)])[0]

    def add_prepared(
        self,
        documents: Sequence[PreparedDocument],
        *,
        seen: dict[TermKey, Seen] | None = None,
    ) -> list[AddResult]:
        """Store several documents' glossaries in one transaction, in the order given.

        One commit for many small documents: a bulk import would otherwise wait for the
        disk once per file. Each document is handled as :meth:`add_glossary` handles one.

        Args:
            documents: Glossaries reduced with :func:`glossary.store.prepare`.
            seen: A bulk import's memory of the terms it has stored (id, a hash of the
                extracted values but the note, and the note), kept across calls so that a
                term met in many documents is looked up once, and so that a term whose
                values an earlier document brought can come without them (see
                :func:`glossary.store.prepare`). It assumes no other process changes those
                terms meanwhile; it is emptied when a transaction is undone.

        Returns:
            What was done to each, in the same order.
        """
        now = self._clock()
        terms = seen if seen is not None else {}
        try:
            with self._write() as db:
                results = [self._add_one(db, doc, now, terms) for doc in documents]
                for key, values in _fill(db, None).items():
                    if key in terms:
                        terms[key] = (*terms[key][:3], hash(values))
                return results
        except BaseException:
            terms.clear()  # Ids of terms whose insertion was undone must not be reused.
            raise

    def _add_one(
        self,
        db: sqlite3.Connection,
        doc: PreparedDocument,
        now: str,
        seen: dict[TermKey, Seen],
    ) -> AddResult:
        path = _stored_path(doc.path)
        if db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (doc.sha256,)).fetchone():
            return AddResult("unchanged", doc.title, path)
        action: Literal["added", "replaced"] = "added"
        row = (
            db.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
            if path not in ("", "-")
            else None
        )
        values = (doc.sha256, path, doc.title, doc.encoding, doc.length, now)
        if row is not None:
            action = "replaced"
            doc_id = int(row[0])
            PlaceWriter(db).forget(doc_id)
            db.execute("DELETE FROM term_documents WHERE document_id = ?", (doc_id,))
            db.execute(
                "UPDATE documents SET sha256 = ?, path = ?, title = ?, encoding = ?, "
                "length = ?, added_at = ? WHERE id = ?",
                (*values, doc_id),
            )
        else:
            doc_id = _insert_document(db, values)
        new = updated = 0
        missing = [term.key for term in doc.terms if term.key not in seen]
        for key, row in self._stored_terms(db, missing).items():
            extracted, senses = row[1 : 1 + _EXTRACTED], row[1 + _EXTRACTED :]
            seen[key] = (
                int(str(row[0])),
                _digest(extracted),
                str(extracted[_NOTE]),
                None if senses[1] is None else hash(senses),
            )
        places: list[tuple[int, Sequence[Sequence[object]]]] = []
        document_rows: list[tuple[int, int, int, int]] = []
        for term in doc.terms:
            term_id, change = self._upsert_term(db, term, now, seen)
            new += change == "new"
            updated += change == "updated"
            places.append((term_id, term.occurrences))
            document_rows.append((term_id, doc_id, term.mentions, term.uncertain))
        # A few statements per document, not per term: a bulk import writes thousands.
        written = PlaceWriter(db).insert(TermPlaces(doc_id, places))
        db.executemany(
            "INSERT INTO term_documents (term_id, document_id, mentions, uncertain_mentions) "
            "VALUES (?, ?, ?, ?)",
            document_rows,
        )
        mentions = sum(t.mentions for t in doc.terms)
        return AddResult(
            action,
            doc.title,
            path,
            len(doc.terms),
            new,
            updated,
            written,
            mentions,
            sum(t.uncertain for t in doc.terms),
            doc.language,
            sum(len(t.occurrences) for t in doc.terms if not t.key[1]),
        )

    @staticmethod
    def _stored_terms(
        db: sqlite3.Connection, keys: list[TermKey]
    ) -> dict[TermKey, tuple[object, ...]]:
        """The id, extracted values and dictionary columns of the terms stored already."""
        columns = ", ".join((*EXTRACTED_COLUMNS, *DICTIONARY_COLUMNS))
        found: dict[TermKey, tuple[object, ...]] = {}
        wanted = set(keys)
        forms = list(dict.fromkeys(hanja for hanja, _ in keys))
        for start in range(0, len(forms), _KEYS_PER_QUERY):
            chunk = forms[start : start + _KEYS_PER_QUERY]
            # By hanja alone, which the (hanja, hangul) index serves; a row-value match on
            # both columns would scan the table.
            for row in db.execute(
                f"SELECT hanja, hangul, id, {columns} FROM terms "
                f"WHERE hanja IN ({', '.join('?' * len(chunk))})",
                chunk,
            ):
                if (row[0], row[1]) in wanted:
                    found[(row[0], row[1])] = tuple(row[2:])
        return found

    def _upsert_term(
        self,
        db: sqlite3.Connection,
        term: PreparedTerm,
        now: str,
        seen: dict[TermKey, Seen],
    ) -> tuple[int, Literal["new", "updated", "same"]]:
        key, values = term.key, term.values
        stored = seen.get(key)
        if values is None:  # Brought by an earlier document: only the note may differ.
            if stored is None:
                raise StoreError(
                    f"{key[0]} ({key[1]}) came without its values and is not stored; "
                    "nothing of this batch was written: run the same import again"
                )
            term_id, digest, note, senses = stored
            if note == term.note:
                return term_id, "same"
            db.execute(
                "UPDATE terms SET note = ?, updated_at = ? WHERE id = ?", (term.note, now, term_id)
            )
            seen[key] = (term_id, digest, term.note, senses)
            return term_id, "updated"
        columns = ", ".join(EXTRACTED_COLUMNS)
        digest = _digest(values)
        looked = None if term.senses is None else hash(term.senses)
        if stored is None:
            named, given = (columns, values)
            if term.senses is not None:
                named += ", " + ", ".join(DICTIONARY_COLUMNS)
                given = (*values, *term.senses)
            cursor = db.execute(
                f"INSERT INTO terms (hanja, hangul, {named}, created_at, updated_at) "
                f"VALUES (?, ?, {', '.join('?' * len(given))}, ?, ?)",
                (*key, *given, now, now),
            )
            term_id = int(cursor.lastrowid or 0)
            seen[key] = (term_id, digest, term.note, looked)
            return term_id, "new"
        term_id, stored_digest, stored_note, stored_senses = stored
        if term.senses is not None and looked != stored_senses:
            # The dictionary's part: kept when the term comes without it (no dictionary).
            assignments = ", ".join(f"{c} = ?" for c in DICTIONARY_COLUMNS)
            db.execute(f"UPDATE terms SET {assignments} WHERE id = ?", (*term.senses, term_id))
            stored_senses = looked
        if stored_digest == digest and stored_note == term.note:
            seen[key] = (term_id, digest, term.note, stored_senses)
            return term_id, "same"
        assignments = ", ".join(f"{c} = ?" for c in EXTRACTED_COLUMNS)
        db.execute(
            f"UPDATE terms SET {assignments}, updated_at = ? WHERE id = ?", (*values, now, term_id)
        )
        seen[key] = (term_id, digest, term.note, stored_senses)
        return term_id, "updated"

    def fill_meanings(self, index: CedictIndex | None = None) -> int:
        """Store CC-CEDICT's meanings for every term stored without them, in one transaction.

        Terms stored by an older hanja-reader, or added while no dictionary was at hand,
        have none; every add fills them by itself when an index is built. Reading them
        looks them up without storing (see :meth:`terms`).

        Args:
            index: The dictionary; by default the process's index if it is built (it is
                never built here).

        Returns:
            How many terms got their meanings (0 without a dictionary).

        Raises:
            StoreError: The store is read-only, or cannot be written.
        """
        with self._write() as db:
            return len(_fill(db, index))


# -- helpers ---------------------------------------------------------------------------------


# Hanja forms per look-up query (SQLite allows 32,766 parameters).
_KEYS_PER_QUERY = 500
_NOTE = EXTRACTED_COLUMNS.index("note")
_EXTRACTED = len(EXTRACTED_COLUMNS)
# Terms looked up per batch when a store fills those stored without meanings.
FILL_BATCH = 2000


def _digest(values: Sequence[object]) -> int:
    """A hash of a term's extracted values but the note (which differs by document)."""
    return hash((*values[:_NOTE], *values[_NOTE + 1 :]))


def _stored_path(path: str) -> str:
    if path in ("", "-"):
        return path
    return os.path.abspath(path)


def _insert_document(db: sqlite3.Connection, values: tuple[object, ...]) -> int:
    cursor = db.execute(
        "INSERT INTO documents (sha256, path, title, encoding, length, added_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        values,
    )
    return int(cursor.lastrowid or 0)


def _fill(db: sqlite3.Connection, index: CedictIndex | None) -> dict[TermKey, tuple[object, ...]]:
    """Store the meanings of the terms stored without them (the caller holds a write).

    Args:
        db: The store's connection, inside ``BEGIN IMMEDIATE``.
        index: The dictionary; None for the process's index, if it is built.

    Returns:
        The dictionary columns written, by term key; empty when no term lacked them (one
        query on a partial index) or no dictionary was at hand.
    """
    if db.execute("SELECT 1 FROM terms WHERE mandarin_word IS NULL LIMIT 1").fetchone() is None:
        return {}
    index = index if index is not None else available_index()
    if index is None:
        return {}
    columns = ", ".join(EXTRACTED_COLUMNS)
    written: dict[TermKey, tuple[object, ...]] = {}
    last = -1
    while True:
        rows = db.execute(
            f"SELECT id, hanja, hangul, {columns} FROM terms "
            "WHERE mandarin_word IS NULL AND id > ? ORDER BY id LIMIT ?",
            (last, FILL_BATCH),
        ).fetchall()
        if not rows:
            return written
        last = int(rows[-1][0])
        found = look_up([term_from_row(r[1:]) for r in rows], index)
        if found is None:  # The index broke: the rest waits for another add.
            return written
        updates = []
        for row, term in zip(rows, found, strict=True):
            values = senses_values(term)
            if values is not None:
                updates.append((*values, row[0]))
                written[(row[1], row[2])] = values
        assignments = ", ".join(f"{c} = ?" for c in DICTIONARY_COLUMNS)
        db.executemany(f"UPDATE terms SET {assignments} WHERE id = ?", updates)
