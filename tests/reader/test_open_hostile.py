"""Hostile input in the reader: standard input closed, ``~user`` of no user, odd encodings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Input

from reader.app import ReaderApp
from reader.screens.open_file import OpenFileScreen
from reader.screens.read import ReadScreen
from tests.reader.helpers import ready, view_of

ROOT = Path(__file__).resolve().parents[2]
NO_USER = "~nosuchuser-hanja-reader"


def _reader_through_sh(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", "-c", f'exec "$0" -m reader {command}', sys.executable],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        start_new_session=True,  # no terminal: the app must not start
    )


def test_standard_input_closed_exits_2_with_one_line_before_the_app_starts() -> None:
    proc = _reader_through_sh("- <&-")
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.startswith("reader: standard input: ")
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


@pytest.mark.parametrize("encoding", ["undefined", "unicode_escape", "hex", "한글"])
def test_an_encoding_that_is_not_text_exits_2_with_one_line(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text("항저우(杭州)", encoding="utf-8")
    proc = _reader_through_sh(f"--encoding '{encoding}' '{path}' </dev/null")
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("reader: ") and encoding in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


async def test_opening_a_path_under_a_user_that_does_not_exist_notifies(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        assert isinstance(app.screen, OpenFileScreen)
        box = app.screen.query_one(Input)
        box.value = f"{NO_USER}/a.tx"
        await pilot.press("t", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and NO_USER in errors[-1].message
        # The box stays open to correct the path; escape goes back to the article.
        assert isinstance(app.screen, OpenFileScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReadScreen)
        assert not view_of(pilot).loading
        await pilot.press("n")
        assert view_of(pilot).current_term is not None
