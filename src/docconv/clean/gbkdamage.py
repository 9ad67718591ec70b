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
pinyin). The annotator is deterministic (every occurrence of a key's bytes is annotated; the real report
has 862 annotations of 106 keys and no unannotated occurrence of any), so a reading is also refused
when its bytes hold, without an annotation after them, a character the document shows annotated
elsewhere, or when an annotation in the run would belong to a character the document shows
unannotated elsewhere. Every byte value is tried, invalid decodings are pruned, and the survivors are
ranked by the language score. Only a clear winner is accepted; otherwise the run is left as it is and
reported.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from docconv.clean.chars import PUA, gbk_pair, is_cjk, marks_collide, pairs_up
from docconv.clean.langmodel import LanguageModel
from docconv.clean.pinyin import SYLLABLE, is_reading

LOST = "?\ufffd"
"""What a decoder writes for bytes it cannot decode."""

_MARK_ORPHAN = re.compile(rf"[?\ufffd][(（]?{SYLLABLE}[)）]")
_ORPHAN = re.compile(rf"[(（]?(?P<syl>{SYLLABLE})[)）]")
_ANNOTATION_AFTER = re.compile(rf"[(（][ \u3000]?{SYLLABLE}[ \u3000]?[)）]")
_ANNOTATED = re.compile(rf"(?P<han>[^\x00-\x7f])[(（][ \u3000]?(?P<syl>{SYLLABLE})[ \u3000]?[)）]")
_TAG_DEBRIS = re.compile(r"/[a-zA-Z][a-zA-Z0-9]{0,9}>")
# Half-width punctuation that a later fold may have made out of a full-width GBK character; inside an
# out-of-step run it can only have been the full-width form (its ASCII byte is never a trail byte).
_FOLDED = {",": "，", ";": "；", ":": "：", "!": "！"}

MARGIN = 2.0
"""Natural-log score by which the winner must beat the runner-up (and the damaged text) to be sure."""

MARGIN_EVIDENCED = 1.0
"""The smaller lead accepted, as an uncertain repair, for a run that orphan pinyin proves is damage:
there the damaged text is certainly wrong, and the runner-up is named in the diagnostic."""

MARGIN_OPEN = 1.5
"""The lead required when the run's last lost byte is open: nothing after it constrains it (the run ends
at an ASCII byte, not at orphan pinyin), so one character is chosen among the ~100 that share its lead
byte by the language score alone, and close calls there are guesses. Set from the simulation (RESULTS.md:
4.0 halves the wrong repairs again but leaves 14 more runs, one of them a real run of seed 003 whose
reading leads by 1.6)."""

MAX_CANDIDATES = 50_000
"""Give up (and report) rather than try more byte choices than this for one run (a choice counts when
every character it completes passes the checks; no run of the seeds or the simulation comes near)."""


@dataclass(frozen=True, slots=True)
class _Var:
    orphan: str | None
    """The orphan syllable that followed the replacement mark, if any."""


@dataclass(frozen=True, slots=True)
class _Fixed:
    options: tuple[bytes, ...]
    """Alternative byte strings for one character of the run (one unless the character was folded)."""
    annotated: bool = False
    """Whether an intact annotation followed the character (its two bytes were a key)."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the rest of the document says about the annotator's key set."""

    keys: dict[str, frozenset[str]]
    """Characters seen annotated, with the syllables they were annotated with."""
    plain: frozenset[str]
    """Characters seen in intact text without an annotation: they are not keys."""


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
    anchor_annotated: bool
    """Whether an intact annotation stood between the anchor and the run."""
    debris: str
    """Tag debris at the end of the run (`/p>`), removed with the repair."""
    swallowed: str = ""
    """A `(` the last replacement mark swallowed with its lost byte, restored by the repair (the text
    after the run closes a parenthesis it never opened)."""


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


_gbk_bytes = lru_cache(maxsize=65_536)(gbk_pair)
"""`gbk_pair`, remembered: the evidence reads every character of a document."""


def _anchor_before(text: str, i: int) -> tuple[int, bool] | None:
    """Offset of the intact character before a replacement mark at `i` (skipping one annotation), and
    whether an annotation was skipped."""
    j = i
    ends_here = [m for m in _ANNOTATION_AFTER.finditer(text, max(0, i - 12), i) if m.end() == i]
    if ends_here:
        j = ends_here[-1].start()
    if j == 0:
        return None
    ch = text[j - 1]
    if ord(ch) < 0x80 or gbk_pair(ch) is None or PUA.fullmatch(ch):
        return None
    return j - 1, j != i


def _parse(text: str, i: int) -> Run | None:
    """Parse a run starting at the replacement mark at `i`; None when the text is not such a run."""
    found = _anchor_before(text, i)
    if found is None:
        return None
    anchor_at, anchor_annotated = found
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
            # A trail byte that re-aligned the decoder; an annotation after it (left in place for the
            # pinyin step) belongs to the character it ends.
            ends_key = _ANNOTATION_AFTER.match(text, j + 1) is not None
            items.append(_Fixed((ch.encode("ascii"),), annotated=ends_key))
            aligned = True
            j += 1
            continue
        if ch in _FOLDED:
            raw = gbk_pair(_FOLDED[ch])
            assert raw is not None
            items.append(_Fixed((raw,)))
            j += 1
            continue
        raw = gbk_pair(ch) if ord(ch) >= 0x80 else None
        if raw is None:
            return None
        j += 1
        # An annotation kept intact inside the run belongs to a key that matched the decoder's own
        # (out-of-step) pair; it is not text.
        ann = _ANNOTATION_AFTER.match(text, j)
        items.append(_Fixed((raw,), annotated=ann is not None))
        if ann is not None:
            j = ann.end()
    j, debris, swallowed = _tail(text, i, j, items[-1])
    return Run(i, j, text[anchor_at], tuple(items), orphans, anchor_annotated, debris, swallowed)


def _tail(text: str, i: int, j: int, last: _Var | _Fixed) -> tuple[int, str, str]:
    """What a run's last replacement mark swallowed: tag debris after it (`/p>` of a lost `<`), or a
    `(` that the text after it closes; returns the run's end, the debris and the byte to restore."""
    if not isinstance(last, _Var) or last.orphan is not None:
        return j, "", ""
    m = _TAG_DEBRIS.match(text, j)
    if m is not None:
        return m.end(), m.group(), ""
    return j, "", "(" if _unopened_close(text, i, j) else ""


def _unopened_close(text: str, i: int, j: int) -> bool:
    """Whether the text from `j` closes a half-width parenthesis that the line before `i` did not open."""
    line = text[text.rfind("\n", 0, i) + 1 : i]
    if _ANNOTATION_AFTER.sub("", line).count("(") > _ANNOTATION_AFTER.sub("", line).count(")"):
        return False
    depth = 0
    # Annotations, and orphan syllables after later replacement marks, hold no parenthesis of the text.
    after = _ANNOTATION_AFTER.sub("", _MARK_ORPHAN.sub("?", text[j : j + 60]))
    for ch in after[:40]:
        if ch == "\n":
            return False
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return True
            depth -= 1
    return False


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


def _annotation_offsets(run: Run, raw: bytes) -> frozenset[int] | None:
    """Byte offsets in `raw` (anchor + run) after which the annotator inserted `(pinyin)`; None when
    folded alternatives make the offsets ambiguous (then the key checks are skipped)."""
    out: set[int] = {2} if run.anchor_annotated else set()
    at = 2
    for item in run.template:
        if isinstance(item, _Var):
            at += 1
            if item.orphan is not None:
                out.add(at)
            continue
        if len({len(o) for o in item.options}) != 1:
            return None
        at += len(item.options[0])
        if item.annotated:
            out.add(at)
    return frozenset(out) if at == len(raw) else None


def _keys_consistent(
    raw: bytes, annotated: frozenset[int] | None, evidence: Evidence, start: int = 1
) -> bool:
    """Whether the annotator, deterministic as it is, could have left exactly these annotations here:
    every known key among the bytes is annotated (unless an earlier insertion split it), and no
    annotation follows a character the document shows unannotated. Only the byte pairs that end at
    offset `start` or later are looked at; None for `annotated` (folded alternatives leave the offsets
    open) passes everything."""
    if annotated is None:
        return True
    for j in range(max(1, start), len(raw)):
        ch = _pair(raw[j - 1], raw[j])
        if ch is None:
            continue
        if j >= 2 and ch in evidence.keys and j + 1 not in annotated and j not in annotated:
            return False
        if j + 1 in annotated and ch in evidence.plain:
            return False
    return True


def readings(run: Run, evidence: Evidence | None = None) -> list[str] | None:
    """Every decoding of the run's bytes that honours the byte and key constraints and holds plain
    characters only (CJK, ASCII, GBK's text symbols: no reading with a Greek letter or a box-drawing
    piece is ever ranked); None: too many to try. The repair further filters them by the characters
    its model knows; a caller that ranks the same run with several models computes them once."""
    return _candidates(run, None, evidence)


@cache
def _plain_pair(lead: int, trail: int) -> str | None:
    """`_pair`, when the character is one a reading may hold (`_is_plain`)."""
    ch = _pair(lead, trail)
    return ch if ch is not None and _is_plain(ch) else None


_LEADS: tuple[tuple[int, str], ...] = tuple((x, "") for x in range(0x81, 0xFF))
"""Every byte an unknown byte may be (it was a GBK lead or trail byte), paired with no character."""


@cache
def _trails(lead: int) -> tuple[tuple[int, str], ...]:
    """The bytes that complete a pair with `lead` into a plain character, with that character."""
    out: list[tuple[int, str]] = []
    for x in range(0x81, 0xFF):
        ch = _plain_pair(lead, x)
        if ch is not None:
            out.append((x, ch))
    return tuple(out)


def _read_on(raw: bytes, read: int, known: frozenset[str] | None) -> tuple[int, str] | None:
    """Read GBK bytes from `read` (a character boundary): where they stop (the end, or a lead byte left
    open last) and the characters read, or None when a pair is no plain character of `known` (any, for
    None)."""
    chars: list[str] = []
    n = len(raw)
    while read < n:
        b = raw[read]
        if b < 0x80:
            chars.append(chr(b))
            read += 1
            continue
        if read + 1 >= n:
            break
        ch = _plain_pair(b, raw[read + 1])
        if ch is None or (known is not None and ch not in known):
            return None
        chars.append(ch)
        read += 2
    return read, "".join(chars)


def _candidates(run: Run, known: frozenset[str] | None, evidence: Evidence | None = None) -> list[str] | None:
    """Every decoding of the run's bytes that honours the constraints, of plain characters all in `known`
    (any, for None); None: too many to try.

    GBK reads a byte below 0x80 alone and pairs any other byte with the next, and every unknown byte is
    0x81 or more, so where the characters start does not depend on the unknown bytes: each character is
    complete, and checked, as soon as its last byte is chosen. A character that fails a check prunes
    every reading that would hold it, so the search visits only readings whose every character passes
    (`MAX_CANDIDATES` counts those)."""
    anchor = gbk_pair(run.anchor)
    assert anchor is not None
    results: list[str] = []
    budget = [MAX_CANDIDATES]
    template = run.template

    def char_ok(ch: str) -> bool:
        return known is None or ch in known

    def dfs(k: int, raw: bytes, read: int, text: str) -> bool:
        # `read`: how far `raw` is read (len(raw), or one less when it ends in an open lead byte);
        # `text`: the characters read after the anchor.
        if k == len(template):
            if read == len(raw):
                results.append(text)
            return True
        item = template[k]
        if isinstance(item, _Fixed):
            for opt in item.options:
                nxt = raw + opt
                if not keys_ok(nxt, len(raw)):
                    continue
                got = _read_on(nxt, read, known)
                if got is not None and not dfs(k + 1, nxt, got[0], text + got[1]):
                    return False
            return True
        open_lead = read < len(raw)
        if not open_lead and k + 1 == len(template):
            return True  # a last byte that opens a pair nothing completes: no reading
        # `x` completes the pair the last byte opened (only the plain characters it can make are
        # tried), or opens a pair.
        choices = _trails(raw[-1]) if open_lead else _LEADS
        for x, ch in choices:
            if item.orphan is not None:
                key = ch if open_lead else _pair(raw[-1], x)
                if key is None or not is_reading(key, item.orphan):
                    continue
                seen = evidence.keys.get(key, frozenset({item.orphan})) if evidence else frozenset()
                if evidence is not None and (key in evidence.plain or item.orphan not in seen):
                    continue
            if open_lead and not char_ok(ch):
                continue
            nxt = raw + bytes((x,))
            if not keys_ok(nxt, len(raw)):
                continue
            budget[0] -= 1
            if budget[0] < 0:
                return False
            if not (dfs(k + 1, nxt, len(nxt), text + ch) if open_lead else dfs(k + 1, nxt, read, text)):
                return False
        return True

    # Where the annotations stand depends on the template only (all readings of a template without
    # folded alternatives have its length): found once, not per reading.
    size = 2 + sum(1 if isinstance(it, _Var) else len(it.options[0]) for it in template)
    annotated = _annotation_offsets(run, bytes(size))

    def keys_ok(raw: bytes, old: int) -> bool:
        # The key checks of `_keys_consistent`, for the byte pairs that end in the bytes from `old` on:
        # made as the bytes are chosen, they prune the search instead of sifting its results.
        return evidence is None or annotated is None or _keys_consistent(raw, annotated, evidence, old)

    if not keys_ok(anchor, 1):
        return []  # the anchor itself is annotated and shown unannotated elsewhere: no reading fits
    if not dfs(0, anchor, 2, ""):
        return None
    return results


def _open_end_rivals(
    scored: list[tuple[float, str]], model: LanguageModel, left: str
) -> tuple[list[tuple[float, str]], float]:
    """The readings that compete for a run with an open last byte, and the lead the winner needs.

    The document's own text settles what the language score alone cannot: when some readings end in
    three characters the document writes intact elsewhere (`工作中`) and the best of them scores within
    MARGIN_OPEN of the best reading, only those readings compete, with the ordinary margin. Otherwise
    all compete and the winner needs MARGIN_OPEN.
    """
    attested = [(sc, c) for sc, c in scored if model.doc_count((left + c)[-3:]) > 0]
    if attested and scored[0][0] - attested[0][0] < MARGIN_OPEN:
        return attested, 0.0
    return scored, MARGIN_OPEN


def _unattested(run: Run, reading: str, evidence: Evidence) -> int:
    """How many keys of the run's orphan syllables, as `reading` has them, the document never shows
    annotated (0 when folded alternatives leave the byte offsets open)."""
    anchor = gbk_pair(run.anchor)
    assert anchor is not None
    # A reading decoded from GBK bytes encodes back to the same bytes.
    raw = anchor + reading.encode("gbk")
    at = 2
    n = 0
    for item in run.template:
        if isinstance(item, _Fixed):
            if len({len(o) for o in item.options}) != 1:
                return 0
            at += len(item.options[0])
            continue
        at += 1
        if item.orphan is not None and _pair(raw[at - 2], raw[at - 1]) not in evidence.keys:
            n += 1
    return n


def _key_prior(evidence: Evidence) -> float:
    """Log-probability that a character the document never shows is one of the annotator's keys: the
    share of keys among the characters whose status the document shows (seed 003: 106 keys against
    1,849 characters seen unannotated). A key the document shows annotated elsewhere is a key for
    certain, so a reading whose orphan syllables belong to such keys is that much likelier (in the real
    damage every orphan syllable belonged to a key annotated elsewhere in the report)."""
    share = len(evidence.keys) / max(1, len(evidence.keys) + len(evidence.plain))
    return math.log(share) if share > 0.0 else 0.0


def _line_around(text: str, run: Run) -> tuple[str | None, str | None]:
    """The text of the run's line before and after it, annotations and orphan syllables taken out (their
    parentheses are not the text's); None for a side that holds other damage, which may hide a bracket."""
    start = text.rfind("\n", 0, run.start) + 1
    end = text.find("\n", run.end)
    before = _ANNOTATION_AFTER.sub("", text[start : run.start])
    after = run.swallowed + _ANNOTATION_AFTER.sub("", text[run.end : len(text) if end < 0 else end])
    return _intact(before), _intact(after)


def _intact(side: str) -> str | None:
    return None if any(m in side for m in LOST) or PUA.search(side) else side


def _open_end(run: Run) -> bool:
    """Whether the run's last lost byte is open: no orphan pinyin after it pins the key it ended."""
    last = run.template[-1]
    return isinstance(last, _Var) and last.orphan is None


_SYMBOLS = "·×÷°±—…"
"""Symbols of GBK's punctuation rows that Chinese text uses between CJK characters (`××市`, `5×3`,
`20°`): a reading may hold them as it holds CJK punctuation."""


def _is_plain(ch: str) -> bool:
    return is_cjk(ch) or ch.isascii() or ch in _SYMBOLS


def repair_run(
    text: str,
    run: Run,
    model: LanguageModel,
    known: frozenset[str],
    evidence: Evidence | None = None,
    *,
    found: list[str] | None = None,
) -> Repair:
    """Rank the readings of one run and accept a clear winner. `found`: the run's `readings`, when the
    caller has them already."""
    before = text[run.start : run.end]
    left = _ANNOTATION_AFTER.sub("", text[max(0, run.start - 20) : run.start])[-4:]
    right = (run.swallowed + _ANNOTATION_AFTER.sub("", text[run.end : run.end + 20]) + "\n")[:4]
    # Where orphan pinyin pins every lost byte the bytes decide the characters (a traditional `動` that
    # the document writes nowhere else is still `動`); where a lost byte is open, a character the model
    # has never seen (neither jieba nor the document) is not guessed.
    pinned = all(isinstance(item, _Fixed) or item.orphan is not None for item in run.template)
    familiar = None if pinned else known
    if found is None:
        # Searched with the model's characters as a filter: the readings that pass it, found sooner.
        found = _candidates(run, familiar, evidence)
    if found is None:
        return Repair(run.start, run.end, before, None, "too many possible readings; left as it is")
    # `readings` holds plain characters only.
    plain = found if familiar is None else [c for c in found if familiar.issuperset(c)]
    if not plain:
        return Repair(run.start, run.end, before, None, "no reading decodes cleanly; left as it is")
    # A lost byte may leave a bracket among the readings (`。` and `《` share a lead byte); text does not
    # open or close a bracket its line never closes or opened.
    line_before, line_after = _line_around(text, run)
    plain = [c for c in plain if pairs_up(c, line_before, line_after)] or plain
    # Nor does it put a comma after a full stop or an opening quote (an open last byte before `,`).
    plain = [c for c in plain if not marks_collide(left, c, right)] or plain
    ranks = model.rank_many(plain, left=left, right=right)
    if evidence is not None and run.orphans:
        prior = _key_prior(evidence)
        ranks = [r + prior * _unattested(run, c, evidence) for r, c in zip(ranks, plain, strict=True)]
    scored = sorted(zip(ranks, plain, strict=True), reverse=True)
    needed = MARGIN_EVIDENCED if run.orphans else MARGIN
    if _open_end(run):
        scored, open_needed = _open_end_rivals(scored, model, left)
        needed = max(needed, open_needed)
    best_score, best = scored[0]
    lead = best_score - scored[1][0] if len(scored) > 1 else math.inf
    if lead < needed:
        return Repair(
            run.start, run.end, before, None,
            f"no clear reading ({best!r} and {scored[1][1]!r} score alike); left as it is",
        )
    # Orphan pinyin or a private-use character proves the run is damage; a bare `?` may be meant, so
    # there the repair must also read clearly better than the text as it stands.
    if not run.orphans and not PUA.search(before):
        damaged = model.rank(before, left=left, right=right)
        if best_score - damaged < MARGIN:
            return Repair(run.start, run.end, before, None, "the repaired reading is not clearly better")
    if lead < MARGIN:
        return Repair(
            run.start, run.end, before, best + run.swallowed,
            f"re-decoded the out-of-step GBK bytes; uncertain, the runner-up was {scored[1][1]!r}",
            certain=False,
        )
    return Repair(run.start, run.end, before, best + run.swallowed, "re-decoded the out-of-step GBK bytes")


def gather_evidence(text: str) -> Evidence:
    """The annotator's keys as the document shows them.

    Keys: characters seen annotated with a syllable that is one of their readings. Not keys: characters
    standing unannotated in intact text, and the characters GBK reads across the boundary of two
    adjacent intact characters (had that pair of bytes been a key, the boundary would be damaged).
    Intact means outside damaged runs and away from replacement marks.
    """
    keys: dict[str, set[str]] = {}
    annotated_at: set[int] = set()
    for m in _ANNOTATED.finditer(text):
        if is_reading(m["han"], m["syl"]):
            keys.setdefault(m["han"], set()).add(m["syl"])
            annotated_at.add(m.start())
    damaged = [(r.start - 1, r.end + 1) for r in find_runs(text)]
    inside = bytearray(len(text) + 1)
    for a, b in damaged:
        inside[max(0, a) : b] = b"\x01" * (min(b, len(text)) - max(0, a))
    plain: set[str] = set()
    prev: bytes | None = None
    for i, ch in enumerate(text):
        raw = _gbk_bytes(ch) if ch >= "\u0080" and not inside[i] and ch not in LOST else None
        if raw is None or text[i + 1 : i + 2] in LOST:
            prev = None
            continue
        if prev is not None:
            across = _pair(prev[1], raw[0])
            if across is not None:
                plain.add(across)
        if i in annotated_at:
            prev = None  # the annotation stands between this character and the next
            continue
        if ch >= "\u4e00" and ch not in keys:
            plain.add(ch)
        prev = raw
    return Evidence({k: frozenset(v) for k, v in keys.items()}, frozenset(plain - set(keys)))
