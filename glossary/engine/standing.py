"""What a one-character word stands as in its text, when that changes what its card says.

A term is one reading and one list of senses for all its places, so the use most of its places
have wins (see :func:`standing`): a measure word counted (三名: "classifier for people"), a
particle after a word (高兴地: de), a preposition or a place's abbreviation before a word (才能做到:
"then and only then"; 俄外长: Russia). The tables are those of :mod:`glossary.engine.alone` and
:mod:`glossary.engine.particles`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from types import MappingProxyType

from glossary.engine.alone import (
    AFTER_SENSES,
    ALONE_SENSES,
    after_senses_first,
    alone_senses_first,
    classifier_senses_first,
)
from glossary.engine.cjk import NUMERAL_HANJA, is_hanja
from glossary.engine.particles import COUNTED_READINGS, RUNNING_READINGS
from glossary.engine.placed import PLACED_READINGS, read_at
from glossary.engine.surnames import LONE_SURNAMES, before_title, surname_sense_first
from glossary.model import Term, WordPlaces

__all__ = ["COUNTING", "NAME_NOTES", "SAMPLE", "senses_first", "standing", "standing_in"]

COUNTING = frozenset("各每这這那该該几幾某")
"""What counts things as numbers do, before a measure word: 各项 (each item), 这批 (this batch)."""

SAMPLE = 400
"""How many of a word's places (its first) decide what it stands as: a character of a Chinese
document may have ten thousand."""


def standing(text: str, hanja: str, starts: Sequence[int]) -> str:
    """What a bare one-character term stands as, by most of its places.

    Args:
        text: The text.
        hanja: The character.
        starts: Where its places start, in order.

    Returns:
        ``"number"`` when most places follow a number (2014年, 三年, 5里: 년, not a word's first
        syllable 연; 三名: "classifier for people" first), ``"counted"`` when most follow a
        number or 各, 这, 几... and more of them the latter (各项: "classifier for principles,
        items..."; 只 after either is the measure word 隻 zhī), ``"running"`` for 地, 得, 长 or
        教 mostly after a hanja (高兴地: de, not dì; 很长: cháng, not zhǎng), ``"alone"`` for
        才, 被, 俄... mostly before one (才能做到: "then and only then", not "ability"),
        ``"after"`` for 后, 前, 里 mostly after one (会议后: "after", not "back"); ``"placed"``
        for 为, 地, 得, 过, 种 or 长 when most places read it wéi, dì, děi, guò, zhòng or zhǎng
        (以…为…, 等地: see :mod:`glossary.engine.placed`), ``"usual"`` for 为, 过 or 种 when
        they do not (过 is then the particle guo; 地, 得 and 长 go on to ``"running"``);
        ``"surname"`` for a common surname mostly before a title (江主席: "surname Jiang", not
        "river"); else ``""``.
    """
    places = starts[:SAMPLE]
    preceding = "".join([text[at - 1] for at in places if at])  # Counted in C, not one by one.
    numbered = len(_numbers().findall(preceding))
    counted = sum(map(preceding.count, COUNTING))
    if 2 * (numbered + counted) > len(places):
        return "counted" if counted > numbered or hanja in COUNTED_READINGS else "number"
    if hanja in COUNTED_READINGS:
        return ""  # 只在: zhǐ, only.
    if hanja in LONE_SURNAMES and 2 * sum(before_title(text, at) for at in places) > len(places):
        return "surname"
    if hanja in PLACED_READINGS:
        other = PLACED_READINGS[hanja][1]
        if 2 * sum(1 for at in places if read_at(text, at) == other) > len(places):
            return "placed"
        if hanja not in RUNNING_READINGS:
            return "usual"  # 过 guo, the particle, most places read as read_at reads them
    if hanja in RUNNING_READINGS:
        after = sum(1 for at in places if at and is_hanja(text[at - 1]))
        return "running" if 2 * after > len(places) else ""
    if hanja in ALONE_SENSES:
        ahead = sum(1 for at in places if at + 1 < len(text) and is_hanja(text[at + 1]))
        return "alone" if 2 * ahead > len(places) else ""
    if hanja in AFTER_SENSES:
        after = sum(1 for at in places if at and is_hanja(text[at - 1]))
        return "after" if 2 * after > len(places) else ""
    return ""


@functools.cache
def _numbers() -> re.Pattern[str]:
    """A digit or a numeral: what a counted word follows (compiled once)."""
    return re.compile("[\\d" + "".join(sorted(NUMERAL_HANJA)) + "]")


NAME_NOTES: MappingProxyType[str, str] = MappingProxyType(
    {
        "person": "a person's name, it seems (surname first)",
        "foreign": "a foreign name, it seems (by sound)",
        "surname": "a surname, it seems (before a title)",
    }
)
"""The ``kind_note`` of a bare term that stands as a name: a joined person's name (汪文斌), a
foreign one (亨廷顿), a surname alone before a title (江主席)."""


def senses_first(term: Term, stands_as: str) -> Term:
    """A term with its meanings in the order what it stands as gives them (才 alone: "then
    and only then" first; 名 counted: "classifier for people"; 江主席: "surname Jiang").

    Args:
        term: The term, with its meanings.
        stands_as: What it stands as (:func:`standing`, or ``"person"`` for a joined name).

    Returns:
        The term with those senses first; the term as given for any other standing.
    """
    if stands_as == "alone":
        return alone_senses_first(term)
    if stands_as == "after":
        return after_senses_first(term)
    if stands_as in ("number", "counted"):
        return classifier_senses_first(term)
    return surname_sense_first(term) if stands_as in ("person", "surname") else term


def standing_in(text: str, term: Term) -> str:
    """What a harvested bare term stands as in its text, found again from the term: a name by
    its ``kind_note`` (:data:`NAME_NOTES`), one character by :func:`standing`.

    Args:
        text: The document's text (the term's places are offsets into it).
        term: The term.

    Returns:
        As :func:`standing`, or ``"person"``, ``"foreign"`` or ``"surname"``; ``""`` for a
        glossed term.
    """
    if term.hangul:
        return ""
    named = next((name for name, note in NAME_NOTES.items() if term.kind_note == note), "")
    if named or len(term.hanja) != 1:
        return named
    places = term.occurrences
    starts = places.starts if isinstance(places, WordPlaces) else [o.start for o in places]
    return standing(text, term.hanja, starts)
