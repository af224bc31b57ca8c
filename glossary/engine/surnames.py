"""Characters that a surname reads otherwise: 金 is 김 in 金大中 (김대중), 금 in 金融 (금융).

The Sino-Korean reading of a name follows the surname's reading, which for these few
characters is not the one most words have (libhangul lists both: 金 "사람의 성 김", 沈 "성 심").
Which words are people's names the engine cannot tell by itself: the caller says so (see
:meth:`glossary.engine.enrich.Enricher.know_people`), from the dictionary.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["SURNAMES_READ_APART", "Surname", "read_apart"]


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
