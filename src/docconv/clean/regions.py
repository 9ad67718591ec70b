"""Site furniture by page region: what an HTML page's own markup puts in its header, footer or sidebars.

The HTML reader records on each block the furniture region it was read from (`Attr.kv` key REGION_KEY:
`header`, `footer`, `aside`, `nav`, `sidebar`, `breadcrumb`, `comment`, `related`, `ad`, `share`,
`pagination`, `byline`, `tags`, `dialog`, `tools`; from a forum thread's shape, `reply` and `poster`;
`main` or nothing for the page's content). A site's
developers name those regions, so the evidence is strong where the page agrees with it: blocks of furniture
regions before the first and after the last content block are removed (rule `furniture.html-region`), and so
are rows of links there that no region names (`furniture.html-links`: a top bar `首页 | 工作计划 | …`).
A content
block is a heading or a paragraph of sentences outside furniture regions. Between content blocks a region is
only a class name that may lie (a theme calling its article column a "sidebar"), so such blocks are kept and
reported as suspect; the residue rules judge their text. A page with no content block outside furniture
regions keeps everything. An article the site split into pages and a crawler saved as one page first loses,
between its parts, the pagers and the title repeated over each page, and each sentence the pages cut in two is
joined again (`_remove_page_seams`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import replace

from docconv.ast import (
    REGION_KEY,
    SOURCE_KEY,
    Attr,
    Block,
    Document,
    Heading,
    HorizontalRule,
    Image,
    Inline,
    Link,
    List,
    Para,
    Strong,
    Table,
    Text,
    plain_text,
)
from docconv.clean.joins import continues, left_open
from docconv.clean.pagemeta import (
    INDEX_ID,
    block_text,
    byline_meta,
    index_labels,
    index_meta,
    is_index,
    table_cells,
)
from docconv.clean.residue import active_rules
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.structure.numbering import match_marker
from docconv.transform import Transform
from docconv.walk import iter_nodes

RULE_ID = "furniture.html-region"
LINKS_ID = "furniture.html-links"
_CONTENT = frozenset({"main"})


def region(block: Block) -> str | None:
    """The page region a block was read from, or None."""
    attr = getattr(block, "attr", None)
    if not isinstance(attr, Attr):
        return None
    for key, value in attr.kv:
        if key == REGION_KEY:
            return value
    return None


def remove_region_furniture(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Drop furniture-region blocks (and rows of links) around the page's content; report those inside."""
    doc, nav = _remove_page_seams(doc, options, log)
    blocks = doc.blocks
    regions = [region(b) for b in blocks]
    page = (SOURCE_KEY, "html") in doc.attr.kv
    site = _site_names(doc.meta.title) if page else frozenset()
    if (not any(r is not None and r not in _CONTENT for r in regions) and not any(nav)
            and not any(is_index(b) for b in blocks)
            and not (page and any(isinstance(b, HorizontalRule) or _key_of(b) in site for b in blocks))):
        return doc  # not an HTML page, or one without furniture regions, link rows, rules or an index
    anchors = _content_anchors(blocks, regions, nav, log)
    if not anchors:
        if any(r is not None and r not in _CONTENT for r in regions):
            log.report(RULE_ID, "no block of the page reads as its content outside furniture regions; "
                       "nothing removed by region", severity=Severity.WARNING, action=Action.KEPT)
        return doc
    _, off = active_rules(options)
    first, last = anchors[0], anchors[-1]
    first_body = next((i for i in anchors if not isinstance(blocks[i], Heading) and not is_index(blocks[i])),
                      last)
    meta, title = doc.meta, _title_key(doc.meta.title)
    captions = _captions(blocks, nav, first, last)
    kept: list[Block] = []
    for i, (b, r) in enumerate(zip(blocks, regions, strict=True)):
        outside = i < first or i > last
        where = "before" if i < first else "after"
        if i < first_body and isinstance(b, Table) and (labels := index_labels(b)):
            _drop_or_keep(b, INDEX_ID, "the information-disclosure index of a government page ("
                          + "、".join(labels) + "), above the text", off=off, kept=kept, log=log)
            if INDEX_ID not in off:
                meta = index_meta(b, meta, log)
        elif r == _SIGNATURE or r in _THREAD:
            _anywhere(b, r, off=off, kept=kept, log=log)
        elif r is None or r in _CONTENT:
            why = (f"the site's name (it follows the title in the page's <title>) {where} the page's content"
                   if i < first and _key_of(b) in site else
                   f"a thematic break {where} the page's content: it only set the site's furniture apart "
                   "from the text" if outside and page and isinstance(b, HorizontalRule)
                   and (i < first or _furniture_only(blocks[i + 1:], regions[i + 1:], nav[i + 1:]))
                   else f"{nav[i]} {where} the page's content (site navigation)" if outside and nav[i]
                   else f"the title of a list of links {where} the page's content" if i in captions else "")
            if why:
                _drop_or_keep(b, RULE_ID if isinstance(b, HorizontalRule) else LINKS_ID, why, off=off,
                              kept=kept, log=log)
            else:
                kept.append(b)
        elif r == _BYLINE and i > last:
            log.report(RULE_ID, "in the page's byline region after its content, where a report signs its "
                       "name; kept for the residue rules to judge", severity=Severity.WARNING,
                       action=Action.KEPT, text=block_text(b), pos=getattr(b, "pos", None))
            kept.append(b)
        elif r == _BYLINE and i < first_body and not _is_prose(b) and not isinstance(b, Heading):
            # The author box under the title: name, time, place, a follow button.
            _drop_or_keep(b, RULE_ID, "the page's byline region above its text", off=off, kept=kept, log=log)
            if RULE_ID not in off:
                meta = byline_meta(b, meta, log, rule=RULE_ID)
        elif not outside:
            if r in _NEVER_CONTENT and not _is_prose(b) and not isinstance(b, Heading):
                _drop_or_keep(b, RULE_ID, f"the page's {r} region inside its content, and no sentences of "
                              "report text", off=off, kept=kept, log=log)
                continue
            log.report(RULE_ID, f"inside the page's content but in its {r} region; kept for the residue "
                       "rules to judge", severity=Severity.WARNING, action=Action.KEPT, text=block_text(b),
                       pos=getattr(b, "pos", None))
            kept.append(b)
        elif i < first and title and _is_title(b, title):
            log.report(RULE_ID, f"in the page's {r} region before its content, but it is the page's title; "
                       "kept", severity=Severity.WARNING, action=Action.KEPT, text=block_text(b),
                       pos=getattr(b, "pos", None))
            kept.append(b)
        else:
            _drop_or_keep(b, RULE_ID, f"the page's {r} region, {where} its content", off=off, kept=kept,
                          log=log)
    return replace(doc, blocks=tuple(kept), meta=meta)


_SIGNATURE = "signature"
_THREAD = {
    "reply": "a reply in a forum thread (a short post by another member after the first post, which holds "
             "the report)",
    "poster": "the box of a forum post around the report: the poster's name and rank, the floor, the time, "
              "the reply buttons",
}
"""Regions the HTML reader finds from a forum thread's shape (readers/html/threads.py), not from names:
strong evidence wherever the block stands (the author's later floors follow the replies)."""
_FULL_DATE = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*"
                        r"[\d〇○零一二三四五六七八九十]{1,2}\s*月|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
_PUNCTUATION = re.compile(r"[，,。！？!?；;：:、—…“”\"'-]")


def _furniture_only(blocks: tuple[Block, ...], regions: list[str | None], nav: list[str]) -> bool:
    """Whether nothing but furniture (regions, navigation, rules) follows: a rule after the content
    with a line of its own below it (a print footer) still separates that line from the text."""
    return all((r is not None and r not in _CONTENT) or n or isinstance(b, HorizontalRule)
               for b, r, n in zip(blocks, regions, nav, strict=True))


def _anywhere(b: Block, region: str, *, off: frozenset[str], kept: list[Block], log: DiagnosticLog) -> None:
    """Judge a block of a region that is furniture wherever it stands: a forum thread's replies and post
    boxes (`_THREAD`), and signatures (a thread's posts alternate text and signatures)."""
    if region in _THREAD:
        _drop_or_keep(b, RULE_ID, _THREAD[region], off=off, kept=kept, log=log)
    elif _signs_report(b):
        log.report(RULE_ID, "in the page's signature region, but it names a date or only a unit: it may be "
                   "the report's own signature; kept", severity=Severity.WARNING, action=Action.KEPT,
                   text=block_text(b), pos=getattr(b, "pos", None))
        kept.append(b)
    else:
        _drop_or_keep(b, RULE_ID, "the page's signature region (a poster's signature under the post, never "
                      "the report)", off=off, kept=kept, log=log)


def _signs_report(block: Block) -> bool:
    """A signature-region block that may be the report's own signature (落款): it holds a date, or it is
    a short name with no punctuation (an issuing unit). A poster's motto has punctuation and no date."""
    text = block_text(block).strip()
    if not text or not isinstance(block, Para):
        return False
    return bool(_FULL_DATE.search(text)) or (len(text) <= _SHORT and not _PUNCTUATION.search(text))


_BYLINE = "byline"
"""The author box: page furniture above the text, but after it a class name such as `author` may mark
the report's own signature (unit and date), which the residue rules know and keep."""
_NEVER_CONTENT = frozenset({"ad", "share", "buttons", "dialog", "tools"})
"""Regions whose non-prose blocks go even between content blocks: a banner, share bar or row of script
buttons that splits an article in two is never part of it, while a "sidebar" class may be a theme's name
for the text column."""


def _drop_or_keep(b: Block, rid: str, why: str, *, off: frozenset[str], kept: list[Block],
                  log: DiagnosticLog) -> bool:
    """Report `b` removed (True), or kept because its rule is turned off (False, `b` added to `kept`)."""
    text, pos = block_text(b), getattr(b, "pos", None)
    if rid in off:
        log.report(rid, f"furniture: {why}; kept because the rule is turned off", action=Action.KEPT,
                   text=text, pos=pos)
        kept.append(b)
        return False
    log.report(rid, f"furniture: {why}", action=Action.REMOVED, text=text, pos=pos)
    return True


_SENTENCE_END = re.compile(r"[。！？!?；;]")
_BODY_MIN = 20  # characters: a content paragraph is at least one real sentence
_SHORT = 30  # characters: a line this short (a date, an author line) does not decide what a heading heads


def _is_prose(block: Block) -> bool:
    """A paragraph of sentences."""
    if not isinstance(block, Para):
        return False
    text = plain_text(block.content)
    return len(text) >= _BODY_MIN and _SENTENCE_END.search(text) is not None


def _anchors(blocks: tuple[Block, ...], regions: list[str | None], nav: list[str]) -> list[int]:
    """Indexes of the blocks that anchor the page's content, outside furniture regions.

    Sentences anchor it, and so do lists and tables that are not navigation. A heading anchors it only
    when content follows (past other headings and short lines such as a date): a heading that titles a
    sidebar's list of links ("最新文章") or a logo is not the report's.
    """
    def free(i: int) -> bool:
        return regions[i] is None or regions[i] in _CONTENT

    def body(i: int) -> bool:
        b = blocks[i]
        return free(i) and not nav[i] and (_is_prose(b) or isinstance(b, List | Table))

    out: list[int] = []
    for i, b in enumerate(blocks):
        if body(i):
            out.append(i)
        elif free(i) and isinstance(b, Heading) and _has_words(b):
            for j in range(i + 1, len(blocks)):
                if body(j):
                    out.append(i)
                    break
                nxt = blocks[j]
                short = isinstance(nxt, Para) and len(plain_text(nxt.content)) < _SHORT
                if not (free(j) and not nav[j] and (isinstance(nxt, Heading) or short)):
                    break
    return out


def _content_anchors(blocks: tuple[Block, ...], regions: list[str | None], nav: list[str],
                     log: DiagnosticLog) -> list[int]:
    """`_anchors`, after the report's own link lists below its text lost their navigation mark."""
    anchors = _anchors(blocks, regions, nav)
    if anchors and _claim_navigation(blocks, regions, nav, anchors[-1], log):
        anchors = _anchors(blocks, regions, nav)
    return anchors


def _has_words(h: Heading) -> bool:
    """A heading with text of its own, not only a linked logo or picture."""
    own = "".join(plain_text((n,)) for n in h.content if not isinstance(n, Link | Image))
    return bool(own.strip())


# ------------------------------------------------------------------------------------------ navigation

_LINK_SHARE = 0.7
_ITEM_LINK_SHARE = 0.5  # a list item of a related-articles list may add a date or a view count
_PAGER = re.compile(r"^(?:\s|[|｜«»<>＜＞…·.]|上一?页|下一?页|前一?页|后一?页|首页|尾页|末页|最后一页|第一页|"
                    r"[第共]\s*\d+\s*页|当前第?\s*\d+\s*页|\d{1,3}|\[\d{1,3}\]|全文|阅读全文)+$")
_PAGER_WORD = re.compile(r"[上下前后]一?页|[第共]\s*\d+\s*页|尾页|末页")


def _navigation(blocks: tuple[Block, ...]) -> list[str]:
    """For each block, what kind of navigation it is ("" for none): a row of links, a list of links,
    one of a run of link-only lines, or a pager (上一页 1 2 3 下一页, 共3页)."""
    out = ["" for _ in blocks]
    for i, b in enumerate(blocks):
        if _link_row(b):
            out[i] = "a row of links"
        elif isinstance(b, List) and len(b.items) >= 2 and all(_link_item(it.blocks) for it in b.items):
            out[i] = "a list of links"
        elif ((isinstance(b, Para) and _PAGER_WORD.search(t := plain_text(b.content)) and _PAGER.match(t))
              or _pager(b, None) is not None):
            out[i] = "a pager"
        elif _figures(b):
            out[i] = "a box of counts (a profile's or a site's statistics)"
    run: list[int] = []
    for i in range(len(blocks) + 1):
        if i < len(blocks) and not out[i] and isinstance(blocks[i], Para) and _link_item(blocks[i:i + 1]):
            run.append(i)
            continue
        if len(run) >= 2:
            for j in run:
                out[j] = "one of a run of link-only lines"
        run = []
    return out


# A count with its label, as a profile or statistics box prints it: `博客积分：736`, `访问 61,224`,
# `312 帖子`. Only a bare count (no unit such as 元 or 人) and a short label: a report's figures name
# their units.
_COUNT = r"\d[\d,，.]*\s*[万千kKwW]?\+?"
_LABEL = r"[^\d\s：:，,。；;]{1,8}"
# A category or archive row with its count of posts: `教育随笔(58)`, `2023年12月（5）`.
_FIGURE = re.compile(rf"^\s*(?:{_LABEL}\s*[：:]?\s*{_COUNT}|{_COUNT}\s*{_LABEL}"
                     rf"|[^：:，,。；;()（）]{{1,12}}\s*[(（]\s*\d{{1,6}}\s*[)）])\s*$")
_FIGURES_MIN = 2


def _figures(block: Block) -> bool:
    """A list or a table of counts and nothing else (`博客等级：9`, `博客积分：736`; `56 主题`)."""
    if isinstance(block, List):
        cells = [" ".join(plain_text(x.content) for x in it.blocks if isinstance(x, Para))
                 for it in block.items]
    elif isinstance(block, Table):
        cells = [c for c in table_cells(block) if c]
    else:
        return False
    return len(cells) >= _FIGURES_MIN and all(_FIGURE.match(c) for c in cells)


# ------------------------------------------------------------------------ pages merged into one page

# A site that splits a long article into pages prints a pager under each page and the article's title
# (with a page suffix) over each; a crawler that saves the pages as one keeps both between the parts.
_PAGER_TOKEN = (r"\s|[|｜«»<>＜＞‹›…·.,，、:：/\[\]()（）-]|上一?页|下一?页|前一?页|后一?页|首页|尾页|末页"  # noqa: S105
                r"|最后一?页|第一页|[第共]\s*\d{1,4}\s*页|当前第?\s*\d{1,4}\s*页|页次|跳转|全文|阅读全文|下一页>?"
                r"|分页|页码|(?i:next|prev(?:ious)?|first|last|pages?)|\d{1,4}")
_PAGER_TEXT = re.compile(rf"^(?:{_PAGER_TOKEN})+$")
_PAGE_COUNT = re.compile(r"[第共]\s*\d{1,4}\s*页|当前第?\s*\d{1,4}\s*页")
_NUMBER = re.compile(r"\d{1,4}")
_PAGE_PART = re.compile(r"[_-](?:p|page)?(\d{1,4})(?=\.[A-Za-z]{2,5}$)|/(?:page/)?(\d{1,4})/?$"
                        r"|[?&](?:page|p|pn|pg|pageno|pagenum|paged|pi|curpage|cp)=(\d{1,4})(?=&|$)",
                        re.IGNORECASE)


def _pager(block: Block, where: str | None) -> tuple[str, bool] | None:
    """Why a list or line is the pager of an article split into pages (`共3页: 1 2 3 下一页`), and whether
    that evidence is enough on its own; None for no pager.

    Its text is only page numbers and pager words. The page's pagination region, or numbers linking to
    other pages of the same article (`…_2.html`, `?page=2`), are enough; pager words beside a run of page
    numbers (`上一页 1 2 3 下一页`) written as plain text are not (a report may quote its viewer's pager).
    """
    if not isinstance(block, List | Para):
        return None
    text = _text_all(block)
    if not text.strip() or not _PAGER_TEXT.match(text) or not _NUMBER.search(text):
        return None
    if where == _PAGINATION:
        return "the page's pagination region", True
    if (sibling := _sibling_page(block)) is not None:
        return f"its page numbers link to other pages of the same article ({sibling})", True
    numbers = [int(n) for n in _NUMBER.findall(_PAGE_COUNT.sub(" ", text))]
    if (_PAGER_WORD.search(text) and len(numbers) >= 2
            and all(b - a >= 1 for a, b in itertools.pairwise(numbers))
            and any(b - a == 1 for a, b in itertools.pairwise(numbers))):
        return "pager words beside a run of page numbers", False
    return None


_PAGINATION = "pagination"


def _text_all(block: Block) -> str:
    """The whole text of a paragraph or list (its items space-separated)."""
    if isinstance(block, Para):
        return plain_text(block.content)
    return " ".join(plain_text(n.content) for n in iter_nodes(block) if isinstance(n, Para | Heading))


def _sibling_page(block: Block) -> str | None:
    """A link of the block whose text is a page number and whose address carries that number as the page
    of an article (`2` → `…/0108_2.html`, `…?page=2`), or None."""
    for link in (n for n in iter_nodes(block) if isinstance(n, Link)):
        label = plain_text(link.content).strip()
        target = link.target.split("#")[0]
        if label.isdigit() and int(label) >= 2 and any(
                label.lstrip("0") == next(g for g in m.groups() if g).lstrip("0")
                for m in _PAGE_PART.finditer(target)):
            return target
    return None


_PAGE_SUFFIX = re.compile(r"^(?:\(\s*(?:第\s*)?(\d{1,3})\s*页?\s*(?:[/,，]\s*共?\s*\d{1,3}\s*页?)?\s*\)"
                          r"|[\[【]\s*(?:第\s*)?(\d{1,3})\s*页?\s*[\]】]|[_\-—–]\s*(\d{1,3})"
                          r"|第\s*(\d{1,3})\s*页)$")
_SPACED_NUMBER = re.compile(r"\S\s+(\d{1,3})$")


def _title_keys(doc: Document, regions: list[str | None]) -> list[str]:
    """The article's title as the page states it: its `<title>` before the site's name, and the headings
    above the first paragraph of text (outside furniture regions)."""
    keys = [_folded(part) for part in _TITLE_SEPARATORS.split(doc.meta.title or "")[:1]]
    for b, r in zip(doc.blocks, regions, strict=True):
        if _is_prose(b):
            break
        if isinstance(b, Heading) and r in (None, *_CONTENT):
            keys.append(_folded(plain_text(b.content)))
    return [k for k in dict.fromkeys(keys) if len(k) >= _TITLE_MIN]


def _folded(text: str) -> str:
    """Text without white space, in one width (`（２）` → `(2)`)."""
    return _title_key(unicodedata.normalize("NFKC", text))


def _page_title(block: Block, keys: list[str]) -> int | None:
    """The page number of a line that repeats the article's title with a page suffix (`…(2)`, `…（第2页）`,
    `…_2`, `… 2`), 0 for the title repeated bare, None for any other line."""
    if not isinstance(block, Heading | Para) or not keys:
        return None
    text = unicodedata.normalize("NFKC", plain_text(block.content)).strip()
    folded = _title_key(text)
    for key in keys:
        if folded == key:
            return 0
        if not folded.startswith(key):
            continue
        if (m := _PAGE_SUFFIX.match(folded[len(key):])) is not None:
            return int(next(g for g in m.groups() if g))
        if (m := _SPACED_NUMBER.search(text)) is not None and folded[len(key):] == m.group(1):
            return int(m.group(1))
    return None


def _left_open(block: Block | None) -> bool:
    """Whether a paragraph is running text that stops mid-sentence (`joins.left_open`), not a heading (a
    short numbered line, a line all in bold)."""
    if not isinstance(block, Para) or _bold_only(block):
        return False
    text = plain_text(block.content).strip()
    return left_open(text) and not (match_marker(text) is not None and len(text) <= _SHORT)


def _bold_only(p: Para) -> bool:
    """A paragraph all in bold: a heading, whatever its text."""
    return len(p.content) == 1 and isinstance(p.content[0], Strong)


def _ordinal(block: Block) -> tuple[object, int] | None:
    """The numbering scheme and number of a heading or numbered line (`二、…` → (cn, 2))."""
    if isinstance(block, Heading) and block.marker is not None:
        return block.marker.scheme, block.marker.ordinal
    if isinstance(block, Heading | Para) and (m := match_marker(plain_text(block.content).strip())):
        return (m.marker.scheme, m.marker.ordinal) if m.marker.ordinal is not None else None
    return None


def _outline_goes_on(blocks: tuple[Block, ...], i: int) -> bool:
    """Whether the report's numbering goes on across block `i`: the last numbered heading before it and
    the first after it are one scheme, one apart (`二、` … `三、`)."""
    before = next((o for b in reversed(blocks[:i]) if (o := _ordinal(b)) is not None), None)
    after = next((o for b in blocks[i + 1:] if (o := _ordinal(b)) is not None), None)
    return before is not None and after is not None and before[0] == after[0] and after[1] == before[1] + 1


def _remove_page_seams(doc: Document, options: Options,
                       log: DiagnosticLog) -> tuple[Document, list[str]]:
    """Drop the pagers and repeated titles between the pages of an article saved as one web page, and join
    each sentence the pages cut in two; with the navigation marks of the blocks left (`_navigation`)."""
    if (SOURCE_KEY, "html") not in doc.attr.kv:
        # Rows and lists of links are navigation on a web page; in a Word file they may be its references.
        return doc, ["" for _ in doc.blocks]
    blocks = doc.blocks
    regions = [region(b) for b in blocks]
    nav = _navigation(blocks)
    anchors = _anchors(blocks, regions, nav)
    # The last page may hold only the end of a sentence, too short to anchor the content: the seams
    # run up to the last line of text outside furniture.
    end = max((i for i, b in enumerate(blocks) if isinstance(b, Para | Heading) and not nav[i]
               and regions[i] in (None, *_CONTENT) and plain_text(b.content).strip()), default=-1)
    if not anchors or end <= anchors[0]:
        return doc, nav
    seams = _page_seams(doc, regions, anchors[0], end, log)
    if not seams:
        return doc, nav
    _, off = active_rules(options)
    kept: list[Block] = []
    removed: list[int] = []  # the seams that went
    for i, b in enumerate(blocks):
        if i not in seams:
            kept.append(b)
        elif _drop_or_keep(b, *seams[i], off=off, kept=kept, log=log):
            removed.append(i)
    if removed:
        kept = _join_seams(kept, {id(b): i for i, b in enumerate(blocks)}, removed, log)
    return replace(doc, blocks=tuple(kept)), _navigation(tuple(kept))


def _page_seams(doc: Document, regions: list[str | None], first: int, last: int,
                log: DiagnosticLog) -> dict[int, tuple[str, str]]:
    """The blocks between the pages of an article saved as one page, by index: (rule id, why).

    A pager in the page's pagination region or linking to the article's other pages goes; one of plain
    text goes only beside a repeated title, and is otherwise kept as suspect. A line repeating the
    article's title with a page suffix (2 or more) goes when a pager stands next to it, when the text
    above it stops mid-sentence (the site cut the pages by length) or when the report's numbering goes on
    across it; otherwise it may be the title of the second of several articles and is kept as suspect.
    The bare title repeated goes only next to a pager.
    """
    blocks = doc.blocks
    pagers = {i: p for i in range(first + 1, last) if (p := _pager(blocks[i], regions[i])) is not None}
    keys = _title_keys(doc, regions)
    titles: dict[int, str] = {}
    for i in range(first + 1, last):
        page = _page_title(blocks[i], keys)
        if page is None or i in pagers or page == 1:
            continue
        prev = next((blocks[j] for j in range(i - 1, first - 1, -1) if j not in pagers), None)
        if i - 1 in pagers or i + 1 in pagers:
            why = "next to a pager"
        elif page >= 2 and _left_open(prev):
            why = "the text above it stops mid-sentence"
        elif page >= 2 and _outline_goes_on(blocks, i):
            why = "the report's numbering goes on across it"
        else:
            if page >= 2:
                log.report(TITLE_ID, f"the article's title with page number {page} inside the text, but no "
                           "pager beside it and the text goes on whole: it may title another article; "
                           "kept", severity=Severity.WARNING, action=Action.KEPT, text=block_text(blocks[i]),
                           pos=getattr(blocks[i], "pos", None))
            continue
        what = f"the article's title repeated over page {page}" if page else "the article's title repeated"
        titles[i] = f"{what} of an article the site split into pages ({why})"
    seams = {i: (TITLE_ID, why) for i, why in titles.items()}
    for i, (why, enough) in pagers.items():
        if enough or i - 1 in titles or i + 1 in titles:
            seams[i] = (RULE_ID if regions[i] == _PAGINATION else LINKS_ID,
                        f"a pager between two pages of the article ({why}"
                        + ("" if enough else ", beside the article's title repeated") + ")")
        else:
            log.report(LINKS_ID, "pager words and page numbers inside the text, but no pagination region, "
                       "no links to the article's other pages and no repeated title beside them; kept",
                       severity=Severity.WARNING, action=Action.KEPT, text=block_text(blocks[i]),
                       pos=getattr(blocks[i], "pos", None))
    return seams


def _join_seams(kept: list[Block], index: dict[int, int], removed: list[int],
                log: DiagnosticLog) -> list[Block]:
    """`kept` with each sentence that a removed page seam cut in two joined again. `index` maps `id()` of
    the page's blocks to their places, `removed` lists the places of the seam blocks that went."""
    out: list[Block] = []
    for b in kept:
        a = out[-1] if out else None
        if (a is not None and any(index[id(a)] < s < index[id(b)] for s in removed)
                and (joined := _joined(a, b, log)) is not None):
            out[-1] = joined
            index[id(joined)] = index[id(b)]
            continue
        out.append(b)
    return out


def _joined(a: Block, b: Block, log: DiagnosticLog) -> Para | None:
    """`a` and `b` as one paragraph when `b` goes on with the sentence `a` leaves open (the join stage's
    test across removed residue, `joins.continues`), else None. A line all in bold is a heading."""
    if not isinstance(a, Para) or not isinstance(b, Para) or _bold_only(a) or _bold_only(b):
        return None
    a_text, b_text = plain_text(a.content).strip(), plain_text(b.content).strip()
    if not continues(a_text, b_text):
        return None
    left, right = list(a.content), list(b.content)
    if left and isinstance(left[-1], Text):
        left[-1] = Text(text=left[-1].text.rstrip())
    if right and isinstance(right[0], Text):
        right[0] = Text(text=right[0].text.lstrip())
    log.report(JOIN_ID, "joined the two halves of a sentence that the site's pages cut apart (the pager "
               "and the repeated title between them were removed)", action=Action.CHANGED,
               text=f"{a_text[-12:]}¶{b_text[:12]}", pos=a.pos)
    # `continues` takes only a half that opens with a Chinese character or a digit: it closes up, as
    # the join stage closes its joins.
    return replace(a, content=(*left, *right))


TITLE_ID = "duplicate.repeated-title"
JOIN_ID = "repair.join-paragraphs"


# ---------------------------------------------------------------------- navigation the report owns

_LEAD_IN = re.compile(r"[：:]\s*$")
_LEAD_IN_MIN = 10  # characters: `相关文章：` is a caption, `…可通过以下链接查阅：` a sentence that introduces
_LOOK_BACK = 3  # blocks between a heading and the list it heads
_OWNED = 2  # points of evidence that keep a list


def _claim_navigation(blocks: tuple[Block, ...], regions: list[str | None], nav: list[str], last: int,
                      log: DiagnosticLog) -> bool:
    """Clear the navigation mark of link lists after the content that belong to the report; True when
    any was cleared.

    A report may end with its own list of links (`四、相关链接` over the policies it cites). The evidence
    that a list after the last sentence is the report's: it sits under a numbered heading that continues
    the report's outline (two points), a sentence of the report introduces it (`…可通过以下链接查阅：`),
    report text such as a signature or a date follows it, the page's article container holds it (one
    point each). Two points keep it; a site's `相关阅读` list has none or one.
    """
    claimed = False
    for i in range(last + 1, len(blocks)):
        if not nav[i] or regions[i] not in (None, *_CONTENT) or not isinstance(blocks[i], List | Para):
            continue
        reasons = []
        if _continues_outline(blocks, i):
            reasons += ["it stands under a numbered heading of the report's outline"] * 2
        prev = blocks[i - 1]
        if (isinstance(prev, Para) and not nav[i - 1] and _LEAD_IN.search(t := plain_text(prev.content))
                and len(t.strip()) >= _LEAD_IN_MIN):
            reasons.append("a sentence of the report introduces it")
        if _signed_after(blocks, regions, nav, i):
            reasons.append("the report's signature or date follows it")
        if regions[i] in _CONTENT:
            reasons.append("it is inside the page's article container")
        if len(reasons) < _OWNED:
            continue
        log.report(LINKS_ID, f"{nav[i]} after the page's content kept as the report's own: "
                   + "; ".join(dict.fromkeys(reasons)), severity=Severity.WARNING, action=Action.KEPT,
                   text=block_text(blocks[i]), pos=getattr(blocks[i], "pos", None))
        nav[i] = ""
        claimed = True
    return claimed


def _continues_outline(blocks: tuple[Block, ...], i: int) -> bool:
    """Whether a heading right above block `i` (past a lead-in or two) carries the next number of a
    heading sequence of the report (`四、` after `三、`)."""
    for j in range(i - 1, max(-1, i - 1 - _LOOK_BACK), -1):
        b = blocks[j]
        if not isinstance(b, Heading | Para):
            return False
        text = plain_text(b.content).strip()
        m = match_marker(text)
        if m is None or m.marker.ordinal is None or m.marker.ordinal < 2 or not m.rest:
            if isinstance(b, Heading) or _is_prose(b):
                return False
            continue
        want = (m.marker.scheme, m.marker.ordinal - 1)
        return any(isinstance(e, Heading | Para) and (p := match_marker(plain_text(e.content).strip()))
                   is not None and (p.marker.scheme, p.marker.ordinal) == want for e in blocks[:j])
    return False


def _signed_after(blocks: tuple[Block, ...], regions: list[str | None], nav: list[str], i: int) -> bool:
    """Whether a line with a date (the report's signature) follows block `i` outside furniture."""
    for j in range(i + 1, len(blocks)):
        b = blocks[j]
        if nav[j]:
            continue
        text = plain_text(b.content) if isinstance(b, Para) else ""
        return regions[j] in (None, *_CONTENT) and len(text) <= _SHORT and bool(_FULL_DATE.search(text))
    return False


def _external_links(content: tuple[Inline, ...]) -> list[Link]:
    # Links inside the document (#section) are a table of contents, part of the document itself.
    return [n for n in content if isinstance(n, Link) and not n.target.startswith("#")]


def _link_row(block: Block) -> bool:
    """A paragraph that is mostly links (two or more): a menu or a list of related pages."""
    if not isinstance(block, Para):
        return False
    links = _external_links(block.content)
    if len(links) < 2:
        return False
    return _linked_share(block.content, links) >= _LINK_SHARE


def _link_item(blocks: tuple[Block, ...]) -> bool:
    """A list item or line that is one link, perhaps with a date beside it."""
    if len(blocks) != 1 or not isinstance(blocks[0], Para):
        return False
    links = _external_links(blocks[0].content)
    return len(links) >= 1 and _linked_share(blocks[0].content, links) >= _ITEM_LINK_SHARE


def _linked_share(content: tuple[Inline, ...], links: list[Link]) -> float:
    linked = sum(len("".join(plain_text(n.content).split())) for n in links)
    total = len("".join(plain_text(content).split()))
    return linked / total if total else 0.0


def _captions(blocks: tuple[Block, ...], nav: list[str], first: int, last: int) -> set[int]:
    """Headings outside the content that title navigation right below them ("热门文章" over its links)."""
    return {i for i, b in enumerate(blocks[:-1])
            if (i < first or i > last) and isinstance(b, Heading | Para) and _caption_like(b) and nav[i + 1]
            and (i + 1 < first or i + 1 > last) and len(plain_text(b.content)) <= _SHORT}


def _caption_like(b: Block) -> bool:
    """A heading, or a line that is all bold (a sidebar box's title in a table layout)."""
    return isinstance(b, Heading) or (isinstance(b, Para) and len(b.content) == 1
                                      and isinstance(b.content[0], Strong))


_TITLE_MIN = 4
_TITLE_SEPARATORS = re.compile(r"\s[-–—|｜]\s|[_｜|]|\s-{1,2}\s")


def _site_names(title: str | None) -> frozenset[str]:
    """The parts of a page's `<title>` after its first separator: the blog's, column's or site's name
    (`…工作总结_三尺讲台_新浪博客`)."""
    parts = [_title_key(p) for p in _TITLE_SEPARATORS.split(title or "")]
    return frozenset(p for p in parts[1:] if len(p) >= 2)


def _key_of(block: Block) -> str:
    """A line's words without spaces, a picture counting by its alt text (a logo names the site)."""
    return _title_key(plain_text(block.content)) if isinstance(block, Para | Heading) else ""


def _title_key(title: str | None) -> str:
    return "".join((title or "").split())


def _is_title(block: Block, title: str) -> bool:
    """A heading or short line that opens the page's `<title>` (the site name, at its end, does not)."""
    if not isinstance(block, Heading | Para):
        return False
    # A logo's alt text (`<img alt="某某中學">`) is the site's name, which the `<title>` also opens with:
    # only words the block writes itself can be the report's title.
    text = "".join(plain_text(tuple(n for n in block.content if not isinstance(n, Image))).split())
    return len(text) >= _TITLE_MIN and title.startswith(text)


TRANSFORMS: tuple[Transform, ...] = (Transform("residue.html-region", remove_region_furniture),)
"""Runs before the residue rules, so that the page head they look at starts at the content."""
