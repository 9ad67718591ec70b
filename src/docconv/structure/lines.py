"""Line-level tests shared by the structure stages: a block's text, and whether it reads as a title."""

from __future__ import annotations

from docconv.ast import Block, Heading, Para, plain_text
from docconv.structure.numbering import match_marker

TITLE_END_BARRED = "。！？!?；;：:,，"
"""A title never ends with a sentence or clause mark."""
PAGE_TITLE_MAX = 60
"""Characters: page titles carry site and collection suffixes, so they may run longer."""
ARTICLE_TITLE_MAX = 40
"""Characters: a title inside a page (an article's) is a plain report title."""


def block_text(block: Block) -> str:
    """The plain text of a paragraph or heading; empty for other blocks."""
    return plain_text(block.content) if isinstance(block, Para | Heading) else ""


def title_like(block: Block, max_chars: int = ARTICLE_TITLE_MAX) -> bool:
    """A short unnumbered one-line paragraph that does not end like a sentence."""
    text = block_text(block).strip()
    return (isinstance(block, Para) and 0 < len(text) <= max_chars and "\n" not in text
            and text[-1] not in TITLE_END_BARRED and match_marker(text) is None)
