"""The glossary table: sorting, filtering, and enter jumping to the term in the text."""

from __future__ import annotations

from textual.widgets import Input, Static

from reader.app import ReaderApp
from reader.screens.read import ReadScreen
from tests.reader.helpers import card_text, column, open_table, term_index, view_of


async def test_enter_on_a_row_jumps_to_the_term(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen, table = await open_table(pilot)
        assert table.row_count == 12
        row = column(table, "hanja").index("浙江")
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReadScreen)
        view = view_of(pilot)
        assert view.current_term == term_index(view, "浙江")
        assert view.anchor_of_current() is not None  # scrolled into view
        assert "浙江" in card_text(pilot)


async def test_sorting_by_a_column_and_reversing(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen, table = await open_table(pilot)
        screen.sort_by("uses")
        uses = [int(u) for u in column(table, "uses")]
        assert uses == sorted(uses)
        screen.sort_by("uses")
        assert [int(u) for u in column(table, "uses")] == sorted(uses, reverse=True)
        assert column(table, "hanja")[0] == "杭州"


async def test_filtering_keeps_matching_terms(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen, table = await open_table(pilot)
        screen.query_one(Input).focus()
        await pilot.press(*"zhe")
        await pilot.pause()
        assert column(table, "hanja") == ["人工知能小鎭", "夢想小鎭", "浙江"]  # zhèn, zhè
        await pilot.press(*"jiang")
        await pilot.pause()
        assert column(table, "hanja") == ["浙江"]
        assert "1 of 12" in str(screen.query_one("#table-title", Static).content)
        await pilot.press("escape")
        assert isinstance(app.screen, ReadScreen)
