"""Bench: the hostile cases of issue 15 that take more than one ``glossary extract`` run.

Each case runs the real commands (``python -m glossary``, or ``python -m reader`` for the
reader's command line) in fresh processes in a temporary folder, as a user would: it builds
a glossary, imports, exports, kills, locks or truncates, and then checks what the user gets.
A command that must fail must exit with status 2 and a single line of error that says what
is wrong, with no traceback and no raw control character; a command that must succeed must
exit 0. Every command runs in its own session and is killed with it when it outlives three
times the time limit. The processes, locks and read-only mounts are in
:mod:`hostile_procs`; :mod:`hostile_input` runs both.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import re
import signal
import stat
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "hangzhou-ai-town.txt"
TRACEBACK = "Traceback (most recent call last)"


class Hang(Exception):
    """A command that outlived its time and was killed."""


@dataclass(frozen=True)
class Ran:
    """One command's end: its arguments, exit status, output and error output."""

    label: str
    status: int
    stdout: bytes
    stderr: str

    @property
    def first(self) -> str:
        """The first line of the error output (a traceback's last), or a note that there is
        none."""
        lines = self.stderr.strip().splitlines()
        if not lines:
            return "(no message)"
        return lines[-1] if TRACEBACK in self.stderr else lines[0]


@dataclass
class Verdict:
    """How a case ended: a few words on what was seen, and what is wrong (empty: passed)."""

    outcome: str
    problems: list[str] = field(default_factory=list)
    skipped: str = ""  # Why the case could not run here (a note; not a failure).


class Session:
    """A case's temporary folder, its glossary database and the commands it runs."""

    def __init__(self, folder: Path, limit: float) -> None:
        self.folder = folder
        self.limit = limit
        self.db = folder / "glossary.sqlite3"
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            # Never the user's own glossary, whatever a command is given.
            "HANJA_READER_DB": str(folder / "default.sqlite3"),
            "LC_ALL": "C.UTF-8",
        }

    def command(self, *args: str | bytes, module: str = "glossary") -> list[str | bytes]:
        """The command line of ``python -m MODULE ARGS``."""
        return [sys.executable, "-m", module, *args]

    def run(
        self,
        argv: Sequence[str | bytes],
        label: str,
        stdin: bytes | None = None,
        stdout: IO[bytes] | None = None,
        env: dict[str, str] | None = None,
    ) -> Ran:
        """Run a command in the folder, in its own session; :class:`Hang` past the time."""
        proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=stdout if stdout is not None else subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=self.folder,
            env=env or self.env,
            start_new_session=True,
        )
        try:
            out, err = proc.communicate(stdin, timeout=self.limit * 3)
        except subprocess.TimeoutExpired:
            kill_group(proc.pid)
            proc.communicate()
            raise Hang(f"{label}: killed after {self.limit * 3:g} s") from None
        return Ran(label, proc.returncode, out or b"", err.decode("utf-8", "replace"))

    def g(self, *args: str | bytes, label: str = "", **options: Any) -> Ran:
        """Run ``glossary --db DB ARGS``; the label defaults to the subcommand."""
        name = label or (args[0] if isinstance(args[0], str) else "glossary")
        return self.run(self.command("--db", str(self.db), *args), name, **options)

    def snapshot(self, db: Path | None = None) -> bytes:
        """The whole glossary as its JSON export writes it: equal bytes, equal store."""
        ran = self.run(
            self.command("--db", str(db or self.db), "export", "-o", "-", "-f", "json"), "export"
        )
        if ran.status != 0:
            raise RuntimeError(f"export for a snapshot failed: {ran.first}")
        return ran.stdout

    def base(self, known: bool = True) -> None:
        """A glossary of the sample article (with 杭州 marked known, unless told not to)."""
        steps = [("add", str(ARTICLE))] + ([("status", "杭州", "known")] if known else [])
        for args in steps:
            ran = self.g(*args)
            if ran.status != 0:
                raise RuntimeError(f"building the glossary failed: {ran.first}")


def kill_group(pid: int) -> None:
    """Kill a process's whole session (its group), if any of it is left."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def control_characters(text: str) -> bool:
    """Whether text holds a raw control character other than tab and newline."""
    return any(ord(c) < 0x20 and c not in "\t\n" or 0x7F <= ord(c) < 0xA0 for c in text)


def refused(ran: Ran, says: str = "", status: int = 2) -> list[str]:
    """What is wrong with a refusal: it must be one line, exit ``status``, say ``says``."""
    found = []
    if TRACEBACK in ran.stderr:
        found.append(f"{ran.label}: traceback")
    if control_characters(ran.stderr):
        found.append(f"{ran.label}: raw control characters in the error")
    if ran.status != status:
        found.append(f"{ran.label}: exit {ran.status}, expected {status}")
    if len(ran.stderr.strip().splitlines()) != 1:
        found.append(f"{ran.label}: {len(ran.stderr.strip().splitlines())} lines of error")
    if says and says not in ran.stderr:
        found.append(f"{ran.label}: the error does not say {says!r}")
    return found


def succeeded(ran: Ran, says: str = "") -> list[str]:
    """What is wrong with a command that must succeed (and print ``says``)."""
    found = []
    if ran.status != 0:
        found.append(f"{ran.label}: exit {ran.status}: {ran.first}")
    if TRACEBACK in ran.stderr:
        found.append(f"{ran.label}: traceback")
    output = ran.stdout.decode("utf-8", "replace") + ran.stderr
    if says and says not in output:
        found.append(f"{ran.label}: does not say {says!r}")
    return found


def error_outcome(ran: Ran) -> str:
    """A refusal in a few words, as the table shows it."""
    return f"exit {ran.status}: {ran.first}"


def terms_of(export: bytes) -> list[tuple[str, ...]]:
    """A JSON export's terms, each with its status, documents and places, in order."""
    return sorted(
        (
            t["hanja"],
            t["hangul"],
            t["status"],
            json.dumps(t["documents"], sort_keys=True),
            json.dumps(t["occurrences"], sort_keys=True),
        )
        for t in json.loads(export)["terms"]
    )


# Issue 15, item 1: import merges per term and per place.


def import_partial_then_full(s: Session) -> Verdict:
    """A known-only export, then a full one, into a new glossary: every place is kept."""
    s.base()
    problems = succeeded(s.g("export", "--status", "known", "-o", "known.json"))
    problems += succeeded(s.g("export", "-o", "full.json"))
    other = s.folder / "other.sqlite3"
    for name in ("known.json", "full.json", "known.json"):
        problems += succeeded(s.run(s.command("--db", str(other), "import", name), "import"))
    show = s.run(s.command("--db", str(other), "show", "鄧小平"), "show")
    problems += succeeded(show, "1 article: 1 glossed place")
    same = terms_of(s.snapshot(other)) == terms_of(s.snapshot())
    if not same:
        problems.append("the imported glossary differs from the exported one")
    said = show.stdout.decode().splitlines()[1] if show.status == 0 else show.first
    return Verdict(f"show 鄧小平: {said}; terms, places and marks as exported: {same}", problems)


# Item 2: standard output that cannot be written.


def full_disk(s: Session) -> Verdict:
    """Every command that prints, with standard output on /dev/full."""
    s.base()
    commands = [
        ("extract", "-f", "json", str(ARTICLE)),
        ("list",),
        ("show", "杭州"),
        ("stats",),
        ("export", "-f", "json", "-o", "-"),
        ("lookup", "항저우"),
    ]
    problems: list[str] = []
    last = None
    with open("/dev/full", "wb") as full:
        for args in commands:
            last = s.g(*args, stdout=full)
            problems += refused(last, "cannot write", status=2)
    assert last is not None
    return Verdict(f"{len(commands)} commands, each {error_outcome(last)}", problems)


def closed_pipe(s: Session) -> Verdict:
    """``glossary extract -f json ... | head -c 10``: a reader that goes away is no error."""
    argv = s.command("extract", "-f", "json", *[str(ARTICLE)] * 8)  # 170 KB: past the pipe.
    proc = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=s.folder,
        env=s.env,
        start_new_session=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    head = proc.stdout.read(10)
    proc.stdout.close()
    try:
        err = proc.stderr.read().decode("utf-8", "replace")
        status = proc.wait(timeout=s.limit * 3)
    except subprocess.TimeoutExpired:
        kill_group(proc.pid)
        raise Hang("extract | head: killed") from None
    problems = [] if status == 0 else [f"exit {status}"]
    if err.strip():
        problems.append(f"error output: {err.strip().splitlines()[0]}")
    return Verdict(
        f"read {len(head)} bytes, then closed: exit {status}, "
        f"{'silent' if not err.strip() else 'said something'}",
        problems,
    )


# Item 3: export -o writes where it is told, and only there.


def leftovers(folder: Path) -> list[str]:
    """Temporary files an export left in a folder."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def export_through_symlink(s: Session) -> Verdict:
    """``export -o LINK --force``: the file the link points to is written; the link stays."""
    s.base()
    target = s.folder / "decks" / "hanja.tsv"
    target.parent.mkdir()
    target.write_text("old deck\n", encoding="utf-8")
    link = s.folder / "deck.tsv"
    link.symlink_to(target)
    problems = succeeded(s.g("export", "-o", "deck.tsv", "--force"))
    if not link.is_symlink():
        problems.append("the link was replaced by a file")
    written = target.read_text(encoding="utf-8")
    if not written.startswith("#separator:tab"):
        problems.append("the target was not written")
    problems += [f"left {name}" for name in leftovers(s.folder) + leftovers(target.parent)]
    rows = sum(1 for line in written.splitlines() if not line.startswith("#"))
    return Verdict(f"link kept: {link.is_symlink()}; target holds {rows} notes", problems)


def special_file(kind: str) -> Callable[[Session], Verdict]:
    """``export -o X --force`` where X is a FIFO or a device node: refused, X left as it is."""

    def case(s: Session) -> Verdict:
        s.base()
        path = s.folder / "deck.tsv"
        if kind == "fifo":
            os.mkfifo(path)
        elif os.geteuid() == 0:
            os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # Our own /dev/null.
        else:
            path = Path("/dev/null")  # Only ever refused: never written, never replaced.
        before = os.lstat(path)
        problems: list[str] = []
        ran = None
        for force in ((), ("--force",)):
            ran = s.g("export", "-f", "tsv", "-o", str(path), *force)
            problems += refused(ran, "never replaced")
        after = os.lstat(path)
        if (stat.S_IFMT(after.st_mode), after.st_rdev, after.st_ino) != (
            stat.S_IFMT(before.st_mode),
            before.st_rdev,
            before.st_ino,
        ):
            problems.append(f"{path} was replaced")
        problems += [f"left {name}" for name in leftovers(s.folder)]
        assert ran is not None
        return Verdict(error_outcome(ran).replace(str(s.folder), "TMP"), problems)

    return case


def export_to_stdout(s: Session) -> Verdict:
    """``export -o -``: the deck on standard output, and no file called ``-``."""
    s.base()
    ran = s.g("export", "-f", "tsv", "-o", "-")
    problems = succeeded(ran)
    if not ran.stdout.startswith(b"#separator:tab"):
        problems.append("no deck on standard output")
    if (s.folder / "-").exists():
        problems.append("wrote a file called -")
    lines = ran.stdout.count(b"\n")
    return Verdict(f"exit {ran.status}, {lines} lines on standard output, no file '-'", problems)


# Item 4: an import that breaks the JSON contract is refused whole.


def bad_import(
    what: str, spoil: Callable[[dict[str, Any], str], str], says: str
) -> Callable[[Session], Verdict]:
    """An import of a spoiled export: one line naming the field, exit 2, nothing imported."""

    def case(s: Session) -> Verdict:
        s.base()
        problems = succeeded(s.g("export", "-o", "full.json"))
        text = (s.folder / "full.json").read_text(encoding="utf-8")
        (s.folder / "bad.json").write_text(spoil(json.loads(text), text), encoding="utf-8")
        before = s.snapshot()
        ran = s.g("import", "bad.json")
        problems += refused(ran, says)
        if s.snapshot() != before:
            problems.append("the glossary changed")
        return Verdict(error_outcome(ran), problems)

    case.__doc__ = f"import of an export with {what}"
    return case


def with_value(path: Sequence[str | int], value: Any) -> Callable[[dict[str, Any], str], str]:
    """A spoiler that sets one field of the export."""

    def spoil(data: dict[str, Any], text: str) -> str:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        return json.dumps(data, ensure_ascii=False)

    return spoil


def term_twice(data: dict[str, Any], text: str) -> str:
    data["terms"].append(copy.deepcopy(data["terms"][2]))
    return json.dumps(data, ensure_ascii=False)


def raw_mentions(literal: str) -> Callable[[dict[str, Any], str], str]:
    """A spoiler that writes a number JSON allows but SQLite cannot hold, as text."""
    return lambda data, text: text.replace('"mentions": 0', f'"mentions": {literal}', 1)


def deep(data: dict[str, Any], text: str) -> str:
    return "[" * 100_000 + "]" * 100_000


def lone_surrogate(data: dict[str, Any], text: str) -> str:
    return text.replace('"note": ""', '"note": "\\ud800"', 1)


# Items 5 to 7: what the engine makes of odd text.


def compatibility_forms(s: Session) -> Verdict:
    """音樂 written with 樂 U+6A02 and with its compatibility twin U+F914: one term."""
    (s.folder / "music.txt").write_text(
        "음악(音\u6a02)을 듣는다. 그는 음악(音\uf914)을 좋아한다.\n", encoding="utf-8"
    )
    problems = succeeded(s.g("add", "music.txt"))
    listed = s.g("list")
    problems += succeeded(listed, "1 term")
    problems += succeeded(s.g("status", "음악", "known"))
    shown = s.g("show", "음악")
    problems += succeeded(shown, "2 glossed places")
    return Verdict("list: 1 term; status 음악: not ambiguous; show: 2 glossed places", problems)


INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\ufe00-\ufe0f\U000e0100-\U000e01ef ]")
HANGZHOU = {
    "NFD hangul": unicodedata.normalize("NFD", "항저우") + "(杭州)",
    "zero-width space": "항저우(杭\u200b州)",
    "zero-width joiner": "항저\u200d우(杭州)",
    "BOM": "항저우(\ufeff杭州)",
    "right-to-left mark": "항저우(杭州\u200f)",
    "variation selector": "항저우(杭\U000e0100州)",
    "space (杭 州)": "항저우(杭 州)",
}


def invisible(kind: str) -> Callable[[Session], Verdict]:
    """항저우(杭州) with an invisible character (or a space) inside: found, offsets true."""

    def case(s: Session) -> Verdict:
        text = f"지난해 중국 {HANGZHOU[kind]}에 갔다.\n"
        (s.folder / "gloss.txt").write_text(text, encoding="utf-8")
        ran = s.run(s.command("extract", "-f", "json", "--no-dictionary", "gloss.txt"), "extract")
        problems = succeeded(ran)
        if problems:
            return Verdict(error_outcome(ran), problems)
        terms = json.loads(ran.stdout)["terms"]
        found = [(t["hangul"], t["hanja"]) for t in terms]
        if found != [("항저우", "杭州")]:
            problems.append(f"found {found}")
            return Verdict(f"found {found}", problems)
        place = terms[0]["occurrences"][0]

        def seen(start: str, end: str) -> str:
            piece = text[place[start] : place[end]]
            return unicodedata.normalize("NFC", INVISIBLE.sub("", piece))

        if (seen("gloss_start", "gloss_end"), seen("hanja_start", "hanja_end")) != (
            "항저우",
            "杭州",
        ):
            problems.append("the offsets do not point at the gloss in the text as read")
        return Verdict(f"항저우(杭州), at {place['start']}-{place['end']} in the text", problems)

    return case


def no_self_readings(s: Session) -> Verdict:
    """Characters with no data (Extension A, B, G): no reading is the character itself."""
    chars = "𠮷𡨸㐂𰀀"
    text = "".join(f"{h}({c}) " for h, c in zip("길자희뱡", chars, strict=True)) + "\n"
    (s.folder / "rare.txt").write_text(text, encoding="utf-8")
    ran = s.run(s.command("extract", "-f", "json", "--no-dictionary", "rare.txt"), "extract")
    problems = succeeded(ran)
    if problems:
        return Verdict(error_outcome(ran), problems)
    readings = ("pinyin", "pinyin_numbered", "sino_korean", "mandarin_hangul", "hun_eum")
    terms = json.loads(ran.stdout)["terms"]
    for t in terms:
        for record in [t, *t["chars"]]:
            problems += [
                f"{t['hanja']}: {key}={record[key]}"
                for key in readings
                if record.get(key) and any(c in record[key] for c in chars)
            ]
    if len(terms) != len(chars):
        problems.append(f"{len(terms)} terms, expected {len(chars)}")
    kinds = ", ".join(f"{t['hanja']} {t['kind']}" for t in terms)
    return Verdict(f"{len(terms)} terms ({kinds}); no reading is the character", problems)


# Item 8: an empty TERM names nothing.


def empty_term(s: Session) -> Verdict:
    """``status "" learning``, a blank TERM, ``note ""``, ``meaning ""``: refused, unchanged."""
    s.base(known=False)
    before = s.snapshot()
    problems: list[str] = []
    ran = None
    for args in (
        ("status", "", "learning"),
        ("status", "  ", "learning"),
        ("note", "", "x"),
        ("meaning", "\t", "x"),
        ("show", ""),
    ):
        ran = s.g(*args)
        problems += refused(ran, "TERM is empty")
    if s.snapshot() != before:
        problems.append("the glossary changed")
    assert ran is not None
    return Verdict(f"5 commands, each {error_outcome(ran)}", problems)


# Item 12: arguments that are not what they claim.


def no_such_user(s: Session) -> Verdict:
    """``--db "~nouser/x.db"`` and ``HANJA_READER_DB=~nouser/x.db``: one line each."""
    first = s.run(s.command("--db", "~nosuchuser15/x.db", "list"), "--db")
    second = s.run(
        s.command("list"),
        "$HANJA_READER_DB",
        env={**s.env, "HANJA_READER_DB": "~nosuchuser15/x.db"},
    )
    problems = refused(first, "no such user") + refused(second, "no such user")
    return Verdict(error_outcome(first), problems)


def not_utf8_argument(s: Session) -> Verdict:
    """``glossary note 杭州 $'\\xff'``: one line, nothing changed."""
    s.base()
    before = s.snapshot()
    ran = s.g("note", "杭州", b"\xff")
    problems = refused(ran, "not valid UTF-8")
    if s.snapshot() != before:
        problems.append("the glossary changed")
    return Verdict(error_outcome(ran), problems)


def reader_refuses(args: Sequence[str], closed: bool, says: str) -> Callable[[Session], Verdict]:
    """The reader's command line: refused before its screen starts."""

    def case(s: Session) -> Verdict:
        argv: list[str | bytes] = s.command(*args, module="reader")
        if closed:
            argv = ["sh", "-c", 'exec "$@" <&-', "sh", *argv]
        ran = s.run(argv, "reader")
        problems = refused(ran, says)
        if ran.stdout:
            problems.append("the reader drew on standard output")
        return Verdict(error_outcome(ran), problems)

    return case


# Item 17: file names with escape sequences.


def escaped_names(s: Session) -> Verdict:
    """A file called ``a<ESC>[31mb<BEL>.txt``, and a Markdown title with escapes."""
    name = "a\x1b[31mb\x07.txt"
    (s.folder / name).write_bytes(ARTICLE.read_bytes())
    (s.folder / "note.md").write_text("# \x1b]0;pwned\x07제목\n\n항저우(杭州)\n", encoding="utf-8")
    runs = [
        s.g("add", "-v", name),
        s.g("add", "-v", "note.md"),
        s.g("show", "杭州"),
        s.g("list"),
        s.g("add", "-v", name + ".gone"),
    ]
    problems: list[str] = []
    for ran in runs[:-1]:
        problems += succeeded(ran)
    problems += refused(runs[-1], "no such file")
    for ran in runs:
        if control_characters(ran.stdout.decode("utf-8", "replace") + ran.stderr):
            problems.append(f"{ran.label}: raw control characters")
    if "a\\x1b[31mb\\x07.txt" not in runs[2].stdout.decode():
        problems.append("show does not name the file escaped")
    titles = [d["title"] for d in json.loads(s.snapshot())["documents"]]
    if any(control_characters(t) for t in titles):
        problems.append(f"stored titles hold control characters: {titles!r}")
    return Verdict(
        "add -v, show, list and the error print a\\x1b[31mb\\x07.txt; "
        f"titles stored: {', '.join(t[:12] for t in titles)}",
        problems,
    )
