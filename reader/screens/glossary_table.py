"""GlossaryScreen: every term in a sortable, filterable table; enter jumps to it in the text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from glossary import Term
from glossary.lookup import toneless
from reader.status import STATUSES, StatusStore
from reader.term_info import uses_of

# (key, label, sort key) per column.
COLUMNS: tuple[tuple[str, str, Callable[[Term, str], Any]], ...] = (
    ("order", "#", lambda t, s: 0),
    ("hanja", "hanja", lambda t, s: t.hanja),
    ("gloss", "gloss", lambda t, s: t.hangul),
    ("kind", "kind", lambda t, s: t.kind),
    ("pinyin", "pinyin", lambda t, s: toneless(t.pinyin)),
    ("sino", "한자음", lambda t, s: t.sino_korean),
    ("simplified", "simplified", lambda t, s: t.simplified),
    ("uses", "uses", lambda t, s: uses_of(t)),
    ("status", "status", lambda t, s: STATUSES.index(s) if s in STATUSES else 0),
)


def matches(term: Term, query: str) -> bool:
    """Tell whether a term matches a filter (hanja, hangul, readings, pinyin without tones).

    Args:
        term: The term.
        query: What the user typed.

    Returns:
        True when every word of the query is found in one of the term's forms.
    """
    forms = " ".join(
        (term.hanja, term.simplified, term.hangul, term.sino_korean, term.kind)
    ).lower()
    bare = toneless(term.pinyin)
    for word in query.lower().split():
        if word not in forms and toneless(word) not in bare:
            return False
    return True


class GlossaryScreen(Screen[int | None]):
    """The glossary as a table; dismisses with the chosen term's index."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the text", id="table-back"),
        Binding("ctrl+s", "cycle_sort", "Sort", tooltip="Sort by the next column", id="table-sort"),
        Binding("ctrl+f", "focus_filter", "Filter", tooltip="Filter the terms", id="table-filter"),
    ]

    HELP = """
## Glossary

Every term of the text. Click a column header (or press `ctrl+s`) to sort, again to
reverse; type in the filter box to keep matching terms (hangul, hanja, pinyin).
`enter` on a row jumps to the term in the text; `escape` goes back.
"""

    def __init__(self, terms: Sequence[Term], statuses: StatusStore) -> None:
        super().__init__()
        self.terms = tuple(terms)
        self.statuses = statuses
        self.sort_column = "order"
        self.sort_reverse = False

    def compose(self) -> ComposeResult:
        """Filter box, table, footer."""
        yield Static("Glossary", id="table-title", markup=False)
        yield Input(placeholder="filter: 항저우 · 杭州 · hangzhou · transcription", id="filter")
        yield DataTable(id="terms", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Fill the table and focus it."""
        table = self.query_one(DataTable)
        for key, label, _ in COLUMNS:
            table.add_column(label, key=key)
        self._fill("")
        table.focus()

    def _fill(self, query: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for index, term in enumerate(self.terms):
            if query and not matches(term, query):
                continue
            table.add_row(
                str(index + 1),
                term.hanja,
                term.hangul,
                term.kind,
                term.pinyin,
                term.sino_korean,
                term.simplified,
                str(uses_of(term)),
                self.statuses.get(term.key),
                key=str(index),
            )
        self._sort()
        shown = table.row_count
        title = self.query_one("#table-title", Static)
        title.update(f"Glossary: {shown} of {len(self.terms)} terms")

    def _sort(self) -> None:
        table = self.query_one(DataTable)
        sort_key = dict((k, f) for k, _, f in COLUMNS)[self.sort_column]

        def row_key(order: Any) -> Any:
            """Sort by the column's key, then by the order of the text."""
            index = int(order) - 1
            term = self.terms[index]
            return (sort_key(term, self.statuses.get(term.key)), index)

        table.sort("order", key=row_key, reverse=self.sort_reverse)

    def sort_by(self, column: str) -> None:
        """Sort by a column; sorting by the same column again reverses the order.

        Args:
            column: A column key (``hanja``, ``pinyin``, ``uses``...).
        """
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self._sort()

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        self.sort_by(str(event.column_key.value))

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value.strip())

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.dismiss(int(event.row_key.value))

    def action_cycle_sort(self) -> None:
        """Sort by the next column."""
        keys = [k for k, _, _ in COLUMNS]
        self.sort_column = keys[(keys.index(self.sort_column) + 1) % len(keys)]
        self.sort_reverse = False
        self._sort()
        labels = {k: lbl for k, lbl, _ in COLUMNS}
        self.notify(f"Sorted by {labels[self.sort_column]}", markup=False)

    def action_focus_filter(self) -> None:
        """Move to the filter box."""
        self.query_one("#filter", Input).focus()

    def action_back(self) -> None:
        """Back to the text without jumping."""
        self.dismiss(None)
