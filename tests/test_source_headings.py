"""Headings a reader found in the source (`<h2>`, Word's Heading styles) and bold lead runs enter the
numbering grammar: their levels come from the grammar, the source's title becomes the document title."""

from __future__ import annotations

from docconv import ast
from docconv import builder as b
from docconv.ast import Heading, Meta, Para
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options
from docconv.pipeline import transform, write

BODY = "本年度我们按照年初计划扎实推进各项工作，取得了较好成效，群众满意度持续提升。"


def _run(doc: ast.Document, **opts: object) -> tuple[ast.Document, DiagnosticLog]:
    log = DiagnosticLog()
    return transform(doc, Options.from_kwargs(**opts), log), log


def _outline(doc: ast.Document) -> list[tuple[int, str]]:
    out = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            raw = block.marker.raw if block.marker else ""
            out.append((block.level, raw + ast.plain_text(block.content)))
    return out


def _page() -> ast.Document:
    return b.document(
        b.heading(1, "社区二〇二三年度工作总结"),
        b.para(BODY),
        b.heading(2, "一、主要工作完成情况"),
        b.heading(3, "（一）强化党建引领。"),  # a source heading may end with a full stop
        b.para(BODY),
        b.heading(3, "（二）抓好民生服务"),
        b.para(BODY),
        b.heading(2, "二、存在的不足"),
        b.para(BODY),
        b.heading(2, "工作体会"),  # unnumbered: keeps the source's level
        b.para(BODY),
        meta=Meta(title="【精选】社区二〇二三年度工作总结"),
    )


def test_source_headings_take_the_grammar_levels_and_the_title() -> None:
    doc, log = _run(_page())
    assert _outline(doc) == [
        (1, "社区二〇二三年度工作总结"),
        (2, "一、主要工作完成情况"),
        (3, "（一）强化党建引领。"),
        (3, "（二）抓好民生服务"),
        (2, "二、存在的不足"),
        (2, "工作体会"),
    ]
    assert doc.meta.title == "社区二〇二三年度工作总结"
    assert ("page-title", "【精选】社区二〇二三年度工作总结") in doc.meta.extra
    assert any(d.rule == "structure.page-title" and d.action is Action.MOVED for d in log)
    assert any(d.rule == "structure.source-heading" and d.text == "工作体会" for d in log)
    # The hint is internal: it never reaches the output.
    assert all(not block.attr.kv for block in doc.blocks)


def test_word_heading_1_used_for_sections_is_levelled_by_its_marker() -> None:
    # Word users often set 一、 sections in "Heading 1": the marker, not the style, decides the level.
    doc, _ = _run(b.document(
        b.para("关于二〇二四年安全生产工作的计划"),
        b.heading(1, "一、指导思想"), b.para(BODY),
        b.heading(1, "二、工作目标"), b.para(BODY),
        b.heading(4, "1.目标分解"), b.para(BODY),
    ))
    assert _outline(doc) == [(1, "关于二〇二四年安全生产工作的计划"), (2, "一、指导思想"),
                             (2, "二、工作目标"), (4, "1.目标分解")]


def test_source_headings_in_a_list_first_scheme_stay_headings() -> None:
    # (1) items directly after each other are a list in plain text; a source that set them as headings wins.
    doc, _ = _run(b.document(
        b.para("工作要点"),
        b.heading(3, "(1)完善制度"), b.heading(3, "(2)加强培训"), b.heading(3, "(3)落实考核"),
    ))
    assert not any(isinstance(block, ast.List) for block in doc.blocks)
    assert [level for level, _ in _outline(doc)] == [1, 5, 5, 5]


def test_marker_inside_a_bold_lead_run_is_found() -> None:
    doc, _ = _run(b.document(
        b.para("街道办事处年度工作总结"),
        b.para(BODY),
        b.para((ast.Strong(content=(b.text("一、"),)), b.text("加强组织领导"))),
        b.para(BODY),
        b.para((ast.Strong(content=(b.text("二、夯实工作基础。"),)), b.text(BODY))),
        b.para(BODY),
    ))
    assert _outline(doc) == [(1, "街道办事处年度工作总结"), (2, "一、加强组织领导"), (2, "二、夯实工作基础。")]
    assert [ast.plain_text(block.content) for block in doc.blocks if isinstance(block, Para)] == [BODY] * 4


def test_bold_without_a_marker_is_left_alone() -> None:
    para = b.para((ast.Strong(content=(b.text("重点"),)), b.text("是抓落实。")))
    doc, _ = _run(b.document(b.para("某单位工作总结"), para, b.para(BODY)))
    assert para in doc.blocks


def test_source_title_without_a_body_title_becomes_the_level_1_heading() -> None:
    doc, log = _run(b.document(b.para(BODY), b.para(BODY), meta=Meta(title="二〇二三年财务科工作总结-某某文库")))
    assert _outline(doc) == [(1, "二〇二三年财务科工作总结")]
    assert doc.meta.title == "二〇二三年财务科工作总结"
    assert any(d.rule == "structure.title-suffix" for d in log)


def test_source_title_is_not_repeated_when_the_body_starts_with_it() -> None:
    long_title = "关于" + "进一步加强和改进基层社会治理" * 4 + "的工作总结"  # too long for a title line
    doc, _ = _run(b.document(b.para(long_title), b.para(BODY), meta=Meta(title=long_title)))
    assert _outline(doc) == []
    assert ast.plain_text(doc.blocks[0].content) == long_title  # type: ignore[union-attr]


def test_body_title_line_does_not_replace_an_unrelated_page_title() -> None:
    # A plain first line (not a source heading) replaces the page title only when the page title holds it.
    doc, _ = _run(b.document(b.para("首页 工作总结"), b.para(BODY), meta=Meta(title="村委会年度工作总结")))
    assert doc.meta.title == "村委会年度工作总结"


def test_applying_the_pipeline_twice_changes_nothing() -> None:
    once, _ = _run(_page())
    twice, _ = _run(once)
    assert twice == once
    assert write(twice, "markdown", Options()) == write(once, "markdown", Options())


def test_markdown_renders_the_markers() -> None:
    doc, _ = _run(_page())
    md = write(doc, "markdown", Options())
    assert "## 一、主要工作完成情况\n" in md
    assert "### （一）强化党建引领。\n" in md
    assert md.startswith("# 社区二〇二三年度工作总结\n")


def test_no_structure_keeps_the_source_headings() -> None:
    doc, _ = _run(_page(), structure=False)
    assert doc.blocks == _page().blocks


def test_a_page_title_that_is_no_title_is_not_made_the_heading() -> None:
    for junk in ("时间:2022-06-04 05:58:09", "首页", "Untitled"):
        doc, _ = _run(b.document(b.para(BODY), b.para(BODY), meta=Meta(title=junk)))
        assert _outline(doc) == [], junk


def test_a_title_set_wholly_in_bold_loses_the_bold() -> None:
    doc, _ = _run(b.document(b.para((ast.Strong(content=(b.text("财务科科长述职报告"),)),)), b.para(BODY)))
    assert doc.blocks[0] == Heading(level=1, content=(b.text("财务科科长述职报告"),))
