"""Rewrite tests/data/hangzhou-ai-town.json from the engine's current output.

Run it only after checking by hand that a change in the output is right:
``python tools/update_golden.py && git diff tests/data``.
"""

from __future__ import annotations

import json
from pathlib import Path

from glossary import build_glossary, glossary_to_dict, read_document
from glossary.sources.files import bundled_article_path

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "data" / "hangzhou-ai-town.json"


def main() -> None:
    """Write the golden file."""
    data = glossary_to_dict(build_glossary(read_document()))
    data["document"]["path"] = bundled_article_path().name
    GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN} ({len(data['terms'])} terms)")


if __name__ == "__main__":
    main()
