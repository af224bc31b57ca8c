"""Look-up: words with suggested hanja are found, guesses are labelled, nothing found is said."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from glossary import Suggestion
from reader.app import ReaderApp
from reader.screens.lookup import LookupScreen
from reader.screens.read import ReadScreen
from tests.reader.helpers import ready, view_of


async def _look_up(pilot: object, query: str) -> LookupScreen:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await ready(pilot)
    await pilot.press("slash")
    await pilot.press(*query)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LookupScreen)
    return screen


async def test_shenzhen_finds_the_suggested_word_and_enter_shows_it(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _look_up(pilot, "shenzhen")
        first = screen.results[0]
        assert isinstance(first, Suggestion) and first.hangul == "선전"
        prompt = str(screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "선전" in prompt and "深圳" in prompt and "guess" in prompt
        preview = str(screen.query_one("#lookup-preview", Static).content)
        assert "guesses" in preview
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReadScreen)
        view = view_of(pilot)
        assert view.offset_to_screen(first.places[0].start) is not None
        assert view.current_term is None  # a guess is never made the current term


async def test_a_dictionary_result_is_not_called_bare_hanja(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _look_up(pilot, "北京")
        prompts = [
            str(screen.query_one(OptionList).get_option_at_index(i).prompt)
            for i in range(screen.query_one(OptionList).option_count)
        ]
        outside = [p for p in prompts if "not in the text" in p]
        assert outside and all("bare hanja" not in p for p in outside)


async def test_a_look_up_that_finds_nothing_says_so(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _look_up(pilot, "zzqx")
        assert screen.results == []
        preview = str(screen.query_one("#lookup-preview", Static).content)
        assert "Nothing found for zzqx" in preview
