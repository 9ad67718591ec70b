"""The PDF reader: paragraphs from geometry, furniture and watermarks gone, headings, tables, errors.

The fixtures are PDFs laid out by fixtures/pdf/make_fixtures.py (committed, so reportlab is not needed
here). Completeness is checked against pdfplumber's own line extraction as an independent oracle.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest

from docconv import ast, cli
from docconv.diagnostics import Action, DiagnosticLog
from docconv.errors import ParseError
from docconv.options import Options
from docconv.pipeline import convert_bytes
from docconv.readers.pdf import _iso_date, _meta, read_pdf
from docconv.readers.pdf.furniture import furniture, is_page_number
from docconv.readers.pdf.layout import Line, PageLayout, join_lines, lightness
from tests.support import FIXTURES

PDF = FIXTURES / "pdf"
REPORT = PDF / "report.pdf"
PLAIN = PDF / "plain.pdf"
CJK_SPACE = re.compile(r"[\u4e00-\u9fff，。、；：“”（）] [\u4e00-\u9fff，。、；：“”（）]")


def read(path: Path) -> tuple[ast.Document, DiagnosticLog]:
    log = DiagnosticLog()
    return read_pdf(path.read_bytes(), Options(), log), log


def texts(doc: ast.Document) -> list[str]:
    return [ast.plain_text(b.content) for b in doc.blocks if isinstance(b, ast.Para | ast.Heading)]


def rules(log: DiagnosticLog, rule: str) -> list[str]:
    return [d.text or "" for d in log if d.rule == rule]


# ------------------------------------------------------------------------------------------- report.pdf


def test_report_title_is_a_level_one_heading_and_meta_title() -> None:
    doc, log = read(REPORT)
    first = doc.blocks[0]
    assert isinstance(first, ast.Heading)
    assert first.level == 1
    assert ast.plain_text(first.content) == "2023年度市水务局工作总结"
    assert doc.meta.title == "2023年度市水务局工作总结"  # the info title is a Word file name: ignored
    assert rules(log, "read.pdf.meta-title") == ["Microsoft Word - 2023水务总结.doc"]
    assert doc.meta.author == "市水务局办公室"
    assert doc.meta.date == "2000-01-01T00:00:00+00:00"


def test_report_paragraphs_are_whole_and_have_no_spaces_inside_cjk() -> None:
    doc, _ = read(REPORT)
    paras = texts(doc)
    # Each hard-wrapped paragraph comes out as one block, opened and closed where the text is.
    starts = [p for p in paras if p.startswith("全年共安排水利建设项目46个")]
    assert len(starts) == 1
    assert starts[0].endswith("农村自来水普及率达到97.5%。")
    assert "城区防洪排涝工程二期主体完工" in starts[0]  # the seam of a hard wrap, joined
    for p in paras:
        assert not CJK_SPACE.search(p), p
    # Latin words keep their single spaces.
    assert any("平台 water monitoring system 对重点用户" in p for p in paras)


def test_report_paragraph_across_the_page_break_is_joined() -> None:
    doc, log = read(REPORT)
    para = next(p for p in texts(doc) if p.startswith("全面落实市、县、乡、村四级河湖长体系"))
    assert para.endswith("作为典型经验在全省推广交流。")
    assert "广交流。" not in [p for p in texts(doc) if p != para]
    joins = [d for d in log if d.rule == "read.pdf.page-join"]
    assert len(joins) == 1
    assert joins[0].pos == ast.Pos(page=2, line=2)


def test_report_furniture_and_watermark_are_removed_and_reported() -> None:
    doc, log = read(REPORT)
    body = "".join(texts(doc))
    assert "优选文档网" not in body
    assert "www." not in body
    assert "第1页" not in body
    assert "共2页" not in body
    assert rules(log, "read.pdf.running-header") == ["优选文档网 www.youxuan-wendang.cn"] * 2
    assert rules(log, "read.pdf.page-number") == ["第1页 共2页", "第2页 共2页"]
    assert rules(log, "read.pdf.watermark") == ["优选文档网", "优选文档网"]
    assert all(d.action is Action.REMOVED for d in log
               if d.rule in ("read.pdf.running-header", "read.pdf.page-number", "read.pdf.watermark"))
    # The diagonal watermark crossed body lines; none of its characters leaked into them.
    assert any("对重点用户进行实时监控" in p for p in texts(doc))


def test_report_numbered_headings_are_headings_with_their_marker_text() -> None:
    doc, log = read(REPORT)
    blocks = {ast.plain_text(b.content): b for b in doc.blocks if isinstance(b, ast.Para | ast.Heading)}
    for line in ("一、主要工作完成情况", "（一）水利工程建设稳步推进", "（二）水资源管理持续加强",
                 "二、存在的问题"):
        # The marker stays text: the structure stage gives the level (see test_source_headings.py).
        heading = blocks[line]
        assert isinstance(heading, ast.Heading), line
        assert heading.marker is None
        assert line in rules(log, "read.pdf.heading")
    # An unnumbered line set bold and larger than the body is a heading, ranked by its size.
    appendix = blocks["附：主要指标完成情况"]
    assert isinstance(appendix, ast.Heading)
    assert appendix.level == 3  # title 18pt → 1, 15pt → 2, 13pt → 3


def test_report_ruled_table_is_a_table_and_not_also_text() -> None:
    doc, log = read(REPORT)
    tables = [b for b in doc.blocks if isinstance(b, ast.Table)]
    assert len(tables) == 1
    table = tables[0]
    cells = [[ast.plain_text(c.blocks[0].content) if c.blocks else "" for c in row.cells]
             for row in (*table.head, *table.rows)]
    assert cells[0] == ["指标", "年度目标", "完成情况", "完成率"]
    assert cells[1] == ["水利投资（亿元）", "12.4", "12.8", "103%"]
    assert len(cells) == 4
    assert len(table.head) == 1  # the bold first row
    assert not any(p == "农村自来水普及率" or "12.4" in p for p in texts(doc))
    # It stands where it stood: after its caption heading, before the next section.
    order = [type(b).__name__ for b in doc.blocks]
    heading_at = texts(doc).index("附：主要指标完成情况")
    assert order.index("Table") == heading_at + 1
    assert rules(log, "read.pdf.table") == [""]


def test_positions_name_page_and_line() -> None:
    doc, _ = read(REPORT)
    second = doc.blocks[1]
    assert second.pos == ast.Pos(page=1, line=3)  # line 1 is the running header, 2 the title
    assert all(b.pos is not None and b.pos.page in (1, 2) for b in doc.blocks)


def _oracle_lines(path: Path) -> list[str]:
    """pdfplumber's own lines without watermark characters and margin lines, spaces removed."""
    out: list[str] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            def keep(obj: dict[str, object]) -> bool:
                if obj.get("object_type") != "char":
                    return True
                matrix = obj["matrix"]
                assert isinstance(matrix, tuple)
                return matrix[1] == 0 and (lightness(obj.get("non_stroking_color")) or 0) < 0.7
            filtered = page.filter(keep)
            for line in filtered.extract_text_lines():
                if 0.1 * page.height < line["top"] < 0.9 * page.height:
                    out.append(re.sub(r"\s", "", line["text"]))
    return out


@pytest.mark.parametrize("path", [REPORT, PLAIN], ids=["report", "plain"])
def test_every_body_line_is_kept_in_order(path: Path) -> None:
    doc, _ = read(path)
    parts: list[str] = []
    for b in doc.blocks:
        if isinstance(b, ast.Table):
            parts.extend(ast.plain_text(c.blocks[0].content) for row in (*b.head, *b.rows)
                         for c in row.cells if c.blocks)
        elif isinstance(b, ast.Para | ast.Heading):
            parts.append(ast.plain_text(b.content))
    flat = re.sub(r"\s", "", "".join(parts))
    at = 0
    for line in _oracle_lines(path):
        found = flat.find(line, at)
        assert found >= 0, f"missing or out of order: {line}"
        at = found + len(line)


# -------------------------------------------------------------------------------------------- plain.pdf


def test_plain_paragraphs_by_vertical_gap_and_latin_joins() -> None:
    doc, log = read(PLAIN)
    paras = texts(doc)
    assert paras[0] == "社区养老服务中心上半年工作汇报"
    assert isinstance(doc.blocks[0], ast.Heading)  # centred short first line, not bold: still the title
    assert paras[1] == "一、基本情况"
    assert paras[2] == "上半年，中心以提升老年人幸福感为目标，新增助餐点4个，日均服务老人380人次，老年食堂满意度测评得分96.2分。"
    english = next(p for p in paras if p.startswith("The centre"))
    assert "Red Cross branch, covering basic first aid skills, fall prevention" in english  # one space
    assert "dementia-friendly communication" in english  # the line-end hyphen kept, nothing added
    assert len(paras) == 11
    assert "opened by: first 1, gap 8, short 1, size 1" in next(
        d.message for d in log if d.rule == "read.pdf.paragraphs")


def test_plain_running_header_with_changing_digits_and_dash_page_numbers_are_removed() -> None:
    doc, log = read(PLAIN)
    body = "".join(texts(doc))
    assert "资料库" not in body
    assert "内部资料" not in body  # a faint, huge stamp across the page
    assert rules(log, "read.pdf.running-header") == ["资料库 2024-05-01", "资料库 2024-05-02"]
    assert rules(log, "read.pdf.page-number") == ["- 1 -", "- 2 -"]


def test_plain_paragraph_ending_short_is_not_joined_across_the_page_break() -> None:
    doc, log = read(PLAIN)
    assert not rules(log, "read.pdf.page-join")
    assert texts(doc)[-1].startswith("同时，我们将加强服务人员培训考核")


def test_cid_codes_are_kept_and_counted() -> None:
    doc, log = read(PDF / "cid.pdf")
    assert texts(doc)[0].startswith("(cid:")
    warning = next(d for d in log if d.rule == "read.pdf.cid")
    assert warning.message.startswith("18 characters")


# ------------------------------------------------------------------------------------------ end to end


def test_end_to_end_markdown_levels_and_no_furniture() -> None:
    result = convert_bytes(REPORT.read_bytes(), to="markdown", path="report.pdf", options=Options())
    md = result.output
    assert isinstance(md, str)
    lines = md.splitlines()
    assert lines[0] == "# 2023年度市水务局工作总结"
    for heading in ("## 一、主要工作完成情况", "### （一）水利工程建设稳步推进", "### （二）水资源管理持续加强",
                    "## 二、存在的问题", "## 三、2024年工作打算"):
        assert heading in lines, heading
    order = [md.index(s) for s in ("## 一、", "### （一）", "### （二）", "### （三）", "| 指标 |", "## 二、",
                                   "## 三、")]
    assert order == sorted(order)
    for gone in ("优选文档网", "第1页", "共2页"):
        assert gone not in md
    assert "群众满意度明显提升，有关做法被省水利厅作为典型经验在全省推广交流。" in md
    assert not CJK_SPACE.search(md)


def test_end_to_end_plain() -> None:
    result = convert_bytes(PLAIN.read_bytes(), to="markdown", options=Options())
    md = result.output
    assert isinstance(md, str)
    assert md.startswith("# 社区养老服务中心上半年工作汇报\n")
    assert "## 一、基本情况" in md
    assert "## 三、下半年打算" in md
    assert "- 1 -" not in md
    assert "资料库" not in md


def test_cli_converts_a_pdf_and_refuses_an_encrypted_one(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    assert cli.main([str(REPORT), "-o", str(out)], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    assert out.read_text(encoding="utf-8").startswith("# 2023年度市水务局工作总结")
    encrypted = tmp_path / "locked.pdf"
    encrypted.write_bytes((PDF / "encrypted.pdf.bin").read_bytes())
    err = io.StringIO()
    assert cli.main([str(encrypted)], stdout=io.StringIO(), stderr=err) == 64
    assert "password" in err.getvalue()


def test_reading_is_deterministic() -> None:
    data = REPORT.read_bytes()
    assert read_pdf(data, Options(), DiagnosticLog()) == read_pdf(data, Options(), DiagnosticLog())


# ----------------------------------------------------------------------------------------------- errors


def test_encrypted_pdf_is_a_parse_error_with_a_remedy() -> None:
    with pytest.raises(ParseError, match=r"encrypted with a password.*qpdf --decrypt") as info:
        read_pdf((PDF / "encrypted.pdf.bin").read_bytes(), Options(), DiagnosticLog())
    assert info.value.exit_code == 64


def test_scanned_pdf_asks_for_ocr() -> None:
    with pytest.raises(ParseError, match=r"no text layer \(scanned\?\); run OCR first \(e\.g\. ocrmypdf"):
        read_pdf((PDF / "scanned.pdf.bin").read_bytes(), Options(), DiagnosticLog())


@pytest.mark.parametrize("data", [REPORT.read_bytes()[:600], b"%PDF-1.4\nnot really a pdf\n", b""],
                         ids=["truncated", "garbage", "empty"])
def test_broken_pdf_is_a_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError, match=r"not a valid PDF .*damaged or truncated"):
        read_pdf(data, Options(), DiagnosticLog())


# -------------------------------------------------------------------------------------------- the parts


@pytest.mark.parametrize("text", ["1", "- 12 -", "— 3 —", "-3-", "第3页", "第 3 页 共 9 页", "第3页/共9页",
                                  "共9页 第3页", "3/9", "3 / 9", "Page 3 of 9", "p. 3", "－ ３ －", "３"])
def test_page_number_forms(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2023年工作总结", "一、主要工作", "第三页内容如下", "12.5%", "3月", "共同努力", "2023"])
def test_body_lines_are_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


def test_join_lines() -> None:
    assert join_lines(["紧紧围绕全市中心", "工作，坚持"]) == "紧紧围绕全市中心工作，坚持"
    assert join_lines(["the local Red", "Cross branch"]) == "the local Red Cross branch"
    assert join_lines(["dementia-", "friendly"]) == "dementia-friendly"
    assert join_lines(["商务部2001-", "2005全国商务"]) == "商务部2001-2005全国商务"
    assert join_lines(["累计达13", "64.70万元"]) == "累计达1364.70万元"
    assert join_lines(["累计达1364.", "70万元"]) == "累计达1364.70万元"
    assert join_lines(["受益人口8.6万人，共", "112个行政村"]) == "受益人口8.6万人，共112个行政村"
    assert join_lines(["in 2023", "we"]) == "in 2023 we"
    assert join_lines(["满意度。", "The centre"]) == "满意度。The centre"


def test_pdf_dates() -> None:
    assert _iso_date("D:20230115083000+08'00'") == "2023-01-15T08:30:00+08:00"
    assert _iso_date("D:20230115083000Z") == "2023-01-15T08:30:00Z"
    assert _iso_date("D:20230115") == "2023-01-15"
    assert _iso_date("D:2023") == "2023"
    assert _iso_date("D:20231399") is None
    assert _iso_date("yesterday") is None


@pytest.mark.parametrize("title", ["Microsoft Word - 总结.doc", "新建 Microsoft Word 文档", "report.docx",
                                   "untitled", "无标题", "  "])
def test_junk_info_titles_are_ignored(title: str) -> None:
    assert _meta({"Title": title}, DiagnosticLog()).title is None


def test_real_info_title_and_keywords_are_kept() -> None:
    meta = _meta({"Title": "2023年度工作总结", "Keywords": "总结;水务", "Subject": "unspecified"},
                 DiagnosticLog())
    assert meta.title == "2023年度工作总结"
    assert meta.extra == (("keywords", "总结;水务"),)


def test_lightness() -> None:
    assert lightness((0,)) == 0
    assert lightness((0.9, 0.9, 0.9)) == pytest.approx(0.9)
    assert lightness((0, 0, 0, 0)) == pytest.approx(1.0)
    assert lightness("pattern") is None


def _page(number: int, *texts_at: tuple[str, float]) -> PageLayout:
    lines = tuple(Line(page=number, number=n, text=t, x0=90.0, x1=300.0, top=top, bottom=top + 10,
                       size=10.0, bold=False, first_width=10.0)
                  for n, (t, top) in enumerate(texts_at, start=1))
    return PageLayout(number=number, width=595.0, height=842.0, items=lines, chars=100)


def test_running_footer_needs_repetition_and_the_margin_band() -> None:
    pages = [_page(n, ("总结范文网整理", 40.0), (f"第{n}部分正文。", 100.0), (f"正文 {n} 行", 400.0),
                   ("本文由用户上传 仅供参考", 800.0)) for n in (1, 2, 3)]
    pages.append(_page(4, ("总结范文网整理", 40.0), ("结尾正文。", 400.0), ("仅此一页的脚注", 800.0)))
    log = DiagnosticLog()
    dropped = furniture(pages, log)
    assert rules(log, "read.pdf.running-footer") == ["本文由用户上传 仅供参考"] * 3
    assert rules(log, "read.pdf.running-header") == ["总结范文网整理"] * 4
    assert (4, 3) not in dropped  # in the band but on one page only: kept
    assert not any(line in (2, 3) for page, line in dropped if page < 4)  # body lines never go
