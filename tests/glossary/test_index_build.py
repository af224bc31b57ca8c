"""The index build: what it stores for suggestions, its Korean readings' thread, old formats."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from glossary.cli import main
from glossary.dictionary import build
from glossary.dictionary import entries as entries_module
from glossary.dictionary.build import FORMAT_VERSION, build_index, index_path, resolve_source
from glossary.dictionary.index import CedictIndex, open_index
from glossary.dictionary.korean import first_readings, read_by_character
from glossary.dictionary.pinyin import toneless_key
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


def test_reading_by_character_applies_the_initial_sound_law_by_strings_or_one_by_one() -> None:
    first = first_readings(default_path())
    words = ["李小龍", "女子大", "老人", "杭州", "樂園", "卡拉OK"]
    fast, _ = read_by_character(words, first, law=True)
    slow, complete = read_by_character([*words, 'x"y'], first, law=True)
    assert complete
    expected = {
        "李小龍": "이소룡",
        "女子大": "여자대",
        "老人": "노인",
        "杭州": "항주",
        "樂園": "악원",
    }
    assert {w: r for w, r in json.loads(fast).items() if w in expected} == expected
    assert json.loads(slow) == expected  # 卡拉OK and x"y: no reading.
    assert json.loads(read_by_character(words, first)[0])["李小龍"] == "리소룡"  # Without.


# Pinyin as CC-CEDICT writes it, and the odd cases: names with dots, ü spelt u: or v, Latin
# letters, erhua, white space of other kinds, nothing.
PINYINS = [
    "Hang2 zhou1",
    "lu:4",
    "nu:3 zi3 da4",
    "Lu:e4",
    "V",
    "xi1 an1",
    "ka3 la1 O K",
    "Ya4 dang1 · Si1 mi4",
    "yi1 , er4",
    "r5",
    "",
    "  hao3   ",
    "xiao3\tjie5",
    "háng zhōu",
]


def _transcribed_one_by_one(pinyins: list[str]) -> list[str | None]:
    spell = build._Syllables()
    spelt = ["".join(spell[s] for s in pinyin.split()) for pinyin in pinyins]
    return [h if h and "\0" not in h else None for h in spelt]


def test_keys_and_transcriptions_by_whole_strings_equal_those_entry_by_entry() -> None:
    assert build._toneless_keys(PINYINS) == [toneless_key(p) for p in PINYINS]
    assert build._transcriptions(PINYINS) == _transcribed_one_by_one(PINYINS)
    assert build._transcriptions(["Hang2 zhou1", "ka3 la1 O K", ""]) == ["항저우", None, None]
    # What stands between the entries found in the pinyin: entry by entry, the same answers.
    odd = [*PINYINS, f"a{build._BETWEEN}b", f"hang2 {build._BETWEEN} zhou1", "hang2\nzhou1"]
    assert build._toneless_keys(odd) == [toneless_key(p) for p in odd]
    assert build._transcriptions(odd) == _transcribed_one_by_one(odd)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "#",
        "a",
        "#c\n\nA B [a1] /x/\n  \n\t#not a comment\n",
        "\n\n\n",
        "  \n\u3000\n\x0b\nx\n\r",
        "x\n#y\n #z\n\n",
    ],
)
def test_lines_are_counted_as_line_by_line(text: str) -> None:
    wanted = sum(1 for line in text.split("\n") if line.strip() and not line.startswith("#"))
    assert entries_module._lines(text) == wanted


def test_entries_come_without_their_outer_slashes_and_slashes_alone_are_malformed(
    tmp_path: Path,
) -> None:
    source = tmp_path / "cedict.u8"
    source.write_text(
        "# comment\nA B [a1] /x/y/\nC D [d1] ///\nE F [e1] //y/ z// \t\nG H [g1] / /\n",
        encoding="utf-8",
    )
    found, bad = entries_module._read_entries(source)
    assert found == [("A", "B", "a1", "x/y"), ("E", "F", "e1", "y/ z"), ("G", "H", "g1", " ")]
    assert bad == 1


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        (
            "甲,5\n乙,3\n丙,3\n",
            {"甲", "乙", "丙", "丁"},
            {"甲": (5, 1), "乙": (3, 2), "丙": (3, 2)},
        ),
        # A word listed twice: its last count, for its rank and for the others'.
        (
            "甲,5\n乙,3\n甲,1\n丙,3\n",
            {"甲", "乙", "丙"},
            {"甲": (1, 3), "乙": (3, 1), "丙": (3, 1)},
        ),
        # A comma in a word: line by line.
        ("a,b,7\n甲,2\n", {"a,b", "甲"}, {"a,b": (7, 1), "甲": (2, 2)}),
    ],
)
def test_frequencies_and_ranks(
    tmp_path: Path, text: str, words: set[str], expected: dict[str, tuple[int, int]]
) -> None:
    path = tmp_path / "freq.txt"
    path.write_text(text, encoding="utf-8")
    assert entries_module._read_frequencies(path, words) == expected


def test_a_new_build_removes_the_indexes_of_dictionary_files_that_are_gone(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    kept_env, gone_env = tmp_path / "env1", tmp_path / "env2"
    kept_env.mkdir()
    gone_env.mkdir()
    kept_source, frequencies = write_excerpt(kept_env)
    gone_source, _ = write_excerpt(gone_env)
    kept = build_index(kept_source, index_path(kept_source, cache), korean_readings=False)
    gone = build_index(gone_source, index_path(gone_source, cache), korean_readings=False)
    gone.index.with_name(f"{gone.index.stem}.segment-words").write_bytes(b"word lists")
    gone.index.with_name(f"{gone.index.stem}.segment-automaton").write_bytes(b"automaton")
    with sqlite3.connect(index_path(kept_source, cache)) as db:
        source_row = db.execute("SELECT value FROM meta WHERE key = 'source'").fetchone()
    assert source_row == (str(kept_source),)
    # Not known to be orphans: an unreadable file, and one recording a relative path.
    (cache / "cedict-0000000000000000.sqlite3").write_bytes(b"not a database")
    relative = cache / "cedict-1111111111111111.sqlite3"
    relative.write_bytes(index_path(kept_source, cache).read_bytes())
    with sqlite3.connect(relative) as db:
        db.execute("UPDATE meta SET value = 'cedict_ts.u8' WHERE key = 'source'")
    gone_source.unlink()  # Its environment deleted.

    third_source, _ = write_excerpt(tmp_path)
    build_index(third_source, index_path(third_source, cache), frequencies=frequencies)

    left = sorted(p.name for p in cache.iterdir())
    assert gone.index.name not in left
    assert f"{gone.index.stem}.segment-words" not in left
    assert f"{gone.index.stem}.segment-automaton" not in left
    assert kept.index.name in left and index_path(third_source, cache).name in left
    assert {"cedict-0000000000000000.sqlite3", relative.name} <= set(left)
