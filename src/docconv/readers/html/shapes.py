"""Shape tests on the page's elements and cells: which table is a layout column, which elements stand
glued together (a menu's links without spaces between them)."""

from __future__ import annotations

from lxml import etree

from docconv.ast import Heading, Para, TableCell, plain_text
from docconv.readers.html import noise

_COLUMN_MIN = 200  # characters: a cell this long, with most of a table's text, is a page column
_COLUMN_SHARE = 0.6
_COLUMN_BLOCKS = 3


def dominant_cell(cells: list[TableCell]) -> str | None:
    """The share of the text one cell holds, when it is the text column of a layout table, else None.

    A data table spreads its text over its cells; a layout table puts the report in one cell of
    several paragraphs beside cells of menus and logos.
    """
    sizes = [len("".join(plain_text(b.content).split())) for c in cells for b in c.blocks
             if isinstance(b, Para | Heading)]
    total = sum(sizes)
    for c in cells:
        paras = [b for b in c.blocks if isinstance(b, Para | Heading)]
        size = sum(len("".join(plain_text(b.content).split())) for b in paras)
        if len(paras) >= _COLUMN_BLOCKS and size >= _COLUMN_MIN and size >= _COLUMN_SHARE * total:
            return f"{round(100 * size / total)}%"
    return None


def glued_to(el: etree._Element) -> etree._Element | None:
    """The element right before `el` when it has text and nothing stands between the two, else None."""
    prev = el.getprevious()
    if (prev is None or not isinstance(prev.tag, str) or prev.tag.lower() == "br" or prev.tail
            or not noise.element_text(prev).strip()):
        return None
    return prev


def glued_links(el: etree._Element) -> bool:
    """Whether the anchor `el` (or an inline wrapper holding only an anchor: a menu's `<span><a>`)
    follows another such with no text between, and the two go to different pages (or to none: `#`, a
    script). Word splits one link into runs where its formatting changes; those runs share their target
    and stay together."""
    here_a = _sole_link(el)
    prev = glued_to(el) if here_a is not None else None
    prev_a = _sole_link(prev) if prev is not None else None
    if here_a is None or prev_a is None:
        return False
    here = (here_a.get("href") or "").strip()
    return here != (prev_a.get("href") or "").strip() or noise.no_target(here)


_WRAPPER_DEPTH = 2
_INLINE_WRAPPERS = frozenset({"span", "b", "strong", "em", "i", "font", "u", "small", "big", "label", "cite"})


def _sole_link(el: etree._Element) -> etree._Element | None:
    """The anchor itself, or the one anchor an inline element wraps with no text of its own."""
    for _ in range(_WRAPPER_DEPTH + 1):
        if not isinstance(el.tag, str):
            return None
        if el.tag.lower() == "a":
            return el
        children = [c for c in el if isinstance(c.tag, str)]
        if (el.tag.lower() not in _INLINE_WRAPPERS or len(children) != 1 or (el.text or "").strip()
                or (children[0].tail or "").strip()):
            return None
        el = children[0]
    return None
