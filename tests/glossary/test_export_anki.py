"""The exported deck as Anki itself sees it: imported with Anki's own library into a fresh
collection, re-exported and re-imported without duplicates or lost reviews."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary import Glossary
from glossary.store import Store, open_store
from glossary.store.export import FIELDS, MODEL_ID, export_store
from tests.glossary.test_store import fake_glossary

anki_collection = pytest.importorskip("anki.collection")
Collection = anki_collection.Collection
ImportAnkiPackageOptions = anki_collection.ImportAnkiPackageOptions
ImportAnkiPackageRequest = anki_collection.ImportAnkiPackageRequest

HANGZHOU = ("杭州", "항저우")
EVIL = "<script>alert('x')</script>"
T0 = 1_700_000_000.0


@pytest.fixture
def store(tmp_path: Path, sample: Glossary) -> Store:
    """The sample article plus a term whose gloss is a script tag."""
    store = open_store(tmp_path / "g.sqlite3")
    store.add_glossary(sample)
    store.add_glossary(fake_glossary(f"그는 {EVIL}(惡意)라고 썼다", [(EVIL, "惡意")]))
    return store


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[object]:
    """A fresh, empty Anki collection."""
    col = Collection(str(tmp_path / "c.anki2"))
    yield col
    col.close()


def _import(col: object, path: Path) -> None:
    """Import a package the way Anki's import dialog does by default."""
    options = ImportAnkiPackageOptions(with_scheduling=False, merge_notetypes=False)
    col.import_anki_package(  # type: ignore[attr-defined]
        ImportAnkiPackageRequest(package_path=str(path), options=options)
    )


def _fields(col: object, hanja: str) -> dict[str, str]:
    (note_id,) = col.find_notes(f'"Hanja:{hanja}"')  # type: ignore[attr-defined]
    return dict(col.get_note(note_id).items())  # type: ignore[attr-defined]


def test_one_note_two_cards_per_term(store: Store, collection: object, tmp_path: Path) -> None:
    deck = tmp_path / "deck.apkg"
    assert export_store(store, "apkg", deck, deck="중국 뉴스", timestamp=T0) == 13
    with zipfile.ZipFile(deck) as package:
        assert sorted(package.namelist()) == ["collection.anki2", "media"]
    _import(collection, deck)
    col = collection
    assert col.note_count() == 13  # type: ignore[attr-defined]
    assert col.card_count() == 26  # type: ignore[attr-defined]
    notetype = col.models.get(MODEL_ID)  # type: ignore[attr-defined]
    assert [f["name"] for f in notetype["flds"]] == list(FIELDS)
    assert [t["name"] for t in notetype["tmpls"]] == ["Recognition", "Recall"]
    assert "중국 뉴스" in col.decks.all_names()  # type: ignore[attr-defined]
    fields = _fields(col, "杭州")
    assert fields["Korean gloss"] == "항저우"
    assert fields["Pinyin"] == '<span class="tone2">háng</span> <span class="tone1">zhōu</span>'
    assert fields["Pinyin numbered"] == "hang2 zhou1"
    assert fields["Characters"] == "杭 건널 항<br>州 고을 주"
    assert "<b>항저우(" in fields["Sentence"]
    note = col.get_note(col.find_notes('"Hanja:杭州"')[0])  # type: ignore[attr-defined]
    assert sorted(note.tags) == ["kind::transcription", "source::hangzhou-ai-town", "status::new"]
    recognition, recall = sorted(note.cards(), key=lambda c: c.ord)
    assert "杭州" in recognition.question() and "tone2" in recognition.answer()
    assert 'class="recall"' in recall.question() and "항저우" in recall.question()


def test_a_script_in_a_gloss_arrives_as_text(
    store: Store, collection: object, tmp_path: Path
) -> None:
    deck = tmp_path / "deck.apkg"
    export_store(store, "apkg", deck, timestamp=T0)
    _import(collection, deck)
    fields = _fields(collection, "惡意")
    assert fields["Korean gloss"] == "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
    note = collection.get_note(collection.find_notes('"Hanja:惡意"')[0])  # type: ignore[attr-defined]
    for card in note.cards():
        assert "<script>" not in card.question() + card.answer()


def test_export_again_updates_notes_and_keeps_reviews(
    store: Store, collection: object, tmp_path: Path
) -> None:
    col = collection
    first = tmp_path / "first.apkg"
    export_store(store, "apkg", first, timestamp=T0)
    _import(col, first)
    # Study: answer one card with Anki's scheduler.
    col.decks.select(col.decks.id_for_name("hanja-reader"))  # type: ignore[attr-defined]
    card = col.sched.getCard()  # type: ignore[attr-defined]
    assert card is not None
    col.sched.answerCard(card, 3)  # type: ignore[attr-defined]
    reviewed = card.id
    assert col.db.scalar("SELECT count() FROM revlog") == 1  # type: ignore[attr-defined]
    # The meaning changes (and Hangzhou is learnt): export again, import again.
    store.set_meaning(HANGZHOU, "Hangzhou, capital of <Zhejiang>")
    store.set_status(HANGZHOU, "known")
    second = tmp_path / "second.apkg"
    export_store(store, "apkg", second, timestamp=T0 + 3600)
    _import(col, second)
    assert col.note_count() == 13  # type: ignore[attr-defined]
    assert col.card_count() == 26  # type: ignore[attr-defined]
    fields = _fields(col, "杭州")
    assert fields["Meaning"] == "Hangzhou, capital of &lt;Zhejiang&gt;"
    note = col.get_note(col.find_notes('"Hanja:杭州"')[0])  # type: ignore[attr-defined]
    assert "status::known" in note.tags
    assert col.db.scalar("SELECT count() FROM revlog") == 1  # type: ignore[attr-defined]
    assert col.get_card(reviewed).reps == 1  # type: ignore[attr-defined]


def test_anki_reads_the_tsv_headers(store: Store, collection: object, tmp_path: Path) -> None:
    # The note type must exist first: import the package, then read the text file's headers.
    export_store(store, "apkg", tmp_path / "deck.apkg", timestamp=T0)
    _import(collection, tmp_path / "deck.apkg")
    export_store(store, "tsv", tmp_path / "deck.tsv", deck="hanja-reader")
    metadata = collection.get_csv_metadata(str(tmp_path / "deck.tsv"), None)  # type: ignore[attr-defined]
    assert metadata.is_html
    assert list(metadata.column_labels) == [*FIELDS, "Tags", "GUID"]
    assert metadata.global_notetype.id == MODEL_ID
    assert list(metadata.global_notetype.field_columns) == list(range(1, 13))
    assert (metadata.tags_column, metadata.guid_column) == (13, 14)
