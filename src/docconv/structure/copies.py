"""Copies of a text on one page: a run of blocks the text right after it repeats word for word (a page
printed twice, a preview before the full text), and which of two copies is the intact one.

`drop_leading_copies` runs before articles are split; `structure/articles.py` drops articles that repeat
earlier text and asks `text_span` where that earlier text stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docconv.ast import Block, Code, Div, Heading, HorizontalRule, Para, Text, plain_text
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.structure.lines import block_text as _text
from docconv.structure.lines import broken_seams
from docconv.walk import iter_nodes

COPY_MIN_BLOCKS = 2
"""Blocks a run must hold to count as a copy of the run after it (one repeated line is a title's
business, `duplicate.repeated-title`)."""
COPY_MIN_CHARS = 50
"""Characters (whitespace aside) a run must hold to count as a copy: two short lines repeated (a
signature and its date) are no copy of a text."""
COPY_GAP = 2
"""Short lines that may stand between a copy and the text it copies (a preview's end marker, a page
counter) when no residue rule removed them."""
_GAP_MAX_CHARS = 40
_COPY_CANDIDATES = 4
"""Earlier blocks with the same text tried as the start of a copy (the most recent ones)."""


def _copy_key(block: Block) -> str:
    """What two blocks must share to be copies of each other: their text without whitespace (a table or
    list: its kind and all its text)."""
    if isinstance(block, Para | Heading):
        return _SPACE.sub("", plain_text(block.content))
    inner = "".join(n.text for n in iter_nodes(block) if isinstance(n, Text | Code))
    return f"{type(block).__name__}:{_SPACE.sub('', inner)}"


_SPACE = re.compile(r"\s+")


def _find_copy(keys: list[str], blocks: list[Block]) -> tuple[int, int, int] | None:
    """The first run `keys[i:i+n]` that the blocks starting at `j` (after at most `COPY_GAP` short lines)
    repeat word for word: `(i, n, j)`, or None."""
    seen: dict[str, list[int]] = {}
    for j, key in enumerate(keys):
        if not key:
            continue
        earlier = seen.setdefault(key, [])
        for i in reversed(earlier[-_COPY_CANDIDATES:]):
            n = 0
            while i + n < j and j + n < len(keys) and keys[i + n] == keys[j + n]:
                n += 1
            gap = blocks[i + n:j]
            if (n >= COPY_MIN_BLOCKS and len(gap) <= COPY_GAP
                    and sum(len(k) for k in keys[i:i + n]) >= COPY_MIN_CHARS
                    and all(_short_line(b) for b in gap)):
                return i, n, j
        earlier.append(j)
    return None


def _short_line(block: Block) -> bool:
    """A line that may stand between two copies: a rule, or one short paragraph line."""
    if isinstance(block, HorizontalRule):
        return True
    text = _text(block).strip()
    return isinstance(block, Para) and 0 < len(text) <= _GAP_MAX_CHARS and "\n" not in text


def drop_leading_copies(blocks: list[Block], log: DiagnosticLog) -> list[Block]:
    """The blocks without every run that the text right after it repeats word for word.

    A page printed twice (`title, introduction, sections` and the same again), or a preview (the title
    and the first section) followed by the full text, holds a run of blocks that the blocks after it
    repeat exactly, whatever the run starts with; a short line between the two (`（试读结束，以下为正文）`,
    `（本文共2页，当前第1页）`) is allowed when no rule removed it, and stays. The first copy goes, so the
    text survives once, as the page's full version gives it; unless the first copy is the intact one
    (fewer breaks inside its sentences, see `broken_seams`: the second is hard-wrapped), when the
    second goes.
    """
    keys = [_copy_key(b) for b in blocks]
    while (found := _find_copy(keys, blocks)) is not None:
        i, n, j = found
        gap = blocks[i + n:j]
        first, second = broken_seams(blocks[i:i + n]), broken_seams(blocks[j:j + n])
        if first < second:
            log.report("structure.duplicate-article", f"{n} blocks repeated word for word by the text right "
                       f"after them, which is broken inside its sentences ({second} breaks against "
                       f"{first}): the second copy is removed, the intact one survives",
                       action=Action.REMOVED, text=_text(blocks[j])[:40], pos=blocks[j].pos)
            drop = j
        else:
            log.report("structure.duplicate-article", f"{n} blocks repeated word for word by the text right "
                       "after them (a preview or a second copy of the page): the first copy is removed, the "
                       "text survives once", action=Action.REMOVED, text=_text(blocks[i])[:40],
                       pos=blocks[i].pos)
            drop = i
        for b in gap:
            if not isinstance(b, HorizontalRule):
                log.report("structure.duplicate-article", "a short line between two copies of the text; kept "
                           "(no rule names it)", action=Action.KEPT, severity=Severity.WARNING,
                           text=_text(b).strip(), pos=b.pos)
        blocks = [*blocks[:drop], *blocks[drop + n:]]
        keys = [*keys[:drop], *keys[drop + n:]]
    return blocks


def text_span(text: str, pieces: Sequence[str]) -> tuple[int, int] | None:
    """The blocks `(first, last)` whose texts (`pieces`, one per block, whitespace removed) hold `text`
    exactly, from a block's start to a block's end (blocks without text at either edge left out), or
    None when it begins or ends inside a block or is not there."""
    at = "".join(pieces).find(text)
    if at < 0:
        return None
    offsets = [0]
    for piece in pieces:
        offsets.append(offsets[-1] + len(piece))
    starts = [k for k, o in enumerate(offsets[:-1]) if o == at]
    ends = [k for k, o in enumerate(offsets) if o == at + len(text) and k > 0]
    if not starts or not ends or ends[0] <= starts[-1]:
        return None
    return starts[-1], ends[0]


def text_only(block: Block) -> bool:
    """A paragraph, a heading or a rule, or a Div (an article) of nothing else: what the text comparison
    sees whole. A table or a list is never dropped for a copy found by its text alone."""
    if isinstance(block, Div):
        return all(text_only(b) for b in block.blocks)
    return isinstance(block, Para | Heading | HorizontalRule)
