"""Residue rules as data: the `Rule` record, the built-in rule set, and loading of user rule files.

A rule names one kind of site residue. It has an id (`family.name`), a family, a regular expression, the
zone of the document where it may remove text (`where`), how its match is used (`kind`) and a one-line
reason that every diagnostic repeats. Patterns are matched against a *folded* view of the text:
full-width ASCII is folded to half-width, U+3000 and NBSP to a space, traditional characters to simplified
(snownlp's table, for matching only: the text keeps its script), and (for whole-line and block rules)
pinyin annotations such as `(shí)` and a Markdown quote mark (`> `) are skipped. Patterns are compiled
case-insensitively, so they are written once, in half-width simplified form.

Kinds:

- `line`: the whole line (a paragraph, or one line of a paragraph with line breaks) must match
  (`fullmatch`, surrounding spaces ignored) and is removed;
- `block`: the whole paragraph is removed when the pattern is found anywhere in it;
- `inline`: only the matched text is removed and the sentence around it is kept;
- `tail-start`: the line is removed and opens a reading tail (a list of related titles, then possibly
  whole articles the site appended; those are kept as separate articles).

Zones (`where`): `head` (the lines before the first body paragraph), `tail` (the lines after the last
body paragraph, before the end or before a reading tail), `edges` (either) and `anywhere`. A `line` or
`block` rule that matches outside its zone keeps the text and, when `suspect_elsewhere` is set, reports
it as suspect.

Named groups `date`, `source` and `author` in a pattern move what they match into the document metadata.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from docconv.clean.packagedata import derived_table, snownlp_script_pairs
from docconv.clean.rules import literals
from docconv.errors import OptionError


class Where(StrEnum):
    """The zone of a document where a rule may remove text."""

    HEAD = "head"
    """Before the first body paragraph."""
    TAIL = "tail"
    """After the last body paragraph (of the document, or of the text before a reading tail)."""
    EDGES = "edges"
    """Head or tail."""
    ANYWHERE = "anywhere"
    """Any position."""


class Kind(StrEnum):
    """How a rule's match is used."""

    LINE = "line"
    """The whole line must match; the line is removed."""
    BLOCK = "block"
    """A match anywhere in the paragraph removes the whole paragraph."""
    INLINE = "inline"
    """Only the matched text is removed."""
    TAIL_START = "tail-start"
    """The whole line must match; it is removed and opens a reading tail."""


META_GROUPS = frozenset({"date", "source", "author"})
"""Named groups a pattern may use to move text into `Meta`."""

_ID = re.compile(r"[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)+")
_FULLWIDTH_ASCII = re.compile(r"[\uff01-\uff5e\u3000]")


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """One named kind of residue."""

    id: str
    """Unique identifier, `family.name`; used by `--keep`/`--drop` and in diagnostics."""
    family: str
    """Rule family (furniture, blurb, tail, truncation, banner, watermark, duplicate, score or a user's)."""
    pattern: str
    """Regular expression over the folded text (see the module docstring)."""
    kind: Kind
    """How the match is used."""
    where: Where
    """Zone where the rule may remove text."""
    reason: str
    """One line saying why this is residue; repeated in every diagnostic."""
    max_len: int = 200
    """Longest line (line, tail-start, inline) or paragraph (block) the rule looks at, in characters."""
    enabled: bool = True
    """Whether the rule runs by default; `--keep` turns it off, `--drop` turns it on."""
    suspect: bool = False
    """The evidence is weak: report matches as suspect and keep the text."""
    suspect_elsewhere: bool = True
    """Report a match outside the rule's zone as suspect (otherwise stay silent)."""
    corroborate: bool = False
    """The wording alone is not enough: remove a match only when other residue was removed from the same
    document; in a document with no other residue keep it and report it as suspect."""
    _regex: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)
    _trigger: tuple[str, ...] | None = field(default=None, init=False, repr=False, compare=False)
    _trigger_known: bool = field(default=False, init=False, repr=False, compare=False)

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern. Compiled when first used: most rules find none of their literals
        (`trigger`) in a document and never run, and compiling the whole rule set took a quarter of a
        single-file call."""
        got = self._regex
        if got is None:
            got = re.compile(self.pattern, re.IGNORECASE)
            object.__setattr__(self, "_regex", got)
        return got

    @property
    def trigger(self) -> tuple[str, ...] | None:
        """Casefolded strings one of which every match contains (`docconv.clean.rules.literals`): a
        document without any of them is skipped by the rule. None when the pattern requires no literal.
        Those of the built-in rules come from a table kept on disk (`builtin_triggers`)."""
        if not self._trigger_known:
            table = _builtin_triggers()
            got = table[self.pattern] if self.pattern in table else literals.trigger(self.pattern)
            object.__setattr__(self, "_trigger", got)
            object.__setattr__(self, "_trigger_known", True)
        return self._trigger


_TRIGGER_FORMAT = 1
"""Bumped when the layout of the trigger table changes."""


@functools.cache
def _builtin_triggers() -> dict[str, tuple[str, ...] | None]:
    """The required literals of every built-in pattern, read from docconv's cache directory (reading the
    patterns for them takes about 40 ms per process); the entry is keyed on literals.py, which derives
    them, and on the patterns themselves."""
    from docconv.clean.rules.builtin import BUILTIN  # noqa: PLC0415 - it imports this module

    patterns = sorted({r.pattern for r in BUILTIN})
    table: dict[str, tuple[str, ...] | None] = derived_table(
        "rule-triggers", Path(literals.__file__), _TRIGGER_FORMAT,
        lambda: {p: literals.trigger(p) for p in patterns}, content="\0".join(patterns))
    return table


def rule(
    id: str,  # the field name users write in rule files
    pattern: str,
    *,
    kind: str,
    where: str,
    reason: str,
    max_len: int = 200,
    enabled: bool = True,
    suspect: bool = False,
    suspect_elsewhere: bool = True,
    corroborate: bool = False,
) -> Rule:
    """Build a built-in rule; the family is the first part of the id."""
    return Rule(id=id, family=id.split(".", 1)[0], pattern=pattern, kind=Kind(kind), where=Where(where),
                reason=reason, max_len=max_len, enabled=enabled, suspect=suspect,
                suspect_elsewhere=suspect_elsewhere, corroborate=corroborate)


# ------------------------------------------------------------------------------------------------- folding

# Traditional forms of the characters the residue vocabulary uses, and their simplified forms, pair by pair.
# One character maps to one character, so folding keeps offsets and inline matches map back to the text.
# They take precedence over snownlp's table (`_script_table`), which is the general source.
_TRAD = (
    "時間導語來網觀點與為們轉載編輯責覽瀏擊閱讀關薦於發佈頁檔優質傾會員隱顯當現處條鏈權聲註冊錄訪問數評論"
    "復製熱門歡參選準備範緒標籤鍵詞頂閉簡體顧詢師創傳戶須請聯繫寫靈啟維動態總結劃計報彙匯講話驗稱擴興僅學習"
    "資費預級開購買該見讓幫題對從這個類細節詳紹號後隨機構單內務節戲劇稿責專業獲倉愛選區縣鎮紀錄讚貼廣告"
    "歸藍識別碼長掃訊視貢獻還餘積幣眾贊舉樓屬謝圖審刪辦護術")
_SIMP = (
    "时间导语来网观点与为们转载编辑责览浏击阅读关荐于发布页档优质倾会员隐显当现处条链权声注册录访问数评论"
    "复制热门欢参选准备范绪标签键词顶闭简体顾询师创传户须请联系写灵启维动态总结划计报汇汇讲话验称扩兴仅学习"
    "资费预级开购买该见让帮题对从这个类细节详绍号后随机构单内务节戏剧稿责专业获仓爱选区县镇纪录赞贴广告"
    "归蓝识别码长扫讯视贡献还余积币众赞举楼属谢图审删办护术")
_WIDTH: dict[str, str] = {"\u3000": " ", "\u00a0": " ",
                          **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}}
# A pinyin annotation a converter left after a character: 總結(jié), 時(shí)間.
_PINYIN = re.compile(r"(?<=[\u3400-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[1-5]?\)")


@functools.cache
def _script_table() -> tuple[dict[str, str], re.Pattern[str]]:
    """Every character folding changes, with its folded form, and a pattern finding them.

    The traditional characters come from snownlp's table (about 2,700 that are no simplified character),
    so any residue rule written in simplified matches a page in traditional script (`來源`, `閱`, `轉藏`,
    `評論公約`) without the output's script ever changing."""
    table = {**snownlp_script_pairs(), **dict(zip(_TRAD, _SIMP, strict=True)), **_WIDTH}
    return table, re.compile("[" + re.escape("".join(table)) + "]")


def fold(text: str) -> str:
    """The matching view of `text`, character for character (same length, same offsets)."""
    table, foldable = _script_table()
    # A substitution over the few characters that fold is about three times faster than `str.translate`,
    # which looks every character of a non-ASCII string up in the table; in a text in traditional script,
    # where most characters fold, it is half as fast (about 0.1 ms per thousand characters).
    return foldable.sub(lambda m: table[m.group()], text)


def line_key(text: str) -> str:
    """The matching view of a whole line or paragraph: folded, pinyin annotations skipped, stripped."""
    return key_of_folded(fold(text))


def key_of_folded(folded: str) -> str:
    """`line_key` of a text already folded."""
    # Every annotation holds a "(": most lines have none and skip the regex, whose lookbehind start
    # gives it no literal to scan for.
    key = (_PINYIN.sub("", folded) if "(" in folded else folded).strip()
    # A line quoted in Markdown ('> 阅读 86 · 评论 0', an exported note's trailer) is the same line to
    # the rules; '>>' before a word is a button's arrow, which the rules spell out themselves.
    return _QUOTE_MARK.sub("", key, count=1) if key.startswith("> ") else key


_QUOTE_MARK = re.compile(r"^(?:>\s+)+")


# ------------------------------------------------------------------------------------------ user rule files

_FIELDS: dict[str, type] = {
    "id": str, "family": str, "pattern": str, "kind": str, "where": str, "reason": str,
    "max_len": int, "enabled": bool, "suspect": bool, "suspect_elsewhere": bool, "corroborate": bool,
}
_REQUIRED = ("id", "pattern", "kind", "where", "reason")


def load_rule_file(path: str) -> tuple[Rule, ...]:
    """Read and validate one TOML rule file; every problem is an OptionError naming file and rule."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise OptionError(
            f"rule file {path}: cannot read it ({exc.strerror}); check the --rules path") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise OptionError(f"rule file {path}: not UTF-8 (byte {exc.start}); save it as UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise OptionError(f"rule file {path}: invalid TOML ({exc}); fix the syntax") from exc
    unknown_top = sorted(set(data) - {"rule"})
    if unknown_top:
        raise OptionError(f"rule file {path}: unknown top-level key(s) {', '.join(unknown_top)}; "
                          "write each rule as a [[rule]] table")
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise OptionError(f"rule file {path}: 'rule' must be an array of tables; write [[rule]] before each")
    return tuple(_user_rule(path, n, entry) for n, entry in enumerate(entries, start=1))


def _user_rule(path: str, n: int, entry: dict[str, Any]) -> Rule:
    name = entry.get("id") if isinstance(entry.get("id"), str) else f"#{n}"
    where = f"rule file {path}, rule {name}"
    unknown = sorted(set(entry) - set(_FIELDS))
    if unknown:
        raise OptionError(f"{where}: unknown field(s) {', '.join(unknown)}; "
                          f"known fields: {', '.join(_FIELDS)}")
    missing = [k for k in _REQUIRED if k not in entry]
    if missing:
        raise OptionError(f"{where}: missing field(s) {', '.join(missing)}")
    for key, value in entry.items():
        expected = _FIELDS[key]
        # bool is a subclass of int: max_len = true must still be refused.
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise OptionError(f"{where}: field {key} must be a {expected.__name__}, not {value!r}")
    rid: str = entry["id"]
    if not _ID.fullmatch(rid):
        raise OptionError(f"{where}: id must look like 'family.name' (lowercase letters, digits, - and _)")
    family: str = entry.get("family", rid.split(".", 1)[0])
    if not family.strip():
        raise OptionError(f"{where}: family must not be empty")
    try:
        kind = Kind(entry["kind"])
    except ValueError:
        raise OptionError(f"{where}: kind must be one of {', '.join(k.value for k in Kind)}, "
                          f"not {entry['kind']!r}") from None
    try:
        zone = Where(entry["where"])
    except ValueError:
        raise OptionError(f"{where}: where must be one of {', '.join(w.value for w in Where)}, "
                          f"not {entry['where']!r}") from None
    pattern: str = entry["pattern"]
    if not pattern:
        raise OptionError(f"{where}: pattern must not be empty")
    if _FULLWIDTH_ASCII.search(pattern):
        raise OptionError(f"{where}: pattern contains full-width characters; text is folded to half-width "
                          "before matching, so write ':' '(' ',' instead of '：' '（' '，'")
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise OptionError(f"{where}: pattern is not a valid regular expression ({exc})") from exc
    bad_groups = sorted(set(compiled.groupindex) - META_GROUPS)
    if bad_groups:
        raise OptionError(f"{where}: named group(s) {', '.join(bad_groups)} not allowed; "
                          f"use {', '.join(sorted(META_GROUPS))} or unnamed groups (?:...)")
    if compiled.match("") is not None and kind is not Kind.INLINE:
        raise OptionError(f"{where}: pattern matches the empty string, which would remove blank text")
    if compiled.search("") is not None and kind is Kind.INLINE:
        raise OptionError(f"{where}: inline pattern matches the empty string")
    max_len: int = entry.get("max_len", 200)
    if max_len <= 0:
        raise OptionError(f"{where}: max_len must be positive")
    reason: str = entry["reason"]
    if not reason.strip():
        raise OptionError(f"{where}: reason must not be empty; say in one line why this is residue")
    return Rule(id=rid, family=family.strip(), pattern=pattern, kind=kind, where=zone, reason=reason.strip(),
                max_len=max_len, enabled=entry.get("enabled", True), suspect=entry.get("suspect", False),
                suspect_elsewhere=entry.get("suspect_elsewhere", True),
                corroborate=entry.get("corroborate", False))


# ------------------------------------------------------------------------------------------------ selection

DETECTOR_IDS: dict[str, str] = {
    "furniture.forum-reply": "furniture",
    "furniture.forum-poster": "furniture",
    "tail.dated-titles": "tail",
    "tail.related-titles": "tail",
    "tail.appended-article": "tail",
    "duplicate.repeated-title": "duplicate",
    "duplicate.summary-copy": "duplicate",
    "score.edge-furniture": "score",
    "furniture.html-region": "furniture",
    "furniture.html-links": "furniture",
    "furniture.gov-index": "furniture",
    "furniture.above-title": "furniture",
    "furniture.between-residue": "furniture",
    "furniture.account-name": "furniture",
    "furniture.edge-rule": "furniture",
    "furniture.qr-image": "furniture",
}
"""Ids of the residue decisions made in code rather than by a pattern; they can be kept like rules."""


def select(
    builtin: Iterable[Rule],
    extra: Iterable[Rule],
    keep: Iterable[str],
    drop: Iterable[str],
) -> tuple[tuple[Rule, ...], frozenset[str]]:
    """The rules to run and the detector ids turned off, after `--keep`/`--drop`.

    `keep` and `drop` name rule ids or whole families; an unknown name is an OptionError (a typo would
    otherwise silently change nothing).
    """
    rules: list[Rule] = []
    seen: set[str] = set()
    for r in (*builtin, *extra):
        if r.id in seen or r.id in DETECTOR_IDS:
            raise OptionError(f"residue rule id {r.id} is defined twice; give the user rule another id")
        seen.add(r.id)
        rules.append(r)
    families = {r.family for r in rules} | set(DETECTOR_IDS.values())
    known = seen | set(DETECTOR_IDS) | families
    keep_set, drop_set = set(keep), set(drop)
    for name in sorted(keep_set | drop_set):
        if name not in known:
            raise OptionError(f"unknown residue rule or family {name!r}; run with --explain to see the ids "
                              "of the rules that fired, or see docs/residue.md for the list")
    both = sorted(keep_set & drop_set)
    if both:
        raise OptionError(f"residue rule(s) {', '.join(both)} given to both --keep and --drop; choose one")

    def on(rid: str, family: str, default: bool) -> bool:
        if rid in keep_set:
            return False
        if rid in drop_set:
            return True
        if family in keep_set:
            return False
        if family in drop_set:
            return True
        return default

    active = tuple(r for r in rules if on(r.id, r.family, r.enabled))
    off = frozenset(d for d, fam in DETECTOR_IDS.items() if not on(d, fam, True))
    return active, off
