"""Reading documents: files, standard input and the bundled article, decoded to text."""

from __future__ import annotations

import codecs
import hashlib
import sys
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from glossary.errors import InputError
from glossary.model import Document

BUNDLED_ARTICLE = "hangzhou-ai-town.txt"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bundled_article_path() -> Path:
    """Locate the sample article shipped with the package.

    Returns:
        Its path inside the installed package (``glossary/seeds``) or, in a source
        checkout, in the repository's ``seeds/`` folder.

    Raises:
        InputError: The article is missing from the installation.
    """
    packaged = Path(str(resources.files("glossary"))) / "seeds" / BUNDLED_ARTICLE
    if packaged.is_file():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "seeds" / BUNDLED_ARTICLE
    if checkout.is_file():
        return checkout
    raise InputError(f"the bundled article {BUNDLED_ARTICLE} is missing from this installation")


def decode(data: bytes, encoding: str | None = None, *, name: str = "input") -> tuple[str, str]:
    """Decode bytes to text with universal newlines.

    Tries, in order: the given encoding; a byte-order mark; UTF-8; UTF-16 without a mark;
    CP949 (the superset of EUC-KR most Korean pages use).

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
        try:
            return _newlines(data.decode(encoding)), encoding
        except LookupError:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not valid {encoding} (byte {exc.start})") from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), name), codec.replace("-sig", "")
            except UnicodeDecodeError:
                break
    try:
        return _checked(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    for codec in ("utf-16-le", "utf-16-be"):
        text = _utf16_without_bom(data, codec)
        if text is not None:
            return _checked(text, name), codec
    if b"\x00" in data:
        raise InputError(f"{name}: not a text file (it holds binary data)")
    try:
        return _checked(data.decode("cp949"), name), "cp949"
    except UnicodeDecodeError:
        raise InputError(
            f"{name}: not a text file, or in an encoding it cannot tell (try --encoding)"
        ) from None


def _checked(text: str, name: str) -> str:
    """Normalise newlines, refusing text that is really binary data (NUL, many controls)."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v\x1b")
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
    """Decode UTF-16 without a byte-order mark when nearly all of it reads as text."""
    if len(data) < 4 or len(data) % 2:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    sample = text[:4096]
    if sum(1 for ch in sample if _text_like(ch)) < 0.95 * len(sample):
        return None
    return text


def _newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _title(text: str, fallback: str) -> str:
    seen = 0
    for line in text.split("\n", 40)[:40]:
        line = line.strip()
        if not line:
            continue
        if len(line) >= 15:
            return line[:200]
        seen += 1
        if seen >= 10:
            break
    return fallback


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
    return Document(
        text=text,
        title=title or _title(text, Path(path).stem if path and path != "-" else "untitled"),
        path=path,
        sha=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        encoding=encoding,
    )


def read_document(
    source: str | Path | None = None,
    *,
    encoding: str | None = None,
    stdin: BinaryIO | None = None,
) -> Document:
    """Read and decode a document.

    Args:
        source: A file path, ``"-"`` for standard input, or None for the bundled article.
        encoding: Decode with this encoding instead of guessing.
        stdin: The stream to read for ``"-"`` (standard input by default).

    Returns:
        The decoded document.

    Raises:
        InputError: The file is missing, a directory, unreadable, binary or undecodable.
    """
    if source is None:
        source = bundled_article_path()
    if str(source) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read()
        name = "standard input"
        path = "-"
    else:
        p = Path(source)
        name = str(source)
        path = str(source)
        if not p.exists():
            raise InputError(f"{name}: no such file")
        if p.is_dir():
            raise InputError(f"{name}: is a directory, not a file")
        try:
            data = p.read_bytes()
        except PermissionError:
            raise InputError(f"{name}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    text, used = decode(data, encoding, name=name)
    return document_from_text(text, path=path, encoding=used)
