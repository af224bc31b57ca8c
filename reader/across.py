"""Across articles: in how many articles each term stands, and its hanja's other glosses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossary import Term
    from glossary.store import StoredTerm

TermKey = tuple[str, str]

THIS_ARTICLE = "this article"


@dataclass(frozen=True)
class OtherGloss:
    """Another gloss of a term's hanja (杭州 as 항주 where the text writes 항저우).

    Attributes:
        hangul: The gloss (``""`` for the bare hanja).
        kind: Its kind: transcription, sino, translation, mixed or bare.
        articles: The titles of the articles it was seen in (``this article`` for the
            one being read).
    """

    hangul: str
    kind: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Across:
    """What is known of one term of the text beyond the text.

    Attributes:
        articles: The articles it stands in, the one being read included; None when the
            glossary store is not at hand.
        others: The other glosses of its hanja, the most articles first.
    """

    articles: int | None
    others: tuple[OtherGloss, ...]


def _title(title: str, path: str) -> str:
    return title or (PurePath(path).name if path not in ("", "-") else "") or "untitled"


def across(
    terms: Sequence[Term], stored: Sequence[StoredTerm] | None, sha: str = ""
) -> dict[TermKey, Across]:
    """Put a text's terms beside what the glossary store holds for their hanja.

    Args:
        terms: The terms of the text being read.
        stored: Every stored term that has the hanja of one of ``terms`` (whatever its
            gloss), or None when the store is not at hand: then the other glosses are
            those of the text alone.
        sha: The SHA-256 of the text being read, so that it counts once whether it is
            stored or not.

    Returns:
        For each term's key, the articles it stands in and the other glosses of its hanja.
    """
    seen: dict[TermKey, list[str]] = {}
    kinds: dict[TermKey, str] = {}
    shas: dict[TermKey, set[str]] = {}
    for found in stored or ():
        key = found.key
        kinds[key] = found.term.kind
        shas[key] = {s.sha256 for s in found.sources}
        seen[key] = [
            THIS_ARTICLE if s.sha256 == sha else _title(s.title, s.path) for s in found.sources
        ]
    for term in terms:
        kinds.setdefault(term.key, term.kind)
        titles = seen.setdefault(term.key, [])
        if THIS_ARTICLE not in titles:
            titles.insert(0, THIS_ARTICLE)
        shas.setdefault(term.key, set()).add(sha)
    by_hanja: dict[str, list[TermKey]] = {}
    for key in sorted(seen, key=lambda k: -len(seen[k])):  # stable: most articles first
        by_hanja.setdefault(key[0], []).append(key)
    result: dict[TermKey, Across] = {}
    for term in terms:
        others = tuple(
            OtherGloss(key[1], kinds[key], tuple(seen[key]))
            for key in by_hanja[term.hanja]
            if key != term.key
        )
        result[term.key] = Across(len(shas[term.key]) if stored is not None else None, others)
    return result
