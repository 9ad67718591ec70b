"""Residue on pages of a fourth blind test: a CMS summary copied from the text's opening, reprint notes
that name the site and ask to keep its link, toolbar rows judged as a whole, a mobile byline with a
dotted counter and an app link, a print page's footer, paged-article counters and preview markers, and a
platform's safety banner over the comments.

fixtures/residue/redteam4/ holds pages of our own wording in those shapes (each with an `.expect.toml`
like fixtures/residue/redteam/) and a clean report full of lookalikes (`clean-*`). Whole copies of the
text (a page printed twice, a preview before the full text) are the structure stage's: see
tests/test_articles.py.
"""

from __future__ import annotations

import pytest

from docconv import ast
from docconv import builder as b
from docconv.clean.rules.builtin import BUILTIN
from docconv.diagnostics import Action, Severity
from docconv.options import Options
from tests.test_residue_support import (
    BODY,
    BODY2,
    clean,
    clean_text,
    every_rule_on_a_megabyte_of,
    removed,
    text_of,
)

# ------------------------------------------------------------------ a summary copied from the opening

OPENING = "2023年，县政务服务中心坚持以群众满意为目标，深化“一网通办”改革，优化窗口服务，全年办件量再创新高。"
REST = "全县34个部门的1260项政务服务事项全部进驻中心，进驻率达到100%。"


@pytest.mark.parametrize("summary", [
    "2023年，县政务服务中心坚持以群众满意为目标，深化“一网通办”改革...",
    "2023年，县政务服务中心坚持以群众满意为目标，深化“一网通办”改革，优化窗口服务，全年办件量再创新高。全县34个部门……",
    "县政务服务中心工作总结 2023年，县政务服务中心坚持以群众满意为目标…",
])
def test_a_summary_copied_from_the_opening_goes(summary: str) -> None:
    source = "\n".join(["县政务服务中心工作总结", summary, OPENING, REST])
    doc, log = clean_text(source)
    assert text_of(doc) == "\n".join(["县政务服务中心工作总结", OPENING, REST])
    assert [d.rule for d in log if d.action is Action.REMOVED] == ["duplicate.summary-copy"]


@pytest.mark.parametrize("lines", [
    # an introduction that announces the sections and trails off: it copies nothing
    ["县政务服务中心工作总结", "全年重点抓了三件事：事项进驻、服务提升、作风建设……", OPENING, REST],
    # too short a piece of the opening to be a copy of it
    ["县政务服务中心工作总结", "2023年，县政务…", OPENING, REST],
    # a copy that the text below does not continue word for word
    ["县政务服务中心工作总结", "2023年，县政务服务中心坚持以群众满意为目标，深化改革...", OPENING, REST],
])
def test_a_paragraph_ending_in_an_ellipsis_that_copies_nothing_stays(lines: list[str]) -> None:
    source = "\n".join(lines)
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert not removed(log)


def test_the_summary_detector_can_be_kept() -> None:
    summary = "2023年，县政务服务中心坚持以群众满意为目标，深化“一网通办”改革..."
    source = "\n".join(["县政务服务中心工作总结", summary, OPENING, REST])
    doc, log = clean_text(source, Options(keep_rules=("duplicate.summary-copy",)))
    assert text_of(doc) == source
    assert [(d.rule, d.action, d.severity) for d in log] == [
        ("duplicate.summary-copy", Action.KEPT, Severity.WARNING)]


# ------------------------------------------------------------------ a platform's safety banner


def test_a_safety_banner_goes_with_other_residue_and_stays_suspect_without() -> None:
    notice = "重要提示：谨防虚假中奖信息"
    doc, log = clean_text("\n".join([BODY, BODY2, "分享到：", notice, "发评论"]))
    assert notice not in text_of(doc)
    assert any(d.rule == "furniture.scam-notice" and d.action is Action.REMOVED for d in log)
    # A report on fraud prevention may close with the same words: with no site residue it stays.
    source = "\n".join([BODY, BODY2, notice])
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert [(d.rule, d.action) for d in log] == [("furniture.scam-notice", Action.KEPT)]


# ------------------------------------------------------------------ one rule, one residue, one lookalike

# rule id, where the residue stands, the residue line, where the lookalike stands, the lookalike line
# (run by test_residue_pages.py with the other rounds' cases)
CASES = [
    ("watermark.reprint-note", "tail",
     "本文来源于某某文秘网（www.mmwenmi.cn），转载请保留链接：http://www.mmwenmi.cn/zongjie/bgs/5521.html", "tail",
     "本文数据来源于区统计局，转载请注明出处。"),
    ("watermark.reprint-note", "middle", "出处：某某范文网 转载请注明", "middle", "出处：《某某市统计年鉴2023》第45页"),
    ("watermark.reprint-note", "tail", "【来源于某某文库 www.demo-wenku.com 如需转载请注明出处】", "tail",
     "资料来源于市档案馆，如需转载请与档案馆联系。"),
    ("furniture.toolbar-row", "tail", "收藏 | 打印 | 挑错 | 推荐", "tail", "收藏 | 推荐 | 共享"),
    ("furniture.toolbar-row", "tail", "[收藏] [挑错] [推荐]", "tail", "收藏、打印和推荐工作由办公室统一负责。"),
    ("furniture.dated-counter", "head", "2024-02-11 · 阅读 3.4万", "head", "2024-02-11 · 读书月启动仪式"),
    ("furniture.counters", "tail", "2024-02-11 · 阅读 3.4万 · 评论 56", "tail", "全年阅读3.4万人次，评论56条。"),
    ("furniture.app-call", "tail", "打开APP阅读全文", "tail", "群众可打开APP查看办事进度。"),
    ("furniture.app-call", "head", "下载APP，阅读体验更佳", "tail", "下载APP的居民比上年增加3000人。"),
    ("furniture.permalink", "tail",
     "本页地址：http://www.xxlib.gov.cn/art/2024/1/15/art_88_1201.html　打印时间：2024-01-22 16:05", "middle",
     "本页地址栏中的网址请勿随意修改。"),
    ("furniture.print-time", "tail", "打印时间：2024-01-22 16:05", "tail", "打印时间：由各科室根据需要自行安排。"),
    ("banner.page-counter", "middle", "（本文共2页，当前第1页）", "middle", "本文共2页，请各单位认真阅读。"),
    ("banner.page-counter", "middle", "当前第2页，共3页", "middle", "第二页共有三张表格。"),
    ("truncation.preview-end", "middle", "（试读结束，以下为正文）", "middle", "试读结束后，读者可将图书借回家阅读。"),
    ("truncation.preview-end", "tail", "预览已结束", "tail", "预览系统已于年底结束试运行。"),
]


_NEW = {"watermark.reprint-note", "furniture.toolbar-row", "furniture.dated-counter", "furniture.counters",
        "furniture.app-call", "furniture.permalink", "furniture.print-time", "banner.page-counter",
        "truncation.preview-end", "furniture.scam-notice"}
_PIECES = ["本文来源于某网(", "出处:某某网 ", "[收藏] ", "收藏 | 挑", "2024-02-11 · 阅读 ", "打开app", "本页地址:",
           "打印时间:2024-01-22 ", "(本文共2页,", "当前第1页,", "(试读结束,", "重要提示:谨防"]


@pytest.mark.parametrize("piece", _PIECES)
def test_new_rules_finish_on_a_megabyte_line(piece: str) -> None:
    """A hang, not a slow pass, is what this catches."""
    rules = [r for r in BUILTIN if r.id in _NEW]
    assert len(rules) == len(_NEW)
    every_rule_on_a_megabyte_of(piece, rules)


# ------------------------------------------------------------------ buttons and markers before more text


@pytest.mark.parametrize("line", ["展开全文", "（试读结束，以下为正文）"])
def test_a_button_or_marker_with_text_after_it_is_no_truncation(line: str) -> None:
    doc, log = clean_text("\n".join([BODY, line, BODY2, BODY]))
    assert text_of(doc) == "\n".join([BODY, BODY2, BODY])
    (d,) = [d for d in log if d.action is Action.REMOVED]
    assert d.severity is Severity.INFO
    assert "not a sign that text was withheld" in d.message


@pytest.mark.parametrize("line", ["展开全文", "预览已结束"])
def test_a_button_or_marker_ending_the_text_still_says_it_is_incomplete(line: str) -> None:
    doc, log = clean_text("\n".join([BODY, BODY2, line]))
    assert text_of(doc) == "\n".join([BODY, BODY2])
    (d,) = [d for d in log if d.action is Action.REMOVED]
    assert d.severity is Severity.WARNING
    assert "the document is incomplete" in d.message


def test_unread_pages_are_truncation_even_with_text_after_them() -> None:
    _, log = clean_text("\n".join([BODY, "还剩3页未读，继续阅读", BODY2]))
    (d,) = [d for d in log if d.action is Action.REMOVED]
    assert (d.rule, d.severity) == ("truncation.unread", Severity.WARNING)


# ------------------------------------------------------------------ a rule left at an edge


FOOTER = "本页地址：http://www.xxlib.gov.cn/art/2024/1/15/art_88_1201.html　打印时间：2024-01-22 16:05"


ROW = "------分隔线----------------------------"


@pytest.mark.parametrize("blocks", [
    # everything after the rule is residue
    (b.para(BODY), b.para(BODY2), ast.HorizontalRule(), b.para(FOOTER)),
    (b.para(BODY), b.para(BODY2), b.para(ROW), b.para(FOOTER)),
    # the rule ends the source right after residue (what followed went before this stage)
    (b.para(BODY), b.para(BODY2), b.para(FOOTER), b.para(ROW)),
])
def test_a_rule_that_only_set_residue_apart_goes_with_it(blocks: tuple[ast.Block, ...]) -> None:
    doc = b.document(*blocks)
    out, log = clean(doc)
    assert out.blocks == doc.blocks[:2]
    assert [d.rule for d in log if d.action is Action.REMOVED] == ["furniture.permalink", "furniture.edge-rule"]


@pytest.mark.parametrize("blocks", [
    # the source ends with the rule after the report's text: the author's
    (b.para(BODY), b.para(BODY2), ast.HorizontalRule()),
    (b.para(BODY), b.para(BODY2), b.para(ROW)),
    # text still follows the rule
    (b.para(BODY), ast.HorizontalRule(), b.para(BODY2), b.para(FOOTER)),
    (b.para(BODY), b.para(ROW), b.para(BODY2), b.para(FOOTER)),
])
def test_a_rule_the_report_sets_stays(blocks: tuple[ast.Block, ...]) -> None:
    out, log = clean(b.document(*blocks))
    rules = [x for x in blocks if isinstance(x, ast.HorizontalRule) or x == b.para(ROW)]
    assert [x for x in out.blocks if x in rules] == rules
    assert not [d for d in log if d.rule == "furniture.edge-rule"]


def test_the_edge_rule_detector_can_be_kept() -> None:
    doc = b.document(b.para(BODY), b.para(BODY2), ast.HorizontalRule(), b.para(FOOTER))
    out, log = clean(doc, Options(keep_rules=("furniture.edge-rule",)))
    assert out.blocks == doc.blocks[:3]
    assert [(d.rule, d.action) for d in log if d.rule == "furniture.edge-rule"] == [
        ("furniture.edge-rule", Action.KEPT)]
