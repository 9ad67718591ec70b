"""Character repair never changes good text: clean texts unlike the seeds come through byte-identical.

The fixtures under fixtures/repair/clean are clean writing of many kinds (field layouts, flattened tables,
slogans, poems, padded names, Latin and pinyin inside Chinese, formulas, code, quotes of every kind,
traditional script, kana, full-width Latin, look-alikes of mojibake, rare characters, lines that end
without punctuation on purpose). Every repair stage must leave them as they are and say so: a change
diagnostic on any of them is a false repair.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docconv.ast import Document
from docconv.clean.repair import JOIN_TRANSFORMS, TRANSFORMS
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options
from docconv.readers.txt import read_txt

CLEAN = Path(__file__).resolve().parents[1] / "fixtures" / "repair" / "clean"
CASES = sorted(CLEAN.glob("*.txt"))


def _read(path: Path) -> Document:
    return read_txt(path.read_text(encoding="utf-8"), Options(), DiagnosticLog())


def test_there_are_enough_clean_texts() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_repair_stages_leave_clean_text_identical(path: Path) -> None:
    doc = _read(path)
    log = DiagnosticLog()
    out = doc
    for t in (*TRANSFORMS, *JOIN_TRANSFORMS):
        out = t.run(out, Options(), log)
    changes = [d.format() for d in log if d.action in (Action.CHANGED, Action.REMOVED)]
    assert changes == []
    assert out == doc


@pytest.mark.parametrize("name", ["05_names_spaced.txt", "24_polyphone_notes.txt", "01_notice_fields.txt"])
def test_doubts_are_reported_not_acted_on(name: str) -> None:
    # the layouts a repair might take for damage leave a note (kept), so --explain shows the decision
    log = DiagnosticLog()
    doc = _read(CLEAN / name)
    for t in TRANSFORMS:
        doc = t.run(doc, Options(), log)
    assert any(d.rule.startswith("repair.") and d.action == Action.KEPT for d in log)
