"""Words inside hanja runs (issue 18) and the harvest rules of issue 17 that need the whole text."""

from __future__ import annotations

from glossary import Document, Glossary, build_glossary
from glossary.engine.words import language_of, run_around


def _glossary(text: str) -> Glossary:
    return build_glossary(Document(text, "t"), dictionary=False)


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(t.hanja, t.hangul) for t in _glossary(text).terms]


def test_a_quoted_chinese_sentence_is_split_into_words() -> None:
    text = '외교부는 "我们要坚持改革开放"이라고 밝혔다.'
    glossary = _glossary(text)
    assert [t.hanja for t in glossary.terms] == ["我们", "要", "坚持", "改革开放"]
    # Each word's place is the word itself; the run is still around it in the text.
    (place,) = glossary.terms[2].occurrences
    assert text[place.start : place.end] == "坚持"
    assert text[slice(*run_around(text, place.start, place.end))] == "我们要坚持改革开放"
    assert glossary.document.language == "ko"


def test_hanja_in_a_glosss_note_are_terms_of_their_own() -> None:
    pairs = _pairs("시진핑(習近平·中國 國家主席)은 말했다.")
    assert pairs == [("習近平", "시진핑"), ("中國", ""), ("國家主席", "")]


def test_words_split_without_meanings_as_with_them() -> None:
    # The table and the store (no meanings) and JSON (meanings) must agree on the terms.
    text = "국한문 國家賴之라 했다."
    plain = [t.hanja for t in build_glossary(Document(text, "t"), dictionary=False).terms]
    rich = [t.hanja for t in build_glossary(Document(text, "t")).terms]
    assert plain == rich == ["國家", "賴", "之"]


def test_runs_stay_whole_when_asked() -> None:
    glossary = build_glossary(Document("國家賴之라 했다.", "t"), dictionary=False, words=False)
    assert [t.hanja for t in glossary.terms] == ["國家賴之"]


def test_a_chinese_document_is_read_as_chinese() -> None:
    text = "杭州人工智能小镇位于余杭区未来科技城。小镇于2016年3月开园。"
    glossary = _glossary(text)
    assert glossary.document.language == "zh"
    words = [t.hanja for t in glossary.terms]
    assert "杭州" in words and "人工智能" in words and "未来" in words
    assert all(len(w) <= 4 for w in words)
    assert all(not t.mentions for t in glossary.terms)


def test_language_of() -> None:
    assert language_of("杭州人工智能小镇位于余杭区。") == "zh"
    assert language_of("항저우(杭州)의 인공지능 타운") == "ko"
    # 국한문혼용: much hanja, but Korean particles and endings.
    assert language_of("大韓民國은 民主共和國이다. 大韓民國의 主權은 國民에게 있고") == "ko"


def test_hanja_first_with_several_words() -> None:
    assert _pairs("글씨는 雲養 金允植(운양 김윤식)이 썼다.") == [("雲養 金允植", "운양 김윤식")]


def test_hanja_first_with_an_explanation_is_bare_with_a_note() -> None:
    (term,) = _glossary("佛敎(교종)는 그렇다.").terms
    assert (term.hanja, term.hangul, term.kind) == ("佛敎", "", "bare")
    assert term.occurrences[0].note == "교종"


def test_a_label_before_the_hanja_is_a_note() -> None:
    (term,) = _glossary("긴키 지방(일본어: 近畿地方)은 혼슈에 있다.").terms
    assert (term.hangul, term.kind, term.note) == ("긴키 지방", "mixed", "일본어")
    (term,) = _glossary("스테이트 그리드(STATE GRID·國家電網) 원저우").terms
    assert (term.hangul, term.note) == ("스테이트 그리드", "STATE GRID")


def test_headline_abbreviations_and_usual_readings_reach_the_term() -> None:
    glossary = build_glossary(Document("美 대선과 韓美 정상. 선전(深圳)과 심천(深圳).", "t"))
    terms = {(t.hanja, t.hangul): t for t in glossary.terms}
    assert terms["美", ""].abbreviates == "미국"
    assert terms["美", ""].meanings[0].startswith("the United States")
    assert terms["韓美", ""].abbreviates == "한국·미국"
    # 선전 follows Mandarin; Korean usage reads 深圳 심천 (its characters read 심수).
    assert terms["深圳", "선전"].conventional_reading == "심천"
    assert (terms["深圳", "심천"].kind, terms["深圳", "심천"].reading_language) == ("sino", "ko")
