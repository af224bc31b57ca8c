"""Helpers for the reader's Pilot tests: wait for the glossary, find widgets, terms, cells."""

from __future__ import annotations

from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable

from reader.app import ReaderApp
from reader.screens.glossary_table import GlossaryScreen
from reader.screens.read import ReadScreen
from reader.widgets import ArticleView, TermCard


async def ready(pilot: Pilot[None]) -> ReadScreen:
    """Wait until the glossary is built and shown; return the read screen."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.glossary is not None
    screen = app.screen
    assert isinstance(screen, ReadScreen)
    return screen


async def walk_to_first_term(pilot: Pilot[None]) -> tuple[str, str]:
    """Wait for the glossary, press ``n``; return the key of the term it walks to."""
    await ready(pilot)
    view = view_of(pilot)
    await pilot.press("n")
    index = view.current_place
    assert index is not None
    return view.terms[view.places[index].term].key


def view_of(pilot: Pilot[None]) -> ArticleView:
    """The article view of the read screen."""
    return pilot.app.screen.query_one(ArticleView)


def card_of(pilot: Pilot[None]) -> TermCard:
    """The floating card."""
    return pilot.app.screen.query_one(TermCard)


def card_text(pilot: Pilot[None]) -> str:
    """What the floating card says, as plain text ("" when hidden)."""
    card = card_of(pilot)
    return str(card.content) if card.display else ""


def term_index(view: ArticleView, hanja: str) -> int:
    """The index of the term written with these hanja."""
    return next(i for i, t in enumerate(view.terms) if t.hanja == hanja)


async def bring_into_view(pilot: Pilot[None], offset: int) -> tuple[int, int]:
    """Scroll a document offset into the middle of the view; return its screen cell."""
    view = view_of(pilot)
    line = view.lines.line_of(view.display_text.to_shown(offset))
    view.scroll_to(y=max(0, line - 5), animate=False)
    await pilot.pause()
    cell = view.offset_to_screen(offset)
    assert cell is not None
    return cell.x, cell.y


async def open_table(pilot: Pilot[None]) -> tuple[GlossaryScreen, DataTable[str]]:
    """Wait for the glossary, press ``g``; return the glossary screen and its table."""
    await ready(pilot)
    await pilot.press("g")
    screen = pilot.app.screen
    assert isinstance(screen, GlossaryScreen)
    return screen, screen.query_one(DataTable)


def column(table: DataTable[str], key: str) -> list[str]:
    """The cells of one column of a table, top to bottom, as text."""
    return [
        str(table.get_cell_at(Coordinate(row, table.get_column_index(key))))
        for row in range(table.row_count)
    ]


def table_hanja(screen: GlossaryScreen, table: DataTable[str]) -> list[str]:
    """The hanja of the terms in the glossary table, top to bottom, whole (cells may be cut)."""
    return [screen.terms[int(str(row.key.value))].hanja for row in table.ordered_rows]


def hanja_at_cursor(screen: GlossaryScreen, table: DataTable[str]) -> str:
    """The hanja of the term on the glossary table's cursor row."""
    return table_hanja(screen, table)[table.cursor_row]
