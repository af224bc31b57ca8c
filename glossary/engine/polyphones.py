"""Characters whose Sino-Korean reading follows their Mandarin reading: 率 shuài 솔, lǜ 률.

Some characters have two readings in Korean as in Mandarin, one for each sense, and the
Mandarin reading of a word (from CC-CEDICT or pypinyin, which read the word, not the
character) tells which sense it is: 率領 shuài lǐng is 솔령 (to lead), 效率 xiào lǜ 효율
(rate); 遊說 yóu shuì 유세 (to canvass), 說服 shuō fú 설복; 火車 huǒ chē 화차, 車馬 jū mǎ
거마. Only readings that go with one Korean reading are listed: not 行 (háng is 항 in 行列
but 행 in 銀行 은행), 便, 復, 省, 茶, nor 更 gēng (更正 경정, 更新 갱신), nor a reading the
bundled data does not give the character (覺 교, 否 비, 差 치).

One character is listed for its sense, which its one Mandarin reading cannot tell: 易 yì is 이
"easy" in the words the list lacks (輕而易擧 경이이거, 易燃 이연, and alone in Chinese text),
as its other sense, 역 "change, trade", lives in words the list has (貿易 무역, 交易 교역, 周易
주역), whose reading stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType

__all__ = ["BY_MANDARIN", "reading_hint", "reading_hints"]

BY_MANDARIN: MappingProxyType[str, tuple[tuple[str, str], ...]] = MappingProxyType(
    {
        # Traditional character: (Mandarin syllable, with a tone number where the tone
        # decides, else without; the Sino-Korean reading it goes with), first match wins.
        "率": (("shuai", "솔"), ("lv", "률"), ("lü", "률")),
        # gèng (more) is 갱; gēng is 경 in 更正 경정 but 갱 in 更新 갱신, 更年期 갱년기.
        "更": (("geng4", "갱"),),
        "說": (("shui", "세"), ("shuo", "설"), ("yue", "열")),
        "樂": (("le", "락"), ("yue", "악"), ("yao", "요")),
        "惡": (("e4", "악"), ("e", "오"), ("wu", "오")),
        "降": (("xiang", "항"), ("jiang", "강")),
        "見": (("xian", "현"), ("jian", "견")),
        "車": (("ju", "거"), ("che", "차")),
        "參": (("shen", "삼"), ("can", "참"), ("cen", "참")),
        "讀": (("dou", "두"), ("du", "독")),
        "沈": (("shen", "심"), ("chen", "침")),
        "單": (("chan", "선"), ("shan", "선"), ("dan", "단")),
        "龜": (("jun", "균"), ("qiu", "구"), ("gui", "귀")),
        "度": (("duo", "탁"), ("du", "도")),
        "數": (("shuo", "삭"), ("shu", "수")),
        "識": (("zhi", "지"), ("shi", "식")),
        "殺": (("shai", "쇄"), ("sha", "살")),
        "拓": (("ta", "탁"), ("tuo", "척")),
        "葉": (("she", "섭"), ("ye", "엽")),
        "塞": (("sai4", "새"), ("se", "색")),
        # By sense, not by sound (see above): 易 "easy" where no listed word says 역.
        "易": (("yi", "이"),),
    }
)
"""What the Mandarin reading of each such character says of its Sino-Korean reading."""


def reading_hints(hanja: str, numbered: Sequence[str]) -> tuple[str, ...] | None:
    """The Sino-Korean reading each character's Mandarin reading points to, "" for none.

    Args:
        hanja: A word in traditional shapes.
        numbered: Its pinyin, one syllable per character, with tone numbers (``shuai4``).

    Returns:
        One reading or "" per character; None when no character of the word is listed (most
        words), the pinyin is not one syllable per character, or the word is one character:
        alone, its pinyin is the commonest reading, not one read from a word (更 alone is
        gèng, but 更 glossed 경 in a Korean text is the night watch; Chinese text, where a
        character alone is a word whose reading pinyin gives, asks :func:`reading_hint`).
    """
    if len(hanja) < 2 or len(numbered) != len(hanja):
        return None
    if not any(ch in BY_MANDARIN for ch in hanja):
        return None
    return tuple(reading_hint(ch, syllable) for ch, syllable in zip(hanja, numbered, strict=True))


def reading_hint(char: str, numbered: str) -> str:
    """The Sino-Korean reading one character's Mandarin reading points to (更 geng4: 갱).

    Args:
        char: A character in its traditional shape.
        numbered: Its Mandarin reading with a tone number.

    Returns:
        The reading, or "" when the character is not listed or its reading says nothing.
    """
    plain = numbered.rstrip("012345").lower()
    for mandarin, reading in BY_MANDARIN.get(char, ()):
        if mandarin in (numbered.lower(), plain):
            return reading
    return ""
