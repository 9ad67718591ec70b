"""Body lines → paragraphs and headings, from geometry alone.

A paragraph starts at a first-line indent (or any line that starts clearly right of the left margin, such
as a centred one), after a vertical gap wider than the body's line spacing, after a line that ends short
of the right margin (the next line's first word would have fitted), and where the font size changes. A
paragraph runs across a page break when the last line of a page reaches the margin and the first line of
the next page opens no paragraph; footnotes at the foot of the page wait until that paragraph ends. The
wrapped lines of a numbered item set with a hanging indent continue the item. Margins are per text frame
(page width and column), so landscape pages and columns are measured on their own.

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

from docconv.ast import Block, Heading, Para, Scheme, Text
from docconv.clean.chars import is_cjk
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
    """Left margin: where unindented body lines start (in the main text frame)."""
    right: float
    """Right margin: where full body lines end (in the main text frame)."""
    pitch: float
    """Usual baseline-to-baseline distance of body lines."""
    frames: dict[tuple[int, int], tuple[float, float]] = field(default_factory=dict)
    """Left and right margin of each text frame (page width, column): a landscape page or a column
    has margins of its own."""

    def edges(self, ln: Line) -> tuple[float, float]:
        """The left and right margin of the frame the line is set in."""
        return self.frames.get(ln.frame, (self.left, self.right))


@dataclass(slots=True)
class _Group:
    lines: list[Line] = field(default_factory=list)
    block: PlacedBlock | None = None


def _margins(body: Sequence[Line]) -> tuple[float, float]:
    need = max(2, int(0.05 * len(body)))
    lefts = Counter(round(ln.x0) for ln in body)
    rights = Counter(round(ln.x1) for ln in body)
    left = min((x for x, n in lefts.items() if n >= need), default=min(lefts))
    right = max((x for x, n in rights.items() if n >= need), default=max(rights))
    return float(left), float(right)


def metrics(lines: Sequence[Line]) -> Metrics:
    """Body size, margins (per text frame) and line pitch, from the lines that are not furniture."""
    weights: Counter[float] = Counter()
    for ln in lines:
        weights[ln.size] += len(ln.text)
    size = weights.most_common(1)[0][0]
    body = [ln for ln in lines if ln.size == size]
    bold = sum(len(ln.text) for ln in body if ln.bold) > 0.5 * sum(len(ln.text) for ln in body)
    by_frame: dict[tuple[int, int], list[Line]] = {}
    for ln in body:
        by_frame.setdefault(ln.frame, []).append(ln)
    frames = {key: _margins(frame) for key, frame in by_frame.items()}
    for width, col in list(frames):
        # A full-width line on a two-column page (a title) spans from the left column to the right one.
        if col == 1 and (width, 2) in frames and (width, 0) not in frames:
            frames[(width, 0)] = (frames[(width, 1)][0], frames[(width, 2)][1])
    main = max(by_frame, key=lambda k: len(by_frame[k]))
    left, right = frames[main]
    steps = [b.bottom - a.bottom for a, b in itertools.pairwise(body)
             if a.page == b.page and 0.8 * size <= b.bottom - a.bottom <= 3 * size]
    pitch = statistics.median(steps) if steps else 1.5 * size
    return Metrics(size=size, bold=bold, left=left, right=right, pitch=pitch, frames=frames)


def _style(ln: Line) -> tuple[float, bool]:
    return (ln.size, ln.bold)


_NO_START = frozenset("，。、；：？！）》〉」』】〕”’,.;:?!)%")
"""Characters that never open a line: the character before them is carried down with them."""
_NO_END = frozenset("“‘（《〈「『【〔(")
"""Characters that never end a line: they are carried down to the next."""


def _short(prev: Line, nxt: Line, m: Metrics) -> bool:
    """Whether `prev` ends short of the margin: the first word of `nxt` (and a space) would have fitted.

    A Chinese character needs no space before it, so a line one character short ends its paragraph,
    unless the line-breaking rules carried that character down (it opens a quote, or a character that
    may not open a line follows it).
    """
    room = m.edges(prev)[1] - prev.x1
    first = nxt.text[:1]
    if is_cjk(first) and first not in _NO_END and nxt.text[1:2] not in _NO_START:
        return room > nxt.first_width - 0.05 * nxt.size
    return room > nxt.first_width + 0.3 * nxt.size + 1.0


def _hanging(head: Line, prev: Line, nxt: Line) -> bool:
    """Whether `nxt` is a wrapped line of a numbered item set with a hanging indent: the item opens with
    its marker (`1.`), and its wrapped lines stand right of the marker, under the item's text."""
    found = match_marker(head.text)
    if found is None:
        return False
    if prev is not head:
        return abs(nxt.x0 - prev.x0) <= 0.3 * nxt.size
    hang = nxt.x0 - head.x0
    return 0.5 * nxt.size <= hang <= (len(found.marker.raw) + 1.5) * nxt.size


def _break_reason(head: Line, prev: Line, nxt: Line, m: Metrics) -> str | None:
    """Why `nxt` opens a new block after `prev` (in the block opened by `head`), or None when it continues
    the paragraph."""
    if nxt.size != prev.size:
        return "size"
    left = m.edges(nxt)[0]
    if nxt.x0 - left >= _INDENT_MIN * nxt.size and not (
            nxt.page == prev.page and not _short(prev, nxt, m) and _hanging(head, prev, nxt)):
        return "indent"
    if (prev.page == nxt.page and nxt.frame == prev.frame
            and nxt.bottom - prev.bottom > m.pitch + _GAP_EXTRA * m.size):
        return "gap"
    if _short(prev, nxt, m):
        return "short"
    if _centred([prev], m):
        return "centred"  # a centred line long enough to pass for a full one
    return None


def _footnotes(lines: list[Line], height: float, m: Metrics) -> set[int]:
    """Line numbers of the footnotes closing a page: the last lines, set smaller than the body, in the
    lower part of the page, under at least one body line."""
    notes: set[int] = set()
    for ln in reversed(lines):
        if ln.size > 0.85 * m.size or ln.top < 0.6 * height:
            break
        notes.add(ln.number)
    return notes if len(notes) < len(lines) else set()


def group(pages: Sequence[PageLayout], drop: set[tuple[int, int]], m: Metrics,
          log: DiagnosticLog) -> list[_Group]:
    """Body lines and placed blocks grouped into paragraphs, in reading order.

    Footnotes at the foot of a page do not break a paragraph that runs on to the next page: they are
    held back and placed after that paragraph.
    """
    groups: list[_Group] = []
    reasons: Counter[str] = Counter()
    prev: Line | None = None
    head: Line | None = None
    held: list[_Group] = []
    for page in pages:
        lines = [it for it in page.items if isinstance(it, Line) and (it.page, it.number) not in drop]
        notes = _footnotes(lines, page.height, m)
        page_notes: list[_Group] = []
        for item in page.items:
            if isinstance(item, PlacedBlock):
                groups.extend(held)
                held = []
                groups.append(_Group(block=item))
                prev = None
                continue
            if (item.page, item.number) in drop:
                continue
            if item.number in notes:
                if page_notes and page_notes[-1].lines[-1].size == item.size and \
                        _break_reason(page_notes[-1].lines[0], page_notes[-1].lines[-1], item, m) is None:
                    page_notes[-1].lines.append(item)
                else:
                    page_notes.append(_Group(lines=[item]))
                continue
            if prev is None or head is None:
                reason: str | None = "first"
            elif prev.page != item.page and item.page != prev.page + 1:
                reason = "page"  # a page without body text (a scanned page) lies between
            else:
                reason = _break_reason(head, prev, item, m)
            if reason is None and prev is not None and prev.page != item.page:
                log.report("read.pdf.page-join", f"paragraph continues from page {prev.page}: its last "
                           "line reaches the right margin and the next page's first line is not indented",
                           text=prev.text[-20:] + "⏎" + item.text[:20], pos=item.pos)
                if held:
                    log.report("read.pdf.footnotes", f"{len(held)} footnote block(s) at the foot of page "
                               f"{prev.page} placed after the paragraph that runs on to page {item.page}",
                               action=Action.KEPT, text=join_lines([ln.text for ln in held[0].lines]),
                               pos=held[0].lines[0].pos)
            if reason is None:
                groups[-1].lines.append(item)
            else:
                groups.extend(held)
                held = []
                reasons[reason] += 1
                groups.append(_Group(lines=[item]))
                head = item
            prev = item
        held.extend(page_notes)
        reasons["footnote"] += len(page_notes)
    groups.extend(held)
    shown = ", ".join(f"{k} {v}" for k, v in sorted(reasons.items()) if v)
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
    def centred(ln: Line) -> bool:
        left, right = m.edges(ln)
        return ln.x0 - left >= ln.size and abs((ln.x0 - left) - (right - ln.x1)) <= 1.5 * ln.size
    return all(centred(ln) for ln in lines)


def _title_line(g: _Group, m: Metrics) -> bool:
    """One or two centred lines on page 1, short, not ending like a clause."""
    lines = g.lines
    text = join_lines([ln.text for ln in lines])
    return (bool(lines) and lines[0].page == 1 and len(lines) <= 2 and _centred(lines, m)
            and len(text) <= _TITLE_CHARS and not text.endswith(_SENTENCE_END))


def _title_block(groups: list[_Group], m: Metrics) -> tuple[list[int], set[int]]:
    """The groups of the title on page 1 (a title set over several centred lines of one style), and the
    centred lines right under it in a smaller style (subtitle, date, issuing unit), which are no
    headings. A numbered line is never taken for a subtitle: it is the first heading."""
    first = next((i for i, g in enumerate(groups) if g.lines or g.block), None)
    if first is None or not _title_line(groups[first], m):
        return [], set()
    title = [first]
    style = _style(groups[first].lines[0])
    chars = len(join_lines([ln.text for ln in groups[first].lines]))
    i = first + 1
    while i < len(groups) and _title_line(groups[i], m) and _style(groups[i].lines[0]) == style:
        above, below = groups[i - 1].lines[-1], groups[i].lines[0]
        chars += len(join_lines([ln.text for ln in groups[i].lines]))
        if below.top - above.bottom > 1.5 * below.size or chars > _TITLE_CHARS:
            break
        title.append(i)
        i += 1
    subs: set[int] = set()
    while i < len(groups) and _title_line(groups[i], m) and groups[i].lines[0].size < style[0]:
        found = match_marker(join_lines([ln.text for ln in groups[i].lines]))
        if found is not None and found.marker.scheme is not Scheme.DASH:
            break
        subs.add(i)
        i += 1
    return title, subs


def blocks(groups: list[_Group], m: Metrics, log: DiagnosticLog) -> tuple[tuple[Block, ...], str | None]:
    """The AST blocks of the grouped lines, and the title when page 1 opens with one."""
    title_groups, subs = _title_block(groups, m)
    title_at = title_groups[0] if title_groups else None
    styles = sorted({_style(g.lines[0]) for i, g in enumerate(groups)
                     if g.lines and i not in subs and (i == title_at or _heading_style(g.lines, m))},
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
            text = join_lines([ln.text for k in title_groups for ln in groups[k].lines])
            title = text
            log.report("read.pdf.title", "a short centred line opening page 1 is the title" if len(
                title_groups) == 1 else f"{len(title_groups)} centred lines of one style opening page 1 "
                "are the title", text=text, pos=pos)
            out.append(Heading(level=1, content=(Text(text=text),), pos=pos))
        elif i in title_groups:
            continue
        elif i in subs:
            log.report("read.pdf.title-block", "a centred line under the title, set smaller (subtitle, "
                       "date, issuing unit): a paragraph, not a heading", text=text, pos=pos)
            out.append(Para(content=(Text(text=text),), pos=pos))
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
