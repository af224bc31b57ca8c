"""Tests for glossary.engine.jamo: syllable arithmetic, 두음법칙 and the loose comparison key."""

from __future__ import annotations

import pytest

from glossary.engine.jamo import (
    FINALS,
    INITIALS,
    MEDIALS,
    apply_initial_sound_law,
    compose,
    decompose,
    initial_sound_law_variants,
    is_hangul_syllable,
    loose_key,
    write_ryeol_ryul,
)

# Unicode 15.0 §3.12 (Hangul syllable composition): 가 U+AC00 .. 힣 U+D7A3.
IS_SYLLABLE = [
    ("가", True),
    ("힣", True),
    ("덩", True),
    ("ㄱ", False),
    ("ㅏ", False),
    ("\u1100", False),
    ("a", False),
    ("漢", False),
    ("", False),
    ("가나", False),
    ("\uabff", False),
    ("\ud7a4", False),
]


@pytest.mark.parametrize(("text", "expected"), IS_SYLLABLE)
def test_is_hangul_syllable(text: str, expected: bool) -> None:
    assert is_hangul_syllable(text) is expected


# Unicode 15.0 §3.12: syllable = 0xAC00 + (initial * 21 + medial) * 28 + final.
DECOMPOSITIONS = [
    ("가", (0, 0, 0)),
    ("힣", (18, 20, 27)),
    ("덩", (3, 4, 21)),
    ("샤", (9, 2, 0)),
    ("쩌", (13, 4, 0)),
    ("윈", (11, 16, 4)),
    ("핑", (17, 20, 21)),
]


@pytest.mark.parametrize(("syllable", "indices"), DECOMPOSITIONS)
def test_decompose_and_compose(syllable: str, indices: tuple[int, int, int]) -> None:
    assert decompose(syllable) == indices
    assert compose(*indices) == syllable


def test_jamo_tables() -> None:
    assert (len(INITIALS), len(MEDIALS), len(FINALS)) == (19, 21, 28)
    assert (INITIALS[3], MEDIALS[4], FINALS[21]) == ("ㄷ", "ㅓ", "ㅇ")
    assert compose(INITIALS.index("ㅎ"), MEDIALS.index("ㅏ"), FINALS.index("ㅇ")) == "항"


def test_compose_default_final_is_none() -> None:
    assert compose(0, 0) == "가"


def test_round_trip_every_syllable() -> None:
    for code in range(0xAC00, 0xD7A4):
        assert compose(*decompose(chr(code))) == chr(code)


@pytest.mark.parametrize("text", ["ㄱ", "a", "", "가나", "漢", "\u1100\u1161"])
def test_decompose_rejects_non_syllables(text: str) -> None:
    with pytest.raises(ValueError):
        decompose(text)


@pytest.mark.parametrize(
    "indices", [(19, 0, 0), (-1, 0, 0), (0, 21, 0), (0, -1, 0), (0, 0, 28), (0, 0, -1)]
)
def test_compose_rejects_out_of_range(indices: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError):
        compose(*indices)


# 한글 맞춤법 제10항 (녀, 뇨, 뉴, 니 → 여, 요, 유, 이), 제11항 (랴, 려, 례, 료, 류, 리 → 야, 여,
# 예, 요, 유, 이) and 제12항 (라, 래, 로, 뢰, 루, 르 → 나, 내, 노, 뇌, 누, 느): word start only.
INITIAL_SOUND_LAW = [
    ("리", "이"),
    ("량", "양"),
    ("력", "역"),
    ("류", "유"),
    ("례", "예"),
    ("료", "요"),
    ("럐", "얘"),
    ("로", "노"),
    ("뢰", "뇌"),
    ("락", "낙"),
    ("래", "내"),
    ("릉", "능"),
    ("루", "누"),
    ("녀", "여"),
    ("뇨", "요"),
    ("뉴", "유"),
    ("니", "이"),
    ("년", "연"),
    ("닉", "익"),
    ("냐", "야"),
    ("녜", "예"),
    ("녀자", "여자"),
    ("년세", "연세"),
    ("량심", "양심"),
    ("력사", "역사"),
    ("리발소", "이발소"),
    ("로인", "노인"),
    ("래일", "내일"),
    ("락원", "낙원"),
    ("리리", "이리"),
]


@pytest.mark.parametrize(("word", "expected"), INITIAL_SOUND_LAW)
def test_initial_sound_law(word: str, expected: str) -> None:
    assert apply_initial_sound_law(word) == expected


# 한글 맞춤법 제10-12항 do not apply inside a word or to other initials and vowels.
INITIAL_SOUND_LAW_UNCHANGED = [
    "",
    "가",
    "관리",
    "남녀",
    "나라",
    "너",
    "노인",
    "뇌",
    "누",
    "냬",
    "이",
    "여자",
    "A리",
    "3리",
    "李",
    "ㄹ",
]


@pytest.mark.parametrize("word", INITIAL_SOUND_LAW_UNCHANGED)
def test_initial_sound_law_leaves_other_words(word: str) -> None:
    assert apply_initial_sound_law(word) == word


# 한글 맞춤법 제10-12항: a reading may appear in either form at a word start.
VARIANTS = [
    ("리", {"리", "이"}),
    ("로", {"로", "노"}),
    ("녀", {"녀", "여"}),
    ("량", {"량", "양"}),
    ("가", {"가"}),
    ("이", {"이"}),
]


@pytest.mark.parametrize(("syllable", "expected"), VARIANTS)
def test_initial_sound_law_variants(syllable: str, expected: set[str]) -> None:
    assert initial_sound_law_variants(syllable) == frozenset(expected)


# 한글 맞춤법 제11항 붙임 1: 렬, 률 after a vowel or ㄴ are written 열, 율; after any other
# consonant they stay.
RYEOL_RYUL = [
    ("효률", "효율"),  # 效率
    ("계렬", "계열"),  # 系列
    ("선률", "선율"),  # 旋律
    ("선렬", "선열"),  # 先烈
    ("백분률", "백분율"),  # 百分率
    ("일계렬", "일계열"),  # 一系列
    ("합격률", "합격률"),  # 合格率
    ("법률", "법률"),  # 法律
    ("행렬", "행렬"),  # 行列
    ("렬차", "렬차"),  # the first syllable is the initial sound law's
    ("천리", "천리"),  # only 렬 and 률
]


@pytest.mark.parametrize(("reading", "written"), RYEOL_RYUL)
def test_ryeol_ryul_after_a_vowel_or_nieun(reading: str, written: str) -> None:
    assert write_ryeol_ryul(reading) == written


# Non-standard transcriptions seen in news beside the 외래어 표기법 form (HANJA-NOTES §2):
# they must share a key with the standard spelling (right column).
SAME_KEY = [
    ("티엔", "톈"),
    ("쟈", "자"),
    ("이엔", "옌"),
    ("쩌", "저"),
    ("쥬", "주"),
    ("시아오", "샤오"),
    ("리앙", "량"),
    ("웨이", "위"),
    ("우이", "위"),
    ("애", "에"),
    ("얘", "예"),
    ("우어", "워"),
    ("쑨", "순"),
    ("뚜", "두"),
    ("꾸", "구"),
    ("빠", "바"),
    ("훼이", "후이"),
    ("지아", "자"),
    ("챠오", "차오"),
    ("치엔", "첸"),
    ("시에", "셰"),
    ("니엔", "녠"),
    ("션전", "선전"),
    ("떵시아오핑", "덩샤오핑"),
    ("쟝쩌민", "장쩌민"),
    ("티엔진", "톈진"),
    ("시이", "시"),
    ("AI타운", "AI타운"),
]


@pytest.mark.parametrize(("variant", "standard"), SAME_KEY)
def test_loose_key_merges_variants(variant: str, standard: str) -> None:
    assert loose_key(variant) == loose_key(standard)


# Different Mandarin sounds must keep different keys (외래어 표기법 표 5 distinguishes them).
DIFFERENT_KEY = [
    ("덩", "당"),
    ("항", "행"),
    ("저우", "자오"),
    ("선", "산"),
    ("마", "모"),
    ("샤오", "사오"),
    ("샹", "상"),
    ("슈", "수"),
    ("시안", "산"),
    ("류", "루"),
    ("베이", "비"),
    ("웨", "위"),
    ("지난", "진안"),
    ("선전", "선"),
    ("장", "잔"),
    ("톈", "텐"),
]


@pytest.mark.parametrize(("a", "b"), DIFFERENT_KEY)
def test_loose_key_keeps_different_sounds_apart(a: str, b: str) -> None:
    assert loose_key(a) != loose_key(b)


def test_loose_key_keeps_non_hangul() -> None:
    assert loose_key("") == ""
    assert loose_key("3갑").startswith("3")
    assert loose_key("AI타운").startswith("AI")
    assert loose_key("AI") == "AI"
    assert loose_key("마 윈") != loose_key("마윈")
