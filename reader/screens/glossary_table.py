"""GlossaryScreen: every term in a sortable, filterable table; enter jumps to it in the text.

With the glossary store at hand, a ``docs`` column counts the articles each term stands in,
and a line under the table shows the other glosses of the highlighted term's hanja.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from glossary import GlossaryError, Term
from glossary.dictionary.lookup import toneless
from reader.across import Across, across
from reader.status import STATUSES, StatusStore, StoredStatusBook, as_status
from reader.term_info import uses_of
from reader.widgets import ArticleView

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
# The articles a term stands in, shown after ``#`` (in view at 80 columns) when the store
# is at hand.
DOCS_COLUMN = ("docs", "docs")
# Orders that ctrl+r cycles through: (column, most first?, what the notification says).
RANKS: tuple[tuple[str, bool, str], ...] = (
    ("order", False, "in the order of the text"),
    ("docs", True, "most articles first"),
    ("uses", True, "most uses first"),
)
# At most this many article titles per other gloss in the detail line.
TITLES_SHOWN = 3
# Columns cut with an ellipsis when the table is wider than the screen, in the order they
# get a spare cell; the others (numbers, the status) are always shown whole.
CUT_ORDER = ("gloss", "hanja", "kind", "pinyin", "sino", "simplified")
# A cut column keeps at least this many cells: one hanja and the ellipsis.
MIN_CUT = 3
# Columns that keep more: ``transc…`` and ``transl…`` must not look alike.
LEAST = {"kind": 7}
ELLIPSIS = "…"

_MARK = Binding.Group("Mark", compact=True)


def truncate(text: str, width: int) -> str:
    """Cut a text to a width in terminal cells (hangul and hanja take two), ending in ``…``.

    Args:
        text: The text.
        width: The most cells it may take.

    Returns:
        The text itself when it fits, else as much as fits before an ellipsis.
    """
    if cell_len(text) <= width:
        return text
    if width < 1:
        return ""
    kept: list[str] = []
    used = 0
    for char in text:
        used += cell_len(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept).rstrip() + ELLIPSIS


def share(natural: dict[str, int], room: int) -> dict[str, int]:
    """Share a width among columns: every column up to one cap, the spare cells in order.

    Columns narrower than the cap keep their width; the cap is the largest that fits (but
    never under :data:`MIN_CUT`, nor a column under its :data:`LEAST`); the cells left over
    widen the first columns cut at the cap by one.

    Args:
        natural: Each column's width when nothing is cut, in the order spare cells go.
        room: The cells there are for these columns (padding left out).

    Returns:
        Each column's width.
    """
    if sum(natural.values()) <= room:
        return dict(natural)

    def capped(cap: int) -> dict[str, int]:
        return {k: min(width, max(cap, LEAST.get(k, 0))) for k, width in natural.items()}

    cap = MIN_CUT
    while cap < max(natural.values()) and sum(capped(cap + 1).values()) <= room:
        cap += 1
    widths = capped(cap)
    spare = room - sum(widths.values())
    for key, width in natural.items():
        if spare > 0 and cap == widths[key] < width:
            widths[key] += 1
            spare -= 1
    return widths


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
        Binding(
            "escape,q", "back", "Back", tooltip="Close the table, back to the text", id="table-back"
        ),
        Binding("ctrl+s", "cycle_sort", "Sort", tooltip="Sort by the next column", id="table-sort"),
        Binding("ctrl+f", "focus_filter", "Filter", tooltip="Filter the terms", id="table-filter"),
        Binding(
            "ctrl+r",
            "cycle_rank",
            "Rank",
            tooltip="Order of the text, most articles first, most uses first",
            id="table-rank",
        ),
        *(
            Binding(
                str(number),
                f"set_status('{status}')",
                status,
                tooltip=f"Mark the highlighted term {status}",
                id=f"table-status-{status}",
                group=_MARK,
            )
            for number, status in enumerate(STATUSES, start=1)
        ),
    ]

    HELP = """
## Glossary

Every term of the text. Click a column header (or press `ctrl+s`) to sort, again to
reverse; `ctrl+r` ranks the terms by the number of articles in your glossary they
stand in (`docs`), by uses, or back in the order of the text. Type in the filter box to
keep matching terms (hangul, hanja, pinyin). The line under the table shows the other
glosses of the highlighted term's hanja in your articles (杭州 written 항주 elsewhere).
`1` new, `2` learning, `3` known, `4` ignored: the highlighted term's study mark.
`enter` on a row jumps to the term in the text; `q` or `escape` goes back to it.

On a narrow screen long cells are cut with `…` so that every column shows.
"""

    def __init__(self, terms: Sequence[Term], statuses: StatusStore, *, sha: str = "") -> None:
        """Show a text's terms.

        Args:
            terms: The terms of the text.
            statuses: The study marks (with the glossary store when it is a
                :class:`StoredStatusBook`: then the other articles count too).
            sha: The SHA-256 of the text, so that it counts once among the articles.
        """
        super().__init__()
        self.terms = tuple(terms)
        self.statuses = statuses
        self.sha = sha
        self.sort_column = "order"
        self.sort_reverse = False
        self.across: dict[tuple[str, str], Across] = {}
        self.has_docs = False
        self.widths: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        """Filter box, table, the highlighted term's other glosses, footer."""
        yield Static("Glossary", id="table-title", markup=False)
        yield Input(placeholder="filter: 항저우 · 杭州 · hangzhou · transcription", id="filter")
        yield DataTable(id="terms", cursor_type="row", zebra_stripes=True)
        yield Static("", id="term-detail", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Read what the store knows of the terms, fill the table and focus it."""
        stored = None
        if isinstance(self.statuses, StoredStatusBook):
            try:
                stored = self.statuses.variants(t.hanja for t in self.terms)
            except GlossaryError as exc:
                # The message names a file: plain text, never markup.
                self.notify(f"Other articles are left out: {exc}", severity="warning", markup=False)
        self.across = across(self.terms, stored, self.sha)
        self.has_docs = stored is not None
        self._fill("")
        self.query_one(DataTable).focus()

    def articles(self, term: Term) -> int:
        """In how many articles a term stands (1 without the store: this one).

        Args:
            term: A term of the text.

        Returns:
            The number of articles.
        """
        found = self.across.get(term.key)
        return (found.articles or 1) if found is not None else 1

    def columns(self) -> list[tuple[str, str]]:
        """The table's columns, left to right.

        Returns:
            (key, label) per column; ``docs`` after ``#`` when the store is at hand.
        """
        shown: list[tuple[str, str]] = []
        for key, label, _ in COLUMNS:
            shown.append((key, label))
            if key == "order" and self.has_docs:
                shown.append(DOCS_COLUMN)
        return shown

    def cells(self, index: int) -> dict[str, str]:
        """A term's cells, whole (before any is cut to fit).

        Args:
            index: The term's index.

        Returns:
            The text of each column, by column key.
        """
        term = self.terms[index]
        return {
            "order": str(index + 1),
            "docs": str(self.articles(term)),
            "hanja": term.hanja,
            "gloss": term.hangul,
            "kind": term.kind,
            "pinyin": term.pinyin,
            "sino": term.sino_korean,
            "simplified": term.simplified,
            "uses": str(uses_of(term)),
            "status": self.statuses.get(term.key),
        }

    def fit(self, rows: Sequence[dict[str, str]]) -> dict[str, int]:
        """Column widths that fit the table's width: long cells of some columns are cut.

        Args:
            rows: The cells of the rows to show.

        Returns:
            Each column's width in terminal cells (padding left out).
        """
        table = self.query_one(DataTable)
        natural = {
            key: max([cell_len(label)] + [cell_len(row[key]) for row in rows])
            for key, label in self.columns()
        }
        # Marking a term must not widen the table.
        natural["status"] = max([natural["status"]] + [cell_len(s) for s in STATUSES])
        # Before the first layout the table has no size yet: the screen's width will do.
        width = table.size.width or self.size.width or self.app.size.width
        if 0 < table.size.height < len(rows) + int(table.show_header):
            width -= table.styles.scrollbar_size_vertical
        room = width - 2 * table.cell_padding * len(natural)
        room -= sum(size for key, size in natural.items() if key not in CUT_ORDER)
        cut = {key: natural[key] for key in CUT_ORDER if key in natural}
        return natural | share(cut, room)

    def _fill(self, query: str, keep: int | None = None) -> None:
        """Rebuild the table: the terms matching a filter, cut to fit, in the current order.

        Args:
            query: The filter ("" keeps every term).
            keep: The index of a term to put the cursor on if it is shown (else the top).
        """
        table = self.query_one(DataTable)
        shown = self._matching(query)
        rows = [self.cells(index) for index in shown]
        self.widths = self.fit(rows)
        table.clear(columns=True)
        for key, label in self.columns():
            table.add_column(truncate(label, self.widths[key]), width=self.widths[key], key=key)
        keys = [key for key, _ in self.columns()]
        for index, row in zip(shown, rows, strict=True):
            cut = (Content(truncate(row[key], self.widths[key])) for key in keys)
            table.add_row(*cut, key=str(index))
        self._sort(keep=False)
        if keep is not None and keep in shown:
            self._move_to(keep)

    def _matching(self, query: str) -> list[int]:
        return [i for i, term in enumerate(self.terms) if not query or matches(term, query)]

    def _move_to(self, index: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(str(index)))
        self._show_detail()

    def on_resize(self) -> None:
        """Fit the columns to the new width, the cursor still on the same term."""
        query = self.query_one("#filter", Input).value.strip()
        rows = [self.cells(index) for index in self._matching(query)]
        if self.widths and self.fit(rows) != self.widths:
            self._fill(query, keep=self._highlighted_index())

    def _sort(self, *, keep: bool = True) -> None:
        """Sort the rows by the current column.

        Args:
            keep: Keep the cursor on the term it is on (else on the row it is on).
        """
        table = self.query_one(DataTable)
        held = self._highlighted_index() if keep else None
        column = self.sort_column
        sort_key = dict((k, f) for k, _, f in COLUMNS).get(column)
        reverse = self.sort_reverse

        def row_key(order: Any) -> Any:
            """Sort by the column's key, then by the order of the text (even reversed)."""
            index = int(str(order)) - 1
            term = self.terms[index]
            if column == "docs":
                value: Any = (self.articles(term), uses_of(term))
            elif column == "uses":
                value = (uses_of(term), self.articles(term))
            else:
                assert sort_key is not None
                value = sort_key(term, self.statuses.get(term.key))
            return (value, -index if reverse else index)

        table.sort("order", key=row_key, reverse=reverse)
        ranked = next((said for k, r, said in RANKS[1:] if (k, r) == (column, reverse)), "")
        title = f"Glossary: {table.row_count} of {len(self.terms)} terms"
        self.query_one("#table-title", Static).update(f"{title} · {ranked}" if ranked else title)
        if held is not None:
            self._move_to(held)
        self._show_detail()

    def _highlighted_index(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row = min(max(table.cursor_row, 0), table.row_count - 1)
        key = table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value
        return int(key) if key is not None else None

    def _highlighted(self) -> Term | None:
        index = self._highlighted_index()
        return self.terms[index] if index is not None else None

    def detail(self, term: Term) -> Content:
        """The line under the table: the articles a term stands in, its other glosses.

        Args:
            term: A term of the text.

        Returns:
            ``杭州 항저우 · 3 articles · also 항주 (sino): 둘째, 셋째``.
        """
        found = self.across.get(term.key, Across(None, ()))
        parts: list[str | tuple[str, str] | Content] = [
            (term.hanja, "bold"),
            " ",
            term.hangul or "(bare)",
        ]
        if found.articles is not None:
            parts.append(f" · {found.articles} article{'' if found.articles == 1 else 's'}")
        for other in found.others:
            titles = list(other.articles[:TITLES_SHOWN])
            if len(other.articles) > TITLES_SHOWN:
                titles.append(f"{len(other.articles) - TITLES_SHOWN} more")
            parts += [" · also ", (other.hangul or "(bare)", "bold"), f" ({other.kind})"]
            if titles:
                parts.append(": " + ", ".join(titles))
        if not found.others:
            where = " in your articles" if found.articles is not None else " in this article"
            parts.append(" · no other gloss" + where)
        return Content.assemble(*parts)

    def _show_detail(self) -> None:
        term = self._highlighted()
        line = self.query_one("#term-detail", Static)
        line.update(self.detail(term) if term is not None else "")

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self) -> None:
        self._show_detail()

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

    def rank(self, column: str) -> None:
        """Order the rows as :data:`RANKS` says: ``order``, ``docs`` or ``uses``.

        Args:
            column: ``order`` (the text's), ``docs`` (most articles first, then most uses)
                or ``uses`` (most uses first, then most articles); ties keep the text's order.
        """
        self.sort_column = column
        self.sort_reverse = dict((k, r) for k, r, _ in RANKS)[column]
        self._sort()

    def action_cycle_rank(self) -> None:
        """Cycle the order: the text's, most articles first, most uses first."""
        ranks = [r for r in RANKS if r[0] != "docs" or self.has_docs]
        now = (self.sort_column, self.sort_reverse)
        current = next((i for i, (k, r, _) in enumerate(ranks) if (k, r) == now), -1)
        column, _, said = ranks[(current + 1) % len(ranks)]
        self.rank(column)
        self.notify(said.capitalize(), markup=False)

    def action_cycle_sort(self) -> None:
        """Sort by the next column."""
        labels = {k: lbl for k, lbl, _ in COLUMNS}
        if self.has_docs:
            labels[DOCS_COLUMN[0]] = DOCS_COLUMN[1]
        keys = [str(k.value) for k in self.query_one(DataTable).columns]
        self.sort_column = keys[(keys.index(self.sort_column) + 1) % len(keys)]
        self.sort_reverse = False
        self._sort()
        self.notify(f"Sorted by {labels[self.sort_column]}", markup=False)

    def action_focus_filter(self) -> None:
        """Move to the filter box."""
        self.query_one("#filter", Input).focus()

    def action_set_status(self, status: str) -> None:
        """Set the study mark of the highlighted term, as the read screen's keys do.

        Args:
            status: new, learning, known or ignored.
        """
        index = self._highlighted_index()
        mark = as_status(status)
        if index is None or mark is None:
            self.notify("No term in the table.", severity="warning")
            return
        self.statuses.set(self.terms[index].key, mark)
        self.query_one(DataTable).update_cell(str(index), "status", Content(mark))
        # The text behind shows marks too: repaint the term there.
        for screen in self.app.screen_stack:
            for view in screen.query(ArticleView):
                view.refresh_term(index)

    def action_back(self) -> None:
        """Back to the text without jumping."""
        self.dismiss(None)
