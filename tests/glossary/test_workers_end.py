"""Import workers end with their parent however it ends, and never outnumber the CPUs.

Each test runs ``glossary add`` on a generated 1 MB news folder (``bench/newscorpus.py``)
in a process of its own, finds its workers in ``/proc`` and ends the parent: killed
(SIGKILL), terminated (SIGTERM) or interrupted twice (Ctrl-C Ctrl-C). Its workers must be
gone within two seconds, must not hold the store's database or the parent's standard output
meanwhile (``| tee`` then sees the end of its input), and what was committed is kept.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import glossary.corpus.bulk as bulk
from glossary.cli import main
from glossary.corpus.walk import find_sources
from glossary.store import open_store

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc (Linux)")

ROOT = Path(__file__).resolve().parents[2]
# How long a worker may outlive its parent (within a second, and some slack).
GONE_WITHIN = 2.0
# Ends as when the kernel cannot tell the parent's death: only the portable check.
WITHOUT_DEATH_SIGNAL = (
    "import sys, glossary.corpus.workers as w; from glossary.cli import main; "
    "w.PARENT_DEATH_SIGNAL = False; sys.exit(main(sys.argv[1:]))"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated 1 MB news folder (140 files: a two-job import takes about 2 s)."""
    folder = tmp_path_factory.mktemp("news") / "1mb"
    script = ROOT / "bench" / "newscorpus.py"
    command = [sys.executable, str(script), "--mb", "1", "--out", str(folder)]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, timeout=60)
    return folder


def _children(pid: int) -> set[int]:
    """The processes ``pid`` has started and not reaped (its workers).

    Only Python processes count: building the reading tables on a first run briefly starts
    OpenCC's ``opencc_dict`` tool, which is no worker.
    """
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found |= {int(child) for child in task.read_text().split()}
        except OSError:  # The thread or the process ended meanwhile.
            continue
    return {child for child in found if _is_python(child)}


def _is_python(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip() != "opencc_dict"
    except OSError:
        return False


def _running(pid: int) -> bool:
    """True while a process exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def _descriptors(pid: int) -> list[str]:
    """What each open descriptor of a process refers to (a path, ``pipe:[N]``...)."""
    found = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            found.append(os.readlink(fd))
        except OSError:  # Closed meanwhile.
            continue
    return found


def _gone(pids: set[int], within: float = GONE_WITHIN) -> set[int]:
    """Waits until none of the processes runs; returns those still running after ``within``."""
    deadline = time.monotonic() + within
    while (alive := {pid for pid in pids if _running(pid)}) and time.monotonic() < deadline:
        time.sleep(0.02)
    return alive


def _read_to_end(stream: int, within: float) -> tuple[bytes, bool]:
    """What a pipe gives until its end or ``within`` seconds; True when its end came."""
    data = b""
    deadline = time.monotonic() + within
    while (left := deadline - time.monotonic()) > 0:
        if not select.select([stream], [], [], left)[0]:
            break
        chunk = os.read(stream, 65536)
        if not chunk:
            return data, True
        data += chunk
    return data, False


@dataclass
class Started:
    """Processes a test started, and their workers: whatever is left is killed after it."""

    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    workers: set[int] = field(default_factory=set)


@pytest.fixture
def started() -> Iterator[Started]:
    """Where a test notes the processes it starts, killed (if left) when it ends."""
    noted = Started()
    yield noted
    for proc in noted.procs:
        noted.workers |= _children(proc.pid)
    for pid in [*(proc.pid for proc in noted.procs), *noted.workers]:
        if _running(pid):
            os.kill(pid, signal.SIGKILL)
    for proc in noted.procs:
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def _start(
    started: Started,
    db: Path,
    corpus: Path,
    jobs: int = 2,
    python: tuple[str, ...] = ("-m", "glossary"),
) -> tuple[subprocess.Popen[bytes], set[int]]:
    """``glossary add CORPUS -v`` under way, its first file committed; with its workers."""
    command = [sys.executable, *python, "--db", str(db), "add", str(corpus), "-v"]
    proc = subprocess.Popen(
        [*command, "--jobs", str(jobs)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        start_new_session=True,  # Its own process group, as a shell gives a command.
    )
    started.procs.append(proc)
    assert proc.stdout is not None
    first = proc.stdout.readline()  # Written after the first commit: the import is under way.
    assert first.startswith(b"added"), first
    workers = _children(proc.pid)
    assert workers, "no worker process"
    started.workers |= workers
    return proc, workers


def _documents(db: Path) -> int:
    with open_store(db) as store:
        return store.stats().documents


def test_workers_hold_neither_the_store_nor_the_standard_output(
    tmp_path: Path, corpus: Path, started: Started
) -> None:
    db = tmp_path / "g.sqlite3"
    proc, workers = _start(started, db, corpus)
    stdout = os.readlink(f"/proc/{proc.pid}/fd/1")
    assert stdout.startswith("pipe:")
    assert any(path.startswith(str(db)) for path in _descriptors(proc.pid))  # The parent's.
    for worker in workers:
        held = _descriptors(worker)
        assert [path for path in held if path.startswith(str(db))] == [], worker
        assert stdout not in held, worker


def test_workers_end_when_their_parent_is_killed_and_a_pipe_reader_sees_the_end(
    tmp_path: Path, corpus: Path, started: Started
) -> None:
    # As `glossary add DIR --jobs 2 | tee log` killed with SIGKILL: tee must not hang.
    proc, workers = _start(started, tmp_path / "g.sqlite3", corpus)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.stdout is not None
    _, ended = _read_to_end(proc.stdout.fileno(), GONE_WITHIN)
    assert ended, "standard output still open after the parent was killed"
    assert proc.wait(timeout=5) == -signal.SIGKILL
    assert _gone(workers) == set()


def test_workers_check_on_their_parent_where_the_kernel_does_not_kill_them(
    tmp_path: Path, corpus: Path, started: Started
) -> None:
    python = ("-c", WITHOUT_DEATH_SIGNAL)
    proc, workers = _start(started, tmp_path / "g.sqlite3", corpus, python=python)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=5) == -signal.SIGKILL
    assert _gone(workers) == set()


def test_sigterm_ends_the_workers_and_the_import_resumes(
    tmp_path: Path, corpus: Path, started: Started
) -> None:
    db = tmp_path / "g.sqlite3"
    proc, workers = _start(started, db, corpus)
    os.kill(proc.pid, signal.SIGTERM)
    out, err = proc.communicate(timeout=5)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert _gone(workers, within=0.5) == set()  # Ended by the parent, before it exits.
    assert b"Traceback" not in err
    assert b"terminated:" in err and b"run the same command again to go on" in err
    kept = _documents(db)
    files = len(find_sources([str(corpus)]))
    assert 1 <= kept < files
    command = [sys.executable, "-m", "glossary", "--db", str(db), "add", str(corpus)]
    finished = subprocess.run(
        [*command, "--jobs", "2"], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert finished.returncode == 0, finished.stderr
    assert f"{files - kept} added, {kept} unchanged, 0 failed" in finished.stdout
    assert _documents(db) == files


def test_workers_end_after_a_double_ctrl_c(tmp_path: Path, corpus: Path, started: Started) -> None:
    db = tmp_path / "g.sqlite3"
    proc, workers = _start(started, db, corpus)
    os.killpg(proc.pid, signal.SIGINT)  # As Ctrl-C does: the whole process group.
    time.sleep(0.001)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=5)
    assert proc.returncode == 130, err
    assert _gone(workers) == set()
    assert 1 <= _documents(db) < len(find_sources([str(corpus)]))


def test_jobs_are_capped_at_the_usable_cpus_and_it_is_said_once(
    tmp_path: Path, corpus: Path, started: Started
) -> None:
    cpus = len(os.sched_getaffinity(0))
    # Warm the caches first: a first run starts OpenCC's tool from a copy of this process,
    # which a loaded machine can show as a second Python child for several polls.
    subprocess.run(
        [sys.executable, "-m", "glossary", "extract"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    command = [sys.executable, "-m", "glossary", "--db", str(tmp_path / "g.sqlite3"), "add"]
    proc = subprocess.Popen(
        [*command, str(corpus), "--jobs", "64"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    started.procs.append(proc)
    most = 0
    previous: set[int] = set()
    while proc.poll() is None:
        workers = _children(proc.pid)
        started.workers |= workers
        # A child seen in two polls in a row: a process started to run a tool (opencc_dict,
        # on a first run) is a copy of this one for the instant before it execs.
        most = max(most, len(workers & previous))
        previous = workers
        time.sleep(0.005)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    assert proc.returncode == 0, err
    assert most <= cpus - 1
    message = f"glossary: --jobs 64 is more than the {cpus} usable CPU"
    assert err.count(message) == 1, err
    assert f": using {cpus}\n" in err


@pytest.mark.parametrize(("cpus", "usable"), [({0}, "1 usable CPU"), ({0, 1}, "2 usable CPUs")])
def test_more_jobs_than_cpus_asked_for_are_cut_down_with_a_word(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cpus: set[int],
    usable: str,
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: cpus)
    assert bulk.usable_cpus() == len(cpus)
    assert bulk._jobs(16, 100, 0) == len(cpus)
    assert bulk._jobs(0, 100, 100 * bulk.PARALLEL_FROM_BYTES) == len(cpus)
    assert bulk._jobs(16, 1, 0) == 1
    root = tmp_path / "news"
    root.mkdir()
    for i in range(3):
        (root / f"a{i}.txt").write_text(f"{i}번 기사: 시진핑(習近平)이 왔다.\n", encoding="utf-8")
    status = main(["--db", str(tmp_path / "g.sqlite3"), "add", str(root), "--jobs", "16"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert err == f"glossary: --jobs 16 is more than the {usable}: using {len(cpus)}\n"
    assert "3 added" in out
