"""Reading the store: terms with their corrections, sources and examples; names; counts.

:class:`_Reads` is the part of :class:`glossary.store.core.Store` that answers questions
and changes nothing: which documents are stored, the terms (filtered and sorted), one
term's status, the term a user means by a name, every gloss of a hanja, and counts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import replace
from typing import cast

from glossary.engine.placed import PLACED_READINGS, read_at
from glossary.errors import UnknownTermError
from glossary.model import KINDS
from glossary.store.connection import _Connection
from glossary.store.records import (
    STORED_COLUMNS,
    Example,
    Source,
    Stats,
    StoredTerm,
    as_status,
    checked_sort,
    filters,
    looked_up,
    row_term,
    sort_terms,
    stored_term,
)
from glossary.store.schema import STATUSES, Status, TermKey
from glossary.store.senses import looked_up_now

# A place as a term's example: its sentence, surface text, spans, title and place in the sentence.
_EXAMPLE_COLUMNS = (
    "s.text, o.surface, o.span_start, o.hanja_start, o.hanja_end, d.title, o.sentence_at"
)
_EXAMPLES = (
    "occurrences o JOIN documents d ON d.id = o.document_id "
    "JOIN sentences s ON s.id = o.sentence_id"
)
_PLACES_LOOKED_AT = 200  # Of a placed character's, for one that reads as the term does.


def _example(
    sentence: str, surface: str, start: int, h_start: int, h_end: int, title: str, at: int | None
) -> Example:
    return Example(sentence, surface, h_start - start, h_end - start, title, at)


def _read_as_stored(db: sqlite3.Connection, term_id: int, stored: StoredTerm) -> StoredTerm:
    """A character read by its place (为 wéi or wèi) with an example that reads as the term:
    its first place that does, else its first place (a flashcard reading 为 wéi should not
    show 他为国家 as its sentence)."""
    example, term = stored.example, stored.term
    if example is None or example.at is None or term.hanja not in PLACED_READINGS:
        return stored
    places = db.execute(
        f"SELECT {_EXAMPLE_COLUMNS} FROM {_EXAMPLES} WHERE o.term_id = ? "
        "AND o.sentence_at IS NOT NULL ORDER BY o.id LIMIT ?",
        (term_id, _PLACES_LOOKED_AT),
    )
    for place in places:
        found = _example(*place)
        at = cast(int, found.at) + found.hanja_start
        reading = read_at(found.sentence, at) if found.sentence[at : at + 1] == term.hanja else None
        if reading is not None and reading[0] == term.pinyin:
            return replace(stored, example=found) if found != example else stored
    return stored


class _Reads(_Connection):
    """Reading documents, terms and counts (part of :class:`glossary.store.core.Store`)."""

    def has_document(self, sha256: str) -> bool:
        """Whether a document with this content hash is stored.

        Args:
            sha256: SHA-256 of the document text, hex.

        Returns:
            True when it is stored.
        """
        with self._guard():
            row = self._db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,))
            return row.fetchone() is not None

    def document_hashes(self) -> frozenset[str]:
        """The SHA-256 of every stored document's text (to skip unchanged files early).

        Returns:
            The hashes, hex.
        """
        with self._read() as db:
            return frozenset(str(r[0]) for r in db.execute("SELECT sha256 FROM documents"))

    def terms(
        self,
        *,
        status: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
        keys: Iterable[TermKey] | None = None,
        hanja: str | Iterable[str] | None = None,
        sort: str = "added",
    ) -> list[StoredTerm]:
        """The stored terms, in the order they were first stored (or as ``sort`` says).

        Args:
            status: Keep only terms with this status (or any of these).
            kind: Keep only terms of this kind (or any of these).
            keys: Keep only these terms.
            hanja: Keep only terms with this hanja (or any of these), whatever their gloss.
            sort: ``added`` (the order they were first stored), ``documents`` (most
                documents first, then most uses) or ``uses`` (most glossed places and
                mentions first, then most documents); ties keep the order they were
                first stored in.

        Returns:
            The terms, each with its corrections applied, its CC-CEDICT meanings (looked
            up now for terms stored without them, when an index is built; see
            :mod:`glossary.store.senses`), sources and first example.

        Raises:
            ValueError: ``sort`` is not one of :data:`TERM_SORTS`.
        """
        by = checked_sort(sort)
        where, params = filters(status, kind, keys, hanja)
        with self._read() as db:
            rows = db.execute(
                f"SELECT id, {STORED_COLUMNS} FROM terms {where} ORDER BY created_at, id",
                params,
            ).fetchall()
            chosen = f"(SELECT id FROM terms {where})"
            corrections: dict[int, dict[str, str]] = {}
            for term_id, name, value in db.execute(
                f"SELECT term_id, field, value FROM corrections WHERE term_id IN {chosen}", params
            ):
                corrections.setdefault(term_id, {})[name] = value
            sources: dict[int, list[Source]] = {}
            for term_id, sha, title, path, count, mentions, uncertain in db.execute(
                "SELECT td.term_id, d.sha256, d.title, d.path, "
                "(SELECT count(*) FROM occurrences o "
                " WHERE o.term_id = td.term_id AND o.document_id = td.document_id), td.mentions, "
                "td.uncertain_mentions "
                "FROM term_documents td JOIN documents d ON d.id = td.document_id "
                f"WHERE td.term_id IN {chosen} ORDER BY td.term_id, d.id",
                params,
            ):
                source = Source(sha, title, path, count, mentions, uncertain)
                sources.setdefault(term_id, []).append(source)
            examples: dict[int, Example] = {}
            for term_id, *example in db.execute(
                f"SELECT o.term_id, {_EXAMPLE_COLUMNS} FROM {_EXAMPLES} "
                "WHERE o.id IN (SELECT min(id) FROM occurrences "
                f"WHERE term_id IN {chosen} GROUP BY term_id)",
                params,
            ):
                examples[term_id] = _example(*example)
        terms = looked_up_now(
            {r[0]: row_term(r) for r in rows}, [r[0] for r in rows if not looked_up(r)]
        )
        found = [
            stored_term(
                r,
                terms[r[0]],
                corrections.get(r[0], {}),
                tuple(sources.get(r[0], ())),
                examples.get(r[0]),
            )
            for r in rows
        ]
        if any(t.term.hanja in PLACED_READINGS for t in found):
            with self._read() as db:
                found = [_read_as_stored(db, r[0], t) for r, t in zip(rows, found, strict=True)]
        return found if by == "added" else sort_terms(found, by)

    def get(self, key: TermKey) -> StoredTerm | None:
        """One stored term.

        Args:
            key: The term's (hanja, hangul).

        Returns:
            The term, or None when it is not stored.
        """
        found = self.terms(keys=[key])
        return found[0] if found else None

    def status_of(self, key: TermKey) -> Status:
        """A term's study status; ``new`` for a term the store does not have.

        Args:
            key: The term's (hanja, hangul).

        Returns:
            Its status.
        """
        with self._guard():
            row = self._db.execute(
                "SELECT status FROM terms WHERE hanja = ? AND hangul = ?", key
            ).fetchone()
        return as_status(row[0]) if row else "new"

    def resolve(self, name: str) -> TermKey:
        """Find the one term a user means: ``杭州``, ``항저우``, ``항저우(杭州)``, ``杭州/항저우``.

        Args:
            name: Hanja, hangul, or both as ``hangul(hanja)`` or ``hanja/hangul``.

        Returns:
            The term's key.

        Raises:
            UnknownTermError: No stored term, or several, answer to the name; or the name
                is empty (it would name every bare term, whose gloss is empty).
        """
        name = _named(name)
        candidates: list[TermKey] = []
        if name.endswith(")") and "(" in name:
            hangul, _, hanja = name[:-1].partition("(")
            candidates.append((hanja.strip(), hangul.strip()))
        if "/" in name:
            hanja, _, hangul = name.partition("/")
            candidates.append((hanja.strip(), hangul.strip()))
        with self._guard():
            for key in candidates:
                if self._db.execute(
                    "SELECT 1 FROM terms WHERE hanja = ? AND hangul = ?", key
                ).fetchone():
                    return key
            found = [
                (str(h), str(g))
                for h, g in self._db.execute(
                    "SELECT hanja, hangul FROM terms WHERE hanja = ? OR hangul = ? "
                    "ORDER BY created_at, id",
                    (name, name),
                )
            ]
        if not found:
            raise UnknownTermError(f"no term {name} in the glossary")
        if len(found) > 1:
            names = ", ".join(f"{g}({h})" if g else h for h, g in found[:6])
            raise UnknownTermError(f"{name} is ambiguous: {names}; write it as hangul(hanja)")
        return found[0]

    def glosses(self, name: str) -> list[StoredTerm]:
        """Every gloss stored for a term's hanja, across documents.

        One hanja may be glossed differently from one article to the next: 杭州 as
        항저우 (its Mandarin sound) in one, as 항주 (its Sino-Korean reading) in another.
        Each stored (hanja, gloss) pair is one :class:`StoredTerm`, whose ``term.kind``
        says what kind of gloss it is and whose ``sources`` say in which documents it was
        seen, with the glossed places and mentions in each.

        Args:
            name: The hanja (``杭州``), a gloss (``항저우``), or both as ``항저우(杭州)`` or
                ``杭州/항저우``. A gloss that several hanja share gives the glosses of
                each of them (grouped by hanja, in the order the hanja were first stored).

        Returns:
            The stored terms with that hanja: the most documents first, then the most
            uses, then the first stored.

        Raises:
            UnknownTermError: No stored term answers to the name, or it is empty.
        """
        forms = self._hanja_named(name)
        found = self.terms(hanja=forms, sort="documents")
        return sorted(found, key=lambda t: forms.index(t.term.hanja))

    def _hanja_named(self, name: str) -> list[str]:
        """The stored hanja a user means by ``name`` (see :meth:`glosses`)."""
        name = _named(name)
        candidates: list[str] = []
        if name.endswith(")") and "(" in name:
            candidates.append(name[:-1].partition("(")[2].strip())
        if "/" in name:
            candidates.append(name.partition("/")[0].strip())
        candidates.append(name)
        with self._guard():
            for hanja in candidates:
                if (
                    hanja
                    and self._db.execute("SELECT 1 FROM terms WHERE hanja = ?", (hanja,)).fetchone()
                ):
                    return [hanja]
            found = [
                str(row[0])
                for row in self._db.execute(
                    "SELECT hanja FROM terms WHERE hangul = ? AND hangul != '' "
                    "GROUP BY hanja ORDER BY min(created_at), min(id)",
                    (name,),
                )
            ]
        if not found:
            raise UnknownTermError(f"no term {name} in the glossary")
        return found

    def gloss_counts(self) -> dict[str, int]:
        """How many glosses are stored for each hanja that has more than one.

        Returns:
            Hanja to its number of stored terms (a bare, unglossed use counts as one),
            only for hanja with two or more.
        """
        with self._guard():
            rows = self._db.execute(
                "SELECT hanja, count(*) FROM terms GROUP BY hanja HAVING count(*) > 1"
            ).fetchall()
        return {str(hanja): int(count) for hanja, count in rows}

    def stats(self) -> Stats:
        """Counts of documents, terms, places and marks.

        Returns:
            The counts.
        """
        with self._guard():
            one = self._db.execute
            documents = one("SELECT count(*) FROM documents").fetchone()[0]
            terms = one("SELECT count(*) FROM terms").fetchone()[0]
            occurrences = one("SELECT count(*) FROM occurrences").fetchone()[0]
            mentions, uncertain = one(
                "SELECT coalesce(sum(mentions), 0), coalesce(sum(uncertain_mentions), 0) "
                "FROM term_documents"
            ).fetchone()
            by_status: dict[str, int] = dict.fromkeys(STATUSES, 0)
            by_status.update(one("SELECT status, count(*) FROM terms GROUP BY status").fetchall())
            by_kind: dict[str, int] = dict.fromkeys(KINDS, 0)
            by_kind.update(one("SELECT kind, count(*) FROM terms GROUP BY kind").fetchall())
        return Stats(
            str(self.path), documents, terms, occurrences, mentions, by_status, by_kind, uncertain
        )


def _named(name: str) -> str:
    """A term's name as the store keys it: trimmed, NFC, compatibility hanja unified.

    A name typed in decomposed hangul (NFD) or with a compatibility ideograph (樂 U+F914)
    finds the term stored under the composed, unified form.

    Raises:
        UnknownTermError: The name is empty or white space only.
    """
    import unicodedata

    from glossary.model import unified_hanja

    name = unified_hanja(unicodedata.normalize("NFC", name.strip()))
    if not name:
        raise UnknownTermError("an empty name names no term")
    return name
