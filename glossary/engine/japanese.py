"""Japanese readings: does a gloss spell the Japanese sound of its hanja (다카이치(高市))?

Readings come from SudachiDict (Apache-2.0) through SudachiPy: every dictionary entry of every
piece of the hanja, names included (高市 たかいち and たけち, 菅 すが and かん), so a gloss is
checked against all the ways the name can be read, not one guess. The gloss and each reading
are compared as loose keys (:func:`glossary.engine.kana.loose_keys`), so 타니가키 and 다니가키,
사토우 and 사토 both match. A piece may also be read in Sino-Korean (기시다파(岸田派): 派 파,
긴키 지방(近畿地方): 地方 지방), which makes the gloss ``mixed``. A gloss that reads only a
surname of a full name (기시다(岸田文雄)) matches too, and says so.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from glossary.engine.cjk import is_hanja
from glossary.engine.kana import (
    kana_to_hangul,
    loose_keys,
    loose_spelling,
    to_hiragana,
    to_romaji,
)

# The longest piece of a name looked up as one dictionary entry.
_MAX_PIECE = 6
# Vowels a Korean spelling of Japanese uses (ㅏㅐㅑㅔㅖㅗㅘㅛㅜㅝㅞㅟㅠㅡㅣ), and finals.
_JAPANESE_VOWELS = frozenset((0, 1, 2, 5, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 20))
_JAPANESE_FINALS = frozenset((0, 4, 19, 21))  # none, ㄴ, ㅅ, ㅇ
_SEPARATORS = " ·ㆍ・"

Key = tuple[int, int, int]


class _Gloss(NamedTuple):
    """A gloss as loose keys, the syllable each key was made from, and where words start."""

    keys: tuple[Key, ...]
    syllables: tuple[str, ...]
    starts: set[int]
    text: str


class Piece(NamedTuple):
    """Characters start..end read one way, from key ``key`` of the gloss on.

    ``how`` is ``ja`` (a Japanese reading, ``reading`` in katakana), ``ko`` (one character in
    Sino-Korean) or ``rest`` (the part of a full name the gloss leaves out).
    """

    start: int
    end: int
    key: int
    how: str
    reading: str


@dataclass(frozen=True)
class JapaneseMatch:
    """How a gloss reads its hanja in Japanese.

    Attributes:
        kind: ``transcription`` when every piece is read in Japanese, ``mixed`` when some are
            read in Sino-Korean (기시다파(岸田派)).
        reading: The reading of the whole hanja in hiragana, words separated by spaces where
            the gloss separates them (たかいち さなえ).
        romaji: The same in Hepburn romaji.
        standard: The standard hangul spelling of the reading (외래어 표기법), pieces read in
            Sino-Korean as the gloss reads them.
        note: A sentence for people (which part is read how; a non-standard spelling).
    """

    kind: str
    reading: str
    romaji: str
    standard: str
    note: str


@functools.cache
def _dictionary() -> Any | None:
    """SudachiPy's core dictionary, loaded on first use; None when it is not installed."""
    try:
        from sudachipy import Dictionary

        return Dictionary(dict="core")
    except Exception:  # Not installed or unreadable: Japanese readings are simply not tried.
        return None


@functools.cache
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def shinjitai(hanja: str) -> str:
    """The hanja in Japanese shapes (畿內 畿内, 關西 関西), as OpenCC's t2jp writes them.

    Args:
        hanja: Hanja in traditional or Korean shapes.

    Returns:
        The same length string in Japanese shapes.
    """
    converted: str = _converter("t2jp").convert(hanja)
    return converted if len(converted) == len(hanja) else hanja


def kyujitai(hanja: str) -> str:
    """The hanja in traditional shapes (関西 關西, 桜 櫻), as OpenCC's jp2t writes them.

    Args:
        hanja: Hanja in Japanese shapes.

    Returns:
        The same length string in traditional shapes.
    """
    converted: str = _converter("jp2t").convert(hanja)
    return converted if len(converted) == len(hanja) else hanja


def available() -> bool:
    """Tell whether a Japanese dictionary can be loaded in this process."""
    return _dictionary() is not None


def looks_japanese(gloss: str) -> bool:
    """Tell whether a hangul gloss could be a Korean spelling of Japanese at all.

    Korean spells Japanese with a few vowels and only ㄴ and ㅅ as finals, so most Korean
    words (드림타운, 사흘마다) are ruled out without loading a dictionary.

    Args:
        gloss: The gloss as written.

    Returns:
        True when every character is a hangul syllable such a spelling may use, or a space
        or name dot between words.
    """
    syllables = 0
    for ch in gloss:
        if ch in _SEPARATORS:
            continue
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            return False
        initial, rest = divmod(code, 21 * 28)
        vowel, final = divmod(rest, 28)
        if vowel not in _JAPANESE_VOWELS or final not in _JAPANESE_FINALS:
            return False
        if vowel == 18 and initial not in (9, 10, 12, 13, 14, 3, 16):  # ㅡ: 스 쓰 즈 쯔 츠 (드 트)
            return False
        if vowel in (9, 14, 15, 16) and initial != 11:  # ㅘ ㅝ ㅞ ㅟ: only 와 워 웨 위
            return False
        syllables += 1
    return syllables >= 2


class JapaneseReader:
    """Reads hanja in Japanese and matches glosses against the readings, caching both."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[str, ...]] = {}
        self._words: dict[str, list[tuple[int, int, str]]] = {}
        self._matches: dict[tuple[str, str], JapaneseMatch | None] = {}

    def readings(self, piece: str) -> tuple[str, ...]:
        """Every reading SudachiDict has for a piece of hanja, in katakana.

        Args:
            piece: One or more hanja.

        Returns:
            The distinct readings, in the dictionary's order; () when it has none.
        """
        found = self._entries.get(piece)
        if found is None:
            dictionary = _dictionary()
            found = ()
            if dictionary is not None:
                found = _readings(dictionary, piece)
                if not found:
                    # Korean and traditional shapes (畿內, 關西): look up the Japanese ones.
                    japanese = shinjitai(piece)
                    found = _readings(dictionary, japanese) if japanese != piece else ()
            self._entries[piece] = found
        return found

    def match(self, gloss: str, hanja: str, sino: Sequence[frozenset[str]]) -> JapaneseMatch | None:
        """Tell whether a gloss spells a Japanese reading of its hanja, and which.

        Args:
            gloss: The hangul gloss.
            hanja: The hanja as written (spaces and name dots between names are ignored).
            sino: The Sino-Korean syllables of each hanja character, in order (for pieces
                the gloss reads in Sino-Korean).

        Returns:
            The match, or None when the gloss is not a Japanese reading (or no Japanese
            dictionary is installed).
        """
        key = (gloss, hanja)
        if key in self._matches:
            return self._matches[key]
        found = None
        if looks_japanese(gloss) and available():
            found = self._match(gloss, hanja, sino)
        self._matches[key] = found
        return found

    def _match(
        self, gloss: str, hanja: str, sino: Sequence[frozenset[str]]
    ) -> JapaneseMatch | None:
        chars = "".join(ch for ch in hanja if ch not in _SEPARATORS)
        if not chars or not all(is_hanja(ch) for ch in chars) or len(sino) != len(chars):
            return None
        words = [w for w in _split(gloss) if w]
        keys: list[Key] = []
        kept: list[str] = []
        starts: set[int] = set()
        for word in words:
            spelled = loose_spelling(word)
            if spelled is None:
                return None
            starts.add(len(keys))
            keys.extend(key for key, _ in spelled)
            kept.extend(syllable for _, syllable in spelled)
        gloss_keys = _Gloss(tuple(keys), tuple(kept), starts, "".join(words))
        path = self._align(chars, gloss_keys, sino)
        surname = False
        if path is None:
            path = self._surname(chars, gloss_keys, sino)
            surname = path is not None
        if path is None or not any(p.how == "ja" for p in path):
            return None
        return self._describe(chars, path, gloss_keys, surname)

    def _align(
        self, chars: str, gloss: _Gloss, sino: Sequence[frozenset[str]]
    ) -> list[Piece] | None:
        """The pieces by which the characters spell the whole gloss, first to last.

        Trailing words that the gloss reads in Sino-Korean are taken so (파 of
        다케시타파(竹下派), 지방 of 긴키 지방(近畿地方)): Korean adds such words as its own.
        """
        reach = self._reach(chars, gloss, sino)
        n, m = len(chars), len(gloss.keys)
        for start, end, reading in reversed(self._tokens(chars)[1:]):
            size = n - start
            tail = gloss.syllables[m - size :] if size < m else ()
            if len(tail) != size or any(s not in sino[start + k] for k, s in enumerate(tail)):
                break
            head = _path(reach, start, m - size)
            if head is not None:
                return [*head, Piece(start, n, m - size, "ko", reading)]
            if end != n:
                break
        return _path(reach, n, m)

    def _tokens(self, chars: str) -> list[tuple[int, int, str]]:
        """The shortest dictionary words of the characters: (start, end, reading)."""
        found = self._words.get(chars)
        if found is None:
            dictionary = _dictionary()
            found = []
            if dictionary is not None:
                from sudachipy import SplitMode

                at = 0
                for m in dictionary.tokenizer(mode=SplitMode.A).tokenize(shinjitai(chars)):
                    end = at + len(m.surface())
                    found.append((at, end, m.reading_form()))
                    at = end
                if at != len(chars):
                    found = []
            self._words[chars] = found
        return found

    def _surname(
        self, chars: str, gloss: _Gloss, sino: Sequence[frozenset[str]]
    ) -> list[Piece] | None:
        """A gloss that reads only the family name of a full name (기시다(岸田文雄))."""
        dictionary = _dictionary()
        if dictionary is None or len(chars) < 3:
            return None
        reach = self._reach(chars, gloss, sino)
        for end in range(len(chars) - 1, 1, -1):
            path = _path(reach, end, len(gloss.keys))
            if path is None or any(p.how != "ja" for p in path):
                continue
            rest = chars[end:]
            if _given_name(dictionary, rest):
                tail = self.readings(rest)
                reading = tail[0] if tail else ""
                return [*path, Piece(end, len(chars), len(gloss.keys), "rest", reading)]
        return None

    def _reach(
        self, chars: str, gloss: _Gloss, sino: Sequence[frozenset[str]]
    ) -> list[dict[int, Piece]]:
        """reach[i][j]: the last piece of a way chars[:i] spells the gloss's keys[:j].

        A piece is a dictionary entry read in Japanese (compared loosely) or one character
        read in Sino-Korean (compared exactly: loose keys would let 키 read 畿 기).
        """
        keys = gloss.keys
        reach: list[dict[int, Piece]] = [{} for _ in range(len(chars) + 1)]
        reach[0][0] = Piece(0, 0, 0, "", "")
        for i in range(len(chars)):
            for j in list(reach[i]):
                for end in range(i + 1, min(len(chars), i + _MAX_PIECE) + 1):
                    for reading in self.readings(chars[i:end]):
                        spelled = kana_to_hangul(reading)
                        piece_keys = loose_keys(spelled) if spelled else None
                        if piece_keys and keys[j : j + len(piece_keys)] == piece_keys:
                            reach[end].setdefault(
                                j + len(piece_keys), Piece(i, end, j, "ja", reading)
                            )
                if j < len(keys) and gloss.syllables[j] in sino[i]:
                    reach[i + 1].setdefault(j + 1, Piece(i, i + 1, j, "ko", ""))
        return reach

    def _reading_of(self, chars: str, start: int, end: int) -> str:
        """The Japanese reading of chars[start:end] in context (a word of the text's own)."""
        for s, e, reading in self._tokens(chars):
            if (s, e) == (start, end):
                return reading
        return "".join((self.readings(ch) or (ch,))[0] for ch in chars[start:end])

    def _describe(
        self, chars: str, path: list[Piece], gloss: _Gloss, surname: bool
    ) -> JapaneseMatch:
        words: list[list[Piece]] = []
        for n, piece in enumerate(path):
            if not n or piece.key in gloss.starts or piece.how == "rest":
                words.append([])
            words[-1].append(piece)
        kana_words = []
        spelled_words = []
        for word in words:
            kana = ""
            spelled = ""
            run = ""
            for piece in word:
                if piece.how == "ko":
                    reading = piece.reading or self._reading_of(chars, piece.start, piece.end)
                    kana += to_hiragana(reading)
                    spelled += (kana_to_hangul(run, initial=not spelled) or "") if run else ""
                    size = piece.end - piece.start
                    spelled += "".join(gloss.syllables[piece.key : piece.key + size])
                    run = ""
                else:
                    kana += to_hiragana(piece.reading) if piece.reading else ""
                    if piece.how == "ja":
                        run += piece.reading
            if run:
                spelled += kana_to_hangul(run, initial=not spelled) or ""
            kana_words.append(kana)
            if spelled:
                spelled_words.append(spelled)
        reading = " ".join(w for w in kana_words if w)
        standard = " ".join(spelled_words)
        kind = "mixed" if any(p.how == "ko" for p in path) else "transcription"
        parts = [f"read in Japanese: {reading}"]
        if surname:
            read = "".join(chars[p.start : p.end] for p in path if p.how == "ja")
            parts.append(f"the gloss reads only {read}, the family name")
        if kind == "mixed":
            sino_part = "".join(chars[p.start : p.end] for p in path if p.how == "ko")
            parts.append(f"{sino_part} is read in Sino-Korean")
        if standard.replace(" ", "") != gloss.text:
            parts.append(f"the standard spelling is {standard}")
        return JapaneseMatch(kind, reading, to_romaji(reading), standard, "; ".join(parts))


def _readings(dictionary: Any, form: str) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(
            m.reading_form()
            for m in dictionary.lookup(form)
            if m.surface() == form and m.reading_form() != form
        )
    )


def _split(gloss: str) -> list[str]:
    out = [""]
    for ch in gloss:
        if ch in _SEPARATORS:
            out.append("")
        else:
            out[-1] += ch
    return out


def _path(reach: list[dict[int, Piece]], end: int, length: int) -> list[Piece] | None:
    """The pieces of the way that reaches (end, length), first to last."""
    if not length or length not in reach[end]:
        return None
    path: list[Piece] = []
    i, j = end, length
    while i:
        piece = reach[i][j]
        path.append(piece)
        i, j = piece.start, piece.key
    path.reverse()
    return path


def _given_name(dictionary: Any, rest: str) -> bool:
    """Whether the rest of a full name is a given name in the dictionary (文雄, 晋三)."""
    return any(
        m.surface() == rest and m.part_of_speech()[2:4] == ("人名", "名")
        for m in dictionary.lookup(rest)
    )
