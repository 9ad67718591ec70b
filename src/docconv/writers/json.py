"""AST → docconv JSON (stable key order, non-ASCII kept as is)."""

from __future__ import annotations

from docconv import codec
from docconv.ast import Document
from docconv.options import Options


def write_json(doc: Document, options: Options) -> str:
    """The document as indented docconv JSON text, ending in a newline."""
    del options  # the JSON form has no options
    return codec.dumps(doc) + "\n"
