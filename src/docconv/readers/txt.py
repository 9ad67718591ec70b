"""Plain text → AST.

Produces `Para` nodes (with `SoftBreak` where a hard-wrapped paragraph was joined); structure such as
headings comes later from the structure stage. No cleaning happens here. A text written in Markdown
syntax (see `_markdown`) also gives `Heading`, `List`, `ListItem`, `HorizontalRule` and `Strong`.

Scraped text arrives in three layouts, decided once per document and reported as a diagnostic:

- `line`: one paragraph per line (blank lines optional);
- `blank`: paragraphs separated by blank lines, hard-wrapped inside;
- `indent`: a first-line indent (U+3000 or spaces) opens each paragraph, hard-wrapped inside;
- `wrap`: hard-wrapped with nothing between paragraphs but a short last line (a PDF copied as text),
  among many short lines of their own (headings, page furniture) that outvote the wrapped ones in the
  break vote. Its long lines cluster at one width (the wrap width: no line is much longer) and most of
  them end mid-sentence. A break joins only after a line at the wrap width that ends mid-sentence.

A first-line indent is a paragraph signal, never content.

Text copied from a Markdown editor or served as `.md` arrives with its syntax: `# 标题`, `## 一、…`,
`**（一）…**`, `- 要点`. When the document evidently uses it (`_uses_markdown`: several heading lines or
whole-line bold spans, never one `#` line alone), those lines are read as what they mean: an ATX heading
line is a `Heading` of its level (the structure stage treats it like an HTML `<h2>`: the numbering
grammar still sets the level of a numbered one, and `#` marks the title), `**…**` and `__…__` spans are
`Strong`, `-`/`*`/`+` bullet lines are a `List`, and a row of `---`/`***`/`___` is a `HorizontalRule`.
Numbered lines (`1. …`) stay text for the grammar. This is not a Markdown parser: links, code,
emphasis with one star, quotes and tables stay text (a parser would also take a four-space first-line
indent, normal in Chinese text, as a code block).

A note exported from a Markdown editor keeps its wrapping whatever the mode: a YAML front-matter block at
the top becomes `Meta`, and `:::` container fences are dropped around their content (`txtwrapping`).
Lines end where `_BREAK` says, not where `str.splitlines` does (U+0085 is a byte of mojibake).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from docconv.ast import (
    Block,
    Document,
    Heading,
    HorizontalRule,
    Inline,
    List,
    ListItem,
    Meta,
    Para,
    Pos,
    SoftBreak,
    Strong,
    Text,
)
from docconv.clean.chars import display_width
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options
from docconv.readers.txtwrapping import apply_front_matter, fences, front_matter
from docconv.structure.lines import FIELD_LABEL, FULL_LINE, MIN_WRAP_WIDTH, hard_wrap
from docconv.structure.numbering import match_marker

# Characters that end a sentence or a clause a line may legitimately end with.
_LINE_FINAL = frozenset("。！？!?；;：:…”’」』）)】》>\"'.")
_INDENT = re.compile(r"^[ \t\u3000\u00a0]+")
_GAP = re.compile(r"\t|\u3000|  ")
"""A gap inside a line that parts cells or fields (a tab, an ideographic space, two spaces)."""
_CLAUSE = re.compile(r"[，,、；;。：:！？!?]")
"""A clause or sentence mark: running prose holds them, a title or a list of names does not."""

WRAP_MIN_LINES = 3
"""Lines at the wrap width ending mid-sentence that a `wrap` document needs at least."""
WRAP_SHARE = 0.6
"""Share of the breaks after lines at the wrap width that must look like hard wraps (as in the vote)."""
OVER_SHARE = 0.25
"""Lines much longer than the wrap width a `wrap` document may hold, as a share of its wrapped lines
(a site's header line or a URL copied with the text; a document with one paragraph per line has many)."""
OVER = 1.1
"""A line longer than this times the wrap width is over it."""

_MEASURES: tuple[tuple[str, Callable[[str], int]], ...] = (("columns", display_width), ("characters", len))
"""How a line's width is measured: a PDF wraps at a printed width (display columns, CJK counting two),
a tool or a site at a count of characters; a wrapped document clusters tightly in one of them."""


@dataclass(frozen=True, slots=True)
class _Band:
    """The wrap width of a `wrap` document: the widths its wrapped lines fill, in one measure."""

    measure: str
    """`columns` or `characters`."""
    low: float
    """The narrowest width of a line at the wrap width."""
    high: int
    """The wrap width."""
    wrapped: int
    """How many lines at the wrap width end mid-sentence."""

    def holds(self, text: str) -> bool:
        """Whether a line fills the wrap width."""
        width = dict(_MEASURES)[self.measure](text)
        return self.low <= width <= self.high


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    offset: int
    text: str
    indented: bool


def read_txt(source: str, options: Options, log: DiagnosticLog) -> Document:
    """Split plain text into paragraphs, choosing the document's layout from its lines."""
    del options  # the txt reader has no options yet
    lines, meta = _unwrap(_lines(source), log)
    mode, wrap_breaks, breaks, wrap_width = _decide_mode(lines)
    band = _wrap_band(lines) if mode == "line" else None
    regions = _wrap_regions(lines) if mode == "line" and band is None else []
    bands: list[_Band | None] | None = None
    if band is not None:
        mode = "wrap"
        bands = [band] * len(lines)
    elif regions:
        bands = [None] * len(lines)
        for first, last, region in regions:
            bands[first:last + 1] = [region] * (last + 1 - first)
    markdown = _uses_markdown(lines)
    groups = _group(lines, mode, wrap_width, bands, markdown)
    blocks = _markdown_blocks(groups, log) if markdown else tuple(_para(group) for group in groups)
    why = (f"; its long lines cluster at {band.high} {band.measure}, {band.wrapped} of them ending "
           "mid-sentence" if band else "")
    if regions:
        why = f"; {len(regions)} region{'s' if len(regions) > 1 else ''} of it hard-wrapped"
    log.report(
        "txt.paragraph-mode",
        f"paragraph layout '{mode}': {len(blocks)} paragraphs from {sum(1 for ln in lines if ln.text)} "
        f"non-blank lines ({wrap_breaks} of {breaks} breaks into unindented lines look like hard wraps"
        f"{why})",
    )
    for first, last, region in regions:
        log.report("txt.wrap-region", f"lines {lines[first].number}-{lines[last].number} are hard-wrapped "
                   f"at {region.high} {region.measure} ({region.wrapped} lines at that width end "
                   "mid-sentence) while other parts of the text have longer lines: their wrapped lines join",
                   text=lines[first].text[:40], pos=Pos(line=lines[first].number, offset=lines[first].offset))
    return Document(blocks=blocks, meta=meta)


def _unwrap(lines: list[_Line], log: DiagnosticLog) -> tuple[list[_Line], Meta]:
    """The lines with a Markdown export's wrapping blanked out (see `txtwrapping`), and the metadata its
    front matter holds: the front-matter block and every container fence line become blank lines (a
    fence parts the paragraphs around it), a container's title stays as a line of its own."""
    texts = [ln.text for ln in lines]
    positions = [Pos(line=ln.number, offset=ln.offset) for ln in lines]
    meta = Meta()
    blank: dict[int, str] = {}
    found = front_matter(texts, positions, log)
    if found is not None:
        meta = apply_front_matter(meta, found, positions[found.first], log)
        blank.update(dict.fromkeys(range(found.first, found.last + 1), ""))
    for fence in fences(texts):
        if fence.open in blank or fence.close in blank:
            continue
        blank[fence.open] = fence.title or ""
        blank[fence.close] = ""
        log.report("txt.container-fence", f"a Markdown container ('{fence.kind}', lines "
                   f"{lines[fence.open].number}-{lines[fence.close].number}) read as its content: its fence "
                   "lines removed" + (", its title kept as a line" if fence.title else ""),
                   action=Action.REMOVED, text=f"{texts[fence.open]} … {texts[fence.close]}",
                   pos=positions[fence.open])
    if not blank:
        return lines, meta
    return [_Line(ln.number, ln.offset, blank[k], indented=False) if k in blank else ln
            for k, ln in enumerate(lines)], meta


_BREAK = re.compile(r"\r\n|[\n\r\v\f\u2028\u2029]")
"""What ends a line of a text file. `\n`, `\r\n` and `\r` (every platform's line end); U+2028, the
Unicode line separator (text that passed through JavaScript or a word processor); U+2029, the paragraph
separator, which also ends the paragraph (read as a blank line after it); a vertical tab, Word's manual
line break (Shift+Enter) when text is copied out of Word; a form feed, a page break (pdftotext ends each
page with one), which is a line end only where no other line end stands beside it: a page break
between two lines neither joins them nor parts a paragraph that runs on to the next page.

Not U+0085 (NEL) nor U+001C-U+001E, although `str.splitlines` breaks there: in Chinese text they come
from mojibake (the byte 0x85 of `全` read as Latin-1) far more often than from a mainframe, and a line
cut there cuts the damage in two before the repair can read it."""
_SPACE = (" \t\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"
          "\u205f\u3000")
"""The white space a line is stripped of: `str.strip` would also take U+0085 and U+001C-U+001F, which
mojibake produces from real bytes (see `_BREAK`)."""


def _raw_lines(source: str) -> list[tuple[str, int, bool]]:
    """The lines of `source` as `(text, offset, paragraph_end)`, broken where `_BREAK` says."""
    out: list[tuple[str, int, bool]] = []
    start = 0
    for m in _BREAK.finditer(source):
        if m.group() == "\f" and _page_break_beside_line_end(source, m.start()):
            continue
        out.append((source[start : m.start()], start, m.group() == "\u2029"))
        start = m.end()
    if start < len(source):
        out.append((source[start:], start, False))
    return out


def _page_break_beside_line_end(source: str, at: int) -> bool:
    """Whether the form feed at `at` stands beside a line end or an edge of the text (where it is no
    line end of its own)."""
    ends = "\r\n\v\f\u2028\u2029"
    return at == 0 or at + 1 == len(source) or source[at - 1] in ends or source[at + 1] in ends


def _lines(source: str) -> list[_Line]:
    out: list[_Line] = []
    for number, (body, offset, paragraph_end) in enumerate(_raw_lines(source), start=1):
        lead = len(body) - len(body.lstrip("\f"))
        indent = _INDENT.match(body[lead:])
        stripped = body.strip(_SPACE)
        out.append(_Line(number, offset + lead + (indent.end() if indent else 0), stripped,
                         indented=bool(indent) and bool(stripped)))
        if paragraph_end:
            out.append(_Line(number, offset + len(body), "", indented=False))
    return out


def _decide_mode(lines: list[_Line]) -> tuple[str, int, int, int]:
    """Pick the layout: hard wraps inside blocks mean `blank`/`indent`, anything else means `line`.

    Also returns the width the text is wrapped at (the 90th percentile of line widths).
    """
    texts = [ln for ln in lines if ln.text]
    if not texts:
        return "line", 0, 0, 0
    width = [display_width(ln.text) for ln in lines]  # measured once per line
    widths = sorted(w for ln, w in zip(lines, width, strict=True) if ln.text)
    wrap_width = widths[int(0.9 * (len(widths) - 1))]
    # Only breaks into a non-indented line are evidence: an indented next line opens a paragraph in
    # every layout.
    breaks = 0
    wrap_like = 0
    for k, (prev, nxt) in enumerate(itertools.pairwise(lines)):
        if not prev.text or not nxt.text or nxt.indented or _opaque_end(prev.text):
            continue
        breaks += 1
        if (_mid_sentence_break(prev.text, nxt.text)
                and width[k] >= max(0.6 * wrap_width, MIN_WRAP_WIDTH)):
            wrap_like += 1
    if breaks == 0 or wrap_like < 0.6 * breaks:
        return "line", wrap_like, breaks, wrap_width
    indented = sum(1 for ln in texts if ln.indented)
    return ("indent" if indented >= 2 else "blank"), wrap_like, breaks, wrap_width


def _mid_sentence_break(prev: str, nxt: str) -> bool:
    """Whether a break after `prev` into `nxt` may be a hard wrap: `prev` ends mid-sentence and `nxt`
    opens no numbered item."""
    return prev[-1] not in _LINE_FINAL and match_marker(nxt) is None and not _opaque_end(prev)


_OPAQUE_MIN = 3
"""Latin-1 characters among a line's last six that make its end unreadable (see `_opaque_end`)."""


def _opaque_end(text: str) -> bool:
    """Whether a line ends in Latin-1 mojibake (`…äººæ¬¡ã€‚`): whether it ends its sentence is hidden
    until the repair stage decodes it, and so is a numbered item it opens. Its breaks are no evidence
    for the layout (a file that is mojibake throughout is read one paragraph per line, never glued)."""
    return sum(1 for c in text[-6:] if "\x80" <= c <= "\xff" or c in _CP1252_ONLY) >= _OPAQUE_MIN


_CP1252_ONLY = frozenset("€‚ƒ„†‡ˆ‰Š‹ŒŽ˜™š›œžŸ")
"""What cp1252 puts for bytes 0x80-0x9F besides the quotes, dashes, bullet and ellipsis Chinese text uses
itself (`。` read as cp1252 is `ã€‚`)."""


def _wrap_band(lines: list[_Line]) -> _Band | None:
    """The wrap width of a hard-wrapped document that the break vote took for one paragraph per line
    (many short heading lines outvote its wrapped paragraphs), or None when it is not one.

    Only breaks after long lines count (a short line ends where its text ends in any layout). The wrap
    width is the width below which most long lines that end mid-sentence cluster (within `FULL_LINE`
    of it); the document is hard-wrapped when at least `WRAP_MIN_LINES` such lines sit there, they are
    `WRAP_SHARE` of the breaks after lines there, and few lines are longer (a document with one paragraph
    per line has paragraphs of every length). Of the two measures the tighter cluster wins.
    """
    best: tuple[float, _Band] | None = None
    texts = [ln.text for ln in lines if ln.text]
    pairs = [(a.text, b.text) for a, b in itertools.pairwise(lines)
             if a.text and b.text and not b.indented and display_width(a.text) >= MIN_WRAP_WIDTH]
    for name, measure in _MEASURES:
        widths = [(measure(a), _mid_sentence_break(a, b)) for a, b in pairs]
        top, count = _cluster(sorted(w for w, mid in widths if mid))
        if count < WRAP_MIN_LINES:
            continue
        full = sum(1 for w, _ in widths if FULL_LINE * top <= w <= top)
        over = sum(1 for text in texts if measure(text) > OVER * top)
        if count < WRAP_SHARE * full or over > OVER_SHARE * count:
            continue
        at = [w for w, mid in widths if mid and FULL_LINE * top <= w <= top]
        spread = (max(at) - min(at)) / top
        if best is None or spread < best[0]:
            best = (spread, _Band(measure=name, low=FULL_LINE * top, high=top, wrapped=count))
    return best[1] if best else None


def _wrap_regions(lines: list[_Line]) -> list[tuple[int, int, _Band]]:
    """The hard-wrapped regions of a text that is not hard-wrapped as a whole: `(first, last, band)`,
    indices into `lines`.

    A file may hold one text wrapped at a width and another written one paragraph per line (a page
    pasted twice, a wrapped quotation in a report): the second's long lines hide the first's wrap width
    from `_wrap_band`, which allows few lines longer than the wrap width. So the lines are cut into
    runs at every line much longer than the width the wrapped lines cluster at (in either measure),
    and each run with enough lines is judged by `_wrap_band` alone: a run of lines at one wrap width,
    most of them ending mid-sentence, is hard-wrapped whatever the rest of the file does.
    """
    if len(lines) < WRAP_MIN_LINES:
        return []
    ends = [*lines[1:], _Line(0, 0, "", indented=False)]
    # Lines that may be wrapped prose, whatever the width (see `_prose_wrapped`): a run with fewer than
    # `WRAP_MIN_LINES` of them is never looked at closer, nor a text with fewer.
    pairs = list(zip(lines, ends, strict=True))
    prose = list(itertools.accumulate(
        (int(_prose_line(a, b) and display_width(a.text) >= MIN_WRAP_WIDTH) for a, b in pairs), initial=0))
    if prose[-1] < WRAP_MIN_LINES:
        return []
    widths = {name: [measure(ln.text) for ln in lines] for name, measure in _MEASURES}  # measured once
    columns = widths["columns"]
    best: list[tuple[int, int, _Band]] = []
    for width in widths.values():
        top, count = _cluster(sorted(width[k] for k, (a, b) in enumerate(pairs)
                                     if columns[k] >= MIN_WRAP_WIDTH and b.text and not b.indented
                                     and a.text and _mid_sentence_break(a.text, b.text)))
        if count < WRAP_MIN_LINES:
            continue
        found: list[tuple[int, int, _Band]] = []
        start = 0
        for k in range(len(lines) + 1):
            if k < len(lines) and width[k] <= OVER * top:
                continue
            run = lines[start:k]
            if (prose[k] - prose[start] >= WRAP_MIN_LINES and (band := _wrap_band(run)) is not None
                    and (wrapped := _prose_wrapped(run, band))):
                # The region runs from its first wrapped line to the line after its last.
                found.append((start + wrapped[0], start + wrapped[-1] + 1, band))
            start = k + 1
        if sum(b.wrapped for _, _, b in found) > sum(b.wrapped for _, _, b in best):
            best = found
    return best


def _prose_wrapped(run: list[_Line], band: _Band) -> list[int]:
    """Where a region's wrapped lines stand in it when they are running prose (else none): at least
    `WRAP_MIN_LINES` lines at the wrap
    width end mid-sentence with a clause mark inside them, two of them in a row (a paragraph wrapped
    twice), none a field line or parted by wide gaps.

    Lines of one length that end without a stop are common in plain reports too: a title over field
    lines (`会议时间：…`), a list of linked titles (`…工作总结03-27`), rows of a table typed as text
    (`营业收入　　5.26亿元　5.62亿元`), unnumbered headings each over a short paragraph. None of them is
    prose cut at a width, which holds clause marks, and continues line after line.
    """
    at = [k for k, (a, b) in enumerate(itertools.pairwise(run)) if band.holds(a.text) and _prose_line(a, b)]
    return at if len(at) >= WRAP_MIN_LINES and any(b == a + 1 for a, b in itertools.pairwise(at)) else []


def _prose_line(line: _Line, nxt: _Line) -> bool:
    """Whether the break after `line` may be a wrap inside running prose: it ends mid-sentence, holds a
    clause mark, is no field line and has no wide gaps, and the next line goes on unindented."""
    return (bool(line.text) and bool(nxt.text) and not nxt.indented
            and _mid_sentence_break(line.text, nxt.text) and _CLAUSE.search(line.text[:-1]) is not None
            and not _GAP.search(line.text) and not FIELD_LABEL.match(line.text))


def _cluster(wrapped: list[int]) -> tuple[int, int]:
    """The width below which most of the given sorted widths cluster (within `FULL_LINE` of it), and how
    many do: `(width, count)`. The widest of equal counts wins: a wrap width bounds its lines."""
    top, count = 0, 0
    for t in sorted(set(wrapped)):
        n = bisect.bisect_right(wrapped, t) - bisect.bisect_left(wrapped, FULL_LINE * t)
        if n >= count:
            top, count = t, n
    return top, count


def _group(lines: list[_Line], mode: str, wrap_width: int, bands: list[_Band | None] | None,
           markdown: bool = False) -> list[list[_Line]]:
    """The lines of each paragraph. `bands` gives each line's wrap width when the whole text (`wrap`) or
    the region it stands in is hard-wrapped at one width; a break joins there as in `wrap`."""
    groups: list[list[_Line]] = []
    current: list[_Line] = []
    for k, ln in enumerate(lines):
        if not ln.text:
            if current:
                groups.append(current)
            current = []
            continue
        if markdown and _syntax_line(ln.text):
            # A heading, bullet or rule line is a block of its own in every layout.
            if current:
                groups.append(current)
            groups.append([ln])
            current = []
            continue
        # In `wrap` the band says which lines are full; the width hard_wrap is given then only
        # keeps its floor (a line under `MIN_WRAP_WIDTH` columns is never a wrapped one). A break
        # between two lines of one hard-wrapped region is read so too (`current[-1]` is `lines[k - 1]`:
        # a blank line ends the group).
        band = bands[k] if bands is not None and k and bands[k] is bands[k - 1] else None
        line_mode = "wrap" if band is not None else mode
        if current and (line_mode == "line" or (line_mode in ("indent", "wrap") and ln.indented)
                        or not hard_wrap(current[-1].text, ln.text, 0 if band else wrap_width)
                        or (band is not None and not (band.holds(current[-1].text)
                                                      and _mid_sentence_break(current[-1].text, ln.text)))):
            groups.append(current)
            current = []
        current.append(ln)
    if current:
        groups.append(current)
    return groups


def _para(group: list[_Line], inlines: Callable[[str], tuple[Inline, ...]] | None = None) -> Para:
    content: list[Inline] = []
    for i, ln in enumerate(group):
        if i:
            content.append(SoftBreak())
        content.extend(inlines(ln.text) if inlines else (Text(text=ln.text),))
    return Para(content=tuple(content), pos=Pos(line=group[0].number, offset=group[0].offset))


# --- Markdown syntax ------------------------------------------------------------------------------------

_ATX = re.compile(r"^(?P<hashes>#{1,6})[ \t\u3000]+(?P<text>.*?)(?:[ \t\u3000]+#+)?[ \t\u3000]*$")
"""An ATX heading line: one to six `#`, a space, the heading (a closing run of `#` is not part of it).
A hashtag (`#话题#`) has no space after its `#`."""
_BULLET = re.compile(r"^[-*+][ \t\u3000]+(?P<text>\S.*)$")
_RULE = re.compile(r"^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_BOLD = re.compile(r"\*\*(?=\S)(?P<a>.+?)(?<=\S)\*\*"
                   r"|(?<![0-9A-Za-z_])__(?=\S)(?P<b>.+?)(?<=\S)__(?![0-9A-Za-z_])")
"""A bold span: `**…**`, or `__…__` that is not inside a word (`a__b__c` is a name)."""
_HEADING_MAX = 60
"""Characters: a `#` line longer than this is no heading (a comment or a sentence that opens with `#`)."""
MARKDOWN_MIN_LINES = 3
"""Heading lines and whole-line bold spans a document needs to be read as Markdown (two heading lines
are enough by themselves): one `# …` line or one `**…**` line may be plain text that happens to start so."""


def _heading_line(text: str) -> re.Match[str] | None:
    m = _ATX.match(text)
    body = m.group("text") if m else ""
    return m if m and body.strip("#") and len(body) <= _HEADING_MAX else None


def _bold_line(text: str) -> bool:
    m = _BOLD.fullmatch(text)
    return m is not None and len(text) <= _HEADING_MAX


def _syntax_line(text: str) -> bool:
    """A Markdown line that is a block of its own: a heading, a bullet item or a rule."""
    return bool(_heading_line(text) or _BULLET.match(text) or _RULE.match(text))


def _uses_markdown(lines: list[_Line]) -> bool:
    """Whether the document is written in Markdown syntax: at least two ATX heading lines, or
    `MARKDOWN_MIN_LINES` heading lines and lines that are one bold span together (`**（一）存款业务**`).

    Bullets and rules are no evidence: plain text has `- ` items and `-----` rows of its own.
    """
    headings = bold = 0
    for ln in lines:
        if not ln.text or ln.text[0] not in "#*_":
            continue
        if _heading_line(ln.text):
            headings += 1
        elif _bold_line(ln.text):
            bold += 1
        if headings >= 2 or headings + bold >= MARKDOWN_MIN_LINES:
            return True
    return False


def _inlines(text: str) -> tuple[Inline, ...]:
    """A line's text with its bold spans as `Strong`."""
    out: list[Inline] = []
    last = 0
    for m in _BOLD.finditer(text):
        if m.start() > last:
            out.append(Text(text=text[last:m.start()]))
        out.append(Strong(content=(Text(text=m.group("a") or m.group("b")),)))
        last = m.end()
    if last < len(text):
        out.append(Text(text=text[last:]))
    return tuple(out)


def _markdown_blocks(groups: list[list[_Line]], log: DiagnosticLog) -> tuple[Block, ...]:
    """The blocks of a document written in Markdown syntax (see the module docstring)."""
    out: list[Block] = []
    counts = {"heading": 0, "list item": 0, "rule": 0, "bold span": 0}
    for group in groups:
        ln = group[0]
        pos = Pos(line=ln.number, offset=ln.offset)
        heading = _heading_line(ln.text) if len(group) == 1 else None
        bullet = _BULLET.match(ln.text) if len(group) == 1 else None
        if heading is not None:
            counts["heading"] += 1
            out.append(Heading(level=len(heading.group("hashes")), content=_inlines(heading.group("text")),
                               pos=pos))
        elif bullet is not None:
            counts["list item"] += 1
            item = ListItem(blocks=(Para(content=_inlines(bullet.group("text")), pos=pos),), pos=pos)
            prev = out[-1] if out else None
            if isinstance(prev, List) and not prev.ordered:
                out[-1] = List(items=(*prev.items, item), ordered=False, pos=prev.pos)
            else:
                out.append(List(items=(item,), ordered=False, pos=pos))
        elif len(group) == 1 and _RULE.match(ln.text):
            counts["rule"] += 1
            out.append(HorizontalRule(pos=pos))
        else:
            out.append(_para(group, _inlines))
    counts["bold span"] = sum(1 for b in out for n in _inlines_of(b) if isinstance(n, Strong))
    found = ", ".join(f"{n} {what}{'s' if n != 1 else ''}" for what, n in counts.items() if n)
    log.report("txt.markdown", f"the text is written in Markdown syntax; read {found} as what they mean",
               text=next((g[0].text for g in groups if _heading_line(g[0].text)), None))
    return tuple(out)


def _inlines_of(block: Block) -> list[Inline]:
    """The top-level inlines of a heading, a paragraph or a list's items (for counting bold spans)."""
    if isinstance(block, Heading | Para):
        return list(block.content)
    if isinstance(block, List):
        return [n for item in block.items for b in item.blocks for n in _inlines_of(b)]
    return []
