"""Body lines → paragraphs and headings, from geometry alone.

A paragraph starts at a first-line indent (or any line that starts clearly right of the left margin, such
as a centred one), after a vertical gap wider than the body's line spacing, after a line that ends short
of the right margin (the next line's first word would have fitted), and where the font size changes. A
paragraph runs across a page break when the last line of a page reaches the margin and the first line of
the next page opens no paragraph; footnotes at the foot of the page wait until that paragraph ends. The
wrapped lines of a numbered item set with a hanging indent continue the item. Margins are per text frame
(page width and column), so landscape pages and columns are measured on their own.

The title is the centred line (or lines of one style) opening page 1; the lines under it set smaller,
and every line of a cover page, are paragraphs. A block is a heading when it is one or two lines, short,
not ending like a sentence, and set clearly larger than the body or bold when the body is not. Levels
come from the rank of its style among heading styles (largest first). A heading that opens with a
numbering marker (`一、`, `（一）`) keeps the marker as text: the structure stage gives it the level its
numbering means (structure/hints.py).
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from docconv.ast import Block, Heading, Inline, LineBreak, Para, Scheme, Text
from docconv.clean.chars import is_cjk
from docconv.diagnostics import Action, DiagnosticLog
from docconv.readers.pdf.layout import Line, PageLayout, PlacedBlock, join_lines
from docconv.structure.lines import title_continuation
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
_TITLE_GAP = 3.0
"""Sizes of blank between two centred lines of one style that still set one title (a cover spaces its
title lines out, often two sizes apart)."""
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
    indent: float | None = None
    """The first-line indent most indented body lines share, in points right of their frame's left
    margin (two ems in Chinese text), or None when no indent recurs."""

    def edges(self, ln: Line) -> tuple[float, float]:
        """The left and right margin of the frame the line is set in."""
        return self.frames.get(ln.frame, (self.left, self.right))


@dataclass(slots=True)
class Group:
    """One block in the making: the lines of a paragraph or heading, or a block read whole."""

    lines: list[Line] = field(default_factory=list)
    """The body lines, top to bottom (empty for a placed block)."""
    block: PlacedBlock | None = None
    """A table or turned note read whole, or None."""

    @property
    def text(self) -> str:
        """The lines' text joined as one paragraph."""
        return join_lines([ln.text for ln in self.lines])


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
    return Metrics(size=size, bold=bold, left=left, right=right, pitch=pitch, frames=frames,
                   indent=_usual_indent(body, frames, size))


_INDENT_MAX = 4.0
"""Ems: a line set further right than this is no paragraph's first line (centred, or a signature)."""


def _usual_indent(body: Sequence[Line], frames: dict[tuple[int, int], tuple[float, float]],
                  size: float) -> float | None:
    """The first-line indent the body's indented lines share (to a quarter em), when two or more do."""
    steps: Counter[float] = Counter()
    for ln in body:
        offset = ln.x0 - frames[ln.frame][0]
        if _INDENT_MIN * size <= offset <= _INDENT_MAX * size:
            steps[round(4 * offset / size)] += 1
    if not steps:
        return None
    step, count = steps.most_common(1)[0]
    return step * size / 4 if count >= 2 else None


def _wrapped_first_line(ln: Line, m: Metrics) -> bool:
    """Whether a line that passes the centring test is a paragraph's first line that wrapped: it starts
    at the document's usual first-line indent and ends clearly nearer the right margin than that indent
    (half an em). Its two gaps may differ by less than the centring tolerance when the next line's first
    word did not fit (`100%。` wraps whole; a character that may not open a line carries the one before
    it down), but a centred line's gaps are equal."""
    if m.indent is None:
        return False
    left, right = m.edges(ln)
    return (abs(ln.x0 - left - m.indent) <= 0.3 * ln.size
            and (ln.x0 - left) - (right - ln.x1) >= 0.5 * ln.size)


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
    may not open a line follows it). A number or Latin word wraps whole (`100%`), and a mark that may not
    open a line after it (`100%。`) is carried down with it: it needs the room of both.
    """
    room = m.edges(prev)[1] - prev.x1
    first = nxt.text[:1]
    carried = _carried(nxt)
    if is_cjk(first) and first not in _NO_END:
        return room > nxt.first_width + carried - 0.05 * nxt.size
    return room > nxt.first_width + carried + 0.3 * nxt.size + 1.0


def _carried(nxt: Line) -> float:
    """The width of a mark that may not open a line standing right after `nxt`'s first word (about an
    em for a full-width one, half for a half-width one), or 0: the line-breaker carries it down with
    the word."""
    text = nxt.text
    k = 1 if is_cjk(text[0]) else next((i for i, c in enumerate(text) if is_cjk(c) or c.isspace()), len(text))
    after = text[k : k + 1]
    if not after or after not in _NO_START:
        return 0.0
    return (1.0 if is_cjk(after) else 0.5) * nxt.size


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
    if _centred([prev], m) and not _wrapped_first_line(prev, m):
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
          log: DiagnosticLog) -> list[Group]:
    """Body lines and placed blocks grouped into paragraphs, in reading order.

    Footnotes at the foot of a page do not break a paragraph that runs on to the next page: they are
    held back and placed after that paragraph.
    """
    groups: list[Group] = []
    reasons: Counter[str] = Counter()
    prev: Line | None = None
    head: Line | None = None
    held: list[Group] = []
    for page in pages:
        lines = [it for it in page.items if isinstance(it, Line) and (it.page, it.number) not in drop]
        notes = _footnotes(lines, page.height, m)
        page_notes: list[Group] = []
        for item in page.items:
            if isinstance(item, PlacedBlock):
                groups.extend(held)
                held = []
                groups.append(Group(block=item))
                prev = None
                continue
            if (item.page, item.number) in drop:
                continue
            if item.number in notes:
                if page_notes and page_notes[-1].lines[-1].size == item.size and \
                        _break_reason(page_notes[-1].lines[0], page_notes[-1].lines[-1], item, m) is None:
                    page_notes[-1].lines.append(item)
                else:
                    page_notes.append(Group(lines=[item]))
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
                groups.append(Group(lines=[item]))
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


_SPACED_PAIR = re.compile(r"^(\S)[ \u3000]{1,4}(\S)$")
_HEADING_WORDS = frozenset({
    "目录", "目次", "前言", "序言", "引言", "导言", "绪论", "绪言", "摘要", "提要", "概述", "简介", "说明",
    "附件", "附录", "附表", "附图", "后记", "结语", "结论", "致谢", "总则", "附则", "备注", "注释", "索引",
})
"""Two-character headings that are often set wide (`目　　录`, `前 言`, `附 件`)."""


def unspace_pairs(groups: list[Group], m: Metrics, log: DiagnosticLog) -> list[Group]:
    """`groups` with each two-character heading set wide (`目　　录`, `前 言`) closed up.

    Only a line that stands alone (a group of one line) holding just two CJK characters, which are a
    known heading word or set in a heading style: two characters apart in running text, or a name in a
    list (`张　三`), keep their space. Longer letter-spaced lines are closed up as lines
    (layout.py, `_unspaced`).
    """
    out: list[Group] = []
    for g in groups:
        found = _SPACED_PAIR.match(g.lines[0].text) if len(g.lines) == 1 else None
        if (found is None or not all(is_cjk(c) for c in found.groups())
                or ("".join(found.groups()) not in _HEADING_WORDS and not _heading_style(g.lines, m))):
            out.append(g)
            continue
        ln = g.lines[0]
        log.report("read.pdf.letter-spacing", "the blank between the two characters of a heading set "
                   "wide removed", action=Action.CHANGED, text=ln.text, pos=ln.pos)
        out.append(Group(lines=[replace(ln, text="".join(found.groups()))]))
    return out


def _centred(lines: list[Line], m: Metrics) -> bool:
    def centred(ln: Line) -> bool:
        left, right = m.edges(ln)
        return ln.x0 - left >= ln.size and abs((ln.x0 - left) - (right - ln.x1)) <= 1.5 * ln.size
    return all(centred(ln) for ln in lines)


def _title_line(g: Group, m: Metrics) -> bool:
    """One or two centred lines on page 1, short, not ending like a clause."""
    lines = g.lines
    text = join_lines([ln.text for ln in lines])
    return (bool(lines) and lines[0].page == 1 and len(lines) <= 2 and _centred(lines, m)
            and len(text) <= _TITLE_CHARS and not text.endswith(_SENTENCE_END))


def _title_block(groups: list[Group], m: Metrics) -> tuple[list[int], set[int]]:
    """The groups of the title on page 1 (a title set over several centred lines of one style), and the
    centred lines right under it in a smaller style (subtitle, date, issuing unit), which are no
    headings. On a cover page (page 1 holds only short lines, the text starts on a later page) every
    line under the title is such a line, whatever its size. A numbered line is never taken for a
    subtitle: it is the first heading."""
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
        if below.top - above.bottom > _TITLE_GAP * below.size or chars > _TITLE_CHARS:
            break
        title.append(i)
        i += 1
    cover = _cover(groups, first)
    subs: set[int] = set()
    while i < len(groups) and (
            (_title_line(groups[i], m) and groups[i].lines[0].size < style[0])
            or (cover and groups[i].lines and groups[i].lines[0].page == 1)):
        found = match_marker(join_lines([ln.text for ln in groups[i].lines]))
        if found is not None and found.marker.scheme is not Scheme.DASH:
            break
        subs.add(i)
        i += 1
    return title, subs


def _cover(groups: list[Group], first: int) -> bool:
    """Whether page 1 is a cover: its groups from the title on are single short lines that do not end
    like a sentence (no table, no paragraph), and the text goes on on a later page."""
    rest = groups[first:]
    page1 = [g for g in rest if (g.lines[0].page if g.lines else g.block.page if g.block else 0) == 1]
    later = len(page1) < len(rest)
    return later and all(len(g.lines) == 1 and len(g.lines[0].text) <= _TITLE_CHARS
                         and not g.lines[0].text.endswith(_SENTENCE_END) for g in page1)


def _title_content(parts: list[str]) -> tuple[tuple[Inline, ...], str]:
    """The title's inlines and its plain form, from the text of its lines (groups). An issuer line over
    the subject line (`某某县自然资源局` / `2023年度工作总结`) keeps a line break, shown as a space in the
    plain form, as the structure stage keeps it for other formats (structure/lines.py); a subject wrapped
    over two lines is joined directly."""
    content: list[Inline] = [Text(text=parts[0])]
    plain = parts[0]
    for prev, nxt in itertools.pairwise(parts):
        if title_continuation(Para(content=(Text(text=prev),)), Para(content=(Text(text=nxt),))) == " ":
            content += [LineBreak(), Text(text=nxt)]
            plain += " " + nxt
        else:
            plain = join_lines([plain, nxt])
            last = content[-1]
            assert isinstance(last, Text)  # every other element is Text after a LineBreak
            content[-1] = Text(text=join_lines([last.text, nxt]))
    return tuple(content), plain


def blocks(groups: list[Group], m: Metrics, log: DiagnosticLog) -> tuple[tuple[Block, ...], str | None]:
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
            content, title = _title_content([join_lines([ln.text for ln in groups[k].lines])
                                             for k in title_groups])
            log.report("read.pdf.title", "a short centred line opening page 1 is the title" if len(
                title_groups) == 1 else f"{len(title_groups)} centred lines of one style opening page 1 "
                "are the title", text=title, pos=pos)
            out.append(Heading(level=1, content=content, pos=pos))
        elif i in title_groups:
            continue
        elif i in subs:
            log.report("read.pdf.title-block", "a line under the title, set smaller or on the cover "
                       "(subtitle, date, issuing unit): a paragraph, not a heading", text=text, pos=pos)
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


def summarise_joins(groups: list[Group], log: DiagnosticLog) -> None:
    """One diagnostic for the hard wraps joined into paragraphs (there are hundreds in a report)."""
    joined = sum(len(g.lines) - 1 for g in groups if len(g.lines) > 1)
    if joined:
        log.report("read.pdf.line-joins", f"{joined} hard-wrapped line ends joined inside paragraphs "
                   "(no space at a CJK seam, one space between Latin words)", action=Action.CHANGED)
