"""The ``glossary`` command: argument parsing and printing, one module per command group."""

from __future__ import annotations

from glossary.cli.main import main, run

__all__ = ["main", "run"]
