"""Encoding-detection accuracy and speed: docconv against chardet alone and charset-normalizer alone.

Run by hand from the repository root:

    /work/venv/bin/python benchmarks/encoding/bench.py [--quick] [--write benchmarks/encoding/RESULTS.md]

Samples are made in memory from the seed reports in ../shared/seeds (never stored): each seed text and
its traditional form (OpenCC s2t; seed 003 is traditional already) is cut at character boundaries to the
longest run that fits 20 B, 50 B, 500 B, 5 KB or 50 KB in the target encoding, then encoded. A sample
counts as correct only when the decoded text equals the source text exactly. Hard cases are built from
the same seeds: ASCII-heavy HTML with Chinese text, input cut mid-character, a UTF-8 file with one GBK
paragraph, GB2312-labelled pages that contain GBK-only characters.

Needs `chardet` (runtime dependency), `charset-normalizer` and `opencc-python-reimplemented` (benchmark
only).
"""

from __future__ import annotations

import argparse
import codecs
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import chardet
import charset_normalizer
from opencc import OpenCC

from docconv import sniff
from docconv.errors import DecodingError, InputNotTextError

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
SIZES = (20, 50, 500, 5_000, 50_000)
# gb18030 samples get characters that only its four-byte sequences encode (CJK extensions A and B,
# a Latin letter GBK lacks), spliced in every few hundred characters.
FOUR_BYTE = "𠮷㛃𡋗鿰ḿ䶮"


@dataclass(frozen=True)
class Encoding:
    """A target encoding of the table: how to turn text into sample bytes."""

    label: str
    codec: str
    bom: bytes = b""
    script: str = "both"  # which source texts: both, simplified (GB only) or traditional (Big5 only)
    four_byte: bool = False


ENCODINGS = (
    Encoding("UTF-8", "utf-8"),
    Encoding("UTF-8-sig", "utf-8", codecs.BOM_UTF8),
    Encoding("GBK", "gbk"),
    Encoding("GB18030 (4-byte)", "gb18030", four_byte=True),
    Encoding("Big5/cp950", "cp950", script="traditional"),
    Encoding("UTF-16LE", "utf-16-le"),
    Encoding("UTF-16BE", "utf-16-be"),
    Encoding("UTF-16LE+BOM", "utf-16-le", codecs.BOM_UTF16_LE),
    Encoding("UTF-16BE+BOM", "utf-16-be", codecs.BOM_UTF16_BE),
)


@dataclass(frozen=True)
class Sample:
    """Bytes to decode and the text a correct decode returns."""

    data: bytes
    expected: str
    name: str = ""


def _encodable(text: str, codec: str) -> str:
    """`text` without the characters `codec` cannot encode and decode back unchanged.

    Pinyin tone letters do not encode in Big5; '•' encodes in cp950 but decodes as '‧', so no decoder
    could return it.
    """
    return "".join(ch for ch in text if _round_trips(ch, codec))


def _round_trips(ch: str, codec: str) -> bool:
    try:
        return ch.encode(codec).decode(codec) == ch
    except UnicodeEncodeError:
        return False


def _with_four_byte(text: str) -> str:
    out, step = [], 97
    for i in range(0, len(text), step):
        out.append(text[i:i + step])
        out.append(FOUR_BYTE[(i // step) % len(FOUR_BYTE)])
    return "".join(out)


def sources() -> dict[str, list[str]]:
    """Seed texts by script: simplified originals and traditional forms."""
    s2t = OpenCC("s2t")
    texts = {p.name: p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")) if p.name[0].isdigit()}
    simplified = [t for name, t in texts.items() if not name.startswith("003")]
    traditional = [t for name, t in texts.items() if name.startswith("003")]
    traditional += [s2t.convert(t) for t in simplified]
    return {"simplified": simplified, "traditional": traditional}


def cut_to(text: str, start: int, size: int, encode: Callable[[str], bytes]) -> str:
    """The longest run of `text` from `start` whose encoding fits in `size` bytes."""
    lo, hi = start, min(len(text), start + size)  # a character takes at least one byte
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if len(encode(text[start:mid])) <= size:
            lo = mid
        else:
            hi = mid - 1
    return text[start:lo]


def samples(enc: Encoding, size: int, count: int, rng: random.Random,
            texts: dict[str, list[str]]) -> Iterator[Sample]:
    """`count` samples of about `size` bytes, from random positions of the source texts."""
    pool = [t for script, ts in texts.items() for t in ts
            if enc.script in ("both", script)]
    pool = [_encodable(_with_four_byte(t) if enc.four_byte else t, enc.codec) for t in pool]
    if size >= 20_000:  # long samples need long sources: join the texts of one script
        pool = ["\n".join(pool)]

    def encode(s: str) -> bytes:
        return enc.bom + s.encode(enc.codec)

    made = 0
    while made < count:
        text = rng.choice(pool)
        start = rng.randrange(0, max(1, len(text) - size // 4))
        piece = cut_to(text, start, size, encode)
        if not piece.strip() or len(encode(piece)) < size * 0.6:
            continue
        made += 1
        yield Sample(encode(piece), piece)


# --- hard cases -------------------------------------------------------------------------------------


def hard_cases(texts: dict[str, list[str]], rng: random.Random) -> dict[str, list[Sample]]:
    """The hard cases of issue 3, built from the seeds."""
    simp = texts["simplified"]
    trad = [_encodable(t, "cp950") for t in texts["traditional"]]

    def paragraphs(t: str, n: int, start: int) -> list[str]:
        paras = [p.strip() for p in t.splitlines() if len(p.strip()) > 15]
        return paras[start % max(1, len(paras) - n):][:n]

    html: list[Sample] = []
    for i in range(12):
        src = simp[i % len(simp)] if i % 3 else trad[i % len(trad)]
        paras = paragraphs(src, 2 + i % 3, 7 * i)
        body = "".join(f'<p class="content-p" style="text-indent:2em">{p}</p>\n' for p in paras)
        page = ("<!DOCTYPE html>\n<html><head><title>report</title>\n"
                + '<script type="text/javascript">var _hmt = _hmt || []; (function() { var hm = '
                  'document.createElement("script"); hm.src = "https://example.com/hm.js?x"; })();'
                  "</script>\n" * 6
                + '<link rel="stylesheet" href="/static/css/main.css?v=3.2.1">\n</head><body>\n'
                + '<div id="nav"><a href="/">home</a> | <a href="/list/1.html">list</a></div>\n' * 4
                + body + "<div class=\"footer\">Copyright 2009-2024 example.com All Rights Reserved"
                "</div>\n</body></html>\n")
        codec = "cp950" if i % 3 == 0 else ("gbk" if i % 2 else "utf-8")
        html.append(Sample(page.encode(codec), page, f"html-{codec}"))

    cut: list[Sample] = []
    for i, (codec, pool) in enumerate([("utf-8", simp), ("gbk", simp), ("gb18030", simp), ("cp950", trad),
                                       ("utf-16-le", simp), ("utf-16-be", trad), ("utf-8", trad),
                                       ("gbk", trad)] * 2):
        text = pool[i % len(pool)]
        start = rng.randrange(0, len(text) - 400)
        piece = text[start:start + 30 + 20 * i]
        while piece and len(piece[-1].encode(codec)) < 2:  # end on a multi-byte character to cut it
            piece = piece[:-1]
        data = piece.encode(codec)
        drop = 1 if codec.startswith("utf-16") else rng.randint(1, len(piece[-1].encode(codec)) - 1)
        cut.append(Sample(data[:-drop], piece[:-1], f"cut-{codec}"))

    mixed: list[Sample] = []
    for i in range(10):
        src = simp[i % len(simp)]
        paras = paragraphs(src, 8, 11 * i)
        gbk_at = 1 + i % 6
        data = b"".join((p.encode("gbk") if j == gbk_at else p.encode("utf-8")) + b"\n"
                        for j, p in enumerate(paras))
        mixed.append(Sample(data, "".join(p + "\n" for p in paras), "utf8+gbk-paragraph"))

    labelled: list[Sample] = []
    gbk_only = "們這個會說對時後發與東車長門問間開關將還點經國學體過們鎔堃喆玥"
    for i in range(10):
        src = simp[i % len(simp)]
        paras = paragraphs(src, 3, 5 * i)
        extra = "".join(rng.choice(gbk_only) for _ in range(6))
        meta = ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' if i % 2
                else '<meta charset="GB2312">')
        page = (f"<html><head>{meta}<title>t</title></head><body>\n"
                + "".join(f"<p>{p}{extra if j == 1 else ''}</p>\n" for j, p in enumerate(paras))
                + "</body></html>\n")
        labelled.append(Sample(page.encode("gbk"), page, "gb2312-label"))

    return {"ASCII-heavy HTML with Chinese": html, "cut mid-character": cut,
            "UTF-8 with one GBK paragraph": mixed, "GB2312-labelled, really GBK": labelled}


# --- the three decoders -----------------------------------------------------------------------------


def _drop_cut_tail(data: bytes, codec: str) -> str:
    """Decode with `codec`, dropping a last character cut at the end (the grace docconv gives itself)."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and len(data) - exc.start < 4:
            return data[:exc.start].decode(codec)
        raise


def run_docconv(data: bytes) -> str | None:
    try:
        return sniff.decode(data).text
    except (DecodingError, InputNotTextError):
        return None


def run_chardet(data: bytes) -> str | None:
    name = chardet.detect(data)["encoding"]
    if name is None:
        return None
    try:
        return _drop_cut_tail(data, str(name))
    except (UnicodeDecodeError, LookupError):
        return None


def run_charset_normalizer(data: bytes) -> str | None:
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best)  # its own decode (BOM stripped)


TOOLS: dict[str, Callable[[bytes], str | None]] = {
    "docconv": run_docconv, "chardet": run_chardet, "charset-normalizer": run_charset_normalizer,
}


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    seconds: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def pct(self) -> str:
        return f"{100 * self.right / self.total:.1f}" if self.total else "-"


def measure(cases: list[Sample], tool: Callable[[bytes], str | None]) -> Tally:
    tally = Tally()
    for s in cases:
        t0 = time.perf_counter()
        got = tool(s.data)
        tally.seconds.append(time.perf_counter() - t0)
        tally.total += 1
        if got == s.expected:
            tally.right += 1
        else:
            tally.misses.append(f"{s.name} {s.data[:24].hex()}")
    return tally


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer samples per cell")
    ap.add_argument("--write", metavar="FILE", help="write the Markdown results here")
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of " + ",".join(TOOLS))
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    if not SEEDS.is_dir():
        print(f"seeds not found at {SEEDS}", file=sys.stderr)
        return 1
    tools = {name: TOOLS[name] for name in args.tools.split(",")}
    rng = random.Random(20240301)
    texts = sources()
    per_size = {20: 400, 50: 400, 500: 60, 5_000: 15, 50_000: 6} if not args.quick else \
        {20: 30, 50: 30, 500: 10, 5_000: 4, 50_000: 1}
    sys.modules["docconv.charset"].common_han()  # build the tables once, outside the timings
    run_docconv(b"\xd6\xd0")

    lines = ["| encoding | size | n | " + " | ".join(f"{t} %" for t in tools) + " |",
             "| --- | --- | --- | " + " | ".join("---" for _ in tools) + " |"]
    timing: dict[tuple[str, int], list[float]] = {}
    all_misses: list[str] = []
    for enc in ENCODINGS:
        for size in SIZES:
            cases = list(samples(enc, size, per_size[size], rng, texts))
            cells = []
            for name, tool in tools.items():
                tally = measure(cases, tool)
                timing.setdefault((name, size), []).extend(tally.seconds)
                cells.append(tally.pct())
                if name == "docconv":
                    all_misses += [f"{enc.label} {size}: {m}" for m in tally.misses]
            lines.append(f"| {enc.label} | {size} B | {len(cases)} | " + " | ".join(cells) + " |")
            print(lines[-1], flush=True)
    lines += ["", "| hard case | n | " + " | ".join(f"{t} %" for t in tools) + " |",
              "| --- | --- | " + " | ".join("---" for _ in tools) + " |"]
    for label, cases in hard_cases(texts, rng).items():
        cells = []
        for name, tool in tools.items():
            tally = measure(cases, tool)
            cells.append(tally.pct())
            if name == "docconv":
                all_misses += [f"{label}: {m}" for m in tally.misses]
        lines.append(f"| {label} | {len(cases)} | " + " | ".join(cells) + " |")
        print(lines[-1], flush=True)
    lines += ["", "| ms per call (mean) | " + " | ".join(f"{s} B" for s in SIZES) + " |",
              "| --- | " + " | ".join("---" for _ in SIZES) + " |"]
    for name in tools:
        lines.append(f"| {name} | " + " | ".join(
            f"{1000 * statistics.fmean(timing[(name, s)]):.2f}" for s in SIZES) + " |")
    print("\n".join(lines[-2 - len(tools):]))
    if args.show_misses or all_misses:
        print(f"docconv misses: {len(all_misses)}", file=sys.stderr)
        for m in all_misses[:60]:
            print("  " + m, file=sys.stderr)
    if args.write:
        machine = (f"{platform.platform()}; Python {platform.python_version()}; "
                   f"{platform.processor() or platform.machine()}; chardet {chardet.__version__}; "
                   f"charset-normalizer {charset_normalizer.__version__}")
        Path(args.write).write_text(
            "# Encoding detection benchmark\n\n"
            f"Machine: {machine}\n\n"
            "Command: `python benchmarks/encoding/bench.py"
            + (" --quick" if args.quick else "") + f" --write {args.write}`\n\n"
            + "\n".join(lines) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
