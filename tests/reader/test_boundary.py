"""The reader uses the glossary's public API only, and the glossary never imports the reader."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

READER = Path(__file__).resolve().parents[2] / "reader"
# The library's public modules: the package itself, look-ups, and the user's store.
PUBLIC = {
    "glossary",
    "glossary.dictionary.lookup",
    "glossary.store",
    "glossary.paths",
    "glossary.errors",
}


def test_reader_imports_only_the_public_glossary_modules() -> None:
    used: set[str] = set()
    for path in READER.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            used |= {n for n in names if n.split(".")[0] == "glossary"}
    assert used and used <= PUBLIC, used - PUBLIC


def test_using_the_glossary_loads_neither_textual_nor_the_reader() -> None:
    code = (
        "import sys, glossary, glossary.dictionary.lookup\n"
        "g = glossary.extract_text('덩샤오핑(鄧小平)의 개혁')\n"
        "glossary.dictionary.lookup.search(g.terms, 'deng')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'reader')]\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
