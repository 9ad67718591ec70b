"""What the input is: its format (from extension and magic bytes) and, for text, how to decode it."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import PurePath

from docconv import charset
from docconv.diagnostics import DiagnosticLog
from docconv.errors import InputNotTextError

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
    """What kind of binary file `data` looks like, or None when it may be text.

    Known signatures first; then NUL bytes or a density of control bytes no text encoding produces,
    unless the bytes read as clean UTF-16/32 (which has NULs and control bytes in its byte pattern).
    """
    by_magic = _magic_kind(data)
    if by_magic is not None:
        return by_magic
    head = data[:_BINARY_WINDOW]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None
    has_nul = b"\x00" in head
    controls = sum(head.count(bytes((c,))) for c in _BINARY_CONTROLS)
    if not has_nul and controls <= _CONTROL_SHARE * len(head):
        return None
    if charset.plausible_wide_text(head) is not None:
        return None
    return "binary data (it contains NUL bytes)" if has_nul else "binary data (it is full of control bytes)"


def _magic_kind(data: bytes) -> str | None:
    for magic, name in _BINARY_MAGIC:
        if data.startswith(magic):
            return name
    return None


_BINARY_WINDOW = 4096
# C0 controls that no text file uses (tab, newlines, form feed, escape and SUB are left out).
_BINARY_CONTROLS = bytes((*range(0x01, 0x09), 0x0B, *range(0x0E, 0x1A), *range(0x1C, 0x20)))
_CONTROL_SHARE = 0.02
"""Share of such control bytes above which input without NULs is binary (random bytes have ~8%)."""

Decoded = charset.Decoded


def decode(data: bytes, *, encoding: str | None = None, errors: str = "strict",
           log: DiagnosticLog | None = None) -> Decoded:
    """Decode input bytes to text, refusing binary data and never substituting characters silently.

    The evidence order and the methods are those of `docconv.charset.detect`. Raises
    `InputNotTextError` (95) for binary data, `UnsupportedCharsetError` (94) for an unknown
    `encoding`, `DecodingError` (92) when nothing decodes cleanly and `errors` is "strict".
    """
    # A named --encoding is trusted with NULs and control bytes (UTF-16 in any script); signatures count.
    kind = binary_kind(data) if encoding is None else _magic_kind(data)
    if kind is not None:
        raise InputNotTextError(f"input is not text: it looks like {kind}; "
                                "give a .txt/.html/.docx/.pdf document, or name its format with -f")
    return charset.detect(data, encoding=encoding, errors=errors, log=log)
