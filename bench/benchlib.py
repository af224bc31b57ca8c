"""What every benchmark script shares: naming the machine and recording results."""

from __future__ import annotations

import datetime as dt
import os
import platform
import shlex
import sys
from pathlib import Path

BENCHMARKS_MD = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
_HEADER = (
    "# Benchmarks\n\nEvery speed claim of the project comes from a command here, "
    "measured against a baseline in the same run.\n"
)


def machine() -> str:
    """A line naming this machine: CPU model, cores, Python and system."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def append_section(entry: str) -> None:
    """Append a section to BENCHMARKS.md, creating the file with its header if needed.

    Args:
        entry: The Markdown section, starting with a blank line and a ``##`` heading.
    """
    if not BENCHMARKS_MD.exists():
        BENCHMARKS_MD.write_text(_HEADER, encoding="utf-8")
    with BENCHMARKS_MD.open("a", encoding="utf-8") as fh:
        fh.write(entry)


def record(title: str, script: str, argv: list[str], body: str) -> None:
    """Append a dated section with the machine and the command that produced it.

    Args:
        title: The section title (the date is added).
        script: The script's file name under ``bench/``.
        argv: The arguments it was run with.
        body: The results (Markdown).
    """
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    command = shlex.join(["python", f"bench/{script}", *argv])
    append_section(
        f"\n## {title}, {stamp}\n\nMachine: {machine()}. Command: `{command}`.\n\n{body}\n"
    )


def publish(
    title: str, script: str, rows: list[tuple[str, str, str]], notes: str, write: bool
) -> None:
    """Print a measure | result | bar table and its notes; with ``write``, record them too.

    Args:
        title: The section title for BENCHMARKS.md.
        script: The script's file name under ``bench/``.
        rows: (measure, result, bar) rows.
        notes: A paragraph printed under the table.
        write: Append the section to BENCHMARKS.md.
    """
    table = "| measure | result | bar |\n| --- | --- | --- |\n" + "\n".join(
        f"| {a} | {b} | {c} |" for a, b, c in rows
    )
    print(table)
    print()
    print(notes)
    if write:
        record(title, script, sys.argv[1:], f"{table}\n\n{notes}")
