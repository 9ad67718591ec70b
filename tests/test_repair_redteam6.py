"""Repairs (blind test 6): pinyin written with tone digits (G3), and a paragraph of closing marks that
cannot end the sentence before it (G4's `:::` glued to a finished sentence)."""

from __future__ import annotations

import pytest

from docconv import ast
from docconv import builder as b
from docconv.clean import pinyin
from docconv.clean.joins import join_paragraphs
from docconv.clean.repair import strip_pinyin
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options


def _texts(doc: ast.Document) -> list[str]:
    return [ast.plain_text(blk.content) for blk in doc.blocks if isinstance(blk, ast.Para | ast.Heading)]


def _strip(*paras: str) -> tuple[list[str], DiagnosticLog]:
    log = DiagnosticLog()
    doc = strip_pinyin(b.document(*(b.para(p) for p in paras)), Options(), log)
    return _texts(doc), log


@pytest.mark.parametrize(("letters", "digit", "want"), [
    ("zhong", "1", "zhōng"), ("lv", "4", "lǜ"), ("gou", "3", "gǒu"), ("xiao", "1", "xiāo"),
    ("liu", "2", "liú"), ("gui", "4", "guì"), ("de", "5", "de"), ("lüe", "4", "lüè"), ("er", "2", "ér"),
])
def test_tone_digits_become_tone_marks(letters: str, digit: str, want: str) -> None:
    assert pinyin.marked(letters, digit) == want


REPORT = (
    "2023年，办公室(ban4 gong1 shi4)认真落实安全生产(an1 quan2 sheng1 chan3)责任制，加强值班(zhi2ban1)管理。",
    "一、后勤保障(hou4 qin2 bao3 zhang4)",
    "全年完成食堂改造(gai3 zao4)1处，节约经费3.2万元。",
)


def test_word_annotations_with_tone_digits_are_removed() -> None:
    texts, log = _strip(*REPORT)
    assert texts == [
        "2023年，办公室认真落实安全生产责任制，加强值班管理。",
        "一、后勤保障",
        "全年完成食堂改造1处，节约经费3.2万元。",
    ]
    removed = [d for d in log if d.rule == "repair.pinyin"]
    assert len(removed) == 5
    assert all(d.action is Action.REMOVED for d in removed)


def test_single_character_annotations_with_tone_digits_are_removed() -> None:
    texts, _ = _strip("總(zong3)結(jie2)全年工作，完成各項任(ren4)務。", "繼續加強管(guan3)理。")
    assert texts == ["總結全年工作，完成各項任務。", "繼續加強管理。"]


def test_tone_digit_annotations_go_once_and_for_all() -> None:
    log = DiagnosticLog()
    doc = b.document(*(b.para(p) for p in REPORT))
    once = strip_pinyin(doc, Options(), log)
    assert strip_pinyin(once, Options(), DiagnosticLog()) == once


@pytest.mark.parametrize("text", [
    "本次采购服务器型号(ab12 cd3)共6台。",
    "接口版本(v2 x3)已停止维护。",
    "主机编号(a1)位于二楼机房。",
    "文件(wen2 jian1)归档工作。",  # 件 is jiàn (4): the digits must be its reading, tone and all
    "房间(A5)已完成改造。",
    "比例(1:2)保持不变。",
])
def test_codes_and_wrong_readings_with_digits_stay(text: str) -> None:
    # Three real annotations make the document an annotated one, so only the readings decide.
    texts, _ = _strip(text, *REPORT)
    assert texts[0] == text


def test_closing_fence_is_not_glued_to_a_finished_sentence() -> None:
    doc = b.document(b.para("各部门需于月底前报送需求清单，逾期视为无新增需求。"), b.para(":::"))
    out = join_paragraphs(doc, Options(), DiagnosticLog())
    assert _texts(out) == ["各部门需于月底前报送需求清单，逾期视为无新增需求。", ":::"]


@pytest.mark.parametrize(("first", "second"), [
    ("全年共组织外出参观学习6批次", "。"),
    ("他说：“一定按期完成任务。", "”"),
])
def test_closing_marks_that_end_the_line_before_still_join(first: str, second: str) -> None:
    doc = b.document(b.para(first), b.para(second))
    log = DiagnosticLog()
    out = join_paragraphs(doc, Options(), log)
    assert _texts(out) == [first + second]
    assert join_paragraphs(out, Options(), DiagnosticLog()) == out
