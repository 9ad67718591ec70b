"""Separator rows are rules, not `——` items; no heading is ever deeper than level 6."""

from __future__ import annotations

import pytest

import docconv
from docconv import ast
from docconv import builder as b
from docconv.ast import Scheme
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.structure.headings import MAX_LEVEL, structure
from docconv.structure.hints import source_headings
from docconv.structure.lines import separator_line
from docconv.structure.numbering import match_marker
from docconv.walk import query


def _structure(doc: ast.Document) -> tuple[ast.Document, DiagnosticLog]:
    log = DiagnosticLog()
    doc = source_headings(doc, Options(), log)
    return structure(doc, Options(), log), log


def _headings(doc: ast.Document) -> list[ast.Heading]:
    return query(doc, lambda n: n if isinstance(n, ast.Heading) else None)


@pytest.mark.parametrize("row", [
    "---", "-----------------------------", "------分隔线----------------------------", "——分隔线——",
    "--END--", "————————", "──────────", "＝＝＝＝＝＝", "* * *", "__________",
])
def test_separator_rows_are_no_dash_markers(row: str) -> None:
    assert match_marker(row) is None
    assert separator_line(row) is not None


@pytest.mark.parametrize("line", ["——加强组织领导", "--落实整改责任", "—— 一是压实责任"])
def test_dash_items_stay_dash_items(line: str) -> None:
    found = match_marker(line)
    assert found is not None
    assert found.marker.scheme is Scheme.DASH
    assert separator_line(line) is None


@pytest.mark.parametrize("line", [
    "——摘自某某日报评论员文章——",  # a longer phrase between dashes: text, not a row
    "——2023年——",  # a date between dashes: kept for the other stages to judge
    "- 3 -",  # a page number
    "——加强领导——这是全年工作的重点",
])
def test_text_between_dashes_is_no_separator(line: str) -> None:
    assert separator_line(line) is None


def test_rows_become_rules_and_never_headings() -> None:
    doc, log = _structure(b.document(
        b.para("某某街道2023年工作总结"), b.para("全年各项工作稳步推进。"),
        b.para("-----------------------------"), b.para("一、主要工作"), b.para("完成了年度目标。"),
        b.para("------分隔线------"), b.para("——加强组织领导"), b.para("——压实主体责任")))
    assert sum(1 for blk in doc.blocks if isinstance(blk, ast.HorizontalRule)) == 2
    assert all(h.level <= MAX_LEVEL for h in _headings(doc))
    assert not any(h.marker is not None and h.marker.scheme is Scheme.DASH for h in _headings(doc))
    found = [d for d in log if d.rule == "structure.separator"]
    assert len(found) == 2
    assert "分隔线" in found[1].message
    # the real dash items are still a list
    lists = [blk for blk in doc.blocks if isinstance(blk, ast.List)]
    assert lists
    assert lists[0].scheme is Scheme.DASH
    assert len(lists[0].items) == 2
    assert structure(doc, Options(), DiagnosticLog()) == doc


def test_a_bold_separator_row_from_a_page_is_a_rule() -> None:
    doc, _ = _structure(b.document(
        b.para("某某医院财务科工作总结"), b.para("全年完成预算编制。"),
        ast.Para(content=(ast.Strong(content=(ast.Text(text="------分隔线------------------"),)),))))
    assert isinstance(doc.blocks[-1], ast.HorizontalRule)


FIVE_LEVELS = ("某某学校2023年教学工作总结", "一、课堂教学", "本学期共听课420节。", "（一）常规检查",
               "每月检查教案一次。", "1.备课", "集体备课每周一次。", "（1）语文组", "语文组完成课题两项。",
               "①低年级", "低年级识字量达标。")


def test_dash_items_below_five_numbered_levels_are_list_items_not_level_7() -> None:
    lines = (*FIVE_LEVELS, "——拼音教学", "拼音过关率百分之九十八。", "——写字教学", "写字达标率百分之九十五。")
    doc, _ = _structure(b.document(*(b.para(ln) for ln in lines)))
    levels = [h.level for h in _headings(doc)]
    assert max(levels) == MAX_LEVEL  # ① heads its section at level 6 …
    assert levels.count(6) == 1
    dash = [blk for blk in doc.blocks if isinstance(blk, ast.List) and blk.scheme is Scheme.DASH]
    assert [ast.plain_text(i.blocks[0].content) for i in dash[0].items] == ["拼音教学"]  # type: ignore[union-attr]
    # … and `——` has no level left: its items are list items, their text and bodies all kept
    text = docconv.write(doc, "markdown")
    assert isinstance(text, str)
    for kept in ("拼音教学", "拼音过关率百分之九十八。", "写字教学", "写字达标率百分之九十五。"):
        assert kept in text
    assert "#######" not in text


def test_five_levels_alone_keep_their_headings() -> None:
    # lookalike: the deepest numbered rung is level 6, still a heading
    doc, _ = _structure(b.document(*(b.para(ln) for ln in FIVE_LEVELS)))
    assert [h.level for h in _headings(doc)] == [1, 2, 3, 4, 5, 6]


def test_a_source_heading_deeper_than_six_is_set_at_six() -> None:
    doc, log = _structure(b.document(
        b.heading(1, "某某公司制度汇编"), b.para("本汇编收录现行制度。"),
        b.heading(8, "附表填写说明"), b.para("按要求填写。")))
    assert [h.level for h in _headings(doc)] == [1, 6]
    assert any(d.rule == "structure.level-capped" for d in log)
    # lookalike: a source level 5 stays 5
    doc, log = _structure(b.document(
        b.heading(1, "某某公司制度汇编"), b.para("本汇编收录现行制度。"), b.heading(5, "附表"), b.para("按要求填写。")))
    assert [h.level for h in _headings(doc)] == [1, 5]
    assert not any(d.rule == "structure.level-capped" for d in log)


def test_a_row_above_the_title_is_never_the_title() -> None:
    doc, _ = _structure(b.document(
        b.para("=========================="), b.para("某某村2023年工作总结"), b.para("=========================="),
        b.para("一、基本情况"), b.para("全村完成各项任务。")))
    assert doc.meta.title == "某某村2023年工作总结"
    assert [type(blk).__name__ for blk in doc.blocks[:3]] == ["HorizontalRule", "Heading", "HorizontalRule"]
    assert structure(doc, Options(), DiagnosticLog()) == doc
