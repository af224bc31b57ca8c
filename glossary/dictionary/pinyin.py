"""Pinyin helpers: toneless keys, tone digits and tone marks for CC-CEDICT's pinyin."""

from __future__ import annotations

import unicodedata

from glossary.engine.chinese import TONE_MARKS, to_tone_marks

__all__ = ["mark_tones", "tones_of", "toneless_key"]

_NOT_SYLLABLES = frozenset({"·", ",", "-", "•", "、"})
# What a pinyin key drops: tone numbers, spaces and the punctuation found between syllables.
_DROP = str.maketrans("", "", "0123456789 '’-·,•、")


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
        if ch in TONE_MARKS:
            digits.append(str(TONE_MARKS.index(ch) + 1))
        elif ch in "1234":
            digits.append(ch)
    return "".join(digits)


def mark_tones(pinyin: str) -> str:
    """Write CC-CEDICT's numbered pinyin with tone marks, lower case.

    Args:
        pinyin: Numbered pinyin, syllables separated by spaces (``Hang2 zhou1``, ``lu:4``).

    Returns:
        ``háng zhōu``, ``lǜ``, ``ḿ``; the neutral tone (5) is unmarked (see
        :func:`glossary.engine.chinese.to_tone_marks`).
    """
    return to_tone_marks(pinyin.lower())
