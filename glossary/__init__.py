"""hanja-reader's glossary engine: find hanja glosses in Korean text and explain them.

Importing the package loads no dictionary, no converter and none of its modules: each name
below is imported from its module on first use (PEP 562), so ``import glossary`` costs about
a millisecond and a caller pays only for what it uses.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a few ms).
if TYPE_CHECKING:
    from typing import Any

    from glossary.engine.cjk import HANJA_CLASS, is_hangul, is_hanja
    from glossary.engine.enrich import Enricher
    from glossary.engine.words import run_around
    from glossary.errors import DataError, GlossaryError, InputError
    from glossary.harvest import build_glossary, explain_words
    from glossary.model import (
        CharInfo,
        Document,
        Glossary,
        Kind,
        Mention,
        SuggestedHanja,
        Suggestion,
        Term,
        glossary_to_dict,
        places_phrase,
        term_to_dict,
    )
    from glossary.places import Occurrence, PlaceReading, WordPlaces
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
    "PlaceReading",
    "SuggestedHanja",
    "Suggestion",
    "Term",
    "WordPlaces",
    "__version__",
    "build_glossary",
    "document_from_text",
    "explain_words",
    "extract_text",
    "glossary_to_dict",
    "is_hangul",
    "is_hanja",
    "places_phrase",
    "read_document",
    "run_around",
    "term_to_dict",
]

# Where each public name lives.
_HOMES = {
    "HANJA_CLASS": "glossary.engine.cjk",
    "is_hangul": "glossary.engine.cjk",
    "is_hanja": "glossary.engine.cjk",
    "Enricher": "glossary.engine.enrich",
    "run_around": "glossary.engine.words",
    "DataError": "glossary.errors",
    "GlossaryError": "glossary.errors",
    "InputError": "glossary.errors",
    "build_glossary": "glossary.harvest",
    "explain_words": "glossary.harvest",
    "CharInfo": "glossary.model",
    "Document": "glossary.model",
    "Glossary": "glossary.model",
    "Kind": "glossary.model",
    "Mention": "glossary.model",
    "Occurrence": "glossary.places",
    "PlaceReading": "glossary.places",
    "SuggestedHanja": "glossary.model",
    "Suggestion": "glossary.model",
    "Term": "glossary.model",
    "WordPlaces": "glossary.places",
    "glossary_to_dict": "glossary.model",
    "places_phrase": "glossary.model",
    "term_to_dict": "glossary.model",
    "document_from_text": "glossary.sources.files",
    "read_document": "glossary.sources.files",
}

if not TYPE_CHECKING:  # Type checkers see the imports above; __getattr__ would hide typos.

    def __getattr__(name: str) -> Any:
        """Import a public name from its module on first use (PEP 562)."""
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module 'glossary' has no attribute {name!r}")
        value = getattr(__import__(home, fromlist=[name]), name)
        globals()[name] = value  # Later look-ups find it directly.
        return value

    def __dir__() -> list[str]:
        """The module's names, the ones imported on first use included."""
        return sorted(set(globals()) | set(__all__))


def extract_text(text: str, enricher: Enricher | None = None) -> Glossary:
    """Build the glossary of a text held in memory.

    Args:
        text: Korean text.
        enricher: An enricher to reuse (its caches carry over).

    Returns:
        The glossary.
    """
    from glossary.harvest import build_glossary
    from glossary.sources.files import document_from_text

    return build_glossary(document_from_text(text), enricher)
