"""Furniture by page region: blocks the HTML reader found in a page's header, footer or sidebars."""

from __future__ import annotations

from dataclasses import replace

import pytest

from docconv import ast, pipeline
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


def read_page(html: str) -> tuple[ast.Document, DiagnosticLog]:
    log = DiagnosticLog()
    doc = read_html(html, Options(), log)
    return remove_region_furniture(doc, Options(), log), log


REPORT_PAGE = """<html><body><article>
<h1>2024年度质控科科长述职报告</h1>
<div class="Post-Author"><div class="AuthorInfo"><a href="/people/u1">医疗质控小陈</a>
<div class="badge">三甲医院质控工作者</div></div></div>
<div class="text"><p>{body}</p><p>{body}</p></div>
<div class="TopicList"><a href="/topic/1">述职报告</a><a href="/topic/2">医疗质量</a></div>
<div class="comments"><div class="comment"><span class="author">路过的护士</span><p>写得真好</p></div></div>
<p class="author">质控科 陈某某</p>
</article></body></html>"""


def test_an_author_box_above_the_text_and_a_tag_row_below_it_go() -> None:
    doc, log = read_page(REPORT_PAGE.format(body=BODY))
    got = texts(doc)
    assert got[:3] == ["2024年度质控科科长述职报告", BODY, BODY]
    removed = {d.text: d.message for d in log if d.action is Action.REMOVED}
    assert "byline region" in removed["医疗质控小陈"]
    assert "byline region" in removed["三甲医院质控工作者"]
    # The tags were two links side by side: read apart, not glued into one word.
    assert "tags region" in removed["述职报告 医疗质量"]


def test_a_commenters_name_belongs_to_the_comments_and_a_byline_after_the_text_stays() -> None:
    doc, log = read_page(REPORT_PAGE.format(body=BODY))
    removed = {d.text: d.message for d in log if d.action is Action.REMOVED}
    assert "comment region" in removed["路过的护士"]
    # After the text, an "author" class may be the report's own signature: kept for the residue rules.
    assert texts(doc)[-1] == "质控科 陈某某"
    [kept] = [d for d in log if d.text == "质控科 陈某某"]
    assert (kept.action, kept.severity) == (Action.KEPT, Severity.WARNING)


def test_a_column_that_calls_itself_content_is_not_an_author_box() -> None:
    html = f"<body><h1>工作总结</h1><div class='author-content'><p>{BODY}</p></div><p>{BODY}</p></body>"
    doc, _ = read_page(html)
    assert texts(doc) == ["工作总结", BODY, BODY]


def test_a_dated_byline_above_the_text_goes_and_its_date_moves_to_the_metadata() -> None:
    html = (f"<body><h1>村委会换届选举工作总结</h1><div class='authi'><em class='author'>发表于 2022-5-6 08:30"
            f"</em></div><div class='post'><p>{BODY}</p><p>{BODY}</p></div>"
            f"<div class='authi'><span class='author'>村民小张</span><span>2022-5-7 09:00</span><span>河南</span>"
            f"<span>关注</span></div><p>{BODY}</p></body>")
    result = pipeline.convert_bytes(html.encode(), to="json", options=Options(), path="x.html")
    assert result.document.meta.date == "2022-05-06T08:30:00"
    assert "发表于" not in "".join(texts(result.document))


def test_links_glued_side_by_side_are_read_as_separate_words() -> None:
    log = DiagnosticLog()
    doc = read_html('<p><a href="#">工作总结</a><a href="#">述职报告</a></p>'
                    '<p>见<a href="/f">一号</a><a href="/f">文件</a>。</p>', Options(), log)
    assert texts(doc) == ["工作总结 述职报告", "见一号文件。"]


def test_a_logo_whose_alt_text_opens_the_page_title_is_not_kept_as_the_title() -> None:
    html = (f"<html><head><title>某某实验小学-通知公告</title></head><body>"
            f"<div id='header'><img src='logo.png' alt='某某实验小学'></div>"
            f"<div class='news'><h2>某某实验小学2024学年德育工作总结</h2><p>{BODY}</p></div></body></html>")
    doc, _ = read_page(html)
    assert not any(isinstance(blk, ast.Para) and any(isinstance(n, ast.Image) for n in blk.content)
                   for blk in doc.blocks)
    assert texts(doc) == ["某某实验小学2024学年德育工作总结", BODY]
    # A heading in the header region that writes the title's words itself is still kept.
    html2 = html.replace("<img src='logo.png' alt='某某实验小学'>", "<h1>某某实验小学</h1>")
    assert texts(read_page(html2)[0])[0] == "某某实验小学"


def test_the_spans_of_an_author_box_are_read_apart_but_spans_in_the_text_are_not() -> None:
    html = ("<body><div class='author-box'><span class='name'>基层笔记</span><span class='time'>2024-01-10 16:30"
            "</span><span class='place'>杭州</span></div><div class='text'><p>全年<span>完成</span><span>投资</span>"
            "八千万元。</p></div></body>")
    doc = read_html(html, Options(), DiagnosticLog())
    assert texts(doc) == ["基层笔记 2024-01-10 16:30 杭州", "全年完成投资八千万元。"]


GOV_PAGE = """<html><head><title>某某街道2024年工作总结_计划总结_某某区人民政府</title></head><body>
<div class="position">当前位置：首页 &gt; 政务公开</div>
<table><tr><td>索引号：</td><td>113301/2024-00321</td><td>主题分类：</td><td>计划总结</td></tr>
<tr><td>发布机构：</td><td>某某街道办事处</td><td>成文日期：</td><td>2024-01-08</td></tr></table>
<h1>某某街道2024年工作总结</h1><p>{body}</p><p>{body}</p>
<table><tr><td>项目</td><td>完成情况</td></tr><tr><td>公开方式</td><td>主动公开</td></tr>
<tr><td>发布机构</td><td>街道党政办</td></tr><tr><td>索引号</td><td>已编制</td></tr></table>
</body></html>"""


def test_a_government_index_table_above_the_text_goes_and_its_date_and_issuer_move_to_the_metadata() -> None:
    doc, log = read_page(GOV_PAGE.format(body=BODY))
    tables = [blk for blk in doc.blocks if isinstance(blk, ast.Table)]
    assert len(tables) == 1  # the report's own table below the text stays, whatever its words
    assert doc.meta.date == "2024-01-08"
    assert doc.meta.source == "某某街道办事处"
    [gone] = [d for d in log if d.rule == "furniture.gov-index" and d.action is Action.REMOVED]
    assert "索引号" in gone.message


def test_a_table_with_a_few_index_words_is_not_an_index() -> None:
    html = (f"<body><h1>工作总结</h1><table><tr><td>名称：</td><td>文化站</td><td>分类：</td><td>乡镇</td></tr>"
            f"<tr><td>来源：</td><td>统计</td></tr></table><p>{BODY}</p></body>")
    doc, _ = read_page(html)
    assert any(isinstance(blk, ast.Table) for blk in doc.blocks)


def test_keep_leaves_the_government_index() -> None:
    log = DiagnosticLog()
    doc = remove_region_furniture(read_html(GOV_PAGE.format(body=BODY), Options(), log),
                                  Options(keep_rules=("furniture.gov-index",)), log)
    assert sum(isinstance(blk, ast.Table) for blk in doc.blocks) == 2
    assert doc.meta.date is None
