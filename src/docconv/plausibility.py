"""How much a decoded text looks like real Chinese text: each character's class (common Han, CJK
punctuation, rare Han, odd, bad) and a score over their counts. Character-set detection (`charset`)
ranks candidate decodes with it; the classes come from two frequency-built national standards."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache


@cache
def common_han() -> frozenset[str]:
    """The Han characters counted as common in Chinese text, simplified or traditional.

    Derived through Python's own codecs from two national standards that were built around character
    frequency: GB 2312 level 1 (rows 16–55, bytes B0A1–D7F9: the 3755 most used simplified
    characters) and Big5's frequent block (bytes A440–C67E: the 5401 常用字 of traditional use). Their
    union holds 6722 characters.
    """
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        last = 0xF9 if lead == 0xD7 else 0xFE  # D7FA–D7FE are unassigned in GB 2312
        chars.update(bytes((lead, trail)).decode("gb2312") for trail in range(0xA1, last + 1))
    for lead in range(0xA4, 0xC7):
        trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
        if lead == 0xC6:
            trails = list(range(0x40, 0x7F))  # the frequent block ends at C67E
        chars.update(bytes((lead, trail)).decode("big5") for trail in trails)
    return frozenset(chars)


# CJK punctuation, full-width forms, bullets, enumerators and pinyin letters: what Chinese reports use
# besides Han characters. A wrong decode
# of GB or Big5 bytes lands on vertical forms, bopomofo, kana or box drawing instead, which count as odd.
_CJK_PUNCT = frozenset(
    "\u3000、。〃々〆〇〈〉《》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟・"
    "—―–‘’“”…‥·•‧※○●◎◇◆□■△▲☆★→←↑↓×÷±°℃№￥￠￡"
    + "".join(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width ASCII: ，（）：；？！ etc.
    + "".join(chr(c) for c in range(0x2460, 0x249C))  # ①…⑳ ⑴…⒇ ⒈…⒛
    + "".join(chr(c) for c in range(0x3220, 0x322A))  # ㈠…㈩
    + "".join(chr(c) for c in range(0x2160, 0x216C))  # Ⅰ…Ⅻ
    + "āáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜüêńňḿ"  # pinyin with tone marks (GB 2312 row 8), as in 總結(zǒng jié)
)

# One-letter classes, so that scoring is one str.translate and a few str.count calls.
_NEUTRAL, _COMMON, _PUNCT, _RARE, _ODD, _BAD = "n", "c", "p", "r", "o", "b"
_CLASSES = _NEUTRAL + _COMMON + _PUNCT + _RARE + _ODD + _BAD


def _is_han(cp: int) -> bool:
    # Only the BMP blocks: a Han character beyond the BMP (extension B and later) is so rare in reports
    # that it weighs as odd, which keeps a big5hkscs or UTF-16 misreading from looking like Chinese.
    return 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF


def _classify(ch: str, common: frozenset[str]) -> str:
    cp = ord(ch)
    if 0x20 <= cp < 0x7F or ch in "\t\n\r\f\v":
        return _NEUTRAL
    if ch in common:
        return _COMMON
    if ch in _CJK_PUNCT:
        return _PUNCT
    if _is_han(cp):
        return _RARE
    category = unicodedata.category(ch)
    if ch == "\ufffd" or category in ("Cc", "Cn", "Co", "Cs"):
        return _BAD
    if category == "Zs" or ch == "\ufeff":
        return _NEUTRAL
    return _ODD


@cache
def _bmp_classes() -> str:
    """The class letter of every BMP code point, indexable by ordinal (a str.translate table).

    Built from whole blocks where a block has one class, so that only the ~17k code points of mixed
    blocks need a Unicode category lookup (about 15 ms in all).
    """
    table = [""] * 0x10000
    blocks = ((0x3400, 0x4DC0, _RARE), (0x4E00, 0xA000, _RARE), (0xF900, 0xFB00, _RARE),
              (0xAC00, 0xD7A4, _ODD),  # Hangul syllables
              (0xD800, 0xF900, _BAD))  # surrogates and the private-use area
    for start, stop, cls in blocks:
        table[start:stop] = [cls] * (stop - start)
    common = common_han()
    for ch in common:
        table[ord(ch)] = _COMMON
    for cp in range(0x10000):
        if not table[cp]:
            table[cp] = _classify(chr(cp), common)
    return "".join(table)


@dataclass(frozen=True, slots=True)
class Plausibility:
    """How much a decoded text looks like real (Chinese) text, from counts of character classes."""

    common: int
    """Common Han characters (the table of `common_han`)."""
    punct: int
    """CJK punctuation, full-width forms, enumerators."""
    rare: int
    """Other Han characters: legitimate, but what a wrong decode mostly produces."""
    odd: int
    """Other non-ASCII letters and symbols (kana, Hangul, Latin-1, box drawing, vertical forms…)."""
    bad: int
    """Controls, unassigned and private-use code points, U+FFFD: almost never in real text."""
    total: int
    """All characters, ASCII included."""

    @property
    def good(self) -> int:
        """Characters that speak for the decode: common Han and CJK punctuation."""
        return self.common + self.punct

    @property
    def non_ascii(self) -> int:
        """Characters outside ASCII and whitespace: the evidence the score rests on."""
        return self.common + self.punct + self.rare + self.odd + self.bad

    @property
    def score(self) -> float:
        """0..1: share of the evidence that is common Chinese, with odd and bad characters weighing more."""
        good = self.common + self.punct
        weighed = good + self.rare + 1.5 * self.odd + 4 * self.bad
        return good / weighed if weighed else 0.0

    @property
    def clean(self) -> bool:
        """No more bad characters than a damaged real text might carry (one, or 1% of all)."""
        return self.bad <= max(1.0, 0.01 * self.total)


@cache
def _bad_bmp() -> re.Pattern[str]:
    """The characters of the Basic Multilingual Plane that `plausibility` counts as bad."""
    ranges = (f"{re.escape(chr(m.start()))}-{re.escape(chr(m.end() - 1))}"
              for m in re.finditer(f"{_BAD}+", _bmp_classes()))
    return re.compile("[" + "".join(ranges) + "]")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def has_bad(text: str) -> bool:
    """Whether `plausibility(text).bad` is above zero, found with one scan instead of a full count."""
    if _bad_bmp().search(text) is not None:
        return True
    # Beyond the BMP the class needs a Unicode category lookup; such characters are rare in text.
    return _ASTRAL.search(text) is not None and plausibility(text).bad > 0


# A Han character inside a Latin word ("xi角n") is what a misaligned decode makes of pinyin and of
# Latin-1 letters; real text puts Han characters next to words, not inside them.
# The letter before is matched rather than looked behind at: the pattern then opens with a character
# class the regex engine scans for, instead of being tried at every position. The han character is the
# second character of a match, and no match is lost, since the next letter is only looked ahead at.
_HAN_IN_WORD = re.compile(r"[A-Za-z][\u3400-\u9fff\uf900-\ufaff](?=[A-Za-z])")


def plausibility(text: str) -> Plausibility:
    """Count the character classes of `text` (see `Plausibility`)."""
    classes = text.translate(_bmp_classes())
    counts = {c: classes.count(c) for c in _CLASSES}
    for found in _HAN_IN_WORD.finditer(text):
        counts[classes[found.start() + 1]] -= 1
        counts[_ODD] += 1
    leftover = len(classes) - sum(counts.values())
    if leftover:  # characters beyond the BMP were left untranslated: classify them one by one
        common = common_han()
        for ch in classes:
            if ord(ch) > 0xFFFF:
                counts[_classify(ch, common)] += 1
    return Plausibility(common=counts[_COMMON], punct=counts[_PUNCT], rare=counts[_RARE],
                        odd=counts[_ODD], bad=counts[_BAD], total=len(text))


def demote_hkscs_only(text: str, plaus: Plausibility) -> Plausibility:
    """Count the characters only HKSCS encodes as rare: a cp950 misreading lands on them, real text seldom."""
    table = _bmp_classes()
    moved = 0
    for ch in text:
        if ord(ch) <= 0xFFFF and table[ord(ch)] in (_COMMON, _PUNCT):
            try:
                ch.encode("cp950")
            except UnicodeEncodeError:
                moved += 1
    if not moved:
        return plaus
    return replace(plaus, common=plaus.common - moved, rare=plaus.rare + moved)
