"""Headline abbreviations and customary readings (issue 17, section 4), each row with its source.

Sources: HANJA-NOTES §3b; ko.wikipedia 「나라 이름의 약칭」; 「新聞의 漢字」 (unamwiki.org);
외래어 표기법 제4장 제2절 제4항 (customary Sino-Korean readings of Chinese and Japanese places,
with 臺灣 타이완/대만 among its examples); 표준국어대사전 (홍콩, 마카오, 대만, 여야); headlines of
bench/eval3 c4_01 (美日, 北에 … 中), c4_02 (與 ↔ 野, 靑, 檢) and c4_03 (심천(深圳)).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from glossary.dictionary.index import CedictIndex, open_index
from glossary.dictionary.meanings import with_meanings
from glossary.engine.chinese import to_simplified
from glossary.engine.conventions import (
    _READINGS,
    TermConventions,
    abbreviation,
    conventional_reading,
    stands_alone,
    term_conventions,
)
from glossary.engine.enrich import Enricher
from glossary.model import Term
from tests.glossary.cedict_support import write_excerpt


# HANJA-NOTES §3b's list, then the countries of ko.wikipedia 「나라 이름의 약칭」 and the public
# bodies of 「新聞의 漢字」.
@pytest.mark.parametrize(
    ("hanja", "expansion", "meaning"),
    [
        ("美", "미국", "the United States"),
        ("中", "중국", "China"),
        ("日", "일본", "Japan"),
        ("北", "북한", "North Korea"),
        ("韓", "한국", "South Korea"),
        ("與", "여당", "the ruling party"),
        ("野", "야당", "the opposition parties"),
        ("英", "영국", "the United Kingdom"),
        ("獨", "독일", "Germany"),
        ("佛", "프랑스", "France"),
        ("露", "러시아", "Russia"),
        ("印", "인도", "India"),
        ("核", "핵", "nuclear weapons, the nuclear programme"),
        ("兆", "조", "trillion, 10^12"),
        ("靑", "청와대", "Cheong Wa Dae, the presidential office"),
        ("檢", "검찰", "the prosecution"),
        ("軍", "군", "the military"),
        ("濠", "호주", "Australia"),
        ("伊", "이탈리아", "Italy"),
        ("加", "캐나다", "Canada"),
        ("泰", "태국", "Thailand"),
        ("警", "경찰", "the police"),
    ],
)
def test_headline_abbreviations(hanja: str, expansion: str, meaning: str) -> None:
    found = abbreviation(hanja)
    assert found is not None
    assert (found.expansion, found.meaning) == (expansion, meaning)
    assert found.source
    assert found.sense == f"{meaning} (headline abbreviation of {expansion})"


@pytest.mark.parametrize(
    ("hanja", "expansion", "meaning"),
    [
        ("前", "전", "former, ex-"),  # 前 장관 = 전직 장관
        ("現", "현", "current, incumbent"),  # 現 정부
        ("新", "신", "new"),  # 新 대북정책 (bench/eval3 c4_01)
    ],
)
def test_headline_prefixes_are_said_to_be_hanja_for_a_word(
    hanja: str, expansion: str, meaning: str
) -> None:
    found = abbreviation(hanja)
    assert found is not None and found.prefix
    assert found.sense == f"{meaning} (headline hanja for {expansion})"


# Runs of headline hanja: 韓美 정상, 美中 (bench/eval3 c4_01: 美日, 韓日, 韓美), words of their
# own (與野 여야 in 표준국어대사전), and a prefix before a place (對北 대북, 反美 반미, 親中 친중).
@pytest.mark.parametrize(
    ("hanja", "expansion", "meaning"),
    [
        ("韓美", "한국·미국", "South Korea and the United States"),
        ("美中", "미국·중국", "the United States and China"),
        ("美日", "미국·일본", "the United States and Japan"),
        ("韓美日", "한국·미국·일본", "South Korea, the United States and Japan"),
        ("與野", "여야", "the ruling and opposition parties"),
        ("南北", "남북", "South and North Korea"),
        ("北核", "북핵", "North Korea's nuclear programme"),
        ("檢警", "검경", "the prosecution and the police"),
        ("對北", "대북", "toward North Korea"),
        ("反美", "반미", "against the United States"),
        ("親中", "친중", "friendly to China"),
    ],
)
def test_runs_of_headline_hanja(hanja: str, expansion: str, meaning: str) -> None:
    found = abbreviation(hanja)
    assert found is not None
    assert (found.hanja, found.expansion, found.meaning) == (hanja, expansion, meaning)


@pytest.mark.parametrize(
    "hanja",
    ["", "美國", "中心", "大", "核美", "前美", "新北", "親佛", "韓美日中英", "a", "美 中"],
)
def test_what_is_not_a_headline_abbreviation(hanja: str) -> None:
    assert abbreviation(hanja) is None


@pytest.mark.parametrize(
    ("written", "row"),
    [
        ("韩美", "韓美"),  # Simplified (OpenCC s2t).
        ("独", "獨"),
        ("青", "青"),  # 靑 (Korean shape, U+9751) and 青 (U+9752) are one row.
        ("\uf963", "北"),  # CJK compatibility ideograph F963.
        ("\uf938", "露"),
    ],
)
def test_other_forms_find_the_same_abbreviation(written: str, row: str) -> None:
    found, expected = abbreviation(written), abbreviation(row)
    assert found is not None and expected is not None
    assert (found.expansion, found.meaning) == (expected.expansion, expected.meaning)


# Customary readings (외래어 표기법 제4장 제2절 제4항; 표준국어대사전; HANJA-NOTES §3b).
@pytest.mark.parametrize(
    ("written", "reading"),
    [
        ("深圳", "심천"),  # Korean press in China: 심천(深圳) (bench/eval3 c4_03).
        ("香港", "홍콩"),  # 표준국어대사전 홍콩; 향항 is rare.
        ("澳門", "마카오"),  # 표준국어대사전 마카오; 오문 is rare.
        ("澳门", "마카오"),
        ("臺灣", "대만"),  # 외래어 표기법's own example.
        ("台灣", "대만"),
        ("台湾", "대만"),
    ],
)
def test_conventional_readings(written: str, reading: str) -> None:
    found = conventional_reading(written)
    assert found is not None
    assert found.reading == reading
    assert found.source


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher()


def test_every_reading_row_differs_from_what_some_form_s_characters_read(
    enricher: Enricher,
) -> None:
    # The table's rule: only rows usage needs, where a common written form (traditional,
    # simplified, 台 for 臺) reads otherwise character by character (深圳 심수, 台灣 태만).
    for traditional, reading, _ in _READINGS:
        forms = {traditional, to_simplified(traditional), traditional.replace("臺", "台")}
        assert any(enricher.info(form).sino_korean != reading for form in forms), traditional


@pytest.mark.parametrize(
    "hanja", ["北京", "上海", "天津", "杭州", "廣州", "广州", "深圳市", "深", ""]
)
def test_no_row_where_the_characters_read_as_usage_does(hanja: str) -> None:
    assert conventional_reading(hanja) is None


@pytest.mark.parametrize(
    ("hanja", "sentence", "alone"),
    [
        ("美", "美 대선 D-30", True),
        ("美", "美日, 北에 비핵화 압박", False),  # 美日 is the run, not 美.
        ("美日", "美日, 北에 비핵화 압박", True),
        ("北", "美日, 北에 비핵화 압박", True),
        ("中", "압박…中 직접 거명하며", True),
        ("中", "공동 성명서 처음으로 '중국' 콕 집어 언급中", False),  # "while mentioning"
        ("韓美", "18일 韓美 외교·국방장관", True),
        ("韓美", "韓美정상회담", True),  # Hangul may follow.
        ("日", "3月 5日 오후", False),  # A date.
        ("美", "美國", False),
        ("美", "", False),
    ],
)
def test_headline_hanja_stand_as_a_word(hanja: str, sentence: str, alone: bool) -> None:
    assert stands_alone(hanja, sentence) is alone


def test_a_count_may_stand_after_a_number() -> None:
    assert not stands_alone("兆", "매출 3兆원")
    assert stands_alone("兆", "매출 3兆원", after_digit=True)


def test_term_conventions() -> None:
    headline = ['與 "검찰의 정치행위" ↔ 野 "수사에 협조하라"']
    assert term_conventions("與", "", "여", headline) == TermConventions("여당")
    # A glossed term is no abbreviation: 신(新) in bench/eval3 c4_01.
    assert term_conventions("新", "신", "신", ["新 대북정책"]) == TermConventions()
    assert term_conventions("中", "", "중", ["언급中"]) == TermConventions()
    assert term_conventions("兆", "", "조", ["3兆원"]).abbreviates == "조"
    # A customary reading only where the characters read otherwise.
    assert term_conventions("臺灣", "타이완", "대만", []) == TermConventions()
    found = term_conventions("台灣", "타이완", "태만", [])
    assert (found.abbreviates, found.conventional_reading) == ("", "대만")
    assert "외래어 표기법" in found.conventional_source
    assert term_conventions("深圳", "", "심수", ["深圳"]).conventional_reading == "심천"


EXCERPT = """\
# CC-CEDICT
# A test excerpt: Creative Commons Attribution-ShareAlike 4.0, https://cc-cedict.org/
美 美 [mei3] /beautiful/very satisfactory/good/
與 与 [yu3] /and/to give/together with/
野 野 [ye3] /field/plain/open space/
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> CedictIndex:
    source, frequencies = write_excerpt(tmp_path_factory.mktemp("cedict"), EXCERPT)
    opened = open_index(source, cache_dir=Path(source.parent) / "cache", frequencies=frequencies)
    assert opened is not None
    return opened


def _bare(hanja: str, simplified: str, pinyin: str, abbreviates: str = "") -> Term:
    return Term(
        hanja=hanja,
        hangul="",
        kind="bare",
        simplified=simplified,
        traditional=hanja,
        pinyin=pinyin,
        pinyin_numbered=pinyin,
        sino_korean="",
        mandarin_hangul="",
        abbreviates=abbreviates,
    )


def test_the_abbreviation_s_meaning_comes_first(index: CedictIndex) -> None:
    term = with_meanings(_bare("美", "美", "mei3", "미국"), index)
    assert term.meanings == (
        "the United States (headline abbreviation of 미국)",
        "beautiful",
        "very satisfactory",
        "good",
    )
    assert with_meanings(_bare("與", "与", "yu3", "여당"), index).meanings[:2] == (
        "the ruling party (headline abbreviation of 여당)",
        "and",
    )
    # Given twice, the sense is not repeated.
    again = with_meanings(replace(term, meanings=()), index)
    assert again.meanings == term.meanings


def test_without_abbreviation_the_dictionary_s_order_stands(index: CedictIndex) -> None:
    assert with_meanings(_bare("野", "野", "ye3"), index).meanings[0] == "field"
    # An abbreviation the table does not hold (stored by another version) still says so.
    term = with_meanings(_bare("野", "野", "ye3", "야당들"), index)
    assert term.meanings[0] == "headline abbreviation of 야당들"
