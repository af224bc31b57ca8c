"""Issue 14, items 7 and 8: every dialog is centred over a dimmed screen; the palette lists
each reader command once, with its key."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.content import Content
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList

from reader.app import ReaderApp
from reader.screens.read import ReadScreen
from tests.reader.helpers import ready, view_of

# The dialogs: the key that opens each (after ``n``, so there is a current term) and its box.
DIALOGS = {
    "open": ("o", "#open-box"),
    "lookup": ("slash", "#lookup-box"),
    "note": ("e", "#note-box"),
    "suggestions": ("u", "#suggest-box"),
}

# Every reader action offered in the palette, with the key the palette should show for it.
ACTION_KEYS = {
    "next_term": "n",
    "previous_term": "p",
    "pin": "⏎",
    "lookup": "/",
    "glossary": "g",
    "open_file": "o",
    "set_status('new')": "1",
    "set_status('learning')": "2",
    "set_status('known')": "3",
    "set_status('ignored')": "4",
    "cycle_tones": "t",
    "toggle_simplified": "s",
    "toggle_pinyin": "y",
    "toggle_korean": "k",
    "edit_note": "e",
    "suggestions": "u",
}


def _title_of(action: str) -> str:
    """The palette title of a read-screen action: its binding's tooltip, remark left off."""
    binding = next(b for b in ReadScreen.BINDINGS if isinstance(b, Binding) and b.action == action)
    assert binding.tooltip
    return binding.tooltip.partition(" (")[0]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("dialog", list(DIALOGS))
async def test_dialog_is_centred_over_a_dimmed_screen(
    app: ReaderApp, size: tuple[int, int], dialog: str
) -> None:
    key, box_id = DIALOGS[dialog]
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("n")
        # What the open box uses, to compare with.
        await pilot.press("o")
        dimmed = pilot.app.screen.styles.background
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReadScreen)

        await pilot.press(key)
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ModalScreen)
        assert not isinstance(screen, ReadScreen)
        background = screen.styles.background
        assert 0 < background.a < 1, f"{dialog}: background {background} is not see-through"
        assert background == dimmed

        width, height = screen.size
        assert (width, height) == size
        box = screen.query_one(box_id).region
        # The footer takes the bottom line: the box is centred in the rest of the screen.
        footer = screen.query_one(Footer).region
        assert footer.bottom == height
        area = Region(0, 0, width, footer.y)
        left, right = box.x - area.x, area.right - box.right
        top, bottom = box.y - area.y, area.bottom - box.bottom
        assert min(left, right, top, bottom) >= 0, f"{dialog}: {box} outside {area}"
        assert abs(left - right) <= 1, f"{dialog}: left {left}, right {right}"
        assert abs(top - bottom) <= 1, f"{dialog}: top {top}, bottom {bottom}"
        # And on the whole screen, give or take the footer's line.
        assert abs(top - (height - box.bottom)) <= 1 + footer.height


async def test_palette_commands_are_listed_once_with_their_keys(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        commands = list(app.get_system_commands(screen))
        titles = [command.title for command in commands]
        assert len(titles) == len(set(titles)), titles
        for action, key in ACTION_KEYS.items():
            title = _title_of(action)
            found = [command for command in commands if command.title == title]
            assert len(found) == 1, f"{action}: {title!r} listed {len(found)} times"
            help_text = Content.from_markup(found[0].help).plain
            assert help_text.startswith(f"key: {key}"), f"{action}: help {help_text!r}"
            assert title not in help_text


async def test_palette_shows_next_term_once_with_its_key_and_runs_it(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert view_of(pilot).current_place is None
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press(*"next")
        await pilot.pause(0.3)  # the palette searches in a worker
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        options = palette.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        title = _title_of("next_term")
        matching = [prompt for prompt in prompts if title in prompt]
        assert len(matching) == 1, prompts
        assert matching[0].count(title) == 1, matching[0]
        assert matching[0].splitlines() == [title, "key: n"]
        assert options.highlighted == prompts.index(matching[0])
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReadScreen)
        assert view_of(pilot).current_place is not None
