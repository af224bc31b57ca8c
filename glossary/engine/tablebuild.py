"""Building the reading and conversion tables (:mod:`glossary.engine.tables`) in the cache.

The tables are built from pypinyin's and OpenCC's own data on first use, into the user
cache folder (``platformdirs.user_cache_path("hanja-reader")``), one file per version
stamp: pypinyin's and OpenCC's versions and the sizes and times of their data files, so an
upgrade (or another environment sharing the cache) gets tables of its own. The file is
written under a temporary name and renamed into place, so processes building at the same
time never see half a file. OpenCC's dictionaries are read with the ``opencc_dict`` tool its
package ships (run while pypinyin's data is read); without it only the readings are tabled.
When the cache cannot be written (a read-only home), :func:`open_tables` gives None and
callers use pypinyin and OpenCC directly.

Why the cache and not the package: the tables must follow the pypinyin and OpenCC installed
beside the package (``pyproject.toml`` allows ranges of both), so a shipped table would need
the same stamp check and a build anyway.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from glossary.engine.tables import (
    BLOCK_BITS,
    FORMAT_VERSION,
    NEEDS_S2T,
    NORMALIZED,
    SCHEMA,
    ChineseTables,
)

if TYPE_CHECKING:
    import subprocess

__all__ = ["Unsupported", "build_tables", "open_tables", "tables_path", "version_stamp"]

_PYPINYIN_FILES = ("pinyin_dict.json", "phrases_dict.json")
_OPENCC_CONFIGS = ("t2s", "s2t")


class Unsupported(Exception):
    """pypinyin's or OpenCC's data has a shape the tables cannot hold exactly."""


def _package_dir(name: str) -> Path | None:
    """Where a package is installed, found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _distribution(package: Path) -> str:
    """The name of the package's ``.dist-info`` folder (it holds the version), or "?"."""
    prefix = package.name.lower() + "-"
    try:
        names = os.listdir(package.parent)
    except OSError:
        return "?"
    found = [n for n in names if n.lower().startswith(prefix) and n.endswith(".dist-info")]
    return min(found) if found else "?"


def _signature(files: Iterable[Path]) -> str:
    parts = []
    for path in files:
        try:
            st = path.stat()
        except OSError:
            parts.append(f"{path.name}:-")
        else:
            parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
    return ",".join(parts)


def version_stamp() -> str | None:
    """The versions and data files the tables are derived from, as one line.

    Cheap (well under a millisecond): it locates pypinyin and OpenCC without importing
    them and reads their ``.dist-info`` names and the sizes and times of their data files.

    Returns:
        The stamp, or None when pypinyin is not installed.
    """
    pypinyin = _package_dir("pypinyin")
    if pypinyin is None:
        return None
    parts = [
        f"format {FORMAT_VERSION}",
        f"{_distribution(pypinyin)} {_signature(pypinyin / f for f in _PYPINYIN_FILES)}",
        f"PYPINYIN_NO_PHRASES={os.environ.get('PYPINYIN_NO_PHRASES', '')}",
    ]
    opencc = _package_dir("opencc")
    if opencc is not None:
        share = opencc / "clib" / "share" / "opencc"
        try:
            data = sorted(share / n for n in os.listdir(share))
        except OSError:
            data = []
        parts.append(f"{_distribution(opencc)} {_signature(data)}")
    return "; ".join(parts)


def tables_path(stamp: str, cache_dir: Path | None = None) -> Path:
    """Where the tables of one version stamp live.

    Args:
        stamp: The :func:`version_stamp`.
        cache_dir: The folder (the user cache folder of hanja-reader by default).

    Returns:
        The file's path (it may not exist yet).
    """
    import hashlib

    if cache_dir is None:
        import platformdirs

        from glossary.paths import APP_NAME

        cache_dir = platformdirs.user_cache_path(APP_NAME, appauthor=False)
    digest = hashlib.sha256(stamp.encode("utf-8")).hexdigest()
    return cache_dir / f"chinese-tables-{digest[:16]}.sqlite3"


Block = dict[str, list[Any]]


def _pinyin_rows() -> tuple[dict[str, dict[str, str]], dict[int, Block]]:
    """pypinyin's phrases by first character, and its readings by block of characters.

    A phrase maps to the first reading of each of its characters, space-separated, or to
    "" when its readings do not count one per character (pypinyin reads its characters
    alone then).
    """
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    by_first: dict[str, dict[str, str]] = {}
    for phrase, readings in PHRASES_DICT.items():
        value = ""
        if len(readings) == len(phrase):
            firsts = [r[0] for r in readings]
            value = " ".join(firsts)
            if not value or value.split(" ") != firsts:
                raise Unsupported(f"pypinyin reads {phrase} as {readings}")
        by_first.setdefault(phrase[:1], {})[phrase] = value
    blocks: dict[int, Block] = {}
    for code, marked in PINYIN_DICT.items():
        if 0xD800 <= code <= 0xDFFF:
            raise Unsupported(f"pypinyin reads the surrogate U+{code:04X}")
        blocks.setdefault(code >> BLOCK_BITS, {})[chr(code)] = [marked, None, 0]
    return by_first, blocks


class _Conversions(NamedTuple):
    simplified: dict[str, str]
    flags: dict[str, int]
    phrases: list[str]


def _dictionary_files(node: Any, base: Path, found: list[tuple[str, Path]]) -> None:
    """Every dictionary a configuration names (groups opened), as (type, path)."""
    if isinstance(node, dict):
        if "file" in node:
            found.append((str(node.get("type")), base / str(node["file"])))
        for value in node.values():
            _dictionary_files(value, base, found)
    elif isinstance(node, list):
        for value in node:
            _dictionary_files(value, base, found)


class _OpenCCData:
    """OpenCC's ``t2s`` and ``s2t`` dictionaries, dumped as text by its ``opencc_dict``.

    The dumps start when the object is made and run while pypinyin's data is read.
    """

    def __init__(self) -> None:
        import subprocess
        import tempfile

        import opencc

        dumper = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
        self.t2s = opencc.OpenCC("t2s")
        share = Path(self.t2s.config).parent  # Where OpenCC took t2s.json from.
        if not dumper.is_file() or not share.is_absolute():
            raise Unsupported("no opencc_dict to read OpenCC's dictionaries with")
        self.configs: dict[str, list[tuple[str, Path]]] = {}
        self.normalizing: list[tuple[str, Path]] = []
        for name in _OPENCC_CONFIGS:
            data = json.loads((share / f"{name}.json").read_text(encoding="utf-8"))
            self.configs[name] = []
            _dictionary_files(data, share, self.configs[name])
            _dictionary_files(data.get("normalization"), share, self.normalizing)
        self._folder = tempfile.TemporaryDirectory(prefix="hanja-reader-opencc-")
        self._texts: dict[Path, Path] = {}
        self._running: list[subprocess.Popen[bytes]] = []
        try:
            for kind, path in dict.fromkeys(e for c in self.configs.values() for e in c):
                if kind == "text":
                    self._texts[path] = path
                    continue
                if kind != "ocd2":
                    raise Unsupported(f"OpenCC dictionary of type {kind}: {path}")
                out = Path(self._folder.name) / f"{len(self._texts)}-{path.stem}.txt"
                self._texts[path] = out
                command = [str(dumper), "-i", str(path), "-o", str(out), "-f", "ocd2", "-t", "text"]
                self._running.append(
                    subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                )
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Stop any dump still running and remove the dumps."""
        for proc in self._running:
            if proc.poll() is None:
                proc.kill()
            proc.communicate()
        self._folder.cleanup()

    def _read(self) -> dict[Path, list[tuple[str, str]]]:
        """Each dictionary's (key, values) lines; the values are space-separated."""
        for proc in self._running:
            _, err = proc.communicate(timeout=60)
            if proc.returncode != 0:
                raise Unsupported(f"opencc_dict failed: {err.decode('utf-8', 'replace')}")
        line = re.compile("^([^\t\n]*)\t([^\n]*)$", re.MULTILINE)
        return {
            path: line.findall(text.read_text(encoding="utf-8"))
            for path, text in self._texts.items()
        }

    def conversions(self) -> _Conversions:
        """The per-character conversions, the flags and ``t2s``'s phrase keys."""
        read = self._read()
        flags: dict[str, int] = {}
        for _, path in dict.fromkeys(self.normalizing):
            for key, line in read[path]:
                if any(v != key for v in line.split(" ")):
                    for ch in key:
                        flags[ch] = flags.get(ch, 0) | NORMALIZED
        phrases: set[str] = set()
        probe: set[str] = set()
        for _, path in self.configs["t2s"]:
            for key, _values in read[path]:
                (phrases if len(key) > 1 else probe).add(key)
        convert = self.t2s.convert
        alone = functools.cache(lambda ch: str(convert(ch)))
        simplified = {ch: alone(ch) for ch in probe if alone(ch) != ch}
        # s2t changes a character only inside a key of one of its dictionaries, where one
        # of the key's values differs at that place (or the value's length differs); a
        # word needs s2t only when t2s keeps such a character (see chinese.to_traditional).
        keys: list[str] = []
        changes: list[str] = []
        for _, path in self.configs["s2t"]:
            for key, line in read[path]:
                for value in line.split(" ") if " " in line else (line,):
                    if len(value) == len(key):
                        keys.append(key)
                        changes.append(value)
                    else:
                        for ch in key:
                            flags[ch] = flags.get(ch, 0) | NEEDS_S2T
        changed = {k for k, v in zip("".join(keys), "".join(changes), strict=True) if k != v}
        for ch in changed:
            if alone(ch) == ch:
                flags[ch] = flags.get(ch, 0) | NEEDS_S2T
        return _Conversions(simplified, flags, sorted(phrases))


def _conversions(data: _OpenCCData | None) -> _Conversions | None:
    if data is None:
        return None
    try:
        return data.conversions()
    except (OSError, ValueError, Unsupported):
        return None
    finally:
        data.close()


def build_tables(target: Path, stamp: str = "") -> None:
    """Build the tables from pypinyin's and OpenCC's data, atomically.

    The file is written beside ``target`` under a temporary name and renamed over it, so
    that another process sees the old file, the new one or none, never half of one.
    Without OpenCC's ``opencc_dict`` only the readings are tabled.

    Args:
        target: The tables file.
        stamp: The version stamp to record (see :func:`version_stamp`).

    Raises:
        OSError: The folder or the file cannot be written.
        sqlite3.Error: SQLite cannot write the file.
        ImportError: pypinyin is not installed.
        Unsupported: pypinyin's data cannot be tabled exactly.
    """
    try:
        opencc_data: _OpenCCData | None = _OpenCCData()
    except (OSError, ValueError, ImportError, Unsupported):
        opencc_data = None
    try:
        segments, blocks = _pinyin_rows()
    except BaseException:
        _conversions(opencc_data)
        raise
    conversions = _conversions(opencc_data)
    if conversions is not None:
        for ch, flag in conversions.flags.items():
            blocks.setdefault(ord(ch) >> BLOCK_BITS, {}).setdefault(ch, [None, None, 0])[2] = flag
        for ch, simple in conversions.simplified.items():
            row = blocks.setdefault(ord(ch) >> BLOCK_BITS, {}).setdefault(ch, [None, None, 0])
            row[1] = simple
    meta = {
        "stamp": stamp,
        "format": str(FORMAT_VERSION),
        "conversions": "0" if conversions is None else "1",
        "t2s_phrases": json.dumps([] if conversions is None else conversions.phrases),
    }
    dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        temporary.unlink(missing_ok=True)  # Left by a process of the same id that died.
        conn = sqlite3.connect(temporary)
        try:
            conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
            conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            conn.executemany(
                "INSERT INTO segments VALUES (?, ?)",
                ((first, dumps(phrases)) for first, phrases in sorted(segments.items())),
            )
            conn.executemany(
                "INSERT INTO chars VALUES (?, ?)",
                ((block, dumps(chars)) for block, chars in sorted(blocks.items())),
            )
            conn.commit()
        finally:
            conn.close()
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _open(path: Path, stamp: str) -> ChineseTables | None:
    try:
        tables = ChineseTables(path)
    except sqlite3.Error:
        return None
    if tables.stamp != stamp:
        tables.close()
        return None
    return tables


def open_tables(cache_dir: Path | None = None) -> ChineseTables | None:
    """Open the tables of the installed pypinyin and OpenCC, building them when needed.

    Args:
        cache_dir: Where tables live (the user cache folder by default).

    Returns:
        The tables; None when pypinyin is missing or the tables can be neither opened nor
        built (a read-only cache folder): callers then use pypinyin and OpenCC directly.
    """
    try:
        stamp = version_stamp()
        if stamp is None:
            return None
        path = tables_path(stamp, cache_dir)
    except (OSError, ImportError, ValueError):
        return None
    tables = _open(path, stamp) if path.is_file() else None
    if tables is not None:
        return tables
    try:
        build_tables(path, stamp)
    except (OSError, sqlite3.Error, ImportError, Unsupported):
        return None
    return _open(path, stamp)
