"""docconv JSON → AST: the inverse of the JSON writer, so `-f json` re-reads docconv's own output."""

from __future__ import annotations

from docconv import codec
from docconv.ast import Document
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options


def read_json(source: str, options: Options, log: DiagnosticLog) -> Document:
    """Load a docconv JSON document (any node type; the version is checked)."""
    del options, log  # nothing to decide: the JSON says everything
    return codec.loads(source)
