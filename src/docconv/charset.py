"""Character-set detection: decide how input bytes decode to text, say how sure we are, never garble.

Evidence is weighed in a fixed order, and the first step that decides wins:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. an explicit `--encoding` (method `forced`) or a charset the document declares (HTML `<meta charset>`,
   `http-equiv` content, XML declaration; method `declared`), checked against the bytes;
3. strict UTF-8, tolerating a last character cut at the end (method `utf8`);
4. candidate decodes (gb18030, cp950, big5hkscs, UTF-16/32 without BOM) scored by how plausible the
   result is as Chinese (method `scored`); chardet breaks near-ties (method `chardet`);
5. a line-by-line decode when lines disagree, e.g. a UTF-8 page with one GBK paragraph (method `mixed`);
6. chardet's own answer, verified to decode cleanly, for input that is not Chinese (method `chardet`).

Nothing decodes silently with replacement characters: if no step decodes the input cleanly, decoding
fails with `DecodingError` (exit 92) and the byte offset, unless `errors="replace"` was asked for, in
which case each replacement is a warning diagnostic with its position.

Legacy labels decode with their superset codecs: a GB2312/GBK label as gb18030, Big5 as cp950 (and
big5hkscs when cp950 cannot decode the bytes). See docs/encoding.md for the user-facing account.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from docconv.ast import Pos
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.errors import DecodingError, UnsupportedCharsetError
from docconv.plausibility import Plausibility, demote_hkscs_only, has_bad, plausibility

# --------------------------------------------------------------------------------------------------
# Decoding primitives


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with the decision that produced it."""

    text: str
    """The decoded text."""
    encoding: str
    """Python codec name used (for `mixed`, the codec of most of the bytes)."""
    confidence: float
    """How sure the decision is, 0..1."""
    method: str
    """bom, declared, utf8, scored, chardet, mixed or forced."""


@dataclass(frozen=True, slots=True)
class _Attempt:
    """One strict decode of the input (or of one line) with one codec."""

    codec: str
    text: str | None
    """The text, or None when the bytes do not decode."""
    error_offset: int | None = None
    """Byte offset of the first undecodable byte, when `text` is None."""
    cut: bytes = b""
    """Bytes of a last character cut off at the end, dropped from `text`."""

    @property
    def ok(self) -> bool:
        return self.text is not None


_INCOMPLETE = ("unexpected end of data", "incomplete multibyte sequence", "truncated data")
_MAX_CHAR_BYTES = 4


def _attempt(data: bytes, codec: str, *, tolerate_cut: bool = True) -> _Attempt:
    """Decode strictly; a last character cut at the end is dropped (and returned in `cut`)."""
    try:
        return _Attempt(codec, data.decode(codec))
    except UnicodeDecodeError as exc:
        at_end = exc.end == len(data) and len(data) - exc.start < _MAX_CHAR_BYTES
        if not (tolerate_cut and at_end and exc.reason in _INCOMPLETE):
            return _Attempt(codec, None, error_offset=exc.start)
        try:
            head = data[:exc.start].decode(codec)
        except UnicodeDecodeError as inner:
            return _Attempt(codec, None, error_offset=inner.start)
        if head.isascii() and not codec.startswith(("utf-16", "utf-32")):
            # ASCII and one stray high byte ("Caf\xe9") is no evidence of a cut multi-byte character.
            return _Attempt(codec, None, error_offset=exc.start)
        return _Attempt(codec, head, cut=data[exc.start:])


@dataclass(frozen=True, slots=True)
class _Replaced:
    text: str
    replacements: tuple[tuple[int, int, int, int], ...]
    """(byte start, byte end, text offset, line) of each substituted U+FFFD."""


def _decode_replacing(data: bytes, codec: str, *, base: int = 0, text_base: int = 0,
                      line_base: int = 1) -> _Replaced:
    """Decode substituting U+FFFD for each undecodable sequence, remembering where each one went."""
    info = codecs.lookup(codec)
    view = memoryview(data)
    parts: list[str] = []
    found: list[tuple[int, int, int, int]] = []
    pos, text_len, line = 0, text_base, line_base
    while pos < len(data):
        try:
            chunk, _ = info.decode(view[pos:], "strict")
        except UnicodeDecodeError as exc:
            chunk, _ = info.decode(view[pos:pos + exc.start], "strict")
            parts.append(chunk)
            text_len += len(chunk)
            line += chunk.count("\n")
            found.append((base + pos + exc.start, base + pos + exc.end, text_len, line))
            parts.append("\ufffd")
            text_len += 1
            pos += max(exc.end, exc.start + 1)
            continue
        parts.append(chunk)
        break
    return _Replaced("".join(parts), tuple(found))


# --------------------------------------------------------------------------------------------------
# Labels and superset codecs

# Labels Python does not know, mapped to the codec they mean on the web.
_WEB_LABELS: dict[str, str] = {
    "x-gbk": "gbk", "windows-936": "gbk", "ms936": "gbk", "csgb2312": "gb2312", "chinese": "gb2312",
    "iso-ir-58": "gb2312", "gb_2312": "gb2312", "x-euc-cn": "gb2312", "x-x-big5": "big5",
    "cn-big5": "big5", "csbig5": "big5", "ms950": "cp950", "windows-950": "cp950",
    "unicode-1-1-utf-8": "utf-8", "x-cp1252": "cp1252", "x-mac-roman": "mac-roman",
}

# A legacy codec's superset, tried in order: what real files labelled with it actually contain.
_SUPERSETS: dict[str, tuple[str, ...]] = {
    "gb2312": ("gb18030",), "gbk": ("gb18030",), "gb18030": ("gb18030",),
    "big5": ("cp950", "big5hkscs"), "cp950": ("cp950", "big5hkscs"), "big5hkscs": ("big5hkscs", "cp950"),
}

# What a page means by a label, per the WHATWG Encoding standard: Latin-1 and ASCII labels mean
# windows-1252, and a UTF-16 label inside an ASCII-readable page cannot be true (the page is UTF-8).
_DECLARED_MEANS: dict[str, tuple[str, ...]] = {
    "latin-1": ("cp1252",), "iso8859-1": ("cp1252",), "ascii": ("cp1252",),
    "utf-16": ("utf-8",), "utf-16-le": ("utf-8",), "utf-16-be": ("utf-8",),
    "utf-32": ("utf-8",), "utf-32-le": ("utf-8",), "utf-32-be": ("utf-8",),
}


def codecs_for_label(label: str, *, declared: bool = False) -> tuple[str, ...]:
    """The Python codecs to try, in order, for an encoding label; LookupError when it is unknown."""
    key = label.strip().strip("\"'").lower()
    name = codecs.lookup(_WEB_LABELS.get(key, key)).name
    if declared and name in _DECLARED_MEANS:
        return _DECLARED_MEANS[name]
    return _SUPERSETS.get(name, (name,))


_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:\-]+)["']""", re.IGNORECASE)
_DECLARATION_WINDOW = 4096


def declared_charset(data: bytes) -> str | None:
    """The charset label an HTML or XML document declares in its first 4 KB, or None."""
    head = data[:_DECLARATION_WINDOW]
    found = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


# --------------------------------------------------------------------------------------------------
# Wide encodings without a BOM

_WIDE = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def plausible_wide_text(data: bytes) -> str | None:
    """The UTF-16/32 codec that decodes `data` into clean text, judged from the byte pattern, or None.

    Used to tell NUL-bearing text (UTF-16/32 without BOM) from binary data. A clean decode has no
    controls, unassigned or private-use characters beyond 1%, and at least 30% of it is ASCII, common
    Han or CJK punctuation; of several, the one with the largest such share wins.
    """
    best: tuple[float, str] | None = None
    for codec in _WIDE:
        attempt = _attempt(data, codec)
        if attempt.text is None or not attempt.text:
            continue
        plaus = plausibility(attempt.text)
        if not plaus.clean:
            continue
        # ASCII counts as evidence here: its NUL bytes are what put UTF-16/32 on the table. A decode
        # that is mostly rare Han or odd symbols is what noise looks like two bytes at a time.
        rank = (plaus.good + plaus.total - plaus.non_ascii) / plaus.total
        if rank < 0.3:
            continue
        if best is None or rank > best[0]:
            best = (rank, codec)
    return best[1] if best else None


def _ascii_pairs(data: bytes) -> float:
    """Share of byte pairs with both bytes printable ASCII: ~1 for ASCII text, well below for UTF-16 Chinese.

    Inputs under 16 bytes say too little and count as 0.
    """
    pairs = len(data) // 2
    if pairs < 8:
        return 0.0
    # Map each byte to 1 (printable) or 0, then AND the even and odd bytes as two big integers: one bit
    # per pair survives where both are printable (a per-pair Python loop cost more than decoding).
    even = data[0 : 2 * pairs : 2].translate(_PRINTABLE_BIT)
    odd = data[1 : 2 * pairs : 2].translate(_PRINTABLE_BIT)
    both = (int.from_bytes(even, "big") & int.from_bytes(odd, "big")).bit_count()
    return both / pairs


_HIGH_BYTES = bytes(range(0x80, 0x100))
_PRINTABLE_BIT = bytes(1 if 0x20 <= b < 0x7F or b in b"\t\n\r" else 0 for b in range(256))


# --------------------------------------------------------------------------------------------------
# The decision


_CHINESE_CANDIDATES = ("gb18030", "cp950", "big5hkscs", "utf-16-le", "utf-16-be")
_ACCEPT = 0.6
"""A Chinese candidate needs at least this plausibility score to be chosen on its own evidence."""
_TIE = 0.1
"""Candidates whose scores lie within this margin of the best are a tie that chardet breaks."""
_FAMILIES: dict[str, str] = {
    "gb18030": "gb", "gb2312": "gb", "gbk": "gb", "hz": "gb",
    "cp950": "big5", "big5": "big5", "big5hkscs": "big5",
    "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be", "utf-32-le": "utf-32-le", "utf-32-be": "utf-32-be",
}
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


@dataclass(frozen=True, slots=True)
class _Pending:
    """A decision a later step may still overrule; reported only when it stands."""

    attempt: _Attempt
    score: float
    confidence: float
    method: str
    why: str


@dataclass(frozen=True, slots=True)
class _Scored:
    attempt: _Attempt
    plaus: Plausibility


class _Detector:
    """One decode of one input: the steps of the evidence order, sharing the log and the error mode."""

    def __init__(self, data: bytes, errors: str, log: DiagnosticLog | None) -> None:
        self.data = data
        self.errors = errors
        self.log = log
        self.utf8_lines = 0
        """Lines with non-ASCII text that are valid UTF-8 (found by the line-by-line pass)."""
        self.failed_line: tuple[int, int] | None = None
        """(line number, byte offset) where the line-by-line decode found no codec, if it did."""

    # -- reporting ---------------------------------------------------------------------------------

    def note(self, rule: str, message: str, *, severity: Severity = Severity.INFO,
             action: Action = Action.DETECTED, text: str | None = None, pos: Pos | None = None) -> None:
        if self.log is not None:
            self.log.report(rule, message, severity=severity, action=action, text=text, pos=pos)

    def finish(self, attempt: _Attempt, *, encoding: str, confidence: float, method: str,
               why: str) -> Decoded:
        assert attempt.text is not None
        if attempt.cut:
            self.note("decode.cut-character",
                      f"the input ends in the middle of a {attempt.codec} character; dropped the "
                      f"incomplete final bytes {attempt.cut.hex(' ')} at byte offset "
                      f"{len(self.data) - len(attempt.cut)}",
                      severity=Severity.WARNING, action=Action.REMOVED, text=attempt.cut.hex(" "))
        confidence = round(max(0.0, min(1.0, confidence)), 2)
        self.note(f"decode.{method}",
                  f"decoded as {encoding} ({method}, confidence {confidence:.2f}): {why}")
        return Decoded(text=attempt.text, encoding=encoding, confidence=confidence, method=method)

    def replaced(self, result: _Replaced, *, encoding: str, method: str, why: str) -> Decoded:
        for start, end, text_offset, line in result.replacements:
            self.note("decode.replaced",
                      f"bytes {self.data[start:end].hex(' ')} at byte offset {start} do not decode as "
                      f"{encoding}; substituted U+FFFD (--encoding-errors=replace)",
                      severity=Severity.WARNING, action=Action.CHANGED, text="\ufffd",
                      pos=Pos(line=line, offset=text_offset))
        plaus = plausibility(result.text)
        confidence = round(plaus.score * 0.5, 2) if method != "forced" else 1.0
        self.note(f"decode.{method}",
                  f"decoded as {encoding} ({method}, confidence {confidence:.2f}) with "
                  f"{len(result.replacements)} replacement(s): {why}",
                  severity=Severity.WARNING if result.replacements else Severity.INFO)
        return Decoded(text=result.text, encoding=encoding, confidence=confidence, method=method)

    # -- the steps ---------------------------------------------------------------------------------

    def forced(self, label: str) -> Decoded:
        try:
            names = codecs_for_label(label)
        except LookupError as exc:
            raise UnsupportedCharsetError(
                f"unknown encoding {label!r}; use a Python codec name such as utf-8, gb18030, big5 "
                "or utf-16") from exc
        attempts = [_attempt(self.data, name) for name in names]
        for attempt in attempts:
            if attempt.ok:
                why = f"--encoding {label}" + (f" (decoded with its superset {attempt.codec})"
                                               if attempt.codec != codecs.lookup(label).name else "")
                return self.finish(attempt, encoding=attempt.codec, confidence=1.0, method="forced",
                                   why=why)
        if self.errors == "replace":
            return self.replaced(_decode_replacing(self.data, names[0]), encoding=names[0],
                                 method="forced", why=f"--encoding {label}")
        offset = max(a.error_offset or 0 for a in attempts)
        raise DecodingError(
            f"input does not decode as {names[0]} at byte offset {offset}; check the --encoding value, "
            "leave it out to detect the encoding, or pass --encoding-errors=replace",
            offset=offset)

    def bom(self) -> Decoded | None:
        for mark, codec, name in _BOMS:
            if self.data.startswith(mark):
                attempt = _attempt(self.data[len(mark):], codec)
                if attempt.ok:
                    return self.finish(attempt, encoding=name, confidence=1.0, method="bom",
                                       why=f"{name} byte-order mark")
                if self.errors == "replace":
                    return self.replaced(
                        _decode_replacing(self.data[len(mark):], codec, base=len(mark)),
                        encoding=name, method="bom", why=f"{name} byte-order mark")
                offset = len(mark) + (attempt.error_offset or 0)
                raise DecodingError(
                    f"input starts with a {name} byte-order mark but is not valid {codec} at byte "
                    f"offset {offset}; pass the right --encoding, or --encoding-errors=replace",
                    offset=offset)
        return None

    def declared(self) -> Decoded | None:
        label = declared_charset(self.data)
        if label is None:
            return None
        try:
            names = codecs_for_label(label, declared=True)
        except LookupError:
            self.note("decode.declared-unknown",
                      f"the document declares charset {label!r}, which is not a known encoding; ignored",
                      severity=Severity.WARNING, text=label)
            return None
        for name in names:
            attempt = _attempt(self.data, name)
            if not attempt.ok:
                continue
            own = plausibility(attempt.text or "")
            rival = self._best_rival(exclude=name)
            if rival is not None and own.non_ascii and rival.plaus.score - own.score > 0.3:
                self.note("decode.declared-mismatch",
                          f"the document declares charset {label!r} but its bytes read far more "
                          f"plausibly as {rival.attempt.codec} ({rival.plaus.score:.2f} against "
                          f"{own.score:.2f}); declaration overruled",
                          severity=Severity.WARNING, text=label)
                return None
            return self.finish(attempt, encoding=name, confidence=0.95 if own.clean else 0.8,
                               method="declared", why=f"the document declares charset {label!r}")
        self.note("decode.declared-mismatch",
                  f"the document declares charset {label!r} but its bytes do not decode as "
                  f"{' or '.join(names)}; detecting instead", severity=Severity.WARNING, text=label)
        return None

    def _best_rival(self, *, exclude: str) -> _Scored | None:
        """The most plausible clean decode other than `exclude` (for checking a declaration)."""
        rivals = [s for s in self.candidates(("utf-8", *_CHINESE_CANDIDATES)) if s.attempt.codec != exclude]
        return max(rivals, key=lambda s: s.plaus.score, default=None)

    def utf8(self) -> Decoded | None:
        data, lead = self.data, 0
        # A chunk cut out of a stream may also start inside a character: up to 3 continuation bytes.
        while lead < min(3, len(data)) and 0x80 <= data[lead] <= 0xBF:
            lead += 1
        attempt = _attempt(data[lead:], "utf-8")
        if not attempt.ok:
            return None
        if lead:
            if not (attempt.text and not attempt.text.isascii()):
                return None  # a stray high byte before ASCII is not evidence of UTF-8
            self.note("decode.cut-character",
                      f"the input starts in the middle of a UTF-8 character; dropped the leading "
                      f"bytes {data[:lead].hex(' ')}",
                      severity=Severity.WARNING, action=Action.REMOVED, text=data[:lead].hex(" "))
        text = attempt.text or ""
        if has_bad(text) and self._wide_chinese():
            return None  # control characters that read as UTF-16 Chinese: ASCII-valid UTF-16
        multibyte = len(text) - len(text.encode("ascii", "ignore"))
        confidence = 1.0 if multibyte == 0 or multibyte >= 4 else 0.85 + 0.05 * multibyte
        why = "pure ASCII" if multibyte == 0 else f"valid UTF-8 with {multibyte} multi-byte characters"
        return self.finish(attempt, encoding="utf-8", confidence=confidence, method="utf8", why=why)

    def _wide_chinese(self) -> bool:
        """Whether the bytes read as plausible Chinese in UTF-16 or UTF-32."""
        codec = plausible_wide_text(self.data)
        if codec is None:
            return False
        plaus = plausibility(_attempt(self.data, codec).text or "")
        return plaus.score >= _ACCEPT and plaus.good >= 2

    def candidates(self, codecs_: tuple[str, ...]) -> list[_Scored]:
        out: list[_Scored] = []
        seen: set[str] = set()
        for codec in codecs_:
            if codec.startswith("utf-16") and _ascii_pairs(self.data) > 0.85:
                continue  # ASCII text read two bytes at a time turns into Han characters; not UTF-16
            attempt = _attempt(self.data, codec)
            if attempt.text is None or attempt.text in seen:
                continue  # identical text from a sibling codec adds nothing; the first one stays
            seen.add(attempt.text)
            plaus = plausibility(attempt.text)
            if codec == "big5hkscs":
                plaus = demote_hkscs_only(attempt.text, plaus)
            if codec.startswith("utf-16") and plaus.good < 2:
                continue  # one or two code units are no evidence of UTF-16
            out.append(_Scored(attempt, plaus))
        return out

    def scored(self) -> _Pending | None:
        """The most plausible Chinese (or, for NUL-bearing input, UTF-16/32) decode, not yet reported."""
        if b"\x00" in self.data:
            return self._wide()
        pool = self.candidates(_CHINESE_CANDIDATES)
        viable = sorted((s for s in pool if s.plaus.score >= _ACCEPT
                         and s.plaus.common + s.plaus.punct > 0),
                        key=lambda s: s.plaus.score, reverse=True)
        if not viable:
            return None
        best, method, why = viable[0], "scored", ""
        tied = [s for s in viable[1:] if best.plaus.score - s.plaus.score < _TIE]
        # A reading that makes sense of far more of the bytes wins a tie outright: a UTF-16 text read
        # as Big5 turns into ASCII debris around a couple of Han characters.
        most = max([best, *tied], key=lambda s: s.plaus.good)
        if tied and all(most.plaus.good >= 1.5 * s.plaus.good for s in [best, *tied] if s is not most):
            best, tied = most, []
        # Siblings of one family (cp950 and big5hkscs) differ in a few symbols chardet cannot judge.
        if any(_FAMILIES[s.attempt.codec] != _FAMILIES[best.attempt.codec] for s in tied):
            pick = self.tie_break([best, *tied])
            if pick is not None and pick is not best:
                best, method = pick, "chardet"
                why = f"chardet broke a near-tie with {viable[0].attempt.codec}; "
        family = _FAMILIES[best.attempt.codec]
        second = next((s.plaus.score for s in viable if _FAMILIES[s.attempt.codec] != family), 0.0)
        plaus = best.plaus
        margin = min(1.0, 0.5 + (plaus.score - second) / (2 * 0.3)) if second else 1.0
        evidence = min(1.0, 0.6 + 0.4 * plaus.non_ascii / 30)
        why += (f"{plaus.common} common Han characters and {plaus.punct} CJK punctuation among "
                f"{plaus.non_ascii} non-ASCII characters (score {plaus.score:.2f}"
                + (f", runner-up {second:.2f})" if second else ")"))
        return _Pending(best.attempt, plaus.score, min(0.99, plaus.score * margin * evidence), method, why)

    def _wide(self) -> _Pending | None:
        """NUL bytes in text mean UTF-16/32; the byte pattern picks the width and the byte order."""
        codec = plausible_wide_text(self.data)
        if codec is None:
            return None
        attempt = _attempt(self.data, codec)
        plaus = plausibility(attempt.text or "")
        return _Pending(attempt, plaus.score, 0.95,
                        "scored", f"NUL bytes in the pattern of {codec} and a clean decode "
                        f"({plaus.good} common Han characters and CJK punctuation)")

    def tie_break(self, tied: list[_Scored]) -> _Scored | None:
        """The candidate whose codec family chardet ranks highest, or None when chardet names none."""
        import chardet  # noqa: PLC0415  # 40 ms to import, and only near-ties and non-Chinese need it

        results = chardet.detect_all(self.data, encoding_era=chardet.EncodingEra.MODERN_WEB,
                                     compat_names=False, ignore_threshold=True)
        for result in results:
            family = _FAMILIES.get(str(result["encoding"]))
            for s in tied:
                if family is not None and _FAMILIES.get(s.attempt.codec) == family:
                    return s
        return None

    def mixed(self, *, against: float, replace: bool) -> Decoded | None:
        """Decode line by line when the lines disagree (UTF-8 lines among others).

        Wins only when its text is clearly more plausible than `against` (the best whole-input decode);
        a line no codec decodes abandons it, unless `replace` allows substitution.
        """
        lines = self.data.splitlines(keepends=True)
        if len(lines) < 2:
            return None
        utf8_lines = other_lines = 0
        for ln in lines:
            if not ln.isascii():
                if _attempt(ln, "utf-8").ok:
                    utf8_lines += 1
                else:
                    other_lines += 1
        self.utf8_lines = utf8_lines
        if not utf8_lines or not other_lines:
            return None
        parts: list[str] = []
        runs: list[tuple[int, int, str]] = []  # (first line, last line, codec) of non-UTF-8 runs
        by_codec: dict[str, int] = {}
        replacements: list[tuple[int, int, int, int]] = []
        offset, text_len = 0, 0
        for number, line in enumerate(lines, start=1):
            last = number == len(lines)
            codec, text = self._line(line, last=last)
            if text is None:
                if not replace:
                    failed = [_attempt(line, c) for c in ("utf-8", "gb18030", "cp950")]
                    self.failed_line = (number, offset + max(a.error_offset or 0 for a in failed))
                    return None
                codec, text = self._line_replaced(line, offset, text_len, number, replacements)
            parts.append(text)
            by_codec[codec] = by_codec.get(codec, 0) + len(line)
            if codec not in ("ascii", "utf-8"):
                if runs and runs[-1][1] == number - 1 and runs[-1][2] == codec:
                    runs[-1] = (runs[-1][0], number, codec)
                else:
                    runs.append((number, number, codec))
            offset += len(line)
            text_len += len(text)
        text = "".join(parts)
        plaus = plausibility(text)
        if plaus.score <= against + _TIE and not replacements:
            return None
        main = max((c for c in by_codec if c != "ascii"), key=lambda c: by_codec[c], default="utf-8")
        for first, last_line, codec in runs:
            span = f"line {first}" if first == last_line else f"lines {first}-{last_line}"
            self.note("decode.mixed-lines",
                      f"{span} decoded as {codec}, the rest as {main}: the input mixes encodings",
                      severity=Severity.WARNING, pos=Pos(line=first))
        result = _Replaced(text, tuple(replacements))
        if replacements:
            return self.replaced(result, encoding=main, method="mixed",
                                 why="no single encoding decodes every line")
        codecs_used = ", ".join(sorted(c for c in by_codec if c != "ascii"))
        return self.finish(_Attempt(main, text), encoding=main, confidence=0.7 * plaus.score,
                           method="mixed",
                           why=f"no single encoding decodes the whole input; lines decoded as {codecs_used}")

    def _line(self, line: bytes, *, last: bool) -> tuple[str, str | None]:
        if line.isascii():
            return "ascii", line.decode("ascii")
        as_utf8 = _attempt(line, "utf-8", tolerate_cut=last)
        others = [a for a in (_attempt(line, c, tolerate_cut=last) for c in ("gb18030", "cp950", "big5hkscs"))
                  if a.ok]
        scored = [(plausibility(a.text or ""), a) for a in others]
        best = max(scored, key=lambda s: s[0].score, default=None)
        # Valid UTF-8 is strong evidence on its own; only a far more plausible legacy reading beats it.
        if as_utf8.ok and (best is None or best[0].score - plausibility(as_utf8.text or "").score < 0.5):
            return "utf-8", as_utf8.text
        if best is not None:
            return best[1].codec, best[1].text
        return "utf-8", None

    def _line_replaced(self, line: bytes, offset: int, text_len: int, number: int,
                       replacements: list[tuple[int, int, int, int]]) -> tuple[str, str]:
        attempts = [_attempt(line, c) for c in ("utf-8", "gb18030", "cp950")]
        furthest = max(attempts, key=lambda a: a.error_offset or 0)
        result = _decode_replacing(line, furthest.codec, base=offset, text_base=text_len, line_base=number)
        replacements.extend(result.replacements)
        return furthest.codec, result.text

    def utf8_evidence(self) -> bool:
        """Whether most non-ASCII bytes form valid UTF-8 sequences: any other reading would garble them.

        Latin-1 letters and random bytes seldom form UTF-8 sequences; text that is UTF-8 but for a few
        damaged bytes does.
        """
        if self.utf8_lines:
            return True
        high = len(self.data) - len(self.data.translate(None, _HIGH_BYTES))
        # errors="ignore" only measures here: the text is discarded, the count is what is wanted.
        valid = self.data.decode("utf-8", errors="ignore")
        in_sequences = len(valid.encode()) - len(valid.encode("ascii", "ignore"))  # bytes of non-ASCII
        return high > 0 and in_sequences >= 0.5 * high

    def chardet_answer(self) -> Decoded | None:
        if self.utf8_evidence():
            return None  # valid UTF-8 would come out garbled in any other single encoding
        import chardet  # noqa: PLC0415  # 40 ms to import, and only near-ties and non-Chinese need it

        result = chardet.detect(self.data, encoding_era=chardet.EncodingEra.MODERN_WEB, prefer_superset=True,
                                compat_names=False)
        name = result["encoding"]
        if name is None:
            return None
        try:
            names = codecs_for_label(str(name))
        except LookupError:
            # Not an error of the input: chardet named a codec this Python lacks, so it has no answer.
            self.note("decode.chardet-unusable", f"chardet proposed {name!r}, which Python cannot decode",
                      severity=Severity.WARNING)
            return None
        for codec in names:
            attempt = _attempt(self.data, codec)
            if attempt.ok and plausibility(attempt.text or "").clean:
                confidence = float(result["confidence"] or 0.0)
                if confidence < 0.5:
                    self.note("decode.low-confidence",
                              f"only chardet has an answer ({codec}, confidence {confidence:.2f}); "
                              "check the output, or pass --encoding", severity=Severity.WARNING)
                return self.finish(attempt, encoding=codec, confidence=confidence, method="chardet",
                                   why="chardet's answer (modern-web encodings), verified to decode cleanly")
        return None

    def fail(self) -> Decoded:
        """The last resort: a clean but implausible decode kept with a warning, else an error."""
        attempts = [_attempt(self.data, c) for c in ("utf-8", "gb18030", "cp950", "utf-16-le")]
        clean = [a for a in attempts[1:3] if a.ok and plausibility(a.text or "").clean]
        if clean and not self.utf8_evidence():
            # Weak evidence keeps the text and says so; the user can pass --encoding.
            best = max(clean, key=lambda a: plausibility(a.text or "").score)
            self.note("decode.low-confidence",
                      f"no encoding gives a plausible text; kept the {best.codec} decode, which is "
                      "clean but may be wrong: check the output or pass --encoding",
                      severity=Severity.WARNING)
            return self.finish(best, encoding=best.codec, confidence=0.1, method="scored",
                               why="the only clean decodes were implausible")
        furthest = max(attempts, key=lambda a: a.error_offset or 0)
        if self.errors == "replace":
            return self.replaced(_decode_replacing(self.data, furthest.codec), encoding=furthest.codec,
                                 method="scored", why="the encoding that decodes furthest")
        tried = ", ".join(f"{a.codec} at {a.error_offset}" if not a.ok else f"{a.codec} implausible"
                          for a in attempts)
        offset = furthest.error_offset or 0
        where = f"byte offset {offset}"
        if self.failed_line is not None:
            where = f"line {self.failed_line[0]}, byte offset {self.failed_line[1]}"
            offset = self.failed_line[1]
        raise DecodingError(
            f"no encoding decodes this input cleanly (first undecodable byte at {where}; tried {tried}); "
            "pass its encoding with --encoding, or --encoding-errors=replace to substitute U+FFFD",
            offset=offset)


def detect(data: bytes, *, encoding: str | None = None, errors: str = "strict",
           log: DiagnosticLog | None = None) -> Decoded:
    """Decode text bytes by the evidence order of this module (binary data must be refused before)."""
    if errors not in ("strict", "replace"):
        raise ValueError(f"errors must be 'strict' or 'replace', not {errors!r}")
    d = _Detector(data, errors, log)
    if encoding is not None:
        return d.forced(encoding)
    if not data:
        return d.finish(_Attempt("utf-8", ""), encoding="utf-8", confidence=1.0, method="utf8",
                        why="empty input")
    wide = b"\x00" in data  # NULs: UTF-16/32 or nothing; UTF-8 "validity" would mean nothing here
    decided = d.bom() or d.declared() or (None if wide else d.utf8())
    if decided is not None:
        return decided
    scored = d.scored()
    if not wide:
        mixed = d.mixed(against=scored.score if scored else 0.0, replace=False)
        if mixed is not None:
            return mixed
    if scored is not None:
        return d.finish(scored.attempt, encoding=scored.attempt.codec, confidence=scored.confidence,
                        method=scored.method, why=scored.why)
    answer = d.chardet_answer()
    if answer is not None:
        return answer
    if errors == "replace" and not wide:
        mixed = d.mixed(against=0.0, replace=True)
        if mixed is not None:
            return mixed
    return d.fail()
