"""Fixtures for the reader's tests: user directories in tmp_path, the sample app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary import Document, read_document
from reader.app import ReaderApp


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every user directory at tmp_path, so no test touches a real user's files."""
    for variable, name in (
        ("HOME", "home"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        folder = tmp_path / "reader-user" / name
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(variable, str(folder))
    yield tmp_path


@pytest.fixture(scope="session")
def sample() -> Document:
    """The bundled article."""
    return read_document(None)


@pytest.fixture
def app(sample: Document) -> ReaderApp:
    """A reader on the bundled article."""
    return ReaderApp(sample)
