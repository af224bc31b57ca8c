"""Where the user's glossary store lives: one seam for ``--db``, the environment and XDG."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from glossary.errors import InputError

APP_NAME = "hanja-reader"
DB_ENV_VAR = "HANJA_READER_DB"
DB_FILE_NAME = "glossary.sqlite3"


def default_db_path() -> Path:
    """The store in the user data directory (``$XDG_DATA_HOME/hanja-reader`` on Linux).

    Returns:
        The path of the database file (it may not exist yet).
    """
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DB_FILE_NAME


def db_path(
    explicit: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> Path:
    """Choose the store: an explicit path, else ``$HANJA_READER_DB``, else the data directory.

    Args:
        explicit: A path given by the user (``--db PATH``), or None.
        env: The environment to read (``os.environ`` by default).

    Returns:
        The path of the database file, with ``~`` expanded.

    Raises:
        InputError: The path starts with ``~user`` for a user that does not exist.
    """
    environ = os.environ if env is None else env
    chosen = explicit if explicit is not None else environ.get(DB_ENV_VAR) or None
    if chosen is None:
        return default_db_path()
    return expand_user(chosen)


def expand_user(path: str | os.PathLike[str]) -> Path:
    """Expand a leading ``~`` or ``~user`` in a path the user typed.

    Args:
        path: The path.

    Returns:
        The path with the home folder in place of ``~``; other paths as they are.

    Raises:
        InputError: ``~user`` names no user on this system (or ``~`` has no home
            folder): the message names the path and the user.
    """
    try:
        return Path(path).expanduser()
    except RuntimeError:  # Path.expanduser's way to say it.
        text = os.fspath(path)
        user = text[1:].split(os.sep, 1)[0]
        if user:
            raise InputError(f"{text}: cannot expand ~{user}: no such user") from None
        raise InputError(f"{text}: cannot expand ~: no home folder") from None
