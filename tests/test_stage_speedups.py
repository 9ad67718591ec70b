"""The shortcuts that make the repair and structure stages faster must give exactly what the plain
computation gives: each is checked here against a brute-force version of what it replaces."""

from __future__ import annotations

import math
import random
import re
import sys
from itertools import pairwise

from docconv.clean import spacing
from docconv.clean.langmodel import _POSITIONS_MAX, LanguageModel, _overlapping_count
from docconv.structure import articles
from docconv.structure.lines import forget_markers, marker_of
from docconv.structure.numbering import match_marker


def _brute_positions(text: str, gram: str) -> list[int]:
    return [i for i in range(len(text) - len(gram) + 1) if text.startswith(gram, i)]


def test_counts_from_kept_positions_equal_plain_counts() -> None:
    rng = random.Random(11)
    # A small alphabet makes grams overlap (`甲乙甲乙`) and pushes some characters past the number of
    # places the model keeps, so counts come from prefixes, from suffixes and from plain scans.
    common = "的" * (_POSITIONS_MAX + 20)
    for _ in range(20):
        text = "".join(rng.choice("甲乙丙的\n，") for _ in range(rng.randint(50, 400))) + common
        text = "".join(rng.sample(text, len(text)))
        lm = LanguageModel(text)
        grams = ["".join(rng.choice("甲乙丙的\n，丁") for _ in range(rng.randint(1, 4))) for _ in range(300)]
        for gram in grams:  # asked in random order, as segmentations ask
            assert lm._occurrences(gram) == _overlapping_count(text, gram), gram
            where = lm._positions(gram)
            if where is not None:
                assert where == _brute_positions(text, gram), gram


def test_shingles_as_bytes_equal_shingles_as_strings() -> None:
    rng = random.Random(3)
    alphabet = ["中", "文", "a", "\U00020000", "\ud800", "x", "字"]  # an astral and a lone surrogate
    for _ in range(300):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        plain_a, plain_b = ({t[i:i + 3] for i in range(max(1, len(t) - 2))} for t in (a, b))
        sa, sb = articles._shingles(a), articles._shingles(b)
        assert {s.decode("utf-32-le", "surrogatepass") for s in sa} == plain_a
        common = len(plain_a & plain_b)
        similarity = common / (len(plain_a) + len(plain_b) - common)
        assert articles._jaccard(sa, sb) == similarity
        # The size test never rules out a pair that reaches the threshold.
        if similarity >= articles.NEAR_DUPLICATE:
            assert articles._may_reach(sa, sb)


def test_bigram_counts_equal_a_count_of_successive_han_pairs() -> None:
    rng = random.Random(7)
    for _ in range(200):
        text = "".join(rng.choice("工作，会议a 1\u4e00\u9fff\u3400。") for _ in range(rng.randint(0, 40)))
        han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
        expected: dict[str, int] = {}
        for x, y in pairwise(han):
            expected[x + y] = expected.get(x + y, 0) + 1
        assert dict(articles._bigrams(text)) == expected


def test_text_without_debris_characters_holds_nothing_to_repair() -> None:
    # Every repair of `_text_fix` needs one of the gate's characters: an invisible character, or the
    # literal its pattern opens with.
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        if spacing._INVISIBLE.fullmatch(c):
            assert spacing._DEBRIS.fullmatch(c), hex(cp)
    for pattern, opener in ((spacing._TAG, "<"), (spacing._ENTITY, "&"), (spacing._LOW_QUOTES, "\u201a"),
                            (spacing._ASCII_QUOTES, '"')):
        assert pattern.pattern.startswith(re.escape(opener)) or pattern.pattern.startswith(opener)
        assert spacing._DEBRIS.fullmatch(opener)


def test_remembered_markers_equal_matched_markers() -> None:
    forget_markers()
    lines = ["一、总体要求", "（二）工作措施", "3. 加强领导", "第四章 附则", "一、二季度完成", "正文", "",
             "１．全角", "(5)括号", "一、总体要求"]
    for line in lines:
        assert marker_of(line) == match_marker(line)
    assert marker_of.cache_info().currsize == len(set(lines))
    forget_markers()
    assert marker_of.cache_info().currsize == 0


def test_cosine_equals_the_plain_formula() -> None:
    rng = random.Random(9)
    keys = ["工作", "会议", "作会", "议工", "加强", "强领"]
    for _ in range(300):
        a = {k: rng.randint(1, 9) for k in rng.sample(keys, rng.randint(0, len(keys)))}
        b = {k: rng.randint(1, 9) for k in rng.sample(keys, rng.randint(0, len(keys)))}
        if not a or not b:
            expected = 0.0
        else:
            dot = sum(n * b.get(k, 0) for k, n in a.items())
            expected = dot / math.sqrt(sum(n * n for n in a.values()) * sum(n * n for n in b.values()))
        assert articles._cosine(a, b) == expected


def test_rank_many_equals_rank_for_short_and_prefix_sharing_texts() -> None:
    rng = random.Random(2)
    text = "我们到岚溪参观。岚溪的学校很好。在岚溪工作三年。" * 3
    lm = LanguageModel(text, free_terms=True)
    for _ in range(30):
        texts = ["".join(rng.choice("岚溪的学校在我") for _ in range(rng.randint(0, 6))) for _ in range(12)]
        for left, right in (("", ""), ("在", ""), ("", "。"), ("我们到", "很好")):
            got = lm.rank_many(texts, left=left, right=right)
            assert got == [lm.rank(t, left=left, right=right) for t in texts]
