"""What is wrong with a glossary database is said as it is, never as "not a glossary".

Issue 15, item 15: a read-only data folder or a truncated file was reported as "not a
glossary database", inviting the user to delete a good store. A read-only store is now
read by the commands that only read (``list``, ``show``, ``stats``, ``export``,
``lookup``) and refused, saying why, by those that write; a truncated file, a file that
is not SQLite at all and a store locked by another program each get their own line.

Item 16: an SQLite error inside a read was replaced by the error of the ``COMMIT`` that
followed it ("cannot commit - no transaction is active"); the first error is reported.

Read-only folders and files are made read-only for real: by ``chmod`` when the tests do
not run as root, else (root writes through ``chmod``) by a read-only bind mount in a
private mount namespace (``unshare -m``); where neither works, those tests are skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from glossary.cli import main
from glossary.errors import StoreError
from glossary.sources.files import bundled_article_path
from glossary.store.core import open_store

ARTICLE = str(bundled_article_path())
ROOT = Path(__file__).resolve().parents[2]

# Runs ``main`` once per command inside one process; prints [status, out, err] for each.
COMMANDS = r"""
import contextlib, io, json, sys
from glossary.cli import main

results = []
for args in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(args)
    results.append([status, out.getvalue(), err.getvalue()])
print(json.dumps(results))
"""
# Mounts $1 (a folder or a file) read-only over itself, then runs the rest of the line.
READ_ONLY_MOUNT = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A real store in its own folder: the bundled article, 杭州 marked known."""
    path = tmp_path / "data" / "glossary.sqlite3"
    assert run(capsys, "--db", str(path), "add", ARTICLE)[0] == 0
    assert run(capsys, "--db", str(path), "status", "杭州", "known")[0] == 0
    return path


def _mounts_work(tmp_path: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    try:
        done = subprocess.run(
            ["unshare", "-m", "sh", "-c", READ_ONLY_MOUNT, "sh", str(probe), "true"],
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _read_only_run(
    tmp_path: Path, read_only: Path, commands: list[list[str]]
) -> list[tuple[int, str, str]]:
    """Run glossary commands in one process while ``read_only`` cannot be written."""
    line = [sys.executable, "-c", COMMANDS, json.dumps(commands)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # The test's own user folders.
    if os.geteuid() != 0:
        mode = read_only.stat().st_mode
        read_only.chmod(0o555 if read_only.is_dir() else 0o444)
        try:
            done = subprocess.run(line, capture_output=True, text=True, timeout=120, env=env)
        finally:
            read_only.chmod(mode)
    elif _mounts_work(tmp_path):
        mount = ["unshare", "-m", "sh", "-c", READ_ONLY_MOUNT, "sh", str(read_only)]
        done = subprocess.run(mount + line, capture_output=True, text=True, timeout=120, env=env)
    else:
        pytest.skip("running as root without unshare -m: nothing here is read-only")
    assert done.returncode == 0, done.stderr
    return [(status, out, err) for status, out, err in json.loads(done.stdout)]


def _reads(db: Path, tmp_path: Path) -> list[list[str]]:
    return [
        ["--db", str(db), "stats"],
        ["--db", str(db), "list", "--status", "known", "-f", "tsv"],
        ["--db", str(db), "show", "杭州"],
        ["--db", str(db), "export", "-o", str(tmp_path / "out.json")],
        ["--db", str(db), "lookup", "--cedict", str(tmp_path / "no-cedict.u8"), "항저우"],
    ]


def _writes(db: Path, tmp_path: Path) -> list[list[str]]:
    return [
        ["--db", str(db), "status", "杭州", "learning"],
        ["--db", str(db), "add", ARTICLE],
        ["--db", str(db), "import", str(tmp_path / "out.json")],
    ]


def _check_read_only_results(results: list[tuple[int, str, str]], reason: str) -> None:
    stats, listing, show, export, lookup = results[:5]
    assert stats[0] == 0 and "terms          12: new 11 · learning 0 · known 1" in stats[1]
    assert listing[0] == 0 and listing[1].splitlines()[1].startswith("杭州\t")
    assert show[0] == 0 and "항저우  transcription  known" in show[1]
    assert export[0] == 0 and export[1].startswith("wrote 12 terms to ")
    assert lookup[0] == 0 and "杭州" in lookup[1] and "your glossary · known" in lookup[1]
    for status, out, err in results[5:]:
        assert (status, out) == (2, "")
        assert err.endswith(f": read-only ({reason}): the glossary can be read, not changed\n")
        assert "not a glossary" not in err and err.count("\n") == 1


def test_a_read_only_folder_is_read_and_never_called_not_a_glossary(
    db: Path, tmp_path: Path
) -> None:
    before = db.read_bytes()
    results = _read_only_run(tmp_path, db.parent, _reads(db, tmp_path) + _writes(db, tmp_path))
    for _, _, err in results[5:]:
        assert err.startswith(f"glossary: {db}: read-only (its folder {db.parent} ")
    reason = (
        f"its folder {db.parent} is not writable"
        if os.geteuid() != 0
        else f"its folder {db.parent} is on a read-only file system"
    )
    _check_read_only_results(results, reason)
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["glossary.sqlite3"]


def test_a_read_only_file_is_read_and_never_called_not_a_glossary(db: Path, tmp_path: Path) -> None:
    before = db.read_bytes()
    results = _read_only_run(tmp_path, db, _reads(db, tmp_path) + _writes(db, tmp_path))
    reason = (
        "the file is not writable"
        if os.geteuid() != 0
        else "the file is on a read-only file system"
    )
    _check_read_only_results(results, reason)
    assert db.read_bytes() == before


def test_read_commands_open_the_store_read_only(db: Path) -> None:
    """``read_only=True`` never writes, even to a store that could be written."""
    with open_store(db, read_only=True) as store:
        assert [t.term.hanja for t in store.terms(status="known")] == ["杭州"]
        with pytest.raises(StoreError) as caught:
            store.set_status(("杭州", "항저우"), "new")
    assert str(caught.value) == (
        f"{db}: read-only (opened for reading only): the glossary can be read, not changed"
    )
    with open_store(db) as store:
        assert store.status_of(("杭州", "항저우")) == "known"


def _header(path: Path) -> tuple[int, int]:
    """The page size and the page count a database file's header gives."""
    head = path.read_bytes()[:100]
    page_size = struct.unpack(">H", head[16:18])[0]
    return (65536 if page_size == 1 else page_size), struct.unpack(">I", head[28:32])[0]


@pytest.mark.parametrize("keep", ["half", "all-but-100", "10-bytes"])
def test_a_truncated_file_is_called_truncated(
    db: Path, capsys: pytest.CaptureFixture[str], keep: str
) -> None:
    page_size, pages = _header(db)
    full = db.read_bytes()
    assert len(full) == page_size * pages
    size = {"half": len(full) // 2, "all-but-100": len(full) - 100, "10-bytes": 10}[keep]
    db.write_bytes(full[:size])
    if keep == "10-bytes":
        expected = (
            f"glossary: {db}: truncated SQLite database (10 bytes, shorter than its "
            "100-byte header): restore it from a copy; it is left as it is\n"
        )
    else:
        expected = (
            f"glossary: {db}: truncated glossary database ({size:,} of {len(full):,} bytes): "
            "restore it from a copy; it is left as it is\n"
        )
    for command in (["stats"], ["list"], ["status", "杭州", "new"], ["add", ARTICLE]):
        status, out, err = run(capsys, "--db", str(db), *command)
        assert (status, out, err) == (2, "", expected), command
    assert db.read_bytes() == full[:size]


def test_a_file_that_is_not_sqlite_at_all_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "glossary.sqlite3"
    path.write_bytes(b"my shopping list\n" * 300)
    for command in (["stats"], ["status", "杭州", "new"]):
        status, _, err = run(capsys, "--db", str(path), *command)
        assert (status, err) == (
            2,
            f"glossary: {path}: not a glossary database (not an SQLite file at all)\n",
        )
    assert path.read_bytes() == b"my shopping list\n" * 300


def test_a_store_locked_by_another_program_says_so(db: Path) -> None:
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        for read_only in (False, True):
            with pytest.raises(StoreError) as caught:
                open_store(db, timeout=0.2, read_only=read_only)
            assert str(caught.value) == (
                f"{db}: the glossary database is busy: another program has held it locked "
                "for more than 0.2 s"
            )
    finally:
        holder.close()
    with open_store(db, read_only=True) as store:
        assert store.stats().terms == 12


def test_an_error_inside_a_read_is_the_one_reported(db: Path) -> None:
    """SQLite ends a transaction by itself on some errors (disk full, I/O error...)."""
    with open_store(db) as store:
        with pytest.raises(StoreError) as caught, store._read() as conn:
            conn.execute("ROLLBACK")  # As SQLite does on such an error.
            conn.execute("SELECT * FROM nowhere")
        assert str(caught.value) == f"{db}: database error (no such table: nowhere)"
        assert not store._db.in_transaction
        with pytest.raises(StoreError) as caught, store._write() as conn:
            conn.execute("ROLLBACK")
            conn.execute("SELECT * FROM nowhere")
        assert str(caught.value) == f"{db}: database error (no such table: nowhere)"
        assert not store._db.in_transaction
        assert store.stats().terms == 12  # Still usable.


def test_an_exception_inside_a_read_ends_its_transaction(db: Path) -> None:
    with open_store(db) as store:
        with pytest.raises(KeyError), store._read():
            raise KeyError("stop")
        assert not store._db.in_transaction
        assert store.stats().terms == 12
