"""Checking a glossary export against its JSON contract before anything of it is written.

``glossary import`` merges a file into the store only when all of it is what
``glossary export --format json`` writes (README, "JSON contract"): each field of the
right type, in its range and form, every string text, every term and document once, every
place inside its document. Otherwise the whole file is refused with one line naming the
first bad field, ``terms[3].documents[0].mentions: must be a whole number ≥ 0, not -5``,
and nothing is written.

Parsing cannot fail with a traceback either: JSON nested too deeply (Python's parser
recurses) and numbers of more than 4,300 digits (Python refuses to convert them) each get
their one line. Nothing here recurses over the data: only the fields the contract names
are visited, at the depth it gives them.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeGuard

from glossary.errors import InputError
from glossary.model import KINDS, READING_LANGUAGES
from glossary.store.schema import (
    CORRECTABLE,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    STATUSES,
    legacy_reading_language,
)

# The largest integer SQLite stores (a signed 64-bit one).
MAX_INT = 2**63 - 1
# The readings a gloss can match (``Term.matches``).
MATCHES = ("sino", "transcription")
# How much a time may be ahead of this machine's clock (another machine's may be fast).
CLOCK_SLACK = timedelta(days=1)
TIME_EXAMPLE = "2024-05-01T09:30:00.000000+00:00"

_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}\+00:00")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TERM_TEXTS = (*CORRECTABLE, "note")  # The term's free texts: its readings, forms and note.
_CHAR_FIELDS = (
    "char",
    "simplified",
    "traditional",
    "pinyin",
    "pinyin_numbered",
    "sino_korean",
    "hun_eum",
)
# The readings beside a term's own (schema 3), each with the characters it may hold (ranges
# of code points, and what to call them): kana for the Japanese reading, Latin letters for
# its romaji, hangul for the Korean usage and the word a headline hanja abbreviates. Words
# are separated by spaces in each.
_HANGUL = ((0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F), (0x20, 0x20))
_READING_FORMS: tuple[tuple[str, tuple[tuple[int, int], ...], str], ...] = (
    (
        "japanese_reading",
        ((0x3000, 0x30FF), (0x31F0, 0x31FF), (0xFF65, 0xFF9F), (0x20, 0x20)),
        "kana",
    ),
    ("japanese_romaji", ((0x20, 0x7E), (0xC0, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF)), "romaji"),
    ("conventional_reading", _HANGUL, "hangul"),
    ("conventional_source", ((0, 0x10FFFF),), "text"),
    ("abbreviates", _HANGUL, "hangul"),
)
_SHOWN_DIGITS = 30  # Longer integers are shown by their number of digits.
# The dictionary columns of a term the export gives without meanings: looked up again.
_NOT_LOOKED_UP = {
    "meanings": "[]",
    "mandarin_word": None,
    "frequency_rank": None,
    "char_meanings": "[]",
}


@dataclass(frozen=True)
class Parsed:
    """A checked export: its documents and terms, as plain dicts ready to be stored."""

    documents: list[dict[str, Any]]
    terms: list[dict[str, Any]]


@dataclass(frozen=True)
class Huge:
    """A JSON integer too long for Python to convert (over 4,300 digits), kept by its size."""

    digits: int
    negative: bool


class _Bad(Exception):
    """The first bad field: where it is and what is wrong with it."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(where, problem)
        self.where = where
        self.problem = problem


def loads(text: str, name: str) -> Any:
    """Parse the text of a JSON file, with one line for whatever it cannot be.

    Args:
        text: The file's text.
        name: What to call the file in error messages.

    Returns:
        The parsed JSON; an integer of more than 4,300 digits comes back as :class:`Huge`,
        for :func:`parse` to name its field.

    Raises:
        InputError: The text is not JSON, or is nested too deeply to be parsed.
    """
    try:
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            raise
        except ValueError:  # An integer Python will not convert: parse again, keeping it.
            return json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not a JSON file ({exc})") from None
    except RecursionError:
        raise InputError(
            f"{name}: not a glossary export (its lists and objects are nested too deeply)"
        ) from None


def _integer(digits: str) -> int | Huge:
    negative = digits.startswith("-")
    limit = sys.get_int_max_str_digits()
    if limit and len(digits) - negative > limit:
        return Huge(len(digits) - negative, negative)
    return int(digits)


def parse(data: Any, name: str, *, now: str | None = None) -> Parsed:
    """Check that parsed JSON is a glossary export this version reads, all of it.

    Args:
        data: The parsed JSON (from :func:`loads`, or built in Python).
        name: What to call the input in error messages.
        now: The current time as the store's clock gives it (default: this machine's):
            no time in the export may be later (give or take :data:`CLOCK_SLACK`).

    Returns:
        Its documents and terms, checked.

    Raises:
        InputError: It is something else; the message names the first bad field and
            says what is wrong with it.
    """
    try:
        return _Check(now).export(data, name)
    except _Bad as bad:
        raise InputError(f"{name}: {bad.where}: {bad.problem}") from None


class _Check:
    """The checks of each part of an export, in the order the export writes its fields."""

    def __init__(self, now: str | None) -> None:
        clock = datetime.now(UTC)
        if now is not None:
            try:
                given = datetime.fromisoformat(now)
                clock = given if given.tzinfo else given.replace(tzinfo=UTC)
            except ValueError:
                pass
        self.latest = clock + CLOCK_SLACK
        self.lengths: dict[str, int] = {}  # Each document's length, by hash.

    def export(self, data: Any, name: str) -> Parsed:
        if not isinstance(data, Mapping):
            raise InputError(
                f"{name}: not a glossary export (it must be an object, not {_shown(data)})"
            )
        if data.get("format") != EXPORT_FORMAT:
            hint = (
                " (an `extract` result? add the text with `glossary add`)"
                if "terms" in data
                else ""
            )
            raise InputError(f"{name}: not a glossary export from `glossary export`{hint}")
        version = data.get("version")
        if not _is_int(version) or version < 1:
            raise _Bad("version", f"must be a whole number ≥ 1, not {_shown(version)}")
        if version > EXPORT_VERSION:
            raise InputError(
                f"{name}: export version {_shown(version)} is newer than this hanja-reader"
            )
        documents = [
            self.document(raw, f"documents[{i}]")
            for i, raw in enumerate(self.items(data.get("documents"), "documents"))
        ]
        terms: list[dict[str, Any]] = []
        first: dict[tuple[str, str], int] = {}
        for i, raw in enumerate(self.items(data.get("terms"), "terms")):
            terms.append(self.term(raw, f"terms[{i}]", i, first))
        return Parsed(documents, terms)

    # -- the parts -------------------------------------------------------------------------

    def document(self, raw: Any, at: str) -> dict[str, Any]:
        doc = self.mapping(raw, at)
        sha = self.sha256(doc, "sha256", at)
        if sha in self.lengths:
            index = list(self.lengths).index(sha)
            raise _Bad(f"{at}.sha256", f"repeats the document of documents[{index}]")
        clean: dict[str, Any] = {"sha256": sha}
        for key in ("path", "title", "encoding"):
            clean[key] = self.text(doc, key, at)
        clean["length"] = self.whole(doc, "length", at)
        clean["added_at"] = self.time(doc, "added_at", at)
        self.lengths[sha] = clean["length"]
        return clean

    def term(
        self, raw: Any, at: str, index: int, first: dict[tuple[str, str], int]
    ) -> dict[str, Any]:
        term = self.mapping(raw, at)
        hanja = self.text(term, "hanja", at)
        if not hanja:
            raise _Bad(f"{at}.hanja", 'must be the term\'s hanja, not ""')
        hangul = self.text(term, "hangul", at)
        if (hanja, hangul) in first:
            raise _Bad(
                at,
                f"repeats the term {_shown(hanja)} / {_shown(hangul)} of "
                f"terms[{first[hanja, hangul]}] (each hanja and gloss once)",
            )
        first[hanja, hangul] = index
        clean: dict[str, Any] = {"hanja": hanja, "hangul": hangul}
        clean["kind"] = self.choice(term, "kind", at, KINDS)
        for key in _TERM_TEXTS:
            clean[key] = self.text(term, key, at)
        matches = []
        for j, value in enumerate(self.items(term.get("matches"), f"{at}.matches")):
            if value not in MATCHES:
                raise _Bad(
                    f"{at}.matches[{j}]", f"must be one of {_listed(MATCHES)}, not {_shown(value)}"
                )
            matches.append(value)
        clean["matches"] = json.dumps(matches, ensure_ascii=False)
        clean["kind_note"] = self.text(term, "kind_note", at)
        clean.update(self.readings(term, at, clean["kind"], matches, clean["kind_note"]))
        chars = []
        char_senses: list[list[str]] = []
        for j, value in enumerate(self.items(term.get("chars"), f"{at}.chars")):
            char = self.mapping(value, f"{at}.chars[{j}]")
            chars.append({key: self.text(char, key, f"{at}.chars[{j}]") for key in _CHAR_FIELDS})
            char_senses.append(self.senses(char, f"{at}.chars[{j}]"))
        clean["chars"] = json.dumps(chars, ensure_ascii=False)
        clean.update(self.looked_up(term, at, char_senses))
        clean["meaning"] = self.text(term, "meaning", at)
        clean["status"] = self.choice(term, "status", at, STATUSES)
        clean["user_note"] = self.text(term, "user_note", at)
        clean["created_at"] = self.time(term, "created_at", at)
        clean["updated_at"] = self.time(term, "updated_at", at)
        clean["user_updated_at"] = self.time(term, "user_updated_at", at, empty=True)
        clean["corrections"] = self.corrections(term.get("corrections"), f"{at}.corrections")
        clean["documents"] = self.links(term.get("documents"), f"{at}.documents")
        clean["occurrences"] = self.places(term.get("occurrences"), f"{at}.occurrences")
        return clean

    def looked_up(
        self, term: Mapping[str, Any], at: str, char_senses: list[list[str]]
    ) -> dict[str, Any]:
        """The dictionary's fields, as the store keeps them (``DICTIONARY_COLUMNS``).

        An export without them (an older one, or made without a dictionary) gives a term
        to be looked up again (``mandarin_word`` NULL).
        """
        meanings = self.senses(term, at)
        word = term.get("mandarin_word")
        if word is not None and not isinstance(word, bool):
            raise _Bad(f"{at}.mandarin_word", f"must be true, false or null, not {_shown(word)}")
        rank = None
        if term.get("frequency_rank") is not None:
            rank = self.whole(term, "frequency_rank", at, least=1)
        if word is None:
            return dict(_NOT_LOOKED_UP)
        return {
            "meanings": json.dumps(meanings, ensure_ascii=False),
            "mandarin_word": int(word),
            "frequency_rank": rank,
            "char_meanings": json.dumps(char_senses, ensure_ascii=False),
        }

    def readings(
        self, term: Mapping[str, Any], at: str, kind: str, matches: list[str], kind_note: str
    ) -> dict[str, str]:
        """The reading fields (schema 3), as the store keeps them (``READING_COLUMNS``).

        An export without them (an older one) gives the reading language the engine gave
        such a term then (:func:`~glossary.store.schema.legacy_reading_language`, as the
        store's migration does) and no other reading.
        """
        language = term.get("reading_language")
        if "reading_language" not in term:
            language = legacy_reading_language(kind, matches, kind_note)
        elif language not in READING_LANGUAGES:
            raise _Bad(
                f"{at}.reading_language",
                f'must be zh, ja, ko or "" (none), not {_shown(language)}',
            )
        found = {"reading_language": str(language)}
        for key, ranges, name in _READING_FORMS:
            value = self.text(term, key, at) if key in term else ""
            odd = next((c for c in value if not _within(c, ranges)), None)
            if odd is not None:
                raise _Bad(
                    f"{at}.{key}",
                    f"must be {name}, not {_shown(value)} (U+{ord(odd):04X} is not {name})",
                )
            found[key] = value
        return found

    def senses(self, obj: Mapping[str, Any], at: str) -> list[str]:
        """CC-CEDICT's senses of a term or a character: a list of text (none when absent)."""
        if "meanings" not in obj:
            return []
        where = f"{at}.meanings"
        found = []
        for j, value in enumerate(self.items(obj["meanings"], where)):
            if not isinstance(value, str):
                raise _Bad(f"{where}[{j}]", f"must be a string, not {_shown(value)}")
            lone = None if value.isascii() else _SURROGATE.search(value)
            if lone:
                raise _Bad(
                    f"{where}[{j}]",
                    f"must be text, but holds a lone surrogate (U+{ord(lone.group()):04X})",
                )
            found.append(value)
        return found

    def corrections(self, raw: Any, at: str) -> dict[str, tuple[str, str]]:
        fixes = self.mapping(raw, at)
        clean = {}
        for field_name, value in fixes.items():
            if field_name not in CORRECTABLE:
                raise _Bad(
                    at,
                    f"{_shown(field_name)} cannot be corrected (only {', '.join(CORRECTABLE)})",
                )
            fix = self.mapping(value, f"{at}.{field_name}")
            clean[field_name] = (
                self.text(fix, "value", f"{at}.{field_name}"),
                self.time(fix, "corrected_at", f"{at}.{field_name}"),
            )
        return clean

    def links(self, raw: Any, at: str) -> list[tuple[str, int, int]]:
        """A term's documents: each with its mentions, and those that may be another word
        (``uncertain_mentions``, 0 when an older export does not give them)."""
        links: list[tuple[str, int, int]] = []
        seen: dict[str, int] = {}
        for j, value in enumerate(self.items(raw, at)):
            where = f"{at}[{j}]"
            link = self.mapping(value, where)
            sha = self.known(link, "sha256", where)
            if sha in seen:
                raise _Bad(f"{where}.sha256", f"repeats the document of {at}[{seen[sha]}]")
            seen[sha] = j
            mentions = self.whole(link, "mentions", where)
            self.within(mentions, sha, f"{where}.mentions")
            uncertain = 0
            if "uncertain_mentions" in link:
                uncertain = self.whole(link, "uncertain_mentions", where)
                self.within(uncertain, sha, f"{where}.uncertain_mentions")
            links.append((sha, mentions, uncertain))
        return links

    def places(self, raw: Any, at: str) -> list[tuple[Any, ...]]:
        places: list[tuple[Any, ...]] = []
        seen: dict[tuple[Any, ...], int] = {}
        for j, value in enumerate(self.items(raw, at)):
            where = f"{at}[{j}]"
            place = self.mapping(value, where)
            sha = self.known(place, "document", where)
            spans: tuple[int | None, ...] = self.span(place, sha, where, "start", "end")
            spans += self.span(place, sha, where, "hanja_start", "hanja_end")
            spans += self.span(place, sha, where, "gloss_start", "gloss_end", null=True)
            key = (sha, *spans)
            if key in seen:
                raise _Bad(where, f"repeats the place of {at}[{seen[key]}]")
            seen[key] = j
            texts = tuple(self.text(place, key, where) for key in ("surface", "sentence", "note"))
            places.append((sha, *spans, *texts, self.sentence_at(place, texts, where)))
        return places

    def sentence_at(self, place: Mapping[str, Any], texts: tuple[str, ...], at: str) -> int | None:
        """Where a place's surface text starts in its sentence: absent or null when not known
        (an export made before it was kept)."""
        offset, (surface, sentence, _) = place.get("sentence_at"), texts
        if offset is None:
            return None
        if type(offset) is not int or offset < 0 or not sentence.startswith(surface, offset):
            raise _Bad(f"{at}.sentence_at", "is not where the surface text is in the sentence")
        return offset

    def span(
        self,
        place: Mapping[str, Any],
        sha: str,
        at: str,
        start: str,
        end: str,
        *,
        null: bool = False,
    ) -> tuple[int | None, int | None]:
        """A span's two offsets: inside the document, in order (both null, when allowed)."""
        first, last, length = place.get(start), place.get(end), self.lengths[sha]
        if type(first) is int and type(last) is int and 0 <= first <= last <= length:
            return first, last  # The usual case, quickly.
        if null and first is None and last is None:
            return None, None
        for key, other in ((start, end), (end, start)):
            if null and place.get(key) is None:
                raise _Bad(
                    f"{at}.{key}", f"must be a whole number ≥ 0 (or null with {other}), not null"
                )
        first = self.whole(place, start, at)
        self.within(first, sha, f"{at}.{start}")
        last = self.whole(place, end, at)
        if not first <= last <= length:
            raise _Bad(
                f"{at}.{end}",
                f"must be from {start} ({first}) to the length of its document ({length}), "
                f"not {last}",
            )
        return first, last

    # -- fields ----------------------------------------------------------------------------

    def mapping(self, value: Any, at: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise _Bad(at, f"must be an object, not {_shown(value)}")
        return value

    def items(self, value: Any, at: str) -> list[Any]:
        if not isinstance(value, list):
            raise _Bad(at, f"must be a list, not {_shown(value)}")
        return value

    def text(self, obj: Mapping[str, Any], key: str, at: str) -> str:
        value = obj.get(key)
        if not isinstance(value, str):
            raise _Bad(f"{at}.{key}", f"must be a string, not {_shown(value)}")
        lone = None if value.isascii() else _SURROGATE.search(value)
        if lone:
            raise _Bad(
                f"{at}.{key}",
                f"must be text, but holds a lone surrogate (U+{ord(lone.group()):04X})",
            )
        return value

    def choice(self, obj: Mapping[str, Any], key: str, at: str, allowed: tuple[str, ...]) -> str:
        value = obj.get(key)
        if value not in allowed:
            raise _Bad(f"{at}.{key}", f"must be one of {_listed(allowed)}, not {_shown(value)}")
        return str(value)

    def whole(self, obj: Mapping[str, Any], key: str, at: str, *, least: int = 0) -> int:
        value = obj.get(key)
        if type(value) is int and least <= value <= MAX_INT:  # The usual case, quickly.
            return value
        big = isinstance(value, Huge) and not value.negative
        if big or (_is_int(value) and value > MAX_INT):
            raise _Bad(
                f"{at}.{key}",
                f"must be a whole number ≤ {MAX_INT} (SQLite's largest), not {_shown(value)}",
            )
        if not _is_int(value) or value < least:
            raise _Bad(f"{at}.{key}", f"must be a whole number ≥ {least}, not {_shown(value)}")
        return int(value)

    def within(self, value: int, sha: str, at: str) -> None:
        """A count or an offset in a document: at most its length."""
        length = self.lengths[sha]
        if value > length:
            raise _Bad(at, f"must be at most the length of its document ({length}), not {value}")

    def sha256(self, obj: Mapping[str, Any], key: str, at: str) -> str:
        value = self.text(obj, key, at)
        if not _SHA256.fullmatch(value):
            raise _Bad(
                f"{at}.{key}", f"must be 64 hexadecimal digits (a SHA-256), not {_shown(value)}"
            )
        return value

    def known(self, obj: Mapping[str, Any], key: str, at: str) -> str:
        """The hash of one of the export's documents."""
        value = self.text(obj, key, at)
        if value not in self.lengths:
            raise _Bad(f"{at}.{key}", f"must name a document of the export, not {_shown(value)}")
        return value

    def time(self, obj: Mapping[str, Any], key: str, at: str, *, empty: bool = False) -> str:
        """A time as the store's clock writes it (UTC, microseconds), not in the future."""
        value = obj.get(key)
        if empty and value == "":
            return ""
        when = None
        if isinstance(value, str) and _TIME.fullmatch(value):
            with suppress(ValueError):
                when = datetime.fromisoformat(value)
        if when is None:
            wanted = "empty or a time" if empty else "a time"
            raise _Bad(
                f"{at}.{key}",
                f"must be {wanted} as the export writes it ({TIME_EXAMPLE}), not {_shown(value)}",
            )
        if when > self.latest:
            raise _Bad(f"{at}.{key}", f"must not be in the future, not {_shown(value)}")
        return str(value)


def _within(char: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ranges)


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _listed(allowed: tuple[str, ...]) -> str:
    return ", ".join(allowed)


def _shown(value: object) -> str:
    """A value as a message shows it: short, on one line, never a lone surrogate."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, Huge):
        return f"a {'negative ' if value.negative else ''}{value.digits}-digit number"
    if isinstance(value, int):
        if abs(value) < 10**_SHOWN_DIGITS:
            return str(value)
        digits = int(math.log10(abs(value))) + 1
        if 10 ** (digits - 1) > abs(value):  # log10 rounded up across a power of ten.
            digits -= 1
        return f"a {'negative ' if value < 0 else ''}{digits}-digit number"
    if isinstance(value, float):
        return json.dumps(value)
    if isinstance(value, str):
        cut = value if len(value) <= 40 else value[:40] + "…"
        return json.dumps(cut, ensure_ascii=bool(_SURROGATE.search(cut)))
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return f"a {type(value).__name__}"
