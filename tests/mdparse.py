"""Re-parse Markdown with markdown-it-py and reduce it, and the AST, to comparable block shapes."""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from docconv import ast
from docconv.writers.inlinetext import soft_break

_MD = MarkdownIt("commonmark").enable("table").use(footnote_plugin)


def md_plain(token: Token) -> str:
    """Plain text of an inline token: text and code, soft breaks joined as the writer joins them."""
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak" or child.type == "hardbreak":
            out.append("\n")
    return "".join(out)


def md_shapes(markdown: str) -> list[Any]:
    """The block structure markdown-it sees: nested tuples of (kind, ...) per block."""
    stack: list[tuple[Token | None, list[Any]]] = [(None, [])]
    for tok in _MD.parse(markdown):
        if tok.nesting == 1:
            stack.append((tok, []))
        elif tok.nesting == -1:
            opener, children = stack.pop()
            assert opener is not None
            stack[-1][1].append(_shape(opener, children))
        elif tok.type == "inline":
            stack[-1][1].append(("inline", md_plain(tok)))
        elif tok.type in ("fence", "code_block"):
            stack[-1][1].append(("code", tok.content.removesuffix("\n")))
        elif tok.type == "hr":
            stack[-1][1].append(("hr",))
        elif tok.type == "html_block":
            stack[-1][1].append(("html",))
    return stack[0][1]


def _shape(opener: Token, children: list[Any]) -> Any:
    kind = opener.type.removesuffix("_open")
    text = next((c[1] for c in children if c[0] == "inline"), "")
    if kind == "paragraph":
        return ("p", text)
    if kind == "heading":
        return ("h", int(opener.tag[1]), text)
    if kind == "ordered_list":
        return ("ol", int(opener.attrGet("start") or 1), children)
    if kind == "bullet_list":
        return ("ul", children)
    if kind == "list_item":
        return ("li", children)
    if kind in ("th", "td"):
        return (kind, text)
    return (kind, children)


def ast_text(content: tuple[ast.Inline, ...]) -> str:
    """Plain text of AST inlines as the writer puts it on one line (soft breaks resolved)."""
    parts: list[str] = []
    flat = _flatten(content)
    for i, node in enumerate(flat):
        if isinstance(node, ast.SoftBreak):
            before = parts[-1][-1:] if parts and parts[-1] else None
            after = _first(flat[i + 1:])
            parts.append(soft_break(before or None, after))
        elif isinstance(node, ast.LineBreak):
            parts.append("\n")
        elif isinstance(node, ast.Text | ast.Code):
            parts.append(node.text)
    return re.sub(r"^[ \t]+|[ \t]+$", "", "".join(parts))


def _flatten(content: tuple[ast.Inline, ...]) -> list[ast.Inline]:
    out: list[ast.Inline] = []
    for node in content:
        if isinstance(node, ast.Emph | ast.Strong | ast.Link):
            out.extend(_flatten(node.content))
        elif isinstance(node, ast.Image):
            out.extend(_flatten(node.alt))
        else:
            out.append(node)
    return out


def _first(rest: list[ast.Inline]) -> str | None:
    for node in rest:
        if isinstance(node, ast.Text | ast.Code):
            return node.text[:1] or None
    return None
