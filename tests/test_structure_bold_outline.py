"""Markers inside bold or italic: a decimal outline set in bold (`**1 经营概况**`, `**1.1 收入情况**`, a bold
Word run, `<p><strong>`) gives the same headings as the plain lines; a source's title named by its style
wins over a line left above it."""

from __future__ import annotations

from docconv import ast
from docconv import builder as b
from docconv.ast import Heading, Para
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.pipeline import convert_bytes, transform
from docconv.structure.hints import TITLE_CLASS

BODY = "全年完成供水一亿二千万立方米，管网漏损率持续下降，用户满意度稳步提升。"


def _run(doc: ast.Document) -> tuple[ast.Document, DiagnosticLog]:
    log = DiagnosticLog()
    return transform(doc, Options(), log), log


def _outline(doc: ast.Document) -> list[tuple[int, str]]:
    return [(blk.level, (blk.marker.raw if blk.marker else "") + ast.plain_text(blk.content))
            for blk in doc.blocks if isinstance(blk, Heading)]


def _strong(text: str) -> ast.Strong:
    return ast.Strong(content=(ast.Text(text=text),))


def _emph(text: str) -> ast.Emph:
    return ast.Emph(content=(ast.Text(text=text),))


PLAIN_LINES = ["1 生产经营", "1.1 供水保障", "1.2 水费回收", "2 安全管理", "2.1 水质检测", "2.2 应急处置"]
EXPECTED = [(1, "某某水务公司2023年度经营情况报告"), (2, "1 生产经营"), (3, "1.1 供水保障"), (3, "1.2 水费回收"),
            (2, "2 安全管理"), (3, "2.1 水质检测"), (3, "2.2 应急处置")]


def _report(line: object) -> ast.Document:
    blocks: list[ast.Block] = [b.para("某某水务公司2023年度经营情况报告")]
    for text in PLAIN_LINES:
        blocks += [b.para(line(text)), b.para(BODY)]  # type: ignore[operator]
    return b.document(*blocks)


def test_plain_outline_is_the_reference() -> None:
    doc, _ = _run(_report(lambda t: t))
    assert _outline(doc) == EXPECTED


def test_outline_in_bold_gives_the_same_headings() -> None:
    doc, log = _run(_report(_strong))
    assert _outline(doc) == EXPECTED
    assert any(d.rule == "structure.decimal-outline" for d in log)
    # The heading text is plain: the heading is set apart already.
    assert all(isinstance(n, ast.Text) for blk in doc.blocks if isinstance(blk, Heading) for n in blk.content)


def test_outline_in_italic_and_in_pieces_gives_the_same_headings() -> None:
    doc, _ = _run(_report(_emph))
    assert _outline(doc) == EXPECTED

    def split(text: str) -> list[ast.Inline]:
        number, words = text.split(" ", 1)
        return [ast.Text(text=number + " "), _strong(words)]  # a plain number, bold words

    doc, _ = _run(_report(split))
    assert _outline(doc) == EXPECTED

    def bold_pieces(text: str) -> list[ast.Inline]:
        number, words = text.split(" ", 1)
        return [_strong(number + " "), _strong(words)]  # one bold run per piece

    doc, _ = _run(_report(bold_pieces))
    assert _outline(doc) == EXPECTED


def test_bold_outline_is_idempotent() -> None:
    once, _ = _run(_report(_strong))
    twice, _ = _run(once)
    assert twice == once


def test_bold_numbers_that_form_no_outline_keep_their_bold() -> None:
    doc, _ = _run(b.document(b.para("某某水务公司2023年度经营情况报告"), b.para([_strong("1 生产经营")]),
                             b.para(BODY), b.para([_strong("主要做法")]), b.para(BODY)))
    paras = [blk for blk in doc.blocks if isinstance(blk, Para)]
    assert paras[0].content == (_strong("1 生产经营"),)
    assert _outline(doc) == [(1, "某某水务公司2023年度经营情况报告")]


def test_a_long_bold_outline_line_stays_a_bold_paragraph() -> None:
    long_line = "1.3 全年完成管网改造四十二公里，新装智能水表一万二千块，抄表准确率和及时率均达到百分之九十九以上。"
    report = _report(_strong).blocks
    blocks = [*report[:7], b.para([_strong(long_line)]), b.para(BODY), *report[7:]]  # after 1.2's body
    doc, log = _run(b.document(*blocks))
    assert any(isinstance(blk, Para) and blk.content == (_strong(long_line),) for blk in doc.blocks)
    assert any(d.rule == "structure.long-item" for d in log)
    assert _outline(doc) == EXPECTED


def test_bold_chinese_markers_still_head_sections() -> None:
    doc, _ = _run(b.document(b.para("某某水务公司2023年度经营情况报告"), b.para([_strong("一、生产经营")]),
                             b.para(BODY), b.para([_strong("二、安全管理")]), b.para(BODY)))
    assert _outline(doc) == [(1, "某某水务公司2023年度经营情况报告"), (2, "一、生产经营"), (2, "二、安全管理")]


def test_html_strong_outline_becomes_headings() -> None:
    body = "".join(f"<p><strong>{t}</strong></p><p>{BODY}</p>" for t in PLAIN_LINES)
    page = f"<html><body><h1>某某水务公司2023年度经营情况报告</h1>{body}</body></html>"
    result = convert_bytes(page.encode("utf-8"), to="markdown", path="report.html", options=Options())
    assert isinstance(result.output, str)
    for level, line in EXPECTED[1:]:
        assert f"{'#' * level} {line}\n" in result.output


# --- the title a source names --------------------------------------------------------------------------


def _titled(*above: ast.Block) -> ast.Document:
    title = b.heading(1, "某某水务公司2023年度经营情况报告")
    title = Heading(level=1, content=title.content, attr=ast.Attr(classes=(TITLE_CLASS,)))
    return b.document(*above, title, b.para(BODY), b.para("一、生产经营"), b.para(BODY),
                      b.para("二、安全管理"), b.para(BODY))


def test_named_title_wins_over_a_line_above_it() -> None:
    doc, log = _run(_titled(b.para("（内部资料　注意保存）")))
    assert isinstance(doc.blocks[0], Para)
    assert ast.plain_text(doc.blocks[0].content) == "（内部资料　注意保存）"
    assert _outline(doc) == [(1, "某某水务公司2023年度经营情况报告"), (2, "一、生产经营"), (2, "二、安全管理")]
    assert doc.meta.title == "某某水务公司2023年度经营情况报告"
    assert any(d.rule == "structure.title-below" for d in log)
    assert not any(d.rule == "structure.source-heading" for d in log)
    twice, _ = _run(doc)
    assert twice == doc


def test_named_title_wins_over_several_leftover_lines() -> None:
    doc, _ = _run(_titled(b.para("（内部资料）"), b.para("二〇二四年一月编印")))
    assert [type(blk) for blk in doc.blocks[:3]] == [Para, Para, Heading]
    assert _outline(doc)[0] == (1, "某某水务公司2023年度经营情况报告")


def test_an_ordinary_level_one_heading_does_not_outrank_the_first_line() -> None:
    plain = b.document(b.para("某某水务公司2023年度经营情况报告"), b.heading(1, "经营情况概述"), b.para(BODY))
    doc, _ = _run(plain)
    assert _outline(doc) == [(1, "某某水务公司2023年度经营情况报告"), (2, "经营情况概述")]


def test_named_title_after_a_numbered_line_is_not_taken() -> None:
    doc, _ = _run(_titled(b.para("一、生产经营情况"), b.para(BODY)))
    assert (1, "某某水务公司2023年度经营情况报告") not in _outline(doc)
