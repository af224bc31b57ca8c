"""Import worker processes: files handed out in order, results gathered back in order.

Used by :func:`glossary.corpus.bulk.add_sources` when more than one job is asked for. With ``N``
jobs, ``N - 1`` worker processes read and explain files, and so does the calling process
between its writes: it takes the next file itself whenever the result it must store next
is not back yet, and once every file is handed out it takes back those no worker has begun.
So ``N`` processes share ``N`` cores, none of them only waiting, the first files are
explained while the workers are still starting, and the last ones are not left to one.
"""

from __future__ import annotations

import os
import queue
import signal
import sys
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from glossary.corpus.reading import Item, Outcome, Reader, without_cyclic_gc
from glossary.errors import GlossaryError

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

# Files handed to each worker ahead of time, so none waits for the next.
AHEAD_PER_WORKER = 32
# Files sent to a worker in one message.
FILES_PER_TASK = 4


def in_workers(
    items: list[Item], known: frozenset[str], jobs: int, encoding: str | None
) -> Generator[tuple[int, Outcome], None, None]:
    """Each item's outcome, in order, read by ``jobs - 1`` worker processes and this one.

    Args:
        items: Paths, documents read already (standard input), or outcomes known already.
        known: Hashes of the documents the store held when the import began.
        jobs: Processes that read, this one included (at least 2).
        encoding: An encoding to force, or None to guess.

    Yields:
        (index, outcome) for every item, in order.

    Raises:
        GlossaryError: A worker process stopped unexpectedly.
    """
    context = _context()
    tasks: Any = context.Queue()
    results: Any = context.Queue()
    workers: list[BaseProcess] = [
        context.Process(target=_work, args=(tasks, results, known, encoding), daemon=True)
        for _ in range(jobs - 1)
    ]
    for worker in workers:
        worker.start()
    here = Reader(known, encoding)
    # Files are handed out a little ahead of the one to be stored next, never far: a slow
    # file then holds back a bounded number of finished ones.
    window = len(workers) * AHEAD_PER_WORKER
    handed = 0  # Items before this one are with a worker or done here.
    out = 0  # Items handed to workers whose outcome is not back.
    waiting: dict[int, Outcome] = {}
    try:
        with without_cyclic_gc():
            for index in range(len(items)):
                while index not in waiting:
                    while handed < len(items) and out < window:
                        # A few files per message: fewer round trips for this process.
                        chunk = list(enumerate(items[handed : handed + FILES_PER_TASK], handed))
                        tasks.put(chunk)
                        handed += len(chunk)
                        out += len(chunk)
                    done = _ready(results)
                    if not done and handed < len(items):
                        # The next result is still with a worker: read the next file here.
                        waiting[handed] = here.outcome(items[handed])
                        handed += 1
                        continue
                    if not done and (task := _ready(tasks)):
                        # Every file is handed out: take back files no worker has begun,
                        # rather than wait while the workers finish all theirs. They come
                        # before files read here already, so they bring all their values.
                        for at, item in task:
                            waiting[at] = here.outcome(item, full=True)
                        out -= len(task)
                        continue
                    if not done:
                        done = _next_result(results, workers)
                    out -= len(done)
                    waiting.update(done)
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


def _context() -> Any:
    """How worker processes start: forked where that is safe, else spawned afresh.

    A forked worker starts at once, with this process's modules imported; a spawned one
    first starts an interpreter and imports them again (0.15 s). Fork only on Linux (other
    systems' libraries may not survive it) and only while this process runs one thread:
    a lock another thread held would stay locked in the child for ever. The open store is
    carried into the child but never used there, and the worker leaves with ``os._exit``,
    so nothing of it is closed or written from the child.
    """
    import multiprocessing
    import threading

    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _ready(messages: Any) -> list[tuple[int, Any]]:
    """The next message of a queue (results, or files handed out), without waiting."""
    try:
        message: list[tuple[int, Any]] = messages.get_nowait()
        return message
    except queue.Empty:
        return []


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
    # Ctrl-C goes to the whole process group; the parent decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    reader = Reader(known, encoding)
    with without_cyclic_gc():
        while (task := tasks.get()) is not None:
            results.put([(index, reader.outcome(item)) for index, item in task])
    # Every result sent, the worker leaves without freeing its caches object by object,
    # which would keep the import waiting a few tenths of a second for nothing.
    results.close()
    results.join_thread()
    os._exit(0)
