"""Compact reading and conversion tables derived from pypinyin's and OpenCC's own data.

pypinyin and OpenCC stay the source of truth (:mod:`glossary.engine.chinese` keeps the
direct way as the reference and as the fallback); these tables hold their data in a form a
process reads a few words at a time instead of loading it all (pypinyin's tables cost some
140 ms and 55 MB in every process, OpenCC's ``s2t`` 50 ms and 25 MB). An SQLite file:

- ``segments``: pypinyin's phrases with their readings (the first of each character's), one
  row per first character: a word's rows are the rows of its characters, and the prefixes
  of those phrases are what pypinyin's maximum-matching segmenter consults;
- ``chars``: per character, pypinyin's readings, OpenCC ``t2s``'s conversion of the
  character alone, and flags: OpenCC normalises it (a word holding it is converted by OpenCC
  itself), or ``s2t`` may change it where ``t2s`` keeps it (a word holding it needs ``s2t``;
  one without such a character is its own traditional form). One row per block of 128
  code points;
- ``meta``: the version stamp, and the keys of more than one character of OpenCC ``t2s``'s
  dictionaries: a word holding one is converted by OpenCC itself, any other character by
  character.

:mod:`glossary.engine.tablebuild` builds the file and finds it in the cache.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from glossary.engine.cjk import is_hanja

__all__ = ["FORMAT_VERSION", "NEEDS_S2T", "NORMALIZED", "SCHEMA", "CharRow", "ChineseTables"]

FORMAT_VERSION = 1
"""Bumped whenever the tables' layout or meaning changes: the stamp, and so the file, change."""

NORMALIZED = 1
"""Flag of a character OpenCC normalises before converting (a compatibility ideograph)."""
NEEDS_S2T = 2
"""Flag of a character ``s2t`` may change in some context where ``t2s`` keeps it."""

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE segments (first TEXT PRIMARY KEY, entries TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE chars (block INTEGER PRIMARY KEY, entries TEXT NOT NULL);
"""
"""The tables: ``entries`` is a JSON object, phrase → the first reading of each character,
space-separated ("" for a phrase whose readings do not count one per character), for
``segments``; character → [pypinyin's readings or null, simplified or null, flags] for
``chars``."""

BLOCK_BITS = 7
"""A character's row in ``chars`` is its code point shifted right by this many bits."""

# Keys per query in a batched look-up (SQLite allows 32,766 parameters).
_BATCH = 500

Segments = dict[str, str | None]
"""Phrases (to their readings) and their prefixes (to None)."""


class CharRow(NamedTuple):
    """What the tables know of one character.

    Attributes:
        pinyin: pypinyin's tone-marked readings, comma-separated, or None when it has none.
        simplified: OpenCC ``t2s`` of the character alone, or None when that keeps it.
        flags: :data:`NORMALIZED` and :data:`NEEDS_S2T`.
    """

    pinyin: str | None
    simplified: str | None
    flags: int


_UNKNOWN = CharRow(None, None, 0)


class ChineseTables:
    """Read-only access to a built tables file, with the rows read so far kept in memory.

    Rows are read a batch of words at a time (:meth:`prefetch`), or a word at a time when
    a caller asks about one not fetched; the connection is shared between threads.
    """

    def __init__(self, path: Path) -> None:
        """Open a tables file read-only.

        Args:
            path: The file written by :func:`glossary.engine.tablebuild.build_tables`.

        Raises:
            sqlite3.Error: The file is missing or is not such a tables file.
        """
        self.path = path
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
            self.stamp: str = meta["stamp"]
            self.converts: bool = meta["conversions"] == "1"
            self._phrase_keys: str = meta["t2s_phrases"]
        except (sqlite3.Error, KeyError, ValueError) as exc:
            self._conn.close()
            raise sqlite3.DatabaseError(f"{path} is not a tables file: {exc}") from exc
        self._lock = threading.Lock()
        # Segments of the characters in _firsts (a key missing from it is not a segment),
        # rows of the blocks in _blocks (a character missing from it is unknown).
        self._segments: Segments = {}
        self._firsts: set[str] = set()
        self._chars: dict[str, CharRow] = {}
        self._blocks: set[int] = set()
        self._phrases: tuple[frozenset[str], frozenset[str], int] | None = None

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def _entries(self, sql: str, keys: list[Any]) -> Iterator[Any]:
        """The decoded ``entries`` of the rows with these keys, a batch of keys at a time."""
        loads = json.loads
        for start in range(0, len(keys), _BATCH):
            batch = keys[start : start + _BATCH]
            query = sql.format(", ".join("?" * len(batch)))
            for (entries,) in self._conn.execute(query, batch).fetchall():
                yield loads(entries)

    def prefetch(self, words: Iterable[str], *, readings: bool = True) -> None:
        """Read the rows that reading and converting these words will ask for, at once.

        Args:
            words: Words (repeats are fine).
            readings: Read the rows pypinyin's segmenter asks for too (pass the simplified
                forms then); with False, only the rows of the words' characters.
        """
        chars = set().union(*words)  # Before the lock: a generator may use the tables.
        with self._lock:
            self._fetch_chars(chars)
            if not readings:
                return
            firsts = [ch for ch in chars if ch not in self._firsts]
            if firsts:
                sql = "SELECT entries FROM segments WHERE first IN ({})"
                segments = self._segments
                for phrases in self._entries(sql, firsts):
                    segments.update(phrases)
                    for phrase in phrases:  # Its prefixes start with the same character.
                        for end in range(1, len(phrase)):
                            segments.setdefault(phrase[:end], None)
                self._firsts.update(firsts)

    def _fetch_chars(self, chars: Iterable[str]) -> None:
        """Read the blocks of these characters (the caller holds the lock).

        Each of the characters has a row afterwards (:data:`_UNKNOWN` when the tables do
        not hold it), so that later look-ups are one dictionary look-up.
        """
        wanted = set(chars)
        blocks = {ord(ch) >> BLOCK_BITS for ch in wanted} - self._blocks
        known = self._chars
        if blocks:
            sql = "SELECT entries FROM chars WHERE block IN ({})"
            for entries in self._entries(sql, sorted(blocks)):
                known.update((ch, CharRow(*row)) for ch, row in entries.items())
            self._blocks.update(blocks)
        known.update((ch, _UNKNOWN) for ch in wanted if ch not in known)

    def char(self, ch: str) -> CharRow:
        """What the tables know of one character (its block read when not read yet).

        Args:
            ch: One character.

        Returns:
            Its row; a character the tables do not hold has no readings, converts to
            itself and has no flags.
        """
        row = self._chars.get(ch)
        if row is None:
            with self._lock:
                self._fetch_chars(ch)
            row = self._chars[ch]
        return row

    def _rows(self, text: str) -> list[CharRow]:
        """The rows of a text's characters, read when not read yet."""
        known = self._chars
        try:
            return [known[ch] for ch in text]
        except KeyError:
            with self._lock:
                self._fetch_chars(text)
            return [known[ch] for ch in text]

    def marked(self, simplified: str) -> list[str]:
        """pypinyin's tone-marked reading of a word, one item per character.

        The word is cut as pypinyin's maximum-matching segmenter (``seg.cut``, phrases
        only) cuts it; a part that is a phrase of as many readings as characters takes the
        phrase's readings, any other character its first reading.

        Args:
            simplified: The simplified form of the word.

        Returns:
            One syllable per character; a character that is not hanja stands for itself, a
            hanja pypinyin cannot read gives "".
        """
        if not self._firsts.issuperset(simplified):
            self.prefetch((simplified,))
        segments = self._segments
        out: list[str] = []
        for part in _cut(simplified, segments):
            phrase = segments.get(part)
            if phrase:
                out.extend(phrase.split(" "))
                continue
            for ch in part:
                readings = self.char(ch).pinyin
                out.append(readings.split(",")[0] if readings else "" if is_hanja(ch) else ch)
        return out

    def simplified(self, unified: str) -> str | None:
        """OpenCC ``t2s`` of a word, character by character, when that is exact.

        Args:
            unified: The word with Korean variant shapes unified (see ``cjk.unify``).

        Returns:
            The simplified form; None when OpenCC itself must convert the word (it holds a
            character OpenCC normalises, or a key of its phrase dictionaries) or when these
            tables hold no conversions.
        """
        if not self.converts:
            return None
        rows = self._rows(unified)
        if any(row.flags & NORMALIZED for row in rows):
            return None
        if len(unified) > 1 and self._holds_phrase(unified):
            return None
        return "".join(
            ch if row.simplified is None else row.simplified
            for ch, row in zip(unified, rows, strict=True)
        )

    def needs_s2t(self, unified: str) -> bool:
        """Whether OpenCC ``s2t`` may matter to a word's traditional form.

        Args:
            unified: The word with Korean variant shapes unified.

        Returns:
            False when the word is known to be its own traditional form (no character
            ``s2t`` may change where ``t2s`` keeps it); True otherwise, and always when
            these tables hold no conversions.
        """
        if not self.converts:
            return True
        return any(row.flags & NEEDS_S2T for row in self._rows(unified))

    def _holds_phrase(self, text: str) -> bool:
        if self._phrases is None:
            keys = frozenset(json.loads(self._phrase_keys))
            self._phrases = keys, frozenset(k[0] for k in keys), max(map(len, keys), default=0)
        keys, starts, longest = self._phrases
        n = len(text)
        return any(
            text[i:end] in keys
            for i in range(n - 1)
            if text[i] in starts
            for end in range(i + 2, min(n, i + longest) + 1)
        )


def _cut(text: str, segments: Segments) -> list[str]:
    """pypinyin's ``Seg.cut`` with ``no_non_phrases=True``, on the tables' segments.

    ``segments`` must hold the phrases starting with any character of the text, and their
    prefixes: a key is in pypinyin's prefix set when it is there, a phrase when its value
    is not None.
    """
    parts: list[str] = []
    remain = text
    while remain:
        last_valid_word = ""
        last_valid_index = 0
        for index in range(len(remain)):
            word = remain[: index + 1]
            if word in segments:
                if segments[word] is not None:
                    last_valid_word = word
                    last_valid_index = index + 1
            else:
                if last_valid_word:
                    parts.append(last_valid_word)
                    remain = remain[last_valid_index:]
                else:
                    parts.append(remain[0])
                    remain = remain[1:]
                break
        else:
            if last_valid_word:
                parts.append(last_valid_word)
                remain = remain[last_valid_index:]
            else:
                if segments.get(remain) is None:
                    parts.extend(remain)
                else:
                    parts.append(remain)
                break
    return parts
