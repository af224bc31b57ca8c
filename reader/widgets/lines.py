"""Building one line of the article view: plain text, term spans, readings put in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.layout import hanja_in
from reader.widgets.inline import between

if TYPE_CHECKING:
    from reader.widgets.article import ArticleView


class LineBuilder:
    """Builds lines of an article view, each style looked up once.

    A line of Chinese has a place per word: asking the view for a place's style (its
    pseudo-classes, its ancestors' styles) each time was half the time of a line, and a
    hover onto a common word (的) builds every line in view again. Make one per line, or per
    batch of lines drawn together: the styles it keeps are those of that moment.

    Args:
        view: The article view.
    """

    def __init__(self, view: ArticleView) -> None:
        self.view = view
        self._styles: dict[tuple[str, ...], Style] = {}

    def style(self, *classes: str) -> Style:
        """The view's rich style with these component classes (none: the view's own).

        Args:
            classes: Component classes, in the order they apply.

        Returns:
            The style.
        """
        found = self._styles.get(classes)
        if found is None:
            view = self.view
            found = view.get_visual_style(*classes).rich_style if classes else view.rich_style
            self._styles[classes] = found
        return found

    def build(self, line: int) -> Strip:
        """Build one wrapped line: plain text, term spans with their styles and meta.

        Args:
            line: A line number.

        Returns:
            The line's segments (not padded to the width).
        """
        view = self.view
        start, end = view.lines.starts[line], view.lines.ends[line]
        segments: list[Segment] = []
        pos = start
        places = view.places
        for index in view.text_layout.places_between(start, end):
            place = places[index]
            if place.start > pos:
                self._between(segments, pos, place.start)
            pos = min(end, place.end)
            self._term_segments(segments, index, max(start, place.start), pos)
        if pos < end:
            self._between(segments, pos, end)
        if view.found is not None:
            segments = view.found.paint(view, segments, start, end)
        return Strip(segments)

    def _between(self, segments: list[Segment], start: int, end: int) -> None:
        """Text between places: readings put in after bare words, the rest by :meth:`_plain`."""
        view = self.view
        pos = start
        for a, b, drawn in between(view.display_text, view.terms, start, end, view.syllables):
            if a > pos:
                self._plain(segments, pos, a)
            segments += drawn
            pos = b
        if pos < end:
            self._plain(segments, pos, end)

    def _plain(self, segments: list[Segment], start: int, end: int) -> None:
        """Text between terms: suggested words marked, the rest through :meth:`_unmarked`."""
        view = self.view
        pos = start
        for word_start, s_end, index in view.text_layout.suggested_between(start, end):
            s_start, s_end = max(word_start, start), min(s_end, end)
            if s_start > pos:
                self._unmarked(segments, pos, s_start)
            meta = Style.from_meta({"suggestion": index, "from": word_start})
            text = view.display_text.text[s_start:s_end]
            segments.append(Segment(text, self.style("term--suggested") + meta))
            pos = s_end
        if pos < end:
            self._unmarked(segments, pos, end)

    def _unmarked(self, segments: list[Segment], start: int, end: int) -> None:
        """Plain text; each hanja in it carries its offset, so hovering looks it up."""
        view = self.view
        text = view.display_text.text
        base = self.style()
        pos = start
        for at in hanja_in(text, start, end):
            if at > pos:
                segments.append(Segment(text[pos:at], base))
            hovered = view.hover is not None and view.hover.char == at
            style = self.style("term--hover") if hovered else base
            segments.append(Segment(text[at], style + Style.from_meta({"char": at})))
            pos = at + 1
        if pos < end:
            segments.append(Segment(text[pos:end], base))

    def _term_segments(self, segments: list[Segment], index: int, start: int, end: int) -> None:
        """A place's part of the line; readings put in inside its gloss are in italics."""
        view = self.view
        display = view.display_text
        text = display.text
        classes = view.place_classes(index)
        meta = Style.from_meta({"term": view.places[index].term, "at": index})
        style = self.style(*classes) + meta
        pos = start
        for inserted in display.inserted_between(start, end) if display.inserted else ():
            p_start, p_end = max(inserted.start, pos), min(inserted.end, end)
            if p_end > p_start:
                if p_start > pos:
                    segments.append(Segment(text[pos:p_start], style))
                dim = self.style(*classes, "term--pinyin") + meta
                segments.append(Segment(text[p_start:p_end], dim))
                pos = p_end
        if pos < end:
            segments.append(Segment(text[pos:end], style))
