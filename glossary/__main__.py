"""``python -m glossary``: the same as the ``glossary`` command."""

from __future__ import annotations

import sys

from glossary.cli import main

sys.exit(main())
