"""Drawing the readings put in after hanja: Sino-Korean readings and pinyin coloured by tone."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual.widget import Widget

from glossary import Term
from reader.layout import Display
from reader.put_in import Inserted, put_in


def inserted_segments(
    display: Display,
    inserted: Inserted,
    term: Term,
    start: int,
    end: int,
    *,
    base: Style,
    syllable: Callable[[int], Style],
) -> list[Segment]:
    """The part of one insertion that a line shows, each piece in its style.

    The pieces are made again from the term (as the place reads it), as
    :func:`reader.layout.build_display` made them (only the lines in view are ever drawn); a
    space after the bracket is plain text.

    Args:
        display: The shown text.
        inserted: The insertion.
        term: Its term.
        start: Where the line's part of it starts (shown offset, inside the insertion).
        end: Where it ends.
        base: The style of plain text there (brackets, spaces, the Sino-Korean reading).
        syllable: The style of a pinyin syllable of a tone (0: no tone number).

    Returns:
        Segments covering ``display.text[start:end]``.
    """
    text = display.text
    term = display.placed.get(inserted.start, term)  # 为 wéi where its term reads wèi
    pieces = put_in(
        term, korean=display.korean, pinyin=display.pinyin_shown, bracketed=inserted.bracketed
    )
    segments: list[Segment] = []
    at = inserted.start
    for piece in pieces:
        piece_end = at + len(piece.text)
        a, b = max(at, start), min(piece_end, end)
        if b > a:
            style = syllable(piece.tone) if piece.role == "pinyin" else base
            segments.append(Segment(text[a:b], style))
        at = piece_end
    a = max(at, start)
    if end > a:  # The space after a bracket (or anything the pieces did not cover).
        segments.append(Segment(text[a:end], base))
    return segments


def between(
    display: Display, terms: Sequence[Term], start: int, end: int, styles: SyllableStyles
) -> list[tuple[int, int, list[Segment]]]:
    """The insertions a stretch of a line (between places) shows, drawn.

    Args:
        display: The shown text.
        terms: The glossary's terms.
        start: Where the stretch starts (shown offset).
        end: Where it ends.
        styles: The styles of pinyin syllables.

    Returns:
        (start, end, segments) of each insertion's part in the stretch, in order.
    """
    if not display.inserted:
        return []
    drawn = []
    for inserted in display.inserted_between(start, end):
        a, b = max(inserted.start, start), min(inserted.end, end)
        segments = inserted_segments(
            display,
            inserted,
            terms[inserted.term],
            a,
            b,
            base=styles.view.rich_style,
            syllable=styles.style,
        )
        drawn.append((a, b, segments))
    return drawn


class SyllableStyles:
    """The styles of pinyin syllables put in after bare words, by tone, made on first use.

    Italic (``term--pinyin``) in the tone's colour of the palette: the colours are made
    readable on ``$surface``, the article's background (:func:`reader.tones.tone_variables`).

    Args:
        view: The article view (its styles and the app's theme variables).
    """

    def __init__(self, view: Widget) -> None:
        self.view = view
        self.palette = "none"
        self._styles: dict[int, Style] = {}

    def set_palette(self, palette: str) -> bool:
        """Use another tone palette.

        Args:
            palette: A name from ``reader.tones.PALETTES``, or ``"none"``.

        Returns:
            Whether it changed.
        """
        if palette == self.palette:
            return False
        self.palette = palette
        self._styles.clear()
        return True

    def clear(self) -> None:
        """Forget the styles made (the theme changed)."""
        self._styles.clear()

    def style(self, tone: int) -> Style:
        """The style of a syllable.

        Args:
            tone: 1 to 5, or 0 for a syllable without a tone number.

        Returns:
            The Rich style.
        """
        style = self._styles.get(tone)
        if style is None:
            view = self.view
            style = view.rich_style + view.get_visual_style("term--pinyin").rich_style
            variables: dict[str, str] = getattr(view.app, "theme_variables", {})
            colour = variables.get(f"tone-{self.palette}-{tone}")
            if colour:
                style += Style(color=colour)
            self._styles[tone] = style
        return style
