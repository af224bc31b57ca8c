"""Each sentence stored once per document (schema 4): written, replaced, imported, migrated."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from glossary import Glossary, build_glossary
from glossary.sources.files import document_from_text
from glossary.store import MIGRATIONS, SCHEMA_VERSION, Store, open_store
from glossary.store.records import prepare
from glossary.store.schema import APPLICATION_ID

CHINESE = "我们要坚持改革开放。改革开放是我们的路！\n他说：改革开放。杭州人工智能小镇位于余杭区。"
MORE = CHINESE + "\n改革开放四十年，杭州变了。"


def _chinese(text: str, path: str) -> Glossary:
    glossary = build_glossary(document_from_text(text), dictionary=False)
    return replace(glossary, document=replace(glossary.document, path=path))


def _sentences(store: Store) -> list[tuple[int, str]]:
    return store._db.execute("SELECT document_id, text FROM sentences ORDER BY id").fetchall()


def _unplaced(dump: dict[str, Any]) -> dict[str, Any]:
    """An export as a store of schema 4 or before gives it: no place's offset in its sentence."""
    for term in dump["terms"]:
        for place in term["occurrences"]:
            place["sentence_at"] = None
    return dump


def _places(store: Store) -> dict[tuple[str, str], list[tuple[object, ...]]]:
    """Each term's places, in an order that does not depend on the documents' ids."""
    return {
        (t["hanja"], t["hangul"]): sorted(tuple(p.values()) for p in t["occurrences"])
        for t in store.dump()["terms"]
    }


@pytest.fixture
def filled(tmp_path: Path, sample: Glossary) -> Store:
    """The sample article and two Chinese documents that share sentences, with marks."""
    store = open_store(tmp_path / "a.sqlite3")
    store.add_glossary(sample)
    store.add_glossary(_chinese(CHINESE, "/news/one.txt"))
    store.add_glossary(_chinese(MORE, "/news/two.txt"))
    store.set_status(("杭州", "항저우"), "known")
    store.set_note(("改革开放", ""), "reform and opening")
    return store


def test_a_sentence_is_stored_once_per_document_and_read_back_at_each_place(
    tmp_path: Path,
) -> None:
    glossary = _chinese(CHINESE, "/news/one.txt")
    expected = {t.key: [row[7] for row in t.occurrences] for t in prepare(glossary).terms}
    with open_store(tmp_path / "g.sqlite3") as store:
        store.add_glossary(glossary)
        texts = [text for _, text in _sentences(store)]
        assert len(texts) == len(set(texts)) == len({s for v in expected.values() for s in v})
        assert sum(map(len, expected.values())) > 3 * len(texts)  # Many words per sentence.
        stored = {
            (t["hanja"], t["hangul"]): [p["sentence"] for p in t["occurrences"]]
            for t in store.dump()["terms"]
        }
        assert stored == expected
        reform = next(t for t in store.terms() if t.term.hanja == "改革开放")
        assert reform.example is not None and reform.example.sentence == "我们要坚持改革开放。"


def test_documents_sharing_a_sentence_each_keep_their_own(filled: Store) -> None:
    rows = _sentences(filled)
    assert len(rows) == len(set(rows))
    shared = [doc for doc, text in rows if text == "改革开放是我们的路！"]
    assert len(shared) == 2 and shared[0] != shared[1]


def test_a_replaced_document_takes_its_sentences_with_it(filled: Store) -> None:
    before = len(_sentences(filled))
    result = filled.add_glossary(_chinese("杭州是浙江的省会。", "/news/one.txt"))
    assert result.action == "replaced"
    doc_id = filled._db.execute("SELECT id FROM documents WHERE path = '/news/one.txt'").fetchone()
    assert [t for d, t in _sentences(filled) if d == doc_id[0]] == ["杭州是浙江的省会。"]
    assert len(_sentences(filled)) < before
    assert filled.integrity_check() == []


def test_an_import_into_a_store_with_the_document_reuses_its_sentences(
    filled: Store, tmp_path: Path
) -> None:
    exported = filled.dump()
    half = _chinese(MORE, "/news/two.txt")
    half = replace(half, terms=half.terms[: len(half.terms) // 2])
    with open_store(tmp_path / "b.sqlite3") as other:
        other.add_glossary(half)
        other.import_data(exported)
        rows = _sentences(other)
        assert len(rows) == len(set(rows))
        assert _places(other) == _places(filled)
        assert other.integrity_check() == []


def _as_schema_3(source: Path, target: Path) -> None:
    """The same store as hanja-reader wrote it before sentences were kept apart."""
    db = sqlite3.connect(target)
    for script in MIGRATIONS[:3]:
        db.executescript(script)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 3")
    db.execute("ATTACH DATABASE ? AS new", (str(source),))
    with db:
        for table in ("documents", "terms", "corrections", "term_documents"):
            db.execute(f"INSERT INTO main.{table} SELECT * FROM new.{table}")
        db.execute(
            "INSERT INTO main.occurrences SELECT o.id, o.term_id, o.document_id, o.span_start, "
            "o.span_end, o.hanja_start, o.hanja_end, o.gloss_start, o.gloss_end, o.surface, "
            "s.text, o.note FROM new.occurrences o JOIN new.sentences s ON s.id = o.sentence_id"
        )
    db.execute("DETACH DATABASE new")
    db.close()


def test_a_schema_3_store_is_migrated_without_losing_a_place(filled: Store, tmp_path: Path) -> None:
    dump, sentences = _unplaced(filled.dump()), _sentences(filled)
    terms = [
        replace(t, example=replace(t.example, at=None) if t.example else None)
        for t in filled.terms()
    ]
    places = filled._db.execute("SELECT id, term_id FROM occurrences ORDER BY id").fetchall()
    filled.close()
    old = tmp_path / "old.sqlite3"
    _as_schema_3(filled.path, old)
    with sqlite3.connect(old) as db:
        assert db.execute("SELECT count(*) FROM occurrences").fetchone()[0] == len(places)
    with open_store(old) as store:
        assert store._user_version() == SCHEMA_VERSION == 5
        assert store.dump() == dump
        assert store.terms() == terms
        assert _sentences(store) == sentences  # Once per document, in the order first used.
        assert store._db.execute("SELECT id, term_id FROM occurrences ORDER BY id").fetchall() == (
            places
        )
        assert store.integrity_check() == []
        store.add_glossary(_chinese("杭州是浙江的省会。", "/news/three.txt"))
        assert store.stats().documents == 4


def test_a_migrated_store_gives_back_the_space_its_sentences_took(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.sqlite3") as store:
        store.add_glossary(_chinese(MORE * 200, "/news/long.txt"))
        dump = _unplaced(store.dump())
    old = tmp_path / "old.sqlite3"
    _as_schema_3(tmp_path / "a.sqlite3", old)
    before = old.stat().st_size
    with open_store(old) as store:
        assert store.dump() == dump
        assert store._db.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert old.stat().st_size < before * 0.75
