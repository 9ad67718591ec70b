"""Word's automatic numbering (numbering.xml) rendered as the text Word draws in front of a paragraph.

A numbered paragraph names a numbering instance (`w:num`, by `numId`) and a level (`ilvl`). The instance
points to an abstract definition (`w:abstractNum`) whose levels give the number format (`w:numFmt`), the
level text with `%1`…`%9` placeholders (`w:lvlText`), the start value and when the level restarts. The
counters are kept the way Word keeps them:

- instances of one abstract definition share its counters (a second `w:num` continues the list), unless
  the instance overrides a level's start (`w:lvlOverride/w:startOverride`), which restarts that level
  the first time the instance is used;
- using a level restarts every deeper level (unless the deeper level's `w:lvlRestart` says otherwise);
- an abstract definition that only links to a numbering style (`w:numStyleLink`) takes its levels from
  the definition that style uses.

Rendering a number turns `一、`, `（一）`, `1.` from Word's numbering into the same text a typed number is,
so the structure stage treats both alike.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from docconv.diagnostics import DiagnosticLog
from docconv.structure.numbering import to_cn_numeral

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = W + "val"
_LEVELS = 9
_BULLET = "•"
# Private-use characters are glyphs of symbol fonts (Wingdings, Symbol): only the font knows the shape.
_PRIVATE_USE = range(0xE000, 0xF900)


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a numbering definition."""

    fmt: str
    """`w:numFmt`: decimal, chineseCounting, bullet, none, …"""
    text: str
    """`w:lvlText` with `%1`…`%9` placeholders."""
    start: int
    """First value of the counter."""
    restart: int | None
    """`w:lvlRestart`: restart after a use of this 1-based level or a shallower one; 0 never; None
    (absent) after any shallower level."""
    legal: bool
    """`w:isLgl`: placeholders of other levels are drawn as decimal numbers."""
    suffix: str
    """What follows the number: tab, space or nothing."""


@dataclass(slots=True)
class _Usage:
    """How one abstract definition was used, for its summary diagnostic."""

    count: int = 0
    formats: dict[int, tuple[str, str]] = field(default_factory=dict)
    first: str = ""
    last: str = ""


def int_val(element: etree._Element | None, default: int) -> int:
    """The integer in an element's `w:val`, or `default` when the element or a valid number is missing."""
    if element is None:
        return default
    try:
        return int(element.get(_VAL, ""))
    except ValueError:
        return default


def _level(lvl: etree._Element, base: Level | None = None) -> Level:
    fmt = lvl.find(W + "numFmt")
    text = lvl.find(W + "lvlText")
    restart = lvl.find(W + "lvlRestart")
    legal = lvl.find(W + "isLgl")
    suffix = lvl.find(W + "suff")
    return Level(
        fmt=fmt.get(_VAL, "decimal") if fmt is not None else (base.fmt if base else "decimal"),
        text=text.get(_VAL, "") if text is not None else (base.text if base else ""),
        start=int_val(lvl.find(W + "start"), base.start if base else 0),
        restart=int_val(restart, 0) if restart is not None else (base.restart if base else None),
        legal=(legal is not None and legal.get(_VAL, "1") not in ("0", "false", "off"))
        or (base.legal if base and legal is None else False),
        suffix=suffix.get(_VAL, "tab") if suffix is not None else (base.suffix if base else "tab"),
    )


@dataclass(frozen=True, slots=True)
class _Instance:
    abstract: str
    levels: dict[int, Level]
    start_overrides: dict[int, int]
    style_levels: dict[str, int]
    """Paragraph style id → the level whose `w:pStyle` names it."""


class Numbering:
    """The numbering definitions of one document and the counters of a read through it, in order."""

    def __init__(self, root: etree._Element | None, style_num_id: Callable[[str], str | None]) -> None:
        """Read `numbering.xml` (None when the document has none); `style_num_id` gives the `numId` a
        paragraph style carries, for definitions that link to a numbering style."""
        abstracts: dict[str, dict[int, Level]] = {}
        style_levels: dict[str, dict[str, int]] = {}
        style_links: dict[str, str] = {}
        self._instances: dict[str, _Instance] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._used: set[str] = set()
        self._usage: dict[str, _Usage] = {}
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            aid = abstract.get(W + "abstractNumId", "")
            abstracts[aid] = {_int_attr(lvl): _level(lvl) for lvl in abstract.findall(W + "lvl")}
            style_levels[aid] = {}
            for level_el in abstract.findall(W + "lvl"):
                pstyle = level_el.find(W + "pStyle")
                if pstyle is not None:
                    style_levels[aid].setdefault(pstyle.get(_VAL, ""), _int_attr(level_el))
            link = abstract.find(W + "numStyleLink")
            if link is not None:
                style_links[aid] = link.get(_VAL, "")
        raw_nums: dict[str, etree._Element] = {n.get(W + "numId", ""): n for n in root.iter(W + "num")}
        for num_id, num in raw_nums.items():
            aid = _abstract_of(num)
            # A definition that only names a numbering style uses the definition that style points to.
            if aid in style_links:
                linked_num = raw_nums.get(style_num_id(style_links[aid]) or "")
                if linked_num is not None and _abstract_of(linked_num) in abstracts:
                    aid = _abstract_of(linked_num)
            levels = dict(abstracts.get(aid, {}))
            starts: dict[int, int] = {}
            for override in num.findall(W + "lvlOverride"):
                ilvl = _int_attr(override)
                start = override.find(W + "startOverride")
                if start is not None:
                    starts[ilvl] = int_val(start, 0)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl, levels.get(ilvl))
            self._instances[num_id] = _Instance(aid, levels, starts, style_levels.get(aid, {}))

    def style_level(self, num_id: str, style_id: str) -> int:
        """The level a paragraph of style `style_id` takes in list `num_id` when neither the paragraph
        nor its style names one: the level linked to the style by `w:pStyle`, else the first."""
        inst = self._instances.get(num_id)
        return inst.style_levels.get(style_id, 0) if inst is not None else 0

    def render(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counters for a paragraph numbered (`num_id`, `ilvl`) and return the text Word
        draws in front of it, separator included; None when the paragraph has no visible number."""
        inst = self._instances.get(num_id)
        if inst is None or not 0 <= ilvl < _LEVELS:
            return None
        level = inst.levels.get(ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(inst.abstract, [None] * _LEVELS)
        if num_id not in self._used:
            self._used.add(num_id)
            for lvl in inst.start_overrides:
                if 0 <= lvl < _LEVELS:
                    counters[lvl] = None
        current = counters[ilvl]
        counters[ilvl] = self._start(inst, ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            restart = inst.levels[deeper].restart if deeper in inst.levels else None
            # lvlRestart counts levels from 1: a value of v restarts after levels 1..v, i.e. ilvl < v.
            if restart is None or ilvl < restart:
                counters[deeper] = None
        text = self._level_text(inst, level, counters)
        if not text:
            return None
        self._note_usage(inst.abstract, ilvl, level, text)
        return text + _separator(level, text)

    def _start(self, inst: _Instance, ilvl: int) -> int:
        if ilvl in inst.start_overrides:
            return inst.start_overrides[ilvl]
        level = inst.levels.get(ilvl)
        return level.start if level is not None else 1

    def _level_text(self, inst: _Instance, level: Level, counters: list[int | None]) -> str:
        if level.fmt == "bullet":
            text = level.text
            return _BULLET if not text or any(ord(c) in _PRIVATE_USE for c in text) else text
        if level.fmt == "none":
            # The level text may still hold literal characters (`第` `章` with the number elsewhere).
            return _strip_placeholders(level.text)
        out: list[str] = []
        text = level.text
        i = 0
        while i < len(text):
            c = text[i]
            if c == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                ref = int(text[i + 1]) - 1
                ref_level = inst.levels.get(ref)
                value = counters[ref]
                if value is None:
                    value = self._start(inst, ref)
                fmt = ref_level.fmt if ref_level is not None and not level.legal else "decimal"
                out.append(format_number(fmt, value))
                i += 2
                continue
            out.append(c)
            i += 1
        return "".join(out)

    def _note_usage(self, abstract: str, ilvl: int, level: Level, text: str) -> None:
        usage = self._usage.setdefault(abstract, _Usage())
        usage.count += 1
        usage.formats.setdefault(ilvl, (level.fmt, level.text))
        if not usage.first:
            usage.first = text
        usage.last = text

    def report(self, log: DiagnosticLog) -> None:
        """One diagnostic per numbering definition that numbered paragraphs: formats and how many."""
        for abstract, usage in self._usage.items():
            levels = ", ".join(f"level {ilvl + 1} {fmt} {text!r}"
                               for ilvl, (fmt, text) in sorted(usage.formats.items()))
            log.report("read.docx.numbering",
                       f"Word numbering {abstract} ({levels}) written as text in front of {usage.count} "
                       f"paragraph(s), from {usage.first!r} to {usage.last!r}",
                       text=usage.first)


def _int_attr(element: etree._Element) -> int:
    try:
        return int(element.get(W + "ilvl", "0"))
    except ValueError:
        return 0


def _abstract_of(num: etree._Element) -> str:
    ref = num.find(W + "abstractNumId")
    return ref.get(_VAL, "") if ref is not None else ""


def _strip_placeholders(text: str) -> str:
    out = []
    i = 0
    while i < len(text):
        if text[i] == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
            i += 2
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def _separator(level: Level, text: str) -> str:
    """What stands between the number and the text: Word's tab or space, dropped after a wide mark."""
    if level.suffix == "nothing":
        return ""
    if level.suffix == "space" or level.fmt == "bullet":
        return " "  # a bullet is a symbol before the text, not punctuation closing a number
    # A tab after `一、`, `（一）` or `①` is layout; after `1.` or `第一章` it is the gap a typist types.
    last = text[-1]
    return " " if last.isascii() or unicodedata.category(last) == "Lo" else ""


# --------------------------------------------------------------------------------------- number formats

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PARENS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOPS = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_IDEOGRAPH_CIRCLED = "㊀㊁㊂㊃㊄㊅㊆㊇㊈㊉"
_IDEOGRAPH_PARENS = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_DIGITS_CN = "〇一二三四五六七八九"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _from_table(table: str, n: int) -> str:
    return table[n - 1] if 1 <= n <= len(table) else str(n)


def _cycle(table: str, n: int) -> str:
    return table[(n - 1) % len(table)] if n >= 1 else str(n)


def _letters(n: int) -> str:
    # Word repeats the letter past Z: AA, BB, …
    if n < 1:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n < 1:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def _legal_cn(n: int) -> str:
    """Financial numerals (壹贰叁), in the counting pattern of `to_cn_numeral`."""
    counting = to_cn_numeral(n)
    return counting.translate(str.maketrans("一二三四五六七八九十百零", "壹贰叁肆伍陆柒捌玖拾佰零"))


def format_number(fmt: str, n: int) -> str:
    """Number `n` drawn in Word's number format `fmt` (decimal for formats Word draws with other
    scripts' digits that Chinese reports do not use)."""
    match fmt:
        case "chineseCounting" | "chineseCountingThousand" | "japaneseCounting" \
                | "taiwaneseCounting" | "taiwaneseCountingThousand":
            return to_cn_numeral(n) if n >= 0 else str(n)
        case "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand":
            return "".join(_DIGITS_CN[int(d)] for d in str(n)) if n >= 0 else str(n)
        case "chineseLegalSimplified" | "ideographLegalTraditional" | "japaneseLegal":
            return _legal_cn(n) if n >= 0 else str(n)
        case "ideographTraditional":
            return _cycle(_HEAVENLY_STEMS, n)
        case "ideographZodiac":
            return _cycle(_EARTHLY_BRANCHES, n)
        case "decimalEnclosedCircle" | "decimalEnclosedCircleChinese":
            return _from_table(_CIRCLED, n)
        case "decimalEnclosedParen":
            return _from_table(_PARENS, n)
        case "decimalEnclosedFullstop":
            return _from_table(_FULLSTOPS, n)
        case "ideographEnclosedCircle":
            return _from_table(_IDEOGRAPH_CIRCLED, n)
        case "ideographParenthesized" | "ideographEnclosedParen":
            return _from_table(_IDEOGRAPH_PARENS, n)
        case "decimalFullWidth" | "decimalFullWidth2":
            return str(n).translate(_FULLWIDTH)
        case "decimalZero":
            return f"{n:02d}"
        case "upperLetter":
            return _letters(n)
        case "lowerLetter":
            return _letters(n).lower()
        case "upperRoman":
            return _roman(n)
        case "lowerRoman":
            return _roman(n).lower()
        case "none":
            return ""
        case _:
            return str(n)  # decimal, decimalHalfWidth, ordinal and formats without a Chinese form
