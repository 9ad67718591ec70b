"""Residue on pages of a third blind test: a report's own field block that one false match must not
unravel, a collection page's title between two removed lines, office-system export notes, document-site
selling points and download notes, microblog and news-feed posts, the uploader row written with spaces,
traditional page fields and source notes naming any site before its address.

fixtures/residue/redteam3/ holds pages of our own wording in those shapes (each with an `.expect.toml`
like fixtures/residue/redteam/) and a clean report whose field block looks like a site footer (`clean-*`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import docconv
from docconv.clean.rules.builtin import BUILTIN
from docconv.diagnostics import Action, Severity
from docconv.structure.title import head_furniture, reads_as_report_title
from tests.test_residue_support import (
    BODY,
    BODY2,
    clean_text,
    every_rule_on_a_megabyte_of,
    expect_of,
    red_team,
    removed,
    text_of,
)

PAGES, CLEAN = red_team("redteam3")


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_title_is_the_reports(path: Path) -> None:
    """After the whole pipeline the level-1 heading is the report's title: the first whole line it must
    keep."""
    out = docconv.convert(path, "markdown")
    assert isinstance(out, str)
    first = out.splitlines()[0]
    title = next(s.strip() for s in expect_of(path)["must_keep"] if s.endswith("\n"))  # type: ignore[attr-defined]
    assert first == f"# {title}"


# ------------------------------------------------------------------ the report's own field block (item 1)


def test_clean_field_block_loses_nothing_and_says_what_it_doubted() -> None:
    (path,) = CLEAN
    source = path.read_text(encoding="utf-8")
    doc, log = clean_text(source)
    assert text_of(doc).splitlines() == [ln.strip() for ln in source.splitlines() if ln.strip()]
    assert not removed(log)
    assert doc.meta.source is None
    doubted = {d.text for d in log if d.action is Action.KEPT and d.severity is Severity.WARNING}
    # Both match the footer rule; the field block they stand in says they are the report's own.
    assert {"网站标识码：4105000011", "ICP备案号：豫ICP备06054321号"} <= doubted


BLOCK = ["网站名称：某某区政务网", "门户网址：https://www.demo-district.gov.cn", "主办单位：某某区政府办公室",
         "网站标识码：3302000005", "ICP备案号：浙ICP备11112222号"]


def test_a_field_line_with_an_address_is_no_site_header() -> None:
    source = "\n".join(["某某区政务网2023年工作年度报表", *BLOCK, BODY, BODY2])
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert not any(d.rule == "furniture.site-header" for d in log)


def test_the_hold_judges_the_block_before_anything_is_removed() -> None:
    """The last two lines of the block both match the footer rule, so neither has a neighbour no rule
    names on both sides; the block around them still has one, and both stay."""
    source = "\n".join(["某某区政务网2023年工作年度报表", *BLOCK, "一、基本情况", BODY, BODY2])
    doc, log = clean_text(source)
    assert text_of(doc) == source
    kept = [d for d in log if d.rule == "furniture.copyright"]
    assert [d.action for d in kept] == [Action.KEPT, Action.KEPT]


def test_a_site_footer_next_to_the_block_still_takes_its_registration_lines() -> None:
    source = "\n".join([BODY, BODY2, *BLOCK[2:], "版权所有：某某区政务网 保留所有权利"])
    doc, _ = clean_text(source)
    out = text_of(doc)
    assert "网站标识码" not in out
    assert "ICP备案号" not in out
    assert "主办单位：某某区政府办公室" in out


def test_a_site_header_with_its_name_before_a_colon_still_goes() -> None:
    doc, log = clean_text(f"某某范文网：www.fanwen-demo.com\n2023年工作总结\n{BODY}\n{BODY2}")
    assert "fanwen-demo" not in text_of(doc)
    assert any(d.rule == "furniture.site-header" and d.action is Action.REMOVED for d in log)


# ------------------------------------------------------------- a collection page's title (item 2)


@pytest.mark.parametrize("line", ["办公室主任述职报告（通用2篇）", "教师个人工作计划（精选）", "安全生产工作总结（5篇）",
                                  "社区工作总结范文（精选3篇）"])
def test_a_collection_title_reads_as_a_report_title(line: str) -> None:
    assert reads_as_report_title(line)


@pytest.mark.parametrize("line", ["（通用2篇）", "篇一：办公室主任述职报告", "某某网（精选）", "学习心得（一）"])
def test_a_collection_suffix_alone_makes_no_title(line: str) -> None:
    assert not reads_as_report_title(line)


def test_a_title_between_two_removed_lines_is_not_between_residue() -> None:
    texts = ["某某网 > 述职报告", "财务科长述职报告（通用2篇）", "小编整理"]
    assert head_furniture(texts, [True, False, True], [False, False, False]) == []
    assert [v.index for v in head_furniture(["某某网 > 述职报告", "某某小编", "小编整理"], [True, False, True],
                                            [False, False, False])] == [1]


# ------------------------------------------------------------- one rule, one residue, one lookalike

# rule id, where the residue stands, the residue line, where the lookalike stands, the lookalike line
# (run by test_residue_pages.py with the other rounds' cases)
CASES = [
    ("banner.export-note", "head", "本文件由某某集团协同办公系统导出，仅限内部使用", "tail", "报表数据由财务系统导出后汇总上报。"),
    ("banner.export-note", "tail", "此文档由某某OA平台自动生成", "tail", "本文件由办公室负责解释。"),
    ("banner.export-fields", "tail", "流程编号：LC-2024-0012　拟稿人：李某　打印时间：2024-02-01 14:30", "head",
     "签发人：王某某　密级：内部"),
    ("banner.selling-points", "tail", "【某某文库】海量文档免费下载 · 下载后可编辑", "tail", "下载后可编辑的模板已发送至各单位邮箱。"),
    ("banner.selling-points", "middle", "下载文档到电脑，查找使用更方便", "middle", "知识共享平台使用更方便。"),
    ("banner.selling-points", "head", "知识共享 · 下载后可编辑", "head", "知识共享与协同办公工作方案"),
    ("banner.download-notes", "tail", "下载说明：", "tail", "下载说明书请登录企业官网。"),
    ("banner.disclaimer", "tail", "1. 本站所有资源如无特殊说明，都需要本地电脑安装OFFICE2007和PDF阅读器。", "tail",
     "本站所有资源均由我局统一审核发布，全年发布信息1.6万条。"),
    ("banner.disclaimer", "tail", "2. 用户下载本文档，所消耗的积分将全额增加到上传者的账号。", "tail",
     "3. 积分制管理全面推行，全年党员消耗积分兑换物品1.2万分。"),
    ("banner.disclaimer", "tail", "3. 下载后可编辑，内容仅供参考，某某网不对内容的准确性负责。", "tail",
     "我们不对外公布群众的个人信息，全年未发生泄露事件。"),
    ("furniture.account-byline", "head", "2024年1月5日 10:22 发布于 浙江", "head",
     "本方案于2024年1月5日发布于县政府门户网站。"),
    ("furniture.post-byline", "head", "原创2024-01-08 10:15·职场笔记本", "head",
     "会议时间：2024-01-08 10:15 · 地点：第一会议室"),
    ("furniture.follow-me", "head", "关注我，每天分享实用职场范文，需要的朋友可以收藏起来。", "head",
     "请关注我局网站，每天更新办事指南。"),
    ("furniture.reprint-ban", "tail", "本文为百家号作者原创，未经作者授权，任何人不得转载。", "tail",
     "未经批准，任何单位不得转载本报告数据。"),
    ("furniture.reprint-ban", "tail", "未经本号授权，禁止转载", "middle", "本文为课题组原创研究成果，数据均来自实地调查。"),
    ("furniture.hashtags", "tail", "#基层治理# #年终总结#", "middle", "活动话题#我的家乡#阅读量达到3万。"),
    ("furniture.view-count", "head", "阅读 1.2万", "tail", "阅读量突破1.2万人次。"),
    ("furniture.view-count", "head", "浏览 10w+", "middle", "浏览10万次以上的稿件有6篇。"),
    ("furniture.counters", "tail", "阅读 1.2万 评论 36 赞 210", "tail", "阅读1.2万人次，评论36条。"),
    ("furniture.meta-fields", "head", "發佈單位：教務處　發佈日期：2024-01-20　點閱次數：356", "middle",
     "點閱次數是衡量網站影響力的指標之一。"),
    ("furniture.page-tools", "tail", "举报/反馈", "tail", "举报反馈渠道全年保持畅通。"),
    ("furniture.page-tools", "tail", "收起全文", "middle", "收起全文的第三部分另行印发。"),
    ("furniture.doc-fields", "head", "文档贡献者　某某小屋　贡献于2023-11-02", "tail", "贡献者　课题组全体成员"),
]




@pytest.mark.parametrize(("note", "lookalike"), [
    ("（本文来源：秘书之窗 http://www.mszc-demo.com）", "（数据来源：国家统计局 http://www.stats.gov.cn）"),
    ("(本文来源：某某资料站www.zlz-demo.cn)", "（本文来源于课题组调研）"),
])
def test_source_note_naming_any_site_before_its_address_goes(note: str, lookalike: str) -> None:
    half = "全年处理来文1240件，"
    doc, log = clean_text(f"{BODY}\n{half}{note}组织会议32次。\n{BODY2}")
    assert text_of(doc).splitlines()[1] == f"{half}组织会议32次。"
    assert [d.rule for d in log if d.action is Action.REMOVED] == ["watermark.source-note"]
    source = f"{BODY}\n{half}{lookalike}组织会议32次。\n{BODY2}"
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert not removed(log)


# ------------------------------------------------------------------- an account's name above its post


def test_account_name_above_the_time_of_its_post_goes() -> None:
    doc, log = clean_text(f"某街道2023年工作回顾\n某某街道发布\n2024年1月5日 10:22 发布于 浙江\n{BODY}\n{BODY2}")
    assert text_of(doc).splitlines() == ["某街道2023年工作回顾", BODY, BODY2]
    assert any(d.rule == "furniture.account-name" and d.text == "某某街道发布" for d in log)


def test_unit_above_a_publish_time_is_not_an_account() -> None:
    doc, _ = clean_text(f"2023年工作总结\n某某县教育局\n发布时间：2024-01-05 10:22\n{BODY}\n{BODY2}")
    assert text_of(doc).splitlines()[:2] == ["2023年工作总结", "某某县教育局"]


def test_account_name_detector_can_be_kept() -> None:
    source = f"某街道2023年工作回顾\n某某街道发布\n2024年1月5日 10:22 发布于 浙江\n{BODY}\n{BODY2}"
    doc, log = clean_text(source, docconv.Options(keep_rules=("furniture.account-name",)))
    assert "某某街道发布" in text_of(doc)
    assert any(d.rule == "furniture.account-name" and d.action is Action.KEPT for d in log)


def test_print_time_of_an_export_is_not_the_documents_date() -> None:
    doc, _ = clean_text(f"{BODY}\n{BODY2}\n流程编号：LC-2024-0012　拟稿人：李某　导出时间：2024-02-01 14:30")
    assert "流程编号" not in text_of(doc)
    assert doc.meta.date is None


# ----------------------------------------------------------------------------- long lines stay fast

_NEW = {"banner.export-note", "banner.export-fields", "banner.selling-points", "banner.download-notes",
        "banner.disclaimer", "furniture.account-byline", "furniture.post-byline", "furniture.follow-me",
        "furniture.reprint-ban", "furniture.hashtags", "furniture.view-count", "furniture.counters",
        "furniture.meta-fields", "furniture.page-tools", "furniture.doc-fields", "furniture.site-header",
        "watermark.source-note"}
_PIECES = ["(本文来源:秘书 ", "(本文来源:a", "#基层", "关注我,每天分享", "本文为原创未经", "消耗积分", "流程编号:1:",
           "下载后可编辑·", "【某】", "文档贡献者 ", "阅读 1.2", "2024-01-08 10:15·", "点阅次数:1 ", "本站资源需要"]


@pytest.mark.parametrize("piece", _PIECES)
def test_new_rules_finish_on_a_megabyte_line(piece: str) -> None:
    """A hang, not a slow pass, is what this catches (all pieces together take a few seconds)."""
    rules = [r for r in BUILTIN if r.id in _NEW]
    assert len(rules) == len(_NEW)
    every_rule_on_a_megabyte_of(piece, rules)
