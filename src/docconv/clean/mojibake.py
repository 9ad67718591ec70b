"""Mojibake repair (text decoded with the wrong codec) and flagging of damage nothing can undo.

Three kinds are repaired, each only inside a span that carries its signature and only when the repaired
reading scores clearly better than the damaged one under the language score:

- UTF-8 read as GBK/GB18030 (`鎴戜滑` for `我们`): a run of GBK characters whose bytes are valid UTF-8,
  once the bytes the decoder lost are put back (marked by U+FFFD, or unmarked with errors='ignore'):
  `docconv.clean.utf8spans` finds such runs;
- UTF-8 read as latin-1/cp1252 (`æˆ‘ä»¬`): ftfy's encoding fixer, with every other ftfy fixer off so
  CJK punctuation, widths and quotes stay as they are;
- GBK read as latin-1/cp1252 (`ÎÒÃÇ`): a latin-1 run whose bytes are valid GBK.

Irrecoverable damage (`锟斤拷`, `烫烫烫`, `屯屯屯`, U+FFFD, `(cid:N)`) is reported, and removed only when
`Options.drop_unrepairable` asks for it. A lone `烫烫` may be a real word and is only reported.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from docconv.ast import Document, Inline, Pos
from docconv.clean.chars import gbk_pair, is_cjk, is_han, marks_collide, misreads_label, pairs_up
from docconv.clean.langmodel import LanguageModel
from docconv.clean.lostbytes import BEAM, WINDOW, LossGraph, lost_before, plausible
from docconv.clean.ordinals import Ordinals
from docconv.clean.runningtext import running_text
from docconv.clean.textmap import block_texts, doc_text, map_blocks, map_inlines, map_text, trim_edges
from docconv.clean.utf8spans import LOST as _LOST
from docconv.clean.utf8spans import Lattice as _Lattice
from docconv.clean.utf8spans import three_byte_heads as _three_byte_heads
from docconv.clean.utf8spans import utf8_spans as _utf8_spans
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.structure.numbering import CN_NUMERALS

_CP1252_EXTRA = (
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a"
    "\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
"""The characters cp1252 puts where latin-1 has C1 controls."""
_HIGH = f"[\u0080-\u00ff{_CP1252_EXTRA}]"
# A latin-1/cp1252 run: starts and ends with a high character, may hold ASCII (GBK trail bytes can be ASCII).
# U+FFFD may stand inside and last: Python's cp1252 decoder writes it for the five bytes cp1252 leaves
# undefined, and a character's last byte may be one of them (`证` ends in 0x81: `è¯�` before a comma).
_LATIN_SPAN = re.compile(
    rf"{_HIGH}(?:[{_CP1252_EXTRA}\u0080-\u00ff\x20-\x7e\ufffd]*[{_CP1252_EXTRA}\u0080-\u00ff\ufffd])?"
)
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

MARGIN_UNMARKED = 5.0
"""The margin for a reading that puts back bytes a decoder dropped without a mark when its two best
readings differ only in their last character, a Han one: a byte lost at the end of a span has nothing
after it to pin it, so that character is any of up to 64 chosen by the language score alone."""

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


def _ftfy_fix(span: str) -> tuple[str, str]:
    """ftfy's reading of a latin-1/cp1252 run, with its kind: `utf8-as-latin1`, or `utf8-as-latin1
    (N layers)` when the text went through the wrong decoder N times (ftfy peels layer after layer while
    each step is one it recognises as mojibake)."""
    global _FTFY_CONFIG  # noqa: PLW0603  # built once, lazily: importing ftfy costs time at startup
    import ftfy  # noqa: PLC0415  # lazy by design, see above

    if _FTFY_CONFIG is None:
        _FTFY_CONFIG = ftfy.TextFixerConfig(
            unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
            replace_lossy_sequences=False, decode_inconsistent_utf8=True, fix_c1_controls=False,
            fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False,
            fix_line_breaks=False, fix_surrogates=False, remove_control_chars=False,
            normalization=None, explain=True,
        )
    assert isinstance(_FTFY_CONFIG, ftfy.TextFixerConfig)
    fixed = ftfy.fix_and_explain(span, _FTFY_CONFIG)
    layers = sum(1 for step, _codec in fixed.explanation or () if step == "decode")
    return fixed.text, "utf8-as-latin1" + (f" ({layers} layers)" if layers > 1 else "")


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


_CP1252_HOLES = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
"""The bytes cp1252 leaves undefined: Python's decoder writes U+FFFD for each with errors='replace'."""


def _utf8_like(raw: bytes) -> bool:
    """Whether bytes hold UTF-8 text (two or more multi-byte characters, at most two broken sequences):
    GBK bytes almost never do, so such a span is UTF-8 and its GBK reading is more mojibake. A broken
    sequence's U+FFFD is no character of three bytes: counted as one, a short GBK span (`Ð£ÍÅÎ¯`, three
    characters) read as UTF-8 leaves two of them and passed for UTF-8."""
    text = raw.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    return sum(1 for c in text if ord(c) >= 0x800) - broken >= 2 and broken <= 2


def _hole_lattice(span: str, codec: str) -> list[list[str]] | None:
    """The characters UTF-8 or GBK (`codec`) text read by a cp1252 decoder that wrote U+FFFD for its
    undefined bytes can have been, one list per character; None when the span is not such text or holds
    no U+FFFD. Each U+FFFD was one of five bytes, so each leaves at most five readings of its character
    (the language score chooses)."""
    tmpl: list[int | None] = []
    for ch in span:
        if ch == "\ufffd":
            tmpl.append(None)
            continue
        try:
            tmpl += ch.encode("cp1252") if ord(ch) >= 0x100 else bytes((ord(ch),))
        except UnicodeEncodeError:
            return None
    if None not in tmpl:
        return None
    slots: list[list[str]] = []
    i = 0
    while i < len(tmpl):
        size = _seq_size(tmpl[i], codec)
        if size == 0 or i + size > len(tmpl):
            return None
        seqs = [b""]
        for t in tmpl[i : i + size]:
            seqs = [q + bytes((x,)) for q in seqs for x in ((t,) if t is not None else _CP1252_HOLES)]
        options = []
        for q in seqs:
            try:
                ch = q.decode(codec)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and (ch.isascii() or plausible(ch)):
                options.append(ch)
        if not options:
            return None
        slots.append(options)
        i += size
    return slots


def _seq_size(b: int | None, codec: str) -> int:
    """How many bytes the character starting with byte `b` takes in `codec` (0: none can start so)."""
    if codec == "gbk":
        return 2 if b is None or b >= 0x81 else 1 if b < 0x80 else 0
    if b is None:
        return 0  # the five bytes are UTF-8 continuation bytes: none starts a character
    return 1 if b < 0x80 else 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if b <= 0xF4 else 0


def _gbk_from_latin(span: str) -> str | None:
    raw = _latin_bytes(span)
    if raw is None or _utf8_like(raw):
        return None
    try:
        return raw.decode("gbk")
    except UnicodeDecodeError:
        return None


@cache
def _signature() -> re.Pattern[str]:
    """What every text a repair here would change holds somewhere: a latin-1/cp1252 run with two or more
    high characters, a character whose GBK bytes open a UTF-8 sequence (spans, lone numerals and lone
    characters all start at one), a replacement mark, or damage nothing can undo. Text without any is
    left alone at once (most text; `find_fixes` would find nothing in it)."""
    latin = rf"{_HIGH}[{_CP1252_EXTRA}\u0080-\u00ff\x20-\x7e\ufffd]*[{_CP1252_EXTRA}\u0080-\u00ff\ufffd]"
    return re.compile("|".join((latin, _three_byte_heads().pattern, UNREPAIRABLE.pattern, _SUSPECT.pattern)))


def _clear(ranked: list[tuple[float, str]], margin: float = MARGIN_READING) -> bool:
    """Whether the best reading is a clear winner (by `margin`). A span's last lost byte has no byte after
    it to constrain it, so when the two best readings differ only in a closing punctuation mark (`。` or
    `、`) the ordinary per-character margin decides."""
    (s1, t1), (s2, t2) = ranked[0], ranked[1]
    if s1 - s2 >= margin:
        return True
    last_only = t1[:-1] == t2[:-1] and not is_han(t1[-1]) and not is_han(t2[-1])
    return last_only and s1 - s2 >= MARGIN_PER_CHAR


def _margin(reading: _Lattice, ranked: list[tuple[float, str]]) -> float:
    """The lead the best reading of a span needs over the next one. A byte lost without a mark at the
    span's end has nothing after it to pin it: the last character is any whose other bytes survived,
    chosen by the language score alone. When the two best readings differ only there, in a Han
    character, the lead must be larger."""
    if not isinstance(reading, LossGraph) or len(ranked) < 2 or not reading.lost(ranked[0][1]):
        return MARGIN_READING
    t1, t2 = ranked[0][1], ranked[1][1]
    last_han = len(t1) == len(t2) and t1[:-1] == t2[:-1] and is_han(t1[-1]) and is_han(t2[-1])
    return MARGIN_UNMARKED if last_han else MARGIN_READING


def _familiar(lat: _Lattice, reading: str, lm: LanguageModel) -> bool:
    """Whether every character the reading chose among several is familiar (used by the document, or
    common): a rare character the document never uses may score well where the language score knows
    nothing better (`寔` for a traditional `實` a simplified word list lacks), and must not be guessed."""
    if isinstance(lat, LossGraph):
        return lat.familiar(reading, lm)
    return len(reading) != len(lat) or all(
        len(options) == 1 or lm.familiar(ch) for options, ch in zip(lat, reading, strict=True)
    )


def _rank_lattice(
    lat: _Lattice, lm: LanguageModel, left: str, right: str, keep: Callable[[str], bool] | None = None
) -> list[tuple[float, str]]:
    """The best readings of a lattice, best first, by beam search under the ranking score. `keep` says
    which whole readings the text around allows (brackets that pair): when some do, the last step keeps
    only those, so a reading that closes its line's bracket is not crowded out of the beam by ones the
    pairing check would drop anyway (two lost bytes after `E3` leave 501 characters for `】`)."""
    if isinstance(lat, LossGraph):
        return lat.rank(lm, left, right, keep)
    beam: list[tuple[float, str]] = [(0.0, "")]
    for k, options in enumerate(lat):
        grown: list[tuple[float, str]] = []
        for score, t in beam:
            # Each step scores the new character against a short window before it (as a Markov
            # model would), so a long span costs linear time; the finalists are scored whole below.
            window = (left + t)[-WINDOW:]
            base = lm.rank(window)
            grown.extend((score + lm.rank(window + c) - base, t + c) for c in options)
        grown.sort(reverse=True)
        if keep is not None and k == len(lat) - 1:
            grown = [g for g in grown if keep(g[1])] or grown
        beam = grown[:BEAM]
    return sorted(((lm.rank(t, left=left, right=right), t) for _, t in beam), reverse=True)


def _damage(text: str) -> list[tuple[int, int]]:
    """Where `text` holds mojibake: latin runs, GBK runs whose bytes read as UTF-8, replacement marks."""
    latin = [m.span() for m in _LATIN_SPAN.finditer(text) if _high_count(m.group()) >= _LATIN_MIN_HIGH]
    utf8 = [
        (m.start() + i, m.start() + j) for m in _GBK_SPAN.finditer(text) for i, j, _ in _utf8_spans(m.group())
    ]
    return sorted(latin + utf8 + [k.span() for k in re.finditer(_LOST, text)])


def _balanced(
    ranked: list[tuple[float, str]], text: str, span: tuple[int, int], damage: list[tuple[int, int]]
) -> list[tuple[float, str]]:
    """The readings of `text[a:b]` whose brackets pair up with the rest of its line, when there are any.
    A lost byte often leaves a bracket among the readings (`、` and `」` differ in one byte that cp1252
    leaves undefined), and text does not open or close a bracket its line never closes or opened. A
    side of the line that holds other mojibake (`damage`) may hide a bracket and is not looked at."""
    pairs = _pairing(text, span, damage)
    kept = [(sc, t) for sc, t in ranked if pairs(t)]
    return kept or ranked


def _pairing(text: str, span: tuple[int, int], damage: list[tuple[int, int]]) -> Callable[[str], bool]:
    """Whether a reading of `text[a:b]` pairs its brackets with the rest of its line (see `_balanced`)."""
    a, b = span
    start = text.rfind("\n", 0, a) + 1
    end = text.find("\n", b)
    end = len(text) if end < 0 else end
    before: str | None = text[start:a]
    after: str | None = text[b:end]
    for s, e in damage:
        if start <= s < a and e <= a:
            before = None
        if b <= s < end:
            after = None
    return lambda t: pairs_up(t, before, after)


def _typeset(ranked: list[tuple[float, str]], left: str, right: str) -> list[tuple[float, str]]:
    """The readings that put no clause or sentence mark right after another or an opening bracket
    (`chars.marks_collide`), when there are any."""
    return [(sc, t) for sc, t in ranked if not marks_collide(left, t, right)] or ranked


def _labelled(ranked: list[tuple[float, str]], text: str, span: tuple[int, int]) -> list[tuple[float, str]]:
    """The readings that put a colon where a label meets its value in a line of fields
    (`chars.misreads_label`: `发布时间：2024-01-09`, not `，`), when there are any."""
    a, b = span
    start = text.rfind("\n", 0, a) + 1
    end = text.find("\n", b)
    before, after = text[start:a], text[b : len(text) if end < 0 else end]
    return [(sc, t) for sc, t in ranked if not misreads_label(before, t, after)] or ranked


def _high_count(span: str) -> int:
    return sum(1 for c in span if not c.isascii())


def _mostly_cjk(text: str) -> bool:
    chars = [c for c in text if not c.isspace() and not c.isascii()]
    return bool(chars) and sum(1 for c in chars if is_cjk(c)) >= 0.8 * len(chars)


Sequence = Callable[[str, tuple[int, int], bool], bool | None]
"""Whether the numbered items a reading puts at a span of a text fit the document's running numbers
(`Ordinals.fits` for the text's block)."""


def _sequenced(
    ranked: list[tuple[float, str]], text: str, span: tuple[int, int], seq: Sequence | None
) -> list[tuple[float, str]]:
    """The readings of `text[a:b]` that number an outline marker or enumeration as the document's sequence
    expects, when some do: `(涓�)` between `(二)` and `(四)` is `(三)`, though `(一)` and `(七)` read as
    well. All readings are kept when none fits (or the document expects nothing there)."""
    if seq is None or len(ranked) < 2:
        return ranked
    a, b = span
    head, tail = text[:a], text[b:]
    kept = [(sc, t) for sc, t in ranked if seq(head + t + tail, (a, a + len(t)), False)]
    if not kept:
        # No reading continues the list before it: the list may start over here (a new article or part).
        kept = [(sc, t) for sc, t in ranked if seq(head + t + tail, (a, a + len(t)), True)]
    return kept or ranked


SHORT_LATIN = 3
"""Characters of GBK a latin-1/cp1252 run may read as and still need the document's word for it: alone,
so short a run is too little evidence (`××`, a name withheld, reads as GBK `鬃`)."""


def gbk_latin_evidence(text: str) -> bool:
    """Whether `text` holds a latin-1/cp1252 run that reads as more than `SHORT_LATIN` characters of GBK
    Chinese: the text is GBK read as latin-1, and its short runs (a signature line, `Ð£ÍÅÎ¯`) are the
    same damage."""
    for m in _LATIN_SPAN.finditer(text):
        if _high_count(m.group()) > 2 * SHORT_LATIN:
            got = _gbk_from_latin(m.group())
            if got and _mostly_cjk(got) and sum(1 for c in got if is_cjk(c)) > SHORT_LATIN:
                return True
    return False


def _ranked(
    lat: _Lattice, text: str, span: tuple[int, int], *, context: tuple[str, str], lm: LanguageModel,
    seq: Sequence | None, damage: list[tuple[int, int]],
) -> list[tuple[float, str]]:
    """The readings of `text[a:b]` (`span`), best first in `context` (the text either side), less those
    the text around rules out while others remain: brackets that do not pair with the line, marks that
    collide, a label's mark that is no colon, numbers out of the document's sequence."""
    left, right = context
    ranked = _rank_lattice(lat, lm, left, right, _pairing(text, span, damage))
    ranked = _typeset(_balanced(ranked, text, span, damage), left, right)
    return _sequenced(_labelled(ranked, text, span), text, span, seq)


def _latin_options(
    text: str, span: tuple[int, int], *, model: Callable[[], LanguageModel], seq: Sequence | None,
    damage: Callable[[], list[tuple[int, int]]], evidence: Callable[[], bool],
) -> list[tuple[str, str | None]]:
    """The readings of a latin-1/cp1252 run `text[a:b]`, one per kind of mojibake it may be."""
    a, b = span
    run = text[a:b]
    if _LOST not in run:
        gbk = _gbk_from_latin(run)
        if gbk is not None and len(gbk) <= SHORT_LATIN and not evidence():
            gbk = None
        ftfy_text, ftfy_kind = _ftfy_fix(run)
        return [(ftfy_kind, ftfy_text), ("gbk-as-latin1", gbk)]
    options: list[tuple[str, str | None]] = []
    context = (text[max(0, a - 3) : a], text[b : b + 3])
    for kind, codec in (("utf8-as-cp1252", "utf-8"), ("gbk-as-cp1252", "gbk")):
        lat = _hole_lattice(run, codec)
        if lat is None:
            continue
        ranked = _ranked(lat, text, span, context=context, lm=model(), seq=seq, damage=damage())
        if (len(ranked) == 1 or _clear(ranked)) and _familiar(lat, ranked[0][1], model()):
            options.append((kind, ranked[0][1]))
    return options


def find_fixes(
    text: str,
    model: Callable[[], LanguageModel],
    seq: Sequence | None = None,
    evidence: Callable[[], bool] | None = None,
) -> list[Fix]:
    """The mojibake spans of `text` whose repair scores clearly better, left to right. `seq` tells which
    readings number an item as the document's sequence expects; `evidence` whether the document shows
    GBK read as latin-1 in a run longer than `SHORT_LATIN` characters (by default: `text` itself)."""
    fixes: list[Fix] = []
    found: list[list[tuple[int, int]]] = []

    def damage() -> list[tuple[int, int]]:
        # Where mojibake stands a bracket may hide; a bracket check looks only at text free of it.
        # Found when a span is first ranked (most text holds no mojibake at all).
        if not found:
            found.append(_damage(text))
        return found[0]

    shown = evidence or (lambda: gbk_latin_evidence(text))
    for m in _LATIN_SPAN.finditer(text):
        if _high_count(m.group()) < _LATIN_MIN_HIGH:
            continue
        options = _latin_options(text, m.span(), model=model, seq=seq, damage=damage, evidence=shown)
        left, right = text[max(0, m.start() - 3) : m.start()], text[m.end() : m.end() + 3]
        best = _best(m.group(), options, model, left, right)
        if best is not None:
            fixes.append(Fix(m.start(), m.end(), m.group(), best[1], best[0]))
    # `_utf8_spans` finds nothing in a stretch without a lost byte or a three-byte head; asked once of
    # the whole text, the question spares the walk over its stretches (most text has neither).
    spans = [
        (m.start() + i, m.start() + j, _indented(reading, text[: m.start() + i]))
        for m in _GBK_SPAN.finditer(text)
        if not any(f.start < m.end() and m.start() < f.end for f in fixes)
        for i, j, reading in _utf8_spans(m.group())
    ] if _LOST in text or _three_byte_heads().search(text) else []
    # Two rounds: the second ranks the spans the first left with their neighbours' repairs as context
    # (a span cut at `4` and `15` reads `月` only once the mojibake after it reads `日前`).
    for _round in range(2):
        done = {f.start for f in fixes}
        settled = len(fixes)
        for a, b, reading in spans:
            if a in done:
                continue
            left, right = _context(text, fixes, a, b)
            ranked = _ranked(reading, text, (a, b), context=(left, right), lm=model(), seq=seq,
                             damage=damage())
            clear = len(ranked) == 1 or _clear(ranked, _margin(reading, ranked))
            if not clear or not _familiar(reading, ranked[0][1], model()):
                continue  # two readings fit alike (`一、` or `中、`): leave the span, never guess
            if len(ranked) == 1 and not ranked[0][1].strip() and not text[:a].strip():
                # An indent and nothing else (`銆�銆�` before `2023`): the bytes leave one reading, and
                # the language score, which reads no spaces, has nothing to weigh.
                chosen: tuple[str, str] | None = ("utf8-as-gbk", ranked[0][1])
            else:
                chosen = _best(text[a:b], [("utf8-as-gbk", ranked[0][1])], model, left, right)
            if chosen is not None:
                fixes.append(Fix(a, b, text[a:b], chosen[1], chosen[0]))
        if len(fixes) == settled:
            break
    done = {f.start for f in fixes}
    fixes += [f for a, _b, lat in spans if a not in done and (f := _indent_fix(text, a, lat)) is not None]
    if seq is not None:
        fixes += _lone_numerals(text, fixes, seq)
    fixes += _lone_chars(text, fixes, model)
    fixes.sort(key=lambda f: f.start)
    return fixes


def _truncated_readings(text: str, i: int) -> list[str]:
    """What text[i] may have been when it is one GBK character made of a UTF-8 lead and continuation byte
    whose last byte the decoder dropped: each third byte it could not pair with the byte after it."""
    raw = gbk_pair(text[i])
    if raw is None or not (0xE0 <= raw[0] <= 0xEF and 0x80 <= raw[1] <= 0xBF):
        return []
    after = text[i + 1 : i + 2].encode("gbk", errors="replace")[:1] or b"\n"
    return [
        ch for x in range(0x80, 0xC0)
        if lost_before(x, after[0]) and (ch := (raw + bytes((x,))).decode("utf-8", "replace")) != _LOST
    ]


def _alone(text: str, i: int, edges: set[int]) -> bool:
    """Whether text[i] stands between ASCII, the text's edges or repaired spans (`edges`: where repaired
    spans start and end)."""
    left_ok = i == 0 or text[i - 1].isascii() or i in edges
    right_ok = i + 1 == len(text) or text[i + 1].isascii() or i + 1 in edges
    return left_ok and right_ok


def _lone_chars(text: str, fixes: list[Fix], model: Callable[[], LanguageModel]) -> list[Fix]:
    """Characters read as one GBK character that lost their last UTF-8 byte, cut off from the rest of the
    damage by ASCII (`2绡` for `2篇`, `4娆,` for `4次,`): below the two-character span minimum, so the span
    search never sees them. Taken for damage only in a text where UTF-8 read as GBK was repaired already,
    when the character is rare in running text (`runningtext`: jieba's word list holds many such
    characters) and one reading of it wins clearly."""
    if not any(f.kind == "utf8-as-gbk" for f in fixes):
        return []
    lm = model()
    prose = running_text()
    out: list[Fix] = []
    taken = {i for f in fixes for i in range(f.start, f.end)}
    edges = {f.start for f in fixes} | {f.end for f in fixes}
    for m in _three_byte_heads().finditer(text):
        i, c = m.start(), m.group()
        if i in taken or not _alone(text, i, edges) or prose.common(c):
            continue
        readings = _truncated_readings(text, i)
        if not readings:
            continue
        left, right = _context(text, fixes + out, i, i + 1)
        # The character as it stands is no competitor: the document's own counts, which hold it, would
        # speak for it. Its rarity, its bytes and the damage repaired beside it are the evidence.
        ranked = sorted(((lm.rank(ch, left=left, right=right), ch) for ch in readings), reverse=True)
        best = ranked[0][1]
        if (len(ranked) == 1 or _clear(ranked, MARGIN_UNMARKED)) and lm.familiar(best):
            out.append(Fix(i, i + 1, c, best, "utf8-as-gbk"))
    return out


# One character where an outline or enumeration numeral stands: `(X)` or `X、` opening the text, `X是`
# opening it or a sentence. UTF-8 spans need two characters; a numeral whose last byte was lost leaves one.
_LONE = re.compile(r"^[(（]\s*(?P<a>[^\x00-\x7f])\s*[)）]|^(?P<b>[^\x00-\x7f])\s*[、.．]"
                   r"|(?:^|(?<=[。；;]))(?P<c>[^\x00-\x7f])是")


def _lone_numerals(text: str, fixes: list[Fix], seq: Sequence) -> list[Fix]:
    """Numerals read as one GBK character that lost their last UTF-8 byte (`(涓)` for `(一)`): the other
    bytes leave up to 64 characters, `一`, `三` and `七` among them, and only the document's running
    numbers choose. Repaired when exactly one numeral reading fits the sequence there."""
    out: list[Fix] = []
    for m in _LONE.finditer(text):
        group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
        a = m.start(group)
        if any(f.start <= a < f.end for f in fixes):
            continue
        numerals = [ch for ch in _truncated_readings(text, a) if ch in CN_NUMERALS]
        for restart in (False, True):
            fitting = [ch for ch in numerals if seq(text[:a] + ch + text[a + 1 :], (a, a + 1), restart)]
            if fitting:
                break
        if len(fitting) == 1:
            out.append(Fix(a, a + 1, text[a], fitting[0], "utf8-as-gbk"))
    return out


INDENT = 2
"""Ideographic spaces a paragraph's indent holds (the standard first-line indent of Chinese text)."""


def _indented(lat: _Lattice, before: str) -> _Lattice:
    """The readings of a span that opens its text (`before` is blank) with its indent read as such: a
    place that may be an ideographic space, right after one the bytes leave no doubt about, is the
    indent's next space up to `INDENT` (`銆�銆�2023` is `　　2023`: the first lost byte stood before
    another `E3`, so it was `80`; the second stood before `2`, and `《`, `【` or `。` read as well, but a
    paragraph opens with a bracket after a one-space indent rarely, and never with a mark)."""
    if not isinstance(lat, list) or before.strip() or lat[:1] != [["\u3000"]]:
        return lat
    out = list(lat)
    for k in range(1, min(INDENT, len(lat))):
        if "\u3000" not in out[k]:
            break
        out[k] = ["\u3000"]
    return out


_INDENT_SEEN = "\u3000".encode().decode("gbk", errors="replace")
"""An ideographic space read as GBK: `銆` and a lost byte."""


def _indent_fix(text: str, a: int, lat: _Lattice) -> Fix | None:
    """The indent alone of a span that opens its text and was left (`銆�銆�涓�銆…`, where `一、` and `中、`
    read alike): its ideographic spaces are certain from the bytes, and left as mojibake they would hide
    the rest of the paragraph's opening from everything after."""
    if not isinstance(lat, list) or text[:a].strip():
        return None
    n = 0
    step = len(_INDENT_SEEN)
    while n < len(lat) and lat[n] == ["\u3000"] and text.startswith(_INDENT_SEEN, a + n * step):
        n += 1
    if n == 0:
        return None
    end = a + n * step
    return Fix(a, end, text[a:end], "\u3000" * n, "utf8-as-gbk")


def _context(text: str, fixes: list[Fix], a: int, b: int) -> tuple[str, str]:
    """Three characters either side of the span text[a:b], read with the repairs found so far."""
    by_end = {f.end: f for f in fixes}
    by_start = {f.start: f for f in fixes}
    left, k = "", a
    while len(left) < 3 and k > 0:
        f = by_end.get(k)
        left, k = (f.after + left, f.start) if f else (text[k - 1] + left, k - 1)
    right, k = "", b
    while len(right) < 3 and k < len(text):
        f = by_start.get(k)
        right, k = (right + f.after, f.end) if f else (right + text[k], k + 1)
    # The model reads a newline as a paragraph's edge (its text joins blocks with one): `、` never ends
    # a paragraph, `。` mostly does.
    if k >= len(text):
        right += "\n"
    return left[-3:], right[:3]


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


def _without_latin_runs(text: str) -> str:
    """The text the language model learns from: latin-1/cp1252 runs, GBK runs whose bytes read as UTF-8
    and replacement marks cut out. In a
    page that is mostly such mojibake the model would otherwise learn its characters as the document's
    own vocabulary and score them almost as well as the Chinese they stand for."""
    text = _LATIN_SPAN.sub(
        lambda m: "\n" if sum(1 for c in m.group() if not c.isascii()) >= _LATIN_MIN_HIGH else m.group(), text
    )
    return _GBK_SPAN.sub(_cut_utf8_spans, text).replace(_LOST, "\n")


def _cut_utf8_spans(m: re.Match[str]) -> str:
    stretch = m.group()
    out: list[str] = []
    last = 0
    for i, j, _lat in _utf8_spans(stretch):
        out.append(stretch[last:i] + "\n")
        last = j
    return "".join(out) + stretch[last:]


def _murky_opening(text: str) -> bool:
    """Whether a block opens with damage that may hide a numbered item: its first character (inside an
    opening bracket) is a replacement mark or one whose GBK bytes open a UTF-8 sequence. A block whose
    first character survived (`2 銆…`) hides no Chinese-numbered marker."""
    head = text.lstrip()
    if head[:1] in ("(", "（"):
        head = head[1:].lstrip()
    return head[:1] == _LOST or _three_byte_heads().match(head) is not None


MAX_PASSES = 3
"""Repair passes over a document at most. A pass learns from the text the one before repaired: its
language model, and its running numbers (`一、` reads alike as `中、` until the `二、` after it is repaired).
Passes stop when one changes nothing, so repairing the output again changes nothing."""


def repair_mojibake(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Re-decode mojibake spans and report (or, on request, drop) damage nothing can undo."""
    flagged = [False]
    for _ in range(MAX_PASSES):
        flagged[0] = False
        new = _repair_pass(doc, log, flagged)
        if new is doc:
            break
        doc = new
    if not flagged[0]:
        return doc  # the last pass saw every text, and none holds damage to report (most documents)
    return map_text(doc, lambda text, pos: _unrepairable(text, pos, options.drop_unrepairable, log))


def _repair_pass(doc: Document, log: DiagnosticLog, flagged: list[bool] | None = None) -> Document:
    """One pass of `repair_mojibake`'s re-decoding over the document; sets `flagged[0]` when a text it saw
    holds damage no decoding undoes."""
    built: list[LanguageModel] = []

    def model() -> LanguageModel:
        if not built:
            built.append(LanguageModel(_without_latin_runs(doc_text(doc)), free_terms=True))
        return built[0]

    block = [-1]
    numbered: list[tuple[list[str], list[int], Ordinals]] = []
    shown: list[bool] = []

    def evidence() -> bool:
        # Asked only when a short latin run reads as GBK (most documents never ask).
        if not shown:
            shown.append(gbk_latin_evidence(doc_text(doc)))
        return shown[0]

    def fix(text: str, pos: Pos | None) -> str:
        if not _signature().search(text):
            return text
        if flagged is not None and not flagged[0] and _FLAGGED.search(text):
            flagged[0] = True

        def seq(reading: str, span: tuple[int, int], restart: bool) -> bool | None:
            # The document's numbered items, found when a reading first asks (most text has no mojibake).
            if not numbered:
                blocks = block_texts(doc)
                bases = list(itertools.accumulate((len(t) + 1 for t in blocks), initial=0))
                numbered.append((blocks, bases, Ordinals.of(blocks, _murky_opening)))
            blocks, bases, ordinals = numbered[0]
            # A run's place in its block: where its text first occurs (the sequence needs only the order).
            at = bases[block[0]] + max(0, blocks[block[0]].find(text))
            return ordinals.fits(reading, at, span, restart)

        out: list[str] = []
        last = 0
        for f in find_fixes(text, model, seq, evidence):
            out.append(text[last : f.start])
            out.append(f.after)
            last = f.end
            log.report("repair.mojibake", f"re-decoded {f.kind} mojibake", action=Action.CHANGED,
                       text=f"{f.before} → {f.after}", pos=pos)
        out.append(text[last:])
        return "".join(out)

    def each_block(content: tuple[Inline, ...], pos: Pos | None) -> tuple[Inline, ...]:
        block[0] += 1
        new = map_inlines(content, fix, pos)
        if new is content:
            return new
        # Readers strip indents before repair runs: an indent the repair uncovers (`¡¡¡¡Èý¡¢` is
        # `　　三、`) would hide the block's marker from the structure stage.
        new, lead, tail = trim_edges(content, new)
        for cut, edge in ((lead, "start"), (tail, "end")):
            if cut:
                log.report("repair.mojibake",
                           f"removed the white space the repair uncovered at the block's {edge}",
                           action=Action.REMOVED, text=repr(cut), pos=pos)
        return new

    return map_blocks(doc, each_block)


_FLAGGED = re.compile(f"{UNREPAIRABLE.pattern}|{_SUSPECT.pattern}")


def _unrepairable(text: str, pos: Pos | None, drop: bool, log: DiagnosticLog) -> str:
    if not _FLAGGED.search(text):
        return text  # most text
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
