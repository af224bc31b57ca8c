"""The glossary table: sorting, filtering, fitting the screen, marks, and leaving it."""

from __future__ import annotations

from rich.cells import cell_len
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, Static

from reader.app import ReaderApp
from reader.screens.glossary_table import GlossaryScreen, share, truncate
from reader.screens.read import ReadScreen
from tests.reader.helpers import (
    card_text,
    column,
    hanja_at_cursor,
    open_table,
    table_hanja,
    term_index,
    view_of,
)

EVERY_COLUMN = ["order", "docs", "hanja", "gloss", "kind", "pinyin"]
EVERY_COLUMN += ["sino", "simplified", "uses", "status"]
LONG_GLOSS = "사흘마다 건물 1층을 더 올린다"  # 29 cells: the gloss of 三天一層樓


def _fits(table: DataTable[str], width: int) -> None:
    """Every column is in the table and within the width, every cell within its column."""
    assert [str(key.value) for key in table.columns] == EVERY_COLUMN
    assert sum(c.get_render_width(table) for c in table.columns.values()) <= width
    for column_ in table.columns.values():
        for row in range(table.row_count):
            cell = table.get_cell_at(Coordinate(row, table.get_column_index(column_.key)))
            assert cell_len(str(cell)) <= column_.width
        assert cell_len(str(column_.label)) <= column_.width


def _gloss_of(screen: GlossaryScreen, table: DataTable[str], hanja: str) -> str:
    return column(table, "gloss")[table_hanja(screen, table).index(hanja)]


async def test_enter_on_a_row_jumps_to_the_term(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen, table = await open_table(pilot)
        assert table.row_count == 12
        row = table_hanja(screen, table).index("浙江")
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
        assert table_hanja(screen, table)[0] == "杭州"


async def test_filtering_keeps_matching_terms(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen, table = await open_table(pilot)
        screen.query_one(Input).focus()
        await pilot.press(*"zhe")
        await pilot.pause()
        assert table_hanja(screen, table) == ["人工知能小鎭", "夢想小鎭", "浙江"]  # zhèn, zhè
        await pilot.press(*"jiang")
        await pilot.pause()
        assert table_hanja(screen, table) == ["浙江"]
        assert "1 of 12" in str(screen.query_one("#table-title", Static).content)
        await pilot.press("escape")
        assert isinstance(app.screen, ReadScreen)


def test_cutting_counts_terminal_cells() -> None:
    assert truncate(LONG_GLOSS, 29) == LONG_GLOSS
    assert truncate(LONG_GLOSS, 10) == "사흘마다…"  # the space before the cut goes
    assert truncate("人工知能小鎭", 7) == "人工知…"
    assert truncate("人工知能小鎭", 6) == "人工…"  # a hanja never half shown
    assert truncate("transcription", 6) == "trans…"
    assert share({"a": 10, "b": 3, "c": 10}, 23) == {"a": 10, "b": 3, "c": 10}
    assert share({"a": 10, "b": 3, "c": 10}, 16) == {"a": 7, "b": 3, "c": 6}
    # The kind keeps 7 cells however narrow: transc… and transl… stay apart.
    assert share({"gloss": 29, "kind": 13, "sino": 12}, 15) == {"gloss": 4, "kind": 7, "sino": 4}


async def test_every_column_fits_at_80_columns_and_after_a_resize(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen, table = await open_table(pilot)
        await pilot.pause()
        _fits(table, 80)
        cut = _gloss_of(screen, table, "三天一層樓")
        assert cut.endswith("…") and LONG_GLOSS.startswith(cut[:-1])
        assert "status" in str(table.columns["status"].label)  # the last column is whole
        kinds = {t.kind for t in screen.terms}
        assert len(set(column(table, "kind"))) == len(kinds) == 4  # cut, yet told apart
        table.move_cursor(row=table_hanja(screen, table).index("浙江"))

        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        _fits(table, 160)
        assert _gloss_of(screen, table, "三天一層樓") == LONG_GLOSS  # room enough now
        assert hanja_at_cursor(screen, table) == "浙江"

        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        _fits(table, 100)
        assert _gloss_of(screen, table, "三天一層樓").endswith("…")
        assert hanja_at_cursor(screen, table) == "浙江"


async def test_ranking_keeps_the_cursor_on_its_term(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen, table = await open_table(pilot)
        table.move_cursor(row=table_hanja(screen, table).index("浙江"))
        await pilot.pause()
        before = table.cursor_row
        for _ in range(3):  # every order ctrl+r cycles through, and back
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert hanja_at_cursor(screen, table) == "浙江"
            assert str(screen.query_one("#term-detail", Static).content).startswith("浙江")
        assert table.cursor_row == before
        screen.sort_by("uses")  # the other sorts too
        assert hanja_at_cursor(screen, table) == "浙江"
        assert table.cursor_row != before


async def test_keys_1_to_4_mark_the_highlighted_term(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen, table = await open_table(pilot)
        table.move_cursor(row=table_hanja(screen, table).index("浙江"))
        await pilot.pause()
        key = screen.terms[table_hanja(screen, table).index("浙江")].key
        row = table.cursor_row
        for press, status in (("3", "known"), ("2", "learning"), ("4", "ignored"), ("1", "new")):
            await pilot.press(press)
            await pilot.pause()
            assert app.statuses.get(key) == status
            assert column(table, "status")[row] == status  # the cell at once
        await pilot.press("3")
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ReadScreen)
        view = view_of(pilot)
        assert view.status_of(term_index(view, "浙江")) == "known"


async def test_q_and_escape_close_the_table_not_the_app(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("q", "escape"):
            screen, table = await open_table(pilot)
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running and app.return_code is None
            assert isinstance(app.screen, ReadScreen)
            assert view_of(pilot).current_term is None  # back to the article, no jump
        screen, table = await open_table(pilot)
        screen.query_one(Input).focus()
        await pilot.press("q")  # in the filter box, q is a letter
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one(Input).value == "q"


def test_every_binding_is_described() -> None:
    keys = set()
    for binding in GlossaryScreen.BINDINGS:
        assert not isinstance(binding, tuple)
        assert binding.description and binding.tooltip and binding.id
        keys.update(binding.key.split(","))
    assert {"q", "escape", "1", "2", "3", "4"} <= keys


async def test_marks_set_in_the_table_are_counted_on_return(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        _, _ = await open_table(pilot)
        await pilot.press("3", "escape")
        await pilot.pause()
        line = pilot.app.screen.query_one("#status-line", Static)
        assert "1 marked" in str(line.content)
