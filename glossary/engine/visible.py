"""Reading a text through its visible form: invisible characters dropped, hangul composed."""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING

from glossary.engine.sentences import Sentences
from glossary.model import Mention

if TYPE_CHECKING:
    from glossary.model import Occurrence, Suggestion, Term

# Characters that hide inside glosses: zero-width space, non-joiner and joiner, the
# direction marks, word joiner, soft hyphen and BOM (dropped); variation selectors (dropped,
# but they belong to the character before them); conjoining jamo of decomposed (NFD) hangul
# (composed). Texts without any take the fast path, decided by one regular-expression scan.
_DROPPED = "\u00ad\u200b-\u200f\u2060\ufeff"
_SELECTORS = "\ufe00-\ufe0f\U000e0100-\U000e01ef"
_JAMO = "\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff"
_DETACHED = frozenset(chr(c) for c in (0xAD, *range(0x200B, 0x2010), 0x2060, 0xFEFF))


@functools.cache
def _hidden() -> re.Pattern[str]:
    """A hidden character (compiled on first use, like every pattern of the package)."""
    return re.compile(f"[{_DROPPED}{_SELECTORS}{_JAMO}]")


@functools.cache
def _hidden_run() -> re.Pattern[str]:
    """A run of invisible characters, or of jamo (with the syllable they may join)."""
    return re.compile(f"[{_DROPPED}{_SELECTORS}]+|[가-힣]?[{_JAMO}]+")


class VisibleText:
    """A text with its hidden characters dropped and its decomposed hangul composed.

    Glosses are found in :attr:`text`; :meth:`start` and :meth:`end` map offsets back to
    the original, so that a span covers the characters as they were read (a variation
    selector with the hanja before it, the jamo of a composed syllable).

    Args:
        original: The text as read.
        text: Its visible form.
        breaks: ``(visible offset, original offset)`` pairs, sorted: from each, offsets
            advance together until the next.
    """

    def __init__(self, original: str, text: str, breaks: list[tuple[int, int]]) -> None:
        self.original = original
        self.text = text
        self._at = [b[0] for b in breaks]
        self._to = [b[1] for b in breaks]

    @classmethod
    def of(cls, text: str) -> VisibleText | None:
        """The visible form of a text, or None when it has nothing hidden (the usual case).

        Args:
            text: The text as read.

        Returns:
            The view, or None.
        """
        if _hidden().search(text) is None:
            return None
        pieces: list[str] = []
        breaks = [(0, 0)]
        size = done = 0  # Length of the visible text so far; original characters read.
        for run in _hidden_run().finditer(text):
            pieces.append(text[done : run.start()])
            size += run.start() - done
            done = run.end()
            if not _is_jamo(run.group()[-1]):  # Invisible characters: dropped.
                breaks.append((size, done))
                continue
            for at, until, syllable in _composed(run.group(), run.start()):
                breaks.append((size, at))
                pieces.append(syllable)
                size += len(syllable)
                breaks.append((size, until))
        pieces.append(text[done:])
        return cls(text, "".join(pieces), breaks)

    def start(self, i: int) -> int:
        """Where the visible character at ``i`` starts in the original.

        Args:
            i: An offset into :attr:`text` (its length included).

        Returns:
            The original offset.
        """
        k = bisect.bisect_right(self._at, i) - 1
        return self._to[k] + i - self._at[k]

    def end(self, i: int) -> int:
        """Where a span of :attr:`text` ending at ``i`` ends in the original.

        Args:
            i: An end offset into :attr:`text`, above 0.

        Returns:
            The original offset just after the visible character ``i - 1`` and what belongs
            to it, not after the invisible characters that follow it.
        """
        end, floor = self.start(i), self.start(i - 1) + 1
        while end > floor and self.original[end - 1] in _DETACHED:
            end -= 1
        return end


def _is_jamo(ch: str) -> bool:
    return "\u1100" <= ch <= "\u11ff" or "\ua960" <= ch <= "\ua97f" or "\ud7b0" <= ch <= "\ud7ff"


def _composed(run: str, offset: int) -> list[tuple[int, int, str]]:
    """The syllables of a run of conjoining jamo: (original start, end, composed text).

    Each syllable takes the longest prefix (up to a syllable, a vowel and a final) that NFC
    composes into one character; jamo that compose with nothing stay as they are.
    """
    out = []
    i = 0
    while i < len(run):
        for length in (3, 2, 1):
            piece = run[i : i + length]
            composed = unicodedata.normalize("NFC", piece)
            if len(composed) == 1 or length == 1:
                break
        out.append((offset + i, offset + i + len(piece), composed))
        i += len(piece)
    return out


def as_read(
    view: VisibleText, terms: tuple[Term, ...], suggestions: tuple[Suggestion, ...]
) -> tuple[tuple[Term, ...], tuple[Suggestion, ...]]:
    """Terms and suggestions found in a visible text, with offsets and sentences as read.

    Args:
        view: The visible text they were found in.
        terms: The terms, offsets in the visible text.
        suggestions: The suggestions, offsets in the visible text.

    Returns:
        The terms and suggestions, offsets and sentences in the text as read.
    """
    sentences = Sentences(view.original)
    start, end = view.start, view.end

    def occurrence(o: Occurrence) -> Occurrence:
        s, e = start(o.start), end(o.end)
        return o._replace(
            start=s,
            end=e,
            hanja_start=start(o.hanja_start),
            hanja_end=end(o.hanja_end),
            gloss_start=None if o.gloss_start is None else start(o.gloss_start),
            gloss_end=None if o.gloss_end is None else end(o.gloss_end),
            sentence=sentences.around(s, e),
        )

    def place(m: Mention) -> Mention:
        return Mention(start(m.start), end(m.end))

    terms = tuple(
        replace(
            t,
            occurrences=tuple(map(occurrence, t.occurrences)),
            mentions=tuple(map(place, t.mentions)),
        )
        for t in terms
    )
    return terms, tuple(replace(s, places=tuple(map(place, s.places))) for s in suggestions)
