"""A table of contents typed as text (DOCX typed by hand or converted from .doc, PDF) found and dropped.

A typed table of contents is a run of lines that each end in a page number after a dot leader
(`一、工作回顾……1`, `二、工作打算....3`) or after a tab to a tab stop with a leader, often under a `目录`
line. Its entries repeat headings of the document, which is the evidence used: a run of at least two
such lines is dropped only when most of its titles open a later paragraph or heading; otherwise it is
kept and reported as suspect. The readers decide which lines are candidates (docx/toc.py, pdf/__init__.py).
"""

from __future__ import annotations

import re

from docconv.ast import Block, Heading, Para, plain_text
from docconv.diagnostics import Action, DiagnosticLog, Severity

_LEADER_LINE = re.compile(r"^(?P<title>.*?\S)\s*(?:[.．。·•…⋯_\-－—]\s*){2,}(?P<page>\d{1,4})$")
_TAB_LINE = re.compile(r"^(?P<title>.*?\S)\s+(?P<page>\d{1,4})$")
# The label over a table of contents, or over Word's table of figures or tables (`TOC \c "表"`): 图表目录,
# 表格目录, 插图目录, 附图目录, 图目录 … and the English "List of Figures/Tables".
_FIGURES = r"[图圖]\s*表|表\s*格|插\s*[图圖]|附\s*[图圖]|附\s*表|[图圖]\s*片|[图圖]|表"
_TOC_WORD = re.compile(rf"^(?:(?:{_FIGURES})?\s*目\s*[录錄]|目\s*次|(?:table\s+of\s+)?contents"
                       r"|list\s+of\s+(?:figures|tables|illustrations))[:：]?$", re.IGNORECASE)


def entry_title(text: str, leader_tab: bool) -> str | None:
    """The title of a typed contents line (`text` ends in a page number after a dot leader, or after
    white space when `leader_tab` says the line has a tab to a leader tab stop), else None."""
    text = text.strip()
    m = _LEADER_LINE.match(text) or (_TAB_LINE.match(text) if leader_tab else None)
    return m.group("title") if m is not None else None


def is_toc_word(text: str) -> bool:
    """Whether a line is the heading of a table of contents (`目录`, `目　　录`, `Contents`) or of a table of
    figures or tables (`图表目录`, `表格目录`, `插图目录`, `List of Figures`)."""
    return _TOC_WORD.match(text.strip()) is not None


def drop_typed_toc(blocks: list[Block], titles: dict[int, str], dropped: list[str], log: DiagnosticLog,
                   *, suspect_rule: str) -> list[Block]:
    """`blocks` without the typed tables of contents among them. `titles` maps `id()` of candidate
    blocks to their entry titles; dropped lines (the `目录` line above a run too) are added to `dropped`.
    A run whose titles do not head later text is kept and reported under `suspect_rule`."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and id(blocks[j]) in titles:
            j += 1
        if j - i < 2:
            out.append(blocks[i])
            i += 1
            continue
        entries = [titles[id(b)] for b in blocks[i:j]]
        later = [_key(_text(b)) for b in blocks[j:]]
        found = sum(1 for t in entries if any(text.startswith(_key(t)) for text in later if text))
        lines = [_text(b) for b in blocks[i:j]]
        if 2 * found >= len(entries):
            if (label := pop_label(out)) is not None:
                lines.insert(0, label)
            dropped.extend(lines)
        else:
            log.report(suspect_rule, f"{len(entries)} lines look like a typed table of contents "
                       f"but only {found} of their titles head later text; kept", action=Action.KEPT,
                       severity=Severity.WARNING, text=" / ".join(lines[:5]))
            out.extend(blocks[i:j])
        i = j
    return out


def pop_label(out: list[Block]) -> str | None:
    """Take the label (`目录`, `图表目录` …) off the end of `out` when the last block is one, and give its
    text: without the table it stands over, it titles nothing."""
    if out and isinstance(out[-1], Para | Heading) and is_toc_word(text := _text(out[-1])):
        out.pop()
        return text
    return None


def _text(block: Block) -> str:
    return plain_text(block.content) if isinstance(block, Para | Heading) else ""


def _key(text: str) -> str:
    return "".join(text.split())
