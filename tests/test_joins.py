"""Joining paragraphs broken mid-sentence, never headings or list items."""

from __future__ import annotations

from docconv import builder as b
from docconv.clean.joins import join_paragraphs
from docconv.clean.textmap import doc_text
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options


def _join(*paras: str) -> list[str]:
    doc = b.document(*(b.para(p) for p in paras))
    return doc_text(join_paragraphs(doc, Options(), DiagnosticLog())).splitlines()


def test_mid_word_break_joined() -> None:
    assert _join("全体干部职工团结协作，形成了齐抓共管的良", "好局面。今后还要继续努力。") == [
        "全体干部职工团结协作，形成了齐抓共管的良好局面。今后还要继续努力。"
    ]


def test_open_quote_and_comma_joined() -> None:
    assert _join("我们提出了“", "三个一”工作法。") == ["我们提出了“三个一”工作法。"]
    assert _join("通过开展各类活动，", "提高了群众满意度。") == ["通过开展各类活动，提高了群众满意度。"]


def test_headings_and_items_not_joined() -> None:
    paras = ["二、加强组织领导，确保工作落实", "为切实做好这项工作，成立了领导小组。"]
    assert _join(*paras) == paras
    paras = ["今年主要做了以下工作，", "1、完善制度建设。"]
    assert _join(*paras) == paras
    paras = ["2019年安全生产工作总结", "今年以来，我局认真贯彻落实上级部署。"]
    assert _join(*paras) == paras


def test_complete_sentences_not_joined() -> None:
    paras = ["今年工作取得了明显成效。", "明年我们将继续努力。"]
    assert _join(*paras) == paras


def test_heading_node_never_joined() -> None:
    doc = b.document(b.heading(2, "加强组织领导的"), b.para("主要做法如下。"))
    assert join_paragraphs(doc, Options(), DiagnosticLog()) == doc


def test_idempotent() -> None:
    doc = b.document(b.para("形成了齐抓共管的良"), b.para("好局面，"), b.para("大家都很满意。"))
    once = join_paragraphs(doc, Options(), DiagnosticLog())
    assert len(once.blocks) == 1
    assert join_paragraphs(once, Options(), DiagnosticLog()) == once


def test_layout_rows_not_joined() -> None:
    # `工程|建设` is a word across the seam, but the lines are cells of a flattened table
    paras = ["项目名称\t城区道路改造工程", "建设单位\t市城投公司"]
    assert _join(*paras) == paras
    paras = ["姓名：张建国", "联系方式：王小明代为转达"]
    assert _join(*paras) == paras


def test_field_label_alone_does_not_block_a_real_break() -> None:
    # only one side opens with a label: a sentence may still run on
    assert _join("工作目标：全体干部职工团结协作，形成齐抓共管的良", "好局面。") == [
        "工作目标：全体干部职工团结协作，形成齐抓共管的良好局面。"
    ]
