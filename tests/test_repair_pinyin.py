"""Pinyin annotation stripping: every annotation goes, no real parenthetical does."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypinyin.constants import PINYIN_DICT

from docconv import builder as b
from docconv.ast import Document
from docconv.clean import pinyin
from docconv.clean.repair import strip_pinyin
from docconv.clean.textmap import doc_text
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.readers.txt import read_txt

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "repair"
SEEDS = ROOT.parent / "shared" / "seeds"
ANNOTATION = re.compile(rf"[(（]\s*{pinyin.SYLLABLE}\s*[)）]")


def _read(path: Path) -> Document:
    return read_txt(path.read_text(encoding="utf-8"), Options(), DiagnosticLog())


def test_strips_every_annotation_in_fixture() -> None:
    log = DiagnosticLog()
    out = strip_pinyin(_read(FIXTURES / "annotated.txt"), Options(), log)
    text = doc_text(out)
    assert not ANNOTATION.search(text)
    assert "年終總結報告" in text
    assert "落到實處。" in text  # the spaced form `( chù )` goes too
    assert sum(1 for d in log if d.rule == "repair.pinyin" and d.action == "removed") == 8


def test_keeps_real_parentheticals() -> None:
    doc = _read(FIXTURES / "parentheticals.txt")
    log = DiagnosticLog()
    out = strip_pinyin(doc, Options(), log)
    assert doc_text(out) == doc_text(doc)
    # `新區(xīn)` is a tone-marked reading, but one lone hit does not make an annotated document: kept, flagged.
    assert [d.action for d in log] == ["kept"]


def test_unverified_syllable_stripped_only_in_annotated_document() -> None:
    lone = b.document(b.para("他的姓氏王(wàn)比較少見。"))
    assert doc_text(strip_pinyin(lone, Options(), DiagnosticLog())) == doc_text(lone)
    annotated = b.document(b.para("總(zǒng)結(jié)報(bào)告(gào)，姓氏王(wàn)。"))
    assert doc_text(strip_pinyin(annotated, Options(), DiagnosticLog())) == "總結報告，姓氏王。\n"


def test_readings_written_on_purpose_kept() -> None:
    # a note on polyphones: `行` annotated with two syllables, and shown bare more often than annotated
    doc = b.document(b.para("易错字：银行(háng)、行(xíng)走，长(zhǎng)大、长(cháng)短。"),
                     b.para("多音字“重”：重(zhòng)要，重(chóng)新；进行、行动、行为都常见。"))
    log = DiagnosticLog()
    assert doc_text(strip_pinyin(doc, Options(), log)) == doc_text(doc)
    assert [d.action for d in log] == ["kept"] * 6
    assert all(d.severity == "warning" for d in log)


def test_consistent_annotations_stripped_beside_a_reading_written_on_purpose() -> None:
    # an annotator's keys (every occurrence, one syllable) go; `行`, bare three times, stays
    doc = b.document(b.para("總(zǒng)結(jié)報告，總(zǒng)結(jié)經驗，進行、行動、行為，銀行(háng)。"))
    out = doc_text(strip_pinyin(doc, Options(), DiagnosticLog()))
    assert out == "總結報告，總結經驗，進行、行動、行為，銀行(háng)。\n"


def test_idempotent() -> None:
    once = strip_pinyin(_read(FIXTURES / "annotated.txt"), Options(), DiagnosticLog())
    assert strip_pinyin(once, Options(), DiagnosticLog()) == once


def test_does_not_mutate_input() -> None:
    doc = _read(FIXTURES / "annotated.txt")
    before = doc_text(doc)
    strip_pinyin(doc, Options(), DiagnosticLog())
    assert doc_text(doc) == before


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed reports not available")
def test_seeds_no_false_strips_and_seed_003_clean() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        doc = _read(path)
        log = DiagnosticLog()
        out = doc_text(strip_pinyin(doc, Options(), log))
        removed = [d for d in log if d.action == "removed"]
        if path.name.startswith("003"):
            assert len(removed) > 800
            # everything removed is a parenthesised tone-marked syllable right after a Han character
            assert all(ANNOTATION.search(d.text or "") for d in removed)
        else:
            assert removed == []
            assert out == doc_text(doc)


@pytest.mark.parametrize(("text", "found"), [
    ("組長(zhǎ ng)", [("zhǎng", True)]),      # a PDF extraction splits a syllable at a full-width vowel
    ("組長( zhǎng )", [("zhǎng", True)]),
    ("材料(a b c)", []),                      # two spaces: letters, not one syllable
    ("人(ren min)", []),                      # two syllables
    ("項目(Ke Ji)", []),
])
def test_one_space_inside_a_syllable(text: str, found: list[tuple[str, bool]]) -> None:
    assert [(a.syllable, a.verified) for a in pinyin.find_annotations(text)] == found


def test_reading_table_is_pypinyins_own_read_without_importing_the_package() -> None:
    assert pinyin._pinyin_table() == PINYIN_DICT
    # Reading the table must not load pypinyin (its phrase dictionary is 190,000 lists for the collector).
    probe = ("import sys; from docconv.clean.pinyin import readings; "
             "assert readings('结') >= {'jié'}; print('pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
