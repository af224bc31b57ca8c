"""Importing folders: walked in order, read in parallel, resumable after Ctrl-C."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import glossary.corpus.reading as reading
import glossary.corpus.workers as workers
from glossary.cli import main
from glossary.cli.progress import ProgressLine
from glossary.corpus.bulk import add_sources
from glossary.corpus.walk import find_sources
from glossary.harvest import build_glossary
from glossary.sources.files import bundled_article_path, read_document
from glossary.store import open_store

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = bundled_article_path().read_text(encoding="utf-8")
NAMES = [  # None of them is glossed in the sample article.
    ("시진핑", "習近平"),
    ("리커창", "李克强"),
    ("런정페이", "任正非"),
    ("왕이", "王毅"),
    ("우한", "武漢"),
    ("선전", "深圳"),
    ("청두", "成都"),
    ("충칭", "重慶"),
]


def _article(i: int) -> str:
    """The sample article with one more name glossed, different in each file."""
    gloss, hanja = NAMES[i % len(NAMES)]
    return f"{ARTICLE}\n\n{i}번째 기사에서 {gloss}({hanja})을 다시 만났다. {gloss}는 웃었다.\n"


def _corpus(root: Path, files: int) -> Path:
    """A folder of articles in nested folders, with a file in CP949 and some to skip."""
    for i in range(files):
        folder = root / f"section{i % 3}" / f"{2020 + i % 2}"
        folder.mkdir(parents=True, exist_ok=True)
        data = _article(i).encode("cp949", "replace") if i == 1 else _article(i).encode()
        (folder / f"article{i:03d}.txt").write_bytes(data)
    (root / "section0" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not text")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "draft.txt").write_text("안 읽는다(不讀)", encoding="utf-8")
    return root


def _content(db: Path) -> dict[str, Any]:
    """What the store holds, without the times at which it was written."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if not k.endswith("_at")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    with open_store(db) as store:
        return dict(strip(store.dump()))


def test_folders_are_walked_in_order_for_text_and_html_files(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "news", 4)
    (root / "section1" / "page.html").write_text("<p>마윈(馬雲)</p>", encoding="utf-8")
    found = find_sources([str(root), str(root / "section0" / "photo.jpg"), "-"])
    relative = [os.path.relpath(p, root) for p in found[:-2]]
    assert relative == [
        "section0/2020/article000.txt",
        "section0/2021/article003.txt",
        "section1/2021/article001.txt",
        "section1/page.html",
        "section2/2020/article002.txt",
    ]
    # A pipe named like a text file would block the import: a walk leaves it out.
    os.mkfifo(root / "section2" / "pipe.txt")
    assert str(root / "section2" / "pipe.txt") not in find_sources([str(root)])
    # A file named on the command line is read whatever its suffix; repeats are dropped.
    assert found[-2:] == [str(root / "section0" / "photo.jpg"), "-"]
    assert find_sources([str(root), str(root)]) == find_sources([str(root)])


def test_two_jobs_build_the_same_store_as_one(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "news", 10)
    stores = []
    for jobs in (1, 2):
        db = tmp_path / f"jobs{jobs}.sqlite3"
        with open_store(db) as store:
            summary = add_sources(store, find_sources([str(root)]), jobs=jobs)
        assert (summary.files, summary.added, summary.failed) == (10, 10, 0)
        assert not summary.interrupted
        stores.append(_content(db))
    assert stores[0] == stores[1]
    names = {(t["hanja"], t["hangul"]) for t in stores[0]["terms"]}
    assert {("習近平", "시진핑"), ("深圳", "선전"), ("杭州", "항저우")} <= names
    assert len(stores[0]["documents"]) == 10


@contextlib.contextmanager
def _another_thread() -> Iterator[None]:
    """A second thread running meanwhile (workers are then spawned, not forked)."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked only on Linux")
def test_workers_are_forked_only_while_this_process_runs_one_thread() -> None:
    assert workers._context().get_start_method() == "fork"
    with _another_thread():
        assert workers._context().get_start_method() == "spawn"


@pytest.mark.parametrize("threads", [1, 2])
def test_workers_give_every_outcome_once_and_in_order(tmp_path: Path, threads: int) -> None:
    root = _corpus(tmp_path / "news", 70)
    items: list[reading.Item] = list(find_sources([str(root)]))
    items[5] = str(tmp_path / "gone.txt")  # Fails in whichever process reads it.
    items[40] = reading.Outcome("-", error="known already")
    known = frozenset({read_document(str(items[7])).sha})  # Stored before the import.

    def summary(outcome: reading.Outcome) -> tuple[object, ...]:
        # Which fields a term brings depends on the process that read it: not compared.
        doc = outcome.document
        keys = sorted(t.key for t in doc.terms) if doc else None
        return outcome.source, outcome.unchanged, outcome.error, doc and doc.sha256, keys

    expected = [(i, summary(o)) for i, o in reading.in_process(items, known, None)]
    with _another_thread() if threads > 1 else contextlib.nullcontext():
        got = [(i, summary(o)) for i, o in workers.in_workers(items, known, 2, None)]
    assert got == expected
    assert [i for i, _ in got] == list(range(70))
    assert str(got[5][1][2]).startswith(f"{tmp_path / 'gone.txt'}: ")
    assert got[7][1][1] and got[40][1][2] == "known already"


_work = workers._work


def _late_work(*args: Any) -> None:
    """A worker that starts late: everything is read by the calling process meanwhile."""
    time.sleep(1.5)
    _work(*args)


@pytest.mark.skipif(sys.platform != "linux", reason="a forked worker sees the monkeypatch")
def test_files_taken_back_from_a_late_worker_bring_their_terms_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The calling process reads files 32-69 while the worker has not begun, then takes
    # back 0-31 from it: those are stored first, so they cannot leave out the values of
    # terms that only files read earlier (and stored later) brought.
    root = _corpus(tmp_path / "news", 70)
    sources = find_sources([str(root)])
    monkeypatch.setattr(workers, "_work", _late_work)
    stores = []
    for jobs in (1, 2):
        db = tmp_path / f"jobs{jobs}.sqlite3"
        with open_store(db) as store:
            summary = add_sources(store, sources, jobs=jobs)
        assert (summary.added, summary.failed) == (70, 0)
        stores.append(_content(db))
    assert stores[0] == stores[1]


def test_terms_sent_once_per_worker_give_the_store_adding_one_by_one_gives(
    tmp_path: Path,
) -> None:
    # A worker sends a term's values with its first document only; later ones bring the
    # note alone, which differs by document. Repeated content is stored once.
    root = tmp_path / "news"
    root.mkdir()
    notes = [
        "최고등급",
        "최고등급",
        "",
        "가장 높은 등급",
        "최고등급",
        "",
        "최고등급",
        "3등급 중 1등급",
    ]
    for i, note in enumerate(notes * 2):
        gloss = f"3갑(3甲·{note})" if note else "3갑(3甲)"
        text = f"{i % 8}번 병원은 {gloss} 의료원이다. 시진핑(習近平)도 왔다.\n"
        (root / f"a{i:02d}.txt").write_text(text, encoding="utf-8")
    sources = find_sources([str(root)])
    one_by_one = tmp_path / "one_by_one.sqlite3"
    with open_store(one_by_one) as store:
        for source in sources:
            store.add_glossary(build_glossary(read_document(source), dictionary=False))
    for jobs in (1, 2):
        db = tmp_path / f"jobs{jobs}.sqlite3"
        with open_store(db) as store:
            summary = add_sources(store, sources, jobs=jobs)
        assert (summary.added, summary.unchanged) == (8, 8)
        assert _content(db) == _content(one_by_one)
    with open_store(one_by_one) as store:
        (term,) = store.terms(hanja="3甲")
    assert term.term.note == "3등급 중 1등급"  # The last document's, as for any field.


def test_a_term_without_its_values_must_be_stored_already(tmp_path: Path) -> None:
    from glossary.errors import StoreError
    from glossary.store import prepare

    glossary = build_glossary(read_document(None), dictionary=False)
    prepared = prepare(glossary, sent={term.key for term in glossary.terms})
    assert all(term.values is None for term in prepared.terms)
    with open_store(tmp_path / "g.sqlite3") as store:
        with pytest.raises(StoreError, match="came without its values"):
            store.add_prepared([prepared])
        assert store.stats().documents == 0  # Nothing of the batch was written.


@pytest.mark.parametrize("stop_at", [0, 3, 7])
def test_an_import_stopped_by_ctrl_c_resumes_to_the_same_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop_at: int
) -> None:
    root = _corpus(tmp_path / "news", 9)
    sources = find_sources([str(root)])
    whole = tmp_path / "whole.sqlite3"
    with open_store(whole) as store:
        add_sources(store, sources, jobs=1)

    read_one = reading.read_one
    calls = []

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[0])
        if len(calls) == stop_at + 1:
            raise KeyboardInterrupt
        return read_one(*args, **kwargs)

    resumed = tmp_path / "resumed.sqlite3"
    monkeypatch.setattr(reading, "read_one", interrupted)
    with open_store(resumed) as store:
        summary = add_sources(store, sources, jobs=1)
    assert summary.interrupted and summary.done == stop_at
    with open_store(resumed) as store:
        assert store.stats().documents == stop_at  # Everything finished before Ctrl-C is kept.
    monkeypatch.setattr(reading, "read_one", read_one)
    with open_store(resumed) as store:
        summary = add_sources(store, sources, jobs=1)
    assert (summary.unchanged, summary.added, summary.interrupted) == (stop_at, 9 - stop_at, False)
    assert _content(resumed) == _content(whole)


def test_cli_adds_a_folder_with_a_summary_and_reports_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _corpus(tmp_path / "news", 5)
    (root / "section2" / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    db = str(tmp_path / "g.sqlite3")
    status = main(["--db", db, "add", str(root), "--jobs", "2"])
    out, err = capsys.readouterr()
    assert status == 2
    broken = root / "section2" / "broken.txt"
    assert err == f"glossary: {broken}: not a text file (it holds binary data)\n"
    lines = out.splitlines()
    assert len(lines) == 2  # No line per file for a folder, unless -v.
    assert lines[0].startswith("6 of 6 files in ")
    assert lines[0].endswith("5 added, 0 unchanged, 1 failed; 17 new terms")
    assert lines[1].startswith("17 terms from 5 documents in ")
    status = main(["--db", db, "add", str(root), "-v"])
    out, err = capsys.readouterr()
    assert out.count("unchanged  ") == 5 and "0 added, 5 unchanged, 1 failed" in out


def test_cli_reports_a_subfolder_it_cannot_read_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _corpus(tmp_path / "news", 3)
    locked = root / "section1"
    scandir = os.scandir

    def denied(path: Any = ".") -> Any:  # As for a folder without read permission.
        if not isinstance(path, int) and Path(path) == locked:  # rmtree scans descriptors.
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    status = main(["--db", str(tmp_path / "g.sqlite3"), "add", str(root)])
    out, err = capsys.readouterr()
    assert status == 2
    assert err == f"glossary: {locked}: cannot be read (Permission denied); skipped\n"
    assert "2 added" in out


def test_cli_says_when_a_folder_holds_no_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    status = main(["--db", str(tmp_path / "g.sqlite3"), "add", str(tmp_path / "empty")])
    out, err = capsys.readouterr()
    assert status == 2
    assert err == f"glossary: {tmp_path / 'empty'}: no text or HTML files in this folder\n"


def test_ctrl_c_stops_a_parallel_import_cleanly_and_running_it_again_finishes(
    tmp_path: Path,
) -> None:
    # Enough files that the import is still under way after its first commit (0.5 s).
    root = _corpus(tmp_path / "news", 400)
    whole = tmp_path / "whole.sqlite3"
    with open_store(whole) as store:
        add_sources(store, find_sources([str(root)]), jobs=1)
    db = tmp_path / "resumed.sqlite3"
    command = [sys.executable, "-m", "glossary", "--db", str(db), "add", str(root), "-v"]
    proc = subprocess.Popen(
        [*command, "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()  # The first committed file: the import is under way.
    assert first.startswith("added"), first
    os.killpg(proc.pid, signal.SIGINT)  # As Ctrl-C does: the whole process group.
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted:" in err and "run the same command again to go on" in err
    with open_store(db) as store:
        kept = store.stats().documents
    assert 1 <= kept < 400
    finished = subprocess.run(
        [*command, "--jobs", "2"], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert finished.returncode == 0, finished.stderr
    assert f"{400 - kept} added, {kept} unchanged, 0 failed" in finished.stdout
    assert _content(db) == _content(whole)


def test_progress_line_draws_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")

    class Terminal:
        def __init__(self, tty: bool) -> None:
            self.tty = tty
            self.text = ""

        def isatty(self) -> bool:
            return self.tty

        def write(self, text: str) -> int:
            self.text += text
            return len(text)

        def flush(self) -> None:
            pass

    now = [0.0]
    screen = Terminal(True)
    line = ProgressLine(screen, 200, 2_000_000, clock=lambda: now[0])  # type: ignore[arg-type]
    now[0] = 2.0
    line.update(50, 500_000, 1234)
    assert screen.text.endswith(
        "50/200 files  [#####---------------]   25%  1,234 new terms  0.2 MB/s  0:06 left"
    )
    assert line.render(50, 500_000, 1234, 30) == "50/200 files  [#####---------"
    line.clear()
    assert screen.text.endswith("\r\x1b[K")
    pipe = Terminal(False)
    quiet = ProgressLine(pipe, 10, 100)  # type: ignore[arg-type]
    quiet.update(1, 10, 1, force=True)
    quiet.clear()
    assert pipe.text == ""


def test_a_small_import_stays_in_this_process_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _corpus(tmp_path / "news", 3)

    def no_workers(*args: Any) -> Any:
        raise AssertionError("workers started for a few kilobytes")

    monkeypatch.setattr(workers, "in_workers", no_workers)
    with open_store(tmp_path / "g.sqlite3") as store:
        summary = add_sources(store, find_sources([str(root)]))  # jobs=0: the default
    assert (summary.added, summary.failed) == (3, 0)


def test_worker_results_cross_as_named_tuples_rebuilt_in_c(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(_article(2), encoding="utf-8")
    reader = reading.Reader(frozenset(), None)
    sent = [(0, reader.outcome(str(path))), (1, reading.Outcome("b.txt", error="unreadable"))]
    packed = workers._packed(sent)
    assert b"PreparedTerm" in packed and b"__new__" in packed  # tuple.__new__, not the class.
    back = workers._unpacked(packed)
    assert back == sent
    document = back[0][1].document
    assert document is not None and type(document) is type(sent[0][1].document)
    assert type(document.terms[0]) is type(sent[0][1].document.terms[0])  # type: ignore[union-attr]
    assert workers._unpacked([]) == []  # Nothing came.


def test_what_reading_takes_is_imported_before_workers_are_forked() -> None:
    code = (
        "import sys\n"
        "from glossary.corpus.reading import load_modules\n"
        "load_modules(['a.txt'])\n"
        "print('glossary.harvest' in sys.modules, 'trafilatura' in sys.modules)\n"
        "load_modules(['b.HTML'])\n"
        "print('trafilatura' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.split() == ["True", "False", "True"]
