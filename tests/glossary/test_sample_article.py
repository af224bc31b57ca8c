"""The bundled sample article's complete expected glossary."""

from __future__ import annotations

import json
from pathlib import Path

from glossary import Glossary, glossary_to_dict
from glossary.sources.files import bundled_article_path

GOLDEN = Path(__file__).parent.parent / "data" / "hangzhou-ai-town.json"

# (hanja, gloss, kind, simplified, pinyin, Sino-Korean reading), checked by hand against
# the article: all twelve glossed terms, in order of first appearance.
EXPECTED = [
    ("鄧小平", "덩샤오핑", "transcription", "邓小平", "dèng xiǎo píng", "등소평"),
    (
        "三天一層樓",
        "사흘마다 건물 1층을 더 올린다",
        "translation",
        "三天一层楼",
        "sān tiān yī céng lóu",
        "삼천일층루",
    ),
    ("杭州", "항저우", "transcription", "杭州", "háng zhōu", "항주"),
    ("餘杭", "위항", "transcription", "余杭", "yú háng", "여항"),
    (
        "人工知能小鎭",
        "AI타운",
        "translation",
        "人工知能小镇",
        "rén gōng zhī néng xiǎo zhèn",
        "인공지능소진",
    ),
    ("馬雲", "마윈", "transcription", "马云", "mǎ yún", "마운"),
    ("未來科技成", "미래과기시티", "mixed", "未来科技成", "wèi lái kē jì chéng", "미래과기성"),
    ("夢想小鎭", "드림타운", "translation", "梦想小镇", "mèng xiǎng xiǎo zhèn", "몽상소진"),
    ("深睿", "선루이", "transcription", "深睿", "shēn ruì", "심예"),
    ("喬昕", "차오신", "transcription", "乔昕", "qiáo xīn", "교흔"),
    ("3甲", "3갑", "sino", "3甲", "3 jiǎ", "3갑"),
    ("浙江", "저장", "transcription", "浙江", "zhè jiāng", "절강"),
]


def test_all_twelve_glossed_terms(sample: Glossary) -> None:
    got = [(t.hanja, t.hangul, t.kind, t.simplified, t.pinyin, t.sino_korean) for t in sample.terms]
    assert got == EXPECTED


def test_offsets_slice_what_they_claim(sample: Glossary) -> None:
    text = sample.document.text
    for term in sample.terms:
        for occ in term.occurrences:
            assert text[occ.hanja_start : occ.hanja_end] == term.hanja
            assert occ.gloss_start is not None and occ.gloss_end is not None
            assert text[occ.gloss_start : occ.gloss_end] == term.hangul
            assert text[occ.start : occ.end].endswith(")")
            assert term.hangul in occ.sentence and term.hanja in occ.sentence
        for mention in term.mentions:
            assert text[mention.start : mention.end] == term.hangul


def test_what_is_not_picked_up(sample: Glossary) -> None:
    hanja = {t.hanja for t in sample.terms}
    glosses = {t.hangul for t in sample.terms}
    # Parentheses without hanja: (하), 인공지능(AI), 가상현실(VR), (약 1조8034억원)...
    assert not {"하", "AI", "VR", "AR", "인공지능", "가상현실"} & glosses
    assert all(any("\u4e00" <= c <= "\u9fff" for c in h) for h in hanja)
    # 선전 (Shenzhen) is never glossed in this article, so it is no term.
    assert "선전" not in glosses
    assert not [t for t in sample.terms if t.kind == "bare"]


def test_notes_and_particles(sample: Glossary) -> None:
    by_hanja = {t.hanja: t for t in sample.terms}
    assert by_hanja["3甲"].note == "최고등급"
    text = sample.document.text
    # 위항(餘杭)구: the suffix 구 stays outside the term, and both places are found.
    occs = by_hanja["餘杭"].occurrences
    assert [text[o.start : o.end + 1] for o in occs] == ["위항(餘杭)구", "위항(餘杭)구"]
    # 덩샤오핑(鄧小平)의: the particle is outside.
    (occ,) = by_hanja["鄧小平"].occurrences
    assert text[occ.start : occ.end] == "덩샤오핑(鄧小平)"


def test_later_mentions(sample: Glossary) -> None:
    counts = {t.hangul: len(t.mentions) for t in sample.terms}
    # 항저우 is glossed once and mentioned fifteen more times.
    assert counts["항저우"] == 15
    assert counts["저장"] == 11  # 저장대, 저장성
    assert counts["AI타운"] == 8
    assert counts["드림타운"] == 3
    assert counts["위항"] == 1  # 위항구, before the gloss
    assert counts["마윈"] == 1
    assert counts["덩샤오핑"] == 0


def test_per_character_breakdown(sample: Glossary) -> None:
    by_hanja = {t.hanja: t for t in sample.terms}
    chars = {c.char: c for c in by_hanja["深睿"].chars}
    assert (chars["深"].pinyin, chars["深"].sino_korean, chars["深"].hun_eum) == (
        "shēn",
        "심",
        "깊을 심",
    )
    assert [c.simplified for c in by_hanja["夢想小鎭"].chars] == ["梦", "想", "小", "镇"]
    assert [c.char for c in by_hanja["3甲"].chars] == ["甲"]


def test_golden_json(sample: Glossary) -> None:
    got = glossary_to_dict(sample)
    got["document"]["path"] = bundled_article_path().name
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))
