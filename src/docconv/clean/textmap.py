"""Walk helpers for character repair: rewrite the text of every block, and gather a document's text.

Repairs work on the `Text` runs of paragraphs, headings and table captions (with emphasis and link text
inside them); code, link targets and image sources are never touched. A block's position is passed to
the rewriting function so every diagnostic can say where it happened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from docconv.ast import (
    Code,
    Document,
    Emph,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    Node,
    Note,
    Para,
    Pos,
    SoftBreak,
    Strong,
    Table,
    Text,
    plain_text,
)
from docconv.clean.chars import display_width
from docconv.structure.lines import hard_wrap
from docconv.walk import iter_nodes, walk

TextFn = Callable[[str, Pos | None], str]
"""Rewrites one run of text found in a block at the given position."""

InlinesFn = Callable[[tuple[Inline, ...], Pos | None], tuple[Inline, ...]]
"""Rewrites the whole inline content of one block."""


def map_inlines(content: tuple[Inline, ...], fn: TextFn, pos: Pos | None) -> tuple[Inline, ...]:
    """Rewrite every text run of one block's inline content (emphasis, link text and image alt text
    inside it included)."""
    out: list[Inline] = []
    changed = False
    for node in content:
        new: Inline = node
        match node:
            case Text(text=t):
                fixed = fn(t, pos)
                if fixed != t:
                    new = replace(node, text=fixed)
            case Emph(content=c) | Strong(content=c) | Link(content=c):
                inner = map_inlines(c, fn, pos)
                if inner is not c:
                    new = replace(node, content=inner)
            case Image(alt=a):
                inner = map_inlines(a, fn, pos)
                if inner is not a:
                    new = replace(node, alt=inner)
            case Code() | Note() | SoftBreak() | LineBreak():
                pass  # code is verbatim; a note's blocks are visited as blocks of their own
        changed = changed or new is not node
        out.append(new)
    return tuple(out) if changed else content


def trim_edges(before: tuple[Inline, ...], after: tuple[Inline, ...]) -> tuple[tuple[Inline, ...], str, str]:
    """`after` (a rewrite of a block's content `before`) without the whitespace the rewrite put at the
    block's start or end where `before` had none (an indent a repair uncovered), and what was cut at
    each edge. Only a text run at an edge (inside emphasis or a link too) is trimmed."""
    old = plain_text(before)
    lead = "" if old[:1].isspace() else None
    tail = "" if old[-1:].isspace() else None
    content, cut_lead = _trim(after, first=True) if lead is None else (after, "")
    content, cut_tail = _trim(content, first=False) if tail is None else (content, "")
    return content, cut_lead, cut_tail


def _trim(content: tuple[Inline, ...], *, first: bool) -> tuple[tuple[Inline, ...], str]:
    """The content with the whitespace at its first (or last) text run's outer edge cut, and the cut."""
    if not content:
        return content, ""
    k = 0 if first else len(content) - 1
    node = content[k]
    cut = ""
    new: Inline = node
    match node:
        case Text(text=t):
            kept = t.lstrip() if first else t.rstrip()
            cut = t[: len(t) - len(kept)] if first else t[len(kept) :]
            new = replace(node, text=kept)
        case Emph(content=c) | Strong(content=c) | Link(content=c):
            inner, cut = _trim(c, first=first)
            new = replace(node, content=inner)
    if not cut:
        return content, ""
    return (*content[:k], new, *content[k + 1 :]), cut


def map_blocks(doc: Document, fn: InlinesFn) -> Document:
    """Rewrite the inline content of every paragraph, heading and table caption."""

    def action(node: Node) -> Node | None:
        match node:
            case Para(content=c) | Heading(content=c):
                new = fn(c, node.pos)
                return None if new is c else replace(node, content=new)
            case Table(caption=c):
                new = fn(c, node.pos)
                return None if new is c else replace(node, caption=new)
        return None

    return walk(doc, action)


def block_texts(doc: Document) -> list[str]:
    """The plain text of every block `map_blocks` rewrites, in the order it visits them (a rewrite that
    needs its neighbours counts the blocks it is handed and looks them up here)."""
    out: list[str] = []

    def collect(content: tuple[Inline, ...], _pos: Pos | None) -> tuple[Inline, ...]:
        out.append(plain_text(content))
        return content

    map_blocks(doc, collect)
    return out


def map_text(doc: Document, fn: TextFn) -> Document:
    """Rewrite every text run of every paragraph, heading and table caption."""
    return map_blocks(doc, lambda content, pos: map_inlines(content, fn, pos))


def doc_text(doc: Document) -> str:
    """The document's readable text, one line per block, ending in a newline (the language model's input)."""
    parts: list[str] = []
    for node in iter_nodes(doc):
        match node:
            case Para(content=c) | Heading(content=c):
                parts.append(plain_text(c).replace("\n", ""))
            case Table(caption=c) if c:
                parts.append(plain_text(c).replace("\n", ""))
    return "".join(p + "\n" for p in parts)


def _soft_lines(content: tuple[Inline, ...]) -> list[str]:
    """A block's lines: its text between soft breaks (a hard-wrapped paragraph's source lines)."""
    lines: list[str] = []
    start = 0
    for i, node in enumerate((*content, SoftBreak())):
        if isinstance(node, SoftBreak):
            lines.append(plain_text(content[start:i]))
            start = i + 1
    return lines


SeamFn = Callable[[str, str, Callable[[], bool]], bool]
"""Decides one soft break between two text runs: `(before, after, hard)` → close it up or not, where
`hard()` says whether the break is a hard wrap (`structure.lines.hard_wrap`: the line before it is full)."""


def close_soft_breaks(content: tuple[Inline, ...], close: SeamFn) -> tuple[Inline, ...]:
    """The content with each soft break between two text runs that `close` accepts taken out, the runs
    merged (whitespace at the seam dropped). The repairs that close wraps (spacing between CJK
    characters, joins at numbers and CJK/Latin seams) share this walk and differ only in `close`, which
    also reports their decisions."""
    if not any(isinstance(n, SoftBreak) for n in content):
        return content
    lines = _soft_lines(content)
    widest = max(display_width(ln) for ln in lines)
    out: list[Inline] = []
    changed = False
    line = 0  # the line the soft break at `i` ends
    i = 0
    while i < len(content):
        node = content[i]
        prev = out[-1] if out else None
        nxt = content[i + 1] if i + 1 < len(content) else None
        if isinstance(node, SoftBreak):
            line += 1
            if isinstance(prev, Text) and isinstance(nxt, Text) and close(
                    prev.text, nxt.text, partial(hard_wrap, lines[line - 1], lines[line], widest)):
                out[-1] = replace(prev, text=prev.text.rstrip() + nxt.text.lstrip())
                changed = True
                i += 2
                continue
        out.append(node)
        i += 1
    return tuple(out) if changed else content
