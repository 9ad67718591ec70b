"""AST → DOCX (Office Open XML), built with python-docx on its default template.

Decisions, each checked by tests/test_docx_writer.py (which reads the output back with python-docx):

- Headings map one to one: docconv level N is Word's built-in "Heading N" (levels above 9 become 9). The
  document title, docconv's level 1, is therefore "Heading 1", not "Title": pandoc writes "Title" from
  metadata only, and docconv already has the title in the body, so using "Title" would either print it
  twice or drop it from Word's navigation pane. `Meta.title` goes to the core properties.
- A heading's `Marker` is written as text in front of the heading (`一、加强领导`), as the Markdown writer
  does; `numbering="strip"` leaves it out. A Latin text keeps a space after an ASCII marker ("A. Scope").
- Lists use "List Number"/"List Bullet" (and their "2"/"3" forms for nesting). Each list gets its own Word
  numbering definition, so every list restarts at its own `start`, and Word draws the marker itself in
  the list's own form: the text of the first marker becomes the level text with its number replaced by
  `%1` (`（一）` → `（%1）`, chineseCounting; `1、` → `%1、`, decimal; `①` → decimalEnclosedCircle; `——`
  → a bullet of that text). This is done only when Word's rendering reproduces every item's marker
  exactly (one form, consecutive numbers, digits Word can draw); otherwise (a gap, a repeat, mixed forms)
  the markers are written as text in a "List"/"List 2"/"List 3" paragraph, so no number changes.
  Under `numbering="strip"` ordered lists get plain `1.` numbering and unordered lists bullets.
  Further paragraphs of an item use "List Continue".
- Inlines become runs: Emph italic, Strong bold, Code the character style "Verbatim Char", Link a real
  hyperlink (external relationship; `#id` links point to bookmarks), Image a hyperlink to its source with
  its alt text (images are not embedded: docconv never fetches URLs). A SoftBreak is nothing between two
  CJK characters and a space elsewhere, as in Markdown; a LineBreak is a Word line break.
- Notes: python-docx has no footnote API, so each note is a superscript number linked to a numbered
  paragraph in a notes section at the end, after a rule.
- Tables use "Table Grid"; header rows repeat on each page (`w:tblHeader`) and are bold; spans become
  merged cells; a caption is a "Caption" paragraph above the table. BlockQuote paragraphs use "Quote",
  code blocks the paragraph style "Source Code" (monospace), a HorizontalRule a paragraph bottom border.
- A `Div` writes its blocks; each article `Div` after the first starts on a new page.
- Chinese: Normal has the East Asian font SimSun (宋体) and headings SimHei (黑体) instead of the
  template's theme fonts, and the East Asian language zh-CN (zh-TW for traditional script), so Word and
  LibreOffice pick CJK fonts for Chinese text.
- Characters XML cannot hold (C0 controls other than tab and newline, lone surrogates) are written as
  U+FFFD, visibly; a form feed or vertical tab becomes a line break.
- Pandoc options (writers/docxref.py): `reference_doc` writes into the user's .docx (its styles, page
  setup, headers/footers and numbering; a missing style comes from the default template, with a
  diagnostic; the default template's font changes for Chinese are not applied to the user's styles);
  `toc` adds a title and a Word TOC field that Word fills on open. DOCX is always standalone, as in
  pandoc, so `toc` needs no `standalone`.
- Deterministic output: core properties are set from Meta (title, author, source as identifier,
  language); created/modified come from `Meta.date` when it parses as ISO 8601 and are left out
  otherwise (never "now"); the template's thumbnail is dropped; the zip is rewritten with fixed
  timestamps (1980-01-01) and attributes, so the same document gives byte-identical bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import assert_never

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

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
    ListItem,
    Marker,
    Meta,
    Note,
    Para,
    Scheme,
    SoftBreak,
    Strong,
    Table,
    TableCell,
    TableRow,
    Text,
    plain_text,
)
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.structure.articles import ARTICLE_CLASS
from docconv.structure.numbering import canonical_form, to_cn_numeral
from docconv.writers import docxref
from docconv.writers.inlinetext import first_char, join_soft_lines, last_char, soft_break, space_after_marker
from docconv.writers.prepare import prepare

BODY_EAST_ASIA_FONT = "SimSun"
"""East Asian font of body text (宋体), the usual face of Chinese reports."""
HEADING_EAST_ASIA_FONT = "SimHei"
"""East Asian font of headings (黑体)."""
MONOSPACE_FONT = "Courier New"
"""Latin font of code."""
CODE_STYLE = "Source Code"
"""Paragraph style of code blocks (pandoc's name)."""
CODE_CHAR_STYLE = "Verbatim Char"
"""Character style of inline code (pandoc's name)."""
LINK_STYLE = "Hyperlink"
"""Character style of hyperlinks."""

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_MAX_LIST_STYLE_DEPTH = 3  # the default template has "List Number", "List Number 2", "List Number 3"
_INDENT = 420  # twips per list level: two CJK characters of the 10.5 pt body size

# Characters XML 1.0 cannot carry; tab and newline are handled before this is applied.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LINE_LIKE = re.compile("[\x0b\x0c\r\x85\u2028\u2029]")

# Word number format per scheme, and the characters of one number in that format.
_NUM_FORMATS: dict[Scheme, tuple[str, ...]] = {
    Scheme.ARABIC: ("decimal",),
    Scheme.ARABIC_PAREN: ("decimal",),
    Scheme.CN: ("chineseCounting",),
    Scheme.CN_PAREN: ("chineseCounting",),
    Scheme.CHAPTER: ("chineseCounting", "decimal"),
    Scheme.SECTION: ("chineseCounting", "decimal"),
    Scheme.PART: ("chineseCounting", "decimal"),
    Scheme.ARTICLE: ("chineseCounting", "decimal"),
    Scheme.CIRCLED: ("decimalEnclosedCircle",),
    Scheme.LATIN_UPPER: ("upperLetter",),
    Scheme.LATIN_LOWER: ("lowerLetter",),
    Scheme.ROMAN_UPPER: ("upperRoman",),
    Scheme.ROMAN_LOWER: ("lowerRoman",),
    Scheme.DASH: ("bullet",),
    Scheme.BULLET: ("bullet",),
    Scheme.DECIMAL_1: ("decimal",),
    # Deeper decimal markers (`1.2`, `1.2.1`) carry their parents' numbers, which a one-level Word list
    # cannot print: they have no entry, so their items keep the marker as typed text.
}
_NUMBER_TOKEN: dict[str, re.Pattern[str]] = {
    "decimal": re.compile("[0-9]+"),
    "chineseCounting": re.compile("[一二三四五六七八九十百零]+"),
    "decimalEnclosedCircle": re.compile("[①-⑳]"),
    "upperLetter": re.compile("[A-Z]"),
    "lowerLetter": re.compile("[a-z]"),
    "upperRoman": re.compile("[IVXLCDM]+"),
    "lowerRoman": re.compile("[ivxlcdm]+"),
}


def write_docx(doc: Document, options: Options, log: DiagnosticLog | None = None) -> bytes:
    """Render a document as DOCX bytes; the same document and options always give the same bytes."""
    return _Writer(options, log).write(prepare(doc, options, log))


# --------------------------------------------------------------------------------------- number formats


@dataclass(frozen=True, slots=True)
class _ListFormat:
    """How Word numbers one list: a number format and a level text with `%1` for the number."""

    num_fmt: str
    level_text: str
    start: int
    space_after: bool


def _number_text(num_fmt: str, n: int) -> str | None:
    """What Word draws for number `n` in `num_fmt`, or None when Word cannot draw it."""
    if n < 1:
        return None
    match num_fmt:
        case "decimal":
            return str(n)
        case "chineseCounting":
            return to_cn_numeral(n) if n < 100 else None  # Word's forms above 99 differ by version
        case "decimalEnclosedCircle":
            return chr(ord("①") + n - 1) if n <= 20 else None
        case "upperLetter" | "lowerLetter":
            letter = chr(ord("A") + n - 1) if n <= 26 else None
            return letter if letter is None or num_fmt == "upperLetter" else letter.lower()
        case "upperRoman" | "lowerRoman":
            roman = canonical_form(Scheme.ROMAN_UPPER, n).rstrip(".")
            return roman if num_fmt == "upperRoman" else roman.lower()
        case _:
            return None


def _level_text(raw: str, num_fmt: str, ordinal: int) -> str | None:
    """`raw` with its number replaced by `%1`, when Word's `num_fmt` draws that number exactly."""
    if "%" in raw:
        return None  # a literal % would be read as a level placeholder
    if num_fmt == "bullet":
        return raw
    token = _NUMBER_TOKEN[num_fmt].search(raw)
    if token is None or token.group(0) != _number_text(num_fmt, ordinal):
        return None
    return raw[:token.start()] + "%1" + raw[token.end():]


def _native_format(markers: list[Marker], scheme: Scheme, follow: str) -> _ListFormat | None:
    """The Word numbering that reproduces every marker exactly, or None."""
    if not markers or any(m.scheme is not scheme for m in markers):
        return None
    for num_fmt in _NUM_FORMATS.get(scheme, ()):
        texts = {_level_text(m.raw, num_fmt, m.ordinal) for m in markers}
        if len(texts) != 1 or None in texts:
            continue
        (level_text,) = texts
        assert level_text is not None
        bullet = num_fmt == "bullet"
        if not bullet and any(m.ordinal != markers[0].ordinal + i for i, m in enumerate(markers)):
            return None
        return _ListFormat(num_fmt, level_text, 1 if bullet else markers[0].ordinal,
                           space_after_marker(markers[0].raw, follow))
    return None


def _marker_prefix(marker: Marker, following: str) -> str:
    return marker.raw + (" " if space_after_marker(marker.raw, following) else "")


# ----------------------------------------------------------------------------------------- text helpers


def _xml_safe(t: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", _LINE_LIKE.sub("\n", t.replace("\r\n", "\n")))


def _bookmark_name(ident: str) -> str:
    """A Word bookmark name for an identifier: letters, digits and `_`, starting with a letter, ≤ 40."""
    name = re.sub(r"[^0-9A-Za-z_]", "_", ident)
    if not name[:1].isalpha():
        name = "id_" + name
    return name[:40]


def _parse_date(value: str | None) -> datetime | None:
    """`Meta.date` as a datetime when it is ISO 8601; aware times are converted to UTC."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None  # a date as found on the page ("三月五日") has no DOCX form; left out, see docstring
    return parsed.astimezone(UTC).replace(tzinfo=None) if parsed.tzinfo else parsed


# -------------------------------------------------------------------------------------------- the writer


@dataclass(frozen=True, slots=True)
class _Fmt:
    """Run formatting inherited by nested inlines."""

    bold: bool = False
    italic: bool = False
    code: bool = False
    link: bool = False


@dataclass(frozen=True, slots=True)
class _Ctx:
    """Where blocks are being written."""

    para_style: str | None = None
    depth: int = 0
    fmt: _Fmt = _Fmt()


Container = WordDocument | _Cell


class _Writer:
    def __init__(self, options: Options, log: DiagnosticLog | None = None) -> None:
        self.options = options
        self.strip_markers = options.numbering == "strip"
        self.style_source: docxref.StyleSource | None = None
        if options.reference_doc is not None:
            self.doc = docxref.open_reference(options.reference_doc)
            self.style_source = docxref.StyleSource(self.doc, log, options.reference_doc)
        else:
            self.doc = docx.Document()
        self.notes: list[tuple[Block, ...]] = []
        self.page_break_pending = False
        self.seen_article = False
        self.bookmark_id = 0
        self._abstract_ids = 0

    # ------------------------------------------------------------------------------------ document

    def write(self, doc: Document) -> bytes:
        self.setup_styles(doc.meta)
        self.set_properties(doc.meta)
        body = self.doc
        if self.options.toc:
            self.table_of_contents(doc.meta)
        self.blocks(body, doc.blocks, _Ctx())
        self.write_notes()
        out = io.BytesIO()
        self.doc.save(out)
        return _normalise_zip(out.getvalue())

    def setup_styles(self, meta: Meta) -> None:
        styles = self.doc.styles
        if self.style_source is not None:
            self.add_own_styles(keep_existing=True)
            return  # the reference doc's styles are the user's choice: no font or language changes
        normal = styles["Normal"]
        rpr = normal.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), BODY_EAST_ASIA_FONT)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:eastAsia"), "zh-TW" if meta.script == "traditional" else "zh-CN")
        rpr.append(lang)  # w:lang is late in rPr's sequence and Normal's rPr has nothing after it
        for name in ("Title", *(f"Heading {n}" for n in range(1, 10))):
            fonts = styles[name].element.get_or_add_rPr().get_or_add_rFonts()
            # A theme attribute wins over the explicit font, so it has to go.
            fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
            fonts.set(qn("w:eastAsia"), HEADING_EAST_ASIA_FONT)
        self.add_own_styles(keep_existing=False)

    def add_own_styles(self, *, keep_existing: bool) -> None:
        """The styles docconv adds to Word's set (pandoc's names); a reference doc's own versions win."""
        styles = self.doc.styles
        if not (keep_existing and CODE_STYLE in styles):
            code = styles.add_style(CODE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
            assert isinstance(code, ParagraphStyle)
            code.base_style = styles["Normal"]
            code.font.name = MONOSPACE_FONT
            code.paragraph_format.space_after = 0
        if not (keep_existing and CODE_CHAR_STYLE in styles):
            verbatim = styles.add_style(CODE_CHAR_STYLE, WD_STYLE_TYPE.CHARACTER)
            verbatim.font.name = MONOSPACE_FONT
        if not (keep_existing and LINK_STYLE in styles):
            link = styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
            link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
            link.font.underline = True

    def table_of_contents(self, meta: Meta) -> None:
        title = next((v for k, v in meta.extra if k == "toc-title"), docxref.TOC_TITLE)
        style = docxref.TOC_TITLE_STYLE
        if self.style_source is not None:
            self.style_source.need(style)
        heading = self.paragraph(self.doc, style if style in self.doc.styles else None)
        docxref.add_toc(heading, self.paragraph(self.doc, None), depth=self.options.toc_depth,
                        text=_xml_safe(title))
        if style not in self.doc.styles:
            for run in heading.runs:
                run.bold = True
        docxref.update_fields_on_open(self.doc)

    def set_properties(self, meta: Meta) -> None:
        props = self.doc.core_properties
        props.title = meta.title or ""
        props.author = meta.author or ""
        props.identifier = meta.source or ""
        props.language = {"traditional": "zh-TW", "simplified": "zh-CN"}.get(meta.script or "", "")
        props.comments = ""  # the template says "generated by python-docx"
        props.last_modified_by = ""
        props.revision = 1
        when = _parse_date(meta.date)
        if when is not None:
            props.created = when
            props.modified = when
        else:
            element = props._element  # python-docx has no API to remove a property
            for tag in ("dcterms:created", "dcterms:modified"):
                for child in element.findall(qn(tag)):
                    element.remove(child)
        # The template's thumbnail shows an empty page; a stale preview is worse than none.
        package_rels = self.doc.part.package.rels
        for rid in [rid for rid, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
            del package_rels[rid]

    # -------------------------------------------------------------------------------------- blocks

    def blocks(self, container: Container, blocks: tuple[Block, ...], ctx: _Ctx) -> None:
        for b in blocks:
            self.block(container, b, ctx)

    def block(self, container: Container, b: Block, ctx: _Ctx) -> None:
        match b:
            case Para(content=content):
                p = self.paragraph(container, ctx.para_style)
                self.inlines(p, p._p, content, ctx.fmt)  # runs go into the w:p element
            case Heading():
                self.heading(container, b, ctx)
            case List():
                self.list(container, b, ctx)
            case Table():
                self.table(container, b, ctx)
            case BlockQuote(blocks=blocks):
                self.blocks(container, blocks, replace(ctx, para_style="Quote"))
            case CodeBlock(text=text):
                # One paragraph; python-docx turns each newline into a line break, each tab into a tab.
                self.paragraph(container, CODE_STYLE).add_run().text = _xml_safe(text)
            case HorizontalRule():
                self.rule(container, ctx)
            case Div(blocks=blocks, attr=attr):
                if ARTICLE_CLASS in attr.classes:
                    if self.seen_article:
                        self.page_break_pending = True
                    self.seen_article = True
                self.blocks(container, blocks, ctx)
            case _:
                assert_never(b)

    def paragraph(self, container: Container, style: str | None) -> Paragraph:
        if style is not None and self.style_source is not None:
            self.style_source.need(style)
        p = container.add_paragraph(style=style)
        if self.page_break_pending:
            p.paragraph_format.page_break_before = True
            self.page_break_pending = False
        return p

    def heading(self, container: Container, h: Heading, ctx: _Ctx) -> None:
        p = self.paragraph(container, f"Heading {min(max(h.level, 1), 9)}")
        if h.attr.id:
            self.bookmark(p, _bookmark_name(h.attr.id))
        if h.marker is not None and not self.strip_markers:
            self.run(p, p._p, _marker_prefix(h.marker, plain_text(h.content)), ctx.fmt)
        self.inlines(p, p._p, h.content, ctx.fmt)  # runs go into the w:p element

    def rule(self, container: Container, ctx: _Ctx) -> None:
        p = self.paragraph(container, ctx.para_style)
        ppr = p._p.get_or_add_pPr()  # python-docx has no paragraph border API
        borders = parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" '
                            'w:color="auto"/></w:pBdr>')
        # pBdr sits after pStyle/pageBreakBefore/numPr and before everything else a fresh pPr can hold.
        ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")

    # --------------------------------------------------------------------------------------- lists

    def list(self, container: Container, lst: List, ctx: _Ctx) -> None:
        depth = min(ctx.depth + 1, _MAX_LIST_STYLE_DEPTH)
        suffix = "" if depth == 1 else f" {depth}"
        first_text = _first_para_text(lst.items[0]) if lst.items else ""
        markers = [it.marker for it in lst.items if it.marker is not None]
        fmt: _ListFormat | None
        if self.strip_markers:
            fmt = _ListFormat("decimal", "%1.", lst.start, space_after=True) if lst.ordered else None
        elif markers and len(markers) == len(lst.items):
            fmt = _native_format(markers, markers[0].scheme, first_text)
        else:
            # Items without markers (lists from formats that number them themselves): the scheme's
            # standard form, as Word would number them.
            fmt = None
            if lst.ordered and not markers:
                synthetic = [Marker(scheme=lst.scheme, ordinal=lst.start + i,
                                    raw=canonical_form(lst.scheme, lst.start + i))
                             for i in range(len(lst.items))]
                fmt = _native_format(synthetic, lst.scheme, first_text)
        literal = not self.strip_markers and bool(markers) and fmt is None
        if literal:
            style = "List" + suffix
        elif fmt is None or fmt.num_fmt == "bullet":
            style = "List Bullet" + suffix
        else:
            style = "List Number" + suffix
        num_id = self.numbering(fmt, ctx.depth) if fmt is not None and not literal else None
        inner = replace(ctx, depth=ctx.depth + 1, para_style="List Continue" + suffix)
        for it in lst.items:
            self.item(container, it, style=style, num_id=num_id, ctx=ctx, inner=inner, literal=literal)

    def item(self, container: Container, it: ListItem, *, style: str, num_id: int | None, ctx: _Ctx,
             inner: _Ctx, literal: bool) -> None:
        p = self.paragraph(container, style)
        if num_id is not None:
            # No numbering API; numPr's accessor is generated at runtime, so mypy cannot see it.
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id
        rest = it.blocks
        if literal and it.marker is not None:
            self.run(p, p._p, _marker_prefix(it.marker, _first_para_text(it)), ctx.fmt)
        if rest and isinstance(rest[0], Para):
            self.inlines(p, p._p, rest[0].content, ctx.fmt)
            rest = rest[1:]
        self.blocks(container, rest, inner)

    def numbering(self, fmt: _ListFormat, depth: int) -> int:
        """A new Word numbering definition (abstractNum + num) for one list; returns its numId."""
        numbering = self.doc.part.numbering_part.element
        existing = numbering.findall(qn("w:abstractNum"))
        ids = [int(a.get(qn("w:abstractNumId"), "0")) for a in existing]
        abstract_id = max(ids, default=-1) + 1
        self._abstract_ids += 1
        left = _INDENT * (depth + 1)
        text = fmt.level_text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:nsid w:val="{0xD0C00000 + self._abstract_ids:08X}"/>'
            '<w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="{fmt.start}"/><w:numFmt w:val="{fmt.num_fmt}"/>'
            f'<w:suff w:val="{"space" if fmt.space_after else "nothing"}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{_INDENT}"/></w:pPr></w:lvl></w:abstractNum>')
        if existing:
            existing[-1].addnext(abstract)
        else:
            numbering.insert(0, abstract)
        num = numbering.add_num(abstract_id)
        return int(num.numId)

    # -------------------------------------------------------------------------------------- tables

    def table(self, container: Container, t: Table, ctx: _Ctx) -> None:
        if t.caption:
            p = self.paragraph(container, "Caption")
            self.inlines(p, p._p, t.caption, ctx.fmt)
        rows = (*t.head, *t.rows)
        places = _place_cells(rows)
        width = max((c + cell.colspan for _, c, cell in places), default=0)
        if not rows or width == 0:
            return
        if self.page_break_pending:
            self.paragraph(container, None)  # a table cannot carry the break itself
        table = container.add_table(len(rows), width)
        if self.style_source is not None:
            self.style_source.need("Table Grid")
        table.style = "Table Grid"
        for r in range(len(t.head)):
            tr_pr = table.rows[r]._tr.get_or_add_trPr()  # no header-row API
            tr_pr.append(OxmlElement("w:tblHeader"))
        for r, c, cell in places:
            last_r = min(r + cell.rowspan, len(rows)) - 1
            last_c = c + cell.colspan - 1
            if (last_r, last_c) != (r, c):
                table.cell(r, c).merge(table.cell(last_r, last_c))
        for r, c, cell in places:
            header = r < len(t.head)
            cell_ctx = _Ctx(fmt=replace(ctx.fmt, bold=ctx.fmt.bold or header))
            self.fill_cell(table.cell(r, c), cell.blocks, cell_ctx)

    def fill_cell(self, cell: _Cell, blocks: tuple[Block, ...], ctx: _Ctx) -> None:
        placeholder = cell.paragraphs[0]._p  # every new cell holds one empty paragraph
        self.blocks(cell, blocks, ctx)
        tc = cell._tc
        if len(tc.findall(qn("w:p"))) + len(tc.findall(qn("w:tbl"))) > 1:
            tc.remove(placeholder)
        if tc[-1].tag == qn("w:tbl"):
            cell.add_paragraph()  # a cell must end with a paragraph

    # ------------------------------------------------------------------------------------- inlines

    def inlines(self, p: Paragraph, parent: etree._Element, content: tuple[Inline, ...], fmt: _Fmt) -> None:
        for i, node in enumerate(content):
            match node:
                case Text(text=t):
                    self.run(p, parent, join_soft_lines(t), fmt)
                case SoftBreak():
                    before = last_char(content[i - 1]) if i > 0 else None
                    after = first_char(content[i + 1]) if i + 1 < len(content) else None
                    space = soft_break(before, after)
                    if space:
                        self.run(p, parent, space, fmt)
                case LineBreak():
                    self.run(p, parent, "", fmt).add_break()
                case Emph(content=inner):
                    self.inlines(p, parent, inner, replace(fmt, italic=True))
                case Strong(content=inner):
                    self.inlines(p, parent, inner, replace(fmt, bold=True))
                case Code(text=t):
                    self.run(p, parent, t.replace("\n", " "), replace(fmt, code=True))
                case Link(content=inner, target=target):
                    self.link(p, parent, inner, target, fmt)
                case Image(alt=alt, src=src):
                    self.link(p, parent, alt or (Text(text=src),), src, fmt)
                case Note(blocks=blocks):
                    self.notes.append(blocks)
                    n = len(self.notes)
                    holder = parent if fmt.link else self.hyperlink(p, parent, f"#docconv_note_{n}")
                    run = self.run(p, holder, str(n), replace(fmt, link=False))
                    run.font.superscript = True
                case _:
                    assert_never(node)

    def link(self, p: Paragraph, parent: etree._Element, content: tuple[Inline, ...], target: str,
             fmt: _Fmt) -> None:
        if fmt.link or not target:
            self.inlines(p, parent, content, fmt)  # Word does not nest hyperlinks
            return
        self.inlines(p, self.hyperlink(p, parent, target), content, replace(fmt, link=True))

    def hyperlink(self, p: Paragraph, parent: etree._Element, target: str) -> etree._Element:
        element = OxmlElement("w:hyperlink")
        if target.startswith("#"):
            element.set(qn("w:anchor"), _bookmark_name(target[1:]))
        else:
            rid = p.part.relate_to(_xml_safe(target), RT.HYPERLINK, is_external=True)
            element.set(qn("r:id"), rid)
        parent.append(element)
        return element

    def run(self, p: Paragraph, parent: etree._Element, text: str, fmt: _Fmt) -> Run:
        element = OxmlElement("w:r")
        parent.append(element)
        run = Run(element, p)  # type: ignore[arg-type]  # OxmlElement("w:r") builds a CT_R
        if text:
            run.text = _xml_safe(text).replace("\n", " ")
        if fmt.bold:
            run.bold = True
        if fmt.italic:
            run.italic = True
        if fmt.link:
            run.style = LINK_STYLE
            if fmt.code:
                run.font.name = MONOSPACE_FONT
        elif fmt.code:
            run.style = CODE_CHAR_STYLE
        return run

    def bookmark(self, p: Paragraph, name: str) -> None:
        self.bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        p._p.append(start)  # python-docx has no bookmark API
        p._p.append(end)

    # --------------------------------------------------------------------------------------- notes

    def write_notes(self) -> None:
        if not self.notes:
            return
        self.rule(self.doc, _Ctx())
        i = 0
        while i < len(self.notes):  # a note may hold notes of its own, appended as it is written
            blocks = self.notes[i]
            i += 1
            p = self.paragraph(self.doc, None)
            self.bookmark(p, f"docconv_note_{i}")
            self.run(p, p._p, str(i), _Fmt()).font.superscript = True
            self.run(p, p._p, " ", _Fmt())
            rest = blocks
            if rest and isinstance(rest[0], Para):
                self.inlines(p, p._p, rest[0].content, _Fmt())
                rest = rest[1:]
            self.blocks(self.doc, rest, _Ctx())


def _first_para_text(it: ListItem) -> str:
    return plain_text(it.blocks[0].content) if it.blocks and isinstance(it.blocks[0], Para) else ""


def _place_cells(rows: tuple[TableRow, ...]) -> list[tuple[int, int, TableCell]]:
    """Grid position (row, column) of each cell, skipping slots taken by row spans from above."""
    taken: set[tuple[int, int]] = set()
    places: list[tuple[int, int, TableCell]] = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row.cells:
            while (r, c) in taken:
                c += 1
            rowspan, colspan = max(cell.rowspan, 1), max(cell.colspan, 1)
            places.append((r, c, replace(cell, rowspan=rowspan, colspan=colspan)))
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            c += colspan
    return places


def _normalise_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps and attributes, so equal documents give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0  # ZipInfo records the host OS otherwise
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info))
    return out.getvalue()
