"""The one term model every consumer reads: documents, terms, occurrences and mentions."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from glossary.places import Occurrence, PlaceReading, SentenceFinder, WordPlaces

__all__ = [
    "KINDS",
    "READING_LANGUAGES",
    "TERM_COLUMNS",
    "CharInfo",
    "Document",
    "Glossary",
    "Kind",
    "Mention",
    "Occurrence",
    "PlaceReading",
    "ReadingLanguage",
    "SentenceFinder",
    "SuggestedHanja",
    "Suggestion",
    "Term",
    "WordPlaces",
    "glossary_to_dict",
    "places_phrase",
    "suggestion_to_dict",
    "term_columns",
    "term_to_dict",
    "unified_hanja",
]

Kind = Literal["transcription", "sino", "translation", "mixed", "bare"]
KINDS: tuple[Kind, ...] = ("transcription", "sino", "translation", "mixed", "bare")
# Which language's reading of the hanja a gloss spells: Mandarin, Japanese or Korean
# (Sino-Korean); "" when it spells none (a translation, bare hanja).
ReadingLanguage = Literal["zh", "ja", "ko", ""]
READING_LANGUAGES: tuple[ReadingLanguage, ...] = ("zh", "ja", "ko", "")


def unified_hanja(hanja: str) -> str:
    """Hanja with every CJK compatibility ideograph replaced by its unified form.

    A term's identity: 音樂 written with U+F914 (樂 as KS X 1001 encodes it under the
    reading 낙) and with U+6A02 are one term. Compatibility ideographs (U+F900-U+FAFF and
    U+2F800-U+2FA1F) map through their canonical decomposition, as NFC maps them; the
    twelve unified ideographs of the compatibility block (U+FA0E...) have none and stay.

    Args:
        hanja: Hanja as written.

    Returns:
        The same length string, unified; the string itself when nothing changes.
    """
    if not hanja or max(hanja) < "\uf900":  # The usual case: no compatibility ideograph.
        return hanja
    return "".join(
        unicodedata.normalize("NFC", ch)
        if "\uf900" <= ch <= "\ufaff" or "\U0002f800" <= ch <= "\U0002fa1f"
        else ch
        for ch in hanja
    )


@dataclass(frozen=True)
class Document:
    """A decoded text with where it came from.

    Attributes:
        text: The decoded text, newlines normalised to ``\\n``.
        title: A human title (a headline from the text, or the file name).
        path: Where it was read from (``"-"`` for standard input, ``""`` when built in memory).
        sha: SHA-256 of ``text`` encoded as UTF-8, hex.
        encoding: The encoding the bytes were decoded with.
        language: ``ko`` for Korean text, ``zh`` for a document that is mostly Chinese
            (every word a term, no hangul mentions); "" until a glossary is built from it.
    """

    text: str
    title: str
    path: str = ""
    sha: str = ""
    encoding: str = "utf-8"
    language: str = ""


@dataclass(frozen=True, slots=True)
class CharInfo:
    """One character of a term, explained on its own.

    Attributes:
        meanings: The character's English senses in CC-CEDICT (for its reading here first);
            empty when no dictionary was available or CC-CEDICT lacks the character.
    """

    char: str
    simplified: str
    traditional: str
    pinyin: str
    pinyin_numbered: str
    sino_korean: str
    hun_eum: str
    meanings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Rows read back from JSON carry lists; the model holds tuples.
        if not isinstance(self.meanings, tuple):
            object.__setattr__(self, "meanings", tuple(self.meanings))


@dataclass(frozen=True, slots=True)
class Mention:
    """A later (or earlier) hangul-only use of a term's gloss, such as 항저우 without 杭州.

    Attributes:
        start: Where the mention starts in the document's text.
        end: Where it ends.
        certain: False when the same hangul may be another word here (저장 is 浙江 and
            also 貯藏 "storage"): the link is shown as a guess, not asserted.
    """

    start: int
    end: int
    certain: bool = True


@dataclass(frozen=True)
class Term:
    """A hanja form with the hangul that glosses it, explained, and everywhere it stands.

    Attributes:
        hanja: The hanja as first written in the document, without invisible characters
            (compatibility ideographs kept as written; see ``key``).
        hangul: The gloss (the span the hanja explains), empty for bare hanja.
        kind: transcription, sino, translation, mixed or bare.
        simplified: Simplified Chinese form.
        traditional: Traditional Chinese form (Korean variant shapes mapped).
        pinyin: Tone-marked pinyin, one syllable per character, space separated.
        pinyin_numbered: The same with tone numbers (5 for the neutral tone).
        sino_korean: The Sino-Korean reading of the whole word.
        mandarin_hangul: The standard Korean transcription of the Mandarin reading.
        note: Explanation written inside the parenthesis (``3甲·최고등급`` gives 최고등급).
        matches: Which readings the gloss matches: ``sino``, ``transcription``, both or none.
        kind_note: A sentence for people: both readings match, non-standard spelling and its
            standard form, which part is a reading.
        chars: Per-character breakdown.
        occurrences: Every glossed (or bare) place of the term, in text order: a tuple, or
            for a word that only stands bare, :class:`WordPlaces` (which reads like one).
        mentions: Hangul-only uses of the gloss outside its occurrences.
        meanings: English senses of the whole word from CC-CEDICT, those of the term's own
            reading first; empty when the word is not a Mandarin dictionary word (see
            ``mandarin_word``; the characters then carry their own meanings).
        mandarin_word: True when CC-CEDICT has the word, False when it does not (a
            Sino-Korean word such as 人工知能, or a phrase), None when no dictionary was
            available.
        frequency_rank: The word's rank in the Leiden Weibo Corpus frequency list (1 is the
            most frequent word), or None when the list does not have it.
        reading_language: Whose reading the gloss spells: ``zh`` (a Mandarin
            transcription), ``ja`` (a Japanese reading: 다카이치(高市)), ``ko`` (Sino-Korean),
            or "" (a translation, bare hanja).
        japanese_reading: The Japanese reading the gloss follows, in hiragana (words
            separated by spaces: たかいち さなえ); "" unless ``reading_language`` is ``ja``.
        japanese_romaji: The same in Hepburn romaji (takaichi sanae).
        conventional_reading: The Korean reading usage gives the word where it differs from
            the character-by-character one (심천 for 深圳, whose characters read 심수).
        conventional_source: Where that reading comes from, for people.
        abbreviates: The word a one-character headline hanja stands for (미국 for 美,
            여당 for 與); "" when it is not such an abbreviation.
        place_readings: In Chinese text, the places of a character read by its place (为,
            地, 得, 过, 种, 长, 只, 重, 处) that read otherwise than the term, each a
            :class:`PlaceReading`, in text order (以经济建设为中心: wéi where the term reads
            wèi; ３只幼虎: zhī, 隻 척 where the term is 只 zhǐ 지); () for every other term.
    """

    hanja: str
    hangul: str
    kind: Kind
    simplified: str
    traditional: str
    pinyin: str
    pinyin_numbered: str
    sino_korean: str
    mandarin_hangul: str
    note: str = ""
    matches: tuple[str, ...] = ()
    kind_note: str = ""
    chars: tuple[CharInfo, ...] = ()
    occurrences: Sequence[Occurrence] = ()
    mentions: tuple[Mention, ...] = ()
    meanings: tuple[str, ...] = ()
    mandarin_word: bool | None = None
    frequency_rank: int | None = None
    reading_language: ReadingLanguage = ""
    japanese_reading: str = ""
    japanese_romaji: str = ""
    conventional_reading: str = ""
    conventional_source: str = ""
    abbreviates: str = ""
    place_readings: tuple[PlaceReading, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        """The term's identity: its hanja (compatibility ideographs unified) and its gloss.

        The store keeps terms by this key, so 金日成 written with U+F90A and with U+91D1
        are one stored term.
        """
        return (unified_hanja(self.hanja), self.hangul)


@dataclass(frozen=True)
class SuggestedHanja:
    """A Chinese word a hangul transcription may stand for, with how likely it is.

    Attributes:
        hanja: The word as Korean text would write it (CC-CEDICT's traditional form).
        simplified: Its simplified form.
        pinyin: Tone-marked pinyin, space separated, lower case.
        pinyin_numbered: The same with tone numbers.
        meanings: Its English senses (CC-CEDICT).
        frequency_rank: Its rank in the Leiden Weibo Corpus word list, or None.
        confidence: How likely the hangul stands for this word, from 0 to 1.
    """

    hanja: str
    simplified: str
    pinyin: str
    pinyin_numbered: str
    meanings: tuple[str, ...]
    frequency_rank: int | None
    confidence: float


@dataclass(frozen=True)
class Suggestion:
    """A hangul word that looks like a Korean transcription of a Chinese name but carries no
    hanja in the text (선전 for 深圳), with the words it may stand for.

    Suggestions are guesses: they are kept apart from the glossed terms.

    Attributes:
        hangul: The word as the text spells it, without the particle after it.
        places: Every place it stands, in text order.
        candidates: What it may stand for, most likely first.
    """

    hangul: str
    places: tuple[Mention, ...]
    candidates: tuple[SuggestedHanja, ...]

    @property
    def confidence(self) -> float:
        """The confidence of the first candidate."""
        return self.candidates[0].confidence if self.candidates else 0.0


@dataclass(frozen=True)
class Glossary:
    """All terms of one document, in the order they first appear.

    Attributes:
        document: The document.
        terms: Its terms, in order of first appearance.
        suggestions: Hangul words that look like transcriptions of Chinese names but carry
            no hanja, with suggested hanja; never mixed with the terms.
        warnings: What went wrong on the way without stopping the work (no dictionary:
            no meanings), for the CLI and the reader to show.
        complete: False when the terms with no gloss were left unexplained (hanja, kind and
            places only: ``build_glossary(defer_words=True)`` on a long Chinese text).
    """

    document: Document
    terms: tuple[Term, ...] = field(default_factory=tuple)
    suggestions: tuple[Suggestion, ...] = ()
    warnings: tuple[str, ...] = ()
    complete: bool = True


# The text fields that name and read a term, in the order every table export starts with:
# then whose reading the gloss follows (zh, ja, ko or empty), the Japanese reading in kana and
# romaji, the reading Korean usage gives the word, and the word a headline hanja abbreviates.
TERM_COLUMNS = (
    "hanja",
    "hangul",
    "kind",
    "simplified",
    "traditional",
    "pinyin",
    "pinyin_numbered",
    "sino_korean",
    "mandarin_hangul",
    "reading_language",
    "japanese_reading",
    "japanese_romaji",
    "conventional_reading",
    "abbreviates",
)


def term_columns(term: Term) -> list[str]:
    """The values of :data:`TERM_COLUMNS` for one term.

    Args:
        term: The term.

    Returns:
        Its hanja, gloss, kind, forms and readings, as strings.
    """
    return [str(getattr(term, name)) for name in TERM_COLUMNS]


def term_to_dict(term: Term) -> dict[str, Any]:
    """Serialise a term to the documented JSON shape.

    Args:
        term: The term.

    Returns:
        A dict of JSON-ready values with the keys the README documents.
    """
    return {
        "hanja": term.hanja,
        "hangul": term.hangul,
        "kind": term.kind,
        "simplified": term.simplified,
        "traditional": term.traditional,
        "pinyin": term.pinyin,
        "pinyin_numbered": term.pinyin_numbered,
        "sino_korean": term.sino_korean,
        "mandarin_hangul": term.mandarin_hangul,
        "note": term.note,
        "matches": list(term.matches),
        "kind_note": term.kind_note,
        "chars": [
            {
                "char": c.char,
                "simplified": c.simplified,
                "traditional": c.traditional,
                "pinyin": c.pinyin,
                "pinyin_numbered": c.pinyin_numbered,
                "sino_korean": c.sino_korean,
                "hun_eum": c.hun_eum,
                "meanings": list(c.meanings),
            }
            for c in term.chars
        ],
        "occurrences": _occurrence_dicts(term.occurrences, term.place_readings),
        "mentions": [{"start": m.start, "end": m.end, "certain": m.certain} for m in term.mentions],
        "meanings": list(term.meanings),
        "mandarin_word": term.mandarin_word,
        "frequency_rank": term.frequency_rank,
        "reading_language": term.reading_language,
        "japanese_reading": term.japanese_reading,
        "japanese_romaji": term.japanese_romaji,
        "conventional_reading": term.conventional_reading,
        "conventional_source": term.conventional_source,
        "abbreviates": term.abbreviates,
    }


def _occurrence_dicts(
    places: Sequence[Occurrence], readings: tuple[PlaceReading, ...] = ()
) -> list[dict[str, Any]]:
    """The places of a term as JSON objects; a word's offsets without making occurrences. A
    place that reads otherwise than its term (``readings``) says how."""
    if isinstance(places, WordPlaces):  # A place per word of a Chinese text.
        n, notes = places.length, places.notes
        found = [
            {
                "start": s,
                "end": s + n,
                "sentence": sentence,
                "hanja_start": s,
                "hanja_end": s + n,
                "gloss_start": None,
                "gloss_end": None,
                "note": notes.get(s, ""),
            }
            for s, sentence in zip(places.starts, places.sentences(), strict=True)
        ]
    else:
        found = [
            {
                "start": o.start,
                "end": o.end,
                "sentence": o.sentence,
                "hanja_start": o.hanja_start,
                "hanja_end": o.hanja_end,
                "gloss_start": o.gloss_start,
                "gloss_end": o.gloss_end,
                "note": o.note,
            }
            for o in places
        ]
    if readings:
        at = {r.start: r for r in readings}
        for place in found:
            reading = at.get(cast(int, place["hanja_start"]))
            if reading is not None:
                place["pinyin"], place["pinyin_numbered"] = reading.pinyin, reading.pinyin_numbered
                if reading.traditional:
                    place["traditional"] = reading.traditional
                if reading.sino_korean:
                    place["sino_korean"] = reading.sino_korean
    return found


def suggestion_to_dict(suggestion: Suggestion) -> dict[str, Any]:
    """Serialise a suggestion to the documented JSON shape.

    Args:
        suggestion: The suggestion.

    Returns:
        A dict of JSON-ready values.
    """
    return {
        "hangul": suggestion.hangul,
        "confidence": suggestion.confidence,
        "places": [{"start": m.start, "end": m.end} for m in suggestion.places],
        "candidates": [
            {
                "hanja": c.hanja,
                "simplified": c.simplified,
                "pinyin": c.pinyin,
                "pinyin_numbered": c.pinyin_numbered,
                "meanings": list(c.meanings),
                "frequency_rank": c.frequency_rank,
                "confidence": c.confidence,
            }
            for c in suggestion.candidates
        ],
    }


def glossary_to_dict(glossary: Glossary) -> dict[str, Any]:
    """Serialise a glossary to the documented JSON object (``document``, ``terms`` and
    ``suggestions``).

    Args:
        glossary: The glossary.

    Returns:
        A dict ready for ``json.dumps``.
    """
    doc = glossary.document
    return {
        "document": {
            "title": doc.title,
            "path": doc.path,
            "sha256": doc.sha,
            "encoding": doc.encoding,
            "length": len(doc.text),
            "language": doc.language,
        },
        "terms": [term_to_dict(t) for t in glossary.terms],
        "suggestions": [suggestion_to_dict(s) for s in glossary.suggestions],
    }


def places_phrase(places: int, bare: int, counted: Callable[[int, str], str]) -> str:
    """How many places a text or a stored document has, and how many of them are glossed.

    The command and the reader say it alike, each counting in its own style.

    Args:
        places: Every place (glossed or bare hanja; a Chinese text's words).
        bare: Of those, the places of bare hanja (no gloss).
        counted: Writes a count with its noun in the right number (``1 place``).

    Returns:
        ``13 glossed places`` when none is bare, ``27 places`` when all are (a Chinese text's
        words), else ``28 places (1 glossed)``.
    """
    if not bare:
        return counted(places, "glossed place")
    if bare == places:
        return counted(places, "place")
    glossed = counted(places - bare, "place").split(" ", 1)[0]  # The number, in its style.
    return f"{counted(places, 'place')} ({glossed} glossed)"
