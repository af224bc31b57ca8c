"""Benchmark: ``build_glossary`` of this tree beside another tree's, taking turns.

Run from the repository root: ``python bench/paired_build.py --other TREE [--language zh]
[--corpus passages|leiden|classical] [--mb 10] [--turns 4] [--rounds 2]``.

On a shared machine whose speed moves from minute to minute, a before/after figure is only
worth something when both sides run in the same minutes. ``TREE`` is a copy of another
version of the code (``git archive COMMIT | tar -x -C TREE``). Each turn runs one fresh
process per tree (the order swapped every other turn), pinned to one core when ``taskset`` is
there; each process builds the glossary of the corpus ``--rounds`` times, dictionary off and
collector off (as ``glossary extract`` runs), after a small warm-up build, and reports its best
CPU time. Corpora: ``zh``, the news passages of ``bench/segment`` repeated (see
``bench/chinese_speed.py``); ``ko``, ``bench/newscorpus.py``'s news text.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
MB = 1024 * 1024
# One process: the best CPU time of ``rounds`` builds of the text in ``path``, and its counts.
PROBE = """
import gc, sys, time
sys.path.insert(0, sys.argv[1])
from glossary.harvest import build_glossary
from glossary.model import Document
text = open(sys.argv[2], encoding="utf-8").read()
gc.disable()
build_glossary(Document(text=text[:20000], title="warm-up"), dictionary=False)
best = float("inf")
for _ in range(int(sys.argv[3])):
    start = time.process_time()
    glossary = build_glossary(Document(text=text, title="corpus"), dictionary=False)
    best = min(best, time.process_time() - start)
places = sum(len(t.occurrences) for t in glossary.terms)
print(best, len(glossary.terms), places)
"""


def corpus(language: str, size: int, kind: str = "passages") -> str:
    """The text to build from (``kind``: the Chinese corpus, see ``bench/chinese_speed.py``)."""
    for folder in (ROOT, BENCH):
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))
    if language == "zh":
        from chinese_speed import chinese_corpus

        return chinese_corpus(size, kind)[0]
    from newscorpus import make_corpus

    return make_corpus(size)


def run(tree: Path, path: Path, rounds: int) -> tuple[float, str]:
    """One fresh process on a tree: its best seconds and its terms and places."""
    cmd = [sys.executable, "-c", PROBE, str(tree), str(path), str(rounds)]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "1", *cmd]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), f"{int(out[1]):,} terms, {int(out[2]):,} places"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", type=Path, required=True, help="another tree's code")
    parser.add_argument("--language", choices=("zh", "ko"), default="zh")
    parser.add_argument("--corpus", choices=("passages", "leiden", "classical"), default="passages")
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--turns", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2, help="builds per process")
    args = parser.parse_args()
    times: dict[str, list[float]] = {"this": [], "other": []}
    counts: dict[str, str] = {}
    trees = {"this": ROOT, "other": args.other.resolve()}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{args.language}.txt"
        path.write_text(corpus(args.language, int(args.mb * MB), args.corpus), encoding="utf-8")
        for turn in range(args.turns):
            for name in ("this", "other") if turn % 2 else ("other", "this"):
                seconds, counts[name] = run(trees[name], path, args.rounds)
                times[name].append(seconds)
                print(f"turn {turn + 1}, {name}: {seconds:.3f} s ({counts[name]})", flush=True)
    this, other = statistics.median(times["this"]), statistics.median(times["other"])
    print(
        f"{args.language}, {args.mb:g} MB: this tree median {this:.3f} s (best "
        f"{min(times['this']):.3f}), other median {other:.3f} s (best {min(times['other']):.3f}); "
        f"this / other {this / other:.2f}x"
    )


if __name__ == "__main__":
    main()
