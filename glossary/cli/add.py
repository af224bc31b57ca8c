"""``glossary add``: files, folders or standard input into the store, in parallel, resumable."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
from collections.abc import Iterator
from types import FrameType
from typing import TYPE_CHECKING, Any, TextIO

from glossary.cli.formats import counted
from glossary.cli.grammar import EXIT_ERROR, EXIT_INTERRUPTED, INPUT, mark_path
from glossary.cli.output import Terminated
from glossary.model import places_phrase

if TYPE_CHECKING:
    from glossary.corpus.bulk import BulkSummary, FileDone
    from glossary.store import Stats, Store


def add_add_arguments(parser: argparse.ArgumentParser) -> None:
    """Give the ``add`` parser its arguments.

    Args:
        parser: The ``add`` subcommand's parser.
    """
    mark_path(
        parser.add_argument(
            "files",
            nargs="+",
            metavar="PATH",
            help="text or HTML files, folders (walked for .txt, .md and .html files), or - "
            "for standard input",
        ),
        INPUT,
    )
    parser.add_argument(
        "--encoding",
        metavar="ENC",
        help="decode the input with this encoding (default: guess: UTF-8, UTF-16, CP949...)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N",
        help="processes that read files, this one and N-1 workers (default: %(default)s, "
        "one per core; this one alone for less than 4 MB in all; at most one per usable CPU)",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="a line per file even when adding folders (default: a summary line)",
    )


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per core) or more")
    return jobs


def run_add(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``glossary add``.

    Folders are walked; every file is read and explained in parallel (worker processes
    and this one) and stored in the order listed. Files whose content is stored already
    are skipped, so an import stopped with Ctrl-C finishes when run again. A progress line
    shows on a terminal.

    Args:
        store: The open store.
        args: The parsed arguments (``files``, ``encoding``, ``jobs``, ``verbose``,
            ``format``: ``text``, or ``json`` for one object at the end, see
            :func:`_json_report`).
        out: Where results go.
        err: Where one-line errors and the progress line go.

    SIGTERM (or SIGHUP) stops the import as Ctrl-C does, its workers with it, but keeps
    only what was committed.

    Returns:
        0; 2 when some input could not be read; 130 when interrupted; 143 (129) when
        terminated by SIGTERM (SIGHUP).
    """
    from glossary.cli.progress import ProgressLine
    from glossary.corpus.bulk import add_sources, usable_cpus
    from glossary.corpus.walk import find_sources, source_size

    status = 0
    sources: list[str] = []
    folders = False

    def unreadable(message: str) -> None:
        nonlocal status
        print(f"glossary: {message}", file=err)
        status = EXIT_ERROR

    for path in args.files:
        found = find_sources([path], unreadable)
        if path != "-" and os.path.isdir(path):
            folders = True
            if not found:
                print(f"glossary: {path}: no text or HTML files in this folder", file=err)
                status = EXIT_ERROR
        sources += found
    sources = list(dict.fromkeys(sources))
    as_json = getattr(args, "format", "text") == "json"
    each_file = (args.verbose or not folders) and not as_json
    progress = ProgressLine(err, len(sources), sum(source_size(s) for s in sources))
    tally = {"files": 0, "bytes": 0, "terms": 0}
    files: list[dict[str, Any]] = []

    def on_done(done: FileDone) -> None:
        tally["files"] += 1
        tally["bytes"] += done.size
        outcome, result = done.outcome, done.result
        if result is not None:
            tally["terms"] += result.new_terms
        if as_json:
            files.append(_file_dict(outcome.source, outcome.error, result))
        if outcome.error or each_file:
            progress.clear()
            if outcome.error:
                print(f"glossary: {outcome.error}", file=err)
            else:
                print(file_line(outcome.source, result), file=out)
        progress.update(tally["files"], tally["bytes"], tally["terms"])

    cpus = usable_cpus()
    if args.jobs > cpus:
        usable = counted(cpus, "usable CPU")
        print(f"glossary: --jobs {args.jobs} is more than the {usable}: using {cpus}", file=err)
    try:
        with _termination_raises():
            summary = add_sources(
                store, sources, jobs=args.jobs, encoding=args.encoding, on_done=on_done
            )
    except Terminated as exc:
        with contextlib.suppress(OSError, ValueError):  # A terminal gone (SIGHUP) hears nothing.
            progress.clear()
            print(
                f"glossary: terminated: {tally['files']:,} of {len(sources):,} files done and "
                "kept; run the same command again to go on",
                file=err,
            )
        return 128 + exc.signum
    progress.clear()
    if summary.failed:
        status = EXIT_ERROR
    stats = store.stats()
    if as_json:
        out.write(_json_report(files, summary, stats))
    else:
        if folders:
            print(_summary_line(summary), file=out)
        documents = counted(stats.documents, "document")
        print(f"{counted(stats.terms, 'term')} from {documents} in {store.path}", file=out)
    if summary.interrupted:
        print(
            f"glossary: interrupted: {summary.done:,} of {summary.files:,} files done and kept; "
            "run the same command again to go on",
            file=err,
        )
        return EXIT_INTERRUPTED
    return status


@contextlib.contextmanager
def _termination_raises() -> Iterator[None]:
    """For the block, SIGTERM and SIGHUP raise :class:`Terminated` in this process.

    So the import stops its workers and leaves at once, its last transaction committed or
    undone. A worker forked before it sets its own handlers ends as by default. A signal
    ignored (``nohup``) stays ignored; outside the main thread nothing changes.

    Yields:
        Nothing.
    """
    here = os.getpid()

    def handler(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != here:  # A worker, not yet set up: end as the default does.
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated(signum)

    previous: dict[int, Any] = {}
    try:
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is None or signal.getsignal(signum) == signal.SIG_IGN:
                continue
            try:
                previous[signum] = signal.signal(signum, handler)
            except (ValueError, OSError):  # Not the main thread.
                break
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def file_line(source: str, result: object) -> str:
    """What adding one file did, as ``add`` says it.

    Args:
        source: The file as listed.
        result: The store's :class:`~glossary.store.AddResult` for it.

    Returns:
        The line.
    """
    from glossary.store import AddResult

    if not isinstance(result, AddResult) or result.action == "unchanged":
        return f"unchanged  {source}: already in the glossary"
    terms = counted(result.terms, "term")
    # A Chinese document's places are all its words, bare.
    bare = result.occurrences if result.language == "zh" else result.bare_places
    places = places_phrase(result.occurrences, bare, counted)
    return (
        f"{result.action:<10} {source}: {terms} ({result.new_terms} new), "
        f"{places}, {counted(result.mentions, 'later mention')}"
    )


def _file_dict(source: str, error: str | None, result: object) -> dict[str, Any]:
    """One file of ``add -f json``: what storing it did, or why it could not be read."""
    from dataclasses import asdict

    from glossary.store import AddResult

    if error:
        return {"source": source, "error": error}
    done = asdict(result) if isinstance(result, AddResult) else {"action": "unchanged"}
    return {"source": source, **done}


def _json_report(files: list[dict[str, Any]], summary: BulkSummary, stats: Stats) -> str:
    """``add -f json``: every file in order, the import's summary, the glossary's counts."""
    import json
    from dataclasses import asdict

    report = {
        "files": files,
        "summary": asdict(summary),
        "glossary": {"path": stats.path, "documents": stats.documents, "terms": stats.terms},
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _summary_line(summary: BulkSummary) -> str:
    rate = summary.bytes / summary.seconds / 1e6 if summary.seconds > 0 else 0.0
    parts = [f"{summary.added:,} added"]
    if summary.replaced:
        parts.append(f"{summary.replaced:,} replaced")
    parts += [f"{summary.unchanged:,} unchanged", f"{summary.failed:,} failed"]
    return (
        f"{summary.done:,} of {counted(summary.files, 'file')} in {summary.seconds:.1f} s "
        f"({rate:.1f} MB/s): {', '.join(parts)}; {summary.new_terms:,} new terms"
    )
