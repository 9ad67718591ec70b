"""The shape of a transform stage, kept apart from the pipeline so stage packages can import it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docconv.ast import Document
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options

TransformFn = Callable[[Document, Options, DiagnosticLog], Document]
"""What a transform stage runs."""


@dataclass(frozen=True, slots=True)
class Transform:
    """A named Document → Document stage; pure (never mutates its input) and idempotent."""

    name: str
    """Identifier used in diagnostics and documentation."""
    run: TransformFn
    """The function."""
