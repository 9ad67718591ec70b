"""One walk contract over the AST, written once.

`walk(tree, action)` visits bottom-up: children first, then the node itself with its new children.
The action returns None to keep the node, a node to replace it, or a list of nodes to splice in its place
(`[]` deletes it). `query(tree, fn)` collects the non-None results of `fn` over every node, pre-order.
Nothing is mutated: changed paths are rebuilt, unchanged subtrees are shared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, TypeVar

from docconv.ast import (
    BLOCK_TYPES,
    INLINE_TYPES,
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
    Node,
    Note,
    Para,
    SoftBreak,
    Strong,
    Table,
    TableCell,
    TableRow,
    Text,
)

Action = Callable[[Node], "Node | list[Node] | None"]
"""A walk action: None keeps, a node replaces, a list splices."""

_N = TypeVar("_N", bound=Node)

_BLOCKS = "blocks"
_INLINES = "inlines"
_KINDS: dict[str, tuple[type, ...]] = {
    _BLOCKS: BLOCK_TYPES,
    _INLINES: INLINE_TYPES,
    "items": (ListItem,),
    "rows": (TableRow,),
    "cells": (TableCell,),
}

CHILDREN: dict[type, tuple[tuple[str, str], ...]] = {
    Document: (("blocks", _BLOCKS),),
    Heading: (("content", _INLINES),),
    Para: (("content", _INLINES),),
    List: (("items", "items"),),
    ListItem: (("blocks", _BLOCKS),),
    Table: (("caption", _INLINES), ("head", "rows"), ("rows", "rows")),
    TableRow: (("cells", "cells"),),
    TableCell: (("blocks", _BLOCKS),),
    BlockQuote: (("blocks", _BLOCKS),),
    CodeBlock: (),
    HorizontalRule: (),
    Div: (("blocks", _BLOCKS),),
    Text: (),
    Emph: (("content", _INLINES),),
    Strong: (("content", _INLINES),),
    Link: (("content", _INLINES),),
    Image: (("alt", _INLINES),),
    Code: (),
    Note: (("blocks", _BLOCKS),),
    SoftBreak: (),
    LineBreak: (),
}
"""For every node class, its child-tuple fields and the kind of node each holds."""


def walk(tree: _N, action: Action) -> _N:
    """Rebuild `tree` bottom-up through `action` (see the module docstring for the contract)."""
    new = _walk_children(tree, action)
    result = action(new)
    if result is None:
        return new
    if not isinstance(result, type(tree)):
        raise TypeError(
            f"walk: the root {type(tree).__name__} can only be replaced by a node of its own type"
        )
    return result


def _walk_children(node: _N, action: Action) -> _N:
    changes: dict[str, Any] = {}
    for name, kind in CHILDREN[type(node)]:
        old: tuple[Node, ...] = getattr(node, name)
        new = _walk_tuple(old, action, kind)
        if new is not old:
            changes[name] = new
    return replace(node, **changes) if changes else node


def _walk_tuple(children: tuple[Node, ...], action: Action, kind: str) -> tuple[Node, ...]:
    out: list[Node] = []
    changed = False
    allowed = _KINDS[kind]
    for child in children:
        walked = _walk_children(child, action)
        result = action(walked)
        if result is None:
            out.append(walked)
            changed = changed or walked is not child
            continue
        replacement = result if isinstance(result, list) else [result]
        for node in replacement:
            if not isinstance(node, allowed):
                raise TypeError(
                    f"walk: a {type(node).__name__} cannot stand where {kind} are expected"
                )
        out.extend(replacement)
        changed = True
    return tuple(out) if changed else children


def children(node: Node) -> Iterator[Node]:
    """The direct children of a node, in order."""
    for name, _kind in CHILDREN[type(node)]:
        yield from getattr(node, name)


def iter_nodes(tree: Node) -> Iterator[Node]:
    """Every node of the tree, pre-order, the root included."""
    stack: list[Node] = [tree]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(list(children(node))))


_R = TypeVar("_R")


def query(tree: Node, fn: Callable[[Node], _R | None]) -> list[_R]:
    """The non-None results of `fn` over every node of the tree, pre-order."""
    return [r for r in map(fn, iter_nodes(tree)) if r is not None]


def apply_filter(doc: Document, fn: Callable[[Node, Document], Node | list[Node] | None]) -> Document:
    """Run a user filter, which receives each node and the whole (original) document."""
    return walk(doc, lambda node: fn(node, doc))
