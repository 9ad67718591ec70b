"""Mojibake repair and flagging of irrecoverable damage."""

from __future__ import annotations

import pytest

from docconv import builder as b
from docconv.clean.mojibake import repair_mojibake
from docconv.clean.textmap import doc_text
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from tests.repair_sim import gbk_as_latin1, utf8_as_cp1252, utf8_as_gbk, utf8_as_latin1

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
