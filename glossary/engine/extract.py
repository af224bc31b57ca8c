"""Finding glosses in text: hangul(漢字), 漢字(hangul), quoted phrases, notes and bare hanja."""

from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

from glossary.engine.cjk import BMP_HANJA_CLASS, HANJA_CLASS, is_hangul
from glossary.engine.visible import VisibleText

OPENS = "(（"
CLOSES = ")）"
# How far (in characters, on one line) a gloss, its parenthesis or its quote may reach.
# Bounding every look-around keeps extraction linear however broken the input.
WINDOW = 160
QUOTES = {"’": "‘", "”": "“", "'": "'", '"': '"', "」": "「", "』": "『", "》": "《", "〉": "〈"}
OPENING_QUOTES = {v: k for k, v in QUOTES.items()}
# The longest hanja term explained as one word; longer runs are cut (see find_candidates).
MAX_TERM = 32
NOTE_SEPARATORS = ".．·ㆍ‧•∙・,，、;；:：/-=–—"
NAME_DOTS = "·ㆍ・"
# Nesting deeper than this inside a gloss's parenthesis is not a gloss.
MAX_DEPTH = 3

# The regular expressions are compiled on first use (`import glossary` compiles none: the
# hanja classes take a millisecond or more each), by the cached functions below.


@functools.cache
def _quote_stop() -> re.Pattern[str]:
    """A line break or a quote mark, opening or closing."""
    return re.compile("[" + re.escape("".join(sorted({"\n", *QUOTES, *OPENING_QUOTES}))) + "]")


@functools.cache
def _hanja_run() -> re.Pattern[str]:
    """A run of hanja."""
    return re.compile(f"[{HANJA_CLASS}]+")


@functools.cache
def _bmp_hanja_run() -> re.Pattern[str]:
    """A run of hanja in text without characters beyond the BMP, which most text is: a
    class without astral ranges scans twice as fast."""
    return re.compile(f"[{BMP_HANJA_CLASS}]+")


@functools.cache
def _letter() -> re.Pattern[str]:
    """A hangul syllable or a Latin letter."""
    return re.compile("[가-힣A-Za-z]")


@functools.cache
def _word_backwards() -> re.Pattern[str]:
    """A gloss word read backwards from its parenthesis: shorter than the look-around window."""
    return re.compile(f"[가-힣]{{1,{WINDOW - 2}}}")


# What the shortcut for word(漢字) reads back with, when a test replaces it; None (always,
# outside tests) means _word_backwards().
_WORD_BACKWARDS: re.Pattern[str] | None = None


@functools.cache
def _paren_or_newline() -> re.Pattern[str]:
    """A parenthesis, opening or closing, or a line break."""
    return re.compile("[()（）\n]")


@functools.cache
def _nested_gloss() -> re.Pattern[str]:
    """An opening parenthesis with hanja after it."""
    return re.compile(f"[(（][{HANJA_CLASS}]")


@functools.cache
def _head() -> re.Pattern[str]:
    """The head of a parenthesis: hanja with digits or Latin letters, words joined by single
    spaces."""
    return re.compile(
        f"[{HANJA_CLASS}0-9A-Za-z０-９]*[{HANJA_CLASS}][{HANJA_CLASS}0-9A-Za-z０-９]*"
        f"(?: [{HANJA_CLASS}][{HANJA_CLASS}0-9A-Za-z０-９]*)*"
    )


class Candidate(NamedTuple):
    """A gloss (or bare hanja) found in the text, before it is explained.

    ``gloss_start``/``gloss_end`` are None for bare hanja. A quoted gloss is a phrase and is
    never trimmed; an unquoted one is a word that may carry a prefix the hanja does not
    explain (서울시청(市廳)). A named tuple: a long text has tens of thousands of them, and
    a frozen dataclass costs four times as much to build.
    """

    start: int
    end: int
    hanja_start: int
    hanja_end: int
    gloss_start: int | None = None
    gloss_end: int | None = None
    note: str = ""
    quoted: bool = False


def _is_word_char(ch: str) -> bool:
    return ch in _word_chars()


def _close_after(text: str, pos: int) -> int | None:
    """Index of the parenthesis closing one opened just before ``pos``, on the same line.

    Nesting deeper than :data:`MAX_DEPTH` is not a gloss; giving up there keeps runs of
    ``(((((`` cheap.
    """
    depth = 0
    limit = min(len(text), pos + WINDOW)
    search = _paren_or_newline().search
    while True:
        found = search(text, pos, limit)
        if found is None:
            return None
        ch = found.group()
        if ch == "\n":
            return None
        if ch in OPENS:
            depth += 1
            if depth > MAX_DEPTH:
                return None
        elif depth == 0:
            return found.start()
        else:
            depth -= 1
        pos = found.end()


def _open_before(text: str, pos: int) -> int | None:
    """Index of an opening parenthesis before ``pos`` with only digits, Latin or spaces between."""
    i = pos - 1
    floor = max(0, pos - 16)
    while i >= floor:
        ch = text[i]
        if ch in OPENS:
            return i
        if not (ch == " " or ch.isascii() and ch.isalnum() or "０" <= ch <= "９"):
            return None
        i -= 1
    return None


def _gloss_before(text: str, pos: int, close: int, words: int = 1) -> tuple[int, int, bool] | None:
    """The gloss that ends just before an opening parenthesis at ``pos``.

    ``words`` is how many space-separated words the hanja have (習近平 主席: 2); the gloss
    takes as many words when they are there.

    Returns:
        (start, end, quoted) or None when no hangul word or quoted phrase stands there.
    """
    end = pos
    if end >= 2 and text[end - 1] == " " and _is_word_char(text[end - 2]):
        end -= 1
    if end == 0:
        return None
    last = text[end - 1]
    floor = max(0, end - WINDOW)
    if last in QUOTES:
        opener = QUOTES[last]
        q = text.rfind(opener, floor, end - 1)
        if q < 0 or "\n" in text[q:end]:
            return None
        gloss_start, gloss_end = q + 1, end - 1
        phrase = text[gloss_start:gloss_end]
        if any(c in OPENS or c in CLOSES or c in QUOTES or c in OPENING_QUOTES for c in phrase):
            # A stray quote (신라"(新羅) after an earlier quoted word): the word before it
            # is the gloss.
            end -= 1
            last = text[end - 1] if end else ""
        elif gloss_end - gloss_start < 1 or not _has_word(text, gloss_start, gloss_end):
            return None
        else:
            return gloss_start, gloss_end, True
    if not last or not _is_word_char(last):
        return None
    start = end - 1
    word_chars = _word_chars()
    while start > floor and text[start - 1] in word_chars:
        start -= 1
    if words > 1:
        start = (words_before(text, start, words - 1) or [start])[-1]
    if not _has_word(text, start, end):
        return None
    quoted = _enclosing_quote(text, start, close, floor)
    if quoted is not None:
        return quoted, end, True
    return start, end, False


def _has_word(text: str, start: int, end: int) -> bool:
    """Whether the span holds a hangul syllable or a Latin letter."""
    return _letter().search(text, start, end) is not None


def _enclosing_quote(text: str, word_start: int, close: int, floor: int) -> int | None:
    """Start of a quoted phrase that holds the word and closes right after the parenthesis."""
    after = text[close + 1 : close + 2]
    if after not in QUOTES:
        return None
    opener = QUOTES[after]
    # The nearest line break or quote mark before the word decides: it must be the opener.
    stop = _quote_stop().search(text[floor:word_start][::-1])
    if stop is None or stop.group() != opener:
        return None
    i = word_start - 1 - stop.start()
    return i + 1 if _has_word(text, i + 1, word_start) or i + 1 == word_start else None


def _widen_doubled(text: str, open_: int, close: int) -> tuple[int, int]:
    """Take doubled parentheses ((一帶一路)) as one."""
    while (
        open_ > 0
        and close + 1 < len(text)
        and text[open_ - 1] in OPENS
        and text[close + 1] in CLOSES
    ):
        open_ -= 1
        close += 1
    return open_, close


def _in_parenthesis(text: str, hs: int) -> Candidate | None:
    """A gloss whose parenthesis starts with the hanja run at ``hs``: word(漢字·note)."""
    open_ = _open_before(text, hs)
    if open_ is None:
        return None
    head_at = open_ + 1
    while head_at < hs and text[head_at] == " ":
        head_at += 1
    head = _head().match(text, head_at)
    if head is None or head.end() <= hs:
        return None
    head_end = head.end()
    close = _close_after(text, head_end)
    if close is None:
        return None
    rest = text[head_end:close]
    if rest[:1] in NAME_DOTS and _hanja_run().fullmatch(rest, 1):
        # 阿布來提·吐爾遜: a dot inside a name joins its parts; it does not start a note.
        head_end, rest = close, ""
    if rest.strip() and not (rest[0] in NOTE_SEPARATORS or rest[0].isspace()):
        return None
    note = rest.strip().lstrip(NOTE_SEPARATORS).strip()
    outer_open, outer_close = _widen_doubled(text, open_, close)
    end = outer_close + 1
    if _nested_gloss().search(rest):
        # 조대비(趙大妃, 익종비(翼宗妃)): the note holds glosses of its own, which are found
        # as terms; this occurrence stops after its hanja.
        note, end = "", head_end
    head_text = text[head_at:head_end]
    words = (
        1  # Hanja alone (the usual head) are letters: one word, nothing to count.
        if head_text.isalnum()
        else 1 + head_text.count(" ") + sum(head_text.count(dot) for dot in NAME_DOTS)
    )
    gloss = _gloss_before(text, outer_open, outer_close, words)
    if gloss is None:
        return Candidate(head_at, head_end, head_at, head_end, note=note)
    gloss_start, gloss_end, quoted = gloss
    return Candidate(
        start=gloss_start,
        end=end,
        hanja_start=head_at,
        hanja_end=head_end,
        gloss_start=gloss_start,
        gloss_end=gloss_end,
        note=note,
        quoted=quoted,
    )


def _hanja_first(text: str, hs: int, he: int) -> Candidate | None:
    """A hanja word followed by its hangul in parentheses: 漢字(한자)."""
    p = he
    if text[p : p + 1] == " ":
        p += 1
    if text[p : p + 1] not in OPENS or not text[p : p + 1]:
        return None
    if not is_hangul(text[p + 1 : p + 2] or "x") and text[p + 1 : p + 2] != " ":
        return None  # 漢字(한자) only: the parenthesis must start with hangul.
    close = _close_after(text, p + 1)
    if close is None:
        return None
    inner = text[p + 1 : close]
    cut = min((inner.find(sep) for sep in "·ㆍ,，:;" if sep in inner), default=len(inner))
    gloss_part, note = inner[:cut], inner[cut + 1 :].strip()
    stripped = gloss_part.strip()
    if not stripped or len(stripped) > 4 * (he - hs) + 4:
        return None
    if not all(is_hangul(ch) or ch == " " for ch in stripped):
        return None
    gloss_start = p + 1 + (len(gloss_part) - len(gloss_part.lstrip()))
    _, outer_close = _widen_doubled(text, p, close)
    return Candidate(
        start=hs,
        end=outer_close + 1,
        hanja_start=hs,
        hanja_end=he,
        gloss_start=gloss_start,
        gloss_end=gloss_start + len(stripped),
        note=note,
    )


def words_before(text: str, start: int, count: int) -> list[int]:
    """Starts of up to ``count`` whole words just before ``start``, nearest first.

    Args:
        text: The document text.
        start: Where a word begins.
        count: How many preceding words to take at most.

    Returns:
        The start of the gloss extended by one word, by two words, and so on; only words
        separated by a single space (or the dot inside a name, 아부라이티·투얼순) count.
    """
    starts: list[int] = []
    floor = max(0, start - WINDOW)
    while len(starts) < count:
        if start - 2 < floor or not _is_word_char(text[start - 2]):
            break
        if text[start - 1] != " " and text[start - 1] not in NAME_DOTS:
            break
        start -= 1
        while start > floor and _is_word_char(text[start - 1]):
            start -= 1
        starts.append(start)
    return starts


def find_candidates(text: str) -> list[Candidate]:
    """Find every gloss and every bare hanja run in a text, in text order.

    Work is driven by the hanja runs (found by one regular-expression scan) and every
    look-around is bounded, so the cost stays linear in the length of the text. The
    commonest shape, a hangul word with its hanja alone in parentheses (항저우(杭州)), is
    recognised on the spot. A text holding invisible characters or decomposed hangul (see
    :class:`VisibleText`) is read through its visible form; the offsets still point into
    the text as given.

    Args:
        text: The document text.

    Returns:
        Candidates in order of their hanja; spans never overlap.
    """
    view = VisibleText.of(text)
    if view is None:
        return find_visible_candidates(text)
    start, end = view.start, view.end
    return [
        c._replace(
            start=start(c.start),
            end=end(c.end),
            hanja_start=start(c.hanja_start),
            hanja_end=end(c.hanja_end),
            gloss_start=None if c.gloss_start is None else start(c.gloss_start),
            gloss_end=None if c.gloss_end is None else end(c.gloss_end),
        )
        for c in find_visible_candidates(view.text)
    ]


def find_visible_candidates(text: str) -> list[Candidate]:
    """:func:`find_candidates` for a text known to hold no hidden characters.

    Args:
        text: A text for which :meth:`VisibleText.of` gives None (or the ``text`` of the
            view it gives).

    Returns:
        Candidates in order of their hanja; spans never overlap.
    """
    found: list[Candidate] = []
    consumed = last_end = 0  # Where the last candidate's span and the last one ended.
    # Names bound locally: the loop runs once per hanja run, tens of thousands of times.
    word_chars, quotes, new = _word_chars(), QUOTES, tuple.__new__
    runs = _hanja_run() if _beyond_bmp(text) else _bmp_hanja_run()
    word_backwards = (_WORD_BACKWARDS or _word_backwards()).match
    backwards = ""  # The text reversed, made on first use: a word is read back from "(".
    for run in runs.finditer(text):
        hs, he = run.span()
        if hs < consumed:
            continue
        cand = None
        if he - hs <= MAX_TERM:
            if (
                hs > 1
                and text[hs - 1] == "("
                and text[he : he + 1] == ")"
                and text[he + 1 : he + 2] not in quotes
            ):
                # The commonest shape, word(漢字): an all-hangul word not joined to a word
                # before it, no quote after. The general rules give it this same
                # candidate, at several times the cost.
                backwards = backwards or text[::-1]
                word = word_backwards(backwards, len(text) + 1 - hs)
                start = len(text) - word.end() if word is not None else -1
                if start >= last_end and (start == 0 or text[start - 1] not in word_chars):
                    found.append(new(Candidate, (start, he + 1, hs, he, start, hs - 1, "", False)))
                    consumed = last_end = he + 1
                    continue
            cand = _in_parenthesis(text, hs) or _hanja_first(text, hs, he)
            if cand is not None and cand.hanja_end - cand.hanja_start > MAX_TERM:
                cand = None
        if cand is None or cand.start < last_end:
            # Bare hanja; a run longer than any word (a quoted classical text, or junk)
            # is cut into pieces so that explaining it stays cheap.
            for piece in range(hs, he, MAX_TERM):
                found.append(
                    Candidate(piece, min(he, piece + MAX_TERM), piece, min(he, piece + MAX_TERM))
                )
            consumed = last_end = he
            continue
        found.append(cand)
        consumed, last_end = max(cand.end, cand.hanja_end), cand.end
    return found


def _beyond_bmp(text: str, step: int = 1 << 20) -> bool:
    """Whether the text holds a character beyond the BMP.

    Such a character takes two UTF-16 units: encoding is four times quicker than a regular
    expression search. Long texts go a piece at a time, to bound the copy.
    """
    return any(
        len(piece.encode("utf-16-le", "surrogatepass")) != 2 * len(piece)
        for piece in (text[i : i + step] for i in range(0, len(text), step))
    )


@functools.cache
def _word_chars() -> frozenset[str]:
    """Characters that make up a word: hangul syllables, ASCII letters and digits, ０-９."""
    syllables = (chr(c) for c in range(0xAC00, 0xD7A4))
    digits = (chr(c) for c in range(ord("０"), ord("９") + 1))
    ascii_ = (chr(c) for c in range(128) if chr(c).isalnum())
    return frozenset((*syllables, *ascii_, *digits))


@functools.cache
def _sentence_end() -> re.Pattern[str]:
    """A sentence end: a mark with any closing quote and then white space, 。, or a line end."""
    return re.compile("[.?!]+['\"’”」』)]*\\s|。|\n")


class Sentences:
    """Sentence boundaries of a text, found in one pass, for looking up many spans.

    Args:
        text: The document text.
        limit: A sentence reaches at most this many characters beyond the span on each side.
    """

    def __init__(self, text: str, limit: int = 300) -> None:
        self.text = text
        self.limit = limit
        self.ends = [m.end() for m in _sentence_end().finditer(text)]
        # Spans in one sentence share one string: an import then pickles and keeps it once.
        self._cut: dict[tuple[int, int], str] = {}

    def around(self, start: int, end: int) -> str:
        """The sentence that holds ``text[start:end]``, stripped of white space.

        Args:
            start: Start of the span.
            end: End of the span.

        Returns:
            The sentence.
        """
        i = bisect.bisect_right(self.ends, start)
        s0 = max(self.ends[i - 1] if i else 0, start - self.limit)
        j = bisect.bisect_left(self.ends, end)
        e0 = min(self.ends[j] if j < len(self.ends) else len(self.text), end + self.limit)
        cut = self._cut.get((s0, e0))
        if cut is None:
            cut = self._cut[(s0, e0)] = self.text[s0:e0].strip()
        return cut


def sentence_around(text: str, start: int, end: int, limit: int = 300) -> str:
    """The sentence that holds ``text[start:end]``, cut at line breaks and sentence ends.

    For many spans of one text, build :class:`Sentences` once instead.

    Args:
        text: The document text.
        start: Start of the span.
        end: End of the span.
        limit: At most this many characters are taken on each side.

    Returns:
        The sentence, stripped of surrounding white space.
    """
    lo, hi = max(0, start - limit), min(len(text), end + limit)
    return Sentences(text[lo:hi], limit).around(start - lo, end - lo)
