"""Sentences around a span: the context a glossed place is shown and stored with."""

from __future__ import annotations

import bisect
import functools
import re
from array import array
from collections.abc import Iterable, Iterator


@functools.cache
def sentence_end() -> re.Pattern[str]:
    """A sentence end: a mark with any closing quote and then white space, 。, or a line end."""
    return re.compile("[.?!]+['\"’”」』)]*\\s|。|\n")


class Sentences:
    """Sentence boundaries of a text, found in one pass, for looking up many spans.

    Args:
        text: The document text.
        limit: A sentence reaches at most this many characters beyond the span on each side.
    """

    def __init__(self, text: str, limit: int = 300) -> None:
        self.text = text
        self.limit = limit
        self.ends = [m.end() for m in sentence_end().finditer(text)]
        # Spans in one sentence share one string: an import then pickles and keeps it once.
        self._cut: dict[tuple[int, int], str] = {}
        # The last sentence asked for, whole: its bounds and string (spans come in text order,
        # several to a sentence; a Chinese document has hundreds of thousands).
        self._last = (0, -1, "")
        self._numbers: array[int] | None = None
        self._whole: dict[int, str] = {}

    def __getstate__(self) -> tuple[str, int, list[int]]:
        # A glossary's word places hold this finder: its caches are not worth pickling.
        return self.text, self.limit, self.ends

    def __setstate__(self, state: tuple[str, int, list[int]]) -> None:
        self.text, self.limit, self.ends = state
        self._cut = {}
        self._last = (0, -1, "")
        self._numbers = None
        self._whole = {}

    def around(self, start: int, end: int) -> str:
        """The sentence that holds ``text[start:end]``, stripped of white space.

        Args:
            start: Start of the span.
            end: End of the span.

        Returns:
            The sentence.
        """
        low, high, whole = self._last
        limit = self.limit
        if low <= start and end <= high and start - limit <= low and high <= end + limit:
            return whole
        ends = self.ends
        i = bisect.bisect_right(ends, start)
        j = bisect.bisect_left(ends, end)
        low, high = ends[i - 1] if i else 0, ends[j] if j < len(ends) else len(self.text)
        s0, e0 = max(low, start - limit), min(high, end + limit)
        if s0 != low or e0 != high:
            # Cut short on a side: a window of its own (each word of a long sentence has one),
            # not kept, or a text without sentence ends would keep one per word.
            return self.text[s0:e0].strip()
        cut = self._cut.get((s0, e0))
        if cut is None:
            cut = self._cut[(s0, e0)] = self.text[s0:e0].strip()
        if i == j:  # One sentence, whole.
            self._last = (low, high, cut)
        return cut

    def of_words(self, starts: Iterable[int], length: int) -> Iterator[str]:
        """:meth:`around` of ``(start, start + length)`` for each start, in one loop (a
        Chinese document's JSON has a place per word, two million in 10 MB).

        Args:
            starts: Where each word starts.
            length: The words' length.

        Yields:
            Each word's sentence, in the order of ``starts``; the words of one sentence
            share its string, in this call and later ones (a store writes every word's).
        """
        ends, limit, text, around = self.ends, self.limit, self.text, self.around
        count, index = len(ends), self._index()
        made = self._whole  # By sentence number, across calls: every word shares the string.
        for start in starts:
            end = start + length
            i = index[start]
            if i < count and end <= ends[i]:  # In one sentence, the usual case.
                low = ends[i - 1] if i else 0
                high = ends[i]
                if start - limit <= low and high <= end + limit:
                    found = made.get(i)
                    if found is None:
                        found = made[i] = text[low:high].strip()
                    yield found
                    continue
            yield around(start, end)

    def _index(self) -> array[int]:
        """The number of the sentence at each character (how many sentence ends are at or
        before it), made on first use: 4 bytes a character, one look-up a word."""
        if self._numbers is None:
            numbers = array("i")
            at = 0
            for n, end in enumerate([*self.ends, len(self.text)]):
                numbers += array("i", [n]) * (end - at)
                at = end
            self._numbers = numbers
        return self._numbers


def sentence_around(text: str, start: int, end: int, limit: int = 300) -> str:
    """The sentence that holds ``text[start:end]``, cut at line breaks and sentence ends.

    For many spans of one text, build :class:`Sentences` once instead.

    Args:
        text: The document text.
        start: Start of the span.
        end: End of the span.
        limit: At most this many characters are taken on each side.

    Returns:
        The sentence, stripped of surrounding white space.
    """
    lo, hi = max(0, start - limit), min(len(text), end + limit)
    return Sentences(text[lo:hi], limit).around(start - lo, end - lo)
