"""Characters read otherwise as words of their own in running Chinese: the structural particles
(高兴地说, 跑得快: de), and 长 cháng, 教 jiāo and 尽 jìn.

Read alone, 地 is dì (earth) and 得 is dé (to obtain): the first readings pypinyin and
CC-CEDICT give the characters. As a word of their own after another word, in running Chinese,
they are mostly the particles: in the People's Daily of January 1998 (PKU tags), 地 is the
adverbial particle 2,156 times and the noun 257 times, 得 the complement particle 661 times and
the verb 187 times. pypinyin reads 长 alone zhǎng ("chief; to grow") and 教 jiào ("teaching"):
there, as words of their own, 长 is the adjective "long" (cháng) 263 times and the verb or a
noun's part 50, 教 the verb "to teach" (jiāo) 38 times of 44; pypinyin reads 尽 jǐn (儘, "to
the greatest extent", as in the words 尽管, 尽快, 尽量), but alone it is 盡 jìn, "to exhaust, to
do one's utmost" (尽一份力, 尽到责任) or "entirely" (尽显风流, 尽是): all 31 of its places in
the development half. A term is one reading for all its
places, so the reading most of its places have wins: the harvest reads such a term with
:func:`read_running` when most of them follow a hanja. 的, 了 and 着 need nothing: their first
readings are the particles' already.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from types import MappingProxyType
from typing import Protocol

from glossary.engine.transcribe import pinyin_to_hangul
from glossary.model import CharInfo, Term


class Readings(Protocol):
    """What gives a character's Sino-Korean reading and 훈음 (an
    :class:`~glossary.engine.enrich.Enricher`)."""

    def readings(self, gloss: str, hanja: str) -> tuple[str, tuple[CharInfo, ...]]:
        """The reading of ``hanja`` (as a gloss would say it) and each character's."""
        ...


__all__ = [
    "COUNTED_READINGS",
    "PARTICLES",
    "RUNNING_READINGS",
    "read_counted",
    "read_placed",
    "read_running",
    "with_reading",
    "with_syllables",
]

PARTICLES: MappingProxyType[str, tuple[str, str]] = MappingProxyType(
    {"地": ("de", "de5"), "得": ("de", "de5")}
)
"""Each particle's reading: tone-marked, numbered (neutral tone)."""

RUNNING_READINGS: MappingProxyType[str, tuple[str, str]] = MappingProxyType(
    {
        **PARTICLES,
        "长": ("cháng", "chang2"),
        "長": ("cháng", "chang2"),
        "教": ("jiāo", "jiao1"),
        "尽": ("jìn", "jin4"),
    }
)
"""Each character's reading as a word of its own in running Chinese: tone-marked, numbered."""

COUNTED_READINGS: MappingProxyType[str, tuple[str, str, str]] = MappingProxyType(
    {"只": ("zhī", "zhi1", "隻")}
)
"""Measure words whose simplified form is another word's: after a number, 只 is 隻 zhī
(三只鸡, "three chickens"), not 只 zhǐ ("only"): reading, numbered, traditional form."""


def read_running(term: Term) -> Term:
    """A bare term of one character, read as it mostly is in running Chinese (地 de, not dì; 长
    cháng, not zhǎng).

    Args:
        term: A term whose hanja is a key of :data:`RUNNING_READINGS`, before its meanings are
            looked up (CC-CEDICT's senses then follow that reading).

    Returns:
        The term with that pinyin, for the word and its character.
    """
    return with_reading(term, *RUNNING_READINGS[term.hanja])


def read_counted(term: Term, enricher: Readings | None = None) -> Term:
    """A bare term of one measure word of :data:`COUNTED_READINGS`, read as the measure word
    (只 zhī, traditional 隻, "classifier for birds..."), before its meanings are looked up.

    Args:
        term: The term.
        enricher: Gives the measure word's own Sino-Korean reading and 훈음 (隻 척 "새 한 마리
            척", where 只 is 지 "다만 지"); without one the term keeps its own.

    Returns:
        The term with the measure word's pinyin and traditional form (and Korean reading).
    """
    marked, numbered, traditional = COUNTED_READINGS[term.hanja]
    counted = with_reading(term, marked, numbered, traditional)
    return counted if enricher is None else _with_korean(counted, traditional, enricher)


def read_placed(term: Term, marked: str, numbered: str, enricher: Readings) -> Term:
    """A bare term of one character as one of its places reads it (为 wéi; 只 zhī, the measure
    word 隻 척, or zhǐ, the adverb 只 지, whichever the term is not).

    Args:
        term: The term.
        marked: The place's reading, tone-marked.
        numbered: The same with a tone number.
        enricher: Gives the Sino-Korean reading of the character the place stands for.

    Returns:
        The term read so, before its meanings are looked up.
    """
    counted = COUNTED_READINGS.get(term.hanja)
    if counted is None:
        return with_reading(term, marked, numbered)
    if numbered == counted[1]:
        return read_counted(term, enricher)
    # The term is the measure word; this place is the character itself.
    return _with_korean(with_reading(term, marked, numbered, term.hanja), term.hanja, enricher)


def _with_korean(term: Term, character: str, enricher: Readings) -> Term:
    """A one-character term with the Sino-Korean reading and 훈음 of ``character``."""
    korean, chars = enricher.readings("", character)
    if len(chars) != 1 or not korean or len(term.chars) != 1:
        return term
    own = replace(term.chars[0], sino_korean=chars[0].sino_korean, hun_eum=chars[0].hun_eum)
    return replace(term, sino_korean=korean, chars=(own,))


def with_reading(term: Term, marked: str, numbered: str, traditional: str = "") -> Term:
    """A bare term of one character read another way, before its meanings are looked up.

    Args:
        term: The term.
        marked: The reading, tone-marked (``wéi``).
        numbered: The same with a tone number (``wei2``).
        traditional: The traditional form that reading has, when it is another (只 zhī: 隻).

    Returns:
        The term with that pinyin (and form), for the word and its character, and its Mandarin
        sound in hangul.
    """
    chars = tuple(
        replace(
            c,
            pinyin=marked,
            pinyin_numbered=numbered,
            traditional=traditional or c.traditional,
        )
        for c in term.chars
    )
    return replace(
        term,
        traditional=traditional or term.traditional,
        pinyin=marked,
        pinyin_numbered=numbered,
        mandarin_hangul=pinyin_to_hangul([numbered]),
        chars=chars,
    )


def with_syllables(term: Term, chars: Sequence[CharInfo], mandarin_hangul: str) -> Term:
    """A term read with its characters' new readings: the word's pinyin joined from theirs.

    Args:
        term: The term.
        chars: Its characters, each with the reading it now has (曾 zēng of 曾建徽).
        mandarin_hangul: The word's Mandarin sound in hangul for those readings.

    Returns:
        The term with those characters, its pinyin (marked and numbered) and its sound.
    """
    return replace(
        term,
        pinyin=" ".join(c.pinyin for c in chars),
        pinyin_numbered=" ".join(c.pinyin_numbered for c in chars),
        mandarin_hangul=mandarin_hangul,
        chars=tuple(chars),
    )
