"""Writing a glossary as a terminal table, TSV, Markdown or JSON."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from typing import Any

from glossary.model import TERM_COLUMNS, Glossary, Term, glossary_to_dict, term_columns

FORMATS = ("table", "json", "tsv", "md")

TSV_COLUMNS = (
    *TERM_COLUMNS,
    "note",
    "kind_note",
    "occurrences",
    "mentions",
    "sentence",
)


# East Asian wide and fullwidth ranges (hangul, CJK, kana, fullwidth forms): two cells each.
_WIDE = (
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd]"
)
# Combining marks, zero-width characters and variation selectors: no cell.
_ZERO = "[\u0300-\u036f\u200b-\u200f\u20d0-\u20ff\ufe00-\ufe0f]"
# Texts at least this long are measured with regular expressions (compiled on first use,
# some 3 ms); shorter ones, which a table mostly holds, character by character.
_LONG = 256


@functools.cache
def _wide() -> re.Pattern[str]:
    return re.compile(_WIDE)


@functools.cache
def _zero() -> re.Pattern[str]:
    return re.compile(_ZERO)


@functools.cache
def _cells(ch: str) -> int:
    """Terminal cells of one character (2 wide, 0 zero-width, else 1), as the patterns say."""
    o = ord(ch)
    for low, high in _WIDE_RANGES:
        if low <= o <= high:
            return 2
    for low, high in _ZERO_RANGES:
        if low <= o <= high:
            return 0
    return 1


def _ranges(pattern: str) -> tuple[tuple[int, int], ...]:
    """The ranges of a character class ``[a-bc-d...]`` written with ranges only."""
    body = pattern[1:-1]
    return tuple((ord(body[i]), ord(body[i + 2])) for i in range(0, len(body), 3))


_WIDE_RANGES = _ranges(_WIDE)
_ZERO_RANGES = _ranges(_ZERO)


def cell_width(text: str) -> int:
    """Terminal cells a string takes: hangul, hanja and other wide characters take two.

    Args:
        text: The string.

    Returns:
        Its width in cells.
    """
    if text.isascii():
        return len(text)
    if len(text) < _LONG:
        return sum(map(_cells, text))
    return len(text) + len(_wide().findall(text)) - len(_zero().findall(text))


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
        out, used = [], 0
        for ch in text:
            w = cell_width(ch)
            if used + w > width - 1:
                break
            out.append(ch)
            used += w
        text = "".join(out) + "…"
        cells = used + 1
    return text + " " * (width - cells)


def _row(term: Term) -> list[str]:
    return [
        term.hanja,
        term.hangul or "-",
        term.kind,
        term.pinyin,
        term.sino_korean,
        term.simplified,
        str(len(term.occurrences) + len(term.mentions)),
    ]


def _summary(terms: int, places: int, mentions: int) -> str:
    def count(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    return ", ".join(
        (
            count(terms, "term", "terms"),
            count(places, "glossed place", "glossed places"),
            count(mentions, "later mention", "later mentions"),
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
    n_men = sum(len(t.mentions) for t in glossary.terms)
    lines.append(_summary(len(glossary.terms), n_occ, n_men))
    return "\n".join(lines) + "\n"


def _clean(value: str) -> str:
    return " ".join(value.split())


def _tsv_values(term: Term) -> list[str]:
    return [
        *term_columns(term),
        term.note,
        term.kind_note,
        str(len(term.occurrences)),
        str(len(term.mentions)),
        term.occurrences[0].sentence if term.occurrences else "",
    ]


def render_tsv(glossaries: Sequence[Glossary]) -> str:
    """Tab-separated values, one header line, one line per term.

    Tabs and line breaks inside values become single spaces. With several documents a
    ``document`` column comes first.

    Args:
        glossaries: One glossary per document.

    Returns:
        The TSV text.
    """
    many = len(glossaries) > 1
    lines = ["\t".join((["document"] if many else []) + list(TSV_COLUMNS))]
    for g in glossaries:
        for term in g.terms:
            values = [_clean(v) for v in _tsv_values(term)]
            lines.append("\t".join(([_clean(g.document.path)] if many else []) + values))
    return "\n".join(lines) + "\n"


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


def _items(items: Sequence[Any]) -> str:
    """A JSON list with each item on a line of its own."""
    body = ",\n    ".join(json.dumps(item, ensure_ascii=False) for item in items)
    return f"[\n    {body}\n  ]" if body else "[]"


def render_json(glossaries: Sequence[Glossary]) -> str:
    """The documented JSON: one object for one document, a list of objects for several.

    Each term is written on a line of its own: readable with ``less`` or ``jq``, and fast
    (the standard library encodes compact JSON in C, indented JSON in Python).

    Args:
        glossaries: One glossary per document.

    Returns:
        JSON text (UTF-8 characters unescaped).
    """

    def one(g: Glossary) -> str:
        data = glossary_to_dict(g)
        document = json.dumps(data["document"], ensure_ascii=False)
        lists = "".join(
            f',\n  "{key}": {_items(value)}' for key, value in data.items() if key != "document"
        )
        return f'{{\n  "document": {document}{lists}\n}}'

    if len(glossaries) == 1:
        return one(glossaries[0]) + "\n"
    return "[\n" + ",\n".join(one(g) for g in glossaries) + "\n]\n"
