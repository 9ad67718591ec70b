"""Word-level pinyin annotations (`总结(zǒng jié)`, `纳税[nashui]`): stripped when they spell the word's
readings, never when the bracket holds anything else."""

from __future__ import annotations

import pytest

from docconv import builder as b
from docconv.clean import pinyin
from docconv.clean.repair import strip_pinyin
from docconv.clean.textmap import doc_text
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options
from tests.test_pinyin_partial import stripped

# A short plan annotated word by word: spaced tones, run-together tones, toneless in square brackets.
WORDWISE = (
    "2024年度后勤科工作计划(jì huà)",
    "今年后勤科将在院领导(lǐngdǎo)的支持下，做好物资采购(cǎi gòu)和设备维修工作。",
    "一、完善采购制度[zhidu]",
    "严格执行询价比价流程，采购合同全部归档[guidang]，做到账实相符。",
    "二、加强设备巡检(xún jiǎn)",
)


@pytest.mark.parametrize(("word", "body", "spells"), [
    ("计划", "jì huà", True),
    ("领导", "lǐngdǎo", True),         # run together, tones kept
    ("制度", "zhidu", True),           # toneless
    ("西安", "xi'an", True),           # the apostrophe that parts syllables
    ("绿色", "lvse", True),            # ü typed as v
    ("东西", "dōng xi", True),         # a neutral tone written bare among marked ones
    ("计划", "jī huà", False),         # a tone that is no reading of 计
    ("计划", "jihuazhe", False),       # letters left over
    ("平台", "platform", False),
    ("管理", "gong zuo", False),
])
def test_spelling_segments_into_the_words_readings(word: str, body: str, spells: bool) -> None:
    assert pinyin._spells(word, body) is spells


def test_word_annotations_are_stripped() -> None:
    out, log = stripped(b.document(*(b.para(p) for p in WORDWISE)))
    assert out == ("2024年度后勤科工作计划\n今年后勤科将在院领导的支持下，做好物资采购和设备维修工作。\n"
                   "一、完善采购制度\n严格执行询价比价流程，采购合同全部归档，做到账实相符。\n二、加强设备巡检\n")
    removed = [d.text for d in log if d.action == Action.REMOVED]
    assert removed == ["计划(jì huà)", "领导(lǐngdǎo)", "采购(cǎi gòu)", "制度[zhidu]", "归档[guidang]",
                       "巡检(xún jiǎn)"]


def test_idempotent() -> None:
    once = strip_pinyin(b.document(*(b.para(p) for p in WORDWISE)), Options(), DiagnosticLog())
    assert strip_pinyin(once, Options(), DiagnosticLog()) == once


def test_brackets_that_do_not_spell_the_word_before_them_stay() -> None:
    # real report text with the same shape: a bracket of lowercase letters or other content after Han
    text = ("项目采用政府和社会资本合作(PPP)模式，依据《资金管理办法(试行)》[2023]12号文执行，"
            "平台(platform)上线后，采购目录(gongzuo)同步更新，复核(ok)无误，编号[abc]已登记。")
    doc = b.document(*(b.para(p) for p in WORDWISE), b.para(text))
    out, _ = stripped(doc)
    assert text in out
    assert [a.han for a in pinyin.find_all(text)] == []


def test_a_lone_toneless_spelling_is_kept_and_flagged() -> None:
    # without other annotations a toneless spelling may be a name's (`小米(xiaomi)`): kept, reported
    doc = b.document(b.para("本季度与本地企业华联(hualian)签订了供货协议，合同金额120万元。"))
    out, log = stripped(doc)
    assert out == doc_text(doc)
    assert [(d.action, d.severity) for d in log] == [(Action.KEPT, "warning")]


def test_a_word_annotated_once_goes_though_it_stands_bare_elsewhere() -> None:
    # word-by-word annotators mark a word's first occurrence: 采购 stands bare three more times
    doc = b.document(*(b.para(p) for p in WORDWISE),
                     b.para("采购计划按季度编制，采购结果及时公示，采购档案专人保管。"))
    out, _ = stripped(doc)
    assert "物资采购和设备" in out
    assert not pinyin.find_all(out)


def test_a_word_reading_after_a_pronunciation_cue_stays() -> None:
    doc = b.document(b.para("“采购”一词读作采购(cǎi gòu)，“购”不读作(gōu)。"))
    out, log = stripped(doc)
    assert "读作采购(cǎi gòu)" in out
    assert any(d.action == Action.KEPT and "pronunciation" in d.message for d in log)
