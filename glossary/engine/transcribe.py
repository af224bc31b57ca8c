"""Mandarin pinyin to hangul by the Korean standard (외래어 표기법 표 5, 제3장 제7절 중국어)."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from types import MappingProxyType
from typing import Final

from glossary.engine.jamo import INITIALS, MEDIALS, compose, decompose

# 표 5: pinyin initial -> hangul initial consonant. Two-letter initials come first so that
# "zh" is not read as "z" + "h...".
_INITIAL_JAMO: Final = MappingProxyType(
    {
        "zh": "ㅈ",
        "ch": "ㅊ",
        "sh": "ㅅ",
        "b": "ㅂ",
        "p": "ㅍ",
        "m": "ㅁ",
        "f": "ㅍ",
        "d": "ㄷ",
        "t": "ㅌ",
        "n": "ㄴ",
        "l": "ㄹ",
        "g": "ㄱ",
        "k": "ㅋ",
        "h": "ㅎ",
        "j": "ㅈ",
        "q": "ㅊ",
        "x": "ㅅ",
        "r": "ㄹ",
        "z": "ㅉ",
        "c": "ㅊ",
        "s": "ㅆ",
    }
)
_INITIAL_INDEX: Final = MappingProxyType(
    {pinyin: INITIALS.index(letter) for pinyin, letter in _INITIAL_JAMO.items()}
)

# 표 5: (final as spelled after an initial, hangul standing alone, hangul after an initial).
# Every hangul value starts with ㅇ, which the initial consonant replaces.
_FINAL_ROWS: Final[tuple[tuple[str, str, str], ...]] = (
    ("a", "아", "아"),
    ("o", "오", "오"),
    ("e", "어", "어"),
    ("ê", "에", "에"),
    ("i", "이", "이"),
    ("u", "우", "우"),
    ("ü", "위", "위"),
    ("ai", "아이", "아이"),
    ("ei", "에이", "에이"),
    ("ao", "아오", "아오"),
    ("ou", "어우", "어우"),
    ("an", "안", "안"),
    ("en", "언", "언"),
    ("ang", "앙", "앙"),
    ("eng", "엉", "엉"),
    ("er", "얼", "얼"),
    ("ia", "야", "야"),
    ("io", "요", "요"),
    ("ie", "예", "예"),
    ("iao", "야오", "야오"),
    ("iu", "유", "유"),
    ("ian", "옌", "옌"),
    ("in", "인", "인"),
    ("iang", "양", "양"),
    ("ing", "잉", "잉"),
    ("ua", "와", "와"),
    ("uo", "워", "워"),
    ("uai", "와이", "와이"),
    ("ui", "웨이", "우이"),
    ("uan", "완", "완"),
    ("un", "원", "운"),
    ("uang", "왕", "왕"),
    ("ong", "웡", "웅"),
    ("üe", "웨", "웨"),
    ("üan", "위안", "위안"),
    ("ün", "윈", "윈"),
    ("iong", "융", "융"),
)
_STANDALONE_HANGUL: Final = MappingProxyType({row[0]: row[1] for row in _FINAL_ROWS})
_AFTER_INITIAL_HANGUL: Final = MappingProxyType({row[0]: row[2] for row in _FINAL_ROWS})

# Syllables without an initial: written spelling -> final in its after-initial spelling.
_STANDALONE_SPELLING: Final = MappingProxyType(
    {
        **{final: final for final in ("a", "o", "e", "ê", "ai", "ei", "ao", "ou")},
        **{final: final for final in ("an", "en", "ang", "eng", "er")},
        "yi": "i",
        "ya": "ia",
        "yo": "io",
        "ye": "ie",
        "yao": "iao",
        "you": "iu",
        "yan": "ian",
        "yin": "in",
        "yang": "iang",
        "ying": "ing",
        "yong": "iong",
        "yu": "ü",
        "yue": "üe",
        "yuan": "üan",
        "yun": "ün",
        "wu": "u",
        "wa": "ua",
        "wo": "uo",
        "wai": "uai",
        "wei": "ui",
        "wan": "uan",
        "wen": "un",
        "wang": "uang",
        "weng": "ong",
    }
)

# Which finals each initial combines with (the Mandarin syllable inventory, without erhua and
# interjections such as m, n, ng, hm).
_GKH: Final = "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang"
_JQX: Final = "i ia ie iao iu ian in iang ing iong ü üe üan ün"
_VALID_FINALS: Final = MappingProxyType(
    {
        initial: frozenset(finals.split())
        for initial, finals in (
            ("b", "a o ai ei ao an en ang eng i ie iao ian in ing u"),
            ("p", "a o ai ei ao ou an en ang eng i ie iao ian in ing u"),
            ("m", "a o e ai ei ao ou an en ang eng i ie iao iu ian in ing u"),
            ("f", "a o ei ou an en ang eng u"),
            ("d", "a e ai ei ao ou an en ang eng ong i ia ie iao iu ian ing u uo ui uan un"),
            ("t", "a e ai ei ao ou an ang eng ong i ie iao ian ing u uo ui uan un"),
            ("n", "a e ai ei ao ou an en ang eng ong i ie iao iu ian in iang ing u uo uan un ü üe"),
            (
                "l",
                "a o e ai ei ao ou an ang eng ong i ia ie iao iu ian in iang ing u uo uan un ü üe",
            ),
            ("g", _GKH),
            ("k", _GKH),
            ("h", _GKH),
            ("j", _JQX),
            ("q", _JQX),
            ("x", _JQX),
            ("zh", "a e i ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang"),
            ("ch", "a e i ai ao ou an en ang eng ong u ua uo uai ui uan un uang"),
            ("sh", "a e i ai ei ao ou an en ang eng u ua uo uai ui uan un uang"),
            ("r", "e i ao ou an en ang eng ong u ua uo ui uan un"),
            ("z", "a e i ai ei ao ou an en ang eng ong u uo ui uan un"),
            ("c", "a e i ai ao ou an en ang eng ong u uo ui uan un"),
            ("s", "a e i ai ao ou an en ang eng ong u uo ui uan un"),
        )
    }
)

# After j, q, x the letter u stands for ü (ju = jü).
_U_IS_UMLAUT: Final = frozenset({"j", "q", "x"})
# zhi chi shi ri zi ci si: the apical vowel is written ㅡ (즈 츠 스 르 쯔 츠 쓰).
_APICAL_INITIALS: Final = frozenset({"zh", "ch", "sh", "r", "z", "c", "s"})
_EU: Final = MEDIALS.index("ㅡ")
# 제3장 제7절 제2항: after ㅈ ㅉ ㅊ the vowels ㅑ ㅖ ㅛ ㅠ are written ㅏ ㅔ ㅗ ㅜ.
_AFFRICATES: Final = frozenset(INITIALS.index(c) for c in "ㅈㅉㅊ")
_AFFRICATE_MEDIAL: Final = MappingProxyType(
    {
        MEDIALS.index(glide): MEDIALS.index(plain)
        for glide, plain in zip("ㅑㅖㅛㅠ", "ㅏㅔㅗㅜ", strict=True)
    }
)

_TONE_MARKS: Final = frozenset("\u0304\u0301\u030c\u0300")  # macron, acute, caron, grave
_TONE_DIGITS: Final = frozenset("12345")
_PINYIN_LETTERS: Final = frozenset("abcdefghijklmnopqrstuwxyzüê")


def _spell(initial: str, final: str) -> str:
    if not initial:
        return next(s for s, f in _STANDALONE_SPELLING.items() if f == final)
    if initial in _U_IS_UMLAUT:
        final = final.replace("ü", "u")
    return initial + final


SYLLABLES: Final[frozenset[str]] = frozenset(
    [*_STANDALONE_SPELLING]
    + [_spell(initial, final) for initial, finals in _VALID_FINALS.items() for final in finals]
)
"""Every syllable accepted here, toneless, in standard spelling (lü and nüe, but ju and xue)."""


def _normalize(syllable: str) -> str:
    """Lower-case, strip the tone (mark or trailing digit), spell ü and ê as single letters."""
    text = syllable.lower()
    has_digit = bool(text) and text[-1] in _TONE_DIGITS
    if has_digit:
        text = text[:-1]
    text = unicodedata.normalize("NFD", text.replace("u:", "ü").replace("v", "ü"))
    marks = sum(ch in _TONE_MARKS for ch in text)
    if marks > 1 or (marks and has_digit):
        raise ValueError(f"not a pinyin syllable (more than one tone): {syllable!r}")
    text = unicodedata.normalize("NFC", "".join(ch for ch in text if ch not in _TONE_MARKS))
    if not text or not set(text) <= _PINYIN_LETTERS:
        raise ValueError(f"not a pinyin syllable: {syllable!r}")
    return text


def split_syllable(syllable: str) -> tuple[str, str]:
    """Split one pinyin syllable into its initial and its final.

    The final is given in its after-initial spelling: 'xiao' -> ('x', 'iao'), 'yan' -> ('', 'ian'),
    'wu' -> ('', 'u'), 'wei' -> ('', 'ui'), 'ju' -> ('j', 'ü'), 'zhi' -> ('zh', 'i'). Tone marks,
    tone digits, 'v' or 'u:' for ü and any letter case are accepted as in syllable_to_hangul.

    Args:
        syllable: One pinyin syllable, e.g. 'xiao', 'Xiǎo' or 'xiao3'.

    Returns:
        (initial, final); the initial is '' for a syllable without one.

    Raises:
        ValueError: If the string is not a Mandarin pinyin syllable.
    """
    text = _normalize(syllable)
    if text in _STANDALONE_SPELLING:
        return "", _STANDALONE_SPELLING[text]
    initial = next((i for i in _INITIAL_JAMO if text.startswith(i)), None)
    if initial is None:
        raise ValueError(f"not a pinyin syllable: {syllable!r}")
    final = text[len(initial) :]
    if initial in _U_IS_UMLAUT and final.startswith("u"):
        final = "ü" + final[1:]
    elif initial in ("l", "n") and final == "ue":
        final = "üe"  # lue, nue: a common spelling of lüe, nüe
    if final not in _VALID_FINALS[initial]:
        raise ValueError(f"not a pinyin syllable: {syllable!r}")
    return initial, final


@functools.lru_cache(maxsize=4096)
def syllable_to_hangul(syllable: str) -> str:
    """Transcribe one pinyin syllable into hangul by 외래어 표기법 (표 5, 제3장 제7절).

    Tones are not written. After ㅈ ㅉ ㅊ the vowels ㅑ ㅖ ㅛ ㅠ become ㅏ ㅔ ㅗ ㅜ
    (jia 자, qiong 충); after ㅅ they stay (xian 셴, xiong 슝).

    Args:
        syllable: One pinyin syllable, with tone marks ('xiǎo'), a tone digit 1-5 ('xiao3') or no
            tone; ü may be written 'ü', 'v' or 'u:' ('lü', 'lv', 'nv3'); any letter case.

    Returns:
        One or two hangul syllables, e.g. 'xiao' -> '샤오'.

    Raises:
        ValueError: If the string is not a Mandarin pinyin syllable (interjections such as 'm',
            'ng' or 'hm' included).
    """
    initial, final = split_syllable(syllable)
    if not initial:
        return _STANDALONE_HANGUL[final]
    hangul = _AFTER_INITIAL_HANGUL[final]
    _, medial, coda = decompose(hangul[0])
    consonant = _INITIAL_INDEX[initial]
    if final == "i" and initial in _APICAL_INITIALS:
        medial = _EU
    elif consonant in _AFFRICATES:
        medial = _AFFRICATE_MEDIAL.get(medial, medial)
    return compose(consonant, medial, coda) + hangul[1:]


def pinyin_to_hangul(syllables: Iterable[str]) -> str:
    """Transcribe a word given as pinyin syllables, e.g. ['deng', 'xiao', 'ping'] -> '덩샤오핑'.

    Args:
        syllables: The word's syllables, one per item.

    Returns:
        The concatenated hangul; items that are not pinyin syllables (digits, Latin letters that
        are not a syllable, punctuation) are copied unchanged.
    """
    parts: list[str] = []
    for item in syllables:
        try:
            parts.append(syllable_to_hangul(item))
        except ValueError:
            parts.append(item)
    return "".join(parts)
