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
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from docconv.ast import BlockQuote, Div, Document, Inline, Node, Note, Para, Text, plain_text
from docconv.clean.chars import CJK
from docconv.clean.langmodel import LanguageModel
from docconv.clean.textmap import doc_text
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options
from docconv.walk import walk

_FINAL = frozenset("。！？!?；;：:…”’」』）)】》〕.")
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
    if not a or not b or a[-1] in _FINAL:
        return False
    if not (_CJK_RE.fullmatch(a[-1]) and _CJK_RE.fullmatch(b[0])):
        return False
    if a[-1] in _OPENING:
        return True  # an opened quote or bracket: what follows cannot be a new item
    if MARKER_START.match(b) or _heading_like(a) or _layout_rows(a, b):
        return False
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


def join_paragraphs(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Join each paragraph that a break split mid-sentence with the paragraph that continues it."""
    del options
    built: list[LanguageModel] = []

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
                # Most paragraphs end a sentence: the next one's text is taken only when this one does not.
                b = _text_of(block) if a and a[-1] not in _FINAL else None
                # The model (jieba's word list: half a second to load) is built only for a seam that
                # no cheaper test decides; a heading line before body text never needs it.
                if a and b and _should_join(a, b, lm):
                    merged: tuple[Inline, ...] = (Text(text=a.rstrip() + b.lstrip()),)
                    out[-1] = replace(prev, content=merged)
                    log.report("repair.join-paragraphs", "joined a paragraph broken mid-sentence",
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

    return walk(doc, action)
