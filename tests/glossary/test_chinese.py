"""Chinese forms and pinyin: the fast reading path agrees with pypinyin's own API."""

from __future__ import annotations

from typing import Any

import pytest
from pypinyin import Style, pinyin

from glossary.engine.chinese import pinyin_of, readings_of, to_simplified, to_traditional

WORDS = [
    "邓小平", "杭州", "长城", "重庆", "银行", "音乐", "行长", "人民银行行长", "中华人民共和国",
    "重庆市长", "三天一层楼", "未来科技成", "人工知能小镇", "乔昕", "深睿", "长春", "朝阳",
    "曾庆红", "单于", "乐山", "觉得", "还是", "3甲", "G20峰会", "了解", "都市", "首都",
]  # fmt: skip


@pytest.mark.parametrize("word", WORDS)
def test_pinyin_matches_pypinyin(word: str) -> None:
    keep: Any = list
    expected = [s[0] for s in pinyin(word, style=Style.TONE, errors=keep)]
    assert list(pinyin_of(word).marked) == expected


def test_numbered_and_plain() -> None:
    got = pinyin_of("绿女吕")
    assert got.numbered == ("lü4", "nü3", "lü3")
    assert got.plain == ("lü", "nü", "lü")
    assert pinyin_of("的").numbered == ("de5",)


def test_other_readings() -> None:
    assert set(readings_of("长")) == {"zhang", "chang"}
    assert readings_of("a") == ()


@pytest.mark.parametrize(
    ("korean", "traditional", "simplified"),
    [
        ("鄧小平", "鄧小平", "邓小平"),
        ("硏究", "研究", "研究"),
        ("武汉", "武漢", "武汉"),
        # Korean shapes OpenCC leaves alone: 选擧 and 鑛山 were half or not converted.
        ("選擧", "選舉", "选举"),
        ("鑛山", "礦山", "矿山"),
        ("民衆", "民眾", "民众"),
        ("豊年", "豐年", "丰年"),
        # 鎔 is 镕's traditional shape, not only a variant of 熔: a name keeps it.
        ("朱鎔基", "朱鎔基", "朱镕基"),
    ],
)
def test_forms(korean: str, traditional: str, simplified: str) -> None:
    assert to_traditional(korean) == traditional
    assert to_simplified(traditional) == simplified


def test_korean_shapes_leave_every_simplified_cedict_word_as_it_is(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # A Korean shape is mapped to its Chinese one before converting (擧 to 舉): never a
    # shape that a simplified CC-CEDICT word keeps (宏碁, Acer, would become 宏棋). The
    # shapes' own entries ("variant of 舉") are no words.
    import sqlite3

    from glossary.engine.cjk import KOREAN_VARIANTS
    from tests.glossary.cedict_support import real_index

    index = real_index(tmp_path_factory)
    with sqlite3.connect(index.path) as conn:
        rows = conn.execute("SELECT DISTINCT simplified FROM entries WHERE length(simplified) > 1")
        words = [w for (w,) in rows]
    shapes = set(KOREAN_VARIANTS)
    held = [w for w in words if not shapes.isdisjoint(w)]
    assert held  # 恒, 强 and 册 are simplified shapes too.
    assert [w for w in held if to_simplified(w) != w] == []
