"""What is set aside before step 1 of segmentation, besides numbers led by digits.

Names longest match would cut (:func:`~glossary.dictionary.names.names_before_matching`), and
ordinals in numerals: 第三条 is 第三|条 (the third article), not 第|三条, and 第四次 第四|次, where
longest match took the numeral with the word after it (People's Daily, development half: some
forty places). An ordinal that begins a longer word (第三者, a third party; 第一线, the front
line) or lies inside one (天下第一) is left to the steps.
"""

from __future__ import annotations

import functools
import re

from glossary.dictionary.giveway import Steps, longest_at
from glossary.dictionary.names import first_apart, names_before_matching, runs_into
from glossary.engine.cjk import NUMERAL_HANJA

__all__ = ["hanja_ordinals", "set_aside"]

Span = tuple[int, int]


@functools.cache
def _ordinal() -> re.Pattern[str]:
    """第 and a number from one to ninety-nine in numerals (第三, 第十四, 第九十二)."""
    digit = "[一二三四五六七八九]"
    return re.compile(f"第(?:{digit}?十{digit}?|{digit})")


def hanja_ordinals(key: str, steps: Steps, longest_word: int) -> list[Span]:
    """Ordinals in numerals that no dictionary word holds or runs past (see the module).

    Args:
        key: The text, its hanja as the word lists write them.
        steps: The segmenter's words and their beginnings.
        longest_word: The length of the longest dictionary word.

    Returns:
        Their (start, end) offsets, in order.
    """
    found: list[Span] = []
    end = len(key)
    for match in _ordinal().finditer(key):
        s, e = match.span()
        if e < end and key[e] in NUMERAL_HANJA:
            continue  # 第一百, 第一一: a number the pattern does not read whole.
        if s + longest_at(steps, key, s, end) > e or runs_into(steps, key, s, longest_word):
            continue
        found.append((s, e))
    return found


def set_aside(key: str, steps: Steps, longest_word: int) -> list[Span]:
    """Names and ordinals to set aside before step 1, in order, none overlapping.

    Args:
        key: As for :func:`hanja_ordinals`.
        steps: As for :func:`hanja_ordinals`.
        longest_word: As for :func:`hanja_ordinals`.

    Returns:
        Their (start, end) offsets, in order; of two that overlap, the first.
    """
    names = names_before_matching(key, steps, longest_word)
    ordinals = hanja_ordinals(key, steps, longest_word)
    return first_apart(names + ordinals) if ordinals else names
