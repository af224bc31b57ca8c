"""Issue 14: settings and reading positions are remembered; recent files and path completion."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from glossary import Document
from reader.app import ReaderApp
from reader.recent import (
    MAX_DOCUMENTS,
    Position,
    newest_first,
    positions_path,
    read_positions,
    recent_paths,
    write_positions,
)
from reader.screens.open_file import OpenFileScreen, complete_path
from reader.screens.read import ReadScreen
from reader.settings import Settings, read_settings, settings_path, settings_toml
from reader.tones import PALETTE_ORDER
from tests.reader.helpers import ready, view_of


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The state folder in tmp_path too (the shared fixture sets HOME, config and data)."""
    folder = tmp_path / "reader-user" / "state"
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    yield folder


def _status(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#status-line", Static).content)


def _warnings(app: ReaderApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "warning"]


async def _open_path(pilot: Pilot[None], path: Path) -> None:
    """Open a file through the ``o`` box and wait for its glossary."""
    await pilot.press("o")
    box = pilot.app.screen.query_one("#open-path", Input)
    box.value = str(path)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# ------------------------------------------------------------------ settings


async def test_palette_and_modes_are_remembered(sample: Document) -> None:
    app = ReaderApp(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("t", "s", "y")
        await pilot.pause()
        await pilot.press("q")
    saved = tomllib.loads(settings_path().read_text(encoding="utf-8"))
    assert saved == {
        "palette": PALETTE_ORDER[1],
        "simplified": True,
        "pinyin": True,
        "korean": False,
    }

    again = ReaderApp(sample)
    assert again.read_screen.palette == PALETTE_ORDER[1]  # before the first paint
    async with again.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        view = view_of(pilot)
        assert screen.palette == PALETTE_ORDER[1]
        assert view.show_simplified and view.show_pinyin
        assert view.display_text.pinyin  # the text is laid out with them
        status = _status(pilot)
        assert f"tones {PALETTE_ORDER[1]}" in status
        assert "simplified" in status and "pinyin" in status
        assert not _warnings(again)


async def test_the_theme_is_remembered(sample: Document) -> None:
    app = ReaderApp(sample)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.theme = "nord"  # what the command palette's theme switcher does
        await pilot.pause()
    assert 'theme = "nord"' in settings_path().read_text(encoding="utf-8")
    assert ReaderApp(sample).theme == "nord"


async def test_no_settings_file_is_written_until_a_setting_changes(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("n", "q")
    assert not settings_path().exists()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("palette = [broken\n", "not valid TOML"),
        (b"\xff\xfe palette".decode("latin-1"), "not valid TOML"),
        ('palette = "rainbow"\npinyin = "yes"\nsimplified = 1\n', "palette = 'rainbow'"),
    ],
    ids=["syntax", "bytes", "values"],
)
async def test_a_bad_settings_file_gives_one_warning_and_the_defaults(
    sample: Document, text: str, named: str
) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="latin-1")
    before = path.read_bytes()
    app = ReaderApp(sample)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        warnings = [w for w in _warnings(app) if str(path) in w]
        assert len(warnings) == 1 and named in warnings[0]
        assert screen.palette == PALETTE_ORDER[0]
        assert not view_of(pilot).show_simplified and not view_of(pilot).show_pinyin
        assert path.read_bytes() == before  # left alone while nothing changes
        await pilot.press("t")
        await pilot.pause()
        assert tomllib.loads(path.read_text(encoding="utf-8"))["palette"] == PALETTE_ORDER[1]
        assert len([w for w in _warnings(app) if str(path) in w]) == 1


async def test_an_unwritable_settings_place_warns_once_and_keeps_going(sample: Document) -> None:
    path = settings_path()
    path.mkdir(parents=True)  # a folder where the file should be
    app = ReaderApp(sample)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("t", "t")
        await pilot.pause()
        assert screen.palette == PALETTE_ORDER[2 % len(PALETTE_ORDER)]
        problems = [w for w in _warnings(app) if str(path) in w]
        assert len(problems) == 2  # cannot be read (at start), cannot be written (once)
        assert "cannot be written" in problems[1]


def test_settings_round_trip_through_toml(tmp_path: Path) -> None:
    settings = Settings(palette="none", simplified=True, pinyin=False, theme='we"ird\\ \x01é')
    path = tmp_path / "settings.toml"
    path.write_text(settings_toml(settings), encoding="utf-8")
    assert read_settings(path, {settings.theme or ""}) == (settings, None)
    assert read_settings(tmp_path / "missing.toml", ()) == (Settings(), None)


# ------------------------------------------------------------------ positions


async def test_reopening_a_document_returns_to_the_same_place(sample: Document) -> None:
    app = ReaderApp(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        view.scroll_to(y=25, animate=False, immediate=True)
        await pilot.pause()
        await pilot.press("n", "n")
        await pilot.pause()
        top = view.text_layout.document_offset_of_line(int(view.scroll_y))
        place = view.current_place
        assert place is not None and top > 0
        term, offset = view.terms[view.places[place].term].key, view.places[place].text_start
        await pilot.press("q")
    assert positions_path().is_file()

    again = ReaderApp(sample)
    async with again.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        view = view_of(pilot)
        assert view.text_layout.document_offset_of_line(int(view.scroll_y)) == top
        place = view.current_place
        assert place is not None and view.places[place].text_start == offset
        assert view.current_term is not None and view.terms[view.current_term].key == term
        assert screen.query_one("#status-line", Static).content.plain.startswith("▸ ")


async def test_a_position_whose_place_is_gone_restores_only_the_top(sample: Document) -> None:
    write_positions(
        positions_path(),
        [Position(sample.sha, sample.path, sample.title, top=1500, current=1, seen=1.0)],
    )
    app = ReaderApp(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        assert view.current_term is None
        line = view.text_layout.line_of_document_offset(1500)
        assert int(view.scroll_y) == line


def test_at_most_200_documents_are_kept_newest_first() -> None:
    many = [Position(f"{i:064x}", f"/d/{i}.txt", str(i), seen=float(i)) for i in range(250)]
    kept = newest_first(many)
    assert len(kept) == MAX_DOCUMENTS
    assert kept[0].seen == 249 and kept[-1].seen == 50


def test_a_corrupt_positions_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "positions.json"
    path.write_text("{not json", encoding="utf-8")
    positions, problem = read_positions(path)
    assert positions == [] and problem and str(path) in problem
    path.write_text(
        '{"documents": [{"sha": 1}, {"sha": "a", "path": "", "title": "t",'
        ' "top": 3, "current": null, "seen": 2}]}',
        encoding="utf-8",
    )
    assert read_positions(path) == ([Position("a", "", "t", 3, None, 2.0)], None)


# -------------------------------------------------------------- open dialog


async def test_the_open_dialog_lists_recent_files_and_opens_one(
    app: ReaderApp, sample: Document, tmp_path: Path
) -> None:
    files = [tmp_path / f"{name}.txt" for name in ("first", "second", "third")]
    for number, path in enumerate(files):
        path.write_text(f"베이징(北京) 소식 {number}.\n", encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        for path in files:
            await _open_path(pilot, path)
        files[1].unlink()
        await pilot.press("o")
        screen = pilot.app.screen
        assert isinstance(screen, OpenFileScreen)
        # Newest first, the missing one left out (the bundled article was read first).
        assert screen.recent == [str(files[2]), str(files[0]), os.path.abspath(sample.path)]
        options = screen.query_one("#open-recent", OptionList)
        assert options.option_count == 3
        await pilot.press("down", "down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReadScreen)
        assert view_of(pilot).document.path == str(files[0])


def test_recent_paths_skip_missing_and_repeated_files(tmp_path: Path) -> None:
    here = tmp_path / "here.txt"
    here.write_text("x", encoding="utf-8")
    positions = [
        Position("a", str(tmp_path / "gone.txt"), "gone", seen=3),
        Position("b", str(here), "here", seen=2),
        Position("c", str(here), "here, older text", seen=1),
        Position("d", "", "standard input", seen=0),
    ]
    assert recent_paths(positions) == [str(here)]


# ------------------------------------------------------------ path completion


def test_paths_are_completed_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "news.txt").write_text("x", encoding="utf-8")
    (folder / ".hidden.txt").write_text("x", encoding="utf-8")
    assert complete_path(f"{tmp_path}/art") == f"{folder}/"
    assert complete_path(f"{folder}/n") == f"{folder}/news.txt"
    assert complete_path(f"{folder}/") == f"{folder}/news.txt"  # hidden files only on "."
    assert complete_path(f"{folder}/.h") == f"{folder}/.hidden.txt"
    assert complete_path(f"{folder}/news.txt") is None
    assert complete_path(f"{folder}/zzz") is None
    assert complete_path(f"{tmp_path}/missing/n") is None


def test_home_is_expanded_safely(user_dirs: Path) -> None:
    home = Path.home()
    (home / "notes.txt").write_text("x", encoding="utf-8")
    assert complete_path("~/no") == "~/notes.txt"
    assert complete_path("~nosuchuser-hanja-reader/a") is None
    assert complete_path("~nosuchuser-hanja-reader") is None


async def test_tab_takes_the_suggested_path(app: ReaderApp, tmp_path: Path) -> None:
    (tmp_path / "article-one.txt").write_text("베이징(北京)\n", encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        box = pilot.app.screen.query_one("#open-path", Input)
        box.value = f"{tmp_path}/article-o"
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("tab")
        assert box.value == f"{tmp_path}/article-one.txt"
