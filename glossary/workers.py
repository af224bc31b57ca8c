"""Import worker processes: files handed out in order, results gathered back in order.

Used by :func:`glossary.bulk.add_sources` when more than one job is asked for.
"""

from __future__ import annotations

import gc
import os
import queue
import signal
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from glossary.bulk import DOCUMENTS_PER_ENRICHER, Item, Outcome, outcome_of
from glossary.errors import GlossaryError

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from glossary.store import TermKey

# Files handed to each worker ahead of time, so none waits for the next.
AHEAD_PER_WORKER = 32
# Files sent to a worker in one message.
FILES_PER_TASK = 4


def in_workers(
    items: list[Item], known: frozenset[str], jobs: int, encoding: str | None
) -> Generator[tuple[int, Outcome], None, None]:
    import multiprocessing

    # spawn, not fork: the caller may hold threads and an open database.
    context = multiprocessing.get_context("spawn")
    tasks: Any = context.Queue()
    results: Any = context.Queue()
    workers: list[BaseProcess] = [
        context.Process(target=_work, args=(tasks, results, known, encoding), daemon=True)
        for _ in range(jobs)
    ]
    for worker in workers:
        worker.start()
    # Files are handed out a little ahead of the one to be stored next, never far: a slow
    # file then holds back a bounded number of finished ones.
    window = jobs * AHEAD_PER_WORKER
    sent = 0
    waiting: dict[int, Outcome] = {}
    try:
        for index in range(len(items)):
            while sent < len(items) and sent < index + window:
                # A few files per message: fewer round trips for the process that writes.
                chunk = list(enumerate(items[sent : sent + FILES_PER_TASK], start=sent))
                tasks.put(chunk)
                sent += len(chunk)
            while index not in waiting:
                waiting.update(_next_result(results, workers))
            yield index, waiting.pop(index)
        for _ in workers:
            tasks.put(None)
        for worker in workers:
            worker.join(timeout=10)
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
        for worker in workers:
            worker.join(timeout=10)
        # Files handed out but not taken are dropped: exiting must not wait to send them.
        tasks.cancel_join_thread()
        tasks.close()
        results.close()


def _next_result(results: Any, workers: list[BaseProcess]) -> list[tuple[int, Outcome]]:
    while True:
        try:
            done: list[tuple[int, Outcome]] = results.get(timeout=0.5)
            return done
        except queue.Empty:
            dead = [w for w in workers if w.exitcode not in (None, 0)]
            if dead:
                raise GlossaryError(
                    f"an import worker stopped unexpectedly (exit status {dead[0].exitcode}); "
                    "what was imported is kept: run the same command again to go on"
                ) from None


def _work(tasks: Any, results: Any, known: frozenset[str], encoding: str | None) -> None:
    """A worker process: read and explain sources until told to stop."""
    from glossary.enrich import Enricher

    # Ctrl-C goes to the whole process group; the parent decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()  # As in `glossary extract`: reference counting frees what a document leaves.
    enricher = Enricher()
    # Terms this worker has sent in full: later documents send them without their values,
    # which the writer has by then (it stores documents in order). Half the bytes to pickle.
    sent: set[TermKey] = set()
    count = 0
    while (task := tasks.get()) is not None:
        done = []
        for index, item in task:
            if count and count % DOCUMENTS_PER_ENRICHER == 0:
                enricher = Enricher()
                gc.collect()
            count += 1
            done.append((index, outcome_of(item, enricher, known, encoding, sent)))
        results.put(done)
    # Every result sent, the worker leaves without freeing its caches object by object,
    # which would keep the import waiting a few tenths of a second for nothing.
    results.close()
    results.join_thread()
    os._exit(0)
