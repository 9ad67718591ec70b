"""Multi-article pages: split them into `Div` articles, and drop articles pasted twice.

A page holds several articles when it says so with article markers (`第一篇`, `篇一:`, `范文1` at the
start of a line, or a title line ending in `范文2`), or when its top numbering scheme starts again at 1
without a lead-in (`…如下:`) and without a higher marker in between: what follows is a new article. A
short title-like line just before such a restart is that article's title. A short line that ends in a
report genre (`…工作总结`, `…计划`, `…汇报`) after a closing sentence and before body text also starts one.

Each article becomes `Div(attr=Attr(classes=("article",)))`. An article whose text repeats an earlier one
word for word is dropped (the text survives once); a near copy (a "spun" rewrite) is reported, and
dropped only with `--drop-near-duplicates`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docconv.ast import Attr, Block, Div, Document, Heading, Para, Scheme, plain_text
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.structure.lines import block_text as _text
from docconv.structure.lines import title_like as _title_like
from docconv.structure.numbering import match_marker

ARTICLE_CLASS = "article"
_TITLE_SUFFIX = re.compile(r"范文\s*[0-9０-９]+\s*$")
# A line that names a report genre at its end reads as the title of a report ("2012年控烟工作总结").
_REPORT_TITLE = re.compile(r"(总结|计划|汇报|报告|述职|心得|体会|方案|规划|情况|发言|讲话)\s*$")
_SHINGLE = 3
NEAR_DUPLICATE = 0.3
"""Character 3-gram Jaccard similarity from which two articles count as near copies. Measured on the
seeds: unrelated reports on one topic score at most 0.06, a "spun" synonym-swapped copy 0.40 to 0.55."""


def split_articles(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Wrap each article of a multi-article page in a Div; leave single-article documents alone."""
    del options
    # Only the part before the first article Div is looked at: articles already wrapped (by this stage
    # on an earlier run, or by residue removal for articles appended after a reading tail) stay as they are.
    first_div = next((i for i, b in enumerate(doc.blocks) if is_article(b)), len(doc.blocks))
    blocks, wrapped = list(doc.blocks[:first_div]), doc.blocks[first_div:]
    starts = _boundaries(blocks, log)
    if not starts:
        return doc
    head, articles = blocks[:starts[0]], []
    for a, b in zip(starts, [*starts[1:], len(blocks)], strict=True):
        articles.append(Div(blocks=tuple(blocks[a:b]), attr=Attr(classes=(ARTICLE_CLASS,)),
                            pos=blocks[a].pos))
    log.report("structure.articles", f"page split into {len(articles)} articles"
               + (f" (and {len(wrapped)} already wrapped)" if wrapped else ""))
    return replace(doc, blocks=(*head, *articles, *wrapped))


def _boundaries(blocks: list[Block], log: DiagnosticLog) -> list[int]:
    starts: list[int] = []
    top: Scheme | None = None
    last_ordinal = 0
    for i, b in enumerate(blocks):
        text = _text(b).strip()
        if not isinstance(b, Para) or not text:
            continue
        m = match_marker(text)
        if (m is not None and m.marker.scheme is Scheme.ARTICLE) or (
                _title_like(b) and _TITLE_SUFFIX.search(text)):
            starts.append(i)
            log.report("structure.article-marker", "article marker starts a new article", text=text[:40],
                       pos=b.pos)
            top, last_ordinal = None, 0
            continue
        previous = blocks[i - 1] if i > 0 else None
        if (m is None and i > 0 and _title_like(b) and _REPORT_TITLE.search(text) and previous is not None
                and _text(previous).rstrip()[-1:] in ("。", "！", "!", ".")
                and i + 1 < len(blocks) and not _title_like(blocks[i + 1])):
            # A report title after a closing sentence and before body text: the next report begins.
            if starts or _numbered_before(blocks, i):
                starts.append(i)
                log.report("structure.article-title-line", "a report title after a closing paragraph "
                           "starts a new article", text=text, pos=b.pos)
                top, last_ordinal = None, 0
            continue
        if m is None or m.marker.scheme in (Scheme.DASH, Scheme.CHAPTER, Scheme.SECTION, Scheme.PART):
            continue
        scheme = m.marker.scheme
        if top is None:
            top = scheme
        if scheme is not top:
            continue
        lead_in = previous is not None and _text(previous).rstrip().endswith((":", "："))
        if m.marker.ordinal == 1 and last_ordinal > 1 and not lead_in:
            start = i - 1 if previous is not None and _title_like(previous) else i
            if not starts or start > starts[-1]:
                starts.append(start)
                log.report("structure.article-restart",
                           f"{m.marker.raw} starts the numbering again: a new article begins",
                           text=_text(blocks[start])[:40], pos=blocks[start].pos)
        last_ordinal = m.marker.ordinal
    if starts and starts[0] > 0:
        # The first article starts with the page's own body; the page head stays outside.
        first_body = _first_article_start(blocks, starts[0])
        if first_body is not None:
            starts.insert(0, first_body)
    return starts


def _numbered_before(blocks: list[Block], end: int) -> bool:
    """Whether the page has numbered sections before `end` (so it is a report, not a page head)."""
    return any((m := match_marker(_text(b).strip())) is not None and m.marker.scheme is not Scheme.DASH
               for b in blocks[:end])


def _first_article_start(blocks: list[Block], first_boundary: int) -> int | None:
    """Where the body before the first boundary begins, if that body has numbered sections."""
    for i in range(first_boundary):
        m = match_marker(_text(blocks[i]).strip())
        if m is not None and m.marker.scheme is not Scheme.DASH:
            return i - 1 if i > 0 and _title_like(blocks[i - 1]) and i - 1 > 0 else i
    return None


def _shingles(text: str) -> set[str]:
    text = re.sub(r"\s+", "", text)
    return {text[i:i + _SHINGLE] for i in range(max(1, len(text) - _SHINGLE + 1))}


def _is_title_line(block: Block) -> bool:
    if _title_like(block):
        return True
    m = match_marker(_text(block).strip())
    return m is not None and m.marker.scheme is Scheme.ARTICLE


def _body(div: Div) -> str:
    """An article's text without its leading title lines, for comparing articles."""
    blocks = list(div.blocks)
    while blocks and _is_title_line(blocks[0]):
        blocks.pop(0)
    parts = [plain_text(b.content) for b in blocks if isinstance(b, Para | Heading)]
    return re.sub(r"\s+", "", "".join(parts))


def drop_duplicate_articles(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Drop articles that repeat an earlier one word for word; report (or drop) near copies."""
    kept: list[Block] = []
    seen: list[tuple[str, set[str]]] = []
    for b in doc.blocks:
        if not (isinstance(b, Div) and ARTICLE_CLASS in b.attr.classes):
            kept.append(b)
            continue
        body = _body(b)
        if not body:
            kept.append(b)
            continue
        title = _text(b.blocks[0])[:40] if b.blocks else ""
        if any(body == other for other, _ in seen):
            log.report("structure.duplicate-article", "article repeats an earlier one word for word",
                       action=Action.REMOVED, text=title, pos=b.pos)
            continue
        shingles = _shingles(body)
        best = max((len(shingles & s) / len(shingles | s) for _, s in seen), default=0.0)
        if best >= NEAR_DUPLICATE:
            if options.drop_near_duplicates:
                log.report("structure.near-duplicate-article",
                           f"article is a near copy of an earlier one (similarity {best:.2f})",
                           action=Action.REMOVED, text=title, pos=b.pos)
                continue
            log.report("structure.near-duplicate-article",
                       f"article is a near copy of an earlier one (similarity {best:.2f}); kept "
                       "(--drop-near-duplicates drops it)",
                       action=Action.KEPT, severity=Severity.WARNING, text=title, pos=b.pos)
        seen.append((body, shingles))
        kept.append(b)
    return replace(doc, blocks=tuple(kept)) if len(kept) != len(doc.blocks) else doc


def is_article(block: Block) -> bool:
    """Whether a block is an article Div."""
    return isinstance(block, Div) and ARTICLE_CLASS in block.attr.classes

