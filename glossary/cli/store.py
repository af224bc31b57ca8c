"""The ``glossary`` commands over the personal store: add, list, show, status, stats, export..."""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from glossary.cli.add import add_add_arguments
from glossary.errors import ExportError, InputError, UnknownTermError
from glossary.model import KINDS
from glossary.sources.files import printable

if TYPE_CHECKING:
    from collections.abc import Callable

    from glossary.store import Source, Store, StoredTerm

DB_HELP = "the glossary database (default: $HANJA_READER_DB, else the user data folder)"
STATUS_CHOICES = ("new", "learning", "known", "ignored")
EXPORT_CHOICES = ("apkg", "tsv", "csv", "json", "md", "pleco")
LIST_FORMATS = ("table", "tsv", "csv", "json", "md")
SORT_CHOICES = ("added", "documents", "uses")
# Articles `show` lists per gloss unless --all is given: a widespread name is in hundreds.
SHOW_ARTICLES = 10
CORRECT_CHOICES = (
    "simplified",
    "traditional",
    "pinyin",
    "pinyin_numbered",
    "sino_korean",
    "mandarin_hangul",
)
TERM_HELP = "the term: hanja (杭州), gloss (항저우) or both as 항저우(杭州)"
STDOUT = "-"  # export -o -: standard output
# What ProgressLine writes to redraw its line in place: the one control sequence `add` prints.
_REDRAW = "\r\x1b[K"
# The commands that never change the glossary: they open it read-only.
READ_COMMANDS = ("list", "show", "stats", "export")


def add_store_commands(commands: Any) -> None:
    """Add the store's subcommands to the ``glossary`` parser.

    Args:
        commands: The parser's subparsers object.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)

    def command(name: str, help_text: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(  # type: ignore[no-any-return]
            name, help=help_text, description=description, parents=[common]
        )

    add = command(
        "add",
        "keep the terms of texts (or whole folders) in your glossary",
        "Extract the glossary of each text and keep it in your glossary database. Folders "
        "are walked and their files read in parallel processes, with a progress line. Adding a "
        "text again changes nothing (so an import stopped with Ctrl-C goes on where it "
        "stopped when run again); a changed file replaces its older version.",
    )
    add_add_arguments(add)

    listing = command("list", "list the terms in your glossary", "List the stored terms.")
    _filter_options(listing)
    listing.add_argument(
        "-f", "--format", choices=LIST_FORMATS, default="table", help="output format"
    )
    listing.add_argument(
        "--sort",
        choices=SORT_CHOICES,
        default="added",
        help="order: as first stored (added, the default), by the number of articles a "
        "term stands in (documents), or by glossed places and mentions (uses); most first",
    )

    show = command(
        "show",
        "show every gloss of a term's hanja and where each was seen",
        "Show every gloss stored for a term's hanja across articles (a Mandarin "
        "transcription in one, a Sino-Korean reading in another...), its kind, and the "
        "articles where each was seen with its glossed places and mentions.",
    )
    show.add_argument("term", metavar="TERM", help=TERM_HELP)
    show.add_argument(
        "--all",
        action="store_true",
        help=f"list every article (by default the first {SHOW_ARTICLES} per gloss)",
    )

    status = command("status", "mark a term new, learning, known or ignored", "Mark a term.")
    status.add_argument("term", metavar="TERM", help=TERM_HELP)
    status.add_argument(
        "status", choices=STATUS_CHOICES, metavar="STATUS", help="new, learning, known or ignored"
    )

    note = command("note", "write a note on a term", "Set a term's note ('' clears it).")
    note.add_argument("term", metavar="TERM", help=TERM_HELP)
    note.add_argument("text", metavar="TEXT")

    meaning = command("meaning", "set a term's meaning", "Set a term's meaning ('' clears it).")
    meaning.add_argument("term", metavar="TERM", help=TERM_HELP)
    meaning.add_argument("text", metavar="TEXT")

    correct = command(
        "correct",
        "correct a reading of a term",
        "Correct one field of a term (without VALUE: go back to the extracted value). "
        "Adding more texts never undoes a correction.",
    )
    correct.add_argument("term", metavar="TERM", help=TERM_HELP)
    correct.add_argument(
        "field", choices=CORRECT_CHOICES, metavar="FIELD", help=", ".join(CORRECT_CHOICES)
    )
    correct.add_argument("value", nargs="?", metavar="VALUE")

    command("stats", "count what your glossary holds", "Count documents, terms and marks.")

    export = command(
        "export",
        "write your glossary as an Anki deck, TSV, CSV, JSON, Markdown or Pleco cards, "
        "or send it to Anki",
        "Write the stored terms to a file, atomically (through a symbolic link, to the "
        "file it points to). An existing file is kept unless --force is given; FIFOs, "
        "devices and other special files are never replaced. -o - writes to standard "
        "output. --to anki adds and updates the notes in a running Anki (AnkiConnect) "
        "instead.",
    )
    export.add_argument(
        "-f", "--format", choices=EXPORT_CHOICES, help="file format (default: from -o's suffix)"
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="the file to write; - for standard output (required unless --to anki)",
    )
    _filter_options(export)
    export.add_argument(
        "--deck", default="hanja-reader", help="Anki deck name (apkg, tsv, --to anki; pleco)"
    )
    export.add_argument(
        "--to",
        choices=("anki",),
        help="add and update the notes in a running Anki through AnkiConnect (no file)",
    )
    export.add_argument(
        "--anki-url",
        metavar="URL",
        help="AnkiConnect's address with --to anki (default: http://127.0.0.1:8765)",
    )
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")

    imp = command(
        "import",
        "merge a JSON export into your glossary",
        "Merge a file written by `glossary export --format json`: documents, terms, status, "
        "notes and corrections. Importing it twice changes nothing.",
    )
    imp.add_argument("file", metavar="FILE.json")


def _filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--status", action="append", choices=STATUS_CHOICES, help="only terms with this status"
    )
    parser.add_argument("--kind", action="append", choices=KINDS, help="only terms of this kind")


def run_store_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run one of the store's subcommands.

    Args:
        args: The parsed arguments.
        out: Where results go.
        err: Where one-line errors go.

    Returns:
        The exit status.

    Raises:
        GlossaryError: The store, a term or an export failed (the caller prints it).
    """
    from glossary.paths import db_path
    from glossary.store import open_store

    term = getattr(args, "term", None)
    if term is not None and not term.strip():
        raise UnknownTermError(
            f"{args.command}: TERM is empty: give its hanja (杭州), its gloss (항저우) or both"
        )
    path = db_path(args.db)
    if args.command == "export" and not _sends_to_anki(args):
        fmt = args.format or Path(args.output).suffix.lstrip(".").lower()
        if fmt not in EXPORT_CHOICES:
            raise InputError(f"{_target(args.output)}: say which format to write with --format")
        args.format = fmt
        if args.output == STDOUT and fmt == "apkg" and out.isatty():
            raise ExportError(
                "standard output is a terminal: write the Anki package to a file "
                "(-o deck.apkg) or through a pipe"
            )
    reads = args.command in READ_COMMANDS
    with open_store(path, read_only=reads) as store:
        if not reads:
            store.check_writable()  # A read-only store: say so before any work is done.
        handler = _HANDLERS[args.command]
        return handler(store, args, out, err)


def _add(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from glossary.cli.add import run_add

    # Its lines name the files as found on disk: escaped, they cannot drive the terminal.
    return run_add(store, args, _escaped(out), _escaped(err))


class _EscapedLines:
    """A stream whose lines are printed through :func:`printable`, newlines kept.

    The progress line's redraw (``\\r\\x1b[K``) passes as it is; every other control
    character (one in a file name) is shown as an escape. Everything but ``write`` is the
    wrapped stream's (``isatty``, ``flush``...).
    """

    def __init__(self, stream: TextIO) -> None:
        """Wrap a stream.

        Args:
            stream: Where the lines go.
        """
        self._stream = stream

    def write(self, text: str) -> int:
        """Write text, control characters in it escaped.

        Args:
            text: What to write.

        Returns:
            What the wrapped stream returns.
        """
        return self._stream.write(
            _REDRAW.join(
                "\n".join(printable(line) for line in part.split("\n"))
                for part in text.split(_REDRAW)
            )
        )

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _escaped(stream: TextIO) -> TextIO:
    return cast(TextIO, _EscapedLines(stream))


def _list(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from glossary.store import export

    if args.format == "json":
        data = store.dump(status=args.status, kind=args.kind, sort=args.sort)
        out.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return 0
    terms = store.terms(status=args.status, kind=args.kind, sort=args.sort)
    if args.format == "tsv":
        out.write(export.render_plain_tsv(terms))
    elif args.format == "csv":
        out.write(export.render_csv(terms))
    elif args.format == "md":
        out.write(export.render_markdown(terms))
    else:
        glosses = store.gloss_counts()
        out.write(_table(terms, shutil.get_terminal_size((80, 24)).columns, glosses))
    return 0


def _table(terms: list[StoredTerm], width: int, glosses: dict[str, int] | None = None) -> str:
    """The terms as a table that fits ``width`` cells.

    A gloss is followed by ``+N`` when its hanja has N other glosses in the store.
    """
    from glossary.cli.formats import cell_width, fit

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
    summary = _count(len(terms), "term")
    if any(marks):
        summary += " (+N: N other glosses of the same hanja; see glossary show HANJA)"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _show(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    variants = store.glosses(args.term)
    groups: dict[str, list[StoredTerm]] = {}
    for stored in variants:
        groups.setdefault(stored.term.hanja, []).append(stored)
    limit = None if args.all else SHOW_ARTICLES
    out.write("\n".join(_gloss_report(group, limit) for group in groups.values()))
    return 0


def _gloss_report(variants: list[StoredTerm], limit: int | None = None) -> str:
    """Every gloss of one hanja: its readings, then each gloss with the articles it is in."""
    from glossary.cli.formats import cell_width

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
    articles = {s.sha256 for v in variants for s in v.sources}
    lines = [
        f"{first.hanja}  {' · '.join(readings)}".rstrip(),
        f"{_count(len(variants), 'gloss')} in {_count(len(articles), 'article')}",
    ]
    names = [v.term.hangul or "(bare)" for v in variants]
    name_width = max(cell_width(n) for n in names)
    kind_width = max(len(v.term.kind) for v in variants)
    for stored, name in zip(variants, names, strict=True):
        counts = _places(stored.occurrences, stored.mentions)
        lines.append(
            f"  {name}{' ' * (name_width - cell_width(name))}  "
            f"{stored.term.kind:<{kind_width}}  {stored.status:<8} "
            f"{_count(stored.documents, 'article')}: {counts}"
        )
        shown = stored.sources if limit is None else stored.sources[:limit]
        for source in shown:
            lines.append(f"      {_where(source)}: {_places(source.occurrences, source.mentions)}")
        if len(shown) < len(stored.sources):
            more = _count(len(stored.sources) - len(shown), "more article")
            lines.append(f"      … and {more} (--all lists them)")
    return "\n".join(lines) + "\n"


def _where(source: Source) -> str:
    """A document as ``title (path)``: a long title cut, a path under the current folder short."""
    from glossary.cli.formats import fit

    path = source.path
    if path in ("", "-"):
        path = "standard input"
    else:
        with suppress(ValueError):
            relative = os.path.relpath(path)
            if not relative.startswith(os.pardir):
                path = relative
        path = printable(path)
    title = fit(printable(source.title), 40).rstrip() if source.title else ""
    return f"{title} ({path})" if title and title != path else path


def _places(occurrences: int, mentions: int) -> str:
    return f"{_count(occurrences, 'glossed place')}, {_count(mentions, 'mention')}"


def _status(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    key = store.resolve(args.term)
    store.set_status(key, args.status)
    print(f"{_name(key)}: {args.status}", file=out)
    return 0


def _note(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    key = store.resolve(args.term)
    store.set_note(key, args.text)
    print(f"{_name(key)}: note {'set' if args.text else 'cleared'}", file=out)
    return 0


def _meaning(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    key = store.resolve(args.term)
    store.set_meaning(key, args.text)
    print(f"{_name(key)}: meaning {'set' if args.text else 'cleared'}", file=out)
    return 0


def _correct(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    key = store.resolve(args.term)
    store.correct(key, args.field, args.value)
    shown = args.value if args.value is not None else "the extracted value"
    print(f"{_name(key)}: {args.field} is now {shown}", file=out)
    return 0


def _stats(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    stats = store.stats()
    statuses = " · ".join(f"{k} {v}" for k, v in stats.by_status.items())
    kinds = " · ".join(f"{k} {v}" for k, v in stats.by_kind.items())
    print(f"glossary       {printable(str(stats.path))}", file=out)
    print(f"documents      {stats.documents}", file=out)
    print(f"terms          {stats.terms}: {statuses}", file=out)
    print(f"kinds          {kinds}", file=out)
    print(f"glossed places {stats.occurrences}", file=out)
    print(f"mentions       {stats.mentions}", file=out)
    return 0


def _export(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from glossary.cli.output import signals_raise, write_bytes
    from glossary.store.export import export_store

    if args.to == "anki":
        return _to_anki(store, args, out)
    export = _pleco_writer() if args.format == "pleco" else export_store
    options: dict[str, Any] = {"status": args.status, "kind": args.kind, "deck": args.deck}
    deck = f" (deck {printable(args.deck)})" if args.format in ("apkg", "tsv") else ""
    if args.output == STDOUT:
        data = io.BytesIO()
        count = export(store, args.format, data, **options)
        write_bytes(out, data.getvalue())
        # Standard output holds the export: the summary goes beside it.
        print(f"wrote {_count(count, 'term')} to standard output{deck}", file=err)
        return 0
    # SIGTERM (and SIGHUP) raise while the file is written, so that its temporary file
    # is removed on the way out (Ctrl-C does so already).
    with signals_raise():
        count = export(store, args.format, args.output, force=args.force, **options)
    print(f"wrote {_count(count, 'term')} to {printable(args.output)}{deck}", file=out)
    return 0


def _sends_to_anki(args: argparse.Namespace) -> bool:
    """Whether ``export`` sends the notes to Anki (``--to anki``) rather than to a file.

    Raises:
        InputError: Options that do not go with the target: a file (or format) with
            ``--to anki``, no file without it, ``--anki-url`` without it.
    """
    if args.to != "anki":
        if args.output is None:
            raise InputError("export: say where to: -o FILE (- for standard output) or --to anki")
        if args.anki_url is not None:
            raise InputError("export: --anki-url goes with --to anki")
        return False
    if args.output is not None or args.format is not None:
        raise InputError("export: --to anki sends the notes to Anki: leave out -o and --format")
    return True


def _pleco_writer() -> Callable[..., int]:
    """``export_store``'s signature over :func:`glossary.store.pleco.export_pleco`."""
    from glossary.store.pleco import export_pleco

    def write(store: Store, fmt: str, path: Any, **options: Any) -> int:
        return export_pleco(store, path, **options)

    return write


def _to_anki(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    """Add and update the notes in a running Anki; one summary line."""
    from glossary.store.ankiconnect import ANKI_URL, AnkiConnectError, sync_store

    url = args.anki_url or ANKI_URL
    result = sync_store(store, url, status=args.status, kind=args.kind, deck=args.deck)
    print(printable(result.summary()), file=out)
    if result.refused:
        raise AnkiConnectError(result.refusal())
    return 0


def _target(output: str) -> str:
    return "standard output" if output == STDOUT else output


def _import(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    result = store.import_json(args.file)
    print(
        f"imported {printable(args.file)}: {_count(result.documents_added, 'new document')}, "
        f"{_count(result.terms_added, 'new term')}, {result.terms_updated} updated",
        file=out,
    )
    return 0


def _count(n: int, noun: str) -> str:
    from glossary.cli.formats import counted

    return counted(n, noun)


def _name(key: tuple[str, str]) -> str:
    hanja, hangul = key
    return f"{hangul}({hanja})" if hangul else hanja


_HANDLERS = {
    "add": _add,
    "list": _list,
    "show": _show,
    "status": _status,
    "note": _note,
    "meaning": _meaning,
    "correct": _correct,
    "stats": _stats,
    "export": _export,
    "import": _import,
}
