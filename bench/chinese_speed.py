"""Benchmark: `glossary extract` on 10 MB of Chinese beside 10 MB of Korean, in one run.

Run from the repository root: ``python bench/chinese_speed.py [--mb 10] [--rounds 3]
[--in-process] [--per-word] [--write]``.

Issue 18's bar: ``glossary extract`` on 10 MB of Chinese runs at least at the throughput of
10 MB of Korean. Both corpora are deterministic:

- Chinese, ``--corpus passages`` (the default): the news passages of ``bench/segment``
  (``01`` to ``04``, three simplified and one traditional) repeated, where their text is on
  the machine (it is not committed: see ``bench/segment/SOURCES.md``); else the two
  committed development passages of government text (``07``, a traditional Executive Yuan
  news release; ``08``, a simplified Hunan notice), which every checkout has. Repeated text
  has few distinct words (some hundreds), as a long article on one subject does more than a
  news archive;
- Chinese, ``--corpus leiden``: words drawn by their frequency in the Leiden Weibo Corpus list
  (``bench/segment_speed.py``'s corpus): tens of thousands of distinct words, each of which
  must be explained (pinyin, readings, meanings), and many that CC-CEDICT lacks;
- Chinese, ``--corpus peoples-daily``: the People's Daily of January 1998 (5.5 MB of running
  news text, fetched as ``bench/peoples_daily.py`` says), then its start again up to the size:
  the distinct words of a month of news (48,152), each of which must be explained;
- Chinese, ``--corpus classical``: the classical passage of ``bench/segment`` (論語 學而,
  public domain, committed) repeated: running text, short clauses, a few hundred words, on
  every checkout;
- Korean: ``bench/newscorpus.py``'s news text (``bench/extract_speed.py``'s corpus).

Each round runs the command once per format and language, the languages in turn (Chinese
first in even rounds, Korean first in odd ones), so that a busy machine weighs on both alike;
every run is a fresh process (``python -m glossary extract -f FORMAT FILE > /dev/null``,
pinned to one core when ``taskset`` is there), after one untimed run that builds the
dictionary index if needed. The table gives the best round and the median, MB/s, and the
Chinese throughput as a share of the Korean one (the bar: >= 1). ``--in-process`` also times
``build_glossary`` alone (no meanings: what ``-f table`` needs), best of the rounds, with the
cyclic garbage collector on, as a library caller such as the reader has it (the command turns
it off). ``--per-word`` times the same call with the collector off, as the command runs it, and
divides by what it builds: the places (every occurrence of every term: on Chinese each word
is one, on Korean each glossed or bare hanja), the hangul mentions and the terms, giving the
microseconds per Chinese word place beside those per Korean glossed place and per Korean
place or mention. ``--write`` appends the table to BENCHMARKS.md with the date and machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossary import Document

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
for folder in (ROOT, BENCH):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

MB = 1024 * 1024
FORMATS = ("json", "table")
LANGUAGES = ("zh", "ko")
NAMES = {"zh": "Chinese", "ko": "Korean"}


def passages_corpus(size: int) -> tuple[str, str]:
    """The news passages repeated to about ``size`` bytes, and which passages they are."""
    paths = sorted(p for p in (BENCH / "segment").glob("0[1-4]*.txt") if ".seg" not in p.name)
    if paths:
        one, name = "\n".join(p.read_text(encoding="utf-8") for p in paths), "passages 01-04"
    else:
        dev = ("07_ey-legislative-bills", "08_hunan-graduate-employment")
        texts = [json.loads((BENCH / "segment" / f"{n}.json").read_text("utf-8")) for n in dev]
        one, name = "\n".join(t["text"] for t in texts), "passages 07-08 (committed)"
    return "\n".join([one] * (size // len(one.encode("utf-8")) + 1)), f"{name} repeated"


def chinese_corpus(size: int, kind: str) -> tuple[str, str]:
    """The Chinese text and the name of the corpus it is."""
    if kind == "passages":
        return passages_corpus(size)
    if kind == "classical":
        data = json.loads((BENCH / "segment" / "05_lunyu-xueer.json").read_text(encoding="utf-8"))
        one = data["text"] + "\n"
        return one * (size // len(one.encode("utf-8")) + 1), "論語 學而 repeated"
    if kind == "peoples-daily":
        from peoples_daily import corpus_path, plain_text

        one = plain_text(corpus_path(None)) + "\n"
        # Cut at a paragraph so that no word is split where the copies meet.
        copies = "".join([one] * (size // len(one.encode("utf-8")) + 1)).encode("utf-8")[:size]
        text = copies.decode("utf-8", "ignore")
        return text[: text.rfind("\n") + 1], "People's Daily, January 1998 (5.5 MB, then again)"
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


@dataclass(frozen=True)
class Built:
    """The best time of one ``build_glossary`` call and what it built.

    Attributes:
        seconds: The best wall time over the rounds.
        places: Every occurrence of every term (on Chinese, one per word).
        bare: Of those, the places of bare terms (no gloss).
        mentions: Every hangul-only mention of a gloss.
        terms: The terms.
    """

    seconds: float
    places: int
    bare: int
    mentions: int
    terms: int

    def per_place(self) -> float:
        """Microseconds per place (glossed or bare)."""
        return self.seconds * 1e6 / self.places

    def per_glossed(self) -> float:
        """Microseconds per glossed place (a Korean measure: Chinese places are bare)."""
        return self.seconds * 1e6 / (self.places - self.bare)

    def per_place_or_mention(self) -> float:
        """Microseconds per place or hangul mention."""
        return self.seconds * 1e6 / (self.places + self.mentions)


def in_process(texts: dict[str, str], rounds: int, collector: bool = True) -> dict[str, Built]:
    """Best time of ``build_glossary`` (no meanings) per language, fresh caches each time.

    Args:
        texts: The text of each language.
        rounds: How many times each text is built; the languages take turns.
        collector: Keep the cyclic garbage collector on while timing (a library caller);
            False turns it off, as ``glossary extract`` does.

    Returns:
        Per language, the best time and the counts of the glossary (the same every round).
    """
    from glossary import Enricher, build_glossary, document_from_text

    documents = {lang: document_from_text(text) for lang, text in texts.items()}
    build_glossary(document_from_text("改革开放"), Enricher(), dictionary=False)  # Word lists.
    best = dict.fromkeys(documents, float("inf"))
    counts: dict[str, tuple[int, int, int, int]] = {}
    for n in range(rounds):
        for lang in LANGUAGES if n % 2 == 0 else LANGUAGES[::-1]:
            seconds, counts[lang] = _build_once(documents[lang], collector)
            best[lang] = min(best[lang], seconds)
    return {lang: Built(best[lang], *counts[lang]) for lang in documents}


def _build_once(document: Document, collector: bool) -> tuple[float, tuple[int, int, int, int]]:
    """One timed ``build_glossary`` and its (places, bare places, mentions, terms)."""
    from glossary import Enricher, build_glossary

    gc.collect()  # The previous glossary's garbage is not this one's to pay for.
    was_on = gc.isenabled()
    if not collector:
        gc.disable()
    try:
        start = time.perf_counter()
        glossary = build_glossary(document, Enricher(), dictionary=False)
        seconds = time.perf_counter() - start
    finally:
        if was_on:
            gc.enable()
    terms = glossary.terms
    counts = (
        sum(len(t.occurrences) for t in terms),
        sum(len(t.occurrences) for t in terms if t.kind == "bare"),
        sum(len(t.mentions) for t in terms),
        len(terms),
    )
    del glossary, terms
    return seconds, counts


def per_word_rows(built: dict[str, Built], sizes: dict[str, float]) -> list[tuple[str, str, str]]:
    """The per-place rows: what each language's glossary holds and costs per place."""
    zh, ko = built["zh"], built["ko"]
    call = "`build_glossary(..., dictionary=False)`, collector off"
    return [
        (
            f"{call}, Chinese",
            f"{zh.seconds:.2f} s; {zh.places:,} word places, {zh.mentions:,} mentions, "
            f"{zh.terms:,} terms; **{zh.per_place():.2f} µs per word place**",
            "",
        ),
        (
            f"{call}, Korean",
            f"{ko.seconds:.2f} s; {ko.places:,} places ({ko.places - ko.bare:,} glossed, "
            f"{ko.bare:,} bare), {ko.mentions:,} mentions, {ko.terms:,} terms; "
            f"**{ko.per_glossed():.2f} µs per glossed place**, "
            f"{ko.per_place_or_mention():.2f} µs per place or mention",
            "",
        ),
        (
            "same call: Chinese µs per word place / Korean µs per place or mention",
            f"{zh.per_place() / ko.per_place_or_mention():.2f}x; Chinese places / Korean "
            f"places and mentions: {zh.places / (ko.places + ko.mentions):.1f}x; "
            "Chinese throughput / Korean: "
            f"{(sizes['zh'] / zh.seconds) / (sizes['ko'] / ko.seconds):.2f}x",
            "",
        ),
    ]


def main() -> None:
    """Run the benchmark and print (and optionally record) the results as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--corpus", choices=("passages", "leiden", "classical", "peoples-daily"), default="passages"
    )
    parser.add_argument(
        "--in-process", action="store_true", help="also time build_glossary in-process"
    )
    parser.add_argument(
        "--per-word",
        action="store_true",
        help="also time build_glossary with the collector off and give its cost per place",
    )
    parser.add_argument("--write", action="store_true", help="append results to BENCHMARKS.md")
    args = parser.parse_args()
    size = int(args.mb * MB)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()

    from benchlib import publish
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
            "",
        )
    ]
    for fmt in FORMATS:
        rate = {}
        for lang in LANGUAGES:
            best, median = min(times[fmt, lang]), statistics.median(times[fmt, lang])
            rate[lang] = sizes[lang] / best
            rows.append(
                (
                    f"`glossary extract -f {fmt}`, {NAMES[lang]}",
                    f"best {best:.2f} s = {rate[lang]:.2f} MB/s (median {median:.2f} s)",
                    "",
                )
            )
        ratio = rate["zh"] / rate["ko"]
        rows.append(
            (
                f"`-f {fmt}`: Chinese throughput / Korean",
                f"{ratio:.2f}x",
                f">= 1x: {'met' if ratio >= 1 else '**missed**'}",
            )
        )
    if args.in_process:
        built = in_process(texts, args.rounds)
        for lang in LANGUAGES:
            seconds = built[lang].seconds
            rows.append(
                (
                    f"`build_glossary(..., dictionary=False)` in-process, {NAMES[lang]}",
                    f"{seconds:.2f} s = {sizes[lang] / seconds:.2f} MB/s",
                    "",
                )
            )
    if args.per_word:
        rows.extend(per_word_rows(in_process(texts, args.rounds, collector=False), sizes))
    notes = (
        f"Best of {args.rounds} round(s), the languages taking turns; each command a fresh "
        "process"
        + (", pinned to one core" if shutil.which("taskset") else "")
        + (
            "; the `build_glossary` rows in this process, warm word lists, a new enricher "
            "per call (no meanings)"
            if args.in_process or args.per_word
            else ""
        )
        + f". Load average before {load_before:.2f}, after {os.getloadavg()[0]:.2f} (1 min); "
        f"the run took {time.perf_counter() - started:.0f} s."
    )
    publish(
        "Issue 18: Chinese beside Korean, `glossary extract`",
        "chinese_speed.py",
        rows,
        notes,
        args.write,
    )


if __name__ == "__main__":
    main()
