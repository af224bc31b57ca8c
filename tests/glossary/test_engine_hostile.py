"""Hostile characters in real text (issue 15, items 5 to 7).

- Compatibility ideographs (HANJA-NOTES section 4): U+F900-U+FAFF and U+2F800-U+2FA1F are
  one term with their unified forms; the text keeps them as written.
- Invisible characters (NFD hangul, zero-width characters, BOM, direction marks, variation
  selectors, a space inside the parentheses): the gloss is still found, its offsets point
  into the text as read, and the term's hangul and hanja are the visible, composed forms.
- Characters no data knows (extensions A, B and G): their readings are empty, never the
  character itself, and the kind does not claim "translation" for want of a reading.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from glossary import Enricher, Glossary, Term, build_glossary
from glossary.engine.extract import find_candidates
from glossary.model import unified_hanja
from glossary.sources.files import document_from_text
from glossary.store import open_store

ENRICHER = Enricher()
NFD = "덩샤오핑(鄧小平)의 개혁"


def _glossary(text: str, dictionary: bool = False) -> Glossary:
    return build_glossary(document_from_text(text), ENRICHER, dictionary=dictionary)


def _only(text: str) -> Term:
    (term,) = _glossary(text).terms
    return term


# -- item 5: compatibility ideographs --------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "unified"),
    [
        ("音\uf914", "音樂"),  # 樂 encoded as 낙 (KS X 1001)
        ("\uf90a日成", "金日成"),  # 金 encoded as 금
        ("\uf9e1明", "李明"),  # 李 encoded as 이
        ("\U0002f80a侶", "僧侶"),  # CJK Compatibility Ideographs Supplement
        ("\ufa0e", "\ufa0e"),  # 﨎 is a unified ideograph in the compatibility block: kept
        ("鄧小平", "鄧小平"),
        ("3甲", "3甲"),
        ("", ""),
    ],
)
def test_unified_hanja(written: str, unified: str) -> None:
    assert unified_hanja(written) == unified
    term = Term(written, "가", "sino", "", "", "", "", "", "")
    assert term.key == (unified, "가")


@pytest.mark.parametrize(
    ("text", "gloss", "unified", "forms"),
    [
        ("음악(音\uf914)과 음악(音樂)", "음악", "音樂", ("音\uf914", "音樂")),
        ("김일성(金日成) 김일성(\uf90a日成)", "김일성", "金日成", ("金日成", "\uf90a日成")),
        ("승려(\U0002f80a侶)와 승려(僧侶)", "승려", "僧侶", ("\U0002f80a侶", "僧侶")),
        # A bare compatibility form joins the glossed unified term.
        ("음악(音樂)과 音\uf914", "음악", "音樂", ("音樂", "音\uf914")),
    ],
)
def test_compatibility_forms_are_one_term(
    text: str, gloss: str, unified: str, forms: tuple[str, ...]
) -> None:
    term = _only(text)
    assert term.key == (unified, gloss)
    assert term.hanja == forms[0]  # as first written
    assert tuple(text[o.hanja_start : o.hanja_end] for o in term.occurrences) == forms
    assert term.kind == "sino"


def test_compatibility_forms_are_one_stored_term(tmp_path: Path) -> None:
    store = open_store(tmp_path / "glossary.sqlite3")
    store.add_glossary(_glossary("김일성(\uf90a日成) 주석이 말했다."))
    store.add_glossary(_glossary("김일성(金日成) 주석은 말했다."))
    assert store.resolve("김일성") == ("金日成", "김일성")
    (stored,) = store.glosses("김일성")
    assert stored.term.hanja == "金日成"


# -- item 6: invisible characters --------------------------------------------------------------


# (text, where the term's occurrence starts, what it covers as written, its hangul, hanja)
@pytest.mark.parametrize(
    ("text", "start", "surface", "hangul", "hanja"),
    [
        ("덩샤오핑(鄧小平)의", 0, "덩샤오핑(鄧小平)", "덩샤오핑", "鄧小平"),
        (
            unicodedata.normalize("NFD", "덩샤오핑(鄧小平)의"),
            0,
            unicodedata.normalize("NFD", "덩샤오핑(鄧小平)"),
            "덩샤오핑",
            "鄧小平",
        ),
        ("덩샤\u200b오핑(鄧小平)의", 0, "덩샤\u200b오핑(鄧小平)", "덩샤오핑", "鄧小平"),
        ("덩샤오\ufeff핑(鄧小平)의", 0, "덩샤오\ufeff핑(鄧小平)", "덩샤오핑", "鄧小平"),
        ("덩샤오핑\u200e(鄧小平)의", 0, "덩샤오핑\u200e(鄧小平)", "덩샤오핑", "鄧小平"),
        ("덩샤오핑(\u200b鄧小平)의", 0, "덩샤오핑(\u200b鄧小平)", "덩샤오핑", "鄧小平"),
        ("덩샤오핑(鄧小\u200d平)의", 0, "덩샤오핑(鄧小\u200d平)", "덩샤오핑", "鄧小平"),
        ("덩샤오핑(鄧\u200c小平)의", 0, "덩샤오핑(鄧\u200c小平)", "덩샤오핑", "鄧小平"),
        ("덩샤오핑(鄧小平\u200f)의", 0, "덩샤오핑(鄧小平\u200f)", "덩샤오핑", "鄧小平"),
        ("덩샤오핑(鄧\ufe00小平)의", 0, "덩샤오핑(鄧\ufe00小平)", "덩샤오핑", "鄧小平"),
        ("덩샤오핑(鄧\U000e0100小平)의", 0, "덩샤오핑(鄧\U000e0100小平)", "덩샤오핑", "鄧小平"),
        ("\ufeff덩샤오핑(鄧小平)의", 1, "덩샤오핑(鄧小平)", "덩샤오핑", "鄧小平"),
        ("그는 \u200b덩샤오핑(鄧小平)의", 4, "덩샤오핑(鄧小平)", "덩샤오핑", "鄧小平"),
        ("항저우(杭 州)에서", 0, "항저우(杭 州)", "항저우", "杭州"),
        ("중국 항저우(杭 州)에서", 3, "항저우(杭 州)", "항저우", "杭州"),
        # Two words glossed by two words keep their space (HANJA-NOTES section 1).
        ("시진핑 주석(習近平 主席)은", 0, "시진핑 주석(習近平 主席)", "시진핑 주석", "習近平 主席"),
    ],
)
def test_invisible_characters_inside_a_gloss(
    text: str, start: int, surface: str, hangul: str, hanja: str
) -> None:
    term = _only(text)
    assert (term.hangul, term.hanja) == (hangul, hanja)
    (occ,) = term.occurrences
    assert (occ.start, text[occ.start : occ.end]) == (start, surface)
    assert occ.gloss_start is not None and occ.gloss_end is not None
    assert _visible(text[occ.gloss_start : occ.gloss_end]) == hangul
    assert _visible(text[occ.hanja_start : occ.hanja_end]).replace(" ", "") == hanja.replace(
        " ", ""
    )
    if hangul == "덩샤오핑":
        assert term.kind == "transcription"
        assert term.pinyin == "dèng xiǎo píng"


def _visible(text: str) -> str:
    hidden = "\u200b\u200c\u200d\u200e\u200f\ufeff\ufe00\U000e0100"
    return unicodedata.normalize("NFC", "".join(c for c in text if c not in hidden))


def test_variation_selector_after_the_hanja_belongs_to_it() -> None:
    text = "덩샤오핑(鄧小平\U000e0101)의"
    (occ,) = _only(text).occurrences
    assert text[occ.hanja_start : occ.hanja_end] == "鄧小平\U000e0101"
    assert text[occ.start : occ.end] == "덩샤오핑(鄧小平\U000e0101)"


def test_candidates_point_into_the_text_as_read() -> None:
    text = "덩샤\u200b오핑(鄧\ufe00小平)의 개혁"
    (cand,) = find_candidates(text)
    assert (cand.start, cand.end) == (0, 11)
    assert (cand.hanja_start, cand.hanja_end) == (6, 10)
    assert (cand.gloss_start, cand.gloss_end) == (0, 5)


def test_nfd_text_links_mentions_and_keeps_sentences_as_written() -> None:
    text = unicodedata.normalize("NFD", "덩샤오핑(鄧小平)의 개혁. 덩샤오핑은 말했다.")
    (term,) = _glossary(text).terms
    assert term.hangul == "덩샤오핑"
    (mention,) = term.mentions
    assert text[mention.start : mention.end] == unicodedata.normalize("NFD", "덩샤오핑")
    assert term.occurrences[0].sentence == unicodedata.normalize("NFD", "덩샤오핑(鄧小平)의 개혁.")


def test_nfd_text_with_the_dictionary_maps_every_place() -> None:
    plain = "덩샤오핑(鄧小平)의 개혁. 선전에서 덩샤오핑은 말했다."
    text = unicodedata.normalize("NFD", plain)
    glossary = _glossary(text, dictionary=True)
    composed = _glossary(plain, dictionary=True)
    assert [t.key for t in glossary.terms] == [t.key for t in composed.terms]
    assert [s.hangul for s in glossary.suggestions] == [s.hangul for s in composed.suggestions]
    for suggestion in glossary.suggestions:
        for place in suggestion.places:
            assert unicodedata.normalize("NFC", text[place.start : place.end]) == suggestion.hangul


# -- item 7: characters no data knows ----------------------------------------------------------


@pytest.mark.parametrize("char", ["𠮷", "𡨸", "㐂", "𰀀"])
def test_unknown_readings_are_empty(char: str) -> None:
    term = _only(f"{char} 자")
    assert term.kind == "bare"
    assert term.pinyin == term.pinyin_numbered == term.mandarin_hangul == ""
    assert char not in term.sino_korean
    (info,) = term.chars
    assert (info.pinyin, info.pinyin_numbered) == ("", "")
    assert info.sino_korean != char
    assert (info.char, info.simplified, info.traditional) == (char, char, char)


def test_a_reading_the_data_has_is_kept() -> None:
    # libhangul lists 㐂 (as 칠); pypinyin has no reading for it.
    (info,) = _only("㐂 자").chars
    assert (info.sino_korean, info.pinyin) == ("칠", "")


# The kind of a gloss whose hanja hold a character without any reading. Nothing can check
# the gloss against that character, so the kind never says "translation" for want of a
# reading: each such character is taken to read as one syllable (matches stay empty, the
# note says so), and the kind is what the known characters' readings make of the rest (a
# character no Mandarin data knows is read the Sino-Korean way: "sino" when none is known).
# A gloss longer than that can be is classified as usual, the note naming the characters.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("길(𠮷)", "sino"),
        ("길상(𠮷祥)", "sino"),
        ("자(𡨸)", "sino"),
    ],
)
def test_kind_of_a_gloss_over_characters_without_readings(text: str, kind: str) -> None:
    term = _only(text)
    assert term.kind != "translation"
    assert term.kind == kind
    assert term.matches == ()
    assert "no reading is known" in term.kind_note


@pytest.mark.parametrize(("text", "char"), [("드림타운(𠮷)", "𠮷"), ("항(杭𰀀)", "𰀀")])
def test_gloss_no_reading_length_fits_still_says_so(text: str, char: str) -> None:
    term = _only(text)
    assert term.matches == ()
    assert f"no reading is known for {char}" in term.kind_note


def test_unknown_character_inside_a_word_leaves_the_others_readings() -> None:
    term = _only("길상(𠮷祥)")
    assert term.pinyin.split(" ") == ["", "xiáng"]
    assert term.sino_korean == ""  # the word's reading is not known
    assert [c.sino_korean for c in term.chars] == ["", "상"]
