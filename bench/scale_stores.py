"""Comparing two glossary stores row by row, counting and removing stores."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

_SKIPPED = re.compile(r"^id$|_at$")


def _table_rows(
    con: sqlite3.Connection, table: str, keys: dict[str, dict[int, bytes]]
) -> Iterator[tuple[bytes, list[object], int | None]]:
    """Each row of a table: its digest, its values (ids resolved, time stamps left out), id."""
    columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
    refs = {r[3]: r[2] for r in con.execute(f'PRAGMA foreign_key_list("{table}")')}
    id_at = columns.index("id") if "id" in columns else None
    names = ", ".join(f'"{c}"' for c in columns)
    for row in con.execute(f'SELECT {names} FROM "{table}"'):
        values: list[object] = []
        for column, value in zip(columns, row, strict=True):
            if _SKIPPED.search(column):
                continue
            if column in refs and value is not None:
                value = keys.get(refs[column], {}).get(value, ("dangling", value))
            values.append(value)
        digest = hashlib.blake2b(repr(values).encode(), digest_size=16).digest()
        yield digest, values, (row[id_at] if id_at is not None else None)


def _tables(con: sqlite3.Connection) -> list[str]:
    """The store's tables, those that others refer to first."""
    names = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    refs = {t: {r[2] for r in con.execute(f'PRAGMA foreign_key_list("{t}")')} - {t} for t in names}
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [t for t in names if t not in ordered and refs[t] <= set(ordered)]
        ordered += ready or [t for t in names if t not in ordered]
    return ordered


def store_digest(db: Path) -> dict[str, Counter[bytes]]:
    """Per table, the multiset of its rows' digests (see :func:`_table_rows`)."""
    con = sqlite3.connect(db)
    try:
        result: dict[str, Counter[bytes]] = {"user_version": Counter()}
        result["user_version"][str(con.execute("PRAGMA user_version").fetchone()[0]).encode()] = 1
        keys: dict[str, dict[int, bytes]] = {}
        for table in _tables(con):
            rows: Counter[bytes] = Counter()
            ids: dict[int, bytes] = {}
            for digest, _, row_id in _table_rows(con, table, keys):
                rows[digest] += 1
                if row_id is not None:
                    ids[row_id] = digest
            keys[table] = ids
            result[table] = rows
        return result
    finally:
        con.close()


def compare_stores(a: Path, b: Path) -> tuple[bool, str]:
    """Whether two stores hold the same rows; if not, a line on the first differences."""
    da, db = store_digest(a), store_digest(b)
    if da == db:
        return True, ""
    notes = []
    for table in sorted(set(da) | set(db)):
        ra, rb = da.get(table, Counter()), db.get(table, Counter())
        if ra == rb:
            continue
        only_a, only_b = ra - rb, rb - ra
        note = (
            f"{table}: {ra.total()} vs {rb.total()} rows, {only_a.total()} only in the first, "
            f"{only_b.total()} only in the second"
        )
        example = _example(a, table, set(only_a)) or _example(b, table, set(only_b))
        notes.append(note + (f" (e.g. {example})" if example else ""))
    return False, "; ".join(notes)


def _example(db: Path, table: str, digests: set[bytes]) -> str:
    """One row of a table whose digest is among ``digests``, shortened."""
    if not digests or table == "user_version":
        return ""
    con = sqlite3.connect(db)
    try:
        keys: dict[str, dict[int, bytes]] = {}
        for name in _tables(con):
            if name == table:
                for digest, values, _ in _table_rows(con, name, keys):
                    if digest in digests:
                        return repr(values)[:300]
                return ""
            keys[name] = {i: d for d, _, i in _table_rows(con, name, keys) if i is not None}
        return ""
    finally:
        con.close()


def count_documents(db: Path) -> int:
    """How many documents a store holds (0 if it has none or no tables yet)."""
    if not db.exists():
        return 0
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        con.close()


def remove_store(db: Path) -> None:
    """Delete a store and its WAL files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
