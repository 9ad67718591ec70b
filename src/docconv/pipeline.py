"""The one place where stages are wired: bytes → format → text → AST → transforms → output.

Every stage is a plain function that reports into a `DiagnosticLog`; nothing here prints.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from docconv import readers, sniff, writers
from docconv.ast import Document
from docconv.diagnostics import DiagnosticLog
from docconv.errors import InputNotFoundError
from docconv.options import Options
from docconv.structure.articles import drop_duplicate_articles, split_articles
from docconv.structure.headings import structure
from docconv.transform import Transform, TransformFn


def _when_structure(run: TransformFn) -> TransformFn:
    def gated(doc: Document, options: Options, log: DiagnosticLog) -> Document:
        return run(doc, options, log) if options.structure else doc
    return gated


TRANSFORMS: tuple[Transform, ...] = (
    Transform("articles", _when_structure(split_articles)),
    Transform("duplicate-articles", _when_structure(drop_duplicate_articles)),
    Transform("structure", _when_structure(structure)),
)
"""The default transforms, in the order they run. Cleaning and structure stages join here."""


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of one conversion."""

    document: Document
    """The document after all transforms."""
    output: str | bytes
    """What the writer produced."""
    diagnostics: DiagnosticLog
    """Everything the stages reported."""


def load_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read an input file, turning the usual mistakes into InputNotFoundError with a remedy."""
    p = Path(path)
    if p.is_dir():
        raise InputNotFoundError(f"{p} is a directory; give a file to convert", path=None)
    try:
        return p.read_bytes()
    except FileNotFoundError as exc:
        raise InputNotFoundError(f"{p}: no such file; check the path") from exc
    except PermissionError as exc:
        raise InputNotFoundError(f"{p}: permission denied; make the file readable") from exc
    except OSError as exc:
        raise InputNotFoundError(f"{p}: cannot read ({exc.strerror}); check the path") from exc


def read_bytes(
    data: bytes,
    *,
    format: str | None = None,  # pandoc's name for the input format
    path: str | None = None,
    options: Options,
    log: DiagnosticLog,
) -> Document:
    """Sniff, decode and read input bytes into a Document (no transforms)."""
    fmt = readers.canonical(format) if format else readers.canonical(sniff.sniff_format(data, path))
    if fmt in readers.BINARY_READERS:
        return readers.BINARY_READERS[fmt](data, options, log)
    decoded = sniff.decode(data, encoding=options.encoding, errors=options.encoding_errors, log=log)
    doc = readers.TEXT_READERS[fmt](decoded.text, options, log)
    if doc.meta.encoding is None and fmt != "json":
        doc = replace(doc, meta=replace(
            doc.meta, encoding=decoded.encoding, encoding_confidence=decoded.confidence,
            encoding_method=decoded.method))
    return doc


def transform(
    doc: Document,
    options: Options,
    log: DiagnosticLog,
    transforms: tuple[Transform, ...] = TRANSFORMS,
) -> Document:
    """Run the transforms in order."""
    for t in transforms:
        doc = t.run(doc, options, log)
    return doc


def write(doc: Document, to: str, options: Options) -> str | bytes:
    """Render a Document with the named writer."""
    return writers.WRITERS[writers.canonical(to)](doc, options)


def convert_bytes(
    data: bytes,
    *,
    to: str,
    format: str | None = None,  # pandoc's name for the input format
    path: str | None = None,
    options: Options,
    transforms: tuple[Transform, ...] = TRANSFORMS,
) -> Result:
    """The whole pipeline over one input."""
    writers.canonical(to)  # fail on a bad writer name before any work is done
    log = DiagnosticLog()
    doc = read_bytes(data, format=format, path=path, options=options, log=log)
    doc = transform(doc, options, log, transforms)
    return Result(document=doc, output=write(doc, to, options), diagnostics=log)
