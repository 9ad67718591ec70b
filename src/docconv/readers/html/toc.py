"""A generated table of contents on a web page found and dropped: in-page anchor links repeating the headings.

Blog platforms and documentation themes print, above the text, a table of contents they build from the
article's headings: a list (often nested) or a run of lines whose every entry is one link to an anchor of
the same page (`#t1`), under a label such as `文章目录` or `Contents`. Its entries repeat headings of the
text, which is the evidence used, as for a typed table of contents in DOCX and PDF (readers/toc.py): the
links are dropped only when most of their titles head a later heading or paragraph; otherwise they are
kept and reported as suspect. A report's own `目录` written as text, without in-page links, is never
touched.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docconv.ast import Block, Div, Heading, Link, List, Para, Text, plain_text
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.readers.toc import is_toc_word

RULE_ID = "read.html.toc"
_MIN_ENTRIES = 2
_LABEL = re.compile(r"^(?:文章|本文|内容|页面)?\s*"
                    r"(?:目\s*[录錄]|目\s*次|大\s*纲|大\s*綱|导\s*航|導\s*航)[:：]?$"
                    r"|^(?:table\s+of\s+)?contents$|^toc$|^on\s+this\s+page$|^本页(?:内容|目录)?$",
                    re.IGNORECASE)
_LABEL_MAX = 12  # characters


def drop_anchor_toc(blocks: tuple[Block, ...], log: DiagnosticLog) -> tuple[Block, ...]:
    """`blocks` without the generated tables of contents among them (at any depth of Div)."""
    out: list[Block] = []
    i = 0
    changed = False
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, Div):
            inner = drop_anchor_toc(b.blocks, log)
            if inner is not b.blocks:
                changed = True
                b = replace(b, blocks=inner)
            out.append(b)
            i += 1
            continue
        end, titles = _toc_at(blocks, i)
        if not titles:
            out.append(b)
            i += 1
            continue
        later = [_key(plain_text(x.content)) for x in _text_blocks(blocks[end:])]
        found = sum(1 for t in titles if any(k.startswith(t) for k in later if k))
        shown = " / ".join(titles[:5])
        if 2 * found < len(titles):
            log.report(RULE_ID, f"{len(titles)} in-page links look like a generated table of contents, but "
                       f"only {found} of their titles head later text; kept", action=Action.KEPT,
                       severity=Severity.WARNING, text=shown, pos=getattr(b, "pos", None))
            out.extend(blocks[i:end])
            i = end
            continue
        label = ""
        last = out[-1] if out else None
        if isinstance(last, Heading | Para) and _is_label(last):
            out.pop()
            label = plain_text(last.content).strip() + ": "
        log.report(RULE_ID, f"table of contents dropped ({len(titles)} entries): its links go to anchors of "
                   f"the page and {found} of their titles head the text below", action=Action.REMOVED,
                   text=label + shown, pos=getattr(b, "pos", None))
        changed = True
        i = end
    return tuple(out) if changed else blocks


def _toc_at(blocks: tuple[Block, ...], i: int) -> tuple[int, list[str]]:
    """Where a table of contents starting at block `i` ends, and its entries' titles ([] for none): one
    list of anchor links, or a run of lines that are each one anchor link."""
    b = blocks[i]
    if isinstance(b, List):
        titles = _list_titles(b)
        return (i + 1, titles) if titles is not None and len(titles) >= _MIN_ENTRIES else (i, [])
    end = i
    run: list[str] = []
    while end < len(blocks) and (t := _anchor_title(blocks[end])) is not None:
        run.append(t)
        end += 1
    return (end, run) if len(run) >= _MIN_ENTRIES else (i, [])


def _list_titles(lst: List) -> list[str] | None:
    """The titles of a list whose every entry (nested lists included) is one in-page link, else None."""
    titles: list[str] = []
    for item in lst.items:
        for x in item.blocks:
            if isinstance(x, List):
                inner = _list_titles(x)
                if inner is None:
                    return None
                titles.extend(inner)
            elif (t := _anchor_title(x)) is not None:
                titles.append(t)
            else:
                return None
    return titles


def _anchor_title(block: Block) -> str | None:
    """The title of a paragraph that is one link to an anchor of the same page (`#t1`), else None."""
    if not isinstance(block, Para):
        return None
    links = [n for n in block.content if isinstance(n, Link)]
    rest = [n for n in block.content if not isinstance(n, Link)]
    if (len(links) != 1 or not links[0].target.startswith("#") or len(links[0].target) < 2
            or any(not isinstance(n, Text) or n.text.strip() for n in rest)):
        return None
    title = _key(plain_text(links[0].content))
    return title or None


def _text_blocks(blocks: tuple[Block, ...]) -> list[Heading | Para]:
    """Headings and paragraphs, inside Divs too, in order."""
    out: list[Heading | Para] = []
    for b in blocks:
        if isinstance(b, Heading | Para):
            out.append(b)
        elif isinstance(b, Div):
            out.extend(_text_blocks(b.blocks))
    return out


def _is_label(block: Heading | Para) -> bool:
    """A heading or short line over a table of contents (`文章目录`, `目录`, `Contents`)."""
    text = plain_text(block.content).strip()
    return len(text) <= _LABEL_MAX and (is_toc_word(text) or _LABEL.match(text) is not None)


def _key(text: str) -> str:
    return "".join(text.split())
