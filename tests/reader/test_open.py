"""Files that cannot be read: a one-line error before start, a notification inside the app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from reader.app import ReaderApp, main
from reader.screens.open_file import OpenFileScreen
from reader.screens.read import ReadScreen
from tests.reader.helpers import ready, view_of

ROOT = Path(__file__).resolve().parents[2]


def _run_reader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )


async def _type_path(pilot: Pilot[None], path: str) -> None:
    """Open the file box, put a path in it (typing a long path key by key is slow), submit."""
    await pilot.press("o")
    assert isinstance(pilot.app.screen, OpenFileScreen)
    box = pilot.app.screen.query_one(Input)
    assert box.has_focus
    box.value = path[:-1]
    await pilot.press(path[-1], "enter")


@pytest.mark.parametrize("kind", ["missing", "binary", "directory"])
def test_unreadable_file_on_the_command_line_exits_2_with_one_line(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "article.txt"
    if kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    elif kind == "directory":
        path.mkdir()
    proc = _run_reader(str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("reader: ") and str(path) in lines[0]
    assert "Traceback" not in proc.stderr


def test_main_returns_2_without_starting_the_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "nowhere.txt")]) == 2
    assert capsys.readouterr().err == f"reader: {tmp_path / 'nowhere.txt'}: no such file\n"


def test_help_works() -> None:
    proc = _run_reader("--help")
    assert proc.returncode == 0
    assert "usage: reader" in proc.stdout and "FILE" in proc.stdout.upper()


async def test_opening_a_bad_path_in_the_app_notifies_and_keeps_running(
    app: ReaderApp, tmp_path: Path
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await _type_path(pilot, str(tmp_path / "missing.txt"))
        await app.workers.wait_for_complete()
        await pilot.pause()
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "no such file" in errors[-1].message
        assert isinstance(app.screen, ReadScreen)
        assert not view_of(pilot).loading
        # Still usable: the old article is there and keys work.
        await pilot.press("n")
        assert view_of(pilot).current_term is not None


async def test_opening_a_good_file_in_the_app_shows_it(app: ReaderApp, tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text("베이징(北京)에서 온 소식입니다.\n\n베이징은 크다.\n", encoding="cp949")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await _type_path(pilot, str(path))
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = view_of(pilot)
        assert view.document.path == str(path)
        assert [t.hanja for t in view.terms] == ["北京"]
        assert len(view.places) == 2
        assert app.title == view.document.title
        # The status line says how the file was decoded.
        assert str(pilot.app.screen.query_one("#status-line", Static).content).endswith("cp949")


def test_standard_input_without_a_terminal_for_keys_is_a_one_line_error() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "-"],
        input="마윈(馬雲)\n",
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
        start_new_session=True,  # no controlling terminal: /dev/tty cannot be opened
    )
    assert proc.returncode == 2
    assert proc.stderr == "reader: no terminal to read keys from\n"


def test_undecodable_bytes_on_standard_input_are_a_one_line_error() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "-"],
        input=b"\x00\x01\x02binary\xff\xfe\x00",
        capture_output=True,
        timeout=30,
        cwd=ROOT,
        start_new_session=True,
    )
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.startswith("reader: standard input: ") and err.count("\n") == 1
