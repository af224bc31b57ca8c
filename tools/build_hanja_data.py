"""Build glossary/data/hanja.sqlite from libhangul's hanja.txt (a developer tool, not run time).

Usage::

    python tools/build_hanja_data.py [SOURCE] [OUT]

SOURCE defaults to ``../shared/data/libhangul-hanja.txt`` and OUT to ``glossary/data/hanja.sqlite``,
both relative to the repository root (the parent of this script's folder).

The output is deterministic: the same input (and the same SQLite library) gives a byte-identical
file. Rows are inserted in sorted order into WITHOUT ROWID tables with a fixed page size, and the
file is VACUUMed; nothing time-dependent is stored.

Schema (text stored as UTF-8: the CC-CEDICT index copies words from here inside SQLite, which
attaches only databases of the same encoding, and the index builds some 0.07 s quicker in UTF-8,
the encoding Python's strings are bound in. UTF-16 takes 2 bytes per hangul syllable or hanja
instead of 3: this file would be 6.3 MB instead of 8.2, the index 3.5 MB larger):

* ``chars(ch, rank, reading, meaning)``: a character's readings, most used first, 두음법칙
  duplicates merged into the original reading. The 268 KS X 1001 compatibility ideographs
  (U+F900–U+FA0B) get the reading they encode at rank 0, then the unified character's others.
* ``words(word, readings, listed)``: every entry of the list (single characters included), readings
  joined by one space; ``listed`` says what the CC-CEDICT index's Sino-Korean table
  (``glossary.dictionary.korean``) takes of the word, worked out here so that the index build
  copies rather than computes: 0 nothing (one character, or not hanja only), 1 its one reading as
  it is, 2 the rows of ``split_readings`` (or nothing, when no reading is as long as the word).
* ``split_readings(reading, word)``: the readings of the words of ``listed`` 2 that are as long as
  the word, one row each, by word then in the order of ``words.readings``.
* ``meta(key, value)``: format version and the source's SHA-256.

Format 2 added ``words.listed`` and ``split_readings``, and went from UTF-16 to UTF-8.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FORMAT_VERSION = 2
PAGE_SIZE = 4096

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "data" / "libhangul-hanja.txt"
DEFAULT_OUT = REPO_ROOT / "glossary" / "data" / "hanja.sqlite"

_SYLLABLE_FIRST = 0xAC00
_SYLLABLE_LAST = 0xD7A3
_NIEUN = 2  # index of ㄴ among the 19 initial consonants
_RIEUL = 5  # ㄹ
_IEUNG = 11  # ㅇ
# Medial vowels ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ: before them ㄹ and ㄴ become ㅇ; before others ㄹ becomes ㄴ.
_Y_OR_I_VOWELS = frozenset({2, 3, 6, 7, 12, 17, 20})
# The characters the index's Sino-Korean table takes words of: unified ideographs, extension A and
# compatibility ideographs (the GLOB class of glossary.dictionary.korean, as code point ranges).
_INDEX_HANJA = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF))

SCHEMA = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE chars (
    ch TEXT NOT NULL,
    rank INTEGER NOT NULL,
    reading TEXT NOT NULL,
    meaning TEXT NOT NULL,
    PRIMARY KEY (ch, rank)
) WITHOUT ROWID;
CREATE TABLE words (
    word TEXT PRIMARY KEY NOT NULL,
    readings TEXT NOT NULL,
    listed INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE split_readings (
    reading TEXT NOT NULL,
    word TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Entry:
    """One line of hanja.txt."""

    reading: str
    hanja: str
    meaning: str


def _is_syllable(ch: str) -> bool:
    return len(ch) == 1 and _SYLLABLE_FIRST <= ord(ch) <= _SYLLABLE_LAST


def initial_sound_law(syllable: str) -> str:
    """Apply 두음법칙 to one hangul syllable (리→이, 량→양, 로→노, 락→낙, 녀→여, 니→이).

    A private copy of the rule in ``glossary.engine.jamo.apply_initial_sound_law``, limited to one
    syllable, so that this script depends on nothing else in the package.

    Args:
        syllable: one character; anything but a precomposed hangul syllable is returned as is.

    Returns:
        The syllable as it is written at the start of a word.
    """
    if not _is_syllable(syllable):
        return syllable
    index = ord(syllable) - _SYLLABLE_FIRST
    initial, rest = divmod(index, 21 * 28)
    medial = rest // 28
    if initial == _RIEUL:
        initial = _IEUNG if medial in _Y_OR_I_VOWELS else _NIEUN
    elif initial == _NIEUN and medial in _Y_OR_I_VOWELS:
        initial = _IEUNG
    else:
        return syllable
    return chr(_SYLLABLE_FIRST + initial * 21 * 28 + rest)


def parse(lines: Iterable[str]) -> list[Entry]:
    """Parse hanja.txt lines ``reading:hanja:meaning``; ``#`` comments and blank lines are skipped.

    Args:
        lines: the file's lines.

    Returns:
        The entries in file order.

    Raises:
        ValueError: a line does not have three fields or has an empty reading or hanja.
    """
    entries: list[Entry] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split(":", 2)
        if len(fields) != 3 or not fields[0] or not fields[1]:
            raise ValueError(f"line {number}: expected 'reading:hanja:meaning', got {line!r}")
        entries.append(Entry(fields[0], fields[1], fields[2]))
    return entries


def _ks_x_1001_hanja() -> list[str]:
    """The 4,888 hanja of KS X 1001 in code order (sorted by reading), as Python decodes them."""
    chars: list[str] = []
    for lead in range(0xCA, 0xFE):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes((lead, trail)).decode("euc_kr"))
            except UnicodeDecodeError:
                continue
    return chars


def compat_readings(listed: dict[str, list[str]]) -> dict[str, str]:
    """Work out the reading each KS X 1001 compatibility ideograph (U+F900–U+FA0B) encodes.

    KS X 1001 lists its hanja sorted by reading and repeats a character under each reading; the
    repeats became compatibility ideographs. Walking the table in code order, the readings are
    non-decreasing, so for each position only the character's listed readings that fit between
    the lowest reading the positions before allow and the highest the positions after allow remain.
    With the full libhangul list every compatibility ideograph is left with exactly one.

    Args:
        listed: unified character → its readings in the data.

    Returns:
        Compatibility ideograph → the reading it encodes, for every one resolved unambiguously.
    """
    table = _ks_x_1001_hanja()
    candidates = [sorted(set(listed.get(unicodedata.normalize("NFC", c), ()))) for c in table]
    low: list[str] = []
    bound = ""
    for options in candidates:
        fitting = [r for r in options if r >= bound]
        if fitting:
            bound = min(fitting)
        low.append(bound)
    high = [""] * len(table)
    bound = "\U0010ffff"
    for i in range(len(table) - 1, -1, -1):
        fitting = [r for r in candidates[i] if r <= bound]
        if fitting:
            bound = max(fitting)
        high[i] = bound
    result: dict[str, str] = {}
    for ch, options, lo, hi in zip(table, candidates, low, high, strict=True):
        if not 0xF900 <= ord(ch) <= 0xFAFF:
            continue
        feasible = [r for r in options if lo <= r <= hi]
        if len(feasible) == 1:
            result[ch] = feasible[0]
    return result


def _merge_meanings(kept: str, dropped: str) -> str:
    """Append the 훈음 items of a dropped 두음법칙 duplicate that the kept meaning lacks."""
    items = [item.strip() for item in kept.split(",") if item.strip()]
    seen = {_gloss_key(item) for item in items}
    for item in dropped.split(","):
        item = item.strip()
        if item and _gloss_key(item) not in seen:
            seen.add(_gloss_key(item))
            items.append(item)
    return ", ".join(items)


def _gloss_key(item: str) -> str:
    """The 훈 of a 훈음 item (``'즐길 낙'`` → ``'즐길'``), so 즐길 락 and 즐길 낙 compare equal."""
    head, sep, tail = item.rpartition(" ")
    return head if sep and _is_syllable(tail) else item


def listed_in_index(word: str, readings: str) -> tuple[int, list[tuple[str, str]]]:
    """What the CC-CEDICT index's Sino-Korean table takes of a word (``words.listed``).

    The table takes words of two characters or more, each of them hanja (see ``_INDEX_HANJA``),
    with each of their readings that is as long as the word.

    Args:
        word: a word of the list.
        readings: its readings, joined by one space.

    Returns:
        0, 1 or 2 (see the module's description of ``words.listed``), and for 2 the rows of
        ``split_readings`` (reading, word), in order.
    """
    if len(word) < 2 or not all(
        any(low <= ord(ch) <= high for low, high in _INDEX_HANJA) for ch in word
    ):
        return 0, []
    if " " not in readings and len(readings) == len(word):
        return 1, []
    return 2, [(r, word) for r in readings.split(" ") if len(r) == len(word)]


@dataclass(frozen=True)
class Tables:
    """The rows to write, sorted by key (``split_readings`` by word, then reading order)."""

    chars: list[tuple[str, int, str, str]]
    words: list[tuple[str, str, int]]
    split_readings: list[tuple[str, str]]
    compat_resolved: int


def build_tables(entries: list[Entry]) -> Tables:
    """Rank character readings, order word readings and resolve compatibility ideographs.

    Args:
        entries: the parsed source in file order.

    Returns:
        The rows for the ``chars`` and ``words`` tables, sorted.
    """
    # Character → [(reading, meaning)] in file order, first occurrence of a reading wins.
    listed: dict[str, list[tuple[str, str]]] = {}
    for e in entries:
        if len(e.hanja) == 1:
            readings = listed.setdefault(e.hanja, [])
            if all(r != e.reading for r, _ in readings):
                readings.append((e.reading, e.meaning))
    reading_sets = {ch: {r for r, _ in rs} for ch, rs in listed.items()}

    counts: dict[str, Counter[str]] = {ch: Counter() for ch in listed}
    for e in entries:
        word, reading = e.hanja, e.reading
        if len(word) < 2 or len(reading) != len(word) or not all(map(_is_syllable, reading)):
            continue
        for i, (ch, syllable) in enumerate(zip(word, reading, strict=True)):
            known = reading_sets.get(ch)
            if known is None:
                continue
            if syllable in known:
                counts[ch][syllable] += 1
            if i == 0:
                for original in known:
                    if original != syllable and initial_sound_law(original) == syllable:
                        counts[ch][original] += 1

    def ranked(ch: str) -> list[tuple[str, str]]:
        order = {r: i for i, (r, _) in enumerate(listed[ch])}
        return sorted(listed[ch], key=lambda rm: (-counts[ch][rm[0]], order[rm[0]]))

    char_rows: list[tuple[str, int, str, str]] = []
    deduped: dict[str, list[tuple[str, str]]] = {}
    for ch in listed:
        readings = ranked(ch)
        meanings = dict(readings)
        kept: list[tuple[str, str]] = []
        for reading, _ in readings:
            originals = [r for r, _ in readings if r != reading and initial_sound_law(r) == reading]
            if originals:
                continue
            meaning = meanings[reading]
            for r, m in listed[ch]:
                if r != reading and initial_sound_law(reading) == r:
                    meaning = _merge_meanings(meaning, m)
            kept.append((reading, meaning))
        deduped[ch] = kept
        char_rows.extend((ch, rank, r, m) for rank, (r, m) in enumerate(kept))

    compat = compat_readings({ch: [r for r, _ in rs] for ch, rs in listed.items()})
    for ch, encoded in compat.items():
        unified = unicodedata.normalize("NFC", ch)
        first = (encoded, dict(listed[unified])[encoded])
        rest = [rm for rm in deduped[unified] if rm[0] != encoded]
        char_rows.extend((ch, rank, r, m) for rank, (r, m) in enumerate([first, *rest]))
    char_rows.sort()

    def matches(word: str, reading: str) -> bool:
        """Whether every syllable of the reading is a listed reading of its character."""
        if len(word) != len(reading):
            return False
        for i, (ch, syllable) in enumerate(zip(word, reading, strict=True)):
            known = reading_sets.get(ch)
            if known is None:
                if ch != syllable:
                    return False
            elif syllable not in known and not (
                i == 0 and any(initial_sound_law(r) == syllable for r in known)
            ):
                return False
        return True

    by_word: dict[str, list[str]] = {}
    for e in entries:
        for key in dict.fromkeys((e.hanja, unicodedata.normalize("NFC", e.hanja))):
            word_readings = by_word.setdefault(key, [])
            if e.reading not in word_readings:
                word_readings.append(e.reading)
    word_rows: list[tuple[str, str, int]] = []
    split_rows: list[tuple[str, str]] = []
    for word, word_readings in by_word.items():
        if any(" " in r for r in word_readings):
            raise ValueError(f"reading with a space for {word!r}: {word_readings!r}")
        if len(word) == 1 and word in counts:
            used = counts[word]
            order = {r: i for i, r in enumerate(word_readings)}
            word_readings = sorted(word_readings, key=lambda r: (-used[r], order[r]))
        else:
            word_readings = sorted(word_readings, key=lambda r: not matches(word, r))
        joined = " ".join(word_readings)
        listed, split = listed_in_index(word, joined)
        word_rows.append((word, joined, listed))
        split_rows += split
    word_rows.sort()
    split_rows.sort(key=lambda row: row[1])  # By word, each word's readings in their order.
    return Tables(char_rows, word_rows, split_rows, len(compat))


def write_database(tables: Tables, out: Path, source_sha256: str) -> None:
    """Write the tables to a new SQLite file at ``out`` (replaced atomically).

    Args:
        tables: the rows to write.
        out: the destination file.
        source_sha256: hex digest of the source, recorded in ``meta``.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        conn.execute("PRAGMA encoding = 'UTF-8'")
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
        conn.executescript(SCHEMA)
        meta = [
            ("format", str(FORMAT_VERSION)),
            ("source", "libhangul data/hanja/hanja.txt (BSD-3, Choe Hwanjin)"),
            ("source_sha256", source_sha256),
        ]
        with conn:
            conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta))
            conn.executemany("INSERT INTO chars VALUES (?, ?, ?, ?)", tables.chars)
            conn.executemany("INSERT INTO words VALUES (?, ?, ?)", tables.words)
            conn.executemany("INSERT INTO split_readings VALUES (?, ?)", tables.split_readings)
        conn.execute("VACUUM")
    finally:
        conn.close()
    os.replace(tmp, out)


def build(source: Path, out: Path) -> Tables:
    """Read ``source`` (hanja.txt) and write the SQLite dictionary to ``out``.

    Args:
        source: libhangul's hanja.txt.
        out: the SQLite file to write.

    Returns:
        The rows written.
    """
    data = source.read_bytes()
    entries = parse(data.decode("utf-8").splitlines())
    tables = build_tables(entries)
    write_database(tables, out, hashlib.sha256(data).hexdigest())
    return tables


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    tables = build(args.source, args.out)
    print(
        f"{args.out}: {args.out.stat().st_size:,} bytes, {len(tables.words):,} words, "
        f"{len(tables.chars):,} character readings, "
        f"{tables.compat_resolved} compatibility ideographs resolved",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
