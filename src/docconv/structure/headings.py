"""Headings and lists from the numbering grammar: which marked paragraphs are headings, at which level.

Runs on every block container (the document and each `Div`). Produces `Heading` (level 1 for the title,
then the GB/T 9704 ladder: 一、 = 2, (一) = 3, 1. = 4, (1) = 5, ① = 6, with chapter/part/article markers
above 一、 when the document has them) and `List` with each item's `Marker`. Every decision that is not
obvious is a diagnostic: the nesting order when it differs from the standard one, each inline heading
split, each numbering gap, repeat or restart, each marker whose form was made consistent.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from docconv.ast import Block, Div, Document, Heading, Inline, List, ListItem, Marker, Para, Scheme, Text
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.structure.articles import is_article
from docconv.structure.lines import PAGE_TITLE_MAX
from docconv.structure.lines import block_text as _text
from docconv.structure.lines import title_like as _title_like
from docconv.structure.numbering import Match, canonical_form, form_of, match_marker, render_form

# The standard ladder (GB/T 9704 and common practice), top to bottom. Schemes in one rung share a level.
LADDER: tuple[tuple[Scheme, ...], ...] = (
    (Scheme.CHAPTER, Scheme.PART, Scheme.ARTICLE),
    (Scheme.SECTION,),
    (Scheme.CN, Scheme.ROMAN_UPPER),
    (Scheme.CN_PAREN, Scheme.LATIN_UPPER),
    (Scheme.ARABIC,),
    (Scheme.ARABIC_PAREN, Scheme.LATIN_LOWER),
    (Scheme.CIRCLED,),
    (Scheme.DASH,),
)
_RUNG = {s: i for i, rung in enumerate(LADDER) for s in rung}
# Rungs that exist only when a document uses them; the rest keep fixed levels so that `##` means 一、
# in every ordinary report of a corpus.
_OPTIONAL_RUNGS = 2
# Schemes whose items are list items unless they clearly head sections.
_LIST_FIRST = frozenset({Scheme.ARABIC_PAREN, Scheme.LATIN_LOWER, Scheme.CIRCLED, Scheme.DASH})

_SENTENCE_END = "。！？!?；;"
_LEAD_END = re.compile(r"[。！？!?：:]")
_MAX_HEADING = 40  # characters; longer marked lines are body text, not headings


@dataclass(frozen=True, slots=True)
class _Item:
    index: int
    para: Para
    match: Match
    kind: str  # bare: a heading line; inline: heading lead + body; long: body text


def structure(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Turn marked paragraphs into headings and lists, find the title, check numbering sequences."""
    blocks = list(doc.blocks)
    meta = doc.meta
    if blocks and isinstance(blocks[0], Para) and _title_like(blocks[0], PAGE_TITLE_MAX):
        first = blocks[0]
        title = _text(first)
        blocks[0] = Heading(level=1, content=first.content, attr=first.attr, pos=first.pos)
        log.report("structure.title", "first line taken as the document title", text=title, pos=first.pos)
        if meta.title is None:
            meta = replace(meta, title=title)
    return replace(doc, meta=meta, blocks=_section(tuple(blocks), options, log, article=False))


def _section(blocks: tuple[Block, ...], options: Options, log: DiagnosticLog, *,
             article: bool) -> tuple[Block, ...]:
    """Structure one page or one article: its own markers decide its own levels and forms."""
    markers = _collect_markers(list(blocks))
    levels = _levels(markers, options, log, article=article)
    return _container(blocks, levels, _majority_forms(markers), options, log)


def _article(div: Div, options: Options, log: DiagnosticLog) -> Div:
    """An article: its title line becomes a level-2 heading, its sections sit one level lower."""
    blocks = div.blocks
    first = blocks[0] if blocks else None
    titled = False
    if isinstance(first, Para) and _title_like(first, PAGE_TITLE_MAX):
        log.report("structure.article-title", "article title", text=_text(first), pos=first.pos)
        blocks = (Heading(level=2, content=first.content, attr=first.attr, pos=first.pos), *blocks[1:])
        titled = True
    # An untitled article (a numbering restart) has no level-2 title, so its sections keep their levels.
    return replace(div, blocks=_section(blocks, options, log, article=titled))


def _match(block: Block) -> Match | None:
    if not isinstance(block, Para) or not block.content or not isinstance(block.content[0], Text):
        return None
    return match_marker(block.content[0].text)


def _collect_markers(blocks: list[Block]) -> list[Marker]:
    out: list[Marker] = []
    for b in blocks:
        if is_article(b):
            continue  # an article has its own levels
        if isinstance(b, Div):
            out.extend(_collect_markers(list(b.blocks)))
        elif (m := _match(b)) is not None:
            out.append(m.marker)
    return out


def _levels(markers: list[Marker], options: Options, log: DiagnosticLog, *,
            article: bool) -> dict[Scheme, int]:
    """Heading level per scheme: the standard ladder, or the document's own nesting when it differs.

    Inside an article the article rung (its title, level 2) is in use, so sections sit one level lower.
    """
    present = {m.scheme for m in markers}
    shift = 1 if article and not any(_RUNG[s] == 0 for s in present) else 0
    # The document's nesting: a scheme seen again closes everything below it; a new scheme nests.
    stack: list[Scheme] = []
    order: list[Scheme] = []
    for m in markers:
        if m.scheme in stack:
            del stack[stack.index(m.scheme) + 1:]
        else:
            stack.append(m.scheme)
            if m.scheme not in order:
                order.append(m.scheme)
    standard = sorted(present, key=lambda s: _RUNG[s])
    by_rung = sorted(order, key=lambda s: _RUNG[s])
    if order and [_RUNG[s] for s in order] != [_RUNG[s] for s in by_rung]:
        log.report("structure.nesting-order",
                   "the document nests its numbering in a non-standard order; following the document: "
                   + " > ".join(s.value for s in order), severity=Severity.WARNING)
        return {s: 2 + shift + i for i, s in enumerate(order)}
    if options.heading_levels == "compact":
        rungs = sorted({_RUNG[s] for s in standard})
        return {s: 2 + shift + rungs.index(_RUNG[s]) for s in standard}
    used_optional = sorted({_RUNG[s] for s in present if _RUNG[s] < _OPTIONAL_RUNGS})
    return {s: 2 + shift + (used_optional.index(_RUNG[s]) if _RUNG[s] < _OPTIONAL_RUNGS
                    else len(used_optional) + _RUNG[s] - _OPTIONAL_RUNGS)
            for s in present}


def _majority_forms(markers: list[Marker]) -> dict[Scheme, str]:
    counts: dict[Scheme, Counter[str]] = {}
    for m in markers:
        counts.setdefault(m.scheme, Counter())[form_of(m)] += 1
    # Ties go to the form seen first (Counter keeps insertion order for equal counts).
    return {s: c.most_common(1)[0][0] for s, c in counts.items()}


def _classify(index: int, para: Para, match: Match) -> _Item:
    rest = match.rest
    if len(rest) <= _MAX_HEADING and not any(c in rest for c in _SENTENCE_END):
        return _Item(index, para, match, "bare")
    lead_end = _LEAD_END.search(rest)
    if lead_end is not None and lead_end.end() <= _MAX_HEADING and lead_end.end() < len(rest):
        return _Item(index, para, match, "inline")
    return _Item(index, para, match, "long")


def _container(blocks: tuple[Block, ...], levels: dict[Scheme, int], forms: dict[Scheme, str],
               options: Options, log: DiagnosticLog) -> tuple[Block, ...]:
    items: list[_Item] = []
    for i, b in enumerate(blocks):
        m = _match(b)
        if m is not None:
            assert isinstance(b, Para)
            items.append(_classify(i, b, m))
    runs = _runs(items, levels, log)
    as_list: set[int] = set()
    renumbered: dict[int, int] = {}
    for run in runs:
        _check_sequence(run, log)
        if _is_list_run(run, blocks):
            as_list.update(it.index for it in run)
        if options.numbering == "renumber":
            renumbered.update(_renumber(run))
    by_index = {it.index: it for it in items}
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if is_article(b):
            assert isinstance(b, Div)
            out.append(_article(b, options, log))
            i += 1
            continue
        if isinstance(b, Div):
            out.append(replace(b, blocks=_container(b.blocks, levels, forms, options, log)))
            i += 1
            continue
        item = by_index.get(i)
        if item is None:
            out.append(b)
            i += 1
            continue
        if i in as_list:
            group: list[_Item] = []
            while i in as_list and by_index[i].match.marker.scheme is item.match.marker.scheme:
                group.append(by_index[i])
                i += 1
            out.append(_make_list(group, forms, renumbered, options, log))
            continue
        marker = _fix_form(item.match.marker, forms, renumbered.get(i), options=options, log=log,
                           para=item.para)
        out.extend(_make_heading(item, marker, levels, log))
        i += 1
    return tuple(out)


def _runs(items: list[_Item], levels: dict[Scheme, int], log: DiagnosticLog) -> list[list[_Item]]:
    """Sibling sequences: items of one scheme not separated by an item of a higher level."""
    runs: list[list[_Item]] = []
    open_runs: dict[Scheme, list[_Item]] = {}
    for it in items:
        scheme = it.match.marker.scheme
        level = levels[scheme]
        for other in [s for s in open_runs if levels[s] > level]:
            runs.append(open_runs.pop(other))
        current = open_runs.get(scheme)
        if current and it.match.marker.ordinal == 1 and current[-1].match.marker.ordinal > 1:
            runs.append(open_runs.pop(scheme))  # a restart begins a new sequence
            log.report("structure.numbering-restart",
                       f"{it.match.marker.raw} restarts the {scheme.value} sequence",
                       text=_text(it.para)[:40], pos=it.para.pos)
        open_runs.setdefault(scheme, []).append(it)
    runs.extend(open_runs.values())
    return sorted(runs, key=lambda r: r[0].index)


def _is_list_run(run: list[_Item], blocks: tuple[Block, ...]) -> bool:
    scheme = run[0].match.marker.scheme
    kinds = Counter(it.kind for it in run)
    # Body text after the last item ends the list; body after any other item means sections.
    followed_by_body = sum(
        1 for it in run[:-1]
        if it.index + 1 < len(blocks) and isinstance(blocks[it.index + 1], Para)
        and _match(blocks[it.index + 1]) is None)
    if scheme in _LIST_FIRST:
        return not (kinds["bare"] == len(run) and followed_by_body == len(run) - 1)
    before = blocks[run[0].index - 1] if run[0].index > 0 else None
    lead_in = isinstance(before, Para) and _text(before).rstrip().endswith((":", "："))
    if lead_in and kinds["bare"] < len(run) and followed_by_body == 0:
        return True
    return kinds["long"] * 2 > len(run)


def _renumber(run: list[_Item]) -> dict[int, int]:
    """Ordinals that close gaps: counting from the run's first number, and from 1 after a restart."""
    out: dict[int, int] = {}
    expected = run[0].match.marker.ordinal
    for it in run:
        if it.match.marker.ordinal == 1:
            expected = 1
        out[it.index] = expected
        expected += 1
    return out


def _make_list(group: list[_Item], forms: dict[Scheme, str], renumbered: dict[int, int],
               options: Options, log: DiagnosticLog) -> List:
    scheme = group[0].match.marker.scheme
    items = []
    for it in group:
        marker = _fix_form(it.match.marker, forms, renumbered.get(it.index), options=options, log=log,
                           para=it.para)
        items.append(ListItem(blocks=(replace(it.para, content=_strip_marker(it.para, it.match)),),
                              marker=marker, pos=it.para.pos))
    log.report("structure.list", f"{len(group)} {scheme.value} item(s) kept as a list",
               text=_text(group[0].para)[:40], pos=group[0].para.pos)
    return List(items=tuple(items), ordered=scheme is not Scheme.DASH, scheme=scheme,
                start=items[0].marker.ordinal if items[0].marker else 1, pos=group[0].para.pos)


def _make_heading(item: _Item, marker: Marker, levels: dict[Scheme, int],
                  log: DiagnosticLog) -> list[Block]:
    level = levels[marker.scheme]
    content = _strip_marker(item.para, item.match)
    if item.kind == "bare":
        return [Heading(level=level, content=content, marker=marker, attr=item.para.attr, pos=item.para.pos)]
    if item.kind == "inline":
        rest = item.match.rest
        cut = _LEAD_END.search(rest)
        assert cut is not None
        lead, body = rest[:cut.end()], rest[cut.end():]
        log.report("structure.inline-heading", "split a numbered paragraph into its lead (heading) and body",
                   text=lead, pos=item.para.pos)
        tail: tuple[Inline, ...] = (Text(text=body.lstrip(" \u3000")), *item.para.content[1:])
        return [Heading(level=level, content=(Text(text=lead),), marker=marker, pos=item.para.pos),
                Para(content=tail, attr=item.para.attr, pos=item.para.pos)]
    log.report("structure.long-item", "numbered paragraph too long for a heading; kept as a paragraph",
               text=_text(item.para)[:40], pos=item.para.pos)
    return [item.para]


def _strip_marker(para: Para, match: Match) -> tuple[Inline, ...]:
    return (Text(text=match.rest), *para.content[1:]) if match.rest else para.content[1:]


def _fix_form(marker: Marker, forms: dict[Scheme, str], ordinal: int | None, *, options: Options,
              log: DiagnosticLog, para: Para) -> Marker:
    """The marker in the form `--numbering` asks for; keep: the document's majority form, tidied."""
    new_ordinal = marker.ordinal if ordinal is None or marker.scheme is Scheme.DASH else ordinal
    if options.numbering in ("gbt9704", "renumber"):
        raw = canonical_form(marker.scheme, new_ordinal)
    else:
        raw = render_form(forms[marker.scheme], marker.scheme, new_ordinal)
    if raw == marker.raw and new_ordinal == marker.ordinal:
        return marker
    log.report("structure.marker-form", f"marker written as {raw!r} (was {marker.raw!r})",
               action=Action.CHANGED, text=marker.raw, pos=para.pos)
    return replace(marker, raw=raw, ordinal=new_ordinal)


def _check_sequence(run: list[_Item], log: DiagnosticLog) -> None:
    prev: Marker | None = None
    for it in run:
        m = it.match.marker
        if m.scheme is Scheme.DASH:
            return
        if prev is not None:
            if m.ordinal == prev.ordinal:
                log.report("structure.numbering-repeat", f"{m.raw} repeats the previous number",
                           severity=Severity.WARNING, text=_text(it.para)[:40], pos=it.para.pos)
            elif m.ordinal != prev.ordinal + 1:
                log.report("structure.numbering-gap", f"numbering jumps from {prev.raw.strip()} to "
                           f"{m.raw.strip()}", severity=Severity.WARNING, text=_text(it.para)[:40],
                           pos=it.para.pos)
        prev = m
