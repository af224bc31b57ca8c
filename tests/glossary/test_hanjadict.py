"""Tests for glossary.engine.hanjadict and the tools/build_hanja_data.py script that feeds it."""

from __future__ import annotations

import importlib.util
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from glossary.engine import hanjadict
from glossary.engine.hanjadict import CharEntry, HanjaDictionary, default_path, hanja_dictionary
from glossary.errors import DataError

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = REPO_ROOT / "tools" / "build_hanja_data.py"


def _load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_hanja_data", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build_script() -> ModuleType:
    return _load_build_script()


@pytest.fixture(scope="module")
def hd() -> HanjaDictionary:
    return hanja_dictionary()


# --- words ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("鄧小平", ("등소평",)),
        ("音樂", ("음악",)),
        ("人工知能", ("인공지능",)),
        ("杭州", ("항주",)),
        ("未來", ("미래",)),
        ("上海", ("상해",)),
        ("金日成花", ("김일성화",)),
        # libhangul lists 金日成 only inside 金日成花; the bare name is not a word of the list.
        ("金日成", ()),
        ("없는말", ()),
        ("", ()),
    ],
)
def test_word_readings(hd: HanjaDictionary, word: str, expected: tuple[str, ...]) -> None:
    assert hd.word_readings(word) == expected
    assert hd.has_word(word) is bool(expected)


def test_sino_korean_reading_comes_before_the_mandarin_based_one(hd: HanjaDictionary) -> None:
    # The list has both 저장 (from Mandarin Zhèjiāng) and 절강 for 浙江; 절강 is built from the
    # characters' own readings and comes first.
    assert hd.word_readings("浙江") == ("절강", "저장")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("李", ("리", "이")),  # a single character is a word too, with every listed reading
        ("金", ("금", "김")),
        ("樂", ("악", "락", "낙", "요")),
        ("音\uf914", ("음악",)),  # compatibility ideograph: found through the NFC form
    ],
)
def test_word_readings_of_characters_and_nfc(
    hd: HanjaDictionary, word: str, expected: tuple[str, ...]
) -> None:
    assert hd.word_readings(word) == expected


# --- characters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ch", "readings"),
    [
        ("李", ("리",)),  # 이 is the 두음법칙 form of 리 and is dropped
        ("理", ("리",)),
        ("樂", ("악", "락", "요")),  # 낙 dropped (두음 of 락); 악 is used most in words
        ("金", ("금", "김")),
        ("深", ("심",)),
        ("甲", ("갑",)),
        ("鎭", ("진",)),
        ("硏", ("연",)),
        ("鄧", ("등",)),
        ("二", ("이",)),  # 이 is its own reading here, not a 두음 form of a listed one
        ("女", ("녀",)),
        ("率", ("률", "솔")),
    ],
)
def test_char_readings_ranked(hd: HanjaDictionary, ch: str, readings: tuple[str, ...]) -> None:
    assert hd.char_readings(ch) == readings
    assert tuple(e.reading for e in hd.char_entries(ch)) == readings


@pytest.mark.parametrize(
    ("ch", "reading", "meaning_part"),
    [
        ("深", "심", "깊을 심"),
        ("甲", "갑", "갑옷 갑"),
        ("金", "금", "쇠 금"),
        ("樂", "악", "풍류 악"),
        # 선비 천거리할 리 is only on the dropped 이:李 line; it is merged into the 리 entry.
        ("李", "리", "오얏 리, 선비 천거리할 리"),
    ],
)
def test_char_meanings(hd: HanjaDictionary, ch: str, reading: str, meaning_part: str) -> None:
    entries = {e.reading: e.meaning for e in hd.char_entries(ch)}
    assert meaning_part in entries[reading]


def test_char_entries_are_char_entry_values(hd: HanjaDictionary) -> None:
    first = hd.char_entries("深")[0]
    assert isinstance(first, CharEntry)
    assert first == CharEntry("심", "깊을 심")


@pytest.mark.parametrize(
    ("ch", "readings"),
    [
        ("\uf914", ("낙", "악", "락", "요")),  # 樂 encoded as 낙
        ("\uf95c", ("락", "악", "요")),  # 樂 encoded as 락
        ("\uf9bf", ("요", "악", "락")),  # 樂 encoded as 요
        ("\uf9e1", ("이", "리")),  # 李 encoded as 이
        ("\uf90a", ("금", "김")),  # 金 encoded as 금
        ("\uf967", ("불", "부")),  # 不 encoded as 불
        ("\ufa06", ("포", "폭")),  # 暴 encoded as 포
        ("\uf905", ("관", "곶", "천")),  # 串 encoded as 관
    ],
)
def test_compatibility_ideograph_gives_its_encoded_reading_first(
    hd: HanjaDictionary, ch: str, readings: tuple[str, ...]
) -> None:
    assert hd.char_readings(ch)[0] == readings[0]
    assert set(hd.char_readings(ch)) == set(readings)


def test_compatibility_ideograph_outside_ks_x_1001_uses_its_nfc_form(hd: HanjaDictionary) -> None:
    # U+FA47 comes from JIS X 0213 and encodes no Korean reading.
    assert hd.char_entries("\ufa47") == hd.char_entries("漢")
    assert hd.char_readings("\ufa47") == ("한",)


@pytest.mark.parametrize("ch", ["A", "가", "。", "", "音樂", "\U0010ffff"])
def test_unknown_character(hd: HanjaDictionary, ch: str) -> None:
    assert hd.char_entries(ch) == ()
    assert hd.char_readings(ch) == ()


# --- opening, errors, laziness ------------------------------------------------------------------


def test_default_path_is_the_bundled_file() -> None:
    path = default_path()
    assert path.name == "hanja.sqlite"
    assert path.parent.name == "data"
    assert path.is_file()


def test_hanja_dictionary_is_shared() -> None:
    assert hanja_dictionary() is hanja_dictionary()


def test_missing_file_raises_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not found"):
        HanjaDictionary(tmp_path / "nope.sqlite")


def test_directory_raises_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        HanjaDictionary(tmp_path)


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a database, just some garbage bytes\x00\xff" * 200,
        b"SQLite format 3\x00" + b"\xff" * 4000,
        b"",
    ],
    ids=["garbage", "bad-header", "empty"],
)
def test_corrupt_file_raises_data_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "hanja.sqlite"
    path.write_bytes(content)
    with pytest.raises(DataError) as info:
        HanjaDictionary(path)
    assert not isinstance(info.value, sqlite3.Error)


def test_other_sqlite_database_raises_data_error(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {hanjadict._FORMAT_VERSION}")  # Right version, not tables.
    conn.execute("CREATE TABLE words (w TEXT)")
    conn.close()
    with pytest.raises(DataError, match="corrupt"):
        HanjaDictionary(path)


def test_lookup_after_close_raises_data_error() -> None:
    dictionary = HanjaDictionary(default_path())
    dictionary.close()
    with pytest.raises(DataError):
        dictionary.word_readings("音樂")
    with pytest.raises(DataError):
        dictionary.char_entries("樂")


def test_import_opens_nothing() -> None:
    code = """
import sys

opened = []

def hook(event, args):
    if event == "sqlite3.connect" or (event == "open" and str(args[0]).endswith(".sqlite")):
        opened.append((event, args[0]))

sys.addaudithook(hook)
import glossary.engine.hanjadict as h

assert h.hanja_dictionary.cache_info().currsize == 0, "dictionary loaded at import"
assert not opened, opened
h.hanja_dictionary()
assert opened and opened[0][0] == "sqlite3.connect", opened
print("ok")
"""
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_lookups_are_fast(hd: HanjaDictionary) -> None:
    n = 2000
    start = time.perf_counter()
    for _ in range(n):
        hd.word_readings("人工知能")
        hd.char_entries("樂")
    per_lookup = (time.perf_counter() - start) / (2 * n)
    assert per_lookup < 50e-6


# --- the build script -------------------------------------------------------------------------

SAMPLE = """\
# Copyright (c) 2005,2006 Choe Hwanjin
# sample in the format of libhangul's hanja.txt

가:家:집 가
금:金:성 금, 쇠 금
김:金:사람의 성 김, 쇠 김
낙:樂:즐길 낙
락:樂:즐거울 락, 즐길 락
리:李:오얏 리
악:樂:풍류 악, 즐길 악
음:音:소리 음
이:二:두 이
이:李:오얏 리, 역말 리
금가:金家:
김가:金家:
김씨:金氏:
낙원:樂園:
쾌락:快樂:
음악:音樂:
음악가:音樂家:
이가:李家:
이씨:李氏:
"""


def test_initial_sound_law(build_script: ModuleType) -> None:
    law = build_script.initial_sound_law
    pairs = {"리": "이", "량": "양", "로": "노", "락": "낙", "녀": "여", "니": "이", "례": "예"}
    for original, initial in pairs.items():
        assert law(original) == initial
    for unchanged in ["이", "김", "a", "樂", "늬"]:
        assert law(unchanged) == unchanged


def test_build_sample(build_script: ModuleType, tmp_path: Path) -> None:
    source = tmp_path / "hanja.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    out = tmp_path / "hanja.sqlite"
    build_script.build(source, out)
    hd = HanjaDictionary(out)
    try:
        # 금 appears in 금가 and 김 in 김가 and 김씨: 김 is used more in this sample.
        assert hd.char_readings("金") == ("김", "금")
        # 낙원 counts for 낙 and (undoing 두음법칙) 락, 쾌락 for 락: 락 first, 낙 dropped.
        assert hd.char_readings("樂") == ("락", "악")
        assert hd.char_entries("李") == (CharEntry("리", "오얏 리, 역말 리"),)
        assert hd.char_readings("二") == ("이",)
        assert hd.word_readings("金家") == ("금가", "김가")
        assert hd.word_readings("李") == ("리", "이")
        assert hd.char_readings("家") == ("가",)
        assert hd.char_readings("氏") == ()  # only in words, no character line
    finally:
        hd.close()


def test_build_is_deterministic(build_script: ModuleType, tmp_path: Path) -> None:
    source = tmp_path / "hanja.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    build_script.build(source, first)
    build_script.build(source, second)
    assert first.read_bytes() == second.read_bytes()


def test_build_real_sample_is_deterministic(build_script: ModuleType, tmp_path: Path) -> None:
    full = Path(build_script.DEFAULT_SOURCE)
    if not full.is_file():
        pytest.skip(f"{full} not available")
    wanted = set("李理樂金深甲鎭硏")
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    data = [line for line in lines if not line.startswith("#")]
    picked = data[:2000] + [line for line in data[2000:] if line.split(":")[1] in wanted]
    source = tmp_path / "hanja.txt"
    source.write_text("".join(picked), encoding="utf-8")
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    build_script.build(source, first)
    build_script.build(source, second)
    assert first.read_bytes() == second.read_bytes()
    hd = HanjaDictionary(first)
    try:
        assert hd.char_readings("李") == ("리",)
        assert hd.char_readings("深") == ("심",)
    finally:
        hd.close()


def test_parse_rejects_malformed_lines(build_script: ModuleType) -> None:
    with pytest.raises(ValueError, match="line 2"):
        build_script.parse(["# comment", "no fields here"])
    entries = build_script.parse(["# c", "", "가:家:집 가", "음악:音樂:"])
    assert [(e.reading, e.hanja, e.meaning) for e in entries] == [
        ("가", "家", "집 가"),
        ("음악", "音樂", ""),
    ]


def test_what_the_index_takes_of_each_word(build_script: ModuleType, tmp_path: Path) -> None:
    listed = build_script.listed_in_index
    assert listed("杭州", "항주") == (1, [])
    assert listed("金家", "금가 김가") == (2, [("금가", "金家"), ("김가", "金家")])
    assert listed("音樂", "음악 음") == (2, [("음악", "音樂")])  # Only readings as long.
    assert listed("音樂", "음") == (2, [])  # Listed all the same (the index reads it not).
    for word, readings in [("樂", "락 악"), ("一次코일", "일차코일"), ("𠀀人", "가인"), ("", "")]:
        assert listed(word, readings) == (0, [])
    source = tmp_path / "hanja.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    out = tmp_path / "hanja.sqlite"
    build_script.build(source, out)
    with sqlite3.connect(out) as conn:
        flags = dict(conn.execute("SELECT word, listed FROM words"))
        split = conn.execute("SELECT reading, word FROM split_readings ORDER BY rowid").fetchall()
        encoding = conn.execute("PRAGMA encoding").fetchone()[0]
    assert (flags["李家"], flags["金家"], flags["李"], flags["樂"]) == (1, 2, 0, 0)
    assert split == [("금가", "金家"), ("김가", "金家")]
    assert encoding == "UTF-8"  # As the CC-CEDICT index, which attaches it.
