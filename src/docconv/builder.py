"""Small constructors so readers and tests can build trees without keyword noise.

Strings are accepted wherever inlines are expected and become one `Text`.
"""

from __future__ import annotations

from collections.abc import Iterable

from docconv import ast
from docconv.ast import Attr, Block, Inline, Marker, Meta, Pos, Scheme

InlineLike = str | Inline | Iterable[Inline | str]


def inlines(content: InlineLike) -> tuple[Inline, ...]:
    """Normalise a string, an inline or a sequence of both into a tuple of inlines."""
    if isinstance(content, str):
        return (ast.Text(text=content),) if content else ()
    if isinstance(content, ast.INLINE_TYPES):
        return (content,)  # type: ignore[return-value]  # narrowed by the runtime isinstance above
    out: list[Inline] = []
    for item in content:  # type: ignore[union-attr]  # the remaining case is an iterable
        out.extend(inlines(item))
    return tuple(out)


def text(s: str, *, pos: Pos | None = None) -> ast.Text:
    """A `Text` node."""
    return ast.Text(text=s, pos=pos)


def para(content: InlineLike, *, pos: Pos | None = None, attr: Attr = ast.NO_ATTR) -> ast.Para:
    """A paragraph."""
    return ast.Para(content=inlines(content), pos=pos, attr=attr)


def heading(
    level: int, content: InlineLike, *, marker: Marker | None = None, pos: Pos | None = None
) -> ast.Heading:
    """A heading, optionally with its numbering marker."""
    return ast.Heading(level=level, content=inlines(content), marker=marker, pos=pos)


def marker(scheme: Scheme | str, ordinal: int, raw: str) -> Marker:
    """A numbering marker."""
    return Marker(scheme=Scheme(scheme), ordinal=ordinal, raw=raw)


def item(*blocks: Block | str, marker: Marker | None = None) -> ast.ListItem:
    """A list item; bare strings become paragraphs."""
    return ast.ListItem(blocks=tuple(para(b) if isinstance(b, str) else b for b in blocks), marker=marker)


def ordered(*items: ast.ListItem | str, start: int = 1, scheme: Scheme = Scheme.ARABIC) -> ast.List:
    """An ordered list."""
    return ast.List(items=_items(items), ordered=True, scheme=scheme, start=start)


def bullets(*items: ast.ListItem | str) -> ast.List:
    """An unordered list."""
    return ast.List(items=_items(items), ordered=False)


def _items(items: Iterable[ast.ListItem | str]) -> tuple[ast.ListItem, ...]:
    return tuple(item(i) if isinstance(i, str) else i for i in items)


def cell(*blocks: Block | str, rowspan: int = 1, colspan: int = 1) -> ast.TableCell:
    """A table cell; bare strings become paragraphs."""
    return ast.TableCell(
        blocks=tuple(para(b) if isinstance(b, str) else b for b in blocks), rowspan=rowspan, colspan=colspan
    )


def row(*cells: ast.TableCell | str) -> ast.TableRow:
    """A table row; bare strings become one-paragraph cells."""
    return ast.TableRow(cells=tuple(cell(c) if isinstance(c, str) else c for c in cells))


def document(*blocks: Block, meta: Meta | None = None) -> ast.Document:
    """A document."""
    return ast.Document(meta=meta or Meta(), blocks=tuple(blocks))
