"""Across articles: terms ranked by the documents they stand in, every gloss of a hanja."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary import Glossary, build_glossary
from glossary.cli import main
from glossary.cli.formats import cell_width
from glossary.errors import UnknownTermError
from glossary.paths import DB_ENV_VAR
from glossary.sources.files import document_from_text
from glossary.store import Store, StoredTerm, open_store, sort_terms

# 杭州 glossed by its Mandarin sound in one article and by its Sino-Korean reading in two.
ARTICLES = (
    ("a.txt", "첫째", "항저우(杭州)에서 마윈(馬雲)을 만났다. 항저우는 덥다. 항저우가 좋다."),
    ("b.txt", "둘째", "항주(杭州)는 옛 도읍이다. 마윈(馬雲)도 왔다."),
    ("c.txt", "셋째", "항주(杭州)와 소주(蘇州). 항주는 크다."),
)
MANDARIN, SINO = ("杭州", "항저우"), ("杭州", "항주")
MA_YUN, SUZHOU = ("馬雲", "마윈"), ("蘇州", "소주")


def article(path: Path, title: str, text: str) -> Glossary:
    """The glossary of a short text, without the dictionary (fast and offline)."""
    document = document_from_text(text, path=str(path), title=title)
    return build_glossary(document, dictionary=False)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store holding the three articles; CLI commands use it through the environment."""
    path = tmp_path / "glossary.sqlite3"
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    with open_store(path) as store:
        for name, title, text in ARTICLES:
            store.add_glossary(article(tmp_path / name, title, text))
    return path


@pytest.fixture
def store(db: Path) -> Store:
    """The store, open."""
    return open_store(db)


def keys(terms: list[StoredTerm]) -> list[tuple[str, str]]:
    return [t.key for t in terms]


def glosses(lines: list[str], column: int = 1) -> list[str]:
    """The glosses of a listing's rows (whitespace- or tab-separated)."""
    return [line.split("\t" if "\t" in line else None)[column] for line in lines]


def test_terms_sort_by_documents_then_uses_then_first_stored(store: Store) -> None:
    added = store.terms()
    assert keys(added) == [MANDARIN, MA_YUN, SINO, SUZHOU]
    by_documents = store.terms(sort="documents")
    # 마윈 and 항주 stand in two articles each; 항주 has more uses (2 places, 1 mention).
    assert keys(by_documents) == [SINO, MA_YUN, MANDARIN, SUZHOU]
    assert [t.documents for t in by_documents] == [2, 2, 1, 1]
    assert [t.uses for t in by_documents] == [3, 2, 3, 1]
    assert keys(store.terms(sort="uses")) == [SINO, MANDARIN, MA_YUN, SUZHOU]
    assert keys(sort_terms(added, "documents")) == keys(by_documents)
    with pytest.raises(ValueError, match="unknown sort"):
        store.terms(sort="alphabet")


def test_every_gloss_of_a_hanja_with_its_kind_and_documents(store: Store) -> None:
    variants = store.glosses("杭州")
    assert [(v.term.hangul, v.term.kind) for v in variants] == [
        ("항주", "sino"),
        ("항저우", "transcription"),
    ]
    sino, mandarin = variants
    assert [(s.title, Path(s.path).name, s.occurrences, s.mentions) for s in sino.sources] == [
        ("둘째", "b.txt", 1, 0),
        ("셋째", "c.txt", 1, 1),
    ]
    assert [(s.title, s.occurrences, s.mentions) for s in mandarin.sources] == [("첫째", 1, 2)]
    # The same answer whatever name the user gives the term.
    for name in ("항저우", "항주", "항주(杭州)", "杭州/항저우", " 杭州 "):
        assert keys(store.glosses(name)) == keys(variants), name
    assert store.gloss_counts() == {"杭州": 2}
    with pytest.raises(UnknownTermError, match="no term 北京"):
        store.glosses("北京")


def test_a_gloss_shared_by_two_hanja_shows_both(store: Store, tmp_path: Path) -> None:
    store.add_glossary(article(tmp_path / "d.txt", "넷째", "항주(航走)라는 배."))
    assert [v.term.hanja for v in store.glosses("항주")] == ["杭州", "杭州", "航走"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_list_sort_documents_shows_docs_and_marks_other_glosses(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    status, out, err = run(capsys, "list", "--sort", "documents")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert " ".join(lines[0].split()) == "hanja gloss kind pinyin sino-Kor. status uses docs"
    assert max(cell_width(line) for line in lines) <= 80
    rows = [line.split() for line in lines[1:-1]]
    assert [(r[0], r[1]) for r in rows] == [SINO, MA_YUN, MANDARIN, SUZHOU]
    assert rows[0][2] == "+1" and rows[2][2] == "+1"  # 杭州 has one other gloss
    assert [r[-1] for r in rows] == ["2", "2", "1", "1"]  # docs
    assert lines[-1].startswith("4 terms (+N: N other glosses")
    _, out, _ = run(capsys, "list", "--sort", "documents", "-f", "tsv")
    assert glosses(out.splitlines()[1:]) == ["항주", "마윈", "항저우", "소주"]
    _, out, _ = run(capsys, "list", "--sort", "uses", "-f", "json")
    assert [t["hangul"] for t in json.loads(out)["terms"]] == ["항주", "항저우", "마윈", "소주"]
    _, out, _ = run(capsys, "list")
    assert glosses(out.splitlines()[1:-1]) == ["항저우", "마윈", "항주", "소주"]


def test_show_prints_every_gloss_and_where_it_was_seen(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "show", "항저우")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("杭州  háng zhōu · sino-Korean 항주")
    assert lines[1] == "2 glosses in 3 articles"
    assert " ".join(lines[2].split()) == "항주 sino new 2 articles: 2 glossed places, 1 mention"
    assert "둘째 (" in lines[3] and lines[3].endswith("b.txt): 1 glossed place, 0 mentions")
    assert "셋째 (" in lines[4] and lines[4].endswith("c.txt): 1 glossed place, 1 mention")
    assert lines[5].split()[:3] == ["항저우", "transcription", "new"]
    assert lines[6].strip().startswith("첫째 (") and lines[6].endswith("2 mentions")
    assert len(lines) == 7


def test_show_an_unknown_term_gets_one_line_and_exit_1(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "show", "北京") == (1, "", "glossary: no term 北京 in the glossary\n")


def test_show_lists_ten_articles_per_gloss_unless_asked_for_all(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(db) as store:
        for i in range(12):
            text = f"{i}번째 글. 항저우(杭州)에 갔다."
            store.add_glossary(article(tmp_path / f"more{i}.txt", f"글 {i}", text))
    _, out, _ = run(capsys, "show", "杭州/항저우")
    lines = out.splitlines()
    assert lines[1] == "2 glosses in 15 articles"
    assert " ".join(lines[2].split()).startswith("항저우 transcription new 13 articles")
    assert lines[13].strip() == "… and 3 more articles (--all lists them)"
    assert lines[14].split()[0] == "항주" and len(lines) == 17  # Its two articles follow.
    _, out, _ = run(capsys, "show", "杭州/항저우", "--all")
    assert len(out.splitlines()) == 3 + 13 + 1 + 2
