"""Reading one source after another in one process: read, explain, and prepare for the store.

The same :class:`Reader` runs in the calling process and in each worker process
(:mod:`glossary.corpus.workers`), so that every process reads a file the same way.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from glossary.errors import GlossaryError, InputError
from glossary.model import Document

if TYPE_CHECKING:
    from glossary.dictionary.index import CedictIndex
    from glossary.engine.enrich import Enricher
    from glossary.model import Glossary
    from glossary.store import PreparedDocument, TermKey

# A worker starts with fresh caches after this many documents, bounding its memory.
DOCUMENTS_PER_ENRICHER = 1000
# A process without the dictionary's index asks for it again after this many documents.
DOCUMENTS_PER_CHECK = 50


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
    dictionary: Callable[[], CedictIndex | None] | None = None,
) -> Outcome:
    """Read one source and explain it, unless the store already holds its content.

    Args:
        source: A path, or a document already read (standard input).
        enricher: The caches to use.
        known: Hashes of the documents the store held when the import began.
        encoding: An encoding to force, or None to guess.
        sent: Terms whose values this process has prepared already in this import (see
            :func:`glossary.store.prepare`); None to prepare every term in full.
        dictionary: Gives the CC-CEDICT index (or None) when a document needs it; None
            for no meanings.

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
        # Meanings, not suggestions (the store keeps no suggestions): looked up below.
        glossary = build_glossary(document, enricher, dictionary=False)
        index = dictionary() if dictionary is not None else None
        if index is not None:
            glossary = _with_meanings(glossary, index, sent)
        return Outcome(name, prepare(glossary, sent))
    except InputError as exc:
        return Outcome(name, error=str(exc))
    except (GlossaryError, RecursionError, ValueError, UnicodeError, MemoryError) as exc:
        return Outcome(name, error=f"{name}: could not be explained ({type(exc).__name__}: {exc})")


def _with_meanings(glossary: Glossary, index: CedictIndex, sent: set[TermKey] | None) -> Glossary:
    """A glossary's terms with their CC-CEDICT meanings, fetched in one batch per document, in
    the order their places give them (才 alone: "then and only then" first).

    Only the terms this process has not sent yet are looked up: the others go without
    their values (see :func:`glossary.store.prepare`). An index that cannot be read leaves
    the terms without meanings; the store fills them when it can.
    """
    from dataclasses import replace

    from glossary.errors import DataError
    from glossary.harvest import meanings_in_text

    fresh = [i for i, t in enumerate(glossary.terms) if sent is None or t.key not in sent]
    if not fresh:
        return glossary
    try:
        text = glossary.document.text
        found = meanings_in_text(text, [glossary.terms[i] for i in fresh], index)
    except DataError:
        return glossary
    terms = list(glossary.terms)
    for i, term in zip(fresh, found, strict=True):
        terms[i] = term
    return replace(glossary, terms=tuple(terms))


def load_modules(items: list[Item]) -> None:
    """Import what reading the items takes, before worker processes are forked.

    A forked worker then starts with them imported instead of importing them again (a few
    tenths of a second of a core, in every worker). Nothing is opened or read: an SQLite
    connection must not cross a fork, so the engine's tables still load in each process.

    Args:
        items: The items to read (the HTML extractor is imported only for web pages).
    """
    import importlib

    from glossary.sources.html import HTML_SUFFIXES

    modules = ["glossary.harvest", "glossary.sources.files", "glossary.store"]
    modules += ["glossary.dictionary.index", "glossary.dictionary.meanings"]
    suffixes = tuple(HTML_SUFFIXES)
    if any(isinstance(item, str) and item.lower().endswith(suffixes) for item in items):
        modules += ["glossary.sources.html", "trafilatura"]
    for name in modules:
        importlib.import_module(name)


class _Dictionary:
    """The CC-CEDICT index one reading process uses, opened when a document first needs it.

    The process that runs the import uses the shared index, built there on first use (in
    the user cache folder, for every later run). A worker process never builds it: it opens
    the index the parent has open (or finds built) read-only, through a connection of its
    own (an SQLite connection must not cross a fork). Until it can, it reads without
    meanings, asking again every :data:`DOCUMENTS_PER_CHECK` documents, and the store
    fills what it lacks. A dictionary that is missing or broken means no meanings.
    """

    def __init__(self) -> None:
        import multiprocessing

        self.may_build = multiprocessing.parent_process() is None  # Not in a worker.
        self.index: CedictIndex | None = None
        self.own = False  # Whether ``index`` is a connection of this object's own.
        self.asked = 0

    def __call__(self) -> CedictIndex | None:
        if self.index is not None:
            return self.index
        self.asked += 1
        if self.asked % DOCUMENTS_PER_CHECK != 1 and self.asked > 1:
            return None
        from glossary.dictionary.index import CedictIndex, open_index, shared_index
        from glossary.errors import DataError

        try:
            if self.may_build:
                self.index = shared_index()
            else:
                inherited = shared_index(build=False)
                self.index = (
                    CedictIndex(inherited.path)
                    if inherited is not None
                    else open_index(build=False)
                )
                self.own = self.index is not None
        except DataError:
            self.may_build = False  # Missing or broken: asked again now and then, never built.
        return self.index

    def refresh(self) -> None:
        """Drop the caches of an index of this object's own (opened again when next needed)."""
        if self.own and self.index is not None:
            self.index.close()
            self.index = None
            self.own = False
            self.asked = 0


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
        self._dictionary = _Dictionary()

    def dictionary(self) -> CedictIndex | None:
        """The CC-CEDICT index this reader looks meanings up in, opened (or built) now.

        Returns:
            The index, or None when there is none to be had (see :class:`_Dictionary`).
        """
        return self._dictionary()

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
            self._dictionary.refresh()
            gc.collect()
        self.count += 1
        sent = None if full else self.sent
        return read_one(item, self.enricher, self.known, self.encoding, sent, self._dictionary)


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
