"""From a document to its glossary: find glosses, explain them, link the later mentions."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import TYPE_CHECKING

from glossary.engine.cjk import HANJA_CLASS, is_hanja
from glossary.engine.conventions import term_conventions
from glossary.engine.enrich import Enricher
from glossary.engine.extract import (
    MAX_TERM,
    Candidate,
    Sentences,
    find_visible_candidates,
)
from glossary.engine.japanese import kyujitai
from glossary.engine.kinds import TRANSCRIPTION, Classification
from glossary.engine.mentions import find_mentions
from glossary.engine.particles import COUNTED_READINGS, read_counted, read_running, with_reading
from glossary.engine.placed import PLACED_READINGS
from glossary.engine.resolve import resolve
from glossary.engine.spoken import as_chinese
from glossary.engine.standing import NAME_NOTES, senses_first, standing, standing_in
from glossary.engine.surnames import read_apart, read_as_name
from glossary.engine.visible import VisibleText, as_read
from glossary.engine.words import BareTerm, Run, bare_terms, language_of, note_runs
from glossary.errors import DataError
from glossary.model import (
    Document,
    Glossary,
    Mention,
    Occurrence,
    ReadingLanguage,
    Suggestion,
    Term,
    WordPlaces,
    unified_hanja,
)

if TYPE_CHECKING:
    from glossary.dictionary.index import CedictIndex
    from glossary.dictionary.segment import Segmenter

# With ``defer_words``: how many words with no gloss a document must have for them to be
# left unexplained (below that, explaining them at once costs less than a second pass).
DEFER_WORDS_FROM = 2000


@dataclass
class _Group:
    hanja: str
    gloss: str
    occurrences: list[Occurrence] = field(default_factory=list)
    note: str = ""
    in_order: bool = False  # Only a term of bare places alone is known to be in text order.
    words: WordPlaces | None = None  # A bare word's places, when they are all it has.

    def places(self) -> Sequence[Occurrence]:
        """Every place of the term, in text order once sorted."""
        return self.words if self.words is not None else self.occurrences

    def first_start(self) -> int:
        """Where the term first stands (its places sorted)."""
        return self.words.starts[0] if self.words is not None else self.occurrences[0].start


def build_glossary(
    document: Document,
    enricher: Enricher | None = None,
    *,
    dictionary: CedictIndex | bool = True,
    words: bool = True,
    defer_words: bool = False,
) -> Glossary:
    """Harvest every gloss and bare hanja of a document into its glossary.

    Args:
        document: The decoded document.
        enricher: An enricher to reuse across documents (its caches carry over); a new one
            by default.
        dictionary: The CC-CEDICT index for meanings and suggested hanja; True for the
            process's shared index (built on first use, see
            :func:`glossary.dictionary.index.shared_index`), False for neither.
        words: Split runs of hanja with no gloss (a quotation, 국한문혼용, a Chinese
            document, a gloss's note) into one bare term per word, over the dictionary's
            words whether or not ``dictionary`` gives meanings; False keeps each run whole.
        defer_words: When the document has thousands of words with no gloss (a long Chinese
            text), leave them unexplained: their terms give the hanja, kind and places only,
            and the glossary is not ``complete``. A reader shows those places at once and
            explains them meanwhile (:func:`explain_words`). Glossed terms are explained.

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
    bare: list[Run] = []
    sentences = Sentences(text)
    language = language_of(text)
    # In a Chinese document, runs with no gloss near (its clauses, hundreds of thousands)
    # are no candidates: they are split straight from the text, and ``others`` says where
    # the other runs are. Korean text has few runs: each is split as a candidate.
    others: list[tuple[int, int]] | None = [] if words and language == "zh" else None
    candidates = find_visible_candidates(text, others)
    # Bare runs are prepared once split into words: a Chinese sentence is not one word.
    enricher.prepare(
        text[c.hanja_start : c.hanja_end]
        for c in candidates
        if c.gloss_start is not None or not words
    )
    for cand in candidates:
        if cand.gloss_start is None:
            bare.append(_bare_run(text, cand))  # Nothing to explain: no gloss.
            continue
        occurrence, hanja, gloss = resolve(text, cand, enricher, sentences)
        if not gloss:
            bare.append(Run.of(hanja, occurrence))
            continue
        group = groups.setdefault((unified_hanja(hanja), gloss), _Group(hanja, gloss))
        group.occurrences.append(occurrence)
        group.note = group.note or occurrence.note
        if words:
            bare.extend(Run.of(*pair) for pair in note_runs(text, occurrence))
    if bare and groups:
        bare = _outside_glosses(bare, groups.values())
    segmenter = None
    plain = None if others is None else _plain_text(text, others, groups.values())
    if words:
        bare.sort(key=attrgetter("start"))
        # The word lists load only for a text that has a run of two hanja or more.
        if any(len(run.hanja) > 1 for run in bare) or (plain and _hanja_run(2).search(plain)):
            segmenter = _segmenter()
            if segmenter is not None and language == "zh":
                segmenter = segmenter.for_chinese()  # 党的 is 党|的, not Korean 당적.
        if segmenter is None and plain is not None:  # No dictionary: plain runs stay whole.
            bare += _plain_runs(text, plain)
            bare.sort(key=attrgetter("start"))
            plain = None
    # Korean text: words CC-CEDICT lacks are joined as libhangul lists them (獨立|國).
    listed = enricher.listed if language == "ko" else None
    bare_by_term = bare_terms(text, bare, segmenter, sentences, plain, listed)
    deferred = defer_words and len(bare_by_term) >= DEFER_WORDS_FROM
    if words and not deferred:
        enricher.prepare(term.hanja for term in bare_by_term)
    _add_bare(groups, bare_by_term)
    by_start = attrgetter("start")
    for group in groups.values():
        if not group.in_order:
            group.occurrences.sort(key=by_start)
    ordered = sorted(groups.values(), key=_Group.first_start)
    mentions = (
        find_mentions(
            text,
            [(g.gloss, g.hanja) for g in ordered],
            [(o.start, o.end) for g in ordered for o in g.places()],
            enricher,
        )
        if language == "ko"
        else {}  # A Chinese document: no hangul to look in.
    )
    index, warnings = _dictionary(dictionary)
    _know_people(ordered, enricher, index, segmenter)
    keys = [(group, mentions.get((group.hanja, group.gloss), ())) for group in ordered]
    suggestions: tuple[Suggestion, ...] = ()
    try:
        if index is not None:
            _prefetch([g for g in ordered if not deferred or g.gloss], enricher, index)
        terms = tuple(
            _outline(group, found)
            if deferred and not group.gloss
            else _term(group, enricher, found, index, _standing(text, group, segmenter))
            for group, found in keys
        )
        if index is not None:
            from glossary.dictionary.suggest import suggest

            suggestions = suggest(text, terms, index)
    except DataError as exc:  # The index broke midway: the glossary comes without it.
        terms = tuple(
            _term(group, enricher, found, None, _standing(text, group, segmenter))
            for group, found in keys
        )
        warnings = (_without(exc),)
    if index is None and segmenter is not None:  # The index is open: pinyin as cards show it.
        from glossary.dictionary.meanings import pinyin_as_cedict

        terms = pinyin_as_cedict(terms)
    if view is not None:
        terms, suggestions = as_read(view, terms, suggestions)
    if language == "zh":
        terms = as_chinese(document.text, terms, enricher)
    if document.language != language:
        document = replace(document, language=language)
    return Glossary(
        document=document,
        terms=terms,
        suggestions=suggestions,
        warnings=warnings,
        complete=not deferred,
    )


def explain_words(
    outline: Glossary,
    enricher: Enricher | None = None,
    *,
    dictionary: CedictIndex | bool = True,
) -> Glossary:
    """Explain the words an outline left unexplained (``build_glossary(defer_words=True)``).

    The text is not read again: the outline's terms keep their places, and its words are
    explained as :func:`build_glossary` explains them.

    Args:
        outline: The glossary whose words wait (one that is ``complete`` is returned as is).
        enricher: The enricher (best the one that built the outline: its caches carry over).
        dictionary: As for :func:`build_glossary`.

    Returns:
        The complete glossary: the terms :func:`build_glossary` gives without deferring.
    """
    if outline.complete:
        return outline
    enricher = enricher if enricher is not None else Enricher()
    text = outline.document.text
    waiting = {
        i: _Group(
            t.hanja,
            "",
            [] if isinstance(t.occurrences, WordPlaces) else list(t.occurrences),
            note=t.note,
            in_order=True,
            words=t.occurrences if isinstance(t.occurrences, WordPlaces) else None,
        )
        for i, t in enumerate(outline.terms)
        if not t.hangul  # Glossed terms were explained.
    }
    groups = list(waiting.values())
    enricher.prepare(g.hanja for g in groups)
    index, warnings = _dictionary(dictionary)
    segmenter = _segmenter()
    if segmenter is not None and outline.document.language == "zh":
        segmenter = segmenter.for_chinese()
    _know_people(groups, enricher, index, segmenter)

    def explained(index: CedictIndex | None) -> tuple[Term, ...]:
        return tuple(
            t
            if i not in waiting
            else _term(
                waiting[i], enricher, t.mentions, index, _standing(text, waiting[i], segmenter)
            )
            for i, t in enumerate(outline.terms)
        )

    try:
        if index is not None:
            _prefetch(groups, enricher, index)
        terms = explained(index)
    except DataError as exc:  # The index broke midway: the words come without meanings.
        terms, warnings = explained(None), (_without(exc),)
    if index is None and segmenter is not None:  # As build_glossary reads them.
        from glossary.dictionary.meanings import pinyin_as_cedict

        terms = pinyin_as_cedict(terms)
    if outline.document.language == "zh":
        terms = as_chinese(text, terms, enricher)
    return replace(outline, terms=terms, warnings=outline.warnings or warnings, complete=True)


def meanings_in_text(text: str, terms: Sequence[Term], index: CedictIndex) -> tuple[Term, ...]:
    """Terms a glossary was built with but not explained with (``dictionary=False``), with
    their CC-CEDICT meanings in the order their places give them, as :func:`build_glossary`
    with the dictionary orders them (才 alone "then and only then", 江主席 "surname Jiang").

    Args:
        text: The document's text.
        terms: Some of its glossary's terms.
        index: The dictionary.

    Returns:
        The terms with their meanings, in the same order.

    Raises:
        DataError: The index cannot be read.
    """
    from glossary.dictionary.meanings import meanings_of

    return tuple(senses_first(t, standing_in(text, t)) for t in meanings_of(terms, index))


def _outline(group: _Group, mentions: tuple[Mention, ...]) -> Term:
    """A bare word's term left unexplained: its hanja and places (see ``defer_words``)."""
    return Term(
        hanja=group.hanja,
        hangul="",
        kind="bare",  # What the enricher calls hanja with no gloss, without explaining them.
        simplified="",
        traditional="",
        pinyin="",
        pinyin_numbered="",
        sino_korean="",
        mandarin_hangul="",
        note=group.note,
        occurrences=group.words if group.words is not None else tuple(group.occurrences),
        mentions=mentions,
    )


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


def _segmenter() -> Segmenter | None:
    """The word splitter for hanja runs over the dictionary's words; None when the
    dictionary cannot be read (runs are then kept whole)."""
    from glossary.dictionary.splitter import shared_segmenter

    try:
        return shared_segmenter()
    except DataError:
        return None


def _know_people(
    groups: list[_Group],
    enricher: Enricher,
    index: CedictIndex | None,
    segmenter: Segmenter | None,
) -> None:
    """Tell the enricher which terms are people's names their surname reads apart in (金大中).

    Without a dictionary asked for, the index is used when it is built already (the
    segmenter has it open); without it, names are read as words are.
    """
    forms = [g.hanja for g in groups if read_apart(g.hanja)]
    if not forms:
        return
    if index is None:
        from glossary.dictionary.index import shared_index

        try:
            index = shared_index(build=False)
        except DataError:
            return
    if index is None:
        return
    from glossary.dictionary.names import people

    try:
        filled_in = segmenter.filled_in if segmenter is not None else None
        enricher.know_people(people(index, forms, enricher, filled_in))
    except DataError:
        return  # The index broke: names are read as words are, and the terms say why below.


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


def _outside_glosses(bare: list[Run], groups: Iterable[_Group]) -> list[Run]:
    """Bare places that no glossed hanja cover (雲養 is part of 雲養 金允植(운양 김윤식))."""
    spans = sorted((o.hanja_start, o.hanja_end) for g in groups for o in g.occurrences)
    starts = [a for a, _ in spans]
    kept = []
    for run in bare:
        at = run.hanja_start
        i = bisect.bisect_right(starts, at) - 1
        if i >= 0 and spans[i][0] <= at and run.hanja_end <= spans[i][1]:
            continue
        kept.append(run)
    return kept


def _plain_text(text: str, others: list[tuple[int, int]], groups: Iterable[_Group]) -> str:
    """The text with only its plain bare runs left: every other run of hanja (``others``,
    and those a glossed term's hanja cover, as :func:`_outside_glosses` drops them) turned
    into line breaks, which the segmenter reads as no word."""
    spans = list(others)
    hanja = _hanja_run()
    for group in groups:
        for o in group.occurrences:
            for run in hanja.finditer(text, o.hanja_start, o.hanja_end):
                start, end = run.span()  # Only a whole run, as a run is a place.
                if not hanja.match(text, start - 1, start) and not hanja.match(text, end):
                    spans.append((start, end))
    if not spans:
        return text
    spans.sort()
    parts: list[str] = []
    at = 0
    for start, end in spans:
        start = max(start, at)
        if end > start:
            parts += (text[at:start], "\n" * (end - start))
            at = end
    parts.append(text[at:])
    return "".join(parts)


def _plain_runs(text: str, plain: str) -> list[Run]:
    """The runs of a text's plain parts (see :func:`_plain_text`), as the candidates are:
    a run longer than any word is cut into pieces."""
    return [
        Run(text[at:end], at, end, at, end, None)
        for run in _hanja_run().finditer(plain)
        for at in range(run.start(), run.end(), MAX_TERM)
        for end in (min(run.end(), at + MAX_TERM),)
    ]


@functools.cache
def _hanja_run(least: int = 1) -> re.Pattern[str]:
    """A run of at least ``least`` hanja."""
    return re.compile(f"[{HANJA_CLASS}]{{{least},}}")


def _bare_run(text: str, cand: Candidate) -> Run:
    """The run of a candidate without a gloss: the place :func:`_resolve` would give it."""
    hanja_start, hanja_end = cand.hanja_start, cand.hanja_end
    # The sentence is found when a place is made (most places of a Chinese text never are).
    # Run's own __new__ is a Python function around tuple's (a Chinese text has a run a clause).
    run = (
        text[hanja_start:hanja_end],
        cand.start,
        cand.end,
        hanja_start,
        hanja_end,
        None,
        cand.note,
    )
    return tuple.__new__(Run, run)


def _add_bare(groups: dict[tuple[str, str], _Group], bare: list[BareTerm]) -> None:
    """Add the bare places to the terms: to the glossed term of the same hanja, if any."""
    glossed_by_hanja: dict[str, _Group] = {}
    for (unified, _), group in groups.items():
        glossed_by_hanja.setdefault(unified, group)
    for hanja, occurrences, note in bare:
        unified = unified_hanja(hanja)
        found = glossed_by_hanja.get(unified)
        group = found or groups.setdefault((unified, ""), _Group(hanja, ""))
        group.note = group.note or note
        if isinstance(occurrences, WordPlaces) and not group.places():
            group.words, group.in_order = occurrences, True
            continue
        group.in_order = not group.places()
        group.occurrences = [*group.places(), *occurrences]
        group.words = None


def _standing(text: str, group: _Group, segmenter: Segmenter | None) -> str:
    """What a bare term stands as, when that changes what it says: for one character, see
    :func:`~glossary.engine.standing.standing`; ``"person"`` or ``"foreign"`` for a name the
    segmenter joined (汪文斌, 亨廷顿); else ``""``."""
    if group.gloss:
        return ""
    if len(group.hanja) != 1:
        return segmenter.joined_name(group.hanja) if segmenter is not None else ""
    return standing(text, group.hanja, _starts(group))


def _starts(group: _Group) -> Sequence[int]:
    """Where a group's places start."""
    return group.words.starts if group.words is not None else [o.start for o in group.places()]


def _term(
    group: _Group,
    enricher: Enricher,
    mentions: tuple[Mention, ...],
    index: CedictIndex | None,
    standing: str = "",
) -> Term:
    info = enricher.info(group.hanja)
    kind = enricher.classify(group.gloss, group.hanja)
    sino_korean, chars = enricher.readings(group.gloss, group.hanja)
    if standing == "number":
        sino_korean = enricher.reading_after_number(group.hanja) or sino_korean
    # A bare word's sentences come without an occurrence made for each of its places.
    sentences = (
        group.words.sentences()
        if group.words is not None
        else (o.sentence for o in group.occurrences)
    )
    usage = term_conventions(group.hanja, group.gloss, sino_korean, sentences)
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
        kind_note=NAME_NOTES.get(standing, kind.note),
        chars=chars,
        occurrences=group.words if group.words is not None else tuple(group.occurrences),
        mentions=mentions,
        reading_language=_reading_language(kind),
        japanese_reading=japanese.reading if japanese else "",
        japanese_romaji=japanese.romaji if japanese else "",
        abbreviates=usage.abbreviates,
        conventional_reading=usage.conventional_reading,
        conventional_source=usage.conventional_source,
    )
    if standing == "running":
        term = read_running(term)
    elif standing == "counted" and group.hanja in COUNTED_READINGS:
        term = read_counted(term, enricher)
    elif standing in ("placed", "usual"):
        term = with_reading(term, *PLACED_READINGS[group.hanja][standing == "placed"])
    elif standing in ("person", "surname"):
        term = read_as_name(term)
    if index is None:
        return term
    from glossary.dictionary.meanings import with_meanings

    return senses_first(with_meanings(term, index), standing)


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
