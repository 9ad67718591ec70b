"""HTML blind test 4: page shapes of blog, forum, mobile, print and web-archive pages, in pages of our own.

Each general fix has a test that fails without it and a lookalike that must stay: report text of the
same shape.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docconv import ast
from docconv import builder as b
from docconv.ast import REGION_KEY, Attr, plain_text
from docconv.clean.regions import remove_region_furniture
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options
from docconv.pipeline import convert_bytes
from docconv.readers.html import PAGE_ATTR, read_html
from tests.support import FIXTURES
from tests.test_html_redteam import check_keep_gone, read, texts
from tests.test_html_redteam import web_page as page

PAGES_DIR = FIXTURES / "html" / "redteam4"
BODY = "本年度我们围绕中心任务扎实推进各项工作，主要指标均完成了年初确定的目标，群众满意度稳步提高。"
BODY2 = "下一步，我们将继续查找不足、补齐短板，推动各项工作再上新台阶，为全县发展作出新的贡献。"
BODY3 = ("全年共组织专题培训六期，参训干部四百余人次，干部队伍的业务能力和服务水平明显提升。"
         "各科室之间的协作更加顺畅，办事效率进一步提高。")


def convert(src: str | Path) -> tuple[str, DiagnosticLog]:
    data = src.read_bytes() if isinstance(src, Path) else src.encode("utf-8")
    result = convert_bytes(data, to="markdown", path="page.html", options=Options())
    assert isinstance(result.output, str)
    return result.output, result.diagnostics


def regions(doc: ast.Document) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for blk in doc.blocks:
        key = plain_text(blk.content) if isinstance(blk, ast.Para | ast.Heading) else type(blk).__name__
        out[key] = dict(blk.attr.kv).get(REGION_KEY)
    return out


def links(*labels: str) -> ast.List:
    return ast.List(items=tuple(ast.ListItem(blocks=(ast.Para(content=(ast.Link(
        content=(ast.Text(text=label),), target=f"http://example.org/{i}.html"),)),))
        for i, label in enumerate(labels)), ordered=False)


# page → (must keep, must be gone)
PAGES: dict[str, tuple[list[str], list[str]]] = {
    "01-blog-sidebar.html": (["# 初三年级组教学工作小结（2024学年上学期）", "## 一、抓实集体备课", "## 二、做好分层辅导",
                              "力争中考再创佳绩。"],
                             ["主页", "加为好友", "等级", "2,048", "课堂随想", "杏坛手记", "标签", "转发", "晨曦老师"]),
    "02-forum-thread.html": (["# 2023年度社区居委会主任述职报告", "## 一、主要工作", "述职人：王××", "2024年1月5日"],
                             ["[交流]", "<table>", "208", "积分", "为居民办实事", "-----"]),
    "03-report-links.html": (["## 三、参考文件", "可在以下页面查阅：", "法治政府建设实施纲要](http",
                              "某某县行政执法公示办法](http", "2024年2月1日"],
                             ["乡镇法治建设工作总结", "依法行政工作计划"]),
    "04-archive-print.html": (["# 某某街道办事处2023年工作报告", "## 二、民生保障有力", "群众获得感进一步增强。",
                               "2024年1月12日"],
                              ["captures", "MAR", "跳到正文", "展开全文", "返回上页", "关闭", "【】", "---"]),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_keeps_the_report_and_drops_the_furniture(name: str) -> None:
    check_keep_gone(convert(PAGES_DIR / name)[0], *PAGES[name])


# ------------------------------------------------------------------ D1: the report's own list of links


def test_a_list_of_links_under_the_reports_numbered_heading_stays() -> None:
    doc = page(b.heading(2, "一、工作情况"), b.para(BODY), b.heading(2, "二、相关链接"),
               b.para("本报告涉及的政策文件可通过以下链接查阅："), links("某某条例", "某某办法"), b.para("2024年3月1日"))
    log = DiagnosticLog()
    out = remove_region_furniture(doc, Options(), log)
    assert any(isinstance(x, ast.List) for x in out.blocks)
    [kept] = [d for d in log if d.rule == "furniture.html-links" and d.action is Action.KEPT]
    assert "numbered heading" in kept.message


def test_a_related_list_after_the_content_still_goes() -> None:
    # Lookalike: a caption and a lead-in of the site's, no outline, no signature.
    doc = page(b.para(BODY), b.para(BODY2), b.para("更多精彩范文请点击下面的链接："), links("工作总结范文", "述职报告范文"))
    out = remove_region_furniture(doc, Options(), DiagnosticLog())
    assert not any(isinstance(x, ast.List) for x in out.blocks)


def test_one_piece_of_evidence_does_not_keep_a_list() -> None:
    doc = page(b.para(BODY), b.heading(2, "相关阅读"), links("工作总结范文", "述职报告范文"), b.para("2024年3月1日"))
    out = remove_region_furniture(doc, Options(), DiagnosticLog())
    assert not any(isinstance(x, ast.List) for x in out.blocks)


# ------------------------------------------------------------- D2: a name's token against the content


def test_an_article_column_named_with_an_ad_token_is_not_an_ad_region() -> None:
    doc, log = read(f'<body><div id="kw_ad_area" class="post_body"><p>{BODY}</p><p>一、抓好常规</p>'
                    f'<p>{BODY3}</p><p>二、存在不足</p><p>{BODY2}</p></div></body>')
    assert set(regions(doc).values()) == {None}
    assert any(d.rule == "read.html.region-text" for d in log)


def test_a_real_ad_box_inside_the_article_is_still_an_ad_region() -> None:
    doc, _ = read(f'<body><p>{BODY}</p><div class="ad-box"><p>名师辅导，限时优惠！</p></div><p>{BODY2}</p></body>')
    assert regions(doc)["名师辅导，限时优惠！"] == "ad"


# ------------------------------------------------------------------------- D12: profile and stat boxes


def test_a_box_of_counts_before_the_content_goes() -> None:
    stats = ast.List(items=(b.item("博客等级：12"), b.item("访问：93,517"), b.item("课堂随想(41)")), ordered=False)
    out = remove_region_furniture(page(stats, b.para(BODY), b.para(BODY2)), Options(), DiagnosticLog())
    assert not any(isinstance(x, ast.List) for x in out.blocks)


def test_a_reports_list_of_figures_with_units_stays() -> None:
    figures = ast.List(items=(b.item("受理件数：1203件"), b.item("办结率：98%")), ordered=False)
    out = remove_region_furniture(page(figures, b.para(BODY)), Options(), DiagnosticLog())
    assert any(isinstance(x, ast.List) for x in out.blocks)


def test_a_row_of_script_buttons_is_a_region_and_a_link_in_a_sentence_is_not() -> None:
    doc, _ = read(f'<body><div><a href="#">加为好友</a><a href="#">发送消息</a></div>'
                  f'<p>详见<a href="#">附表</a>。{BODY}</p></body>')
    got = regions(doc)
    assert got["加为好友 发送消息"] == "buttons"
    assert got[f"详见附表。{BODY}"] is None


def test_menu_items_wrapped_in_spans_are_read_apart_but_spans_in_text_stay_glued() -> None:
    doc, _ = read('<body><div id="x"><span><a href="/a">主页</a></span><span><a href="/b">日志</a></span></div>'
                  '<p><span>工作</span><span>总结</span></p></body>')
    assert texts(doc) == ["主页 日志", "工作总结"]


@pytest.mark.parametrize(("name", "region"), [("blognav", "nav"), ("leftmenu", "nav"), ("allComm", "comment"),
                                              ("path", "breadcrumb"), ("entry-meta", "byline"),
                                              ("sign", "signature"), ("unavailable", None),
                                              ("entry-content", None)])
def test_region_words(name: str, region: str | None) -> None:
    doc, _ = read(f'<body><div class="{name}"><p>某某</p></div></body>')
    assert regions(doc)["某某"] == region


def test_the_blogs_name_from_the_title_goes_but_the_title_line_stays() -> None:
    doc = ast.Document(meta=ast.Meta(title="年级组工作小结_杏坛手记_某某博客"), attr=PAGE_ATTR, blocks=(
        b.para("杏坛手记"), b.para("年级组工作小结"), b.para(BODY)))
    out = remove_region_furniture(doc, Options(), DiagnosticLog())
    assert texts(out) == ["年级组工作小结", BODY]


# ------------------------------------------------------------------------------ D11: forum signatures


def test_a_posters_signature_goes_and_a_signed_date_stays() -> None:
    def sig(text: str) -> ast.Para:
        return ast.Para(content=(ast.Text(text=text),), attr=Attr(kv=((REGION_KEY, "signature"),)))
    doc = page(b.para(BODY), sig("为居民办实事，为社区添光彩。"), b.para(BODY2), sig("某某区人民政府办公室"),
               sig("2024年1月20日"))
    out = remove_region_furniture(doc, Options(), DiagnosticLog())
    assert texts(out) == [BODY, BODY2, "某某区人民政府办公室", "2024年1月20日"]


# -------------------------------------------------------------------- D16: rules around the furniture


def test_rules_outside_the_content_go_and_a_rule_inside_stays() -> None:
    doc = page(b.para("报告标题"), ast.HorizontalRule(), b.para(BODY), ast.HorizontalRule(), b.para(BODY2),
               ast.HorizontalRule())
    out = remove_region_furniture(doc, Options(), DiagnosticLog())
    assert [type(x).__name__ for x in out.blocks] == ["Para", "Para", "HorizontalRule", "Para"]


def test_a_rule_above_a_line_after_the_content_stays() -> None:
    doc = page(b.para(BODY), ast.HorizontalRule(), b.para("本页地址：某某"))
    out = remove_region_furniture(doc, Options(), DiagnosticLog())
    assert any(isinstance(x, ast.HorizontalRule) for x in out.blocks)


def test_rules_in_a_word_document_are_not_touched() -> None:
    doc = ast.Document(blocks=(ast.HorizontalRule(), b.para(BODY)))
    assert remove_region_furniture(doc, Options(), DiagnosticLog()) == doc


# ------------------------------------------------------------- D13, D19: controls of the page or archive


def test_skip_links_and_screen_reader_text_go_but_a_table_of_contents_stays() -> None:
    doc, _ = read('<body><a class="skip-link" href="#main">跳到正文</a><p><span class="sr-only">发布于</span>'
                  '2024年</p><p><a href="#sec2">二、主要做法</a></p></body>')
    assert texts(doc) == ["2024年", "二、主要做法"]


def test_browser_command_buttons_go_but_script_links_in_text_stay() -> None:
    doc, log = read('<body><div><a href="javascript:history.back()">回上一頁</a></div><p>【<a href="javascript:'
                    'window.print()">打印</a>】【<a href="#" onclick="window.close();">关闭</a>】</p>'
                    '<p>详见<a href="javascript:;">附件一</a>。</p></body>')
    assert texts(doc) == ["详见附件一。"]
    assert sum(1 for d in log if d.rule == "read.html.control") == 2


def test_the_archive_toolbar_goes_but_a_similar_id_stays() -> None:
    doc, _ = read('<body><div id="wm-ipp-base"><table><tr><td>MAR</td><td>APR</td></tr></table></div>'
                  '<div id="wm-ippo"><p>正文</p></div></body>')
    assert texts(doc) == ["正文"]


# ----------------------------------------------------------------------- D15: text collapsed by CSS


def test_the_unfold_button_of_a_collapsed_box_goes_without_an_incomplete_warning() -> None:
    out, log = convert(f'<html><body><div style="max-height:200px;overflow:hidden"><p>{BODY}</p><p>{BODY2}</p>'
                       f'<p>{BODY3}</p></div><div><a href="javascript:;">展开全文</a></div></body></html>')
    assert "展开全文" not in out
    assert BODY2 in out
    assert any(d.rule == "read.html.expander" for d in log)
    assert not any(d.rule.startswith("truncation") for d in log)


def test_a_read_more_link_to_another_page_is_not_an_expander() -> None:
    doc, log = read(f'<body><div style="max-height:200px;overflow:hidden"><p>{BODY}</p><p>{BODY2}</p>'
                    f'<p>{BODY3}</p></div><div><a href="/full/1.html">展开全文</a></div></body>')
    assert "展开全文" in texts(doc)
    assert not any(d.rule == "read.html.expander" for d in log)


# ------------------------------------------------------------------------- D21–D24: the title


def test_a_threads_tagged_title_gives_way_to_its_untagged_copy() -> None:
    out, log = convert(f'<html><body><h1><a href="f.php?type=3">[分享]</a> 社区居委会述职报告</h1>'
                       f'<p><a href="u1.html">老王</a></p><p>社区居委会述职报告</p><p>{BODY}</p></body></html>')
    assert out.startswith("# 社区居委会述职报告\n")
    assert out.count("社区居委会述职报告") == 1
    assert any(d.rule == "structure.title-tag" for d in log)


def test_a_tagged_title_without_a_copy_keeps_its_tag() -> None:
    out, _ = convert(f"<html><body><h1>【调研报告】社区养老服务现状</h1><p>{BODY}</p></body></html>")
    assert out.startswith("# 【调研报告】社区养老服务现状\n")


def test_the_line_the_page_title_names_is_the_title() -> None:
    out, log = convert("<html><head><title>初三年级组工作小结_杏坛手记_某某博客</title></head><body>"
                       f"<p>点我关注</p><h2>初三年级组工作小结</h2><p>{BODY}</p></body></html>")
    assert "# 初三年级组工作小结\n" in out
    assert any(d.rule == "structure.title-below" for d in log)


def test_the_first_line_stays_the_title_when_the_page_title_names_it() -> None:
    out, _ = convert("<html><head><title>初三年级组工作小结_某某博客</title></head><body>"
                     f"<p>初三年级组工作小结</p><p>附件一</p><p>{BODY}</p></body></html>")
    assert out.startswith("# 初三年级组工作小结\n")


# ------------------------------------------------------------------------------------- idempotence


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_region_transform_is_idempotent(name: str) -> None:
    doc = read_html((PAGES_DIR / name).read_text(encoding="utf-8"), Options(), DiagnosticLog())
    once = remove_region_furniture(doc, Options(), DiagnosticLog())
    assert remove_region_furniture(once, Options(), DiagnosticLog()) == once
