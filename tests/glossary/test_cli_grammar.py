"""Every ``glossary`` subcommand follows one grammar (issue 19), checked on the parser itself.

-f with json on every command that prints data (csv wherever tsv is); '-' for every file
read and every -o; a help line on every argument, with its default; repeatable options
say so; examples at the end of every subcommand's help; the exit status in ``--help``;
and the README's table of commands lists exactly the parser's subcommands and formats.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from pathlib import Path

import pytest

from glossary.cli import main
from glossary.cli.grammar import INPUT, OUTPUT, path_kind, subcommands
from glossary.cli.parser import build_parser
from glossary.paths import DB_ENV_VAR
from glossary.sources.files import bundled_article_path
from tests.glossary.cedict_support import write_excerpt

ROOT = Path(__file__).resolve().parents[2]
PARSER = build_parser()
COMMANDS = subcommands(PARSER)
# Commands that print no data: `completion` prints a shell script.
NO_FORMAT = {"completion"}
ARTICLE = "항저우(杭州)는 선전과 다르다. 선전에 갔다.\n"


def _actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if not isinstance(a, argparse._SubParsersAction)]


def _format(parser: argparse.ArgumentParser) -> argparse.Action | None:
    return next((a for a in parser._actions if "--format" in a.option_strings), None)


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database of the test's own and a small CC-CEDICT (suggestions come from it)."""
    monkeypatch.setenv(DB_ENV_VAR, str(tmp_path / "g.sqlite3"))
    cedict, _ = write_excerpt(tmp_path)
    monkeypatch.setenv("HANJA_READER_CEDICT", str(cedict))
    return tmp_path


def test_the_parser_has_the_commands_of_the_issue() -> None:
    assert {"extract", "add", "list", "show", "status", "stats", "lookup"} <= set(COMMANDS)
    assert {"suggestions", "accept", "completion", "import", "export"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - NO_FORMAT))
def test_every_printing_command_has_format_with_json(name: str) -> None:
    action = _format(COMMANDS[name])
    assert action is not None and action.option_strings[0] == "-f", name
    choices = list(action.choices or [])
    assert "json" in choices, name
    if "tsv" in choices:
        assert "csv" in choices, name


def test_lookup_keeps_json_as_an_alias(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "杭州", "--json"]) == 0
    alias = json.loads(capsys.readouterr().out)
    assert main(["lookup", "杭州", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == alias and alias[0]["hanja"] == "杭州"


@pytest.mark.parametrize("name", ["glossary", *sorted(COMMANDS)])
def test_every_argument_has_a_help_line_with_its_default(name: str) -> None:
    parser = PARSER if name == "glossary" else COMMANDS[name]
    for action in _actions(parser):
        where = f"{name} {action.dest}"
        assert action.help and action.help != argparse.SUPPRESS, where
        takes_value = action.nargs != 0 and not isinstance(action, argparse._VersionAction)
        optional = action.option_strings or action.nargs in ("?", "*")
        if not takes_value or not optional or isinstance(action, argparse._StoreConstAction):
            continue
        assert "default" in action.help or "required" in action.help, where
        if action.default not in (None, False, argparse.SUPPRESS):
            assert "%(default)s" in action.help, where


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_repeatable_options_say_so(name: str) -> None:
    for action in _actions(COMMANDS[name]):
        if isinstance(action, argparse._AppendAction):
            assert "repeat" in (action.help or ""), f"{name} {action.dest}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_subcommand_ends_its_help_with_examples(name: str) -> None:
    parser = COMMANDS[name]
    epilog = parser.epilog or ""
    assert epilog.startswith("examples:\n"), name
    lines = [line.strip() for line in epilog.splitlines()[1:]]
    assert 2 <= len(lines) <= 3 and all(f"glossary {name}" in line for line in lines), lines
    # Each example parses (a pipe's glossary part, without its comment and redirection).
    for line in lines:
        command = line[line.index(f"glossary {name}") + len("glossary ") :]
        PARSER.parse_args(_words(re.split(r"[#>|]|&&", command)[0]))
    assert parser.format_help().rstrip().endswith(lines[-1])


def _words(command: str) -> list[str]:
    import shlex

    return shlex.split(command)


def test_help_lists_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for code, meaning in (("0", "success"), ("1", "nothing found"), ("2", "usage or input error")):
        assert re.search(rf"^\s+{code}\s+{meaning}", out, re.MULTILINE), code


def test_a_usage_error_is_exit_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["list", "--sort", "never"])
    assert exit_.value.code == 2


# For every command that reads a file: its arguments with '-', what standard input holds.
STDIN_RUNS: dict[str, tuple[list[str], str]] = {
    "extract": (["extract", "-", "-f", "json"], ARTICLE),
    "add": (["add", "-", "-f", "json"], ARTICLE),
    "suggestions": (["suggestions", "-", "-f", "json"], ARTICLE),
    "accept": (["accept", "-", "선전", "-f", "json"], ARTICLE),
    "import": (["import", "-", "-f", "json"], ""),  # The export is made in the test.
}


def test_every_file_read_is_marked() -> None:
    reads = {n for n, p in COMMANDS.items() if any(path_kind(a) == INPUT for a in p._actions)}
    assert reads == set(STDIN_RUNS)


@pytest.mark.parametrize("name", sorted(STDIN_RUNS))
def test_every_file_read_takes_standard_input(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], _env: Path
) -> None:
    args, text = STDIN_RUNS[name]
    if name == "import":
        other = str(_env / "other.sqlite3")
        assert main(["add", "--db", other, str(bundled_article_path())]) == 0
        capsys.readouterr()
        assert main(["export", "--db", other, "-f", "json", "-o", "-"]) == 0
        text = capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode()), "utf-8"))
    status = main(args)
    out, err = capsys.readouterr()
    assert (status, "no such file" in err) == (0, False), err
    data = json.loads(out)
    found = {
        "extract": [t["hanja"] for t in data.get("terms", [])] == ["杭州"],
        "add": data.get("files", [{}])[0].get("source") == "-",
        "suggestions": [s["hangul"] for s in data.get("suggestions", [])] == ["선전"],
        "accept": (data.get("hanja"), data.get("places"), data.get("term")) == ("深圳", 2, "added"),
        "import": (data.get("terms_added"), data.get("file")) == (12, "-"),
    }
    assert found[name], data


def test_every_output_file_takes_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    writes = {n for n, p in COMMANDS.items() if any(path_kind(a) == OUTPUT for a in p._actions)}
    assert writes == {"export"}
    assert main(["add", str(bundled_article_path())]) == 0
    capsys.readouterr()
    assert main(["export", "-f", "csv", "-o", "-"]) == 0
    out, err = capsys.readouterr()
    lines = out.removeprefix("\ufeff").splitlines()  # A CSV file starts with a BOM.
    assert lines[0].startswith("hanja,hangul,kind") and len(lines) == 13
    assert err == "wrote 12 terms to standard output\n"
    assert not Path("-").exists()


def test_a_note_that_starts_with_a_dash_goes_after_double_dash(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["add", str(bundled_article_path())]) == 0
    assert main(["note", "杭州", "--", "-x"]) == 0
    assert main(["show", "杭州", "-f", "json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out[out.index("[") :])[0]["user_note"] == "-x"


def _readme_table() -> dict[str, list[str]]:
    """The README's table of commands: each command's cells (input, formats, exit status)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    header = "| command | input | output formats (`-f`) | exit status |"
    assert header in text
    rows: dict[str, list[str]] = {}
    for line in text[text.index(header) :].splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[cells[0].strip("`")] = cells[1:]
    return rows


def test_the_readme_lists_every_command_its_formats_and_exit_status() -> None:
    rows = _readme_table()
    assert list(rows) == list(COMMANDS)
    for name, (_, formats, exits) in rows.items():
        action = _format(COMMANDS[name])
        choices = list(action.choices or []) if action is not None else []
        assert formats.replace("`", "").split(", ") == (choices or ["none"]), name
        assert exits.startswith("0"), name
