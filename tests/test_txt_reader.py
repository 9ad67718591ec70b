"""The plain-text reader: layout decided per document, indents as signals, nothing lost or altered."""

from __future__ import annotations

from pathlib import Path

import pytest

from docconv import ast
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.readers.txt import read_txt
from tests.support import seed_params


def paragraphs(text: str) -> tuple[list[str], str]:
    log = DiagnosticLog()
    doc = read_txt(text, Options(), log)
    mode = next(d.message for d in log if d.rule == "txt.paragraph-mode").split("'")[1]
    return [ast.plain_text(p.content) for p in doc.blocks if isinstance(p, ast.Para)], mode


def test_one_paragraph_per_line() -> None:
    paras, mode = paragraphs("标题\n第一段内容。\n一、小标题\n第二段内容。\n")
    assert mode == "line"
    assert paras == ["标题", "第一段内容。", "一、小标题", "第二段内容。"]


def test_blank_line_separated_with_hard_wraps_joins_lines() -> None:
    text = ("The team finished scanning the remaining files\nfrom the records office in March and\n"
            "checked each page.\n\nNext quarter we index the letters that\nwere found in the box.\n")
    paras, mode = paragraphs(text)
    assert mode == "blank"
    assert len(paras) == 2
    assert paras[0].startswith("The team")
    assert paras[0].endswith("checked each page.")


def test_soft_breaks_mark_the_joins() -> None:
    doc = read_txt("aaaa aaaa aaaa aaaa aaaa aaaa aaaa\nbbbb bbbb bbbb bbbb bbbb bbbb bbbb\ncccc\n\nx\n", Options(), DiagnosticLog())
    first = doc.blocks[0]
    assert isinstance(first, ast.Para)
    assert [type(n).__name__ for n in first.content] == ["Text", "SoftBreak", "Text", "SoftBreak", "Text"]


def test_indent_opens_paragraphs_and_is_not_content() -> None:
    text = ("\u3000\u3000本学期学校将以提高课堂教学质量为中心认真\n落实各项要求促进学生全面发展。\n"
            "\u3000\u3000一、加强教学常规管理严格执行课程计划开齐\n开足各类课程。\n")
    paras, mode = paragraphs(text)
    assert mode == "indent"
    assert len(paras) == 2
    assert paras[1].startswith("一、")
    assert not any(p.startswith(("\u3000", " ")) for p in paras)


def test_blank_lines_between_single_lines() -> None:
    paras, _ = paragraphs("\u3000\u3000甲。\n\n\u3000\u3000乙。\n\n\n丙\n")
    assert paras == ["甲。", "乙。", "丙"]


def test_positions_point_at_the_source_line() -> None:
    doc = read_txt("\n\n甲\n\n  乙\n", Options(), DiagnosticLog())
    assert [b.pos.line for b in doc.blocks if b.pos] == [3, 5]
    assert doc.blocks[1].pos == ast.Pos(line=5, offset=7)


def test_crlf_and_empty_input() -> None:
    assert paragraphs("甲\r\n乙\r\n")[0] == ["甲", "乙"]
    assert paragraphs("")[0] == []
    assert paragraphs("\n \n\u3000\n")[0] == []


@pytest.mark.parametrize("seed", seed_params())
def test_seed_lines_survive_once_in_order(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    paras, _ = paragraphs(text)
    expected = [ln.strip() for ln in text.splitlines() if ln.strip()]
    assert paras == expected


WRAPPED = ("今年以来，我们围绕年初确定的目标任务，坚持统筹推进，重点项目\n"
           "建设进度明显加快，民生实事全部按期完成，群众满意度持续提升，\n"
           "全年共组织专题培训六次，参训人员达到三百余人次，干部能力明显\n"
           "提高。\n")


def test_short_lines_and_fields_in_a_wrapped_document_stay_lines() -> None:
    text = (WRAPPED + "\n会议时间：9月26日上午9:00召开，会期半天\n会议地点：办公楼三楼第二会议室\n"
            "参会人员：各科室负责人和各项目部安全员\n\n" + WRAPPED + "\n市建设工程管理处\n2024年9月18日\n")
    paras, mode = paragraphs(text)
    assert mode == "blank"
    assert paras[1:4] == ["会议时间：9月26日上午9:00召开，会期半天", "会议地点：办公楼三楼第二会议室",
                          "参会人员：各科室负责人和各项目部安全员"]
    assert paras[-2:] == ["市建设工程管理处", "2024年9月18日"]
    # The wrapped paragraphs are still one paragraph each, joined at every full line.
    assert paras[0] == paras[4] == WRAPPED.rstrip("\n")
