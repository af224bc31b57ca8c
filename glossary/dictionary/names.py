"""Step 4 of segmentation: a common surname with one or two unknown characters is a name.

See :mod:`glossary.dictionary.segment` (汪文斌, 石承承; not 一|张, where 张 is a measure word).
"""

from __future__ import annotations

__all__ = ["NOT_BEFORE_NAME", "NOT_IN_NAME", "SURNAMES", "join_names"]

Span = tuple[int, int]

# Common single-character surnames, simplified and traditional shapes.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
    "钱严覃武戴莫孔向汤習习賴赖張劉陳楊黃趙吳孫馬許韓馮鄧謝蕭葉蔣蘇呂盧鍾譚陸賈鄒龔錢嚴湯閻羅鄭"
)
# Characters that are not part of a name: function words, pronouns, the commonest verbs.
NOT_IN_NAME = frozenset(
    "的了是在和与與及或也都就还還又不没沒把被给給对對从從向往为為以于於而且但说說将將要会會能可"
    "这這那其之所等着著过過吗嗎呢吧啊个個上下中里裡他她它我你们們有到来來去"
    "〇零一二三四五六七八九十百千万萬亿億两兩"
)
# Characters after which a "surname" is a measure word or the like (一张, 这位...).
NOT_BEFORE_NAME = frozenset("〇零一二三四五六七八九十百千万萬两兩几幾每各这這那某该該")


def join_names(text: str, pieces: list[Span], after_measure: bool) -> list[Span]:
    """Join a surname with the one or two unknown characters after it.

    Args:
        text: A stretch of characters that no dictionary word holds.
        pieces: Its words so far, as offsets into it, in order.
        after_measure: Whether the character before the stretch stops a name (一|张...).

    Returns:
        The pieces, a surname joined with the single characters of a given name after it.
    """
    out: list[Span] = []
    i = 0
    while i < len(pieces):
        s, e = pieces[i]
        i += 1
        before = text[s - 1] in NOT_BEFORE_NAME if s else after_measure
        if e - s != 1 or text[s] not in SURNAMES or before:
            out.append((s, e))
            continue
        given = 0
        while (
            given < 2
            and i + given < len(pieces)
            and pieces[i + given][1] - pieces[i + given][0] == 1
            and text[pieces[i + given][0]] not in NOT_IN_NAME
        ):
            given += 1
        out.append((s, e + given))
        i += given
    return out
