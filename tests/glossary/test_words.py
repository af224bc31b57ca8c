"""Words inside hanja runs (issue 18) and the harvest rules of issue 17 that need the whole text."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from glossary import Document, Glossary, build_glossary, explain_words
from glossary.dictionary.build import default_frequency_file
from glossary.dictionary.segment import Segmenter
from glossary.dictionary.wordtable import read_word_lists
from glossary.engine.cjk import HANJA_CLASS, is_hanja
from glossary.engine.extract import MAX_TERM
from glossary.engine.sentences import Sentences
from glossary.engine.words import Run, bare_terms, language_of, run_around
from glossary.model import Occurrence, WordPlaces, glossary_to_dict, term_to_dict
from tests.glossary.cedict_support import real_index

# 朱熹, 大學章句 (public domain): one run of 50 hanja, longer than any term (MAX_TERM).
CLASSICAL = (
    "天下之物莫不有理惟於理有未窮故其知有不盡也"
    "是以大學始教必使學者即凡天下之物莫不因其已知之理而益窮之"
)


@pytest.fixture(scope="module")
def segmenter(tmp_path_factory: pytest.TempPathFactory) -> Segmenter:
    return Segmenter(read_word_lists(real_index(tmp_path_factory).path, default_frequency_file()))


def _glossary(text: str) -> Glossary:
    return build_glossary(Document(text, "t"), dictionary=False)


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(t.hanja, t.hangul) for t in _glossary(text).terms]


def test_a_quoted_chinese_sentence_is_split_into_words() -> None:
    text = '외교부는 "我们要坚持改革开放"이라고 밝혔다.'
    glossary = _glossary(text)
    assert [t.hanja for t in glossary.terms] == ["我们", "要", "坚持", "改革开放"]
    # Each word's place is the word itself; the run is still around it in the text.
    (place,) = glossary.terms[2].occurrences
    assert text[place.start : place.end] == "坚持"
    assert text[slice(*run_around(text, place.start, place.end))] == "我们要坚持改革开放"
    assert glossary.document.language == "ko"


def test_hanja_in_a_glosss_note_are_terms_of_their_own() -> None:
    pairs = _pairs("시진핑(習近平·中國 國家主席)은 말했다.")
    assert pairs == [("習近平", "시진핑"), ("中國", ""), ("國家主席", "")]


def test_words_split_without_meanings_as_with_them() -> None:
    # The table and the store (no meanings) and JSON (meanings) must agree on the terms.
    text = "국한문 國家賴之라 했다."
    plain = [t.hanja for t in build_glossary(Document(text, "t"), dictionary=False).terms]
    rich = [t.hanja for t in build_glossary(Document(text, "t")).terms]
    assert plain == rich == ["國家", "賴", "之"]


def test_runs_stay_whole_when_asked() -> None:
    glossary = build_glossary(Document("國家賴之라 했다.", "t"), dictionary=False, words=False)
    assert [t.hanja for t in glossary.terms] == ["國家賴之"]


def test_a_chinese_document_is_read_as_chinese() -> None:
    text = "杭州人工智能小镇位于余杭区未来科技城。小镇于2016年3月开园。"
    glossary = _glossary(text)
    assert glossary.document.language == "zh"
    words = [t.hanja for t in glossary.terms]
    assert "杭州" in words and "人工智能" in words and "未来" in words
    assert all(len(w) <= 4 for w in words)
    assert all(not t.mentions for t in glossary.terms)


def test_the_particles_de_written_alone_are_read_as_particles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from glossary import harvest

    text = "他高兴地说，她跑得快。我们认真地学习。"
    terms = {t.hanja: t for t in build_glossary(Document(text, "t")).terms}
    for particle in "地得":
        term = terms[particle]
        assert (term.pinyin, term.pinyin_numbered, term.chars[0].pinyin) == ("de", "de5", "de")
        assert term.meanings and "particle" in term.meanings[0] + term.meanings[-1]
    assert terms["地"].meanings[0] == "-ly"  # CC-CEDICT's de5 sense, not dì (earth)
    # Explained later (a long text in the reader), the same.
    monkeypatch.setattr(harvest, "DEFER_WORDS_FROM", 1)
    outline = build_glossary(Document(text, "t"), defer_words=True)
    assert not outline.complete
    assert explain_words(outline).terms == build_glossary(Document(text, "t")).terms


def test_chang_jiao_and_jin_alone_in_running_chinese_read_long_teach_and_exhaust() -> None:
    # pypinyin reads 长 alone zhǎng ("chief; to grow"), 教 jiào and 尽 jǐn (儘, as in 尽快); as
    # words of their own in Chinese text they are mostly cháng ("long"), jiāo ("to teach") and
    # jìn (盡: 尽一份力, "to do one's part").
    text = "会议时间很长，路也太长。老师教我们中文。我们要尽一份力，应尽的责任，尽快完成。"
    terms = {t.hanja: t for t in build_glossary(Document(text, "t")).terms}
    assert (terms["尽"].pinyin, terms["尽"].meanings[0]) == ("jìn", "to use up")
    assert terms["尽快"].pinyin == "jǐn kuài"
    # Without meanings (`glossary extract`'s tables), from pypinyin alone, the same.
    bare = {t.hanja: t for t in build_glossary(Document(text, "t"), dictionary=False).terms}
    assert (bare["尽"].pinyin, bare["长"].pinyin, bare["教"].pinyin) == ("jìn", "cháng", "jiāo")
    assert (terms["长"].pinyin, terms["长"].chars[0].pinyin_numbered) == ("cháng", "chang2")
    assert terms["长"].meanings[0] == "length" and terms["长"].mandarin_hangul == "창"
    assert (terms["教"].pinyin, terms["教"].meanings[0]) == ("jiāo", "to teach")
    # Alone in Korean text (before a space, after hangul), the first reading stays.
    korean = {t.hanja: t for t in build_glossary(Document("그 長 은 회의에 갔다.", "k")).terms}
    assert korean["長"].pinyin == "zhǎng"


def test_zhi_counted_is_the_measure_word_and_alone_is_only() -> None:
    # 只 is the simplified form of 隻 zhī (the measure word) and of 只 zhǐ (only).
    counted = {t.hanja: t for t in build_glossary(Document("他买了三只鸡和两只鸭。", "t")).terms}
    term = counted["只"]
    assert (term.pinyin, term.traditional, term.chars[0].traditional) == ("zhī", "隻", "隻")
    assert term.meanings[0].startswith("classifier for birds")
    # Mostly "only", though first written after a number: most places decide.
    text = "他买了三只鸡。他只在家，只说了一句，只看了一次。"
    only = {t.hanja: t for t in build_glossary(Document(text, "t")).terms}["只"]
    assert (only.pinyin, only.traditional, only.meanings[0]) == ("zhǐ", "只", "only")


def test_function_words_written_alone_give_their_function_sense_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from glossary import harvest

    text = "只有这样才能做到。他被打了。把书给我。经研究决定。"
    terms = {t.hanja: t for t in build_glossary(Document(text, "t")).terms}
    assert terms["才"].meanings[0] == "then and only then"  # not "ability"
    assert terms["被"].meanings[0] == "by"  # not "quilt"
    assert terms["把"].meanings[0].startswith("particle marking")  # not "to hold"
    assert terms["经"].meanings[0] == "to pass through"  # not "classics"
    assert "ability" in terms["才"].meanings  # the other senses stay, after
    news = {t.hanja: t for t in build_glossary(Document("俄外长说，美对伊政策。", "t")).terms}
    assert news["俄"].meanings[0] == "Russia"  # not "suddenly"
    assert news["美"].meanings[0] == "USA"  # not "beautiful"
    assert news["伊"].meanings[0].endswith("Iraq")  # not Korean headlines' Italy
    assert news["对"].meanings[0] == "towards"  # not "right", nor Korean headlines' 대
    # Korean headline hanja are a Korean convention: in Chinese text 中 is "within", 与 "and".
    text = "他在讲话中，与各国合作。中、日两国。"
    chinese = {t.hanja: t for t in build_glossary(Document(text, "t")).terms}
    assert not any(t.abbreviates for t in chinese.values())
    assert chinese["中"].meanings[0] == "within" and chinese["与"].meanings[0] == "and"
    # Before hangul (Korean text), 才 keeps CC-CEDICT's order: talent.
    korean = {t.hanja: t for t in build_glossary(Document("그의 才는 뛰어나다.", "t")).terms}
    assert korean["才"].meanings[0] == "ability"
    monkeypatch.setattr(harvest, "DEFER_WORDS_FROM", 1)
    outline = build_glossary(Document(text, "t"), defer_words=True)
    assert explain_words(outline).terms == build_glossary(Document(text, "t")).terms


def test_modal_verbs_pronouns_and_locatives_give_their_sense_in_running_chinese() -> None:
    text = "我们要坚持改革。本单位和本部门的会议后，他在三天前到了工厂里。"
    terms = {t.hanja: t for t in build_glossary(Document(text, "t")).terms}
    assert terms["要"].meanings[0] == "to want"  # not "important"
    assert terms["本"].meanings[0] == "this"  # not "root"
    assert terms["后"].meanings[0] == "after"  # not "back": after a word
    assert terms["前"].meanings[0] == "ago"  # not "front"
    assert terms["里"].meanings[0] == "inside"  # not "lining"
    news = {t.hanja: t for t in build_glossary(Document("本报讯 我省三种方法。王平摄", "t")).terms}
    assert news["讯"].meanings[0] == "news"  # not "to question"
    assert news["省"].meanings[0] == "province"  # not "to save"
    assert news["摄"].meanings[0] == "to take a photo"  # not "to take in"
    wire = Document("新华社北京一月七日电 记者", "t")
    dateline = {t.hanja: t for t in build_glossary(wire).terms}
    assert dateline["电"].meanings[0] == "phone call or telegram etc"  # not "lightning"
    assert news["种"].sino_korean == "종"  # 種 after a number, not the old character 种 충
    work = {
        t.hanja: t for t in build_glossary(Document("大家一起干工作。柳林镇的农民。", "t")).terms
    }
    assert work["干"].meanings[0] == "to do"  # not "tree trunk"
    assert work["镇"].meanings[0] == "small town"  # not "to press down"
    when = {t.hanja: t for t in build_glossary(Document("当他回到家时，天便黑了。", "t")).terms}
    assert when["当"].meanings[:2] == ("when", "during")  # not "to be", "to act as" first
    assert when["便"].meanings[1] == "in that case"  # the adverb "then", not "plain"
    issued = Document("活动由市委主办，总容量一百万，发行１９９２年版卢布。", "t")
    news = {t.hanja: t for t in build_glossary(issued).terms}
    assert news["由"].meanings[0] == "from"  # not "to follow"
    assert news["总"].meanings[0] == "total"  # not "always"
    assert news["版"].meanings[0] == "edition"  # not "a register"
    posts = Document("驻美大使兼党组书记说，三所学校均属国家，长５０米，会议费由公司出。", "t")
    terms = {t.hanja: t for t in build_glossary(posts).terms}
    assert terms["驻"].meanings[0].startswith("to be stationed")  # not "to halt"
    assert terms["兼"].meanings[0].startswith("holding two or more")  # not "double"
    assert terms["均"].meanings[0] == "all"  # not "equal"
    assert terms["属"].meanings[0] == "to belong to"  # not "category"
    assert terms["米"].meanings[0] == "meter (classifier)"  # after a number, not "rice"
    assert terms["费"].meanings[0] == "fee"  # after a word, not "to cost"
    won = Document("去年棉花再获丰收。看完这台戏，大家很高兴。创演了大量新戏。", "t")
    terms = {t.hanja: t for t in build_glossary(won).terms}
    assert terms["获"].meanings[0] == "to obtain"  # not "to catch"
    assert terms["戏"].meanings[0] == "drama"  # not "trick"
    posts = Document("高苕华任副主席。所谓经济，是指在技术上。岁末相聚北京城。", "t")
    terms = {t.hanja: t for t in build_glossary(posts).terms}
    assert terms["任"].meanings[0] == "to take up a post"  # not "to assign"
    assert terms["指"].meanings[0] == "to indicate or refer to"  # not "finger"
    assert terms["城"].meanings[0] == "city"  # not "city walls"
    for text in ("他希望巴方采取措施，蒙方同意。", "三方一致同意，另一方不同意。"):
        sides = {t.hanja: t for t in build_glossary(Document(text, "t")).terms}
        assert sides["方"].meanings[0] == "side"  # not "square", nor a classifier for it
    # Before hangul (Korean text), CC-CEDICT's order stays.
    korean = {t.hanja: t for t in build_glossary(Document("그 後 소식은 없다.", "t")).terms}
    assert korean["後"].meanings[0] == "back"


def test_a_classifier_after_a_number_gives_its_classifier_sense_first() -> None:
    text = "第十五届大会，两项任务，迟浩田、唐胜利等人。"
    terms = {t.hanja: t for t in build_glossary(Document(text, "t")).terms}
    assert terms["届"].meanings[0].startswith("classifier for events")  # not "to arrive at"
    assert terms["项"].meanings[0].startswith("classifier for principles")  # not "back of neck"
    counted = {t.hanja: t for t in build_glossary(Document("各项工作，这批货。", "t")).terms}
    assert counted["项"].meanings[0].startswith("classifier for principles")  # 各: each
    assert counted["批"].meanings[0].startswith("classifier for batches")  # 这: this
    assert counted["项"].sino_korean == "항"  # the reading is a word's first syllable's still
    assert terms["等"].meanings[0] == "et cetera"  # not "class", before a word
    # Korean news counts with them too: 3名 is three people.
    korean = {t.hanja: t for t in build_glossary(Document("경찰관 3名이 다쳤다.", "t")).terms}
    assert korean["名"].meanings[0] == "classifier for people"


def test_every_function_sense_is_worded_as_the_dictionary_words_it() -> None:
    from glossary.engine.alone import ALONE_SENSES

    text = "。".join(f"{ch}他" for ch in ALONE_SENSES)  # Each alone before a word.
    terms = {t.hanja: t for t in build_glossary(Document(text, "t")).terms}
    for ch, senses in ALONE_SENSES.items():
        assert terms[ch].meanings[: len(senses)] == senses, ch


def test_names_the_segmenter_joined_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from glossary import harvest

    text = "外交部发言人汪文斌表示，美国学者亨廷顿认为，王国和江泽民都很大。书记何长工说。"
    notes = {t.hanja: t.kind_note for t in _glossary(text).terms}
    assert notes["汪文斌"].startswith("a person's name")
    assert notes["何长工"].startswith("a person's name")  # joined by where it stands
    # Its first character reads as the surname it is, not "what".
    explained = build_glossary(Document(text, "t")).terms
    chars = {t.hanja: t.chars for t in explained}
    assert chars["何长工"][0].meanings[0] == "surname He"
    assert chars["王国"][0].meanings[0] != "surname Wang"
    assert notes["亨廷顿"].startswith("a foreign name")
    # Dictionary words are not guessed at: 江泽民's meanings name him, 王国 is a kingdom.
    assert notes["江泽民"] == notes["王国"] == notes["表示"] == ""
    monkeypatch.setattr(harvest, "DEFER_WORDS_FROM", 1)
    outline = build_glossary(Document(text, "t"), defer_words=True)
    assert explain_words(outline).terms == build_glossary(Document(text, "t")).terms


def test_a_character_that_is_a_particle_elsewhere_keeps_its_own_reading() -> None:
    # After hangul (Korean text), and inside a word: 地 is dì.
    terms = {t.hanja: t for t in _glossary("그 땅을 地라 한다. 土地 문제.").terms}
    assert terms["地"].pinyin == "dì" and terms["土地"].pinyin == "tǔ dì"


def test_deferred_words_have_their_places_and_are_explained_on_the_second_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from glossary import harvest

    text = "항저우(杭州)人工智能小镇位于余杭区未来科技城。我们要坚持改革开放。小镇于2016年开园。"
    monkeypatch.setattr(harvest, "DEFER_WORDS_FROM", 5)
    outline = build_glossary(Document(text, "t"), defer_words=True)
    full = build_glossary(Document(text, "t"), defer_words=False)
    assert not outline.complete and full.complete
    assert outline.document.language == full.document.language == "zh"
    # The same terms in the same places: a reader swaps one for the other as laid out.
    assert [t.key for t in outline.terms] == [t.key for t in full.terms]
    assert [t.occurrences for t in outline.terms] == [t.occurrences for t in full.terms]
    by_key = {t.key: t for t in outline.terms}
    glossed = by_key[("杭州", "항저우")]
    assert glossed.pinyin == "háng zhōu" and glossed.meanings  # a gloss is explained
    word = by_key[("坚持", "")]
    assert (word.kind, word.pinyin, word.sino_korean, word.meanings) == ("bare", "", "", ())
    explained = {t.key: t for t in full.terms}[("坚持", "")]
    assert explained.pinyin == "jiān chí" and explained.sino_korean == "견지"
    # Explaining the outline's words gives the glossary built without deferring.
    finished = explain_words(outline)
    assert finished.complete and finished.terms == full.terms
    assert finished.suggestions == full.suggestions and finished.document == full.document
    assert explain_words(full) is full


def test_explaining_an_outlines_words_reads_names_and_numbers_as_a_full_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from glossary import harvest

    monkeypatch.setattr(harvest, "DEFER_WORDS_FROM", 1)
    # Korean text: a glossed name, bare 국한문 with a name read apart, a year's 年, a mention.
    text = (
        "덩샤오핑(鄧小平)은 金大中 大統領을 만났다. 그는 2014年 中國 國家主席이었다. "
        "덩샤오핑은 웃었다.\n"
    )
    outline = build_glossary(Document(text, "t"), defer_words=True)
    full = build_glossary(Document(text, "t"))
    assert not outline.complete
    assert explain_words(outline).terms == full.terms
    assert {t.hanja: t.sino_korean for t in full.terms}["金大中"] == "김대중"


def test_a_text_with_few_words_is_explained_whole_even_when_words_may_be_deferred() -> None:
    text = "杭州人工智能小镇位于余杭区未来科技城。"
    glossary = build_glossary(Document(text, "t"), defer_words=True)
    assert glossary.complete and all(t.pinyin for t in glossary.terms)


# Sino-Korean readings of words as Korean spells them (the inline 한자음 mode writes them).
READINGS = [
    # 率, 列, 律 read 률, 렬, 률 and are written 율, 열, 율 after a vowel or ㄴ: a Korean
    # reader knows 效率 as 효율, not 효률; after ㅂ 률 stays (법률).
    ("提高效率，推出一系列新的旋律。遵守法律。", "效率 효율 一系列 일계열 旋律 선율 法律 법률"),
    # The word list reads 差異 차이 and 國際聯盟 국제연맹: 異 is listed only as 리 (a KS X
    # 1001 duplicate), 聯盟 is a word of its own inside the compound. 十六 is 십육.
    ("两者的差异很大。国际联盟成立，十六个国家加入。", "差异 차이 国际联盟 국제연맹 十六 십육"),
    # 年 after digits or a numeral starts no word: 2016년, 1083년, not 연 (the mode writes
    # 2016年(년)). A word that starts with it keeps the law: 年来 연래.
    ("小镇于2016年3月开园，年来发展很快。", "年 년 月 월 年来 연래"),
    ("재위 1083年부터 다스렸다.", "年 년"),
]


@pytest.mark.parametrize(("text", "expected"), READINGS)
def test_words_are_read_as_korean_spells_them(text: str, expected: str) -> None:
    readings = {t.hanja: t.sino_korean for t in _glossary(text).terms}
    pairs = expected.split()
    for hanja, reading in zip(pairs[::2], pairs[1::2], strict=True):
        assert readings[hanja] == reading, hanja


# 己未獨立宣言書 (1919, public domain): runs as 국한문혼용 writes them, and the words a Korean
# annotator of the text glosses in them (독립국(獨立國), 세계(世界) 만방(萬邦)...).
DECLARATION = (
    "吾等은 玆에 我 朝鮮의 獨立國임과 朝鮮人의 自主民임을 宣言하노라. 此로써 世界萬邦에 "
    "告하야 人類平等의 大義를 克明하며, 半萬年 歷史의 權威를 仗하야 此를 宣言함이며, "
    "人類的 良心의 發露에 基因한 世界改造의 大機運에 順應하기 爲하야, 我 生存權의 "
    "剝喪됨이 무릇 幾何ㅣ며, 民族的 尊榮의 毁損됨이 무릇 幾何ㅣ며, 世界文化의 大潮流에"
)


def test_korean_text_keeps_the_sino_korean_words_cc_cedict_lacks() -> None:
    words = [t.hanja for t in _glossary(DECLARATION).terms]
    # Longest match over CC-CEDICT left each in pieces, one of them a lone hanja: 獨立|國,
    # 人類|的, 半|萬年, 大潮|流, 毁|損. libhangul lists the whole word.
    for word in ("獨立國", "自主民", "半萬年", "人類的", "大機運", "生存權", "民族的", "毁損"):
        assert word in words, word
    assert "大潮流" in words and "大潮" not in words
    # Two words side by side stay two, as the annotator glosses them, although libhangul
    # lists 世界萬邦 too; so do CC-CEDICT's words (世界, 文化).
    for word in ("世界", "萬邦", "人類", "平等", "改造", "文化"):
        assert word in words, word
    assert "世界萬邦" not in words and "世界文化" not in words
    # The joined word is read as the list reads it.
    readings = {t.hanja: t.sino_korean for t in _glossary(DECLARATION).terms}
    read = (readings["獨立國"], readings["人類的"], readings["毁損"])
    assert read == ("독립국", "인류적", "훼손")


def test_names_and_places_of_korean_history_are_one_word_in_korean_text() -> None:
    words = [t.hanja for t in _glossary("檀君王儉이 阿斯達에 都邑을 정했다.").terms]
    assert words == ["檀君王儉", "阿斯達", "都邑"]


def test_a_chinese_document_is_not_joined_into_korean_words() -> None:
    # Chinese text follows the Chinese word standard: 的 is a word of its own, and so is a
    # one-character adjective before a noun (大|潮流 is longest match's 大潮|流 here).
    text = "这是人类的良心，也是历史的大潮流。" * 3
    glossary = _glossary(text)
    assert glossary.document.language == "zh"
    words = [t.hanja for t in glossary.terms]
    assert "人类" in words and "的" in words and "人类的" not in words


def test_a_word_in_korean_shapes_has_its_chinese_forms_and_meaning() -> None:
    # 擧 is how Korean writes 舉: the word is CC-CEDICT's 選舉 (选举), not 選 and 擧 apart.
    (term,) = build_glossary(Document("選擧", "t")).terms
    assert (term.simplified, term.traditional, term.pinyin) == ("选举", "選舉", "xuǎn jǔ")
    assert any("elect" in meaning for meaning in term.meanings)


def test_language_of() -> None:
    assert language_of("杭州人工智能小镇位于余杭区。") == "zh"
    assert language_of("항저우(杭州)의 인공지능 타운") == "ko"
    # 국한문혼용: much hanja, but Korean particles and endings.
    assert language_of("大韓民國은 民主共和國이다. 大韓民國의 主權은 國民에게 있고") == "ko"


def test_hanja_first_with_several_words() -> None:
    assert _pairs("글씨는 雲養 金允植(운양 김윤식)이 썼다.") == [("雲養 金允植", "운양 김윤식")]


def test_hanja_first_with_an_explanation_is_bare_with_a_note() -> None:
    (term,) = _glossary("佛敎(교종)는 그렇다.").terms
    assert (term.hanja, term.hangul, term.kind) == ("佛敎", "", "bare")
    assert term.occurrences[0].note == "교종"


def test_a_label_before_the_hanja_is_a_note() -> None:
    (term,) = _glossary("긴키 지방(일본어: 近畿地方)은 혼슈에 있다.").terms
    assert (term.hangul, term.kind, term.note) == ("긴키 지방", "mixed", "일본어")
    (term,) = _glossary("스테이트 그리드(STATE GRID·國家電網) 원저우").terms
    assert (term.hangul, term.note) == ("스테이트 그리드", "STATE GRID")


def test_headline_abbreviations_and_usual_readings_reach_the_term() -> None:
    glossary = build_glossary(Document("美 대선과 韓美 정상. 선전(深圳)과 심천(深圳).", "t"))
    terms = {(t.hanja, t.hangul): t for t in glossary.terms}
    assert terms["美", ""].abbreviates == "미국"
    assert terms["美", ""].meanings[0].startswith("the United States")
    assert terms["韓美", ""].abbreviates == "한국·미국"
    # 선전 follows Mandarin; Korean usage reads 深圳 심천 (its characters read 심수).
    assert terms["深圳", "선전"].conventional_reading == "심천"
    assert (terms["深圳", "심천"].kind, terms["深圳", "심천"].reading_language) == ("sino", "ko")


# -- bare runs to words, all runs of a document at once ----------------------------------------


def _runs(text: str, pattern: str = f"[{HANJA_CLASS}]+") -> list[Run]:
    """Each run of a text as a bare place, with the line it stands on as its sentence."""
    return [
        Run(m.group(), m.start(), m.end(), m.start(), m.end(), _line(text, m.start()))
        for m in re.finditer(pattern, text)
    ]


def _line(text: str, at: int) -> str:
    return text[text.rfind("\n", 0, at) + 1 :].split("\n")[0]


def _places(terms: list[tuple[str, list[Occurrence], str]]) -> list[Occurrence]:
    return sorted((o for _, found, _ in terms for o in found), key=lambda o: o.start)


def _run_by_run(text: str, runs: list[Run], segmenter: Segmenter) -> list[Occurrence]:
    """Each run split alone: a place per word that starts with a hanja, or the whole run."""
    places = []
    for run in runs:
        spans = segmenter.segment(run.hanja)
        if len(spans) <= 1:
            places.append(run.occurrence(Sentences(text)))
            continue
        for a, b in spans:
            at, to = run.hanja_start + a, run.hanja_start + b
            if is_hanja(text[at]):
                places.append(Occurrence(at, to, at, to, None, None, run.sentence))
    return places


def test_all_runs_at_once_give_the_words_of_each_run_alone(segmenter: Segmenter) -> None:
    text = (
        "我们要坚持改革开放。外交部发言人汪文斌表示\n"
        "音\uf914與音樂，國家賴之。一百二十个人、第十四届\n"
        + CLASSICAL
        + "\n3甲 2014年8月14日 1兆2500億"
    )
    # Runs cut as the candidates cut them (改革|开放 cut at 32 hanja), digits in some runs.
    runs = _runs(text, f"[{HANJA_CLASS}0-9]{{1,{MAX_TERM}}}")
    assert any(run.hanja[0].isdigit() for run in runs)
    assert _places(bare_terms(text, runs, segmenter, Sentences(text))) == _run_by_run(
        text, runs, segmenter
    )


def test_runs_split_a_few_at_a_time_give_the_same_words(
    segmenter: Segmenter, monkeypatch: pytest.MonkeyPatch
) -> None:
    import glossary.engine.words as words

    text = (
        "我们要坚持改革开放。2014年来到这里\n音\uf914與音樂，國家賴之。3甲 1兆2500億\n" + CLASSICAL
    )
    runs = _runs(text, f"[{HANJA_CLASS}0-9]{{1,{MAX_TERM}}}")
    whole = bare_terms(text, runs, segmenter, Sentences(text))
    monkeypatch.setattr(words, "_CHUNK", 2)
    assert bare_terms(text, runs, segmenter, Sentences(text)) == whole


def test_a_word_written_two_ways_is_one_term(segmenter: Segmenter) -> None:
    text = "音\uf914，音樂，音\uf914"
    runs = _runs(text)
    runs[1] = runs[1]._replace(note="樂 written in its usual shape")
    (term,) = bare_terms(text, runs, segmenter, Sentences(text))
    assert term.hanja == "音\uf914"  # As first written.
    assert [o.start for o in term.occurrences] == [0, 3, 6]
    assert term.note == "樂 written in its usual shape"


def test_a_plain_form_takes_the_note_of_another_form_of_its_term(segmenter: Segmenter) -> None:
    text = "音\uf914，音樂"
    runs = [run._replace(sentence=None) for run in _runs(text)]
    runs[1] = runs[1]._replace(note="樂 written in its usual shape")
    (term,) = bare_terms(text, runs, segmenter, Sentences(text))
    assert (term.hanja, term.note) == ("音\uf914", "樂 written in its usual shape")
    assert [(o.start, o.note) for o in term.occurrences] == [
        (0, ""),
        (3, "樂 written in its usual shape"),
    ]


def test_each_word_keeps_its_runs_sentence_and_note(segmenter: Segmenter) -> None:
    text = "我们要坚持改革开放。\n人工智能小镇"
    runs = [run._replace(note="quoted") for run in _runs(text)]
    terms = {t.hanja: t for t in bare_terms(text, runs, segmenter, Sentences(text))}
    assert list(terms) == ["我们", "要", "坚持", "改革开放", "人工智能", "小镇"]
    (place,) = terms["坚持"].occurrences
    assert (place.sentence, place.note, text[place.start : place.end]) == (
        "我们要坚持改革开放。",
        "quoted",
        "坚持",
    )
    assert terms["小镇"].occurrences[0].sentence == "人工智能小镇"
    assert terms["坚持"].note == "quoted"  # The term's note, as a glossed term has one.


def test_a_chinese_document_has_no_sino_korean_words_filled_in() -> None:
    # 党的 and 人的 are Korean words (당적, 인적) in 국한문; in Chinese, 的 is a word of its own.
    chinese = _glossary("我们坚持党的领导，维护人的尊严。")
    assert chinese.document.language == "zh"
    assert [t.hanja for t in chinese.terms][:6] == ["我们", "坚持", "党", "的", "领导", "维护"]
    korean = _glossary("그는 人的 資源을 말했다.")
    assert [t.hanja for t in korean.terms] == ["人的", "資源"]


def test_a_run_with_a_note_keeps_its_words_other_places_as_offsets() -> None:
    # A bracketed list (记者刘振英、新华社记者张宿堂): its first run has the rest as its note.
    text = "新华社北京电（中央人民广播电台记者刘振英、新华社记者张宿堂）今天，记者来到杭州。"
    terms = {t.hanja: t for t in _glossary(text).terms}
    places = terms["记者"].occurrences
    assert isinstance(places, WordPlaces)  # Not every place made an occurrence for one note.
    assert [(o.start, o.note) for o in places] == [(15, "新华社记者张宿堂"), (24, ""), (33, "")]
    assert dict(places.notes) == {15: "新华社记者张宿堂"}
    assert terms["记者"].note == "新华社记者张宿堂"
    assert places == tuple(places) and places != replace_notes(places)


def replace_notes(places: WordPlaces) -> tuple[Occurrence, ...]:
    return tuple(o._replace(note="") for o in places)


def test_without_a_segmenter_runs_stay_whole() -> None:
    text = "我们要坚持改革开放。國家賴之"
    runs = _runs(text)
    terms = bare_terms(text, runs, None, Sentences(text))
    assert [(t.hanja, t.occurrences) for t in terms] == [
        (run.hanja, [run.occurrence(Sentences(text))]) for run in runs
    ]


def test_plain_word_places_are_offsets_that_read_as_the_occurrences(
    segmenter: Segmenter,
) -> None:
    text = "我们要坚持改革开放。\n坚持，坚持\n人工智能小镇"
    # Runs found bare in the text carry no sentence: each place gets the one around it.
    runs = [run._replace(sentence=None) for run in _runs(text)]
    sentences = Sentences(text)
    terms = {t.hanja: t for t in bare_terms(text, runs, segmenter, sentences)}
    places = terms["坚持"].occurrences
    assert isinstance(places, WordPlaces)
    expected = tuple(
        Occurrence(at, at + 2, at, at + 2, None, None, sentences.around(at, at + 2))
        for at in (3, 11, 14)
    )
    assert places == expected and expected == places
    assert (len(places), places[1], places[-1], places[:2]) == (
        3,
        expected[1],
        expected[2],
        expected[:2],
    )
    assert list(places) == list(expected) and hash(places) == hash(expected)
    assert [p.sentence for p in places] == ["我们要坚持改革开放。", "坚持，坚持", "坚持，坚持"]
    assert places + () == expected and () + places == expected
    assert places != expected[:2] and places != expected[::-1]
    with pytest.raises(TypeError):  # The model is immutable: its offsets too.
        places.starts[0] = 0  # type: ignore[index]


def test_a_chinese_glossary_keeps_word_places_as_offsets_and_pickles_them() -> None:
    import pickle

    text = "杭州人工智能小镇位于余杭区。小镇于2016年3月开园，杭州很美。" * 3
    glossary = _glossary(text)
    terms = {t.hanja: t for t in glossary.terms}
    assert isinstance(terms["小镇"].occurrences, WordPlaces)
    assert [o.start for o in terms["杭州"].occurrences] == [
        m.start() for m in re.finditer("杭州", text)
    ]
    again = pickle.loads(pickle.dumps(glossary))
    assert again == glossary
    assert glossary_to_dict(again) == glossary_to_dict(glossary)
    for term in glossary.terms:  # Offsets or occurrences: the same JSON.
        made = replace(term, occurrences=tuple(term.occurrences))
        assert term_to_dict(term) == term_to_dict(made)
    first = glossary_to_dict(glossary)["terms"][0]["occurrences"][0]
    assert (first["start"], first["end"], first["sentence"]) == (
        0,
        2,
        "杭州人工智能小镇位于余杭区。",
    )


def test_every_hanja_of_a_chinese_document_is_in_one_words_place() -> None:
    text = "杭州人工智能小镇位于余杭区。" + CLASSICAL + "。\n小镇于2016年3月开园，杭州。"
    glossary = _glossary(text)
    assert glossary.document.language == "zh"
    places = sorted((o.start, o.end, t.hanja) for t in glossary.terms for o in t.occurrences)
    assert all(text[s:e] == hanja for s, e, hanja in places)
    covered = [i for s, e, _ in places for i in range(s, e)]
    assert covered == [i for i, ch in enumerate(text) if is_hanja(ch)]
    # Terms in order of first appearance, each place once, in text order.
    assert [t.hanja for t in glossary.terms][:3] == ["杭州", "人工智能", "小镇"]
    assert [o.start for o in glossary.terms[0].occurrences] == [0, len(text) - 3]


def test_a_date_before_a_run_is_read_with_it() -> None:
    # The digits are no part of the run 年来到这里: read alone it would be 年来|到|这里.
    text = "他于2014年来到这里。小镇于2016年3月开园。"
    glossary = _glossary(text)
    places = {t.hanja: [text[o.start : o.end] for o in t.occurrences] for t in glossary.terms}
    assert places["来到"] == ["来到"] and places["年"] == ["年", "年"]
    assert "年来" not in places and places["月"] == ["月"] and places["开园"] == ["开园"]


def test_a_long_unpunctuated_chinese_run_keeps_its_words_whole() -> None:
    # Thirty-one hanja, then 改革开放 across the 32nd: a Chinese document is read whole, not
    # in the pieces that keep a whole-run term of Korean text cheap (改|革|开放).
    text = CLASSICAL[:31] + "改革开放。" + "杭州人工智能小镇位于余杭区未来科技城" * 3
    glossary = _glossary(text)
    assert glossary.document.language == "zh"
    words = [t.hanja for t in glossary.terms]
    assert "改革开放" in words and "改" not in words and "开放" not in words
    (future,) = (t for t in glossary.terms if t.hanja == "未来")
    assert [o.start for o in future.occurrences] == [
        len(CLASSICAL[:31]) + 5 + 13 + 18 * i for i in range(3)
    ]
    assert "来" not in words  # 未 stands alone in the classical text: 有未窮.


def test_glosses_notes_and_dates_in_a_chinese_document() -> None:
    text = (
        "习近平(시진핑)主席在北京说：“我们要坚持改革开放。”2014年3月，音\uf914與音樂。"
        "雲養 金允植(운양 김윤식)" + "杭州人工智能小镇位于余杭区。" * 9
    )
    glossary = _glossary(text)
    assert glossary.document.language == "zh"
    terms = {(t.hanja, t.hangul): t for t in glossary.terms}
    assert [o.start for o in terms["习近平", "시진핑"].occurrences] == [0]
    assert [text[o.start : o.end] for o in terms["主席", ""].occurrences] == ["主席"]
    # A date's hanja are words of their own; a word written two ways is one term, as first
    # written; hanja that a gloss's hanja take in are no words of their own.
    assert [o.start for o in terms["年", ""].occurrences] == [text.index("年")]
    assert [o.start for o in terms["音\uf914", ""].occurrences] == [35, 38]
    assert ("雲養", "") not in terms and ("雲養 金允植", "운양 김윤식") in terms
    # Terms in order of first appearance.
    assert [t.hanja for t in glossary.terms][:4] == ["习近平", "主席", "在", "北京"]
    assert [t.hanja for t in glossary.terms][-3:] == ["小镇", "位于", "余杭区"]


def test_a_chinese_document_with_an_unreadable_dictionary_keeps_its_runs_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import glossary.harvest as harvest

    monkeypatch.setattr(harvest, "_segmenter", lambda: None)  # As for a broken index.
    text = "我们要坚持改革开放。" + CLASSICAL + "。习近平(시진핑)说。"
    glossary = _glossary(text)
    assert glossary.document.language == "zh"
    # Each run a term, a run longer than any term cut into pieces, as candidates are.
    assert [t.hanja for t in glossary.terms] == [
        "我们要坚持改革开放",
        CLASSICAL[:MAX_TERM],
        CLASSICAL[MAX_TERM:],
        "习近平",
        "说",
    ]
    assert [o.start for o in glossary.terms[2].occurrences] == [10 + MAX_TERM]


def test_a_word_written_in_simplified_characters_keeps_them_as_its_simplified_form() -> None:
    # 朱镕基's traditional form is 朱鎔基; Korean text's variant shapes (鎔 as 熔) must not
    # come back into the simplified one (朱熔基, another name).
    term = {t.hanja: t for t in _glossary("国务院总理朱镕基说。").terms}["朱镕基"]
    assert (term.simplified, term.traditional) == ("朱镕基", "朱鎔基")


def test_chinese_shapes_read_as_korean_reads_the_words_they_stand_in() -> None:
    # Korean writes these words 奮鬪, 覇權, 沈默, 吸煙: the list has no word with the Chinese
    # shape to rank its readings, and its first reading was a rare or wrong one (鬥 두).
    text = "我们要奋斗，斗争，反对霸权主义。他沉默了。吸烟有害。他的身份。汉语拼音。庞大。"
    terms = {t.hanja: t for t in _glossary(text).terms}
    words = ("奋斗", "斗争", "霸权主义", "沉默", "吸烟", "身份", "汉语拼音", "庞大")
    assert {h: terms[h].sino_korean for h in words} == {
        "奋斗": "분투",
        "斗争": "투쟁",
        "霸权主义": "패권주의",
        "沉默": "침묵",
        "吸烟": "흡연",
        "身份": "신분",  # Korean writes 身分; 份 was 빈 "빛날"
        "汉语拼音": "한어병음",
        "庞大": "방대",  # 龐: the list's first reading is 롱, with no 훈음
    }
    assert [c.hun_eum for c in terms["斗争"].chars] == ["싸울 투", "다툴 쟁"]
    # Korean text keeps its own shapes' readings, and its words with 斗 "dipper, measure"
    # (OpenCC and pypinyin take 斗 for 鬥 "fight" outside the Chinese words they know).
    text = "투쟁(鬪爭)과 침몰(沈沒). 박두병(朴斗秉) 회장. 斗落이 넓다."
    korean = {t.hanja: t for t in _glossary(text).terms}
    assert {h: korean[h].sino_korean for h in ("鬪爭", "沈沒", "朴斗秉", "斗落")} == {
        "鬪爭": "투쟁",
        "沈沒": "침몰",
        "朴斗秉": "박두병",
        "斗落": "두락",
    }
    assert korean["斗落"].chars[0].hun_eum == "말 두"


def test_a_characters_first_hun_eum_is_not_its_surname_when_it_has_another() -> None:
    # libhangul lists 金 금 as "성 금, 쇠 금": 金融's 金 is 쇠 금; 김 stays the surname.
    terms = {t.hanja: t for t in _glossary("김대중(金大中) 대통령과 금융(金融) 위기.").terms}
    assert terms["金融"].chars[0].hun_eum == "쇠 금"
    assert terms["金大中"].chars[0].hun_eum == "사람의 성 김"


def test_each_word_of_a_compound_takes_the_initial_sound_law_at_its_start() -> None:
    # 한글 맞춤법 제11항 붙임 4: 鄧小平 + 理論 is 등소평이론, as Korean spells such compounds; a
    # unit after a number keeps its sound (육십년대), numerals after numerals take it.
    text = "邓小平理论。共同利益。朝鲜劳动党。六十年代。一百六十九。梅兰芳。"
    readings = {t.hanja: t.sino_korean for t in _glossary(text).terms}
    assert readings == {
        "邓小平理论": "등소평이론",
        "共同利益": "공동이익",
        "朝鲜劳动党": "조선노동당",
        "六十年代": "육십년대",
        "一百六十九": "일백육십구",
        "梅兰芳": "매란방",  # A name: 梅 alone, then 蘭芳; not a compound of words.
    }
