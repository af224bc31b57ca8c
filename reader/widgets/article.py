"""ArticleView: the document wrapped by cells with the Line API, every term a hoverable span."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from glossary import Document, Glossary, Suggestion, Term
from reader.article_layout import ArticleLayout
from reader.layout import Display, Place, same_places
from reader.status import Status, StatusStore
from reader.widgets.article_input import ArticleInput, Hover
from reader.widgets.inline import SyllableStyles
from reader.widgets.lines import LineBuilder
from reader.wrapping import Lines

if TYPE_CHECKING:
    from reader.widgets.find_bar import Found


class ArticleView(ArticleInput, ScrollView, can_focus=True):
    """The document as wrapped lines; terms and mentions are spans that carry their index."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "term",
        "term--hover",
        "term--current",
        "term--mention",
        "term--uncertain",
        "term--transcription",
        "term--sino",
        "term--translation",
        "term--mixed",
        "term--bare",
        "term--learning",
        "term--known",
        "term--ignored",
        "term--pinyin",
        "term--suggested",
        "term--found",
        "term--found-current",
    }

    # The lines are built by render_line, which Textual's text selection cannot read back:
    # a drag would select nothing or the wrong text. Copying is by term (c, C, ctrl+c).
    ALLOW_SELECT: ClassVar[bool] = False

    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        color: $foreground;
        padding: 0 1;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        /* Kinds differ by their background; the text on it is black or white ($text). */
        & > .term--transcription { color: $text; background: $primary-muted; }
        & > .term--sino { color: $text; background: $success-muted; }
        & > .term--translation { color: $text; background: $warning-muted; }
        & > .term--mixed { color: $text; background: $secondary-muted; }
        & > .term--bare { color: $text; background: $error-muted; }
        & > .term--mention { background: $surface 50%; text-style: underline; }
        /* A mention that may be another word (a guess): fainter still, and slanted. */
        & > .term--uncertain { background: $surface 80%; text-style: italic underline; }
        & > .term--learning { text-style: bold; }
        & > .term--known { color: $text-muted; background: $surface; text-style: none; }
        & > .term--ignored { color: auto 45%; background: $surface; text-style: none; }
        & > .term--pinyin { text-style: italic; }
        & > .term--suggested { color: $text-muted; text-style: italic underline; }
        /* Solid highlights, current in reverse; "auto 100%": "auto" keeps the alpha below. */
        & > .term--current { color: auto 100%; background: $foreground; text-style: bold; }
        & > .term--hover { color: auto 100%; background: $accent-lighten-1; }
        &:light > .term--hover { background: $accent-darken-2; }
        /* ANSI colours do not blend: coloured text on dark terminals, blocks on light. */
        &:ansi {
            & > .term--transcription { color: ansi_blue; background: ansi_default; }
            & > .term--sino { color: ansi_green; background: ansi_default; }
            & > .term--translation { color: ansi_yellow; background: ansi_default; }
            & > .term--mixed { color: ansi_cyan; background: ansi_default; }
            & > .term--bare { color: ansi_red; background: ansi_default; }
            & > .term--known, & > .term--ignored { color: ansi_default; background: ansi_default; }
            & > .term--uncertain { color: ansi_default; background: ansi_default; }
            & > .term--current { color: ansi_black; background: ansi_bright_white; }
            & > .term--hover { color: ansi_black; background: ansi_bright_yellow; }
        }
        &:ansi:light {
            & > .term--transcription { color: ansi_black; background: ansi_bright_blue; }
            & > .term--sino { color: ansi_black; background: ansi_bright_green; }
            & > .term--translation { color: ansi_black; background: ansi_bright_yellow; }
            & > .term--mixed { color: ansi_black; background: ansi_bright_cyan; }
            & > .term--bare { color: ansi_black; background: ansi_bright_red; }
            & > .term--current { color: ansi_bright_white; background: ansi_black; }
            & > .term--hover { color: ansi_black; background: ansi_bright_magenta; }
        }
    }
    /* Matches of the find bar (ctrl+f), painted over whatever the text is drawn with. */
    ArticleView {
        & > .term--found { color: auto 100%; background: $warning 45%; }
        & > .term--found-current { color: auto 100%; background: $warning; text-style: bold; }
        &:ansi > .term--found { color: ansi_black; background: ansi_yellow; }
        &:ansi > .term--found-current { color: ansi_bright_white; background: ansi_red; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # k is the read screen's (Sino-Korean readings); j stays for a line down.
        Binding("up", "scroll_up", "Up", tooltip="Scroll up a line", id="line-up", show=False),
        Binding(
            "down,j",
            "scroll_down",
            "Down",
            tooltip="Scroll down a line",
            id="line-down",
            show=False,
        ),
        Binding(
            "pageup", "page_up", "Page up", tooltip="Scroll up a page", id="page-up", show=False
        ),
        Binding(
            "pagedown,space",
            "page_down",
            "Page down",
            tooltip="Scroll down a page",
            id="page-down",
            show=False,
        ),
        Binding("home", "scroll_home", "Top", tooltip="Go to the top", id="top", show=False),
        Binding("end", "scroll_end", "End", tooltip="Go to the end", id="end", show=False),
    ]

    HELP = """
## The article

Every glossed term is coloured by the kind of its gloss: **transcription** (the
Mandarin sound), **Sino-Korean** reading, **translation**, **mixed**, or **bare** hanja.
Underlined words are later mentions of a term without its hanja. Known terms fade.

Hover any term, or any hanja, to see its card. `n` and `p` walk the terms by keyboard;
`enter` pins the card in the side panel and `escape` hides it. The arrows, `j`,
`space` and the page keys scroll.
"""

    hovered_term: reactive[int | None] = reactive(None, repaint=False, init=False)
    """The term under the pointer."""
    current_term: reactive[int | None] = reactive(
        None, repaint=False, init=False, always_update=True
    )
    """The term chosen by keyboard (``n``, ``p``, the glossary table, the look-up box)."""
    show_simplified: reactive[bool] = reactive(False, repaint=False, init=False)
    """Show simplified forms in place of the hanja."""
    show_pinyin: reactive[bool] = reactive(False, repaint=False, init=False)
    """Show pinyin after the hanja."""
    show_korean: reactive[bool] = reactive(False, repaint=False, init=False)
    """Show the Sino-Korean reading after the hanja (大韓民國(대한민국))."""

    class HoverChanged(Message):
        """The pointer moved onto something else (a place, a character, or nothing)."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

        def can_replace(self, message: Message) -> bool:
            """Only the latest hover matters."""
            return isinstance(message, ArticleView.HoverChanged)

    class CurrentTermChanged(Message):
        """The keyboard's current term changed (or was chosen again)."""

        def __init__(self, view: ArticleView, term: int | None) -> None:
            super().__init__()
            self.view = view
            self.term = term

    class SuggestionClicked(Message):
        """A word with suggested hanja (an unglossed transcription) was clicked."""

        def __init__(self, view: ArticleView, suggestion: int) -> None:
            super().__init__()
            self.view = view
            self.suggestion = suggestion

    class Scrolled(Message):
        """The view scrolled or re-wrapped, so anything anchored to the text must move."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

        def can_replace(self, message: Message) -> bool:
            """Only the latest position matters."""
            return isinstance(message, ArticleView.Scrolled)

    def __init__(
        self,
        document: Document,
        statuses: StatusStore,
        *,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's name for it
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        # Terms carry meta, which Rich gives a link id: with auto links on, every move onto
        # another term would repaint the whole view to highlight a "link".
        self.set_reactive(ArticleView.auto_links, False)
        self.document = document
        self.statuses = statuses
        self.terms: tuple[Term, ...] = ()
        self.suggestions: tuple[Suggestion, ...] = ()
        self.text_layout = ArticleLayout.build(document.text, (), width=0)
        self.hover: Hover | None = None
        # False once a key chose the current term: the card then shows the current term,
        # not a preview of what a still pointer happens to rest on, until the pointer moves.
        self.hover_preview = True
        self.current_place: int | None = None
        self._center_next = False
        # Built lines, each with the version of every term it draws: a term's version goes
        # up when its look changes (hover, current, status), so a line kept from before
        # is never shown stale, and no change has to look at lines out of view.
        self._strips: LRUCache[int, tuple[Strip, tuple[tuple[int, int], ...]]] = LRUCache(1024)
        self._versions: dict[int, int] = {}
        self.found: Found | None = None  # the find bar's matches, painted over the lines
        self.syllables = SyllableStyles(self)  # pinyin put in after bare words

    @property
    def display_text(self) -> Display:
        """The shown text."""
        return self.text_layout.display

    @property
    def places(self) -> tuple[Place, ...]:
        """Every highlighted span, in text order."""
        return self.text_layout.places

    @property
    def lines(self) -> Lines:
        """The wrapped lines."""
        return self.text_layout.lines

    # ----------------------------------------------------------------- layout

    def set_glossary(self, glossary: Glossary, *, finish: bool = False) -> None:
        """Show a glossary's document with its terms highlighted.

        Args:
            glossary: The glossary (its document replaces the one shown).
            finish: It is the complete glossary of the outline shown: the text is laid out
                again only when readings are put in it (blank till now) or places differ.
        """
        old = (self.terms, self.suggestions)
        if finish and same_places(*old, glossary.terms, glossary.suggestions):
            self.document, self.terms = glossary.document, glossary.terms
            if self.show_simplified or self.show_pinyin or self.show_korean:
                self._relayout()
            return
        same_text = glossary.document.text == self.document.text
        top = self.text_layout.document_offset_of_line(int(self.scroll_y)) if same_text else 0
        self.document = glossary.document
        self.terms = glossary.terms
        self.suggestions = glossary.suggestions
        self.current_place = None
        self.set_reactive(ArticleView.hovered_term, None)
        self.set_reactive(ArticleView.current_term, None)
        self._relayout(top)

    def relayout(self) -> None:
        """Lay the text out again (after its modes were set without their watchers)."""
        self._relayout()

    def _relayout(self, top: int | None = None) -> None:
        """Lay the text out again, keeping ``top`` (a document offset) at the top."""
        if top is None:
            top = self.text_layout.document_offset_of_line(int(self.scroll_y))
        current = None if self.current_place is None else self.places[self.current_place]
        self.hover = None
        self.text_layout = ArticleLayout.build(
            self.document.text,
            self.terms,
            width=self.scrollable_content_region.width,
            simplified=self.show_simplified,
            pinyin=self.show_pinyin,
            korean=self.show_korean,
            previous=self.text_layout,
            suggestions=self.suggestions,
        )
        if current is not None:
            self.current_place = self.text_layout.place_starting_at(current.text_start)
        self._laid_out(top)

    def _laid_out(self, top: int) -> None:
        """Size the scroll area to the lines, scroll ``top`` to the top, repaint."""
        self.virtual_size = Size(self.lines.width, len(self.lines))
        self._strips.clear()
        self.scroll_to(
            y=self.text_layout.line_of_document_offset(top), animate=False, immediate=True
        )
        self.refresh()
        self.post_message(self.Scrolled(self))

    def _wrap_first(self, width: int) -> None:
        """Wrap the text the first time the view has a width (at the top, nothing to keep).

        The first frame is drawn before the first ``Resize`` is handled: wrapping here, when
        that frame asks for its lines, puts the text in it instead of a blank view.
        """
        self.text_layout = self.text_layout.rewrap(width)
        self.virtual_size = Size(self.lines.width, len(self.lines))

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap to the new width, keeping the same text at the top and the current term in view.

        The current term stays in view whatever the new size (a card or the panel shows it).
        """
        width = self.scrollable_content_region.width
        # The first frame wraps the text already; a change of height alone needs no wrap.
        if width > 0 and width != self.lines.width:
            top = self.text_layout.document_offset_of_line(int(self.scroll_y))
            self.text_layout = self.text_layout.rewrap(width)
            self._laid_out(top)
        if self.current_place is not None and self.lines:
            self._scroll_to_place(self.current_place)
            self.post_message(self.Scrolled(self))

    def notify_style_update(self) -> None:
        """Forget rendered lines when the theme or styles change."""
        super().notify_style_update()
        self._strips.clear()
        self.syllables.clear()

    def set_tone_palette(self, palette: str) -> None:
        """Colour the pinyin put in after bare words with another tone palette.

        Args:
            palette: A name from ``reader.tones.PALETTES``, or ``"none"``.
        """
        if self.syllables.set_palette(palette) and self.display_text.pinyin_shown:
            self._strips.clear()
            self.refresh()

    def watch_show_simplified(self) -> None:
        """Lay the text out again with or without simplified forms."""
        self._relayout()

    def watch_show_pinyin(self) -> None:
        """Lay the text out again with or without pinyin."""
        self._relayout()

    def watch_show_korean(self) -> None:
        """Lay the text out again with or without Sino-Korean readings."""
        self._relayout()

    # -------------------------------------------------------------- rendering

    def render_line(self, y: int) -> Strip:
        """Render one line of the view (only visible lines are ever built).

        Args:
            y: The line's row in the view.

        Returns:
            The line as a strip as wide as the view.
        """
        width = self.scrollable_content_region.width
        if self.lines.width == 0 and width > 0:
            self._wrap_first(width)
        line = int(self.scroll_y) + y
        if line >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        cached = self._strips.get(line)
        if cached is not None:
            strip, versions = cached
            if strip.cell_length == width and all(
                self._versions.get(term, 0) == version for term, version in versions
            ):
                return strip
        strip = self.build_line(line).crop_extend(0, width, self.rich_style)
        start, end = self.lines.starts[line], self.lines.ends[line]
        terms = {self.places[i].term for i in self.text_layout.places_between(start, end)}
        self._strips[line] = (strip, tuple((t, self._versions.get(t, 0)) for t in terms))
        return strip

    def build_line(self, line: int) -> Strip:
        """One wrapped line, as :meth:`~reader.widgets.lines.LineBuilder.build` builds it."""
        return LineBuilder(self).build(line)

    def place_classes(self, index: int) -> tuple[str, ...]:
        """The component classes a place is drawn with, in the order they apply.

        Args:
            index: Index into ``places``.

        Returns:
            ``term``, its kind, ``term--mention`` for mentions (and ``term--uncertain``
            for those that may be another word), its study status, then ``term--current``
            and ``term--hover`` when they apply.
        """
        place = self.places[index]
        classes = ["term", f"term--{self.terms[place.term].kind}"]
        if place.mention:
            classes.append("term--mention")
            if place.uncertain:
                classes.append("term--uncertain")
        status = self.status_of(place.term)
        if status != "new":
            classes.append(f"term--{status}")
        if place.term == self.current_term:
            classes.append("term--current")
        if place.term == self.hovered_term:
            classes.append("term--hover")
        return tuple(classes)

    def uncertain_at(self, index: int | None) -> bool:
        """Whether a place is a mention whose hangul may be another word there (a guess).

        Args:
            index: Index into ``places``, or None.

        Returns:
            True for such a mention; False for any other place, or none.
        """
        return index is not None and 0 <= index < len(self.places) and self.places[index].uncertain

    def status_of(self, term: int) -> Status:
        """The study status of a term.

        Args:
            term: The term's index.

        Returns:
            Its status.
        """
        return self.statuses.get(self.terms[term].key)

    # ---------------------------------------------------------------- repaint

    def refresh_term(self, *terms: int | None) -> None:
        """Repaint terms whose look changed: only the visible lines that show them.

        Work is bounded by the lines in view, not by the document: the places in view are
        found by bisection, and lines out of view built before are dropped when next drawn
        (the terms' versions go up).

        Args:
            terms: The terms' indexes (None is skipped).
        """
        changed = {term for term in terms if term is not None}
        if not changed:
            return
        for term in changed:
            self._versions[term] = self._versions.get(term, 0) + 1
        top = int(self.scroll_y)
        bottom = min(top + self.scrollable_content_region.height, len(self.lines))
        if top >= bottom:
            return
        layout = self.text_layout
        for index in layout.places_between(self.lines.starts[top], self.lines.ends[bottom - 1]):
            if self.places[index].term in changed:
                first, last = layout.line_span(index)
                for line in range(max(first, top), min(last, bottom - 1) + 1):
                    self.refresh_line(line)

    def show_found(self, found: Found | None) -> None:
        """Paint the find bar's matches (None: none), repainting the lines in view.

        Args:
            found: The matches and the current one.
        """
        self.found = found
        self._strips.clear()
        self.refresh()

    def _refresh_one(self, line: int) -> None:
        self._strips.discard(line)
        self.refresh_line(line)

    def validate_hovered_term(self, term: int | None) -> int | None:
        """Only a term of the glossary can be hovered."""
        return term if term is not None and 0 <= term < len(self.terms) else None

    def validate_current_term(self, term: int | None) -> int | None:
        """Clamp the current term to the glossary."""
        if term is None or not self.terms:
            return None
        return max(0, min(term, len(self.terms) - 1))

    def watch_hovered_term(self, old: int | None, new: int | None) -> None:
        """Repaint the places of the term left and of the term entered."""
        self.refresh_term(old, new)

    def watch_current_term(self, old: int | None, new: int | None) -> None:
        """Repaint, bring the current place into view and tell the screen."""
        if new is None:
            self.current_place = None
        elif self.current_place is None or self.places[self.current_place].term != new:
            self.current_place = self.text_layout.first_place_of(new)
        self.refresh_term(old, new)
        if self.current_place is not None:
            self._scroll_to_place(self.current_place, center=self._center_next)
        self._center_next = False
        self.post_message(self.CurrentTermChanged(self, new))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scroll, then look again at what is under a still pointer."""
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self.post_message(self.Scrolled(self))
            self.call_after_refresh(self.recheck_pointer)
