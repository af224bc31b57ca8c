"""Kana in Korean letters (외래어 표기법, 일본어의 가나와 한글 대조표), in romaji and in hiragana.

Korean writes Japanese names by their sound: 高市 たかいち is 다카이치. The standard's rules that
matter here: か, た and their rows are written with plain consonants at the start of a word and
aspirated ones inside it (か 가 first, 카 inside); つ is 쓰; ん is a final ㄴ; っ is a final ㅅ;
long vowels are not written (とうきょう 도쿄).
"""

from __future__ import annotations

import functools

# Consonant and vowel jamo indices (initial, medial) of a hangul syllable.
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"

# Each kana row: its consonant word-initially and inside a word, then the five vowels' jamo.
_ROWS = {
    "": ("ㅇ", "ㅇ"),
    "k": ("ㄱ", "ㅋ"),
    "g": ("ㄱ", "ㄱ"),
    "s": ("ㅅ", "ㅅ"),
    "z": ("ㅈ", "ㅈ"),
    "t": ("ㄷ", "ㅌ"),
    "d": ("ㄷ", "ㄷ"),
    "n": ("ㄴ", "ㄴ"),
    "h": ("ㅎ", "ㅎ"),
    "b": ("ㅂ", "ㅂ"),
    "p": ("ㅍ", "ㅍ"),
    "m": ("ㅁ", "ㅁ"),
    "y": ("ㅇ", "ㅇ"),
    "r": ("ㄹ", "ㄹ"),
    "w": ("ㅇ", "ㅇ"),
}

# Katakana: (row, vowel, romaji). The vowel is a jamo; ち and つ and the y-row carry theirs.
_KANA = {
    "ア": ("", "ㅏ", "a"),
    "イ": ("", "ㅣ", "i"),
    "ウ": ("", "ㅜ", "u"),
    "エ": ("", "ㅔ", "e"),
    "オ": ("", "ㅗ", "o"),
    "カ": ("k", "ㅏ", "ka"),
    "キ": ("k", "ㅣ", "ki"),
    "ク": ("k", "ㅜ", "ku"),
    "ケ": ("k", "ㅔ", "ke"),
    "コ": ("k", "ㅗ", "ko"),
    "ガ": ("g", "ㅏ", "ga"),
    "ギ": ("g", "ㅣ", "gi"),
    "グ": ("g", "ㅜ", "gu"),
    "ゲ": ("g", "ㅔ", "ge"),
    "ゴ": ("g", "ㅗ", "go"),
    "サ": ("s", "ㅏ", "sa"),
    "シ": ("s", "ㅣ", "shi"),
    "ス": ("s", "ㅡ", "su"),
    "セ": ("s", "ㅔ", "se"),
    "ソ": ("s", "ㅗ", "so"),
    "ザ": ("z", "ㅏ", "za"),
    "ジ": ("z", "ㅣ", "ji"),
    "ズ": ("z", "ㅡ", "zu"),
    "ゼ": ("z", "ㅔ", "ze"),
    "ゾ": ("z", "ㅗ", "zo"),
    "タ": ("t", "ㅏ", "ta"),
    "チ": ("ch", "ㅣ", "chi"),
    "ツ": ("ts", "ㅡ", "tsu"),
    "テ": ("t", "ㅔ", "te"),
    "ト": ("t", "ㅗ", "to"),
    "ダ": ("d", "ㅏ", "da"),
    "ヂ": ("z", "ㅣ", "ji"),
    "ヅ": ("z", "ㅡ", "zu"),
    "デ": ("d", "ㅔ", "de"),
    "ド": ("d", "ㅗ", "do"),
    "ナ": ("n", "ㅏ", "na"),
    "ニ": ("n", "ㅣ", "ni"),
    "ヌ": ("n", "ㅜ", "nu"),
    "ネ": ("n", "ㅔ", "ne"),
    "ノ": ("n", "ㅗ", "no"),
    "ハ": ("h", "ㅏ", "ha"),
    "ヒ": ("h", "ㅣ", "hi"),
    "フ": ("h", "ㅜ", "fu"),
    "ヘ": ("h", "ㅔ", "he"),
    "ホ": ("h", "ㅗ", "ho"),
    "バ": ("b", "ㅏ", "ba"),
    "ビ": ("b", "ㅣ", "bi"),
    "ブ": ("b", "ㅜ", "bu"),
    "ベ": ("b", "ㅔ", "be"),
    "ボ": ("b", "ㅗ", "bo"),
    "パ": ("p", "ㅏ", "pa"),
    "ピ": ("p", "ㅣ", "pi"),
    "プ": ("p", "ㅜ", "pu"),
    "ペ": ("p", "ㅔ", "pe"),
    "ポ": ("p", "ㅗ", "po"),
    "マ": ("m", "ㅏ", "ma"),
    "ミ": ("m", "ㅣ", "mi"),
    "ム": ("m", "ㅜ", "mu"),
    "メ": ("m", "ㅔ", "me"),
    "モ": ("m", "ㅗ", "mo"),
    "ヤ": ("y", "ㅑ", "ya"),
    "ユ": ("y", "ㅠ", "yu"),
    "ヨ": ("y", "ㅛ", "yo"),
    "ラ": ("r", "ㅏ", "ra"),
    "リ": ("r", "ㅣ", "ri"),
    "ル": ("r", "ㅜ", "ru"),
    "レ": ("r", "ㅔ", "re"),
    "ロ": ("r", "ㅗ", "ro"),
    "ワ": ("w", "ㅘ", "wa"),
    "ヰ": ("", "ㅣ", "i"),
    "ヱ": ("", "ㅔ", "e"),
    "ヲ": ("", "ㅗ", "o"),
    "ヴ": ("b", "ㅜ", "vu"),
}
# ち and つ: 지/치 like the t-row, 쓰 everywhere.
_SPECIAL_ROWS = {"ch": ("ㅈ", "ㅊ"), "ts": ("ㅆ", "ㅆ")}
# Small ゃゅょ after an i-column kana: the vowel they give, and romaji.
_GLIDES = {"ャ": ("ㅑ", "a"), "ュ": ("ㅠ", "u"), "ョ": ("ㅛ", "o")}
# ㅈ, ㅊ (and ㅅ for し) absorb the glide: じゃ 자, ちょ 조, しゅ 슈 keeps its glide.
_PLAIN_AFTER = {"ㅑ": "ㅏ", "ㅠ": "ㅜ", "ㅛ": "ㅗ"}
# Small vowels after a kana for foreign sounds (ティ, ファ): the vowel they give.
_SMALL_VOWELS = {"ァ": "ㅏ", "ィ": "ㅣ", "ゥ": "ㅜ", "ェ": "ㅔ", "ォ": "ㅗ"}


def _syllable(initial: str, vowel: str, final: str = " ") -> str:
    return chr(
        0xAC00 + (_INITIALS.index(initial) * 21 + _VOWELS.index(vowel)) * 28 + _FINALS.index(final)
    )


def to_katakana(kana: str) -> str:
    """Hiragana turned into katakana; other characters unchanged."""
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in kana)


def to_hiragana(kana: str) -> str:
    """Katakana turned into hiragana (ー and other characters unchanged).

    Args:
        kana: Katakana, as dictionaries give readings.

    Returns:
        The same reading in hiragana.
    """
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kana)


@functools.lru_cache(maxsize=4096)
def kana_to_hangul(kana: str, initial: bool = True) -> str | None:
    """Spell a Japanese word in hangul by the standard (외래어 표기법, 일본어 표기).

    Args:
        kana: One word in katakana or hiragana.
        initial: False when the kana continue a word (the first syllable is then spelled
            as inside a word: か 카, not 가).

    Returns:
        The hangul spelling (たかいち 다카이치, とうきょう 도쿄, ほっかいどう 홋카이도), or None
        when the reading holds something that is not kana.
    """
    kana = to_katakana(kana)
    out: list[list[str]] = []  # [initial, vowel, final] per syllable
    previous_vowel = ""
    i = 0
    while i < len(kana):
        ch = kana[i]
        if ch == "ン":
            if not out:
                return None
            out[-1][2] = "ㄴ"
            i += 1
            continue
        if ch == "ッ":
            if out:
                out[-1][2] = "ㅅ"
            i += 1
            continue
        if ch == "ー":
            i += 1
            continue
        entry = _KANA.get(ch)
        if entry is None:
            return None
        row, vowel, _ = entry
        first = not out and initial
        consonant = (_SPECIAL_ROWS.get(row) or _ROWS[row])[0 if first else 1]
        nxt = kana[i + 1] if i + 1 < len(kana) else ""
        if nxt in _GLIDES:
            vowel = _GLIDES[nxt][0]
            if consonant in "ㅈㅊㅉ":
                vowel = _PLAIN_AFTER[vowel]
            i += 1
        elif nxt in _SMALL_VOWELS:
            vowel = _SMALL_VOWELS[nxt]
            if row == "h":
                consonant = "ㅍ"
            elif ch == "ウ":
                vowel = {"ㅣ": "ㅟ", "ㅔ": "ㅞ", "ㅗ": "ㅝ"}.get(vowel, vowel)
            i += 1
        if out and out[-1][2] == " " and row == "" and _long(previous_vowel, vowel):
            i += 1  # A long vowel is not written: とう 도, えい 에.
            continue
        out.append([consonant, vowel, " "])
        previous_vowel = vowel
        i += 1
    if not out:
        return None
    return "".join(_syllable(*s) for s in out)


def _long(previous: str, vowel: str) -> bool:
    """Whether a bare vowel kana lengthens the one before it (おう, うう, おお, ああ)."""
    # えい keeps its い in Korean usage (에이사쿠, 요헤이), though the rule would drop it.
    return (vowel == "ㅜ" and previous in ("ㅗ", "ㅜ", "ㅛ", "ㅠ")) or (
        vowel == previous and vowel in ("ㅏ", "ㅗ")
    )


def to_romaji(kana: str) -> str:
    """Hepburn romaji of a reading (たかいち takaichi, とうきょう tōkyō); spaces are kept.

    Args:
        kana: A reading in katakana or hiragana, words separated by spaces.

    Returns:
        The romaji; characters that are not kana are kept as they are.
    """
    kana = to_katakana(kana)
    out: list[str] = []
    double = False
    i = 0
    while i < len(kana):
        ch = kana[i]
        nxt = kana[i + 1] if i + 1 < len(kana) else ""
        if ch == "ッ":
            double = True
            i += 1
            continue
        if ch == "ン":
            out.append("n")
            i += 1
            continue
        if ch == "ー":
            if out and out[-1] and out[-1][-1] in _MACRON:
                out[-1] = out[-1][:-1] + _MACRON[out[-1][-1]]
            i += 1
            continue
        entry = _KANA.get(ch)
        if entry is None:
            out.append(ch)
            i += 1
            continue
        roman = entry[2]
        if nxt in _GLIDES:
            stem = roman[:-1]
            roman = (stem if stem.endswith(("sh", "ch", "j")) else stem + "y") + _GLIDES[nxt][1]
            i += 1
        elif nxt in _SMALL_VOWELS:
            roman = ("w" if ch == "ウ" else roman.rstrip("aiueo")) + _SMALL_ROMAJI[nxt]
            i += 1
        if double and roman:
            roman = ("t" if roman.startswith("ch") else roman[0]) + roman
        double = False
        out.append(roman)
        i += 1
    text = "".join(out)
    for long, short in (("ou", "ō"), ("oo", "ō"), ("uu", "ū")):
        text = text.replace(long, short)
    return text


_SMALL_ROMAJI = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}
_MACRON = {"a": "ā", "i": "ī", "u": "ū", "e": "ē", "o": "ō"}


def _loose_syllable(syllable: str) -> tuple[int, int, int] | None:
    """A hangul syllable with the differences Korean spellings of Japanese show merged."""
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 11172:
        return None
    initial, rest = divmod(code, 21 * 28)
    vowel, final = divmod(rest, 28)
    return (_LOOSE_INITIAL[initial], _LOOSE_VOWEL.get(vowel, vowel), _LOOSE_FINAL.get(final, final))


# Plain, tense and aspirated stops are one class (다니가키/타니가키, 쓰/츠/쯔 below).
_LOOSE_INITIAL = (0, 0, 2, 3, 3, 5, 6, 7, 7, 9, 9, 11, 12, 12, 12, 0, 3, 7, 18)
# ㅐ, ㅒ and ㅖ are ㅔ (요해이 beside 요헤이).
_LOOSE_VOWEL = {1: 5, 3: 5, 7: 5}
# ㅇ as a final is ㄴ (ん before k, g: 싱칸센 beside 신칸센).
_LOOSE_FINAL = {21: 4}


def loose_keys(hangul: str) -> tuple[tuple[int, int, int], ...] | None:
    """Keys of a hangul spelling of Japanese, equal for the variant spellings Korean text uses.

    Stops of one place are one class (다니가키 and 타니가키), つ is 쓰, 츠 or 쯔, ㅐ is ㅔ, a
    final ㅇ is ㄴ, and a vowel syllable that lengthens the one before is dropped, as the
    standard drops long vowels (사토우 and 사토, 에이사쿠 and 에사쿠, 요헤이 and 요헤).

    Args:
        hangul: One word of hangul (no spaces).

    Returns:
        One key per syllable kept, or None when the word holds something other than hangul
        syllables.
    """
    spelled = loose_spelling(hangul)
    return None if spelled is None else tuple(key for key, _ in spelled)


def loose_spelling(hangul: str) -> list[tuple[tuple[int, int, int], str]] | None:
    """The keys of :func:`loose_keys`, each with the syllable it was made from.

    Args:
        hangul: One word of hangul (no spaces).

    Returns:
        (key, syllable) per syllable kept, or None when the word holds something other than
        hangul syllables.
    """
    keys: list[tuple[tuple[int, int, int], str]] = []
    for syllable in hangul:
        key = _loose_syllable(syllable)
        if key is None:
            return None
        initial, vowel, final = key
        if initial in (9, 12) and vowel == 18 and final == 0:
            key = (9, 18, 0)  # 쓰, 츠, 쯔, 스 for す/つ
        if keys and initial == 11 and final == 0:
            before = keys[-1][0]
            if before[2] == 0 and _lengthens(before[1], vowel):
                continue
        keys.append((key, syllable))
    return keys


def _lengthens(before: int, vowel: int) -> bool:
    # Vowel indices: ㅏ0 ㅔ5 ㅗ8 ㅛ12 ㅜ13 ㅠ17 ㅣ20.
    return (
        (vowel == 13 and before in (8, 12, 13, 17))
        or (vowel == 20 and before in (5, 20))
        or (vowel == before and vowel in (0, 8))
    )
