"""Repeated title lines: the page title a site prints again above the body is removed, the first kept.

Only the head of the main text and of each appended article is looked at; a whole section pasted twice
is the structure stage's business, not this one's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docconv.ast import Block, Div, Document, Heading, Para, plain_text
from docconv.clean import scorers
from docconv.clean.rules import line_key
from docconv.diagnostics import Action, DiagnosticLog

RULE_ID = "duplicate.repeated-title"
HEAD_LINES = 8
"""How many lines after the title a repeat may stand."""
TITLE_MAX_CHARS = 60
"""A longer first line is not taken for a title."""

_NOT_WORD = re.compile(r"[\W_]+")


def title_key(text: str) -> str:
    """What two title lines must share to count as the same title: their words, punctuation ignored."""
    return _NOT_WORD.sub("", line_key(text)).lower()


def drop_repeated_titles(doc: Document, *, off: frozenset[str], log: DiagnosticLog) -> Document:
    """Remove repeats of the first line from the head of the document and of each appended article."""
    if RULE_ID in off:
        return doc
    blocks = _dedup(doc.blocks, log)
    blocks = tuple(
        replace(b, blocks=_dedup(b.blocks, log)) if isinstance(b, Div) and "article" in b.attr.classes else b
        for b in blocks
    )
    return doc if blocks == doc.blocks else replace(doc, blocks=blocks)


def _dedup(blocks: tuple[Block, ...], log: DiagnosticLog) -> tuple[Block, ...]:
    texts = [(i, plain_text(b.content)) for i, b in enumerate(blocks) if isinstance(b, Para | Heading)]
    if not texts:
        return blocks
    first_i, first = texts[0]
    key = title_key(first)
    if (first_i > 0 or "\n" in first or not key or len(first.strip()) > TITLE_MAX_CHARS
            or scorers.features(line_key(first)).stops):
        return blocks  # the first line is not a title: a sentence, or not at the top
    drop: set[int] = set()
    for i, text in texts[1:HEAD_LINES + 1]:
        if scorers.is_body(line_key(text)) and title_key(text) != key:
            break
        if "\n" not in text and title_key(text) == key:
            drop.add(i)
            log.report(RULE_ID, "duplicate: the page title repeated above the body; the first is kept",
                       action=Action.REMOVED, text=text.strip(), pos=blocks[i].pos)
    return tuple(b for i, b in enumerate(blocks) if i not in drop) if drop else blocks
