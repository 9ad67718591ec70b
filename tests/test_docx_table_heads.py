"""Word tables whose header row is not marked to repeat: a first row set apart (bold, shaded, by the table
style) is the head; a first row that looks like the rows under it, or holds figures, stays data. The
Markdown writer prints a table's first row as the pipe header, never an empty row."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml import parse_xml

from docconv import ast
from docconv import builder as b
from docconv.options import Options
from docconv.writers.markdown import write_markdown
from tests.test_reader_docx import NS, append_xml, build, markdown, read, rules, run, runs_para

BOLD = "<w:b/>"
SHADE = '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="BFBFBF"/></w:tcPr>'


def _table(rows: list[list[str]], tbl_pr: str = "") -> str:
    body = "".join("<w:tr>" + "".join(f"<w:tc>{c}</w:tc>" for c in row) + "</w:tr>" for row in rows)
    return f"<w:tbl {NS}><w:tblPr>{tbl_pr}</w:tblPr>{body}</w:tbl>"


def _cell(text: str, props: str = "") -> str:
    return runs_para(run(text, props))


def _only_table(data: bytes) -> tuple[ast.Table, list[str]]:
    doc, log = read(data)
    (table,) = [blk for blk in doc.blocks if isinstance(blk, ast.Table)]
    return table, [d.text or "" for d in rules(log, "read.docx.table-head")]


def _row_texts(row: ast.TableRow) -> list[str]:
    return [" ".join(ast.plain_text(blk.content) for blk in c.blocks if isinstance(blk, ast.Para))
            for c in row.cells]


def _has_strong(row: ast.TableRow) -> bool:
    return any(isinstance(n, ast.Strong) for c in row.cells for blk in c.blocks if isinstance(blk, ast.Para)
               for n in blk.content)


def test_bold_first_row_is_the_head_and_loses_its_own_bold() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, _table([[_cell("科室", BOLD), _cell("门诊量", BOLD), _cell("同比", BOLD)],
                              [_cell("内科"), _cell("18600"), _cell("6.2%")],
                              [_cell("外科"), _cell("9400"), _cell("3.1%")]]))
    table, why = _only_table(build(fill))
    assert [_row_texts(r) for r in table.head] == [["科室", "门诊量", "同比"]]
    assert [_row_texts(r)[0] for r in table.rows] == ["内科", "外科"]
    assert not _has_strong(table.head[0])
    assert why
    assert why[0].startswith("bold: 科室")
    md, _, _ = markdown(build(fill))
    assert "| 科室 | 门诊量 | 同比 |\n| --- | --- | --- |\n| 内科 | 18600 | 6.2% |" in md


def test_bold_split_over_runs_and_an_empty_corner_cell_still_make_a_head() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, _table([[runs_para(), runs_para(run("上半", BOLD), run("年", BOLD)), _cell("下半年", BOLD)],
                              [_cell("收入"), _cell("120"), _cell("135")],
                              [_cell("支出"), _cell("98"), _cell("104")]]))
    table, _ = _only_table(build(fill))
    assert [_row_texts(r) for r in table.head] == [["", "上半年", "下半年"]]


def test_shaded_first_row_is_the_head() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, _table([[SHADE + _cell("乡镇"), SHADE + _cell("户数")],
                              [_cell("城关镇"), _cell("4210")],
                              [_cell("新集镇"), _cell("2875")]]))
    table, why = _only_table(build(fill))
    assert [_row_texts(r) for r in table.head] == [["乡镇", "户数"]]
    assert why[0].startswith("shaded")


def test_first_row_set_apart_by_a_builtin_table_style() -> None:
    def fill(d: WordDocument) -> None:
        t = d.add_table(rows=3, cols=2, style="Light List Accent 1")
        for r, (a, c) in enumerate([("指标", "完成"), ("新增就业", "1.2万人"), ("技能培训", "8600人次")]):
            t.cell(r, 0).text, t.cell(r, 1).text = a, c
    table, why = _only_table(build(fill))
    assert [_row_texts(r) for r in table.head] == [["指标", "完成"]]
    assert why[0].startswith("table style")


def test_a_table_style_with_the_header_row_option_off_gives_no_head() -> None:
    def fill(d: WordDocument) -> None:
        t = d.add_table(rows=2, cols=2, style="Light List Accent 1")
        look = t._tbl.tblPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblLook")
        assert look is not None
        look.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}firstRow", "0")
        for r, (a, c) in enumerate([("城关镇", "4210"), ("新集镇", "2875")]):
            t.cell(r, 0).text, t.cell(r, 1).text = a, c
    table, _ = _only_table(build(fill))
    assert not table.head


def test_plain_first_row_gives_no_head() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, _table([[_cell("乡镇"), _cell("户数")], [_cell("城关镇"), _cell("4210")]]))
    table, why = _only_table(build(fill))
    assert not table.head
    assert len(table.rows) == 2
    assert not why


def test_a_table_set_wholly_in_bold_has_no_head() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, _table([[_cell("城关镇", BOLD), _cell("4210", BOLD)],
                              [_cell("新集镇", BOLD), _cell("2875", BOLD)]]))
    table, _ = _only_table(build(fill))
    assert not table.head


def test_banded_shading_gives_no_head() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, _table([[SHADE + _cell("城关镇"), SHADE + _cell("4210")],
                              [_cell("新集镇"), _cell("2875")],
                              [SHADE + _cell("老街乡"), SHADE + _cell("1930")]]))
    table, _ = _only_table(build(fill))
    assert not table.head


def test_a_bold_row_of_figures_is_data() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, _table([[_cell("合计", BOLD), _cell("7085", BOLD), _cell("12.5%", BOLD)],
                              [_cell("城关镇"), _cell("4210"), _cell("7.1%")]]))
    table, _ = _only_table(build(fill))
    assert not table.head


def test_years_heading_the_columns_still_make_a_head() -> None:
    def fill(d: WordDocument) -> None:
        append_xml(d, _table([[_cell("项目", BOLD), _cell("2022", BOLD), _cell("2023", BOLD)],
                              [_cell("营业收入"), _cell("3.1亿"), _cell("3.5亿")]]))
    table, _ = _only_table(build(fill))
    assert [_row_texts(r) for r in table.head] == [["项目", "2022", "2023"]]


def test_row_marked_to_repeat_is_still_the_head_and_a_one_row_table_has_none() -> None:
    def fill(d: WordDocument) -> None:
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text, t.cell(0, 1).text = "项目", "数量"
        t.cell(1, 0).text, t.cell(1, 1).text = "会议", "12"
        t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {NS}/>"))
    table, why = _only_table(build(fill))
    assert [_row_texts(r) for r in table.head] == [["项目", "数量"]]
    assert not why

    def one_row(d: WordDocument) -> None:
        append_xml(d, _table([[_cell("城关镇", BOLD), _cell("新集镇", BOLD)]]))
    table, _ = _only_table(build(one_row))
    assert not table.head


def test_markdown_prints_the_first_row_of_a_headless_table_as_its_header() -> None:
    doc = b.document(ast.Table(rows=(
        ast.TableRow(cells=(ast.TableCell(blocks=(b.para("乡镇"),)), ast.TableCell(blocks=(b.para("户数"),)))),
        ast.TableRow(cells=(ast.TableCell(blocks=(b.para("城关镇"),)),
                            ast.TableCell(blocks=(b.para("4210"),)))))))
    md = write_markdown(doc, Options())
    assert md.strip() == "| 乡镇 | 户数 |\n| --- | --- |\n| 城关镇 | 4210 |"
    one = b.document(ast.Table(rows=(ast.TableRow(cells=(ast.TableCell(blocks=(b.para("仅一行"),)),)),)))
    assert write_markdown(one, Options()).strip() == "| 仅一行 |\n| --- |"
