"""Quality benchmark for character repair (run by hand; writes RESULTS.md beside this script).

    /work/venv/bin/python benchmarks/repair/bench_repair.py

1. Seed 003: pinyin annotations stripped and false strips; GBK damage runs repaired.
2. Simulated annotator damage (byte-level `(pinyin)` insertion over GBK with keys aimed across
   character boundaries) on the seeds and on own texts: repaired exactly / left flagged / wrongly changed.
3. Simulated mojibake (UTF-8 as GBK, as latin-1, as cp1252; GBK as latin-1) of clauses embedded in
   clean paragraphs: repaired exactly / left / wrongly changed.
4. Clean text: characters changed by the GBK, mojibake and pinyin repairs on the undamaged seeds and
   own texts (must be 0).

Seed text is never written to RESULTS.md; only counts are.
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.repair_sim import (  # noqa: E402
    crossing_key,
    damage_at,
    gbk_as_latin1,
    utf8_as_cp1252,
    utf8_as_gbk,
    utf8_as_latin1,
)

from docconv import builder as b  # noqa: E402
from docconv.ast import Document  # noqa: E402
from docconv.clean import pinyin  # noqa: E402
from docconv.clean.mojibake import repair_mojibake  # noqa: E402
from docconv.clean.repair import TRANSFORMS, repair_gbk_damage, strip_pinyin  # noqa: E402
from docconv.clean.textmap import doc_text  # noqa: E402
from docconv.diagnostics import DiagnosticLog  # noqa: E402
from docconv.options import Options  # noqa: E402
from docconv.readers.txt import read_txt  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
OWN = Path(__file__).with_name("own_texts.txt")
RNG = random.Random(20240505)
OPTS = Options()


def _paragraphs(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if len(ln.strip()) >= 12]


def corpora() -> dict[str, list[str]]:
    out = {"own": _paragraphs(OWN.read_text(encoding="utf-8"))}
    for path in sorted(SEEDS.glob("*.txt")):
        if not path.name.startswith("003"):
            out[path.name[:3]] = _paragraphs(path.read_text(encoding="utf-8"))
    return out


def seed_003() -> list[str]:
    path = next(SEEDS.glob("003_*.txt"))
    log = DiagnosticLog()
    doc = read_txt(path.read_text(encoding="utf-8"), OPTS, DiagnosticLog())
    for t in TRANSFORMS:
        doc = t.run(doc, OPTS, log)
    text = doc_text(doc)
    stripped = [d for d in log if d.rule == "repair.pinyin" and d.action == "removed"]
    false_strips = [
        d for d in stripped if not pinyin.is_reading((d.text or " ")[0], (d.text or "")[2:-1].strip())
    ]
    changed = [d for d in log if d.rule == "repair.gbk-damage" and d.action == "changed"]
    uncertain = [d for d in changed if d.severity == "warning"]
    kept = [d for d in log if d.rule == "repair.gbk-damage" and d.action == "kept"]
    left = len(re.findall(rf"[(（]\s*{pinyin.SYLLABLE}\s*[)）]", text))
    return [
        f"- pinyin annotations stripped: {len(stripped)}; false strips: {len(false_strips)}; "
        f"annotations left: {left}",
        f"- GBK damage runs repaired: {len(changed)} (of them uncertain, runner-up named: {len(uncertain)}); "
        f"left flagged: {len(kept)}",
        f"- debris left: `?` {text.count('?')}, U+E1D6 {text.count(chr(0xE1D6))}, `/p>` {text.count('/p>')}",
    ]


def _apply(doc: Document, fns: list[object]) -> Document:
    for fn in fns:
        doc = fn(doc, OPTS, DiagnosticLog())  # type: ignore[operator]
    return doc


def annotator(corpus: dict[str, list[str]]) -> tuple[list[str], int, int, int, int]:
    exact = flagged = wrong = total = 0
    rows = []
    for name, paras in corpus.items():
        e = f = w = n = 0
        damaged_doc: list[str] = []
        originals: list[str] = []
        for i, para in enumerate(paras):
            originals.append(para)
            if i % 2:
                damaged_doc.append(para)
                continue
            spots = [k for k in range(len(para) - 1) if crossing_key(para, k)]
            if not spots:
                damaged_doc.append(para)
                continue
            cross = RNG.sample(spots, min(len(spots), 1 + (len(para) > 60)))
            han = sorted({c for c in para if "\u4e00" <= c <= "\u9fff"})
            aligned = "".join(RNG.sample(han, min(3, len(han))))
            damaged = damage_at(para, sorted(cross), aligned)
            if "?" not in damaged:
                damaged_doc.append(para)
                continue
            damaged_doc.append(damaged)
        doc = b.document(*(b.para(p) for p in damaged_doc))
        out = _apply(doc, [repair_gbk_damage, strip_pinyin])
        got = doc_text(out).splitlines()
        for orig, dmg, res in zip(originals, damaged_doc, got, strict=True):
            if dmg == orig:
                if res != orig:
                    w += 1
                continue
            n += 1
            if res == orig:
                e += 1
            elif "?" in res:
                f += 1
            else:
                w += 1
        rows.append(f"| {name} | {n} | {e} | {f} | {w} |")
        exact, flagged, wrong, total = exact + e, flagged + f, wrong + w, total + n
    return rows, exact, flagged, wrong, total


KINDS = [utf8_as_gbk, utf8_as_latin1, utf8_as_cp1252, gbk_as_latin1]


def mojibake(corpus: dict[str, list[str]]) -> tuple[list[str], int, int, int, int]:
    rows = []
    exact = left = wrong = total = 0
    for kind in KINDS:
        e = lf = w = n = 0
        for paras in corpus.values():
            for para in paras[::3]:
                clauses = [c for c in re.split(r"(?<=[，。；,;])", para) if len(c) >= 6]
                if not clauses:
                    continue
                clause = RNG.choice(clauses)
                damaged = para.replace(clause, kind(clause), 1)
                out = doc_text(_apply(b.document(b.para(damaged)), [repair_mojibake])).rstrip("\n")
                n += 1
                if out == para:
                    e += 1
                elif out == damaged:
                    lf += 1
                else:
                    w += 1
        rows.append(f"| {kind.__name__} | {n} | {e} | {lf} | {w} |")
        exact, left, wrong, total = exact + e, left + lf, wrong + w, total + n
    return rows, exact, left, wrong, total


def clean_changes(corpus: dict[str, list[str]]) -> tuple[int, int]:
    chars = changed = 0
    for paras in corpus.values():
        doc = b.document(*(b.para(p) for p in paras))
        log = DiagnosticLog()
        for fn in (repair_gbk_damage, repair_mojibake, strip_pinyin):
            doc = fn(doc, OPTS, log)
        out = doc_text(doc).splitlines()
        chars += sum(len(p) for p in paras)
        changed += sum(1 for a, c in zip(paras, out, strict=True) if a != c)
        changed += sum(1 for d in log if d.action in ("changed", "removed"))
    return chars, changed


def main() -> None:
    start = time.perf_counter()
    corpus = corpora()
    lines = ["# Character repair benchmark", "",
             "Run: `/work/venv/bin/python benchmarks/repair/bench_repair.py`",
             "", "## Seed 003 (annotated traditional report)", "", *seed_003(), ""]
    rows, e, f, w, n = annotator(corpus)
    lines += ["## Simulated annotator damage (GBK byte-level `(pinyin)` insertion)", "",
              "Every other paragraph damaged with 1–2 keys aimed across character boundaries plus 3 "
              "ordinary keys; the decoder writes `?` for a bad lead byte, swallowing a following `(` or `<`.",
              "", "| corpus | damaged paragraphs | repaired exactly | left flagged | wrongly changed |",
              "| --- | --- | --- | --- | --- |", *rows,
              f"| **all** | {n} | {e} ({100 * e / max(n, 1):.1f}%) | {f} | {w} |", ""]
    rows, e, lf, w, n = mojibake(corpus)
    lines += ["## Simulated mojibake (one clause of every third paragraph)", "",
              "| kind | cases | repaired exactly | left | wrongly changed |",
              "| --- | --- | --- | --- | --- |", *rows,
              f"| **all** | {n} | {e} ({100 * e / max(n, 1):.1f}%) | {lf} | {w} |", ""]
    chars, changed = clean_changes(corpus)
    lines += ["## Clean text", "",
              f"- undamaged paragraphs of the simplified seeds and own texts: {chars} characters; "
              f"changes by GBK-damage, mojibake and pinyin repair: {changed}", "",
              f"Total time: {time.perf_counter() - start:.1f} s", ""]
    Path(__file__).with_name("RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
