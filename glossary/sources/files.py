"""Reading documents: files, standard input and the bundled article, decoded to text.

Bytes become text in this order: an encoding the caller forces; a byte-order mark; UTF-16
without a mark; for a web page, valid UTF-8 and then the charset the page declares; UTF-8;
UTF-8 with a few broken bytes; CP949 (the superset of EUC-KR), unless
charset-normalizer is sure the bytes are another East Asian encoding (or names one first and
the CP949 reading is hangul without spaces, as Chinese in GBK reads); whatever else
charset-normalizer recognises. A web page (by its suffix, or by how it begins) is then
reduced to its article text by :mod:`glossary.sources.html`.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, cast

from glossary.errors import InputError
from glossary.model import Document
from glossary.sources.names import clean_title, compiled, title_of
from glossary.sources.names import printable as printable  # Re-exported for the CLI.

BUNDLED_ARTICLE = "hangzhou-ai-town.txt"

MAX_INPUT_BYTES = 64 * 1024 * 1024
"""Inputs larger than this (64 MiB, some 20 million Korean characters) are refused."""

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
"""Suffixes that always mean plain text or Markdown: never sniffed for HTML."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
_KOREAN_CODECS = frozenset({"cp949", "euc_kr", "euc-kr", "uhc", "ks_c_5601-1987"})
# Encodings charset-normalizer may name that, on text which also decodes as CP949, are a
# real alternative: the bytes of Chinese and Japanese text often decode as (nonsense) Korean.
_EAST_ASIAN_CODECS = frozenset(
    {
        "big5",
        "big5hkscs",
        "cp932",
        "cp950",
        "euc_jis_2004",
        "euc_jisx0213",
        "euc_jp",
        "gb18030",
        "gb2312",
        "gbk",
        "hz",
        "shift_jis",
        "shift_jis_2004",
        "shift_jisx0213",
    }
)
_DETECTION_SAMPLE = 1 << 20
# Below this many non-ASCII bytes a guess between East Asian encodings is a coin toss, and
# Korean (what this tool reads) wins it.
_TOO_SHORT_TO_TELL = 64
# Hangul syllables without a space that Korean text does not write (a line of 16 without one)
# and a Chinese sentence of 30 characters in GBK reads as.
_UNSPACED_AT_LEAST = 16
# Characters that end a line for str.splitlines() but not for universal newlines; each
# becomes "\n", and every other control character but tab becomes U+FFFD, one for one,
# so offsets into the text still count the characters that were read. (Patterns are compiled
# on first use, by names.compiled: `import glossary` compiles none.)
_LINE_BREAKS = "[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]"
_CONTROLS = "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]"
_ATX_HEADING = r"(?m)^#{1,6}[ \t]+(.+?)[ \t#]*$"
# Codecs that are text encodings to Python but no way to read a file: they fail on every
# byte (undefined), read escapes in it (unicode_escape) or read domain names (idna).
_NOT_FOR_FILES = frozenset(
    {"undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode"}
)


def bundled_article_path() -> Path:
    """Locate the sample article shipped with the package.

    Returns:
        Its path inside the installed package (``glossary/seeds``) or, in a source
        checkout, in the repository's ``seeds/`` folder.

    Raises:
        InputError: The article is missing from the installation.
    """
    # The package's folder, as importlib.resources.files("glossary") gives it for an
    # installed package, without importing importlib.resources (some 5 ms).
    package = Path(__file__).resolve().parents[1]
    packaged = package / "seeds" / BUNDLED_ARTICLE
    if packaged.is_file():
        return packaged
    checkout = package.parent / "seeds" / BUNDLED_ARTICLE
    if checkout.is_file():
        return checkout
    raise InputError(f"the bundled article {BUNDLED_ARTICLE} is missing from this installation")


def decode(data: bytes, encoding: str | None = None, *, name: str = "input") -> tuple[str, str]:
    """Decode bytes to text with universal newlines.

    Tries, in order: the given encoding; a byte-order mark (then broken sequences become
    U+FFFD); UTF-16 without a mark; UTF-8; UTF-8 with a few broken bytes (each becomes
    U+FFFD); CP949, the superset of EUC-KR most Korean pages use (unless
    charset-normalizer is sure of another East Asian encoding); any other encoding
    charset-normalizer recognises.

    Args:
        data: The raw bytes.
        encoding: An encoding to use instead of guessing.
        name: What to call the input in error messages.

    Returns:
        The text and the name of the encoding used.

    Raises:
        InputError: The bytes are binary data or no encoding decodes them.
    """
    if encoding is not None:
        return _forced(data, encoding, name)
    bom = _bom(data, name)
    if bom is not None:
        return bom
    return _guess(data, name)


def decode_html(
    data: bytes, encoding: str | None = None, *, name: str = "input"
) -> tuple[str, str]:
    """Decode a web page, respecting the charset it declares.

    Tries, in order: the given encoding; a byte-order mark; UTF-16 without a mark; UTF-8
    (valid UTF-8 with non-ASCII bytes is UTF-8 whatever a stale ``<meta>`` says); the
    charset the page declares (``euc-kr`` and its aliases decode as CP949, as in
    browsers); then the same guesses as :func:`decode`.

    Args:
        data: The page's bytes.
        encoding: An encoding to use instead of the declared one or a guess.
        name: What to call the input in error messages.

    Returns:
        The markup and the name of the encoding used.

    Raises:
        InputError: The bytes are binary data or no encoding decodes them.
    """
    from glossary.sources.html import declared_charset

    if encoding is not None:
        return _forced(data, encoding, name)
    bom = _bom(data, name) or _utf16(data, name)
    if bom is not None:
        return bom
    if not data.isascii():
        text = _strict(data, "utf-8")
        if text is not None:
            return _checked(text, name), "utf-8"
    declared = declared_charset(data)
    if declared is not None:
        text = _strict(data, declared)
        if text is not None:
            return _checked(text, name), declared
    return _guess(data, name)


def text_encoding(encoding: str) -> str:
    """Check that an encoding name (``--encoding``) names a codec that decodes bytes to text.

    Args:
        encoding: The name, as the user gave it.

    Returns:
        The name, unchanged.

    Raises:
        InputError: No codec has that name (or it is not ASCII), or the codec does not
            turn bytes into text (``hex``, ``rot13``, ``undefined``, ``unicode_escape``...).
            The message starts with the name, shown escaped.
    """
    shown = printable(encoding)
    try:
        if not encoding.isascii():
            raise LookupError(encoding)
        info = codecs.lookup(encoding)
    except (LookupError, ValueError):
        raise InputError(f"{shown}: unknown encoding (try utf-8, cp949 or euc-kr)") from None
    if info.name in _NOT_FOR_FILES or not getattr(info, "_is_text_encoding", True):
        raise InputError(f"{shown}: not an encoding of text files (try utf-8, cp949 or euc-kr)")
    return encoding


def _forced(data: bytes, encoding: str, name: str) -> tuple[str, str]:
    try:
        text_encoding(encoding)
    except InputError as exc:
        raise InputError(f"{name}: encoding {exc}") from None
    try:
        return _newlines(data.decode(encoding)), encoding
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid {encoding} (byte {exc.start})") from None
    except UnicodeError as exc:
        raise InputError(f"{name}: not valid {encoding} ({exc})") from None


def _bom(data: bytes, name: str) -> tuple[str, str] | None:
    """Decode text that starts with a byte-order mark: the mark settles the encoding."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(codec, "replace"), name), label
    return None


def _guess(data: bytes, name: str) -> tuple[str, str]:
    """Guess the encoding of bytes without a byte-order mark."""
    utf16 = _utf16(data, name)
    if utf16 is not None:
        return utf16
    text = _strict(data, "utf-8")
    if text is not None:
        return _checked(text, name), "utf-8"
    if b"\x00" in data:
        raise InputError(f"{name}: not a text file (it holds binary data)")
    text = _mostly_utf8(data)
    if text is not None:
        return _checked(text, name), "utf-8"
    korean = _strict(data, "cp949")
    if korean is not None:
        other = _east_asian_alternative(data, korean)
        text = None if other is None else _strict(data, other)
        if other is not None and text is not None:
            return _checked(text, name), other
        return _checked(korean, name), "cp949"
    for codec in _detected(data):
        text = _strict(data, codec)
        if text is not None:
            return _checked(text, name), codec
    raise InputError(f"{name}: not a text file, or in an encoding it cannot tell (try --encoding)")


def _utf16(data: bytes, name: str) -> tuple[str, str] | None:
    """Decode UTF-16 without a byte-order mark (before UTF-8: ASCII in UTF-16 is valid UTF-8)."""
    for codec in ("utf-16-le", "utf-16-be"):
        text = _utf16_without_bom(data, codec)
        if text is not None:
            return _checked(text, name), codec
    return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _mostly_utf8(data: bytes) -> str | None:
    """Decode UTF-8 with a few broken bytes (a cut-off last character, a stray byte).

    Accepted when the bytes end in an incomplete character and are valid before it, or
    when at least 19 in 20 of the non-ASCII characters decode.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and _strict(data[: exc.start], "utf-8"):
            return data[: exc.start].decode("utf-8") + "\ufffd"
    head = data[:65536]
    if len(data) > len(head) and not _few_broken(head.decode("utf-8", "replace"), head, 1):
        return None  # Plainly not UTF-8: spare decoding all of it.
    text = data.decode("utf-8", "replace")
    return text if _few_broken(text, data) else None


def _few_broken(text: str, data: bytes, slack: int = 0) -> bool:
    """Whether at least 19 in 20 of the non-ASCII characters of ``text`` decoded.

    ``slack`` forgives that many broken characters (a sample cut inside a character).
    """
    broken = max(0, text.count("\ufffd") - data.count(b"\xef\xbf\xbd") - slack)
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return non_ascii - broken >= 19 * broken


def _east_asian_alternative(data: bytes, korean: str) -> str | None:
    """The encoding of bytes that decode as CP949 (to ``korean``) but are Chinese or Japanese:
    charset-normalizer names such an encoding first, and either no Korean one at all or the
    Korean reading is hangul without spaces, which Korean text never is and Chinese bytes read
    as Korean always are (新年刚过 in GBK reads 劤쾨먼법)."""
    sample = data[:4096]
    if len(sample) - len(sample.decode("ascii", "ignore")) < _TOO_SHORT_TO_TELL:
        return None
    candidates = _detected(data)
    if not candidates or candidates[0] not in _EAST_ASIAN_CODECS:
        return None
    if any(c in _KOREAN_CODECS for c in candidates) and not _unspaced_hangul(korean):
        return None
    return candidates[0]


def _unspaced_hangul(text: str) -> bool:
    """Whether the start of a text has hangul but hardly a space between it: fewer than one
    space in twenty syllables, where Korean has one in three or four."""
    sample = text[:4096]
    syllables = sum(1 for ch in sample if "\uac00" <= ch <= "\ud7a3")
    return syllables >= _UNSPACED_AT_LEAST and 20 * sample.count(" ") < syllables


def _detected(data: bytes) -> list[str]:
    """Encodings charset-normalizer finds plausible, best first (UTF-16/32 left out)."""
    from charset_normalizer import from_bytes  # Loaded on first use.

    sample = data
    if len(data) > _DETECTION_SAMPLE:
        cut = data.rfind(b"\n", 0, _DETECTION_SAMPLE)
        if cut <= 0:
            cut = data.rfind(b" ", 0, _DETECTION_SAMPLE)
        if cut > 0:
            sample = data[: cut + 1]
    found: list[str] = []
    for match in from_bytes(sample):
        codec = match.encoding
        if not codec.startswith(("utf_16", "utf_32")) and codec not in found:
            found.append(codec)
    return found


# Control characters that text does not hold (tab, newlines, form feed and escape it may).
_BINARY_CONTROLS = "[\x00-\x08\x0e-\x1a\x1c-\x1f]"


def _checked(text: str, name: str) -> str:
    """Normalise newlines, refusing text that is really binary data (NUL, many controls)."""
    sample = text[:65536]
    controls = len(compiled(_BINARY_CONTROLS).findall(sample))
    if "\x00" in sample or controls > len(sample) // 20:
        raise InputError(f"{name}: not a text file (it holds binary data)")
    return _newlines(text)


def _text_like(ch: str) -> bool:
    o = ord(ch)
    return (
        0x20 <= o < 0x7F
        or ch in "\t\n\r"
        or 0xAC00 <= o <= 0xD7A3
        or 0x1100 <= o <= 0x11FF
        or 0x3000 <= o <= 0x9FFF
        or 0x2000 <= o <= 0x206F
        or 0xFF00 <= o <= 0xFFEF
        or 0xA0 <= o <= 0xFF
    )


def _utf16_without_bom(data: bytes, codec: str) -> str | None:
    """Decode UTF-16 without a byte-order mark when it plainly is UTF-16.

    Text in UTF-16 has a NUL byte in every ASCII character (space, newline, digits), on
    the odd bytes in little-endian and the even ones in big-endian, so more NULs stand
    there than on the other side (where a few hangul such as 가 and 저 put theirs);
    binary data has them on both sides alike, CP949 (which can also decode as UTF-16)
    has none. Nearly all of the decoded text must then be letters, punctuation and
    white space.
    """
    if len(data) < 4:
        return None
    sample = data[:65536]
    high, low = sample[1::2].count(0), sample[0::2].count(0)
    if codec == "utf-16-be":
        high, low = low, high
    if high <= low:
        return None
    odd = len(data) % 2
    try:
        text = data[: len(data) - odd].decode(codec)
    except UnicodeDecodeError:
        return None
    head = text[:4096]
    if sum(1 for ch in head if _text_like(ch)) < 0.95 * len(head):
        return None
    return text + "\ufffd" if odd else text


def _newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def scrub(text: str) -> str:
    """Make decoded text safe to show: no control characters, one kind of line break.

    Form feeds, vertical tabs, NEL and the Unicode line and paragraph separators become
    ``\\n``; every other control character except tab and newline becomes U+FFFD. Each
    replacement is one character for one, so the length and every offset stay as they
    were.

    Args:
        text: Decoded text, newlines already normalised.

    Returns:
        The text, unchanged when it has nothing to replace.
    """
    if compiled(_LINE_BREAKS).search(text) is not None:
        text = compiled(_LINE_BREAKS).sub("\n", text)
    if compiled(_CONTROLS).search(text) is not None:
        text = compiled(_CONTROLS).sub("\ufffd", text)
    return text


def document_from_text(
    text: str, *, path: str = "", title: str = "", encoding: str = "utf-8"
) -> Document:
    """Wrap text already in memory as a document.

    Args:
        text: The text (newlines are normalised).
        path: Where it came from, if anywhere.
        title: A title; by default a headline-like line of the text.
        encoding: The encoding it was decoded from.

    Returns:
        The document.
    """
    text = _newlines(text)
    if not title:
        title = title_of(text, Path(path).stem if path and path != "-" else "untitled")
    return Document(
        text=text,
        title=clean_title(title),
        path=path,
        sha=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        encoding=encoding,
    )


def describe_document(document: Document) -> str:
    """One line on how a document was read, for verbose output and status lines.

    Args:
        document: A document from :func:`read_document`.

    Returns:
        For example ``article.html: cp949, 2,702 characters``.
    """
    name = "standard input" if document.path == "-" else document.path or "text"
    return f"{name}: {document.encoding}, {len(document.text):,} characters"


def is_html(data: bytes, path: str = "") -> bool:
    """Tell whether an input is a web page.

    Args:
        data: Its bytes (only the beginning is looked at).
        path: Its file name, if any: ``.html``, ``.htm`` and ``.xhtml`` are always pages,
            ``.txt`` and ``.md`` never; otherwise the content decides.

    Returns:
        True when it starts like a page (``<!DOCTYPE html`` or ``<html``, after white
        space, comments and an XML declaration), in UTF-8, UTF-16 or any encoding that
        keeps ASCII as it is.
    """
    suffix = Path(path).suffix.lower() if path and path != "-" else ""
    if suffix in TEXT_SUFFIXES:  # Before the web page module is loaded: no suffix is both.
        return False
    from glossary.sources.html import HTML_SUFFIXES, looks_like_html

    if suffix in HTML_SUFFIXES:
        return True
    start = data[:4096]
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if start.startswith(bom):
            return looks_like_html(start[2:].decode(codec, "replace"))
    if start[1:2] == b"\x00" or start[:1] == b"\x00":
        return looks_like_html(_utf16_sniff(start))
    return looks_like_html(start)


def _utf16_sniff(start: bytes) -> str:
    codec = "utf-16-le" if start[1:2] == b"\x00" else "utf-16-be"
    return start[: len(start) // 2 * 2].decode(codec, "replace")


def read_document(
    source: str | Path | None = None,
    *,
    encoding: str | None = None,
    stdin: BinaryIO | None = None,
    html: bool | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Document:
    """Read and decode a document.

    Plain text and Markdown pass through as they are; a web page becomes its article text
    and its ``<title>`` the document's title. Control characters are replaced (see
    :func:`scrub`).

    Args:
        source: A file path, ``"-"`` for standard input, or None for the bundled article.
        encoding: Decode with this encoding instead of guessing.
        stdin: The stream to read for ``"-"`` (standard input by default).
        html: True to read the input as a web page, False as text; None (the default)
            decides by the file's suffix or, failing that, by how it begins.
        max_bytes: Refuse inputs larger than this.

    Returns:
        The decoded document; ``encoding`` names the encoding the bytes were read with.

    Raises:
        InputError: The file is missing, a directory, unreadable, too large, binary or
            undecodable.
    """
    if source is None:
        source = bundled_article_path()
    if str(source) == "-":
        name = "standard input"
        path = "-"
        data = _read_stream(stdin if stdin is not None else _standard_input(), name, max_bytes)
    else:
        path = printable(os.fspath(source))
        name = path
        data = _read_file(Path(source), name, max_bytes)
    if html is None:
        html = is_html(data, path)
    if html:
        return _html_document(data, encoding, name, path)
    text, used = decode(data, encoding, name=name)
    text = scrub(text)
    title = ""
    if Path(path).suffix.lower() in (".md", ".markdown"):
        heading = compiled(_ATX_HEADING).search(text[:65536])
        title = heading.group(1).strip()[:200] if heading else ""
    return document_from_text(text, path=path, title=title, encoding=used)


def _html_document(data: bytes, encoding: str | None, name: str, path: str) -> Document:
    from glossary.sources.html import html_to_article

    markup, used = decode_html(data, encoding, name=name)
    article = html_to_article(markup)
    text = scrub(_newlines(article.text))
    return document_from_text(text, path=path, title=scrub(article.title), encoding=used)


def _standard_input() -> BinaryIO:
    """The process's standard input, as bytes; an error when it is closed (``<&-``)."""
    stream = getattr(sys.stdin, "buffer", None)  # None when the process started without it.
    if stream is None:
        raise InputError("standard input: closed, there is nothing to read")
    return cast(BinaryIO, stream)


def _read_file(path: Path, name: str, limit: int) -> bytes:
    try:
        with path.open("rb") as stream:
            info = os.fstat(stream.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputError(f"{name}: is a directory, not a file")
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise InputError(
                    f"{name}: too large ({info.st_size / 1e6:.1f} MB; the limit is {_mib(limit)})"
                )
            return _read_stream(stream, name, limit)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except NotADirectoryError:
        raise InputError(f"{name}: no such file (a folder in its path is a file)") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except ValueError:
        raise InputError(f"{name}: not a valid file name") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None


def _read_stream(stream: BinaryIO, name: str, limit: int) -> bytes:
    try:
        data = stream.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    except ValueError:  # Read from a closed file.
        raise InputError(f"{name}: closed, there is nothing to read") from None
    if len(data) > limit:
        raise InputError(f"{name}: too large (more than {_mib(limit)})")
    return data


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):g} MiB"
