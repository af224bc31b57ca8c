"""The store's JSON export: write everything it holds, merge a checked one back in.

Checking an export before it is merged is :mod:`glossary.store.validate`'s part.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from glossary.model import Term, term_to_dict
from glossary.store.places import PLACE_COLUMNS, PLACES_WITH_SENTENCES, PlaceWriter
from glossary.store.records import STORED_COLUMNS, ImportResult, looked_up, row_term, user_values
from glossary.store.schema import (
    DICTIONARY_COLUMNS,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    EXTRACTED_COLUMNS,
)
from glossary.store.senses import looked_up_now

if TYPE_CHECKING:
    import sqlite3

    from glossary.store.validate import Parsed


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
    for term_id, doc_id, mentions, uncertain in db.execute(
        "SELECT term_id, document_id, mentions, uncertain_mentions FROM term_documents "
        f"WHERE term_id IN {chosen} ORDER BY document_id",
        params,
    ):
        used.add(doc_id)
        links.setdefault(term_id, []).append(
            {"sha256": documents[doc_id][0], "mentions": mentions, "uncertain_mentions": uncertain}
        )
    places: dict[int, list[dict[str, Any]]] = {}
    for row in db.execute(
        f"SELECT {PLACE_COLUMNS} FROM {PLACES_WITH_SENTENCES} "
        f"WHERE o.term_id IN {chosen} ORDER BY o.document_id, o.span_start, o.id",
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
                "sentence_at": row[11],
            }
        )
    rows = db.execute(
        f"SELECT id, {STORED_COLUMNS} FROM terms {where} ORDER BY created_at, id", params
    ).fetchall()
    # Terms stored without meanings get them now when an index is built (never stored here).
    read = looked_up_now(
        {r[0]: row_term(r) for r in rows}, [r[0] for r in rows if not looked_up(r)]
    )
    terms = []
    for row in rows:
        term_id = row[0]
        item = _term_dict(row, read[term_id])
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


def _term_dict(row: Sequence[Any], term: Term) -> dict[str, Any]:
    """A term of the export: its extracted fields and meanings (``term``), then the user's."""
    base = term_to_dict(term)
    del base["occurrences"], base["mentions"]
    meaning, status, user_note, created_at, updated_at, user_updated_at = user_values(row)
    base.update(
        meaning=meaning,
        status=status,
        user_note=user_note,
        created_at=created_at,
        updated_at=updated_at,
        user_updated_at=user_updated_at,
    )
    return base


_USER = ("meaning", "status", "user_note", "user_updated_at")
Change = Literal["new", "updated", "same"]


def load(db: sqlite3.Connection, parsed: Parsed) -> ImportResult:
    """Merge a checked export into the store (the caller holds the write transaction).

    The merge is per term and per document, never per document alone: a document already
    stored is kept, and each term of the export brings its places and mentions in every
    document where the store has none of them yet (a term's places and mentions in one
    document come together, from one extraction). So a partial export imported first
    (``--status known``) never keeps the other terms' places out, and any sequence of
    imports of one store's exports, in any order and repeated, gives the store that one
    import of its full export gives.

    Args:
        db: The store's connection, inside ``BEGIN IMMEDIATE``.
        parsed: The checked export.

    Returns:
        Counts of what was added and updated.
    """
    doc_ids, new_docs = _merge_documents(db, parsed.documents)
    writer = PlaceWriter(db)
    added = updated = 0
    for term in parsed.terms:
        term_id, change = _merge_term(db, term)
        gained = _merge_places(writer, term_id, term, doc_ids, stored=change != "new")
        added += change == "new"
        updated += change == "updated" or (change == "same" and gained)
    return ImportResult(new_docs, added, updated)


def _merge_documents(
    db: sqlite3.Connection, documents: Sequence[Mapping[str, Any]]
) -> tuple[dict[str, int], int]:
    """Store the export's documents the store lacks (by content hash); keep the others.

    Returns:
        Every document's id by its hash, and how many were added.
    """
    ids: dict[str, int] = {}
    added = 0
    for doc in documents:
        sha = doc["sha256"]
        row = db.execute("SELECT id FROM documents WHERE sha256 = ?", (sha,)).fetchone()
        if row is not None:
            ids[sha] = int(row[0])
            continue
        cursor = db.execute(
            "INSERT INTO documents (sha256, path, title, encoding, length, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            tuple(doc[k] for k in ("sha256", "path", "title", "encoding", "length", "added_at")),
        )
        ids[sha] = int(cursor.lastrowid or 0)
        added += 1
    return ids, added


def _merge_term(db: sqlite3.Connection, term: Mapping[str, Any]) -> tuple[int, Change]:
    """Add a term the store lacks; for one it has, let the more recent fields win.

    The extracted fields win when the export's ``updated_at`` is later, the user's (status,
    note, meaning and corrections) when its ``user_updated_at`` is. The dictionary's
    meanings go with the extracted fields, and fill a stored term that has none.

    Returns:
        The term's id and what was done to it.
    """
    key = (term["hanja"], term["hangul"])
    row = db.execute(
        "SELECT id, updated_at, user_updated_at, mandarin_word FROM terms "
        "WHERE hanja = ? AND hangul = ?",
        key,
    ).fetchone()
    if row is None:
        columns = (
            "hanja",
            "hangul",
            *EXTRACTED_COLUMNS,
            *_USER,
            "created_at",
            "updated_at",
            *DICTIONARY_COLUMNS,
        )
        cursor = db.execute(
            f"INSERT INTO terms ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            tuple(term[c] for c in columns),
        )
        term_id = int(cursor.lastrowid or 0)
        _put_corrections(db, term_id, term["corrections"])
        return term_id, "new"
    term_id = int(row[0])
    change: Change = "same"
    newer = term["updated_at"] > row[1]
    if term["mandarin_word"] is not None and (newer or row[3] is None):
        # The dictionary's part goes with the extracted fields, or fills a term without it.
        db.execute(
            f"UPDATE terms SET {', '.join(f'{c} = ?' for c in DICTIONARY_COLUMNS)} WHERE id = ?",
            (*(term[c] for c in DICTIONARY_COLUMNS), term_id),
        )
    if newer:
        extracted = (*EXTRACTED_COLUMNS, "updated_at")
        db.execute(
            f"UPDATE terms SET {', '.join(f'{c} = ?' for c in extracted)} WHERE id = ?",
            (*(term[c] for c in extracted), term_id),
        )
        change = "updated"
    if term["user_updated_at"] > row[2]:
        db.execute(
            f"UPDATE terms SET {', '.join(f'{c} = ?' for c in _USER)} WHERE id = ?",
            (*(term[c] for c in _USER), term_id),
        )
        db.execute("DELETE FROM corrections WHERE term_id = ?", (term_id,))
        _put_corrections(db, term_id, term["corrections"])
        change = "updated"
    return term_id, change


def _merge_places(
    writer: PlaceWriter,
    term_id: int,
    term: Mapping[str, Any],
    doc_ids: Mapping[str, int],
    *,
    stored: bool,
) -> bool:
    """Store a term's mentions and places in the documents where the store has none of them.

    Where the store has the term's mention count or any of its places in a document, that
    document's are kept as they are (no place is doubled, no extraction mixed with another).

    Args:
        writer: Writes the places, with the store's connection inside the import's
            transaction.
        term_id: The term's id.
        term: The term as :func:`glossary.store.validate.parse` checked it.
        doc_ids: Every document of the export: its id in the store, by hash.
        stored: Whether the term was stored before this import (else it has nothing yet).

    Returns:
        Whether anything was added.
    """
    db = writer.db
    present: set[int] = set()
    if stored:
        present = {
            int(row[0])
            for row in db.execute(
                "SELECT document_id FROM term_documents WHERE term_id = ? "
                "UNION SELECT document_id FROM occurrences WHERE term_id = ?",
                (term_id, term_id),
            )
        }
    links = [
        (term_id, doc_ids[sha], mentions, uncertain)
        for sha, mentions, uncertain in term["documents"]
        if doc_ids[sha] not in present
    ]
    places = [
        (term_id, doc_ids[place[0]], *place[1:])
        for place in term["occurrences"]
        if doc_ids[place[0]] not in present
    ]
    db.executemany(
        "INSERT OR IGNORE INTO term_documents (term_id, document_id, mentions, uncertain_mentions) "
        "VALUES (?, ?, ?, ?)",
        links,
    )
    writer.insert(places)
    return bool(links or places)


def _put_corrections(
    db: sqlite3.Connection, term_id: int, corrections: Mapping[str, tuple[str, str]]
) -> None:
    db.executemany(
        "INSERT INTO corrections (term_id, field, value, corrected_at) VALUES (?, ?, ?, ?)",
        [(term_id, name, value, at) for name, (value, at) in corrections.items()],
    )
