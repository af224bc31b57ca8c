"""Repaints stay within the view: hovering, changing a term, and moving the card."""

from __future__ import annotations

from typing import Any

import pytest
from textual.geometry import Region
from textual.strip import Strip

from reader.app import ReaderApp
from reader.widgets import ArticleView
from tests.reader.helpers import bring_into_view, card_of, ready, term_index, view_of


def _visible(view: ArticleView) -> range:
    top = int(view.scroll_y)
    return range(top, min(top + view.scrollable_content_region.height, len(view.lines)))


def _lines_of(view: ArticleView, term: int) -> set[int]:
    layout = view.text_layout
    lines: set[int] = set()
    for index in layout.places_of(term):
        first, last = layout.line_span(index)
        lines.update(range(first, last + 1))
    return lines


async def test_hovering_repaints_only_lines_in_view(
    app: ReaderApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        hangzhou = term_index(view, "杭州")
        # 杭州 is used all through the text, most of it out of view.
        assert not _lines_of(view, hangzhou) <= set(_visible(view))
        x, y = await bring_into_view(pilot, view.terms[hangzhou].occurrences[0].start)
        repainted: list[int] = []
        refresh_line = view.refresh_line

        def spy(y: int) -> None:
            repainted.append(y)
            refresh_line(y)

        monkeypatch.setattr(view, "refresh_line", spy)
        await pilot.hover(None, offset=(x, y))
        await pilot.pause()
        assert view.hovered_term == hangzhou
        assert repainted and set(repainted) <= set(_visible(view)) & _lines_of(view, hangzhou)


async def test_lines_out_of_view_are_built_again_once_their_term_changed(
    app: ReaderApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        view = view_of(pilot)
        hangzhou = term_index(view, "杭州")
        # Draw the end of the text (its lines are kept), then go back to the top.
        view.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        far = _lines_of(view, hangzhou) & set(_visible(view))
        assert far
        view.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        assert not far & set(_visible(view))
        built: list[int] = []
        build_line = view.build_line

        def spy(line: int) -> Strip:
            built.append(line)
            return build_line(line)

        monkeypatch.setattr(view, "build_line", spy)
        screen.statuses.set(view.terms[hangzhou].key, "known")
        view.refresh_term(hangzhou)
        await pilot.pause()
        assert not far & set(built)  # nothing out of view is touched...
        view.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert far <= set(built)  # ...until it comes into view, drawn as known
        places = view.text_layout.places_of(hangzhou)
        assert all("term--known" in view.place_classes(i) for i in places)


async def test_the_card_is_laid_out_again_only_when_it_moves_or_resizes(
    app: ReaderApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        view = view_of(pilot)
        occ = view.terms[term_index(view, "鄧小平")].occurrences[0]
        x, y = await bring_into_view(pilot, occ.start)
        await pilot.hover(None, offset=(x, y))
        await pilot.pause()
        card = card_of(pilot)
        assert card.display
        shown = card.region
        layouts: list[bool] = []
        refresh = card.refresh

        def spy(*regions: Region, **kwargs: Any) -> Any:
            layouts.append(bool(kwargs.get("layout")))
            return refresh(*regions, **kwargs)

        monkeypatch.setattr(card, "refresh", spy)
        screen._sync_card()  # the same card, in the same place: repainted, not laid out
        await pilot.pause()
        assert layouts and not any(layouts)
        assert card.region == shown
        # It is sized by its text, wrapped to the width inside its border.
        assert card.virtual_size.width == card.scrollable_content_region.width
        assert card.virtual_size.height >= len(card.content.plain.splitlines())
