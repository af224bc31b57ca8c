"""Study marks made in the reader live in the user's glossary store."""

from __future__ import annotations

from glossary import Document
from glossary.paths import db_path
from glossary.store import open_store
from reader.app import ReaderApp
from tests.reader.helpers import bring_into_view, card_text, ready, view_of, walk_to_first_term


async def test_a_mark_is_there_next_time_and_in_the_cli_store(sample: Document) -> None:
    app = ReaderApp(sample)
    async with app.run_test(size=(80, 24)) as pilot:
        key = await walk_to_first_term(pilot)
        await pilot.press("3")
    # What `glossary list` reads.
    assert open_store(db_path()).status_of(key) == "known"
    # A new session of the reader shows the mark.
    again = ReaderApp(sample)
    async with again.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert again.statuses.get(key) == "known"
        assert "term--known" in view_of(pilot).place_classes(
            next(
                i
                for i, p in enumerate(view_of(pilot).places)
                if view_of(pilot).terms[p.term].key == key
            )
        )


async def test_a_note_written_in_the_reader_is_kept_in_the_store(sample: Document) -> None:
    app = ReaderApp(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        key = await walk_to_first_term(pilot)
        await pilot.press("e")
        await pilot.press(*"first seen here")
        await pilot.press("enter")
        await pilot.pause()
        assert app.statuses.note(key) == "first seen here"
        assert "first seen here" in card_text(pilot)
    stored = open_store(db_path()).get(key)
    assert stored is not None and stored.user_note == "first seen here"
    again = ReaderApp(sample)
    async with again.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert again.statuses.note(key) == "first seen here"


async def test_suggested_hanja_are_listed_apart_from_the_glossed_terms(sample: Document) -> None:
    from reader.screens.suggestions import SuggestionsScreen

    app = ReaderApp(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        assert app.glossary is not None
        assert [s.hangul for s in app.glossary.suggestions][:1] == ["선전"]
        # Never mixed with the glossed terms the article highlights.
        assert "深圳" not in {t.hanja for t in view_of(pilot).terms}
        assert "suggested (u)" in str(screen.query_one("#status-line").render())
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, SuggestionsScreen)
        listing = str(app.screen.query_one("#suggest-list").render())
        assert "선전" in listing and "深圳" in listing
        assert listing.index("선전") < listing.index("深圳")
        await pilot.press("escape")
        assert not isinstance(app.screen, SuggestionsScreen)


async def test_suggested_words_are_marked_in_the_text(sample: Document) -> None:
    app = ReaderApp(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.glossary is not None
        view = view_of(pilot)
        suggested = view.get_visual_style("term--suggested").rich_style
        marked: dict[int, list[str]] = {}
        for line in range(len(view.lines)):
            for segment in view.build_line(line):
                index = segment.style.meta.get("suggestion") if segment.style else None
                if index is not None:
                    assert segment.style is not None
                    assert segment.style.italic and segment.style.underline
                    assert segment.style.color == suggested.color
                    marked.setdefault(index, []).append(segment.text)
        # Every place of every suggestion, and nothing else, is marked as it is written.
        for index, suggestion in enumerate(app.glossary.suggestions):
            assert marked[index] == [sample.text[p.start : p.end] for p in suggestion.places]
        assert marked[0][0] == "선전"
        assert set(marked) == set(range(len(app.glossary.suggestions)))
        # Clicking one lists the suggestions, as u does.
        from reader.screens.suggestions import SuggestionsScreen

        first = app.glossary.suggestions[0].places[0]
        x, y = await bring_into_view(pilot, first.start)
        await pilot.click(offset=(x, y))
        await pilot.pause()
        assert isinstance(app.screen, SuggestionsScreen)
