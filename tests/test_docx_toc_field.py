"""The label over a Word table of contents field (`目录`) or table of figures (`TOC \\c "表"`: 图表目录) goes
with the field, as it does over a typed table of contents; a `目录` line that labels nothing dropped stays."""

from __future__ import annotations

import pytest
from docx.document import Document as WordDocument
from docx.oxml.ns import nsdecls

from docconv import ast
from docconv.readers.toc import is_toc_word
from tests.test_reader_docx import append_xml, build, read, rules, run, runs_para, texts

BODY = "本季度共完成设备巡检四百余台次，发现并消除缺陷二十七处，设备完好率保持在百分之九十九以上。"
BODY2 = "下一步将加快老旧管网改造进度，力争年底前完成城区主干管网的全部更新任务。"


def _field(d: WordDocument, instruction: str, entries: list[str]) -> None:
    """A TOC field whose result is `entries` (one paragraph each, page number after a tab)."""
    first, *rest = entries
    append_xml(d, runs_para('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                            f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
                            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', run(f"{first}\t2")))
    for entry in rest:
        append_xml(d, runs_para(run(f"{entry}\t3")))
    append_xml(d, runs_para('<w:r><w:fldChar w:fldCharType="end"/></w:r>'))


def _control(d: WordDocument, entries: list[str]) -> None:
    """A table of contents content control (Word's built-in one) holding `entries`."""
    paras = "".join(f"<w:p>{run(entry + chr(9) + '2')}</w:p>" for entry in entries)
    append_xml(d, f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery '
                  f'w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>{paras}'
                  "</w:sdtContent></w:sdt>")


@pytest.mark.parametrize(("label", "instruction", "entries"), [
    ("目　录", 'TOC \\o "1-3" \\h \\z \\u', ["一、设备运行情况", "二、下一步安排"]),
    ("目录", 'TOC \\o "1-2"', ["一、设备运行情况", "二、下一步安排"]),
    ("图表目录", 'TOC \\h \\z \\c "表"', ["表1　主要设备巡检结果", "表2　缺陷消除情况"]),
    ("插图目录", 'TOC \\h \\z \\c "图"', ["图1　管网分布示意", "图2　改造进度"]),
    ("表格目录", 'TOC \\c "表格"', ["表格1　巡检统计", "表格2　缺陷统计"]),
])
def test_the_label_over_a_toc_field_goes_with_it(label: str, instruction: str, entries: list[str]) -> None:
    def fill(d: WordDocument) -> None:
        d.add_heading("某供水公司2024年第一季度设备管理报告", 0)
        d.add_paragraph(label)
        _field(d, instruction, entries)
        d.add_paragraph(BODY)
        d.add_heading("一、设备运行情况", 1)
        d.add_paragraph(BODY2)

    doc, log = read(build(fill))
    assert texts(doc) == ["某供水公司2024年第一季度设备管理报告", BODY, "一、设备运行情况", BODY2]
    (toc,) = rules(log, "read.docx.toc")
    assert toc.text is not None
    assert toc.text.startswith(label + " / " + entries[0])


def test_the_label_over_a_toc_content_control_goes_with_it() -> None:
    def fill(d: WordDocument) -> None:
        d.add_paragraph("目  录")
        _control(d, ["一、设备运行情况", "二、下一步安排"])
        d.add_paragraph(BODY)

    doc, log = read(build(fill))
    assert texts(doc) == [BODY]
    (toc,) = rules(log, "read.docx.toc")
    assert toc.text is not None
    assert toc.text.startswith("目  录 / 一、设备运行情况")


def test_a_label_line_that_titles_no_dropped_toc_stays() -> None:
    """`目录` followed by report text (a list the report types itself), and a sentence naming 图表目录 right
    above a TOC field, are the report's: neither is a bare label over the dropped field."""
    sentence = "本报告附有图表目录和数据说明，供查阅时参考。"

    def fill(d: WordDocument) -> None:
        d.add_paragraph("目录")
        d.add_paragraph(BODY)
        d.add_paragraph(sentence)
        _field(d, 'TOC \\c "表"', ["表1　主要设备巡检结果", "表2　缺陷消除情况"])
        d.add_paragraph(BODY2)

    doc, log = read(build(fill))
    assert texts(doc) == ["目录", BODY, sentence, BODY2]
    (toc,) = rules(log, "read.docx.toc")
    assert toc.text is not None
    assert toc.text.startswith("表1")


def test_a_label_separated_from_the_field_by_text_stays() -> None:
    def fill(d: WordDocument) -> None:
        d.add_paragraph("图表目录")
        d.add_paragraph(BODY)
        _field(d, 'TOC \\c "表"', ["表1　主要设备巡检结果", "表2　缺陷消除情况"])

    doc, _ = read(build(fill))
    assert texts(doc) == ["图表目录", BODY]


def test_the_label_over_a_typed_table_of_figures_goes_too() -> None:
    def fill(d: WordDocument) -> None:
        d.add_paragraph("附图目录")
        d.add_paragraph("图1　管网分布示意……………2")
        d.add_paragraph("图2　改造进度……………3")
        d.add_paragraph("图1　管网分布示意")
        d.add_paragraph(BODY)
        d.add_paragraph("图2　改造进度")
        d.add_paragraph(BODY2)

    doc, log = read(build(fill))
    assert texts(doc) == ["图1　管网分布示意", BODY, "图2　改造进度", BODY2]
    (toc,) = rules(log, "read.docx.toc")
    assert toc.text is not None
    assert toc.text.startswith("附图目录 / 图1")


@pytest.mark.parametrize("text", ["目录", "目　　录", "目 录：", "目錄", "目次", "图表目录", "图 表 目 录", "表格目录",
                                  "插图目录", "附图目录", "附表目录", "图目录", "表目录", "圖表目錄", "Contents",
                                  "Table of Contents", "List of Figures", "LIST OF TABLES"])
def test_toc_labels(text: str) -> None:
    assert is_toc_word(text)


@pytest.mark.parametrize("text", ["目录表", "图表", "本目录", "项目目录", "图表目录如下所示。", "目录管理办法", "目录1",
                                  "List of members"])
def test_lines_that_are_not_toc_labels(text: str) -> None:
    assert not is_toc_word(text)


def test_a_toc_label_heading_over_body_text_stays() -> None:
    """A heading `目录` of the report's own (Heading style) over body text stays a heading."""
    def fill(d: WordDocument) -> None:
        d.add_heading("目录", 1)
        d.add_paragraph(BODY)

    doc, _ = read(build(fill))
    assert [type(b) for b in doc.blocks] == [ast.Heading, ast.Para]
