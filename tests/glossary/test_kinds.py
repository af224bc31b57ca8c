"""Kinds of gloss (HANJA-NOTES section 2), trimming, and readings (section 4 pitfalls)."""

from __future__ import annotations

import pytest

from glossary import Enricher, Term, extract_text


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher()


def _term(text: str, enricher: Enricher) -> Term:
    (term,) = extract_text(text, enricher).terms
    return term


# HANJA-NOTES section 2 and 외래어 표기법 제4장 제2절 (past people and old places take
# Sino-Korean readings; modern ones the Mandarin transcription).
@pytest.mark.parametrize(
    ("text", "gloss", "kind", "matches"),
    [
        ("덩샤오핑(鄧小平)", "덩샤오핑", "transcription", ("transcription",)),
        ("항저우(杭州)", "항저우", "transcription", ("transcription",)),
        ("마윈(馬雲)", "마윈", "transcription", ("transcription",)),
        ("갑(甲)", "갑", "sino", ("sino",)),
        ("대통령(大統領)", "대통령", "sino", ("sino",)),
        ("공자(孔子)", "공자", "sino", ("sino",)),
        ("상해(上海)", "상해", "sino", ("sino",)),
        ("상하이(上海)", "상하이", "transcription", ("transcription",)),
        ("드림타운(夢想小鎭)", "드림타운", "translation", ()),
        ("미래과기시티(未來科技成)", "미래과기시티", "mixed", ()),
        ("베이징대(北京大)", "베이징대", "mixed", ()),
        ("시진핑 주석(習近平 主席)", "시진핑 주석", "mixed", ()),
        ("漢字(한자)", "한자", "sino", ("sino",)),
        # Both readings match: reported, not guessed.
        ("한(韓)", "한", "sino", ("sino", "transcription")),
    ],
)
def test_kinds(
    text: str, gloss: str, kind: str, matches: tuple[str, ...], enricher: Enricher
) -> None:
    term = _term(text, enricher)
    assert (term.hangul, term.kind, term.matches) == (gloss, kind, matches)


def test_both_readings_are_reported_in_the_note(enricher: Enricher) -> None:
    assert "both" in _term("한(韓)", enricher).kind_note


# HANJA-NOTES section 2: real text uses non-standard transcriptions (티엔 for 톈, 쟈 for
# 자, 이엔 for 옌, tense consonants); flag them with the standard form.
@pytest.mark.parametrize(
    ("text", "standard"),
    [
        ("티엔진(天津)", "톈진"),
        ("티엔안먼(天安門)", "톈안먼"),
        ("쟈오(焦)", "자오"),
        ("쭝궈(中國)", "중궈"),
    ],
)
def test_non_standard_transcription_is_flagged(
    text: str, standard: str, enricher: Enricher
) -> None:
    term = _term(text, enricher)
    assert term.kind == "transcription"
    assert term.mandarin_hangul == standard
    assert f"standard form is {standard}" in term.kind_note


def test_partial_mixed_names_the_reading_part(enricher: Enricher) -> None:
    note = _term("미래과기시티(未來科技成)", enricher).kind_note
    assert "미래과기" in note and "未來科技" in note and "Sino-Korean" in note


# HANJA-NOTES section 1: hanja that cover only the end of a word; trim by aligning readings.
@pytest.mark.parametrize(
    ("text", "gloss"),
    [
        ("서울시청(市廳)에서", "시청"),
        ("전주석덩샤오핑(鄧小平)", "덩샤오핑"),
        ("AI타운(人工知能小鎭)", "AI타운"),  # A translation is never trimmed.
    ],
)
def test_gloss_is_trimmed_to_what_the_hanja_explain(
    text: str, gloss: str, enricher: Enricher
) -> None:
    term = _term(text, enricher)
    assert term.hangul == gloss
    (occ,) = term.occurrences
    assert text[occ.start : occ.end] == f"{gloss}({term.hanja})"


# HANJA-NOTES section 4: word list before characters; 두음법칙 only at the start of a word
# (한글 맞춤법 제10-12항).
@pytest.mark.parametrize(
    ("hanja", "reading"),
    [
        ("音樂", "음악"),
        ("李明", "이명"),
        ("管理", "관리"),
        ("理論", "이론"),
        ("女子", "여자"),
        ("勞動", "노동"),
        ("鄧小平", "등소평"),
        ("人工知能", "인공지능"),
        ("人工知能小鎭", "인공지능소진"),
        ("3甲", "3갑"),
    ],
)
def test_sino_korean_reading(hanja: str, reading: str, enricher: Enricher) -> None:
    assert enricher.sino_reading(hanja) == reading


def test_sino_gloss_is_trusted_over_characters(enricher: Enricher) -> None:
    # 金日成 is not in the word list; per character 金 reads 금 first.
    term = _term("김일성(金日成)", enricher)
    assert term.sino_korean == "김일성"
    assert term.chars[0].sino_korean == "김"
    assert "김" in term.chars[0].hun_eum


# HANJA-NOTES section 4: pypinyin must read the simplified word with phrase context.
@pytest.mark.parametrize(
    ("hanja", "pinyin", "numbered"),
    [
        ("長城", "cháng chéng", "chang2 cheng2"),
        ("音樂", "yīn yuè", "yin1 yue4"),
        ("重慶", "chóng qìng", "chong2 qing4"),
        ("銀行", "yín háng", "yin2 hang2"),
    ],
)
def test_pinyin_uses_phrase_context(
    hanja: str, pinyin: str, numbered: str, enricher: Enricher
) -> None:
    term = _term(f"{hanja} 이야기", enricher)
    assert (term.pinyin, term.pinyin_numbered) == (pinyin, numbered)


# HANJA-NOTES section 4: Korean variant shapes that OpenCC t2s does not map.
@pytest.mark.parametrize(
    ("hanja", "traditional", "simplified"),
    [
        ("硏究", "研究", "研究"),
        ("淸州", "清州", "清州"),
        ("靑瓦臺", "青瓦臺", "青瓦台"),
        ("小鎭", "小鎮", "小镇"),
        ("武汉", "武漢", "武汉"),
    ],
)
def test_variant_shapes(hanja: str, traditional: str, simplified: str, enricher: Enricher) -> None:
    info = enricher.info(hanja)
    assert (info.traditional, info.simplified) == (traditional, simplified)


def test_compatibility_ideograph_keeps_original_and_reading(enricher: Enricher) -> None:
    # U+F914 is 樂 as KS X 1001 encodes it under the reading 낙 (樂園 낙원).
    compat = "\uf914"
    term = _term(f"낙({compat})", enricher)
    assert term.hanja == compat
    assert term.simplified == "乐"
    assert term.traditional == "樂"
    assert term.kind == "sino"


# Spellings one jamo edit from the standard, seen in real news (자여우 for 加油 jiāyóu).
@pytest.mark.parametrize(
    ("text", "standard"),
    [("자여우(加油)", "자유"), ("롱강(龍崗)", "룽강"), ("장유사(张又侠)", "장유샤")],
)
def test_near_transcription_is_non_standard_not_mixed(
    text: str, standard: str, enricher: Enricher
) -> None:
    term = _term(text, enricher)
    assert term.kind == "transcription"
    assert term.kind_note.endswith(f"the standard form is {standard}")


def test_near_does_not_swallow_translations(enricher: Enricher) -> None:
    assert _term("드림타운(夢想小鎭)", enricher).kind == "translation"
    assert _term("아들(兒子)", enricher).kind != "transcription"


def test_yeol_yul_after_a_vowel(enricher: Enricher) -> None:
    # 한글 맞춤법 제11항 붙임 1: 렬/률 are written 열/율 after a vowel or ㄴ.
    assert _term("효율(效率)", enricher).kind == "sino"
    assert _term("비율(比率)", enricher).kind == "sino"


def test_gloss_takes_preceding_words_the_hanja_spell(enricher: Enricher) -> None:
    term = _term("그때 진 소왕(秦昭王)이 말했다", enricher)
    assert (term.hangul, term.kind) == ("진 소왕", "sino")
    # A word the hanja do not spell stays outside.
    assert _term("중국 덩샤오핑(鄧小平)", enricher).hangul == "덩샤오핑"


# 외래어 표기법 writes -ong as 웅; news often writes 옹 (동, 종, 롱): non-standard, not mixed.
@pytest.mark.parametrize(
    ("text", "standard"),
    [
        ("장즈동(张志东)", "장즈둥"),
        ("농푸산취안(農夫山泉)", "눙푸산취안"),
        ("종산산(钟睒睒)", "중산산"),
    ],
)
def test_ong_spelled_with_o(text: str, standard: str, enricher: Enricher) -> None:
    term = _term(text, enricher)
    assert (term.kind, term.mandarin_hangul) == ("transcription", standard)
    assert "non-standard" in term.kind_note


def test_other_reading_of_a_character(enricher: Enricher) -> None:
    # 長 reads zhǎng alone but cháng in names and words; 曾 is zēng as a surname.
    for text in ("창(長)", "쩡칭훙(曾慶紅)"):
        term = _term(text, enricher)
        assert term.kind == "transcription"
        assert "another reading" in term.kind_note


def test_reading_plus_sino_suffix_stays_mixed(enricher: Enricher) -> None:
    assert _term("베이징대(北京大)", enricher).kind == "mixed"
