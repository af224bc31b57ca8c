"""Wrapping by cells, the shown text's offset map, and the places of terms (no app)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from glossary import Document, Occurrence, WordPlaces, build_glossary, extract_text, is_hanja
from reader.article_layout import ArticleLayout
from reader.layout import build_display, build_places
from reader.wrapping import opens_line, wrap


def _shown(text: str, width: int) -> list[str]:
    """The lines ``wrap`` makes of a text, as text."""
    lines = wrap(text, width)
    return [text[s:e] for s, e in zip(lines.starts, lines.ends, strict=True)]


@pytest.mark.parametrize("width", [2, 7, 20, 41, 80])
def test_wrap_fits_the_width_and_keeps_every_character(sample: Document, width: int) -> None:
    lines = wrap(sample.text, width)
    rebuilt = []
    for start, end in zip(lines.starts, lines.ends, strict=True):
        line = sample.text[start:end]
        assert "\n" not in line
        assert cell_len(line.rstrip(" ")) <= width
        rebuilt.append(line)
    # Lines of one paragraph follow each other; paragraphs are joined by their newline.
    assert "".join(rebuilt).replace(" ", "") == sample.text.replace("\n", "").replace(" ", "")
    assert lines.starts == sorted(lines.starts)


def test_wrap_measures_hangul_and_hanja_as_two_cells() -> None:
    assert _shown("가나다라 鄧小平 abcd", 8) == [
        "가나다라 ",
        "鄧小平 ",
        "abcd",
    ]


def test_wrap_breaks_a_word_wider_than_the_line_between_characters() -> None:
    assert _shown("三天一層樓三天一層樓", 6) == [
        "三天一",
        "層樓三",
        "天一層",
        "樓",
    ]


@pytest.mark.parametrize("width", [10, 18, 20, 22, 40])
def test_a_chinese_line_never_starts_with_closing_punctuation(width: int) -> None:
    from reader.wrapping import NO_LINE_END, NO_LINE_START

    text = (
        "情况会逐步得到缓解。总的来说，中国改革和发展的全局继续保持了稳定。"
        "他说：“我们要坚持改革开放。”"
    )
    shown = _shown(text, width)
    assert "".join(shown) == text
    assert all(cell_len(line) <= width for line in shown)
    assert not any(line[0] in NO_LINE_START for line in shown[1:]), shown
    assert not any(line[-1] in NO_LINE_END for line in shown), shown
    if width == 18:  # 缓解。 would leave 。 alone at the start of the second line
        assert shown[:2] == ["情况会逐步得到缓", "解。总的来说，中国"]


def test_words_with_readings_break_around_chinese_punctuation_too() -> None:
    # Spaces come only between words: a run joined by punctuation (澳门《基本法》，１９９９年)
    # went down whole, leaving a line of 和(화) alone above it.
    text = (
        "方针(방침) 和(화) 澳门(마카오)《基本法(기본법)》，１９９９年(년)１２月(월) "
        "澳门(마카오) 的(적) 回归(회귀)"
    )
    assert _shown(text, 40) == [
        "方针(방침) 和(화) 澳门(마카오)",
        "《基本法(기본법)》，",
        "１９９９年(년)１２月(월) 澳门(마카오) ",
        "的(적) 回归(회귀)",
    ]
    # A particle after a closing quote stays with it (Korean text), as a word does.
    assert _shown("그는 “杭州”이라고 말했다", 16) == [
        "그는 ",
        "“杭州”이라고 ",
        "말했다",
    ]


def test_line_of_maps_offsets_to_lines() -> None:
    text = "첫째 줄\n\n셋째"
    lines = wrap(text, 40)
    assert len(lines) == 3
    assert [lines.line_of(i) for i in (0, 4, 5, 6, 7)] == [0, 0, 1, 2, 2]


def test_simplified_and_pinyin_are_put_in_and_offsets_still_map(sample: Document) -> None:
    glossary = build_glossary(sample)
    display = build_display(sample.text, glossary.terms, simplified=True, pinyin=True)
    deng = next(t for t in glossary.terms if t.hanja == "鄧小平")
    occ = deng.occurrences[0]
    start, end = display.to_shown(occ.start), display.to_shown(occ.end)
    assert display.text[start:end] == "덩샤오핑(邓小平 dèng xiǎo píng)"
    assert display.to_document(start) == occ.start
    # Text after the insertions keeps its characters.
    last = len(sample.text) - 1
    assert display.text[display.to_shown(last)] == sample.text[last]
    assert any(display.text[a:b] == " dèng xiǎo píng" for a, b in display.pinyin)


def test_places_cover_every_occurrence_and_mention_in_text_order(sample: Document) -> None:
    glossary = build_glossary(sample)
    places = build_places(glossary.terms, build_display(sample.text, glossary.terms))
    expected = sum(len(t.occurrences) + len(t.mentions) for t in glossary.terms)
    assert len(places) == expected
    assert [p.start for p in places] == sorted(p.start for p in places)
    hangzhou = next(i for i, t in enumerate(glossary.terms) if t.hanja == "杭州")
    mentions = [p for p in places if p.term == hangzhou and p.mention]
    assert mentions and all(sample.text[p.start : p.end] == "항저우" for p in mentions)


def test_is_hanja() -> None:
    assert is_hanja("鄧") and is_hanja("〇") and is_hanja("\uf900")
    assert not is_hanja("덩") and not is_hanja("a") and not is_hanja("·")


def test_article_layout_finds_places_lines_and_cells(sample: Document) -> None:
    glossary = build_glossary(sample)
    layout = ArticleLayout.build(sample.text, glossary.terms, width=40)
    deng = next(i for i, t in enumerate(glossary.terms) if t.hanja == "鄧小平")
    index = layout.first_place_of(deng)
    assert index is not None
    place = layout.places[index]
    first, last = layout.line_span(index)
    assert first == last == layout.lines.line_of(place.start)
    line_start = layout.lines.starts[first]
    assert list(layout.places_between(line_start, layout.lines.ends[first]))[0] == index
    assert layout.cell_x(first, place.start) == cell_len(sample.text[line_start : place.start])
    assert layout.place_starting_at(place.text_start) == index
    assert layout.place_from(place.start) == index
    assert layout.document_offset_of_line(first) == line_start


def test_first_place_of_prefers_the_glossed_place_over_earlier_mentions(sample: Document) -> None:
    glossary = build_glossary(sample)
    layout = ArticleLayout.build(sample.text, glossary.terms, width=60)
    hangzhou = next(i for i, t in enumerate(glossary.terms) if t.hanja == "杭州")
    places = layout.places_of(hangzhou)
    assert layout.places[places[0]].mention  # the headline mentions 항저우 first
    first = layout.first_place_of(hangzhou)
    assert first is not None and not layout.places[first].mention


def test_layout_keeps_its_lines_when_only_the_terms_change(sample: Document) -> None:
    bare = ArticleLayout.build(sample.text, (), width=50)
    glossary = build_glossary(sample)
    full = ArticleLayout.build(sample.text, glossary.terms, width=50, previous=bare)
    assert full.lines is bare.lines and full.places
    pinyin = ArticleLayout.build(sample.text, glossary.terms, width=50, pinyin=True, previous=full)
    assert pinyin.lines is not full.lines and len(pinyin.lines) > len(full.lines)
    assert full.rewrap(50) is full and full.rewrap(30).lines.width == 30


def test_inline_pinyin_does_not_run_into_the_next_word() -> None:
    glossary = extract_text("中國이다. 덩샤오핑(鄧小平)의 개혁.")
    display = build_display(glossary.document.text, glossary.terms, pinyin=True)
    # After a bare word, in brackets, as 국한문혼용 is read: the particle follows the bracket.
    assert "中國(zhōng guó)이다" in display.text
    assert "píng)의" in display.text  # inside a gloss, before its parenthesis, no space


MIXED = (
    "我们(wǒ men) 要(yào) 坚持(jiān chí)改革开放(개혁개방 gǎi gé kāi fàng)，"
    "\u3000走出一条自己的路。 e\u0301t\u0301e\u0301 \ttab 三天一層樓三天一層樓三天一層樓 "
    "中國(zhōng guó)이다"
)


@pytest.mark.parametrize("width", [2, 3, 9, 20, 41])
def test_wrap_fits_text_with_readings_put_in(width: int) -> None:
    lines = wrap(MIXED, width)
    assert lines.starts[0] == 0 and lines.ends[-1] == len(MIXED)
    for k, (start, end) in enumerate(zip(lines.starts, lines.ends, strict=True)):
        line = MIXED[start:end]
        assert cell_len(line.rstrip()) <= width, line
        assert not k or start == lines.ends[k - 1]  # nothing lost, nothing repeated
        # A line ends after spaces or around CJK punctuation, or inside a word too wide for
        # a line of its own.
        if (
            end < len(MIXED)
            and not MIXED[end - 1].isspace()
            and not MIXED[end].isspace()
            and not opens_line(MIXED, end)
        ):
            word_start = max(MIXED.rfind(c, 0, end) for c in " \u3000\t") + 1
            assert word_start <= start, line


def test_an_edit_starting_inside_an_earlier_one_is_left_out() -> None:
    from glossary import Term

    def term(hanja: str, simplified: str, start: int) -> Term:
        end = start + len(hanja)
        place = Occurrence(start, end, start, end, None, None, "國家長")
        return Term(hanja, "", "bare", simplified, hanja, "", "", "", "", occurrences=(place,))

    text = "國家長"
    terms = [term("國家", "国家", 0), term("家長", "家长", 1)]
    display = build_display(text, terms, simplified=True)
    assert display.text == "国家長"  # 家長 starts inside 國家, which is replaced first.
    assert display.to_shown(2) == 2 and display.edited


def test_a_chinese_texts_words_get_their_readings_from_their_offsets() -> None:
    text = "我们要坚持改革开放。坚持，改革开放。"
    glossary = extract_text(text)
    assert glossary.document.language == "zh"
    assert any(isinstance(t.occurrences, WordPlaces) for t in glossary.terms)
    display = build_display(text, glossary.terms, pinyin=True, simplified=True)
    assert display.text.count("坚持(jiān chí)") == 2
    for place in build_places(glossary.terms, display):
        word = glossary.terms[place.term].simplified
        assert display.text[place.start : place.end] == word
        assert display.to_document(place.start) == place.text_start
