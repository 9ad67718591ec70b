"""Readers: input format name → entry function.

Text readers take the decoded `str`; binary readers take the file's `bytes`. Every reader has the
signature `read_<fmt>(source, options, log) -> Document`.

Readers are imported on first use: python-docx, pdfplumber and lxml cost a noticeable part of a second
to import, and a batch of `.txt` files should not pay for them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import cast

from docconv.ast import Document
from docconv.diagnostics import DiagnosticLog
from docconv.errors import UnknownReaderError
from docconv.options import Options

TextReader = Callable[[str, Options, DiagnosticLog], Document]
BinaryReader = Callable[[bytes, Options, DiagnosticLog], Document]

TEXT_FORMATS: dict[str, str] = {
    "txt": "docconv.readers.txt:read_txt",
    "json": "docconv.readers.json:read_json",
    "html": "docconv.readers.html:read_html",
}
"""Formats that arrive decoded, → `module:function` of their reader."""
BINARY_FORMATS: dict[str, str] = {
    "docx": "docconv.readers.docx:read_docx",
    "pdf": "docconv.readers.pdf:read_pdf",
}
"""Formats read from their bytes, → `module:function` of their reader."""

ALIASES: dict[str, str] = {"plain": "txt", "text": "txt", "htm": "html", "xhtml": "html"}
"""Other names users type for the same reader."""


def names() -> list[str]:
    """Every input format name, sorted."""
    return sorted([*TEXT_FORMATS, *BINARY_FORMATS])


def canonical(name: str) -> str:
    """The reader name `name` stands for; UnknownReaderError lists the known ones otherwise."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in TEXT_FORMATS and key not in BINARY_FORMATS:
        raise UnknownReaderError(
            f"unknown input format {name!r}; known input formats: {', '.join(names())}"
        )
    return key


def is_binary(name: str) -> bool:
    """Whether the (canonical) format is read from bytes rather than decoded text."""
    return name in BINARY_FORMATS


def text_reader(name: str) -> TextReader:
    """The reader for a text format (canonical name)."""
    return cast(TextReader, _load(TEXT_FORMATS[name]))


def binary_reader(name: str) -> BinaryReader:
    """The reader for a binary format (canonical name)."""
    return cast(BinaryReader, _load(BINARY_FORMATS[name]))


def _load(target: str) -> object:
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)
