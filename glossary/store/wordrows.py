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
    sentence, "", at)`` each (span, hanja span, no gloss span, the text there, sentence, no
    note, where the word starts in the sentence).

    Indexing, slicing, iterating, ``len`` and ``==`` (with a tuple of rows too) give what
    that tuple would; it pickles compactly (a bulk import sends it between processes).

    Args:
        starts: Where each place starts.
        length: The word's length in characters.
        surface: The word as written at every place.
        sentences: Each place's sentence, in the order of ``starts``.
        offsets: Where the word starts in each place's sentence (-1: not known); all
            unknown when not given.
    """

    __slots__ = ("_length", "_offsets", "_sentences", "_starts", "_surface")

    def __init__(
        self,
        starts: Iterable[int],
        length: int,
        surface: str,
        sentences: Iterable[str],
        offsets: Iterable[int] = (),
    ) -> None:
        self._starts = starts if isinstance(starts, array) else array("q", starts)
        self._length = length
        self._surface = surface
        self._sentences = tuple(sentences)
        self._offsets = offsets if isinstance(offsets, array) else array("i", offsets)
        if not self._offsets:
            self._offsets = array("i", [-1]) * len(self._starts)
        if not len(self._sentences) == len(self._starts) == len(self._offsets):
            raise ValueError("one sentence and one offset per place")

    def _row(self, start: int, sentence: str, at: int) -> Row:
        end = start + self._length
        return (start, end, start, end, None, None, self._surface, sentence, "", _known(at))

    def __len__(self) -> int:
        return len(self._starts)

    def __iter__(self) -> Iterator[Row]:
        row = self._row
        for start, sentence, at in zip(self._starts, self._sentences, self._offsets, strict=True):
            yield row(start, sentence, at)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Row, ...]: ...

    def __getitem__(self, index: int | slice) -> Row | tuple[Row, ...]:
        if isinstance(index, slice):
            rows = zip(
                self._starts[index], self._sentences[index], self._offsets[index], strict=True
            )
            return tuple(self._row(*row) for row in rows)
        return self._row(self._starts[index], self._sentences[index], self._offsets[index])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, WordRows | tuple):
            if len(self) != len(other):
                return False
            return all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"WordRows({len(self)} places of {self._surface!r})"

    def __reduce__(
        self,
    ) -> tuple[type[WordRows], tuple[array[int], int, str, tuple[str, ...], array[int]]]:
        return WordRows, (self._starts, self._length, self._surface, self._sentences, self._offsets)


def word_rows(
    text: str,
    starts: Sequence[int],
    length: int,
    sentences: Iterable[str],
    found: dict[str, int] | None = None,
) -> WordRows | tuple[Row, ...]:
    """A word's place rows: a :class:`WordRows` when the word is written alike everywhere.

    Args:
        text: The document's text.
        starts: Where each place starts.
        length: The word's length.
        sentences: Each place's sentence.
        found: Where sentences were found in ``text`` before, by sentence, shared by the
            calls for one document's words (the words of a sentence share it: found once,
            not once a word); this call's finds go in.

    Returns:
        The rows; a tuple of them when the word is written in more than one way (variant
        shapes unified into one term), each row with its own surface.
    """
    sentences = tuple(sentences)
    bases = {} if found is None else found
    known = bases.get
    offsets = array("i")
    for start, sentence in zip(starts, sentences, strict=True):
        base = known(sentence, -1)
        # A sentence written twice in the text is found again where the other one stands.
        if base < 0 or start < base or start + length > base + len(sentence):
            at = sentence_at(text, sentence, start, start + length)
            base = bases[sentence] = -1 if at is None else start - at
        offsets.append(start - base if base >= 0 else -1)
    surface = text[starts[0] : starts[0] + length] if len(starts) else ""
    if all(text.startswith(surface, s) for s in starts):
        return WordRows(starts, length, surface, sentences, offsets)
    return tuple(
        (s, s + length, s, s + length, None, None, text[s : s + length], sentence, "", _known(at))
        for s, sentence, at in zip(starts, sentences, offsets, strict=True)
    )


def sentence_at(text: str, sentence: str, start: int, end: int) -> int | None:
    """Where a place starts in its sentence, the sentence as cut from the text around it.

    Args:
        text: The document's text.
        sentence: The place's sentence: a stretch of ``text`` that holds ``text[start:end]``.
        start: Where the place starts in ``text``.
        end: Where it ends.

    Returns:
        ``start`` as an offset into ``sentence``; None when no such stretch holds the place.
    """
    found = text.find(sentence, max(0, end - len(sentence)), start + len(sentence))
    return start - found if found >= 0 and sentence else None


def _known(at: int) -> int | None:
    return at if at >= 0 else None
