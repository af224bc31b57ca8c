"""Which files an import reads: folders walked for text and web pages, sizes for progress."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

# What a folder walk imports; a file named on the command line is read whatever its name.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"})


def find_sources(paths: Sequence[str], on_error: Callable[[str], None] | None = None) -> list[str]:
    """The sources to import: files as given, folders walked for text and HTML files.

    A folder's files come in path order (sorted, subfolders included); hidden files and
    folders are left out, and so are pipes and devices. Repeats are dropped. A path that
    does not exist is kept, so that reading it reports the problem.

    Args:
        paths: Files, folders, or ``-`` for standard input.
        on_error: Told, in one line, of each subfolder that cannot be read (it is skipped).

    Returns:
        The sources in order.
    """
    found: dict[str, None] = {}
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found.update(dict.fromkeys(str(p) for p in _walk(Path(path), on_error)))
        else:
            found[path] = None
    return list(found)


def _walk(folder: Path, on_error: Callable[[str], None] | None) -> list[Path]:
    def unreadable(exc: OSError) -> None:
        if on_error is not None:
            on_error(f"{exc.filename}: cannot be read ({exc.strerror or exc}); skipped")

    files: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files += (
            Path(root, n)
            for n in names
            if not n.startswith(".") and Path(n).suffix.lower() in TEXT_SUFFIXES
        )
    # Regular files only: a pipe or a device named like a text file would block the
    # import forever (one named on the command line is read, as the user asked).
    return sorted(f for f in files if f.is_file())


def source_size(source: str) -> int:
    """A source's size in bytes, for progress: 0 for standard input or a missing file.

    Args:
        source: A path or ``-``.

    Returns:
        The size.
    """
    try:
        return 0 if source == "-" else os.stat(source).st_size
    except OSError:
        return 0
