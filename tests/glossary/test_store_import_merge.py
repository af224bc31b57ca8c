"""Importing exports merges per term and per document: no place or mention is ever lost.

Issue 15, item 1: ``import`` used to keep or skip whole documents, so once a partial export
(``--status known``) had brought a document, the places and mentions of the terms it left
out never came, whatever was imported or added afterwards. Any sequence of imports of
exports of one store, partial or full, in any order and repeated, must give the store one
import of its full export gives.
"""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary import build_glossary, read_document
from glossary.cli import main
from glossary.sources.files import bundled_article_path
from glossary.store import Store, jsonio, open_store

ARTICLE = str(bundled_article_path())
DENG = ("鄧小平", "덩샤오핑")
SECOND = (
    "항주(杭州)는 아름답다. 항주에 갔다. 마윈(馬雲)은 덩샤오핑(鄧小平)을 만났다. 마윈이 웃었다.\n"
)

Exports = dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Exports:
    """Store A (the bundled article and a second text, with marks) and its exports."""
    folder = tmp_path_factory.mktemp("a")
    second = folder / "b.txt"
    second.write_text(SECOND, encoding="utf-8")
    with open_store(folder / "a.sqlite3") as store:
        store.add_glossary(build_glossary(read_document(ARTICLE)))
        store.add_glossary(build_glossary(read_document(second)))
        store.set_status(("杭州", "항저우"), "known")
        store.set_note(("杭州", "항저우"), "capital of Zhejiang")
        store.set_status(("馬雲", "마윈"), "learning")  # In both documents.
        store.set_meaning(("馬雲", "마윈"), "Jack Ma")
        store.set_status(("浙江", "저장"), "ignored")
        store.correct(("深睿", "선루이"), "sino_korean", "심예(深睿)")
        return {
            "known": store.dump(status="known"),
            "learning": store.dump(status="learning"),
            "ignored": store.dump(status="ignored"),
            "transcription": store.dump(kind="transcription"),
            "sino": store.dump(kind="sino"),
            "full": store.dump(),
            "canonical": canonical(store),
        }


def canonical(store: Store) -> dict[str, Any]:
    """What a store holds, in an order that does not depend on the order rows were written."""
    assert store.integrity_check() == []
    data = store.dump()
    for term in data["terms"]:
        term["documents"].sort(key=lambda link: link["sha256"])
        term["occurrences"].sort(key=lambda place: sorted(place.items(), key=str))
    data["documents"].sort(key=lambda doc: doc["sha256"])
    data["terms"].sort(key=lambda term: (term["hanja"], term["hangul"]))
    return data


def imported(folder: Path, exports: Exports, names: Sequence[str]) -> dict[str, Any]:
    """The canonical content of a new store after importing these exports in this order."""
    with open_store(folder / "b.sqlite3") as store:
        for name in names:
            store.import_data(exports[name], name=name)
        return canonical(store)


@pytest.fixture(scope="module")
def reference(exports: Exports, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One import of the full export into an empty store."""
    return imported(tmp_path_factory.mktemp("ref"), exports, ["full"])


def test_one_full_import_gives_the_store_back(exports: Exports, reference: dict[str, Any]) -> None:
    assert reference == exports["canonical"]
    deng = next(t for t in reference["terms"] if (t["hanja"], t["hangul"]) == DENG)
    assert len(deng["documents"]) == 2 and len(deng["occurrences"]) == 2


@pytest.mark.parametrize(
    "order",
    [
        ("known", "full"),
        ("full", "known"),
        ("known", "full", "known", "full"),
        ("full", "full"),
        ("learning", "full"),
        ("sino", "known", "full", "learning"),
        ("transcription", "ignored", "full", "transcription"),
        ("known", "learning", "ignored", "transcription", "sino", "full"),
    ],
)
def test_any_order_of_imports_gives_the_same_store(
    exports: Exports, reference: dict[str, Any], tmp_path: Path, order: tuple[str, ...]
) -> None:
    assert imported(tmp_path, exports, order) == reference


NAMES = st.sampled_from(["known", "learning", "ignored", "transcription", "sino", "full"])


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(before=st.lists(NAMES, max_size=3), after=st.lists(NAMES, max_size=3))
def test_imports_merge_whatever_the_sequence(
    exports: Exports, reference: dict[str, Any], before: list[str], after: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert imported(Path(folder), exports, [*before, "full", *after]) == reference


def test_a_partial_import_then_the_full_one_brings_every_place(
    exports: Exports, tmp_path: Path
) -> None:
    with open_store(tmp_path / "b.sqlite3") as store:
        store.import_data(exports["known"])
        result = store.import_data(exports["full"])
        assert (result.documents_added, result.terms_added) == (1, 12)
        deng = store.get(DENG)
        assert deng is not None and deng.documents == 2 and deng.occurrences == 2
        assert deng.example is not None and "鄧小平" in deng.example.sentence
        again = store.import_data(exports["full"])
        assert (again.documents_added, again.terms_added, again.terms_updated) == (0, 0, 0)


def test_a_stored_document_gains_the_places_of_terms_it_lacked(
    exports: Exports, reference: dict[str, Any], tmp_path: Path
) -> None:
    """Adding the file again changes nothing (same content); importing brings what lacked."""
    with open_store(tmp_path / "b.sqlite3") as store:
        store.import_data(exports["known"])
        assert store.add_glossary(build_glossary(read_document(ARTICLE))).action == "unchanged"
        store.import_data(exports["full"])
        assert canonical(store) == reference


def test_a_document_added_here_keeps_its_places_undoubled(
    exports: Exports, reference: dict[str, Any], tmp_path: Path
) -> None:
    with open_store(tmp_path / "b.sqlite3") as store:
        store.add_glossary(build_glossary(read_document(ARTICLE)))
        store.import_data(exports["known"])
        store.import_data(exports["full"])
        store.import_data(exports["sino"])
        mine = canonical(store)
    # The article was added here, not imported: its rows have this store's own times.
    expected = copy.deepcopy(reference)
    for data in (mine, expected):
        for doc in data["documents"]:
            doc["added_at"] = ""
        for term in data["terms"]:
            term["created_at"] = term["updated_at"] = ""
    assert mine == expected


def test_a_failed_merge_leaves_the_store_as_it_was(
    exports: Exports, reference: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    merge: Callable[..., Any] = jsonio._merge_places
    calls = iter(range(1000))

    def failing(*args: Any, **kwargs: Any) -> Any:
        if next(calls) == 5:
            raise RuntimeError("disk on fire")
        return merge(*args, **kwargs)

    with open_store(tmp_path / "b.sqlite3") as store:
        store.import_data(exports["known"])
        before = store.dump()
        monkeypatch.setattr(jsonio, "_merge_places", failing)
        with pytest.raises(RuntimeError, match="disk on fire"):
            store.import_data(exports["full"])
        assert store.dump() == before
        monkeypatch.setattr(jsonio, "_merge_places", merge)
        store.import_data(exports["full"])
        assert canonical(store) == reference


# -- the repro of the issue, as a user runs it ------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run ``glossary ARGS``, expect success, return what it printed."""
    status = main(list(args))
    out, err = capsys.readouterr()
    assert (status, err) == (0, ""), args
    return out


def _tsv_rows(path: Path) -> Iterator[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            yield line.split("\t")


def test_the_issue_repro_through_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a, b = str(tmp_path / "A.db"), str(tmp_path / "B.db")
    known, full = str(tmp_path / "k.json"), str(tmp_path / "f.json")
    run(capsys, "--db", a, "add", ARTICLE)
    run(capsys, "--db", a, "status", "杭州", "known")
    run(capsys, "--db", a, "export", "--status", "known", "-o", known)
    run(capsys, "--db", a, "export", "-o", full)
    run(capsys, "--db", b, "import", known)
    out = run(capsys, "--db", b, "import", full)
    assert out == f"imported {full}: 0 new documents, 11 new terms, 0 updated\n"
    out = run(capsys, "--db", b, "show", "鄧小平")
    assert "1 gloss in 1 article" in out
    assert "1 article: 1 glossed place, 0 mentions" in out
    for db in (a, b):
        run(capsys, "--db", db, "export", "-o", str(tmp_path / f"{Path(db).stem}.tsv"))
    rows = list(_tsv_rows(tmp_path / "B.tsv"))
    # The TSV is Anki's Basic layout: the front holds the hanja and the glossed sentence.
    deng = next(row for row in rows if ">鄧小平<" in row[0])
    assert "<b>" in deng[0] and "의 개혁" in deng[0] and "source::" in deng[2]
    # The same deck as A's (the terms first stored in B by the partial import come first).
    assert sorted(rows) == sorted(_tsv_rows(tmp_path / "A.tsv"))
    # Importing both again, in the other order, changes nothing.
    before = (tmp_path / "B.tsv").read_text(encoding="utf-8")
    run(capsys, "--db", b, "import", full)
    run(capsys, "--db", b, "import", known)
    run(capsys, "--db", b, "export", "--force", "-o", str(tmp_path / "B.tsv"))
    assert (tmp_path / "B.tsv").read_text(encoding="utf-8") == before
