"""The Markdown writer: re-parses to the same structure, escapes only what must be escaped."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from docconv import ast
from docconv import builder as b
from docconv.ast import Marker, Meta, Scheme
from docconv.options import Options
from docconv.writers.markdown import space_after_marker, write_markdown
from tests.mdparse import ast_text, md_shapes


def md(*blocks: ast.Block, standalone: bool = False, meta: Meta | None = None) -> str:
    return write_markdown(b.document(*blocks, meta=meta), Options(standalone=standalone))


def expected_shapes(blocks: tuple[ast.Block, ...]) -> list[Any]:
    """What markdown-it should see for these blocks, derived from the AST alone."""
    out: list[Any] = []
    for blk in blocks:
        match blk:
            case ast.Para(content=c):
                out.append(("p", ast_text(c)))
            case ast.Heading(level=lv, content=c, marker=m):
                out.append(("h", min(lv, 6), (m.raw if m else "") + ast_text(c)))
            case ast.List(ordered=True, start=start, items=items) if all(
                    i.marker is None or re.fullmatch(r"[0-9]+[.)]", i.marker.raw) for i in items):
                out.append(("ol", start, [("li", expected_shapes(i.blocks)) for i in items]))
            case ast.List(items=items):
                lis = []
                for i in items:
                    inner = expected_shapes(i.blocks)
                    if i.marker is not None and inner and inner[0][0] == "p":
                        inner[0] = ("p", i.marker.raw + inner[0][1])
                    lis.append(("li", inner))
                out.append(("ul", lis))
            case ast.BlockQuote(blocks=inner):
                out.append(("blockquote", expected_shapes(inner)))
            case ast.CodeBlock(text=t):
                out.append(("code", t))
            case ast.HorizontalRule():
                out.append(("hr",))
            case ast.Div(blocks=inner):
                out.extend(expected_shapes(inner))
            case ast.Table():
                out.append(("table",))
    return out


def shallow(shapes: list[Any]) -> list[Any]:
    return [("table",) if s[0] == "table" else s for s in shapes]


def test_structure_survives_a_reparse() -> None:
    blocks: tuple[ast.Block, ...] = (
        b.heading(1, "2023年工作总结"),
        b.heading(2, "加强组织领导", marker=Marker(scheme=Scheme.CN, ordinal=1, raw="一、")),
        b.para("正文第一段。"),
        b.heading(3, "推进养老服务", marker=Marker(scheme=Scheme.CN_PAREN, ordinal=1, raw="(一)")),
        b.ordered(b.item("甲", marker=Marker(scheme=Scheme.ARABIC, ordinal=3, raw="3.")), "乙", start=3),
        b.ordered(b.item("丙", marker=Marker(scheme=Scheme.CIRCLED, ordinal=1, raw="①")),
                  b.item("丁", marker=Marker(scheme=Scheme.CIRCLED, ordinal=2, raw="②")),
                  scheme=Scheme.CIRCLED),
        b.bullets(b.item(b.para("外层"), b.bullets("内层一", "内层二")), "第二项"),
        ast.BlockQuote(blocks=(b.para("引用"), b.para("# 不是标题"))),
        ast.CodeBlock(text="x = 1\n```\ny"),
        ast.HorizontalRule(),
        ast.Div(blocks=(b.para("文章二"),)),
        b.heading(7, "第七级"),
    )
    out = md(*blocks)
    # The writer separates adjacent lists with an HTML comment, which is not a block of the AST.
    assert [s for s in md_shapes(out) if s != ("html",)] == expected_shapes(blocks)


def test_adjacent_lists_stay_apart() -> None:
    blocks = (b.bullets("a"), b.bullets("b"), b.ordered("c"))
    shapes = md_shapes(md(*blocks))
    assert [s[0] for s in shapes if s[0] != "html"] == ["ul", "ul", "ol"]


def test_chinese_marker_list_keeps_its_marker_as_text() -> None:
    lst = b.ordered(b.item("加强领导", marker=Marker(scheme=Scheme.ARABIC, ordinal=1, raw="1、")),
                    b.item("落实责任", marker=Marker(scheme=Scheme.ARABIC, ordinal=2, raw="2、")))
    assert md(lst) == "- 1、加强领导\n- 2、落实责任\n"


def test_native_ordered_list_keeps_delimiter_and_start() -> None:
    lst = b.ordered(b.item("a", marker=Marker(scheme=Scheme.ARABIC_PAREN, ordinal=4, raw="4)")), "b",
                    start=4, scheme=Scheme.ARABIC_PAREN)
    assert md(lst) == "4) a\n5) b\n"


def test_cjk_punctuation_is_never_escaped_and_no_spaces_are_inserted() -> None:
    text = "一、加强领导，落实责任。（一）“三个代表”：《方案》【附件】——完毕！"
    assert md(b.para(text)) == text + "\n"


def test_soft_breaks_join_cjk_without_space_and_latin_with_space() -> None:
    para = b.para(["第一行", ast.SoftBreak(), "第二行", ast.SoftBreak(), "next", ast.SoftBreak(), "line"])
    assert md(para) == "第一行第二行 next line\n"


def test_only_syntax_is_escaped() -> None:
    assert md(b.para("1.5倍增长, a.b, 3+4=7, (括号) 100%!")) == "1.5倍增长, a.b, 3+4=7, (括号) 100%!\n"
    assert md(b.para("1. 开头")) == "1\\. 开头\n"
    assert md(b.para("# 井号")) == "\\# 井号\n"
    assert md(b.para("#话题#")) == "#话题#\n"
    assert md(b.para("a_b_c 与 *星号*")) == "a_b_c 与 \\*星号\\*\n"
    assert md(b.para("C:\\data 与 \\*")) == "C:\\data 与 \\\\\\*\n"
    assert md(b.para("<<书名>> 与 <div>")) == "<<书名>> 与 \\<div>\n"


def test_emphasis_next_to_cjk_punctuation_falls_back_to_html() -> None:
    para = b.para([ast.Strong(content=(ast.Text(text="“重点”"),)), "内容"])
    out = md(para)
    assert out == "<strong>“重点”</strong>内容\n"
    plain = b.para([ast.Strong(content=(ast.Text(text="重点"),)), "内容"])
    assert md(plain) == "**重点**内容\n"


def test_heading_trailing_hash_is_escaped() -> None:
    out = md(b.heading(2, "C#"))
    assert out == "## C\\#\n"
    assert md_shapes(out) == [("h", 2, "C#")]


def test_pipe_table_and_html_fallback() -> None:
    simple = ast.Table(head=(b.row("项目", "a|b"),), rows=(b.row("甲", "1"), b.row("乙")))
    out = md(simple)
    assert out.splitlines()[:2] == ["| 项目 | a\\|b |", "| --- | --- |"]
    shape = md_shapes(out)[0]
    assert shape[0] == "table"
    spanning = ast.Table(rows=(ast.TableRow(cells=(b.cell("合并", colspan=2),)), b.row("x", "y")))
    html = md(spanning)
    assert html.startswith("<table>")
    assert 'colspan="2"' in html
    assert ("p", "合并") in _flat(md_shapes(html))


def _flat(shapes: list[Any]) -> list[Any]:
    out = []
    for s in shapes:
        out.append(s)
        for part in s[1:]:
            if isinstance(part, list):
                out.extend(_flat(part))
    return out


def test_inline_nodes() -> None:
    para = b.para([
        ast.Emph(content=(ast.Text(text="强调"),)), "与",
        ast.Link(content=(ast.Text(text="链接"),), target="https://example.org/a b", title='说"明"'),
        ast.Code(text="a`b"), ast.Image(alt=(ast.Text(text="图"),), src="x.png"),
        ast.Note(blocks=(b.para("脚注内容"),)), ast.LineBreak(), "下一行",
    ])
    out = md(para)
    assert out == ('*强调*与[链接](<https://example.org/a b> "说\\"明\\"")``a`b``![图](x.png)[^1]\\\n下一行\n\n'
                   "[^1]: 脚注内容\n")


def test_standalone_front_matter() -> None:
    meta = Meta(title='总结: "年度"', date="2023-12-28", encoding="utf-8", extra=(("site", "某站"),))
    out = md(b.para("正文"), standalone=True, meta=meta)
    assert out.startswith('---\ntitle: "总结: \\"年度\\""\ndate: "2023-12-28"\nencoding: "utf-8"\n'
                          'extra:\n  "site": "某站"\n---\n\n正文\n')


ALPHABET = st.sampled_from(
    list("abcXYZ019 \t") + list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") + list("中文字，。、（）“”：《》①—")
)


@settings(max_examples=400, deadline=None)
@given(st.text(ALPHABET, min_size=1, max_size=24))
def test_any_paragraph_text_round_trips(text: str) -> None:
    out = md(b.para(text))
    shapes = md_shapes(out)
    expected = text.strip(" \t")
    if not expected:
        assert shapes == []
    else:
        assert shapes == [("p", expected)], out


@settings(max_examples=200, deadline=None)
@given(st.text(ALPHABET, min_size=1, max_size=16), st.integers(1, 6))
def test_any_heading_text_round_trips(text: str, level: int) -> None:
    out = md(b.heading(level, text))
    assert md_shapes(out) == [("h", level, text.strip(" \t"))], out


@settings(max_examples=200, deadline=None)
@given(st.text(ALPHABET, max_size=6), st.text(ALPHABET, min_size=1, max_size=6), st.text(ALPHABET, max_size=6))
def test_emphasis_round_trips(before: str, inner: str, after: str) -> None:
    para = b.para([before, ast.Strong(content=(ast.Text(text=inner),)), after])
    out = md(para)
    whole = before + inner + after
    shapes = md_shapes(out)
    if not whole.strip():
        return
    # Edge whitespace may survive inside an inline HTML fallback; the text in between must be exact.
    assert [(kind, text.strip()) for kind, text in shapes] == [("p", whole.strip())], out


def test_a_marker_that_keeps_its_source_space_gets_no_second_one() -> None:
    assert space_after_marker("A.", "Scope")
    assert not space_after_marker("3 ", "2024年工作计划")
    assert not space_after_marker("一、", "加强领导")
