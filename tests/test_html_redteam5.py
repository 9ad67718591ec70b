"""HTML blind test 5: an article the site split into pages, saved by a crawler as one page.

Between the pages stand the site's pager (`共3页: 1 2 3 下一页`) and the article's title again with a page
suffix (`…(2)`); where the site cut the text by length, a sentence is split across the seam. The pages
here are our own; each shape has a test that fails without the fix and a lookalike that must stay.
"""

from __future__ import annotations

import pytest

from docconv import ast
from docconv import builder as b
from docconv.clean.regions import remove_region_furniture
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.pipeline import convert_bytes
from tests.test_html_redteam import web_page
from tests.test_html_redteam4 import convert

TITLE = "某街道2023年度生活垃圾分类工作总结"
P1 = "2023年，街道以“分类进社区、文明入万家”为主线，推动生活垃圾分类工作提质扩面，居民参与率明显提高。"
P2 = "全年新建分类投放点46个、改造垃圾房18处，辖区21个小区实现定时定点投放全覆盖，配备督导员"
P3 = "112名。厨余垃圾日均分出量达到38吨，较上年增长三成以上，其他垃圾量持续下降。"
P4 = "开展“小手拉大手”进校园活动30余场，评选“分类示范家庭”260户，营造了人人参与的良好氛围。"
P5 = "下一步，街道将加强分类运输环节监管，杜绝混装混运，巩固提升分类成效，推动"
P6 = "垃圾分类成为居民的自觉行动和生活习惯。"
JOINED_A = P2 + P3
JOINED_B = P5 + P6


def paged(pager: list[str], page_title: list[str], *, pager_class: str = "pagelist",
          title_tag: str = "h2") -> str:
    """A three-page article as a crawler merges it: `pager[k]` and `page_title[k]` (k = 0, 1) stand
    between pages k+1 and k+2."""
    def between(k: int) -> str:
        return (f'</div><div class="{pager_class}">{pager[k]}</div>'
                f'<div class="title"><{title_tag}>{page_title[k]}</{title_tag}></div><div class="content">')
    return (f'<html><head><meta charset="utf-8"><title>{TITLE}_某某范文网</title></head><body>'
            f'<div class="header"><a href="/">某某范文网</a></div>'
            f'<div class="title"><h1>{TITLE}</h1></div><div class="content">'
            f"<p>{P1}</p><p><strong>一、设施建设</strong></p><p>{P2}</p>{between(0)}"
            f"<p>{P3}</p><p><strong>二、宣传引导</strong></p><p>{P4}</p><p><strong>三、下步打算</strong></p>"
            f"<p>{P5}</p>{between(1)}<p>{P6}</p></div>"
            '<div class="footer">某某范文网 版权所有</div></body></html>')


def dede_pager(current: int, stem: str = "/gz/2024/0311") -> str:
    items = ["<li>共3页:</li>"]
    for n in (1, 2, 3):
        url = f"{stem}.html" if n == 1 else f"{stem}_{n}.html"
        items.append(f"<li><b>{n}</b></li>" if n == current else f'<li><a href="{url}">{n}</a></li>')
    items.append(f'<li><a href="{stem}_{current + 1}.html">下一页</a></li>')
    return "<ul>" + "".join(items) + "</ul>"


def query_pager(current: int) -> str:
    links = [f'<a href="show.php?id=88&amp;page={n}">{n}</a>' if n != current else f"<span>{n}</span>"
             for n in (1, 2, 3)]
    return f'<p><a href="show.php?id=88&amp;page={current - 1}">上一页</a> {" ".join(links)} </p>'


def wp_pager(current: int) -> str:
    links = [f"<span>{n}</span>" if n == current else
             f'<a href="/2024/03/report/{n if n > 1 else ""}">{n}</a>' for n in (1, 2, 3)]
    return "<p>Pages: " + " ".join(links) + "</p>"


def body_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.strip()]


EXPECTED = [f"# {TITLE}", P1, "## 一、设施建设", JOINED_A, "## 二、宣传引导", P4, "## 三、下步打算", JOINED_B]


@pytest.mark.parametrize(("pager", "titles", "pager_class"), [
    # a pagination region (DedeCMS-like list, addresses `…_2.html`), titles `…(2)`
    ([dede_pager(1), dede_pager(2)], [f"{TITLE}(2)", f"{TITLE}(3)"], "pagelist"),
    # a box no class names, numbers linking to `?page=N` of the same article, titles `…（第2页）`
    ([query_pager(2), query_pager(3)], [f"{TITLE}（第2页）", f"{TITLE}（第3页）"], "pg"),
    # text only: pager words around a run of page numbers, titles `…_2`
    (["上一页 1 2 3 下一页", "上一页 1 2 3 下一页"], [f"{TITLE}_2", f"{TITLE}_3"], "box"),
    # a blog's page links (`Pages: 1 2 3`, addresses `…/report/2/`), titles `…（2）` in full width
    ([wp_pager(1), wp_pager(2)], [f"{TITLE}（２）", f"{TITLE}（３）"], "page-links"),
    # the bare title repeated over each page, beside a pager
    ([dede_pager(1), dede_pager(2)], [TITLE, TITLE], "pages"),
])
def test_merged_pages_read_as_one_article(pager: list[str], titles: list[str], pager_class: str) -> None:
    out, log = convert(paged(pager, titles, pager_class=pager_class))
    assert body_lines(out) == EXPECTED
    joins = [d for d in log if d.rule == "repair.join-paragraphs" and "pages cut apart" in d.message]
    assert len(joins) == 2
    removed = {d.rule for d in log if d.action is Action.REMOVED and "pages" in d.message and "article" in d.message}
    assert "duplicate.repeated-title" in removed
    assert removed & {"furniture.html-region", "furniture.html-links"}


def test_a_page_that_ends_a_sentence_is_not_joined_to_the_next() -> None:
    html = paged([dede_pager(1), dede_pager(2)], [f"{TITLE}(2)", f"{TITLE}(3)"])
    html = html.replace(P5, P5 + "，全面提升工作水平。").replace(P2, P2 + "若干名。")
    out, log = convert(html)
    assert "(2)" not in out
    assert "共3页" not in out
    lines = body_lines(out)
    assert P2 + "若干名。" in lines
    assert P3 in lines
    assert P6 in lines
    assert not [d for d in log if "pages cut apart" in d.message]


def test_a_heading_before_the_seam_is_not_joined_to_the_text_after_it() -> None:
    html = paged([dede_pager(1), dede_pager(2)], [f"{TITLE}(2)", f"{TITLE}(3)"])
    html = html.replace(f"<p>{P5}</p>", f"<p>{P5}生活习惯。</p><p><strong>四、工作要求</strong></p>")
    out, _ = convert(html)
    lines = body_lines(out)
    assert "## 四、工作要求" in lines
    assert P6 in lines


def test_keep_turns_the_pager_removal_off_and_nothing_is_joined() -> None:
    html = paged([dede_pager(1), dede_pager(2)], [f"{TITLE}(2)", f"{TITLE}(3)"])
    result = convert_bytes(html.encode(), to="markdown", path="p.html",
                           options=Options(keep_rules=("furniture.html-region", "duplicate.repeated-title")))
    assert isinstance(result.output, str)
    assert "共3页" in result.output
    assert f"{TITLE}(2)" in result.output
    assert not [d for d in result.diagnostics if "pages cut apart" in d.message]


# ------------------------------------------------------------------------------------------ lookalikes

REPORT = "本次检查共抽查台账资料120份，问题清单详见第1页至第3页，整改时限为一个月。"


def test_report_text_about_pages_and_numbered_lists_stay() -> None:
    """A sentence citing 第1页, a list of numbered items, a bare list of numbers with no pager evidence,
    and a heading ending in （2） that is not the article's title: all the report's."""
    html = (f'<html><head><meta charset="utf-8"><title>{TITLE}</title></head><body><h1>{TITLE}</h1>'
            f"<p>{P1}</p><p>{REPORT}</p>"
            "<ol><li>抽查小区12个</li><li>抽查投放点40个</li><li>抽查收运车辆8辆</li></ol>"
            "<p>各组人数如下：</p><ul><li>1</li><li>2</li><li>3</li></ul>"
            "<h2>（二）分类督导（2）</h2>"
            f"<p>{P4}</p><p>第1页</p><p>{P3}</p></body></html>")
    out, log = convert(html)
    for text in (P1, REPORT, "抽查小区12个", "抽查收运车辆8辆", "各组人数如下：", "（二）分类督导（2）", P4, "第1页", P3):
        assert text in out, text
    assert "- 1\n" in out
    assert "- 3" in out
    assert not [d for d in log if d.action is Action.REMOVED and d.rule.startswith(("furniture", "duplicate"))]


def test_numbered_articles_titled_like_the_page_stay_when_nothing_marks_pages() -> None:
    """A sample-essay page: the page's title, then its second and third samples titled `…(2)`, `…(3)`
    after a finished text, without a pager. They may be articles: kept, and reported as suspect."""
    html = (f'<html><head><meta charset="utf-8"><title>{TITLE}_范文</title></head><body><h1>{TITLE}</h1>'
            f"<p>{P1}</p><p>{P4}</p><h2>{TITLE}(2)</h2><p>一、{P3}</p><p>{P4}</p>"
            f"<h2>{TITLE}(3)</h2><p>一、{P1}</p><p>{P3}</p></body></html>")
    out, log = convert(html)
    assert f"{TITLE}(2)" in out
    assert f"{TITLE}(3)" in out
    suspects = [d for d in log if d.rule == "duplicate.repeated-title" and d.severity is Severity.WARNING]
    assert len(suspects) == 2
    assert all(d.action is Action.KEPT for d in suspects)


# ------------------------------------------------------------------------------------ the stage itself


def _pager_list(*labels: tuple[str, str | None]) -> ast.List:
    items = []
    for label, target in labels:
        inline: ast.Inline = (ast.Link(content=(ast.Text(text=label),), target=target) if target
                              else ast.Text(text=label))
        items.append(ast.ListItem(blocks=(ast.Para(content=(inline,)),)))
    return ast.List(items=tuple(items), ordered=False)


def test_the_stage_is_idempotent_and_reports_each_removal() -> None:
    doc = web_page(b.heading(1, TITLE), b.para(P1), b.para(P2),
                   _pager_list(("1", None), ("2", "/a/list_2.html"), ("3", "/a/list_3.html")),
                   b.heading(2, f"{TITLE}（2）"), b.para(P3), b.para(P4))
    log = DiagnosticLog()
    once = remove_region_furniture(doc, Options(), log)
    assert [ast.plain_text(x.content) for x in once.blocks if isinstance(x, ast.Para | ast.Heading)] == [
        TITLE, P1, JOINED_A, P4]
    assert [d.rule for d in log if d.action is not Action.DETECTED] == [
        "furniture.html-links", "duplicate.repeated-title", "repair.join-paragraphs"]
    again = DiagnosticLog()
    assert remove_region_furniture(once, Options(), again) == once
    assert not list(again)


def test_a_list_of_links_to_other_articles_is_no_pager() -> None:
    """Numbers linking to pages that are not the article's own pages (no page number in the address)
    and no pager word: a report's numbered references, kept."""
    refs = _pager_list(("1", "/policy/a.html"), ("2", "/policy/b.html"), ("3", "/policy/c.html"))
    doc = web_page(b.heading(1, TITLE), b.para(P1), refs, b.para(P4))
    out = remove_region_furniture(doc, Options(), DiagnosticLog())
    assert refs in out.blocks


def test_a_plain_text_pager_without_a_repeated_title_is_kept_as_suspect() -> None:
    """`上一页 1 2 3 下一页` as plain text, with no region, no links and no page title beside it, may be
    quoted by the report: kept, with a warning; the sentence around it is not joined."""
    doc = web_page(b.heading(1, TITLE), b.para(P1), b.para(P2), b.para("上一页 1 2 3 下一页"), b.para(P3))
    log = DiagnosticLog()
    out = remove_region_furniture(doc, Options(), log)
    assert out.blocks == doc.blocks
    (warning,) = [d for d in log if d.severity is Severity.WARNING]
    assert warning.rule == "furniture.html-links"
    assert warning.action is Action.KEPT
