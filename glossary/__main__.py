"""``python -m glossary``: the same as the ``glossary`` command."""

from __future__ import annotations

import sys

from glossary.cli import main

if __name__ == "__main__":  # Import workers load this module again and must not run it.
    sys.exit(main())
