"""Dictionary meanings for terms and glossaries: with_meanings, meanings_of, with_dictionary,
prefetch; and a word's other readings (other_readings)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import TYPE_CHECKING

from glossary.dictionary.entries import pointed_words, points_at_word, variant_target
from glossary.dictionary.pinyin import toneless_key, tones_of
from glossary.engine.conventions import abbreviation
from glossary.engine.particles import COUNTED_READINGS, with_syllables
from glossary.engine.placed import read_at
from glossary.engine.transcribe import syllable_to_hangul
from glossary.model import CharInfo, Glossary, Term

if TYPE_CHECKING:
    from glossary.dictionary.entries import Entry
    from glossary.dictionary.index import CedictIndex

__all__ = [
    "Reading",
    "mandarin_in_hangul",
    "meanings_of",
    "other_readings",
    "pinyin_as_cedict",
    "prefetch",
    "with_dictionary",
    "with_meanings",
]


@dataclass(frozen=True)
class Reading:
    """Another reading of a word, as CC-CEDICT gives it (为 wéi "as" beside wèi "for").

    Attributes:
        hanja: The word, as the term writes it.
        pinyin: The reading, tone-marked (``wéi``).
        pinyin_numbered: The same with tone numbers (``wei2``).
        meanings: Its senses.
    """

    hanja: str
    pinyin: str
    pinyin_numbered: str
    meanings: tuple[str, ...]


def other_readings(term: Term, index: CedictIndex) -> tuple[Reading, ...]:
    """The readings CC-CEDICT gives a term's word besides the term's own, each with its senses.

    A character alone may be read several ways, and the text's place decides which (以…为中心:
    wéi "as"; 为人民: wèi "for"); a term has one reading, so a card shows the others under it,
    as Zhongwen lists every entry. The term's own reading is that of its tones, else of its
    letters (as :meth:`~glossary.dictionary.index.CedictIndex.senses` chooses); proper nouns
    (还 Huán, a surname) are left out.

    Args:
        term: The term, with its reading.
        index: The dictionary.

    Returns:
        The other readings, in the dictionary's order (most frequent entries first); empty
        when the word has one reading.

    Raises:
        DataError: The index cannot be read.
    """
    entries = [e for e in index.word(term.traditional, term.simplified) if not e.proper]
    letters, tones = toneless_key(term.pinyin_numbered), tones_of(term.pinyin_numbered)
    own = {e.pinyin_numbered for e in entries if e.toneless == letters and e.tones == tones}
    own = own or {e.pinyin_numbered for e in entries if e.toneless == letters}
    readings: list[Reading] = []
    for reading in dict.fromkeys(e.pinyin_numbered for e in entries):
        if reading in own:
            continue
        marked = next(e.pinyin_marked for e in entries if e.pinyin_numbered == reading)
        senses = _common(index.senses(term.traditional, term.simplified, reading).meanings)
        if senses:
            readings.append(Reading(term.hanja, marked, reading, senses))
    seen = {*own, *(r.pinyin_numbered for r in readings)}
    return (*readings, *_merged_readings(term, index, seen))


def _common(senses: tuple[str, ...]) -> tuple[str, ...]:
    """A reading's senses for a card: a variant form's entry names the word it stands for
    first (爲 wéi: "variant of 為|为[wei2]", then "as"), and a proper noun's reading is the
    common one's (还 huán, "surname Huan"); the card has room for what the word means."""
    return tuple(m for m in senses if variant_target((m,)) is None and "surname" not in m) or senses


def _merged_readings(term: Term, index: CedictIndex, seen: set[str]) -> list[Reading]:
    """The readings of the other characters a simplified character written alone stands for,
    as Zhongwen lists them: 只 "only" is also 隻 zhī, the measure word (一只鸡). Of two such
    characters with one reading, the measure word the engine knows comes first (隻 before 秖,
    "grain that has begun to ripen"), then the one with more senses."""
    if len(term.hanja) != 1 or term.hanja != term.simplified:
        return []
    counted = COUNTED_READINGS.get(term.hanja)
    found: dict[str, list[tuple[bool, int, tuple[str, ...]]]] = {}
    marks: dict[str, str] = {}
    for entry in index.word("", term.simplified):
        reading = entry.pinyin_numbered
        if entry.proper or entry.traditional == term.traditional or reading in seen:
            continue
        senses = index.senses(entry.traditional, entry.simplified, reading).meanings
        if all(variant_target((m,)) is not None for m in senses):
            continue  # 衹, a variant of 只: the word it stands for says what it means
        named = counted is not None and entry.traditional == counted[2]
        found.setdefault(reading, []).append((not named, -len(senses), senses))
        marks.setdefault(reading, entry.pinyin_marked)
    readings = []
    for reading, kinds in found.items():
        kinds.sort(key=lambda kind: kind[:2])
        senses = tuple(dict.fromkeys(m for *_, said in kinds for m in _common(said)))
        readings.append(Reading(term.hanja, marks[reading], reading, senses))
    return readings


def with_meanings(term: Term, index: CedictIndex) -> Term:
    """A term with its English meanings: the word's, and each character's.

    A word CC-CEDICT does not have (人工知能小鎭: Mandarin says 人工智能) keeps empty word
    meanings and ``mandarin_word`` False; its characters still get theirs.

    Args:
        term: The term.
        index: The dictionary.

    Returns:
        The term with ``meanings``, ``mandarin_word``, ``frequency_rank`` and each
        character's ``meanings`` filled in. A headline abbreviation (``abbreviates``: 美 for
        미국) gives its meaning first: "the United States (headline abbreviation of 미국)"
        before CC-CEDICT's "beautiful".
    """
    term = _read_as_cedict(term, index)
    word = index.senses(term.traditional, term.simplified, term.pinyin_numbered)
    meanings = word.meanings
    if term.abbreviates:
        meanings = (_abbreviation_sense(term), *meanings)
    chars = tuple(
        CharInfo(  # Not dataclasses.replace: this runs for every character of every term.
            c.char,
            c.simplified,
            c.traditional,
            c.pinyin,
            c.pinyin_numbered,
            c.sino_korean,
            c.hun_eum,
            index.senses(c.traditional, c.simplified, c.pinyin_numbered).meanings,
        )
        for c in term.chars
    )
    return replace(
        term,
        meanings=meanings,
        mandarin_word=word.found,
        frequency_rank=word.rank,
        chars=chars,
    )


def _own_senses(entries: list[Entry], reading: str) -> list[Entry]:
    """A character's entries less those of its reading whose every sense sends the reader to
    a longer word (似 shì: "see 似的[shi4 de5]"), when another reading says what it means
    alone (似 sì "to seem"): a character that is a word of its own is not in that word."""
    pointing = [e for e in entries if all(map(points_at_word, e.definitions))]
    if not any(e.pinyin_numbered == reading for e in pointing) or len(pointing) == len(entries):
        return entries
    return [e for e in entries if e not in pointing]


def _chars_read_alone(term: Term, index: CedictIndex) -> Term:
    """A word CC-CEDICT lacks (似有, of the filling-in list), read character by character as
    pypinyin reads it, with a character whose reading only sends the reader to a word the
    term does not hold read as it reads alone (似 sì, not shì "see 似的"), and a first
    character whose place decides its reading read as the rest of the word places it (重燃战火:
    chóng "again" before a verb, not zhòng; see :mod:`glossary.engine.placed`)."""
    chars = list(term.chars)
    placed = read_at(term.simplified, 0) if len(term.simplified) > 1 else None
    if placed is not None and chars and chars[0].pinyin_numbered != placed[1]:
        chars[0] = replace(chars[0], pinyin=placed[0], pinyin_numbered=placed[1])
    for k, c in enumerate(chars):
        entries = index.word(c.traditional, c.simplified)
        if len(entries) < 2:
            continue  # Almost every character: one entry, one reading.
        own = _own_senses(entries, c.pinyin_numbered)
        pointed = (e for e in entries if e not in own)
        if len(own) == len(entries) or any(_holds_target(term, e) for e in pointed):
            continue
        entry = min(own, key=attrgetter("proper"))
        chars[k] = replace(c, pinyin=entry.pinyin_marked, pinyin_numbered=entry.pinyin_numbered)
    if chars == list(term.chars):
        return term
    numbered = [c.pinyin_numbered for c in chars]
    return with_syllables(term, chars, mandarin_in_hangul(numbered, term.mandarin_hangul))


def _holds_target(term: Term, entry: Entry) -> bool:
    """Whether a term holds a word an entry's senses send the reader to (好似的 holds 似的)."""
    forms = (f for sense in entry.definitions for f in pointed_words(sense))
    return any(f in term.hanja or f in term.simplified for f in forms)


def _read_as_cedict(term: Term, index: CedictIndex) -> Term:
    """The term read as CC-CEDICT reads the word, where it has the word and pypinyin read it
    otherwise: 朝鮮 cháo xiǎn (not xiān), 電子 diàn zǐ, 流血 liú xuè, 朋友 péng you.

    Of the word's entries, one with pypinyin's letters is taken if there is one (关系 guān
    xi, not another word's reading), the most frequent first; a proper noun only when no
    common word has the reading. Entries that do not give one syllable per character (erhua
    ``r``) are left aside, and so is a character's reading that only sends the reader to a
    longer word (似 sì, not shì "see 似的").
    """
    ours = term.pinyin_numbered
    if not ours or len(term.chars) != len(term.hanja):
        return term  # Digits or letters in the term: no entry reads it syllable by syllable.
    entries = [
        e
        for e in index.word(term.traditional, term.simplified)
        if len(e.pinyin.split()) == len(term.hanja) and " r5" not in f" {e.pinyin_numbered}"
    ]
    if not entries:
        return _chars_read_alone(term, index)
    if len(term.hanja) == 1:
        entries = _own_senses(entries, ours)
    if any(e.pinyin_numbered == ours for e in entries):
        return term
    letters = toneless_key(ours)
    same = [e for e in entries if e.toneless == letters]
    if same:
        # The entry whose tones agree most with ours, 不 and 一 agreeing in any tone (pypinyin
        # changes them before a tone: 不是 bú shì is CC-CEDICT's bù shì "is not", not bú shi
        # "fault"); then a common word before a proper noun, then the dictionary's order.
        syllables, written = ours.split(), term.simplified
        entry = min(same, key=lambda e: (e.proper, -_agreement(syllables, e, written)))
    else:
        entry = min(entries, key=attrgetter("proper"))
    marked, numbered = entry.pinyin_marked.split(), entry.pinyin_numbered.split()
    chars = tuple(
        replace(c, pinyin=m, pinyin_numbered=n)
        for c, m, n in zip(term.chars, marked, numbered, strict=True)
    )
    hangul = term.mandarin_hangul
    if entry.toneless != letters:  # 流血 liú xuè: the Mandarin sound in hangul changes too.
        hangul = mandarin_in_hangul(numbered, hangul)
    return replace(
        term,
        pinyin=" ".join(marked),
        pinyin_numbered=" ".join(numbered),
        chars=chars,
        mandarin_hangul=hangul,
    )


def mandarin_in_hangul(numbered: Sequence[str], otherwise: str) -> str:
    """The Mandarin sound of tone-numbered syllables in hangul (``liu2 xue4``: 류쉐).

    Args:
        numbered: The syllables.
        otherwise: What to give when the table has no hangul for one of them.

    Returns:
        The hangul, or ``otherwise``.
    """
    try:
        return "".join(syllable_to_hangul(n.rstrip("012345")) for n in numbered)
    except ValueError:
        return otherwise


def _agreement(ours: list[str], entry: Entry, chars: str) -> int:
    """How many syllables of an entry have our tone (any tone for 不 and 一, whose tone
    sandhi CC-CEDICT does not write)."""
    theirs = entry.pinyin_numbered.split()
    return sum(
        1 for a, b, ch in zip(ours, theirs, chars, strict=False) if a[-1:] == b[-1:] or ch in "不一"
    )


def _abbreviation_sense(term: Term) -> str:
    """The sense a headline abbreviation gives its term, from the conventions table."""
    found = abbreviation(term.hanja)
    if found is not None and found.expansion == term.abbreviates:
        return found.sense
    return f"headline abbreviation of {term.abbreviates}"


def meanings_of(terms: Sequence[Term], index: CedictIndex) -> tuple[Term, ...]:
    """Many terms with their meanings, their entries fetched in a few queries first.

    What a store keeps of a document (``glossary add``) or fills in for terms stored
    without meanings; unlike :func:`with_dictionary`, no suggested hanja are looked for.

    Args:
        terms: The terms.
        index: The dictionary.

    Returns:
        Each term as :func:`with_meanings` gives it, in the same order.

    Raises:
        DataError: The index cannot be read.
    """
    prefetch(terms, index)
    return tuple(with_meanings(term, index) for term in terms)


def pinyin_as_cedict(terms: Sequence[Term], index: CedictIndex | None = None) -> tuple[Term, ...]:
    """Terms read as CC-CEDICT reads their words, without their meanings: what a glossary built
    without a dictionary (``glossary extract``'s tables) shows, so that its pinyin is the one
    the cards, JSON and exports show (长达 cháng dá, 评为 píng wéi, 曾庆红 Zēng, 关系 guān xi),
    not pypinyin's reading of each part (zhǎng dá, píng wèi, céng).

    Args:
        terms: The terms.
        index: The dictionary; by default the process's shared index when it is open or built
            (never built here: the caller asked for no dictionary).

    Returns:
        Each term read so, in the same order; the terms as given when there is no index or it
        cannot be read.
    """
    from glossary.errors import DataError

    try:
        if index is None:
            from glossary.dictionary.index import shared_index

            index = shared_index(build=False)
        if index is None:
            return tuple(terms)
        prefetch(terms, index)
        return tuple(_read_as_cedict(term, index) for term in terms)
    except DataError:
        return tuple(terms)


def with_dictionary(glossary: Glossary, index: CedictIndex) -> Glossary:
    """Give a glossary built without a dictionary its meanings and suggested hanja.

    ``build_glossary(document, dictionary=index)`` gives the same result in one step; this is
    for a caller that shows the glossary first and the dictionary's part when it is ready
    (the reader, while the index is built on first use).

    Args:
        glossary: A glossary (built with ``dictionary=False``).
        index: The dictionary.

    Returns:
        The glossary with meanings, suggestions and no warnings.

    Raises:
        DataError: The index cannot be read.
    """
    from glossary.dictionary.suggest import suggest

    prefetch(glossary.terms, index)
    terms = tuple(with_meanings(term, index) for term in glossary.terms)
    suggestions = suggest(glossary.document.text, terms, index)
    return replace(glossary, terms=terms, suggestions=suggestions, warnings=())


def prefetch(terms: Iterable[Term], index: CedictIndex) -> None:
    """Fetch the dictionary entries of many terms and their characters in a few queries.

    Args:
        terms: The terms about to get their meanings (:func:`with_meanings`).
        index: The dictionary.
    """
    forms: list[str] = []
    for term in terms:
        forms += (term.traditional, term.simplified)
        forms += (f for c in term.chars for f in (c.traditional, c.simplified))
    index.prefetch(forms)
