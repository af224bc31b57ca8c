"""Benchmark: glossary extraction throughput on a 10 MB Korean text, beside baselines.

Run from the repository root: ``python bench/extract_speed.py [--mb 10] [--write]``.

It builds a deterministic corpus from the bundled article: copies of it in which some
glosses are replaced by words from the shipped word list (so thousands of distinct terms
must be explained, not twelve), then measures in one run, so that a noisy shared machine
affects both sides alike:

- a bare regular-expression scan for ``hangul(漢字)`` pairs over the same text (baseline);
- ``build_glossary`` in-process on one core (fresh caches each round);
- the ``glossary extract`` command end to end (decode, extract, JSON to /dev/null), and the
  JSON writing alone (``write_json`` of the glossary, term by term, to a sink): issue 20's
  bar is ``extract --format json`` at least 0.3x the bare scan;
- ``import glossary`` beside ``python -c pass``, and whether the import loaded any data.

With ``--write`` the results are appended to BENCHMARKS.md with the date and machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchlib import append_section, machine
from newscorpus import BARE_SCAN, make_corpus


def best_of(rounds: int, fn: Callable[[], object]) -> float:
    """The fastest of several timed calls, in seconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def pinned(cmd: list[str]) -> list[str]:
    """Run a command on one core when taskset is there."""
    return ["taskset", "-c", "0", *cmd] if shutil.which("taskset") else cmd


def main() -> None:
    """Run the benchmark and print (and optionally record) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="append results to BENCHMARKS.md")
    parser.add_argument(
        "--mode", choices=("news", "stress"), default="news", help="corpus kind (see make_corpus)"
    )
    args = parser.parse_args()

    from glossary import Enricher, build_glossary, document_from_text
    from glossary.cli import formats

    def write_json(glossaries: list[object], out: object) -> None:
        if hasattr(formats, "write_json"):
            formats.write_json(glossaries, out)  # type: ignore[arg-type]
        else:  # Code from before issue 20's JSON writer: one string.
            out.write(formats.render_json(glossaries))  # type: ignore[attr-defined, arg-type]

    class Sink:
        def write(self, text: str) -> int:
            return len(text)

    text = make_corpus(int(args.mb * 1024 * 1024), args.mode)
    size_mb = len(text.encode("utf-8")) / 1024 / 1024
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.txt"
        path.write_text(text, encoding="utf-8")
        document = document_from_text(text)
        regex_s = best_of(args.rounds, lambda: sum(1 for _ in BARE_SCAN.finditer(text)))
        glossary = build_glossary(document, Enricher())
        build_s = best_of(args.rounds, lambda: build_glossary(document, Enricher()))
        write_s = best_of(args.rounds, lambda: write_json([glossary], Sink()))
        glossary_cmd = [sys.executable, "-m", "glossary", "extract", str(path)]
        cli_s = best_of(
            args.rounds,
            lambda: subprocess.run(pinned(glossary_cmd), stdout=subprocess.DEVNULL, check=True),
        )
        bare_cmd = [*glossary_cmd, "--no-dictionary"]
        bare_cli_s = best_of(
            args.rounds,
            lambda: subprocess.run(pinned(bare_cmd), stdout=subprocess.DEVNULL, check=True),
        )
        json_cmd = [*glossary_cmd, "-f", "json"]
        json_s = best_of(
            args.rounds,
            lambda: subprocess.run(pinned(json_cmd), stdout=subprocess.DEVNULL, check=True),
        )
    bare_s = best_of(5, lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
    probe = (
        "import sys, glossary\n"
        "from glossary.engine.hanjadict import hanja_dictionary\n"
        "heavy = [m for m in ('opencc', 'pypinyin', 'textual') if m in sys.modules]\n"
        "print(heavy, hanja_dictionary.cache_info().currsize)\n"
    )
    import_s = best_of(
        5, lambda: subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True)
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout.strip()

    occurrences = sum(len(t.occurrences) for t in glossary.terms)
    mentions = sum(len(t.mentions) for t in glossary.terms)
    rows = [
        (
            "corpus",
            f"{size_mb:.1f} MB ({args.mode}), {len(glossary.terms)} distinct terms, "
            f"{occurrences} glossed places, {mentions} mentions",
        ),
        ("bare regex scan (baseline)", f"{regex_s:.3f} s = {size_mb / regex_s:.1f} MB/s"),
        (
            "build_glossary in-process, one core, with meanings and suggestions (what JSON shows)",
            f"{build_s:.3f} s = {size_mb / build_s:.1f} MB/s "
            f"({regex_s / build_s:.2f}x the regex scan)",
        ),
        (
            "`glossary extract FILE` end to end (table), pinned to one core",
            f"{cli_s:.3f} s = {size_mb / cli_s:.1f} MB/s (bar: >= 5 MB/s)",
        ),
        (
            "`glossary extract FILE --no-dictionary` (no meanings, no suggestions), one core",
            f"{bare_cli_s:.3f} s = {size_mb / bare_cli_s:.1f} MB/s",
        ),
        (
            "`glossary extract FILE -f json` end to end, pinned to one core",
            f"{json_s:.3f} s = {size_mb / json_s:.1f} MB/s = {regex_s / json_s:.3f}x the regex "
            "scan (bar: >= 0.3x)",
        ),
        (
            "JSON writing alone (`write_json` of that glossary, term by term, to a sink)",
            f"{write_s:.3f} s = {size_mb / write_s:.1f} MB/s of text = {regex_s / write_s:.2f}x "
            "the regex scan",
        ),
        (
            "`import glossary` vs `python -c pass`",
            f"{import_s * 1000:.0f} ms vs {bare_s * 1000:.0f} ms; "
            f"modules/dictionaries loaded by the import: {loaded}",
        ),
    ]
    report = "\n".join(f"| {k} | {v} |" for k, v in rows)
    print(report)
    if args.write:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        entry = (
            f"\n## Extraction speed, {stamp}\n\n"
            f"Machine: {machine()}. Command: `python bench/extract_speed.py --mb {args.mb:g} "
            f"--mode {args.mode} --rounds {args.rounds} --write` (best of {args.rounds}).\n\n"
            f"| measure | result |\n| --- | --- |\n{report}\n"
        )
        append_section(entry)


if __name__ == "__main__":
    main()
