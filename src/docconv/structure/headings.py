"""Headings and lists from the numbering grammar: which marked paragraphs are headings, at which level.

Runs on every block container (the document and each `Div`), after the document title is found
(structure/doctitle.py). Produces `Heading` (level 1 for the title, then the GB/T 9704 ladder: 一、 = 2,
(一) = 3, 1. = 4, (1) = 5, ① = 6, with chapter/part/article markers above 一、 when the document has
them) and `List` with each item's `Marker`. Every decision that is not obvious is a diagnostic: the
nesting order when it differs from the standard one, each inline heading split, each numbering gap,
repeat or restart, each marker whose form was made consistent.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise

from docconv.ast import (
    Block,
    Div,
    Document,
    Emph,
    Heading,
    HorizontalRule,
    Inline,
    List,
    ListItem,
    Marker,
    Para,
    Scheme,
    Strong,
    Text,
    plain_text,
)
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.structure.articles import is_article
from docconv.structure.doctitle import document_title, mark_subtitle, unstyled, without_site_suffix
from docconv.structure.hints import hint_level, lead_text, plain_lead, without_hint
from docconv.structure.lines import (
    PAGE_TITLE_MAX,
    is_date_line,
    marker_of,
    separator_line,
)
from docconv.structure.lines import block_text as _text
from docconv.structure.lines import title_like as _title_like
from docconv.structure.numbering import (
    DECIMAL_SCHEMES,
    Match,
    decimal_outline,
    decimal_parts,
    form_of,
    kept_as_written,
    render_form,
    separator_of,
    standard_form,
    tidy_raw,
    with_last_number,
)
from docconv.structure.numbering import RUNG as _RUNG

# Rungs that exist only when a document uses them; the rest keep fixed levels so that `##` means 一、
# in every ordinary report of a corpus.
_OPTIONAL_RUNGS = 2
# Schemes whose items are list items unless they clearly head sections.
_LIST_FIRST = frozenset({Scheme.ARABIC_PAREN, Scheme.LATIN_LOWER, Scheme.CIRCLED, Scheme.DASH})

_SENTENCE_END = "。！？!?；;"
_SENTENCE_END_RE = re.compile(f"[{re.escape(_SENTENCE_END)}]")
_LEAD_END = re.compile(r"[。！？!?：:]")
_MAX_HEADING = 40  # characters; a longer lead or sentence is body text, not a heading
# A marked line with no sentence mark at all is a heading line up to this length: body text ends its
# sentences, so a long unpunctuated line is a long section title ("一、召开…会议,部署全年工作任务").
_MAX_BARE = 60
_MIN_LEAD = 4  # characters: a shorter lead glued by a space is not a heading
MAX_LEVEL = 6
"""The deepest heading level: Markdown, HTML and most tools have six. A scheme the ladder puts deeper
(`——` items under all five numbered rungs, or under an article's title) gives list items instead, and a
source heading deeper than this (Word's Heading 7 to 9) is set at it."""


@dataclass(frozen=True, slots=True)
class _Item:
    index: int
    para: Para
    match: Match
    kind: str  # bare: a heading line; short: one short sentence; inline: heading lead + body; long: body
    cut: int = 0  # inline: where the lead ends in match.rest


def structure(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Turn marked paragraphs into headings and lists, find the title, check numbering sequences."""
    # Separator rows become rules first, and rules above the first line stay above it: the title search
    # never takes one for the title, nor stops at one.
    blocks = [_separator(b, log) or b for b in doc.blocks]
    rules = next((i for i, b in enumerate(blocks) if not isinstance(b, HorizontalRule)), len(blocks))
    rest, meta = document_title(blocks[rules:], doc.meta, log)
    body = _section(tuple(rest), options, log, article=False)
    return replace(doc, meta=meta, blocks=(*blocks[:rules], *body))


def _section(blocks: tuple[Block, ...], options: Options, log: DiagnosticLog, *,
             article: bool) -> tuple[Block, ...]:
    """Structure one page or one article: its own markers decide its own levels and forms."""
    blocks = _unglue_missing_markers(blocks, log)
    outline = _outline(blocks, log)
    markers = _collect_markers(list(blocks), outline)
    levels = _levels(markers, options, log, article=article)
    return _container(blocks, levels, _majority_forms(markers), options, log, outline=outline)


Outline = dict[int, Match]
"""Markers of a container's decimal outline, by `id()` of their paragraph: the outline is a property of
the whole container (see `numbering.decimal_outline`), so a line's marker cannot be read from its text
alone. The paragraphs are alive in the container's tuple for as long as the map is used."""


def _outline(blocks: tuple[Block, ...], log: DiagnosticLog) -> Outline:
    """The container's decimal outline (articles have their own), reported once when there is one."""
    paras = _paragraphs(blocks)
    found = decimal_outline([lead_text(p) for p in paras])
    if found:
        depth = max(DECIMAL_SCHEMES.index(m.marker.scheme) for m in found.values()) + 1
        first = paras[min(found)]
        log.report("structure.decimal-outline", f"{len(found)} lines form a decimal outline "
                   f"({depth} deep)", text=_text(first)[:40], pos=first.pos)
    return {id(paras[i]): m for i, m in found.items()}


def _paragraphs(blocks: tuple[Block, ...]) -> list[Block]:
    """The container's blocks in reading order, inside plain Divs but not inside articles."""
    out: list[Block] = []
    for b in blocks:
        if is_article(b):
            continue
        if isinstance(b, Div):
            out.extend(_paragraphs(b.blocks))
        else:
            out.append(b)
    return out


def _article(div: Div, options: Options, log: DiagnosticLog) -> Div:
    """An article: its title line becomes a level-2 heading, its sections sit one level lower.

    When an article opens with several title lines (a group title, then the report's own title), the
    last one before the body is the article's title; the others stay paragraphs.
    """
    blocks = div.blocks
    lead = 0
    while (lead < len(blocks) and isinstance(blocks[lead], Para)
           and _title_like(blocks[lead], PAGE_TITLE_MAX) and not is_date_line(blocks[lead])):
        lead += 1
    after = blocks[lead] if lead < len(blocks) else None
    titled = isinstance(after, Heading) and after.level == 2 and after.marker is None  # an earlier run
    marked = (isinstance(after, Para) and (m := _match(after)) is not None
              and m.marker.scheme is Scheme.ARTICLE)
    if marked:
        # `篇二:标题` is the title (a heading through its marker); lines before it are a group's title.
        assert isinstance(after, Para)
        blocks = (*blocks[:lead], _with_title_line(after, blocks[lead + 1:lead + 3], log),
                  *blocks[lead + 2 if _bare_article_marker(after, blocks[lead + 1:lead + 3]) else lead + 1:])
        blocks = _with_subtitle(blocks, lead, log)
    elif not titled and lead > 0:
        t = lead - 1
        line = blocks[t]
        assert isinstance(line, Para)  # the loop above only counted paragraphs
        para = without_site_suffix(line, log)
        log.report("structure.article-title", "article title", text=_text(para), pos=para.pos)
        title = Heading(level=2, content=unstyled(para.content), attr=without_hint(para.attr), pos=para.pos)
        blocks = (*blocks[:t], title, *blocks[t + 1:])
        titled = True
        blocks = _with_subtitle(blocks, t, log)
    # An untitled article (a numbering restart) has no level-2 title, so its sections keep their levels.
    return replace(div, blocks=_section(blocks, options, log, article=titled))


def _with_subtitle(blocks: tuple[Block, ...], at: int, log: DiagnosticLog) -> tuple[Block, ...]:
    """An article's blocks with its title's subtitle marked (`doctitle.mark_subtitle`)."""
    marked = list(blocks)
    return tuple(marked) if mark_subtitle(marked, at, log) is not None else blocks


def _bare_article_marker(marker_line: Para, following: tuple[Block, ...]) -> bool:
    """Whether an article marker stands alone on its line (`范文一`, `【篇二】`) and the next line is the
    article's title (a title line followed by something that is not a title line)."""
    m = _match(marker_line)
    return (m is not None and not m.rest.strip() and len(following) == 2
            and _title_like(following[0]) and not is_date_line(following[0])
            and isinstance(following[0], Para) and len(following[0].content) == 1
            and isinstance(following[0].content[0], Text)
            and not _title_like(following[1]))


def _with_title_line(marker_line: Para, following: tuple[Block, ...], log: DiagnosticLog) -> Para:
    """The article marker line, joined with the title line under it when the marker stands alone.

    `范文一` over `社区工作者个人工作总结` is one title in two lines; as one paragraph it becomes the
    article's level-2 heading with its marker, like `篇一：社区工作者个人工作总结`.
    """
    if not _bare_article_marker(marker_line, following):
        return without_site_suffix(marker_line, log)
    line = following[0]
    assert isinstance(line, Para)  # checked by _bare_article_marker
    title = _text(without_site_suffix(line, log))
    head = _text(marker_line).rstrip()
    log.report("structure.article-title", "an article marker alone on its line and the title line under "
               "it make one title", action=Action.CHANGED, text=title[:40], pos=line.pos)
    return replace(marker_line, content=(Text(text=f"{head} {title}"),))


_GLUED_MARKER = re.compile(r"(?<=[。！？!?])[ \t\u3000]*")
# Where the number before a sequence may stand in the line before it: after a sentence (`…网络。(1)全力…`)
# or a colon (`附件：1. 参会回执`).
_NUMBER_BEFORE = re.compile(r"(?<=[。！？!?：:])[ \t\u3000]*")
_AFTER_COLON = re.compile(r"(?<=[：:])[ \t\u3000]*")


def _unglue_missing_markers(blocks: tuple[Block, ...], log: DiagnosticLog) -> tuple[Block, ...]:
    """Split off a marker that a lost line break glued to the end of the paragraph before it.

    Only the first number a sequence is missing is looked for (`三、` … `五、` with `。 四、领导带头` in a
    paragraph between), so a marker-like run inside ordinary prose is never cut out.
    """
    last: dict[Scheme, tuple[int, int]] = {}  # scheme -> (index, ordinal) of its latest item
    cuts: dict[int, int] = {}
    for i, b in enumerate(blocks):
        m = _match(b)
        if m is None:
            continue
        scheme, ordinal = m.marker.scheme, m.marker.ordinal
        prev = last.get(scheme)
        if prev is not None and scheme is not Scheme.DASH and ordinal > prev[1] + 1:
            for j in range(prev[0], i):
                cut = _missing_marker_at(blocks[j], scheme, prev[1] + 1)
                if cut is not None:
                    cuts[j] = cut
                    break
        last[scheme] = (i, ordinal)
    if not cuts:
        return blocks
    out: list[Block] = []
    for i, b in enumerate(blocks):
        if i not in cuts:
            out.append(b)
            continue
        assert isinstance(b, Para)
        assert isinstance(b.content[0], Text)
        text = b.content[0].text
        head, tail = text[:cuts[i]].rstrip(" \t\u3000"), text[cuts[i]:]
        log.report("structure.glued-marker", "a marker glued to the end of a paragraph starts its own "
                   "paragraph (it fills a gap in the numbering)", text=tail[:40], pos=b.pos)
        out.append(replace(b, content=(Text(text=head),)))
        out.append(Para(content=(Text(text=tail),), pos=b.pos))
    return tuple(out)


def _missing_marker_at(block: Block, scheme: Scheme, ordinal: int,
                       after: re.Pattern[str] = _GLUED_MARKER) -> int | None:
    """Offset in a one-run paragraph where a marker of `scheme`/`ordinal` follows a sentence end (or
    whatever `after` matches)."""
    if not isinstance(block, Para) or len(block.content) != 1 or not isinstance(block.content[0], Text):
        return None
    text = block.content[0].text
    for m in after.finditer(text):
        if m.end() >= len(text):
            continue
        found = marker_of(text[m.end():])
        if found is not None and found.marker.scheme is scheme and found.marker.ordinal == ordinal \
                and found.rest:
            return m.end()
    return None


def _match(block: Block, outline: Outline | None = None) -> Match | None:
    if outline and (found := outline.get(id(block))) is not None:
        return found
    text = lead_text(block)
    return None if text is None else marker_of(text)


def _collect_markers(blocks: list[Block], outline: Outline) -> list[Marker]:
    out: list[Marker] = []
    for b in blocks:
        if is_article(b):
            continue  # an article has its own levels
        if isinstance(b, Div):
            out.extend(_collect_markers(list(b.blocks), outline))
        elif (m := _match(b, outline)) is not None:
            out.append(m.marker)
    return out


def _levels(markers: list[Marker], options: Options, log: DiagnosticLog, *,
            article: bool) -> dict[Scheme, int]:
    """Heading level per scheme: the standard ladder, or the document's own nesting when it differs.

    Inside an article the article rung (its title, level 2) is in use, so sections sit one level lower.
    """
    present = {m.scheme for m in markers}
    rung = _rungs(present)  # the ladder as this document uses it
    shift = 1 if article and not any(rung[s] == 0 for s in present) else 0
    # The document's nesting: a scheme seen again closes everything below it; a new scheme nests.
    stack: list[Scheme] = []
    order: list[Scheme] = []
    inverted = False  # a scheme seen nested under one that the standard puts below it
    for m in markers:
        if m.scheme in stack:
            del stack[stack.index(m.scheme) + 1:]
        else:
            inverted = inverted or (bool(stack) and _nests_against_ladder(stack[-1], m.scheme, rung))
            stack.append(m.scheme)
            if m.scheme not in order:
                order.append(m.scheme)
    standard = sorted(present, key=lambda s: rung[s])
    if inverted:
        log.report("structure.nesting-order",
                   "the document nests its numbering in a non-standard order; following the document: "
                   + " > ".join(s.value for s in order), severity=Severity.WARNING)
        return {s: 2 + shift + i for i, s in enumerate(order)}
    if options.heading_levels == "compact":
        rungs = sorted({rung[s] for s in standard})
        return {s: 2 + shift + rungs.index(rung[s]) for s in standard}
    used_optional = sorted({rung[s] for s in present if rung[s] < _OPTIONAL_RUNGS})
    return {s: 2 + shift + (used_optional.index(rung[s]) if rung[s] < _OPTIONAL_RUNGS
                    else len(used_optional) + rung[s] - _OPTIONAL_RUNGS)
            for s in present}


def _rungs(present: set[Scheme]) -> dict[Scheme, int]:
    """Each scheme's rung in this document: the ladder's, except that a decimal outline without depth-1
    lines under chapters or parts (`第一章` … `1.1` … `1.1.1`) is numbered from the chapter, so its
    depths move up one rung and `1.1` sits right under its chapter."""
    rung = dict(_RUNG)
    decimal = present & set(DECIMAL_SCHEMES)
    if (decimal and Scheme.DECIMAL_1 not in present
            and any(rung[s] < _OPTIONAL_RUNGS for s in present)
            and not any(rung[s] == _OPTIONAL_RUNGS and s not in decimal for s in present)):
        rung.update({s: rung[s] - 1 for s in DECIMAL_SCHEMES})
    return rung


def _nests_against_ladder(outer: Scheme, inner: Scheme, rung: dict[Scheme, int]) -> bool:
    """Whether `inner` nested under `outer` goes against the ladder. A decimal depth and a peer of
    another kind (`（一）` under `1.1`) would share a level, so nesting them is followed as written."""
    if rung[outer] == rung[inner] and (outer in DECIMAL_SCHEMES) != (inner in DECIMAL_SCHEMES):
        return True
    return rung[outer] > rung[inner]


def _majority_forms(markers: list[Marker]) -> dict[Scheme, str]:
    counts: dict[Scheme, Counter[str]] = {}
    for m in markers:
        if kept_as_written(m):
            continue  # `⑴`, `壹、`: kept as written, so they neither vote nor follow the vote
        counts.setdefault(m.scheme, Counter())[form_of(m)] += 1
    # Ties go to the form seen first (Counter keeps insertion order for equal counts).
    return {s: c.most_common(1)[0][0] for s, c in counts.items()}


def _classify(index: int, para: Para, match: Match) -> _Item:
    rest = match.rest.rstrip()
    if hint_level(para) is not None:
        return _Item(index, para, match, "bare")  # the source says it is a heading
    end = _SENTENCE_END_RE.search(rest)  # the first sentence mark
    glued = _glued_lead(rest)
    if glued is not None:
        return _Item(index, para, match, "inline", glued)
    if end is None and len(rest) <= _MAX_BARE:
        return _Item(index, para, match, "bare")
    if (end is not None and end.start() == len(rest) - 1 and len(rest) <= _MAX_HEADING
            and rest[-1] not in "；;"):
        # One short sentence on its own line ("1、加大宣传力度。"): a heading when its run has bodies.
        return _Item(index, para, match, "short")
    lead_end = _LEAD_END.search(rest)
    if lead_end is not None and lead_end.end() <= _MAX_HEADING and lead_end.end() < len(rest):
        return _Item(index, para, match, "inline", lead_end.end())
    return _Item(index, para, match, "long")


_GLUE = re.compile(r"(?<=[\u4e00-\u9fff”」』）)])[ \t\u3000]+(?=[\u4e00-\u9fff“「『])")


def _glued_lead(rest: str) -> int | None:
    """Where a heading glued to its body by a space ends (`推进效能建设 一是建立…`), or None.

    Chinese prose has no spaces between words, so a space between two Chinese characters before the
    first sentence mark, outside quotes and brackets, is where a line break was lost.
    """
    m = _GLUE.search(rest)
    if m is None or not _MIN_LEAD <= m.start() <= _MAX_HEADING or len(rest) - m.end() < _MIN_LEAD:
        return None
    lead = rest[:m.start()]
    if any(c in lead for c in _SENTENCE_END + ":：") or _unbalanced(lead):
        return None
    return m.start()


def _unbalanced(text: str) -> bool:
    return any(text.count(a) != text.count(b) for a, b in ("“”", "《》", "()", "（）", "「」", "【】"))


def _container(blocks: tuple[Block, ...], levels: dict[Scheme, int], forms: dict[Scheme, str],
               options: Options, log: DiagnosticLog, *, outline: Outline) -> tuple[Block, ...]:
    items: list[_Item] = []
    enumerated: dict[Scheme, tuple[int, int]] = {}  # scheme -> (index, ordinal) of the latest line
    for i, b in enumerate(blocks):
        m = _match(b, outline)
        if m is None:
            continue
        assert isinstance(b, Para)
        classified = _classify(i, plain_lead(b), m)
        if classified.kind in ("bare", "short") and _goes_on_after_colon(blocks, i, m.marker, enumerated):
            # `附件：1.…` then `2.…`: the items of an enumeration a colon opened inside the paragraph
            # before are its lines, not sections (they stay paragraphs as written).
            enumerated[m.marker.scheme] = (i, m.marker.ordinal)
            log.report("structure.enumeration", "numbered line goes on from a number after a colon in the "
                       "line before: kept as a line of that enumeration, not a heading",
                       text=_text(b)[:40], pos=b.pos)
            continue
        items.append(classified)
    runs = _runs(items, levels, log)
    renumbered: dict[int, int] = {}
    ended: dict[Scheme, int] = {}  # where the previous run of each scheme ended
    for run in runs:
        _check_start(run, ended.get(run[0].match.marker.scheme), blocks, log)
        ended[run[0].match.marker.scheme] = run[-1].match.marker.ordinal
        _check_sequence(run, log)
        if options.numbering == "renumber":
            renumbered.update(_renumber(run))
    as_list = _list_items(runs, blocks, levels, log, outline)
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
            out.append(replace(b, blocks=_container(b.blocks, levels, forms, options, log, outline=outline)))
            i += 1
            continue
        item = by_index.get(i)
        if item is None:
            out.append(_separator(b, log) or _source_heading(b, log))
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
        out.extend(_make_heading(item, marker, levels, log, original=b))
        i += 1
    return tuple(out)


def _goes_on_after_colon(blocks: tuple[Block, ...], index: int, marker: Marker,
                         enumerated: dict[Scheme, tuple[int, int]]) -> bool:
    """Whether the numbered line at `index` continues an enumeration that a colon opened inside the line
    before (`附件：1.…` / `2.…`), directly or through lines that already did.

    The number after the colon must end its line with a short item of its own: `主要措施：1.强化组织领导。`
    followed by a body is a heading whose line break was lost, and its sequence goes on as sections.
    """
    if index == 0 or marker.ordinal < 2 or marker.scheme in (Scheme.DASH, Scheme.BULLET, Scheme.ARTICLE):
        return False
    if enumerated.get(marker.scheme) == (index - 1, marker.ordinal - 1):
        return True
    before = blocks[index - 1]
    if not isinstance(before, Para):
        return False
    text = _text(before)
    cut = _missing_marker_at(before, marker.scheme, marker.ordinal - 1, after=_AFTER_COLON)
    if cut is not None:
        found = marker_of(text[cut:])
        rest = found.rest if found is not None else ""
    else:
        # `1.2024年…` reads as a number, not a marker, on its own; after a colon, next to `2.`, it is one.
        number = re.search(rf"[：:][ \t\u3000]*{marker.ordinal - 1}[.．、]", text) \
            if marker.scheme is Scheme.ARABIC else None
        if number is None:
            return False
        rest = text[number.end():]
    rest = rest.strip()
    end = _SENTENCE_END_RE.search(rest)
    return 0 < len(rest) <= _MAX_HEADING and (end is None or end.end() == len(rest))


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
        if current and scheme in DECIMAL_SCHEMES and _parent(current[-1]) != _parent(it):
            runs.append(open_runs.pop(scheme))  # `2.1` after `1.3`: the same depth under a new parent
        elif current and it.match.marker.ordinal == 1 and current[-1].match.marker.ordinal > 1:
            runs.append(open_runs.pop(scheme))  # a restart begins a new sequence
            log.report("structure.numbering-restart",
                       f"{it.match.marker.raw} restarts the {scheme.value} sequence",
                       text=_text(it.para)[:40], pos=it.para.pos)
        open_runs.setdefault(scheme, []).append(it)
    runs.extend(open_runs.values())
    return sorted(runs, key=lambda r: r[0].index)


def _parent(item: _Item) -> tuple[int, ...]:
    """A decimal item's parent number (`1.2` for `1.2.3`)."""
    return decimal_parts(item.match.marker.raw)[:-1]


_LIST, _HEADINGS, _OPEN = "list", "headings", "open"


def _can_head(run: list[_Item]) -> bool:
    """Whether a run's items can head sections: some have a heading lead, none is one short sentence."""
    return any(it.kind == "inline" for it in run) and not any(it.kind == "short" for it in run)


def _mostly_plain(items: list[_Item]) -> bool:
    """Whether at most half of the items are inline headings: directly consecutive ones are then a list."""
    return sum(1 for it in items if it.kind == "inline") * 2 <= len(items)


def _list_items(runs: list[list[_Item]], blocks: tuple[Block, ...], levels: dict[Scheme, int],
                log: DiagnosticLog, outline: Outline) -> set[int]:
    """Indexes of the items that become list items (the others head sections); see `_list_choice`.

    Runs that only their own items' shape decides, and whose items are sentences rather than heading
    lines, are decided together per scheme, so that alike items are not headings in one section and a
    list in the next. When that vote says headings, a run that cannot give headings stays a list: one
    with a short one-sentence item (it would head an empty section), or one with no heading lead at all.
    """
    as_list: set[int] = set()
    votes: dict[Scheme, list[list[_Item]]] = {}
    for run in runs:
        choice = _list_choice(run, blocks, levels, outline)
        if choice == _OPEN and all(it.kind != "bare" for it in run):
            votes.setdefault(run[0].match.marker.scheme, []).append(run)
        elif choice == _LIST or (choice == _OPEN and _mostly_plain(run)):
            as_list.update(it.index for it in run)
    for scheme, pooled_runs in votes.items():
        pooled = [it for run in pooled_runs for it in run]
        listed = _mostly_plain(pooled)
        decided = [listed or (_mostly_plain(run) and not _can_head(run)) for run in pooled_runs]
        for run, as_items in zip(pooled_runs, decided, strict=True):
            if as_items:
                as_list.update(it.index for it in run)
        if any(_mostly_plain(run) != d for run, d in zip(pooled_runs, decided, strict=True)):
            inline = sum(1 for it in pooled if it.kind == "inline")
            log.report("structure.consistent-runs",
                       f"{len(pooled_runs)} runs of {scheme.value} items decided together: "
                       + ("lists" if listed else "section headings")
                       + f" ({inline} of {len(pooled)} items have a heading lead)",
                       text=_text(pooled[0].para)[:40], pos=pooled[0].para.pos)
    return as_list


def _list_choice(run: list[_Item], blocks: tuple[Block, ...], levels: dict[Scheme, int],
                 outline: Outline) -> str:
    """Whether a run of sibling items is a list, a sequence of section headings, or open.

    Decided for the whole run so that one sequence is rendered one way. Items with sub-items or body
    text between them head sections; items after a lead-in ending in ':' are a list. Several items that
    follow each other directly are open: the caller decides all open runs of a scheme together, a list
    unless most of their items are inline headings (a lead sentence and its own body), which is how many
    reports write sections.
    """
    scheme = run[0].match.marker.scheme
    if any(hint_level(it.para) is not None for it in run):
        return _HEADINGS  # the source set some of them as headings: the run is a sequence of sections
    if levels[scheme] > MAX_LEVEL:
        return _LIST  # no heading level is left for them
    kinds = Counter(it.kind for it in run)
    level = levels[scheme]
    children = any(
        (m := _match(blocks[it.index + 1], outline)) is not None and levels.get(m.marker.scheme, 0) > level
        for it in run if it.index + 1 < len(blocks))
    body_between = sum(1 for a, b in pairwise(run) if b.index > a.index + 1)
    before = blocks[run[0].index - 1] if run[0].index > 0 else None
    lead_in = isinstance(before, Para) and _text(before).rstrip().endswith((":", "："))
    if scheme in _LIST_FIRST:
        heading_like = kinds["bare"] + kinds["short"] == len(run)
        return _HEADINGS if heading_like and (children or body_between == len(run) - 1) else _LIST
    if children or body_between:
        return _HEADINGS
    if lead_in:
        return _LIST
    if len(run) == 1:
        # A lone numbered sentence is an item; a lone heading line or lead-and-body is a section.
        return _LIST if kinds["short"] == 1 else _HEADINGS
    return _OPEN


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
                  log: DiagnosticLog, *, original: Block) -> list[Block]:
    """The heading an item makes (and the body split off an inline heading); a long item stays the
    paragraph it was (`original`, its bold and italic kept)."""
    level = _capped(levels[marker.scheme], item.para, log)
    content = _strip_marker(item.para, item.match)
    if item.kind in ("bare", "short"):
        return [Heading(level=level, content=content, marker=marker, attr=without_hint(item.para.attr),
                        pos=item.para.pos)]
    if item.kind == "inline":
        rest = item.match.rest
        lead, body = rest[:item.cut], rest[item.cut:]
        log.report("structure.inline-heading", "split a numbered paragraph into its lead (heading) and body",
                   text=lead, pos=item.para.pos)
        tail: tuple[Inline, ...] = (Text(text=body.lstrip(" \u3000")), *item.para.content[1:])
        return [Heading(level=level, content=(Text(text=lead),), marker=marker, pos=item.para.pos),
                Para(content=tail, attr=without_hint(item.para.attr), pos=item.para.pos)]
    log.report("structure.long-item", "numbered paragraph too long for a heading; kept as a paragraph",
               text=_text(item.para)[:40], pos=item.para.pos)
    return [original]


def _source_heading(block: Block, log: DiagnosticLog) -> Block:
    """An unnumbered heading of the source, back as a heading (below the title: level 2 at least)."""
    level = hint_level(block)
    if level is None:
        return block
    assert isinstance(block, Para)
    log.report("structure.source-heading", f"unnumbered heading kept from the source (level {level})",
               text=_text(block)[:40], pos=block.pos)
    return Heading(level=_capped(max(2, level), block, log), content=unstyled(block.content),
                   attr=without_hint(block.attr), pos=block.pos)


def _capped(level: int, para: Para, log: DiagnosticLog) -> int:
    """A heading level no deeper than `MAX_LEVEL`, reported when it had to be raised."""
    if level <= MAX_LEVEL:
        return level
    log.report("structure.level-capped",
               f"heading level {level} is deeper than {MAX_LEVEL}; set at {MAX_LEVEL}", action=Action.CHANGED,
               severity=Severity.WARNING, text=_text(para)[:40], pos=para.pos)
    return MAX_LEVEL


def _separator(block: Block, log: DiagnosticLog) -> HorizontalRule | None:
    """A paragraph that is only a separator row (`-----------`, `------分隔线------`) as a rule, or None.

    Such a row divides the text; read as `--` or `——` it would open a dash item, so it is taken out before
    the grammar sees it. A label between the rules (`分隔线`, `END`) names the row itself and is reported.
    """
    if not isinstance(block, Para) or not all(isinstance(n, Text | Strong | Emph) for n in block.content):
        return None
    text = plain_text(block.content)
    found = separator_line(text)
    if found is None:
        return None
    label = found.group("label")
    log.report("structure.separator", "a separator row became a horizontal rule"
               + (f" (its label {label!r} names the row)" if label else ""),
               action=Action.REMOVED if label else Action.CHANGED, text=text.strip()[:60], pos=block.pos)
    return HorizontalRule(attr=without_hint(block.attr), pos=block.pos)


def _strip_marker(para: Para, match: Match) -> tuple[Inline, ...]:
    return (Text(text=match.rest), *para.content[1:]) if match.rest else para.content[1:]


def _fix_form(marker: Marker, forms: dict[Scheme, str], ordinal: int | None, *, options: Options,
              log: DiagnosticLog, para: Para) -> Marker:
    """The marker in the form `--numbering` asks for; keep: the document's majority form, tidied."""
    new_ordinal = marker.ordinal if ordinal is None or marker.scheme is Scheme.DASH else ordinal
    if marker.scheme in DECIMAL_SCHEMES:
        # A decimal number carries its parents: only its own last number may change, in its own form.
        raw = with_last_number(tidy_raw(marker.raw), new_ordinal)
    elif options.numbering in ("gbt9704", "renumber"):
        raw = standard_form(marker, new_ordinal)
        if raw[-1:].isalnum():
            raw += separator_of(marker.raw)  # `第一章　总则` keeps the gap between marker and text
    elif kept_as_written(marker):
        raw = tidy_raw(marker.raw)
    else:
        raw = render_form(forms[marker.scheme], marker.scheme, new_ordinal)
    if raw == marker.raw and new_ordinal == marker.ordinal:
        return marker
    log.report("structure.marker-form", f"marker written as {raw!r} (was {marker.raw!r})",
               action=Action.CHANGED, text=marker.raw, pos=para.pos)
    return replace(marker, raw=raw, ordinal=new_ordinal)


def _check_start(run: list[_Item], previous_end: int | None, blocks: tuple[Block, ...],
                 log: DiagnosticLog) -> None:
    """Report a sequence that starts above its first number (`(三)` with no `(一)` before it).

    Not when it goes on from the previous run of its scheme (sub-sections numbered on across sections),
    nor when the number before it stands inside the paragraph before, after a sentence (`…网络。(1)全力…`)
    or a colon (`附件：1. 参会回执`).
    Article markers are left out: each article is checked on its own, and a dropped duplicate leaves
    `篇二` first.
    """
    first = run[0].match.marker
    if (first.scheme in (Scheme.DASH, Scheme.BULLET, Scheme.ARTICLE) or first.ordinal <= 1
            or previous_end == first.ordinal - 1):
        return
    index = run[0].index
    if index > 0 and _missing_marker_at(blocks[index - 1], first.scheme, first.ordinal - 1,
                                        after=_NUMBER_BEFORE) is not None:
        return
    log.report("structure.numbering-gap", f"numbering starts at {first.raw.strip()}, not at its first number",
               severity=Severity.WARNING, text=_text(run[0].para)[:40], pos=run[0].para.pos)


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
