"""Look-up defects of issue 19: tones, ranking, one row per word, ü, ``-n`` and source names."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from glossary.cli import main
from glossary.dictionary.index import CedictIndex, open_index
from glossary.dictionary.lookup import Hit, explain, lookup
from glossary.model import Term
from tests.glossary.cedict_support import EXCERPT, write_excerpt

MORE = """\
裡 里 [li3] /inside/
李 李 [Li3] /surname Li/
理 理 [li3] /reason/
栗 栗 [li4] /chestnut/
中國 中国 [Zhong1 guo2] /China/
"""


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The excerpt (with a few more words) as a CC-CEDICT file."""
    path, _ = write_excerpt(tmp_path_factory.mktemp("cedict"), EXCERPT + MORE)
    return path


@pytest.fixture(scope="module")
def index(source: Path) -> CedictIndex:
    """The excerpt's index, Sino-Korean readings and all (built once for the module)."""
    opened = open_index(
        source, cache_dir=source.parent / "cache", frequencies=source.parent / "freq.txt"
    )
    assert opened is not None
    return opened


def _term(hanja: str, hangul: str) -> Term:
    return replace(explain(hanja), hangul=hangul, kind="sino")


@pytest.fixture(scope="module")
def terms() -> list[Term]:
    """A user's glossary: a prefix of 李 and a word that only shares letters with li3."""
    return [_term("栗谷", "율곡"), _term("李克強", "리커창"), _term("中國", "중국")]


def _found(hits: list[Hit]) -> list[str]:
    return [h.term.hanja for h in hits]


@pytest.mark.parametrize("query", ["li3", "lǐ", "LI3"])
def test_glossary_respects_the_tones_typed(
    terms: list[Term], index: CedictIndex, query: str
) -> None:
    found = _found(lookup(query, terms, dictionary=index))
    assert "栗谷" not in found  # lì gǔ
    assert "李克強" in found  # lǐ kè qiáng


@pytest.mark.parametrize(("query", "kept"), [("li", {"栗谷", "李克強"}), ("li4", {"栗谷"})])
def test_glossary_tones_when_absent_or_other(
    terms: list[Term], index: CedictIndex, query: str, kept: set[str]
) -> None:
    glossary = {h.term.hanja for h in lookup(query, terms, dictionary=index)} & {"栗谷", "李克強"}
    assert glossary == kept


@pytest.mark.parametrize("query", ["li3", "李"])
def test_exact_matches_come_before_prefix_matches(
    terms: list[Term], index: CedictIndex, query: str
) -> None:
    hits = lookup(query, terms, dictionary=index)
    order = {"exact": 0, "prefix": 1, "contains": 2}
    assert [order[h.match] for h in hits] == sorted(order[h.match] for h in hits)
    found = _found(hits)
    assert found.index("李") < found.index("李克強")


def test_one_row_per_word(terms: list[Term], index: CedictIndex) -> None:
    hits = lookup("中国", terms, dictionary=index)
    china = [h for h in hits if h.term.traditional == "中國"]
    assert len(china) == 1
    assert china[0].sources == ("glossary", "dictionary")
    assert china[0].term.hangul == "중국"  # The glossary's term, known to CC-CEDICT too.


def test_same_hanja_other_reading_is_another_word(index: CedictIndex) -> None:
    zhong4 = replace(explain("中"), pinyin="zhòng", pinyin_numbered="zhong4", kind="sino")
    hits = lookup("中", [zhong4], dictionary=index)
    # The glossary's reading is the dictionary's zhòng: one row; zhōng is a word of its own.
    assert [(h.term.pinyin, h.sources) for h in hits] == [
        ("zhòng", ("glossary", "dictionary")),
        ("zhōng", ("dictionary",)),
    ]
    ding = replace(explain("中"), pinyin="dìng", pinyin_numbered="ding4", kind="sino")
    hits = lookup("中", [ding], dictionary=index)
    assert [(h.term.pinyin, h.sources) for h in hits] == [
        ("dìng", ("glossary",)),
        ("zhōng", ("dictionary",)),
        ("zhòng", ("dictionary",)),
    ]


@pytest.mark.parametrize("query", ["lu:4", "LU:4", "lu:", "lv4", "lü4", "lǜ", "lü"])
def test_u_umlaut_every_way(index: CedictIndex, query: str) -> None:
    first = lookup(query, dictionary=index)[0]
    assert (first.term.hanja, first.field, first.term.pinyin) == ("綠", "pinyin", "lǜ")
    mine = lookup(query, [_term("綠", "녹")])[0]
    assert (mine.term.hanja, mine.source, mine.match) == ("綠", "glossary", "exact")


@pytest.mark.parametrize("limit", ["0", "-3", "2.5", "x"])
def test_limit_is_a_whole_number_from_one(
    source: Path, limit: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["lookup", "--cedict", str(source), "-n", limit, "li"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err
    (line,) = [s for s in err.splitlines() if "error:" in s]
    assert "whole number" in line and limit in line


def test_limit_one(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "--cedict", str(source), "--json", "-n", "1", "li"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def _rows(text: str) -> dict[str, str]:
    return {line.split()[0]: line for line in text.splitlines()[1:-1] if not line.startswith(" ")}


def test_text_and_json_name_sources_alike(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("중국(中國)과 율곡(栗谷)\n", encoding="utf-8")
    db = str(tmp_path / "g.sqlite3")
    assert main(["add", "--db", db, str(article)]) == 0
    capsys.readouterr()
    common = ["lookup", "--db", db, "--cedict", str(source)]
    assert main([*common, "--json", "중국"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert main([*common, "중국"]) == 0
    rows = _rows(capsys.readouterr().out)
    by_hanja = {d["hanja"]: d for d in data}
    assert by_hanja["中國"]["sources"] == ["glossary", "dictionary"]
    assert by_hanja["中國"]["from"] == "your glossary + CC-CEDICT"
    assert "your glossary · new + CC-CEDICT" in rows["中國"]
    bare = [d for d in data if not d["meanings"]]
    assert bare, "the Korean word list has meaningless hits (中菊, 寒國)"
    for hit in bare:
        assert (hit["source"], hit["from"]) == ("characters", "by character")
    for hit in data:  # The text's "from" column: the same names (and the user's status).
        assert hit["from"] in rows[hit["hanja"]].replace(f" · {hit['status']}", "")
