"""Chinese forms and readings: traditional and simplified shapes (OpenCC), pinyin (pypinyin).

The answers come from compact tables derived from OpenCC's and pypinyin's data
(:mod:`glossary.engine.tables`), read a few words at a time; the ``reference_`` functions
ask OpenCC and pypinyin directly, give the same answers (a test holds them equal on every
word of the libhangul list and CC-CEDICT), and serve when the tables cannot be had.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from glossary.engine.cjk import is_hanja, unify

if TYPE_CHECKING:
    from glossary.engine.tables import ChineseTables


@functools.cache
def shared_tables() -> ChineseTables | None:
    """The process's reading and conversion tables, opened (built) on first call.

    Returns:
        The tables, or None when they can be neither opened nor built (see
        :func:`glossary.engine.tablebuild.open_tables`): pypinyin and OpenCC answer then.
    """
    from glossary.engine.tablebuild import open_tables

    return open_tables()


@functools.cache
def _converter(config: str) -> Any:
    import opencc  # Loaded on first use: `import glossary` stays cheap.

    return opencc.OpenCC(config)


def _opencc_t2s(unified: str) -> str:
    return str(_converter("t2s").convert(unified))


def _t2s(unified: str) -> str:
    """OpenCC ``t2s`` of unified text: from the tables when they can tell, else OpenCC's."""
    tables = shared_tables()
    if tables is not None:
        converted = tables.simplified(unified)
        if converted is not None:
            return converted
    return _opencc_t2s(unified)


def to_simplified(text: str) -> str:
    """Convert traditional (or Korean) hanja to simplified Chinese with OpenCC ``t2s``.

    Args:
        text: Hanja; Korean variant shapes and compatibility ideographs are mapped first.

    Returns:
        The simplified form, same length.
    """
    return _t2s(unify(text))


def reference_to_simplified(text: str) -> str:
    """:func:`to_simplified` by OpenCC itself, without the tables.

    Args:
        text: Hanja.

    Returns:
        The simplified form.
    """
    return _opencc_t2s(unify(text))


def to_traditional(text: str) -> str:
    """Give the traditional Chinese form of hanja as Korean text writes them.

    Korean text is traditional already, so only characters that exist solely as simplified
    shapes (武汉) are converted with OpenCC ``s2t``; the rest keep their (unified) shape.
    ``s2t`` is loaded only for a word holding a character it may change where ``t2s`` keeps
    it (the tables say which).

    Args:
        text: Hanja as written.

    Returns:
        The traditional form, same length.
    """
    unified = unify(text)
    tables = shared_tables()
    if tables is not None and not tables.needs_s2t(unified):
        return unified
    return _traditional(unified, _t2s)


def reference_to_traditional(text: str) -> str:
    """:func:`to_traditional` by OpenCC itself, without the tables.

    Args:
        text: Hanja as written.

    Returns:
        The traditional form.
    """
    return _traditional(unify(text), _opencc_t2s)


def _traditional(unified: str, t2s: Callable[[str], str]) -> str:
    s2t = _converter("s2t")
    converted = str(s2t.convert(unified))
    if converted == unified or len(converted) != len(unified):
        return unified
    # s2t also rewrites some traditional characters; convert only when the text holds a
    # character that exists solely as a simplified shape.
    if any(c != u and t2s(u) == u for u, c in zip(unified, converted, strict=True)):
        return converted
    return unified


def prefetch(forms: Iterable[str]) -> None:
    """Read at once what converting and reading these hanja forms will ask the tables.

    Optional: what was not prefetched is read a word at a time.

    Args:
        forms: Hanja forms as written (repeats are fine).
    """
    tables = shared_tables()
    if tables is None:
        return
    unified = [unify(form) for form in dict.fromkeys(forms)]
    tables.prefetch(unified, readings=False)
    simplified = [tables.simplified(u) for u in unified]
    tables.prefetch([s for s in simplified if s is not None])


@functools.lru_cache(maxsize=8192)
def readings_of(char: str) -> tuple[str, ...]:
    """Every toneless Mandarin reading pypinyin knows for one character (ü kept).

    Args:
        char: One simplified character.

    Returns:
        Its readings, most common first, without repeats.
    """
    tables = shared_tables()
    marked = _reference_readings(char) if tables is None else tables.char(char).pinyin
    return tuple(dict.fromkeys(_split_tone(r)[0] for r in (marked or "").split(",") if r))


def _reference_readings(char: str) -> str | None:
    from pypinyin.constants import PINYIN_DICT

    readings: str | None = PINYIN_DICT.get(ord(char))
    return readings


def reference_readings_of(char: str) -> tuple[str, ...]:
    """:func:`readings_of` from pypinyin itself, without the tables.

    Args:
        char: One simplified character.

    Returns:
        Its readings, most common first, without repeats.
    """
    marked = _reference_readings(char) or ""
    return tuple(dict.fromkeys(_split_tone(r)[0] for r in marked.split(",") if r))


@dataclass(frozen=True)
class Pinyin:
    """Pinyin of a word, one item per character (non-hanja characters pass through)."""

    marked: tuple[str, ...]
    numbered: tuple[str, ...]
    plain: tuple[str, ...]


# The combining marks of tones 1 to 4 (macron, acute, caron, grave); tone 5 has none.
TONE_MARKS = "\u0304\u0301\u030c\u0300"
# The letters of pinyin beyond ASCII (lü, ê).
_NOT_ASCII_LETTERS = str.maketrans("", "", "üÜêÊ")


def _is_pinyin_letters(text: str) -> bool:
    """Whether a toneless syllable is Latin letters (ü and ê included), nothing else."""
    core = text.translate(_NOT_ASCII_LETTERS)
    return bool(text) and (not core or core.isascii() and core.isalpha())


def _tone_parts(syllable: str) -> tuple[str, int] | None:
    """A tone-marked syllable's letters (ü kept, case kept) and tone (5: no mark).

    None when what is left is not letters (a digit, punctuation): not a syllable.
    """
    tone = 5
    letters = []
    for ch in unicodedata.normalize("NFD", syllable):
        mark = TONE_MARKS.find(ch)
        if mark >= 0:
            tone = mark + 1
        else:
            letters.append(ch)
    plain = unicodedata.normalize("NFC", "".join(letters)).replace("v", "ü")
    return (plain, tone) if _is_pinyin_letters(plain) else None


def _mark_at(letters: str) -> int | None:
    """Where the tone mark goes in a toneless syllable (lower case), as pypinyin puts it.

    pypinyin's ``right_mark_index``: a, else o or e; the second of iu and ui; else i, u or
    ü; else the syllabic n, m or ê (ńg, ḿ, ê̄). The unabridged finals iou, uei and uen
    keep the mark of their short forms (-iu, -ui, -un).
    """
    for final, vowel in (("iou", "u"), ("uei", "i"), ("uen", "u")):
        if final in letters:
            return letters.index(vowel)
    for vowel in "aoe":
        if vowel in letters:
            return letters.index(vowel)
    for pair in ("iu", "ui"):
        if pair in letters:
            return letters.index(pair) + 1
    for vowel in "iuünmê":
        if vowel in letters:
            return letters.index(vowel)
    return None


def _marked(syllable: str) -> str:
    base, digit = (syllable[:-1], syllable[-1]) if syllable[-1:] in "12345" else (syllable, "")
    base = base.replace("u:", "ü").replace("U:", "Ü").replace("v", "ü").replace("V", "Ü")
    letters = _is_pinyin_letters(base)
    at = _mark_at(base.lower()) if letters and digit and digit != "5" else None
    if at is None:
        return base if letters else syllable
    mark = TONE_MARKS[int(digit) - 1]
    return unicodedata.normalize("NFC", base[: at + 1] + mark + base[at + 1 :])


def to_tone_marks(pinyin: str) -> str:
    """Tone-numbered pinyin written with tone marks, syllable by syllable.

    What pypinyin's ``tone_convert.to_tone`` gives (a test holds them equal on every
    reading pypinyin has), written here because importing pypinyin takes some 170 ms
    (its package loads its dictionaries) and this runs for every term. ``v`` and
    CC-CEDICT's ``u:`` are ``ü``; the neutral tone (5, or no number) is unmarked; case
    is kept. A part that is not a syllable (``3``, ``·``) stays as it is.

    Args:
        pinyin: Syllables separated by white space (``hang2 zhou1``, ``lu:4``, ``ng2``).

    Returns:
        The same syllables, tone-marked, separated by single spaces (``háng zhōu``,
        ``lǜ``, ``ńg``).
    """
    return " ".join(_marked(s) for s in pinyin.split())


def to_tone_numbers(pinyin: str) -> str:
    """Tone-marked pinyin written with tone numbers, syllable by syllable.

    What pypinyin's ``tone_convert.to_tone3`` gives with ``neutral_tone_with_five`` and
    ``v_to_u`` (a test holds them equal on every reading pypinyin has): the neutral
    tone is 5, ü stays ü. A part that is not a syllable (``3``, ``·``) stays as it is.

    Args:
        pinyin: Syllables separated by white space (``háng zhōu``, ``lǜ``, ``ma``).

    Returns:
        The same syllables with tone numbers (``hang2 zhou1``, ``lü4``, ``ma5``),
        separated by single spaces.
    """
    return " ".join(_split_tone(s)[1] for s in pinyin.split())


def numbered_tone(syllable: str) -> int | None:
    """The tone of one tone-numbered syllable.

    Args:
        syllable: Letters and a tone number, such as ``deng4``, ``lü4``, ``lv4`` or
            ``ma5`` (``3`` alone is a digit, not a syllable).

    Returns:
        1 to 5, or None when the text is not a tone-numbered syllable.
    """
    letters = syllable[:-1].replace("u:", "ü").replace("U:", "Ü")
    if syllable[-1:] in ("1", "2", "3", "4", "5") and _is_pinyin_letters(letters):
        return int(syllable[-1])
    return None


@functools.lru_cache(maxsize=4096)
def _split_tone(marked: str) -> tuple[str, str]:
    """A tone-marked syllable as (toneless with ü kept, tone-numbered with 5 for neutral)."""
    parts = _tone_parts(marked)
    if parts is None:
        plain = "".join(ch for ch in unicodedata.normalize("NFD", marked) if ch not in TONE_MARKS)
        plain = unicodedata.normalize("NFC", plain)
        return plain, plain
    letters, tone = parts
    return letters, f"{letters}{tone}"


def pinyin_of(simplified: str) -> Pinyin:
    """Read a simplified Chinese word with phrase context (pypinyin).

    The word must be simplified: pypinyin's phrase data is simplified, and reading the
    traditional form picks wrong readings (長城 as zhǎng, 音樂 as lè).

    Args:
        simplified: The simplified form of the word.

    Returns:
        Tone-marked, tone-numbered and toneless syllables, one per character; characters
        that are not hanja pass through unchanged, and hanja pypinyin has no reading for
        (most of extensions B to G) give "".
    """
    tables = shared_tables()
    marked = reference_marked(simplified) if tables is None else tables.marked(simplified)
    return _pinyin(simplified, marked)


def reference_pinyin_of(simplified: str) -> Pinyin:
    """:func:`pinyin_of` from pypinyin itself, without the tables.

    Args:
        simplified: The simplified form of the word.

    Returns:
        The same as :func:`pinyin_of`.
    """
    return _pinyin(simplified, reference_marked(simplified))


def reference_marked(simplified: str) -> list[str]:
    """pypinyin's tone-marked syllables of a word, one per character, from its own tables.

    pypinyin's own segmenter and tables, read directly: the same readings as
    ``pypinyin.pinyin(style=TONE)`` (checked on 9,000 words) at a tenth of the cost.

    Args:
        simplified: The simplified form of the word.

    Returns:
        One syllable per character ("" for hanja pypinyin cannot read).
    """
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT  # Large: loaded on first use.
    from pypinyin.seg.mmseg import seg

    marked: list[str] = []
    for part in seg.cut(simplified):
        phrase = PHRASES_DICT.get(part)
        if phrase is not None and len(phrase) == len(part):
            marked.extend(readings[0] for readings in phrase)
            continue
        for ch in part:
            readings = PINYIN_DICT.get(ord(ch))
            marked.append(readings.split(",")[0] if readings else "" if is_hanja(ch) else ch)
    return marked


def _pinyin(simplified: str, marked: list[str]) -> Pinyin:
    plain, numbered = [], []
    for syllable, ch in zip(marked, simplified, strict=True):
        if syllable == ch or not syllable:
            plain.append(syllable)
            numbered.append(syllable)
        else:
            p, n = _split_tone(syllable)
            plain.append(p)
            numbered.append(n)
    return Pinyin(tuple(marked), tuple(numbered), tuple(plain))
