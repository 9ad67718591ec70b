"""The Chinese numbering grammar: recognise the marker at the start of a line and read its value.

Recognised, in full-width and half-width forms and with stray spaces (`一 、`, `（一）`, `1 、`, `1．`):

    第一章 第一节 第一部分      chapter, section, part
    第一篇 篇一 范文1           article
    一、 一.                    cn
    (一) (一)、                 cn-paren
    1. 1、                      arabic          (not `1.5`, not `2023年`)
    (1) 1)                      arabic-paren
    ①                           circled
    ㈠ ⒈ ⑴ ❶ ➀ ➊ ⒜ …            one-character (enclosed) forms of the schemes above: ㈠ = (一), ⒈ = 1.,
                                ⑴ = (1), ❶ = ➀ = ➊ = ①, ⒜ = a); see `_ENCLOSED`
    壹、 貳、 叁、                financial numerals (大写), the top rung of Taiwan and Hong Kong documents
                                above 一、: read as the part rung (like 第一部分)
    A. a.  I. i.                latin / roman   (only with a delimiter, so `A股` is not a marker)
    Ⅰ、 ⅱ．                     roman numeral characters (U+2160…, U+2170…), upper / lower
    ——                          dash
    1 / 1.1 / 1.2.1 / １．１     decimal outline (only where the document's outline is evident: see
                                `decimal_outline`; `match_marker` alone never returns it)

Inline enumerations (`一是…二是…`) are not markers: they stay in the text. Neither is a pair of numbers
that opens a sentence (`一、二季度…`, `3、4月份…`, `1、2号楼…`): the first numeral is followed by the next
one and a measure word or another enumeration comma.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from docconv.ast import Marker, Scheme

CN_NUMERALS = "一二三四五六七八九十"
"""The numerals that number items (one to ten)."""
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN = "[一二三四五六七八九十百零〇两]+"
_NUM = rf"(?:{_CN}|[0-9０-９]+)"
_SP = r"[ \t\u3000]*"
DASHES = "\\-\u2010-\u2015\u2212\u2500\u2501\uff0d\ufe58\ufe63"
"""Dash-like characters as a regex class body: hyphen-minus, the Unicode dashes (`—`), the minus sign,
box-drawing rules (`─━`) and full-width and small hyphens; a row of them is a separator, not a marker."""
_OPEN = r"[(（]"
_CLOSE = r"[)）]"

# Each scheme: a pattern anchored at the start whose group "n" is the number. Order matters: the more
# specific forms come first (`(一)` before `一、`, `第一章` before anything else).
_PATTERNS: tuple[tuple[Scheme, re.Pattern[str]], ...] = (
    (Scheme.CHAPTER, re.compile(rf"^第{_SP}(?P<n>{_NUM}){_SP}章")),
    (Scheme.SECTION, re.compile(rf"^第{_SP}(?P<n>{_NUM}){_SP}节")),
    (Scheme.PART, re.compile(rf"^第{_SP}(?P<n>{_NUM}){_SP}部分")),
    (Scheme.ARTICLE, re.compile(rf"^(?:第{_SP}(?P<n>{_NUM}){_SP}篇|篇{_SP}(?P<m>{_CN})(?![一-龥])"
                                rf"|范文{_SP}(?P<k>[0-9０-９]+|{_CN}(?![一-龥])))(?:{_SP}[:：、])?"
                                # the same in lenticular or square brackets: `【篇一】`, `[范文2]`
                                rf"|^[【〔\[]{_SP}(?:第{_SP}(?P<b>{_NUM}){_SP}篇|篇{_SP}(?P<c>{_CN})"
                                rf"|范文{_SP}(?P<d>[0-9０-９]+|{_CN})){_SP}[】〕\]](?:{_SP}[:：、])?")),
    (Scheme.CN_PAREN, re.compile(rf"^{_OPEN}{_SP}(?P<n>{_CN}){_SP}{_CLOSE}(?:{_SP}[、.．,，])?")),
    (Scheme.ARABIC_PAREN, re.compile(rf"^(?:{_OPEN}{_SP}(?P<n>[0-9０-９]{{1,3}}){_SP}{_CLOSE}"
                                     rf"|(?P<m>[0-9０-９]{{1,3}}){_SP}{_CLOSE})(?:{_SP}[、.．])?")),
    (Scheme.CN, re.compile(rf"^(?P<n>{_CN}){_SP}(?:、|[.．](?![0-9０-９]))")),
    (Scheme.ARABIC, re.compile(r"^(?P<n>[0-9０-９]{1,3})" + _SP + r"(?:、|[.．](?![0-9０-９]))")),
    (Scheme.ROMAN_UPPER, re.compile(rf"^(?P<n>[IVX]{{1,5}}){_SP}[.、．](?![0-9A-Za-z])"
                                    rf"|^(?P<m>[\u2160-\u216b])(?:{_SP}[.、．]|(?=[ \t\u3000]))")),
    (Scheme.ROMAN_LOWER, re.compile(rf"^(?P<n>[\u2170-\u217b])(?:{_SP}[.、．)）]|(?=[ \t\u3000]))")),
    (Scheme.LATIN_UPPER, re.compile(rf"^(?P<n>[A-Z]){_SP}[.、．](?![0-9A-Za-z])")),
    (Scheme.LATIN_LOWER, re.compile(rf"^(?P<n>[a-z]){_SP}[.、．)）](?![0-9A-Za-z])")),
    # `——` (or `--` typed for it) opening an item; never a longer run of dashes (a separator row, see
    # `separator_line`).
    (Scheme.DASH, re.compile(rf"^(?P<n>——|--)(?![{DASHES}])")),
)

_ROMAN = {"I": 1, "V": 5, "X": 10}


def _series(first: str, count: int, scheme: Scheme, start: int = 1) -> dict[str, tuple[Scheme, int]]:
    return {chr(ord(first) + k): (scheme, start + k) for k in range(count)}


# Unicode's enclosed numbers are one-character spellings of schemes the grammar knows, typed by people
# and written by Word for its enclosed number formats (readers/docx): each reads as its scheme, with the
# same level and the same heading/list decisions, and keeps the character as written.
_ENCLOSED: dict[str, tuple[Scheme, int]] = {
    **_series("\u3220", 10, Scheme.CN_PAREN),  # ㈠…㈩ (㈩ is the last: ㈪ after it means 月)
    **_series("\u3280", 10, Scheme.CN_PAREN),  # ㊀…㊉, circled ideographs (Word's ideographEnclosedCircle)
    **_series("\u2488", 20, Scheme.ARABIC),  # ⒈…⒛, number full stop
    **_series("\u2474", 20, Scheme.ARABIC_PAREN),  # ⑴…⒇
    **_series("\u2460", 20, Scheme.CIRCLED),  # ①…⑳
    **_series("\u3251", 15, Scheme.CIRCLED, 21),  # ㉑…㉟
    **_series("\u32b1", 15, Scheme.CIRCLED, 36),  # ㊱…㊿
    **_series("\u2776", 10, Scheme.CIRCLED),  # ❶…❿, dingbat negative circled
    **_series("\u24eb", 10, Scheme.CIRCLED, 11),  # ⓫…⓴, negative circled, going on from ❿
    **_series("\u2780", 10, Scheme.CIRCLED),  # ➀…➉, dingbat sans-serif circled
    **_series("\u278a", 10, Scheme.CIRCLED),  # ➊…➓, dingbat sans-serif negative circled
    **_series("\u24f5", 10, Scheme.CIRCLED),  # ⓵…⓾, double circled
    **_series("\u249c", 26, Scheme.LATIN_LOWER),  # ⒜…⒵
}
# An enumeration comma or full stop some typists add after the enclosed number anyway (`㈠、`).
_ENCLOSED_TAIL = re.compile(rf"(?:{_SP}(?:、|[.．](?![0-9０-９])))?")

# Financial numerals (大写) in both scripts and their common variants, as counting numerals.
_DAXIE = str.maketrans("壹贰貳貮叁參参肆伍陆陸柒捌玖拾佰", "一二二二三三三四五六六七八九十百")
_DAXIE_TRADITIONAL = str.maketrans("一二三四五六七八九十百", "壹貳參肆伍陸柒捌玖拾佰")
_DAXIE_SIMPLIFIED = str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰")
_DAXIE_CHARS = "壹贰貳貮叁參参肆伍陆陸柒捌玖拾佰"
# `壹、` … only with the enumeration comma (or a full stop): `參加`, `肆意`, `壹佰贰拾万元` are words.
_DAXIE_MARKER = re.compile(rf"^(?P<n>[{_DAXIE_CHARS}]{{1,3}}){_SP}(?:、|[.．](?![0-9０-９]))")


def daxie_number(text: str) -> int | None:
    """The value of a financial numeral from one to ninety-nine (`貳` → 2, `拾壹` → 11, `壹拾壹` → 11,
    `貳拾` → 20), or None when the characters do not spell one in the counting pattern (`壹壹`)."""
    counting = text.translate(_DAXIE)
    value = cn_number(counting)
    if value is None or not 1 <= value <= 99:
        return None
    written = to_cn_numeral(value)
    return value if counting in (written, "一" + written) else None


def daxie_numeral(n: int, *, traditional: bool) -> str:
    """`n` in financial numerals, in the counting pattern: `2` → `貳` (traditional) or `贰`."""
    return to_cn_numeral(n).translate(_DAXIE_TRADITIONAL if traditional else _DAXIE_SIMPLIFIED)


def is_daxie(marker: Marker) -> bool:
    """Whether the marker is numbered in financial numerals (`壹、`, `貳、`, `叁、`)."""
    return marker.scheme is Scheme.PART and _DAXIE_MARKER.match(tidy_raw(marker.raw)) is not None


def kept_as_written(marker: Marker) -> bool:
    """Whether the marker is written in a form `--numbering=keep` never rewrites: an enclosed character
    (`⑴`, `㈠`, `❶`) or financial numerals (`壹、`, `參、`). They are kept as the source has them rather
    than made like the majority (`⑴` never becomes `（1）`, `貳` never `二`); `gbt9704` and `renumber`
    still write the standard forms."""
    return tidy_raw(marker.raw)[:1] in _ENCLOSED or is_daxie(marker)

LADDER: tuple[tuple[Scheme, ...], ...] = (
    (Scheme.CHAPTER, Scheme.PART, Scheme.ARTICLE),
    (Scheme.SECTION,),
    (Scheme.CN, Scheme.ROMAN_UPPER, Scheme.DECIMAL_1),
    (Scheme.CN_PAREN, Scheme.LATIN_UPPER, Scheme.DECIMAL_2),
    (Scheme.ARABIC, Scheme.DECIMAL_3),
    (Scheme.ARABIC_PAREN, Scheme.LATIN_LOWER, Scheme.ROMAN_LOWER, Scheme.DECIMAL_4),
    (Scheme.CIRCLED, Scheme.DECIMAL_5),
    (Scheme.DASH, Scheme.BULLET),
)
"""The standard nesting (GB/T 9704 and common practice), top to bottom; schemes in one rung are peers.

A decimal outline is a ladder of its own: its depth d sits on the rung of `一、` plus d − 1, so `1` heads a
section like `一、` (level 2) and `1.2.1` sits where `1.` would (level 4)."""
RUNG: dict[Scheme, int] = {s: i for i, rung in enumerate(LADDER) for s in rung}
"""Each scheme's rung in `LADDER` (0 is the top)."""


def cn_number(text: str) -> int | None:
    """The value of a Chinese numeral (`十二` → 12, `一百零五` → 105, `二〇` → 20), or None."""
    if not text:
        return None
    if all(c in _CN_DIGITS for c in text) and len(text) > 1:
        value = 0
        for c in text:  # positional form: 二〇二三
            value = value * 10 + _CN_DIGITS[c]
        return value
    total, digit = 0, None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _number(text: str) -> int | None:
    if len(text) == 1 and "①" <= text <= "⑳":
        return ord(text) - ord("①") + 1
    text = text.translate(_FULLWIDTH_DIGITS)
    if text.isascii() and text.isdigit():
        return int(text)
    return cn_number(text)


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _roman(text: str) -> int | None:
    if len(text) == 1 and ("\u2160" <= text <= "\u216b" or "\u2170" <= text <= "\u217b"):
        return (ord(text) - 0x2160) % 16 + 1  # the numeral characters Ⅰ…Ⅻ and ⅰ…ⅻ
    values = [_ROMAN[c] for c in text]
    total = 0
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total or None


@dataclass(frozen=True, slots=True)
class Match:
    """A marker found at the start of a text, and the text after it."""

    marker: Marker
    """The marker, with `raw` exactly as the source had it (a marker ending in a word character, such as
    `第一章`, keeps the whitespace that separated it from its text)."""
    rest: str
    """The text after the marker, leading spaces removed."""


def match_marker(text: str) -> Match | None:
    """Recognise the numbering marker at the start of `text`, or None."""
    if text[:1] in _ENCLOSED:
        return _match_enclosed(text)
    if text[:1] in _DAXIE_CHARS:
        return _match_daxie(text)
    for scheme, pattern in _PATTERNS:
        m = pattern.match(text)
        if m is None:
            continue
        number = next(g for g in m.groupdict().values() if g is not None)
        if scheme is Scheme.DASH:
            ordinal: int | None = 0
        elif scheme in (Scheme.LATIN_UPPER, Scheme.LATIN_LOWER):
            ordinal = ord(number.lower()) - ord("a") + 1
        elif scheme in (Scheme.ROMAN_UPPER, Scheme.ROMAN_LOWER):
            ordinal = _roman(number)
        else:
            ordinal = _number(number)
        if ordinal is None:
            continue
        rest = text[m.end():]
        stripped = rest.lstrip(" \t\u3000")
        # A bare numeral line ("一、" alone) is still a marker; a bare "2023." or "A." is not worth one.
        if not stripped and scheme in (Scheme.ARABIC, Scheme.LATIN_UPPER, Scheme.LATIN_LOWER,
                                       Scheme.ROMAN_UPPER, Scheme.ROMAN_LOWER):
            continue
        if scheme is Scheme.DASH and _DASH_END.search(stripped):
            return None  # `——分隔线——`, `--END--`: a label between dashes is a separator, not an item
        if scheme in (Scheme.CN, Scheme.ARABIC) and _number_pair(scheme, stripped, ordinal):
            return None  # `一、二季度…`: two numbers that open a sentence, not a marker and its text
        raw = m.group(0)
        if stripped and _needs_separator(raw):
            # `第一部分　全年工作` : the space is the only thing between the marker and its text, so it
            # belongs to the marker; without it the two would print as one word (`第一部分全年工作`).
            raw += rest[:len(rest) - len(stripped)]  # as the source had it; `tidy_raw` makes it one
        return Match(Marker(scheme=scheme, ordinal=ordinal, raw=raw), stripped)
    return None


def _match_enclosed(text: str) -> Match | None:
    """An enclosed number (`⑴`, `㈠`, `⒈`, `❶`) read as the scheme it spells."""
    scheme, ordinal = _ENCLOSED[text[0]]
    tail = _ENCLOSED_TAIL.match(text, 1)
    end = tail.end() if tail is not None else 1
    rest = text[end:]
    stripped = rest.lstrip(_SPACES)
    if not stripped and scheme in (Scheme.ARABIC, Scheme.LATIN_LOWER):
        return None  # as for `1.`: a bare number line is not worth a marker
    if scheme is Scheme.ARABIC and _number_pair(scheme, stripped, ordinal):
        return None
    return Match(Marker(scheme=scheme, ordinal=ordinal, raw=text[:end]), stripped)


def _match_daxie(text: str) -> Match | None:
    """`壹、`, `貳、`, `拾壹、`: the rung above `一、` (Taiwan and Hong Kong documents), read as a part."""
    m = _DAXIE_MARKER.match(text)
    if m is None:
        return None
    ordinal = daxie_number(m.group("n"))
    if ordinal is None:
        return None
    stripped = text[m.end():].lstrip(_SPACES)
    pair = re.match(rf"[{_DAXIE_CHARS}]{{1,3}}", stripped)
    if (pair is not None and daxie_number(pair.group(0)) == ordinal + 1
            and _PAIR_TAIL.match(stripped, pair.end()) is not None and _CLAUSE_MARK.search(stripped)):
        return None  # `壹、貳級…，`: two numbers that open a sentence
    return Match(Marker(scheme=Scheme.PART, ordinal=ordinal, raw=m.group(0)), stripped)


_SPACES = " \t\u3000"
_DASH_END = re.compile(rf"[{DASHES}]{{2,}}$")

# What follows the second number of a pair that opens a sentence: another enumeration comma or a
# measure word (`一、二季度`, `3、4月份`, `1、2号楼`, `一、二、三级医院`, `二、三产业`).
# Traditional script has its own forms of some (`二、三級`, `1、2號樓`).
_PAIR_TAIL = re.compile(r"[、，,和及至到与與或]|[级級季月日号號期类類等批档檔年楼樓栋棟产產线線车車次]")
_PAIR_HEAD = {Scheme.CN: re.compile(r"[一二三四五六七八九十]{1,3}"),
              Scheme.ARABIC: re.compile(r"[0-9０-９]{1,3}")}
_CLAUSE_MARK = re.compile(r"[，,。；;！!？?]")


def _number_pair(scheme: Scheme, rest: str, ordinal: int) -> bool:
    """Whether `rest` opens with the next number of the same kind and a pair's tail (see `_PAIR_TAIL`),
    in a sentence: a line without a clause mark (`三、四季度工作安排`) is still a heading."""
    m = _PAIR_HEAD[scheme].match(rest)
    return (m is not None and _number(m.group(0)) == ordinal + 1
            and _PAIR_TAIL.match(rest, m.end()) is not None and _CLAUSE_MARK.search(rest) is not None)


def _needs_separator(marker: str) -> bool:
    """Whether a marker ends in a word character (`第一章`, `范文2`), so that text after it needs a gap."""
    return bool(marker) and marker[-1].isalnum()


def _separator(whitespace: str) -> str:
    """One separator for a run of whitespace: the ideographic space when the source used it, else a space."""
    if not whitespace:
        return ""
    return "\u3000" if "\u3000" in whitespace else " "


_CANONICAL: dict[Scheme, str] = {
    Scheme.CHAPTER: "第{cn}章",
    Scheme.SECTION: "第{cn}节",
    Scheme.PART: "第{cn}部分",
    Scheme.ARTICLE: "第{cn}篇",
    Scheme.CN: "{cn}、",
    Scheme.CN_PAREN: "（{cn}）",
    Scheme.ARABIC: "{n}.",
    Scheme.ARABIC_PAREN: "（{n}）",
    Scheme.CIRCLED: "{circled}",
    Scheme.LATIN_UPPER: "{upper}.",
    Scheme.LATIN_LOWER: "{lower}.",
    Scheme.ROMAN_UPPER: "{roman}.",
    Scheme.ROMAN_LOWER: "{roman_lower}.",
    Scheme.DASH: "——",
    Scheme.BULLET: "•",
    # A decimal marker's parents are not known from its ordinal: `with_last_number` rewrites its own raw.
    Scheme.DECIMAL_1: "{n}",
    Scheme.DECIMAL_2: "{n}",
    Scheme.DECIMAL_3: "{n}",
    Scheme.DECIMAL_4: "{n}",
    Scheme.DECIMAL_5: "{n}",
}


def to_cn_numeral(n: int) -> str:
    """`12` → `十二`, `105` → `一百零五` (the counting form used in markers)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    hundreds, rest = divmod(n, 100)
    tail = "" if rest == 0 else ("零" + to_cn_numeral(rest) if rest < 10 else
                                 (to_cn_numeral(rest) if rest >= 20 else "一" + to_cn_numeral(rest)))
    return digits[hundreds] + "百" + tail


def _to_roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def canonical_form(scheme: Scheme, ordinal: int) -> str:
    """The standard (GB/T 9704 style) form of a marker: `一、`, `（一）`, `1.`, `（1）`, `①`."""
    return _CANONICAL[scheme].format(
        cn=to_cn_numeral(ordinal), n=ordinal,
        circled=chr(ord("①") + ordinal - 1) if 1 <= ordinal <= 20 else f"({ordinal})",
        upper=chr(ord("A") + ordinal - 1) if 1 <= ordinal <= 26 else str(ordinal),
        lower=chr(ord("a") + ordinal - 1) if 1 <= ordinal <= 26 else str(ordinal),
        roman=_to_roman(ordinal), roman_lower=_to_roman(ordinal).lower(),
    )


def standard_form(marker: Marker, ordinal: int) -> str:
    """The form `--numbering=gbt9704/renumber` writes for `marker` numbered `ordinal`: `canonical_form`,
    except for financial numerals (`壹、`), which have no GB/T 9704 form and keep their own kind and script
    (`貳、` in a traditional document, `贰、` in a simplified one)."""
    if is_daxie(marker):
        tidy = tidy_raw(marker.raw)
        # Only 2, 3 and 6 differ between the scripts; a marker with none of them (`壹、`, `肆、`) is taken
        # as traditional, the script of the documents that use this ladder.
        simplified = any(c in "贰叁参陆" for c in tidy)
        return daxie_numeral(ordinal, traditional=not simplified) + "、"
    return canonical_form(marker.scheme, ordinal)


def tidy_raw(raw: str) -> str:
    """The source's own marker with stray spaces removed (`二 、` → `二、`, `1 、` → `1、`).

    The separator after a marker that ends in a word character stays, as one space of the source's
    width (`第一部分　` keeps its ideographic space, `第 二 章  ` → `第二章 `).
    """
    core = raw.rstrip(_SPACES)
    tidy = re.sub(r"[ \t\u3000]+", "", core)
    return tidy + _separator(raw[len(core):]) if _needs_separator(tidy) else tidy


def separator_of(raw: str) -> str:
    """The separator a marker keeps after itself (see `tidy_raw`): `"\u3000"`, `" "` or `""`."""
    tidy = tidy_raw(raw)
    return tidy[len(tidy.rstrip(_SPACES)):]


_CHINESE_NUMBERED = (Scheme.CN, Scheme.CN_PAREN, Scheme.CHAPTER, Scheme.SECTION, Scheme.PART)
_NUMBER_TOKEN = re.compile(r"[一二三四五六七八九十百零〇两]+|[0-9]+|[０-９]+|[IVX]+|[A-Za-z]"
                           r"|[\u2160-\u216b]|[\u2170-\u217b]")
# Placeholders for a number written in another kind of numeral than its scheme's usual one, so that the
# form keeps it: `第2篇` stays in digits, `１．` in full-width digits, `范文一` in Chinese numerals.
_KIND_FULLWIDTH, _KIND_DIGITS, _KIND_CN = "＃", "#0", "#一"
_KIND_ROMAN_CHAR, _KIND_ROMAN_LOWER_CHAR = "#Ⅰ", "#ⅰ"


def _chinese_by_default(scheme: Scheme, form: str) -> bool:
    return scheme in _CHINESE_NUMBERED or (scheme is Scheme.ARTICLE and "范文" not in form)


def form_of(marker: Marker) -> str:
    """The marker's shape with its number abstracted: `（三）` → `（#）`, `2 、` → `#、`.

    A number in another kind of numeral than the scheme's usual one keeps its kind in the placeholder
    (`１．` → `＃．`, `第2篇` → `第#0篇`, `范文一` → `范文#一`, `Ⅱ、` → `#Ⅰ、`), so that `render_form` writes
    it back in the same kind: the form made consistent never changes digits into Chinese numerals or
    full-width digits into half-width ones.
    """
    tidy = tidy_raw(marker.raw)
    if marker.scheme in (Scheme.DASH, Scheme.CIRCLED):
        return "#" if marker.scheme is Scheme.CIRCLED else tidy
    m = _NUMBER_TOKEN.search(tidy)
    if m is None:
        return tidy
    token = m.group(0)
    if token[0] in "０１２３４５６７８９":
        kind = _KIND_FULLWIDTH
    elif "\u2160" <= token[0] <= "\u216b":
        kind = _KIND_ROMAN_CHAR
    elif "\u2170" <= token[0] <= "\u217b":
        kind = _KIND_ROMAN_LOWER_CHAR
    elif token.isdigit() and _chinese_by_default(marker.scheme, tidy):
        kind = _KIND_DIGITS
    elif cn_number(token) is not None and token[0] in "一二三四五六七八九十百零〇两" \
            and not _chinese_by_default(marker.scheme, tidy):
        kind = _KIND_CN
    else:
        kind = "#"
    return tidy[:m.start()] + kind + tidy[m.end():]


def render_form(form: str, scheme: Scheme, ordinal: int) -> str:
    """A marker of `scheme` and `ordinal` written in the shape `form` (see `form_of`)."""
    for kind, number in (
            (_KIND_FULLWIDTH, str(ordinal).translate(_TO_FULLWIDTH)),
            (_KIND_DIGITS, str(ordinal)),
            (_KIND_CN, to_cn_numeral(ordinal)),
            (_KIND_ROMAN_CHAR, chr(0x2160 + ordinal - 1) if 1 <= ordinal <= 12 else _to_roman(ordinal)),
            (_KIND_ROMAN_LOWER_CHAR, chr(0x2170 + ordinal - 1) if 1 <= ordinal <= 12
             else _to_roman(ordinal).lower())):
        if kind in form:
            return form.replace(kind, number, 1)
    if _chinese_by_default(scheme, form):
        number = to_cn_numeral(ordinal)
    elif scheme is Scheme.CIRCLED:
        number = chr(ord("①") + ordinal - 1) if 1 <= ordinal <= 20 else str(ordinal)
    elif scheme is Scheme.LATIN_UPPER:
        number = chr(ord("A") + ordinal - 1)
    elif scheme is Scheme.LATIN_LOWER:
        number = chr(ord("a") + ordinal - 1)
    elif scheme is Scheme.ROMAN_UPPER:
        number = _to_roman(ordinal)
    elif scheme is Scheme.ROMAN_LOWER:
        number = _to_roman(ordinal).lower()
    else:
        number = str(ordinal)
    return form.replace("#", number, 1) if "#" in form else form


_TO_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


# --- decimal outlines (1 / 1.1 / 1.2.1) -------------------------------------------------------------------

DECIMAL_SCHEMES: tuple[Scheme, ...] = (Scheme.DECIMAL_1, Scheme.DECIMAL_2, Scheme.DECIMAL_3, Scheme.DECIMAL_4,
                                       Scheme.DECIMAL_5)
"""The decimal outline's schemes, by depth (index 0 is depth 1)."""

# Components of one or two digits (an outline never numbers a section 0 or past 99; `2023.12.31` and
# `0.5` are no outline numbers), joined by one kind of full stop, optionally closed by a delimiter.
_DIGIT = "[0-9０-９]"
_DECIMAL = re.compile(rf"^(?P<num>{_DIGIT}{{1,2}}(?P<dot>[.．]){_DIGIT}{{1,2}}"
                      rf"(?:(?P=dot){_DIGIT}{{1,2}}){{0,3}})"
                      rf"(?P<end>[.．、](?!{_DIGIT}))?(?P<gap>[ \t\u3000]*)")
# A depth-1 line of an outline written without a delimiter: `1 经营概况`, `2　存在的问题`.
_PLAIN_TOP = re.compile(rf"^(?P<num>{_DIGIT}{{1,2}})(?P<gap>[ \t\u3000]+)"
                        rf"(?=[\u4e00-\u9fffA-Za-z“「《]|{_DIGIT}{{4}}年)")  # a word or a year (`3 2024年…`)
# What a number glued to its text is measured in (`1.5倍`, `2.3亿元`, `3.5米`, `1.2版`): a quantity or a
# version, not a section number. After a gap only the forms no heading starts with are refused.
_GLUED_UNIT = re.compile(r"[倍%％‰℃万亿元米吨个千百十度分秒年月日天级版期号次小公平立克升斤亩户人台件项条]")
_SPACED_UNIT = re.compile(r"[倍%％‰℃]|[万亿][元人吨台件户个亩]")
_OUTLINE_SENTENCE_END = "。！？!?；;"
_OUTLINE_HEADING_MAX = 40  # characters: a longer line is body text, whatever its number


def decimal_parts(raw: str) -> tuple[int, ...]:
    """The numbers of a decimal marker: `1.2.1` → (1, 2, 1), `１．３、` → (1, 3)."""
    return tuple(int(n) for n in re.findall(r"[0-9]+", raw.translate(_FULLWIDTH_DIGITS)))


def match_decimal(text: str) -> Match | None:
    """A decimal outline number of two to five components at the start of `text` (`1.2 收入`,
    `1.2.1、客户开发`, `１．１　概况`), or None: the grammar only; whether the document has an outline
    is `decimal_outline`'s question.

    Not a marker: a bare number line, a quantity or version glued to a unit (`1.5倍`, `2.1版`), a number
    followed by more digits or a percent sign.
    """
    m = _DECIMAL.match(text)
    if m is None:
        return None
    rest = text[m.end():]
    parts = decimal_parts(m.group("num"))
    if not rest or 0 in parts or rest[0].isdigit() or rest[0] in ".．":
        return None
    if m.group("end") is None and not m.group("gap"):
        # Glued straight to its text: only a Chinese word that is no unit (`1.2.1客户开发`).
        if not "\u4e00" <= rest[0] <= "\u9fff" or _GLUED_UNIT.match(rest):
            return None
    elif _SPACED_UNIT.match(rest):
        return None
    raw = m.group(0)[:m.end() - len(m.group("gap"))]
    if not m.group("end"):
        raw += m.group("gap")  # the gap is what separates the number from its text (see tidy_raw)
    scheme = DECIMAL_SCHEMES[len(parts) - 1]
    return Match(Marker(scheme=scheme, ordinal=parts[-1], raw=raw), rest)


def _outline_top(text: str) -> Match | None:
    """A line that can be the depth-1 line of an outline: `1 经营概况` or an arabic marker (`1.`, `1、`)."""
    m = _PLAIN_TOP.match(text)
    if m is not None:
        return Match(Marker(scheme=Scheme.DECIMAL_1, ordinal=int(m.group("num").translate(_FULLWIDTH_DIGITS)),
                            raw=m.group(0)), text[m.end():])
    found = match_marker(text)
    if found is None or found.marker.scheme is not Scheme.ARABIC:
        return None
    return Match(replace(found.marker, scheme=Scheme.DECIMAL_1), found.rest)


def _heading_line(rest: str) -> bool:
    rest = rest.rstrip()
    return 0 < len(rest) <= _OUTLINE_HEADING_MAX and not any(c in _OUTLINE_SENTENCE_END for c in rest)


def decimal_outline(texts: list[str | None]) -> dict[int, Match]:
    """The lines (by index in `texts`) that form the document's decimal outline, with their markers.

    Conservative: an outline is evident only when at least two lines numbered two or more deep read as
    headings (short, no sentence end) and two of the outline's lines are next to each other in it
    (`1.1` then `1.2`, or `1.2` then `1.2.1`). An outline's numbers rise in document order (1 < 1.1 <
    1.2 < 1.2.1 < 2 < 3.1), so the longest rising sequence of the deep numbers is the outline and a
    number outside it (`1.5 倍` in prose, a date) stays text. A depth-1 line (`1 经营概况`, `2.`) joins
    only where the outline leaves room for its number: after the sections of the number before it and
    before those of its own, so a `1.` `2.` list inside section 1.1 stays an arabic list.
    """
    deep = [(i, found) for i, t in enumerate(texts)
            if t is not None and (found := match_decimal(t)) is not None]
    chain = _rising([decimal_parts(f.marker.raw) for _, f in deep])
    kept = [deep[k] for k in chain]
    if sum(1 for _, f in kept if _heading_line(f.rest)) < 2 or not any(
            _adjacent(decimal_parts(a.marker.raw), decimal_parts(b.marker.raw))
            for (_, a), (_, b) in itertools.pairwise(kept)):
        return {}
    out = dict(kept)
    tops: list[int] = []  # depth-1 numbers taken so far
    for i, t in enumerate(texts):
        top = _outline_top(t) if t is not None and i not in out else None
        if top is None or not _heading_line(top.rest):
            continue
        n = top.marker.ordinal
        before = [decimal_parts(f.marker.raw)[0] for j, f in kept if j < i]
        after = next((decimal_parts(f.marker.raw)[0] for j, f in kept if j > i), None)
        done = max([*before[-1:], *tops[-1:]], default=0)
        if n > done and (n <= after if after is not None else n == done + 1):
            out[i] = top
            tops.append(n)
    return out


def _adjacent(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether `b` comes right after `a` in an outline: its next sibling (`1.2` → `1.3`), its first child
    (`1.2` → `1.2.1`), or the first child of the next parent (`1.3` → `2.1`)."""
    if b == (*a, 1):
        return True
    if len(a) != len(b) or not a:
        return False
    if a[:-1] == b[:-1]:
        return b[-1] == a[-1] + 1
    return b[-1] == 1 and _adjacent(a[:-1], b[:-1])


def _rising(numbers: list[tuple[int, ...]]) -> list[int]:
    """Indexes of a longest strictly rising subsequence of `numbers` (the first one found)."""
    tails: list[int] = []  # tails[k]: index of the smallest last element of a rising run of length k + 1
    back: list[int] = [-1] * len(numbers)
    for i, n in enumerate(numbers):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if numbers[tails[mid]] < n:
                lo = mid + 1
            else:
                hi = mid
        back[i] = tails[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(i)
        else:
            tails[lo] = i
    out: list[int] = []
    k = tails[-1] if tails else -1
    while k >= 0:
        out.append(k)
        k = back[k]
    return out[::-1]


def with_last_number(raw: str, ordinal: int) -> str:
    """A decimal marker with its last number replaced (`1.2.3` → `1.2.5`), in the source's digits."""
    m = list(re.finditer(r"[0-9]+|[０-９]+", raw))
    if not m:
        return raw
    last = m[-1]
    fullwidth = last.group(0)[0] in "０１２３４５６７８９"
    number = str(ordinal).translate(_TO_FULLWIDTH) if fullwidth else str(ordinal)
    return raw[:last.start()] + number + raw[last.end():]
