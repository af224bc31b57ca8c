"""Pinyin coloured by tone, with the tone palettes the reader can switch between."""

from __future__ import annotations

import re
from types import MappingProxyType

from textual.content import Content

# Colours for tones 1-5 (the fifth is the neutral tone): "mdbg" follows the red / orange /
# green / blue / grey scheme of the MDBG dictionary; "pleco" is close to Pleco's red /
# green / blue / purple / grey. Mid tones that read on dark and light themes alike.
PALETTES: MappingProxyType[str, tuple[str, str, str, str, str]] = MappingProxyType(
    {
        "mdbg": ("#e53935", "#f08c00", "#2f9e44", "#3b82f6", "#8a8a8a"),
        "pleco": ("#e53935", "#2f9e44", "#3b82f6", "#b15fd6", "#8a8a8a"),
    }
)
NO_PALETTE = "none"
PALETTE_ORDER: tuple[str, ...] = (*PALETTES, NO_PALETTE)

_NUMBERED = re.compile(r"^[a-zü:v]+([1-5])$", re.IGNORECASE)


def tone_of(numbered: str) -> int | None:
    """The tone of one numbered pinyin syllable.

    Args:
        numbered: A syllable such as ``deng4`` (``3`` alone is a digit, not a syllable).

    Returns:
        1 to 5, or None when the text is not a numbered syllable.
    """
    match = _NUMBERED.match(numbered)
    return int(match.group(1)) if match else None


def next_palette(name: str) -> str:
    """The palette after ``name`` in the cycle (the last wraps to the first).

    Args:
        name: A palette name, or ``"none"``.

    Returns:
        The next name.
    """
    try:
        index = PALETTE_ORDER.index(name)
    except ValueError:
        return PALETTE_ORDER[0]
    return PALETTE_ORDER[(index + 1) % len(PALETTE_ORDER)]


def pinyin_content(marked: str, numbered: str, palette: str) -> Content:
    """Tone-marked pinyin with each syllable in its tone's colour.

    Args:
        marked: Space-separated tone-marked syllables (``dèng xiǎo píng``).
        numbered: The same syllables with tone numbers (``deng4 xiao3 ping2``).
        palette: A name from ``PALETTES``, or ``"none"`` for no colour.

    Returns:
        The pinyin as styled content.
    """
    colours = PALETTES.get(palette)
    syllables = marked.split(" ")
    numbers = numbered.split(" ")
    if colours is None or len(numbers) != len(syllables):
        return Content(marked)
    parts: list[str | tuple[str, str]] = []
    for index, (syllable, number) in enumerate(zip(syllables, numbers, strict=True)):
        if index:
            parts.append(" ")
        tone = tone_of(number)
        parts.append((syllable, colours[tone - 1]) if tone else syllable)
    return Content.assemble(*parts)
