"""Pinyin coloured by tone, with the tone palettes the reader can switch between."""

from __future__ import annotations

from types import MappingProxyType

from textual.color import Color
from textual.content import Content

# Colours for tones 1-5 (the fifth is the neutral tone): "mdbg" follows the red / orange /
# green / blue / grey scheme of the MDBG dictionary; "pleco" is close to Pleco's red /
# green / blue / purple / grey. These are the hues; each theme gets them lightened or
# darkened until they read at 4.5:1 on its cards and panel (see tone_variables).
PALETTES: MappingProxyType[str, tuple[str, str, str, str, str]] = MappingProxyType(
    {
        "mdbg": ("#e53935", "#f08c00", "#2f9e44", "#3b82f6", "#8a8a8a"),
        "pleco": ("#e53935", "#2f9e44", "#3b82f6", "#b15fd6", "#8a8a8a"),
    }
)
NO_PALETTE = "none"
PALETTE_ORDER: tuple[str, ...] = (*PALETTES, NO_PALETTE)

# WCAG's contrast for normal text.
READABLE = 4.5


def tone_of(numbered: str) -> int | None:
    """The tone of one numbered pinyin syllable.

    Args:
        numbered: A syllable such as ``deng4`` (``3`` alone is a digit, not a syllable).

    Returns:
        1 to 5, or None when the text is not a numbered syllable.
    """
    from glossary.dictionary.lookup import numbered_tone  # The one reading of tone numbers.

    return numbered_tone(numbered)


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
        parts.append((syllable, tone_style(palette, tone)) if tone else syllable)
    return Content.assemble(*parts)


def tone_style(palette: str, tone: int) -> str:
    """The style of a tone's colour: a theme variable that :func:`tone_variables` sets.

    Args:
        palette: A name from ``PALETTES``.
        tone: 1 to 5.

    Returns:
        A style such as ``$tone-mdbg-4``.
    """
    return f"$tone-{palette}-{tone}"


def contrast(first: Color, second: Color) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 to 21).

    Args:
        first: A colour.
        second: Another.

    Returns:
        The ratio, lighter over darker.
    """

    def luminance(colour: Color) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: Color, backgrounds: tuple[Color, ...], ratio: float = READABLE) -> Color:
    """The colour, lightened (on dark backgrounds) or darkened until it reads on all of them.

    Args:
        colour: The hue wanted.
        backgrounds: Opaque backgrounds it is drawn on (of one theme: all dark or all light).
        ratio: The contrast to reach.

    Returns:
        The nearest colour of that hue that reaches ``ratio`` (white or black at worst).
    """
    if all(contrast(colour, b) >= ratio for b in backgrounds):
        return colour
    dark = sum(b.brightness for b in backgrounds) / len(backgrounds) < 0.5
    for step in range(1, 21):
        shade = colour.lighten(step * 0.04) if dark else colour.darken(step * 0.04)
        if all(contrast(shade, b) >= ratio for b in backgrounds):
            return shade
    return Color(255, 255, 255) if dark else Color(0, 0, 0)


def tone_variables(*backgrounds: Color) -> dict[str, str]:
    """Theme variables for every palette's tone colours, readable on the given backgrounds.

    Args:
        backgrounds: The backgrounds of the theme that tone colours are drawn on.

    Returns:
        ``{"tone-mdbg-1": "#...", ...}``.
    """
    return {
        f"tone-{name}-{tone}": readable(Color.parse(hue), backgrounds).hex
        for name, hues in PALETTES.items()
        for tone, hue in enumerate(hues, 1)
    }
