"""Every colour the article paints reaches WCAG contrast in every built-in theme.

Issue 14, item 10. Each term is drawn by ``ArticleView._term_segments`` with
``get_visual_style(*place_classes(index))`` (and ``"term--pinyin"`` appended for pinyin put
in after the hanja); a suggested word with ``get_visual_style("term--suggested")`` and a
hovered hanja of plain text with ``get_visual_style("term--hover")``. Those styles are
layered the way Textual layers them: every background is blended over the ones below it
(the screen's, the view's ``$surface``, the kind's, a translucent highlight's), so the
Rich style they end in holds the colours as painted. The test makes the same calls for:

- every combination ``place_classes`` can give (each kind alone, as a mention, as a mention
  that may be another word, with each study status, current, hovered, current and hovered,
  with pinyin), a suggested word and a hovered hanja, in every theme of
  ``app.available_themes``;
- the lines actually drawn, with terms marked, one current, one hovered and pinyin shown:
  every cell of a term or a suggested word.

Plain text is left out: it is the theme's own ``$foreground`` on ``$surface``, below 4.5:1
in two themes (4.11:1 in solarized-dark, 4.39:1 in solarized-light), a choice of the theme
and not a term colour.

Contrast is the WCAG 2 ratio of relative luminances; the bar is 4.5:1 (normal text).

The ANSI themes (``ansi-dark``, ``ansi-light``) emit the terminal's own colours, whose
values only the terminal knows: they are measured with the palettes Textual itself uses
for those colours (``App.ansi_theme``: Monokai for dark themes, Alabaster for light), so
a terminal with another palette may differ.

``ignored`` is exempt from 4.5:1 and held to 3:1 instead: it is meant to look disabled,
fainter than ``known`` (muted text, already within a few hundredths of 4.5:1 in some
themes), and at 4.5:1 the two would look the same. 3:1 is WCAG's bar for large text and
user-interface marks; inactive components are exempt from 1.4.3 altogether. An ignored
term that is current or hovered is held to 4.5:1 like any other.
"""

from __future__ import annotations

from itertools import product

from rich.color import Color as RichColor
from rich.style import Style as RichStyle
from rich.terminal_theme import TerminalTheme

from reader.app import ReaderApp
from reader.widgets import ArticleView
from tests.reader.helpers import ready, view_of

KINDS = ("transcription", "sino", "translation", "mixed", "bare")
STATUSES = ("new", "learning", "known", "ignored")
BAR = 4.5
IGNORED_BAR = 3.0

RGB = tuple[int, int, int]


def _place_classes() -> list[tuple[str, ...]]:
    """Every tuple ``ArticleView.place_classes`` can give, in its order."""
    combos = []
    for kind, mention, status, current, hover in product(
        KINDS,
        ((), ("term--mention",), ("term--mention", "term--uncertain")),
        STATUSES,
        (False, True),
        (False, True),
    ):
        classes = ["term", f"term--{kind}", *mention]
        if status != "new":
            classes.append(f"term--{status}")
        if current:
            classes.append("term--current")
        if hover:
            classes.append("term--hover")
        combos.append(tuple(classes))
    return combos


PLACE_CLASSES = _place_classes()
DRAWN = [
    *PLACE_CLASSES,
    *((*classes, "term--pinyin") for classes in PLACE_CLASSES),
    ("term--suggested",),  # a word with suggested hanja, in plain text
    ("term--hover",),  # a hovered hanja of plain text
]


def _bar(classes: tuple[str, ...]) -> float:
    """The contrast a style must reach (see the module's docstring for ``ignored``)."""
    highlighted = "term--current" in classes or "term--hover" in classes
    return IGNORED_BAR if "term--ignored" in classes and not highlighted else BAR


def _luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = rgb
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: RGB, second: RGB) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rgb(color: RichColor | None, palette: TerminalTheme, *, foreground: bool) -> RGB:
    """A painted colour as RGB: ANSI and default colours through the terminal palette."""
    triplet = (color or RichColor.default()).get_truecolor(palette, foreground=foreground)
    return triplet.red, triplet.green, triplet.blue


def painted(style: RichStyle, palette: TerminalTheme) -> tuple[RGB, RGB]:
    """The text and background colours a Rich style paints."""
    assert not style.dim, "dim text: the terminal decides how faint, so it cannot be measured"
    text = _rgb(style.color, palette, foreground=True)
    background = _rgb(style.bgcolor, palette, foreground=False)
    return (background, text) if style.reverse else (text, background)


def _short(classes: tuple[str, ...]) -> str:
    return "+".join(name.removeprefix("term--") for name in classes if name != "term")


def test_contrast_formula() -> None:
    assert round(contrast((0, 0, 0), (255, 255, 255)), 2) == 21.0
    assert round(contrast((119, 119, 119), (255, 255, 255)), 2) == 4.48
    assert contrast((30, 30, 30), (30, 30, 30)) == 1.0


def test_place_classes_are_all_measured() -> None:
    assert len(set(PLACE_CLASSES)) == len(KINDS) * 3 * len(STATUSES) * 2 * 2


def _mark_terms_in_view(view: ArticleView) -> None:
    """Mark the first terms in view with each status; make one current, the next hovered."""
    top = int(view.scroll_y)
    bottom = min(top + view.scrollable_content_region.height, len(view.lines))
    places = view.text_layout.places_between(view.lines.starts[top], view.lines.ends[bottom - 1])
    terms = list(dict.fromkeys(view.places[index].term for index in places))
    assert len(terms) >= 4, "the sample shows too few terms to mark"
    for term, status in zip(terms, ("learning", "known", "ignored"), strict=False):
        view.statuses.set(view.terms[term].key, status)
        view.refresh_term(term)
    view.current_term = terms[2]  # an ignored term, current
    view.hovered_term = terms[3]


def _styles_below_bar(view: ArticleView, theme: str) -> list[str]:
    """Every style ``build_line`` can draw a term with, measured."""
    failures = []
    for classes in DRAWN:
        style = view.get_visual_style(*classes).rich_style
        ratio = contrast(*painted(style, view.app.ansi_theme))
        if ratio < _bar(classes):
            failures.append(f"{theme}: {_short(classes)} {ratio:.2f}:1")
    return failures


def _painted_below_bar(view: ArticleView, theme: str, seen: set[str]) -> list[str]:
    """Every term and suggested word in the lines drawn, measured."""
    failures = []
    for y in range(view.scrollable_content_region.height):
        for segment in view.render_line(y):
            if not segment.text.strip() or segment.style is None:
                continue
            meta = segment.style.meta
            if "at" in meta:
                classes = view.place_classes(meta["at"])
                assert classes in PLACE_CLASSES, classes
            elif "suggestion" in meta:
                classes = ("term--suggested",)
            else:
                continue  # plain text: the theme's own colours, see the module's docstring
            seen.update(classes)
            ratio = contrast(*painted(segment.style, view.app.ansi_theme))
            if ratio < _bar(classes):
                failures.append(f"{theme}: {segment.text!r} ({_short(classes)}) {ratio:.2f}:1")
    return failures


async def test_term_colours_reach_contrast_in_every_theme(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        view = view_of(pilot)
        view.show_pinyin = True
        await pilot.pause()
        _mark_terms_in_view(view)
        await pilot.pause()
        seen: set[str] = set()
        failures: list[str] = []
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            failures += _styles_below_bar(view, theme)
            failures += _painted_below_bar(view, theme, seen)
        assert {"term--current", "term--hover", "term--known", "term--ignored"} <= seen, seen
        assert not failures, f"{len(failures)} below the bar:\n" + "\n".join(failures)


async def test_tone_colours_read_on_cards_and_panel_in_every_theme(app: ReaderApp) -> None:
    """Each palette's tone colours reach 4.5:1 on the card ($panel) and panel ($surface)."""
    from textual.color import Color

    from reader.tones import PALETTES, contrast

    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        worst: dict[str, float] = {}
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            variables = app.theme_variables
            base = Color.parse(variables["background"])
            for where in ("panel", "surface"):
                layer = Color.parse(variables[where])
                ground = base.blend(layer, layer.a).with_alpha(1.0)
                for name in PALETTES:
                    for tone in range(1, 6):
                        colour = Color.parse(variables[f"tone-{name}-{tone}"])
                        ratio = contrast(colour, ground)
                        worst[theme] = min(worst.get(theme, 21.0), ratio)
        failing = {theme: round(r, 2) for theme, r in worst.items() if r < 4.5}
        assert not failing, failing
