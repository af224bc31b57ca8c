"""``reader --db PATH``: the reader's command line names the glossary as ``glossary`` does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glossary.paths import DB_ENV_VAR, db_path
from reader.app import main, parse_args


def test_db_is_parsed() -> None:
    assert parse_args(["--db", "g.sqlite3", "a.txt"]) == ("a.txt", None, "g.sqlite3")
    assert parse_args(["a.txt"]) == ("a.txt", None, None)


def test_the_reader_uses_the_glossary_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DB_ENV_VAR, "")  # Recorded, so the value main() sets is undone.
    monkeypatch.delenv(DB_ENV_VAR)
    db = tmp_path / "mine.sqlite3"
    # A file that cannot be read: the reader stops before its app starts, --db taken.
    assert main(["--db", str(db), str(tmp_path / "nowhere.txt")]) == 2
    assert "nowhere.txt" in capsys.readouterr().err
    assert os.environ[DB_ENV_VAR] == str(db) and db_path() == db
    assert not db.exists()


def test_a_db_of_no_user_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DB_ENV_VAR, "")  # Recorded, so the value main() sets is undone.
    monkeypatch.delenv(DB_ENV_VAR)
    assert main(["--db", "~nosuchuser9/x.sqlite3", "a.txt"]) == 2
    err = capsys.readouterr().err
    assert err == "reader: ~nosuchuser9/x.sqlite3: cannot expand ~nosuchuser9: no such user\n"


def test_help_names_db(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--db PATH" in capsys.readouterr().out
