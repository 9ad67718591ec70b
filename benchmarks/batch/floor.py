"""The throughput floor docconv batch is compared with: read, decode, a dozen regexes, write.

    python benchmarks/batch/floor.py CORPUS OUTDIR

Single process, no structure, no repair, no atomic writes: the least a "cleaning" script can do per file.
It decodes UTF-8/UTF-16 by BOM, else UTF-8, else GB18030 (replacing what does not decode).
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import time
from pathlib import Path

PATTERNS = [
    (re.compile(r"https?://[^\s]+"), ""),
    (re.compile(r"^.{0,20}(?:来源|出处|作者|时间|发布时间)[:：].{0,60}$", re.M), ""),
    (re.compile(r"^.{0,10}(?:推荐阅读|相关文章|延伸阅读).*$", re.M | re.S), ""),
    (re.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]"), ""),
    (re.compile(r"&nbsp;|&amp;|&lt;|&gt;"), " "),
    (re.compile(r"</?[a-zA-Z][^>]{0,80}>"), ""),
    (re.compile(r"[\u200b-\u200f\ufeff]"), ""),
    (re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])"), ""),
    (re.compile(r"^[ \t\u3000]+", re.M), ""),
    (re.compile(r"[ \t]+$", re.M), ""),
    (re.compile(r"\n{3,}"), "\n\n"),
    (re.compile(r"(?:小编|本站|本文档).{0,40}[。!！]?"), ""),
]


def decode(data: bytes) -> str:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def main() -> None:
    corpus, outdir = Path(sys.argv[1]), Path(sys.argv[2])
    started = time.perf_counter()
    total = files = 0
    for dirpath, _dirs, names in os.walk(corpus):
        for name in sorted(names):
            src = Path(dirpath) / name
            data = src.read_bytes()
            text = decode(data)
            for pattern, replacement in PATTERNS:
                text = pattern.sub(replacement, text)
            target = outdir / src.relative_to(corpus).with_suffix(".md")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            total += len(data)
            files += 1
    seconds = time.perf_counter() - started
    print(f"floor: {files} files, {total / 1e6:.2f} MB in {seconds:.2f} s = {total / 1e6 / seconds:.3f} MB/s")


if __name__ == "__main__":
    main()
