"""Decoding: byte-order marks, UTF-8, UTF-16, CP949 and other East Asian encodings."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest

from glossary import InputError, build_glossary, read_document
from glossary.sources.files import decode, describe_document, scrub
from tests.glossary.test_source_bar import article

SHORT = "항저우(杭州)"
CHINESE = (
    "中华人民共和国是工人阶级领导的、以工农联盟为基础的人民民主专政的社会主义国家。"
    "社会主义制度是中华人民共和国的根本制度。中国共产党领导是中国特色社会主义最本质的特征。"
    "禁止任何组织或者个人破坏社会主义制度。中华人民共和国的一切权力属于人民。"
)
JAPANESE = (
    "日本国民は、正当に選挙された国会における代表者を通じて行動し、われらとわれらの子孫の"
    "ために、諸国民との協和による成果と、わが国全土にわたつて自由のもたらす恵沢を確保し、"
    "政府の行為によつて再び戦争の惨禍が起ることのないやうにすることを決意し"
)


def write(tmp_path: Path, data: bytes, name: str = "a.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SHORT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SHORT.encode("utf-8"), "utf-8"),
        (SHORT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SHORT.encode("utf-16-be"), "utf-16"),
        (SHORT.encode("utf-16-le"), "utf-16-le"),
        (SHORT.encode("utf-16-be"), "utf-16-be"),
        (SHORT.encode("utf-32"), "utf-32"),
        (SHORT.encode("cp949"), "cp949"),
        (SHORT.encode("euc-kr"), "cp949"),
        ("똠방각하(閣下)".encode("cp949"), "cp949"),  # 똠 is in CP949 only, not in EUC-KR
    ],
)
def test_short_text_in_each_encoding(data: bytes, encoding: str) -> None:
    text, used = decode(data)
    assert used == encoding
    assert text.endswith(")") and "(" in text


def test_the_encoding_is_recorded_in_the_document(tmp_path: Path) -> None:
    for codec, recorded in (("utf-8", "utf-8"), ("cp949", "cp949"), ("utf-16", "utf-16")):
        path = write(tmp_path, article().encode(codec, "replace"))
        assert read_document(path).encoding == recorded


def test_describe_document_names_the_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, "항저우(杭州)\n".encode("cp949"))
    assert describe_document(read_document(path)) == f"{path}: cp949, 8 characters"
    stdin = io.BytesIO("항저우(杭州)".encode("utf-16"))
    assert (
        describe_document(read_document("-", stdin=stdin)) == "standard input: utf-16, 7 characters"
    )


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [(CHINESE, "gb2312", "gb18030"), (JAPANESE, "shift_jis", "cp932")],
    ids=["chinese", "japanese"],
)
def test_chinese_and_japanese_are_not_read_as_korean(text: str, codec: str, expected: str) -> None:
    # Both also decode as CP949 (to nonsense): charset-normalizer tells them apart.
    data = text.encode(codec)
    decoded, used = decode(data)
    assert used == expected
    assert decoded == text


@pytest.mark.parametrize(
    "text",
    [
        "新年刚过，群众过一个欢乐的春节。动物园里的３只幼虎很可爱，我们只在家里看书。"
        "那里势必重燃战火，所处的地位很重要。记者曾建徽报道。报告长达２０页，被评为先进。",
        "这些足以说明西部的清醒与自觉。而这些付出，已经并将继续造福于西部人民。",  # 35
    ],
    ids=["news", "one-line"],
)
def test_chinese_news_in_gbk_is_not_read_as_unspaced_korean(text: str) -> None:
    # charset-normalizer names GB18030 first but CP949 too; read as CP949 the bytes are
    # hangul without a space (劤쾨먼법，…), which Korean text is not.
    assert decode(text.encode("gbk")) == (text, "gb18030")


def test_long_korean_text_stays_korean_whatever_the_detector_thinks() -> None:
    for line in article().split("\n"):
        data = line.encode("cp949", "replace")
        if not data.isascii():
            assert decode(data) == (line.replace("©", "?"), "cp949")


def test_a_cut_off_last_character_becomes_a_replacement_character() -> None:
    data = "덩샤오핑(鄧小平)".encode()[:-2]
    assert decode(data) == ("덩샤오핑(鄧小\ufffd", "utf-8")


def test_a_stray_byte_in_utf8_becomes_a_replacement_character() -> None:
    text = article()
    data = text[:1000].encode() + b"\xff" + text[1000:].encode()
    decoded, used = decode(data)
    assert used == "utf-8"
    assert decoded == text[:1000] + "\ufffd" + text[1000:]


def test_a_stray_byte_far_into_a_large_utf8_file() -> None:
    text = article() * 40  # Some 270 KB: the stray byte is past the first 64 KiB.
    data = text[:100_000].encode() + b"\xc0" + text[100_000:].encode()
    assert decode(data) == (text[:100_000] + "\ufffd" + text[100_000:], "utf-8")


def test_broken_utf16_after_a_bom_is_replaced_not_refused() -> None:
    data = codecs.BOM_UTF16_LE + SHORT.encode("utf-16-le") + b"\x00\xd8" + "끝".encode("utf-16-le")
    assert decode(data) == (SHORT + "\ufffd끝", "utf-16")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_mostly_ascii_utf16_without_bom_is_not_taken_for_utf8(codec: str) -> None:
    # Every ASCII character in UTF-16 is valid UTF-8 too (with a NUL byte).
    text = "Hangzhou (杭州) and Deng Xiaoping (鄧小平)\n"
    assert decode(text.encode(codec)) == (text, codec)
    page = f"<!DOCTYPE html><html><body><p>{text}</p></body></html>"
    assert read_document("-", stdin=io.BytesIO(page.encode(codec))).text == text.strip()


def test_binary_with_nul_bytes_on_both_sides_is_not_utf16() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(256)) * 16)


def test_utf16_without_bom_with_an_odd_last_byte() -> None:
    text = article()[:500]
    assert decode(text.encode("utf-16-le") + b"\x00") == (text + "\ufffd", "utf-16-le")


def test_crlf_and_cr_become_newlines_in_every_encoding() -> None:
    for codec in ("utf-8", "utf-16", "cp949"):
        assert decode("항저우(杭州)\r\n가\r나".encode(codec))[0] == "항저우(杭州)\n가\n나"


def test_scrub_replaces_one_for_one() -> None:
    text = "a\x1b[31m항저우(杭州)\x07\x0b\x0c\x85\u2028b\x00\x7f\x9f\tc\n"
    cleaned = scrub(text)
    assert len(cleaned) == len(text)
    assert cleaned == "a\ufffd[31m항저우(杭州)\ufffd\n\n\n\nb\ufffd\ufffd\ufffd\tc\n"
    assert scrub("항저우(杭州)\n") == "항저우(杭州)\n"


def test_control_characters_do_not_hide_glosses(tmp_path: Path) -> None:
    path = write(tmp_path, "\x1b[1m덩샤오핑(鄧小平)\x1b[0m\x0c항저우(杭州)".encode())
    document = read_document(path)
    assert "\x1b" not in document.text and "\x0c" not in document.text
    assert [t.hanja for t in build_glossary(document).terms] == ["鄧小平", "杭州"]
