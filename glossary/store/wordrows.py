"""A bare word's place rows as the store writes them, made when read, not held.

A Chinese document has a place per word, two million in 10 MB: as tuples of nine values the
rows of one ``glossary add`` held some 400 MB at its peak. :class:`WordRows` keeps what
they are made of (8 bytes a place for its start, 8 for its sentence, shared with the other
words of the sentence) and reads like the tuple of rows it stands for.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

__all__ = ["WordRows"]

Row = tuple[object, ...]


class WordRows(Sequence[Row]):
    """The rows of a word's bare places: ``(start, end, start, end, None, None, surface,
    sentence, "")`` each (span, hanja span, no gloss span, the text there, sentence, no note).

    Indexing, slicing, iterating, ``len`` and ``==`` (with a tuple of rows too) give what
    that tuple would; it pickles compactly (a bulk import sends it between processes).

    Args:
        starts: Where each place starts.
        length: The word's length in characters.
        surface: The word as written at every place.
        sentences: Each place's sentence, in the order of ``starts``.
    """

    __slots__ = ("_length", "_sentences", "_starts", "_surface")

    def __init__(
        self, starts: Iterable[int], length: int, surface: str, sentences: Iterable[str]
    ) -> None:
        self._starts = starts if isinstance(starts, array) else array("q", starts)
        self._length = length
        self._surface = surface
        self._sentences = tuple(sentences)
        if len(self._sentences) != len(self._starts):
            raise ValueError("one sentence per place")

    def _row(self, start: int, sentence: str) -> Row:
        end = start + self._length
        return (start, end, start, end, None, None, self._surface, sentence, "")

    def __len__(self) -> int:
        return len(self._starts)

    def __iter__(self) -> Iterator[Row]:
        row = self._row
        for start, sentence in zip(self._starts, self._sentences, strict=True):
            yield row(start, sentence)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Row, ...]: ...

    def __getitem__(self, index: int | slice) -> Row | tuple[Row, ...]:
        if isinstance(index, slice):
            return tuple(map(self._row, self._starts[index], self._sentences[index]))
        return self._row(self._starts[index], self._sentences[index])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, WordRows | tuple):
            if len(self) != len(other):
                return False
            return all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"WordRows({len(self)} places of {self._surface!r})"

    def __reduce__(self) -> tuple[type[WordRows], tuple[array[int], int, str, tuple[str, ...]]]:
        return WordRows, (self._starts, self._length, self._surface, self._sentences)


def word_rows(
    text: str, starts: Sequence[int], length: int, sentences: Iterable[str]
) -> WordRows | tuple[Row, ...]:
    """A word's place rows: a :class:`WordRows` when the word is written alike everywhere.

    Args:
        text: The document's text.
        starts: Where each place starts.
        length: The word's length.
        sentences: Each place's sentence.

    Returns:
        The rows; a tuple of them when the word is written in more than one way (variant
        shapes unified into one term), each row with its own surface.
    """
    surface = text[starts[0] : starts[0] + length] if len(starts) else ""
    if all(text.startswith(surface, s) for s in starts):
        return WordRows(starts, length, surface, sentences)
    return tuple(
        (s, s + length, s, s + length, None, None, text[s : s + length], sentence, "")
        for s, sentence in zip(starts, sentences, strict=True)
    )
