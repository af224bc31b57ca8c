"""The reader's widgets: the article view, the term card and the side panel."""

from __future__ import annotations

from reader.widgets.article import ArticleView
from reader.widgets.card import TermCard
from reader.widgets.panel import TermPanel

__all__ = ["ArticleView", "TermCard", "TermPanel"]
