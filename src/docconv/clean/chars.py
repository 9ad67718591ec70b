"""Character classes shared by the repair modules: what counts as Han, CJK, punctuation or damage."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

HAN_RANGES = (
    "\u3400-\u4dbf"  # Extension A
    "\u4e00-\u9fff"  # Unified Ideographs
    "\uf900-\ufaff"  # Compatibility Ideographs
    "\U00020000-\U0003134f"  # Extensions B–G
)
"""Regex character-class body for Han ideographs (and 〇)."""

HAN = f"[{HAN_RANGES}\u3007]"
"""A regex matching one Han character."""

CJK_PUNCT = (
    "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    "\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
)
"""Regex character-class body for CJK and full-width punctuation (and the quotes/dashes CJK text uses)."""

KANA = "\u3040-\u30ff\u31f0-\u31ff"
"""Regex character-class body for kana."""

CJK = f"[{HAN_RANGES}\u3007{KANA}{CJK_PUNCT}]"
"""A regex matching one CJK character: Han, kana or CJK punctuation."""

_HAN_RE = re.compile(HAN)
_CJK_RE = re.compile(CJK)

PUA = re.compile("[\ue000-\uf8ff]")
"""Private-use characters: a GBK user-defined code point surfacing as text is damage, never content."""


def is_han(ch: str) -> bool:
    """Whether `ch` (one character) is a Han ideograph."""
    return bool(_HAN_RE.fullmatch(ch))


def is_cjk(ch: str) -> bool:
    """Whether `ch` (one character) is Han, kana or CJK punctuation."""
    return bool(_CJK_RE.fullmatch(ch))


def han_ratio(text: str) -> float:
    """The share of non-space characters of `text` that are Han."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    return sum(1 for c in chars if _HAN_RE.fullmatch(c)) / len(chars)


def gbk_pair(ch: str) -> bytes | None:
    """The two bytes GBK gives a character (GB18030 for user-defined code points read as private use),
    or None when it has no two-byte form."""
    for codec in ("gbk", "gb18030"):
        try:
            raw = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        return raw if len(raw) == 2 else None
    return None


BRACKETS = {
    "「": "」", "『": "』", "【": "】", "〔": "〕", "〖": "〗",
    "（": "）", "《": "》", "〈": "〉", "〝": "〞",
}
"""CJK brackets and corner quotes, opening to closing (curly quotes are too often left unpaired to count)."""
_CLOSING = {c: o for o, c in BRACKETS.items()}


def pairs_up(reading: str, before: str | None, after: str | None) -> bool:
    """Whether the brackets of a guessed reading pair up with the text around it (`before` and `after`,
    the rest of its line; None where that text is itself damaged and may hide a bracket, so that side
    is not checked): a closing one closes one opened before it, an opening one is closed after it."""
    for i, ch in enumerate(reading):
        if ch in _CLOSING and before is not None:
            prior = before + reading[:i]
            if prior.count(_CLOSING[ch]) <= prior.count(ch):
                return False
        elif ch in BRACKETS and after is not None:
            rest = reading[i + 1 :] + after
            if rest.count(BRACKETS[ch]) <= rest.count(ch):
                return False
    return True


LINE_FINAL = frozenset("。！？!?；;：:…”’」』）)】》〕.")
"""What a line may end with when its sentence or clause is complete: a stop, a colon, an ellipsis, or a
closing quote or bracket after one. A line ending in anything else stops mid-sentence."""

_MARKS = frozenset("，。、；：？！,;:")
"""Clause and sentence marks: none of them ever directly follows another, or an opening bracket."""
_OPENERS = frozenset("“‘（《〈「『【〔(")


_CLOSERS = frozenset("）》〉」』】〕〗)")


def marks_collide(before: str, reading: str, after: str) -> bool:
    """Whether a guessed reading puts a clause or sentence mark right after another mark or an opening
    bracket, within it or where it meets the text around it (`。,`, `“,`, `，。`), or opens a text
    (`before` empty) with a mark or a closing bracket after its indent (`　。2023年`): Chinese text never
    does either."""
    joined = before[-1:] + reading + after[:1]
    if any(y in _MARKS and (x in _MARKS or x in _OPENERS) for x, y in itertools.pairwise(joined)):
        return True
    head = reading.lstrip()[:1] if not before else ""
    return head in _MARKS or head in _CLOSERS


_FIELD_GAP = re.compile(r"\s{2,}|\t|\s*[|｜]\s*")
_LABEL = re.compile(rf"{HAN}{{1,8}}")
_GUESSED_MARKS = frozenset("，。、；：,;:")
_VALUE_MAX = 40


def misreads_label(before: str, reading: str, after: str) -> bool:
    """Whether a guessed reading puts a mark other than a colon where a label meets its value, in a line
    of fields (`发布时间，2024-01-09 10:21  作者：佚名` is `发布时间：`). `before` and `after` are the rest
    of the line. A label is one to eight Han characters opening the line or a field (fields part at two
    spaces, a tab or a bar); its value runs to the next field gap or the line's end, holds no clause or
    sentence mark, and is no prose: the line has another field, or the value holds no Han at all (a date,
    a time, a number). Prose (`总之，2023年我们…`) has Han and marks after its comma, so it never fits."""
    line = before + reading + after
    fields = _FIELD_GAP.split(line.strip())
    several = len(fields) > 1
    for i, ch in enumerate(reading):
        if ch not in _GUESSED_MARKS or ch in "：:":
            continue
        at = len(before) + i
        head = _FIELD_GAP.split(line[:at])[-1].strip()
        value = _FIELD_GAP.split(line[at + 1 :])[0].strip()
        if not _LABEL.fullmatch(head) or not value or len(value) > _VALUE_MAX:
            continue
        if any(c in "，。、；：？！;!?" for c in value):  # ASCII `:` `,` `.` stand in times and numbers
            continue
        if several or not _HAN_RE.search(value):
            return True
    return False


def display_width(text: str) -> int:
    """Display width in columns: two for wide and full-width characters (East Asian Width W or F).

    The Basic Multilingual Plane goes by one regex over runs of wide characters: a lookup per character
    made the plain-text reader spend most of its time here.
    """
    if text.isascii():
        return len(text)
    wide = len(text) - len(_wide_bmp().sub("", text))
    return len(text) + wide + sum(1 for c in _ASTRAL.findall(text) if unicodedata.east_asian_width(c) in "WF")


@functools.cache
def _wide_bmp() -> re.Pattern[str]:
    """The characters of the Basic Multilingual Plane that East Asian Width calls wide or full-width."""
    ranges: list[str] = []
    start: int | None = None
    for cp in range(0x10000 + 1):
        wide = (cp < 0x10000 and not 0xD800 <= cp <= 0xDFFF
                and unicodedata.east_asian_width(chr(cp)) in "WF")
        if wide and start is None:
            start = cp
        elif not wide and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(cp - 1))}")
            start = None
    return re.compile("[" + "".join(ranges) + "]+")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
