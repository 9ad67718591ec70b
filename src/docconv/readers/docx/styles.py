"""Word styles (styles.xml) reduced to what the reader needs: heading level, numbering, bold and italic, and
whether a table style sets its first row apart.

A paragraph style says a paragraph is the title, a heading of a level or a table-of-contents entry by its
name (`heading 2`, and the names Chinese Word and WPS give: `标题 2`, `標題 2`, `标题` for the title) or by
an outline level (`w:outlineLvl`) on the style or any style it is based on. Numbering (`w:numPr`) is
inherited along `w:basedOn` the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = W + "val"
_OFF = frozenset({"0", "false", "off", "none"})
BODY_OUTLINE = 9
"""`w:outlineLvl` value meaning "body text": not a heading."""

_HEADING_NAME = re.compile(r"^(?:heading|标题|標題)\s*([1-9])$")
_TITLE_NAMES = frozenset({"title", "标题", "標題"})
_TOC_NAME = re.compile(r"^(?:toc|目录|目錄)\s*(?:[1-9]|heading|标题)?$")


def on(element: etree._Element | None) -> bool | None:
    """A toggle property (`w:b`, `w:i`, `w:vanish`): True or False when present, None when absent."""
    if element is None:
        return None
    return element.get(_VAL, "1").lower() not in _OFF


@dataclass(frozen=True, slots=True)
class ParaStyle:
    """What a paragraph style means for the reader."""

    name: str
    """The style's name as stored (`heading 1`, `标题 1`, `Normal`)."""
    kind: str
    """title, heading, toc or body."""
    level: int | None
    """Heading level (1-9) for kind heading; 1 for title."""
    num: tuple[str, int | None] | None
    """(numId, ilvl) the style numbers its paragraphs with, or None; ilvl is None when the style names
    only the list (the level is then the one whose `w:pStyle` names this style)."""
    style_id: str = ""
    """The style's id, which numbering levels name in `w:pStyle`."""


@dataclass(frozen=True, slots=True)
class _Raw:
    kind: str  # paragraph, character, table, numbering
    name: str
    based_on: str | None
    outline: int | None
    num_id: str | None
    ilvl: int | None
    bold: bool | None
    italic: bool | None
    first_row: bool | None = None  # a table style: whether its first row has a look of its own


_BODY = ParaStyle(name="", kind="body", level=None, num=None)


class Styles:
    """The styles of one document, resolved along `w:basedOn` on first use."""

    def __init__(self, root: etree._Element | None) -> None:
        self._raw: dict[str, _Raw] = {}
        self._para: dict[str, ParaStyle] = {}
        self._char: dict[str, tuple[bool | None, bool | None]] = {}
        self.default_para: str | None = None
        """Style id of paragraphs without `w:pStyle`."""
        if root is None:
            return
        for style in root.iter(W + "style"):
            sid = style.get(W + "styleId", "")
            kind = style.get(W + "type", "paragraph")
            name_el = style.find(W + "name")
            based = style.find(W + "basedOn")
            ppr = style.find(W + "pPr")
            rpr = style.find(W + "rPr")
            outline = num_id = ilvl = None
            if ppr is not None:
                outline = _int_val(ppr.find(W + "outlineLvl"))
                num_pr = ppr.find(W + "numPr")
                if num_pr is not None:
                    nid = num_pr.find(W + "numId")
                    num_id = nid.get(_VAL) if nid is not None else None
                    ilvl = _int_val(num_pr.find(W + "ilvl"))
            self._raw[sid] = _Raw(
                kind=kind,
                name=name_el.get(_VAL, sid) if name_el is not None else sid,
                based_on=based.get(_VAL) if based is not None else None,
                outline=outline, num_id=num_id, ilvl=ilvl,
                bold=on(rpr.find(W + "b")) if rpr is not None else None,
                italic=on(rpr.find(W + "i")) if rpr is not None else None,
                first_row=_first_row_look(style) if kind == "table" else None,
            )
            if kind == "paragraph" and style.get(W + "default", "0").lower() in ("1", "true", "on"):
                self.default_para = sid

    def paragraph(self, style_id: str | None) -> ParaStyle:
        """The meaning of a paragraph style (the default paragraph style for None)."""
        sid = style_id if style_id is not None else self.default_para
        if sid is None or sid not in self._raw:
            return _BODY
        cached = self._para.get(sid)
        if cached is None:
            cached = self._para[sid] = self._resolve(sid)
        return cached

    def _resolve(self, sid: str) -> ParaStyle:
        raw = self._raw[sid]
        name = raw.name
        key = " ".join(name.lower().split())
        chain = self._chain(sid)
        outline = next((r.outline for r in chain if r.outline is not None), None)
        num_id = next((r.num_id for r in chain if r.num_id is not None), None)
        ilvl = next((r.ilvl for r in chain if r.ilvl is not None), None)
        num = (num_id, ilvl) if num_id is not None and num_id != "0" else None
        if _TOC_NAME.match(key):
            return ParaStyle(name=name, kind="toc", level=None, num=num, style_id=sid)
        if key in _TITLE_NAMES:
            return ParaStyle(name=name, kind="title", level=1, num=num, style_id=sid)
        heading = _HEADING_NAME.match(key)
        if heading is not None:
            return ParaStyle(name=name, kind="heading", level=int(heading.group(1)), num=num, style_id=sid)
        if outline is not None and 0 <= outline < BODY_OUTLINE:
            return ParaStyle(name=name, kind="heading", level=outline + 1, num=num, style_id=sid)
        return ParaStyle(name=name, kind="body", level=None, num=num, style_id=sid)

    def _chain(self, sid: str) -> list[_Raw]:
        """The style and the styles it is based on, nearest first (cycles cut)."""
        out: list[_Raw] = []
        seen: set[str] = set()
        current: str | None = sid
        while current is not None and current not in seen and current in self._raw:
            seen.add(current)
            raw = self._raw[current]
            out.append(raw)
            current = raw.based_on
        return out

    def character(self, style_id: str) -> tuple[bool | None, bool | None]:
        """(bold, italic) a character style sets, None where it leaves the property alone."""
        cached = self._char.get(style_id)
        if cached is None:
            chain = self._chain(style_id)
            bold = next((r.bold for r in chain if r.bold is not None), None)
            italic = next((r.italic for r in chain if r.italic is not None), None)
            cached = self._char[style_id] = (bold, italic)
        return cached

    def first_row_set_apart(self, style_id: str) -> bool:
        """Whether a table style (or one it is based on) makes its first row bold or fills it."""
        return next((r.first_row for r in self._chain(style_id) if r.first_row is not None), False)

    def num_id(self, style_id: str) -> str | None:
        """The `numId` a (numbering or paragraph) style carries, for `w:numStyleLink`."""
        return next((r.num_id for r in self._chain(style_id) if r.num_id is not None), None)


def _first_row_look(style: etree._Element) -> bool | None:
    """Whether a table style's conditional formatting for the first row (`w:tblStylePr w:type="firstRow"`)
    sets bold or a fill; None when the style says nothing about the first row."""
    for cond in style.iter(W + "tblStylePr"):
        if cond.get(W + "type") != "firstRow":
            continue
        bold = cond.find(f"{W}rPr/{W}b")
        shd = cond.find(f"{W}tcPr/{W}shd")
        fill = (shd.get(W + "fill") or "").lower() if shd is not None else ""
        return bool(on(bold)) or fill not in ("", "auto", "ffffff")
    return None


def _int_val(element: etree._Element | None) -> int | None:
    if element is None:
        return None
    try:
        return int(element.get(_VAL, ""))
    except ValueError:
        return None
