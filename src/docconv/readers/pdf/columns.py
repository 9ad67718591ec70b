"""Two-column passages of a page, found from the empty gutter between them and read column by column.

A run of rows counts as two columns only on strong evidence, since reading a table or a field list
"column by column" would scramble it: at least `_MIN_ROWS` rows with text on both sides of one common
empty strip near the middle of the page, at least an em wide; prose on both sides (a median of
`_MIN_SIDE_CHARS` characters per row and side, and almost no further wide gaps inside a side, which a
table has). A row crossing the strip (a full-width title) ends the run. Rows with text on one side only
(one column ends lower than the other) stay in the run while the line pitch holds.

Costs one pass over the characters of each row, already grouped into rows for the lines.
"""

from __future__ import annotations

import itertools
import statistics
from typing import Any

from docconv.ast import Pos
from docconv.diagnostics import DiagnosticLog

Char = dict[str, Any]

_MIDDLE = (0.3, 0.7)
"""Where across the page width a gutter may stand."""
_MIN_ROWS = 6
"""Rows with text on both sides of the gutter that make a two-column passage."""
_MIN_SIDE_CHARS = 8
"""Median characters per row on each side: columns of prose, not cells."""
_TABLE_GAPS = 0.2
"""Share of two-sided rows that may hold another wide gap inside a side (more: a table)."""


def _visible(row: list[Char]) -> list[Char]:
    return sorted((c for c in row if not str(c["text"]).isspace()), key=lambda c: float(c["x0"]))


def _gaps(row: list[Char], width: float) -> list[tuple[float, float]]:
    """Empty strips at least an em wide inside the middle of the page, between characters of the row."""
    out: list[tuple[float, float]] = []
    for a, b in itertools.pairwise(row):
        start, end = float(a["x1"]), float(b["x0"])
        em = float(b["size"]) or 1.0
        if end - start >= em and _MIDDLE[0] * width <= (start + end) / 2 <= _MIDDLE[1] * width:
            out.append((start, end))
    return out


def _wide_gaps(side: list[Char]) -> int:
    return sum(1 for a, b in itertools.pairwise(side)
               if float(b["x0"]) - float(a["x1"]) >= 1.5 * (float(b["size"]) or 1.0))


class _Run:
    """Rows that may be a two-column passage, with the strip all their two-sided rows leave empty."""

    def __init__(self, start: int, gutter: tuple[float, float]) -> None:
        self.start = start
        self.end = start + 1
        self.gutter = gutter
        self.two_sided = [start]

    def accepts(self, row: list[Char], gaps: list[tuple[float, float]], prev_bottom: float,
                pitch: float) -> bool:
        lo, hi = self.gutter
        for start, end in gaps:
            s, e = max(lo, start), min(hi, end)
            if e - s >= 0.5 * (float(row[0]["size"]) or 1.0):
                self.gutter = (s, e)
                return True
        one_side = float(row[-1]["x1"]) <= lo or float(row[0]["x0"]) >= hi
        return one_side and float(row[0]["bottom"]) - prev_bottom <= 1.6 * pitch

    def is_columns(self, rows: list[list[Char]]) -> bool:
        if len(self.two_sided) < _MIN_ROWS:
            return False
        lefts, rights, tabular = [], [], 0
        for i in self.two_sided:
            left, right = self.sides(rows[i])
            lefts.append(len(left))
            rights.append(len(right))
            tabular += bool(_wide_gaps(left) or _wide_gaps(right))
        return (statistics.median(lefts) >= _MIN_SIDE_CHARS and statistics.median(rights) >= _MIN_SIDE_CHARS
                and tabular <= _TABLE_GAPS * len(self.two_sided))

    def sides(self, row: list[Char]) -> tuple[list[Char], list[Char]]:
        mid = sum(self.gutter) / 2
        left = [c for c in row if (float(c["x0"]) + float(c["x1"])) / 2 < mid]
        return left, [c for c in row if (float(c["x0"]) + float(c["x1"])) / 2 >= mid]


def split_columns(rows: list[list[Char]], width: float, page: int,
                  log: DiagnosticLog) -> list[tuple[list[Char], int]]:
    """The rows in reading order, each with its column (0 full width, 1 left, 2 right)."""
    vis = [_visible(r) for r in rows]
    runs: list[_Run] = []
    current: _Run | None = None
    for i, row in enumerate(vis):
        if not row:
            continue
        gaps = _gaps(row, width)
        if current is not None:
            prev_bottom = float(vis[current.end - 1][0]["bottom"]) if vis[current.end - 1] else 0.0
            pitch = float(row[0]["size"]) * 1.8
            if current.accepts(row, gaps, prev_bottom, pitch):
                if gaps:
                    current.two_sided.append(i)
                current.end = i + 1
                continue
            runs.append(current)
            current = None
        if gaps:
            mid = width / 2
            current = _Run(i, min(gaps, key=lambda g: abs((g[0] + g[1]) / 2 - mid)))
    if current is not None:
        runs.append(current)
    runs = [r for r in runs if r.is_columns(vis)]
    out: list[tuple[list[Char], int]] = []
    at = 0
    for run in runs:
        out.extend((rows[i], 0) for i in range(at, run.start))
        halves = [run.sides(rows[i]) for i in range(run.start, run.end)]
        out.extend((left, 1) for left, _ in halves if left)
        out.extend((right, 2) for _, right in halves if right)
        at = run.end
        log.report("read.pdf.columns", f"two columns over {len(run.two_sided)} lines, gutter at "
                   f"{run.gutter[0]:.0f}–{run.gutter[1]:.0f}pt: read the left column, then the right",
                   pos=Pos(page=page))
    out.extend((rows[i], 0) for i in range(at, len(rows)))
    return out
