"""One current term: keys act on it, it is always shown, and hover only previews."""

from __future__ import annotations

from textual.widgets import Static

from reader.app import ReaderApp
from reader.screens.read import ReadScreen
from reader.widgets import TermPanel
from tests.reader.helpers import bring_into_view, card_of, card_text, ready, term_index, view_of


async def _rest_pointer_on_hangzhou(pilot: object) -> int:
    """Rest the pointer on a mention of 항저우 near the top; return 杭州's index."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    view = view_of(pilot)
    hangzhou = term_index(view, "杭州")
    place = view.places[0]
    assert place.term == hangzhou
    x, y = await bring_into_view(pilot, place.text_start)
    await pilot.hover(None, offset=(x, y))
    await pilot.pause()
    assert view.hovered_term == hangzhou
    return hangzhou


async def test_keys_act_on_the_walked_term_not_the_hovered_one(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        hangzhou = await _rest_pointer_on_hangzhou(pilot)
        await pilot.press("n", "n", "n")
        await pilot.pause()
        current = view.current_term
        assert current is not None and current != hangzhou
        walked = view.terms[current]
        # The card names the walked term, although the pointer still rests on 항저우.
        assert walked.hanja in card_text(pilot)
        assert "杭州" not in card_text(pilot).splitlines()[0]
        await pilot.press("4")
        assert app.statuses.get(walked.key) == "ignored"
        assert app.statuses.get(view.terms[hangzhou].key) == "new"


async def test_moving_the_pointer_again_brings_the_preview_back(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        deng = term_index(view, "鄧小平")
        await pilot.press("n")
        x, y = await bring_into_view(pilot, view.terms[deng].occurrences[0].hanja_start)
        await pilot.hover(None, offset=(x, y))
        await pilot.pause()
        assert "鄧小平" in card_text(pilot)
        # The preview does not change what keys act on.
        assert view.current_term != deng
        await pilot.press("3")
        assert app.statuses.get(view.terms[deng].key) == "new"


async def test_after_pinning_walking_still_shows_the_current_term(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        view = view_of(pilot)
        await pilot.press("n", "n", "enter")
        await pilot.pause()
        panel = screen.query_one(TermPanel)
        pinned = panel.term
        assert panel.pinned and pinned is not None
        await pilot.press("n", "n")
        await pilot.pause()
        current = view.terms[view.current_term or 0]
        assert current is not pinned
        assert card_of(pilot).display and current.hanja in card_text(pilot)
        await pilot.press("3")
        assert app.statuses.get(current.key) == "known"
        assert app.statuses.get(pinned.key) == "new"


async def test_enter_pins_the_current_term_even_under_a_hover(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        view = view_of(pilot)
        deng = term_index(view, "鄧小平")
        view.go_to_term(deng)
        await pilot.pause()
        await _rest_pointer_on_hangzhou(pilot)
        await pilot.press("enter")
        assert screen.query_one(TermPanel).term is view.terms[deng]


async def test_the_status_line_names_the_current_term(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        view = view_of(pilot)
        line = screen.query_one("#status-line", Static)
        assert "▸" not in str(line.content)
        await pilot.press("n")
        current = view.terms[view.current_term or 0]
        assert f"▸ {current.hanja} {current.hangul}" in str(line.content)


async def test_the_card_title_counts_places_not_terms(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        await pilot.press("n", "n", "n")
        await pilot.pause()
        assert str(card_of(pilot).border_title) == f"3/{len(view.places)}"


def test_the_help_states_the_current_term_rule() -> None:
    assert "current term" in ReadScreen.HELP.lower()
    assert "never changes what a\nkey acts on" in ReadScreen.HELP


async def test_c_copies_the_current_hanja_and_shift_c_a_whole_line(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        await pilot.press("c")
        assert app.clipboard == ""  # no current term yet: nothing copied, a warning says so
        await pilot.press("n")
        term = view.terms[view.current_term or 0]
        await pilot.press("c")
        assert app.clipboard == term.hanja == "杭州"
        await pilot.press("C")
        fields = app.clipboard.split("\t")
        assert fields[:4] == ["杭州", "항저우", "háng zhōu", "항주"]
        assert fields[4]  # a meaning: the word's senses, else the characters'
        await pilot.press("n", "ctrl+c")
        assert app.clipboard == view.terms[view.current_term or 0].hanja


async def test_the_article_offers_no_selection_that_would_copy_the_wrong_text(
    app: ReaderApp,
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        assert not view.allow_select
        await pilot.press("n")
        x, y = view.content_region.x + 2, view.content_region.y + 2
        await pilot.mouse_down(None, offset=(x, y))
        await pilot.hover(None, offset=(x + 20, y + 3))
        await pilot.mouse_up(None, offset=(x + 20, y + 3))
        await pilot.press("ctrl+c")
        assert app.clipboard == view.terms[view.current_term or 0].hanja
