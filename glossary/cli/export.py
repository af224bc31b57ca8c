"""``glossary export``: the stored terms to a file (or standard output), or to a running Anki."""

from __future__ import annotations

import argparse
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from glossary.cli.formats import counted
from glossary.cli.grammar import EXIT_OK, STDIO
from glossary.cli.store_parser import EXPORT_CHOICES
from glossary.errors import ExportError, InputError
from glossary.sources.files import printable

if TYPE_CHECKING:
    from collections.abc import Callable

    from glossary.store import Store


def check_export(args: argparse.Namespace, out: TextIO) -> None:
    """Settle ``export``'s target and format before the store is opened.

    Args:
        args: The parsed arguments; ``format`` is set from the suffix of ``-o`` when it
            was not given.
        out: Standard output (an Anki package is never written to a terminal).

    Raises:
        InputError: The options do not go together, or no format can be told.
        ExportError: An Anki package would go to a terminal.
    """
    if sends_to_anki(args):
        return
    fmt = args.format or Path(args.output).suffix.lstrip(".").lower()
    if fmt not in EXPORT_CHOICES:
        raise InputError(f"{_target(args.output)}: say which format to write with --format")
    args.format = fmt
    if args.output == STDIO and fmt == "apkg" and out.isatty():
        raise ExportError(
            "standard output is a terminal: write the Anki package to a file "
            "(-o deck.apkg) or through a pipe"
        )


def run_export(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``glossary export`` on an open store.

    Args:
        store: The store, open for reading.
        args: The parsed arguments, checked by :func:`check_export`.
        out: Standard output (the export itself with ``-o -``).
        err: Where the summary goes when the export is on standard output.

    Returns:
        0.
    """
    from glossary.cli.output import signals_raise, write_bytes
    from glossary.store.export import export_store

    if args.to == "anki":
        return _to_anki(store, args, out)
    export = _pleco_writer() if args.format == "pleco" else export_store
    options: dict[str, Any] = {"status": args.status, "kind": args.kind, "deck": args.deck}
    deck = f" (deck {printable(args.deck)})" if args.format in ("apkg", "tsv") else ""
    if args.output == STDIO:
        data = io.BytesIO()
        count = export(store, args.format, data, **options)
        write_bytes(out, data.getvalue())
        # Standard output holds the export: the summary goes beside it.
        print(f"wrote {counted(count, 'term')} to standard output{deck}", file=err)
        return EXIT_OK
    # SIGTERM (and SIGHUP) raise while the file is written, so that its temporary file
    # is removed on the way out (Ctrl-C does so already).
    with signals_raise():
        count = export(store, args.format, args.output, force=args.force, **options)
    print(f"wrote {counted(count, 'term')} to {printable(args.output)}{deck}", file=out)
    return EXIT_OK


def sends_to_anki(args: argparse.Namespace) -> bool:
    """Whether ``export`` sends the notes to Anki (``--to anki``) rather than to a file.

    Args:
        args: The parsed arguments.

    Returns:
        True for ``--to anki``.

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
    return EXIT_OK


def _target(output: str) -> str:
    return "standard output" if output == STDIO else output
