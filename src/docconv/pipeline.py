"""The one place where stages are wired: bytes → format → text → AST → transforms → output.

Every stage is a plain function that reports into a `DiagnosticLog`; nothing here prints.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from docconv import readers, sniff, writers
from docconv.ast import Document
from docconv.clean import regions, repair, residue, threads
from docconv.diagnostics import DiagnosticLog
from docconv.fsutil import read_input
from docconv.options import Options
from docconv.structure.articles import drop_duplicate_articles, split_articles
from docconv.structure.headings import structure
from docconv.structure.hints import source_headings
from docconv.transform import Transform


def _gated(flag: str, stage: Transform) -> Transform:
    """The stage, skipped when the boolean option `flag` is off (`--no-clean`, `--no-structure`)."""
    def run(doc: Document, options: Options, log: DiagnosticLog) -> Document:
        return stage.run(doc, options, log) if getattr(options, flag) else doc
    return Transform(stage.name, run)


TRANSFORMS: tuple[Transform, ...] = (
    *(_gated("clean", t) for t in repair.TRANSFORMS),
    *(_gated("clean", t) for t in regions.TRANSFORMS),
    *(_gated("clean", t) for t in threads.TRANSFORMS),
    *(_gated("clean", t) for t in residue.TRANSFORMS),
    *(_gated("clean", t) for t in repair.JOIN_TRANSFORMS),
    _gated("structure", Transform("source-headings", source_headings)),
    _gated("structure", Transform("articles", split_articles)),
    _gated("structure", Transform("duplicate-articles", drop_duplicate_articles)),
    _gated("structure", Transform("structure", structure)),
    *repair.SCRIPT_TRANSFORMS,  # runs whenever asked for: the user chose it explicitly
)
"""The default transforms, in the order they run (see DESIGN.md for why this order)."""


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
    return read_input(path)


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
    if readers.is_binary(fmt):
        return readers.binary_reader(fmt)(data, options, log)
    decoded = sniff.decode(data, encoding=options.encoding, errors=options.encoding_errors, log=log)
    doc = readers.text_reader(fmt)(decoded.text, options, log)
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


def write(doc: Document, to: str, options: Options, log: DiagnosticLog | None = None) -> str | bytes:
    """Render a Document with the named writer; its decisions (metadata set by -M, a style a reference
    doc lacks) go to `log` when given."""
    return writers.write(doc, to, options, log)


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
    return Result(document=doc, output=write(doc, to, options, log), diagnostics=log)
