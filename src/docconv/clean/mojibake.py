"""Mojibake repair (text decoded with the wrong codec) and flagging of damage nothing can undo.

Three kinds are repaired, each only inside a span that carries its signature and only when the repaired
reading scores clearly better than the damaged one under the language score:

- UTF-8 read as GBK/GB18030 (`鎴戜滑` for `我们`): a run of GBK characters whose bytes are valid UTF-8;
- UTF-8 read as latin-1/cp1252 (`æˆ‘ä»¬`): ftfy's encoding fixer, with every other ftfy fixer off so
  CJK punctuation, widths and quotes stay as they are;
- GBK read as latin-1/cp1252 (`ÎÒÃÇ`): a latin-1 run whose bytes are valid GBK.

Irrecoverable damage (`锟斤拷`, `烫烫烫`, `屯屯屯`, U+FFFD, `(cid:N)`) is reported, and removed only when
`Options.drop_unrepairable` asks for it. A lone `烫烫` may be a real word and is only reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from docconv.ast import Document, Pos
from docconv.clean.chars import is_cjk
from docconv.clean.langmodel import LanguageModel
from docconv.clean.textmap import doc_text, map_text
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options

_CP1252_EXTRA = (
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a"
    "\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
"""The characters cp1252 puts where latin-1 has C1 controls."""
_HIGH = f"[\u0080-\u00ff{_CP1252_EXTRA}]"
# A latin-1/cp1252 run: starts and ends with a high character, may hold ASCII (GBK trail bytes can be ASCII).
_LATIN_SPAN = re.compile(rf"{_HIGH}(?:[{_CP1252_EXTRA}\u0080-\u00ff\x20-\x7e]*{_HIGH})?")
_LATIN_MIN_HIGH = 2
# A run of non-ASCII characters that GBK can encode: the raw material of UTF-8-read-as-GBK mojibake.
_GBK_SPAN = re.compile(r"[^\x00-\x7f\s]{2,}")

UNREPAIRABLE = re.compile(r"(?:锟斤拷)+锟?|(?:烫){3,}|(?:屯){3,}|\ufffd+|\(cid:\d+\)")
"""Damage no decoding can undo: the bytes are gone."""
_SUSPECT = re.compile(r"(?<!烫)烫烫(?!烫)")

MARGIN_PER_CHAR = 1.5
"""Mean log-probability per character by which a repaired reading must beat the damaged one."""

_FTFY_CONFIG: object | None = None


@dataclass(frozen=True, slots=True)
class Fix:
    """One repaired span."""

    start: int
    """Offset of the span."""
    end: int
    """Offset just past it."""
    before: str
    """The damaged text."""
    after: str
    """The repair."""
    kind: str
    """Which mojibake it was (`utf8-as-gbk`, `utf8-as-latin1`, `gbk-as-latin1`)."""


def _ftfy_fix(span: str) -> str:
    global _FTFY_CONFIG  # noqa: PLW0603  # built once, lazily: importing ftfy costs time at startup
    import ftfy  # noqa: PLC0415  # lazy by design, see above

    if _FTFY_CONFIG is None:
        _FTFY_CONFIG = ftfy.TextFixerConfig(
            unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
            replace_lossy_sequences=False, decode_inconsistent_utf8=True, fix_c1_controls=False,
            fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False,
            fix_line_breaks=False, fix_surrogates=False, remove_control_chars=False,
            normalization=None, explain=False,
        )
    assert isinstance(_FTFY_CONFIG, ftfy.TextFixerConfig)
    return ftfy.fix_text(span, _FTFY_CONFIG)


def _latin_bytes(span: str) -> bytes | None:
    """The bytes a latin-1/cp1252 decoder read to produce `span`, or None if some are lost."""
    out = bytearray()
    for ch in span:
        if ord(ch) < 0x100:
            out.append(ord(ch))
            continue
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            return None
    return bytes(out)


def _gbk_from_latin(span: str) -> str | None:
    raw = _latin_bytes(span)
    if raw is None:
        return None
    try:
        return raw.decode("gbk")
    except UnicodeDecodeError:
        return None


def _gbk2(ch: str) -> bytes | None:
    try:
        raw = ch.encode("gbk")
    except UnicodeEncodeError:
        return None
    return raw if len(raw) == 2 else None


_LOST = "\ufffd"
_MAX_LOST = 2
"""Lost bytes (U+FFFD) one repaired stretch may span; each is tried with every non-ASCII UTF-8 byte."""


def _utf8_runs(span: str) -> list[tuple[int, int, list[str]]]:
    """Stretches of `span` whose GBK bytes are valid UTF-8: (start, end, readings), at least 2 characters.

    A GBK decoder loses a byte wherever UTF-8 bytes form no GBK pair (U+FFFD for one byte). A stretch
    may bridge up to two such marks: every UTF-8 byte is tried in their place, and each reading that
    decodes is returned for the language score to rank.
    """
    out: list[tuple[int, int, list[str]]] = []
    pieces = [None if ch == _LOST else _gbk2(ch) for ch in span]
    start = 0
    for end in range(len(span) + 1):
        if end < len(span) and (pieces[end] is not None or span[end] == _LOST):
            continue
        out.extend(_runs_in(span, pieces, start, end))
        start = end + 1
    return out


def _runs_in(span: str, pieces: list[bytes | None], start: int, end: int) -> list[tuple[int, int, list[str]]]:
    out: list[tuple[int, int, list[str]]] = []
    i = start
    while i < end - 1:
        j = i
        while j < end and pieces[j] is not None:
            j += 1
        k = _utf8_prefix(b"".join(p for p in pieces[i:j] if p is not None))
        if k < 2 and not (k == 0 and j < end and span[j] == _LOST and j > i):
            i += 1
            continue
        # Extend over lost bytes as far as readings still decode.
        best_end, best = i + k, [_decode(pieces[i : i + k])[0]] if k >= 2 else []
        stop = min(end, i + k + 4)
        for e in range(i + k + 1, end + 1):
            if e > stop and not any(pieces[x] is None for x in range(i, e)):
                break
            readings = _decode(pieces[i:e])
            if readings:
                best_end, best = e, readings
                stop = e + 4
        if best and best_end - i >= 2:
            out.append((i, best_end, best))
            i = best_end
        else:
            i += 1
    return out


def _decode(parts: list[bytes | None]) -> list[str]:
    """Every strict UTF-8 reading of the bytes, unknown single bytes tried over 0x80..0xF4."""
    holes = sum(1 for p in parts if p is None)
    if holes > _MAX_LOST:
        return []
    fills: list[bytes] = [b""]
    for _ in range(holes):
        fills = [f + bytes((x,)) for f in fills for x in range(0x80, 0xF5)]
    out: list[str] = []
    for fill in fills:
        raw = bytearray()
        h = 0
        for p in parts:
            if p is None:
                raw.append(fill[h])
                h += 1
            else:
                raw += p
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            continue
    return out


def _utf8_prefix(raw: bytes) -> int:
    """How many two-byte characters at the start of `raw` decode as UTF-8."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        k = exc.start // 2
    else:
        return len(raw) // 2
    while k >= 2:
        try:
            raw[: 2 * k].decode("utf-8")
        except UnicodeDecodeError:
            k -= 1
        else:
            return k
    return 0


def _mostly_cjk(text: str) -> bool:
    chars = [c for c in text if not c.isspace() and not c.isascii()]
    return bool(chars) and sum(1 for c in chars if is_cjk(c)) >= 0.8 * len(chars)


def find_fixes(text: str, model: Callable[[], LanguageModel]) -> list[Fix]:
    """The mojibake spans of `text` whose repair scores clearly better, left to right."""
    fixes: list[Fix] = []
    for m in _LATIN_SPAN.finditer(text):
        span = m.group()
        if sum(1 for c in span if not c.isascii()) < _LATIN_MIN_HIGH:
            continue
        options = [("utf8-as-latin1", _ftfy_fix(span)), ("gbk-as-latin1", _gbk_from_latin(span))]
        best = _best(span, options, model)
        if best is not None:
            fixes.append(Fix(m.start(), m.end(), span, best[1], best[0]))
    for m in _GBK_SPAN.finditer(text):
        if any(f.start < m.end() and m.start() < f.end for f in fixes):
            continue
        for i, j, readings in _utf8_runs(m.group()):
            a, b = m.start() + i, m.start() + j
            before = text[a:b]
            prev = fixes[-1] if fixes and fixes[-1].end == a else None
            left = prev.after if prev is not None else text[max(0, a - 2) : a]
            best = _best(before, [("utf8-as-gbk", r) for r in readings], model, left, text[b : b + 2])
            if best is not None:
                fixes.append(Fix(a, b, before, best[1], best[0]))
    fixes.sort(key=lambda f: f.start)
    return fixes


def _best(
    span: str,
    options: list[tuple[str, str | None]],
    model: Callable[[], LanguageModel],
    left: str = "",
    right: str = "",
) -> tuple[str, str] | None:
    """The reading that ranks first in context, if it also reads clearly better than the damaged span."""
    viable = [(k, t) for k, t in options if t and t != span and _mostly_cjk(t) and "\ufffd" not in t]
    if not viable:
        return None
    lm = model()
    _score, kind, repaired = max((lm.score(t, left=left, right=right), k, t) for k, t in viable)
    return (kind, repaired) if lm.per_char(repaired) - lm.per_char(span) >= MARGIN_PER_CHAR else None


def repair_mojibake(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Re-decode mojibake spans and report (or, on request, drop) damage nothing can undo."""
    built: list[LanguageModel] = []

    def model() -> LanguageModel:
        if not built:
            built.append(LanguageModel(doc_text(doc)))
        return built[0]

    def fix(text: str, pos: Pos | None) -> str:
        out: list[str] = []
        last = 0
        for f in find_fixes(text, model):
            out.append(text[last : f.start])
            out.append(f.after)
            last = f.end
            log.report("repair.mojibake", f"re-decoded {f.kind} mojibake", action=Action.CHANGED,
                       text=f"{f.before} → {f.after}", pos=pos)
        out.append(text[last:])
        return _unrepairable("".join(out), pos, options.drop_unrepairable, log)

    return map_text(doc, fix)


def _unrepairable(text: str, pos: Pos | None, drop: bool, log: DiagnosticLog) -> str:
    for m in _SUSPECT.finditer(text):
        log.report("repair.unrepairable", "possible memory-fill damage (烫烫); kept",
                   action=Action.KEPT, severity=Severity.WARNING, text=m.group(), pos=pos)
    if not UNREPAIRABLE.search(text):
        return text
    for m in UNREPAIRABLE.finditer(text):
        if drop:
            log.report("repair.unrepairable", "removed irrecoverable character damage",
                       action=Action.REMOVED, severity=Severity.WARNING, text=m.group(), pos=pos)
        else:
            log.report("repair.unrepairable",
                       "irrecoverable character damage; kept (--drop-unrepairable removes it)",
                       action=Action.KEPT, severity=Severity.WARNING, text=m.group(), pos=pos)
    return UNREPAIRABLE.sub("", text) if drop else text
