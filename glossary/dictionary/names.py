"""People's names: step 4 of segmentation, and which words are names to read as names.

Step 4 (see :mod:`glossary.dictionary.segment`): a common surname with one or two unknown
characters is a name (汪文斌, 石承承, 褚时健; not 一|张, where 张 is a measure word), and so is
a run of single characters that transcribe foreign names (伊格尔森, 菲拉利, 亨廷顿). Before
step 1, :func:`names_in_context` sets aside a surname and two characters where news puts a
name (记者何长工, 、唐胜利、), and the same name elsewhere in its paragraph: there longest match
would read words (何|长工, "hired hand"); :func:`foreign_runs` sets aside a foreign name it
would cut (普|里|马科|夫).
:func:`people` says which words are names where that changes their Sino-Korean reading
(金大中 김대중).

On a month of the People's Daily (``bench/peoples_daily.py``, development half), the surnames
after the hundred commonest (those rarely a word alone: 褚, 俞, 阎...) and the foreign names
raised the recall of people's names from 0.60 to 0.65, joining some twenty stretches in a
million characters that the hand did not (章平|摄, 安|见).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from glossary.dictionary.giveway import Steps, longest_at
from glossary.engine.cjk import HANJA_CLASS
from glossary.engine.surnames import read_apart

if TYPE_CHECKING:
    from glossary.dictionary.entries import Entry
    from glossary.dictionary.index import CedictIndex
    from glossary.engine.enrich import Enricher

__all__ = [
    "FOREIGN",
    "NAME_STARTS",
    "NOT_BEFORE_NAME",
    "NOT_IN_NAME",
    "SURNAMES",
    "join_names",
    "name_shape",
    "first_apart",
    "foreign_runs",
    "names_before_matching",
    "names_in_context",
    "people",
    "runs_into",
    "with_numbers",
]

Span = tuple[int, int]

# Common single-character surnames, simplified and traditional shapes.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
    "钱严覃武戴莫孔向汤習习賴赖張劉陳楊黃趙吳孫馬許韓馮鄧謝蕭葉蔣蘇呂盧鍾譚陸賈鄒龔錢嚴湯閻羅鄭"
    # From the next hundred, those that are rarely a word alone (not 于, 和, 时, 全...).
    "褚俞阎伍符宁温鲍章邢荣舒倪樊申庄颜裴戚闵葛殷靳仇庞翟喻童丛池施安寧溫鮑榮莊顏閔龐叢"
)
# Characters that transcribe foreign names (伊格尔森, 普里马科夫, 亨廷顿): a run of three or
# more, each a word of its own after step 1, is one name; a run of two needs one of
# ``_FOREIGN_ONLY``, which Chinese words seldom hold (利维 and 恩米, not 西南).
_FOREIGN_ONLY = "尔斯夫娃诺维基耶兹奥埃茨锡索托姆蒂迪莱罗伊萨塞瓦纳娜尼库克特乌爾諾維蒂萊羅薩納"
FOREIGN = frozenset(
    "阿埃艾爱安奥巴拜班邦贝本比彼毕波伯博布查达戴丹道德迪蒂丁东杜多厄恩法菲费芬丰佛弗福盖甘冈"
    "戈格贡古圭哈海汉豪赫亨侯胡华霍基吉加贾杰卡凯坎康考科克肯库夸奎拉莱兰朗劳勒雷黎里利丽莉列"
    "林琳卢鲁路伦罗洛马玛迈麦曼芒梅门蒙米密明莫姆穆纳娜乃南内尼涅宁纽努诺欧帕潘佩皮普奇契齐乔"
    "切琼丘热若萨塞桑瑟沙舍什圣施史舒斯松苏索塔泰坦汤特提廷图托瓦万旺威韦维温沃乌伍西希锡夏谢"
    "辛休雅亚扬耶伊英尤约泽扎詹兹佐甫娃茨斐罕顿頓勃柯莎蕾妮丝絲赛賽迦芙奈柏森"
    "愛貝畢達東爾豐蓋岡貢漢賈傑凱庫誇萊蘭勞黎裡麗倫羅瑪邁麥門蒙納寧紐諾歐齊喬瓊熱薩聖蘇湯圖"
    "萬韋維溫烏錫謝亞揚約澤紮詹茲" + _FOREIGN_ONLY
)
FOREIGN_ONLY = frozenset(_FOREIGN_ONLY)
NAME_STARTS = SURNAMES | FOREIGN
"""The characters that may start a name step 4 joins."""
# Characters that are not part of a name: function words, pronouns, the commonest verbs.
NOT_IN_NAME = frozenset(
    "的了是在和与與及或也都就还還又不没沒把被给給对對从從向往为為以于於而且但说說将將要会會能可"
    "这這那其之所等着著过過吗嗎呢吧啊个個上下中里裡他她它我你们們有到来來去摄攝"
    "很最再并並已得地呀啦嘛么麼什怎哪谁誰该該此"
    "〇零一二三四五六七八九十百千万萬亿億两兩"
)
# Characters after which a "surname" is a measure word or the like (一张, 这位...).
NOT_BEFORE_NAME = frozenset("〇零一二三四五六七八九十百千万萬两兩几幾每各这這那某该該")


# Surnames that are words of their own often enough (向 "towards", 高 "high", 金 "gold",
# 钱 "money") that context does not make them names: standing alone before a word of two, each
# began about as many stretches that were no names as names, or more (People's Daily,
# development half: 向 454 and none, 高 98 and 8, 马 4 and 6).
_WORDLIKE_SURNAMES = frozenset(
    "向高曾江金钱任方白段万荣黎史韩罗林周贺黄马龙戴夏顾孔邱庄苏丁孟莫童许田常安温宁申章"
)
# Where news puts a name: after the last character of a title or role (记者, 部长, 委员, 主任,
# 主席, 大使, 书记, 总理), an enumeration comma or an opening bracket (a photographer's
# credit); before an enumeration comma, a closing bracket, 等 (and others), 摄 (photographed
# by) or 报 (报道, reports).
_NAME_LEADS = "、者长员任席使记理（"
_NAME_FOLLOWS = "、）等摄报"
_TITLES = frozenset(
    (
        "先生",
        "女士",
        "小姐",
        "同志",
        "老师",
        "师傅",
        "大夫",
        "医生",
        "教授",
        "书记",
        "主任",
        "主席",
        "总理",
        "部长",
        "省长",
        "市长",
        "县长",
        "厂长",
        "局长",
        "队长",
        "校长",
        "经理",
        "老汉",
        "大爷",
        "大妈",
        "大娘",
        "阿姨",
        "奶奶",
        "爷爷",
        "大姐",
        "大哥",
        "总统",
        "将军",
        "委员",
        "代表",
        "院士",
        "博士",
    )
)
"""What follows a surname as a title, not as a given name (朱先生, 陈书记)."""


@functools.cache
def _in_context(side: str) -> re.Pattern[str]:
    """A surname and two hanja after a name's lead (``side`` "lead") or before its follower
    ("follow"), compiled once. Two patterns: each starts with a character class, which the
    regular expression engine skips ahead to, where one pattern of both would try every
    character (0.03 s against 0.08 s on 10 MB)."""
    surnames = "".join(sorted(SURNAMES - _WORDLIKE_SURNAMES))
    three = f"([{surnames}][{HANJA_CLASS}]{{2}})"
    if side == "lead":
        return re.compile(f"[{_NAME_LEADS}]{three}")
    return re.compile(f"{three}(?=[{_NAME_FOLLOWS}])")


def names_in_context(key: str, steps: Steps, longest_word: int) -> list[Span]:
    """People's names of three characters found by where they stand: 记者何长工 (the
    reporter He Changgong), 、唐胜利、 in a list of names.

    A common surname and two characters after a title, an enumeration comma or an opening
    bracket, or before an enumeration comma, a closing bracket, 等, 摄 or 报, are a name
    when no dictionary word starts on the surname (王国 of 王国栋: the kingdom is likelier),
    none runs into the three from before or out of them after, the two are no title (朱先生)
    and hold no function word or numeral. A name so found is then a name wherever else its
    paragraph writes it and the same checks hold (何长工同志). On the People's Daily
    (development half) this finds 2,270 stretches: 2,142 of the hand's names (321 of them
    missed before), and most of the rest names too, side by side in a credit (（陈杰杨颖）,
    where the hand's two-character names make it ambiguous); 0.22 s on 10 MB.

    Args:
        key: As for :func:`names_before_matching`.
        steps: As for :func:`names_before_matching`.
        longest_word: As for :func:`names_before_matching`.

    Returns:
        The names' (start, end) offsets, in order.
    """
    candidates = {m.span(1) for side in ("lead", "follow") for m in _in_context(side).finditer(key)}
    found = _standing(key, sorted(candidates), steps, longest_word)
    if not found:
        return found
    end = len(key)
    # One name, one person through a paragraph: 何长工 found after 书记 is a name in
    # 何长工同志 and 何长工的 too, where nothing around it says so. Not across a line break,
    # after which the segmenter starts afresh (a text's runs are segmented in one call).
    lines: dict[Span, set[str]] = {}
    for s, e in found:
        stop = key.find("\n", e)
        line = (key.rfind("\n", 0, s) + 1, end if stop < 0 else stop)
        lines.setdefault(line, set()).add(key[s:e])
    more = set(found)
    for (start, stop), names in lines.items():
        for name in names:
            at = key.find(name, start, stop)
            while at >= 0:
                more.add((at, at + len(name)))
                at = key.find(name, at + 1, stop)
    return _standing(key, sorted(more), steps, longest_word)


def _standing(key: str, candidates: list[Span], steps: Steps, longest_word: int) -> list[Span]:
    """The candidates (in order) that stand as names: no overlap with the one before, no title
    or function word in the given name, no dictionary word on the surname or across the
    edges (see :func:`names_in_context`)."""
    found: list[Span] = []
    end = len(key)
    for s, e in candidates:
        given = key[s + 1 : e]
        if found and s < found[-1][1]:
            continue  # Overlaps the name before (a lead's and a follower's candidates).
        if given in _TITLES or not NOT_IN_NAME.isdisjoint(given):
            continue
        if longest_at(steps, key, s, end) > 1 or runs_into(steps, key, s, longest_word):
            continue
        if (
            e < end
            # A follower that starts a word of its own cuts off the word it ends: 吴亚明|报道.
            and not (key[e] in _NAME_FOLLOWS and steps.get(key[e : e + 2]))
            and any(j + longest_at(steps, key, j, end) > e for j in (s + 1, s + 2))
        ):
            continue
        found.append((s, e))
    return found


def names_before_matching(key: str, steps: Steps, longest_word: int) -> list[Span]:
    """The names set aside before step 1: people's names found by where they stand
    (:func:`names_in_context`) and foreign names that longest match would cut into words
    (:func:`foreign_runs`), in order, the first of two that overlap kept.

    Args:
        key: The text, its hanja as the word lists write them.
        steps: The segmenter's words and their beginnings.
        longest_word: The length of the longest dictionary word.

    Returns:
        The names' (start, end) offsets, in order, none overlapping.
    """
    people = names_in_context(key, steps, longest_word)
    foreign = foreign_runs(key, steps, longest_word)
    return first_apart(people + foreign) if foreign else people


def first_apart(spans: list[Span]) -> list[Span]:
    """Spans in order, the first of two that overlap kept.

    Args:
        spans: (start, end) spans, in any order.

    Returns:
        Those kept, in order, none overlapping.
    """
    found: list[Span] = []
    for span in sorted(spans):
        if not found or span[0] >= found[-1][1]:
            found.append(span)
    return found


def with_numbers(numbers: list[Span], names: list[Span]) -> list[Span]:
    """Numbers and names set aside before step 1, merged in order (a linear merge: 10 MB of
    Chinese has tens of thousands of each).

    Args:
        numbers: The numbers led by digits, in order.
        names: The names of :func:`names_before_matching`, in order.

    Returns:
        Both, in order; a name that overlaps a number is left out (to the steps).
    """
    if not numbers:
        return names
    merged: list[Span] = []
    k = 0
    for start, end in names:
        while k < len(numbers) and numbers[k][1] <= start:
            merged.append(numbers[k])
            k += 1
        if k == len(numbers) or end <= numbers[k][0]:
            merged.append((start, end))
    return merged + numbers[k:]


# What no foreign name transcribed holds: function words and numerals, as for a person's given
# name, but 里 (普里马科夫, 马里) transcribes "ri" as often as it means "inside".
_NOT_IN_FOREIGN_NAME = NOT_IN_NAME - frozenset("里裡")


@functools.cache
def _foreign_run() -> re.Pattern[str]:
    """Three or more characters that transcribe foreign names, compiled once."""
    return re.compile("[" + re.escape("".join(sorted(FOREIGN))) + "]{3,}")


def foreign_runs(key: str, steps: Steps, longest_word: int) -> list[Span]:
    """Foreign names that longest match would cut into words: 普|里|马科|夫 (Primakov),
    巴特|勒 (Butler), 贝尔|曼.

    A run of three or more characters that transcribe names, one of them seldom in a Chinese
    word (尔, 斯, 夫...; see ``FOREIGN_ONLY``), is a name when longest match would cut it into
    words of two and single characters, at least one of each (all single: step 4 joins them;
    all of two: 东西|基本, words), no dictionary word runs into it or out of it, and it holds
    no function word or numeral (万|马克). On the People's Daily (development half) this
    finds 232 stretches: 163 of the hand's people's names, 20 other proper names (利库德,
    Likud), and 48 the hand cuts otherwise, most of them transcriptions too (纳西古, 米格尔
    of a longer name), a few words (恩米|基本, 宁波|雅戈尔).

    Args:
        key: As for :func:`names_before_matching`.
        steps: As for :func:`names_before_matching`.
        longest_word: As for :func:`names_before_matching`.

    Returns:
        The names' (start, end) offsets, in order.
    """
    found: list[Span] = []
    end = len(key)
    for match in _foreign_run().finditer(key):
        s, e = match.span()
        run = key[s:e]
        if FOREIGN_ONLY.isdisjoint(run) or not _NOT_IN_FOREIGN_NAME.isdisjoint(run):
            continue
        if runs_into(steps, key, s, longest_word):
            continue
        lengths = []
        i = s
        while i < e:
            length = longest_at(steps, key, i, end)
            if length > 2 or i + length > e:
                break  # A longer word (斯里兰卡), or one that runs out of the run.
            lengths.append(length)
            i += length
        if i == e and 1 in lengths and 2 in lengths:
            found.append((s, e))
    return found


def runs_into(steps: Steps, key: str, at: int, longest_word: int) -> bool:
    """Whether a dictionary word that starts before ``key[at]`` holds it."""
    for j in range(max(0, at - longest_word + 1), at):
        # Only a string that begins some word can be the start of one that holds key[at].
        if steps.get(key[j : at + 1]) is not None and j + longest_at(steps, key, j, len(key)) > at:
            return True
    return False


def join_names(text: str, pieces: list[Span], after_measure: bool) -> list[Span]:
    """Join a surname with the one or two unknown characters after it, and a run of single
    characters that transcribe a foreign name.

    Args:
        text: A stretch of characters that no dictionary word holds.
        pieces: Its words so far, as offsets into it, in order.
        after_measure: Whether the character before the stretch stops a name (一|张...).

    Returns:
        The pieces, a surname joined with the single characters of a given name after it,
        a foreign name's characters joined.
    """
    named = _chinese_names(text, pieces, after_measure)
    return _foreign_names(text, named) if not FOREIGN.isdisjoint(text) else named


def name_shape(word: str) -> str:
    """What kind of name step 4 would join a word as, from its characters alone.

    Args:
        word: A word that is neither a dictionary word nor a filled-in one.

    Returns:
        ``"person"`` for a common surname and a given name of one or two characters (汪文斌),
        ``"foreign"`` for characters that transcribe a foreign name (亨廷顿), else ``""``.
    """
    if 2 <= len(word) <= 3 and word[0] in SURNAMES and NOT_IN_NAME.isdisjoint(word[1:]):
        return "person"
    if FOREIGN.issuperset(word) and (len(word) >= 3 or not FOREIGN_ONLY.isdisjoint(word)):
        return "foreign"
    return ""


def _foreign_names(text: str, pieces: list[Span]) -> list[Span]:
    """The pieces with each run of single characters that transcribe a name joined."""
    out: list[Span] = []
    i = 0
    while i < len(pieces):
        j = i
        while (
            j < len(pieces) and pieces[j][1] - pieces[j][0] == 1 and text[pieces[j][0]] in FOREIGN
        ):
            j += 1
        if j - i >= 3 or (
            j - i == 2 and not FOREIGN_ONLY.isdisjoint(text[pieces[i][0] : pieces[j - 1][1]])
        ):
            out.append((pieces[i][0], pieces[j - 1][1]))
            i = j
        else:
            out.append(pieces[i])
            i += 1
    return out


def _chinese_names(text: str, pieces: list[Span], after_measure: bool) -> list[Span]:
    """The pieces with each common surname joined with its given name."""
    out: list[Span] = []
    i = 0
    while i < len(pieces):
        s, e = pieces[i]
        i += 1
        before = text[s - 1] in NOT_BEFORE_NAME if s else after_measure
        if e - s != 1 or text[s] not in SURNAMES or before or _adverb_before_verb(text, s, e):
            out.append((s, e))
            continue
        given = 0
        while (
            given < 2
            and i + given < len(pieces)
            and pieces[i + given][1] - pieces[i + given][0] == 1
            and text[pieces[i + given][0]] not in NOT_IN_NAME
        ):
            given += 1
        out.append((s, e + given))
        i += given
    return out


# 曾 is the adverb céng ("once") far more often than the surname Zēng: before a verb, it is no
# name (曾任, 曾获, 曾让人, 曾屡经).
_ONCE_BEFORE = frozenset(
    "任获獲让讓因当當用降屡屢开開帮幫经經在是有被与與为為对對向给給把到去来來作做担擔参參亲親多"
)


def _adverb_before_verb(text: str, s: int, e: int) -> bool:
    """Whether the surname at ``s`` is the adverb 曾 before a verb (曾任), not a name."""
    return text[s] == "曾" and text[e : e + 1] in _ONCE_BEFORE


def people(
    index: CedictIndex,
    words: Iterable[str],
    enricher: Enricher | None = None,
    filled_in: Callable[[str], bool] | None = None,
) -> set[str]:
    """Which of these words are people's names whose surname is read apart (金大中 김대중).

    A name CC-CEDICT has: its pinyin capitalizes the surname and the given name
    (``Jin1 Da4 zhong1``; a place has ``Jin1 men2``) and its first sense spells the surname
    (``Kim Dae-jung (1926-2009)...``; not 金磚 ``Jin1 Zhuan1`` "BRICS"). For the words of a
    segmenter, also a word of two or three characters after a common surname that
    CC-CEDICT, the Sino-Korean list and the Leiden list all lack: a name step 4 joined (金曌).

    Args:
        index: The CC-CEDICT index.
        words: Hanja words as written.
        enricher: Knows the Sino-Korean word list; needed with ``filled_in``.
        filled_in: The segmenter's :meth:`~glossary.dictionary.segment.Segmenter.filled_in`
            when it split the words: the names it joined count then.

    Returns:
        The words that are such names.
    """
    todo = [w for w in dict.fromkeys(words) if read_apart(w) and len(w) <= 4]
    if not todo:
        return set()
    found: dict[str, list[Entry]] = {}
    for entry in index.words(todo):
        for form in {entry.traditional, entry.simplified}:
            found.setdefault(form, []).append(entry)
    names = {w for w in todo if any(_is_name(e, w) for e in found.get(w, ()))}
    if enricher is None or filled_in is None:
        return names
    from glossary.engine.chinese import to_simplified, to_traditional

    unknown = [w for w in todo if w not in found and len(w) <= 3 and w[0] in SURNAMES]
    # The Sino-Korean list's words are traditional: 金块 is the word 金塊 금괴, not a name.
    shapes = {w: (w, to_traditional(w)) for w in unknown}
    listed = enricher.listed([s for w in unknown for s in shapes[w]]) if unknown else set()
    # Leiden's words are simplified: 金價 is the word 金价, not a name.
    return names | {
        w
        for w in unknown
        if listed.isdisjoint(shapes[w]) and not filled_in(w) and not filled_in(to_simplified(w))
    }


def _is_name(entry: Entry, word: str) -> bool:
    """Whether a CC-CEDICT entry is a person named with the word's surname."""
    syllables = entry.pinyin.split()
    surname = read_apart(word)
    if surname is None or len(syllables) != len(word) or not entry.definitions:
        return False
    if not (syllables[0][:1].isupper() and syllables[1][:1].isupper()):
        return False
    return not set(surname.spellings).isdisjoint(
        re.findall(r"[a-z]+", entry.definitions[0].lower())
    )
