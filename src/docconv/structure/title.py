"""Title clean-up: strip the site or category suffix that scraped pages append to a report's title.

Sites publish `2012年控烟工作总结-卫生工作总结卫生工作总结`, `年度工作计划_范文网`, `述职报告 - 某某文库`:
the title, a separator, then the site's category or name. The suffix goes when, after a separator
(`-`, `_`, `|` in either width, or an en dash, up to three of them: `--`; never `——`, which Chinese titles
use for subtitles), it is one of:

- a doubled phrase (`卫生工作总结卫生工作总结`);
- a phrase ending in a site or category word (`…网`, `…文库`, `…范文`, `…大全`, `…频道`, `…专题`,
  `…之家`, `…在线`);
- a genre phrase (`…工作总结`, `…计划`) whose genre word also ends the title before it: the title already
  says what it is, so the repetition is the site's category.

The title that is left must still read as one (at least four characters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = r"[\u4e00-\u9fff]"
_SEP = r"[ \t\u3000]*[-_|｜－–]{1,3}[ \t\u3000]*"
_SITE_WORDS = r"(?:网|网站|文库|范文网|范文|大全|频道|栏目|专题|精选|资料库|文档|之家|在线|文摘)"
_GENRES = ("述职报告", "工作总结", "总结", "工作计划", "计划", "报告", "汇报", "心得体会", "体会", "方案",
           "发言稿", "讲话稿", "讲话")
_SUFFIX = re.compile(rf"{_SEP}(?P<suffix>(?:{_CJK}|[A-Za-z0-9]){{2,16}})[ \t\u3000]*$")
_DOUBLED = re.compile(rf"^({_CJK}{{2,10}})\1$")
_SITE = re.compile(rf"^(?:{_CJK}|[A-Za-z0-9]){{0,10}}{_SITE_WORDS}$")
_MIN_TITLE = 4


@dataclass(frozen=True, slots=True)
class TitleFix:
    """A title with its site suffix removed."""

    title: str
    """What is left: the report's own title."""
    suffix: str
    """What was removed, separator included."""
    reason: str
    """Which of the three patterns matched (doubled, site, genre)."""


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
    else:
        return None
    return TitleFix(title=head, suffix=title[len(head):], reason=reason)
