"""Required literals of a residue pattern: text every match must contain, found by reading the pattern.

Most residue rules match nothing in most documents, yet a regex that opens with optional parts or a
lookbehind (`(?:…)?全文共`, `(?<=[汉字])www\\.`) is tried at every position of every line. Each such
pattern still names words that any match must contain (`全文`, a `.` before a domain ending), so a
document in which none of them occurs cannot match anywhere, and the rule is skipped for it after one
substring search per literal over the whole document. The literals are derived from the parsed pattern
itself, for built-in and user rules alike, so they can never drift from the pattern they stand for.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any

_parser: Any
_c: Any
try:
    # The parser behind `re.compile`: public as `sre_parse` until Python 3.11, which deprecated that name.
    _parser = importlib.import_module("re._parser")
    _c = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover  # a Python without the module: every rule simply runs
    _parser = _c = None

_MAX_ALTERNATIVES = 24
"""More strings than this to look for would cost more than the rule they would spare."""


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The cheapest of several sets of which each is required. Each member costs one substring search
    over the document, so fewer members win, as long as they are at least two characters long (a single
    character is in almost every document); then longer members."""
    # A member that holds another member adds nothing: wherever it occurs, so does the shorter one.
    minimal = [frozenset(s for s in c if not any(t != s and t in s for t in c)) for c in candidates]
    usable = [c for c in minimal if c and len(c) <= _MAX_ALTERNATIVES]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(len(s) for s in c) >= 2, -len(c), min(len(s) for s in c)))


_Need = tuple[frozenset[str] | None, frozenset[str] | None]
"""What a node requires: strings one of which every match contains (None: no guarantee), and the strings
the node matches exactly, when it matches nothing else (None: not a closed list)."""


def _required(items: Any) -> _Need:  # `items`: the parser's untyped node list
    """What every match of a node sequence requires (see `_Need`)."""
    candidates: list[frozenset[str]] = []
    cur: frozenset[str] = frozenset({""})  # the exact strings the nodes since the last break spell
    exact = True

    def close() -> None:
        nonlocal cur
        if "" not in cur:
            candidates.append(cur)
        cur = frozenset({""})

    for op, av in items:
        if op is _c.AT or op is _c.ASSERT or op is _c.ASSERT_NOT:
            continue  # consumes nothing: what stands on either side is still adjacent
        need: frozenset[str] | None = None
        ex: frozenset[str] | None = None
        if op is _c.LITERAL:
            need = ex = frozenset({chr(av)})
        elif op is _c.SUBPATTERN:
            need, ex = _required(av[3])
        elif op is _c.ATOMIC_GROUP:
            need, ex = _required(av)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, high, sub = av
            sub_need, sub_ex = _required(sub)
            need = sub_need if low >= 1 else None
            if low == high == 1:
                ex = sub_ex
            elif sub_ex is not None and low == 0 and high == 1:
                ex = sub_ex | {""}  # optional: present or not
        elif op is _c.BRANCH:
            parts = [_required(b) for b in av[1]]
            needs = [n for n, _ in parts]
            exs = [e for _, e in parts]
            need = None if any(n is None for n in needs) else frozenset().union(*needs)  # type: ignore[arg-type]
            ex = None if any(e is None for e in exs) else frozenset().union(*exs)  # type: ignore[arg-type]
        # anything else (character classes, any character, back references) requires nothing known
        if need is not None and "" not in need:
            candidates.append(need)  # on its own too: a shorter list may search faster than a product
        if ex is not None and len(cur) * len(ex) <= _MAX_ALTERNATIVES:
            cur = frozenset(s + t for s in cur for t in ex)
            continue
        exact = False
        close()
    spelled = cur if exact else None
    close()
    return _best(candidates), spelled


def trigger(pattern: str) -> tuple[str, ...] | None:
    """Casefolded strings one of which every match of `pattern` (compiled case-insensitively, like the
    rules) contains, or None when the pattern requires no literal text. Look for them in the casefolded
    text: `any(s in text.casefold() for s in trigger(pattern))`."""
    if _parser is None:  # pragma: no cover
        return None
    need, _spelled = _required(_parser.parse(pattern, re.IGNORECASE))
    if need is None:
        return None
    return tuple(sorted({s.casefold() for s in need}))


class TriggerIndex:
    """Which of many texts contain the required literals of rules (`trigger`).

    A document has a few hundred lines and a few dozen rules, most of which match nothing. Asking each
    line whether it holds each rule's literals would cost a Python call per line per rule, and a substring
    search per literal over the whole document costs a scan per literal; here the lines are joined and
    casefolded once, and one pattern built from all the literals finds, in one scan, every position where
    one starts. A rule then runs only on the lines that hold one of its literals, which gives the same
    matches as running it on every line.
    """

    __slots__ = ("_found", "_size")

    def __init__(self, texts: Sequence[str], triggers: Iterable[tuple[str, ...] | None]) -> None:
        """Index `texts` for the literals of `triggers` (only those can be asked for)."""
        self._size = len(texts)
        strings = frozenset(s for t in triggers if t is not None for s in t if s)
        found: dict[str, set[int]] = {s: set() for s in strings}
        self._found = found
        if not strings or not texts:
            return
        joined = "\n".join(texts)
        folded = joined.casefold()
        if len(folded) != len(joined):
            # A character whose casefold is longer shifts the offsets: texts one by one.
            for k, text in enumerate(texts):
                cased = text.casefold()
                for s in strings:
                    if s in cased:
                        found[s].add(k)
            return
        ends = list(itertools.accumulate(len(t) + 1 for t in texts))  # one past each text's separator
        finder, prefixes = _finder(strings)
        pos = 0
        while (m := finder.search(folded, pos)) is not None:
            at = m.start()
            k = bisect.bisect_right(ends, at)
            end = ends[k] - 1
            # The longest literal starting here is matched; every literal that also starts here is a
            # prefix of it.
            for s in prefixes[m.group()]:
                if at + len(s) <= end:  # not run across the separator into the next text
                    found[s].add(k)
            pos = at + 1

    def containing(self, trigger: tuple[str, ...] | None) -> Sequence[int]:
        """Indices (ascending) of the texts that contain one of `trigger`; all of them for None."""
        if trigger is None or not all(trigger):
            return range(self._size)
        hits: set[int] = set()
        for s in trigger:
            hits.update(self._found[s])
        return sorted(hits)


@functools.lru_cache(maxsize=16)
def _finder(strings: frozenset[str]) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """A pattern matching, at a position, the longest of `strings` that starts there; and for each
    string, the strings that are prefixes of it (itself included)."""
    trie: dict[str, Any] = {}
    for s in strings:
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}  # a string ends here

    def pattern(node: dict[str, Any]) -> str:
        # Each branch opens with another character, so at most one can go on: the greedy `?` that
        # lets a string end early makes the match the longest string along the path.
        branches = [re.escape(ch) + pattern(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    prefixes = {s: tuple(t for t in strings if s.startswith(t)) for s in strings}
    return re.compile(pattern(trie)), prefixes
