"""Which rows of a Word table are its header: rows marked "repeat as header row", else a first row that is
set apart from the rows under it (bold, shaded, or emphasised by the table style).

Documents downloaded from sharing sites rarely mark a header row to repeat; their authors make the first
row bold or shade it instead. Such a row is the head (as the PDF reader takes a bold first row), but
never when the rows under it look the same (a table set wholly in bold, banded shading) or when the first
row holds figures like the rest: then it is data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import etree

from docconv.ast import Block, Emph, Inline, Link, Para, Strong, TableCell, merge_texts, plain_text
from docconv.readers.docx.styles import Styles

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = W + "val"
_NO_FILL = frozenset({"", "auto", "ffffff"})
_TBL_LOOK_FIRST_ROW = 0x0020  # the "header row" bit of `w:tblLook w:val`
# A cell holding a figure (`24560`, `7.4%`, `-3`, `1,280.5`); a year alone (`2023`) heads a column as often
# as it is one, so it is not counted.
_FIGURE = re.compile(r"^[-+−]?[0-9０-９][0-9０-９,，.．]*[%％‰]?$")
_YEAR = re.compile(r"^(?:19|20)[0-9]{2}$")


@dataclass(slots=True)
class CellLook:
    """What the header test needs of one cell: its blocks and whether it is shaded."""

    blocks: tuple[Block, ...]
    shaded: bool


def cell_shaded(tcpr: etree._Element | None) -> bool:
    """Whether a cell's own properties give it a background fill (`w:shd` with a colour, not white)."""
    shd = tcpr.find(W + "shd") if tcpr is not None else None
    if shd is None:
        return False
    fill = (shd.get(W + "fill") or "").lower()
    pattern = (shd.get(_VAL) or "clear").lower()
    if pattern in ("clear", "nil"):
        return fill not in _NO_FILL
    # A pattern paints its foreground colour (`w:color`) over the fill: solid black unless told otherwise.
    return (shd.get(W + "color") or "auto").lower() not in ("ffffff",)


def style_sets_first_row_apart(tbl: etree._Element, styles: Styles) -> bool:
    """Whether the table's style gives its first row its own look (bold or a fill, as Word's built-in
    list and grid styles do) and the table has that "header row" option on (`w:tblLook`)."""
    tblpr = tbl.find(W + "tblPr")
    if tblpr is None:
        return False
    style = tblpr.find(W + "tblStyle")
    look = tblpr.find(W + "tblLook")
    if style is None or look is None or not styles.first_row_set_apart(style.get(_VAL, "")):
        return False
    first_row = look.get(W + "firstRow")
    if first_row is not None:
        return first_row.lower() in ("1", "true", "on")
    try:
        return bool(int(look.get(_VAL, "0"), 16) & _TBL_LOOK_FIRST_ROW)
    except ValueError:
        return False


def header_by_look(rows: list[list[CellLook]], *, styled: bool) -> str | None:
    """Why the first row of a table with no marked header is its head ("bold", "shaded", "table style"),
    or None when it is data.

    The first row is the head when every non-empty cell of it is bold and some row under it is not
    wholly bold, or when all its cells are shaded and no row under it is, or when the table's style sets
    it apart (`styled`); in every case it must have text in at least half of its cells and must not
    hold figures in half of them or more (a data row that happens to be bold).
    """
    if len(rows) < 2 or not rows[0]:
        return None
    first, body = rows[0], rows[1:]
    texts = [plain_text_of(c.blocks).strip() for c in first]
    filled = [t for t in texts if t]
    if not filled or len(filled) * 2 < len(first):
        return None
    if sum(1 for t in filled if _FIGURE.match(t) and not _YEAR.match(t)) * 2 >= len(filled):
        return None
    if all(_bold(c.blocks) for c, t in zip(first, texts, strict=True) if t) and not all(
            all(_bold(c.blocks) for c in row if plain_text_of(c.blocks).strip()) for row in body):
        return "bold"
    if all(c.shaded for c in first) and not any(row and all(c.shaded for c in row) for row in body):
        return "shaded"
    return "table style" if styled else None


def plain_text_of(blocks: tuple[Block, ...]) -> str:
    """The text of a cell's paragraphs, one line each."""
    return "\n".join(plain_text(b.content) for b in blocks if isinstance(b, Para))


def _bold(blocks: tuple[Block, ...]) -> bool:
    """Whether a cell holds only paragraphs and every one with text is bold throughout (whitespace aside)."""
    paras = [b for b in blocks if isinstance(b, Para) and plain_text(b.content).strip()]
    return (bool(paras) and all(isinstance(b, Para) for b in blocks)
            and all(_bold_inlines(b.content) for b in paras))


def _bold_inlines(content: tuple[Inline, ...]) -> bool:
    for node in content:
        if isinstance(node, Strong):
            continue
        if isinstance(node, Emph | Link):
            if not _bold_inlines(node.content):
                return False
        elif plain_text((node,)).strip():
            return False
    return True


def unbolded(cell: TableCell) -> TableCell:
    """A header cell without the bold around its text: the head is set apart by being the head (the
    Markdown and DOCX writers print it as one)."""
    blocks = tuple(replace(b, content=_without_strong(b.content)) if isinstance(b, Para) else b
                   for b in cell.blocks)
    return replace(cell, blocks=blocks)


def _without_strong(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in content:
        if isinstance(node, Strong):
            out.extend(_without_strong(node.content))
        else:
            out.append(node)
    return merge_texts(tuple(out))  # runs split only by their bold join up again
