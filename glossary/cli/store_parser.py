"""The arguments of the store's subcommands: add, list, show, status, note, meaning, correct..."""

from __future__ import annotations

import argparse
from typing import Any

from glossary.cli.add import add_add_arguments
from glossary.cli.grammar import INPUT, OUTPUT, add_command, add_format, mark_path
from glossary.model import KINDS

STATUS_CHOICES = ("new", "learning", "known", "ignored")
EXPORT_CHOICES = ("apkg", "tsv", "csv", "json", "md", "pleco")
LIST_FORMATS = ("table", "tsv", "csv", "json", "md")
TEXT_FORMATS = ("text", "json")
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
TERM_HELP = "the term: its hanja (杭州), its gloss (항저우) or both, as 항저우(杭州) or 杭州/항저우"
DEFAULT_DECK = "hanja-reader"
ANKI_URL = "http://127.0.0.1:8765"


def add_store_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the store's subcommands to the ``glossary`` parser.

    Args:
        commands: The parser's subparsers object.
        common: The options every store command shares (``--db``).
    """
    parents = [common]
    add = add_command(
        commands,
        "add",
        summary="keep the terms of texts (or whole folders) in your glossary",
        description=(
            "Extract the glossary of each text and keep it in your glossary database. "
            "Folders are walked and their files read in parallel processes, with a "
            "progress line. Adding a text again changes nothing (so an import stopped "
            "with Ctrl-C goes on where it stopped when run again); a changed file "
            "replaces its older version."
        ),
        example_lines=(
            "glossary add article.txt",
            "glossary add news/ --jobs 2        # every .txt, .md and .html file under news/",
            "pbpaste | glossary add -",
        ),
        parents=parents,
    )
    add_add_arguments(add)
    add_format(add, TEXT_FORMATS, "text")

    listing = add_command(
        commands,
        "list",
        summary="list the terms in your glossary",
        description=(
            "List the stored terms. TSV and CSV have one header line and a row per term, "
            "the columns of `export --format csv` (and of `extract --format tsv`)."
        ),
        example_lines=(
            "glossary list --status learning --sort uses",
            "glossary list -f csv > terms.csv",
            "glossary list --kind transcription -f json",
        ),
        parents=parents,
    )
    _filter_options(listing)
    add_format(listing, LIST_FORMATS, "table")
    listing.add_argument(
        "--sort",
        choices=SORT_CHOICES,
        default="added",
        help="order: as first stored (added), by the number of articles a term stands "
        "in (documents), or by glossed places and mentions (uses); most first "
        "(default: %(default)s)",
    )

    show = add_command(
        commands,
        "show",
        summary="show every gloss of a term's hanja and where each was seen",
        description=(
            "Show every gloss stored for a term's hanja across articles (a Mandarin "
            "transcription in one, a Sino-Korean reading in another...), its kind, and "
            "the articles where each was seen with its glossed places and mentions."
        ),
        example_lines=("glossary show 杭州", "glossary show 항저우 --all -f json"),
        parents=parents,
    )
    show.add_argument("term", metavar="TERM", help=TERM_HELP)
    show.add_argument(
        "--all",
        action="store_true",
        help=f"list every article (default: the first {SHOW_ARTICLES} per gloss)",
    )
    add_format(show, TEXT_FORMATS, "text")

    status = add_command(
        commands,
        "status",
        summary="mark a term new, learning, known or ignored",
        description="Mark a term. Ignored terms stay out of exports unless asked for.",
        example_lines=("glossary status 杭州 known", "glossary status '항저우(杭州)' learning"),
        parents=parents,
    )
    status.add_argument("term", metavar="TERM", help=TERM_HELP)
    status.add_argument(
        "status", choices=STATUS_CHOICES, metavar="STATUS", help="new, learning, known or ignored"
    )
    add_format(status, TEXT_FORMATS, "text")

    for name, what in (("note", "note"), ("meaning", "own meaning")):
        parser = add_command(
            commands,
            name,
            summary=f"set a term's {what}",
            description=(
                f"Set a term's {what} ('' clears it). A {name} that starts with a dash "
                "goes after --."
            ),
            example_lines=(
                f"glossary {name} 杭州 'capital of Zhejiang'",
                f"glossary {name} 杭州 ''                 # clears it",
                f"glossary {name} 杭州 -- '-ish'          # a {name} that starts with a dash",
            ),
            parents=parents,
        )
        parser.add_argument("term", metavar="TERM", help=TERM_HELP)
        parser.add_argument("text", metavar="TEXT", help=f"the {what}; '' clears it")
        add_format(parser, TEXT_FORMATS, "text")

    correct = add_command(
        commands,
        "correct",
        summary="correct a reading of a term",
        description=(
            "Correct one field of a term (without VALUE: go back to the extracted value). "
            "Adding more texts never undoes a correction. A pinyin may be typed with tone "
            "marks or tone numbers; both spellings are kept."
        ),
        example_lines=(
            "glossary correct 李滉 pinyin 'li3 huang3'",
            "glossary correct 杭州 sino_korean 항주",
            "glossary correct 杭州 pinyin            # back to the extracted pinyin",
        ),
        parents=parents,
    )
    correct.add_argument("term", metavar="TERM", help=TERM_HELP)
    correct.add_argument(
        "field", choices=CORRECT_CHOICES, metavar="FIELD", help=", ".join(CORRECT_CHOICES)
    )
    correct.add_argument(
        "value", nargs="?", metavar="VALUE", help="the corrected value (default: the extracted one)"
    )
    add_format(correct, TEXT_FORMATS, "text")

    stats = add_command(
        commands,
        "stats",
        summary="count what your glossary holds",
        description="Count documents, terms, marks, kinds, glossed places and mentions.",
        example_lines=("glossary stats", "glossary stats -f json"),
        parents=parents,
    )
    add_format(stats, TEXT_FORMATS, "text")

    _export_command(commands, parents)

    imp = add_command(
        commands,
        "import",
        summary="merge a JSON export into your glossary",
        description=(
            "Merge a file written by `glossary export --format json`: documents, terms, "
            "status, notes and corrections. Importing it twice changes nothing."
        ),
        example_lines=(
            "glossary import backup.json",
            "ssh laptop glossary export -f json -o - | glossary import -",
        ),
        parents=parents,
    )
    mark_path(
        imp.add_argument("file", metavar="FILE.json", help="the export; - for standard input"),
        INPUT,
    )
    add_format(imp, TEXT_FORMATS, "text")


def _export_command(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    export = add_command(
        commands,
        "export",
        summary="write your glossary as an Anki deck, TSV, CSV, JSON, Markdown or Pleco cards, "
        "or send it to Anki",
        description=(
            "Write the stored terms to a file, atomically (through a symbolic link, to the "
            "file it points to). An existing file is kept unless --force is given; FIFOs, "
            "devices and other special files are never replaced. -o - writes to standard "
            "output. --to anki adds and updates the notes in a running Anki (AnkiConnect) "
            "instead. tsv is Anki's text import (a note per line); csv has the columns of "
            "`list -f csv`."
        ),
        example_lines=(
            "glossary export -o deck.apkg --status learning",
            "glossary export -f json -o - > backup.json",
            "glossary export --to anki --deck Chinese",
        ),
        parents=parents,
    )
    export.add_argument(
        "-f",
        "--format",
        choices=EXPORT_CHOICES,
        metavar="FORMAT",
        help="file format: %(choices)s (default: from the suffix of -o)",
    )
    mark_path(
        export.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help="the file to write; - for standard output (required unless --to anki)",
        ),
        OUTPUT,
    )
    _filter_options(export)
    export.add_argument(
        "--deck",
        default=DEFAULT_DECK,
        help="Anki deck name, for apkg, tsv, pleco and --to anki (default: %(default)s)",
    )
    export.add_argument(
        "--to",
        choices=("anki",),
        help="add and update the notes in a running Anki through AnkiConnect, no file "
        "(default: write the file -o names)",
    )
    export.add_argument(
        "--anki-url",
        metavar="URL",
        help=f"AnkiConnect's address with --to anki (default: {ANKI_URL})",
    )
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--status",
        action="append",
        choices=STATUS_CHOICES,
        help="only terms with this status; repeat it for several (default: every status; "
        "exports leave ignored terms out unless asked for, but json)",
    )
    parser.add_argument(
        "--kind",
        action="append",
        choices=KINDS,
        help="only terms of this kind; repeat it for several (default: every kind)",
    )
