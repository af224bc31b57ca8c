"""A stored term as an Anki note: its fields, tags, GUID and modification time.

Every field is HTML-escaped; the only markup is ours (tone spans, ``lang`` attributes,
the marked term in its sentence, line breaks). A note is identified by the term alone
(``genanki.guid_for(hanja, hangul)``), so exporting again updates notes in Anki instead
of duplicating them; its modification time is the term's last change in the store, so
that Anki, importing "if newer", keeps what was edited there since.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.model import Term
from glossary.store.anki_model import FIELDS
from glossary.store.anki_pinyin import pinyin_html, syllables, tone_span

if TYPE_CHECKING:
    from glossary.store.records import StoredTerm

# The kinds of gloss as a learner reads them (tags keep the short names).
KIND_LABELS = {
    "transcription": "Mandarin sound in hangul",
    "sino": "Sino-Korean reading",
    "translation": "Korean translation",
    "mixed": "part reading, part translation",
    "bare": "hanja without hangul",
}
# A transcription of the Japanese reading (다카이치(高市)) is labelled as such.
JAPANESE_SOUND = "Japanese sound in hangul"
# Senses shown: a word's, a character's.
WORD_SENSES = 5
CHAR_SENSES = 2
# A stored title longer than this is a paragraph (a text without a headline): the card
# names the file instead.
TITLE_MAX = 80

_esc = html.escape
# A run of hanja in a CC-CEDICT sense (a cross-reference: ``abbr. 浙``, ``滬|沪[Hu4]``).
_HANJA_RUN = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff|]+")


def _is_hanja(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


def hanzi_html(term: Term) -> str:
    """The hanja, each character in the span of its syllable's tone.

    Args:
        term: The term.

    Returns:
        HTML; the escaped hanja when characters and syllables do not line up.
    """
    found = syllables(term.pinyin, term.pinyin_numbered)
    if found is None or len(found) != len(term.hanja):
        return _esc(term.hanja)
    return "".join(tone_span(c, s.tone) for c, s in zip(term.hanja, found, strict=True))


def ruby_text(term: Term) -> str:
    """Each hanja with its syllable in Anki's ruby syntax, for ``{{furigana:Ruby}}``.

    Args:
        term: The term.

    Returns:
        ``<span class="tone2">杭[háng]</span><span class="tone1">州[zhōu]</span>``;
        characters that are not hanja stand alone; the escaped hanja when characters and
        syllables do not line up.
    """
    found = syllables(term.pinyin, term.pinyin_numbered)
    if found is None or len(found) != len(term.hanja):
        return _esc(term.hanja)
    parts = []
    for char, syllable in zip(term.hanja, found, strict=True):
        if not _is_hanja(char) or "[" in syllable.text or "]" in syllable.text:
            parts.append(_esc(char))
            continue
        ruby = f"{_esc(char)}[{_esc(syllable.text)}]"
        tone = syllable.tone
        parts.append(f'<span class="tone{tone}">{ruby}</span>' if tone else ruby)
    return "".join(parts)


def characters_html(term: Term, inline: bool = False) -> str:
    """One line per character: the character and its pinyin in tone colour, its 훈음, senses.

    Args:
        term: The term.
        inline: Colour with ``style`` attributes instead of ``toneN`` classes.

    Returns:
        HTML lines joined by ``<br>``.
    """
    lines = []
    for c in term.chars:
        found = syllables(c.pinyin, c.pinyin_numbered)
        tone = found[0].tone if found and len(found) == 1 else None
        parts = [tone_span(c.char, tone, inline, "zh")]
        if c.pinyin:
            parts.append(tone_span(c.pinyin, tone, inline, "zh"))
        reading = c.hun_eum or c.sino_korean
        if reading:
            parts.append(f'<span lang="ko">{_esc(reading)}</span>')
        if c.meanings:
            parts.append(f"<i>{_esc('; '.join(c.meanings[:CHAR_SENSES]))}</i>")
        lines.append(" ".join(parts))
    return "<br>".join(lines)


def english_text(term: Term) -> str:
    """The word's CC-CEDICT senses, its own hanja in them replaced by ``～``.

    A sense may name the word it explains (浙江: ``abbr. 浙``): shown on the Recall card's
    front it would give the answer away, so any run of hanja that shares a character with
    the term's forms becomes the dictionary's swung dash.

    Args:
        term: The term.

    Returns:
        Plain text, senses joined by ``; ``.
    """
    own = set(term.hanja + term.simplified + term.traditional)

    def hide(run: re.Match[str]) -> str:
        return "～" if own & set(run.group(0)) else run.group(0)

    return "; ".join(_HANJA_RUN.sub(hide, s) for s in term.meanings[:WORD_SENSES])


def _labelled(label: str, value: str, lang: str) -> str:
    return f'<span class="label">{label}</span> <span lang="{lang}">{_esc(value)}</span>'


def japanese_text(term: Term) -> str:
    """The Japanese reading a gloss follows, in kana then romaji: ``たかいち さなえ (takaichi
    sanae)``.

    Args:
        term: The term.

    Returns:
        Plain text; empty when the term has no Japanese reading.
    """
    kana, romaji = " ".join(term.japanese_reading.split()), " ".join(term.japanese_romaji.split())
    if kana and romaji:
        return f"{kana} ({romaji})"
    return kana or romaji


def readings_html(term: Term) -> str:
    """What a headline hanja abbreviates, the Japanese reading, the usual Korean reading, and
    the readings and forms that differ from what the card shows already.

    ``headline abbreviation of 미국`` (美) first, ``Japanese reading: たかいち さなえ (takaichi
    sanae)`` for a gloss that follows the Japanese reading, ``usual reading 심천`` where Korean
    usage reads the word otherwise than character by character (深圳, whose characters read
    심수); then the Sino-Korean reading when it is not the gloss, the standard Mandarin
    transcription when it is not the gloss, the simplified and traditional forms when they
    differ from the hanja: never "성리학 · 성리학".

    Args:
        term: The term.

    Returns:
        HTML, parts joined by `` · ``; empty when nothing differs.
    """
    parts = []
    if term.abbreviates:
        parts.append(_labelled("headline abbreviation of", term.abbreviates, "ko"))
    if term.japanese_reading:
        romaji = term.japanese_romaji.strip()
        parts.append(
            _labelled("Japanese reading:", " ".join(term.japanese_reading.split()), "ja")
            + (f' (<span lang="ja-Latn">{_esc(romaji)}</span>)' if romaji else "")
        )
    if term.conventional_reading and term.conventional_reading != term.hangul:
        usual = _labelled("usual reading", term.conventional_reading, "ko")
        if term.conventional_source:
            usual += f' <span class="label">({_esc(term.conventional_source)})</span>'
        parts.append(usual)
    if term.hangul and term.sino_korean and term.sino_korean != term.hangul:
        parts.append(_labelled("Sino-Korean", term.sino_korean, "ko"))
    shown = term.hangul or term.sino_korean
    if term.mandarin_hangul and term.mandarin_hangul != shown:
        parts.append(_labelled("Mandarin in hangul", term.mandarin_hangul, "ko"))
    if term.simplified and term.simplified != term.hanja:
        parts.append(_labelled("simplified", term.simplified, "zh"))
    if term.traditional and term.traditional not in (term.hanja, term.simplified):
        parts.append(_labelled("traditional", term.traditional, "zh"))
    return " · ".join(parts)


def kind_label(term: Term) -> str:
    """The kind of gloss in words a learner reads: ``Mandarin sound in hangul``, or
    ``Japanese sound in hangul`` for a transcription of the Japanese reading.

    Args:
        term: The term.

    Returns:
        Plain text.
    """
    if term.kind == "transcription" and term.reading_language == "ja":
        return JAPANESE_SOUND
    return KIND_LABELS.get(term.kind, term.kind)


def kind_text(term: Term) -> str:
    """The kind of gloss in words a learner reads, with the term's note on it if any.

    Args:
        term: The term.

    Returns:
        Plain text such as ``Mandarin sound in hangul``.
    """
    label = kind_label(term)
    return f"{label}: {term.kind_note}" if term.kind_note else label


def source_title(stored: StoredTerm) -> str:
    """The name of the article the term's sentence comes from, short enough for a card.

    A text file without a headline is stored under its first long paragraph: the card
    names the file instead. A Markdown heading's ``#`` is left out.

    Args:
        stored: The stored term.

    Returns:
        Plain text; empty when the term has no stored place.
    """
    if stored.example is None:
        return ""
    title = stored.example.source.strip()
    if title.startswith("#"):
        title = title.lstrip("#").strip()
    if len(title) <= TITLE_MAX:
        return title
    for source in stored.sources:
        if source.title == stored.example.source and source.path not in ("", "-"):
            return Path(source.path).stem
    return title[: TITLE_MAX - 1].rstrip() + "…"


def _place(stored: StoredTerm) -> tuple[str, str, int, int, int] | None:
    """The example's sentence, the marked text, where it starts, and the hanja inside it."""
    example = stored.example
    if example is None:
        return None
    sentence, surface = example.sentence, example.surface
    at = example.at
    if at is None or not surface or not sentence.startswith(surface, at):
        # Stored before places were kept in their sentence: the first such text stands for it.
        at = sentence.find(surface) if surface else -1
    if at >= 0:
        return sentence, surface, at, example.hanja_start, example.hanja_end
    surface = stored.term.hanja
    at = sentence.find(surface)
    return (sentence, surface, at, 0, len(surface)) if at >= 0 and surface else None


def sentence_html(stored: StoredTerm) -> str:
    """The term's first sentence, escaped, with the term in ``<b>`` and its hanja in a span.

    Args:
        stored: The stored term.

    Returns:
        HTML; empty when the term has no stored place.
    """
    place = _place(stored)
    if place is None:
        return _esc(stored.example.sentence) if stored.example else ""
    sentence, surface, at, start, end = place
    marked = (
        _esc(surface[:start])
        + f'<span class="h">{_esc(surface[start:end])}</span>'
        + _esc(surface[end:])
    )
    return _esc(sentence[:at]) + f"<b>{marked}</b>" + _esc(sentence[at + len(surface) :])


def cloze_html(stored: StoredTerm) -> str:
    """The term's first sentence with its hanja blanked out, for the Cloze card.

    The gloss stays as a hint (``항저우([…])``); bare hanja get their Sino-Korean reading
    in the blank (``[북경]``).

    Args:
        stored: The stored term.

    Returns:
        HTML; empty (no Cloze card) when the term has no stored place.
    """
    place = _place(stored)
    if place is None:
        return ""
    sentence, surface, at, start, end = place
    hint = "…" if stored.term.hangul or not stored.term.sino_korean else stored.term.sino_korean
    blank = f'<span class="cloze">[{_esc(hint)}]</span>'
    return (
        _esc(sentence[:at])
        + f"<b>{_esc(surface[:start])}{blank}{_esc(surface[end:])}</b>"
        + _esc(sentence[at + len(surface) :])
    )


def term_label(term: Term) -> str:
    """The term as Korean text writes it, ``항저우(杭州)``, or the hanja alone when bare.

    Args:
        term: The term.

    Returns:
        Plain text: the first field of its note, unique to the term.
    """
    return f"{term.hangul}({term.hanja})" if term.hangul else term.hanja


def _multiline(text: str) -> str:
    return "<br>".join(_esc(line) for line in text.splitlines())


def note_fields(stored: StoredTerm) -> list[str]:
    """The note's fields, in :data:`~glossary.store.anki_model.FIELDS` order, as HTML.

    Args:
        stored: The stored term.

    Returns:
        One HTML string per field.
    """
    term = stored.term
    values = {
        "Term": _esc(term_label(term)),
        "Hanzi": _esc(term.hanja),
        "Hanzi (Color)": hanzi_html(term),
        "Simplified": _esc(term.simplified),
        "Traditional": _esc(term.traditional),
        "Pinyin": pinyin_html(term),
        "Pinyin numbered": _esc(term.pinyin_numbered),
        "Ruby": ruby_text(term),
        "Sino-Korean": _esc(term.sino_korean),
        "Korean gloss": _esc(term.hangul),
        "Mandarin in hangul": _esc(term.mandarin_hangul),
        "Readings": readings_html(term),
        "Kind": _esc(kind_text(term)),
        "English": _esc(english_text(term)),
        "Meaning": _multiline(stored.meaning),
        "Characters": characters_html(term),
        "Frequency": str(term.frequency_rank) if term.frequency_rank is not None else "",
        "Note": _multiline(stored.user_note),
        "Sentence": sentence_html(stored),
        "Cloze": cloze_html(stored),
        "Source": _esc(source_title(stored)),
    }
    return [values[name] for name in FIELDS]


def _tag_value(text: str) -> str:
    value = re.sub(r"\s+", "_", text.strip()).replace(":", "_").replace('"', "")
    return value[:60] or "untitled"


def note_tags(stored: StoredTerm) -> list[str]:
    """Tags for a note: ``kind::…``, ``status::…`` and one ``source::…`` per document.

    Args:
        stored: The stored term.

    Returns:
        Tags without spaces.
    """
    tags = [f"kind::{stored.term.kind}", f"status::{stored.status}"]
    for source in stored.sources:
        name = Path(source.path).stem if source.path not in ("", "-") else source.title
        tag = f"source::{_tag_value(name)}"
        if tag not in tags:
            tags.append(tag)
    return tags


def note_guid(stored: StoredTerm, variant: str = "") -> str:
    """The note's GUID: from the term's identity (hanja, hangul) only.

    Args:
        stored: The stored term.
        variant: Set apart notes of another note type (``basic`` for the TSV's notes).

    Returns:
        Anki's base-91 GUID.
    """
    import genanki  # type: ignore[import-untyped]

    parts = (*stored.key, variant) if variant else stored.key
    return str(genanki.guid_for(*parts))


def _seconds(stamp: str) -> float:
    try:
        return datetime.fromisoformat(stamp).timestamp()
    except ValueError:
        return 0.0


def note_mtime(stored: StoredTerm) -> int:
    """The note's modification time: when the term last changed in the store.

    The latest of when it was stored, when its extracted fields changed and when the user
    last marked it. Exporting an unchanged store again gives the same time, so Anki
    (updating notes "if newer") keeps what was edited there since.

    Args:
        stored: The stored term.

    Returns:
        Seconds since the epoch.
    """
    stamps = (stored.created_at, stored.updated_at, stored.user_updated_at)
    return int(max((_seconds(s) for s in stamps if s), default=0.0))


# -- a stand-alone two-sided card (the TSV's Basic notes) ------------------------------------


def basic_front(stored: StoredTerm) -> str:
    """The front of a Basic card: the hanja, and its sentence with the gloss blanked out.

    The sentence tells one gloss of a hanja from another (杭州 read 항저우 in one article,
    항주 in another), so no two notes share their first field.

    Args:
        stored: The stored term.

    Returns:
        HTML without classes (a Basic note type has none of our styling).
    """
    term = stored.term
    front = f'<div lang="zh" style="font-size:2.4em">{_esc(term.hanja)}</div>'
    place = _place(stored)
    if place is None:
        return front
    sentence, surface, at, start, end = place
    gloss_start = surface.find(term.hangul) if term.hangul else -1
    if gloss_start >= 0:
        surface_html = (
            _esc(surface[:gloss_start]) + "[…]" + _esc(surface[gloss_start + len(term.hangul) :])
        )
    else:
        surface_html = _esc(surface)
    line = _esc(sentence[:at]) + f"<b>{surface_html}</b>" + _esc(sentence[at + len(surface) :])
    return front + f'<div lang="ko" style="font-size:0.9em;text-align:left">{line}</div>'


def basic_back(stored: StoredTerm) -> str:
    """The back of a Basic card: the Korean word, pinyin, readings, meanings, characters.

    Args:
        stored: The stored term.

    Returns:
        HTML, coloured with ``style`` attributes.
    """
    term = stored.term
    small = 'style="font-size:0.8em"'
    lines = [
        f'<div lang="ko" style="font-size:1.4em">{_esc(term.hangul or term.sino_korean)}</div>',
        f'<div lang="zh" style="font-size:1.2em">{pinyin_html(term, inline=True)}</div>',
    ]
    readings = readings_html(term).replace('class="label"', 'style="color:#888"')
    if readings:
        lines.append(f"<div {small}>{readings}</div>")
    for text in (stored.meaning, english_text(term)):
        if text:
            lines.append(f"<div><i>{_multiline(text)}</i></div>")
    if term.chars:
        lines.append(f"<div {small}>{characters_html(term, inline=True)}</div>")
    if stored.user_note:
        lines.append(f"<div {small}>{_multiline(stored.user_note)}</div>")
    sentence = sentence_html(stored).replace('<span class="h">', "<span>")
    if sentence:
        lines.append(f'<div lang="ko" style="text-align:left">{sentence}</div>')
    footer = " · ".join(t for t in (kind_text(term), source_title(stored)) if t)
    lines.append(f'<div style="font-size:0.7em;color:#888">{_esc(footer)}</div>')
    return "".join(lines)
