"""The glossary store: adding documents, reading terms, marks, errors, migrations, paths."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from glossary import Document, Glossary, Occurrence, Term, build_glossary
from glossary.errors import StoreError, UnknownTermError
from glossary.paths import DB_ENV_VAR, db_path, default_db_path
from glossary.sources.files import document_from_text
from glossary.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Store,
    StoreStatuses,
    open_store,
)

HANGZHOU = ("杭州", "항저우")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty store in the test's folder."""
    return open_store(tmp_path / "data" / "glossary.sqlite3")


def fake_glossary(text: str, pairs: list[tuple[str, str]], path: str = "") -> Glossary:
    """A glossary built by hand: one term per (hangul, hanja) written as hangul(hanja)."""
    document = document_from_text(text, path=path, title="fake")
    terms = []
    for hangul, hanja in pairs:
        surface = f"{hangul}({hanja})"
        start = text.index(surface)
        h_start = start + len(hangul) + 1
        occurrence = Occurrence(
            start,
            start + len(surface),
            h_start,
            h_start + len(hanja),
            start,
            start + len(hangul),
            sentence=text,
        )
        terms.append(
            Term(
                hanja=hanja,
                hangul=hangul,
                kind="translation",
                simplified=hanja,
                traditional=hanja,
                pinyin="",
                pinyin_numbered="",
                sino_korean="",
                mandarin_hangul="",
                occurrences=(occurrence,),
            )
        )
    return Glossary(document, tuple(terms))


def test_add_stores_every_term_with_places_and_mentions(store: Store, sample: Glossary) -> None:
    result = store.add_glossary(sample)
    assert result.action == "added"
    assert (result.terms, result.new_terms, result.occurrences, result.mentions) == (12, 12, 13, 41)
    terms = store.terms()
    assert [t.key for t in terms] == [t.key for t in sample.terms]
    hangzhou = store.get(HANGZHOU)
    assert hangzhou is not None
    assert hangzhou.status == "new"
    assert (hangzhou.occurrences, hangzhou.mentions) == (1, 15)
    assert hangzhou.term.pinyin == "háng zhōu"
    assert hangzhou.term.chars[0].hun_eum == "건널 항"
    assert hangzhou.example is not None
    assert hangzhou.example.surface == "항저우(杭州)"
    surface = hangzhou.example.surface
    assert surface[hangzhou.example.hanja_start : hangzhou.example.hanja_end] == "杭州"
    assert hangzhou.sources[0].sha256 == sample.document.sha
    assert store.integrity_check() == []


def test_adding_the_same_content_again_changes_nothing(store: Store, sample: Glossary) -> None:
    store.add_glossary(sample)
    store.set_status(HANGZHOU, "known")
    before = store.dump()
    again = store.add_glossary(sample)
    assert again.action == "unchanged"
    assert store.dump() == before
    assert store.has_document(sample.document.sha)


def test_a_changed_file_replaces_its_older_version(store: Store, tmp_path: Path) -> None:
    path = str(tmp_path / "a.txt")
    store.add_glossary(
        fake_glossary("마윈(馬雲)과 저장(浙江)", [("마윈", "馬雲"), ("저장", "浙江")], path)
    )
    store.set_note(("浙江", "저장"), "province")
    result = store.add_glossary(fake_glossary("마윈(馬雲) 회장", [("마윈", "馬雲")], path))
    assert result.action == "replaced"
    stats = store.stats()
    assert (stats.documents, stats.terms, stats.occurrences) == (1, 2, 1)
    kept = store.get(("浙江", "저장"))
    assert kept is not None and kept.user_note == "province" and kept.sources == ()


def test_terms_are_shared_across_documents(store: Store) -> None:
    store.add_glossary(fake_glossary("마윈(馬雲) 하나", [("마윈", "馬雲")]))
    result = store.add_glossary(fake_glossary("마윈(馬雲) 둘", [("마윈", "馬雲")]))
    assert (result.new_terms, result.terms) == (0, 1)
    (term,) = store.terms()
    assert len(term.sources) == 2 and term.occurrences == 2


def test_filters_by_status_and_kind(store: Store, sample: Glossary) -> None:
    store.add_glossary(sample)
    store.set_status(HANGZHOU, "known")
    store.set_status(("浙江", "저장"), "learning")
    assert [t.key for t in store.terms(status="known")] == [HANGZHOU]
    assert len(store.terms(status=["known", "learning"])) == 2
    assert {t.term.kind for t in store.terms(kind="sino")} == {"sino"}
    assert store.terms(status="ignored", kind="sino") == []
    assert store.terms(keys=[]) == []


def test_marks_notes_meanings_and_corrections(store: Store, sample: Glossary) -> None:
    store.add_glossary(sample)
    store.set_status(HANGZHOU, "learning")
    store.set_note(HANGZHOU, "capital of Zhejiang")
    store.set_meaning(HANGZHOU, "Hangzhou")
    store.correct(HANGZHOU, "sino_korean", "항주(杭州)")
    term = store.get(HANGZHOU)
    assert term is not None
    assert (term.status, term.user_note, term.meaning) == (
        "learning",
        "capital of Zhejiang",
        "Hangzhou",
    )
    assert term.term.sino_korean == "항주(杭州)"
    assert term.corrections == {"sino_korean": "항주(杭州)"}
    assert term.user_updated_at >= term.created_at
    # Adding more text never undoes a correction; removing it restores the extracted value.
    store.add_glossary(build_glossary(document_from_text("항저우(杭州)에서")))
    assert store.get(HANGZHOU).term.sino_korean == "항주(杭州)"  # type: ignore[union-attr]
    store.correct(HANGZHOU, "sino_korean", None)
    assert store.get(HANGZHOU).term.sino_korean == "항주"  # type: ignore[union-attr]
    with pytest.raises(ValueError):
        store.correct(HANGZHOU, "hanja", "x")
    with pytest.raises(ValueError):
        store.set_status(HANGZHOU, "forgotten")


def test_unknown_terms_raise_a_typed_error(store: Store) -> None:
    with pytest.raises(UnknownTermError):
        store.set_status(("無", "무"), "known")
    with pytest.raises(UnknownTermError):
        store.correct(("無", "무"), "pinyin", "wú")
    assert store.status_of(("無", "무")) == "new"


def test_resolve_by_hanja_gloss_or_both(store: Store, sample: Glossary) -> None:
    store.add_glossary(sample)
    store.add_glossary(fake_glossary("항주(杭州)라고도", [("항주", "杭州")]))
    assert store.resolve("항저우") == HANGZHOU
    assert store.resolve("항저우(杭州)") == HANGZHOU
    assert store.resolve("杭州/항주") == ("杭州", "항주")
    with pytest.raises(UnknownTermError, match="ambiguous"):
        store.resolve("杭州")
    with pytest.raises(UnknownTermError, match="no term"):
        store.resolve("北京")


def test_stats_count_everything(store: Store, sample: Glossary) -> None:
    store.add_glossary(sample)
    store.set_status(HANGZHOU, "known")
    stats = store.stats()
    assert (stats.documents, stats.terms, stats.occurrences, stats.mentions) == (1, 12, 13, 41)
    assert stats.by_status == {"new": 11, "learning": 0, "known": 1, "ignored": 0}
    assert sum(stats.by_kind.values()) == 12


def test_status_adapter_for_the_reader(store: Store, sample: Glossary) -> None:
    store.add_glossary(sample)
    statuses = StoreStatuses(store)
    statuses.set(HANGZHOU, "known")
    statuses.set(("無", "무"), "known")  # Not stored: ignored, no error.
    assert statuses.get(HANGZHOU) == "known"
    assert statuses.get(("無", "무")) == "new"
    # A new connection (the CLI next time) sees the mark.
    with open_store(store.path) as other:
        assert other.status_of(HANGZHOU) == "known"


def test_status_adapter_adds_the_document_being_read_on_first_mark(
    store: Store, sample: Glossary
) -> None:
    statuses = StoreStatuses(store, sample)
    assert statuses.get(HANGZHOU) == "new" and store.stats().documents == 0
    statuses.set(HANGZHOU, "learning")
    assert store.status_of(HANGZHOU) == "learning" and store.stats().documents == 1
    statuses.set(("無", "무"), "known")  # Not a term of this document: ignored.
    assert store.stats().terms == 12


def test_the_file_is_in_wal_mode_with_a_schema_version(store: Store) -> None:
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


@pytest.mark.parametrize(
    "garbage",
    [b"not a database at all", bytes(range(256)) * 64, b"SQLite format 3\x00" + b"\xff" * 4080],
    ids=["text", "binary", "bad-header"],
)
def test_a_corrupt_file_gets_a_clear_error_and_is_never_written(
    tmp_path: Path, garbage: bytes
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "glossary.sqlite3"
    path.write_bytes(garbage)
    with pytest.raises(StoreError) as caught:
        open_store(path)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    assert path.read_bytes() == garbage
    assert sorted(p.name for p in folder.iterdir()) == ["glossary.sqlite3"]


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (x)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        open_store(path)
    assert path.read_bytes() == before


def test_a_newer_schema_is_refused(store: Store) -> None:
    store.close()
    with sqlite3.connect(store.path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer"):
        open_store(store.path)


def test_migrations_run_in_order_and_keep_data(store: Store, sample: Glossary) -> None:
    store.add_glossary(sample)
    store.set_status(HANGZHOU, "known")
    store.close()
    later = (*MIGRATIONS, "ALTER TABLE terms ADD COLUMN frequency INTEGER NOT NULL DEFAULT 0")
    with Store(store.path, migrations=later) as migrated:
        assert migrated._user_version() == SCHEMA_VERSION + 1
        assert migrated.status_of(HANGZHOU) == "known"
        assert migrated._db.execute("SELECT sum(frequency) FROM terms").fetchone()[0] == 0
    with pytest.raises(StoreError, match="newer"):
        open_store(store.path)


def test_a_directory_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        open_store(tmp_path)


def test_db_path_seam(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DB_ENV_VAR, raising=False)
    default = default_db_path()
    # The autouse fixture points XDG_DATA_HOME into tmp_path.
    assert default == tmp_path / "xdg_data_home" / "hanja-reader" / "glossary.sqlite3"
    assert db_path() == default
    assert db_path(env={DB_ENV_VAR: "/x/env.db"}) == Path("/x/env.db")
    assert db_path("/x/flag.db", env={DB_ENV_VAR: "/x/env.db"}) == Path("/x/flag.db")
    monkeypatch.setenv(DB_ENV_VAR, "~/g.db")
    assert db_path() == tmp_path / "home" / "g.db"


def test_documents_built_in_memory_are_stored_by_content(store: Store) -> None:
    glossary = fake_glossary("마윈(馬雲)", [("마윈", "馬雲")])
    bare = Glossary(Document(text=glossary.document.text, title="t"), glossary.terms)
    assert store.add_glossary(bare).action == "added"
    assert store.add_glossary(glossary).action == "unchanged"


def test_importing_the_store_and_exporters_loads_nothing_heavy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, glossary, glossary.cli, glossary.store, glossary.paths\n"
        "import glossary.store.export\n"
        "heavy = [m for m in ('genanki', 'platformdirs', 'anki', 'zipfile') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_a_store_held_too_long_by_another_writer_gets_a_clear_error(
    tmp_path: Path, sample: Glossary
) -> None:
    path = tmp_path / "g.sqlite3"
    with open_store(path) as first:
        first.add_glossary(sample)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with open_store(path, timeout=0.1) as store:
            assert store.status_of(HANGZHOU) == "new"  # Readers are not blocked (WAL).
            with pytest.raises(StoreError, match="busy") as caught:
                store.set_status(HANGZHOU, "known")
            assert str(path) in str(caught.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with open_store(path) as store:
        store.set_status(HANGZHOU, "known")
        assert store.status_of(HANGZHOU) == "known"


def test_a_chinese_words_places_are_stored_as_its_occurrences_would_be() -> None:
    # A bare word of a Chinese document keeps its places as offsets (WordPlaces); the rows
    # the store writes from them are those of the occurrences they stand for.
    from glossary.model import WordPlaces
    from glossary.store.records import prepare

    text = "我们要坚持改革开放。改革开放是我们的路！\n他说：改革开放。"
    glossary = build_glossary(document_from_text(text), dictionary=False)
    words = [t for t in glossary.terms if isinstance(t.occurrences, WordPlaces)]
    assert any(t.hanja == "改革开放" for t in words)
    made = replace(
        glossary,
        terms=tuple(replace(t, occurrences=tuple(t.occurrences)) for t in glossary.terms),
    )
    assert prepare(glossary) == prepare(made)
