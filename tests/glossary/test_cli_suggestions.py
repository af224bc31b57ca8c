"""``glossary suggestions`` and ``glossary accept``: guesses listed, one taken as a gloss."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from glossary.cli import main
from glossary.paths import DB_ENV_VAR
from glossary.store import open_store
from tests.glossary.cedict_support import write_excerpt

TEXT = "항저우(杭州)와 선전은 다르다. 선전에서 바이두를 만났다. 선전시의 밤.\n"


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database and a small CC-CEDICT (深圳, 百度...) of the test's own."""
    db = tmp_path / "g.sqlite3"
    monkeypatch.setenv(DB_ENV_VAR, str(db))
    cedict, _ = write_excerpt(tmp_path)
    monkeypatch.setenv("HANJA_READER_CEDICT", str(cedict))
    return db


@pytest.fixture
def article(tmp_path: Path) -> str:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_suggestions_in_every_format(article: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "suggestions", article)
    assert (status, err) == (0, "")
    rows = {line.split()[0]: line.split() for line in out.splitlines()[2:-1]}
    assert rows["선전"][:4] == ["선전", "3", "深圳", "shēn"]
    assert rows["바이두"][2] == "百度"
    assert out.splitlines()[-1].startswith("2 words, 2 guesses")
    _, out, _ = run(capsys, "suggestions", article, "-f", "json")
    data = json.loads(out)
    assert [s["hangul"] for s in data["suggestions"]] == ["선전", "바이두"]
    assert data["document"]["path"] == article
    _, tsv, _ = run(capsys, "suggestions", article, "-f", "tsv")
    _, text, _ = run(capsys, "suggestions", article, "-f", "csv")
    table = list(csv.reader(io.StringIO(text)))
    assert [line.split("\t") for line in tsv.splitlines()] == table
    assert table[0][:4] == ["hangul", "places", "rank", "hanja"]
    assert table[1][:4] == ["선전", "3", "1", "深圳"]


def test_no_suggestion_is_exit_status_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("항저우(杭州)에 갔다.", encoding="utf-8")
    status, out, err = run(capsys, "suggestions", str(path))
    assert (status, out) == (1, "")
    assert err == "glossary: no suggested hanja: every Chinese name is glossed, or none is\n"
    status, out, _ = run(capsys, "suggestions", str(path), "-f", "json")
    assert status == 1 and json.loads(out)["suggestions"] == []


def test_an_unreadable_file_is_exit_status_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, article: str
) -> None:
    status, out, err = run(capsys, "suggestions", str(tmp_path / "missing.txt"), article)
    assert status == 2 and err.endswith("missing.txt: no such file\n")
    assert "深圳" in out  # The other file is still listed.


def test_accept_stores_the_pair_like_a_glossed_term(
    article: str, capsys: pytest.CaptureFixture[str], _env: Path
) -> None:
    status, out, err = run(capsys, "accept", article, "선전")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("added      ") and "1 term (1 new)" in lines[0]
    assert lines[1] == (
        f"선전(深圳): accepted as a gloss (transcription, shēn zhèn), 3 places in {article}"
    )
    with open_store(_env, read_only=True) as store:
        (stored,) = store.glosses("선전")
    assert stored.key == ("深圳", "선전") and stored.term.kind == "transcription"
    assert stored.term.sino_korean == "심수" and stored.term.pinyin_numbered == "shen1 zhen4"
    assert stored.term.meanings == ("Shenzhen subprovincial city in Guangdong",)
    assert [(s.path, s.occurrences, s.mentions) for s in stored.sources] == [(article, 0, 3)]
    # It is a term like the others: marked, listed, looked up.
    assert run(capsys, "status", "선전", "known")[0] == 0
    _, out, _ = run(capsys, "list", "-f", "tsv")
    assert any(line.startswith("深圳\t선전\ttranscription") for line in out.splitlines())
    assert run(capsys, "lookup", "선전", "-f", "json")[0] == 0


def test_accepting_again_changes_nothing(
    article: str, capsys: pytest.CaptureFixture[str], _env: Path
) -> None:
    run(capsys, "accept", article, "선전")
    run(capsys, "status", "선전", "learning")
    with open_store(_env, read_only=True) as store:
        before = store.dump()
    status, out, _ = run(capsys, "accept", article, "선전")
    assert status == 0
    assert out == f"선전(深圳): already in your glossary, with its places in {article}\n"
    with open_store(_env, read_only=True) as store:
        assert store.dump() == before


def test_accept_into_a_text_added_before(
    article: str, capsys: pytest.CaptureFixture[str], _env: Path
) -> None:
    assert run(capsys, "add", article)[0] == 0
    status, out, _ = run(capsys, "accept", article, "바이두", "-f", "json")
    assert status == 0
    report = json.loads(out)
    assert report["document"] == "unchanged" and report["term"] == "added"
    assert (report["hanja"], report["places"]) == ("百度", 1)
    _, out, _ = run(capsys, "stats", "-f", "json")
    assert json.loads(out)["terms"] == 2 and json.loads(out)["documents"] == 1


def test_accept_another_hanja_than_the_first(
    article: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "accept", article, "선전", "宣傳", "-f", "json")
    assert status == 0 and json.loads(out)["hanja"] == "宣傳"
    assert json.loads(out)["kind"] == "sino"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["항저우"], 1, "항저우: glossed in {article} already, as 항저우(杭州)"),
        (["부산"], 1, "부산: no hanja suggested for it in {article}"),
        (["선전", "abc"], 2, "accept: HANJA must be hanja (深圳), not 'abc'"),
        ([" "], 2, "accept: HANGUL is empty"),
    ],
)
def test_accept_refuses_what_it_cannot_take(
    article: str,
    capsys: pytest.CaptureFixture[str],
    _env: Path,
    args: list[str],
    code: int,
    message: str,
) -> None:
    status, out, err = run(capsys, "accept", article, *args)
    assert (status, out) == (code, "")
    assert err.startswith("glossary: " + message.format(article=article))
    assert err.count("\n") == 1
    assert not _env.exists()  # Nothing was stored.
