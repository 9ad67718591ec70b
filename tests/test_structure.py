"""The structure stage: title, heading levels, inline headings, lists, sequences, marker forms."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import docconv
from docconv import ast
from docconv import builder as b
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.pipeline import transform
from docconv.structure.headings import structure
from docconv.structure.numbering import match_marker
from docconv.walk import query
from docconv.writers.markdown import write_markdown
from tests.support import FIXTURES


def run(*lines: str, **options: object) -> tuple[ast.Document, DiagnosticLog]:
    log = DiagnosticLog()
    doc = structure(b.document(*(b.para(ln) for ln in lines)), Options.from_kwargs(**options), log)
    return doc, log


def outline(doc: ast.Document) -> list[tuple[int, str]]:
    return [(blk.level, (blk.marker.raw if blk.marker else "") + ast.plain_text(blk.content))
            for blk in doc.blocks if isinstance(blk, ast.Heading)]


def all_text(doc: ast.Document, *, markers: bool = True) -> str:
    """Every character of the document in order, with or without the markers."""
    parts: list[str] = []
    for node in query(doc, lambda n: n):
        if markers and isinstance(node, ast.Heading | ast.ListItem) and node.marker is not None:
            parts.append(node.marker.raw)
        if isinstance(node, ast.Text):
            parts.append(node.text)
    return "".join(parts)


def body_text(doc: ast.Document) -> str:
    """The document's text in order: headings without their markers, paragraphs without a leading one."""
    parts: list[str] = []
    for node in query(doc, lambda n: n):
        if isinstance(node, ast.Heading):
            parts.append(ast.plain_text(node.content))
        elif isinstance(node, ast.Para):
            parts.append(without_marker(ast.plain_text(node.content)))
    return "".join(parts)


def without_marker(line: str) -> str:
    m = match_marker(line)
    return m.rest if m else line


REPORT = (
    "2022年度安全生产工作总结",
    "今年以来,我们认真落实安全生产责任制,现总结如下:",
    "一、强化组织领导",
    "成立了以主要负责同志为组长的领导小组。",
    "二、开展隐患排查",
    "(一)排查范围。覆盖全部生产经营单位,共检查企业120家。",
    "(二)整改落实。对发现的问题逐项建立台账,限期整改。",
    "1、建立台账",
    "对每一项隐患明确责任人和整改时限。",
    "2、跟踪督办",
    "每周通报一次整改进度。",
    "三、下一步打算",
    "继续加大执法检查力度。",
)


def test_standard_levels_and_title() -> None:
    doc, log = run(*REPORT)
    assert doc.meta.title == "2022年度安全生产工作总结"
    assert outline(doc) == [
        (1, "2022年度安全生产工作总结"),
        (2, "一、强化组织领导"),
        (2, "二、开展隐患排查"),
        (3, "(一)排查范围。"),
        (3, "(二)整改落实。"),
        (4, "1、建立台账"),
        (4, "2、跟踪督办"),
        (2, "三、下一步打算"),
    ]
    splits = [d.text for d in log if d.rule == "structure.inline-heading"]
    assert splits == ["排查范围。", "整改落实。"]


def test_inline_heading_split_keeps_the_body() -> None:
    doc, _ = run(*REPORT)
    i = next(i for i, blk in enumerate(doc.blocks) if isinstance(blk, ast.Heading) and blk.marker
             and blk.marker.raw == "(一)")
    body = doc.blocks[i + 1]
    assert isinstance(body, ast.Para)
    assert ast.plain_text(body.content) == "覆盖全部生产经营单位,共检查企业120家。"


def test_no_text_lost_or_reordered() -> None:
    doc, _ = run(*REPORT)
    assert all_text(doc) == "".join(REPORT)


def test_idempotent() -> None:
    doc, _ = run(*REPORT)
    again = structure(doc, Options(), DiagnosticLog())
    assert again == doc


def test_compact_levels_close_gaps() -> None:
    doc, _ = run("标题", "(一)甲", "正文。", "1.乙", "正文。", "(二)丙", "正文。", heading_levels="compact")
    assert [lv for lv, _ in outline(doc)] == [1, 2, 3, 2]
    standard, _ = run("标题", "(一)甲", "正文。", "1.乙", "正文。", "(二)丙", "正文。")
    assert [lv for lv, _ in outline(standard)] == [1, 3, 4, 3]


def test_document_order_is_followed_when_it_differs() -> None:
    doc, log = run("标题", "1.甲", "正文。", "(一)乙", "正文。", "(二)丙", "正文。", "2.丁", "正文。")
    assert [lv for lv, _ in outline(doc)] == [1, 2, 3, 3, 2]
    assert any(d.rule == "structure.nesting-order" for d in log)


def test_lead_in_colon_makes_a_list() -> None:
    doc, _ = run("标题", "下一步,我们将重点抓好以下工作:",
                 "一、抓好理论学习。坚持每月集中学习一次,做到有计划、有记录。",
                 "二、抓好队伍建设。加强干部培训,提高业务能力和服务水平。",
                 "三、抓好制度落实。完善考核办法,严格兑现奖惩。")
    lists = [blk for blk in doc.blocks if isinstance(blk, ast.List)]
    assert len(lists) == 1
    lst = lists[0]
    assert lst.scheme is ast.Scheme.CN
    assert [i.marker.raw for i in lst.items if i.marker] == ["一、", "二、", "三、"]
    assert ast.plain_text(lst.items[0].blocks[0].content).startswith("抓好理论学习。坚持")  # type: ignore[union-attr]


def test_circled_items_are_a_list() -> None:
    doc, _ = run("标题", "三、下半年打算", "①抓好秋粮生产;", "②推进农田建设;", "③做好质量监管。")
    assert isinstance(doc.blocks[-1], ast.List)
    assert doc.blocks[-1].start == 1


def test_gaps_repeats_and_restarts_are_reported() -> None:
    _, log = run("标题", "一、甲", "正文。", "三、乙", "正文。", "三、丙", "正文。")
    rules = [(d.rule, d.message) for d in log if d.rule.startswith("structure.numbering")]
    assert ("structure.numbering-gap", "numbering jumps from 一、 to 三、") in rules
    assert any(r == "structure.numbering-repeat" for r, _ in rules)
    _, log = run("标题", "一、甲", "正文。", "二、乙", "正文。", "尾声。", "一、丙", "正文。")
    assert any(d.rule == "structure.numbering-restart" for d in log)


def test_mixed_marker_forms_render_consistently() -> None:
    doc, log = run("标题", "(一)甲", "正文。", "（二）乙", "正文。", "(三)丙", "正文。",
                   "1、子项", "正文。", "2 、子项", "正文。", "3、子项", "正文。")
    raws = [blk.marker.raw for blk in doc.blocks if isinstance(blk, ast.Heading) and blk.marker]
    assert raws == ["(一)", "(二)", "(三)", "1、", "2、", "3、"]
    assert sum(1 for d in log if d.rule == "structure.marker-form") == 2
    md = write_markdown(doc, Options())
    assert "### (二)乙" in md
    assert "#### 2、子项" in md


def test_numbering_modes() -> None:
    lines = ("标题", "一、甲", "正文。", "三、乙", "正文。", "(1)丙", "正文。")
    gb, _ = run(*lines, numbering="gbt9704")
    assert [r for _, r in outline(gb)][1:] == ["一、甲", "三、乙", "（1）丙"]
    renum, _ = run(*lines, numbering="renumber")
    assert [r for _, r in outline(renum)][1:] == ["一、甲", "二、乙", "（1）丙"]
    stripped, _ = run(*lines, numbering="strip")
    md = write_markdown(stripped, Options(numbering="strip"))
    assert "## 甲" in md
    assert "一、" not in md


def test_sentences_are_not_headings() -> None:
    doc, _ = run("标题", "一是加强领导,二是完善机制。", "2023年全年完成投资5亿元。", "十分重视安全生产工作。")
    assert outline(doc) == [(1, "标题")]


LINES = st.lists(st.sampled_from([
    "一、甲", "二、乙", "(一)丙", "(二)丁", "1、戊", "2.己", "(1)庚", "①辛", "——壬",
    "正文内容。", "一、抓好学习。坚持每月学习。", "下一步工作如下:", "短标题", "1.5倍增长。",
]), min_size=1, max_size=14)


@settings(max_examples=150, deadline=None)
@given(LINES)
@example(["短标题", "——壬"])  # a subtitle under the title keeps its dash as text
def test_structure_never_drops_or_reorders_text_and_is_idempotent(lines: list[str]) -> None:
    doc, _ = run(*lines)
    # Marker forms may be made consistent (keep mode); everything else is exactly the input, in order. A
    # line may keep its marker as text (a subtitle `——…` under the title), so paragraphs are compared
    # without a leading marker too.
    assert body_text(doc) == "".join(map(without_marker, lines))
    assert structure(doc, Options(), DiagnosticLog()) == doc


def test_glued_marker_fills_a_gap_and_is_reported() -> None:
    doc, log = run("标题", "一、甲", "正文。", "二、乙", "正文一句。 三、丙项工作", "正文。", "四、丁", "正文。")
    assert [r for _, r in outline(doc)][1:] == ["一、甲", "二、乙", "三、丙项工作", "四、丁"]
    assert [d.text for d in log if d.rule == "structure.glued-marker"] == ["三、丙项工作"]
    assert not any(d.rule == "structure.numbering-gap" for d in log)


def test_marker_inside_prose_is_not_cut_out_without_a_gap() -> None:
    doc, log = run("标题", "一、甲", "正文一句。 二、这不是标题", "二、乙", "正文。")
    assert not any(d.rule == "structure.glued-marker" for d in log)
    assert all_text(doc) == "".join(("标题", "一、甲", "正文一句。 二、这不是标题", "二、乙", "正文。"))


def test_heading_glued_to_its_body_by_a_space_is_split() -> None:
    doc, log = run("标题", "一、推进效能建设 一是建立健全规章制度。二是规范办事流程。",
                   "二、改进服务方式 推行一次性告知制度。", "三、开展“热爱祖国 建设家园”活动。全年举办六场。")
    assert [r for _, r in outline(doc)][1:] == ["一、推进效能建设", "二、改进服务方式", "三、开展“热爱祖国 建设家园”活动。"]
    splits = [d.text for d in log if d.rule == "structure.inline-heading"]
    assert splits == ["推进效能建设", "改进服务方式", "开展“热爱祖国 建设家园”活动。"]  # no cut inside quotes


def test_short_sentences_head_sections_when_bodies_follow() -> None:
    doc, _ = run("标题", "二、主要做法", "1、加大宣传力度。", "全年发放资料一万份。", "2、强化督查考核。",
                 "每季度督查一次。")
    assert [r for _, r in outline(doc)][1:] == ["二、主要做法", "1、加大宣传力度。", "2、强化督查考核。"]
    consecutive, _ = run("标题", "二、主要措施", "1、成立领导小组。", "2、提倡文明用语。", "3、严禁吸烟。")
    assert isinstance(consecutive.blocks[-1], ast.List)
    assert len(consecutive.blocks[-1].items) == 3


def test_diagnostics_list_every_gap_and_every_split() -> None:
    _, log = run("标题", "一、甲项。正文。", "三、乙项。正文。", "六、丙项。正文。", "(一)丁。正文。", "(三)戊。正文。")
    gaps = [d.message for d in log if d.rule == "structure.numbering-gap"]
    assert gaps == ["numbering jumps from 一、 to 三、", "numbering jumps from 三、 to 六、",
                    "numbering jumps from (一) to (三)"]
    splits = [d.text for d in log if d.rule == "structure.inline-heading"]
    assert splits == ["甲项。", "乙项。", "丙项。", "丁。", "戊。"]


def test_a_sequence_starting_above_its_first_number_is_a_gap() -> None:
    _, log = run("标题", "一、甲项", "正文正文。", "(三)丙。正文。", "(四)丁。正文。", "二、乙项", "正文。")
    gaps = [(d.message, d.text) for d in log if d.rule == "structure.numbering-gap"]
    assert gaps == [("numbering starts at (三), not at its first number", "(三)丙。正文。")]
    # Sub-sections numbered on across sections, and a first number standing inside the paragraph
    # before, are not gaps.
    _, on = run("标题", "一、甲项", "(一)子。正文。", "(二)子。正文。", "二、乙项", "(三)子。正文。", "(四)子。正文。")
    _, inline = run("标题", "一、甲项", "1.宣传工作。(1)区内宣传,全年发稿百篇。", "(2)区外宣传。正文。",
                    "(3)网络宣传。正文。")
    assert not any(d.rule == "structure.numbering-gap" for d in (*on, *inline))


def test_mixed_forms_fixture_renders_one_form_with_numbering_keep() -> None:
    md = docconv.convert(FIXTURES / "structure" / "mixed-forms.txt", "markdown", numbering="keep")
    assert isinstance(md, str)
    assert "### (二)规范办事流程" in md  # the majority half-width form wins over （二）
    assert "#### 2、推行限时办结" in md  # the stray space in `2 、` is gone
    assert "（" not in md.split("规范办事流程")[0].split("完善服务台账")[1]
    assert "2 、" not in md


def test_separator_after_a_chapter_or_part_marker_survives_into_markdown() -> None:
    md = docconv.convert(FIXTURES / "structure" / "chapters.txt", "markdown")
    assert isinstance(md, str)
    assert "## 第一章\u3000年度经营概况" in md  # the source's ideographic space is kept
    assert "## 第三章\u30002024年工作打算" in md  # and never glued to a number after it
    doc, _ = run("标题", "第一部分 全年工作", "全年完成了各项任务。", "第二部分存在问题", "仍有一些不足。")
    md = write_markdown(doc, Options())
    assert "## 第一部分 全年工作" in md
    assert "## 第二部分 存在问题" in md  # one form per document (--numbering=keep): the first one here
    glued, _ = run("标题", "第一部分全年工作", "全年完成了各项任务。")
    assert "## 第一部分全年工作" in write_markdown(glued, Options())  # no gap in the source, none added
    standard, _ = run("标题", "第 一 章  总体情况", "全年完成了各项任务。", numbering="gbt9704")
    assert "## 第一章 总体情况" in write_markdown(standard, Options())


def test_chapters_above_paren_sections_keep_one_ladder() -> None:
    log = DiagnosticLog()
    doc = transform(docconv.read(FIXTURES / "structure" / "chapters.txt"), Options(), log)
    assert not any(isinstance(blk, ast.Div) for blk in doc.blocks)  # （一） under 第二章 is no new article
    heads = outline(doc)
    assert [lvl for lvl, text in heads if text.startswith("第")] == [2, 2, 2]
    assert [lvl for lvl, text in heads if text.startswith("（")] == [4, 4, 4, 4, 4]
    rules = {d.rule for d in log}
    assert "structure.nesting-order" not in rules
    assert "structure.article-restart" not in rules


def test_alike_runs_of_one_scheme_are_decided_together() -> None:
    log = DiagnosticLog()
    doc = transform(docconv.read(FIXTURES / "structure" / "consistent-runs.txt"), Options(), log)
    lists = [blk for blk in doc.blocks if isinstance(blk, ast.List)]
    assert [len(lst.items) for lst in lists] == [2, 2]  # under 一、 as under 二、
    assert not any(isinstance(blk, ast.Heading) and blk.marker and blk.marker.scheme is ast.Scheme.CN_PAREN
                   for blk in doc.blocks)
    assert [d.rule for d in log].count("structure.consistent-runs") == 1
    # The other way round: when most of the pooled items lead with a heading, all of them head sections.
    lead = "全年共组织专题活动十二场，参加群众达到两千余人次，群众满意率明显提升。"
    doc, _ = run("标题", "一、甲项工作", "(一)宣传教育。" + lead, "(二)阵地建设。" + lead, "二、乙项工作",
                 "(一)志愿服务。" + lead, "(二)" + lead[:-1] + "，社会反响良好，多家媒体进行了专门报道。")
    assert [r for _, r in outline(doc)][1:] == ["一、甲项工作", "(一)宣传教育。", "(二)阵地建设。", "二、乙项工作",
                                                 "(一)志愿服务。"]
    assert not any(isinstance(blk, ast.List) for blk in doc.blocks)
    # Short one-sentence items (goals) would head empty sections: they stay a list whatever the vote.
    doc, _ = run("标题", "一、工作目标", "(一)建成老年食堂一个。", "(二)每周探访一次。", "二、主要措施",
                 "(一)完善设施。" + lead, "(二)丰富内容。" + lead, "(三)壮大队伍。" + lead)
    assert [type(blk).__name__ for blk in doc.blocks[1:3]] == ["Heading", "List"]
    assert [r for _, r in outline(doc)][3:] == ["(一)完善设施。", "(二)丰富内容。", "(三)壮大队伍。"]


@pytest.mark.parametrize(("before", "gap"), [
    ("附件：1. 参会回执", False),  # the first number stands after the colon in the line before
    ("附件：参会回执", True),
])
def test_a_sequence_whose_first_number_ends_the_line_before_is_no_gap(before: str, gap: bool) -> None:
    _, log = run("关于召开例会的通知", "请各单位按时参加。", before, "2. 安全检查情况汇总表")
    assert any(d.rule == "structure.numbering-gap" for d in log) is gap


@pytest.mark.parametrize("first", ["附件：1.2024年设备需求表", "附件：1. 设备需求表", "附件: 1、设备需求表"])
def test_lines_going_on_from_a_number_after_a_colon_stay_lines(first: str) -> None:
    # An attachment list opened inside the line before: its next items are lines, not sections.
    doc, log = run("关于报送需求的通知", "请各单位按时报送。", first, "2.安全检查情况汇总表", "3.培训名单", "区教育局")
    assert outline(doc) == [(1, "关于报送需求的通知")]
    assert [ast.plain_text(blk.content) for blk in doc.blocks[3:5] if isinstance(blk, ast.Para)] == [
        "2.安全检查情况汇总表", "3.培训名单"]
    assert [d.rule for d in log].count("structure.enumeration") == 2
    assert not any(d.rule == "structure.numbering-gap" for d in log)


def test_a_numbered_heading_glued_after_a_colon_still_heads_its_sequence() -> None:
    # `主要措施：1.强化组织领导。` with a body lost its line break: 2. and 3. head sections as before.
    body = "全年召开专题会议十二次，研究解决重点问题二十余个，形成了一级抓一级的工作格局。"
    doc, log = run("年度工作总结", "一、主要做法", "主要措施：1.强化组织领导。" + body, "2.完善工作机制",
                   "建立月调度制度，对进度滞后的单位及时督办。", "3.加强督促检查", "开展专项督查四次。")
    assert [r for _, r in outline(doc)][1:] == ["一、主要做法", "2.完善工作机制", "3.加强督促检查"]
    assert not any(d.rule == "structure.enumeration" for d in log)
