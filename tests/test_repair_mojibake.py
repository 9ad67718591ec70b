"""Mojibake repair and flagging of irrecoverable damage."""

from __future__ import annotations

import pytest

from docconv import builder as b
from docconv.clean.mojibake import repair_mojibake
from docconv.clean.textmap import doc_text
from docconv.clean.utf8spans import three_byte_heads as _three_byte_heads
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from tests.repair_sim import (
    gbk_as_cp1252_replace,
    gbk_as_latin1,
    utf8_as_cp1252,
    utf8_as_cp1252_replace,
    utf8_as_gbk,
    utf8_as_gbk_ignore,
    utf8_as_latin1,
)

SENTENCES = [
    "今年以来，我们认真落实各项工作任务，取得了较好成绩。",
    "二〇一九年度安全生产工作计划",
    "加强队伍建设，提高服务水平",
]
KINDS = [utf8_as_gbk, utf8_as_latin1, utf8_as_cp1252, gbk_as_latin1]


def _fix(text: str, **opts: bool) -> tuple[str, DiagnosticLog]:
    log = DiagnosticLog()
    out = repair_mojibake(b.document(b.para(text)), Options(**opts), log)
    return doc_text(out).rstrip("\n"), log


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_mojibake_span_repaired_exactly(sentence: str, kind: object) -> None:
    assert callable(kind)
    damaged = kind(sentence)
    assert damaged != sentence
    out, log = _fix("上文完好。" + damaged + "下文也完好。")
    assert out == "上文完好。" + sentence + "下文也完好。"
    assert any(d.rule == "repair.mojibake" for d in log)


@pytest.mark.parametrize(
    "clean",
    [
        "我们的café和naïve都是外来词。",
        "温度为25°C，湿度±5%。",
        "“三个代表”重要思想——学习体会……",
        "鎏金工艺与龘字写法",
    ],
)
def test_clean_text_unchanged(clean: str) -> None:
    out, log = _fix(clean)
    assert out == clean
    assert not [d for d in log if d.action == "changed"]


def test_unrepairable_flagged_and_kept_by_default() -> None:
    text = "这里有锟斤拷锟斤拷和\ufffd\ufffd以及(cid:123)。"
    out, log = _fix(text)
    assert out == text
    assert sum(1 for d in log if d.rule == "repair.unrepairable") == 3


def test_unrepairable_dropped_on_request() -> None:
    out, log = _fix("这里有锟斤拷锟斤拷和\ufffd\ufffd以及(cid:123)。", drop_unrepairable=True)
    assert out == "这里有和以及。"
    assert all(d.action == "removed" for d in log if d.rule == "repair.unrepairable")


def test_hot_hot_is_only_suspect() -> None:
    out, log = _fix("天气烫烫的。", drop_unrepairable=True)
    assert out == "天气烫烫的。"
    assert [d.action for d in log] == ["kept"]


def test_idempotent() -> None:
    doc = b.document(b.para("前文。" + utf8_as_gbk(SENTENCES[0])))
    once = repair_mojibake(doc, Options(), DiagnosticLog())
    assert repair_mojibake(once, Options(), DiagnosticLog()) == once


@pytest.mark.parametrize("sentence", ["努力提高服务质量，各项工作取得了新的进展。", "深入推进条例的贯彻和实施"])
def test_cp1252_replacement_marks_recovered(sentence: str) -> None:
    # Python's cp1252 decoder writes U+FFFD for five undefined bytes; each mark is one of those five.
    damaged = utf8_as_cp1252_replace(sentence)
    assert "\ufffd" in damaged
    out, log = _fix("上文完好。" + damaged + "下文也完好。")
    assert out == "上文完好。" + sentence + "下文也完好。"
    assert any(d.rule == "repair.mojibake" for d in log)


def test_page_that_is_all_mojibake_repaired() -> None:
    # The model must not learn the mojibake as the document's own vocabulary.
    sentence = "控烟小组负责办公区、单位家属区创建无烟单位、无烟环境工作。"
    out, _log = _fix(utf8_as_latin1(sentence))
    assert out == sentence


def test_span_ending_in_lost_byte_before_good_text() -> None:
    # A mis-decoded clause spliced before good text: its last byte was lost at the end of its own input,
    # so the good character after it says nothing about that byte.
    clause = "对重点任务实行台账管理，"
    damaged = utf8_as_gbk(clause)
    assert damaged.endswith("\ufffd")
    out, _log = _fix(damaged + "确保件件有落实。")
    assert out == clause + "确保件件有落实。"


def test_outline_marker_read_as_numeral() -> None:
    damaged = utf8_as_gbk("(四)")
    assert "\ufffd" in damaged
    out, _log = _fix(damaged + "加强队伍建设。")
    assert out == "(四)加强队伍建设。"


def test_rare_character_not_guessed_for_a_replacement_mark() -> None:
    # `實` (GBK 8C 8D) loses its trail byte to U+FFFD; a simplified word list does not know it, and the
    # rare `寔` would score best. Unless the document itself writes `實`, the span is left as it is.
    sentence = "我們在實踐中總結經驗。"
    damaged = gbk_as_cp1252_replace(sentence)
    assert "\ufffd" in damaged
    out, _log = _fix("上文完好。" + damaged)
    assert out == "上文完好。" + damaged
    out, _log = _fix("實事求是。" + damaged)
    assert out == "實事求是。" + sentence


def test_cp1252_replace_span_may_end_on_a_lost_byte() -> None:
    # `证` ends in 0x81, one of the bytes cp1252 leaves undefined: its U+FFFD stands last before the
    # comma, and the span must take it in to read the character whole.
    sentence = "这是做好工作的根本保证,必须长期坚持。"
    clause = "这是做好工作的根本保证,"
    damaged = sentence.replace(clause, utf8_as_cp1252_replace(clause))
    assert damaged.endswith("\ufffd,必须长期坚持。")
    assert _fix(damaged)[0] == sentence


def test_cp1252_replace_reading_keeps_brackets_paired() -> None:
    # Every `、` loses its last byte (0x81) to U+FFFD, and one of the five readings of that byte is `」`:
    # a closing corner bracket that nothing opened is not a reading of this text.
    sentence = "会议要求各单位加强领导、落实责任、强化督查，确保取得实效。"
    clause = "会议要求各单位加强领导、落实责任、强化督查，"
    damaged = sentence.replace(clause, utf8_as_cp1252_replace(clause))
    assert _fix(damaged)[0] == sentence


def test_gbk_decoder_drops_one_byte_per_failure() -> None:
    # The premise of the unmarked-loss repair: CPython's GBK decoder fails on exactly one byte (a byte
    # that leads no character, or a lead whose pair is no character) and goes on at the next byte, so
    # errors='ignore' gives the errors='replace' text with its marks taken out.
    spans = set()
    for lead in range(0x80, 0x100):
        for trail in range(0x20, 0x100):
            try:
                bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError as err:
                spans.add((err.start, err.end))
    assert spans == {(0, 1)}
    for sentence in UNMARKED:
        assert utf8_as_gbk_ignore(sentence) == utf8_as_gbk(sentence).replace("\ufffd", "")


UNMARKED = [
    "今年以来，我们认真落实各项工作任务，取得了较好成绩。",
    "加强队伍建设，提高服务水平",
    "对重点任务实行台账管理，",
    "我们始终把安全生产放在首位。",
    "按照上级部署，扎实推进环境综合整治工作。",
    "认真做好来信来访的接待和处理工作，",
    "加大宣传教育力度，营造良好氛围。",
]


@pytest.mark.parametrize("sentence", UNMARKED)
def test_unmarked_loss_repaired_exactly(sentence: str) -> None:
    # UTF-8 read as GBK with errors='ignore': the bytes the decoder dropped left no mark, and are put back
    # at character boundaries where the UTF-8 structure needs them.
    damaged = utf8_as_gbk_ignore(sentence)
    assert "\ufffd" in utf8_as_gbk(sentence)  # some bytes really were lost
    out, log = _fix("前文写得完好。" + damaged + "后文同样完好。")
    assert out == "前文写得完好。" + sentence + "后文同样完好。"
    assert [d.text for d in log if d.rule == "repair.mojibake"] == [f"{damaged} → {sentence}"]


def test_unmarked_loss_two_bytes_at_one_boundary() -> None:
    # `。` at the end loses its last two bytes in a row (0x80 and 0x82 are both dropped).
    sentence = "加大宣传教育力度，营造良好氛围。"
    assert utf8_as_gbk(sentence).endswith("\ufffd\ufffd")
    out, _log = _fix(utf8_as_gbk_ignore(sentence) + "下一句完好。")
    assert out == sentence + "下一句完好。"


def test_unmarked_loss_repair_idempotent() -> None:
    doc = b.document(b.para("前文。" + utf8_as_gbk_ignore(UNMARKED[3])), b.para(utf8_as_gbk_ignore(UNMARKED[4])))
    once = repair_mojibake(doc, Options(), DiagnosticLog())
    assert doc_text(once).splitlines() == ["前文。" + UNMARKED[3], UNMARKED[4]]
    assert repair_mojibake(once, Options(), DiagnosticLog()) == once


@pytest.mark.parametrize(
    "clean",
    [
        "琥珀色的晚霞映照着瑾瑜湖畔，瑶琳仙境游人如织。",
        "璀璨的琉璃瓦在阳光下熠熠生辉。",
        "疙瘩汤、馄饨、饽饽和粽子都是传统美食。",
    ],
)
def test_clean_text_with_utf8_like_characters_unchanged(clean: str) -> None:
    # These hold characters whose GBK bytes are a UTF-8 lead and continuation byte, so the search for
    # bytes lost without a mark looks at them; it must find nothing to change.
    assert _three_byte_heads().search(clean)
    out, log = _fix(clean)
    assert out == clean
    assert not [d for d in log if d.action == "changed"]
