"""Tone marks and tone numbers: one conversion, the same as pypinyin's ``tone_convert``.

``glossary.engine.chinese`` converts (pypinyin's package costs some 170 ms to import, too
much for every command); these tests hold it to pypinyin's ``to_tone`` and ``to_tone3`` on
every reading pypinyin has, both ways, and check the places that converted by hand before.
"""

from __future__ import annotations

import functools

import pytest

from glossary.dictionary.lookup import numbered_tone as reader_tone
from glossary.dictionary.pinyin import mark_tones, tones_of
from glossary.engine.chinese import (
    numbered_tone,
    pinyin_of,
    reference_pinyin_of,
    to_tone_marks,
    to_tone_numbers,
)
from glossary.store.anki_pinyin import syllables


@functools.cache
def _readings() -> list[str]:
    from pypinyin.constants import PINYIN_DICT

    return sorted({r for readings in PINYIN_DICT.values() for r in readings.split(",")})


def test_every_reading_pypinyin_has_converts_as_pypinyin_converts_it() -> None:
    from pypinyin.contrib.tone_convert import to_tone, to_tone3

    readings = _readings()
    assert len(readings) > 1400
    for marked in readings:
        numbered = to_tone3(marked, neutral_tone_with_five=True, v_to_u=True)
        assert to_tone_numbers(marked) == numbered, marked
        assert to_tone_marks(numbered) == to_tone(numbered) == marked, numbered
        assert numbered_tone(numbered) == int(numbered[-1]), numbered


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [
        ("hang2 zhou1", "háng zhōu"),
        ("lu:4", "lǜ"),
        ("lv4", "lǜ"),
        ("lü4", "lǜ"),
        ("nüe4", "nüè"),
        ("ma5", "ma"),
        ("ma", "ma"),
        ("Xi1 an1", "Xī ān"),
        ("gui4", "guì"),
        ("liu2", "liú"),
        ("m2", "ḿ"),  # These three lost their tone before (嘸, 嗯, 欸).
        ("ng2", "ńg"),
        ("ê1", "ê̄"),
        ("3 jia3", "3 jiǎ"),  # Not a syllable: as it is.
    ],
)
def test_numbers_to_marks(numbered: str, marked: str) -> None:
    assert to_tone_marks(numbered) == marked


@pytest.mark.parametrize(
    ("marked", "numbered"),
    [
        ("dèng xiǎo píng", "deng4 xiao3 ping2"),
        ("lǜ", "lü4"),
        ("de", "de5"),
        ("ê̄", "ê1"),  # It had no number before.
        ("ń", "n2"),
        ("3 jiǎ", "3 jia3"),
    ],
)
def test_marks_to_numbers(marked: str, numbered: str) -> None:
    assert to_tone_numbers(marked) == numbered


def test_the_engine_reads_words_with_it() -> None:
    for word in ("邓小平", "绿", "欸", "嗯"):
        pinyin = pinyin_of(word)
        assert pinyin == reference_pinyin_of(word)
        assert list(pinyin.numbered) == to_tone_numbers(" ".join(pinyin.marked)).split(" ")


def test_the_other_places_that_converted_by_hand() -> None:
    assert mark_tones("Hang2 zhou1") == "háng zhōu"  # CC-CEDICT's pinyin, lower case.
    assert mark_tones("m2") == "ḿ"
    assert tones_of("háng zhōu") == tones_of("hang2zhou1") == "21"
    assert reader_tone("deng4") == 4 and reader_tone("ê1") == 1
    assert [numbered_tone(s) for s in ("3", "杭4", "deng", "lv4", "lu:4")] == [
        None,
        None,
        None,
        4,
        4,
    ]
    found = syllables("ḿ ê̄", "m2 ê1")
    assert found is not None and [s.tone for s in found] == [2, 1]
