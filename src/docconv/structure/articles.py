"""Multi-article pages: split into `Div` articles, drop articles pasted twice, split per article.

A page holds several articles when it says so with article markers (`第一篇`, `篇一:`, `范文1` at the
start of a line, or a title line ending in `范文2`), or when its numbering starts again: the top scheme
back at 1 (`一、` after `四、`, or `一、` repeated), or a lower scheme repeating its first number (`(一)`
right after `(一)`), without a short lead-in announcing a list (`…抓好以下工作:`). The new article begins
at its title line when one stands just before it (at most one introduction paragraph between), at a
speech's greeting (`尊敬的各位领导:`, with a date line above it), or else at the restarting marker. A short
line that ends in a report genre (`…工作总结`, `…汇报材料`) after a closing sentence and before body text
also starts one.

Each article becomes `Div(attr=Attr(classes=("article",)))`. An article whose text repeats an earlier one
word for word is dropped (the text survives once); a near copy (a "spun" rewrite) is reported, and
dropped only with `--drop-near-duplicates`. `split_documents` turns a structured page into one Document
per article (`--split-articles`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from docconv.ast import Attr, Block, Div, Document, Heading, Meta, Para, Scheme, plain_text
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.structure.lines import PAGE_TITLE_MAX, is_date_line
from docconv.structure.lines import block_text as _text
from docconv.structure.lines import title_like as _title_like
from docconv.structure.numbering import RUNG as _RUNG
from docconv.structure.numbering import match_marker

ARTICLE_CLASS = "article"
_TITLE_SUFFIX = re.compile(r"范文\s*[0-9０-９]+\s*$")
# A line that names a report genre at its end reads as the title of a report ("2012年控烟工作总结").
_REPORT_TITLE = re.compile(
    r"(总结|计划|汇报|报告|述职|心得|体会|方案|规划|情况|发言|讲话|材料|致辞|发言稿)\s*$")
# A speech opens with its greeting ("尊敬的各位领导:", "各位领导、同志们:").
_SALUTATION = re.compile(r"^(?:尊敬的|各位|亲爱的).{0,24}[:：]$")
_LOOK_BACK = 3  # blocks before a restart searched for the new article's title or greeting
_LEAD_IN_MAX = 40  # characters: a lead-in announcing a list is one short clause
# Schemes that do not form numbered sequences, or that sit above the sections of one article.
_NOT_SEQUENCES = frozenset({Scheme.DASH, Scheme.BULLET, Scheme.CHAPTER, Scheme.SECTION, Scheme.PART})
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
    # Last ordinal per scheme since a marker of a higher rung: a sequence that starts again at 1 without
    # its parent having moved on is a new article's sequence.
    last: dict[Scheme, int] = {}
    for i, b in enumerate(blocks):
        text = _text(b).strip()
        if not isinstance(b, Para) or not text:
            continue
        m = match_marker(text)
        if (m is not None and m.marker.scheme is Scheme.ARTICLE) or (
                _title_like(b) and _TITLE_SUFFIX.search(text)):
            start = i - 1 if i > 0 and _group_title(blocks, i - 1) and (not starts or i - 1 > starts[-1]) \
                else i
            starts.append(start)
            log.report("structure.article-marker", "article marker starts a new article", text=text[:40],
                       pos=b.pos)
            top, last = None, {}
            continue
        previous = blocks[i - 1] if i > 0 else None
        if (m is None and i > 0 and _title_like(b) and _REPORT_TITLE.search(text) and previous is not None
                and _text(previous).rstrip()[-1:] in ("。", "！", "!", ".")
                and i + 1 < len(blocks) and not _is_title_line(blocks[i + 1])):
            # A report title after a closing sentence and before body text: the next report begins.
            # (Before `篇二:…` it is that article's group title, which the marker's article takes.)
            if starts or _numbered_before(blocks, i):
                starts.append(i)
                log.report("structure.article-title-line", "a report title after a closing paragraph "
                           "starts a new article", text=text, pos=b.pos)
                top, last = None, {}
            continue
        if m is None:
            continue
        scheme, ordinal = m.marker.scheme, m.marker.ordinal
        for other in [s for s in last if _RUNG[s] > _RUNG[scheme]]:
            # A parent moved on (`二、`, or a `第二章` above the sequences): its children's sequences
            # start afresh, so `（一）` under the next chapter is a new section, not a new article.
            del last[other]
        if scheme in _NOT_SEQUENCES:
            continue
        if top is None or _RUNG[scheme] < _RUNG[top]:
            top = scheme
        before = last.get(scheme)
        restart = ordinal == 1 and before is not None and (before == 1 or (scheme is top and before > 1))
        if restart and not _lead_in_list(blocks, i):
            start = _article_start(blocks, i, starts[-1] if starts else 0)
            if not starts or start > starts[-1]:
                starts.append(start)
                log.report("structure.article-restart",
                           f"{m.marker.raw} starts the numbering again: a new article begins",
                           text=_text(blocks[start])[:40], pos=blocks[start].pos)
                top, last = scheme, {}
        last[scheme] = ordinal
    if starts and starts[0] > 0:
        # The first article starts with the page's own body; the page head stays outside.
        first_body = _first_article_start(blocks, starts[0])
        if first_body is not None:
            starts.insert(0, first_body)
    return starts


def _lead_in_list(blocks: list[Block], i: int) -> bool:
    """Whether the restart at `i` is a list announced by a short lead-in (`…抓好以下工作:`).

    A long paragraph ending in ':' (`…汇报如下:` after a greeting) opening numbered sections is a new
    report's introduction, not a lead-in; so is a short one when a title or greeting stands before it.
    """
    previous = _text(blocks[i - 1]).rstrip() if i > 0 else ""
    if not previous.endswith((":", "：")):
        return False
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    sections = following is not None and match_marker(_text(following).strip()) is None \
        and not _title_like(following)
    if not sections:
        return True
    # Sections after a short lead-in are a new report only when a title or greeting opens it.
    return len(previous) <= _LEAD_IN_MAX and _article_start(blocks, i, 0) == i


def _article_start(blocks: list[Block], i: int, floor: int) -> int:
    """Where the article whose numbering restarts at block `i` begins.

    Its title line when one stands just before it (at most one introduction paragraph between), or a
    speech's greeting (`尊敬的各位领导:`) with the date line above it; otherwise the restarting marker.
    """
    for back in range(1, _LOOK_BACK + 1):
        j = i - back
        if j <= floor or match_marker(_text(blocks[j]).strip()) is not None:
            break
        if back <= 2 and _title_like(blocks[j]) and not is_date_line(blocks[j]):
            return j
        if _SALUTATION.search(_text(blocks[j]).strip()):
            return j - 1 if j - 1 > floor and is_date_line(blocks[j - 1]) else j
    return i


def _group_title(blocks: list[Block], j: int) -> bool:
    """A short title line right before an article marker, after a closing paragraph: a group's title."""
    return (j > 0 and _title_like(blocks[j]) and not is_date_line(blocks[j])
            and _text(blocks[j - 1]).rstrip()[-1:] in ("。", "！", "!", "."))


def _numbered_before(blocks: list[Block], end: int) -> bool:
    """Whether the page has numbered sections before `end` (so it is a report, not a page head)."""
    return any((m := match_marker(_text(b).strip())) is not None and m.marker.scheme is not Scheme.DASH
               for b in blocks[:end])


def _first_article_start(blocks: list[Block], first_boundary: int) -> int | None:
    """Where the body before the first boundary begins, if that body has numbered sections."""
    for i in range(first_boundary):
        m = match_marker(_text(blocks[i]).strip())
        if m is not None and m.marker.scheme is not Scheme.DASH:
            return _article_start(blocks, i, 0)
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



def article_title(div: Div) -> Heading | None:
    """The level-2 title heading of an article Div as `structure` made it (group-title lines may stand
    before it), or None for an untitled article."""
    for b in div.blocks:
        if isinstance(b, Heading):
            titled = b.level == 2 and (b.marker is None or b.marker.scheme is Scheme.ARTICLE)
            return b if titled else None
        if not (isinstance(b, Para) and _title_like(b, PAGE_TITLE_MAX)):
            return None
    return None


def split_documents(doc: Document) -> list[Document]:
    """One Document per article of a multi-article page (for `--split-articles`); `[doc]` when it has none.

    Each document inherits the page's metadata (source, date, encoding, …). A titled article's title
    becomes its `Meta.title` and its level-1 heading, and its other headings move up one level, so that
    `一、` is level 2 as in any single report; group-title lines that stood before the title stay before
    it. An untitled article keeps the page title in `Meta.title`.
    `Meta.extra` gains `article` (1-based index), `articles` (count) and `page-title`.

    Nothing is dropped: the page head (what stands before the first article, except the page title
    heading) goes into the first article's document, right after its title; blocks between or after
    articles go with the article before them. When the first article is one a site appended after a
    reading list (`origin=appended`), what stands before it is the page's own report: it becomes the
    first document, under the page title.
    """
    indices = [i for i, b in enumerate(doc.blocks) if is_article(b)]
    if not indices:
        return [doc]
    if _is_appended(doc.blocks[indices[0]]) and any(
            not (isinstance(b, Heading) and b.level == 1) for b in doc.blocks[:indices[0]]):
        main = Div(blocks=doc.blocks[:indices[0]], attr=Attr(classes=(ARTICLE_CLASS,)), pos=doc.pos)
        doc = replace(doc, blocks=(main, *doc.blocks[indices[0]:]))
        indices = [i for i, b in enumerate(doc.blocks) if is_article(b)]
    head = [b for b in doc.blocks[:indices[0]] if not (isinstance(b, Heading) and b.level == 1)]
    groups: list[tuple[Div, list[Block]]] = []
    for k, i in enumerate(indices):
        end = indices[k + 1] if k + 1 < len(indices) else len(doc.blocks)
        div = doc.blocks[i]
        assert isinstance(div, Div)
        groups.append((div, list(doc.blocks[i + 1:end])))
    page_title = doc.meta.title
    out: list[Document] = []
    for n, (div, trailing) in enumerate(groups, start=1):
        extra = (*doc.meta.extra, ("article", str(n)), ("articles", str(len(groups))))
        if page_title is not None:
            extra = (*extra, ("page-title", page_title))
        title = article_title(div)
        blocks = [*div.blocks, *trailing]
        meta: Meta = replace(doc.meta, extra=extra)
        if title is not None:
            t = blocks.index(title)
            top = Heading(level=1, content=title.content, marker=title.marker, attr=title.attr, pos=title.pos)
            # Group-title lines stay where they stood, before the title they introduce.
            rest = [_promote(b) for b in blocks[t + 1:]]
            blocks = [*blocks[:t], top, *(head if n == 1 else []), *rest]
            marker_title = title.marker.raw.strip() if title.marker else None
            meta = replace(meta, title=plain_text(title.content).strip() or marker_title)
        elif n == 1:
            blocks = [*head, *blocks]
        out.append(Document(meta=meta, blocks=tuple(blocks), attr=doc.attr, pos=div.pos))
    return out


def _is_appended(block: Block) -> bool:
    """Whether an article Div is one a site appended after its reading list (see clean/residue.py)."""
    return isinstance(block, Div) and ("origin", "appended") in block.attr.kv


def _promote(block: Block) -> Block:
    """The block with every heading inside it one level up (never above level 2)."""
    if isinstance(block, Heading):
        return replace(block, level=max(2, block.level - 1))
    if isinstance(block, Div):
        return replace(block, blocks=tuple(_promote(b) for b in block.blocks))
    return block
