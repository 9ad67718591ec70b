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
from functools import cache

from docconv.ast import Document, Pos
from docconv.clean.chars import gbk_pair, is_cjk, is_han
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

MARGIN_READING = 4.0
"""Ranking score by which the best UTF-8 reading of a span must beat the next one."""

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


_LOST = "\ufffd"
_HOLE_LEADS = (*range(0xE2, 0xEA), 0xEF)
"""Lead bytes a lost lead byte is tried with: three-byte UTF-8 for Han, CJK and full-width punctuation."""
_MAX_SPAN = 400
"""Characters one mojibake span may cover (longer ones are repaired piece by piece)."""
_BEAM = 12
"""Readings kept per character while ranking a span."""
_WINDOW = 6
"""Characters of context each beam step scores a new character against."""


@cache
def _lost_before(x: int, y: int) -> bool:
    """Whether a GBK or GB18030 decoder drops byte `x` when `y` follows it (one U+FFFD, or nothing with
    errors='ignore'): `x` is no lead byte, or the pair is no character in one of the two tables."""
    if x in {0x80, 0xFF}:
        return True
    pair = bytes((x, y))
    for codec in ("gbk", "gb18030"):
        try:
            pair.decode(codec)
        except UnicodeDecodeError:
            return True
    return False


def _plausible(ch: str) -> bool:
    return is_cjk(ch) or ch in "·×÷°±"


def _lattice(
    tmpl: list[int | None], start: int = 0, stop: int | None = None
) -> tuple[list[list[str]], list[int]]:
    """The characters each UTF-8 sequence at the start of a byte template can be, read as far as the
    template stays UTF-8, and the byte offset where each sequence ends.

    `None` in the template is a lost byte: in a continuation place one of the 64 continuation bytes, in a
    lead place a three-byte lead; either way only a byte the decoder would have lost before the byte
    that follows it.
    """
    slots: list[list[str]] = []
    ends: list[int] = []
    i = start
    n = len(tmpl) if stop is None else stop
    while i < n:
        b = tmpl[i]
        if b is None:
            leads: tuple[int, ...] = _HOLE_LEADS
            size = 3
        elif 0xE0 <= b <= 0xEF:
            leads, size = (b,), 3
        elif 0xC2 <= b <= 0xDF:
            leads, size = (b,), 2
        else:
            break
        if i + size > n:
            break
        options: list[str] = []
        for lead in leads:
            seqs = [bytes((lead,))]
            for k in range(i + 1, i + size):
                t = tmpl[k]
                if t is None:
                    seqs = [q + bytes((c,)) for q in seqs for c in range(0x80, 0xC0)]
                elif 0x80 <= t <= 0xBF:
                    seqs = [q + bytes((t,)) for q in seqs]
                else:
                    seqs = []
                    break
            for q in seqs:
                if not all(_consistent(q, tmpl, i, k, n) for k in range(size)):
                    continue
                try:
                    ch = q.decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if _plausible(ch):
                    options.append(ch)
        if not options:
            break
        slots.append(options)
        i += size
        ends.append(i)
    return slots, ends


def _consistent(seq: bytes, tmpl: list[int | None], i: int, k: int, stop: int) -> bool:
    """Whether a guessed byte at template place i + k is one the decoder would have lost there (bytes
    from `stop` on are not looked at)."""
    if tmpl[i + k] is not None:
        return True
    if k + 1 < len(seq):
        return _lost_before(seq[k], seq[k + 1])
    nxt = tmpl[i + k + 1] if i + k + 1 < stop else None
    return nxt is None or _lost_before(seq[k], nxt)


def _utf8_spans(stretch: str) -> list[tuple[int, int, list[list[str]]]]:
    """Maximal sub-spans of a non-ASCII stretch whose GBK bytes read as UTF-8: (start, end, lattice)."""
    out: list[tuple[int, int, list[list[str]]]] = []
    pieces: list[list[int | None]] = []
    for ch in stretch:
        if ch == _LOST:
            pieces.append([None])
            continue
        raw = gbk_pair(ch)
        pieces.append(list(raw) if raw is not None else [])
    # One template for the whole stretch; `offsets[c]` is where character c's bytes start.
    tmpl: list[int | None] = []
    offsets: list[int] = []
    for piece in pieces:
        offsets.append(len(tmpl))
        tmpl.extend(piece)
    offsets.append(len(tmpl))
    bounds = {offsets[c + 1]: c + 1 for c in range(len(pieces)) if pieces[c]}
    n = len(stretch)
    gap = [n] * (n + 1)  # gap[c]: the first character from c on that GBK gives no bytes for
    for c in range(n - 1, -1, -1):
        gap[c] = c if not pieces[c] else gap[c + 1]
    i = 0
    while i < n - 1:
        if not pieces[i]:
            i += 1
            continue
        # Read UTF-8 greedily from i, never past a character GBK gives no bytes for nor _MAX_SPAN
        # characters; the span ends where a UTF-8 sequence and a mojibake character last end together.
        last = min(gap[i], i + _MAX_SPAN)
        _slots, ends = _lattice(tmpl, offsets[i], offsets[last])
        k = max((x for x in range(len(ends)) if ends[x] in bounds), default=-1)
        if k < 0 or bounds[ends[k]] - i < 2:
            i += 1
            continue
        # Read again within the span only: bytes past its end belong to other text and say nothing
        # about what the decoder lost at its end.
        out.append((i, bounds[ends[k]], _lattice(tmpl, offsets[i], ends[k])[0]))
        i = bounds[ends[k]]
    return out


def _clear(ranked: list[tuple[float, str]]) -> bool:
    """Whether the best reading is a clear winner. A span's last lost byte has no byte after it to
    constrain it, so when the two best readings differ only in a closing punctuation mark (`。` or `、`)
    the ordinary per-character margin decides."""
    (s1, t1), (s2, t2) = ranked[0], ranked[1]
    if s1 - s2 >= MARGIN_READING:
        return True
    last_only = t1[:-1] == t2[:-1] and not is_han(t1[-1]) and not is_han(t2[-1])
    return last_only and s1 - s2 >= MARGIN_PER_CHAR


def _rank_lattice(
    lat: list[list[str]], lm: LanguageModel, left: str, right: str
) -> list[tuple[float, str]]:
    """The best readings of a lattice, best first, by beam search under the ranking score."""
    beam: list[tuple[float, str]] = [(0.0, "")]
    for options in lat:
        grown: list[tuple[float, str]] = []
        for score, t in beam:
            # Each step scores the new character against a short window before it (as a Markov
            # model would), so a long span costs linear time; the finalists are scored whole below.
            window = (left + t)[-_WINDOW:]
            base = lm.rank(window)
            grown.extend((score + lm.rank(window + c) - base, t + c) for c in options)
        grown.sort(reverse=True)
        beam = grown[:_BEAM]
    return sorted(((lm.rank(t, left=left, right=right), t) for _, t in beam), reverse=True)


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
        for i, j, lat in _utf8_spans(m.group()):
            a, b = m.start() + i, m.start() + j
            before = text[a:b]
            lm = model()
            left, right = text[max(0, a - 3) : a], text[b : b + 3]
            ranked = _rank_lattice(lat, lm, left, right)
            if len(ranked) > 1 and not _clear(ranked):
                continue  # two readings fit alike (`一、` or `中、`): leave the span, never guess
            best = _best(before, [("utf8-as-gbk", ranked[0][1])], model, left, right)
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
