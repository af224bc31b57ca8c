"""Pinyin as a card shows it: a tone class on every syllable, names written as names.

The store keeps pinyin one syllable per character (``xí jìn píng``). A card writes the
Chinese name a Korean text transcribes (a ``transcription`` term) the way pinyin writes
proper nouns: capitalised, a word's syllables joined (``Xí Jìnpíng``, ``Hángzhōu``,
``Xī'ān``). Where the words of a name end comes from what the term knows:

1. the romanised name a CC-CEDICT sense starts with (``Xi Jinping (1953-), ...``,
   ``Hangzhou subprovincial city ...``);
2. else a first character that CC-CEDICT knows as a surname makes a person's name:
   the surname, then the given name (``Lǐ Qiáng``);
3. else, with no dictionary data at all, a three-character name that does not end like a
   place is taken for a person's; anything else is one word (``Shēnruì``).

Other kinds keep their syllables as they are.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import NamedTuple

from glossary.engine.chinese import numbered_tone
from glossary.model import Term
from glossary.store.anki_model import TONE_COLOURS

_NAME_START = re.compile(r"[A-Za-z\u00c0-\u024f'’: ]+")
# Last characters of place names (州 city, 江 river...), for the guess without a dictionary.
_PLACE_ENDINGS = frozenset("州洲市省縣县區区江河山湖島岛港城鎭鎮镇村莊庄濱滨灣湾")


class Syllable(NamedTuple):
    """One syllable as shown: its text and its tone (1-5), or None when it has no tone."""

    text: str
    tone: int | None


def syllables(pinyin: str, numbered: str) -> list[Syllable] | None:
    """The tone-marked syllables with the tone their numbered spelling gives.

    Args:
        pinyin: Space-separated tone-marked syllables (``xiǎo píng``).
        numbered: The same with tone numbers (``xiao3 ping2``).

    Returns:
        One syllable per space-separated part, or None when the two do not line up.
    """
    marked = pinyin.split(" ")
    numbers = numbered.split(" ")
    if not pinyin or len(marked) != len(numbers):
        return None
    found = []
    for text, number in zip(marked, numbers, strict=True):
        found.append(Syllable(text, numbered_tone(number)))
    return found


def _letters(text: str) -> str:
    """Lower-case Latin letters only: tone marks, umlauts, apostrophes and colons gone."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if "a" <= c <= "z")


def _from_senses(senses: tuple[str, ...], found: list[Syllable]) -> list[list[Syllable]] | None:
    """The name's words, read off the romanised name a sense starts with (``Xi Jinping``)."""
    wanted = [_letters(s.text) for s in found]
    for sense in senses[:3]:
        start = _NAME_START.match(sense)
        if start is None:
            continue
        words: list[list[Syllable]] = []
        at = 0
        for token in start.group(0).split():
            if at == len(wanted):
                break
            letters = _letters(token)
            if not token[0].isupper() or not letters:
                break
            word: list[Syllable] = []
            spelled = ""
            while at < len(wanted) and len(spelled) < len(letters):
                spelled += wanted[at]
                word.append(found[at])
                at += 1
            if spelled != letters:
                break
            words.append(word)
        if at == len(wanted) and words:
            return words
    return None


def _by_characters(term: Term, found: list[Syllable]) -> list[list[Syllable]]:
    """The name's words from its characters: surname and given name, or one word."""
    chars = term.chars
    known = any(c.meanings for c in chars)
    first = chars[0].meanings if chars else ()
    if 2 <= len(found) <= 3 and any(s.startswith("surname ") for s in first):
        return [found[:1], found[1:]]
    guess = not known and not term.meanings and len(found) == 3
    if guess and term.hanja[-1:] not in _PLACE_ENDINGS:
        return [found[:1], found[1:]]
    return [found]


def is_name(term: Term) -> bool:
    """Whether the card writes the term's pinyin as a proper name.

    Args:
        term: The term.

    Returns:
        True for a transcription (a Chinese name spelt in hangul) whose pinyin is letters.
    """
    return term.kind == "transcription" and all(
        part.isalpha() for part in term.pinyin.split(" ") if part
    )


def pinyin_words(term: Term) -> list[list[Syllable]] | None:
    """The term's pinyin as the card writes it: words of syllables.

    A name (see :func:`is_name`) is capitalised and its words are joined; any other term
    keeps one syllable per word, as stored.

    Args:
        term: The term.

    Returns:
        The words, or None when the pinyin and its numbered spelling do not line up.
    """
    found = syllables(term.pinyin, term.pinyin_numbered)
    if found is None:
        return None
    if not is_name(term):
        return [[s] for s in found]
    words = _from_senses(term.meanings, found) or _by_characters(term, found)
    return [[Syllable(w[0].text[:1].upper() + w[0].text[1:], w[0].tone), *w[1:]] for w in words]


def _needs_apostrophe(syllable: str) -> bool:
    return _letters(syllable)[:1] in ("a", "o", "e")


def _joined(word: list[Syllable], render: list[str]) -> str:
    parts = []
    for i, (syllable, text) in enumerate(zip(word, render, strict=True)):
        if i and _needs_apostrophe(syllable.text):
            parts.append("'")
        parts.append(text)
    return "".join(parts)


def tone_span(text: str, tone: int | None, inline: bool = False, lang: str = "") -> str:
    """Escaped text in a ``toneN`` span (or, ``inline``, a span with its colour).

    Args:
        text: The text (a syllable or a character).
        tone: Its tone, 1 to 5, or None for no colour.
        inline: Colour it with a ``style`` attribute, for cards without our styling.
        lang: A ``lang`` attribute for the span (``zh``), if any.

    Returns:
        HTML; the escaped text alone when it has neither tone nor language.
    """
    escaped = html.escape(text)
    attributes = f' lang="{lang}"' if lang else ""
    if tone is not None:
        colour = f' style="color:{TONE_COLOURS[tone - 1]}"' if inline else f' class="tone{tone}"'
        attributes += colour
    return f"<span{attributes}>{escaped}</span>" if attributes else escaped


def pinyin_text(term: Term) -> str:
    """The pinyin as the card writes it, as plain text (``Xí Jìnpíng``).

    Args:
        term: The term.

    Returns:
        The text; the stored pinyin when its syllables do not line up.
    """
    words = pinyin_words(term)
    if words is None:
        return term.pinyin
    return " ".join(_joined(w, [s.text for s in w]) for w in words)


def pinyin_html(term: Term, inline: bool = False) -> str:
    """The pinyin as the card writes it, each syllable in its tone's span.

    Args:
        term: The term.
        inline: Colour with ``style`` attributes instead of ``toneN`` classes.

    Returns:
        HTML such as ``<span class="tone2">Xí</span> <span class="tone4">Jìn</span>...``.
    """
    words = pinyin_words(term)
    if words is None:
        return html.escape(term.pinyin)
    return " ".join(_joined(w, [tone_span(s.text, s.tone, inline) for s in w]) for w in words)


def tone_html(pinyin: str, numbered: str) -> str:
    """Tone-marked pinyin with each syllable in a ``toneN`` span, the rest escaped.

    Args:
        pinyin: Space-separated tone-marked syllables (``xiǎo píng``).
        numbered: The same with tone numbers (``xiao3 ping2``); it decides the classes.

    Returns:
        HTML such as ``<span class="tone3">xiǎo</span> <span class="tone2">píng</span>``.
    """
    found = syllables(pinyin, numbered)
    if found is None:
        return html.escape(pinyin)
    return " ".join(tone_span(s.text, s.tone) for s in found)
