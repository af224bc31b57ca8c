"""Reading documents: files, standard input, saved web pages and the bundled article.

Imports only :mod:`glossary.model` and :mod:`glossary.errors` from the rest of the package.
"""

from __future__ import annotations

from glossary.sources.files import describe_document, document_from_text, read_document

__all__ = ["describe_document", "document_from_text", "read_document"]
