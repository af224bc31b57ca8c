"""Gloss forms from HANJA-NOTES section 1, each as its own case, at the candidate level."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.engine.extract import find_candidates, sentence_around
from glossary.engine.sentences import Sentences


def _found(text: str) -> list[tuple[str, str | None, str]]:
    out = []
    for c in find_candidates(text):
        assert 0 <= c.start <= c.hanja_start < c.hanja_end <= c.end <= len(text)
        gloss = None
        if c.gloss_start is not None and c.gloss_end is not None:
            assert c.start <= c.gloss_start < c.gloss_end <= c.end
            gloss = text[c.gloss_start : c.gloss_end]
        out.append((text[c.hanja_start : c.hanja_end], gloss, c.note))
    return out


# HANJA-NOTES section 1, "What a gloss looks like in Korean text".
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("덩샤오핑(鄧小平)의 개혁", [("鄧小平", "덩샤오핑", "")]),
        ("위항(餘杭)구에", [("餘杭", "위항", "")]),
        ("선루이(深睿)의료 공동창업자", [("深睿", "선루이", "")]),
        (
            "‘사흘마다 건물 1층을 더 올린다(三天一層樓)’는 구호",
            [("三天一層樓", "사흘마다 건물 1층을 더 올린다", "")],
        ),
        ("‘선전 속도’(深圳速度)를", [("深圳速度", "선전 속도", "")]),
        ("3갑(3甲·최고등급)의료원", [("3甲", "3갑", "최고등급")]),
        ("이치다중(一汽大衆∙FAW-폭스바겐)과", [("一汽大衆", "이치다중", "FAW-폭스바겐")]),
        ("인공지능(人工知能, 이하 ‘AI’)은", [("人工知能", "인공지능", "이하 ‘AI’")]),
        ("AI타운(人工知能小鎭)이", [("人工知能小鎭", "AI타운", "")]),
        ("漢字(한자)는", [("漢字", "한자", "")]),
        ("高弟(고제·뛰어난 제자)", [("高弟", "고제", "뛰어난 제자")]),
        ("일대일로((一帶一路)) 구상", [("一帶一路", "일대일로", "")]),
        ("베이징（北京）에서", [("北京", "베이징", "")]),
        (
            "(리밍(李明), 왕팡(王芳) 기자)",
            [("李明", "리밍", ""), ("王芳", "왕팡", "")],
        ),
        ("우한(武汉)에서", [("武汉", "우한", "")]),
        ("中 경제, 韓美 정상, 新발전", [("中", None, ""), ("韓美", None, ""), ("新", None, "")]),
        ("G20정상회의(G20峰會)", [("G20峰會", "G20정상회의", "")]),
        # Glosses nested in another gloss's note are terms of their own.
        ("조대비(趙大妃, 익종비(翼宗妃))에", [("趙大妃", "조대비", ""), ("翼宗妃", "익종비", "")]),
        ("사색(四色, 남(南)·북(北))을", [("四色", "사색", ""), ("南", "남", ""), ("北", "북", "")]),
        # A dot inside a name joins its parts on both sides.
        (
            "아부라이티·투얼순(阿布來提·吐爾遜) 위원장",
            [("阿布來提·吐爾遜", "아부라이티·투얼순", "")],
        ),
        ("박갑수(朴甲洙.교육학)교수", [("朴甲洙", "박갑수", "교육학")]),
        # A stray closing quote: the word before it is the gloss.
        ("“궁예”(弓裔) 시절의 신라”(新羅)를", [("弓裔", "궁예", ""), ("新羅", "신라", "")]),
    ],
)
def test_gloss_forms(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert _found(text) == expected


# HANJA-NOTES section 1, last row: parentheses without hanja are never terms.
@pytest.mark.parametrize(
    "text",
    [
        "(하)",
        "(목)",
        "(VR)",
        "(약 1조8034억원)",
        "(APEC)",
        "(자료 사진)",
        "인공지능(AI)",
        "()",
        ")(",
    ],
)
def test_parentheses_without_hanja_are_not_terms(text: str) -> None:
    assert find_candidates(text) == []


def test_occurrence_covers_gloss_and_parenthesis() -> None:
    text = "중국 덩샤오핑(鄧小平)의 개혁"
    (c,) = find_candidates(text)
    assert text[c.start : c.end] == "덩샤오핑(鄧小平)"


def test_broken_parenthesis_leaves_bare_hanja() -> None:
    text = "덩샤오핑(鄧小平의 개혁"
    assert _found(text) == [("鄧小平", None, "")]


def test_unmatched_parentheses_are_linear_and_harmless() -> None:
    text = "(" * 100_000 + "鄧小平" + ")" * 3
    found = find_candidates(text)
    assert [text[c.hanja_start : c.hanja_end] for c in found] == ["鄧小平"]


def test_parenthesis_does_not_cross_lines() -> None:
    assert _found("덩샤오핑(鄧小平\n)") == [("鄧小平", None, "")]


def test_sentence_is_cut_at_sentence_ends_and_lines() -> None:
    text = "첫 문장이다. 덩샤오핑(鄧小平)의 도시다. 다음 문장.\n다른 줄"
    start = text.index("덩")
    assert sentence_around(text, start, start + 4) == "덩샤오핑(鄧小平)의 도시다."


# Texts at the edges of the shortcut for word(漢字): the general rules must agree with it.
SHORTCUT_EDGES = [
    "덩샤오핑(鄧小平)의 개혁",
    "항저우(杭州)",
    "가(甲)나(乙)다(丙)",
    "A항저우(杭州)에서",
    "3갑(3甲)과 갑(甲)",
    "‘드림타운(夢想小鎭)’에",
    "“드림타운(夢想小鎭)”이라는",
    "'드림 타운(夢想小鎭)'",
    "항저우(杭州)(杭州)",
    "(항저우(杭州))",
    "항저우 (杭州)",
    "항저우(杭州·항주)",
    "항저우(杭州\n)",
    "항저우((杭州))",
    "中 항저우(杭州)",
    "㐀가(㐀)",
    "가" * 200 + "(漢)",
    *(" " + "가" * n + "(漢)" for n in range(156, 165)),
    *("가" * n + "(漢)" for n in range(156, 165)),
    "가(" + "漢" * 33 + ")",
    "가(" + "漢" * 32 + ")",
    "시진핑(習近平) 주석(主席)",
    "𠀀가(漢)와 나(𠀀)",
    "（항저우(杭州)）",
    "항저우(杭州)」",
    "2월27일자(水) 물(水)",
    "파벌(고치카이, 宏池会)",
    "‘통리(統理) 및 통할(統轄)’",
]


@pytest.mark.parametrize("text", SHORTCUT_EDGES)
def test_the_shortcut_for_word_and_hanja_agrees_with_the_general_rules(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import glossary.engine.extract

    fast = find_candidates(text)
    # With no word read back from the parenthesis, every run takes the general rules.
    monkeypatch.setattr(glossary.engine.extract, "_WORD_BACKWARDS", re.compile("(?!)"))
    assert find_candidates(text) == fast


def test_the_shortcut_agrees_with_the_general_rules_on_the_bundled_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import glossary.engine.extract
    from glossary.sources.files import read_document

    text = read_document(None).text
    fast = find_candidates(text)
    assert sum(c.gloss_start is not None for c in fast) >= 12
    monkeypatch.setattr(glossary.engine.extract, "_WORD_BACKWARDS", re.compile("(?!)"))
    assert find_candidates(text) == fast


@pytest.mark.parametrize(
    ("text", "gloss", "quoted"),
    [
        ("그는 ‘사흘마다\n건물 1층을 올린다(三天一層樓)’고", "올린다", False),  # Not across lines.
        ("“가 ‘나 다(漢字)’라고", "나 다", True),  # The nearest opener.
        ("‘가’ 나 다(漢字)’라고", "다", False),  # A closer stands between.
        ("‘나 다(漢字)”라고", "다", False),  # Quotes that do not pair.
        ("‘다(漢字)’", "다", True),
        ("x‘ 다(漢字)’", "다", False),  # Only a space inside the quote before the word.
    ],
)
def test_a_quoted_phrase_is_the_gloss_only_when_its_quotes_pair_on_one_line(
    text: str, gloss: str, quoted: bool
) -> None:
    (c,) = find_candidates(text)
    assert c.gloss_start is not None
    assert (text[c.gloss_start : c.gloss_end], c.quoted) == (gloss, quoted)


def test_runs_far_from_any_parenthesis_are_bare_as_the_full_rules_find(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Runs with no parenthesis near are taken as bare at once, and a rule is skipped where
    its parenthesis cannot be; the full rules agree, in Korean and in Chinese documents."""
    import random

    from glossary.engine import extract

    rng = random.Random(18)
    pieces = [
        "항저우", "위항", "파벌", "일본어: ", "STATE GRID·", " ", ", ", "·", "(", ")", "（", "）",
        "杭州", "餘杭", "宏池会", "國家電網", "我们要坚持改革开放", "水", "2월27일자", "한자", "。",
        "\n", "中心" * 20, "가" * 40,
    ]  # fmt: skip
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        others: list[tuple[int, int]] = []
        quick = extract.find_visible_candidates(text), extract.find_visible_candidates(text, others)
        with monkeypatch.context() as patched:
            # Never far: every rule for every run.
            for name in ("REACH", "LABEL_REACH", "INSIDE_REACH"):
                patched.setattr(extract, name, len(text) + 10**6)
            every: list[tuple[int, int]] = []
            full = (
                extract.find_visible_candidates(text),
                extract.find_visible_candidates(text, every),
            )
            assert (quick, others) == (full, every), text


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("杭州。. 가\n!”"), max_size=80),
    st.lists(st.integers(0, 80), max_size=12),
    st.integers(1, 4),
    st.integers(1, 12),
)
def test_the_sentences_of_many_words_are_each_words_sentence(
    text: str, starts: list[int], length: int, limit: int
) -> None:
    # A Chinese document's JSON reads a word's sentences in one loop: the same as one by one.
    sentences = Sentences(text, limit)
    starts = sorted(s for s in starts if s + length <= len(text))
    one_by_one = [Sentences(text, limit).around(s, s + length) for s in starts]
    assert list(sentences.of_words(starts, length)) == one_by_one
    assert list(sentences.of_words(starts, length)) == one_by_one  # Its caches change nothing.
