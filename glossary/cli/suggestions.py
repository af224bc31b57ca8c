"""``glossary suggestions`` and ``glossary accept``: hanja suggested for unglossed names.

A Korean text often spells a Chinese name in hangul alone (선전 for 深圳). ``suggestions``
lists such words with the hanja CC-CEDICT suggests for them (guesses, never glosses);
``accept`` takes one into the glossary as a gloss: the text is added as ``add`` adds it,
and the pair (선전, 深圳) is stored like a glossed term, explained as the gloss
선전(深圳) would be, with the word's places in the text as its mentions.
"""

from __future__ import annotations

import argparse
import shutil
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from glossary.cli.grammar import (
    EXIT_ERROR,
    EXIT_NOT_FOUND,
    EXIT_OK,
    INPUT,
    PATH,
    NothingFound,
    add_command,
    add_format,
    mark_path,
)
from glossary.cli.lookup import CEDICT_HELP
from glossary.errors import DataError, InputError
from glossary.sources.files import printable

if TYPE_CHECKING:
    from glossary.dictionary.index import CedictIndex
    from glossary.engine.enrich import Enricher
    from glossary.model import Glossary, Suggestion, Term
    from glossary.store import Store

SUGGESTION_FORMATS = ("table", "json", "tsv", "csv")
SUGGESTION_COLUMNS = (
    "hangul",
    "places",
    "rank",
    "hanja",
    "simplified",
    "pinyin",
    "pinyin_numbered",
    "confidence",
    "frequency_rank",
    "meanings",
    "source",
)
ENCODING_HELP = "decode the input with this encoding (default: guess: UTF-8, UTF-16, CP949...)"


def add_suggestion_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``suggestions`` and ``accept`` to the ``glossary`` parser.

    Args:
        commands: The parser's subparsers object.
        common: The options every store command shares (``--db``).
    """
    suggestions = add_command(
        commands,
        "suggestions",
        summary="list hanja suggested for names a text spells in hangul alone (guesses)",
        description=(
            "List the hangul words of texts that look like Korean transcriptions of Chinese "
            "names but carry no hanja (선전 for 深圳), with the hanja CC-CEDICT suggests, "
            "most likely first. They are guesses: `glossary accept` takes one into your "
            "glossary. With no FILE, reads the bundled sample article."
        ),
        example_lines=(
            "glossary suggestions article.txt",
            "glossary suggestions article.txt -f tsv",
            "cat article.txt | glossary suggestions - -f json",
        ),
    )
    mark_path(
        suggestions.add_argument(
            "files",
            nargs="*",
            metavar="FILE",
            help="text or HTML files; - for standard input (default: the bundled sample article)",
        ),
        INPUT,
    )
    add_format(suggestions, SUGGESTION_FORMATS, "table")
    suggestions.add_argument("--encoding", metavar="ENC", help=ENCODING_HELP)
    mark_path(suggestions.add_argument("--cedict", metavar="PATH", help=CEDICT_HELP), PATH)

    accept = add_command(
        commands,
        "accept",
        summary="take a suggested hanja into your glossary as a gloss",
        description=(
            "Accept the hanja suggested for a hangul word of a text (see `glossary "
            "suggestions`) as its gloss: the text is added to your glossary as `glossary "
            "add` adds it, and the word is stored with the hanja like a glossed term "
            "(explained as HANGUL(HANJA) would be), its places in the text counted as its "
            "mentions. Accepting it again changes nothing. This is a command of its own, "
            "not an option of `add`: it names one word of one text."
        ),
        example_lines=(
            "glossary accept article.txt 선전          # the most likely hanja, 深圳",
            "glossary accept article.txt 선전 深圳",
            "cat article.txt | glossary accept - 선전 -f json",
        ),
        parents=[common],
    )
    mark_path(
        accept.add_argument("file", metavar="FILE", help="the text; - for standard input"),
        INPUT,
    )
    accept.add_argument(
        "hangul", metavar="HANGUL", help="the word as the text spells it (선전), a suggestion"
    )
    accept.add_argument(
        "hanja",
        nargs="?",
        metavar="HANJA",
        help="its hanja (default: the first suggested, the most likely)",
    )
    add_format(accept, ("text", "json"), "text")
    accept.add_argument("--encoding", metavar="ENC", help=ENCODING_HELP)
    mark_path(accept.add_argument("--cedict", metavar="PATH", help=CEDICT_HELP), PATH)


def _index(err: TextIO, cedict: str | None) -> CedictIndex:
    """The dictionary suggestions come from.

    Raises:
        DataError: It cannot be opened (the warning is on ``err`` already).
    """
    from glossary.cli.lookup import prepare_dictionary

    index = prepare_dictionary(err, cedict)
    if index is None:
        raise DataError("suggested hanja come from CC-CEDICT, which cannot be used")
    return index


def run_suggestions(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``glossary suggestions``.

    Args:
        args: The parsed arguments (``files``, ``format``, ``encoding``, ``cedict``).
        out: Where the suggestions go.
        err: Where one-line errors go.

    Returns:
        0; 1 when no text has a suggestion; 2 when an input could not be read (the others
        are still listed).
    """
    from glossary.engine.enrich import Enricher
    from glossary.harvest import build_glossary
    from glossary.sources.files import read_document

    status = EXIT_OK
    glossaries: list[Glossary] = []
    index: CedictIndex | None = None
    enricher = Enricher()
    for source in args.files or [None]:
        try:
            document = read_document(source, encoding=args.encoding)
        except InputError as exc:
            print(f"glossary: {printable(str(exc))}", file=err)
            status = EXIT_ERROR
            continue
        if index is None:
            index = _index(err, args.cedict)
        glossaries.append(build_glossary(document, enricher, dictionary=index))
    if not glossaries:
        return status
    found = any(g.suggestions for g in glossaries)
    if args.format == "json":
        out.write(_json(glossaries))
    elif args.format in ("tsv", "csv"):
        from glossary.cli.formats import csv_text, tsv_text

        rows = [row for g in glossaries for row in _rows(g)]
        out.write((tsv_text if args.format == "tsv" else csv_text)(SUGGESTION_COLUMNS, rows))
    elif found:
        width = shutil.get_terminal_size((80, 24)).columns
        out.write("\n".join(render_suggestions(g, width) for g in glossaries))
    if status == EXIT_OK and not found:
        print("glossary: no suggested hanja: every Chinese name is glossed, or none is", file=err)
        return EXIT_NOT_FOUND
    return status


def _json(glossaries: Sequence[Glossary]) -> str:
    import json

    from glossary.model import glossary_to_dict

    def one(g: Glossary) -> dict[str, Any]:
        data = glossary_to_dict(g)
        return {"document": data["document"], "suggestions": data["suggestions"]}

    data: Any = one(glossaries[0]) if len(glossaries) == 1 else [one(g) for g in glossaries]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _rows(glossary: Glossary) -> list[list[str]]:
    """A row per suggested hanja, in the columns of :data:`SUGGESTION_COLUMNS`."""
    rows = []
    for s in glossary.suggestions:
        for rank, c in enumerate(s.candidates, 1):
            values = {
                "hangul": s.hangul,
                "places": str(len(s.places)),
                "rank": str(rank),
                "hanja": c.hanja,
                "simplified": c.simplified,
                "pinyin": c.pinyin,
                "pinyin_numbered": c.pinyin_numbered,
                "confidence": f"{c.confidence:.2f}",
                "frequency_rank": "" if c.frequency_rank is None else str(c.frequency_rank),
                "meanings": "; ".join(c.meanings),
                "source": glossary.document.title,
            }
            rows.append([values[column] for column in SUGGESTION_COLUMNS])
    return rows


def render_suggestions(glossary: Glossary, width: int = 80) -> str:
    """A document's suggestions as a table that fits ``width`` cells.

    The word and its count of places stand on its first (most likely) row.

    Args:
        glossary: The document's glossary.
        width: Terminal width in cells.

    Returns:
        The title line, the table and a summary line.
    """
    from glossary.cli.formats import cell_width, counted, fit

    if not glossary.suggestions:
        title = fit(glossary.document.title, max(width - 1, 40)).rstrip()
        return f"{title}\nno suggested hanja: every Chinese name is glossed, or none is\n"
    header = ["hangul", "places", "hanja", "pinyin", "sure", "meaning"]
    rows = [header]
    for s in glossary.suggestions:
        for rank, c in enumerate(s.candidates):
            word, places = (s.hangul, str(len(s.places))) if rank == 0 else ("", "")
            sure = f"{round(c.confidence * 100)}%"
            rows.append([word, places, c.hanja, c.pinyin, sure, "; ".join(c.meanings)])
    widths = [max(cell_width(r[i]) for r in rows) for i in range(len(header))]
    budget = max(width - 1, 40) - (len(widths) - 1)
    minimum = [8, 6, 8, 10, 4, 12]
    while sum(widths) > budget:
        shrinkable = [i for i in range(len(widths)) if widths[i] > minimum[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    lines = [fit(glossary.document.title, sum(widths) + len(widths) - 1).rstrip()]
    for row in rows:
        lines.append(" ".join(fit(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
    guesses = sum(len(s.candidates) for s in glossary.suggestions)
    lines.append(
        f"{counted(len(glossary.suggestions), 'word')}, {counted(guesses, 'guess')} "
        "(glossary accept FILE HANGUL [HANJA] takes one)"
    )
    return "\n".join(lines) + "\n"


def run_accept(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``glossary accept``.

    Args:
        args: The parsed arguments (``file``, ``hangul``, ``hanja``, ``format``,
            ``encoding``, ``cedict``, ``db``).
        out: Where the result goes.
        err: Where warnings go.

    Returns:
        0.

    Raises:
        NothingFound: The text suggests no hanja for the word.
        GlossaryError: The text, the dictionary or the store cannot be used (the caller
            prints it).
    """
    from glossary.engine.enrich import Enricher
    from glossary.harvest import build_glossary
    from glossary.paths import db_path
    from glossary.sources.files import read_document
    from glossary.store import open_store

    hangul = unicodedata.normalize("NFC", args.hangul.strip())
    if not hangul:
        raise InputError("accept: HANGUL is empty: give the word as the text spells it (선전)")
    hanja = _checked_hanja(args.hanja)
    document = read_document(args.file, encoding=args.encoding)
    name = "standard input" if args.file == "-" else printable(args.file)
    enricher = Enricher()
    index = _index(err, args.cedict)
    glossary = build_glossary(document, enricher, dictionary=index)
    suggestion = next((s for s in glossary.suggestions if s.hangul == hangul), None)
    if suggestion is None:
        glossed = next((t for t in glossary.terms if t.hangul == hangul), None)
        if glossed is not None:
            raise NothingFound(
                f"{hangul}: glossed in {name} already, as {hangul}({glossed.hanja}): "
                "glossary add keeps it"
            )
        raise NothingFound(
            f"{hangul}: no hanja suggested for it in {name} "
            "(glossary suggestions FILE lists the words that have some)"
        )
    if not hanja:
        hanja = suggestion.candidates[0].hanja
    term = accepted_term(hangul, hanja, suggestion, enricher, index)
    change = "unchanged"
    with open_store(db_path(args.db)) as store:
        store.check_writable()
        added = store.add_glossary(glossary)
        export = _export_of(glossary, term)  # Its times after the text's terms were stored.
        if not _placed(store, term.key, export["documents"][0]["sha256"]):
            result = store.import_data(export, name=f"accept {hangul}")
            change = "added" if result.terms_added else "updated"
    if args.format == "json":
        import json

        report = {
            "hanja": term.hanja,
            "hangul": term.hangul,
            "kind": term.kind,
            "pinyin": term.pinyin,
            "places": len(suggestion.places),
            "term": change,
            "document": added.action,
            "title": document.title,
        }
        out.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
        return EXIT_OK
    from glossary.cli.add import file_line
    from glossary.cli.formats import counted

    if added.action != "unchanged":
        print(file_line(name, added), file=out)
    if change == "unchanged":
        print(
            f"{hangul}({term.hanja}): already in your glossary, with its places in {name}",
            file=out,
        )
        return EXIT_OK

    places = counted(len(suggestion.places), "place")
    print(
        f"{hangul}({term.hanja}): accepted as a gloss ({term.kind}, {term.pinyin}), "
        f"{places} in {name}",
        file=out,
    )
    return EXIT_OK


def _placed(store: Store, key: tuple[str, str], sha256: str) -> bool:
    """Whether the store holds the term with places in the document already."""
    from glossary.errors import UnknownTermError

    try:
        variants = store.glosses(key[0])
    except UnknownTermError:
        return False
    return any(v.key == key and any(s.sha256 == sha256 for s in v.sources) for v in variants)


def _checked_hanja(hanja: str | None) -> str:
    """The HANJA typed, NFC, or "" for none.

    Raises:
        InputError: It holds something other than hanja.
    """
    from glossary.engine.cjk import is_hanja

    if hanja is None:
        return ""
    text = unicodedata.normalize("NFC", hanja.strip())
    if not text or not all(is_hanja(ch) for ch in text):
        raise InputError(f"accept: HANJA must be hanja (深圳), not {printable(hanja)!r}")
    return text


def accepted_term(
    hangul: str,
    hanja: str,
    suggestion: Suggestion,
    enricher: Enricher,
    index: CedictIndex | None,
) -> Term:
    """The term an accepted suggestion becomes: the gloss ``hangul(hanja)``, explained.

    It is explained as the engine explains that gloss in a text (kind, readings, forms,
    characters, meanings), and stands where the word stands: its places are its mentions.

    Args:
        hangul: The word.
        hanja: The hanja accepted for it.
        suggestion: The text's suggestion for the word (its places).
        enricher: The enricher the text was read with.
        index: The dictionary, for meanings.

    Returns:
        The term, with no glossed place.

    Raises:
        InputError: The engine does not read ``hangul(hanja)`` as a gloss of these hanja.
    """
    from dataclasses import replace

    from glossary.harvest import build_glossary
    from glossary.model import unified_hanja
    from glossary.sources.files import document_from_text

    gloss = build_glossary(
        document_from_text(f"{hangul}({hanja})"), enricher, dictionary=index or False
    )
    unified = unified_hanja(hanja)
    found = next((t for t in gloss.terms if t.key[0] == unified and t.hangul), None)
    if found is None:
        raise InputError(f"accept: {hangul}({hanja}) is not read as a gloss of {hanja}")
    return replace(found, hangul=hangul, occurrences=(), mentions=suggestion.places)


def _export_of(glossary: Glossary, term: Term) -> dict[str, Any]:
    """A glossary export (the JSON ``import`` reads) holding the text and the accepted term.

    Merged into the store, it adds the term with its mentions in the text, or gives the
    text to a term the store holds that has no place in it yet; the user's marks stay.
    """
    import os
    from datetime import UTC, datetime

    from glossary.model import Glossary as GlossaryOf
    from glossary.model import term_to_dict
    from glossary.store import EXPORT_FORMAT, EXPORT_VERSION, prepare

    doc = prepare(GlossaryOf(document=glossary.document))
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    path = doc.path if doc.path in ("", "-") else os.path.abspath(doc.path)
    data = term_to_dict(term)
    del data["occurrences"], data["mentions"]
    data.update(
        meaning="",
        status="new",
        user_note="",
        created_at=now,
        updated_at=now,
        user_updated_at="",
        corrections={},
        documents=[{"sha256": doc.sha256, "mentions": len(term.mentions)}],
        occurrences=[],
    )
    document = {
        "sha256": doc.sha256,
        "path": path,
        "title": doc.title,
        "encoding": doc.encoding,
        "length": doc.length,
        "added_at": now,
    }
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "documents": [document],
        "terms": [data],
    }
