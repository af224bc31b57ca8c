"""Opening a file runs in a worker with visible progress; failures never show a traceback."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Static

import reader.building
from glossary import Document, Glossary
from glossary import build_glossary as real_build_glossary
from reader.app import ReaderApp
from tests.reader.helpers import ready, view_of


async def test_progress_shows_while_the_glossary_is_built(
    app: ReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "slow.txt"
    path.write_text("마윈(馬雲) 회장이 말했다.\n", encoding="utf-8")
    release = threading.Event()

    def slow_build(document: Document, enricher: object = None, *, defer: bool = False) -> Glossary:
        release.wait(10)
        return real_build_glossary(document)

    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        monkeypatch.setattr(reader.building, "build_glossary", slow_build)
        app.open_document(str(path))
        for _ in range(50):
            await pilot.pause(0.02)
            if "Finding glosses" in str(screen.query_one("#status-line", Static).content):
                break
        assert "Finding glosses" in str(screen.query_one("#status-line", Static).content)
        assert view_of(pilot).loading
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not view_of(pilot).loading
        assert [t.hanja for t in view_of(pilot).terms] == ["馬雲"]
        assert "1 term · 1 place" in str(screen.query_one("#status-line", Static).content)


async def test_an_unexpected_failure_becomes_a_notification(
    app: ReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "fine.txt"
    path.write_text("본문\n", encoding="utf-8")

    def broken(document: Document, enricher: object = None, *, defer: bool = False) -> Glossary:
        raise RuntimeError("the dictionary fell over")

    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        monkeypatch.setattr(reader.building, "build_glossary", broken)
        app.open_document(str(path))
        await app.workers.wait_for_complete()
        await pilot.pause()
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "the dictionary fell over" in errors[-1].message
        assert app.is_running and not view_of(pilot).loading
