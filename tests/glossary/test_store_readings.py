"""Whose reading a gloss follows, the readings beside it and uncertain mentions, in the store
(schema 3, issue 17): kept on add, read back, exported to JSON, imported, migrated."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from glossary import Glossary, Term, build_glossary, document_from_text
from glossary.errors import InputError
from glossary.model import Mention, term_to_dict
from glossary.store import MIGRATIONS, SCHEMA_VERSION, open_store
from glossary.store.records import extracted_values
from glossary.store.schema import (
    APPLICATION_ID,
    EXTRACTED_COLUMNS_V1,
    READING_COLUMNS,
    legacy_reading_language,
)

TEXT = (
    "美 증시가 흔들렸다. 다카이치 사나에(高市早苗) 총리가 말했다. "
    "선전(深圳)에서 저장(浙江)성으로 갔다. 파일을 저장했다. 저장성 사람들."
)
NOW = "2024-05-01T09:30:00.000000+00:00"


def _filled(term: Term) -> Term:
    """The term with the readings the engine is to give it (built by hand until it does)."""
    if term.hanja == "高市早苗":
        return replace(
            term,
            kind="transcription",
            reading_language="ja",
            japanese_reading="たかいち さなえ",
            japanese_romaji="takaichi sanae",
        )
    if term.hanja == "深圳":
        return replace(term, conventional_reading="심천", conventional_source="Korean press usage")
    if term.hanja == "美":
        return replace(term, abbreviates="미국")
    if term.hanja == "浙江":  # 파일을 저장했다: "saved", not Zhejiang; 저장성 is the province.
        glossed = term.occurrences[0].end
        found = [i for i in range(glossed, len(TEXT)) if TEXT.startswith("저장", i)]
        return replace(term, mentions=tuple(Mention(i, i + 2, TEXT[i + 2] == "성") for i in found))
    return term


@pytest.fixture(scope="module")
def readings() -> Glossary:
    """A short text whose terms carry every new field."""
    glossary = build_glossary(document_from_text(TEXT), dictionary=False)
    return replace(glossary, terms=tuple(_filled(t) for t in glossary.terms))


def _term(glossary: Glossary, hanja: str) -> Term:
    return next(t for t in glossary.terms if t.hanja == hanja)


def _fields(term: Term) -> dict[str, Any]:
    """What the store keeps of a term from its extraction: its JSON but its places and the
    dictionary's part (looked up when read, if another test has an index open)."""
    data = term_to_dict(term)
    del data["occurrences"], data["mentions"]
    del data["meanings"], data["mandarin_word"], data["frequency_rank"]
    for char in data["chars"]:
        del char["meanings"]
    return data


def test_the_new_fields_go_through_the_store_and_json_unchanged(
    tmp_path: Path, readings: Glossary
) -> None:
    with open_store(tmp_path / "a.sqlite3") as store:
        store.add_glossary(readings)
        for term in readings.terms:
            stored = store.get(term.key)
            assert stored is not None
            assert _fields(stored.term) == _fields(term)
        data = store.dump()
    exported = {t["hanja"]: t for t in json.loads(json.dumps(data, ensure_ascii=False))["terms"]}
    assert exported["高市早苗"]["reading_language"] == "ja"
    assert exported["高市早苗"]["japanese_reading"] == "たかいち さなえ"
    assert exported["高市早苗"]["japanese_romaji"] == "takaichi sanae"
    assert exported["深圳"]["conventional_reading"] == "심천"
    assert exported["深圳"]["conventional_source"] == "Korean press usage"
    assert exported["美"]["abbreviates"] == "미국"
    assert exported["浙江"]["documents"][0]["mentions"] == 1
    assert exported["浙江"]["documents"][0]["uncertain_mentions"] == 1
    with open_store(tmp_path / "b.sqlite3") as fresh:
        fresh.import_data(json.loads(json.dumps(data)))
        assert fresh.dump() == data
        for term in readings.terms:
            again = fresh.get(term.key)
            assert again is not None and _fields(again.term) == _fields(term)


def test_uncertain_mentions_are_counted_apart(tmp_path: Path, readings: Glossary) -> None:
    """Only sure mentions count as uses; the others are kept, apart, and in no total."""
    with open_store(tmp_path / "g.sqlite3") as store:
        result = store.add_glossary(readings)
        zhejiang = store.get(_term(readings, "浙江").key)
        stats = store.stats()
    assert zhejiang is not None
    assert (zhejiang.mentions, zhejiang.uncertain_mentions, zhejiang.uses) == (1, 1, 2)
    assert [(s.mentions, s.uncertain_mentions) for s in zhejiang.sources] == [(1, 1)]
    assert (result.mentions, result.uncertain_mentions) == (1, 1)
    assert (stats.mentions, stats.uncertain_mentions) == (1, 1)


def test_an_export_from_before_the_readings_still_imports(
    tmp_path: Path, readings: Glossary
) -> None:
    """Without the keys, a term gets the reading language the engine gave it then."""
    plain = replace(readings, terms=tuple(t for t in readings.terms if t.hanja != "高市早苗"))
    with open_store(tmp_path / "a.sqlite3") as store:
        store.add_glossary(plain)
        data = store.dump()
    older = json.loads(json.dumps(data))
    for term in older["terms"]:
        for key in READING_COLUMNS:
            del term[key]
        for link in term["documents"]:
            del link["uncertain_mentions"]
    with open_store(tmp_path / "b.sqlite3") as other:
        other.import_data(older)
        imported = {t["hanja"]: t for t in other.dump()["terms"]}
    assert {h: t["reading_language"] for h, t in imported.items()} == {
        "美": "",
        "深圳": "zh",
        "浙江": "zh",
    }
    assert all(t[k] == "" for t in imported.values() for k in READING_COLUMNS[1:])
    assert imported["浙江"]["documents"][0]["uncertain_mentions"] == 0


def test_newer_readings_win_a_merge_and_older_ones_do_not(
    tmp_path: Path, readings: Glossary
) -> None:
    """The readings are extracted fields: an export's win when its ``updated_at`` is later."""
    key = _term(readings, "深圳").key
    with open_store(tmp_path / "a.sqlite3") as store:
        store.add_glossary(readings)
        data = store.dump()
        term = next(t for t in data["terms"] if t["hanja"] == "深圳")
        term["conventional_reading"] = "심수"
        store.import_data(data)  # Not newer: the store's own stay.
        kept = store.get(key)
        term["updated_at"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
        store.import_data(data)
        won = store.get(key)
    assert kept is not None and kept.term.conventional_reading == "심천"
    assert won is not None and won.term.conventional_reading == "심수"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "reading_language",
            "jp",
            'reading_language: must be zh, ja, ko or "" [(]none[)], not "jp"',
        ),
        ("reading_language", None, "reading_language: must be zh, ja, ko or"),
        ("japanese_reading", "takaichi", "japanese_reading: must be kana"),
        ("japanese_reading", 3, "japanese_reading: must be a string, not 3"),
        ("japanese_romaji", "たかいち", "japanese_romaji: must be romaji"),
        ("conventional_reading", "深圳", "conventional_reading: must be hangul"),
        ("abbreviates", "America", "abbreviates: must be hangul"),
        ("conventional_source", None, "conventional_source: must be a string, not null"),
    ],
)
def test_import_checks_the_readings(
    tmp_path: Path, readings: Glossary, field: str, value: object, message: str
) -> None:
    with open_store(tmp_path / "a.sqlite3") as store:
        store.add_glossary(readings)
        data = store.dump()
    data["terms"][0][field] = value
    pattern = rf"terms\[0\]\.{message}"
    with open_store(tmp_path / "b.sqlite3") as other, pytest.raises(InputError, match=pattern):
        other.import_data(data)
    assert other_is_empty(tmp_path / "b.sqlite3")


@pytest.mark.parametrize(
    ("value", "message"),
    [(-1, "must be a whole number ≥ 0, not -1"), (10**6, "must be at most the length")],
)
def test_import_checks_uncertain_mentions(
    tmp_path: Path, readings: Glossary, value: int, message: str
) -> None:
    with open_store(tmp_path / "a.sqlite3") as store:
        store.add_glossary(readings)
        data = store.dump()
    where = next(i for i, t in enumerate(data["terms"]) if t["documents"])
    data["terms"][where]["documents"][0]["uncertain_mentions"] = value
    pattern = rf"terms\[{where}\]\.documents\[0\]\.uncertain_mentions: {message}"
    with open_store(tmp_path / "b.sqlite3") as other, pytest.raises(InputError, match=pattern):
        other.import_data(data)


def other_is_empty(path: Path) -> bool:
    db = sqlite3.connect(path)
    try:
        return int(db.execute("SELECT count(*) FROM terms").fetchone()[0]) == 0
    finally:
        db.close()


def _schema_2_store(path: Path, terms: list[Term]) -> None:
    """A store as hanja-reader wrote it before the readings were kept (schema 2)."""
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:2]:
        db.executescript(script)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 2")
    columns = ", ".join(EXTRACTED_COLUMNS_V1)
    with db:
        db.execute(
            "INSERT INTO documents (sha256, path, title, encoding, length, added_at) "
            "VALUES (?, '', 't', 'utf-8', 10, ?)",
            ("0" * 64, NOW),
        )
        for term in terms:
            cursor = db.execute(
                f"INSERT INTO terms (hanja, hangul, {columns}, created_at, updated_at) "
                f"VALUES (?, ?, {', '.join('?' * len(EXTRACTED_COLUMNS_V1))}, ?, ?)",
                (*term.key, *extracted_values(term)[: len(EXTRACTED_COLUMNS_V1)], NOW, NOW),
            )
            db.execute(
                "INSERT INTO term_documents (term_id, document_id, mentions) VALUES (?, 1, 2)",
                (cursor.lastrowid,),
            )
    db.close()


def test_a_schema_2_store_is_migrated(tmp_path: Path, readings: Glossary) -> None:
    mixed = replace(
        _term(readings, "深圳"),
        hanja="未來科技成",
        kind="mixed",
        matches=(),
        kind_note="미래과기 is the Sino-Korean reading of 未來科技; the rest translates",
    )
    half = replace(mixed, hanja="北京市", kind_note="베이징 is the Mandarin reading of 北京")
    sino = replace(_term(readings, "深圳"), hanja="甲", hangul="갑", kind="sino", matches=("sino",))
    both = replace(sino, hanja="乙", kind="mixed", matches=("sino", "transcription"))
    terms = [*readings.terms, mixed, half, sino, both]
    path = tmp_path / "old.sqlite3"
    _schema_2_store(path, terms)
    with open_store(path) as store:
        assert store._user_version() == SCHEMA_VERSION
        stored = {t.term.hanja: t for t in store.terms()}
        assert store.integrity_check() == []
    # The migration's SQL and the import's Python give every kind the same language.
    for term in terms:
        expected = legacy_reading_language(term.kind, term.matches, term.kind_note)
        assert stored[term.hanja].term.reading_language == expected, term.hanja
    assert [
        stored[h].term.reading_language for h in ("深圳", "美", "甲", "未來科技成", "北京市")
    ] == [
        "zh",
        "",
        "ko",
        "ko",
        "zh",
    ]
    assert stored["乙"].term.reading_language == "zh"
    assert all(getattr(t.term, k) == "" for t in stored.values() for k in READING_COLUMNS[1:])
    assert [(s.mentions, s.uncertain_mentions) for s in stored["深圳"].sources] == [(2, 0)]
    # The next add of the same terms, now with their readings, updates them.
    with open_store(path) as store:
        result = store.add_glossary(readings)
        town = store.get(_term(readings, "高市早苗").key)
    assert result.updated_terms >= 3
    assert town is not None and town.term.japanese_romaji == "takaichi sanae"


def test_a_mention_read_from_json_keeps_its_certainty(readings: Glossary) -> None:
    """The extract's JSON says which mentions are guesses (the store keeps counts only)."""
    mentions = term_to_dict(_term(readings, "浙江"))["mentions"]
    assert [m["certain"] for m in mentions] == [False, True]
