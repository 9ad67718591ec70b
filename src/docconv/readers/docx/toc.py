"""A table of contents typed by hand (or left as plain text by a .doc conversion) found and dropped.

Word's own tables of contents are fields or content controls and body.py drops them. A typed one is a run
of paragraphs that each end in a page number after a dot leader or after a tab to a tab stop with a
leader; body.py picks the candidates, and the test shared with the PDF reader (readers/toc.py) drops a
run only when most of its titles head later text.
"""

from __future__ import annotations

from docconv.ast import Block
from docconv.diagnostics import DiagnosticLog
from docconv.readers import toc as shared
from docconv.readers.toc import entry_title, pop_label

__all__ = ["drop_typed_toc", "entry_title", "pop_label"]


def drop_typed_toc(blocks: list[Block], titles: dict[int, str], dropped: list[str],
                   log: DiagnosticLog) -> list[Block]:
    """`blocks` without the typed tables of contents among them. `titles` maps `id()` of candidate
    paragraphs to their entry titles; dropped lines are added to `dropped`."""
    return shared.drop_typed_toc(blocks, titles, dropped, log, suspect_rule="read.docx.toc-suspect")
