"""The glossary table: sorting, filtering, and enter jumping to the term in the text."""

from __future__ import annotations

from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, Static

from reader.app import ReaderApp
from reader.screens.glossary_table import GlossaryScreen
from reader.screens.read import ReadScreen
from tests.reader.helpers import card_text, ready, term_index, view_of


def _column(table: DataTable[str], key: str) -> list[str]:
    return [
        str(table.get_cell_at(Coordinate(row, table.get_column_index(key))))
        for row in range(table.row_count)
    ]


async def test_enter_on_a_row_jumps_to_the_term(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("g")
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 12
        row = _column(table, "hanja").index("浙江")
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
        await ready(pilot)
        await pilot.press("g")
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        table = screen.query_one(DataTable)
        screen.sort_by("uses")
        uses = [int(u) for u in _column(table, "uses")]
        assert uses == sorted(uses)
        screen.sort_by("uses")
        assert [int(u) for u in _column(table, "uses")] == sorted(uses, reverse=True)
        assert _column(table, "hanja")[0] == "杭州"


async def test_filtering_keeps_matching_terms(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("g")
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        screen.query_one(Input).focus()
        await pilot.press(*"zhe")
        await pilot.pause()
        table = screen.query_one(DataTable)
        assert _column(table, "hanja") == ["人工知能小鎭", "夢想小鎭", "浙江"]  # zhèn, zhè
        await pilot.press(*"jiang")
        await pilot.pause()
        assert _column(table, "hanja") == ["浙江"]
        assert "1 of 12" in str(screen.query_one("#table-title", Static).content)
        await pilot.press("escape")
        assert isinstance(app.screen, ReadScreen)
