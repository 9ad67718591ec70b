"""Pieces the built-in residue patterns share: dates, clock times, web addresses, Chinese characters.

Written for the folded text (see `docconv.clean.rules`); each is bounded, so a pattern built from them
cannot backtrack for long on a very long line.
"""

from __future__ import annotations

DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
"""A calendar date with a four-digit year."""
TIME = r"\d{1,2}\s*[:时]\s*\d{1,2}(?:\s*[:分]\s*\d{1,2}\s*秒?)?"
"""A clock time, seconds optional."""
DATETIME = rf"{DATE}(?:\s*{TIME})?"
CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?"
"""A clock time as feeds print it, with a colon."""
URL_CHARS = r"[a-z0-9._~:/?#@!$&'*+,;=%-]"
URL = rf"(?:https?://|www\.){URL_CHARS}{{0,200}}"
TLD = r"(?:com|cn|net|org|cc|top|vip|info|tv|wang|xyz|site|club|me)"
DOMAIN = rf"(?:https?://)?(?:www\.)?[a-z0-9-]{{1,40}}(?:\.[a-z0-9-]{{1,40}}){{0,3}}\.{TLD}(?:/{URL_CHARS}{{0,200}})?"
CJK = r"[\u3400-\u9fff]"
CJK_OR_PUNCT = r"[\u3400-\u9fff,。!?;:、]"
"""A Chinese character or the (folded) punctuation that sits between Chinese clauses."""
NO_STOP = r"[^。!?;]"
"""A character that does not end a sentence: whole-line furniture never contains one."""
SEP = r"\s*+[|/·•]\s*+"
LONG = 10_000_000
"""max_len of inline rules that must see whole paragraphs, however long."""
