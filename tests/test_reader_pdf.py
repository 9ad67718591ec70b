"""The PDF reader: paragraphs from geometry, furniture and watermarks gone, headings, tables, errors.

The fixtures are PDFs laid out by fixtures/pdf/make_fixtures.py (committed, so reportlab is not needed
here). Completeness is checked against pdfplumber's own line extraction as an independent oracle.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from docconv import ast, cli
from docconv.diagnostics import Action, DiagnosticLog
from docconv.errors import ParseError
from docconv.options import Options
from docconv.pipeline import convert_bytes
from docconv.readers.pdf import _iso_date, _meta, read_pdf
from docconv.readers.pdf.columns import split_columns
from docconv.readers.pdf.contents import drop_contents
from docconv.readers.pdf.furniture import furniture, is_page_number
from docconv.readers.pdf.layout import Line, PageLayout, _line_text, _unspaced, join_lines, lightness
from docconv.readers.pdf.paragraphs import Group, blocks, group, metrics, unspace_pairs
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


# ------------------------------------------------------------------- red team (fixtures/pdf/redteam/)

RED = PDF / "redteam"


def _line(text: str, *, page: int = 1, number: int = 1, x0: float = 80.0, x1: float = 515.0,
          top: float = 100.0, size: float = 12.0, frame: tuple[int, int] = (595, 0)) -> Line:
    return Line(page=page, number=number, text=text, x0=x0, x1=x1, top=top, bottom=top + size, size=size,
                bold=False, first_width=size, frame=frame)


def _paras(lines: list[Line], height: float = 842.0) -> list[str]:
    pages = [PageLayout(number=n, width=595.0, height=height,
                        items=tuple(ln for ln in lines if ln.page == n), chars=100)
             for n in sorted({ln.page for ln in lines})]
    body = [ln for ln in lines if ln.size == 12.0]
    groups = group(pages, set(), metrics(body), DiagnosticLog())
    return [join_lines([ln.text for ln in g.lines]) for g in groups]


def test_hanging_indent_items_are_one_paragraph_each() -> None:
    doc, _ = read(RED / "hanging_list.pdf")
    items = [t for t in texts(doc) if t[:2] in ("1.", "2.", "3.")]
    assert len(items) == 3
    assert items[0].endswith("研究解决推进中遇到的重点难点问题。")
    assert items[2].endswith("对进度滞后的单位及时约谈提醒。")


def test_indented_line_under_an_unnumbered_or_short_line_still_opens_a_paragraph() -> None:
    # Under an unnumbered line, a line indented as far as a hanging indent is a new paragraph.
    plain = [_line("本段正文写满了一整行" * 3, top=100), _line("新的一段开头缩进", x0=98.0, top=120)]
    assert len(_paras(plain)) == 2
    # Under a numbered line that ends short, the indented line is not its continuation.
    short = [_line("1.加强领导。", x1=160.0, top=100), _line("另起一段说明", x0=98.0, top=120)]
    assert len(_paras(short)) == 2
    # The continuation of a hanging item is joined.
    hang = [_line("1.加强组织领导成立工作专班", top=100), _line("每月召开一次调度会。", x0=98.0, top=120)]
    assert _paras(hang) == ["1.加强组织领导成立工作专班每月召开一次调度会。"]


def test_landscape_page_has_its_own_margins() -> None:
    doc, _ = read(RED / "landscape.pdf")
    paras = texts(doc)
    assert len(paras) == 5
    assert all(p.endswith("。") for p in paras)
    assert not isinstance(doc.blocks[0], ast.Heading)  # the first body line is no title


def test_two_columns_are_read_one_after_the_other() -> None:
    doc, log = read(RED / "two_columns.pdf")
    paras = texts(doc)
    assert paras[0] == "教研组学期工作总结"
    assert [p[:4] for p in paras[1:]] == ["今年以来", "在队伍建", "在服务群", "下一步，", "回顾一年"]
    assert all(p.endswith("。") for p in paras[1:])
    assert len(rules(log, "read.pdf.columns")) == 1


def _char(text: str, x0: float, top: float, size: float = 11.0) -> dict[str, object]:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size}


def test_a_table_without_rules_is_not_taken_for_columns() -> None:
    # Eight rows of four short cells: an empty strip in the middle of every row, but cells, not prose.
    rows = [[_char(ch, 90 + k * 110 + j * 11, 100 + r * 20) for k in range(4) for j, ch in enumerate("项目名称")]
            for r in range(8)]
    log = DiagnosticLog()
    assert {col for _, col in split_columns(rows, 595.0, 1, log)} == {0}
    assert not rules(log, "read.pdf.columns")
    doc, log = read(RED / "rule_free_table.pdf")
    assert not rules(log, "read.pdf.columns")
    assert "新增就业 5000 5320 106%" in texts(doc)


def test_letter_spaced_lines_lose_their_spaces() -> None:
    doc, log = read(RED / "letter_spaced.pdf")
    assert texts(doc)[0] == "工作总结"
    assert "一、主要成绩" in texts(doc)
    assert rules(log, "read.pdf.letter-spacing") == ["工 作 总 结", "一、 主 要 成 绩"]


@pytest.mark.parametrize("text", ["工作 总结 报告", "a b c d", "甲 乙", "项目 5000 5320", "2023 年 工 作"])
def test_lines_that_are_not_letter_spaced_keep_their_spaces(text: str) -> None:
    log = DiagnosticLog()
    assert _unspaced(_line(text), log).text == text
    assert not list(log)


def test_scanned_page_is_reported_and_keeps_the_paragraphs_apart() -> None:
    doc, log = read(RED / "image_page.pdf")
    warning = next(d for d in log if d.rule == "read.pdf.scanned-page")
    assert warning.pos == ast.Pos(page=2)
    images = [b for b in doc.blocks if isinstance(b, ast.Para) and isinstance(b.content[0], ast.Image)]
    assert len(images) == 1
    at = doc.blocks.index(images[0])
    before, after = doc.blocks[at - 1], doc.blocks[at + 1]
    assert isinstance(before, ast.Para)
    assert isinstance(after, ast.Para)
    assert ast.plain_text(after.content).startswith("下一步")
    md = convert_bytes((RED / "image_page.pdf").read_bytes(), to="markdown", options=Options()).output
    assert isinstance(md, str)
    assert "全年收下一步" not in md  # the paragraphs around the lost page are not joined


def test_text_pages_are_not_scanned_pages() -> None:
    for path in (REPORT, PLAIN, RED / "footnotes.pdf"):
        _, log = read(path)
        assert not rules(log, "read.pdf.scanned-page")


def test_footnotes_do_not_break_a_paragraph_running_on() -> None:
    doc, log = read(RED / "footnotes.pdf")
    paras = texts(doc)
    long = next(p for p in paras if p.startswith("在队伍建设方面"))
    assert long.count("在队伍建设方面") == 2  # the whole paragraph, both pages
    at = paras.index(long)
    assert paras[at + 1].startswith("①数据来自")
    assert paras[at + 2].startswith("②含劳务派遣")
    assert len(rules(log, "read.pdf.footnotes")) == 1


def test_footnotes_stay_in_place_when_the_next_page_opens_a_paragraph() -> None:
    lines = [_line("本页最后一行正文写满" * 3, top=700), _line("①注释文字。", size=9.0, number=2, top=790),
             _line("新的一段", page=2, x0=104.0, top=100)]
    assert _paras(lines) == ["本页最后一行正文写满" * 3, "①注释文字。", "新的一段"]


def test_title_block_is_one_title_and_its_subtitle_lines_are_paragraphs() -> None:
    doc, log = read(RED / "title_block.pdf")
    assert doc.meta.title == "关于全面推进乡村振兴的工作报告"
    first, *rest = doc.blocks[:4]
    assert isinstance(first, ast.Heading)
    assert first.level == 1
    assert all(isinstance(b, ast.Para) for b in rest)
    assert rules(log, "read.pdf.title-block") == ["——在全县农村工作会议上的发言", "二〇二三年十二月",
                                                   "县农业农村局"]


def test_a_numbered_centred_line_under_the_title_stays_a_heading() -> None:
    lines = [_line("年度工作总结", x0=250.0, x1=345.0, top=100, size=18.0),
             _line("一、主要成绩", number=2, x0=262.0, x1=334.0, top=140, size=14.0),
             _line("正文" * 18, number=3, top=170), _line("正文" * 10, number=4, top=190, x1=320.0)]
    page = PageLayout(number=1, width=595.0, height=842.0, items=tuple(lines), chars=100)
    log = DiagnosticLog()
    m = metrics([ln for ln in lines if ln.size == 12.0])
    content, title = blocks(group([page], set(), m, log), m, log)
    assert title == "年度工作总结"
    assert isinstance(content[1], ast.Heading)
    assert not rules(log, "read.pdf.title-block")


def test_a_line_one_chinese_character_short_ends_its_paragraph() -> None:
    doc, _ = read(RED / "ragged.pdf")
    paras = texts(doc)
    assert paras[1].endswith("部分指标好于预期。")
    assert paras[2].startswith("在队伍建设方面")


def test_a_character_carried_down_by_the_line_breaking_rules_does_not_end_the_paragraph() -> None:
    # One character short, but the next line opens with a character and a comma that may not open a
    # line (or with an opening quote): the line was broken by the rules, not by the paragraph's end.
    for nxt in ("作，然后继续写", "“十五分钟服务圈”"):
        lines = [_line("本段正文写满了一整行" * 3, top=100, x1=503.0),
                 _line("本段正文写满了一整行" * 3, top=120, x1=503.0), _line(nxt, top=140, x1=300.0)]
        lines[0] = replace(lines[0], x1=515.0)
        assert len(_paras(lines)) == 1, nxt


def test_a_latin_word_after_chinese_keeps_its_space() -> None:
    doc, _ = read(RED / "per_char.pdf")
    assert "我们引进了 smart grid 管理平台，实现了全流程在线监管。" in texts(doc)
    assert len(texts(doc)) == 3  # baselines jittered glyph by glyph still make whole lines


# ------------------------------------------- cover page, contents page, ideographic spaces (blind test 3)


def test_cover_title_lines_set_apart_are_one_title_and_the_cover_date_a_paragraph() -> None:
    doc, log = read(RED / "cover_page.pdf")
    first, second = doc.blocks[:2]
    assert isinstance(first, ast.Heading)
    assert first.level == 1
    # The issuer over the subject keeps its line break, as the structure stage keeps it (structure.md).
    assert [type(n) for n in first.content] == [ast.Text, ast.LineBreak, ast.Text]
    assert doc.meta.title == "某市水务集团有限公司 2024年上半年经营情况报告"
    assert isinstance(second, ast.Para)
    assert ast.plain_text(second.content) == "二〇二四年七月"
    assert rules(log, "read.pdf.title-block") == ["二〇二四年七月"]
    levels = [b.level for b in doc.blocks if isinstance(b, ast.Heading)]
    assert levels == [1, 2, 2]


def _blocks_of(lines: list[Line]) -> tuple[tuple[ast.Block, ...], str | None, DiagnosticLog]:
    pages = [PageLayout(number=n, width=595.0, height=842.0,
                        items=tuple(ln for ln in lines if ln.page == n), chars=100)
             for n in sorted({ln.page for ln in lines})]
    log = DiagnosticLog()
    m = metrics([ln for ln in lines if ln.size == 12.0])
    content, title = blocks(group(pages, set(), m, log), m, log)
    return content, title, log


_BODY = [_line("正文" * 18, number=3, top=400), _line("正文" * 10, number=4, top=420, x1=320.0)]


def test_centred_lines_of_the_title_style_far_apart_are_not_one_title() -> None:
    # Four sizes of blank between them, and body text on the same page: no cover, two headings.
    lines = [_line("年度工作总结", x0=243.0, x1=351.0, top=100, size=18.0, number=1),
             _line("工作中的体会", x0=243.0, x1=351.0, top=190, size=18.0, number=2), *_BODY]
    content, title, _ = _blocks_of(lines)
    assert title == "年度工作总结"
    assert isinstance(content[1], ast.Heading)


def test_every_line_under_the_title_on_a_cover_page_is_a_paragraph() -> None:
    # The unit's name at the foot of the cover is set like the title, far below it.
    lines = [_line("年度工作总结", x0=243.0, x1=351.0, top=200, size=18.0, number=1),
             _line("某某县某某局", x0=243.0, x1=351.0, top=650, size=18.0, number=2),
             *[replace(ln, page=2, top=ln.top - 300) for ln in _BODY]]
    content, title, log = _blocks_of(lines)
    assert title == "年度工作总结"
    assert isinstance(content[1], ast.Para)
    assert rules(log, "read.pdf.title-block") == ["某某县某某局"]


def test_contents_page_is_dropped_and_reported() -> None:
    doc, log = read(RED / "contents_page.pdf")
    paras = texts(doc)
    assert paras[0] == "县政务服务中心年度工作报告"
    assert not any(".." in t or t in ("目录", "目　　录") for t in paras)
    assert paras.count("一、工作回顾") == 1
    (toc,) = [d for d in log if d.rule == "read.pdf.toc"]
    assert toc.action is Action.REMOVED
    assert (toc.text or "").startswith("目录 / 一、工作回顾")
    md = convert_bytes((RED / "contents_page.pdf").read_bytes(), to="markdown", options=Options()).output
    assert isinstance(md, str)
    assert "\n---\n" not in md  # the real 一、 is no numbering restart: one article


def _groups(texts_: list[str]) -> list[Group]:
    return [Group(lines=[_line(t, number=n, top=100.0 + 20 * n, x1=300.0)]) for n, t in enumerate(texts_)]


def test_contents_lines_whose_titles_head_nothing_are_kept_as_suspect() -> None:
    groups = _groups(["一、总体情况……3", "二、主要做法……5", "正文第一段，与上面的条目无关。", "正文第二段。"])
    log = DiagnosticLog()
    assert drop_contents(groups, log) == groups
    assert len(rules(log, "read.pdf.toc-suspect")) == 1
    assert not rules(log, "read.pdf.toc")


def test_contents_without_leader_dots_count_only_under_a_contents_line() -> None:
    # Leaders drawn as graphics leave a wide gap (one space) before the page number.
    entries = ["一、总体情况 3", "二、主要做法 5"]
    body = ["一、总体情况", "正文。", "二、主要做法", "正文。"]
    log = DiagnosticLog()
    kept = drop_contents(_groups(["目　录", *entries, *body]), log)
    assert [g.text for g in kept] == body
    assert rules(log, "read.pdf.toc") == ["目　录 / 一、总体情况 3 / 二、主要做法 5"]
    log = DiagnosticLog()
    assert [g.text for g in drop_contents(_groups([*entries, *body]), log)] == [*entries, *body]
    assert not list(log)


def test_ideographic_spaces_are_kept_whether_drawn_or_left_as_a_gap() -> None:
    doc, _ = read(RED / "wide_spaces.pdf")
    paras = texts(doc)
    assert "社区服务中心主任\u3000周某某" in paras  # drawn as a character
    assert "联系人\u3000孙某，电话在办公室公示栏查询" in paras  # a one-em gap, no character
    assert paras[-1] == "刘\u3000平"  # a name set apart is no heading: its space stays


def _char(text: str, x0: float, size: float = 12.0) -> dict[str, object]:
    width = size if ord(text) > 0x2E80 else size / 2
    return {"text": text, "x0": x0, "x1": x0 + width, "size": size}


@pytest.mark.parametrize(("chars", "expected"), [
    ([("书", 0), ("记", 12), ("\u3000", 24), ("李", 36)], "书记\u3000李"),
    ([("目", 0), ("\u3000", 12), ("\u3000", 24), ("录", 36)], "目\u3000\u3000录"),
    ([("主", 0), (" ", 12), ("任", 18)], "主 任"),
    ([("联", 0), ("系", 12), ("人", 36)], "联系\u3000人"),  # one em apart, no character
    ([("项", 0), ("目", 12), ("计", 84)], "项目 计"),  # a tab stop between fields
    ([("工", 0), ("作", 24), ("总", 48), ("结", 72)], "工作总结"),  # even tracking is no space
])
def test_line_text_blanks(chars: list[tuple[str, float]], expected: str) -> None:
    row = [_char(t, x) for t, x in chars]
    visible = [c for c in row if not str(c["text"]).isspace()]
    assert _line_text(row, visible) == expected


def test_two_character_headings_set_wide_are_closed_up() -> None:
    doc, log = read(RED / "wide_spaces.pdf")
    headings = [ast.plain_text(b.content) for b in doc.blocks if isinstance(b, ast.Heading)]
    assert headings == ["社区服务中心述职报告", "前言", "成效"]
    assert "附件" in texts(doc)  # a known heading word, though set at body size
    assert rules(log, "read.pdf.letter-spacing") == ["前\u3000言", "成\u3000效", "附\u3000件"]


@pytest.mark.parametrize("text", ["甲\u3000乙", "张 三", "正文里的某　某两个字之间有空格"])
def test_two_characters_apart_in_body_type_keep_their_blank(text: str) -> None:
    m = metrics([_line("正文" * 18)])
    log = DiagnosticLog()
    (g,) = unspace_pairs(_groups([text]), m, log)
    assert g.text == text
    assert not list(log)


@pytest.mark.parametrize(("text", "expected"), [
    ("工\u3000作\u3000总\u3000结", "工作总结"), ("总\u3000\u3000结\u3000\u3000报\u3000\u3000告", "总结报告"),
    ("一、\u3000主\u3000要\u3000成\u3000绩", "一、主要成绩"), ("工 作\u3000总 结", "工 作\u3000总 结"),
])
def test_letter_spacing_with_ideographic_spaces(text: str, expected: str) -> None:
    assert _unspaced(_line(text), DiagnosticLog()).text == expected
