"""A first-line indent left in a paragraph's text (a repair revealed it after the reader stripped indents)
does not hide its marker from the numbering grammar."""

from __future__ import annotations

from docconv import ast
from docconv import builder as b
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.structure.headings import structure


def test_an_indented_marker_still_heads_its_section() -> None:
    doc = structure(b.document(
        b.para("某某社区卫生服务中心2023年工作总结"), b.para("一、基本医疗"), b.para("门诊量稳步增长。"),
        b.para("\u3000二、公共卫生服务"), b.para("\u3000为辖区居民建立健康档案。"),
        b.para("\u3000\u3000三、下一步计划"), b.para("继续做好签约服务。")), Options(), DiagnosticLog())
    heads = [(blk.level, blk.marker.raw if blk.marker else "", ast.plain_text(blk.content))
             for blk in doc.blocks if isinstance(blk, ast.Heading)]
    assert heads[1:] == [(2, "一、", "基本医疗"), (2, "二、", "公共卫生服务"), (2, "三、", "下一步计划")]
    # lookalike: an indented body paragraph without a marker is left as it is (the repair stage's call)
    body = [blk for blk in doc.blocks if isinstance(blk, ast.Para)]
    assert ast.plain_text(body[1].content) == "\u3000为辖区居民建立健康档案。"
