"""Characters that a surname reads otherwise: 金 is 김 in 金大中 (김대중), 금 in 金融 (금융).

The Sino-Korean reading of a name follows the surname's reading, which for these few
characters is not the one most words have (libhangul lists both: 金 "사람의 성 김", 沈 "성 심").
Which words are people's names the engine cannot tell by itself: the caller says so (see
:meth:`glossary.engine.enrich.Enricher.know_people`), from the dictionary.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import NamedTuple

from glossary.engine.particles import with_syllables
from glossary.engine.transcribe import pinyin_to_hangul
from glossary.model import Term

__all__ = [
    "LONE_SURNAMES",
    "SURNAMES_READ_APART",
    "SURNAME_PINYIN",
    "TITLES",
    "Surname",
    "before_title",
    "read_apart",
    "read_as_name",
    "surname_sense_first",
]


class Surname(NamedTuple):
    """How a surname character is read, and how English writes it (to know a name's entry).

    Attributes:
        reading: Its Sino-Korean reading as a surname.
        spellings: Its romanizations, lowercase: pinyin without tone, and the Korean
            spelling where names from Korea use it (金 Kim).
    """

    reading: str
    spellings: tuple[str, ...]


SURNAMES_READ_APART: dict[str, Surname] = {
    "金": Surname("김", ("jin", "kim")),
    "沈": Surname("심", ("shen", "sim", "shim")),
    "賈": Surname("가", ("jia",)),
    "贾": Surname("가", ("jia",)),
    "單": Surname("선", ("shan",)),
    "单": Surname("선", ("shan",)),
}
"""Surname characters whose surname reading is not their first reading, by shape as written."""


def read_apart(hanja: str) -> Surname | None:
    """The surname a word would start with, when its reading as a name differs.

    Args:
        hanja: A word as written (of two characters or more to be a name).

    Returns:
        The surname's reading and spellings, or None.
    """
    return SURNAMES_READ_APART.get(hanja[0]) if len(hanja) > 1 else None


SURNAME_PINYIN: MappingProxyType[str, tuple[str, str]] = MappingProxyType(
    {
        "曾": ("zēng", "zeng1"),  # céng "once"
        "仇": ("qiú", "qiu2"),  # chóu "hatred"
        "任": ("rén", "ren2"),  # rèn "to appoint"
        "肖": ("xiāo", "xiao1"),  # xiào "to resemble"
        "葛": ("gě", "ge3"),  # gé "kudzu"
    }
)
"""Common surnames (those a segmenter joins with a given name) that Mandarin reads otherwise as
surnames, as CC-CEDICT's "surname" entries read them: tone-marked, numbered."""


def read_as_name(term: Term) -> Term:
    """A person's name with its surname read as a surname: 曾建徽 Zēng, not céng ("once").

    Args:
        term: A term a segmenter joined as a person's name (surname first).

    Returns:
        The term with the surname's Mandarin reading, for the word and its character, and the
        Mandarin sound in hangul; the term as given for any other surname.
    """
    reading = SURNAME_PINYIN.get(term.hanja[:1])
    if reading is None or not term.chars or term.chars[0].pinyin_numbered == reading[1]:
        return term
    marked, numbered = reading
    chars = (replace(term.chars[0], pinyin=marked, pinyin_numbered=numbered), *term.chars[1:])
    return with_syllables(term, chars, pinyin_to_hangul([c.pinyin_numbered for c in chars]))


LONE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔汤乔葛包柳温"
    "張劉陳楊黃趙吳孫馬鄭謝許韓馮鄧蔣葉蘇呂盧鍾譚陸賈韋鄒喬閆龍陶黎賀顧龔萬錢嚴湯"
)
"""Common Chinese surnames (simplified and traditional) that stand alone before a title in news
(江主席, 李总理, 王书记). 和, 向 and 任 are left out: before a title they are mostly "and",
"towards" and "to serve as" (和总理, 任副主任)."""

TITLES = (
    "主席", "总理", "总书记", "书记", "主任", "委员长", "委员", "总统", "首相", "议长", "大使",
    "总领事", "部长", "省长", "市长", "县长", "区长", "乡长", "镇长", "村长", "局长", "处长",
    "科长", "司长", "厂长", "所长", "院长", "校长", "队长", "站长", "会长", "社长", "行长",
    "董事长", "秘书长", "经理", "总经理", "总裁", "老总", "主编", "政委", "司令", "司令员",
    "总司令", "首长", "将军", "团长", "师长", "军长", "教授", "博士", "老师", "医生", "大夫",
    "护士", "律师", "法官", "记者", "技师", "师傅", "先生", "女士", "小姐", "太太", "夫人",
    "同志", "老汉", "老太", "大爷", "大妈", "大娘", "大嫂", "大姐", "大哥", "爷爷", "奶奶",
    "阿姨", "副主席", "副总理", "副书记", "副主任", "副委员长", "副总统", "副部长", "副省长",
    "副市长", "副县长", "副局长", "副院长", "副校长", "副厂长", "副总经理", "總理", "總書記",
    "書記", "委員長", "委員", "總統", "議長", "總領事", "部長", "省長", "市長", "縣長", "區長",
    "鄉長", "鎮長", "村長", "局長", "處長", "科長", "司長", "廠長", "所長", "院長", "校長",
    "隊長", "站長", "會長", "社長", "行長", "董事長", "秘書長", "經理", "總經理", "總裁", "老總",
    "主編", "司令員", "總司令", "首長", "將軍", "團長", "師長", "軍長", "醫生", "護士", "師傅",
    "記者", "副總理", "副書記", "副委員長", "副總統", "副部長", "副省長", "副市長", "副縣長",
    "副局長", "副院長", "副校長",
)  # fmt: skip
"""Titles and forms of address that follow a surname alone (江主席, 王老师, 李大夫), simplified and
traditional."""


def before_title(text: str, at: int) -> bool:
    """Whether the character at ``at`` is a common surname standing alone before a title.

    Args:
        text: The text.
        at: The offset of the character, a word of its own there.

    Returns:
        True for 江 in 江主席会见, 李 in 李总理说 (in the People's Daily, 98% of such places are
        a surname by PKU's hand tags); False elsewhere, and for a country's abbreviation
        before a title a country has (韩总统, 马大使).
    """
    char = text[at : at + 1]
    if char not in LONE_SURNAMES or not text.startswith(TITLES, at + 1):
        return False
    return char not in _COUNTRIES or not text.startswith(_OF_STATE, at + 1)


# Surnames that also stand for a country (韩 Korea, 马 Malaysia, 罗 Romania) and the titles a
# country has: 韩总统 and 马大使 are Korea's president and Malaysia's ambassador.
_COUNTRIES = frozenset("韩韓马馬罗羅")
_OF_STATE = (
    "总统", "總統", "总理", "總理", "首相", "大使", "议长", "議長", "总领事", "總領事", "副总统",
    "副總統", "副总理", "副總理",
)  # fmt: skip


def surname_sense_first(term: Term) -> Term:
    """A name's first character with its surname sense first (何: "surname He", not "what"),
    and a one-character term's own senses so (江 in 江主席: "surname Jiang", not "river").

    Args:
        term: The term, with its meanings.

    Returns:
        The term so, or as given when its first character has no surname sense.
    """
    if not term.chars:
        return term
    first = term.chars[0]
    surname = next((m for m in first.meanings if m.startswith("surname ")), None)
    chars = term.chars
    if surname is not None and first.meanings[0] != surname:
        chars = (replace(first, meanings=_put_first(first.meanings, surname)), *chars[1:])
    meanings = term.meanings
    if len(term.hanja) == 1:
        own = next((m for m in meanings if m.startswith("surname ")), None)
        if own is not None and meanings[0] != own:
            meanings = _put_first(meanings, own)
    if chars is term.chars and meanings is term.meanings:
        return term
    return replace(term, chars=chars, meanings=meanings)


def _put_first(senses: tuple[str, ...], sense: str) -> tuple[str, ...]:
    """The senses with one of them first, the others as they were."""
    return (sense, *(m for m in senses if m != sense))
