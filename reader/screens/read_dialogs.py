"""The read screen's dialogs, search and clipboard: the keys that open something or copy.

A mixin of :class:`reader.screens.read.ReadScreen`: look-up, the glossary table,
suggestions, the note, adding to and exporting the glossary, the find bar, help, and
copying the current term. What it needs of the screen is declared for the type checker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from glossary import Glossary, Suggestion, Term
from reader.screens.read_bindings import READ_BINDINGS
from reader.status import StatusStore
from reader.term_info import copy_line
from reader.widgets import ArticleView, TermCard, TermPanel

if TYPE_CHECKING:
    from glossary import Enricher

    _ScreenBase = Screen[None]
else:
    _ScreenBase = object

NO_CURRENT = "No current term: press n, or click a term."


class ReadDialogs(_ScreenBase):
    """The read screen's keys that open a dialog, search, show help or copy."""

    if TYPE_CHECKING:
        glossary: Glossary | None

        @property
        def enricher(self) -> Enricher: ...

        palette: str
        statuses: StatusStore

        @property
        def article(self) -> ArticleView: ...

        def _target(self) -> int | None: ...

        def _go_to_term(self, index: int | None) -> None: ...

        def _update_status_line(self) -> None: ...

        def _update_panel(self) -> None: ...

        def _sync_card(self) -> None: ...

        def term_at(self, index: int) -> Term: ...

    async def action_find_text(self) -> None:
        """Open the find bar over the status line (or go back to it) and search the text."""
        from reader.widgets.find_bar import FindBar  # loaded when first used

        bar = next(iter(self.query(FindBar)), None)
        if bar is None:
            bar = FindBar(self.article, id="find-bar")
            await self.mount(bar, before="#status-line")
        bar.open()

    def action_lookup(self) -> None:
        """Open the look-up box."""
        from reader.screens.lookup import LookupScreen  # loaded when first used

        terms = self.glossary.terms if self.glossary is not None else ()
        suggested = self.glossary.suggestions if self.glossary is not None else ()
        self.app.push_screen(
            LookupScreen(terms, self.enricher, self.palette, suggested),
            callback=self._back_from_lookup,
        )

    def _back_from_lookup(self, choice: int | Suggestion | None) -> None:
        """Go to the chosen term, or show where a word with suggested hanja stands."""
        if isinstance(choice, Suggestion):
            self.article.show_offset(choice.places[0].start)
            count = len(choice.places)
            self.notify(
                f"{choice.hangul}: {count} place{'' if count == 1 else 's'}, no hanja in the "
                "text; hover it for the guesses",
                timeout=4,
                markup=False,
            )
        else:
            self._go_to_term(choice)

    def action_glossary(self) -> None:
        """Open the glossary table."""
        if self.glossary is None or not self.glossary.complete:
            self.notify("The glossary is not ready yet.", severity="warning")
            return
        from reader.screens.glossary_table import GlossaryScreen  # when first used

        self.app.push_screen(
            GlossaryScreen(self.glossary.terms, self.statuses, sha=self.glossary.document.sha),
            callback=self._back_from_table,
        )

    def _back_from_table(self, index: int | None) -> None:
        """Marks may have changed in the table: recount them, then go where it was asked."""
        self._update_status_line()
        self._update_panel()
        self._go_to_term(index)

    def action_suggestions(self) -> None:
        """Show the hanja suggested for unglossed transcriptions (guesses, kept apart)."""
        from reader.screens.suggestions import SuggestionsScreen  # when first used

        found = self.glossary.suggestions if self.glossary is not None else ()
        self.app.push_screen(SuggestionsScreen(found))

    def action_edit_note(self) -> None:
        """Write a note on the current term; it is kept in the glossary store."""
        index = self._target()
        if index is None:
            self.notify(NO_CURRENT, severity="warning")
            return
        from reader.screens.note import NoteScreen  # when first used

        term = self.term_at(index)
        title = f"{term.hanja} {term.hangul}".strip()

        def save(note: str | None) -> None:
            if note is None:
                return
            problem = self.statuses.set_note(term.key, note)
            if problem:
                self.notify(problem, severity="warning")
            self._update_panel()
            self._sync_card()

        self.app.push_screen(NoteScreen(title, self.statuses.note(term.key)), callback=save)

    def action_add_to_glossary(self) -> None:
        """Add the open article to your glossary (as ``glossary add`` does), in a worker."""
        from reader.store_actions import add_article  # loaded when first used

        complete = self.glossary is not None and self.glossary.complete
        add_article(self, self.glossary if complete else None)  # Its words still unexplained.

    def action_export(self) -> None:
        """Export your glossary to a file (Anki, TSV, CSV, JSON, Markdown) from a dialog."""
        from reader.screens.export import open_export  # loaded when first used

        open_export(self.app)

    def action_copy_hanja(self) -> None:
        """Copy the current term's hanja to the clipboard."""
        index = self._target()
        if index is None:
            self.notify(NO_CURRENT, severity="warning")
            return
        hanja = self.article.terms[index].hanja
        self.app.copy_to_clipboard(hanja)
        self.notify(f"Copied {hanja}", timeout=2, markup=False)

    def action_scroll_card(self, lines: int) -> None:
        """Scroll the floating card (when it has more than it shows), else the panel.

        Args:
            lines: Lines to move down (negative: up).
        """
        card = self.query_one(TermCard)
        if card.display and card.overflowing:
            card.scroll_lines(lines)
        else:
            self.query_one(TermPanel).scroll_relative(y=lines, animate=False)

    def action_show_help(self) -> None:
        """Show every key, the current-term rule and what the colours mean."""
        from textual.style import Style

        from reader.screens.help import LEGEND, HelpScreen  # loaded when first used

        view = self.article
        styles = {
            name: Style.from_rich_style(view.get_component_rich_style(name))
            for name, _, _ in LEGEND
        }
        keys = [*READ_BINDINGS, *ArticleView.BINDINGS, *self.app.BINDINGS]
        self.app.push_screen(HelpScreen(keys, styles))

    def action_copy_text(self) -> None:
        """``ctrl+c``: copy the text selected (in the panel or a card), else the current hanja."""
        if self.get_selected_text():
            super().action_copy_text()
            self.notify("Copied the selected text", timeout=2)
        else:
            self.action_copy_hanja()

    def action_copy_line(self) -> None:
        """Copy the current term as one tab-separated line: forms, readings and meaning."""
        index = self._target()
        if index is None:
            self.notify(NO_CURRENT, severity="warning")
            return
        line = copy_line(self.term_at(index))
        self.app.copy_to_clipboard(line)
        self.notify("Copied " + line.replace("\t", " · "), timeout=2, markup=False)
