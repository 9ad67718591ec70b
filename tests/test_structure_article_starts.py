"""Where a new article of a multi-article page begins: its introduction, a report starting at a lower
scheme after the previous report's problems section, a report whose sections are `一是…` lines, and
the paragraphs that must stay with the report before (closings, a section's first paragraph)."""

from __future__ import annotations

import pytest

import docconv
from docconv import ast
from docconv import builder as b
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.pipeline import transform
from docconv.structure.articles import is_article, split_articles
from tests.support import FIXTURES

# Body paragraphs of two unrelated reports (each longer than a lead-in, so a section "has its body").
A1 = "年初以来,我们对照上级要求逐项梳理了内部管理制度,新建和修订考勤、公文、会议等制度十二项。"
A2 = "坚持每周集中学习一次,组织业务骨干轮流授课,全年开展业务培训二十余场,干部能力明显提高。"
B1 = "全区在建工程十一项,完成投资一点二亿元,占年度计划的百分之五十五,两座水库加固工程已完工。"
B2 = "汛前完成了水库、堤防、涵闸的安全检查,修订完善防汛预案三十六个,储备了充足的防汛物资。"
FIRST = ("一、健全制度", A1, "二、改进服务", A2)  # a report whose top sequence reached 二、
SECOND = ("一、工程建设", B1, "二、防汛准备", B2)  # the next report, restarting at 一、


def paras(*lines: str) -> ast.Document:
    return b.document(*(b.para(ln) for ln in lines))


def openings(*lines: str) -> list[str]:
    """The first characters of each article's first block after splitting."""
    out = split_articles(paras(*lines), Options(), DiagnosticLog())
    return [ast.plain_text(div.blocks[0].content)[:6] for div in out.blocks  # type: ignore[union-attr]
            if isinstance(div, ast.Div) and is_article(div)]


def restarts(*lines: str) -> list[str]:
    """The `structure.article-restart` decisions, by the text where each article begins."""
    log = DiagnosticLog()
    split_articles(paras(*lines), Options(), log)
    return [(d.text or "")[:6] for d in log if d.rule == "structure.article-restart"]


# --- introductions ---------------------------------------------------------------------------------

def test_introduction_ending_in_a_colon_moves_to_the_new_article() -> None:
    # The report before was cut after a bare sub-heading; the paragraph announcing the sections that
    # restart the numbering is the new report's, not that sub-heading's body.
    intro = "本中心自被评为市级文明单位以来,始终把作风建设摆在突出位置,取得了一定成效。现将有关情况汇报如下:"
    lines = (*FIRST, "1、推行首问负责制", intro, *SECOND)
    assert openings(*lines) == ["一、健全制度", intro[:6]]
    assert restarts(*lines) == [intro[:6]]  # the decision is reported where the article now begins


@pytest.mark.parametrize("intro", [
    "为进一步提升窗口服务水平,经研究决定开展评选活动。为确保活动取得实效,特制定以下实施方案。",
    "上半年以来,全区水利系统围绕年度目标扎实推进各项工作,现将工程建设和防汛工作情况总结如下。",
], ids=["plan", "summary"])
def test_announcing_introduction_moves_to_the_new_article(intro: str) -> None:
    assert openings(*FIRST, intro, *SECOND) == ["一、健全制度", intro[:6]]


def test_opening_after_a_section_with_its_body_moves() -> None:
    intro = "为深入贯彻全区工作会议精神,区水利局紧扣年度目标,扎实推进各项工作,取得了较好成效。"
    assert openings(*FIRST, intro, *SECOND) == ["一、健全制度", intro[:6]]
    two = ("2023年上半年,在区委、区政府的正确领导下,我局坚持稳中求进,扎实推进各项工作。", intro)
    assert openings(*FIRST, *two, *SECOND) == ["一、健全制度", two[0][:6]]


def test_first_paragraph_of_a_section_stays_with_it() -> None:
    # Right after a bare heading, an opening-like paragraph is that section's body.
    body = "为推动体制改革进程,我局成立了工作领导小组,制定了实施方案,各项改革任务有序推进。"
    assert openings(*FIRST, "三、推进改革", body, *SECOND) == ["一、健全制度", "一、工程建设"]


@pytest.mark.parametrize("closing", [
    "总之,经过全体干部职工的共同努力,各项工作取得了明显成效,为全年目标打下了基础。",
    "为此,我们将继续加大工作力度,努力把各项工作做得更好,为全区发展作出新的贡献。",
    "为进一步巩固创建成果,今后我们将继续开展形式多样的活动,营造良好的工作氛围。",
    "新的一年,我们将在上级的正确领导下,再接再厉,努力把各项工作推上新台阶。",
    "近年来,我局的各项工作取得了显著成绩,但与先进单位比还有距离,需要继续努力。",
], ids=["zongzhi", "weici", "jiang-jixu", "xin-yinian", "jinnianlai"])
def test_closing_paragraph_stays_with_the_report_it_ends(closing: str) -> None:
    assert openings(*FIRST, closing, *SECOND) == ["一、健全制度", "一、工程建设"]


def test_short_lead_in_still_makes_a_list() -> None:
    lines = (*FIRST, "下一步,我们将抓好以下工作:", "一、抓学习。每月集中学习一次。", "二、抓落实。每季度督查一次。")
    assert openings(*lines) == []


# --- a report starting at (一) after the problems section ----------------------------------------

PROBLEMS = ("三、存在的困难和问题",
            "总结这半年的工作,虽然有了一定进展,但还存在不足。一是工作经费紧张;二是基层力量薄弱。")
NEXT_REPORT = ("(一)凝心聚力,争创农业工作先进县", B1, "(二)实施两项工程,夯实产业基础", B2)


def test_lower_scheme_after_a_closed_problems_section_starts_an_article() -> None:
    lines = (*FIRST, *PROBLEMS, *NEXT_REPORT, "我们也清醒地看到工作中还有不少薄弱环节,需要认真加以解决。",
             *SECOND)
    # The next 一、 is a third report: the article that began at (一) had moved on to (二).
    assert openings(*lines) == ["一、健全制度", "(一)凝心聚", "一、工程建设"]
    log = DiagnosticLog()
    split_articles(paras(*lines), Options(), log)
    messages = [d.message for d in log if d.rule == "structure.article-restart"]
    assert "problems section" in messages[0]
    assert "above the article's own sections" in messages[1]


@pytest.mark.parametrize("problems", [
    # the sub-headings name shortcomings: they are the section's own points
    (PROBLEMS[0], PROBLEMS[1], "(一)工作经费不足", A1, "(二)基层力量不强", A2),
    # a sub-heading repeats words of the inline enumeration: it elaborates a point
    (PROBLEMS[0], PROBLEMS[1], "(一)关于工作经费紧张", A1, "(二)关于基层力量", A2),
    # no inline enumeration: the sub-sections are the problems
    (PROBLEMS[0], "在取得成绩的同时,我们也看到工作中还存在一些问题,需要认真研究解决。", *NEXT_REPORT),
    # the section also holds the plans
    ("三、存在的问题及下一步打算", PROBLEMS[1], *NEXT_REPORT),
    # the body announces its sub-sections
    (PROBLEMS[0], PROBLEMS[1][:-1] + "。具体如下:", *NEXT_REPORT),
    # sub-sections right under the heading
    (PROBLEMS[0], *NEXT_REPORT),
], ids=["shortcomings", "echo", "no-enumeration", "with-plans", "announces", "under-heading"])
def test_sub_sections_of_a_problems_section_stay(problems: tuple[str, ...]) -> None:
    assert openings(*FIRST, *problems) == []


def test_lower_scheme_restarting_under_each_section_is_one_report() -> None:
    lines = ("一、基本情况", A1, "(一)甲项", A2, "(二)乙项", B1, "二、主要做法", "(一)丙项", B2, "(二)丁项", A1,
             "三、存在问题", "(一)戊项", A2)
    assert openings(*lines) == []


# --- a report whose sections are 一是… lines -----------------------------------------------------

OPENING = "今年上半年,在区委、区政府的正确领导和市局的大力支持下,我局扎实推进各项工作,取得了明显成效。"
ENUMERATED = ("一是工程建设进展顺利。", B1, "二是防汛准备扎实到位。", B2)


def test_opening_with_enumerated_sections_starts_an_article() -> None:
    assert openings(*FIRST, OPENING, *ENUMERATED) == ["一、健全制度", OPENING[:6]]
    # ... and the next report's 一、 starts one more.
    intro = "为贯彻落实全区教育工作会议精神,区教育局围绕年度重点任务扎实做好各项工作,成效明显。"
    assert openings(*FIRST, OPENING, *ENUMERATED, intro, *SECOND) == ["一、健全制度", OPENING[:6], intro[:6]]


@pytest.mark.parametrize("lines", [
    # a purpose clause opens too many body paragraphs to count
    (*FIRST, "为确保各项措施落到实处,我们在工作中突出抓了两个重点,收到了较好的效果。", *ENUMERATED),
    # the paragraph announces the items: they are its own
    (*FIRST, OPENING[:-1] + ",主要抓了以下工作:", *ENUMERATED),
    (*FIRST, OPENING[:-1] + ",主要做法如下。", *ENUMERATED),
    # only one item: no run of sections
    (*FIRST, OPENING, "一是工程建设进展顺利。", B1, B2),
    # items that carry their text are inline enumerations, not section lines
    (*FIRST, OPENING, "一是工程建设进展顺利。" + B1, "二是防汛准备扎实到位。" + B2),
    # right after a heading, the paragraph is that section's body
    (*FIRST, "三、其他工作", OPENING, *ENUMERATED),
    # no numbered report before it: nothing to split from
    ("年度工作总结", A1, OPENING, *ENUMERATED),
], ids=["purpose", "colon", "announces", "one-item", "inline", "first-body", "no-report-before"])
def test_enumerated_sections_inside_one_report_stay(lines: tuple[str, ...]) -> None:
    assert openings(*lines) == []


FULL_WIDTH = str.maketrans({",": "，", ":": "：", "(": "（", ")": "）", ";": "；"})


def test_full_width_punctuation_gives_the_same_boundaries() -> None:
    # Real scraped pages usually keep full-width punctuation; the seeds had it folded to half width.
    intro = "本中心自被评为市级文明单位以来,始终把作风建设摆在突出位置,取得了一定成效。现将有关情况汇报如下:"
    cases = [
        ((*FIRST, "1、推行首问负责制", intro, *SECOND), ["一、健全制度", intro[:6]]),
        ((*FIRST, *PROBLEMS, *NEXT_REPORT, *SECOND), ["一、健全制度", "(一)凝心聚", "一、工程建设"]),
        ((*FIRST, OPENING, *ENUMERATED), ["一、健全制度", OPENING[:6]]),
    ]
    for lines, expected in cases:
        wide = [ln.translate(FULL_WIDTH) for ln in lines]
        assert openings(*wide) == [e.translate(FULL_WIDTH) for e in expected]


# --- fixtures and stability ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["intro-before-restart", "problems-then-report", "enumerated-report",
                                  "restart-negatives"])
def test_fixture_articles_are_stable(name: str) -> None:
    doc = docconv.read(FIXTURES / "structure" / f"{name}.txt")
    once = transform(doc, Options(), DiagnosticLog())
    assert transform(once, Options(), DiagnosticLog()) == once
    assert split_articles(once, Options(), DiagnosticLog()) == once


# --- a lead paragraph that shares the next report's vocabulary --------------------------------------

# A news lead about a flood-control meeting, written before the water report it introduces.
FLOOD_LEAD = ("会议期间,各水库、堤防管理单位负责人汇报了汛前安全检查和防汛物资储备情况,"
              "分管领导对水库加固工程和汛期值守工作提出了要求。")
# The same kind of paragraph, about the first report's own subject: it stays where it is.
OWN_LEAD = ("会议期间,各科室负责人汇报了制度修订和业务培训情况,"
            "分管领导对考勤制度落实和集中学习工作提出了要求。")


def test_a_lead_paragraph_sharing_the_next_reports_words_moves_with_it() -> None:
    log = DiagnosticLog()
    doc = split_articles(paras(*FIRST, A1, FLOOD_LEAD, *SECOND), Options(), log)
    starts = [ast.plain_text(d.blocks[0].content) for d in doc.blocks  # type: ignore[union-attr]
              if isinstance(d, ast.Div) and is_article(d)]
    assert starts == ["一、健全制度", FLOOD_LEAD]
    [d] = [d for d in log if d.rule == "structure.article-start"]
    assert d.text == FLOOD_LEAD[:40]


def test_a_lead_paragraph_about_its_own_report_stays() -> None:
    assert openings(*FIRST, A1, OWN_LEAD, *SECOND) == ["一、健全制度", "一、工程建设"]


def test_a_closing_paragraph_stays_even_when_it_shares_the_next_reports_words() -> None:
    closing = "下一步,我们将继续做好水库、堤防的安全检查和防汛物资储备,确保水库加固工程按期完工。"
    assert openings(*FIRST, A1, closing, *SECOND) == ["一、健全制度", "一、工程建设"]
