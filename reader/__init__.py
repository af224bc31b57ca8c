"""hanja-reader's terminal reader: the article with every hanja gloss explained on hover."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
