"""Indexes left behind: a CC-CEDICT index whose dictionary file is gone is removed.

Each CC-CEDICT file has its index in the user cache, named by the file's path (see
:func:`glossary.dictionary.build.index_path`), and the file is the one inside the installed
package: every checkout and virtual environment makes its own index, some 40 MB with the
segmenter's word lists and automaton beside it. One whose file no longer exists (a deleted
environment, an old checkout) would never be read again, so a new build removes it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from glossary.dictionary.wordtable import automaton_path, cache_path

__all__ = ["remove_orphans"]


def remove_orphans(kept: Path) -> list[Path]:
    """Remove the indexes beside one whose recorded dictionary file no longer exists.

    Only files named as the cache names indexes (``cedict-*.sqlite3``) are looked at, and
    only one that records an absolute path to its dictionary file, which is not there, is
    removed, with its word lists and automaton. An index that cannot be read is left alone: it
    is not known to be an orphan. Nothing raised here stops the caller.

    Args:
        kept: The index just built (never removed).

    Returns:
        The indexes removed.
    """
    removed: list[Path] = []
    try:
        others = sorted(p for p in kept.parent.glob("cedict-*.sqlite3") if p.name != kept.name)
    except OSError:
        return removed
    for index in others:
        source = _recorded_source(index)
        if source is None or not source.is_absolute() or source.exists():
            continue
        try:
            index.unlink()
            for beside in (cache_path(index), automaton_path(index)):
                beside.unlink(missing_ok=True)
        except OSError:
            continue
        removed.append(index)
    return removed


def _recorded_source(index: Path) -> Path | None:
    """The dictionary file an index was built from, as its ``meta`` table says; None when it
    cannot be read."""
    try:
        uri = f"{index.resolve().as_uri()}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=0.1)) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'source'").fetchone()
    except (OSError, ValueError, sqlite3.Error):
        return None
    return Path(str(row[0])) if row else None
