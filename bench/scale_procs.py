"""Running ``glossary add`` in its own session while polling its process tree's memory."""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newscorpus import MB
from scale_common import log

PAGE = os.sysconf("SC_PAGE_SIZE")


def session_rss(session: int) -> tuple[int, list[int]]:
    """The summed RSS (bytes) of every live process in a session, and their ids.

    Zombies (exited, not yet reaped: the resource tracker a command's workers leave when
    the command ends with ``os._exit``) are neither running nor holding memory.
    """
    total = 0
    pids: list[int] = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()
        if int(fields[3]) == session and fields[0] != b"Z":
            pids.append(int(name))
            total += int(fields[21]) * PAGE
    return total, pids


def _proc_kb(path: str, key: bytes) -> int:
    """A ``Key: N kB`` figure of a /proc file, in bytes; 0 if the process is gone."""
    try:
        with open(path, "rb") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _rss_and_peak(pid: int) -> tuple[int, int]:
    """A process's resident memory now and at its highest (bytes); zeros if it is gone."""
    figures = {b"VmRSS:": 0, b"VmHWM:": 0}
    try:
        with open(f"/proc/{pid}/status", "rb") as fh:
            for line in fh:
                key = line[:6]
                if key in figures:
                    figures[key] = int(line.split()[1]) * 1024
    except OSError:
        pass
    return figures[b"VmRSS:"], figures[b"VmHWM:"]


@dataclass
class AddRun:
    """One ``glossary add`` run.

    Attributes:
        seconds: From spawning it to its exit.
        status: Its exit status (negative: the signal that ended it).
        tree_rss_mb: Peak RSS of its whole process tree, summed, in MiB (polled; pages
            that forked workers share count once per worker).
        tree_pss_mb: Peak PSS of the tree, in MiB (polled; shared pages divided among
            the processes that share them).
        proc_rss_mb: Peak RSS of its largest single process, in MiB (``VmHWM``, polled; not
            ``wait4``, whose figure includes this process's size at the fork).
        last_line: The last line it printed on standard output.
        stderr: The end of what it printed on standard error.
        signalled: Seconds from the start to the signal sent, if one was.
        stopped: Seconds from the signal to its exit.
        left_behind: Processes of its session still running after it exited.
    """

    seconds: float
    status: int
    tree_rss_mb: float
    tree_pss_mb: float
    proc_rss_mb: float
    last_line: str
    stderr: str
    signalled: float | None = None
    stopped: float | None = None
    left_behind: int = 0


def run_add(
    cmd: Sequence[str],
    env: dict[str, str],
    cwd: Path,
    logs: Path,
    *,
    interrupt: tuple[float, signal.Signals] | None = None,
) -> AddRun:
    """Run a command in its own session, polling its process tree's memory.

    Args:
        cmd: The command.
        env: Its environment.
        cwd: Its working folder.
        logs: A file name stem for its standard output and error.
        interrupt: Send this signal to its process group after this many seconds.

    Returns:
        How it went.
    """
    out_path, err_path = logs.with_suffix(".out"), logs.with_suffix(".err")
    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), stdout=out, stderr=err, env=env, cwd=cwd, start_new_session=True
        )
    ended: list[tuple[float, int]] = []  # (time, exit status)

    def wait() -> None:
        _, status = os.waitpid(proc.pid, 0)
        ended.append((time.perf_counter(), os.waitstatus_to_exitcode(status)))

    peak = [0, 0]  # RSS, PSS
    high_water: dict[int, int] = {}

    def poll() -> None:
        # Cheap reads every 0.1 s, dear ones seldom: the poller shares the two cores with a
        # 2-job import, and reading smaps_rollup of its processes takes about 12 ms.
        pids: list[int] = []
        found_at = pss_at = 0.0
        while not ended:
            now = time.perf_counter()
            if now - found_at >= 0.5:
                _, pids = session_rss(proc.pid)
                found_at = now
            total = 0
            for pid in pids:
                rss, hwm = _rss_and_peak(pid)
                total += rss
                high_water[pid] = max(high_water.get(pid, 0), hwm)
            peak[0] = max(peak[0], total)
            if now >= pss_at:
                pss = sum(_proc_kb(f"/proc/{pid}/smaps_rollup", b"Pss:") for pid in pids)
                peak[1] = max(peak[1], pss)
                pss_at = now + 100 * (time.perf_counter() - now)  # At most 1% of a core.
            time.sleep(0.1)

    waiter = threading.Thread(target=wait, daemon=True)
    poller = threading.Thread(target=poll, daemon=True)
    waiter.start()
    poller.start()
    signalled = None
    if interrupt is not None:
        delay, sig = interrupt
        waiter.join(max(0.0, start + delay - time.perf_counter()))
        if waiter.is_alive():
            signalled = time.perf_counter()
            os.killpg(proc.pid, sig)
            waiter.join(120)
            if waiter.is_alive():
                log(f"still running 120 s after {sig.name}; killing it")
                os.killpg(proc.pid, signal.SIGKILL)
    waiter.join()
    poller.join()
    at, proc.returncode = ended[0]  # Reaped above: Popen must not wait for it again.
    _, stray = session_rss(proc.pid)
    for pid in stray:  # Workers that outlived the command: started by this run, so ours.
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    lines = out_path.read_text("utf-8", "replace").strip().splitlines()
    return AddRun(
        seconds=at - start,
        status=proc.returncode,
        tree_rss_mb=peak[0] / MB,
        tree_pss_mb=peak[1] / MB,
        proc_rss_mb=max(high_water.values(), default=0) / MB,
        last_line=lines[-1] if lines else "",
        stderr=err_path.read_text("utf-8", "replace")[-2000:],
        signalled=None if signalled is None else signalled - start,
        stopped=None if signalled is None else at - signalled,
        left_behind=len(stray),
    )


def run_side_by_side(cmds: Sequence[Sequence[str]], env: dict[str, str], cwd: Path) -> float:
    """Start the commands at once; seconds until the last has ended (each must succeed)."""
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            list(cmd),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
        for cmd in cmds
    ]
    errors = [proc.communicate()[1] for proc in procs]
    seconds = time.perf_counter() - start
    for cmd, proc, err in zip(cmds, procs, errors, strict=True):
        if proc.returncode != 0:
            raise SystemExit(f"{shlex.join(cmd[:6])}...: exit {proc.returncode}\n{err!r}")
    return seconds
