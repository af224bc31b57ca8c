"""The look-up box: pinyin, hangul and hanja queries; choosing a result jumps to it."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static

from reader.app import ReaderApp
from reader.screens.lookup import LookupScreen
from reader.screens.read import ReadScreen
from tests.reader.helpers import card_text, ready, term_index, view_of


async def test_typing_hangzhou_finds_hangzhou_and_enter_jumps_to_it(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, LookupScreen)
        assert isinstance(app.focused, Input)
        await pilot.press(*"hangzhou")
        await pilot.pause()
        assert screen.results and screen.results[0].hanja == "杭州"
        options = screen.query_one(OptionList)
        assert "杭州" in str(options.get_option_at_index(0).prompt)
        assert "háng zhōu" in str(screen.query_one("#lookup-preview", Static).content)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReadScreen)
        view = view_of(pilot)
        assert view.current_term == term_index(view, "杭州")
        # It jumps to the glossed place, scrolled into view, with its card.
        place = view.places[view.current_place or 0]
        assert not place.mention
        assert view.anchor_of_current() is not None
        assert "杭州" in card_text(pilot)


async def test_hangul_query_and_choosing_from_the_list(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"마윈")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LookupScreen)
        assert screen.results[0].hanja == "馬雲"
        await pilot.press("down", "enter")
        await pilot.pause()
        view = view_of(pilot)
        assert view.current_term == term_index(view, "馬雲")


async def test_hanja_not_in_the_text_is_explained_without_leaving(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"北京")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LookupScreen)
        assert screen.results[0].hanja == "北京"
        assert "běi jīng" in str(screen.query_one("#lookup-preview", Static).content)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen  # not in the text: nowhere to jump
        await pilot.press("escape")
        assert isinstance(app.screen, ReadScreen)
        assert view_of(pilot).current_term is None
