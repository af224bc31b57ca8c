"""Benchmark: start-up of the ``glossary`` command beside the interpreter's floor (issue 20).

Run from the repository root: ``python bench/startup.py [--rounds 15] [--write]``.

Every command runs in a fresh process, in turns (one of each per round, the order reversed
every other round), so that a noisy shared machine weighs on all of them alike; each is
reported as the best and the median of its rounds, with the peak memory (VmHWM, from the
child's ``wait4`` rusage) of its largest run. It measures:

- the floor: ``python -c "import re, json, sqlite3, argparse"`` (baseline of the bars);
- ``glossary extract`` of a 1 KB file (the first 1 KB of the bundled article). Bar: within
  4x of the floor, peak memory under 45 MB;
- ``glossary lookup 杭州`` (the CC-CEDICT index built beforehand). Bar: the same;
- ``python -c "import glossary"`` beside ``python -c "pass"``. Bar: under 30 ms more;
  and the import's own time as ``-X importtime`` reports it (cumulative, median); the
  package's names load on first use, so ``from glossary import build_glossary`` (the
  engine a command or the reader loads) is reported too;
- the first run: ``glossary extract`` of the 1 KB file with an empty cache, which builds
  the reading and conversion tables (``glossary.engine.tables``), and the table build on
  its own in-process.

Everything happens in a temporary cache, data and config folder, never the user's. With
``--write`` the results are appended to BENCHMARKS.md with the date and machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchlib import publish

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "hangzhou-ai-town.txt"
RATIO_BAR = 4.0
MEMORY_BAR_MB = 45.0
IMPORT_BAR_MS = 30.0


@dataclass
class Runs:
    """The timed runs of one command."""

    argv: list[str]
    seconds: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)

    @property
    def best(self) -> float:
        """The fastest run, in ms."""
        return min(self.seconds) * 1000

    @property
    def median(self) -> float:
        """The median run, in ms."""
        return statistics.median(self.seconds) * 1000

    @property
    def peak_mb(self) -> float:
        """The largest peak resident set of all runs, in MB."""
        return max(self.peak_kb) / 1024


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Run a command to completion; its wall time (s) and its peak resident set (KB).

    The child is reaped with ``os.wait4``, whose rusage is the child's own (``ru_maxrss``
    is VmHWM on Linux), not the maximum over every child so far.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {stderr}")
    return elapsed, usage.ru_maxrss


def take_turns(commands: dict[str, Runs], rounds: int, env: dict[str, str]) -> None:
    """Run every command once per round, forwards then backwards, recording each run."""
    names = list(commands)
    for r in range(rounds):
        for name in names if r % 2 == 0 else reversed(names):
            seconds, peak = run_once(commands[name].argv, env)
            commands[name].seconds.append(seconds)
            commands[name].peak_kb.append(peak)


def import_time_ms(env: dict[str, str], rounds: int) -> float:
    """The median cumulative time of ``import glossary`` as ``-X importtime`` reports it."""
    times = []
    for _ in range(rounds):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import glossary"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            cwd=ROOT,
        )
        for line in proc.stderr.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 3 and parts[2] == "glossary":
                times.append(int(parts[1]) / 1000)
    return statistics.median(times)


def one_kb_file(folder: Path) -> Path:
    """The first 1 KB of the bundled article (cut back to a whole character)."""
    data = ARTICLE.read_bytes()[:1024]
    text = data.decode("utf-8", "ignore")
    path = folder / "article-1k.txt"
    path.write_text(text, encoding="utf-8")
    return path


def glossary_command() -> list[str]:
    """The ``glossary`` console script of this interpreter, or ``python -m glossary``."""
    script = Path(sys.executable).parent / "glossary"
    return [str(script)] if script.exists() else [sys.executable, "-m", "glossary"]


def first_runs(
    command: list[str], env: dict[str, str], cache: Path, rounds: int
) -> tuple[list[float], list[float]]:
    """``command`` with an empty tables cache, then again with the tables built, in turns.

    Returns:
        The first runs' and the second runs' times, in ms.
    """
    cold, warm = [], []
    for _ in range(rounds):
        for stale in cache.glob("chinese-tables-*"):
            stale.unlink()
        cold.append(run_once(command, env)[0] * 1000)
        warm.append(run_once(command, env)[0] * 1000)
    return cold, warm


def build_times(rounds: int) -> list[float] | None:
    """The table build on its own, in-process, pypinyin and OpenCC already loaded (ms)."""
    try:
        from glossary.engine import tablebuild
    except ImportError:
        return None  # The code before issue 20 has no tables.
    times = []
    with tempfile.TemporaryDirectory(prefix="startup-build-") as tmp:
        tablebuild.build_tables(Path(tmp) / "warm-up.sqlite3")
        for i in range(rounds):
            start = time.perf_counter()
            tablebuild.build_tables(Path(tmp) / f"tables-{i}.sqlite3")
            times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    """Run the benchmark and print (and optionally record) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="runs of each command")
    parser.add_argument("--write", action="store_true", help="append results to BENCHMARKS.md")
    parser.add_argument("--note", default="", help="a paragraph to add under the results")
    args = parser.parse_args()

    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    glossary = glossary_command()
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as tmp:
        folder = Path(tmp)
        # Bytecode is written (and compiled first), as an installed package has it: a stale
        # .pyc would time the compiler, not the start-up.
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("HANJA_READER_") and k != "PYTHONDONTWRITEBYTECODE"
        }
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(ROOT / "glossary")],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
            (folder / name.lower()).mkdir()
            env[name] = str(folder / name.lower())
        env["HANJA_READER_DB"] = str(folder / "glossary.sqlite3")
        cache = folder / "xdg_cache_home" / "hanja-reader"
        small = one_kb_file(folder)
        size = small.stat().st_size
        # The CC-CEDICT index and the tables are built once, as a user's first run does.
        run_once([*glossary, "lookup", "杭州"], env)
        run_once([*glossary, "extract", str(small)], env)

        floor = Runs([sys.executable, "-c", "import re, json, sqlite3, argparse"])
        commands = {
            "floor": floor,
            "extract": Runs([*glossary, "extract", str(small)]),
            "extract json": Runs([*glossary, "extract", "--format", "json", str(small)]),
            "lookup": Runs([*glossary, "lookup", "杭州"]),
            "import": Runs([sys.executable, "-c", "import glossary"]),
            "engine": Runs([sys.executable, "-c", "from glossary import build_glossary"]),
            "pass": Runs([sys.executable, "-c", "pass"]),
        }
        take_turns(commands, args.rounds, env)
        importtime = import_time_ms(env, args.rounds)
        cache.mkdir(parents=True, exist_ok=True)
        cold, warm = first_runs([*glossary, "extract", str(small)], env, cache, 5)
    builds = build_times(5)

    def ratio(label: str, name: str) -> tuple[str, str, str]:
        runs = commands[name]
        median = runs.median / floor.median
        best = runs.best / floor.best
        verdict = "met" if median <= RATIO_BAR and runs.peak_mb < MEMORY_BAR_MB else "NOT met"
        return (
            label,
            f"median {runs.median:.0f} ms = **{median:.2f}x** the floor (best {runs.best:.0f} "
            f"ms = {best:.2f}x); peak {runs.peak_mb:.1f} MB",
            f"<= {RATIO_BAR:g}x, < {MEMORY_BAR_MB:g} MB: {verdict}",
        )

    imported = commands["import"].median - commands["pass"].median
    imported_best = commands["import"].best - commands["pass"].best
    rows = [
        (
            'floor: `python -c "import re, json, sqlite3, argparse"`',
            f"median {floor.median:.1f} ms (best {floor.best:.1f}); peak {floor.peak_mb:.1f} MB",
            "baseline",
        ),
        ratio(f"`glossary extract` of a 1 KB file ({size} bytes)", "extract"),
        ratio("`glossary lookup 杭州`", "lookup"),
        (
            "`glossary extract --format json` of the 1 KB file (meanings, suggestions)",
            f"median {commands['extract json'].median:.0f} ms = "
            f"{commands['extract json'].median / floor.median:.2f}x the floor; "
            f"peak {commands['extract json'].peak_mb:.1f} MB",
            "",
        ),
        (
            '`python -c "import glossary"` over `python -c "pass"`',
            f"**{imported:+.1f} ms** (median {commands['import'].median:.1f} vs "
            f"{commands['pass'].median:.1f} ms; best: {imported_best:+.1f} ms); "
            f"`-X importtime`: {importtime:.1f} ms",
            f"< {IMPORT_BAR_MS:g} ms: {'met' if imported < IMPORT_BAR_MS else 'NOT met'}",
        ),
        (
            '`python -c "from glossary import build_glossary"` (the engine) over `pass`',
            f"{commands['engine'].median - commands['pass'].median:.1f} ms more (median "
            f"{commands['engine'].median:.1f} ms); peak {commands['engine'].peak_mb:.1f} MB",
            "",
        ),
        (
            "first run: `glossary extract` of the 1 KB file, empty cache (tables built)",
            f"median {statistics.median(cold):.0f} ms, then {statistics.median(warm):.0f} ms "
            f"with the tables built (+{statistics.median(cold) - statistics.median(warm):.0f} ms)",
            "",
        ),
    ]
    if builds is not None:
        rows.append(
            (
                "table build alone, in-process (pypinyin and OpenCC loaded)",
                f"median {statistics.median(builds):.0f} ms (best {min(builds):.0f})",
                "",
            )
        )
    notes = (
        f"Each command {args.rounds} times in fresh processes, taking turns (the order "
        "reversed every other round); ratios are of medians. Peak memory: the child's "
        "`ru_maxrss` (VmHWM) from `wait4`, the largest of its runs. First runs: 5 pairs. "
        f"Load average before {load_before:.2f}, after {os.getloadavg()[0]:.2f} (1 min); "
        f"the run took {time.perf_counter() - started:.0f} s."
    )
    if args.note:
        notes += f"\n\n{args.note}"
    publish("Start-up", "startup.py", rows, notes, args.write)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
