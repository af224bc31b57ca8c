"""Saved web pages: charset, title, article text, and how a page is told from text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import glossary.sources.html
from glossary import build_glossary, read_document
from glossary.sources.files import is_html
from glossary.sources.html import (
    codec_for_label,
    declared_charset,
    html_to_article,
    looks_like_html,
    strip_tags,
)
from tests.glossary.test_source_bar import FURNITURE, news_page, save_page

GLOSSED = "덩샤오핑(鄧小平)의 개혁·개방 초기를 대표하는 도시 선전은 ‘속도’로 설명된다."


def hanja(path: Path) -> list[str]:
    return [t.hanja for t in build_glossary(read_document(path)).terms]


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("euc-kr", "cp949"),
        ("EUC-KR", "cp949"),
        ("ks_c_5601-1987", "cp949"),
        ("x-windows-949", "cp949"),
        ("cp949", "cp949"),
        ("utf-8", "utf-8"),
        ("UTF8", "utf-8"),
        ("iso-8859-1", "cp1252"),
        ("gb2312", "gb18030"),
        ("utf-16", "utf-8"),
        ("utf-7", None),
        ("base64", None),
        ("rot13", None),
        ("klingon", None),
    ],
)
def test_charset_labels_map_as_in_browsers(label: str, codec: str | None) -> None:
    assert codec_for_label(label) == codec


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (b'<meta charset="euc-kr">', "cp949"),
        (b"<META CHARSET=EUC-KR>", "cp949"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987">', "cp949"),
        (b"<meta content='text/html;charset=utf-8' http-equiv='content-type'>", "utf-8"),
        (b'<meta charset="utf-7">', None),
        (b"<p>charset=euc-kr</p>", None),
        (b"<html><head><title>x</title>", None),
    ],
)
def test_declared_charset(head: bytes, codec: str | None) -> None:
    assert declared_charset(b"<html><head>" + head + b"</head>") == codec


def test_xml_declaration_names_the_charset() -> None:
    assert declared_charset(b'<?xml version="1.0" encoding="EUC-KR"?>\n<html>') == "cp949"
    assert declared_charset(b'<html><?xml version="1.0" encoding="EUC-KR"?>') is None


def test_declared_charset_is_looked_for_only_near_the_start() -> None:
    late = b"<html>" + b" " * 20000 + b'<meta charset="euc-kr">'
    assert declared_charset(late) is None


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("<!DOCTYPE html><html>", True),
        ("  \n<!doctype HTML>", True),
        ("<html lang='ko'>", True),
        ("\ufeff<html>", True),
        ("<!-- saved from url=(0044)https://x.kr/ -->\n<html>", True),
        ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML', True),
        ("# 제목\n<html>", False),
        ("덩샤오핑(鄧小平) <html>", False),
        ("<htmlx>", False),
        ("", False),
    ],
)
def test_pages_are_told_by_how_they_begin(start: str, expected: bool) -> None:
    assert looks_like_html(start) is expected
    assert looks_like_html(start.encode("utf-8")) is expected


def test_suffix_decides_before_content() -> None:
    page = b"<!DOCTYPE html><html><body><p>x</p></body></html>"
    assert is_html(page, "a.html") and is_html(page, "a.HTM") and is_html(b"plain", "a.xhtml")
    assert not is_html(page, "notes.txt") and not is_html(page, "notes.md")
    assert is_html(page, "saved-page") and is_html(page, "-") and is_html(page, "")
    assert is_html("<html><body>x</body></html>".encode("utf-16"), "page")
    assert is_html("<html><body>x</body></html>".encode("utf-16-le"), "page")


@pytest.mark.parametrize("declaration", ["meta", "http-equiv"])
def test_declared_euc_kr_is_respected(tmp_path: Path, declaration: str) -> None:
    path = save_page(tmp_path / "a.html", news_page(declaration=declaration), "euc-kr")
    document = read_document(path)
    assert document.encoding == "cp949"
    assert "덩샤오핑(鄧小平)" in document.text


def test_page_without_a_declaration_is_detected(tmp_path: Path) -> None:
    path = save_page(tmp_path / "a.htm", news_page(declaration="none"), "cp949")
    document = read_document(path)
    assert document.encoding == "cp949"
    assert "덩샤오핑(鄧小平)" in document.text


def test_utf8_page_with_a_stale_euc_kr_declaration_is_read_as_utf8(tmp_path: Path) -> None:
    path = save_page(tmp_path / "a.html", news_page(charset="euc-kr"), "utf-8")
    document = read_document(path)
    assert document.encoding == "utf-8"
    assert "덩샤오핑(鄧小平)" in document.text


def test_cp949_page_that_claims_utf8_is_still_read(tmp_path: Path) -> None:
    path = save_page(tmp_path / "a.html", news_page(charset="utf-8"), "cp949")
    assert read_document(path).encoding == "cp949"
    assert "鄧小平" in hanja(path)


def test_utf16_page(tmp_path: Path) -> None:
    path = save_page(tmp_path / "a.html", news_page(charset="utf-16"), "utf-16")
    document = read_document(path)
    assert document.encoding == "utf-16"
    assert "덩샤오핑(鄧小平)" in document.text


def test_forced_encoding_wins_over_the_declaration(tmp_path: Path) -> None:
    path = save_page(tmp_path / "a.html", news_page(charset="utf-8"), "cp949")
    assert read_document(path, encoding="euc-kr").encoding == "euc-kr"


def test_page_found_by_sniffing_on_standard_input() -> None:
    data = news_page(saved_from=True).encode("euc-kr", "xmlcharrefreplace")
    document = read_document("-", stdin=io.BytesIO(data))
    assert document.path == "-"
    assert document.encoding == "cp949"
    assert document.title.endswith("- 경향신문")
    assert "스크립트" not in document.text and "덩샤오핑(鄧小平)" in document.text


def test_html_in_a_text_file_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("<html><body><script>x</script>항저우(杭州)</body></html>", encoding="utf-8")
    assert read_document(path).text.startswith("<html><body><script>")
    assert read_document(path, html=True).text == "항저우(杭州)"


def test_html_can_be_turned_off(tmp_path: Path) -> None:
    path = save_page(tmp_path / "a.html", news_page(), "euc-kr")
    assert "<script" in read_document(path, html=False).text


def test_markdown_and_text_pass_through(tmp_path: Path) -> None:
    markdown = "# 항저우 이야기\n\n*덩샤오핑(鄧小平)*의 도시 `선전`.\n\n| a | b |\n|---|---|\n"
    path = tmp_path / "story.md"
    path.write_text(markdown, encoding="utf-8")
    document = read_document(path)
    assert document.text == markdown
    assert document.title == "항저우 이야기"
    assert hanja(path) == ["鄧小平"]


def test_title_is_the_page_title(tmp_path: Path) -> None:
    page = (
        "<html><head><title>\n  시진핑(習近平)  &amp; 리커창\n</title></head>"
        f"<body><p>{GLOSSED}</p></body></html>"
    )
    article = html_to_article(page)
    assert article.title == "시진핑(習近平) & 리커창"
    assert article.text == GLOSSED


def test_page_without_title_gets_one_from_its_text(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(f"<html><body><p>{GLOSSED}</p></body></html>", encoding="utf-8")
    assert read_document(path).title == GLOSSED


def test_glossed_headline_is_kept() -> None:
    page = news_page().replace('<h1 class="headline">', '<h1 class="headline">시진핑(習近平)의 ')
    article = html_to_article(page)
    assert article.text.startswith("시진핑(習近平)의 [중국 개혁개방")


def test_small_fragment() -> None:
    article = html_to_article(f"<p>{GLOSSED}</p><script>var x = '광고(廣告)';</script>")
    assert article.text == GLOSSED


def test_page_where_trafilatura_finds_nothing_goes_to_the_simple_extractor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(glossary.sources.html, "_trafilatura", lambda root: None)
    article = html_to_article(f"<p>{GLOSSED}</p><script>var x = '광고(廣告)';</script>")
    assert article.text == GLOSSED
    assert article.extractor == "simple"


@pytest.mark.parametrize(
    "markup",
    ["", "   \n", "<html></html>", "<html><body></body></html>", "<!-- 주석 -->", "<<<<>>>>"],
)
def test_empty_pages_give_empty_text(markup: str) -> None:
    assert html_to_article(markup).text.strip("<>") == ""


def test_simple_extractor_drops_the_same_furniture(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(glossary.sources.html, "MAX_EXTRACTOR_ELEMENTS", 0)
    article = html_to_article(news_page())
    assert article.extractor == "simple"
    assert [word for word in FURNITURE if word in article.text] == []
    assert "덩샤오핑(鄧小平)" in article.text and "3갑(3甲·최고등급)" in article.text
    assert article.text.startswith("[중국 개혁개방 40주년")


def test_markup_nested_too_deep_for_lxml_keeps_its_text() -> None:
    page = news_page().replace('<div id="articleBody"', "<div>" * 5000 + '<div id="articleBody"')
    article = html_to_article(page)
    assert article.extractor == "tags"
    assert "덩샤오핑(鄧小平)" in article.text and "浙江" in article.text
    assert "스크립트" not in article.text and "font-family" not in article.text
    assert article.title.endswith("- 경향신문")


def test_strip_tags() -> None:
    markup = (
        "<p>가<b>나</b>다</p><script>x = '<p>'</script><STYLE>p{}</STYLE>"
        "<!-- 주석 <p> --><nav>메뉴</nav>라&amp;마<br>바 < 사 <unclosed"
    )
    assert strip_tags(markup).split() == ["가나다", "라&마", "바", "<", "사", "<unclosed"]
    assert strip_tags("<script>never closed") == ""
    assert strip_tags("<!-- never closed") == ""
