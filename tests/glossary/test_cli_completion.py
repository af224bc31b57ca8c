"""``glossary completion SHELL``: scripts generated from the parser, which the shells accept."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from glossary.cli import main
from glossary.cli.grammar import subcommands
from glossary.cli.parser import build_parser


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_script_for_each_shell(
    shell: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    for name in subcommands(build_parser()):
        assert name in script, name
    for option in ("--format", "--status", "--sort", "--db"):
        assert option in script
    program = shutil.which(shell)
    if program is None:
        return  # The shell is not installed here: its syntax cannot be checked.
    path = tmp_path / f"glossary.{shell}"
    path.write_text(script, encoding="utf-8")
    check = subprocess.run([program, "-n", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_bash_completes_subcommands_and_choices(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash here")
    main(["completion", "bash"])
    script = tmp_path / "glossary.bash"
    script.write_text(capsys.readouterr().out, encoding="utf-8")

    def complete(line: str) -> list[str]:
        words = line.split(" ")
        code = (
            f"source {script}\n"
            f"COMP_WORDS=({' '.join(repr(w) for w in words)}); COMP_CWORD={len(words) - 1}\n"
            f"COMP_LINE={line!r}; COMP_POINT={len(line)}\n"
            "_shtab_glossary; printf '%s\\n' \"${COMPREPLY[@]}\"\n"
        )
        done = subprocess.run([bash, "-c", code], capture_output=True, text=True, check=True)
        return done.stdout.split()

    assert "suggestions" in complete("glossary sug")
    assert complete("glossary list -f ") == ["table", "tsv", "csv", "json", "md"]
    assert complete("glossary status 杭州 kn") == ["known"]


def test_an_unknown_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["completion", "cmd.exe"])
    assert exit_.value.code == 2
