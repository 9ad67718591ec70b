"""The body of a Word document (document.xml, notes, text boxes) walked into docconv blocks and inlines.

Blocks: `Heading` (Title and Heading styles, outline levels), `Para`, `Table` (with row and column spans);
text boxes add their paragraphs after the paragraph that anchors them. Inlines: `Text`, `Strong`, `Emph`,
`Link`, `LineBreak`, `Note`. Automatic numbering is rendered as text at the start of its paragraph.

Word's own noise is dropped here, each kind reported once per document: empty paragraphs, the table of
contents (a TOC field, a TOC content control or TOC-styled entries), tracked deletions, hidden text,
field instructions (the displayed result is kept), page and column breaks, pictures (not extracted).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from lxml import etree

from docconv.ast import (
    NO_ATTR,
    Attr,
    Block,
    Emph,
    Heading,
    Inline,
    LineBreak,
    Note,
    Para,
    Pos,
    Strong,
    Table,
    TableCell,
    TableRow,
    Text,
    plain_text,
)
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.readers.docx.atoms import SPACES as _SPACES
from docconv.readers.docx.atoms import Atom, atoms_text, inlines, page_segments, trim
from docconv.readers.docx.numbering import Numbering, int_val
from docconv.readers.docx.styles import BODY_OUTLINE, ParaStyle, Styles, on
from docconv.readers.docx.symbols import symbol_char
from docconv.readers.docx.tables import (
    CellLook,
    cell_shaded,
    header_by_look,
    plain_text_of,
    style_sets_first_row_apart,
    unbolded,
)
from docconv.readers.docx.toc import drop_typed_toc, entry_title, pop_label
from docconv.structure.hints import CAPTION_CLASS, TITLE_CLASS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CAPTION_STYLES = frozenset({"caption", "题注"})
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
V = "{urn:schemas-microsoft-com:vml}"
_VAL = W + "val"

# Elements whose children are read as if they stood in their place.
_TRANSPARENT = frozenset({W + "ins", W + "moveTo", W + "smartTag", W + "customXml", W + "dir", W + "bdo"})
_REMOVED = frozenset({W + "del", W + "moveFrom"})
_HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+(?:\\[a-z]\s+)*"?([^"\s]*)"?(?:\s+\\l\s+"([^"]*)")?', re.I)
_MAX_SHOWN = 10  # items quoted in a summary diagnostic


@dataclass(slots=True)
class _Field:
    """An open complex field: its instruction so far, and where its displayed result began."""

    instr: list[str] = field(default_factory=list)
    result: bool = False
    start: int = 0

    @property
    def kind(self) -> str:
        words = "".join(self.instr).split()
        return words[0].upper() if words else ""


@dataclass(slots=True)
class _Story:
    """One flow of text (the body, a note, a text box): fields may span its paragraphs."""

    positions: bool
    fields: list[_Field] = field(default_factory=list)


@dataclass(slots=True)
class _ParaState:
    atoms: list[Atom] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    boxes: list[Block] = field(default_factory=list)
    toc: bool = False
    changed: bool = False  # held tracked deletions or hidden text
    barrier: int = 0  # text after a field boundary is not merged into the atom before it
    pictures: int = 0


@dataclass(slots=True)
class _CellBuild:
    blocks: tuple[Block, ...]
    colspan: int
    rowspan: int = 1
    shaded: bool = False


@dataclass(slots=True)
class Findings:
    """What the walk dropped or noticed, reported once per document by `report`."""

    empty: int = 0
    toc: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    inserted: int = 0
    hidden: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    symbols: int = 0
    alt_chunks: int = 0
    missing_notes: int = 0
    notes: int = 0
    placeholders: list[str] = field(default_factory=list)
    ruby: list[str] = field(default_factory=list)
    page_splits: int = 0
    layout_tables: int = 0
    table_heads: list[str] = field(default_factory=list)
    """Why (and the first cell) for each table whose unmarked first row was taken as its head."""
    pictures_only: int = 0


class BodyReader:
    """Walks WordprocessingML story elements into blocks; one instance reads one document."""

    def __init__(self, log: DiagnosticLog, styles: Styles, numbering: Numbering,
                 link_target: Callable[[str], str | None]) -> None:
        self.log = log
        self.styles = styles
        self.numbering = numbering
        self.link_target = link_target
        self.notes: dict[tuple[str, str], tuple[Block, ...]] = {}
        self.found = Findings()
        self.paragraphs = 0
        self.title: str | None = None
        self.toc_entries: dict[int, str] = {}
        """`id()` of paragraphs that read as typed table-of-contents lines → their titles."""

    # ------------------------------------------------------------------------------------------ stories

    def body(self, element: etree._Element) -> tuple[Block, ...]:
        """The blocks of the document body (a typed table of contents dropped, see toc.py)."""
        blocks = self.blocks(element, _Story(positions=True))
        if self.toc_entries:
            blocks = drop_typed_toc(blocks, self.toc_entries, self.found.toc, self.log)
        return tuple(blocks)

    def read_notes(self, root: etree._Element | None, kind: str) -> None:
        """Read footnotes.xml or endnotes.xml (`kind` footnote or endnote) for later references."""
        if root is None:
            return
        for note in root.iter(W + kind):
            if note.get(W + "type", "normal") != "normal":
                continue  # separators and continuation notices are layout
            blocks = tuple(self.blocks(note, _Story(positions=False)))
            self.notes[(kind, note.get(W + "id", ""))] = blocks

    # ------------------------------------------------------------------------------------------- blocks

    def blocks(self, parent: etree._Element, story: _Story) -> list[Block]:
        """The blocks of a container of paragraphs and tables (body, cell, note, text box, control)."""
        out: list[Block] = []
        for child in parent:
            tag = child.tag
            if tag == W + "p":
                entries = len(self.found.toc)
                blocks = self.paragraph(child, story)
                if len(self.found.toc) > entries:
                    self._drop_toc_label(out, entries)
                out.extend(blocks)
            elif tag == W + "tbl":
                table = self.table(child, story)
                if table is None:
                    continue
                inner = _layout_content(table)
                if inner is None:
                    out.append(table)
                else:
                    self.found.layout_tables += 1
                    out.extend(inner)
            elif tag == W + "sdt":
                if _is_toc_control(child):
                    self._drop_toc_label(out, len(self.found.toc))
                    self.found.toc.extend(_paragraph_texts(child))
                    continue
                if _is_placeholder(child):
                    self.found.placeholders.extend(_paragraph_texts(child))
                    continue
                content = child.find(W + "sdtContent")
                if content is not None:
                    out.extend(self.blocks(content, story))
            elif tag in _TRANSPARENT:
                out.extend(self.blocks(child, story))
            elif tag in _REMOVED:
                self.found.deleted.extend(t for t in _paragraph_texts(child) if t)
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    out.extend(self.blocks(choice, story))
            elif tag == W + "altChunk":
                self.found.alt_chunks += 1
        return out

    def _drop_toc_label(self, out: list[Block], at: int) -> None:
        """Drop the label paragraph (`目录`, `图表目录` …) right above a table of contents (or of figures)
        that is dropped: without its entries it titles nothing, as for a typed table of contents
        (readers/toc.py). The label is reported with the entries, in front of them (`at`)."""
        if (label := pop_label(out)) is not None:
            self.found.toc.insert(at, label.strip(_SPACES))

    # --------------------------------------------------------------------------------------- paragraphs

    def paragraph(self, p: etree._Element, story: _Story) -> list[Block]:
        pos = None
        if story.positions:
            self.paragraphs += 1
            pos = Pos(paragraph=self.paragraphs)
        ppr = p.find(W + "pPr")
        style_id = num_id = None
        ilvl: int | None = None
        outline: int | None = None
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            style_id = ps.get(_VAL) if ps is not None else None
            num_pr = ppr.find(W + "numPr")
            if num_pr is not None:
                nid = num_pr.find(W + "numId")
                num_id = nid.get(_VAL, "") if nid is not None else None
                level_el = num_pr.find(W + "ilvl")
                ilvl = int_val(level_el, 0) if level_el is not None else None
            outline_el = ppr.find(W + "outlineLvl")
            outline = int_val(outline_el, -1) if outline_el is not None else None
        style = self.styles.paragraph(style_id)
        state = _ParaState()
        state.toc = style.kind == "toc" or _in_toc(story)
        self.inline(p, story, state, link=None)
        for f in story.fields:
            f.start = 0  # a field still open goes on in the next paragraph
        if state.toc:
            text = atoms_text(state.atoms).strip(_SPACES)
            if text:
                self.found.toc.append(text)
            return state.boxes
        number = self._number(num_id, ilvl, style)
        first, *rest = page_segments(state.atoms)
        self.found.page_splits += len(rest)
        after: list[Block] = [Para(content=c, pos=pos) for seg in rest
                              if (c := inlines(trim(seg), state.links))]
        after.extend(state.boxes)
        content = inlines(trim(first), state.links)
        if not content:
            if not state.changed and not state.pictures:
                self.found.empty += 1
            return after
        level, why = _heading_level(style.kind, style.level, style.name, outline)
        if level is None:
            # Word's built-in Caption style (named `caption` whatever the UI language, which shows 题注)
            # marks a table's or figure's caption: the structure stage never takes it for a title.
            caption = style.name.strip().lower() in _CAPTION_STYLES
            para = Para(content=_prefix(number, content), attr=Attr(classes=(CAPTION_CLASS,)) if caption
                        else NO_ATTR, pos=pos)
            title = entry_title(plain_text(para.content), _has_leader_tab(ppr))
            if title is not None:
                self.toc_entries[id(para)] = title
            return [para, *after]
        heading_content = _prefix(number, _unwrap(content))
        text = plain_text(heading_content)
        if style.kind == "title" and self.title is None:
            self.title = text
        self.log.report("read.docx.heading", f"{why}: heading level {level}", text=text, pos=pos)
        # The Title style names the document's title, which no Heading style does: the structure stage
        # keeps it the title when a leftover line stands above it.
        attr = Attr(classes=(TITLE_CLASS,)) if style.kind == "title" else NO_ATTR
        return [Heading(level=level, content=heading_content, attr=attr, pos=pos), *after]

    def _number(self, num_id: str | None, ilvl: int | None, style: ParaStyle) -> str | None:
        """The number Word draws in front of a paragraph. The paragraph's `w:numPr` wins over its style's,
        one piece at a time: a paragraph with only `w:ilvl` (WPS writes these) keeps its style's list at
        that level; without any `w:ilvl` the level is the style's, else the one the list links to the
        style, else the first."""
        style_num = style.num
        if num_id is None and style_num is not None:
            num_id = style_num[0]
            if ilvl is None:
                ilvl = style_num[1]
        elif num_id is not None and ilvl is None and style_num is not None and style_num[0] == num_id:
            ilvl = style_num[1]
        if num_id is None or num_id == "0":
            return None  # numId 0 switches numbering off
        if ilvl is None:
            ilvl = self.numbering.style_level(num_id, style.style_id)
        return self.numbering.render(num_id, ilvl)

    # ------------------------------------------------------------------------------------------ inlines

    def inline(self, parent: etree._Element, story: _Story, state: _ParaState, link: int | None) -> None:
        """Collect the atoms of a paragraph-level container (paragraph, hyperlink, insertion, control)."""
        for child in parent:
            tag = child.tag
            if tag == W + "r":
                self.run(child, story, state, link)
            elif tag == W + "hyperlink":
                target = _hyperlink_target(child, self.link_target)
                inner = link
                if target is not None and link is None:
                    state.links.append((target, child.get(W + "tooltip", "")))
                    inner = len(state.links) - 1
                self.inline(child, story, state, inner)
            elif tag in _TRANSPARENT:
                if tag in (W + "ins", W + "moveTo"):
                    self.found.inserted += 1
                self.inline(child, story, state, link)
            elif tag in _REMOVED:
                text = _deleted_text(child)
                if text:
                    self.found.deleted.append(text)
                    state.changed = True
            elif tag == W + "sdt":
                if _is_placeholder(child):
                    text = "".join(t.text or "" for t in child.iter(W + "t")).strip(_SPACES)
                    if text:
                        self.found.placeholders.append(text)
                    continue
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.inline(content, story, state, link)
            elif tag == W + "fldSimple":
                f = _Field(instr=[child.get(W + "instr", "")], result=True, start=len(state.atoms))
                story.fields.append(f)
                state.barrier = len(state.atoms)
                self.inline(child, story, state, link)
                story.fields.pop()
                state.barrier = len(state.atoms)
                self._end_field(f, state)
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    self.inline(choice, story, state, link)
            elif tag in (M + "oMath", M + "oMathPara"):
                self._text("".join(t.text or "" for t in child.iter(M + "t")), story, state,
                           (False, False, False), link)

    def run(self, r: etree._Element, story: _Story, state: _ParaState, link: int | None) -> None:
        fmt = self._format(r.find(W + "rPr"))
        for child in r:
            tag = child.tag
            if tag == W + "t":
                self._text(child.text or "", story, state, fmt, link)
            elif tag in (W + "tab", W + "ptab"):
                self._text(" ", story, state, fmt, link)
            elif tag in (W + "br", W + "cr"):
                kind = child.get(W + "type", "textWrapping")
                if kind == "textWrapping" and _showing(story) and not fmt[2]:
                    state.atoms.append(Atom(LineBreak(), fmt[0], fmt[1], link))
                elif kind == "page" and _showing(story) and not fmt[2]:
                    state.atoms.append(Atom(LineBreak(), fmt[0], fmt[1], link, page=True))
            elif tag == W + "ruby":
                self._ruby(child, story, state, link)
            elif tag == W + "noBreakHyphen":
                self._text("-", story, state, fmt, link)
            elif tag == W + "sym":
                char = symbol_char(child.get(W + "font", ""), child.get(W + "char", ""))
                if char is None:
                    self.found.symbols += 1
                else:
                    self._text(char, story, state, fmt, link)
            elif tag == W + "fldChar":
                self._field_char(child, story, state)
            elif tag == W + "instrText":
                if story.fields and not story.fields[-1].result:
                    story.fields[-1].instr.append(child.text or "")
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                self._note(child, tag == W + "footnoteReference", story, state)
            elif tag in (W + "drawing", W + "pict", W + "object"):
                self._drawing(child, state)
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    for inner in choice:
                        if inner.tag in (W + "drawing", W + "pict", W + "object"):
                            self._drawing(inner, state)
            elif tag == W + "delText":
                text = child.text or ""
                if text:
                    self.found.deleted.append(text)
                    state.changed = True

    def _ruby(self, ruby: etree._Element, story: _Story, state: _ParaState, link: int | None) -> None:
        """A phonetic guide: the base text is the text; the reading above it is reported, not kept."""
        base = ruby.find(W + "rubyBase")
        reading = ruby.find(W + "rt")
        if base is not None:
            self.inline(base, story, state, link)
        if reading is not None and _showing(story):
            text = "".join(t.text or "" for t in reading.iter(W + "t"))
            if text:
                self.found.ruby.append(text)

    def _format(self, rpr: etree._Element | None) -> tuple[bool, bool, bool]:
        """(bold, italic, hidden) of a run: direct formatting first, then its character style."""
        if rpr is None:
            return False, False, False
        bold = on(rpr.find(W + "b"))
        italic = on(rpr.find(W + "i"))
        if bold is None or italic is None:
            rstyle = rpr.find(W + "rStyle")
            if rstyle is not None:
                style_bold, style_italic = self.styles.character(rstyle.get(_VAL, ""))
                bold = style_bold if bold is None else bold
                italic = style_italic if italic is None else italic
        return bool(bold), bool(italic), bool(on(rpr.find(W + "vanish")))

    def _text(self, text: str, story: _Story, state: _ParaState, fmt: tuple[bool, bool, bool],
              link: int | None) -> None:
        if not text or not _showing(story):
            return
        if fmt[2]:
            self.found.hidden.append(text)
            state.changed = True
            return
        atoms = state.atoms
        last = atoms[-1] if atoms else None
        if (last is not None and len(atoms) > state.barrier and isinstance(last.node, Text)
                and last.bold == fmt[0]
                and last.italic == fmt[1] and last.link == link):
            last.node = Text(text=last.node.text + text)  # Word splits text into many runs
        else:
            atoms.append(Atom(Text(text=text), fmt[0], fmt[1], link))

    def _field_char(self, element: etree._Element, story: _Story, state: _ParaState) -> None:
        kind = element.get(W + "fldCharType", "")
        state.barrier = len(state.atoms)
        if kind == "begin":
            story.fields.append(_Field(start=len(state.atoms)))
        elif kind == "separate" and story.fields:
            f = story.fields[-1]
            f.result = True
            f.start = len(state.atoms)
            if f.kind == "TOC":
                state.toc = True
        elif kind == "end" and story.fields:
            f = story.fields.pop()
            self._end_field(f, state)

    def _end_field(self, f: _Field, state: _ParaState) -> None:
        if f.kind == "TOC":
            state.toc = True
        elif f.kind == "HYPERLINK":
            m = _HYPERLINK_FIELD.match("".join(f.instr))
            if m is None:
                return
            target = m.group(1) + (("#" + m.group(2)) if m.group(2) else "")
            if not target:
                return
            state.links.append((target, ""))
            index = len(state.links) - 1
            for atom in state.atoms[f.start:]:
                if atom.link is None:
                    atom.link = index

    def _note(self, ref: etree._Element, footnote: bool, story: _Story, state: _ParaState) -> None:
        if not _showing(story):
            return
        kind = "footnote" if footnote else "endnote"
        blocks = self.notes.get((kind, ref.get(W + "id", "")))
        if blocks is None:
            self.found.missing_notes += 1
            return
        self.found.notes += 1
        state.atoms.append(Atom(Note(blocks=blocks), False, False, None))

    def _drawing(self, element: etree._Element, state: _ParaState) -> None:
        """Text boxes in a drawing become blocks after the paragraph; pictures are reported."""
        boxes = _text_boxes(element)
        for box in boxes:
            blocks = self.blocks(box, _Story(positions=True))
            text = " / ".join(plain_text(b.content) for b in blocks if isinstance(b, Para | Heading))
            self.log.report("read.docx.textbox", "text box read as paragraphs after its anchor",
                            text=text or None)
            state.boxes.extend(blocks)
        if boxes:
            return
        if any(True for _ in element.iter(A + "blip", V + "imagedata")) or element.tag == W + "object":
            doc_pr = next(element.iter(WP + "docPr"), None)
            alt = ""
            if doc_pr is not None:
                alt = doc_pr.get("descr") or doc_pr.get("title") or ""
            self.found.images.append(alt)
            state.pictures += 1

    # ------------------------------------------------------------------------------------------- tables

    def table(self, tbl: etree._Element, story: _Story) -> Table | None:
        pos = Pos(paragraph=self.paragraphs + 1) if story.positions else None  # its first cell's paragraph
        head: list[TableRow] = []
        body: list[TableRow] = []
        built: list[list[_CellBuild]] = []
        header_flags: list[bool] = []
        open_rows: dict[int, _CellBuild] = {}  # grid column -> the cell a vertical merge extends
        for tr in _children(tbl, W + "tr"):
            trpr = tr.find(W + "trPr")
            col = int_val((trpr.find(W + "gridBefore") if trpr is not None else None), 0)
            cells: list[_CellBuild] = []
            previous: _CellBuild | None = None
            for tc in _children(tr, W + "tc"):
                tcpr = tc.find(W + "tcPr")
                span = max(1, int_val(tcpr.find(W + "gridSpan") if tcpr is not None else None, 1))
                vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
                hmerge = tcpr.find(W + "hMerge") if tcpr is not None else None
                if (hmerge is not None and hmerge.get(_VAL, "continue") == "continue"
                        and previous is not None):
                    previous.colspan += span  # the legacy horizontal merge
                    col += span
                    continue
                if vmerge is not None and vmerge.get(_VAL, "continue") == "continue" and col in open_rows:
                    open_rows[col].rowspan += 1
                    col += span
                    continue
                cell = _CellBuild(blocks=tuple(self.blocks(tc, story)), colspan=span,
                                  shaded=cell_shaded(tcpr))
                for c in range(col, col + span):
                    open_rows.pop(c, None)
                if vmerge is not None and vmerge.get(_VAL) == "restart":
                    open_rows[col] = cell
                cells.append(cell)
                previous = cell
                col += span
            built.append(cells)
            header_flags.append(trpr is not None and bool(on(trpr.find(W + "tblHeader"))))
        in_head = True
        for cells, is_header in zip(built, header_flags, strict=True):
            in_head = in_head and is_header  # only rows at the top repeat as a header
            row = TableRow(cells=tuple(TableCell(blocks=c.blocks, rowspan=c.rowspan, colspan=c.colspan)
                                       for c in cells))
            (head if in_head else body).append(row)
        if not head and not body:
            return None
        if not head and _layout_content(Table(rows=tuple(body))) is None:
            why = header_by_look([[CellLook(c.blocks, c.shaded) for c in row] for row in built],
                                 styled=style_sets_first_row_apart(tbl, self.styles))
            if why is not None:
                self.found.table_heads.append(f"{why}: {plain_text_of(body[0].cells[0].blocks)[:20]}")
                head, body = body[:1], body[1:]
        # The head is bold by being the head: its cells' own bold would print twice over.
        head = [replace(r, cells=tuple(unbolded(c) for c in r.cells)) for r in head]
        return Table(head=tuple(head), rows=tuple(body), pos=pos)

    # ------------------------------------------------------------------------------------------- report

    def report(self) -> None:
        """The per-document summary diagnostics of what the walk dropped or noticed."""
        f = self.found
        log = self.log
        if f.empty:
            log.report("read.docx.empty-paragraphs", f"{f.empty} empty paragraph(s) dropped (spacing, not "
                       "content)", action=Action.REMOVED)
        if f.toc:
            log.report("read.docx.toc", f"table of contents dropped ({len(f.toc)} entries): it repeats the "
                       "headings", action=Action.REMOVED, text=_shown(f.toc))
        if f.deleted:
            log.report("read.docx.tracked-deletion", f"{len(f.deleted)} tracked deletion(s) dropped (the "
                       "document as last edited is read)", action=Action.REMOVED, text=_shown(f.deleted))
        if f.inserted:
            log.report("read.docx.tracked-insertion", f"{f.inserted} tracked insertion(s) kept as text")
        if f.hidden:
            log.report("read.docx.hidden-text", f"{len(f.hidden)} run(s) of hidden text dropped (Word does "
                       "not show them)", action=Action.REMOVED, severity=Severity.WARNING,
                       text=_shown(f.hidden))
        if f.images:
            alts = [a for a in f.images if a]
            log.report("read.docx.image", f"{len(f.images)} picture(s) not extracted (docconv reads text)",
                       action=Action.REMOVED, text=_shown(alts) if alts else None)
        if f.symbols:
            log.report("read.docx.symbol", f"{f.symbols} symbol-font character(s) dropped (their shape "
                       "depends on the font)", action=Action.REMOVED)
        if f.alt_chunks:
            log.report("read.docx.alt-chunk", f"{f.alt_chunks} embedded foreign document(s) (altChunk) not "
                       "read", action=Action.REMOVED, severity=Severity.WARNING)
        if f.placeholders:
            log.report("read.docx.placeholder", f"{len(f.placeholders)} content control prompt(s) dropped "
                       "(the control still showed its placeholder: nothing was filled in)",
                       action=Action.REMOVED, text=_shown(f.placeholders))
        if f.ruby:
            log.report("read.docx.ruby", f"{len(f.ruby)} phonetic guide reading(s) above the text not kept "
                       "(the base text is)", action=Action.REMOVED, text=_shown(f.ruby))
        if f.page_splits:
            log.report("read.docx.page-break", f"{f.page_splits} paragraph(s) split at a manual page break "
                       "after a finished sentence (what follows starts a new page, as a new paragraph)")
        if f.layout_tables:
            log.report("read.docx.layout-table", f"{f.layout_tables} layout table(s) unwrapped: a table of "
                       "one column holding the text as paragraphs frames the page, it is not data")
        if f.table_heads:
            log.report("read.docx.table-head", f"{len(f.table_heads)} table(s) with no row marked to repeat "
                       "as header: the first row, set apart from the rows under it, taken as the head",
                       text=_shown(f.table_heads))
        if f.notes:
            log.report("read.docx.notes", f"{f.notes} footnote/endnote reference(s) read as notes")
        if f.missing_notes:
            log.report("read.docx.missing-note", f"{f.missing_notes} note reference(s) point to no note",
                       severity=Severity.WARNING)


# ------------------------------------------------------------------------------------------------ helpers


def _children(parent: etree._Element, tag: str) -> list[etree._Element]:
    """Children with `tag`, looking through content controls and custom XML that wrap rows or cells."""
    out: list[etree._Element] = []
    for child in parent:
        if child.tag == tag:
            out.append(child)
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                out.extend(_children(content, tag))
        elif child.tag in (W + "customXml", W + "ins", W + "moveTo"):
            out.extend(_children(child, tag))
    return out


def _showing(story: _Story) -> bool:
    """Whether text now is displayed: outside every field instruction."""
    return all(f.result for f in story.fields)


def _in_toc(story: _Story) -> bool:
    return any(f.kind == "TOC" and f.result for f in story.fields)


def _has_leader_tab(ppr: etree._Element | None) -> bool:
    """Whether the paragraph sets a tab stop drawn with a leader (dots or a line up to the page number)."""
    if ppr is None:
        return False
    return any(tab.get(W + "leader", "none") != "none" for tab in ppr.iterfind(f"{W}tabs/{W}tab"))


def _is_placeholder(sdt: etree._Element) -> bool:
    """A content control still showing its prompt ("单击或点击此处输入文字。"): nobody typed it."""
    pr = sdt.find(W + "sdtPr")
    return pr is not None and bool(on(pr.find(W + "showingPlcHdr")))


def _is_toc_control(sdt: etree._Element) -> bool:
    pr = sdt.find(W + "sdtPr")
    if pr is None:
        return False
    gallery = pr.find(f"{W}docPartObj/{W}docPartGallery")
    return gallery is not None and gallery.get(_VAL, "").lower() == "table of contents"


def _paragraph_texts(element: etree._Element) -> list[str]:
    """The visible-ish text of each paragraph under `element` (for what is dropped)."""
    out = []
    for p in element.iter(W + "p"):
        text = "".join(t.text or "" for t in p.iter(W + "t", W + "delText")).strip(_SPACES)
        if text:
            out.append(text)
    return out


def _deleted_text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(W + "delText", W + "t"))


def _hyperlink_target(element: etree._Element, link_target: Callable[[str], str | None]) -> str | None:
    rid = element.get(R + "id")
    anchor = element.get(W + "anchor")
    target = link_target(rid) if rid else None
    if target is not None:
        return target + ("#" + anchor if anchor else "")
    return "#" + anchor if anchor else None


def _text_boxes(element: etree._Element) -> list[etree._Element]:
    """The outermost `w:txbxContent` elements inside a drawing (nested boxes are read with their box)."""
    out: list[etree._Element] = []
    stack = [element]
    while stack:
        node = stack.pop()
        for child in reversed(node):
            if child.tag == W + "txbxContent":
                out.append(child)
            elif child.tag == MC + "Fallback":
                continue  # the same shape again, for older readers
            elif isinstance(child.tag, str):
                stack.append(child)
    return out


def _layout_content(table: Table) -> tuple[Block, ...] | None:
    """The blocks of a table that only frames the page, or None for a real table. A table of one column
    is layout when it has one row, or when a cell holds several blocks, a heading or a table: data in a
    column is one short value per cell."""
    rows = (*table.head, *table.rows)
    if not rows or any(len(row.cells) != 1 for row in rows):
        return None
    cells = [row.cells[0] for row in rows]
    if len(rows) > 1 and not any(len(c.blocks) > 1 or any(isinstance(b, Heading | Table) for b in c.blocks)
                                 for c in cells):
        return None
    return tuple(b for c in cells for b in c.blocks)


def _prefix(number: str | None, content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """The rendered number in front of the paragraph, as plain text (Word draws it unformatted)."""
    if not number:
        return content
    if content and isinstance(content[0], Text):
        return (Text(text=number + content[0].text), *content[1:])
    return (Text(text=number), *content)


def _unwrap(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A heading's text without a bold or italic run around all of it (the heading style is the look)."""
    while len(content) == 1 and isinstance(content[0], Strong | Emph):
        content = content[0].content
    return content


def _heading_level(kind: str, level: int | None, name: str, outline: int | None) -> tuple[int | None, str]:
    """The heading level of a paragraph and why, or (None, "") for body text."""
    if outline is not None and outline >= BODY_OUTLINE and kind != "title":
        return None, ""  # a direct "body text" outline level wins over the style
    if kind == "title":
        return 1, f"paragraph style {name!r} (the document title)"
    if kind == "heading" and level is not None:
        return level, f"paragraph style {name!r}"
    if outline is not None and 0 <= outline < BODY_OUTLINE:
        return outline + 1, f"paragraph outline level {outline + 1}"
    return None, ""


def _shown(items: list[str]) -> str:
    shown = " / ".join(items[:_MAX_SHOWN])
    return shown + (f" / … ({len(items) - _MAX_SHOWN} more)" if len(items) > _MAX_SHOWN else "")
