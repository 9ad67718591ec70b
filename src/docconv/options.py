"""The options of one conversion, shared by the library API, the CLI and the batch runner."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from docconv.errors import OptionError, ParseError
from docconv.fsutil import read_input

EOLS = ("lf", "crlf", "native")
"""The values of `eol` (pandoc's --eol)."""


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
    toc: bool = False
    """Writers add a table of contents (Markdown only together with `standalone`; DOCX always, as
    pandoc treats binary formats as standalone; JSON and plain never)."""
    toc_depth: int = 3
    """Heading levels the table of contents lists (1..9; Markdown stops at 6)."""
    reference_doc: str | None = None
    """DOCX output takes its styles, page setup, headers/footers and numbering from this .docx."""
    metadata: tuple[tuple[str, str], ...] = ()
    """`-M KEY=VALUE` pairs, in command-line order; they override what docconv detected. A repeated key
    joins its values with "; "."""
    metadata_file: str | None = None
    """A YAML or JSON file of metadata defaults: each value fills a field
    docconv found nothing for; what the document has wins, as in pandoc."""
    shift_heading_level_by: int = 0
    """Add this to every heading level (pandoc semantics: below 1 becomes a paragraph; with -N the
    level-N heading that opens the document becomes the title)."""
    eol: str = "lf"
    """Line endings of the text writers: lf (default), crlf, or native (the platform's)."""
    reference_doc_digest: str | None = field(default=None, init=False)
    """SHA-256 of the reference doc's bytes, read when the options are made, so the batch manifest's
    options hash changes when the file's content does."""
    metadata_defaults: tuple[tuple[str, str], ...] = field(default=(), init=False)
    """The metadata file's content as key-value pairs (read when the options are made)."""

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
        if isinstance(self.toc_depth, bool) or not isinstance(self.toc_depth, int) \
                or not 1 <= self.toc_depth <= 9:
            raise OptionError(f"toc_depth must be a whole number from 1 to 9, not {self.toc_depth!r}")
        if isinstance(self.shift_heading_level_by, bool) or not isinstance(self.shift_heading_level_by, int):
            raise OptionError(
                f"shift_heading_level_by must be a whole number, not {self.shift_heading_level_by!r}")
        if self.eol not in EOLS:
            raise OptionError(f"eol must be lf, crlf or native, not {self.eol!r}")
        if not isinstance(self.metadata, tuple) or not all(
                isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str) and pair[0].strip()
                and isinstance(pair[1], str) for pair in self.metadata):
            raise OptionError("metadata must be a tuple of (key, value) string pairs with non-empty keys, "
                              f"not {self.metadata!r}")
        if self.reference_doc is not None:
            object.__setattr__(self, "reference_doc_digest", _reference_digest(self.reference_doc))
        if self.metadata_file is not None:
            object.__setattr__(self, "metadata_defaults", load_metadata_file(self.metadata_file))

    @classmethod
    def from_kwargs(cls, **kwargs: Any) -> Options:
        """Build options from keyword arguments, refusing names that do not exist."""
        known = {f.name for f in fields(cls) if f.init}
        unknown = sorted(set(kwargs) - known)
        if unknown:
            raise OptionError(
                f"unknown option(s) {', '.join(unknown)}; known options: {', '.join(sorted(known))}"
            )
        return cls(**kwargs)


def parse_metadata_arg(arg: str) -> tuple[str, str]:
    """One `-M KEY[=VALUE]` (or `KEY:VALUE`, as pandoc also accepts) as a pair; a bare KEY means true."""
    key, sep, value = arg.partition("=")
    if not sep:
        key, sep, value = arg.partition(":")
    key = key.strip()
    if not key:
        raise OptionError(f"-M/--metadata needs KEY or KEY=VALUE, not {arg!r}")
    return key, (value if sep else "true")


def read_option_file(path: str, what: str) -> bytes:
    """The bytes of a file an option names; InputNotFoundError (exit 1) with a remedy otherwise."""
    return read_input(path, what)


def _reference_digest(path: str) -> str:
    data = read_option_file(path, "--reference-doc")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            has_body = "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile as exc:
        raise ParseError(f"--reference-doc {path} is not a .docx (not a zip archive); give a Word "
                         "document saved as .docx") from exc
    if not has_body:
        raise ParseError(f"--reference-doc {path} is not a .docx (the zip has no word/document.xml); give "
                         "a Word document saved as .docx")
    return hashlib.sha256(data).hexdigest()


def load_metadata_file(path: str) -> tuple[tuple[str, str], ...]:
    """A metadata file's top-level mapping as (key, text) pairs: JSON or YAML (PyYAML). Lists of plain
    values join with "; " (several authors), booleans become true/false, numbers their text, and nested
    mappings their JSON text, since docconv's metadata holds strings."""
    data = read_option_file(path, "--metadata-file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"--metadata-file {path} is not UTF-8 text; save it as UTF-8") from exc
    value: Any
    try:
        value = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as json_error:
        if Path(path).suffix.lower() == ".json":
            raise ParseError(f"--metadata-file {path}: bad JSON ({json_error})") from json_error
        value = _load_yaml(text, path)
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise ParseError(f"--metadata-file {path} must hold a mapping of keys to values at the top, "
                         f"not a {type(value).__name__}")
    return tuple((str(k), _meta_text(v)) for k, v in value.items() if v is not None)


def _load_yaml(text: str, path: str) -> Any:
    import yaml  # noqa: PLC0415  # imported on use: most runs never read a metadata file

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ParseError(f"--metadata-file {path}: neither JSON nor valid YAML ({first})") from exc


def _meta_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return "; ".join(_meta_text(v) for v in value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)  # numbers, and the dates and times YAML reads as such (ISO 8601 text)
