"""Words with suggested hanja: hovering one shows its own card of guesses, marked as such."""

from __future__ import annotations

from reader.app import ReaderApp
from tests.reader.helpers import bring_into_view, card_of, card_text, ready, view_of


async def test_hovering_a_suggested_word_shows_its_guesses(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        assert app.glossary is not None
        shenzhen = next(s for s in app.glossary.suggestions if s.hangul == "선전")
        x, y = await bring_into_view(pilot, shenzhen.places[0].start)
        await pilot.hover(None, offset=(x + 1, y))
        await pilot.pause()
        text = card_text(pilot)
        assert card_of(pilot).display
        assert "선전" in text and "guesses" in text and "深圳" in text
        assert str(card_of(pilot).border_title) == "suggested"
        # A guess is never made the current term.
        assert view.current_term is None
