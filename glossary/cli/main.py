"""The ``glossary`` command: a thin shell over the library's public functions."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import shutil
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn, TextIO

from glossary.cli.formats import (
    render_csv,
    render_markdown,
    render_table,
    render_tsv,
    write_json,
)
from glossary.cli.grammar import EXIT_ERROR, EXIT_NOT_FOUND, EXIT_OK, NothingFound
from glossary.cli.lookup import prepare_dictionary, run_lookup
from glossary.cli.output import Terminated, checked
from glossary.cli.parser import build_parser
from glossary.cli.store import run_store_command
from glossary.engine.enrich import Enricher
from glossary.errors import GlossaryError, InputError, UnknownTermError
from glossary.harvest import build_glossary
from glossary.model import Glossary
from glossary.sources.files import describe_document, printable, read_document, text_encoding

if TYPE_CHECKING:
    from glossary.dictionary.index import CedictIndex

# Arguments that name files: their bytes need not be UTF-8 (a file name may hold any).
_PATH_ARGUMENTS = frozenset({"files", "file", "output", "db", "cedict"})
# How the other arguments are called in messages.
_LABELS = {
    "term": "TERM",
    "text": "TEXT",
    "value": "VALUE",
    "query": "QUERY",
    "hangul": "HANGUL",
    "hanja": "HANJA",
}


def extract_command(
    files: Sequence[str],
    fmt: str,
    encoding: str | None,
    out: TextIO,
    err: TextIO,
    cedict: str | None = None,
    *,
    use_dictionary: bool = True,
    verbose: bool = False,
) -> int:
    """Run ``glossary extract``: read each file, build its glossary and print it.

    Args:
        files: Paths (``-`` for standard input); empty for the bundled article.
        fmt: One of :data:`glossary.cli.formats.FORMATS`.
        encoding: An encoding to force, or None to guess.
        out: Where the result goes.
        err: Where one-line errors go (and the warning when there is no dictionary).
        cedict: A CC-CEDICT file to use instead of the default, or None.
        use_dictionary: False to skip meanings and suggestions (only JSON shows them).
        verbose: Print how each input was read (its encoding) to ``err``.

    Returns:
        The exit status: 0, or 2 when any input could not be read.
    """
    status = EXIT_OK
    enricher = Enricher()
    # Only JSON carries meanings and suggested hanja: the tables would look them up for
    # nothing (a third of the time on a large text). Opened once a document has been read.
    wanted = use_dictionary and fmt == "json"
    dictionary: CedictIndex | bool | None = None if wanted else False
    glossaries: list[Glossary] = []
    sources: list[str | None] = list(files) if files else [None]
    for source in sources:
        try:
            document = read_document(source, encoding=encoding)
        except InputError as exc:
            print(f"glossary: {printable(str(exc))}", file=err)
            status = EXIT_ERROR
            continue
        if verbose:
            print(f"glossary: {printable(describe_document(document))}", file=err)
        if dictionary is None:
            dictionary = prepare_dictionary(err, cedict) or False
        glossaries.append(build_glossary(document, enricher, dictionary=dictionary))
    if not glossaries:
        return status
    if fmt == "json":
        write_json(glossaries, out)  # Term by term: never the whole glossary as one string.
    elif fmt == "tsv":
        out.write(render_tsv(glossaries))
    elif fmt == "csv":
        out.write(render_csv(glossaries))
    elif fmt == "md":
        out.write(render_markdown(glossaries))
    else:
        width = shutil.get_terminal_size((80, 24)).columns
        out.write("\n".join(render_table(g, width) for g in glossaries))
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``glossary`` command.

    Args:
        argv: Arguments (``sys.argv[1:]`` by default).

    Returns:
        The exit status.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    out = checked(sys.stdout)
    try:
        status = _dispatch(parser, args, out)
        # What is still buffered must reach its file now, where a failure can be told.
        out.flush()
        return status
    except (NothingFound, UnknownTermError) as exc:
        print(f"glossary: {printable(str(exc))}", file=sys.stderr)
        return EXIT_NOT_FOUND
    except GlossaryError as exc:  # OutputError too: like a file export that cannot be written.
        print(f"glossary: {printable(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader of our output went away (| head): not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Terminated as exc:
        return 128 + exc.signum


def _check_arguments(args: argparse.Namespace) -> None:
    """Refuse, before anything runs, arguments no command could use.

    Args:
        args: The parsed arguments.

    Raises:
        InputError: ``--encoding`` names no codec that decodes bytes to text, or an
            argument other than a file name holds bytes that are not UTF-8 (the system
            hands those over as lone surrogates, which no text can be stored or printed
            with).
    """
    encoding = getattr(args, "encoding", None)
    if encoding is not None:
        try:
            text_encoding(encoding)
        except InputError as exc:
            raise InputError(f"--encoding {exc}") from None
    for dest, value in vars(args).items():
        if dest in _PATH_ARGUMENTS:
            continue
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and not _is_utf8(text):
                label = _LABELS.get(dest, f"--{dest.replace('_', '-')}")
                raise InputError(
                    f"{args.command}: {label} is not valid UTF-8 ({_shown_bytes(text)})"
                )


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown_bytes(text: str) -> str:
    """An argument with the bytes that are not UTF-8 as ``\\xff``, for a message."""
    # A surrogate that stands for no byte is not from the command line: printable() shows
    # it as U+FFFD.
    with contextlib.suppress(UnicodeEncodeError):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return printable(text)


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace, out: TextIO) -> int:
    """Run the command ``args`` names, its results to ``out`` and its errors to stderr."""
    _check_arguments(args)
    if args.command == "lookup":
        return run_lookup(args, out, sys.stderr)
    if args.command == "completion":
        from glossary.cli.completion import run_completion

        return run_completion(parser, args.shell, out)
    if args.command in ("suggestions", "accept"):
        from glossary.cli import suggestions

        run = (
            suggestions.run_suggestions if args.command == "suggestions" else suggestions.run_accept
        )
        return run(args, out, sys.stderr)
    if args.command != "extract":
        return run_store_command(args, out, sys.stderr)
    # A one-shot run builds a few hundred thousand objects and frees them at exit; the
    # cyclic collector would walk them (and pypinyin's tables) again and again for
    # nothing: 15% of the time on a 10 MB text. Reference counting still frees garbage.
    gc.disable()
    return extract_command(
        args.files,
        args.format,
        args.encoding,
        out,
        sys.stderr,
        args.cedict,
        use_dictionary=not args.no_dictionary,
        verbose=args.verbose,
    )


def run() -> NoReturn:
    """The ``glossary`` console command: :func:`main`, then a quick exit.

    Every command has closed its files, its store and its worker processes when
    :func:`main` returns. Tearing the interpreter down would then free the glossary and
    pypinyin's tables object by object (a tenth of the time on a 10 MB text) for
    nothing, so the process ends once its output is flushed: :func:`main` flushes
    standard output and reports a failure there (a full disk) with a non-zero status.
    """
    status = main()
    for stream in (sys.stdout, sys.stderr):
        # A reader that went away (| head), a stream already closed or one whose failure
        # main() has reported loses nothing more.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)
