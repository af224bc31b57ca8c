"""Exporting stored terms: Anki packages and text files, CSV, JSON and Markdown, written atomically.

Every field of a note is HTML-escaped; the only markup is ours (tone spans, the marked
term in its sentence, line breaks). Notes are identified by the term alone
(``genanki.guid_for(hanja, hangul)``), so exporting again updates notes in Anki instead of
duplicating them. genanki loads on first use.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import re
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from glossary.model import TERM_COLUMNS, term_columns
from glossary.store.atomic import write_atomic

if TYPE_CHECKING:
    from glossary.store.core import Store
    from glossary.store.records import StoredTerm

EXPORT_FORMATS = ("apkg", "tsv", "csv", "json", "md")
DEFAULT_DECK = "hanja-reader"

# Fixed forever: Anki recognises our note type by this id. Fields are frozen with it; a
# change of fields needs a new id and name.
MODEL_ID = 1842373907
MODEL_NAME = "hanja-reader term"
FIELDS = (
    "Hanja",
    "Simplified",
    "Traditional",
    "Pinyin",
    "Pinyin numbered",
    "Sino-Korean",
    "Korean gloss",
    "Kind",
    "Characters",
    "Meaning",
    "Sentence",
    "Source",
)
# Tone colours (tone 5 is the neutral tone), the red/orange/green/blue/grey convention.
TONE_COLOURS = ("#e53935", "#f08c00", "#2f9e44", "#3b82f6", "#8a8a8a")

_RECOGNITION_FRONT = '<div class="hanja">{{Hanja}}</div>'
_RECOGNITION_BACK = """{{FrontSide}}
<hr id="answer">
<div class="pinyin">{{Pinyin}}</div>
<div class="reading">{{Sino-Korean}}{{#Korean gloss}} · {{Korean gloss}}{{/Korean gloss}}</div>
{{#Meaning}}<div class="meaning">{{Meaning}}</div>{{/Meaning}}
<div class="chars">{{Characters}}</div>
<div class="sentence">{{Sentence}}</div>
<div class="source">{{Kind}} · {{Source}}</div>"""
_RECALL_FRONT = """<div class="recall">
<div class="gloss">{{Korean gloss}}</div>
{{#Meaning}}<div class="meaning">{{Meaning}}</div>{{/Meaning}}
<div class="sentence">{{Sentence}}</div>
</div>"""
_RECALL_BACK = """<div class="gloss">{{Korean gloss}}</div>
<hr id="answer">
<div class="hanja">{{Hanja}}</div>
<div class="pinyin">{{Pinyin}}</div>
<div class="reading">{{Sino-Korean}}</div>
{{#Meaning}}<div class="meaning">{{Meaning}}</div>{{/Meaning}}
<div class="chars">{{Characters}}</div>
<div class="sentence">{{Sentence}}</div>
<div class="source">{{Kind}} · {{Source}}</div>"""
CSS = """.card { font-family: "Noto Sans CJK KR", "Apple SD Gothic Neo", sans-serif;
  font-size: 20px; text-align: center; color: #222; background: #fff; }
.nightMode .card, .card.nightMode { color: #eee; background: #222; }
.hanja { font-size: 48px; }
.pinyin { font-size: 24px; }
.gloss { font-size: 28px; }
.meaning { font-style: italic; }
.chars { font-size: 16px; margin-top: 0.5em; }
.sentence { font-size: 18px; text-align: left; margin-top: 1em; }
.recall .sentence .h { visibility: hidden; }
.source { font-size: 13px; color: #888; margin-top: 1em; }
""" + "".join(f".tone{i} {{ color: {c}; }}\n" for i, c in enumerate(TONE_COLOURS, 1))

_NUMBERED = re.compile(r"^[a-zü:v]+([1-5])$", re.IGNORECASE)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_store(
    store: Store,
    fmt: str,
    path: str | os.PathLike[str] | BinaryIO,
    *,
    status: str | Iterable[str] | None = None,
    kind: str | Iterable[str] | None = None,
    deck: str = DEFAULT_DECK,
    force: bool = False,
    timestamp: float | None = None,
) -> int:
    """Export the store's terms (or the chosen ones) to a file or a binary stream.

    A file is written atomically (see :func:`glossary.store.atomic.write_atomic`): a
    symbolic link is written through to its target; anything else that is not a regular
    file is refused. A stream (``sys.stdout.buffer``, ``io.BytesIO``) gets the bytes the
    file would hold.

    Args:
        store: The open store.
        fmt: One of :data:`EXPORT_FORMATS`.
        path: The file to write, or a binary stream to write to.
        status: Keep only terms with this status (or any of these).
        kind: Keep only terms of this kind (or any of these).
        deck: The Anki deck name (``apkg`` and ``tsv``).
        force: Replace ``path`` when it exists (a file only).
        timestamp: Modification time given to Anki notes (now by default).

    Returns:
        How many terms were written.

    Raises:
        ExportError: The file exists (without ``force``), is not a regular file, or
            cannot be written.
        ValueError: ``fmt`` is not an export format.
        OSError: Writing to the stream failed.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if fmt == "json":
        data = store.dump(status=status, kind=kind)
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        _write_text(path, text, "utf-8", force)
        return len(data["terms"])
    terms = store.terms(status=status, kind=kind)
    if fmt == "apkg":
        if isinstance(path, (str, os.PathLike)):
            write_atomic(path, lambda p: write_apkg(terms, p, deck, timestamp), force=force)
        else:
            write_apkg(terms, path, deck, timestamp)
    else:
        render = {"tsv": lambda: render_anki_tsv(terms, deck), "csv": lambda: render_csv(terms)}
        text = render.get(fmt, lambda: render_markdown(terms))()
        _write_text(path, text, "utf-8-sig" if fmt == "csv" else "utf-8", force)
    return len(terms)


def _write_text(
    path: str | os.PathLike[str] | BinaryIO, text: str, encoding: str, force: bool
) -> None:
    if not isinstance(path, (str, os.PathLike)):
        path.write(text.encode(encoding))
        return

    def write(temp: Path) -> None:
        with temp.open("w", encoding=encoding, newline="") as fh:
            fh.write(text)

    write_atomic(path, write, force=force)


# -- note content ----------------------------------------------------------------------------


def tone_html(pinyin: str, numbered: str) -> str:
    """Tone-marked pinyin with each syllable in a ``toneN`` span, the rest escaped.

    Args:
        pinyin: Space-separated tone-marked syllables (``xiǎo píng``).
        numbered: The same with tone numbers (``xiao3 ping2``); it decides the classes.

    Returns:
        HTML such as ``<span class="tone3">xiǎo</span> <span class="tone2">píng</span>``.
    """
    marked = pinyin.split(" ")
    numbers = numbered.split(" ")
    if len(marked) != len(numbers):
        return html.escape(pinyin)
    parts = []
    for syllable, number in zip(marked, numbers, strict=True):
        match = _NUMBERED.match(number)
        text = html.escape(syllable)
        parts.append(f'<span class="tone{match.group(1)}">{text}</span>' if match else text)
    return " ".join(parts)


def sentence_html(stored: StoredTerm) -> str:
    """The term's first sentence, escaped, with the term in ``<b>`` and its hanja in a span.

    Args:
        stored: The stored term.

    Returns:
        HTML; empty when the term has no stored place.
    """
    example = stored.example
    if example is None:
        return ""
    sentence, surface = example.sentence, example.surface
    at = sentence.find(surface) if surface else -1
    if at < 0:
        surface = stored.term.hanja
        at = sentence.find(surface)
        start, end = 0, len(surface)
    else:
        start, end = example.hanja_start, example.hanja_end
    if at < 0:
        return html.escape(sentence)
    esc = html.escape
    marked = (
        esc(surface[:start])
        + f'<span class="h">{esc(surface[start:end])}</span>'
        + esc(surface[end:])
    )
    return esc(sentence[:at]) + f"<b>{marked}</b>" + esc(sentence[at + len(surface) :])


def note_fields(stored: StoredTerm) -> list[str]:
    """The note's fields, in :data:`FIELDS` order, as HTML.

    Args:
        stored: The stored term.

    Returns:
        Twelve HTML strings.
    """
    term = stored.term
    esc = html.escape
    chars = "<br>".join(esc(f"{c.char} {c.hun_eum or c.sino_korean}") for c in term.chars)
    source = stored.example.source if stored.example else ""
    return [
        esc(term.hanja),
        esc(term.simplified),
        esc(term.traditional),
        tone_html(term.pinyin, term.pinyin_numbered),
        esc(term.pinyin_numbered),
        esc(term.sino_korean),
        esc(term.hangul),
        esc(term.kind),
        chars,
        esc(stored.meaning),
        sentence_html(stored),
        esc(source),
    ]


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


def note_guid(stored: StoredTerm) -> str:
    """The note's GUID: from the term's identity (hanja, hangul) only.

    Args:
        stored: The stored term.

    Returns:
        Anki's base-91 GUID.
    """
    import genanki  # type: ignore[import-untyped]

    return str(genanki.guid_for(*stored.key))


def deck_id(name: str) -> int:
    """A deck id derived from the deck's name, stable across exports.

    Args:
        name: The deck name.

    Returns:
        An id in Anki's usual range (2**30 to 2**31).
    """
    digest = hashlib.sha256(f"hanja-reader deck:{name}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


# -- Anki package ----------------------------------------------------------------------------


def anki_model() -> Any:
    """Our genanki note type: fixed id, frozen fields, recognition and recall cards.

    Returns:
        The ``genanki.Model``.
    """
    import genanki

    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[
            {"name": "Recognition", "qfmt": _RECOGNITION_FRONT, "afmt": _RECOGNITION_BACK},
            {"name": "Recall", "qfmt": _RECALL_FRONT, "afmt": _RECALL_BACK},
        ],
        css=CSS,
        sort_field_index=0,
    )


def write_apkg(
    terms: Sequence[StoredTerm],
    path: str | os.PathLike[str] | BinaryIO,
    deck: str = DEFAULT_DECK,
    timestamp: float | None = None,
) -> None:
    """Write an Anki package with one note (two cards) per term.

    The collection is built in memory and zipped straight into ``path``: genanki's own
    ``write_to_file`` would leave a temporary database behind in the system temp folder.

    Args:
        terms: The stored terms.
        path: The ``.apkg`` file to write (written directly: see :func:`write_atomic`),
            or a binary stream.
        deck: The deck name.
        timestamp: Modification time of the notes (now by default).
    """
    import itertools
    import sqlite3
    import zipfile

    import genanki

    model = anki_model()
    anki_deck = genanki.Deck(deck_id(deck), deck)
    for stored in terms:
        anki_deck.add_note(
            genanki.Note(
                model=model,
                fields=note_fields(stored),
                tags=note_tags(stored),
                guid=genanki.guid_for(*stored.key),
            )
        )
    now = time.time() if timestamp is None else timestamp
    db = sqlite3.connect(":memory:")
    try:
        genanki.Package(anki_deck).write_to_db(db.cursor(), now, itertools.count(int(now * 1000)))
        db.commit()
        data = db.serialize()
    finally:
        db.close()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("collection.anki2", data)
        package.writestr("media", "{}")


# -- text formats ----------------------------------------------------------------------------


def _tsv_cell(value: str) -> str:
    return value.replace("\r", "").replace("\n", "<br>").replace("\t", "&#9;")


def render_anki_tsv(terms: Sequence[StoredTerm], deck: str = DEFAULT_DECK) -> str:
    """Anki's text-file format: header lines, then one note per line (fields are HTML).

    Columns: the note's fields, then tags, then the GUID, so re-importing updates notes.

    Args:
        terms: The stored terms.
        deck: The deck name.

    Returns:
        The file's text.
    """
    columns = [*FIELDS, "Tags", "GUID"]
    lines = [
        "#separator:tab",
        "#html:true",
        f"#notetype:{MODEL_NAME}",
        f"#deck:{_tsv_cell(deck)}",
        "#columns:" + "\t".join(columns),
        f"#tags column:{len(FIELDS) + 1}",
        f"#guid column:{len(FIELDS) + 2}",
    ]
    for stored in terms:
        cells = [_tsv_cell(v) for v in note_fields(stored)]
        if cells[0].startswith("#"):  # A leading # would make the line a comment.
            cells[0] = "&#35;" + cells[0][1:]
        cells += [" ".join(note_tags(stored)), note_guid(stored)]
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


CSV_COLUMNS = (
    *TERM_COLUMNS,
    "meaning",
    "status",
    "user_note",
    "occurrences",
    "mentions",
    "sentence",
    "source",
)


def safe_cell(value: str) -> str:
    """Neutralise a spreadsheet formula: a cell starting with = + - @ tab or CR gets a '.

    Args:
        value: The cell's text.

    Returns:
        The text, prefixed with ``'`` when a spreadsheet would run it.
    """
    return "'" + value if value.startswith(_FORMULA_START) else value


def _plain_row(stored: StoredTerm) -> list[str]:
    example = stored.example
    return [
        *term_columns(stored.term),
        stored.meaning,
        stored.status,
        stored.user_note,
        str(stored.occurrences),
        str(stored.mentions),
        example.sentence if example else "",
        example.source if example else "",
    ]


def render_csv(terms: Sequence[StoredTerm]) -> str:
    """CSV for spreadsheets: a header row and one row per term, formulas neutralised.

    Args:
        terms: The stored terms.

    Returns:
        The CSV text (RFC 4180: CRLF line ends, quotes where needed).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for stored in terms:
        writer.writerow([safe_cell(v) for v in _plain_row(stored)])
    return out.getvalue()


def render_plain_tsv(terms: Sequence[StoredTerm]) -> str:
    """Plain tab-separated values: a header line and one line per term, no HTML.

    Tabs and line breaks inside values become single spaces.

    Args:
        terms: The stored terms.

    Returns:
        The TSV text.
    """
    lines = ["\t".join(CSV_COLUMNS)]
    for stored in terms:
        lines.append("\t".join(" ".join(v.split()) for v in _plain_row(stored)))
    return "\n".join(lines) + "\n"


def _md(value: str) -> str:
    text = html.escape(" ".join(value.split()), quote=False)
    return text.replace("\\", "\\\\").replace("|", "\\|") or " "


def render_markdown(terms: Sequence[StoredTerm]) -> str:
    """A Markdown table of the terms (cells escaped: no HTML, no broken columns).

    Args:
        terms: The stored terms.

    Returns:
        The Markdown text.
    """
    header = (
        "hanja",
        "gloss",
        "kind",
        "pinyin",
        "sino-Korean",
        "meaning",
        "status",
        "note",
        "sentence",
    )
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for stored in terms:
        term = stored.term
        cells = (
            term.hanja,
            term.hangul,
            term.kind,
            term.pinyin,
            term.sino_korean,
            stored.meaning,
            stored.status,
            stored.user_note,
            stored.example.sentence if stored.example else "",
        )
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
