"""Finding glosses in text: hangul(漢字), 漢字(hangul), quoted phrases, notes and bare hanja."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from glossary.engine.cjk import BMP_HANJA_CLASS, HANJA_CLASS, beyond_bmp, is_hangul
from glossary.engine.sentences import Sentences, sentence_around, sentence_end
from glossary.engine.visible import VisibleText
from glossary.engine.weekdays import WEEKDAYS, weekday_close

OPENS = "(（"
CLOSES = ")）"
__all__ = [
    "Candidate",
    "Sentences",
    "find_candidates",
    "find_visible_candidates",
    "sentence_around",
]

# How far (in characters, on one line) a gloss, its parenthesis or its quote may reach.
# Bounding every look-around keeps extraction linear however broken the input.
WINDOW = 160
QUOTES = {"’": "‘", "”": "“", "'": "'", '"': '"', "」": "「", "』": "『", "》": "《", "〉": "〈"}
OPENING_QUOTES = {v: k for k, v in QUOTES.items()}
# The longest hanja term explained as one word; longer runs are cut (see find_candidates).
MAX_TERM = 32
NOTE_SEPARATORS = ".．·ㆍ‧•∙・,，、;；:：/-=–—"
NAME_DOTS = "·ㆍ・"
# What may stand between a gloss written inside its parenthesis and the hanja after it.
INSIDE_SEPARATORS = ",，、·ㆍ・"
# Nesting deeper than this inside a gloss's parenthesis is not a gloss.
MAX_DEPTH = 3
# How far before its hanja the parenthesis of a gloss may open: a label or Latin name before
# the hanja reaches back LABEL_REACH characters (_in_parenthesis), a gloss inside the
# parenthesis INSIDE_PER_HANJA per hanja of a term and a few more (_gloss_inside). A run with
# no parenthesis within REACH is bare at once; a rule is skipped for a run with none within
# its own reach (LABEL_REACH, INSIDE_REACH per hanja and 8 more).
INSIDE_PER_HANJA = 4
LABEL_REACH = 48
INSIDE_REACH = INSIDE_PER_HANJA
REACH = 4 * MAX_TERM + 8

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

    @property
    def hanja_first(self) -> bool:
        """Whether the gloss follows the hanja (漢字(한자), 佛敎(교종)): a reading or not."""
        return self.gloss_start is not None and self.gloss_start >= self.hanja_end


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
        q = _opener_before(text, QUOTES[last], end - 1, floor)
        gloss_start, gloss_end = q + 1, end - 1
        if q < 0 or any(
            c in OPENS or c in CLOSES or c in QUOTES or c in OPENING_QUOTES
            for c in text[gloss_start:gloss_end]
        ):
            # A stray quote (신라"(新羅) after an earlier quoted word) or one whose opener
            # is not on this line and sentence: the word before it is the gloss.
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
    """Start of a quoted phrase that holds the word and closes right after the parenthesis.

    A phrase that holds a parenthesis is not one gloss: ‘통리(統理) 및 통할(統轄)’ holds two.
    """
    after = text[close + 1 : close + 2]
    if after not in QUOTES:
        return None
    opener = QUOTES[after]
    # The nearest line break or quote mark before the word decides: it must be the opener.
    stop = _quote_stop().search(text[floor:word_start][::-1])
    if stop is None or stop.group() != opener:
        return None
    i = word_start - 1 - stop.start()
    if not _opens(text, i, word_start) or _paren_or_newline().search(text, i + 1, word_start):
        return None
    return i + 1 if _has_word(text, i + 1, word_start) or i + 1 == word_start else None


def _opener_before(text: str, opener: str, pos: int, floor: int) -> int:
    """Index of the quote mark that opens a phrase closed at ``pos`` on its line, or -1."""
    q = text.rfind(opener, floor, pos)
    return q if q >= 0 and "\n" not in text[q:pos] and _opens(text, q, pos) else -1


def _opens(text: str, q: int, end: int) -> bool:
    """Whether the quote mark at ``q`` can open a phrase that runs to ``end``.

    Never over a sentence end (변경됐다. 소구); and a mark that is its own closer (' or ")
    with a word just before it (상환청구'로) closed an earlier phrase.
    """
    mark = text[q]
    if OPENING_QUOTES.get(mark) == mark and q > 0 and _is_word_char(text[q - 1]):
        return False
    return sentence_end().search(text, q + 1, end) is None


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
    label = ""
    if open_ is None:
        # (일본어: 近畿地方), (STATE GRID·國家電網): a label or a Latin name before the hanja.
        found = _label_before().search(text, max(0, hs - LABEL_REACH), hs)
        if found is None:
            return None
        open_, label = found.start(), found.group(1).strip(" :：·,")
    head_at = open_ + 1
    while head_at < hs and text[head_at] == " ":
        head_at += 1
    if label:
        head_at = hs
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
    if label:
        note = f"{label} · {note}" if note else label
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
    if label.isascii():
        words = max(words, 1 + label.count(" "))  # 스테이트 그리드(STATE GRID·國家電網)
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


@functools.cache
def _label_before() -> re.Pattern[str]:
    """An opening parenthesis, then a language label (일본어:, 한자 :) or a Latin name and a
    name dot (not a comma: 파벌(Kochikai, 宏池会) lists two names), up to the end of the
    searched slice."""
    label = r"(?:[가-힣]{1,3}어|한자|漢字|원어) ?[:：] ?|[A-Za-z][A-Za-z .&'-]{0,40}·"
    return re.compile(f"[(（] ?({label})$")


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


def _gloss_inside(text: str, hs: int, he: int) -> Candidate | None:
    """A gloss written inside the parenthesis, before its hanja: 파벌(고치카이, 宏池会).

    The parenthesis follows a word (what it explains), holds only a hangul gloss before the
    separator and closes after the hanja or after a note.
    """
    i = hs - 1 if text[hs - 1 : hs] == " " else hs
    if i < 3 or text[i - 1] not in INSIDE_SEPARATORS:
        return None
    gloss_end = i - 1
    open_ = gloss_end - 1
    floor = max(0, gloss_end - INSIDE_PER_HANJA * (he - hs) - 5)
    while open_ > floor and (is_hangul(text[open_]) or text[open_] == " "):
        open_ -= 1
    if text[open_] not in OPENS or not is_hangul(text[open_ + 1]):
        return None
    word_end = open_ - 1 if text[open_ - 1 : open_] == " " else open_
    if word_end < 1 or not _is_word_char(text[word_end - 1]) or text[gloss_end - 1] == " ":
        return None
    close = _close_after(text, he)
    if close is None:
        return None
    rest = text[he:close]
    if rest and rest[0] not in NOTE_SEPARATORS:
        return None
    return Candidate(
        start=open_,
        end=_widen_doubled(text, open_, close)[1] + 1,
        hanja_start=hs,
        hanja_end=he,
        gloss_start=open_ + 1,
        gloss_end=gloss_end,
        note=rest.lstrip(NOTE_SEPARATORS).strip(),
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


def find_visible_candidates(
    text: str, others: list[tuple[int, int]] | None = None
) -> list[Candidate]:
    """:func:`find_candidates` for a text known to hold no hidden characters.

    Args:
        text: A text for which :meth:`VisibleText.of` gives None (or the ``text`` of the
            view it gives).
        others: When given, the plain bare candidates (a run of hanja with no gloss near it,
            whole or cut into pieces: every clause of a Chinese document) are left out, and
            the (start, end) of every other run of hanja is added here, in order: the runs
            outside these spans are then the plain ones, and a caller that splits them into
            words takes them from the text at once.

    Returns:
        Candidates in order of their hanja; spans never overlap.
    """
    found: list[Candidate] = []
    consumed = last_end = 0  # Where the last candidate's span and the last one ended.
    # Names bound locally: the loop runs once per hanja run, tens of thousands of times.
    word_chars, quotes, new, weekdays = _word_chars(), QUOTES, tuple.__new__, WEEKDAYS
    runs = _hanja_run() if beyond_bmp(text) else _bmp_hanja_run()
    word_backwards = (_WORD_BACKWARDS or _word_backwards()).match
    backwards = ""  # The text reversed, made on first use: a word is read back from "(".
    # Every gloss has an opening parenthesis near its hanja: a run with none near is bare
    # at once (a Chinese document's clauses, hundreds of thousands of them).
    opens = [m.start() for m in _opening().finditer(text)]
    opens.append(len(text) + 2)  # Past every run: never near one.
    after, before, next_ = 0, -REACH - 1, opens[0]  # The parentheses around the run.
    plain = others is None  # Whether plain runs are candidates too.
    other = (others if others is not None else []).append
    for run in runs.finditer(text):
        hs, he = run.span()
        if hs < consumed:
            other((hs, he))
            continue
        if he + 2 > next_:
            while opens[after] < hs:
                after += 1
            before, next_ = opens[after - 1] if after else -REACH - 1, opens[after]
        if he + 2 <= next_ and hs - before > REACH:
            if plain and he - hs <= MAX_TERM:
                found.append(new(Candidate, (hs, he, hs, he, None, None, "", False)))
            elif plain:
                found += _pieces(hs, he)
            consumed = last_end = he
            continue
        cand = None
        if text[hs] in weekdays and hs and text[hs - 1] in OPENS:
            close = weekday_close(text, hs)
            if close is not None:  # 2월27일자(水): a weekday, neither a gloss nor a term.
                consumed = last_end = close + 1
                other((hs, he))
                continue
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
                    other((hs, he))
                    found.append(new(Candidate, (start, he + 1, hs, he, start, hs - 1, "", False)))
                    consumed = last_end = he + 1
                    continue
            # Each rule needs an opening parenthesis where it looks: most runs of a Chinese
            # document near one have none there, and skip the rule.
            if hs - before <= LABEL_REACH:
                cand = _in_parenthesis(text, hs)
            if cand is None and next_ <= he + 1:
                cand = _hanja_first(text, hs, he)
            if cand is None and hs - before <= INSIDE_REACH * (he - hs) + 8:
                cand = _gloss_inside(text, hs, he)
            if cand is not None and cand.hanja_end - cand.hanja_start > MAX_TERM:
                cand = None
        if cand is None or cand.start < last_end:
            if plain:
                found += _pieces(hs, he)
            consumed = last_end = he
            continue
        other((hs, he))
        found.append(cand)
        consumed, last_end = max(cand.end, cand.hanja_end), cand.end
    return found


def _pieces(hs: int, he: int) -> list[Candidate]:
    """Bare hanja; a run longer than any word (a quoted classical text, or junk) is cut into
    pieces so that explaining it stays cheap."""
    return [
        Candidate(piece, min(he, piece + MAX_TERM), piece, min(he, piece + MAX_TERM))
        for piece in range(hs, he, MAX_TERM)
    ]


@functools.cache
def _opening() -> re.Pattern[str]:
    return re.compile(f"[{re.escape(OPENS)}]")


@functools.cache
def _word_chars() -> frozenset[str]:
    """Characters that make up a word: hangul syllables, ASCII letters and digits, ０-９."""
    syllables = (chr(c) for c in range(0xAC00, 0xD7A4))
    digits = (chr(c) for c in range(ord("０"), ord("９") + 1))
    ascii_ = (chr(c) for c in range(128) if chr(c).isalnum())
    return frozenset((*syllables, *ascii_, *digits))
