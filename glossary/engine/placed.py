"""Readings a character's place decides: 为 wéi ("as", "to be") or wèi ("for"); 地 de or dì;
得 de or děi; 过 guo or guò; 种 zhǒng or zhòng; 长 cháng or zhǎng; 只 zhǐ or zhī; 重 zhòng or
chóng; 处 chù or chǔ; and senses: 将 "will" or the object marker, 过 "excessively".

为 alone is two words. pypinyin and CC-CEDICT read it wèi ("for; because of"), but in news
half its places are wéi: 以江泽民同志为核心 ("with … as the core"), 图为 ("the picture is"),
比例为17% ("the share is"), 被命名为 ("was named as"). A term is one reading for all its
places, so a card or a pinyin line that always said wèi was wrong at half of them.
:func:`read_at` reads one place by what stands around it in its clause; the harvest reads the
term as most of its places are (see :func:`glossary.engine.standing.standing`), and the reader
shows each place as it reads.

The clues, each a construction of the grammar, not a statistic: 以 as a word of its own earlier
in the clause (以…为…, "to take … as …"); 图 before it at a clause's start (a caption's 图为);
a number after it (为17.1%, 为第二批); a verb of naming, choosing or changing just before it
(称为, 命名为, 定为, 结为, 转化为, 均为) or, with its object between, earlier in the clause
(选举张春生为, 视元旦为, 变事后控制为; not 决定为, "decided to … for"); an office after it
and nothing more in its clause (…、张春生为省人大常委会副主任；, where the list of names runs
too long to read back to 选举). A comma inside a title (以《生命的火种，战士的丰碑》为题) ends no
clause. Anything else is wèi. Measured on places labelled by hand
(``bench/placed_readings.py``): 0.938 and 0.925 of two development sets of 80 places, 0.838 of
80 held out (read before, at 0.787 and 0.812) and 0.925 of 80 more labelled before this
version read them, against 0.887 for the version before (wèi everywhere: 0.500, 0.475, 0.388,
0.588).

地 after a word is mostly the particle de (高兴地说), as the harvest reads the term in running
Chinese (:mod:`glossary.engine.particles`), but it is the noun dì ("place", "land") where
nothing follows it in its clause (广东等地，), after 等 and 之 or a number or measure (等地, 两地,
十亩地), before 市, 县, 区 (地市), and where no hanja stands before it.

得 after a word is mostly the particle de too (跑得快), but after an adverb or a pronoun, before
a verb, it is the verb děi ("must": 还得从头说起, 你得收下, 就得办电): the particle only ever
follows a verb or an adjective. (Its third reading, dé "to obtain", is left to the words that
hold it: 得到, 取得, 获得.)

过 after a verb is mostly the particle guo (去过北京, 看过这本书: "(experienced action marker)"),
not pypinyin's guò "to cross": guò where no verb stands before it (过春节) or an adverb does
(刚过, 再过几天, 怎么过), before an adjective (过高, 过多: "excessively", put first by
:func:`senses_at`; not 作出过重大贡献) or before what is spent or passed (过好年, 过后, 过一个欢乐
的春节, 过着…生活, 过得苦, 过亿元): PKU's tags read so on 0.914 of the development half's places
and 0.832 of the held-out half's (before these clues: 0.731, 0.723).
种 is the measure word zhǒng after what counts (三种, 多种) and the verb zhòng
"to plant" elsewhere (种树). 长 alone is mostly the adjective cháng ("long": 长达, 很长, 百家之
长), but the verb zhǎng ("to grow") before what growing gives or reaches (长出, 长得, 长满,
长到, 长高, 长大). 只 alone is mostly the adverb zhǐ ("only": 只在, 却只), but the measure word
zhī (隻, for animals and one of a pair) after a number or what counts (三只鸡, 一只眼睛, 这只海龟),
not before a verb after 这 or 那 (这只是, 那只能: "only"). 重 alone is zhòng ("heavy", "to
value": 负担很重, 重实效) but chóng before a verb done again (重写, 重又, 重燃) or after a numeral
(二重, "layer"); 处 alone is the noun chù ("place": 七十公里处, 三处) but the verb chǔ after 所,
身, 地, 并 or 被 and before 以 or a sum (所处, 身处, 处以罚款, 处１００００元). On PKU's tags:
重 0.915 and 0.903 of the development and held-out halves' places (zhòng everywhere: 0.659,
0.806), 处 0.968 and 0.913 (chù everywhere: 0.839, 0.761).

将 is "will" before a verb (将于, 将继续) and marks the object as 把 does before what the verb
acts on (将其, 将这些问题, 将１９９８年定为): :func:`senses_at` says which senses a place puts
first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from types import MappingProxyType

from glossary.engine.cjk import NUMERAL_HANJA, is_hanja
from glossary.engine.marker import takes_object

__all__ = ["PLACED_READINGS", "PLACED_SENSES", "read_at", "senses_at"]

PLACED_READINGS: MappingProxyType[str, tuple[tuple[str, str], tuple[str, str]]] = MappingProxyType(
    {
        "为": (("wèi", "wei4"), ("wéi", "wei2")),
        "為": (("wèi", "wei4"), ("wéi", "wei2")),
        "地": (("de", "de5"), ("dì", "di4")),
        "得": (("de", "de5"), ("děi", "dei3")),
        "过": (("guo", "guo5"), ("guò", "guo4")),
        "過": (("guo", "guo5"), ("guò", "guo4")),
        "种": (("zhǒng", "zhong3"), ("zhòng", "zhong4")),
        "種": (("zhǒng", "zhong3"), ("zhòng", "zhong4")),
        "长": (("cháng", "chang2"), ("zhǎng", "zhang3")),
        "長": (("cháng", "chang2"), ("zhǎng", "zhang3")),
        "只": (("zhǐ", "zhi3"), ("zhī", "zhi1")),
        "重": (("zhòng", "zhong4"), ("chóng", "chong2")),
        "处": (("chù", "chu4"), ("chǔ", "chu3")),
        "處": (("chù", "chu4"), ("chǔ", "chu3")),
    }
)
"""Each character's usual reading as a word of its own in running Chinese and the reading its
place may give it instead: tone-marked, numbered."""

_OBJECT_MARKER = ("(introduces object of main verb, used in the same way as 把[ba3])",)
_TOO = ("excessively", "too-")
PLACED_SENSES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {"将": _OBJECT_MARKER, "將": _OBJECT_MARKER, "过": _TOO, "過": _TOO}
)
"""Each character's senses, as CC-CEDICT words them, that a place may put first."""

_CLAUSE_ENDS = frozenset("，。；：！？,;:!?\n\r\t")
_LOOK_BACK = 100  # Characters of a clause read back at most: a clause is rarely longer.

# 以 that is part of a word (可以, 所以, 以来, 以便...) is no preposition taking 为.
_NOT_BEFORE_YI = frozenset("可所予加难難得足用借赖賴何是给給")
_NOT_AFTER_YI = frozenset("来來后後前上下内內外及便免致至为為往北南东東西色期求旧舊")

_DIGITS = frozenset("0123456789０１２３４５６７８９第零")

# A verb just before 为 that takes it as "as": naming, choosing, ranking, changing, counting.
_VERB_ENDS = frozenset(
    "称稱名命定结結转轉改变變选選评評列分视視译譯划劃升降聘封誉譽尊奉拜归歸编編缩縮减減扩擴即均皆乃亦则則"
    "题題认認"
)
# Words of two ending in a character that ends other words too (文化为人民: wèi; 特别为: for).
_TWO_ENDS = frozenset(
    (
        "转化",
        "轉化",
        "简化",
        "簡化",
        "分化",
        "演化",
        "量化",
        "细化",
        "細化",
        "分别",
        "分別",
        "大约",
        "大約",
        "合并",
        "合併",
    )
)
# Words of two ending in such a verb's character that name nothing: 决定为 ("decided to … for").
_NOT_NAMING = frozenset(("决定", "決定", "一定"))
# Offices: what 为 makes someone where the clause ends after it (选举…为省长；).
_TITLES = (
    "主席", "主任", "委员", "委員", "书记", "書記", "成员", "成員", "顾问", "顧問", "总理",
    "總理", "总统", "總統", "大使", "经理", "經理", "主编", "主編", "政委", "司令员", "司令員",
    "理事", "院士", "专员", "專員", "秘书长", "秘書長", "董事长", "董事長", "理事长", "理事長",
    "委员长", "委員長", "省长", "省長", "市长", "市長", "县长", "縣長", "区长", "區長", "州长",
    "州長", "镇长", "鎮長", "乡长", "鄉長", "部长", "部長", "局长", "局長", "厅长", "廳長",
    "处长", "處長", "院长", "院長", "校长", "校長", "会长", "會長", "社长", "社長", "行长",
    "行長", "署长", "署長", "议长", "議長", "检察长", "檢察長", "庭长", "庭長",
)  # fmt: skip
_TITLE_AT_MOST = 16  # Characters between 为 and the clause's end: 自治区人大常委会副主任


def _ends_in_title(text: str, start: int) -> bool:
    """Whether the clause after 为 (from ``start``) is an office and nothing more."""
    end = start
    stop = min(len(text), start + _TITLE_AT_MOST + 1)
    while end < stop and text[end] not in _CLAUSE_ENDS and text[end] not in "、（(":
        end += 1
    return end > start and (end < stop or end == len(text)) and text.endswith(_TITLES, start, end)


# What ends a verb's object: 为 before it has none, so it is the verb wéi (不为，, 能为”).
_NO_OBJECT = _CLAUSE_ENDS | frozenset("”’」』）)》")

# A verb of the same kind with its object between it and 为 (选举张春生为副主任).
_VERBS_AHEAD = (
    "选举", "選舉", "命名", "任命", "选定", "選定", "推选", "推選", "推举", "推舉",
    "聘请", "聘請", "聘任", "指定", "确定", "確定", "认定", "認定", "评选", "評選",
)  # fmt: skip
_ALONE_VERBS_AHEAD = frozenset("视視变變立封奉尊拜称稱")
_BEFORE_ALONE_VERB = frozenset("把将將可都被并並又也就才而则則均")


def read_at(text: str, at: int) -> tuple[str, str] | None:
    """How a character of :data:`PLACED_READINGS` reads at one place of a text.

    Args:
        text: The text.
        at: The offset of the character, a word of its own there.

    Returns:
        ``(marked, numbered)``: its usual reading (wèi) or the one its place gives it (wéi);
        None when the character there is not one whose place decides.
    """
    readings = PLACED_READINGS.get(text[at : at + 1])
    if readings is None:
        return None
    usual, other = readings
    return other if _RULES[text[at]](text, at) else usual


def senses_at(text: str, at: int) -> tuple[str, ...]:
    """The senses a place puts first for a character of :data:`PLACED_SENSES`.

    Args:
        text: The text.
        at: The offset of the character, a word of its own there.

    Returns:
        Those senses (将 before its object: the object marker; 过 before an adjective:
        "excessively"), or ``()`` where the place says nothing (将 before a verb: "will", its
        first sense already).
    """
    senses = PLACED_SENSES.get(text[at : at + 1])
    if senses is None:
        return ()
    after = text[at + 1 : at + 3]
    if text[at] in "过過":
        excessive = after[:1] in _ADJECTIVES and not text.startswith(_NOT_EXCESSIVE, at + 1)
        return senses if excessive else ()  # 压力过大: excessively; not 作出过重大贡献
    if after and (after[0] in _OBJECT_STARTS or after[0].isdigit()):
        return () if after[0] == "一" and after[1:] in _ADVERB_AFTER_YI else senses
    return senses if after and takes_object(text, at) else ()  # 将资源优势转化为…


# What starts 将's object: a pronoun, a demonstrative, a number, a quotation or title.
_OBJECT_STARTS = frozenset(
    "其这這那此该該自他她它我你您们們各每“「『《一二三四五六七八九十两兩几幾数數"
)
# 一 that starts an adverb (一如既往, 一直, 一起), not a number: 将 is "will" before it.
_ADVERB_AFTER_YI = frozenset("如直道起同并併举舉定再致律概向贯貫般")


_SHARES = ("百分之", "千分之", "萬分之", "万分之")  # A share in numerals: 为 reads "is".


def _as(text: str, at: int) -> bool:
    """Whether 为 at ``at`` reads wéi: one of the module's clues stands around it."""
    after = text[at + 1 : at + 2]
    if after and after in _DIGITS or text.startswith(_SHARES, at + 1):
        return True  # 增幅为34.9%, 命名…为第二批, 比例为百分之十
    start = _clause_start(text, at)
    before = text[at - 1] if at > start else ""
    two = text[max(start, at - 2) : at]
    if before in _VERB_ENDS and two not in _NOT_NAMING or two in _TWO_ENDS:
        return True  # 称为, 定为, 结为, 转化为, 分别为
    if before in "约約" and at - 1 == start:
        return True  # …不等，约为进口价格的1/5
    if not after or after in _NO_OBJECT:
        return True  # 不为，则…
    if before in "图圖" and at - 1 == start:
        return True  # A caption: 图为…
    if _ends_in_title(text, at + 1):
        return True  # …、张春生为省人大常委会副主任；: a list too long to read back to 选举
    # 以…为…, 视元旦为过年, 选举张晔为主席: one search of the clause in C (a text of 为 alone
    # would otherwise cost a loop of a hundred characters a place).
    if _clues().search(text, start, at) is None:
        return False  # No character any of them starts with: nothing to search for.
    return _ahead().search(text, start, at) is not None


def _place(text: str, at: int) -> bool:
    """Whether 地 at ``at`` is the noun dì rather than the particle de."""
    before = text[at - 1] if at else ""
    after = text[at + 1 : at + 2]
    if before in _CLOSING:
        return False  # “名正言顺”地: an adverb of what is quoted
    if not before or not is_hanja(before):
        return True  # Nothing before it that it could make an adverb of.
    if at > 3 and text[at - 4 : at - 2] == text[at - 2 : at]:
        return False  # 一个一个地解决, 一次一次地
    if after in "、，," and before not in _DI_AFTER_WORD:
        # 全面地、高质量地实现: adverbs side by side; 慢慢地，: a reduplicated one.
        return not (after == "、" or text[at - 2 : at - 1] == before)
    if not after or not (is_hanja(after) or after in _OPENING):
        return True  # 广东等地，: de is followed by what it modifies.
    if after in _DI_AFTER:
        return True  # 地市, 地县
    if before in "等" and at > 1 and text[at - 2] in _LIKE_DENG:
        return False  # 平等地对待: the adverb
    return before in _DI_AFTER_WORD or before in NUMERAL_HANJA


_OPENING = frozenset("“‘「『《（(")
_CLOSING = frozenset("”’」』》）)")
_DI_AFTER = frozenset("市县縣区區")
_DI_AFTER_WORD = frozenset("等之各亩畝块塊个個")  # 等地, 之地, 十亩地, 一块地
_LIKE_DENG = frozenset("平同对對均相何")  # 平等地, 同等地: 等 ends an adjective there


def _must(text: str, at: int) -> bool:
    """Whether 得 at ``at`` is the verb děi ("must") rather than the particle de."""
    after = text[at + 1 : at + 2]
    if not after or not (is_hanja(after) or after in _OPENING) or after in "到了":
        return False  # 得到, 得了: words of dé
    return at > 0 and text[at - 1] in _BEFORE_MUST


def _cross(text: str, at: int) -> bool:
    """Whether 过 at ``at`` is the verb guò ("to pass", "to spend": 过春节) or the adverb
    "excessively" (过高, 过多) rather than the particle guo after a verb (去过, 看过)."""
    before = text[at - 1] if at else ""
    after = text[at + 1 : at + 2]
    if not before or not is_hanja(before) or before in _BEFORE_CROSS:
        return True  # No verb before it: 过了年, 过春节; an adverb: 刚过, 再过几天, 怎么过
    if text.startswith(_NOT_EXCESSIVE, at + 1):
        return False  # 帮助过多少, 作出过重大贡献: the particle, then a word
    return after in _AFTER_CROSS or text.startswith(_SPENT, at + 1)


# What the particle guo never follows, and the verb guò does: an adverb (刚过, 一过正月初五,
# 都过, 再过几天, 怎么过, 越过越), 而 (轻足而过).
_BEFORE_CROSS = frozenset("刚剛再又都已将將要而一越么麼")
# Words after the particle guo that start with an adjective: 作出过重大贡献, 上过大学.
_NOT_EXCESSIVE = (
    "多少", "多次", "多年", "多起", "多种", "多種", "多个", "多個", "多家", "重大", "重要",
    "大学", "大學", "深刻",
)  # fmt: skip
# What is spent or passed after the verb guò that no adjective starts: 过新年, 过个欢乐的春节,
# 过一个好年, 过着节俭的生活, 过得苦, 过惯了; more than a number (过亿元, 过百岁, 过半).
_SPENT = (
    "新年", "元旦", "圣诞", "聖誕", "佳节", "佳節", "节日", "節日", "日子", "生活", "组织生活",
    "生日", "周末", "週末", "大年", "年关", "年關", "一个", "一個",
)  # fmt: skip


# What follows 过 the verb or the adverb, not the particle: an adjective (过高, 过多), what is
# spent or passed (过春节, 过好年, 过上好日子, 过后).
_ADJECTIVES = frozenset("高快大多少低小长長重急热熱猛早晚严嚴宽寬慢强強弱深浅淺久松鬆")
_AFTER_CROSS = _ADJECTIVES | frozenset("好春年节節后後上个個着著得惯慣百千万萬亿億半")


def _plant(text: str, at: int) -> bool:
    """Whether 种 at ``at`` is the verb zhòng ("to plant": 种树, 自己种的小麦) rather than the
    measure word zhǒng ("kind": 三种, 多种): the measure word follows what counts."""
    before = text[at - 1] if at else ""
    return not before or not (
        before.isdigit() or before in NUMERAL_HANJA or before in _COUNTS_KINDS
    )


def _grow(text: str, at: int) -> bool:
    """Whether 长 at ``at`` is the verb zhǎng ("to grow": 长出, 长得好) rather than the
    adjective cháng ("long": 长达, 很长): what growing gives or reaches follows it."""
    return text[at + 1 : at + 2] in _GROWS


# After the verb zhǎng: 长出 (grows out), 长得 (grows so), 长满, 长到, 长高, 长大, 长成.
_GROWS = frozenset("出得满滿到高大成")


def _counted(text: str, at: int) -> bool:
    """Whether 只 at ``at`` is the measure word zhī (三只鸡, 这只海龟, 两万多只) rather than the
    adverb zhǐ ("only": 只在, 这只是): it follows what counts."""
    before = text[at - 1] if at else ""
    if not before:
        return False
    if before.isdigit() or before in NUMERAL_HANJA or before in "几幾":
        return True
    if before in _COUNTS_ONE:
        return text[at + 1 : at + 2] not in _AFTER_ONLY  # 这只是, 那只能: "only"
    return before == "多" and at > 1 and (text[at - 2].isdigit() or text[at - 2] in NUMERAL_HANJA)


# What counts one thing before the measure word 只: 这只, 每只, 哪只.
_COUNTS_ONE = frozenset("这這那每各某该該哪")
# What follows the adverb 只 ("only") after 这 or 那: a verb or an adverb (这只是, 那只能).
_AFTER_ONLY = frozenset("是有能要会會不在为為好得够夠剩说說想看靠限")


# What counts kinds before 种: 多种, 这种, 何种, 同种 (numbers aside).
_COUNTS_KINDS = frozenset("多余餘几幾数數各每这這那哪某该該此何同本")


# Adverbs and pronouns: what the particle de never follows, and děi often does.
_BEFORE_MUST = frozenset("就还還也都更总總必你我他她咱们們这這那")


def _again(text: str, at: int) -> bool:
    """Whether 重 at ``at`` is chóng ("again": 重写, 重又; "layer": 二重, 多重) rather than
    zhòng ("heavy", "to value": 负担很重, 任务多重, 重实效): a verb done again follows it, or a
    number counts it."""
    before = text[at - 1] if at else ""
    if before and before in NUMERAL_HANJA:
        return True  # 二重证据法, 千重
    return text[at + 1 : at + 2] in _DONE_AGAIN


# What is done again after 重 chóng: 重写, 重又, 重燃战火, 重遇, 重出, 重启, 重放, 重返, 重造.
_DONE_AGAIN = frozenset("写寫又燃遇出启啟放返造修建回现現振登游遊访訪演印排订訂编編开開归歸")


def _deal(text: str, at: int) -> bool:
    """Whether 处 at ``at`` is the verb chǔ ("to be in", "to punish": 所处, 身处, 处以罚款, 处
    １００００元) rather than the noun chù ("place": 七十公里处, 三处)."""
    before = text[at - 1] if at else ""
    after = text[at + 1 : at + 2]
    if before in _IN_PLACE or after in "以":
        return True
    return after.isdigit() and not (before.isdigit() or before in NUMERAL_HANJA)


# Before the verb 处: 所处 (where one stands), 身处, 地处, 并处 and 被处 (punished).
_IN_PLACE = frozenset("所身地并並被")

_RULES: dict[str, Callable[[str, int], bool]] = {
    "为": _as,
    "為": _as,
    "地": _place,
    "得": _must,
    "过": _cross,
    "過": _cross,
    "种": _plant,
    "種": _plant,
    "长": _grow,
    "長": _grow,
    "只": _counted,
    "重": _again,
    "处": _deal,
    "處": _deal,
}


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding ``at`` starts (after the last clause mark before it, not one
    inside a title that closes before ``at``: 以《生命的火种，战士的丰碑》为题)."""
    floor = max(0, at - _LOOK_BACK)
    end = at
    while True:
        mark = _clause_mark().search(text[floor:end][::-1])
        if mark is None:
            return floor
        start = end - mark.start()
        opening = text.rfind("《", floor, start)
        if opening < 0 or text.rfind("》", opening, start) >= 0 or text.find("》", start, at) < 0:
            return start
        end = opening


@functools.cache
def _clause_mark() -> re.Pattern[str]:
    """A clause mark (compiled once)."""
    return re.compile("[" + re.escape("".join(sorted(_CLAUSE_ENDS))) + "]")


@functools.cache
def _clues() -> re.Pattern[str]:
    """A character that starts one of :func:`_ahead`'s clues (compiled once): a class of
    characters is searched many times faster than the clues themselves."""
    first = {"以", *_ALONE_VERBS_AHEAD, *(verb[0] for verb in _VERBS_AHEAD)}
    return re.compile("[" + re.escape("".join(sorted(first))) + "]")


@functools.cache
def _ahead() -> re.Pattern[str]:
    """What in a clause before 为 makes it wéi, with something after it before 为 (compiled
    once): 以 as a word of its own, a verb of naming alone at the clause's start or after an
    adverb, or a verb of choosing."""

    def chars(them: Iterable[str]) -> str:
        return "[" + re.escape("".join(sorted(them))) + "]"

    yi = f"(?<!{chars(_NOT_BEFORE_YI)})以(?!{chars(_NOT_AFTER_YI)})"
    alone = f"(?:(?<![^\\W\\d_])|(?<={chars(_BEFORE_ALONE_VERB)})){chars(_ALONE_VERBS_AHEAD)}"
    verbs = "|".join(map(re.escape, _VERBS_AHEAD))
    return re.compile(f"(?:{yi}|{alone}|{verbs}).")
