"""hanja-reader's glossary engine: find hanja glosses in Korean text and explain them.

Importing the package loads no dictionary and no converter: they load on first use.
"""

from __future__ import annotations

from glossary.engine.cjk import HANJA_CLASS, is_hangul, is_hanja
from glossary.engine.enrich import Enricher
from glossary.errors import DataError, GlossaryError, InputError
from glossary.harvest import build_glossary
from glossary.model import (
    CharInfo,
    Document,
    Glossary,
    Kind,
    Mention,
    Occurrence,
    SuggestedHanja,
    Suggestion,
    Term,
    glossary_to_dict,
    term_to_dict,
)
from glossary.sources.files import document_from_text, read_document

__version__ = "0.1.0"

__all__ = [
    "HANJA_CLASS",
    "CharInfo",
    "DataError",
    "Document",
    "Enricher",
    "Glossary",
    "GlossaryError",
    "InputError",
    "Kind",
    "Mention",
    "Occurrence",
    "SuggestedHanja",
    "Suggestion",
    "Term",
    "__version__",
    "build_glossary",
    "document_from_text",
    "extract_text",
    "glossary_to_dict",
    "is_hangul",
    "is_hanja",
    "read_document",
    "term_to_dict",
]


def extract_text(text: str, enricher: Enricher | None = None) -> Glossary:
    """Build the glossary of a text held in memory.

    Args:
        text: Korean text.
        enricher: An enricher to reuse (its caches carry over).

    Returns:
        The glossary.
    """
    return build_glossary(document_from_text(text), enricher)
