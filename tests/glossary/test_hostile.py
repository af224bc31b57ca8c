"""Bad input: each gets correct output or a one-line error (exit status 2), never a traceback.

Small versions of every case; ``bench/hostile_input.py`` runs the full-size ones (a 50 MB
line, /dev/zero, a 20 MB page) through the command and times them.
"""

from __future__ import annotations

import errno
import io
import random
import unicodedata
from pathlib import Path

import pytest

from glossary import InputError, build_glossary, document_from_text, read_document
from glossary.cli import main
from tests.glossary.test_source_bar import article


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["extract", "--format", "tsv", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_one_line_error(status: int, err: str, message: str) -> None:
    assert status == 2
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("glossary: ")
    assert message in err


BAD_FILES = [
    ("random.bin", random.Random(6).randbytes(20000), "binary data"),
    ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(2048), "binary data"),
    ("noise.dat", bytes(range(1, 256)) * 40, "not a text file"),
    ("nul.txt", "항저우(杭州)\x00".encode(), "binary data"),
    ("page.html", b"<html><body>" + bytes(range(256)) * 20, "binary data"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_binary_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_document(path)
    status, out, err = run_cli([str(path)], capsys)
    assert_one_line_error(status, err, message)
    assert out == ""


def test_directory_and_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_cli([str(tmp_path)], capsys)
    assert_one_line_error(status, err, "is a directory")
    status, _, err = run_cli([str(tmp_path / "nope.txt")], capsys)
    assert_one_line_error(status, err, "no such file")
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    status, _, err = run_cli([str(tmp_path / "file.txt" / "inside.txt")], capsys)
    assert_one_line_error(status, err, "no such file")


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.EIO, "Input/output error"), "cannot be read (Input/output error)"),
    ],
)
def test_unreadable_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: OSError,
    message: str,
) -> None:
    # Root reads files whatever their mode, so the refusal is staged.
    path = tmp_path / "secret.txt"
    path.write_text("비밀(祕密)", encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> io.BufferedReader:
        raise error

    monkeypatch.setattr(Path, "open", refuse)
    status, _, err = run_cli([str(path)], capsys)
    assert_one_line_error(status, err, message)


@pytest.mark.parametrize("name", ["a" * 5000 + ".txt", "nul\x00name.txt"], ids=["long", "nul"])
def test_impossible_file_names(capsys: pytest.CaptureFixture[str], name: str) -> None:
    status, _, err = run_cli([name], capsys)
    assert status == 2 and err.count("\n") == 1 and "Traceback" not in err


def test_undecodable_file_name_is_reported_and_stored_as_text(tmp_path: Path) -> None:
    raw = bytes(tmp_path) + b"/\xff\xfe.txt"
    Path(raw.decode("utf-8", "surrogateescape")).write_text("항저우(杭州)", encoding="utf-8")
    document = read_document(raw.decode("utf-8", "surrogateescape"))
    assert document.path.endswith("/\ufffd\ufffd.txt")
    document.path.encode("utf-8")  # Printable and storable: no lone surrogates.


def test_empty_file_gives_no_terms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    status, out, err = run_cli([str(path)], capsys)
    assert status == 0 and err == ""
    assert out.count("\n") == 1  # The header line alone.


def test_too_large_input_is_refused_before_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2000)
    with pytest.raises(InputError, match=r"too large \(0.0 MB; the limit is 0.000953674 MiB\)"):
        read_document(path, max_bytes=1000)
    with pytest.raises(InputError, match="too large"):
        read_document("-", stdin=io.BytesIO(b"a" * 2000), max_bytes=1000)
    assert read_document(path, max_bytes=2000).text == "a" * 2000


def test_endless_device_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    with pytest.raises(InputError, match="too large"):
        read_document("/dev/zero", max_bytes=1 << 16)


def test_a_long_single_line(tmp_path: Path) -> None:
    line = article().replace("\n", " ")
    path = tmp_path / "line.txt"
    path.write_text(line * 200, encoding="utf-8")  # About 1.3 MB on one line.
    terms = build_glossary(read_document(path)).terms
    assert len(terms) == 12
    assert sum(len(t.occurrences) for t in terms) == 13 * 200


@pytest.mark.parametrize(
    "text",
    ["(" * 100_000, "항저우(" * 100_000, "(杭州" * 100_000, ")" * 100_000, "((" * 50_000 + "杭州"],
    ids=["open", "gloss-open", "open-hanja", "close", "open-then-hanja"],
)
def test_unmatched_parentheses(tmp_path: Path, text: str) -> None:
    path = tmp_path / "parens.txt"
    path.write_text(text, encoding="utf-8")
    document = read_document(path)
    assert len(document.text) == len(text)
    for term in build_glossary(document).terms:
        for occ in term.occurrences:
            assert document.text[occ.hanja_start : occ.hanja_end] == term.hanja


def test_lone_surrogates_in_bytes_become_replacement_characters(tmp_path: Path) -> None:
    text = article()
    data = text[:300].encode() + b"\xed\xa0\x80" + text[300:].encode()
    path = tmp_path / "cesu.txt"
    path.write_bytes(data)
    document = read_document(path)
    assert document.encoding == "utf-8"
    assert "\ufffd" in document.text
    assert len(build_glossary(document).terms) == 12


def test_lone_surrogates_in_text_are_harmless() -> None:
    document = document_from_text("\ud800덩샤오핑(鄧小平)\udfff의 도시 \udc80항저우(杭州)")
    glossary = build_glossary(document)
    assert [t.hanja for t in glossary.terms] == ["鄧小平", "杭州"]
    assert len(document.sha) == 64


def test_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = article()
    noisy = "\x1b[31m" + text[:500] + "\x07\x08\x0b\x0c\x7f\x1b]0;title\x07" + text[500:]
    path = tmp_path / "controls.txt"
    path.write_text(noisy, encoding="utf-8")
    document = read_document(path)
    assert len(document.text) == len(noisy)
    assert not any(ch < " " and ch not in "\t\n" for ch in document.text)
    status, out, err = run_cli([str(path)], capsys)
    assert status == 0 and err == ""
    assert out.count("\n") == 13 and "\x1b" not in out


def test_hostile_pages(tmp_path: Path) -> None:
    pages = {
        "nested.html": "<html><body>" + "<div>" * 20_000 + "항저우(杭州)</body>",
        "brackets.html": "<html><body><p>" + "<" * 100_000 + "항저우(杭州)</p></body></html>",
        "comment.html": "<html><body><p>항저우(杭州)</p><!--" + "x" * 100_000,
        "script.html": "<html><body><p>항저우(杭州)</p><script>" + "<p>광고(廣告)</p>" * 1000,
        "attrs.html": "<html><body><p " + "a=" * 50_000 + ">항저우(杭州)</p></body></html>",
    }
    for name, page in pages.items():
        path = tmp_path / name
        path.write_text(page, encoding="utf-8")
        terms = [t.hanja for t in build_glossary(read_document(path)).terms]
        assert terms == ["杭州"], name


def test_standard_input_for_every_kind(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for data in (
        article().encode("cp949", "replace"),
        article().encode("utf-16"),
        b"<!DOCTYPE html><html><head><meta charset='euc-kr'></head><body><p>"
        + "항저우(杭州)".encode("euc-kr")
        + b"</p><script>var a = '\xb1\xa4\xb0\xed(\xbf\xa1)';</script></body></html>",
    ):
        stdin = io.TextIOWrapper(io.BytesIO(data))
        monkeypatch.setattr("sys.stdin", stdin)
        status, out, err = run_cli(["-"], capsys)
        assert status == 0 and err == ""
        assert "杭州\t항저우" in out
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(bytes(range(256)))))
    status, _, err = run_cli(["-"], capsys)
    assert_one_line_error(status, err, "standard input: not a text file")


EMPTY_TERM_COMMANDS = {
    "status": ["status", "{term}", "learning"],
    "note": ["note", "{term}", "a note"],
    "meaning": ["meaning", "{term}", "capital"],
    "correct": ["correct", "{term}", "pinyin", "bei3"],
    "show": ["show", "{term}"],
}


@pytest.mark.parametrize("term", ["", "  ", "\t"], ids=["empty", "spaces", "tab"])
@pytest.mark.parametrize("command", EMPTY_TERM_COMMANDS.values(), ids=EMPTY_TERM_COMMANDS.keys())
def test_an_empty_term_names_no_term(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], term: str
) -> None:
    """An empty TERM would match the empty gloss of a bare term (北京) and change it."""
    from glossary.store import open_store

    db = tmp_path / "g.sqlite3"
    with open_store(db) as store:
        store.add_glossary(build_glossary(document_from_text("北京에 갔다."), dictionary=False))
        before = store.dump()
    args = [term if a == "{term}" else a for a in command]
    status = main(["--db", str(db), *args])
    captured = capsys.readouterr()
    assert_one_line_error(status, captured.err, f"{command[0]}: TERM is empty")
    assert captured.out == ""
    with open_store(db) as store:
        assert store.dump() == before


def test_the_store_resolves_no_empty_name(tmp_path: Path) -> None:
    from glossary.errors import UnknownTermError
    from glossary.store import open_store

    with open_store(tmp_path / "g.sqlite3") as store:
        store.add_glossary(build_glossary(document_from_text("北京에 갔다."), dictionary=False))
        assert store.resolve("北京") == ("北京", "")
        for name in ("", " ", "\n"):
            with pytest.raises(UnknownTermError, match="empty"):
                store.resolve(name)
            with pytest.raises(UnknownTermError, match="empty"):
                store.glosses(name)


@pytest.mark.parametrize(
    "typed",
    ["音\uf914", "音樂", "음악(音\uf914)", unicodedata.normalize("NFD", "음악")],
    ids=["compatibility", "unified", "both", "nfd-hangul"],
)
def test_a_term_typed_in_another_code_point_form_is_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    text = tmp_path / "a.txt"
    text.write_text("음악(音\uf914)을 좋아한다.", encoding="utf-8")
    db = str(tmp_path / "g.sqlite3")
    assert main(["--db", db, "add", str(text)]) == 0
    assert main(["--db", db, "status", typed, "known"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["--db", db, "list", "--status", "known"]) == 0
    assert "음악" in capsys.readouterr().out
