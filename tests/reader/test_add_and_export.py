"""From the reader into the glossary: ``a`` adds the open article, ``x`` exports the glossary."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, RadioSet

from glossary.store import open_store
from reader import store_actions
from reader.app import ReaderApp
from reader.screens.export import ExportScreen
from reader.screens.read import ReadScreen
from reader.screens.read_bindings import READ_BINDINGS
from tests.reader.helpers import ready


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's glossary store, in tmp_path."""
    path = tmp_path / "glossary.sqlite3"
    monkeypatch.setenv("HANJA_READER_DB", str(path))
    return path


def messages(app: ReaderApp, severity: str | None = None) -> list[str]:
    """The notifications shown so far (of one severity, if given), oldest first."""
    return [n.message for n in app._notifications if severity in (None, n.severity)]


async def settle(pilot: Pilot[None]) -> None:
    """Let every worker finish and the app catch up with what they did."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def add(pilot: Pilot[None]) -> None:
    """Press ``a`` and wait for the store to be written."""
    await pilot.press("a")
    await settle(pilot)


async def open_dialog(pilot: Pilot[None]) -> ExportScreen:
    """Press ``x``; return the export box."""
    await pilot.press("x")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


async def submit(pilot: Pilot[None], screen: ExportScreen, path: Path | None = None) -> None:
    """Type a file (when given) and press enter in it; wait for the export."""
    field = screen.query_one("#export-path", Input)
    if path is not None:
        field.value = str(path)
    field.focus()
    await pilot.press("enter")
    await settle(pilot)


def rows(path: Path) -> list[str]:
    """The notes of an Anki TSV file: its lines but the ``#`` header lines."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]


def test_a_and_x_are_bound_with_ids_and_tooltips() -> None:
    bound = {b.key: b for b in READ_BINDINGS if hasattr(b, "key")}
    for key, action in (("a", "add_to_glossary"), ("x", "export")):
        binding = bound[key]
        assert not isinstance(binding, tuple) and binding.action == action
        assert binding.id and binding.description and binding.tooltip


async def test_a_adds_the_article_once_and_then_says_it_is_unchanged(
    app: ReaderApp, db: Path
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.glossary is not None
        terms = len(app.glossary.terms)
        await add(pilot)
        assert messages(app)[-1] == (
            f"Added to your glossary: {terms} terms ({terms} new), "
            f"{sum(len(t.occurrences) for t in app.glossary.terms)} glossed places"
        )
        with open_store(db) as store:
            first = store.stats()
        assert (first.terms, first.documents) == (terms, 1)
        await add(pilot)
        assert messages(app)[-1] == "Already in your glossary (unchanged)"
        assert not messages(app, "error")
    with open_store(db) as store:
        again = store.stats()
    assert (again.terms, again.documents, again.occurrences) == (
        first.terms,
        first.documents,
        first.occurrences,
    )


async def test_a_before_the_glossary_is_ready_only_says_so(app: ReaderApp, db: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        screen.glossary = None  # as while it is being built
        await add(pilot)
        assert messages(app, "warning")[-1] == store_actions.NOT_READY
    with open_store(db) as store:
        assert store.stats().documents == 0


async def test_a_busy_store_is_tried_again_then_reported_never_a_crash(
    app: ReaderApp, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_actions, "BUSY_TIMEOUT_S", 0.05)
    monkeypatch.setattr(store_actions, "ATTEMPTS", 2)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)  # the marks opened (and created) the store
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another program writing, for a long time
        try:
            await add(pilot)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert store_actions.BUSY_RETRY in messages(app, "warning")
        errors = messages(app, "error")
        assert len(errors) == 1 and "busy" in errors[0] and "\n" not in errors[0]
        assert isinstance(app.screen, ReadScreen)
        await add(pilot)  # free again
        assert messages(app)[-1].startswith("Added to your glossary: 12 terms")


async def test_x_exports_tsv_refuses_to_replace_then_replaces_when_told(
    app: ReaderApp, db: Path, tmp_path: Path
) -> None:
    deck = tmp_path / "deck.tsv"
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.glossary is not None
        terms = len(app.glossary.terms)
        await add(pilot)
        screen = await open_dialog(pilot)
        await pilot.click("#format-tsv")
        assert screen.fmt == "tsv"
        await submit(pilot, screen, deck)
        assert not isinstance(app.screen, ExportScreen)  # done: the box is closed
        assert messages(app)[-1] == f"Wrote {terms} terms to {deck} (deck hanja-reader)"
        written = deck.read_bytes()
        assert len(rows(deck)) == terms
        assert written.decode().startswith("#separator:tab\n")

        # Again, without Replace: refused, the file untouched, the box still open.
        screen = await open_dialog(pilot)
        assert screen.query_one("#export-path", Input).value == str(deck)  # remembered
        assert screen.fmt == "tsv"
        await submit(pilot, screen)
        errors = messages(app, "error")
        assert errors == [f"{deck}: already exists (tick “Replace the file” to overwrite it)"]
        assert deck.read_bytes() == written
        assert app.screen is screen

        # With Replace (and only the known terms, none yet): rewritten.
        await pilot.click("#export-force")
        screen.query_one("#status-new", Checkbox).value = False
        await submit(pilot, screen)
        assert not isinstance(app.screen, ExportScreen)
        assert messages(app, "warning")[-1].startswith(f"Wrote 0 terms to {deck}")
        assert rows(deck) == [] and deck.read_bytes() != written
        assert len(messages(app, "error")) == 1

        # Replace is never remembered.
        screen = await open_dialog(pilot)
        assert screen.query_one("#export-force", Checkbox).value is False
        assert screen.query_one("#status-new", Checkbox).value is False


async def test_x_refuses_a_folder_and_an_empty_path_in_one_line(
    app: ReaderApp, db: Path, tmp_path: Path
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_dialog(pilot)
        await submit(pilot, screen, tmp_path)
        assert messages(app, "error") == [f"{tmp_path}: is a directory"]
        assert app.screen is screen
        screen.query_one("#export-path", Input).value = "  "
        await submit(pilot, screen)
        assert messages(app, "warning")[-1] == "Type the path of the file to write."
        assert app.screen is screen


async def test_the_suffix_follows_the_format_and_a_typed_suffix_chooses_it(
    app: ReaderApp, db: Path
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_dialog(pilot)
        path = screen.query_one("#export-path", Input)
        deck = screen.query_one("#export-deck", Input)
        assert path.value == "~/hanja-reader.apkg" and screen.fmt == "apkg"
        assert not deck.disabled
        await pilot.click("#format-json")
        assert path.value == "~/hanja-reader.json" and deck.disabled
        path.value = "~/cards.md"
        await pilot.pause()
        assert screen.fmt == "md"
        assert screen.query_one("#export-format", RadioSet).pressed_button is not None
        path.value = "~/cards"  # no suffix: the user's choice, kept
        await pilot.click("#format-csv")
        assert path.value == "~/cards" and screen.fmt == "csv"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_export_box_is_centred_and_escape_closes_it(
    app: ReaderApp, db: Path, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        screen = await open_dialog(pilot)
        box = screen.query_one("#export-box").region
        left, right = box.x, size[0] - box.right
        assert abs(left - right) <= 1, (left, right)
        assert box.y >= 0 and box.bottom <= size[1]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReadScreen)


def test_the_export_box_leaves_ignored_terms_out_unless_ticked() -> None:
    from reader.store_actions import ExportChoice

    assert "ignored" not in ExportChoice(fmt="tsv", path="x.tsv").statuses


def test_adding_a_chinese_article_counts_its_words_as_places() -> None:
    from glossary.store import AddResult

    korean = AddResult("added", "t", "t.txt", 12, 12, 0, 13, 41)
    chinese = AddResult("added", "t", "zh.txt", 15, 15, 0, 31, 0, language="zh")
    assert store_actions.describe_add(korean).endswith("12 terms (12 new), 13 glossed places")
    assert store_actions.describe_add(chinese).endswith("15 terms (15 new), 31 places")
    # Korean text with bare hanja (a quotation, 국한문혼용): how many of its places are glossed.
    mixed = AddResult("added", "t", "k.txt", 25, 25, 0, 25, 0, bare_places=24)
    assert store_actions.describe_add(mixed).endswith("25 terms (25 new), 25 places (1 glossed)")
