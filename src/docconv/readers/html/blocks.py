"""The HTML body as a stream of events, turned into docconv blocks.

The tree is walked once, iteratively (`lxml.etree.iterwalk`, so pages nested thousands of elements
deep cannot exhaust Python's recursion limit). Inline content streams into the innermost open block
container (the body, a list item, a table cell, a blockquote); every block-level element boundary
flushes it as paragraphs, so nested `<div>`s neither duplicate nor lose text and loose text between
blocks becomes a paragraph of its own.

Produces Heading, Para, List/ListItem, Table/TableRow/TableCell, BlockQuote, CodeBlock and
HorizontalRule blocks; Text, Strong, Emph, Link, Image, Code, SoftBreak inlines. Each block carries the
page region it came from in `Attr.kv` (see `noise.py`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from lxml import etree

from docconv.ast import (
    REGION_KEY,
    Attr,
    Block,
    BlockQuote,
    Code,
    CodeBlock,
    Emph,
    Heading,
    HorizontalRule,
    Image,
    Inline,
    Link,
    List,
    ListItem,
    Marker,
    Para,
    Pos,
    Scheme,
    Strong,
    Table,
    TableCell,
    TableRow,
    Text,
    plain_text,
)
from docconv.clean.chars import HAN
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.readers.html import noise
from docconv.readers.html.inlines import (
    Collector,
    Factory,
    group_lines,
    heading_content,
    join_wrapped,
)
from docconv.readers.html.shapes import dominant_cell, glued_links, glued_to
from docconv.readers.txt import read_txt
from docconv.structure.numbering import canonical_form

CONTAINER_TAGS = frozenset({
    "html", "body", "div", "section", "article", "main", "header", "footer", "aside", "center", "form",
    "fieldset", "legend", "figure", "figcaption", "address", "details", "summary", "dl", "dt", "dd",
    "hgroup", "dialog", "p", "noframes", "search", "noscript",
})
"""Elements that start and end a block but map to no node of their own."""
LIST_TAGS = frozenset({"ul", "ol", "menu", "dir"})
PRE_TAGS = frozenset({"pre", "listing", "xmp", "plaintext"})
HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
_TABLE_PARTS = frozenset({"thead", "tbody", "tfoot", "tr", "td", "th", "caption"})
_BLOCKISH = CONTAINER_TAGS | LIST_TAGS | PRE_TAGS | frozenset(HEADING_TAGS) | _TABLE_PARTS | frozenset(
    {"li", "table", "blockquote", "hr"})
_FRAMES: dict[str, str] = {"strong": "strong", "b": "strong", "em": "emph", "i": "emph", "cite": "emph",
                           "dfn": "emph", "var": "emph", "code": "code", "kbd": "code", "samp": "code",
                           "tt": "code", "a": "link"}
_LAZY_SRC = ("data-original", "data-src", "data-lazy-src", "data-actualsrc", "data-echo", "data-url")
_OL_TYPES = {"1": Scheme.ARABIC, "a": Scheme.LATIN_LOWER, "A": Scheme.LATIN_UPPER,
             "i": Scheme.ROMAN_LOWER, "I": Scheme.ROMAN_UPPER, "一": Scheme.CN}
# CSS list-style-type values → scheme; the Chinese ones are what Chinese pages use for 一、二、三.
_CSS_LIST_STYLES = {"decimal": Scheme.ARABIC, "decimal-leading-zero": Scheme.ARABIC,
                    "lower-alpha": Scheme.LATIN_LOWER, "lower-latin": Scheme.LATIN_LOWER,
                    "upper-alpha": Scheme.LATIN_UPPER, "upper-latin": Scheme.LATIN_UPPER,
                    "lower-roman": Scheme.ROMAN_LOWER, "upper-roman": Scheme.ROMAN_UPPER,
                    "cjk-ideographic": Scheme.CN, "cjk-decimal": Scheme.CN,
                    "simp-chinese-informal": Scheme.CN, "trad-chinese-informal": Scheme.CN,
                    "simp-chinese-formal": Scheme.CN, "trad-chinese-formal": Scheme.CN,
                    "circled-decimal": Scheme.CIRCLED}
_BUTTON_HOLDERS = frozenset({"div", "p", "li", "td", "dd"})
MAX_NESTING = 48
"""List items, cells and quotes nested deeper than this are read as plain blocks (downstream stages
walk the tree recursively)."""
_PROSE_SHARE = 0.3  # share of Han characters from which a <pre> holds report text, not code
_HAN_RE = re.compile(HAN)
_TEXT_SAMPLE = 200
_SENTENCE_SPLIT = re.compile(r"[。！？；!?;]")
_PIECE_MIN = 8  # characters: a sentence piece long enough that finding it twice means a copy
_COPY_SHARE = 0.6
_HIDDEN_KEEP_MIN = 100  # characters of sentences from which a hidden block is report text
_NOSCRIPT_MIN = 40


def _sentences(text: str, minimum: int = _HIDDEN_KEEP_MIN) -> bool:
    """Whether the text is at least `minimum` characters and holds a Chinese full stop."""
    return len(text.strip()) >= minimum and "。" in text


def _snippet(el: etree._Element) -> str:
    return " ".join(noise.element_text(el).split())[:_TEXT_SAMPLE]


def _drawn_marker(scheme: Scheme, ordinal: int) -> str:
    """The marker a browser draws for an item: `一、`, `a. ` (a Latin one is followed by a space)."""
    form = canonical_form(scheme, ordinal)
    return form + " " if form[-1:].isascii() else form


def _int(value: str | None, default: int, low: int = 1, high: int = 1000) -> int:
    try:
        n = int((value or "").strip())
    except ValueError:
        return default
    return min(max(n, low), high)


# ------------------------------------------------------------------------------------------ builders


@dataclass(eq=False)
class _Sink:
    """A block container being filled: the body, a list item, a table cell, a quote, a caption."""

    kind: str
    line: int | None
    region: str | None
    implicit: bool = False
    blocks: list[Block] = field(default_factory=list)
    inl: Collector = field(default_factory=Collector)
    heading: int = 0
    heading_line: int | None = None
    pre: list[str] | None = None
    pre_line: int | None = None
    header_cell: bool = False
    rowspan: int = 1
    colspan: int = 1


@dataclass(eq=False)
class _ListB:
    ordered: bool
    scheme: Scheme
    start: int
    line: int | None
    region: str | None
    items: list[ListItem] = field(default_factory=list)


@dataclass(eq=False)
class _RowB:
    head: bool
    line: int | None
    cells: list[TableCell] = field(default_factory=list)
    header_cells: int = 0


@dataclass(eq=False)
class _TableB:
    line: int | None
    region: str | None
    section: str = "tbody"
    caption: tuple[Inline, ...] = ()
    head: list[TableRow] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    fostered: list[Block] = field(default_factory=list)
    nested: bool = False


_Builder = _Sink | _ListB | _RowB | _TableB


@dataclass(eq=False)
class _Open:
    """What an open element did at its start, to undo at its end."""

    kind: str
    furniture: str | None
    in_section: bool
    in_content: bool
    frame: str = ""
    collector: Collector | None = None
    builder: _Builder | None = None


def _pos(line: int | None) -> Pos | None:
    return Pos(line=line) if line is not None else None


def _attr(region: str | None) -> Attr:
    return Attr(kv=((REGION_KEY, region),)) if region else Attr()


# ------------------------------------------------------------------------------------------- walker


class BodyReader:
    """Reads the body of one parsed page into blocks, reporting every decision into the log."""

    def __init__(self, sheet: noise.StyleSheet, options: Options, log: DiagnosticLog,
                 regions: dict[etree._Element, str] | None = None) -> None:
        self.sheet = sheet
        self.regions = regions or {}  # regions found from the page's shape (`threads`), not its names
        self.shape_regions = frozenset(self.regions.values())
        self.options = options
        self.log = log
        self.root = _Sink("root", None, None)
        self.stack: list[_Builder] = [self.root]
        self.open: list[_Open] = []
        self.dropped: dict[str, Counter[str]] = {}
        self.first_drop: dict[str, int | None] = {}
        self.line: int | None = None
        self.body: etree._Element | None = None
        self._visible: str | None = None

    # ------------------------------------------------------------------------------------ entry

    def read(self, body: etree._Element) -> tuple[Block, ...]:
        """Walk `body` and return its blocks."""
        self.body = body
        walker = etree.iterwalk(body, events=("start", "end", "comment", "pi"))
        for event, el in walker:
            if event == "start":
                if self._start(el):
                    walker.skip_subtree()
            elif event == "end":
                self._end(el)
                if el is not body:
                    self._text(el.tail)
            else:
                self._drop("read.html.comment", "comment" if event == "comment" else "processing instruction",
                           noise.source_line(el))
                self._text(el.tail)
        while len(self.stack) > 1:  # unclosed builders cannot happen with a tree, but never lose text
            self._close_top()
        self._flush(self.root)
        self._report_drops()
        return tuple(self.root.blocks)

    # ----------------------------------------------------------------------------------- regions

    def _region(self) -> str | None:
        if not self.open:
            return None
        top = self.open[-1]
        return top.furniture or (noise.MAIN_REGION if top.in_content else None)

    def _push(self, el: etree._Element, tag: str, kind: str, **extra: object) -> _Open:
        parent = self.open[-1] if self.open else None
        in_section = bool(parent and parent.in_section)
        furniture = self.regions.get(el) or noise.furniture_region(el, tag, in_section=in_section)
        if parent is not None and parent.furniture in self.shape_regions:
            furniture = parent.furniture  # a region from the page's shape holds all inside, whatever the name
        if parent is not None and parent.furniture and furniture in noise.SMALL_REGIONS:
            furniture = None  # a commenter's name inside the comments is part of the comments
        if furniture is None and tag in _BUTTON_HOLDERS and noise.button_row(el):
            furniture = noise.BUTTONS_REGION
        if furniture in noise.TEXT_REGIONS and noise.holds_report_text(el):
            # A word of a name is weak evidence against several paragraphs of sentences: the box names
            # are short tokens that turn up inside other names (`keyword_ad_area` on an article column).
            self.log.report("read.html.region-text", f"the {furniture} region its name suggests does not "
                            "hold; it holds the report's running text", action=Action.KEPT,
                            text=_snippet(el) or None, pos=_pos(noise.source_line(el)))
            furniture = None
        entry = _Open(
            kind=kind,
            furniture=furniture or (parent.furniture if parent else None),
            in_section=in_section or tag in ("article", "main", "section", "aside"),
            in_content=bool(parent and parent.in_content) or noise.is_content_landmark(el, tag),
        )
        for name, value in extra.items():
            setattr(entry, name, value)
        self.open.append(entry)
        return entry

    # ------------------------------------------------------------------------------------- events

    def _start(self, el: etree._Element) -> bool:
        """Handle an element's start; True when its subtree is to be skipped."""
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if noise.source_line(el) is not None:
            self.line = noise.source_line(el)
        if self._noise(el, tag):
            self.open.append(_Open("skip", None, in_section=False, in_content=False))
            return True
        sink = self._sink() if isinstance(self.stack[-1], _Sink) else None
        if sink is not None and (sink.heading or sink.pre is not None):
            self._start_inside_leaf(el, tag, sink)
        else:
            self._start_element(el, tag)
        self._text(el.text)
        return False

    def _start_inside_leaf(self, el: etree._Element, tag: str, sink: _Sink) -> None:
        """Inside a heading or <pre> every element is inline: blocks only separate words."""
        if sink.pre is not None:
            self._push(el, tag, "inline")
            if tag == "br":
                sink.pre.append("\n")
            return
        if tag == "br" or tag in _BLOCKISH:
            sink.inl.text("\n", self.line, self._region())
            self._push(el, tag, "break")
        elif tag == "img":
            self._push(el, tag, "inline")
            self._image(el, sink)
        else:
            self._start_inline(el, tag, sink)

    def _start_element(self, el: etree._Element, tag: str) -> None:
        top = self.stack[-1]
        if tag in HEADING_TAGS:
            sink = self._block_start()
            self._push(el, tag, "heading", builder=sink)
            sink.heading, sink.heading_line = HEADING_TAGS[tag], self.line
        elif tag in CONTAINER_TAGS or (tag in _TABLE_PARTS | {"li"} and not self._structural(tag, top)):
            if isinstance(top, _Sink):
                self._flush(top)
            self._push(el, tag, "block")
        elif tag in _TABLE_PARTS:
            self._start_table_part(el, tag)
        elif tag in LIST_TAGS or tag in ("li", "table", "blockquote"):
            self._start_nested(el, tag)
        elif tag in PRE_TAGS:
            sink = self._block_start()
            self._push(el, tag, "pre", builder=sink)
            sink.pre, sink.pre_line = [], self.line
        elif tag == "hr":
            sink = self._block_start()
            sink.blocks.append(HorizontalRule(attr=_attr(self._region()), pos=_pos(self.line)))
            self._push(el, tag, "inline")
        elif tag == "br":
            self._push(el, tag, "inline")
            if isinstance(top, _Sink):
                top.inl.br(self.line)
        elif tag == "img":
            self._push(el, tag, "inline")
            self._image(el, self._sink())
        else:
            self._start_inline(el, tag, self._sink() if isinstance(top, _Sink) else None)

    def _start_nested(self, el: etree._Element, tag: str) -> None:
        """A list, list item, table or quote: a builder of its own, unless nested too deep."""
        if tag == "li":
            self._close_implicit()
            entry = self._push(el, tag, "item")
            entry.builder = self._open_sink("item")
            return
        if not self._can_nest():
            top = self.stack[-1]
            if isinstance(top, _Sink):
                self._flush(top)
            self._push(el, tag, "block")
            return
        self._block_start()
        if tag == "table":
            for outer in self.stack:
                if isinstance(outer, _TableB):
                    outer.nested = True
            entry = self._push(el, tag, "table")
            entry.builder = _TableB(self.line, self._region())
            self.stack.append(entry.builder)
        elif tag == "blockquote":
            entry = self._push(el, tag, "quote")
            entry.builder = self._open_sink("quote")
        else:
            ordered = tag == "ol"
            scheme = self._list_scheme(el) if ordered else Scheme.BULLET
            entry = self._push(el, tag, "list")
            entry.builder = _ListB(ordered, scheme, _int(el.get("start"), 1, 0, 10**6), self.line,
                                   self._region())
            self.stack.append(entry.builder)

    def _list_scheme(self, el: etree._Element) -> Scheme:
        """An `<ol>`'s numbering: inline list-style, then a class rule of the page, then `type`."""
        styles = dict(self.sheet.list_styles)
        for value in (noise.list_style_type(noise.style_declarations(el.get("style") or "")),
                      *(styles.get(c) for c in (el.get("class") or "").split())):
            if value and value in _CSS_LIST_STYLES:
                return _CSS_LIST_STYLES[value]
        return _OL_TYPES.get((el.get("type") or "1").strip(), Scheme.ARABIC)

    def _structural(self, tag: str, top: _Builder) -> bool:
        """Whether a list or table part stands where its structure is (else it is a plain block)."""
        if tag == "li":
            return isinstance(top, _ListB) or (isinstance(top, _Sink) and top.implicit and top.kind == "item")
        return isinstance(top, _TableB | _RowB) or (isinstance(top, _Sink) and top.implicit
                                                      and top.kind == "foster")

    def _can_nest(self) -> bool:
        depth = sum(1 for b in self.stack if not (isinstance(b, _Sink) and b.kind == "root"))
        if depth < MAX_NESTING:
            return True
        self._drop("read.html.flattened", "deeply nested list, table or quote", self.line)
        return False

    def _start_table_part(self, el: etree._Element, tag: str) -> None:
        self._close_implicit()
        top = self.stack[-1]
        if tag in ("thead", "tbody", "tfoot"):
            if isinstance(top, _RowB):
                self._close_top()  # a row opened by a cell without <tr>
            self._table().section = tag
            self._push(el, tag, "section")
        elif tag == "caption":
            entry = self._push(el, tag, "caption")
            entry.builder = self._open_sink("caption")
        elif tag == "tr":
            if isinstance(top, _RowB):
                self._close_top()
            table = self._table()
            entry = self._push(el, tag, "row")
            entry.builder = _RowB(table.section == "thead", self.line)
            self.stack.append(entry.builder)
        else:  # td, th
            if isinstance(self.stack[-1], _TableB):
                self.stack.append(_RowB(self._table().section == "thead", self.line))  # a cell without <tr>
            entry = self._push(el, tag, "cell")
            sink = self._open_sink("cell")
            sink.header_cell = tag == "th"
            sink.rowspan, sink.colspan = _int(el.get("rowspan"), 1), _int(el.get("colspan"), 1)
            entry.builder = sink

    def _table(self) -> _TableB:
        for b in reversed(self.stack):
            if isinstance(b, _TableB):
                return b
        raise AssertionError("a table part was taken as structural outside a table")

    def _start_inline(self, el: etree._Element, tag: str, sink: _Sink | None) -> None:
        kind = _FRAMES.get(tag)
        region = self._region()
        if sink is not None and sink.pre is None and (
                glued_links(el)
                or (region not in (None, noise.MAIN_REGION) and glued_to(el) is not None)):
            # Links side by side with nothing between (`<a>述职报告</a><a>医院信息化</a>`) are a row of
            # tags or menu items, and the spans of a site's author box (name, time, place, a follow
            # button) are fields: CSS margins keep them apart on screen. Glued, the words would read as
            # one, and no rule would know any of them. In the report's own text a span may split a word
            # (an editor's formatting runs), so elsewhere spans stay as they are.
            sink.inl.text(" ", self.line, region)
        factory = self._factory(kind, el) if kind else None
        if sink is None or factory is None or kind is None or not sink.inl.can_open(kind):
            self._push(el, tag, "inline")
            return
        sink.inl.open(kind, factory)
        self._push(el, tag, "frame", frame=kind, collector=sink.inl)

    @staticmethod
    def _factory(kind: str, el: etree._Element) -> Factory | None:
        if kind == "strong":
            return lambda c: Strong(content=c) if c else None
        if kind == "emph":
            return lambda c: Emph(content=c) if c else None
        if kind == "code":
            return lambda c: Code(text=plain_text(c)) if plain_text(c).strip() else None
        href = (el.get("href") or "").strip()
        if noise.no_target(href):
            return None  # an anchor or a script hook: its text is plain text
        title = el.get("title") or ""
        return lambda c: Link(content=c, target=href, title=title) if c else None

    def _image(self, el: etree._Element, sink: _Sink) -> None:
        # Lazy-loading pages keep the real address in data-original / data-src and put a placeholder
        # (a spinner, a blank pixel) in src until a script swaps them.
        src = next((v.strip() for k in _LAZY_SRC if (v := el.get(k)) and v.strip()), "") \
            or (el.get("src") or "").strip()
        alt = " ".join((el.get("alt") or "").split())
        node = Image(alt=(Text(text=alt),) if alt else (), src=src, title=el.get("title") or "")
        if sink.pre is None:
            sink.inl.inline(node, self.line, self._region())

    def _end(self, el: etree._Element) -> None:
        entry = self.open.pop()
        match entry.kind:
            case "frame":
                assert entry.collector is not None
                entry.collector.close(entry.frame)
            case "block":
                top = self.stack[-1]
                if isinstance(top, _Sink):
                    self._flush(top)
            case "break":
                sink = self._sink()
                sink.inl.text("\n", self.line, self._region())
            case "heading":
                assert isinstance(entry.builder, _Sink)
                self._end_heading(entry.builder)
            case "pre":
                assert isinstance(entry.builder, _Sink)
                self._end_pre(entry.builder)
            case "list" | "table" | "row" | "item" | "cell" | "quote" | "caption":
                while self.stack[-1] is not entry.builder:
                    self._close_top()  # implicit sinks opened inside
                self._close_top()
            case "section":
                self._close_implicit()
                if isinstance(self.stack[-1], _RowB):
                    self._close_top()
                self._table().section = "tbody"
            case _:
                pass
        del el

    # -------------------------------------------------------------------------------------- text

    def _text(self, s: str | None) -> None:
        if not s:
            return
        top = self.stack[-1]
        if not isinstance(top, _Sink):
            if not s.strip():
                return  # whitespace between list items or table cells
            top = self._open_implicit(top)
        if top.pre is not None:
            top.pre.append(s)
        else:
            top.inl.text(s, self.line, self._region())

    # ------------------------------------------------------------------------------------- sinks

    def _sink(self) -> _Sink:
        top = self.stack[-1]
        return top if isinstance(top, _Sink) else self._open_implicit(top)

    def _block_start(self) -> _Sink:
        """Flush the paragraph in progress before a block element; the sink it will land in."""
        sink = self._sink()
        self._flush(sink)
        return sink

    def _open_sink(self, kind: str) -> _Sink:
        sink = _Sink(kind, self.line, self._region())
        self.stack.append(sink)
        return sink

    def _open_implicit(self, top: _Builder) -> _Sink:
        """Content where only list items or table rows belong: a list gets an item for it, a table puts
        it before itself (as browsers do)."""
        kind = "item" if isinstance(top, _ListB) else "foster"
        sink = _Sink(kind, self.line, self._region(), implicit=True)
        self.stack.append(sink)
        return sink

    def _close_implicit(self) -> None:
        top = self.stack[-1]
        if isinstance(top, _Sink) and top.implicit:
            self._close_top()

    def _close_top(self) -> None:
        b = self.stack.pop()
        parent = self.stack[-1]
        if isinstance(b, _Sink):
            self._flush(b)
            self._close_sink(b, parent)
        elif isinstance(b, _ListB):
            if b.items:
                items = tuple(b.items)
                if b.ordered and b.scheme is not Scheme.ARABIC:
                    # The page draws 一、 / a. / ii. itself: the items carry the marker it shows.
                    items = tuple(replace(it, marker=Marker(scheme=b.scheme, ordinal=b.start + i,
                                                            raw=_drawn_marker(b.scheme, b.start + i)))
                                  for i, it in enumerate(items))
                self._emit(parent, List(items=items, ordered=b.ordered, scheme=b.scheme,
                                        start=b.start, attr=_attr(b.region), pos=_pos(b.line)))
        elif isinstance(b, _RowB):
            if b.cells:
                table = self._table()
                row = TableRow(cells=tuple(b.cells), pos=_pos(b.line))
                head = b.head or (not table.rows and not table.head and b.header_cells == len(b.cells))
                (table.head if head and not table.rows else table.rows).append(row)
        else:
            self._end_table(b, parent)

    def _close_sink(self, b: _Sink, parent: _Builder) -> None:
        match b.kind:
            case "item":
                if b.blocks:
                    assert isinstance(parent, _ListB)
                    parent.items.append(ListItem(blocks=tuple(b.blocks), pos=_pos(b.line)))
            case "cell":
                row = parent if isinstance(parent, _RowB) else None
                if row is None:
                    raise AssertionError("a table cell closed outside a row")
                row.cells.append(TableCell(blocks=tuple(b.blocks), rowspan=b.rowspan, colspan=b.colspan,
                                           pos=_pos(b.line)))
                row.header_cells += b.header_cell
            case "quote":
                if b.blocks:
                    self._emit(parent, BlockQuote(blocks=tuple(b.blocks), attr=_attr(b.region),
                                                  pos=_pos(b.line)))
            case "caption":
                self._table().caption = tuple(
                    i for blk in b.blocks if isinstance(blk, Para | Heading) for i in blk.content)
            case _:  # foster
                self._table().fostered.extend(b.blocks)

    def _emit(self, parent: _Builder, block: Block) -> None:
        sink = parent if isinstance(parent, _Sink) else self._open_implicit(parent)
        sink.blocks.append(block)

    # ------------------------------------------------------------------------------------ blocks

    def _flush(self, sink: _Sink) -> None:
        """Turn the inline content collected so far into paragraphs."""
        if sink.heading or sink.pre is not None:
            return
        lines, region = sink.inl.take()
        if not lines:
            return
        grouping = group_lines(lines)
        if len(lines) > 1:
            how = ("hard-wrapped text: breaks inside sentences joined" if grouping.wrapped
                   else "each line a paragraph")
            self.log.report("read.html.br-lines",
                            f"{len(lines)} lines separated by <br> read as {len(grouping.paragraphs)} "
                            f"paragraph(s), {how} ({grouping.wrap_like} of {grouping.single_breaks} single "
                            "breaks fall mid-sentence after a long line)",
                            text=lines[0].text, pos=_pos(lines[0].line))
        for group in grouping.paragraphs:
            sink.blocks.append(Para(content=join_wrapped(group), attr=_attr(region), pos=_pos(group[0].line)))

    def _end_heading(self, sink: _Sink) -> None:
        level, line = sink.heading, sink.heading_line
        sink.heading = 0
        lines, region = sink.inl.take()
        content = heading_content(lines)
        if content:
            sink.blocks.append(Heading(level=level, content=content, attr=_attr(region), pos=_pos(line)))

    def _end_pre(self, sink: _Sink) -> None:
        raw, line = "".join(sink.pre or ()), sink.pre_line
        sink.pre = None
        text = raw.removeprefix("\r\n").removeprefix("\n").rstrip()
        if not text.strip():
            return
        visible = sum(1 for c in text if not c.isspace())
        han = len(_HAN_RE.findall(text))
        if han < _PROSE_SHARE * visible:
            sink.blocks.append(CodeBlock(text=text, attr=_attr(self._region()), pos=_pos(line)))
            return
        self.log.report("read.html.pre-prose", f"<pre> holds Chinese prose ({han} of {visible} characters "
                        "are Han), read as plain-text paragraphs, not as code", text=text[:80],
                        pos=_pos(line))
        doc = read_txt(text, self.options, self.log)
        base = (line or 1) - 1
        for block in doc.blocks:
            pos = block.pos
            if pos is not None and pos.line is not None:
                pos = Pos(line=pos.line + base)
            sink.blocks.append(replace(block, attr=_attr(self._region()), pos=pos))

    def _end_table(self, t: _TableB, parent: _Builder) -> None:
        for block in t.fostered:
            self._emit(parent, block)
        rows = [*t.head, *t.rows]
        cells = [c for r in rows for c in r.cells]
        reason = None
        if len(cells) <= 1:
            reason = "it has a single cell"
        elif all(len(r.cells) == 1 for r in rows):
            reason = "it has a single column"
        elif t.nested or any(isinstance(b, Table | Heading) for c in cells for b in c.blocks):
            reason = "its cells hold headings or tables"
        elif any(isinstance(b, HorizontalRule) for c in cells for b in c.blocks):
            reason = "its cells hold thematic breaks"
        elif (dominant := dominant_cell(cells)) is not None:
            reason = f"one cell holds {dominant} of its text in paragraphs (the page's text column)"
        if reason is None:
            self._emit(parent, Table(caption=t.caption, head=tuple(t.head), rows=tuple(t.rows),
                                     attr=_attr(t.region), pos=_pos(t.line)))
            return
        if cells or t.caption:
            self.log.report("read.html.layout-table", f"table used for layout, unwrapped: {reason}",
                            pos=_pos(t.line))
        if t.caption:
            self._emit(parent, Para(content=t.caption, attr=_attr(t.region), pos=_pos(t.line)))
        for c in cells:
            for b in c.blocks:
                self._emit(parent, b)

    # ------------------------------------------------------------------------------------- noise

    def _noise(self, el: etree._Element, tag: str) -> bool:
        """Whether the element is format noise (reported); its subtree is then skipped."""
        if tag in noise.SILENT_TAGS or not tag:
            return True
        if tag == "noscript" and self._noscript_report(el):
            return False
        for tags, rule in ((noise.CODE_TAGS, "read.html.script"), (noise.EMBED_TAGS, "read.html.embed"),
                           (noise.FORM_TAGS, "read.html.form"), (noise.RUBY_TAGS, "read.html.ruby")):
            if tag in tags:
                self._drop(rule, f"<{tag}>", noise.source_line(el))
                return True
        if (control := noise.control(el, tag)) is not None:
            self.log.report("read.html.control", f"{control} removed", action=Action.REMOVED,
                            text=_snippet(el) or None, pos=_pos(noise.source_line(el)))
            return True
        if (expander := noise.expander(el)) is not None:
            self.log.report("read.html.expander", f"a button that {expander} removed: the full text is on "
                            "the page", action=Action.REMOVED, text=_snippet(el) or None,
                            pos=_pos(noise.source_line(el)))
            return True
        if tag == "nav" or (el.get("role") or "").strip().lower() == "navigation":
            self.log.report("read.html.nav", "navigation removed (<nav> is site furniture)",
                            action=Action.REMOVED, text=_snippet(el) or None, pos=_pos(noise.source_line(el)))
            return True
        reason = noise.hidden_reason(el, self.sheet)
        if reason is not None:
            return self._hidden(el, reason, long_kept=True)
        if (small := noise.small_screen_only(el)) is not None:
            text = _snippet(el)
            if text and self._shown_elsewhere(el):
                self.log.report("read.html.hidden", f"phone-only copy removed (class {small!r} hides it on "
                                "desktop screens, and the page shows its text elsewhere)",
                                action=Action.REMOVED, text=text, pos=_pos(noise.source_line(el)))
                return True
            return False
        if (white := noise.white_text(el, self.sheet)) is not None:
            return self._hidden(el, white + ", white text on the white page", long_kept=True)
        return False

    def _hidden(self, el: etree._Element, reason: str, *, long_kept: bool) -> bool:
        """Drop a hidden element, except a long block of sentences the page does not show elsewhere."""
        text = _snippet(el)
        full = noise.element_text(el)
        if long_kept and _sentences(full):
            if self._shown_elsewhere(el):
                self.log.report("read.html.hidden", f"hidden copy removed ({reason}): the page shows the "
                                "same text elsewhere (a mobile or desktop copy of the article)",
                                action=Action.REMOVED, text=text, pos=_pos(noise.source_line(el)))
                return True
            # A long hidden block of sentences is a collapsed part of the report ("展开全文"), not an
            # anti-scraping decoy: keep it.
            self.log.report("read.html.hidden-kept", f"hidden element ({reason}) kept: it holds "
                            f"{len(full.strip())} characters of sentences, likely collapsed report text",
                            action=Action.KEPT, severity=Severity.WARNING, text=text,
                            pos=_pos(noise.source_line(el)))
            return False
        if text:
            self.log.report("read.html.hidden", f"hidden element removed ({reason})",
                            action=Action.REMOVED, text=text, pos=_pos(noise.source_line(el)))
        return True

    def _noscript_report(self, el: etree._Element) -> bool:
        """Whether a `<noscript>` holds report text to read: sentences no other part of the page shows.

        Pages that load the rest of an article by script often put it here for crawlers; a "turn on
        JavaScript" notice or the fallback `<img>` of a lazy-loaded picture is noise.
        """
        full = noise.element_text(el)
        if not _sentences(full, minimum=_NOSCRIPT_MIN) or self._shown_elsewhere(el):
            return False
        self.log.report("read.html.noscript-kept", f"<noscript> read: it holds {len(full.strip())} "
                        "characters of sentences the page shows nowhere else (text for readers without "
                        "scripts)",
                        action=Action.KEPT, severity=Severity.WARNING, text=_snippet(el),
                        pos=_pos(noise.source_line(el)))
        return True

    def _shown_elsewhere(self, el: etree._Element) -> bool:
        """Whether most sentences of the element also stand in the page's shown text outside it."""
        if self._visible is None:
            self._visible = noise.shown_text(self.body, self.sheet) if self.body is not None else ""
        pieces = [p for p in _SENTENCE_SPLIT.split("".join(noise.element_text(el).split()))
                  if len(p) >= _PIECE_MIN]
        if not pieces:
            return False
        found = sum(1 for p in pieces if p in self._visible)
        return found >= _COPY_SHARE * len(pieces)

    def _drop(self, rule: str, what: str, line: int | None) -> None:
        self.dropped.setdefault(rule, Counter())[what] += 1
        self.first_drop.setdefault(rule, line)

    def _report_drops(self) -> None:
        messages = {
            "read.html.script": "code removed",
            "read.html.embed": "embedded objects removed",
            "read.html.form": "form controls removed",
            "read.html.ruby": "ruby annotations (pronunciation over characters) removed",
            "read.html.comment": "comments removed",
            "read.html.flattened": "read as plain blocks, nested too deep",
        }
        for rule, counts in self.dropped.items():
            listed = ", ".join(f"{what} × {n}" for what, n in counts.most_common())
            self.log.report(rule, f"{messages[rule]}: {listed}",
                            action=Action.CHANGED if rule == "read.html.flattened" else Action.REMOVED,
                            pos=_pos(self.first_drop[rule]))
