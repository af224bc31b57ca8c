"""The reader's settings: tone palette, inline forms and readings, and theme, kept in TOML.

The file is ``settings.toml`` in the user's config folder (``$XDG_CONFIG_HOME/hanja-reader``
on Linux). It is read once, before the first paint, and written whenever a setting
changes: the whole file at once, through a temporary file renamed over it, so it is never
half written. A file that cannot be read or parsed is ignored with one warning and left as
it is, until the user changes a setting (then it is written anew). Writing is by hand:
five keys, strings and booleans, need no TOML writer.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary.paths import APP_NAME
from reader.tones import PALETTE_ORDER

if TYPE_CHECKING:
    from textual.app import App

    from reader.screens.read import ReadScreen

SETTINGS_FILE = "settings.toml"


@dataclass(frozen=True)
class Settings:
    """What the reader remembers between sessions, whatever the document.

    Attributes:
        palette: The tone palette of cards and panel (``t``).
        simplified: Simplified forms shown in the text (``s``).
        pinyin: Pinyin shown after the hanja (``y``).
        korean: The Sino-Korean reading shown after each hanja word (``k``).
        theme: The Textual theme; None until the user chooses one (Textual's default).
    """

    palette: str = PALETTE_ORDER[0]
    simplified: bool = False
    pinyin: bool = False
    korean: bool = False
    theme: str | None = None


def settings_path() -> Path:
    """Where the settings are kept: ``settings.toml`` in the user's config folder.

    Returns:
        The path of the file (it may not exist yet).
    """
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / SETTINGS_FILE


def read_settings(path: Path, themes: Collection[str]) -> tuple[Settings, str | None]:
    """Read the settings file; whatever cannot be used is left at its default.

    Args:
        path: The settings file.
        themes: The names of the themes the app knows.

    Returns:
        The settings, and None or a one-line warning: why the file, or some of its
        values, were ignored.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Settings(), None
    except OSError as exc:
        return Settings(), f"{path}: cannot be read ({exc.strerror or exc}); using defaults"
    import tomllib  # only when there is a file: a few milliseconds before the first paint

    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Settings(), f"{path}: not valid TOML ({exc}); using defaults"
    return settings_from(table, themes, path)


def settings_from(
    table: Mapping[str, Any], themes: Collection[str], path: Path
) -> tuple[Settings, str | None]:
    """Settings from a parsed TOML table, each value checked; unknown keys are ignored.

    Args:
        table: The parsed file.
        themes: The names of the themes the app knows.
        path: The file, for the warning.

    Returns:
        The settings, and None or a warning naming the values that were ignored.
    """
    allowed: dict[str, Collection[object]] = {
        "palette": PALETTE_ORDER,
        "simplified": (True, False),
        "pinyin": (True, False),
        "korean": (True, False),
        "theme": themes,
    }
    values: dict[str, Any] = {}
    ignored: list[str] = []
    for key, choices in allowed.items():
        if key not in table:
            continue
        value = table[key]
        # The same type as the choices (1 is not True), and one of them.
        if isinstance(value, str | bool) and value in choices:
            values[key] = value
        else:
            ignored.append(f"{key} = {value!r}")
    warning = None
    if ignored:
        warning = f"{path}: ignored {', '.join(ignored)}; using the default"
    return Settings(**values), warning


def settings_toml(settings: Settings) -> str:
    """The settings as a TOML document.

    Args:
        settings: The settings.

    Returns:
        The file's text.
    """
    lines = [
        "# hanja-reader settings: written by the reader when you change one.",
        f"palette = {toml_string(settings.palette)}",
        f"simplified = {'true' if settings.simplified else 'false'}",
        f"pinyin = {'true' if settings.pinyin else 'false'}",
        f"korean = {'true' if settings.korean else 'false'}",
    ]
    if settings.theme is not None:
        lines.append(f"theme = {toml_string(settings.theme)}")
    return "\n".join(lines) + "\n"


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped.

    Args:
        value: Any text.

    Returns:
        The quoted string.
    """
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char < " " or char == "\x7f":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def write_atomically(path: Path, text: str) -> None:
    """Write a text file whole or not at all: a temporary file, then ``os.replace``.

    The folder is made if needed; a symbolic link is followed (its target is replaced,
    not the link); an existing file keeps its permissions.

    Args:
        path: The file.
        text: Its new content.

    Raises:
        OSError: The file could not be written.
    """
    import tempfile

    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        with contextlib.suppress(OSError):
            os.chmod(temp, os.stat(target).st_mode & 0o7777)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


class SettingsKeeper:
    """Loads the settings into the app before the first paint and saves each change.

    Args:
        path: The settings file (by default :func:`settings_path`).
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else settings_path()
        self.settings = Settings()
        self.warning: str | None = None
        self._app: App[Any] | None = None
        self._failed = False

    def load(self, app: App[Any], screen: ReadScreen) -> None:
        """Read the file; set the theme and the tone palette (the modes wait for the view).

        Args:
            app: The app (its theme is set).
            screen: The read screen, not mounted yet (its palette is set).
        """
        from reader.screens.read import ReadScreen

        self.settings, self.warning = read_settings(self.path, app.available_themes)
        if self.settings.theme is not None:
            app.theme = self.settings.theme
        screen.set_reactive(ReadScreen.palette, self.settings.palette)

    def attach(self, app: App[Any], screen: ReadScreen) -> None:
        """Once the screen is shown: set the modes, say what was wrong, watch for changes.

        Args:
            app: The app.
            screen: The read screen, mounted.
        """
        from reader.widgets import ArticleView

        self._app = app
        view = screen.article
        changed = False
        for reactive, value in (
            (ArticleView.show_simplified, self.settings.simplified),
            (ArticleView.show_pinyin, self.settings.pinyin),
            (ArticleView.show_korean, self.settings.korean),
        ):
            changed |= getattr(view, reactive.name) != value
            view.set_reactive(reactive, value)
        if changed and view.terms:  # the glossary came first: lay it out again, once
            view.relayout()
        if self.warning:
            app.notify(self.warning, title="Settings", severity="warning", markup=False)
        app.watch(screen, "palette", lambda value: self.change(palette=value), init=False)
        app.watch(view, "show_simplified", lambda on: self.change(simplified=on), init=False)
        app.watch(view, "show_pinyin", lambda on: self.change(pinyin=on), init=False)
        app.watch(view, "show_korean", lambda on: self.change(korean=on), init=False)
        app.watch(app, "theme", lambda name: self.change(theme=name), init=False)

    def change(self, **changes: Any) -> None:
        """Change settings and save them all (a file that was ignored is replaced).

        Args:
            **changes: New values, by field of :class:`Settings`.
        """
        settings = replace(self.settings, **changes)
        if settings == self.settings:
            return
        self.settings = settings
        try:
            write_atomically(self.path, settings_toml(settings))
        except OSError as exc:
            if not self._failed and self._app is not None:
                self._app.notify(
                    f"{self.path}: cannot be written ({exc.strerror or exc})",
                    title="Settings not saved",
                    severity="warning",
                    markup=False,
                )
            self._failed = True
        else:
            self._failed = False
