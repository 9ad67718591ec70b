"""AST → CommonMark (with GFM pipe tables and footnotes).

Guarantees, each checked by tests that re-parse the output with markdown-it-py:

- the output parses back to the same block structure (headings and their levels, paragraphs, lists with
  their start numbers, tables, quotes, code, rules);
- ASCII characters that would start Markdown syntax are escaped where, and only where, they would;
  CJK punctuation is never escaped;
- paragraphs are one line (no hard wraps); a soft break between two CJK characters becomes nothing and a
  space elsewhere, so no space is ever inserted between CJK characters;
- headings are ATX; a heading or item numbered with a Chinese marker (`一、`, `(一)`, `①`) keeps it as
  text, since CommonMark lists only know `1.` and `1)`;
- tables are pipe tables, or HTML when a cell spans or holds more than one paragraph; a pipe table needs
  a header row, so a table without one prints its first row there (never an empty header row).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field, fields
from typing import assert_never

from docconv.ast import (
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
    Inline,
    LineBreak,
    Link,
    List,
    ListItem,
    Marker,
    Meta,
    Note,
    Para,
    SoftBreak,
    Strong,
    Table,
    TableCell,
    Text,
    plain_text,
)
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.structure.articles import ARTICLE_CLASS
from docconv.writers.inlinetext import join_soft_lines, soft_break, space_after_marker
from docconv.writers.prepare import finish_text, prepare
from docconv.writers.toc import toc_entries

_ASCII_PUNCT = r"""!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~"""
# Every branch opens with a literal character, so the regex engine skips to the next of them instead of
# trying each branch at every position (a `~` preceded by one is found from the `~` itself).
_INLINE_SPECIAL = re.compile(
    r"`|\*|\[|\]|_"
    r"|\\(?=[" + _ASCII_PUNCT + r"]|$)"
    r"|<(?=[A-Za-z/!?])"
    r"|&(?=(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|~(?=~)|~(?<=~~)"
)
_LINE_START = re.compile(
    r"^(?:"
    r"(?P<hash>#{1,6})(?=[ \t]|$)"
    r"|(?P<quote>>)"
    r"|(?P<bullet>[-+])(?=[ \t]|$)"
    r"|(?P<num>\d{1,9})(?P<delim>[.)])(?=[ \t]|$)"
    r"|(?P<rule>-)(?=(?:[ \t]*-){2,}[ \t]*$)"
    r")"
)
_SETEXT = re.compile(r"^(?P<rule>=)(?==*[ \t]*$)")
_ARABIC_MARKER = re.compile(r"^\d{1,9}([.)])$")


def write_markdown(doc: Document, options: Options, log: DiagnosticLog | None = None) -> str:
    """Render a document as CommonMark; `options.standalone` adds YAML front matter from Meta, and with
    `options.toc` a table of contents after it (see writers/toc.py for the link targets)."""
    doc = prepare(doc, options, log)
    strip = options.numbering == "strip"
    writer = _Writer(strip_markers=strip)
    flat = _flatten(doc.blocks)
    body = writer.blocks(flat)
    parts = [front_matter(doc.meta)] if options.standalone else []
    if options.standalone and options.toc:
        contents = table_of_contents(doc.blocks, depth=options.toc_depth, strip_markers=strip)
        if contents:
            parts.append(contents)
            if flat and isinstance(flat[0], List):
                parts.append("<!-- -->")  # the body's first list would continue the contents list
    if body:
        parts.append(body)
    if writer.notes:
        parts.append(writer.note_definitions())
    text = "\n\n".join(p for p in parts if p) + "\n" if parts else ""
    return finish_text(text, options)


def table_of_contents(blocks: tuple[Block, ...], *, depth: int, strip_markers: bool) -> str:
    """The `--toc` list: one link per heading down to `depth`, nested by level ("" when there is none)."""
    return "\n".join(f"{'  ' * nest}- [{_escape_inline(text)}]({_destination('#' + ident, '')})"
                     for nest, text, ident in toc_entries(blocks, depth=depth, strip_markers=strip_markers))


def front_matter(meta: Meta) -> str:
    """YAML front matter for the non-empty Meta fields (strings in JSON quoting, which YAML reads)."""
    lines = ["---"]
    for f in fields(meta):
        value = getattr(meta, f.name)
        if value is None or value == ():
            continue
        if f.name == "extra":
            lines.append("extra:")
            lines.extend(f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                         for k, v in value)
        else:
            lines.append(f"{f.name}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines)


def _flatten(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Divs have no CommonMark form: their blocks stand in their place. An article that follows other
    blocks is set off by a thematic break, so its title does not read as one more section."""
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Div):
            if out and ARTICLE_CLASS in b.attr.classes and not isinstance(out[-1], HorizontalRule):
                out.append(HorizontalRule())
            out.extend(_flatten(b.blocks))
        else:
            out.append(b)
    return tuple(out)



def _is_space(c: str | None) -> bool:
    return c is None or c.isspace()


def _is_punct(c: str | None) -> bool:
    return c is not None and unicodedata.category(c)[0] in "PS"


def marker_text(marker: Marker) -> str:
    """How a heading or item marker is printed (the source's own form)."""
    return marker.raw


@dataclass
class _Writer:
    strip_markers: bool = False
    notes: list[str] = field(default_factory=list)

    def marker(self, marker: Marker | None, following: str = "") -> str:
        if marker is None or self.strip_markers:
            return ""
        text = marker_text(marker)
        return text + " " if space_after_marker(text, following) else text

    # ------------------------------------------------------------------------------------------ blocks

    def blocks(self, blocks: tuple[Block, ...]) -> str:
        out: list[str] = []
        prev: Block | None = None
        for b in _flatten(blocks):
            if isinstance(prev, List) and isinstance(b, List | CodeBlock):
                # Two lists in a row would merge into one; an indented block would join the last item.
                out.append("<!-- -->")
            out.append(self.block(b))
            prev = b
        return "\n\n".join(s for s in out if s)

    def block(self, b: Block) -> str:
        match b:
            case Para(content=content):
                return self.paragraph(content)
            case Heading():
                return self.heading(b)
            case List():
                return self.list(b)
            case BlockQuote(blocks=blocks):
                inner = self.blocks(blocks)
                return "\n".join(f"> {ln}" if ln else ">" for ln in inner.split("\n")) if inner else ">"
            case CodeBlock(text=text, attr=attr):
                runs = [len(m) for m in re.findall(r"`+", text)]
                fence = "`" * max(3, max(runs, default=0) + 1)
                info = attr.classes[0] if attr.classes else ""
                return f"{fence}{info}\n{text}\n{fence}" if text else f"{fence}{info}\n{fence}"
            case HorizontalRule():
                return "---"
            case Table():
                return self.table(b)
            case Div(blocks=blocks):
                return self.blocks(blocks)
            case _:
                assert_never(b)

    def paragraph(self, content: tuple[Inline, ...]) -> str:
        text = self.inlines(content).strip(" \t")
        lines = text.split("\n")
        fixed = [_escape_line_start(lines[0])]
        fixed.extend(_escape_line_start(ln.lstrip(" \t"), continuation=True) for ln in lines[1:])
        return "\n".join(fixed)

    def heading(self, h: Heading) -> str:
        prefix = self.marker(h.marker, plain_text(h.content))
        text = (_escape_inline(prefix) + self.inlines(h.content, one_line=True)).strip()
        if text.endswith("#"):
            # A trailing run of '#' would be read as the closing sequence.
            text = text[:-1] + "\\#"
        # Levels above 6 print as 6: pandoc would print seven `#`, which CommonMark reads as a paragraph.
        return "#" * min(max(h.level, 1), 6) + (" " + text if text else "")

    def list(self, lst: List) -> str:
        native = lst.ordered and all(
            it.marker is None or _ARABIC_MARKER.match(it.marker.raw.strip()) for it in lst.items)
        delim = "."
        if native:
            first = next((it.marker for it in lst.items if it.marker), None)
            if first is not None:
                found = _ARABIC_MARKER.match(first.raw.strip())
                delim = found.group(1) if found else "."
        loose = any(len(it.blocks) > 1 for it in lst.items)
        rendered = []
        for i, it in enumerate(lst.items):
            bullet = f"{lst.start + i}{delim}" if native else "-"
            rendered.append(self.item(it, bullet, keep_marker=not native))
        return ("\n\n" if loose else "\n").join(rendered)

    def item(self, it: ListItem, bullet: str, *, keep_marker: bool) -> str:
        blocks = it.blocks
        first_text = plain_text(it.blocks[0].content) if it.blocks and isinstance(it.blocks[0], Para) else ""
        if keep_marker and self.marker(it.marker, first_text):
            text = Text(text=self.marker(it.marker, first_text))
            match blocks:
                case (Para(content=content) as first, *rest):
                    blocks = (Para(content=(text, *content), attr=first.attr, pos=first.pos), *rest)
                case _:
                    blocks = (Para(content=(text,)), *blocks)
        body = self.blocks(blocks)
        if not body:
            return bullet
        pad = " " * (len(bullet) + 1)
        lines = body.split("\n")
        return "\n".join([f"{bullet} {lines[0]}", *((pad + ln) if ln else "" for ln in lines[1:])])

    def table(self, t: Table) -> str:
        simple = (
            len(t.head) <= 1
            and all(c.rowspan == 1 and c.colspan == 1 and _single_line_cell(c)
                    for r in (*t.head, *t.rows) for c in r.cells)
        )
        if not simple:
            return self.html_table(t)
        width = max((len(r.cells) for r in (*t.head, *t.rows)), default=0)
        if width == 0:
            return ""
        # A pipe table must open with a header row. A table without one prints its first row there: an
        # empty header row above the text would be a row that is not in the document.
        first, *rest = (*t.head, *t.rows)
        lines = [_pipe_row([self.cell_text(c) for c in first.cells], width),
                 "| " + " | ".join(["---"] * width) + " |"]
        lines.extend(_pipe_row([self.cell_text(c) for c in r.cells], width) for r in rest)
        out = "\n".join(lines)
        if t.caption:
            out += "\n\n" + self.paragraph(t.caption)
        return out

    def cell_text(self, c: TableCell) -> str:
        if not c.blocks:
            return ""
        first = c.blocks[0]
        assert isinstance(first, Para | Heading)  # guaranteed by _single_line_cell
        return self.inlines(first.content, one_line=True).strip().replace("|", "\\|")

    def html_table(self, t: Table) -> str:
        # Each cell's Markdown sits between blank lines, so CommonMark parses it as Markdown inside the
        # HTML block structure instead of as raw HTML.
        out = ["<table>"]
        if t.caption:
            out.append(f"<caption>\n\n{self.paragraph(t.caption)}\n\n</caption>")
        for section, rows, tag in (("thead", t.head, "th"), ("tbody", t.rows, "td")):
            if not rows:
                continue
            out.append(f"<{section}>")
            for r in rows:
                out.append("<tr>")
                out.extend(self.html_cell(c, tag) for c in r.cells)
                out.append("</tr>")
            out.append(f"</{section}>")
        out.append("</table>")
        return "\n".join(out)

    def html_cell(self, c: TableCell, tag: str) -> str:
        spans = "".join(f' {name}="{n}"' for name, n in (("rowspan", c.rowspan), ("colspan", c.colspan))
                        if n != 1)
        body = self.blocks(c.blocks)
        return f"<{tag}{spans}>\n\n{body}\n\n</{tag}>" if body else f"<{tag}{spans}></{tag}>"

    # ----------------------------------------------------------------------------------------- inlines

    def inlines(self, content: tuple[Inline, ...], *, one_line: bool = False) -> str:
        parts: list[str] = []
        for i, node in enumerate(content):
            match node:
                case Text(text=t):
                    parts.append(_text(t))
                case SoftBreak():
                    parts.append(soft_break(_char_before(content, i), _char_after(content, i)))
                case LineBreak():
                    parts.append(" " if one_line else "\\\n")
                case Emph(content=inner) | Strong(content=inner):
                    parts.append(self.emphasis(node, inner, content, i, one_line=one_line))
                case Code(text=t):
                    parts.append(_code_span(t))
                case Link(content=inner, target=target, title=title):
                    parts.append(f"[{self.inlines(inner, one_line=True)}]({_destination(target, title)})")
                case Image(alt=alt, src=src, title=title):
                    parts.append(f"![{self.inlines(alt, one_line=True)}]({_destination(src, title)})")
                case Note(blocks=blocks):
                    self.notes.append(self.blocks(blocks))
                    parts.append(f"[^{len(self.notes)}]")
                case _:
                    assert_never(node)
        return "".join(parts)

    def emphasis(self, node: Emph | Strong, inner: tuple[Inline, ...], siblings: tuple[Inline, ...],
                 i: int, *, one_line: bool) -> str:
        body = self.inlines(inner, one_line=one_line)
        if not body:
            return ""
        delim, tag = ("*", "em") if isinstance(node, Emph) else ("**", "strong")
        before, after = _char_before(siblings, i), _char_after(siblings, i)
        first, last = body[0], body[-1]
        opens = not _is_space(first) and (not _is_punct(first) or _is_space(before) or _is_punct(before))
        closes = not _is_space(last) and (not _is_punct(last) or _is_space(after) or _is_punct(after))
        if opens and closes and first != "*" and last != "*":
            return f"{delim}{body}{delim}"
        # CommonMark's flanking rules reject the delimiters here (typically CJK punctuation next to
        # a CJK letter): inline HTML says the same thing and always parses.
        return f"<{tag}>{body}</{tag}>"

    def note_definitions(self) -> str:
        out = []
        for n, body in enumerate(self.notes, start=1):
            lines = body.split("\n") if body else [""]
            out.append("\n".join([f"[^{n}]: {lines[0]}", *(("    " + ln) if ln else "" for ln in lines[1:])]))
        return "\n\n".join(out)


# ---------------------------------------------------------------------------------------------- helpers


def _text(t: str) -> str:
    return _escape_inline(join_soft_lines(t))


def _escape_inline(t: str) -> str:
    def repl(m: re.Match[str]) -> str:
        c = m.group(0)
        if c == "_":
            s = m.string
            before = s[m.start() - 1] if m.start() > 0 else ""
            after = s[m.end()] if m.end() < len(s) else ""
            if before.isalnum() and after.isalnum():
                return c  # intraword underscore can neither open nor close emphasis
        return "\\" + c

    return _INLINE_SPECIAL.sub(repl, t)


def _escape_line_start(line: str, *, continuation: bool = False) -> str:
    m = _LINE_START.match(line)
    if m:
        if m.group("num") is not None:
            return m.group("num") + "\\" + line[m.end("num"):]
        return "\\" + line
    if continuation and _SETEXT.match(line):
        return "\\" + line
    return line


def _first_char(node: Inline) -> str | None:
    match node:
        case Text(text=t) | Code(text=t):
            return t[:1] or None
        case Emph(content=c) | Strong(content=c) | Link(content=c):
            return _first_char(c[0]) if c else None
        case Image():
            return "!"
        case SoftBreak() | LineBreak():
            return " "
        case Note():
            return "["
        case _:
            assert_never(node)


def _last_char(node: Inline) -> str | None:
    match node:
        case Text(text=t) | Code(text=t):
            return t[-1:] or None
        case Emph(content=c) | Strong(content=c) | Link(content=c):
            return _last_char(c[-1]) if c else None
        case Image() | Note():
            return ")" if isinstance(node, Image) else "]"
        case SoftBreak() | LineBreak():
            return " "
        case _:
            assert_never(node)


def _char_before(content: tuple[Inline, ...], i: int) -> str | None:
    return _last_char(content[i - 1]) if i > 0 else None


def _char_after(content: tuple[Inline, ...], i: int) -> str | None:
    return _first_char(content[i + 1]) if i + 1 < len(content) else None




def _code_span(t: str) -> str:
    t = t.replace("\n", " ")
    runs = {len(m) for m in re.findall(r"`+", t)}
    n = 1
    while n in runs:
        n += 1
    ticks = "`" * n
    pad = " " if t and (t[0] == "`" or t[-1] == "`" or (t[0] == " " and t[-1] == " " and t.strip())) else ""
    return f"{ticks}{pad}{t}{pad}{ticks}"


def _destination(url: str, title: str) -> str:
    if not url or re.search(r"[\s<>]", url) or url.count("(") != url.count(")"):
        dest = "<" + url.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>") + ">"
    else:
        dest = url
    if title:
        dest += ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return dest


def _single_line_cell(c: TableCell) -> bool:
    if not c.blocks:
        return True
    if len(c.blocks) > 1 or not isinstance(c.blocks[0], Para):
        return False
    return not any(isinstance(n, LineBreak | Note) for n in c.blocks[0].content)


def _pipe_row(cells: list[str], width: int) -> str:
    padded = cells + [""] * (width - len(cells))
    return "| " + " | ".join(padded) + " |"

