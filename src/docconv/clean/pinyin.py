"""Pinyin annotations that sites insert after Han characters (`總結(jié)`): find them and strip them.

A parenthesised Hanyu Pinyin syllable directly after a Han character is an annotation when it is a
reading of that character (pypinyin's table, heteronyms included) and carries a tone mark, or is that
character's neutral-tone reading. Real parentheticals (`(一)`, `(KPI)`, `(1)`, `(市CDC)`) never match:
they are not a single pinyin syllable. A tone-marked syllable that is not a reading of the character
is stripped only in a document that is evidently annotated, and reported as suspect otherwise.

An annotator writes the same syllable after its key every time it annotates it, but many annotate only
some occurrences (the first on a page, or some paragraphs). A character the document annotates with
two syllables (`银行(háng)`, `行(xíng)走` in a note on readings) is a reading someone wrote on purpose,
and is kept with a warning unless the document is annotated throughout (nearly all its annotated
characters consistent), as is an annotation after a pronunciation cue (`读作`, `注音`…). A character
shown bare more often than annotated is weak evidence of a meant reading: the annotation still goes
when it sits inside a word (`管(guǎn)理(lǐ)` splits 管理, which no one writing a reading on purpose does:
a reading follows the word it reads) in a document carrying enough consistent annotations and no talk
of pronunciation; otherwise it is kept with a warning.

Annotators that work word by word write one bracket after a whole word (`总结(zǒng jié)`, `领导(lǐngdǎo)`,
or toneless in square brackets, `纳税[nashui]`). Such a bracket is an annotation only when its syllables,
spaced or run together, segment exactly into one reading of each of the two to six characters before it
(toneless syllables match the readings without their tones): `(PPP)`, `[2023]`, `(试行)` and English
words never do. A toneless one is weaker evidence (a name's spelling, `小米(xiaomi)`, has the same shape)
and goes only in a document that carries enough annotations.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import NamedTuple

from docconv.clean.chars import HAN
from docconv.clean.packagedata import installed_file

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
"""Vowels (and syllabic nasals) with a tone mark."""

SYLLABLE = rf"[a-zü{TONED}]{{1,6}}"
"""A regex for one pinyin syllable written with tone marks (no digits, no capitals)."""

_TONED_RE = re.compile(f"[{TONED}]")
# One space may also stand inside the syllable: PDF text extraction splits `zhǎng` where a tone-marked
# vowel comes from a full-width glyph (GB2312's pinyin letters are full-width in SimSun and its kin).
# The search starts at the parenthesis and looks back for the Han character: a pattern that opens with
# the Han class is tried at every Han character of the text, one that opens with a bracket only at brackets.
_ANNOTATION = re.compile(rf"[(（][ \u3000]?(?P<syl>[a-zü{TONED}](?:[ \u3000]?[a-zü{TONED}]){{0,5}})"
                         rf"(?P<digit>[1-5])?[ \u3000]?[)）]")
_HAN = re.compile(HAN)
_INNER_SPACE = re.compile(r"(?<=\S)[ \u3000](?=\S)")
# A bracket holding lowercase pinyin letters, one word or several syllables apart (a word annotation).
_BRACKETED = re.compile(rf"(?P<open>[(（\[［])[ \u3000]?"
                        rf"(?P<body>[a-züv{TONED}]+(?:['’ \u3000-][a-züv{TONED}]+){{0,7}}"
                        rf"|[a-züv]+[1-5](?:['’ \u3000-]?[a-züv]+[1-5]){{0,7}})"
                        rf"[ \u3000]?(?P<close>[)）\]］])")
"""A bracket holding lowercase pinyin: tone marks or none (`zǒng jié`, `nashui`), or a tone digit after
every syllable (`zong3 jie2`, `zong3jie2`), the form of dictionaries, input methods and pinyin tools."""
_NUMBERED = re.compile(r"(?P<letters>[a-züv]+)(?P<digit>[1-5])")
_SEPARATOR = re.compile(r"['’ \u3000-]")
_PAIRS = {"(": ")）", "（": ")）", "[": "]］", "［": "]］"}

WORD_MIN = 2
"""Fewest characters a word annotation covers (one character is the single-syllable form)."""
WORD_MAX = 6
"""Most characters a word annotation covers."""

ANNOTATED_MIN = 3
"""Verified annotations a document needs before a non-reading syllable is stripped too."""

INCONSISTENT_MAX = 0.2
"""Share of a document's annotated characters that may be inconsistent in a document annotated
throughout."""

_BASE = str.maketrans({
    **dict.fromkeys("āáǎà", "a"), **dict.fromkeys("ēéěè", "e"), **dict.fromkeys("īíǐì", "i"),
    **dict.fromkeys("ōóǒò", "o"), **dict.fromkeys("ūúǔù", "u"), **dict.fromkeys("ǖǘǚǜ", "ü"),
    **dict.fromkeys("ńňǹ", "n"), "ḿ": "m",
})


@cache
def _pinyin_table() -> dict[int, str]:
    """pypinyin's table of readings by code point, read from the data file the package installs. Importing
    pypinyin would load its phrase dictionary too (about 190,000 small lists that every full garbage
    collection of a batch worker then walks), and docconv needs only the table."""
    path = installed_file("pypinyin", "pinyin_dict.json", "pypinyin's reading table")
    raw: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return {int(k): v for k, v in raw.items()}


@lru_cache(maxsize=8192)
def readings(ch: str) -> frozenset[str]:
    """The tone-marked readings of one character (empty when pypinyin does not know it); remembered,
    as an annotated document asks about the same characters over and over."""
    raw = _pinyin_table().get(ord(ch))
    return frozenset(raw.split(",")) if raw else frozenset()


@cache
def _syllables() -> frozenset[str]:
    """Every toneless syllable that occurs as a reading of some character."""
    return frozenset(r.translate(_BASE) for raw in _pinyin_table().values() for r in raw.split(","))


@lru_cache(maxsize=8192)
def _forms(ch: str) -> tuple[frozenset[str], frozenset[str]]:
    """The readings of `ch` with their tone marks, and without (`ü` also written `v`, as keyboards do)."""
    toned = readings(ch)
    bare = {r.translate(_BASE) for r in toned}
    return toned, frozenset(bare | {r.replace("ü", "v") for r in bare})


def _spells(word: str, body: str) -> bool:
    """Whether `body` (syllables apart or run together) is one reading of each character of `word`, in
    order: a tone-marked syllable must be the reading itself, a toneless one the reading without tones."""
    groups = _SEPARATOR.split(body)

    @cache
    def fits(i: int, g: int, pos: int) -> bool:
        # i: the next character of the word; g, pos: where reading stands in the groups.
        if g == len(groups):
            return i == len(word)
        if pos == len(groups[g]):
            return pos > 0 and fits(i, g + 1, 0)
        if i == len(word):
            return False
        toned, bare = _forms(word[i])
        group = groups[g]
        for size in range(1, min(6, len(group) - pos) + 1):
            syl = group[pos : pos + size]
            if (syl in toned if has_tone(syl) else syl in bare) and fits(i + 1, g, pos + size):
                return True
        return False

    return fits(0, 0, 0)


def _word_before(text: str, start: int, body: str) -> str | None:
    """The word of two to six Han characters right before offset `start` that `body` spells, shortest
    first, or None."""
    run = 0
    while run < WORD_MAX and start - run > 0 and _HAN.match(text, start - run - 1):
        run += 1
    n = _spelled(text[start - run : start], body) if run >= WORD_MIN else 0
    return text[start - n : start] if n else None


@lru_cache(maxsize=8192)
def _spelled(chars: str, body: str) -> int:
    """How many of the last characters of `chars` `body` spells (the fewest, at least `WORD_MIN`), or 0;
    remembered (an annotated document repeats the same pairs hundreds of times)."""
    return next((n for n in range(WORD_MIN, len(chars) + 1) if _spells(chars[-n:], body)), 0)


@lru_cache(maxsize=8192)
def is_syllable(text: str) -> bool:
    """Whether `text` is a real pinyin syllable (tone marks allowed); remembered like `readings`."""
    return text.translate(_BASE) in _syllables()


def is_reading(ch: str, syllable: str) -> bool:
    """Whether `syllable` is one of the readings of `ch`."""
    return syllable in readings(ch)


def has_tone(syllable: str) -> bool:
    """Whether the syllable carries a tone mark."""
    return bool(_TONED_RE.search(syllable))


class Annotation(NamedTuple):
    """One pinyin annotation found in a text (a named tuple: an annotated document holds hundreds, and a
    frozen dataclass costs three times as much to build)."""

    start: int
    """Offset of the opening parenthesis."""
    end: int
    """Offset just past the closing parenthesis."""
    han: str
    """The annotated character, or the word a word annotation covers."""
    syllable: str
    """The syllable inside the parentheses (a word annotation's syllables, one space apart)."""
    verified: bool
    """Whether the syllable is a reading of the character."""


_MARKS = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "ü": "ǖǘǚǜ"}
"""Each vowel with the four tone marks, in tone order."""


@lru_cache(maxsize=4096)
def marked(letters: str, digit: str) -> str | None:
    """A syllable written with a tone digit (`zhong1`, `lv4`; 5 is the neutral tone) in tone marks
    (`zhōng`, `lǜ`), or None when it has no vowel to carry the mark. The mark goes on `a` or `e`, on
    the `o` of `ou`, and otherwise on the last vowel (the standard rule)."""
    syl = letters.replace("v", "ü")
    tone = int(digit)
    if tone == 5:
        return syl
    if "a" in syl or "e" in syl:
        k = syl.index("a" if "a" in syl else "e")
    elif "ou" in syl:
        k = syl.index("o")
    else:
        vowels = [i for i, c in enumerate(syl) if c in "iouü"]
        if not vowels:
            return None
        k = vowels[-1]
    return syl[:k] + _MARKS[syl[k]][tone - 1] + syl[k + 1 :]


def _marked_body(body: str) -> str | None:
    """A bracket's syllables written with tone digits, in tone marks and one space apart (None when one
    of them has no vowel); any other body as it is."""
    if not body[-1:].isdigit():
        return body
    out = [marked(m.group("letters"), m.group("digit")) for m in _NUMBERED.finditer(body)]
    return None if None in out else " ".join(s for s in out if s)


def find_annotations(text: str) -> list[Annotation]:
    """Every parenthesised pinyin syllable directly after a Han character, verified or not."""
    out: list[Annotation] = []
    for m in _ANNOTATION.finditer(text, 1):
        start, end = m.span()
        if _HAN.match(text, start - 1):
            han = text[start - 1]
            judged = _judge(han, m.group("syl"), m.group("digit") or "")
            if judged is not None:
                out.append(Annotation(start, end, han, judged[0], judged[1]))
    return out


def find_word_annotations(text: str) -> list[Annotation]:
    """Every bracket after a word of two to six Han characters that spells the word's readings (verified
    by construction)."""
    out: list[Annotation] = []
    for m in _BRACKETED.finditer(text, 1):
        start, end = m.span()
        body = _marked_body(m.group("body"))
        paired = m.group("close") in _PAIRS[m.group("open")]
        if body is None or len(body) < 2 or not paired or not _HAN.match(text, start - 1):
            continue
        word = _word_before(text, start, body)
        if word is not None:
            out.append(Annotation(start, end, word, " ".join(_SEPARATOR.split(body)), True))
    return out


def find_all(text: str) -> list[Annotation]:
    """The annotations of `text` of both forms, in order: a bracket that spells the word before it is a
    word annotation, though its syllables may also pass for one syllable of its last character
    (`西安(xī ān)` is no `安(xīān)`)."""
    words = find_word_annotations(text)
    if not words:
        return find_annotations(text)
    taken = {a.start for a in words}
    return sorted(words + [a for a in find_annotations(text) if a.start not in taken])


def is_word_annotation(a: Annotation) -> bool:
    """Whether an annotation covers a word (several characters) rather than one character."""
    return len(a.han) > 1


@lru_cache(maxsize=8192)
def _judge(han: str, raw: str, digit: str = "") -> tuple[str, bool] | None:
    """The syllable of a parenthesised `raw` after `han` and whether it is a reading of `han`, or None
    when it is no annotation; remembered (an annotated document repeats the same pairs hundreds of
    times). A syllable with a tone digit (`zong3`) is judged in tone marks, and only as a reading of
    `han`: letters and a digit that are not one (`v2`, `ab1`) are a code or a model number."""
    if digit:
        syl = marked(raw, digit) if raw.isalpha() and not has_tone(raw) else None
        return (syl, True) if syl is not None and is_reading(han, syl) else None
    syl = raw
    if _INNER_SPACE.search(syl):
        syl = _INNER_SPACE.sub("", syl, count=1)
        if " " in syl or "\u3000" in syl or len(syl) > 6:
            return None  # two spaces: words, not one syllable split once
    if not is_syllable(syl):
        return None
    verified = is_reading(han, syl)
    if not verified and not has_tone(syl):
        return None  # a toneless word that is not this character's reading: ordinary text
    return syl, verified


def count_verified(text: str) -> int:
    """How many verified annotations `text` carries (the evidence that a document is annotated)."""
    return sum(1 for a in find_annotations(text) if a.verified)


def two_readings(found: list[Annotation]) -> frozenset[str]:
    """The annotated characters that carry two different syllables: no annotator writes that."""
    per_char: dict[str, set[str]] = {}
    for a in found:
        per_char.setdefault(a.han, set()).add(a.syllable)
    return frozenset(h for h, syls in per_char.items() if len(syls) > 1)


def mostly_bare(text: str, found: list[Annotation]) -> frozenset[str]:
    """The annotated characters `text` shows bare more often than annotated (bare occurrences up to the
    annotated count are allowed: a repaired damaged run gives a key back bare)."""
    count: dict[str, int] = {}
    for a in found:
        count[a.han] = count.get(a.han, 0) + 1
    return frozenset(h for h, n in count.items() if text.count(h) > 2 * n)


def inconsistent(text: str, found: list[Annotation]) -> frozenset[str]:
    """The annotated characters of `text` that an annotator annotating every occurrence cannot have
    written: annotated with two different syllables, or shown bare more often than annotated."""
    return two_readings(found) | mostly_bare(text, found)


PRONUNCIATION_CUES = ("读作", "读音", "读成", "读为", "念作", "念成", "念为", "注音", "拼音", "发音", "字音",
                      "音为", "多音字", "声调", "讀作", "讀音", "讀成", "讀為", "發音", "聲調")
"""Words of a text that talks about pronunciation (a note on readings, a language lesson)."""

_CUE_REACH = 6
"""Characters before an annotated run in which a pronunciation cue marks the annotation as meant."""


def speaks_of_pronunciation(text: str) -> bool:
    """Whether `text` talks about pronunciation anywhere: its annotations may all be meant."""
    return any(cue in text for cue in PRONUNCIATION_CUES)


def after_cue(text: str, run: list[Annotation]) -> bool:
    """Whether a pronunciation cue (`读作`, `注音`…) stands just before the annotated run: a reading meant."""
    first = run[0].start - len(run[0].han)  # the first annotated character
    window = text[max(0, first - _CUE_REACH) : first]
    return any(cue in window for cue in PRONUNCIATION_CUES)


def runs(found: list[Annotation]) -> list[list[Annotation]]:
    """The annotations of one text grouped into runs of consecutive annotated characters
    (`管(guǎn)理(lǐ)` is one run of two)."""
    out: list[list[Annotation]] = []
    for a in found:
        if out and out[-1][-1].end == a.start - len(a.han):
            out[-1].append(a)
        else:
            out.append([a])
    return out


def splits_word(text: str, run: list[Annotation], full: str, is_word: Callable[[str], bool]) -> bool:
    """Whether the annotated run sits inside a word: two of its characters, or its last character and the
    one after it, make a dictionary word (`is_word`) or a pair the document `full` shows bare
    (`管(guǎn)理(lǐ)` beside `网格化管理`)."""
    chars = [a.han for a in run]
    after = text[run[-1].end : run[-1].end + 1]
    if _HAN.fullmatch(after):
        chars.append(after)
    return any(is_word(x + y) or x + y in full for x, y in itertools.pairwise(chars))


def annotated_throughout(text: str, found: list[Annotation]) -> bool:
    """Whether `text` carries a tool's annotations: enough verified ones, nearly all consistent."""
    if sum(1 for a in found if a.verified) < ANNOTATED_MIN:
        return False
    keys = {a.han for a in found}
    return len(inconsistent(text, found)) <= INCONSISTENT_MAX * len(keys)


def annotator_evidence(text: str, found: list[Annotation]) -> bool:
    """Whether `text` carries a tool's annotations, if only on some occurrences: at least `ANNOTATED_MIN`
    verified tone-marked annotations of characters it annotates with one syllable, and no talk of
    pronunciation (a language lesson annotates on purpose)."""
    two = two_readings(found)
    consistent = sum(1 for a in found if a.verified and has_tone(a.syllable) and a.han not in two)
    return consistent >= ANNOTATED_MIN and not speaks_of_pronunciation(text)
