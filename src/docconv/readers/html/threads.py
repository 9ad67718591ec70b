"""Forum threads: the posts a forum page repeats, the first holding the report and the rest replies.

A forum (Discuz, phpwind, a bar or board system) prints a thread as a run of sibling post boxes built from
one template: the poster's box (name, rank, counts), the floor (`楼主`, `沙发`, `2楼`, `#3`), the time
(`发表于 …`), the message, the signature and the reply buttons. A report shared on a forum is the first
post's message; what follows is other members' replies (`收藏学习了`, `感谢楼主分享`), which no class name
calls comments. The thread is found by its shape, not by one forum's markup:

- two or more sibling elements with the same tag and the same class (or ids that differ only in their
  number: `post_1001`, `post_1002`), each with a link (the poster's name) and boxes inside;
- at least half of them carry a forum's words outside their message (a floor, `发表于`, `回复`, `举报`,
  `只看该作者`), so a page's repeated article boxes are never taken for posts;
- the first holds running text (`noise.holds_report_text`).

A later post by the first post's author (by the text of its first named link) goes on with the report
(a thread the author continues floor after floor) and is kept. A post by anyone else is a reply: its
region becomes `comment` when it is short, and the cleaner removes it like a page's comment box. A long
post by someone else is kept and reported: it may be a second report shared in the thread.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from dataclasses import dataclass, field

from lxml import etree

from docconv.readers.html.noise import element_text, holds_report_text, is_report_text

REPLY_REGION = "reply"
POSTER_REGION = "poster"

_FORUM_ITEM = (r"楼主|沙发|板凳|地板|(?:第\s*)?\d{1,5}\s*(?:楼|层|#)|#\s*\d{1,5}|发表于|发表时间|发布于"
               r"|回复(?:\s*[(（]\s*\d{1,5}\s*[)）])?|引用|举报|只看(?:该作者|楼主|他)|倒序浏览|阅读模式|收藏|分享"
               r"|来自\S{0,12}客户端|posted|reply|quote|report"
               r"|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}:\d{2}(?::\d{2})?|[|:：·•/\s]")
_FORUM_BOX = re.compile(rf"(?:{_FORUM_ITEM})+", re.IGNORECASE)
_FORUM_WORD = re.compile(r"楼|沙发|板凳|#|发表|发布|回复|引用|举报|只看|客户端|posted|reply|quote",
                         re.IGNORECASE)
"""A box a forum prints around each post's message, made only of its floor, its time and its buttons
(`沙发`, `3楼 发表于 2024-1-10 21:02`, `回复 举报`), with at least one of the forum's own words."""
_BOX_TEXT_MAX = 40
_POSTER_MAX = 60
_NAME_MAX = 24
"""Characters (spaces aside) a poster's box holds at most: a name, a rank, a few counts."""
_NUMBERED_ID = re.compile(r"^(?P<stem>[A-Za-z_-]+?)[_-]?\d+$")
_MIN_POSTS = 2
_BOX_TAGS = frozenset({"div", "table", "li", "article", "section", "dl", "tr"})
_QUOTE_CLASS = re.compile(r"quote|yinyong", re.IGNORECASE)


@dataclass
class Threads:
    """What the page's forum threads come to."""

    regions: dict[etree._Element, str] = field(default_factory=dict)
    """Each reply, and the poster's name over each post of the report's author, with its region."""
    replies: list[etree._Element] = field(default_factory=list)
    """The replies, in page order."""
    long_posts: list[etree._Element] = field(default_factory=list)
    """Long posts by other members, kept (to be reported)."""


def find_threads(body: etree._Element) -> Threads:
    """The forum threads on the page: the replies in each, and the boxes around its author's posts."""
    found = Threads()
    for parent in body.iter():
        if not isinstance(parent.tag, str) or len(parent) < _MIN_POSTS:
            continue
        for posts in _post_groups(parent):
            author = _poster(posts[0])
            if author is None or not holds_report_text(posts[0]):
                continue
            for post in posts:
                name = _name_element(post)
                if name is not None and _poster(post) == author:
                    found.regions[_poster_box(name, post)] = POSTER_REGION
                    found.regions.update(dict.fromkeys(_forum_boxes(post), POSTER_REGION))
                elif is_report_text(_unquoted_text(post)):
                    found.long_posts.append(post)
                else:
                    found.regions[post] = REPLY_REGION
                    found.replies.append(post)
    return found


def _post_groups(parent: etree._Element) -> list[list[etree._Element]]:
    """Runs of the parent's children that are posts of one template (see the module docstring)."""
    groups: dict[tuple[str, str], list[etree._Element]] = defaultdict(list)
    for child in parent:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag not in _BOX_TAGS:
            continue
        key = _template(child)
        if key is not None:
            groups[(tag, key)].append(child)
    out = []
    for posts in groups.values():
        if len(posts) < _MIN_POSTS or not all(_boxed(p) for p in posts):
            continue
        if sum(1 for p in posts if _forum_boxes(p)) * 2 >= len(posts):
            out.append(posts)
    return out


def _template(el: etree._Element) -> str | None:
    """What the posts of one thread share: their class, or the stem of their numbered ids."""
    el_id = el.get("id") or ""
    numbered = _NUMBERED_ID.match(el_id)
    if numbered is not None:
        return "#" + numbered.group("stem").lower()
    classes = " ".join(sorted((el.get("class") or "").split()))
    return "." + classes if classes else None


def _boxed(el: etree._Element) -> bool:
    """A post box: at least two boxes inside it (the poster's, the message's)."""
    boxes = sum(1 for d in el.iterdescendants() if isinstance(d.tag, str) and d.tag.lower() in _BOX_TAGS)
    return boxes >= _MIN_POSTS


def _name_element(post: etree._Element) -> etree._Element | None:
    """The element of the post's poster name: the first element whose own text starts the post's text
    and is short (a name), a floor or time box aside. A name is often a link, not always."""
    for el in post.iterdescendants():
        if not isinstance(el.tag, str):
            continue
        own = " ".join((el.text or "").split())
        if not own:
            continue
        if _is_forum_box(el):
            continue
        text = " ".join(element_text(el).split())
        return el if text == own and len(own) <= _NAME_MAX else None
    return None


def _poster_box(name: etree._Element, post: etree._Element) -> etree._Element:
    """The box of a post's poster: the largest element around its name that stays short (the name, a
    rank, counts), never the message."""
    box = name
    while (parent := box.getparent()) is not None and parent is not post and _chars(parent) <= _POSTER_MAX:
        box = parent
    return box


def _poster(post: etree._Element) -> str | None:
    """The post's poster name (see `_name_element`)."""
    name = _name_element(post)
    return " ".join(element_text(name).split()) if name is not None else None


def _is_forum_box(el: etree._Element) -> bool:
    text = _short_text(el)
    return (text is not None and 0 < len(text) <= _BOX_TEXT_MAX and _FORUM_BOX.fullmatch(text) is not None
            and _FORUM_WORD.search(text) is not None)


def _short_text(el: etree._Element) -> str | None:
    """The element's text with its runs of white space made one space, or None when it is longer than a
    box's (read no further: a post's boxes are tested down to every element)."""
    pieces: list[str] = []
    size = 0
    for t in el.itertext():
        piece = t if isinstance(t, str) else t.decode()
        size += len(piece)
        if size > _BOX_TEXT_MAX * 4:
            return None
        pieces.append(piece)
    return " ".join("".join(pieces).split())


def _forum_boxes(post: etree._Element) -> list[etree._Element]:
    """The largest elements of a post that are boxes a forum prints around the message (`_FORUM_BOX`)."""
    out: list[etree._Element] = []
    stack = [c for c in reversed(post) if isinstance(c.tag, str)]
    while stack:
        el = stack.pop()
        if _is_forum_box(el):
            out.append(el)
        else:
            stack.extend(c for c in reversed(el) if isinstance(c.tag, str))
    return out


def _unquoted_text(post: etree._Element) -> str:
    """A post's text without the posts it quotes (`<blockquote>`, a `quote` box): a reply that quotes
    the report is still a reply."""
    clone = copy.deepcopy(post)
    for q in [el for el in clone.iterdescendants()
              if el.tag == "blockquote" or _QUOTE_CLASS.search(el.get("class") or "")]:
        q.text = None  # emptied, not removed: its tail (the reply's own words after it) stays
        for child in list(q):
            q.remove(child)
    return element_text(clone)


def _chars(el: etree._Element) -> int:
    return len("".join(element_text(el).split()))
