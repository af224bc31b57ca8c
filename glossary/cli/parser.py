"""The ``glossary`` command line: every subcommand, following :mod:`glossary.cli.grammar`."""

from __future__ import annotations

import argparse
from typing import Any

from glossary import __version__
from glossary.cli.completion import add_completion_command
from glossary.cli.formats import FORMATS
from glossary.cli.grammar import (
    EXIT_STATUS,
    INPUT,
    PATH,
    HelpFormatter,
    add_command,
    add_format,
    mark_path,
)
from glossary.cli.lookup import CEDICT_HELP, add_lookup_command
from glossary.cli.store import DB_HELP
from glossary.cli.store_parser import add_store_commands
from glossary.cli.suggestions import ENCODING_HELP, add_suggestion_commands

DESCRIPTION = (
    "Find the hanja glosses in Korean text and explain them; keep them in your glossary and "
    "export them as flashcards. `glossary COMMAND --help` says more about each command."
)
EPILOG = f"""\
examples:
  glossary extract article.txt
  glossary add news/ && glossary list --sort documents
  glossary export -o deck.apkg

files: - is standard input for every file read, standard output for every -o.

{EXIT_STATUS}"""


def build_parser() -> argparse.ArgumentParser:
    """The ``glossary`` parser with every subcommand.

    Returns:
        The parser.
    """
    parser = argparse.ArgumentParser(
        prog="glossary",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    mark_path(parser.add_argument("--db", metavar="PATH", help=DB_HELP), PATH)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_extract(commands)
    common = argparse.ArgumentParser(add_help=False)
    mark_path(
        common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP),
        PATH,
    )
    add_store_commands(commands, common)
    add_lookup_command(commands, common)
    add_suggestion_commands(commands, common)
    add_completion_command(commands)
    return parser


def _add_extract(commands: Any) -> None:
    extract = add_command(
        commands,
        "extract",
        summary="list the glossed terms of one or more texts",
        description=(
            "List every hanja gloss (덩샤오핑(鄧小平), 위항(餘杭)구, 3갑(3甲·최고등급)...) "
            "and bare hanja of the texts, with pinyin, simplified form, Sino-Korean reading "
            "and the kind of gloss. With no FILE, reads the bundled sample article. TSV and "
            "CSV have the columns of `glossary list -f tsv` (your marks left empty)."
        ),
        example_lines=(
            "glossary extract article.txt",
            "glossary extract -f json page.html > page.json",
            "curl -s https://example.com/news.html | glossary extract - -f tsv",
        ),
    )
    mark_path(
        extract.add_argument(
            "files",
            nargs="*",
            metavar="FILE",
            help="text or HTML files; - for standard input (default: the bundled sample article)",
        ),
        INPUT,
    )
    add_format(extract, FORMATS, "table")
    extract.add_argument("--encoding", metavar="ENC", help=ENCODING_HELP)
    mark_path(extract.add_argument("--cedict", metavar="PATH", help=CEDICT_HELP), PATH)
    extract.add_argument(
        "--no-dictionary",
        action="store_true",
        help=(
            "skip CC-CEDICT meanings and suggested hanja in JSON (the other formats "
            "do not show them, so they never look them up)"
        ),
    )
    extract.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="say how each input was read, its encoding (default: only errors)",
    )
