"""Hangul jamo helpers: syllable arithmetic, the initial sound law and a loose comparison key."""

from __future__ import annotations

import functools
from typing import Final

# Unicode precomposed hangul: 0xAC00 + (initial * 21 + medial) * 28 + final.
_BASE: Final = 0xAC00
_MEDIAL_COUNT: Final = 21
_FINAL_COUNT: Final = 28

INITIALS: Final[tuple[str, ...]] = tuple("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")
"""The 19 initial consonants as compatibility jamo, in Unicode index order."""

MEDIALS: Final[tuple[str, ...]] = tuple("ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ")
"""The 21 vowels as compatibility jamo, in Unicode index order."""

FINALS: Final[tuple[str, ...]] = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")
"""The 28 finals as compatibility jamo, index 0 being "no final"."""

_LAST: Final = _BASE + len(INITIALS) * _MEDIAL_COUNT * _FINAL_COUNT - 1

_NIEUN: Final = INITIALS.index("ㄴ")
_RIEUL: Final = INITIALS.index("ㄹ")
_IEUNG: Final = INITIALS.index("ㅇ")

# 한글 맞춤법 제11항: ㄹ becomes ㅇ before these vowels (ㅒ added for 럐).
_RIEUL_TO_IEUNG: Final = frozenset(MEDIALS.index(v) for v in "ㅑㅕㅖㅛㅠㅣㅒ")
# 한글 맞춤법 제10항: ㄴ becomes ㅇ before these vowels.
_NIEUN_TO_IEUNG: Final = frozenset(MEDIALS.index(v) for v in "ㅑㅕㅖㅛㅠㅣ")


def is_hangul_syllable(ch: str) -> bool:
    """Tell whether a string is exactly one precomposed hangul syllable (가-힣).

    Args:
        ch: The string to test.

    Returns:
        True for a single character in U+AC00..U+D7A3, False otherwise.
    """
    return len(ch) == 1 and _BASE <= ord(ch) <= _LAST


def decompose(syllable: str) -> tuple[int, int, int]:
    """Split a precomposed hangul syllable into its jamo indices.

    Args:
        syllable: One precomposed hangul syllable.

    Returns:
        (initial 0-18, medial 0-20, final 0-27), indices into INITIALS, MEDIALS and FINALS.

    Raises:
        ValueError: If the argument is not exactly one precomposed hangul syllable.
    """
    if not is_hangul_syllable(syllable):
        raise ValueError(f"not a precomposed hangul syllable: {syllable!r}")
    offset = ord(syllable) - _BASE
    initial, rest = divmod(offset, _MEDIAL_COUNT * _FINAL_COUNT)
    medial, final = divmod(rest, _FINAL_COUNT)
    return initial, medial, final


def compose(initial: int, medial: int, final: int = 0) -> str:
    """Build a precomposed hangul syllable from jamo indices.

    Args:
        initial: Index into INITIALS (0-18).
        medial: Index into MEDIALS (0-20).
        final: Index into FINALS (0-27); 0 means no final consonant.

    Returns:
        The syllable as a one-character string.

    Raises:
        ValueError: If an index is out of range.
    """
    if not 0 <= initial < len(INITIALS):
        raise ValueError(f"initial index out of range: {initial}")
    if not 0 <= medial < _MEDIAL_COUNT:
        raise ValueError(f"medial index out of range: {medial}")
    if not 0 <= final < _FINAL_COUNT:
        raise ValueError(f"final index out of range: {final}")
    return chr(_BASE + (initial * _MEDIAL_COUNT + medial) * _FINAL_COUNT + final)


def apply_initial_sound_law(word: str) -> str:
    """Apply 두음법칙 (한글 맞춤법 제10-12항) to the first syllable of a word.

    ㄹ before ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ ㅒ becomes ㅇ (리→이, 력→역); ㄹ before any other vowel becomes
    ㄴ (로→노, 락→낙); ㄴ before ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ becomes ㅇ (녀→여, 닉→익). Later syllables are
    left alone.

    Args:
        word: A word, possibly empty or not starting with hangul.

    Returns:
        The word with its first syllable changed where the law applies, otherwise unchanged.
    """
    if not word or not is_hangul_syllable(word[0]):
        return word
    initial, medial, final = decompose(word[0])
    if initial == _RIEUL:
        initial = _IEUNG if medial in _RIEUL_TO_IEUNG else _NIEUN
    elif initial == _NIEUN and medial in _NIEUN_TO_IEUNG:
        initial = _IEUNG
    else:
        return word
    return compose(initial, medial, final) + word[1:]


def initial_sound_law_variants(syllable: str) -> frozenset[str]:
    """Give the forms a reading can take at the start of a word.

    Args:
        syllable: A hangul syllable (or any string; only its first character is considered).

    Returns:
        The syllable itself plus its 두음법칙 form, e.g. {"리", "이"}; just {"가"} for 가.
    """
    return frozenset({syllable, apply_initial_sound_law(syllable)})


# 한글 맞춤법 제11항 붙임 1: 렬, 률 are written 열, 율 after a vowel or ㄴ (나열, 비율, 선율).
_AFTER_VOWEL_OR_NIEUN: Final = {"렬": "열", "률": "율"}
_NIEUN_FINAL: Final = FINALS.index("ㄴ")


def follows_vowel_or_nieun(syllable: str) -> bool:
    """Tell whether a syllable ends in a vowel or ㄴ (where 렬, 률 after it are written 열, 율).

    Args:
        syllable: One character.

    Returns:
        True for a hangul syllable with no final consonant or the final ㄴ.
    """
    return is_hangul_syllable(syllable) and (ord(syllable) - _BASE) % _FINAL_COUNT in (
        0,
        _NIEUN_FINAL,
    )


def after_vowel_form(syllable: str) -> str | None:
    """The form 렬 or 률 takes after a vowel or ㄴ (열, 율); None for any other syllable."""
    return _AFTER_VOWEL_OR_NIEUN.get(syllable)


def write_ryeol_ryul(reading: str) -> str:
    """Write 렬 and 률 inside a Sino-Korean word as spelling wants them (한글 맞춤법 제11항).

    After a vowel or ㄴ they are written 열 and 율 (系列 계열, 效率 효율, 旋律 선율, 先烈
    선열); after any other consonant they stay (合格率 합격률, 行列 행렬). The first
    syllable is the initial sound law's (:func:`apply_initial_sound_law`).

    Args:
        reading: A word's reading, one syllable per character.

    Returns:
        The reading with those syllables rewritten; the string itself when none changes.
    """
    if "렬" not in reading and "률" not in reading:
        return reading
    out = list(reading)
    for k in range(1, len(out)):
        written = _AFTER_VOWEL_OR_NIEUN.get(out[k])
        if written is not None and follows_vowel_or_nieun(out[k - 1]):
            out[k] = written
    return "".join(out)


# loose_key: each vowel spelled as a glide+vowel sequence, ㅐ merged into ㅔ.
_LOOSE_VOWELS: Final[tuple[str, ...]] = (
    "ㅏ",  # ㅏ
    "ㅔ",  # ㅐ
    "ㅣㅏ",  # ㅑ
    "ㅣㅔ",  # ㅒ
    "ㅓ",  # ㅓ
    "ㅔ",  # ㅔ
    "ㅣㅓ",  # ㅕ
    "ㅣㅔ",  # ㅖ
    "ㅗ",  # ㅗ
    "ㅗㅏ",  # ㅘ
    "ㅗㅔ",  # ㅙ
    "ㅗㅔ",  # ㅚ
    "ㅣㅗ",  # ㅛ
    "ㅜ",  # ㅜ
    "ㅜㅓ",  # ㅝ
    "ㅜㅔ",  # ㅞ
    "ㅜㅣ",  # ㅟ
    "ㅣㅜ",  # ㅠ
    "ㅡ",  # ㅡ
    "ㅡㅣ",  # ㅢ
    "ㅣ",  # ㅣ
)
# Tense initials map to plain ones (ㄲㄸㅃㅆㅉ → ㄱㄷㅂㅅㅈ); ㅇ is silent and dropped.
_LOOSE_INITIALS: Final[tuple[str, ...]] = tuple(
    "" if c == "ㅇ" else {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}.get(c, c)
    for c in INITIALS
)
# Finals use conjoining jongseong letters so that 진안 and 지난 keep different keys.
_LOOSE_FINALS: Final[tuple[str, ...]] = tuple(
    "" if f == 0 else chr(0x11A7 + {2: 1, 20: 19}.get(f, f)) for f in range(_FINAL_COUNT)
)
_GLIDE: Final = "ㅣ"
_VOWEL, _CONSONANT, _OTHER = "V", "C", "O"


def _loose_tokens(hangul: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    for ch in hangul:
        if not is_hangul_syllable(ch):
            tokens.append((_OTHER, ch))
            continue
        initial, medial, final = decompose(ch)
        if _LOOSE_INITIALS[initial]:
            tokens.append((_CONSONANT, _LOOSE_INITIALS[initial]))
        tokens.extend((_VOWEL, v) for v in _LOOSE_VOWELS[medial])
        if final:
            tokens.append((_OTHER, _LOOSE_FINALS[final]))
    return tokens


def _collapse_vowels(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for token in tokens:
        if token[0] == _VOWEL and out and out[-1] == token:
            continue
        out.append(token)
    return out


def _drop_glides(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for i, token in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        prev = out[-1] if out else None
        if token == (_VOWEL, _GLIDE) and nxt is not None and nxt[0] == _VOWEL and prev is not None:
            # Standard spelling writes no glide after ㅈ/ㅊ (쟈→자, 쥬→주). After ㅅ the glide is
            # what separates x from sh (샤오≠사오, 샹≠상), so only 셔→서 (션전 for 선전) merges.
            if prev in ((_CONSONANT, "ㅈ"), (_CONSONANT, "ㅊ")):
                continue
            if prev == (_CONSONANT, "ㅅ") and nxt == (_VOWEL, "ㅓ"):
                continue
        out.append(token)
    return out


def _contract_uei(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    # Mandarin -uei is written -ui after an initial; 웨이, 위 and 우이 then share a key.
    out: list[tuple[str, str]] = []
    for i, token in enumerate(tokens):
        if (
            token == (_VOWEL, "ㅔ")
            and out
            and out[-1] == (_VOWEL, "ㅜ")
            and i + 1 < len(tokens)
            and tokens[i + 1] == (_VOWEL, "ㅣ")
        ):
            continue
        out.append(token)
    return out


def _ong_as_ung(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    # Mandarin -ong is written 웅 (둥, 중, 룽), but news often writes 옹 (동, 종, 롱).
    out = list(tokens)
    for i in range(len(out) - 1):
        if out[i] == (_VOWEL, "ㅗ") and out[i + 1] == (_OTHER, _LOOSE_FINALS[21]):
            out[i] = (_VOWEL, "ㅜ")
    return out


@functools.lru_cache(maxsize=1 << 16)
def loose_key(hangul: str) -> str:
    """Build a jamo-level key that is equal for variant spellings of one Mandarin sound.

    Spellings news uses side by side get the same key: 티엔/톈, 쟈/자, 이엔/옌, 쩌/저, 쥬/주,
    샤오/시아오, 리앙/량, 웨이/위, 애/에, 우어/워, 동/둥. Clearly different sounds keep
    different keys: 덩/당, 항/행, 저우/자오, 선/산, 마/모, 샤오/사오.

    Args:
        hangul: A hangul string; characters that are not hangul syllables are kept as they are.

    Returns:
        An opaque string; only equality between keys is meaningful.
    """
    tokens = _collapse_vowels(_loose_tokens(hangul))
    tokens = _collapse_vowels(_contract_uei(_drop_glides(_ong_as_ung(tokens))))
    return "".join(symbol for _, symbol in tokens)
