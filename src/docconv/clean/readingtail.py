"""Reading tails: the "more reading" header a site puts after the text, the list of related titles under
it, and the whole articles it appended after the list, each kept as an article of its own."""

from __future__ import annotations

from dataclasses import dataclass

from docconv.ast import Attr, Block, Div, Document, Heading, List, Para, plain_text
from docconv.clean import scorers
from docconv.clean.harvest import MetaHarvest
from docconv.clean.residuelines import Line, LineMap, rebuild_seq, removing
from docconv.clean.rules import Kind, Where
from docconv.diagnostics import Action, DiagnosticLog, Severity

APPENDED = Attr(classes=("article",), kv=(("origin", "appended"),))
"""Attributes of the Div that holds one article a site appended after a "more reading" marker."""


@dataclass(frozen=True, slots=True)
class Start:
    """Where an appended article begins among the top-level blocks."""

    index: int
    """Top-level block index of its first block."""
    end: int
    """Index one past its last block."""


def reading_tails(
    doc: Document, lines: list[Line], off: frozenset[str], meta: MetaHarvest, log: DiagnosticLog
) -> list[Start]:
    """Remove reading-tail headers and their title lists; return the appended articles to wrap in Divs."""
    # Lines of single-line top-level paragraphs and headings, by block index: the only place where a
    # reading tail can be cut into articles.
    count: dict[int, int] = {}
    for ln in lines:
        if len(ln.path) == 1:
            count[ln.path[0]] = count.get(ln.path[0], 0) + 1
    single = {ln.path[0]: ln for ln in lines if len(ln.path) == 1 and count[ln.path[0]] == 1}
    n = len(doc.blocks)
    # Lines come in document order: the first body line is all that the test below needs.
    first_body = next((ln.path[0] for ln in lines if scorers.is_body(ln.key)), n)
    starts: list[Start] = []
    i = 0
    while i < n:
        head = single.get(i)
        if head is None or not _is_tail_start(head) or first_body >= i:
            i += 1  # a header before any body text is left to the line rules
            continue
        r, m = next((r, m) for r, m in head.candidates if r.kind is Kind.TAIL_START)
        head.removed_by = r.id
        log.report(r.id, f"{r.family}: {r.reason}", action=Action.REMOVED, text=head.text.strip(),
                   pos=head.pos)
        meta.harvest(r, m, head.text, head.pos, log)
        j = i + 1
        # The list: titles with a date glued to them, then titles without one.
        while j < n and j in single and scorers.dated_title(single[j].key):
            _drop(single[j], "tail.dated-titles", off, log,
                  "title with a date from the site's list of related pages")
            j += 1
        # An HTML page's list of related links: one list block whose items are all titles.
        while j < n and isinstance(doc.blocks[j], List) and _links_list(lines, j):
            for ln in lines:
                if ln.path[0] == j and ln.removed_by is None:
                    _drop(ln, "tail.related-titles", off, log, "title from the site's list of related pages")
            j += 1
        k = j
        # Counter rows under each title ('阅读 2,318 评论 0') belong to the list; their own rule removes them.
        while k < n and k in single and not _is_tail_start(single[k]) and (
                _link_like(single[k].key) or removing(single[k], Where.TAIL)):
            k += 1
        if k == n:
            for x in range(j, k):
                if not removing(single[x], Where.TAIL):
                    _drop(single[x], "tail.related-titles", off, log,
                          "title from the site's list of related pages at the end of the document")
            break
        if k - j >= 3:
            for x in range(j, k - 1):
                _drop(single[x], "tail.related-titles", off, log, "title from the site's list of related "
                      "pages (the last title before the text heads the appended article)")
            j = k - 1
        # The appended articles run to the next reading-tail header or the end.
        end = j
        while end < n and not (end in single and _is_tail_start(single[end])):
            end += 1
        starts.extend(_split_articles(single, j, end))
        i = end
    _trailing_dated_list(single, n, off, log)
    segment_of = {b: 1 + 2 * s_no for s_no, s in enumerate(starts) for b in range(s.index, s.end)}
    for ln in lines:
        ln.segment = segment_of.get(ln.path[0], ln.segment)
    return starts


def _is_tail_start(ln: Line) -> bool:
    return any(r.kind is Kind.TAIL_START for r, _ in ln.candidates)


def _links_list(lines: list[Line], block: int) -> bool:
    """Whether the top-level list `block` holds only short title lines (a list of related pages)."""
    own = [ln for ln in lines if ln.path[0] == block]
    return bool(own) and all(_link_like(ln.key) or scorers.dated_title(ln.key) for ln in own)


def _link_like(key: str) -> bool:
    f = scorers.features(key)
    return 2 <= f.length <= scorers.TITLE_MAX_CHARS and f.stops == 0 and f.cjk_ratio >= 0.5


def _drop(ln: Line, rid: str, off: frozenset[str], log: DiagnosticLog, reason: str) -> None:
    if rid in off:
        log.report(rid, f"tail: {reason}; kept because the detector is turned off", action=Action.KEPT,
                   severity=Severity.WARNING, text=ln.text.strip(), pos=ln.pos)
        return
    ln.removed_by = rid
    log.report(rid, f"tail: {reason}", action=Action.REMOVED, text=ln.text.strip(), pos=ln.pos)


def _trailing_dated_list(single: dict[int, Line], n: int, off: frozenset[str], log: DiagnosticLog) -> None:
    """A run of three or more dated titles ending the document is a related-pages list without a header."""
    run: list[Line] = []
    i = n - 1
    while i >= 0 and i in single and single[i].removed_by is None and scorers.dated_title(single[i].key):
        run.append(single[i])
        i -= 1
    if len(run) >= 3:
        for ln in reversed(run):
            _drop(ln, "tail.dated-titles", off, log, "title with a date from a related-pages list ending "
                  "the document")


def _split_articles(single: dict[int, Line], start: int, end: int) -> list[Start]:
    """Cut blocks start..end into articles at title lines (consecutive titles stay together)."""
    cuts = [start]
    prev_title = start in single and scorers.is_title(single[start].key)
    for b in range(start + 1, end):
        title = b in single and scorers.is_title(single[b].key)
        if title and not prev_title:
            cuts.append(b)
        prev_title = title
    return [Start(c, e) for c, e in zip(cuts, [*cuts[1:], end], strict=True) if c < e]


def rebuild_top(doc: Document, lines: LineMap, starts: list[Start], off: frozenset[str],
                log: DiagnosticLog) -> tuple[Block, ...]:
    """The new top-level blocks: edited, with each appended article wrapped in its Div."""
    rebuilt = rebuild_seq(doc.blocks, (), lines)
    if not starts or "tail.appended-article" in off:
        return tuple(b for b in rebuilt if b is not None)
    owner = {i: s for s in starts for i in range(s.index, s.end)}
    out: list[Block] = []
    i = 0
    while i < len(rebuilt):
        s = owner.get(i)
        if s is None:
            if rebuilt[i] is not None:
                out.append(rebuilt[i])  # type: ignore[arg-type]  # None was ruled out on the line above
            i += 1
            continue
        inner = tuple(b for b in rebuilt[s.index:s.end] if b is not None)
        if inner:
            first = inner[0]
            title = plain_text(first.content) if isinstance(first, Para | Heading) else ""
            log.report("tail.appended-article",
                       "tail: an article the site appended after its 'more reading' list is kept as a "
                       "separate article (Div .article, origin=appended), not as part of the main text",
                       action=Action.DETECTED, text=title.strip()[:80] or None, pos=first.pos)
            out.append(Div(blocks=inner, attr=APPENDED, pos=first.pos))
        i = s.end
    return tuple(out)
