"""Repair the byte-level damage a pinyin annotator leaves in GBK text (`我們?yōu)檫M` for `我們為進`).

The mechanism, established byte by byte on a real scraped report: the site inserted `(pinyin)` with a
byte-level replace over GBK-encoded text. A two-byte key can also match across a character boundary
(the trail byte of one character plus the lead byte of the next), so the insertion splits a character.
The site's decoder then meets a lead byte followed by `(`, emits one replacement mark (`?`, or U+FFFD)
for the pair or for the lead byte alone, and reads the following characters one byte out of step (as
unrelated characters such as `檫`, `诳萍脊`, a private-use code point) until a lone byte re-aligns it:
an ASCII byte that was really a trail byte (`M`), or another replacement mark.

Repair rebuilds the byte string of the run: the intact character before the run, one unknown byte per
replacement mark, the GBK bytes of every out-of-step character; the orphan `pinyin)` after a mark is
annotation, not text, and constrains the unknown byte (the key it was inserted after must read as that
pinyin). Every byte value is tried, invalid decodings are pruned, and the survivors are ranked by the
language score. Only a clear winner is accepted; otherwise the run is left as it is and reported.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from docconv.clean.chars import PUA, is_cjk
from docconv.clean.langmodel import LanguageModel
from docconv.clean.pinyin import SYLLABLE, is_reading

LOST = "?\ufffd"
"""What a decoder writes for bytes it cannot decode."""

_ORPHAN = re.compile(rf"[(（]?(?P<syl>{SYLLABLE})[)）]")
_ANNOTATION_AFTER = re.compile(rf"[(（][ \u3000]?{SYLLABLE}[ \u3000]?[)）]")
_TAG_DEBRIS = re.compile(r"/[a-zA-Z][a-zA-Z0-9]{0,9}>")
# Half-width punctuation that a later fold may have made out of a full-width GBK character; inside an
# out-of-step run it can only have been the full-width form (its ASCII byte is never a trail byte).
_FOLDED = {",": "，", ";": "；", ":": "：", "!": "！"}

MARGIN = 2.0
"""Natural-log score by which the winner must beat the runner-up (and the damaged text) to be sure."""

MARGIN_EVIDENCED = 0.5
"""The smaller lead accepted, as an uncertain repair, for a run that orphan pinyin proves is damage:
there the damaged text is certainly wrong, and the runner-up is named in the diagnostic."""

MAX_CANDIDATES = 50_000
"""Give up (and report) rather than score more readings than this for one run."""


@dataclass(frozen=True, slots=True)
class _Var:
    orphan: str | None
    """The orphan syllable that followed the replacement mark, if any."""


@dataclass(frozen=True, slots=True)
class _Fixed:
    options: tuple[bytes, ...]
    """Alternative byte strings for one character of the run (one unless the character was folded)."""


@dataclass(frozen=True, slots=True)
class Run:
    """One damaged run found in a text."""

    start: int
    """Offset of the first replacement mark."""
    end: int
    """Offset just past the run (tag debris a lost `<` left behind included)."""
    anchor: str
    """The intact character just before the run, whose bytes the first key shared."""
    template: tuple[_Var | _Fixed, ...]
    """The run's bytes: unknown bytes and fixed characters, in order."""
    orphans: int
    """How many orphan pinyin syllables the run carries (the evidence it is annotator damage)."""
    debris: str
    """Tag debris at the end of the run (`/p>`), removed with the repair."""


@dataclass(frozen=True, slots=True)
class Repair:
    """The outcome for one run: `after` is the repaired text, or None when no clear winner exists."""

    start: int
    """Offset of the run in the text it was found in."""
    end: int
    """Offset just past the run."""
    before: str
    """The damaged text."""
    after: str | None
    """The repaired text, or None when the run was left as it is."""
    reason: str
    """One sentence for the diagnostic."""
    certain: bool = True
    """False when the winner led the runner-up by less than MARGIN (a warning, not just a note)."""


def _gbk2(ch: str) -> bytes | None:
    """The two GBK bytes of a character (user-defined code points included), or None."""
    for codec in ("gbk", "gb18030"):
        try:
            raw = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        return raw if len(raw) == 2 else None
    return None


@cache
def _pair(lead: int, trail: int) -> str | None:
    """The character a GBK byte pair decodes to, or None when the pair is not a plain character."""
    if not (0x81 <= lead <= 0xFE and 0x40 <= trail <= 0xFE and trail != 0x7F):
        return None
    try:
        ch = bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return None
    return None if PUA.fullmatch(ch) else ch


def _anchor_before(text: str, i: int) -> int | None:
    """Offset of the intact character before a replacement mark at `i`, skipping one annotation."""
    j = i
    ends_here = [m for m in _ANNOTATION_AFTER.finditer(text, max(0, i - 12), i) if m.end() == i]
    if ends_here:
        j = ends_here[-1].start()
    if j == 0:
        return None
    ch = text[j - 1]
    if ord(ch) < 0x80 or _gbk2(ch) is None or PUA.fullmatch(ch):
        return None
    return j - 1


def _parse(text: str, i: int) -> Run | None:
    """Parse a run starting at the replacement mark at `i`; None when the text is not such a run."""
    anchor_at = _anchor_before(text, i)
    if anchor_at is None:
        return None
    items: list[_Var | _Fixed] = []
    orphans = 0
    aligned = True
    j = i
    n = len(text)
    while True:
        if j < n and text[j] in LOST:
            m = _ORPHAN.match(text, j + 1)
            if m is not None:
                orphans += 1
                items.append(_Var(m["syl"]))
                j = m.end()
            else:
                items.append(_Var(None))
                j += 1
            aligned = not aligned
            continue
        if aligned:
            break
        if j >= n:
            return None
        ch = text[j]
        if 0x40 <= ord(ch) <= 0x7E:
            items.append(_Fixed((ch.encode("ascii"),)))
            aligned = True
            j += 1
            continue
        if ch in _FOLDED:
            raw = _gbk2(_FOLDED[ch])
            assert raw is not None
            items.append(_Fixed((raw,)))
            j += 1
            continue
        raw = _gbk2(ch) if ord(ch) >= 0x80 else None
        if raw is None:
            return None
        items.append(_Fixed((raw,)))
        j += 1
        # An annotation kept intact inside the run belongs to a key that matched the decoder's own
        # (out-of-step) pair; it is not text.
        ann = _ANNOTATION_AFTER.match(text, j)
        if ann is not None:
            j = ann.end()
    debris = ""
    if isinstance(items[-1], _Var) and items[-1].orphan is None:
        m = _TAG_DEBRIS.match(text, j)
        if m is not None:
            debris = m.group()
            j = m.end()
    return Run(i, j, text[anchor_at], tuple(items), orphans, debris)


def find_runs(text: str) -> list[Run]:
    """Every parseable damaged run in `text`, left to right, non-overlapping."""
    runs: list[Run] = []
    i = 0
    while True:
        i = _next_mark(text, i)
        if i < 0:
            return runs
        run = _parse(text, i)
        if run is None:
            i += 1
            continue
        runs.append(run)
        i = run.end


def _next_mark(text: str, i: int) -> int:
    hits = [k for k in (text.find(c, i) for c in LOST) if k >= 0]
    return min(hits) if hits else -1


def _valid_prefix(raw: bytes, complete: bool) -> str | None:
    """Decode GBK bytes pair by pair; None if any pair is not a plain character."""
    out: list[str] = []
    k = 0
    n = len(raw)
    while k < n:
        b = raw[k]
        if b < 0x80:
            out.append(chr(b))
            k += 1
            continue
        if k + 1 >= n:
            return None if complete else "".join(out)
        ch = _pair(b, raw[k + 1])
        if ch is None:
            return None
        out.append(ch)
        k += 2
    return "".join(out)


def _candidates(run: Run, known: frozenset[str] | None) -> Iterator[str] | None:
    """Every decoding of the run's bytes that honours the constraints (None: too many to try)."""
    anchor = _gbk2(run.anchor)
    assert anchor is not None
    results: list[str] = []
    budget = [MAX_CANDIDATES]

    def dfs(k: int, raw: bytes) -> bool:
        if k == len(run.template):
            text = _valid_prefix(raw, complete=True)
            if text is not None and text.startswith(run.anchor):
                rest = text[1:]
                if known is None or all(c in known for c in rest):
                    results.append(rest)
            return True
        item = run.template[k]
        if isinstance(item, _Fixed):
            return all(dfs(k + 1, raw + opt) for opt in item.options)
        for x in range(0x81, 0xFF):
            if item.orphan is not None:
                key = _pair(raw[-1], x)
                if key is None or not is_reading(key, item.orphan):
                    continue
            nxt = raw + bytes((x,))
            if _valid_prefix(nxt, complete=False) is None:
                continue
            budget[0] -= 1
            if budget[0] < 0:
                return False
            if not dfs(k + 1, nxt):
                return False
        return True

    if not dfs(0, anchor):
        return None
    return iter(results)


def _is_plain(ch: str) -> bool:
    return is_cjk(ch) or ch.isascii()


def repair_run(text: str, run: Run, model: LanguageModel, known: frozenset[str]) -> Repair:
    """Rank the readings of one run and accept a clear winner."""
    before = text[run.start : run.end]
    left = _ANNOTATION_AFTER.sub("", text[max(0, run.start - 16) : run.start])[-3:]
    right = (_ANNOTATION_AFTER.sub("", text[run.end : run.end + 16]) + "\n")[:3]
    found = _candidates(run, known)
    if found is None:
        return Repair(run.start, run.end, before, None, "too many possible readings; left as it is")
    scored = sorted(
        ((model.score(c, left=left, right=right), c) for c in found if all(_is_plain(ch) for ch in c)),
        reverse=True,
    )
    if not scored:
        return Repair(run.start, run.end, before, None, "no reading decodes cleanly; left as it is")
    best_score, best = scored[0]
    lead = best_score - scored[1][0] if len(scored) > 1 else math.inf
    needed = MARGIN_EVIDENCED if run.orphans else MARGIN
    if lead < needed:
        return Repair(
            run.start, run.end, before, None,
            f"no clear reading ({best!r} and {scored[1][1]!r} score alike); left as it is",
        )
    damaged = model.score(before, left=left, right=right)
    if best_score - damaged < MARGIN:
        return Repair(run.start, run.end, before, None, "the repaired reading is not clearly better")
    if lead < MARGIN:
        return Repair(
            run.start, run.end, before, best,
            f"re-decoded the out-of-step GBK bytes; uncertain, the runner-up was {scored[1][1]!r}",
            certain=False,
        )
    return Repair(run.start, run.end, before, best, "re-decoded the out-of-step GBK bytes")
