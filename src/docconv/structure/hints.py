"""Headings a reader found in the source (HTML `<h2>`, Word's Heading styles) enter the numbering grammar.

The structure stages read lines: a marker at the start of a paragraph's text, a short title line before a
restart. A heading the source format states is such a line with one more piece of evidence, so it is
turned back into a paragraph that remembers its source level (`Attr.kv` key `HINT`), and the stages decide
its level like any other line: `<h1>一、总体情况</h1>`, a Markdown `# 一、总体情况` in a `.txt` and a typed
`一、总体情况` all end up at the level the grammar gives `一、`. `headings.structure` turns every hinted
paragraph back into a heading (never deeper than level 6); none stays a paragraph or becomes a list item,
except a separator row (`<h3>------</h3>`), which becomes a rule.

A heading the source names as the document title (`TITLE_CLASS`: Word's Title style) is found by
`named_title`, so that a line left above it does not take its place.

A paragraph whose marker sits inside bold or italic (`<p><strong>一、加强领导</strong>…</p>`, a bold lead
run in Word) has that formatting around its start flattened, so that the marker is at the start of its text.
A decimal number (`1.1 收入情况`) is a marker only inside the document's outline, which this stage cannot
see, so the heading stage reads it through the formatting with `unstyled_lead` and flattens only the lines
the outline takes.
"""

from __future__ import annotations

from dataclasses import replace

from docconv.ast import (
    Attr,
    Block,
    Div,
    Document,
    Emph,
    Heading,
    Inline,
    Para,
    Strong,
    Text,
    merge_texts,
    plain_text,
)
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.structure.lines import caption_text, forget_markers, marker_of

HINT = "docconv-heading-level"
"""`Attr.kv` key of a paragraph that the source marked as a heading of that level."""
TITLE_CLASS = "title"
"""Class of a heading that the source names as the document title (Word's Title style): the structure
stage takes it as the title even when leftover lines stand above it."""


def source_headings(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Hint the source's unnumbered-by-docconv headings and expose markers hidden in bold lead runs."""
    del options
    forget_markers()
    blocks = _blocks(doc.blocks, log)
    return doc if blocks is doc.blocks else replace(doc, blocks=blocks)


def hint_level(block: Block) -> int | None:
    """The source heading level a paragraph carries, or None."""
    if not isinstance(block, Para):
        return None
    for key, value in block.attr.kv:
        if key == HINT:
            return int(value)
    return None


_ABOVE_NAMED_TITLE = 5  # paragraphs: a cover's or a site's lines above the source's title


def named_title(blocks: list[Block]) -> int:
    """The index of the line the source names as the document title (`TITLE_CLASS`, Word's Title style)
    when only plain lines stand above it, else 0 (the first line decides).

    Lines left above the title (a site's note, an export stamp, a cover's first line) are no headings and
    carry no numbering; the source's own word on which line is the title outweighs their place. Anything
    else above it (a heading, a numbered line, a table) means the title style marks something inside
    the text, and the first line decides as usual.
    """
    for j, b in enumerate(blocks[:_ABOVE_NAMED_TITLE + 1]):
        if not isinstance(b, Para) or hint_level(b) is not None:
            named = (j > 0 and isinstance(b, Para) and TITLE_CLASS in b.attr.classes and hint_level(b) == 1
                     and marker_of(plain_text(b.content)) is None)
            return j if named else 0
        if marker_of(plain_text(b.content)) is not None:
            return 0
    return 0


def without_hint(attr: Attr) -> Attr:
    """The attributes with the heading hint removed."""
    if not any(key == HINT for key, _ in attr.kv):
        return attr
    return replace(attr, kv=tuple((k, v) for k, v in attr.kv if k != HINT))


def _blocks(blocks: tuple[Block, ...], log: DiagnosticLog) -> tuple[Block, ...]:
    out: list[Block] = []
    changed = False
    for b in blocks:
        new = _block(b, log)
        changed = changed or new is not b
        out.append(new)
    return tuple(out) if changed else blocks


def _block(b: Block, log: DiagnosticLog) -> Block:
    match b:
        case Div(blocks=inner):
            new_inner = _blocks(inner, log)
            return b if new_inner is inner else replace(b, blocks=new_inner)
        case Heading(marker=None):
            # Headings the structure stage made carry a marker or are titles it re-derives the same way,
            # so a second run gives the same result.
            kv = (*without_hint(b.attr).kv, (HINT, str(b.level)))
            return Para(content=_flat(b.content), attr=replace(b.attr, kv=kv), pos=b.pos)
        case Para(content=content) if len(content) > 1 or (content and not isinstance(content[0], Text)):
            if marker_of(plain_text(content)) is None:
                return b
            lead = unstyled_lead(content)
            return b if lead == content else replace(b, content=lead)
    return b


_LEAD_SPAN = 40
"""Characters from the start of a numbered paragraph within which bold or italic runs are flattened: the
heading phrase is never longer (headings.py's `_MAX_HEADING`)."""


def unstyled_lead(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Bold and italic runs that start near the paragraph's start unwrapped, and text runs merged: the
    paragraph's marker, if it has one, then opens its first text run."""
    out: list[Inline] = []
    seen = 0
    for node in content:
        if isinstance(node, Strong | Emph) and seen < _LEAD_SPAN:
            out.extend(unstyled_lead(node.content))
        else:
            out.append(node)
        seen += len(plain_text((node,)))
    return merge_texts(tuple(out))


def _flat(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A heading's inlines as one text run when they are only text and emphasis (headings are styled)."""
    if all(isinstance(node, Text | Strong | Emph) for node in content):
        return (Text(text=plain_text(content)),) if content else content
    return merge_texts(content)


SUBTITLE_CLASS = "subtitle"
"""Class of the paragraph under the title that is its subtitle (`——在全县农村工作会议上的讲话`)."""
CAPTION_CLASS = "caption"
"""Class of a paragraph the source marks as a table or figure caption (Word's Caption style, HTML
`<caption>`/`<figcaption>`): it names a table or figure, never a report."""


def is_caption(block: Block) -> bool:
    """Whether a paragraph is a table or figure caption: the source says so (`CAPTION_CLASS`), or its text
    opens with a table or figure label (`表1　…`, `图2 …`, `附表3`; see `lines.caption_text`)."""
    return isinstance(block, Para) and (CAPTION_CLASS in block.attr.classes
                                        or caption_text(plain_text(block.content)))


def lead_text(block: Block) -> str | None:
    """The text a paragraph's marker would open: its first text run once bold or italic around its start
    is set aside, so that `**1.1 收入情况**` (a bold Word run, `<p><strong>`) and `1.1 **收入情况**` are
    read like the plain line. The source-heading stage already does this for the markers a line shows
    by itself; a decimal number is a marker only in an outline, so it is looked for here."""
    if not isinstance(block, Para) or not block.content:
        return None
    if SUBTITLE_CLASS in block.attr.classes:
        return None  # the title's subtitle: no marker
    first = plain_lead(block).content[0]
    return first.text if isinstance(first, Text) else None


def plain_lead(para: Para) -> Para:
    """The paragraph with the bold and italic around its start unwrapped (see `hints.unstyled_lead`), or
    the paragraph itself when there is none."""
    if not any(isinstance(node, Strong | Emph) for node in para.content):
        return para
    lead = unstyled_lead(para.content)
    return para if lead == para.content else replace(para, content=lead)
