"""Corrected readings: the derived spelling follows, and bad values are refused (issue 16.4)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from glossary import Glossary
from glossary.cli import main
from glossary.errors import InputError
from glossary.paths import DB_ENV_VAR
from glossary.sources.files import bundled_article_path
from glossary.store import Store, open_store

HANGZHOU = ("杭州", "항저우")
THREE_JIA = ("3甲", "3갑")


@pytest.fixture
def store(tmp_path: Path, sample: Glossary) -> Store:
    """A store holding the bundled article."""
    opened = open_store(tmp_path / "g.sqlite3")
    opened.add_glossary(sample)
    return opened


def _term(store: Store, key: tuple[str, str]) -> tuple[str, str, str, str]:
    stored = store.get(key)
    assert stored is not None
    term = stored.term
    return term.pinyin, term.pinyin_numbered, term.sino_korean, term.mandarin_hangul


def test_numbered_pinyin_gives_the_marked_one_too(store: Store) -> None:
    store.correct(HANGZHOU, "pinyin", "hang4 zhou3")
    assert _term(store, HANGZHOU)[:2] == ("hàng zhǒu", "hang4 zhou3")
    stored = store.get(HANGZHOU)
    assert stored is not None
    assert stored.corrections == {"pinyin": "hàng zhǒu", "pinyin_numbered": "hang4 zhou3"}


def test_marked_pinyin_gives_the_numbered_one_too(store: Store) -> None:
    store.correct(HANGZHOU, "pinyin", "Hàng zhou")  # No mark: the neutral tone.
    assert _term(store, HANGZHOU)[:2] == ("hàng zhou", "hang4 zhou5")
    store.correct(HANGZHOU, "pinyin_numbered", "hǎng zhōu")  # Either spelling, either field.
    assert _term(store, HANGZHOU)[:2] == ("hǎng zhōu", "hang3 zhou1")


def test_u_with_dots_and_characters_that_are_not_hanja(store: Store) -> None:
    store.correct(HANGZHOU, "pinyin", "lv4 nu:3")
    assert _term(store, HANGZHOU)[:2] == ("lǜ nǚ", "lü4 nü3")
    store.correct(THREE_JIA, "pinyin", "3 jiǎ")
    assert _term(store, THREE_JIA)[:2] == ("3 jiǎ", "3 jia3")


def test_removing_a_pinyin_correction_restores_both_spellings(store: Store) -> None:
    store.correct(HANGZHOU, "pinyin", "hang4 zhou3")
    store.correct(HANGZHOU, "pinyin_numbered", None)
    assert _term(store, HANGZHOU)[:2] == ("háng zhōu", "hang2 zhou1")
    stored = store.get(HANGZHOU)
    assert stored is not None and stored.corrections == {}


@pytest.mark.parametrize(
    ("field", "value", "why"),
    [
        ("pinyin", "hang2 zhou7", 'pinyin: "hang2 zhou7": zhou7 has tone 7 (tones are 1 to 5'),
        ("pinyin", "hang2 zhou0", "zhou0 has tone 0"),
        ("pinyin_numbered", "xyz2 zhou1", "xyz2 is not a pinyin syllable"),
        ("pinyin", "hang2", "1 syllable for the 2 characters of 杭州"),
        ("pinyin", "hang2 zhou1 shi4", "3 syllables for the 2 characters of 杭州"),
        ("pinyin", "hǎng2 zhou1", "hǎng2 has a tone mark and a tone number"),
        ("pinyin", "", "must not be empty"),
        ("sino_korean", "ABC", 'sino_korean: "ABC": A is not hangul'),
        ("sino_korean", "항주주", "3 syllables for the 2 hanja of 杭州"),
        ("sino_korean", "항", "1 syllable for the 2 hanja of 杭州"),
        ("sino_korean", "ㅎㅈ", "ㅎ is not hangul"),
        ("mandarin_hangul", "hangzhou", 'mandarin_hangul: "hangzhou": h is not hangul'),
        ("mandarin_hangul", " ", "must not be empty"),
    ],
)
def test_bad_values_are_refused_naming_the_field(
    store: Store, field: str, value: str, why: str
) -> None:
    before = store.get(HANGZHOU)
    with pytest.raises(InputError, match=None) as caught:
        store.correct(HANGZHOU, field, value)
    message = str(caught.value)
    assert why in message and "\n" not in message
    assert isinstance(caught.value, ValueError)  # Library callers catching ValueError still do.
    assert store.get(HANGZHOU) == before


def test_good_readings_with_spaces_and_the_terms_own_characters(store: Store) -> None:
    store.correct(HANGZHOU, "sino_korean", "항 주")
    store.correct(HANGZHOU, "mandarin_hangul", "항 저우")
    store.correct(THREE_JIA, "sino_korean", "3갑")
    assert _term(store, HANGZHOU)[2:] == ("항 주", "항 저우")
    assert _term(store, THREE_JIA)[2] == "3갑"


def test_a_store_with_only_one_pinyin_spelling_corrected_reads_both(store: Store) -> None:
    """Corrections made before both spellings were kept: the other is derived on reading."""
    db = sqlite3.connect(store.path)
    with db:
        db.execute(
            "INSERT INTO corrections (term_id, field, value, corrected_at) "
            "SELECT id, 'pinyin', 'hǎng zhōu', '2024-05-01T09:30:00.000000+00:00' "
            "FROM terms WHERE hanja = '杭州'"
        )
    db.close()
    assert _term(store, HANGZHOU)[:2] == ("hǎng zhōu", "hang3 zhou1")


def test_the_command_refuses_with_one_line_and_exit_status_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DB_ENV_VAR, str(tmp_path / "c.sqlite3"))
    assert main(["add", str(bundled_article_path())]) == 0
    capsys.readouterr()
    for args, field in (
        (["杭州", "pinyin", "hang2 zhou7"], "pinyin"),
        (["杭州", "sino_korean", "ABC"], "sino_korean"),
        (["杭州", "mandarin_hangul", "abc"], "mandarin_hangul"),
    ):
        assert main(["correct", *args]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.startswith(f"glossary: {field}: ") and err.count("\n") == 1
    assert main(["correct", "杭州", "pinyin", "hang4 zhou3"]) == 0
    capsys.readouterr()
    assert main(["list", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (term,) = [t for t in data["terms"] if t["hanja"] == "杭州"]
    assert {k: v["value"] for k, v in term["corrections"].items()} == {
        "pinyin": "hàng zhǒu",
        "pinyin_numbered": "hang4 zhou3",
    }
