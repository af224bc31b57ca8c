"""CC-CEDICT records (Entry, Source, Senses) and reading the dictionary and frequency files."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from pathlib import Path

from glossary.dictionary.pinyin import mark_tones, toneless_key, tones_of
from glossary.errors import DataError

__all__ = ["Entry", "Senses", "Source", "parse_line", "variant_target", "without_variant_note"]

# A file where more than this share of the non-comment lines fails to parse is not CC-CEDICT.
_MAX_BAD_SHARE = 0.01
_MAX_BAD_LINES = 20


# The patterns are compiled on first use, not when the module is imported.
@functools.cache
def _line() -> re.Pattern[str]:
    """One CC-CEDICT line: traditional, simplified, [pinyin], /senses/."""
    return re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


@functools.cache
def _entries() -> re.Pattern[str]:
    """Every entry of a whole file at once: the four fields, the senses without their outer
    slashes (``a/b``, not ``/a/b/``); an entry whose senses are nothing but slashes does not
    match."""
    return re.compile(
        r"^([^\s#]\S*) (\S+) \[([^\]\n]*)\] /+([^/\n](?:.*[^/\n])?)/+[ \t]*$", re.MULTILINE
    )


@functools.cache
def _blank_line() -> re.Pattern[str]:
    """A line of nothing but white space (or nothing), after the first line."""
    return re.compile(r"\n[^\S\n]*(?=\n|\Z)")


@functools.cache
def _frequency_line() -> re.Pattern[str]:
    """A ``word,count`` line of a frequency list (the word may hold commas)."""
    return re.compile(r"^(.+),(\d+)$", re.MULTILINE)


@dataclass(frozen=True)
class Entry:
    """One CC-CEDICT entry.

    Attributes:
        traditional: The traditional form.
        simplified: The simplified form.
        pinyin: The pinyin as CC-CEDICT writes it: tone numbers, syllables separated by spaces,
            capitals for proper nouns (``Hang2 zhou1``).
        definitions: The English senses, in the dictionary's order.
        frequency: How often the simplified word occurs in the Leiden Weibo Corpus, or None
            when the frequency list does not have it.
        rank: The word's rank in that list (1 is the most frequent), or None.
    """

    traditional: str
    simplified: str
    pinyin: str
    definitions: tuple[str, ...]
    frequency: int | None = None
    rank: int | None = None

    @property
    def proper(self) -> bool:
        """Whether the entry is a proper noun (CC-CEDICT capitalises their pinyin)."""
        return self.pinyin[:1].isupper()

    @property
    def pinyin_marked(self) -> str:
        """The pinyin with tone marks, lower case: ``háng zhōu``."""
        return mark_tones(self.pinyin)

    @property
    def pinyin_numbered(self) -> str:
        """The pinyin with tone numbers, lower case, ü spelt out: ``hang2 zhou1``."""
        return self.pinyin.lower().replace("u:", "ü")

    @property
    def toneless(self) -> str:
        """The bare letters of the pinyin: ``hangzhou``."""
        return toneless_key(self.pinyin)

    @property
    def tones(self) -> str:
        """The tone numbers of the syllables that carry one (the neutral tone left out)."""
        return tones_of(self.pinyin)


@dataclass(frozen=True)
class Source:
    """A dictionary file as the index remembers it: where it is, its size and its mtime."""

    path: Path
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Source:
        """Stat a dictionary file.

        Args:
            path: The file.

        Returns:
            Its identity.

        Raises:
            DataError: The file does not exist or is not a regular file.
        """
        try:
            st = path.stat()
        except OSError as exc:
            raise DataError(f"CC-CEDICT file not found: {path} ({exc.strerror})") from None
        if not path.is_file():
            raise DataError(f"CC-CEDICT file is not a regular file: {path}")
        return cls(path, st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Senses:
    """What the dictionary says about one word or character.

    Attributes:
        meanings: English senses, those of the reading asked for first, without repeats.
        found: Whether CC-CEDICT has the word at all.
        rank: Its rank in the frequency list (1 is the most frequent), or None.
    """

    meanings: tuple[str, ...]
    found: bool
    rank: int | None


@functools.cache
def _variant_of() -> re.Pattern[str]:
    """A sense that only names the word a form is a variant of (compiled once)."""
    return re.compile(r"(?:old |archaic )?variant of ([^\[|\s,]+)(?:\|([^\[\s,]+))?\[([^\]]+)\]")


def without_variant_note(sense: str) -> str:
    """A sense without the note that starts it, that the form is a variant of another (爲:
    "variant of 為|为[wei4], because of" is "because of"); a sense that is only the note stays.

    Args:
        sense: One sense.

    Returns:
        What it says of the meaning.
    """
    if "variant of " not in sense or ", " not in sense:
        return sense
    found = _variant_of().match(sense)
    if found is None or not sense.startswith(", ", found.end()):
        return sense
    return sense[found.end() + 2 :] or sense


def variant_target(senses: Sequence[str]) -> tuple[str, str, str] | None:
    """The word senses point at when all they say is that it is a variant of it.

    Args:
        senses: A word's senses (``("variant of 裡|里[li3]",)``).

    Returns:
        That word's (traditional, simplified, pinyin), or None when a sense says more (覆:
        "variant of 復|复[fu4]", then "to reply to a letter") or points at two words.
    """
    if not senses or "variant of " not in senses[0]:
        return None  # Almost every word: no regular expression run.
    matches = [_variant_of().fullmatch(sense) for sense in senses]
    targets = {m.groups() for m in matches if m is not None}
    if not matches or None in matches or len(targets) != 1:
        return None
    traditional, simplified, pinyin = targets.pop()
    return traditional, simplified or traditional, pinyin


@functools.cache
def _pointer() -> re.Pattern[str]:
    """A sense that sends the reader to a longer word (compiled once)."""
    return re.compile(r"(?:see(?: also)?|used in) ([^\x00-\x7f][^\[\s,;]*)")


def points_at_word(sense: str) -> bool:
    """Whether a character's sense only sends the reader to a word it is part of: "see
    葡萄[pu2 tao5]", "used in 葡萄". A character that is a word of its own is not in that word
    (the segmenter would have found it whole), so such a sense says nothing of it there.

    Args:
        sense: One sense.

    Returns:
        True for such a sense ("used in transliteration" is not one).
    """
    return sense.startswith(("see ", "used in ")) and _pointer().match(sense) is not None


def pointed_words(sense: str) -> tuple[str, ...]:
    """The forms of the word a sense sends the reader to ("see 掙扎|挣扎[zheng1 zha2]": 掙扎
    and 挣扎); none for another sense.

    Args:
        sense: One sense.

    Returns:
        The word's forms as the sense writes them.
    """
    found = _pointer().match(sense) if sense.startswith(("see ", "used in ")) else None
    return tuple(filter(None, found.group(1).split("|"))) if found is not None else ()


# -- parsing --------------------------------------------------------------------------------


def parse_line(line: str) -> Entry | None:
    """Read one line of a CC-CEDICT file.

    Args:
        line: ``杭州 杭州 [Hang2 zhou1] /Hangzhou .../``.

    Returns:
        The entry, or None for a line that is not one (a comment or a malformed line).
    """
    match = _line().match(line)
    if match is None or line.startswith("#"):
        return None
    traditional, simplified, pinyin, senses = match.groups()
    definitions = tuple(s for s in senses.split("/") if s)
    if not definitions:
        return None
    return Entry(traditional, simplified, pinyin.strip(), definitions)


# Traditional, simplified, pinyin, and the senses joined by "/" (the outer slashes off).
_Raw = tuple[str, str, str, str]


def _read_entries(path: Path) -> tuple[list[_Raw], int]:
    """Every entry of a CC-CEDICT file, unparsed past its four fields, and the bad lines."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read CC-CEDICT file {path}: {exc.strerror}") from None
    if b"\x00" in raw[:4096]:
        raise DataError(f"{path} is not a CC-CEDICT file (it holds binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path} is not a CC-CEDICT file (not UTF-8 at byte {exc.start})") from None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    # One scan of the whole text (a regular expression per line is three times slower).
    entries: list[_Raw] = _entries().findall(text)
    lines = _lines(text)
    bad = lines - len(entries)
    if not entries:
        raise DataError(f"{path} is not a CC-CEDICT file (no dictionary entry in it)")
    if bad > max(_MAX_BAD_LINES, _MAX_BAD_SHARE * lines):
        number, line = next(
            (n, line)
            for n, line in enumerate(text.split("\n"), 1)
            if line.strip() and not line.startswith("#") and parse_line(line) is None
        )
        raise DataError(
            f"{path} is not a CC-CEDICT file ({bad} malformed lines; line {number}: {line[:60]!r})"
        )
    return entries, bad


def _lines(text: str) -> int:
    """How many lines of a text are neither blank nor comments (``#``), counted without
    splitting the text (copying 9 MB of CC-CEDICT into 120,000 strings)."""
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    comments = text.startswith("#") + text.count("\n#")
    blank = (not first.strip()) + len(_blank_line().findall(text))
    return text.count("\n") + 1 - comments - blank


def _read_frequencies(path: Path | None, words: set[str]) -> dict[str, tuple[int, int]]:
    """Count and rank of each of ``words`` in a ``word,count`` frequency list (Leiden's)."""
    if path is None:
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}  # Frequencies are a bonus: a dictionary without them still works.
    parts = text.replace(",", "\n").split("\n")
    if parts and not parts[-1]:
        parts.pop()
    if len(parts) == 2 * text.count("\n", 0, len(text) - text.endswith("\n")) + 2 and all(
        map(str.isdigit, parts[1::2])
    ):  # One comma per line: split in C, not line by line.
        names, counts = parts[0::2], parts[1::2]
    else:
        found = _frequency_line().findall(text)
        names, counts = [n for n, _ in found], [c for _, c in found]
    # A word listed twice counts its last count: for the ranks (when some word is listed twice,
    # which one set of the 450,000 names tells) and for the words asked about (dict keeps the
    # last). Done by iterators in C, not line by line.
    if len(set(names)) == len(names):
        listed = Counter(counts)  # Words per count, as written.
    else:
        listed = Counter(dict(zip(names, counts, strict=True)).values())
    wanted = dict(compress(zip(names, counts, strict=True), map(words.__contains__, names)))
    # Rank 1 is the most frequent word; equal counts share a rank.
    tally: Counter[int] = Counter()
    for written, words_counted in listed.items():
        tally[int(written)] += words_counted
    rank_of: dict[int, int] = {}
    above = 0
    for value in sorted(tally, reverse=True):
        rank_of[value] = above + 1
        above += tally[value]
    ranked = {written: (int(written), rank_of[int(written)]) for written in listed}
    return {word: ranked[written] for word, written in wanted.items()}
