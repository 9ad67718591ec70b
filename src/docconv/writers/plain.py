"""AST → plain text: the words of the document, one block per paragraph, no markup.

This is the form corpus builders want (and pandoc's `-t plain`): headings and list items keep their
Chinese marker text (`一、加强领导`) because it is part of what the reader sees, blocks are separated by
one blank line, a soft break between two CJK characters becomes nothing (elsewhere a space), table cells
are separated by tabs, and notes follow the body as `[^n] text` lines.
"""

from __future__ import annotations

from typing import assert_never

from docconv.ast import (
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
    Marker,
    Note,
    Para,
    SoftBreak,
    Strong,
    Table,
    Text,
)
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.writers.inlinetext import first_char, join_soft_lines, last_char, soft_break, space_after_marker
from docconv.writers.prepare import finish_text, prepare


def write_plain(doc: Document, options: Options, log: DiagnosticLog | None = None) -> str:
    """The document as plain text ending in a newline (empty for an empty document); no table of
    contents (as pandoc's plain writer without a template)."""
    doc = prepare(doc, options, log)
    writer = _PlainWriter(strip_markers=options.numbering == "strip")
    body = writer.blocks(doc.blocks)
    if writer.notes:
        body += "\n\n" + "\n".join(f"[^{i}] {text}" for i, text in enumerate(writer.notes, 1))
    return finish_text(body + "\n", options) if body else ""


class _PlainWriter:
    __slots__ = ("notes", "strip_markers")

    def __init__(self, *, strip_markers: bool) -> None:
        self.strip_markers = strip_markers
        self.notes: list[str] = []

    def marker(self, marker: Marker | None, following: str) -> str:
        if marker is None or self.strip_markers:
            return ""
        return marker.raw + " " if space_after_marker(marker.raw, following) else marker.raw

    def blocks(self, blocks: tuple[Block, ...]) -> str:
        return "\n\n".join(s for s in (self.block(b) for b in blocks) if s)

    def block(self, b: Block) -> str:
        match b:
            case Para(content=content):
                return self.inlines(content).strip()
            case Heading(content=content, marker=marker):
                text = self.inlines(content).replace("\n", " ").strip()
                return (self.marker(marker, text) + text).strip()
            case List(items=items):
                lines: list[str] = []
                for it in items:
                    inner = self.blocks(it.blocks)
                    lines.append(self.marker(it.marker, inner) + inner if it.marker else inner)
                return "\n".join(s for s in lines if s)
            case BlockQuote(blocks=blocks) | Div(blocks=blocks):
                return self.blocks(blocks)
            case CodeBlock(text=text):
                return text
            case HorizontalRule():
                return ""
            case Table(head=head, rows=rows):
                return "\n".join(
                    "\t".join(self.blocks(c.blocks).replace("\n", " ") for c in r.cells)
                    for r in (*head, *rows))
            case _:
                assert_never(b)

    def inlines(self, content: tuple[Inline, ...]) -> str:
        out: list[str] = []
        for i, node in enumerate(content):
            match node:
                case Text(text=t):
                    out.append(join_soft_lines(t))
                case Code(text=t):
                    out.append(t)
                case Emph(content=c) | Strong(content=c) | Link(content=c):
                    out.append(self.inlines(c))
                case Image(alt=alt):
                    out.append(self.inlines(alt))
                case SoftBreak():
                    before = last_char(content[i - 1]) if i > 0 else None
                    after = first_char(content[i + 1]) if i + 1 < len(content) else None
                    out.append(soft_break(before, after))
                case LineBreak():
                    out.append("\n")
                case Note(blocks=blocks):
                    self.notes.append(self.blocks(blocks).replace("\n", " "))
                    out.append(f"[^{len(self.notes)}]")
                case _:
                    assert_never(node)
        return "".join(out)

