"""Words inside hanja runs: longest dictionary match, as Zhongwen finds words at the pointer.

A run of hanja (a Chinese sentence, a quotation in Korean text, 국한문혼용, the note of a gloss)
is split into words in four steps:

1. **Longest match** over CC-CEDICT's words (traditional and simplified headwords, Korean
   variant shapes mapped as the engine maps them): from the left, the longest dictionary word
   that starts at each point, else one character. This is forward maximum matching, and what
   Zhongwen shows under the pointer; so every word Zhongwen would show at a word's start is kept
   whole, and a word is only ever cut by another dictionary word that overlaps it. A
   preposition or conjunction run into a longer word gives way to it (在|行政院, not 在行|政院),
   and a word that would leave the character after it alone gives way to the word of two that
   character makes with its last one (中国|人民, not 中国人|民).
2. **Numbers**: digits with their units or a date character (``2014年``, ``8月``, ``14日``,
   ``1兆2500億``, ``200余``) are one word, and so is an ordinal in digits (``第7``), set aside
   before step 1 (which starts afresh after them); a run of numerals that step 1 cut into
   pieces (``一百|二十``, ``第|十四``, ``二〇|二五年``) becomes one word.
3. **Filling in**: where step 1 leaves two or more single characters side by side, a word of
   libhangul's Sino-Korean list (春夏, 黨首; in Korean text only: see
   :meth:`Segmenter.for_chinese`) or of the Leiden Weibo Corpus word list (来说, 履职) joins
   them (see :mod:`glossary.dictionary.wordtable`).
4. **Names**: a common surname left on its own with one or two unknown characters after it
   is a person's name (汪文斌, 石承承), and so is a run of characters that transcribe foreign
   names (亨廷顿, 伊格尔森); a surname and two characters where news puts a name (记者何长工,
   not 何|长工), and a foreign name that step 1 would cut into words (普里马科夫, not
   普|里|马科|夫), are set aside before step 1, as numbers are: see
   :mod:`glossary.dictionary.names`.

Steps 3 and 4 and the numerals of step 2 only join whole pieces of step 1, so a dictionary
word is never cut into smaller pieces inside it (``tests/glossary/test_segment.py`` checks
this Zhongwen rule). The hand-segmented evaluation (``bench/segment_accuracy.py``) follows the
Penn Chinese Treebank guidelines, which cut some dictionary words (改革/开放, 这/个); this
segmenter keeps them whole, as Zhongwen does.

The word lists load on first use from the CC-CEDICT index, once per process, with the tables
matching uses (both kept beside the index: see
:func:`~glossary.dictionary.wordtable.load_word_lists`). Python matching tries each string
from a point only while it begins some word. A long text (from :data:`MATCHER_FROM`
characters) has step 1 done by a compiled leftmost-longest automaton over the same words
(:mod:`glossary.dictionary.automaton`, also kept beside the index; a fifth faster on 10 MB of
Leiden words; the tests hold the two ways equal). :meth:`Segmenter.word_starts` gives the
same words gathered by word, with no span for each: what a Chinese document's glossary needs
(two million words in 10 MB).
"""

from __future__ import annotations

import copy
import functools
import re
import threading
from collections.abc import Callable
from typing import cast

from glossary.dictionary.apart import set_aside
from glossary.dictionary.automaton import Matcher, SharedMatcher, build_matcher
from glossary.dictionary.fill import Filler
from glossary.dictionary.giveway import (
    BLOCKS,
    GIVES_WAY,
    longest_at,
    overlapped,
    strands,
    yields_to_two,
)
from glossary.dictionary.names import NOT_BEFORE_NAME, name_shape, with_numbers
from glossary.dictionary.numbers import (
    digit_numbers,
    hide,
    join_numerals,
    numeral_runs,
    run_start,
)
from glossary.dictionary.wordtable import (
    WordLists,
    derive_tables,
    unifier,
)
from glossary.engine.cjk import HANJA_CLASS, is_hanja

__all__ = ["Segmenter"]

Span = tuple[int, int]

_CHUNK = 1 << 16  # Characters given to the automaton at a time (at least).
MATCHER_FROM = 200_000
"""The length of text (in characters, some 600 KB of Chinese) from which step 1 is matched by
the compiled automaton (:mod:`glossary.dictionary.automaton`) rather than in Python: below it,
reading the automaton back costs more than it saves."""


@functools.cache
def _pattern(name: str) -> re.Pattern[str]:
    """The module's regular expressions, compiled on first use."""
    patterns = {"run": f"[{HANJA_CLASS}]+", "gap": f"[^{HANJA_CLASS}]"}
    return re.compile(patterns[name])


class Segmenter:
    """Splits hanja runs into words over one set of word lists. Safe to share between threads.

    Args:
        lists: The word lists (see :mod:`glossary.dictionary.wordtable`); empty lists give a
            segmenter without dictionary words (numbers, filling in and names only).
        matcher: Gives the automaton over the lists' words (read back or built), called once,
            on the first text of ``matcher_from`` characters or more; None builds it then.
        matcher_from: The length of text from which step 1 is matched by the automaton (the
            words found are the same either way).
    """

    def __init__(
        self,
        lists: WordLists,
        matcher: Callable[[], Matcher] | None = None,
        matcher_from: int = MATCHER_FROM,
    ) -> None:
        self._words = lists.words
        self._automaton = SharedMatcher(matcher or functools.partial(build_matcher, lists.words))
        self._matcher_from = matcher_from if lists.words else 1 << 62
        self._twin: Segmenter | None = None  # The segmenter for Chinese text.
        self._counts: dict[str, int] | None = None  # Chinese text's (see for_chinese).
        self._chinese_counts = lists.counts
        self._twin_lock = threading.Lock()
        # Read back with the lists from beside the index, else derived here (0.2 s for
        # CC-CEDICT's): see :class:`~glossary.dictionary.wordtable.Tables`.
        tables = lists.tables if lists.tables is not None else derive_tables(lists)
        # Each word, and each beginning of one (of two characters or more): matching from a
        # point stops at the first string that begins no word (usually the first one tried).
        self._steps = tables.steps
        self._longest_word = tables.longest_word
        self._filler = Filler(lists, tables)  # Steps 3 and 4.
        self._key = unifier()  # The text with hanja as the word lists write them.
        self._pieces = self._filler.pieces

    def __len__(self) -> int:
        """The number of dictionary words (of two hanja or more) that step 1 matches."""
        return len(self._words)

    def for_chinese(self) -> Segmenter:
        """This segmenter for a Chinese document (made once, sharing the word lists).

        Step 3 then fills in with the Leiden list's Chinese words only: libhangul's
        Sino-Korean words are Korean words (党的 당적 and 人的 인적 are 党|的 and 人|的 in
        Chinese); in step 1 a word of two gives way where Chinese text makes the other reading
        the likelier (see :func:`~glossary.dictionary.giveway.likelier`).

        Returns:
            The segmenter for Chinese text (itself when it is that one).
        """
        if self._twin is None:
            with self._twin_lock:
                if self._twin is None:
                    twin = copy.copy(self)
                    twin._filler = self._filler.for_chinese()
                    twin._pieces = twin._filler.pieces
                    twin._counts = self._chinese_counts
                    twin._twin = twin
                    self._twin = twin
        return self._twin

    # -- the public face ----------------------------------------------------------------------

    def filled_in(self, word: str) -> bool:
        """Whether step 3 fills in a word as written (春夏, 来说; not a name step 4 joins)."""
        return self._filler.filled_in(self._key(word))

    def joined_name(self, word: str) -> str:
        """Whether step 4 joined a word as a name: no dictionary word nor filled-in one, and
        a name's shape (see :func:`~glossary.dictionary.names.name_shape`).

        Args:
            word: A word of this segmenter's, as written.

        Returns:
            ``"person"``, ``"foreign"``, or ``""`` for any other word.
        """
        key = self._key(word)
        if len(key) < 2 or key in self._words or self._filler.filled_in(key):
            return ""
        return name_shape(key)

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
        self._gather(key, hidden, source, (0, len(hidden)), {}, spans, self._found(hidden))
        if numbers:
            spans += numbers
            spans.sort()
        return join_numerals(key, spans, joins) if joins else spans

    def word_starts(self, text: str) -> tuple[dict[str, list[int]], list[Span]]:
        """The words of :meth:`segment`, gathered by how they are written.

        A Chinese document has millions of words: gathered as they are found, they need no
        span each (two million tuples in 10 MB), and a caller that counts places by word gets
        them ready.

        Args:
            text: Any text, as for :meth:`segment`.

        Returns:
            ``(words, apart)``: each word that starts with a hanja, written as in ``text``,
            with the offsets where it starts, in order; and the (start, end) spans of the
            words set aside before step 1, in order: the numbers in digits (``2014年``,
            ``1兆2500億``, the ordinal ``第7``), names step 1 would cut (记者何长工, 普里马科夫)
            and ordinals in numerals (第三条): see :func:`~glossary.dictionary.apart.set_aside`.
        """
        key, hidden, source, numbers, joins = self._prepared(text)
        words: dict[str, list[int]] = {}
        step_one = self._found(hidden)
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
            start, end = run_start(hidden, found.start()), whole.end()
            last = first + 1
            while last < len(joins) and joins[last][0] < end:
                last += 1
            self._gather(key, hidden, source, (at, start), words, None, step_one)
            spans: list[Span] = []
            self._gather(key, hidden, source, (start, end), words, spans, step_one)
            for s, e in join_numerals(key, spans, joins[first:last]):
                words.setdefault(source[s:e], []).append(s)
            at, first = end, last
        self._gather(key, hidden, source, (at, len(hidden)), words, None, step_one)
        return words, numbers

    def _found(self, hidden: str) -> Matcher | None:
        """The automaton for step 1 of a long text; None for a short text (matched in Python:
        the automaton would cost more to read than it saves)."""
        if len(hidden) < self._matcher_from:
            return None
        return self._automaton.get()

    def _prepared(self, text: str) -> tuple[str, str, str, list[Span], list[Span]]:
        """What matching reads: the text with hanja as the word lists write them (``key``),
        the same with the words set aside before step 1 hidden (numbers led by digits, names
        step 1 would cut, ordinals in numerals), what words are taken from, those words'
        spans, and the runs of numerals that no dictionary word is."""
        key = self._key(text)
        numbers = digit_numbers(key)
        if self._words:
            names = set_aside(key, self._steps, self._longest_word)
            if names:
                numbers = with_numbers(numbers, names)
        # A number led by digits (2014年, 1兆2500億) is a word whatever the dictionary says:
        # its hanja are hidden from step 1, which starts afresh after it.
        hidden = hide(key, numbers) if numbers else key
        # Words are taken from the text as written: from ``hidden`` itself when it differs
        # only in the numbers, which no other word holds (the usual case: a slice less a word).
        source = hidden if key == text else text
        joins = [(a, b) for a, b in numeral_runs(key) if key[a:b] not in self._words]
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
        return index, index + longest_at(self._steps, window, 0, len(window))

    # -- step 1: longest match, and steps 3 and 4 on what it leaves ----------------------------

    def _gather(
        self,
        key: str,
        hidden: str,
        source: str,
        bounds: tuple[int, int],
        words: dict[str, list[int]],
        spans: list[Span] | None = None,
        matcher: Matcher | None = None,
    ) -> None:
        """Steps 1, 3 and 4 over the runs of ``hidden`` (the text with its numbers hidden)
        between ``bounds``: the longest words, and the stretches of single characters between them
        filled in. Each word's start goes into ``words`` under the word as ``source`` writes
        it; or, given ``spans``, the word's span is added there, in order, and ``words`` is
        left alone (one loop for both: it runs once for every word of the text). Given
        ``matcher`` (the automaton, for a long text), step 1's words are its words."""
        if matcher is not None:
            self._gather_found(key, hidden, source, bounds, words, spans, matcher)
            return
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
                if hidden[i] in gives_way and overlapped(self._steps, hidden, i, longest, stop):
                    # A word of one character, then the longer word: 在|行政院, not 在行|政院
                    # (nor 他在, of the filling-in list, with the character before).
                    longest, word = i + 1, hidden[i]
                elif (
                    # strands' own first test, inline: it fails for almost every word.
                    longest < stop
                    and steps(hidden[longest - 1 : longest + 1])
                    and strands(self._steps, hidden, i, longest, stop, self._counts)
                ):
                    longest -= 1  # 中国|人民, not 中国人|民.
                    word = hidden[i:longest]
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

    def _gather_found(
        self,
        key: str,
        hidden: str,
        source: str,
        bounds: tuple[int, int],
        words: dict[str, list[int]],
        spans: list[Span] | None,
        matcher: Matcher,
    ) -> None:
        """:meth:`_gather` with step 1's words from the automaton, given the text in chunks cut
        where no word runs on (at a character that is no hanja) to bound the list of words it
        gives at a time; a chunk that cannot be cut so is matched in Python."""
        start, end = bounds
        gap = _pattern("gap").search
        while start < end:
            cut = start + _CHUNK
            if cut < end:
                found = gap(hidden, cut, end)
                cut = found.start() if found is not None else end
            else:
                cut = end
            if cut - start > 4 * _CHUNK:
                # A run of hanja over pages with no break (junk, a stripped text): matched in
                # Python, which keeps no list of its words (50 MB of 杭州 would hold 8 million).
                self._gather(key, hidden, source, (start, cut), words, spans)
            else:
                self._gather_chunk(key, hidden, source, (start, cut), words, spans, matcher)
            start = cut

    def _gather_chunk(
        self,
        key: str,
        hidden: str,
        source: str,
        bounds: tuple[int, int],
        words: dict[str, list[int]],
        spans: list[Span] | None,
        matcher: Matcher,
    ) -> None:
        """Steps 1, 3 and 4 over a chunk, with the automaton's words.

        The automaton finds the longest word from the left, as :meth:`_gather` does; where a
        word gives way (在|行政院), its first character stands alone and the words after it
        are matched in Python, as :meth:`_gather` goes on from there, only until they meet
        the automaton's again (see :meth:`_realign`).
        """
        start, end = bounds
        get, same, steps = words.get, source is hidden, self._steps.get
        stretch, add = self._stretch, spans.append if spans is not None else None
        gives_way, particles, yields, counts = GIVES_WAY, BLOCKS, yields_to_two, self._counts
        run = _pattern("run")
        one, gaps = run.match, run.finditer
        try:
            found = matcher.find(hidden[start:end])
        except UnicodeEncodeError:  # A lone surrogate (text decoded with surrogateescape).
            self._gather(key, hidden, source, bounds, words, spans)
            return
        at = start  # Where the characters no word holds began.
        last = -1  # Where the automaton's word that ends at ``at`` starts (-1: none does).
        k, count = 0, len(found)
        while k < count:
            s, e, _ = found[k]
            k += 1
            s += start
            e += start
            if e - s == 2 and hidden[s] in gives_way:
                stop = end  # As the run's end would: no word holds a character that is no hanja.
                if overlapped(self._steps, hidden, s, e, stop):
                    if s > at:
                        for piece in gaps(hidden, at, s):
                            stretch(key, source, *piece.span(), words, spans)
                    if add is not None:
                        add((s, s + 1))
                    else:
                        words.setdefault(source[s], []).append(s)
                    at, k = self._realign(
                        key, hidden, source, (s + 1, stop), words, spans, found, k - 1, start
                    )
                    last = -1
                    continue
            if s > at:
                # Checked here, where a word is followed by characters no word starts with,
                # rather than for every word (two million in 10 MB).
                if (
                    last >= 0
                    and (
                        counts is not None  # Chinese text: strands tells all.
                        or (hidden[at] not in particles and (at - last > 2 or yields(hidden, last)))
                    )
                    and steps(hidden[at - 1 : at + 1])
                    and strands(self._steps, hidden, last, at, end, counts)
                ):
                    at, k = self._give_back(
                        key, hidden, source, (last, at, end), words, spans, found, k - 1, start
                    )
                    last = -1
                    continue
                if s - at == 1:
                    if one(hidden, at, s) is not None:  # One character between two words.
                        if add is not None:
                            add((at, s))
                        else:
                            word = source[at]
                            places = get(word)
                            if places is None:
                                places = words[word] = []
                            places.append(at)
                else:
                    for piece in gaps(hidden, at, s):
                        stretch(key, source, *piece.span(), words, spans)
            if add is not None:
                add((s, e))
            else:
                word = hidden[s:e] if same else source[s:e]
                places = get(word)
                if places is None:
                    places = words[word] = []
                places.append(s)
            at, last = e, s
        if at < end:
            if (
                last >= 0
                and steps(hidden[at - 1 : at + 1])
                and strands(self._steps, hidden, last, at, end, counts)
            ):
                at, _ = self._give_back(
                    key, hidden, source, (last, at, end), words, spans, found, count, start
                )
            for piece in gaps(hidden, at, end):
                stretch(key, source, *piece.span(), words, spans)

    def _give_back(
        self,
        key: str,
        hidden: str,
        source: str,
        word: tuple[int, int, int],
        words: dict[str, list[int]],
        spans: list[Span] | None,
        found: list[tuple[int, int, int]],
        k: int,
        offset: int,
    ) -> tuple[int, int]:
        """Take back the automaton's word ``hidden[s:e]`` just recorded (``word`` is ``(s, e,
        stop)``), which gives way to the word of two on its last character (see
        :func:`~glossary.dictionary.giveway.strands`): record what is left of it and match in
        Python from its last character, as :meth:`_realign` does; returns what that returns."""
        s, e, stop = word
        if spans is not None:
            spans[-1] = (s, e - 1)
        else:
            written = source[s:e]
            places = words[written]
            places.pop()
            if not places:
                del words[written]
            words.setdefault(source[s : e - 1], []).append(s)
        return self._realign(key, hidden, source, (e - 1, stop), words, spans, found, k, offset)

    def _realign(
        self,
        key: str,
        hidden: str,
        source: str,
        bounds: tuple[int, int],
        words: dict[str, list[int]],
        spans: list[Span] | None,
        found: list[tuple[int, int, int]],
        k: int,
        offset: int,
    ) -> tuple[int, int]:
        """Match in Python from ``bounds[0]`` (after a word that gave way) until a point the
        automaton went on from too (the run's end at the latest): from there its words, ``found``
        from ``k`` (offsets from ``offset``), are the same. Returns where the characters no word
        holds began, and the first word of ``found`` to go on with."""
        i, stop = bounds
        at = i
        count = len(found)
        while True:
            while k < count and found[k][0] + offset < i:
                k += 1
            # The automaton went on from here unless a word of its own holds this point.
            if i >= stop or not (k and found[k - 1][1] + offset > i):
                return at, k
            length = longest_at(self._steps, hidden, i, stop)
            if length < 2:
                i += 1  # A character no word holds, filled in with its stretch.
                continue
            end = i + length
            if overlapped(self._steps, hidden, i, end, stop):
                end = i + 1
            elif strands(self._steps, hidden, i, end, stop, self._counts):
                end -= 1
            if i > at:
                self._stretch(key, source, at, i, words, spans)
            if spans is not None:
                spans.append((i, end))
            else:
                words.setdefault(source[i:end], []).append(i)
            at = i = end

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
            get = words.get  # No empty list made for a word with places already (most).
            for at in range(start, end):
                word = source[at]
                places = get(word)
                if places is None:
                    places = words[word] = []
                places.append(at)
        else:
            for s, e in pieces:
                words.setdefault(source[start + s : start + e], []).append(start + s)
