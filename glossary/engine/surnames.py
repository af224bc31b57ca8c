"""Characters that a surname reads otherwise: 金 is 김 in 金大中 (김대중), 금 in 金融 (금융).

The Sino-Korean reading of a name follows the surname's reading, which for these few
characters is not the one most words have (libhangul lists both: 金 "사람의 성 김", 沈 "성 심").
Which words are people's names the engine cannot tell by itself: the caller says so (see
:meth:`glossary.engine.enrich.Enricher.know_people`), from the dictionary.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import NamedTuple

from glossary.engine.particles import with_syllables
from glossary.engine.transcribe import pinyin_to_hangul
from glossary.model import Term

__all__ = ["SURNAMES_READ_APART", "SURNAME_PINYIN", "Surname", "read_apart", "read_as_name"]


class Surname(NamedTuple):
    """How a surname character is read, and how English writes it (to know a name's entry).

    Attributes:
        reading: Its Sino-Korean reading as a surname.
        spellings: Its romanizations, lowercase: pinyin without tone, and the Korean
            spelling where names from Korea use it (金 Kim).
    """

    reading: str
    spellings: tuple[str, ...]


SURNAMES_READ_APART: dict[str, Surname] = {
    "金": Surname("김", ("jin", "kim")),
    "沈": Surname("심", ("shen", "sim", "shim")),
    "賈": Surname("가", ("jia",)),
    "贾": Surname("가", ("jia",)),
    "單": Surname("선", ("shan",)),
    "单": Surname("선", ("shan",)),
}
"""Surname characters whose surname reading is not their first reading, by shape as written."""


def read_apart(hanja: str) -> Surname | None:
    """The surname a word would start with, when its reading as a name differs.

    Args:
        hanja: A word as written (of two characters or more to be a name).

    Returns:
        The surname's reading and spellings, or None.
    """
    return SURNAMES_READ_APART.get(hanja[0]) if len(hanja) > 1 else None


SURNAME_PINYIN: MappingProxyType[str, tuple[str, str]] = MappingProxyType(
    {
        "曾": ("zēng", "zeng1"),  # céng "once"
        "仇": ("qiú", "qiu2"),  # chóu "hatred"
        "任": ("rén", "ren2"),  # rèn "to appoint"
        "肖": ("xiāo", "xiao1"),  # xiào "to resemble"
        "葛": ("gě", "ge3"),  # gé "kudzu"
    }
)
"""Common surnames (those a segmenter joins with a given name) that Mandarin reads otherwise as
surnames, as CC-CEDICT's "surname" entries read them: tone-marked, numbered."""


def read_as_name(term: Term) -> Term:
    """A person's name with its surname read as a surname: 曾建徽 Zēng, not céng ("once").

    Args:
        term: A term a segmenter joined as a person's name (surname first).

    Returns:
        The term with the surname's Mandarin reading, for the word and its character, and the
        Mandarin sound in hangul; the term as given for any other surname.
    """
    reading = SURNAME_PINYIN.get(term.hanja[:1])
    if reading is None or not term.chars or term.chars[0].pinyin_numbered == reading[1]:
        return term
    marked, numbered = reading
    chars = (replace(term.chars[0], pinyin=marked, pinyin_numbered=numbered), *term.chars[1:])
    return with_syllables(term, chars, pinyin_to_hangul([c.pinyin_numbered for c in chars]))
