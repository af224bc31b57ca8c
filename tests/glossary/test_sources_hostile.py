"""Hostile input, part two (issue 15, items 10, 12 and 17).

A page whose element carries hundreds of thousands of attributes; ``~user`` paths for a
user that does not exist; arguments that are not UTF-8; encodings that do not decode bytes
to text; standard input closed; file names that hold terminal escapes. Each gets its output
or a one-line error (exit status 2), never a traceback, and no name reaches the terminal
with its control characters raw.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

import glossary.sources.html as html_source
from glossary import InputError, document_from_text, read_document
from glossary.cli import main
from glossary.paths import DB_ENV_VAR, db_path
from glossary.sources.files import printable, text_encoding
from glossary.sources.html import MAX_ATTRIBUTES, cap_attributes
from glossary.store import open_store

ROOT = Path(__file__).resolve().parents[2]
GLOSSED = "덩샤오핑(鄧小平)의 개혁·개방 초기를 대표하는 도시 선전은 ‘속도’로 설명된다."
NO_USER = "~nosuchuser-hanja-reader"
# Control characters no line of the command may print raw (tab and newline aside).
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def attributes(count: int) -> str:
    return " ".join(f"a{i}=v" for i in range(count))


def crowded_page(count: int) -> str:
    """A page whose one element carries ``count`` distinct attributes around the article."""
    return (
        "<!DOCTYPE html><html><head><title>속도의 도시</title></head><body><article>"
        f"<div class='story' {attributes(count)}><h1>선전의 속도</h1><p>{GLOSSED}</p></div>"
        "</article></body></html>"
    )


def attribute_names(markup: str, tag: str) -> list[str]:
    """The attributes lxml finds on the first ``tag`` element of some markup."""
    from lxml import html

    element = html.document_fromstring(markup).find(f".//{tag}")
    assert element is not None
    return list(element.attrib)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A store for the command, through the environment, with 항저우(杭州) in it."""
    path = tmp_path / "db" / "glossary.sqlite3"
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    article = tmp_path / "article.txt"
    article.write_text("항저우(杭州)에서 온 소식입니다. 항저우는 크다.\n", encoding="utf-8")
    assert main(["add", str(article)]) == 0
    capsys.readouterr()
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(status: int, out: str, err: str, *parts: str) -> None:
    assert status == 2, err
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("glossary: "), err
    assert "Traceback" not in err
    for part in parts:
        assert part in err


def shell(command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command line through sh, with ``$0`` the Python running the tests."""
    return subprocess.run(
        ["sh", "-c", command, sys.executable],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )


# Item 10: one element with a huge number of attributes.


def test_an_element_keeps_only_its_first_attributes() -> None:
    markup = f"<div {attributes(300_000)}>속도</div><p a=1>뒤</p>"
    capped = cap_attributes(markup)
    assert attribute_names(capped, "div") == [f"a{i}" for i in range(MAX_ATTRIBUTES)]
    assert capped.endswith(">속도</div><p a=1>뒤</p>")
    assert len(capped) < 20 * MAX_ATTRIBUTES


def test_ordinary_markup_is_left_as_it_is() -> None:
    from tests.glossary.test_source_bar import news_page

    page = news_page()
    assert cap_attributes(page) == page
    exactly = f"<div {attributes(MAX_ATTRIBUTES)}>x</div>"
    assert cap_attributes(exactly) == exactly


def test_capping_reads_quotes_and_raw_text_as_browsers_do() -> None:
    many = attributes(MAX_ATTRIBUTES + 5)
    # A quoted value may hold ">" and spaces: still one attribute, kept whole.
    capped = cap_attributes(f'<div title="a > b c" {many}>x</div>')
    names = attribute_names(capped, "div")
    assert names[0] == "title" and len(names) == MAX_ATTRIBUTES
    assert 'title="a > b c"' in capped
    # A crowded tag inside a quoted value is text, not a tag: left alone.
    quoted = f"<p title='<div {many}>'>x</p>"
    assert cap_attributes(quoted) == quoted
    # A quote inside a script does not hide the crowded tag after the script.
    capped = cap_attributes(f"<script>var s = '<p x=\"';</script><div {many}>x</div>")
    assert len(attribute_names(capped, "div")) == MAX_ATTRIBUTES
    assert "<script>var s = '<p x=\"';</script>" in capped
    # Comments end where browsers end them; what they hold is no tag.
    for comment in ("<!---->", "<!-- a --->", "<!-->", "<!-- a --!>", "<!DOCTYPE html>"):
        capped = cap_attributes(f"{comment}<div {many}>x</div>")
        assert capped.startswith(comment) and len(attribute_names(capped, "div")) == MAX_ATTRIBUTES
    commented = f"<!-- <div {many}> -->"
    assert cap_attributes(commented) == commented
    # A self-closing tag stays self-closing; a tag cut off by the end of input stays cut off.
    assert cap_attributes(f"<br {many} />").endswith(" />")
    cut = cap_attributes(f'<div {many} b="unclosed')
    assert not cut.endswith(">") and len(cut) < 20 * MAX_ATTRIBUTES


def test_attributes_are_capped_before_the_page_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    parse = html_source._parse

    def spy(markup: str) -> object:
        parsed.append(markup)
        assert len(markup) < 100_000, "the crowded tag reached the parser whole"
        return parse(markup)

    monkeypatch.setattr(html_source, "_parse", spy)
    page = tmp_path / "crowded.html"
    page.write_text(crowded_page(300_000), encoding="utf-8")
    assert page.stat().st_size > 2_500_000
    document = read_document(page)
    assert parsed
    assert GLOSSED in document.text
    assert document.title == "속도의 도시"


def test_the_command_reads_a_page_with_40k_attributes(tmp_path: Path) -> None:
    page = tmp_path / "crowded.html"
    page.write_text(crowded_page(40_000), encoding="utf-8")
    # The timeout guards against a hang; it is no claim of speed (see bench/hostile_input.py).
    proc = subprocess.run(
        [sys.executable, "-m", "glossary", "extract", "--format", "tsv", str(page)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert (proc.returncode, proc.stderr) == (0, "")
    assert "鄧小平" in proc.stdout


# Item 12: ~user paths, arguments and encodings that are not text, standard input closed.


def test_a_home_folder_of_no_user_is_an_input_error() -> None:
    with pytest.raises(InputError, match="nosuchuser-hanja-reader"):
        db_path(f"{NO_USER}/x.db")


@pytest.mark.parametrize("command", [["stats"], ["list"], ["lookup", "杭州"]])
def test_db_under_a_user_that_does_not_exist(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    status, out, err = run(capsys, "--db", f"{NO_USER}/x.db", *command)
    assert_one_line_error(status, out, err, NO_USER)


def test_db_from_the_environment_under_a_user_that_does_not_exist(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DB_ENV_VAR, f"{NO_USER}/x.db")
    status, out, err = run(capsys, "stats")
    assert_one_line_error(status, out, err, NO_USER)


@pytest.mark.parametrize(
    ("args", "label"),
    [
        (["note", "杭州", "\udcff"], "TEXT"),
        (["meaning", "杭州", "x\udcffy"], "TEXT"),
        (["note", "\udcff", "x"], "TERM"),
        (["status", "杭州\udcff", "known"], "TERM"),
        (["correct", "杭州", "pinyin", "\udcff"], "VALUE"),
        (["show", "\udcff"], "TERM"),
        (["lookup", "杭州", "\udcff"], "QUERY"),
        (["export", "--deck", "\udcff", "-o", "-", "-f", "tsv"], "--deck"),
    ],
)
def test_arguments_that_are_not_utf8(
    capsys: pytest.CaptureFixture[str], db: Path, args: list[str], label: str
) -> None:
    status, out, err = run(capsys, *args)
    assert_one_line_error(status, out, err, f"{label} is not valid UTF-8", "\\xff")
    with open_store(db) as store:
        (term,) = store.terms()
        assert (term.status, term.user_note, term.meaning) == ("new", "", "")


def test_a_file_name_that_is_not_utf8_is_still_a_file_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "extract", str(tmp_path / "\udcff.txt"))
    assert_one_line_error(status, out, err, "\ufffd.txt: no such file")


@pytest.mark.parametrize(
    "encoding",
    ["undefined", "unicode_escape", "raw_unicode_escape", "hex", "base64", "rot13", "klingon"]
    + ["한글", "\udcff", "utf-8\x00", ""],
)
def test_encodings_that_do_not_decode_bytes_to_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, encoding: str
) -> None:
    paths = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / name
        path.write_text("항저우(杭州)", encoding="utf-8")
        paths.append(str(path))
    status, out, err = run(capsys, "extract", "--encoding", encoding, *paths)
    assert_one_line_error(status, out, err, "glossary: --encoding ")
    assert not RAW_CONTROLS.search(err) and "\udcff" not in err
    with pytest.raises(InputError):
        text_encoding(encoding)
    with pytest.raises(InputError):
        read_document(paths[0], encoding=encoding)


def test_add_refuses_an_encoding_that_is_not_text(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("베이징(北京)", encoding="utf-8")
    status, out, err = run(capsys, "add", "--encoding", "undefined", str(other))
    assert_one_line_error(status, out, err, "--encoding undefined")
    with open_store(db) as store:
        assert [t.term.hanja for t in store.terms()] == ["杭州"]


def test_text_encodings_are_accepted() -> None:
    for name in ("utf-8", "euc-kr", "cp949", "UTF-16", "latin-1", "utf-7"):
        assert text_encoding(name) == name


@pytest.mark.parametrize("command", ["extract -", "add -"])
def test_standard_input_closed(tmp_path: Path, command: str) -> None:
    env = {"PATH": "/usr/bin:/bin", DB_ENV_VAR: str(tmp_path / "db.sqlite3")}
    proc = shell(f'exec "$0" -m glossary {command} <&-', env)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("glossary: standard input: ")
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_standard_input_missing_or_closed_is_an_input_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    closed = io.BytesIO(b"x")
    closed.close()
    with pytest.raises(InputError, match="standard input: "):
        read_document("-", stdin=closed)
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputError, match="standard input: "):
        read_document("-")


# Item 17: names that hold terminal escapes are printed escaped, titles stored clean.


def test_printable_escapes_control_characters_only() -> None:
    assert printable("a\x1b[31mb.txt") == "a\\x1b[31mb.txt"
    assert printable("한글 漢字 é.txt") == "한글 漢字 é.txt"
    assert printable("\x07\x7f\x9b\t\n\r") == "\\x07\\x7f\\x9b\\t\\n\\r"
    assert printable("x\u2028y") == "x\\u2028y"
    assert printable("\udcff.txt") == "\ufffd.txt"
    assert printable("\ud800") == "\ufffd"


def test_titles_are_stored_without_control_characters() -> None:
    # A title made of the file name: read_document() has escaped the name already.
    assert document_from_text("짧다", path="a\\x1b[31mb.txt").title == "a\\x1b[31mb"
    assert document_from_text("짧다", path="a\x1b[31mb.txt").title == "a\ufffd[31mb"
    given = document_from_text("짧다", title="제목\x1b]0;x\x07\n둘째 줄")
    assert not RAW_CONTROLS.search(given.title) and "\n" not in given.title
    assert "제목" in given.title and "둘째 줄" in given.title


def test_a_file_name_with_escapes_never_reaches_the_terminal_raw(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "a\x1b[31mb.txt"
    path.write_text("마윈(馬雲)\n", encoding="utf-8")
    shown = "a\\x1b[31mb.txt"
    status, out, err = run(capsys, "extract", "-v", str(path))
    assert status == 0 and shown in err
    assert not RAW_CONTROLS.search(out + err)
    status, out, err = run(capsys, "add", "-v", str(path))
    assert (status, err) == (0, "") and shown in out
    assert not RAW_CONTROLS.search(out)
    status, out, err = run(capsys, "show", "馬雲")
    assert (status, err) == (0, "") and shown in out
    assert not RAW_CONTROLS.search(out)
    with open_store(db) as store:
        (stored,) = store.glosses("馬雲")
        assert not RAW_CONTROLS.search(stored.sources[0].title + stored.sources[0].path)
    missing = tmp_path / "x\x1b]0;pwned\x07.txt"
    status, out, err = run(capsys, "extract", str(missing))
    assert_one_line_error(status, out, err, "x\\x1b]0;pwned\\x07.txt: no such file")
    assert not RAW_CONTROLS.search(err)
    status, out, err = run(capsys, "add", str(missing))
    assert status == 2 and "x\\x1b]0;pwned\\x07.txt" in err
    assert not RAW_CONTROLS.search(out + err)


def test_other_lines_with_paths_are_escaped(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "deck\x1b[2J.tsv"
    status, out, err = run(capsys, "export", "-o", str(target))
    assert status == 0 and "deck\\x1b[2J.tsv" in out and target.exists()
    assert not RAW_CONTROLS.search(out + err)
    status, out, err = run(capsys, "import", str(tmp_path / "in\x1b[2J.json"))
    assert status == 2 and "in\\x1b[2J.json" in err
    assert not RAW_CONTROLS.search(out + err)
    status, out, err = run(capsys, "--db", str(tmp_path / "s\x07.sqlite3"), "stats")
    assert status == 1 and "s\\x07.sqlite3: no glossary yet" in err  # Never created.
    assert not RAW_CONTROLS.search(out + err)
