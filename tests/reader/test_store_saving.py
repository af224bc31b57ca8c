"""Marks and notes reach the store off the UI thread: a busy, broken or deleted store is said.

Issue 15, items 11 (a store locked by another process froze the reader, then crashed it)
and 18 (a store deleted while the reader is open silently lost later marks).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from glossary import Document
from glossary.paths import db_path
from glossary.store import open_store
from reader import saving
from reader.app import ReaderApp
from tests.reader.helpers import view_of, walk_to_first_term

Key = tuple[str, str]
BUSY = "Your glossary is busy"


def stored_status(path: Path, key: Key) -> str:
    """The status the store on disk holds for a term (``new`` when it is not stored)."""
    with open_store(path, read_only=True) as store:
        return store.status_of(key)


@contextmanager
def write_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """Hold the store's write lock from another connection, as ``glossary add`` does."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield holder
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()


def messages(app: ReaderApp, severity: str | None = None) -> list[str]:
    """The notifications shown, of one severity or all."""
    return [n.message for n in app._notifications if severity in (None, n.severity)]


async def until(pilot: Pilot[None], check: Callable[[], bool], tries: int = 200) -> None:
    """Let the app run until ``check`` holds (a bounded number of short pauses)."""
    for _ in range(tries):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError("it never happened")


async def next_other_term(pilot: Pilot[None], key: Key) -> Key:
    """Walk on (``n``) to a term other than ``key``; return its key."""
    view = view_of(pilot)
    for _ in range(50):
        await pilot.press("n")
        assert view.current_place is not None
        other = view.terms[view.places[view.current_place].term].key
        if other != key:
            return other
    raise AssertionError("no other term")


async def test_a_mark_made_while_the_store_is_locked_is_shown_at_once_and_saved_later(
    sample: Document,
) -> None:
    app = ReaderApp(sample)
    path = db_path()
    async with app.run_test(size=(100, 30)) as pilot:
        key = await walk_to_first_term(pilot)
        view = view_of(pilot)
        place = view.current_place
        assert place is not None and path.is_file()
        with write_lock(path) as holder:
            await pilot.press("3")
            # The key came back while the lock is still held: kept and painted at once.
            assert holder.in_transaction
            assert app.statuses.get(key) == "known"
            assert "term--known" in view.place_classes(place)
            assert stored_status(path, key) == "new"
            await until(pilot, lambda: any(BUSY in m for m in messages(app, "warning")))
            # A second mark while it is still locked: no second notification.
            other = await next_other_term(pilot, key)
            await pilot.press("2")
            assert app.statuses.get(other) == "learning"
            await pilot.pause(0.3)
            assert stored_status(path, key) == "new"
        await until(pilot, lambda: stored_status(path, key) == "known")
        await until(pilot, lambda: stored_status(path, other) == "learning")
        assert sum(BUSY in m for m in messages(app)) == 1
        assert not messages(app, "error")
    assert app.statuses.close() is None


async def test_marks_still_waiting_are_saved_when_the_reader_quits(sample: Document) -> None:
    app = ReaderApp(sample)
    path = db_path()
    async with app.run_test(size=(100, 30)) as pilot:
        key = await walk_to_first_term(pilot)
        holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        await pilot.press("3")
        assert stored_status(path, key) == "new"
        # The other command finishes a moment after the user quits.
        threading.Timer(0.5, lambda: (holder.execute("ROLLBACK"), holder.close())).start()
    assert stored_status(path, key) == "known"
    assert app.statuses.close() is None


async def test_marks_not_saved_by_the_time_the_reader_quits_are_one_line(
    sample: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(saving, "FLUSH_TIMEOUT_S", 0.3)
    app = ReaderApp(sample)
    path = db_path()
    holder = None
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            key = await walk_to_first_term(pilot)
            holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            holder.execute("BEGIN IMMEDIATE")
            await pilot.press("3")
        # Quitting waited (a bounded time) for the lock, then gave up.
        problem = app.statuses.close()
        assert stored_status(path, key) == "new"
    finally:
        if holder is not None:
            holder.close()
    assert problem is not None and "\n" not in problem
    assert str(path) in problem and "1 study mark or note" in problem
    assert app.statuses.get(key) == "known"  # Still there for the rest of the session.


async def test_a_store_that_cannot_be_written_is_one_error_and_the_mark_stays(
    sample: Document,
) -> None:
    app = ReaderApp(sample)
    path = db_path()
    async with app.run_test(size=(100, 30)) as pilot:
        key = await walk_to_first_term(pilot)
        # Damaged in place (same file): not a lock, so not worth waiting for.
        checkpoint = sqlite3.connect(path)
        checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        checkpoint.close()
        with path.open("r+b") as fh:
            fh.write(b"this is not a database any more" * 200)
        await pilot.press("3")
        assert app.statuses.get(key) == "known"
        await until(pilot, lambda: bool(messages(app, "error")))
        other = await next_other_term(pilot, key)
        await pilot.press("2")
        await pilot.pause(0.3)
        errors = messages(app, "error")
        assert len(errors) == 1 and "\n" not in errors[0] and str(path) in errors[0]
        assert not any(BUSY in m for m in messages(app))
        assert app.is_running
        assert app.statuses.get(other) == "learning"
    problem = app.statuses.close()
    assert problem is not None and "2 study marks or notes" in problem


async def test_a_glossary_deleted_while_reading_is_said_and_marks_stay_for_the_session(
    sample: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mine.sqlite3"
    monkeypatch.setenv("HANJA_READER_DB", str(path))
    app = ReaderApp(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        key = await walk_to_first_term(pilot)
        await pilot.press("3")
        await until(pilot, lambda: stored_status(path, key) == "known")
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        other = await next_other_term(pilot, key)
        await pilot.press("2")
        assert app.statuses.get(other) == "learning"
        await until(pilot, lambda: bool(messages(app, "warning")))
        (warning,) = messages(app, "warning")
        assert str(path) in warning and "deleted or replaced" in warning
        assert "this session only" in warning
        # A note made afterwards is kept too, without a second warning.
        await pilot.press("e")
        await pilot.press(*"still here")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.statuses.note(other) == "still here"
        assert len(messages(app, "warning")) == 1
        assert app.statuses.get(key) == "known"
    # Nothing was written to a file the reader did not open.
    assert not path.exists()
    problem = app.statuses.close()
    assert problem is not None and str(path) in problem and "deleted or replaced" in problem


async def test_a_note_is_saved_off_the_ui_thread_too(sample: Document) -> None:
    app = ReaderApp(sample)
    path = db_path()
    async with app.run_test(size=(100, 30)) as pilot:
        key = await walk_to_first_term(pilot)
        with write_lock(path):
            await pilot.press("e")
            await pilot.press(*"seen first")
            await pilot.press("enter")
            await pilot.pause()
            assert app.statuses.note(key) == "seen first"

        def saved() -> bool:
            with open_store(path, read_only=True) as store:
                found = store.get(key)
            return found is not None and found.user_note == "seen first"

        await until(pilot, saved)


async def test_after_the_glossary_was_deleted_opening_a_file_saves_the_session_there(
    sample: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mine.sqlite3"
    monkeypatch.setenv("HANJA_READER_DB", str(path))
    app = ReaderApp(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        key = await walk_to_first_term(pilot)
        await pilot.press("3")
        await until(pilot, lambda: stored_status(path, key) == "known")
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink()
        other = await next_other_term(pilot, key)
        await pilot.press("2")
        await until(pilot, lambda: bool(messages(app, "warning")))
        assert not path.exists()
        # What `o` does once a file is chosen: the store is opened there anew.
        app.open_document(None, sample)
        await app.workers.wait_for_complete()
        await until(pilot, path.exists)
        await until(pilot, lambda: stored_status(path, other) == "learning")
        assert stored_status(path, key) == "known"  # Made before the file was deleted.
        assert app.statuses.get(key) == "known" and app.statuses.get(other) == "learning"
    assert app.statuses.close() is None


def test_the_reader_exits_non_zero_after_a_crash_or_unsaved_marks(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import reader.app as reader_app

    outcome: dict[str, object] = {"code": 0, "unsaved": None}

    def fake_run(self: reader_app.ReaderApp, *args: object, **kwargs: object) -> None:
        self._return_code = outcome["code"]  # what Textual sets when the app fails

    monkeypatch.setattr(reader_app.ReaderApp, "run", fake_run)
    monkeypatch.setattr(
        reader_app.StoredStatusBook, "close", lambda self, *a, **k: outcome["unsaved"]
    )
    assert reader_app._run([]) == 0
    outcome["code"] = 1
    assert reader_app._run([]) == 1
    outcome["code"] = 0
    outcome["unsaved"] = "1 study mark or note not saved: /x: still busy"
    assert reader_app._run([]) == reader_app.EXIT_UNSAVED != 0
    assert "reader: 1 study mark or note not saved" in capsys.readouterr().err
