"""The dictionary's part of a stored term: CC-CEDICT meanings kept, read back and filled in.

A term's meanings are stored with it (schema 2, :data:`DICTIONARY_COLUMNS`): its word senses,
whether CC-CEDICT has the word, its frequency rank and each character's senses. They come
with the glossary a document is added with, when it was built with a dictionary. A term
stored without them (by an older hanja-reader, or while no dictionary was at hand) has
``mandarin_word`` NULL: it is looked up when it is read, if this process can open the
index without building it (:func:`available_index`), and what is looked up is kept at the
next add (see ``Store.fill_meanings``). Opening or reading a store never builds the index.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from glossary.errors import DataError
from glossary.model import Term

if TYPE_CHECKING:
    from glossary.dictionary.index import CedictIndex


def senses_values(term: Term) -> tuple[object, ...] | None:
    """A term's dictionary columns (:data:`DICTIONARY_COLUMNS` order), as the store keeps them.

    Args:
        term: A term, with or without meanings.

    Returns:
        The word senses (JSON), 1 or 0 for ``mandarin_word``, the frequency rank and the
        characters' senses (JSON); None when the term was not looked up (no dictionary).
    """
    if term.mandarin_word is None:
        return None
    chars = [list(c.meanings) for c in term.chars]
    return (
        json.dumps(list(term.meanings), ensure_ascii=False),
        int(term.mandarin_word),
        term.frequency_rank,
        json.dumps(chars, ensure_ascii=False),
    )


def stored_senses(
    values: Sequence[Any],
) -> tuple[tuple[str, ...], bool, int | None, list[list[str]]] | None:
    """A term's dictionary columns read back.

    Args:
        values: Its :data:`DICTIONARY_COLUMNS` values.

    Returns:
        Its word senses, ``mandarin_word``, frequency rank and each character's senses;
        None when it was not looked up.
    """
    meanings, word, rank, char_meanings = values
    if word is None:
        return None
    return tuple(json.loads(meanings)), bool(word), rank, json.loads(char_meanings)


def available_index() -> CedictIndex | None:
    """The process's CC-CEDICT index if it can be had without building it, else None.

    Returns:
        The shared index (see :func:`glossary.dictionary.index.shared_index`), or None when
        it is not built, is being built, or the dictionary is missing or broken.
    """
    from glossary.dictionary.index import shared_index

    try:
        return shared_index(build=False)
    except DataError:
        return None


def look_up(terms: Sequence[Term], index: CedictIndex) -> list[Term] | None:
    """Terms with their meanings, fetched from the index in a few queries.

    Args:
        terms: Terms without meanings.
        index: The dictionary.

    Returns:
        The terms with their meanings, in the same order; None when the index cannot be
        read (the terms then stay as they are).
    """
    from glossary.dictionary.meanings import meanings_of

    try:
        return list(meanings_of(terms, index))
    except DataError:
        return None


def looked_up_now(terms: Mapping[int, Term], missing: Iterable[int]) -> dict[int, Term]:
    """Look up, in memory, the terms a store read that were stored without meanings.

    Args:
        terms: Terms read, by row id.
        missing: The ids of those stored without meanings.

    Returns:
        ``terms`` with those looked up when an index is at hand (unchanged otherwise).
    """
    ids = [i for i in missing if i in terms]
    if not ids:
        return dict(terms)
    index = available_index()
    found = look_up([terms[i] for i in ids], index) if index is not None else None
    if found is None:
        return dict(terms)
    return {**terms, **dict(zip(ids, found, strict=True))}
