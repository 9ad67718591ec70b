"""Breaks that are always wraps: inside a number in CJK text, and before a line of closing punctuation."""

from __future__ import annotations

import pytest

import docconv
from docconv import builder as b
from docconv.ast import Document, Inline, Para, Pos, SoftBreak, Text
from docconv.clean.joins import cjk_latin_seam, closing_only, join_paragraphs, splits_number
from docconv.clean.textmap import doc_text
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options


def _join(*paras: str) -> list[str]:
    doc = b.document(*(b.para(p) for p in paras))
    return doc_text(join_paragraphs(doc, Options(), DiagnosticLog())).splitlines()


LONG = "全年共排查各类安全隐患三百余处，督促责任单位限期整改，已整改"


def test_a_number_split_by_a_break_is_joined() -> None:
    assert _join(LONG + "2", "98处，整改率达到97.3%。") == [LONG + "298处，整改率达到97.3%。"]
    assert _join(LONG + "率97.", "3%，其余隐患落实了整改期限。") == [LONG + "率97.3%，其余隐患落实了整改期限。"]
    assert _join(LONG + "率97", "%，其余隐患落实了整改期限。") == [LONG + "率97%，其余隐患落实了整改期限。"]
    # full-width digits too
    assert _join(LONG + "２", "９８处。") == [LONG + "２９８处。"]


@pytest.mark.parametrize(("a", "b"), [
    ("联系电话：0571-8600", "2024年1月10日"),                # a short field line and a date line
    ("某某街道办事处2023", "2024年工作计划"),                  # a short title ending in a year
    (LONG + "2", "2.加强隐患排查治理"),                         # a numbered item opens the next line
    (LONG + "2", "2024"),                                       # a number alone: no text runs on
    ("The meeting was held in room 2 on the third floor of building", "11 people came."),  # not CJK
])
def test_number_like_breaks_that_are_not_wraps(a: str, b: str) -> None:
    assert not splits_number(a, b)
    assert _join(a, b) == [a, b]


def test_a_line_of_closing_punctuation_ends_the_line_before_it() -> None:
    assert _join("组织党员到革命教育基地参观学习6批次", "。") == ["组织党员到革命教育基地参观学习6批次。"]
    assert _join("他在会上说：“要把工作做实做细。", "”") == ["他在会上说：“要把工作做实做细。”"]
    assert closing_only(" 。”")
    assert not closing_only("……")
    assert not closing_only("。好")


def test_a_number_split_inside_a_paragraph_is_closed_up() -> None:
    # the reader joined the wrapped lines with a soft break; the spacing repair leaves digit | digit
    para = Para(content=(Text(text=LONG + "2"), SoftBreak(), Text(text="98处，整改率达到97.3%。")))
    log = DiagnosticLog()
    out = join_paragraphs(Document(blocks=(para,)), Options(), log)
    assert doc_text(out) == LONG + "298处，整改率达到97.3%。\n"
    assert [d.action for d in log] == [Action.CHANGED]
    assert join_paragraphs(out, Options(), DiagnosticLog()) == out


def test_english_soft_breaks_between_numbers_stay() -> None:
    para = Para(content=(Text(text="Total rooms on the floor: 2"), SoftBreak(), Text(text="11 were booked")))
    doc = Document(blocks=(para,))
    assert join_paragraphs(doc, Options(), DiagnosticLog()) == doc


def test_idempotent() -> None:
    doc = b.document(b.para(LONG + "2"), b.para("98处，整改率达到97."), b.para("3%，其余隐患限期整改"),
                     b.para("。"))
    once = join_paragraphs(doc, Options(), DiagnosticLog())
    assert doc_text(once) == LONG + "298处，整改率达到97.3%，其余隐患限期整改。\n"
    assert join_paragraphs(once, Options(), DiagnosticLog()) == once


FIRST = "全年门急诊接诊三万二千人次，同比增长百分之十一；住院八百六十人次，病床"
SECOND = "使用率达到百分之七十六。新开展康复理疗等项目三项。"


def _page(*lines: tuple[int, str]) -> Document:
    return b.document(*(Para(content=(Text(text=t),), pos=Pos(line=n)) for n, t in lines))


def _removed_at(line: int) -> DiagnosticLog:
    log = DiagnosticLog()
    log.report("banner.page-number", "page number", action=Action.REMOVED, text="- 1 -", pos=Pos(line=line))
    return log


def test_a_sentence_split_by_a_removed_page_banner_is_joined_though_the_seam_falls_between_words() -> None:
    doc = _page((5, FIRST), (8, SECOND))
    # No word runs across `病床|使用率`: without the banner between them the halves stay apart …
    assert doc_text(join_paragraphs(doc, Options(), DiagnosticLog())).splitlines() == [FIRST, SECOND]
    # … with a page number removed from between them, they are one sentence broken by a page.
    log = _removed_at(6)
    assert doc_text(join_paragraphs(doc, Options(), log)).splitlines() == [FIRST + SECOND]
    assert any(d.rule == "repair.join-paragraphs" and "residue" in d.message for d in log)


@pytest.mark.parametrize(("a", "second"), [
    ("二、公共卫生服务", SECOND),              # a heading: short, no clause
    (FIRST + "。", SECOND),                    # the first half ends its sentence
    (FIRST, "3.加强家庭医生签约服务"),          # a numbered item opens the second
])
def test_residue_between_is_not_enough_when_the_halves_do_not_read_as_one_sentence(a: str, second: str) -> None:
    doc = _page((5, a), (8, second))
    assert doc_text(join_paragraphs(doc, Options(), _removed_at(6))).splitlines() == [a, second]


def test_residue_elsewhere_does_not_join() -> None:
    doc = _page((5, FIRST), (8, SECOND))
    assert doc_text(join_paragraphs(doc, Options(), _removed_at(12))).splitlines() == [FIRST, SECOND]


# --- a hard wrap at a seam of CJK text and a Latin word or number joins without a space -------------------

WRAPPED = "本学期共举办家庭教育讲座四场，内容涉及睡眠管理与屏幕时间，参加的家长合计"


def _wrapped(*lines: str) -> Para:
    content: list[Inline] = []
    for i, line in enumerate(lines):
        if i:
            content.append(SoftBreak())
        content.append(Text(text=line))
    return Para(content=tuple(content))


@pytest.mark.parametrize(("lines", "joined"), [
    ((WRAPPED + "318", "人次，满意率为95%。"), WRAPPED + "318人次，满意率为95%。"),  # digit | CJK
    ((WRAPPED + "，采用", "ISO质量体系进行评估。"), WRAPPED + "，采用ISO质量体系进行评估。"),  # CJK | Latin
    ((WRAPPED + "，使用了平台App", "进行登记。"), WRAPPED + "，使用了平台App进行登记。"),  # Latin | CJK
])
def test_a_wrap_between_cjk_and_latin_or_digits_joins_tight(lines: tuple[str, ...], joined: str) -> None:
    log = DiagnosticLog()
    out = join_paragraphs(Document(blocks=(_wrapped(*lines),)), Options(), log)
    assert doc_text(out) == joined + "\n"
    assert docconv.write(out, "markdown") == joined + "\n"  # no space printed for the wrap
    assert [d.rule for d in log] == ["repair.join-paragraphs"]
    assert join_paragraphs(out, Options(), DiagnosticLog()) == out


def test_the_seam_check() -> None:
    assert cjk_latin_seam("共计318", "人次")
    assert cjk_latin_seam("采用", "ISO")
    assert not cjk_latin_seam("in the year", "2023 we")  # Latin | Latin: a space between words
    assert not cjk_latin_seam("共计", "人次")  # CJK | CJK: the spacing repair's


@pytest.mark.parametrize("lines", [
    # a short line before the break: a line of its own (a field, a signature), not a wrap
    ("联系电话：0571-86001234", "地址：某某路88号"),
    ("值班人员：王明 13800001111", "值班时间：8:00-17:30"),
    # two Latin words: the wrap stays a space
    ("The committee reviewed every application that arrived before 2023", "and replied within a week."),
    # a numbered line opens after the break
    (WRAPPED + "318人次。", "2.下学期继续开展家长学校活动。"),
])
def test_breaks_that_are_not_cjk_latin_wraps_stay(lines: tuple[str, ...]) -> None:
    doc = Document(blocks=(_wrapped(*lines),))
    assert join_paragraphs(doc, Options(), DiagnosticLog()) == doc


def test_a_dateline_is_never_joined_to_the_line_after_it() -> None:
    # `日|本` reads as the word 日本 across the seam, but a dateline is complete.
    assert _join("2024年3月8日", "本页网址：http://example.org/a/1.html") == [
        "2024年3月8日", "本页网址：http://example.org/a/1.html"]
    # lookalike: a sentence that holds a date is no dateline, and still joins where a word runs across
    assert _join("截至2024年3月8日，项目累计完成投", "资额1.2亿元。") == ["截至2024年3月8日，项目累计完成投资额1.2亿元。"]
