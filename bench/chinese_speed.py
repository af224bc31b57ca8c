"""Benchmark: `glossary extract` on 10 MB of Chinese beside 10 MB of Korean, in one run.

Run from the repository root: ``python bench/chinese_speed.py [--mb 10] [--rounds 3]``.

Issue 18's bar: ``glossary extract`` on 10 MB of Chinese runs at least at the throughput of
10 MB of Korean. Both corpora are deterministic:

- Chinese, ``--corpus passages`` (the default): the four news passages of ``bench/segment``
  (``01`` to ``04``, three simplified and one traditional), repeated. Their text is not
  committed (see ``bench/segment/SOURCES.md``); without it the Leiden corpus is used.
  Repeated text has few distinct words (some 600), as a long article on one subject does
  more than a news archive;
- Chinese, ``--corpus leiden``: words drawn by their frequency in the Leiden Weibo Corpus list
  (``bench/segment_speed.py``'s corpus): tens of thousands of distinct words, each of which
  must be explained (pinyin, readings, meanings), and many that CC-CEDICT lacks;
- Korean: ``bench/newscorpus.py``'s news text (``bench/extract_speed.py``'s corpus).

Each round runs the command once per format and language, the languages in turn (Chinese
first in even rounds, Korean first in odd ones), so that a busy machine weighs on both alike;
every run is a fresh process (``python -m glossary extract -f FORMAT FILE > /dev/null``,
pinned to one core when ``taskset`` is there), after one untimed run that builds the
dictionary index if needed. The table gives the best round and the median, MB/s, and the
Chinese throughput as a share of the Korean one (the bar: >= 1). ``--in-process`` also times
``build_glossary`` alone (no meanings: what ``-f table`` needs), best of the rounds, with the
cyclic garbage collector on, as a library caller such as the reader has it (the command turns
it off).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
for folder in (ROOT, BENCH):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

MB = 1024 * 1024
FORMATS = ("json", "table")
LANGUAGES = ("zh", "ko")


def passages_corpus(size: int) -> str | None:
    """The news passages 01 to 04 repeated to about ``size`` bytes; None without their text."""
    paths = sorted(p for p in (BENCH / "segment").glob("0[1-4]*.txt") if ".seg" not in p.name)
    if not paths:
        return None
    one = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    return "\n".join([one] * (size // len(one.encode("utf-8")) + 1))


def chinese_corpus(size: int, kind: str) -> tuple[str, str]:
    """The Chinese text and the name of the corpus it is."""
    if kind == "passages":
        text = passages_corpus(size)
        if text is not None:
            return text, "passages 01-04 repeated"
    from segment_speed import leiden_corpus

    return leiden_corpus(size), "Leiden words by frequency"


def pinned(cmd: list[str]) -> list[str]:
    """Run a command on one core when taskset is there."""
    return ["taskset", "-c", "0", *cmd] if shutil.which("taskset") else cmd


def run_once(path: Path, fmt: str) -> float:
    """Wall time of one ``glossary extract`` of a file, output thrown away."""
    cmd = pinned([sys.executable, "-m", "glossary", "extract", "-f", fmt, str(path)])
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
    return time.perf_counter() - start


def output_size(path: Path, fmt: str) -> int:
    """The size in bytes of what ``glossary extract`` writes for a file."""
    cmd = [sys.executable, "-m", "glossary", "extract", "-f", fmt, str(path)]
    with tempfile.TemporaryFile() as out:
        subprocess.run(cmd, stdout=out, check=True, cwd=ROOT)
        return out.tell()


def in_process(texts: dict[str, str], rounds: int) -> dict[str, float]:
    """Best time of ``build_glossary`` (no meanings) per language, fresh caches each time."""
    from glossary import Enricher, build_glossary, document_from_text

    documents = {lang: document_from_text(text) for lang, text in texts.items()}
    build_glossary(document_from_text("改革开放"), Enricher(), dictionary=False)  # Word lists.
    best = dict.fromkeys(documents, float("inf"))
    for n in range(rounds):
        for lang in LANGUAGES if n % 2 == 0 else LANGUAGES[::-1]:
            start = time.perf_counter()
            build_glossary(documents[lang], Enricher(), dictionary=False)
            best[lang] = min(best[lang], time.perf_counter() - start)
    return best


def main() -> None:
    """Run the benchmark and print the results as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", choices=("passages", "leiden"), default="passages")
    parser.add_argument(
        "--in-process", action="store_true", help="also time build_glossary in-process"
    )
    args = parser.parse_args()
    size = int(args.mb * MB)

    from newscorpus import make_corpus

    chinese, corpus_name = chinese_corpus(size, args.corpus)
    texts = {"zh": chinese, "ko": make_corpus(size)}
    sizes = {lang: len(text.encode("utf-8")) / MB for lang, text in texts.items()}
    times: dict[tuple[str, str], list[float]] = {(f, lang): [] for f in FORMATS for lang in texts}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {lang: Path(tmp) / f"{lang}.txt" for lang in texts}
        for lang, path in paths.items():
            path.write_text(texts[lang], encoding="utf-8")
        run_once(paths["zh"], "table")  # Builds the dictionary index if needed.
        json_sizes = {lang: output_size(path, "json") / MB for lang, path in paths.items()}
        for n in range(args.rounds):
            for fmt in FORMATS:
                for lang in LANGUAGES if n % 2 == 0 else LANGUAGES[::-1]:
                    times[fmt, lang].append(run_once(paths[lang], fmt))

    rows = [
        (
            "corpora",
            f"Chinese ({corpus_name}): {sizes['zh']:.1f} MB, JSON out {json_sizes['zh']:.0f} MB; "
            f"Korean news: {sizes['ko']:.1f} MB, JSON out {json_sizes['ko']:.0f} MB",
        )
    ]
    for fmt in FORMATS:
        rate = {}
        for lang in LANGUAGES:
            best, median = min(times[fmt, lang]), statistics.median(times[fmt, lang])
            rate[lang] = sizes[lang] / best
            rows.append(
                (
                    f"`glossary extract -f {fmt}`, {'Chinese' if lang == 'zh' else 'Korean'}",
                    f"best {best:.2f} s = {rate[lang]:.2f} MB/s (median {median:.2f} s)",
                )
            )
        rows.append(
            (
                f"`-f {fmt}`: Chinese throughput / Korean",
                f"{rate['zh'] / rate['ko']:.2f}x (bar: >= 1)",
            )
        )
    if args.in_process:
        built = in_process(texts, args.rounds)
        for lang in LANGUAGES:
            rows.append(
                (
                    f"`build_glossary(..., dictionary=False)` in-process, "
                    f"{'Chinese' if lang == 'zh' else 'Korean'}",
                    f"{built[lang]:.2f} s = {sizes[lang] / built[lang]:.2f} MB/s",
                )
            )
    print("| measure | result |\n| --- | --- |")
    print("\n".join(f"| {k} | {v} |" for k, v in rows))


if __name__ == "__main__":
    main()
