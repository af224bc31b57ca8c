"""A card never cuts its content silently, and it stays open while the pointer is on it."""

from __future__ import annotations

from textual import events

from reader.app import ReaderApp
from reader.screens.read import ReadScreen
from reader.widgets.card import MORE_ABOVE, MORE_BELOW
from tests.reader.helpers import bring_into_view, card_of, ready, term_index, view_of

LONG_NOTE = " ".join(f"line{i} of a long note on Hangzhou;" for i in range(40))


def _rows(pilot: object) -> list[str]:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    card = card_of(pilot)
    return [card.render_line(y).text.rstrip() for y in range(card.rows)]


async def test_a_long_card_says_there_is_more_and_scrolls_to_the_end(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        app.statuses.set_note(view.terms[term_index(view, "杭州")].key, LONG_NOTE)
        await pilot.press("n")  # the first place is a mention of 항저우
        await pilot.pause()
        card = card_of(pilot)
        assert card.display and card.overflowing
        rows = _rows(pilot)
        assert rows[-1].strip() == MORE_BELOW
        seen = "\n".join(rows)
        for _ in range(60):
            await pilot.press("shift+down")
            seen += "\n".join(_rows(pilot))
        assert _rows(pilot)[-1].strip() == MORE_ABOVE
        assert "line39" in seen  # the end of the note was reachable
        await pilot.press("shift+up")
        assert _rows(pilot)[-1].strip() == MORE_BELOW


async def test_the_wheel_scrolls_the_card(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        app.statuses.set_note(view.terms[term_index(view, "杭州")].key, LONG_NOTE)
        await pilot.press("n")
        await pilot.pause()
        card = card_of(pilot)
        top_before = view.scroll_y
        region = card.region
        card.post_message(
            events.MouseScrollDown(
                card,
                1,
                1,
                0,
                1,
                0,
                False,
                False,
                False,
                screen_x=region.x + 1,
                screen_y=region.y + 1,
            )
        )
        await pilot.pause()
        assert card.top > 0 and view.scroll_y == top_before


async def test_a_card_that_fits_has_no_more_row(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ReadScreen)
        screen.go_to_term(term_index(view, "鄧小平"))
        await pilot.pause()
        card = card_of(pilot)
        assert card.display and not card.overflowing
        assert all(MORE_BELOW not in row for row in _rows(pilot))


async def test_the_card_stays_open_while_the_pointer_is_on_it(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        deng = term_index(view, "鄧小平")
        x, y = await bring_into_view(pilot, view.terms[deng].occurrences[0].hanja_start)
        await pilot.hover(None, offset=(x, y))
        await pilot.pause()
        card = card_of(pilot)
        assert card.display and card.term is view.terms[deng]
        region = card.region
        # Onto the card: across the text between the term and the card, then inside it.
        await pilot.hover(None, offset=(region.x + 3, region.y + 2))
        await pilot.pause()
        await pilot.hover(None, offset=(region.x + 5, region.y + 3))
        await pilot.pause()
        assert card.display and card.term is view.terms[deng]
        # Leaving both closes it (no term is current).
        status = pilot.app.screen.query_one("#status-line")
        await pilot.hover(None, offset=(status.region.x + 1, status.region.y))
        await pilot.pause()
        assert not card.display


async def test_no_card_covers_the_status_line_at_80x24(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        card = card_of(pilot)
        status = pilot.app.screen.query_one("#status-line")
        for _ in range(len(view.places)):
            await pilot.press("n")
            await pilot.pause()
            if card.display:
                assert card.region.bottom <= status.region.y
                assert card.region.y >= view.region.y
