"""Hovering terms, mentions and lone hanja shows the right card, anchored off the pointer."""

from __future__ import annotations

from glossary import Glossary, document_from_text
from reader.app import ReaderApp
from tests.reader.helpers import bring_into_view, card_of, card_text, ready, term_index, view_of


async def test_hover_over_deng_xiaoping_shows_its_card(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        occ = view.terms[term_index(view, "鄧小平")].occurrences[0]
        x, y = await bring_into_view(pilot, occ.hanja_start + 1)
        await pilot.hover(None, offset=(x, y))
        await pilot.pause()
        assert view.hovered_term == term_index(view, "鄧小平")
        text = card_text(pilot)
        assert "鄧小平" in text and "dèng" in text and "등소평" in text
        card = card_of(pilot).region
        # Anchored off the pointer: the card covers neither the term's line nor the pointer.
        assert not card.contains(x, y)
        assert card.y == y + 1 or card.bottom == y


async def test_hover_over_a_later_mention_of_hangzhou_shows_hangzhou(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        hangzhou = view.terms[term_index(view, "杭州")]
        glossed_at = hangzhou.occurrences[0].start
        later = next(m for m in hangzhou.mentions if m.start > glossed_at)
        assert view.document.text[later.start : later.end] == "항저우"
        x, y = await bring_into_view(pilot, later.start + 1)
        await pilot.hover(None, offset=(x, y))
        await pilot.pause()
        text = card_text(pilot)
        assert "杭州" in text and "háng zhōu" in text
        assert "1 glossed, 15 mentions" in text


async def test_leaving_the_term_hides_the_card(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        occ = view.terms[term_index(view, "鄧小平")].occurrences[0]
        x, y = await bring_into_view(pilot, occ.start)
        await pilot.hover(None, offset=(x, y))
        assert card_of(pilot).display
        # The empty line above the paragraph holds nothing.
        await pilot.hover(None, offset=(x, y - 1))
        await pilot.pause()
        assert not card_of(pilot).display
        assert view.hovered_term is None


async def test_scrolling_under_a_still_pointer_updates_the_card(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        occ = view.terms[term_index(view, "鄧小平")].occurrences[0]
        x, y = await bring_into_view(pilot, occ.start)
        # Point at the empty line above 덩샤오핑: no card.
        await pilot.hover(None, offset=(x, y - 1))
        await pilot.pause()
        assert not card_of(pilot).display
        # Scroll one line: 덩샤오핑 moves under the still pointer and its card appears.
        view.scroll_relative(y=1, animate=False)
        await pilot.pause()
        await pilot.pause()
        assert "鄧小平" in card_text(pilot)
        # Scroll back: the pointer is over the empty line again; no stale card.
        view.scroll_relative(y=-1, animate=False)
        await pilot.pause()
        await pilot.pause()
        assert not card_of(pilot).display


async def test_hovering_a_lone_hanja_looks_the_character_up(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        # A text whose glossary (here: empty) leaves its hanja unexplained.
        document = document_from_text("새 문서입니다.\n\n오늘의 한자는 學 입니다.")
        screen.show_glossary(Glossary(document, ()))
        await pilot.pause()
        view = view_of(pilot)
        cell = view.offset_to_screen(document.text.index("學"))
        assert cell is not None
        await pilot.hover(None, offset=(cell.x, cell.y))
        await pilot.pause()
        text = card_text(pilot)
        assert "學" in text and "学" in text and "xué" in text and "학" in text
        assert card_of(pilot).border_title == "look-up"
