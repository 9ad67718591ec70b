"""Scraped-site residue removal: a transform that removes what the rules and scorers name, and explains it.

The document is read as a sequence of *lines* (`docconv.clean.residuelines`): each paragraph or heading,
split at its line breaks. Lines are grouped into *segments*: the main text, and every article the site
appended after a "more reading" marker. Each segment has a head (the lines before its first body
paragraph) and a tail (the lines after its last one); rules limited to a zone only remove text there (see
`docconv.clean.rules`).

What happens, in order:

1. reading tails: a `tail-start` line after some body text is removed together with the list of related
   titles that follows it; whole articles after the list are kept, each wrapped in
   `Div(classes=("article",), kv=(("origin", "appended"),))` (`docconv.clean.readingtail`);
2. every line is checked against the rules; a `line`/`block` match in its zone removes the line or the
   paragraph, an `inline` match removes only the matched text;
3. lines at the edges that no rule names are scored (`docconv.clean.scorers`): strong evidence removes,
   weaker evidence keeps the line and reports it as suspect;
4. publish time, source and author found in removed lines move to `Meta` (`docconv.clean.harvest`).

Every removal, move and suspicion is a diagnostic. The transform is pure and idempotent.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, replace
from pathlib import Path

from docconv.ast import (
    Block,
    Document,
    HorizontalRule,
    Image,
    LineBreak,
    Para,
    Pos,
    SoftBreak,
    Text,
    plain_text,
)
from docconv.clean import scorers
from docconv.clean.dedup import drop_repeated_titles
from docconv.clean.harvest import MetaHarvest
from docconv.clean.readingtail import reading_tails as _reading_tails
from docconv.clean.readingtail import rebuild_top as _rebuild_top
from docconv.clean.residuelines import Line as _Line
from docconv.clean.residuelines import collect_lines as _collect
from docconv.clean.residuelines import removing as _removing
from docconv.clean.residuelines import without as _without
from docconv.clean.rules import Kind, Rule, Where, load_rule_file, select
from docconv.clean.rules.builtin import BUILTIN
from docconv.clean.rules.literals import TriggerIndex
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.errors import OptionError
from docconv.options import Options
from docconv.structure.lines import separator_line
from docconv.structure.title import head_furniture, reads_as_report_title
from docconv.transform import Transform

HEAD_SCAN_LIMIT = 15
"""Non-residue lines a head (or tail) may span before the body is taken to have started anyway."""



# ------------------------------------------------------------------------------------------- rule loading


@functools.lru_cache(maxsize=64)
def _user_rules(path: str, mtime_ns: int, size: int) -> tuple[Rule, ...]:
    del mtime_ns, size  # part of the cache key only: an edited file is read again
    return load_rule_file(path)


def active_rules(options: Options) -> tuple[tuple[Rule, ...], frozenset[str]]:
    """The rules to run for these options, and the ids of code detectors turned off (`--keep`)."""
    extra: list[Rule] = []
    taken = {r.id for r in BUILTIN}
    for path in options.rules:
        try:
            st = Path(path).stat()
        except OSError:
            extra.extend(load_rule_file(path))  # raises the OptionError that names the file
            continue
        for r in _user_rules(path, st.st_mtime_ns, st.st_size):
            if r.id in taken:
                raise OptionError(f"rule file {path}, rule {r.id}: the id is defined twice (by a built-in "
                                  "rule or an earlier rule); give the rule another id")
            taken.add(r.id)
            extra.append(r)
    return select(BUILTIN, extra, options.keep_rules, options.drop_rules)


# ------------------------------------------------------------------------------------------ the transform


def remove_residue(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Remove scraped-site residue from a document, reporting every decision into `log`."""
    rules, off = active_rules(options)
    lines: list[_Line] = []
    _collect(doc.blocks, (), lines, [0])
    _find_candidates(lines, [r for r in rules if r.kind is not Kind.INLINE])
    meta = MetaHarvest(doc.meta)
    starts = _reading_tails(doc, lines, off, meta, log)
    _zones(lines)
    siblings: dict[tuple[int, ...], list[_Line]] = {}
    for ln in lines:
        siblings.setdefault(ln.path, []).append(ln)
    held: list[_Held] = []
    for k, ln in enumerate(lines):
        if ln.removed_by is None:
            _decide(ln, siblings[ln.path], meta, log, lines=lines, at=k, held=held)
    _settle(held, lines, siblings, meta, log)
    _account_names(lines, off, log)
    _head_titles(lines, off, log)
    _score_edges(lines, off, log)
    live = [ln for ln in lines if ln.removed_by is None]
    inline_rules = [r for r in rules if r.kind is Kind.INLINE]
    index = TriggerIndex([ln.folded for ln in live], [r.trigger for r in inline_rules])
    per_line = _lines_per_rule(inline_rules, index, len(live))
    # A match across a break holds a required literal on one side of it, unless the literal itself
    # holds a line break; so the rules to try at a seam are those of the two lines it joins.
    seam_rules = {i for i, r in enumerate(inline_rules) if r.trigger is not None and any(
        "\n" in s for s in r.trigger)}
    for k, (prev, nxt) in enumerate(itertools.pairwise(live)):
        at_seam = sorted(seam_rules.union(per_line[k], per_line[k + 1]))
        if at_seam:
            _inline_across(prev, nxt, [inline_rules[i] for i in at_seam], meta, log)
    for ln, indices in zip(live, per_line, strict=True):
        if indices or ln.spans:
            _inline(ln, [inline_rules[i] for i in indices], meta, log)
    blocks = _rebuild_top(doc, {(ln.path, ln.index): ln for ln in lines}, starts, off, log)
    gone = {ln.path[0] for ln in lines if ln.removed_by is not None} - {
        ln.path[0] for ln in lines if ln.removed_by is None}
    blocks = _edge_rules(doc.blocks, blocks, gone, off, log)
    blocks = _caption_images(doc.blocks, blocks, lines, off, log)
    if meta.changed:
        doc = replace(doc, meta=meta.value)
    return replace(doc, blocks=blocks) if blocks != doc.blocks else doc


EDGE_RULE = "furniture.edge-rule"


def _edge_rules(source: tuple[Block, ...], kept: tuple[Block, ...], gone: set[int], off: frozenset[str],
                log: DiagnosticLog) -> tuple[Block, ...]:
    """`kept` without a horizontal rule or a separator row (`------分隔线------`) left at its start or end
    when what stood beyond it in the source was all removed as residue, or when it ends the source right
    after a block removed as residue (`gone`: top-level indices): it only set the site's lines apart
    from the text (a print page's rule above its footer). A rule that text still follows, or that ends
    a source whose last text is the report's, stays."""
    out = list(kept)
    for end, where in ((-1, "end"), (0, "start")):
        if not out or not _is_rule(out[end]):
            continue
        rule_block = out[end]
        at = next((i for i, b in enumerate(source) if b is rule_block), None)
        if at is None:
            continue
        beyond = source[at + 1:] if end == -1 else source[:at]
        if not beyond and (at - 1 if end == -1 else at + 1) not in gone:
            continue
        text = plain_text(rule_block.content).strip() if isinstance(rule_block, Para) else None
        if EDGE_RULE in off:
            log.report(EDGE_RULE, f"furniture: a rule at the {where} of the document that only set apart "
                       "site residue; kept because the detector is turned off", action=Action.KEPT,
                       severity=Severity.WARNING, text=text, pos=rule_block.pos)
            continue
        log.report(EDGE_RULE, f"furniture: a rule at the {where} of the document that only set apart site "
                   "residue, removed with it", action=Action.REMOVED, text=text, pos=rule_block.pos)
        out.pop(end)
    return tuple(out) if len(out) != len(kept) else kept


QR_IMAGE = "furniture.qr-image"
_QR_CAPTION = re.compile(r"二维码|扫码|扫一扫|识别.{0,4}码|小程序码|关注")
"""Words of a caption that asks the reader to scan the picture above or below it."""


def _caption_images(source: tuple[Block, ...], kept: tuple[Block, ...], lines: list[_Line],
                    off: frozenset[str], log: DiagnosticLog) -> tuple[Block, ...]:
    """`kept` without a picture standing alone right next to a caption removed as a public account's call
    to scan or follow (`长按识别二维码关注我们`): the picture is the code the caption asks to scan, and left
    behind it is a bare image at the end of the report. A picture next to any other removed line, or next
    to text, stays."""
    calls: set[int] = set()
    alive: set[int] = set()
    for ln in lines:
        if len(ln.path) != 1:
            continue
        if ln.removed_by is None:
            alive.add(ln.path[0])
        elif ln.removed_by.startswith("furniture.") and _QR_CAPTION.search(ln.key):
            calls.add(ln.path[0])
    calls -= alive
    if not calls:
        return kept
    where = {id(b): i for i, b in enumerate(source)}
    out: list[Block] = []
    for b in kept:
        i = where.get(id(b))
        if i is None or not _image_only(b) or not (i - 1 in calls or i + 1 in calls):
            out.append(b)
            continue
        targets = ", ".join(n.src for n in b.content if isinstance(n, Image)) if isinstance(b, Para) else ""
        if QR_IMAGE in off:
            log.report(QR_IMAGE, "furniture: a picture beside a removed call to scan or follow (the code it "
                       "asks to scan); kept because the detector is turned off", action=Action.KEPT,
                       severity=Severity.WARNING, text=targets, pos=b.pos)
            out.append(b)
            continue
        log.report(QR_IMAGE, "furniture: a picture standing alone beside a removed call to scan or follow "
                   "a public account: the code the call asks to scan", action=Action.REMOVED, text=targets,
                   pos=b.pos)
    return tuple(out) if len(out) != len(kept) else kept


def _image_only(block: Block) -> bool:
    """A paragraph holding pictures and nothing else (no words, not even alt text)."""
    return (isinstance(block, Para) and any(isinstance(n, Image) for n in block.content)
            and all(isinstance(n, Image | SoftBreak | LineBreak)
                    or (isinstance(n, Text) and not n.text.strip()) for n in block.content)
            and not plain_text(block.content).strip())


def _is_rule(block: Block) -> bool:
    """A horizontal rule, or a paragraph that is a separator row (the structure stage makes it a rule)."""
    if isinstance(block, HorizontalRule):
        return True
    if not isinstance(block, Para):
        return False
    text = plain_text(block.content)
    return "\n" not in text and separator_line(text) is not None


def _lines_per_rule(rules: list[Rule], index: TriggerIndex, count: int) -> list[list[int]]:
    """For each of `count` indexed texts, the positions in `rules` (ascending) of the rules whose
    required literals it holds: the only rules that can match in it."""
    out: list[list[int]] = [[] for _ in range(count)]
    for i, r in enumerate(rules):
        for k in index.containing(r.trigger):
            out[k].append(i)
    return out


def _find_candidates(lines: list[_Line], rules: list[Rule]) -> None:
    """Fill each line's `candidates` with the line, block and tail-start rules that match it."""
    # Most rules match nothing in most documents, and each looks only at lines (block rules: paragraphs)
    # up to its `max_len`: a rule runs only on the short enough lines that hold its required literals.
    block_of: dict[tuple[int, ...], int] = {}
    for ln in lines:
        block_of.setdefault(ln.path, len(block_of))
    block_keys = [""] * len(block_of)
    for ln in lines:
        block_keys[block_of[ln.path]] = ln.block_key
    longest = max((r.max_len for r in rules), default=0)
    short_lines = [k for k, ln in enumerate(lines) if len(ln.key) <= longest]
    short_blocks = [b for b, key in enumerate(block_keys) if len(key) <= longest]
    line_index = TriggerIndex([lines[k].key for k in short_lines],
                              [r.trigger for r in rules if r.kind is not Kind.BLOCK])
    block_index = TriggerIndex([block_keys[b] for b in short_blocks],
                               [r.trigger for r in rules if r.kind is Kind.BLOCK])
    per_block: list[list[int]] = [[] for _ in block_keys]
    per_line: list[list[int]] = [[] for _ in lines]
    for i, r in enumerate(rules):
        if r.kind is Kind.BLOCK:
            for b in block_index.containing(r.trigger):
                per_block[short_blocks[b]].append(i)
        else:
            for k in line_index.containing(r.trigger):
                per_line[short_lines[k]].append(i)
    for ln, own in zip(lines, per_line, strict=True):
        block = per_block[block_of[ln.path]]
        for i in sorted(own + block) if block else own:
            m = _match(rules[i], ln)
            if m is not None:
                ln.candidates.append((rules[i], m))


def _match(r: Rule, ln: _Line) -> re.Match[str] | None:
    if r.kind is Kind.BLOCK:
        return r.regex.search(ln.block_key) if len(ln.block_key) <= r.max_len else None
    return r.regex.fullmatch(ln.key) if len(ln.key) <= r.max_len else None


def _in_zone(r: Rule, ln: _Line) -> bool:
    match r.where:
        case Where.ANYWHERE:
            return True
        case Where.HEAD:
            return ln.head
        case Where.TAIL:
            return ln.tail
        case Where.EDGES:
            return ln.head or ln.tail


def _zones(lines: list[_Line]) -> None:
    """Mark each segment's head and tail: the lines before its first and after its last body line."""
    by_segment: dict[int, list[_Line]] = {}
    for ln in lines:
        by_segment.setdefault(ln.segment, []).append(ln)
    for seg in by_segment.values():
        for order, zone in ((seg, Where.HEAD), (list(reversed(seg)), Where.TAIL)):
            plain = 0
            for ln in order:
                if _removing(ln, zone):
                    setattr(ln, zone.value, True)
                    continue
                if scorers.is_body(ln.key) or plain >= HEAD_SCAN_LIMIT:
                    break
                plain += 1
                setattr(ln, zone.value, True)


NEAR_RESIDUE = 3
"""Lines apart that other residue may stand for a held field line to be removed with it."""
FIELD_RUN = 12
"""Lines on each side of a field line searched for the rest of its field block (a report's block is
shorter; the bound keeps a page of thousands of field lines linear)."""


@dataclass(slots=True)
class _Held:
    """A match whose removal waits for corroboration from the rest of the document."""

    line: _Line
    rule: Rule
    match: re.Match[str]
    at: int
    """Index of the line in the document's line list."""
    among_fields: bool
    """Held because it stands among the report's own field lines (otherwise: the rule asks for company)."""


def _among_fields(lines: list[_Line], at: int, r: Rule) -> bool:
    """Whether a zone-limited furniture line stands in a block of the report's own `字段:值` lines or next
    to its signature date: then its wording alone does not make it the site's.

    The block is judged as the source has it, before anything is removed: the run of consecutive field
    lines around the line, which must hold another field line that no rule names (`网站名称:…`,
    `主办单位:…`). A neighbour a rule also names does not break the run, so one false match cannot remove
    its neighbours and, through them, the rest of the block.
    """
    key = lines[at].key
    if (r.family != "furniture" or r.kind is not Kind.LINE or r.where is Where.ANYWHERE
            or not scorers.field_line(key) or scorers.site_mark(key)):
        return False
    if any(scorers.signature_date(lines[j].key) for j in (at - 1, at + 1) if 0 <= j < len(lines)):
        return True
    for step in (-1, 1):
        j = at + step
        while 0 <= j < len(lines) and abs(j - at) <= FIELD_RUN and scorers.field_line(lines[j].key):
            if not lines[j].candidates:
                return True
            j += step
    return False


def _decide(ln: _Line, siblings: list[_Line], meta: MetaHarvest, log: DiagnosticLog, *, lines: list[_Line],
            at: int, held: list[_Held]) -> None:
    doubt: tuple[Rule, str] | None = None
    for r, m in ln.candidates:
        if r.suspect:
            doubt = doubt or (r, "the evidence is weak")
            continue
        if not _in_zone(r, ln):
            if r.suspect_elsewhere:
                doubt = doubt or (r, f"it is outside the document's {r.where.value}")
            continue
        fields = _among_fields(lines, at, r)
        if r.corroborate or fields:
            held.append(_Held(ln, r, m, at, fields))
        else:
            _remove(ln, r, m, siblings, meta=meta, log=log)
        return
    if doubt is not None:
        r, why = doubt
        log.report(r.id, f"{r.family}: {r.reason}; kept because {why}", action=Action.KEPT,
                   severity=Severity.WARNING, text=ln.text.strip(), pos=ln.pos)


def _remove(ln: _Line, r: Rule, m: re.Match[str], siblings: list[_Line], *, meta: MetaHarvest,
            log: DiagnosticLog) -> None:
    text = ln.block_text if r.kind is Kind.BLOCK else ln.text
    for other in siblings if r.kind is Kind.BLOCK else [ln]:
        other.removed_by = r.id
    _report_removal(log, r, text.strip(), ln.pos, followed=not ln.tail)
    meta.harvest(r, m, text, ln.pos, log)


def _settle(held: list[_Held], lines: list[_Line], siblings: dict[tuple[int, ...], list[_Line]],
            meta: MetaHarvest, log: DiagnosticLog) -> None:
    """Remove the held matches that other residue corroborates; keep the rest and report them as suspect."""
    waiting = {id(h.line) for h in held}
    strong = [k for k, ln in enumerate(lines) if ln.removed_by is not None and id(ln) not in waiting]
    for h in held:
        if h.among_fields:
            ok = any(abs(k - h.at) <= NEAR_RESIDUE for k in strong)
            why = ("it stands among the report's own field lines or by its signature date, with no other "
                   "site residue next to it")
        else:
            ok, why = bool(strong), "the document has no other site residue"
        if ok:
            _remove(h.line, h.rule, h.match, siblings[h.line.path], meta=meta, log=log)
        else:
            log.report(h.rule.id, f"{h.rule.family}: {h.rule.reason}; kept because {why}", action=Action.KEPT,
                       severity=Severity.WARNING, text=h.line.text.strip(), pos=h.line.pos)


POST_BYLINES = frozenset({"furniture.account-byline", "furniture.post-byline", "furniture.post-time"})
"""Rules whose line is the time a social account posted the text: the account's name stands above it."""
_NAME_MAX = 16
"""Longest line (characters) taken for an account's name."""


def _account_names(lines: list[_Line], off: frozenset[str], log: DiagnosticLog) -> None:
    """Remove an account's name standing alone right above the removed time of its post in the head (a
    microblog prints `某某发布` over `2024年1月5日 10:22 发布于 浙江`)."""
    rid = "furniture.account-name"
    for k in range(1, len(lines)):
        ln, name = lines[k], lines[k - 1]
        if ln.removed_by not in POST_BYLINES or not ln.head or name.removed_by is not None:
            continue
        if not name.head or name.heading or name.candidates or name.segment != ln.segment:
            continue
        f = scorers.features(name.key)
        if (not 0 < f.length <= _NAME_MAX or f.stops or scorers.field_line(name.key)
                or scorers.numbered(name.key) or reads_as_report_title(name.text)
                or name.key.endswith((":", ","))):
            continue
        if rid in off:
            log.report(rid, "furniture: an account's name above the time of its post; kept because the "
                       "detector is turned off", action=Action.KEPT, severity=Severity.WARNING,
                       text=name.text.strip(), pos=name.pos)
            continue
        name.removed_by = rid
        log.report(rid, "furniture: the name of the account that posted the text, right above the time of "
                   "the post", action=Action.REMOVED, text=name.text.strip(), pos=name.pos)


def _head_titles(lines: list[_Line], off: frozenset[str], log: DiagnosticLog) -> None:
    """Remove what the site printed around the page title in the main text's head (structure/title.py)."""
    head = [ln for ln in lines if ln.segment == 0 and ln.head]
    verdicts = head_furniture([ln.text for ln in head], [ln.removed_by is not None for ln in head],
                              [ln.heading or bool(ln.candidates) for ln in head])
    for v in verdicts:
        ln = head[v.index]
        if v.rule in off:
            log.report(v.rule, f"{v.reason}; kept because the detector is turned off", action=Action.KEPT,
                       severity=Severity.WARNING, text=ln.text.strip(), pos=ln.pos)
            continue
        ln.removed_by = v.rule
        log.report(v.rule, v.reason, action=Action.REMOVED, text=ln.text.strip(), pos=ln.pos)


FOLDED_WHEN_FOLLOWED = frozenset({"truncation.read-more", "truncation.preview-end"})
"""Truncation rules whose line, with more report text after it, is a button that unfolds the text or a
marker between a preview and the full text: the page had the text, so nothing was withheld."""


def _report_removal(log: DiagnosticLog, r: Rule, text: str, pos: Pos | None, note: str = "", *,
                    followed: bool = False) -> None:
    """Report a removal; `followed`: more report text stands after the removed line."""
    if r.family == "truncation" and followed and r.id in FOLDED_WHEN_FOLLOWED:
        log.report(r.id, f"{r.family}: {r.reason}{note}; more report text follows it, so it is a button or a "
                   "marker of the page, not a sign that text was withheld", action=Action.REMOVED, text=text,
                   pos=pos)
        return
    if r.family == "truncation":
        # The text itself is gone from the source: the user should know the document is incomplete.
        log.report(r.id, f"{r.family}: {r.reason}{note}; the document is incomplete, the site withheld "
                   "part of the text", action=Action.REMOVED, severity=Severity.WARNING, text=text, pos=pos)
        return
    log.report(r.id, f"{r.family}: {r.reason}{note}", action=Action.REMOVED, text=text, pos=pos)


def _score_edges(lines: list[_Line], off: frozenset[str], log: DiagnosticLog) -> None:
    rid = "score.edge-furniture"
    if rid in off:
        return
    for ln in lines:
        if ln.removed_by is not None or not (ln.head or ln.tail) or ln.candidates:
            continue
        f = scorers.features(ln.key)
        score = scorers.residue_score(ln.key)
        if score >= scorers.STRONG and f.web_words >= 1 and f.stops == 0 and f.length <= 60:
            ln.removed_by = rid
            log.report(rid, f"score: line at the {'head' if ln.head else 'tail'} made of web-page words, "
                       f"addresses, dates or menu separators (score {score:.1f})",
                       action=Action.REMOVED, text=ln.text.strip(), pos=ln.pos)
        elif score >= scorers.SUSPECT and (f.web_words >= 1 or f.has_url):
            log.report(rid, f"score: line at the {'head' if ln.head else 'tail'} looks like site furniture "
                       f"(score {score:.1f}); kept because the evidence is not strong",
                       action=Action.KEPT, severity=Severity.WARNING, text=ln.text.strip(), pos=ln.pos)


_SEAM = 60
"""Characters on each side of a line break searched for a watermark the break split in two."""


def _inline_across(prev: _Line, nxt: _Line, rules: list[Rule], meta: MetaHarvest, log: DiagnosticLog) -> None:
    """Remove inline residue that a line break cut in two ('…原创:' / 'http://…' on the next line)."""
    left = prev.folded[-_SEAM:]
    base = len(prev.text) - len(left)
    window = left + "\n" + nxt.folded[:_SEAM]
    seam = len(left)
    for r in rules:
        if r.suspect or not (_in_zone(r, prev) and _in_zone(r, nxt)):
            continue
        for m in r.regex.finditer(window):
            start, end = m.span()
            if not start < seam < end - 1:
                continue  # does not straddle the break: the per-line pass sees it
            removed = prev.text[base + start:] + "\n" + nxt.text[:end - seam - 1]
            prev.spans.append((base + start, len(prev.text)))
            nxt.spans.append((0, end - seam - 1))
            _report_removal(log, r, removed, prev.pos, " (split by a line break)")
            meta.harvest(r, m, removed, prev.pos, log)
            return


TITLE_SUFFIXES = frozenset({"furniture.title-site-suffix", "furniture.title-category-suffix"})
"""Inline rules that cut what a site appended to a page title."""
_BYLINE_FIELD = re.compile(r"(?:来源|出处|作者|编辑|责编|时间|日期)\s*:")
"""A byline's field: a line holding one before a suffix is a byline, whose source may end in '-XX网'."""


def _inline(ln: _Line, rules: list[Rule], meta: MetaHarvest, log: DiagnosticLog) -> None:
    folded = ln.folded
    taken: list[tuple[int, int]] = list(ln.spans)
    for r in rules:
        if len(folded) > r.max_len:
            continue
        for m in r.regex.finditer(folded):
            start, end = m.span()
            if start == end or any(start < e and s < end for s, e in taken):
                continue
            if r.id in TITLE_SUFFIXES and _BYLINE_FIELD.search(folded, 0, start):
                continue  # '来源:某某网-某某新闻网' names the source; it is no title with a suffix
            removed = ln.text[start:end]
            if r.suspect or not _in_zone(r, ln):
                if r.suspect or r.suspect_elsewhere:
                    why = ("the evidence is weak" if r.suspect
                           else f"it is outside the document's {r.where.value}")
                    log.report(r.id, f"{r.family}: {r.reason}; kept because {why}", action=Action.KEPT,
                               severity=Severity.WARNING, text=removed, pos=ln.pos)
                continue
            taken.append((start, end))
            _report_removal(log, r, removed, ln.pos)
            meta.harvest(r, m, removed, ln.pos, log)
    if taken:
        ln.spans = sorted(taken)
        rest = _without(ln.text, ln.spans, 0)
        if not rest.strip():
            ln.removed_by = ln.removed_by or "inline"



def _repeated_title(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    return drop_repeated_titles(doc, off=active_rules(options)[1], log=log)


TRANSFORMS: tuple[Transform, ...] = (
    Transform("residue", remove_residue),
    Transform("residue.repeated-title", _repeated_title),
)
"""The residue stage, in order: remove site residue, then the page title repeated above the body."""
