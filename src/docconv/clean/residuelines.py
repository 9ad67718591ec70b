"""The line view residue removal works on: a document cut into lines, each with what was decided about it,
and the blocks rebuilt from those decisions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from docconv.ast import (
    Block,
    BlockQuote,
    Code,
    Div,
    Emph,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    List,
    ListItem,
    Note,
    Para,
    Pos,
    SoftBreak,
    Strong,
    Text,
    plain_text,
)
from docconv.clean.rules import Rule, Where, fold, key_of_folded


@dataclass(slots=True)
class Line:
    """One line of a paragraph or heading, with what was decided about it."""

    path: tuple[int, ...]
    """Index path of its block from the document root (through Div, BlockQuote, List items)."""
    index: int
    """Line number within the block (0-based)."""
    text: str
    """Its text as written."""
    key: str
    """Its matching view."""
    block_text: str
    """Text of the whole block."""
    block_key: str
    """Matching view of the whole block (for block rules)."""
    pos: Pos | None
    """Where it came from."""
    folded: str = ""
    """Its text folded (`fold`), offset for offset: the view inline rules match."""
    segment: int = 0
    """Which segment (0: main text; 1…: appended articles) it belongs to."""
    candidates: list[tuple[Rule, re.Match[str]]] = field(default_factory=list)
    """Line/block rules that match it, in rule order."""
    head: bool = False
    """Inside its segment's head."""
    tail: bool = False
    """Inside its segment's tail."""
    removed_by: str | None = None
    """Id of the rule or detector that removes the whole line."""
    spans: list[tuple[int, int]] = field(default_factory=list)
    """Inline ranges of `text` to remove."""
    heading: bool = False
    """Its block is a heading of the source (`<h1>`, a Word heading, one found by the structure stage)."""


def _split_lines(content: tuple[Inline, ...]) -> list[tuple[Inline, ...]]:
    lines: list[list[Inline]] = [[]]
    for node in content:
        if isinstance(node, SoftBreak | LineBreak):
            lines.append([])
        else:
            lines[-1].append(node)
    return [tuple(x) for x in lines]


def _is_appended(block: Block) -> bool:
    return (isinstance(block, Div) and "article" in block.attr.classes
            and ("origin", "appended") in block.attr.kv)


def collect_lines(
    blocks: tuple[Block, ...], path: tuple[int, ...], out: list[Line], segment: list[int]
) -> None:
    """Append the lines of `blocks` (found at index path `path`) to `out` in document order; `segment[0]`
    is the current segment number, moved on at the start and at the end of each appended article."""
    for i, block in enumerate(blocks):
        p = (*path, i)
        match block:
            case Para(content=content) | Heading(content=content):
                segs = _split_lines(content)
                texts = [plain_text(seg) for seg in segs]
                whole = texts[0] if len(texts) == 1 else "\n".join(texts)  # what plain_text(content) gives
                # Folding keeps offsets, so the whole block is folded once and each line is a slice of it.
                folded = fold(whole)
                bkey = key_of_folded(folded)
                start = 0
                for n, text in enumerate(texts):
                    line_folded = folded[start:start + len(text)]
                    start += len(text) + 1
                    if not text.strip():
                        continue
                    pos = block.pos
                    if pos is not None and pos.line is not None and n:
                        pos = replace(pos, line=pos.line + n, offset=None)
                    key = bkey if len(texts) == 1 else key_of_folded(line_folded)
                    out.append(Line(p, n, text, key, whole, bkey, pos, line_folded, segment[0],
                                    heading=isinstance(block, Heading)))
            case Div(blocks=inner) if not path and _is_appended(block):
                segment[0] += 1
                collect_lines(inner, p, out, segment)
                segment[0] += 1
            case Div(blocks=inner) | BlockQuote(blocks=inner):
                collect_lines(inner, p, out, segment)
            case List(items=items):
                for j, it in enumerate(items):
                    collect_lines(it.blocks, (*p, j), out, segment)
            case _:
                pass  # tables, code and rules carry no site residue we can judge line by line


def removing(ln: Line, zone: Where) -> bool:
    """Whether a rule able to remove text in `zone` matches the line (used to walk through a head/tail)."""
    if ln.removed_by is not None:
        return True
    return any(not r.suspect and r.where in (zone, Where.EDGES, Where.ANYWHERE) for r, _ in ln.candidates)


# --------------------------------------------------------------------------------------------- rebuilding

LineMap = dict[tuple[tuple[int, ...], int], Line]
"""The lines by block path and line number within the block: what rebuilding looks a line up in."""


def rebuild_seq(blocks: tuple[Block, ...], path: tuple[int, ...], lines: LineMap) -> list[Block | None]:
    """The blocks (found at index path `path`) with their residue removed; None for one nothing is left of."""
    return [_rebuild_block(b, (*path, i), lines) for i, b in enumerate(blocks)]


def _kept(blocks: list[Block | None]) -> tuple[Block, ...]:
    return tuple(b for b in blocks if b is not None)


def _rebuild_block(block: Block, path: tuple[int, ...], lines: LineMap) -> Block | None:
    """The block with its residue removed, the same object when nothing changed, None when nothing is left."""
    match block:
        case Para(content=content) | Heading(content=content):
            new = _rebuild_inlines(content, path, lines)
            if new is content:
                return block
            return replace(block, content=new) if new else None
        case Div(blocks=inner) | BlockQuote(blocks=inner):
            kept = _kept(rebuild_seq(inner, path, lines))
            if kept == inner:
                return block
            return replace(block, blocks=kept) if kept else None
        case List(items=items):
            new_items: list[ListItem] = []
            for j, it in enumerate(items):
                kept = _kept(rebuild_seq(it.blocks, (*path, j), lines))
                if kept:
                    new_items.append(it if kept == it.blocks else replace(it, blocks=kept))
            if tuple(new_items) == items:
                return block
            return replace(block, items=tuple(new_items)) if new_items else None
        case _:
            return block


def _rebuild_inlines(
    content: tuple[Inline, ...], path: tuple[int, ...], lines: LineMap
) -> tuple[Inline, ...]:
    segments = _split_lines(content)
    if not any((path, n) in lines and (lines[path, n].removed_by or lines[path, n].spans)
               for n in range(len(segments))):
        return content
    breaks = [node for node in content if isinstance(node, SoftBreak | LineBreak)]
    out: list[Inline] = []
    for n, seg in enumerate(segments):
        ln = lines.get((path, n))
        if ln is not None and ln.removed_by is not None:
            continue
        kept = _trim(_cut(seg, ln.spans, 0)[0]) if ln is not None and ln.spans else seg
        if not plain_text(kept).strip():
            continue
        if out:
            out.append(breaks[n - 1])
        out.extend(kept)
    return tuple(out)


def _cut(
    nodes: tuple[Inline, ...], spans: list[tuple[int, int]], start: int
) -> tuple[tuple[Inline, ...], int]:
    """Remove the character ranges `spans` (offsets in the plain text of `nodes`, from `start`)."""
    out: list[Inline] = []
    off = start
    for node in nodes:
        match node:
            case Text(text=t) | Code(text=t):
                kept = without(t, spans, off)
                off += len(t)
                if kept:
                    out.append(node if kept == t else replace(node, text=kept))
            case Emph(content=c) | Strong(content=c) | Link(content=c):
                new, off = _cut(c, spans, off)
                if new:
                    out.append(node if new == c else replace(node, content=new))
            case Image(alt=a):
                new, off = _cut(a, spans, off)
                out.append(node if new == a else replace(node, alt=new))
            case SoftBreak() | LineBreak():
                if not any(s <= off < e for s, e in spans):
                    out.append(node)
                off += 1
            case Note():
                out.append(node)
    return tuple(out), off


def without(text: str, spans: list[tuple[int, int]], base: int) -> str:
    """`text` without the characters whose offset (counted from `base`) lies in one of `spans`."""
    pieces: list[str] = []
    pos = 0  # offset in `text` up to which it is copied or dropped
    for span_start, span_end in sorted(spans):
        s, e = span_start - base, span_end - base
        if s >= len(text):
            break
        if e <= s:
            continue  # an empty range removes nothing
        if s > pos:
            pieces.append(text[pos:s])
        pos = max(pos, e)
    if pos < len(text):
        pieces.append(text[pos:])
    return "".join(pieces)


def _trim(seg: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Drop the spaces a removal left at the start or end of a line."""
    items = list(seg)
    if items and isinstance(items[0], Text):
        items[0] = replace(items[0], text=items[0].text.lstrip())
    if items and isinstance(items[-1], Text):
        items[-1] = replace(items[-1], text=items[-1].text.rstrip())
    return tuple(x for x in items if not (isinstance(x, Text) and not x.text))
