"""Stored terms for people: the ``list`` table and ``show``'s report of a hanja's glosses."""

from __future__ import annotations

import os
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from glossary.cli.formats import cell_width, counted, fit
from glossary.cli.grammar import STDIO
from glossary.sources.files import printable

if TYPE_CHECKING:
    from glossary.store import Source, StoredTerm


def render_list(terms: list[StoredTerm], width: int, glosses: dict[str, int] | None = None) -> str:
    """The terms as a table that fits ``width`` cells.

    A gloss is followed by ``+N`` when its hanja has N other glosses in the store.

    Args:
        terms: The stored terms, in order.
        width: Terminal width in cells.
        glosses: How many glosses the store holds per hanja (those with more than one).

    Returns:
        The table and a summary line.
    """
    glosses = glosses or {}
    header = ["hanja", "gloss", "kind", "pinyin", "sino-Kor.", "status", "uses", "docs"]
    marks = [f" +{glosses[t.term.hanja] - 1}" if t.term.hanja in glosses else "" for t in terms]
    rows = [
        [
            t.term.hanja,
            (t.term.hangul or "-") + mark,
            t.term.kind,
            t.term.pinyin,
            t.term.sino_korean,
            t.status,
            str(t.uses),
            str(t.documents),
        ]
        for t, mark in zip(terms, marks, strict=True)
    ]
    widths = [max(cell_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    budget = max(width - 1, 40) - (len(widths) - 1)
    minimum = [8, 8, widths[2], 12, 8, widths[5], 4, 4]
    while sum(widths) > budget:
        shrinkable = [i for i in range(len(widths)) if widths[i] > minimum[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1

    def cell(value: str, column: int, mark: str) -> str:
        if column != 1 or not mark or cell_width(value) <= widths[1]:
            return fit(value, widths[column])
        # Cut the gloss, never its +N.
        return fit(fit(value[: -len(mark)], widths[1] - len(mark)).rstrip() + mark, widths[1])

    lines = [" ".join(fit(c, w) for c, w in zip(header, widths, strict=True)).rstrip()]
    for row, mark in zip(rows, marks, strict=True):
        lines.append(" ".join(cell(c, i, mark) for i, c in enumerate(row)).rstrip())
    summary = counted(len(terms), "term")
    if any(marks):
        summary += " (+N: N other glosses of the same hanja; see glossary show HANJA)"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def gloss_report(variants: list[StoredTerm], limit: int | None = None) -> str:
    """Every gloss of one hanja: its readings, then each gloss with the articles it is in.

    Args:
        variants: The stored glosses of one hanja.
        limit: Articles listed per gloss (None: every one).

    Returns:
        The report's lines.
    """
    first = variants[0].term
    readings = [
        part
        for part in (
            first.pinyin,
            f"sino-Korean {first.sino_korean}" if first.sino_korean else "",
            f"Mandarin in hangul {first.mandarin_hangul}" if first.mandarin_hangul else "",
        )
        if part
    ]
    articles = counted(len({s.sha256 for v in variants for s in v.sources}), "article")
    glossed = sum(1 for v in variants if v.term.hangul)
    if glossed == len(variants):
        uses = f"{counted(glossed, 'gloss')} in {articles}"
    elif glossed:  # The hanja also stand bare (a quotation, a Chinese text).
        uses = f"{counted(glossed, 'gloss')}, and bare, in {articles}"
    else:
        uses = f"no gloss: bare in {articles}"
    lines = [f"{first.hanja}  {' · '.join(readings)}".rstrip(), uses]
    names = [v.term.hangul or "(bare)" for v in variants]
    name_width = max(cell_width(n) for n in names)
    kind_width = max(len(v.term.kind) for v in variants)
    for stored, name in zip(variants, names, strict=True):
        bare = stored.term.kind == "bare"
        counts = _places(stored.occurrences, stored.mentions, bare)
        lines.append(
            f"  {name}{' ' * (name_width - cell_width(name))}  "
            f"{stored.term.kind:<{kind_width}}  {stored.status:<8} "
            f"{counted(stored.documents, 'article')}: {counts}"
        )
        shown = stored.sources if limit is None else stored.sources[:limit]
        for source in shown:
            places = _places(source.occurrences, source.mentions, bare)
            lines.append(f"      {where(source)}: {places}")
        if len(shown) < len(stored.sources):
            more = counted(len(stored.sources) - len(shown), "more article")
            lines.append(f"      … and {more} (--all lists them)")
    return "\n".join(lines) + "\n"


def stored_dict(stored: StoredTerm, limit: int | None = None) -> dict[str, Any]:
    """A stored gloss as ``show -f json`` gives it.

    The term's keys of the JSON contract (without ``occurrences`` and ``mentions``), the
    user's marks, its uses (glossed places and mentions) and articles, and the articles
    it stands in with its glossed places and mentions in each (the first ``limit``).

    Args:
        stored: The stored term.
        limit: Articles listed (None: every one); ``articles`` counts them all.

    Returns:
        A JSON-ready dict.
    """
    from glossary.model import term_to_dict

    data = term_to_dict(stored.term)
    del data["occurrences"], data["mentions"]
    shown = stored.sources if limit is None else stored.sources[:limit]
    return {
        **data,
        "status": stored.status,
        "user_meaning": stored.meaning,
        "user_note": stored.user_note,
        "corrections": dict(stored.corrections),
        "uses": stored.uses,
        "articles": stored.documents,
        "sources": [
            {
                "title": s.title,
                "path": s.path,
                "sha256": s.sha256,
                "occurrences": s.occurrences,
                "mentions": s.mentions,
            }
            for s in shown
        ],
    }


def where(source: Source) -> str:
    """A document as ``title (path)``: a long title cut, a path under the current folder short.

    Args:
        source: A document a term stands in.

    Returns:
        The line's text, printable.
    """
    path = source.path
    if path in ("", STDIO):
        path = "standard input"
    else:
        with suppress(ValueError):
            relative = os.path.relpath(path)
            if not relative.startswith(os.pardir):
                path = relative
        path = printable(path)
    title = fit(printable(source.title), 40).rstrip() if source.title else ""
    return f"{title} ({path})" if title and title != path else path


def _places(occurrences: int, mentions: int, bare: bool) -> str:
    if bare:  # Hanja with no gloss (a Chinese document's words): no gloss, no mention.
        return counted(occurrences, "place")
    return f"{counted(occurrences, 'glossed place')}, {counted(mentions, 'mention')}"
