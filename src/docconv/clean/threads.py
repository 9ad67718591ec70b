"""A forum thread copied as text: the report is the first post, the short posts after it are replies.

A thread copied out of a forum or a bar (贴吧) keeps each post's head as lines of their own: the poster's
name, then the floor and the time (`笔名`, `2楼 2023-07-08 22:05`). The residue rules remove the floor lines
one by one; the names and the replies between them (`写得不错，学习了`) read like short paragraphs. This
stage finds the thread by those heads and removes the replies as whole posts, before the rules run:

- a post head is a floor line (`楼主`, `沙发`, `2楼`, `#3`, then a date and time, perhaps `来自…客户端`)
  right after a name line (short, no sentence punctuation); two heads or more make a thread;
- the first post is the report's; its poster is the author. The author's name lines go
  (`furniture.forum-poster`);
- a later post by someone else goes whole, its head with it, unless it holds running text (several
  sentences): then it is kept with a warning, as it may be a second report (`furniture.forum-reply`);
- a later post by the author goes on with the report and stays, unless it is a few short lines with no
  numbering, no date and no running text (`谢谢，我再改改`): the author chatting with the others, removed
  as a reply.

An HTML page's thread is found from its markup (readers/html/threads.py) before this stage sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from docconv.ast import Block, Document, Para, plain_text
from docconv.clean.residue import active_rules
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.structure.numbering import match_marker
from docconv.transform import Transform

REPLY_ID = "furniture.forum-reply"
POSTER_ID = "furniture.forum-poster"

_DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}\s*:\s*\d{2}(?::\d{2})?)?"
_FLOOR = re.compile(rf"(?:楼主|沙发|板凳|地板|第?\s*\d{{1,5}}\s*[楼#]|#\s*\d{{1,5}})\s*[|·]?\s*{_DATE}"
                    r"(?:\s*[|·]?\s*来自\S{1,16}客户端)?")
"""A post's floor and time (`2楼 2023-07-08 22:05`, `沙发 2024-1-8 09:30`)."""
_NAME_MAX = 24
_NOT_NAME = re.compile(r"[。！？；，,!?;：:]")
_MIN_HEADS = 2
_CHAT_MAX = 80
"""Characters of a later post by the author that may read as chat with the others, not more report."""
_DATE_RE = re.compile(_DATE)
_SENTENCE = re.compile(r"[^。！？；!?;]{8,}[。！？；!?;]")
_RUNNING_CHARS = 150
_RUNNING_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class _Post:
    name: int
    """Index of the poster's name line."""
    end: int
    """Index after the post's last block."""


def remove_thread_replies(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Remove the replies of a forum thread copied as text (see the module docstring)."""
    blocks = doc.blocks
    texts = [plain_text(b.content).strip() if isinstance(b, Para) else None for b in blocks]
    heads = [i for i in range(1, len(blocks)) if texts[i] and _FLOOR.fullmatch(texts[i] or "")
             and _is_name(texts[i - 1])]
    if len(heads) < _MIN_HEADS:
        return doc
    starts = [h - 1 for h in heads]
    posts = [_Post(s, e) for s, e in zip(starts, [*starts[1:], len(blocks)], strict=True)]
    _, off = active_rules(options)
    author = texts[posts[0].name]
    gone: set[int] = set()
    for k, post in enumerate(posts):
        body = [i for i in range(post.name + 2, post.end) if texts[i] is not None]
        said = "".join(texts[i] or "" for i in body)
        if texts[post.name] == author and (k == 0 or not _chat(body, texts)):
            if _drop(POSTER_ID, "the author's name over a post of a forum thread copied as text",
                     blocks[post.name], off, log):
                gone.add(post.name)
            continue
        if _running(said):
            log.report(REPLY_ID, "a long post by another member of a forum thread kept: it may hold a "
                       "report of its own", action=Action.KEPT, severity=Severity.WARNING,
                       text=said[:80], pos=blocks[post.name].pos)
            continue
        why = ("a reply in a forum thread copied as text: a short post by another member after the first, "
               "which holds the report" if texts[post.name] != author else
               "a forum thread's author chatting with the others: a few short lines after the report")
        if REPLY_ID in off:
            log.report(REPLY_ID, why + "; kept because the detector is turned off", action=Action.KEPT,
                       severity=Severity.WARNING, text=said[:80] or None, pos=blocks[post.name].pos)
            continue
        log.report(REPLY_ID, why, action=Action.REMOVED,
                   text=" / ".join(t for t in texts[post.name : post.end] if t)[:120],
                   pos=blocks[post.name].pos)
        gone.update(range(post.name, post.end))
    if not gone:
        return doc
    return replace(doc, blocks=tuple(b for i, b in enumerate(blocks) if i not in gone))


def _is_name(text: str | None) -> bool:
    return bool(text) and len(text or "") <= _NAME_MAX and not _NOT_NAME.search(text or "") \
        and _FLOOR.fullmatch(text or "") is None


def _chat(body: list[int], texts: list[str | None]) -> bool:
    """A few short lines with no numbering, no date and no running text: the author answering the others
    (and, in the last post, the site's lines below it), not more of the report."""
    lines = [texts[i] or "" for i in body]
    return (sum(map(len, lines)) <= _CHAT_MAX and not _running("".join(lines))
            and not any(match_marker(t) or _DATE_RE.search(t) for t in lines))


def _running(text: str) -> bool:
    """Running text: many characters in several sentences."""
    return len(text) >= _RUNNING_CHARS and len(_SENTENCE.findall(text)) >= _RUNNING_SENTENCES


def _drop(rule: str, why: str, block: Block, off: frozenset[str], log: DiagnosticLog) -> bool:
    text = plain_text(block.content) if isinstance(block, Para) else None
    if rule in off:
        log.report(rule, why + "; kept because the detector is turned off", action=Action.KEPT,
                   severity=Severity.WARNING, text=text, pos=block.pos)
        return False
    log.report(rule, why, action=Action.REMOVED, text=text, pos=block.pos)
    return True


TRANSFORMS: tuple[Transform, ...] = (Transform("residue.forum-thread", remove_thread_replies),)
