"""Launching the reader and a bare Textual app on a pseudo-terminal, and the statistics helpers."""

from __future__ import annotations

import fcntl
import json
import math
import os
import pty
import statistics
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 40)
LAUNCH_TIMEOUT = 60.0

# Both drivers take a result path first; they write {"marks": {name: perf_counter}}.
READER_DRIVER = """\
import time

T_START = time.perf_counter()

import asyncio
import json
import sys

marks = {"start": T_START}

from reader import app as reader_app
from reader.widgets.article import ArticleView

marks["imported"] = time.perf_counter()
_render_line = ArticleView.render_line


def _stamp(name, then=None):
    marks[name] = time.perf_counter()
    if then is not None:
        then()


def render_line(self, y):
    strip = _render_line(self, y)
    loop = asyncio.get_running_loop()
    if "paint" not in marks and len(self.lines) > 0:
        marks["paint"] = None
        loop.call_soon(_stamp, "paint")
    if "glossary" not in marks and self.terms:
        marks["glossary"] = None
        # A long Chinese text is highlighted before its words are explained: wait for that.
        complete = self.app.glossary is None or self.app.glossary.complete
        loop.call_soon(_stamp, "glossary", self.app.exit if complete else None)
    return strip


_finished = reader_app.ReaderApp._finished


def finished(self, outline, glossary):
    _finished(self, outline, glossary)
    marks["explained"] = time.perf_counter()
    self.app.exit()


ArticleView.render_line = render_line
reader_app.ReaderApp._finished = finished
status = reader_app.main(sys.argv[2:])
with open(sys.argv[1], "w", encoding="utf-8") as fh:
    json.dump({"marks": marks, "status": status}, fh)
"""

BARE_DRIVER = """\
import time

T_START = time.perf_counter()

import asyncio
import json
import sys
from pathlib import Path

marks = {"start": T_START}

from textual.app import App
from textual.widgets import Static

marks["imported"] = time.perf_counter()
TEXT = Path(sys.argv[2]).read_text(encoding="utf-8") if len(sys.argv) > 2 else "Hello"


def _stamp(name, then):
    marks[name] = time.perf_counter()
    then()


class Shown(Static):
    def render_line(self, y):
        strip = super().render_line(y)
        if "paint" not in marks:
            marks["paint"] = None
            asyncio.get_running_loop().call_soon(_stamp, "paint", self.app.exit)
        return strip


class Bare(App[None]):
    def compose(self):
        yield Shown(TEXT, markup=False)


Bare().run()
with open(sys.argv[1], "w", encoding="utf-8") as fh:
    json.dump({"marks": marks, "status": 0}, fh)
"""


@dataclass(frozen=True)
class Launch:
    """One launch: seconds from spawning the process, and its peak RSS.

    Attributes:
        started: To the first line of the driver (interpreter start-up).
        imported: To the app's modules imported.
        paint: To the first frame with the main widget's text.
        glossary: To the first frame with the glossary's terms (the reader only).
        explained: To a long Chinese text's words explained, after their first frame
            highlighted them (see ``ReaderApp.finish_glossary``); None for other texts.
        rss_mb: Peak resident set size of the process, in MiB.
    """

    started: float
    imported: float
    paint: float
    glossary: float | None
    rss_mb: float
    explained: float | None = None


def child_env(home: Path) -> dict[str, str]:
    """The environment of a launched app: a terminal, user directories and bytecode in ``home``.

    Bytecode goes to a private cache (filled by the warm-up round), as an installed app
    has it, whatever ``PYTHONDONTWRITEBYTECODE`` says, and nothing is written to the
    checkout.
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TEXTUAL")
        and k not in ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
    }
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        PYTHONPATH=str(ROOT),
        PYTHONPYCACHEPREFIX=str(home / "pycache"),
    )
    for variable, name in (
        ("HOME", "home"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        folder = home / name
        folder.mkdir(parents=True, exist_ok=True)
        env[variable] = str(folder)
    return env


def launch(script: Path, args: list[str], env: dict[str, str], out: Path) -> Launch:
    """Run a driver on a 120x40 pseudo-terminal and read its time stamps.

    Args:
        script: The driver.
        args: Its arguments after the result path.
        env: Its environment.
        out: Where it writes its marks.

    Returns:
        The launch's times (from just before the spawn) and peak RSS.
    """
    out.unlink(missing_ok=True)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))

    def drain() -> None:
        while True:
            try:
                if not os.read(master, 65536):
                    return
            except OSError:  # EIO: the last holder of the terminal closed it
                return

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    spawned = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(script), str(out), *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    os.close(slave)
    killer = threading.Timer(LAUNCH_TIMEOUT, proc.kill)
    killer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        killer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join(5)
    os.close(master)
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"{script.name} {' '.join(args)}: exit status {proc.returncode}")
    marks: dict[str, float | None] = json.loads(out.read_text(encoding="utf-8"))["marks"]

    def since(name: str) -> float | None:
        value = marks.get(name)
        return None if value is None else value - spawned

    started, imported, paint = since("start"), since("imported"), since("paint")
    if started is None or imported is None or paint is None:
        raise RuntimeError(f"{script.name} {' '.join(args)}: no paint recorded")
    rss = usage.ru_maxrss / 1024
    return Launch(started, imported, paint, since("glossary"), rss, since("explained"))


@dataclass(frozen=True)
class Drivers:
    """The launch drivers, written to a temporary folder, and their environment.

    Attributes:
        folder: The temporary folder.
        env: The launched apps' environment (see :func:`child_env`).
    """

    folder: Path
    env: dict[str, str]

    @classmethod
    def prepare(cls, folder: Path) -> Drivers:
        """Write the drivers into ``folder`` and give this process the same user folders.

        The in-process sessions (:func:`measure_session`) then keep marks and notes, and
        build the dictionary index, in ``folder`` too, never in the user's own folders.
        """
        env = child_env(folder / "user")
        for variable in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[variable] = env[variable]
        (folder / "reader_driver.py").write_text(READER_DRIVER, encoding="utf-8")
        (folder / "bare_driver.py").write_text(BARE_DRIVER, encoding="utf-8")
        return cls(folder, env)

    def reader(self, path: Path | None = None) -> Launch:
        """Launch the reader (on ``path``, else the bundled article)."""
        args = [] if path is None else [str(path)]
        return launch(self.folder / "reader_driver.py", args, self.env, self.folder / "m.json")

    def bare(self, path: Path | None = None) -> Launch:
        """Launch the bare app showing the text of ``path``, else ``Hello``."""
        args = [] if path is None else [str(path)]
        return launch(self.folder / "bare_driver.py", args, self.env, self.folder / "m.json")


def run_launches(variants: dict[str, Callable[[], Launch]], rounds: int) -> dict[str, list[Launch]]:
    """Launch every variant once per round, in turn, after one untimed warm-up round."""
    results: dict[str, list[Launch]] = {name: [] for name in variants}
    for round_ in range(rounds + 1):
        for name, run in variants.items():
            launched = run()
            if round_:
                results[name].append(launched)
    return results


def median(values: list[float]) -> float:
    """The median."""
    return statistics.median(values)


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    """Seconds as milliseconds for the table."""
    return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"


def verdict(ok: bool) -> str:
    """Whether a bar is met."""
    return "met" if ok else "**missed**"
