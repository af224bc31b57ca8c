"""What is written after a term's hanja in the text: its Sino-Korean reading (``k``) and its
pinyin (``y``), in brackets after a bare word or inside a gloss's brackets."""

from __future__ import annotations

from typing import NamedTuple

from glossary import Term, is_hanja


class Piece(NamedTuple):
    """One part of the text put in after a term's hanja.

    Attributes:
        text: The characters.
        role: ``mark`` (a bracket or a space), ``korean`` (the Sino-Korean reading) or
            ``pinyin`` (one syllable).
        tone: The syllable's tone number (1 to 5), 0 when it has none or is no syllable.
    """

    text: str
    role: str
    tone: int = 0


def korean_reading(term: Term) -> str:
    """The Sino-Korean reading written after a term's hanja (``k``): the reading Korean
    usage gives the word (深圳 심천) if it differs from the character-by-character one.

    Args:
        term: The term.

    Returns:
        The reading, ``""`` when there is none.
    """
    return term.conventional_reading or term.sino_korean


def put_in(term: Term, *, korean: bool, pinyin: bool, bracketed: bool) -> list[Piece]:
    """What is written after a term's hanja: its Sino-Korean reading, its pinyin, or both.

    After a bare word the readings go in brackets, as 국한문혼용 text is read
    (大韓民國(대한민국), 我们(wǒ men)); inside a gloss's brackets they follow the hanja after
    a space (덩샤오핑(鄧小平 등소평 dèng xiǎo píng)). A reading the gloss already spells
    (대통령(大統領)) is not written again.

    Args:
        term: The term.
        korean: Write the Sino-Korean reading.
        pinyin: Write the pinyin.
        bracketed: In brackets (after a bare word), else after a space (inside a gloss).

    Returns:
        The pieces, in order; none when there is nothing to write.
    """
    from glossary.dictionary.lookup import numbered_tone

    parts: list[list[Piece]] = []
    reading = _reading_put_in(term) if korean else ""
    if reading:
        parts.append([Piece(reading, "korean")])
    if pinyin and term.pinyin:
        syllables = term.pinyin.split(" ")
        numbers = term.pinyin_numbered.split(" ")
        if len(numbers) != len(syllables):
            numbers = [""] * len(syllables)
        part: list[Piece] = []
        for syllable, number in zip(syllables, numbers, strict=True):
            if part:
                part.append(Piece(" ", "mark"))
            part.append(Piece(syllable, "pinyin", numbered_tone(number) or 0))
        parts.append(part)
    if not parts:
        return []
    pieces = [Piece("(" if bracketed else " ", "mark")]
    for index, part in enumerate(parts):
        if index:
            pieces.append(Piece(" ", "mark"))
        pieces.extend(part)
    if bracketed:
        pieces.append(Piece(")", "mark"))
    return pieces


def _reading_put_in(term: Term) -> str:
    """The Sino-Korean reading to write, unless the gloss spells it already."""
    reading = korean_reading(term)
    if reading and reading.replace(" ", "") != term.hangul.replace(" ", ""):
        return reading
    return ""


def put_in_text(term: Term, *, korean: bool, pinyin: bool) -> str:
    """The text of :func:`put_in`'s pieces between the brackets (or after the space).

    The same text, made without looking at tones: laying a Chinese text out asks it of
    every word.

    Args:
        term: The term.
        korean: Write the Sino-Korean reading.
        pinyin: Write the pinyin.

    Returns:
        The reading and the pinyin, a space between; ``""`` when there is nothing to write.
    """
    reading = _reading_put_in(term) if korean else ""
    syllables = term.pinyin if pinyin else ""
    return f"{reading} {syllables}" if reading and syllables else reading or syllables


class Inserted(NamedTuple):
    """Text put in after a term's hanja, in the shown text.

    Attributes:
        start: Where it starts in the shown text.
        end: Where it ends.
        term: The index of the term it explains.
        bracketed: After a bare word, outside its place, in brackets (else inside a gloss's
            place, drawn with the place).
    """

    start: int
    end: int
    term: int
    bracketed: bool


def space_after(after: str, bracketed: bool) -> bool:
    """Whether a space must follow text put in, so that it never runs into the next word.

    After a bracket: before hanja, Latin letters or digits (我们(wǒ men) 要), not before
    hangul or punctuation (中國(중국)이다, 國(guó)。). Inside a gloss, before any letter
    (中國 zhōng guó 이다).

    Args:
        after: The character after the text put in ("" at the end).
        bracketed: The text put in is in brackets, after a bare word.

    Returns:
        True when a space must follow.
    """
    if not after:
        return False
    if bracketed:
        return is_hanja(after) or (after.isascii() and after.isalnum())
    return after.isalnum()
