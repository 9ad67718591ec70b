"""Page geometry → text lines and ruled tables, with watermark characters set aside.

Lines are built from pdfplumber's characters rather than from `extract_text_lines` or `extract_words`:
we need each line's font size and weight (headings), the x of its first visible character (indents, which
pdfplumber's words hide when a PDF types its indent as U+3000), the width of its first word (the short-line
test) and our own rule for inter-character gaps (justified CJK text spreads its characters, which a word
finder turns into spurious spaces). Sorting the characters once and sweeping is O(n log n) per page.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pdfplumber.page import Page

from docconv.ast import Para, Pos, Table, TableCell, TableRow, Text
from docconv.clean.chars import is_cjk
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.readers.pdf.columns import split_columns

Char = dict[str, Any]
"""One pdfplumber character (text, fontname, size, x0, x1, top, bottom, matrix, colours)."""

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|hei\b|heiti|yahei|黑", re.IGNORECASE)
# A character whose text direction is off the axes by more than this (radians) is set diagonally.
_DIAGONAL = math.radians(8)
_LIGHT = 0.72
"""Fill lightness (0 black … 1 white) above which text counts as a faint watermark colour."""
_HUGE = 2.2
"""Font size, in multiples of the page's body size, above which faint text is a watermark stamp."""


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line of text on a page."""

    page: int
    """1-based page number."""
    number: int
    """1-based line number on its page, top to bottom (furniture included)."""
    text: str
    """The characters, with spaces only where the PDF has them or a Latin word gap shows one."""
    x0: float
    """Left edge of the first visible character."""
    x1: float
    """Right edge of the last visible character."""
    top: float
    """Top of the line, from the top of the page."""
    bottom: float
    """Bottom of the line, from the top of the page."""
    size: float
    """Dominant font size (by character count), rounded to 0.5pt."""
    bold: bool
    """Whether nearly all visible characters are set in a bold face."""
    first_width: float
    """Width of the first word (one CJK character, or a run of Latin letters and digits)."""
    frame: tuple[int, int] = (0, 0)
    """Which text frame the line is set in: (page width in points, column: 0 full width, 1 left, 2
    right). Margins are measured per frame, so a landscape page or a column has its own."""

    @property
    def pos(self) -> Pos:
        """Where the line stands in the source."""
        return Pos(page=self.page, line=self.number)


@dataclass(frozen=True, slots=True)
class PlacedBlock:
    """A block read whole from a page (a ruled table, a turned margin note), with where it stands."""

    page: int
    """1-based page number."""
    top: float
    """Top of its bounding box."""
    block: Table | Para
    """The node."""


@dataclass(frozen=True, slots=True)
class PageLayout:
    """What one page holds, in reading order."""

    number: int
    """1-based page number."""
    width: float
    """Page width in points."""
    height: float
    """Page height in points."""
    items: tuple[Line | PlacedBlock, ...]
    """Lines and tables, top to bottom."""
    chars: int
    """How many characters the page has in its text layer (watermarks included)."""
    image_share: float = 0.0
    """Share of the page area covered by its largest image."""


def read_page(page: Page, log: DiagnosticLog) -> PageLayout:
    """Lines and tables of one page; watermark characters are removed and reported."""
    number = int(page.page_number)
    chars: list[Char] = list(page.chars)
    kept, turned = _drop_watermarks(chars, number, log)
    tables: list[PlacedBlock] = []
    if page.edges:  # the table finder only looks at ruling lines, so a page without any has no tables
        for found in page.find_tables():
            placed, inside = _table(found.cells, kept, number)
            if placed is None:
                continue
            tables.append(placed)
            kept = [c for c in kept if id(c) not in inside]
            assert isinstance(placed.block, Table)  # _table only places tables
            rows = len(placed.block.head) + len(placed.block.rows)
            log.report("read.pdf.table", f"ruled table of {rows} rows read as a table",
                       pos=Pos(page=number))
    width = float(page.width)
    framed = split_columns(_rows(kept), width, number, log)
    lines = [ln for n, (row, col) in enumerate(framed, start=1)
             if (ln := _line(row, number, n, frame=(round(width), col))) is not None]
    lines = [_unspaced(ln, log) for ln in lines]
    # Lines are in reading order (columns one after the other); a table goes before the first line
    # below its top.
    tables.sort(key=lambda t: t.top)
    items: list[Line | PlacedBlock] = []
    for ln in lines:
        while tables and tables[0].top < ln.top:
            items.append(tables.pop(0))
        items.append(ln)
    items.extend(tables)
    items.extend(turned)  # their place in the reading order is unknown: after the page's own text
    renumbered = [it if isinstance(it, PlacedBlock) else replace(it, number=n)
                  for n, it in enumerate(items, start=1)]
    return PageLayout(number=number, width=width, height=float(page.height),
                      items=tuple(renumbered), chars=len(chars), image_share=_image_share(page))


def _image_share(page: Page) -> float:
    """Share of the page area that its largest image covers (a scanned page is one big image)."""
    area = float(page.width) * float(page.height) or 1.0
    return max((abs(float(im["x1"]) - float(im["x0"])) * abs(float(im["bottom"]) - float(im["top"])) / area
                for im in page.images), default=0.0)


_SPACED = re.compile(r"^(?:(?P<marker>\S*[、.．：:])[ \u3000]?)?(?P<chars>(?:\S(?: |\u3000{1,2}))+\S)$")
_SEPARATOR = re.compile(r" |\u3000+")


def _unspaced(line: Line, log: DiagnosticLog) -> Line:
    """A letter-spaced line (`工 作 总 结`, `一、 主 要 成 绩`) without the spaces between its characters.

    Only a line whose every character after an optional leading marker stands alone, three or more of
    them, all CJK, with the same blank between each two (a space, or one or two ideographic spaces):
    words of Latin text are longer than one character. Two characters set apart (`目　　录`) are left
    to the paragraph stage, which knows whether the line is a heading (paragraphs.py).
    """
    m = _SPACED.match(line.text)
    if m is None:
        return line
    parts = _SEPARATOR.split(m["chars"])
    if (len(parts) < 3 or not all(len(p) == 1 and is_cjk(p) for p in parts)
            or len(set(_SEPARATOR.findall(m["chars"]))) != 1):
        return line
    text = (m["marker"] or "") + "".join(parts)
    log.report("read.pdf.letter-spacing", "spaces between the characters of a letter-spaced line removed",
               action=Action.CHANGED, text=line.text, pos=line.pos)
    return replace(line, text=text)


# ------------------------------------------------------------------------------------------ watermarks


def _angle(char: Char) -> float:
    """Text direction of a character, in radians from the x axis."""
    a, b = float(char["matrix"][0]), float(char["matrix"][1])
    return math.atan2(b, a)


def _diagonal(angle: float) -> bool:
    off = abs(angle) % (math.pi / 2)
    return min(off, math.pi / 2 - off) > _DIAGONAL


def lightness(color: object) -> float | None:
    """How light a fill colour is (0 black … 1 white), or None for patterns and unknown forms."""
    if not isinstance(color, tuple | list) or not all(isinstance(v, int | float) for v in color):
        return None
    values = [float(v) for v in color]
    if len(values) == 1:
        return values[0]
    if len(values) == 3:
        r, g, b = values
        return 0.299 * r + 0.587 * g + 0.114 * b
    if len(values) == 4:
        c, m, y, k = values
        return 0.299 * (1 - c) * (1 - k) + 0.587 * (1 - m) * (1 - k) + 0.114 * (1 - y) * (1 - k)
    return None


def _drop_watermarks(chars: list[Char], page: int,
                     log: DiagnosticLog) -> tuple[list[Char], list[PlacedBlock]]:
    """Chars minus watermarks: diagonal text, and faint text that is huge or turned.

    Dark text turned by a right angle (a margin note set vertically) is not a watermark by these signs;
    it cannot join the horizontal lines, so it is kept as a paragraph of its own and reported.
    """
    visible = [c for c in chars if not str(c["text"]).isspace()]
    sizes = Counter(round(float(c["size"]) * 2) / 2 for c in visible if abs(_angle(c)) < _DIAGONAL)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    kept: list[Char] = []
    marks: list[Char] = []
    turned: list[Char] = []
    for c in chars:
        angle = _angle(c)
        upright = abs(angle) < _DIAGONAL
        light = (lightness(c.get("non_stroking_color")) or 0.0) >= _LIGHT
        huge = body > 0 and float(c["size"]) >= _HUGE * body
        if _diagonal(angle) or (light and (huge or not upright)):
            marks.append(c)
        elif not upright:
            turned.append(c)
        else:
            kept.append(c)
    if marks:
        text = "".join(str(c["text"]) for c in marks if not str(c["text"]).isspace())
        log.report("read.pdf.watermark", "watermark removed (text set diagonally, or faint and huge "
                   "or turned)", action=Action.REMOVED, text=text, pos=Pos(page=page))
    placed: list[PlacedBlock] = []
    if turned:
        # Lay the turned characters out along their own baseline so they read as horizontal lines:
        # text turned anticlockwise reads bottom to top, clockwise top to bottom.
        flat = [dict(c, x0=-float(c["bottom"]), x1=-float(c["top"]), top=c["x0"], bottom=c["x1"])
                if _angle(c) > 0 else dict(c, x0=c["top"], x1=c["bottom"], top=c["x0"], bottom=c["x1"])
                for c in turned]
        for line in build_lines(flat, page):
            log.report("read.pdf.turned-text", "text set at a right angle (a margin note?) kept as a "
                       "paragraph of its own", action=Action.KEPT, severity=Severity.WARNING,
                       text=line.text, pos=Pos(page=page))
            para = Para(content=(Text(text=line.text),), pos=Pos(page=page))
            placed.append(PlacedBlock(page=page, top=float("inf"), block=para))
    return kept, placed


# ------------------------------------------------------------------------------------------------ lines


def _bold(char: Char) -> bool:
    return bool(_BOLD_FONT.search(str(char.get("fontname", ""))))


def build_lines(chars: Iterable[Char], page: int) -> list[Line]:
    """Group characters into lines by vertical overlap, each line left to right."""
    lines = [_line(g, page, n) for n, g in enumerate(_rows(chars), start=1)]
    return [ln for ln in lines if ln is not None]


def _rows(chars: Iterable[Char]) -> list[list[Char]]:
    """Characters grouped by vertical overlap, top to bottom (each row unsorted)."""
    ordered = sorted(chars, key=lambda c: (float(c["top"]), float(c["x0"])))
    groups: list[list[Char]] = []
    top = bottom = 0.0
    for c in ordered:
        c_top, c_bottom = float(c["top"]), float(c["bottom"])
        if groups and c_top < bottom - 0.5 * min(c_bottom - c_top, bottom - top):
            groups[-1].append(c)
            bottom = max(bottom, c_bottom)
            continue
        groups.append([c])
        top, bottom = c_top, c_bottom
    return groups


def _line(chars: list[Char], page: int, number: int, frame: tuple[int, int] = (0, 0)) -> Line | None:
    chars.sort(key=lambda c: float(c["x0"]))
    visible: list[Char] = []
    overprinted = 0
    for c in chars:
        if str(c["text"]).isspace():
            continue
        prev = visible[-1] if visible else None
        # Fake bold: the same glyph drawn twice a hair apart (not a double letter, which sits a whole
        # glyph further). Keep one, count the weight.
        if (prev is not None and prev["text"] == c["text"]
                and abs(float(c["x0"]) - float(prev["x0"]))
                < min(0.1 * float(c["size"]), 0.5 * (float(c["x1"]) - float(c["x0"])))):
            overprinted += 1
            continue
        visible.append(c)
    if not visible:
        return None
    text = _line_text(chars, visible)
    sizes: Counter[float] = Counter()
    for c in visible:
        sizes[round(float(c["size"]) * 2) / 2] += 1
    bold = sum(1 for c in visible if _bold(c)) + overprinted >= 0.8 * len(visible)
    return Line(page=page, number=number, text=text, x0=float(visible[0]["x0"]),
                x1=float(visible[-1]["x1"]), top=min(float(c["top"]) for c in visible),
                bottom=max(float(c["bottom"]) for c in visible), size=sizes.most_common(1)[0][0],
                bold=bold, first_width=_first_width(visible), frame=frame)


IDEOGRAPHIC_SPACE = "\u3000"
_EM_SPACES = 2
"""A blank between two CJK characters up to this many ems wide is typed ideographic spaces; a wider one
is a tab stop between fields."""


def _line_text(chars: list[Char], visible: list[Char]) -> str:
    """The line's text: the PDF's own spaces, plus one where two Latin characters stand a word apart.

    An ideographic space (U+3000) the PDF has is kept as one (`书记　李某`); other white space is one
    space. Between CJK characters a gap as wide as the line's usual one is no space (justified Chinese is
    spread evenly); one or two ems more than that are as many ideographic spaces (a PDF that positions
    the characters instead of drawing the spaces), and a gap wider still (a tab stop between two fields)
    becomes one space.
    """
    keep = {id(c) for c in visible}
    gaps = [float(b["x0"]) - float(a["x1"]) for a, b in itertools.pairwise(visible)]
    # The lower median: on a short line the one wide gap being read must not set the usual one.
    usual = statistics.median_low(gaps) if gaps else 0.0
    out: list[str] = []
    prev: Char | None = None
    blank = ""
    for c in chars:
        t = str(c["text"])
        if t.isspace():
            if prev is not None:
                blank += t
            continue
        if id(c) not in keep:
            continue
        if prev is not None:
            out.append(_blank(blank, prev, c, usual))
        out.append(t)
        prev = c
        blank = ""
    return "".join(out).strip()


def _blank(typed: str, prev: Char, c: Char, usual: float) -> str:
    """What stands between two visible characters of a line: the white space typed there (`typed`),
    read as above, or what the gap between them shows."""
    if IDEOGRAPHIC_SPACE in typed:
        return IDEOGRAPHIC_SPACE * typed.count(IDEOGRAPHIC_SPACE)
    if typed:
        return " "
    gap = float(c["x0"]) - float(prev["x1"])
    em = float(c["size"]) or 1.0
    left_cjk, right_cjk = is_cjk(str(prev["text"])[-1]), is_cjk(str(c["text"])[0])
    extra = gap - max(usual, 0.0)
    if left_cjk and right_cjk and 0.8 * em <= extra <= (_EM_SPACES + 0.5) * em:
        return IDEOGRAPHIC_SPACE * round(extra / em)
    latin = not left_cjk and not right_cjk
    tab = gap > max(3 * usual, 0.0) + em
    # Between Chinese and a Latin word a space shows as a gap wider than the line's usual one
    # (justified lines spread every gap alike, so their usual gap is no space).
    mixed = left_cjk != right_cjk and extra > 0.25 * em
    return " " if tab or mixed or (latin and gap > 0.25 * em) else ""


def _first_width(visible: Sequence[Char]) -> float:
    first = visible[0]
    if is_cjk(str(first["text"])[0]):
        return float(first["x1"]) - float(first["x0"])
    end = float(first["x1"])
    for prev, c in itertools.pairwise(visible):
        t = str(c["text"])
        if is_cjk(t[0]) or float(c["x0"]) - float(prev["x1"]) > 0.25 * float(c["size"]):
            break
        end = float(c["x1"])
    return end - float(first["x0"])


# ----------------------------------------------------------------------------------------------- tables


def _table(cells: list[tuple[float, float, float, float]], chars: list[Char],
           page: int) -> tuple[PlacedBlock | None, set[int]]:
    """A Table from the cells the table finder found, and the ids of the characters it took.

    Spans come from the grid: a cell covers as many column (row) slots as ruling positions it spans.
    A "table" of one row or one column is a box drawn around text, and stays text.
    """
    xs = sorted({round(v, 1) for x0, _, x1, _ in cells for v in (x0, x1)})
    ys = sorted({round(v, 1) for _, top, _, bottom in cells for v in (top, bottom)})
    if len(xs) < 3 or len(ys) < 3:
        return None, set()
    taken: set[int] = set()
    by_row: dict[int, list[tuple[int, TableCell]]] = {}
    for x0, top, x1, bottom in cells:
        inside = [c for c in chars
                  if x0 <= (float(c["x0"]) + float(c["x1"])) / 2 <= x1
                  and top <= (float(c["top"]) + float(c["bottom"])) / 2 <= bottom]
        taken.update(id(c) for c in inside)
        lines = build_lines(inside, page)
        text = join_lines([ln.text for ln in lines])
        blocks = (Para(content=(Text(text=text),), pos=Pos(page=page)),) if text else ()
        row = ys.index(round(top, 1))
        col = xs.index(round(x0, 1))
        cell = TableCell(blocks=blocks, colspan=max(1, xs.index(round(x1, 1)) - col),
                         rowspan=max(1, ys.index(round(bottom, 1)) - row), pos=Pos(page=page))
        by_row.setdefault(row, []).append((col, cell))
    rows = tuple(TableRow(cells=tuple(c for _, c in sorted(by_row[r], key=lambda rc: rc[0])))
                 for r in sorted(by_row))
    header_chars = [c for c in chars if id(c) in taken
                    and ys[0] <= float(c["top"]) and float(c["bottom"]) <= ys[1] + 1]
    bold_head = bool(header_chars) and all(_bold(c) for c in header_chars if not str(c["text"]).isspace())
    table = Table(head=rows[:1] if bold_head else (), rows=rows[1:] if bold_head else rows,
                  pos=Pos(page=page))
    return PlacedBlock(page=page, top=ys[0], block=table), taken


def join_lines(texts: Sequence[str]) -> str:
    """Lines of one paragraph as one string: no space at a CJK seam, one between Latin words.

    A hyphen ending a line before a Latin letter or a digit is kept and nothing is added: whether it
    splits a word or belongs to a compound (`2001-2005`) cannot be told from the layout. Justified
    Chinese text breaks lines anywhere, inside numbers too (`13` / `64.70万元`), so digits meeting
    digits or a decimal point are joined without a space.
    """
    out = ""
    for t in texts:
        if not t:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(t[0]) or (out[-1] == "-" and t[0].isalnum())
                        or _number_seam(out[-1], t[0])):
            out += " "
        out += t
    return out


def _number_seam(left: str, right: str) -> bool:
    """A line break inside a number: a digit or decimal point on one side, a digit on the other."""
    return (left.isdigit() and (right.isdigit() or right == ".")) or (left == "." and right.isdigit())
