"""Site furniture by page region: what an HTML page's own markup puts in its header, footer or sidebars.

The HTML reader records on each block the furniture region it was read from (`Attr.kv` key REGION_KEY:
`header`, `footer`, `aside`, `nav`, `sidebar`, `breadcrumb`, `comment`, `related`, `ad`, `share`,
`pagination`; `main` or nothing for the page's content). A site's developers name those regions, so the
evidence is strong where the page agrees with it: blocks of furniture regions before the first and after
the last content block are removed (rule `furniture.html-region`), and so are rows of links there that no
region names (`furniture.html-links`: a top bar `首页 | 工作计划 | …`). A content block is a heading or a
paragraph of sentences outside furniture regions. Between content blocks a region is only a class name
that may lie (a theme calling its article column a "sidebar"), so such blocks are kept and reported as
suspect; the residue rules judge their text. A page with no content block outside furniture regions
keeps everything.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docconv.ast import Attr, Block, Document, Heading, Link, List, Para, Table, plain_text
from docconv.clean.residue import active_rules
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.transform import Transform

REGION_KEY = "html-region"
"""`Attr.kv` key of the page region a block was read from (set by the HTML reader)."""
RULE_ID = "furniture.html-region"
LINKS_ID = "furniture.html-links"
_CONTENT = frozenset({"main"})


def region(block: Block) -> str | None:
    """The page region a block was read from, or None."""
    attr = getattr(block, "attr", None)
    if not isinstance(attr, Attr):
        return None
    for key, value in attr.kv:
        if key == REGION_KEY:
            return value
    return None


def remove_region_furniture(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Drop furniture-region blocks (and rows of links) around the page's content; report those inside."""
    regions = [region(b) for b in doc.blocks]
    if not any(r is not None and r not in _CONTENT for r in regions):
        return doc  # not an HTML page, or one without furniture regions
    anchors = [i for i, (b, r) in enumerate(zip(doc.blocks, regions, strict=True))
               if (r is None or r in _CONTENT) and _is_content(b)]
    if not anchors:
        log.report(RULE_ID, "no block of the page reads as its content outside furniture regions; nothing "
                   "removed by region", severity=Severity.WARNING, action=Action.KEPT)
        return doc
    _, off = active_rules(options)
    first, last = anchors[0], anchors[-1]
    kept: list[Block] = []
    for i, (b, r) in enumerate(zip(doc.blocks, regions, strict=True)):
        outside = i < first or i > last
        where = "before" if i < first else "after"
        if r is None or r in _CONTENT:
            if outside and _link_row(b):
                _drop_or_keep(b, LINKS_ID, f"a row of links {where} the page's content (site navigation)",
                              off=off, kept=kept, log=log)
            else:
                kept.append(b)
        elif not outside:
            log.report(RULE_ID, f"inside the page's content but in its {r} region; kept for the residue "
                       "rules to judge", severity=Severity.WARNING, action=Action.KEPT, text=_text(b),
                       pos=getattr(b, "pos", None))
            kept.append(b)
        else:
            _drop_or_keep(b, RULE_ID, f"the page's {r} region, {where} its content", off=off, kept=kept,
                          log=log)
    return replace(doc, blocks=tuple(kept))


def _drop_or_keep(b: Block, rid: str, why: str, *, off: frozenset[str], kept: list[Block],
                  log: DiagnosticLog) -> None:
    text, pos = _text(b), getattr(b, "pos", None)
    if rid in off:
        log.report(rid, f"furniture: {why}; kept because the rule is turned off", action=Action.KEPT,
                   text=text, pos=pos)
        kept.append(b)
    else:
        log.report(rid, f"furniture: {why}", action=Action.REMOVED, text=text, pos=pos)


_SENTENCE_END = re.compile(r"[。！？!?；;]")
_BODY_MIN = 20  # characters: a content paragraph is at least one real sentence


def _is_content(block: Block) -> bool:
    """A block that anchors the page's content: a heading the page states, or a paragraph of sentences.

    A short unregioned line (a top bar of links, a logo) does not: it may be furniture in a container
    with no telling class, and the zones must not start at it.
    """
    if isinstance(block, Heading):
        return True
    if isinstance(block, Para):
        text = plain_text(block.content)
        return len(text) >= _BODY_MIN and _SENTENCE_END.search(text) is not None
    return isinstance(block, List | Table)


_LINK_SHARE = 0.7


def _link_row(block: Block) -> bool:
    """A paragraph that is mostly links (two or more): a menu or a list of related pages."""
    if not isinstance(block, Para):
        return False
    links = [n for n in block.content if isinstance(n, Link)]
    if len(links) < 2:
        return False
    linked = sum(len(plain_text(n.content).strip()) for n in links)
    total = len("".join(plain_text(block.content).split()))
    return total > 0 and linked >= _LINK_SHARE * total


def _text(block: object) -> str:
    """The start of a block's text, whatever its kind (a list's items, a table's cells)."""
    content = getattr(block, "content", None)
    if content is not None:
        return plain_text(content)[:80]
    parts = [_text(child) for name in ("blocks", "items", "head", "rows", "cells")
             for child in getattr(block, name, ())]
    return " / ".join(p for p in parts if p)[:80]


TRANSFORMS: tuple[Transform, ...] = (Transform("residue.html-region", remove_region_furniture),)
"""Runs before the residue rules, so that the page head they look at starts at the content."""
