"""docconv: convert and clean documents, built for scraped Chinese reports.

    import docconv
    doc = docconv.read("report.txt")              # -> Document
    md = docconv.write(doc, "markdown")            # -> str
    js = docconv.convert("report.txt", "json")     # read + transforms + write

A `str` or path-like source is a file path; `bytes` are the file's content. Options are keyword
arguments named as in `docconv.Options`. Pass `log=DiagnosticLog()` to receive the diagnostics.
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version

# The cleaning stages live in the subpackage docconv.clean; importing it here, before the function
# `clean` below is defined, makes the name `docconv.clean` the function for good (a later import of
# docconv.clean.<module> binds names on the subpackage, not here).
import docconv.clean as _clean_stages  # noqa: F401  # see above
from docconv import codec, pipeline
from docconv.ast import (
    AST_VERSION,
    Attr,
    Block,
    BlockQuote,
    Code,
    CodeBlock,
    Div,
    Document,
    Emph,
    Heading,
    HorizontalRule,
    Image,
    Inline,
    LineBreak,
    Link,
    List,
    ListItem,
    Marker,
    Meta,
    Node,
    Note,
    Para,
    Pos,
    Scheme,
    SoftBreak,
    Strong,
    Table,
    TableCell,
    TableRow,
    Text,
    plain_text,
)
from docconv.diagnostics import Action, Diagnostic, DiagnosticLog, Severity
from docconv.errors import DocconvError
from docconv.options import Options
from docconv.walk import query, walk

try:
    __version__ = version("docconv")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

Source = str | os.PathLike[str] | bytes


def _load(source: Source) -> tuple[bytes, str | None]:
    if isinstance(source, bytes):
        return source, None
    return pipeline.load_bytes(source), os.fspath(source)


def read(source: Source, format: str | None = None, *,  # pandoc's name
         log: DiagnosticLog | None = None, **options: object) -> Document:
    """Read a file path or bytes into a Document; `format` is detected when None."""
    data, path = _load(source)
    return pipeline.read_bytes(data, format=format, path=path, options=Options.from_kwargs(**options),
                               log=log if log is not None else DiagnosticLog())


def clean(doc: Document, *, log: DiagnosticLog | None = None, **options: object) -> Document:
    """Run the default transforms (cleaning and structure) over a Document."""
    return pipeline.transform(doc, Options.from_kwargs(**options),
                              log if log is not None else DiagnosticLog())


def write(doc: Document, format: str = "markdown", **options: object) -> str | bytes:
    """Render a Document: str for text formats, bytes for binary ones."""
    return pipeline.write(doc, format, Options.from_kwargs(**options))


def convert(source: Source, to: str = "markdown", *, format: str | None = None,
            log: DiagnosticLog | None = None, **options: object) -> str | bytes:
    """Read, transform and write in one call."""
    data, path = _load(source)
    result = pipeline.convert_bytes(data, to=to, format=format, path=path,
                                    options=Options.from_kwargs(**options))
    if log is not None:
        for d in result.diagnostics:
            log.add(d)
    return result.output


def dumps(doc: Document) -> str:
    """docconv JSON text for a Document."""
    return codec.dumps(doc)


def loads(text: str) -> Document:
    """A Document from docconv JSON text."""
    return codec.loads(text)


__all__ = [
    "AST_VERSION",
    "Action",
    "Attr",
    "Block",
    "BlockQuote",
    "Code",
    "CodeBlock",
    "Diagnostic",
    "DiagnosticLog",
    "Div",
    "DocconvError",
    "Document",
    "Emph",
    "Heading",
    "HorizontalRule",
    "Image",
    "Inline",
    "LineBreak",
    "Link",
    "List",
    "ListItem",
    "Marker",
    "Meta",
    "Node",
    "Note",
    "Options",
    "Para",
    "Pos",
    "Scheme",
    "Severity",
    "SoftBreak",
    "Strong",
    "Table",
    "TableCell",
    "TableRow",
    "Text",
    "__version__",
    "clean",
    "convert",
    "dumps",
    "loads",
    "plain_text",
    "query",
    "read",
    "walk",
    "write",
]
