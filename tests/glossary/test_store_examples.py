"""A stored term's example: its own place in the sentence, read as the term reads.

A flashcard's sentence marks the term (and the Cloze card blanks it). Found by its text, a
one-character word was marked where another word holds the character first: the card for 人
in 人民代表大会的人很多 marked the 人 of 人民. A character read by its place (为 wéi or wèi)
had the first place's sentence whatever it read there: a card reading 为 wéi could show
他为国家做了很多事, where it is wèi.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from glossary import Glossary, build_glossary
from glossary.sources.files import document_from_text
from glossary.store import Store, StoredTerm, open_store
from glossary.store.anki_notes import cloze_html, sentence_html

PEOPLE = "人民代表大会的人很多。"
FOR_AND_AS = "他为国家做了很多事。我们以经济建设为中心。比例为１０％。他被选为主席。"


def _chinese(text: str, path: str = "/news/a.txt") -> Glossary:
    glossary = build_glossary(document_from_text(text), dictionary=False)
    return replace(glossary, document=replace(glossary.document, path=path))


def _stored(store: Store, hanja: str) -> StoredTerm:
    return next(t for t in store.terms() if t.term.hanja == hanja)


def test_the_card_marks_the_words_own_place_in_its_sentence(tmp_path: Path) -> None:
    with open_store(tmp_path / "g.sqlite3") as store:
        store.add_glossary(_chinese(PEOPLE))
        person = _stored(store, "人")
        assert person.example is not None and person.example.at == 7
        assert sentence_html(person) == '人民代表大会的<b><span class="h">人</span></b>很多。'
        assert cloze_html(person).startswith('人民代表大会的<b><span class="cloze">[인]</span></b>')
        assert sentence_html(_stored(store, "人民代表")).startswith("<b>")


def test_a_character_read_by_its_place_has_an_example_that_reads_as_it(tmp_path: Path) -> None:
    with open_store(tmp_path / "g.sqlite3") as store:
        store.add_glossary(_chinese(FOR_AND_AS))
        wei = _stored(store, "为")
        assert wei.term.pinyin == "wéi"  # Three places of four read so.
        assert wei.example is not None and wei.example.sentence == "我们以经济建设为中心。"
        assert sentence_html(wei) == '我们以经济建设<b><span class="h">为</span></b>中心。'
        # Corrected to wèi, the term takes the place that reads wèi.
        store.correct(("为", ""), "pinyin", "wèi")
        wei = _stored(store, "为")
        assert wei.example is not None and wei.example.sentence == "他为国家做了很多事。"


def test_the_place_in_the_sentence_goes_through_an_export_and_an_import(
    tmp_path: Path,
) -> None:
    with open_store(tmp_path / "a.sqlite3") as store:
        store.add_glossary(_chinese(PEOPLE + FOR_AND_AS))
        dump, terms = store.dump(), store.terms()
    places = [p for t in dump["terms"] for p in t["occurrences"]]
    assert all(p["sentence"].startswith(p["surface"], p["sentence_at"]) for p in places)
    with open_store(tmp_path / "b.sqlite3") as other:
        other.import_data(dump)
        assert other.dump()["terms"] == dump["terms"] and other.terms() == terms


def test_a_place_stored_before_is_still_marked_by_its_text(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    with open_store(path) as store:
        store.add_glossary(_chinese(PEOPLE + FOR_AND_AS))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE occurrences SET sentence_at = NULL")
    with open_store(path) as store:
        person, wei = _stored(store, "人"), _stored(store, "为")
        assert person.example is not None and person.example.at is None
        assert sentence_html(person).startswith('<b><span class="h">人</span></b>民')
        assert wei.example is not None and wei.example.sentence == "他为国家做了很多事。"
