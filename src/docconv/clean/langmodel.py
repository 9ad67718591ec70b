"""A small word-segmentation language score that tells readable Chinese from mojibake and misaligned bytes.

Two sources are interpolated: jieba's word-frequency dictionary (general simplified Chinese, read lazily
once per process from the installed `jieba` package without importing it) and the document's own text
(its character and short n-gram counts carry the document's script, vocabulary and punctuation, so
traditional text scores well too). A text's score is the log-probability of its best segmentation into
words, as in a unigram word model. Only differences between candidate readings of the same span, scored
with the same context, mean anything.
"""

from __future__ import annotations

import importlib.util
import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docconv.errors import MissingDependencyError

_FLOOR = math.log(1e-10)
"""Log-probability of a character neither source has seen (rare characters, garbage)."""

_MAX_WORD = 5
_PRIOR_WEIGHT = 20_000
_WORD_MIN_FREQ = 5
_DOC_TERM_MIN = 3
"""How often a Han n-gram must recur in the document to count as one of its terms."""
"""A jieba entry rarer than this is too doubtful to prove that a gap splits a word."""
_DOC_NGRAM_MIN = 2
_PUNCT_PRIOR: dict[str, float] = {
    **dict.fromkeys("，。", 0.02), **dict.fromkeys("、“”：；（）《》", 0.003),
    **dict.fromkeys("？！‘’—…「」·〇", 0.0005),
}
"""Rough shares of common CJK punctuation in running text: jieba's word list has none."""
"""A document n-gram must occur this often before it counts as a word."""


@dataclass(frozen=True, slots=True)
class _Jieba:
    words: dict[str, int]
    chars: Counter[str]
    total: int


def _jieba_dict_path() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise MissingDependencyError(
            "character repair needs the jieba word list; install it with: pip install jieba"
        )
    return Path(spec.origin).parent / "dict.txt"


@cache
def _jieba() -> _Jieba:
    """jieba's words and frequencies, and per-character totals (about a second, once per process)."""
    words: dict[str, int] = {}
    chars: Counter[str] = Counter()
    with _jieba_dict_path().open(encoding="utf-8") as fh:
        for line in fh:
            word, freq_s, _rest = line.split(" ", 2)
            freq = int(freq_s)
            words[word] = freq
            for ch in word:
                chars[ch] += freq
    return _Jieba(words, chars, sum(words.values()))


def known_chars() -> frozenset[str]:
    """Every character jieba's dictionary uses."""
    return frozenset(_jieba().chars)


def _wordlike(gram: str) -> bool:
    """Whether a document n-gram may count as a word: no spaces inside, a paragraph end only last."""
    body = gram[:-1] if gram.endswith("\n") else gram
    return not gram.isascii() and not any(c.isspace() for c in body)


class LanguageModel:
    """Scores text by its best segmentation under a jieba + document unigram word model."""

    __slots__ = ("_doc", "_doc_total", "_j", "_memo")

    def __init__(self, doc_text: str = "") -> None:
        self._j = _jieba()
        counts: Counter[str] = Counter(doc_text)
        for n in range(2, _MAX_WORD):
            grams = Counter(doc_text[i : i + n] for i in range(len(doc_text) - n + 1))
            counts.update({g: c for g, c in grams.items() if c >= _DOC_NGRAM_MIN and _wordlike(g)})
        self._doc = counts
        self._doc_total = max(1, len(doc_text))
        self._memo: dict[str, float | None] = {}

    def chars(self) -> frozenset[str]:
        """Characters either source has seen."""
        return frozenset(self._j.chars) | frozenset(c for c in self._doc if len(c) == 1)

    def word_logprob(self, word: str) -> float | None:
        """log P(word) under the interpolated unigram model; None when `word` is no word at all."""
        got = self._memo.get(word, 0.0)
        if got != 0.0:
            return got
        # Dirichlet smoothing: the document's counts, with jieba's general distribution as the prior worth
        # _PRIOR_WEIGHT characters of text; a short document does not outvote general usage.
        prior = self._j.words.get(word, 0) / self._j.total or _PUNCT_PRIOR.get(word, 0.0)
        p = (self._doc.get(word, 0) + _PRIOR_WEIGHT * prior) / (self._doc_total + _PRIOR_WEIGHT)
        if len(word) == 1 and p == 0.0:
            # A character jieba knows only inside longer words is still a character, just a rarer one.
            p = 0.05 * self._j.chars.get(word, 0) / self._j.total
        lp = math.log(p) if p > 0.0 else (_FLOOR if len(word) == 1 else None)
        self._memo[word] = lp
        return lp

    def is_word(self, word: str) -> bool:
        """Whether `word` is a dictionary word (document n-grams cross word boundaries too often)."""
        return self._j.words.get(word, 0) >= _WORD_MIN_FREQ

    def recurs(self, word: str) -> bool:
        """Whether `word` (Han characters only) recurs in the document often enough to be its own term."""
        return self._doc.get(word, 0) >= _DOC_TERM_MIN and all(self._is_han(c) for c in word)

    @staticmethod
    def _is_han(ch: str) -> bool:
        return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"

    def score(self, text: str, *, left: str = "", right: str = "") -> float:
        """Log-probability of the best segmentation of `left + text + right`.

        Give every candidate reading of a span the same context so that their scores compare. A newline
        marks a paragraph end (the document text the model was built from joins paragraphs with one).
        """
        full = left + text + right
        n = len(full)
        best = [0.0] + [-math.inf] * n
        for i in range(1, n + 1):
            for k in range(1, min(_MAX_WORD, i) + 1):
                lp = self.word_logprob(full[i - k : i])
                if lp is not None and best[i - k] + lp > best[i]:
                    best[i] = best[i - k] + lp
        return best[n]

    def segment(self, text: str) -> list[str]:
        """The best segmentation of `text` into words."""
        n = len(text)
        best = [0.0] + [-math.inf] * n
        back = [0] * (n + 1)
        for i in range(1, n + 1):
            for k in range(1, min(_MAX_WORD, i) + 1):
                lp = self.word_logprob(text[i - k : i])
                if lp is not None and best[i - k] + lp > best[i]:
                    best[i], back[i] = best[i - k] + lp, k
        words: list[str] = []
        i = n
        while i:
            words.append(text[i - back[i] : i])
            i -= back[i]
        return words[::-1]

    def per_char(self, text: str) -> float:
        """Mean log-probability per character: a length-free readability measure."""
        return self.score(text) / len(text) if text else 0.0
