"""A table of contents page (`目　　录` over `一、工作回顾……1` lines) found among the grouped lines, dropped.

Its entries repeat the headings with page numbers: kept, they read as a numbered list that the real
headings after it restart, which the structure stage takes for a second article. The test is the one
the DOCX reader uses for a typed table of contents (readers/toc.py): a run of at least two lines ending in
a page number after a dot leader (or, under a `目录` line, after a wide gap: leaders drawn as graphics)
is dropped when most of its titles head later text, else kept with a warning.
"""

from __future__ import annotations

from docconv.ast import Block, Para, Text
from docconv.diagnostics import Action, DiagnosticLog
from docconv.readers.pdf.paragraphs import Group
from docconv.readers.toc import drop_typed_toc, entry_title, is_toc_word


def drop_contents(groups: list[Group], log: DiagnosticLog) -> list[Group]:
    """`groups` without the tables of contents among them; each one dropped is reported."""
    stand_ins: list[Block] = []
    owner: dict[int, int] = {}
    titles: dict[int, str] = {}
    under_word = False
    for i, g in enumerate(groups):
        text = g.text if g.lines else ""
        para = Para(content=(Text(text=text),))
        stand_ins.append(para)
        owner[id(para)] = i
        title = entry_title(text, leader_tab=under_word) if text else None
        if title is not None:
            titles[id(para)] = title
        under_word = is_toc_word(text) or (under_word and title is not None)
    if len(titles) < 2:
        return groups
    dropped: list[str] = []
    kept = drop_typed_toc(stand_ins, titles, dropped, log, suspect_rule="read.pdf.toc-suspect")
    if not dropped:
        return groups
    out = [groups[owner[id(b)]] for b in kept]
    kept_ids = {id(g) for g in out}
    gone = [g for g in groups if id(g) not in kept_ids]
    log.report("read.pdf.toc", f"table of contents dropped ({len(dropped)} lines): it repeats the "
               "headings with their page numbers", action=Action.REMOVED, text=" / ".join(dropped[:6]),
               pos=gone[0].lines[0].pos if gone and gone[0].lines else None)
    return out
