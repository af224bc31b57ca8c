"""The store's JSON export: write everything it holds, read it back, merge it in."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from glossary.errors import InputError
from glossary.model import KINDS, term_to_dict
from glossary.store.records import ImportResult, term_from_row
from glossary.store.schema import (
    CORRECTABLE,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    EXTRACTED_COLUMNS,
    STATUSES,
)

if TYPE_CHECKING:
    import sqlite3

_TERM_COLUMNS = (
    "hanja, hangul, kind, simplified, traditional, pinyin, pinyin_numbered, sino_korean, "
    "mandarin_hangul, note, matches, kind_note, chars, meaning, status, user_note, "
    "created_at, updated_at, user_updated_at"
)
_TEXT_FIELDS = (
    "hanja",
    "hangul",
    "simplified",
    "traditional",
    "pinyin",
    "pinyin_numbered",
    "sino_korean",
    "mandarin_hangul",
    "note",
    "kind_note",
    "meaning",
    "user_note",
    "created_at",
    "updated_at",
    "user_updated_at",
)
_CHAR_FIELDS = (
    "char",
    "simplified",
    "traditional",
    "pinyin",
    "pinyin_numbered",
    "sino_korean",
    "hun_eum",
)
_DOCUMENT_FIELDS = ("sha256", "path", "title", "encoding", "added_at")
_OCCURRENCE_INTS = ("start", "end", "hanja_start", "hanja_end")


def dump(
    db: sqlite3.Connection, where: str, params: Sequence[str], *, filtered: bool
) -> dict[str, Any]:
    """Read the chosen terms (and the documents they stand in) as a JSON-ready dict.

    Args:
        db: The store's connection, inside a read transaction.
        where: A WHERE clause over ``terms`` (or ``""``).
        params: Its parameters.
        filtered: Whether terms were filtered (then only the documents they stand in go out).

    Returns:
        The export.
    """
    chosen = f"(SELECT id FROM terms {where})"
    corrections: dict[int, dict[str, dict[str, str]]] = {}
    for term_id, name, value, at in db.execute(
        "SELECT term_id, field, value, corrected_at FROM corrections "
        f"WHERE term_id IN {chosen} ORDER BY field",
        params,
    ):
        corrections.setdefault(term_id, {})[name] = {"value": value, "corrected_at": at}
    documents = {
        int(row[0]): row[1:]
        for row in db.execute(
            "SELECT id, sha256, path, title, encoding, length, added_at FROM documents ORDER BY id"
        )
    }
    links: dict[int, list[dict[str, Any]]] = {}
    used: set[int] = set()
    for term_id, doc_id, mentions in db.execute(
        "SELECT term_id, document_id, mentions FROM term_documents "
        f"WHERE term_id IN {chosen} ORDER BY document_id",
        params,
    ):
        used.add(doc_id)
        links.setdefault(term_id, []).append({"sha256": documents[doc_id][0], "mentions": mentions})
    places: dict[int, list[dict[str, Any]]] = {}
    for row in db.execute(
        "SELECT term_id, document_id, span_start, span_end, hanja_start, hanja_end, "
        "gloss_start, gloss_end, surface, sentence, note FROM occurrences "
        f"WHERE term_id IN {chosen} ORDER BY document_id, span_start, id",
        params,
    ):
        places.setdefault(row[0], []).append(
            {
                "document": documents[row[1]][0],
                "start": row[2],
                "end": row[3],
                "hanja_start": row[4],
                "hanja_end": row[5],
                "gloss_start": row[6],
                "gloss_end": row[7],
                "surface": row[8],
                "sentence": row[9],
                "note": row[10],
            }
        )
    terms = []
    for row in db.execute(
        f"SELECT id, {_TERM_COLUMNS} FROM terms {where} ORDER BY created_at, id", params
    ):
        term_id = row[0]
        item = _term_dict(row[1:])
        item["corrections"] = corrections.get(term_id, {})
        item["documents"] = links.get(term_id, [])
        item["occurrences"] = places.get(term_id, [])
        terms.append(item)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "documents": [
            {
                "sha256": sha,
                "path": path,
                "title": title,
                "encoding": encoding,
                "length": length,
                "added_at": added_at,
            }
            for doc_id, (sha, path, title, encoding, length, added_at) in documents.items()
            if not filtered or doc_id in used
        ],
        "terms": terms,
    }


def _term_dict(row: Sequence[Any]) -> dict[str, Any]:
    base = term_to_dict(term_from_row(row[:13]))
    del base["occurrences"], base["mentions"]
    base["chars"] = json.loads(row[12])  # As stored: without dictionary meanings.
    meaning, status, user_note, created_at, updated_at, user_updated_at = row[13:19]
    base.update(
        meaning=meaning,
        status=status,
        user_note=user_note,
        created_at=created_at,
        updated_at=updated_at,
        user_updated_at=user_updated_at,
    )
    return base


@dataclass(frozen=True)
class Parsed:
    """A checked export: its documents and terms, as plain dicts."""

    documents: list[dict[str, Any]]
    terms: list[dict[str, Any]]


class _Checker:
    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, where: str, problem: str) -> InputError:
        return InputError(f"{self.name}: not a glossary export ({where}: {problem})")

    def mapping(self, value: object, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, "expected an object")
        return value

    def items(self, value: object, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, "expected a list")
        return value

    def text(self, obj: Mapping[str, Any], key: str, where: str) -> str:
        value = obj.get(key)
        if not isinstance(value, str):
            raise self.fail(where, f"{key} must be a string")
        return value

    def integer(self, obj: Mapping[str, Any], key: str, where: str, *, null: bool = False) -> Any:
        value = obj.get(key)
        if value is None and null:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(where, f"{key} must be an integer")
        return value


def parse(data: Any, name: str) -> Parsed:
    """Check that parsed JSON is a glossary export this version reads.

    Args:
        data: The parsed JSON.
        name: What to call the input in error messages.

    Returns:
        Its documents and terms, checked.

    Raises:
        InputError: It is something else (the message says what is wrong and where).
    """
    check = _Checker(name)
    top = check.mapping(data, "top level")
    if top.get("format") != EXPORT_FORMAT:
        hint = " (an `extract` result? add the text with `glossary add`)" if "terms" in top else ""
        raise InputError(f"{name}: not a glossary export from `glossary export`{hint}")
    version = top.get("version")
    if not isinstance(version, int) or version > EXPORT_VERSION:
        raise InputError(f"{name}: export version {version!r} is newer than this hanja-reader")
    documents = []
    shas: set[str] = set()
    for i, raw in enumerate(check.items(top.get("documents"), "documents")):
        where = f"documents[{i}]"
        doc = check.mapping(raw, where)
        clean = {key: check.text(doc, key, where) for key in _DOCUMENT_FIELDS}
        clean["length"] = check.integer(doc, "length", where)
        shas.add(clean["sha256"])
        documents.append(clean)
    terms = []
    for i, raw in enumerate(check.items(top.get("terms"), "terms")):
        terms.append(_parse_term(check, check.mapping(raw, f"terms[{i}]"), f"terms[{i}]", shas))
    return Parsed(documents, terms)


def _parse_term(
    check: _Checker, term: Mapping[str, Any], where: str, shas: set[str]
) -> dict[str, Any]:
    clean: dict[str, Any] = {key: check.text(term, key, where) for key in _TEXT_FIELDS}
    if term.get("kind") not in KINDS:
        raise check.fail(where, f"kind must be one of {', '.join(KINDS)}")
    if term.get("status") not in STATUSES:
        raise check.fail(where, f"status must be one of {', '.join(STATUSES)}")
    clean["kind"] = term["kind"]
    clean["status"] = term["status"]
    matches = check.items(term.get("matches"), f"{where}.matches")
    if not all(isinstance(m, str) for m in matches):
        raise check.fail(where, "matches must be strings")
    clean["matches"] = json.dumps(matches, ensure_ascii=False)
    chars = []
    for j, raw in enumerate(check.items(term.get("chars"), f"{where}.chars")):
        char = check.mapping(raw, f"{where}.chars[{j}]")
        chars.append({key: check.text(char, key, f"{where}.chars[{j}]") for key in _CHAR_FIELDS})
    clean["chars"] = json.dumps(chars, ensure_ascii=False)
    corrections = {}
    for field_name, raw in check.mapping(term.get("corrections"), where).items():
        if field_name not in CORRECTABLE:
            raise check.fail(where, f"{field_name} cannot be corrected")
        fix = check.mapping(raw, f"{where}.corrections.{field_name}")
        corrections[field_name] = (
            check.text(fix, "value", where),
            check.text(fix, "corrected_at", where),
        )
    clean["corrections"] = corrections
    links = []
    for j, raw in enumerate(check.items(term.get("documents"), f"{where}.documents")):
        link = check.mapping(raw, f"{where}.documents[{j}]")
        sha = check.text(link, "sha256", where)
        if sha not in shas:
            raise check.fail(where, f"document {sha[:12]} is not in the export")
        links.append((sha, check.integer(link, "mentions", where)))
    clean["documents"] = links
    places = []
    for j, raw in enumerate(check.items(term.get("occurrences"), f"{where}.occurrences")):
        at = f"{where}.occurrences[{j}]"
        place = check.mapping(raw, at)
        sha = check.text(place, "document", at)
        if sha not in shas:
            raise check.fail(at, f"document {sha[:12]} is not in the export")
        places.append(
            (sha,)
            + tuple(check.integer(place, key, at) for key in _OCCURRENCE_INTS)
            + (
                check.integer(place, "gloss_start", at, null=True),
                check.integer(place, "gloss_end", at, null=True),
                check.text(place, "surface", at),
                check.text(place, "sentence", at),
                check.text(place, "note", at),
            )
        )
    clean["occurrences"] = places
    return clean


_USER = ("meaning", "status", "user_note", "user_updated_at")


def load(db: sqlite3.Connection, parsed: Parsed) -> ImportResult:
    """Merge a checked export into the store (the caller holds the write transaction).

    Args:
        db: The store's connection, inside ``BEGIN IMMEDIATE``.
        parsed: The checked export.

    Returns:
        Counts of what was added and updated.
    """
    new_docs: dict[str, int] = {}
    for doc in parsed.documents:
        if db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (doc["sha256"],)).fetchone():
            continue
        cursor = db.execute(
            "INSERT INTO documents (sha256, path, title, encoding, length, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            tuple(doc[k] for k in ("sha256", "path", "title", "encoding", "length", "added_at")),
        )
        new_docs[doc["sha256"]] = int(cursor.lastrowid or 0)
    added = updated = 0
    for term in parsed.terms:
        key = (term["hanja"], term["hangul"])
        row = db.execute(
            "SELECT id, updated_at, user_updated_at FROM terms WHERE hanja = ? AND hangul = ?", key
        ).fetchone()
        if row is None:
            columns = ("hanja", "hangul", *EXTRACTED_COLUMNS, *_USER, "created_at", "updated_at")
            cursor = db.execute(
                f"INSERT INTO terms ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                tuple(term[c] for c in columns),
            )
            term_id = int(cursor.lastrowid or 0)
            _put_corrections(db, term_id, term["corrections"])
            added += 1
        else:
            term_id = int(row[0])
            changed = False
            if term["updated_at"] > row[1]:
                sets = ", ".join(f"{c} = ?" for c in (*EXTRACTED_COLUMNS, "updated_at"))
                db.execute(
                    f"UPDATE terms SET {sets} WHERE id = ?",
                    (*(term[c] for c in (*EXTRACTED_COLUMNS, "updated_at")), term_id),
                )
                changed = True
            if term["user_updated_at"] > row[2]:
                sets = ", ".join(f"{c} = ?" for c in _USER)
                db.execute(
                    f"UPDATE terms SET {sets} WHERE id = ?", (*(term[c] for c in _USER), term_id)
                )
                db.execute("DELETE FROM corrections WHERE term_id = ?", (term_id,))
                _put_corrections(db, term_id, term["corrections"])
                changed = True
            updated += changed
        for sha, mentions in term["documents"]:
            if sha in new_docs:
                db.execute(
                    "INSERT OR IGNORE INTO term_documents (term_id, document_id, mentions) "
                    "VALUES (?, ?, ?)",
                    (term_id, new_docs[sha], mentions),
                )
        db.executemany(
            "INSERT INTO occurrences (term_id, document_id, span_start, span_end, hanja_start, "
            "hanja_end, gloss_start, gloss_end, surface, sentence, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(term_id, new_docs[p[0]], *p[1:]) for p in term["occurrences"] if p[0] in new_docs],
        )
    return ImportResult(len(new_docs), added, updated)


def _put_corrections(
    db: sqlite3.Connection, term_id: int, corrections: Mapping[str, tuple[str, str]]
) -> None:
    db.executemany(
        "INSERT INTO corrections (term_id, field, value, corrected_at) VALUES (?, ?, ?, ?)",
        [(term_id, name, value, at) for name, (value, at) in corrections.items()],
    )
