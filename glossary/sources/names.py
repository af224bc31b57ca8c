"""Names and titles from outside (file names, arguments, page titles), safe to print and store.

A file may be called ``a\\x1b[31mb.txt``: printed raw, the name would turn the terminal red
(or set its title, or clear it). :func:`printable` shows such characters as escapes;
:func:`clean_title` replaces them in a title that is stored.
"""

from __future__ import annotations

import functools
import re

# What a name or a title must not show raw: C0 and C1 controls, DEL, and the Unicode line
# and paragraph separators (a terminal would act on them).
_UNPRINTABLE = "[\x00-\x1f\x7f-\x9f\u2028\u2029]"
_SURROGATES = "[\ud800-\udfff]"
_TITLE_BREAKS = "[\t\n\x0b\x0c\r\x1c-\x1e\x85\u2028\u2029]+"
_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


@functools.cache
def compiled(pattern: str) -> re.Pattern[str]:
    """A regular expression, compiled on first use and kept: `import glossary` compiles none.

    Args:
        pattern: The expression (flags inline, as ``(?m)``).

    Returns:
        The compiled expression.
    """
    return re.compile(pattern)


def clean_title(title: str) -> str:
    """A title fit to store and show: on one line, without control characters.

    Tabs and line breaks become a space; every other control character (ESC, BEL, DEL,
    C1...) and each lone surrogate becomes U+FFFD.

    Args:
        title: A title from a text, a page or a file name.

    Returns:
        The title, unchanged when it has nothing to replace.
    """
    if compiled(_TITLE_BREAKS).search(title) is not None:
        title = compiled(_TITLE_BREAKS).sub(" ", title).strip()
    if compiled(_UNPRINTABLE).search(title) is not None:
        title = compiled(_UNPRINTABLE).sub("\ufffd", title)
    if compiled(_SURROGATES).search(title) is not None:
        title = compiled(_SURROGATES).sub("\ufffd", title)
    return title


def printable(name: str) -> str:
    """A file name (or any text from outside) as it may be printed on a terminal and stored.

    Control characters are shown as escapes (ESC as ``\\x1b``, tab as ``\\t``, U+2028
    as ``\\u2028``), so that a name cannot move the cursor, change colours or the window
    title; bytes that are not UTF-8 (surrogate escapes) become U+FFFD. Everything else,
    hangul and hanja included, stays as it is.

    Args:
        name: The name, as the operating system gave it.

    Returns:
        The name, unchanged when it holds nothing to escape.
    """
    if compiled(_SURROGATES).search(name) is not None:
        try:
            name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        except UnicodeEncodeError:  # A surrogate no byte stands for: not from the system.
            name = compiled(_SURROGATES).sub("\ufffd", name)
    if compiled(_UNPRINTABLE).search(name) is None:
        return name
    return compiled(_UNPRINTABLE).sub(_escape, name)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    special = _SHORT_ESCAPES.get(char)
    if special is not None:
        return special
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# A first line longer than this is a paragraph, not a headline: its first sentence is the
# title, or its first words.
_HEADLINE = 120


def title_of(text: str, fallback: str) -> str:
    """A text's title: a first ``# heading``, else its first headline-like line.

    Args:
        text: The text (newlines normalised).
        fallback: The title when no line looks like one (the file's name).

    Returns:
        The title (not yet cleaned of control characters).
    """
    seen = 0
    for line in text.split("\n", 40)[:40]:
        line = line.strip()
        if not line:
            continue
        if not seen and line.startswith("#") and line.lstrip("#").strip():
            return line.lstrip("#").strip()[:200]  # a Markdown-style heading: # 제목
        if len(line) >= 15:
            return _headline(line)
        seen += 1
        if seen >= 10:
            break
    return fallback


def _headline(line: str) -> str:
    """A line as a title: whole when headline-sized, else its first sentence or words."""
    if len(line) <= _HEADLINE:
        return line
    for end in (". ", "다. ", "? ", "! ", "。"):
        cut = line.find(end, 15, _HEADLINE)
        if cut > 0:
            return line[: cut + len(end)].strip()
    return line[: _HEADLINE - 1].rsplit(" ", 1)[0] + "…"
