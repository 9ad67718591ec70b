"""Shared helpers of the residue tests: run the residue stage over text and read its result."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from docconv.ast import Block, BlockQuote, Div, Document, Heading, List, Para, plain_text
from docconv.clean.residue import TRANSFORMS
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options
from docconv.readers.txt import read_txt

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "residue"
SEEDS = ROOT.parent / "shared" / "seeds"


def clean(doc: Document, options: Options | None = None) -> tuple[Document, DiagnosticLog]:
    """Run every residue transform over a document."""
    opts = options or Options()
    log = DiagnosticLog()
    for t in TRANSFORMS:
        doc = t.run(doc, opts, log)
    return doc, log


def clean_text(source: str, options: Options | None = None) -> tuple[Document, DiagnosticLog]:
    """Read plain text and run the residue stage over it."""
    opts = options or Options()
    return clean(read_txt(source, opts, DiagnosticLog()), opts)


def _texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    for b in blocks:
        match b:
            case Para(content=c) | Heading(content=c):
                yield plain_text(c)
            case Div(blocks=inner) | BlockQuote(blocks=inner):
                yield from _texts(inner)
            case List(items=items):
                for it in items:
                    yield from _texts(it.blocks)
            case _:
                pass


def text_of(doc: Document) -> str:
    """All paragraph and heading text of a document, one block per line."""
    return "\n".join(_texts(doc.blocks))


def removed(log: DiagnosticLog) -> list[str]:
    """The texts the stage reported as removed."""
    return [d.text or "" for d in log if d.action is Action.REMOVED]
