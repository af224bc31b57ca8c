"""The CC-CEDICT index build tells how it goes: to callers of the public API and on a terminal."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from glossary.cli import main
from glossary.dictionary import build
from glossary.dictionary.build import ENV_VAR, build_index
from glossary.dictionary.index import open_index, shared_index
from glossary.dictionary.lookup import open_dictionary
from tests.glossary.cedict_support import write_excerpt

PHASES = [
    "reading entries",
    "reading frequencies",
    "transcribing entries",
    "reading Sino-Korean words",
    "writing entries",
    "indexing",
]


class _Terminal(io.StringIO):
    """Standard error as a terminal."""

    def isatty(self) -> bool:
        return True


def _recorder() -> tuple[list[tuple[str, float]], build.Progress]:
    calls: list[tuple[str, float]] = []
    return calls, lambda phase, done: calls.append((phase, done))


def _assert_rising_to_one(calls: list[tuple[str, float]]) -> None:
    fractions = [done for _, done in calls]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0, calls
    assert all(a < b for a, b in zip(fractions, fractions[1:], strict=False)), calls
    assert all(0.0 <= f <= 1.0 for f in fractions)


def test_every_phase_is_reported_with_rising_fractions_ending_at_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "PROGRESS_INTERVAL", 0.0)  # Every report, however quick.
    source, frequencies = write_excerpt(tmp_path)
    calls, progress = _recorder()
    report = build_index(source, tmp_path / "i.sqlite3", frequencies=frequencies, progress=progress)
    assert report.entries > 0 and report.korean_readings > 0
    _assert_rising_to_one(calls)
    assert list(dict.fromkeys(phase for phase, _ in calls)) == PHASES
    assert len(calls) > len(PHASES) * 2  # Steps within the phases too, not just their starts.


def test_without_korean_readings_the_fractions_still_reach_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "PROGRESS_INTERVAL", 0.0)
    source, _ = write_excerpt(tmp_path)
    calls, progress = _recorder()
    build_index(source, tmp_path / "i.sqlite3", korean_readings=False, progress=progress)
    _assert_rising_to_one(calls)
    assert "reading Sino-Korean words" not in {phase for phase, _ in calls}


def test_reports_are_spaced_out_but_the_first_and_last_always_come(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "PROGRESS_INTERVAL", 3600.0)
    source, _ = write_excerpt(tmp_path)
    calls, progress = _recorder()
    build_index(source, tmp_path / "i.sqlite3", korean_readings=False, progress=progress)
    assert [done for _, done in calls] == [0.0, 1.0]


def test_a_callback_that_raises_stops_the_build_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "PROGRESS_INTERVAL", 0.0)
    source, _ = write_excerpt(tmp_path)
    folder = tmp_path / "cache"

    class Stop(Exception):
        pass

    def stop(phase: str, done: float) -> None:
        if phase == "indexing":
            raise Stop

    with pytest.raises(Stop):
        build_index(source, folder / "i.sqlite3", korean_readings=False, progress=stop)
    assert list(folder.iterdir()) == []


def test_open_index_reports_only_when_it_builds(tmp_path: Path) -> None:
    source, frequencies = write_excerpt(tmp_path)
    calls, progress = _recorder()
    cache = tmp_path / "cache"
    opened = open_index(source, cache_dir=cache, frequencies=frequencies, progress=progress)
    assert opened is not None
    _assert_rising_to_one(calls)
    calls.clear()
    again = open_index(source, cache_dir=cache, frequencies=frequencies, progress=progress)
    assert again is not None and calls == []


def test_the_public_api_opens_the_shared_index_with_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, _ = write_excerpt(tmp_path)
    monkeypatch.setenv(ENV_VAR, str(source))
    calls, progress = _recorder()
    index = open_dictionary(progress=progress)
    assert index is not None and index is shared_index(source)
    _assert_rising_to_one(calls)
    calls.clear()
    assert open_dictionary(progress=progress) is index and calls == []


def test_the_public_api_says_none_for_a_broken_dictionary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nowhere.u8"))
    assert open_dictionary(progress=lambda phase, done: None) is None


def test_lookup_on_a_terminal_redraws_one_progress_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source, _ = write_excerpt(tmp_path)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("COLUMNS", "120")
    assert main(["lookup", "杭州", "--cedict", str(source)]) == 0
    err = terminal.getvalue()
    assert err.count("\n") == 1 and err.endswith("\n"), err  # One line, ended once done.
    drawn = [part for part in err.rstrip("\n").split("\r\x1b[K") if part]
    assert (
        drawn[0] == "glossary: building the CC-CEDICT index (first run only)… 0% (reading entries)"
    )
    assert drawn[-1].startswith("glossary: building the CC-CEDICT index (first run only)… 100%")
    assert "Hangzhou" in capsys.readouterr().out
    terminal.seek(0)
    terminal.truncate()
    assert main(["lookup", "杭州", "--cedict", str(source)]) == 0
    assert terminal.getvalue() == ""  # Built: nothing to say.


@pytest.mark.parametrize("command", [["lookup", "杭州"], ["extract", "-f", "json"]])
def test_nothing_is_drawn_when_standard_error_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    source, _ = write_excerpt(tmp_path)
    assert main([*command, "--cedict", str(source)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "Hangzhou" in out


def test_the_progress_line_never_wraps_on_a_narrow_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "PROGRESS_INTERVAL", 0.0)
    source, _ = write_excerpt(tmp_path)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("COLUMNS", "40")
    assert main(["lookup", "杭州", "--cedict", str(source)]) == 0
    drawn = [part for part in terminal.getvalue().rstrip("\n").split("\r\x1b[K") if part]
    assert len(drawn) > 5 and all(len(part) <= 39 for part in drawn), drawn
