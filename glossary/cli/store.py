"""The ``glossary`` commands over the personal store: add, list, show, status, stats, import...

Their arguments are in :mod:`glossary.cli.store_parser`; ``export`` is in
:mod:`glossary.cli.export`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, TextIO, cast

from glossary.cli.grammar import EXIT_OK, STDIO, NothingFound
from glossary.cli.store_parser import SHOW_ARTICLES
from glossary.errors import InputError
from glossary.sources.files import printable

if TYPE_CHECKING:
    from glossary.store import Store, StoredTerm

DB_HELP = (
    "the glossary database (default: $HANJA_READER_DB, else glossary.sqlite3 in the user "
    "data folder)"
)
# What ProgressLine writes to redraw its line in place: the one control sequence `add` prints.
_REDRAW = "\r\x1b[K"
# The commands that never change the glossary: they open it read-only and never create it.
READ_COMMANDS = ("list", "show", "stats", "export")
# The commands that change a term the glossary must hold: they never create it either.
MARK_COMMANDS = ("status", "note", "meaning", "correct")


def run_store_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run one of the store's subcommands.

    Args:
        args: The parsed arguments.
        out: Where results go.
        err: Where one-line errors go.

    Returns:
        The exit status.

    Raises:
        GlossaryError: The store, a term or an export failed (the caller prints it);
            :class:`NothingFound` when a command that needs a glossary finds none.
    """
    from glossary.paths import db_path
    from glossary.store import open_store

    term = getattr(args, "term", None)
    if term is not None and not term.strip():
        raise InputError(
            f"{args.command}: TERM is empty: give its hanja (杭州), its gloss (항저우) or both"
        )
    path = db_path(args.db)
    if args.command == "export":
        from glossary.cli.export import check_export

        check_export(args, out)
    reads = args.command in READ_COMMANDS
    if (reads or args.command in MARK_COMMANDS) and not path.exists():
        raise NothingFound(
            f"{printable(str(path))}: no glossary yet (glossary add FILE starts one)"
        )
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


def _json(out: TextIO, data: object) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _list(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from glossary.store import export

    if args.format == "json":
        _json(out, store.dump(status=args.status, kind=args.kind, sort=args.sort))
        return EXIT_OK
    terms = store.terms(status=args.status, kind=args.kind, sort=args.sort)
    if args.format == "tsv":
        out.write(export.render_plain_tsv(terms))
    elif args.format == "csv":
        out.write(export.render_csv(terms))
    elif args.format == "md":
        out.write(export.render_markdown(terms))
    else:
        from glossary.cli.show import render_list

        glosses = store.gloss_counts()
        out.write(render_list(terms, shutil.get_terminal_size((80, 24)).columns, glosses))
    return EXIT_OK


def _show(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from glossary.cli.show import gloss_report, stored_dict

    variants = store.glosses(args.term)
    if args.format == "json":
        _json(out, [stored_dict(v, None if args.all else SHOW_ARTICLES) for v in variants])
        return EXIT_OK
    groups: dict[str, list[StoredTerm]] = {}
    for stored in variants:
        groups.setdefault(stored.term.hanja, []).append(stored)
    limit = None if args.all else SHOW_ARTICLES
    out.write("\n".join(gloss_report(group, limit) for group in groups.values()))
    return EXIT_OK


def _marked(
    out: TextIO, args: argparse.Namespace, key: tuple[str, str], field: str, value: object
) -> None:
    """Say what a mark set: ``항저우(杭州): known``, or its JSON."""
    if args.format == "json":
        _json(out, {"hanja": key[0], "hangul": key[1], field: value})
    elif args.command == "status":
        print(f"{_name(key)}: {value}", file=out)
    elif args.command == "correct":
        shown = value if value is not None else "the extracted value"
        print(f"{_name(key)}: {field} is now {shown}", file=out)
    else:
        print(f"{_name(key)}: {field} {'set' if value else 'cleared'}", file=out)


def _status(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    key = store.resolve(args.term)
    store.set_status(key, args.status)
    _marked(out, args, key, "status", args.status)
    return EXIT_OK


def _note(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    key = store.resolve(args.term)
    store.set_note(key, args.text)
    _marked(out, args, key, "note", args.text)
    return EXIT_OK


def _meaning(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    key = store.resolve(args.term)
    store.set_meaning(key, args.text)
    _marked(out, args, key, "meaning", args.text)
    return EXIT_OK


def _correct(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    key = store.resolve(args.term)
    store.correct(key, args.field, args.value)
    _marked(out, args, key, args.field, args.value)
    return EXIT_OK


def _stats(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    stats = store.stats()
    if args.format == "json":
        _json(out, {**asdict(stats), "path": str(stats.path)})
        return EXIT_OK
    statuses = " · ".join(f"{k} {v}" for k, v in stats.by_status.items())
    kinds = " · ".join(f"{k} {v}" for k, v in stats.by_kind.items())
    print(f"glossary       {printable(str(stats.path))}", file=out)
    print(f"documents      {stats.documents}", file=out)
    print(f"terms          {stats.terms}: {statuses}", file=out)
    print(f"kinds          {kinds}", file=out)
    # Places of glossed and of bare hanja (a Chinese document's words) alike.
    print(f"places         {stats.occurrences}", file=out)
    print(f"mentions       {stats.mentions}", file=out)
    return EXIT_OK


def _export(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from glossary.cli.export import run_export

    return run_export(store, args, out, err)


def _import(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from glossary.cli.formats import counted

    if args.file == STDIO:
        from glossary.store.validate import loads

        name = "standard input"
        result = store.import_data(loads(_standard_input_text(), name), name=name)
    else:
        name = printable(args.file)
        result = store.import_json(args.file)
    if args.format == "json":
        _json(out, {"file": args.file, **asdict(result)})
        return EXIT_OK
    print(
        f"imported {name}: {counted(result.documents_added, 'new document')}, "
        f"{counted(result.terms_added, 'new term')}, {result.terms_updated} updated",
        file=out,
    )
    return EXIT_OK


def _standard_input_text() -> str:
    """All of standard input, as UTF-8 text (a JSON export).

    Raises:
        InputError: Standard input is closed, or not UTF-8.
    """
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("standard input: closed, there is nothing to read")
    try:
        data = stream.read()
    except ValueError:  # Read from a closed file.
        raise InputError("standard input: closed, there is nothing to read") from None
    except OSError as exc:
        raise InputError(f"standard input: cannot be read ({exc.strerror or exc})") from None
    try:
        return bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"standard input: not a JSON file ({exc})") from None


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
