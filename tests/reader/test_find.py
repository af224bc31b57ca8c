"""Issue 14: search the text itself (``ctrl+f``): any string, a count, next and previous."""

from __future__ import annotations

import time
from typing import cast

from rich.segment import Segment
from rich.style import Style
from textual.pilot import Pilot
from textual.style import Style as VisualStyle
from textual.widgets import Input, Static

from reader.app import ReaderApp
from reader.layout import Display
from reader.widgets import ArticleView
from reader.widgets.find_bar import FindBar, Found, find_all
from tests.reader.helpers import ready, view_of

QUERY = "항저우"


def _bar(pilot: Pilot[None]) -> FindBar:
    return pilot.app.screen.query_one(FindBar)


def _count(pilot: Pilot[None]) -> str:
    return str(_bar(pilot).query_one("#find-count", Static).content)


def _current_offset(pilot: Pilot[None]) -> int:
    found = view_of(pilot).found
    assert found is not None
    offset = found.document_offset()
    assert offset is not None
    return offset


async def _search(pilot: Pilot[None], query: str) -> None:
    await pilot.press("ctrl+f", *query)
    await pilot.pause()


async def test_ctrl_f_opens_the_bar_with_the_focus_in_it(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+f")
        bar = _bar(pilot)
        assert bar.display
        assert isinstance(app.focused, Input) and app.focused.parent is bar
        # Over the status line, under the article, one line high.
        status = app.screen.query_one("#status-line").region
        assert bar.region.height == 1 and bar.region.bottom == status.y
        assert view_of(pilot).region.bottom <= bar.region.y


async def test_typing_counts_every_match_and_highlights_them(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        total = app.document.text.count(QUERY)
        assert total > 3
        await _search(pilot, QUERY)
        assert _count(pilot) == f"1/{total}"
        found = view.found
        assert found is not None and found.total == total
        # The current match is in view and painted as current; its term spans keep their meta.
        start = found.starts[0]
        cell = view.offset_to_screen(start)
        assert cell is not None
        line = view.lines.line_of(start)
        strip = view.build_line(line)
        current = view.get_visual_style("term--found-current").rich_style
        pos = view.lines.starts[line]
        painted = []
        for segment in strip:
            if pos <= start < pos + len(segment.text) or start <= pos < start + len(QUERY):
                painted.append(segment)
            pos += len(segment.text)
        assert "".join(s.text for s in painted) == QUERY
        assert all(s.style and s.style.bgcolor == current.bgcolor for s in painted)
        # 항저우 is a term: the highlight keeps the place's meta, so hover and click still work.
        assert any(s.style and "term" in s.style.meta for s in painted)


async def test_enter_and_shift_enter_walk_the_matches_and_wrap(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        text = app.document.text
        total = text.count(QUERY)
        starts = [i for i in range(len(text)) if text.startswith(QUERY, i)]
        await _search(pilot, QUERY)
        assert _current_offset(pilot) == starts[0]
        for n in range(2, total + 1):
            await pilot.press("enter")
            assert _count(pilot) == f"{n}/{total}"
            assert _current_offset(pilot) == starts[n - 1]
            assert view.offset_to_screen(starts[n - 1]) is not None, n
        # After the last: the first again, scrolled back into view.
        await pilot.press("enter")
        assert _count(pilot) == f"1/{total}"
        assert view.offset_to_screen(starts[0]) is not None
        # Before the first: the last.
        await pilot.press("shift+enter")
        assert _count(pilot) == f"{total}/{total}"
        assert view.offset_to_screen(starts[-1]) is not None
        await pilot.press("shift+enter")
        assert _count(pilot) == f"{total - 1}/{total}"
        # f3 and down go on, shift+f3 and up go back.
        await pilot.press("f3", "down")
        assert _count(pilot) == f"1/{total}"
        await pilot.press("up", "shift+f3")
        assert _count(pilot) == f"{total - 1}/{total}"


async def test_a_string_with_no_match_says_so(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await _search(pilot, "zqxj")
        assert _count(pilot) == "no match"
        found = view_of(pilot).found
        assert found is not None and found.total == 0
        top = view_of(pilot).scroll_y
        await pilot.press("enter", "up")
        assert view_of(pilot).scroll_y == top
        # Clearing the box clears the count.
        for _ in range(4):
            await pilot.press("backspace")
        assert _count(pilot) == ""
        assert view_of(pilot).found is None


async def test_escape_closes_the_bar_clears_the_highlights_and_stays_put(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        await _search(pilot, QUERY)
        for _ in range(8):
            await pilot.press("enter")
        offset = _current_offset(pilot)
        top = view.scroll_y
        assert top > 0
        await pilot.press("escape")
        await pilot.pause()
        assert not _bar(pilot).display
        assert view.found is None
        assert app.focused is view
        assert view.scroll_y == top and view.offset_to_screen(offset) is not None
        line = view.lines.line_of(view.display_text.to_shown(offset))
        styles = {view.get_visual_style(c).rich_style.bgcolor for c in ("term--found",)}
        assert not any(s.style and s.style.bgcolor in styles for s in view.build_line(line))
        # ctrl+f again: the query is kept, searched again, and selected to type over.
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert _bar(pilot).display and view.found is not None
        assert _bar(pilot).input.value == QUERY


async def test_keys_go_to_the_box_and_the_current_term_is_unchanged(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        await pilot.press("n")
        current = view.current_term
        assert current is not None
        key = view.terms[current].key
        status = app.statuses.get(key)
        await _search(pilot, "3")
        assert _bar(pilot).input.value == "3"
        assert app.statuses.get(key) == status  # typed, not a study mark
        await pilot.press("backspace", *QUERY, "enter", "enter", "shift+enter")
        assert view.current_term == current
        await pilot.press("escape")
        assert view.current_term == current


def test_latin_letters_match_either_case_and_the_query_is_nfc() -> None:
    text = "Deng Xiaoping, DENG and deng; 항저우 杭州 \uf9e1 \u674e"
    assert len(find_all(text, "deng")) == 3
    assert find_all(text, "DeNg") == find_all(text, "deng")
    # Hangul typed as jamo (NFD) is searched as NFC syllables.
    assert find_all(text, "\u1112\u1161\u11bc\u110c\u1165") == [text.index("항저")]
    # A compatibility ideograph (U+F9E1) and its unified form (U+674E) find each other.
    both = [text.index("\uf9e1"), text.index("\u674e")]
    assert find_all(text, "\u674e") == find_all(text, "\uf9e1") == both
    assert find_all(text, "") == []


def test_next_and_previous_wrap_around() -> None:
    found = Found("ab", Display("xabyab"), anchor=2)
    assert found.starts == [1, 4] and found.current == 1
    assert found.step(+1) and found.current == 0  # wrapped
    assert not found.step(+1) and found.current == 1
    assert found.step(+1) and found.step(-1) and found.current == 1


class _View:
    """What :meth:`Found.paint` reads of the article view."""

    def __init__(self, text: str) -> None:
        self.display_text = Display(text)

    def get_visual_style(self, name: str) -> VisualStyle:
        return VisualStyle.parse("on #ff0000" if name == "term--found-current" else "on #0000ff")


def _paint(found: Found, view: _View, segments: list[Segment], start: int) -> list[Segment]:
    end = start + sum(len(s.text) for s in segments)
    return found.paint(cast(ArticleView, view), segments, start, end)


def test_paint_splits_segments_and_keeps_their_meta() -> None:
    view = _View("one two onetwo one")
    found = Found("ONE", view.display_text)
    assert found.starts == [0, 8, 15] and found.current == 0
    term = Style(bold=True) + Style.from_meta({"term": 3, "at": 7})
    # The line "two onetwo one" (from 4): a term spans "o onet", the rest plain.
    segments = [Segment("tw", Style()), Segment("o onet", term), Segment("wo one", Style())]
    painted = _paint(found, view, segments, 4)
    assert "".join(s.text for s in painted) == "two onetwo one"
    by_text = [
        (s.text, s.style.bgcolor.name if s.style and s.style.bgcolor else None) for s in painted
    ]
    assert by_text == [
        ("tw", None),
        ("o ", None),
        ("one", "#0000ff"),
        ("t", None),
        ("wo ", None),
        ("one", "#0000ff"),
    ]
    assert painted[2].style is not None and painted[2].style.meta == {"term": 3, "at": 7}
    assert painted[2].style.bold
    # A match cut by the end of a line is painted up to it; the current one in its colour.
    painted = _paint(found, view, [Segment("one t", Style())], 0)
    assert [s.text for s in painted] == ["one", " t"]
    assert painted[0].style is not None and painted[0].style.bgcolor is not None
    assert painted[0].style.bgcolor.name == "#ff0000"
    # A line with no match is left as it is.
    segments = [Segment("two ", Style())]
    assert _paint(found, view, segments, 4) is segments


def test_matches_are_found_again_when_the_shown_text_changes() -> None:
    view = _View("abc abc")
    found = Found("abc", Display("xabc"))
    changed: list[bool] = []
    found.on_change = lambda: changed.append(True)
    _paint(found, view, [Segment("abc abc", Style())], 0)
    assert found.display is view.display_text and found.starts == [0, 4] and changed


def test_a_two_megabyte_article_is_searched_at_once() -> None:
    line = "덩샤오핑(鄧小平)은 1992년 항저우(杭州)를 찾았다. Deng Xiaoping visited Hangzhou.\n"
    text = line * (2_000_000 // len(line) + 1)
    started = time.perf_counter()
    found = Found("항저우", Display(text))
    assert found.total == text.count("항저우")
    found = Found("a", Display(text))  # a letter: either case, tens of thousands of matches
    assert found.total == text.lower().count("a")
    assert time.perf_counter() - started < 1.0
    # Painting a line looks up only that line's matches.
    view = _View(text)
    middle = len(text) // 2
    started = time.perf_counter()
    for _ in range(1000):
        _paint(found, view, [Segment(text[middle : middle + 40], Style())], middle)
    assert time.perf_counter() - started < 0.5
