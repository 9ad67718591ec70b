"""Readers: input format name → entry function.

Text readers take the decoded `str`; binary readers (none yet) take `bytes`. Every reader has the
signature `read_<fmt>(source, options, log) -> Document`.
"""

from __future__ import annotations

from collections.abc import Callable

from docconv.ast import Document
from docconv.diagnostics import DiagnosticLog
from docconv.errors import UnknownReaderError
from docconv.options import Options
from docconv.readers.json import read_json
from docconv.readers.txt import read_txt

TextReader = Callable[[str, Options, DiagnosticLog], Document]
BinaryReader = Callable[[bytes, Options, DiagnosticLog], Document]

TEXT_READERS: dict[str, TextReader] = {
    "txt": read_txt,
    "json": read_json,
}
BINARY_READERS: dict[str, BinaryReader] = {}

_PLANNED = frozenset({"html", "docx", "pdf"})
"""Formats docconv recognises by their bytes but cannot read yet."""

ALIASES: dict[str, str] = {"plain": "txt", "text": "txt"}
"""Other names users type for the same reader."""


def names() -> list[str]:
    """Every input format name, sorted."""
    return sorted([*TEXT_READERS, *BINARY_READERS])


def canonical(name: str) -> str:
    """The reader name `name` stands for; UnknownReaderError lists the known ones otherwise."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in TEXT_READERS and key not in BINARY_READERS:
        if key in _PLANNED:
            raise UnknownReaderError(
                f"input format {key!r} has no reader in this version of docconv; "
                f"known input formats: {', '.join(names())}"
            )
        raise UnknownReaderError(
            f"unknown input format {name!r}; known input formats: {', '.join(names())}"
        )
    return key
