"""What every writer decides the same way about running text: how a soft break joins two pieces.

A soft break (a hard wrap in the source, or a newline inside a text run) becomes nothing between two
wide (CJK) characters and one space elsewhere, so a writer never puts a space inside Chinese text and
never glues two Latin words. `first_char`/`last_char` give the characters a reader sees on each side of
a break (an image counts by its alt text, a note by nothing).
"""

from __future__ import annotations

import unicodedata
from typing import assert_never

from docconv.ast import Code, Emph, Image, Inline, LineBreak, Link, Note, SoftBreak, Strong, Text


def is_wide(c: str) -> bool:
    """Whether a character is wide (CJK) by its East Asian width."""
    return unicodedata.east_asian_width(c) in "WF"


def soft_break(before: str | None, after: str | None) -> str:
    """What a soft break between these two characters becomes: nothing between CJK, else a space."""
    if before is None or after is None or before.isspace() or after.isspace():
        return ""
    return "" if is_wide(before) and is_wide(after) else " "


def space_after_marker(marker: str, following: str) -> bool:
    """Whether a space separates a marker from its text: Latin text keeps one after an ASCII marker
    ("A. Scope"); Chinese text never had one (every writer prints markers this way)."""
    last, first = marker[-1:], following[:1]
    separated = last.isascii() and not last.isalnum() and not last.isspace()  # `3 ` brings its own space
    return separated and first.isascii() and first.isalnum()


def join_soft_lines(t: str) -> str:
    """A text run whose newlines are soft breaks, joined as `soft_break` says."""
    if "\n" not in t:
        return t
    pieces = [p.strip(" ") for p in t.split("\n")]
    out = pieces[0]
    for piece in pieces[1:]:
        out += soft_break(out[-1:] or None, piece[:1] or None) + piece
    return out


def first_char(node: Inline) -> str | None:
    """The first character a reader sees of an inline, or None."""
    match node:
        case Text(text=t) | Code(text=t):
            return t[:1] or None
        case Emph(content=c) | Strong(content=c) | Link(content=c) | Image(alt=c):
            return first_char(c[0]) if c else None
        case SoftBreak() | LineBreak():
            return " "
        case Note():
            return None
        case _:
            assert_never(node)


def last_char(node: Inline) -> str | None:
    """The last character a reader sees of an inline, or None."""
    match node:
        case Text(text=t) | Code(text=t):
            return t[-1:] or None
        case Emph(content=c) | Strong(content=c) | Link(content=c) | Image(alt=c):
            return last_char(c[-1]) if c else None
        case SoftBreak() | LineBreak():
            return " "
        case Note():
            return None
        case _:
            assert_never(node)
