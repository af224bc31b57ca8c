"""Suggested hanja for hangul words that look like transcriptions of Chinese names.

Korean news often glosses a Chinese name once, or never: 선전 (深圳) stands four times in the
sample article without hanja. This module finds such words and proposes hanja for them:

1. The text is scanned once for the standard Korean transcriptions (외래어 표기법) of every
   proper noun in CC-CEDICT, which the index stores when it is built: an Aho-Corasick
   automaton finds every word that starts with one (a short text is read word by word, which
   costs less than building the automaton). A word matches when what follows the
   transcription is nothing, a particle (선전의, 선전은) or a place suffix with or without a
   particle (선전시에서).
2. Words inside glossed places or mentions of the document's terms are skipped: they have
   their hanja already.
3. Each word gets a confidence from what speaks for a transcription and against it: a
   longer word, one that is not also a Sino-Korean word (선전 is also 宣傳), a frequent
   Chinese word, several uses, every use followed by a particle rather than by more of a
   Korean word (지난해), and a text that glosses other Chinese names by their sound.
4. Candidates share that confidence by their frequency in the Leiden Weibo Corpus.

These are guesses, marked as such: they never become terms.
"""

from __future__ import annotations

import functools
import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from glossary.model import Mention, SuggestedHanja, Suggestion, Term

if TYPE_CHECKING:
    from glossary.dictionary.entries import Entry
    from glossary.dictionary.index import CedictIndex

__all__ = ["MIN_CONFIDENCE", "MAX_CANDIDATES", "suggest"]

MIN_CONFIDENCE = 0.3
"""Suggestions less likely than this are left out."""

MAX_CANDIDATES = 5
"""At most this many candidates per word."""

# A text at least this long is scanned with the automaton (built once per process, about
# 50 ms); a shorter one word by word (a 10 KB article in about a millisecond).
SCAN_FROM = 200_000
# Particles (조사) and the copula as they follow a name (verb endings such as 다 or 고 are
# left out: 이룬다 is not 이룬 + 다).
_PARTICLES = (
    "의",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "에",
    "에서",
    "에게",
    "에는",
    "에서는",
    "에도",
    "에서도",
    "에선",
    "으로",
    "로",
    "으로는",
    "로는",
    "으로도",
    "로도",
    "와",
    "과",
    "와의",
    "과의",
    "와는",
    "과는",
    "도",
    "만",
    "까지",
    "부터",
    "처럼",
    "보다",
    "이나",
    "이며",
    "이고",
    "이라",
    "이란",
    "이다",
    "이었다",
    "였다",
    "엔",
    "이라는",
    "라는",
    "측",
    "측은",
    "측이",
    "쪽",
)
# What follows a place or firm name before a particle: 선전시, 광둥성, 바이두그룹.
_SUFFIXES = (
    "시",
    "성",
    "현",
    "구",
    "진",
    "촌",
    "향",
    "강",
    "산",
    "호",
    "만",
    "섬",
    "항",
    "대",
    "대학",
    "대학교",
    "공항",
    "역",
    "그룹",
    "사",
    "지역",
    "일대",
    "출신",
    "정부",
    "당국",
    "본사",
    "지사",
    "법인",
    "주석",
    "총리",
    "회장",
    "사장",
    "대표",
    "위원장",
    "서기",
    "부장",
    "주임",
    "교수",
)
_ALLOWED_AFTER = frozenset(
    ["", *_PARTICLES, *_SUFFIXES, *(s + p for s in _SUFFIXES for p in _PARTICLES)]
)
# Rank in the frequency list below which a Chinese word counts as common, and rare.
_COMMON_RANK = 5_000
_KNOWN_RANK = 50_000
_RARE_RANK = 200_000


@dataclass
class _Word:
    hangul: str
    places: list[Mention] = field(default_factory=list)
    bad: int = 0  # places where the match runs on into a Korean word


def _score(word: _Word, entries: Sequence[Entry], korean: bool, chinese_context: bool) -> float:
    """How likely the word is a transcription at all (0 to 1), before the candidates share it."""
    best = min((e.rank for e in entries if e.rank is not None), default=None)
    score = float(len(word.hangul) - 2)  # Three syllables or more: a specific spelling.
    score += -1.0 if korean else 1.5
    if best is None or best > _RARE_RANK:
        score -= 0.5
    elif best <= _COMMON_RANK:
        score += 1.5
    elif best <= _KNOWN_RANK:
        score += 0.5
    score += 0.5 * min(len(word.places) - 1, 3)
    score += 0.5 if chinese_context else 0.0
    score -= 3.0 * word.bad / (word.bad + len(word.places))
    return 1.0 / (1.0 + math.exp(-(score - 1.0)))


@functools.cache
def _word() -> re.Pattern[str]:
    return re.compile("[가-힣]+")


@functools.cache
def _word_start() -> re.Pattern[str]:
    return re.compile("(?<![가-힣0-9A-Za-z])[가-힣]{2,}")


@functools.cache
def _surrogate() -> re.Pattern[str]:
    return re.compile("[\ud800-\udfff]")


# A word start, the longest transcription of a proper noun the word starts with, and the
# rest of the word (hangul).
_Start = tuple[int, str, str]


def _by_automaton(text: str, index: CedictIndex) -> list[_Start]:
    """Word starts with a transcription, found in one pass of the index's automaton.

    The automaton matches leftmost-longest and its names are hangul: a match never runs over
    a word's start, so at every word that starts with a name it finds the longest one.
    """
    names = index.proper_names_to_scan
    more = _word().match
    found: list[_Start] = []
    for n, start, stop in index.proper_matcher.find_matches_as_indexes(text):
        if start:
            before = text[start - 1]
            if "가" <= before <= "힣" or before.isascii() and before.isalnum():
                continue  # Not the start of a word (AI타운, 지난).
        rest = more(text, stop)
        found.append((start, names[n], rest.group() if rest else ""))
    return found


def _by_word(text: str, index: CedictIndex) -> list[_Start]:
    """Word starts with a transcription, found word by word (for a short text)."""
    proper = index.proper_transcriptions
    longest = max(map(len, proper), default=0)
    found: list[_Start] = []
    for match in _word_start().finditer(text):
        word = match.group()
        for n in range(min(len(word), longest), 1, -1):
            if word[:n] in proper:
                found.append((match.start(), word[:n], word[n:]))
                break
    return found


def _weight(entry: Entry) -> float:
    return 1.0 / (1.0 + (entry.rank if entry.rank is not None else 10 * _RARE_RANK) / 20_000)


def _untaken(spans: list[tuple[int, int]], terms: Sequence[Term]) -> list[bool]:
    """Which of the spans (sorted, disjoint) lie outside every glossed place and mention."""
    free = [True] * len(spans)
    if not spans:
        return free
    starts = [start for start, _ in spans]
    stops = [stop for _, stop in spans]
    last = len(spans)
    for term in terms:
        for place in term.occurrences:
            i = bisect_right(stops, place.start)  # The first span that ends after it starts.
            while i < last and starts[i] < place.end:
                free[i] = False
                i += 1
        for mention in term.mentions:
            i = bisect_right(stops, mention.start)
            while i < last and starts[i] < mention.end:
                free[i] = False
                i += 1
    return free


def suggest(
    text: str,
    terms: Sequence[Term],
    index: CedictIndex,
    *,
    min_confidence: float = MIN_CONFIDENCE,
) -> tuple[Suggestion, ...]:
    """Find hangul words that look like transcriptions of Chinese names and suggest hanja.

    Args:
        text: The document text.
        terms: The document's terms (their places and glosses are skipped).
        index: The CC-CEDICT index.
        min_confidence: Leave out suggestions less likely than this.

    Returns:
        The suggestions, in order of first appearance.
    """
    if not index.proper_names or _word_start().search(text) is None:
        return ()  # No hangul word (a Chinese text): no automaton to load, no pass to make.
    # Lone surrogates cannot cross into the matcher; U+FFFD keeps every offset in place.
    haystack = _surrogate().sub("\ufffd", text) if _surrogate().search(text) else text
    found = (_by_automaton if len(text) >= SCAN_FROM else _by_word)(haystack, index)
    glosses = {t.hangul.replace(" ", "") for t in terms if t.hangul}
    # The names: what some word starts with and is followed by nothing, a particle or a suffix.
    names = {name for _, name, rest in found if rest in _ALLOWED_AFTER} - glosses
    if not names:
        return ()
    heads = {name[:2] for name in names}
    # Each word start takes the longest of the names it starts with (선전시장: 선전 if only
    # 선전 is a name, though 선전시 is a transcription too).
    places: list[tuple[int, int]] = []
    named: list[tuple[str, bool]] = []  # The name, and whether what follows it is allowed.
    for start, longest, rest in found:
        if longest[:2] not in heads:
            continue  # No name starts as this word does.
        name = longest
        if name not in names:
            whole = longest + rest
            name = ""
            for n in range(len(longest) - 1, 1, -1):
                if whole[:n] in names:
                    name, rest = whole[:n], whole[n:]
                    break
            if not name:
                continue
        places.append((start, start + len(name)))
        named.append((name, rest in _ALLOWED_AFTER))
    words: dict[str, _Word] = {}
    for (start, stop), (name, allowed), free in zip(
        places, named, _untaken(places, terms), strict=True
    ):
        if not free:
            continue  # Inside a glossed place or a mention: the text says what it is.
        word = words.setdefault(name, _Word(name))
        if allowed:
            word.places.append(Mention(start, stop))
        else:
            word.bad += 1
    chinese_context = any(t.kind == "transcription" or "transcription" in t.matches for t in terms)
    out: list[Suggestion] = []
    for word in words.values():
        if not word.places:
            continue
        entries = [
            e
            for e in index.by_transcription(word.hangul, proper_only=True)
            if len(e.traditional) > 1
        ]
        if not entries:
            continue
        likely = _score(word, entries, index.is_korean_reading(word.hangul), chinese_context)
        ranked = sorted(entries, key=_weight, reverse=True)[:MAX_CANDIDATES]
        total = sum(_weight(e) for e in ranked)
        candidates = _candidates(ranked, likely, total)
        if candidates and candidates[0].confidence >= min_confidence:
            out.append(Suggestion(word.hangul, tuple(word.places), candidates))
    out.sort(key=lambda s: s.places[0].start)
    return tuple(out)


def _candidates(ranked: Sequence[Entry], likely: float, total: float) -> tuple[SuggestedHanja, ...]:
    """One candidate per hanja word (entries that differ only in reading or sense merge)."""
    merged: dict[str, SuggestedHanja] = {}
    for entry in ranked:
        share = round(likely * _weight(entry) / total, 3)
        known = merged.get(entry.traditional)
        if known is not None:
            merged[entry.traditional] = SuggestedHanja(
                known.hanja,
                known.simplified,
                known.pinyin,
                known.pinyin_numbered,
                tuple(dict.fromkeys((*known.meanings, *entry.definitions))),
                known.frequency_rank,
                round(known.confidence + share, 3),
            )
            continue
        merged[entry.traditional] = SuggestedHanja(
            hanja=entry.traditional,
            simplified=entry.simplified,
            pinyin=entry.pinyin_marked,
            pinyin_numbered=entry.pinyin_numbered,
            meanings=entry.definitions,
            frequency_rank=entry.rank,
            confidence=share,
        )
    return tuple(sorted(merged.values(), key=lambda c: -c.confidence))
