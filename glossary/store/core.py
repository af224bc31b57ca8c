"""The open store: opening and migrating the file, adding documents, reading terms, marks.

One file in the user data directory (see :mod:`glossary.paths`), in WAL mode, versioned
with ``PRAGMA user_version`` and migrated forward on open. Every change is one
``BEGIN IMMEDIATE`` transaction, so concurrent writers queue instead of losing work, and a
process killed midway leaves the file as it was. ``sqlite3`` loads on first use.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from glossary.errors import InputError, StoreError, UnknownTermError
from glossary.model import KINDS, Glossary
from glossary.store.records import (
    AddResult,
    Example,
    ImportResult,
    PreparedDocument,
    PreparedTerm,
    Source,
    Stats,
    StoredTerm,
    as_status,
    checked_sort,
    checked_status,
    filters,
    prepare,
    rank_key,
    sort_terms,
    stored_term,
    term_name,
)
from glossary.store.schema import (
    APPLICATION_ID,
    BUSY_TIMEOUT_S,
    CORRECTABLE,
    EXTRACTED_COLUMNS,
    MIGRATIONS,
    STATUSES,
    Status,
    TermKey,
)

if TYPE_CHECKING:
    import sqlite3

Seen: TypeAlias = tuple[int, int, str]
"""A stored term as a bulk import remembers it: id, a hash of its values but the note, note."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def open_store(
    path: str | os.PathLike[str],
    *,
    timeout: float = BUSY_TIMEOUT_S,
    clock: Callable[[], str] = _now,
) -> Store:
    """Open (creating or migrating when needed) the glossary store at ``path``.

    Args:
        path: The database file; its folder is created when missing.
        timeout: Seconds to wait for another process's write to finish.
        clock: Returns the current time as an ISO 8601 string (tests pass a fixed one).

    Returns:
        The open store; close it with :meth:`Store.close` or use it as a context manager.

    Raises:
        StoreError: The file is not a glossary database (garbage, another program's
            SQLite file, or a newer schema), is damaged, locked or cannot be created.
            The file is never modified in that case.
    """
    return Store(Path(path), timeout=timeout, clock=clock)


class Store:
    """An open glossary store. Safe to share between threads; one per process is enough."""

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

    def __enter__(self) -> Store:
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

    # -- adding documents ------------------------------------------------------------------

    def has_document(self, sha256: str) -> bool:
        """Whether a document with this content hash is stored.

        Args:
            sha256: SHA-256 of the document text, hex.

        Returns:
            True when it is stored.
        """
        with self._guard():
            row = self._db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,))
            return row.fetchone() is not None

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
                return [self._add_one(db, doc, now, terms) for doc in documents]
        except BaseException:
            terms.clear()  # Ids of terms whose insertion was undone must not be reused.
            raise

    def document_hashes(self) -> frozenset[str]:
        """The SHA-256 of every stored document's text (to skip unchanged files early).

        Returns:
            The hashes, hex.
        """
        with self._read() as db:
            return frozenset(str(r[0]) for r in db.execute("SELECT sha256 FROM documents"))

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
            db.execute("DELETE FROM occurrences WHERE document_id = ?", (doc_id,))
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
            seen[key] = (int(str(row[0])), _digest(row[1:]), str(row[1 + _NOTE]))
        occurrence_rows: list[tuple[object, ...]] = []
        document_rows: list[tuple[int, int, int]] = []
        for term in doc.terms:
            term_id, change = self._upsert_term(db, term, now, seen)
            new += change == "new"
            updated += change == "updated"
            occurrence_rows += [(term_id, doc_id, *o) for o in term.occurrences]
            document_rows.append((term_id, doc_id, term.mentions))
        # Two statements per document, not two per term: a bulk import writes thousands.
        db.executemany(
            "INSERT INTO occurrences (term_id, document_id, span_start, span_end, "
            "hanja_start, hanja_end, gloss_start, gloss_end, surface, sentence, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            occurrence_rows,
        )
        db.executemany(
            "INSERT INTO term_documents (term_id, document_id, mentions) VALUES (?, ?, ?)",
            document_rows,
        )
        mentions = sum(t.mentions for t in doc.terms)
        return AddResult(
            action, doc.title, path, len(doc.terms), new, updated, len(occurrence_rows), mentions
        )

    @staticmethod
    def _stored_terms(
        db: sqlite3.Connection, keys: list[TermKey]
    ) -> dict[TermKey, tuple[object, ...]]:
        """The id and extracted values of those of these terms the store holds already."""
        columns = ", ".join(EXTRACTED_COLUMNS)
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
            term_id, digest, note = stored
            if note == term.note:
                return term_id, "same"
            db.execute(
                "UPDATE terms SET note = ?, updated_at = ? WHERE id = ?", (term.note, now, term_id)
            )
            seen[key] = (term_id, digest, term.note)
            return term_id, "updated"
        columns = ", ".join(EXTRACTED_COLUMNS)
        digest = _digest(values)
        if stored is None:
            cursor = db.execute(
                f"INSERT INTO terms (hanja, hangul, {columns}, created_at, updated_at) "
                f"VALUES (?, ?, {', '.join('?' * len(values))}, ?, ?)",
                (*key, *values, now, now),
            )
            term_id = int(cursor.lastrowid or 0)
            seen[key] = (term_id, digest, term.note)
            return term_id, "new"
        term_id, stored_digest, stored_note = stored
        if stored_digest == digest and stored_note == term.note:
            return term_id, "same"
        assignments = ", ".join(f"{c} = ?" for c in EXTRACTED_COLUMNS)
        db.execute(
            f"UPDATE terms SET {assignments}, updated_at = ? WHERE id = ?", (*values, now, term_id)
        )
        seen[key] = (term_id, digest, term.note)
        return term_id, "updated"

    # -- reading ---------------------------------------------------------------------------

    def terms(
        self,
        *,
        status: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
        keys: Iterable[TermKey] | None = None,
        hanja: str | Iterable[str] | None = None,
        sort: str = "added",
    ) -> list[StoredTerm]:
        """The stored terms, in the order they were first stored (or as ``sort`` says).

        Args:
            status: Keep only terms with this status (or any of these).
            kind: Keep only terms of this kind (or any of these).
            keys: Keep only these terms.
            hanja: Keep only terms with this hanja (or any of these), whatever their gloss.
            sort: ``added`` (the order they were first stored), ``documents`` (most
                documents first, then most uses) or ``uses`` (most glossed places and
                mentions first, then most documents); ties keep the order they were
                first stored in.

        Returns:
            The terms, each with its corrections applied, sources and first example.

        Raises:
            ValueError: ``sort`` is not one of :data:`TERM_SORTS`.
        """
        by = checked_sort(sort)
        where, params = filters(status, kind, keys, hanja)
        with self._read() as db:
            rows = db.execute(
                "SELECT id, hanja, hangul, kind, simplified, traditional, pinyin, "
                "pinyin_numbered, sino_korean, mandarin_hangul, note, matches, kind_note, "
                "chars, meaning, status, user_note, created_at, updated_at, user_updated_at "
                f"FROM terms {where} ORDER BY created_at, id",
                params,
            ).fetchall()
            chosen = f"(SELECT id FROM terms {where})"
            corrections: dict[int, dict[str, str]] = {}
            for term_id, name, value in db.execute(
                f"SELECT term_id, field, value FROM corrections WHERE term_id IN {chosen}", params
            ):
                corrections.setdefault(term_id, {})[name] = value
            sources: dict[int, list[Source]] = {}
            for term_id, sha, title, path, count, mentions in db.execute(
                "SELECT td.term_id, d.sha256, d.title, d.path, "
                "(SELECT count(*) FROM occurrences o "
                " WHERE o.term_id = td.term_id AND o.document_id = td.document_id), td.mentions "
                "FROM term_documents td JOIN documents d ON d.id = td.document_id "
                f"WHERE td.term_id IN {chosen} ORDER BY td.term_id, d.id",
                params,
            ):
                sources.setdefault(term_id, []).append(Source(sha, title, path, count, mentions))
            examples: dict[int, Example] = {}
            for term_id, sentence, surface, start, h_start, h_end, title in db.execute(
                "SELECT o.term_id, o.sentence, o.surface, o.span_start, o.hanja_start, "
                "o.hanja_end, d.title FROM occurrences o JOIN documents d ON d.id = o.document_id "
                "WHERE o.id IN (SELECT min(id) FROM occurrences "
                f"WHERE term_id IN {chosen} GROUP BY term_id)",
                params,
            ):
                examples[term_id] = Example(
                    sentence, surface, h_start - start, h_end - start, title
                )
        found = [
            stored_term(
                r, corrections.get(r[0], {}), tuple(sources.get(r[0], ())), examples.get(r[0])
            )
            for r in rows
        ]
        return found if by == "added" else sort_terms(found, by)

    def get(self, key: TermKey) -> StoredTerm | None:
        """One stored term.

        Args:
            key: The term's (hanja, hangul).

        Returns:
            The term, or None when it is not stored.
        """
        found = self.terms(keys=[key])
        return found[0] if found else None

    def status_of(self, key: TermKey) -> Status:
        """A term's study status; ``new`` for a term the store does not have.

        Args:
            key: The term's (hanja, hangul).

        Returns:
            Its status.
        """
        with self._guard():
            row = self._db.execute(
                "SELECT status FROM terms WHERE hanja = ? AND hangul = ?", key
            ).fetchone()
        return as_status(row[0]) if row else "new"

    def resolve(self, name: str) -> TermKey:
        """Find the one term a user means: ``杭州``, ``항저우``, ``항저우(杭州)``, ``杭州/항저우``.

        Args:
            name: Hanja, hangul, or both as ``hangul(hanja)`` or ``hanja/hangul``.

        Returns:
            The term's key.

        Raises:
            UnknownTermError: No stored term, or several, answer to the name.
        """
        name = name.strip()
        candidates: list[TermKey] = []
        if name.endswith(")") and "(" in name:
            hangul, _, hanja = name[:-1].partition("(")
            candidates.append((hanja.strip(), hangul.strip()))
        if "/" in name:
            hanja, _, hangul = name.partition("/")
            candidates.append((hanja.strip(), hangul.strip()))
        with self._guard():
            for key in candidates:
                if self._db.execute(
                    "SELECT 1 FROM terms WHERE hanja = ? AND hangul = ?", key
                ).fetchone():
                    return key
            found = [
                (str(h), str(g))
                for h, g in self._db.execute(
                    "SELECT hanja, hangul FROM terms WHERE hanja = ? OR hangul = ? "
                    "ORDER BY created_at, id",
                    (name, name),
                )
            ]
        if not found:
            raise UnknownTermError(f"no term {name} in the glossary")
        if len(found) > 1:
            names = ", ".join(f"{g}({h})" if g else h for h, g in found[:6])
            raise UnknownTermError(f"{name} is ambiguous: {names}; write it as hangul(hanja)")
        return found[0]

    def glosses(self, name: str) -> list[StoredTerm]:
        """Every gloss stored for a term's hanja, across documents.

        One hanja may be glossed differently from one article to the next: 杭州 as
        항저우 (its Mandarin sound) in one, as 항주 (its Sino-Korean reading) in another.
        Each stored (hanja, gloss) pair is one :class:`StoredTerm`, whose ``term.kind``
        says what kind of gloss it is and whose ``sources`` say in which documents it was
        seen, with the glossed places and mentions in each.

        Args:
            name: The hanja (``杭州``), a gloss (``항저우``), or both as ``항저우(杭州)`` or
                ``杭州/항저우``. A gloss that several hanja share gives the glosses of
                each of them (grouped by hanja, in the order the hanja were first stored).

        Returns:
            The stored terms with that hanja: the most documents first, then the most
            uses, then the first stored.

        Raises:
            UnknownTermError: No stored term answers to the name.
        """
        forms = self._hanja_named(name)
        found = self.terms(hanja=forms, sort="documents")
        return sorted(found, key=lambda t: forms.index(t.term.hanja))

    def _hanja_named(self, name: str) -> list[str]:
        """The stored hanja a user means by ``name`` (see :meth:`glosses`)."""
        name = name.strip()
        candidates: list[str] = []
        if name.endswith(")") and "(" in name:
            candidates.append(name[:-1].partition("(")[2].strip())
        if "/" in name:
            candidates.append(name.partition("/")[0].strip())
        candidates.append(name)
        with self._guard():
            for hanja in candidates:
                if (
                    hanja
                    and self._db.execute("SELECT 1 FROM terms WHERE hanja = ?", (hanja,)).fetchone()
                ):
                    return [hanja]
            found = [
                str(row[0])
                for row in self._db.execute(
                    "SELECT hanja FROM terms WHERE hangul = ? AND hangul != '' "
                    "GROUP BY hanja ORDER BY min(created_at), min(id)",
                    (name,),
                )
            ]
        if not found:
            raise UnknownTermError(f"no term {name} in the glossary")
        return found

    def gloss_counts(self) -> dict[str, int]:
        """How many glosses are stored for each hanja that has more than one.

        Returns:
            Hanja to its number of stored terms (a bare, unglossed use counts as one),
            only for hanja with two or more.
        """
        with self._guard():
            rows = self._db.execute(
                "SELECT hanja, count(*) FROM terms GROUP BY hanja HAVING count(*) > 1"
            ).fetchall()
        return {str(hanja): int(count) for hanja, count in rows}

    def stats(self) -> Stats:
        """Counts of documents, terms, places and marks.

        Returns:
            The counts.
        """
        with self._guard():
            one = self._db.execute
            documents = one("SELECT count(*) FROM documents").fetchone()[0]
            terms = one("SELECT count(*) FROM terms").fetchone()[0]
            occurrences = one("SELECT count(*) FROM occurrences").fetchone()[0]
            mentions = one("SELECT coalesce(sum(mentions), 0) FROM term_documents").fetchone()[0]
            by_status: dict[str, int] = dict.fromkeys(STATUSES, 0)
            by_status.update(one("SELECT status, count(*) FROM terms GROUP BY status").fetchall())
            by_kind: dict[str, int] = dict.fromkeys(KINDS, 0)
            by_kind.update(one("SELECT kind, count(*) FROM terms GROUP BY kind").fetchall())
        return Stats(str(self.path), documents, terms, occurrences, mentions, by_status, by_kind)

    # -- the user's marks ------------------------------------------------------------------

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

    def correct(self, key: TermKey, field_name: str, value: str | None) -> None:
        """Correct one reading of a term (``None`` goes back to the extracted value).

        The extracted value is kept: adding more articles never undoes a correction.

        Args:
            key: The term's (hanja, hangul).
            field_name: One of :data:`CORRECTABLE`.
            value: The corrected value, or None to remove the correction.

        Raises:
            ValueError: The field cannot be corrected.
            UnknownTermError: The term is not stored.
        """
        if field_name not in CORRECTABLE:
            raise ValueError(f"{field_name} cannot be corrected (choose from {CORRECTABLE})")
        now = self._clock()
        with self._write() as db:
            row = db.execute("SELECT id FROM terms WHERE hanja = ? AND hangul = ?", key)
            found = row.fetchone()
            if found is None:
                raise UnknownTermError(f"no term {term_name(key)} in the glossary")
            if value is None:
                db.execute(
                    "DELETE FROM corrections WHERE term_id = ? AND field = ?",
                    (found[0], field_name),
                )
            else:
                db.execute(
                    "INSERT INTO corrections (term_id, field, value, corrected_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (term_id, field) DO UPDATE "
                    "SET value = excluded.value, corrected_at = excluded.corrected_at",
                    (found[0], field_name, value, now),
                )
            db.execute("UPDATE terms SET user_updated_at = ? WHERE id = ?", (now, found[0]))

    # -- JSON export and import ------------------------------------------------------------

    def dump(
        self,
        *,
        status: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
        sort: str = "added",
    ) -> dict[str, Any]:
        """Everything the store holds (or the chosen terms) as a JSON-ready dict.

        :meth:`import_data` reads it back without loss: documents, terms with their
        corrections, status, notes and timestamps, occurrences and mention counts.

        Args:
            status: Keep only terms with this status (or any of these).
            kind: Keep only terms of this kind (or any of these).
            sort: The order of the terms, as in :meth:`terms`.

        Returns:
            ``{"format", "version", "documents", "terms"}``.

        Raises:
            ValueError: ``sort`` is not one of :data:`TERM_SORTS`.
        """
        from glossary.store import jsonio

        by = checked_sort(sort)
        where, params = filters(status, kind)
        with self._read() as db:
            data = jsonio.dump(db, where, params, filtered=bool(where))
        if by != "added":
            data["terms"].sort(
                key=lambda t: rank_key(
                    by,
                    len(t["documents"]),
                    len(t["occurrences"]) + sum(d["mentions"] for d in t["documents"]),
                )
            )
        return data

    def import_data(self, data: Any, *, name: str = "input") -> ImportResult:
        """Merge a :meth:`dump` into the store, in one transaction.

        Documents already stored (same content hash) are kept as they are. A term the store
        lacks is added whole; for a term it has, the file's status, note, meaning and
        corrections win when the file changed them more recently, and the file's extracted
        fields win when they are newer. Importing the same file twice changes nothing.

        Args:
            data: The parsed JSON.
            name: What to call the input in error messages.

        Returns:
            Counts of what was added and updated.

        Raises:
            InputError: The data is not a glossary export this version can read.
        """
        from glossary.store import jsonio

        parsed = jsonio.parse(data, name)
        with self._write() as db:
            return jsonio.load(db, parsed)

    def import_json(self, path: str | os.PathLike[str]) -> ImportResult:
        """Import a JSON file written by ``glossary export --format json``.

        Args:
            path: The file.

        Returns:
            Counts of what was added and updated.

        Raises:
            InputError: The file is missing, not JSON, or not a glossary export.
        """
        name = str(path)
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{name}: is a directory, not a file") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{name}: not a JSON file ({exc})") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
        return self.import_data(data, name=name)


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


# -- helpers ---------------------------------------------------------------------------------


# Hanja forms per look-up query (SQLite allows 32,766 parameters).
_KEYS_PER_QUERY = 500
_NOTE = EXTRACTED_COLUMNS.index("note")


def _digest(values: Sequence[object]) -> int:
    """A hash of a term's extracted values but the note (which differs by document)."""
    return hash((*values[:_NOTE], *values[_NOTE + 1 :]))


def _busy(exc: Exception) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


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
