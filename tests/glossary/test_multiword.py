"""Glosses of several space-separated words (issue 17, section 2): the gloss reaches back over
the words that the hanja's reading needs, and never past a quote, bracket or sentence end."""

from __future__ import annotations

import pytest

from glossary import Enricher, Term, extract_text
from glossary.engine.kinds import reads_tail


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher()


def _term(text: str, enricher: Enricher) -> Term:
    (term,) = extract_text(text, enricher).terms
    return term


# Source: 조선왕조실록 (bench/eval3 c2_01, c5_01), 「진하 겸 사은 정사 조상진 등이 …」.
@pytest.mark.parametrize(
    "text",
    [
        "진하 겸 사은 정사(進賀兼謝恩正使) 조상진 등이 치계하였다.",
        "이날 진하 겸 사은 정사(進賀兼謝恩正使)가 왔다.",
        "진하 겸 사은 정사(進賀兼謝恩正使)",
    ],
)
def test_sino_reading_over_four_words(text: str, enricher: Enricher) -> None:
    term = _term(text, enricher)
    assert (term.hangul, term.kind) == ("진하 겸 사은 정사", "sino")
    (occurrence,) = term.occurrences
    assert text[occurrence.gloss_start : occurrence.gloss_end] == "진하 겸 사은 정사"


def test_mandarin_reading_over_words(enricher: Enricher) -> None:
    term = _term("회장 마 화텅(馬化騰)이 말했다", enricher)
    assert (term.hangul, term.kind) == ("마 화텅", "transcription")
    # More words than the two always tried: the Mandarin alignment still needs them.
    term = _term("국호는 중화 런민 궁허 궈(中華人民共和國)이다", enricher)
    assert (term.hangul, term.kind) == ("중화 런민 궁허 궈", "transcription")
    term = _term("중국 저장 성 항저우 시(浙江省杭州市)에서", enricher)
    assert (term.hangul, term.kind) == ("저장 성 항저우 시", "mixed")


def test_word_outside_the_reading_is_not_taken(enricher: Enricher) -> None:
    # 주석 is a title, not part of 習近平's reading: the gloss is the name before it
    # (issue 17: 쑨원 선생(孫文·1866~1925) glosses 쑨원), never the title with the name.
    assert _term("중국 시진핑 주석(習近平)은 말했다", enricher).hangul == "시진핑"
    assert _term("쑨원 선생(孫文·1866~1925) 등", enricher).hangul == "쑨원"
    # A title before hanja that are not the name's: the title stays the gloss.
    assert _term("그 선생(先生)은", enricher).hangul == "선생"
    # The last word alone is a full reading: nothing before it is taken.
    assert _term("조선 정사(正使)가 왔다", enricher).hangul == "정사"
    assert _term("사은 정사(正使)가 왔다", enricher).hangul == "정사"


def test_a_japanese_reading_takes_its_words(enricher: Enricher) -> None:
    # The Japanese alignment needs 다카이치 too, as the Mandarin one needs 마 in 마 화텅.
    term = _term("총리 다카이치 사나에(高市早苗)가 말했다", enricher)
    assert (term.hangul, term.kind) == ("다카이치 사나에", "transcription")


@pytest.mark.parametrize(
    "text",
    [
        "그는 “진하 겸” 사은 정사(進賀兼謝恩正使)로 갔다",
        "그는 ‘진하 겸’ 사은 정사(進賀兼謝恩正使)로 갔다",
        "이것이 진하 겸. 사은 정사(進賀兼謝恩正使)로 갔다",
        "이것이 진하 겸? 사은 정사(進賀兼謝恩正使)로 갔다",
        "진하 겸\n사은 정사(進賀兼謝恩正使)로 갔다",
        "[진하 겸] 사은 정사(進賀兼謝恩正使)로 갔다",
        "(진하 겸) 사은 정사(進賀兼謝恩正使)로 갔다",
    ],
)
def test_extension_stops_at_quote_bracket_or_sentence_end(text: str, enricher: Enricher) -> None:
    hangul = [t.hangul for t in extract_text(text, enricher).terms if t.hanja == "進賀兼謝恩正使"]
    assert hangul
    assert all("진하" not in h for h in hangul)


def test_reads_tail() -> None:
    info = Enricher().info("進賀兼謝恩正使")
    assert reads_tail("정사", info.slots)
    assert reads_tail("사은 정사", info.slots)
    assert reads_tail("진하 겸 사은 정사", info.slots)
    assert not reads_tail("주석", info.slots)
    assert not reads_tail("사나에", Enricher().info("高市早苗").slots)
