"""The store's JSON export and import: a lossless round trip and a careful merge."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from glossary import Glossary
from glossary.errors import InputError
from glossary.store import EXPORT_FORMAT, Store, open_store
from glossary.store.export import export_store

HANGZHOU = ("杭州", "항저우")


@pytest.fixture
def full(tmp_path: Path, sample: Glossary) -> Store:
    """A store with the sample, marks, notes, a meaning and a correction."""
    store = open_store(tmp_path / "a.sqlite3")
    store.add_glossary(sample)
    store.set_status(HANGZHOU, "known")
    store.set_status(("浙江", "저장"), "ignored")
    store.set_note(HANGZHOU, 'capital of Zhejiang | "quoted"\nsecond line')
    store.set_meaning(("馬雲", "마윈"), "Jack Ma")
    store.correct(("深睿", "선루이"), "sino_korean", "심예(深睿)")
    return store


def test_export_then_import_into_an_empty_store_loses_nothing(full: Store, tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    assert export_store(full, "json", out) == 12
    with open_store(tmp_path / "b.sqlite3") as other:
        result = other.import_json(out)
        assert (result.documents_added, result.terms_added, result.terms_updated) == (1, 12, 0)
        assert other.dump() == full.dump()
        assert other.terms() == full.terms()
        assert other.stats().mentions == 41
        assert other.integrity_check() == []


def test_importing_the_same_file_twice_changes_nothing(full: Store, tmp_path: Path) -> None:
    data = full.dump()
    with open_store(tmp_path / "b.sqlite3") as other:
        other.import_data(data)
        once = other.dump()
        again = other.import_data(data)
        assert (again.documents_added, again.terms_added, again.terms_updated) == (0, 0, 0)
        assert other.dump() == once


def test_newer_marks_win_older_ones_do_not(full: Store, tmp_path: Path, sample: Glossary) -> None:
    exported = full.dump()
    with open_store(tmp_path / "b.sqlite3") as other:
        other.add_glossary(sample)
        other.set_status(("馬雲", "마윈"), "learning")  # Marked after the export: newer.
        result = other.import_data(exported)
        # Hangzhou, Zhejiang, Shenrui were changed in the export after b's add; Ma Yun was
        # changed in b after the export (its file mark is older: b keeps its own).
        assert result.terms_updated == 3
        assert other.status_of(HANGZHOU) == "known"
        assert other.status_of(("浙江", "저장")) == "ignored"
        ma = other.get(("馬雲", "마윈"))
        assert ma is not None and ma.status == "learning" and ma.meaning == ""
        shenrui = other.get(("深睿", "선루이"))
        assert shenrui is not None and shenrui.term.sino_korean == "심예(深睿)"
        assert other.stats().occurrences == 13  # The document was there: no doubled places.


def test_a_filtered_export_holds_only_its_terms_and_their_documents(full: Store) -> None:
    data = full.dump(status="known")
    assert [t["hanja"] for t in data["terms"]] == ["杭州"]
    assert len(data["documents"]) == 1
    assert full.dump(status="learning") == {**data, "documents": [], "terms": []}


def _broken(data: dict[str, Any], change: str) -> Any:
    broken = copy.deepcopy(data)
    if change == "format":
        broken["format"] = "something else"
    elif change == "version":
        broken["version"] = 99
    elif change == "status":
        broken["terms"][0]["status"] = "forgotten"
    elif change == "kind":
        broken["terms"][0]["kind"] = "poem"
    elif change == "document":
        broken["terms"][0]["occurrences"][0]["document"] = "f" * 64
    elif change == "type":
        broken["terms"][0]["hanja"] = 3
    elif change == "list":
        return [broken]
    return broken


@pytest.mark.parametrize(
    "change", ["format", "version", "status", "kind", "document", "type", "list"]
)
def test_bad_exports_are_refused_whole(full: Store, tmp_path: Path, change: str) -> None:
    with open_store(tmp_path / "b.sqlite3") as other:
        before = other.dump()
        with pytest.raises(InputError) as caught:
            other.import_data(_broken(full.dump(), change), name="g.json")
        assert str(caught.value).startswith("g.json: ")
        assert other.dump() == before


def test_import_json_reports_unreadable_files(tmp_path: Path, full: Store) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not a JSON file"):
        full.import_json(bad)
    with pytest.raises(InputError, match="no such file"):
        full.import_json(tmp_path / "missing.json")
    extract = tmp_path / "extract.json"
    extract.write_text(json.dumps({"document": {}, "terms": []}), encoding="utf-8")
    with pytest.raises(InputError, match="glossary add"):
        full.import_json(extract)


def test_the_export_names_its_format(full: Store) -> None:
    data = full.dump()
    assert data["format"] == EXPORT_FORMAT and data["version"] == 1
    term = next(t for t in data["terms"] if t["hanja"] == "杭州")
    assert term["status"] == "known" and term["user_note"].startswith("capital")
    sha = data["documents"][0]["sha256"]
    assert term["documents"] == [{"sha256": sha, "mentions": 15, "uncertain_mentions": 0}]
    assert term["occurrences"][0]["surface"] == "항저우(杭州)"
