"""Import worker processes: files handed out in order, results gathered back in order.

Used by :func:`glossary.corpus.bulk.add_sources` when more than one job is asked for. With ``N``
jobs, ``N - 1`` worker processes read and explain files, and so does the calling process
between its writes: it takes the next file itself whenever the result it must store next
is not back yet, and once every file is handed out it takes back those no worker has begun.
So ``N`` processes share ``N`` cores, none of them only waiting, the first files are
explained while the workers are still starting, and the last ones are not left to one.

A worker ends with its parent however the parent ends (killed, terminated, interrupted
twice): on Linux the kernel kills it when its parent dies (``PR_SET_PDEATHSIG``), and
everywhere it looks for its parent whenever no file has come for a moment. It holds
nothing the parent's death should release: neither the store's database nor standard
output (a ``| tee`` after ``glossary`` sees the end of its input with the parent's).
"""

from __future__ import annotations

import contextlib
import copyreg
import functools
import io
import os
import pickle
import queue
import signal
import stat
import sys
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

from glossary.corpus.reading import Item, Outcome, Reader, load_modules, without_cyclic_gc
from glossary.errors import GlossaryError

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

# Files handed to each worker ahead of time, so none waits for the next.
AHEAD_PER_WORKER = 32
# Files sent to a worker in one message.
FILES_PER_TASK = 4
# How often a worker waiting for files looks whether its parent is still there.
PARENT_CHECK_SECONDS = 0.2
# On Linux, the kernel kills a worker when its parent dies (False: only the check above).
PARENT_DEATH_SIGNAL = True
# prctl(2): the signal a process gets when its parent dies.
_PR_SET_PDEATHSIG = 1


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
    workers: list[BaseProcess] = []
    if context.get_start_method() == "fork":
        load_modules(items)  # Imported once, here, rather than once in every worker.
    try:
        # Started inside the try: a Ctrl-C meanwhile stops those started already.
        for _ in range(jobs - 1):
            args = (tasks, results, known, encoding, os.getpid())
            workers.append(context.Process(target=_work, args=args, daemon=True))
            workers[-1].start()
        here = Reader(known, encoding)
        # Files are handed out a little ahead of the one to be stored next, never far: a
        # slow file then holds back a bounded number of finished ones.
        window = len(workers) * AHEAD_PER_WORKER
        handed = 0  # Items before this one are with a worker or done here.
        out = 0  # Items handed to workers whose outcome is not back.
        waiting: dict[int, Outcome] = {}
        with without_cyclic_gc():
            for index in range(len(items)):
                while index not in waiting:
                    while handed < len(items) and out < window:
                        # A few files per message: fewer round trips for this process.
                        chunk = list(enumerate(items[handed : handed + FILES_PER_TASK], handed))
                        tasks.put(chunk)
                        handed += len(chunk)
                        out += len(chunk)
                    done = _unpacked(_ready(results))
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
        # All are told to end before any is awaited (and should this process end
        # meanwhile, a second Ctrl-C, they end with it all the same).
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
    carried into the child but never used there: its descriptors are swapped for
    ``/dev/null`` and the worker leaves with ``os._exit``, so nothing of it is closed or
    written from the child.
    """
    import multiprocessing
    import threading

    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _ready(messages: Any) -> Any:
    """The next message of a queue (results, or files handed out), without waiting."""
    try:
        return messages.get_nowait()
    except queue.Empty:
        return []


@functools.cache
def _dispatch_table() -> dict[type, Callable[[Any], Any]]:
    """How a worker pickles its results: the store's named tuples as plain tuples, which
    unpickling turns back into named tuples in C (``tuple.__new__``) rather than through
    their constructors in Python (a quarter of the time, in the process that writes)."""
    from glossary.store.records import PreparedDocument, PreparedTerm

    def as_tuple(value: tuple[Any, ...]) -> tuple[Any, ...]:
        return (tuple.__new__, (type(value), tuple(value)))

    return {**copyreg.dispatch_table, PreparedTerm: as_tuple, PreparedDocument: as_tuple}


def _packed(done: list[tuple[int, Outcome]]) -> bytes:
    """A worker's results as the bytes it sends (see :func:`_dispatch_table`)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _dispatch_table()
    pickler.dump(done)
    return buffer.getvalue()


def _unpacked(message: bytes | list[Any]) -> list[tuple[int, Outcome]]:
    """A worker's results from what it sent (an empty list: nothing came)."""
    if not isinstance(message, bytes):
        return []
    done: list[tuple[int, Outcome]] = pickle.loads(message)
    return done


def _next_result(results: Any, workers: list[BaseProcess]) -> list[tuple[int, Outcome]]:
    while True:
        try:
            return _unpacked(results.get(timeout=0.5))
        except queue.Empty:
            dead = [w for w in workers if w.exitcode not in (None, 0)]
            if dead:
                raise GlossaryError(
                    f"an import worker stopped unexpectedly (exit status {dead[0].exitcode}); "
                    "what was imported is kept: run the same command again to go on"
                ) from None


def _work(
    tasks: Any, results: Any, known: frozenset[str], encoding: str | None, parent: int
) -> None:
    """A worker process: read and explain sources until told to stop or its parent is gone.

    Args:
        tasks: Lists of (index, item) to read; None to stop.
        results: Where the lists of (index, outcome) go.
        known: Hashes of the documents the store held when the import began.
        encoding: An encoding to force, or None to guess.
        parent: The process id of the process that started this one.
    """
    _die_with_parent(parent)
    # Ctrl-C goes to the whole process group; the parent decides what stops. Termination
    # ends a worker at once (a forked one inherits the parent's handlers).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) != signal.SIG_IGN:
            signal.signal(signum, signal.SIG_DFL)
    _let_go_of_files()
    reader = Reader(known, encoding)
    with without_cyclic_gc():
        while (task := _next_task(tasks, parent)) is not None:
            results.put(_packed([(index, reader.outcome(item)) for index, item in task]))
    # Every result sent, the worker leaves without freeing its caches object by object,
    # which would keep the import waiting a few tenths of a second for nothing.
    results.close()
    results.join_thread()
    os._exit(0)


def _next_task(tasks: Any, parent: int) -> list[tuple[int, Item]] | None:
    """The next files to read, or None when told to stop; leaves if the parent is gone.

    The worker holds both ends of the queue, so a parent that dies without a word would
    leave it waiting for ever (or reading the files queued for nobody): it looks for its
    parent before each message, and again whenever none comes for a moment.
    """
    while True:
        if not _parent_alive(parent):
            # Nobody will read the results: leave without sending what is queued.
            os._exit(1)
        with contextlib.suppress(queue.Empty):
            task: list[tuple[int, Item]] | None = tasks.get(timeout=PARENT_CHECK_SECONDS)
            return task


def _parent_alive(parent: int) -> bool:
    """True while the process that started this one runs (``parent`` is its id)."""
    if os.name == "posix":
        return os.getppid() == parent  # An orphan is adopted by another process.
    import multiprocessing

    process = multiprocessing.parent_process()
    return process is None or process.is_alive()


def _die_with_parent(parent: int) -> None:
    """On Linux, have the kernel kill this process when its parent dies, however it dies.

    The signal comes when the parent's thread that started this process ends: here the
    thread that runs the import, which outlives its workers.
    """
    if PARENT_DEATH_SIGNAL and sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # No prctl: the worker still checks, less often.
            pass
    if not _parent_alive(parent):  # It died before the kernel was told.
        os._exit(1)


def _let_go_of_files() -> None:
    """Swap for ``/dev/null`` the descriptors inherited that a worker must not hold.

    A forked worker starts with the parent's descriptors: standard output (which must end
    with the parent, or a ``| tee`` waits for ever) and the store's database, which a
    worker never touches. Every regular file open for writing is swapped (the database and
    its journals); files open for reading, pipes and standard error stay. Swapped rather
    than closed, so that a number still named by an object inherited is never reused.
    """
    if os.name != "posix":
        return  # Spawned there: only the standard streams are inherited.
    import fcntl

    listed = "/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"
    try:
        descriptors = sorted(int(name) for name in os.listdir(listed) if name.isdigit())
    except OSError:
        descriptors = []
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in descriptors:
            if fd <= 2 or fd == null:
                continue
            try:
                mode = os.fstat(fd).st_mode
                writable = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE != os.O_RDONLY
            except OSError:  # The directory listing's own descriptor, closed since.
                continue
            if stat.S_ISREG(mode) and writable:
                os.dup2(null, fd)
        os.dup2(null, 1)
    finally:
        os.close(null)
