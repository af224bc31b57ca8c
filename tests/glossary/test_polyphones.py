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
