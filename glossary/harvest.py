"""From a document to its glossary: find glosses, explain them, link the later mentions."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from glossary.engine.cjk import is_hanja
from glossary.engine.enrich import Enricher
from glossary.engine.extract import Candidate, Sentences, find_visible_candidates, words_before
from glossary.engine.japanese import kyujitai
from glossary.engine.kinds import TRANSCRIPTION, Classification, reads_tail
from glossary.engine.visible import VisibleText
from glossary.errors import DataError
from glossary.model import (
    Document,
    Glossary,
    Mention,
    Occurrence,
    ReadingLanguage,
    Suggestion,
    Term,
    unified_hanja,
)

if TYPE_CHECKING:
    from glossary.dictionary.index import CedictIndex

_SURROGATE = re.compile("[\ud800-\udfff]")
# How many words before the last one a gloss always tries when the hanja spell them too
# (more while the words taken are the end of a reading: see _widen).
MAX_EXTRA_WORDS = 2
# A gloss shorter than this is too common a string to link as a mention (갑, 중).
MIN_MENTION_LENGTH = 2


@dataclass
class _Group:
    hanja: str
    gloss: str
    occurrences: list[Occurrence] = field(default_factory=list)
    note: str = ""


def build_glossary(
    document: Document,
    enricher: Enricher | None = None,
    *,
    dictionary: CedictIndex | bool = True,
) -> Glossary:
    """Harvest every gloss and bare hanja of a document into its glossary.

    Args:
        document: The decoded document.
        enricher: An enricher to reuse across documents (its caches carry over); a new one
            by default.
        dictionary: The CC-CEDICT index for meanings and suggested hanja; True for the
            process's shared index (built on first use, see
            :func:`glossary.dictionary.index.shared_index`), False for neither.

    Returns:
        The glossary: one term per (hanja, gloss) pair, in order of first appearance, with
        suggested hanja for unglossed transcriptions. Hanja that differ only by compatibility
        ideographs are one term (see :attr:`Term.key`), named as first written. A text with
        invisible characters or decomposed hangul is read through its visible form
        (:class:`VisibleText`): terms have composed hangul and no invisible characters,
        while every offset and sentence is of the text as read. A dictionary that is missing
        or malformed never stops the work: the terms come without meanings and the
        glossary's ``warnings`` say why.
    """
    enricher = enricher if enricher is not None else Enricher()
    view = VisibleText.of(document.text)
    text = document.text if view is None else view.text
    groups: dict[tuple[str, str], _Group] = {}
    bare: list[tuple[str, Occurrence]] = []
    sentences = Sentences(text)
    candidates = find_visible_candidates(text)
    enricher.prepare(text[c.hanja_start : c.hanja_end] for c in candidates)
    for cand in candidates:
        occurrence, hanja, gloss = _resolve(text, cand, enricher, sentences)
        if not gloss:
            bare.append((hanja, occurrence))
            continue
        group = groups.setdefault((unified_hanja(hanja), gloss), _Group(hanja, gloss))
        group.occurrences.append(occurrence)
        group.note = group.note or occurrence.note
    glossed_by_hanja: dict[str, _Group] = {}
    for (unified, _), group in groups.items():
        glossed_by_hanja.setdefault(unified, group)
    for hanja, occurrence in bare:
        # Bare hanja that the same text glosses elsewhere belong to that term.
        unified = unified_hanja(hanja)
        group = glossed_by_hanja.get(unified) or groups.setdefault((unified, ""), _Group(hanja, ""))
        group.occurrences.append(occurrence)
        group.note = group.note or occurrence.note
    ordered = sorted(groups.values(), key=lambda g: min(o.start for o in g.occurrences))
    for group in ordered:
        group.occurrences.sort(key=lambda o: o.start)
    mentions = find_mentions(text, ordered)
    index, warnings = _dictionary(dictionary)
    keys = [(group, mentions.get((group.hanja, group.gloss), ())) for group in ordered]
    suggestions: tuple[Suggestion, ...] = ()
    try:
        if index is not None:
            _prefetch(ordered, enricher, index)
        terms = tuple(_term(group, enricher, found, index) for group, found in keys)
        if index is not None:
            from glossary.dictionary.suggest import suggest

            suggestions = suggest(text, terms, index)
    except DataError as exc:  # The index broke midway: the glossary comes without it.
        terms = tuple(_term(group, enricher, found, None) for group, found in keys)
        warnings = (_without(exc),)
    if view is not None:
        terms, suggestions = _as_read(view, terms, suggestions)
    return Glossary(document=document, terms=terms, suggestions=suggestions, warnings=warnings)


def _as_read(
    view: VisibleText, terms: tuple[Term, ...], suggestions: tuple[Suggestion, ...]
) -> tuple[tuple[Term, ...], tuple[Suggestion, ...]]:
    """Terms and suggestions found in a visible text, with offsets and sentences as read."""
    sentences = Sentences(view.original)
    start, end = view.start, view.end

    def occurrence(o: Occurrence) -> Occurrence:
        s, e = start(o.start), end(o.end)
        return replace(
            o,
            start=s,
            end=e,
            hanja_start=start(o.hanja_start),
            hanja_end=end(o.hanja_end),
            gloss_start=None if o.gloss_start is None else start(o.gloss_start),
            gloss_end=None if o.gloss_end is None else end(o.gloss_end),
            sentence=sentences.around(s, e),
        )

    def place(m: Mention) -> Mention:
        return Mention(start(m.start), end(m.end))

    terms = tuple(
        replace(
            t,
            occurrences=tuple(map(occurrence, t.occurrences)),
            mentions=tuple(map(place, t.mentions)),
        )
        for t in terms
    )
    return terms, tuple(replace(s, places=tuple(map(place, s.places))) for s in suggestions)


def _dictionary(dictionary: CedictIndex | bool) -> tuple[CedictIndex | None, tuple[str, ...]]:
    """The index to use, or None with the reason it cannot be used."""
    if dictionary is False:
        return None, ()
    if dictionary is not True:
        return dictionary, ()
    from glossary.dictionary.index import shared_index

    try:
        return shared_index(), ()
    except DataError as exc:
        return None, (_without(exc),)


def _prefetch(groups: list[_Group], enricher: Enricher, index: CedictIndex) -> None:
    """Fetch the dictionary entries of every term and character in a few queries."""
    forms: list[str] = []
    for group in groups:
        info = enricher.info(group.hanja)
        forms += (info.traditional, info.simplified)
        forms += (f for c in info.chars for f in (c.traditional, c.simplified))
    index.prefetch(forms)


def _without(exc: DataError) -> str:
    return f"{exc}; terms come without meanings"


def _resolve(
    text: str, cand: Candidate, enricher: Enricher, sentences: Sentences
) -> tuple[Occurrence, str, str]:
    hanja = text[cand.hanja_start : cand.hanja_end]
    gloss_start, gloss_end = cand.gloss_start, cand.gloss_end
    start = cand.start
    if gloss_start is not None and gloss_end is not None and not cand.quoted:
        if (
            gloss_start < cand.hanja_start
            and not enricher.classify(text[gloss_start:gloss_end], hanja).spelled
        ):
            wider = _widen(text, gloss_start, gloss_end, hanja, enricher)
            if wider == gloss_start and text[gloss_start:gloss_end] in _TITLES:
                span = _before_title(text, gloss_start, gloss_end, hanja, enricher)
                gloss_start, gloss_end = span
            gloss_start = start = min(wider, gloss_start)
        cut = enricher.trim(text[gloss_start:gloss_end], hanja)
        if cut and gloss_start < cand.hanja_start:
            gloss_start += cut
            start = gloss_start
    gloss = text[gloss_start:gloss_end] if gloss_start is not None else ""
    if gloss and " " in hanja and " " not in gloss:
        hanja = hanja.replace(" ", "")  # 항저우(杭 州): one word, its hanja spaced apart.
    occurrence = Occurrence(
        start=start,
        end=cand.end,
        hanja_start=cand.hanja_start,
        hanja_end=cand.hanja_end,
        gloss_start=gloss_start,
        gloss_end=gloss_end,
        sentence=sentences.around(start, cand.end),
        note=cand.note,
    )
    return occurrence, hanja, gloss


# Titles written after a name and before its hanja: 쑨원 선생(孫文), 시진핑 주석(習近平).
_TITLES = frozenset(
    (
        *("선생", "씨", "여사", "옹", "군", "양", "님", "동지", "스님"),
        *("대통령", "주석", "국가주석", "부주석", "총리", "부총리", "총서기", "총통", "수상"),
        *("위원장", "장관", "회장", "사장", "교수", "박사", "장군", "원수", "국왕", "황제"),
        *("왕", "대사", "의원"),
    )
)


def _before_title(
    text: str, start: int, end: int, hanja: str, enricher: Enricher
) -> tuple[int, int]:
    """The gloss span: the name before the title text[start:end] when the hanja spell it
    (쑨원 of 쑨원 선생(孫文)), else the title's own span."""
    for wider in words_before(text, start, MAX_EXTRA_WORDS):
        if enricher.classify(text[wider : start - 1], hanja).spelled:
            return wider, start - 1
    return start, end


def _widen(text: str, gloss_start: int, gloss_end: int, hanja: str, enricher: Enricher) -> int:
    """Where a gloss starts once it takes the words before it that the hanja spell.

    진 소왕(秦昭王), 진하 겸 사은 정사(進賀兼謝恩正使): the hanja may spell more than the
    last word. The gloss reaches back word by word (only over single spaces and name dots:
    never past a quote, bracket, sentence end or line break) while the words taken are still
    the end of a reading, and takes them when the whole gloss is a reading.
    """
    slots = enricher.info(hanja).slots
    # Each word spells at least one character; the first few words are always tried.
    reach = max(MAX_EXTRA_WORDS, len(slots) - 1)
    for taken, wider in enumerate(words_before(text, gloss_start, reach), 1):
        piece = text[wider:gloss_end]
        if enricher.classify(piece, hanja).spelled:
            return wider
        if taken >= MAX_EXTRA_WORDS and not reads_tail(piece, slots):
            break
    return gloss_start


def _term(
    group: _Group, enricher: Enricher, mentions: tuple[Mention, ...], index: CedictIndex | None
) -> Term:
    info = enricher.info(group.hanja)
    kind = enricher.classify(group.gloss, group.hanja)
    sino_korean, chars = enricher.readings(group.gloss, group.hanja)
    japanese = enricher.japanese(group.gloss, group.hanja) if kind.language == "ja" else None
    if japanese is not None:
        # Japanese shapes (関, 桜) have traditional and simplified forms like any other hanja.
        old_forms = kyujitai(group.hanja)
        if old_forms != group.hanja:
            info = enricher.info(old_forms)
            written = (ch for ch in group.hanja if is_hanja(ch))
            chars = tuple(replace(c, char=ch) for c, ch in zip(info.chars, written, strict=False))
    term = Term(
        hanja=group.hanja,
        hangul=group.gloss,
        kind=kind.kind,
        simplified=info.simplified,
        traditional=info.traditional,
        pinyin=" ".join(info.pinyin.marked),
        pinyin_numbered=" ".join(info.pinyin.numbered),
        sino_korean=sino_korean,
        mandarin_hangul=info.mandarin_hangul,
        note=group.note,
        matches=kind.matches,
        kind_note=kind.note,
        chars=chars,
        occurrences=tuple(group.occurrences),
        mentions=mentions,
        reading_language=_reading_language(kind),
        japanese_reading=japanese.reading if japanese else "",
        japanese_romaji=japanese.romaji if japanese else "",
    )
    if index is None:
        return term
    from glossary.dictionary.meanings import with_meanings

    return with_meanings(term, index)


def _reading_language(kind: Classification) -> ReadingLanguage:
    """Whose reading a gloss spells, from its classification."""
    if kind.language or kind.kind in ("bare", "translation"):
        return kind.language
    if kind.kind == "sino":
        return "ko"
    if kind.kind == "transcription" or TRANSCRIPTION in kind.matches:
        return "zh"
    # A mix names its reading parts in its note; any Mandarin part makes it a Mandarin one.
    return "zh" if "Mandarin" in kind.note else "ko"


@functools.cache
def _word_chars() -> frozenset[str]:
    """Characters that may not stand just before a mention: it must start a word."""
    hangul = (chr(c) for c in range(ord("가"), ord("힣") + 1))
    return frozenset((*hangul, *(chr(c) for c in range(128) if chr(c).isalnum())))


def find_mentions(text: str, groups: list[_Group]) -> dict[tuple[str, str], tuple[Mention, ...]]:
    """Find hangul-only uses of each gloss outside the glossed places.

    A mention starts a word (no hangul, digit or Latin letter just before it); what follows
    it is free, so 항저우시 and 저장대 mention 항저우 and 저장. Glosses shorter than two
    characters are not linked. All glosses are searched at once (Aho-Corasick, leftmost
    longest), so the cost follows the length of the text, not the number of terms.

    Args:
        text: The document text.
        groups: The glossed terms (bare ones are skipped).

    Returns:
        Mentions per (hanja, gloss) key, in text order.
    """
    owners: dict[str, tuple[str, str]] = {}
    for g in groups:
        if len(g.gloss.replace(" ", "")) >= MIN_MENTION_LENGTH:
            owners.setdefault(g.gloss, (g.hanja, g.gloss))
    if not owners:
        return {}
    import ahocorasick_rs  # Loaded on first use, like every other heavy resource.

    # A few dozen glosses, one search: the NFA builds in a third of the time the default
    # (a DFA) takes and searches as fast.
    automaton = ahocorasick_rs.AhoCorasick(
        list(owners),
        matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        implementation=ahocorasick_rs.Implementation.NoncontiguousNFA,
    )
    places: list[list[Mention]] = [[] for _ in owners]
    # Occurrence spans, flattened and sorted, with a sentinel so the loop needs no bounds
    # check: the loop below runs once per match, tens of thousands of times in a long text.
    taken = sorted((o.start, o.end) for g in groups for o in g.occurrences)
    taken.append((len(text) + 1, len(text) + 1))
    k = 0
    taken_start, taken_end = taken[0]
    inside_word = _word_chars()
    # Lone surrogates cannot cross into the matcher; U+FFFD keeps every offset in place.
    haystack = _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
    for index, s, e in automaton.find_matches_as_indexes(haystack):
        if s and text[s - 1] in inside_word:
            continue  # Inside a word, not at its start.
        while taken_end <= s:
            k += 1
            taken_start, taken_end = taken[k]
        if taken_start < e:
            continue
        places[index].append(Mention(s, e))
    return {key: tuple(p) for key, p in zip(owners.values(), places, strict=True) if p}
