"""Writers: output format name → entry function `write_<fmt>(doc, options) -> str | bytes`."""

from __future__ import annotations

from collections.abc import Callable

from docconv.ast import Document
from docconv.errors import UnknownWriterError
from docconv.options import Options
from docconv.writers.docx import write_docx
from docconv.writers.json import write_json
from docconv.writers.markdown import write_markdown
from docconv.writers.plain import write_plain

Writer = Callable[[Document, Options], "str | bytes"]

WRITERS: dict[str, Writer] = {
    "markdown": write_markdown,
    "json": write_json,
    "plain": write_plain,
    "docx": write_docx,
}

ALIASES: dict[str, str] = {
    "md": "markdown", "commonmark": "markdown", "gfm": "markdown", "txt": "plain", "text": "plain",
}
"""Other names users type for the same writer."""

EXTENSIONS: dict[str, str] = {
    ".md": "markdown", ".markdown": "markdown", ".json": "json", ".txt": "plain", ".docx": "docx",
}
"""Output file extension → writer, for `-o` without `-t`."""


def names() -> list[str]:
    """Every output format name, sorted."""
    return sorted(WRITERS)


def canonical(name: str) -> str:
    """The writer name `name` stands for; UnknownWriterError lists the known ones otherwise."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in WRITERS:
        raise UnknownWriterError(
            f"unknown output format {name!r}; known output formats: {', '.join(names())}"
        )
    return key
