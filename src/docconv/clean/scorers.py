"""Line features that decide where a document's body starts and ends, and score residue no rule names.

Every function here takes the matching view of a line (`docconv.clean.rules.line_key`) and looks only at
its shape: length, share of Chinese characters, sentence-final punctuation, dates, web addresses, digits,
separators and a small vocabulary of web-page words. The scores are evidence, not verdicts: residue.py
removes a line on a score only when the evidence is strong and the line sits at an edge of the document,
and otherwise keeps it with a "suspect" diagnostic.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Runs, not single characters: counting by what a substitution leaves is then a few steps per run.
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_STOP = re.compile(r"[。!?;…]")
_FINAL = frozenset("。!?;…")
_DIGIT = re.compile(r"\d")
_URL = re.compile(r"(?:https?://|www\.)[a-z0-9]|[a-z0-9-]{2,40}\.(?:com|cn|net|org|cc)\b", re.IGNORECASE)
_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|(?<!\d)\d{1,2}-\d{1,2}(?!\d)")
_WHOLE_URL = re.compile(r"(?:https?://|www\.)[\x21-\x7e]{0,300}", re.IGNORECASE)
_CITATION = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}\.\s)")
_SEPARATOR = re.compile(r"[|>»›/·•]")
# Words of web pages, not of reports: what a line of site furniture is made of.
_WEB_WORDS = re.compile(
    r"浏览|点击|阅读量|阅读数|评论|收藏|分享|打印|关闭窗口|返回|顶部|首页|登录|注册|会员|下载|扫一扫|扫码|二维码|"
    r"公众号|微信号|版权|copyright|icp|免责|本站|网站|网友|上传|客服|热线|字号|栏目|频道|专题|导航|搜索|"
    r"上一篇|下一篇|上一页|下一页|更多|推荐|投稿|邮箱|qq|点赞|在看|赞赏|转发|楼主|举报|金币|vip",
    re.IGNORECASE,
)
# The kinds of document a report title names; a short line ending in one of them reads as a title.
_DOC_TYPE = re.compile(
    r"(?:总结|计划|报告|方案|汇报|材料|讲话|发言|发言稿|讲稿|心得|体会|规划|意见|通知|决定|办法|细则|要点|"
    r"纪要|简报|述职|述廉|自查|范文|致辞|演讲稿|倡议书|申请书|责任书|承诺书|总结会|表彰会|座谈会)"
    r"(?:\s*(?:范文)?\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})?)?"
    r"(?:\s*[(\[]?\s*(?:共|合集|精选)?\s*\d{1,3}\s*篇\s*[)\]]?)?$"
)
_ARTICLE_PREFIX = re.compile(
    r"^(?:篇[一二三四五六七八九十\d]{1,3}|第[一二三四五六七八九十\d]{1,3}篇|范文\s*\d{1,3})\s*[:、.]?")
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}\s*[、.]|[(\[]\s*[一二三四五六七八九十\d]{1,3}\s*[)\]]|\d{1,3}\s*[、.)]|"
    r"[①-⑳]|——|第[一二三四五六七八九十\d]{1,3}[章节部条])"
)
# Sites print list dates zero-padded and numeric (03-27, 2023-03-27); authors write 3月27日.
_TRAILING_DATE = re.compile(
    r"^(?P<title>.{2,60}?)\s*[(\[]?\s*(?:\d{4}\s*[-/.]\s*)?[01]\d\s*[-/.]\s*[0-3]\d\s*[)\]]?$"
)

BODY_MIN_CHARS = 30
"""A line shorter than this never counts as body text."""
TITLE_MAX_CHARS = 40
"""A line longer than this never counts as a title."""


@dataclass(frozen=True, slots=True)
class Features:
    """The shape of one line."""

    length: int
    """Characters, spaces excluded."""
    cjk_ratio: float
    """Share of CJK ideographs among the characters."""
    stops: int
    """Sentence-final punctuation marks anywhere in the line."""
    ends_with_stop: bool
    """Whether the line ends a sentence."""
    digit_ratio: float
    """Share of ASCII digits among the characters."""
    has_url: bool
    """A web address or domain occurs."""
    has_date: bool
    """A date occurs."""
    separators: int
    """Menu separators (| > » / ·)."""
    web_words: int
    """Words of web pages (浏览, 返回, 本站...)."""


def _count_cjk(text: str) -> int:
    """CJK ideographs in `text`."""
    return len(text) - len(_CJK_RUN.sub("", text))


@functools.lru_cache(maxsize=4096)
def features(key: str) -> Features:
    """Measure a line (its matching view)."""
    compact = "".join(key.split())
    n = len(compact) or 1
    return Features(
        length=len(compact),
        cjk_ratio=_count_cjk(compact) / n,
        stops=len(_STOP.findall(compact)),
        ends_with_stop=bool(compact) and compact[-1] in _FINAL,
        digit_ratio=len(_DIGIT.findall(compact)) / n,
        has_url=bool(_URL.search(compact)),
        has_date=bool(_DATE.search(compact)),
        separators=len(_SEPARATOR.findall(_WHOLE_URL.sub("", compact))),
        web_words=len(_WEB_WORDS.findall(compact)),
    )


def is_body(key: str) -> bool:
    """Whether a line reads as running text of the article (long, Chinese, with sentences)."""
    # The three features that decide, cheapest first: residue removal asks this of every line.
    compact = "".join(key.split())
    n = len(compact)
    return (n >= BODY_MIN_CHARS and _STOP.search(compact) is not None
            and _count_cjk(compact) >= 0.5 * n)


def is_title(key: str) -> bool:
    """Whether a line reads as the title of an article (short, no sentence, names a kind of document)."""
    text = key.strip()
    if not text or len(text) > TITLE_MAX_CHARS or text[-1] in _FINAL or _STOP.search(text):
        return False
    if _ARTICLE_PREFIX.match(text):
        return True
    return not _NUMBERED.match(text) and bool(_DOC_TYPE.search(text))


_FIELD_LINE = re.compile(r"[\u3400-\u9fffA-Za-z]{2,10}\s*:\s*\S")
_SIGN_DATE = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                        r"\s*[\d一二三四五六七八九十]{1,3}\s*日")
_SITE_MARK = re.compile(r"版权所有|copyright|©|all rights reserved", re.IGNORECASE)


def field_line(key: str) -> bool:
    """Whether a line is a `字段:值` line: a report's own data section is written in such lines too."""
    return _FIELD_LINE.match(key) is not None


def signature_date(key: str) -> bool:
    """Whether a line is only a date as authors write it under their signature ('2023年12月28日')."""
    return _SIGN_DATE.fullmatch(key.strip()) is not None


def site_mark(key: str) -> bool:
    """Whether a line holds words only a site's footer uses ('版权所有', '©')."""
    return _SITE_MARK.search(key) is not None


def numbered(key: str) -> bool:
    """Whether a line opens with a numbering marker of a report's outline ('一、', '(二)', '3.')."""
    return _NUMBERED.match(key.strip()) is not None


def starts_article(key: str) -> bool:
    """Whether a line opens with an article marker of a multi-article page ('篇一:', '第二篇', '范文3')."""
    return _ARTICLE_PREFIX.match(key.strip()) is not None


def dated_title(key: str) -> bool:
    """Whether a line is a list entry of a site: a title with a date glued to its end ('…总结03-27')."""
    text = key.strip()
    if len(text) > 70 or _STOP.search(text):
        return False
    m = _TRAILING_DATE.match(text)
    return m is not None and _count_cjk(m.group("title")) >= 2


def residue_score(key: str) -> float:
    """How much a line looks like site furniture, from 0 (report text) up; see `STRONG` and `SUSPECT`."""
    f = features(key)
    if f.length == 0 or _CITATION.match(key):
        return 0.0  # an entry of a reference list: its addresses and dates are the author's
    score = 2.0 * min(f.web_words, 3)
    score += 1.0 if f.has_url else 0.0
    score += 1.0 if f.has_date else 0.0
    score += 1.0 if f.digit_ratio > 0.3 else 0.0
    score += 1.0 if f.cjk_ratio < 0.3 else 0.0
    score += 0.5 if not f.ends_with_stop else 0.0
    if f.separators >= 3 and f.stops == 0:
        score += 2.0
    if f.stops >= 2 or f.length > 80:
        # Several sentences or a long line: report prose, whatever words it uses.
        score -= 4.0
    return score


STRONG = 5.0
"""Score at which an edge line without sentences is removed (it also needs web words; see residue.py)."""
SUSPECT = 3.0
"""Score at which an edge line is kept but reported as suspect."""
