"""HTML blind test 6: a public-account page's dialogs and tool bar, and a blog's generated table of contents.

A public-account page keeps, after the text, its tool bar (赞, 留言) and the dialogs its scripts show over
the page (知道了, 取消, 允许, the account's name); a blog platform prints, above the text, a table of
contents of links to the article's own anchors. The pages here are our own; each shape has a test that
fails without the fix and a lookalike that must stay.
"""

from __future__ import annotations

from docconv.diagnostics import Action
from tests.test_html_redteam4 import convert

TITLE = "某某社区2023年平安建设工作总结"
P1 = "2023年，社区坚持和发展新时代“枫桥经验”，扎实推进平安建设各项工作，辖区治安形势持续稳定向好。"
P2 = "全年组织治安巡逻365次，排查化解矛盾纠纷87起，化解率达到98%，未发生重大刑事案件。"
P3 = "下一步，社区将进一步完善群防群治体系，不断提升居民群众的安全感和满意度。"


def page(after: str, *, before: str = "", body_extra: str = "") -> str:
    return (f'<html><head><meta charset="utf-8"><title>{TITLE}</title></head><body>'
            f'<div class="page"><h1>{TITLE}</h1>{before}<div class="post-body">'
            f"<p>{P1}</p><h2>一、强化巡逻防控</h2><p>{P2}</p><h2>二、下步打算</h2><p>{P3}</p>{body_extra}"
            f"</div>{after}</div></body></html>")


def test_dialogs_and_a_tool_bar_after_the_text_go() -> None:
    md, log = convert(page(
        '<div class="article-tools"><span>赞</span><span>留言</span></div>'
        '<div class="ui-modal"><div>某某社区发布</div><div>前往查看</div></div>'
        '<div role="dialog"><p>打开应用？</p><p>拒绝</p><p>好</p></div>'
        "<dialog open><p>某某社区服务号</p></dialog>"))
    for gone in ("赞", "留言", "某某社区发布", "前往查看", "打开应用", "拒绝", "某某社区服务号"):
        assert gone not in md, gone
        assert any(gone in (d.text or "") for d in log if d.action is Action.REMOVED), gone
    for kept in (P1, P2, P3):
        assert kept in md


def test_a_box_named_popup_or_tools_that_holds_the_report_stays() -> None:
    long_text = "".join([P1, P2, P3, P1])
    md, _ = convert(page("", body_extra=f'<div class="popup-article"><p>{long_text}</p></div>'
                                        f'<div class="tools-guide"><p>{long_text}</p></div>'))
    assert md.count(long_text) == 2


def test_a_report_that_talks_about_its_account_keeps_every_sentence() -> None:
    talk = ("通过社区公众号推送平安建设知识48期，居民可点击阅读原文查看往期内容，长按识别二维码即可关注，"
            "累计阅读量达到3.2万人次。")
    md, log = convert(page("", body_extra=f"<p>{talk}</p>"))
    assert talk in md
    assert not [d for d in log if d.action is Action.REMOVED and d.rule.startswith("furniture.")]


TOC = ('<div class="toc"><h3>文章目录</h3><ul><li><a href="#a1">一、强化巡逻防控</a></li>'
       '<li><a href="#a2">二、下步打算</a></li></ul></div>')


def test_a_generated_table_of_contents_of_anchor_links_goes() -> None:
    md, log = convert(page("", before=TOC))
    assert "文章目录" not in md
    assert md.count("一、强化巡逻防控") == 1
    hits = [d for d in log if d.rule == "read.html.toc"]
    assert hits
    assert hits[0].action is Action.REMOVED
    assert "文章目录" in (hits[0].text or "")


def test_a_run_of_anchor_lines_under_contents_goes() -> None:
    toc = '<p>目录</p><p><a href="#s1">一、强化巡逻防控</a></p><p><a href="#s2">二、下步打算</a></p>'
    md, _ = convert(page("", before=toc))
    assert "目录" not in md
    assert md.count("二、下步打算") == 1


def test_a_typed_table_of_contents_without_links_stays() -> None:
    toc = "<p>目录</p><ul><li>一、强化巡逻防控</li><li>二、下步打算</li></ul>"
    md, log = convert(page("", before=toc))
    assert "目录" in md
    assert md.count("二、下步打算") == 2
    assert not [d for d in log if d.rule == "read.html.toc"]


def test_anchor_links_that_head_no_text_are_kept_and_reported() -> None:
    notes = ('<ul><li><a href="#n1">附件一：巡逻排班表</a></li><li><a href="#n2">附件二：纠纷台账</a></li></ul>')
    md, log = convert(page("", before=notes))
    assert "附件一：巡逻排班表" in md
    assert "附件二：纠纷台账" in md
    hits = [d for d in log if d.rule == "read.html.toc"]
    assert hits
    assert hits[0].action is Action.KEPT
