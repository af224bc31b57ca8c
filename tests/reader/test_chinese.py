"""Chinese words in the reader (issue 18): cards on words with their run, word counts, the
Sino-Korean reading inline (``k``), pinyin after words (``y``), and words kept in the store."""

from __future__ import annotations

import threading
import tomllib
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey

from glossary import Document, Enricher, Glossary, document_from_text
from glossary.paths import db_path
from glossary.store import open_store
from reader.app import ReaderApp
from reader.layout import build_display, build_places
from reader.screens.export import ExportScreen
from reader.screens.read import ReadScreen
from reader.settings import settings_path
from reader.term_info import Run, run_line
from reader.widgets.footer import ReaderFooter
from tests.reader.helpers import card_of, card_text, ready, term_index, view_of

# A Chinese article (no hangul: read as Chinese), and Korean text quoting Chinese.
CHINESE = (
    "杭州人工智能小镇位于余杭区未来科技城。我们要坚持改革开放，走出一条自己的路。\n\n"
    "特色小镇和我们印象中的小镇有何区别?\n"
)
WEI = "以经济建设为中心，他为国家做贡献，她为我们工作。"  # 为 wéi, then wèi twice
QUOTED = '우리는 大韓民國 국민이다. 외교부는 "我们要坚持改革开放"이라고 밝혔다. 深圳에 갔다.\n'


@pytest.fixture(scope="module")
def chinese() -> Document:
    return document_from_text(CHINESE, title="小镇")


@pytest.fixture(scope="module")
def quoted() -> Document:
    return document_from_text(QUOTED, title="인용")


def _status(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#status-line", Static).content)


def _shown(pilot: Pilot[None], index: int) -> str:
    """The shown text of a place."""
    view = view_of(pilot)
    place = view.places[index]
    return view.display_text.text[place.start : place.end]


# ------------------------------------------------------------------ cards on words


async def test_the_card_of_a_quoted_word_has_its_readings_and_the_whole_run(
    quoted: Document,
) -> None:
    app = ReaderApp(quoted)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        view = view_of(pilot)
        screen.go_to_term(term_index(view, "坚持"))
        await pilot.pause()
        text = card_text(pilot)
        lines = text.splitlines()
        assert lines[0] == "坚持"
        assert "pinyin  jiān chí" in lines and "한자음  견지" in lines
        assert any("坚 jiān 굳을 견" in line for line in lines)  # 훈음 per character
        assert any(line.startswith("meaning") and "persevere" in line for line in lines)
        assert "in      我们要坚持改革开放" in lines
        content = card_of(pilot).content
        # Pinyin coloured by tone (jiān: 1st, chí: 2nd), the word in bold inside its run.
        styled = {content.plain[s.start : s.end]: str(s.style) for s in content.spans}
        assert styled["jiān"] == "$tone-mdbg-1" and styled["chí"] == "$tone-mdbg-2"
        assert styled["坚持"] == "bold underline"
        # The status line names the word by its Sino-Korean reading; Korean wording stays.
        assert "▸ 坚持 견지" in _status(pilot) and "terms · " in _status(pilot)


async def test_a_word_standing_alone_has_no_run_row(quoted: Document) -> None:
    app = ReaderApp(quoted)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        screen.go_to_term(term_index(view_of(pilot), "大韓民國"))
        await pilot.pause()
        assert "대한민국" in card_text(pilot)
        assert not any(line.startswith("in ") for line in card_text(pilot).splitlines())


async def _card_lines(pilot: Pilot[None], hanja: str) -> list[str]:
    """The lines of the card with the term written ``hanja`` made current."""
    screen = pilot.app.screen
    assert isinstance(screen, ReadScreen)
    screen.go_to_term(term_index(view_of(pilot), hanja))
    await pilot.pause()
    return card_text(pilot).splitlines()


def _also(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("also")]


async def test_a_word_s_card_lists_the_shorter_words_at_its_start_as_zhongwen_does(
    chinese: Document,
) -> None:
    app = ReaderApp(chinese)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        # Under 小镇 (small town), what 小 alone is.
        lines = await _card_lines(pilot, "小镇")
        also = _also(lines)
        assert len(also) == 1 and also[0].startswith("also    小 xiǎo small")
        assert lines[lines.index(also[0]) - 1].startswith("meaning")  # right under it
        # Longest first, at most two (改革开放: 改革, then 改).
        also = _also(await _card_lines(pilot, "改革开放"))
        assert [line.split()[1] for line in also] == ["改革", "改"]
        # A word of one character has no shorter word; its other readings, at most two.
        also = _also(await _card_lines(pilot, "和"))
        assert [line.split()[1:3] for line in also] == [["和", "hè"], ["和", "hú"]]


async def test_a_character_s_card_lists_its_other_readings_with_their_senses() -> None:
    # 为 alone is mostly wèi ("for") here; in 以…为中心 it is wéi ("as"): each place's card
    # says its own reading first and the other under it.
    app = ReaderApp(document_from_text(WEI, title="为"))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        lines = await _card_lines(pilot, "为")  # its first place: 以经济建设为中心
        assert "wéi" in _row(lines, "pinyin")
        assert "as (i.e. in the capacity of)" in _row(lines, "meaning")
        meaning = next(i for i, line in enumerate(lines) if line.startswith("meaning"))
        assert lines[meaning + 1].startswith("also    为 wèi because of; for")
        content = card_of(pilot).content
        styled = {content.plain[s.start : s.end]: str(s.style) for s in content.spans}
        assert styled["wéi"] == "$tone-mdbg-2"  # Coloured by its tone, as the pinyin is.
        view = view_of(pilot)
        view.go_to_place((view.current_place or 0) + 3)  # 他为国家: the term's own reading
        await pilot.pause()
        lines = card_text(pilot).splitlines()
        assert "wèi" in _row(lines, "pinyin") and "because of" in _row(lines, "meaning")
        assert _also(lines)[0].startswith("also    为 wéi as (i.e. in the capacity")
        # A word of one reading lists none: 中心 has only its shorter word 中.
        assert [line.split()[1] for line in _also(await _card_lines(pilot, "中心"))] == ["中"]


async def test_y_writes_the_reading_each_place_gives_a_character() -> None:
    app = ReaderApp(document_from_text(WEI, title="为"))
    async with app.run_test(size=(100, 30)) as pilot:
        text = await _with_pinyin(pilot)
        assert "建设(jiàn shè) 为(wéi) 中心(zhōng xīn)" in text
        assert "他(tā) 为(wèi) 国家(guó jiā)" in text and "她(tā) 为(wèi) 我们" in text
        colours, tones = app.theme_variables, _syllable_colours(pilot)
        assert tones["wéi"] == colours["tone-mdbg-2"].lower()
        assert tones["wèi"] == colours["tone-mdbg-4"].lower()


def test_k_writes_the_measure_word_s_own_korean_reading() -> None:
    # 只 is 지 ("only"), but after a number the measure word 隻, which Korean reads 척 (배 한
    # 척); k writes each place's reading, y each place's pinyin.
    text = "动物园里的３只幼虎很可爱，我们只在家里看书。"
    from glossary import build_glossary

    terms = build_glossary(document_from_text(text)).terms
    assert "３只(척) 幼(유)" in build_display(text, terms, korean=True).text
    assert "我们(아문) 只(지) 在(재)" in build_display(text, terms, korean=True).text
    both = build_display(text, terms, korean=True, pinyin=True).text
    assert "３只(척 zhī)" in both and "只(지 zhǐ)" in both


async def _with_pinyin(pilot: Pilot[None]) -> str:
    """The shown text once ``y`` has put the pinyin in."""
    await ready(pilot)
    await pilot.press("y")
    return view_of(pilot).display_text.text


def _syllable_colours(pilot: Pilot[None]) -> dict[str, str]:
    """The colour each coloured piece of the article's lines is drawn in, by its text."""
    view = view_of(pilot)
    return {
        segment.text: str(segment.style.color.get_truecolor().hex)
        for y in range(view.scrollable_content_region.height)
        for segment in view.render_line(y)
        if segment.style and segment.style.color
    }


def _row(lines: list[str], label: str) -> str:
    return next(line for line in lines if line.startswith(label))


async def test_a_name_s_card_lists_no_shorter_words() -> None:
    # 汪文斌 is no CC-CEDICT word: longest match did not join it, and its characters are
    # explained one by one (汪 is not "also" a word here).
    app = ReaderApp(document_from_text("外交部发言人汪文斌表示。", title="名"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        screen.go_to_term(term_index(view_of(pilot), "汪文斌"))
        await pilot.pause()
        lines = card_text(pilot).splitlines()
        assert lines[0] == "汪文斌" and not any(line.startswith("also") for line in lines)


def test_a_long_run_on_a_brief_card_keeps_the_word_and_says_where_it_is_cut() -> None:
    run_text = "一" * 60 + "改革开放" + "二" * 60
    line = run_line(Run(run_text, 60, 64), 44, brief=True)
    plain = line.plain
    assert "改革开放" in plain and plain.count("…") == 2
    assert len(plain) - len("in      ") <= 2 * (44 - 8)  # two lines of the card at most
    whole = run_line(Run(run_text, 60, 64), 44, brief=False).plain
    assert whole == "in      " + run_text


# ------------------------------------------------------------------ Chinese documents


async def test_a_chinese_document_is_walked_word_by_word_and_counted_in_words(
    chinese: Document,
) -> None:
    app = ReaderApp(chinese)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        assert app.document.language == "zh"
        words = len(view.places)
        assert words > 20 and len(view.terms) < words  # words repeat: 小镇, 我们
        status = _status(pilot)
        assert f"{words} words · {len(view.terms)} distinct · 0 marked" in status
        assert "terms" not in status and "places" not in status
        walked = []
        for _ in range(4):
            await pilot.press("n")
            index = view.current_place
            assert index is not None
            walked.append(_shown(pilot, index))
            assert walked[-1] == view.terms[view.places[index].term].hanja
        # One word at a time, in text order, covering the start of the first sentence.
        assert "".join(walked) == CHINESE[: len("".join(walked))]
        assert all(len(word) < 8 for word in walked)
        assert "in      杭州人工智能小镇位于余杭区未来科技城" in card_text(pilot)


# ------------------------------------------------------------------ k and y


def test_korean_readings_go_after_bare_words_and_inside_glosses(quoted: Document) -> None:
    from glossary import build_glossary, extract_text

    glossary = build_glossary(quoted)
    display = build_display(quoted.text, glossary.terms, korean=True)
    assert "우리는 大韓民國(대한민국) 국민이다" in display.text
    assert '"我们(아문) 要(요) 坚持(견지) 改革开放(개혁개방)"이라고' in display.text
    assert "深圳(심천)에" in display.text  # the reading Korean usage gives the word
    # The readings are no part of any place; every place still shows its term's hanja.
    places = build_places(glossary.terms, display)
    for place in places:
        assert display.text[place.start : place.end] == glossary.terms[place.term].hanja
        assert display.to_document(place.start) == place.text_start
    # Inside a gloss, after the hanja; not again when the gloss is the reading.
    glossed = extract_text("덩샤오핑(鄧小平)이 대통령(大統領)을 만났다.")
    shown = build_display(glossed.document.text, glossed.terms, korean=True).text
    assert "덩샤오핑(鄧小平 등소평)이" in shown and "대통령(大統領)을" in shown


async def test_k_writes_the_sino_korean_reading_and_is_remembered(quoted: Document) -> None:
    app = ReaderApp(quoted)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        korea = term_index(view, "大韓民國")
        await pilot.press("k")
        assert view.show_korean and "大韓民國(대한민국) 국민이다" in view.display_text.text
        assert "한자음" in _status(pilot)
        # Places after an insertion shift with it: walking still lands on each word.
        await pilot.press("n", "n")
        index = view.current_place
        assert index is not None and view.places[index].term != korea
        assert _shown(pilot, index) == view.terms[view.places[index].term].hanja
        await pilot.press("q")
    assert tomllib.loads(settings_path().read_text(encoding="utf-8"))["korean"] is True
    again = ReaderApp(quoted)
    async with again.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert view_of(pilot).show_korean
        await pilot.press("k")
        assert view_of(pilot).display_text.text == quoted.text


@pytest.mark.parametrize(("width", "shown"), [(80, False), (120, True)])
async def test_k_is_in_the_footer_where_there_is_room(
    quoted: Document, width: int, shown: bool
) -> None:
    app = ReaderApp(quoted)
    async with app.run_test(size=(width, 30)) as pilot:
        await ready(pilot)
        await pilot.pause()
        footer = pilot.app.screen.query_one(ReaderFooter)
        keys = {key.action for key in footer.query(FooterKey)}
        assert ("toggle_korean" in keys) is shown
        assert "quit" in keys


async def test_y_puts_tone_coloured_pinyin_after_each_word_never_into_the_next(
    chinese: Document,
) -> None:
    from glossary import is_hanja

    app = ReaderApp(chinese)
    async with app.run_test(size=(100, 30)) as pilot:
        text = await _with_pinyin(pilot)
        assert "我们(wǒ men) 要(yào) 坚持(jiān chí) 改革开放(gǎi gé kāi fàng)，" in text
        for inserted in view_of(pilot).display_text.inserted:
            after = text[inserted.end : inserted.end + 1]
            if after and (is_hanja(after) or after.isascii() and after.isalnum()):
                assert text[inserted.end - 2 : inserted.end] == ") ", text[inserted.start :]
        # Each syllable in its tone's colour, on the article's background.
        colours = app.theme_variables
        assert _syllable_colours(pilot)["wǒ"] == colours["tone-mdbg-3"].lower()
        assert _syllable_colours(pilot)["yào"] == colours["tone-mdbg-4"].lower()
        await pilot.press("t")  # the next palette recolours the text too
        await pilot.pause()
        assert _syllable_colours(pilot)["wǒ"] == colours["tone-pleco-3"].lower()


# ------------------------------------------------------------------ the store


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's glossary store, in tmp_path."""
    path = tmp_path / "glossary.sqlite3"
    monkeypatch.setenv("HANJA_READER_DB", str(path))
    return path


async def test_a_word_of_a_chinese_document_is_marked_noted_and_exported(
    chinese: Document, db: Path, tmp_path: Path
) -> None:
    deck = tmp_path / "words.tsv"
    app = ReaderApp(chinese)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        view = view_of(pilot)
        screen.go_to_term(term_index(view, "坚持"))
        await pilot.press("3", "e", *"持 = 가질 지", "enter")
        await pilot.pause()
        key = view.terms[term_index(view, "坚持")].key
        assert key == ("坚持", "")
        await pilot.press("x")
        await pilot.pause()
        export = pilot.app.screen
        assert isinstance(export, ExportScreen)
        await pilot.click("#format-tsv")
        field = export.query_one("#export-path", Input)
        field.value = str(deck)
        field.focus()
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    assert db_path() == db
    with open_store(db) as store:
        stored = store.get(key)
        assert stored is not None and store.status_of(key) == "known"
        assert stored.user_note == "持 = 가질 지"
        assert stored.example is not None and "我们要坚持改革开放" in stored.example.sentence
        assert stored.term.sino_korean == "견지"
    rows = deck.read_text(encoding="utf-8").splitlines()
    known = [line for line in rows if "status::known" in line]  # the card of the word marked
    assert len(known) == 1 and all(part in known[0] for part in ("坚持", "jiān", "견지"))


# ------------------------------------------------------------------ a long text's outline


@pytest.fixture
def full_build(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Texts of 5 words or more come as an outline first (as if thousands of words), and
    their words are explained once the event returned is set (at most 30 s; the 小镇 text
    only)."""
    from glossary import harvest
    from reader import building

    monkeypatch.setattr(harvest, "DEFER_WORDS_FROM", 5)
    release = threading.Event()
    explain = building.explain_words

    def held(outline: Glossary, enricher: Enricher | None = None) -> Glossary:
        if outline.document.title == "小镇":
            release.wait(30)
        return explain(outline, enricher)

    monkeypatch.setattr(building, "explain_words", held)
    return release


async def _outline(pilot: Pilot[None]) -> Glossary:
    """Wait until the outline is shown; return it."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    for _ in range(400):
        if app.glossary is not None:
            break
        await pilot.pause(0.05)
    assert app.glossary is not None and not app.glossary.complete
    return app.glossary


async def test_a_long_chinese_text_is_highlighted_first_and_its_words_explained_meanwhile(
    chinese: Document, db: Path, full_build: threading.Event
) -> None:
    app = ReaderApp(chinese)
    async with app.run_test(size=(100, 30)) as pilot:
        await _outline(pilot)
        view = view_of(pilot)
        words = len(view.places)
        assert words > 20  # every word highlighted already
        assert "Explaining the words of 小镇" in _status(pilot)
        index = term_index(view, "坚持")
        assert view.terms[index].pinyin == ""
        screen = app.screen
        assert isinstance(screen, ReadScreen)
        screen.go_to_term(index)
        await pilot.pause()
        text = card_text(pilot)  # explained on demand: the card is whole meanwhile
        assert "pinyin  jiān chí" in text and "한자음  견지" in text
        # and as it will be explained: 条 after 一 is the measure word first, not "strip".
        screen.go_to_term(term_index(view, "条"))
        await pilot.pause()
        assert "meaning classifier for long thin" in card_text(pilot)
        screen.go_to_term(index)
        await pilot.pause()
        await pilot.press("3")  # marked known before the glossary is complete
        await pilot.press("g")  # the table waits for the whole glossary
        await pilot.pause()
        assert app.screen is screen
        full_build.set()
        await app.workers.wait_for_complete()  # every worker ends: none was cancelled
        await pilot.pause()
        assert app.glossary is not None and app.glossary.complete
        assert view.terms is app.glossary.terms and len(view.places) == words
        assert view.terms[index].pinyin == "jiān chí"
        assert f"{words} words · {len(view.terms)} distinct · 1 marked" in _status(pilot)
        assert "pinyin  jiān chí" in card_text(pilot)
    with open_store(db) as store:  # stored with its readings, never as the outline had it
        key = ("坚持", "")
        stored = store.get(key)
        assert stored is not None and store.status_of(key) == "known"
        assert stored.term.sino_korean == "견지" and stored.term.pinyin == "jiān chí"


async def test_quitting_while_the_words_are_explained_saves_the_marks_made_meanwhile(
    chinese: Document, db: Path, full_build: threading.Event
) -> None:
    app = ReaderApp(chinese)
    async with app.run_test(size=(100, 30)) as pilot:
        await _outline(pilot)
        app.read_screen.go_to_term(term_index(view_of(pilot), "坚持"))
        await pilot.pause()
        await pilot.press("3")
        threading.Timer(0.5, full_build.set).start()  # the words come while quitting waits
        await pilot.press("q")
        await pilot.pause()
        assert any("Saving your marks" in n.message for n in app._notifications)
    assert app.statuses.close() is None  # nothing left unsaved
    with open_store(db) as store:
        key = ("坚持", "")
        stored = store.get(key)
        assert stored is not None and store.status_of(key) == "known"
        assert stored.term.pinyin == "jiān chí"


def test_marks_held_for_a_text_left_unexplained_are_said_unsaved_not_dropped(
    chinese: Document, quoted: Document, db: Path, full_build: threading.Event
) -> None:
    from glossary import build_glossary
    from reader.status import StoredStatusBook

    outline = build_glossary(chinese, defer_words=True)
    assert not outline.complete
    book = StoredStatusBook(str(db))
    assert book.attach(outline) is None
    book.set(("坚持", ""), "known")
    assert book.holding
    # Another text is opened before the first one's words were explained.
    assert book.attach(build_glossary(quoted)) is None
    assert book.holding and book.get(("坚持", "")) == "known"
    assert book.close() == "not saved: 1 mark or note made while the words were explained"
    with open_store(db) as store:
        assert store.get(("坚持", "")) is None


async def test_opening_another_file_leaves_the_last_texts_words_unexplained(
    chinese: Document, tmp_path: Path, full_build: threading.Event
) -> None:
    other = tmp_path / "other.txt"
    other.write_text(QUOTED, encoding="utf-8")
    app = ReaderApp(chinese)
    async with app.run_test(size=(100, 30)) as pilot:
        await _outline(pilot)
        app.read_screen.post_message(ReadScreen.OpenRequested(str(other)))
        for _ in range(400):  # the other text is an outline too, then explained
            shown = app.glossary
            if shown is not None and shown.document.text == QUOTED and shown.complete:
                break
            await pilot.pause(0.05)
        full_build.set()  # the first text's full glossary comes now, too late: not shown
        await pilot.pause(0.3)
        assert app.glossary is not None and app.glossary.document.text == QUOTED
        assert app.glossary.complete
        assert [t.hanja for t in view_of(pilot).terms][:2] == ["大韓民國", "我们"]
        assert "Explaining" not in _status(pilot)


def test_the_run_around_a_word_keeps_spaces_dots_and_digits_between_hanja() -> None:
    from glossary import run_around

    text = (
        '외교부는 "我们要坚持改革开放"이라고, 시진핑(習近平·中國 國家主席) 中 美 정상 中\n'
        "动物园里的３只幼虎很可爱，报告长达２０页。第7屆, 3甲"
    )
    runs = {
        "坚持": "我们要坚持改革开放",
        "國家": "習近平·中國 國家主席",
        "美": "中 美",
        "只": "动物园里的３只幼虎很可爱",  # the clause, not 只幼虎很可爱
        "页": "报告长达２０页",
        "屆": "第7屆",
        "甲": "甲",  # digits before a hanja start no run
    }
    for word, run in runs.items():
        at = text.find(word)
        start, end = run_around(text, at, at + len(word))
        assert text[start:end] == run
    at = text.rfind("中")
    assert run_around(text, at, at + 1) == (at, at + 1)
