"""Line-level tests shared by the structure stages (a block's text, whether it reads as a title or a
separator row), the plain-text reader and the spacing and join repairs (whether a line break is a hard
wrap, whether a line is only a date)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from docconv.ast import Block, Div, Heading, Para, plain_text
from docconv.clean.chars import HAN, LINE_FINAL, display_width
from docconv.structure.numbering import DASHES, Match, match_marker

TITLE_END_BARRED = "。！？!?；;：:,，"
"""A title never ends with a sentence or clause mark."""
PAGE_TITLE_MAX = 60
"""Characters: page titles carry site and collection suffixes, so they may run longer."""
ARTICLE_TITLE_MAX = 40
"""Characters: a title inside a page (an article's) is a plain report title."""


MIN_WRAP_WIDTH = 30
"""Display columns: nobody hard-wraps text narrower than this, so shorter lines are never wrapped ones."""
FULL_LINE = 0.8
"""Share of the wrap width a line must fill for the break after it to be a hard wrap."""
FIELD_LABEL = re.compile(rf"^(?:{HAN}[ \u3000]*){{2,6}}[：:]")
"""A field label opening a line (`会议地点：`, `联 系 人：`)."""


def hard_wrap(line: str, next_line: str, wrap_width: int) -> bool:
    """Whether the break between two lines of one block is a hard wrap inside a paragraph.

    Only after a full line (text wrapped at a width fills every line but the last to within a character
    or two of it): a short line (a signature, a field, an item) ends where its text ends. A numbered line,
    or a field after a field (`会议时间：…` / `会议地点：…`), opens a line of its own.
    """
    line, next_line = line.strip(), next_line.strip()
    return (display_width(line) >= max(FULL_LINE * wrap_width, MIN_WRAP_WIDTH)
            and match_marker(next_line) is None
            and not (FIELD_LABEL.match(line) and FIELD_LABEL.match(next_line)))


@lru_cache(maxsize=4096)
def marker_of(text: str) -> Match | None:
    """`match_marker`, remembered: the structure stages ask it of the same lines many times over (each
    block as a title candidate, an article boundary, a list item…), and it tries a dozen patterns each
    time. The first structure stage (`source_headings`) calls `forget_markers`, so the memory holds
    one document's lines and the stages after it share them.

    A first-line indent before the marker (`　　三、…`, left by a reader or revealed by a repair after the
    reader stripped indents) is set aside: an indent is a paragraph signal, never part of the marker."""
    return match_marker(text.lstrip(_INDENT))


_INDENT = " \t\u3000\u00a0"


def forget_markers() -> None:
    """Empty `marker_of`'s memory when a new document begins (a memory of earlier documents would do no
    harm but use memory, and make runs over repeated documents look faster than real ones)."""
    marker_of.cache_clear()


def block_text(block: Block) -> str:
    """The plain text of a paragraph or heading; empty for other blocks."""
    return plain_text(block.content) if isinstance(block, Para | Heading) else ""


_CAPTION = re.compile(
    r"^(?:附|续)?(?:图表|表格|插图|表|图)[ \t\u3000]*"
    r"(?:[0-9０-９]+(?:[-－—.．][0-9０-９]+)*(?![0-9０-９年月日号个项%％万亿元])"
    r"|[一二三四五六七八九十]{1,3}(?=[ \t\u3000:：.．、]))")
"""A table or figure caption's label: `表1`, `图 2-3`, `附表3`, `续表1`, `图表1`, `表一：` (a Chinese
numeral only before a gap or a stop: `图一览` is no label)."""


def caption_text(text: str) -> bool:
    """Whether a line opens with a table or figure label (`表1　…`, `图2 …`, `附表3`): a caption, which
    names a table or figure and never a report, whatever genre word it ends in (`…整改情况`)."""
    return _CAPTION.match(text.strip()) is not None




def broken_seams(blocks: Iterable[Block]) -> int:
    """How often a copy of a text is broken inside its sentences: line breaks inside its paragraphs, and
    paragraphs and headings that stop mid-sentence (an article's blocks counted too).

    Of two copies of one text, the one with fewer is the intact one: a hard-wrapped copy has a break or a
    fragment at each of its wraps, and heading lines (no sentence mark) count alike in both copies.
    """
    n = 0
    for b in blocks:
        if isinstance(b, Div):
            n += broken_seams(b.blocks)
            continue
        text = block_text(b).strip()
        if text:
            n += text.count("\n") + (text[-1] not in LINE_FINAL)
    return n


def title_like(block: Block, max_chars: int = ARTICLE_TITLE_MAX) -> bool:
    """A short unnumbered one-line paragraph that does not end like a sentence."""
    text = block_text(block).strip()
    # A sentence inside closing quotes or brackets (`…抓落实。”`) still ends like a sentence.
    end = text.rstrip(_CLOSERS)[-1:]
    return (isinstance(block, Para) and 0 < len(text) <= max_chars and "\n" not in text
            and end not in TITLE_END_BARRED and marker_of(text) is None)


_CLOSERS = "”’」』）)】》〉\"'"


_DATE_LINE = re.compile(r"^[(（]?\s*(?:[0-9０-９]{4}|[一二三四五六七八九〇零○]{4}|[xX×]{2,4})\s*年"
                        r"(?:\s*[0-9０-９一二三四五六七八九十]{1,2}\s*月(?:\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日)?)?"
                        r"\s*[)）]?$")


def is_date_line(block: Block) -> bool:
    """A line holding only a date (`(2011年4月18日)`, `二〇一一年四月`): a dateline, never a title."""
    return date_only(block_text(block))


def date_only(text: str) -> bool:
    """Whether a text is only a date (see `is_date_line`)."""
    return bool(_DATE_LINE.match(text.strip()))


# A document title's last words: its genre (`…的报告`, `…工作总结`, `…实施意见`).
_GENRE_END = re.compile(r"(?:报告|总结|计划|汇报|述职|通知|通报|意见|请示|决定|办法|方案|规定|细则|"
                        r"规划|纲要|要点|讲话|发言|致辞|材料|情况|体会|心得|公告|函|批复|制度|章程|倡议书|建议)$")
# An issuing body's name ends in its kind (`中共某某镇委员会`, `某某区人民政府办公室`, `某某有限公司`).
_ISSUER_END = re.compile(r"(?:委员会|政府|办公室|办公厅|委|局|厅|部|处|科|所|站|中心|公司|集团|"
                         r"学校|学院|大学|医院|银行|协会|联合会|办事处|街道|社区|村|镇|乡|支部|党组|党委|工会|团委|妇联)$")
# A line cut inside a phrase (`关于加强…工作的` / `实施意见`): the title wrapped.
_CUT_END = re.compile(r"(?:的|和|与|及|暨|关于|对|在)$")


def title_continuation(first: Block, second: Block) -> str | None:
    """How a document title that runs over two lines joins (`""` for a wrapped line, `" "` for an issuer
    line over the subject line), or None when `second` is not the rest of the title `first` starts.

    Official documents and many reports print the issuer over the subject (`中共某某镇委员会` over
    `关于…情况的报告`) or wrap a long subject (`关于进一步加强…工作的` over `实施意见`). The second line is
    the title's when it ends in a genre (`报告`, `总结`, `意见`…) and the first does not, and either the
    first names an issuer or is cut inside a phrase, or the second opens with `关于`.
    """
    a, b = block_text(first).strip(), block_text(second).strip()
    if not (title_like(second) and not is_date_line(second) and _GENRE_END.search(b)
            and not _GENRE_END.search(a)):
        return None
    if _CUT_END.search(a):
        return ""
    if _ISSUER_END.search(a) or b.startswith("关于"):
        return " "
    return None


_RULE_CHARS = f"{DASHES}=＝_＿*＊~～"
_RULE = f"[{_RULE_CHARS}]"
_LABEL = f"[^{_RULE_CHARS}。！？!?；;，,：:\\s0-9０-９]{{1,6}}"
_SEPARATOR = re.compile(rf"^(?:{_RULE}[ \t\u3000]*){{3,}}$|^——$"
                        rf"|^{_RULE}{{2,}}[ \t\u3000]*(?P<label>{_LABEL})[ \t\u3000]*{_RULE}{{2,}}$")
"""A separator row: three or more dashes, equals signs, underscores, stars or tildes (`-----`, `———`,
`＝＝＝`), or a short label between runs of them (`------分隔线------`, `——END——`). A label with a digit
is not one: `——2023年——` and `—— 3 ——` are a date and a page number, which other stages judge."""


def separator_line(text: str) -> re.Match[str] | None:
    """Whether a line is a separator row (see `_SEPARATOR`); the match's `label` group holds the label
    between the rules, if any. A separator is layout, never a numbered item or a heading."""
    return _SEPARATOR.match(text.strip())
