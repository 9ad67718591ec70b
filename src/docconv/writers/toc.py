"""The Markdown table of contents (`--toc`): a nested bullet list of links to the headings.

The Markdown writer prints no `{#id}` attributes (CommonMark has none), so a link can only reach a
heading through the identifier the renderer derives from the heading's text. The rule used is GitHub's,
which pandoc implements as `gfm_auto_identifiers` (the default of `-f gfm`): lowercase; keep letters,
digits, marks, `_`, `-` and spaces, in any script, so Chinese characters stay; drop every other
character (CJK punctuation such as `、` and `（` included); spaces become `-`; a repeated identifier gets
`-1`, `-2`, ... in document order. `一、加强领导` → `#一加强领导`. pandoc's own `-f markdown` rule
differs only in also dropping what precedes the first letter (`1、概况` is `#概况` there, `#1概况` on
GitHub), so the links resolve on GitHub, in pandoc's gfm and commonmark readers, and in pandoc's
markdown reader whenever a heading starts with a letter (every Chinese-numbered heading does).

Identifiers count every heading the writer prints as a heading (body, articles, quotes, list items), in
document order; the list holds the body's headings (top level and articles) down to `toc_depth`, each
nested under the nearest shallower heading before it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import assert_never

from docconv.ast import (
    Block,
    BlockQuote,
    Code,
    CodeBlock,
    Div,
    Emph,
    Heading,
    HorizontalRule,
    Image,
    Inline,
    LineBreak,
    Link,
    List,
    Note,
    Para,
    SoftBreak,
    Strong,
    Table,
    Text,
)
from docconv.writers.inlinetext import first_char, join_soft_lines, last_char, soft_break, space_after_marker


def heading_text(h: Heading, *, strip_markers: bool) -> str:
    """The text a Markdown renderer sees in the heading line the writer prints (marker included)."""
    text = _inline_text(h.content).strip()
    if h.marker is None or strip_markers:
        return text
    return h.marker.raw + (" " if space_after_marker(h.marker.raw, text) else "") + text


def slug(text: str) -> str:
    """GitHub's identifier for a heading text (before making it unique)."""
    kept = "".join(c for c in text.lower()
                   if c in "-_ " or unicodedata.category(c)[0] in "LNM")
    return kept.replace(" ", "-")


def heading_ids(blocks: tuple[Block, ...], *, strip_markers: bool) -> dict[int, str]:
    """The identifier of every printed heading, keyed by `id()` of the Heading node."""
    seen: dict[str, int] = {}
    ids: dict[int, str] = {}
    for h in _printed_headings(blocks):
        base = slug(heading_text(h, strip_markers=strip_markers)) or "section"
        ident = base
        while ident in seen:
            seen[base] += 1
            ident = f"{base}-{seen[base]}"
        seen[ident] = 0
        ids[id(h)] = ident
    return ids


def toc_entries(blocks: tuple[Block, ...], *, depth: int, strip_markers: bool) -> list[tuple[int, str, str]]:
    """The contents list as (nesting depth from 0, heading text, identifier), for headings within `depth`."""
    ids = heading_ids(blocks, strip_markers=strip_markers)
    entries: list[tuple[int, str, str]] = []
    open_levels: list[int] = []
    for h in _body_headings(blocks):
        if h.level > depth:
            continue
        while open_levels and open_levels[-1] >= h.level:
            open_levels.pop()
        entries.append((len(open_levels), heading_text(h, strip_markers=strip_markers), ids[id(h)]))
        open_levels.append(h.level)
    return entries


def _body_headings(blocks: tuple[Block, ...]) -> Iterator[Heading]:
    for b in blocks:
        if isinstance(b, Heading):
            yield b
        elif isinstance(b, Div):
            yield from _body_headings(b.blocks)


def _printed_headings(blocks: tuple[Block, ...]) -> Iterator[Heading]:
    """Headings the Markdown writer prints as headings, in output order (tables and notes left out)."""
    for b in blocks:
        match b:
            case Heading():
                yield b
            case Div(blocks=inner) | BlockQuote(blocks=inner):
                yield from _printed_headings(inner)
            case List(items=items):
                for it in items:
                    yield from _printed_headings(it.blocks)
            case Para() | CodeBlock() | HorizontalRule() | Table():
                pass
            case _:
                assert_never(b)


def _inline_text(content: tuple[Inline, ...]) -> str:
    parts: list[str] = []
    for i, node in enumerate(content):
        match node:
            case Text(text=t):
                parts.append(join_soft_lines(t))
            case Code(text=t):
                parts.append(t)
            case Emph(content=c) | Strong(content=c) | Link(content=c):
                parts.append(_inline_text(c))
            case Image(alt=alt):
                parts.append(_inline_text(alt))
            case SoftBreak():
                before = last_char(content[i - 1]) if i > 0 else None
                after = first_char(content[i + 1]) if i + 1 < len(content) else None
                parts.append(soft_break(before, after))
            case LineBreak():
                parts.append(" ")
            case Note():
                pass  # a footnote reference is not part of the heading's words
            case _:
                assert_never(node)
    return "".join(parts).replace("\n", " ")
