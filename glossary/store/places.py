"""Writing terms' places: each sentence stored once per document, the places pointing at it.

A place row as the store's writers build it ends with its surface text, its sentence, its
note and where the surface text starts in the sentence (see
:class:`glossary.store.records.PreparedTerm`); the ``occurrences`` table keeps the
id of the sentence in the ``sentences`` table instead (schema 4). A Chinese document makes a
place of each word, so the same sentence comes back a dozen times.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import sqlite3

# The columns a place row fills, the document at 1 and the sentence at 9.
_INSERT = (
    "INSERT INTO occurrences (term_id, document_id, span_start, span_end, hanja_start, "
    "hanja_end, gloss_start, gloss_end, surface, sentence_id, note, sentence_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_DOCUMENT, _SENTENCE = 1, 9

# A place as the JSON export reads it back: its columns, with its sentence in place of its id.
PLACE_COLUMNS = (
    "o.term_id, o.document_id, o.span_start, o.span_end, o.hanja_start, o.hanja_end, "
    "o.gloss_start, o.gloss_end, o.surface, s.text, o.note, o.sentence_at"
)
PLACES_WITH_SENTENCES = "occurrences o JOIN sentences s ON s.id = o.sentence_id"


class TermPlaces:
    """A document's place rows, made anew each time they are gone through, never all held.

    A Chinese document has a place per word (two million in 10 MB of text): a list of their
    rows would be a few hundred megabytes more at the peak of an add.

    Args:
        document_id: The document's id in the store.
        terms: Each term's id and its places' rows (span start... note; see
            :class:`glossary.store.records.PreparedTerm`).
    """

    def __init__(
        self, document_id: int, terms: Sequence[tuple[int, Sequence[Sequence[object]]]]
    ) -> None:
        self._document_id = document_id
        self._terms = terms

    def __iter__(self) -> Iterator[tuple[object, ...]]:
        """The rows, each with its term's and the document's ids first."""
        doc_id = self._document_id
        for term_id, places in self._terms:
            for place in places:
                yield (term_id, doc_id, *place)


class PlaceWriter:
    """Inserts place rows inside one transaction, giving each new sentence an id once.

    Sentences a document had before are looked up the first time the writer meets the
    document (a JSON import may add places to a document the store has).
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        """Write with ``db``, inside the caller's transaction."""
        self.db = db
        self._ids: dict[int, dict[str, int]] = {}
        self._last: int | None = None

    def insert(self, rows: Iterable[Sequence[object]]) -> int:
        """Insert place rows, their sentences stored where the document lacks them.

        Args:
            rows: Term id, document id, span start and end, hanja start and end, gloss
                start and end (or None), surface text, sentence, note, and where the
                surface text starts in the sentence (or None: not known). Gone through
                twice (the sentences first): a list, or :class:`TermPlaces`.

        Returns:
            How many places were inserted.
        """
        db = self.db
        if self._last is None:
            self._last = int(db.execute("SELECT coalesce(max(id), 0) FROM sentences").fetchone()[0])
        last = self._last
        new: list[tuple[int, int, str]] = []
        sentence_ids: list[int] = []
        doc_id = -1
        ids: dict[str, int] = {}
        for row in rows:
            if row[_DOCUMENT] != doc_id:
                doc_id = cast(int, row[_DOCUMENT])
                known = self._ids.get(doc_id)
                ids = self._stored(doc_id) if known is None else known
            sentence = cast(str, row[_SENTENCE])
            sentence_id = ids.get(sentence)
            if sentence_id is None:
                last += 1
                sentence_id = ids[sentence] = last
                new.append((last, doc_id, sentence))
            sentence_ids.append(sentence_id)
        self._last = last
        db.executemany("INSERT INTO sentences (id, document_id, text) VALUES (?, ?, ?)", new)
        # Rows made as they are written: a large document has hundreds of thousands.
        db.executemany(
            _INSERT,
            (
                (*row[:_SENTENCE], sentence_id, *row[_SENTENCE + 1 :])
                for row, sentence_id in zip(rows, sentence_ids, strict=True)
            ),
        )
        return len(sentence_ids)

    def _stored(self, doc_id: int) -> dict[str, int]:
        """The sentences the store has for a document, by text (the writer's from now on)."""
        ids = self._ids[doc_id] = {
            text: int(sentence_id)
            for sentence_id, text in self.db.execute(
                "SELECT id, text FROM sentences WHERE document_id = ?", (doc_id,)
            )
        }
        return ids

    def forget(self, document_id: int) -> None:
        """Delete a document's places and sentences (it is being replaced)."""
        self._ids.pop(document_id, None)
        self.db.execute("DELETE FROM occurrences WHERE document_id = ?", (document_id,))
        self.db.execute("DELETE FROM sentences WHERE document_id = ?", (document_id,))
