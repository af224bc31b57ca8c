"""The `glossary` command as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from glossary.cli import main
from glossary.cli.formats import cell_width


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_json_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "extract", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert len(data["terms"]) == 12
    term = data["terms"][0]
    for key in (
        "hanja", "hangul", "kind", "simplified", "traditional", "pinyin", "pinyin_numbered",
        "sino_korean", "mandarin_hangul", "note", "chars", "occurrences", "mentions",
    ):  # fmt: skip
        assert key in term
    assert set(term["occurrences"][0]) >= {"start", "end", "sentence"}
    assert set(term["chars"][0]) >= {"char", "simplified", "pinyin", "sino_korean", "hun_eum"}


def test_table_fits_80_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    status, out, _ = _run(capsys, "extract")
    assert status == 0
    lines = out.splitlines()
    assert max(cell_width(line) for line in lines) <= 80
    assert any(line.startswith("鄧小平") and "dèng xiǎo píng" in line for line in lines)
    assert lines[-1] == "12 terms, 13 glossed places, 41 later mentions"


def test_a_chinese_texts_table_counts_places_not_glossed_places(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "zh.txt"
    path.write_text("我们要坚持改革开放。坚持，改革开放。", encoding="utf-8")
    status, out, _ = _run(capsys, "extract", str(path))
    assert status == 0
    assert out.splitlines()[-1] == "4 terms, 6 places, 0 later mentions"


def test_a_korean_texts_table_says_how_many_places_are_glossed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "kh.txt"
    path.write_text("시진핑(習近平)은 國家主席이다. 大韓民國 憲法.", encoding="utf-8")
    status, out, _ = _run(capsys, "extract", str(path))
    assert status == 0
    assert out.splitlines()[-1] == "4 terms, 4 places (1 glossed), 0 later mentions"


def test_tsv_and_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "extract", "-f", "tsv")
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0][:3] == ["hanja", "hangul", "kind"]
    assert len(rows) == 13 and all(len(r) == len(rows[0]) for r in rows)
    _, out, _ = _run(capsys, "extract", "-f", "md")
    assert "| 鄧小平 | 덩샤오핑 | transcription |" in out


def test_several_files_give_a_json_list(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("마윈(馬雲) 회장", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("저장(浙江)성", encoding="utf-8")
    _, out, _ = _run(capsys, "extract", "-f", "json", str(a), str(b))
    data = json.loads(out)
    assert [d["terms"][0]["hanja"] for d in data] == ["馬雲", "浙江"]


def test_bad_files_get_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    binary = tmp_path / "x.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    good = tmp_path / "ok.txt"
    good.write_text("마윈(馬雲)", encoding="utf-8")
    status, out, err = _run(
        capsys, "extract", str(tmp_path / "missing.txt"), str(binary), str(good)
    )
    assert status == 2
    lines = err.splitlines()
    assert len(lines) == 2
    assert "missing.txt: no such file" in lines[0]
    assert "x.bin: not a text file" in lines[1]
    assert "馬雲" in out  # The good file is still done.


def test_no_traceback_from_the_real_command(tmp_path: Path) -> None:
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02" * 1000)
    proc = subprocess.run(
        [sys.executable, "-m", "glossary", "extract", str(binary)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("glossary: ")


def test_standard_input_from_the_real_command() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "glossary", "extract", "-", "-f", "json"],
        input="덩샤오핑(鄧小平)의".encode(),
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["terms"][0]["pinyin"] == "dèng xiǎo píng"


def test_verbose_reports_the_encoding(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "cp.txt"
    path.write_bytes("덩샤오핑(鄧小平)의 도시".encode("cp949"))
    status, out, err = _run(capsys, "extract", "-v", "--no-dictionary", str(path))
    assert status == 0
    assert err.strip() == f"glossary: {path}: cp949, 13 characters"
    assert "鄧小平" in out
