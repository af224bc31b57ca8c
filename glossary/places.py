"""Where a term stands in a text: its occurrences, a word's places kept as offsets, and the
places of a Chinese character that read otherwise than its term."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol, overload

__all__ = ["Occurrence", "PlaceReading", "SentenceFinder", "WordPlaces"]


class Occurrence(NamedTuple):
    """Where a term stands in the text: the gloss, the hanja and the parenthesis around them.

    ``text[start:end]`` covers the whole gloss (hangul, parenthesis, hanja, note); the gloss
    and hanja spans say where each part is. A bare occurrence has no gloss span.

    An immutable named tuple, not a frozen dataclass: a Chinese document has a place per
    word, millions of them, and a frozen dataclass costs three times as much to build.
    """

    start: int
    end: int
    hanja_start: int
    hanja_end: int
    gloss_start: int | None
    gloss_end: int | None
    sentence: str
    note: str = ""


class PlaceReading(NamedTuple):
    """How one place of a term reads where it reads otherwise than the term (Chinese text).

    Attributes:
        start: The place's offset in the text (its ``hanja_start``).
        pinyin: The place's reading, tone-marked (为 ``wéi``).
        pinyin_numbered: The same with a tone number.
        traditional: The traditional form the place stands for where it is another than the
            term's (只 counting, ``隻``), else "".
        sino_korean: That form's Sino-Korean reading where it is another (``척``), else "".
    """

    start: int
    pinyin: str
    pinyin_numbered: str
    traditional: str = ""
    sino_korean: str = ""


class SentenceFinder(Protocol):
    """What finds the sentence around a span (``glossary.engine.sentences.Sentences``)."""

    def around(self, start: int, end: int) -> str:
        """The sentence that holds ``text[start:end]``."""

    def of_words(self, starts: Iterable[int], length: int) -> Iterator[str]:
        """``around(start, start + length)`` for each start, in order."""


class WordPlaces(Sequence[Occurrence]):
    """The bare places of one word, kept as offsets and made into occurrences when read.

    A Chinese document has a place per word, millions in 10 MB: as offsets they cost 8 bytes
    each instead of an :class:`Occurrence` of eight fields and its sentence, and a caller
    that only counts them (``glossary extract``'s table) never makes one. Each place is
    ``text[start:start + length]``, bare (no gloss span), with the sentence around it and
    usually no note (a few have their run's: see ``notes``). Reads like a tuple
    of occurrences: indexing, slicing, iterating, ``len`` and ``==`` (with a tuple too) give
    what that tuple would.

    Args:
        starts: Where each place starts, in text order.
        length: The word's length in characters (the same at every place).
        sentences: Finds each place's sentence, when an occurrence is made.
        notes: The note of each place that has one, by its start; the others have none.
    """

    __slots__ = ("_length", "_notes", "_sentences", "_starts")

    def __init__(
        self,
        starts: Iterable[int],
        length: int,
        sentences: SentenceFinder,
        notes: Mapping[int, str] | None = None,
    ) -> None:
        self._starts = starts if isinstance(starts, array) else array("q", starts)
        self._length = length
        self._sentences = sentences
        self._notes: dict[int, str] = dict(notes) if notes else {}

    @property
    def starts(self) -> Sequence[int]:
        """Where each place starts (its end is ``start + length``), without making occurrences;
        read-only, as the model is."""
        return memoryview(self._starts).toreadonly()

    @property
    def length(self) -> int:
        """The word's length in characters."""
        return self._length

    @property
    def notes(self) -> Mapping[int, str]:
        """The note of each place that has one, by its start (usually empty); read-only."""
        return MappingProxyType(self._notes)

    def sentences(self) -> Iterator[str]:
        """The sentence of each place, in order, without making occurrences.

        Returns:
            An iterator over the sentences (the ``sentence`` of each occurrence).
        """
        return self._sentences.of_words(self._starts, self._length)

    def _place(self, start: int) -> Occurrence:
        end = start + self._length
        sentence = self._sentences.around(start, end)
        note = self._notes.get(start, "") if self._notes else ""
        # Occurrence's own __new__ is a Python function around this.
        return tuple.__new__(Occurrence, (start, end, start, end, None, None, sentence, note))

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> Occurrence: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Occurrence, ...]: ...

    def __getitem__(self, index: int | slice) -> Occurrence | tuple[Occurrence, ...]:
        if isinstance(index, slice):
            return tuple(map(self._place, self._starts[index]))
        return self._place(self._starts[index])

    def __iter__(self) -> Iterator[Occurrence]:
        return map(self._place, self._starts)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, WordPlaces) and other._sentences is self._sentences:
            return (
                other._length == self._length
                and other._starts == self._starts
                and other._notes == self._notes
            )
        if not isinstance(other, (tuple, list, WordPlaces)):
            return NotImplemented
        return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __add__(self, other: object) -> tuple[Occurrence, ...]:
        if not isinstance(other, (tuple, WordPlaces)):
            return NotImplemented
        return (*self, *other)

    def __radd__(self, other: object) -> tuple[Occurrence, ...]:
        if not isinstance(other, tuple):
            return NotImplemented
        return (*other, *self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (WordPlaces, (self._starts, self._length, self._sentences, self._notes))

    def __repr__(self) -> str:
        return f"WordPlaces({len(self)} places of {self._length} characters)"
