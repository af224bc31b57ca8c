"""Korean conventions a reading cannot tell: headline abbreviations and customary readings.

Korean headlines write one hanja for a word (美 for 미국, 與 for 여당: HANJA-NOTES §3b), and
Korean keeps customary names for some Chinese places whose characters read otherwise (深圳
is 심천, not 심수). Both are small documented tables, each row with its source. The tables are
plain constants; the look-ups are built on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, NamedTuple

from glossary.engine.chinese import to_simplified, to_traditional
from glossary.engine.cjk import is_hangul, is_hanja, unify

# What a headline hanja is: a place (joined with others: 韓美 한국·미국), a party or public
# body (joined the same way: 與野, 檢警), a word of its own (核, 兆: only alone) or a prefix
# (前 전직 장관; 對北 대북: only alone or before one place).
Role = Literal["place", "body", "word", "prefix"]

_WIKI = "ko.wikipedia 「나라 이름의 약칭」"
_PAPERS = "「新聞의 漢字」 (unamwiki.org), list of newspaper hanja"
_NOTES = "HANJA-NOTES §3b"
_C4_01 = "headline 「美日, 北에 비핵화 압박…中 직접 거명」 (bench/eval3 c4_01)"
_C4_02 = "headlines 「與 “검찰의 정치행위” ↔ 野」, 「靑 직접 겨눈 윤석열…檢」 (bench/eval3 c4_02)"
_FOREIGN = "외래어 표기법 제4장 제2절 제4항: customary Sino-Korean readings of Chinese places"
_STDICT = "표준국어대사전"
_HEADLINES = "news headline usage (南北 정상회담, 北核 협상, 檢警 수사권, 前 장관)"

# (hanja, expansion, English meaning, role, syllable joined after a prefix, source)
_ABBREVIATIONS: tuple[tuple[str, str, str, Role, str, str], ...] = (
    ("美", "미국", "the United States", "place", "미", f"{_NOTES}; {_WIKI}; {_C4_01}"),
    ("中", "중국", "China", "place", "중", f"{_NOTES}; {_WIKI}; {_C4_01}"),
    ("日", "일본", "Japan", "place", "일", f"{_NOTES}; {_WIKI}; {_C4_01}"),
    ("北", "북한", "North Korea", "place", "북", f"{_NOTES}; {_C4_01}"),
    ("南", "남한", "South Korea (beside 北, North Korea)", "place", "남", _HEADLINES),
    ("韓", "한국", "South Korea", "place", "한", f"{_NOTES}; {_WIKI}; {_C4_01}"),
    ("英", "영국", "the United Kingdom", "place", "영", f"{_NOTES}; {_WIKI}; {_PAPERS}"),
    ("獨", "독일", "Germany", "place", "독", f"{_NOTES}; {_WIKI}; {_PAPERS}"),
    ("佛", "프랑스", "France", "place", "", f"{_NOTES}; {_WIKI}; {_PAPERS}"),
    ("露", "러시아", "Russia", "place", "러", f"{_NOTES}; {_WIKI} (러 in hangul); {_PAPERS}"),
    ("印", "인도", "India", "place", "", f"{_NOTES}; {_WIKI}; {_PAPERS}"),
    ("濠", "호주", "Australia", "place", "", f"{_WIKI}; {_PAPERS}"),
    ("伊", "이탈리아", "Italy", "place", "", _PAPERS),
    ("加", "캐나다", "Canada", "place", "", _PAPERS),
    ("泰", "태국", "Thailand", "place", "", f"{_WIKI}; {_PAPERS}"),
    ("與", "여당", "the ruling party", "body", "", f"{_NOTES}; {_C4_02}"),
    ("野", "야당", "the opposition parties", "body", "", f"{_NOTES}; {_C4_02}"),
    ("青", "청와대", "Cheong Wa Dae, the presidential office", "body", "", f"{_NOTES}; {_C4_02}"),
    ("檢", "검찰", "the prosecution", "body", "", f"{_NOTES}; {_PAPERS}; {_C4_02}"),
    ("警", "경찰", "the police", "body", "", _PAPERS),
    ("軍", "군", "the military", "body", "", _NOTES),
    ("核", "핵", "nuclear weapons, the nuclear programme", "word", "", _NOTES),
    ("兆", "조", "trillion, 10^12", "word", "", f"{_NOTES}; {_PAPERS}"),
    ("前", "전", "former, ex-", "prefix", "전", f"{_STDICT} 전(前) (전 장관); {_HEADLINES}"),
    ("現", "현", "current, incumbent", "prefix", "현", f"{_STDICT} 현(現) (현 정부)"),
    ("新", "신", "new", "prefix", "신", f"{_STDICT} 신-(新-); {_C4_01}"),
    ("反", "반", "against, anti-", "prefix", "반", f"{_STDICT} 반-(反-) (반미)"),
    ("親", "친", "friendly to, pro-", "prefix", "친", f"{_STDICT} 친-(親-) (친미)"),
    ("對", "대", "toward, concerning", "prefix", "대", f"{_STDICT} 대-(對-) (대북)"),
)
# Runs that are words of their own rather than a list of places or bodies.
_WORDS: tuple[tuple[str, str, str, str], ...] = (
    ("與野", "여야", "the ruling and opposition parties", f"{_STDICT} 여야(與野)"),
    ("南北", "남북", "South and North Korea", f"{_STDICT} 남북(南北); {_HEADLINES}"),
    ("北核", "북핵", "North Korea's nuclear programme", _HEADLINES),
    ("檢警", "검경", "the prosecution and the police", _HEADLINES),
)
# Headline hanja that follow a number: 3兆 원.
_COUNTS = frozenset("兆")
# What a prefix means before a place: 對北 대북 "toward North Korea".
_BEFORE_PLACE = MappingProxyType({"反": "against", "親": "friendly to", "對": "toward"})

# (traditional form, customary reading, source). Only places whose customary Korean reading
# differs from what the engine reads character by character in some common written form:
# 北京 북경, 上海 상해, 天津 천진 and 廣州/广州 광주 are what their characters read.
_READINGS: tuple[tuple[str, str, str], ...] = (
    ("深圳", "심천", f"{_FOREIGN}; Korean press in China (심천(深圳), bench/eval3 c4_03)"),
    ("香港", "홍콩", f"표준국어대사전 홍콩; 향항, what the characters read, is rare ({_NOTES})"),
    ("澳門", "마카오", "표준국어대사전 마카오; 오문, what the characters read, is rare"),
    ("臺灣", "대만", f"{_FOREIGN} (its own example: 臺灣 타이완, 대만); 台 reads 태 alone"),
)


@dataclass(frozen=True)
class Abbreviation:
    """What a run of headline hanja stands for.

    Attributes:
        hanja: The hanja, in their traditional form (韓美).
        expansion: The Korean words they stand for (한국·미국; 여야; 대북).
        meaning: The same in English (South Korea and the United States).
        source: Where the convention is documented or seen.
        prefix: True for a prefix standing alone (前 전직), not an abbreviation of a name.
    """

    hanja: str
    expansion: str
    meaning: str
    source: str
    prefix: bool = False

    @property
    def sense(self) -> str:
        """As a dictionary sense: "the United States (headline abbreviation of 미국)"."""
        what = "headline hanja for" if self.prefix else "headline abbreviation of"
        return f"{self.meaning} ({what} {self.expansion})"


@dataclass(frozen=True)
class ConventionalReading:
    """The Korean reading usage gives a word whose characters read otherwise.

    Attributes:
        hanja: The traditional form the row is kept under (臺灣 for 台灣 and 台湾).
        reading: The customary reading (심천 for 深圳).
        source: Where it comes from.
    """

    hanja: str
    reading: str
    source: str


class TermConventions(NamedTuple):
    """What the conventions give one term: empty strings where none applies."""

    abbreviates: str = ""
    conventional_reading: str = ""
    conventional_source: str = ""


class _Row(NamedTuple):
    expansion: str
    meaning: str
    role: Role
    joined: str
    source: str


@functools.cache
def _abbreviations() -> dict[str, _Row]:
    return {h: _Row(e, m, r, j, s) for h, e, m, r, j, s in _ABBREVIATIONS}


@functools.cache
def _words() -> dict[str, Abbreviation]:
    return {h: Abbreviation(h, e, m, s) for h, e, m, s in _WORDS}


@functools.cache
def _readings() -> dict[str, ConventionalReading]:
    return {h: ConventionalReading(h, r, s) for h, r, s in _READINGS}


@functools.cache
def _openings() -> tuple[frozenset[int], frozenset[str]]:
    """Lengths and first characters (traditional and simplified: 廣, 广) of the readings'
    rows: a word that matches neither needs no look-up."""
    rows = _readings()
    firsts = frozenset(c for h in rows for c in (h[0], to_simplified(h)[0]))
    return frozenset(len(h) for h in rows), firsts


def _traditional(hanja: str, known: Iterable[str]) -> str:
    """The form a table keeps ``hanja`` under: unified, or OpenCC's traditional form."""
    unified = unify(hanja)
    return unified if unified in known else to_traditional(hanja)


@functools.lru_cache(maxsize=1 << 16)
def _char_key(ch: str) -> str:
    """:func:`_traditional` of one character against the abbreviations, once per character:
    every bare word of a Chinese document asks (OpenCC per word took a second per 30k)."""
    return _traditional(ch, _abbreviations())


def abbreviation(hanja: str) -> Abbreviation | None:
    """What headline hanja stand for: one character (美 미국) or a run of them (韓美 한국·미국).

    A run is a word of the table (與野 여야), a prefix before a place (對北 대북), or a list of
    places and public bodies (美中 미국·중국); 核, 兆 and the prefixes stand alone.
    Compatibility, Korean variant (靑) and simplified (韩) forms find the same row.

    Args:
        hanja: The hanja as written.

    Returns:
        The abbreviation, or None when the hanja are not headline hanja.
    """
    if not 0 < len(hanja) <= 4:
        return None
    rows = _abbreviations()
    chars = [_char_key(ch) for ch in hanja]
    word = _words().get("".join(chars))
    if word is not None:
        return word
    found = [rows.get(ch) for ch in chars]
    if any(row is None for row in found):
        return None
    parts = [row for row in found if row is not None]
    if len(parts) == 1:
        (row,) = parts
        return Abbreviation(chars[0], row.expansion, row.meaning, row.source, row.role == "prefix")
    first, *rest = parts
    if len(parts) == 2 and chars[0] in _BEFORE_PLACE and rest[0].role == "place" and rest[0].joined:
        return Abbreviation(
            "".join(chars),
            first.joined + rest[0].joined,
            f"{_BEFORE_PLACE[chars[0]]} {rest[0].meaning}",
            first.source,
        )
    if any(row.role not in ("place", "body") for row in parts):
        return None
    meanings = [row.meaning for row in parts]
    return Abbreviation(
        "".join(chars),
        "·".join(row.expansion for row in parts),
        ", ".join(meanings[:-1]) + " and " + meanings[-1],
        "; ".join(dict.fromkeys(row.source for row in parts)),
    )


def conventional_reading(hanja: str) -> ConventionalReading | None:
    """The customary Korean reading of a Chinese place whose characters read otherwise.

    Args:
        hanja: The hanja as written: traditional, simplified (广州), a Korean variant or
            compatibility form, or a short form (台灣).

    Returns:
        The reading and its source (深圳 → 심천), or None when the table has no row.
    """
    lengths, firsts = _openings()
    if len(hanja) not in lengths or unify(hanja[:1]) not in firsts:
        return None
    rows = _readings()
    return rows.get(_traditional(hanja, rows))


def stands_alone(hanja: str, sentence: str, *, after_digit: bool = False) -> bool:
    """Whether ``hanja`` stands in the sentence as a word of its own at least once.

    A headline hanja starts a word (美 대선, 韓美정상, 「北에」); after hangul it is a
    suffix (언급中 "while mentioning"), after a digit a date or a count (5日), and inside a
    longer run of hanja (美國, 中心) a part of another word.

    Args:
        hanja: The hanja.
        sentence: A sentence holding them.
        after_digit: Whether a digit may stand before them (兆: 3兆 원).

    Returns:
        True when one place in the sentence has none of these before or a hanja after.
    """
    at = sentence.find(hanja)
    while at >= 0:
        end = at + len(hanja)
        before = sentence[at - 1] if at else " "
        glued = is_hangul(before) or is_hanja(before) or before.isascii() and before.isalpha()
        if before.isdigit() and not after_digit:
            glued = True
        if not glued and not (end < len(sentence) and is_hanja(sentence[end])):
            return True
        at = sentence.find(hanja, at + 1)
    return False


def _each_korean_once(sentences: Iterable[str]) -> Iterator[str]:
    """Each sentence that has hangul, once: headline hanja are a Korean convention (in Chinese
    text 中 is "within", 与 "and", 日 a day), and a word of a Chinese document has thousands of
    places, many in the same sentences."""
    seen: set[str] = set()
    korean = _hangul()
    for sentence in sentences:
        if sentence not in seen:
            seen.add(sentence)
            if korean.search(sentence):
                yield sentence


@functools.cache
def _hangul() -> re.Pattern[str]:
    """A hangul syllable (compiled once)."""
    return re.compile("[가-힣]")


def term_conventions(
    hanja: str, gloss: str, sino_korean: str, sentences: Iterable[str]
) -> TermConventions:
    """What the conventions give a term, for :class:`glossary.model.Term`'s fields.

    Args:
        hanja: The term's hanja.
        gloss: Its gloss; a glossed term is no headline abbreviation.
        sino_korean: The reading computed character by character: a customary reading is
            given only where it differs (广州 엄주 → 광주; 廣州 광주 needs none).
        sentences: The sentences of the term's occurrences: the hanja must stand as a word of
            their own in one of them that has hangul to be an abbreviation (中 직접 거명, not
            언급中, nor 讲话中 in Chinese text).

    Returns:
        ``abbreviates``, ``conventional_reading`` and ``conventional_source``.
    """
    abbreviates = ""
    if not gloss:
        found = abbreviation(hanja)
        after_digit = found is not None and found.hanja in _COUNTS
        if found is not None and any(
            stands_alone(hanja, s, after_digit=after_digit) for s in _each_korean_once(sentences)
        ):
            abbreviates = found.expansion
    usage = conventional_reading(hanja)
    if usage is None or usage.reading == sino_korean:
        return TermConventions(abbreviates)
    return TermConventions(abbreviates, usage.reading, usage.source)
