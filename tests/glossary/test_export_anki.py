"""The exported deck as Anki itself sees it: imported with Anki's own library into a fresh
collection, edited there, re-exported and re-imported.

Anki imports a package the way its import dialog does by default: notes and note types are
updated only when the incoming ones are newer. The package gives each note its term's last
change in the store, so an edit made in Anki survives the next import of an unchanged store.
"""

from __future__ import annotations

import itertools
import time
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import genanki
import pytest

from glossary import Glossary, build_glossary, read_document
from glossary.store import Store, open_store
from glossary.store.anki_model import (
    FIELDS,
    LEGACY_FIELDS,
    LEGACY_MODEL_ID,
    MODEL_CHANGED,
    MODEL_ID,
    TEMPLATES,
    legacy_model,
)
from glossary.store.anki_notes import note_fields, note_guid
from glossary.store.export import export_store
from tests.glossary.test_store import fake_glossary

anki_collection = pytest.importorskip("anki.collection")
Collection = anki_collection.Collection
ImportAnkiPackageOptions = anki_collection.ImportAnkiPackageOptions
ImportAnkiPackageRequest = anki_collection.ImportAnkiPackageRequest
ImportCsvRequest = anki_collection.ImportCsvRequest

DATA = Path(__file__).resolve().parent.parent / "data" / "texts"
TEXTS = ("sino-korean.txt", "chinese-names.txt", "headline.txt")
HANGZHOU = ("杭州", "항저우")
BEIJING = ("北京", "베이징")
EVIL = "<script>alert('x')</script>"
ALWAYS = 1  # ImportAnkiPackageUpdateCondition: update notes whatever their times.


def _clock() -> Callable[[], str]:
    """A store clock a minute further on each call, from a day ago.

    Anki keeps modification times in whole seconds: changes a test makes within one second
    would look simultaneous. A day ago, so that edits made in Anki (now) are newer.
    """
    ticks = itertools.count(time.time() - 86400, 61)
    return lambda: datetime.fromtimestamp(next(ticks), UTC).isoformat()


@pytest.fixture(scope="module")
def texts() -> list[Glossary]:
    """The three test texts' glossaries: Sino-Korean words, Chinese names, a bare headline."""
    return [build_glossary(read_document(DATA / name)) for name in TEXTS]


@pytest.fixture
def store(tmp_path: Path, sample: Glossary) -> Store:
    """The sample article plus a term whose gloss is a script tag."""
    store = open_store(tmp_path / "g.sqlite3", clock=_clock())
    store.add_glossary(sample)
    store.add_glossary(fake_glossary(f"그는 {EVIL}(惡意)라고 썼다", [(EVIL, "惡意")]))
    return store


@pytest.fixture
def full(tmp_path: Path, sample: Glossary, texts: list[Glossary]) -> Store:
    """The sample article and the three test texts."""
    store = open_store(tmp_path / "full.sqlite3", clock=_clock())
    for glossary in (sample, *texts):
        store.add_glossary(glossary)
    return store


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Any]:
    """A fresh, empty Anki collection."""
    col = Collection(str(tmp_path / "c.anki2"))
    yield col
    col.close()


def _import(col: Any, path: Path, update_notes: int = 0) -> Any:
    """Import a package the way Anki's import dialog does by default; return its log."""
    options = ImportAnkiPackageOptions(
        with_scheduling=False, merge_notetypes=False, update_notes=update_notes
    )
    return col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(path), options=options)
    ).log


def _note(col: Any, key: tuple[str, str]) -> Any:
    note_id = col.db.scalar("SELECT id FROM notes WHERE guid = ?", genanki.guid_for(*key))
    assert note_id, f"no note for {key}"
    return col.get_note(note_id)


def _fields(col: Any, key: tuple[str, str]) -> dict[str, str]:
    return dict(_note(col, key).items())


def _has_meaning(fields: dict[str, str]) -> bool:
    """The word's senses, or a character's (in ``<i>`` on its line of Characters)."""
    return bool(fields["English"]) or "<i>" in fields["Characters"]


def test_one_note_four_card_types_per_term(store: Store, collection: Any, tmp_path: Path) -> None:
    deck = tmp_path / "deck.apkg"
    assert export_store(store, "apkg", deck, deck="중국 뉴스") == 13
    with zipfile.ZipFile(deck) as package:
        assert sorted(package.namelist()) == ["collection.anki2", "media"]
    _import(collection, deck)
    col = collection
    assert col.note_count() == 13
    notetype = col.models.get(MODEL_ID)
    assert [f["name"] for f in notetype["flds"]] == list(FIELDS)
    assert [t["name"] for t in notetype["tmpls"]] == list(TEMPLATES)
    assert notetype["sortf"] == 0 and notetype["mod"] == MODEL_CHANGED
    assert "중국 뉴스" in col.decks.all_names()
    fields = _fields(col, HANGZHOU)
    assert fields["Term"] == "항저우(杭州)" and fields["Hanzi"] == "杭州"
    assert fields["Korean gloss"] == "항저우" and fields["Mandarin in hangul"] == "항저우"
    assert fields["Pinyin"] == '<span class="tone2">Háng</span><span class="tone1">zhōu</span>'
    assert fields["Pinyin numbered"] == "hang2 zhou1"
    assert fields["Hanzi (Color)"] == '<span class="tone2">杭</span><span class="tone1">州</span>'
    assert "<b>항저우(" in fields["Sentence"] and "[…]" in fields["Cloze"]
    note = _note(col, HANGZHOU)
    assert sorted(note.tags) == ["kind::transcription", "source::hangzhou-ai-town", "status::new"]
    cards = sorted(note.cards(), key=lambda c: c.ord)
    assert [c.template()["name"] for c in cards] == list(TEMPLATES)
    # A term without a place in a sentence has no Cloze card; every other has four.
    assert col.card_count() == 13 * 4


def test_a_script_in_a_gloss_arrives_as_text(store: Store, collection: Any, tmp_path: Path) -> None:
    deck = tmp_path / "deck.apkg"
    export_store(store, "apkg", deck)
    _import(collection, deck)
    fields = _fields(collection, ("惡意", EVIL))
    assert fields["Korean gloss"] == "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
    for card in _note(collection, ("惡意", EVIL)).cards():
        assert "<script>" not in card.question() + card.answer()


def test_export_again_updates_notes_and_keeps_reviews(
    store: Store, collection: Any, tmp_path: Path
) -> None:
    col = collection
    first = tmp_path / "first.apkg"
    export_store(store, "apkg", first)
    _import(col, first)
    # Study: answer one card with Anki's scheduler.
    col.decks.select(col.decks.id_for_name("hanja-reader"))
    card = col.sched.getCard()
    assert card is not None
    col.sched.answerCard(card, 3)
    reviewed = card.id
    assert col.db.scalar("SELECT count() FROM revlog") == 1
    # The meaning changes (and Hangzhou is learnt): export again, import again.
    store.set_meaning(HANGZHOU, "Hangzhou, capital of <Zhejiang>")
    store.set_status(HANGZHOU, "known")
    second = tmp_path / "second.apkg"
    export_store(store, "apkg", second, timestamp=time.time() + 3600)
    _import(col, second)
    assert col.note_count() == 13
    assert col.card_count() == 13 * 4
    assert _fields(col, HANGZHOU)["Meaning"] == "Hangzhou, capital of &lt;Zhejiang&gt;"
    assert "status::known" in _note(col, HANGZHOU).tags
    assert col.db.scalar("SELECT count() FROM revlog") == 1
    assert col.get_card(reviewed).reps == 1


def test_an_edit_made_in_anki_survives_an_export_of_the_unchanged_store(
    store: Store, collection: Any, tmp_path: Path
) -> None:
    col = collection
    export_store(store, "apkg", tmp_path / "first.apkg")
    _import(col, tmp_path / "first.apkg")
    note = _note(col, HANGZHOU)
    note["Meaning"] = "my own words"
    col.update_note(note)
    notetype = col.models.get(MODEL_ID)
    notetype["css"] += "\n.card { background: beige; }"
    col.models.update_dict(notetype)
    # An hour later, the same store exported again and imported again.
    export_store(store, "apkg", tmp_path / "again.apkg", timestamp=time.time() + 3600)
    log = _import(col, tmp_path / "again.apkg")
    assert len(log.updated) == 0 and len(log.new) == 0
    assert _fields(col, HANGZHOU)["Meaning"] == "my own words"
    assert "beige" in col.models.get(MODEL_ID)["css"]


def test_exporting_twice_gives_the_same_times(store: Store, tmp_path: Path) -> None:
    import sqlite3

    def times(path: Path) -> list[tuple[str, int]]:
        with zipfile.ZipFile(path) as package:
            data = package.read("collection.anki2")
        db = sqlite3.connect(":memory:")
        db.deserialize(data)
        found = db.execute("SELECT guid, mod FROM notes ORDER BY guid").fetchall()
        db.close()
        return found

    export_store(store, "apkg", tmp_path / "a.apkg", timestamp=1_000_000_000)
    export_store(store, "apkg", tmp_path / "b.apkg", timestamp=2_000_000_000)
    assert times(tmp_path / "a.apkg") == times(tmp_path / "b.apkg")


def test_the_article_and_three_texts_in_a_fresh_collection(
    full: Store, collection: Any, tmp_path: Path
) -> None:
    """The issue's test: every note has a meaning, edits survive, a change updates one note.

    Meanings come from CC-CEDICT through the store. While the store does not keep them,
    only terms that carry them are checked; once any term has them, every note must.
    """
    col = collection
    terms = full.terms()
    assert export_store(full, "apkg", tmp_path / "deck.apkg") == len(terms)
    log = _import(col, tmp_path / "deck.apkg")
    assert len(log.new) == len(terms) == col.note_count()
    with_data = [t for t in terms if t.term.meanings or any(c.meanings for c in t.term.chars)]
    checked = terms if with_data else []  # Strict for every note once meanings are stored.
    for stored in checked:
        assert _has_meaning(_fields(col, stored.key)), stored.key
    # An edit made in Anki survives an export of the unchanged store.
    edited = _note(col, HANGZHOU)
    edited["Note"] = "항주 is the older name"
    col.update_note(edited)
    export_store(full, "apkg", tmp_path / "again.apkg", timestamp=time.time() + 3600)
    log = _import(col, tmp_path / "again.apkg")
    assert (len(log.new), len(log.updated)) == (0, 0)
    assert _fields(col, HANGZHOU)["Note"] == "항주 is the older name"
    # A meaning changed in the store updates that note, and that note only.
    before = {t.key: _fields(col, t.key) for t in terms}
    full.set_meaning(BEIJING, "the capital")
    export_store(full, "apkg", tmp_path / "changed.apkg", timestamp=time.time() + 7200)
    log = _import(col, tmp_path / "changed.apkg")
    assert len(log.updated) == 1 and len(log.new) == 0
    after = {t.key: _fields(col, t.key) for t in terms}
    assert [k for k in before if before[k] != after[k]] == [BEIJING]
    assert after[BEIJING]["Meaning"] == "the capital"
    assert after[HANGZHOU]["Note"] == "항주 is the older name"


def test_glosses_of_one_hanja_are_not_duplicates(
    full: Store, collection: Any, tmp_path: Path
) -> None:
    """杭州 read 항저우 in the article and 항주 in a text: two notes, neither a duplicate."""
    assert {t.term.hangul for t in full.glosses("杭州")} == {"항저우", "항주"}
    export_store(full, "apkg", tmp_path / "deck.apkg")
    _import(collection, tmp_path / "deck.apkg")
    assert _fields(collection, HANGZHOU)["Term"] == "항저우(杭州)"
    assert _fields(collection, ("杭州", "항주"))["Term"] == "항주(杭州)"
    checks = {collection.get_note(n).fields_check() for n in collection.find_notes("")}
    assert checks == {0}  # NoteFieldsCheckResult.NORMAL: no empty first field, no duplicate
    assert collection.find_notes(f'"dupe:{MODEL_ID},항저우(杭州)"') == [
        _note(collection, HANGZHOU).id
    ]


def test_the_tsv_alone_makes_whole_basic_cards(
    full: Store, collection: Any, tmp_path: Path
) -> None:
    """No note type of ours needed: each line is a Basic note with a front and a back."""
    col = collection
    path = tmp_path / "deck.tsv"
    count = export_store(full, "tsv", path, deck="중국 뉴스")
    metadata = col.get_csv_metadata(str(path), None)
    assert metadata.is_html and (metadata.tags_column, metadata.guid_column) == (3, 4)
    basic = col.models.by_name("Basic")
    assert metadata.global_notetype.id == basic["id"]
    assert list(metadata.global_notetype.field_columns) == [1, 2]
    log = col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log
    assert len(log.new) == count == col.note_count()
    checks = set()
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        assert note.mid == basic["id"] and note["Front"] and note["Back"]
        checks.add(note.fields_check())
    assert checks == {0}  # No duplicate fronts: 杭州 comes with the sentence of its gloss.
    stored = full.get(HANGZHOU)
    assert stored is not None
    guid = note_guid(stored, "basic")
    hangzhou = col.get_note(col.db.scalar("SELECT id FROM notes WHERE guid = ?", guid))
    assert hangzhou["Front"].startswith('<div lang="zh" style="font-size:2.4em">杭州</div>')
    assert "<b>[…](杭州)</b>" in hangzhou["Front"]
    assert hangzhou["Back"].startswith('<div lang="ko" style="font-size:1.4em">항저우</div>')
    assert '<span style="color:#f08c00">Háng</span>' in hangzhou["Back"]
    assert "kind::transcription" in hangzhou.tags
    assert "중국 뉴스" in col.decks.all_names()
    # Importing the file again updates its notes instead of adding them twice.
    again = col.get_csv_metadata(str(path), None)
    col.import_csv(ImportCsvRequest(path=str(path), metadata=again))
    assert col.note_count() == count


def test_the_tsv_and_the_package_keep_apart(store: Store, collection: Any, tmp_path: Path) -> None:
    export_store(store, "apkg", tmp_path / "deck.apkg")
    _import(collection, tmp_path / "deck.apkg")
    export_store(store, "tsv", tmp_path / "deck.tsv")
    metadata = collection.get_csv_metadata(str(tmp_path / "deck.tsv"), None)
    collection.import_csv(ImportCsvRequest(path=str(tmp_path / "deck.tsv"), metadata=metadata))
    assert collection.note_count() == 2 * 13
    assert len(collection.find_notes(f"mid:{MODEL_ID}")) == 13


def _legacy_package(store: Store, path: Path) -> None:
    """A deck as the first version wrote it: the old note type, the same GUIDs."""
    deck = genanki.Deck(2059400110, "hanja-reader")
    model = legacy_model()
    for stored in store.terms():
        named = dict(zip(FIELDS, note_fields(stored), strict=True))
        named["Hanja"] = named["Hanzi"]
        fields = [named[name] for name in LEGACY_FIELDS]
        deck.add_note(genanki.Note(model=model, fields=fields, guid=genanki.guid_for(*stored.key)))
    genanki.Package(deck).write_to_file(str(path), timestamp=1_700_000_000)


def test_an_old_deck_moves_to_the_new_note_type_keeping_its_reviews(
    store: Store, collection: Any, tmp_path: Path
) -> None:
    """The README's way: change the old notes' note type in Anki, import once "always"."""
    col = collection
    _legacy_package(store, tmp_path / "old.apkg")
    _import(col, tmp_path / "old.apkg")
    assert col.models.get(LEGACY_MODEL_ID)["name"] == "hanja-reader term"
    col.decks.select(col.decks.id_for_name("hanja-reader"))
    card = col.sched.getCard()
    col.sched.answerCard(card, 3)
    # The new package alone leaves the old notes as they are (another note type).
    export_store(store, "apkg", tmp_path / "new.apkg")
    log = _import(col, tmp_path / "new.apkg")
    assert len(log.conflicting) == 13 and col.note_count() == 13
    # Browse > Change Note Type: fields go over by name (Hanja to the first field).
    info = col.models.change_notetype_info(
        old_notetype_id=LEGACY_MODEL_ID, new_notetype_id=MODEL_ID
    )
    request = info.input
    assert request.new_fields[0] == LEGACY_FIELDS.index("Hanja")  # Term takes Hanja.
    assert request.new_fields[FIELDS.index("Pinyin")] == LEGACY_FIELDS.index("Pinyin")
    request.note_ids.extend(col.find_notes(f"mid:{LEGACY_MODEL_ID}"))
    col.models.change_notetype_of_notes(request)
    log = _import(col, tmp_path / "new.apkg", update_notes=ALWAYS)
    assert len(log.updated) == 13 and col.note_count() == 13
    assert _fields(col, HANGZHOU)["Term"] == "항저우(杭州)"
    assert col.get_card(card.id).reps == 1
