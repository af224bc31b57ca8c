"""ExportScreen: a modal that exports the glossary to a file, with ``glossary export``'s choices.

The format (Anki package, Anki TSV, CSV, JSON, Markdown), the statuses and kinds of terms
to keep, the Anki deck's name, the file and whether to replace it. The export runs in a
worker; a refusal (the file exists, is a folder or a device) is told in one line and the
box stays open. The choices are remembered for the session (``Replace`` excepted).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakKeyDictionary

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, RadioButton, RadioSet, Static

from glossary import GlossaryError
from glossary.paths import db_path
from glossary.store import EXPORT_FORMATS, STATUSES
from reader.store_actions import (
    BUSY_RETRY,
    EXPORT_GROUP,
    KINDS,
    ExportChoice,
    default_export_path,
    describe_export,
    error_line,
    export_glossary,
    format_of,
    on_loop,
    shown_path,
    tell,
    with_format,
)

if TYPE_CHECKING:
    from textual.app import App

# The formats whose files name an Anki deck.
DECK_FORMATS = ("apkg", "tsv")

_LAST: WeakKeyDictionary[App[Any], ExportChoice] = WeakKeyDictionary()


def open_export(app: App[Any]) -> None:
    """Open the export box with the choices last left in it (this session), else defaults.

    Args:
        app: The app.
    """

    def remember(choice: ExportChoice | None) -> None:
        if choice is not None:
            _LAST[app] = choice

    app.push_screen(ExportScreen(_LAST.get(app)), callback=remember)


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Choose what to export and where; export in a worker.

    Dismissed with the choices as they were left (exported or not), so they can be offered
    again.

    Args:
        choice: The choices to start from (by default: an Anki package of every term, in
            the documents folder).
    """

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "cancel", "Cancel", tooltip="Close without exporting", id="export-cancel"
        ),
    ]

    HELP = """
## Export your glossary

Write the terms of your glossary (every article added with `a` or `glossary add`) to a
file, as `glossary export` does:

- **Format**: `apkg` an Anki package, `tsv` Anki's text format, `csv` for spreadsheets,
  `json` the lossless export `glossary import` reads, `md` a Markdown table
- **Status** and **Kind**: only the terms ticked (all ticked: every term)
- **Deck**: the Anki deck's name (apkg and tsv)
- **File**: the file to write; its suffix follows the format (and typing a format's
  suffix chooses it)
- **Replace the file**: an existing file is kept unless this is ticked; a folder or a
  device is never replaced

`enter` in a text box, or the Export button, exports. `escape` closes this box.
"""

    def __init__(self, choice: ExportChoice | None = None) -> None:
        super().__init__()
        self._choice = choice or ExportChoice("apkg", default_export_path("apkg"))
        self._exporting = False

    def compose(self) -> ComposeResult:
        """The choices in labelled rows, where the glossary is, and the buttons."""
        choice = self._choice
        with Vertical(id="export-box", classes="modal-box"):
            yield Label("Export your glossary", classes="modal-title")
            with Horizontal(classes="export-row"):
                yield Label("Format", classes="export-label")
                with RadioSet(id="export-format", compact=True):
                    for fmt in EXPORT_FORMATS:
                        yield RadioButton(fmt, fmt == choice.fmt, id=f"format-{fmt}", compact=True)
            yield from _ticks("Status", "status", STATUSES, choice.statuses)
            yield from _ticks("Kind", "kind", KINDS, choice.kinds)
            with Horizontal(classes="export-row"):
                yield Label("Deck", classes="export-label")
                yield Input(
                    choice.deck,
                    placeholder="Anki deck",
                    id="export-deck",
                    compact=True,
                    disabled=choice.fmt not in DECK_FORMATS,
                )
            with Horizontal(classes="export-row"):
                yield Label("File", classes="export-label")
                yield Input(choice.path, placeholder="~/deck.apkg", id="export-path", compact=True)
            with Horizontal(classes="export-row"):
                yield Label("", classes="export-label")
                yield Checkbox(
                    "Replace the file if it exists", choice.force, id="export-force", compact=True
                )
            yield Static(
                Content.from_markup("From your glossary $db", db=shown_path(db_path())),
                id="export-from",
            )
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-go", compact=True)
                yield Button("Cancel", id="export-close", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Start on the format."""
        self.query_one("#export-format", RadioSet).focus()

    # ------------------------------------------------------------- choices

    @property
    def fmt(self) -> str:
        """The format chosen."""
        pressed = self.query_one("#export-format", RadioSet).pressed_button
        return str(pressed.id).removeprefix("format-") if pressed is not None else ""

    def current_choice(self) -> ExportChoice:
        """The choices as they stand in the box.

        Returns:
            The export asked for.
        """

        def ticked(prefix: str, values: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(v for v in values if self.query_one(f"#{prefix}-{v}", Checkbox).value)

        return ExportChoice(
            fmt=self.fmt,
            path=self.query_one("#export-path", Input).value,
            statuses=ticked("status", STATUSES),
            kinds=ticked("kind", KINDS),
            deck=self.query_one("#export-deck", Input).value,
            force=self.query_one("#export-force", Checkbox).value,
        )

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self) -> None:
        """The file's suffix follows the format; only Anki formats name a deck."""
        fmt = self.fmt
        path = self.query_one("#export-path", Input)
        changed = with_format(path.value, fmt)
        if changed != path.value:
            path.value = changed
        self.query_one("#export-deck", Input).disabled = fmt not in DECK_FORMATS

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        """A format's suffix typed in the file's name chooses that format."""
        fmt = format_of(event.value)
        if fmt is not None and fmt != self.fmt:
            self.query_one(f"#format-{fmt}", RadioButton).value = True

    # ------------------------------------------------------------- export

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        """Export as chosen, in a worker (unless an export is running already)."""
        if self._exporting:
            return
        choice = self.current_choice()
        problem = choice.problem()
        if problem:
            self.notify(problem, severity="warning", markup=False)
            return
        self._set_exporting(True)
        self._export(self.app, choice)

    @work(
        thread=True,
        exclusive=True,
        group=EXPORT_GROUP,
        exit_on_error=False,
        description="exporting the glossary",
    )
    def _export(self, app: App[Any], choice: ExportChoice) -> None:
        """Write the file, off the event loop; say how it went.

        Args:
            app: The app (to get back to the event loop).
            choice: The export.
        """

        def busy(_attempt: int) -> None:
            tell(app, BUSY_RETRY, "warning")

        try:
            count = export_glossary(choice, on_busy=busy)
        except GlossaryError as exc:
            on_loop(app, self._failed, error_line(exc))
            return
        except Exception as exc:  # noqa: BLE001 - whatever happens, a message, never a traceback
            on_loop(app, self._failed, f"Cannot export: {error_line(exc)}")
            return
        on_loop(app, self._done, choice, count)

    def _set_exporting(self, exporting: bool) -> None:
        self._exporting = exporting
        button = self.query_one("#export-go", Button)
        button.disabled = exporting
        button.label = "Exporting…" if exporting else "Export"

    def _done(self, choice: ExportChoice, count: int) -> None:
        """The file is written: say so and close (if the box is still the one shown)."""
        line, severity = describe_export(count, choice)
        self.app.notify(line, severity=severity, markup=False)
        if self.is_active:
            self.dismiss(replace(choice, force=False))
        else:
            self._exporting = False

    def _failed(self, line: str) -> None:
        """The export was refused or failed: say why; the box stays for another try."""
        self.app.notify(line, title="Export", severity="error", markup=False)
        if self.is_attached:
            self._set_exporting(False)

    @on(Button.Pressed, "#export-close")
    def action_cancel(self) -> None:
        """Close without exporting (the choices are kept for next time)."""
        self.dismiss(replace(self.current_choice(), force=False))


def _ticks(label: str, prefix: str, values: Sequence[str], chosen: Sequence[str]) -> ComposeResult:
    """A row of tick boxes, one per value (``#prefix-value``, class ``export-prefix``)."""
    with Horizontal(classes="export-row"):
        yield Label(label, classes="export-label")
        for value in values:
            yield Checkbox(
                value,
                value in chosen,
                id=f"{prefix}-{value}",
                classes=f"export-{prefix}",
                compact=True,
            )
