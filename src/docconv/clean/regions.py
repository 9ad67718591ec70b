"""Site furniture by page region: what an HTML page's own markup puts in its header, footer or sidebars.

The HTML reader records on each block the furniture region it was read from (`Attr.kv` key REGION_KEY:
`header`, `footer`, `aside`, `nav`, `sidebar`, `breadcrumb`, `comment`, `related`, `ad`, `share`,
`pagination`, `byline`, `tags`; `main` or nothing for the page's content). A site's developers name
those regions, so the evidence is strong where the page agrees with it: blocks of furniture regions before
the first and after the last content block are removed (rule `furniture.html-region`), and so are rows of
links there that no region names (`furniture.html-links`: a top bar `首页 | 工作计划 | …`). A content block
is a heading or a paragraph of sentences outside furniture regions. Between content blocks a region is
only a class name that may lie (a theme calling its article column a "sidebar"), so such blocks are kept
and reported as suspect; the residue rules judge their text. A page with no content block outside
furniture regions keeps everything.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docconv.ast import (
    REGION_KEY,
    SOURCE_KEY,
    Attr,
    Block,
    Document,
    Heading,
    Image,
    Inline,
    Link,
    List,
    Meta,
    Para,
    Strong,
    Table,
    plain_text,
)
from docconv.clean.harvest import normalise_date
from docconv.clean.residue import active_rules
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.transform import Transform

RULE_ID = "furniture.html-region"
INDEX_ID = "furniture.gov-index"
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
    blocks = doc.blocks
    regions = [region(b) for b in blocks]
    # Rows and lists of links are navigation on a web page; in a Word file they may be its references.
    nav = _navigation(blocks) if (SOURCE_KEY, "html") in doc.attr.kv else ["" for _ in blocks]
    if (not any(r is not None and r not in _CONTENT for r in regions) and not any(nav)
            and not any(_is_index(b) for b in blocks)):
        return doc  # not an HTML page, or one without furniture regions, link rows or an index table
    anchors = _anchors(blocks, regions, nav)
    if not anchors:
        if any(r is not None and r not in _CONTENT for r in regions):
            log.report(RULE_ID, "no block of the page reads as its content outside furniture regions; "
                       "nothing removed by region", severity=Severity.WARNING, action=Action.KEPT)
        return doc
    _, off = active_rules(options)
    first, last = anchors[0], anchors[-1]
    first_body = next((i for i in anchors if not isinstance(blocks[i], Heading) and not _is_index(blocks[i])),
                      last)
    meta = doc.meta
    title = _title_key(doc.meta.title)
    captions = _captions(blocks, nav, first, last)
    kept: list[Block] = []
    for i, (b, r) in enumerate(zip(blocks, regions, strict=True)):
        outside = i < first or i > last
        where = "before" if i < first else "after"
        if i < first_body and isinstance(b, Table) and (labels := _index_labels(b)):
            _drop_or_keep(b, INDEX_ID, "the information-disclosure index of a government page ("
                          + "、".join(labels) + "), above the text", off=off, kept=kept, log=log)
            if INDEX_ID not in off:
                meta = _index_meta(b, meta, log)
        elif r is None or r in _CONTENT:
            if outside and nav[i]:
                _drop_or_keep(b, LINKS_ID, f"{nav[i]} {where} the page's content (site navigation)",
                              off=off, kept=kept, log=log)
            elif i in captions:
                _drop_or_keep(b, LINKS_ID, f"the title of a list of links {where} the page's content",
                              off=off, kept=kept, log=log)
            else:
                kept.append(b)
        elif r == _BYLINE and i > last:
            log.report(RULE_ID, "in the page's byline region after its content, where a report signs its "
                       "name; kept for the residue rules to judge", severity=Severity.WARNING,
                       action=Action.KEPT, text=_text(b), pos=getattr(b, "pos", None))
            kept.append(b)
        elif r == _BYLINE and i < first_body and not _is_prose(b) and not isinstance(b, Heading):
            # The author box under the title: name, time, place, a follow button.
            _drop_or_keep(b, RULE_ID, "the page's byline region above its text", off=off, kept=kept, log=log)
            if RULE_ID not in off:
                meta = _byline_date(b, meta, log)
        elif not outside:
            if r in _NEVER_CONTENT and not _is_prose(b) and not isinstance(b, Heading):
                _drop_or_keep(b, RULE_ID, f"the page's {r} region inside its content, and no sentences of "
                              "report text", off=off, kept=kept, log=log)
                continue
            log.report(RULE_ID, f"inside the page's content but in its {r} region; kept for the residue "
                       "rules to judge", severity=Severity.WARNING, action=Action.KEPT, text=_text(b),
                       pos=getattr(b, "pos", None))
            kept.append(b)
        elif i < first and title and _is_title(b, title):
            log.report(RULE_ID, f"in the page's {r} region before its content, but it is the page's title; "
                       "kept", severity=Severity.WARNING, action=Action.KEPT, text=_text(b),
                       pos=getattr(b, "pos", None))
            kept.append(b)
        else:
            _drop_or_keep(b, RULE_ID, f"the page's {r} region, {where} its content", off=off, kept=kept,
                          log=log)
    return replace(doc, blocks=tuple(kept), meta=meta)


_BYLINE = "byline"
"""The author box: page furniture above the text, but after it a class name such as `author` may mark
the report's own signature (unit and date), which the residue rules know and keep."""
_NEVER_CONTENT = frozenset({"ad", "share"})
"""Regions whose non-prose blocks go even between content blocks: a banner or share bar that splits an
article in two is never part of it, while a "sidebar" class may be a theme's name for the text column."""


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
_SHORT = 30  # characters: a line this short (a date, an author line) does not decide what a heading heads


def _is_prose(block: Block) -> bool:
    """A paragraph of sentences."""
    if not isinstance(block, Para):
        return False
    text = plain_text(block.content)
    return len(text) >= _BODY_MIN and _SENTENCE_END.search(text) is not None


def _anchors(blocks: tuple[Block, ...], regions: list[str | None], nav: list[str]) -> list[int]:
    """Indexes of the blocks that anchor the page's content, outside furniture regions.

    Sentences anchor it, and so do lists and tables that are not navigation. A heading anchors it only
    when content follows (past other headings and short lines such as a date): a heading that titles a
    sidebar's list of links ("最新文章") or a logo is not the report's.
    """
    def free(i: int) -> bool:
        return regions[i] is None or regions[i] in _CONTENT

    def body(i: int) -> bool:
        b = blocks[i]
        return free(i) and not nav[i] and (_is_prose(b) or isinstance(b, List | Table))

    out: list[int] = []
    for i, b in enumerate(blocks):
        if body(i):
            out.append(i)
        elif free(i) and isinstance(b, Heading) and _has_words(b):
            for j in range(i + 1, len(blocks)):
                if body(j):
                    out.append(i)
                    break
                nxt = blocks[j]
                short = isinstance(nxt, Para) and len(plain_text(nxt.content)) < _SHORT
                if not (free(j) and not nav[j] and (isinstance(nxt, Heading) or short)):
                    break
    return out


def _has_words(h: Heading) -> bool:
    """A heading with text of its own, not only a linked logo or picture."""
    own = "".join(plain_text((n,)) for n in h.content if not isinstance(n, Link | Image))
    return bool(own.strip())


# ------------------------------------------------------------------------------------------ navigation

_LINK_SHARE = 0.7
_ITEM_LINK_SHARE = 0.5  # a list item of a related-articles list may add a date or a view count
_PAGER = re.compile(r"^(?:\s|[|｜«»<>＜＞…·.]|上一?页|下一?页|前一?页|后一?页|首页|尾页|末页|最后一页|第一页|"
                    r"[第共]\s*\d+\s*页|当前第?\s*\d+\s*页|\d{1,3}|\[\d{1,3}\]|全文|阅读全文)+$")
_PAGER_WORD = re.compile(r"[上下前后]一?页|[第共]\s*\d+\s*页|尾页|末页")


def _navigation(blocks: tuple[Block, ...]) -> list[str]:
    """For each block, what kind of navigation it is ("" for none): a row of links, a list of links,
    one of a run of link-only lines, or a pager (上一页 1 2 3 下一页, 共3页)."""
    out = ["" for _ in blocks]
    for i, b in enumerate(blocks):
        if _link_row(b):
            out[i] = "a row of links"
        elif isinstance(b, List) and len(b.items) >= 2 and all(_link_item(it.blocks) for it in b.items):
            out[i] = "a list of links"
        elif isinstance(b, Para) and _PAGER_WORD.search(t := plain_text(b.content)) and _PAGER.match(t):
            out[i] = "a pager"
    run: list[int] = []
    for i in range(len(blocks) + 1):
        if i < len(blocks) and not out[i] and isinstance(blocks[i], Para) and _link_item(blocks[i:i + 1]):
            run.append(i)
            continue
        if len(run) >= 2:
            for j in run:
                out[j] = "one of a run of link-only lines"
        run = []
    return out


def _external_links(content: tuple[Inline, ...]) -> list[Link]:
    # Links inside the document (#section) are a table of contents, part of the document itself.
    return [n for n in content if isinstance(n, Link) and not n.target.startswith("#")]


def _link_row(block: Block) -> bool:
    """A paragraph that is mostly links (two or more): a menu or a list of related pages."""
    if not isinstance(block, Para):
        return False
    links = _external_links(block.content)
    if len(links) < 2:
        return False
    return _linked_share(block.content, links) >= _LINK_SHARE


def _link_item(blocks: tuple[Block, ...]) -> bool:
    """A list item or line that is one link, perhaps with a date beside it."""
    if len(blocks) != 1 or not isinstance(blocks[0], Para):
        return False
    links = _external_links(blocks[0].content)
    return len(links) >= 1 and _linked_share(blocks[0].content, links) >= _ITEM_LINK_SHARE


def _linked_share(content: tuple[Inline, ...], links: list[Link]) -> float:
    linked = sum(len("".join(plain_text(n.content).split())) for n in links)
    total = len("".join(plain_text(content).split()))
    return linked / total if total else 0.0


def _captions(blocks: tuple[Block, ...], nav: list[str], first: int, last: int) -> set[int]:
    """Headings outside the content that title navigation right below them ("热门文章" over its links)."""
    return {i for i, b in enumerate(blocks[:-1])
            if (i < first or i > last) and isinstance(b, Heading | Para) and _caption_like(b) and nav[i + 1]
            and (i + 1 < first or i + 1 > last) and len(plain_text(b.content)) <= _SHORT}


def _caption_like(b: Block) -> bool:
    """A heading, or a line that is all bold (a sidebar box's title in a table layout)."""
    return isinstance(b, Heading) or (isinstance(b, Para) and len(b.content) == 1
                                      and isinstance(b.content[0], Strong))


_TITLE_MIN = 4


def _title_key(title: str | None) -> str:
    return "".join((title or "").split())


def _is_title(block: Block, title: str) -> bool:
    """A heading or short line that opens the page's `<title>` (the site name, at its end, does not)."""
    if not isinstance(block, Heading | Para):
        return False
    # A logo's alt text (`<img alt="某某中學">`) is the site's name, which the `<title>` also opens with:
    # only words the block writes itself can be the report's title.
    text = "".join(plain_text(tuple(n for n in block.content if not isinstance(n, Image))).split())
    return len(text) >= _TITLE_MIN and title.startswith(text)


def _text(block: object) -> str:
    """The start of a block's text, whatever its kind (a list's items, a table's cells)."""
    content = getattr(block, "content", None)
    if content is not None:
        return plain_text(content)[:80]
    parts = [_text(child) for name in ("blocks", "items", "head", "rows", "cells")
             for child in getattr(block, name, ())]
    return " / ".join(p for p in parts if p)[:80]


# ------------------------------------------------------------------------------- government index

# The labels of the index table a government site prints above each document it discloses (政府信息公开:
# 索引号, 发布机构, 成文日期 …). The first group are the index's own words, the rest may also head a
# report's own table.
_INDEX_OWN = ("索引号", "发布机构", "发文机关", "发文机构", "成文日期", "公开方式", "公开范围", "公开时限",
              "公开日期", "发文字号", "主题分类", "体裁分类", "组配分类", "信息类别", "有效性")
_INDEX_MORE = ("分类", "文号", "发布日期", "发文日期", "生成日期", "主题词", "关键词", "名称", "标题", "时效",
               "信息来源", "来源")
_INDEX_WORDS = "|".join(sorted(_INDEX_OWN + _INDEX_MORE, key=len, reverse=True))
_INDEX_LABEL = re.compile(rf"^\s*({_INDEX_WORDS})\s*[:：]?")
_INDEX_MIN = 3  # labels, at least two of them the index's own
_INDEX_DATE = ("成文日期", "发布日期", "公开日期", "发文日期", "生成日期")
_INDEX_SOURCE = ("发布机构", "发文机关", "发文机构")


def _cells(table: Table) -> list[str]:
    return [" ".join(plain_text(blk.content) for blk in cell.blocks
                     if isinstance(blk, Para | Heading)).strip()
            for row in (*table.head, *table.rows) for cell in row.cells]


def _index_labels(table: Table) -> list[str]:
    """The index labels of a government page's information-disclosure table, or [] for another table.

    The table pairs labels with values (`索引号：` | `001008…`, or `索引号：001008…` in one cell); it is the
    index when at least three labels stand in it and two are words only the index uses.
    """
    labels = [m.group(1) for text in _cells(table) if (m := _INDEX_LABEL.match(text))]
    distinct = list(dict.fromkeys(labels))
    own = sum(1 for label in distinct if label in _INDEX_OWN)
    return distinct if len(distinct) >= _INDEX_MIN and own >= 2 else []


def _byline_date(block: Block, meta: Meta, log: DiagnosticLog) -> Meta:
    """The post time of a removed author box (`发表于 2021-6-3 09:12`) as the document's date, where it has
    none."""
    if meta.date is not None or (date := normalise_date(_text(block))) is None:
        return meta
    log.report(RULE_ID, f"date of the page's byline moved to the metadata ({date})", action=Action.MOVED,
               text=_text(block), pos=getattr(block, "pos", None))
    return replace(meta, date=date)


def _is_index(block: Block) -> bool:
    return isinstance(block, Table) and bool(_index_labels(block))


def _index_meta(table: Table, meta: Meta, log: DiagnosticLog) -> Meta:
    """The index's date (成文日期 …) and issuer (发布机构 …) moved to the metadata where it has none."""
    cells = _cells(table)
    for k, text in enumerate(cells):
        m = _INDEX_LABEL.match(text)
        if m is None:
            continue
        value = text[m.end():].strip() or (cells[k + 1].strip() if k + 1 < len(cells) else "")
        if not value or _INDEX_LABEL.match(value):
            continue
        label = m.group(1)
        if label in _INDEX_DATE and meta.date is None and (date := normalise_date(value)) is not None:
            meta = replace(meta, date=date)
            log.report(INDEX_ID, f"date of the government index moved to the metadata ({date})",
                       action=Action.MOVED, text=value)
        elif label in _INDEX_SOURCE and meta.source is None:
            meta = replace(meta, source=value)
            log.report(INDEX_ID, "issuer of the government index moved to the metadata as its source "
                       f"({value})", action=Action.MOVED, text=value)
    return meta


TRANSFORMS: tuple[Transform, ...] = (Transform("residue.html-region", remove_region_furniture),)
"""Runs before the residue rules, so that the page head they look at starts at the content."""
