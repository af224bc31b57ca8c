"""SuggestionsScreen: hangul words that look like transcribed Chinese names, with guesses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from glossary import Suggestion


def suggestions_content(suggestions: Sequence[Suggestion]) -> Content:
    """The suggestions as lines: the hangul, where it stands, then each guess.

    Args:
        suggestions: The glossary's suggestions.

    Returns:
        Styled content; a sentence saying there are none when the list is empty.
    """
    if not suggestions:
        return Content("No suggestions: every Chinese name in this text is glossed, or none is.")
    lines: list[Content] = []
    for s in suggestions:
        places = len(s.places)
        lines.append(
            Content.assemble(
                (s.hangul, "bold"),
                (f"  {places} place{'s' if places != 1 else ''}, no hanja in the text", "dim"),
            )
        )
        for c in s.candidates[:3]:
            meaning = "; ".join(c.meanings[:2])
            lines.append(
                Content.assemble(
                    "  ? ",
                    (c.hanja, "bold $text-accent"),
                    "  ",
                    c.pinyin,
                    (f"  {round(c.confidence * 100)}%", "italic"),
                    ("  " + meaning if meaning else "", "dim"),
                )
            )
    return Content("\n").join(lines)


class SuggestionsScreen(ModalScreen[None]):
    """Suggested hanja, kept apart from the glossed terms (they are guesses).

    Args:
        suggestions: The glossary's suggestions.
    """

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", tooltip="Back to the article", id="suggest-close"),
    ]

    HELP = """
## Suggested hanja

Hangul words in the text that look like Korean transcriptions of Mandarin (선전) but carry
no hanja, with the Chinese words they may stand for (深圳), most likely first. These are
guesses from the dictionary, not glosses: check them. `escape` closes this box.
"""

    def __init__(self, suggestions: Sequence[Suggestion]) -> None:
        super().__init__()
        self._suggestions = suggestions

    def compose(self) -> ComposeResult:
        """A title and the list."""
        with VerticalScroll(id="suggest-box", classes="modal-box"):
            yield Label("Suggested hanja (guesses, not glosses)", classes="modal-title")
            yield Static(suggestions_content(self._suggestions), id="suggest-list")
        yield Footer(compact=True)

    def action_close(self) -> None:
        """Back to the article."""
        self.dismiss(None)
