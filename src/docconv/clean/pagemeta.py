"""What a web page prints about the report beside it, read into the metadata: the information-disclosure
index of a government site (索引号, 发布机构, 成文日期 …) and the author box of a post (作者, 来源, 发表于).

The region pass (clean/regions.py) decides that such a block is furniture; this module tells it whether a
table is the index and moves the date, author and source it names to Meta, each move a diagnostic.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docconv.ast import Block, Heading, Meta, Para, Table, plain_text
from docconv.clean.harvest import normalise_date, normalise_source
from docconv.diagnostics import Action, DiagnosticLog

INDEX_ID = "furniture.gov-index"


def block_text(block: object) -> str:
    """The start of a block's text, whatever its kind (a list's items, a table's cells)."""
    content = getattr(block, "content", None)
    if content is not None:
        return plain_text(content)[:80]
    parts = [block_text(child) for name in ("blocks", "items", "head", "rows", "cells")
             for child in getattr(block, name, ())]
    return " / ".join(p for p in parts if p)[:80]


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


def table_cells(table: Table) -> list[str]:
    """The text of each cell of a table, head rows first."""
    return [" ".join(plain_text(blk.content) for blk in cell.blocks
                     if isinstance(blk, Para | Heading)).strip()
            for row in (*table.head, *table.rows) for cell in row.cells]


def index_labels(table: Table) -> list[str]:
    """The index labels of a government page's information-disclosure table, or [] for another table.

    The table pairs labels with values (`索引号：` | `001008…`, or `索引号：001008…` in one cell); it is the
    index when at least three labels stand in it and two are words only the index uses.
    """
    labels = [m.group(1) for text in table_cells(table) if (m := _INDEX_LABEL.match(text))]
    distinct = list(dict.fromkeys(labels))
    own = sum(1 for label in distinct if label in _INDEX_OWN)
    return distinct if len(distinct) >= _INDEX_MIN and own >= 2 else []


_BYLINE_FIELD = re.compile(r"(?P<field>作者|来源|出处)\s*[:：]\s*(?P<value>[^\s|｜,，:：]{1,30})")


def byline_meta(block: Block, meta: Meta, log: DiagnosticLog, *, rule: str) -> Meta:
    """The post time, author and source of a removed author box (`发表于 2021-6-3 09:12`, `作者：…`) as
    the document's, where it has none."""
    text, pos = block_text(block), getattr(block, "pos", None)
    if meta.date is None and (date := normalise_date(text)) is not None:
        log.report(rule, f"date of the page's byline moved to the metadata ({date})", action=Action.MOVED,
                   text=text, pos=pos)
        meta = replace(meta, date=date)
    for m in _BYLINE_FIELD.finditer(text):
        value = m.group("value")
        if m.group("field") == "作者" and meta.author is None:
            meta = replace(meta, author=value)
        elif m.group("field") != "作者" and meta.source is None:
            meta = replace(meta, source=normalise_source(value))
        else:
            continue
        log.report(rule, f"{m.group('field')} of the page's byline moved to the metadata ({value})",
                   action=Action.MOVED, text=text, pos=pos)
    return meta


def is_index(block: Block) -> bool:
    return isinstance(block, Table) and bool(index_labels(block))


def index_meta(table: Table, meta: Meta, log: DiagnosticLog) -> Meta:
    """The index's date (成文日期 …) and issuer (发布机构 …) moved to the metadata where it has none."""
    cells = table_cells(table)
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
