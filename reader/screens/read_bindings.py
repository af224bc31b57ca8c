"""The read screen's keys: walking, pinning, marks, copying, inline forms and dialogs."""

from __future__ import annotations

from textual.binding import Binding, BindingType

_WALK = Binding.Group("Walk", compact=True)
_MARK = Binding.Group("Mark", compact=True)

READ_BINDINGS: tuple[BindingType, ...] = (
    Binding("n", "next_term", "Next", tooltip="Go to the next term", id="next-term", group=_WALK),
    Binding(
        "p",
        "previous_term",
        "Previous",
        tooltip="Go to the previous term",
        id="previous-term",
        group=_WALK,
    ),
    Binding(
        "enter",
        "pin",
        "Pin",
        tooltip="Pin the current term's card in the side panel",
        id="pin-card",
    ),
    Binding(
        "escape",
        "hide_card",
        "Hide",
        tooltip="Hide the card (again: unpin the panel)",
        id="hide-card",
        show=False,
    ),
    Binding(
        "slash",
        "lookup",
        "Find",
        tooltip="Look up hangul, hanja or pinyin",
        id="lookup",
        key_display="/",
    ),
    Binding(
        "s",
        "toggle_simplified",
        "简",
        tooltip="Show simplified forms in the text",
        id="toggle-simplified",
    ),
    Binding(
        "y",
        "toggle_pinyin",
        "Pinyin",
        tooltip="Show pinyin after the hanja",
        id="toggle-pinyin",
    ),
    Binding("t", "cycle_tones", "Tone", tooltip="Switch the tone colours", id="tone-palette"),
    Binding(
        "1",
        "set_status('new')",
        "new",
        tooltip="Mark the current term new",
        id="status-new",
        group=_MARK,
    ),
    Binding(
        "2",
        "set_status('learning')",
        "learning",
        tooltip="Mark the current term learning",
        id="status-learning",
        group=_MARK,
    ),
    Binding(
        "3",
        "set_status('known')",
        "known",
        tooltip="Mark the current term known",
        id="status-known",
        group=_MARK,
    ),
    Binding(
        "4",
        "set_status('ignored')",
        "ignored",
        tooltip="Mark the current term ignored",
        id="status-ignored",
        group=_MARK,
    ),
    Binding("g", "glossary", "Terms", tooltip="All terms in a sortable table", id="glossary"),
    Binding("o", "open_file", "Open", tooltip="Open another file", id="open-file"),
    Binding(
        "u",
        "suggestions",
        "Suggested",
        tooltip="Hanja suggested for transcribed names the text does not gloss",
        id="suggestions",
        show=False,
    ),
    Binding(
        "c",
        "copy_hanja",
        "Copy",
        tooltip="Copy the current term's hanja",
        id="copy-hanja",
        show=False,
    ),
    Binding(
        "C",
        "copy_line",
        "Copy line",
        tooltip="Copy the current term's hanja, hangul, pinyin, Sino-Korean reading and meaning",
        id="copy-line",
        show=False,
    ),
    Binding(
        "e",
        "edit_note",
        "Note",
        tooltip="Write a note on the current term (kept in your glossary)",
        id="edit-note",
        show=False,
    ),
    Binding(
        "question_mark",
        "show_help",
        "Help",
        tooltip="Every key, the current-term rule and what the colours mean",
        id="read-help",
        key_display="?",
    ),
)
