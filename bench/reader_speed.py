"""Benchmark: the reader's launch, hover and scrolling speed, beside a bare Textual app.

Run from the repository root: ``python bench/reader_speed.py [--rounds 5] [--write]``.

Everything is measured in one run, rounds interleaved, so that a noisy shared machine
affects both sides alike. Nothing in ``reader/`` is changed: small driver scripts, written
to a temporary folder, patch ``render_line`` of the widget they watch, in their own process.

1. **Launch to first paint.** Each launch is a fresh ``python DRIVER`` process on a
   pseudo-terminal of 120x40 (a real ``LinuxDriver``, escape sequences and all; the parent
   drains the terminal). The reader's driver runs ``reader.app.main`` (the ``reader``
   command) on the bundled article; the bare driver is a Textual app of one ``Static``,
   once showing the same article text (the baseline of the bar) and once ``Hello`` (the
   floor of any Textual app). "First paint" is the same for all: the first time the main
   widget's ``render_line`` returns text (for the reader: the wrapped article, not the
   blank view before the first layout), stamped by ``loop.call_soon`` once that frame has
   been composed and handed to the driver. Times are taken on ``CLOCK_MONOTONIC``
   (``time.perf_counter`` in both processes) from just before the parent spawns the
   process, so interpreter start-up counts. The reader also stamps the first paint with
   the glossary's terms highlighted, then exits. Median of ``--rounds`` after one
   untimed warm-up round, which also fills a private bytecode cache
   (``PYTHONPYCACHEPREFIX`` in the temporary folder) so every side loads compiled
   modules, as an installed app does, even where ``PYTHONDONTWRITEBYTECODE`` is set and
   the checkout has no ``__pycache__``. Bars (issue 20): first paint <= 1.2x the bare
   app's; the glossary painted <= 2.5x the bare app's first paint.
2. **Hover to card updated.** In one headless app (``App.run_test``, 120x40) once the
   glossary is shown, ``--hovers`` mouse moves are posted to the app (as the terminal
   driver posts them) onto terms found with ``ArticleView.offset_to_screen`` (each target
   checked once with ``Pilot.hover``), alternating among terms and never onto the shown
   card. Timed from posting the ``MouseMove`` to ``TermCard.show_at`` returning with the
   new term (the card's content updated; bar: median and p95 <= 16 ms), and to the card's
   next ``render_line`` (the card in a composed frame). Untimed ``pilot.pause()`` between
   hovers. Done on the bundled article and on the big article below.
3. **A big article** (default 2 MB: the bundled article repeated) in a temporary file:
   launch to text painted and to glossary painted, as in 1 (bar: <= 2 s), and the peak RSS
   of that process from ``os.wait4`` (bar: <= 300 MB). Then, headless with animations
   off, ``--pages`` ``pagedown`` keys are posted and each is timed from the key to the
   first ``render_line`` of the new page in a composed frame; the same keys on the
   bundled article (down to its end, back up, and so on) are the baseline.
4. **A Chinese article** (default 1 MB: the passages of ``bench/segment`` repeated; the news
   passages are used where their ``.txt`` has been recreated, the classical one always, from
   its JSON; with ``--zh-corpus peoples-daily``, the start of the People's Daily of January
   1998 (``bench/chinese_speed.py``), real news with some 20,000 distinct words), read as
   Chinese: every word a term. Launch to text painted and to every word highlighted, as in 1
   (bar: <= 2 s), hovers as in 2, and, in this process, the time the reader takes to lay the
   words out (``ArticleLayout.build``: places and wrapped lines) with no inline mode, with
   pinyin (``y``) and with Sino-Korean readings (``k``), beside the glossary's own build (warm:
   dictionaries loaded), median of ``--rounds``.

It prints a Markdown table; with ``--write`` it appends it to BENCHMARKS.md with the date,
machine and command.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchlib import publish
from reader_launch import ROOT, SIZE, Drivers, median, ms, p95, run_launches, verdict

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from reader.widgets import ArticleView, TermCard

ARTICLE = ROOT / "seeds" / "hangzhou-ai-town.txt"
SEGMENT = ROOT / "bench" / "segment"


# ------------------------------------------------------------------ in-process


@dataclass
class Session:
    """What one headless session on a document measured (seconds).

    Attributes:
        hover_content: Per hover, mouse event to ``TermCard.show_at`` with the new term.
        hover_paint: Per hover, mouse event to the card's next ``render_line``.
        hover_terms: How many distinct terms the hovers went round.
        missed: Hovers that did not show the expected card within a second.
        pages: Per key, ``pagedown`` (or ``pageup``) to the new page's first line drawn.
        lines: Lines of the wrapped article.
    """

    hover_content: list[float] | None = None
    hover_paint: list[float] | None = None
    hover_terms: int = 0
    missed: int = 0
    pages: list[float] | None = None
    lines: int = 0


async def measure_session(path: Path | None, hovers: int, pages: int) -> Session:
    """Hover terms and page through a document in one headless reader.

    Args:
        path: The document (None: the bundled article).
        hovers: How many hovers to time.
        pages: How many page keys to time.

    Returns:
        What was measured.
    """
    from textual import events
    from textual.strip import Strip

    from glossary import Term, read_document
    from reader.app import ReaderApp
    from reader.widgets import ArticleView, TermCard

    app = ReaderApp(read_document(None if path is None else str(path)))
    app.animation_level = "none"
    result = Session()
    loop = asyncio.get_running_loop()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(1200):  # a long Chinese text: until its words are explained too
            if app.glossary is not None and app.glossary.complete:
                break
            await pilot.pause(0.05)
        assert app.glossary is not None and app.glossary.complete
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        card = app.screen.query_one(TermCard)
        result.lines = len(view.lines)

        targets = await find_targets(pilot, view, card)
        result.hover_terms = len(targets)

        # Stamps set by the hooks below; `expected` is the term the next hover should show.
        stamps: dict[str, float] = {}
        expected: list[Term | None] = [None]
        painted = asyncio.Event()
        show_at = card.show_at
        card_render_line = card.render_line

        def timed_show_at(term: Term, *args: Any, **kwargs: Any) -> None:
            show_at(term, *args, **kwargs)
            if term is expected[0] and "content" not in stamps:
                stamps["content"] = time.perf_counter()

        def stamp_paint() -> None:
            stamps["paint"] = time.perf_counter()
            painted.set()

        def timed_card_line(y: int) -> Strip:
            strip = card_render_line(y)
            if "content" in stamps and "paint_pending" not in stamps:
                stamps["paint_pending"] = 0.0
                loop.call_soon(stamp_paint)
            return strip

        card.show_at = timed_show_at  # type: ignore[method-assign,assignment]
        card.render_line = timed_card_line  # type: ignore[method-assign]

        content: list[float] = []
        paint: list[float] = []
        position = (-1, -1)
        turn = 0
        for _ in range(hovers):
            index, x, y = next_target(targets, turn, view.hovered_term, card)
            turn = targets.index((index, x, y)) + 1
            stamps.clear()
            painted.clear()
            expected[0] = view.terms[index]
            move = events.MouseMove(
                None, x, y, x - position[0], y - position[1], 0, False, False, False, x, y
            )
            start = time.perf_counter()
            app.post_message(move)
            try:
                await asyncio.wait_for(painted.wait(), 1.0)
            except TimeoutError:
                result.missed += 1
            else:
                content.append(stamps["content"] - start)
                paint.append(stamps["paint"] - start)
            position = (x, y)
            await pilot.pause()
        card.show_at = show_at  # type: ignore[method-assign]
        card.render_line = card_render_line  # type: ignore[method-assign]
        result.hover_content, result.hover_paint = content, paint

        # Move the pointer off the article so no card hangs over the text while paging.
        app.post_message(events.MouseMove(None, 0, 0, 0, 0, 0, False, False, False, 0, 0))
        await pilot.pause()
        result.pages = await time_pages(pilot, view, pages)
    return result


async def find_targets(
    pilot: Pilot[None], view: ArticleView, card: TermCard
) -> list[tuple[int, int, int]]:
    """Screen cells of up to 12 terms in view, each checked by hovering it once.

    Returns:
        (term index, x, y) per term.
    """
    targets: list[tuple[int, int, int]] = []
    for index, term in enumerate(view.terms):
        starts = [o.start for o in term.occurrences] + [m.start for m in term.mentions]
        for start in starts:
            cell = view.offset_to_screen(start)
            if cell is None:
                continue
            await pilot.hover(None, offset=(cell.x, cell.y))
            await pilot.pause()
            if view.hovered_term == index and card.display and card.term is view.terms[index]:
                targets.append((index, cell.x, cell.y))
                break
        if len(targets) == 12:
            break
    if len(targets) < 2:
        raise RuntimeError(f"only {len(targets)} hoverable terms found in view")
    return targets


def next_target(
    targets: list[tuple[int, int, int]], turn: int, hovered: int | None, card: TermCard
) -> tuple[int, int, int]:
    """The next target in turn that is another term and not under the shown card."""
    for step in range(len(targets)):
        index, x, y = targets[(turn + step) % len(targets)]
        if index != hovered and not (card.display and card.region.contains(x, y)):
            return index, x, y
    raise RuntimeError("every target is covered by the card")


async def time_pages(pilot: Pilot[None], view: ArticleView, count: int) -> list[float]:
    """Post ``pagedown`` keys (``pageup`` back from the end) and time each page drawn.

    Returns:
        Seconds per key, from posting it to the first line of the new page in a frame.
    """
    from textual import events
    from textual.strip import Strip

    app = pilot.app
    loop = asyncio.get_running_loop()
    drawn = asyncio.Event()
    state: dict[str, float] = {}
    render_line = view.render_line

    def stamp() -> None:
        state["drawn"] = time.perf_counter()
        drawn.set()

    def timed_line(y: int) -> Strip:
        strip = render_line(y)
        if "top" in state and int(view.scroll_y) != state["top"] and "pending" not in state:
            state["pending"] = 0.0
            loop.call_soon(stamp)
        return strip

    view.render_line = timed_line  # type: ignore[method-assign]
    times: list[float] = []
    key = "pagedown"
    try:
        for _ in range(count):
            if key == "pagedown" and view.scroll_y >= view.max_scroll_y:
                key = "pageup"
            elif key == "pageup" and view.scroll_y <= 0:
                key = "pagedown"
            state.clear()
            drawn.clear()
            state["top"] = int(view.scroll_y)
            start = time.perf_counter()
            app.post_message(events.Key(key, None))
            await asyncio.wait_for(drawn.wait(), 5.0)
            times.append(state["drawn"] - start)
            await pilot.pause()
    finally:
        view.render_line = render_line  # type: ignore[method-assign]
    return times


# ------------------------------------------------------------------------ main


def chinese_article(size: int) -> tuple[str, list[str]]:
    """The Chinese passages of ``bench/segment`` repeated to ``size`` bytes of UTF-8.

    Returns:
        The text, and the names of the passages it was made of.
    """
    passages: list[str] = []
    names: list[str] = []
    for spec in sorted(SEGMENT.glob("*.json")):
        local = spec.with_suffix(".txt")
        text = local.read_text(encoding="utf-8") if local.exists() else ""
        text = text or json.loads(spec.read_text(encoding="utf-8")).get("text") or ""
        if text.strip():
            passages.append(text.strip("\n"))
            names.append(spec.stem)
    if not passages:
        raise RuntimeError(f"no Chinese passage in {SEGMENT}")
    unit = "\n\n".join(passages)
    copies = math.ceil(size / len(unit.encode("utf-8")))
    return "\n\n".join([unit] * copies) + "\n", names


def news_article(size: int, corpus: str) -> tuple[str, list[str]]:
    """A Chinese article of real news (``bench/chinese_speed.py``'s corpus), made in a process
    of its own: reading the corpus takes some 200 MB, which every launch forked from this
    process would count in its peak RSS.

    Returns:
        The text, and the name of the corpus.
    """
    code = (
        "import json, sys; sys.path.insert(0, 'bench'); from chinese_speed import chinese_corpus;"
        f" text, name = chinese_corpus({size}, {corpus!r}); print(json.dumps([text, name]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    text, name = json.loads(done.stdout)
    return text, [name]


@dataclass
class LayoutTimes:
    """Seconds to build a Chinese article's glossary (warm) and to lay it out in each mode.

    Attributes:
        glossary: ``build_glossary`` with the dictionaries already loaded.
        modes: Per mode (``plain``, ``y pinyin``, ``k 한자음``), ``ArticleLayout.build`` at
            the launch's width.
        words: Places (words) in the article.
        terms: Distinct words.
    """

    glossary: list[float]
    modes: dict[str, list[float]]
    words: int = 0
    terms: int = 0


def measure_layouts(path: Path, rounds: int) -> LayoutTimes:
    """Time the glossary build and the reader's layout of a document, in this process."""
    import gc

    from glossary import Enricher, build_glossary, read_document
    from reader.article_layout import ArticleLayout

    document = read_document(str(path))
    enricher = Enricher()
    build_glossary(document, enricher)  # load the dictionaries first
    times = LayoutTimes([], {"plain": [], "y pinyin": [], "k 한자음": []})
    options = {"plain": (False, False), "y pinyin": (True, False), "k 한자음": (False, True)}
    width = SIZE[0] - 34 - 4  # the article beside the side panel, less padding and scrollbar
    for _ in range(rounds):
        gc.disable()  # as the reader builds it (reader.app._build_without_collections)
        start = time.perf_counter()
        glossary = build_glossary(document, enricher)
        times.glossary.append(time.perf_counter() - start)
        gc.enable()
        for mode, (pinyin, korean) in options.items():
            start = time.perf_counter()
            layout = ArticleLayout.build(
                document.text, glossary.terms, width=width, pinyin=pinyin, korean=korean
            )
            times.modes[mode].append(time.perf_counter() - start)
        times.words, times.terms = len(layout.places), len(glossary.terms)
    return times


def big_article(size: int) -> str:
    """The bundled article repeated to ``size`` bytes of UTF-8 (whole copies)."""
    text = ARTICLE.read_text(encoding="utf-8").strip("\n")
    copies = math.ceil(size / len(text.encode("utf-8")))
    return "\n\n".join([text] * copies) + "\n"


def main() -> None:
    """Run the benchmark and print (and optionally record) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="launches per variant (5)")
    parser.add_argument("--hovers", type=int, default=200, help="hovers per article (200)")
    parser.add_argument("--pages", type=int, default=30, help="page keys per article (30)")
    parser.add_argument("--mb", type=float, default=2.0, help="big article size in MB (2)")
    parser.add_argument("--zh-mb", type=float, default=1.0, help="Chinese article size in MB (1)")
    parser.add_argument(
        "--zh-corpus",
        choices=("passages", "peoples-daily"),
        default="passages",
        help="the Chinese article: the passages repeated, or the People's Daily (real news)",
    )
    parser.add_argument("--write", action="store_true", help="append results to BENCHMARKS.md")
    args = parser.parse_args()

    load_before = os.getloadavg()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="reader-speed-") as tmp_name:
        tmp = Path(tmp_name)
        # Before the drivers take over HOME: the corpus is cached in the user's own home.
        zh = tmp / "chinese-article.txt"
        if args.zh_corpus == "passages":
            zh_text, zh_sources = chinese_article(int(args.zh_mb * 1024 * 1024))
        else:
            zh_text, zh_sources = news_article(int(args.zh_mb * 1024 * 1024), args.zh_corpus)
        zh.write_text(zh_text, encoding="utf-8")
        drivers = Drivers.prepare(tmp)
        big = tmp / "big-article.txt"
        big.write_text(big_article(int(args.mb * 1024 * 1024)), encoding="utf-8")
        big_mb = big.stat().st_size / 1024 / 1024
        zh_mb = zh.stat().st_size / 1024 / 1024

        # 1 and 3: launches, interleaved round by round.
        launches = run_launches(
            {
                "reader": lambda: drivers.reader(),
                "bare": lambda: drivers.bare(ARTICLE),
                "hello": lambda: drivers.bare(),
                "big": lambda: drivers.reader(big),
                "zh": lambda: drivers.reader(zh),
            },
            args.rounds,
        )

        # 2 and 3: hovers and pages, headless, the bundled article then the big one.
        small = asyncio.run(measure_session(None, args.hovers, args.pages))
        large = asyncio.run(measure_session(big, args.hovers, args.pages))
        chinese = asyncio.run(measure_session(zh, args.hovers, args.pages))
        layouts = measure_layouts(zh, args.rounds)
    elapsed = time.perf_counter() - began
    load_after = os.getloadavg()

    def paint(name: str) -> float:
        return median([launch.paint for launch in launches[name]])

    def glossary(name: str) -> float:
        return median([launch.glossary or math.nan for launch in launches[name]])

    def explained(name: str) -> float:
        return median([launch.explained or math.nan for launch in launches[name]])

    def started(name: str) -> float:
        return median([launch.started for launch in launches[name]])

    def imported(name: str) -> float:
        return median([launch.imported for launch in launches[name]])

    def rss(name: str) -> float:
        return max(launch.rss_mb for launch in launches[name])

    ratio = paint("reader") / paint("bare")
    assert small.hover_content and small.hover_paint and large.hover_content
    assert large.hover_paint and small.pages and large.pages and chinese.pages
    big_ready = glossary("big")
    zh_ready = glossary("zh")
    zh_label = f"{zh_mb:.1f} MB Chinese article"
    rows: list[tuple[str, str, str]] = [
        (
            "launch to first paint, `reader` (bundled article)",
            f"{ms(paint('reader'))} (interpreter up {ms(started('reader'))}, imports done "
            f"{ms(imported('reader'))}; glossary painted {ms(glossary('reader'))}; "
            f"peak RSS {rss('reader'):.0f} MB)",
            "",
        ),
        (
            "launch to first paint, bare app: one `Static` of the article text",
            f"{ms(paint('bare'))} (interpreter up {ms(started('bare'))}, imports done "
            f"{ms(imported('bare'))}; peak RSS {rss('bare'):.0f} MB)",
            "baseline",
        ),
        (
            "launch to first paint, bare app: one `Static` of `Hello`",
            f"{ms(paint('hello'))} (peak RSS {rss('hello'):.0f} MB)",
            "floor",
        ),
        (
            "reader / bare app (article text), first paint",
            f"{ratio:.2f}x (vs `Hello`: {paint('reader') / paint('hello'):.2f}x)",
            f"<= 1.2x (issue 20): {verdict(ratio <= 1.2)}",
        ),
        (
            "reader glossary painted / bare app (article text) first paint",
            f"{glossary('reader') / paint('bare'):.2f}x",
            f"<= 2.5x (issue 20): {verdict(glossary('reader') / paint('bare') <= 2.5)}",
        ),
    ]
    for label, session in (
        ("bundled article", small),
        (f"{big_mb:.1f} MB article", large),
        (zh_label, chinese),
    ):
        assert session.hover_content and session.hover_paint
        rows.append(
            (
                f"hover to card updated, {label} ({len(session.hover_content)} hovers "
                f"among {session.hover_terms} terms)",
                f"median {ms(median(session.hover_content))}, "
                f"p95 {ms(p95(session.hover_content))}; to the card drawn in a frame: "
                f"median {ms(median(session.hover_paint))}, p95 {ms(p95(session.hover_paint))}"
                + (f"; {session.missed} missed" if session.missed else ""),
                f"<= 16 ms: {verdict(p95(session.hover_content) <= 0.016)}",
            )
        )
    rows += [
        (
            f"launch to glossary painted, {big_mb:.1f} MB article ({large.lines} lines)",
            f"{ms(big_ready)} (text painted {ms(paint('big'))})",
            f"<= 2 s: {verdict(big_ready <= 2.0)}",
        ),
        (
            f"peak RSS, {big_mb:.1f} MB article (max of {args.rounds} launches)",
            f"{rss('big'):.0f} MB",
            f"<= 300 MB: {verdict(rss('big') <= 300)}",
        ),
        (
            f"page key to new page drawn, {big_mb:.1f} MB article ({len(large.pages)} keys)",
            f"median {ms(median(large.pages))}, p95 {ms(p95(large.pages))}, "
            f"max {ms(max(large.pages))}",
            "",
        ),
        (
            f"page key to new page drawn, bundled article ({len(small.pages)} keys, "
            f"{small.lines} lines)",
            f"median {ms(median(small.pages))}, p95 {ms(p95(small.pages))}, "
            f"max {ms(max(small.pages))}",
            "baseline",
        ),
        (
            f"launch to every word highlighted, {zh_label} ({layouts.words:,} words, "
            f"{layouts.terms:,} distinct; {chinese.lines:,} lines)",
            f"{ms(zh_ready)} (text painted {ms(paint('zh'))}; every word explained "
            f"{ms(explained('zh'))}; peak RSS {rss('zh'):.0f} MB)",
            f"<= 2 s: {verdict(zh_ready <= 2.0)}",
        ),
        (
            f"of which the glossary, {zh_label} (warm, in process)",
            f"median {ms(median(layouts.glossary))}",
            "glossary/",
        ),
        (
            f"of which the reader's layout, {zh_label} (in process)",
            "; ".join(f"{mode}: median {ms(median(t))}" for mode, t in layouts.modes.items()),
            "reader/",
        ),
        (
            f"page key to new page drawn, {zh_label} ({len(chinese.pages)} keys)",
            f"median {ms(median(chinese.pages))}, p95 {ms(p95(chinese.pages))}, "
            f"max {ms(max(chinese.pages))}",
            "",
        ),
    ]
    notes = (
        f"Launches: median of {args.rounds} after a warm-up round, on a {SIZE[0]}x{SIZE[1]} "
        f"pseudo-terminal. Load average before {load_before[0]:.2f}, after "
        f"{load_after[0]:.2f} (1 min); the run took {elapsed:.0f} s. The Chinese article is "
        f"made of {', '.join(zh_sources)}."
    )
    publish("Reader speed", "reader_speed.py", rows, notes, args.write)


if __name__ == "__main__":
    main()
