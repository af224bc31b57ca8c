"""Words inside hanja runs (glossary.dictionary.segment), over the real CC-CEDICT.

The segmentation is longest match from the left, as Zhongwen shows a word under the pointer,
so the rule checked first is Zhongwen's: wherever the longest CC-CEDICT word starting at a
character has two characters or more, the segmentation keeps it whole, unless another word
of the segmentation overlaps it (a longer word, or one the longest match took first). The
Penn Chinese Treebank guidelines (3.0), which ``bench/segment_accuracy.py`` scores against,
cut some dictionary words (改革/开放); the segmenter keeps them, as Zhongwen does.
"""

from __future__ import annotations

import unicodedata
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.dictionary import automaton as automaton_module
from glossary.dictionary import segment as segment_module
from glossary.dictionary import wordtable
from glossary.dictionary.automaton import build_matcher, load_matcher
from glossary.dictionary.build import build_index, default_frequency_file
from glossary.dictionary.giveway import likelier
from glossary.dictionary.index import CedictIndex
from glossary.dictionary.names import FOREIGN, SURNAMES
from glossary.dictionary.segment import Segmenter
from glossary.dictionary.splitter import segment, shared_segmenter, word_at
from glossary.dictionary.wordtable import (
    MAX_FILL,
    WordLists,
    cache_path,
    compute_word_lists,
    derive_tables,
    load_word_lists,
    read_word_lists,
)
from glossary.engine.cjk import is_hanja
from tests.glossary.cedict_support import real_index, write_excerpt

Span = tuple[int, int]


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> CedictIndex:
    return real_index(tmp_path_factory)


@pytest.fixture(scope="module")
def lists(real: CedictIndex) -> WordLists:
    return read_word_lists(real.path, default_frequency_file())


@pytest.fixture(scope="module")
def segmenter(lists: WordLists) -> Segmenter:
    return Segmenter(lists, matcher_from=1 << 62)  # Python matching only.


@pytest.fixture(scope="module")
def automatic(lists: WordLists) -> Segmenter:
    """Step 1 by the compiled automaton, whatever the text's length (a long text's way)."""
    return Segmenter(lists, matcher_from=0)


def words(segmenter: Segmenter, text: str) -> list[str]:
    return [text[s:e] for s, e in segmenter.segment(text)]


def zhongwen_breaks(segmenter: Segmenter, text: str) -> list[str]:
    """Each longest dictionary word that the segmentation cuts with no overlapping word."""
    spans = segmenter.segment(text)
    broken = []
    for i in range(len(text)):
        found = segmenter.word_at(text, i)
        if found is None or found[1] - found[0] < 2:
            continue
        start, end = found
        whole = any(s <= start and end <= e for s, e in spans)
        overlapped = any(s < start < e < end or start < s < end < e for s, e in spans)
        if not whole and not overlapped:
            broken.append(text[start:end])
    return broken


# -- Zhongwen's rule ---------------------------------------------------------------------------

ZHONGWEN = [
    "我们要坚持改革开放",
    "杭州人工智能小镇位于余杭区未来科技城",
    "시진핑(習近平·中國 國家主席)",
    "大韓民國",
    "國家主席",
    "研究生命起源",
    "他在行政院院會中表示",
    "劉揆對立法院的支持",
    "结婚的和尚未结婚的",
    "他说的确实在理",
    "中华人民共和国成立了",
    "北京大学生前来应聘",
    "學而時習之，不亦說乎？有朋自遠方來，不亦樂乎？",
    "今天市区最高气温20℃左右，2014年8月的一百二十个人",
    "AI타운(人工知能小鎭)과 드림타운(夢想小鎭)",
]


@pytest.mark.parametrize("text", ZHONGWEN)
def test_every_longest_dictionary_word_is_kept_whole_or_overlapped(
    segmenter: Segmenter, text: str
) -> None:
    assert zhongwen_breaks(segmenter, text) == []


# Chinese-looking text drawn from characters that make many overlapping CC-CEDICT words.
TANGLED = st.text(
    alphabet="中国人民大学生活动研究和尚未结婚的确实在理改革开放一二十百", max_size=40
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TANGLED)
def test_zhongwen_rule_holds_on_any_tangle(segmenter: Segmenter, text: str) -> None:
    assert zhongwen_breaks(segmenter, text) == []
    assert zhongwen_breaks(segmenter.for_chinese(), text) == []


def test_chinese_text_is_filled_in_with_chinese_words_only(segmenter: Segmenter) -> None:
    # 黨的 (당적) and 人的 (인적) are Sino-Korean words: in Korean text, not in Chinese.
    chinese = segmenter.for_chinese()
    assert words(chinese, "党的领导和人的尊严") == ["党", "的", "领导", "和", "人", "的", "尊严"]
    assert words(segmenter, "黨的 領導") == ["黨的", "領導"]
    assert words(chinese, "党首会谈来说") == ["党", "首", "会谈", "来说"]  # Leiden's 来说 stays.
    assert chinese.for_chinese() is chinese and segmenter.for_chinese() is chinese
    assert not chinese.filled_in("黨首") and segmenter.filled_in("黨首")


def test_cai_neng_is_only_then_can_in_chinese_and_talent_in_korean(segmenter: Segmenter) -> None:
    # In Chinese news 才能 is the adverb and the verb (only then can), not talent (cáinéng);
    # Korean text writes 才能 for 재능, talent, a word of libhangul's list.
    chinese = segmenter.for_chinese()
    assert words(chinese, "只有这样才能真正做到") == ["只有", "这样", "才", "能", "真正", "做到"]
    assert words(segmenter, "音樂的 才能을") == ["音樂", "的", "才能"]
    # So is 他用 ("other use": he uses), which libhangul lists as 타용 for Korean text.
    assert words(chinese, "他用电脑") == ["他", "用", "电脑"]
    assert words(chinese, "你等一下，我等你") == ["你", "等一下", "我", "等", "你"]
    assert words(chinese, "我靠自己，他信了") == ["我", "靠", "自己", "他", "信", "了"]
    assert words(chinese, "大和小，我走你也走") == ["大", "和", "小", "我", "走", "你", "也", "走"]


LIKELIER = [
    # A word of two before a character that makes a commoner word with its last one gives way
    # in Chinese text: 中|指出 (he pointed out in his speech), not 中指 (the middle finger).
    ("他在讲话中指出", ["他", "在", "讲话", "中", "指出"]),
    ("一百多人参加了会议", ["一百多", "人", "参加", "了", "会议"]),  # Not 人参, ginseng.
    ("长达十年历史", ["长达", "十", "年", "历史"]),  # Not 年历, a calendar.
    ("会上进行了讨论", ["会", "上", "进行", "了", "讨论"]),  # Not 上进, to make progress.
    ("各地迎新春", ["各地", "迎", "新春"]),
    # What the counts keep: 中国|人民, and 们 with the word before it (not 亲们, "dears").
    ("中国人民的乡亲们", ["中国", "人民", "的", "乡亲", "们"]),
    # A function word's word of two gives way before a pronoun or particle too, by the counts:
    # 及|其他 ("and others"), not 及其 ("and its") and 他 ("he"); but not before 是.
    ("学校及其他单位", ["学校", "及", "其他", "单位"]),
    ("与其他部门合作", ["与", "其他", "部门", "合作"]),  # Not 与其, "rather than".
    ("他不但是作家", ["他", "不但", "是", "作家"]),  # Not 不|但是, "not | but".
    ("这不是问题", ["这", "不是", "问题"]),  # Not 这不, "you see".
]


@pytest.mark.parametrize(("text", "expected"), LIKELIER)
def test_a_word_of_two_gives_way_to_the_likelier_reading_in_chinese(
    segmenter: Segmenter, automatic: Segmenter, text: str, expected: list[str]
) -> None:
    assert words(segmenter.for_chinese(), text) == expected
    assert_same_words(segmenter.for_chinese(), automatic.for_chinese(), text)


def test_korean_text_keeps_the_longest_match_the_counts_would_undo(segmenter: Segmenter) -> None:
    # The counts are of Chinese text: a hanja run in Korean text is matched as before.
    assert words(segmenter, "中指出") == ["中指", "出"]


def test_likelier_compares_the_two_readings_counts() -> None:
    counts = {"中": 200, "指出": 50, "中指": 2, "出": 100, "人": 500, "们": 900, "人们": 90}
    assert likelier(counts, "中指出", 0)  # 201 × 51 against 3 × 101
    assert not likelier({**counts, "中指": 200}, "中指出", 0)
    assert not likelier(counts, "老人们", 0)  # 们 stays with the word before it.
    assert likelier({}, "中指出", 0) is False  # No counts: a tie, the longest match stays.


# -- what the words are ------------------------------------------------------------------------

EXPECTED = [
    # CC-CEDICT lists 改革开放; CTB 3.0 would write 改革|开放. Zhongwen's word wins.
    ("我们要坚持改革开放", ["我们", "要", "坚持", "改革开放"]),
    # 科技城 is in neither CC-CEDICT nor (often enough) the Leiden list.
    (
        "杭州人工智能小镇位于余杭区未来科技城",
        ["杭州", "人工智能", "小镇", "位于", "余杭区", "未来", "科技", "城"],
    ),
    # A gloss note: the name and the title are three words, not one card.
    ("시진핑(習近平·中國 國家主席)", ["習近平", "中國", "國家主席"]),
    ("大韓民國", ["大韓民國"]),
    ("國家主席", ["國家主席"]),
    # Overlaps: the longest match from the left decides, as Zhongwen's pointer does, unless
    # it would strand a character that makes a word with its last one (研究生|命: 生命).
    ("研究生命起源", ["研究", "生命", "起源"]),
    ("中国人民一定会胜利", ["中国", "人民", "一定", "会", "胜利"]),
    ("和政府合作", ["和", "政府", "合作"]),  # 和政 is a county: 和 gives way to 政府.
    ("他很有名气。", ["他", "很", "有", "名气"]),  # and 有 to 名气 (有名, famous)
    ("组成新政府。", ["组成", "新", "政府"]),  # and 新 to 政府 (新政, the New Deal)
    ("他有机会。", ["他", "有", "机会"]),  # though 会 (can) is a function word
    ("全国各族人民", ["全国", "各", "族", "人民"]),  # 族人 (clansman) gives way after 各
    ("科学家的工作", ["科学家", "的", "工作"]),  # 家的 is no word: 的 is never taken.
    ("北京大学生前来应聘", ["北京大学", "生前", "来", "应聘"]),  # Nothing is left alone.
    # A measure word after a numeral gives way too (名学|生, 个中|国: a logic, a country).
    ("三名学生和三家公司", ["三", "名", "学生", "和", "三", "家", "公司"]),
    ("坚持一个中国原则", ["坚持", "一", "个", "中国", "原则"]),
    ("名学生", ["名学", "生"]),  # No numeral before it: 名学 stays.
    ("500名下岗职工", ["名", "下岗", "职工"]),  # After digits too.
    ("20多名下岗职工", ["20多", "名", "下岗", "职工"]),  # and after a number set aside.
    # A preposition run into a longer word gives way to it; a verb does not (提高|效率).
    ("他在行政院院會中表示", ["他", "在", "行政院", "院", "會中", "表示"]),
    ("對立法院的支持", ["對", "立法院", "的", "支持"]),
    ("提高效率", ["提高", "效率"]),
    # Function words and pronouns are words of their own, whatever Weibo's tokens join (你去,
    # 了吧, 也是 are in the Leiden list).
    ("你去吧", ["你", "去", "吧"]),
    ("我去过三次", ["我", "去", "过", "三次"]),  # nor CC-CEDICT's 我去 ("dang!")
    ("天气冷了吧", ["天气", "冷", "了", "吧"]),
    ("他说了也是白说", ["他", "说", "了", "也", "是", "白", "说"]),
    # The particles 地 and 得 too (Weibo's 地说, 跑得).
    ("他高兴地说", ["他", "高兴", "地", "说"]),
    ("他跑得快", ["他", "跑", "得", "快"]),
    # 中的 (to hit the target) is never matched: 中 is "in" and 的 the particle.
    ("讲话中的表态", ["讲话", "中", "的", "表态"]),
    ("一语中的", ["一语中的"]),
    ("各方面的工作", ["各", "方面", "的", "工作"]),  # nor 面的 (a minibus taxi)
    ("东南亚国家的经济", ["东南亚", "国家", "的", "经济"]),  # nor 家的 (wife)
    ("有的工作的目的", ["有的", "工作", "的", "目的"]),  # 有的 and 目的 are words
    ("他到了北京", ["他", "到", "了", "北京"]),  # nor 到了 (at last)
    ("新华社北京一月七日电", ["新华社", "北京", "一月", "七日", "电"]),  # nor 日电 (NEC)
    ("十二月三十一日", ["十二月", "三十一日"]),  # a day in numerals is one word
    # An ordinal in numerals is one word (not 第|三条), unless a word holds it (第三者, 天下第一).
    ("第三条规定", ["第三", "条", "规定"]),
    ("第三者和天下第一", ["第三者", "和", "天下第一"]),
    ("问题解决不了", ["问题", "解决", "不了"]),  # 不了 (bù liǎo) is a word
    ("第7屆第2會期", ["第7", "屆", "第2", "會期"]),  # An ordinal in digits is one word.
    # Numbers (CTB: a year, a month, a day, digits with units are one word each).
    ("新华社北京3月14日电", ["新华社", "北京", "3月", "14日", "电"]),
    ("2014年8月多达200余个", ["2014年", "8月", "多达", "200余", "个"]),
    ("总额1兆2500億元", ["总额", "1兆2500億", "元"]),
    ("一百二十个", ["一百二十", "个"]),
    ("第十四届", ["第十四", "届"]),
    ("二〇二五年", ["二〇二五年"]),
    ("5000多年", ["5000多", "年"]),  # A count of years is not a date: 年 is a word of its own.
    # Names: a surname and one or two unknown characters.
    ("外交部发言人汪文斌表示", ["外交部", "发言人", "汪文斌", "表示"]),
    ("一张金名片", ["一", "张", "金", "名片"]),  # 张 after 一 is a measure word.
    # A surname past the commonest hundred, when it is rarely a word alone (褚, not 于 or 和).
    ("董事长褚时健被判刑", ["董事长", "褚时健", "被", "判刑"]),
    # A surname and two characters where news puts a name (after a title, in a list, in a
    # credit), though longest match reads a word in them (长工, a hired hand).
    ("党组书记何长工逝世", ["党组", "书记", "何长工", "逝世"]),
    ("迟浩田、唐胜利、姜春云", ["迟浩田", "唐胜利", "姜春云"]),
    ("本报记者王霞光摄", ["本报", "记者", "王霞光", "摄"]),
    ("本报记者吴亚明报道", ["本报", "记者", "吴亚明", "报道"]),  # not 明报, a newspaper
    # A name found so is a name through the text (何长工同志), and only then.
    ("书记何长工逝世。何长工同志", ["书记", "何长工", "逝世", "何长工", "同志"]),
    ("何长工同志", ["何", "长工", "同志"]),
    # A foreign name that longest match would cut into words (马科, 巴特), not words (东西, 基本).
    ("俄罗斯外长普里马科夫说", ["俄罗斯", "外长", "普里马科夫", "说"]),
    ("美国特使巴特勒今天", ["美国", "特使", "巴特勒", "今天"]),
    ("他的东西基本上", ["他", "的", "东西", "基本上"]),
    # Not a title (朱先生), nor a surname that is mostly a word (向, towards).
    ("体现者朱先生这个人", ["体现", "者", "朱", "先生", "这", "个人"]),
    ("记者向全国人民", ["记者", "向", "全国", "人民"]),
    ("记者章平摄", ["记者", "章平", "摄"]),  # 摄 (photograph by) is no given name.
    ("高苕华任该剧总导演", ["高苕华", "任", "该", "剧", "总", "导演"]),  # 该 is in no name
    # A foreign name: three characters that transcribe names, or two with one seldom in a
    # Chinese word (维); not two common ones (比 and 海, both in foreign names too).
    ("美国学者亨廷顿认为", ["美国", "学者", "亨廷顿", "认为"]),
    ("克林顿和利维通话", ["克林顿", "和", "利维", "通话"]),
    ("山比海高", ["山", "比", "海", "高"]),
    # Filling in: Sino-Korean (libhangul) and Leiden words where CC-CEDICT has none.
    ("春夏期间", ["春夏", "期间"]),
    ("日本社民党党首", ["日本", "社民党", "党首"]),
    # Korean shapes are matched as Chinese ones, and kept as written.
    ("人工知能小鎭", ["人工", "知能", "小鎭"]),
    ("硏究", ["硏究"]),
    ("選擧管理", ["選擧", "管理"]),  # CC-CEDICT writes 選舉.
    ("民衆運動", ["民衆", "運動"]),  # and 民眾.
    ("音\uf914", ["音\uf914"]),  # 樂 as a compatibility ideograph.
]


@pytest.mark.parametrize(("text", "expected"), EXPECTED)
def test_words(segmenter: Segmenter, text: str, expected: list[str]) -> None:
    assert words(segmenter, text) == expected


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("我们要坚持改革开放", 5, (5, 9)),  # 改革开放
        ("我们要坚持改革开放", 6, (6, 7)),  # 革: no word starts there
        ("國家主席", 0, (0, 4)),
        ("人工知能小鎭", 4, (4, 6)),  # 小鎭 found as 小鎮
        ("AI小镇", 0, None),  # not a hanja
        ("小镇", 2, None),  # past the end
        ("小镇", -1, None),
    ],
)
def test_word_at_is_zhongwen_longest_match(
    segmenter: Segmenter, text: str, index: int, expected: Span | None
) -> None:
    assert segmenter.word_at(text, index) == expected


MIXED = st.sampled_from("中国人民改革开放第一二十年月日0123456789.，。 a한글\ud800𠮷")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=MIXED, max_size=60))
def test_every_hanja_is_in_exactly_one_word(segmenter: Segmenter, text: str) -> None:
    spans = segmenter.segment(text)
    assert spans == sorted(spans)
    assert all(s < e and e <= s2 for (s, e), (s2, _) in zip(spans, spans[1:], strict=False))
    covered = [i for s, e in spans for i in range(s, e)]
    assert sorted(covered) == covered
    assert {i for i, ch in enumerate(text) if is_hanja(ch)} <= set(covered)
    # Only numbers hold anything but hanja, and every word holds a hanja.
    for s, e in spans:
        assert any(map(is_hanja, text[s:e]))
        assert all(is_hanja(c) or c in "0123456789.第" for c in text[s:e])


# Numerals to join (一百二十), numbers led by digits, a compatibility ideograph (U+F914), a
# Korean variant shape (硏) and names (by their characters or by where they stand), among other
# characters.
GROUPED = st.sampled_from(
    "一百二十第三多年月0123.音\uf914樂硏究汪文斌表示改革开放中国人民，。 a한"
    "记者何长工、等普里马科夫"
)


def _by_word(
    text: str, spans: list[Span], names: frozenset[Span] = frozenset()
) -> tuple[dict[str, list[int]], list[Span]]:
    # Set aside: a number is a span with digits, led by them (2014年) or an ordinal (第7); and
    # the names given, found by where they stand.
    apart = [(s, e) for s, e in spans if any(c.isdecimal() for c in text[s:e]) or (s, e) in names]
    words: dict[str, list[int]] = {}
    for s, e in spans:
        if is_hanja(text[s]) and (s, e) not in apart:
            words.setdefault(text[s:e], []).append(s)
    return words, apart


def _set_aside(segmenter: Segmenter, text: str) -> tuple[dict[str, list[int]], list[Span]]:
    """``word_starts`` of a text, checked to set aside only numbers, three-character names
    that start with a surname, foreign names and ordinals in numerals (第三)."""
    words, apart = segmenter.word_starts(text)
    names = frozenset(span for span in apart if not any(c.isdecimal() for c in text[slice(*span)]))
    assert all(
        (e - s == 3 and text[s] in SURNAMES)
        or FOREIGN.issuperset(text[s:e])
        or (text[s] == "第" and set(text[s + 1 : e]) <= set("一二三四五六七八九十"))
        for s, e in names
    )
    return (words, apart), names


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=GROUPED, max_size=60))
def test_word_starts_are_the_words_of_segment_by_word(segmenter: Segmenter, text: str) -> None:
    # A Chinese document's words are gathered this way, without a span for each.
    found, names = _set_aside(segmenter, text)
    assert found == _by_word(text, segmenter.segment(text), names)
    assert list(found[0]) == list(_by_word(text, segmenter.segment(text), names)[0])  # In order.


def test_word_starts_of_known_texts(segmenter: Segmenter) -> None:
    for text in [*ZHONGWEN, *(t for t, _ in EXPECTED), "三十多年，一百二十个人，1兆2500億元"]:
        found, names = _set_aside(segmenter, text)
        assert found == _by_word(text, segmenter.segment(text), names), text


def _one_by_one(segmenter: Segmenter, texts: list[str]) -> list[Span]:
    """The words of each text segmented alone, as offsets into the texts joined by "\\n"."""
    spans: list[Span] = []
    offset = 0
    for text in texts:
        spans += [(s + offset, e + offset) for s, e in segmenter.segment(text)]
        offset += len(text) + 1
    return spans


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=MIXED, max_size=30), min_size=1, max_size=6))
def test_a_line_break_starts_afresh(segmenter: Segmenter, texts: list[str]) -> None:
    # The glossary segments every run of a document in one call, joined by line breaks.
    assert segmenter.segment("\n".join(texts)) == _one_by_one(segmenter, texts)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ZHONGWEN + [t for t, _ in EXPECTED]), st.data())
def test_runs_cut_anywhere_segment_as_each_alone(
    segmenter: Segmenter, text: str, data: st.DataObject
) -> None:
    # Long runs are cut into pieces (32 hanja each): a piece's words are its own, even where
    # the uncut text has a word across the cut (改革|开放, 2014|年, 一百|二十, 汪|文斌).
    cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(text) - 1)), max_size=4)))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    assert segmenter.segment("\n".join(pieces)) == _one_by_one(segmenter, pieces)


def test_offsets_are_into_the_text_as_written(segmenter: Segmenter) -> None:
    text = unicodedata.normalize("NFD", "한글 ") + "國家主席"
    assert [text[s:e] for s, e in segmenter.segment(text)] == ["國家主席"]


# -- without a dictionary, and the process's segmenter -------------------------------------------


def test_without_a_dictionary_numbers_and_names_still_work() -> None:
    bare = Segmenter(WordLists())
    assert len(bare) == 0
    text = "2014年汪文斌一百二十"
    assert words(bare, text) == ["2014年", "汪文斌", "一百二十"]
    assert bare.word_at("國家", 0) == (0, 1)


def test_module_functions_share_one_segmenter(real: CedictIndex) -> None:
    assert shared_segmenter() is shared_segmenter()
    assert segment("國家主席") == [(0, 4)]
    assert word_at("國家主席", 0) == (0, 4)


# -- the word lists, stored in an index or computed -------------------------------------------


def test_word_lists_are_kept_beside_the_index_and_follow_it(tmp_path: Path) -> None:
    source, frequencies = write_excerpt(tmp_path)
    index = tmp_path / "index.sqlite3"
    build_index(source, index, frequencies=None, korean_readings=False)
    computed = read_word_lists(index, None)
    assert {"杭州", "深圳", "人工智能", "小鎮", "小镇", "長城", "长城"} <= computed.words
    assert computed.t2s["鎮"] == "镇"
    assert load_word_lists(index, None) == computed  # Computed, then written beside it.
    kept = cache_path(index)
    assert kept.is_file()
    assert load_word_lists(index, None) == computed  # Read back.
    # A rebuilt index (another dictionary) is not read with the old lists.
    source.write_text(source.read_text(encoding="utf-8").replace("杭州", "杭洲"), encoding="utf-8")
    build_index(source, index, frequencies=None, korean_readings=False)
    assert "杭洲" in load_word_lists(index, None).words


def test_a_damaged_word_list_file_is_computed_again(tmp_path: Path) -> None:
    source, _ = write_excerpt(tmp_path)
    index = tmp_path / "index.sqlite3"
    build_index(source, index, frequencies=None, korean_readings=False)
    computed = load_word_lists(index, None)
    kept = cache_path(index)
    kept.write_bytes(kept.read_bytes()[:200] + b"\xff\xfe")
    assert load_word_lists(index, None) == computed
    kept.write_text("garbage", encoding="utf-8")
    assert load_word_lists(index, None) == computed


# -- the segmenter's tables, kept with the lists ----------------------------------------------


def assert_tables_as_derived(lists: WordLists) -> None:
    """A segmenter over lists read back with their tables is one that derives them itself."""
    assert lists.tables is not None  # Read back, not derived.
    kept, derived = Segmenter(lists), Segmenter(replace(lists, tables=None))
    assert kept._steps == derived._steps
    assert kept._longest_word == derived._longest_word
    assert kept._filler._chinese_from == derived._filler._chinese_from
    assert kept._filler._korean_from == derived._filler._korean_from


SMALL = WordLists(
    # 中华 is a word and the beginning of longer ones; 𠀀𠀁 is beyond the BMP.
    words=frozenset({"中华", "中华人民", "中华人民共和国", "人民", "国家", "𠀀𠀁", "𠀀𠀁𠀂"}),
    korean=frozenset({"春夏", "黨首", "党首"}),
    chinese=frozenset({"来说", "冷空气", "冷空气团来"}),  # The last is longer than MAX_FILL.
    t2s={"國": "国", "黨": "党"},
)


@pytest.mark.parametrize("lists", [SMALL, WordLists()], ids=["small", "empty"])
def test_tables_are_kept_beside_the_index_and_read_back_as_derived(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lists: WordLists
) -> None:
    monkeypatch.setattr(wordtable, "read_word_lists", lambda index, frequencies: lists)
    index = tmp_path / "index.sqlite3"
    computed = load_word_lists(index, None)  # Computed, tables derived, both written.
    assert computed == lists
    assert computed.tables == derive_tables(lists)
    read = load_word_lists(index, None)
    assert read == lists
    assert_tables_as_derived(read)
    assert read.tables == computed.tables


def test_small_tables_hold_the_beginnings_of_words() -> None:
    tables = derive_tables(SMALL)
    steps = tables.steps
    assert steps["中华"] and steps["中华人民"] and not steps["中华人"] and not steps["中华人民共"]
    assert "人民共" not in steps  # Beginnings only.
    assert steps["𠀀𠀁"] is True  # A word, and the beginning of 𠀀𠀁𠀂.
    assert (tables.longest_word, tables.chinese_from) == (7, {"来": 2, "冷": MAX_FILL})
    assert tables.korean_from == {"春", "黨", "党"}


def test_excerpt_tables_read_back_as_derived(tmp_path: Path) -> None:
    source, frequencies = write_excerpt(tmp_path)
    with frequencies.open("a", encoding="utf-8") as f:
        f.write("来说,100\n冷空气,50\n")  # Not CC-CEDICT words of the excerpt: filled in.
    index = tmp_path / "index.sqlite3"
    build_index(source, index, frequencies=None, korean_readings=False)
    load_word_lists(index, frequencies)
    read = load_word_lists(index, frequencies)
    assert read == read_word_lists(index, frequencies)
    assert read.chinese == {"来说", "冷空气"}
    # The counts of characters and words of two, under both forms (國家 and 国家).
    two = {"杭州": 4721, "深圳": 7900, "宣传": 5000, "宣傳": 5000, "小镇": 23, "小鎮": 23}
    assert read.counts == {**two, "百度": 4800, "中": 223640}
    assert_tables_as_derived(read)


def test_real_tables_read_back_as_derived(real: CedictIndex) -> None:
    load_word_lists(real.path, default_frequency_file())  # Computed and kept, if not yet.
    assert_tables_as_derived(load_word_lists(real.path, default_frequency_file()))


def test_filled_in_words_never_start_with_a_number_or_a_demonstrative(tmp_path: Path) -> None:
    lists = compute_word_lists([("國家", "国家")], ["一個", "這個", "春夏", "國家"], None)
    assert lists.korean == {"春夏"}  # 國家 is a CC-CEDICT word already
    assert lists.words == {"國家", "国家"}
    # Nor, of the Leiden list, with 个 (Weibo's tokens 个好, 个多) or an adverb of degree (最大,
    # 很好); a Korean word may (最大 최대).
    frequencies = tmp_path / "freq.txt"
    frequencies.write_text("个好,500\n个多,400\n最大,900\n很好,800\n来说,100\n", "utf-8")
    lists = compute_word_lists([], ["最大"], frequencies)
    assert (lists.chinese, lists.korean) == ({"来说"}, {"最大"})


def test_a_measure_word_or_an_adverb_of_degree_is_not_filled_in_with_the_next_word(
    segmenter: Segmenter,
) -> None:
    chinese = segmenter.for_chinese()
    assert words(chinese, "这是一个好的开始") == ["这", "是", "一", "个", "好", "的", "开始"]
    assert words(chinese, "一个多月") == ["一", "个", "多", "月"]
    assert words(chinese, "最大的问题更好") == ["最", "大", "的", "问题", "更", "好"]


# -- long texts: step 1 by the compiled automaton ----------------------------------------------


def assert_same_words(python: Segmenter, automatic: Segmenter, text: str) -> None:
    assert automatic.segment(text) == python.segment(text), text
    assert automatic.word_starts(text) == python.word_starts(text), text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=GROUPED, max_size=60) | st.text(alphabet=MIXED, max_size=60) | TANGLED)
def test_the_automaton_finds_the_words_python_matching_finds(
    segmenter: Segmenter, automatic: Segmenter, text: str
) -> None:
    assert_same_words(segmenter, automatic, text)


# Prepositions and conjunctions before longer words (在|行政院), some in a row, and words
# that do not give way; and words of two that give way to likelier readings (中指|出).
GIVING_WAY = st.sampled_from("在对對和与從为于行政院立法院提高效率他會中表示，指出人参加年历史们")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=GIVING_WAY, max_size=40))
def test_the_automaton_gives_way_as_python_matching_does(
    segmenter: Segmenter, automatic: Segmenter, text: str
) -> None:
    assert_same_words(segmenter, automatic, text)
    assert_same_words(segmenter.for_chinese(), automatic.for_chinese(), text)


@pytest.mark.parametrize("chunk", [1, 7, 1 << 16])
def test_the_automaton_reads_a_long_text_in_chunks_with_the_same_words(
    segmenter: Segmenter, automatic: Segmenter, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    # Chunks are cut only where no word can run on: never inside 改革开放 or 在|行政院.
    monkeypatch.setattr(segment_module, "_CHUNK", chunk)
    text = "，".join([*ZHONGWEN, *(t for t, _ in EXPECTED), "三十多年，一百二十个人，1兆2500億元"])
    assert_same_words(segmenter, automatic, text)
    assert_same_words(segmenter, automatic, "\n".join([text] * 3))


@pytest.mark.parametrize("chunk", [4, 1 << 16])
def test_a_run_with_no_break_gives_the_same_words_however_long(
    segmenter: Segmenter, automatic: Segmenter, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    # No punctuation anywhere, prepositions giving way all along (在|行政院): a word that gives
    # way is matched afresh only until the automaton's words meet again, and a run longer than
    # four chunks is matched in Python; the words are the same either way.
    monkeypatch.setattr(segment_module, "_CHUNK", chunk)
    text = "他在行政院院會中表示對立法院的支持和在行提高效率" * 40
    assert_same_words(segmenter, automatic, text)
    assert_same_words(segmenter, automatic, text + "，" + text[:50] + "。" + text[7:90])


def test_a_long_text_is_matched_by_the_automaton(lists: WordLists) -> None:
    built: list[int] = []

    def matcher() -> segment_module.Matcher:
        built.append(1)
        return build_matcher(lists.words)

    splitter = Segmenter(lists, matcher, matcher_from=100)
    splitter.segment("我们要坚持改革开放")
    assert built == []  # A short text never loads it.
    long = "我们要坚持改革开放，" * 20
    assert [long[s:e] for s, e in splitter.segment(long)][:4] == ["我们", "要", "坚持", "改革开放"]
    splitter.word_starts(long)
    assert built == [1]  # Loaded once, then kept.


def test_the_automaton_is_kept_in_a_file_and_built_anew_when_it_is_not_the_same(
    tmp_path: Path,
) -> None:
    path = tmp_path / "words.segment-automaton"
    words = {"改革", "改革开放", "开放", "人民"}
    text = "坚持改革开放的人民改革"
    expected = [(2, 6, "改革开放"), (7, 9, "人民"), (9, 11, "改革")]

    def found(words: set[str], stamp: str = "one") -> list[tuple[int, int, str]]:
        matcher = load_matcher(path, stamp, words)
        return [(s, e, text[s:e]) for s, e, _ in matcher.find(text)]

    assert found(words) == expected
    assert path.is_file()
    kept = path.read_bytes()
    assert found(set()) == expected  # Read back: the words were not needed.
    assert found({"人民"}, stamp="two") == [(7, 9, "人民")]  # Other words: built anew.
    path.write_bytes(kept[:-40])  # Cut short.
    assert found(words) == expected
    damaged = bytearray(path.read_bytes())
    damaged[-100] ^= 0xFF
    path.write_bytes(bytes(damaged))
    assert found(words) == expected
    path.write_bytes(b"garbage")
    assert found(words) == expected
    # Whole (its checksum right), yet not an automaton.
    head = kept[: kept.index(b"\n", len(automaton_module._MAGIC)) + 1]
    body = b"not an automaton" * 8
    path.write_bytes(head + f"{zlib.crc32(body):08x}\n".encode() + body)
    assert found(words) == expected
    assert path.read_bytes() == kept  # Written again each time.


def test_an_automaton_folder_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "words.segment-automaton"
    matcher = load_matcher(path, "one", {"改革"})
    assert [(s, e) for s, e, _ in matcher.find("改革")] == [(0, 2)]
    assert not path.exists()
