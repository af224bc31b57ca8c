"""The store's commands as a user runs them: add, list, status, stats, export, import."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from glossary.cli import main
from glossary.cli.formats import cell_width
from glossary.paths import DB_ENV_VAR
from glossary.sources.files import bundled_article_path

ARTICLE = str(bundled_article_path())
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every command in these tests uses this database (through the environment)."""
    path = tmp_path / "db" / "glossary.sqlite3"
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_add_reports_counts_and_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "add", ARTICLE)
    assert (status, err) == (0, "")
    assert "added" in out and "12 terms (12 new), 13 glossed places, 41 later mentions" in out
    assert out.splitlines()[-1].startswith("12 terms from 1 document in ")
    status, out, _ = run(capsys, "add", ARTICLE)
    assert status == 0 and out.startswith("unchanged")


def test_add_counts_a_chinese_documents_words_as_places(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "zh.txt"
    article.write_text("杭州人工智能小镇位于余杭区。我们要坚持改革开放。", encoding="utf-8")
    status, out, err = run(capsys, "add", str(article))
    assert (status, err) == (0, "")
    # Its places are its words, bare: none is a glossed place.
    assert re.search(r": (\d+) terms \(\1 new\), (\d+) places, 0 later mentions", out)
    assert "glossed" not in out
    # show, lookup and stats say the same of a stored word.
    _, shown, _ = run(capsys, "show", "杭州")
    assert "  (bare)  bare  new      1 article: 1 place\n" in shown and "glossed" not in shown
    assert "\nno gloss: bare in 1 article\n" in shown
    _, looked, _ = run(capsys, "lookup", "杭州")
    assert "1 place in 1 document\n" in looked and "glossed" not in looked
    _, stats, _ = run(capsys, "stats")
    assert re.search(r"^places +\d+$", stats, re.M) and "glossed" not in stats


def test_add_says_how_many_of_a_korean_documents_places_are_glossed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "kh.txt"
    article.write_text("시진핑(習近平)은 國家主席이다. 大韓民國 憲法.", encoding="utf-8")
    status, out, err = run(capsys, "add", str(article))
    assert (status, err) == (0, "")
    assert "4 terms (4 new), 4 places (1 glossed), 0 later mentions" in out


def test_add_goes_on_past_bad_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = tmp_path / "ok.txt"
    good.write_text("마윈(馬雲) 회장", encoding="utf-8")
    status, out, err = run(capsys, "add", str(tmp_path / "missing.txt"), str(good))
    assert status == 2
    assert err == f"glossary: {tmp_path / 'missing.txt'}: no such file\n"
    assert "1 term (1 new)" in out


def test_list_status_and_stats(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    run(capsys, "add", ARTICLE)
    status, out, _ = run(capsys, "status", "杭州", "known")
    assert (status, out) == (0, "항저우(杭州): known\n")
    run(capsys, "status", "저장(浙江)", "learning")
    status, out, _ = run(capsys, "list")
    lines = out.splitlines()
    assert status == 0 and lines[0].split()[:3] == ["hanja", "gloss", "kind"]
    assert max(cell_width(line) for line in lines) <= 80
    assert any(line.startswith("杭州") and "known" in line for line in lines)
    assert lines[-1] == "12 terms"
    _, out, _ = run(capsys, "list", "--status", "known", "--status", "learning", "-f", "tsv")
    assert [line.split("\t")[0] for line in out.splitlines()] == ["hanja", "杭州", "浙江"]
    _, out, _ = run(capsys, "list", "--kind", "sino", "-f", "json")
    assert [t["hanja"] for t in json.loads(out)["terms"]] == ["3甲"]
    _, out, _ = run(capsys, "stats")
    assert "terms          12: new 10 · learning 1 · known 1 · ignored 0" in out
    assert "mentions       41" in out


def test_notes_meanings_and_corrections(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "add", ARTICLE)
    assert run(capsys, "note", "항저우", "city")[1] == "항저우(杭州): note set\n"
    assert run(capsys, "meaning", "杭州", "Hangzhou")[1] == "항저우(杭州): meaning set\n"
    assert run(capsys, "correct", "杭州", "sino_korean", "항주!")[0] == 0
    _, out, _ = run(capsys, "list", "-f", "csv")
    row = next(line for line in out.splitlines() if line.startswith("杭州"))
    assert "항주!" in row and "Hangzhou" in row and "city" in row
    run(capsys, "correct", "杭州", "sino_korean")
    _, out, _ = run(capsys, "list", "-f", "tsv")
    assert "항주!" not in out


def test_unknown_and_ambiguous_terms_get_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "add", ARTICLE)
    # Nothing found: exit status 1, as for lookup (it was 2, a usage error's).
    for command in (["status", "北京", "known"], ["show", "北京"], ["note", "北京", "x"]):
        status, out, err = run(capsys, *command)
        assert (status, out, err) == (1, "", "glossary: no term 北京 in the glossary\n")


def test_export_formats_and_force(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "add", ARTICLE)
    for fmt in ("apkg", "tsv", "csv", "json", "md"):
        target = tmp_path / f"out.{fmt}"
        status, out, err = run(capsys, "export", "-o", str(target))
        assert (status, err) == (0, ""), fmt
        assert out.startswith(f"wrote 12 terms to {target}")
    assert zipfile.is_zipfile(tmp_path / "out.apkg")
    before = (tmp_path / "out.md").read_bytes()
    status, _, err = run(
        capsys, "export", "--format", "md", "--status", "known", "-o", str(tmp_path / "out.md")
    )
    assert status == 2
    assert err == f"glossary: {tmp_path / 'out.md'}: already exists (use --force to replace it)\n"
    assert (tmp_path / "out.md").read_bytes() == before
    status, out, _ = run(
        capsys, "export", "-f", "md", "--status", "known", "--force", "-o", str(tmp_path / "out.md")
    )
    assert status == 0 and out.startswith("wrote 0 terms")
    status, _, err = run(capsys, "export", "-o", str(tmp_path / "out.xyz"))
    assert status == 2 and "--format" in err


def test_export_import_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "add", ARTICLE)
    run(capsys, "status", "杭州", "known")
    run(capsys, "note", "杭州", "city")
    run(capsys, "export", "-o", str(tmp_path / "a.json"))
    other = str(tmp_path / "other.sqlite3")
    status, out, _ = run(capsys, "--db", other, "import", str(tmp_path / "a.json"))
    assert status == 0
    assert out == f"imported {tmp_path / 'a.json'}: 1 new document, 12 new terms, 0 updated\n"
    run(capsys, "export", "--db", other, "-o", str(tmp_path / "b.json"))
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()
    status, _, err = run(capsys, "import", str(tmp_path / "missing.json"))
    assert status == 2 and err.endswith("missing.json: no such file\n")


def test_a_corrupt_database_gets_one_line_exit_2_and_is_kept(tmp_path: Path, _db: Path) -> None:
    _db.parent.mkdir(parents=True)
    _db.write_bytes(b"this is not a database" * 100)
    for args in (["list"], ["add", ARTICLE], ["stats"]):
        proc = subprocess.run(
            [sys.executable, "-m", "glossary", *args],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert proc.returncode == 2
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
        assert proc.stderr.startswith(f"glossary: {_db}: not a glossary database")
    assert _db.read_bytes() == b"this is not a database" * 100


def test_the_default_database_lives_in_the_user_data_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DB_ENV_VAR)
    run(capsys, "add", ARTICLE)
    assert (tmp_path / "xdg_data_home" / "hanja-reader" / "glossary.sqlite3").is_file()


def test_extract_still_works_and_ignores_the_store(
    capsys: pytest.CaptureFixture[str], _db: Path
) -> None:
    status, out, _ = run(capsys, "extract", "-f", "json")
    assert status == 0 and len(json.loads(out)["terms"]) == 12
    assert not _db.exists()


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["list", "-f", "json"],
        ["show", "杭州"],
        ["stats"],
        ["export", "-f", "json", "-o", "-"],
        ["status", "杭州", "known"],
        ["note", "杭州", "city"],
    ],
    ids=lambda c: "-".join(c[:2]),
)
def test_a_missing_glossary_is_never_created_by_reading_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]
) -> None:
    """It said "0 terms" (exit status 0) and left an empty database and its folder behind."""
    db = tmp_path / "no" / "such" / "x.sqlite3"
    status, out, err = run(capsys, "--db", str(db), *command)
    assert (status, out) == (1, "")
    assert err == f"glossary: {db}: no glossary yet (glossary add FILE starts one)\n"
    assert not (tmp_path / "no").exists()


def test_lookup_and_a_read_only_open_create_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from glossary.errors import StoreError
    from glossary.store import open_store

    db = tmp_path / "no" / "x.sqlite3"
    run(capsys, "lookup", "--db", str(db), "杭州")
    with pytest.raises(StoreError, match="no glossary database there"):
        open_store(db, read_only=True)
    assert not (tmp_path / "no").exists()


def test_every_store_command_prints_json(capsys: pytest.CaptureFixture[str], _db: Path) -> None:
    status, out, _ = run(capsys, "add", ARTICLE, "-f", "json")
    report = json.loads(out)
    assert status == 0 and report["files"][0]["action"] == "added"
    assert report["files"][0]["new_terms"] == 12 and report["glossary"]["terms"] == 12
    assert report["summary"]["added"] == 1
    assert json.loads(run(capsys, "status", "杭州", "known", "-f", "json")[1]) == {
        "hanja": "杭州",
        "hangul": "항저우",
        "status": "known",
    }
    assert json.loads(run(capsys, "note", "杭州", "", "-f", "json")[1])["note"] == ""
    out = run(capsys, "correct", "杭州", "sino_korean", "항주", "-f", "json")[1]
    assert json.loads(out)["sino_korean"] == "항주"
    (shown,) = json.loads(run(capsys, "show", "항저우", "-f", "json")[1])
    assert (shown["hanja"], shown["status"], shown["uses"], shown["articles"]) == (
        "杭州",
        "known",
        16,
        1,
    )
    assert shown["corrections"] == {"sino_korean": "항주"}
    assert shown["sources"][0]["mentions"] == 15 and shown["sources"][0]["occurrences"] == 1
    stats = json.loads(run(capsys, "stats", "-f", "json")[1])
    assert stats["terms"] == 12 and stats["by_status"]["known"] == 1 and stats["path"] == str(_db)


def test_import_reads_standard_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`import -` said "-: no such file"."""
    import io
    import sys

    run(capsys, "add", ARTICLE)
    run(capsys, "export", "-o", str(tmp_path / "a.json"))
    data = (tmp_path / "a.json").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), "utf-8"))
    other = str(tmp_path / "other.sqlite3")
    status, out, err = run(capsys, "--db", other, "import", "-")
    assert (status, err) == (0, "")
    assert out == "imported standard input: 1 new document, 12 new terms, 0 updated\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff{"), "utf-8"))
    status, _, err = run(capsys, "--db", other, "import", "-")
    assert status == 2 and err.startswith("glossary: standard input: not a JSON file")
