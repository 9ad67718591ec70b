"""Title clean-up: strip the site or category suffix that scraped pages append to a report's title.

Sites publish `2012年控烟工作总结-卫生工作总结卫生工作总结`, `年度工作计划_范文网`, `述职报告 - 某某文库`:
the title, a separator, then the site's category or name. The suffix goes when, after a separator
(`-`, `_`, `|` in either width, or an en dash, up to three of them: `--`; never `——`, which Chinese titles
use for subtitles), it is one of:

- a doubled phrase (`卫生工作总结卫生工作总结`);
- a phrase ending in a site or category word (`…网`, `…文库`, `…范文`, `…大全`, `…频道`, `…专题`,
  `…之家`, `…在线`);
- a genre phrase (`…工作总结`, `…计划`) whose genre word also ends the title before it: the title already
  says what it is, so the repetition is the site's category;
- after `_` or `|` (the separators a site's page template puts in `<title>`, not an author), the name of the
  organisation that runs the site (`…_计划总结_某某镇人民政府`, `… | 某某市教育局`).

The title that is left must still read as one (at least four characters).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from docconv.clean import scorers
from docconv.clean.dedup import title_key
from docconv.clean.rules import line_key

_CJK = r"[\u4e00-\u9fff]"
_SEP = r"[ \t\u3000]*[-_|｜－–]{1,3}[ \t\u3000]*"
_SITE_WORDS = r"(?:网|网站|文库|范文网|范文|大全|频道|栏目|专题|精选|资料库|文档|之家|在线|文摘)"
_GENRES = ("述职报告", "工作总结", "总结", "工作计划", "计划", "报告", "汇报", "心得体会", "体会", "方案",
           "发言稿", "讲话稿", "讲话")
_SUFFIX = re.compile(rf"{_SEP}(?P<suffix>(?:{_CJK}|[A-Za-z0-9]){{2,16}})[ \t\u3000]*$")
_DOUBLED = re.compile(rf"^({_CJK}{{2,10}})\1$")
_SITE = re.compile(rf"^(?:{_CJK}|[A-Za-z0-9]){{0,10}}{_SITE_WORDS}$")
_ORGANISATION = re.compile(
    rf"^{_CJK}{{2,14}}(?:人民政府|政府|委员会|办公室|办公厅|管理局|局|厅|委|中心|研究院|学院|大学|学校|医院|集团|公司)$")
_MIN_TITLE = 4


@dataclass(frozen=True, slots=True)
class TitleFix:
    """A title with its site suffix removed."""

    title: str
    """What is left: the report's own title."""
    suffix: str
    """What was removed, separator included."""
    reason: str
    """Which of the patterns matched (doubled, site, genre, organisation)."""


def strip_site_suffix(title: str) -> TitleFix | None:
    """The title without its site/category suffixes, or None when it has none.

    Pages stack them (`…工作总结_工作总结_某某范文网`: the category, then the site), so they are taken off
    one at a time from the end; the reason is the outermost one's.
    """
    fix = _strip_one(title)
    if fix is None:
        return None
    while (inner := _strip_one(fix.title)) is not None:
        fix = TitleFix(title=inner.title, suffix=inner.suffix + fix.suffix, reason=fix.reason)
    return fix


def _strip_one(title: str) -> TitleFix | None:
    m = _SUFFIX.search(title)
    if m is None:
        return None
    head, suffix = title[:m.start()].rstrip(), m.group("suffix")
    if len(head) < _MIN_TITLE:
        return None
    if _DOUBLED.match(suffix):
        reason = "doubled"
    elif _SITE.match(suffix):
        reason = "site"
    elif any(suffix.endswith(g) and head.endswith(g) for g in _GENRES):
        reason = "genre"
    elif _ORGANISATION.match(suffix) and re.search(r"[_|｜]", title[len(head):m.start("suffix")]):
        reason = "organisation"
    else:
        return None
    return TitleFix(title=head, suffix=title[len(head):], reason=reason)


# ------------------------------------------------------------------------------- the head of a scraped page

_FILE_EXT = re.compile(r"\s*\.(?:docx?|pdf|wps|txt|pptx?|rtf)\s*$", re.IGNORECASE)
_NEAR_MIN = 6
"""Characters the shorter of two near-copies of a title must have: a bare genre word is no title."""
_ABOVE_MAX = 60
"""Longest line (characters) taken for site furniture above the title."""
_BETWEEN_MAX = 40
"""Longest line (characters) taken for site furniture between two prints of the title."""
_SANDWICH_MAX = 16
"""Longest line (characters) taken for residue because residue stands right above and below it."""


@dataclass(frozen=True, slots=True)
class HeadVerdict:
    """A line of a page's head that is the site's, not the report's."""

    index: int
    """Position of the line in the list given to `head_furniture`."""
    rule: str
    """Detector id that reports it."""
    reason: str
    """Why, in one line."""


def _without_additions(text: str) -> str:
    """A title line without the file extension and the site suffix a site adds to it."""
    t = _FILE_EXT.sub("", text.strip())
    fix = strip_site_suffix(t)
    return fix.title if fix is not None else t


def title_form(text: str) -> str:
    """What a title line says once the site's additions are off: file extension, site suffix, punctuation."""
    return title_key(_without_additions(text))


_COLLECTION = re.compile(
    r"\s*[(\[]\s*(?:(?:通用|精选|优选|精编|汇编|汇总|合集|最新|热门|推荐|经典|优秀|实用|范文)\s*"
    r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})?\s*篇?|(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*篇)\s*[)\]]\s*$")
"""What a collection page adds after a title (`（通用2篇）`, `（精选）`, `（3篇）`): the title it follows
names the genre of every article of the page."""


def reads_as_report_title(text: str) -> bool:
    """Whether a line, once the site's additions are off, reads as a report's title (short, no sentence,
    names a kind of document) and does not open an article of a collection (`篇一`). A collection's title
    (`…述职报告（通用2篇）`) reads as one too."""
    key = line_key(_without_additions(text))
    if scorers.starts_article(key):
        return False
    if scorers.is_title(key):
        return True
    bare = _COLLECTION.sub("", key)
    return bare != key and len(bare) >= _MIN_TITLE and scorers.is_title(bare)


_NOT_NAMING = re.compile(r"[\d一二三四五六七八九十百零〇篇第范文精选共合集]+")
"""Numerals and collection words: an addition made only of them numbers an article, it names nothing."""
_JOINED = re.compile(r"[和与及暨]")


def _bare(text: str) -> bool:
    """A short line with no sentence, no title and no numbering: a name, a label."""
    key = line_key(text)
    f = scorers.features(key)
    return (0 < f.length <= _SANDWICH_MAX and not f.stops and not scorers.is_title(key)
            and not scorers.numbered(key))


def _near(a: str, b: str) -> bool:
    """Two title forms of which one begins or ends the other, the rest naming something (`…（税务）`,
    `某某中学2023年…`): the site's list title and the report's own. An addition that only numbers
    (`…篇一`, `…范文1`) or joins a second report (`…和2024年工作计划`) makes another title."""
    short, long = sorted((a, b), key=len)
    if a == b or len(short) < _NEAR_MIN:
        return False
    if long.startswith(short):
        extra = long[len(short):]
    elif long.endswith(short):
        extra = long[:-len(short)]
    else:
        return False
    return bool(re.search(r"[\u4e00-\u9fff]", _NOT_NAMING.sub("", extra))) and not _JOINED.search(extra)


def head_furniture(texts: Sequence[str], removed: Sequence[bool], fixed: Sequence[bool]) -> list[HeadVerdict]:
    """Lines of a page's head (the lines before its first body paragraph, in order) that the site printed.

    Scraped pages print the report's title twice: once as the page title (often a shortened or lengthened
    list title: `学校安全工作总结_第一范文网`, `…总结（税务）`) and once above the text. That repeat is the
    evidence: what stands above the first print (the site's name, slogan, menu row, account name) and the
    short lines between the prints (bylines, buttons) belong to the page, and a near-copy of the title is
    the site's. The report's title is the print nearest the body. Lines already `removed` are skipped;
    `fixed` lines (headings the source marked as such, lines a rule already judged) may be the title but
    are never taken. Near-copies count only in a head that has other residue.

    Without a repeated title one thing is still judged: a short line with removed lines right above and
    below it (an account or user name between a follow call and a byline) is residue too.
    """
    residue_seen = any(removed)
    out = [HeadVerdict(i, "furniture.between-residue", "furniture: short line of the head with site "
                       "residue right above and below it")
           for i in range(1, len(texts) - 1)
           if removed[i - 1] and removed[i + 1] and not removed[i] and not fixed[i] and _bare(texts[i])
           and not reads_as_report_title(texts[i])]
    live = [i for i, gone in enumerate(removed) if not gone and texts[i].strip()]
    forms = {i: title_form(texts[i]) for i in live}
    anchor: int | None = None
    group: list[int] = []
    for i in reversed(live):
        if not forms[i] or not reads_as_report_title(texts[i]):
            continue
        copies = [j for j in live if j != i and forms[j] and not scorers.starts_article(line_key(texts[j]))
                  and (forms[j] == forms[i] or (residue_seen and _near(forms[i], forms[j])))]
        if copies:
            anchor, group = i, sorted([i, *copies])
            break
    if anchor is None:
        return out
    for j in group:
        if forms[j] != forms[anchor] and not fixed[j]:
            out.append(HeadVerdict(j, "duplicate.repeated-title", "duplicate: a shortened or lengthened copy "
                                   "of the title printed by the site; the print nearest the text is kept"))
    first, last = group[0], group[-1]
    for i in live:
        if i in group or i > last or fixed[i] or any(v.index == i for v in out):
            continue
        f = scorers.features(line_key(texts[i]))
        if f.stops:
            continue  # a sentence: not the page's furniture, whatever stands around it
        if i < first and f.length <= _ABOVE_MAX and not reads_as_report_title(texts[i]):
            out.append(HeadVerdict(i, "furniture.above-title", "furniture: line above the title that the "
                                   "site printed twice (its name, slogan, menu or account)"))
        elif (first < i and f.length <= _BETWEEN_MAX and not reads_as_report_title(texts[i])
              and not fixed[first]):
            # (A first print that is the source's own heading is a page's markup: what follows it there,
            # an author box, is left to the page-region rules.)
            out.append(HeadVerdict(i, "furniture.between-residue", "furniture: short line between the two "
                                   "prints of the page's title (byline, buttons)"))
    return sorted(out, key=lambda v: v.index)
