"""tools/screenshot.py draws the README's picture: the reader with 杭州's card open."""

from __future__ import annotations

import importlib.util
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "screenshot.py"
COMMITTED = ROOT / "docs" / "reader.svg"
# What 杭州's card says, as drawn in the SVG.
CARD_WORDS = ("杭州", "항저우", "háng", "zhōu", "transcription", "16 places")


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screenshot_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _text(svg: Path) -> str:
    """The text an SVG screenshot shows, spaces as spaces (it fails on invalid XML)."""
    return "".join(ET.parse(svg).getroot().itertext()).replace("\xa0", " ")


def _rows(svg: Path) -> int:
    """How many terminal lines the screenshot clips: its height, whatever Rich's version."""
    return len(re.findall(r'id="[^"]*-line-\d+"', svg.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def shot(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The screenshot at the default size, drawn once; and the user folder it ran under."""
    out = tmp_path_factory.mktemp("shot") / "x.svg"
    user = tmp_path_factory.mktemp("user")
    with pytest.MonkeyPatch.context() as patch:
        for variable in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            patch.setenv(variable, str(user / variable.lower()))
        patch.setenv("HANJA_READER_DB", str(user / "glossary.sqlite3"))
        assert _script().main(["--out", str(out)]) == 0
        assert os.environ["HOME"] == str(user / "home")  # the environment is given back
        assert os.environ["HANJA_READER_DB"] == str(user / "glossary.sqlite3")
    return out, user


@pytest.fixture
def drawn(shot: tuple[Path, Path]) -> Path:
    """The screenshot at the default size."""
    return shot[0]


def test_the_screenshot_shows_the_card(drawn: Path) -> None:
    text = _text(drawn)
    assert all(word in text for word in CARD_WORDS), text
    assert drawn.stat().st_size < 300_000


def test_the_screenshot_leaves_the_users_glossary_alone(shot: tuple[Path, Path]) -> None:
    _, user = shot
    assert not list(user.rglob("*"))  # no store, no settings, no cache: not even a folder


def test_the_committed_picture_is_the_scripts(drawn: Path) -> None:
    assert COMMITTED.is_file(), "run: python tools/screenshot.py"
    text = _text(COMMITTED)
    assert all(word in text for word in CARD_WORDS), "redraw: python tools/screenshot.py"
    assert _rows(COMMITTED) == _rows(drawn)
    assert COMMITTED.stat().st_size < 300_000


def test_a_bad_size_or_theme_is_refused(tmp_path: Path) -> None:
    script = _script()
    with pytest.raises(SystemExit):
        script.main(["--out", str(tmp_path / "y.svg"), "--size", "wide"])
    with pytest.raises(SystemExit):
        script.main(["--out", str(tmp_path / "y.svg"), "--theme", "no-such-theme"])
    assert not (tmp_path / "y.svg").exists()
