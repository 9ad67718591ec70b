"""Line-level tests shared by the structure stages: a block's text, and whether it reads as a title."""

from __future__ import annotations

import re

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


_DATE_LINE = re.compile(r"^[(（]?\s*(?:[0-9０-９]{4}|[一二三四五六七八九〇零○]{4}|[xX×]{2,4})\s*年"
                        r"(?:\s*[0-9０-９一二三四五六七八九十]{1,2}\s*月(?:\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日)?)?"
                        r"\s*[)）]?$")


def is_date_line(block: Block) -> bool:
    """A line holding only a date (`(2011年4月18日)`, `二〇一一年四月`): a dateline, never a title."""
    return bool(_DATE_LINE.match(block_text(block).strip()))
