"""Site and category suffixes on titles: what goes, and what is a real part of a title."""

from __future__ import annotations

import pytest

from docconv import ast
from docconv import builder as b
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options
from docconv.structure.headings import structure
from docconv.structure.title import strip_site_suffix


@pytest.mark.parametrize(("title", "clean", "reason"), [
    ("2012年控烟工作总结-卫生工作总结卫生工作总结", "2012年控烟工作总结", "doubled"),
    ("年度安全生产工作计划_范文网", "年度安全生产工作计划", "site"),
    ("个人述职报告 - 某某文库", "个人述职报告", "site"),
    ("社区年度工作总结｜总结大全", "社区年度工作总结", "site"),
    ("学校德育工作总结－工作总结", "学校德育工作总结", "genre"),
    ("财务科年度工作计划 _ 工作计划", "财务科年度工作计划", "genre"),
    ("办公室上半年工作小结--文秘之家", "办公室上半年工作小结", "site"),
    ("乡镇年度工作总结 - 公文在线", "乡镇年度工作总结", "site"),
])
def test_suffixes_go(title: str, clean: str, reason: str) -> None:
    fix = strip_site_suffix(title)
    assert fix is not None
    assert (fix.title, fix.reason) == (clean, reason)
    assert fix.title + fix.suffix == title


@pytest.mark.parametrize("title", [
    "坚持改革创新——2012年工作总结",        # an em-dash subtitle is part of the title
    "2011—2012年控烟工作总结与表彰会",
    "关于加强安全生产的报告-附件一",        # not a category or site
    "总结-工作总结",                          # too little would be left
    "年度工作总结",
])
def test_real_titles_stay(title: str) -> None:
    assert strip_site_suffix(title) is None


def test_document_title_suffix_is_removed_and_reported() -> None:
    log = DiagnosticLog()
    doc = structure(b.document(b.para("年度工作总结_某某范文网"), b.para("正文。")), Options(), log)
    assert doc.meta.title == "年度工作总结"
    assert isinstance(doc.blocks[0], ast.Heading)
    assert ast.plain_text(doc.blocks[0].content) == "年度工作总结"
    [d] = [d for d in log if d.rule == "structure.title-suffix"]
    assert (d.action, d.text) == (Action.REMOVED, "_某某范文网")
    assert structure(doc, Options(), DiagnosticLog()) == doc


def test_stacked_suffixes_all_go() -> None:
    fix = strip_site_suffix("2023年社区卫生工作总结_工作总结_某某范文网")
    assert fix is not None
    assert (fix.title, fix.suffix, fix.reason) == ("2023年社区卫生工作总结", "_工作总结_某某范文网", "site")


def test_a_quoted_sentence_is_no_title_line() -> None:
    doc = structure(b.document(b.para("他在会上说：“我们要一件事一件事地抓落实。”"), b.para("正文。")), Options(),
                    DiagnosticLog())
    assert not isinstance(doc.blocks[0], ast.Heading)
    assert doc.meta.title is None


def test_a_dash_line_under_the_title_is_its_subtitle() -> None:
    log = DiagnosticLog()
    doc = structure(b.document(b.para("关于加强基层治理的讲话"), b.para("——在全县农村工作会议上的发言"),
                               b.para("一、充分肯定成绩"), b.para("去年各项工作取得了新进展。")), Options(), log)
    subtitle = doc.blocks[1]
    assert isinstance(subtitle, ast.Para)
    assert subtitle.attr.classes == ("subtitle",)
    assert ("subtitle", "在全县农村工作会议上的发言") in doc.meta.extra
    heading = doc.blocks[2]
    assert isinstance(heading, ast.Heading)
    assert heading.level == 2  # 一、 keeps its level: the dash line pushed nothing down
    assert structure(doc, Options(), DiagnosticLog()) == doc


def test_dash_items_right_under_the_title_stay_items() -> None:
    doc = structure(b.document(b.para("年度重点工作安排"), b.para("——抓好安全生产"), b.para("——抓好环境整治"),
                               b.para("以上工作务必落实。")), Options(), DiagnosticLog())
    assert not any(isinstance(blk, ast.Para) and "subtitle" in blk.attr.classes for blk in doc.blocks)
    assert ("subtitle", "抓好安全生产") not in doc.meta.extra


def test_a_posters_remark_above_a_report_title_stays_and_the_title_below_it_is_the_title() -> None:
    log = DiagnosticLog()
    doc = structure(b.document(b.para("科长让我先写个初稿，格式不太会，请大家指点"), b.para("学习委员小李"),
                               b.para("县档案馆2024年上半年工作汇报"), b.para("一、主要工作"),
                               b.para("上半年接收进馆档案一千二百卷。")), Options(), log)
    assert isinstance(doc.blocks[0], ast.Para)  # the remark is kept where it stood
    title = doc.blocks[2]
    assert isinstance(title, ast.Heading)
    assert title.level == 1
    assert doc.meta.title == "县档案馆2024年上半年工作汇报"
    [kept] = [d for d in log if d.rule == "structure.title-below"]
    assert kept.action is Action.KEPT
    assert structure(doc, Options(), DiagnosticLog()) == doc


@pytest.mark.parametrize("first", [
    "凝心聚力谋发展，砥砺奋进新征程",  # a slogan title: no report title right under it
    "团结奋进，2024年度工作总结",  # the first line names a kind of document itself
])
def test_a_first_line_with_a_comma_stays_the_title_without_a_report_title_under_it(first: str) -> None:
    doc = structure(b.document(b.para(first), b.para("今年以来，我们坚持稳中求进工作总基调，各项工作有序推进。"),
                               b.para("县档案馆2024年上半年工作汇报")), Options(), DiagnosticLog())
    assert doc.meta.title == first
