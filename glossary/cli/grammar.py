"""The grammar every ``glossary`` subcommand follows: exit codes, ``-f``, ``-``, help and examples.

- Exit status: 0 success, 1 nothing found, 2 usage or input error (130 after Ctrl-C,
  128+N after signal N), the same for every subcommand (:data:`EXIT_STATUS`).
- ``-f``/``--format`` on every subcommand that prints data, ``json`` always among its
  choices (:func:`add_format`); ``csv`` wherever ``tsv`` is.
- ``-`` is standard input for every file read and standard output for every ``-o``;
  file arguments are marked (:func:`mark_path`) for shell completion and for the test
  that holds every subcommand to this grammar (``tests/glossary/test_cli_grammar.py``).
- Every argument has a help line, with its default where it has one; repeatable options
  say so; every subcommand's help ends with examples (:func:`add_command`).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from glossary.errors import GlossaryError

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130
STDIO = "-"
"""A file argument that means standard input (or standard output, for ``-o``)."""

EXIT_STATUS = """\
exit status (every command):
  0    success
  1    nothing found: no such term (or a name that fits several), no look-up result,
       no suggested hanja, no glossary yet (a command that only reads never creates one)
  2    usage or input error: bad arguments, a file that cannot be read, a glossary
       that cannot be used or changed, output that cannot be written
  130  interrupted (Ctrl-C); 128+N when ended by signal N (143: SIGTERM)"""

# What an argument that names a file is, for completion and the grammar's test: a file
# read (``-`` standard input), a file written (``-`` standard output), a path to
# something else (a database).
INPUT = "input"
OUTPUT = "output"
PATH = "path"


class NothingFound(GlossaryError):
    """Nothing answers a query: exit status 1 with its one line."""


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Examples and the exit status as written (their line breaks kept); a description of
    one paragraph filled to the terminal's width."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:  # Laid out by hand: examples, the exit status.
            return super()._fill_text(text, width, indent)
        return argparse.HelpFormatter._fill_text(self, text, width, indent)


def examples(*lines: str) -> str:
    """The epilog of a subcommand's help: examples, one command per line.

    Args:
        lines: Command lines (``glossary list -f json``), optionally followed by ``#`` and
            what they do.

    Returns:
        The epilog text.
    """
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def add_command(
    commands: Any,
    name: str,
    *,
    summary: str,
    description: str,
    example_lines: Sequence[str],
    parents: Sequence[argparse.ArgumentParser] = (),
) -> argparse.ArgumentParser:
    """Add a subcommand whose help ends with examples.

    Args:
        commands: The parser's subparsers object.
        name: The subcommand.
        summary: Its line in ``glossary --help``.
        description: What ``glossary NAME --help`` says first.
        example_lines: Two or three command lines for the epilog.
        parents: Parsers whose options it shares (``--db``).

    Returns:
        The subcommand's parser.
    """
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog=examples(*example_lines),
        formatter_class=HelpFormatter,
        parents=list(parents),
    )
    return parser


def add_format(
    parser: argparse.ArgumentParser, choices: Sequence[str], default: str | None
) -> argparse.Action:
    """Give a subcommand its ``-f``/``--format`` option.

    Args:
        parser: The subcommand's parser.
        choices: The formats, ``json`` among them.
        default: The format used without ``-f``.

    Returns:
        The option's action.
    """
    return parser.add_argument(
        "-f",
        "--format",
        choices=choices,
        default=default,
        metavar="FORMAT",
        help="output format: %(choices)s (default: %(default)s)",
    )


def mark_path(action: argparse.Action, kind: str) -> argparse.Action:
    """Say what a file argument names (:data:`INPUT`, :data:`OUTPUT` or :data:`PATH`).

    Args:
        action: The argument's action.
        kind: What it names.

    Returns:
        The action.
    """
    action.path_kind = kind  # type: ignore[attr-defined]
    return action


def path_kind(action: argparse.Action) -> str | None:
    """What a file argument names, or None for an argument that names no file.

    Args:
        action: An argument's action.

    Returns:
        :data:`INPUT`, :data:`OUTPUT`, :data:`PATH` or None.
    """
    kind: str | None = getattr(action, "path_kind", None)
    return kind


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subcommands of a parser, by name, in the order they were added.

    Args:
        parser: The ``glossary`` parser.

    Returns:
        Each subcommand's parser.
    """
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}
