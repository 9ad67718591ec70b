"""Plain text → AST.

Produces `Para` nodes only (with `SoftBreak` where a hard-wrapped paragraph was joined); structure such
as headings comes later from the structure stage. No cleaning happens here.

Scraped text arrives in three layouts, decided once per document and reported as a diagnostic:

- `line`: one paragraph per line (blank lines optional);
- `blank`: paragraphs separated by blank lines, hard-wrapped inside;
- `indent`: a first-line indent (U+3000 or spaces) opens each paragraph, hard-wrapped inside.

A first-line indent is a paragraph signal, never content.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from docconv.ast import Document, Inline, Para, Pos, SoftBreak, Text
from docconv.clean.chars import display_width
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.structure.lines import MIN_WRAP_WIDTH, hard_wrap
from docconv.structure.numbering import match_marker

# Characters that end a sentence or a clause a line may legitimately end with.
_LINE_FINAL = frozenset("。！？!?；;：:…”’」』）)】》>\"'.")
_INDENT = re.compile(r"^[ \t\u3000\u00a0]+")
@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    offset: int
    text: str
    indented: bool


def read_txt(source: str, options: Options, log: DiagnosticLog) -> Document:
    """Split plain text into paragraphs, choosing the document's layout from its lines."""
    del options  # the txt reader has no options yet
    lines = _lines(source)
    mode, wrap_breaks, breaks, wrap_width = _decide_mode(lines)
    groups = _group(lines, mode, wrap_width)
    blocks = tuple(_para(group) for group in groups)
    log.report(
        "txt.paragraph-mode",
        f"paragraph layout '{mode}': {len(blocks)} paragraphs from {sum(1 for ln in lines if ln.text)} "
        f"non-blank lines ({wrap_breaks} of {breaks} breaks into unindented lines look like hard wraps)",
    )
    return Document(blocks=blocks)


def _lines(source: str) -> list[_Line]:
    out: list[_Line] = []
    offset = 0
    for number, raw in enumerate(source.splitlines(keepends=True), start=1):
        body = raw.rstrip("\r\n")
        indent = _INDENT.match(body)
        stripped = body.strip()
        out.append(_Line(number, offset + (indent.end() if indent else 0), stripped,
                         indented=bool(indent) and bool(stripped)))
        offset += len(raw)
    return out


def _decide_mode(lines: list[_Line]) -> tuple[str, int, int, int]:
    """Pick the layout: hard wraps inside blocks mean `blank`/`indent`, anything else means `line`.

    Also returns the width the text is wrapped at (the 90th percentile of line widths).
    """
    texts = [ln for ln in lines if ln.text]
    if not texts:
        return "line", 0, 0, 0
    width = [display_width(ln.text) for ln in lines]  # measured once per line
    widths = sorted(w for ln, w in zip(lines, width, strict=True) if ln.text)
    wrap_width = widths[int(0.9 * (len(widths) - 1))]
    # Only breaks into a non-indented line are evidence: an indented next line opens a paragraph in
    # every layout.
    breaks = 0
    wrap_like = 0
    for k, (prev, nxt) in enumerate(itertools.pairwise(lines)):
        if not prev.text or not nxt.text or nxt.indented:
            continue
        breaks += 1
        if (prev.text[-1] not in _LINE_FINAL
                and match_marker(nxt.text) is None  # a numbered line opens a new item
                and width[k] >= max(0.6 * wrap_width, MIN_WRAP_WIDTH)):
            wrap_like += 1
    if breaks == 0 or wrap_like < 0.6 * breaks:
        return "line", wrap_like, breaks, wrap_width
    indented = sum(1 for ln in texts if ln.indented)
    return ("indent" if indented >= 2 else "blank"), wrap_like, breaks, wrap_width


def _group(lines: list[_Line], mode: str, wrap_width: int) -> list[list[_Line]]:
    groups: list[list[_Line]] = []
    current: list[_Line] = []
    for ln in lines:
        if not ln.text:
            if current:
                groups.append(current)
            current = []
            continue
        if current and (mode == "line" or (mode == "indent" and ln.indented)
                        or not hard_wrap(current[-1].text, ln.text, wrap_width)):
            groups.append(current)
            current = []
        current.append(ln)
    if current:
        groups.append(current)
    return groups


def _para(group: list[_Line]) -> Para:
    content: list[Inline] = []
    for i, ln in enumerate(group):
        if i:
            content.append(SoftBreak())
        content.append(Text(text=ln.text))
    return Para(content=tuple(content), pos=Pos(line=group[0].number, offset=group[0].offset))
