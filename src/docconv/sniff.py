"""What the input is: its format (from extension and magic bytes) and, for text, how to decode it."""

from __future__ import annotations

import codecs
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from docconv.diagnostics import DiagnosticLog
from docconv.errors import DecodingError, InputNotTextError, UnsupportedCharsetError

EXTENSIONS: dict[str, str] = {
    ".txt": "txt", ".text": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".json": "json",
}
"""File extension → input format name."""

TEXT_FORMATS = frozenset({"txt", "html", "json"})
"""Formats that arrive as bytes to be decoded into text."""

# Signatures of binary files people rename or mistake for text; the name goes into the error message.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"MZ", "a Windows executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc/.xls); save it as .docx first"),
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (e.g. .docx)"),
    (b"{\\rtf", "an RTF document"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"RIFF", "a RIFF media file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


def format_from_path(path: str | None) -> str | None:
    """The input format a file name implies, or None."""
    if not path:
        return None
    return EXTENSIONS.get(PurePath(path).suffix.lower())


def sniff_format(data: bytes, path: str | None = None) -> str:
    """Decide the input format from the bytes first, then the extension; plain text is the fallback."""
    by_magic = _format_from_magic(data)
    if by_magic is not None:
        return by_magic
    by_ext = format_from_path(path)
    if by_ext is not None and by_ext not in ("docx", "pdf"):
        return by_ext
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta")):
        return "html"
    if head.startswith(b"{") and b'"docconv-ast-version"' in data[:256]:
        return "json"
    # A binary name with non-binary bytes is reported by the reader for that format; otherwise text.
    return by_ext or "txt"


def _format_from_magic(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return None
    return None


def binary_kind(data: bytes) -> str | None:
    """What kind of binary file `data` looks like, or None when it may be text."""
    for magic, name in _BINARY_MAGIC:
        if data.startswith(magic):
            return name
    head = data[:4096]
    if b"\x00" in head and not _looks_utf16_or_32(head):
        return "binary data (it contains NUL bytes)"
    return None


def _looks_utf16_or_32(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return True
    # Without a BOM, UTF-16 text has NULs in a regular column (every other byte for ASCII-heavy text).
    even, odd = head[0::2], head[1::2]
    return max(even.count(0), odd.count(0)) >= 0.3 * max(1, len(head) // 2) and min(
        even.count(0), odd.count(0)) <= 0.05 * max(1, len(head) // 2)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with the decision that produced it."""

    text: str
    """The decoded text."""
    encoding: str
    """Python codec name used."""
    confidence: float
    """How sure the decision is, 0..1."""
    method: str
    """bom, declared, utf8, scored, chardet, mixed or forced."""


def decode(data: bytes, *, encoding: str | None = None, log: DiagnosticLog | None = None) -> Decoded:
    """Decode input bytes to text, refusing binary data and never substituting characters silently."""
    kind = binary_kind(data)
    if kind is not None:
        raise InputNotTextError(f"input is not text: it looks like {kind}; "
                                "give a .txt/.html/.docx/.pdf document, or name its format with -f")
    result = _forced(data, encoding) if encoding is not None else _utf8(data)
    if log is not None:
        log.report(f"decode.{result.method}",
                   f"decoded as {result.encoding} ({result.method}, confidence {result.confidence:.2f})")
    return result


def _forced(data: bytes, encoding: str) -> Decoded:
    try:
        name = codecs.lookup(encoding).name
    except LookupError as exc:
        raise UnsupportedCharsetError(
            f"unknown encoding {encoding!r}; use a Python codec name such as utf-8, gb18030, big5 or utf-16"
        ) from exc
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        raise DecodingError(
            f"input does not decode as {name} at byte offset {exc.start}; "
            "check the --encoding value or leave it out to detect the encoding",
            offset=exc.start,
        ) from exc
    return Decoded(text=text, encoding=name, confidence=1.0, method="forced")


def _utf8(data: bytes) -> Decoded:
    if data.startswith(codecs.BOM_UTF8):
        method, body = "bom", data[len(codecs.BOM_UTF8):]
    else:
        method, body = "utf8", data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(data) - len(body))
        raise DecodingError(
            f"input is not valid UTF-8 at byte offset {offset}; "
            "pass its encoding with --encoding (e.g. --encoding gb18030)",
            offset=offset,
        ) from exc
    return Decoded(text=text, encoding="utf-8-sig" if method == "bom" else "utf-8", confidence=1.0,
                   method=method)
