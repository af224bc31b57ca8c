"""Typed errors the glossary library raises; the CLI and the reader turn them into messages."""

from __future__ import annotations


class GlossaryError(Exception):
    """Base class of every error the glossary library raises on purpose."""


class InputError(GlossaryError):
    """A document cannot be read: missing, a directory, not text, or undecodable."""


class DataError(GlossaryError):
    """Data the package ships (or a dictionary file) is missing or corrupt."""


class StoreError(GlossaryError):
    """The glossary store cannot be used: not a database, corrupt, locked or too new."""


class UnknownTermError(GlossaryError):
    """No term in the store answers to the name given, or more than one does."""


class ExportError(GlossaryError):
    """An export cannot be written: the file exists (without ``force``) or is unwritable."""
