"""All five seed reports: repairs change only damaged text, and repairing twice equals repairing once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docconv.ast import Document
from docconv.clean import pinyin
from docconv.clean.repair import JOIN_TRANSFORMS, TRANSFORMS
from docconv.clean.textmap import doc_text
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.readers.txt import read_txt

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
PATHS = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
pytestmark = pytest.mark.skipif(not PATHS, reason="seed reports not available")
_SPACE = re.compile(r"\s+")


def _repair(doc: Document, log: DiagnosticLog) -> Document:
    for t in TRANSFORMS + JOIN_TRANSFORMS:
        doc = t.run(doc, Options(), log)
    return doc


@pytest.mark.parametrize("path", PATHS, ids=[p.name[:3] for p in PATHS])
def test_only_damaged_text_changes(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    log = DiagnosticLog()
    out = doc_text(_repair(read_txt(source, Options(), DiagnosticLog()), log))
    # Replay the reported repairs on the input: what remains must equal the output, whitespace aside
    # (whitespace inside CJK and paragraph breaks are what the spacing and join repairs change).
    expected = source
    for d in log:
        if d.rule == "repair.gbk-damage" and d.action == "changed":
            before, after = (d.text or "").split(" → ")
            assert expected.count(before) == 1
            expected = expected.replace(before, after)
    annotations = pinyin.find_annotations(expected)
    for a in reversed(annotations):
        expected = expected[: a.start] + expected[a.end :]
    assert _SPACE.sub("", out) == _SPACE.sub("", expected)
    changed_rules = {d.rule for d in log if d.action in ("changed", "removed")}
    assert changed_rules <= {"repair.gbk-damage", "repair.pinyin", "repair.spacing", "repair.join-paragraphs"}


@pytest.mark.parametrize("path", PATHS, ids=[p.name[:3] for p in PATHS])
def test_idempotent(path: Path) -> None:
    doc = read_txt(path.read_text(encoding="utf-8"), Options(), DiagnosticLog())
    once = _repair(doc, DiagnosticLog())
    assert _repair(once, DiagnosticLog()) == once
