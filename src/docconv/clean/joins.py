"""Join paragraphs broken mid-sentence: a paragraph that stops without sentence-final punctuation and
whose next paragraph continues the sentence (`…齐抓共管的良` + `好工作机制。…`).

Runs after residue removal, so a watermark line that split a paragraph is gone by then and the two
halves meet. Only two adjacent paragraphs of the same container are joined, never a heading or a list
item, and only on clear evidence: the first ends with an opening quote or bracket; or it ends with a
comma, an enumeration comma or the particle 的; or the best word segmentation of the seam puts a word
(from the dictionary, or recurring in the document) across it (`控|烟`, `指|导`). Except after an opened
quote, a paragraph that opens with a numbering marker is never joined to the one before, and a short
numbered line without a full stop (a heading to be) is never joined to the next. Rows of a layout are
never joined either: a paragraph holding a tab (cells of a flattened table), or two paragraphs that both
open with a field label (`建设单位：`, `联系电话：`).

Where the cleaning stages removed a line of site residue between two paragraphs (a page number and a
watermark between the halves of a sentence: a document viewer's page break), the seam itself is the
evidence, and it may fall between two words (`…病床` + `使用率…`): the first half has to be running text
left open (a clause mark in it, no closing punctuation, longer than a heading) and the second has to open
with text, not a marker. The removed lines are read from the diagnostics the earlier stages reported. A
paragraph that is only a date (a dateline under a signature) is complete and never joined to the next.

Two breaks are always wraps, whatever the document's layout: one that splits a number in CJK text
(`…已整改2` + `11项，…`; nobody breaks a line inside a number on purpose, but a PDF wraps anywhere) and
one before a paragraph that is only closing punctuation (`…参观学习6批次` + `。`). Such a number split is
also closed up inside a paragraph, where the reader joined the two lines with a soft break (the spacing
repair closes up only breaks between two CJK characters). So is a hard wrap (after a full line, as the
spacing repair judges one) between CJK text and a Latin letter or digit (`…共计210` / `人次，…`,
`…采用` / `ISO标准`): a writer puts a space for a soft break that is not between two CJK characters, but
a wrap adds no space to Chinese text; only a wrap between two Latin words stays a space.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace

from docconv.ast import BlockQuote, Div, Document, Inline, Node, Note, Para, Pos, Text, plain_text
from docconv.clean.chars import CJK, LINE_FINAL, display_width, is_cjk, marks_collide
from docconv.clean.langmodel import LanguageModel
from docconv.clean.textmap import close_soft_breaks, doc_text, map_blocks
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options
from docconv.structure.lines import MIN_WRAP_WIDTH, date_only
from docconv.structure.numbering import match_marker
from docconv.walk import walk

_OPENING = frozenset("“‘「『（(【《〔")
_OPEN_END = frozenset("，,、的")
_HEADING_MAX = 40
_CJK_RE = re.compile(CJK)
MARKER_START = re.compile(
    r"^[ \u3000]*(?:第[一二三四五六七八九十百零〇\d]+[章节篇部条]|篇[一二三四五六七八九十]"
    r"|[一二三四五六七八九十]+[ ]?[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[ ]?[、.．)）]"
    r"|[①-⑳]|——|[一二三四五六七八九十]是)"
)
"""A numbering marker (or 一是/二是 enumeration) opening a paragraph: the start of a new item."""

_SEAM = 4
_FIELD = re.compile(r"^[^\s：:，。,]{2,8}(?:[：:]|\t)")
"""A field label opening a line (`联系电话：`, `建设单位<tab>`)."""


_DIGITS = "0-9０-９"
_NUMBER_END = re.compile(rf"{CJK}[{_DIGITS}]+(?:[.．][{_DIGITS}]*)?$")
"""A line ending inside a number that CJK text runs into (`已整改2`, `整改率99.`)."""
_NUMBER_START = re.compile(rf"^(?:[{_DIGITS}]+(?:[.．][{_DIGITS}]+)?[%％‰]?|[%％‰]){CJK}")
"""A line opening with the rest of a number and then CJK text (`11项，`, `1%，`, `%的`)."""
_CLOSING_ONLY = re.compile(r"^[。，、；：！？!?;:,.）)】》」』”’〕]+$")
"""A line holding nothing but closing punctuation (`。`): the end of the line before it."""


def splits_number(a: str, b: str) -> bool:
    """Whether the break between lines `a` and `b` splits a number in CJK text (`…已整改2` | `11项，…`).

    Only after a line long enough to have been wrapped (a short line ending in a number is a title or a
    field: `联系电话：…`); never into a numbered item or a line that is a number alone.
    """
    a, b = a.rstrip(), b.lstrip()
    return (display_width(a) >= MIN_WRAP_WIDTH and bool(_NUMBER_END.search(a))
            and bool(_NUMBER_START.match(b)) and match_marker(b) is None
            and not (a[-1] in ".．" and not b[0].isdigit()))


def closing_only(text: str) -> bool:
    """Whether a line is only closing punctuation, which can only end the line before it. It ends the
    line before only where the two may meet: a mark never follows a mark (`…需求。` + `:::`, a
    Markdown container's closing fence, is no sentence ending twice), a closing quote may (`。` + `”`)."""
    return bool(_CLOSING_ONLY.match(text.strip()))


def _layout_rows(a: str, b: str) -> bool:
    """Whether two paragraphs are rows of a layout (cells or fields), which no sentence runs across."""
    return "\t" in a or "\t" in b or bool(_FIELD.match(a) and _FIELD.match(b))


def _text_of(p: Para) -> str | None:
    """The paragraph's text when it is plain text only (other inlines are never merged)."""
    if not all(isinstance(n, Text) for n in p.content):
        return None
    return plain_text(p.content)


def _heading_like(text: str) -> bool:
    """A short numbered line without a full stop: a heading the structure stage will recognise."""
    return bool(MARKER_START.match(text)) and len(text) <= _HEADING_MAX and "。" not in text


def _should_join(a: str, b: str, model: Callable[[], LanguageModel]) -> bool:
    """Whether `b` continues the sentence `a` breaks off; the language model is built only when asked."""
    a, b = a.rstrip(), b.lstrip()
    if not a or not b or a[-1] in LINE_FINAL:
        return False
    if not (_CJK_RE.fullmatch(a[-1]) and _CJK_RE.fullmatch(b[0])):
        return False
    if a[-1] in _OPENING:
        return True  # an opened quote or bracket: what follows cannot be a new item
    if MARKER_START.match(b) or _heading_like(a) or _layout_rows(a, b) or date_only(a):
        return False  # a dateline (`2024年1月10日`) is complete: `日|本页…` only looks like a word
    if a[-1] in _OPEN_END:
        return True
    seam = a[-_SEAM:] + b[:_SEAM]
    cut = len(a[-_SEAM:])
    lm = model()
    at = 0
    for word in lm.segment(seam):
        if at < cut < at + len(word) and (lm.is_word(word) or lm.recurs(word)):
            return True
        at += len(word)
    return False


def _removed_lines(log: DiagnosticLog) -> list[int]:
    """Source lines whose text the cleaning stages before this one removed as site residue, sorted."""
    return sorted({d.pos.line for d in log if d.action is Action.REMOVED and d.pos is not None
                   and d.pos.line is not None and not d.rule.startswith(("repair.", "decode.", "txt."))})


def _residue_between(a: Para, b: Para, removed: list[int]) -> bool:
    """Whether a line removed as residue stood between the first lines of `a` and `b`."""
    if a.pos is None or b.pos is None or a.pos.line is None or b.pos.line is None:
        return False
    at = bisect.bisect_right(removed, a.pos.line)
    return at < len(removed) and removed[at] < b.pos.line


_CLAUSE = re.compile(r"[，,；;、]")


def left_open(a: str) -> bool:
    """Whether `a` is running text left open: no closing punctuation, a clause mark inside it, longer
    than a heading. Where residue stood after such a paragraph, a page of a viewer or a site broke the
    sentence."""
    a = a.rstrip()
    return (bool(a) and a[-1] not in LINE_FINAL and len(a) > _HEADING_MAX // 2
            and _CLAUSE.search(a) is not None)


def continues(a: str, b: str) -> bool:
    """Whether `b` goes on with the sentence `a` leaves open, when residue stood between them.

    A page number or watermark line between two halves of a sentence is the mark of a page break in a
    document viewer's copy, and a page breaks wherever the text reaches the bottom: the seam need not
    fall between words. So, there, the first half only has to be running text left open (`left_open`)
    and the second to open with text, not a numbering marker.
    """
    a, b = a.rstrip(), b.lstrip()
    return (left_open(a) and bool(b) and not MARKER_START.match(b) and not _layout_rows(a, b)
            and (_CJK_RE.match(b[0]) is not None or b[0].isdigit()))


def join_paragraphs(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Join each paragraph that a break split mid-sentence with the paragraph that continues it."""
    del options
    built: list[LanguageModel] = []
    removed = _removed_lines(log)

    def lm() -> LanguageModel:
        if not built:
            built.append(LanguageModel(doc_text(doc)))
        return built[0]

    def join_blocks(blocks: tuple[object, ...]) -> tuple[object, ...] | None:
        out: list[object] = []
        changed = False
        for block in blocks:
            prev = out[-1] if out else None
            if isinstance(block, Para) and isinstance(prev, Para):
                a = _text_of(prev)
                b = _text_of(block) if a else None
                # The model (jieba's word list: half a second to load) is built only for a seam that
                # no cheaper test decides; a heading line before body text never needs it.
                why = None
                if a and b:
                    if closing_only(b) and not marks_collide(a, b.strip(), ""):
                        why = "joined a paragraph that is only closing punctuation to the one it ends"
                    elif splits_number(a, b):
                        why = "joined a paragraph broken inside a number"
                    elif a[-1] not in LINE_FINAL and _should_join(a, b, lm):
                        why = "joined a paragraph broken mid-sentence"
                    elif _residue_between(prev, block, removed) and continues(a, b):
                        why = ("joined a paragraph broken mid-sentence where removed site residue (a page "
                               "number, a watermark) stood between its halves")
                if a and b and why:
                    merged: tuple[Inline, ...] = (Text(text=a.rstrip() + b.lstrip()),)
                    out[-1] = replace(prev, content=merged)
                    log.report("repair.join-paragraphs", why,
                               action=Action.CHANGED, text=f"{a[-12:]}¶{b[:12]}", pos=prev.pos)
                    changed = True
                    continue
            out.append(block)
        return tuple(out) if changed else None

    def action(node: Node) -> Node | None:
        if isinstance(node, Document | Div | BlockQuote | Note):
            new = join_blocks(node.blocks)
            return None if new is None else replace(node, blocks=new)  # type: ignore[arg-type]
        return None

    return walk(map_blocks(doc, lambda content, pos: _number_wraps(content, pos, log)), action)


def _latin(ch: str) -> bool:
    """A letter or digit of a Latin word or a number (half- or full-width), not a CJK character."""
    return ch.isalnum() and not is_cjk(ch)


def cjk_latin_seam(a: str, b: str) -> bool:
    """Whether a break between lines `a` and `b` has CJK text on one side and a Latin letter or digit on
    the other (`共计210` / `人次`, `采用` / `ISO`), so that a wrap there joins without a space."""
    a, b = a.rstrip(), b.lstrip()
    return bool(a) and bool(b) and ((is_cjk(a[-1]) and _latin(b[0])) or (_latin(a[-1]) and is_cjk(b[0])))


def _number_wraps(content: tuple[Inline, ...], pos: Pos | None, log: DiagnosticLog) -> tuple[Inline, ...]:
    """Close up the soft breaks of a paragraph that split a number (`已整改2` / `11项`), and the hard
    wraps at a seam of CJK text and a Latin word or number (`共计210` / `人次`)."""

    def close(before: str, after: str, hard: Callable[[], bool]) -> bool:
        if splits_number(before, after):
            why = "joined a line wrapped inside a number"
        elif cjk_latin_seam(before, after) and hard():
            why = "joined a line wrapped between CJK text and a Latin word or number, without a space"
        else:
            return False
        log.report("repair.join-paragraphs", why, action=Action.CHANGED,
                   text=f"{before[-12:]}¶{after[:12]}", pos=pos)
        return True

    return close_soft_breaks(content, close)
