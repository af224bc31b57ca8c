"""Saved web pages: how to tell one, the charset it declares, its title and its article text."""

from __future__ import annotations

import codecs
import copy
import functools
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from glossary.sources.names import compiled

if TYPE_CHECKING:
    from lxml.html import HtmlElement

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
"""File name suffixes that always mean a web page."""

MAX_EXTRACTOR_ELEMENTS = 30_000
"""Pages with more elements than this (scripts and styles aside) skip trafilatura.

Trafilatura takes roughly 60 µs per element; above this size a simpler linear extractor
keeps a page under a couple of seconds. A saved news page has a few thousand elements.
"""

MAX_ATTRIBUTES = 64
"""Attributes an element keeps: the rest are dropped before the page is parsed.

libxml2 compares each attribute of an element with every one before it, so an element with
N attributes costs N² (20,000 of them: 2.5 s; 300,000: minutes). Real elements have a few,
a framework's a few dozen.
"""

_SNIFF_CHARS = 2048
_PRESCAN_BYTES = 16384

# Patterns are compiled on first use (names.compiled): reading a plain text file asks this
# module whether it is a page. A page starts, after white space, comments and an XML
# declaration, with a doctype or <html>.
_HTML_START = r"(?is)\A\ufeff?(?:\s+|<!--.*?-->|<\?xml[^>]*>)*(?:<!doctype\s+html\b|<html[\s>/])"
# <meta charset="euc-kr"> and <meta http-equiv="Content-Type" content="text/html; charset=euc-kr">
_META_CHARSET = rb"(?i)<meta\b[^>]{0,512}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:+-]{1,40})"
_XML_ENCODING = (
    rb"(?i)\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9_.:+-]{1,40})"
)

# Labels the WHATWG Encoding Standard maps to another encoding than Python's codec of that
# name: browsers decode "euc-kr" pages as windows-949 (CP949), "iso-8859-1" as windows-1252...
_WHATWG_CODECS = MappingProxyType(
    {
        "euc_kr": "cp949",
        "iso8859-1": "cp1252",
        "ascii": "cp1252",
        "gb2312": "gb18030",
        "gbk": "gb18030",
        "big5": "big5hkscs",
        "shift_jis": "cp932",
        "utf-16": "utf-8",
        "utf-16-le": "utf-8",
        "utf-16-be": "utf-8",
    }
)
_EXTRA_LABELS = MappingProxyType(
    {"x-windows-949": "cp949", "windows-949": "cp949", "x-euc-kr": "cp949"}
)
# Codecs a page may not choose: not text encodings, or dangerous ones (UTF-7 smuggles markup).
_REFUSED_CODECS = frozenset(
    {"utf-7", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"}
)

# Elements whose content is never article text, even in the simple extractor.
_NEVER_TEXT = (
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "select",
    "textarea",
    "button",
)
# Page furniture the simple extractor drops as well (trafilatura does much more).
_BOILERPLATE = ("nav", "footer", "aside", "form", "menu", "dialog")
_BOILERPLATE_ROLES = ("navigation", "contentinfo", "banner", "complementary", "search", "menu")
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
_SPACES = r"[^\S\n]+"
# A tag (bounded, so a stray "<" costs a constant), a comment opening, a doctype or a PI.
_TAG = r"<!--|<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})\b[^<>]{0,4000}>|<[!?][^<>]{0,4000}>"
_RAW_TITLE = r"(?i)<title\b[^>]{0,400}>([^<]{0,2000})</title"

# Tags as the HTML tokenizer reads them (WHATWG HTML, "Tokenization"), for the pass that
# caps attributes: a quoted value may hold ">" and spaces, "/" parts attributes, and the
# content of <script>, <style>, <title>... holds no tags. Every quantifier is possessive,
# so each character is looked at a bounded number of times.
_WS = "\\t\\n\\f\\r "
_TAG_NAME = f"[A-Za-z][^{_WS}/>]*+"
_ATTRIBUTE = (
    f"[{_WS}/]*+[^{_WS}/>][^{_WS}/>=]*+"
    f"(?:[{_WS}]*+=[{_WS}]*+(?:\"[^\"]*+(?:\"|\\Z)|'[^']*+(?:'|\\Z)|[^{_WS}>]++)?)?+"
)
_TAG_END = f"[{_WS}/]*+(?:>|\\Z)"
_FEW_ATTRIBUTES = f"(?:{_ATTRIBUTE}){{0,{MAX_ATTRIBUTES}}}+{_TAG_END}"
_RAW_TEXT = ("script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes")


def _either_case(name: str) -> str:
    return "".join(f"[{c}{c.upper()}]" for c in name)


def _raw_content(name: str) -> str:
    """The content of a raw text element, up to (not including) its end tag."""
    return f"(?:[^<]++|<(?!/{_either_case(name)}(?:[{_WS}/>]|\\Z)))*+"


# Markup up to the first tag with more than MAX_ATTRIBUTES attributes (or to the end). End
# tags and tags whose name cannot be a raw text element's come first: the common case.
_ORDINARY = (
    f"(?:[^<]++|<(?:/|(?![iInNpPsStTxX])){_TAG_NAME}{_FEW_ATTRIBUTES}|<(?:"
    "!--(?:-?>|(?:[^-]++|-(?!-!?>))*+(?:--!?>|\\Z))|[!?][^>]*+(?:>|\\Z)"
    + "".join(
        f"|{_either_case(name)}(?=[{_WS}/>]|\\Z){_FEW_ATTRIBUTES}{_raw_content(name)}"
        for name in _RAW_TEXT
    )
    + f"|{_either_case('plaintext')}(?=[{_WS}/>]|\\Z){_FEW_ATTRIBUTES}[\\s\\S]*+"
    f"|(?=[iInNpPsStTxX]){_TAG_NAME}{_FEW_ATTRIBUTES}|/(?:[^A-Za-z>][^>]*+)?(?:>|\\Z)"
    "|(?![A-Za-z!/?])))*+"
)
# A crowded tag: its name and its first MAX_ATTRIBUTES attributes; then the rest of it.
_CROWDED = f"<(/?)({_TAG_NAME})(?:{_ATTRIBUTE}){{{MAX_ATTRIBUTES}}}+"
_CROWDED_REST = f"(?:{_ATTRIBUTE})*+([{_WS}/]*+)(>|\\Z)"
_RAW_CONTENT = MappingProxyType(
    {name: _raw_content(name) for name in _RAW_TEXT} | {"plaintext": "[\\s\\S]*+"}
)


@functools.cache
def _compiled_bytes(pattern: bytes) -> re.Pattern[bytes]:
    return re.compile(pattern)


@dataclass(frozen=True)
class HtmlArticle:
    """The readable part of a web page.

    Attributes:
        text: The article text, no markup: each paragraph (heading, list item...) on a
            line of its own, a blank line between them, as in a plain-text article.
        title: The page's ``<title>``, white space collapsed; ``""`` when it has none.
        extractor: ``"trafilatura"``, or ``"simple"`` when the page was too large for
            trafilatura or trafilatura found no article in it.
    """

    text: str
    title: str
    extractor: str


def looks_like_html(start: str | bytes) -> bool:
    """Tell whether a document is a web page from how it begins.

    Args:
        start: The beginning of the document, as text or as bytes in an ASCII-compatible
            encoding (only the first couple of thousand characters are looked at).

    Returns:
        True when, after white space, comments and an XML declaration, it opens with
        ``<!DOCTYPE html`` or ``<html``.
    """
    if isinstance(start, bytes):
        start = start[:_SNIFF_CHARS].decode("latin-1")
        start = start.removeprefix("\xef\xbb\xbf")
    return compiled(_HTML_START).match(start[:_SNIFF_CHARS]) is not None


def codec_for_label(label: str) -> str | None:
    """Map a charset label from a page to the Python codec a browser would decode it with.

    Args:
        label: A label such as ``euc-kr``, ``ks_c_5601-1987`` or ``UTF-8``.

    Returns:
        The codec name (``cp949`` for every EUC-KR label, as browsers do), or None for a
        label that is unknown, not a text encoding, or refused (UTF-7).
    """
    label = label.strip().lower()
    if label in _EXTRA_LABELS:
        return _EXTRA_LABELS[label]
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    name = info.name.replace("_", "-")
    if name in _REFUSED_CODECS or not getattr(info, "_is_text_encoding", True):
        return None
    return _WHATWG_CODECS.get(info.name, info.name)


def declared_charset(data: bytes) -> str | None:
    """Find the charset a page declares for itself.

    Looks at ``<meta charset>``, ``<meta http-equiv="Content-Type" content="...;
    charset=...">`` and an XML declaration's ``encoding`` in the first 16 KiB.

    Args:
        data: The page's bytes.

    Returns:
        The codec to decode the page with (see :func:`codec_for_label`), or None when it
        declares none that can be used.
    """
    head = data[:_PRESCAN_BYTES]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = _compiled_bytes(pattern).search(head)
        if match is not None:
            codec = codec_for_label(match.group(1).decode("ascii"))
            if codec is not None:
                return codec
    return None


def html_to_article(markup: str) -> HtmlArticle:
    """Turn a web page into its article text and title.

    ``<script>``, ``<style>`` and similar elements never reach the text. Navigation,
    headers, footers, side bars and other boilerplate are removed by trafilatura; a page
    too large for it (more than :data:`MAX_EXTRACTOR_ELEMENTS` elements) or in which it
    finds no article goes through a simple linear extractor that drops the same
    non-text elements plus ``nav``, ``footer``, ``aside`` and forms. The article's
    headline (its ``<h1>``) starts the text when the extractor left it out. Markup that
    lxml cannot parse whole (elements nested thousands deep) has its tags stripped
    instead, so no text is lost. A tag's attributes past its first
    :data:`MAX_ATTRIBUTES` are dropped before anything parses the page.

    Args:
        markup: The page, already decoded.

    Returns:
        The article.
    """
    if not markup.strip():
        return HtmlArticle(text="", title="", extractor="simple")
    markup = cap_attributes(markup)
    root = _parse(markup)
    if root is None:
        return HtmlArticle(
            text=_tidy(strip_tags(markup)), title=_raw_title(markup), extractor="tags"
        )
    title = _title(root)
    headline = _survey(root).headline
    _drop(root, _NEVER_TEXT)
    text: str | None = None
    extractor = "simple"
    if _count_elements(root, MAX_EXTRACTOR_ELEMENTS + 1) <= MAX_EXTRACTOR_ELEMENTS:
        text = _trafilatura(copy.deepcopy(root))
        extractor = "trafilatura"
    if not text:
        text = _simple_text(root)
        extractor = "simple"
    text = _tidy(text)
    if headline and headline not in text[: len(headline) + 200]:
        text = f"{headline}\n\n{text}" if text else headline
    return HtmlArticle(text=text, title=title, extractor=extractor)


def cap_attributes(markup: str) -> str:
    """Drop the attributes of each tag past its first :data:`MAX_ATTRIBUTES`.

    Tags are read as browsers read them (quoted values, raw text such as scripts), in
    time linear in the markup; a page without such a crowded tag comes back as it is.

    Args:
        markup: The page, decoded.

    Returns:
        The page, each crowded tag cut to its name, its first attributes and its ``>``
        (`` />`` when it closed so; nothing when the markup ends inside it).
    """
    pieces: list[str] = []
    pos = 0
    ordinary = compiled(_ORDINARY)
    while (stop := _matched_to(ordinary, markup, pos)) < len(markup):
        crowded = compiled(_CROWDED).match(markup, stop)
        if crowded is None:  # Not reached: ordinary markup stops only at a crowded tag.
            pieces.append(markup[pos : stop + 1])
            pos = stop + 1
            continue
        pieces.append(markup[pos : crowded.end()])
        rest = compiled(_CROWDED_REST).match(markup, crowded.end())
        if rest is None:  # Not reached either: the rest of a tag always matches.
            pos = crowded.end()
            continue
        separators, closing = rest.groups()
        pieces.append((" /" if closing and separators.endswith("/") else "") + closing)
        pos = rest.end()
        raw = _RAW_CONTENT.get(crowded.group(2).lower()) if not crowded.group(1) else None
        if raw is not None:
            end = _matched_to(compiled(raw), markup, pos)
            pieces.append(markup[pos:end])
            pos = end
    if not pieces:
        return markup
    pieces.append(markup[pos:])
    return "".join(pieces)


def _matched_to(pattern: re.Pattern[str], markup: str, pos: int) -> int:
    """Where a pattern that may match nothing stops matching, from ``pos``."""
    match = pattern.match(markup, pos)
    return pos if match is None else match.end()


def strip_tags(markup: str) -> str:
    """Text of markup by a linear scan for tags: the last resort for pages lxml cannot parse.

    The content of ``<script>``, ``<style>`` and the other non-text elements, and of
    ``nav``, ``footer`` and ``aside``, is skipped up to its closing tag; block elements
    end lines; entities are decoded. Tags longer than 4,000 characters are text.

    Args:
        markup: The page, decoded.

    Returns:
        Its text, lines not yet tidied.
    """
    import html as entities

    skipped = frozenset(_NEVER_TEXT + _BOILERPLATE) - {"head"} | {"title"}
    parts: list[str] = []
    pos = 0
    for match in compiled(_TAG).finditer(markup):
        if match.start() < pos:
            continue
        parts.append(entities.unescape(markup[pos : match.start()]))
        pos = match.end()
        token = match.group(0)
        if token.startswith("<!--"):
            close = markup.find("-->", match.start() + 4)
            pos = len(markup) if close < 0 else close + 3
            continue
        name = (match.group(2) or "").lower()
        if name in _BLOCKS:
            parts.append("\n")
        if name in skipped and not match.group(1):
            closing = re.compile(f"</{name}", re.IGNORECASE).search(markup, pos)
            pos = len(markup) if closing is None else closing.start()
    parts.append(entities.unescape(markup[pos:]))
    return "".join(parts)


def _raw_title(markup: str) -> str:
    match = compiled(_RAW_TITLE).search(markup, 0, 65536)
    if match is None:
        return ""
    import html as entities

    return " ".join(entities.unescape(match.group(1)).split())[:300]


def _parse(markup: str) -> HtmlElement | None:
    """Parse a page with lxml's forgiving HTML parser; None when it cannot parse it whole."""
    from lxml import etree, html  # Loaded on first use: importing glossary stays cheap.

    parser = html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
    )
    try:
        root = html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None
    # libxml2 gives up (a fatal error) past 2,048 levels of nesting, dropping the rest.
    if any(error.level_name == "FATAL" for error in parser.error_log):
        return None
    return root


def _title(root: HtmlElement) -> str:
    element = next(iter(root.iter("title")), None)
    if element is None:
        return ""
    return " ".join(element.text_content().split())[:300]


@dataclass(frozen=True)
class _Survey:
    """Where a page keeps its article, found in one pass over its tree.

    Attributes:
        mains: The ``<article>`` and ``<main>`` elements inside no other such element.
        headline: The text of the first ``<h1>`` inside one of them, or ``""``.
        headers: The ``<header>`` elements outside all of them (page banners).
    """

    mains: list[HtmlElement]
    headline: str
    headers: list[HtmlElement]


def _survey(root: HtmlElement) -> _Survey:
    """Survey a page in one walk: nesting is counted, never searched, so deep markup stays
    linear."""
    from lxml import etree

    mains: list[HtmlElement] = []
    headers: list[HtmlElement] = []
    headline = ""
    depth = 0  # How many <article>/<main> the walk is inside.
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if tag in ("article", "main"):
            if event == "start":
                if depth == 0:
                    mains.append(element)
                depth += 1
            else:
                depth -= 1
        elif event == "start" and tag == "h1" and depth and not headline:
            headline = " ".join(element.text_content().split())
        elif event == "start" and tag == "header" and not depth:
            headers.append(element)
    return _Survey(mains=mains, headline=headline, headers=headers)


def _drop(root: HtmlElement, tags: tuple[str, ...]) -> None:
    """Remove elements with their content, keeping the text that follows each one."""
    for element in list(root.iter(*tags)):
        if element.getparent() is not None:
            element.drop_tree()


def _count_elements(root: HtmlElement, stop: int) -> int:
    count = 0
    for _ in root.iter():
        count += 1
        if count >= stop:
            break
    return count


def _trafilatura(root: HtmlElement) -> str | None:
    """Article text by trafilatura, or None when it finds none (or fails on odd markup)."""
    import trafilatura  # Loaded on first use: importing glossary stays cheap.

    try:
        text = trafilatura.extract(
            root,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            with_metadata=False,
        )
    except Exception:
        # A third-party extractor meeting odd markup must not cost the reader its text:
        # the simple extractor takes over.
        return None
    return text or None


def _simple_text(root: HtmlElement) -> str:
    """All text of the page's main part, one block per line, in one pass over the tree."""
    from lxml import etree

    _drop(root, _BOILERPLATE)
    roles = " or ".join(f"@role='{role}'" for role in _BOILERPLATE_ROLES)
    try:
        furniture = root.xpath(f"//*[{roles}]")
    except etree.XPathError:  # Millions of elements: past libxml2's XPath limits.
        furniture = [e for e in root.iter() if e.get("role") in _BOILERPLATE_ROLES]
    for element in furniture:
        if element.getparent() is not None:
            element.drop_tree()
    survey = _survey(root)
    for header in survey.headers:
        if header.getparent() is not None:
            header.drop_tree()
    main = _main_part(root, survey.mains)
    parts: list[str] = []
    for event, element in etree.iterwalk(main, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                parts.append("\n")
            if element.text and tag:
                parts.append(element.text)
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            if element.tail and element is not main:
                parts.append(element.tail)
    return "".join(parts)


def _main_part(root: HtmlElement, mains: list[HtmlElement]) -> HtmlElement:
    """The outermost ``<article>`` or ``<main>`` with the most text, else the body or root."""
    if mains:
        return max(mains, key=lambda element: len(element.text_content()))
    body = next(iter(root.iter("body")), None)
    return body if body is not None else root


def _tidy(text: str) -> str:
    """Collapse runs of spaces and trim lines; one blank line between paragraphs."""
    text = compiled(_SPACES).sub(" ", text)
    lines = (line.strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)
