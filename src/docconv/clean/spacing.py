"""Punctuation, spacing and markup debris: odd quotes, spaces and hard wraps inside CJK, invisible
characters, and HTML tags or entities left in text.

- `‚…‛` and ASCII `"…"` pairs used as Chinese quotes become `“…”`;
- a hard wrap (SoftBreak) between two CJK characters is removed;
- whitespace between two CJK characters is removed when a punctuation mark is one side of it, when the
  paragraph is letter-spaced throughout (PDF text), or when a one-character gap splits a known word
  (`转 变`); any other space between two Han characters may be meant (slogans, a blank for a redacted
  name, a gap between fields) and is kept with a note; whitespace between CJK and Latin letters or
  digits is never touched;
- zero-width and control characters are removed;
- HTML tags (`</p>`, `<br/>`) and entities (`&nbsp;`, `&#8220;`) are removed or decoded.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from docconv.ast import Document, Inline, Pos, SoftBreak, Text
from docconv.clean.chars import CJK, CJK_PUNCT, HAN
from docconv.clean.langmodel import LanguageModel
from docconv.clean.textmap import doc_text, map_blocks, map_text
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options

_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
_HTML_TAGS = (
    "p|br|div|span|font|b|i|u|strong|em|a|img|table|tr|td|th|tbody|thead|li|ul|ol|h[1-6]|hr|"
    "center|section|article|small|big|sub|sup|blockquote|pre|code"
)
_TAG = re.compile(rf"</?(?:{_HTML_TAGS})(?:\s+[^<>]{{0,200}})?\s*/?>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,7}|#[xX][0-9a-fA-F]{2,6});")
_LOW_QUOTES = re.compile("\u201a([^\u201a\u201b\n]{1,80})\u201b")
_ASCII_QUOTES = re.compile(r'"([^"\n]{1,80})"')
_CJK_RE = re.compile(CJK)
_PUNCT_RE = re.compile(f"[{CJK_PUNCT}]")
_GAP = re.compile(rf"(?<={CJK})[ \t\u00a0\u3000]+(?={CJK})")
_HAN_GAP = re.compile(rf"(?<={HAN}) (?={HAN})")
_OPENING = "《「『（【〔“‘"
_LETTER_SPACED = 0.5
"""Share of Han–Han boundaries with a space above which a paragraph counts as letter-spaced PDF text."""


def _entity(m: re.Match[str]) -> str:
    if m.group().lower() == "&nbsp;":
        return " "
    decoded = html.unescape(m.group())
    return m.group() if decoded == m.group() else decoded


def _quotes(text: str) -> str:
    text = _LOW_QUOTES.sub("“\\1”", text)

    def ascii_pair(m: re.Match[str]) -> str:
        inner = m.group(1)
        cjk = sum(1 for c in inner if _CJK_RE.fullmatch(c))
        return f"“{inner}”" if cjk and cjk >= 0.5 * len(inner.replace(" ", "")) else m.group()

    return _ASCII_QUOTES.sub(ascii_pair, text)


def _letter_spaced(text: str) -> bool:
    han = re.findall(rf"{HAN}(?= ?{HAN})", text)
    return len(han) >= 4 and len(_HAN_GAP.findall(text)) >= _LETTER_SPACED * len(han)


class _Gaps:
    """Decides, gap by gap, whether whitespace inside CJK text is an artefact."""

    def __init__(self, lm: LanguageModel) -> None:
        self._lm = lm

    def splits_word(self, text: str, at: int, end: int) -> bool:
        left, right = text[max(0, at - 3) : at], text[end : end + 3]
        for i in range(len(left)):
            for j in range(1, len(right) + 1):
                word = left[i:] + right[:j]
                if len(word) <= 4 and self._lm.is_word(word):
                    return True
        return False


def _spaces(text: str, pos: Pos | None, gaps: _Gaps, log: DiagnosticLog) -> str:
    if not _GAP.search(text):
        return text
    spaced = _letter_spaced(text)
    out: list[str] = []
    last = 0
    for m in _GAP.finditer(text):
        before, after = text[m.start() - 1], text[m.end()]
        punct_side = (_PUNCT_RE.fullmatch(before) and before not in _OPENING) or (
            _PUNCT_RE.fullmatch(after) and after in "，。、；：？！）》」』】〕”’…"
        )
        # A gap of two or more spaces is laid out on purpose (`联系人：张立新　　联系电话：…`): a word split
        # by an extraction artefact leaves one.
        if punct_side or spaced or (m.end() - m.start() == 1 and gaps.splits_word(text, m.start(), m.end())):
            out.append(text[last : m.start()])
            last = m.end()
            log.report("repair.spacing", "removed whitespace inside CJK text", action=Action.REMOVED,
                       text=text[max(0, m.start() - 4) : m.end() + 4], pos=pos)
        else:
            log.report("repair.spacing", "kept a space between CJK characters that may be meant",
                       action=Action.KEPT, severity=Severity.INFO,
                       text=text[max(0, m.start() - 4) : m.end() + 4], pos=pos)
    out.append(text[last:])
    return "".join(out)


def _text_fix(text: str, pos: Pos | None, log: DiagnosticLog) -> str:
    new = _INVISIBLE.sub("", text)
    if new != text:
        log.report("repair.invisible", "removed zero-width or control characters", action=Action.REMOVED,
                   text=repr("".join(_INVISIBLE.findall(text))), pos=pos)
    for pattern, rule, message, repl in (
        (_TAG, "repair.markup", "removed an HTML tag left in the text", ""),
        (_ENTITY, "repair.markup", "decoded an HTML entity left in the text", None),
    ):
        for m in pattern.finditer(new):
            after = "" if repl is not None else _entity(m)
            if after != m.group():
                log.report(rule, message, action=Action.CHANGED if after else Action.REMOVED,
                           text=f"{m.group()} → {after}" if after else m.group(), pos=pos)
        new = pattern.sub(repl, new) if repl is not None else pattern.sub(_entity, new)
    quoted = _quotes(new)
    if quoted != new:
        log.report("repair.quotes", "replaced odd quote characters with Chinese quotes “”",
                   action=Action.CHANGED, text=f"{new} → {quoted}"[:160], pos=pos)
    return quoted


def _soft_breaks(content: tuple[Inline, ...], pos: Pos | None, log: DiagnosticLog) -> tuple[Inline, ...]:
    """Drop hard wraps between two CJK characters, merging the Text runs around them."""
    out: list[Inline] = []
    changed = False
    i = 0
    while i < len(content):
        node = content[i]
        prev = out[-1] if out else None
        nxt = content[i + 1] if i + 1 < len(content) else None
        if (isinstance(node, SoftBreak) and isinstance(prev, Text) and isinstance(nxt, Text)
                and prev.text and nxt.text and _CJK_RE.fullmatch(prev.text[-1])
                and _CJK_RE.fullmatch(nxt.text[0])):
            out[-1] = replace(prev, text=prev.text + nxt.text)
            log.report("repair.spacing", "joined a hard-wrapped line inside CJK text", action=Action.REMOVED,
                       text=prev.text[-4:] + "\\n" + nxt.text[:4], pos=pos)
            changed = True
            i += 2
            continue
        out.append(node)
        i += 1
    return tuple(out) if changed else content


def repair_spacing(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Quotes, CJK spacing and hard wraps, invisible characters and markup debris (see module doc)."""
    del options
    doc = map_blocks(doc, lambda content, pos: _soft_breaks(content, pos, log))
    doc = map_text(doc, lambda text, pos: _text_fix(text, pos, log))
    built: list[_Gaps] = []

    def gaps() -> _Gaps:
        if not built:
            built.append(_Gaps(LanguageModel(doc_text(doc))))
        return built[0]

    def fix(text: str, pos: Pos | None) -> str:
        return _spaces(text, pos, gaps(), log) if _GAP.search(text) else text

    return map_text(doc, fix)
