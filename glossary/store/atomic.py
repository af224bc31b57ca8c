"""Writing a file atomically: a temporary file beside it, then one rename.

Only regular files are written. A symbolic link is written through: its target is
replaced (the link stays and shows the new content); FIFOs, devices, sockets and
directories are refused, never replaced by a regular file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from glossary.errors import ExportError

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def write_atomic(
    path: str | os.PathLike[str], write: Callable[[Path], None], *, force: bool
) -> Path:
    """Write a file through a temporary file beside it, then move it into place.

    Nothing is written anywhere but the folder of the file written; a failure, Ctrl-C
    (or any exception) on the way leaves no partial file and no temporary file. When
    ``path`` is a symbolic link, the file it points to is the one written (the temporary
    file is made in that file's folder and renamed onto it), and the link is kept.

    Args:
        path: The file to write.
        write: Writes the whole content to the path it is given.
        force: Replace ``path`` when it exists.

    Returns:
        The path written (``path``, even when it is a link).

    Raises:
        ExportError: ``path`` exists and ``force`` is false, is a directory, a FIFO, a
            device, a socket or anything else but a regular file, its folder is
            missing, or writing failed.
    """
    given = Path(path)
    target = _destination(given, force=force)
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"{given}: no such folder {folder}")
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"{given}: cannot write ({exc.strerror or exc})") from None
    temp = Path(name)
    try:
        os.close(fd)
        write(temp)
        with temp.open("rb+") as fh:
            os.fsync(fh.fileno())
        # mkstemp makes the file private; give it the mode a new file would have.
        os.chmod(temp, _new_file_mode(target))
        if force:
            os.replace(temp, target)
        else:
            _link_new(temp, target)
    except FileExistsError:
        raise ExportError(f"{given}: already exists (use --force to replace it)") from None
    except OSError as exc:
        raise ExportError(f"{given}: cannot write ({exc.strerror or exc})") from None
    finally:
        # Also on KeyboardInterrupt, and on whatever a signal handler raises.
        temp.unlink(missing_ok=True)
    return given


def _destination(given: Path, *, force: bool) -> Path:
    """The regular file to write for ``given``: itself, or the file a link points to.

    Raises:
        ExportError: It exists (without ``force``) or is not a regular file.
    """
    try:
        entry = os.lstat(given)
    except FileNotFoundError:
        return given
    except OSError as exc:
        raise ExportError(f"{given}: cannot write ({exc.strerror or exc})") from None
    target = Path(os.path.realpath(given)) if stat.S_ISLNK(entry.st_mode) else given
    try:
        mode: int | None = os.stat(target).st_mode
    except FileNotFoundError:  # A dangling link: its target is created.
        mode = None
    except OSError as exc:  # A loop of links, a folder that cannot be searched...
        raise ExportError(f"{given}: cannot write ({exc.strerror or exc})") from None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise ExportError(f"{given}: is a directory")
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "a special file")
            raise ExportError(f"{given}: is {kind}, not a regular file; it is never replaced")
    if not force:
        raise ExportError(f"{given}: already exists (use --force to replace it)")
    return target


def _new_file_mode(target: Path) -> int:
    """The replaced file's mode, else read-write as the umask allows."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        pass
    umask = 0o022
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                umask = int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o666 & ~umask


def _link_new(temp: Path, target: Path) -> None:
    """Move ``temp`` to ``target`` only if ``target`` does not exist, atomically."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError:
        # No hard links on this file system: check, then rename (a small race remains).
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(temp, target)
