"""The index's Sino-Korean readings (항주 → 杭州), written by SQLite in a thread of its own.

The ``korean`` table holds libhangul's word list (words of two hanja or more, each reading
as long as the word) and the CC-CEDICT words it lacks, read by character (each character's
first reading, 두음법칙 at the start of the word). Which of libhangul's words and readings the
table takes is worked out once, when ``hanja.sqlite`` is made (``words.listed`` and
``split_readings``, see ``tools/build_hanja_data.py``), so that the build copies them; the
CC-CEDICT words are read by whole strings (:func:`read_by_character`). Copying the word list,
indexing the table and writing the words read are SQL statements, and SQLite lets go of the
interpreter's lock while a statement runs: :class:`KoreanTable` runs them on a connection of
its own in a thread of its own, while the build's thread parses CC-CEDICT and the frequency
list. The thread runs nothing but statements, so it needs the interpreter only between two of
them; the build waits for it (:meth:`KoreanTable.finish`) before it writes anything itself.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

__all__ = ["KoreanTable", "first_readings", "initial_sound_law", "read_by_character"]

# libhangul's words the table takes (two hanja or more, and nothing but hanja: not 一次코일),
# as hanja.sqlite marks them: ``listed`` 1, the one reading as it is; 2, the readings as long
# as the word, split beforehand (in the order of the word, then of its readings). One
# statement: between two, the thread waits for the interpreter, which the build's thread may
# hold for a while (one regular expression over the whole of CC-CEDICT).
_LIST_STATEMENTS = (
    "INSERT INTO korean (reading, hanja) SELECT readings, word FROM hanja.words WHERE listed = 1 "
    "UNION ALL SELECT reading, word FROM hanja.split_readings",
)
# CC-CEDICT's words read by character, 두음법칙 applied ({word: reading}, as JSON; ?2 true
# when every word listed has a reading, else those whose reading is all hangul), unless the
# word list has them.
_READ = (
    "INSERT INTO korean (reading, hanja) SELECT value, key FROM json_each(?1) "
    "WHERE value <> '' AND (?2 OR value NOT GLOB '*[^가-힣]*') "
    "AND NOT EXISTS (SELECT 1 FROM hanja.words WHERE word = key AND listed)"
)
_INDEX = "CREATE INDEX IF NOT EXISTS korean_reading ON korean (reading)"
# SQLite's page cache while filling the table (KiB), as the build's own.
_CACHE_KIB = 32_768
# The attached hanja.sqlite's (KiB): the whole file (8 MB), which each word read is looked up
# in (with SQLite's default 2 MB, pages are read again and again).
_HANJA_CACHE_KIB = 16_384
# The syllables 두음법칙 may change: those starting with ㄴ (2) or ㄹ (5), 588 each.
_HANGUL_FIRST = 0xAC00
_LAW_INITIALS = (2, 5)
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
        uri = f"{hanja_db.resolve().as_uri()}?mode=ro&immutable=1"
        conn = sqlite3.connect(uri, uri=True)
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


def initial_sound_law(among: Iterable[str] | None = None) -> dict[str, str]:
    """The syllables 두음법칙 changes at the start of a word, and what they become.

    Args:
        among: Only these strings (each once), or None for every syllable.

    Returns:
        Syllable to syllable (리 → 이, 녀 → 여...), for those that change.
    """
    from glossary.engine.jamo import apply_initial_sound_law

    # Only syllables starting with ㄴ or ㄹ change: 588 syllables each (21 vowels x 28 finals).
    if among is None:
        candidates: Iterable[str] = (
            chr(_HANGUL_FIRST + 588 * initial + n) for initial in _LAW_INITIALS for n in range(588)
        )
    else:
        candidates = (
            s
            for s in set(among)
            if len(s) == 1
            and 0 <= ord(s) - _HANGUL_FIRST < 588 * 19
            and (ord(s) - _HANGUL_FIRST) // 588 in _LAW_INITIALS
        )
    return {s: said for s in candidates if (said := apply_initial_sound_law(s)) != s}


def read_by_character(
    words: Sequence[str], first: dict[str, str], *, law: bool = False
) -> tuple[str, bool]:
    """Each word read character by character, as a JSON object.

    The usual case, one-syllable readings and words without hangul or quotes, is done by
    whole strings rather than word by word: then a word with a character that has no reading
    maps to text that is not all hangul, which the table's statement leaves out.

    Args:
        words: Hanja words, each once.
        first: Each character's first reading (see :func:`first_readings`).
        law: Apply 두음법칙 to the first syllable of each reading (李小龍 → 이소룡, not 리소룡).

    Returns:
        JSON text (``{"杭州": "항주", ...}``), and whether every word in it has a reading.
    """
    table = {ord(ch): reading for ch, reading in first.items() if reading}
    said = initial_sound_law(r[:1] for r in table.values()) if law else {}
    joined = "\n".join(words)
    single = all(len(r) == 1 and "가" <= r <= "힣" for r in table.values())
    if words and single and not re.search(_NOT_PLAIN, joined):
        text = joined.translate(table)
        if said:  # The syllables at the start of a line that the law changes.
            starts = re.compile(f"\n[{''.join(said)}]")
            text = starts.sub(lambda m: "\n" + said[m[0][1]], "\n" + text)[1:]
        readings = text.split("\n")
        pairs = '","'.join(map('":"'.join, zip(words, readings, strict=True)))
        return '{"' + pairs + '"}', False
    read: dict[str, str] = {}
    for word in words:
        if all(ord(ch) in table for ch in word):
            value = word.translate(table)
            read[word] = said.get(value[:1], value[:1]) + value[1:]
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
    """Steps of the work: each statement of the list, the index, the words read."""

    def __init__(self, index: Path, hanja_db: Path) -> None:
        self._index = index
        self._hanja = hanja_db
        self._read: tuple[str, bool] | None = None  # Words read, whether complete.
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
            words: What :func:`read_by_character` gives, 두음법칙 applied (``law=True``).
        """
        self._read = words
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
            uri = f"{self._hanja.resolve().as_uri()}?mode=ro&immutable=1"
            conn.execute("ATTACH DATABASE ? AS hanja", (uri,))
            conn.execute(f"PRAGMA hanja.cache_size = {-_HANJA_CACHE_KIB}")
        except sqlite3.Error:
            conn.execute(_INDEX)  # No word list: an empty table.
            return
        try:
            conn.execute("BEGIN")
            for statement in _LIST_STATEMENTS:
                self._execute(conn, statement)
                self.steps += 1
            # Indexed before the words read come (while the build's thread reads them): after
            # the hand-over, adding their rows to the index is quicker than sorting them all.
            self._execute(conn, _INDEX)
            self.steps += 1
            self._handed.wait()
            if self._read is not None:
                self._execute(conn, _READ, *self._read)
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
