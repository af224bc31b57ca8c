"""Quitting never waits for a file that does not come, ``reader -`` refuses a terminal, and
the first run shows how the dictionary index build goes."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from glossary import Document
from glossary.dictionary import build
from glossary.dictionary.build import ENV_VAR
from reader.app import ReaderApp, main
from reader.screens.open_file import OpenFileScreen
from tests.glossary.cedict_support import write_excerpt
from tests.reader.helpers import ready

ROOT = Path(__file__).resolve().parents[2]
TERMINAL_REFUSED = (
    "reader: standard input is a terminal: pipe a text in (cat article.txt | reader -) "
    "or give a file\n"
)
# Seconds after which a test gives up on something that should have happened long before:
# a guard against hanging the suite, not a claim on speed.
HANG_GUARD = 10.0


@pytest.fixture
def small_dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small CC-CEDICT file as the reader's dictionary (its index builds in a moment)."""
    source, _ = write_excerpt(tmp_path)
    monkeypatch.setenv(ENV_VAR, str(source))
    return source


def _release(fifo: Path) -> None:
    """Open the writing end of a pipe and close it: a reader blocked opening it gets EOF."""
    with contextlib.suppress(OSError):  # ENXIO: nobody is reading it any more.
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def _status(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#status-line", Static).content)


async def _type_path(pilot: Pilot[None], path: str) -> None:
    await pilot.press("o")
    assert isinstance(pilot.app.screen, OpenFileScreen)
    box = pilot.app.screen.query_one(Input)
    box.value = path[:-1]
    await pilot.press(path[-1], "enter")


async def _until(pilot: Pilot[None], check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 3 * HANG_GUARD
    while not check():
        assert time.monotonic() < deadline, "gave up waiting"
        await pilot.pause(0.02)


# -- quitting while a pipe is being opened ---------------------------------------------------


async def test_quitting_while_a_pipe_is_opened_does_not_wait_for_it(
    sample: Document, tmp_path: Path, small_dictionary: Path
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    released = threading.Event()

    def release() -> None:
        released.set()
        _release(fifo)

    guard = threading.Timer(HANG_GUARD, release)  # Unblocks the old code: no hung suite.
    app = ReaderApp(sample)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await asyncio.wait_for(ready(pilot), 6 * HANG_GUARD)
            await _type_path(pilot, str(fifo))
            await _until(pilot, lambda: _status(pilot).startswith("Reading"))
            guard.start()
            await pilot.press("q")
        # What asyncio.run does once App.run returns: join the default executor's threads
        # (thread workers run there). It must end without the pipe being written to.
        await asyncio.get_running_loop().shutdown_default_executor()
        assert not released.is_set(), "quitting waited until the pipe was opened"
        assert app.left_behind() == f"reading {fifo}"
    finally:
        guard.cancel()
        _release(fifo)


def _pty_size(fd: int, rows: int = 24, columns: int = 80) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


class _Screen:
    """What the reader drew on a pseudo-terminal, read on a thread so it never blocks."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.data = b""
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        while True:
            try:
                ready_fds, _, _ = select.select([self.fd], [], [], 0.1)
                if ready_fds:
                    chunk = os.read(self.fd, 65536)
                    if not chunk:
                        return
                    self.data += chunk
            except OSError:
                return

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + 3 * HANG_GUARD
        while text.encode() not in self.data:
            assert time.monotonic() < deadline, f"{text!r} never drawn: {self.data[-300:]!r}"
            time.sleep(0.05)


def test_q_ends_the_process_while_a_pipe_is_opened(tmp_path: Path) -> None:
    article = tmp_path / "news.txt"
    article.write_text("마윈(馬雲)이 말했다.\n", encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    source, _ = write_excerpt(tmp_path)
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        ENV_VAR: str(source),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "HOME": str(tmp_path),
    }
    env.pop("TEXTUAL", None)
    primary, secondary = pty.openpty()
    _pty_size(secondary)
    proc = subprocess.Popen(  # Textual draws on stderr: everything goes to the terminal.
        [sys.executable, "-m", "reader", str(article)],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    os.close(secondary)
    screen = _Screen(primary)
    try:
        screen.wait_for("marked")  # The status line, once the glossary is shown.
        os.write(primary, b"o")
        screen.wait_for("Open")
        time.sleep(0.3)
        os.write(primary, str(fifo).encode() + b"\r")
        screen.wait_for("Reading")
        os.write(primary, b"q")
        assert proc.wait(timeout=3 * HANG_GUARD) == 0
        # Once the app has left the terminal as it was (which turns \n into \r\n).
        screen.wait_for(f"\x1b[?1006lreader: still reading {fifo} (a pipe?); left behind\r\n")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        _release(fifo)
        os.close(primary)


# -- reader - on a terminal ------------------------------------------------------------------


def test_standard_input_on_a_terminal_is_refused_before_the_ui_starts() -> None:
    primary, secondary = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "reader", "-"],
            stdin=secondary,
            capture_output=True,
            text=True,
            timeout=3 * HANG_GUARD,
            cwd=ROOT,
        )
    finally:
        os.close(primary)
        os.close(secondary)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == TERMINAL_REFUSED


def test_main_refuses_a_terminal_as_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Terminal:
        def isatty(self) -> bool:
            return True

        def read(self, *args: Any) -> str:
            raise AssertionError("standard input was read")

        buffer = property(lambda self: self)

    monkeypatch.setattr(sys, "stdin", Terminal())
    assert main(["-"]) == 2
    assert capsys.readouterr().err == TERMINAL_REFUSED


# -- the first run: the dictionary index build in the status line ----------------------------


async def test_the_status_line_shows_how_the_index_build_goes(
    sample: Document, small_dictionary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "PROGRESS_INTERVAL", 0.0)
    reached, gate = threading.Event(), threading.Event()
    fill = build._fill_korean

    def slowed(*args: Any) -> None:
        reached.set()
        gate.wait(3 * HANG_GUARD)  # Half-way through: long enough to be seen.
        fill(*args)

    monkeypatch.setattr(build, "_fill_korean", slowed)
    app = ReaderApp(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            await _until(pilot, lambda: reached.is_set() and "%" in _status(pilot))
            shown = re.fullmatch(
                r"Building the dictionary index \(first run only\)… (\d+)%", _status(pilot)
            )
            assert shown, _status(pilot)
            assert 0 < int(shown.group(1)) < 100
        finally:
            gate.set()
        await asyncio.wait_for(ready(pilot), 6 * HANG_GUARD)
        assert not _status(pilot).startswith("Building")
        assert app.glossary is not None and not app.glossary.warnings
        assert any(t.meanings for t in app.glossary.terms)  # From the index just built.
