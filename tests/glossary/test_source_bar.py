"""The bar: the sample article as CP949, as UTF-16 and as a saved EUC-KR news page.

Each yields the same glossed terms as the UTF-8 original, and nothing from the page's
scripts, styles, navigation or footer. The test data is made here from the sample.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from glossary import build_glossary, read_document
from glossary.sources.files import bundled_article_path

# Words that stand only in the page's furniture: none may reach the text or the terms.
FURNITURE = (
    "스타일",
    "樣式",
    "스크립트",
    "腳本",
    "광고",
    "廣告",
    "dataLayer",
    "國際",
    "經濟",
    "側面",
    "많이 본 기사",
    "개인정보처리방침",
    "個人情報",
    "푸터",
    "脚註",
    "무단전재",
    "컨텐츠 바로가기",
    "font-family",
    "document.write",
)


def article() -> str:
    """The sample article, as shipped (UTF-8)."""
    return bundled_article_path().read_text(encoding="utf-8")


def news_page(
    *,
    charset: str = "euc-kr",
    declaration: str = "http-equiv",
    body: str = "p",
    saved_from: bool = False,
) -> str:
    """A saved news page around the sample article, as a browser would have it.

    The article's first two lines (a skip link and the date) go to the page header and
    its last four (related links, copyright, category notes) to the footer, as on the
    newspaper's site; the rest is the article. Around it: a ``<style>``, two
    ``<script>`` blocks, a navigation bar, a side bar and a footer, each holding words
    (some glossed with hanja) that must never reach the text.

    Args:
        charset: The charset the page declares.
        declaration: ``"http-equiv"`` (``<meta http-equiv="Content-Type" ...>``),
            ``"meta"`` (``<meta charset>``) or ``"none"``.
        body: ``"p"`` for one ``<p>`` per paragraph, ``"br"`` for paragraphs separated
            by ``<br><br>`` in one ``<div>``, as many Korean news sites do.
        saved_from: Start with the ``<!-- saved from url=... -->`` comment browsers add.

    Returns:
        The page's markup (encode it to the declared charset to save it).
    """
    esc = html.escape
    lines = [line for line in article().split("\n") if line.strip()]
    top, headline, story, bottom = lines[:2], lines[2], lines[3:-4], lines[-4:]
    if body == "p":
        text = "\n".join(f"<p>{esc(line)}</p>" for line in story)
    else:
        text = "<br>\n<br>\n".join(esc(line) for line in story)
    meta = {
        "http-equiv": f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        "meta": f'<meta charset="{charset}">',
        "none": "",
    }[declaration]
    comment = "<!-- saved from url=(0044)https://news.example.kr/article/201804242107005 -->\n"
    footer = "".join(f"<p>{esc(line)}</p>" for line in bottom)
    return f"""{comment if saved_from else ""}<!DOCTYPE html>
<html lang="ko">
<head>
{meta}
<title>{esc(headline)} - 경향신문</title>
<style type="text/css">
body {{ font-family: "Malgun Gothic", sans-serif; }}
.gnb li:before {{ content: "스타일(樣式)"; }}
</style>
<script type="text/javascript">
var banner = "스크립트(腳本) 광고"; document.write("<p>광고(廣告) 보기</p>");
if (a < b && b > c) {{ console.log("</p>"); }}
</script>
</head>
<body>
<a class="skip" href="#content">{esc(top[0])}</a>
<header id="header"><a href="/">경향신문</a> <span class="date">{esc(top[1])}</span></header>
<nav class="gnb"><ul>
<li><a href="/politics">정치</a></li><li><a href="/economy">경제(經濟)</a></li>
<li><a href="/world">국제</a></li><li><a href="/culture">문화</a></li>
</ul></nav>
<div id="container">
<article id="content">
<h1 class="headline">{esc(headline)}</h1>
<div id="articleBody" class="art_body" itemprop="articleBody">
{text}
</div>
</article>
<aside class="popular"><h3>많이 본 기사</h3><ol>
<li><a href="/1">사이드(側面) 기사 하나</a></li><li><a href="/2">둘째 기사</a></li>
</ol></aside>
</div>
<script>window.dataLayer = [{{"section": "국제(國際)"}}];</script>
<footer id="footer">{footer}
<p>회사소개 | 광고안내 | 개인정보처리방침(個人情報處理方針) | 푸터(脚註)</p></footer>
</body>
</html>
"""


def save_page(path: Path, markup: str, charset: str) -> Path:
    """Write a page in its charset, characters it lacks as references (&#169;), as browsers do."""
    path.write_bytes(markup.encode(charset, "xmlcharrefreplace"))
    return path


def glossed(path: Path) -> list[tuple[str, str]]:
    return [(t.hanja, t.hangul) for t in build_glossary(read_document(path)).terms]


@pytest.fixture(scope="module")
def original() -> list[tuple[str, str]]:
    terms = glossed(bundled_article_path())
    assert len(terms) == 12
    return terms


def test_cp949_copy_gives_the_same_terms(tmp_path: Path, original: list[tuple[str, str]]) -> None:
    # CP949 has no ©: a converter writes "?" for it, which changes no gloss.
    path = tmp_path / "article-cp949.txt"
    path.write_bytes(article().encode("cp949", "replace"))
    assert read_document(path).encoding == "cp949"
    assert glossed(path) == original


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_copy_gives_the_same_terms(
    tmp_path: Path, original: list[tuple[str, str]], codec: str
) -> None:
    path = tmp_path / "article-utf16.txt"
    path.write_bytes(article().encode(codec))
    document = read_document(path)
    assert document.encoding == codec
    assert document.text == article()
    assert glossed(path) == original


@pytest.mark.parametrize("body", ["p", "br"])
def test_saved_euc_kr_news_page_gives_the_same_terms_and_no_furniture(
    tmp_path: Path, original: list[tuple[str, str]], body: str
) -> None:
    path = save_page(tmp_path / "article.html", news_page(body=body), "euc-kr")
    document = read_document(path)
    assert document.encoding == "cp949"
    assert document.title.startswith("[중국 개혁개방 40주년, 현장을 가다](하)")
    assert document.title.endswith("- 경향신문")
    assert glossed(path) == original
    leaked = [word for word in FURNITURE if word in document.text]
    assert leaked == []
    # The headline opens the text, and the article is all there.
    assert document.text.startswith("[중국 개혁개방 40주년")
    for line in article().split("\n")[6:-6]:
        assert line.strip() in document.text
