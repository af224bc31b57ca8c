"""The read screen: the article, its card and side panel, and the reader's keys."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from glossary import Document, Glossary, Suggestion, Term, is_hanja
from reader.building import explain_one
from reader.put_in import korean_reading
from reader.screens.read_bindings import READ_BINDINGS
from reader.screens.read_dialogs import NO_CURRENT, ReadDialogs
from reader.status import StatusStore, StoredStatusBook, TermKey, as_status
from reader.term_info import suggestion_card, term_card
from reader.tones import PALETTE_ORDER, next_palette
from reader.widgets import ArticleView, TermCard, TermPanel
from reader.widgets.card import CARD_TEXT_WIDTH
from reader.widgets.panel import PANEL_TEXT_WIDTH

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from glossary import Enricher
    from glossary.dictionary.lookup import Reading
    from reader.widgets.footer import ReaderFooter

# From this many columns on, the side panel shows beside the article.
WIDE = 100
ALSO_WORDS = 2  # Shorter words a card lists under a bare word (才 under 才能).
ALSO_READINGS = 2  # Other readings a card lists under a word (为 wéi under wèi).


class ReadScreen(ReadDialogs, Screen[None]):
    """Composes the article, the floating card, the side panel and the status line."""

    BINDINGS: ClassVar[list[BindingType]] = list(READ_BINDINGS)

    HELP = """
## hanja-reader

Hover a term, or walk the terms with `n` and `p`, to see its card: the hanja,
traditional and simplified forms, pinyin coloured by tone, the Sino-Korean reading,
each character's 훈음 and the kind of gloss. A run of hanja (a Chinese quotation, a
Chinese article) is read word by word: each word is a term, and its card shows the
whole run it stands in.

**The current term.** One term is current: it is highlighted in the text and named in
the status line (and in the panel or its card). `n`, `p`, a click, the look-up box and
the glossary table choose it. Hovering only *previews* a card: it never changes what a
key acts on. Marks, notes and pinning always act on the current term.

- `]` and `[` go to the next and previous place of the current term, `'` to where it is
  glossed; the card shows the sentence where it is glossed
- `enter` pins the current term's card in the side panel, `escape` hides it
- `/` looks up hangul, hanja or pinyin (with or without tones)
- `ctrl+f` searches the text as shown for any string: `enter` or `↓` the next match,
  `↑` the previous, `escape` closes (searching never changes the current term)
- `s` simplified forms, `y` pinyin in the text, `k` the Sino-Korean reading after each
  hanja word (大韓民國(대한민국)), `t` tone colours
- `1` new, `2` learning, `3` known, `4` ignored: the current term's study mark
- `c` copies the current term's hanja, `C` a line with its hanja, hangul, pinyin,
  Sino-Korean reading and meaning (tab-separated)
- `a` adds this article to your glossary, `x` exports your glossary (Anki, TSV, CSV...)
- `g` the glossary table, `o` another file, `q` quit
"""

    class Shown(Message):
        """The screen is up: its first frame has gone out, its header and footer are in.

        The app waits for this before it starts slow background work (the glossary), so
        that work does not hold up the first frame.
        """

    class OpenRequested(Message):
        """The user asked to open a file (the app opens it in a worker)."""

        def __init__(self, path: str) -> None:
            super().__init__()
            self.path = path

    busy: reactive[str] = reactive("", init=False)
    """What the reader is doing in the background, shown in the status line."""
    palette: reactive[str] = reactive(PALETTE_ORDER[0], init=False)
    """The tone palette of cards and panel."""

    def __init__(
        self, document: Document, statuses: StatusStore, enricher: Callable[[], Enricher]
    ) -> None:
        super().__init__()
        self.document = document
        self.statuses = statuses
        self._enricher = enricher
        self.glossary: Glossary | None = None
        self.card_follows_current = False
        self.pinned: Term | None = None
        self._explained: dict[str, Term] = {}
        self._readings: dict[tuple[str, str, str], tuple[Reading, ...]] = {}
        # The article's words explained on demand while its glossary is not complete.
        self._filled: dict[int, Term] = {}
        self._keys: frozenset[TermKey] = frozenset()
        self._keys_of: Sequence[Term] | None = None  # The terms ``_keys`` are of.
        self._ready = False
        self._footer: ReaderFooter | None = None

    @property
    def enricher(self) -> Enricher:
        """The app's enricher, made on first use (past the first frame)."""
        return self._enricher()

    def compose(self) -> ComposeResult:
        """Header, article with its side panel, status line, footer; the card floats."""
        # The breakpoint class would come with the first resize, after a first layout
        # without the panel: a long article would be wrapped twice.
        self.set_class(self.app.size.width >= WIDE, "-wide")
        # The header and the footer (a score of key widgets) come just after the first
        # frame, which shows the article at once; slots keep their lines meanwhile, so
        # nothing moves when they come.
        yield Container(id="header-slot")
        with Horizontal(id="body"):
            yield ArticleView(self.document, self.statuses, id="article")
            yield TermPanel(id="panel")
        yield Static("", id="status-line", markup=False)
        yield Container(id="footer-slot")
        yield TermCard(id="card")

    @property
    def article(self) -> ArticleView:
        """The article view."""
        return self.query_one("#article", ArticleView)

    def on_mount(self) -> None:
        """Focus the article; show a glossary that arrived before the screen was up."""
        self._ready = True
        self.article.set_tone_palette(self.palette)
        self.article.focus()
        if self.glossary is not None:
            self.show_glossary(self.glossary)
        self._update_status_line()
        self.call_after_refresh(self._add_chrome)

    async def on_unmount(self) -> None:
        """On quit, save the marks and notes still waiting (a bounded wait while busy)."""
        if isinstance(self.statuses, StoredStatusBook):
            await asyncio.to_thread(self.statuses.close)

    async def _add_chrome(self) -> None:
        """Put the header and footer in their slots once the first frame has gone out."""
        await asyncio.sleep(0)  # let the frame with the article go first
        from textual.widgets import Header  # their modules load after the frame too

        from reader.widgets.footer import NARROW, ROOMY, ReaderFooter

        await self.query_one("#header-slot").mount(Header())
        self._footer = ReaderFooter(compact=True, show_command_palette=self.size.width >= WIDE)
        self._footer.narrow = self.size.width < NARROW
        self._footer.roomy = self.size.width >= ROOMY
        await self.query_one("#footer-slot").mount(self._footer)
        self.refresh_bindings()  # the footer shows the keys when told they changed
        self.post_message(self.Shown())

    def on_resize(self) -> None:
        """Leave the command palette's key out of a narrow footer (ctrl+p still works)."""
        wide = self.size.width >= WIDE
        if self._footer is not None:
            # loaded with the footer, after the frame
            from reader.widgets.footer import NARROW, ROOMY

            self._footer.narrow = self.size.width < NARROW
            self._footer.roomy = self.size.width >= ROOMY
            if self._footer.show_command_palette != wide:
                self._footer.show_command_palette = wide
                # Not a recomposing reactive: without this the old key stays, cut, garbled.
                self._footer.refresh(recompose=True)

    # ------------------------------------------------------------- documents

    def set_busy(self, doing: str, what: str, *, opening: bool = False) -> None:
        """Show what is being done in the status line (and over the article when opening).

        Args:
            doing: A verb phrase (``"Reading"``).
            what: What it is done to.
            opening: A new document is being read: cover the article with a spinner.
        """
        self.busy = f"{doing} {what}…"
        if opening and self._ready:
            self.article.loading = True

    def set_idle(self) -> None:
        """Nothing runs in the background any more."""
        self.busy = ""
        if self._ready:
            self.article.loading = False

    def show_glossary(self, glossary: Glossary, *, finish: bool = False) -> None:
        """Show a document's glossary (a new document replaces the old).

        Args:
            glossary: The glossary.
            finish: It is the complete glossary of the outline shown (see
                :meth:`ReaderApp.finish_glossary`): where the reader is stays as it is.
        """
        self.glossary = glossary
        self.document = glossary.document
        self._filled.clear()
        self._attach_marks(glossary)
        if not self._ready:
            return  # on_mount shows it
        if finish:
            pinned = self.pinned
            if pinned is not None:
                self.pinned = next((t for t in glossary.terms if t.key == pinned.key), None)
        else:
            self.pinned = None
            self.card_follows_current = False
            self.query_one(TermCard).hide()
        self.article.set_glossary(glossary, finish=finish)
        self._update_panel()
        if finish:
            self._sync_card()
        self.set_idle()

    def _attach_marks(self, glossary: Glossary) -> None:
        if isinstance(self.statuses, StoredStatusBook):
            problem = self.statuses.attach(glossary, report=self.app.notify)
            if problem:
                self.notify(problem, severity="warning", markup=False)

    def term_at(self, index: int) -> Term:
        """The article's term at ``index``, explained (on demand while its glossary is not
        complete: a word's term then holds only its hanja and places).

        Args:
            index: The term's index in the article.

        Returns:
            The term.
        """
        term = self.article.terms[index]
        if self.glossary is None or self.glossary.complete or term.hangul:
            return term
        filled = self._filled.get(index)
        if filled is None:
            filled = self._filled[index] = explain_one(self.glossary, term, self.enricher)
        return filled

    def _term_keys(self) -> frozenset[TermKey]:
        """The keys of the article's terms, made once per glossary shown (the status line
        counts the marked among them at every step: twenty thousand keys in a Chinese text)."""
        terms = self.article.terms
        if self._keys_of is not terms:
            self._keys, self._keys_of = frozenset(t.key for t in terms), terms
        return self._keys

    def watch_busy(self) -> None:
        """Refresh the status line."""
        self._update_status_line()

    def watch_palette(self) -> None:
        """Recolour the card, the panel and the pinyin put in the text."""
        if self._ready:
            self.article.set_tone_palette(self.palette)
        self._sync_card()
        self._update_panel()
        self._update_status_line()

    def _update_status_line(self) -> None:
        if not self._ready:
            return
        line = self.query_one("#status-line", Static)
        if self.busy:
            line.update(Content.styled(self.busy, "$text-warning"))
            return
        view = self.article
        terms = len(view.terms)
        marked = self.statuses.marked(self._term_keys())
        places = len(view.places)
        parts: list[str | tuple[str, str]] = []
        if view.current_term is not None:
            current = self.term_at(view.current_term)
            # A bare word has no gloss: its Sino-Korean reading names it (▸ 改革 개혁).
            said = current.hangul or korean_reading(current)
            parts += ["▸ ", (f"{current.hanja} {said}".strip(), "bold"), " · "]
        if self.document.language == "zh":  # A place per word: count words.
            parts += [
                (f"{places:,}", "bold"),
                " word · " if places == 1 else " words · ",
                (f"{terms:,}", "bold"),
                " distinct · ",
            ]
        else:
            parts += [
                (str(terms), "bold"),
                " term · " if terms == 1 else " terms · ",
                (str(places), "bold"),
                " place · " if places == 1 else " places · ",
            ]
        parts += [(str(marked), "bold"), " marked · tones ", (self.palette, "bold")]
        if view.show_simplified:
            parts.append(" · simplified")
        if view.show_pinyin:
            parts.append(" · pinyin")
        if view.show_korean:
            parts.append(" · 한자음")
        suggested = len(self.glossary.suggestions) if self.glossary is not None else 0
        if suggested:
            parts += [" · ", (str(suggested), "bold"), " suggested (u)"]
        parts.append(" · ")
        parts.append(self.document.encoding)  # How the file was decoded (cp949, utf-16...).
        line.update(Content.assemble(*parts).stylize_before("$text-muted"))

    # ---------------------------------------------------------- card & panel

    def _explain(self, hanja: str) -> Term:
        term = self._explained.get(hanja)
        if term is None:
            from glossary.dictionary.lookup import explain  # not needed for the first paint

            term = self._explained[hanja] = explain(hanja, self.enricher)
        return term

    def _other_readings(self, term: Term) -> tuple[Reading, ...]:
        """The word's other readings (为 wéi under wèi), for a word the dictionary explains
        (none while the index is not open)."""
        if not getattr(term, "meanings", ()):
            return ()
        key = (term.traditional, term.simplified, term.pinyin_numbered)
        found = self._readings.get(key)
        if found is None:
            from glossary.dictionary.lookup import other_readings  # not for the first paint

            found = self._readings[key] = other_readings(term)
        return found

    def _as_placed(self, term: Term, place: int | None) -> tuple[Term, tuple[Reading, ...]]:
        """The term as the place reads it (为 wéi in 以…为中心, where the term says wèi), and the
        other readings a card lists under it (at most :data:`ALSO_READINGS`)."""
        readings = self._other_readings(term)
        if place is not None and self.glossary is not None and len(term.hanja) == 1:
            from glossary.dictionary.lookup import read_at_place

            at = self.article.places[place].text_start
            term, readings = read_at_place(term, self.glossary.document.text, at, readings)
        return term, readings[:ALSO_READINGS]

    def _shorter_words(self, term: Term) -> list[Term]:
        """The longest dictionary words shorter than a bare dictionary word that start where
        it starts (才 for 才能): at most :data:`ALSO_WORDS`, longest first. A word CC-CEDICT
        lacks (a name, 刘兆玄) was not joined by longest match: its characters are explained
        one by one already."""
        hanja = term.hanja
        if term.hangul or len(hanja) < 2 or not getattr(term, "meanings", ()):
            return []
        if not all(is_hanja(ch) for ch in hanja):
            return []
        found: list[Term] = []
        for end in range(len(hanja) - 1, 0, -1):
            word = self._explain(hanja[:end])
            if getattr(word, "meanings", ()):
                found.append(word)
                if len(found) == ALSO_WORDS:
                    break
        return found

    def _card_for(
        self, term: Term, width: int, *, brief: bool = False, place: int | None = None
    ) -> Content:
        status = self.statuses.get(term.key) if term.occurrences else None
        note = self.statuses.note(term.key) if term.occurrences else ""
        uncertain = self.article.uncertain_at(place)  # opened from a mention that is a guess
        shown, readings = self._as_placed(term, place)
        return term_card(
            shown,
            palette=self.palette,
            status=status,
            width=width,
            user_note=note,
            brief=brief,
            uncertain=uncertain,
            run=self.article.run_at(place),
            also=self._shorter_words(term),
            readings=readings,
        )

    def _sync_card(self) -> None:
        """Show the card for what the pointer is over, else for the current term."""
        if not self._ready:
            return
        card = self.query_one(TermCard)
        view = self.article
        if card.display and view.hover_preview and self._pointer_on(card):
            return  # Hover intent: a card stays open, as it is, while the pointer is on it.
        term: Term | Suggestion | None = None
        content: Content | None = None
        anchor = None
        title = ""
        place: int | None = None
        hover = view.hover if view.hover_preview else None
        if hover is not None and hover.place is not None:
            place = hover.place
            term, anchor = self.term_at(view.places[place].term), view.anchor_of_hover()
            title = self._place_title(place)
        elif hover is not None and hover.suggestion is not None and self.glossary is not None:
            term = self.glossary.suggestions[hover.suggestion]
            content = suggestion_card(term, palette=self.palette)
            anchor, title = view.anchor_of_hover(), "suggested"
        elif hover is not None and self.glossary is not None:
            char = view.hovered_char()
            if char is not None:
                term, anchor, title = self._explain(char), view.anchor_of_hover(), "look-up"
        elif self.card_follows_current and view.current_term is not None:
            current = self.term_at(view.current_term)
            if self.pinned is not current or not self.query_one(TermPanel).display:
                term, anchor, place = current, view.anchor_of_current(), view.current_place
                title = self._place_title(place)
        if term is None or anchor is None:
            card.hide()
            return
        bounds = view.content_region
        text_width = min(CARD_TEXT_WIDTH, bounds.width - 4)
        if content is None and isinstance(term, Term):
            content = self._card_for(term, text_width, brief=True, place=place)
        card.show_at(term, content or Content(""), anchor, bounds, Content(title))

    def _pointer_on(self, card: TermCard) -> bool:
        """Whether the pointer is over the card now."""
        x, y = self.app.mouse_position
        return self.app.mouse_over is not None and card.region.contains(int(x), int(y))

    def _place_title(self, place: int | None) -> str:
        """A card's title: which place of the text it is, out of all (``3/54``)."""
        if place is None:
            return ""
        return f"{place + 1}/{len(self.article.places)}"

    def _update_panel(self) -> None:
        if not self._ready:
            return
        view = self.article
        term = self.pinned
        if term is None and view.current_term is not None:
            term = self.term_at(view.current_term)
        place = view.current_place if self.pinned is None else None
        content = None if term is None else self._card_for(term, PANEL_TEXT_WIDTH, place=place)
        self.query_one(TermPanel).show_term(term, content, pinned=self.pinned is not None)

    @on(ArticleView.HoverChanged)
    @on(ArticleView.Scrolled)
    def _on_view_moved(self) -> None:
        self._sync_card()

    @on(TermCard.Left)
    def _on_card_left(self) -> None:
        self._sync_card()

    @on(ArticleView.CurrentTermChanged)
    def _on_current_changed(self) -> None:
        self._update_panel()
        self._sync_card()
        self._update_status_line()

    @on(ArticleView.SuggestionClicked)
    def _on_suggestion_clicked(self) -> None:
        self.action_suggestions()

    # --------------------------------------------------------------- actions

    def action_next_term(self) -> None:
        """Go to the next term in the text and show its card."""
        self._keyboard_chose()
        self.article.step(+1)

    def action_previous_term(self) -> None:
        """Go to the previous term in the text and show its card."""
        self._keyboard_chose()
        self.article.step(-1)

    def action_same_term(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) place of the current term.

        Args:
            direction: 1 or -1.
        """
        self._keyboard_chose()
        self.article.step_same_term(direction)

    def action_to_glossed(self) -> None:
        """Go to the place where the current term is glossed (from one of its mentions)."""
        self._keyboard_chose()
        self.article.go_to_glossed()

    def _keyboard_chose(self) -> None:
        """A key chose the current term: its card shows, over any hover preview."""
        self.card_follows_current = True
        self.article.hover_preview = False

    def _target(self) -> int | None:
        """The term keys act on: always the current term, never the one only hovered."""
        return self.article.current_term

    def action_pin(self) -> None:
        """Pin the current term's card in the side panel; again: unpin."""
        index = self._target()
        if index is None:
            self.notify(NO_CURRENT, severity="warning")
            return
        term = self.term_at(index)
        self.pinned = None if self.pinned is term else term
        self.card_follows_current = False
        self._update_panel()
        self._sync_card()

    def action_hide_card(self) -> None:
        """Hide the floating card; when none shows, unpin the side panel."""
        card = self.query_one(TermCard)
        if card.display:
            self.card_follows_current = False
            card.hide()
        elif self.pinned is not None:
            self.pinned = None
            self._update_panel()

    def action_open_file(self) -> None:
        """Ask for a file to open."""
        from reader.screens.open_file import OpenFileScreen  # when first used

        self.app.push_screen(OpenFileScreen(), callback=self._open)

    def _open(self, path: str | None) -> None:
        if path:
            self.post_message(self.OpenRequested(path))

    def _go_to_term(self, index: int | None) -> None:
        if index is not None:
            self.go_to_term(index)

    def go_to_term(self, index: int) -> None:
        """Jump to a term's first glossed place and show its card.

        Args:
            index: The term's index in the glossary.
        """
        self._keyboard_chose()
        self.article.go_to_term(index)

    def action_toggle_simplified(self) -> None:
        """Show simplified forms in the text, or the hanja as written."""
        self.article.show_simplified = not self.article.show_simplified
        self._update_status_line()

    def action_toggle_pinyin(self) -> None:
        """Show pinyin after each term's hanja, or hide it."""
        self.article.show_pinyin = not self.article.show_pinyin
        self._update_status_line()

    def action_toggle_korean(self) -> None:
        """Show the Sino-Korean reading after each hanja word, or hide it."""
        self.article.show_korean = not self.article.show_korean
        self._update_status_line()

    def action_cycle_tones(self) -> None:
        """Switch to the next tone palette (the last is no colour)."""
        self.palette = next_palette(self.palette)

    def action_set_status(self, status: str) -> None:
        """Set the study status of the current term.

        Args:
            status: new, learning, known or ignored.
        """
        index = self._target()
        mark = as_status(status)
        if index is None or mark is None:
            self.notify(NO_CURRENT, severity="warning")
            return
        view = self.article
        self.statuses.set(view.terms[index].key, mark)
        view.refresh_term(index)
        self._update_panel()
        self._sync_card()
        self._update_status_line()
