"""A word of one character as one of its places reads it: 为 wéi in 以…为中心 where its term
reads wèi, 将 the object marker in 将其 where it says "will" (see :mod:`glossary.engine.placed`).

A term is one reading and one list of senses for all its places; a card or a pinyin line shows
each place as it reads. Re-exported by :mod:`glossary.dictionary.lookup`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from glossary.model import Term

if TYPE_CHECKING:
    from glossary.dictionary.meanings import Reading

__all__ = ["read_at_place", "read_at_places"]


def read_at_place(
    term: Term, text: str, at: int, readings: Sequence[Reading] = ()
) -> tuple[Term, tuple[Reading, ...]]:
    """A word of one character as one of its places reads it, and its other readings there.

    为 is one term for all its places, read as most of them are; at one place it may be the
    other word (以…为中心: wéi "as", where the term says wèi "for"): see
    :mod:`glossary.engine.placed`. A card shows the place's reading first and the term's own
    under it. A place may also put a sense first: 将 before its object (将其, 将这些问题) is the
    object marker, not "will".

    Args:
        term: The term.
        text: The document text.
        at: Where the place starts in ``text``.
        readings: The word's other readings (:func:`other_readings`).

    Returns:
        ``(term, readings)``: the term with the place's reading and that reading's senses, and
        the other readings with the term's own first in place of that one; the term with the
        place's senses first, and the readings as given, when the place reads the word as the
        term does (both as given when it says nothing, or the term is no bare character).
    """
    placed = read_at_places(term, text, (at,)).get(at)
    if placed is None:
        return _senses_at(term, text, at), tuple(readings)
    from glossary.dictionary.meanings import Reading

    match = next((r for r in readings if r.pinyin_numbered == placed.pinyin_numbered), None)
    senses = match.meanings if match is not None else ()
    placed = replace(
        placed, meanings=senses, chars=tuple(replace(c, meanings=senses) for c in placed.chars)
    )
    placed = _senses_at(placed, text, at)  # 压力过大: guò, and "excessively" first
    own = Reading(term.hanja, term.pinyin, term.pinyin_numbered, term.meanings)
    others = tuple(r for r in readings if r is not match)
    return placed, (own, *others) if term.meanings or match is not None else others


def _senses_at(term: Term, text: str, at: int) -> Term:
    """The term with the senses its place puts first (将 before its object: the object
    marker; a surname before a title: "surname Jiang"), when it has them; else the term."""
    from glossary.engine.placed import PLACED_SENSES, senses_at
    from glossary.engine.surnames import before_title, read_as_name, surname_sense_first

    if term.hangul or text[at : at + 1] != term.hanja:
        return term
    if before_title(text, at):  # 江主席: "surname Jiang" first, where the term says "river"
        named = surname_sense_first(term)
        surname = named.meanings[:1] and named.meanings[0].startswith("surname ")
        return read_as_name(named) if surname else named  # 曾部长: zēng, where CC-CEDICT has it
    if term.hanja not in PLACED_SENSES:
        return term
    first = tuple(sense for sense in senses_at(text, at) if sense in term.meanings)
    if not first:
        return term
    senses = (*first, *(sense for sense in term.meanings if sense not in first))
    return replace(
        term, meanings=senses, chars=tuple(replace(c, meanings=senses) for c in term.chars)
    )


def read_at_places(term: Term, text: str, starts: Iterable[int]) -> dict[int, Term]:
    """The places of a word of one character that read it otherwise than its term does.

    Args:
        term: A bare term (only 为, 地, 得, 过, 种, 长, 只, 重 and 处 read so).
        text: The document text.
        starts: Where its places start in ``text``.

    Returns:
        Each such place's start, with the term read there (its pinyin and Mandarin sound in
        hangul; its senses still the term's): 为 wéi in 以…为中心 where the term reads wèi; 只
        the measure word 隻 zhī, 척, in ３只幼虎 where the term is 只 zhǐ, 지.
    """
    from glossary.engine.placed import PLACED_READINGS, read_at

    if term.hangul or not term.pinyin or term.hanja not in PLACED_READINGS:
        return {}
    from glossary.engine.enrich import Enricher
    from glossary.engine.particles import read_placed

    found: dict[int, Term] = {}
    read: dict[str, Term] = {}
    for start in starts:
        reading = read_at(text, start) if text[start : start + 1] == term.hanja else None
        if reading is not None and reading[1] != term.pinyin_numbered:
            placed = read.get(reading[1])
            if placed is None:
                placed = read[reading[1]] = read_placed(term, *reading, Enricher())
            found[start] = placed
    return found
