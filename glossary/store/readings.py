"""Corrected readings: checked before they are stored, the other pinyin spelling derived.

``glossary correct TERM pinyin li3 huang3`` keeps ``lǐ huǎng`` as the pinyin and
``li3 huang3`` as the numbered pinyin (the tone colours read it): either spelling is taken
for either field, and the other follows. A value that cannot be a reading of the term is
refused with one line naming the field and why (:class:`InvalidCorrection`):

- pinyin: one syllable per character of the term, each a syllable of Mandarin (the
  inventory pypinyin reads characters with) with a tone number 1 to 5 (5 the neutral
  tone) or a tone mark (none: the neutral tone); a character that is not hanja (3 in 3甲)
  is written as it is;
- ``sino_korean``: one hangul syllable per hanja; spaces, punctuation and the term's own
  characters may stand beside them (``항주(杭州)``), nothing else;
- ``mandarin_hangul``: hangul syllables, with spaces, punctuation and the term's own
  characters.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping

from glossary.errors import InputError

PINYIN_FIELDS = ("pinyin", "pinyin_numbered")
_TONE_OF_MARK = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_DIAERESIS = "\u0308"
_SHOWN = 40  # Longer values are cut in messages.


class InvalidCorrection(InputError, ValueError):
    """A corrected reading that cannot be one (the message names the field and why)."""


def checked_correction(field_name: str, value: str, hanja: str) -> dict[str, str]:
    """Check a corrected reading and give every field it sets.

    Args:
        field_name: One of :data:`CORRECTABLE`.
        value: The corrected value as the user typed it.
        hanja: The term's hanja.

    Returns:
        The fields to store and their values: both pinyin spellings for either of them,
        else the one field, its value without surrounding white space.

    Raises:
        InvalidCorrection: The value cannot be such a reading of the term.
    """
    text = " ".join(value.split())
    try:
        if not text:
            raise _Bad("must not be empty (leave VALUE out to go back to the extracted value)")
        if field_name in PINYIN_FIELDS:
            marked, numbered = _pinyin(text, hanja)
            return {"pinyin": marked, "pinyin_numbered": numbered}
        if field_name == "sino_korean":
            _hangul(text, hanja, per_hanja=True)
        elif field_name == "mandarin_hangul":
            _hangul(text, hanja, per_hanja=False)
    except _Bad as bad:
        shown = value if len(value) <= _SHOWN else value[:_SHOWN] + "…"
        raise InvalidCorrection(f'{field_name}: "{shown}": {bad}') from None
    return {field_name: text}


def corrected_together(field_name: str) -> tuple[str, ...]:
    """The fields a correction of this one sets or removes: both pinyin spellings go together.

    Args:
        field_name: A correctable field.

    Returns:
        The fields.
    """
    return PINYIN_FIELDS if field_name in PINYIN_FIELDS else (field_name,)


def with_derived(corrections: Mapping[str, str]) -> dict[str, str]:
    """Corrections with the other pinyin spelling derived when only one was kept.

    Stores written before both spellings were kept may hold one alone; whatever of it
    reads as pinyin is converted, the rest is left as it is.

    Args:
        corrections: Field name to corrected value.

    Returns:
        The corrections, the missing pinyin spelling added.
    """
    fixed = dict(corrections)
    if "pinyin" in fixed and "pinyin_numbered" not in fixed:
        fixed["pinyin_numbered"] = _loosely(fixed["pinyin"], numbered=True)
    elif "pinyin_numbered" in fixed and "pinyin" not in fixed:
        fixed["pinyin"] = _loosely(fixed["pinyin_numbered"], numbered=False)
    return fixed


# -- pinyin ----------------------------------------------------------------------------------


class _Bad(Exception):
    """Why a value is refused."""


@functools.cache
def syllables() -> frozenset[str]:
    """Every toneless syllable pypinyin reads a character with (ü written ü): Mandarin's.

    Returns:
        The syllables, lower case (``zhong``, ``lü``, ``ng``).
    """
    from pypinyin.constants import PINYIN_DICT  # Large: loaded when a pinyin is corrected.

    found: set[str] = set()
    for readings in PINYIN_DICT.values():
        for reading in readings.split(","):
            found.add(_split(reading)[0])
    return frozenset(found)


def _split(token: str) -> tuple[str, int | None, int]:
    """A syllable's letters (lower case, ü for v and u:), its tone number and tone marks.

    Returns:
        (letters, the tone number written after them or None, how many tone marks); the
        tone of a single mark is in the number's place when no number is written.
    """
    text = unicodedata.normalize("NFD", token.lower().replace("u:", "ü").replace("v", "ü"))
    digits = ""
    while text and text[-1].isdigit():
        digits = text[-1] + digits
        text = text[:-1]
    marks = [_TONE_OF_MARK[ch] for ch in text if ch in _TONE_OF_MARK]
    letters = unicodedata.normalize("NFC", "".join(ch for ch in text if ch not in _TONE_OF_MARK))
    if digits:
        return letters, int(digits) if digits.isascii() else -1, len(marks)
    return letters, (marks[0] if len(marks) == 1 else None), len(marks)


def _numbered(token: str) -> tuple[str, str]:
    """One checked syllable, tone-marked and tone-numbered.

    Raises:
        _Bad: It is not a syllable of Mandarin with a tone from 1 to 5.
    """
    from glossary.dictionary.pinyin import mark_tones

    letters, tone, marks = _split(token)
    has_number = token[-1:].isdigit()
    if has_number and marks:
        raise _Bad(f"{token} has a tone mark and a tone number (write one of them)")
    if marks > 1:
        raise _Bad(f"{token} has {marks} tone marks (one per syllable)")
    if has_number and not (tone is not None and 1 <= tone <= 5):
        digits = token[len(token.rstrip("0123456789")) :]
        raise _Bad(f"{token} has tone {digits} (tones are 1 to 5, 5 the neutral tone)")
    known = syllables()
    if letters not in known and letters.replace("ü", "u") in known and letters[:1] in "jqxy":
        letters = letters.replace("ü", "u")  # jü is written ju.
    if letters not in known:
        raise _Bad(f"{token} is not a pinyin syllable")
    numbered = f"{letters}{tone if tone is not None else 5}"
    return mark_tones(numbered), numbered


def _pinyin(text: str, hanja: str) -> tuple[str, str]:
    """A checked pinyin: its tone-marked and its tone-numbered spelling.

    Raises:
        _Bad: A syllable is not Mandarin, a tone is not 1 to 5, or the syllables are not
            one per character of the term.
    """
    from glossary.engine.cjk import is_hanja

    tokens = text.split()
    chars = [ch for ch in hanja if not ch.isspace()]
    if len(tokens) != len(chars):
        count = f"{len(tokens)} syllable{'s' if len(tokens) != 1 else ''}"
        raise _Bad(
            f"{count} for the {len(chars)} characters of {hanja} (one per character)"
            if len(chars) != 1
            else f"{count} for the 1 character of {hanja}"
        )
    marked: list[str] = []
    numbered: list[str] = []
    for token, char in zip(tokens, chars, strict=True):
        if not is_hanja(char):
            if token != char.lower() and token != char:
                raise _Bad(f"{char} is not hanja: write it as it is, not {token}")
            marked.append(char)
            numbered.append(char)
            continue
        mark, number = _numbered(token)
        marked.append(mark)
        numbered.append(number)
    return " ".join(marked), " ".join(numbered)


def _loosely(value: str, *, numbered: bool) -> str:
    """A pinyin converted to the other spelling, syllable by syllable, where it can be."""
    from glossary.dictionary.pinyin import mark_tones

    out = []
    for token in value.split():
        letters, tone, marks = _split(token)
        if not letters.isalpha() or marks > 1 or (tone is not None and not 1 <= tone <= 5):
            out.append(token)
        elif numbered:
            out.append(f"{letters}{tone if tone is not None else 5}")
        else:
            out.append(mark_tones(f"{letters}{tone if tone is not None else 5}"))
    return " ".join(out)


# -- hangul ----------------------------------------------------------------------------------


def _hangul(text: str, hanja: str, *, per_hanja: bool) -> None:
    """Check a hangul reading (``per_hanja``: one syllable per hanja of the term).

    Raises:
        _Bad: It holds something else than hangul syllables, spaces, punctuation and the
            term's own characters, or (``per_hanja``) not one syllable per hanja.
    """
    from glossary.engine.cjk import is_hangul, is_hanja

    own = set(hanja)
    for ch in text:
        if not (is_hangul(ch) or ch.isspace() or ch in own or unicodedata.category(ch)[0] == "P"):
            what = "one per hanja" if per_hanja else "spaces allowed"
            raise _Bad(f"{ch} is not hangul (hangul syllables only, {what})")
    if per_hanja:
        count = sum(1 for ch in text if is_hangul(ch))
        wanted = sum(1 for ch in hanja if is_hanja(ch))
        if count != wanted:
            noun = "syllable" if count == 1 else "syllables"
            raise _Bad(f"{count} {noun} for the {wanted} hanja of {hanja} (one per hanja)")
