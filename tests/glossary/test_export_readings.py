"""The readings beside a term's own in every export (issue 17): the Japanese reading a gloss
follows, the reading Korean usage gives a word, what a headline hanja abbreviates."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

import genanki  # type: ignore[import-untyped]
import pytest

from glossary import Glossary
from glossary.store import StoredTerm, open_store
from glossary.store.anki_model import FIELDS
from glossary.store.anki_notes import kind_text, note_fields
from glossary.store.anki_package import render_anki_tsv, write_apkg
from glossary.store.export import render_csv, render_markdown, render_plain_tsv
from glossary.store.pleco import render_pleco
from tests.glossary.test_store_readings import readings  # noqa: F401 - a fixture

TAKAICHI = "高市早苗"
JAPANESE = "Japanese reading: たかいち さなえ (takaichi sanae)"


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, readings: Glossary) -> list[StoredTerm]:  # noqa: F811
    """The short text's terms with every reading, as the store gives them back."""
    with open_store(tmp_path_factory.mktemp("store") / "g.sqlite3") as store:
        store.add_glossary(readings)
        return store.terms()


def _one(terms: list[StoredTerm], hanja: str) -> StoredTerm:
    return next(t for t in terms if t.term.hanja == hanja)


def _text(html: str) -> str:
    """What HTML says, the note type's styling and the tags left out."""
    html = re.sub(r"^<style>.*?</style>", "", html, flags=re.DOTALL)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    return text.replace("( ", "(").replace(" )", ")").strip()


def test_the_readings_field_names_each_reading(stored: list[StoredTerm]) -> None:
    readings_at = FIELDS.index("Readings")
    takaichi = _text(note_fields(_one(stored, TAKAICHI))[readings_at])
    assert takaichi.startswith(JAPANESE)
    assert kind_text(_one(stored, TAKAICHI).term).startswith("Japanese sound in hangul")
    shenzhen = _text(note_fields(_one(stored, "深圳"))[readings_at])
    assert shenzhen.startswith("usual reading 심천 (Korean press usage) · Sino-Korean 심수")
    mei = _text(note_fields(_one(stored, "美"))[readings_at])
    assert mei.startswith("headline abbreviation of 미국")
    # A term without them says what it said before.
    zhejiang = _text(note_fields(_one(stored, "浙江"))[readings_at])
    assert zhejiang == "Sino-Korean 절강"


@pytest.fixture(scope="module")
def col(tmp_path_factory: pytest.TempPathFactory, stored: list[StoredTerm]) -> Iterator[Any]:
    """A fresh Anki collection holding the package and the TSV's Basic notes."""
    anki_collection = pytest.importorskip("anki.collection")
    folder = tmp_path_factory.mktemp("anki")
    collection = anki_collection.Collection(str(folder / "c.anki2"))
    write_apkg(stored, folder / "deck.apkg")
    options = anki_collection.ImportAnkiPackageOptions(with_scheduling=False, merge_notetypes=False)
    collection.import_anki_package(
        anki_collection.ImportAnkiPackageRequest(
            package_path=str(folder / "deck.apkg"), options=options
        )
    )
    tsv = folder / "deck.tsv"
    tsv.write_text(render_anki_tsv(stored), encoding="utf-8")
    metadata = collection.get_csv_metadata(str(tsv), None)
    collection.import_csv(anki_collection.ImportCsvRequest(path=str(tsv), metadata=metadata))
    yield collection
    collection.close()


def _answers(col: Any, stored: StoredTerm, variant: str = "") -> dict[str, str]:
    parts = (*stored.key, variant) if variant else stored.key
    note = col.get_note(
        col.db.scalar("SELECT id FROM notes WHERE guid = ?", genanki.guid_for(*parts))
    )
    return {card.template()["name"]: _text(card.answer()) for card in note.cards()}


def test_anki_renders_the_japanese_reading_on_the_back(col: Any, stored: list[StoredTerm]) -> None:
    answers = _answers(col, _one(stored, TAKAICHI))
    for template in ("Recognition", "Recall", "Cloze"):
        assert JAPANESE in answers[template], template
    assert "Japanese sound in hangul" in answers["Recognition"]
    (basic,) = _answers(col, _one(stored, TAKAICHI), "basic").values()
    assert JAPANESE in basic


def test_anki_renders_the_usual_reading_and_the_abbreviation(
    col: Any, stored: list[StoredTerm]
) -> None:
    shenzhen = _answers(col, _one(stored, "深圳"))["Recognition"]
    assert "usual reading 심천" in shenzhen and "Sino-Korean 심수" in shenzhen
    mei = _answers(col, _one(stored, "美"))["Recognition"]
    assert "headline abbreviation of 미국" in mei
    assert mei.index("headline abbreviation of 미국") < mei.index("hanja without hangul")


def test_pleco_files_japanese_readings_apart_and_spells_them(stored: list[StoredTerm]) -> None:
    lines = render_pleco(stored).splitlines()
    categories = [line for line in lines if line.startswith("//")]
    assert categories == [
        "//hanja-reader/Mandarin sound in hangul",
        "//hanja-reader/Japanese sound in hangul",
        "//hanja-reader/hanja without hangul",
    ]
    takaichi = lines[lines.index(categories[1]) + 1].split("\t")
    assert takaichi[0] == TAKAICHI
    assert takaichi[2].endswith("; Japanese たかいち さなえ (takaichi sanae)")
    shenzhen = next(line for line in lines if line.startswith("深圳"))
    assert shenzhen.endswith("선전 (심수), usually 심천")
    mei = next(line for line in lines if line.startswith("美")).split("\t")
    assert mei[2].startswith("headline abbreviation of 미국; ")


def test_tables_carry_the_reading_language_and_the_readings(stored: list[StoredTerm]) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(stored))))
    by_hanja = {row["hanja"]: row for row in rows}
    assert by_hanja[TAKAICHI]["reading_language"] == "ja"
    assert by_hanja[TAKAICHI]["japanese_reading"] == "たかいち さなえ"
    assert by_hanja[TAKAICHI]["japanese_romaji"] == "takaichi sanae"
    assert by_hanja["深圳"]["reading_language"] == "zh"
    assert by_hanja["深圳"]["conventional_reading"] == "심천"
    assert by_hanja["美"]["abbreviates"] == "미국"
    header, *lines = render_plain_tsv(stored).splitlines()
    assert header.split("\t")[9:14] == [
        "reading_language",
        "japanese_reading",
        "japanese_romaji",
        "conventional_reading",
        "abbreviates",
    ]
    assert any(line.split("\t")[10] == "たかいち さなえ" for line in lines)
    markdown = render_markdown(stored)
    assert "| Japanese reading | sino-Korean | Korean usage |" in markdown
    assert "| たかいち さなえ (takaichi sanae) |" in markdown
    assert "| 심수 | usually 심천 |" in markdown
    assert "| headline abbreviation of 미국 |" in markdown


def test_a_zh_term_exports_as_before(stored: list[StoredTerm]) -> None:
    """Nothing is added where a term has no reading beside its own."""
    zhejiang = _one(stored, "浙江")
    assert "Japanese" not in render_pleco([zhejiang])
    assert "usually" not in render_pleco([zhejiang])
    assert kind_text(zhejiang.term) == "Mandarin sound in hangul"
