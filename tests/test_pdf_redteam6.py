"""PDF paragraph rebuilding (blind test 6, G2): a paragraph's first line that ends less than the next
line's first word short of the margin is no centred line, and a word carried down with the mark after it
needs the room of both; short lines before number lines and centred lines still stand apart."""

from __future__ import annotations

import io

import pytest

from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.readers.pdf import read_pdf
from docconv.readers.pdf.layout import Line, PageLayout, join_lines
from docconv.readers.pdf.paragraphs import group, metrics

SIZE = 12.0
LEFT = 80.0
RIGHT = 515.0
INDENT = LEFT + 2 * SIZE  # the standard two-em first-line indent


def _line(text: str, top: float, *, x0: float = LEFT, x1: float = RIGHT, first: float = SIZE) -> Line:
    return Line(page=1, number=int(top), text=text, x0=x0, x1=x1, top=top, bottom=top + SIZE, size=SIZE,
                bold=False, first_width=first, frame=(595, 0))


def _paras(lines: list[Line]) -> list[str]:
    pages = [PageLayout(number=1, width=595.0, height=842.0, items=tuple(lines), chars=100)]
    groups = group(pages, set(), metrics(lines), DiagnosticLog())
    return [join_lines([ln.text for ln in g.lines]) for g in groups]


def _context(top: float) -> list[Line]:
    """Two ordinary paragraphs (indented first line, full lines, a short last line) that set the margins
    and the usual indent."""
    return [
        _line("第一条　为加强本单位安全生产管理工作，落实安全生产", top, x0=INDENT),
        _line("主体责任，防止和减少生产安全事故，制定本办法。", top + 20, x1=380.0),
        _line("第二条　本办法适用于公司本部及所属各单位的安全生产", top + 40, x0=INDENT),
        _line("管理工作。", top + 60, x1=140.0),
    ]


def test_number_carried_to_the_next_line_continues_the_paragraph() -> None:
    # The first line stops 8pt short of the margin: `100%` (26pt) wrapped whole. Its two gaps (24pt and
    # 8pt) differ by less than the centring tolerance, which took it for a centred line.
    lines = [*_context(100), _line("第三条　各部门应于年底前完成全部隐患的整改，整改率达到", 180, x0=INDENT, x1=507.0),
             _line("100%。", 200, x1=LEFT + 38, first=26.0)]
    paras = _paras(lines)
    assert paras[-1] == "第三条　各部门应于年底前完成全部隐患的整改，整改率达到100%。"


def test_character_carried_with_a_closing_mark_continues_the_paragraph() -> None:
    # `到。`: `。` may not open a line, so `到` came down with it; the line stops 20pt short, room for
    # one character but not two.
    lines = [*_context(100), _line("各单位要对照检查清单逐项落实整改责任，确保按期整改", 180, x1=495.0),
             _line("到。下一步将继续加强督查。", 200, x1=240.0)]
    assert _paras(lines)[-1] == "各单位要对照检查清单逐项落实整改责任，确保按期整改到。下一步将继续加强督查。"


def test_line_with_room_for_the_word_and_its_mark_ends_its_paragraph() -> None:
    # 30pt of room holds `到。` (24pt): the line ended where its paragraph ended.
    lines = [*_context(100), _line("各单位要对照检查清单逐项落实整改责任，确保按期整改", 180, x1=485.0),
             _line("到。下一步将继续加强督查。", 200, x1=240.0)]
    assert len(_paras(lines)) == 4


def test_short_line_before_a_list_of_amounts_stays_apart() -> None:
    lines = [*_context(100), _line("合计金额：", 180, x0=INDENT, x1=INDENT + 60),
             _line("1260万元", 200, x1=LEFT + 50, first=28.0), _line("其中专项资金：", 220, x0=INDENT, x1=INDENT + 84),
             _line("800万元", 240, x1=LEFT + 44, first=22.0)]
    assert _paras(lines)[-4:] == ["合计金额：", "1260万元", "其中专项资金：", "800万元"]


def test_centred_line_long_enough_to_pass_for_a_full_one_still_stands_apart() -> None:
    # Centred, 15pt from each margin: the next line's first word (a number) would not have fitted, but
    # the line is centred, so it ends its block; so does one centred exactly at the paragraph indent.
    for inset in (15.0, 2 * SIZE):
        lines = [*_context(100),
                 _line("某某集团有限公司关于印发年度安全生产工作要点的通知", 180, x0=LEFT + inset, x1=RIGHT - inset),
                 _line("2024年各子公司、各部门：", 200, x1=240.0, first=24.0)]
        assert _paras(lines)[-2:] == ["某某集团有限公司关于印发年度安全生产工作要点的通知", "2024年各子公司、各部门："]


def _pdf(lines: list[tuple[float, float, str]]) -> bytes:
    """A one-page PDF set in reportlab's built-in CJK font, one string per (x, y) position."""
    canvas_mod = pytest.importorskip("reportlab.pdfgen.canvas")
    pdfmetrics = pytest.importorskip("reportlab.pdfbase.pdfmetrics")
    cidfonts = pytest.importorskip("reportlab.pdfbase.cidfonts")
    pdfmetrics.registerFont(cidfonts.UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas_mod.Canvas(buf, pagesize=(595.0, 842.0), invariant=1)
    c.setFont("STSong-Light", SIZE)
    for x, y, text in lines:
        c.drawString(x, y, text)
    c.save()
    return buf.getvalue()


def test_end_to_end_number_wrapped_whole_is_joined() -> None:
    # The same shape drawn into a real PDF and read through pdfplumber: the text frame is 36 characters
    # wide (80pt to 512pt), a first line is indented two characters.
    filler = "各单位落实安全生产责任加强隐患排查治理" * 3
    wrapped = filler[:27] + "，整改率达到"  # 33 characters: `100%。` (38pt) does not fit in the 12pt left
    rows = [
        (INDENT, 760, filler[:34]), (LEFT, 740, filler[:20] + "。"),
        (INDENT, 720, filler[:34]), (LEFT, 700, filler[:36]), (LEFT, 680, filler[:12] + "。"),
        (INDENT, 660, wrapped), (LEFT, 640, "100%。"),
    ]
    doc = read_pdf(_pdf(rows), Options(), DiagnosticLog())
    texts = [join_lines([t.text for t in b.content if hasattr(t, "text")]) for b in doc.blocks
             if hasattr(b, "content")]
    assert texts[-1] == wrapped + "100%。"
