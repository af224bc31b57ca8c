"""Terminal widths from rich's tables, and one row layout per kind of row (issue 19)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from glossary.cli import main
from glossary.cli.formats import cell_width, fit
from glossary.model import TERM_COLUMNS
from glossary.paths import DB_ENV_VAR
from glossary.sources.files import bundled_article_path
from glossary.store.export import CSV_COLUMNS

ARTICLE = str(bundled_article_path())


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("杭州", 4),
        ("항저우", 6),
        ("dèng xiǎo píng", 14),
        ("👍🏽", 2),  # A thumb and its skin tone: one picture of two cells (it was 4).
        ("👍", 2),
        ("e\u0301", 1),  # A combining accent takes no cell.
        ("AI타운", 6),
        ("３甲", 4),  # Fullwidth digit.
        ("…", 1),
    ],
)
def test_cell_width(text: str, cells: int) -> None:
    assert cell_width(text) == cells


def test_fit_cuts_whole_graphemes() -> None:
    assert fit("👍🏽👍🏽👍🏽", 5) == "👍🏽👍🏽…"
    assert cell_width(fit("👍🏽👍🏽👍🏽", 4)) == 4 and fit("👍🏽👍🏽👍🏽", 4) == "👍🏽… "
    assert fit("항저우", 5) == "항저…"
    assert fit("cafe\u0301s", 5) == "cafe\u0301s"
    assert fit("cafe\u0301s", 4) == "caf…"


def test_a_table_with_emoji_lines_up(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "emoji.txt"
    path.write_text("👍🏽👍🏽 마윈(馬雲) 회장과 👍🏽 저장(浙江)성", encoding="utf-8")
    assert main(["extract", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "👍🏽👍🏽 마윈(馬雲) 회장과 👍🏽 저장(浙江)성"
    header, first = lines[1], lines[2]
    assert cell_width(first[: first.index("transcription")]) == header.index("kind")


def test_one_term_row_in_extract_list_and_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DB_ENV_VAR, str(tmp_path / "g.sqlite3"))
    assert main(["extract", "-f", "tsv", ARTICLE]) == 0
    extracted = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    main(["add", ARTICLE])
    capsys.readouterr()
    assert main(["list", "-f", "tsv"]) == 0
    listed = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert main(["export", "-f", "csv", "-o", str(tmp_path / "t.csv")]) == 0
    text = (tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    exported = list(csv.reader(io.StringIO(text)))
    assert extracted[0] == listed[0] == exported[0] == list(CSV_COLUMNS)
    assert list(CSV_COLUMNS[: len(TERM_COLUMNS)]) == list(TERM_COLUMNS)
    # The same term, the same cells, but the user's marks (none in a text just read).
    user = {CSV_COLUMNS.index(c) for c in ("meaning", "status", "user_note")}
    row = next(r for r in extracted if r[0] == "杭州")
    stored = next(r for r in listed if r[0] == "杭州")
    assert [c for i, c in enumerate(row) if i not in user] == [
        c for i, c in enumerate(stored) if i not in user
    ]
    assert row[CSV_COLUMNS.index("mentions")] == "15" and row[-1].startswith("[중국 개혁개방")


def test_extract_tables_read_chinese_words_as_the_json_and_the_cards_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The tables look up no meanings, but the pinyin is the one CC-CEDICT gives the word, as
    # the JSON, the reader's card and the exports have it: not pypinyin's reading of each part
    # (长达 zhǎng dá, 评为 píng wèi, 曾庆红 céng, 纯朴 chún piáo).
    path = tmp_path / "zh.txt"
    path.write_text("报告长达２０页，被评为先进。曾庆红说关系很好，人很纯朴。", encoding="utf-8")
    main(["extract", "-f", "tsv", str(path)])
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    pinyin = CSV_COLUMNS.index("pinyin")
    tsv = {r[0]: r[pinyin] for r in rows[1:]}
    main(["extract", "-f", "json", str(path)])
    terms = json.loads(capsys.readouterr().out)["terms"]
    assert tsv == {t["hanja"]: t["pinyin"] for t in terms}
    assert (tsv["长达"], tsv["评为"], tsv["曾庆红"]) == ("cháng dá", "píng wéi", "zēng qìng hóng")
    assert (tsv["关系"], tsv["纯朴"]) == ("guān xi", "chún pǔ")


def test_extract_csv_is_the_tsv_as_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text('=SUM(A1) 마윈(馬雲), "회장"', encoding="utf-8")
    main(["extract", "-f", "tsv", str(path)])
    tsv = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert main(["extract", "-f", "csv", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\r\n" in out
    rows = list(csv.reader(io.StringIO(out)))
    sentence = CSV_COLUMNS.index("sentence")
    assert rows[1][sentence] == "'" + tsv[1][sentence]  # Never run as a formula.
    assert [r[:sentence] for r in rows] == [r[:sentence] for r in tsv]


def test_every_format_of_extract_reads_several_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("마윈(馬雲) 회장", encoding="utf-8")
    b.write_text("저장(浙江)성", encoding="utf-8")
    main(["extract", "-f", "tsv", str(a), str(b)])
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    source = CSV_COLUMNS.index("source")
    # A text without a headline is named by its file, as `list` names it.
    assert [(r[0], r[source]) for r in rows[1:]] == [("馬雲", "a"), ("浙江", "b")]
    main(["extract", "-f", "json", "--no-dictionary", str(a), str(b)])
    assert len(json.loads(capsys.readouterr().out)) == 2
