"""Searching a glossary by hanja, hangul or pinyin, and explaining any hanja."""

from __future__ import annotations

import pytest

from glossary import Glossary, build_glossary, read_document
from glossary.lookup import explain, search, toneless


@pytest.fixture(scope="module")
def sample() -> Glossary:
    return build_glossary(read_document())


@pytest.mark.parametrize(
    "query", ["杭州", "항저우", "항주", "hangzhou", "hang2zhou1", "háng zhōu", "Hangzhou"]
)
def test_finds_hangzhou_every_way(sample: Glossary, query: str) -> None:
    assert search(sample.terms, query)[0].hanja == "杭州"


def test_prefix_and_simplified(sample: Glossary) -> None:
    assert search(sample.terms, "드림")[0].hanja == "夢想小鎭"
    assert search(sample.terms, "梦想小镇")[0].hanja == "夢想小鎭"
    assert search(sample.terms, "  ") == []
    assert search(sample.terms, "zzz") == []


def test_unknown_hanja_is_explained(sample: Glossary) -> None:
    (term,) = search(sample.terms, "深圳")
    assert (term.kind, term.pinyin, term.sino_korean, term.mandarin_hangul) == (
        "bare",
        "shēn zhèn",
        "심수",
        "선전",
    )


def test_explain_one_character() -> None:
    term = explain("樂")
    assert term.simplified == "乐"
    assert term.chars[0].hun_eum


@pytest.mark.parametrize(
    ("given", "bare"), [("Háng Zhōu", "hangzhou"), ("lü4", "lü"), ("lv", "lü"), ("xi'an", "xian")]
)
def test_toneless(given: str, bare: str) -> None:
    assert toneless(given) == bare
