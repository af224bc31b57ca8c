"""CC-CEDICT meanings in the store: kept on add, exported, filled on upgrade (issue 16.1)."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from glossary import Glossary, build_glossary, read_document
from glossary.cli import main
from glossary.corpus import reading
from glossary.corpus.bulk import add_sources
from glossary.corpus.walk import find_sources
from glossary.dictionary.build import ENV_VAR
from glossary.dictionary.index import CedictIndex
from glossary.model import term_to_dict
from glossary.paths import DB_ENV_VAR
from glossary.sources.files import bundled_article_path, document_from_text
from glossary.store import MIGRATIONS, SCHEMA_VERSION, open_store
from glossary.store.records import extracted_values
from glossary.store.schema import APPLICATION_ID, EXTRACTED_COLUMNS_V1
from reader.term_info import term_card
from tests.glossary.cedict_support import real_index, write_excerpt

ARTICLE = bundled_article_path()
HANGZHOU = ("杭州", "항저우")
TOWN = ("人工知能小鎭", "AI타운")
LOOKED_UP = ("meanings", "mandarin_word", "frequency_rank")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> CedictIndex:
    """The real CC-CEDICT index, open in this process (so stores find it without building)."""
    return real_index(tmp_path_factory)


def _looked_up(term: dict[str, Any]) -> tuple[Any, ...]:
    """What the dictionary gave a term in the JSON contract: word and character meanings."""
    return (*(term[k] for k in LOOKED_UP), [c["meanings"] for c in term["chars"]])


def _old_store(path: Path, glossary: Glossary) -> None:
    """A store as hanja-reader wrote it before meanings were kept (schema 1)."""
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    now = "2024-05-01T09:30:00.000000+00:00"
    columns = ", ".join(EXTRACTED_COLUMNS_V1)
    with db:
        for term in glossary.terms:
            db.execute(
                f"INSERT INTO terms (hanja, hangul, {columns}, created_at, updated_at) "
                f"VALUES (?, ?, {', '.join('?' * len(EXTRACTED_COLUMNS_V1))}, ?, ?)",
                (*term.key, *extracted_values(term)[: len(EXTRACTED_COLUMNS_V1)], now, now),
            )
    db.close()


def _not_looked_up(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return int(
            db.execute("SELECT count(*) FROM terms WHERE mandarin_word IS NULL").fetchone()[0]
        )
    finally:
        db.close()


def test_add_keeps_word_and_character_meanings(
    tmp_path: Path, sample: Glossary, index: CedictIndex
) -> None:
    with open_store(tmp_path / "g.sqlite3") as store:
        store.add_glossary(sample)
    assert _not_looked_up(tmp_path / "g.sqlite3") == 0
    with open_store(tmp_path / "g.sqlite3") as store:
        for term in sample.terms:
            stored = store.get(term.key)
            assert stored is not None
            assert stored.term.meanings == term.meanings
            assert stored.term.mandarin_word is term.mandarin_word
            assert stored.term.frequency_rank == term.frequency_rank
            assert [c.meanings for c in stored.term.chars] == [c.meanings for c in term.chars]
        hangzhou = store.get(HANGZHOU)
        town = store.get(TOWN)
    assert hangzhou is not None and hangzhou.term.meanings[0].startswith("Hangzhou")
    assert hangzhou.term.mandarin_word is True and hangzhou.term.frequency_rank is not None
    assert town is not None and town.term.mandarin_word is False and town.term.meanings == ()
    assert town.term.chars[0].meanings[0] == "person"


def test_glossary_add_and_the_json_export_carry_what_extract_says(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    index: CedictIndex,
) -> None:
    monkeypatch.setenv(DB_ENV_VAR, str(tmp_path / "g.sqlite3"))
    assert main(["extract", "--format", "json", str(ARTICLE)]) == 0
    extracted = {t["hanja"]: _looked_up(t) for t in json.loads(capsys.readouterr().out)["terms"]}
    assert main(["add", str(ARTICLE)]) == 0
    capsys.readouterr()
    for command in (["export", "--format", "json", "-o", "-"], ["list", "-f", "json"]):
        assert main(command) == 0
        exported = json.loads(capsys.readouterr().out)["terms"]
        assert {t["hanja"]: _looked_up(t) for t in exported} == extracted
    hangzhou = extracted["杭州"]
    assert hangzhou[1] is True and hangzhou[0] and hangzhou[3][0][0] == "surname Hang"


def test_a_chinese_text_is_stored_with_the_senses_its_places_give(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    index: CedictIndex,
) -> None:
    # A flashcard of 才 says "then and only then", of 江 (江主席) "surname Jiang", as the
    # reader's card and extract's JSON do: not "ability" and "river".
    path = tmp_path / "zh.txt"
    path.write_text(
        "我才知道。他才来。会议后，三名代表发言。江主席会见了客人。何鲁丽副委员长出席。",
        encoding="utf-8",
    )
    monkeypatch.setenv(DB_ENV_VAR, str(tmp_path / "g.sqlite3"))
    assert main(["extract", "--format", "json", str(path)]) == 0
    extracted = {t["hanja"]: _looked_up(t) for t in json.loads(capsys.readouterr().out)["terms"]}
    assert main(["add", str(path)]) == 0
    capsys.readouterr()
    assert main(["export", "--format", "json", "-o", "-"]) == 0
    exported = {t["hanja"]: _looked_up(t) for t in json.loads(capsys.readouterr().out)["terms"]}
    assert exported == extracted
    firsts = {hanja: exported[hanja][0][0] for hanja in ("才", "后", "名", "江")}
    assert firsts == {
        "才": "then and only then",
        "后": "after",
        "名": "classifier for people",
        "江": "surname Jiang",
    }
    assert exported["何鲁丽"][3][0][0] == "surname He"


def test_folders_imported_by_workers_keep_meanings(tmp_path: Path, index: CedictIndex) -> None:
    root = tmp_path / "news"
    root.mkdir()
    for i in range(4):
        (root / f"a{i}.txt").write_text(
            f"{i}번 기사: 마윈(馬雲)은 항저우(杭州)에서 정쟁(政爭)을 피했다.\n", encoding="utf-8"
        )
    sources = find_sources([str(root)])
    dumps = []
    for jobs in (1, 2):
        path = tmp_path / f"jobs{jobs}.sqlite3"
        with open_store(path) as store:
            add_sources(store, sources, jobs=jobs)
        assert _not_looked_up(path) == 0
        with open_store(path) as store:
            dumps.append([_looked_up(t) for t in store.dump()["terms"]])
            fight = store.get(("政爭", "정쟁"))
        assert fight is not None and fight.term.mandarin_word is False
        assert fight.term.chars[0].meanings[:1] == ("political",)
    assert dumps[0] == dumps[1]


def test_a_worker_opens_its_own_index_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, index: CedictIndex
) -> None:
    """A worker reads the index the parent built, through a connection of its own."""
    text = tmp_path / "a.txt"
    text.write_text("마윈(馬雲)은 항저우(杭州)에 산다.\n", encoding="utf-8")
    monkeypatch.setattr(multiprocessing, "parent_process", lambda: object())
    reader = reading.Reader(frozenset(), None)
    outcome = reader.outcome(str(text))
    assert outcome.document is not None
    senses = {t.key: t.senses for t in outcome.document.terms}
    assert senses[("馬雲", "마윈")] is not None and senses[HANGZHOU] is not None
    opened = reader.dictionary()
    assert opened is not None and opened is not index and opened.path == index.path


def test_an_old_store_is_upgraded_and_filled(tmp_path: Path, index: CedictIndex) -> None:
    path = tmp_path / "old.sqlite3"
    plain = build_glossary(read_document(ARTICLE), dictionary=False)
    _old_store(path, plain)
    with open_store(path) as store:
        assert store._user_version() == SCHEMA_VERSION
        # Reading shows the meanings at once, from the index this process has open...
        hangzhou = store.get(HANGZHOU)
        assert hangzhou is not None and hangzhou.term.meanings[0].startswith("Hangzhou")
        data = store.dump()
        assert all(t["mandarin_word"] is not None for t in data["terms"])
        assert _not_looked_up(path) == 12  # ...and never writes.
        # The next add keeps them, for every term.
        store.add_glossary(
            build_glossary(document_from_text("북경(北京)에 갔다."), dictionary=False)
        )
        assert _not_looked_up(path) == 0
        assert store.dump()["terms"][:12] == data["terms"]
        assert store.integrity_check() == []


def test_opening_an_old_store_never_builds_the_dictionary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a built index (here: a dictionary file never indexed) list and show just read."""
    source, _ = write_excerpt(tmp_path)
    monkeypatch.setenv(ENV_VAR, str(source))
    cache = Path(str(tmp_path / "xdg_cache_home"))
    path = tmp_path / "old.sqlite3"
    _old_store(path, build_glossary(read_document(ARTICLE), dictionary=False))
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    for command in (["list"], ["show", "杭州"], ["list", "-f", "json"]):
        assert main(command) == 0
    out = capsys.readouterr().out
    assert '"mandarin_word": null' in out
    assert not list(cache.rglob("cedict-*"))
    with open_store(path) as store:
        hangzhou = store.get(HANGZHOU)
        assert hangzhou is not None and hangzhou.term.meanings == ()


def test_json_import_keeps_meanings_and_reads_older_exports(
    tmp_path: Path, sample: Glossary, index: CedictIndex
) -> None:
    with open_store(tmp_path / "a.sqlite3") as store:
        store.add_glossary(sample)
        data = store.dump()
    with open_store(tmp_path / "b.sqlite3") as other:
        other.import_data(data)
        assert other.dump() == data
    assert _not_looked_up(tmp_path / "b.sqlite3") == 0
    older = json.loads(json.dumps(data))
    for term in older["terms"]:
        for key in LOOKED_UP:
            del term[key]
        for char in term["chars"]:
            del char["meanings"]
    with open_store(tmp_path / "c.sqlite3") as third:
        third.import_data(older)
        assert [_looked_up(t) for t in third.dump()["terms"]] == [
            _looked_up(t) for t in data["terms"]
        ]
    assert _not_looked_up(tmp_path / "c.sqlite3") == 12  # Looked up when read, kept on add.


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.update(meanings="city"), "terms[0].meanings: must be a list"),
        (lambda t: t["chars"][0].update(meanings=[1]), "terms[0].chars[0].meanings[0]: must be"),
        (lambda t: t.update(mandarin_word=1), "terms[0].mandarin_word: must be true, false"),
        (lambda t: t.update(frequency_rank=0), "terms[0].frequency_rank: must be a whole number"),
    ],
)
def test_import_checks_the_meanings(
    tmp_path: Path, sample: Glossary, index: CedictIndex, change: Any, message: str
) -> None:
    from glossary.errors import InputError

    with open_store(tmp_path / "a.sqlite3") as store:
        store.add_glossary(sample)
        data = store.dump()
    change(data["terms"][0])
    pattern = message.replace("[", r"\[").replace("]", r"\]")
    with open_store(tmp_path / "b.sqlite3") as other, pytest.raises(InputError, match=pattern):
        other.import_data(data)


def test_cards_of_stored_terms_show_word_or_character_meanings(
    tmp_path: Path, sample: Glossary, index: CedictIndex
) -> None:
    bare = build_glossary(document_from_text("여야의 政爭이 격화됐다."))
    with open_store(tmp_path / "g.sqlite3") as store:
        store.add_glossary(sample)
        store.add_glossary(bare)
        cards = {
            t.term.hanja: term_card(t.term, palette="none", width=60).plain for t in store.terms()
        }
    assert "meaning" in cards["杭州"] and "Hangzhou subprovincial city" in cards["杭州"]
    assert "by character" not in cards["杭州"]
    assert "by character: 人 person; 工 work; 知 to know; 能 can" in cards["人工知能小鎭"]
    assert "by character: 政 political; 爭 to strive for" in cards["政爭"]
    brief = term_card(
        next(t for t in bare.terms), palette="none", width=30, brief=True
    ).plain.splitlines()
    (line,) = [s for s in brief if s.startswith("by character")]
    assert cell_len(line) <= 30 and line.endswith("…")


def test_term_to_dict_is_what_the_store_exports(
    tmp_path: Path, sample: Glossary, index: CedictIndex
) -> None:
    """The export's term keys are the extract's, with the store's own added."""
    with open_store(tmp_path / "g.sqlite3") as store:
        store.add_glossary(sample)
        exported = store.dump()["terms"][2]
    extracted = term_to_dict(sample.terms[2])
    del extracted["occurrences"], extracted["mentions"]
    assert {k: exported[k] for k in extracted} == extracted
