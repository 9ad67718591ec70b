"""The document's running numbers as evidence for a damaged numeral.

A lost byte can leave a numeral among look-alikes: `一`, `三`, `七`, `上`, `下` and `中` share their first
two UTF-8 bytes, `四`, `回`, `因` and `团` theirs, so `(涓�)` reads as `(一)` or `(三)` equally well to a
language score. The document says which: its outline markers (`一、`, `(一)`, `1.`, `第一章`) and its
inline enumerations (`一是…。二是…`) run in sequence, so an item between `(二)` and `(四)` of the same
form is `(三)`, and one before `二是` is `一是`.

`Ordinals` holds every intact item of a document in order; `fits` says whether a candidate reading puts
a number where the sequence around it expects one. A repair uses it only to choose among readings that
otherwise tie, never to change a numeral the damage left intact.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from docconv.structure.numbering import CN_NUMERALS, cn_number, match_marker

_ENUM = re.compile(rf"(?:^|(?<=[。；;！!？?\s]))(?P<n>[{CN_NUMERALS}]{{1,3}})是")
"""An inline enumeration item (`一是`, `十二是`) at a text's start or after a sentence ends."""

_HIDING = frozenset({"chapter", "section", "part", "article", "cn", "cn-paren"})
"""Block-opening forms numbered in Chinese (what a damaged opening may hide)."""

Item = tuple[int, str, int, int]
"""(offset in the document's text, form, number, length of the marker)."""


def items(text: str, base: int = 0) -> list[Item]:
    """The numbered items of one block's text: its opening outline marker and its inline enumerations,
    at document offset `base` + their place."""
    out: list[Item] = []
    m = match_marker(text)
    # `两` counts as two in prose (`两项`) but never numbers an item.
    if m is not None and m.marker.ordinal and "两" not in m.marker.raw:
        out.append((base, m.marker.scheme.value, m.marker.ordinal, len(m.marker.raw)))
    for e in _ENUM.finditer(text):
        n = cn_number(e.group("n"))
        if n is not None:
            out.append((base + e.start("n"), "enum", n, e.end() - e.start("n")))
    return out


@dataclass(slots=True)
class Ordinals:
    """The numbered items of a document, in order."""

    found: list[Item]
    murky: list[int]
    """Offsets of blocks whose opening is itself damaged: an item may hide there, so the count between
    an item and its neighbour across such a block is unknown."""
    murky_paren: list[int]
    """The same, for damaged openings inside a bracket (only they may hide a `(一)`)."""
    _offsets: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self._offsets = [f[0] for f in self.found]

    @classmethod
    def of(cls, blocks: list[str], damaged: Callable[[str], bool]) -> Ordinals:
        """The items of a document given as its blocks' texts in order; `damaged` tells whether a block's
        opening is damaged."""
        found: list[Item] = []
        murky: list[int] = []
        murky_paren: list[int] = []
        base = 0
        for text in blocks:
            found += items(text, base)
            if damaged(text):
                (murky_paren if text[:1] in "(（" else murky).append(base)
            base += len(text) + 1
        return cls(found, murky, murky_paren)

    def _clear_between(self, a: int, b: int, form: str) -> bool:
        """Whether no damaged block opening that may hide an item of `form` lies in (a, b) (`a` < `b`).
        Digits and Latin letters survive every mis-decoding, so only forms numbered in Chinese can hide."""
        if form not in _HIDING:
            return True
        murky = self.murky_paren if form == "cn-paren" else self.murky
        k = bisect.bisect_right(murky, a)
        return k == len(murky) or murky[k] >= b

    def expected(self, offset: int, form: str, restart: bool = False) -> set[int]:
        """The numbers the sequence expects of an item of `form` at `offset` (its own place left out): one
        past the nearest item of that form before it, one short of the nearest after it, each only when
        no damaged block opening lies between. With `restart`, a list that starts over (`一`, `1`) is
        expected too when an item of the form stands before and none after says otherwise."""
        out: set[int] = set()
        before = False
        k = bisect.bisect_left(self._offsets, offset)
        for j in range(k - 1, -1, -1):
            if self.found[j][1] == form:
                if self._clear_between(self.found[j][0], offset, form):
                    out.add(self.found[j][2] + 1)
                    before = True
                break
        after = False
        for j in range(k, len(self.found)):
            if self.found[j][0] != offset and self.found[j][1] == form:
                if self._clear_between(offset, self.found[j][0], form):
                    out.add(self.found[j][2] - 1)
                    after = True
                break
        if restart and before and not after:
            out.add(1)
        return out

    def fits(self, text: str, base: int, span: tuple[int, int], restart: bool = False) -> bool | None:
        """Whether the numbered items whose opening falls inside `span` of `text` (a block's text at document
        offset `base`, holding a candidate reading at `span`) carry the numbers the sequence expects;
        None when the reading puts no item there or the document gives no expectation. `restart`: see
        `expected`."""
        a, b = span
        verdict: bool | None = None
        for offset, form, n, size in items(text, base):
            if not (a < offset - base + size and offset - base < b):
                continue
            want = self.expected(offset, form, restart)
            if not want:
                continue
            if n not in want:
                return False
            verdict = True
        return verdict
