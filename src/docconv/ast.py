"""The closed node set every reader produces and every writer consumes.

Pandoc-shaped but smaller: text is kept as whole strings (no Str/Space tokens), so a run of Chinese
stays one `Text`. Every node carries `attr` (id, classes, key-values) and `pos` (where it came from).
Numbering that stood in front of a heading or list item is kept as a `Marker`, not as text.

All nodes are frozen, slotted, keyword-only dataclasses; children are tuples. Transforms build new
trees with `dataclasses.replace` and never mutate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeAlias, assert_never

AST_VERSION: tuple[int, int] = (1, 1)
"""Version of the docconv JSON form: a loader refuses a document of another major version. A minor
version only adds (1.1: the decimal outline schemes `decimal-1` … `decimal-5`, and `Pos.paragraph`, which
a Word document's blocks carry where 1.0 put the paragraph's index in `offset`), so what an older minor
version wrote still loads."""


class Scheme(StrEnum):
    """The closed set of numbering schemes a `Marker` or a `List` can use."""

    CHAPTER = "chapter"
    """第一章"""
    SECTION = "section"
    """第一节"""
    PART = "part"
    """第一部分"""
    ARTICLE = "article"
    """篇一, 第一篇, 范文1: one article of a multi-article page"""
    CN = "cn"
    """一、 (Chinese numeral, enumeration comma)"""
    CN_PAREN = "cn-paren"
    """(一) (Chinese numeral in parentheses)"""
    ARABIC = "arabic"
    """1. or 1、"""
    ARABIC_PAREN = "arabic-paren"
    """(1) or 1)"""
    CIRCLED = "circled"
    """① … ⑳"""
    LATIN_UPPER = "latin-upper"
    """A. B. C."""
    LATIN_LOWER = "latin-lower"
    """a. b. c."""
    ROMAN_UPPER = "roman-upper"
    """I. II. III."""
    ROMAN_LOWER = "roman-lower"
    """i. ii. iii."""
    DECIMAL_1 = "decimal-1"
    """1 经营概况: the top of a decimal outline (`1.` and `1、` are `ARABIC` outside one)"""
    DECIMAL_2 = "decimal-2"
    """1.1 (decimal outline, two components)"""
    DECIMAL_3 = "decimal-3"
    """1.2.1 (three components)"""
    DECIMAL_4 = "decimal-4"
    """1.2.1.1 (four components)"""
    DECIMAL_5 = "decimal-5"
    """1.2.1.1.1 (five components, the deepest recognised)"""
    DASH = "dash"
    """—— dash items"""
    BULLET = "bullet"
    """•, -, * and other unnumbered items"""


@dataclass(frozen=True, slots=True, kw_only=True)
class Attr:
    """Identifier, classes and key-value pairs, as in pandoc."""

    id: str = ""
    """Element identifier; empty when there is none."""
    classes: tuple[str, ...] = ()
    """Class names, in source order."""
    kv: tuple[tuple[str, str], ...] = ()
    """Key-value attributes, in source order."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Pos:
    """Where a node came from in its source; fields the format cannot give are None."""

    line: int | None = None
    """1-based line in the decoded text."""
    page: int | None = None
    """1-based page (PDF)."""
    offset: int | None = None
    """0-based character offset in the decoded text."""
    paragraph: int | None = None
    """1-based paragraph of a Word document's body (tables' paragraphs counted too)."""


NO_ATTR = Attr()

SOURCE_KEY = "source-format"
"""`Attr.kv` key on a Document naming the format it was read from (the HTML reader writes `html`)."""
REGION_KEY = "html-region"
"""`Attr.kv` key of the web-page region a block was read from (written by the HTML reader, read by the
cleaner's page-region rule)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Marker:
    """The numbering in front of a heading or list item, kept as structure."""

    scheme: Scheme
    """Which numbering scheme the marker belongs to."""
    ordinal: int
    """Its value in the sequence (二 → 2, ③ → 3); 0 for unnumbered schemes."""
    raw: str
    """Exactly what the source had, spaces and widths included ("二 、")."""


# ---------------------------------------------------------------------------------------------- inlines


@dataclass(frozen=True, slots=True, kw_only=True)
class Text:
    """A run of plain text, kept whole (spaces included)."""

    text: str
    """The characters."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Emph:
    """Emphasised inlines."""

    content: tuple[Inline, ...]
    """What is emphasised."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Strong:
    """Strongly emphasised inlines."""

    content: tuple[Inline, ...]
    """What is emphasised."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """A hyperlink."""

    content: tuple[Inline, ...]
    """Link text."""
    target: str
    """URL."""
    title: str = ""
    """Title attribute; empty when absent."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Image:
    """An inline image."""

    alt: tuple[Inline, ...]
    """Alternative text."""
    src: str
    """Image URL or path."""
    title: str = ""
    """Title attribute; empty when absent."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Code:
    """Inline code, verbatim."""

    text: str
    """The code."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    """A footnote, anchored where it stands."""

    blocks: tuple[Block, ...]
    """The note's body."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SoftBreak:
    """A line break in the source that is not a break in the text (a hard wrap)."""

    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LineBreak:
    """A forced line break inside a block."""

    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


Inline: TypeAlias = Text | Emph | Strong | Link | Image | Code | Note | SoftBreak | LineBreak

# ----------------------------------------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True, kw_only=True)
class Heading:
    """A section heading."""

    level: int
    """1 for the document title, 2 for 一、 and so on (see structure/)."""
    content: tuple[Inline, ...]
    """Heading text, without its marker."""
    marker: Marker | None = None
    """Numbering that stood in front of the heading, if any."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Para:
    """A paragraph."""

    content: tuple[Inline, ...]
    """Paragraph text."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ListItem:
    """One item of a `List`."""

    blocks: tuple[Block, ...]
    """The item's body."""
    marker: Marker | None = None
    """Numbering the item had in the source, if any."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class List:
    """An ordered or unordered list."""

    items: tuple[ListItem, ...]
    """The items, in order."""
    ordered: bool
    """Whether the items are numbered."""
    scheme: Scheme = Scheme.BULLET
    """Numbering scheme of the items (BULLET for unordered lists)."""
    start: int = 1
    """Ordinal of the first item."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TableCell:
    """One cell of a table row; spans say how many grid slots it covers."""

    blocks: tuple[Block, ...]
    """Cell content."""
    rowspan: int = 1
    """Rows covered."""
    colspan: int = 1
    """Columns covered."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TableRow:
    """One row of a table."""

    cells: tuple[TableCell, ...]
    """Cells, left to right."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    """A table with optional header rows and caption."""

    caption: tuple[Inline, ...] = ()
    """Caption text; empty when there is none."""
    head: tuple[TableRow, ...] = ()
    """Header rows."""
    rows: tuple[TableRow, ...] = ()
    """Body rows."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BlockQuote:
    """Quoted blocks."""

    blocks: tuple[Block, ...]
    """What is quoted."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeBlock:
    """Verbatim text; the language, if known, is the first class in `attr`."""

    text: str
    """The code, without a trailing newline."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class HorizontalRule:
    """A thematic break."""

    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Div:
    """A group of blocks, e.g. one article of a multi-article page."""

    blocks: tuple[Block, ...]
    """The grouped blocks."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


Block: TypeAlias = Heading | Para | List | Table | BlockQuote | CodeBlock | HorizontalRule | Div

# ----------------------------------------------------------------------------------------------- document


@dataclass(frozen=True, slots=True, kw_only=True)
class Meta:
    """What is known about the document as a whole; a record, not a node of the tree."""

    title: str | None = None
    """Document title."""
    date: str | None = None
    """Publication date as found (ISO 8601 when it could be parsed)."""
    source: str | None = None
    """Site name or URL the document was scraped from."""
    author: str | None = None
    """Author, when the source names one."""
    encoding: str | None = None
    """Codec the input bytes were decoded with (None for binary formats)."""
    encoding_confidence: float | None = None
    """How sure the decoder was, 0..1."""
    encoding_method: str | None = None
    """How the encoding was decided: bom, declared, utf8, scored, chardet, mixed or forced."""
    script: str | None = None
    """simplified or traditional, when detected."""
    extra: tuple[tuple[str, str], ...] = ()
    """Any further key-value metadata, in the order found."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A whole document: metadata and a sequence of blocks."""

    meta: Meta = field(default_factory=Meta)
    """Document metadata."""
    blocks: tuple[Block, ...] = ()
    """Body blocks, in order."""
    attr: Attr = NO_ATTR
    """Node attributes."""
    pos: Pos | None = None
    """Source position."""


Node: TypeAlias = Block | Inline | ListItem | TableRow | TableCell | Document

BLOCK_TYPES: tuple[type, ...] = (Heading, Para, List, Table, BlockQuote, CodeBlock, HorizontalRule, Div)
INLINE_TYPES: tuple[type, ...] = (Text, Emph, Strong, Link, Image, Code, Note, SoftBreak, LineBreak)
NODE_TYPES: tuple[type, ...] = (*BLOCK_TYPES, *INLINE_TYPES, ListItem, TableRow, TableCell, Document)
"""Every node class, for codecs and walkers that dispatch by name."""


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The text of a run of inlines, with breaks as newlines and notes left out."""
    parts: list[str] = []
    for node in inlines:
        match node:
            case Text(text=t) | Code(text=t):
                parts.append(t)
            case Emph(content=c) | Strong(content=c) | Link(content=c):
                parts.append(plain_text(c))
            case Image(alt=a):
                parts.append(plain_text(a))
            case SoftBreak() | LineBreak():
                parts.append("\n")
            case Note():
                pass
            case _:
                assert_never(node)
    return "".join(parts)


def merge_texts(inlines: Iterable[Inline]) -> tuple[Inline, ...]:
    """The inlines with adjacent `Text` runs of equal attributes joined (the first one's position kept)
    and empty ones dropped: a marker or word split over several runs (`一` + `、`) reads as one string."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            if not node.text:
                continue
            prev = out[-1] if out else None
            if isinstance(prev, Text) and prev.attr == node.attr:
                out[-1] = Text(text=prev.text + node.text, attr=prev.attr, pos=prev.pos)
                continue
        out.append(node)
    return tuple(out)
