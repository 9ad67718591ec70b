"""Multi-article pages: split into `Div` articles, drop articles pasted twice, split per article.

A page holds several articles when it says so with article markers (`第一篇`, `篇一:`, `范文1` at the
start of a line, or a title line ending in `范文2`), or when its numbering starts again: the top scheme
back at 1 (`一、` after `四、`, or `一、` repeated), a lower scheme repeating its first number (`(一)`
right after `(一)`), or a lower scheme starting after the report's closing problems section had listed
its points, without a short lead-in announcing a list (`…抓好以下工作:`). A report opening (`上半年,
在…领导下,我局…`) followed by `一是…` section lines after a numbered report starts one too. The new
article begins at its title line when one stands just before it (at most one introduction paragraph
between), at a speech's greeting (`尊敬的各位领导:`, with a date line above it), at its introduction
(`…汇报如下:`, `为…`; never a closing paragraph), or else at the restarting marker. A short line that
ends in a report genre (`…工作总结`, `…汇报材料`) after a closing sentence and before body text also
starts one.

Each article becomes `Div(attr=Attr(classes=("article",)))`. An article whose text repeats an earlier one
word for word is dropped (the text survives once, in its intact copy); a near copy (a "spun" rewrite)
is reported, and dropped only with `--drop-near-duplicates`. `split_documents` turns a structured page
into one Document per article (`--split-articles`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise
from operator import mul

from docconv.ast import (
    Attr,
    Block,
    Div,
    Document,
    Heading,
    Marker,
    Meta,
    Para,
    Scheme,
    plain_text,
)
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.structure.copies import COPY_MIN_CHARS, drop_leading_copies, text_only, text_span
from docconv.structure.hints import hint_level, is_caption
from docconv.structure.lines import (
    ARTICLE_TITLE_MAX,
    PAGE_TITLE_MAX,
    broken_seams,
    is_date_line,
    marker_of,
    title_like,
)
from docconv.structure.lines import block_text as _text
from docconv.structure.numbering import RUNG as _RUNG
from docconv.structure.numbering import cn_number, is_daxie

ARTICLE_CLASS = "article"
_TITLE_SUFFIX = re.compile(r"范文\s*[0-9０-９]+\s*$")
# A line that names a report genre at its end reads as the title of a report ("2012年控烟工作总结").
_REPORT_TITLE = re.compile(
    r"(总结|计划|汇报|报告|述职|心得|体会|方案|规划|情况|发言|讲话|材料|致辞|发言稿)\s*$")
_REPORT_TITLE_MIN = 6  # characters: a shorter line naming a genre ("工作体会", "基本情况") heads a section
# A speech opens with its greeting ("尊敬的各位领导:", "各位领导、同志们:").
_SALUTATION = re.compile(r"^(?:尊敬的|各位|亲爱的).{0,24}[:：]$")
_LOOK_BACK = 3  # blocks before a restart searched for the new article's title or greeting
_INTRO_MAX = 2  # introduction paragraphs before a restart that may move to the new article
# An introduction announces what follows: "…汇报如下:", "特制定以下实施方案。".
_ANNOUNCES = re.compile(r"(?:如下|以下|下列)[^。！？!?；;]{0,24}[。：:]?$")
# A report's opening sentence: its purpose or basis ("为进一步…", "根据…"; not the connective "为此"), or
# its period and the leadership it worked under ("2010年上半年,在区委、区政府的坚强领导下,我办…").
_PURPOSE = re.compile(r"^(?:为(?!此)|根据|按照|遵照|依据)")
_LEADERSHIP = re.compile(r"^(?:[^。！？!?,，]{0,12}(?:年|来|期间|季度|月)[,，]?)?在[^。！？!?,，]{2,40}"
                         r"(?:领导|指导|支持|关心|帮助)[^。！？!?,，]{0,12}下")
# A closing paragraph looks back or ahead; it stays with the report it ends.
_CLOSING = re.compile(r"^(?:总之|综上|总而言之|总的来说|总的来看|回顾|今后|下一步|展望|最后)"
                      r"|将继续|将进一步|将不断|将一如既往|再接再厉|继续努力|批评指正|以上(?:就)?是")
# A section whose heading names only the report's problems is its closing part ("三、存在的问题").
_PROBLEMS = re.compile(r"问题|不足|困难|差距")
_PLANS = re.compile(r"打算|措施|建议|对策|思路|计划|下一步|下步|今后|方向|努力|意见|做法|经验")
# Words that name a shortcoming: a heading with them is one of the problems, not a new report's section.
_SHORTCOMING = re.compile(
    r"不够|不强|不足|不高|不到位|不平衡|不完善|有待|欠缺|薄弱|缺乏|滞后|偏[少低弱多]|较[少低弱差]|单一")
_ECHO = 4  # characters a sub-heading shares with the enumeration when it elaborates one of its points
# `一是…二是…`: an inline enumeration; standing alone and short, such an item heads a section.
_ENUM_ITEM = re.compile(r"^([一二三四五六七八九十])是")
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
    unique = drop_leading_copies(blocks, log)
    starts = _boundaries(unique, log)
    if not starts:
        return doc if len(unique) == len(blocks) else replace(doc, blocks=(*unique, *wrapped))
    blocks = unique
    head, articles = blocks[:starts[0]], []
    for a, b in zip(starts, [*starts[1:], len(blocks)], strict=True):
        articles.append(Div(blocks=tuple(blocks[a:b]), attr=Attr(classes=(ARTICLE_CLASS,)),
                            pos=blocks[a].pos))
    log.report("structure.articles", f"page split into {len(articles)} articles"
               + (f" (and {len(wrapped)} already wrapped)" if wrapped else ""))
    return replace(doc, blocks=(*head, *articles, *wrapped))


@dataclass
class _Scan:
    """The boundary scan's state: where articles start, and what the current article's numbering did."""

    blocks: list[Block]
    log: DiagnosticLog
    starts: list[int] = field(default_factory=list)
    top: Scheme | None = None
    """The highest numbering scheme seen in the current article."""
    top_at: int = 0
    """Where the current section of the top scheme begins (its heading)."""
    last: dict[Scheme, int] = field(default_factory=dict)
    """Last ordinal per scheme since a marker of a higher rung: a sequence that starts again at 1
    without its parent having moved on is a new article's sequence."""
    own: tuple[int, Scheme | None] | None = None
    """When the current article began below the page's top scheme (at a `（一）`, or with `一是`
    sections): the rung its own sections use, and their scheme (None for `一是` items)."""

    @property
    def floor(self) -> int:
        """An article never begins at or before the previous one's start."""
        return self.starts[-1] if self.starts else 0

    def begin(self, start: int, rule: str, message: str, text: str, *, scheme: Scheme | None = None,
              own: tuple[int, Scheme | None] | None = None) -> None:
        """Record a new article at `start` (reported as `rule`) and reset the numbering state."""
        self.starts.append(start)
        self.log.report(rule, message, text=text[:40], pos=self.blocks[start].pos)
        self.top, self.top_at, self.last, self.own = scheme, start, {}, own


def _boundaries(blocks: list[Block], log: DiagnosticLog) -> list[int]:
    scan = _Scan(blocks, log)
    # Headings the source set below its top heading level are sections, never a new report's title.
    source_levels = [level for b in blocks if (level := hint_level(b)) is not None]
    top_level = min(source_levels, default=None)
    for i, b in enumerate(blocks):
        text = _text(b).strip()
        if not isinstance(b, Para) or not text:
            continue
        m = marker_of(text)
        if (m is not None and m.marker.scheme is Scheme.ARTICLE) or (
                _title_like(b) and _TITLE_SUFFIX.search(text)):
            group = i > 0 and _group_title(blocks, i - 1) and (not scan.starts or i - 1 > scan.floor)
            scan.begin(i - 1 if group else i, "structure.article-marker",
                       "article marker starts a new article", text)
            continue
        previous = blocks[i - 1] if i > 0 else None
        if (m is None and i > 0 and _title_like(b) and _REPORT_TITLE.search(text) and previous is not None
                and len(text) >= _REPORT_TITLE_MIN and (hint_level(b) or 0) <= (top_level or 0)
                and _text(previous).rstrip()[-1:] in ("。", "！", "!", ".")
                and i + 1 < len(blocks) and not _is_title_line(blocks[i + 1])):
            # A report title after a closing sentence and before body text: the next report begins.
            # (Before `篇二:…` it is that article's group title, which the marker's article takes.)
            goes_on = _numbering_goes_on(scan, blocks, i)
            if goes_on is not None:
                log.report("structure.article-title-line", f"a title-like line after a closing paragraph, "
                           f"but the numbering goes on across it ({goes_on}): no new article",
                           action=Action.KEPT, text=text[:40], pos=b.pos)
            elif scan.starts or _numbered_before(blocks, i):
                scan.begin(i, "structure.article-title-line",
                           "a report title after a closing paragraph starts a new article", text)
            continue
        if m is None:
            if scan.last and _opens_enumerated_report(blocks, i):
                # The report before had numbered sections; this one opens like a report and numbers
                # its sections `一是…二是…` on lines of their own.
                start = min(i, _article_start(blocks, i + 1, scan.floor))
                if start > scan.floor:
                    scan.begin(start, "structure.article-restart", "a report's opening paragraph followed "
                               "by 一是…/二是… sections: a new article begins", _text(blocks[start]),
                               own=(_RUNG[Scheme.CN_PAREN], None))
            continue
        _numbered(scan, i, m.marker)
    starts = [_cohesive_start(blocks, a, b, log) for a, b in pairwise([0, *scan.starts])]
    if starts and starts[0] > 0:
        # The first article starts with the page's own body; the page head stays outside.
        first_body = _first_article_start(blocks, starts[0])
        if first_body is not None:
            starts.insert(0, first_body)
    return starts


def _cohesive_start(blocks: list[Block], previous: int, start: int, log: DiagnosticLog) -> int:
    """The start, one paragraph earlier when the paragraph before it belongs with the new article.

    A numbering restart or an opening paragraph shows where a report's sections begin, not whether a
    paragraph before them (a news lead: "会上,…") is already the new report's. Word choice tells: a
    paragraph that shares much more vocabulary (character bigrams) with the new article's opening than
    with the paragraphs before it in its own article moves. Titles already decide titled starts, and
    closing paragraphs stay with the report they end.
    """
    j = start - 1
    if j <= previous + 1 or _is_title_line(blocks[start]) or not isinstance(blocks[j], Para):
        return start
    text = _text(blocks[j]).strip()
    if (len(text) < _COHESION_MIN_CHARS or marker_of(text) is not None or _title_like(blocks[j])
            or _CLOSING.search(text) or text.endswith((":", "："))):
        return start
    own = _bigrams(text)
    ahead = _cosine(own, _bigrams("".join(_text(b) for b in blocks[start:start + _COHESION_SPAN])))
    behind = _cosine(own, _bigrams("".join(_text(b) for b in blocks[max(previous, j - _COHESION_SPAN):j])))
    if ahead < _COHESION_MIN or ahead < _COHESION_RATIO * behind:
        return start
    log.report("structure.article-start", f"the paragraph before the new article's opening shares its "
               f"vocabulary (bigram cosine {ahead:.2f} with what follows, {behind:.2f} with what precedes): "
               "it moves with the new article", action=Action.MOVED, text=text[:40], pos=blocks[j].pos)
    return j


_COHESION_SPAN = 3  # paragraphs compared on each side
_COHESION_MIN_CHARS = 20  # a shorter paragraph gives too few bigrams to compare
# Measured on the seeds and the structure fixtures: the paragraph that belongs to the next report scored
# 0.34 ahead and 0.15 behind; the last paragraphs of the 25 other articles scored at most 0.27 ahead and at
# most 1.3x their score behind, except two short fixture paragraphs (0.05 and 0.10 ahead) that the
# minimum keeps where they are.
_COHESION_MIN = 0.15
_COHESION_RATIO = 2.0


_NOT_HAN = re.compile("[^\u4e00-\u9fff]+")
_SPACE = re.compile(r"\s+")


def _bigrams(text: str) -> dict[str, int]:
    """Counts of the pairs of successive Han characters, whatever stands between them."""
    han = _NOT_HAN.sub("", text)
    return Counter([han[i:i + 2] for i in range(len(han) - 1)])


def _cosine(a: dict[str, int], b: dict[str, int]) -> float:
    if not a or not b:
        return 0.0
    # Integer sums, exact in any order: the dot product runs over the smaller dict's keys.
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(n * large[k] for k, n in small.items() if k in large)
    return dot / math.sqrt(sum(map(mul, a.values(), a.values())) * sum(map(mul, b.values(), b.values())))


def _numbered(scan: _Scan, i: int, marker: Marker) -> None:
    """Follow the numbering at block `i`; begin a new article where it starts again. `壹、`, unlike
    `第一部分`, is its documents' top numbered rung: its restart is a new report's."""
    blocks, scheme, ordinal = scan.blocks, marker.scheme, marker.ordinal
    own_moved = scan.own is not None and (scan.own[1] is None or scan.last.get(scan.own[1], 0) > 1)
    for other in [s for s in scan.last if _RUNG[s] > _RUNG[scheme]]:
        # A parent moved on (`二、`, or a `第二章` above the sequences): its children's sequences
        # start afresh, so `（一）` under the next chapter is a new section, not a new article.
        del scan.last[other]
    if scheme in _NOT_SEQUENCES and not is_daxie(marker):
        return
    if scan.top is None or _RUNG[scheme] < _RUNG[scan.top]:
        scan.top = scheme
    if scheme is scan.top:
        scan.top_at = i
    before = scan.last.get(scheme)
    restart = ordinal == 1 and before is not None and (before == 1 or (scheme is scan.top and before > 1))
    why = f"{marker.raw} starts the numbering again: a new article begins"
    if ordinal == 1 and scan.own is not None and own_moved and _RUNG[scheme] < scan.own[0]:
        # The article began below the page's top scheme and its own sections moved on; a higher
        # scheme starting at its first number is the next report's.
        restart = True
        why = f"{marker.raw} starts a numbering above the article's own sections: a new article begins"
    elif (ordinal == 1 and before is None and scheme is not scan.top
          and _closed_problems_section(blocks, scan.top_at, i)):
        restart = True
        why = (f"{marker.raw} starts a new sequence after the problems section had listed its points "
               "and closed: a new article begins")
    if restart and not _lead_in_list(blocks, i):
        start = _article_start(blocks, i, scan.floor)
        if not scan.starts or start > scan.floor:
            below = _RUNG[scheme] > _RUNG[scan.top]
            scan.begin(start, "structure.article-restart", why, _text(blocks[start]), scheme=scheme,
                       own=(_RUNG[scheme], scheme) if below else None)
            scan.top_at = i
    scan.last[scheme] = ordinal


def _numbering_goes_on(scan: _Scan, blocks: list[Block], i: int) -> str | None:
    """`二、 → 三、` when the first numbered line after block `i` goes on from the current article's
    numbering (the next number of a sequence in progress), else None: a title-like line between two
    sections of one sequence (a table's caption, a chart's heading) starts no report."""
    for b in blocks[i + 1:]:
        m = marker_of(_text(b).strip()) if isinstance(b, Para) else None
        if m is None:
            continue
        last = scan.last.get(m.marker.scheme)
        if last is None or m.marker.ordinal != last + 1 or m.marker.scheme in _NOT_SEQUENCES:
            return None
        raw = next((n.marker.raw.strip() for p in reversed(blocks[:i])
                    if (n := marker_of(_text(p).strip())) is not None and n.marker.scheme is m.marker.scheme),
                   str(last))
        return f"{raw} → {m.marker.raw.strip()}"
    return None


def _title_like(block: Block, max_chars: int = ARTICLE_TITLE_MAX) -> bool:
    """`lines.title_like`, except a table or figure caption (`表2　…整改情况`): it names no report."""
    return title_like(block, max_chars) and not is_caption(block)


def _lead_in_list(blocks: list[Block], i: int) -> bool:
    """Whether the restart at `i` is a list announced by a short lead-in (`…抓好以下工作:`).

    A long paragraph ending in ':' (`…汇报如下:` after a greeting) opening numbered sections is a new
    report's introduction, not a lead-in; so is a short one when a title or greeting stands before it.
    `壹、` heads a report's parts, never a list's items: the lead-in before it is an introduction.
    """
    previous = _text(blocks[i - 1]).rstrip() if i > 0 else ""
    if not previous.endswith((":", "：")):
        return False
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    sections = following is not None and marker_of(_text(following).strip()) is None \
        and not _title_like(following)
    current = marker_of(_text(blocks[i]).strip())
    if not (sections or (current is not None and is_daxie(current.marker))):
        return True
    # Sections after a short lead-in are a new report only when a title or greeting opens it.
    return len(previous) <= _LEAD_IN_MAX and _titled_start(blocks, i, 0) == i


def _article_start(blocks: list[Block], i: int, floor: int) -> int:
    """Where the article whose numbering restarts at block `i` begins (never at or before `floor`).

    At its title or greeting (see `_titled_start`); otherwise at its introduction, the paragraphs just
    before `i` that read as one (see `_introduces`); otherwise at the restarting marker.
    """
    start = _titled_start(blocks, i, floor)
    if start < i:
        return start
    for j in range(i - 1, max(floor, i - 1 - _INTRO_MAX), -1):
        if not _introduces(blocks, j, announcing=j == i - 1):
            break
        start = j
    return start


def _titled_start(blocks: list[Block], i: int, floor: int) -> int:
    """Where the article whose numbering restarts at block `i` begins, judged by titles and greetings.

    Its title line when one stands just before it (at most one introduction paragraph between), or a
    speech's greeting (`尊敬的各位领导:`) with the date line above it; otherwise the restarting marker.
    """
    for back in range(1, _LOOK_BACK + 1):
        j = i - back
        if j <= floor or marker_of(_text(blocks[j]).strip()) is not None:
            break
        if back <= 2 and _title_like(blocks[j]) and not is_date_line(blocks[j]):
            return j
        if _SALUTATION.search(_text(blocks[j]).strip()):
            return j - 1 if j - 1 > floor and is_date_line(blocks[j - 1]) else j
    return i


def _introduces(blocks: list[Block], j: int, *, announcing: bool) -> bool:
    """Whether the unnumbered paragraph `j`, before a new article's first section, is its introduction.

    It is when it announces the sections that follow (ends in `:`, or `…如下。`/`…以下实施方案。`; only
    for the paragraph right before them, `announcing`), or when it opens like a report (`为…`,
    `根据…`, `…在…领导下`) after a section that already had its body, so it cannot be that section's
    first paragraph. A closing paragraph (`总之…`, `…将继续…`) stays with the report it ends.
    """
    text = _text(blocks[j]).strip()
    if (not isinstance(blocks[j], Para) or not text or marker_of(text) is not None
            or _title_like(blocks[j]) or _CLOSING.search(text) or _ENUM_ITEM.match(text)):
        return False
    if announcing and (text.endswith((":", "：")) or _ANNOUNCES.search(text)):
        return True
    opening = _PURPOSE.search(text) or _LEADERSHIP.search(text)
    return bool(opening) and j > 0 and _has_body(blocks[j - 1])


def _has_body(block: Block) -> bool:
    """Whether a block is body text (not a heading line, title or lead-in), so the section it ends had a
    body."""
    text = _text(block).strip()
    if not isinstance(block, Para) or text.endswith((":", "：")):
        return False
    # A short closing sentence (`总之，…再接再厉…。`) is body too: it ends the report it closes.
    return len(text) > _LEAD_IN_MAX or (
        text[-1:] in ("。", "！", "!") and _CLOSING.search(text) is not None and marker_of(text) is None)


def _opens_enumerated_report(blocks: list[Block], i: int) -> bool:
    """Whether paragraph `i` opens a report whose sections are headed by `一是…`, `二是…` lines.

    The paragraph opens as reports do, with the period and the leadership the work was done under
    (`上半年,在区委、区政府的坚强领导下,我办…`; a purpose clause `为…` opens too many body paragraphs to
    count), is no closing and announces nothing (`…以下几个方面:` would make the items its own), and
    follows a section that had its body. The next line is a short `一是…` item followed by body text,
    and a short `二是…` item follows before any numbered marker.
    """
    text = _text(blocks[i]).strip()
    if (not _LEADERSHIP.search(text) or _CLOSING.search(text) or text.endswith((":", "："))
            or _ANNOUNCES.search(text)
            or i == 0 or not _has_body(blocks[i - 1]) or i + 2 >= len(blocks)):
        return False
    if not (_enum_heading(blocks[i + 1], 1) and _has_body(blocks[i + 2])):
        return False
    for b in blocks[i + 3:]:
        if marker_of(_text(b).strip()) is not None:
            return False
        if _enum_heading(b, 2):
            return True
    return False


def _enum_heading(block: Block, ordinal: int) -> bool:
    """A short paragraph of its own starting `一是`/`二是`… with the given ordinal: a section heading."""
    text = _text(block).strip()
    m = _ENUM_ITEM.match(text)
    return (isinstance(block, Para) and m is not None and len(text) <= _LEAD_IN_MAX
            and cn_number(m.group(1)) == ordinal)


def _closed_problems_section(blocks: list[Block], heading: int, i: int) -> bool:
    """Whether the top-scheme section at `heading` is a report's closing problems section that had
    already listed its points before block `i`.

    Its heading names only problems (`三、存在的困难和问题`, no plans or measures), and the paragraphs
    under it, before `i`, are unnumbered body text that enumerates the problems inline (`一是…二是…`)
    and ends its sentence, announcing nothing more. A sub-sequence starting after that is not the
    section's: its own points were given.
    """
    lead = re.split(r"[。:：]", _text(blocks[heading]).strip(), maxsplit=1)[0]
    if not _PROBLEMS.search(lead) or _PLANS.search(lead):
        return False
    body = blocks[heading + 1:i]
    if not body or not all(isinstance(b, Para) and marker_of(_text(b).strip()) is None for b in body):
        return False
    texts = [_text(b).strip() for b in body]
    if texts[-1][-1:] not in ("。", "！", "!") or any(t.endswith((":", "：")) for t in texts):
        return False
    # The inline enumeration may follow the heading in the same paragraph or in the body.
    points = _text(blocks[heading]) + "".join(texts)
    if not ("一是" in points and "二是" in points):
        return False
    # A sub-heading that names a shortcoming, or repeats words of the enumeration, elaborates one of
    # the points listed: the section goes on.
    item = _text(blocks[i]).strip()
    m = marker_of(item)
    lead = re.split(r"[。:：]", item[len(m.marker.raw):] if m else item, maxsplit=1)[0]
    echoes = any(lead[k:k + _ECHO] in points for k in range(max(0, len(lead) - _ECHO + 1)))
    return not _SHORTCOMING.search(lead) and not echoes


def _group_title(blocks: list[Block], j: int) -> bool:
    """A short title line right before an article marker, after a closing paragraph: a group's title."""
    return (j > 0 and _title_like(blocks[j]) and not is_date_line(blocks[j])
            and _text(blocks[j - 1]).rstrip()[-1:] in ("。", "！", "!", "."))


def _numbered_before(blocks: list[Block], end: int) -> bool:
    """Whether the page has numbered sections before `end` (so it is a report, not a page head)."""
    return any((m := marker_of(_text(b).strip())) is not None and m.marker.scheme is not Scheme.DASH
               for b in blocks[:end])


def _first_article_start(blocks: list[Block], first_boundary: int) -> int | None:
    """Where the body before the first boundary begins, if that body has numbered sections."""
    for i in range(first_boundary):
        m = marker_of(_text(blocks[i]).strip())
        if m is not None and m.marker.scheme is not Scheme.DASH:
            return _titled_start(blocks, i, 0)
    return None


def _shingles(text: str) -> set[bytes]:
    """The distinct `_SHINGLE`-character substrings of an article's body (`_body`: whitespace removed),
    or the whole body when it is shorter, each as its UTF-32 bytes: slicing bytes is cheaper than
    slicing a string, and two substrings are equal exactly when their encodings are (lone surrogates
    pass through, so every string encodes)."""
    raw = text.encode("utf-32-le", "surrogatepass")
    width = 4 * _SHINGLE
    return {raw[i:i + width] for i in range(0, max(4, len(raw) - width + 4), 4)}


def _jaccard(a: set[bytes], b: set[bytes]) -> float:
    common = len(a & b)
    return common / (len(a) + len(b) - common)  # the union's size, without building it


def _may_reach(a: set[bytes], b: set[bytes]) -> bool:
    """Whether the two sets may be `NEAR_DUPLICATE` alike: their similarity is at most the smaller size
    over the larger (the value it takes when one holds the other), so unequal sizes rule a pair out
    without intersecting them."""
    small, large = sorted((len(a), len(b)))
    return small / large >= NEAR_DUPLICATE


def _is_title_line(block: Block) -> bool:
    if _title_like(block):
        return True
    m = marker_of(_text(block).strip())
    return m is not None and m.marker.scheme is Scheme.ARTICLE


def _flat(block: Block) -> str:
    """The paragraph and heading text of a block (of an article: all of its own), whitespace removed, as
    `_body` reads it."""
    parts = block.blocks if isinstance(block, Div) else (block,)
    return _SPACE.sub("", "".join(plain_text(b.content) for b in parts if isinstance(b, Para | Heading)))


def _body(div: Div) -> str:
    """An article's text without its leading title lines, for comparing articles."""
    blocks = list(div.blocks)
    while blocks and _is_title_line(blocks[0]):
        blocks.pop(0)
    parts = [plain_text(b.content) for b in blocks if isinstance(b, Para | Heading)]
    return re.sub(r"\s+", "", "".join(parts))


@dataclass
class _Kept:
    """What `drop_duplicate_articles` kept so far: the blocks, the text of each (whitespace removed, in
    pieces joined only when needed), and the bodies of the kept articles that have one, in order, with
    their shingles (taken only once a later article is compared with them: a page of one article needs
    none)."""

    blocks: list[Block] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    shingled: list[set[bytes]] = field(default_factory=list)

    def add(self, block: Block, body: str | None = None) -> None:
        self.blocks.append(block)
        self.texts.append(_flat(block))
        if body:
            self.bodies.append(body)

    def shingles(self, k: int) -> set[bytes]:
        while len(self.shingled) <= k:
            self.shingled.append(_shingles(self.bodies[len(self.shingled)]))
        return self.shingled[k]

    def remove(self, first: int, last: int) -> None:
        """Drop the kept blocks `first:last` (and the bodies of the articles among them)."""
        ordinal = sum(1 for k in range(first) if _has_body_text(self.blocks[k]))
        gone = sum(1 for k in range(first, last) if _has_body_text(self.blocks[k]))
        del self.blocks[first:last], self.texts[first:last], self.bodies[ordinal:ordinal + gone]
        del self.shingled[ordinal:ordinal + gone]

    def trim_last(self, n: int) -> None:
        """Drop the last `n` blocks of the article kept last."""
        prev = self.blocks[-1]
        assert isinstance(prev, Div)
        self.remove(len(self.blocks) - 1, len(self.blocks))
        trimmed = replace(prev, blocks=prev.blocks[:-n])
        self.add(trimmed, _body(trimmed))


def drop_duplicate_articles(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Drop articles that repeat earlier text word for word; report (or drop) near copies.

    An article repeats earlier text when its body (its text without its title lines) equals an earlier
    article's, or stands word for word in what the page printed before it: the first copy may have been
    split differently (its title and introduction left before the first article), and is still a copy.
    Of the two copies the intact one stays (see `_broken_copy`).
    """
    page = _Kept()
    for b in doc.blocks:
        body = _body(b) if isinstance(b, Div) and is_article(b) else ""
        if not body:
            page.add(b)
            continue
        assert isinstance(b, Div)
        if _dropped_as_copy(page, b, body, log):
            continue
        title = _text(b.blocks[0])[:40] if b.blocks else ""
        own: set[bytes] | None = None
        best = 0.0
        if page.bodies:
            own = _shingles(body)
            # Only a similarity reaching the threshold is ever used: pairs that cannot, need no intersection.
            best = max((_jaccard(own, page.shingles(k)) for k in range(len(page.bodies))
                        if _may_reach(own, page.shingles(k))), default=0.0)
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
        if own is not None:
            page.shingled.append(own)  # every earlier article was shingled for the comparison
        page.add(b, body)
    kept = page.blocks
    if len(kept) == len(doc.blocks):
        return doc
    if len(kept) == 1 and isinstance(lone := kept[0], Div) and is_article(lone):
        # The copies are gone and one article is all the page holds: it is the document itself, so its
        # title is the document's and its sections sit at their ordinary levels, not one below a title.
        log.report("structure.lone-article", "the page holds one article once its copies are dropped: "
                   "read as the document itself", text=_text(lone.blocks[0])[:40] if lone.blocks else None,
                   pos=lone.pos)
        return replace(doc, blocks=lone.blocks)
    return replace(doc, blocks=tuple(kept))


def _dropped_as_copy(page: _Kept, b: Div, body: str, log: DiagnosticLog) -> bool:
    """Whether article `b` is a copy of text kept before it and goes; when the earlier copy is the broken
    one, that copy goes instead (and False is returned: `b` is kept)."""
    copied = next((k for k, other in enumerate(page.bodies) if body == other), None)
    if copied is None and len(body) >= COPY_MIN_CHARS and body in "".join(page.texts):
        copied = -1
    if copied is None:
        return False
    span = _broken_copy(b, body, page.blocks, page.texts, page.bodies[copied] if copied >= 0 else None)
    if span is not None:
        first, last, theirs, ours = span
        log.report("structure.duplicate-article", "article repeats earlier text word for word, and the "
                   f"earlier copy is broken inside its sentences ({theirs} breaks against {ours}): the "
                   "earlier copy is removed, the intact one survives", action=Action.REMOVED,
                   text=_text(page.blocks[first])[:40], pos=page.blocks[first].pos)
        page.remove(first, last)
        return False
    log.report("structure.duplicate-article", "article repeats an earlier one word for word"
               if copied >= 0 else "article repeats earlier text of the page word for word",
               action=Action.REMOVED, text=_text(b.blocks[0])[:40] if b.blocks else "", pos=b.pos)
    if n := _copy_started_before(page.blocks, page.texts, b):
        prev = page.blocks[-1]
        assert isinstance(prev, Div)
        log.report("structure.duplicate-article", f"the copy began {n} line(s) before the article it was "
                   "split at (they repeat, with it, earlier text word for word): they go with it",
                   action=Action.REMOVED, text=_text(prev.blocks[-n])[:40], pos=prev.blocks[-n].pos)
        page.trim_last(n)
    return True


def _has_body_text(block: Block) -> bool:
    """Whether a kept block is an article compared with later ones (one with a body)."""
    return isinstance(block, Div) and is_article(block) and bool(_body(block))


def _title_lines(div: Div) -> int:
    """How many title lines open an article (what `_body` leaves out)."""
    n = 0
    while n < len(div.blocks) and _is_title_line(div.blocks[n]):
        n += 1
    return n


def _broken_copy(div: Div, body: str, kept: list[Block], before: list[str],
                 equal: str | None) -> tuple[int, int, int, int] | None:
    """Where the earlier copy of an article stands among the kept blocks, `(first, last)`, and the breaks
    inside the sentences of its text and of the article's (`broken_seams`), when that copy is the broken
    one (more breaks), else None.

    The copy is the earlier article with the same body (`equal`), or the kept blocks whose text is the
    article's body exactly, from a block's start to a block's end, with the article's title lines when
    they stand right before it. Only text blocks go: a copy holding a table or a list (which the text
    comparison does not see) is never dropped for the article.
    """
    if equal is not None:
        first = next(k for k, b in enumerate(kept)
                     if isinstance(b, Div) and _has_body_text(b) and _body(b) == equal)
        last = first + 1
        copy = kept[first]
        assert isinstance(copy, Div)
        earlier = list(copy.blocks[_title_lines(copy):])
    else:
        if (span := text_span(body, before)) is None:
            return None  # the copy begins or ends inside a paragraph
        first, last = span
        earlier = kept[first:last]
        titles = list(div.blocks[:_title_lines(div)])
        while first > 0 and titles and before[first - 1] and before[first - 1] == _flat(titles[-1]):
            first -= 1
            titles.pop()
    if not all(text_only(b) for b in kept[first:last]):
        return None
    theirs, ours = broken_seams(earlier), broken_seams(div.blocks[_title_lines(div):])
    return (first, last, theirs, ours) if theirs > ours else None


_COPY_TAIL = 4
"""Blocks at the end of the article before a dropped copy that may turn out to be the copy's start."""


def _copy_started_before(kept: list[Block], before: list[str], copy: Div) -> int:
    """How many blocks at the end of the article kept last are the start of `copy`, dropped as a copy of
    earlier text: the page was split inside the copy (a restart backs up to a wrapped line of its
    introduction, not to its title), so the copy's title and first lines ended the article before.
    They are when, with the copy after them, they repeat word for word text that stands before them.
    """
    prev = kept[-1] if kept else None
    if not (isinstance(prev, Div) and is_article(prev)):
        return 0
    full = _flat(copy)
    earlier = "".join(before[:-1])
    n = 0
    while n + 1 < min(len(prev.blocks), _COPY_TAIL + 1) and isinstance(prev.blocks[-(n + 1)], Para):
        tail = "".join(_flat(x) for x in prev.blocks[-(n + 1):])
        if tail + full not in earlier + "".join(_flat(x) for x in prev.blocks[:-(n + 1)]):
            break
        n += 1
    return n


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
    """Whether an article Div is one a site appended after its reading list (see clean/readingtail.py)."""
    return isinstance(block, Div) and ("origin", "appended") in block.attr.kv


def _promote(block: Block) -> Block:
    """The block with every heading inside it one level up (never above level 2)."""
    if isinstance(block, Heading):
        return replace(block, level=max(2, block.level - 1))
    if isinstance(block, Div):
        return replace(block, blocks=tuple(_promote(b) for b in block.blocks))
    return block
