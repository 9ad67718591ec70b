"""Residue and title choice on pages of a second blind test: site names, slogans and menu rows above the
title, near-copies of the title, counter and button rows, ads, forum and blog furniture, document-site
footers, and the report's own field lines that must survive.

fixtures/residue/redteam2/ holds pages of our own wording in the shapes the blind test found (each with
an `.expect.toml` like fixtures/residue/redteam/) and a clean report full of lookalikes (`clean-*`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import docconv
from docconv.clean.rules import line_key
from docconv.diagnostics import Action, Severity
from docconv.structure.title import head_furniture, strip_site_suffix, title_form
from tests.test_residue_support import (
    BODY,
    BODY2,
    clean_text,
    expect_of,
    place,
    red_team,
    removed,
    text_of,
)

PAGES, CLEAN = red_team("redteam2")


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_title_is_the_reports(path: Path) -> None:
    """After the whole pipeline the level-1 heading is the report's title, printed once."""
    out = docconv.convert(path, "markdown")
    assert isinstance(out, str)
    title = out.splitlines()[0]
    assert title.startswith("# ")
    name = title[2:]
    assert any(name == s.strip() for s in expect_of(path)["must_keep"]), name  # type: ignore[attr-defined]
    assert out.count(name) == 1 + sum(  # the title's words may recur inside sentences, not as a line
        1 for ln in out.splitlines()[1:] if name in ln and ln.strip() != name)


def test_clean_report_loses_nothing_and_says_what_it_doubted() -> None:
    (path,) = CLEAN
    source = path.read_text(encoding="utf-8")
    doc, log = clean_text(source)
    assert text_of(doc).splitlines() == [ln.strip() for ln in source.splitlines() if ln.strip()]
    assert not [d for d in log if d.action is Action.REMOVED]
    doubted = {d.text for d in log if d.action is Action.KEPT and d.severity is Severity.WARNING}
    # Each of these matches a rule; what stands around it says it is the report's own.
    for line in ("网站标识码：3205000002", "ICP备案号：苏ICP备09008765号", "来源：某县行政审批服务局办公室",
                 "某某县供电网", "更多详情请访问 www.demo-county-service.com"):
        assert line in doubted, line


# ------------------------------------------------------------------------ the report's own field lines

FIELDS = "网站名称：某区政府网\n主办单位：某区政府办公室\n网站标识码：4401000003\n联系电话：020-1234567"


def test_registration_line_among_field_lines_stays_without_other_residue() -> None:
    doc, log = clean_text(f"{BODY}\n{BODY2}\n{FIELDS}")
    assert "网站标识码：4401000003" in text_of(doc)
    (d,) = [d for d in log if d.rule == "furniture.copyright"]
    assert d.action is Action.KEPT
    assert d.severity is Severity.WARNING


def test_registration_line_among_field_lines_goes_next_to_a_site_footer() -> None:
    doc, _ = clean_text(f"{BODY}\n{BODY2}\n{FIELDS}\n版权所有：某区政府网 保留所有权利")
    assert "网站标识码" not in text_of(doc)
    assert "主办单位：某区政府办公室" in text_of(doc)  # no rule names it: the report's line or not, it stays


def test_lone_registration_footer_still_goes() -> None:
    doc, _ = clean_text(f"{BODY}\n{BODY2}\n网站标识码：4401000003 ICP备案号：粤ICP备1234号")
    assert "网站标识码" not in text_of(doc)


def test_source_line_by_the_signature_date_is_kept_and_reported() -> None:
    doc, log = clean_text(f"{BODY}\n{BODY2}\n来源：某县妇联办公室\n2023年12月28日")
    assert "来源：某县妇联办公室" in text_of(doc)
    assert doc.meta.source is None
    assert any(d.rule == "furniture.source" and d.action is Action.KEPT for d in log)


def test_source_line_at_the_end_of_a_scraped_page_still_goes() -> None:
    doc, _ = clean_text(f"{BODY}\n{BODY2}\n来源：某某范文网")
    assert "来源" not in text_of(doc)
    assert doc.meta.source == "某某范文网"


# ------------------------------------------------------------------ one rule, one residue, one lookalike


# A corroborated rule needs other residue in the document: this line gives it.
COMPANY = "您的位置：首页 > 工作总结"

# rule id, where the residue stands, the residue line, where the lookalike stands, the lookalike line
# (run by test_residue_pages.py with the other rounds' cases)
CASES = [
    ("furniture.site-banner", "head", "某某范文网 - 免费范文大全 | 工作总结 | 工作计划", "head",
     "某某网格化管理中心 2023年工作要点"),
    ("furniture.site-banner", "tail", "【某某范文网 - 述职报告】", "tail", "【某某网格工作站】"),
    ("furniture.site-banner", "tail", "【某某范文网 - 述职报告】", "head", "南方电网-2023年安全生产工作总结"),
    ("furniture.site-banner", "head", "某某文库 - 让每个人平等地提升自我", "head", "某某电网 - 2024年度党建工作要点"),
    ("furniture.collected-title", "head", "某某范文网 收录的《2023年工作总结》", "middle",
     "本书收录的《工作总结》一文获得好评。"),
    ("furniture.byline", "head", "作者：小李 2023-12-29 10:24", "tail", "作者：某某县统计局"),
    ("furniture.account-byline", "head", "某某县妇联 2024-01-12 17:30 发表于浙江", "middle",
     "该文2024年1月12日发表于浙江日报。"),
    ("furniture.dated-counter", "head", "2023-07-06 公务员之家 阅读 892", "tail", "2023年7月6日"),
    ("furniture.button-row", "tail", "阅读(235)┆ 评论(3) ┆ 转载原文 ┆ 收藏 ┆ 禁止转载", "middle",
     "阅读 3 本书，评论 2 篇文章"),
    ("furniture.button-row", "middle", "点赞(12) | 收藏 | 分享到：微信 QQ空间 微博", "middle",
     "收藏、分享和点赞功能全年使用12万次。"),
    ("furniture.button-row", "head", "2022-12-30 18:42 | 来源：网络 | 阅 356 | 转藏 75", "middle",
     "来源：县统计局，阅读人数356人。"),
    ("furniture.counters", "tail", "阅读 2,318 评论 0 赞 11", "tail", "点赞人数达到2318人"),
    ("furniture.forum-floor-time", "middle", "2楼 2023-07-08 22:05", "middle", "办公地点：2楼会议室"),
    ("furniture.page-tools", "middle", "回复 举报 |来自Android客户端", "middle", "回复群众来信三百件。"),
    ("furniture.page-tools", "tail", "回复(2)", "tail", "回复率100%"),
    ("furniture.app-call", "tail", "扫二维码下载贴吧客户端", "tail", "下载量全年达到2万次"),
    ("furniture.tipping", "tail", "还没有人赞赏，支持一下", "tail", "群众的赞赏是最好的奖励。"),
    ("furniture.profile-stats", "tail", "总资产12 共写了3.6W字 获得215个赞 共89个粉丝", "tail",
     "共写了36篇简报，获得2个奖项。"),
    ("furniture.topic-tag", "tail", "#德育工作 3个", "tail", "#3教学楼"),
    ("furniture.doc-box", "tail", "本文标题：2023年上半年运营工作汇报", "tail", "关于本文件的说明"),
    ("furniture.tags", "head", "分类：转载的好文章", "middle", "分类：一般事项和重点事项两类。"),
    ("furniture.meta-fields", "head", "发布部门：安全环保部　发布人：刘强　发布时间：2023-07-05 16:20　阅读次数：216",
     "middle", "发布部门要对信息内容负责。"),
    ("tail.list-marker", "tail", "该用户的其他文档", "middle", "该用户的其他诉求已转交相关部门办理。"),
    ("tail.list-marker", "tail", "类似文章 更多", "middle", "类似文章我们还写了三篇。"),
    ("tail.reading-marker", "tail", "推荐阅读 更多精彩内容", "middle", "推荐阅读书目共20种。"),
    ("truncation.unread", "middle", "剩余3页未读，继续阅读", "middle", "剩余3页未读完的材料，明天继续。"),
    ("banner.download", "tail", "下载本文", "middle", "下载本文件须经审批。"),
    ("banner.download", "tail", "全文阅读已结束，如果下载本文需要使用2积分", "middle", "全文阅读已结束的同志请签到。"),
    ("banner.price", "tail", "下载积分：10 金币", "tail", "积分：10分"),
    ("banner.disclaimer", "tail", "某某文库所有资源均是用户自行上传分享，仅供网友学习交流。", "middle",
     "本网所有资源均由我局统一发布，全年发布信息1.6万条。"),
    ("banner.ad-call", "middle", "推荐：2023教师资格证面试备考资料，点击免费领取>>", "middle",
     "请于3月底前报送，逾期不再受理。"),
    ("banner.ad-call", "middle", "【推荐阅读】物业工作总结大全，点击查看更多>>", "middle",
     "我们推荐阅读《物业管理条例》，点击率较高。"),
    ("banner.ad-call", "middle", "广告 【限时】教师资格证面试真题资料包，私信免费领取", "middle",
     "广告宣传费用全年支出12万元。"),
    ("watermark.reprint-note", "middle", "本文来自范文先生网 www.fwsir-demo.com 转载请保留", "middle",
     "本文来自课题组的调研，转载请注明。"),
    ("watermark.reprint-note", "tail", "本文来源：第一范文网 转载请保留", "middle", "本文来源于县统计局年报。"),
]




# Rules whose wording is shared with real text (a company's own address, an office named like a site):
# they remove only with other residue in the document, and only report otherwise.
CORROBORATED = [
    ("furniture.site-name", "head", "某某电网"),
    ("furniture.site-name", "head", "原创力文档"),
    ("furniture.menu-row", "head", "首页 | 阅览室 | 馆友 | 我的图书馆"),
    ("furniture.menu-row", "head", "看贴 图片 精品 视频"),
    ("furniture.forum-title", "head", "【求助】单位总结写好了，请各位帮忙看看"),
    ("furniture.media-placeholder", "middle", "图片"),
    ("furniture.doc-link", "tail", "链接地址：https://www.wenku-demo.com/p-123.html"),
    ("watermark.name-domain", "middle", "道客巴巴 www.doc88-demo.com"),
    ("watermark.visit-domain", "middle", "更多学校安全工作总结请访问 www.fanwen-demo.com"),
]


@pytest.mark.parametrize(("rid", "where", "line"), CORROBORATED, ids=[f"{c[0]}:{c[2][:6]}" for c in CORROBORATED])
def test_corroborated_rule_needs_other_residue(rid: str, where: str, line: str) -> None:
    source = place(line, where)
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert any(d.rule == rid and d.action is Action.KEPT and d.severity is Severity.WARNING for d in log)
    doc, log = clean_text(f"{COMPANY}\n{source}")
    assert line not in text_of(doc)
    assert any(d.rule == rid and d.action is Action.REMOVED for d in log)


@pytest.mark.parametrize(("line", "where"), [
    ("【分享】村党支部书记述职报告", "head"), ("国家电网公司2023年工作总结", "head"),
    ("更多信息请访问：www.example.gov.cn", "middle"), ("欢迎关注我局公众号，及时了解办事指南。", "middle"),
    ("图片展览共展出作品120幅。", "middle"), ("联系我们：www.company-demo.com", "middle")])
def test_lookalikes_of_corroborated_rules_stay_beside_residue(line: str, where: str) -> None:
    doc, _ = clean_text(f"{COMPANY}\n{place(line, where)}")
    assert line in text_of(doc)


# --------------------------------------------------------------------------------- the head of a page


def test_repeated_title_takes_what_stands_above_it() -> None:
    doc, log = clean_text(f"道客巴巴\n某公司2023年党建工作总结.doc\n某公司2023年党建工作总结\n{BODY}")
    assert text_of(doc).splitlines()[0] == "某公司2023年党建工作总结"
    assert any(d.rule == "furniture.above-title" and d.text == "道客巴巴" for d in log)


def test_without_a_repeated_title_an_org_line_above_the_title_stays() -> None:
    source = f"某某县教育局\n2023年工作总结\n{BODY}"
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert not removed(log)


def test_near_copy_of_the_title_goes_only_with_residue_in_the_head() -> None:
    source = f"2023年上半年个人工作总结（税务）\n2023年上半年个人工作总结\n{BODY}"
    doc, _ = clean_text(source)
    assert text_of(doc) == source
    doc, log = clean_text(f"公务员之家 > 工作总结 > 个人工作总结\n{source}")
    assert text_of(doc).splitlines()[0] == "2023年上半年个人工作总结"
    assert any(d.rule == "duplicate.repeated-title" and "（税务）" in (d.text or "") for d in log)


def test_head_furniture_keeps_articles_joined_titles_and_source_headings() -> None:
    def verdicts(texts: list[str], fixed: list[bool] | None = None) -> list[int]:
        removed_flags = [t.startswith("您的位置") for t in texts]
        return [v.index for v in head_furniture(texts, removed_flags, fixed or [False] * len(texts))]

    crumb = "您的位置：首页"
    assert verdicts([crumb, "银行柜员工作总结范文", "银行柜员工作总结范文篇一"]) == []
    assert verdicts([crumb, "某局2023年工作总结和2024年工作计划", "2023年工作总结"]) == []
    assert verdicts([crumb, "学校安全工作总结_某某范文网", "某某中学2023年学校安全工作总结"]) == [1]
    assert verdicts([crumb, "分享一篇换届工作总结", "换届选举工作总结"], [False, True, False]) == []


def test_title_form_takes_off_file_and_site_suffix() -> None:
    assert title_form("学校安全工作总结_第一范文网") == title_form("学校安全工作总结.docx") == "学校安全工作总结"
    assert line_key("学校安全工作总结") == "学校安全工作总结"


@pytest.mark.parametrize(("title", "expected"), [
    ("某某镇2023年上半年工作总结_计划总结_某某镇人民政府", "某某镇2023年上半年工作总结"),
    ("2023年教育工作要点|某某市教育局", "2023年教育工作要点"),
])
def test_organisation_suffix_of_a_page_title(title: str, expected: str) -> None:
    fix = strip_site_suffix(title)
    assert fix is not None
    assert fix.title == expected


def test_organisation_after_a_dash_is_the_authors() -> None:
    assert strip_site_suffix("关于做好防汛工作的通知 - 某某县水利局") is None


# ------------------------------------------------------------------------ a list of links after a tail


def test_links_list_under_a_tail_header_is_no_article() -> None:
    body = "".join(f"<p>{BODY}</p>" for _ in range(3))
    html = (f"<html><body><h1>某物业公司2023年工作总结</h1>{body}<h3>相关推荐</h3><ul>"
            "<li><a href='/a'>物业管理处年终工作总结</a></li><li><a href='/b'>物业公司年度工作计划</a></li>"
            "<li><a href='/c'>物业经理述职报告</a></li></ul></body></html>")
    out = docconv.convert(html.encode("utf-8"), "markdown", format="html")
    assert isinstance(out, str)
    assert "物业经理述职报告" not in out
    assert "---" not in out
    assert out.count(BODY) == 3
