"""Words the spelling rules write otherwise than their characters read: 困難 곤란, 數字 숫자."""

from __future__ import annotations

import pytest

from glossary import build_glossary
from glossary.engine.chinese import to_simplified
from glossary.engine.enrich import Enricher
from glossary.engine.spelling import SPELLED
from glossary.sources.files import document_from_text


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher()


@pytest.mark.parametrize("word", sorted(SPELLED))
def test_each_word_reads_as_the_rules_write_it_in_either_script(
    enricher: Enricher, word: str
) -> None:
    reading = SPELLED[word][0]
    assert enricher.info(word).sino_korean == reading
    assert enricher.info(to_simplified(word)).sino_korean == reading


def test_inside_a_longer_word_and_beside_the_words_read_as_written(enricher: Enricher) -> None:
    readings = {w: enricher.info(w).sino_korean for w in ("困難度", "數字化", "今年六月")}
    assert readings == {"困難度": "곤란도", "數字化": "숫자화", "今年六月": "금년유월"}
    # The same characters in the rules' other examples read as they are.
    plain = {w: enricher.info(w).sino_korean for w in ("萬難", "八日", "十日", "承諾", "车间")}
    assert plain == {"萬難": "만난", "八日": "팔일", "十日": "십일", "承諾": "승낙", "车间": "차간"}


def test_a_chinese_document_and_a_korean_gloss_read_them_so() -> None:
    chinese = build_glossary(
        document_from_text("这是一个很大的困难。数字经济在六月增长。"), dictionary=False
    )
    readings = {t.hanja: t.sino_korean for t in chinese.terms}
    assert (readings["困难"], readings["数字"], readings["六月"]) == ("곤란", "숫자", "유월")
    korean = build_glossary(
        document_from_text("경제가 곤란(困難)하다는 논란(論難)이 일었다."), dictionary=False
    )
    kinds = {t.hanja: (t.kind, t.sino_korean) for t in korean.terms}
    assert kinds == {"困難": ("sino", "곤란"), "論難": ("sino", "논란")}


def test_bu_before_d_and_j_and_bul_elsewhere(enricher: Enricher) -> None:
    words = ("不再", "不准", "不对", "不至于", "不便", "不安", "不法", "不仅", "我不再")
    readings = [enricher.info(w).sino_korean for w in words]
    assert readings == ["부재", "부준", "부대", "부지어", "불편", "불안", "불법", "불근", "아부재"]
    # A listed word keeps the list's reading (不實 부실 before ㅅ).
    assert enricher.info("不實").sino_korean == "부실"
