"""Draw ``docs/reader.svg``: the reader on the bundled article, with a term's card open.

The picture at the top of the README is made by this script, never by hand, so it shows
what the current code draws. The reader runs headless (Textual's ``run_test``) on the
bundled article, waits until the glossary is shown, walks to a term (杭州 by default: its
card shows the pinyin coloured by tone, the Sino-Korean reading and the 훈음 of each
character) and saves Textual's SVG screenshot.

The user directories (``HOME`` and the XDG data, config and cache folders) point at a
temporary folder while the reader runs, and ``$HANJA_READER_DB`` is unset, so the picture
never reads or writes the user's own glossary: a fresh user's marks and notes are shown.

The output is deterministic: the header has no clock, and the ids in Textual's SVG are a
hash of its content, so the same code draws a byte-identical file.

Usage::

    python tools/screenshot.py                      # writes docs/reader.svg at 100x30
    python tools/screenshot.py --out /tmp/r.svg --size 120x40 --theme nord --term 鄧小平
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "docs" / "reader.svg"
DEFAULT_SIZE = (100, 30)
DEFAULT_TERM = "杭州"
USER_DIRS = ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")
DB_VARIABLE = "HANJA_READER_DB"  # glossary.paths.DB_ENV_VAR, named here to import nothing early


@contextlib.contextmanager
def private_user_dirs() -> Iterator[Path]:
    """Point the user directories at a temporary folder; restore the environment after.

    Yields:
        The temporary folder (removed on exit).
    """
    saved = {name: os.environ.get(name) for name in (*USER_DIRS, DB_VARIABLE)}
    with tempfile.TemporaryDirectory(prefix="reader-screenshot-") as tmp:
        try:
            for name in USER_DIRS:
                folder = Path(tmp) / name.lower()
                folder.mkdir()
                os.environ[name] = str(folder)
            os.environ.pop(DB_VARIABLE, None)
            yield Path(tmp)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def parse_size(text: str) -> tuple[int, int]:
    """Read a terminal size written ``WIDTHxHEIGHT`` (``100x30``).

    Args:
        text: The size as typed.

    Returns:
        The width and height in cells.

    Raises:
        argparse.ArgumentTypeError: If the text is not two positive integers joined by ``x``.
    """
    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit() and int(width) > 0 and int(height) > 0):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 100x30, not {text!r}")
    return int(width), int(height)


async def take_screenshot(
    out: Path, size: tuple[int, int], theme: str | None = None, term: str = DEFAULT_TERM
) -> Path:
    """Run the reader headless on the bundled article and save its SVG screenshot.

    Call it with the user directories already pointed elsewhere (see
    :func:`private_user_dirs`): the reader opens the user's glossary store.

    Args:
        out: The SVG file to write (its folder is created).
        size: The terminal's width and height in cells.
        theme: A Textual theme's name, or None for the reader's default.
        term: The hanja of the term whose card is shown.

    Returns:
        The path written.

    Raises:
        ValueError: If the theme is unknown or the article has no such term.
    """
    from glossary import read_document
    from reader.app import ReaderApp
    from reader.screens.read import ReadScreen

    app = ReaderApp(read_document(None))
    if theme is not None and theme not in app.available_themes:
        known = ", ".join(sorted(app.available_themes))
        raise ValueError(f"unknown theme {theme!r}; known themes: {known}")
    async with app.run_test(size=size) as pilot:
        if theme is not None:
            app.theme = theme
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        if app.glossary is None or not isinstance(screen, ReadScreen):
            raise RuntimeError("the reader did not show the article's glossary")
        terms = screen.article.terms
        index = next((i for i, t in enumerate(terms) if t.hanja == term), None)
        if index is None:
            raise ValueError(f"the bundled article has no term written {term!r}")
        screen.go_to_term(index)
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        out.parent.mkdir(parents=True, exist_ok=True)
        app.save_screenshot(out.name, str(out.parent))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Write the screenshot; the command line is described in the module's docstring.

    Args:
        argv: The arguments (``sys.argv[1:]`` by default).

    Returns:
        The exit status: 0 on success.
    """
    parser = argparse.ArgumentParser(
        description="Draw an SVG screenshot of the reader on the bundled article."
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="the SVG to write (docs/reader.svg)"
    )
    parser.add_argument(
        "--size",
        type=parse_size,
        default=DEFAULT_SIZE,
        metavar="WxH",
        help="terminal size in cells (100x30)",
    )
    parser.add_argument("--theme", default=None, help="a Textual theme (the reader's default)")
    parser.add_argument(
        "--term", default=DEFAULT_TERM, help=f"hanja of the term to show ({DEFAULT_TERM})"
    )
    args = parser.parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # draw this checkout's reader, even if not installed
    with private_user_dirs():
        try:
            written = asyncio.run(take_screenshot(args.out, args.size, args.theme, args.term))
        except ValueError as exc:
            parser.error(str(exc))
    print(f"wrote {written} ({written.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
