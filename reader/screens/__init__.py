"""The reader's screens: reading, the glossary table, the look-up box, opening a file."""

from __future__ import annotations
