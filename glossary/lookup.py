"""Looking terms up: explain any hanja, and search a glossary by hangul, hanja or pinyin."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from glossary.cjk import is_hanja
from glossary.enrich import Enricher
from glossary.model import Term


def explain(hanja: str, enricher: Enricher | None = None) -> Term:
    """Explain a hanja string that no gloss explains (a character under the pointer).

    Args:
        hanja: One or more hanja.
        enricher: An enricher to reuse (its caches carry over).

    Returns:
        A bare term with no occurrences.
    """
    enricher = enricher if enricher is not None else Enricher()
    info = enricher.info(hanja)
    return Term(
        hanja=hanja,
        hangul="",
        kind="bare",
        simplified=info.simplified,
        traditional=info.traditional,
        pinyin=" ".join(info.pinyin.marked),
        pinyin_numbered=" ".join(info.pinyin.numbered),
        sino_korean=info.sino_korean,
        mandarin_hangul=info.mandarin_hangul,
        chars=info.chars,
    )


def toneless(pinyin: str) -> str:
    """Pinyin without tone marks, tone numbers, spaces or apostrophes, lower case (ü kept).

    Args:
        pinyin: Pinyin in any of its spellings (háng zhōu, hang2zhou1, Hangzhou).

    Returns:
        The bare letters: hangzhou.
    """
    out = []
    for ch in unicodedata.normalize("NFD", pinyin.lower()):
        if ch == "\u0308":  # Keep ü: it tells lü from lu.
            out.append(ch)
        elif unicodedata.combining(ch) or ch.isdigit() or ch in " '’-":
            continue
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)).replace("v", "ü")


def _latin(text: str) -> bool:
    bare = toneless(text)
    return bool(bare) and all(c.isascii() and c.isalpha() or c == "ü" for c in bare)


def _keys(term: Term) -> tuple[set[str], set[str]]:
    exact = {term.hanja, term.simplified, term.traditional}
    spoken = {term.hangul, term.sino_korean, term.mandarin_hangul}
    exact |= {s.replace(" ", "") for s in spoken if s}
    return exact, {toneless(term.pinyin)}


def search(terms: Sequence[Term], query: str, enricher: Enricher | None = None) -> list[Term]:
    """Find terms by hanja (any shape), hangul (gloss, Sino-Korean reading, transcription) or
    pinyin (with tone marks, tone numbers or none).

    Exact matches come first, then terms whose forms start with the query, then those that
    contain it, each group in glossary order. A query of hanja that no term matches is
    explained on its own, so the result is never empty for hanja.

    Args:
        terms: The terms to search (a glossary's).
        query: What the user typed.
        enricher: An enricher for explaining unmatched hanja.

    Returns:
        The matching terms, best first.
    """
    q = query.strip()
    if not q:
        return []
    q_compact = q.replace(" ", "")
    q_pinyin = toneless(q) if _latin(q) else ""
    ranked: list[tuple[int, int, Term]] = []
    for index, term in enumerate(terms):
        exact, pinyin = _keys(term)
        rank = None
        if q_compact in exact or (q_pinyin and q_pinyin in pinyin):
            rank = 0
        elif any(k.startswith(q_compact) for k in exact if k) or (
            q_pinyin and any(p.startswith(q_pinyin) for p in pinyin)
        ):
            rank = 1
        elif len(q_compact) > 1 and any(q_compact in k for k in exact):
            rank = 2
        if rank is not None:
            ranked.append((rank, index, term))
    ranked.sort(key=lambda r: (r[0], r[1]))
    found = [t for _, _, t in ranked]
    if not any(r == 0 for r, _, _ in ranked) and q_compact and all(is_hanja(c) for c in q_compact):
        found.insert(0, explain(q_compact, enricher))
    return found
