"""What a one-character word stands as (glossary.engine.standing): most of its places decide."""

from __future__ import annotations

from glossary import Document, build_glossary
from glossary.engine.standing import standing


def places(text: str, hanja: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ch == hanja]


def test_a_measure_word_mostly_after_numbers_is_counted_though_first_written_alone() -> None:
    text = "按名，三名，五名，两名"
    assert standing(text, "名", places(text, "名")) == "number"
    # Mostly after 各 or 这: counted; mostly elsewhere though first after a number: nothing.
    text = "三项，各项，这项"
    assert standing(text, "项", places(text, "项")) == "counted"
    text = "三点，好点，点头，点名"
    assert standing(text, "点", places(text, "点")) == ""


def test_the_glossary_gives_a_measure_word_its_classifier_sense_by_most_places() -> None:
    text = "他们按名排队。三名学生、五名教师和两名工人参加了。"
    terms = {t.hanja: t for t in build_glossary(Document(text, "t")).terms}
    assert terms["名"].meanings[0] == "classifier for people"  # not "name"


def test_particles_and_words_before_a_word_stand_by_most_places() -> None:
    text = "高兴地说，认真地学，地上"
    assert standing(text, "地", places(text, "地")) == "running"
    text = "才能，才是，人才。"
    assert standing(text, "才", places(text, "才")) == "alone"
    assert standing("他的才。", "才", [3]) == ""
