"""People's names read with their surname's reading: 金大中 김대중, not 금대중 (gold)."""

from __future__ import annotations

import pytest

from glossary import build_glossary
from glossary.dictionary.index import CedictIndex, open_index
from glossary.dictionary.lookup import explain, read_at_place
from glossary.dictionary.names import people
from glossary.dictionary.splitter import shared_segmenter
from glossary.engine.enrich import Enricher
from glossary.engine.surnames import before_title
from glossary.sources.files import document_from_text
from tests.glossary.cedict_support import real_index, write_excerpt

# Entries as CC-CEDICT writes them: two people, a place, a bloc, a word.
EXCERPT = """\
金大中 金大中 [Jin1 Da4 zhong1] /Kim Dae-jung (1926-2009), South Korea politician/
沈從文 沈从文 [Shen3 Cong2 wen2] /Shen Congwen (1902-1988), novelist/
金門 金门 [Jin1 men2] /Kinmen or Quemoy islands, Taiwan/
金磚 金砖 [Jin1 Zhuan1] /BRIC/BRICS economic bloc/
金融 金融 [jin1 rong2] /banking/finance/
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> CedictIndex:
    folder = tmp_path_factory.mktemp("names")
    source, frequencies = write_excerpt(folder, EXCERPT)
    return open_index(source, cache_dir=folder / "cache", frequencies=frequencies)


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> CedictIndex:
    return real_index(tmp_path_factory)


def _readings(text: str) -> dict[str, str]:
    glossary = build_glossary(document_from_text(text), dictionary=False)
    return {t.hanja: t.sino_korean for t in glossary.terms}


def test_a_dictionary_name_is_read_as_a_name_and_other_words_are_not(small: CedictIndex) -> None:
    words = ["金大中", "沈從文", "沈从文", "金門", "金磚", "金融", "李白", "金曌"]
    assert people(small, words) == {"金大中", "沈從文", "沈从文"}


def test_a_name_the_segmenter_joined_counts_unless_a_word_list_has_it(
    real: CedictIndex,
) -> None:
    # No list has 金曌 (曌 is rare): step 4 joined a name. 金价 is a Leiden word, 金利 a
    # Sino-Korean one (금리), 金價 the Leiden word in traditional shapes.
    segmenter = shared_segmenter()
    assert segmenter is not None
    enricher = Enricher()
    words = ["金曌", "金价", "金價", "金利"]
    assert people(real, words, enricher, segmenter.filled_in) == {"金曌"}
    assert people(real, words) == set()  # Without the segmenter: CC-CEDICT's names only.


def test_a_sino_korean_word_in_simplified_shapes_is_no_name(real: CedictIndex) -> None:
    # 金块 is the Sino-Korean 金塊 (금괴, gold bullion); 很 is never in a given name.
    assert _readings("金块很重。") == {"金块": "금괴", "很": "흔", "重": "중"}


def test_the_enricher_reads_a_known_name_with_its_surname() -> None:
    enricher = Enricher()
    assert enricher.info("金大中").sino_korean == "금대중"  # A word like any other.
    enricher.know_people(["金大中", "李白"])
    info = enricher.info("金大中")
    assert info.sino_korean == "김대중"
    assert (info.chars[0].sino_korean, info.chars[0].hun_eum) == ("김", "사람의 성 김")
    assert enricher.info("李白").sino_korean == "이백"
    assert enricher.info("金融").sino_korean == "금융"


def test_a_chinese_document_reads_names_with_their_surnames(real: CedictIndex) -> None:
    readings = _readings("金正恩会见金大中。沈从文的小说。金融和金门。金价上涨，金砖国家。")
    assert {w: readings[w] for w in ("金正恩", "金大中", "沈从文")} == {
        "金正恩": "김정은",
        "金大中": "김대중",
        "沈从文": "심종문",
    }
    assert {w: readings[w] for w in ("金融", "金门", "金价", "金砖")} == {
        "金融": "금융",
        "金门": "금문",
        "金价": "금가",  # A word of the Leiden list, not a name.
        "金砖": "금전",
    }


def test_korean_text_reads_bare_and_glossed_names_alike(real: CedictIndex) -> None:
    glossary = build_glossary(
        document_from_text("金大中 大統領은 김정은(金正恩) 委員長을 만났다."), dictionary=False
    )
    terms = {t.hanja: t for t in glossary.terms}
    assert terms["金大中"].sino_korean == "김대중"
    assert (terms["金正恩"].sino_korean, terms["金正恩"].kind) == ("김정은", "sino")
    assert terms["大統領"].sino_korean == "대통령"


def test_looking_a_name_up_reads_it_as_a_name(real: CedictIndex) -> None:
    assert explain("金大中", dictionary=real).sino_korean == "김대중"
    assert explain("金門", dictionary=real).sino_korean == "금문"


def test_a_joined_name_reads_its_surname_as_mandarin_reads_surnames() -> None:
    # 曾 is céng "once" in 曾经 but Zēng in a name; 任 rén, not rèn "to appoint". The adverb
    # 曾 before a verb starts no name (曾任, "once served as").
    text = "记者曾建徽报道。曾经去过。任小华指出。他曾任省长，曾获一等奖。"
    for dictionary in (False, True):
        glossary = build_glossary(document_from_text(text), dictionary=dictionary)
        terms = {t.hanja: t for t in glossary.terms}
        assert terms["曾建徽"].pinyin == "zēng jiàn huī"
        assert terms["曾建徽"].mandarin_hangul == "쩡젠후이"
        assert terms["曾经"].pinyin == "céng jīng"
        assert terms["任小华"].chars[0].pinyin_numbered == "ren2"
        assert "曾任" not in terms and "曾获" not in terms and terms["曾"].pinyin == "céng"


def test_every_common_surname_mandarin_reads_apart_is_listed(real: CedictIndex) -> None:
    # The table is CC-CEDICT's: each common surname whose "surname" entry reads otherwise than
    # the character's first reading is in it, and with that entry's reading.
    from glossary.dictionary.names import SURNAMES
    from glossary.engine.chinese import pinyin_of, to_simplified
    from glossary.engine.surnames import SURNAME_PINYIN

    found = {}
    for ch in SURNAMES:
        first = pinyin_of(to_simplified(ch)).numbered[0]
        entries = [e for e in real.word(ch, to_simplified(ch)) if "surname" in e.definitions[0]]
        readings = {e.pinyin_numbered.lower() for e in entries}
        if readings and first not in readings:
            found[ch] = readings
    assert set(found) == set(SURNAME_PINYIN)
    assert all(SURNAME_PINYIN[ch][1] in readings for ch, readings in found.items())


def test_a_surname_alone_before_a_title_reads_as_the_surname(real: CedictIndex) -> None:
    # 江主席 and 李总理 are President Jiang and Premier Li: the card says so, not "river", "plum".
    text = "李总理和江主席会见了客人。王书记说，曾部长也来了。"
    terms = {t.hanja: t for t in build_glossary(document_from_text(text), dictionary=real).terms}
    for hanja, surname in (("李", "surname Li"), ("江", "surname Jiang"), ("王", "surname Wang")):
        assert terms[hanja].meanings[0] == surname
        assert terms[hanja].kind_note == "a surname, it seems (before a title)"
    assert (terms["曾"].pinyin, terms["曾"].meanings[0]) == ("zēng", "surname Zeng")
    # The horse keeps its sense where no title follows; 和 before one is "and".
    text = "一匹马跑了。马很快。和总理一起。"
    terms = {t.hanja: t for t in build_glossary(document_from_text(text), dictionary=real).terms}
    assert terms["马"].meanings[0] == "horse"
    assert terms["和"].meanings[0] == "and"


def test_the_card_at_a_surname_before_a_title_puts_the_surname_first(real: CedictIndex) -> None:
    # Most of the text's 马 are horses; the one before 主任 is Director Ma.
    text = "一匹马跑了。马很快。马吃草。马主任来了。"
    horse = next(
        t
        for t in build_glossary(document_from_text(text), dictionary=real).terms
        if t.hanja == "马"
    )
    assert horse.meanings[0] == "horse"
    placed, _ = read_at_place(horse, text, text.index("马主任"))
    assert placed.meanings[0] == "surname Ma"
    still, _ = read_at_place(horse, text, text.index("马很快"))
    assert still.meanings[0] == "horse"


def test_a_country_before_its_title_is_no_surname() -> None:
    # 韩总统 is Korea's president and 马大使 Malaysia's ambassador; 韩老师 is teacher Han.
    text = "韩总统访华。马大使说。韩老师来了。"
    assert not before_title(text, 0) and not before_title(text, text.index("马大使"))
    assert before_title(text, text.index("韩老师"))
