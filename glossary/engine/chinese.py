"""Chinese forms and readings: traditional and simplified shapes (OpenCC), pinyin (pypinyin).

The answers come from compact tables derived from OpenCC's and pypinyin's data
(:mod:`glossary.engine.tables`), read a few words at a time; the ``reference_`` functions
ask OpenCC and pypinyin directly, give the same answers (a test holds them equal on every
word of the libhangul list and CC-CEDICT), and serve when the tables cannot be had.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from glossary.engine.cjk import is_hanja, unify

if TYPE_CHECKING:
    from glossary.engine.tables import ChineseTables


@functools.cache
def shared_tables() -> ChineseTables | None:
    """The process's reading and conversion tables, opened (built) on first call.

    Returns:
        The tables, or None when they can be neither opened nor built (see
        :func:`glossary.engine.tablebuild.open_tables`): pypinyin and OpenCC answer then.
    """
    from glossary.engine.tablebuild import open_tables

    return open_tables()


@functools.cache
def _converter(config: str) -> Any:
    import opencc  # Loaded on first use: `import glossary` stays cheap.

    return opencc.OpenCC(config)


def _opencc_t2s(unified: str) -> str:
    return str(_converter("t2s").convert(unified))


def _t2s(unified: str) -> str:
    """OpenCC ``t2s`` of unified text: from the tables when they can tell, else OpenCC's."""
    tables = shared_tables()
    if tables is not None:
        converted = tables.simplified(unified)
        if converted is not None:
            return converted
    return _opencc_t2s(unified)


def to_simplified(text: str) -> str:
    """Convert traditional (or Korean) hanja to simplified Chinese with OpenCC ``t2s``.

    Args:
        text: Hanja; Korean variant shapes and compatibility ideographs are mapped first.

    Returns:
        The simplified form, same length.
    """
    return _t2s(unify(text))


def reference_to_simplified(text: str) -> str:
    """:func:`to_simplified` by OpenCC itself, without the tables.

    Args:
        text: Hanja.

    Returns:
        The simplified form.
    """
    return _opencc_t2s(unify(text))


def to_traditional(text: str) -> str:
    """Give the traditional Chinese form of hanja as Korean text writes them.

    Korean text is traditional already, so only characters that exist solely as simplified
    shapes (武汉) are converted with OpenCC ``s2t``; the rest keep their (unified) shape.
    ``s2t`` is loaded only for a word holding a character it may change where ``t2s`` keeps
    it (the tables say which).

    Args:
        text: Hanja as written.

    Returns:
        The traditional form, same length.
    """
    unified = unify(text)
    tables = shared_tables()
    if tables is not None and not tables.needs_s2t(unified):
        return unified
    return _traditional(unified, _t2s)


def reference_to_traditional(text: str) -> str:
    """:func:`to_traditional` by OpenCC itself, without the tables.

    Args:
        text: Hanja as written.

    Returns:
        The traditional form.
    """
    return _traditional(unify(text), _opencc_t2s)


def _traditional(unified: str, t2s: Callable[[str], str]) -> str:
    s2t = _converter("s2t")
    converted = str(s2t.convert(unified))
    if converted == unified or len(converted) != len(unified):
        return unified
    # s2t also rewrites some traditional characters; convert only when the text holds a
    # character that exists solely as a simplified shape.
    if any(c != u and t2s(u) == u for u, c in zip(unified, converted, strict=True)):
        return converted
    return unified


def prefetch(forms: Iterable[str]) -> None:
    """Read at once what converting and reading these hanja forms will ask the tables.

    Optional: what was not prefetched is read a word at a time.

    Args:
        forms: Hanja forms as written (repeats are fine).
    """
    tables = shared_tables()
    if tables is None:
        return
    unified = [unify(form) for form in dict.fromkeys(forms)]
    tables.prefetch(unified, readings=False)
    simplified = [tables.simplified(u) for u in unified]
    tables.prefetch([s for s in simplified if s is not None])


@functools.lru_cache(maxsize=8192)
def readings_of(char: str) -> tuple[str, ...]:
    """Every toneless Mandarin reading pypinyin knows for one character (ü kept).

    Args:
        char: One simplified character.

    Returns:
        Its readings, most common first, without repeats.
    """
    tables = shared_tables()
    marked = _reference_readings(char) if tables is None else tables.char(char).pinyin
    return tuple(dict.fromkeys(_split_tone(r)[0] for r in (marked or "").split(",") if r))


def _reference_readings(char: str) -> str | None:
    from pypinyin.constants import PINYIN_DICT

    readings: str | None = PINYIN_DICT.get(ord(char))
    return readings


def reference_readings_of(char: str) -> tuple[str, ...]:
    """:func:`readings_of` from pypinyin itself, without the tables.

    Args:
        char: One simplified character.

    Returns:
        Its readings, most common first, without repeats.
    """
    marked = _reference_readings(char) or ""
    return tuple(dict.fromkeys(_split_tone(r)[0] for r in marked.split(",") if r))


@dataclass(frozen=True)
class Pinyin:
    """Pinyin of a word, one item per character (non-hanja characters pass through)."""

    marked: tuple[str, ...]
    numbered: tuple[str, ...]
    plain: tuple[str, ...]


_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


@functools.lru_cache(maxsize=4096)
def _split_tone(marked: str) -> tuple[str, str]:
    """A tone-marked syllable as (toneless with ü kept, tone-numbered with 5 for neutral)."""
    tone = "5"
    letters = []
    for ch in unicodedata.normalize("NFD", marked):
        if ch in _TONE_MARKS:
            tone = _TONE_MARKS[ch]
        else:
            letters.append(ch)
    plain = unicodedata.normalize("NFC", "".join(letters))
    if not plain.isalpha() or not plain.isascii() and "ü" not in plain:
        return plain, plain
    return plain, plain + tone


def pinyin_of(simplified: str) -> Pinyin:
    """Read a simplified Chinese word with phrase context (pypinyin).

    The word must be simplified: pypinyin's phrase data is simplified, and reading the
    traditional form picks wrong readings (長城 as zhǎng, 音樂 as lè).

    Args:
        simplified: The simplified form of the word.

    Returns:
        Tone-marked, tone-numbered and toneless syllables, one per character; characters
        that are not hanja pass through unchanged, and hanja pypinyin has no reading for
        (most of extensions B to G) give "".
    """
    tables = shared_tables()
    marked = reference_marked(simplified) if tables is None else tables.marked(simplified)
    return _pinyin(simplified, marked)


def reference_pinyin_of(simplified: str) -> Pinyin:
    """:func:`pinyin_of` from pypinyin itself, without the tables.

    Args:
        simplified: The simplified form of the word.

    Returns:
        The same as :func:`pinyin_of`.
    """
    return _pinyin(simplified, reference_marked(simplified))


def reference_marked(simplified: str) -> list[str]:
    """pypinyin's tone-marked syllables of a word, one per character, from its own tables.

    pypinyin's own segmenter and tables, read directly: the same readings as
    ``pypinyin.pinyin(style=TONE)`` (checked on 9,000 words) at a tenth of the cost.

    Args:
        simplified: The simplified form of the word.

    Returns:
        One syllable per character ("" for hanja pypinyin cannot read).
    """
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT  # Large: loaded on first use.
    from pypinyin.seg.mmseg import seg

    marked: list[str] = []
    for part in seg.cut(simplified):
        phrase = PHRASES_DICT.get(part)
        if phrase is not None and len(phrase) == len(part):
            marked.extend(readings[0] for readings in phrase)
            continue
        for ch in part:
            readings = PINYIN_DICT.get(ord(ch))
            marked.append(readings.split(",")[0] if readings else "" if is_hanja(ch) else ch)
    return marked


def _pinyin(simplified: str, marked: list[str]) -> Pinyin:
    plain, numbered = [], []
    for syllable, ch in zip(marked, simplified, strict=True):
        if syllable == ch or not syllable:
            plain.append(syllable)
            numbered.append(syllable)
        else:
            p, n = _split_tone(syllable)
            plain.append(p)
            numbered.append(n)
    return Pinyin(tuple(marked), tuple(numbered), tuple(plain))
