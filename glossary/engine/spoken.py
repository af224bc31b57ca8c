"""How Chinese text reads a character that is a word of its own: the harvest's last step.

In a Chinese document a character alone has the Mandarin reading of that word, which tells
its Korean reading where the two go together (更 gèng 갱, as :mod:`glossary.engine.polyphones`
reads words), and some characters read as their place says (为 wéi or wèi: see
:mod:`glossary.engine.placed`); the term keeps the places that read otherwise than it does.
Korean text keeps what its glosses and words say.
"""

from __future__ import annotations

from dataclasses import replace

from glossary.engine.enrich import Enricher
from glossary.engine.jamo import apply_initial_sound_law
from glossary.engine.particles import COUNTED_READINGS, read_placed
from glossary.engine.placed import PLACED_READINGS, read_at
from glossary.engine.polyphones import BY_MANDARIN, reading_hint
from glossary.model import PlaceReading, Term, WordPlaces

__all__ = ["as_chinese"]


def as_chinese(text: str, terms: tuple[Term, ...], enricher: Enricher) -> tuple[Term, ...]:
    """The terms of a Chinese document, each character read as Chinese reads it there: by
    its Mandarin reading (更 gèng 갱) and by its places (为 wéi or wèi).

    Args:
        text: The document's text (the terms' places are offsets into it).
        terms: Its terms, explained.
        enricher: The enricher that explained them.

    Returns:
        The terms, those of such characters read so.
    """
    return tuple(_read_by_place(text, _read_as_spoken(t, enricher), enricher) for t in terms)


def _read_as_spoken(term: Term, enricher: Enricher) -> Term:
    """A character of Chinese text read as a word of its own, with the Korean reading its
    Mandarin one goes with (更 gèng "more" 갱, as in 更加 갱가, not 경; 乐 lè 낙; 沈 shěn 심):
    what :func:`~glossary.engine.polyphones.reading_hints` does for words, which Korean text
    cannot do for a character alone (更 glossed 경 is the night watch)."""
    if term.hangul or len(term.hanja) != 1 or term.traditional not in BY_MANDARIN:
        return term
    # A word's start, where the law applies: 率 lǜ 률 is 율, 乐 lè 락 is 낙.
    hint = apply_initial_sound_law(reading_hint(term.traditional, term.pinyin_numbered))
    if not hint or hint == term.sino_korean:
        return term
    # The traditional form's 훈음 (乐 as 樂 즐거울 락), as a word's characters have theirs.
    reading, chars = enricher.readings(hint, term.traditional)
    if reading != hint:
        return term  # The data does not give the character that reading.
    kept = tuple(
        replace(c, sino_korean=n.sino_korean, hun_eum=n.hun_eum)
        for c, n in zip(term.chars, chars, strict=True)
    )
    return replace(term, sino_korean=reading, chars=kept)


def _read_by_place(text: str, term: Term, enricher: Enricher) -> Term:
    """A character of Chinese text read by its place (为 wéi or wèi) with the places that read
    otherwise than the term read as they do (:attr:`~glossary.model.Term.place_readings`):
    a counted 只 also says it is 隻 척 where the term is 只 지."""
    if term.hangul or term.hanja not in PLACED_READINGS:
        return term
    places = term.occurrences
    starts = places.starts if isinstance(places, WordPlaces) else [o.hanja_start for o in places]
    other = []
    for at in starts:
        reading = read_at(text, at)
        if reading is None or reading[0] == term.pinyin:
            continue
        traditional = korean = ""
        if term.hanja in COUNTED_READINGS:
            placed = read_placed(term, *reading, enricher)
            if placed.traditional != term.traditional:
                traditional = placed.traditional
            if placed.sino_korean != term.sino_korean:
                korean = placed.sino_korean
        other.append(PlaceReading(at, *reading, traditional, korean))
    return replace(term, place_readings=tuple(other)) if other else term
