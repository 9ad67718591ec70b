"""Copies in a page's head: the page title a site prints again above the body (the first is kept), and a
summary the site made from the text's opening and broke off in `...` (the text itself is kept).

Only the head of the main text and of each appended article is looked at; a whole section pasted twice
is the structure stage's business, not this one's.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from docconv.ast import Block, Div, Document, Heading, Para, plain_text
from docconv.clean import scorers
from docconv.clean.rules import line_key
from docconv.diagnostics import Action, DiagnosticLog, Severity

RULE_ID = "duplicate.repeated-title"
SUMMARY_ID = "duplicate.summary-copy"
SUMMARY_MIN_CHARS = 15
"""Characters of the opening a summary must repeat (besides the title) to count as its copy."""
SUMMARY_SPAN = 4
"""Paragraphs after a summary that its text may run into (a CMS summary ignores paragraph breaks)."""
HEAD_LINES = 8
"""How many lines after the title a repeat may stand."""
TITLE_MAX_CHARS = 60
"""A longer first line is not taken for a title."""

_NOT_WORD = re.compile(r"[\W_]+")
_SPACE = re.compile(r"\s+")
# Where a summary breaks off: '...', '…', '……', '。。。'.
_ELLIPSIS = re.compile(r"(?:\.{3,6}|…{1,2}|。{3,6}|\.{2}…?)\s*$")


def title_key(text: str) -> str:
    """What two title lines must share to count as the same title: their words, punctuation ignored."""
    return _NOT_WORD.sub("", line_key(text)).lower()


def drop_repeated_titles(doc: Document, *, off: frozenset[str], log: DiagnosticLog) -> Document:
    """Remove repeats of the first line from the head of the document and of each appended article."""
    def head(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        if RULE_ID not in off:
            blocks = _dedup(blocks, log)
        return _summaries(blocks, doc.meta.title, off, log)

    blocks = head(doc.blocks)
    blocks = tuple(
        replace(b, blocks=head(b.blocks)) if isinstance(b, Div) and "article" in b.attr.classes else b
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


def _summaries(blocks: tuple[Block, ...], title: str | None, off: frozenset[str],
               log: DiagnosticLog) -> tuple[Block, ...]:
    """Remove a summary that a site made from the opening of the text: a paragraph in the head that
    breaks off in an ellipsis and, past a title line it may start with, repeats word for word the text
    that follows it. Nothing is lost: the text it copies is right below it."""
    # Only the head and the paragraphs a summary there may copy are read.
    texts = list(itertools.islice(((i, plain_text(b.content)) for i, b in enumerate(blocks)
                                   if isinstance(b, Para | Heading)), HEAD_LINES + 1 + SUMMARY_SPAN))
    for n, (i, text) in enumerate(texts[:HEAD_LINES + 1]):
        end = text.rstrip()
        # the regex looks only at a text that ends in a dot (searching every line from its start is slow)
        cut = _ELLIPSIS.search(end[-8:]) if end[-1:] in ".…。" else None
        if cut is None or not isinstance(blocks[i], Para) or "\n" in end.strip():
            continue
        cut_at = len(end) - 8 + cut.start() if len(end) > 8 else cut.start()
        copy = _SPACE.sub("", end[:cut_at])
        # The title it may start with: the page's, or a line above it.
        titles = [_SPACE.sub("", t) for t in ([title] if title else []) + [t for _, t in texts[:n]]]
        for t in sorted(titles, key=len, reverse=True):
            if t and copy.startswith(t):
                copy = copy[len(t):]
                break
        after = "".join(_SPACE.sub("", t) for _, t in texts[n + 1:n + 1 + SUMMARY_SPAN])
        if len(copy) < SUMMARY_MIN_CHARS or not after.startswith(copy):
            continue
        if SUMMARY_ID in off:
            log.report(SUMMARY_ID, "duplicate: a summary copied from the opening of the text; kept because "
                       "the detector is turned off", action=Action.KEPT, severity=Severity.WARNING,
                       text=text.strip(), pos=blocks[i].pos)
            return blocks
        log.report(SUMMARY_ID, "duplicate: a summary the site made from the title and the opening of the "
                   "text, broken off in an ellipsis; the text follows in full", action=Action.REMOVED,
                   text=text.strip(), pos=blocks[i].pos)
        return (*blocks[:i], *blocks[i + 1:])
    return blocks
