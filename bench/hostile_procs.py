"""Bench: issue 15's cases about processes and the database file, for ``hostile_input.py``.

Imports killed in three ways (no worker may outlive its parent by more than two seconds),
``--jobs`` past the CPUs, an export interrupted while it writes, and a glossary that is
read-only, truncated, not SQLite at all, or locked by another program.

The multi-worker cases read a synthetic news folder of 6 MB (``newscorpus.py``, seed 7),
written once per run into a temporary folder, and the export case a glossary of it, built
once; neither counts in a case's time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hostile_cases import (
    ARTICLE,
    Hang,
    Session,
    Verdict,
    error_outcome,
    kill_group,
    leftovers,
    refused,
)
from hostile_cases import succeeded as ok
from newscorpus import write_corpus

CORPUS_MB = 6
_SHARED = tempfile.TemporaryDirectory(prefix="hostile-shared-")


_BROKEN: list[str] = []  # Why the shared folder or glossary could not be made, if so.


@functools.cache
def news_corpus() -> Path:
    """The news folder the multi-worker cases import (written on first use)."""
    if _BROKEN:
        raise RuntimeError(_BROKEN[0])
    folder = Path(_SHARED.name) / "news"
    write_corpus(folder, CORPUS_MB, seed=7)
    return folder


@functools.cache
def news_store() -> Path:
    """A glossary of the news folder (built on first use), to be copied, never changed."""
    if _BROKEN:
        raise RuntimeError(_BROKEN[0])
    db = Path(_SHARED.name) / "news.sqlite3"
    s = Session(Path(_SHARED.name), limit=20)
    ran = s.run(s.command("--db", str(db), "add", str(news_corpus())), "add")
    if ran.status != 0:
        raise RuntimeError(f"building the news glossary failed: {ran.first}")
    return db


def prepare() -> None:
    """Build the shared corpus and glossary before any case is timed (once: a failure is
    kept, and the cases that need them fail at once)."""
    try:
        news_store()
    except Exception as exc:  # Whatever it is, the cases that need them say so.
        _BROKEN.append(f"the shared news folder or glossary could not be made: {exc}")


@dataclass(frozen=True)
class Proc:
    """A process as /proc shows it."""

    pid: int
    ppid: int
    group: int
    state: str
    cmdline: str


def processes() -> list[Proc]:
    """Every live process (zombies left out: they hold nothing but their exit status)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            text = Path(f"/proc/{entry}/stat").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        if fields[0] != "Z":
            found.append(
                Proc(
                    int(entry),
                    int(fields[1]),
                    int(fields[2]),
                    fields[0],
                    cmdline.decode("utf-8", "replace"),
                )
            )
    return found


def group_of(leader: int) -> list[Proc]:
    """The live processes of a session's group."""
    return [p for p in processes() if p.group == leader]


def usable_cpus() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0))


# Issue 15, item 9: workers end with their parent, however it ends.


def killed_import(how: str) -> Callable[[Session], Verdict]:
    """``glossary add DIR --jobs 2``, killed mid-import: no worker outlives it by 2 s.

    ``how``: ``TERM`` (``kill $!``), ``KILL`` (``kill -9``; the parent cannot clean up), or
    ``INT INT`` (a double Ctrl-C: SIGINT to the whole foreground group, twice).
    """

    def case(s: Session) -> Verdict:
        corpus = news_corpus()
        argv = s.command("--db", str(s.db), "add", str(corpus), "--jobs", "2")
        with (s.folder / "stderr.txt").open("wb") as err:
            proc = subprocess.Popen(
                argv,
                stdout=subprocess.DEVNULL,
                stderr=err,
                stdin=subprocess.DEVNULL,
                cwd=s.folder,
                env=s.env,
                start_new_session=True,
            )
        start = time.monotonic()
        while proc.poll() is None and time.monotonic() - start < 5:
            if len(group_of(proc.pid)) >= 2:
                break
            time.sleep(0.02)
        # Well into the import, as `glossary add DIR --jobs 2 & sleep 1.5; kill $!` is.
        time.sleep(max(0.3, 1.5 - (time.monotonic() - start)))
        running = len(group_of(proc.pid))
        at = time.monotonic() - start
        problems: list[str] = []
        if proc.poll() is not None:
            problems.append(f"the import ended (exit {proc.returncode}) before it was killed")
        elif running < 2:
            problems.append("no worker was running when it was killed")
        for name in how.split():
            with contextlib.suppress(ProcessLookupError):  # Ended already: said above.
                if name == "INT":
                    os.killpg(proc.pid, signal.SIGINT)
                else:
                    os.kill(proc.pid, signal.Signals[f"SIG{name}"])
            time.sleep(0.1)
        try:
            status = proc.wait(timeout=s.limit)
        except subprocess.TimeoutExpired:
            kill_group(proc.pid)
            raise Hang("add: did not end after the signal") from None
        ended = time.monotonic()
        left = survivors(proc.pid, str(s.db))
        while left and time.monotonic() - ended < 2:
            time.sleep(0.02)
            left = survivors(proc.pid, str(s.db))
        gone = time.monotonic() - ended
        if left:
            problems.append(f"{len(left)} processes alive 2 s after: {left[0].cmdline[:60]}")
            for p in left:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(p.pid, signal.SIGKILL)
        err_text = (s.folder / "stderr.txt").read_text(encoding="utf-8", errors="replace")
        if "Traceback" in err_text:
            problems.append("traceback")
        last = err_text.strip().splitlines()[-1] if err_text.strip() else "(no message)"
        said = "" if how == "KILL" else f"; {last}"
        outcome = (
            f"SIG{how.replace(' ', '+SIG')} at {at:.1f} s ({running} processes): exit {status}"
            f"{said}; none left after {gone:.2f} s"
            if not left
            else f"exit {status}{said}"
        )
        return Verdict(outcome, problems)

    return case


def survivors(leader: int, db: str) -> list[Proc]:
    """Processes of a killed command's group, or that name its database, still alive."""
    me = os.getpid()
    return [p for p in processes() if p.pid != me and (p.group == leader or db in p.cmdline)]


# Item 14: --jobs past the CPUs.


def too_many_jobs(s: Session) -> Verdict:
    """``glossary add DIR --jobs 64``: says it is capped, and never runs more processes."""
    argv = s.command("--db", str(s.db), "add", str(news_corpus()), "--jobs", "64")
    proc = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=s.folder,
        env=s.env,
        start_new_session=True,
    )
    most = 0
    start = time.monotonic()
    while proc.poll() is None:
        most = max(most, len(group_of(proc.pid)))
        if time.monotonic() - start > s.limit * 3:
            kill_group(proc.pid)
            raise Hang("add --jobs 64: killed")
        time.sleep(0.02)
    out, err = proc.communicate()
    cpus = usable_cpus()
    capped = f"--jobs 64 is more than the {cpus} usable CPU"
    problems = [] if proc.returncode == 0 else [f"exit {proc.returncode}"]
    text = err.decode("utf-8", "replace")
    if capped not in text:
        problems.append("does not say it is capped")
    if "Traceback" in text:
        problems.append("traceback")
    if most > cpus:
        problems.append(f"{most} processes at once on {cpus} CPUs")
    said = next((line for line in text.splitlines() if "--jobs" in line), "(nothing)")
    return Verdict(f"exit {proc.returncode}: {said}; at most {most} processes", problems)


# Item 3: an export interrupted while it writes leaves no temporary file.


def interrupted_export(name: str) -> Callable[[Session], Verdict]:
    """``export -o deck.apkg --force`` of the news glossary, signalled while it writes.

    The Anki package's temporary file lives about 0.4 s here (a JSON export's, 0.05 s): the
    signal goes 0.1 s after it appears, and the case checks it was still there.
    """

    def case(s: Session) -> Verdict:
        shutil.copyfile(news_store(), s.db)
        deck = s.folder / "deck.apkg"
        deck.write_text("the old deck\n", encoding="utf-8")
        argv = s.command("--db", str(s.db), "export", "-o", "deck.apkg", "--force")
        proc = subprocess.Popen(
            argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            cwd=s.folder,
            env=s.env,
            start_new_session=True,
        )
        start = time.monotonic()
        caught = False
        while proc.poll() is None and time.monotonic() - start < s.limit:
            if leftovers(s.folder):
                time.sleep(0.1)
                caught = proc.poll() is None and bool(leftovers(s.folder))
                with contextlib.suppress(ProcessLookupError):  # Ended already: not caught.
                    os.kill(proc.pid, signal.Signals[f"SIG{name}"])
                break
            time.sleep(0.005)
        try:
            _, err = proc.communicate(timeout=s.limit)
        except subprocess.TimeoutExpired:
            kill_group(proc.pid)
            raise Hang("export: did not end after the signal") from None
        text = err.decode("utf-8", "replace")
        problems = [] if caught else ["the export was not caught while writing"]
        if proc.returncode == 0:
            problems.append("exit 0")
        if "Traceback" in text:
            problems.append("traceback")
        problems += [f"left {left}" for left in leftovers(s.folder)]
        if deck.read_text(encoding="utf-8") != "the old deck\n":
            problems.append("the old deck was changed")
        first = text.strip().splitlines()[0] if text.strip() else "no message"
        return Verdict(
            f"SIG{name} while writing: exit {proc.returncode} ({first}); "
            "no temporary file, the old deck intact",
            problems,
        )

    return case


# Item 15: a glossary that cannot be used as it is says why.


def digest(path: Path) -> str:
    """A file's SHA-256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@functools.cache
def can_unshare() -> bool:
    """Whether this root may mount a folder read-only in a private mount namespace."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    try:
        probe = subprocess.run(
            ["unshare", "-m", "sh", "-c", "mount --bind / /mnt 2>/dev/null || exit 1"],
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


READ_ONLY = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && shift && exec "$@"'


def read_only_folder(s: Session) -> Verdict:
    """The glossary's folder is read-only: reading works, a change is refused in one line."""
    data = s.folder / "data"
    data.mkdir()
    s.db = data / "glossary.sqlite3"
    s.base()
    before = digest(s.db)
    if os.geteuid() == 0 and not can_unshare():
        return Verdict("", skipped="root here, and `unshare -m` cannot mount read-only")
    wrap: Sequence[str] = ()
    if os.geteuid() == 0:
        wrap = ("unshare", "-m", "sh", "-c", READ_ONLY, "sh", str(data))
    else:
        data.chmod(0o555)
    try:
        runs = [
            s.run([*wrap, *s.command("--db", str(s.db), *args)], args[0])
            for args in (
                ("list",),
                ("stats",),
                ("status", "杭州", "learning"),
                ("add", str(ARTICLE)),
            )
        ]
    finally:
        data.chmod(0o755)
    problems = ok(runs[0], "12 terms") + ok(runs[1])
    problems += refused(runs[2], "read-only") + refused(runs[3], "read-only")
    if digest(s.db) != before:
        problems.append("the database changed")
    how = "unshare -m, bind mount ro" if wrap else "chmod 555"
    return Verdict(
        f"({how}) list, stats: exit 0; status: {error_outcome(runs[2])}".replace(
            str(s.folder), "TMP"
        ),
        problems,
    )


def damaged(kind: str) -> Callable[[Session], Verdict]:
    """A truncated database, or a file that is not SQLite: said so; the file left as it is."""

    def case(s: Session) -> Verdict:
        if kind == "truncated":
            s.base()
            with s.db.open("r+b") as fh:
                fh.truncate(s.db.stat().st_size // 2)
            says = "truncated"
        else:
            s.db.write_bytes(os.urandom(100_000))
            says = "not an SQLite file"
        before = digest(s.db)
        runs = [s.g("list"), s.g("status", "杭州", "learning"), s.g("add", str(ARTICLE))]
        problems = [p for ran in runs for p in refused(ran, says)]
        if digest(s.db) != before:
            problems.append("the file was changed")
        return Verdict(f"list, status, add: {error_outcome(runs[0])}", problems)

    return case


HOLD = (
    "import sqlite3, sys, time\n"
    "con = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "con.execute('BEGIN EXCLUSIVE')\n"
    "print('locked', flush=True)\n"
    "time.sleep(60)\n"
)


def locked(s: Session) -> Verdict:
    """Another program holds the glossary locked: ``status`` waits its 10 s, then says so."""
    s.base()
    before = s.snapshot()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(s.db)], stdout=subprocess.PIPE, start_new_session=True
    )
    try:
        assert holder.stdout is not None
        holder.stdout.readline()
        ran = s.g("status", "杭州", "learning")
    finally:
        kill_group(holder.pid)
        holder.wait()
    problems = refused(ran, "busy")
    if s.snapshot() != before:
        problems.append("the glossary changed")
    return Verdict(error_outcome(ran), problems)
