"""Furniture by page region: blocks the HTML reader found in a page's header, footer or sidebars."""

from __future__ import annotations

from dataclasses import replace

import pytest

from docconv import ast
from docconv import builder as b
from docconv.ast import REGION_KEY, SOURCE_KEY, Attr
from docconv.clean.regions import remove_region_furniture
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.errors import OptionError
from docconv.options import Options
from docconv.readers.html import PAGE_ATTR, read_html

BODY = "本年度中心围绕居民健康这一中心任务，扎实推进公共卫生服务，各项指标均完成了年度目标。"


def at(block: ast.Para, region: str) -> ast.Para:
    return ast.Para(content=block.content, attr=Attr(kv=((REGION_KEY, region),)))


def texts(doc: ast.Document) -> list[str]:
    return [ast.plain_text(blk.content) for blk in doc.blocks if isinstance(blk, ast.Para | ast.Heading)]


def page() -> ast.Document:
    return b.document(
        at(b.para("某某范文网"), "header"),
        at(b.para("当前位置：首页 > 工作总结"), "breadcrumb"),
        at(b.para("年度工作总结"), "main"),
        b.para(BODY),
        at(b.para("相关阅读"), "sidebar"),  # between content blocks: a class name that may lie
        b.para(BODY),
        at(b.para("分享到：微信 微博"), "share"),
        at(b.para("Copyright 2023 某某范文网"), "footer"),
    )


def test_the_reader_writes_the_keys_the_cleaner_reads() -> None:
    page = read_html("<body><footer><p>版权所有</p></footer></body>", Options(), DiagnosticLog())
    assert page.attr == PAGE_ATTR
    assert (SOURCE_KEY, "html") in page.attr.kv
    assert (REGION_KEY, "footer") in page.blocks[0].attr.kv


def test_furniture_regions_around_the_content_go_and_inside_it_stay_as_suspects() -> None:
    log = DiagnosticLog()
    doc = remove_region_furniture(page(), Options(), log)
    assert texts(doc) == ["年度工作总结", BODY, "相关阅读", BODY]
    removed = [d.text for d in log if d.action is Action.REMOVED]
    assert removed == ["某某范文网", "当前位置：首页 > 工作总结", "分享到：微信 微博", "Copyright 2023 某某范文网"]
    [kept] = [d for d in log if d.action is Action.KEPT]
    assert (kept.text, kept.severity) == ("相关阅读", Severity.WARNING)


def test_a_list_in_a_related_region_goes_whole() -> None:
    related = ast.List(items=(b.item("乡镇卫生院工作总结"), b.item("社区卫生站年度总结")), ordered=False,
                       attr=Attr(kv=((REGION_KEY, "related"),)))
    log = DiagnosticLog()
    doc = remove_region_furniture(b.document(b.para(BODY), related), Options(), log)
    assert doc.blocks == (b.para(BODY),)
    [d] = list(log)
    assert d.text == "乡镇卫生院工作总结 / 社区卫生站年度总结"


def test_a_page_with_every_block_in_a_furniture_region_keeps_everything() -> None:
    # A theme that calls its article column "sidebar": no content block anchors the zones.
    doc = b.document(at(b.para(BODY), "sidebar"), at(b.para(BODY), "sidebar"))
    log = DiagnosticLog()
    assert remove_region_furniture(doc, Options(), log) == doc
    assert [d.severity for d in log] == [Severity.WARNING]


def test_keep_turns_the_rule_off() -> None:
    for keep in ("furniture.html-region", "furniture"):
        log = DiagnosticLog()
        doc = remove_region_furniture(page(), Options(keep_rules=(keep,)), log)
        assert doc == page()
        assert not any(d.action is Action.REMOVED for d in log)


def test_unknown_keep_names_are_still_refused() -> None:
    with pytest.raises(OptionError):
        remove_region_furniture(page(), Options(keep_rules=("furniture.html-regions",)), DiagnosticLog())


def test_documents_without_regions_are_untouched() -> None:
    doc = b.document(b.para("某某范文网"), b.para(BODY))
    log = DiagnosticLog()
    assert remove_region_furniture(doc, Options(), log) is doc
    assert not list(log)


def test_idempotent() -> None:
    once = remove_region_furniture(page(), Options(), DiagnosticLog())
    assert remove_region_furniture(once, Options(), DiagnosticLog()) == once


def links(*labels: str) -> ast.Para:
    parts: list[ast.Inline] = []
    for label in labels:
        if parts:
            parts.append(b.text(" | "))
        parts.append(ast.Link(content=(b.text(label),), target="/"))
    return ast.Para(content=tuple(parts))


def test_a_row_of_links_before_the_content_goes_and_does_not_anchor_the_zones() -> None:
    # A top bar in a container no class names: it is not content, so the breadcrumb after it is still
    # before the content.
    doc = replace(b.document(links("某某网", "工作计划", "工作总结"),
                             at(b.para("您的位置：首页 > 工作计划"), "breadcrumb"),
                             b.heading(1, "年度工作计划"), b.para(BODY), at(b.para("Copyright 某某网"), "footer")),
                  attr=PAGE_ATTR)
    log = DiagnosticLog()
    out = remove_region_furniture(doc, Options(), log)
    assert texts(out) == ["年度工作计划", BODY]
    assert [d.rule for d in log if d.action is Action.REMOVED] == [
        "furniture.html-links", "furniture.html-region", "furniture.html-region"]


def test_links_inside_the_content_and_prose_with_a_link_stay() -> None:
    prose = ast.Para(content=(b.text("详见"), ast.Link(content=(b.text("实施方案"),), target="/a"),
                              b.text("和"), ast.Link(content=(b.text("考核办法"),), target="/b"),
                              b.text("，各单位要认真组织学习，抓好贯彻落实，确保各项任务按期完成。")))
    doc = b.document(b.para(BODY), links("附件一", "附件二"), b.para(BODY), prose,
                     at(b.para("Copyright 某某网"), "footer"))
    out = remove_region_furniture(doc, Options(), DiagnosticLog())
    assert out.blocks == doc.blocks[:4]
