"""Structural particles written as words of their own: 高兴地说 (de), 跑得快 (de).

Read alone, 地 is dì (earth) and 得 is dé (to obtain): the first readings pypinyin and
CC-CEDICT give the characters. As a word of their own after another word, in running Chinese,
they are mostly the particles: in the People's Daily of January 1998 (PKU tags), 地 is the
adverbial particle 2,156 times and the noun 257 times, 得 the complement particle 661 times and
the verb 187 times. A term is one reading for all its places, so the reading most of its
places have wins: the harvest reads such a term with :func:`as_particle` when most of them
follow a hanja. 的, 了 and 着 need nothing: their first readings are the particles' already.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from glossary.engine.transcribe import pinyin_to_hangul
from glossary.model import Term

__all__ = ["PARTICLES", "as_particle"]

PARTICLES: MappingProxyType[str, tuple[str, str]] = MappingProxyType(
    {"地": ("de", "de5"), "得": ("de", "de5")}
)
"""Each particle's reading: tone-marked, numbered (neutral tone)."""


def as_particle(term: Term) -> Term:
    """A bare term of one particle character, read as the particle (地 de, not dì).

    Args:
        term: A term whose hanja is a key of :data:`PARTICLES`, before its meanings are looked
            up (CC-CEDICT's senses then follow the particle's reading).

    Returns:
        The term with the particle's pinyin, for the word and its character.
    """
    marked, numbered = PARTICLES[term.hanja]
    chars = tuple(replace(c, pinyin=marked, pinyin_numbered=numbered) for c in term.chars)
    return replace(
        term,
        pinyin=marked,
        pinyin_numbered=numbered,
        mandarin_hangul=pinyin_to_hangul([numbered]),
        chars=chars,
    )
