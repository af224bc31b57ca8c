"""Walking one term's places: ] and [ go to its next and previous place, ' to its gloss."""

from __future__ import annotations

from glossary import extract_text
from reader.app import ReaderApp
from reader.term_info import term_card
from tests.reader.helpers import card_text, ready, term_index, view_of


async def test_brackets_walk_the_places_of_the_current_term_only(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        hangzhou = term_index(view, "杭州")
        await pilot.press("n")
        assert view.current_place == 0 and view.current_term == hangzhou
        own = view.text_layout.places_of(hangzhou)
        assert len(own) == 16
        await pilot.press("right_square_bracket")
        assert view.current_place == own[1] and view.current_term == hangzhou
        assert view.anchor_of_current() is not None
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert view.current_place == own[3]
        await pilot.press("left_square_bracket")
        assert view.current_place == own[2]
        # Wraps round from the first to the last.
        view.go_to_place(own[0])
        await pilot.press("left_square_bracket")
        assert view.current_place == own[-1]
        assert "杭州" in card_text(pilot)


async def test_apostrophe_goes_from_a_mention_to_the_gloss(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        await pilot.press("n")
        assert view.places[view.current_place or 0].mention  # the headline's 항저우
        await pilot.press("apostrophe")
        place = view.places[view.current_place or 0]
        assert not place.mention and view.terms[place.term].hanja == "杭州"
        assert view.anchor_of_current() is not None
        assert view.display_text.text[place.start : place.end].startswith("항저우(杭州)")


async def test_the_card_shows_the_sentence_where_the_term_is_glossed(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        deng = view.terms[term_index(view, "鄧小平")]
        card = term_card(deng, palette="none", width=44)
        sentence = " ".join(deng.occurrences[0].sentence.split())
        assert "glossed" in str(card) and sentence[:20] in str(card)
        brief = str(term_card(deng, palette="none", width=44, brief=True))
        assert "…" in brief or sentence in brief


def test_a_bare_term_is_not_said_to_be_glossed() -> None:
    glossary = extract_text("韓美 정상이 만났다. 韓美 관계가 좋다.")
    bare = next(t for t in glossary.terms if t.kind == "bare")
    text = str(term_card(bare, palette="none"))
    assert "glossed" not in text and "2 places in this text" in text
