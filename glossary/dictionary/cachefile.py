"""Files the dictionary keeps beside its index: written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_beside"]


def write_beside(path: Path, data: bytes) -> bool:
    """Write a cache file atomically: a reader sees the old file or the new one, never part.

    A folder that cannot be written is no error: the file is made again next time.

    Args:
        path: The file.
        data: Its whole content.

    Returns:
        Whether the file was written.
    """
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True
