"""Resizing keeps the current term in view with its card, and the footer whole."""

from __future__ import annotations

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reader.app import ReaderApp
from tests.reader.helpers import card_of, card_text, ready, view_of


@pytest.mark.parametrize(
    ("before", "after"),
    [((100, 30), (60, 20)), ((100, 30), (100, 15)), ((80, 24), (160, 45)), ((60, 20), (100, 30))],
    ids=lambda s: f"{s[0]}x{s[1]}",
)
async def test_resizing_keeps_the_current_term_in_view_with_its_card(
    app: ReaderApp, before: tuple[int, int], after: tuple[int, int]
) -> None:
    async with app.run_test(size=before) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        for _ in range(9):
            await pilot.press("n")
        current = view.current_term
        assert current is not None and view.anchor_of_current() is not None
        await pilot.resize_terminal(*after)
        await pilot.pause()
        await pilot.pause()
        assert view.current_term == current
        assert view.anchor_of_current() is not None
        assert card_of(pilot).display and view.terms[current].hanja in card_text(pilot)


async def test_a_narrower_terminal_drops_the_palette_key_from_the_footer(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.pause()
        footer = pilot.app.screen.query_one(Footer)

        def palette_keys() -> int:
            return len(footer.query(".-command-palette"))

        assert palette_keys() == 1
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert not footer.show_command_palette and palette_keys() == 0
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        await pilot.pause()
        assert palette_keys() == 1


async def test_a_60_column_footer_keeps_help_and_quit(app: ReaderApp) -> None:
    async with app.run_test(size=(60, 20)) as pilot:
        await ready(pilot)
        await pilot.pause()
        footer = pilot.app.screen.query_one(Footer)
        keys = {key.key for key in footer.query(FooterKey)}
        assert {"question_mark", "q", "n", "p"} <= keys
        assert "g" not in keys  # no room: the table stays one key away (and in the help)
        right = max(key.region.right for key in footer.query(FooterKey))
        assert right <= 60
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.pause()
        assert "g" in {key.key for key in footer.query(FooterKey)}
