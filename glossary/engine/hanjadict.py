"""Read-only lookups in the bundled libhangul hanja dictionary (glossary/data/hanja.sqlite)."""

from __future__ import annotations

import functools
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from glossary.errors import DataError

__all__ = ["CHINESE_SHAPES", "CharEntry", "HanjaDictionary", "default_path", "hanja_dictionary"]

_FORMAT_VERSION = 2
_WORD_SQL = "SELECT readings FROM words WHERE word = ?"
_CHAR_SQL = "SELECT reading, meaning FROM chars WHERE ch = ? ORDER BY rank"
# Words per query in a batched look-up (SQLite allows 32,766 parameters).
_BATCH = 500


# Characters whose first reading in libhangul is not the one Korean gives them, in Chinese
# text above all. Most are Chinese shapes: Korean writes the words they stand in with another
# shape (沈默, 覇權, 鬪爭, 吸煙, 身分), so no word of the list ranks their readings, and
# Chinese text (沉默, 霸权, 奋斗, 吸烟, 身份: 沉默 霸權 奮鬥 吸菸 身份) was read 심묵, 파권,
# 분두, 흡어, 신빈.
# A few others the list gives first a reading with no 훈음 that no word of it ranks (龐 롱
# before 방 "클 방": 庞大 농대). Each is read first as Korean reads it, with the 훈음 of that
# reading (鬥 has only 두 "싸움" in the list).
_KOREAN_FIRST = MappingProxyType(
    {
        "沉": ("침", "잠길 침"),  # 沈의 俗字 (심 is 沈's surname reading)
        "纔": ("재", "겨우 재"),  # 才 in Chinese traditional text (纔來): not 삼
        "霸": ("패", "으뜸 패, 패왕 패"),  # 覇
        "鬥": ("투", "싸울 투"),  # 鬪
        "菸": ("연", "담배 연"),  # OpenCC's shape of 烟 "tobacco" (吸菸); Korean writes 煙: 흡연
        "份": ("분", "부분 분"),  # 分 in Korean: 身份 신분, 股份 고분, 月份 월분; not 빈 "빛날"
        "拼": ("병", "물리칠 병"),  # 拼音 병음, as Korean names pinyin; not 평
        "卹": ("휼", "구휼할 휼"),  # OpenCC's shape of 恤 (撫卹): 撫恤 무휼
        "龐": ("방", "클 방"),  # 龐大 방대, the surname 방; not 롱
        "帕": ("파", "머리 동이수건 파"),  # 手帕 수파, and names (帕米爾 파미이); not 말
        "掀": ("흔", "치켜들 흔"),  # 掀起 흔기; not 헌
        "俺": ("엄", "자기 엄, 클 엄"),  # not 암
        "兜": ("두", "투구 두, 둘러쌀 두"),  # not 도
    }
)


CHINESE_SHAPES = frozenset(_KOREAN_FIRST)
"""The characters read first as Korean reads them (沉 침, 鬥 투, 龐 방...)."""


@dataclass(frozen=True)
class CharEntry:
    """One Sino-Korean reading of a character.

    Attributes:
        reading: the reading in its original (non-두음법칙) form, e.g. '리' for 李. For a KS X 1001
            compatibility ideograph the first entry carries the reading the code point encodes,
            which may be a 두음법칙 form (U+F9E1 李 → '이').
        meaning: the 훈음 list as in the data, e.g. '오얏 리, 선비 천거리할 리'; may be empty.
    """

    reading: str
    meaning: str


class HanjaDictionary:
    """Word and character readings from libhangul's hanja list, stored as SQLite.

    One read-only connection serves every lookup; it is safe to share between threads.
    """

    def __init__(self, path: Path) -> None:
        """Open the dictionary file read-only.

        Args:
            path: the SQLite file written by tools/build_hanja_data.py.

        Raises:
            DataError: the file is missing, is not such a dictionary, or is corrupt.
        """
        self._path = path
        if not path.is_file():
            raise DataError(f"hanja dictionary not found: {path}")
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        try:
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        except sqlite3.Error as exc:
            raise DataError(f"cannot open hanja dictionary {path}: {exc}") from exc
        try:
            self._check()
        except sqlite3.Error as exc:
            self._conn.close()
            raise DataError(f"hanja dictionary {path} is corrupt: {exc}") from exc
        except DataError:
            self._conn.close()
            raise

    def _check(self) -> None:
        """Check the format version and prepare (and cache) both lookup statements."""
        (version,) = self._conn.execute("PRAGMA user_version").fetchone()
        if version != _FORMAT_VERSION:
            raise DataError(
                f"hanja dictionary {self._path} has format {version}, expected {_FORMAT_VERSION}"
            )
        self._conn.execute(_WORD_SQL, ("",)).fetchone()
        self._conn.execute(_CHAR_SQL, ("",)).fetchall()

    def close(self) -> None:
        """Close the connection; later lookups raise DataError."""
        self._conn.close()

    def _readings_row(self, word: str) -> str | None:
        try:
            row = self._conn.execute(_WORD_SQL, (word,)).fetchone()
        except sqlite3.Error as exc:
            raise DataError(f"hanja dictionary {self._path} is unreadable: {exc}") from exc
        return None if row is None else str(row[0])

    def _lookup_word(self, word: str) -> str | None:
        readings = self._readings_row(word)
        if readings is None:
            normalized = unicodedata.normalize("NFC", word)
            if normalized != word:
                readings = self._readings_row(normalized)
        return readings

    def word_readings(self, word: str) -> tuple[str, ...]:
        """All readings the word list gives for exactly this word.

        Tries the word as given, then its NFC form. Readings made only of the characters' own
        readings come first (절강 before the Mandarin-based 저장 for 浙江), then the rest in the
        list's order; a single character's readings are ordered by use, like char_entries.

        Args:
            word: hanja (possibly mixed with hangul, as some list entries are).

        Returns:
            The readings, or () if the word is not listed.

        Raises:
            DataError: the dictionary file cannot be read.
        """
        readings = self._lookup_word(word)
        return () if not readings else tuple(readings.split(" "))

    def words_readings(self, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The readings of many words at once, as :meth:`word_readings` gives them one by one.

        A few queries in all instead of one per word: explaining a long text asks about
        tens of thousands of words and sub-words, most of them missing.

        Args:
            words: Hanja words (repeats are fine).

        Returns:
            Each word's readings; () for a word the list does not have.

        Raises:
            DataError: the dictionary file cannot be read.
        """
        todo = list(dict.fromkeys(words))
        found: dict[str, tuple[str, ...]] = {}
        for start in range(0, len(todo), _BATCH):
            batch = todo[start : start + _BATCH]
            sql = f"SELECT word, readings FROM words WHERE word IN ({', '.join('?' * len(batch))})"
            try:
                rows = self._conn.execute(sql, batch).fetchall()
            except sqlite3.Error as exc:
                raise DataError(f"hanja dictionary {self._path} is unreadable: {exc}") from exc
            found.update((str(w), tuple(str(r).split(" "))) for w, r in rows if r)
        for word in todo:
            if word not in found:
                normalized = unicodedata.normalize("NFC", word)
                found[word] = self.word_readings(normalized) if normalized != word else ()
        return found

    def has_word(self, word: str) -> bool:
        """Whether the word list has this word (as given or in NFC form).

        Args:
            word: hanja, a single character counts as a word.

        Returns:
            True if word_readings(word) is not empty.

        Raises:
            DataError: the dictionary file cannot be read.
        """
        return self._lookup_word(word) is not None

    def _char_rows(self, ch: str) -> list[tuple[str, str]]:
        try:
            rows: list[tuple[str, str]] = self._conn.execute(_CHAR_SQL, (ch,)).fetchall()
        except sqlite3.Error as exc:
            raise DataError(f"hanja dictionary {self._path} is unreadable: {exc}") from exc
        return rows

    def char_entries(self, ch: str) -> tuple[CharEntry, ...]:
        """The readings of one character, most used first.

        A reading that is only the 두음법칙 form of another listed reading is left out (李 gives
        리 but not 이; 二 keeps 이). A KS X 1001 compatibility ideograph gives the reading it
        encodes first, then the unified character's other readings; other compatibility
        ideographs give their NFC form's readings.

        Args:
            ch: a single character.

        Returns:
            The entries, or () if the character is unknown (or ch is not one character).

        Raises:
            DataError: the dictionary file cannot be read.
        """
        if len(ch) != 1:
            return ()
        rows = self._char_rows(ch)
        if not rows:
            normalized = unicodedata.normalize("NFC", ch)
            if normalized != ch:
                rows = self._char_rows(normalized)
        return _korean_first(ch, tuple(CharEntry(reading, meaning) for reading, meaning in rows))

    def chars_entries(self, chars: Iterable[str]) -> dict[str, tuple[CharEntry, ...]]:
        """The entries of many characters at once, as :meth:`char_entries` gives them.

        Args:
            chars: Single characters (repeats are fine).

        Returns:
            Each character's entries, most used first; () for an unknown character.

        Raises:
            DataError: the dictionary file cannot be read.
        """
        todo = [ch for ch in dict.fromkeys(chars) if len(ch) == 1]
        rows: dict[str, list[CharEntry]] = {}
        for start in range(0, len(todo), _BATCH):
            batch = todo[start : start + _BATCH]
            sql = (
                "SELECT ch, reading, meaning FROM chars "
                f"WHERE ch IN ({', '.join('?' * len(batch))}) ORDER BY ch, rank"
            )
            try:
                found = self._conn.execute(sql, batch).fetchall()
            except sqlite3.Error as exc:
                raise DataError(f"hanja dictionary {self._path} is unreadable: {exc}") from exc
            for ch, reading, meaning in found:
                rows.setdefault(ch, []).append(CharEntry(reading, meaning))
        return {
            ch: _korean_first(ch, tuple(rows[ch])) if ch in rows else self.char_entries(ch)
            for ch in todo
        }

    def char_readings(self, ch: str) -> tuple[str, ...]:
        """The readings of one character, most used first; see char_entries.

        Args:
            ch: a single character.

        Returns:
            The readings, or () if the character is unknown.

        Raises:
            DataError: the dictionary file cannot be read.
        """
        return tuple(entry.reading for entry in self.char_entries(ch))


def _korean_first(ch: str, entries: tuple[CharEntry, ...]) -> tuple[CharEntry, ...]:
    """A character's entries with the reading Korean gives its shape first (see
    ``_KOREAN_FIRST``); most characters' as they are."""
    first = _KOREAN_FIRST.get(ch)
    if first is None:
        return entries
    reading, meaning = first
    own = next((e for e in entries if e.reading == reading and e.meaning.endswith(reading)), None)
    return (own or CharEntry(reading, meaning), *(e for e in entries if e.reading != reading))


def default_path() -> Path:
    """The bundled dictionary file, glossary/data/hanja.sqlite.

    The package's folder is found from this module's file, as
    ``importlib.resources.files("glossary")`` finds it for an installed package, without
    importing ``importlib.resources`` (some 5 ms in every process).

    Returns:
        Its path (not checked for existence).
    """
    return Path(__file__).parent.parent / "data" / "hanja.sqlite"


@functools.cache
def hanja_dictionary() -> HanjaDictionary:
    """The bundled dictionary, opened on first call and shared afterwards.

    Returns:
        The shared HanjaDictionary.

    Raises:
        DataError: the bundled file is missing or corrupt (the error is not cached).
    """
    return HanjaDictionary(default_path())
