"""The import stage (1 job, 2 jobs, two halves side by side) and the resume stage."""

from __future__ import annotations

import random
import shlex
import signal
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from newscorpus import MB, CorpusInfo
from scale_common import Row, log, verdict
from scale_procs import AddRun, run_add, run_side_by_side
from scale_stores import compare_stores, count_documents, remove_store

SPEEDUP_BAR = 1.7
MEMORY_BAR_MB = 500.0


def has_jobs_option(env: dict[str, str]) -> bool:
    """Whether ``glossary add`` takes ``--jobs`` (and folders) yet."""
    help_text = subprocess.run(
        [sys.executable, "-m", "glossary", "add", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    return "--jobs" in help_text


@dataclass
class Context:
    """What every measurement of one run shares.

    Attributes:
        tmp: The temporary folder (stores, logs, user folders).
        env: The environment of the commands run.
        jobs: Whether ``glossary add`` takes folders and ``--jobs``.
        rounds: Timed rounds of the in-process extraction.
        import_rounds: Rounds of imports (1 job, 2 jobs, two halves side by side).
        interrupts: How many times the resume check interrupts the import.
        rng: Draws the interruption delays.
    """

    tmp: Path
    env: dict[str, str]
    jobs: bool
    rounds: int
    import_rounds: int
    interrupts: int
    rng: random.Random


def add_files_command(
    corpus: Path, files: Sequence[Path], db: Path, jobs: int | None = 1
) -> list[str]:
    """``glossary add FILE...`` (run from the corpus's parent folder) into ``db``.

    ``jobs`` None leaves ``--jobs`` out, for a ``glossary`` that has no such option yet.
    """
    option = [] if jobs is None else ["--jobs", str(jobs)]
    names = [str(f.relative_to(corpus.parent)) for f in files]
    return [sys.executable, "-m", "glossary", "add", *option, "--db", str(db), *names]


def add_command(
    ctx: Context, corpus: Path, files: Sequence[Path], db: Path, jobs: int
) -> list[str]:
    """``glossary add`` of the corpus (run from its parent folder) into ``db``."""
    if not ctx.jobs:
        return add_files_command(corpus, files, db, jobs=None)
    glossary = [sys.executable, "-m", "glossary", "add", corpus.name]
    return [*glossary, "--jobs", str(jobs), "--db", str(db)]


def ratios(numerators: Sequence[float], denominators: Sequence[float]) -> str:
    """Each round's ratio, as a list for the table."""
    return ", ".join(f"{a / b:.2f}" for a, b in zip(numerators, denominators, strict=True))


def import_rows(
    ctx: Context, corpus: CorpusInfo, files: Sequence[Path]
) -> tuple[list[Row], Path | None, float]:
    """Import with 1 and 2 jobs; return the rows, the reference store and its import time."""
    mb, size = corpus.bytes / MB, f"{corpus.size_mb:g} MB"
    runs: dict[int, AddRun] = {}
    stores: dict[int, Path] = {}
    rows: list[Row] = []
    seconds: dict[str, list[float]] = {"1": [], "2": [], "halves": []}
    # The machine's speed drifts by a third within minutes, so each round times 1 job and
    # 2 jobs back to back, and the speed-up is the median of the rounds' ratios. In the
    # same rounds, two one-job imports of half the files each run side by side, into their
    # own stores: what two processes can do for this work on this machine, with nothing
    # shared (the ceiling for the import's 2 jobs).
    halves = [files[0::2], files[1::2]]
    for round_ in range(ctx.import_rounds):
        order = ["1", "2", "halves"] if round_ % 2 == 0 else ["halves", "2", "1"]
        for what in order if ctx.jobs else ["1"]:
            name = "two halves side by side" if what == "halves" else f"{what} job(s)"
            log(f"{size}: glossary add, {name}, round {round_ + 1}")
            if what == "halves":
                dbs = [ctx.tmp / f"import-{corpus.size_mb:g}-half{i}.sqlite3" for i in (0, 1)]
                for db in dbs:
                    remove_store(db)
                cmds = [
                    add_files_command(corpus.path, half, db)
                    for half, db in zip(halves, dbs, strict=True)
                ]
                seconds[what].append(run_side_by_side(cmds, ctx.env, corpus.path.parent))
                for db in dbs:
                    remove_store(db)
                continue
            jobs = int(what)
            db = ctx.tmp / f"import-{corpus.size_mb:g}-j{jobs}.sqlite3"
            remove_store(db)
            cmd = add_command(ctx, corpus.path, files, db, jobs)
            logs = ctx.tmp / f"add-{corpus.size_mb:g}-{jobs}"
            run = run_add(cmd, ctx.env, corpus.path.parent, logs)
            seconds[what].append(run.seconds)
            best = runs.get(jobs)
            if best is None or run.status != 0 or run.seconds < best.seconds:
                peak = max(run.tree_rss_mb, best.tree_rss_mb if best else 0.0)
                peak_pss = max(run.tree_pss_mb, best.tree_pss_mb if best else 0.0)
                runs[jobs] = replace(run, tree_rss_mb=peak, tree_pss_mb=peak_pss)
            elif run.tree_rss_mb > best.tree_rss_mb:
                runs[jobs] = replace(best, tree_rss_mb=run.tree_rss_mb)
            stores[jobs] = db
    for jobs, run in runs.items():
        db = stores[jobs]
        cmd = add_command(ctx, corpus.path, files, db, jobs)
        failed = ""
        if run.status != 0:
            last = (run.stderr.strip().splitlines() or [""])[-1]
            failed = f" **exit status {run.status}** (“{last[:100]}”);"
            log(f"{shlex.join(cmd[:6])}...: exit status {run.status}\n{run.stderr}")
        label = f"`glossary add DIR --jobs {jobs}`" if ctx.jobs else "`glossary add FILE...`"
        rows.append(
            (
                f"import, {size}: {label}, new store",
                f"fastest of {len(seconds[str(jobs)])}: {run.seconds:.2f} s = "
                f"{mb / run.seconds:.2f} MB/s,{failed} "
                f"{len(files) / run.seconds:,.0f} files/s (each round: "
                f"{', '.join(f'{t:.2f}' for t in seconds[str(jobs)])} s); peak memory of the "
                f"process tree {run.tree_rss_mb:.0f} MB RSS, {run.tree_pss_mb:.0f} MB PSS, "
                f"largest process {run.proc_rss_mb:.0f} MB; "
                f"store {db.stat().st_size / MB:.1f} MB; "
                f"“{run.last_line.replace(str(ctx.tmp), 'TMP')[:90]}”",
                "",
            )
        )
    if ctx.jobs:
        one, two, side = seconds["1"], seconds["2"], seconds["halves"]
        speedup = statistics.median(a / b for a, b in zip(one, two, strict=True))
        ceiling = statistics.median(a / b for a, b in zip(one, side, strict=True))
        same, diff = compare_stores(stores[1], stores[2])
        rows.append(
            (
                f"import, {size}: 2 jobs vs 1 job",
                f"**{speedup:.2f}x** faster: the median of {len(one)} rounds' ratios, 1 job "
                f"and 2 jobs back to back ({ratios(one, two)}); fastest of each: "
                f"{min(one) / min(two):.2f}x; same store: {'yes' if same else 'NO: ' + diff}. "
                f"What two processes can do here, in the same rounds: two 1-job imports of "
                f"half the files each, side by side, {ceiling:.2f}x ({ratios(one, side)})",
                f">= {SPEEDUP_BAR}x: {verdict(speedup >= SPEEDUP_BAR)}"
                if corpus.size_mb >= 100
                # A few seconds' import: each process's start-up (0.8 s) weighs on 2 jobs,
                # as the halves side by side show; the bar is for a large archive.
                else f"(>= {SPEEDUP_BAR}x at 100 MB; here {verdict(speedup >= SPEEDUP_BAR)})",
            )
        )
    else:
        rows.append(
            (
                f"import, {size}: 2 jobs vs 1 job",
                "not measured: `glossary add` has no `--jobs` yet",
                f">= {SPEEDUP_BAR}x: not measured",
            )
        )
    peak = max(run.tree_rss_mb for run in runs.values())
    bar = (
        f"<= {MEMORY_BAR_MB:.0f} MB: {verdict(peak <= MEMORY_BAR_MB)}"
        if corpus.size_mb >= 100
        else f"(<= {MEMORY_BAR_MB:.0f} MB at 100 MB)"
    )
    pss = max(run.tree_pss_mb for run in runs.values())
    rows.append(
        (
            f"peak memory, {size} import (process tree, summed)",
            f"{peak:.0f} MB RSS ({pss:.0f} MB PSS)",
            bar,
        )
    )
    reference = max(stores)
    for jobs, db in stores.items():
        if jobs != reference:
            remove_store(db)
    return rows, stores[reference], runs[reference].seconds


def resume_rows(
    ctx: Context, corpus: CorpusInfo, files: Sequence[Path], reference: Path, seconds: float
) -> list[Row]:
    """Interrupt an import, run it again, and compare its store with the reference."""
    size = f"{corpus.size_mb:g} MB"
    jobs = 2 if ctx.jobs else 1
    db = ctx.tmp / f"resume-{corpus.size_mb:g}.sqlite3"
    remove_store(db)
    cmd = add_command(ctx, corpus.path, files, db, jobs)
    stops = []
    for i in range(ctx.interrupts):
        delay = ctx.rng.uniform(0.1, 0.9) * seconds
        log(f"{size}: glossary add, interrupted after {delay:.1f} s")
        run = run_add(
            cmd,
            ctx.env,
            corpus.path.parent,
            ctx.tmp / f"resume-{corpus.size_mb:g}-{i}",
            interrupt=(delay, signal.SIGINT),
        )
        kept = count_documents(db)
        if run.signalled is None:
            stops.append(f"finished before the signal at {delay:.1f} s (exit {run.status})")
            continue
        assert run.stopped is not None
        last = run.stderr.strip().splitlines()[-1:] or [""]
        stops.append(
            f"SIGINT at {run.signalled:.1f} s, exited {run.stopped:.2f} s later with status "
            f"{run.status}, {kept} of {len(files)} documents kept"
            + (f", {run.left_behind} processes left running" if run.left_behind else "")
            + (f" (stderr: “{last[0][:80]}”)" if run.status not in (0, 130) else "")
        )
    log(f"{size}: glossary add, resumed")
    final = run_add(cmd, ctx.env, corpus.path.parent, ctx.tmp / f"resume-{corpus.size_mb:g}-end")
    same, diff = compare_stores(reference, db)
    remove_store(db)
    return [
        (
            f"resume, {size}: `glossary add` interrupted, then run again",
            "; ".join(stops)
            + f"; run again: {final.seconds:.2f} s, exit {final.status}; "
            + f"store identical to the uninterrupted import's: **{'yes' if same else 'NO'}**"
            + ("" if same else f" ({diff})"),
            f"identical: {verdict(same and final.status == 0)}",
        )
    ]
