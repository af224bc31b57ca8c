"""Searching a glossary by hanja, hangul or pinyin, and explaining any hanja."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary import Glossary, term_to_dict
from glossary.cli import main
from glossary.dictionary.build import ENV_VAR
from glossary.dictionary.index import CedictIndex, open_index
from glossary.dictionary.lookup import explain, lookup, search, toneless
from glossary.sources.files import bundled_article_path
from tests.glossary.cedict_support import real_index, write_excerpt


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


# -- CC-CEDICT: the dictionary behind the glossary ------------------------------------------


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> CedictIndex:
    return real_index(tmp_path_factory)


BAR = ["杭州", "항저우", "항주", "hangzhou", "hang2zhou1", "háng zhōu", "Hangzhou", "HANG2 ZHOU1"]


@pytest.mark.parametrize(
    ("query", "readings"),
    [
        ("还", [("hái", "하이", "still"), ("huán", "환", "to pay back")]),
        ("行", [("xíng", "싱", "to walk"), ("háng", "항", "row")]),
        ("為", [("wèi", "웨이", "because of"), ("wéi", "웨이", "as (in the capacity of)")]),
    ],
)
def test_each_reading_of_a_character_is_a_word_with_its_own_senses(
    real: CedictIndex, query: str, readings: list[tuple[str, str, str]]
) -> None:
    # 为 wèi is "for", "because of": a learner looking it up must see it, not only wéi.
    hits = [h for h in lookup(query, dictionary=real) if h.term.hanja == query]
    found = [(h.term.pinyin, h.term.mandarin_hangul, h.term.meanings[0]) for h in hits]
    assert found == readings


FIELDS = {"杭州": "hanja", "항저우": "transcription", "항주": "sino_korean"}


@pytest.mark.parametrize("query", BAR)
def test_dictionary_finds_hangzhou_every_way(real: CedictIndex, query: str) -> None:
    first = lookup(query, dictionary=real)[0]
    assert (first.term.hanja, first.source) == ("杭州", "dictionary")
    assert first.term.meanings[0].startswith("Hangzhou")
    assert first.field == FIELDS.get(query, "pinyin")


def test_the_glossary_comes_first_and_is_not_repeated(sample: Glossary, real: CedictIndex) -> None:
    hits = lookup("항저우", sample.terms, dictionary=real)
    assert [(h.term.hanja, h.source) for h in hits] == [("杭州", "glossary")]
    assert hits[0].position == 2 and hits[0].field == "gloss"
    seonjeon = lookup("선전", sample.terms, dictionary=real)
    assert seonjeon[0].term.hanja == "深圳"  # Not in the text: the dictionary's, by frequency.
    assert "宣傳" in [h.term.hanja for h in seonjeon]  # The Sino-Korean word 선전 (宣傳) too.


def test_tones_rank_the_reading_typed_first(real: CedictIndex) -> None:
    assert lookup("zhong4", dictionary=real)[0].term.pinyin == "zhòng"
    assert lookup("zhōng", dictionary=real)[0].term.pinyin == "zhōng"
    hits = lookup("zhong", dictionary=real, limit=5)
    assert len(hits) == 5 and hits[0].term.hanja == "中"  # The most frequent first.


def test_the_character_typed_comes_before_old_variants_of_it(real: CedictIndex) -> None:
    # 㕥 and 㠯 are "old variant of 以", simplified 以, as frequent as it by that form.
    hits = lookup("以", dictionary=real)
    assert hits[0].term.hanja == "以" and hits[0].term.meanings[0] == "to use"
    assert {h.term.hanja for h in hits[1:]} >= {"㕥", "㠯"}


def test_korean_shapes_simplified_and_words_mandarin_lacks(real: CedictIndex) -> None:
    (town,) = lookup("小鎭", dictionary=real)
    assert town.term.hanja == "小鎭" and town.term.meanings[0] == "small town"
    assert lookup("梦想小镇", dictionary=real)[0].term.mandarin_word is False
    ai, *words = lookup("人工知能小鎭", dictionary=real)
    assert ai.term.meanings == () and ai.term.mandarin_word is False
    assert all(c.meanings for c in ai.term.chars)
    # Then its words, as Korean text's hanja are split (知能: the Korean word list's).
    assert [(w.term.hanja, w.term.sino_korean) for w in words] == [
        ("人工", "인공"),
        ("知能", "지능"),
        ("小鎭", "소진"),
    ]
    found = [h.term.hanja for h in lookup("인공지능", dictionary=real)]
    assert found[:2] == ["人工智能", "人工知能"]  # Mandarin's word, then Korean's.
    assert lookup("zzz", dictionary=real) == [] and lookup("  ", dictionary=real) == []


def test_a_phrase_is_explained_whole_then_word_by_word(real: CedictIndex) -> None:
    # As Zhongwen reads a sentence word by word: a phrase pasted whole gets its words too.
    found = [
        (h.term.hanja, h.term.mandarin_word) for h in lookup("我们要坚持改革开放", dictionary=real)
    ]
    assert found == [
        ("我们要坚持改革开放", False),
        ("我们", True),
        ("要", True),
        ("坚持", True),
        ("改革开放", True),
    ]
    assert [h.term.hanja for h in lookup("坚持", dictionary=real)][:1] == [
        "坚持"
    ]  # A word: itself.


def test_search_uses_the_dictionary_but_never_builds_it(
    sample: Glossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, _ = write_excerpt(tmp_path)
    monkeypatch.setenv(ENV_VAR, str(source))
    assert [t.hanja for t in search(sample.terms, "선전")] == []  # Not built: glossary only.
    assert not (tmp_path / "xdg_cache_home" / "hanja-reader").exists()
    assert open_index(source) is not None
    assert [t.hanja for t in search(sample.terms, "선전")][:2] == ["深圳", "宣傳"]  # Ready.


def test_lookup_command(real: CedictIndex, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "항저우"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].split()[:2] == ["杭州", "-"]
    for shown in ("háng zhōu", "항주", "CC-CEDICT", "Hangzhou subprovincial city", "건널 항"):
        assert shown in out
    assert main(["lookup", "hang2zhou1", "--json"]) == 0
    (hit,) = json.loads(capsys.readouterr().out)
    assert (hit["hanja"], hit["source"], hit["field"], hit["status"]) == (
        "杭州",
        "dictionary",
        "pinyin",
        None,
    )
    expected = set(term_to_dict(explain("杭州"))) - {"occurrences", "mentions"}
    assert expected <= set(hit) and hit["chars"][0]["meanings"]
    assert main(["lookup", "없는말"]) == 1
    assert "nothing found for 없는말" in capsys.readouterr().err


def test_lookup_puts_your_glossary_first(
    real: CedictIndex, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "g.sqlite3")
    assert main(["add", "--db", db, str(bundled_article_path())]) == 0
    assert main(["status", "--db", db, "杭州", "known"]) == 0
    capsys.readouterr()
    assert main(["lookup", "--db", db, "--json", "hangzhou"]) == 0
    first = json.loads(capsys.readouterr().out)[0]
    assert (first["hanja"], first["hangul"], first["source"], first["status"]) == (
        "杭州",
        "항저우",
        "glossary",
        "known",
    )
    assert first["uses"] == 16 and first["meanings"][0].startswith("Hangzhou")
    assert main(["lookup", "--db", db, "저장"]) == 0
    out = capsys.readouterr().out
    assert "your glossary · new" in out.splitlines()[1]
    assert "12 places in 1 document: 1 glossed, 11 mentions" in out
