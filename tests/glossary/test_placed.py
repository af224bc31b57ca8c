"""Characters read by their place (glossary.engine.placed: 为 wéi or wèi, 地, 得, 过, 种, 长,
只, 重, 处; the senses 将 and 过 put first), and what a glossary, a look-up and the dictionary
make of it."""

from __future__ import annotations

import pytest

from glossary import Document, Term, build_glossary, term_to_dict
from glossary.dictionary.index import CedictIndex
from glossary.dictionary.lookup import explain, other_readings, read_at_place, read_at_places
from glossary.engine.placed import read_at, senses_at
from glossary.engine.standing import standing
from tests.glossary.cedict_support import real_index

WEI2, WEI4 = ("wéi", "wei2"), ("wèi", "wei4")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> CedictIndex:
    return real_index(tmp_path_factory)


WEI_PLACES = [
    ("我们要以经济建设为中心", WEI2),  # 以…为…: to take … as …
    ("以『三个有利于』为标准", WEI2),  # brackets inside the clause
    ("图为北京市民在看灯", WEI2),  # a caption
    ("增幅为３４．９％", WEI2),  # before a number
    ("比例为百分之十", WEI2),  # before a share in numerals
    ("被命名为“山东专利村”", WEI2),  # a verb of naming just before it
    ("选举张晔为市政协主席", WEI2),  # the verb with its object between
    # A list too long to read back to its verb, an office after 为 and nothing more.
    (
        "选举" + "、".join(["吴昌期", "王秀智", "苏平凡", "吴天栋"] * 8) + "为省人大常委会副主任；",
        WEI2,
    ),
    ("我以《生命的火种，战士的丰碑》为题", WEI2),  # a comma inside a title ends no clause
    ("研究人员已决定为另外１４名患者进行治疗", WEI4),  # 决定 "decide" names nothing
    ("为委员们提供服务", WEI4),  # more than an office after it
    ("图名分别为“虎虎生威”", WEI2),  # respectively are
    ("单价不等，约为进口价格的一半", WEI2),  # about is
    ("增长率为零", WEI2),
    ("一块题为《海阔云舒》的壁毯", WEI2),  # titled
    ("为之，则难者亦易矣；不为，则易者亦难矣", WEI2),  # no object: the verb "to do"
    ("他为人民做了好事", WEI4),  # for
    ("特别为老人准备", WEI4),  # 特别 is no 分别
    ("并为南非人民取得的成就高兴", WEI4),  # 并 "and" is no 合并
    ("我们可以为他们做点事", WEI4),  # 可以 is no preposition 以
    ("以便为会议做准备", WEI4),  # nor 以便
    ("以此为荣，为国争光", WEI4),  # the second 为: 以 is in the clause before the comma
    ("為人民服務", WEI4),  # the traditional form too
]


DE, DI = ("de", "de5"), ("dì", "di4")


DI_PLACES = [
    ("他高兴地说", DE),  # the particle: an adverb of what comes before
    ("平等地对待", DE),  # 等 ends an adjective here
    ("全面地、高质量地实现", DE),  # adverbs side by side
    ("慢慢地，观众散了", DE),  # a reduplicated adverb before a comma
    ("一个一个地解决", DE),
    ("“名正言顺”地进出", DE),
    ("河北、山东等地，", DI),  # the noun: nothing follows it in its clause
    ("到安徽等地学习", DI),  # and others places
    ("十亩地", DI),
    ("全省九个市地", DI),
    ("地上", DI),  # no word before it
]


DEI = ("děi", "dei3")


DE_PLACES = [
    ("故事还得从头说起", DEI),  # must: after an adverb, before a verb
    ("这钱你得收下", DEI),  # after a pronoun
    ("这得从光盘说起", DEI),
    ("就得“从里到外顺应它”", DEI),
    ("他跑得快", DE),  # the particle: after a verb
    ("说得很好", DE),
    ("还得到了", DE),  # 得到 is a word of dé
    ("你得，", DE),  # no verb after it
]


def test_no_other_character_is_read_by_its_place() -> None:
    assert read_at("我们以他们为主", 0) is None
    assert read_at("城墙", 0) is None
    assert read_at("", 0) is None


def test_the_term_reads_as_most_of_its_places(index: CedictIndex) -> None:
    text = "以经济为中心，以人为本，图为北京。他为我们工作。"
    starts = [i for i, ch in enumerate(text) if ch == "为"]
    assert standing(text, "为", starts) == "placed"
    assert standing(text, "为", starts[-1:]) == "usual"  # wèi, as pypinyin reads it
    terms = _terms(text, index)
    wei = terms["为"]
    assert (wei.pinyin, wei.pinyin_numbered, wei.mandarin_hangul) == ("wéi", "wei2", "웨이")
    assert wei.meanings[0] == "as (i.e. in the capacity of)"  # not "variant of 為|为[wei2]"


def test_a_place_reads_the_term_its_own_way_with_the_term_s_reading_among_the_others(
    index: CedictIndex,
) -> None:
    from glossary import Enricher

    wei = explain("为", Enricher(), index)
    assert wei.pinyin == "wèi"
    readings = other_readings(wei, index)
    text = "我们要以经济建设为中心，他为我们工作。"
    placed, others = read_at_place(wei, text, text.index("为"), readings)
    assert (placed.pinyin, placed.meanings[0]) == ("wéi", "as (i.e. in the capacity of)")
    assert placed.chars[0].pinyin == "wéi"
    assert (others[0].pinyin, others[0].meanings[0]) == ("wèi", "because of")
    assert read_at_place(wei, text, text.rindex("为"), readings) == (wei, readings)
    # Many places at once: only those read otherwise, each with the term read there.
    found = read_at_places(wei, text, [i for i, ch in enumerate(text) if ch == "为"])
    assert list(found) == [text.index("为")] and found[text.index("为")].pinyin == "wéi"
    # A word of two, or a glossed term, is never read by its place.
    assert read_at_places(explain("以为", Enricher(), index), "以为", [0]) == {}


def test_a_particle_s_places_that_are_the_noun_read_di(index: CedictIndex) -> None:
    text = "他高兴地说，我们认真地学习。代表来自广东、山东等地，"
    terms = _terms(text, index)
    di = terms["地"]
    assert di.pinyin == "de"  # most of its places: the particle
    found = read_at_places(di, text, di.occurrences.starts)
    assert list(found) == [text.rindex("地")] and found[text.rindex("地")].pinyin == "dì"


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("政府将其定为重点", True),  # before its object: the object marker, as 把
        ("将这些问题解决好", True),
        ("将１９９８年定为机关建设年", True),
        ("他将于明天到达", False),  # before a verb: "will"
        ("我们将一如既往地支持", False),  # 一如既往 is an adverb, not a number
        # A noun after it: the verb later in the clause says which.
        ("企业将环保需求纳入产品开发设计之中", True),  # 将A纳入B
        ("要将资源优势转化为经济优势", True),
        ("他们成功地将企业改造了", True),  # an adverb of manner before it
        ("这是将问题彻底查清", True),
        ("经济将继续保持强劲的发展势头", False),
        ("公司将作为一项文化产业来经营", False),  # a verb right after it: "will serve as"
        ("赛程将贯穿全年", False),
        ("國防部將於明年把預算列為重點", False),  # traditional: 將於, "will"
        ("政府將環保需求納入規劃", True),
    ],
)
def test_the_place_decides_what_jiang_means(text: str, marker: bool) -> None:
    senses = senses_at(text, text.index("将" if "将" in text else "將"))
    marks = senses[:1] == ("(introduces object of main verb, used in the same way as 把[ba3])",)
    assert marks is marker
    assert marker or senses == ()


def test_a_card_at_jiang_before_its_object_says_the_object_marker_first(
    index: CedictIndex,
) -> None:
    from glossary import Enricher

    jiang = explain("将", Enricher(), index)
    assert jiang.meanings[0] == "will"
    text = "政府将其定为重点。他将于明天到达。"
    placed, _ = read_at_place(jiang, text, text.index("将"), other_readings(jiang, index))
    assert placed.meanings[0].startswith("(introduces object of main verb")
    assert placed.meanings[1] == "will" and placed.pinyin == "jiāng"
    assert read_at_place(jiang, text, text.rindex("将"))[0] == jiang


GUO, GUO4 = ("guo", "guo5"), ("guò", "guo4")


GUO_PLACES = [
    ("我去过北京", GUO),  # the particle, after a verb
    ("他也看过这本书", GUO),
    ("同志就警告过：", GUO),
    ("过春节", GUO4),  # no verb before it: to spend
    ("困难职工过好春节", GUO4),
    ("心理压力过大", GUO4),  # before an adjective: excessively
    ("新年刚过，又逢农历年关", GUO4),  # after an adverb: the particle never follows one
    ("再过几天就是开斋节", GUO4),
    ("春节三兄妹怎么过？", GUO4),
    ("让群众过一个欢乐、祥和的春节", GUO4),  # what is spent follows it
    ("他一直过着节俭朴素的生活", GUO4),
    ("那时过得苦点", GUO4),
    ("产值过亿元", GUO4),  # more than a number
    ("许多国家都把过元旦看做是过新年", GUO4),
    ("作出过重大贡献", GUO),  # the particle before a word an adjective starts
    ("帮助过多少身处异国的人", GUO),
    ("我在家乡上过大学", GUO),
]


def test_guo_reads_as_the_particle_where_most_places_follow_a_verb(index: CedictIndex) -> None:
    text = "我去过北京，他也看过这本书，我们一起过春节。"
    terms = _terms(text, index)
    guo = terms["过"]
    assert (guo.pinyin, guo.meanings[0]) == ("guo", "(experienced action marker)")
    found = read_at_places(guo, text, guo.occurrences.starts)
    assert [found[s].pinyin for s in found] == ["guò"]  # 过春节


ZHONG3, ZHONG4 = ("zhǒng", "zhong3"), ("zhòng", "zhong4")


ZHONG_PLACES = [
    ("抽查了１７种电动食品", ZHONG3),  # the measure word, after what counts
    ("二十多种荣誉", ZHONG3),
    ("爷爷种了一辈子地", ZHONG4),  # the verb: to plant
    ("我家每年种的几亩青稞", ZHONG4),
    ("挖坑种树", ZHONG4),
    ("种树", ZHONG4),  # at the text's start: nothing counts before it
]


CHANG, ZHANG = ("cháng", "chang2"), ("zhǎng", "zhang3")


CHANG_PLACES = [
    ("政府的报告长达２０页", CHANG),  # long
    ("管理链条过长，", CHANG),
    ("百家之长", CHANG),  # a strong point
    ("空心菜长出来了", ZHANG),  # to grow: what growing gives or reaches follows it
    ("可以使麦子长得好", ZHANG),
    ("行进在长满水仙的", ZHANG),
    ("童童的个头长高了许多", ZHANG),
]


ZHONG4_HEAVY, CHONG2 = ("zhòng", "zhong4"), ("chóng", "chong2")
CHU4, CHU3 = ("chù", "chu4"), ("chǔ", "chu3")


CHONG_PLACES = [
    ("负担很重", ZHONG4_HEAVY),  # heavy
    ("不管任务多重", ZHONG4_HEAVY),
    ("主要表现在重实干", ZHONG4_HEAVY),  # to value
    ("要按新的形势重写", CHONG2),  # again, before a verb
    ("感情的火花重又迸发", CHONG2),
    ("那里势必重燃战火", CHONG2),
    ("这就是“二重证据法”", CHONG2),  # a layer, counted
]

CHU_PLACES = [
    ("南７０多公里处的火山", CHU4),  # a place
    ("兴建了１４０处工程", CHU4),
    ("所处的地位", CHU3),  # to be in
    ("无论身处高位", CHU3),
    ("业主被处以劳动教养", CHU3),  # to punish
    ("拒不改正的，处１００００元罚款", CHU3),
]


ZHI3, ZHI1 = ("zhǐ", "zhi3"), ("zhī", "zhi1")


ZHI_PLACES = [
    ("他却只说了一句", ZHI3),  # only
    ("只在家里", ZHI3),
    ("这只是开始", ZHI3),  # 这 before the adverb: "this is only"
    ("那只能等", ZHI3),
    ("繁育生下的３只幼虎", ZHI1),  # the measure word after a number
    ("一只眼睛失明", ZHI1),
    ("罕见海龟，这只海龟体长", ZHI1),  # after 这, before what it counts
    ("存栏鸡两万多只", ZHI1),
]


@pytest.mark.parametrize(
    ("char", "text", "reading"),
    [
        *(("为", text, reading) for text, reading in WEI_PLACES),
        *(("地", text, reading) for text, reading in DI_PLACES),
        *(("得", text, reading) for text, reading in DE_PLACES),
        *(("过", text, reading) for text, reading in GUO_PLACES),
        *(("种", text, reading) for text, reading in ZHONG_PLACES),
        *(("长", text, reading) for text, reading in CHANG_PLACES),
        *(("只", text, reading) for text, reading in ZHI_PLACES),
        *(("重", text, reading) for text, reading in CHONG_PLACES),
        *(("处", text, reading) for text, reading in CHU_PLACES),
    ],
)
def test_the_place_decides_how_a_character_reads(
    char: str, text: str, reading: tuple[str, str]
) -> None:
    # The last 为 (or 為) of a text (以此为荣，为国争光), the first of any other character.
    at = max(text.rfind("为"), text.rfind("為")) if char == "为" else text.index(char)
    assert read_at(text, at) == reading


def _terms(text: str, index: CedictIndex) -> dict[str, Term]:
    """The glossary's terms of a Chinese text, by their hanja."""
    return {t.hanja: t for t in build_glossary(Document(text, "t"), dictionary=index).terms}


def test_a_word_cc_cedict_lacks_reads_its_first_character_as_the_word_places_it(
    index: CedictIndex,
) -> None:
    # 重燃 and 重写 (Leiden's words) are chóng "again" before a verb; pypinyin says zhòng.
    text = "那里势必重燃战火。要按新的形势重写。负担很重。"
    for dictionary in (index, False):
        terms = {
            t.hanja: t for t in build_glossary(Document(text, "t"), dictionary=dictionary).terms
        }
        assert (terms["重燃"].pinyin, terms["重写"].pinyin) == ("chóng rán", "chóng xiě")
        assert terms["重"].pinyin == "zhòng"


def test_zhi_reads_only_and_its_counted_places_the_measure_word(index: CedictIndex) -> None:
    text = "他只说了一句。我只在家里。他们只看书。动物园的３只幼虎很可爱。"
    zhi = _terms(text, index)["只"]
    assert (zhi.pinyin, zhi.meanings[0]) == ("zhǐ", "only")
    counted = text.index("只幼虎")
    assert [at for at, *_ in zhi.place_readings] == [counted]
    placed, _ = read_at_place(zhi, text, counted, other_readings(zhi, index))
    assert placed.pinyin == "zhī" and placed.meanings[0].startswith("classifier for birds")
    # The measure word is 隻, which Korean reads 척; the term, 只 "only", is 지.
    assert (placed.traditional, placed.sino_korean, placed.chars[0].hun_eum) == (
        "隻",
        "척",
        "새 한 마리 척",
    )
    assert (zhi.sino_korean, zhi.chars[0].hun_eum) == ("지", "다만 지")
    # Where most places count, the term is the measure word, and a place of "only" is 只 지.
    text = "一只鸡，两只鸭，三只鹅，我只要鸡。"
    zhi = _terms(text, index)["只"]
    assert (zhi.pinyin, zhi.traditional, zhi.sino_korean) == ("zhī", "隻", "척")
    placed, _ = read_at_place(zhi, text, text.rindex("只"), other_readings(zhi, index))
    assert (placed.pinyin, placed.sino_korean, placed.meanings[0]) == ("zhǐ", "지", "only")


def test_json_says_which_character_a_counted_place_stands_for(index: CedictIndex) -> None:
    # A translator reading the JSON sees 隻 척 at ３只幼虎, not only its pinyin.
    text = "他只说了一句。我只在家里。动物园的３只幼虎很可爱。"
    zhi = term_to_dict(_terms(text, index)["只"])
    places = {p["hanja_start"]: p for p in zhi["occurrences"]}
    counted = places[text.index("只幼虎")]
    assert (counted["pinyin"], counted["traditional"], counted["sino_korean"]) == (
        "zhī",
        "隻",
        "척",
    )
    assert "sino_korean" not in places[text.index("只在")]
    # Where most places count, a place of "only" says 只 지.
    text = "一只鸡，两只鸭，三只鹅，我只在家。"
    last = term_to_dict(_terms(text, index)["只"])["occurrences"][-1]
    assert (last["pinyin"], last["traditional"], last["sino_korean"]) == ("zhǐ", "只", "지")


def test_guo_before_an_adjective_says_excessively_first(index: CedictIndex) -> None:
    text = "我去过北京，他也看过这本书。心理压力过大。"
    terms = _terms(text, index)
    guo = terms["过"]
    placed, others = read_at_place(guo, text, text.rindex("过"), other_readings(guo, index))
    assert (placed.pinyin, placed.meanings[:2]) == ("guò", ("excessively", "too-"))
    assert others[0].pinyin == "guo"  # the term's own reading, under it
    # The particle before a word an adjective starts keeps its own sense first.
    text = "我去过北京，他作出过重大贡献。"
    guo = _terms(text, index)["过"]
    placed, _ = read_at_place(guo, text, text.rindex("过"), other_readings(guo, index))
    assert (placed.pinyin, placed.meanings[0]) == ("guo", "(experienced action marker)")
