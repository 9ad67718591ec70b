"""AST → docconv JSON (stable key order, non-ASCII kept as is).

The JSON form carries the metadata and heading levels of `-M`, `--metadata-file` and
`--shift-heading-level-by`; it has no table of contents (`--toc` is for reading formats).
"""

from __future__ import annotations

from docconv import codec
from docconv.ast import Document
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.writers.prepare import finish_text, prepare


def write_json(doc: Document, options: Options, log: DiagnosticLog | None = None) -> str:
    """The document as indented docconv JSON text, ending in a newline (line ends per `options.eol`)."""
    return finish_text(codec.dumps(prepare(doc, options, log)) + "\n", options)
