"""Page furniture: page numbers and running headers/footers in the top and bottom margin bands.

Only lines among the first or last few of a page that also stand in the outer band of the page height
are candidates, so body text is never at risk: a candidate goes when it reads as a page number, or when
the same text (digits ignored) stands in the same band on most pages.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from docconv.diagnostics import Action, DiagnosticLog
from docconv.readers.pdf.layout import Line, PageLayout

BAND = 0.1
"""Share of the page height, at the top and at the bottom, where headers, footers and numbers stand."""
_EDGE_LINES = 3
"""How many lines at each end of a page are looked at."""
_REPEAT_SHARE = 0.4
"""A line is running furniture when it repeats on at least this share of the pages (and on two)."""

_DASH = r"[-—–－~～_·•]*"
_PAGE_NUMBER = re.compile(
    "|".join((
        rf"{_DASH}\s*\d{{1,3}}\s*{_DASH}",                      # 3, - 3 -, —3— (not a year)
        r"第\s*\d+\s*页\s*[,，/、|]?\s*(?:共\s*\d+\s*页)?",        # 第3页 共9页, 第3页/共9页
        r"共\s*\d+\s*页\s*[,，/、|]?\s*第\s*\d+\s*页",             # 共9页 第3页
        r"\d+\s*/\s*\d+",                                        # 3/9
        r"(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?",             # Page 3 of 9
        r"\d+\s*of\s*\d+",                                       # 3 of 9
    )),
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def _normal(text: str) -> str:
    """Full-width forms folded (NFKC), for matching only."""
    return unicodedata.normalize("NFKC", text).strip()


def is_page_number(text: str) -> bool:
    """Whether a whole line is a page number in one of the usual forms."""
    return _PAGE_NUMBER.fullmatch(_normal(text)) is not None


def _key(text: str) -> str:
    """Text with digits and spaces folded, so `第3页` on every page is the same line."""
    return _SPACE.sub("", _DIGITS.sub("#", _normal(text)))


def _candidates(page: PageLayout) -> list[tuple[Line, str]]:
    """Lines at either end of the page inside the margin bands, with their band."""
    lines = [it for it in page.items if isinstance(it, Line)]
    out: list[tuple[Line, str]] = []
    for ln in lines[:_EDGE_LINES]:
        if ln.bottom <= BAND * page.height:
            out.append((ln, "header"))
    for ln in lines[-_EDGE_LINES:]:
        if ln.top >= (1 - BAND) * page.height and all(ln is not c for c, _ in out):
            out.append((ln, "footer"))
    return out


def furniture(pages: Sequence[PageLayout], log: DiagnosticLog) -> set[tuple[int, int]]:
    """(page, line number) of every furniture line, each reported with its text."""
    per_page = [_candidates(p) for p in pages]
    seen: Counter[tuple[str, str]] = Counter()
    for cands in per_page:
        seen.update({(band, _key(ln.text)) for ln, band in cands})
    need = max(2, math.ceil(_REPEAT_SHARE * len(pages)))
    drop: set[tuple[int, int]] = set()
    for cands in per_page:
        for ln, band in cands:
            if is_page_number(ln.text):
                rule, why = "read.pdf.page-number", f"page number in the {band} band"
            elif seen[(band, _key(ln.text))] >= need:
                rule = f"read.pdf.running-{band}"
                why = f"running {band}: repeats on {seen[(band, _key(ln.text))]} of {len(pages)} pages"
            else:
                continue
            drop.add((ln.page, ln.number))
            log.report(rule, why, action=Action.REMOVED, text=ln.text, pos=ln.pos)
    return drop
