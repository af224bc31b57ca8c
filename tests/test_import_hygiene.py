"""Boundaries: glossary never imports the TUI, and importing it loads no data."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parent.parent / "glossary"


def test_glossary_source_never_imports_textual_rich_or_reader() -> None:
    banned = ("textual", "rich", "reader")
    for path in GLOSSARY.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in banned, f"{path.name} imports {name}"


def test_import_glossary_loads_no_dictionary_or_converter() -> None:
    code = (
        "import sys, glossary, glossary.cli\n"
        "from glossary.engine.hanjadict import hanja_dictionary\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'rich', 'reader', 'opencc', 'pypinyin', 'ahocorasick_rs',"
        " 'trafilatura', 'lxml', 'charset_normalizer', 'justext', 'htmldate')]\n"
        "assert not heavy, heavy\n"
        "assert hanja_dictionary.cache_info().currsize == 0\n"
        "glossary.extract_text('마윈(馬雲)')\n"
        "assert 'textual' not in sys.modules and 'reader' not in sys.modules\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
