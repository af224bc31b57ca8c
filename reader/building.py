"""Building a glossary off the event loop: imported on first use, with the collector paused.

The reader's worker threads call these (and the read screen :func:`explain_one`, for a card
shown before a long text's words are explained); tests replace :func:`build_glossary` and
:func:`explain_words` here to hold a build back.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossary import Document, Enricher, Glossary, Term


def resume_collections() -> None:
    """Turn the cyclic garbage collector back on, freezing what exists (it lives on)."""
    gc.enable()
    gc.freeze()


def build_glossary(
    document: Document, enricher: Enricher | None = None, *, defer: bool = False
) -> Glossary:
    """:func:`glossary.build_glossary`, imported on first use: past the first frame.

    Args:
        document: The document.
        enricher: The enricher (its caches carry over).
        defer: Leave the words of a long Chinese text unexplained (``defer_words``).

    Returns:
        The glossary.
    """
    from glossary import build_glossary as build

    return build(document, enricher, defer_words=defer)


def build_without_collections(
    document: Document,
    enricher: Enricher,
    progress: Callable[[str, float], None] | None = None,
    *,
    defer: bool = False,
) -> Glossary:
    """Build a glossary with the cyclic garbage collector paused, then freeze what it loaded.

    The first build loads dictionaries and converters: hundreds of thousands of objects that
    live as long as the app. With the collector running, every full collection walks them
    all again: several times during the build (a quarter of its time on a long text), and
    later, tens of milliseconds at a time, in the middle of a hover. Frozen
    (``gc.freeze``), later collections skip them; reference counting still frees anything
    dropped.

    Args:
        document: The document.
        enricher: The enricher (its caches carry over).
        progress: Told how the dictionary index build goes, when it must be built first
            (see :func:`glossary.dictionary.lookup.open_dictionary`).
        defer: Leave the words of a long Chinese text unexplained (see
            :meth:`reader.app.ReaderApp.finish_glossary`).

    Returns:
        The glossary.
    """
    gc.disable()
    try:
        if progress is not None:
            from glossary.dictionary.lookup import open_dictionary  # with the glossary's

            open_dictionary(progress=progress)
        return build_glossary(document, enricher, defer=defer)
    finally:
        resume_collections()


def explain_words(outline: Glossary, enricher: Enricher | None = None) -> Glossary:
    """:func:`glossary.explain_words`, imported on first use.

    Args:
        outline: A glossary whose words were left unexplained.
        enricher: The enricher that built it (its caches carry over).

    Returns:
        The complete glossary.
    """
    from glossary import explain_words as explain

    return explain(outline, enricher)


def explain_one(outline: Glossary, term: Term, enricher: Enricher) -> Term:
    """One word of an outline explained as :func:`explain_words` will explain it: where it
    stands says what it is (地 the particle de, 才 "then and only then", 何长工 a name), which
    the word alone could not say. For a card shown before the words are explained; not
    replaced by tests, as :func:`explain_words` is.

    Args:
        outline: The glossary shown, not complete.
        term: One of its terms, not glossed.
        enricher: The enricher that built it.

    Returns:
        The term explained, with its places.
    """
    from dataclasses import replace

    from glossary import explain_words as explain

    return explain(replace(outline, terms=(term,)), enricher).terms[0]


def explain_without_collections(outline: Glossary, enricher: Enricher) -> Glossary:
    """:func:`explain_words` with the collector paused (see :func:`build_without_collections`).

    Args:
        outline: A glossary whose words were left unexplained.
        enricher: The enricher that built it.

    Returns:
        The complete glossary.
    """
    gc.disable()
    try:
        return explain_words(outline, enricher)
    finally:
        resume_collections()
