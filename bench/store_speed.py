"""Benchmark: the personal store and the Anki export, beside the extraction they build on.

Run from the repository root: ``python bench/store_speed.py [--rounds 5] [--terms 10000]``.

Measured in one run, so that a noisy shared machine affects both sides alike:

- ``glossary add ARTICLE`` (a fresh database each round) beside ``glossary extract
  ARTICLE`` on the bundled article, end to end as a user runs them (bar: add <= 2x
  extract); and the same in-process (``build_glossary`` + ``Store.add_glossary`` beside
  ``build_glossary``);
- exporting a store of 10,000 terms (words of the shipped word list glossed with their
  Sino-Korean reading, added through the real pipeline) to ``.apkg`` (bar: <= 10 s), and
  to the other formats for comparison.

It prints the results; it writes nothing outside a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "hangzhou-ai-town.txt"
WORDS = ROOT / "glossary" / "data" / "hanja.sqlite"


def best_of(
    rounds: int, fn: Callable[[], object], setup: Callable[[], object] | None = None
) -> float:
    """The fastest of several timed calls, in seconds (``setup`` runs untimed before each)."""
    times = []
    for _ in range(rounds):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def word_texts(count: int, per_text: int = 500) -> list[str]:
    """Texts that gloss ``count`` distinct words of the shipped word list, ``per_text`` each."""
    with sqlite3.connect(f"file:{WORDS}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT word, readings FROM words WHERE length(word) BETWEEN 2 AND 4 "
            "ORDER BY word LIMIT ?",
            (count * 3,),
        ).fetchall()
    pairs = [(w, r.split(" ")[0]) for w, r in rows if len(r.split(" ")[0]) == len(w)][
        : count * 6 // 5
    ]
    texts = []
    for i in range(0, len(pairs), per_text):
        chunk = pairs[i : i + per_text]
        texts.append(
            f"단어 모음 {i // per_text}번: 사전에서 고른 한자어들\n"
            + "\n".join(f"{reading}({word})이라는 말이 있다." for word, reading in chunk)
        )
    return texts


def main() -> None:
    """Run the benchmark and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--terms", type=int, default=10_000)
    args = parser.parse_args()

    from glossary import Enricher, build_glossary, read_document
    from glossary.store import open_store
    from glossary.store.export import export_store

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "add.sqlite3"

        def fresh() -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)

        def glossary(*command: str) -> None:
            subprocess.run(
                [sys.executable, "-m", "glossary", *command],
                stdout=subprocess.DEVNULL,
                check=True,
                env=env,
            )

        extract_s = best_of(args.rounds, lambda: glossary("extract", str(ARTICLE)))
        add = ("--db", str(db), "add", str(ARTICLE))
        add_s = best_of(args.rounds, lambda: glossary(*add), setup=fresh)
        readd_s = best_of(args.rounds, lambda: glossary(*add))
        rows.append(("`glossary extract ARTICLE`, end to end", f"{extract_s * 1000:.0f} ms"))
        rows.append(
            (
                "`glossary add ARTICLE` into a new database, end to end",
                f"{add_s * 1000:.0f} ms = {add_s / extract_s:.2f}x extract (bar: <= 2x)",
            )
        )
        rows.append(("`glossary add ARTICLE` again (unchanged)", f"{readd_s * 1000:.0f} ms"))

        document = read_document(ARTICLE)
        many = max(args.rounds, 20)
        build_s = best_of(many, lambda: build_glossary(document, Enricher()))
        store = open_store(folder / "lib.sqlite3")

        def build_and_add() -> None:
            store.add_glossary(build_glossary(document, Enricher()))

        def forget() -> None:
            store._db.execute("DELETE FROM documents")  # Make the next add a real one.

        lib_s = best_of(many, build_and_add, setup=forget)
        store.close()
        rows.append(
            (
                "in-process: build_glossary + Store.add_glossary vs build_glossary",
                f"{lib_s * 1000:.1f} ms vs {build_s * 1000:.1f} ms = {lib_s / build_s:.2f}x",
            )
        )

        big = open_store(folder / "big.sqlite3")
        enricher = Enricher()
        start = time.perf_counter()
        for text in word_texts(args.terms):
            big.add_glossary(build_glossary(read_document_text(text), enricher))
        fill_s = time.perf_counter() - start
        keep = {t.key for t in big.terms()[: args.terms]}
        big._db.execute("BEGIN IMMEDIATE")
        for row in big._db.execute("SELECT hanja, hangul FROM terms").fetchall():
            if (row[0], row[1]) not in keep:
                big._db.execute("DELETE FROM terms WHERE hanja = ? AND hangul = ?", row)
        big._db.execute("COMMIT")
        stats = big.stats()
        rows.append(
            (
                "store for the export",
                f"{stats.terms} terms from {stats.documents} documents "
                f"(added through the pipeline in {fill_s:.1f} s)",
            )
        )
        for fmt in ("apkg", "tsv", "csv", "json", "md"):
            target = folder / f"deck.{fmt}"
            seconds = best_of(
                max(1, args.rounds // 2),
                lambda fmt=fmt, target=target: export_store(big, fmt, target, force=True),
            )
            size = target.stat().st_size / 1024 / 1024
            bar = " (bar: <= 10 s)" if fmt == "apkg" else ""
            rows.append(
                (f"export {stats.terms} terms to .{fmt}", f"{seconds:.2f} s, {size:.1f} MB{bar}")
            )
        export = ("--db", str(folder / "big.sqlite3"), "export", "--force")
        cli_s = best_of(1, lambda: glossary(*export, "-o", str(folder / "cli.apkg")))
        rows.append(
            (f"`glossary export -o deck.apkg` ({stats.terms} terms), end to end", f"{cli_s:.2f} s")
        )
        big.close()
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


def read_document_text(text: str) -> object:
    """A document from text in memory (kept apart so the import stays lazy)."""
    from glossary.sources.files import document_from_text

    return document_from_text(text)


if __name__ == "__main__":
    main()
