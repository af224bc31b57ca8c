"""Steps 3 and 4 of segmentation: stretches of single characters filled in with words.

Where longest match leaves two or more single characters side by side, a word of libhangul's
Sino-Korean list (春夏, 黨首) or of the Leiden Weibo Corpus list (来说, 履职) joins them, and a
common surname takes the one or two unknown characters after it (汪文斌): see
:mod:`glossary.dictionary.segment`.
"""

from __future__ import annotations

import copy
import functools

from glossary.dictionary.names import NAME_STARTS, join_names
from glossary.dictionary.wordtable import Tables, WordLists

__all__ = ["Filler"]

Span = tuple[int, int]


class Filler:
    """Fills in stretches over one set of word lists; each stretch is worked out once.

    Args:
        lists: The word lists.
        tables: What is derived from them (the longest filled-in word from each character,
            the first characters of the Sino-Korean words).
    """

    def __init__(self, lists: WordLists, tables: Tables) -> None:
        self._korean = lists.korean
        self._chinese = lists.chinese
        self._chinese_from = tables.chinese_from  # The longest filled-in word from a character.
        self._korean_from = tables.korean_from
        self._t2s = {ord(t): s for t, s in lists.t2s.items()}
        # Stretches repeat (的是, 在了...): the words of each are kept.
        self.pieces = functools.lru_cache(maxsize=1 << 16)(self._fill)

    def for_chinese(self) -> Filler:
        """A filler for Chinese text: Leiden's Chinese words only, not libhangul's Sino-Korean
        ones, which are Korean words (党的 당적 and 人的 인적 are 党|的 and 人|的 in Chinese).

        Returns:
            The new filler.
        """
        twin = copy.copy(self)
        twin._korean = frozenset()
        twin.pieces = functools.lru_cache(maxsize=1 << 16)(twin._fill)
        return twin

    def filled_in(self, word: str) -> bool:
        """Whether step 3 joins a word: libhangul's or Leiden's list has it, as it compares.

        Args:
            word: A word, its hanja unified as the lists write them.
        """
        return word in self._chinese or (
            len(word) == 2 and word.translate(self._t2s) in self._korean
        )

    def _fill(self, text: str, after_measure: bool) -> tuple[Span, ...] | None:
        """Words over a stretch of single characters, as offsets into it (None: no change).

        Args:
            text: The stretch.
            after_measure: Whether the character before it stops a name (一|张...).
        """
        simplified = text.translate(self._t2s)
        korean, chinese = self._korean, self._chinese
        chinese_from, korean_from = self._chinese_from, self._korean_from
        pieces: list[Span] = []
        i, size = 0, len(text)
        joined = False
        while i < size:
            length = 1
            n = chinese_from.get(text[i], 0)
            if n > size - i:
                n = size - i
            while n > 1:
                if text[i : i + n] in chinese:
                    length = n
                    break
                n -= 1
            if (
                length == 1
                and i + 1 < size
                and simplified[i] in korean_from
                and simplified[i : i + 2] in korean
            ):
                length = 2
            pieces.append((i, i + length))
            i += length
            joined = joined or length > 1
        if not NAME_STARTS.isdisjoint(text):
            named = join_names(text, pieces, after_measure)
            joined = joined or len(named) < len(pieces)
            pieces = named
        return tuple(pieces) if joined else None
