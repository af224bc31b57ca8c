"""Reading documents: encodings, newlines, and files that are not text."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from glossary import InputError, build_glossary, document_from_text, read_document
from glossary.sources.files import bundled_article_path

SAMPLE = "덩샤오핑(鄧小平)의 도시 선전.\r\n항저우(杭州)가 유력하다.\r\n"


@pytest.mark.parametrize(
    ("encoding", "prefix", "reported"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8"),
        ("utf-16", b"", "utf-16"),
        ("utf-16-le", b"", "utf-16-le"),
        ("cp949", b"", "cp949"),
        ("euc-kr", b"", "cp949"),
    ],
)
def test_encodings_are_recognised(
    tmp_path: Path, encoding: str, prefix: bytes, reported: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(prefix + SAMPLE.encode(encoding))
    doc = read_document(path)
    assert doc.text == SAMPLE.replace("\r\n", "\n")
    assert doc.encoding == reported
    assert [t.hanja for t in build_glossary(doc).terms] == ["鄧小平", "杭州"]


def test_offsets_are_into_universal_newline_text(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(SAMPLE.encode("utf-8"))
    glossary = build_glossary(read_document(path))
    text = glossary.document.text
    occ = glossary.terms[1].occurrences[0]
    assert text[occ.start : occ.end] == "항저우(杭州)"


def test_forced_encoding(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(SAMPLE.encode("cp949"))
    assert read_document(path, encoding="cp949").text.startswith("덩샤오핑")
    with pytest.raises(InputError, match="not valid utf-8"):
        read_document(path, encoding="utf-8")
    with pytest.raises(InputError, match="unknown encoding"):
        read_document(path, encoding="klingon")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(4096), "not a text file"),
        (b"ELF" + b"\x00" * 64 + b"abc", "binary"),
    ],
)
def test_binary_files_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_document(path)


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)


def test_standard_input() -> None:
    doc = read_document("-", stdin=io.BytesIO(SAMPLE.encode("utf-8")))
    assert doc.path == "-"
    assert doc.text.startswith("덩샤오핑")


def test_empty_file_has_no_terms(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert build_glossary(read_document(path)).terms == ()


def test_bundled_article_is_the_default() -> None:
    doc = read_document()
    assert doc.path == str(bundled_article_path())
    assert "항저우" in doc.text
    assert doc.title.startswith("[중국 개혁개방 40주년")


def test_a_first_heading_line_is_the_title() -> None:
    text = "# 항저우 AI타운\n\n항저우(杭州)는 저장성의 성도다."
    document = document_from_text(text, path="a.txt")
    assert document.title == "항저우 AI타운"


def test_a_paragraph_is_cut_to_its_first_sentence_for_a_title() -> None:
    paragraph = "항저우(杭州)는 저장성의 성도다. " + "이 도시는 인공지능 산업으로 유명하다. " * 10
    document = document_from_text(paragraph, path="a.txt")
    assert document.title == "항저우(杭州)는 저장성의 성도다."
