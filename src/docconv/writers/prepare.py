"""The pandoc options every writer applies to the document it is given: metadata, heading shift, line ends.

`prepare(doc, options, log)` runs first in every writer, so `-M`, `--metadata-file` and
`--shift-heading-level-by` reach each output the same way (one file, `--split-articles` parts, batch
outputs), and never change the document the pipeline returns. `finish_text` applies `--eol` last.

- Heading shift (pandoc's semantics): every heading's level moves by N. A heading that would fall below
  level 1 becomes a paragraph (its marker kept as text); with a shift of -N, a level-N heading that opens
  the document (first block, or the first block of the first article) becomes the title instead: it
  leaves the body and its text goes to `Meta.title`. Levels above 6 stay in the AST (DOCX has Heading 7-9;
  the Markdown writer prints them as level 6).
- Metadata: `-M` values override what docconv detected; `title`, `date`, `source` and `author` are
  `Meta` fields, any other key goes to `Meta.extra`. A repeated key joins its values with "; ". Metadata
  file values only fill what the document does not have (pandoc: "values specified inside the document,
  or by using -M, overwrite values specified with this option"). The shift runs first, so an explicit
  `-M title=...` wins over a heading promoted to the title.
"""

from __future__ import annotations

import os
from dataclasses import replace

from docconv.ast import Block, Div, Document, Heading, Meta, Para, Text, plain_text
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.walk import walk

META_FIELDS = ("title", "date", "source", "author")
"""Metadata keys that are `Meta` fields; every other key lives in `Meta.extra`."""


def prepare(doc: Document, options: Options, log: DiagnosticLog | None = None) -> Document:
    """The document as the writers render it under `options` (unchanged under the defaults)."""
    log = log if log is not None else DiagnosticLog()
    doc = shift_headings(doc, options.shift_heading_level_by, log)
    return apply_metadata(doc, options, log)


def finish_text(text: str, options: Options) -> str:
    """Writer output with the line ends `options.eol` asks for (writers build text with `\\n`)."""
    match options.eol:
        case "crlf":
            return text.replace("\n", "\r\n")
        case "native":
            return text.replace("\n", os.linesep) if os.linesep != "\n" else text
        case _:
            return text


# ------------------------------------------------------------------------------------------ heading shift


def shift_headings(doc: Document, by: int, log: DiagnosticLog) -> Document:
    """Every heading `by` levels deeper (negative: shallower), with pandoc's rules below level 1."""
    if by == 0:
        return doc
    meta = doc.meta
    blocks = doc.blocks
    if by < 0:
        title, blocks = _take_opening_heading(blocks, -by)
        if title is not None:
            text = _heading_text(title)
            log.report("options.shift-heading-level-by", "the heading that opens the document became its "
                       "title (--shift-heading-level-by)", action=Action.MOVED, text=text, pos=title.pos)
            meta = replace(meta, title=text)
    shifted = 0

    def action(node: object) -> Block | None:
        nonlocal shifted
        if not isinstance(node, Heading):
            return None
        shifted += 1
        level = node.level + by
        if level >= 1:
            return replace(node, level=level)
        log.report("options.shift-heading-level-by", f"a level-{node.level} heading shifted below level 1 "
                   "became a paragraph (--shift-heading-level-by)", action=Action.CHANGED,
                   text=_heading_text(node), pos=node.pos)
        prefix = (Text(text=node.marker.raw),) if node.marker is not None else ()
        return Para(content=(*prefix, *node.content), attr=node.attr, pos=node.pos)

    body = walk(Document(blocks=blocks), action).blocks
    if shifted:
        log.report("options.shift-heading-level-by", f"{shifted} heading(s) shifted by {by:+d} level(s)")
    return replace(doc, meta=meta, blocks=body)


def _take_opening_heading(blocks: tuple[Block, ...], level: int) -> tuple[Heading | None, tuple[Block, ...]]:
    """The level-`level` heading that opens `blocks` (looking into a leading Div), and the blocks
    without it."""
    if not blocks:
        return None, blocks
    first = blocks[0]
    if isinstance(first, Heading):
        return (first, blocks[1:]) if first.level == level else (None, blocks)
    if isinstance(first, Div):
        found, inner = _take_opening_heading(first.blocks, level)
        if found is not None:
            return found, (replace(first, blocks=inner), *blocks[1:])
    return None, blocks


def _heading_text(h: Heading) -> str:
    text = plain_text(h.content).replace("\n", " ").strip()
    return (h.marker.raw + text) if h.marker is not None else text


# ---------------------------------------------------------------------------------------------- metadata


def apply_metadata(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """`Meta` with the metadata file's defaults filled in and the `-M` values set (idempotent)."""
    meta = doc.meta
    for key, value in options.metadata_defaults:
        current = _get(meta, key)
        if current in (None, ""):
            meta = _set(meta, key, value)
            log.report("options.metadata-file", f"metadata {key!r} set from --metadata-file",
                       action=Action.CHANGED, text=value)
        elif current != value:
            log.report("options.metadata-file", f"metadata {key!r}: the document's own value is kept over "
                       "--metadata-file (as in pandoc; use -M to override it)", action=Action.KEPT,
                       text=current)
    joined: dict[str, list[str]] = {}
    for key, value in options.metadata:
        joined.setdefault(key.strip(), []).append(value)
    for key, values in joined.items():
        value = "; ".join(values)
        current = _get(meta, key)
        if current == value:
            continue
        meta = _set(meta, key, value)
        was = f" (was «{current}»)" if current not in (None, "") else ""
        log.report("options.metadata", f"metadata {key!r} set by -M{was}", action=Action.CHANGED,
                   severity=Severity.INFO, text=value)
    return doc if meta is doc.meta else replace(doc, meta=meta)


def _get(meta: Meta, key: str) -> str | None:
    if key in META_FIELDS:
        value: str | None = getattr(meta, key)
        return value
    return next((v for k, v in meta.extra if k == key), None)


def _set(meta: Meta, key: str, value: str) -> Meta:
    match key:
        case "title":
            return replace(meta, title=value)
        case "date":
            return replace(meta, date=value)
        case "source":
            return replace(meta, source=value)
        case "author":
            return replace(meta, author=value)
    if any(k == key for k, _ in meta.extra):
        return replace(meta, extra=tuple((k, value if k == key else v) for k, v in meta.extra))
    return replace(meta, extra=(*meta.extra, (key, value)))
