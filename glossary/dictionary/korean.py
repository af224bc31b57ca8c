"""The index's Sino-Korean readings (항주 → 杭州), written by SQLite in a thread of its own.

The ``korean`` table holds libhangul's word list (words of two hanja or more, each reading
as long as the word) and the CC-CEDICT words it lacks, read by character (each character's
first reading, 두음법칙 at the start of the word). Copying the word list, reading the words
and indexing the table are SQL statements, and SQLite lets go of the interpreter's lock
while a statement runs: :class:`KoreanTable` runs them on a connection of its own in a
thread of its own, while the build's thread parses CC-CEDICT and the frequency list. The
thread runs nothing but statements, so it never waits for the interpreter; the build waits
for it (:meth:`KoreanTable.finish`) before it writes anything itself.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = ["KoreanTable", "first_readings", "initial_sound_law", "read_by_character"]

# Unified ideographs, extension A and compatibility ideographs, as a GLOB class.
_GLOB_HANJA = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"
# libhangul's words the table takes: two hanja or more, and nothing but hanja (not 一次코일).
_LISTED = f"length(word) > 1 AND word NOT GLOB '*[^{_GLOB_HANJA}]*'"
_LIST_STATEMENTS = (
    # Words with one reading.
    "INSERT INTO korean (reading, hanja) SELECT readings, word FROM hanja.words "
    f"WHERE instr(readings, ' ') = 0 AND length(readings) = length(word) AND {_LISTED}",
    # Words with several readings, separated by spaces: one row per reading, in order.
    "WITH RECURSIVE split (word, n, reading, rest) AS ("
    " SELECT word, 0, '', readings || ' ' FROM hanja.words"
    f" WHERE instr(readings, ' ') > 0 AND {_LISTED}"
    " UNION ALL SELECT word, n + 1, substr(rest, 1, instr(rest, ' ') - 1),"
    " substr(rest, instr(rest, ' ') + 1) FROM split WHERE rest <> '')"
    " INSERT INTO korean (reading, hanja) SELECT reading, word FROM split"
    " WHERE n > 0 AND length(reading) = length(word) ORDER BY word, n",
)
_LAW_TABLE = (
    "CREATE TEMP TABLE law (plain TEXT PRIMARY KEY NOT NULL, said TEXT NOT NULL) WITHOUT ROWID",
    "INSERT INTO temp.law (plain, said) SELECT key, value FROM json_each(?)",
)
# CC-CEDICT's words read by character ({word: reading}, as JSON; ?2 true when every word
# listed has a reading, else those whose reading is all hangul), 두음법칙 at the start,
# unless the word list has them.
_READ = (
    "INSERT INTO korean (reading, hanja) SELECT coalesce((SELECT said FROM temp.law WHERE "
    "plain = substr(value, 1, 1)), substr(value, 1, 1)) || substr(value, 2), key "
    "FROM json_each(?1) WHERE value <> '' AND (?2 OR value NOT GLOB '*[^가-힣]*') "
    f"AND NOT EXISTS (SELECT 1 FROM hanja.words WHERE word = key AND {_LISTED})"
)
_INDEX = "CREATE INDEX IF NOT EXISTS korean_reading ON korean (reading)"
# SQLite's page cache while filling the table (KiB), as the build's own.
_CACHE_KIB = 32_768
# What keeps a word list from being written as JSON by joining: hangul (a character without
# a reading would pass for one), quotes, backslashes and control characters but the newline.
_NOT_PLAIN = '[가-힣"\\\\\x00-\x09\x0b-\x1f]'


def first_readings(hanja_db: Path) -> dict[str, str]:
    """Each character's first reading in the bundled hanja dictionary.

    Args:
        hanja_db: The bundled ``hanja.sqlite``.

    Returns:
        Character to reading; empty when the file cannot be read.
    """
    try:
        conn = sqlite3.connect(f"{hanja_db.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return {}
    try:
        rows: list[tuple[str, str]] = conn.execute(
            "SELECT ch, reading FROM chars WHERE rank = 0"
        ).fetchall()
    except sqlite3.Error:
        return {}
    finally:
        conn.close()
    return dict(rows)


def initial_sound_law() -> dict[str, str]:
    """The syllables 두음법칙 changes at the start of a word, and what they become.

    Returns:
        Syllable to syllable (리 → 이, 녀 → 여...), for those that change.
    """
    from glossary.engine.jamo import apply_initial_sound_law

    # Only syllables starting with ㄴ or ㄹ change: 588 syllables each (21 vowels x 28 finals).
    candidates = (chr(0xAC00 + 588 * initial + n) for initial in (2, 5) for n in range(588))
    return {s: said for s in candidates if (said := apply_initial_sound_law(s)) != s}


def read_by_character(words: Sequence[str], first: dict[str, str]) -> tuple[str, bool]:
    """Each word read character by character (before 두음법칙), as a JSON object.

    The usual case, one-syllable readings and words without hangul or quotes, is done by
    whole strings rather than word by word: then a word with a character that has no reading
    maps to text that is not all hangul, which the table's statement leaves out.

    Args:
        words: Hanja words, each once.
        first: Each character's first reading (see :func:`first_readings`).

    Returns:
        JSON text (``{"杭州": "항주", ...}``), and whether every word in it has a reading.
    """
    table = {ord(ch): reading for ch, reading in first.items() if reading}
    joined = "\n".join(words)
    single = all(len(r) == 1 and "가" <= r <= "힣" for r in table.values())
    if words and single and not re.search(_NOT_PLAIN, joined):
        readings = joined.translate(table).split("\n")
        pairs = '","'.join(map('":"'.join, zip(words, readings, strict=True)))
        return '{"' + pairs + '"}', False
    read: dict[str, str] = {}
    for word in words:
        if all(ord(ch) in table for ch in word):
            read[word] = word.translate(table)
    return json.dumps(read, ensure_ascii=False), True


class KoreanTable:
    """Fills an index's ``korean`` table in a thread of its own, on a connection of its own.

    Start it with :meth:`start` (the file's schema committed), hand it the CC-CEDICT words
    read by character with :meth:`add_read`, and wait for it with :meth:`finish` before
    writing to the file; :meth:`cancel` stops it at once. Should any statement fail, the
    table is left empty: Sino-Korean look-ups are a bonus, CC-CEDICT works without them.

    Args:
        index: The index file being built.
        hanja_db: The bundled ``hanja.sqlite`` (its words are copied from it).
    """

    STEPS = len(_LIST_STATEMENTS) + 2
    """Steps of the work: each statement of the list, the words read, the index."""

    def __init__(self, index: Path, hanja_db: Path) -> None:
        self._index = index
        self._hanja = hanja_db
        self._read: tuple[str, bool, str] | None = None  # Words read, complete, the law.
        self._handed = threading.Event()
        self._cancelled = False
        self._conn: sqlite3.Connection | None = None  # Open while the thread works.
        self._connected = threading.Event()
        self._lock = threading.Lock()  # Interrupting and closing the connection take turns.
        self._thread = threading.Thread(target=self._run, name="korean-readings", daemon=True)
        self.steps = 0
        """Steps done so far (of :attr:`STEPS`)."""

    def start(self) -> None:
        """Start filling the table."""
        self._thread.start()

    def add_read(self, words: tuple[str, bool] | None) -> None:
        """Hand over CC-CEDICT's words read by character (None: there are none).

        Args:
            words: What :func:`read_by_character` gives.
        """
        if words is not None:
            law = json.dumps(initial_sound_law(), ensure_ascii=False)
            self._read = (*words, law)
        self._handed.set()

    def finish(self, step: Callable[[float], None] | None = None) -> None:
        """Wait until the table is filled and indexed.

        Args:
            step: Told the share done while waiting.
        """
        self._handed.set()
        while self._thread.is_alive():
            self._thread.join(0.05)
            if step is not None:
                step(self.steps / self.STEPS)

    def cancel(self) -> None:
        """Stop filling the table, at once, and wait for the thread to end."""
        if not self._thread.is_alive():
            return
        self._cancelled = True
        self._handed.set()
        self._connected.wait()
        with self._lock:
            if self._conn is not None:
                self._conn.interrupt()
        self._thread.join()

    def _run(self) -> None:
        try:
            self._conn = sqlite3.connect(self._index, isolation_level=None)
        except sqlite3.Error:
            return  # The build's own connection fails alike, and says so.
        finally:
            self._connected.set()
        conn = self._conn
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute(f"PRAGMA cache_size = {-_CACHE_KIB}")
            conn.execute("PRAGMA temp_store = MEMORY")
            self._fill(conn)
        except sqlite3.Error:
            if not self._cancelled:
                self._empty(conn)
        finally:
            with self._lock:
                self._conn = None
                conn.close()

    def _fill(self, conn: sqlite3.Connection) -> None:
        try:
            uri = f"{self._hanja.resolve().as_uri()}?mode=ro"
            conn.execute("ATTACH DATABASE ? AS hanja", (uri,))
        except sqlite3.Error:
            conn.execute(_INDEX)  # No word list: an empty table.
            return
        try:
            conn.execute("BEGIN")
            for statement in _LIST_STATEMENTS:
                self._execute(conn, statement)
                self.steps += 1
            self._handed.wait()
            if self._read is not None:
                words, complete, law = self._read
                self._execute(conn, _LAW_TABLE[0])
                self._execute(conn, _LAW_TABLE[1], law)
                self._execute(conn, _READ, words, complete)
            self.steps += 1
            self._execute(conn, _INDEX)
            conn.execute("COMMIT")
            self.steps += 1
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.execute("DETACH DATABASE hanja")

    def _execute(self, conn: sqlite3.Connection, statement: str, *values: object) -> None:
        """Run a statement, unless the build was cancelled (then stop, as if interrupted)."""
        if self._cancelled:
            raise sqlite3.OperationalError("interrupted")
        conn.execute(statement, values)

    @staticmethod
    def _empty(conn: sqlite3.Connection) -> None:
        """Leave the table empty (and indexed) after a failure."""
        try:
            conn.execute("DELETE FROM korean")
            conn.execute(_INDEX)
        except sqlite3.Error:
            pass
