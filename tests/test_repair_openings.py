"""Mojibake at a paragraph's edges and in short lines: the indent a lost byte hides, brackets and labels a
lost last byte leaves open, short GBK-as-latin-1 lines, and the white space a repair uncovers."""

from __future__ import annotations

import pytest

from docconv import builder as b
from docconv.ast import Document, Strong, Text
from docconv.clean import mojibake
from docconv.clean.chars import marks_collide, misreads_label
from docconv.clean.lostbytes import plausible
from docconv.clean.textmap import doc_text, trim_edges
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options
from tests.repair_sim import gbk_as_latin1, utf8_as_gbk

# A short plan, written for these tests: an outline with indented body paragraphs.
PLAN = (
    "社区文化站2024年工作安排",
    "　　2024年，文化站将围绕群众文化需求，继续办好各类公益讲座和文艺活动。",
    "　　一、办好公益讲座",
    "　　全年举办健康、法律、家庭教育等讲座24场，每场都做好签到和回访。",
    "　　二、丰富文艺活动",
    "　　组织广场舞展演和书法比赛，吸引更多居民走出家门参与活动。",
)


def _repair(doc: Document) -> tuple[list[str], DiagnosticLog]:
    log = DiagnosticLog()
    out = mojibake.repair_mojibake(doc, Options(), log)
    return doc_text(out).splitlines(), log


def _damaged(kind: object, lines: tuple[str, ...]) -> Document:
    assert callable(kind)
    return b.document(*(b.para(kind(line)) for line in lines))


def test_the_indent_a_lost_byte_hides_is_read_and_cut() -> None:
    # `　` is E3 80 80: read as GBK, its last byte is lost; before `2` the lost byte reads many ways
    damaged = _damaged(utf8_as_gbk, PLAN)
    assert doc_text(damaged).splitlines()[1].startswith("銆\ufffd銆\ufffd2024")
    lines, log = _repair(damaged)
    assert not [line for line in lines if line.startswith(("\u3000", "銆"))]
    assert lines[1] == PLAN[1].lstrip("\u3000")  # the indent alone before `2024`
    assert lines[4:] == [line.lstrip("\u3000") for line in PLAN[4:]]
    # `一、` and `中、` read alike until the second pass knows the `二、` after it
    assert lines[2] == "一、办好公益讲座"
    assert lines[3].startswith("全年举办健康")
    cuts = [d for d in log if d.action == Action.REMOVED and "uncovered" in d.message]
    assert len(cuts) == 5


def test_a_bracket_after_the_indent_is_not_read_as_more_indent() -> None:
    # two spaces of indent, then `《` before a digit: the third place is no indent
    line = "　　《2024年读书月活动方案》已经印发，请各单位认真组织实施。"
    lines, _ = _repair(b.document(*(b.para(utf8_as_gbk(p)) for p in (*PLAN, line))))
    assert not lines[-1].startswith("\u3000")
    assert "2024年读书月活动方案" in lines[-1] or lines[-1] == utf8_as_gbk(line)


def test_no_reading_opens_a_paragraph_with_a_mark() -> None:
    assert marks_collide("", "\u3000。", "2")
    assert marks_collide("", "】", "")
    assert not marks_collide("", "\u3000《", "2")
    assert not marks_collide("", "“四有”", "")
    assert not marks_collide("公司", "。", "")  # inside a line a full stop after a word is ordinary


def test_rare_symbols_are_no_reading_of_a_lost_byte() -> None:
    assert all(plausible(c) for c in "\u3000【〇々、")
    assert not any(plausible(c) for c in "〯〢〻")


def test_a_bracket_opened_in_its_line_is_closed_by_the_lost_last_byte() -> None:
    # `】` (E3 80 91) at the line's end: two lost bytes leave 500 readings, `。` ranks first alone
    lines, _ = _repair(_damaged(utf8_as_gbk, (*PLAN, "【延伸阅读】")))
    assert lines[-1] == "【延伸阅读】"


def test_a_label_before_its_value_reads_a_colon() -> None:
    line = "更新时间：2023-11-02 08:15  编辑：王某  审核：李某"
    lines, _ = _repair(_damaged(utf8_as_gbk, (*PLAN, line)))
    assert lines[-1].startswith("更新时间：2023-11-02")


@pytest.mark.parametrize(("before", "reading", "after", "wrong"), [
    ("", "发稿日期，", "2023-11-02 08:15  编辑：王某", True),
    ("", "发稿日期：", "2023-11-02 08:15  编辑：王某", False),
    ("编辑：王某  ", "来源，", "本站", True),                  # a line of fields
    ("", "日期，", "2023-11-02", True),                         # a value with no Han
    # prose with the same shape: Han and clause marks follow the comma, or the head is no label
    ("", "总之，", "2023年我们完成了全部任务。", False),
    ("", "其中，", "2023年新增会员12人，较上年增长", False),
    ("截至", "年底，", "100人参加", False),
    ("", "会议，", "10:00开始，请准时参加", False),
])
def test_label_rule_and_its_lookalikes(before: str, reading: str, after: str, wrong: bool) -> None:
    assert misreads_label(before, reading, after) is wrong


def test_a_short_gbk_as_latin1_line_is_repaired_on_the_documents_evidence() -> None:
    lines = (*PLAN[:4], "文化站", "2024年1月8日")
    damaged = _damaged(gbk_as_latin1, lines)
    assert doc_text(damaged).splitlines()[4] == "ÎÄ»¯Õ¾"
    out, _ = _repair(damaged)
    assert out == [line.lstrip("\u3000") for line in lines]


def test_a_short_latin_run_stays_without_evidence() -> None:
    # `××` (a name withheld) is GBK `鬃` read as latin-1, but nothing else in the document is damaged
    doc = b.document(b.para("述职人：王××"), b.para("2023年12月"))
    out, log = _repair(doc)
    assert out == ["述职人：王××", "2023年12月"]
    assert not list(log)
    assert not mojibake._utf8_like("团委".encode("gbk") + "校".encode("gbk"))


def test_the_white_space_a_latin_repair_uncovers_is_cut() -> None:
    # GBK `　　三、` read as latin-1 is `¡¡¡¡Èý¡¢`: the reader saw no indent, the repair reveals one
    lines, log = _repair(_damaged(gbk_as_latin1, PLAN))
    assert lines[2] == "一、办好公益讲座"
    assert any(d.text == repr("\u3000\u3000") for d in log if d.action == Action.REMOVED)


def test_trim_edges_cuts_only_what_the_rewrite_added() -> None:
    before = (Strong(content=(Text(text="abc"),)), Text(text="def "))
    after = (Strong(content=(Text(text="\u3000x"),)), Text(text="y  "))
    content, lead, tail = trim_edges(before, after)
    assert (lead, tail) == ("\u3000", "")  # the old text ended in a space: its end is left alone
    assert content == (Strong(content=(Text(text="x"),)), Text(text="y  "))


def test_a_second_pass_learns_the_outline_from_the_first() -> None:
    # one pass alone leaves `一、` (its indent read and cut): `中、` reads as well without the `二、` after it
    log = DiagnosticLog()
    one = mojibake._repair_pass(_damaged(utf8_as_gbk, PLAN), log)
    assert doc_text(one).splitlines()[2] == utf8_as_gbk("一、办好公益讲座")
    assert doc_text(mojibake._repair_pass(one, log)).splitlines()[2] == "一、办好公益讲座"


def test_idempotent() -> None:
    damaged = _damaged(utf8_as_gbk, PLAN)
    once = mojibake.repair_mojibake(damaged, Options(), DiagnosticLog())
    assert mojibake.repair_mojibake(once, Options(), DiagnosticLog()) == once
