"""A small language score that tells readable Chinese from mojibake and misaligned bytes.

Two sources are interpolated: jieba's word-frequency dictionary (general simplified Chinese, read lazily
from the installed `jieba` package without importing it, the tables derived from it kept in docconv's
cache) and the document's own text
(its character and short n-gram counts carry the document's script, vocabulary and punctuation, so
traditional text scores well too; for repairs a recurring n-gram counts as one of its words only when
it stands free, with different neighbours on both sides, not as a fragment of a longer term). `score`
is the log-probability of a text's best segmentation into words, as in a unigram word model. `rank`
adds a character chain (jieba's words read as a Markov chain of characters that looks two characters
back inside a word and one across a word end, smoothed with the document's own bigrams and trigrams),
which knows which character follows which even where the word model sees two unrelated single
characters; repairs rank their candidate readings with it. Half of the chain's general prior is a corpus
of running text (`runningtext`), which knows what follows across a word's end. Small
priors cover what a punctuation-free, digit-free word list cannot know: outline markers (`一、`, `(一)`)
and the measure words after a number (`4月`). Only differences between candidate readings of the same
span, scored with the same context, mean anything.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docconv.clean.packagedata import derived_table, installed_file
from docconv.clean.runningtext import triple_prob
from docconv.structure.numbering import CN_NUMERALS

_FLOOR = math.log(1e-10)
"""Log-probability of a character neither source has seen (rare characters, garbage)."""

_MAX_WORD = 5
"""Longest word the segmentation tries."""
_PRIOR_WEIGHT = 20_000
"""How many characters of text jieba's general distribution is worth against the document's counts."""
_WORD_MIN_FREQ = 5
"""A jieba entry rarer than this is too doubtful to prove that a gap splits a word."""
_DOC_TERM_MIN = 3
"""How often a Han n-gram must recur in the document to count as one of its terms."""
_DOC_NGRAM_MIN = 2
"""A document n-gram must occur this often before it counts as a word."""
_POSITIONS_MAX = 64
"""Occurrences up to which the model keeps a gram's places in the text (see `LanguageModel._positions`)."""
_PUNCT_PRIOR: dict[str, float] = {
    **dict.fromkeys("，。", 0.02), **dict.fromkeys("、“”：；（）《》", 0.003),
    **dict.fromkeys("？！‘’—…「」【】·〇", 0.0005),
}
"""Rough shares of common CJK punctuation in running text: jieba's word list has none."""
_OUTLINE_PRIOR: dict[str, float] = {
    **{f"{n}、": 0.0003 for n in CN_NUMERALS},
    **{f"{o}{n}{c}": 0.0003 for n in CN_NUMERALS for o, c in ("()", "（）")},
}
"""Outline markers (`一、`, `(一)`, `（一）`): reports number their sections this way, and jieba's word
list, having no punctuation, cannot know it."""
_AFTER_DIGIT = "年月日号时点分秒个名人次位项家所元万亿千百岁届期条件份篇天周多余台辆户亩吨米公倍%．.、"
"""What follows a number written in digits in Chinese text (dates, measure words, units): jieba's words
hold no digits, so its chain cannot know that `4月` reads better than `4有`."""
_AFTER_DIGIT_SHARE = 0.6
"""Share of the characters after a digit that `_AFTER_DIGIT` holds (a rough figure for report text)."""
_RARE_CHAR = 1000
"""Frequency-weighted jieba count under which a character is rare (most of the 3,500 common characters
count far more; about 70% of the 12,000 characters jieba uses count less)."""
_BIGRAM_ALPHA = 50
"""Pseudo-count of the unigram fallback behind jieba's character chain (rare characters lean on it)."""
_BIGRAM_MU = 20
"""Pseudo-count of jieba's chain behind the document's own bigrams."""
_TRIGRAM_BETA = 5
"""Pseudo-count of the bigram chain behind jieba's in-word trigrams."""
_TRIGRAM_MU = 5
"""Pseudo-count of jieba's trigram chain behind the document's own trigrams."""
_RUNNING_WEIGHT = 0.5
"""Share of the running-text corpus (`runningtext`) in the general prior of the trigram chain, jieba's
chain having the rest (set from the repair benchmark: 0.3 to 0.7 score alike)."""


@dataclass(frozen=True, slots=True)
class _Jieba:
    words: dict[str, int]
    chars: dict[str, int]
    total: int


@dataclass(frozen=True, slots=True)
class _Bigrams:
    """jieba's words as a character Markov chain: inside a word a character follows its neighbour;
    at a word end the next word starts with its usual first character."""

    pairs: dict[str, int]
    """Frequency-weighted counts of two characters adjacent inside a word."""
    ends: dict[str, int]
    """Frequency-weighted counts of a character ending a word."""
    starts: dict[str, int]
    """Frequency-weighted counts of a character starting a word."""


@dataclass(frozen=True, slots=True)
class _Trigrams:
    """jieba's words as a second-order character chain: where two characters stand inside a word, the
    word tells which character follows; where they end one, the bigram chain goes on."""

    triples: dict[str, int]
    """Frequency-weighted counts of three characters adjacent inside a word."""
    heads: dict[str, int]
    """Frequency-weighted counts of two adjacent characters followed by a third inside a word."""
    ends: dict[str, int]
    """Frequency-weighted counts of two characters ending a word."""


_TABLE_FORMAT = 1
"""Version of the tables' layout in docconv's cache (`packagedata.derived_table`); raise it when a
builder below changes what it counts."""


def _jieba_dict() -> Path:
    return installed_file("jieba", "dict.txt", "the jieba word list")


@cache
def _jieba() -> _Jieba:
    """jieba's words and frequencies, and per-character totals (from the cache, or about a second)."""
    words, chars = derived_table("jieba-words", _jieba_dict(), _TABLE_FORMAT, _build_jieba)
    return _Jieba(words, chars, sum(words.values()))


def _build_jieba() -> tuple[dict[str, int], dict[str, int]]:
    words: dict[str, int] = {}
    chars: Counter[str] = Counter()
    with _jieba_dict().open(encoding="utf-8") as fh:
        for line in fh:
            word, freq_s, _rest = line.split(" ", 2)
            freq = int(freq_s)
            words[word] = freq
            for ch in word:
                chars[ch] += freq
    return words, dict(chars)


@cache
def _trigrams() -> _Trigrams:
    """Character trigram counts from jieba's words (from the cache, or about a second)."""
    return _Trigrams(*derived_table("jieba-trigrams", _jieba_dict(), _TABLE_FORMAT, _build_trigrams))


def _build_trigrams() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    triples: Counter[str] = Counter()
    heads: Counter[str] = Counter()
    ends: Counter[str] = Counter()
    for word, freq in _jieba().words.items():
        if len(word) < 2:
            continue
        ends[word[-2:]] += freq
        for i in range(len(word) - 2):
            triples[word[i : i + 3]] += freq
            heads[word[i : i + 2]] += freq
    return dict(triples), dict(heads), dict(ends)


@cache
def _bigrams() -> _Bigrams:
    """Character bigram counts from jieba's words (from the cache, or about a second)."""
    return _Bigrams(*derived_table("jieba-bigrams", _jieba_dict(), _TABLE_FORMAT, _build_bigrams))


def _build_bigrams() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    pairs: Counter[str] = Counter()
    ends: Counter[str] = Counter()
    starts: Counter[str] = Counter()
    for word, freq in _jieba().words.items():
        starts[word[0]] += freq
        ends[word[-1]] += freq
        for i in range(len(word) - 1):
            pairs[word[i : i + 2]] += freq
    return dict(pairs), dict(ends), dict(starts)


@cache
def _jieba_chars() -> frozenset[str]:
    return frozenset(_jieba().chars)


def known_chars() -> frozenset[str]:
    """Every character jieba's dictionary uses."""
    return _jieba_chars()


def _overlapping_count(text: str, gram: str) -> int:
    """Occurrences of `gram` in `text`, overlapping ones included (`str.count` skips those)."""
    n = len(gram)
    if not any(gram[:k] == gram[n - k :] for k in range(1, n)):
        return text.count(gram)  # a gram with no border cannot overlap itself
    count = 0
    at = text.find(gram)
    while at >= 0:
        count += 1
        at = text.find(gram, at + 1)
    return count


def _wordlike(gram: str) -> bool:
    """Whether a document n-gram may count as a word: no spaces or digits inside (which number follows
    a word is an accident: `在2008` is no word), a paragraph end only last."""
    body = gram[:-1] if gram.endswith("\n") else gram
    return not gram.isascii() and not any(map(str.isspace, body)) and not any(map(str.isdigit, body))


class LanguageModel:
    """Scores text by its best segmentation under a jieba + document unigram word model."""

    __slots__ = (
        "_b", "_bmemo", "_counts", "_doc_total", "_free_memo", "_free_terms", "_j", "_memo",
        "_start_total", "_t", "_text", "_tmemo", "_where",
    )

    def __init__(self, doc_text: str = "", *, free_terms: bool = False) -> None:
        """`free_terms`: a recurring n-gram of the document counts as one of its words only when it
        stands free (see `_free`). Repairs ask for it: when a reading is ranked, a fragment of a longer
        term must not read as a word (`大平` of `北师大平谷` made `美观大平` beat `美观大气`). The test
        costs a scan per recurring n-gram, so models that only segment clean text go without it."""
        self._free_terms = free_terms
        self._j = _jieba()
        # The document's n-gram counts are taken lazily, one gram at a time, when a score asks for
        # them: a repair usually asks about a few hundred grams, and counting every n-gram of the
        # document up front cost more than all the scoring (most documents need no repair at all).
        self._text = doc_text
        self._doc_total = max(1, len(doc_text))
        self._counts: dict[str, int] = {}
        self._memo: dict[str, float | None] = {}
        self._b: _Bigrams | None = None
        self._bmemo: dict[str, float] = {}
        self._start_total = 1
        self._t: _Trigrams | None = None
        self._tmemo: dict[str, float] = {}
        self._free_memo: dict[str, bool] = {}
        self._where: dict[str, list[int] | None] = {}

    def _occurrences(self, gram: str) -> int:
        """How often `gram` occurs in the document's text, overlapping occurrences included."""
        got = self._counts.get(gram)
        if got is None:
            # A gram whose shorter part never occurs cannot occur either; the parts are usually counted
            # already (a segmentation asks for every gram ending at a place before the longer ones), so
            # most grams of a garbage reading cost nothing to rule out.
            if len(gram) > 1 and (self._occurrences(gram[:-1]) == 0 or self._occurrences(gram[1:]) == 0):
                got = 0
            elif len(gram) > 1 and (at := self._positions(gram)) is not None:
                got = len(at)
            else:
                got = _overlapping_count(self._text, gram)
            self._counts[gram] = got
        return got

    def _positions(self, gram: str) -> list[int] | None:
        """Where `gram` starts in the document's text (overlapping occurrences included), in order, when
        that is cheap to know; None otherwise.

        Each count of an n-gram scans the whole text, and a segmentation asks for hundreds of them. A
        longer gram occurs only where its first characters do, so its places are found by checking the
        next character at the places of its prefix (or the one before those of its suffix), kept for
        grams that occur at most `_POSITIONS_MAX` times; a single character's places take one scan.
        """
        if gram in self._where:
            return self._where[gram]
        text = self._text
        at: list[int] | None = None
        if len(gram) == 1:
            if self._occurrences(gram) <= _POSITIONS_MAX:
                at = []
                i = text.find(gram)
                while i >= 0:
                    at.append(i)
                    i = text.find(gram, i + 1)
        elif (head := self._positions(gram[:-1])) is not None:
            last, k = gram[-1], len(gram) - 1
            at = [i for i in head if text.startswith(last, i + k)]
        elif (tail := self._positions(gram[1:])) is not None:
            first = gram[0]
            at = [i - 1 for i in tail if i and text.startswith(first, i - 1)]
        self._where[gram] = at
        return at

    def _doc(self, gram: str) -> int:
        """The document's count for `gram` as a word: any character; an n-gram of two to four
        characters only when it recurs and is word-like."""
        n = len(gram)
        if n == 1:
            return self._occurrences(gram)
        if n >= _MAX_WORD or not _wordlike(gram):
            return 0
        c = self._occurrences(gram)
        return c if c >= _DOC_NGRAM_MIN and (not self._free_terms or self._free(gram)) else 0

    def _free(self, gram: str) -> bool:
        """Whether a recurring n-gram stands free in the document: more than one different character
        before it and after it (the accessor-variety test of Chinese word extraction). A fragment of a
        longer term (`大平` of `北师大平谷`, `中教` of `高中教育`) always has the same neighbour on one
        side, and is no word of the document."""
        got = self._free_memo.get(gram)
        if got is None:
            # A line end (or the text's end) is no neighbour: it may be where damage was cut out.
            before: set[str] = set()
            after: set[str] = set()
            text = self._text
            at = text.find(gram)
            while at >= 0 and (len(before) < 2 or len(after) < 2):
                before.add(text[at - 1] if at > 0 else "\n")
                after.add(text[at + len(gram) : at + len(gram) + 1] or "\n")
                before.discard("\n")
                after.discard("\n")
                at = text.find(gram, at + 1)
            got = len(before) > 1 and len(after) > 1
            self._free_memo[gram] = got
        return got

    def chars(self) -> frozenset[str]:
        """Characters either source has seen."""
        return _jieba_chars() | frozenset(self._text)

    def familiar(self, ch: str) -> bool:
        """Whether a character is one a guessed reading may bring in: the document uses it, or it is
        common in general text (ASCII and common punctuation always are)."""
        return (
            ch.isascii() or ch in _PUNCT_PRIOR or ch in self._text
            or self._j.chars.get(ch, 0) >= _RARE_CHAR
        )

    def word_logprob(self, word: str) -> float | None:
        """log P(word) under the interpolated unigram model; None when `word` is no word at all."""
        got = self._memo.get(word, 0.0)
        if got != 0.0:
            return got
        # Dirichlet smoothing: the document's counts, with jieba's general distribution as the prior worth
        # _PRIOR_WEIGHT characters of text; a short document does not outvote general usage.
        prior = (
            self._j.words.get(word, 0) / self._j.total
            or _PUNCT_PRIOR.get(word, 0.0)
            or _OUTLINE_PRIOR.get(word, 0.0)
        )
        p = (self._doc(word) + _PRIOR_WEIGHT * prior) / (self._doc_total + _PRIOR_WEIGHT)
        if len(word) == 1 and p == 0.0:
            # A character jieba knows only inside longer words is still a character, just a rarer one.
            p = 0.05 * self._j.chars.get(word, 0) / self._j.total
        lp = math.log(p) if p > 0.0 else (_FLOOR if len(word) == 1 else None)
        self._memo[word] = lp
        return lp

    def _new_word_logprob(self, word: str) -> float | None:
        """`word_logprob` for a word its memo does not hold, answering the commonest case first.

        Most new words a ranking meets are a reading's character glued to its neighbours. Such a word is
        no word (None), as `word_logprob` finds at length, when jieba and the priors do not know it and
        the document cannot count it as a word: too long, or its first k-1 characters (so the word too)
        occur fewer than _DOC_NGRAM_MIN times. Answered here, the same None, at a fraction of the cost.
        """
        k = len(word)
        if k > 1 and word not in self._j.words and word not in _OUTLINE_PRIOR:
            head = self._counts.get(word[:-1], _DOC_NGRAM_MIN) if k < _MAX_WORD else 0
            if head < _DOC_NGRAM_MIN:
                self._memo[word] = None
                if head == 0:
                    self._counts[word] = 0  # as `_occurrences` would keep it
                return None
        return self.word_logprob(word)

    def doc_count(self, gram: str) -> int:
        """How often a gram of one to three characters occurs in the document's own text."""
        return self._occurrences(gram) if 1 <= len(gram) <= 3 else 0

    def is_word(self, word: str) -> bool:
        """Whether `word` is a dictionary word (document n-grams cross word boundaries too often)."""
        return self._j.words.get(word, 0) >= _WORD_MIN_FREQ

    def recurs(self, word: str) -> bool:
        """Whether `word` (Han characters only) recurs in the document often enough to be its own term."""
        n = len(word)
        if n >= _MAX_WORD or not all(self._is_han(c) for c in word):
            return False
        return (self._occurrences(word) if n > 1 else self._doc(word)) >= _DOC_TERM_MIN

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

    def rank_many(self, texts: list[str], *, left: str = "", right: str = "") -> list[float]:
        """`rank` of each text in the same context, the same values `rank` gives, computed faster: the
        readings of one damaged span share most of their characters, and the segmentation of a shared
        prefix is computed once (texts are taken in sorted order, and the table of best segmentations
        of the previous text is kept up to the first character where they differ)."""
        out = [0.0] * len(texts)
        prev = ""
        best: list[float] = [0.0]
        # The terms of `trigram_score`: triples[j] is the chain's term for full[j:j+3].
        triples: list[float] = []
        memo_get = self._memo.get
        tmemo_get = self._tmemo.get
        # The chain's first term (`bigram_score` of the first two characters) is usually the context's.
        head, head_score = "", 0.0
        for idx in sorted(range(len(texts)), key=texts.__getitem__):
            full = left + texts[idx] + right
            n = len(full)
            same = 0
            limit = min(n, len(prev))
            while same < limit and full[same] == prev[same]:
                same += 1
            # best[i] depends on full[:i] only, so entries up to `same` stand.
            del best[same + 1 :]
            for i in range(same + 1, n + 1):
                top = -math.inf
                for k in range(1, min(_MAX_WORD, i) + 1):
                    word = full[i - k : i]
                    # `word_logprob`'s own memo, asked here first: most words were scored before.
                    lp = memo_get(word, 0.0)
                    if lp == 0.0:
                        lp = self._new_word_logprob(word)
                    if lp is not None and best[i - k] + lp > top:
                        top = best[i - k] + lp
                best.append(top)
            prev = full
            # Likewise the triples inside the shared prefix keep their terms; summed as
            # `trigram_score` sums them, the total is the same.
            del triples[max(0, same - 2) :]
            for j in range(len(triples), n - 2):
                triple = full[j : j + 3]
                got = tmemo_get(triple)
                triples.append(self.triple_logprob(triple) if got is None else got)
            if n < 3:
                chain = self.bigram_score(full)
            else:
                if full[:2] != head:
                    head, head_score = full[:2], self.bigram_score(full[:2])
                chain = head_score + sum(triples)
            out[idx] = best[n] + chain
        return out

    def _char_prob(self, ch: str) -> float:
        """Unigram probability of a character: document counts smoothed with jieba's word starts."""
        b = self._bigrams()
        prior = b.starts.get(ch, 0) / self._start_total or _PUNCT_PRIOR.get(ch, 0.0)
        p = (self._occurrences(ch) + _PRIOR_WEIGHT * prior) / (self._doc_total + _PRIOR_WEIGHT)
        return p if p > 0.0 else 1e-10

    def _bigrams(self) -> _Bigrams:
        if self._b is None:
            self._b = _bigrams()
            self._start_total = sum(self._b.starts.values())
        return self._b

    def pair_logprob(self, pair: str) -> float:
        """log P(second character | first character) under the interpolated bigram model."""
        got = self._bmemo.get(pair)
        if got is not None:
            return got
        a, c = pair[0], pair[1]
        b = self._bigrams()
        pc = self._char_prob(c)
        # jieba's chain: P(c | a) = (inside-word count + word-end count * P(c starts a word)) / count(a);
        # a character jieba does not know falls back to the unigram.
        total_a = self._j.chars.get(a, 0)
        if a.isascii() and a.isdigit() and not c.isascii():
            share = _AFTER_DIGIT_SHARE
            p_j = share / len(_AFTER_DIGIT) if c in _AFTER_DIGIT else (1 - share) * pc
        elif total_a:
            inside = b.pairs.get(pair, 0) + b.ends.get(a, 0) * pc
            p_j = (inside + _BIGRAM_ALPHA * pc) / (total_a + _BIGRAM_ALPHA)
        else:
            p_j = pc
        # The document's own pairs (its script, names and phrasing), jieba's chain as the prior.
        p = (self._occurrences(pair) + _BIGRAM_MU * p_j) / (self._occurrences(a) + _BIGRAM_MU)
        lp = math.log(max(p, 1e-12))
        self._bmemo[pair] = lp
        return lp

    def bigram_score(self, text: str) -> float:
        """log-probability of `text` under the character bigram model (its first character unconditioned)."""
        if not text:
            return 0.0
        return math.log(self._char_prob(text[0])) + sum(
            self.pair_logprob(text[i : i + 2]) for i in range(len(text) - 1)
        )

    def triple_logprob(self, triple: str) -> float:
        """log P(third character | first two) under the interpolated trigram chain."""
        got = self._tmemo.get(triple)
        if got is not None:
            return got
        if self._t is None:
            self._t = _trigrams()
        t = self._t
        head = triple[:2]
        p2 = math.exp(self.pair_logprob(triple[1:]))
        # Inside a word the word says what follows; where the two characters end a word (or jieba has
        # never seen them inside one) the bigram chain goes on.
        rest = t.ends.get(head, 0) + _TRIGRAM_BETA
        p_j = (t.triples.get(triple, 0) + rest * p2) / (t.heads.get(head, 0) + rest)
        # Running text knows what jieba's words cannot: which character follows across a word's end and
        # where clauses end (`一年里`, `意见箱`, `亲自抓`).
        p_j = (1 - _RUNNING_WEIGHT) * p_j + _RUNNING_WEIGHT * triple_prob(triple)
        # The head's count as the start of a trigram: its occurrences, less one that ends the text.
        doc_n = self._occurrences(head) - self._text.endswith(head)
        p = (self._occurrences(triple) + _TRIGRAM_MU * p_j) / (doc_n + _TRIGRAM_MU)
        lp = math.log(max(p, 1e-12))
        self._tmemo[triple] = lp
        return lp

    def trigram_score(self, text: str) -> float:
        """log-probability of `text` under the character trigram chain (its first two characters under the
        bigram chain)."""
        if len(text) < 3:
            return self.bigram_score(text)
        return self.bigram_score(text[:2]) + sum(
            self.triple_logprob(text[i : i + 3]) for i in range(len(text) - 2)
        )

    def rank(self, text: str, *, left: str = "", right: str = "") -> float:
        """The score repairs rank candidate readings by: word model plus character trigram chain."""
        return self.score(text, left=left, right=right) + self.trigram_score(left + text + right)

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
