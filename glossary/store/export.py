"""Exporting stored terms: Anki packages and text files, CSV, JSON and Markdown, written atomically.

The Anki side lives beside this module: :mod:`glossary.store.anki_model` (the note type),
:mod:`glossary.store.anki_notes` (a term's fields) and :mod:`glossary.store.anki_package`
(the ``.apkg`` and the TSV). Terms marked ``ignored`` stay out of every format but JSON
(the lossless export ``import`` reads back) unless a status filter asks for them.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from glossary.model import TERM_COLUMNS, Term, term_columns
from glossary.store.anki_notes import japanese_text
from glossary.store.anki_package import DEFAULT_DECK, render_anki_tsv, write_apkg
from glossary.store.atomic import write_atomic
from glossary.store.schema import STATUSES

if TYPE_CHECKING:
    from glossary.store.core import Store
    from glossary.store.records import StoredTerm

__all__ = [
    "CSV_COLUMNS",
    "DEFAULT_DECK",
    "EXPORT_FORMATS",
    "STUDIED",
    "export_store",
    "render_csv",
    "render_markdown",
    "render_plain_tsv",
    "safe_cell",
    "write_apkg",
    "write_atomic",
]

EXPORT_FORMATS = ("apkg", "tsv", "csv", "json", "md")
# The statuses exported when none is asked for (JSON aside): every one but ``ignored``.
STUDIED = tuple(s for s in STATUSES if s != "ignored")

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
        status: Keep only terms with this status (or any of these); by default every
            term but the ignored ones (:data:`STUDIED`), except in ``json``, which keeps
            the whole glossary for ``import``.
        kind: Keep only terms of this kind (or any of these).
        deck: The Anki deck name (``apkg`` and ``tsv``).
        force: Replace ``path`` when it exists (a file only).
        timestamp: When an Anki package is made (now by default): new note ids count
            from it. Notes carry their terms' own modification times.

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
    if fmt == "json":  # The lossless export: ignored terms too, unless filtered.
        data = store.dump(status=status, kind=kind)
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        _write_text(path, text, "utf-8", force)
        return len(data["terms"])
    terms = store.terms(status=STUDIED if status is None else status, kind=kind)
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


def _usage(term: Term) -> str:
    """What Korean usage makes of a term: ``headline abbreviation of 미국``, ``usually 심천``."""
    parts = []
    if term.abbreviates:
        parts.append(f"headline abbreviation of {term.abbreviates}")
    if term.conventional_reading:
        parts.append(f"usually {term.conventional_reading}")
    return "; ".join(parts)


def render_markdown(terms: Sequence[StoredTerm]) -> str:
    """A Markdown table of the terms (cells escaped: no HTML, no broken columns).

    Beside the pinyin, the Japanese reading a gloss follows (``たかいち さなえ (takaichi
    sanae)``); beside the Sino-Korean reading, what Korean usage makes of the word.

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
        "Japanese reading",
        "sino-Korean",
        "Korean usage",
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
            japanese_text(term),
            term.sino_korean,
            _usage(term),
            stored.meaning,
            stored.status,
            stored.user_note,
            stored.example.sentence if stored.example else "",
        )
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
