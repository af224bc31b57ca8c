"""LookupScreen: type hangul, hanja or pinyin; pick a result to jump to it in the text."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from glossary import Suggestion, Term
from glossary.dictionary.lookup import search, toneless
from reader.term_info import KIND_NAMES, suggestion_card, term_card

if TYPE_CHECKING:
    from glossary import Enricher

PREVIEW_WIDTH = 56
MAX_RESULTS = 50


def result_prompt(term: Term, in_text: bool) -> Content:
    """One line of the result list: hanja, gloss, pinyin, and whether the text has it.

    Args:
        term: A result.
        in_text: Whether the term is in the open document.

    Returns:
        The option's prompt.
    """
    parts: list[str | tuple[str, str]] = [(term.hanja, "bold")]
    if term.hangul:
        parts += ["  ", term.hangul]
    parts += ["  ", (term.pinyin, "$text-muted")]
    if in_text:
        parts += ["  ", (KIND_NAMES.get(term.kind, term.kind), "italic $text-muted")]
    else:  # Explained from the dictionary: it has no gloss here, nor a kind of gloss.
        parts += ["  ", ("dictionary · not in the text", "italic $text-warning")]
    return Content.assemble(*parts)


def suggestion_prompt(suggestion: Suggestion) -> Content:
    """One line of the result list for a word with suggested hanja (a guess, said so).

    Args:
        suggestion: The word and its candidates.

    Returns:
        The option's prompt.
    """
    best = suggestion.candidates[0]
    places = len(suggestion.places)
    return Content.assemble(
        (suggestion.hangul, "bold"),
        "  ? ",
        (best.hanja, "bold $text-accent"),
        "  ",
        (best.pinyin, "$text-muted"),
        ("  suggested (a guess) · ", "italic $text-warning"),
        (f"{places} place{'' if places == 1 else 's'} in the text", "italic $text-muted"),
    )


def matching_suggestions(
    suggestions: Sequence[Suggestion], query: str, found: Sequence[Term]
) -> list[Suggestion]:
    """The suggested words a query names: by their hangul, a guess's hanja or its pinyin.

    Args:
        suggestions: The glossary's suggestions.
        query: What was typed.
        found: What the look-up found for it (a guess it found counts).

    Returns:
        The matching suggestions, in text order.
    """
    query = unicodedata.normalize("NFC", query).strip()
    if not query:
        return []
    spelled = toneless(query)
    hanja = {term.hanja for term in found}
    matched = []
    for suggestion in suggestions:
        guesses = suggestion.candidates[:3]
        if (
            suggestion.hangul.startswith(query)
            or any(c.hanja in hanja or query in c.hanja for c in guesses)
            or (spelled and any(toneless(c.pinyin) == spelled for c in guesses))
        ):
            matched.append(suggestion)
    return matched


class LookupScreen(ModalScreen[int | Suggestion | None]):
    """A search box over the glossary; dismisses with the chosen term's index, if in the text.

    Words with suggested hanja are found too (by their hangul, a guess's hanja or pinyin);
    choosing one dismisses with the suggestion, so that the reader shows where it stands.
    """

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", tooltip="Close the look-up box", id="lookup-close"),
        Binding(
            "down",
            "focus_results",
            "Results",
            tooltip="Move to the results",
            id="lookup-results",
            show=False,
        ),
    ]

    HELP = """
## Look up

Type hangul (항저우, 항주), hanja (杭州, 杭), or pinyin with or without tones
(hangzhou, háng zhōu, hang2zhou1). `down` moves to the results; `enter` jumps to the
chosen term in the text. Hanja that the text does not gloss are explained on their own.
"""

    def __init__(
        self,
        terms: Sequence[Term],
        enricher: Enricher,
        palette: str,
        suggestions: Sequence[Suggestion] = (),
    ) -> None:
        super().__init__()
        self.terms = tuple(terms)
        self.enricher = enricher
        self.palette = palette
        self.suggestions = tuple(suggestions)
        self.results: list[Term | Suggestion] = []
        self._index = {term.key: i for i, term in enumerate(self.terms)}

    def compose(self) -> ComposeResult:
        """The query input, the result list and a preview of the highlighted result."""
        with Vertical(id="lookup-box", classes="modal-box"):
            yield Label("Look up hangul, hanja or pinyin", classes="modal-title")
            yield Input(placeholder="항저우 · 杭州 · hangzhou", id="lookup-query")
            yield OptionList(id="lookup-results")
            with VerticalScroll(id="lookup-preview-box"):
                yield Static("", id="lookup-preview", markup=False)
        yield Footer(compact=True)

    def index_of(self, term: Term) -> int | None:
        """Where a result stands in the glossary.

        Args:
            term: A result.

        Returns:
            Its index, or None when the text does not have it.
        """
        return self._index.get(term.key)

    @on(Input.Changed, "#lookup-query")
    def _query_changed(self, event: Input.Changed) -> None:
        found = search(self.terms, event.value, self.enricher)[:MAX_RESULTS]
        guessed = matching_suggestions(self.suggestions, event.value, found)
        self.results = [*guessed, *found]
        options = self.query_one("#lookup-results", OptionList)
        options.clear_options()
        options.add_options(
            Option(
                suggestion_prompt(result)
                if isinstance(result, Suggestion)
                else result_prompt(result, self.index_of(result) is not None)
            )
            for result in self.results
        )
        if self.results:
            options.highlighted = 0
        self._preview(0 if self.results else None, query=event.value)

    @on(Input.Submitted, "#lookup-query")
    def _query_submitted(self) -> None:
        if self.results:
            self._choose(0)

    @on(OptionList.OptionHighlighted, "#lookup-results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._preview(event.option_index)

    @on(OptionList.OptionSelected, "#lookup-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _preview(self, index: int | None, query: str = "") -> None:
        preview = self.query_one("#lookup-preview", Static)
        if index is None or not 0 <= index < len(self.results):
            preview.update(nothing_found(query) if query.strip() else "")
            return
        result = self.results[index]
        if isinstance(result, Suggestion):
            preview.update(suggestion_card(result, palette=self.palette))
            return
        preview.update(term_card(result, palette=self.palette, width=PREVIEW_WIDTH))

    def _choose(self, index: int) -> None:
        result = self.results[index]
        if isinstance(result, Suggestion):
            self.dismiss(result)
            return
        target = self.index_of(result)
        if target is None:
            self._preview(index)
            self.notify("Not in this text: its card is shown here.", severity="information")
            return
        self.dismiss(target)

    def action_focus_results(self) -> None:
        """Move the focus to the result list."""
        self.query_one("#lookup-results", OptionList).focus()

    def action_cancel(self) -> None:
        """Close without jumping."""
        self.dismiss(None)


def nothing_found(query: str) -> Content:
    """What the preview says when a look-up finds nothing.

    Args:
        query: What was typed.

    Returns:
        One line naming the query, and what can be typed.
    """
    return Content.assemble(
        ("Nothing found for ", "$text-warning"),
        (query.strip(), "bold $text-warning"),
        ("\nType hangul (항저우), hanja (杭州) or pinyin (hangzhou, hang2zhou1).", "$text-muted"),
    )
