"""Help: every key of the read screen, the current-term rule and the colours, at 80x24."""

from __future__ import annotations

from textual.binding import Binding
from textual.style import Style
from textual.widgets import Static

from reader.app import ReaderApp
from reader.screens.help import HelpScreen
from reader.screens.read_bindings import READ_BINDINGS
from tests.reader.helpers import ready, view_of


def _help_text(screen: HelpScreen) -> str:
    return "\n".join(str(s.content) for s in screen.query(Static))


async def test_help_lists_every_key_the_rule_and_the_colours_at_80x24(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        width_before = view_of(pilot).size.width
        await pilot.press("question_mark")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, HelpScreen)
        text = _help_text(screen)
        for binding in Binding.make_bindings(READ_BINDINGS):
            assert binding.tooltip in text, binding
        assert "Write a note on the current term" in text  # e
        assert "Hanja suggested" in text  # u
        assert "Scroll Left" not in text and "Page Left" not in text
        assert "never\nchanges what a key acts on" in text or "never changes what a key" in text
        for kind in ("Mandarin sound", "Sino-Korean reading", "translates", "no gloss"):
            assert kind in text
        # The box fits the screen and scrolls; the article behind keeps its width.
        box = screen.query_one("#help-box")
        assert box.region.right <= 80 and box.region.bottom <= 24
        assert box.virtual_size.height > box.size.height  # more than fits: it scrolls
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HelpScreen)
        assert view_of(pilot).size.width == width_before


async def test_help_colours_are_the_article_s_own(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        legend = pilot.app.screen.query_one("#help-legend", Static).content
        first = legend.spans[0]
        assert str(legend)[first.start : first.end] == "항저우(杭州)"
        painted = view.get_component_rich_style("term--transcription")
        assert first.style == Style.from_rich_style(painted)
