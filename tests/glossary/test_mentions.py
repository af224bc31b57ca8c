"""Mentions that are the term, and homographs that are not (issue 17 §3, HANJA-NOTES §4).

Each case is a text holding a gloss and one later place marked ``[[...]]``; the place must be a
certain link, a guess (``Mention.certain`` False) or no mention at all. Sentences marked with a
source are quoted from published text (the files of ``bench/mentions`` and ``bench/eval3`` name
the pages); the others are everyday phrases that show one rule.
"""

from __future__ import annotations

import pytest

from glossary.engine.hanjadict import hanja_dictionary
from glossary.engine.mentions import find_mentions, rivals
from glossary.harvest import build_glossary
from glossary.sources.files import document_from_text

CERTAIN, GUESS, DROPPED = "certain", "guess", "dropped"

CASES = [
    # 저장 = 浙江 (Zhejiang) and 貯藏 (storage).
    (
        "저장(浙江)성 항저우에서 온 그는 파일을 [[저장]]했다.",
        DROPPED,
        "a verb ending after a place name: 저장하다 is 貯藏",
    ),
    (
        "저장(浙江)성 기업들은 에너지 [[저장]] 공간을 늘렸다.",
        DROPPED,
        "에너지 before it: 에너지 저장 is energy storage",
    ),
    ("저장(浙江)성 업체의 대용량 [[저장]] 장치.", DROPPED, "대용량 ... 장치 go with 貯藏"),
    (
        "클러스터는 항저우시와 저장(浙江)성의 전폭적인 지원을 받고 있다. "
        "[[저장]]성 정부는 “향후 3년간 투자하겠다”고 밝혔다.",
        CERTAIN,
        "성 names the province (seeds/hangzhou-ai-town.txt)",
    ),
    (
        "저장(浙江)성 대표단이 왔다. 지난달 [[저장]]에서 열린 회의에서 합의했다.",
        CERTAIN,
        "에서 after a place",
    ),
    (
        "저장(浙江)성의 전체 전력 설비용량이 늘었다. "
        "피크 시간대에는 [[저장]]된 전기 에너지를 쓴다.",
        DROPPED,
        "저장된 is 貯藏 (bench/eval3 c3_01, economidaily)",
    ),
    (
        "저장(浙江)성은 배터리, 에너지 저장 등 산업사슬을 형성했다. 시 주석은 [[저장]]과 신장 간 "
        "경제협력을 논의했다.",
        GUESS,
        "nothing around it, and the same text uses 저장 as storage (bench/mentions m02, m04)",
    ),
    (
        "시 총서기는 저장(浙江)성에서 재직하던 시절 [[저장]]과 신장(新疆) 간 경제협력을 추진했다.",
        CERTAIN,
        "nothing around it and no other use of 저장 in the text (bench/mentions m04)",
    ),
    # 선전 = 深圳 (Shenzhen) and 宣傳 (propaganda).
    (
        "광둥성 선전(深圳)은 대도시다. 공산당의 [[선전]] 활동이 늘었다.",
        DROPPED,
        "선전 활동 is 宣傳",
    ),
    (
        "광둥성 선전(深圳)은 대도시다. 그는 정부 정책을 [[선전]]하는 일을 맡았다.",
        DROPPED,
        "a verb ending: 선전하다 is 宣傳",
    ),
    (
        "선전(深圳)에서 박람회가 열린다. 광둥성과 [[선전]]시 인민정부가 공동으로 주최한다.",
        CERTAIN,
        "시 names the city (shanghaibang.com news 1656)",
    ),
    (
        "선전(深圳)에서 박람회가 열린다. 선전시 시상무위원 [[선전]]부 부장을 맡고 있는 왕징성 씨가 "
        "방한한다.",
        DROPPED,
        "선전부 is the propaganda department (shanghaibang.com news 1656)",
    ),
    (
        "광둥성 선전(深圳)은 중국의 실리콘밸리다. [[선전]]에 본사를 둔 화웨이가 발표했다.",
        CERTAIN,
        "a particle only, and no propaganda in the text",
    ),
    (
        "선전(宣傳)의 역사는 길다. 공산당의 [[선전]] 활동이 늘었다.",
        CERTAIN,
        "the text glosses the everyday word itself: 선전 is the term",
    ),
    # 지난 = 濟南 (Jinan) and the native 지난 (past).
    (
        "아시아나항공이 지난(濟南)에 취항한다. [[지난]]해 8월 17일 드론으로 내려다봤다.",
        DROPPED,
        "지난해 is last year (bench/mentions m02, m13)",
    ),
    (
        "아시아나항공이 지난(濟南)에 취항한다. 지난 18일 발표했다. 인천을 출발해 중국 [[지난]]을 "
        "왕복한다.",
        CERTAIN,
        "the native 지난 never takes a particle: 지난을 is the city",
    ),
    (
        "아시아나항공이 지난(濟南)에 취항한다. [[지난]] 18일 발표했다.",
        DROPPED,
        "지난 before a date is the past",
    ),
    # A gloss whose last word is one syllable: 한 정(韓正).
    (
        "상무위원으로 선출된 한 정(韓正·63)은 상하이 토박이다. 장쩌민 전 주석을 중심으로 [[한 정]]"
        "파인 상하이방으로 분류된다.",
        GUESS,
        "한 정파 is 'a faction' (bench/mentions m01, yna.co.kr)",
    ),
    (
        "상무위원으로 선출된 한 정(韓正·63)은 상하이 토박이다. "
        "[[한 정]]은 각종 회의석상에서 지지를 밝혀왔다.",
        CERTAIN,
        "a particle closes the name (bench/mentions m01)",
    ),
    # Other everyday words.
    (
        "한정(韓正) 부총리가 선출됐다. [[한정]]된 자원을 나눠야 한다.",
        DROPPED,
        "한정되다 is 限定 (limited), though 한정 is 韓正's own reading",
    ),
    (
        "랴오닝성 선양(瀋陽)에서 열렸다. 선수들은 국위 [[선양]]에 힘썼다.",
        DROPPED,
        "국위 선양 is 宣揚",
    ),
    (
        "후난성 창사(長沙)시가 발표했다. 회사는 [[창사]] 이래 최대 실적을 올렸다.",
        DROPPED,
        "창사 이래 is 創社 (since the founding)",
    ),
    (
        "후난(湖南)성 창사(長沙)시가 도약에 나선다. "
        "[[창사]]는 글로벌 R&D 중심 도시 건설을 향해 전력을 다하고 있다.",
        CERTAIN,
        "bench/mentions m07 (joongang.co.kr)",
    ),
    # A Sino-Korean gloss used as a verb is the same word.
    (
        "사은사 김호가 진하(進賀)할 것을 알려준 진호의 일을 아뢰다. 진하하는 일은 차견(差遣)하여 "
        "[[진하]]하라 하였다.",
        CERTAIN,
        "진하하다 is 進賀 itself (bench/eval3 c5_01, 조선왕조실록)",
    ),
    ("우한(武漢)에서 시작됐다. [[우한]]에서 온 사람들.", CERTAIN, "우한 is no everyday word"),
]


def _case(text: str) -> tuple[str, int, int]:
    start = text.index("[[")
    end = text.index("]]") - 2
    return text.replace("[[", "", 1).replace("]]", "", 1), start, end


@pytest.mark.parametrize(("raw", "expected", "why"), CASES, ids=[c[2] for c in CASES])
def test_mention_is_judged_by_the_words_around_it(raw: str, expected: str, why: str) -> None:
    text, start, end = _case(raw)
    glossary = build_glossary(document_from_text(text), dictionary=False)
    status = DROPPED
    for term in glossary.terms:
        for m in term.mentions:
            if (m.start, m.end) == (start, end):
                status = CERTAIN if m.certain else GUESS
    assert status == expected, why


def test_a_mention_starts_a_word_and_may_run_on() -> None:
    # seeds/hangzhou-ai-town.txt: 알리바바-저장대 and 저장대의 are 浙江 (Zhejiang University).
    text = "저장(浙江)성. 알리바바-저장대 연구센터와 저장대의 지원. 우리가 저장하다."
    found = find_mentions(text, [("저장", "浙江")], [(0, 6)])
    starts = [m.start for m in found[("浙江", "저장")]]
    assert starts == [text.index("저장대"), text.index("저장대의")]


def test_glosses_shorter_than_two_syllables_and_glossed_places_are_not_mentions() -> None:
    text = "갑(甲)과 을. 갑은 저장(浙江)성. 저장(浙江)"
    first, second = text.index("저장"), text.rindex("저장")
    glossed = [(0, 4), (first, first + 6), (second, second + 6)]
    assert find_mentions(text, [("갑", "甲"), ("저장", "浙江")], glossed) == {}


@pytest.mark.parametrize("hangul", sorted(rivals()))
def test_every_rival_is_a_word_of_the_shipped_list_under_that_reading(hangul: str) -> None:
    rival = rivals()[hangul]
    for hanja in rival.hanja:  # 지난 (past) is native: no hanja to check.
        assert hangul in hanja_dictionary().word_readings(hanja), hanja
