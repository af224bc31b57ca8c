"""Adding many texts to the store at once: folders walked, files read in worker processes.

Worker processes read and explain files, and so does the calling process between its
writes; it writes in the order the files were listed, in batched transactions. So an
import gives the same store however many processes read, and an import stopped at any
point (Ctrl-C) and run again gives the same store as one that was never stopped: files
already stored are recognised by their content and skipped.

```python
from glossary.corpus.bulk import add_sources, find_sources
from glossary.store import open_store

with open_store("glossary.sqlite3") as store:
    summary = add_sources(store, find_sources(["news/"]), jobs=2)
```
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from glossary.errors import GlossaryError, InputError
from glossary.model import Document

if TYPE_CHECKING:
    from glossary.engine.enrich import Enricher
    from glossary.store import AddResult, PreparedDocument, Seen, Store, TermKey

# What a folder walk imports; a file named on the command line is read whatever its name.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"})
# Documents per transaction, and the longest a finished document waits for its commit.
BATCH_DOCUMENTS = 64
BATCH_SECONDS = 0.5
# With the default number of jobs, less than this is read in the calling process.
PARALLEL_FROM_BYTES = 4 * 1024 * 1024
# A worker starts with fresh caches after this many documents, bounding its memory.
DOCUMENTS_PER_ENRICHER = 1000


@dataclass(frozen=True)
class Outcome:
    """What reading one source gave.

    Attributes:
        source: The source as listed (a path, or ``-`` for standard input).
        document: Its glossary reduced to store rows; None when unchanged or failed.
        unchanged: True when the store already held this content.
        error: A one-line reason it could not be read; empty when it was.
    """

    source: str
    document: PreparedDocument | None = None
    unchanged: bool = False
    error: str = ""


# A path, standard input already read, or a failure already known.
Item: TypeAlias = "str | Document | Outcome"


@dataclass(frozen=True)
class FileDone:
    """One source finished: read and stored, found unchanged, or failed (in listed order).

    Attributes:
        index: Its place in the list of sources (0-based).
        outcome: What reading it gave.
        result: What storing it did (None when it was not stored).
        size: Its size in bytes (0 for standard input or a missing file).
    """

    index: int
    outcome: Outcome
    result: AddResult | None
    size: int


@dataclass(frozen=True)
class BulkSummary:
    """What an import did.

    Attributes:
        files: Sources listed.
        done: Sources finished (all of them unless interrupted).
        added: Documents stored for the first time.
        replaced: Documents stored again under the same path with new content.
        unchanged: Documents whose content was stored already.
        failed: Sources that could not be read.
        new_terms: Terms the store did not have before.
        seconds: Time taken.
        bytes: Bytes of the finished sources.
        interrupted: True when Ctrl-C stopped the import (what was finished is kept).
    """

    files: int
    done: int
    added: int
    replaced: int
    unchanged: int
    failed: int
    new_terms: int
    seconds: float
    bytes: int
    interrupted: bool


def find_sources(paths: Sequence[str], on_error: Callable[[str], None] | None = None) -> list[str]:
    """The sources to import: files as given, folders walked for text and HTML files.

    A folder's files come in path order (sorted, subfolders included); hidden files and
    folders are left out, and so are pipes and devices. Repeats are dropped. A path that
    does not exist is kept, so that reading it reports the problem.

    Args:
        paths: Files, folders, or ``-`` for standard input.
        on_error: Told, in one line, of each subfolder that cannot be read (it is skipped).

    Returns:
        The sources in order.
    """
    found: dict[str, None] = {}
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found.update(dict.fromkeys(str(p) for p in _walk(Path(path), on_error)))
        else:
            found[path] = None
    return list(found)


def _walk(folder: Path, on_error: Callable[[str], None] | None) -> list[Path]:
    def unreadable(exc: OSError) -> None:
        if on_error is not None:
            on_error(f"{exc.filename}: cannot be read ({exc.strerror or exc}); skipped")

    files: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files += (
            Path(root, n)
            for n in names
            if not n.startswith(".") and Path(n).suffix.lower() in TEXT_SUFFIXES
        )
    # Regular files only: a pipe or a device named like a text file would block the
    # import forever (one named on the command line is read, as the user asked).
    return sorted(f for f in files if f.is_file())


def read_one(
    source: str | Document,
    enricher: Enricher,
    known: frozenset[str],
    encoding: str | None = None,
    sent: set[TermKey] | None = None,
) -> Outcome:
    """Read one source and explain it, unless the store already holds its content.

    Args:
        source: A path, or a document already read (standard input).
        enricher: The caches to use.
        known: Hashes of the documents the store held when the import began.
        encoding: An encoding to force, or None to guess.
        sent: Terms whose values this process has prepared already in this import (see
            :func:`glossary.store.prepare`); None to prepare every term in full.

    Returns:
        The outcome; never raises for a bad file.
    """
    from glossary.harvest import build_glossary
    from glossary.sources.files import read_document
    from glossary.store import prepare

    name = source.path if isinstance(source, Document) else source
    try:
        document = (
            source if isinstance(source, Document) else read_document(source, encoding=encoding)
        )
        if document.sha in known:
            return Outcome(name, unchanged=True)
        # The store keeps no meanings: the dictionary is not needed.
        return Outcome(name, prepare(build_glossary(document, enricher, dictionary=False), sent))
    except InputError as exc:
        return Outcome(name, error=str(exc))
    except (GlossaryError, RecursionError, ValueError, UnicodeError, MemoryError) as exc:
        return Outcome(name, error=f"{name}: could not be explained ({type(exc).__name__}: {exc})")


def add_sources(
    store: Store,
    sources: Sequence[str],
    *,
    jobs: int = 0,
    encoding: str | None = None,
    on_done: Callable[[FileDone], None] | None = None,
    stdin: Callable[[], Document] | None = None,
) -> BulkSummary:
    """Read the sources (in parallel) and store their glossaries, in the order listed.

    Ctrl-C (KeyboardInterrupt) stops the import: what was committed stays, the summary
    says ``interrupted``, and running the same import again finishes it.

    Args:
        store: The open store.
        sources: Paths (see :func:`find_sources`); ``-`` is standard input.
        jobs: Processes that read, this one included (``jobs - 1`` workers); 0 for one
            per core, or only this one for less than 4 MB in all. With one job, or one
            source, no worker starts.
        encoding: An encoding to force, or None to guess per file.
        on_done: Called once per source when it is finished (stored, unchanged or failed),
            in listed order, after its transaction is committed.
        stdin: Reads standard input as a document (for ``-``); by default, from ``sys.stdin``.

    Returns:
        What was done.
    """
    started = time.monotonic()
    sizes = [source_size(s) for s in sources]
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "failed": 0, "new_terms": 0}
    done = 0
    batch: list[tuple[int, Outcome]] = []
    seen: dict[TermKey, Seen] = {}  # Terms stored so far (see add_prepared).
    last_commit = time.monotonic()

    def commit() -> None:
        nonlocal done, last_commit
        finished = list(batch)
        stored = [o.document for _, o in finished if o.document is not None]
        results = iter(store.add_prepared(stored, seen=seen) if stored else ())
        batch.clear()  # Committed: a Ctrl-C from here on must not store them again.
        last_commit = time.monotonic()
        reports = []
        for index, outcome in finished:
            result = next(results) if outcome.document is not None else None
            if outcome.error:
                counts["failed"] += 1
            elif result is None or result.action == "unchanged":
                counts["unchanged"] += 1
            else:
                counts[result.action] += 1
                counts["new_terms"] += result.new_terms
            reports.append(FileDone(index, outcome, result, sizes[index]))
        done += len(reports)  # Counted before reporting, which a Ctrl-C may cut short.
        if on_done is not None:
            for report in reports:
                on_done(report)

    interrupted = False
    outcomes = _outcomes(
        list(sources),
        store.document_hashes(),
        _jobs(jobs, len(sources), sum(sizes)),
        encoding,
        stdin,
    )
    try:
        for index, outcome in outcomes:
            batch.append((index, outcome))
            if len(batch) >= BATCH_DOCUMENTS or time.monotonic() - last_commit >= BATCH_SECONDS:
                commit()
        commit()
    except KeyboardInterrupt:
        interrupted = True
        outcomes.close()  # Stops the workers.
        # What was read in full before Ctrl-C is kept. A second Ctrl-C undoes only that
        # batch's transaction: nothing is ever half-written.
        with contextlib.suppress(KeyboardInterrupt):
            commit()
    return BulkSummary(
        files=len(sources),
        done=done,
        added=counts["added"],
        replaced=counts["replaced"],
        unchanged=counts["unchanged"],
        failed=counts["failed"],
        new_terms=counts["new_terms"],
        seconds=time.monotonic() - started,
        bytes=sum(sizes[:done]),
        interrupted=interrupted,
    )


def source_size(source: str) -> int:
    """A source's size in bytes, for progress: 0 for standard input or a missing file.

    Args:
        source: A path or ``-``.

    Returns:
        The size.
    """
    try:
        return 0 if source == "-" else os.stat(source).st_size
    except OSError:
        return 0


def _jobs(jobs: int, sources: int, size: int) -> int:
    if jobs <= 0:
        if size < PARALLEL_FROM_BYTES:
            return 1  # Starting workers (each loads its tables) costs more than it saves.
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 0
        jobs = jobs or os.cpu_count() or 1
    return max(1, min(jobs, sources))


def _outcomes(
    sources: list[str],
    known: frozenset[str],
    jobs: int,
    encoding: str | None,
    stdin: Callable[[], Document] | None,
) -> Generator[tuple[int, Outcome], None, None]:
    """Each source's outcome, in listed order."""
    items: list[Item] = []
    for source in sources:
        if source == "-":  # Read here: a worker process has no standard input.
            try:
                items.append(stdin() if stdin is not None else _read_stdin(encoding))
            except InputError as exc:
                items.append(Outcome(source, error=str(exc)))
        else:
            items.append(source)
    if jobs <= 1:
        return _in_process(items, known, encoding)
    from glossary.corpus.workers import in_workers  # Process machinery, only when it is used.

    return in_workers(items, known, jobs, encoding)


def _read_stdin(encoding: str | None) -> Document:
    from glossary.sources.files import read_document

    return read_document("-", encoding=encoding)


class Reader:
    """Reads and explains sources in one process, with that process's caches.

    The caches start afresh every :data:`DOCUMENTS_PER_ENRICHER` documents, bounding
    memory. The terms whose values this process has prepared are remembered, so that later
    documents send them without their values (see :func:`glossary.store.prepare`). That
    holds only while sources come in the order they are stored: one that will be stored
    before a source read earlier must be read with ``full=True``.

    Args:
        known: Hashes of the documents the store held when the import began.
        encoding: An encoding to force, or None to guess.
    """

    def __init__(self, known: frozenset[str], encoding: str | None) -> None:
        from glossary.engine.enrich import Enricher

        self.known = known
        self.encoding = encoding
        self.enricher = Enricher()
        self.sent: set[TermKey] = set()
        self.count = 0

    def outcome(self, item: Item, *, full: bool = False) -> Outcome:
        """What one item gives: an outcome known already, or the source read and explained.

        Args:
            item: A path, a document read already (standard input), or an outcome.
            full: Prepare every term with its values: the document will be stored before
                some that this process read earlier, so it cannot rely on them.

        Returns:
            The outcome.
        """
        if isinstance(item, Outcome):
            return item
        if self.count and self.count % DOCUMENTS_PER_ENRICHER == 0:
            from glossary.engine.enrich import Enricher

            self.enricher = Enricher()
            gc.collect()
        self.count += 1
        sent = None if full else self.sent
        return read_one(item, self.enricher, self.known, self.encoding, sent)


@contextlib.contextmanager
def without_cyclic_gc() -> Generator[None, None, None]:
    """No cyclic collection while documents are explained (15% of the time).

    What a document leaves is freed by reference counting; the rest when caches reset.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _in_process(
    items: list[Item], known: frozenset[str], encoding: str | None
) -> Generator[tuple[int, Outcome], None, None]:
    reader = Reader(known, encoding)
    with without_cyclic_gc():
        for index, item in enumerate(items):
            yield index, reader.outcome(item)
