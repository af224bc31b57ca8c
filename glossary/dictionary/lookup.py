"""Looking terms up by hanja, hangul or pinyin: in a glossary first, then in CC-CEDICT.

A query may be hanja (Korean shapes, traditional or simplified: 杭州, 梦想小镇, 小鎭), hangul
(a gloss, a Sino-Korean reading or a Korean transcription of Mandarin: 항저우, 항주), or
pinyin with tone marks, tone numbers or none (háng zhōu, hang2zhou1, hangzhou; ü as ü, v or
u:). Tones typed must be the term's. Exact matches come first: the terms given (the open
text's, or the user's glossary), then the dictionary's words, the reading typed first (when
it carries tones) and then by frequency; then the terms that start with the query, then
those that contain it. A word both sources know is one result. Hanja that nothing matches
are explained on their own, character by character, and then word by word when they hold
several words (坚持改革开放: 坚持, 改革开放), as a text's hanja are split.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from glossary.dictionary.names import people
from glossary.dictionary.placed import read_at_place, read_at_places  # The reader's way in.
from glossary.engine.chinese import (
    numbered_tone,  # Re-exported: the reader reads tones with it.
    to_simplified,
    to_traditional,
)
from glossary.engine.cjk import is_hangul, is_hanja
from glossary.engine.enrich import Enricher
from glossary.engine.surnames import read_apart
from glossary.errors import DataError
from glossary.model import Term

if TYPE_CHECKING:
    from glossary.dictionary.entries import Entry
    from glossary.dictionary.index import CedictIndex
    from glossary.dictionary.meanings import Reading as Reading  # For callers' annotations.

__all__ = [
    "DEFAULT_LIMIT",
    "Hit",
    "SOURCE_NAMES",
    "Match",
    "Source",
    "explain",
    "lookup",
    "numbered_tone",
    "open_dictionary",
    "other_readings",
    "read_at_place",
    "read_at_places",
    "search",
    "source_label",
    "toneless",
]

DEFAULT_LIMIT = 20
"""How many results a look-up gives unless told otherwise."""

SOURCE_NAMES: dict[Source, str] = {
    "glossary": "your glossary",
    "dictionary": "CC-CEDICT",
    "characters": "by character",
}
"""Where a result is known from, by source: the one vocabulary of text and JSON output."""

Match = Literal["exact", "prefix", "contains"]
Source = Literal["glossary", "dictionary", "characters"]
QueryKind = Literal["hanja", "hangul", "pinyin", "other"]


@dataclass(frozen=True)
class Hit:
    """One result of a look-up.

    Attributes:
        term: The term (from the glossary given, or explained from the dictionary).
        source: ``glossary`` for a term of the glossary searched (the open text's, or the
            user's store), ``dictionary`` for a CC-CEDICT word, ``characters`` for hanja
            that CC-CEDICT lacks, explained character by character (see
            :data:`SOURCE_NAMES`).
        match: How the query met the term: ``exact``, ``prefix`` or ``contains``.
        field: Which form of the term the query was: ``hanja``, ``gloss``, ``sino_korean``,
            ``transcription`` or ``pinyin``.
        position: Where the term stands in the glossary searched, or None.
        also: Other sources that know the same word (same hanja, same reading): a glossary
            term that CC-CEDICT has too is one result, ``also`` ``("dictionary",)``.
    """

    term: Term
    source: Source
    match: Match
    field: str
    position: int | None = None
    also: tuple[Source, ...] = ()

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source that knows the result, its own first."""
        return (self.source, *self.also)


def source_label(hit: Hit) -> str:
    """Where a result is known from, in words: ``your glossary + CC-CEDICT``.

    Args:
        hit: A result.

    Returns:
        The names of its sources (:data:`SOURCE_NAMES`), joined with `` + ``.
    """
    return " + ".join(SOURCE_NAMES[s] for s in hit.sources)


def explain(
    hanja: str, enricher: Enricher | None = None, dictionary: CedictIndex | None = None
) -> Term:
    """Explain a hanja string that no gloss explains (a character under the pointer).

    Args:
        hanja: One or more hanja.
        enricher: An enricher to reuse (its caches carry over).
        dictionary: A CC-CEDICT index for meanings; by default the process's shared index
            when it is ready (never built here: this must answer at once).

    Returns:
        A bare term with no occurrences, with meanings when a dictionary is at hand.
    """
    enricher = enricher if enricher is not None else Enricher()
    index = dictionary if dictionary is not None else _ready_index()
    if index is not None and read_apart(hanja):
        with contextlib.suppress(DataError):  # A name CC-CEDICT has (金大中 김대중).
            enricher.know_people(people(index, [hanja]))
    info = enricher.info(hanja)
    term = Term(
        hanja=hanja,
        hangul="",
        kind="bare",
        simplified=info.simplified,
        traditional=info.traditional,
        pinyin=" ".join(info.pinyin.marked),
        pinyin_numbered=" ".join(info.pinyin.numbered),
        sino_korean=info.sino_korean,
        mandarin_hangul=info.mandarin_hangul,
        chars=info.chars,
    )
    if index is None:
        return term
    from glossary.dictionary.meanings import with_meanings

    try:
        return with_meanings(term, index)
    except DataError:
        return term


def other_readings(term: Term, dictionary: CedictIndex | None = None) -> tuple[Reading, ...]:
    """The other readings of a term's word, each with its senses (为 wéi "as" under wèi).

    Args:
        term: The term.
        dictionary: The CC-CEDICT index; by default the process's shared index when it is
            ready (never built here: a card must answer at once).

    Returns:
        :func:`glossary.dictionary.meanings.other_readings`; empty without a dictionary, or
        when the index cannot be read.
    """
    from glossary.dictionary.meanings import other_readings as readings

    index = dictionary if dictionary is not None else _ready_index()
    if index is None:
        return ()
    try:
        return readings(term, index)
    except DataError:
        return ()


def toneless(pinyin: str) -> str:
    """Pinyin without tone marks, tone numbers, spaces or apostrophes, lower case (ü kept).

    ``v`` and CC-CEDICT's ``u:`` are spelled ``ü``.

    Args:
        pinyin: Pinyin in any of its spellings (háng zhōu, hang2zhou1, Hangzhou, lu:4).

    Returns:
        The bare letters: hangzhou.
    """
    out = []
    for ch in unicodedata.normalize("NFD", pinyin.lower().replace("u:", "ü")):
        if ch == "\u0308":  # Keep ü: it tells lü from lu.
            out.append(ch)
        elif unicodedata.combining(ch) or ch.isdigit() or ch in " '’-":
            continue
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)).replace("v", "ü")


def _latin(text: str) -> bool:
    bare = toneless(text)
    return bool(bare) and all(c.isascii() and c.isalpha() or c == "ü" for c in bare)


def _kind(query: str) -> QueryKind:
    if any(is_hanja(c) for c in query):
        return "hanja"
    if _latin(query):
        return "pinyin"
    if query and all(is_hangul(c) for c in query):
        return "hangul"
    return "other"


def _forms(term: Term) -> list[tuple[str, str]]:
    """(field, form) pairs a query is compared with, hanja forms first."""
    forms = [("hanja", term.hanja), ("hanja", term.simplified), ("hanja", term.traditional)]
    forms += [
        ("gloss", term.hangul),
        ("sino_korean", term.sino_korean),
        ("transcription", term.mandarin_hangul),
    ]
    return [(name, form.replace(" ", "")) for name, form in forms if form]


def _match_term(term: Term, compact: str, pinyin: str, tones: str) -> tuple[Match, str] | None:
    """How a term meets a query: its forms, then (for a pinyin query) its reading.

    A pinyin query's letters meet the term's whatever their tones; the tones typed, if any,
    must then be the term's (its first ones, for a prefix): li3 finds 李克強, not 栗谷.
    """
    from glossary.dictionary.pinyin import tones_of

    forms = _forms(term)
    spoken = toneless(term.pinyin) if pinyin else ""
    if tones and not tones_of(term.pinyin).startswith(tones):
        spoken = ""
    for name, form in forms:
        if form == compact:
            return "exact", name
    if spoken and spoken == pinyin:
        return "exact", "pinyin"
    for name, form in forms:
        if form.startswith(compact):
            return "prefix", name
    if spoken and spoken.startswith(pinyin):
        return "prefix", "pinyin"
    if len(compact) > 1:
        for name, form in forms:
            if compact in form:
                return "contains", name
    return None


_ORDER: dict[Match, int] = {"exact": 0, "prefix": 1, "contains": 2}


def _glossary_hits(terms: Sequence[Term], query: str) -> list[Hit]:
    from glossary.dictionary.pinyin import tones_of

    compact = query.replace(" ", "")
    pinyin = toneless(query) if _latin(query) else ""
    tones = tones_of(query) if pinyin else ""
    hits = []
    for position, term in enumerate(terms):
        found = _match_term(term, compact, pinyin, tones)
        if found is not None:
            hits.append(Hit(term, "glossary", found[0], found[1], position))
    hits.sort(key=lambda h: (_ORDER[h.match], h.position))
    return hits


def _ready_index() -> CedictIndex | None:
    """The shared index if it is open or can be opened at once; never builds, never raises."""
    from glossary.dictionary.index import shared_index

    try:
        return shared_index(build=False)
    except DataError:
        return None


def open_dictionary(*, progress: Callable[[str, float], None] | None = None) -> CedictIndex | None:
    """Open the process's shared CC-CEDICT index now, building it first when needed.

    The first run builds the index (a few seconds); later runs open it at once. Call it
    before :func:`glossary.build_glossary` to show how the build goes: that function then
    finds the index open.

    Args:
        progress: Told, in the calling thread, the phase of the build under way and the
            share done (0.0, then rising at most ten times a second, then 1.0); never
            called when the index is built already. An exception it raises stops the build
            and comes out of this call; the next call builds again.

    Returns:
        The index, or None when the dictionary is missing or malformed (a glossary built
        afterwards says why in its ``warnings``).
    """
    from glossary.dictionary.index import shared_index

    try:
        return shared_index(progress=progress)
    except DataError:
        return None


def _entries_for(
    query: str, kind: QueryKind, index: CedictIndex, enricher: Enricher
) -> list[tuple[str, str, list[Entry]]]:
    """Dictionary words matching the query as (field, hanja, entries), best first.

    ``field`` says which form matched; ``hanja`` is the word as the query wrote it when the
    query was hanja (小鎭 stays 小鎭), else CC-CEDICT's traditional form. Korean words that
    CC-CEDICT lacks (인공지능: 人工知能) come last, with no entries.
    """
    from glossary.dictionary.pinyin import tones_of

    found: list[Entry] = []
    field = "hanja"
    korean: list[str] = []
    typed: dict[str, str] = {}
    compact = query.replace(" ", "")
    if kind == "hanja":
        hanja = "".join(c for c in compact if is_hanja(c) or c.isascii() and c.isalnum())
        info = enricher.info(hanja)
        found = index.words([hanja, info.traditional, info.simplified])
        typed[info.traditional] = hanja
        # Of a word's readings, the one it has alone first (还 hái, then huán; 行 xíng, háng).
        alone = " ".join(info.pinyin.numbered)
        found.sort(key=lambda e: e.pinyin_numbered != alone)
    elif kind == "pinyin":
        field = "pinyin"
        found = index.by_pinyin(query)
        tones = tones_of(query)
        if tones:  # The reading typed first, then the same letters in other tones.
            found.sort(key=lambda e: e.tones != tones)
    elif kind == "hangul":
        field = "transcription"
        found = index.by_transcription(compact)
        korean = index.by_korean_reading(compact)
    # A word per form and reading: 為 wéi "as" and 為 wèi "for" are two results, as two
    # entries; a proper noun's reading joins the same reading's common one (還 Huán, huán).
    groups: dict[tuple[str, str], list[Entry]] = {}
    for entry in found:
        groups.setdefault((entry.traditional, entry.pinyin_numbered), []).append(entry)
    out = [(field, typed.get(word, word), entries) for (word, _), entries in groups.items()]
    grouped = {word for word, _ in groups}
    if korean:
        by_word: dict[str, list[Entry]] = {}
        for entry in index.words(korean):
            if entry.traditional in korean and entry.traditional not in grouped:
                by_word.setdefault(entry.traditional, []).append(entry)
        out += [("sino_korean", word, entries) for word, entries in by_word.items()]
        out += [
            ("sino_korean", word, [])
            for word in sorted(korean)
            if word not in grouped and word not in by_word
        ]
    if kind != "pinyin" or not tones_of(query):
        # Of words equally frequent, the one written as typed first: 以, then the old
        # variants 㕥 and 㠯 whose simplified form it is (the frequency is the simplified
        # form's, the same for all three).
        out.sort(key=lambda p: (_rank(p[2]), p[1] not in typed.values()))
    return out


def _rank(entries: Sequence[Entry]) -> float:
    ranks = [e.rank for e in entries if e.rank is not None]
    if ranks:
        return float(min(ranks))
    return float("inf") if not entries else 1e12


def lookup(
    query: str,
    terms: Sequence[Term] = (),
    *,
    dictionary: CedictIndex | None = None,
    enricher: Enricher | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[Hit]:
    """Look a query up: in the terms given first, then in CC-CEDICT.

    Args:
        query: What the user typed: hanja, hangul or pinyin (see the module's docstring).
        terms: A glossary's terms (the open text's, or the user's store): their exact
            matches come before the dictionary's words, those whose forms start with the
            query or contain it after them; each group in glossary order.
        dictionary: The CC-CEDICT index, or None to look up the glossary only.
        enricher: An enricher for explaining dictionary words (its caches carry over).
        limit: At most this many dictionary results (the glossary's are all given).

    Returns:
        The results, best first. Hanja that nothing matches come back explained on their
        own (``source`` ``dictionary``), so the result is never empty for hanja.
    """
    q = unicodedata.normalize("NFC", query.strip())
    if not q:
        return []
    enricher = enricher if enricher is not None else Enricher()
    hits = _glossary_hits(terms, q)
    kind = _kind(q)
    seen: set[tuple[str, str]] = set()
    if dictionary is not None:
        try:
            words = _entries_for(q, kind, dictionary, enricher)
        except DataError:
            words = []
        added = 0
        for field, hanja, entries in words:
            key = (hanja, entries[0].pinyin_numbered if entries else "")
            if key in seen or added >= limit:
                continue
            seen.add(key)
            same = _same_word(hits, hanja, entries)
            if same is not None:
                if entries:  # The glossary's term, known to CC-CEDICT too: one row.
                    hits[same] = replace(hits[same], also=("dictionary",))
                continue
            term = _term_from_entries(hanja, entries, enricher, dictionary)
            hits.append(Hit(term, _dictionary_source(term), "exact", field))
            added += 1
    hits.sort(key=lambda h: _ORDER[h.match])  # Stable: the glossary first in each group.
    compact = "".join(q.split())
    exact = any(h.match == "exact" for h in hits)
    if not exact and compact and all(is_hanja(c) for c in compact):
        term = explain(compact, enricher, dictionary)
        phrase = _phrase_words(compact) if dictionary is not None else []
        explained = [explain(word, enricher, dictionary) for word in phrase]
        hits[:0] = [Hit(t, _dictionary_source(t), "exact", "hanja") for t in (term, *explained)]
    return hits


def _phrase_words(hanja: str) -> list[str]:
    """The words of hanja typed as one (坚持改革开放: 坚持, 改革开放), split as a text's are;
    none when they are one word or the segmenter is not ready (this never waits for it)."""
    from glossary.dictionary.splitter import shared_segmenter

    try:
        segmenter = shared_segmenter(build=False)
    except DataError:
        return []
    if segmenter is None:
        return []
    # Written in simplified shapes: Chinese, split as Chinese text is (党的 is not 당적).
    chinese = to_simplified(hanja) == hanja != to_traditional(hanja)
    spans = (segmenter.for_chinese() if chinese else segmenter).segment(hanja)
    return [hanja[s:e] for s, e in spans] if len(spans) > 1 else []


def _dictionary_source(term: Term) -> Source:
    """``dictionary`` for a CC-CEDICT word, ``characters`` for hanja explained one by one."""
    return "dictionary" if term.mandarin_word else "characters"


def _reading(pinyin: str) -> tuple[str, str]:
    """A reading to compare, whatever its spelling: its letters and its tones."""
    from glossary.dictionary.pinyin import tones_of

    return toneless(pinyin), tones_of(pinyin)


def _same_word(hits: Sequence[Hit], hanja: str, entries: Sequence[Entry]) -> int | None:
    """Where the glossary's results hold this dictionary word (same hanja, same reading).

    Args:
        hits: The glossary's results.
        hanja: The dictionary word, as the query wrote it or in its traditional form.
        entries: Its CC-CEDICT entries (none for a word of the Korean word list only).

    Returns:
        The index of the glossary's result for the word, or None.
    """
    shapes = {hanja} | {e.traditional for e in entries} | {e.simplified for e in entries}
    readings = {_reading(e.pinyin_numbered) for e in entries}
    for at, hit in enumerate(hits):
        term = hit.term
        if hit.source != "glossary" or not shapes & {term.hanja, term.traditional, term.simplified}:
            continue
        if not entries or _reading(term.pinyin) in readings:
            return at
    return None


def _term_from_entries(
    hanja: str, entries: Sequence[Entry], enricher: Enricher, index: CedictIndex
) -> Term:
    """A dictionary word as a bare term, read as its first matching entry reads it."""
    from glossary.dictionary.meanings import mandarin_in_hangul, with_meanings

    term = explain(hanja, enricher, index)
    if not entries:
        return term
    marked, numbered = entries[0].pinyin_marked.split(), entries[0].pinyin_numbered.split()
    if not len(marked) == len(term.chars) == len(hanja) or term.pinyin == " ".join(marked):
        return term
    chars = tuple(
        replace(c, pinyin=m, pinyin_numbered=n)
        for c, m, n in zip(term.chars, marked, numbered, strict=True)
    )
    hangul = term.mandarin_hangul
    if toneless(term.pinyin) != toneless(entries[0].pinyin):  # 還 huán: 환, not hái's 하이.
        hangul = mandarin_in_hangul(numbered, hangul)
    reread = replace(
        term,
        pinyin=" ".join(marked),
        pinyin_numbered=" ".join(numbered),
        chars=chars,
        mandarin_hangul=hangul,
    )
    return with_meanings(reread, index)


def search(
    terms: Sequence[Term],
    query: str,
    enricher: Enricher | None = None,
    dictionary: CedictIndex | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
) -> list[Term]:
    """Find terms by hanja (any shape), hangul (gloss, Sino-Korean reading, transcription) or
    pinyin (with tone marks, tone numbers or none): the glossary's, then the dictionary's.

    Exact matches in the terms come first, then terms whose forms start with the query, then
    those that contain it, each group in glossary order; then CC-CEDICT's words by frequency
    (when its index is ready: this never waits for it to be built). A query of hanja that
    nothing matches is explained on its own, so the result is never empty for hanja.

    Args:
        terms: The terms to search (a glossary's).
        query: What the user typed.
        enricher: An enricher for explaining dictionary words and unmatched hanja.
        dictionary: A CC-CEDICT index; by default the process's shared one when ready.
        limit: At most this many dictionary words.

    Returns:
        The matching terms, best first.
    """
    index = dictionary if dictionary is not None else _ready_index()
    return [
        hit.term for hit in lookup(query, terms, dictionary=index, enricher=enricher, limit=limit)
    ]
