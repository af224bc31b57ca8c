"""Reading one source after another in one process: read, explain, and prepare for the store.

The same :class:`Reader` runs in the calling process and in each worker process
(:mod:`glossary.corpus.workers`), so that every process reads a file the same way.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from glossary.errors import GlossaryError, InputError
from glossary.model import Document

if TYPE_CHECKING:
    from glossary.engine.enrich import Enricher
    from glossary.store import PreparedDocument, TermKey

# A worker starts with fresh caches after this many documents, bounding its memory.
DOCUMENTS_PER_ENRICHER = 1000


@dataclass(frozen=True)
class Outcome:
    """What reading one source gave.

    Attributes:
        source: The source as listed (a path, or ``-`` for standard input).
        document: Its glossary reduced to store rows; None when unchanged or failed.
        unchanged: True when the store already held this content.
        error: A one-line reason it could not be read; empty when it was.
    """

    source: str
    document: PreparedDocument | None = None
    unchanged: bool = False
    error: str = ""


# A path, standard input already read, or a failure already known.
Item: TypeAlias = "str | Document | Outcome"


def read_one(
    source: str | Document,
    enricher: Enricher,
    known: frozenset[str],
    encoding: str | None = None,
    sent: set[TermKey] | None = None,
) -> Outcome:
    """Read one source and explain it, unless the store already holds its content.

    Args:
        source: A path, or a document already read (standard input).
        enricher: The caches to use.
        known: Hashes of the documents the store held when the import began.
        encoding: An encoding to force, or None to guess.
        sent: Terms whose values this process has prepared already in this import (see
            :func:`glossary.store.prepare`); None to prepare every term in full.

    Returns:
        The outcome; never raises for a bad file.
    """
    from glossary.harvest import build_glossary
    from glossary.sources.files import read_document
    from glossary.store import prepare

    name = source.path if isinstance(source, Document) else source
    try:
        document = (
            source if isinstance(source, Document) else read_document(source, encoding=encoding)
        )
        if document.sha in known:
            return Outcome(name, unchanged=True)
        # The store keeps no meanings: the dictionary is not needed.
        return Outcome(name, prepare(build_glossary(document, enricher, dictionary=False), sent))
    except InputError as exc:
        return Outcome(name, error=str(exc))
    except (GlossaryError, RecursionError, ValueError, UnicodeError, MemoryError) as exc:
        return Outcome(name, error=f"{name}: could not be explained ({type(exc).__name__}: {exc})")


class Reader:
    """Reads and explains sources in one process, with that process's caches.

    The caches start afresh every :data:`DOCUMENTS_PER_ENRICHER` documents, bounding
    memory. The terms whose values this process has prepared are remembered, so that later
    documents send them without their values (see :func:`glossary.store.prepare`). That
    holds only while sources come in the order they are stored: one that will be stored
    before a source read earlier must be read with ``full=True``.

    Args:
        known: Hashes of the documents the store held when the import began.
        encoding: An encoding to force, or None to guess.
    """

    def __init__(self, known: frozenset[str], encoding: str | None) -> None:
        from glossary.engine.enrich import Enricher

        self.known = known
        self.encoding = encoding
        self.enricher = Enricher()
        self.sent: set[TermKey] = set()
        self.count = 0

    def outcome(self, item: Item, *, full: bool = False) -> Outcome:
        """What one item gives: an outcome known already, or the source read and explained.

        Args:
            item: A path, a document read already (standard input), or an outcome.
            full: Prepare every term with its values: the document will be stored before
                some that this process read earlier, so it cannot rely on them.

        Returns:
            The outcome.
        """
        if isinstance(item, Outcome):
            return item
        if self.count and self.count % DOCUMENTS_PER_ENRICHER == 0:
            from glossary.engine.enrich import Enricher

            self.enricher = Enricher()
            gc.collect()
        self.count += 1
        sent = None if full else self.sent
        return read_one(item, self.enricher, self.known, self.encoding, sent)


@contextlib.contextmanager
def without_cyclic_gc() -> Generator[None, None, None]:
    """No cyclic collection while documents are explained (15% of the time).

    What a document leaves is freed by reference counting; the rest when caches reset.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def in_process(
    items: list[Item], known: frozenset[str], encoding: str | None
) -> Generator[tuple[int, Outcome], None, None]:
    """Each item's outcome, in order, read in this process.

    Args:
        items: Paths, documents read already, or outcomes known already.
        known: Hashes of the documents the store held when the import began.
        encoding: An encoding to force, or None to guess.

    Yields:
        Each item's index and outcome.
    """
    reader = Reader(known, encoding)
    with without_cyclic_gc():
        for index, item in enumerate(items):
            yield index, reader.outcome(item)
