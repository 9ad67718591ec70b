"""Body lines → paragraphs and headings, from geometry alone.

A paragraph starts at a first-line indent (or any line that starts clearly right of the left margin, such
as a centred one), after a vertical gap wider than the body's line spacing, after a line that ends short
of the right margin (the next line's first word would have fitted), and where the font size changes. A
paragraph runs across a page break when the last line of a page reaches the margin and the first line of
the next page opens no paragraph.

A block is a heading when it is one or two lines, short, not ending like a sentence, and set clearly
larger than the body or bold when the body is not. Levels come from the rank of its style among heading
styles (largest first). A heading that opens with a numbering marker (`一、`, `（一）`) keeps the marker as
text: the structure stage gives it the level its numbering means (structure/hints.py).
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from docconv.ast import Block, Heading, Para, Text
from docconv.diagnostics import Action, DiagnosticLog
from docconv.readers.pdf.layout import Line, PageLayout, PlacedBlock, join_lines
from docconv.structure.numbering import match_marker

_LARGER = 1.12
"""A heading's size is at least this multiple of the body size (12pt body → 13.5pt)."""
_HEADING_CHARS = 50
"""A longer block is body text set large, not a heading."""
_SENTENCE_END = tuple("。；;，,：:")
"""A heading does not end like a clause of running text."""
_INDENT_MIN = 1.0
"""Ems right of the left margin from which a line opens a paragraph."""
_GAP_EXTRA = 0.4
"""Ems of extra vertical space over the usual line pitch that separate paragraphs."""
_TITLE_CHARS = 60
_MAX_LEVEL = 6


@dataclass(frozen=True, slots=True)
class Metrics:
    """The body text's geometry over the document."""

    size: float
    """Body font size."""
    bold: bool
    """Whether the body itself is bold."""
    left: float
    """Left margin: where unindented body lines start."""
    right: float
    """Right margin: where full body lines end."""
    pitch: float
    """Usual baseline-to-baseline distance of body lines."""


@dataclass(slots=True)
class _Group:
    lines: list[Line] = field(default_factory=list)
    block: PlacedBlock | None = None


def metrics(lines: Sequence[Line]) -> Metrics:
    """Body size, margins and line pitch, from the lines that are not furniture."""
    weights: Counter[float] = Counter()
    for ln in lines:
        weights[ln.size] += len(ln.text)
    size = weights.most_common(1)[0][0]
    body = [ln for ln in lines if ln.size == size]
    bold = sum(len(ln.text) for ln in body if ln.bold) > 0.5 * sum(len(ln.text) for ln in body)
    need = max(2, int(0.05 * len(body)))
    lefts = Counter(round(ln.x0) for ln in body)
    rights = Counter(round(ln.x1) for ln in body)
    left = min((x for x, n in lefts.items() if n >= need), default=min(lefts))
    right = max((x for x, n in rights.items() if n >= need), default=max(rights))
    steps = [b.bottom - a.bottom for a, b in itertools.pairwise(body)
             if a.page == b.page and 0.8 * size <= b.bottom - a.bottom <= 3 * size]
    pitch = statistics.median(steps) if steps else 1.5 * size
    return Metrics(size=size, bold=bold, left=float(left), right=float(right), pitch=pitch)


def _style(ln: Line) -> tuple[float, bool]:
    return (ln.size, ln.bold)


def _short(prev: Line, nxt: Line, m: Metrics) -> bool:
    """Whether `prev` ends short of the margin: the first word of `nxt` (and a space) would have fitted."""
    return m.right - prev.x1 > nxt.first_width + 0.3 * nxt.size + 1.0


def _break_reason(prev: Line, nxt: Line, m: Metrics) -> str | None:
    """Why `nxt` opens a new block after `prev`, or None when it continues the paragraph."""
    if nxt.size != prev.size:
        return "size"
    if nxt.x0 - m.left >= _INDENT_MIN * nxt.size:
        return "indent"
    if prev.page == nxt.page and nxt.bottom - prev.bottom > m.pitch + _GAP_EXTRA * m.size:
        return "gap"
    if _short(prev, nxt, m):
        return "short"
    if _centred([prev], m):
        return "centred"  # a centred line long enough to pass for a full one
    return None


def group(pages: Sequence[PageLayout], drop: set[tuple[int, int]], m: Metrics,
          log: DiagnosticLog) -> list[_Group]:
    """Body lines and placed blocks grouped into paragraphs, in reading order."""
    groups: list[_Group] = []
    reasons: Counter[str] = Counter()
    prev: Line | None = None
    for page in pages:
        for item in page.items:
            if isinstance(item, PlacedBlock):
                groups.append(_Group(block=item))
                prev = None
                continue
            if (item.page, item.number) in drop:
                continue
            reason = "first" if prev is None else _break_reason(prev, item, m)
            if reason is None and prev is not None and prev.page != item.page:
                log.report("read.pdf.page-join", f"paragraph continues from page {prev.page}: its last "
                           "line reaches the right margin and the next page's first line is not indented",
                           text=prev.text[-20:] + "⏎" + item.text[:20], pos=item.pos)
            if reason is None:
                groups[-1].lines.append(item)
            else:
                reasons[reason] += 1
                groups.append(_Group(lines=[item]))
            prev = item
    shown = ", ".join(f"{k} {v}" for k, v in sorted(reasons.items()))
    log.report("read.pdf.paragraphs", f"{len(groups)} blocks from the body lines (opened by: {shown}); "
               f"body {m.size:g}pt, margins {m.left:.0f}–{m.right:.0f}pt, line pitch {m.pitch:.1f}pt")
    return groups


def _heading_style(lines: list[Line], m: Metrics) -> bool:
    if not lines or len(lines) > 2 or any(_style(ln) != _style(lines[0]) for ln in lines):
        return False
    text = join_lines([ln.text for ln in lines])
    if len(text) > _HEADING_CHARS or text.endswith(_SENTENCE_END):
        return False
    ln = lines[0]
    return ln.size >= _LARGER * m.size or (ln.bold and not m.bold and ln.size >= m.size)


def _centred(lines: list[Line], m: Metrics) -> bool:
    return all(ln.x0 - m.left >= ln.size and abs((ln.x0 - m.left) - (m.right - ln.x1)) <= 1.5 * ln.size
               for ln in lines)


def blocks(groups: list[_Group], m: Metrics, log: DiagnosticLog) -> tuple[tuple[Block, ...], str | None]:
    """The AST blocks of the grouped lines, and the title when page 1 opens with one."""
    first = next((i for i, g in enumerate(groups) if g.lines or g.block), None)
    title_at: int | None = None
    if first is not None:
        g = groups[first]
        lines = g.lines
        if (lines and lines[0].page == 1 and len(lines) <= 2 and _centred(lines, m)
                and len(join_lines([ln.text for ln in lines])) <= _TITLE_CHARS
                and not join_lines([ln.text for ln in lines]).endswith(_SENTENCE_END)):
            title_at = first
    styles = sorted({_style(g.lines[0]) for i, g in enumerate(groups)
                     if g.lines and (i == title_at or _heading_style(g.lines, m))},
                    key=lambda s: (-s[0], not s[1]))
    out: list[Block] = []
    title: str | None = None
    for i, g in enumerate(groups):
        if g.block is not None:
            out.append(g.block.block)
            continue
        text = join_lines([ln.text for ln in g.lines])
        pos = g.lines[0].pos
        if i == title_at:
            title = text
            log.report("read.pdf.title", "a short centred line opening page 1 is the title",
                       text=text, pos=pos)
            out.append(Heading(level=1, content=(Text(text=text),), pos=pos))
        elif _heading_style(g.lines, m):
            level = min(styles.index(_style(g.lines[0])) + 1, _MAX_LEVEL)
            why = "larger than the body" if g.lines[0].size >= _LARGER * m.size else "bold, the body is not"
            # A numbered heading keeps its marker as text: the structure stage levels it by the marker.
            numbered = " (numbered: the structure stage levels it)" if match_marker(text) else ""
            log.report("read.pdf.heading", f"a line standing alone {why}: heading level {level}{numbered}",
                       text=text, pos=pos)
            out.append(Heading(level=level, content=(Text(text=text),), pos=pos))
        else:
            out.append(Para(content=(Text(text=text),), pos=pos))
    return tuple(out), title


def summarise_joins(groups: list[_Group], log: DiagnosticLog) -> None:
    """One diagnostic for the hard wraps joined into paragraphs (there are hundreds in a report)."""
    joined = sum(len(g.lines) - 1 for g in groups if len(g.lines) > 1)
    if joined:
        log.report("read.pdf.line-joins", f"{joined} hard-wrapped line ends joined inside paragraphs "
                   "(no space at a CJK seam, one space between Latin words)", action=Action.CHANGED)
