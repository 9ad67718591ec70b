"""The document title: which line of the body is the report's title, made the level-1 heading.

The first line is the title when it reads as one; the source may name a later line instead (Word's Title
style under a site's leftover lines), a poster's remark may stand above the report's title, a title may
run over two lines, carry a site suffix, or be missing from the body while the source's `<title>` has it.
A dash line right under the title is its subtitle. See docs/structure.md, "The title".
"""

from __future__ import annotations

import re
from dataclasses import replace

from docconv.ast import Block, Emph, Heading, Inline, LineBreak, Meta, Para, Scheme, Strong, Text
from docconv.clean.chars import is_han
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.structure.hints import SUBTITLE_CLASS, hint_level, lead_text, named_title, without_hint
from docconv.structure.lines import PAGE_TITLE_MAX, TITLE_END_BARRED, marker_of, title_continuation
from docconv.structure.lines import block_text as _text
from docconv.structure.lines import title_like as _title_like
from docconv.structure.numbering import Match
from docconv.structure.title import reads_as_report_title, strip_site_suffix

_SENTENCE_END_RE = re.compile(r"[。！？!?；;]")


def document_title(blocks: list[Block], meta: Meta, log: DiagnosticLog) -> tuple[list[Block], Meta]:
    """The blocks with the title line made the level-1 heading (or the source's title put first), and
    the metadata with the title, the page title and the subtitle it finds."""
    site_cut = False
    if meta.title is not None and (fix := strip_site_suffix(meta.title)) is not None:
        log.report("structure.title-suffix", f"site suffix removed from the title ({fix.reason})",
                   action=Action.REMOVED, text=fix.suffix)
        meta = replace(meta, title=fix.title)
        site_cut = fix.reason == "site"
    _untag_title(blocks, log)
    at = named_title(blocks)
    if at:
        above = ("the line above it stays a paragraph" if at == 1
                 else f"the {at} lines above it stay paragraphs")
        log.report("structure.title-below", "the source names a later line as the document title (its "
                   f"title style); {above}",
                   severity=Severity.WARNING, action=Action.KEPT, text=_text(blocks[0])[:40],
                   pos=blocks[0].pos if isinstance(blocks[0], Para) else None)
    elif at := _title_below_remark(blocks):
        log.report("structure.title-below", "the first line is a remark, not a title (a clause and no "
                   "kind of document named), and a report's title stands under it; the remark stays",
                   severity=Severity.WARNING, action=Action.KEPT, text=_text(blocks[0])[:40],
                   pos=blocks[0].pos if isinstance(blocks[0], Para) else None)
    else:
        at = _page_named_title(blocks, meta, log)
    first = blocks[at] if blocks else None
    if isinstance(first, Para) and (_source_title(first) or _title_like(first, PAGE_TITLE_MAX)):
        explicit = hint_level(first) is not None
        if not explicit and len(blocks) > at + 2 and not _title_like(blocks[at + 2]):
            first = _two_line_title(first, blocks[at + 1], log)
            if first is not blocks[at]:
                del blocks[at + 1]
        first = without_site_suffix(first, log)
        title = _text(first).replace("\n", " ")  # a title in two lines is one title in Meta
        blocks[at] = Heading(level=1, content=unstyled(first.content), attr=without_hint(first.attr),
                            pos=first.pos)
        log.report("structure.title", ("the source's first heading" if explicit else "first line")
                   + " taken as the document title", text=title, pos=first.pos)
        if meta.title is None:
            meta = replace(meta, title=title)
        elif meta.title != title and (explicit or title in meta.title):
            # The page's <title> or the file's properties carry site furniture the body's title lacks.
            page = _without_channel(meta.title, title, log) if site_cut else meta.title
            if page != title:
                log.report("structure.page-title", "the body's title line is the document title; the "
                           "source's own title is kept as page-title", action=Action.MOVED, text=page)
                meta = replace(meta, extra=(*meta.extra, ("page-title", page)))
            meta = replace(meta, title=title)
    elif (meta.title is not None and _reads_as_title(meta.title)
          and not (first is not None and meta.title in _text(first).replace("\n", " "))):
        blocks.insert(0, Heading(level=1, content=(Text(text=meta.title),)))
        log.report("structure.title", "the source's title (the body has no title line) taken as the "
                   "level-1 heading", text=meta.title)
    # The title stands among the first lines (a cover's or a site's lines may stand above it).
    top = next((i for i, b in enumerate(blocks[:8]) if isinstance(b, Heading) and b.level == 1), None)
    if (top is not None and (subtitle := mark_subtitle(blocks, top, log)) is not None
            and not any(k == "subtitle" for k, _ in meta.extra)):
        meta = replace(meta, extra=(*meta.extra, ("subtitle", subtitle)))
    return blocks, meta


_CHANNEL = re.compile(r"[ \t\u3000]*[-_|｜－–]{1,3}[ \t\u3000]*[\u4e00-\u9fff]{2,6}")
"""A portal's channel between the title and the site's name in `<title>` ('标题--党建--某某网')."""


def _without_channel(page: str, title: str, log: DiagnosticLog) -> str:
    """The page's `<title>` (its site's name already cut) without the channel left between the body's
    title and the site's name; the page as it is when more than a channel follows the title."""
    if not page.startswith(title) or _CHANNEL.fullmatch(rest := page[len(title):]) is None:
        return page
    log.report("structure.title-suffix", "the page title's channel before the site's name removed (channel)",
               action=Action.REMOVED, text=rest)
    return title


# A thread-type or column tag in front of a forum or blog title: `[分享]`, `【原创】`, `(转)`.
_TAG = re.compile(r"^\s*[\[【〔(（][^\]】〕)）]{1,6}[\]】〕)）]\s*")
_HEAD_SPAN = 6  # blocks: how far below the first line its copy may stand (an author box between)


def _untag_title(blocks: list[Block], log: DiagnosticLog) -> None:
    """Make the first line's untagged copy below it the title: a forum thread's heading carries its
    type tag (`[分享] 2023年度…述职报告`), and the post repeats the title without it under the author box.

    The copy takes the first line's place (the title opens the document) and is removed where it stood;
    the tag goes with the first line. Only short lines (the poster's name, a rank) may stand between.
    """
    if not blocks or not isinstance(first := blocks[0], Para):
        return
    head = _text(first).strip()
    tag = _TAG.match(head)
    if tag is None or not head[tag.end():].strip():
        return
    bare = "".join(head[tag.end():].split())
    for j in range(1, min(len(blocks), _HEAD_SPAN + 1)):
        b = blocks[j]
        if not isinstance(b, Para) or _SENTENCE_END_RE.search(text := _text(b)):
            return
        if "".join(text.split()) == bare and marker_of(text.strip()) is None:
            log.report("structure.title-tag", "the first line is the title with a thread or column tag ("
                       f"{tag.group().strip()}); its untagged copy below it is taken as the title, from "
                       "where it stood", action=Action.CHANGED, text=head, pos=first.pos)
            blocks[0] = replace(b, attr=first.attr, pos=first.pos)
            del blocks[j]
            return


def _page_named_title(blocks: list[Block], meta: Meta, log: DiagnosticLog) -> int:
    """The index of the line the page's `<title>` names, when lines that are no sentences stand above
    it (a blog's name, its account buttons, an archive's calendar), else 0.

    A web page states its document's title twice: in `<title>` (site suffix removed by now) and above
    the text. When the first line is not that title and a short line a little further down is, the
    page has said which line is the title; the lines above it stay paragraphs, reported.
    """
    if meta.title is None or len(blocks) < 2 or _names(meta.title, _text(blocks[0])):
        return 0
    for j, b in enumerate(blocks[:_HEAD_SPAN + 1]):
        if not isinstance(b, Para):
            if isinstance(b, Heading):
                return 0
            continue  # a table or list of the page's chrome (an archive's calendar)
        text = _text(b)
        if j and _names(meta.title, text) and _title_like(b, PAGE_TITLE_MAX):
            log.report("structure.title-below", f"the page's <title> names a later line as the document "
                       f"title; the {j} line(s) above it stay paragraphs", severity=Severity.WARNING,
                       action=Action.KEPT, text=_text(blocks[0])[:40] or None, pos=b.pos)
            return j
        if _SENTENCE_END_RE.search(text) or marker_of(text.strip()) is not None:
            return 0
    return 0


def _key(text: str) -> str:
    return "".join(text.split())


_PAGE_TITLE_MIN = 6  # characters: a shorter line (`首页`, a blog's name) is no report's title
_SEPARATOR = re.compile(r"^[-_|｜–—:：·•]")


def _names(page_title: str, line: str) -> bool:
    """Whether the page's `<title>` is this line, alone or before a separator and the site's name."""
    want, key = _key(page_title), _key(line)
    if len(key) < _PAGE_TITLE_MIN or not want.startswith(key):
        return False
    return want == key or bool(_SEPARATOR.match(want[len(key):]))


def _match(block: Block) -> Match | None:
    text = lead_text(block)
    return None if text is None else marker_of(text)


_REMARK_CLAUSE = re.compile(r"[，,]")
_BETWEEN_SHORT = 16  # characters: a poster's name between a remark and the title


def _title_below_remark(blocks: list[Block]) -> int:
    """Where the title line is: 0, or the index of a report's title under a first line that is a remark.

    Forum posts and reposts open with the poster's words (`领导让我写的，第一次写，大家轻喷`) above the
    report they paste. Such a line is a clause (it has a comma), names no kind of document, and is no
    heading of the source; the title is then the first line below it, past at most one short line (a
    name), that reads as a report's title (`…上半年工作汇报`). Otherwise the first line is the title.
    """
    if not blocks or not isinstance(blocks[0], Para) or hint_level(blocks[0]) is not None:
        return 0
    head = _text(blocks[0]).strip()
    if not _REMARK_CLAUSE.search(head) or reads_as_report_title(head):
        return 0
    for j in range(1, min(3, len(blocks))):
        b = blocks[j]
        if isinstance(b, Heading) and b.level == 1:
            return j  # this step ran before and made it the title
        if not isinstance(b, Para):
            return 0
        text = _text(b).strip()
        if _title_like(b) and marker_of(text) is None and reads_as_report_title(text):
            return j
        if len(text) > _BETWEEN_SHORT or _SENTENCE_END_RE.search(text):
            return 0
    return 0


_HEAD_LINES = 3
"""Short lines (a date, the speaker, a byline) that may stand between a title and its subtitle."""
_HEAD_LINE_MAX = 40


def mark_subtitle(blocks: list[Block], at: int, log: DiagnosticLog) -> str | None:
    """Mark the subtitle of the title at `at` (class `subtitle`, so no marker is read in it) in place, and
    give its text without the dash; None when the title has none, or has it marked already.

    A lone dash line in the title's head (`——在…会议上的发言`, `——某某单位2023年度工作报告（摘要）`) names
    the occasion, the speaker or the report; it opens no list and heads no section. It stands right under
    the title or under up to `_HEAD_LINES` short lines that are no body text (a date, a name, a byline a
    site left), whatever the reader: no sentence mark, no marker, no heading of the source. The line after
    it must be no dash item (two make a list).
    """
    for k in range(at + 1, min(len(blocks), at + 2 + _HEAD_LINES)):
        b = blocks[k]
        text = _text(b).strip()
        if not isinstance(b, Para) or not text or SUBTITLE_CLASS in b.attr.classes:
            return None
        m = marker_of(text)
        if m is not None and m.marker.scheme is Scheme.DASH:
            following = _match(blocks[k + 1]) if k + 1 < len(blocks) else None
            if (not m.rest.strip() or len(text) > PAGE_TITLE_MAX or text[-1] in TITLE_END_BARRED
                    or (following is not None and following.marker.scheme is Scheme.DASH)):
                return None
            attr = without_hint(b.attr)
            blocks[k] = replace(b, attr=replace(attr, classes=(*attr.classes, SUBTITLE_CLASS)))
            log.report("structure.subtitle", "a dash line in the title's head is its subtitle, not a list "
                       "item", text=text, pos=b.pos)
            return m.rest.strip()
        if (m is not None or hint_level(b) is not None or len(text) > _HEAD_LINE_MAX or "\n" in text
                or _SENTENCE_END_RE.search(text)):
            return None
    return None


def _two_line_title(first: Para, second: Block, log: DiagnosticLog) -> Para:
    """The title line joined with the line under it when that line ends the title (see
    `lines.title_continuation`): a wrapped line joins directly, an issuer and a subject keep a line break."""
    join = title_continuation(first, second)
    if join is None or not isinstance(second, Para):
        return first
    log.report("structure.title-lines", "the title runs over two lines; the second line joins it",
               action=Action.CHANGED, text=_text(second)[:40], pos=second.pos)
    if join:
        return replace(first, content=(*first.content, LineBreak(), *second.content))
    return replace(first, content=(Text(text=_text(first).rstrip() + _text(second).strip()),))


def _reads_as_title(text: str) -> bool:
    """Whether a title the source states (`<title>`, file properties) reads as a report's title.

    Pages put anything there (a timestamp, a bare site name); only a line of words, mostly Chinese, may
    open the body as its level-1 heading.
    """
    han = sum(1 for c in text if is_han(c))
    digits = sum(1 for c in text if c.isdigit())
    return han >= _TITLE_MIN_HAN and han >= digits and text.strip()[-1:] not in TITLE_END_BARRED


_TITLE_MIN_HAN = 4


def unstyled(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A line set wholly in bold or italic, without that emphasis: a heading is already set apart."""
    while len(content) == 1 and isinstance(content[0], Strong | Emph):
        content = content[0].content
    return content


def _source_title(para: Para) -> bool:
    """A top-level heading of the source (`<h1>`, Word's Title) without a marker: the title."""
    return hint_level(para) == 1 and _match(para) is None


def without_site_suffix(para: Para, log: DiagnosticLog) -> Para:
    """The title paragraph without a site/category suffix (see structure/title.py), reported."""
    if len(para.content) != 1 or not isinstance(para.content[0], Text):
        return para
    fix = strip_site_suffix(para.content[0].text)
    if fix is None:
        return para
    log.report("structure.title-suffix", f"site suffix removed from the title ({fix.reason})",
               action=Action.REMOVED, text=fix.suffix, pos=para.pos)
    return replace(para, content=(replace(para.content[0], text=fix.title),))

