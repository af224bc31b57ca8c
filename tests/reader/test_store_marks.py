"""Study marks made in the reader live in the user's glossary store."""

from __future__ import annotations

from glossary import Document
from glossary.paths import db_path
from glossary.store import open_store
from reader.app import ReaderApp
from tests.reader.helpers import ready, view_of


async def test_a_mark_is_there_next_time_and_in_the_cli_store(sample: Document) -> None:
    app = ReaderApp(sample)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        await pilot.press("n")
        index = view.current_place
        assert index is not None
        key = view.terms[view.places[index].term].key
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
