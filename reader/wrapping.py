"""Wrapping the shown text by terminal cells, as CJK lines break (禁則 kept)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from rich.cells import cell_len, get_character_cell_size


@dataclass(frozen=True)
class Lines:
    """Wrapped lines: each is ``text[starts[i]:ends[i]]`` of the shown text."""

    starts: list[int]
    ends: list[int]
    width: int

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The line that holds a shown offset.

        Args:
            offset: An offset into the shown text.

        Returns:
            The line number (0 for an empty text).
        """
        return max(0, bisect_right(self.starts, offset) - 1)


def wrap(text: str, width: int) -> Lines:
    """Wrap text to a width in terminal cells (hangul and hanja take two).

    Paragraphs break at newlines; lines break after spaces or around CJK punctuation (see
    :func:`opens_line`), and a word wider than the line breaks between characters. Spaces
    at the end of a line stay on that line.

    Args:
        text: The shown text.
        width: Cells per line.

    Returns:
        The lines.
    """
    width = max(width, 2)
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    while True:
        newline = text.find("\n", pos)
        end = len(text) if newline == -1 else newline
        _wrap_paragraph(text, pos, end, width, starts, ends)
        if newline == -1:
            break
        pos = newline + 1
    return Lines(starts, ends, width)


def _cells(text: str) -> int:
    """Cells a text takes, as ``rich.cells.cell_len`` counts them, faster on unseen text.

    Rich sums each character's width through a generator (a Python frame per character) for
    a string it has not cached; text with inline readings is mostly such strings. Summing
    over ``map`` of its cached per-character function is the same sum without the frames.
    Joiners and variation selectors (emoji sequences) are left to Rich.
    """
    if "\u200d" in text or "\ufe0f" in text:
        return cell_len(text)
    return sum(map(get_character_cell_size, text))


NO_LINE_START = frozenset("、。，．：；？！）］｝」』】〕〉》”’…％,.;:!?)]}%")
"""What a line of CJK text never starts with (禁則: closing punctuation stays with its word)."""
NO_LINE_END = frozenset("（［｛「『【〔〈《“‘([{")
"""What such a line never ends with (opening punctuation goes down with its word)."""


_CLAUSE_ENDS = frozenset("、。，．：；？！）］｝」』】〕〉》”’")
"""CJK punctuation after which a line may start, with no space, before a hanja or more."""
_OPENERS = frozenset("（［｛「『【〔〈《“‘")
"""CJK punctuation before which a line may start, with no space."""


def opens_line(text: str, at: int) -> bool:
    """Whether a line may start at ``at`` inside a run with no space, as CJK lines break
    around punctuation: after 。，》” and before 《“ (澳门(마카오)|《基本法(기본법)》，|１９９９年),
    never before closing punctuation nor after opening, nor before hangul (“杭州”이라고).

    Args:
        text: The shown text.
        at: An offset inside it, after its first character.

    Returns:
        Whether a line may start there.
    """
    before, after = text[at - 1], text[at]
    if after in NO_LINE_START or before in NO_LINE_END or "\uac00" <= after <= "\ud7a3":
        return False
    return before in _CLAUSE_ENDS or after in _OPENERS


def _spaced(text: str) -> bool:
    """Whether a stretch of shown text holds a space or a reading put in: words then break
    as words do, where plain Chinese fills its lines to the last character."""
    return " " in text or "(" in text or "\u3000" in text or "\t" in text


def _kept_together(text: str, line: int, cut: int) -> int:
    """Where a line broken between characters ends, moved back so that the next line does not
    start with closing punctuation (。) nor this one end with opening punctuation (“): the
    characters before it go down with it, as CJK typesetting does (one line of them at most).
    """
    at = cut
    while at - 1 > line and (text[at] in NO_LINE_START or text[at - 1] in NO_LINE_END):
        at -= 1
    return at if at - 1 > line else cut


def _wrap_paragraph(
    text: str, start: int, end: int, width: int, starts: list[int], ends: list[int]
) -> None:
    if end - start <= width // 2 or _cells(text[start:end]) <= width:
        starts.append(start)
        ends.append(end)
        return
    # cells[k]: the cells of text[start : start + k], so a line's end is found by bisection
    # instead of measuring word after word (a Chinese text with its pinyin has millions).
    cells = list(accumulate(map(get_character_cell_size, text[start:end]), initial=0))
    line = start
    while True:
        fits = bisect_right(cells, cells[line - start] + width) - 1 + start  # text[line:fits]
        if fits >= end:
            break
        if text[fits].isspace():  # spaces after the last word that fits stay on its line
            while fits < end and text[fits].isspace():
                fits += 1
            if fits >= end:
                break
            cut = fits
        else:
            word = fits
            while word > line and not text[word - 1].isspace() and not opens_line(text, word):
                word -= 1
            if word > line and not text[word - 1].isspace() and not _spaced(text[line:word]):
                word = line  # Plain Chinese: lines break between any characters, as before.
            # Before the word that does not fit (unless only blank cells precede it); a word
            # wider than the line, inside it.
            blank = cells[word - start] == cells[line - start]
            cut = word if not blank else _kept_together(text, line, max(fits, line + 1))
        starts.append(line)
        ends.append(cut)
        line = cut
    starts.append(line)
    ends.append(end)
