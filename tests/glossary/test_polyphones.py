"""A character read two ways in Korean as in Mandarin: the word's Mandarin reading chooses."""

from __future__ import annotations

import pytest

from glossary.engine.enrich import Enricher
from glossary.engine.hanjadict import hanja_dictionary
from glossary.engine.polyphones import BY_MANDARIN, reading_hints


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher()


@pytest.mark.parametrize(
    ("word", "reading"),
    [
        ("率领", "솔령"),  # shuài lǐng: to lead
        ("效率", "효율"),  # xiào lǜ: a rate
        ("更加", "갱가"),  # gèng: more
        ("更新", "갱신"),  # gēng: no hint (更正 경정, but 更新 갱신): the list decides
        ("游说", "유세"),  # shuì: the list has 유설 and 유세
        ("说服", "설복"),
        ("可恶", "가오"),  # wù: to hate
        ("罪恶", "죄악"),  # è: evil
        ("忖度", "촌탁"),  # duó: to surmise
        ("要塞", "요새"),  # sài: a fortress
        ("堵塞", "도색"),  # sè: to block
        ("句读", "구두"),  # dòu: the list has 구독 and 구두
        ("单于", "선우"),  # chán yú
        ("龟裂", "균열"),  # jūn liè
        # 易 yì either way: "easy" 이 where no listed word reads it 역 "change, trade".
        ("轻而易举", "경이이거"),
        ("易燃", "이연"),
        ("显而易见", "현이이견"),
        ("贸易", "무역"),
        ("交易所", "교역소"),
        ("周易", "주역"),
        ("容易", "용이"),
    ],
)
def test_the_mandarin_reading_picks_the_korean_one(
    enricher: Enricher, word: str, reading: str
) -> None:
    assert enricher.info(word).sino_korean == reading


def test_a_character_alone_keeps_its_first_reading(enricher: Enricher) -> None:
    # Alone, pinyin is the commonest reading, not read from a word: 更 stays 경.
    assert reading_hints("更", ["geng4"]) is None
    assert enricher.info("更").sino_korean == "경"


def test_every_listed_reading_is_one_the_data_gives_the_character() -> None:
    data = hanja_dictionary()
    for ch, pairs in BY_MANDARIN.items():
        for _, reading in pairs:
            assert reading in data.char_readings(ch), (ch, reading)


def test_in_chinese_text_a_character_alone_reads_as_its_mandarin_reading_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A character that is a word of its own in Chinese text has the Mandarin reading of that
    # word: 更 gèng "more" is 갱, as in 更加 갱가; 乐 lè "happy" 낙. Korean text's 更 glossed
    # 경 (the night watch) keeps its gloss's reading.
    from glossary import build_glossary, document_from_text

    text = "我们更要努力。他乐了。成功来之不易，易也。"
    chinese = build_glossary(document_from_text(text), dictionary=False)
    readings = {t.hanja: (t.sino_korean, t.chars[0].hun_eum) for t in chinese.terms}
    assert readings["更"] == ("갱", "다시 갱") and readings["乐"] == ("낙", "즐거울 락")
    assert readings["易"][0] == "이" and readings["易"][1].startswith("쉬울 이")
    korean = build_glossary(document_from_text("깊은 밤 更(경). 易(역)."), dictionary=False)
    assert [(t.hanja, t.sino_korean) for t in korean.terms] == [("更", "경"), ("易", "역")]
    # Explained later (a long text in the reader), the same terms, places' readings too.
    from glossary import explain_words, harvest

    monkeypatch.setattr(harvest, "DEFER_WORDS_FROM", 1)
    document = document_from_text("我们更要努力。他为我们工作，以人为本，以经济为中心。")
    outline = build_glossary(document, defer_words=True, dictionary=False)
    whole = build_glossary(document, dictionary=False).terms
    assert explain_words(outline, dictionary=False).terms == whole
    assert any(t.place_readings for t in whole)
