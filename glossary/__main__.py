"""``python -m glossary``: the same as the ``glossary`` command."""

from __future__ import annotations

from glossary.cli import run

if __name__ == "__main__":  # Import workers load this module again and must not run it.
    run()
