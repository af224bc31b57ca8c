"""Words the 한글 맞춤법 writes otherwise than their characters read: 困難 곤란, 數字 숫자.

Two articles of the spelling rules name Sino-Korean words by example:

- 제52항 (속음): a word read with a popular sound is written so (困難 곤란, not 곤난; 六月
  유월; 初八日 초파일), beside words of the same characters read as they are (萬難 만난,
  八日 팔일);
- 제30항 (사이시옷): six words of two Sino-Korean syllables take a ㅅ (數字 숫자, 回數 횟수);
  five of them are here (see the table).

libhangul's word list gives most of them two readings (곤난 and 곤란), or only the popular
one (六月 유월), which its characters do not give: the word-reading rules would then take the
other reading, or none. These words are read as the rules write them, inside longer words
too (困難度 곤란도). Every row is an example of the article it cites, so the table is the
rules' own list, not a guess from the data.

The same 속음 makes 不 부 before a syllable that starts with ㄷ or ㅈ (不當 부당, 不足 부족,
不得已 부득이; 표준국어대사전 「부-(不)」), 불 elsewhere (不便 불편): :func:`write_bu` writes
it so in words the list does not have (不再 부재, 不准 부준).
"""

from __future__ import annotations

from types import MappingProxyType

from glossary.engine.jamo import decompose, is_hangul_syllable

__all__ = ["SPELLED", "spelled_reading", "write_bu"]

_ARTICLE_52 = "한글 맞춤법 제52항 (속음)"
_ARTICLE_30 = "한글 맞춤법 제30항 (사이시옷)"

SPELLED: MappingProxyType[str, tuple[str, str]] = MappingProxyType(
    {
        # 제52항: 수락, 쾌락, 허락 (諾); 곤란, 논란 (難); 의령, 회령 (寧); 대로, 희로애락 (怒);
        # 오뉴월, 유월 (六); 모과 (木); 시방정토, 시왕, 시월 (十); 초파일 (八).
        "受諾": ("수락", _ARTICLE_52),
        "快諾": ("쾌락", _ARTICLE_52),
        "許諾": ("허락", _ARTICLE_52),
        "困難": ("곤란", _ARTICLE_52),
        "論難": ("논란", _ARTICLE_52),
        "宜寧": ("의령", _ARTICLE_52),
        "會寧": ("회령", _ARTICLE_52),
        "大怒": ("대로", _ARTICLE_52),
        "喜怒哀樂": ("희로애락", _ARTICLE_52),
        "五六月": ("오뉴월", _ARTICLE_52),
        "六月": ("유월", _ARTICLE_52),
        "木瓜": ("모과", _ARTICLE_52),
        "十方淨土": ("시방정토", _ARTICLE_52),
        "十王": ("시왕", _ARTICLE_52),
        "十月": ("시월", _ARTICLE_52),
        "初八日": ("초파일", _ARTICLE_52),
        # 제30항 3: the six two-syllable Sino-Korean words written with ㅅ, but 찻간(車間): the
        # ㅅ spells the Korean word (a railway carriage's inside), and Chinese 车间 is another
        # word ("workshop"), read 차간.
        "庫間": ("곳간", _ARTICLE_30),
        "貰房": ("셋방", _ARTICLE_30),
        "數字": ("숫자", _ARTICLE_30),
        "退間": ("툇간", _ARTICLE_30),
        "回數": ("횟수", _ARTICLE_30),
    }
)
"""Each word (traditional shapes) with its reading as the spelling rules write it, and the
article."""


def spelled_reading(word: str) -> str:
    """The reading the spelling rules give a word of :data:`SPELLED`, else "".

    Args:
        word: Hanja in traditional shapes (a simplified word is read as its traditional form).

    Returns:
        The reading (困難 → 곤란), or "".
    """
    row = SPELLED.get(word)
    return row[0] if row is not None else ""


_D_OR_J = frozenset((3, 12))  # ㄷ and ㅈ among the 19 initial consonants.


def write_bu(hanja: str, reading: str) -> str:
    """Write 不 부 where a syllable starting with ㄷ or ㅈ follows it in a word (不再 부재).

    Args:
        hanja: A word.
        reading: Its reading, one syllable per character.

    Returns:
        The reading with those syllables rewritten; the string itself when none changes.
    """
    if "不" not in hanja or len(hanja) != len(reading):
        return reading
    out = list(reading)
    for k in range(len(out) - 1):
        after = out[k + 1]
        if (
            hanja[k] == "不"
            and out[k] == "불"
            and is_hangul_syllable(after)
            and decompose(after)[0] in _D_OR_J
        ):
            out[k] = "부"
    return "".join(out)
