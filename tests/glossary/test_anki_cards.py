"""Cards as Anki renders them: every template of our note type, and the TSV's Basic card.

The notes are imported with Anki's own library into a fresh collection and rendered with
``card.question()`` and ``card.answer()``. One card of each template (习近平 from
tests/data/texts/chinese-names.txt) is kept as a snapshot in tests/data/cards/, without
the note type's CSS. After checking a change by eye, rewrite them with
``UPDATE_CARD_SNAPSHOTS=1 python -m pytest tests/glossary/test_anki_cards.py``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import genanki
import pytest

from glossary import Glossary, Term, build_glossary, read_document
from glossary.store import StoredTerm, open_store
from glossary.store.anki_model import TEMPLATES
from glossary.store.anki_notes import note_guid, note_mtime
from glossary.store.anki_package import render_anki_tsv, write_apkg

anki_collection = pytest.importorskip("anki.collection")
Collection = anki_collection.Collection
ImportAnkiPackageOptions = anki_collection.ImportAnkiPackageOptions
ImportAnkiPackageRequest = anki_collection.ImportAnkiPackageRequest
ImportCsvRequest = anki_collection.ImportCsvRequest

DATA = Path(__file__).resolve().parent.parent / "data"
SNAPSHOTS = DATA / "cards"
TEXTS = ("sino-korean.txt", "chinese-names.txt", "headline.txt")
XI = ("習近平", "시진핑")
SEONGNIHAK = ("性理學", "성리학")
MEI = ("美", "")
_STYLE = re.compile(r"^<style>.*?</style>", re.DOTALL)


def _with_senses(stored: StoredTerm, found: dict[tuple[str, str], Term]) -> StoredTerm:
    """The stored term with CC-CEDICT's meanings, as a store that keeps them gives it."""
    term = found[stored.key]
    return replace(
        stored,
        term=replace(
            stored.term,
            meanings=term.meanings,
            mandarin_word=term.mandarin_word,
            frequency_rank=term.frequency_rank,
            chars=term.chars,
        ),
    )


@pytest.fixture(scope="module")
def terms(tmp_path_factory: pytest.TempPathFactory, sample: Glossary) -> list[StoredTerm]:
    """The sample article and the three test texts, stored, with their meanings."""
    glossaries = [sample, *(build_glossary(read_document(DATA / "texts" / n)) for n in TEXTS)]
    store = open_store(tmp_path_factory.mktemp("store") / "g.sqlite3")
    for glossary in glossaries:
        store.add_glossary(glossary)
    found = {t.key: t for g in glossaries for t in g.terms}
    stored = [_with_senses(t, found) for t in store.terms()]
    store.close()
    return stored


@pytest.fixture(scope="module")
def col(tmp_path_factory: pytest.TempPathFactory, terms: list[StoredTerm]) -> Iterator[Any]:
    """A fresh collection holding the package of every term and the TSV's Basic notes."""
    folder = tmp_path_factory.mktemp("anki")
    collection = Collection(str(folder / "c.anki2"))
    write_apkg(terms, folder / "deck.apkg")
    options = ImportAnkiPackageOptions(with_scheduling=False, merge_notetypes=False)
    collection.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(folder / "deck.apkg"), options=options)
    )
    tsv = folder / "deck.tsv"
    tsv.write_text(render_anki_tsv(terms), encoding="utf-8")
    metadata = collection.get_csv_metadata(str(tsv), None)
    collection.import_csv(ImportCsvRequest(path=str(tsv), metadata=metadata))
    yield collection
    collection.close()


def _cards(col: Any, key: tuple[str, str], variant: str = "") -> dict[str, Any]:
    guid = genanki.guid_for(*key, variant) if variant else genanki.guid_for(*key)
    note = col.get_note(col.db.scalar("SELECT id FROM notes WHERE guid = ?", guid))
    return {card.template()["name"]: card for card in note.cards()}


def _html(text: str) -> str:
    return _STYLE.sub("", text).strip()


def _text(text: str) -> str:
    """What the card says, tags left out."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", _html(text))).strip()


def _check_snapshot(name: str, card: Any) -> None:
    rendered = (
        f"<!-- {name} card of 시진핑(習近平), as Anki renders it; CSS left out. -->\n"
        f"<!-- question -->\n{_html(card.question())}\n"
        f"<!-- answer -->\n{_html(card.answer())}\n"
    )
    path = SNAPSHOTS / f"{name.lower()}.html"
    if os.environ.get("UPDATE_CARD_SNAPSHOTS"):
        path.write_text(rendered, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == rendered, f"{path} differs from the card"


@pytest.mark.parametrize("template", [*TEMPLATES, "Basic"])
def test_each_template_matches_its_snapshot(col: Any, template: str) -> None:
    if template == "Basic":
        (card,) = _cards(col, XI, "basic").values()
    else:
        card = _cards(col, XI)[template]
    _check_snapshot(template, card)


def test_recognition_shows_the_hanja_then_everything(col: Any) -> None:
    card = _cards(col, XI)["Recognition"]
    assert _html(card.question()) == '<div class="hanzi" lang="zh">習近平</div>'
    answer = _html(card.answer())
    assert (
        '<div class="hanzi" lang="zh"><span class="tone2">習</span><span class="tone4">近</span>'
        '<span class="tone2">平</span></div>'
    ) in answer
    assert (
        '<div class="pinyin" lang="zh"><span class="tone2">Xí</span> '
        '<span class="tone4">Jìn</span><span class="tone2">píng</span></div>'
    ) in answer
    assert '<div class="gloss" lang="ko">시진핑</div>' in answer
    text = _text(card.answer())
    assert "Sino-Korean 습근평" in text and "simplified 习近平" in text
    assert "Xi Jinping (1953-)" in text
    assert "習 xí 익힐 습" in text
    assert text.endswith(
        "Mandarin sound in hangul · frequency rank 37304 · 중국 지도부와 도시 이름"
    )
    assert "transcription" not in text  # The footer speaks words, not kind names.


def test_the_reading_line_does_not_repeat_the_gloss(col: Any) -> None:
    answer = _html(_cards(col, SEONGNIHAK)["Recognition"].answer())
    readings = re.search(r'<div class="readings">(.*?)</div>', answer)
    assert readings is not None
    assert "성리학" not in readings.group(1) and "싱리쉐" in readings.group(1)
    assert "Sino-Korean reading · 조선의 성리학" in _text(answer)  # The heading, not a paragraph.


def test_recall_asks_for_the_hanja(col: Any) -> None:
    card = _cards(col, XI)["Recall"]
    question = _html(card.question())
    assert '<div class="gloss" lang="ko">시진핑</div>' in question
    assert "習" not in question and "Xi Jinping (1953-)" in question
    assert "習近平" in card.answer()
    bare = _cards(col, MEI)["Recall"]
    assert '<div class="gloss" lang="ko">미</div>' in _html(bare.question())


def test_cloze_blanks_the_hanja_in_its_sentence(col: Any) -> None:
    card = _cards(col, XI)["Cloze"]
    question = _html(card.question())
    assert '<b>시진핑(<span class="cloze">[…]</span>)</b> 국가주석은' in question
    assert "習" not in question
    assert '<b>시진핑(<span class="h">習近平</span>)</b>' in card.answer()
    bare = _cards(col, MEI)["Cloze"]
    assert '<b><span class="cloze">[미]</span></b> 大統領과' in _html(bare.question())


def test_sound_speaks_mandarin_then_korean(col: Any) -> None:
    card = _cards(col, XI)["Sound"]
    assert "習" not in _html(card.question()) and "시진핑" not in _html(card.question())
    (mandarin,) = card.question_av_tags()
    assert (mandarin.lang, mandarin.field_text) == ("zh_CN", "习近平")
    # The front's sound is the front's: the answer adds the Korean word.
    spoken = [(tag.lang, tag.field_text) for tag in card.answer_av_tags()]
    assert spoken == [("ko_KR", "시진핑")]
    assert "<ruby><rb>習</rb><rt>xí</rt></ruby>" in card.answer()
    bare = _cards(col, MEI)["Sound"]
    assert [(t.lang, t.field_text) for t in bare.answer_av_tags()][-1] == ("ko_KR", "미")


def test_every_card_of_every_note_renders(col: Any, terms: list[StoredTerm]) -> None:
    """No empty side, no raw field reference, no internal kind name in a footer, and no
    Recall card that shows the hanja it asks for."""
    for stored in terms:
        cards = _cards(col, stored.key)
        assert {"Recognition", "Recall", "Sound"} <= set(cards)
        assert ("Cloze" in cards) == (stored.example is not None)
        hanja = {c for c in stored.term.hanja if "\u3400" <= c <= "\u9fff"}
        assert not hanja & set(_html(cards["Recall"].question())), stored.key
        for card in cards.values():
            question, answer = _html(card.question()), _html(card.answer())
            assert question and answer and "{{" not in question + answer
            footer = re.search(r'<div class="footer">(.*?)</div>', answer)
            assert footer is not None
            assert footer.group(1).split(" · ")[0].split(":")[0] not in (
                "transcription",
                "sino",
                "translation",
                "mixed",
                "bare",
            )


def test_the_basic_card_stands_alone(col: Any) -> None:
    (card,) = _cards(col, XI, "basic").values()
    assert card.note_type()["name"] == "Basic"
    question = _html(card.question())
    assert question.startswith('<div lang="zh" style="font-size:2.4em">習近平</div>')
    assert "<b>[…](習近平)</b> 국가주석은" in question
    answer = _html(card.answer())
    assert '<hr id=answer>\n\n<div lang="ko" style="font-size:1.4em">시진핑</div>' in answer
    assert (
        '<span style="color:#f08c00">Xí</span> <span style="color:#3b82f6">Jìn</span>'
        '<span style="color:#f08c00">píng</span>'
    ) in answer
    assert "Xi Jinping (1953-)" in answer and "class=" not in answer


def test_each_imported_note_carries_its_own_terms_time(
    tmp_path: Path, terms: list[StoredTerm]
) -> None:
    """Each note keeps its own term's last change: every term a different time here, the
    later terms the earlier times, so a note given a neighbour's time is caught."""
    start = datetime(2027, 1, 1, tzinfo=UTC).timestamp()
    dated = [
        replace(
            stored,
            created_at="",
            updated_at=datetime.fromtimestamp(start - 61 * i, UTC).isoformat(),
            user_updated_at="",
        )
        for i, stored in enumerate(terms)
    ]
    assert len({note_mtime(stored) for stored in dated}) == len(dated)
    collection = Collection(str(tmp_path / "c.anki2"))
    try:
        write_apkg(dated, tmp_path / "deck.apkg", timestamp=start + 86_400)
        options = ImportAnkiPackageOptions(with_scheduling=False, merge_notetypes=False)
        collection.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(tmp_path / "deck.apkg"), options=options)
        )
        found = dict(collection.db.all("SELECT guid, mod FROM notes"))
    finally:
        collection.close()
    assert found == {note_guid(stored): note_mtime(stored) for stored in dated}
