"""Standard output that cannot be written: one line and a non-zero status, never exit 0.

``/dev/full`` takes no byte (every write fails with ENOSPC), like a full disk. A small
output sits in the buffer until the final flush, so its failure is only seen there; a
large one fails on a write. A reader that goes away (``| head``) is still no error.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

from glossary import build_glossary, read_document
from glossary.cli import main
from glossary.dictionary.build import ENV_VAR as CEDICT_ENV_VAR
from glossary.paths import DB_ENV_VAR
from glossary.sources.files import bundled_article_path
from glossary.store import open_store
from tests.glossary.cedict_support import write_excerpt

ARTICLE = str(bundled_article_path())
FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full here")

# Every command that writes to standard output, small outputs and large ones.
COMMANDS = {
    "extract-json": ["extract", "--format", "json", ARTICLE],
    "extract-table": ["extract", "--no-dictionary", ARTICLE],
    "list": ["list"],
    "list-json": ["list", "-f", "json"],
    "show": ["show", "杭州"],
    "lookup": ["lookup", "杭州"],
    "status": ["status", "杭州", "known"],
    "stats": ["stats"],
    "export-json": ["export", "-f", "json", "-o", "-"],
    "export-apkg": ["export", "-f", "apkg", "-o", "-"],
}


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stored glossary (the article, without meanings) and a small CC-CEDICT excerpt.

    The excerpt keeps the dictionary's index small: it is built in the test's own cache
    folder in a fraction of a second.
    """
    db = tmp_path / "glossary.sqlite3"
    monkeypatch.setenv(DB_ENV_VAR, str(db))
    cedict, _ = write_excerpt(tmp_path)
    monkeypatch.setenv(CEDICT_ENV_VAR, str(cedict))
    with open_store(db) as store:
        store.add_glossary(build_glossary(read_document(None), dictionary=False))
    return db


def _glossary(*args: str, stdout: int | IO[bytes]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "glossary", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
    )


def _assert_one_line(stderr: str, message: str) -> None:
    assert "Traceback" not in stderr
    assert stderr.count("\n") == 1 and stderr.startswith("glossary: "), stderr
    assert message in stderr


@needs_dev_full
@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_full_disk_is_an_error_for_every_command(command: list[str]) -> None:
    with FULL.open("wb") as full:
        proc = _glossary(*command, stdout=full)
    assert proc.returncode == 2
    _assert_one_line(proc.stderr, "glossary: standard output: cannot write (No space left")


@needs_dev_full
def test_the_console_command_reports_the_final_flush(tmp_path: Path) -> None:
    """The installed entry point (``run``), whose quick exit must not skip the check."""
    code = "import sys; sys.argv[0] = 'glossary'; from glossary.cli import run; run()"
    for args in (["status", "杭州", "known"], ["extract", "--format", "json", ARTICLE]):
        with FULL.open("wb") as full:
            proc = subprocess.run(
                [sys.executable, "-c", code, *args],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                timeout=120,
                check=False,
            )
        assert proc.returncode == 2, args
        _assert_one_line(proc.stderr, "No space left on device")


@pytest.mark.parametrize(
    "command",
    [COMMANDS["extract-json"], COMMANDS["list"], COMMANDS["export-apkg"], COMMANDS["show"]],
    ids=["extract-json", "list", "export-apkg", "show"],
)
def test_a_reader_that_went_away_is_no_error(command: list[str]) -> None:
    """``| head`` closed before anything was written: EPIPE on the first write, taken quietly."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = _glossary(*command, stdout=write_end)
    finally:
        os.close(write_end)
    assert proc.returncode == 0
    assert proc.stderr == "" or proc.stderr.startswith("wrote ")  # export's summary line


def test_head_takes_the_start_and_the_command_exits_quietly() -> None:
    """``glossary extract ... | head -c 10``, the way a shell runs it."""
    command = f"'{sys.executable}' -m glossary extract --format json '{ARTICLE}' | head -c 10"
    proc = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command}"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0
    assert proc.stdout == b'{\n  "docum'
    assert proc.stderr == b""


class _FullStream(io.StringIO):
    """A text stream that holds what it is given until a flush, which then fails."""

    def flush(self) -> None:
        if self.getvalue():
            raise OSError(28, "No space left on device")


def test_main_flushes_and_reports_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    monkeypatch.setattr("sys.stdout", _FullStream())
    status = main(["status", "杭州", "learning"])
    err = capsys.readouterr().err
    assert status == 2
    assert err == "glossary: standard output: cannot write (No space left on device)\n"


def test_a_failing_write_is_one_line_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    class Broken(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(5, "Input/output error")

    path = tmp_path / "a.txt"
    path.write_text("마윈(馬雲) 회장", encoding="utf-8")
    monkeypatch.setattr("sys.stdout", Broken())
    status = main(["extract", "--format", "tsv", str(path)])
    assert status == 2
    assert capsys.readouterr().err == (
        "glossary: standard output: cannot write (Input/output error)\n"
    )
