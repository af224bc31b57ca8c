"""Suggested hanja for hangul words that look like transcriptions of Chinese names.

Korean news often glosses a Chinese name once, or never: 선전 (深圳) stands four times in the
sample article without hanja. This module finds such words and proposes hanja for them:

1. Every word of the text is matched against the standard Korean transcriptions (외래어
   표기법) of every proper noun in CC-CEDICT: the index holds the transcription of each
   entry, which inverts the table (one look-up finds every pinyin a hangul word can spell).
   A word matches when it starts with such a transcription and what follows is nothing, a
   particle (선전의, 선전은) or a place suffix with or without a particle (선전시에서).
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

import math
import re
from collections.abc import Iterable, Sequence
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

_WORD = re.compile(r"[가-힣]+")
_WORD_START = re.compile(r"(?<![가-힣0-9A-Za-z])[가-힣]{2,}")
_SURROGATE = re.compile("[\ud800-\udfff]")
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


def _is_syllable(ch: str) -> bool:
    return "가" <= ch <= "힣"


def _names_in(words: Iterable[str], proper: frozenset[str]) -> set[str]:
    """The transcriptions some word starts with, the longest one a word starts with, where
    what follows is nothing, a particle or a suffix (선전의: 선전; 지난해: none)."""
    longest = max(map(len, proper), default=0)
    found: set[str] = set()
    for word in words:
        for n in range(min(len(word), longest), 1, -1):
            if word[:n] in proper:
                if word[n:] in _ALLOWED_AFTER:
                    found.add(word[:n])
                break
    return found


def _weight(entry: Entry) -> float:
    return 1.0 / (1.0 + (entry.rank if entry.rank is not None else 10 * _RARE_RANK) / 20_000)


def _taken(terms: Sequence[Term]) -> list[tuple[int, int]]:
    spans = [(o.start, o.end) for t in terms for o in t.occurrences]
    spans += [(m.start, m.end) for t in terms for m in t.mentions]
    return sorted(spans)


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
    proper = index.proper_transcriptions
    if not proper:
        return ()
    # Lone surrogates cannot cross into the matcher; U+FFFD keeps every offset in place.
    haystack = _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
    glosses = {t.hangul.replace(" ", "") for t in terms if t.hangul}
    # First the distinct words (a long text repeats most of them), then only the names found.
    names = sorted(_names_in(set(_WORD_START.findall(haystack)), proper) - glosses)
    if not names:
        return ()
    import ahocorasick_rs  # Loaded on first use, like every other heavy resource.

    matcher = ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    taken = _taken(terms)
    words: dict[str, _Word] = {}
    k = 0
    for name, start, stop in matcher.find_matches_as_indexes(haystack):
        if start and (
            _is_syllable(text[start - 1]) or text[start - 1].isascii() and text[start - 1].isalnum()
        ):
            continue  # Not the start of a word (AI타운, 지난).
        while k < len(taken) and taken[k][1] <= start:
            k += 1
        if k < len(taken) and taken[k][0] < stop:
            continue  # Inside a glossed place or a mention: the text says what it is.
        rest = _WORD.match(text, stop)
        word = words.setdefault(names[name], _Word(names[name]))
        if (rest.group() if rest else "") in _ALLOWED_AFTER:
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
