"""Readings of UTF-8 bytes that a GBK decoder lost: the bytes it can have dropped, and the graph of the
readings of a span whose dropped bytes left no mark.

CPython's GBK decoder fails on exactly one byte at a time (a byte that leads no character, or a lead
whose pair is no character) and goes on at the byte after it: with errors='replace' it writes one
U+FFFD for that byte, with errors='ignore' nothing. So the GBK bytes of text decoded with 'ignore' are
the original bytes less the dropped ones, and a dropped byte can only have stood where the decoder was
between two characters: at a character boundary of the damaged text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from docconv.clean.chars import is_cjk
from docconv.clean.langmodel import LanguageModel

HOLE_LEADS = (*range(0xE2, 0xEA), 0xEF)
"""Lead bytes a lost lead byte is tried with: three-byte UTF-8 for Han, CJK and full-width punctuation."""
BEAM = 12
"""Readings kept per character while ranking a span."""
WINDOW = 6
"""Characters of context each beam step scores a new character against."""


@cache
def lost_before(x: int, y: int) -> bool:
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


_NEVER_IN_TEXT = re.compile("[\u3020-\u303f\u3099\u309a]")
"""CJK code points no Chinese report writes: Hangzhou numerals, ideographic tone marks (combining),
vertical kana repeat marks and other rare marks of the CJK Symbols block, and the combining kana voicing
marks. A lost byte after `E3 80` leaves all of U+3000-303F; with these among the readings the
language score, which knows none of them, cannot choose the ideographic space of an indent."""


def plausible(ch: str) -> bool:
    """Whether a character is one a reading of Chinese text may hold (CJK, or a symbol it uses)."""
    return (is_cjk(ch) and not _NEVER_IN_TEXT.match(ch)) or ch in "·×÷°±—…"


MAX_LOST_RUN = 2
"""Lost bytes one character boundary may hold (the simulation never shows more than two in a row)."""


@cache
def _lost_values(succ: int | None, lead: bool) -> tuple[int, ...]:
    """The byte values a byte lost without a mark can have when `succ` followed it (None: unknown, the
    span's end), as a three-byte lead or as a continuation byte."""
    pool = HOLE_LEADS if lead else tuple(range(0x80, 0xC0))
    return pool if succ is None else tuple(x for x in pool if lost_before(x, succ))


def _patterns(tmpl: bytes, bounds: frozenset[int], p: int, stop: int) -> list[tuple[list[int | None], int]]:
    """The ways one UTF-8 sequence can start at survivor offset `p`: its bytes (None for a lost one, which
    only a character boundary can hold; at least one byte survives) and the offset where it ends."""
    starts: list[tuple[list[int | None], int, int]] = []
    if p < stop:
        b = tmpl[p]
        size = 3 if 0xE0 <= b <= 0xEF else 2 if 0xC2 <= b <= 0xDF else 0
        if size:
            starts.append(([b], p + 1, size))
    if p in bounds:
        starts.append(([None], p, 3))
    out: list[tuple[list[int | None], int]] = []
    while starts:
        seq, o, size = starts.pop()
        if len(seq) == size:
            if any(x is not None for x in seq):
                out.append((seq, o))
            continue
        if o < stop and 0x80 <= tmpl[o] <= 0xBF:
            starts.append(([*seq, tmpl[o]], o + 1, size))
        run = 0
        for x in reversed(seq):
            if x is not None:
                break
            run += 1
        if o in bounds and seq.count(None) < size - 1 and run < MAX_LOST_RUN:
            starts.append(([*seq, None], o, size))
    return out


def _fill(seq: list[int | None], succ: int | None) -> list[bytes]:
    """The byte sequences a pattern can be: each lost byte one its decoder would have dropped before the
    byte that followed it (`succ` after the last; None when that is unknown)."""
    tails: list[bytes] = [b""]
    for k in range(len(seq) - 1, -1, -1):
        x = seq[k]
        if x is not None:
            tails = [bytes((x,)) + t for t in tails]
            continue
        grown: list[bytes] = []
        for t in tails:
            nxt = t[0] if t else succ
            grown.extend(bytes((v,)) + t for v in _lost_values(nxt, k == 0))
        tails = grown
    return tails


def loss_edges(
    tmpl: bytes, bounds: frozenset[int], p: int, stop: int, open_end: bool
) -> dict[int, tuple[str, ...]]:
    """The characters a UTF-8 sequence starting at survivor offset `p` can be, by the offset where it
    ends. A byte lost last before `stop` is unconstrained (nothing of this text followed it); so is one
    lost last anywhere when `open_end` (used to find where a span may end)."""
    # A sequence reads at most three surviving bytes and looks at the one after them: the answer
    # depends only on those four bytes and which of their places are character boundaries, and the
    # same few combinations recur all through a text.
    marks = sum(1 << k for k in range(4) if p + k in bounds)
    return {p + dq: opts for dq, opts in _rel_edges(tmpl[p : min(stop, p + 4)], marks, open_end)}


@lru_cache(maxsize=1 << 16)
def _rel_edges(window: bytes, marks: int, open_end: bool) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """`loss_edges` at offset 0 of `window` (the bytes up to the span's end, four at most), with
    character boundaries where `marks` has bits set."""
    bounds = frozenset(k for k in range(4) if marks >> k & 1)
    stop = len(window)
    out: dict[int, list[str]] = {}
    for seq, q in _patterns(window, bounds, 0, stop):
        succ = window[q] if q < stop and not open_end else None
        options = out.setdefault(q, [])
        for raw in _fill(seq, succ):
            try:
                ch = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if plausible(ch) and ch not in options:
                options.append(ch)
    return tuple((q, tuple(o)) for q, o in sorted(out.items()) if o)


@dataclass(slots=True)
class LossGraph:
    """The readings of a span with bytes lost without a mark: a graph over survivor offsets whose edges
    are the characters one UTF-8 sequence can be (several edges from a place: a byte lost or not)."""

    edges: dict[int, dict[int, tuple[str, ...]]]
    """Edges from each place that a path from the start to the end passes, by where they end."""
    start: int
    end: int
    guessed: dict[str, str]
    """The characters of each ranked reading that a lost byte let it choose among several."""
    losses: dict[str, int]
    """How many bytes each ranked reading puts back."""

    def chars(self) -> list[str]:
        """Every character some reading holds."""
        return [c for by_end in self.edges.values() for opts in by_end.values() for c in opts]

    def rank(
        self, lm: LanguageModel, left: str, right: str, keep: Callable[[str], bool] | None = None
    ) -> list[tuple[float, str]]:
        """The best readings, best first, by beam search over the graph's places in order; `keep` (when
        some whole readings pass it) chooses the finalists, as in `mojibake._rank_lattice`."""
        beams: dict[int, list[tuple[float, str, str, int]]] = {self.start: [(0.0, "", "", 0)]}
        for p in sorted(self.edges):
            beam = sorted(set(beams.pop(p, [])), reverse=True)
            kept: dict[str, tuple[float, str, str, int]] = {}
            for item in beam:
                kept.setdefault(item[1], item)
            for score, t, guess, lost in list(kept.values())[:BEAM]:
                window = (left + t)[-WINDOW:]
                base = lm.rank(window)
                for q, options in self.edges[p].items():
                    many = len(options) > 1 or len(self.edges[p]) > 1
                    beams.setdefault(q, []).extend(
                        (score + lm.rank(window + c) - base, t + c, guess + c if many else guess,
                         lost + len(c.encode("utf-8")) - (q - p))
                        for c in options
                    )
        final: dict[str, tuple[str, int]] = {}
        ends = sorted(beams.get(self.end, []), reverse=True)
        if keep is not None:
            ends = [e for e in ends if keep(e[1])] or ends
        for _score, t, guess, lost in ends[:BEAM]:
            final.setdefault(t, (guess, lost))
        self.guessed = {t: g for t, (g, _n) in final.items()}
        self.losses = {t: n for t, (_g, n) in final.items()}
        return sorted(((lm.rank(t, left=left, right=right), t) for t in final), reverse=True)

    def lost(self, reading: str) -> int:
        """How many bytes a ranked reading puts back."""
        return self.losses.get(reading, 0)

    def familiar(self, reading: str, lm: LanguageModel) -> bool:
        """Whether every character the reading chose among several is familiar (`LanguageModel.familiar`)."""
        return all(lm.familiar(c) for c in self.guessed.get(reading, reading))


def loss_graph(tmpl: bytes, bounds: frozenset[int], start: int, end: int) -> LossGraph | None:
    """The graph of the readings of survivor bytes [start, end) that use them all (None: there are none)."""
    edges: dict[int, dict[int, tuple[str, ...]]] = {}
    todo = [start]
    while todo:
        p = todo.pop()
        if p in edges or p >= end:
            continue
        edges[p] = {q: o for q, o in loss_edges(tmpl, bounds, p, end, open_end=False).items() if q <= end}
        todo.extend(edges[p])
    alive = {end}
    for p in sorted(edges, reverse=True):
        if any(q in alive for q in edges[p]):
            alive.add(p)
    if start not in alive:
        return None
    pruned = {p: {q: o for q, o in by_end.items() if q in alive} for p, by_end in edges.items() if p in alive}
    return LossGraph(pruned, start, end, {}, {})


def reach(tmpl: bytes, bounds: frozenset[int], start: int, stop: int) -> list[int]:
    """Character boundaries a reading from `start` can end at, farthest first: places reached by whole
    sequences, a last one whose lost last byte nothing after it constrains."""
    seen: set[int] = set()
    ends: set[int] = set()
    todo = [start]
    while todo:
        p = todo.pop()
        if p in seen or p >= stop:
            continue
        seen.add(p)
        exact = loss_edges(tmpl, bounds, p, stop, open_end=False)
        todo.extend(exact)
        ends.update(q for q in loss_edges(tmpl, bounds, p, stop, open_end=True) if q in bounds)
    return sorted(ends, reverse=True)


