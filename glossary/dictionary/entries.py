"""CC-CEDICT records (Entry, Source, Senses) and reading the dictionary and frequency files."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from glossary.dictionary.pinyin import mark_tones, toneless_key, tones_of
from glossary.errors import DataError

__all__ = ["Entry", "Senses", "Source", "parse_line"]

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_ENTRIES = re.compile(r"^([^\s#]\S*) (\S+) \[([^\]\n]*)\] (/.*/)[ \t]*$", re.MULTILINE)
# A file where more than this share of the non-comment lines fails to parse is not CC-CEDICT.
_MAX_BAD_SHARE = 0.01
_MAX_BAD_LINES = 20
_FREQUENCY_LINE = re.compile(r"^(.+),(\d+)$", re.MULTILINE)


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


# -- parsing --------------------------------------------------------------------------------


def parse_line(line: str) -> Entry | None:
    """Read one line of a CC-CEDICT file.

    Args:
        line: ``杭州 杭州 [Hang2 zhou1] /Hangzhou .../``.

    Returns:
        The entry, or None for a line that is not one (a comment or a malformed line).
    """
    match = _LINE.match(line)
    if match is None or line.startswith("#"):
        return None
    traditional, simplified, pinyin, senses = match.groups()
    definitions = tuple(s for s in senses.split("/") if s)
    if not definitions:
        return None
    return Entry(traditional, simplified, pinyin.strip(), definitions)


_Raw = tuple[str, str, str, str]  # traditional, simplified, pinyin, senses joined by "/"


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
    entries: list[_Raw] = [e for e in _ENTRIES.findall(text) if e[3].strip("/")]
    lines = sum(1 for line in text.split("\n") if line.strip() and not line.startswith("#"))
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
        found = _FREQUENCY_LINE.findall(text)
        names, counts = [n for n, _ in found], [c for _, c in found]
    last = dict(zip(names, counts, strict=True))  # A word listed twice: its last count.
    # Rank 1 is the most frequent word; equal counts share a rank. Counted in C: 450,000 lines.
    listed = Counter(last.values())  # Words per count, as written.
    tally: Counter[int] = Counter()
    for written, words_counted in listed.items():
        tally[int(written)] += words_counted
    rank_of: dict[int, int] = {}
    above = 0
    for value in sorted(tally, reverse=True):
        rank_of[value] = above + 1
        above += tally[value]
    ranked = {written: (int(written), rank_of[int(written)]) for written in listed}
    return {word: ranked[last[word]] for word in words & last.keys()}
