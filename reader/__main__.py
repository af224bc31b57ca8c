"""Run the reader with ``python -m reader``."""

from __future__ import annotations

from reader.app import main

raise SystemExit(main())
