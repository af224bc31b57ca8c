"""Reading positions and recent files, kept in the user's state folder.

Each document read is remembered by its SHA-256 (``Document.sha``: the same text read
again, from anywhere, is the same document) with its path and title, the document offset
at the top of the view and the offset of the current place. The file is
``positions.json`` in the user's state folder (``$XDG_STATE_HOME/hanja-reader`` on Linux),
newest first, at most :data:`MAX_DOCUMENTS`. It is written when a document is shown
(the one left and the one opened) and on quit; each write merges what another reader
wrote meanwhile. The open dialog's recent files are its paths that still exist.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary.paths import APP_NAME
from reader.settings import write_atomically

if TYPE_CHECKING:
    from textual.app import App

    from reader.screens.read import ReadScreen
    from reader.widgets import ArticleView

POSITIONS_FILE = "positions.json"
MAX_DOCUMENTS = 200
"""Documents remembered at most: the least recently read are dropped."""
MAX_RECENT = 10
"""Recent files offered in the open dialog."""
_VERSION = 1


@dataclass(frozen=True)
class Position:
    """Where the reader was in one document.

    Attributes:
        sha: The document's SHA-256 (``Document.sha``).
        path: Its absolute path; ``""`` when it was not read from a file (standard input).
        title: Its title.
        top: The document offset at the top of the view.
        current: The document offset where the current place starts, or None.
        seen: When it was last shown or left (seconds since the epoch).
    """

    sha: str
    path: str
    title: str
    top: int = 0
    current: int | None = None
    seen: float = 0.0


def positions_path() -> Path:
    """Where positions are kept: ``positions.json`` in the user's state folder.

    Returns:
        The path of the file (it may not exist yet).
    """
    import platformdirs

    return platformdirs.user_state_path(APP_NAME, appauthor=False) / POSITIONS_FILE


def read_positions(path: Path) -> tuple[list[Position], str | None]:
    """Read the positions file; entries that do not make sense are skipped.

    Args:
        path: The file.

    Returns:
        The positions, newest first, and None or a one-line reason the file was ignored.
    """
    import json

    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return [], None
    except (OSError, ValueError) as exc:
        return [], f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})"
    entries = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return [], f"{path}: not a positions file"
    found = [p for p in map(_position, entries) if p is not None]
    return newest_first(found), None


def _position(entry: Any) -> Position | None:
    """A position from one JSON entry, or None when any field is wrong."""
    if not isinstance(entry, dict):
        return None
    sha, path, title = entry.get("sha"), entry.get("path"), entry.get("title")
    top, current, seen = entry.get("top"), entry.get("current", None), entry.get("seen")
    if not (isinstance(sha, str) and isinstance(path, str) and isinstance(title, str)):
        return None
    if not isinstance(top, int) or isinstance(top, bool) or top < 0:
        return None
    if current is not None and (
        not isinstance(current, int) or isinstance(current, bool) or current < 0
    ):
        return None
    if not isinstance(seen, int | float) or isinstance(seen, bool):
        return None
    return Position(sha, path, title, top, current, float(seen))


def newest_first(positions: Iterable[Position]) -> list[Position]:
    """One position per document (the newest), newest first, at most :data:`MAX_DOCUMENTS`.

    Args:
        positions: Positions in any order, perhaps several per document.

    Returns:
        The positions kept.
    """
    latest: dict[str, Position] = {}
    for position in positions:
        kept = latest.get(position.sha)
        if kept is None or position.seen > kept.seen:
            latest[position.sha] = position
    return sorted(latest.values(), key=lambda p: p.seen, reverse=True)[:MAX_DOCUMENTS]


def write_positions(path: Path, positions: Sequence[Position]) -> None:
    """Write the positions file (whole or not at all).

    Args:
        path: The file.
        positions: The positions, newest first.

    Raises:
        OSError: The file could not be written.
    """
    import json

    documents = [
        {
            "sha": p.sha,
            "path": p.path,
            "title": p.title,
            "top": p.top,
            "current": p.current,
            "seen": p.seen,
        }
        for p in positions
    ]
    text = json.dumps({"version": _VERSION, "documents": documents}, ensure_ascii=False)
    write_atomically(path, text + "\n")


def recent_paths(positions: Iterable[Position], limit: int = MAX_RECENT) -> list[str]:
    """The paths of the files read most recently that still exist, newest first.

    Args:
        positions: Positions, newest first.
        limit: How many paths at most.

    Returns:
        Absolute paths, each once.
    """
    found: list[str] = []
    for position in positions:
        if len(found) >= limit:
            break
        path = position.path
        if path and path not in found and os.path.isfile(path):
            found.append(path)
    return found


def recent_files(path: Path | None = None, limit: int = MAX_RECENT) -> list[str]:
    """The files read most recently that still exist, newest first (for the open dialog).

    Args:
        path: The positions file (by default :func:`positions_path`).
        limit: How many at most.

    Returns:
        Absolute paths; none when the file is missing or unreadable.
    """
    positions, _ = read_positions(path if path is not None else positions_path())
    return recent_paths(positions, limit)


def position_in(view: ArticleView) -> tuple[int, int | None]:
    """Where the view is: the document offsets at its top and of its current place.

    Args:
        view: The article view.

    Returns:
        The top offset and the current place's offset (None without a current place).
    """
    top = view.text_layout.document_offset_of_line(int(view.scroll_y))
    place = view.current_place
    current = view.places[place].text_start if place is not None else None
    return top, current


def restore(view: ArticleView, position: Position) -> None:
    """Put the view back where it was: the current term, then the same line at the top.

    The current term is restored only when a place still starts at its offset (a
    newer glossary may find other terms in the same text).

    Args:
        view: The article view, showing the position's document with its glossary.
        position: Where it was.
    """
    layout = view.text_layout
    if position.current is not None:
        place = layout.place_starting_at(position.current)
        if place is not None:
            view.go_to_place(place)
    if layout.lines:
        top = min(position.top, max(0, len(view.document.text) - 1))
        line = layout.line_of_document_offset(top)
        view.scroll_to(y=line, animate=False, immediate=True)


class ReadingMemory:
    """Remembers where the reader is in each document and brings it back.

    Args:
        app: The app (to tell the user when the file cannot be read or written).
        path: The positions file (by default :func:`positions_path`).
    """

    def __init__(self, app: App[Any], path: Path | None = None) -> None:
        self.app = app
        self.path = path if path is not None else positions_path()
        self._session: dict[str, Position] = {}
        self._shown: str | None = None
        self._told: set[str] = set()

    def leave(self, screen: ReadScreen) -> None:
        """Note where the reader is in the document shown (before another, or on quit).

        Args:
            screen: The read screen.
        """
        if self._shown is None or not screen.is_mounted:
            return
        view = screen.article
        if view.document.sha != self._shown:
            return
        top, current = position_in(view)
        self._note(view, top, current)

    def arrive(self, screen: ReadScreen) -> None:
        """A document's glossary is shown: go back to where it was left; save.

        Args:
            screen: The read screen, its glossary just shown.
        """
        if not screen.is_mounted:
            return
        view = screen.article
        sha = view.document.sha
        stored = self._load()
        saved = self._session.get(sha) or next((p for p in stored if p.sha == sha), None)
        if saved is not None and view.terms:
            restore(view, saved)
        self._shown = sha
        top, current = position_in(view)
        self._note(view, top, current)
        self.save(stored)

    def save(self, stored: Sequence[Position] | None = None) -> None:
        """Write the positions of this session over those in the file (read again).

        Args:
            stored: What the file holds, when just read.
        """
        if not self._session:
            return
        if stored is None:
            stored = self._load()
        try:
            write_positions(self.path, newest_first([*stored, *self._session.values()]))
        except OSError as exc:
            self._tell(f"{self.path}: cannot be written ({exc.strerror or exc})")

    def _note(self, view: ArticleView, top: int, current: int | None) -> None:
        document = view.document
        path = document.path
        path = os.path.abspath(path) if path and path != "-" else ""
        seen = max(time.time(), max((p.seen for p in self._session.values()), default=0) + 1e-6)
        self._session[document.sha] = Position(
            document.sha, path, document.title, top, current, seen
        )

    def _load(self) -> list[Position]:
        positions, problem = read_positions(self.path)
        if problem:
            self._tell(problem + "; reading positions start afresh")
        return positions

    def _tell(self, message: str) -> None:
        if message not in self._told:
            self._told.add(message)
            self.app.notify(message, title="Reading positions", severity="warning", markup=False)
