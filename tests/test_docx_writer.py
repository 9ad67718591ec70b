"""The DOCX writer: write with docconv, read back with python-docx, check structure, text and bytes."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

import docconv
from docconv import builder as b
from docconv.ast import (
    Attr,
    Block,
    BlockQuote,
    Code,
    CodeBlock,
    Div,
    Document,
    Emph,
    Heading,
    HorizontalRule,
    Image,
    LineBreak,
    Link,
    List,
    ListItem,
    Meta,
    Note,
    Para,
    Scheme,
    SoftBreak,
    Strong,
    Table,
    Text,
    plain_text,
)
from docconv.options import Options
from docconv.writers.docx import BODY_EAST_ASIA_FONT, HEADING_EAST_ASIA_FONT, write_docx

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"

# A structured report in the shape of the scraped ones (own wording): title, a site line, 一、/（一）/1、
# headings, a numbered list with a gap, dash items, and a second article that restarts the numbering.
REPORT = """\
市水务局2023年度工作总结

时间:2023-12-28 09:15:00

篇一:市水务局2023年度工作总结

今年以来,我局围绕防汛保安和供水保障两条主线,扎实推进各项工作,全年目标任务基本完成。

一、防汛抗旱工作

（一）健全责任体系

全市落实各级防汛责任人1260名,逐一开展了岗前培训,汛前完成了全部水库的安全鉴定。

（二）强化监测预警

1、新建自动雨量站48处,实现重点流域全覆盖,监测数据每五分钟上传一次,预警信息第一时间推送到村组。
2、修订了山洪灾害防御预案,组织开展了三次实战演练,参演群众累计超过五千人次,提升了转移效率。
4、建立了汛期每日会商制度,遇强降雨加密会商频次,确保研判准确,调度及时,处置有力有序。

二、供水保障工作

——完成城区老旧管网改造36公里;
——新增应急备用水源一处;
——水质综合合格率保持在99%以上。

篇二:市水务局2024年工作打算

一、加快重点水利工程建设

围绕城乡供水一体化,推进三座水厂扩建,力争年底前完成主体工程。

二、提升水资源管理水平

严格落实用水总量和强度双控,开展节水型单位创建活动。
"""


def _write(doc: Document, **options: Any) -> bytes:
    return write_docx(doc, Options.from_kwargs(**options))


def _read(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def _roundtrip(*blocks: Block, meta: Meta | None = None, **options: Any) -> Any:
    return _read(_write(b.document(*blocks, meta=meta), **options))


def _numbering_of(word: Any, paragraph: Any) -> tuple[str, str, int] | None:
    """(numFmt, lvlText, start) of the numbering a paragraph carries directly, or None."""
    num_pr = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    if num_pr is None:
        return None
    num_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
    numbering = word.part.numbering_part.element
    num = numbering.find(f"{qn('w:num')}[@{qn('w:numId')}='{num_id}']")
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = numbering.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract_id}']")
    lvl = abstract.find(qn("w:lvl"))
    return (lvl.find(qn("w:numFmt")).get(qn("w:val")), lvl.find(qn("w:lvlText")).get(qn("w:val")),
            int(lvl.find(qn("w:start")).get(qn("w:val"))))


def _num_id(paragraph: Any) -> str | None:
    found = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return None if found is None else found.get(qn("w:val"))


# ------------------------------------------------------------------------------------------ headings


def test_heading_levels_map_to_heading_styles_with_marker_text() -> None:
    word = _roundtrip(
        b.heading(1, "年度工作总结"),
        b.heading(2, "总体情况", marker=b.marker(Scheme.CN, 1, "一、")),
        b.heading(3, "组织领导", marker=b.marker(Scheme.CN_PAREN, 1, "（一）")),
        b.heading(2, "Scope", marker=b.marker(Scheme.LATIN_UPPER, 1, "A.")),
        b.heading(12, "最深一级"),
    )
    got = [(p.style.name, p.text) for p in word.paragraphs]
    assert got == [
        ("Heading 1", "年度工作总结"),
        ("Heading 2", "一、总体情况"),
        ("Heading 3", "（一）组织领导"),
        ("Heading 2", "A. Scope"),
        ("Heading 9", "最深一级"),
    ]


def test_numbering_strip_drops_heading_markers() -> None:
    word = _roundtrip(b.heading(2, "总体情况", marker=b.marker(Scheme.CN, 1, "一、")), numbering="strip")
    assert [p.text for p in word.paragraphs] == ["总体情况"]


def test_heading_id_becomes_a_bookmark_that_internal_links_target() -> None:
    heading = Heading(level=2, content=(Text(text="附录"),), attr=Attr(id="appendix"))
    link = Link(content=(Text(text="见附录"),), target="#appendix")
    word = _roundtrip(heading, Para(content=(link,)))
    names = [e.get(qn("w:name")) for e in word.element.body.iter(qn("w:bookmarkStart"))]
    anchors = [e.get(qn("w:anchor")) for e in word.element.body.iter(qn("w:hyperlink"))]
    assert names == ["appendix"]
    assert anchors == ["appendix"]


# ------------------------------------------------------------------------------------------- inlines


def test_inline_formatting_becomes_run_properties() -> None:
    content = (Text(text="普通"), Strong(content=(Text(text="加粗"),)), Emph(content=(Text(text="斜体"),)),
               Strong(content=(Emph(content=(Text(text="粗斜"),)),)), Code(text="x = 1"))
    word = _roundtrip(Para(content=content))
    runs = [(r.text, bool(r.bold), bool(r.italic), r.style.name) for r in word.paragraphs[0].runs]
    assert runs == [
        ("普通", False, False, "Default Paragraph Font"),
        ("加粗", True, False, "Default Paragraph Font"),
        ("斜体", False, True, "Default Paragraph Font"),
        ("粗斜", True, True, "Default Paragraph Font"),
        ("x = 1", False, False, "Verbatim Char"),
    ]


def test_links_are_real_hyperlinks() -> None:
    link = Link(content=(Text(text="政府网站"),), target="https://example.gov.cn/a?b=1&c=2")
    word = _roundtrip(Para(content=(Text(text="详见"), link, Text(text="。"))))
    p = word.paragraphs[0]
    assert p.text == "详见政府网站。"
    assert [(h.text, h.url) for h in p.hyperlinks] == [("政府网站", "https://example.gov.cn/a?b=1&c=2")]
    assert p.hyperlinks[0].runs[0].style.name == "Hyperlink"


def test_image_is_a_link_to_its_source_with_its_alt_text() -> None:
    word = _roundtrip(Para(content=(Image(alt=(Text(text="示意图"),), src="img/map.png"),)))
    assert [(h.text, h.url) for h in word.paragraphs[0].hyperlinks] == [("示意图", "img/map.png")]


def test_soft_breaks_join_cjk_without_space_and_latin_with_one() -> None:
    word = _roundtrip(
        Para(content=(Text(text="上半年"), SoftBreak(), Text(text="工作"))),
        Para(content=(Text(text="first"), SoftBreak(), Text(text="second"))),
        Para(content=(Text(text="全县完成\n春播面积 and\nmore"),)),
    )
    assert [p.text for p in word.paragraphs] == ["上半年工作", "first second", "全县完成春播面积 and more"]


def test_line_break_is_a_word_break() -> None:
    word = _roundtrip(Para(content=(Text(text="第一行"), LineBreak(), Text(text="第二行"))))
    p = word.paragraphs[0]
    assert p.text == "第一行\n第二行"
    assert len(p._p.findall(f".//{qn('w:br')}")) == 1


def test_characters_xml_cannot_hold_are_visible_replacements() -> None:
    word = _roundtrip(Para(content=(Text(text="甲\x01乙\x0c丙"),)))
    assert word.paragraphs[0].text == "甲\ufffd乙 丙"


def test_notes_are_numbered_references_to_a_notes_section() -> None:
    note = Note(blocks=(b.para("数据来源于统计年鉴。"),))
    word = _roundtrip(Para(content=(Text(text="增长12%"), note, Text(text="。"))), b.para("正文结束。"))
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == "增长12%1。"
    ref = next(r for r in word.paragraphs[0].iter_inner_content() if hasattr(r, "url"))
    assert ref.fragment == "docconv_note_1"
    assert ref.runs[0].font.superscript is True
    assert texts[1] == "正文结束。"
    assert texts[-1] == "1 数据来源于统计年鉴。"
    last = word.paragraphs[-1]
    assert [e.get(qn("w:name")) for e in last._p.iter(qn("w:bookmarkStart"))] == ["docconv_note_1"]


# --------------------------------------------------------------------------------------------- lists


def test_chinese_ordered_list_is_numbered_by_word_in_its_own_form() -> None:
    items = [ListItem(blocks=(b.para(t),), marker=b.marker(Scheme.CN_PAREN, i, f"（{n}）"))
             for i, (n, t) in enumerate([("一", "甲项"), ("二", "乙项"), ("三", "丙项")], start=1)]
    word = _roundtrip(List(items=tuple(items), ordered=True, scheme=Scheme.CN_PAREN))
    paras = word.paragraphs
    assert [(p.style.name, p.text) for p in paras] == [("List Number", t) for t in ("甲项", "乙项", "丙项")]
    assert {_numbering_of(word, p) for p in paras} == {("chineseCounting", "（%1）", 1)}


def test_each_ordered_list_restarts_at_its_own_start() -> None:
    def arabic(start: int, *texts: str) -> List:
        items = tuple(ListItem(blocks=(b.para(t),), marker=b.marker(Scheme.ARABIC, start + i, f"{start + i}、"))
                      for i, t in enumerate(texts))
        return List(items=items, ordered=True, scheme=Scheme.ARABIC, start=start)

    word = _roundtrip(arabic(1, "一项", "二项"), b.para("间隔"), arabic(3, "三项", "四项"))
    first, second = word.paragraphs[0], word.paragraphs[3]
    assert _numbering_of(word, first) == ("decimal", "%1、", 1)
    assert _numbering_of(word, second) == ("decimal", "%1、", 3)
    assert _num_id(first) != _num_id(second)
    assert _num_id(first) == _num_id(word.paragraphs[1])


def test_markers_word_cannot_reproduce_stay_as_text() -> None:
    gap = (ListItem(blocks=(b.para("一项"),), marker=b.marker(Scheme.ARABIC, 1, "1、")),
           ListItem(blocks=(b.para("三项"),), marker=b.marker(Scheme.ARABIC, 3, "3、")))
    fullwidth = (ListItem(blocks=(b.para("甲"),), marker=b.marker(Scheme.ARABIC, 1, "１．")),)
    word = _roundtrip(List(items=gap, ordered=True, scheme=Scheme.ARABIC), b.para("间隔"),
                      List(items=fullwidth, ordered=True, scheme=Scheme.ARABIC))
    got = [(p.style.name, p.text, _num_id(p)) for p in word.paragraphs]
    assert got == [("List", "1、一项", None), ("List", "3、三项", None), ("Normal", "间隔", None),
                   ("List", "１．甲", None)]


def test_dash_items_are_bullets_drawn_as_the_dash() -> None:
    items = tuple(ListItem(blocks=(b.para(t),), marker=b.marker(Scheme.DASH, 0, "——")) for t in ("甲", "乙"))
    word = _roundtrip(List(items=items, ordered=False, scheme=Scheme.DASH))
    assert [(p.style.name, p.text) for p in word.paragraphs] == [("List Bullet", "甲"), ("List Bullet", "乙")]
    assert _numbering_of(word, word.paragraphs[0]) == ("bullet", "——", 1)


def test_unmarked_lists_nest_and_continue() -> None:
    inner = b.bullets("内层一", "内层二")
    outer = b.ordered(b.item(b.para("外层一"), b.para("补充说明"), inner), "外层二", start=5)
    word = _roundtrip(outer)
    got = [(p.style.name, p.text) for p in word.paragraphs]
    assert got == [("List Number", "外层一"), ("List Continue", "补充说明"), ("List Bullet 2", "内层一"),
                   ("List Bullet 2", "内层二"), ("List Number", "外层二")]
    assert _numbering_of(word, word.paragraphs[0]) == ("decimal", "%1.", 5)


def test_numbering_strip_numbers_ordered_lists_plainly() -> None:
    items = tuple(ListItem(blocks=(b.para(t),), marker=b.marker(Scheme.CN, i, f"{n}、"))
                  for i, (n, t) in enumerate([("一", "甲"), ("三", "乙")], start=1))
    word = _roundtrip(List(items=items, ordered=True, scheme=Scheme.CN), numbering="strip")
    assert [(p.style.name, p.text) for p in word.paragraphs] == [("List Number", "甲"), ("List Number", "乙")]
    assert _numbering_of(word, word.paragraphs[0]) == ("decimal", "%1.", 1)


# ------------------------------------------------------------------------------ tables and other blocks


def test_table_with_header_row_and_spans() -> None:
    table = Table(caption=(Text(text="表1 完成情况"),),
                  head=(b.row("项目", "目标", "完成"),),
                  rows=(b.row(b.cell("防汛", rowspan=2), "培训", "完成"),
                        b.row(b.cell("演练三次", colspan=2)),))
    word = _roundtrip(table)
    assert [(p.style.name, p.text) for p in word.paragraphs] == [("Caption", "表1 完成情况")]
    (t,) = word.tables
    assert t.style.name == "Table Grid"
    assert [[c.text for c in row.cells] for row in t.rows] == [
        ["项目", "目标", "完成"], ["防汛", "培训", "完成"], ["防汛", "演练三次", "演练三次"]]
    assert t.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert t.rows[1]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None
    assert all(r.bold for r in t.rows[0].cells[0].paragraphs[0].runs)
    assert not any(r.bold for r in t.rows[1].cells[1].paragraphs[0].runs)
    assert t.cell(1, 0)._tc is t.cell(2, 0)._tc  # row span merged
    assert t.cell(2, 1)._tc is t.cell(2, 2)._tc  # column span merged
    assert [len(c.paragraphs) for c in t.rows[0].cells] == [1, 1, 1]  # no stray empty paragraph


def test_quote_code_and_rule() -> None:
    word = _roundtrip(BlockQuote(blocks=(b.para("引用的话"),)), CodeBlock(text="a = 1\nb = 2"),
                      HorizontalRule())
    quote, code, rule = word.paragraphs
    assert (quote.style.name, quote.text) == ("Quote", "引用的话")
    assert (code.style.name, code.text) == ("Source Code", "a = 1\nb = 2")
    assert code.style.font.name == "Courier New"
    assert rule._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None


def test_each_article_after_the_first_starts_a_page() -> None:
    article = Attr(classes=("article",))
    word = _roundtrip(b.heading(1, "合集"), Div(blocks=(b.heading(2, "第一篇"), b.para("甲")), attr=article),
                      Div(blocks=(b.heading(2, "第二篇"), b.para("乙")), attr=article),
                      Div(blocks=(b.para("非文章分组"),)))
    breaks = [(p.text, bool(p.paragraph_format.page_break_before)) for p in word.paragraphs]
    assert breaks == [("合集", False), ("第一篇", False), ("甲", False), ("第二篇", True), ("乙", False),
                      ("非文章分组", False)]


# ----------------------------------------------------------------------------------- document level


def test_metadata_goes_to_core_properties() -> None:
    meta = Meta(title="年度总结", author="办公室", date="2022-12-06T03:22:25", source="https://example.cn/x",
                script="simplified")
    props = _roundtrip(b.para("正文"), meta=meta).core_properties
    assert (props.title, props.author, props.identifier, props.language) == (
        "年度总结", "办公室", "https://example.cn/x", "zh-CN")
    assert props.created == datetime(2022, 12, 6, 3, 22, 25, tzinfo=UTC)
    assert props.modified == props.created
    assert props.comments == ""


def test_unparseable_date_leaves_created_out_instead_of_now() -> None:
    props = _roundtrip(b.para("正文"), meta=Meta(date="去年三月")).core_properties
    assert props.created is None
    assert props.modified is None
    assert props.author == ""


def test_east_asian_fonts_and_language() -> None:
    word = _roundtrip(b.heading(1, "标题"), b.para("正文"), meta=Meta(script="traditional"))
    normal = word.styles["Normal"].element.rPr
    assert normal.rFonts.get(qn("w:eastAsia")) == BODY_EAST_ASIA_FONT
    assert normal.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-TW"
    heading = word.styles["Heading 1"].element.rPr.rFonts
    assert heading.get(qn("w:eastAsia")) == HEADING_EAST_ASIA_FONT
    assert heading.get(qn("w:eastAsiaTheme")) is None  # a theme font would override the explicit one


def _doc_with_everything() -> Document:
    note = Note(blocks=(b.para("注释"),))
    return b.document(
        b.heading(1, "标题"),
        Para(content=(Text(text="正文"), Link(content=(Text(text="链接"),), target="https://a.cn"), note)),
        b.ordered("一", "二"), b.bullets("甲"),
        Table(head=(b.row("a", "b"),), rows=(b.row("1", "2"),)),
        meta=Meta(title="t", date="2020-01-02"),
    )


def test_output_is_deterministic() -> None:
    doc = _doc_with_everything()
    first = _write(doc)
    assert first == _write(doc)
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in z.namelist()
    # Another interpreter with another hash seed writes the same bytes.
    script = ("import sys; from docconv import codec; from docconv.options import Options; "
              "from docconv.writers.docx import write_docx; "
              "sys.stdout.buffer.write(write_docx(codec.loads(sys.stdin.read()), Options()))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-c", script], input=docconv.dumps(doc).encode(),
                           capture_output=True, check=True, env=env).stdout
    assert other == first


def _check_child_order(element: BaseOxmlElement) -> list[str]:
    """Children out of the schema order python-docx knows for their parent (Word rejects those)."""
    problems = []
    for el in element.iter():
        seq = getattr(type(el), "_tag_seq", None)
        if not seq:
            continue
        ranks = {qn(t): i for i, t in enumerate(seq)}
        known = [ranks[c.tag] for c in el if c.tag in ranks]
        if known != sorted(known):
            problems.append(f"{el.tag}: {[c.tag for c in el]}")
    return problems


def test_elements_are_in_schema_order() -> None:
    word = _read(_write(_doc_with_everything()))
    assert _check_child_order(word.element) == []
    assert _check_child_order(word.styles.element) == []


def test_registered_writer_returns_bytes() -> None:
    out = docconv.write(b.document(b.para("正文")), "docx")
    assert isinstance(out, bytes)
    assert _read(out).paragraphs[0].text == "正文"


# ----------------------------------------------------------------------------- whole reports in order


def _expected_texts(blocks: tuple[Block, ...]) -> list[str]:
    out: list[str] = []
    for blk in blocks:
        match blk:
            case Div(blocks=inner) | BlockQuote(blocks=inner):
                out.extend(_expected_texts(inner))
            case Heading(content=content) | Para(content=content):
                out.append(plain_text(content))
            case List(items=items):
                for it in items:
                    out.extend(_expected_texts(it.blocks))
            case _:
                pass
    return out


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _assert_all_text_in_order(doc: Document, options: Options | None = None) -> None:
    word = _read(write_docx(doc, options or Options()))
    got = [_squash(p.text) for p in word.paragraphs]
    at = 0
    for want in map(_squash, _expected_texts(doc.blocks)):
        while at < len(got) and want not in got[at]:
            at += 1
        assert at < len(got), f"missing or out of order: {want[:30]}"
        at += 1


def test_structured_report_keeps_every_block_in_order() -> None:
    doc = docconv.clean(docconv.read(REPORT.encode(), format="txt"))
    headings = docconv.query(doc, lambda n: (n.level, n.marker.raw if n.marker else None)
                             if isinstance(n, Heading) else None)
    assert (3, "一、") in headings  # the report really is structured before it is written
    _assert_all_text_in_order(doc)
    word = _read(write_docx(doc, Options()))
    styles = {p.style.name for p in word.paragraphs}
    assert {"Heading 1", "Heading 3", "Heading 4"} <= styles
    assert any(p.text.startswith("一、") and p.style.name.startswith("Heading") for p in word.paragraphs)
    assert any(p.paragraph_format.page_break_before for p in word.paragraphs)  # second article
    # 1、2、4、 has a gap Word numbering would hide: the markers stay as text.
    assert [p.text[:2] for p in word.paragraphs if p.style.name == "List"] == ["1、", "2、", "4、"]
    dashes = [p for p in word.paragraphs if p.style.name == "List Bullet"]
    assert len(dashes) == 3
    assert {_numbering_of(word, p) for p in dashes} == {("bullet", "——", 1)}


@pytest.mark.parametrize("path", sorted((ROOT / "fixtures" / "txt").glob("*.txt")), ids=lambda p: p.stem)
def test_fixture_reports_keep_every_block_in_order(path: Path) -> None:
    _assert_all_text_in_order(docconv.clean(docconv.read(path)))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed reports not available")
def test_seed_reports_keep_every_block_in_order() -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds
    for seed in seeds:
        _assert_all_text_in_order(docconv.clean(docconv.read(seed)))


def test_decimal_outline_markers_are_typed_text() -> None:
    items = tuple(ListItem(blocks=(b.para(t),), marker=b.marker(Scheme.DECIMAL_2, i, f"1.{i} "))
                  for i, t in enumerate(("甲项", "乙项"), start=1))
    word = _roundtrip(b.heading(3, "主营业务", marker=b.marker(Scheme.DECIMAL_2, 1, "1.1 ")),
                      List(items=items, ordered=True, scheme=Scheme.DECIMAL_2))
    got = [(p.style.name, p.text, _num_id(p)) for p in word.paragraphs]
    # Word's one-level numbering cannot print the parent's number: the marker stays as typed text.
    assert got == [("Heading 3", "1.1 主营业务", None), ("List", "1.1 甲项", None), ("List", "1.2 乙项", None)]
