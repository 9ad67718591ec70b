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
    encoding_errors: str = "strict"
    """strict: undecodable bytes are an error; replace: U+FFFD, each replacement reported."""
    clean: bool = True
    """Run the cleaning stage (residue removal and character repair)."""
    rules: tuple[str, ...] = ()
    """Extra residue rule files (TOML), applied after the built-in rules."""
    keep_rules: tuple[str, ...] = ()
    """Residue rule ids to disable (what they match is kept)."""
    drop_rules: tuple[str, ...] = ()
    """Residue rule ids to enable even when off by default."""
    drop_unrepairable: bool = False
    """Remove irrecoverable character damage (锟斤拷, U+FFFD runs, (cid:N)) instead of only flagging it."""
    structure: bool = True
    """Run the structure stage (numbering → headings and lists, title)."""
    drop_near_duplicates: bool = False
    """Drop articles that are near copies ("spun" rewrites) of earlier ones instead of only reporting them."""
    numbering: str = "keep"
    """How markers are written: keep (the document's own form, made consistent), gbt9704 (standard
    forms), renumber (standard forms, gaps closed), strip (no marker text)."""
    heading_levels: str = "standard"
    """standard: the GB/T 9704 ladder (一、 is always level 2); compact: close the gaps."""
    convert_script: str | None = None
    """Convert the script with OpenCC: 'simplified' or 'traditional'; None keeps the input's script."""

    def __post_init__(self) -> None:
        if self.encoding_errors not in ("strict", "replace"):
            raise OptionError(f"encoding_errors must be 'strict' or 'replace', not {self.encoding_errors!r}")
        if self.numbering not in ("keep", "gbt9704", "renumber", "strip"):
            raise OptionError(
                f"numbering must be keep, gbt9704, renumber or strip, not {self.numbering!r}")
        if self.heading_levels not in ("standard", "compact"):
            raise OptionError(f"heading_levels must be standard or compact, not {self.heading_levels!r}")
        if self.convert_script not in (None, "simplified", "traditional"):
            raise OptionError(
                f"convert_script must be 'simplified' or 'traditional', not {self.convert_script!r}"
            )

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
