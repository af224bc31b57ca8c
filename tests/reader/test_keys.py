"""Keyboard: walking the terms, pinning, hiding, study marks, inline forms, tone palettes."""

from __future__ import annotations

from textual.binding import Binding

from reader.app import ReaderApp
from reader.screens.read import ReadScreen
from reader.widgets import TermPanel
from tests.reader.helpers import bring_into_view, card_of, card_text, ready, term_index, view_of


async def test_n_and_p_walk_the_terms_in_text_order(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        assert view.current_term is None
        seen = []
        for _ in range(4):
            await pilot.press("n")
            assert view.current_place is not None
            seen.append(view.current_place)
            assert view.current_term == view.places[view.current_place].term
        assert seen == [0, 1, 2, 3]
        starts = [view.places[i].text_start for i in seen]
        assert starts == sorted(starts) and len(set(starts)) == 4
        # The first place of the article is a mention of 항저우 in the headline.
        assert view.places[0].term == term_index(view, "杭州")
        await pilot.press("p")
        assert view.current_place == 2
        # The current term's card shows, anchored in view.
        place = view.places[2]
        assert view.terms[place.term].hanja in card_text(pilot)
        assert view.anchor_of_current() is not None


async def test_n_scrolls_the_next_term_into_view(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        target = view.first_place_of(term_index(view, "浙江"))
        assert target is not None
        view.go_to_place(target - 1)
        await pilot.pause()
        await pilot.press("n")
        assert view.current_place == target
        assert view.anchor_of_current() is not None
        assert "浙江" in card_text(pilot)


async def test_current_term_is_clamped_to_the_glossary(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        view.current_term = 10_000
        assert view.current_term == len(view.terms) - 1
        view.current_term = -5
        assert view.current_term == 0


async def test_status_3_marks_the_current_term_known_and_fades_it(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        await pilot.press("n")
        index = view.current_place
        assert index is not None
        term = view.places[index].term
        assert "term--known" not in view.place_classes(index)
        await pilot.press("3")
        assert app.statuses.get(view.terms[term].key) == "known"
        assert "term--known" in view.place_classes(index)
        # Once it is no longer current, every place of the term is drawn faded.
        view.current_term = None
        await pilot.pause()
        known = view.get_visual_style("term--known").rich_style
        for place in (i for i, p in enumerate(view.places) if p.term == term):
            line = view.lines.line_of(view.places[place].start)
            strip = view.build_line(line)
            colours = {
                seg.style.color
                for seg in strip
                if seg.style is not None and seg.style.meta.get("at") == place
            }
            assert colours == {known.color}
        view.go_to_place(index)
        await pilot.press("1")
        assert app.statuses.get(view.terms[term].key) == "new"
        assert "term--known" not in view.place_classes(index)


async def test_escape_hides_the_card_and_enter_pins_it_in_the_panel(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        view = view_of(pilot)
        await pilot.press("n")
        assert card_of(pilot).display
        await pilot.press("escape")
        assert not card_of(pilot).display
        panel = screen.query_one(TermPanel)
        assert not panel.display  # narrow terminal: the panel waits until something is pinned
        await pilot.press("enter")
        await pilot.pause()
        assert panel.pinned and panel.display
        assert panel.term is view.terms[view.current_term or 0]
        assert "háng zhōu" in str(panel.query_one("#panel-text").content)
        await pilot.press("escape")
        assert not panel.pinned


async def test_wide_terminal_shows_the_current_term_in_the_side_panel(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        panel = screen.query_one(TermPanel)
        assert panel.display and panel.term is None
        await pilot.press("n", "n")
        view = view_of(pilot)
        assert panel.term is view.terms[view.current_term or 0]


async def test_s_and_y_show_simplified_forms_and_pinyin_inline(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        deng = term_index(view, "鄧小平")
        view.go_to_term(deng)
        await pilot.pause()

        def line_text() -> str:
            place = view.places[view.current_place or 0]
            line = view.lines.line_of(place.start)
            return view.build_line(line).text

        assert "덩샤오핑(鄧小平)" in line_text()
        await pilot.press("s")
        assert view.show_simplified and "덩샤오핑(邓小平)" in line_text()
        await pilot.press("y")
        assert "덩샤오핑(邓小平 dèng xiǎo píng)" in line_text()
        # The current place survives the new layout.
        assert view.places[view.current_place or 0].term == deng
        await pilot.press("s", "y")
        assert "덩샤오핑(鄧小平)의" in line_text()


async def test_t_switches_the_tone_palette(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        first = screen.palette
        await pilot.press("t")
        assert screen.palette != first
        await pilot.press("t")
        assert screen.palette == "none"
        await pilot.press("n")
        card = card_of(pilot)
        assert card.display and not any(str(s.style).startswith("#") for s in card.content.spans)


def test_every_binding_has_an_id_a_description_and_a_tooltip() -> None:
    bindings = [b for b in (*ReadScreen.BINDINGS, *ReaderApp.BINDINGS) if isinstance(b, Binding)]
    assert len(bindings) >= 15
    for binding in bindings:
        assert binding.id and binding.description and binding.tooltip, binding
    assert len({b.id for b in bindings}) == len(bindings)


async def test_the_command_palette_offers_the_reader_actions(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        titles = {c.title for c in app.get_system_commands(screen)}
        assert {"Go to the next term", "Look up hangul, hanja or pinyin"} <= titles


async def test_clicking_a_term_makes_it_current(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        deng = term_index(view, "鄧小平")
        x, y = await bring_into_view(pilot, view.terms[deng].occurrences[0].hanja_start)
        await pilot.click(None, offset=(x, y))
        assert view.current_term == deng


async def test_a_theme_change_repaints_the_terms_in_its_colours(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        deng = term_index(view, "鄧小平")
        _, y = await bring_into_view(pilot, view.terms[deng].occurrences[0].start)
        row = y - view.content_region.y

        def term_background() -> object:
            # render_line goes through the view's cache of built lines.
            strip = view.render_line(row)
            return next(s.style.bgcolor for s in strip if s.style and s.style.meta)

        dark = term_background()
        app.theme = "textual-light"
        await pilot.pause()
        assert term_background() != dark
        assert view.get_visual_style("term--transcription").rich_style.bgcolor == term_background()
