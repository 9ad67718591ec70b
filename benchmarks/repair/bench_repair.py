"""Quality benchmark for character repair (run by hand; writes RESULTS.md beside this script).

    /work/venv/bin/python benchmarks/repair/bench_repair.py

1. Seed 003: pinyin annotations stripped and false strips; GBK damage runs repaired.
2. Simulated annotator damage (byte-level `(pinyin)` insertion over GBK with one deterministic key set
   per document, some keys being what chosen character boundaries read as) on the seeds and on own
   texts: repaired exactly / left flagged / wrongly changed, per corpus.
3. Simulated mojibake (UTF-8 as GBK/GB18030 with errors='replace' and 'ignore', as latin-1, as cp1252;
   GBK as latin-1 and cp1252) of clauses embedded in clean paragraphs: repaired exactly / left / wrongly
   changed, per decoder (with what the decoder leaves of the bytes, and an aggregate over the kinds
   whose loss is marked or nil) and per corpus.
4. Clean text: characters changed by the GBK, mojibake and pinyin repairs on the undamaged seeds and
   own texts (must be 0).
5. Long line: seconds each repair transform takes on one 3 MB clean paragraph with no line break.

Seed text is never written to RESULTS.md; only counts are. The hand-written notes at the end of
RESULTS.md (from its first `## Notes` heading on) are kept when the tables are rewritten.
"""

from __future__ import annotations

import difflib
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.repair_sim import (  # noqa: E402
    annotate_gbk,
    document_keys,
    gbk_as_cp1252,
    gbk_as_cp1252_replace,
    gbk_as_latin1,
    utf8_as_cp1252,
    utf8_as_cp1252_replace,
    utf8_as_gb18030,
    utf8_as_gbk,
    utf8_as_gbk_ignore,
    utf8_as_latin1,
)

from docconv import builder as b  # noqa: E402
from docconv.ast import Document  # noqa: E402
from docconv.clean import pinyin  # noqa: E402
from docconv.clean.chars import PUA  # noqa: E402
from docconv.clean.mojibake import repair_mojibake  # noqa: E402
from docconv.clean.repair import TRANSFORMS, repair_gbk_damage, strip_pinyin  # noqa: E402
from docconv.clean.textmap import doc_text  # noqa: E402
from docconv.diagnostics import DiagnosticLog  # noqa: E402
from docconv.options import Options  # noqa: E402
from docconv.readers.txt import read_txt  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
OWN = Path(__file__).with_name("own_texts.txt")
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


def _gbk_ok(text: str) -> bool:
    try:
        text.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


TRIALS = 8
"""Key sets tried per corpus (each a fresh deterministic annotator over the whole document)."""
KEY_SHARE = 0.15
"""Share of a document's distinct Han characters made keys (seed 003: 106 of 726)."""
CHARS_PER_RUN = 700
"""Characters per damaged boundary (seed 003: six damaged runs in about 4,300 characters)."""


def annotator(corpus: dict[str, list[str]], show: bool = False) -> tuple[list[str], int, int, int, int, int]:
    exact = flagged = wrong = total = clean_wrong = 0
    rows = []
    for name, all_paras in corpus.items():
        e = f = w = n = cw = 0
        paras = [p for p in all_paras if _gbk_ok(p)]  # a GBK page holds GBK characters only
        for trial in range(TRIALS):
            rng = random.Random(f"{name}-{trial}")
            keys = document_keys(paras, rng, KEY_SHARE, runs=max(2, sum(map(len, paras)) // CHARS_PER_RUN))
            damaged_doc = [annotate_gbk(p, keys) for p in paras]
            doc = b.document(*(b.para(p) for p in damaged_doc))
            out = _apply(doc, [repair_gbk_damage, strip_pinyin])
            got = doc_text(out).splitlines()
            for orig, dmg, res in zip(paras, damaged_doc, got, strict=True):
                if "?" not in dmg and not PUA.search(dmg):
                    if res != orig:
                        cw += 1
                        if show:
                            print("CLEAN-WRONG", name, orig, res, sep="\n  ")
                    continue
                n += 1
                if res == orig:
                    e += 1
                    continue
                if "?" in res or PUA.search(res):
                    f += 1
                else:
                    w += 1
                if show:
                    print("FLAG" if "?" in res else "WRONG", name, orig, dmg, res, sep="\n  ")
        rows.append(f"| {name} | {n} | {e} | {f} | {w} | {cw} |")
        exact, flagged, wrong, total = exact + e, flagged + f, wrong + w, total + n
        clean_wrong += cw
    return rows, exact, flagged, wrong, total, clean_wrong


KINDS = [
    utf8_as_gbk, utf8_as_gbk_ignore, utf8_as_gb18030, utf8_as_latin1, utf8_as_cp1252, utf8_as_cp1252_replace,
    gbk_as_latin1, gbk_as_cp1252, gbk_as_cp1252_replace,
]

INFORMATION = {
    "utf8_as_gbk": "marked loss: one U+FFFD per lost byte; UTF-8 structure leaves 1-64 values for it",
    "utf8_as_gbk_ignore": "unmarked loss: lost bytes vanish, each at a character boundary; UTF-8 "
    "structure and the next byte say where, how many and which",
    "utf8_as_gb18030": "marked loss, as utf8_as_gbk",
    "utf8_as_latin1": "lossless",
    "utf8_as_cp1252": "lossless",
    "utf8_as_cp1252_replace": "marked loss: each U+FFFD is one of the 5 bytes cp1252 leaves undefined",
    "gbk_as_latin1": "lossless",
    "gbk_as_cp1252": "lossless",
    "gbk_as_cp1252_replace": "marked loss, as utf8_as_cp1252_replace",
}
"""What each decoder leaves of the original bytes: whether repair is possible in principle."""
UNMARKED = {"utf8_as_gbk_ignore"}
"""Kinds whose lost bytes leave no mark (left out of the marked-or-no-loss aggregate only, so that it
compares with the tables of earlier sessions)."""


def _only_left(para: str, out: str, mangled: str) -> bool:
    """Whether every difference from the original is mojibake left as it was (a partial repair with no
    wrong change: counted as left)."""
    sm = difflib.SequenceMatcher(None, para, out, autojunk=False)
    return all(op == "equal" or out[b1:b2] in mangled for op, _a1, _a2, b1, b2 in sm.get_opcodes())


def _cases(kind: object, corpus: dict[str, list[str]]) -> dict[str, list[tuple[int, str, str, str]]]:
    """Per corpus, the damaged cases of one decoder: (paragraph index, original, damaged, damaged clause)."""
    rng = random.Random(kind.__name__)  # type: ignore[attr-defined]
    out: dict[str, list[tuple[int, str, str, str]]] = {}
    for name, paras in corpus.items():
        out[name] = []
        for i in range(0, len(paras), 3):
            para = paras[i]
            clauses = [c for c in re.split(r"(?<=[，。；,;])", para) if len(c) >= 6]
            if not clauses:
                continue
            clause = rng.choice(clauses)
            mangled = kind(clause)  # type: ignore[operator]
            damaged = para.replace(clause, mangled, 1)
            if damaged != para:
                out[name].append((i, para, damaged, mangled))
    return out


def _repaired(paras: list[str], cases: list[tuple[int, str, str, str]], in_doc: bool) -> list[str]:
    """The repair of each case: alone as a one-paragraph document, or in its document with every
    other case's damage in place (the rest of the document as it is)."""
    if not in_doc:
        return [doc_text(_apply(b.document(b.para(d)), [repair_mojibake])).rstrip("\n")
                for _, _, d, _ in cases]
    text = list(paras)
    for i, _, d, _ in cases:
        text[i] = d
    got = doc_text(_apply(b.document(*(b.para(p) for p in text)), [repair_mojibake])).splitlines()
    return [got[i] for i, _, _, _ in cases]


def mojibake(
    corpus: dict[str, list[str]], show: str = "", in_doc: bool = False
) -> tuple[list[str], list[str], int, int, int, int]:
    rows = []
    per_corpus: dict[str, list[int]] = {name: [0, 0, 0, 0] for name in corpus}
    exact = left = wrong = total = 0
    rec = [0, 0, 0, 0]
    for kind in KINDS:
        if show and kind.__name__ != show:
            continue
        e = lf = w = n = 0
        for name, cases in _cases(kind, corpus).items():
            repaired = _repaired(corpus[name], cases, in_doc)
            for (_i, para, damaged, mangled), out in zip(cases, repaired, strict=True):
                n += 1
                k = 0 if out == para else 1 if out == damaged or _only_left(para, out, mangled) else 2
                per_corpus[name][k] += 1
                per_corpus[name][3] += 1
                if k == 0:
                    e += 1
                    continue
                if k == 1:
                    lf += 1
                else:
                    w += 1
                if show == kind.__name__:
                    print("LEFT" if k == 1 else "WRONG", para, damaged, out, sep="\n  ")
        rows.append(f"| {kind.__name__} | {INFORMATION[kind.__name__]} | {n} | {e} | {lf} | {w} |")
        exact, left, wrong, total = exact + e, left + lf, wrong + w, total + n
        if kind.__name__ not in UNMARKED:
            rec[0], rec[1], rec[2], rec[3] = rec[0] + n, rec[1] + e, rec[2] + lf, rec[3] + w
    crows = [f"| {name} | {c[3]} | {c[0]} | {c[1]} | {c[2]} |" for name, c in per_corpus.items()]
    rows.append(f"| **marked or no loss** (all but {', '.join(sorted(UNMARKED))}) | | {rec[0]} "
                f"| {rec[1]} ({100 * rec[1] / max(rec[0], 1):.1f}%) | {rec[2]} | {rec[3]} |")
    return rows, crows, exact, left, wrong, total


LONG_LINE_BYTES = 3_000_000
"""Size of the single-line clean paragraph the repair transforms are timed on."""


def long_line() -> list[str]:
    """Seconds each repair transform takes on one 3 MB clean paragraph with no line break (own texts
    repeated): a scraped page can be one giant line, and repair must stay linear on it."""
    own = OWN.read_text(encoding="utf-8").replace("\n", "")
    line = own * (LONG_LINE_BYTES // len(own.encode("utf-8")) + 1)
    line = line[: len(line) * LONG_LINE_BYTES // len(line.encode("utf-8"))]
    doc = b.document(b.para(line))
    out = [f"- one clean paragraph of {len(line):,} characters ({len(line.encode('utf-8')):,} bytes UTF-8), "
           "no line break:"]
    for t in TRANSFORMS:
        start = time.perf_counter()
        got = t.run(doc, OPTS, DiagnosticLog())
        out.append(f"  - `{t.name}`: {time.perf_counter() - start:.2f} s, "
                   f"{'unchanged' if got == doc else 'CHANGED'}")
    return out


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


METHOD = """\
### How the damage is simulated

- **Annotator.** One key set per document and trial ({trials} trials per corpus): {share:.0%} of the
  document's distinct Han characters (seed 003's real key set is 106 of its 726 distinct characters,
  20% of its Han tokens), drawn among characters whose bytes never straddle a boundary in the
  document, plus characters that some boundary reads as in GBK, drawn uniformly over distinct
  characters until about one damaged boundary per 700 characters (seed 003: six runs in about 4,300
  characters); each key with its first pypinyin reading. `(pinyin)` is inserted after every byte
  occurrence of every key over the GBK bytes, so every occurrence of a crossing pair is damaged. The
  seeds' punctuation is half-width (folded before they reached us), so most runs end at an ASCII `,`
  whose lost byte nothing constrains; pages with full-width punctuation end runs at the next
  annotation, where the orphan pinyin pins the byte. Only GBK-encodable paragraphs are used. The
  decoder writes `?` for a lead byte followed by a byte below 0x40, swallowing it when it is `(` or
  `<` (as the real site's decoder did) and keeping it otherwise;
  GBK user-defined pairs come out as private-use characters (GB18030 tables, as in the real damage).
  A paragraph counts as damaged when it carries `?` or a private-use character; paragraphs with intact
  annotations only must come out exactly as the original (column "clean wrong").
- **Mojibake.** One clause (ending at `，。；,;`, at least 6 characters) of every third paragraph is
  re-encoded and decoded with the wrong codec by Python's own codecs: GBK and GB18030 with
  errors='replace' (one U+FFFD per undecodable byte; GB18030 decodes user-defined pairs to
  private-use characters), GBK with errors='ignore' (the byte vanishes without a mark: CPython's
  decoder drops exactly the bytes errors='replace' marks, one per failure), latin-1
  (lossless), cp1252 as browsers apply it (the five undefined bytes read as latin-1; lossless) and as
  Python does with errors='replace' (U+FFFD for those bytes). A case is exact when the whole paragraph
  comes out as the original, left when it comes out as the damaged input or differs from the original
  only by mojibake left as it was (part of the clause repaired, the rest left), wrong otherwise.
  Two settings: each damaged paragraph repaired alone, as a one-paragraph document (no context beyond
  the paragraph: the setting of earlier sessions), and every damaged paragraph repaired in its document
  with the other cases' damage in place, as a page with mojibake spliced into it reaches docconv (the
  model learns the document's vocabulary, and the outline around a damaged marker is there).
"""


def main() -> None:
    only = sys.argv[1] if len(sys.argv) > 1 else ""
    show = sys.argv[2] if len(sys.argv) > 2 else ""
    start = time.perf_counter()
    corpus = corpora()
    if only == "ann":
        rows, e, f, w, n, cw = annotator(corpus, show=bool(show))
        total = f"all {n} exact {e} ({100 * e / max(n, 1):.1f}%) flagged {f} wrong {w} clean-wrong {cw}"
        print(*rows, total, sep="\n")
        return
    if only == "long":
        print(*long_line(), sep="\n")
        return
    if only in ("moji", "moji-doc"):
        rows, crows, e, lf, w, n = mojibake(corpus, show=show, in_doc=only == "moji-doc")
        total = f"all {n} exact {e} ({100 * e / max(n, 1):.1f}%) left {lf} wrong {w}"
        print(*rows, *crows, total, sep="\n")
        return
    import platform  # noqa: PLC0415  # only the full run records the machine

    lines = ["# Character repair benchmark", "",
             "Run: `/work/venv/bin/python benchmarks/repair/bench_repair.py` "
             "(`ann`, `moji`, `moji-doc` or `long` as first argument runs one section; a second argument "
             "prints the failures of `ann`, or of the `moji`/`moji-doc` decoder it names).",
             "", f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}, {platform.system()} {platform.release()}.",
             "", "## Seed 003 (annotated traditional report)", "", *seed_003(), "",
             METHOD.format(trials=TRIALS, share=KEY_SHARE)]
    rows, e, f, w, n, cw = annotator(corpus)
    lines += ["## Simulated annotator damage (GBK byte-level `(pinyin)` insertion)", "",
              "| corpus | damaged paragraphs | repaired exactly | left flagged | wrongly changed "
              "| clean wrong |",
              "| --- | --- | --- | --- | --- | --- |", *rows,
              f"| **all** | {n} | {e} ({100 * e / max(n, 1):.1f}%) | {f} | {w} | {cw} |", ""]
    for in_doc, heading in ((False, "each damaged paragraph repaired alone"),
                            (True, "repaired in its document, the other cases' damage in place")):
        rows, crows, e, lf, w, n = mojibake(corpus, in_doc=in_doc)
        lines += [f"## Simulated mojibake (one clause of every third paragraph): {heading}", "",
                  "| decoder | what the decoder leaves | cases | repaired exactly | left | wrongly changed |",
                  "| --- | --- | --- | --- | --- | --- |", *rows,
                  f"| **all kinds** | | {n} | {e} ({100 * e / max(n, 1):.1f}%) | {lf} | {w} |", "",
                  "The same cases per corpus:", "",
                  "| corpus | cases | repaired exactly | left | wrongly changed |",
                  "| --- | --- | --- | --- | --- |", *crows, ""]
    chars, changed = clean_changes(corpus)
    lines += ["## Clean text", "",
              f"- undamaged paragraphs of the simplified seeds and own texts: {chars} characters; "
              f"changes by GBK-damage, mojibake and pinyin repair: {changed}", "",
              "## Long line", "", *long_line(), "",
              f"Total time: {time.perf_counter() - start:.1f} s", ""]
    results = Path(__file__).with_name("RESULTS.md")
    # The notes written by hand at the end (from the first `## Notes` heading on) are kept as they are.
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    notes = old[old.find("## Notes") :] if "## Notes" in old else ""
    results.write_text("\n".join(lines) + ("\n" + notes if notes else ""), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
