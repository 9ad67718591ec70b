"""The walk contract: bottom-up; None keeps, a node replaces, a list splices; nothing mutated."""

from __future__ import annotations

import pytest

from docconv import ast
from docconv import builder as b
from docconv.walk import apply_filter, iter_nodes, query, walk


def sample() -> ast.Document:
    return b.document(
        b.heading(2, "一、标题"),
        b.para(["甲", ast.Emph(content=(ast.Text(text="乙"),))]),
        b.bullets("丙", "丁"),
    )


def test_none_keeps_the_tree_identical() -> None:
    doc = sample()
    assert walk(doc, lambda n: None) is doc


def test_replace_and_delete_and_splice() -> None:
    doc = sample()

    def action(node: ast.Node) -> ast.Node | list[ast.Node] | None:
        if isinstance(node, ast.Text) and node.text == "乙":
            return ast.Text(text="戊")
        if isinstance(node, ast.Heading):
            return []
        if isinstance(node, ast.List):
            return [b.para("前"), node, b.para("后")]
        return None

    out = walk(doc, action)
    assert [type(x).__name__ for x in out.blocks] == ["Para", "Para", "List", "Para"]
    assert ast.plain_text(out.blocks[0].content) == "甲戊"  # type: ignore[union-attr]
    assert sample() == doc  # the input is untouched


def test_bottom_up_order() -> None:
    order: list[str] = []

    def action(node: ast.Node) -> None:
        order.append(type(node).__name__)

    walk(b.document(b.para(ast.Strong(content=(ast.Text(text="x"),)))), action)
    assert order == ["Text", "Strong", "Para", "Document"]


def test_parent_sees_rebuilt_children() -> None:
    def action(node: ast.Node) -> ast.Node | None:
        if isinstance(node, ast.Text):
            return ast.Text(text=node.text.upper())
        if isinstance(node, ast.Para):
            assert ast.plain_text(node.content) == "AB"
        return None

    out = walk(b.document(b.para("ab")), action)
    assert ast.plain_text(out.blocks[0].content) == "AB"  # type: ignore[union-attr]


def test_splicing_a_wrong_kind_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="cannot stand where blocks are expected"):
        walk(sample(), lambda n: [ast.Text(text="x")] if isinstance(n, ast.Para) else None)


def test_query_and_iter_nodes_are_preorder() -> None:
    texts = query(sample(), lambda n: n.text if isinstance(n, ast.Text) else None)
    assert texts == ["一、标题", "甲", "乙", "丙", "丁"]
    assert type(next(iter_nodes(sample()))) is ast.Document


def test_filters_get_the_document() -> None:
    doc = sample()
    seen: list[bool] = []
    apply_filter(doc, lambda node, d: seen.append(d is doc))
    assert seen
    assert all(seen)


def test_merge_texts_joins_adjacent_runs_of_equal_attributes_and_drops_empty_ones() -> None:
    text, marked = ast.Text, ast.Attr(classes=("x",))
    got = ast.merge_texts([text(text="一"), text(text=""), text(text="、"),
                           ast.Strong(content=(text(text="加强"),)), text(text="领导"), text(text="。", attr=marked)])
    assert got == (text(text="一、"), ast.Strong(content=(text(text="加强"),)), text(text="领导"),
                   text(text="。", attr=marked))
