"""Inline content of one HTML block: collected as it streams by, whitespace collapsed, split at `<br>`.

A `Collector` receives text, inline leaves, `<br>`s and open/close events of formatting elements
(strong, em, a, code) and turns them into lines of inlines. When a block boundary comes, `paragraphs`
decides which `<br>`-separated lines are paragraphs of their own.

Whitespace is collapsed as a browser does, except that a line break of the HTML source between two CJK
characters disappears instead of becoming a space (CSS Text 3 segment-break rule): source files wrap
Chinese text anywhere, and a space inside a Chinese sentence is damage. `&nbsp;` and the typographic
spaces (`&ensp;`, `&emsp;`) count as ordinary spaces, and a leading indent (U+3000, `&nbsp;&nbsp;`) is
layout, not content.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from docconv.ast import (
    Code,
    Emph,
    Image,
    Inline,
    LineBreak,
    Link,
    Note,
    SoftBreak,
    Strong,
    Text,
    plain_text,
)
from docconv.clean.chars import CJK, LINE_FINAL, display_width
from docconv.structure.lines import MIN_WRAP_WIDTH
from docconv.structure.numbering import match_marker

Factory = Callable[[tuple[Inline, ...]], Inline | None]
"""Builds the inline a formatting element stands for from its content; None drops an empty one."""

_SPACES = " \t\n\r\f\u00a0\u2002\u2003\u2009"
_RUNS = re.compile(f"[{_SPACES}]+|[^{_SPACES}]+")
_BREAK_CHARS = frozenset("\n\r\f")
_INDENT_CHARS = frozenset("\u3000\u00a0\u2002\u2003")
_EDGE = _SPACES + "\u3000"
_CJK_RE = re.compile(CJK)
# Characters a paragraph-like line may end with; a line ending otherwise stops mid-sentence.
_WRAP_SHARE = 0.6
MAX_FRAMES = 8
"""Formatting elements nested deeper than this are read as plain text (bounds recursion)."""


def _wide(c: str) -> bool:
    return bool(_CJK_RE.match(c)) or unicodedata.east_asian_width(c) in ("W", "F")


@dataclass(slots=True)
class _Frame:
    kind: str
    factory: Factory
    children: list[Inline] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Line:
    """One `<br>`-delimited line of a block, whitespace already collapsed."""

    content: tuple[Inline, ...]
    """Its inlines, leading indent and trailing space removed."""
    breaks: int
    """How many `<br>` stood before it (0 for the block's first line)."""
    indented: bool
    """The source opened it with an indent (U+3000, `&nbsp;`, `&emsp;`)."""
    line: int | None
    """Source line where it starts."""

    @property
    def text(self) -> str:
        """Its plain text."""
        return plain_text(self.content)


class _Collapser:
    """Whitespace state carried across the inlines of one line."""

    def __init__(self) -> None:
        self.last: str | None = None  # last character emitted; None at the start of the line
        self.pending: str | None = None  # None, "space" or "break"

    def feed(self, text: str) -> str:
        out: list[str] = []
        for m in _RUNS.finditer(text):
            run = m.group()
            if run[0] in _SPACES:
                if self.pending != "break":
                    self.pending = "break" if any(c in _BREAK_CHARS for c in run) else "space"
                continue
            out.append(self._separator(run[0]))
            out.append(run)
            self.last = run[-1]
        return "".join(out)

    def _separator(self, nxt: str) -> str:
        pending, self.pending = self.pending, None
        if pending is None or self.last is None:
            return ""
        if pending == "break" and _wide(self.last) and _wide(nxt):
            return ""
        return " "

    def atom(self) -> str:
        """The separator before a non-text inline (image, code), which then counts as a Latin word."""
        sep = self._separator("x")
        self.last = "x"
        return sep


def _collapse(content: tuple[Inline, ...], state: _Collapser) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in content:
        match node:
            case Text(text=t):
                s = state.feed(t)
                if s:
                    out.append(replace(node, text=s))
            case Strong(content=c) | Emph(content=c) | Link(content=c):
                # A space at the edge of a link or bold run (`| <a> 工作总结</a>`) is a space between
                # words, not part of the label: it goes outside, where Markdown can print it.
                lead, inner, trail = _hoist_spaces(_collapse(c, state))
                out.extend(Text(text=" ") for _ in range(lead))
                if inner:
                    out.append(replace(node, content=inner))
                out.extend(Text(text=" ") for _ in range(trail))
            case Image() | Code() | Note():
                if sep := state.atom():
                    out.append(Text(text=sep))
                out.append(node)
            case SoftBreak() | LineBreak():
                out.append(node)
    return tuple(out)


def _hoist_spaces(content: tuple[Inline, ...]) -> tuple[int, tuple[Inline, ...], int]:
    """The content without a space at its start and end, and whether each was there (0 or 1)."""
    items = list(content)
    lead = trail = 0
    if items and isinstance(items[0], Text) and items[0].text.startswith(" "):
        lead = 1
        items[0] = replace(items[0], text=items[0].text[1:])
    if items and isinstance(items[-1], Text) and items[-1].text.endswith(" "):
        trail = 1
        items[-1] = replace(items[-1], text=items[-1].text[:-1])
    return lead, tuple(i for i in items if not (isinstance(i, Text) and not i.text)), trail


def _strip_edge(content: tuple[Inline, ...], *, end: bool) -> tuple[Inline, ...]:
    """Remove the indent (or trailing space) at one end of a line, looking into formatting."""
    items = list(reversed(content)) if end else list(content)
    while items:
        first = items[0]
        if isinstance(first, Text):
            t = first.text.rstrip(_EDGE) if end else first.text.lstrip(_EDGE)
            if t:
                items[0] = replace(first, text=t)
                break
            items.pop(0)
        elif isinstance(first, Strong | Emph | Link):
            inner = _strip_edge(first.content, end=end)
            if inner:
                items[0] = replace(first, content=inner)
                break
            items.pop(0)
        else:
            break
    return tuple(reversed(items)) if end else tuple(items)


def _first_raw(content: list[Inline]) -> str:
    """The first characters of a line as the source had them (to see its indent)."""
    for node in content:
        if isinstance(node, Text):
            if node.text.strip(" \t\n\r\f"):
                return node.text.lstrip(" \t\n\r\f")
            if any(c in _INDENT_CHARS for c in node.text):
                return node.text.lstrip(" \t\n\r\f")
        elif isinstance(node, Strong | Emph | Link):
            raw = _first_raw(list(node.content))
            if raw:
                return raw
        else:
            return "x"
    return ""


class Collector:
    """Streams the inline content of one block and hands out finished lines."""

    def __init__(self) -> None:
        self._frames: list[_Frame] = [_Frame("", lambda c: None)]
        self._lines: list[Line] = []
        self._breaks = 0
        self._line: int | None = None
        self._region: str | None = None
        self._region_set = False

    # ------------------------------------------------------------------------------------- feeding

    def has_frame(self, kind: str) -> bool:
        """Whether a formatting element of this kind is open (nested repeats add nothing)."""
        return any(f.kind == kind for f in self._frames)

    def can_open(self, kind: str) -> bool:
        """Whether a formatting element of `kind` gets its own frame."""
        return not self.has_frame(kind) and len(self._frames) <= MAX_FRAMES

    def open(self, kind: str, factory: Factory) -> None:
        """Start a formatting element."""
        self._frames.append(_Frame(kind, factory))

    def close(self, kind: str) -> None:
        """End the innermost formatting element of `kind` (and any left open inside it)."""
        while len(self._frames) > 1:
            frame = self._frames.pop()
            node = frame.factory(tuple(frame.children))
            if node is not None:
                self._frames[-1].children.append(node)
            if frame.kind == kind:
                return

    def text(self, s: str, line: int | None, region: str | None) -> None:
        """Add source text (whitespace is collapsed when the line is finished)."""
        if s:
            self._start(line, region, content=bool(s.strip(_SPACES)))
            self._frames[-1].children.append(Text(text=s))

    def inline(self, node: Inline, line: int | None, region: str | None) -> None:
        """Add a finished inline (an image, inline code)."""
        self._start(line, region, content=True)
        self._frames[-1].children.append(node)

    def br(self, line: int | None) -> None:
        """A `<br>`: end the current line."""
        self._finish_line()
        self._breaks += 1
        if line is not None:
            self._line = line

    def _start(self, line: int | None, region: str | None, *, content: bool) -> None:
        if not content:
            return
        if self._line is None:
            self._line = line
        if not self._region_set:
            self._region, self._region_set = region, True

    def _empty(self) -> bool:
        return not any(f.children for f in self._frames)

    def empty(self) -> bool:
        """Nothing collected since the last flush."""
        return not self._lines and self._empty()

    # ------------------------------------------------------------------------------------- finishing

    def _close_all(self) -> list[Inline]:
        """The current line's inlines, with every open frame closed; the frames stay open, emptied."""
        carried: list[Inline] = []
        for frame in reversed(self._frames[1:]):
            content = tuple(frame.children) + tuple(carried)
            node = frame.factory(content)
            carried = [node] if node is not None else []
            frame.children = []
        out = self._frames[0].children + carried
        self._frames[0].children = []
        return out

    def _finish_line(self) -> None:
        raw = self._close_all()
        content = merge_texts(_collapse(tuple(raw), _Collapser()))
        content = _strip_edge(_strip_edge(content, end=False), end=True)
        if not content or (not plain_text(content).strip() and not _has_atom(content)):
            return  # an empty line: the `<br>`s around it add up
        first = _first_raw(raw)
        self._lines.append(Line(content, self._breaks if self._lines else 0,
                                bool(first) and first[0] in _INDENT_CHARS, self._line))
        self._breaks = 0
        self._line = None

    def take(self) -> tuple[list[Line], str | None]:
        """The block's lines and region; the collector is empty afterwards (open frames stay open)."""
        self._finish_line()
        lines, region = self._lines, self._region
        self._lines, self._breaks, self._line = [], 0, None
        self._region, self._region_set = None, False
        return lines, region


def _has_atom(content: tuple[Inline, ...]) -> bool:
    for node in content:
        if isinstance(node, Image | Code):
            return True
        if isinstance(node, Strong | Emph | Link) and _has_atom(node.content):
            return True
    return False


# ------------------------------------------------------------------------------------ the br decision


@dataclass(frozen=True, slots=True)
class Grouping:
    """How the `<br>`-separated lines of one block were grouped into paragraphs."""

    paragraphs: list[list[Line]]
    """Each paragraph's lines."""
    single_breaks: int
    """Single `<br>` breaks between lines."""
    wrap_like: int
    """Of those, how many looked like hard wraps inside a sentence."""
    wrapped: bool
    """The block was read as hard-wrapped text (its wrap-like breaks joined)."""


def _wrap_like(prev: Line, nxt: Line, wide: int) -> bool:
    text = prev.text
    # A line with no text (an image alone before its caption) is never a wrapped line.
    return (text != "" and not nxt.indented and text[-1] not in LINE_FINAL
            and match_marker(nxt.text) is None
            and display_width(text) >= max(_WRAP_SHARE * wide, MIN_WRAP_WIDTH))


def group_lines(lines: list[Line]) -> Grouping:
    """Group a block's lines into paragraphs.

    Two or more `<br>` in a row always end a paragraph. A single `<br>` does too (scraped pages put
    one paragraph per line), unless most single breaks of the block fall mid-sentence after long lines:
    then the block is hard-wrapped text, and those breaks are joined.
    """
    if len(lines) < 2:
        return Grouping([lines] if lines else [], 0, 0, wrapped=False)
    wide = max(display_width(ln.text) for ln in lines)
    singles = [i for i in range(1, len(lines)) if lines[i].breaks == 1]
    wraps = {i for i in singles if _wrap_like(lines[i - 1], lines[i], wide)}
    wrapped = bool(wraps) and len(wraps) >= _WRAP_SHARE * len(singles)
    groups: list[list[Line]] = [[lines[0]]]
    for i in range(1, len(lines)):
        if wrapped and i in wraps:
            groups[-1].append(lines[i])
        else:
            groups.append([lines[i]])
    return Grouping(groups, len(singles), len(wraps), wrapped)


def join_wrapped(lines: list[Line]) -> tuple[Inline, ...]:
    """The inlines of hard-wrapped lines as one paragraph, a SoftBreak at each wrap."""
    out: list[Inline] = []
    for i, ln in enumerate(lines):
        if i:
            out.append(SoftBreak())
        out.extend(ln.content)
    return tuple(out)


def heading_content(lines: list[Line]) -> tuple[Inline, ...]:
    """A heading's lines as one line: a `<br>` inside a heading reads as a space, none between CJK."""
    out: list[Inline] = []
    for i, ln in enumerate(lines):
        if i and out:
            before, after = plain_text(tuple(out))[-1:], ln.text[:1]
            if not (before and after and _wide(before) and _wide(after)):
                out.append(Text(text=" "))
        out.extend(ln.content)
    return merge_texts(tuple(out))


def merge_texts(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Adjacent runs of the same kind joined: Text with Text (CJK text stays one string), and bold with
    bold, italic with italic (Word-exported pages split one bold phrase into many runs)."""
    out: list[Inline] = []
    for node in content:
        prev = out[-1] if out else None
        if isinstance(node, Text) and isinstance(prev, Text) and prev.attr == node.attr:
            out[-1] = replace(prev, text=prev.text + node.text)
        elif ((isinstance(node, Strong) and isinstance(prev, Strong))
              or (isinstance(node, Emph) and isinstance(prev, Emph))):
            out[-1] = replace(prev, content=merge_texts(prev.content + node.content))
        else:
            out.append(node)
    return tuple(out)
