"""Benchmark: glossary extraction throughput on a 10 MB Korean text, beside baselines.

Run from the repository root: ``python bench/extract_speed.py [--mb 10] [--write]``.

It builds a deterministic corpus from the bundled article: copies of it in which some
glosses are replaced by words from the shipped word list (so thousands of distinct terms
must be explained, not twelve), then measures in one run, so that a noisy shared machine
affects both sides alike:

- a bare regular-expression scan for ``hangul(漢字)`` pairs over the same text (baseline);
- ``build_glossary`` in-process on one core (fresh caches each round);
- the ``glossary extract`` command end to end (decode, extract, JSON to /dev/null);
- ``import glossary`` beside ``python -c pass``, and whether the import loaded any data.

With ``--write`` the results are appended to BENCHMARKS.md with the date and machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchlib import append_section, machine

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "hangzhou-ai-town.txt"
WORDS = ROOT / "glossary" / "data" / "hanja.sqlite"
GLOSS = re.compile(r"([가-힣A-Za-z0-9]+)\(([\u4e00-\u9fff]+)\)")
BARE_SCAN = re.compile(r"[가-힣A-Za-z0-9]+\([\u3400-\u9fff\uf900-\ufaff]+[^)]*\)")


SURNAMES = (
    "王李張劉陳楊黃趙吳周徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭田董袁潘蔣蔡杜"
    "葉程蘇魏呂丁任沈姚盧姜崔鍾譚陸汪范石廖賈夏韋方白鄒孟熊秦邱江尹薛段雷侯龍史陶黎賀"
    "顧毛郝龔邵萬錢嚴武戴莫孔"
)
GIVEN = (
    "偉芳娜敏靜麗強磊軍洋勇艷傑娟濤明超秀霞平剛桂英華玉蘭萍紅建國志文斌輝力永健世廣義"
    "興良海山仁波寧貴福生元全勝學祥才發新利清飛彬富順信光天達安岩中茂進林有堅和博誠先"
    "敬震振會思群豪心邦承樂紹功松善厚慶民友裕河哲浩亮政謙奇翰朗宏言鳴朋棟維啟倫翔旭鵬"
    "澤晨辰士家致樹德行泰盛雄琛鈞冠策騰楠航弘"
)


def make_corpus(size: int, mode: str = "news", seed: int = 7) -> str:
    """A Korean text of about ``size`` bytes of UTF-8 with many distinct glosses.

    Copies of the bundled article in which half the glosses are replaced. ``news``: by
    Chinese personal names glossed with their transcription (three in five) or by words
    from the shipped word list glossed with their Sino-Korean reading, like news about
    China. ``stress``: by word-list words only, so common Korean words become glosses and
    are mentioned everywhere (the worst case for mention linking).
    """
    from glossary import Enricher

    rng = random.Random(seed)
    enricher = Enricher()
    article = ARTICLE.read_text(encoding="utf-8")
    with sqlite3.connect(f"file:{WORDS}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT word, readings FROM words WHERE length(word) BETWEEN 2 AND 4"
        ).fetchall()
    words = [(w, r.split(" ")[0]) for w, r in rows if len(r.split(" ")[0]) == len(w)]
    rng.shuffle(words)
    names: dict[str, str] = {}

    def name() -> tuple[str, str]:
        hanja = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
        if hanja not in names:
            names[hanja] = enricher.info(hanja).mandarin_hangul
        return hanja, names[hanja]

    parts: list[str] = []
    total = 0
    i = 0
    while total < size:

        def swap(m: re.Match[str]) -> str:
            nonlocal i
            if rng.random() < 0.5:
                return m.group(0)
            if mode == "news" and rng.random() < 0.6:
                hanja, gloss = name()
            else:
                hanja, gloss = words[i % len(words)]
                i += 1
            return f"{gloss}({hanja})"

        copy = GLOSS.sub(swap, article)
        parts.append(copy)
        total += len(copy.encode("utf-8"))
    return "".join(parts)


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

    text = make_corpus(int(args.mb * 1024 * 1024), args.mode)
    size_mb = len(text.encode("utf-8")) / 1024 / 1024
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.txt"
        path.write_text(text, encoding="utf-8")
        document = document_from_text(text)
        regex_s = best_of(args.rounds, lambda: sum(1 for _ in BARE_SCAN.finditer(text)))
        glossary = build_glossary(document, Enricher())
        build_s = best_of(args.rounds, lambda: build_glossary(document, Enricher()))
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
        "from glossary.hanjadict import hanja_dictionary\n"
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
            "build_glossary, one core",
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
            f"{json_s:.3f} s = {size_mb / json_s:.1f} MB/s",
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
