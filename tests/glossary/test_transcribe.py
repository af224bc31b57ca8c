"""Tests for glossary.engine.transcribe: pinyin to hangul by 외래어 표기법."""

from __future__ import annotations

import pytest

from glossary.engine.jamo import INITIALS as INITIALS_JAMO
from glossary.engine.jamo import decompose, is_hangul_syllable
from glossary.engine.transcribe import (
    SYLLABLES,
    pinyin_to_hangul,
    split_syllable,
    syllable_to_hangul,
)

# 외래어 표기법 제3장 제7절 (중국어) applied to names and places; HANJA-NOTES §3 checks and
# the brief's list of common names.
WORDS = [
    ("鄧小平", "deng xiao ping", "덩샤오핑"),
    ("杭州", "hang zhou", "항저우"),
    ("深圳", "shen zhen", "선전"),
    ("馬雲", "ma yun", "마윈"),
    ("浙江", "zhe jiang", "저장"),
    ("餘杭", "yu hang", "위항"),
    ("深睿", "shen rui", "선루이"),
    ("喬昕", "qiao xin", "차오신"),
    ("毛澤東", "mao ze dong", "마오쩌둥"),
    ("北京", "bei jing", "베이징"),
    ("天津", "tian jin", "톈진"),
    ("習近平", "xi jin ping", "시진핑"),
    ("胡錦濤", "hu jin tao", "후진타오"),
    ("江澤民", "jiang ze min", "장쩌민"),
    ("上海", "shang hai", "상하이"),
    ("重慶", "chong qing", "충칭"),
    ("廣州", "guang zhou", "광저우"),
    ("西安", "xi an", "시안"),
    ("青島", "qing dao", "칭다오"),
    ("成都", "cheng du", "청두"),
    ("哈爾濱", "ha er bin", "하얼빈"),
    ("劉少奇", "liu shao qi", "류사오치"),
    ("周恩來", "zhou en lai", "저우언라이"),
    ("孫中山", "sun zhong shan", "쑨중산"),
    ("溫家寶", "wen jia bao", "원자바오"),
    ("呂", "lü", "뤼"),
    ("女", "nü", "뉘"),
    ("略", "lüe", "뤠"),
    ("雪", "xue", "쉐"),
    ("軍", "jun", "쥔"),
    ("全", "quan", "취안"),
    ("熊", "xiong", "슝"),
    ("窮", "qiong", "충"),
    ("鄭", "zheng", "정"),
    ("蔡", "cai", "차이"),
    ("曹", "cao", "차오"),
    ("崔", "cui", "추이"),
    ("左", "zuo", "쭤"),
    ("郭", "guo", "궈"),
    ("黃", "huang", "황"),
    ("王", "wang", "왕"),
    ("楊", "yang", "양"),
    ("葉", "ye", "예"),
    ("嚴", "yan", "옌"),
    ("尹", "yin", "인"),
    ("應", "ying", "잉"),
    ("永", "yong", "융"),
    ("翁", "weng", "웡"),
    ("袁", "yuan", "위안"),
    ("雲", "yun", "윈"),
    ("月", "yue", "웨"),
    ("謝", "xie", "셰"),
    ("薛", "xue", "쉐"),
    ("賈", "jia", "자"),
    ("姜", "jiang", "장"),
    ("秦", "qin", "친"),
    ("錢", "qian", "첸"),
    ("喬", "qiao", "차오"),
    ("邱", "qiu", "추"),
    ("金", "jin", "진"),
    ("張", "zhang", "장"),
    ("趙", "zhao", "자오"),
    ("朱", "zhu", "주"),
    ("莊", "zhuang", "좡"),
    ("陳", "chen", "천"),
    ("蔣", "jiang", "장"),
    ("史", "shi", "스"),
    ("日", "ri", "르"),
    ("子", "zi", "쯔"),
    ("慈", "ci", "츠"),
    ("四", "si", "쓰"),
]


@pytest.mark.parametrize(("hanzi", "pinyin", "hangul"), WORDS, ids=[w[0] for w in WORDS])
def test_words(hanzi: str, pinyin: str, hangul: str) -> None:
    assert pinyin_to_hangul(pinyin.split()) == hangul, hanzi


# 외래어 표기법 표 5: every initial (성모), shown with a final that does not change it.
INITIALS = [
    ("ba", "바"),
    ("pa", "파"),
    ("ma", "마"),
    ("fa", "파"),
    ("da", "다"),
    ("ta", "타"),
    ("na", "나"),
    ("la", "라"),
    ("ga", "가"),
    ("ka", "카"),
    ("ha", "하"),
    ("ji", "지"),
    ("qi", "치"),
    ("xi", "시"),
    ("zha", "자"),
    ("cha", "차"),
    ("sha", "사"),
    ("re", "러"),
    ("za", "짜"),
    ("ca", "차"),
    ("sa", "싸"),
]


@pytest.mark.parametrize(("pinyin", "hangul"), INITIALS)
def test_initials(pinyin: str, hangul: str) -> None:
    assert syllable_to_hangul(pinyin) == hangul


# 외래어 표기법 표 5: the apical vowel after zh ch sh r z c s is written ㅡ.
APICAL = [
    ("zhi", "즈"),
    ("chi", "츠"),
    ("shi", "스"),
    ("ri", "르"),
    ("zi", "쯔"),
    ("ci", "츠"),
    ("si", "쓰"),
]


@pytest.mark.parametrize(("pinyin", "hangul"), APICAL)
def test_apical_vowel(pinyin: str, hangul: str) -> None:
    assert syllable_to_hangul(pinyin) == hangul


# 외래어 표기법 표 5: every final (운모) written on its own (with y/w spelling).
STANDALONE_FINALS = [
    ("a", "아"),
    ("o", "오"),
    ("e", "어"),
    ("ê", "에"),
    ("yi", "이"),
    ("wu", "우"),
    ("yu", "위"),
    ("ai", "아이"),
    ("ei", "에이"),
    ("ao", "아오"),
    ("ou", "어우"),
    ("an", "안"),
    ("en", "언"),
    ("ang", "앙"),
    ("eng", "엉"),
    ("er", "얼"),
    ("ya", "야"),
    ("yo", "요"),
    ("ye", "예"),
    ("yao", "야오"),
    ("you", "유"),
    ("yan", "옌"),
    ("yin", "인"),
    ("yang", "양"),
    ("ying", "잉"),
    ("wa", "와"),
    ("wo", "워"),
    ("wai", "와이"),
    ("wei", "웨이"),
    ("wan", "완"),
    ("wen", "원"),
    ("wang", "왕"),
    ("weng", "웡"),
    ("yue", "웨"),
    ("yuan", "위안"),
    ("yun", "윈"),
    ("yong", "융"),
]


@pytest.mark.parametrize(("pinyin", "hangul"), STANDALONE_FINALS)
def test_standalone_finals(pinyin: str, hangul: str) -> None:
    assert syllable_to_hangul(pinyin) == hangul


# 외래어 표기법 표 5: every final after an initial; the initial replaces the ㅇ of the final's
# first syllable (ui 우이, un 운, ong 웅 differ from standalone wei 웨이, wen 원, weng 웡).
FINALS_AFTER_INITIAL = [
    ("la", "라"),
    ("bo", "보"),
    ("po", "포"),
    ("mo", "모"),
    ("fo", "포"),
    ("lo", "로"),
    ("de", "더"),
    ("me", "머"),
    ("li", "리"),
    ("lu", "루"),
    ("lü", "뤼"),
    ("lai", "라이"),
    ("lei", "레이"),
    ("lao", "라오"),
    ("lou", "러우"),
    ("lan", "란"),
    ("ben", "번"),
    ("lang", "랑"),
    ("leng", "렁"),
    ("lia", "랴"),
    ("lie", "례"),
    ("liao", "랴오"),
    ("liu", "류"),
    ("lian", "롄"),
    ("lin", "린"),
    ("liang", "량"),
    ("ling", "링"),
    ("gua", "과"),
    ("luo", "뤄"),
    ("guai", "과이"),
    ("gui", "구이"),
    ("duan", "돤"),
    ("dun", "둔"),
    ("guang", "광"),
    ("gong", "궁"),
    ("nüe", "눼"),
    ("xuan", "쉬안"),
    ("xun", "쉰"),
    ("xiong", "슝"),
]


@pytest.mark.parametrize(("pinyin", "hangul"), FINALS_AFTER_INITIAL)
def test_finals_after_initial(pinyin: str, hangul: str) -> None:
    assert syllable_to_hangul(pinyin) == hangul


# 외래어 표기법 제3장 제7절 제2항: after ㅈ ㅉ ㅊ the vowels ㅑ ㅖ ㅛ ㅠ are written ㅏ ㅔ ㅗ ㅜ;
# after ㅅ (x) they are kept.
AFFRICATE_VOWELS = [
    ("jia", "자"),
    ("jie", "제"),
    ("jiao", "자오"),
    ("jiu", "주"),
    ("jian", "젠"),
    ("jiang", "장"),
    ("jiong", "중"),
    ("qia", "차"),
    ("qie", "체"),
    ("qiao", "차오"),
    ("qiu", "추"),
    ("qian", "첸"),
    ("qiang", "창"),
    ("qiong", "충"),
    ("xia", "샤"),
    ("xie", "셰"),
    ("xiao", "샤오"),
    ("xiu", "슈"),
    ("xian", "셴"),
    ("xiang", "샹"),
    ("xiong", "슝"),
]


@pytest.mark.parametrize(("pinyin", "hangul"), AFFRICATE_VOWELS)
def test_affricate_vowel_rule(pinyin: str, hangul: str) -> None:
    assert syllable_to_hangul(pinyin) == hangul


# 외래어 표기법 표 5 (ㄐㄑㄒ + ㄩ): after j, q, x the letter u is ü.
JQX_U = [
    ("ju", "j", "ü", "쥐"),
    ("qu", "q", "ü", "취"),
    ("xu", "x", "ü", "쉬"),
    ("jue", "j", "üe", "줴"),
    ("que", "q", "üe", "췌"),
    ("xue", "x", "üe", "쉐"),
    ("juan", "j", "üan", "쥐안"),
    ("quan", "q", "üan", "취안"),
    ("xuan", "x", "üan", "쉬안"),
    ("jun", "j", "ün", "쥔"),
    ("qun", "q", "ün", "췬"),
    ("xun", "x", "ün", "쉰"),
]


@pytest.mark.parametrize(("pinyin", "initial", "final", "hangul"), JQX_U)
def test_jqx_u_is_umlaut(pinyin: str, initial: str, final: str, hangul: str) -> None:
    assert split_syllable(pinyin) == (initial, final)
    assert syllable_to_hangul(pinyin) == hangul


# 외래어 표기법 제3장 제7절 제1항: tones are not written; input may carry marks or digits.
INPUT_FORMS = [
    ("xiǎo", "샤오"),
    ("Xiǎo", "샤오"),
    ("XIAO", "샤오"),
    ("xiao3", "샤오"),
    ("ma5", "마"),
    ("de5", "더"),
    ("Zhōng", "중"),
    ("guó", "궈"),
    ("lv", "뤼"),
    ("lü", "뤼"),
    ("lǚ", "뤼"),
    ("LÜ", "뤼"),
    ("nv3", "뉘"),
    ("nǚ", "뉘"),
    ("lu:3", "뤼"),
    ("lüè", "뤠"),
    ("lve4", "뤠"),
    ("lue4", "뤠"),
    ("jü", "쥐"),
    ("qv4", "취"),
    ("ế", "에"),
    ("ê2", "에"),
    ("Ēr", "얼"),
]


@pytest.mark.parametrize(("pinyin", "hangul"), INPUT_FORMS)
def test_input_forms(pinyin: str, hangul: str) -> None:
    assert syllable_to_hangul(pinyin) == hangul


# Split into initial and final (final in its after-initial spelling, 표 5 column order).
SPLITS = [
    ("xiao", ("x", "iao")),
    ("yan", ("", "ian")),
    ("wu", ("", "u")),
    ("yi", ("", "i")),
    ("you", ("", "iu")),
    ("wei", ("", "ui")),
    ("wen", ("", "un")),
    ("weng", ("", "ong")),
    ("yu", ("", "ü")),
    ("yuan", ("", "üan")),
    ("ju", ("j", "ü")),
    ("zhi", ("zh", "i")),
    ("chuang", ("ch", "uang")),
    ("shui", ("sh", "ui")),
    ("zan", ("z", "an")),
    ("er", ("", "er")),
    ("a", ("", "a")),
    ("ê", ("", "ê")),
    ("lüe", ("l", "üe")),
    ("Nǚ", ("n", "ü")),
]


@pytest.mark.parametrize(("pinyin", "expected"), SPLITS)
def test_split_syllable(pinyin: str, expected: tuple[str, str]) -> None:
    assert split_syllable(pinyin) == expected


NOT_PINYIN = [
    "",
    "abc",
    "x",
    "zh",
    "i",
    "u",
    "ü",
    "ia",
    "gi",
    "bü",
    "fai",
    "shong",
    "jiou",
    "yü",
    "ra",
    "xiao6",
    "xiao0",
    "3",
    "xiǎo3",
    "xiǎó",
    "xiao ",
    "xi'an",
    "m",
    "n",
    "ng",
    "hm",
    "VR",
    "한",
    "漢",
    "ä",
]


@pytest.mark.parametrize("text", NOT_PINYIN)
def test_not_pinyin_raises(text: str) -> None:
    with pytest.raises(ValueError):
        split_syllable(text)
    with pytest.raises(ValueError):
        syllable_to_hangul(text)


PASS_THROUGH = [
    (["3", "jia"], "3자"),
    (["VR", "xiao"], "VR샤오"),
    (["·", "deng"], "·덩"),
    (["ren", "gong", "zhi", "neng", "xiao", "zhen"], "런궁즈넝샤오전"),
    (["ng"], "ng"),
    ([], ""),
]


@pytest.mark.parametrize(("syllables", "hangul"), PASS_THROUGH)
def test_pinyin_to_hangul_passes_through_non_pinyin(syllables: list[str], hangul: str) -> None:
    assert pinyin_to_hangul(syllables) == hangul


def test_pinyin_to_hangul_accepts_any_iterable() -> None:
    assert pinyin_to_hangul(s for s in ("Dèng", "Xiǎo", "píng")) == "덩샤오핑"


def test_syllable_inventory() -> None:
    # 표 5 covers about four hundred syllables; spot-check membership both ways.
    assert 400 <= len(SYLLABLES) <= 420
    assert {"zhuang", "lüe", "nüe", "ju", "yo", "me", "lo", "ê", "er", "weng"} <= SYLLABLES
    assert not {"jv", "ju:", "gi", "bü", "m", "ng", "lue", "yu:"} & SYLLABLES


# 외래어 표기법 표 5: every syllable becomes one or two hangul syllables whose first consonant is
# the initial's letter (ㅇ for a syllable without an initial).
INITIAL_LETTER = {
    "b": "ㅂ", "p": "ㅍ", "m": "ㅁ", "f": "ㅍ", "d": "ㄷ", "t": "ㅌ", "n": "ㄴ", "l": "ㄹ",
    "g": "ㄱ", "k": "ㅋ", "h": "ㅎ", "j": "ㅈ", "q": "ㅊ", "x": "ㅅ", "zh": "ㅈ", "ch": "ㅊ",
    "sh": "ㅅ", "r": "ㄹ", "z": "ㅉ", "c": "ㅊ", "s": "ㅆ", "": "ㅇ",
}  # fmt: skip


def test_every_syllable_transcribes() -> None:
    for syllable in sorted(SYLLABLES):
        hangul = syllable_to_hangul(syllable)
        assert 1 <= len(hangul) <= 2, syllable
        assert all(is_hangul_syllable(ch) for ch in hangul), syllable
        initial, _ = split_syllable(syllable)
        assert INITIALS_JAMO[decompose(hangul[0])[0]] == INITIAL_LETTER[initial], syllable
