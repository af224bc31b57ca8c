"""Bench: every kind of bad input, through the real command, each under 10 seconds.

Run from the repository root: ``python bench/hostile_input.py [--limit 10] [--only TEXT]
[--write]`` (``--write`` appends the results to BENCHMARKS.md).

Two kinds of case. Each of :data:`CASES` runs ``python -m glossary extract --format tsv``
on a file made from the sample article (or on a path that is not a readable file; a few
cases add an option or close standard input) in a fresh process, as a user would. Each of
:data:`SCENARIOS` is a case of issue 15 made of several commands (``hostile_cases.py``,
``hostile_procs.py``): imports, exports, kills, locks, damaged or read-only glossaries,
odd text, the reader's command line. Every case prints its wall time, its CPU time (the
fairer figure on a busy machine) and its outcome: the number of terms, what was seen, or
the one-line error. A case fails when it takes longer than the limit (a case that waits
by design, on a lock, is allowed that wait more), prints a traceback, prints more than
one line of error or a raw control character, or does not end the way it should (exit 0
with the expected result, or exit 2 with an error that says what is wrong). The script
exits 1 when any case fails.

It writes only to temporary folders (and, with ``--write``, to BENCHMARKS.md). As root,
the read-only case mounts its own folder read-only in a private mount namespace
(``unshare -m``) and the device case makes its own device node with ``mknod``.
"""

from __future__ import annotations

import argparse
import codecs
import json
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

import hostile_cases as hc
import hostile_procs as hp
from benchlib import record
from hostile_cases import Hang, Session, Verdict

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
    item: str = ""  # The item of issue 15 it shows, if any.


def article() -> str:
    """The sample article."""
    return ARTICLE.read_text(encoding="utf-8")


def one_line(size: int, codec: str = "utf-8") -> bytes:
    """The article on a single line, repeated to ``size`` bytes in ``codec``."""
    unit = article().replace("\n", " ").encode(codec, "replace")
    return (unit * (size // len(unit)))[:size]


def chinese_run(size: int) -> bytes:
    """The committed Chinese passages with every character that is no hanja taken out: one run
    of hanja (prepositions giving way all along, 在|行政院), repeated to ``size`` bytes."""
    passages = ("07_ey-legislative-bills", "08_hunan-graduate-employment")
    folder = ROOT / "bench" / "segment"
    texts = [json.loads((folder / f"{n}.json").read_text("utf-8")) for n in passages]
    unit = "".join(ch for t in texts for ch in t["text"] if "\u4e00" <= ch <= "\u9fff").encode()
    return (unit * (size // len(unit) + 1))[: size - size % 3]


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
    Case(
        "10 MB of Chinese on one line, no punctuation",
        lazy_write("chinese-line.txt", lambda: chinese_run(10 * MB)),
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
    Case(
        "300,000 attributes on one element",
        lazy_write("crowded.html", crowded_page),
        0,
        12,
        item="10",
    ),
    *[
        Case(
            f"--encoding {name}",
            write("article.txt", ARTICLE.read_bytes()),
            2,
            options=("--encoding", name),
            item="12",
        )
        for name in ("undefined", "unicode_escape", "hex", "rot13", "ütf8")
    ],
    Case(
        "file name with terminal escapes",
        lambda folder: str(folder / "x\x1b]0;pwned\x07\x1b[2J.txt"),
        2,
        item="17",
    ),
    Case("standard input closed", lambda folder: "-", 2, closed_stdin=True, item="12"),
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


@dataclass(frozen=True)
class Scenario:
    """A case of issue 15 made of several commands (:mod:`hostile_cases`)."""

    item: str
    name: str
    check: Callable[[Session], Verdict]
    waits: float = 0.0  # Seconds it waits by design (a lock's timeout), over the limit.


_ITEM_4 = "import of an export with"
SCENARIOS = [
    Scenario("1", "import: known terms, then all", hc.import_partial_then_full),
    Scenario("2", "standard output /dev/full, 6 commands", hc.full_disk),
    Scenario("2", "extract | head -c 10", hc.closed_pipe),
    Scenario("3", "export -o through a symlink", hc.export_through_symlink),
    Scenario("3", "export -o a FIFO", hc.special_file("fifo")),
    Scenario("3", "export -o a device node", hc.special_file("device")),
    Scenario("3", "export -o -", hc.export_to_stdout),
    Scenario("3", "export: SIGTERM while writing", hp.interrupted_export("TERM")),
    Scenario("3", "export: SIGINT while writing", hp.interrupted_export("INT")),
    *[
        Scenario("4", f"import: {what}", hc.bad_import(what, spoil, says))
        for what, spoil, says in [
            ("version true", hc.with_value(["version"], True), "version"),
            ("version -1", hc.with_value(["version"], -1), "version"),
            (
                "mentions -5",
                hc.with_value(["terms", 3, "documents", 0, "mentions"], -5),
                "terms[3].documents[0].mentions",
            ),
            (
                "user_updated_at zzzz",
                hc.with_value(["terms", 3, "user_updated_at"], "zzzz"),
                "terms[3].user_updated_at",
            ),
            ("a term twice", hc.term_twice, "repeats the term"),
            ("mentions 2^63", hc.raw_mentions(str(2**63)), "mentions"),
            ("mentions of 4,400 digits", hc.raw_mentions("9" * 4400), "mentions"),
            ("100,000 nested lists", hc.deep, "nested too deeply"),
            ("a lone surrogate", hc.lone_surrogate, "lone surrogate"),
        ]
    ],
    Scenario("5", "音樂 with U+6A02 and U+F914", hc.compatibility_forms),
    *[Scenario("6", f"gloss with {kind}", hc.invisible(kind)) for kind in hc.HANGZHOU],
    Scenario("7", "𠮷 𡨸 㐂 𰀀: no data", hc.no_self_readings),
    Scenario("8", "empty or blank TERM", hc.empty_term),
    Scenario("9", "add --jobs 2, SIGTERM", hp.killed_import("TERM")),
    Scenario("9", "add --jobs 2, SIGKILL", hp.killed_import("KILL")),
    Scenario("9", "add --jobs 2, Ctrl-C twice", hp.killed_import("INT INT")),
    Scenario("12", "~nouser: --db, $HANJA_READER_DB", hc.no_such_user),
    Scenario("12", "argument not UTF-8 (note 杭州 \\xff)", hc.not_utf8_argument),
    Scenario("12", "reader - <&-", hc.reader_refuses(["-"], True, "standard input: closed")),
    Scenario(
        "12",
        "reader --encoding unicode_escape",
        hc.reader_refuses(
            ["--encoding", "unicode_escape", str(ARTICLE)], False, "not an encoding of text"
        ),
    ),
    Scenario("14", "add --jobs 64 on this machine", hp.too_many_jobs),
    Scenario("15", "read-only glossary folder", hp.read_only_folder),
    Scenario("15", "truncated glossary", hp.damaged("truncated")),
    Scenario("15", "glossary not SQLite at all", hp.damaged("random")),
    Scenario("15", "glossary locked by another program", hp.locked, waits=10.0),
    Scenario("17", "file and title with escapes", hc.escaped_names),
]

NOTES = """Items 11, 13 and 18 of issue 15 are the reader's screen (a mark saved while the \
glossary is locked, quitting while a FIFO is being opened, the glossary deleted while \
reading): they need its screen, and the reader's tests cover them \
(`tests/reader/test_store_saving.py`; item 13's test, `tests/reader/test_quit_and_stdin.py`, \
was not yet committed at this run). Item 16 (an SQLite error inside a read masked by the \
COMMIT) cannot be made to happen from the command line on demand; \
`tests/glossary/test_store_messages.py` covers it. Item 10 is the 300,000-attribute page, \
item 17 also the extract case of a missing file with escapes in its name."""


@dataclass(frozen=True)
class Row:
    """One line of the results."""

    item: str
    name: str
    seconds: float
    cpu: float
    outcome: str
    verdict: str


def run_case(case: Case, limit: float) -> Row:
    """Run one ``glossary extract`` case in a fresh folder."""
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        folder = Path(tmp)
        try:
            outcome = run(case, folder, limit)
        except subprocess.TimeoutExpired:
            return Row(case.item, case.name, limit * 3, 0.0, "killed", "FAIL: hang")
        finally:
            for path in folder.iterdir():
                path.chmod(0o600)
        found = problems(case, outcome, limit)
        text = outcome.describe().replace(tmp, "TMP")
    verdict = "ok" if not found else "FAIL: " + ", ".join(found)
    return Row(case.item, case.name, outcome.seconds, outcome.cpu, text, verdict)


def run_scenario(scenario: Scenario, limit: float) -> Row:
    """Run one multi-command case in a fresh folder."""
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        start = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            verdict = scenario.check(Session(Path(tmp), limit))
        except Hang as exc:
            verdict = Verdict("killed", [f"hang: {exc}"])
        except Exception as exc:  # A case that breaks is a failed case, not a stopped run.
            verdict = Verdict(f"{type(exc).__name__}: {exc}", ["the case broke"])
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        for path in Path(tmp).rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o700)
        outcome = verdict.outcome.replace(tmp, "TMP").replace(f"{ROOT}/", "")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if seconds > limit + scenario.waits:
        verdict.problems.append(f"took {seconds:.1f} s")
    if verdict.skipped:
        result = f"skipped: {verdict.skipped}"
    else:
        result = "ok" if not verdict.problems else "FAIL: " + "; ".join(verdict.problems)
    return Row(scenario.item, scenario.name, seconds, cpu, outcome, result)


def markdown(rows: list[Row], summary: str, started: float) -> str:
    """The results as a Markdown table, with the notes."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [
        "| item | case | wall | cpu | outcome | result |",
        "| --- | --- | --- | --- | --- | --- |",
        *[
            f"| {r.item} | {cell(r.name)} | {r.seconds:.2f} s | {r.cpu:.2f} s "
            f"| {cell(r.outcome)} | {cell(r.verdict)} |"
            for r in rows
        ],
    ]
    took = time.perf_counter() - started
    return (
        "\n".join(lines)
        + f"\n\n**{summary}.** The whole run took {took:.0f} s (with the 6 MB news folder and "
        "its glossary built once for the multi-worker cases, outside any case's time).\n\n" + NOTES
    )


def main() -> int:
    """Run every case and print a line for each; 1 when any failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=float, default=10.0, help="seconds allowed per case")
    parser.add_argument("--only", metavar="TEXT", help="only the cases whose name holds TEXT")
    parser.add_argument("--write", action="store_true", help="append the results to BENCHMARKS.md")
    args = parser.parse_args()
    started = time.perf_counter()
    chosen = [c for c in CASES if not args.only or args.only in c.name]
    scenarios = [s for s in SCENARIOS if not args.only or args.only in s.name]
    if any(s.check.__module__ == hp.__name__ for s in scenarios):
        hp.prepare()
    rows: list[Row] = []
    print(f"{'item':>4} {'case':<40} {'wall':>7} {'cpu':>7}  outcome")
    for job in [*chosen, *scenarios]:
        row = run_case(job, args.limit) if isinstance(job, Case) else run_scenario(job, args.limit)
        rows.append(row)
        print(
            f"{row.item:>4} {row.name:<40} {row.seconds:>6.2f}s {row.cpu:>6.2f}s"
            f"  {row.outcome}  [{row.verdict}]",
            flush=True,
        )
    failed = sum(r.verdict.startswith("FAIL") for r in rows)
    skipped = sum(r.verdict.startswith("skipped") for r in rows)
    summary = f"{len(rows) - failed - skipped} passed, {failed} failed"
    summary += f", {skipped} skipped" if skipped else ""
    print(summary)
    if args.write:
        body = (
            "Each case in a fresh process (or several: `hostile_cases.py`, `hostile_procs.py`), "
            f"in a temporary folder; bar: under {args.limit:g} s each (the locked glossary: "
            "its 10 s wait more), exit 0 or a one-line error with exit 2, no traceback. "
            "`item`: the item of issue 15 a case shows.\n\n" + markdown(rows, summary, started)
        )
        record("Hostile input", "hostile_input.py", sys.argv[1:], body)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
