"""Snapshots of the main screen and of a card, at 80x24 and 120x40."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from glossary import Document
from reader.app import ReaderApp
from tests.reader.helpers import bring_into_view, card_of, ready, term_index, view_of

SIZES = [(80, 24), (120, 40)]
SnapCompare = Callable[..., bool]


async def _main_screen(pilot: Pilot[None]) -> None:
    await ready(pilot)


async def _hover_card(pilot: Pilot[None]) -> None:
    await ready(pilot)
    view = view_of(pilot)
    occ = view.terms[term_index(view, "鄧小平")].occurrences[0]
    x, y = await bring_into_view(pilot, occ.hanja_start)
    await pilot.hover(None, offset=(x, y))
    await pilot.pause()
    assert card_of(pilot).display


async def _keyboard_card(pilot: Pilot[None]) -> None:
    screen = await ready(pilot)
    view = view_of(pilot)
    screen.go_to_term(term_index(view, "3甲"))
    await pilot.pause()
    assert card_of(pilot).display


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare: SnapCompare, sample: Document, size: tuple[int, int]) -> None:
    assert snap_compare(ReaderApp(sample), terminal_size=size, run_before=_main_screen)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_card_on_hover(snap_compare: SnapCompare, sample: Document, size: tuple[int, int]) -> None:
    assert snap_compare(ReaderApp(sample), terminal_size=size, run_before=_hover_card)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_card_by_keyboard(
    snap_compare: SnapCompare, sample: Document, size: tuple[int, int]
) -> None:
    assert snap_compare(ReaderApp(sample), terminal_size=size, run_before=_keyboard_card)
