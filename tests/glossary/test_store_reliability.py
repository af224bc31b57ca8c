"""The store under real processes: concurrent writers lose nothing, a killed write undoes itself."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glossary import Enricher, build_glossary, read_document
from glossary.sources.files import document_from_text
from glossary.store import open_store

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

WRITER = r"""
import pathlib, sys, time
from glossary import Glossary, Occurrence, Term
from glossary.sources.files import document_from_text
from glossary.store import open_store

db, worker, count, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), pathlib.Path(sys.argv[4])

def term(hanja, hangul, text):
    start = text.index(f"{hangul}({hanja})")
    end = start + len(hangul) + len(hanja) + 2
    place = Occurrence(start, end, start + len(hangul) + 1, end - 1, start, start + len(hangul),
                       sentence=text)
    return Term(hanja, hangul, "translation", hanja, hanja, "", "", "", "", occurrences=(place,))

store = open_store(db)
while not go.exists():
    time.sleep(0.002)
for i in range(count):
    hanja = chr(0x4E00 + worker * 1000 + i)
    text = f"문서 {worker}-{i}: 가나({hanja}) 그리고 공통(共通)"
    glossary = Glossary(document_from_text(text),
                        (term(hanja, "가나", text), term("共通", "공통", text)))
    store.add_glossary(glossary)
    store.set_status((hanja, "가나"), "learning")
store.close()
print("done", flush=True)
"""


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "g.sqlite3"
    go = tmp_path / "go"
    count = 150
    open_store(db).close()
    workers = [_python(WRITER, str(db), str(w), str(count), str(go)) for w in (1, 2)]
    time.sleep(0.3)
    go.touch()
    for proc in workers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "done"
    with open_store(db) as store:
        stats = store.stats()
        assert (stats.documents, stats.terms) == (2 * count, 2 * count + 1)
        assert stats.by_status["learning"] == 2 * count
        shared = store.get(("共通", "공통"))
        assert shared is not None and len(shared.sources) == 2 * count
        assert store.integrity_check() == []


OPENER = r"""
import pathlib, sys, time
from glossary.store import open_store

folder, rounds = pathlib.Path(sys.argv[1]), int(sys.argv[2])
for i in range(rounds):
    while not (folder / f"go-{i}").exists():
        time.sleep(0.001)
    open_store(folder / f"g-{i}.sqlite3").close()
print("done", flush=True)
"""


def test_two_processes_creating_the_same_new_store_both_succeed(tmp_path: Path) -> None:
    rounds = 40
    procs = [_python(OPENER, str(tmp_path), str(rounds)) for _ in range(2)]
    time.sleep(0.3)
    for i in range(rounds):
        (tmp_path / f"go-{i}").touch()
        time.sleep(0.02)
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0 and out.strip() == "done", err
    for i in range(rounds):
        with open_store(tmp_path / f"g-{i}.sqlite3") as store:
            assert store.integrity_check() == []


def _article(i: int) -> str:
    base = read_document(None).text
    names = "王李張劉陳楊黃趙吳周徐孫馬朱胡郭何高林羅"
    hanja = names[i % 20] + names[(i * 7 + 3) % 20] + names[(i * 3 + 1) % 20]
    return f"{base}\n추가 {i}: 특별 손님 아무개({hanja})가 방문했다.\n"


def test_two_glossary_add_commands_at_once_keep_every_article(tmp_path: Path) -> None:
    files = []
    for i in range(12):
        path = tmp_path / f"article-{i:02}.txt"
        path.write_text(_article(i), encoding="utf-8")
        files.append(path)
    enricher = Enricher()
    expected = {
        t.key
        for f in files
        for t in build_glossary(document_from_text(f.read_text(encoding="utf-8")), enricher).terms
    }
    db = tmp_path / "g.sqlite3"
    halves = [files[0::2], files[1::2]]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "glossary", "--db", str(db), "add", *map(str, half)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        for half in halves
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.count("added") == 6
    with open_store(db) as store:
        assert store.stats().documents == 12
        assert {t.key for t in store.terms()} == expected
        assert store.integrity_check() == []


KILLED_IMPORT = r"""
import sys, time
import glossary.store.jsonio as jsonio
from glossary.cli import main

original = jsonio.load

def slow(db, parsed):
    result = original(db, parsed)  # Everything is written, but not committed.
    print("inside", flush=True)
    time.sleep(60)
    return result

jsonio.load = slow
sys.exit(main(["--db", sys.argv[1], "import", sys.argv[2]]))
"""

KILLED_ADD = r"""
import sys, time
from glossary.cli import main
from glossary.store.core import Store

original = Store._upsert_term
calls = []

def slow(self, *args):
    calls.append(args)
    if len(calls) == 6:  # Halfway through the article.
        print("inside", flush=True)
        time.sleep(60)
    return original(self, *args)

Store._upsert_term = slow
sys.exit(main(["--db", sys.argv[1], "add", sys.argv[2]]))
"""


def _kill_when_inside(code: str, *args: str) -> None:
    proc = _python(code, *args)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip() == "inside", proc.stderr.read() if proc.stderr else ""
    proc.kill()
    proc.wait(timeout=30)
    proc.stdout.close()
    if proc.stderr:
        proc.stderr.close()


@pytest.mark.parametrize("command", ["import", "add"])
def test_a_write_killed_midway_leaves_the_store_as_it_was(tmp_path: Path, command: str) -> None:
    db = tmp_path / "g.sqlite3"
    article = tmp_path / "other.txt"
    article.write_text("마윈(馬雲) 회장과 저장(浙江)성 그리고 항저우(杭州)", encoding="utf-8")
    with open_store(db) as store:
        store.add_glossary(build_glossary(read_document(None)))
        store.set_status(("杭州", "항저우"), "known")
        before = store.dump()
    if command == "import":
        source = tmp_path / "source.sqlite3"
        with open_store(source) as other:
            other.add_glossary(build_glossary(read_document(article)))
            other.add_glossary(build_glossary(document_from_text(_article(1))))
            other.set_status(("馬雲", "마윈"), "learning")
            dump = tmp_path / "export.json"
            from glossary.store.export import export_store

            export_store(other, "json", dump)
        _kill_when_inside(KILLED_IMPORT, str(db), str(dump))
        args = ["import", str(dump)]
    else:
        article.write_text(_article(5), encoding="utf-8")
        _kill_when_inside(KILLED_ADD, str(db), str(article))
        args = ["add", str(article)]
    with open_store(db) as store:
        assert store.integrity_check() == []
        assert store.dump() == before
    # The lock died with the process: the same command now completes.
    done = subprocess.run(
        [sys.executable, "-m", "glossary", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=ENV,
    )
    assert done.returncode == 0, done.stderr
    with open_store(db) as store:
        assert store.integrity_check() == []
        assert store.stats().documents == (3 if command == "import" else 2)
        assert store.status_of(("杭州", "항저우")) == "known"


def test_opening_a_store_reads_its_file_before_sqlite_holds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Closing any descriptor of the file drops this process's SQLite locks on it (POSIX):
    # another process's connection could then close as if it were the last one and remove
    # the write-ahead log this one still writes to (seen: two `add`s at once, one's
    # documents lost). The header is read before SQLite opens the file.
    import glossary.store.connection as connection

    db = tmp_path / "g.sqlite3"
    open_store(db).close()
    connected: list[bool] = []
    read_while_connected: list[bool] = []
    connect, truncation = connection._Connection._connect, connection._truncation

    def tracked_connect(self: connection._Connection) -> object:
        connected.append(True)
        return connect(self)

    def tracked_truncation(path: Path, *, early: bool = False) -> str | None:
        read_while_connected.append(bool(connected))
        return truncation(path, early=early)

    monkeypatch.setattr(connection._Connection, "_connect", tracked_connect)
    monkeypatch.setattr(connection, "_truncation", tracked_truncation)
    with open_store(db) as store:
        assert store.stats().documents == 0
    assert read_while_connected == [False] and connected
