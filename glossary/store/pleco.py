"""Pleco's flashcard import text: one card per line, in categories.

Pleco (Flashcards > Import/Export > Import Cards, encoding UTF-8) reads text: a line per
card, the headword, its pinyin and its definition separated by tabs, and category lines
that start with ``//`` (``//hanja-reader/Sino-Korean reading``; a ``/`` starts a
subcategory). A headword is written ``simplified[traditional]`` when the two forms
differ, the way Pleco writes its own exports; pinyin has tone numbers (5 the neutral
tone), a word's syllables joined (``bei3jing1``) and names capitalised
(``Deng4 Xiao3ping2``). The definition is the user's meaning, what a headline hanja
abbreviates, then CC-CEDICT's senses of the word (or of each character, marked "by
character"), then the Korean word and, when it differs, its Sino-Korean reading
(``Hangzhou ...; 항저우 (항주)``), the reading Korean usage gives it, and the Japanese reading
the gloss follows.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from glossary.model import KINDS, Term
from glossary.store.anki_notes import (
    CHAR_SENSES,
    KIND_LABELS,
    english_text,
    japanese_text,
    kind_label,
)
from glossary.store.anki_package import DEFAULT_DECK
from glossary.store.anki_pinyin import is_name, pinyin_words
from glossary.store.atomic import write_atomic
from glossary.store.schema import STATUSES

if TYPE_CHECKING:
    from glossary.store.core import Store
    from glossary.store.records import StoredTerm

__all__ = ["export_pleco", "pleco_definition", "pleco_headword", "pleco_pinyin", "render_pleco"]

# The statuses written when none is asked for: all but ``ignored``, as in every export but
# JSON (glossary.store.export.STUDIED; not imported from there, which may import this).
_STUDIED = tuple(s for s in STATUSES if s != "ignored")
# A syllable with its tone number: ``zhou1``, ``Xiao3``, ``nü3``.
_SYLLABLE = re.compile(r"^[a-zü]+[1-5]$", re.IGNORECASE)


def _clean(text: str) -> str:
    """One line of text: tabs, line breaks and runs of spaces become single spaces."""
    return " ".join(text.split())


def pleco_headword(term: Term) -> str:
    """The card's headword: ``simplified[traditional]``, or one form when they are the same.

    Args:
        term: The term.

    Returns:
        Plain text; the hanja as written stand in for a missing form.
    """
    simplified = _clean(term.simplified) or _clean(term.hanja)
    traditional = _clean(term.traditional) or _clean(term.hanja)
    return simplified if simplified == traditional else f"{simplified}[{traditional}]"


def _joined(parts: list[str]) -> list[str]:
    """Syllables with tone numbers run together; anything else (``3``, ``AI``) stands apart."""
    tokens: list[str] = []
    after_syllable = False
    for part in parts:
        syllable = bool(_SYLLABLE.match(part))
        if syllable and after_syllable:
            tokens[-1] += part
        else:
            tokens.append(part)
        after_syllable = syllable
    return tokens


def pleco_pinyin(term: Term) -> str:
    """The pinyin as Pleco reads it: tone numbers, a word's syllables joined.

    A name (a Chinese name a transcription glosses) is written as the cards write it,
    capitalised and split into words (``Deng4 Xiao3ping2``); any other term is one word
    (``xing4li3xue2``). Characters without a syllable of their own (``3`` in ``3甲``)
    stand apart.

    Args:
        term: The term.

    Returns:
        Plain text; the stored numbered pinyin, spaced as stored, when it does not line up
        with the tone-marked one.
    """
    numbered = term.pinyin_numbered.replace("u:", "ü").replace("v", "ü").split()
    words = pinyin_words(term)
    if words is None or sum(len(w) for w in words) != len(numbered):
        return " ".join(numbered)
    groups: list[list[str]] = []
    at = 0
    for word in words:
        parts = numbered[at : at + len(word)]
        at += len(word)
        if word[0].text[:1].isupper():
            parts[0] = parts[0][:1].upper() + parts[0][1:]
        groups.append(parts)
    if not is_name(term):
        groups = [[part for group in groups for part in group]]
    return " ".join(token for group in groups for token in _joined(group))


def _korean(term: Term) -> str:
    """The Korean word, with its Sino-Korean reading when that differs (``항저우 (항주)``) and
    the reading usage gives it when that differs again (``선전 (심수), usually 심천``)."""
    gloss, reading = _clean(term.hangul), _clean(term.sino_korean)
    word = f"{gloss} ({reading})" if gloss and reading and reading != gloss else gloss or reading
    usual = _clean(term.conventional_reading)
    if usual and usual not in (gloss, reading):
        word = f"{word}, usually {usual}" if word else usual
    return word


def pleco_definition(stored: StoredTerm) -> str:
    """The card's definition: the user's meaning, the senses, the Korean word.

    The word's CC-CEDICT senses when the dictionary has the word (as the cards' English
    field gives them: the word's own hanja in them as ``～``, so that a test showing the
    definition does not show the answer), else each character's
    (``by character: 人 person / people; 工 work / worker``); then the Korean gloss and
    the Sino-Korean reading (``항저우 (항주)``), or the reading alone for bare hanja.

    A headline hanja's abbreviation comes before the senses (``headline abbreviation of
    미국``), a Japanese reading after the Korean word (``Japanese たかいち さなえ (takaichi
    sanae)``).

    Args:
        stored: The stored term.

    Returns:
        One line of plain text, parts joined by ``; ``.
    """
    term = stored.term
    parts = [_clean(line) for line in stored.meaning.splitlines()]
    if term.abbreviates:
        parts.append(f"headline abbreviation of {_clean(term.abbreviates)}")
    if term.meanings:
        parts.append(_clean(english_text(term)))
    else:
        chars = [
            f"{_clean(c.char)} {' / '.join(_clean(s) for s in c.meanings[:CHAR_SENSES])}"
            for c in term.chars
            if c.meanings
        ]
        if chars:
            parts.append("by character: " + "; ".join(chars))
    parts.append(_korean(term))
    japanese = japanese_text(term)
    if japanese:
        parts.append(f"Japanese {japanese}")
    return "; ".join(part for part in parts if part)


def _category(deck: str, label: str) -> str:
    """A category line: the deck (Anki's ``::`` levels as Pleco's ``/``), then the kind."""
    path = [_clean(level) for level in deck.split("::")]
    path.append(label)
    return "//" + "/".join(level for level in path if level)


def render_pleco(terms: Sequence[StoredTerm], deck: str = DEFAULT_DECK) -> str:
    """Pleco's flashcard text: a category line per kind of gloss, then a line per card.

    Kinds come in the order of :data:`glossary.model.KINDS` (transcriptions of a Japanese
    reading in their own category after the Mandarin ones); terms keep their order within
    a kind.

    Args:
        terms: The stored terms.
        deck: The top category (Anki's ``::`` levels become subcategories).

    Returns:
        The text; empty when there are no terms.
    """
    order: dict[str, int] = {kind: i for i, kind in enumerate(KINDS)}
    groups: dict[tuple[int, str, bool, str], list[StoredTerm]] = {}
    for stored in terms:
        kind, label = stored.term.kind, kind_label(stored.term)
        own = (order.get(kind, len(order)), kind, label != KIND_LABELS.get(kind, kind), label)
        groups.setdefault(own, []).append(stored)
    lines = []
    for group in sorted(groups):
        lines.append(_category(deck, group[3]))
        for stored in groups[group]:
            cells = (
                pleco_headword(stored.term),
                pleco_pinyin(stored.term),
                pleco_definition(stored),
            )
            lines.append("\t".join(cells))
    return "".join(line + "\n" for line in lines)


def export_pleco(
    store: Store,
    path: str | os.PathLike[str] | BinaryIO,
    *,
    status: str | Iterable[str] | None = None,
    kind: str | Iterable[str] | None = None,
    deck: str = DEFAULT_DECK,
    force: bool = False,
) -> int:
    """Write the store's terms (or the chosen ones) as Pleco flashcard text, UTF-8.

    Args:
        store: The open store.
        path: The file to write (atomically, see
            :func:`~glossary.store.atomic.write_atomic`), or a binary stream.
        status: Keep only terms with this status (or any of these); by default every term
            but the ignored ones.
        kind: Keep only terms of this kind (or any of these).
        deck: The top category.
        force: Replace ``path`` when it exists (a file only).

    Returns:
        How many cards were written.

    Raises:
        ExportError: The file exists (without ``force``), is not a regular file, or
            cannot be written.
        OSError: Writing to the stream failed.
    """
    terms = store.terms(status=_STUDIED if status is None else status, kind=kind)
    data = render_pleco(terms, deck).encode("utf-8")
    if isinstance(path, (str, os.PathLike)):

        def write(temp: Path) -> None:
            temp.write_bytes(data)

        write_atomic(path, write, force=force)
    else:
        path.write(data)
    return len(terms)
