"""Simulated damage for repair tests and benchmarks: the pinyin annotator over GBK bytes, and mojibake.

The annotator follows the mechanism found in scraped reports: `(pinyin)` is inserted after every
occurrence of a key's two GBK bytes (so also across a character boundary), and the page is decoded by
a decoder that writes `?` for a lead byte followed by an invalid trail (swallowing a `(` or `<` there).
It is deterministic: one key set for a whole document, every occurrence of a key annotated (the real
report has 862 annotations of 106 keys and not one unannotated occurrence of a key).

The mojibake decoders are the ones real software uses: Python's codecs with errors='replace' (one
U+FFFD per undecodable byte for GBK/GB18030 and for cp1252) and errors='ignore' (the byte vanishes),
and the lossless readings (latin-1; cp1252 as browsers apply it, with the five undefined bytes read as
latin-1).
"""

from __future__ import annotations

import random

from pypinyin.constants import PINYIN_DICT


def annotate_gbk(text: str, keys: dict[str, str]) -> str:
    """Insert `(pinyin)` after every byte occurrence of each key, then decode as the damaging site did."""
    raw = text.encode("gbk")
    for ch, syl in keys.items():
        key = ch.encode("gbk")
        raw = raw.replace(key, key + b"(" + syl.encode("gbk") + b")")
    return site_decode(raw)


SWALLOWED = b"(<"
"""Bytes the damaging decoder consumed after a bad lead byte: in the real damage the `(` of the
annotation and the `<` of a closing tag vanished behind `?`, while a following `,` survived."""


def site_decode(raw: bytes) -> str:
    """GBK decoding that writes `?` for a bad lead byte, swallowing a following `(` or `<`."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        b = raw[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if i + 1 >= len(raw):
            out.append("?")
            break
        pair = raw[i : i + 2]
        if pair[1] < 0x40 or pair[1] in (0x7F, 0xFF):
            out.append("?")
            i += 2 if pair[1] in SWALLOWED else 1
            continue
        try:
            out.append(pair.decode("gbk"))
        except UnicodeDecodeError:
            try:
                got = pair.decode("gb18030")
            except UnicodeDecodeError:
                got = "?"
            out.append(got if len(got) == 1 else "?")
        i += 2
    return "".join(out)


def utf8_as_gbk(text: str) -> str:
    """UTF-8 bytes read as GBK by a decoder that writes U+FFFD for each undecodable byte (Python's)."""
    return text.encode("utf-8").decode("gbk", errors="replace")


def utf8_as_gbk_ignore(text: str) -> str:
    """UTF-8 bytes read as GBK by a decoder that drops each undecodable byte (errors='ignore')."""
    return text.encode("utf-8").decode("gbk", errors="ignore")


def utf8_as_gb18030(text: str) -> str:
    """UTF-8 bytes read as GB18030 (user-defined pairs become private-use characters; U+FFFD per bad byte)."""
    return text.encode("utf-8").decode("gb18030", errors="replace")


def utf8_as_cp1252_replace(text: str) -> str:
    """UTF-8 bytes read as cp1252 by Python: U+FFFD for each of the five bytes cp1252 leaves undefined."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def utf8_as_latin1(text: str) -> str:
    """UTF-8 bytes read as latin-1."""
    return text.encode("utf-8").decode("latin-1")


def utf8_as_cp1252(text: str) -> str:
    """UTF-8 bytes read as cp1252, with latin-1 for the five bytes cp1252 leaves undefined (as browsers do)."""
    return "".join(
        bytes((b,)).decode("cp1252", errors="strict") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
        for b in text.encode("utf-8")
    )


def gbk_as_latin1(text: str) -> str:
    """GBK bytes read as latin-1."""
    return text.encode("gbk").decode("latin-1")


def gbk_as_cp1252(text: str) -> str:
    """GBK bytes read as cp1252, with latin-1 for the five bytes cp1252 leaves undefined (as browsers do)."""
    return "".join(
        bytes((b,)).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
        for b in text.encode("gbk")
    )


def gbk_as_cp1252_replace(text: str) -> str:
    """GBK bytes read as cp1252 by Python: U+FFFD for each of the five undefined bytes."""
    return text.encode("gbk").decode("cp1252", errors="replace")


def crossing_key(text: str, i: int) -> str | None:
    """The character GBK reads from the trail byte of text[i] and the lead byte of text[i + 1], if any."""
    try:
        a, b = text[i].encode("gbk"), text[i + 1].encode("gbk")
    except UnicodeEncodeError:
        return None
    if len(a) != 2 or len(b) != 2:
        return None
    try:
        ch = bytes((a[1], b[0])).decode("gbk")
    except UnicodeDecodeError:
        return None
    return ch if len(ch) == 1 and "\u4e00" <= ch <= "\u9fff" else None


def first_reading(ch: str) -> str | None:
    """pypinyin's first tone-marked reading of a character."""
    raw = PINYIN_DICT.get(ord(ch))
    return raw.split(",")[0] if raw else None


def damage_at(text: str, crossings: list[int], aligned: str = "") -> str:
    """Annotate with keys that cross the boundaries after the given character indexes (first), then
    with the characters in `aligned`: the site's mechanism, aimed at chosen places."""
    keys: dict[str, str] = {}
    for i in crossings:
        ch = crossing_key(text, i)
        syl = first_reading(ch) if ch else None
        if ch and syl:
            keys[ch] = syl
    for ch in aligned:
        syl = first_reading(ch)
        if syl:
            keys[ch] = syl
    return annotate_gbk(text, keys)


def document_keys(paragraphs: list[str], rng: random.Random, share: float, runs: int) -> dict[str, str]:
    """One annotator key set for a whole document, each key with its first pypinyin reading.

    A `share` of the document's distinct Han characters are keys (the real key set held 15% of the
    report's distinct characters), chosen among those whose bytes never straddle a character boundary
    in this document; then characters that some boundary reads as are drawn (uniformly over distinct
    characters, as a key list made without regard to the text would be) until about `runs` boundaries
    are hit. So the damage density is set by `runs` (the real report: six damaged runs in about 4,300
    characters) rather than by the accident of which common characters were drawn; every occurrence of
    every key is still annotated, across boundaries too.
    """
    hits: dict[str, int] = {}
    for p in paragraphs:
        for i in range(len(p) - 1):
            ch = crossing_key(p, i)
            if ch:
                hits[ch] = hits.get(ch, 0) + 1
    han = sorted({c for p in paragraphs for c in p if "\u4e00" <= c <= "\u9fff"} - set(hits))
    keys: dict[str, str] = {}
    for ch in rng.sample(han, int(share * len(han))):
        syl = first_reading(ch)
        if syl:
            keys[ch] = syl
    hit = 0
    for ch in rng.sample(sorted(hits), len(hits)):
        if hit >= runs:
            break
        syl = first_reading(ch)
        if syl:
            keys[ch] = syl
            hit += hits[ch]
    return keys
