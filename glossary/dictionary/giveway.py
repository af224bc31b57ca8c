"""Where the longest match of step 1 gives way to the word a reader means.

Longest match from the left (:mod:`glossary.dictionary.segment`) takes the first word, as
Zhongwen's pointer on its first character shows it. Two kinds of word give way to a word that
overlaps them, so that they are overlapped by it, never cut into pieces alone (Zhongwen's rule,
as ``tests/glossary/test_segment.py`` checks it):

- a preposition or conjunction run into a longer word (在行|政院: 在|行政院), see
  :func:`overlapped`;
- a word that would leave the character after it alone when that character makes a word of two
  with the word's last one (中国人|民: 中国|人民; 和政|府: 和|政府), see :func:`strands`; in a
  Chinese text, a word of two does when the other reading is the likelier one by how often
  Chinese writes each word (中指|出: 中|指出), see :func:`likelier`.

Each function takes ``steps``, the segmenter's table of words and their beginnings: a string
maps to a true value when it is a word, a false one when it only begins words, and is absent
when it begins none.
"""

from __future__ import annotations

from collections.abc import Mapping

from glossary.dictionary.wordtable import NOT_IN_FILL

__all__ = [
    "BLOCKS",
    "CLASSIFIERS",
    "GIVES_WAY",
    "NUMERALS",
    "SUFFIXES",
    "YIELDS_TO_TWO",
    "likelier",
    "longest_at",
    "overlapped",
    "strands",
    "yields_to_two",
]

Steps = Mapping[str, object]

GIVES_WAY = frozenset("在对對和与與从從向把被给給为為于於将將及而或跟同由让讓")
"""Prepositions and conjunctions that give way to a longer word overlapping them (在|行政院)."""

YIELDS_TO_TWO = (NOT_IN_FILL | frozenset("各每这這那某该該本此有新高老")) - frozenset("没沒")
"""Function words, pronouns and demonstratives that, first in a word of two, give way to a
word of two that would otherwise strand a character (和政|府: 和|政府); and 有, to have (有名|气:
有|名气, not "famous | air"), and the adjectives 新, 高 and 老 before a noun (新政|府: 新|政府,
not "New Deal | mansion"; 高利|率: 高|利率; not 大, 全 or 多, which lost more than they gained:
全|国共, 多|少年). Not 没, whose 没有 stays (没有|人, not 没|有人)."""


CLASSIFIERS = frozenset(
    "个個名位家条條项項批种種所次件张張本只隻头頭台臺辆輛架座栋棟间間部份套双雙副群届屆期类類级級场場"
)
"""Measure words that, after a numeral and first in a word of two, give way like the words of
:data:`YIELDS_TO_TWO` (三名学|生: 三|名|学生; 三家公|司: 三|家|公司)."""

NUMERALS = frozenset("一二三四五六七八九十两兩几幾百千万萬零〇")
"""Numerals a measure word follows (digits too, see :func:`yields_to_two`)."""


BLOCKS = NOT_IN_FILL - frozenset("会會要能可")
"""What, after a word, keeps it from giving way (see :func:`strands`): function words and
pronouns (科学家|的: 家的 is no reading), but not the modal verbs, which end nouns too (有机|会:
有|机会; 为主|要: 为|主要)."""


SUFFIXES = frozenset("们們")
"""Suffixes that stay with the word before them whatever their counts say (乡亲|们, not
乡|亲们, the Weibo greeting "dears"; 老人|们, not 老|人们)."""


def likelier(counts: Mapping[str, int], text: str, i: int) -> bool:
    """Whether the word of two at ``text[i]`` and the character after it (A B|C) are likelier
    read as a character and the word of two after it (A|B C), as a unigram model reads them:
    the counts' product A × BC beats AB × C, each count one more than the list's (中指|出 is
    中|指出, 人参|加 人|参加, 年历|史 年|历史, 迎新|春 迎|新春; 中国|人 stays).

    On the People's Daily (development half), F1 +0.0044: the changes the hand agrees with
    outnumber the others about two to one, the counts being those of Weibo posts (Leiden), not
    of the news.

    Args:
        counts: How often Chinese text has each character and word of two
            (:attr:`~glossary.dictionary.wordtable.WordLists.counts`).
        text: The text, its hanja as the word lists write them.
        i: Where the word of two starts; BC must be a dictionary word.

    Returns:
        Whether the word gives way.
    """
    if text[i + 2] in SUFFIXES:
        return False
    get = counts.get
    before = (get(text[i : i + 2], 0) + 1) * (get(text[i + 2], 0) + 1)
    return (get(text[i], 0) + 1) * (get(text[i + 1 : i + 3], 0) + 1) > before


def yields_to_two(text: str, i: int) -> bool:
    """Whether the word of two at ``text[i]`` gives way to a word of two on its last character:
    its first is a function word or demonstrative, or a measure word after a numeral, a digit
    or a number set aside (hidden as NUL: 20多名下|岗 is 20多|名|下岗), or it follows 各 or 每,
    which count as numerals do (各族人|民: 各|族|人民; 本 or 这 end words, 日本|企|业界).

    Args:
        text: The text, its hanja as the word lists write them.
        i: Where the word starts.

    Returns:
        Whether it gives way.
    """
    first = text[i]
    if first in YIELDS_TO_TWO or i == 0:
        return first in YIELDS_TO_TWO
    before = text[i - 1]
    if before in "各每":
        return True
    return first in CLASSIFIERS and (before in NUMERALS or before.isdigit() or before == "\0")


def longest_at(steps: Steps, key: str, i: int, end: int) -> int:
    """The length of the longest dictionary word at ``key[i]`` ending by ``end`` (1 if none).

    Args:
        steps: The words and their beginnings.
        key: The text, its hanja as the word lists write them.
        i: Where the word starts.
        end: Where the run of hanja ends.

    Returns:
        The length.
    """
    longest = 1
    for stop in range(i + 2, end + 1):
        found = steps.get(key[i:stop])
        if found is None:
            break
        if found:
            longest = stop - i
    return longest


def overlapped(steps: Steps, text: str, i: int, end: int, stop: int) -> bool:
    """Whether the word ``text[i:end]`` is a preposition or conjunction run into a longer word
    that starts on its second character and ends past it (在行|政院: 在|行政院; 對立|法院:
    對|立法院).

    Only a function word gives way: 提高|效率 stays, although 高效率 is a word too.

    Args:
        steps: The words and their beginnings.
        text: The text, its hanja as the word lists write them.
        i: Where the word starts.
        end: Where it ends.
        stop: Where the run of hanja ends.

    Returns:
        Whether its first character stands alone, before the longer word.
    """
    if end - i != 2 or text[i] not in GIVES_WAY or end + 1 > stop:
        return False
    if steps.get(text[i + 1 : end + 2]) is None:
        return False  # Usually the only look-up: no word of three starts there.
    return longest_at(steps, text, i + 1, stop) >= 3


def strands(
    steps: Steps, text: str, i: int, end: int, stop: int, counts: Mapping[str, int] | None = None
) -> bool:
    """Whether the word ``text[i:end]`` gives way to the word of two on its last character,
    which it would otherwise leave standing alone (中国人|民: 中国|人民).

    The character after the word must begin no word and be none of :data:`BLOCKS` (科学家|的
    stays: 家的 is no reading of it; in Chinese text a function word's word of two may still
    give way by the counts: 及其|他, 及|其他); what is left of the word must be a word itself,
    or, of a word of two, a function word or a demonstrative (:data:`YIELDS_TO_TWO`: 和政|府 is
    和|政府, a county's name being no reading of it), or, in Chinese text, likelier so
    (:func:`likelier`). On the People's Daily, F1 +0.0065: the changes the
    hand agrees with outnumber the others three to one.

    Args:
        steps: The words and their beginnings.
        text: The text, its hanja as the word lists write them.
        i: Where the word starts.
        end: Where it ends.
        stop: Where the run of hanja ends.
        counts: In Chinese text, the counts of characters and words of two: a word of two
            also gives way when :func:`likelier` says so.

    Returns:
        Whether the word ends one character earlier.
    """
    if end >= stop:
        return False
    if not steps.get(text[end - 1 : end + 1]):
        return False  # Usually the only look-up: the last character and the next no word.
    if longest_at(steps, text, end, stop) > 1:
        return False
    if text[end] in BLOCKS:
        # Only a function word's word of two, and by the counts (及其|他: 及|其他, "and
        # others"; 与其|他: 与|其他; 为首|都: 为|首都; 这不|是: 这|不是); 不但|是 stays.
        return counts is not None and _unblocked(text, i, end) and likelier(counts, text, i)
    if end - i == 2:
        return yields_to_two(text, i) or (counts is not None and likelier(counts, text, i))
    return bool(steps.get(text[i : end - 1]))


def _unblocked(text: str, i: int, end: int) -> bool:
    """Whether the word ``text[i:end]``, though a word of :data:`BLOCKS` follows it, may give
    way in Chinese text by the counts: a word of two begun by a function word, but not 不
    before 是 (不但|是 stays: 不|但是 would read "not | but"; 这不|是 is 这|不是)."""
    return end - i == 2 and text[i] in NOT_IN_FILL and text[i : end + 1 : 2] != "不是"
