"""Cards name the language of a reading, the Korean usage and headline abbreviations; mentions
that may be another word are drawn fainter and their cards say so (issue 17)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.style import Style
from textual.widgets import Static

import reader.building
from glossary import Document, Glossary, Term, build_glossary, document_from_text
from glossary.model import Mention
from reader.app import ReaderApp
from reader.term_info import PINYIN_IS_MANDARIN, kind_line, term_card, uses_of
from tests.reader.helpers import bring_into_view, card_text, ready, term_index, view_of

TEXT = (
    "美 증시가 흔들렸다. 다카이치 사나에(高市早苗) 총리가 말했다.\n\n"
    "선전(深圳)에서 저장(浙江)성으로 갔다. 파일을 저장했다. 저장성 사람들."
)
MAYBE = "may be another word here"


def _filled(term: Term) -> Term:
    """The readings the engine is to give these terms (built by hand until it does)."""
    if term.hanja == "高市早苗":
        return replace(
            term,
            kind="transcription",
            reading_language="ja",
            japanese_reading="たかいち さなえ",
            japanese_romaji="takaichi sanae",
        )
    if term.hanja == "深圳":
        return replace(term, conventional_reading="심천", conventional_source="Korean press usage")
    if term.hanja == "美":
        return replace(term, abbreviates="미국")
    if term.hanja == "浙江":  # 파일을 저장했다 is "saved"; 저장성 is the province.
        glossed = term.occurrences[0].end
        found = [i for i in range(glossed, len(TEXT)) if TEXT.startswith("저장", i)]
        return replace(term, mentions=tuple(Mention(i, i + 2, TEXT[i + 2] == "성") for i in found))
    return term


@pytest.fixture(scope="module")
def readings() -> Glossary:
    glossary = build_glossary(document_from_text(TEXT), dictionary=False)
    return replace(glossary, terms=tuple(_filled(t) for t in glossary.terms))


def _term(glossary: Glossary, hanja: str) -> Term:
    return next(t for t in glossary.terms if t.hanja == hanja)


def _card(term: Term, *, uncertain: bool = False) -> str:
    return term_card(term, palette="none", width=44, uncertain=uncertain).plain


def test_a_japanese_reading_is_named_and_pinyin_is_said_to_be_mandarin(
    readings: Glossary,
) -> None:
    text = _card(_term(readings, "高市早苗"))
    lines = text.splitlines()
    assert "Japanese reading: たかいち さなえ · takaichi sanae" in lines
    pinyin = next(i for i, line in enumerate(lines) if line.startswith("pinyin"))
    assert lines[pinyin + 1] == PINYIN_IS_MANDARIN
    assert lines.index("Japanese reading: たかいち さなえ · takaichi sanae") == pinyin - 1
    assert kind_line(_term(readings, "高市早苗")).plain == "Japanese transcription"
    assert "standard" not in text  # The Mandarin standard says nothing of a Japanese name.
    # A Mandarin transcription keeps its card as it was.
    shenzhen = _card(_term(readings, "浙江"))
    assert "Japanese" not in shenzhen and PINYIN_IS_MANDARIN not in shenzhen


def test_korean_usage_beside_the_character_reading(readings: Glossary) -> None:
    lines = _card(_term(readings, "深圳")).splitlines()
    assert "Korean usage: 심천 (Korean press usage)" in lines
    sino = next(line for line in lines if line.startswith("한자음"))
    assert sino.split()[-1] == "심수"  # The character-by-character reading stays...
    assert any("깊을 심" in line for line in lines)  # ...and so does the breakdown.


def test_a_headline_abbreviation_comes_first(readings: Glossary) -> None:
    lines = _card(_term(readings, "美")).splitlines()
    assert lines[1] == "美 = 미국 (headline abbreviation)"


def test_a_card_from_a_guessed_mention_says_so(readings: Glossary) -> None:
    zhejiang = _term(readings, "浙江")
    guessed = _card(zhejiang, uncertain=True)
    assert guessed.splitlines()[1] == f"저장 {MAYBE} (a guess)"
    assert MAYBE not in _card(zhejiang)
    assert "3 places: 1 glossed, 2 mentions (1 may be another word)" in guessed
    assert uses_of(zhejiang) == 2  # A guess is no use (as the store counts them).


@pytest.fixture
def app(readings: Glossary, monkeypatch: pytest.MonkeyPatch) -> ReaderApp:
    """A reader on the short text, its glossary the one with every reading."""

    def build(document: Document, enricher: object = None, *, defer: bool = False) -> Glossary:
        return readings

    monkeypatch.setattr(reader.building, "build_glossary", build)
    return ReaderApp(readings.document)


async def _hover(pilot: Pilot[None], offset: int) -> str:
    x, y = await bring_into_view(pilot, offset)
    await pilot.hover(None, offset=(x, y))
    await pilot.pause()
    return card_text(pilot)


async def test_guessed_mentions_look_fainter_and_their_cards_say_so(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        zhejiang = term_index(view, "浙江")
        places = [view.places[i] for i in view.text_layout.places_of(zhejiang)]
        glossed, guess, sure = places
        assert (guess.uncertain, sure.uncertain, glossed.uncertain) == (True, False, False)
        guess_at, sure_at = view.places.index(guess), view.places.index(sure)
        assert "term--uncertain" in view.place_classes(guess_at)
        assert "term--uncertain" not in view.place_classes(sure_at)
        weak = view.get_visual_style(*view.place_classes(guess_at)).rich_style
        strong = view.get_visual_style(*view.place_classes(sure_at)).rich_style
        assert weak.italic and not strong.italic and weak.bgcolor != strong.bgcolor
        assert MAYBE in await _hover(pilot, guess.text_start + 1)
        assert "浙江" in (text := await _hover(pilot, sure.text_start + 1))
        assert MAYBE not in text
        # Walked onto with n, the guess is current: the card that follows it says so too.
        for _ in range(len(view.places)):
            await pilot.press("n")
            if view.current_place == guess_at:
                break
        assert view.current_place == guess_at and MAYBE in card_text(pilot)
        await pilot.press("n")
        assert view.current_place == sure_at and MAYBE not in card_text(pilot)


async def test_cards_in_the_reader_name_the_readings(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = view_of(pilot)

        def at(hanja: str) -> int:
            return view.terms[term_index(view, hanja)].occurrences[0].hanja_start

        # Lower lines first: a card stays open while the pointer is on it.
        assert "Korean usage: 심천 (Korean press usage)" in await _hover(pilot, at("深圳"))
        takaichi = await _hover(pilot, at("高市早苗") + 1)
        assert "Japanese reading: たかいち さなえ · takaichi sanae" in takaichi
        mei = (await _hover(pilot, at("美"))).splitlines()
        assert mei[1] == "美 = 미국 (headline abbreviation)"


async def test_the_legend_shows_guessed_mentions(app: ReaderApp) -> None:
    """Their contrast is measured with every other style (test_contrast)."""
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        legend = pilot.app.screen.query_one("#help-legend", Static).content
        assert isinstance(legend, Content)
        assert "저장  a mention that may be another word there (a guess)" in str(legend)
        span = next(s for s in legend.spans if str(legend)[s.start : s.end] == "저장")
        assert span.style == Style.from_rich_style(view.get_component_rich_style("term--uncertain"))
