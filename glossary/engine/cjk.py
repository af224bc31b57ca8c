"""Character classes (hanja, hangul) and Korean variant shapes of hanja."""

from __future__ import annotations

import unicodedata
from types import MappingProxyType

# Unified ideographs with extensions A-G, compatibility ideographs (Korean reading variants
# live in U+F900-U+FAFF) and 〇, which Chinese uses as a digit.
BMP_HANJA_CLASS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HANJA_CLASS = (
    BMP_HANJA_CLASS
    + "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U0002f800-\U0002fa1f\U00030000-\U0003134f"
)
# Hanja that write numbers (simplified and traditional shapes): 二〇二五, 一百二十, 两万.
NUMERAL_HANJA = "〇零一二三四五六七八九十百千万萬亿億两兩"
HANGUL_CLASS = "\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\ud7b0-\ud7ff"

# Korean (and Japanese) standard shapes that OpenCC's t2s does not know, mapped to the
# Chinese traditional shape it does (HANJA-NOTES section 4: 硏 vs 研, 淸 vs 清...).
KOREAN_VARIANTS: MappingProxyType[str, str] = MappingProxyType(
    {
        "硏": "研",
        "淸": "清",
        "靑": "青",
        "鎭": "鎮",
        "眞": "真",
        "敎": "教",
        "値": "值",
        "卽": "即",
        "旣": "既",
        "槪": "概",
        "漑": "溉",
        "晩": "晚",
        "絶": "絕",
        "爲": "為",
        "僞": "偽",
        "兪": "俞",
        "敍": "敘",
        "鄕": "鄉",
        "郞": "郎",
        "戱": "戲",
        "恒": "恆",
        "强": "強",
        "册": "冊",
        "吿": "告",
        "顚": "顛",
        "塡": "填",
        "愼": "慎",
        "飮": "飲",
        "飜": "翻",
        "隣": "鄰",
        "麪": "麵",
        "壻": "婿",
        "姸": "妍",
        "揷": "插",
        "緖": "緒",
        "峯": "峰",
        "羣": "群",
        "畵": "畫",
        "奬": "獎",
        "竝": "並",
        "幷": "并",
        "祕": "秘",
        "彦": "彥",
        # Korean standard shapes of everyday words that OpenCC leaves as they are or that
        # CC-CEDICT does not write (選擧 gave 选擧 and no meaning; 豊年 read lǐ).
        "産": "產",
        "衆": "眾",
        "査": "查",
        "擧": "舉",
        "鑛": "礦",
        "氷": "冰",
        "窓": "窗",
        "鬪": "鬥",
        "尙": "尚",
        "甁": "瓶",
        "餠": "餅",
        "汚": "污",
        "廻": "迴",
        "脣": "唇",
        "兎": "兔",
        "屛": "屏",
        "髥": "髯",
        "艶": "艷",
        "勅": "敕",
        "寃": "冤",
        "摠": "總",
        "倂": "併",
        "姉": "姊",
        "疎": "疏",
        "覇": "霸",
        "毘": "毗",
        "鷄": "雞",
        "啓": "啟",
        "顔": "顏",
        "鍼": "針",
        "鉢": "缽",
        "蹟": "跡",
        "墻": "牆",
        "箇": "個",
        "豊": "豐",
        "彫": "雕",
        # CC-CEDICT's "variant of" entries among libhangul's words (化粧 化妝, 比喩 比喻);
        # none that a simplified CC-CEDICT word keeps (宏碁, Acer, keeps 碁).
        "粧": "妝",
        # Not 鎔 (variant of 熔): it is also the traditional shape of 镕, as in 朱鎔基 朱镕基.
        "喩": "喻",
        "呑": "吞",
        "偸": "偷",
        "樑": "梁",
        "孼": "孽",
        "汎": "泛",
        "菓": "果",
        "陞": "升",
        "煖": "暖",
        "闇": "暗",
        "衿": "襟",
        "栢": "柏",
        "幇": "幫",
        "拏": "拿",
        "盃": "杯",
        "牀": "床",
        "竪": "豎",
        "朞": "期",
        "輓": "挽",
        "玆": "茲",
        "瑠": "琉",
        "朶": "朵",
        "藷": "薯",
        "彛": "彞",
    }
)


def is_hanja(ch: str) -> bool:
    """Tell whether a character is a CJK ideograph (hanja), compatibility forms included.

    Args:
        ch: One character.

    Returns:
        True for unified, extension and compatibility ideographs and 〇.
    """
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
        or o == 0x3007
    )


def is_hangul(ch: str) -> bool:
    """Tell whether a character is a precomposed hangul syllable.

    Args:
        ch: One character.

    Returns:
        True for U+AC00 to U+D7A3.
    """
    return "\uac00" <= ch <= "\ud7a3"


def unify(hanja: str) -> str:
    """Map compatibility ideographs and Korean variant shapes to Chinese traditional shapes.

    Args:
        hanja: Hanja as written.

    Returns:
        The same length string with each character NFC-normalised and variant-mapped, ready
        for OpenCC and pypinyin.
    """
    if unicodedata.is_normalized("NFC", hanja) and _VARIANTS.isdisjoint(hanja):
        # Each character of an NFC text is NFC on its own (the usual case): nothing to do.
        return hanja
    out = []
    for ch in hanja:
        unified = unicodedata.normalize("NFC", ch)
        if len(unified) != 1:
            unified = ch
        out.append(KOREAN_VARIANTS.get(unified, unified))
    return "".join(out)


_VARIANTS = frozenset(KOREAN_VARIANTS)


def beyond_bmp(text: str, step: int = 1 << 20) -> bool:
    """Whether a text holds a character beyond the BMP (a hanja of extension B, say).

    Such a character takes two UTF-16 units: encoding is four times quicker than a regular
    expression search. Long texts go a piece at a time, to bound the copy.

    Args:
        text: Any text.
        step: How many characters to encode at a time.

    Returns:
        True when some character is above U+FFFF.
    """
    return any(
        len(piece.encode("utf-16-le", "surrogatepass")) != 2 * len(piece)
        for piece in (text[i : i + step] for i in range(0, len(text), step))
    )
