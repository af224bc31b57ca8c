"""Shared by ``scale.py`` and its stages: the result row, progress lines, bar verdicts."""

from __future__ import annotations

import sys

Row = tuple[str, str, str]


def log(message: str) -> None:
    """Progress on standard error, so that standard output is only the results."""
    print(f"[scale] {message}", file=sys.stderr, flush=True)


def verdict(ok: bool) -> str:
    """Whether a bar is met."""
    return "met" if ok else "**missed**"
