"""Bench: every kind of bad input, through the real command, each under 10 seconds.

Run from the repository root: ``python bench/hostile_input.py [--limit 10]``.

Each case runs ``python -m glossary extract --format tsv`` on a file made from the sample
article (or on a path that is not a readable file; a few cases add an option or close
standard input) in a fresh process, as a user would, and prints its wall time, its CPU
time (the fairer figure on a busy machine), its exit status and its outcome: the number
of terms, or the one-line error. A case fails when it takes longer than the limit,
prints a traceback, prints more than one line of error or a raw control character, or
does not end the way it should (exit 0 with the expected terms, or exit 2 with an
error). The script exits 1 when any case fails.

It writes only to a temporary folder.
"""

from __future__ import annotations

import argparse
import codecs
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "hangzhou-ai-town.txt"
MB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    """One bad input and how it must end."""

    name: str
    make: Callable[[Path], str]  # Builds the input in a folder; returns the argument to pass.
    status: int  # 0: it must give the terms; 2: a one-line error.
    terms: int | None = None  # With status 0: how many terms, when that is known.
    stdin: Callable[[Path], bytes] | None = None
    options: tuple[str, ...] = ()  # More arguments, before the input's.
    closed_stdin: bool = False  # Run with standard input closed (<&-).


def article() -> str:
    """The sample article."""
    return ARTICLE.read_text(encoding="utf-8")


def one_line(size: int, codec: str = "utf-8") -> bytes:
    """The article on a single line, repeated to ``size`` bytes in ``codec``."""
    unit = article().replace("\n", " ").encode(codec, "replace")
    return (unit * (size // len(unit)))[:size]


def write(name: str, data: bytes) -> Callable[[Path], str]:
    """A maker that writes ``data`` to a file called ``name`` and passes its path."""

    def make(folder: Path) -> str:
        path = folder / name
        path.write_bytes(data)
        return str(path)

    return make


def lazy_write(name: str, data: Callable[[], bytes]) -> Callable[[Path], str]:
    """Like :func:`write`, building the (large) data only when the case runs."""

    def make(folder: Path) -> str:
        path = folder / name
        path.write_bytes(data())
        return str(path)

    return make


def unreadable(folder: Path) -> str:
    """A file that cannot be read: mode 000, or (as root, who reads anything) /proc/self/mem."""
    if os.geteuid() == 0:
        return "/proc/self/mem"
    path = folder / "secret.txt"
    path.write_text("비밀", encoding="utf-8")
    path.chmod(0)
    return str(path)


def nested_page() -> bytes:
    """The article inside 100,000 unclosed ``<div>``: far deeper than libxml2 parses."""
    return b"<!DOCTYPE html><html><body>" + b"<div>" * 100_000 + article().encode() + b"</body>"


def big_page() -> bytes:
    """A 20 MB page: the article's paragraphs over and over, too large for trafilatura."""
    paragraphs = [f"<p>{line}</p>" for line in article().split("\n") if line.strip()]
    unit = ("<div class='x'>" + "".join(paragraphs) + "<a href='#'>링크</a></div>\n").encode()
    return b"<!DOCTYPE html><html><body><article>" + unit * (20 * MB // len(unit)) + b"</article>"


def crowded_page() -> bytes:
    """The article in one element that carries 300,000 distinct attributes (3.5 MB)."""
    paragraphs = "".join(f"<p>{line}</p>" for line in article().split("\n") if line.strip())
    attributes = " ".join(f"data-a{i}=v" for i in range(300_000))
    return f"<!DOCTYPE html><html><body><article><div {attributes}>{paragraphs}</div>".encode()


def surrogates() -> bytes:
    """The article in UTF-8 with two encoded lone surrogates (U+D800, U+DFFF), which
    UTF-8 forbids."""
    text = article().encode("utf-8")
    return text[:300] + b"\xed\xa0\x80" + text[300:600] + b"\xed\xbf\xbf" + text[600:]


def surrogates_utf16() -> bytes:
    """The article in UTF-16 with a lone high surrogate before its last character."""
    return (
        codecs.BOM_UTF16_LE + article().encode("utf-16-le") + b"\x00\xd8" + "끝".encode("utf-16-le")
    )


def controls() -> bytes:
    """The article with terminal escapes, a bell, backspace, vertical tab, form feed, DEL."""
    text = article()
    return ("\x1b[31m" + text[:500] + "\x07\x08\x0b\x0c\x7f\x1b]0;title\x07" + text[500:]).encode(
        "utf-8"
    )


CASES = [
    Case("binary file (random bytes)", write("random.bin", random.Random(6).randbytes(MB)), 2),
    Case("binary file (PNG header)", write("image.png", b"\x89PNG\r\n\x1a\n" + bytes(4096)), 2),
    Case("binary file, no NUL byte", write("noise.dat", bytes(range(1, 256)) * 4096), 2),
    Case("directory", lambda folder: str(folder), 2),
    Case("missing file", lambda folder: str(folder / "nope.txt"), 2),
    Case("unreadable file", unreadable, 2),
    Case("endless device (/dev/zero)", lambda folder: "/dev/zero", 2),
    Case("file over the 64 MiB limit", lazy_write("huge.txt", lambda: b"a" * (70 * MB)), 2),
    Case("empty file", write("empty.txt", b""), 0, 0),
    Case(
        "50 MB single line (the article)", lazy_write("line.txt", lambda: one_line(50 * MB)), 0, 12
    ),
    Case(
        "50 MB single line (CP949)",
        lazy_write("line949.txt", lambda: one_line(50 * MB, "cp949")),
        0,
        12,
    ),
    Case("50 MB single line (ASCII)", lazy_write("ascii.txt", lambda: b"a" * (50 * MB)), 0, 0),
    Case(
        "50 MB single line (hanja only)",
        lazy_write("hanja.txt", lambda: "杭州".encode() * (50 * MB // 6)),
        0,
        None,
    ),
    Case("100,000 unmatched (", write("parens.txt", b"(" * 100_000), 0, 0),
    Case(
        "100,000 unmatched ( after hangul",
        lazy_write("gloss-parens.txt", lambda: "항저우(杭州".encode() * 100_000),
        0,
        None,
    ),
    Case("lone surrogates (UTF-8 bytes)", lazy_write("surrogates.txt", surrogates), 0, 12),
    Case("lone surrogate (UTF-16)", lazy_write("surrogates16.txt", surrogates_utf16), 0, 12),
    Case("control characters", lazy_write("controls.txt", controls), 0, 12),
    Case(
        "text with a NUL byte",
        lazy_write("nul.txt", lambda: article().encode("utf-8") + b"\x00"),
        2,
    ),
    Case("100,000 nested <div>", lazy_write("nested.html", nested_page), 0, 12),
    Case("20 MB web page", lazy_write("big.html", big_page), 0, 12),
    Case("300,000 attributes on one element", lazy_write("crowded.html", crowded_page), 0, 12),
    Case(
        "--encoding undefined",
        write("article.txt", ARTICLE.read_bytes()),
        2,
        options=("--encoding", "undefined"),
    ),
    Case(
        "file name with terminal escapes",
        lambda folder: str(folder / "x\x1b]0;pwned\x07\x1b[2J.txt"),
        2,
    ),
    Case("standard input closed", lambda folder: "-", 2, closed_stdin=True),
    Case(
        "standard input (CP949)",
        lambda folder: "-",
        0,
        12,
        stdin=lambda folder: article().encode("cp949", "replace"),
    ),
]


@dataclass(frozen=True)
class Outcome:
    """How a case ended: its wall and CPU seconds, exit status, error output and terms."""

    seconds: float
    cpu: float
    status: int
    stderr: str
    terms: int

    def describe(self) -> str:
        """The outcome in a few words: the terms, or the first line of the error."""
        if self.status == 0:
            return f"exit 0, {self.terms} terms"
        first = self.stderr.strip().splitlines()[0] if self.stderr.strip() else "(no message)"
        return f"exit {self.status}: {first}"


def run(case: Case, folder: Path, limit: float) -> Outcome:
    """Run one case through ``python -m glossary extract`` in a fresh process."""
    argument = case.make(folder)
    data = case.stdin(folder) if case.stdin is not None else None
    out = folder / "out.tsv"
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, "-m", "glossary", "extract", "--format", "tsv"]
    command += [*case.options, argument]
    if case.closed_stdin:
        command = ["sh", "-c", 'exec "$@" <&-', "sh", *command]
    with out.open("wb") as sink:
        proc = subprocess.run(
            command,
            input=data,
            stdin=None if data is not None else subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.PIPE,
            timeout=limit * 3,
            cwd=ROOT,
        )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    with out.open("rb") as result:
        lines = sum(1 for _ in result)
    return Outcome(
        seconds, cpu, proc.returncode, proc.stderr.decode("utf-8", "replace"), max(0, lines - 1)
    )


def problems(case: Case, outcome: Outcome, limit: float) -> list[str]:
    """What is wrong with how a case ended; empty when it ended as it must."""
    found = []
    if outcome.seconds > limit:
        found.append(f"took {outcome.seconds:.1f} s")
    if "Traceback" in outcome.stderr:
        found.append("traceback")
    if any(ord(c) < 0x20 and c not in "\t\n" or 0x7F <= ord(c) < 0xA0 for c in outcome.stderr):
        found.append("raw control characters in the error")
    if outcome.status != case.status:
        found.append(f"exit {outcome.status}, expected {case.status}")
    if case.status == 2 and len(outcome.stderr.strip().splitlines()) != 1:
        found.append("not a one-line error")
    if case.status == 0 and case.terms is not None and outcome.terms != case.terms:
        found.append(f"{outcome.terms} terms, expected {case.terms}")
    return found


def main() -> int:
    """Run every case and print a line for each; 1 when any failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=float, default=10.0, help="seconds allowed per case")
    args = parser.parse_args()
    failed = 0
    print(f"{'case':<36} {'wall':>7} {'cpu':>7}  outcome")
    for case in CASES:
        with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
            folder = Path(tmp)
            try:
                outcome = run(case, folder, args.limit)
            except subprocess.TimeoutExpired:
                print(f"{case.name:<36} {'>' + str(args.limit * 3):>7}s  FAIL: killed (hang)")
                failed += 1
                continue
            finally:
                for path in folder.iterdir():
                    path.chmod(0o600)
        found = problems(case, outcome, args.limit)
        verdict = "ok" if not found else "FAIL: " + ", ".join(found)
        print(
            f"{case.name:<36} {outcome.seconds:>6.2f}s {outcome.cpu:>6.2f}s"
            f"  {outcome.describe()}  [{verdict}]"
        )
        failed += bool(found)
    print(f"{len(CASES) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
