"""What the store hands out (stored terms, counts, results) and how rows become them."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, NamedTuple

from glossary.model import (
    READING_LANGUAGES,
    CharInfo,
    Glossary,
    ReadingLanguage,
    Term,
    WordPlaces,
    term_to_dict,
)
from glossary.store.readings import with_derived
from glossary.store.schema import (
    DICTIONARY_COLUMNS,
    EXTRACTED_COLUMNS,
    STATUSES,
    TERM_SORTS,
    Status,
    TermKey,
    TermSort,
)
from glossary.store.senses import senses_values, stored_senses
from glossary.store.wordrows import sentence_at, word_rows


@dataclass(frozen=True)
class Source:
    """One document a stored term stands in.

    ``mentions`` counts the hangul-only mentions linked with certainty; those that may be
    another word there (저장 for 浙江 in 파일을 저장했다) are counted apart, in
    ``uncertain_mentions``, and in no total.
    """

    sha256: str
    title: str
    path: str
    occurrences: int
    mentions: int
    uncertain_mentions: int = 0


@dataclass(frozen=True)
class Example:
    """The first place a stored term stands: its sentence and the text of the gloss there.

    ``hanja_start`` and ``hanja_end`` locate the hanja inside ``surface``; ``at`` is where
    ``surface`` starts in ``sentence`` (None for a place stored before the store kept it:
    the first ``surface`` in the sentence is taken for it).
    """

    sentence: str
    surface: str
    hanja_start: int
    hanja_end: int
    source: str
    at: int | None = None


@dataclass(frozen=True)
class StoredTerm:
    """A term as the store holds it: explained, placed, and marked by the user.

    Attributes:
        term: The term with the user's corrections applied (no occurrences or mentions:
            see ``sources`` and ``example``), and CC-CEDICT's meanings: the word's in
            ``term.meanings`` (with ``mandarin_word`` and ``frequency_rank``), each
            character's in ``term.chars[i].meanings``. A term stored without them (no
            dictionary then) has them when an index is at hand, else ``mandarin_word`` None.
        status: new, learning, known or ignored.
        user_note: The user's note.
        meaning: The user's own meaning (``glossary meaning``), beside the dictionary's.
        corrections: Field name to corrected value, for the fields the user corrected.
        sources: The documents the term stands in, in the order they were added.
        example: Its first occurrence, or None.
        created_at: When the term was first stored (ISO 8601, UTC).
        updated_at: When its extracted fields last changed.
        user_updated_at: When the user last changed its status, note, meaning or readings.
    """

    term: Term
    status: Status = "new"
    user_note: str = ""
    meaning: str = ""
    corrections: Mapping[str, str] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    example: Example | None = None
    created_at: str = ""
    updated_at: str = ""
    user_updated_at: str = ""

    @property
    def key(self) -> TermKey:
        """The term's identity: (hanja, hangul)."""
        return self.term.key

    @property
    def occurrences(self) -> int:
        """How many glossed places the term has across all documents."""
        return sum(s.occurrences for s in self.sources)

    @property
    def mentions(self) -> int:
        """How many hangul-only mentions the term has across all documents (the certain ones)."""
        return sum(s.mentions for s in self.sources)

    @property
    def uncertain_mentions(self) -> int:
        """How many more places may mention it, where the same hangul may be another word."""
        return sum(s.uncertain_mentions for s in self.sources)

    @property
    def documents(self) -> int:
        """How many documents (articles) the term stands in."""
        return len(self.sources)

    @property
    def uses(self) -> int:
        """Glossed places and later mentions across all documents."""
        return self.occurrences + self.mentions


@dataclass(frozen=True)
class AddResult:
    """What adding one document did.

    Attributes:
        action: ``added``, ``unchanged`` (same content already stored) or ``replaced`` (a new
            version of a document already stored under the same path).
        title: The document's title.
        path: The document's path as stored.
        terms: Terms in the document.
        new_terms: Terms the store did not have before.
        updated_terms: Terms already stored whose extracted fields changed.
        occurrences: Glossed places stored.
        mentions: Later mentions counted (the certain ones).
        uncertain_mentions: Places that may be mentions, counted apart.
        language: The document's language as read (``ko``, or ``zh`` for a document mostly
            in hanja, whose places are its words, none glossed).
        bare_places: Of the places stored, those of bare hanja (no gloss): a Chinese
            document's words, a quotation's or 국한문혼용's in Korean text.
    """

    action: Literal["added", "unchanged", "replaced"]
    title: str
    path: str
    terms: int = 0
    new_terms: int = 0
    updated_terms: int = 0
    occurrences: int = 0
    mentions: int = 0
    uncertain_mentions: int = 0
    language: str = "ko"
    bare_places: int = 0


class PreparedTerm(NamedTuple):
    """A term of one document, as the store writes it: plain values, cheap to pickle.

    Attributes:
        key: The term's (hanja, hangul).
        values: Its extracted fields in ``EXTRACTED_COLUMNS`` order; None when the process
            that prepared it sent them already with an earlier document of the same
            import (see :func:`prepare`).
        note: The note its first glossed place has here (also among ``values``).
        occurrences: One row per place: span start and end, hanja start and end, gloss
            start and end, surface text, sentence, note and where the surface text starts in
            the sentence (None: not found there); a tuple of them, or for a bare
            word's places a :class:`~glossary.store.wordrows.WordRows` that reads alike.
        mentions: How many later mentions the document has (linked with certainty).
        senses: Its CC-CEDICT meanings in ``DICTIONARY_COLUMNS`` order; None when it was
            not looked up (no dictionary) or ``values`` is None.
        uncertain: How many places may mention it but may be another word.
    """

    key: TermKey
    values: tuple[object, ...] | None
    note: str
    occurrences: Sequence[tuple[object, ...]]
    mentions: int
    senses: tuple[object, ...] | None = None
    uncertain: int = 0


class PreparedDocument(NamedTuple):
    """A document's glossary reduced to what the store keeps (see :func:`prepare`).

    An import worker builds it, so the process that writes the store only writes; named
    tuples cross between processes at half the cost of dataclasses.
    """

    sha256: str
    path: str
    title: str
    encoding: str
    length: int
    terms: tuple[PreparedTerm, ...]
    language: str = "ko"  # The document's, as read: ``zh`` for one mostly in hanja.


def prepare(glossary: Glossary, sent: set[TermKey] | None = None) -> PreparedDocument:
    """Reduce a glossary to the rows the store writes (meanings kept, suggestions not).

    Args:
        glossary: A document's glossary.
        sent: In a bulk import, the terms whose extracted fields this process has prepared
            already; their fields are left out (``values`` None) and the set grows. All the
            fields but the note follow from the term alone, and the store writes documents
            in order, so it has them from an earlier document (see :meth:`Store.add_prepared`).

    Returns:
        The document's values and its terms' rows.
    """
    doc = glossary.document
    text = doc.text
    sha = doc.sha or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    terms = []
    found: dict[str, int] = {}  # Where each sentence starts in the text (see word_rows).
    for term in glossary.terms:
        values: tuple[object, ...] | None = None
        senses: tuple[object, ...] | None = None
        if sent is None or term.key not in sent:
            values = extracted_values(term)
            senses = senses_values(term)
            if sent is not None:
                sent.add(term.key)
        occurrences = _place_rows(text, term, found)
        uncertain = sum(not m.certain for m in term.mentions)
        terms.append(
            PreparedTerm(
                term.key,
                values,
                term.note,
                occurrences,
                len(term.mentions) - uncertain,
                senses,
                uncertain,
            )
        )
    return PreparedDocument(
        sha, doc.path, doc.title, doc.encoding, len(text), tuple(terms), doc.language
    )


def _place_rows(text: str, term: Term, found: dict[str, int]) -> Sequence[tuple[object, ...]]:
    """The rows of a term's places: span, gloss span, the text there, sentence and note."""
    places = term.occurrences
    if isinstance(places, WordPlaces) and not places.notes:
        # A bare word's places as offsets (a Chinese document has one per word): rows made
        # from them when written, with no occurrence made for each (a word with notes, from
        # a run that had one, is rare: its rows are made below).
        return word_rows(text, places.starts, places.length, places.sentences(), found)
    return tuple(
        (o.start, o.end, o.hanja_start, o.hanja_end, o.gloss_start, o.gloss_end)
        + (text[o.start : o.end], o.sentence, o.note, sentence_at(text, o.sentence, o.start, o.end))
        for o in places
    )


@dataclass(frozen=True)
class ImportResult:
    """What importing a JSON export did.

    Attributes:
        documents_added: Documents the store did not have.
        terms_added: Terms the store did not have.
        terms_updated: Terms it had whose fields the export's newer ones replaced, or that
            gained places or mentions in a document.
    """

    documents_added: int
    terms_added: int
    terms_updated: int


@dataclass(frozen=True)
class Stats:
    """Counts over the whole store (``mentions`` the certain ones, the others apart)."""

    path: str
    documents: int
    terms: int
    occurrences: int
    mentions: int
    by_status: Mapping[str, int]
    by_kind: Mapping[str, int]
    uncertain_mentions: int = 0


def chars_json(chars: Sequence[CharInfo]) -> str:
    """The per-character breakdown as the JSON the ``chars`` column holds (the documented shape)."""
    # Joined from each character's own JSON, which json.dumps would write the same way:
    # a bulk import stores tens of thousands of terms made of a few thousand characters.
    return "[" + ", ".join(_char_json(c) for c in chars) + "]"


@functools.lru_cache(maxsize=1 << 14)
def _char_json(char: CharInfo) -> str:
    data = term_to_dict(Term("", "", "bare", "", "", "", "", "", "", chars=(char,)))["chars"][0]
    del data["meanings"]  # Kept in their own column (``char_meanings``).
    return json.dumps(data, ensure_ascii=False)


@functools.lru_cache(maxsize=64)
def _matches_json(matches: tuple[str, ...]) -> str:
    return json.dumps(list(matches), ensure_ascii=False)


def extracted_values(term: Term) -> tuple[object, ...]:
    """A term's extracted fields as column values, in ``EXTRACTED_COLUMNS`` order."""
    return (
        term.kind,
        term.simplified,
        term.traditional,
        term.pinyin,
        term.pinyin_numbered,
        term.sino_korean,
        term.mandarin_hangul,
        term.note,
        _matches_json(term.matches),
        term.kind_note,
        chars_json(term.chars),
        term.reading_language,
        term.japanese_reading,
        term.japanese_romaji,
        term.conventional_reading,
        term.conventional_source,
        term.abbreviates,
    )


def rank_key(by: TermSort, documents: int, uses: int) -> tuple[int, ...]:
    """The key that orders terms for a :data:`TERM_SORTS` choice, most first.

    Sorting is stable, so terms that tie keep the order they were first stored in.

    Args:
        by: ``added`` (the order they were first stored), ``documents`` (most articles
            first, then most uses) or ``uses`` (most uses first, then most articles).
        documents: How many documents the term stands in.
        uses: Its glossed places and later mentions, across documents.

    Returns:
        A key for :func:`sorted` (empty for ``added``).
    """
    if by == "documents":
        return (-documents, -uses)
    if by == "uses":
        return (-uses, -documents)
    return ()


def checked_sort(value: str) -> TermSort:
    """A sort order a caller gave, refused (``ValueError``) unless it is one of ``TERM_SORTS``."""
    for by in TERM_SORTS:
        if by == value:
            return by
    raise ValueError(f"unknown sort {value!r} (choose from {', '.join(TERM_SORTS)})")


def sort_terms(terms: Iterable[StoredTerm], by: str = "added") -> list[StoredTerm]:
    """Order stored terms by one of :data:`TERM_SORTS` (ties keep their order).

    Args:
        terms: Stored terms, in the order they were first stored.
        by: ``added``, ``documents`` or ``uses``.

    Returns:
        The terms, sorted.

    Raises:
        ValueError: ``by`` is not one of :data:`TERM_SORTS`.
    """
    chosen = checked_sort(by)
    return sorted(terms, key=lambda t: rank_key(chosen, t.documents, t.uses))


def as_status(value: object) -> Status:
    """Read a stored status; anything unknown reads as ``new``."""
    for status in STATUSES:
        if status == value:
            return status
    return "new"


def checked_status(value: str) -> Status:
    """A status a caller gave, refused (``ValueError``) unless it is one of ``STATUSES``."""
    if value not in STATUSES:
        raise ValueError(f"unknown status {value!r} (choose from {', '.join(STATUSES)})")
    return as_status(value)


def term_name(key: TermKey) -> str:
    """A term as people write it: ``항저우(杭州)``, or the hanja alone when bare."""
    hanja, hangul = key
    return f"{hangul}({hanja})" if hangul else hanja


def _one_or_many(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def filters(
    status: str | Iterable[str] | None,
    kind: str | Iterable[str] | None,
    keys: Iterable[TermKey] | None = None,
    hanja: str | Iterable[str] | None = None,
) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause over ``terms`` and its parameters."""
    clauses: list[str] = []
    params: list[str] = []
    for column, chosen in (("status", _one_or_many(status)), ("kind", _one_or_many(kind))):
        if chosen:
            clauses.append(f"{column} IN ({', '.join('?' * len(chosen))})")
            params += chosen
    if hanja is not None:
        forms = _one_or_many(hanja)
        clauses.append(f"hanja IN ({', '.join('?' * len(forms))})" if forms else "0")
        params += forms
    if keys is not None:
        pairs = list(keys)
        if not pairs:
            clauses.append("0")
        else:
            clauses.append(f"(hanja, hangul) IN (VALUES {', '.join(['(?, ?)'] * len(pairs))})")
            params += [part for pair in pairs for part in pair]
    return ("WHERE " + " AND ".join(clauses) if clauses else "", tuple(params))


def term_from_row(row: Sequence[Any], senses: Sequence[Any] | None = None) -> Term:
    """A term from the ``terms`` columns ``hanja``, ``hangul`` and ``EXTRACTED_COLUMNS``.

    Args:
        row: Those values, in that order.
        senses: Its ``DICTIONARY_COLUMNS``, or None to leave the meanings out.

    Returns:
        The term, without places (the store keeps them apart).
    """
    (hanja, hangul, kind, simplified, traditional, pinyin, pinyin_numbered) = row[:7]
    (sino_korean, mandarin_hangul, note, matches, kind_note, chars) = row[7:13]
    (language, japanese, romaji, conventional, source, abbreviates) = row[13:_TERM_VALUES]
    found = stored_senses(senses) if senses is not None else None
    meanings: tuple[str, ...] = ()
    mandarin_word: bool | None = None
    frequency_rank: int | None = None
    char_senses: list[list[str]] | None = None
    if found is not None:
        meanings, mandarin_word, frequency_rank, char_senses = found
    return Term(
        hanja=hanja,
        hangul=hangul,
        kind=kind,
        simplified=simplified,
        traditional=traditional,
        pinyin=pinyin,
        pinyin_numbered=pinyin_numbered,
        sino_korean=sino_korean,
        mandarin_hangul=mandarin_hangul,
        note=note,
        matches=tuple(json.loads(matches)),
        kind_note=kind_note,
        chars=_chars(chars, char_senses),
        meanings=meanings,
        mandarin_word=mandarin_word,
        frequency_rank=frequency_rank,
        reading_language=as_reading_language(language),
        japanese_reading=japanese,
        japanese_romaji=romaji,
        conventional_reading=conventional,
        conventional_source=source,
        abbreviates=abbreviates,
    )


def as_reading_language(value: object) -> ReadingLanguage:
    """Read a stored reading language; anything unknown reads as "" (none)."""
    for language in READING_LANGUAGES:
        if language == value:
            return language
    return ""


def _chars(data: str, senses: list[list[str]] | None) -> tuple[CharInfo, ...]:
    chars = json.loads(data)
    if senses is None or len(senses) != len(chars):
        return tuple(CharInfo(**c) for c in chars)
    return tuple(CharInfo(**c, meanings=tuple(m)) for c, m in zip(chars, senses, strict=True))


# The columns of ``terms`` a stored term is read from, in order (after its id): the term's
# own, the user's (:data:`_USER_COLUMNS`), then the dictionary's.
_USER_COLUMNS = ("meaning", "status", "user_note", "created_at", "updated_at", "user_updated_at")
STORED_COLUMNS = ", ".join(
    ("hanja", "hangul", *EXTRACTED_COLUMNS, *_USER_COLUMNS, *DICTIONARY_COLUMNS)
)
# Where each part ends in a row of ``id`` and :data:`STORED_COLUMNS`.
_TERM_VALUES = 2 + len(EXTRACTED_COLUMNS)
_TERM_END = 1 + _TERM_VALUES
_USER_END = _TERM_END + len(_USER_COLUMNS)


def row_term(row: Sequence[Any]) -> Term:
    """The term of a row of ``id`` and :data:`STORED_COLUMNS`, with its stored meanings."""
    return term_from_row(row[1:_TERM_END], row[_USER_END:])


def looked_up(row: Sequence[Any]) -> bool:
    """Whether a row of ``id`` and :data:`STORED_COLUMNS` holds the dictionary's meanings."""
    return row[_USER_END + DICTIONARY_COLUMNS.index("mandarin_word")] is not None


def user_values(row: Sequence[Any]) -> tuple[Any, ...]:
    """The user's part of a row of ``id`` and :data:`STORED_COLUMNS`: meaning, status, note
    and the three times (created, updated, user updated)."""
    return tuple(row[_TERM_END:_USER_END])


def stored_term(
    row: Sequence[Any],
    term: Term,
    corrections: Mapping[str, str],
    sources: tuple[Source, ...],
    example: Example | None,
) -> StoredTerm:
    """Build a stored term from its row (``id`` and :data:`STORED_COLUMNS`), its term as
    :func:`row_term` reads it (or looked up since), corrections, sources and example."""
    if corrections:
        term = replace(term, **with_derived(corrections))  # type: ignore[arg-type]
    meaning, status, user_note, created_at, updated_at, user_updated_at = user_values(row)
    return StoredTerm(
        term=term,
        status=as_status(status),
        user_note=user_note,
        meaning=meaning,
        corrections=dict(corrections),
        sources=sources,
        example=example,
        created_at=created_at,
        updated_at=updated_at,
        user_updated_at=user_updated_at,
    )
