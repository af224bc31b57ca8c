"""Japanese readings in Korean text: 다카이치 사나에(高市早苗) follows the Japanese sound.

Sources: 외래어 표기법 제2장 표 4 (일본어의 가나와 한글 대조표) and 제3장 제3절 (일본어의 표기:
촉음 ㅅ, 장모음은 따로 표기하지 않는다); HANJA-NOTES.md §3b for the examples.
"""

from __future__ import annotations

import pytest

from glossary import Document, build_glossary
from glossary.engine import japanese
from glossary.engine.enrich import Enricher
from glossary.engine.kana import kana_to_hangul, loose_keys, to_hiragana, to_romaji


@pytest.mark.parametrize(
    ("kana", "hangul"),
    [
        ("たかいち", "다카이치"),  # か inside a word: 카; ち inside: 치
        ("かんさい", "간사이"),  # か first: 가; ん: final ㄴ
        ("とうきょう", "도쿄"),  # long vowels are not written
        ("おおさか", "오사카"),
        ("ほっかいどう", "홋카이도"),  # っ: final ㅅ
        ("きたきゅうしゅう", "기타큐슈"),
        ("つしま", "쓰시마"),  # つ is 쓰
        ("ちば", "지바"),  # ち first: 지
        ("じょう", "조"),  # ㅈ takes no glide: じょ 조
        ("えいさく", "에이사쿠"),  # えい keeps its い in usage (사토 에이사쿠)
    ],
)
def test_kana_are_spelled_by_the_standard(kana: str, hangul: str) -> None:
    assert kana_to_hangul(kana) == hangul


def test_romaji_and_hiragana() -> None:
    assert to_romaji("たかいち さなえ") == "takaichi sanae"
    assert to_romaji("とうきょう") == "tōkyō"
    assert to_romaji("ほっかいどう") == "hokkaidō"
    assert to_romaji("しんぞう") == "shinzō"
    assert to_hiragana("タカイチ") == "たかいち"


@pytest.mark.parametrize(
    ("written", "standard"),
    [
        ("타니가키", "다니가키"),
        ("사토우", "사토"),
        ("요해이", "요헤이"),
        ("가토우", "가토"),
        ("츠시마", "쓰시마"),
    ],
)
def test_usual_variant_spellings_meet_the_standard(written: str, standard: str) -> None:
    assert loose_keys(written) == loose_keys(standard)


@pytest.mark.parametrize("pair", [("도쿄", "도코"), ("기시다", "기사다"), ("사나에", "사나")])
def test_different_sounds_stay_apart(pair: tuple[str, str]) -> None:
    assert loose_keys(pair[0]) != loose_keys(pair[1])


@pytest.mark.parametrize(
    ("gloss", "hanja", "kind", "reading"),
    [
        ("다카이치 사나에", "高市早苗", "transcription", "たかいち さなえ"),
        ("기시다 후미오", "岸田文雄", "transcription", "きしだ ふみお"),
        ("스가 요시히데", "菅義偉", "transcription", "すが よしひで"),  # 菅 is also かん
        ("도쿄", "東京", "transcription", "とうきょう"),
        ("긴키", "近畿", "transcription", "きんき"),
        ("간사이", "関西", "transcription", "かんさい"),  # shinjitai
        ("기나이", "畿內", "transcription", "きない"),  # Korean shape of 内
        ("나니와쿄", "難波京", "transcription", "なにわきょう"),
        ("다케시다파", "竹下派", "mixed", "たけしたは"),  # 파 is the Korean word 派
        ("긴키 지방", "近畿地方", "mixed", "きんき ちほう"),
        ("도쿄도", "東京都", "mixed", "とうきょうと"),
        ("사토 에사쿠", "佐藤 栄作", "transcription", "さとう えいさく"),  # long vowel dropped
    ],
)
def test_a_gloss_in_japanese_is_a_japanese_reading(
    gloss: str, hanja: str, kind: str, reading: str
) -> None:
    enricher = Enricher()
    found = enricher.classify(gloss, hanja)
    assert (found.kind, found.language, found.spelled) == (kind, "ja", True)
    match = enricher.japanese(gloss, hanja)
    assert match is not None and match.reading == reading


def test_a_surname_gloss_of_a_full_name_says_so() -> None:
    match = Enricher().japanese("기시다", "岸田文雄")
    assert match is not None and match.reading == "きしだ ふみお"
    assert "reads only 岸田" in match.note


def test_a_non_standard_spelling_names_the_standard_one() -> None:
    match = Enricher().japanese("다케시다파", "竹下派")
    assert match is not None and "다케시타파" in match.note


@pytest.mark.parametrize(
    ("gloss", "hanja", "language"),
    [
        ("항저우", "杭州", "zh"),  # Mandarin first: a Chinese name is never read in Japanese
        ("저장", "浙江", "zh"),
        ("대통령", "大統領", "ko"),
        ("드림타운", "夢想小鎭", ""),  # a translation: no Japanese dictionary is opened for it
        ("미래과기시티", "未來科技成", "ko"),
    ],
)
def test_other_glosses_keep_their_language(gloss: str, hanja: str, language: str) -> None:
    text = f"{gloss}({hanja})가 있다."
    (term,) = build_glossary(Document(text, "t"), dictionary=False).terms
    assert term.reading_language == language


def test_the_term_carries_the_reading_and_the_chinese_forms() -> None:
    text = "일본 간사이(関西) 지방과 총리 다카이치 사나에(高市早苗)가 말했다."
    terms = build_glossary(Document(text, "t"), dictionary=False).terms
    kansai, takaichi = terms
    assert (kansai.kind, kansai.reading_language) == ("transcription", "ja")
    assert (kansai.japanese_reading, kansai.japanese_romaji) == ("かんさい", "kansai")
    # Shinjitai 関 has the traditional 關 and the simplified 关, like any hanja.
    assert (kansai.traditional, kansai.simplified) == ("關西", "关西")
    assert kansai.chars[0].char == "関"
    assert takaichi.hangul == "다카이치 사나에"
    assert takaichi.japanese_romaji == "takaichi sanae"


def test_without_a_japanese_dictionary_nothing_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(japanese, "_dictionary", lambda: None)
    found = Enricher().classify("간사이", "関西")
    assert (found.kind, found.language) == ("translation", "")


def test_the_table_says_a_gloss_follows_the_japanese_reading() -> None:
    from glossary.cli.formats import render_table

    text = "총리 다카이치 사나에(高市早苗)와 항저우(杭州)."
    table = render_table(build_glossary(Document(text, "t"), dictionary=False), width=100)
    takaichi, hangzhou = table.splitlines()[2:4]
    assert "transcription (ja)" in takaichi
    assert "(ja)" not in hangzhou
