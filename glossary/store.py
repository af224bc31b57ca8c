"""The personal glossary: an SQLite store of documents, terms, occurrences and study marks.

One file in the user data directory (see :mod:`glossary.paths`), in WAL mode, versioned
with ``PRAGMA user_version`` and migrated forward on open. Every change is one
``BEGIN IMMEDIATE`` transaction, so concurrent writers queue instead of losing work, and a
process killed midway leaves the file as it was. ``sqlite3`` loads on first use.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from glossary.errors import InputError, StoreError, UnknownTermError
from glossary.model import KINDS, CharInfo, Glossary, Term, term_to_dict

if TYPE_CHECKING:
    import sqlite3

Status = Literal["new", "learning", "known", "ignored"]
STATUSES: tuple[Status, ...] = ("new", "learning", "known", "ignored")
TermKey = tuple[str, str]

# Term fields a user may correct; the extracted value is kept beside the correction.
CORRECTABLE = (
    "simplified",
    "traditional",
    "pinyin",
    "pinyin_numbered",
    "sino_korean",
    "mandarin_hangul",
)
# "Hanj": marks the file as ours, so a foreign SQLite file is never written to.
APPLICATION_ID = 0x48616E6A
EXPORT_FORMAT = "hanja-reader glossary"
EXPORT_VERSION = 1
BUSY_TIMEOUT_S = 10.0

_EXTRACTED = (
    "kind",
    "simplified",
    "traditional",
    "pinyin",
    "pinyin_numbered",
    "sino_korean",
    "mandarin_hangul",
    "note",
    "matches",
    "kind_note",
    "chars",
)

_SCHEMA_V1 = f"""
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    encoding TEXT NOT NULL,
    length INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX documents_path ON documents (path);
CREATE TABLE terms (
    id INTEGER PRIMARY KEY,
    hanja TEXT NOT NULL,
    hangul TEXT NOT NULL,
    kind TEXT NOT NULL,
    simplified TEXT NOT NULL,
    traditional TEXT NOT NULL,
    pinyin TEXT NOT NULL,
    pinyin_numbered TEXT NOT NULL,
    sino_korean TEXT NOT NULL,
    mandarin_hangul TEXT NOT NULL,
    note TEXT NOT NULL,
    matches TEXT NOT NULL,
    kind_note TEXT NOT NULL,
    chars TEXT NOT NULL,
    meaning TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN {STATUSES!r}),
    user_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    user_updated_at TEXT NOT NULL DEFAULT '',
    UNIQUE (hanja, hangul)
);
CREATE INDEX terms_hangul ON terms (hangul);
CREATE TABLE corrections (
    term_id INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    field TEXT NOT NULL CHECK (field IN {CORRECTABLE!r}),
    value TEXT NOT NULL,
    corrected_at TEXT NOT NULL,
    PRIMARY KEY (term_id, field)
) WITHOUT ROWID;
CREATE TABLE occurrences (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    hanja_start INTEGER NOT NULL,
    hanja_end INTEGER NOT NULL,
    gloss_start INTEGER,
    gloss_end INTEGER,
    surface TEXT NOT NULL,
    sentence TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE INDEX occurrences_term ON occurrences (term_id, document_id);
CREATE INDEX occurrences_document ON occurrences (document_id);
CREATE TABLE term_documents (
    term_id INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (term_id, document_id)
) WITHOUT ROWID;
CREATE INDEX term_documents_document ON term_documents (document_id);
"""

# MIGRATIONS[i] takes the schema from version i to i + 1. Append, never edit.
MIGRATIONS: tuple[str, ...] = (_SCHEMA_V1,)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class Source:
    """One document a stored term stands in."""

    sha256: str
    title: str
    path: str
    occurrences: int
    mentions: int


@dataclass(frozen=True)
class Example:
    """The first place a stored term stands: its sentence and the text of the gloss there.

    ``hanja_start`` and ``hanja_end`` locate the hanja inside ``surface``.
    """

    sentence: str
    surface: str
    hanja_start: int
    hanja_end: int
    source: str


@dataclass(frozen=True)
class StoredTerm:
    """A term as the store holds it: explained, placed, and marked by the user.

    Attributes:
        term: The term with the user's corrections applied (no occurrences or mentions:
            see ``sources`` and ``example``).
        status: new, learning, known or ignored.
        user_note: The user's note.
        meaning: The meaning (set by the user until a dictionary supplies one).
        corrections: Field name to corrected value, for the fields the user corrected.
        sources: The documents the term stands in, in the order they were added.
        example: Its first occurrence, or None.
        created_at: When the term was first stored (ISO 8601, UTC).
        updated_at: When its extracted fields last changed.
        user_updated_at: When the user last changed its status, note, meaning or readings.
    """

    term: Term
    status: Status = "new"
    user_note: str = ""
    meaning: str = ""
    corrections: Mapping[str, str] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    example: Example | None = None
    created_at: str = ""
    updated_at: str = ""
    user_updated_at: str = ""

    @property
    def key(self) -> TermKey:
        """The term's identity: (hanja, hangul)."""
        return self.term.key

    @property
    def occurrences(self) -> int:
        """How many glossed places the term has across all documents."""
        return sum(s.occurrences for s in self.sources)

    @property
    def mentions(self) -> int:
        """How many hangul-only mentions the term has across all documents."""
        return sum(s.mentions for s in self.sources)


@dataclass(frozen=True)
class AddResult:
    """What adding one document did.

    Attributes:
        action: ``added``, ``unchanged`` (same content already stored) or ``replaced`` (a new
            version of a document already stored under the same path).
        title: The document's title.
        path: The document's path as stored.
        terms: Terms in the document.
        new_terms: Terms the store did not have before.
        updated_terms: Terms already stored whose extracted fields changed.
        occurrences: Glossed places stored.
        mentions: Later mentions counted.
    """

    action: Literal["added", "unchanged", "replaced"]
    title: str
    path: str
    terms: int = 0
    new_terms: int = 0
    updated_terms: int = 0
    occurrences: int = 0
    mentions: int = 0


@dataclass(frozen=True)
class ImportResult:
    """What importing a JSON export did."""

    documents_added: int
    terms_added: int
    terms_updated: int


@dataclass(frozen=True)
class Stats:
    """Counts over the whole store."""

    path: str
    documents: int
    terms: int
    occurrences: int
    mentions: int
    by_status: Mapping[str, int]
    by_kind: Mapping[str, int]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def open_store(
    path: str | os.PathLike[str], *, timeout: float = BUSY_TIMEOUT_S, clock: Callable[[], str] = _now
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
            self._check_identity(len(migrations))
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{self.path}: cannot switch the database to WAL mode ({mode})")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA synchronous = FULL")
        if self._user_version() < len(migrations):
            with self._write() as db:
                version = self._user_version()  # Another process may have migrated meanwhile.
                for script in migrations[version:]:
                    for statement in _statements(script):
                        db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {len(migrations)}")

    def _user_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _check_identity(self, newest: int) -> None:
        """Refuse files that are not ours before anything is written to them."""
        import sqlite3

        try:
            app_id = int(self._db.execute("PRAGMA application_id").fetchone()[0])
            version = self._user_version()
            tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as exc:
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
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(
                    f"{self.path}: the glossary database is busy (another program has held "
                    f"it for more than {self._timeout:g} s)"
                ) from None
            raise StoreError(f"{self.path}: database error ({exc})") from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: the glossary database is damaged ({exc})") from None

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
        doc = glossary.document
        text = doc.text
        sha = doc.sha or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        path = _stored_path(doc.path)
        now = self._clock()
        with self._write() as db:
            if db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha,)).fetchone():
                return AddResult("unchanged", doc.title, path)
            action: Literal["added", "replaced"] = "added"
            row = (
                db.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
                if path not in ("", "-")
                else None
            )
            values = (sha, path, doc.title, doc.encoding, len(text), now)
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
            new = updated = occurrences = mentions = 0
            for term in glossary.terms:
                term_id, change = self._upsert_term(db, term, now)
                new += change == "new"
                updated += change == "updated"
                db.executemany(
                    "INSERT INTO occurrences (term_id, document_id, span_start, span_end, "
                    "hanja_start, hanja_end, gloss_start, gloss_end, surface, sentence, note) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (term_id, doc_id, o.start, o.end, o.hanja_start, o.hanja_end)
                        + (o.gloss_start, o.gloss_end, text[o.start : o.end], o.sentence, o.note)
                        for o in term.occurrences
                    ],
                )
                db.execute(
                    "INSERT INTO term_documents (term_id, document_id, mentions) VALUES (?, ?, ?)",
                    (term_id, doc_id, len(term.mentions)),
                )
                occurrences += len(term.occurrences)
                mentions += len(term.mentions)
        return AddResult(
            action, doc.title, path, len(glossary.terms), new, updated, occurrences, mentions
        )

    def _upsert_term(
        self, db: sqlite3.Connection, term: Term, now: str
    ) -> tuple[int, Literal["new", "updated", "same"]]:
        values = _extracted_values(term)
        columns = ", ".join(_EXTRACTED)
        row = db.execute(
            f"SELECT id, {columns} FROM terms WHERE hanja = ? AND hangul = ?", term.key
        ).fetchone()
        if row is None:
            cursor = db.execute(
                f"INSERT INTO terms (hanja, hangul, {columns}, created_at, updated_at) "
                f"VALUES (?, ?, {', '.join('?' * len(values))}, ?, ?)",
                (*term.key, *values, now, now),
            )
            return int(cursor.lastrowid or 0), "new"
        if tuple(row[1:]) == values:
            return int(row[0]), "same"
        assignments = ", ".join(f"{c} = ?" for c in _EXTRACTED)
        db.execute(
            f"UPDATE terms SET {assignments}, updated_at = ? WHERE id = ?", (*values, now, row[0])
        )
        return int(row[0]), "updated"

    # -- reading ---------------------------------------------------------------------------

    def terms(
        self,
        *,
        status: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
        keys: Iterable[TermKey] | None = None,
    ) -> list[StoredTerm]:
        """The stored terms, in the order they were first stored.

        Args:
            status: Keep only terms with this status (or any of these).
            kind: Keep only terms of this kind (or any of these).
            keys: Keep only these terms.

        Returns:
            The terms, each with its corrections applied, sources and first example.
        """
        where, params = _filters(status, kind)
        wanted = set(keys) if keys is not None else None
        with self._guard():
            rows = self._db.execute(
                "SELECT id, hanja, hangul, kind, simplified, traditional, pinyin, "
                "pinyin_numbered, sino_korean, mandarin_hangul, note, matches, kind_note, "
                "chars, meaning, status, user_note, created_at, updated_at, user_updated_at "
                f"FROM terms {where} ORDER BY created_at, id",
                params,
            ).fetchall()
            if wanted is not None:
                rows = [r for r in rows if (r[1], r[2]) in wanted]
            ids = [int(r[0]) for r in rows]
            corrections = self._corrections(ids)
            sources = self._sources(ids)
            examples = self._examples(ids)
        return [
            _stored_term(r, corrections.get(r[0], {}), sources.get(r[0], ()), examples.get(r[0]))
            for r in rows
        ]

    def _id_table(self, ids: Sequence[int]) -> str:
        """Put ids in a temporary table to join on (no parameter-count limit)."""
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (id INTEGER PRIMARY KEY)")
        self._db.execute("DELETE FROM temp.wanted")
        self._db.executemany("INSERT INTO temp.wanted (id) VALUES (?)", ((i,) for i in ids))
        return "temp.wanted"

    def _corrections(self, ids: Sequence[int]) -> dict[int, dict[str, str]]:
        table = self._id_table(ids)
        out: dict[int, dict[str, str]] = {}
        for term_id, name, value in self._db.execute(
            f"SELECT term_id, field, value FROM corrections JOIN {table} ON id = term_id"
        ):
            out.setdefault(term_id, {})[name] = value
        return out

    def _sources(self, ids: Sequence[int]) -> dict[int, tuple[Source, ...]]:
        table = self._id_table(ids)
        out: dict[int, list[Source]] = {}
        for term_id, sha, title, path, count, mentions in self._db.execute(
            "SELECT td.term_id, d.sha256, d.title, d.path, "
            "(SELECT count(*) FROM occurrences o "
            " WHERE o.term_id = td.term_id AND o.document_id = td.document_id), td.mentions "
            f"FROM term_documents td JOIN {table} w ON w.id = td.term_id "
            "JOIN documents d ON d.id = td.document_id ORDER BY td.term_id, d.id"
        ):
            out.setdefault(term_id, []).append(Source(sha, title, path, count, mentions))
        return {k: tuple(v) for k, v in out.items()}

    def _examples(self, ids: Sequence[int]) -> dict[int, Example]:
        table = self._id_table(ids)
        out: dict[int, Example] = {}
        for term_id, sentence, surface, start, h_start, h_end, title in self._db.execute(
            "SELECT o.term_id, o.sentence, o.surface, o.span_start, o.hanja_start, o.hanja_end, "
            "d.title FROM occurrences o JOIN documents d ON d.id = o.document_id "
            f"WHERE o.id IN (SELECT min(o2.id) FROM occurrences o2 JOIN {table} w "
            "ON w.id = o2.term_id GROUP BY o2.term_id)"
        ):
            out[term_id] = Example(sentence, surface, h_start - start, h_end - start, title)
        return out

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
        return _as_status(row[0]) if row else "new"

    def resolve(self, name: str) -> TermKey:
        """Find the one term a user means: ``杭州``, ``항저우``, ``항저우(杭州)`` or ``杭州/항저우``.

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
            by_status = dict.fromkeys(STATUSES, 0)
            by_status.update(one("SELECT status, count(*) FROM terms GROUP BY status").fetchall())
            by_kind = dict.fromkeys(KINDS, 0)
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
                raise UnknownTermError(f"no term {_name(key)} in the glossary")

    def set_status(self, key: TermKey, status: str) -> None:
        """Mark a term new, learning, known or ignored.

        Args:
            key: The term's (hanja, hangul).
            status: One of :data:`STATUSES`.

        Raises:
            ValueError: The status is not one of :data:`STATUSES`.
            UnknownTermError: The term is not stored.
        """
        self._update_user(key, "status = ?", (_checked_status(status),))

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
                raise UnknownTermError(f"no term {_name(key)} in the glossary")
            if value is None:
                db.execute(
                    "DELETE FROM corrections WHERE term_id = ? AND field = ?", (found[0], field_name)
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
        self, *, status: str | Iterable[str] | None = None, kind: str | Iterable[str] | None = None
    ) -> dict[str, Any]:
        """Everything the store holds (or the chosen terms) as a JSON-ready dict.

        :meth:`import_data` reads it back without loss: documents, terms with their
        corrections, status, notes and timestamps, occurrences and mention counts.

        Args:
            status: Keep only terms with this status (or any of these).
            kind: Keep only terms of this kind (or any of these).

        Returns:
            ``{"format", "version", "documents", "terms"}``.
        """
        from glossary import storejson

        with self._guard():
            return storejson.dump(self._db, *_filters(status, kind), filtered=bool(status or kind))

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
        from glossary import storejson

        parsed = storejson.parse(data, name)
        with self._write() as db:
            return storejson.load(db, parsed)

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

    Marking a term the store does not have is ignored: add its document first.
    """

    def __init__(self, store: Store) -> None:
        """Wrap a store.

        Args:
            store: The open store.
        """
        self._store = store

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
            pass


# -- helpers ---------------------------------------------------------------------------------


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


def _chars_json(chars: Sequence[CharInfo]) -> str:
    data = term_to_dict(Term("", "", "bare", "", "", "", "", "", "", chars=tuple(chars)))["chars"]
    return json.dumps(data, ensure_ascii=False)


def _extracted_values(term: Term) -> tuple[object, ...]:
    return (
        term.kind,
        term.simplified,
        term.traditional,
        term.pinyin,
        term.pinyin_numbered,
        term.sino_korean,
        term.mandarin_hangul,
        term.note,
        json.dumps(list(term.matches), ensure_ascii=False),
        term.kind_note,
        _chars_json(term.chars),
    )


def _as_status(value: object) -> Status:
    for status in STATUSES:
        if status == value:
            return status
    return "new"


def _checked_status(value: str) -> Status:
    if value not in STATUSES:
        raise ValueError(f"unknown status {value!r} (choose from {', '.join(STATUSES)})")
    return _as_status(value)


def _name(key: TermKey) -> str:
    hanja, hangul = key
    return f"{hangul}({hanja})" if hangul else hanja


def _one_or_many(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _filters(
    status: str | Iterable[str] | None, kind: str | Iterable[str] | None
) -> tuple[str, tuple[str, ...]]:
    clauses: list[str] = []
    params: list[str] = []
    for column, chosen in (("status", _one_or_many(status)), ("kind", _one_or_many(kind))):
        if chosen:
            clauses.append(f"{column} IN ({', '.join('?' * len(chosen))})")
            params += chosen
    return ("WHERE " + " AND ".join(clauses) if clauses else "", tuple(params))


def _chars(data: str) -> tuple[CharInfo, ...]:
    return tuple(CharInfo(**c) for c in json.loads(data))


def _stored_term(
    row: Sequence[Any],
    corrections: Mapping[str, str],
    sources: tuple[Source, ...],
    example: Example | None,
) -> StoredTerm:
    (_, hanja, hangul, kind, simplified, traditional, pinyin, pinyin_numbered) = row[:8]
    (sino_korean, mandarin_hangul, note, matches, kind_note, chars) = row[8:14]
    term = Term(
        hanja=hanja,
        hangul=hangul,
        kind=kind,
        simplified=simplified,
        traditional=traditional,
        pinyin=pinyin,
        pinyin_numbered=pinyin_numbered,
        sino_korean=sino_korean,
        mandarin_hangul=mandarin_hangul,
        note=note,
        matches=tuple(json.loads(matches)),
        kind_note=kind_note,
        chars=_chars(chars),
    )
    if corrections:
        term = replace(term, **corrections)
    meaning, status, user_note, created_at, updated_at, user_updated_at = row[14:20]
    return StoredTerm(
        term=term,
        status=_as_status(status),
        user_note=user_note,
        meaning=meaning,
        corrections=dict(corrections),
        sources=sources,
        example=example,
        created_at=created_at,
        updated_at=updated_at,
        user_updated_at=user_updated_at,
    )
