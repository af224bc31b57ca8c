"""HelpScreen: every key of the read screen, the current-term rule and what the colours mean."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.style import Style
from textual.widgets import Static

RULE = (
    "One term is current: it is highlighted in the text and named in the status line "
    "(▸ 杭州 항저우), and in the side panel or its card. n, p, a click, the look-up box "
    "and the glossary table choose it. Hovering a term only previews its card: it never "
    "changes what a key acts on. Marks, notes, copying and pinning always act on the "
    "current term. A key puts a still pointer's preview aside until the pointer moves."
)

# What each colour of the text means: (component class, sample, meaning).
LEGEND = (
    ("term--transcription", "항저우(杭州)", "the hangul spells the Mandarin sound"),
    ("term--sino", "갑(甲)", "the hangul is the Sino-Korean reading"),
    ("term--translation", "드림타운(夢想小鎭)", "the hangul translates the hanja"),
    ("term--mixed", "미래과기시티(未來科技城)", "part reading, part translation"),
    ("term--bare", "中", "hanja with no gloss"),
    ("term--mention", "항저우", "a later mention of a term, without its hanja"),
    ("term--uncertain", "저장", "a mention that may be another word there (a guess)"),
    ("term--suggested", "선전", "a word with suggested hanja (guesses: u lists them)"),
    ("term--current", "杭州", "the current term"),
    ("term--hover", "杭州", "under the pointer"),
    ("term--known", "杭州", "marked known (faded); learning is bold, ignored greyed"),
)

# Keys that Textual's screen and app give every screen.
TEXTUAL_KEYS = (
    Binding(
        "ctrl+c", "copy_text", "Copy", tooltip="Copy the selected text, else the current hanja"
    ),
    Binding("ctrl+p", "command_palette", "Palette", tooltip="Every command, found by name"),
    Binding("ctrl+q", "quit", "Quit", tooltip="Leave the reader"),
)


class HelpScreen(ModalScreen[None]):
    """The reader's help, centred and scrollable; any of escape, ? or q closes it.

    Args:
        bindings: The keys to list (the read screen's, then the article's), in order.
        styles: The article's style for each component class in :data:`LEGEND`.
    """

    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,question_mark,q", "close", "Close", tooltip="Close the help", id="help-close"
        ),
    ]

    def __init__(self, bindings: Iterable[BindingType], styles: dict[str, Style]) -> None:
        super().__init__()
        self._listed = (*bindings, *TEXTUAL_KEYS)
        self._styles = styles

    def compose(self) -> ComposeResult:
        """The rule, the keys and the colours, in one scrolling box."""
        with VerticalScroll(id="help-box") as box:
            box.border_title = "hanja-reader · help"
            box.border_subtitle = "escape closes · ↑↓ scroll"
            yield Static("The current term", classes="help-heading")
            yield Static(RULE, markup=False)
            yield Static("Keys", classes="help-heading")
            yield Static(self._keys(), id="help-keys")
            yield Static("Colours in the text", classes="help-heading")
            yield Static(self._legend(), id="help-legend")

    def _keys(self) -> Content:
        keys: dict[str, list[str]] = {}
        tips: dict[str, str] = {}
        taken: set[str] = set()  # A key listed once: the first binding of it is the one in force.
        for binding in Binding.make_bindings(self._listed):
            if binding.key in taken:
                continue
            taken.add(binding.key)
            what = binding.tooltip or binding.description
            keys.setdefault(what, []).append(self.app.get_key_display(binding))
            tips[what] = what
        rows = [
            Content.assemble((" ".join(shown).ljust(12), "bold $text-accent"), " ", tips[what])
            for what, shown in keys.items()
        ]
        return Content("\n").join(rows)

    def _legend(self) -> Content:
        rows = [
            Content.assemble((sample, self._styles.get(name, Style())), "  ", meaning)
            for name, sample, meaning in LEGEND
        ]
        return Content("\n").join(rows)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
