"""Step 1 of segmentation in compiled code, for long texts: an Aho-Corasick automaton.

Longest match from the left over the dictionary's words is what an automaton with
leftmost-longest matching finds (``daachorse``, a Rust double-array Aho-Corasick, MIT or
Apache-2.0): at the first point where some word starts, the longest word there, then on from
its end. It finds the 870,000 words of two characters or more in 10 MB of Chinese in 0.25 s,
which took the Python loop about a second more (``Segmenter.word_starts`` of 10 MB: Leiden words
4.4 → 3.4 s, government text 1.4 → 1.2 s; the rest is the same Python work around each word).
Building it over CC-CEDICT's words takes 0.6 s, so it is built once, the first time a long
text is split, and kept beside the index (8.5 MB), read back in some 20 milliseconds; short
texts never load it (see :class:`glossary.dictionary.segment.Segmenter`). It is stored in the
library's own serialized form, not pickled.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from glossary.dictionary.cachefile import write_beside

if TYPE_CHECKING:
    from daachorse import CharwiseDoubleArrayAhoCorasick

__all__ = ["Matcher", "SharedMatcher", "build_matcher", "load_matcher"]

_MAGIC = b"hanja-reader automaton 1\n"


class Matcher(Protocol):
    """What the segmenter asks of an automaton."""

    def find(self, haystack: str, /) -> list[tuple[int, int, int]]:
        """The leftmost-longest words of a text, without overlaps, in order.

        Args:
            haystack: The text.

        Returns:
            Each word's (start, end, pattern number), in characters.
        """
        ...


class SharedMatcher:
    """An automaton made on first use, once, however many threads and segmenters ask for it
    (a segmenter and its twin for Chinese text share one).

    Args:
        source: Makes the automaton (reads it back or builds it).
    """

    def __init__(self, source: Callable[[], Matcher]) -> None:
        self._source = source
        self._matcher: Matcher | None = None
        self._lock = threading.Lock()

    def get(self) -> Matcher:
        """The automaton (read back or built the first time)."""
        matcher = self._matcher
        if matcher is None:
            with self._lock:
                if self._matcher is None:
                    self._matcher = self._source()
                matcher = self._matcher
        return matcher


def build_matcher(words: Collection[str]) -> Matcher:
    """An automaton over words, matching leftmost-longest.

    Args:
        words: The words (none empty).

    Returns:
        The automaton.
    """
    return _build(words)


def _build(words: Collection[str]) -> CharwiseDoubleArrayAhoCorasick:
    import daachorse

    return daachorse.CharwiseDoubleArrayAhoCorasick(
        list(words), daachorse.MATCH_KIND_LEFTMOST_LONGEST
    )


def load_matcher(path: Path | None, stamp: str, words: Collection[str]) -> Matcher:
    """The automaton over words, read from a file when it holds one made from the same words.

    Otherwise it is built and written there (atomically; a folder that cannot be written is no
    error). The file is the automaton's own serialized form after a header with ``stamp``,
    the library's version and a checksum: a file from other words, another version or damaged
    in any way is built anew, never read.

    Args:
        path: The file; None builds the automaton in memory only.
        stamp: What the words were made from (the word lists' stamp).
        words: The words, for building.

    Returns:
        The automaton.
    """
    import daachorse

    head = _MAGIC + f"{stamp}\t{_version()}\n".encode()
    if path is not None:
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        if data.startswith(head):
            checksum, _, body = data[len(head) :].partition(b"\n")
            if checksum == f"{zlib.crc32(body):08x}".encode():
                try:
                    return daachorse.CharwiseDoubleArrayAhoCorasick.deserialize(body)
                except Exception:  # Whole, yet not the library's form: built anew below.
                    pass
    built = _build(words)
    if path is not None:
        body = built.serialize()
        write_beside(path, head + f"{zlib.crc32(body):08x}\n".encode() + body)
    return built


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("daachorse")
    except PackageNotFoundError:
        return "?"
