"""Benchmark: ``glossary add --jobs 2`` beside two independent CPU-bound Python processes.

Run from the repository root: ``python bench/jobs_speed.py [--rounds 5] [--write]``.

On a folder of 600 news articles of 20 KB each (``newscorpus.ensure_even_corpus``, written
once into ``bench/corpus/``), each round times, in turn forwards and backwards:

- ``glossary add DIR --jobs 1`` and ``--jobs 2``, each into a new store (the CC-CEDICT
  index and the reading tables built beforehand, as after a first run);
- a CPU-bound Python process alone, and two of them side by side (the same loop, no I/O,
  nothing shared): what two processes can do on this machine at that moment.

The speed-up of two jobs is the median of the rounds' ratios (1 job / 2 jobs), the ceiling
the median of ``2 x alone / side by side``; the bar is a speed-up of at least 0.85x the
ceiling. With ``--write`` the table is appended to BENCHMARKS.md.
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
from pathlib import Path

from benchlib import publish
from newscorpus import MB, ensure_even_corpus

ROOT = Path(__file__).resolve().parent.parent
BAR = 0.85
FILES, SIZE = 600, 20_000
# The CPU-bound process: a loop of pure Python (about 2 s on this machine).
SPIN = "n = 0\nfor i in range(24_000_000):\n    n += i & 7\n"


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(ROOT))  # Another tree's code when PYTHONPATH names it.
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = tmp / name.lower()
        folder.mkdir(exist_ok=True)
        env[name] = str(folder)
    return env


def _timed(cmds: list[list[str]], env: dict[str, str]) -> float:
    """Start the commands at once; seconds until the last has ended (each must succeed)."""
    start = time.perf_counter()
    procs = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for cmd in cmds
    ]
    errors = [proc.communicate()[1] for proc in procs]
    seconds = time.perf_counter() - start
    for proc, err in zip(procs, errors, strict=True):
        if proc.returncode:
            raise SystemExit(f"exit {proc.returncode}: {err.decode(errors='replace')[-2000:]}")
    return seconds


def main() -> None:
    """Run the benchmark and print (and optionally record) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="append results to BENCHMARKS.md")
    args = parser.parse_args()
    folder = ensure_even_corpus(FILES, SIZE)
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    seconds: dict[str, list[float]] = {"1": [], "2": [], "alone": [], "pair": []}
    with tempfile.TemporaryDirectory(prefix="jobs-") as name:
        tmp = Path(name)
        env = _env(tmp)
        glossary = [sys.executable, "-m", "glossary"]
        # A first run: the CC-CEDICT index and the reading tables, built once for every round.
        warm = dict(env, HANJA_READER_DB=str(tmp / "warm.sqlite3"))
        _timed([[*glossary, "add", str(folder)]], warm)
        spin = [sys.executable, "-c", SPIN]
        for round_ in range(args.rounds):
            order = ["1", "2", "alone", "pair"]
            for what in order if round_ % 2 == 0 else order[::-1]:
                if what in ("1", "2"):
                    db = tmp / f"j{what}.sqlite3"
                    for leftover in tmp.glob(f"j{what}.sqlite3*"):
                        leftover.unlink()
                    add = [*glossary, "add", str(folder), "--jobs", what]
                    seconds[what].append(_timed([add], dict(env, HANJA_READER_DB=str(db))))
                else:
                    seconds[what].append(_timed([spin] * (2 if what == "pair" else 1), env))
            print(
                f"round {round_ + 1}: "
                + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in seconds.items()),
                file=sys.stderr,
            )
        shutil.rmtree(tmp, ignore_errors=True)
    one, two, alone, pair = (seconds[k] for k in ("1", "2", "alone", "pair"))
    speedups = [a / b for a, b in zip(one, two, strict=True)]
    ceilings = [2 * a / b for a, b in zip(alone, pair, strict=True)]
    speedup, ceiling = statistics.median(speedups), statistics.median(ceilings)
    share = statistics.median(s / c for s, c in zip(speedups, ceilings, strict=True))
    listed = ", ".join(f"{s:.2f}/{c:.2f}" for s, c in zip(speedups, ceilings, strict=True))
    rows = [
        ("corpus", f"{FILES} files, {size / MB:.1f} MB ({folder.name})", ""),
        (
            "`glossary add DIR --jobs 1`, new store",
            f"median {statistics.median(one):.2f} s (best {min(one):.2f})",
            "",
        ),
        (
            "`glossary add DIR --jobs 2`, new store",
            f"median {statistics.median(two):.2f} s (best {min(two):.2f})",
            "",
        ),
        (
            "two CPU-bound Python processes side by side vs one",
            f"{ceiling:.2f}x the work of one (median of {len(ceilings)} rounds)",
            "ceiling",
        ),
        (
            "2 jobs vs 1 job",
            f"**{speedup:.2f}x** = **{share:.2f}** of the ceiling "
            f"(median of the rounds' shares; rounds, speed-up/ceiling: {listed})",
            f">= {BAR}x the ceiling: {'met' if share >= BAR else '**missed**'}",
        ),
    ]
    notes = (
        f"Rounds: {args.rounds}, in turn forwards and backwards; every import into a new "
        "store, the CC-CEDICT index and reading tables built before the first. Load average "
        f"before {load_before:.2f}, after {os.getloadavg()[0]:.2f} (1 min); the run took "
        f"{time.perf_counter() - started:.0f} s."
    )
    publish("Two jobs", "jobs_speed.py", rows, notes, args.write)


if __name__ == "__main__":
    main()
