"""Adding many texts to the store at once, in the order listed, read in worker processes.

Worker processes read and explain files, and so does the calling process between its
writes; it writes in the order the files were listed, in batched transactions. So an
import gives the same store however many processes read, and an import stopped at any
point (Ctrl-C) and run again gives the same store as one that was never stopped: files
already stored are recognised by their content and skipped.

```python
from glossary.corpus.bulk import add_sources
from glossary.corpus.walk import find_sources
from glossary.store import open_store

with open_store("glossary.sqlite3") as store:
    summary = add_sources(store, find_sources(["news/"]), jobs=2)
```
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from glossary.corpus.reading import Item, Outcome, in_process
from glossary.corpus.walk import source_size
from glossary.errors import InputError
from glossary.model import Document

if TYPE_CHECKING:
    from glossary.store import AddResult, Seen, Store, TermKey

# Documents per transaction, and the longest a finished document waits for its commit.
BATCH_DOCUMENTS = 64
BATCH_SECONDS = 0.5
# With the default number of jobs, less than this is read in the calling process.
PARALLEL_FROM_BYTES = 4 * 1024 * 1024


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
    says ``interrupted``, and running the same import again finishes it. Any other
    exception (one a signal handler raises, say) stops the workers and goes on up; what
    was committed stays all the same.

    Args:
        store: The open store.
        sources: Paths (see :func:`find_sources`); ``-`` is standard input.
        jobs: Processes that read, this one included (``jobs - 1`` workers); 0 for one
            per core, or only this one for less than 4 MB in all. Never more than the
            usable CPUs (:func:`usable_cpus`). With one job, or one source, no worker starts.
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
    finally:
        outcomes.close()  # Stops the workers, whatever stopped the import.
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


def usable_cpus() -> int:
    """The CPUs this process may run on: its affinity where the system tells it, else all.

    More jobs than that would only share the same CPUs, each worker with its own memory.

    Returns:
        At least 1.
    """
    if hasattr(os, "sched_getaffinity"):
        with contextlib.suppress(OSError):
            return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _jobs(jobs: int, sources: int, size: int) -> int:
    cpus = usable_cpus()
    if jobs <= 0:
        if size < PARALLEL_FROM_BYTES:
            return 1  # Starting workers (each loads its tables) costs more than it saves.
        jobs = cpus
    return max(1, min(jobs, cpus, sources))


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
        return in_process(items, known, encoding)
    from glossary.corpus.workers import in_workers  # Process machinery, only when it is used.

    return in_workers(items, known, jobs, encoding)


def _read_stdin(encoding: str | None) -> Document:
    from glossary.sources.files import read_document

    return read_document("-", encoding=encoding)
