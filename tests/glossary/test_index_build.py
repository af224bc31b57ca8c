"""The index build: what it stores for suggestions, its Korean readings' thread, old formats."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from glossary.cli import main
from glossary.dictionary import build
from glossary.dictionary.build import FORMAT_VERSION, build_index, index_path, resolve_source
from glossary.dictionary.index import CedictIndex, open_index
from glossary.dictionary.korean import first_readings, read_by_character
from glossary.engine.hanjadict import default_path
from glossary.errors import DataError
from tests.glossary.cedict_support import EXCERPT, write_excerpt

# Names, a word that starts with 두음법칙, and a Latin-lettered entry; none in libhangul's list.
EXTRA = (
    "阿里巴巴 阿里巴巴 [A1 li3 ba1 ba1] /Alibaba/\n"
    "馬雲 马云 [Ma3 Yun2] /Ma Yun (Jack Ma)/\n"
    "李小龍 李小龙 [Li3 Xiao3 long2] /Bruce Lee/\n"
    "女子大 女子大 [nu:3 zi3 da4] /women's university/\n"
    "卡拉OK 卡拉OK [ka3 la1 O K] /karaoke/\n"
)


def _korean(path: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return set(db.execute("SELECT reading, hanja FROM korean"))


def test_the_proper_nouns_transcriptions_are_stored_once_sorted(tmp_path: Path) -> None:
    source, frequencies = write_excerpt(tmp_path, EXCERPT + EXTRA)
    index = open_index(source, cache_dir=tmp_path / "cache", frequencies=frequencies)
    assert index is not None
    with sqlite3.connect(index.path) as db:
        wanted = sorted(
            str(hangul)
            for (hangul,) in db.execute(
                "SELECT DISTINCT hangul FROM entries WHERE proper = 1 AND hangul IS NOT NULL"
            )
        )
    assert index.proper_names == tuple(wanted)
    assert {"항저우", "선전", "바이두", "아리바바", "마윈", "리샤오룽"} <= set(index.proper_names)
    assert "선전" in index.proper_transcriptions
    # What the automaton scans for: two hangul syllables or more (not 중, surname Zhong).
    assert "중" in index.proper_names and "중" not in index.proper_names_to_scan
    assert index.proper_matcher.find_matches_as_indexes("아리바바의") == [
        (index.proper_names_to_scan.index("아리바바"), 0, 4)
    ]


def test_an_index_of_the_previous_format_is_rebuilt(tmp_path: Path) -> None:
    source, frequencies = write_excerpt(tmp_path)
    cache = tmp_path / "cache"
    first = open_index(source, cache_dir=cache, frequencies=frequencies, korean_readings=False)
    assert first is not None
    first.close()
    target = index_path(source, cache)
    with sqlite3.connect(target) as db:  # What an index of format 1 lacked.
        db.execute("DROP TABLE proper_names")
        db.execute("PRAGMA user_version = 1")
    with pytest.raises(DataError, match="format 1"):
        CedictIndex(target)
    again = open_index(source, cache_dir=cache, frequencies=frequencies, korean_readings=False)
    assert again is not None and again.meta["format"] == str(FORMAT_VERSION)
    assert "항저우" in again.proper_names


def test_korean_readings_are_the_word_list_and_the_words_read_by_character(
    tmp_path: Path,
) -> None:
    source, frequencies = write_excerpt(tmp_path, EXCERPT + EXTRA)
    report = build_index(source, tmp_path / "i.sqlite3", frequencies=frequencies)
    rows = _korean(tmp_path / "i.sqlite3")
    assert report.korean_readings == len(rows) > 200_000  # libhangul's words, then CC-CEDICT's.
    assert ("항주", "杭州") in rows and ("선전", "宣傳") in rows  # Listed by libhangul.
    assert ("소진", "小鎮") in rows  # Read by character: the list lacks the word.
    assert ("마운", "馬雲") in rows
    # 두음법칙 at the start of a word read by character: 李 is 리, 女 is 녀.
    assert ("이소룡", "李小龍") in rows and ("여자대", "女子大") in rows
    assert not any(hanja == "卡拉OK" for _, hanja in rows)  # O and K have no reading.


def test_reading_by_character_takes_the_same_words_by_strings_or_one_by_one() -> None:
    first = first_readings(default_path())
    plain = ["杭州", "小鎮", "卡拉OK", "人工知能", "𠀀人"]
    quoted = [*plain, 'x"y', "한국"]  # A quote or hangul: read one word at a time.
    fast, complete = read_by_character(plain, first)
    slow, complete_slow = read_by_character(quoted, first)
    assert not complete and complete_slow
    all_hangul = {w: r for w, r in json.loads(fast).items() if all("가" <= c <= "힣" for c in r)}
    assert (
        all_hangul == json.loads(slow) == {"杭州": "항주", "小鎮": "소진", "人工知能": "인공지능"}
    )


def test_a_stopped_build_leaves_neither_file_nor_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "PROGRESS_INTERVAL", 0.0)
    source, frequencies = write_excerpt(tmp_path)
    folder = tmp_path / "cache"
    before = threading.active_count()

    class Stop(Exception):
        pass

    def stop(phase: str, done: float) -> None:
        if phase == "reading frequencies":  # While the Korean readings are being copied.
            raise Stop

    with pytest.raises(Stop):
        build_index(source, folder / "i.sqlite3", frequencies=frequencies, progress=stop)
    assert list(folder.iterdir()) == []
    assert threading.active_count() == before


def test_a_dictionary_path_with_an_unknown_user_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(DataError, match="~nosuchuser15/x: cannot expand ~nosuchuser15"):
        resolve_source("~nosuchuser15/x")
    assert main(["lookup", "杭州", "--cedict", "~nosuchuser15/x"]) == 0  # By character.
    err = capsys.readouterr().err
    assert err == (
        "glossary: warning: ~nosuchuser15/x: cannot expand ~nosuchuser15: no such user; "
        "going on without meanings\n"
    )
    monkeypatch.setenv(build.ENV_VAR, "~nosuchuser15/cedict.u8")
    assert main(["extract", "-f", "json"]) == 0
    assert "cannot expand ~nosuchuser15: no such user" in capsys.readouterr().err
