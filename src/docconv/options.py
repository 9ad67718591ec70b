"""The options of one conversion, shared by the library API, the CLI and the batch runner."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from docconv.errors import OptionError


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """Every knob a reader, transform or writer reads. Names follow pandoc where pandoc has one."""

    standalone: bool = False
    """Writers add document-level wrapping (Markdown: YAML front matter from Meta)."""
    encoding: str | None = None
    """Decode text input with this codec instead of detecting it."""

    @classmethod
    def from_kwargs(cls, **kwargs: Any) -> Options:
        """Build options from keyword arguments, refusing names that do not exist."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(kwargs) - known)
        if unknown:
            raise OptionError(
                f"unknown option(s) {', '.join(unknown)}; known options: {', '.join(sorted(known))}"
            )
        return cls(**kwargs)
