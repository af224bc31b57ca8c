"""Importing glossary loads no data, no converter and no TUI (the layers are in test_layers)."""

from __future__ import annotations

import subprocess
import sys


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
