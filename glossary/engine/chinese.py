"""Chinese forms and readings: traditional and simplified shapes (OpenCC), pinyin (pypinyin)."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Any

from glossary.engine.cjk import is_hanja, unify


@functools.cache
def _converter(config: str) -> Any:
    import opencc  # Loaded on first use: `import glossary` stays cheap.

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Convert traditional (or Korean) hanja to simplified Chinese with OpenCC ``t2s``.

    Args:
        text: Hanja; Korean variant shapes and compatibility ideographs are mapped first.

    Returns:
        The simplified form, same length.
    """
    return str(_converter("t2s").convert(unify(text)))


def to_traditional(text: str) -> str:
    """Give the traditional Chinese form of hanja as Korean text writes them.

    Korean text is traditional already, so only characters that exist solely as simplified
    shapes (武汉) are converted with OpenCC ``s2t``; the rest keep their (unified) shape.

    Args:
        text: Hanja as written.

    Returns:
        The traditional form, same length.
    """
    unified = unify(text)
    s2t = _converter("s2t")
    converted = str(s2t.convert(unified))
    if converted == unified or len(converted) != len(unified):
        return unified
    # s2t also rewrites some traditional characters; convert only when the text holds a
    # character that exists solely as a simplified shape.
    t2s = _converter("t2s")
    if any(c != u and t2s.convert(u) == u for u, c in zip(unified, converted, strict=True)):
        return converted
    return unified


@functools.lru_cache(maxsize=8192)
def readings_of(char: str) -> tuple[str, ...]:
    """Every toneless Mandarin reading pypinyin knows for one character (ü kept).

    Args:
        char: One simplified character.

    Returns:
        Its readings, most common first, without repeats.
    """
    from pypinyin.constants import PINYIN_DICT

    marked = PINYIN_DICT.get(ord(char), "")
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
    # pypinyin's own segmenter and tables, read directly: the same readings as
    # pypinyin.pinyin(style=TONE) (checked on 9,000 words) at a tenth of the cost.
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
