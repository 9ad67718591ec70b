"""A document's running numbers decide a damaged numeral that the language score cannot (`(一)`, `(三)`
and `(七)` share their first two UTF-8 bytes), and a paragraph's edge is context for the score."""

from __future__ import annotations

from docconv import builder as b
from docconv.clean.mojibake import _murky_opening, repair_mojibake
from docconv.clean.ordinals import Ordinals, items
from docconv.clean.textmap import block_texts, doc_text
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from tests.repair_sim import utf8_as_gbk, utf8_as_gbk_ignore


def _repair(*paras: str) -> list[str]:
    out = repair_mojibake(b.document(*(b.para(p) for p in paras)), Options(), DiagnosticLog())
    return doc_text(out).splitlines()


def _ordinals(*blocks: str) -> Ordinals:
    return Ordinals.of(list(blocks), _murky_opening)


def test_items_finds_opening_markers_and_inline_enumerations() -> None:
    found = items("(二)健全制度。一是明确分工；二是落实责任。", base=100)
    assert [(o, f, n) for o, f, n, _ in found] == [(100, "cn-paren", 2), (108, "enum", 1), (115, "enum", 2)]
    # `两` reads as two in prose but never numbers an item; a number pair opening a sentence is no marker.
    assert items("(两)项工作") == []
    assert items("一、二季度完成了目标。") == []


def test_expected_numbers_come_from_both_neighbours_of_the_same_form() -> None:
    blocks = ["(一)甲项工作", "1.细项", "正文一段", "(四)丁项工作"]
    ords = _ordinals(*blocks)
    at = sum(len(t) + 1 for t in blocks[:2])
    assert ords.expected(at, "cn-paren") == {2, 3}
    assert ords.expected(at, "arabic") == {2}
    assert ords.expected(at, "cn") == set()


def test_a_damaged_opening_between_hides_the_count() -> None:
    damaged = utf8_as_gbk("(二)乙项工作")
    assert _murky_opening(damaged)
    blocks = ["(一)甲项工作", damaged, "正文一段", "(四)丁项工作"]
    ords = _ordinals(*blocks)
    at = sum(len(t) + 1 for t in blocks[:2])
    # `(一)` is across the damaged block: only `(四)` after it counts.
    assert ords.expected(at, "cn-paren") == {3}
    # Digits survive every mis-decoding, so a damaged opening hides no `1.`.
    ords = _ordinals("1.甲", damaged, "正文", "3.丙")
    assert ords.expected(sum(len(t) + 1 for t in ("1.甲", damaged)), "arabic") == {2}


def test_lone_damaged_numeral_is_read_from_the_sequence() -> None:
    lone = utf8_as_gbk_ignore("(三)") + "落实工作责任。"
    assert lone.startswith("(涓)")  # the numeral's last byte is gone; `一`, `三`, `七`… remain
    paras = ["(一)加强组织领导。", "(二)完善工作制度。", lone, "(四)强化督促检查。"]
    assert _repair(*paras)[2] == "(三)落实工作责任。"
    # Between `(四)` and `(六)` the same character is no numeral the sequence expects: left.
    paras = ["(四)加强组织领导。", lone, "(六)强化督促检查。"]
    assert _repair(*paras)[1] == lone
    # Alone, nothing chooses among the numerals: left.
    assert _repair(lone) == [lone]


def test_sequence_chooses_among_readings_of_a_damaged_span() -> None:
    damaged = utf8_as_gbk("(三)落实工作责任")
    paras = ["(一)加强组织领导。", "(二)完善工作制度。", damaged + "。", "(四)强化督促检查。"]
    assert _repair(*paras)[2] == "(三)落实工作责任。"


def test_enumeration_inside_a_paragraph_is_a_sequence() -> None:
    text = "一是加强学习。二是完善制度。三是落实责任。四是强化检查。"
    ords = _ordinals(text)
    span = (text.index("三"), text.index("三") + 1)
    assert ords.fits(text, 0, span) is True
    assert ords.fits(text.replace("三是", "七是"), 0, span) is False
    # A reading that numbers nothing there says nothing.
    assert ords.fits(text.replace("三是", "上是"), 0, span) is None


LISTS = ["会议要求各单位加强组织、宣传、检查、督导、考核、评比、通报等各项工作。",
         "重点抓好学习、培训、建设、管理、服务、监督、保障等环节。"]


def test_paragraph_end_is_context_for_a_lost_last_byte() -> None:
    # `。` and `、` differ in the last UTF-8 byte; lost at the paragraph's end, only the edge tells that a
    # paragraph ends with `。` (a document full of lists otherwise favours `、`).
    for damage in (utf8_as_gbk, utf8_as_gbk_ignore):
        for last in ("加强党员思想政治建设。", "不断强化领导班子思想建设。"):
            assert _repair(*LISTS, "2、" + damage(last))[-1] == "2、" + last


def test_block_texts_follow_the_rewrite_order() -> None:
    doc = b.document(b.heading(1, "标题"), b.para("第一段"), b.bullets(b.item(b.para("条目"))), b.para("末段"))
    assert block_texts(doc) == ["标题", "第一段", "条目", "末段"]


def test_a_list_that_starts_over_reads_as_its_first_item() -> None:
    # A second article restarts its outline: after `五、` no damaged reading numbers a sixth item, and the
    # only reading that starts a list over is `一、`.
    damaged = utf8_as_gbk_ignore("一、") + "党建工作的现状。"
    assert damaged.startswith("涓銆")
    paras = ["四、领导带头，人人参与。", "五、宣传到位，效果明显。", "机关单位党建工作总结", damaged,
             "正文第一段，没有编号。"]
    assert _repair(*paras)[3] == "一、党建工作的现状。"
    # With nothing before it, nothing says the list starts there: left (it may be a fragment's `三、`).
    assert _repair(damaged, "正文第一段，没有编号。")[0] == damaged


def test_only_a_damaged_first_character_may_hide_a_marker() -> None:
    # `2 、` survived: the damage after it hides no `二、`.
    assert not _murky_opening("2 " + utf8_as_gbk("、建立帮扶机制"))
    assert _murky_opening(utf8_as_gbk("二、建立帮扶机制"))
    assert _murky_opening("(" + utf8_as_gbk("二)建立帮扶机制"))


def test_a_lone_character_cut_off_by_digits_is_repaired_beside_other_damage() -> None:
    title = utf8_as_gbk_ignore("卫生局党支部情况总结2篇")
    assert title.endswith("2绡")  # `篇` lost its last byte and stands alone after the digit
    assert _repair(title) == ["卫生局党支部情况总结2篇"]
    # The same rare character in text with no other damage is no evidence of anything: kept.
    clean = "本站收录绡纱织物2绡"
    assert _repair(clean) == [clean]
