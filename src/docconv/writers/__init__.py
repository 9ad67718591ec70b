"""Writers: output format name → entry function `write_<fmt>(doc, options, log=None) -> str | bytes`.

A writer reports its decisions (metadata overrides, a style a reference doc lacks) into `log` when one is
given; `write` is the one call that passes it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol, cast

from docconv.ast import Document
from docconv.diagnostics import DiagnosticLog
from docconv.errors import UnknownWriterError
from docconv.options import Options
from docconv.writers.json import write_json
from docconv.writers.markdown import write_markdown
from docconv.writers.plain import write_plain


class Writer(Protocol):
    """A writer's entry function."""

    def __call__(self, doc: Document, options: Options, log: DiagnosticLog | None = None, /) -> str | bytes:
        """Render `doc`; report decisions into `log` when given."""


def _write_docx(doc: Document, options: Options, log: DiagnosticLog | None = None) -> bytes:
    """The DOCX writer, imported on first use: python-docx costs a CLI call ~70 ms to import."""
    writer = cast(Callable[[Document, Options, DiagnosticLog | None], bytes],
                  importlib.import_module("docconv.writers.docx").write_docx)
    return writer(doc, options, log)


WRITERS: dict[str, Writer] = {
    "markdown": write_markdown,
    "json": write_json,
    "plain": write_plain,
    "docx": _write_docx,
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


TEXT_FORMATS = ("markdown", "json", "plain")
"""Writers that produce text (where `eol` applies); the others produce bytes."""


def write(doc: Document, to: str, options: Options, log: DiagnosticLog | None = None) -> str | bytes:
    """Render `doc` with the writer named `to`, its diagnostics going to `log`."""
    return WRITERS[canonical(to)](doc, options, log)
