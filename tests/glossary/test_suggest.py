"""Suggested hanja for hangul words that look like transcriptions of Chinese names."""

from __future__ import annotations

import pytest

from glossary import Glossary, build_glossary, document_from_text, glossary_to_dict, read_document
from glossary.dictionary.index import CedictIndex, open_index
from glossary.dictionary.suggest import MIN_CONFIDENCE, suggest
from tests.glossary.cedict_support import real_index, write_excerpt


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> CedictIndex:
    return real_index(tmp_path_factory)


@pytest.fixture(scope="module")
def excerpt(tmp_path_factory: pytest.TempPathFactory) -> CedictIndex:
    folder = tmp_path_factory.mktemp("excerpt")
    source, frequencies = write_excerpt(folder)
    index = open_index(source, cache_dir=folder / "cache", frequencies=frequencies)
    assert index is not None
    return index


@pytest.fixture(scope="module")
def sample(real: CedictIndex) -> Glossary:
    return build_glossary(read_document(), dictionary=real)


def test_shenzhen_is_the_first_suggestion_for_seonjeon(sample: Glossary) -> None:
    by_hangul = {s.hangul: s for s in sample.suggestions}
    shenzhen = by_hangul["선전"]
    first = shenzhen.candidates[0]
    assert (first.hanja, first.simplified, first.pinyin) == ("深圳", "深圳", "shēn zhèn")
    assert first.pinyin_numbered == "shen1 zhen4" and first.meanings[0].startswith("Shenzhen")
    assert first.frequency_rank is not None
    assert MIN_CONFIDENCE <= shenzhen.confidence == first.confidence <= 1
    # 선전의 속도, 선전은 (twice), ‘선전 속도’: the particles are not part of the word.
    text = sample.document.text
    assert [text[p.start : p.end] for p in shenzhen.places] == ["선전"] * 4
    assert [text[p.end] for p in shenzhen.places] == ["의", "은", "은", " "]


def test_baidu_is_suggested_and_nothing_glossed_is(sample: Glossary) -> None:
    suggested = {s.hangul: s.candidates[0].hanja for s in sample.suggestions}
    assert suggested == {"선전": "深圳", "바이두": "百度"}
    glossed = {t.hangul for t in sample.terms}
    assert not glossed & suggested.keys()  # 항저우, 저장, 위항, 마윈...: they have hanja.
    places = {(p.start, p.end) for s in sample.suggestions for p in s.places}
    for term in sample.terms:
        for span in [*term.occurrences, *term.mentions]:
            assert not any(s < span.end and span.start < e for s, e in places)


def test_suggestions_are_kept_apart_in_the_json(sample: Glossary) -> None:
    data = glossary_to_dict(sample)
    assert [t["hanja"] for t in data["terms"]].count("深圳") == 0
    (shenzhen,) = (s for s in data["suggestions"] if s["hangul"] == "선전")
    assert shenzhen["candidates"][0]["hanja"] == "深圳"
    assert set(shenzhen) == {"hangul", "confidence", "places", "candidates"}
    assert set(shenzhen["candidates"][0]) == {
        "hanja",
        "simplified",
        "pinyin",
        "pinyin_numbered",
        "meanings",
        "frequency_rank",
        "confidence",
    }
    starts = [s["places"][0]["start"] for s in data["suggestions"]]
    assert starts == sorted(starts)  # In order of first appearance, like the terms.


def test_words_that_run_on_into_korean_are_not_names(excerpt: CedictIndex) -> None:
    # 선전했다: the verb 宣傳하다, not Shenzhen. 선전시에서: a city suffix and a particle.
    verb = build_glossary(
        document_from_text("회사가 신제품을 선전했다. 선전하는 광고."), dictionary=excerpt
    )
    assert verb.suggestions == ()
    city = build_glossary(
        document_from_text("마윈(馬雲)은 선전시에서 일했다. 선전의 속도, 선전은 빠르다."),
        dictionary=excerpt,
    )
    (shenzhen,) = city.suggestions
    assert shenzhen.candidates[0].hanja == "深圳" and len(shenzhen.places) == 3


def test_confidence_grows_with_evidence(excerpt: CedictIndex) -> None:
    once = suggest("선전의 속도.", (), excerpt, min_confidence=0)
    often = suggest("선전의 속도. 선전은 크다. 선전에서 왔다.", (), excerpt, min_confidence=0)
    mixed = suggest("선전의 속도. 선전했다. 선전하는 광고.", (), excerpt, min_confidence=0)
    assert once[0].confidence < often[0].confidence
    assert mixed[0].confidence < once[0].confidence
    # Not a Korean word, three syllables: 바이두 is surely a name.
    assert suggest("바이두 검색", (), excerpt)[0].confidence > 0.9


def test_no_suggestion_inside_a_word_or_after_latin(excerpt: CedictIndex) -> None:
    assert suggest("AI선전 모델, 홍보선전 활동", (), excerpt, min_confidence=0) == ()


def test_a_dictionary_without_proper_nouns_suggests_nothing(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("common")
    source, _ = write_excerpt(folder, "宣傳 宣传 [xuan1 chuan2] /propaganda/\n")
    index = open_index(source, cache_dir=folder / "cache", korean_readings=False)
    assert index is not None
    assert suggest("선전의 속도", (), index, min_confidence=0) == ()
