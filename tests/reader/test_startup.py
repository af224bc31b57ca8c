"""Start-up order: the text in the first frame, chrome and glossary after it, lazy imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.strip import Strip
from textual.widgets import Footer, Header

from glossary import Document, Enricher, Glossary, build_glossary
from reader.app import ReaderApp, parse_args
from reader.widgets import ArticleView
from tests.reader.helpers import ready, view_of

ROOT = Path(__file__).resolve().parents[2]


async def test_the_first_frame_already_shows_the_text(
    sample: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    first: list[str] = []
    render_line = ArticleView.render_line

    def spy(self: ArticleView, y: int) -> Strip:
        strip = render_line(self, y)
        if not first:
            first.append(strip.text)
        return strip

    monkeypatch.setattr(ArticleView, "render_line", spy)
    async with ReaderApp(sample).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The very first line drawn is the article's, wrapped to the view: no blank frame.
        assert first and first[0].strip() == sample.text.splitlines()[0].strip()
        view = view_of(pilot)
        assert view.lines.width == view.scrollable_content_region.width


async def test_header_footer_and_glossary_come_after_the_first_frame(
    sample: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[bool] = []
    seen: list[tuple[bool, bool, bool]] = []
    render_line = ArticleView.render_line

    def spy_render(self: ArticleView, y: int) -> Strip:
        drawn.append(True)
        return render_line(self, y)

    def spy_build(
        document: Document, enricher: Enricher | None = None, *, defer: bool = False
    ) -> Glossary:
        screen = app.read_screen
        seen.append((bool(drawn), bool(screen.query(Header)), bool(screen.query(Footer))))
        return build_glossary(document, enricher)

    monkeypatch.setattr(ArticleView, "render_line", spy_render)
    monkeypatch.setattr("reader.building.build_glossary", spy_build)
    app = ReaderApp(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        # The glossary (which holds the GIL for long stretches) started only once the
        # article had been drawn and the header and footer were in.
        assert seen == [(True, True, True)]
        footer = screen.query_one(Footer)
        assert footer.show_command_palette  # wide enough for the palette's key
        assert footer.query("FooterKey")  # and the keys are shown
        assert app.glossary is not None and view_of(pilot).terms


def test_plain_launches_need_no_argument_parser() -> None:
    assert parse_args([]) == (None, None, None)
    assert parse_args(["article.txt"]) == ("article.txt", None, None)
    assert parse_args(["-"]) == ("-", None, None)
    assert parse_args(["--encoding", "euc-kr", "a.txt"]) == ("a.txt", "euc-kr", None)


def test_importing_the_app_leaves_the_slow_parts_for_later() -> None:
    code = (
        "import sys, reader.app\n"
        "slow = ['argparse', 'textual.widgets._markdown', 'textual.widgets._header',"
        " 'textual.widgets._footer', 'textual.widgets._data_table', 'reader.screens.lookup',"
        " 'reader.screens.glossary_table', 'reader.screens.open_file',"
        " 'glossary.dictionary.lookup',"
        " 'pypinyin', 'opencc']\n"
        "print(' '.join(m for m in slow if m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == []
