"""Later hangul-only uses of a gloss, and whether each one is the term or a homograph.

A gloss such as 저장(浙江) is searched for everywhere in the text (one Aho-Corasick pass).
Most places are the term, but some glosses are also everyday words with other hanja: 저장 is
浙江 (Zhejiang) and 貯藏 (storage), 선전 is 深圳 (Shenzhen) and 宣傳 (propaganda), 지난 is
濟南 (Jinan) and the native 지난 (past). Each place of such a gloss is judged by what stands
around it (HANJA-NOTES §4):

- the other word: a verb ending after a gloss that cannot be a verb (저장했다, 선전하는), or a
  word that goes with the everyday word (에너지 저장, 저장 공간, 선전 활동, 지난해): the place is
  dropped;
- the term: a place or title suffix (저장성, 선전시, 저장대, 한정 상무위원): a certain link;
- nothing either way (선전에, 저장과): a certain link, unless the same text uses the gloss as
  the other word somewhere, in which case it is a guess (``Mention.certain`` False).

Only glosses that can be homographs get this work, decided once per gloss: one that is not
its hanja's Sino-Korean reading (a transcription: a place name cannot take 하다, so 선전하다
is another word), one listed in :func:`rivals` (everyday words of the shipped word list that
news glosses collide with), and one whose last word is a single syllable (한 정(韓正) in 한
정파, "a faction"). Every other gloss is linked wherever it starts a word, as before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from glossary.engine.enrich import Enricher
from glossary.model import Mention, unified_hanja

__all__ = ["MIN_MENTION_LENGTH", "Rival", "find_mentions", "rivals"]

# A gloss shorter than this is too common a string to link as a mention (갑, 중).
MIN_MENTION_LENGTH = 2

# What the words around a place say (see _cue).
_NONE, _TERM, _OTHER, _UNSURE = range(4)

# Particles and copula forms that may close a noun; longest first where one starts another.
_PARTICLES = (
    "에서는", "에서도", "에서의", "으로는", "으로의", "이었다", "에게", "에는", "에도", "에선",
    "에서", "으로", "로는", "로의", "와의", "과의", "이나", "이다", "이며", "이고", "이라", "이자",
    "처럼", "보다", "께서", "까지", "부터", "였다", "은", "는", "이", "가", "을", "를", "의", "에",
    "로", "과", "와", "도", "만", "나",
)  # fmt: skip
# Verb and adjective endings after a noun (저장했다, 선전하는, 저장된): two syllables match
# whatever follows, one syllable only at the end of the word (한국 is not 한 + 국).
_VERB_ENDINGS = (
    "하다", "하는", "하고", "하며", "하여", "하기", "하지", "하면", "하던", "하게", "하자",
    "하려", "합니", "했다", "했던", "했고", "했으", "했지", "했는", "했습", "되다", "되는",
    "되고", "되며", "되어", "되었", "되지", "되면", "된다", "됐다", "됐던", "됐고", "됐으",
    "시키", "시켜", "시킨", "해서", "해야", "해도", "해온", "해왔", "해져", "돼서", "돼야",
    "한", "할", "함", "해", "된", "될", "됨", "돼",
)  # fmt: skip
# Suffixes and following words that name a place or a person's post: the term.
_TERM_SUFFIXES = (
    "성", "시", "구", "현", "대", "지역", "일대", "지방", "출신", "대학", "공항", "거래소",
    "특구", "당국", "정부", "당위원회", "당서기", "주석", "총리", "부총리", "부주석",
    "상무위원", "위원장", "에서",
)  # fmt: skip
_TERM_WORDS = tuple(s for s in _TERM_SUFFIXES if len(s) > 1)


@dataclass(frozen=True)
class Rival:
    """An everyday word spelled like a gloss, and the words that give it away.

    Attributes:
        hanja: Its hanja forms as the shipped word list has them under this reading (a test
            checks that); empty for a native word (지난, "past").
        verbal: It takes 하다/되다 (貯藏, 宣傳, 限定), so a verb ending after the hangul means
            this word even when the gloss is the term's own Sino-Korean reading (한정(韓正)).
        after: Words that follow it, in the same word or the next (저장 공간, 저장소, 선전전).
        before: Words just before it (에너지 저장, 대대적 선전, 국위 선양).
        noun: False when the word cannot take a particle (the native 지난 is a verb form):
            a particle after the hangul then means the term (지난을 왕복).
    """

    hanja: tuple[str, ...]
    verbal: bool
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    noun: bool = True


@functools.cache
def rivals() -> Mapping[str, Rival]:
    """Everyday words that glosses in Korean news about China collide with, by hangul.

    Built on first use. Each is a common word (most come first under their reading in
    libhangul's list), unlike the rare words that share almost every reading: 우한 is also
    牛漢 and 憂恨, which no one confuses with 武漢, so 우한 is not listed.

    Returns:
        The rival word of each hangul form.
    """
    return {
        "저장": Rival(
            ("貯藏",),
            verbal=True,
            after=_words(
                "공간 장치 용량 시설 기능 매체 탱크 창고 시스템 설비 능력 기술 산업 발전소 "
                "프로젝트 규모 방식 기간 비용 효율 캐비닛 소 고 량 용"
            ),
            before=_words(
                "에너지 데이터 파일 정보 전력 전기 냉동 냉장 장기 대용량 클라우드 스마트 양수 "
                "수소 가스 식량 곡물 영구 임시 자동 분산 안전하게"
            ),
        ),
        "선전": Rival(
            ("宣傳", "善戰", "宣戰"),
            verbal=True,
            after=_words(
                "활동 효과 문구 포스터 구호 선동 공세 영상 도구 수단 기관 부장 포고 전략 공작 "
                "매체 전 물 부 술"
            ),
            before=_words("정치 대외 체제 허위 과대 대대적 대대적으로 반공 자기"),
        ),
        "상해": Rival(
            ("傷害",),
            verbal=True,
            after=_words("죄 치사 혐의 사건 보험 진단 사고 피해"),
            before=_words("폭행 특수 중"),
        ),
        "신장": Rival(
            ("伸張", "身長", "腎臟"),
            verbal=True,
            after=_words("병 이식 질환 기능 투석 암 결석 세포 률"),
            before=_words("인권 권익 세력 국력 평균"),
        ),
        "창사": Rival(("創社",), verbal=False, after=_words("기념 이래 주년 기념일 멤버")),
        "선양": Rival(("宣揚",), verbal=True, before=_words("국위 위상 국력 정신 애국")),
        "한정": Rival(
            ("限定",),
            verbal=True,
            after=_words("판 판매 수량 적 상품 메뉴 에디션"),
            before=_words("기간 수량 지역"),
        ),
        "성장": Rival(
            ("成長",),
            verbal=True,
            after=_words("률 세 동력 잠재력 둔화 전략 산업"),
            before=_words("경제 고속 고도 지속 마이너스 플러스"),
        ),
        "이사": Rival(("移徙",), verbal=True, after=_words("짐 비용 철 업체")),
        "사기": Rival(
            ("詐欺", "士氣"),
            verbal=False,
            after=_words("꾼 죄 범 혐의 피해 극 진작 저하 행각 사건"),
            before=_words("보이스피싱 전화 금융 투자 전세"),
        ),
        "대국": Rival(
            ("大國",),
            verbal=False,
            after=_words("굴기 외교 관계 들"),
            before=_words("경제 군사 강 패권 제조 무역 세계 초 인구"),
        ),
        "한중": Rival(
            ("韓中",),
            verbal=False,
            after=_words("관계 정상 수교 양국 노선 협력 교류 외교 간 일"),
        ),
        # The native 지난 (past) before a time: 지난해, 지난 18일, 지난 시즌.
        "지난": Rival(
            (),
            verbal=False,
            after=_words(
                "해 달 주 번 날 밤 시즌 회 대회 정부 연도 학기 분기 주말 시절 때 세월 몇 수 "
                "선거 겨울 여름 봄 가을 0 1 2 3 4 5 6 7 8 9"
            ),
            noun=False,
        ),
    }


def _words(spaced: str) -> tuple[str, ...]:
    return tuple(spaced.split())


@dataclass(frozen=True)
class _Profile:
    """What the words around a gloss's places are checked for, decided once per gloss."""

    rival: Rival | None
    verbs_mean_other: bool
    fragile: bool

    @property
    def checked(self) -> bool:
        """Whether the gloss may be a homograph at all (every other gloss is always linked)."""
        return self.rival is not None or self.verbs_mean_other or self.fragile


@functools.cache
def _word_chars() -> frozenset[str]:
    """Characters that may not stand just before a mention: it must start a word."""
    hangul = (chr(c) for c in range(ord("가"), ord("힣") + 1))
    return frozenset((*hangul, *(chr(c) for c in range(128) if chr(c).isalnum())))


@functools.cache
def _surrogates() -> re.Pattern[str]:
    """Lone surrogates, which cannot cross into the matcher (compiled on first use)."""
    return re.compile("[\ud800-\udfff]")


def _is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


def _particle_at(text: str, i: int) -> bool:
    """Whether a particle (or copula form) stands at i and ends the word."""
    for p in _PARTICLES:
        if text.startswith(p, i) and not _is_hangul(text[i + len(p) : i + len(p) + 1]):
            return True
    return False


def _closes(text: str, i: int) -> bool:
    """Whether the word ends at i, or only a particle follows."""
    return not _is_hangul(text[i : i + 1]) or _particle_at(text, i)


@functools.cache
def _by_first(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Words by their first character: most places are ruled out by one look-up."""
    index: dict[str, tuple[str, ...]] = {}
    for w in words:
        index[w[0]] = (*index.get(w[0], ()), w)
    return index


@functools.cache
def _by_last(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Words by their last character."""
    index: dict[str, tuple[str, ...]] = {}
    for w in words:
        index[w[-1]] = (*index.get(w[-1], ()), w)
    return index


def _follows(
    text: str, end: int, words: tuple[str, ...], *, spaced: bool = True, closed: bool = True
) -> bool:
    """Whether one of the words continues the word that ends at end, or is the next word.

    When ``closed``, a word of one hangul syllable must end there (저장소에 but not
    저장소비); a longer one may go on (저장 장치는).
    """
    index = _by_first(words)
    starts = (end, end + 1) if spaced and text[end : end + 1] == " " else (end,)
    for at in starts:
        for w in index.get(text[at : at + 1], ()):
            if not text.startswith(w, at):
                continue
            if not closed or len(w) > 1 or not _is_hangul(w) or _closes(text, at + len(w)):
                return True
    return False


def _precedes(text: str, start: int, words: tuple[str, ...]) -> bool:
    """Whether the word just before start (past spaces) ends with one of the words."""
    j = start
    while j > 0 and text[j - 1] == " ":
        j -= 1
    if j == start or j == 0:
        return False  # No space: the mention does not start a word.
    return any(text.endswith(w, 0, j) for w in _by_last(words).get(text[j - 1], ()))


def _verb_after(text: str, end: int) -> bool:
    """Whether a verb or adjective ending follows the noun that ends at end (저장했다)."""
    for ending in _by_first(_VERB_ENDINGS).get(text[end : end + 1], ()):
        if text.startswith(ending, end) and (len(ending) > 1 or _closes(text, end + 1)):
            return True
    return False


def _cue(text: str, start: int, end: int, profile: _Profile) -> int:
    """What the words around one place say it is (a place suffix is looked for later)."""
    rival = profile.rival
    if rival is not None and (
        _follows(text, end, rival.after) or _precedes(text, start, rival.before)
    ):
        return _OTHER
    after = text[end : end + 1]
    if profile.verbs_mean_other and _verb_after(text, end):
        return _OTHER
    if rival is not None and not rival.noun and _particle_at(text, end):
        return _TERM
    if (
        profile.fragile
        and _is_hangul(after)
        and not _particle_at(text, end)
        and not _place_after(text, end)
    ):
        return _UNSURE
    return _NONE


def _place_after(text: str, end: int) -> bool:
    """Whether a place or title suffix follows (저장성, 선전시, 한정 상무위원).

    A suffix may start a longer word (저장성전력회사); after a space only a whole word
    counts.
    """
    return _follows(text, end, _TERM_SUFFIXES, spaced=False, closed=False) or _follows(
        text, end, _TERM_WORDS
    )


def _profile(gloss: str, hanja: str, enricher: Enricher) -> _Profile:
    """How the places of one gloss are judged."""
    rival = rivals().get(gloss)
    if rival is not None and rival.hanja:
        forms = {unified_hanja(hanja), enricher.info(hanja).traditional}
        if forms & set(rival.hanja):
            rival = None  # The text glosses the everyday word itself: 선전(宣傳).
    own = "sino" in enricher.classify(gloss, hanja).matches
    return _Profile(
        rival=rival,
        verbs_mean_other=not own or (rival is not None and rival.verbal),
        fragile=gloss.rfind(" ") == len(gloss) - 2,  # The last word is one syllable: 한 정.
    )


def _depth(profile: _Profile) -> int:
    """0: link every place; 1: only a verb ending after a place says no; 2: every cue."""
    if not profile.checked:
        return 0
    return 1 if profile.rival is None and not profile.fragile else 2


def find_mentions(
    text: str,
    terms: Sequence[tuple[str, str]],
    glossed: Iterable[tuple[int, int]],
    enricher: Enricher | None = None,
) -> dict[tuple[str, str], tuple[Mention, ...]]:
    """Find hangul-only uses of each gloss outside the glossed places, and judge them.

    A mention starts a word (no hangul, digit or Latin letter just before it); what follows
    it is free, so 항저우시 and 저장대 mention 항저우 and 저장. Glosses shorter than two
    characters are not linked. All glosses are searched at once (Aho-Corasick, leftmost
    longest), so the cost follows the length of the text, not the number of terms; the
    words around a place are looked at only for glosses that may be homographs (see the
    module's description). A place that is another word is left out; one that may be is
    a mention with ``certain`` False.

    Args:
        text: The document text.
        terms: The glossed terms as (gloss, hanja), in order of appearance; a gloss that
            several terms share belongs to the first.
        glossed: The spans of every glossed (and bare) place, where no mention may start.
        enricher: The enricher explaining the terms (its caches are shared); a new one by
            default.

    Returns:
        Mentions per (hanja, gloss) key, in text order.
    """
    owners: dict[str, tuple[str, str]] = {}
    for gloss, hanja in terms:
        if len(gloss.replace(" ", "")) >= MIN_MENTION_LENGTH:
            owners.setdefault(gloss, (hanja, gloss))
    if not owners:
        return {}
    import ahocorasick_rs  # Loaded on first use, like every other heavy resource.

    # A few dozen glosses, one search: the NFA builds in a third of the time the default
    # (a DFA) takes and searches as fast.
    automaton = ahocorasick_rs.AhoCorasick(
        list(owners),
        matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        implementation=ahocorasick_rs.Implementation.NoncontiguousNFA,
    )
    enricher = enricher if enricher is not None else Enricher()
    glosses = list(owners)
    # Each gloss's profile, made when its first place is found (most glosses have none).
    profiles: list[_Profile | None] = [None] * len(owners)
    # How much a gloss's places are looked at: 0 not at all, 1 for a verb ending after them
    # (most transcriptions: one look at the next character), 2 for every cue; -1 not known.
    depth = [-1] * len(owners)
    verbs = _by_first(_VERB_ENDINGS)
    places: list[list[Mention]] = [[] for _ in owners]
    verb_after = [False] * len(owners)
    doubtful: dict[int, list[tuple[int, int]]] = {}
    # Glossed spans, sorted, with a sentinel so the loop needs no bounds check: the loop
    # below runs once per match, tens of thousands of times in a long text.
    taken = sorted(glossed)
    taken.append((len(text) + 1, len(text) + 1))
    k = 0
    taken_start, taken_end = taken[0]
    inside_word = _word_chars()
    # Lone surrogates cannot cross into the matcher; U+FFFD keeps every offset in place.
    surrogates = _surrogates()
    haystack = surrogates.sub("\ufffd", text) if surrogates.search(text) else text
    for index, s, e in automaton.find_matches_as_indexes(haystack):
        if s and text[s - 1] in inside_word:
            continue  # Inside a word, not at its start.
        while taken_end <= s:
            k += 1
            taken_start, taken_end = taken[k]
        if taken_start < e:
            continue
        level = depth[index]
        if level < 0:
            profile = profiles[index] = _profile(
                glosses[index], owners[glosses[index]][0], enricher
            )
            level = depth[index] = _depth(profile)
        if level == 0:
            places[index].append(Mention(s, e))
        elif level == 1:
            if text[e : e + 1] in verbs and _verb_after(text, e):
                verb_after[index] = True  # Another word here (저장했다): no mention.
            else:
                places[index].append(Mention(s, e))
        else:
            doubtful.setdefault(index, []).append((s, e))
    for index, said in enumerate(verb_after):
        if said:  # The text uses the gloss as another word: a bare place is a guess.
            places[index] = [
                Mention(m.start, m.end, certain=_place_after(text, m.end)) for m in places[index]
            ]
    for index, spans in doubtful.items():
        made = profiles[index]
        assert made is not None  # Made at the gloss's first place.
        places[index] = _judged(text, spans, made)
    return {key: tuple(p) for key, p in zip(owners.values(), places, strict=True) if p}


def _judged(text: str, spans: list[tuple[int, int]], profile: _Profile) -> list[Mention]:
    """The mentions of a gloss that may be an everyday word: each place by its cues."""
    cues = [_cue(text, s, e, profile) for s, e in spans]
    if _OTHER not in cues:
        return [
            Mention(s, e, certain=cue != _UNSURE) for (s, e), cue in zip(spans, cues, strict=True)
        ]
    # The text uses the gloss as the other word somewhere: a place is the term only where a
    # place suffix says so; places that say nothing are guesses.
    return [
        Mention(s, e, certain=cue == _TERM or (cue == _NONE and _place_after(text, e)))
        for (s, e), cue in zip(spans, cues, strict=True)
        if cue != _OTHER
    ]
