"""Writing a glossary as a terminal table, TSV, CSV, Markdown or JSON; widths in cells."""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Protocol, cast

from glossary.model import (
    TERM_COLUMNS,
    Glossary,
    Term,
    WordPlaces,
    glossary_to_dict,
    places_phrase,
    suggestion_to_dict,
    term_columns,
    term_to_dict,
)

FORMATS = ("table", "json", "tsv", "csv", "md")


@functools.cache
def _cell_len() -> Callable[[str], int]:
    # rich's tables of East Asian widths, emoji and graphemes (2 ms to import; wcwidth takes
    # 16 ms): 杭 and 항 take two cells, 👍🏽 (a thumb and its skin tone) two, a combining mark
    # none.
    from rich.cells import cell_len

    return cell_len


def cell_width(text: str) -> int:
    """Terminal cells a string takes: hangul, hanja, emoji and other wide characters take two.

    Args:
        text: The string.

    Returns:
        Its width in cells.
    """
    if text.isascii():
        return len(text)
    return _cell_len()(text)


def counted(n: int, noun: str) -> str:
    """A count with its noun: ``1 term``, ``12 terms``, ``1,445 glosses``.

    Args:
        n: The count.
        noun: The noun in the singular.

    Returns:
        The count, with thousands separated, and the noun in the right number.
    """
    plural = "es" if noun.endswith("s") else "s"
    return f"{n:,} {noun}{'' if n == 1 else plural}"


def fit(text: str, width: int, cells: int | None = None) -> str:
    """Cut a string to at most ``width`` cells (with an ellipsis) and pad it to exactly that.

    Args:
        text: The string.
        width: Cells available.
        cells: The string's own width, when the caller has measured it already.

    Returns:
        The string, cut and padded.
    """
    if cells is None:
        cells = cell_width(text)
    if cells > width:
        from rich.cells import split_graphemes

        # Whole graphemes only: a skin tone or a combining mark stays with its character.
        kept, used = 0, 0
        for _start, end, w in split_graphemes(text)[0]:
            if used + w > width - 1:
                break
            kept, used = end, used + w
        text = text[:kept] + "…"
        cells = used + 1
    return text + " " * (width - cells)


def _row(term: Term) -> list[str]:
    # A gloss that follows the Japanese reading says so: its pinyin is not what it spells.
    kind = f"{term.kind} (ja)" if term.reading_language == "ja" else term.kind
    return [
        term.hanja,
        term.hangul or "-",
        kind,
        term.pinyin,
        term.sino_korean,
        term.simplified,
        str(len(term.occurrences) + len(term.mentions)),
    ]


def _summary(terms: int, places: int, bare: int, mentions: int) -> str:
    return ", ".join(
        (
            counted(terms, "term"),
            places_phrase(places, bare, counted),
            counted(mentions, "later mention"),
        )
    )


def render_table(glossary: Glossary, width: int = 80) -> str:
    """A table of the terms that fits the terminal width (80 columns by default).

    Args:
        glossary: The glossary.
        width: Terminal width in cells.

    Returns:
        The table with a title line and a summary line.
    """
    header = ["hanja", "gloss", "kind", "pinyin", "sino-Kor.", "simplified", "uses"]
    rows = [header, *(_row(t) for t in glossary.terms)]
    measured = [[cell_width(c) for c in r] for r in rows]  # Once per cell: 9,000 terms add up.
    widths = [max(m[i] for m in measured) for i in range(len(header))]
    gap = 2 if width >= 100 else 1
    budget = max(width - 1, 40) - gap * (len(widths) - 1)
    # Columns shrink widest first, down to these widths; the kind never shrinks.
    minimum = [10, 8, widths[2], 14, 8, 10, 4]
    while sum(widths) > budget:
        shrinkable = [i for i in range(len(widths)) if widths[i] > minimum[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    lines = [fit(glossary.document.title, sum(widths) + gap * (len(widths) - 1)).rstrip()]
    sep = " " * gap
    for r, m in zip(rows, measured, strict=True):
        lines.append(sep.join(map(fit, r, widths, m)).rstrip())
    n_occ = sum(len(t.occurrences) for t in glossary.terms)
    n_bare = sum(len(t.occurrences) for t in glossary.terms if not t.hangul)
    n_men = sum(len(t.mentions) for t in glossary.terms)
    lines.append(_summary(len(glossary.terms), n_occ, n_bare, n_men))
    return "\n".join(lines) + "\n"


def _clean(value: str) -> str:
    return " ".join(value.split())


def term_rows(glossaries: Sequence[Glossary]) -> tuple[tuple[str, ...], list[list[str]]]:
    """The terms of documents as rows of the one term-row layout.

    The columns are those of ``list`` and ``export --format csv``
    (:data:`glossary.store.export.CSV_COLUMNS`: :data:`glossary.model.TERM_COLUMNS`, then
    the user's columns, empty here, and the counts, the first sentence and the source,
    the document's title).

    Args:
        glossaries: One glossary per document.

    Returns:
        The header and a row per term, documents one after another.
    """
    from glossary.store.export import CSV_COLUMNS

    rows = []
    for g in glossaries:
        for term in g.terms:
            values = dict(zip(TERM_COLUMNS, term_columns(term), strict=True))
            values["occurrences"] = str(len(term.occurrences))
            values["mentions"] = str(sum(m.certain for m in term.mentions))
            values["sentence"] = term.occurrences[0].sentence if term.occurrences else ""
            values["source"] = g.document.title
            rows.append([values.get(column, "") for column in CSV_COLUMNS])
    return CSV_COLUMNS, rows


def render_tsv(glossaries: Sequence[Glossary]) -> str:
    """Tab-separated values, one header line, one line per term (see :func:`term_rows`).

    Tabs and line breaks inside values become single spaces.

    Args:
        glossaries: One glossary per document.

    Returns:
        The TSV text.
    """
    header, rows = term_rows(glossaries)
    return tsv_text(header, rows)


def tsv_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Tab-separated values: a header line, then a line per row, white space in cells folded.

    Args:
        header: The column names.
        rows: The rows.

    Returns:
        The text.
    """
    lines = ["\t".join(header)]
    lines += ("\t".join(_clean(v) for v in row) for row in rows)
    return "\n".join(lines) + "\n"


def csv_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """CSV for spreadsheets, as ``list -f csv`` writes it: CRLF line ends, quotes where
    needed, and a cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``...)
    started with ``'``.

    Args:
        header: The column names.
        rows: The rows.

    Returns:
        The text.
    """
    import csv
    import io

    from glossary.store.export import safe_cell

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return out.getvalue()


def render_csv(glossaries: Sequence[Glossary]) -> str:
    """CSV of the terms, the columns of :func:`render_tsv`.

    Args:
        glossaries: One glossary per document.

    Returns:
        The CSV text.
    """
    header, rows = term_rows(glossaries)
    return csv_text(header, rows)


def _md(value: str) -> str:
    return _clean(value).replace("\\", "\\\\").replace("|", "\\|") or " "


def render_markdown(glossaries: Sequence[Glossary]) -> str:
    """A Markdown section per document with a table of its terms.

    Args:
        glossaries: One glossary per document.

    Returns:
        The Markdown text.
    """
    out: list[str] = []
    for g in glossaries:
        out.append(f"## {_md(g.document.title)}\n")
        out.append(
            "| hanja | gloss | kind | pinyin | simplified | sino-Korean | Mandarin in hangul |"
        )
        out.append("|---|---|---|---|---|---|---|")
        for t in g.terms:
            cells = [
                t.hanja,
                t.hangul,
                t.kind,
                t.pinyin,
                t.simplified,
                t.sino_korean,
                t.mandarin_hangul,
            ]
            out.append("| " + " | ".join(_md(c) for c in cells) + " |")
        out.append("")
    return "\n".join(out)


class Writable(Protocol):
    """Where text can be written: a text stream, or anything with its ``write``."""

    def write(self, text: str, /) -> int:
        """Write text.

        Args:
            text: What to write.

        Returns:
            Characters written.
        """
        ...


def _as_is(item: Any) -> Any:
    return item


def write_json(glossaries: Sequence[Glossary], out: Writable) -> None:
    """Write the documented JSON: one object for one document, a list of objects for several.

    Each term is written on a line of its own as soon as it is encoded (readable with
    ``less`` or ``jq``; the standard library encodes compact JSON in C, indented JSON in
    Python), so that a large glossary is never held as one string.

    Args:
        glossaries: One glossary per document.
        out: Where the JSON text goes (UTF-8 characters unescaped).
    """
    many = len(glossaries) > 1
    if many:
        out.write("[\n")
    for n, glossary in enumerate(glossaries):
        if n:
            out.write(",\n")
        # The object's other members, as the model serialises them; its lists come term by term.
        shell = glossary_to_dict(replace(glossary, terms=(), suggestions=()))
        streamed: dict[str, tuple[Callable[[Any], dict[str, Any]], Sequence[Any]]] = {
            "terms": (term_to_dict, glossary.terms),
            "suggestions": (suggestion_to_dict, glossary.suggestions),
        }
        whole: dict[str, Any] = {}  # Built only for a list the model adds and this lacks.
        out.write('{\n  "document": ' + json.dumps(shell["document"], ensure_ascii=False))
        for key in shell:
            if key == "document":
                continue
            out.write(f',\n  "{key}": ')
            if key in streamed:
                serialise, items = streamed[key]
            else:
                whole = whole or glossary_to_dict(glossary)
                serialise, items = _as_is, whole[key]
            if not items:
                out.write("[]")
                continue
            separator = "[\n    "
            for item in items:
                encoded = (
                    _term_json(item)
                    if key == "terms"
                    and isinstance(item.occurrences, WordPlaces)
                    and not item.place_readings
                    else json.dumps(serialise(item), ensure_ascii=False)
                )
                out.write(separator + encoded)
                separator = ",\n    "
            out.write("\n  ]")
        out.write("\n}")
    out.write("\n]\n" if many else "\n")


# A bare place as ``json.dumps`` writes what :func:`glossary.model.term_to_dict` makes of it.
_WORD_PLACE = (
    '{"start": %d, "end": %d, "sentence": %s, "hanja_start": %d, "hanja_end": %d, '
    '"gloss_start": null, "gloss_end": null, "note": %s}'
)


def _term_json(term: Term) -> str:
    """A term whose places are a word's offsets, encoded as ``json.dumps(term_to_dict(term))``
    would encode it, at a fraction of the cost: a Chinese document has a place per word, two
    million in 10 MB, and the words of a sentence share its encoding."""
    places = cast("WordPlaces", term.occurrences)
    n = places.length
    encoded: dict[str, str] = {}  # Each sentence's JSON string, encoded once.
    notes = {s: json.dumps(note, ensure_ascii=False) for s, note in places.notes.items()}
    parts = []
    for s, sentence in zip(places.starts, places.sentences(), strict=True):
        quoted = encoded.get(sentence)
        if quoted is None:
            quoted = encoded[sentence] = json.dumps(sentence, ensure_ascii=False)
        parts.append(_WORD_PLACE % (s, s + n, quoted, s, s + n, notes.get(s, '""')))
    # The term's other members as json.dumps writes them; its places put in where the empty
    # list is (an unescaped "occurrences": [] can only be that member: a string's quotes are
    # escaped).
    shell = json.dumps(term_to_dict(replace(term, occurrences=())), ensure_ascii=False)
    return shell.replace('"occurrences": []', '"occurrences": [' + ", ".join(parts) + "]", 1)


def render_json(glossaries: Sequence[Glossary]) -> str:
    """The documented JSON as one string (see :func:`write_json`).

    Args:
        glossaries: One glossary per document.

    Returns:
        JSON text (UTF-8 characters unescaped).
    """
    text = io.StringIO()
    write_json(glossaries, text)
    return text.getvalue()
