"""The AST as docconv JSON, and back.

Shape: `{"docconv-ast-version": [1, 1], "meta": {...}, "blocks": [...]}`; every node is an object whose
first key `"t"` names its class, followed by its own fields in declaration order; `attr` is written only
when not empty and `pos` only when known. Loading checks the version (a different major version is
refused) and every node, so a hand-edited file fails with a message that says where.
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from docconv import ast
from docconv.ast import AST_VERSION, NO_ATTR, Attr, Document, Marker, Meta, Node, Pos, Scheme
from docconv.errors import ParseError
from docconv.walk import CHILDREN

VERSION_KEY = "docconv-ast-version"

_CLASSES: dict[str, type] = {cls.__name__: cls for cls in ast.NODE_TYPES if cls is not Document}
_KIND_TYPES: dict[str, tuple[type, ...]] = {
    "blocks": ast.BLOCK_TYPES,
    "inlines": ast.INLINE_TYPES,
    "items": (ast.ListItem,),
    "rows": (ast.TableRow,),
    "cells": (ast.TableCell,),
}
_SCALARS: dict[str, type | tuple[type, ...]] = {
    "text": str, "target": str, "title": str, "src": str, "raw": str,
    "level": int, "ordinal": int, "start": int, "rowspan": int, "colspan": int, "ordered": bool,
}
_META_FLOATS = {"encoding_confidence"}


# ---------------------------------------------------------------------------------------------- encode


def to_json_obj(doc: Document) -> dict[str, Any]:
    """The document as plain JSON-ready data (dicts, lists, strings, numbers)."""
    obj: dict[str, Any] = {VERSION_KEY: list(AST_VERSION), "meta": _meta_obj(doc.meta)}
    obj["blocks"] = [_node_obj(b) for b in doc.blocks]
    _put_attr_pos(obj, doc)
    return obj


def dumps(doc: Document, *, compact: bool = False) -> str:
    """docconv JSON text: stable key order, non-ASCII kept as is.

    The default form puts each top-level block on a line of its own, so diffs of two conversions
    show which blocks changed; `compact=True` gives one line (JSON Lines).
    """
    obj = to_json_obj(doc)
    if compact:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    lines = []
    for key, value in obj.items():
        if key == "blocks":
            inner = ",\n".join(json.dumps(b, ensure_ascii=False) for b in value)
            lines.append(f'"blocks": [\n{inner}\n]' if inner else '"blocks": []')
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}"


def _meta_obj(meta: Meta) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(meta):
        value = getattr(meta, f.name)
        if value is None or value == ():
            continue
        out[f.name] = [list(kv) for kv in value] if f.name == "extra" else value
    return out


def _node_obj(node: Node) -> dict[str, Any]:
    obj: dict[str, Any] = {"t": type(node).__name__}
    child_fields = dict(CHILDREN[type(node)])
    for f in fields(node):
        if f.name in ("attr", "pos"):
            continue
        value = getattr(node, f.name)
        if f.name in child_fields:
            obj[f.name] = [_node_obj(child) for child in value]
        elif isinstance(value, Marker):
            obj[f.name] = {"scheme": str(value.scheme), "ordinal": value.ordinal, "raw": value.raw}
        elif isinstance(value, Scheme):
            obj[f.name] = str(value)
        else:
            obj[f.name] = value
    _put_attr_pos(obj, node)
    return obj


def _put_attr_pos(obj: dict[str, Any], node: Node) -> None:
    if node.attr != NO_ATTR:
        obj["attr"] = {
            "id": node.attr.id,
            "classes": list(node.attr.classes),
            "kv": [list(kv) for kv in node.attr.kv],
        }
    if node.pos is not None:
        obj["pos"] = {k: v for k, v in
                      (("line", node.pos.line), ("page", node.pos.page), ("offset", node.pos.offset),
                       ("paragraph", node.pos.paragraph))
                      if v is not None}


# ---------------------------------------------------------------------------------------------- decode


def loads(text: str) -> Document:
    """Parse docconv JSON text into a Document; raise ParseError on anything malformed."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"not valid JSON at line {exc.lineno} column {exc.colno} ({exc.msg}); "
            "give docconv JSON as written by `docconv -t json`"
        ) from exc
    return from_json_obj(obj)


def from_json_obj(obj: Any) -> Document:
    """Build a Document from parsed docconv JSON data."""
    if not isinstance(obj, dict) or VERSION_KEY not in obj:
        if isinstance(obj, dict) and "pandoc-api-version" in obj:
            raise ParseError("this is pandoc JSON, not docconv JSON; read it with pandoc, "
                             "or give docconv JSON as written by `docconv -t json`")
        raise ParseError(f"not a docconv JSON document (no {VERSION_KEY!r} key); "
                         "give JSON as written by `docconv -t json`")
    version = obj[VERSION_KEY]
    if (not isinstance(version, list) or len(version) < 1
            or not all(isinstance(v, int) for v in version)):
        raise ParseError(f"{VERSION_KEY} must be a list of integers like {list(AST_VERSION)}")
    if version[0] != AST_VERSION[0]:
        raise ParseError(
            f"docconv JSON version {'.'.join(map(str, version))} is not compatible with this docconv "
            f"(reads {AST_VERSION[0]}.x); convert it with a docconv release that writes version "
            f"{AST_VERSION[0]}.x, or re-run the conversion from the original input"
        )
    return Document(
        meta=_meta(obj.get("meta", {})),
        blocks=_children(obj.get("blocks", []), "blocks", "document.blocks"),
        attr=_attr(obj.get("attr"), "document"),
        pos=_pos(obj.get("pos"), "document"),
    )


def _fail(where: str, problem: str) -> ParseError:
    return ParseError(f"malformed docconv JSON at {where}: {problem}; "
                      "give JSON as written by `docconv -t json`")


def _meta(obj: Any) -> Meta:
    if not isinstance(obj, dict):
        raise _fail("meta", "expected an object")
    known = {f.name for f in fields(Meta)}
    values: dict[str, Any] = {}
    for key, value in obj.items():
        if key not in known:
            raise _fail("meta", f"unknown field {key!r}")
        if key == "extra":
            if not (isinstance(value, list) and all(
                    isinstance(kv, list) and len(kv) == 2 and all(isinstance(x, str) for x in kv)
                    for kv in value)):
                raise _fail("meta.extra", "expected a list of [key, value] string pairs")
            values[key] = tuple((k, v) for k, v in value)
        elif key in _META_FLOATS:
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise _fail(f"meta.{key}", "expected a number")
            values[key] = float(value)
        else:
            if not isinstance(value, str):
                raise _fail(f"meta.{key}", "expected a string")
            values[key] = value
    return Meta(**values)


def _children(value: Any, kind: str, where: str) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise _fail(where, "expected a list")
    out = []
    for i, item in enumerate(value):
        node = _node(item, f"{where}[{i}]")
        if not isinstance(node, _KIND_TYPES[kind]):
            raise _fail(f"{where}[{i}]", f"a {type(node).__name__} cannot stand among {kind}")
        out.append(node)
    return tuple(out)


def _node(obj: Any, where: str) -> Node:
    if not isinstance(obj, dict) or not isinstance(obj.get("t"), str):
        raise _fail(where, 'expected a node object with a "t" key')
    cls = _CLASSES.get(obj["t"])
    if cls is None:
        raise _fail(where, f"unknown node type {obj['t']!r}")
    child_fields = dict(CHILDREN[cls])
    names = {f.name for f in fields(cls)}
    unknown = set(obj) - names - {"t"}
    if unknown:
        raise _fail(where, f"unknown field(s) {', '.join(sorted(unknown))} for {cls.__name__}")
    values: dict[str, Any] = {}
    for name in names - {"attr", "pos"}:
        if name not in obj:
            continue
        value = obj[name]
        here = f"{where}.{name}"
        if name in child_fields:
            values[name] = _children(value, child_fields[name], here)
        elif name == "marker":
            values[name] = None if value is None else _marker(value, here)
        elif name == "scheme":
            values[name] = _scheme(value, here)
        else:
            expected = _SCALARS[name]
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                raise _fail(here, f"expected {getattr(expected, '__name__', expected)}")
            values[name] = value
    values["attr"] = _attr(obj.get("attr"), where)
    values["pos"] = _pos(obj.get("pos"), where)
    try:
        node: Node = cls(**values)
    except TypeError as exc:  # a required field is missing
        raise _fail(where, str(exc)) from exc
    return node


def _scheme(value: Any, where: str) -> Scheme:
    try:
        return Scheme(value)
    except ValueError as exc:
        known = ", ".join(s.value for s in Scheme)
        raise _fail(where, f"unknown numbering scheme {value!r} (known: {known})") from exc


def _marker(obj: Any, where: str) -> Marker:
    if not (isinstance(obj, dict) and set(obj) == {"scheme", "ordinal", "raw"}
            and isinstance(obj["ordinal"], int) and isinstance(obj["raw"], str)):
        raise _fail(where, "expected {scheme, ordinal, raw}")
    return Marker(scheme=_scheme(obj["scheme"], where), ordinal=obj["ordinal"], raw=obj["raw"])


def _attr(obj: Any, where: str) -> Attr:
    if obj is None:
        return NO_ATTR
    try:
        assert isinstance(obj, dict)
        attr = Attr(id=obj.get("id", ""), classes=tuple(obj.get("classes", ())),
                    kv=tuple((k, v) for k, v in obj.get("kv", ())))
        assert isinstance(attr.id, str)
        assert all(isinstance(c, str) for c in attr.classes)
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in attr.kv)
    except (AssertionError, TypeError, ValueError) as exc:
        raise _fail(f"{where}.attr", "expected {id, classes, kv} of strings") from exc
    return attr


def _pos(obj: Any, where: str) -> Pos | None:
    if obj is None:
        return None
    if not isinstance(obj, dict) or set(obj) - {"line", "page", "offset", "paragraph"} or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in obj.values()):
        raise _fail(f"{where}.pos", "expected {line, page, offset, paragraph} integers")
    return Pos(**obj)

