"""Step 2 of segmentation: numbers (see :mod:`glossary.dictionary.segment`).

A number led by digits that holds a hanja (``2014年``, ``8月``, ``1兆2500億``, ``200余``) and
an ordinal in digits (``第7``) are words whatever the dictionary says: they are set aside before
step 1. A run of numerals that step 1 cut into pieces (``一百|二十``) becomes one word.
"""

from __future__ import annotations

import bisect
import functools
import re

from glossary.engine.cjk import HANJA_CLASS, NUMERAL_HANJA, is_hanja

__all__ = ["digit_numbers", "hide", "join_numerals", "numeral_runs", "run_start"]

Span = tuple[int, int]

_NUMERAL = NUMERAL_HANJA
_SPELLED_DIGIT = "〇零一二三四五六七八九"
_DIGIT = "0-9０-９"
_UNIT_OR_DATE = "[十百千万萬亿億兆多余餘几幾年月日号號]"


@functools.cache
def _pattern(name: str) -> re.Pattern[str]:
    """The module's regular expressions, compiled on first use."""
    decimal = f"[{_DIGIT}]+(?:[.．][{_DIGIT}]+)?"
    patterns = {
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
        "numerals": f"[第{_NUMERAL}][{_NUMERAL}多余餘几幾年日]+",
        # A day of the month (七日, 三十一日) first: three numerals at most, no 两 or 〇.
        "numeral": "(?:[一二三四五六七八九十]{1,3}日"
        f"|第?[{_NUMERAL}]+(?:[多余餘几幾]|(?<=[{_SPELLED_DIGIT}]{{4}})年)?)",
        "hanja": f"[{HANJA_CLASS}]",
    }
    return re.compile(patterns[name])


def hide(key: str, numbers: list[Span]) -> str:
    """The text with each number's characters replaced by NUL (same length)."""
    parts: list[str] = []
    at = 0
    for start, end in numbers:
        parts += (key[at:start], "\0" * (end - start))
        at = end
    parts.append(key[at:])
    return "".join(parts)


def digit_numbers(key: str) -> list[Span]:
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


def numeral_runs(key: str) -> list[Span]:
    """Runs of two numerals or more (with 第 before and 多, 余 or a year's 年 after), and days
    of the month in numerals (七日, 三十一日: 新华社北京一月七日电)."""
    found = []
    for m in _pattern("numerals").finditer(key):
        number = _pattern("numeral").match(key, *m.span())
        if number and number.end() - number.start() >= 2:
            found.append(number.span())
    return found


def join_numerals(key: str, spans: list[Span], found: list[Span]) -> list[Span]:
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


def run_start(text: str, at: int) -> int:
    """Where the run of hanja holding ``text[at]`` starts (that of numerals :meth:`word_starts
    <glossary.dictionary.segment.Segmenter.word_starts>` gives step 1 apart)."""
    one = _pattern("hanja")
    while at and one.match(text, at - 1, at):
        at -= 1
    return at
