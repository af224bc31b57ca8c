"""Characters that, as words of their own in running Chinese, mostly mean what their first
senses do not say.

CC-CEDICT lists a character's senses in one order for all its uses: 才 "ability; talent" before
"then and only then", 被 "quilt" before "by", 把 "to hold" before the object marker, 俄
"suddenly" before "Russia". As a word of its own in running Chinese, before another word, such a
character is mostly the adverb, preposition or place. In the People's Daily of January 1998
(PKU tags, both halves), of its places as a word of its own: 才 is the adverb or conjunction in
510 of 522, 被 the passive preposition in 954 of 957, 把 the object marker in 1,505 of 1,563,
所 the particle in 779 of 904, 经 "through, after" in 182 of 204, 按 "according to" in 213 of
237, 除 "except" in 91 of 107, 等 "and so on" in 2,715 of 2,775, 较 "relatively" in 473 of 497,
同 "with" or "together" in 592 of 617, 正 "just (then)" in 353 of 393, 共 "together, in all" in
388 of 398; and the abbreviation of a place: 俄 (Russia) in 340 of 340, 美 (the United States)
368 of 428, 英 102 of 114, 京 (Beijing) 240 of 243, 港 (Hong Kong) 65 of 67, 欧 (Europe) 77 of
85, 伊 (Iraq, Iran) 99 of 101, 巴 (Pakistan, Palestine) 127 of 128. A term is one list of
senses for all its places, so the use most of them have wins: the harvest puts these senses
first (:func:`alone_senses_first`) when most of a bare one-character term's places come before
a hanja; in Korean text, where such a character stands before hangul or a space, the order
stays (美 대선: the headline abbreviation, see :mod:`glossary.engine.conventions`). 对 is the
preposition "towards, for" in 3,697 of its 3,800 places (its first senses say "right, correct"; the
Korean headline sense 대 "toward, concerning" is for Korean text only); 要 is the verb ("to want",
"will", "must": not "important") in 2,934 of 2,936; 本 the pronoun "this" in 161 of 318 (76 the
measure word, after a number); 干 the verb "to do, to work" in 177 of 237 (not "tree trunk"); 便
the adverb "then" in 300 of 309 (not "plain; informal"); 当 the preposition "when, during" (当…时)
in 279 of 454, the verb "to be, to act as" in 174; 由 the preposition "from, by" in 1,159 of 1,169
(not "to follow"); 总 "total, general" before a noun in 228 of 316, "always" in 85; 驻 "to be
stationed" in 276 of 276 (not "to halt"), 兼 "holding two posts" (部长兼书记) in 130 of 130 (not
"double"), 均 "all" in 193 of 196, 称 "to state" in 122 of 128 (not "to weigh"), 属 "to belong to,
to be" in 80 of 84 (not "category"), 获 "to obtain" (再获丰收, 分获一、二等奖; PKU's verb in 131
of 132, "to catch" in none of those read), 任 "to take up a post" (张良基任该剧总导演, 曾任;
PKU's verb in 98 of its 174 places, most others a surname, which a name joins) and 指 "to
indicate or refer to" (是指, 就是指; the verb in 102 of 104, not "finger"). After a word, the
locatives: 后 "after" in 1,433 of 1,436
places (not "back"), 前 "ago, before" in 749 of 752 (not "front"), 里 "inside" in 796 of 890 (not
"lining"; 90 the unit of length); and in news, 讯 "news" (本报讯, a dateline's end) in 699 of 700
(not "to question"), 摄 "to take a photo" after a photographer's name in 363 of 364 (not "to take
in"), 省 "province" in 317 of 330 (not "to save"), 镇 "small town" in 63 of 64 (not "to press
down"), 电 a dispatch ("phone call or telegram") after a date or 社 in 1,144 of 1,232
(新华社北京一月七日电; not "lightning"), 版 "edition, page" (1992年版卢布, 本报四版; not "a
register"), a fee's 费 (会议费, 接待费; not "to cost") and 戏 "drama, play" (这台戏, 新戏; PKU's
noun in 71 of 73, not "trick"), 城 "city" (北京城, 模范城; the noun in 52 of 54, not "city
walls") and 方 "side, party" (蒙方, 巴方: 36 of the 50 places of 方 alone in the development half
follow a word, 8 more a number, 三方; not "square"): :func:`after_senses_first` puts those
first when most of the term's places follow a hanja. 纔 (traditional 才 as "just now", its only
senses) needs nothing; 的, 了, 和, 在 and most others list the function word first.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from glossary.model import Term

__all__ = [
    "AFTER_SENSES",
    "ALONE_SENSES",
    "after_senses_first",
    "alone_senses_first",
    "classifier_senses_first",
]

_SENSES = {
    "才": ("then and only then", "just now", "(before an expression of quantity) only"),
    "被": ("by", "(indicates passive-voice clauses)"),
    "把": ("particle marking the following noun as a direct object",),
    "所": ("that which", "particle introducing a relative clause or passive"),
    "经": ("to pass through", "to undergo"),
    "按": ("according to", "in the light of"),
    "除": ("except", "not including"),
    "等": ("et cetera", "and so on", "et al. (and other authors)"),
    "较": ("(before adj.) relatively", "comparatively", "rather"),
    "同": ("with", "together"),
    "正": ("just (at that time)", "right (in that place)", "exactly"),
    "共": ("together", "total", "altogether"),
    "对": ("towards", "at", "for"),
    "要": ("to want", "will", "going to (as future auxiliary)", "must"),
    "本": ("this", "the current"),
    "干": ("to do", "to work"),
    "便": ("equivalent to 就[jiu4]: then", "in that case", "soon afterwards"),
    "当": ("when", "during", "to be", "to act as"),
    "由": ("from", "by", "because of"),
    "总": ("total", "overall", "general", "always"),
    "驻": ("to be stationed (of troops, diplomats etc)",),
    "兼": ("holding two or more (official) posts at the same time", "simultaneous"),
    "均": ("all", "equal"),
    "称": ("to state", "to name"),
    "属": ("to belong to", "to be", "to constitute"),
    "获": ("to obtain",),
    "任": ("to take up a post", "to appoint"),
    "指": ("to indicate or refer to", "to point at or to"),
    # Places, in news: 俄外长 (Russia's foreign minister), 美对伊 (the US towards Iraq).
    "美": ("USA", "abbr. for 美國|美国[Mei3 guo2]"),
    "俄": ("Russia", "Russian", "abbr. for 俄羅斯|俄罗斯[E2 luo2 si1]"),
    "英": ("United Kingdom", "British", "England", "English", "abbr. for 英國|英国[Ying1 guo2]"),
    "京": ("abbr. for Beijing",),
    "港": ("Hong Kong, abbr. for 香港[Xiang1 gang3]",),
    "欧": ("Europe", "abbr. for 歐洲|欧洲[Ou1 zhou1]"),
    "伊": ("abbr. for 伊拉克[Yi1 la1 ke4], Iraq", "abbr. for 伊朗[Yi1 lang3], Iran"),
    "巴": ("abbr. for Pakistan", "abbr. for Palestine or Palestinian"),
}
ALONE_SENSES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        **_SENSES,
        **{"經": _SENSES["经"], "歐": _SENSES["欧"], "較": _SENSES["较"], "對": _SENSES["对"]},
        "幹": _SENSES["干"],
        "當": _SENSES["当"],
        "總": _SENSES["总"],
        **{"駐": _SENSES["驻"], "稱": _SENSES["称"], "屬": _SENSES["属"], "獲": _SENSES["获"]},
    }
)
"""Each character's senses alone in running Chinese, as CC-CEDICT words them, in the order to
show."""

_AFTER = {
    "后": ("after", "afterwards", "later"),
    "前": ("ago", "before"),
    "里": ("inside", "interior"),
    "讯": ("news", "information"),
    "摄": ("to take a photo", "photo"),
    "省": ("province",),
    "镇": ("small town",),
    "电": ("phone call or telegram etc", "to send via telephone or telegram etc"),
    "版": ("edition", "version", "page"),
    "费": ("fee", "expenses"),
    "戏": ("drama", "play", "show"),
    "城": ("city", "town"),
    "方": ("side", "party (to a contract, dispute etc)"),
}
AFTER_SENSES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        **_AFTER,
        **{"後": _AFTER["后"], "裏": _AFTER["里"], "裡": _AFTER["里"]},
        **{"訊": _AFTER["讯"], "攝": _AFTER["摄"], "鎮": _AFTER["镇"], "電": _AFTER["电"]},
        "費": _AFTER["费"],
        "戲": _AFTER["戏"],
    }
)
"""Each character's senses after a word in running Chinese, in the order to show: the
locatives (会议后: "after"), and what news writes after a word: 本报讯 (news), a photographer's
name and 摄 (to take a photo), 我省 (province), a place's 镇 (town)."""


def alone_senses_first(term: Term) -> Term:
    """A bare term of one such character with those senses first (才: "then and only then",
    not "ability"; 俄: "Russia", not "suddenly").

    Args:
        term: A term whose hanja is a key of :data:`ALONE_SENSES`, with its meanings.

    Returns:
        The term with those of its meanings first, in that order, the others after them as
        they were; the term itself when it has none of them (another dictionary's wording).
    """
    return _first(term, ALONE_SENSES.get(term.hanja, ()))


def after_senses_first(term: Term) -> Term:
    """A bare term of one locative with its senses after a word first (后: "after", not "back";
    里: "inside", not "lining").

    Args:
        term: A term whose hanja is a key of :data:`AFTER_SENSES`, with its meanings.

    Returns:
        As :func:`alone_senses_first`, with those senses.
    """
    return _first(term, AFTER_SENSES.get(term.hanja, ()))


def _first(term: Term, wanted: tuple[str, ...]) -> Term:
    """The term with those of the ``wanted`` senses it has first, the others after them."""
    first = tuple(sense for sense in wanted if sense in term.meanings)
    if not first:
        return term
    rest = tuple(sense for sense in term.meanings if sense not in first)
    return replace(term, meanings=(*first, *rest))


# Counted characters whose classifier sense is not what counting them means.
_COUNTED_SENSES = MappingProxyType({"方": _AFTER["方"]})


def classifier_senses_first(term: Term) -> Term:
    """A one-character term first written after a number with its classifier senses first:
    三名 "classifier for people", not "name"; 第十五届 "classifier for events, meetings...",
    not "to arrive at" (in the People's Daily, as a word of its own, 名 is the classifier in 932
    of 974 places, 届 in 467 of 470, 项 in 563 of 576, 批 in 393 of 410).

    Args:
        term: The term, with its meanings.

    Returns:
        The term with its senses that start "classifier for" (or end "(classifier)": 米 "meter
        (classifier)") first, the others after them as they were; the term itself when it has
        none.
    """
    if term.hanja in _COUNTED_SENSES:  # 三方: three sides, not "classifier for square things"
        return _first(term, _COUNTED_SENSES[term.hanja])
    first = tuple(
        sense
        for sense in term.meanings
        if sense.startswith("classifier for") or sense.endswith("(classifier)")
    )
    if not first or term.meanings[: len(first)] == first:
        return term
    rest = tuple(sense for sense in term.meanings if sense not in first)
    return replace(term, meanings=(*first, *rest))
