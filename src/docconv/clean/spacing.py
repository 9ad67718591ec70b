"""Punctuation, spacing and markup debris: odd quotes, spaces and hard wraps inside CJK, invisible
characters, and HTML tags or entities left in text.

- `‚…‛` pairs (a broken conversion's stand-ins for Chinese quotes) and ASCII `"…"` pairs around
  Chinese text become `“…”` (the issue asks for Chinese quotes in Chinese text), except in a line that
  reads as code or data (`{"msg": "成功"}`);
- a hard wrap (SoftBreak) between two CJK characters is removed when the line before it is full (as
  wide as the block's widest line, within a margin) and the next line opens no numbered item or field
  (`会议地点：`); a short line, a poem line or a row of a field list keeps its break;
- whitespace between two CJK characters is removed when a punctuation mark is one side of it, when the
  paragraph is letter-spaced throughout (PDF text: nearly every Han run one character long), or when one
  ASCII space splits a word the best segmentation puts across it (`转 变了`). Layout is kept, with a
  note: an ideographic space U+3000, a tab or two or more spaces (typed on purpose: name padding
  `王　磊`, field gaps); a space between two lone characters (`林 涛`, `主 任：`); and every gap of a
  line whose gaps part short cells without sentence punctuation (table rows, slogans, name lists).
  Whitespace between CJK and Latin letters or digits is never touched;
- zero-width and control characters are removed;
- HTML tags (`</p>`, `<br/>`) and entities (`&nbsp;`, `&#8220;`) are removed or decoded.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from docconv.ast import Document, Inline, Pos
from docconv.clean.chars import CJK, CJK_PUNCT, HAN
from docconv.clean.langmodel import LanguageModel
from docconv.clean.textmap import close_soft_breaks, doc_text, map_blocks, map_text
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
_CJK_RE = re.compile(CJK)
_HAN_ONE = re.compile(HAN)
_PUNCT_RE = re.compile(f"[{CJK_PUNCT}]")
_GAP = re.compile(rf"(?<={CJK})[ \t\u00a0\u3000]+(?={CJK})")
_HAN_GAP = re.compile(rf"(?<={HAN}) (?={HAN})")
_HAN_RUN = re.compile(f"{HAN}+")
_OPENING = "《「『（【〔“‘"
_LETTER_SPACED = 0.8
"""Share of a paragraph's Han runs that must be one character long for it to count as letter-spaced."""
_LETTER_SPACED_GAPS = 5
"""Han–Han spaces a letter-spaced paragraph has at least (fewer may pad two names: `黄 河 马 骏`)."""
_CELL_GAPS = 2
"""Gaps a line needs before its gaps count as cell separators (three cells or more)."""
_CELL_MAX = 8
"""Longest Han run a cell of such a line holds (longer runs are prose)."""
_SENTENCE_PUNCT = frozenset("，。；！？,;!?")


def _entity(m: re.Match[str]) -> str:
    if m.group().lower() == "&nbsp;":
        return " "
    decoded = html.unescape(m.group())
    return m.group() if decoded == m.group() else decoded


def _quotes(text: str) -> str:
    text = _LOW_QUOTES.sub("“\\1”", text)
    if _CODE.search(text):
        return text  # `{"msg": "成功"}`: quoted strings of code or data, not Chinese quotation

    def ascii_pair(m: re.Match[str]) -> str:
        inner = m.group(1)
        cjk = sum(1 for c in inner if _CJK_RE.fullmatch(c))
        return f"“{inner}”" if cjk and cjk >= 0.5 * len(inner.replace(" ", "")) else m.group()

    return _ASCII_QUOTES.sub(ascii_pair, text)


_ASCII_QUOTES = re.compile(r'"([^"\n]{1,80})"')
_CODE = re.compile(r'[{}]|"\s*:\s*["\[{0-9]|\\"')


def _letter_spaced(text: str) -> bool:
    """Whether the paragraph is letter-spaced throughout (PDF text): nearly every Han run is one
    character. A row of cells or a name list (`周一 王 磊 周二`) has runs of two and more as well."""
    if len(_HAN_GAP.findall(text)) < _LETTER_SPACED_GAPS:
        return False
    runs = _HAN_RUN.findall(text)
    return sum(1 for r in runs if len(r) == 1) >= _LETTER_SPACED * len(runs)


def _cells(text: str) -> bool:
    """Whether the line's gaps part cells: at least three short Han runs and no sentence punctuation
    (a flattened table row, a slogan, a list of names); such gaps are layout, never a split word."""
    if any(c in _SENTENCE_PUNCT for c in text) or len(_GAP.findall(text)) < _CELL_GAPS:
        return False
    return all(len(r) <= _CELL_MAX for r in _HAN_RUN.findall(text))


def _run_len(text: str, at: int, step: int) -> int:
    """Length of the Han run that ends just before `at` (step -1) or starts at `at` (step 1)."""
    n = 0
    i = at - 1 if step < 0 else at
    while 0 <= i < len(text) and _HAN_ONE.fullmatch(text[i]):
        n += 1
        i += step
    return n


class _Gaps:
    """Decides, gap by gap, whether whitespace inside CJK text is an artefact."""

    def __init__(self, model: Callable[[], LanguageModel]) -> None:
        # The model is built when a gap first needs it: most gaps are decided by punctuation or
        # layout, and many documents never ask.
        self._model = model
        self._built: LanguageModel | None = None

    def splits_word(self, text: str, at: int, end: int) -> bool:
        """Whether the best segmentation of the text around the gap, closed up, puts a dictionary word
        across it (`面貌转 变了` → `面貌/转变/了`); two words that merely touch (`汉 籍贯`) do not count."""
        left, right = text[max(0, at - 4) : at], text[end : end + 4]
        cut = len(left)
        pos = 0
        if self._built is None:
            self._built = self._model()
        lm = self._built
        for word in lm.segment(left + right):
            if pos < cut < pos + len(word):
                return lm.is_word(word)
            pos += len(word)
        return False


def _spaces(text: str, pos: Pos | None, gaps: _Gaps, log: DiagnosticLog) -> str:
    if not _GAP.search(text):
        return text
    spaced = _letter_spaced(text)
    cells = _cells(text)
    out: list[str] = []
    last = 0
    for m in _GAP.finditer(text):
        before, after = text[m.start() - 1], text[m.end()]
        punct_side = (_PUNCT_RE.fullmatch(before) and before not in _OPENING) or (
            _PUNCT_RE.fullmatch(after) and after in "，。、；：？！）》」』】〕”’…"
        )
        # An extraction artefact leaves one ASCII space (or a no-break space from HTML): a wider gap or
        # an ideographic space was typed (`联系人：张立新　　联系电话：…`, `王　磊`), and a space between two
        # lone characters pads a name or a label (`林 涛`, `主 任：`).
        # (Asked only when punctuation or letter-spacing has not decided already: it costs a segmentation.)
        if punct_side or spaced or (
                m.group() in (" ", "\u00a0") and not cells
                and not (_run_len(text, m.start(), -1) == 1 and _run_len(text, m.end(), 1) == 1)
                and gaps.splits_word(text, m.start(), m.end())):
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


_DEBRIS = re.compile("[<&\"\u201a\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""A character every repair of `_text_fix` needs: `<` opens a tag, `&` an entity, a quote a pair, and
the rest are the invisible characters. Text without one is left as it is, in one scan."""


def _text_fix(text: str, pos: Pos | None, log: DiagnosticLog) -> str:
    if not _DEBRIS.search(text):
        return text
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

    def close(before: str, after: str, hard: Callable[[], bool]) -> bool:
        if not (before and after and _CJK_RE.fullmatch(before[-1]) and _CJK_RE.fullmatch(after[0])):
            return False
        seam = before[-4:] + "\\n" + after[:4]
        if not hard():
            log.report("repair.spacing", "kept a line break inside CJK text: the line before it is not "
                       "full, or the next line opens an item or a field", action=Action.KEPT,
                       text=seam, pos=pos)
            return False
        log.report("repair.spacing", "joined a hard-wrapped line inside CJK text", action=Action.REMOVED,
                   text=seam, pos=pos)
        return True

    return close_soft_breaks(content, close)


def repair_spacing(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Quotes, CJK spacing and hard wraps, invisible characters and markup debris (see module doc)."""
    del options
    doc = map_blocks(doc, lambda content, pos: _soft_breaks(content, pos, log))
    doc = map_text(doc, lambda text, pos: _text_fix(text, pos, log))
    gaps = _Gaps(lambda: LanguageModel(doc_text(doc)))

    def fix(text: str, pos: Pos | None) -> str:
        return _spaces(text, pos, gaps, log) if _GAP.search(text) else text

    return map_text(doc, fix)
