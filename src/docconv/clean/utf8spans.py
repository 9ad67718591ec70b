"""Finds where UTF-8 text was read as GBK: the spans whose GBK bytes read back as UTF-8, each with the
characters it can have been."""

from __future__ import annotations

import bisect
import re
from functools import cache

from docconv.clean.chars import gbk_pair
from docconv.clean.lostbytes import HOLE_LEADS, LossGraph, loss_graph, lost_before, plausible, reach

LOST = "\ufffd"
"""The replacement mark (U+FFFD) a decoder writes for bytes it could not read."""
_MAX_SPAN = 400
"""Characters one mojibake span may cover (longer ones are repaired piece by piece)."""


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
            leads: tuple[int, ...] = HOLE_LEADS
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
                if plausible(ch):
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
        return lost_before(seq[k], seq[k + 1])
    nxt = tmpl[i + k + 1] if i + k + 1 < stop else None
    return nxt is None or lost_before(seq[k], nxt)


@cache
def three_byte_heads() -> re.Pattern[str]:
    """The characters whose two GBK bytes are a UTF-8 three-byte lead and a continuation byte."""
    heads = set()
    for lead in range(0xE0, 0xF0):
        for trail in range(0x80, 0xC0):
            for codec in ("gbk", "gb18030"):
                try:
                    ch = bytes((lead, trail)).decode(codec)
                except UnicodeDecodeError:
                    continue
                if gbk_pair(ch) == bytes((lead, trail)):
                    heads.add(ch)
    return re.compile("[" + re.escape("".join(sorted(heads))) + "]")


_HEAD_REACH = 4
"""Characters before a lead-and-continuation character where a span with unmarked loss may start."""


Lattice = list[list[str]] | LossGraph
"""The readings of a span: one list of characters per place, or a graph when bytes were lost unmarked."""


def utf8_spans(stretch: str) -> list[tuple[int, int, Lattice]]:
    """Maximal sub-spans of a non-ASCII stretch whose GBK bytes read as UTF-8 and hold a character of
    three bytes or more (Chinese does): (start, end, lattice)."""
    # An exact, cheap test first. A span starts at a character boundary; its two-byte UTF-8 sequences
    # (`·`, `°`) each take one whole GBK character, so its first three-byte sequence starts at a
    # character boundary too: some character's GBK bytes are a three-byte lead and a continuation byte,
    # unless a lost byte (U+FFFD) put the reading out of step. Most text has no such character.
    if LOST not in stretch and not three_byte_heads().search(stretch):
        return []
    out: list[tuple[int, int, Lattice]] = []
    pieces: list[list[int | None]] = []
    for ch in stretch:
        if ch == LOST:
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
    lost_at = [n] * (n + 1)  # lost_at[c]: the first replacement mark from c on
    for c in range(n - 1, -1, -1):
        gap[c] = c if not pieces[c] else gap[c + 1]
        lost_at[c] = c if stretch[c] == LOST else lost_at[c + 1]
    if LOST not in stretch:
        # No replacement mark: the decoder may have dropped bytes without one (errors='ignore').
        heads = [m.start() for m in three_byte_heads().finditer(stretch)]
        return _loss_spans(bytes(x for x in tmpl if x is not None), offsets, bounds, gap, heads)
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
        end = ends[k] if k >= 0 else offsets[i]
        if lost_at[i] < last:  # only a replacement mark ahead can end the span past the greedy read
            end = _extend(tmpl, offsets, bounds, (offsets[i], end, offsets[last]))
        if bounds.get(end, i) - i < 2:
            i += 1
            continue
        # Read again within the span only: bytes past its end belong to other text and say nothing
        # about what the decoder lost at its end.
        lattice: Lattice = _lattice(tmpl, offsets[i], end)[0]
        if isinstance(lattice, list) and any(ord(ch) >= 0x800 for options in lattice for ch in options):
            out.append((i, bounds[end], lattice))
        i = bounds[end]
    return out


def _loss_spans(
    raw: bytes, offsets: list[int], bounds: dict[int, int], gap: list[int], heads: list[int]
) -> list[tuple[int, int, Lattice]]:
    """Maximal sub-spans of a stretch (its GBK bytes `raw`, character `c` from `offsets[c]`) that read as
    UTF-8 once bytes lost without a mark are put back at character boundaries: (start, end, graph).
    `heads` are the stretch's characters whose bytes are a three-byte lead and a continuation byte."""
    out: list[tuple[int, int, Lattice]] = []
    n = len(offsets) - 1
    edge_places = frozenset(bounds) | {0}
    # Between lost bytes a GBK reading of UTF-8 steps out of line with its three-byte sequences by one
    # byte a character, so a lead byte starts a GBK character at least every other sequence: a span
    # starts a few characters before such a character at most. Most clean text has none at all.
    near = [n + _HEAD_REACH] * (n + 1)
    for h in heads:
        near[max(0, h - _HEAD_REACH) : h + 1] = [h] * (h + 1 - max(0, h - _HEAD_REACH))
    i = 0
    while i < n - 1:
        if offsets[i] == offsets[i + 1] or near[i] - i > _HEAD_REACH:
            i += 1
            continue
        stop = offsets[min(gap[i], i + _MAX_SPAN)]
        found: tuple[int, LossGraph] | None = None
        for end in reach(raw, edge_places, offsets[i], stop):
            if bounds.get(end, i) - i < 2:
                break
            dag = loss_graph(raw, edge_places, offsets[i], end)
            if dag is not None and any(ord(c) >= 0x800 for c in dag.chars()):
                found = (end, dag)
                break
        if found is None:
            i += 1
            continue
        out.append((i, bounds[found[0]], found[1]))
        i = bounds[found[0]]
    return out


def _extend(
    tmpl: list[int | None], offsets: list[int], bounds: dict[int, int], span: tuple[int, int, int]
) -> int:
    """Where a span that the greedy read ended at byte `end` really ends. Mojibake spliced into good text
    (a mis-decoded field or clause) ends with a byte the decoder lost at the end of its own input; the
    good text's first byte after it does not constrain that byte. So the span may go on through the next
    few characters when it ends there, at a character boundary, on a lost byte. `span` is the byte offsets
    where the span starts, where the greedy read ended it and past which it may not go."""
    start, end, stop = span
    best = end
    c = bisect.bisect_right(offsets, end)
    for x in range(c, min(c + 3, len(offsets))):
        b = offsets[x]
        if b > stop or b not in bounds or tmpl[b - 1] is not None:
            continue
        ends = _lattice(tmpl, start, b)[1]
        if ends and ends[-1] == b:
            best = b
    return best
