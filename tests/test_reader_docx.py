"""The DOCX reader: Word constructs → AST, Word's numbering rendered as text, noise reported, errors
with remedies, and the whole pipeline on its output. Documents are built here with python-docx (raw XML
where python-docx has no API: numbering definitions, fields, text boxes, tracked changes, notes)."""

from __future__ import annotations

import importlib.util
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from docconv import ast
from docconv.cli import main
from docconv.diagnostics import Action, Diagnostic, DiagnosticLog, Severity
from docconv.errors import ParseError
from docconv.options import Options
from docconv.pipeline import Result, convert_bytes
from docconv.readers.docx import read_docx
from docconv.readers.docx.numbering import format_number
from docconv.walk import iter_nodes
from tests.support import FIXTURES, seed_params

BODY = "全年共组织专项检查十二次，排查整改隐患三十余处，各项工作有序推进，群众满意度稳步提升。"
NS = nsdecls("w", "r")


# ----------------------------------------------------------------------------------------------- helpers


def build(fill: Callable[[WordDocument], None]) -> bytes:
    d = docx.Document()
    fill(d)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def read(data: bytes) -> tuple[ast.Document, DiagnosticLog]:
    log = DiagnosticLog()
    return read_docx(data, Options(), log), log


def texts(doc: ast.Document) -> list[str]:
    return [ast.plain_text(b.content) for b in doc.blocks if isinstance(b, ast.Para | ast.Heading)]


def rules(log: DiagnosticLog, rule: str) -> list[Diagnostic]:
    return [d for d in log if d.rule == rule]


def markdown(data: bytes) -> tuple[str, DiagnosticLog, ast.Document]:
    result = convert_bytes(data, to="markdown", path="report.docx", options=Options())
    assert isinstance(result.output, str)
    return result.output, result.diagnostics, result.document


def outline(doc: ast.Document) -> list[tuple[int, str]]:
    out = []
    for block in _all_blocks(doc.blocks):
        if isinstance(block, ast.Heading):
            raw = block.marker.raw if block.marker else ""
            out.append((block.level, raw + ast.plain_text(block.content)))
    return out


def _all_blocks(blocks: tuple[ast.Block, ...]) -> list[ast.Block]:
    out: list[ast.Block] = []
    for b in blocks:
        out.append(b)
        if isinstance(b, ast.Div):
            out.extend(_all_blocks(b.blocks))
    return out


def append_xml(d: WordDocument, xml: str) -> None:
    """A raw body element (paragraph or table) before the section properties."""
    body = d.element.body
    body.insert(len(body) - 1, parse_xml(xml))


def add_numbering(d: WordDocument, abstract_id: int, levels: list[tuple[str, str]],
                  nums: dict[int, dict[int, int]]) -> None:
    """An abstract numbering definition (`levels`: numFmt and lvlText per level) and its instances
    (`nums`: numId → {ilvl: startOverride})."""
    numbering = d.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels))
    abstract = parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{abstract_id}">'
                         f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    numbering.insert(0, abstract)
    for num_id, overrides in nums.items():
        over = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                       for i, v in overrides.items())
        numbering.append(parse_xml(f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId '
                                   f'w:val="{abstract_id}"/>{over}</w:num>'))


def numbered(d: WordDocument, text: str, num_id: int, ilvl: int) -> None:
    p = d.add_paragraph(text)
    num_pr = parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    p._p.get_or_add_pPr().append(num_pr)


MC_NS = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
         'xmlns:v="urn:schemas-microsoft-com:vml"')


def runs_para(*runs: str) -> str:
    return f'<w:p {nsdecls("w", "r", "wp", "a")} {MC_NS}>{"".join(runs)}</w:p>'


def run(text: str, props: str = "") -> str:
    return f'<w:r>{"<w:rPr>" + props + "</w:rPr>" if props else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


# ------------------------------------------------------------------------------------------------ styles


def test_title_and_heading_styles() -> None:
    def fill(d: WordDocument) -> None:
        d.add_paragraph("城管执法大队二〇二三年工作总结", style="Title")
        d.add_paragraph(BODY)
        d.add_heading("一、重点工作推进情况", 1)
        d.add_heading("（一）市容秩序整治", 2)
        d.add_paragraph(BODY)
    doc, log = read(build(fill))
    assert doc.meta.title == "城管执法大队二〇二三年工作总结"
    headings = [(b.level, ast.plain_text(b.content), b.marker) for b in doc.blocks if isinstance(b, ast.Heading)]
    # The numbering stays text at the start: the structure stage parses it.
    assert headings == [(1, "城管执法大队二〇二三年工作总结", None), (1, "一、重点工作推进情况", None),
                        (2, "（一）市容秩序整治", None)]
    assert [d.text for d in rules(log, "read.docx.heading")] == [h[1] for h in headings]
    assert all(isinstance(b.pos, ast.Pos) and b.pos.paragraph is not None for b in doc.blocks)
    # Only the Title style names the document's title (the structure stage prefers it to a line above it).
    assert [b.attr.classes for b in doc.blocks if isinstance(b, ast.Heading)] == [("title",), (), ()]


def test_blocks_know_their_paragraph_and_explain_shows_it() -> None:
    def fill(d: WordDocument) -> None:
        d.add_paragraph("前言部分")
        t = d.add_table(rows=1, cols=2)
        t.cell(0, 0).text = "项目"
        t.cell(0, 1).text = "完成情况"
        d.add_paragraph("其余事项另行报告。")

    doc, _log = read(build(fill))
    # A table starts at its first cell's paragraph; the cells' paragraphs are counted.
    assert [b.pos.paragraph if b.pos else None for b in doc.blocks] == [1, 2, 4]
    shown = Diagnostic(rule="x", severity=Severity.INFO, action=Action.DETECTED, message="m",
                       pos=doc.blocks[2].pos).format()
    assert shown.endswith("(paragraph 4)")


def test_localized_style_names_and_outline_levels() -> None:
    def fill(d: WordDocument) -> None:
        d.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
        d.styles.add_style("标题", WD_STYLE_TYPE.PARAGRAPH)
        d.add_paragraph("乡镇卫生院工作汇报", style="标题")
        d.add_paragraph("（二）公共卫生服务", style="标题 2")
        p = d.add_paragraph("三、下一步打算")
        p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {NS} w:val="0"/>'))
        q = d.add_paragraph("正文段落不是标题。")
        q._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {NS} w:val="9"/>'))
    doc, _ = read(build(fill))
    kinds = [(type(b).__name__, getattr(b, "level", None), ast.plain_text(b.content))
             for b in doc.blocks if isinstance(b, ast.Para | ast.Heading)]
    assert kinds == [("Heading", 1, "乡镇卫生院工作汇报"), ("Heading", 2, "（二）公共卫生服务"),
                     ("Heading", 1, "三、下一步打算"), ("Para", None, "正文段落不是标题。")]
    assert doc.meta.title == "乡镇卫生院工作汇报"


def test_typed_numbering_is_kept_as_text() -> None:
    doc, _ = read(build(lambda d: [d.add_paragraph(t) for t in ("一、基本情况", "1 、加强学习", "（三）其他")]))
    assert texts(doc) == ["一、基本情况", "1 、加强学习", "（三）其他"]


# --------------------------------------------------------------------------------------------- numbering

LADDER = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]


def _numbered_report(d: WordDocument) -> None:
    add_numbering(d, 40, LADDER, {41: {}})
    d.add_paragraph("交通运输局二〇二三年工作总结")
    d.add_paragraph("今年以来，我局围绕年初目标，统筹推进交通建设和运输服务各项工作，现将有关情况总结如下。")
    for text, ilvl in (("主要工作", 0), ("项目建设", 1), ("加快国省道改造", 2), ("推进农村公路", 2),
                       ("运输服务", 1), ("存在问题", 0), ("资金缺口较大", 1)):
        numbered(d, text, 41, ilvl)
        d.add_paragraph(BODY)


def test_automatic_numbering_is_rendered_as_word_draws_it() -> None:
    doc, log = read(build(_numbered_report))
    numbered_texts = [t for t in texts(doc) if t != BODY][2:]
    assert numbered_texts == ["一、主要工作", "（一）项目建设", "1. 加快国省道改造", "2. 推进农村公路",
                              "（二）运输服务", "二、存在问题", "（一）资金缺口较大"]
    (summary,) = rules(log, "read.docx.numbering")
    assert "7 paragraph(s)" in summary.message
    assert "chineseCounting" in summary.message


def test_automatic_numbering_gives_the_same_levels_as_typed_numbering() -> None:
    md, _, doc = markdown(build(_numbered_report))
    assert outline(doc) == [(1, "交通运输局二〇二三年工作总结"), (2, "一、主要工作"), (3, "（一）项目建设"),
                            (4, "1.加快国省道改造"), (4, "2.推进农村公路"), (3, "（二）运输服务"),
                            (2, "二、存在问题"), (3, "（一）资金缺口较大")]
    assert "### （一）项目建设" in md
    assert md.count(BODY) == 7


def test_numbering_instances_share_counters_unless_restarted() -> None:
    def fill(d: WordDocument) -> None:
        add_numbering(d, 50, [("decimalEnclosedCircle", "%1"), ("ideographTraditional", "%2.")],
                      {51: {}, 52: {}, 53: {0: 1}})
        numbered(d, "甲项", 51, 0)
        numbered(d, "乙项", 51, 0)
        numbered(d, "丙项", 52, 0)  # another instance of the same definition: Word continues
        numbered(d, "子项", 52, 1)
        numbered(d, "丁项", 53, 0)  # a start override restarts
        numbered(d, "子项", 53, 1)
    doc, _ = read(build(fill))
    assert texts(doc) == ["①甲项", "②乙项", "③丙项", "甲. 子项", "①丁项", "甲. 子项"]


def test_numbering_from_a_paragraph_style() -> None:
    def fill(d: WordDocument) -> None:
        add_numbering(d, 60, [("chineseCounting", "第%1章")], {61: {}})
        style = d.styles.add_style("章标题", WD_STYLE_TYPE.PARAGRAPH)
        ppr = style.element.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {NS}><w:numId w:val="61"/></w:numPr>'))
        ppr.append(parse_xml(f'<w:outlineLvl {NS} w:val="0"/>'))
        d.add_paragraph("总则", style="章标题")
        d.add_paragraph("工作任务", style="章标题")
        p = d.add_paragraph("不编号的段落", style="章标题")  # numId 0 switches the style's numbering off
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {NS}><w:numId w:val="0"/></w:numPr>'))
    doc, _ = read(build(fill))
    assert [(b.level, ast.plain_text(b.content)) for b in doc.blocks if isinstance(b, ast.Heading)] == [
        (1, "第一章 总则"), (1, "第二章 工作任务"), (1, "不编号的段落")]


def test_bullets_and_bold_numbered_headings() -> None:
    def fill(d: WordDocument) -> None:
        add_numbering(d, 70, [("decimal", "%1.")], {71: {}})
        h = d.add_paragraph(style="Heading 2")
        h.add_run("工作目标").bold = True
        h._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {NS}><w:ilvl w:val="0"/><w:numId w:val="71"/></w:numPr>'))
        d.add_paragraph("按时完成年度任务", style="List Bullet")
    doc, _ = read(build(fill))
    heading, bullet = doc.blocks
    assert heading == ast.Heading(level=2, content=(ast.Text(text="1. 工作目标"),), pos=heading.pos)
    assert isinstance(bullet, ast.Para)
    assert ast.plain_text(bullet.content) == "• 按时完成年度任务"


@pytest.mark.parametrize(("fmt", "n", "expected"), [
    ("chineseCounting", 11, "十一"), ("chineseCountingThousand", 20, "二十"),
    ("ideographTraditional", 3, "丙"), ("ideographZodiac", 13, "子"), ("decimalEnclosedCircle", 2, "②"),
    ("decimalEnclosedParen", 1, "⑴"), ("decimalEnclosedFullstop", 4, "⒋"),
    ("chineseLegalSimplified", 12, "拾贰"), ("ideographDigital", 10, "一〇"),
    ("decimalFullWidth", 3, "３"), ("upperLetter", 27, "AA"), ("lowerRoman", 4, "iv"),
    ("decimalZero", 7, "07"), ("decimal", 12, "12"), ("ideographEnclosedCircle", 2, "㊁"),
])
def test_number_formats(fmt: str, n: int, expected: str) -> None:
    assert format_number(fmt, n) == expected


# -------------------------------------------------------------------------------------------- inlines


def test_bold_lead_phrase_italic_and_merged_runs() -> None:
    def fill(d: WordDocument) -> None:
        p = d.add_paragraph()
        for part in ("一是", "强化", "责任落实。"):  # Word splits one bold phrase into many runs
            p.add_run(part).bold = True
        p.add_run("各科室签订目标责任书，")
        p.add_run("层层").italic = True
        p.add_run("压实责任。")
        whole = d.add_paragraph()
        whole.add_run("二、工作措施").bold = True
    doc, _ = read(build(fill))
    first, second = doc.blocks
    assert isinstance(first, ast.Para)
    assert first.content == (ast.Strong(content=(ast.Text(text="一是强化责任落实。"),)),
                             ast.Text(text="各科室签订目标责任书，"),
                             ast.Emph(content=(ast.Text(text="层层"),)), ast.Text(text="压实责任。"))
    assert isinstance(second, ast.Para)
    assert second.content == (ast.Strong(content=(ast.Text(text="二、工作措施"),)),)


def test_bold_numbered_line_becomes_a_heading_in_the_pipeline() -> None:
    def fill(d: WordDocument) -> None:
        d.add_paragraph("社区二〇二三年度工作总结")
        for title in ("一、主要做法", "二、下步打算"):
            d.add_paragraph().add_run(title).bold = True
            d.add_paragraph(BODY)
    _, _, doc = markdown(build(fill))
    assert outline(doc) == [(1, "社区二〇二三年度工作总结"), (2, "一、主要做法"), (2, "二、下步打算")]


def test_line_breaks_tabs_and_page_breaks() -> None:
    def fill(d: WordDocument) -> None:
        p = d.add_paragraph("第一行")
        p.add_run().add_break()
        p.add_run("第二行\t末尾")
        p.add_run().add_break(WD_BREAK.PAGE)
    doc, _ = read(build(fill))
    (para,) = doc.blocks
    assert isinstance(para, ast.Para)
    assert para.content == (ast.Text(text="第一行"), ast.LineBreak(), ast.Text(text="第二行 末尾"))


def test_hyperlinks_by_relationship_and_by_field() -> None:
    def fill(d: WordDocument) -> None:
        rid = d.part.relate_to("https://example.org/notice", RT.HYPERLINK, is_external=True)
        append_xml(d, runs_para(run("详见"), f'<w:hyperlink r:id="{rid}">{run("通知原文")}</w:hyperlink>',
                                run("。")))
        append_xml(d, runs_para(
            run("参阅"), '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
            '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/plan" </w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', run("实施方案"),
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>', run("。")))
    doc, _ = read(build(fill))
    first, second = doc.blocks
    assert isinstance(first, ast.Para)
    assert isinstance(second, ast.Para)
    assert first.content[1] == ast.Link(content=(ast.Text(text="通知原文"),), target="https://example.org/notice")
    assert second.content == (ast.Text(text="参阅"),
                              ast.Link(content=(ast.Text(text="实施方案"),), target="https://example.org/plan"),
                              ast.Text(text="。"))
    assert "HYPERLINK" not in ast.plain_text(second.content)


def test_fields_show_their_result_and_toc_is_dropped() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, runs_para('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                                '<w:r><w:instrText> TOC \\o "1-3" \\h </w:instrText></w:r>',
                                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', run("一、工作回顾\t1")))
        append_xml(d, runs_para(run("二、工作打算\t3")))
        append_xml(d, runs_para('<w:r><w:fldChar w:fldCharType="end"/></w:r>'))
        d.add_heading("一、工作回顾", 1)
        append_xml(d, runs_para(run("共"), '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                                '<w:r><w:instrText> NUMPAGES </w:instrText></w:r>',
                                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', run("5"),
                                '<w:r><w:fldChar w:fldCharType="end"/></w:r>', run("页")))
    doc, log = read(build(fill))
    assert texts(doc) == ["一、工作回顾", "共5页"]
    (toc,) = rules(log, "read.docx.toc")
    assert toc.action is Action.REMOVED
    assert toc.text is not None
    assert "二、工作打算" in toc.text


def test_tracked_changes_take_insertions_and_drop_deletions() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, runs_para(run("全年完成投资"),
                                '<w:del w:id="1" w:author="a"><w:r><w:delText>八亿元</w:delText></w:r></w:del>',
                                '<w:ins w:id="2" w:author="a">' + run("九亿元") + "</w:ins>", run("。")))
    doc, log = read(build(fill))
    assert texts(doc) == ["全年完成投资九亿元。"]
    (deleted,) = rules(log, "read.docx.tracked-deletion")
    assert deleted.text == "八亿元"
    assert deleted.action is Action.REMOVED
    assert rules(log, "read.docx.tracked-insertion")


def test_hidden_text_is_dropped_with_a_warning() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, runs_para(run("正文内容。"), run("工作总结范文下载", "<w:vanish/>")))
    doc, log = read(build(fill))
    assert texts(doc) == ["正文内容。"]
    (hidden,) = rules(log, "read.docx.hidden-text")
    assert hidden.severity is Severity.WARNING
    assert hidden.text == "工作总结范文下载"


def test_text_box_is_read_once_after_its_anchor() -> None:
    box = ('<w:txbxContent><w:p><w:r><w:t>文本框里的说明文字</w:t></w:r></w:p></w:txbxContent>')
    drawing = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" '
        'name="框"/><a:graphic><a:graphicData uri="wps"><wps:wsp xmlns:wps="http://schemas.microsoft.com/'
        f'office/word/2010/wordprocessingShape"><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData>'
        '</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
        f'{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')

    def fill(d: WordDocument) -> None:
        append_xml(d, runs_para(run("锚定段落。"), drawing))
        d.add_paragraph("后续段落。")
    doc, log = read(build(fill))
    assert texts(doc) == ["锚定段落。", "文本框里的说明文字", "后续段落。"]
    assert [d.text for d in rules(log, "read.docx.textbox")] == ["文本框里的说明文字"]


def test_footnotes_become_notes() -> None:
    notes_xml = (f'<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
                 '</w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
                 '<w:r><w:t xml:space="preserve"> 数据来源于统计年报。</w:t></w:r></w:p></w:footnote></w:footnotes>')

    def fill(d: WordDocument) -> None:
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, notes_xml.encode(), d.part.package)
        d.part.relate_to(part, RT.FOOTNOTES)
        append_xml(d, runs_para(run("增长百分之八"), '<w:r><w:footnoteReference w:id="1"/></w:r>', run("。")))
    doc, log = read(build(fill))
    (para,) = doc.blocks
    assert isinstance(para, ast.Para)
    assert para.content[1] == ast.Note(blocks=(ast.Para(content=(ast.Text(text="数据来源于统计年报。"),)),))
    assert ast.plain_text(para.content) == "增长百分之八。"
    assert rules(log, "read.docx.notes")


# --------------------------------------------------------------------------------------------- tables


def test_table_with_merged_cells_and_header_row() -> None:
    def fill(d: WordDocument) -> None:
        t = d.add_table(rows=4, cols=3)
        for r, values in enumerate((("项目", "计划", "完成"), ("道路", "10", "12"), ("", "", "9"),
                                    ("合计", "", "21"))):
            for c, value in enumerate(values):
                if value:
                    t.cell(r, c).text = value
        t.cell(1, 0).merge(t.cell(2, 0))  # 道路 spans two rows
        t.cell(3, 0).merge(t.cell(3, 1))  # 合计 spans two columns
        t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {NS}/>"))
    doc, _ = read(build(fill))
    (table,) = doc.blocks
    assert isinstance(table, ast.Table)
    assert len(table.head) == 1
    assert len(table.rows) == 3

    def cells(row: ast.TableRow) -> list[tuple[str, int, int]]:
        return [(" ".join(ast.plain_text(b.content) for b in c.blocks if isinstance(b, ast.Para)),
                 c.rowspan, c.colspan) for c in row.cells]

    assert cells(table.head[0]) == [("项目", 1, 1), ("计划", 1, 1), ("完成", 1, 1)]
    assert cells(table.rows[0]) == [("道路", 2, 1), ("10", 1, 1), ("12", 1, 1)]
    assert cells(table.rows[1]) == [("", 1, 1), ("9", 1, 1)]
    assert cells(table.rows[2]) == [("合计", 1, 2), ("21", 1, 1)]


# ------------------------------------------------------------------------------------ furniture, meta


def test_header_and_footer_watermark_stay_out_of_the_body() -> None:
    def fill(d: WordDocument) -> None:
        d.sections[0].header.paragraphs[0].text = "某某文库 精品文档 仅供参考"
        d.sections[0].footer.paragraphs[0].text = "www.example-docs.com 第1页"
        d.add_paragraph(BODY)
    doc, log = read(build(fill))
    assert texts(doc) == [BODY]
    (header,) = rules(log, "read.docx.header")
    (footer,) = rules(log, "read.docx.footer")
    assert header.action is Action.REMOVED
    assert header.text == "某某文库 精品文档 仅供参考"
    assert footer.text == "www.example-docs.com 第1页"


def test_empty_paragraphs_are_dropped_and_counted() -> None:
    def fill(d: WordDocument) -> None:
        d.add_paragraph("第一段。")
        d.add_paragraph("")
        d.add_paragraph("\u3000\u3000")
        d.add_paragraph("\u3000\u3000第二段，首行缩进。")
    doc, log = read(build(fill))
    assert texts(doc) == ["第一段。", "第二段，首行缩进。"]
    (empty,) = rules(log, "read.docx.empty-paragraphs")
    assert empty.message.startswith("2 ")


def test_core_properties() -> None:
    def fill(d: WordDocument) -> None:
        props = d.core_properties
        props.title = "乡村振兴工作汇报"
        props.author = "王晓"
        props.keywords = "乡村振兴;汇报"
        props.subject = "工作汇报"
        props.identifier = "https://example.org/doc/123"
        d.add_paragraph(BODY)
    doc, _ = read(build(fill))
    meta = doc.meta
    assert meta.title == "乡村振兴工作汇报"
    assert meta.author == "王晓"
    assert meta.source == "https://example.org/doc/123"
    assert ("keywords", "乡村振兴;汇报") in meta.extra
    assert ("subject", "工作汇报") in meta.extra
    assert meta.date is not None
    assert meta.date.startswith("2013-12-23")


def test_title_paragraph_wins_over_the_properties_title() -> None:
    def fill(d: WordDocument) -> None:
        d.core_properties.title = "2023年度个人工作总结范文"
        d.add_paragraph("个人年度工作总结", style="Title")
    doc, _ = read(build(fill))
    assert doc.meta.title == "个人年度工作总结"
    assert ("properties-title", "2023年度个人工作总结范文") in doc.meta.extra


@pytest.mark.parametrize("junk", ["Microsoft Word - 总结.doc", "新建 Microsoft Word 文档", "文档1",
                                  "工作总结.docx", "Untitled"])
def test_junk_titles_are_not_the_title(junk: str) -> None:
    def fill(d: WordDocument) -> None:
        d.core_properties.title = junk
        d.core_properties.author = "Administrator"
        d.add_paragraph(BODY)
    doc, log = read(build(fill))
    assert doc.meta.title is None
    assert doc.meta.author is None
    assert [d.text for d in rules(log, "read.docx.junk-title")] == [junk]


def test_reading_is_deterministic_and_pure() -> None:
    data = build(_numbered_report)
    copy = bytes(data)
    first, log1 = read(data)
    second, log2 = read(data)
    assert first == second
    assert [d.format() for d in log1] == [d.format() for d in log2]
    assert data == copy


# ----------------------------------------------------------------------------------------------- errors


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return _zip({n: (content if n == name else src.read(n)) for n in src.namelist()})


@pytest.mark.parametrize(("data", "expected"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "legacy Word .doc"),
    ("一、这是一个纯文本文件。\n".encode(), "-f txt"),
    (b"<html><body><p>x</p></body></html>", "-f html"),
    (b"%PDF-1.4 junk", "a PDF"),
    (_zip({"xl/workbook.xml": b"<workbook/>"}), "Excel workbook"),
    (_zip({"readme.txt": b"x"}), "no word/document.xml"),
])
def test_not_a_docx(data: bytes, expected: str) -> None:
    with pytest.raises(ParseError) as info:
        read(data)
    assert "not a valid .docx" in str(info.value)
    assert expected in str(info.value)
    assert info.value.exit_code == 64


def test_broken_xml_and_truncated_zip() -> None:
    good = build(lambda d: d.add_paragraph(BODY))
    with pytest.raises(ParseError, match="broken XML"):
        read(_replace_part(good, "word/document.xml", b"<w:document><w:body>"))
    with pytest.raises(ParseError, match=r"not a valid \.docx"):
        read(good[: len(good) // 2])


def test_cli_exit_code_for_a_bad_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "report.docx"
    bad.write_bytes("不是Word文件".encode())
    assert main([str(bad)]) == 64
    assert "not a valid .docx" in capsys.readouterr().err
    good = tmp_path / "good.docx"
    good.write_bytes(build(lambda d: d.add_paragraph(BODY)))
    assert main([str(good)]) == 0
    assert BODY in capsys.readouterr().out


# -------------------------------------------------------------------------------------------- pipeline


def test_scraped_document_end_to_end() -> None:
    def fill(d: WordDocument) -> None:
        d.sections[0].header.paragraphs[0].text = "精选优质文档-----倾情为你奉上"
        d.add_paragraph("精选优质文档-----倾情为你奉上")
        d.add_paragraph("市场监管所2023年工作总结", style="Title")
        d.add_paragraph("本文档共5页，可阅读全部内容。")
        d.add_paragraph("今年以来，我所在局党组的领导下，围绕食品安全和市场秩序两条主线，扎实开展各项监管工作。")
        d.add_heading("一、主要工作", 1)
        d.add_heading("（一）食品安全监管", 2)
        lead = d.add_paragraph()
        lead.add_run("强化日常巡查。").bold = True
        lead.add_run("全年检查食品经营户八百余户次，责令整改问题四十余个。")
        d.add_heading("（二）市场秩序整治", 2)
        d.add_paragraph("开展价格专项检查三次，查处违法案件十二起。")
        d.add_heading("二、下步打算", 1)
        d.add_paragraph("继续加强队伍建设，提升监管效能。")
    md, log, doc = markdown(build(fill))
    assert outline(doc)[:5] == [(1, "市场监管所2023年工作总结"), (2, "一、主要工作"), (3, "（一）食品安全监管"),
                                (3, "（二）市场秩序整治"), (2, "二、下步打算")]
    assert "### （一）食品安全监管" in md
    assert "精选优质文档" not in md
    assert "本文档共5页" not in md
    keep = ["扎实开展各项监管工作。", "强化日常巡查。", "全年检查食品经营户八百余户次", "查处违法案件十二起。",
            "提升监管效能。"]
    positions = [md.index(k) for k in keep]
    assert positions == sorted(positions)
    assert rules(log, "read.docx.header")


# ------------------------------------------------------------------------------------------ round trip
# txt → (pipeline) → docx writer → this reader → (pipeline) → Markdown, against txt → Markdown directly.
# The outline and the text always come back the same. The Markdown is byte-identical for most inputs; where
# it is not, the reader is not the cause: the structure stage is not a fixed point of its own output. It
# splits an inline heading (`（一）完善设施。①改造…`) into a heading and a paragraph, and re-read, that
# paragraph starts with a marker and can become a one-item list; a page split into articles comes back as
# headings without the article divisions (`---`), which the article stage may decide differently. Soft
# line breaks come back as the writer joined them (nothing between Chinese characters, a space elsewhere).

ALL_TEXT = sorted((FIXTURES / "txt").glob("*.txt")) + sorted((FIXTURES / "corpus").rglob("*.txt"))
SAME_MARKDOWN = [FIXTURES / "residue" / "furniture-page.txt", FIXTURES / "txt" / "line-per-paragraph.txt",
                 *sorted((FIXTURES / "corpus" / "2023" / "总结").glob("*.txt"))[:4]]


def _via_docx(source: Path) -> tuple[Result, tuple[str, DiagnosticLog, ast.Document]]:
    data = source.read_bytes()
    direct = convert_bytes(data, to="markdown", path=source.name, options=Options())
    written = convert_bytes(data, to="docx", path=source.name, options=Options())
    assert isinstance(written.output, bytes)
    return direct, markdown(written.output)


def _text(doc: ast.Document) -> str:
    """Every heading, list marker and paragraph's text in order, without whitespace (see above)."""
    out = []
    for node in iter_nodes(doc):
        if isinstance(node, ast.Heading):
            out.append((node.marker.raw if node.marker else "") + ast.plain_text(node.content))
        elif isinstance(node, ast.ListItem):
            out.append(node.marker.raw if node.marker else "")
        elif isinstance(node, ast.Para):
            out.append(ast.plain_text(node.content))
    return re.sub(r"\s+", "", "".join(out))


@pytest.mark.parametrize("source", ALL_TEXT, ids=[str(p.relative_to(FIXTURES)) for p in ALL_TEXT])
def test_round_trip_keeps_outline_and_text(source: Path) -> None:
    direct, (_, log, doc) = _via_docx(source)
    assert outline(doc) == outline(direct.document)
    assert _text(doc) == _text(direct.document)
    assert not log.warnings() or all(not d.rule.startswith("read.docx") for d in log.warnings())


@pytest.mark.parametrize("seed", seed_params())
def test_round_trip_of_the_seed_reports(seed: Path) -> None:
    direct, (_, _, doc) = _via_docx(seed)
    assert outline(doc) == outline(direct.document)
    assert _text(doc) == _text(direct.document)


@pytest.mark.parametrize("source", SAME_MARKDOWN, ids=[p.stem for p in SAME_MARKDOWN])
def test_round_trip_gives_the_same_markdown(source: Path) -> None:
    direct, (again, _, _) = _via_docx(source)
    assert again == direct.output


# ------------------------------------------------------------------------- red team (fixtures/docx)
# Word files shaped like real downloads (fixtures/docx/make_redteam.py; goldens in tests/test_goldens.py).


def _style_numbered(d: WordDocument, style_numpr: str, lvl_styles: tuple[str, str]) -> None:
    """Heading 1/2 numbered through their styles (`style_numpr` inside each style's w:pPr) by a list
    whose levels name the styles in w:pStyle (`lvl_styles`)."""
    def level(i: int, text: str, sid: str) -> str:
        link = f'<w:pStyle w:val="{sid}"/>' if sid else ""
        return (f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>{link}'
                f'<w:lvlText w:val="{text}"/></w:lvl>')

    levels = level(0, "%1、", lvl_styles[0]) + level(1, "（%2）", lvl_styles[1])
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="40">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="40"><w:abstractNumId w:val="40"/></w:num>'))
    for sid in ("Heading1", "Heading2"):
        style = d.styles.element.get_by_id(sid)
        assert style is not None
        style.get_or_add_pPr().append(parse_xml(f"<w:numPr {NS}>{style_numpr}</w:numPr>"))


def test_style_numbering_without_a_level_takes_the_level_linked_to_the_style() -> None:
    def fill(d: WordDocument) -> None:
        _style_numbered(d, '<w:numId w:val="40"/>', ("Heading1", "Heading2"))
        d.add_heading("工作回顾", 1)
        d.add_heading("主要成绩", 2)
        d.add_heading("存在问题", 2)
        d.add_heading("工作打算", 1)
    doc, _ = read(build(fill))
    assert texts(doc) == ["一、工作回顾", "（一）主要成绩", "（二）存在问题", "二、工作打算"]


def test_style_numbering_without_any_level_link_uses_the_first_level() -> None:
    def fill(d: WordDocument) -> None:
        _style_numbered(d, '<w:numId w:val="40"/>', ("", ""))
        d.add_heading("工作回顾", 1)
        d.add_heading("主要成绩", 2)
    doc, _ = read(build(fill))
    assert texts(doc) == ["一、工作回顾", "二、主要成绩"]


def test_paragraph_level_without_a_list_keeps_the_style_list() -> None:
    def fill(d: WordDocument) -> None:
        _style_numbered(d, '<w:ilvl w:val="0"/><w:numId w:val="40"/>', ("", ""))
        d.add_heading("工作回顾", 1)
        sub = d.add_heading("主要成绩", 1)
        sub._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {NS}><w:ilvl w:val="1"/></w:numPr>'))
        d.add_heading("工作打算", 1)
    doc, _ = read(build(fill))
    assert texts(doc) == ["一、工作回顾", "（一）主要成绩", "二、工作打算"]


def _control(inner: str, placeholder: bool) -> str:
    flag = "<w:showingPlcHdr/>" if placeholder else ""
    return f"<w:sdt><w:sdtPr>{flag}</w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>"


def test_content_control_prompts_are_dropped() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, runs_para(run("填报人："), _control(run("单击此处输入文字。"), placeholder=True)))
        body = d.element.body
        body.insert(len(body) - 1, parse_xml(f"<w:sdt {NS}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
                                             f"{runs_para(run('Click here to enter text.'))}</w:sdtContent>"
                                             "</w:sdt>"))
        d.add_paragraph(BODY)
    doc, log = read(build(fill))
    assert texts(doc) == ["填报人：", BODY]
    (dropped,) = rules(log, "read.docx.placeholder")
    assert dropped.text == "单击此处输入文字。 / Click here to enter text."


def test_filled_content_controls_are_kept() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, runs_para(run("填报人："), _control(run("李华"), placeholder=False)))
    doc, log = read(build(fill))
    assert texts(doc) == ["填报人：李华"]
    assert not rules(log, "read.docx.placeholder")


def test_phonetic_guide_keeps_the_base_text() -> None:
    ruby = ('<w:r><w:ruby><w:rubyPr><w:hps w:val="10"/></w:rubyPr><w:rt><w:r><w:t>xíng</w:t></w:r></w:rt>'
            '<w:rubyBase><w:r><w:t>行</w:t></w:r></w:rubyBase></w:ruby></w:r>')

    def fill(d: WordDocument) -> None:
        append_xml(d, runs_para(run("银"), ruby, run("业务")))
    doc, log = read(build(fill))
    assert texts(doc) == ["银行业务"]
    (reading,) = rules(log, "read.docx.ruby")
    assert reading.text == "xíng"


@pytest.mark.parametrize(("font", "char", "expected"), [
    ("Symbol", "F0B3", "≥"), ("Symbol", "F0B1", "±"), ("Symbol", "F0B4", "×"), ("Symbol", "B0", "°"),
    ("Symbol", "F061", "α"), ("Wingdings", "F0FC", "✓"), ("Wingdings", "F0D8", "➢"), ("宋体", "2605", "★"),
])
def test_symbol_font_characters_become_unicode(font: str, char: str, expected: str) -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, runs_para(run("达标率"), f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>', run("99%")))
    doc, log = read(build(fill))
    assert texts(doc) == [f"达标率{expected}99%"]
    assert not rules(log, "read.docx.symbol")


@pytest.mark.parametrize(("font", "char"), [("Webdings", "F021"), ("Wingdings", "F022"), ("Symbol", "F0E6")])
def test_unknown_symbol_glyphs_are_dropped_and_counted(font: str, char: str) -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, runs_para(run("正文"), f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'))
    doc, log = read(build(fill))
    assert texts(doc) == ["正文"]
    assert rules(log, "read.docx.symbol")


PAGE = '<w:r><w:br w:type="page"/></w:r>'


def test_page_break_after_a_sentence_starts_a_new_paragraph() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, runs_para(run("上半年任务全部完成。"), PAGE, run("二、存在问题", "<w:b/>")))
    doc, log = read(build(fill))
    assert texts(doc) == ["上半年任务全部完成。", "二、存在问题"]
    assert rules(log, "read.docx.page-break")
    md, _, _ = markdown(build(fill))
    assert "## 二、存在问题" in md


def test_page_break_inside_a_sentence_keeps_one_paragraph() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, runs_para(run("全年共接待来访群众"), PAGE, run("一千二百人次。")))
        append_xml(d, runs_para(PAGE, run("二、存在问题")))
    doc, log = read(build(fill))
    assert texts(doc) == ["全年共接待来访群众一千二百人次。", "二、存在问题"]
    assert not rules(log, "read.docx.page-break")


def _table(rows: list[list[str]]) -> str:
    def cell(xml: str) -> str:
        return f"<w:tc>{xml}</w:tc>"
    body = "".join("<w:tr>" + "".join(cell(c) for c in row) + "</w:tr>" for row in rows)
    return f"<w:tbl {NS}><w:tblPr/>{body}</w:tbl>"


def test_one_cell_layout_table_is_unwrapped() -> None:
    inner = (runs_para(run("一、工作回顾", "<w:b/>")) + runs_para(run(BODY))
             + runs_para(run("二、工作打算", "<w:b/>")) + runs_para(run("继续努力。")))

    def fill(d: WordDocument) -> None:
        append_xml(d, _table([[inner]]))
    doc, log = read(build(fill))
    assert not any(isinstance(b, ast.Table) for b in doc.blocks)
    assert texts(doc) == ["一、工作回顾", BODY, "二、工作打算", "继续努力。"]
    assert rules(log, "read.docx.layout-table")
    md, _, _ = markdown(build(fill))
    assert "## 一、工作回顾" in md
    assert "<table>" not in md


def test_one_column_data_table_stays_a_table() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, _table([[runs_para(run("项目"))], [runs_para(run("道路改造"))],
                              [runs_para(run("管网更新"))]]))
    doc, log = read(build(fill))
    (table,) = doc.blocks
    assert isinstance(table, ast.Table)
    assert len(table.rows) == 3
    assert not rules(log, "read.docx.layout-table")


def _relabel(data: bytes, content_type: bytes) -> bytes:
    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml")
    return _replace_part(data, "[Content_Types].xml", types.replace(main, content_type))


@pytest.mark.parametrize("content_type", [b"application/vnd.ms-word.document.macroEnabled.main+xml",
                                          b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml"])
def test_macro_enabled_and_template_packages_are_read(content_type: bytes) -> None:
    data = _relabel(build(lambda d: d.add_paragraph(BODY)), content_type)
    doc, log = read(data)
    assert texts(doc) == [BODY]
    (kind,) = rules(log, "read.docx.package-type")
    assert kind.text == content_type.decode()


def test_plain_docx_is_not_relabelled() -> None:
    _, log = read(build(lambda d: d.add_paragraph(BODY)))
    assert not rules(log, "read.docx.package-type")


def test_document_without_text_is_a_warning() -> None:
    picture = ('<w:r><w:drawing><wp:inline><wp:docPr id="1" name="图" descr="扫描件"/><a:graphic><a:graphicData>'
               '<a:blip r:embed="rId99"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')

    def fill(d: WordDocument) -> None:
        append_xml(d, runs_para(picture))
    doc, log = read(build(fill))
    assert doc.blocks == ()
    (warning,) = rules(log, "read.docx.no-text")
    assert warning.severity is Severity.WARNING
    assert "1 picture" in warning.message
    assert not rules(log, "read.docx.empty-paragraphs")  # the picture's paragraph was not empty


def test_document_with_text_has_no_empty_warning() -> None:
    _, log = read(build(lambda d: d.add_paragraph(BODY)))
    assert not rules(log, "read.docx.no-text")


LEADER = '<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8000"/></w:tabs></w:pPr>'


def _typed_toc(d: WordDocument, entries: list[str]) -> None:
    d.add_paragraph("目  录")
    append_xml(d, f"<w:p {NS}>{run(entries[0] + '…………………1')}</w:p>")
    for page, entry in enumerate(entries[1:], start=2):
        append_xml(d, f"<w:p {NS}>{LEADER}{run(entry)}<w:r><w:tab/></w:r>{run(str(page))}</w:p>")


def test_typed_table_of_contents_is_dropped_when_its_titles_head_the_text() -> None:
    def fill(d: WordDocument) -> None:
        _typed_toc(d, ["一、工作回顾", "二、存在问题", "三、工作打算"])
        for heading in ("一、工作回顾", "二、存在问题", "三、工作打算"):
            d.add_paragraph(heading)
            d.add_paragraph(BODY)
    doc, log = read(build(fill))
    assert texts(doc)[:2] == ["一、工作回顾", BODY]
    assert len(texts(doc)) == 6
    (toc,) = rules(log, "read.docx.toc")
    assert toc.text is not None
    assert toc.text.startswith("目  录 / 一、工作回顾…")


def test_lines_ending_in_numbers_without_matching_titles_are_kept() -> None:
    def fill(d: WordDocument) -> None:
        _typed_toc(d, ["城东片区完成户数", "城西片区完成户数"])
        d.add_paragraph(BODY)
    doc, log = read(build(fill))
    assert texts(doc) == ["目  录", "城东片区完成户数…………………1", "城西片区完成户数 2", BODY]
    assert not rules(log, "read.docx.toc")
    (suspect,) = rules(log, "read.docx.toc-suspect")
    assert suspect.action is Action.KEPT


REDTEAM = sorted((FIXTURES / "docx").glob("*.docx"))


def test_redteam_generator_is_reproducible(tmp_path: Path) -> None:
    """The committed red-team files are what make_redteam.py writes (byte for byte)."""
    spec = importlib.util.spec_from_file_location("make_redteam", FIXTURES / "docx" / "make_redteam.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.HERE = tmp_path
    module.main()
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == [p.name for p in REDTEAM]
    for path in REDTEAM:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize(("name", "keep"), [
    ("01-wps-chapter-numbering.docx", ["## 第一章 项目概况", "### 1.1 总体目标", "#### （二）西片区", "3) 夜间施工"]),
    ("02-style-numbering-without-level.docx", ["### （一）门诊服务", "### （二）家庭医生签约", "①其中新发现"]),
    ("03-one-cell-layout-table.docx", ["## 一、就业工作", "## 三、明年打算", "| 养老保险 | 31万 |"]),
    ("05-page-and-section-breaks.docx", ["## 二、存在困难"]),
    ("09-symbols.docx", ["≤30", "≥99%", "20°C±2°C", "5×10⁴", "✓已完成"]),
    ("14-east-asian-layout.docx", ["例如长大的“长”与长度的“长”"]),
    ("18-macro-enabled.docx", ["## 一、重点工作"]),
    ("21-title-below-site-line.docx", ["（内部资料　注意保存）\n\n# 某某水务有限公司2023年度经营情况报告\n",
                                       "## 1 生产经营", "### 1.1 供水保障", "### 1.2 水费回收", "### 2.2 应急处置"]),
    ("22-table-first-rows.docx", ["| 站点 | 日处理量（吨） | 达标率 |\n| --- |", "| 项目 | 预算（万元） |",
                                  "| 片区 | 改造长度 | 完成时间 |\n| --- |", "| **2980** | **3120** | **3340** |\n| --- |"]),
])
def test_redteam_documents_keep_their_text_and_outline(name: str, keep: list[str]) -> None:
    md, _, _ = markdown((FIXTURES / "docx" / name).read_bytes())
    for item in keep:
        assert item in md


@pytest.mark.parametrize(("name", "gone"), [
    ("06-content-controls.docx", ["单击或点击此处输入文字", "Click or tap"]),
    ("13-table-of-contents.docx", ["目  录", "……", "---"]),
    ("03-one-cell-layout-table.docx", ["<table>"]),
])
def test_redteam_documents_lose_their_noise(name: str, gone: list[str]) -> None:
    md, _, _ = markdown((FIXTURES / "docx" / name).read_bytes())
    for item in gone:
        assert item not in md
