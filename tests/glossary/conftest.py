"""Fixtures the glossary tests share."""

from __future__ import annotations

import pytest

from glossary import Glossary, build_glossary, read_document


@pytest.fixture(scope="module")
def sample() -> Glossary:
    """The bundled article's glossary (with the dictionary's meanings and suggestions)."""
    return build_glossary(read_document(None))
