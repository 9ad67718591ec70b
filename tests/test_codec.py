"""docconv JSON: exact round-trip for every node type, version checks, clear errors."""

from __future__ import annotations

import json

import pytest

from docconv import ast, codec
from docconv import builder as b
from docconv.ast import Attr, Marker, Meta, Pos, Scheme
from docconv.errors import ParseError
from docconv.walk import iter_nodes


def every_node_document() -> ast.Document:
    """A document that uses every node type, every Marker scheme field, attr and pos."""
    attr = Attr(id="x1", classes=("a", "b"), kv=(("k", "v"), ("lang", "zh")))
    pos = Pos(line=3, page=2, offset=17)
    inl: tuple[ast.Inline, ...] = (
        ast.Text(text="中文 text", attr=attr, pos=pos),
        ast.Emph(content=(ast.Text(text="强调"),)),
        ast.Strong(content=(ast.Text(text="重点"),), pos=Pos(line=1)),
        ast.Link(content=(ast.Text(text="链接"),), target="https://example.org/a(b)", title="t"),
        ast.Image(alt=(ast.Text(text="图"),), src="img.png", title=""),
        ast.Code(text="x = 1"),
        ast.Note(blocks=(b.para("脚注"),)),
        ast.SoftBreak(),
        ast.LineBreak(pos=Pos(offset=4)),
    )
    table = ast.Table(
        caption=(ast.Text(text="表1"),),
        head=(b.row("项目", "数量"),),
        rows=(ast.TableRow(cells=(b.cell("合计", colspan=2, rowspan=1),)), b.row("a", "b")),
        attr=attr,
    )
    return ast.Document(
        meta=Meta(title="标题", date="2023-01-02", source="example.org", author="张三",
                  encoding="gb18030", encoding_confidence=0.93, encoding_method="scored",
                  script="simplified", extra=(("site", "x"), ("views", "12"))),
        blocks=(
            ast.Heading(level=2, content=inl, marker=Marker(scheme=Scheme.CN, ordinal=2, raw="二 、"),
                        attr=attr, pos=pos),
            ast.Para(content=inl),
            ast.List(items=(ast.ListItem(blocks=(b.para("甲"),),
                                         marker=Marker(scheme=Scheme.CIRCLED, ordinal=1, raw="①")),),
                     ordered=True, scheme=Scheme.CIRCLED, start=1),
            table,
            ast.BlockQuote(blocks=(b.para("引文"),)),
            ast.CodeBlock(text="print(1)\n", attr=Attr(classes=("python",))),
            ast.HorizontalRule(),
            ast.Div(blocks=(b.para("第二篇"),), attr=Attr(classes=("article",))),
        ),
        attr=Attr(id="doc"),
        pos=Pos(line=1),
    )


def test_every_node_type_is_covered_by_the_fixture() -> None:
    seen = {type(n) for n in iter_nodes(every_node_document())}
    assert seen == set(ast.NODE_TYPES)


@pytest.mark.parametrize("compact", [False, True])
def test_round_trip_is_exact(compact: bool) -> None:
    doc = every_node_document()
    text = codec.dumps(doc, compact=compact)
    assert codec.loads(text) == doc
    assert codec.dumps(codec.loads(text), compact=compact) == text


def test_json_keeps_chinese_and_orders_keys() -> None:
    text = codec.dumps(every_node_document())
    assert "标题" in text
    assert "\\u" not in text
    obj = json.loads(text)
    assert list(obj) == ["docconv-ast-version", "meta", "blocks", "attr", "pos"]
    assert list(obj["blocks"][0]) == ["t", "level", "content", "marker", "attr", "pos"]


def test_incompatible_major_version_is_refused() -> None:
    obj = codec.to_json_obj(b.document(b.para("x")))
    obj["docconv-ast-version"] = [99, 0]
    with pytest.raises(ParseError, match=r"version 99\.0 is not compatible"):
        codec.from_json_obj(obj)


def test_newer_minor_version_loads() -> None:
    obj = codec.to_json_obj(b.document(b.para("x")))
    obj["docconv-ast-version"] = [ast.AST_VERSION[0], ast.AST_VERSION[1] + 5]
    assert codec.from_json_obj(obj) == b.document(b.para("x"))


def test_file_written_by_version_1_0_loads() -> None:
    # 1.1 only added the decimal schemes: what 1.0 wrote (the version key and the CN marker) still loads.
    text = ('{"docconv-ast-version": [1, 0], "meta": {}, "blocks": [{"t": "Heading", "level": 2, '
            '"content": [{"t": "Text", "text": "总体情况"}], "marker": {"scheme": "cn", "ordinal": 1, "raw": "一、"}}]}')
    doc = codec.loads(text)
    heading = doc.blocks[0]
    assert isinstance(heading, ast.Heading)
    assert heading.marker == ast.Marker(scheme=ast.Scheme.CN, ordinal=1, raw="一、")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON at line 1"),
        ('{"pandoc-api-version": [1, 23], "blocks": []}', "this is pandoc JSON"),
        ('{"blocks": []}', "no 'docconv-ast-version' key"),
        ('{"docconv-ast-version": [1, 0], "blocks": [{"t": "Bogus"}]}', "unknown node type 'Bogus'"),
        ('{"docconv-ast-version": [1, 0], "blocks": [{"t": "Text", "text": "x"}]}',
         r"blocks\[0\]: a Text cannot stand among blocks"),
        ('{"docconv-ast-version": [1, 0], "blocks": [{"t": "Heading", "level": "2", "content": []}]}',
         "level: expected int"),
        ('{"docconv-ast-version": [1, 0], "blocks": [{"t": "Para"}]}', "missing 1 required"),
        ('{"docconv-ast-version": [1, 0], "meta": {"colour": "red"}, "blocks": []}', "unknown field 'colour'"),
        ('{"docconv-ast-version": [1, 0], "blocks": [{"t": "List", "items": [], "ordered": true, '
         '"scheme": "hex"}]}', "unknown numbering scheme 'hex'"),
    ],
)
def test_malformed_input_fails_with_location(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        codec.loads(text)


@pytest.mark.parametrize("scheme", [s for s in ast.Scheme if s.value.startswith("decimal-")])
def test_decimal_markers_round_trip(scheme: ast.Scheme) -> None:
    depth = int(scheme.value.rsplit("-", 1)[1])
    raw = ".".join(["1"] * (depth - 1) + ["2"]) + " "
    doc = b.document(b.heading(2, "收入", marker=b.marker(scheme, 2, raw)))
    text = codec.dumps(doc)
    assert f'"scheme": "{scheme.value}"' in text
    assert codec.loads(text) == doc
