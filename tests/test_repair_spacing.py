"""Quotes, CJK spacing, hard wraps, invisible characters and markup debris."""

from __future__ import annotations

import pytest

from docconv import builder as b
from docconv.ast import SoftBreak, Text
from docconv.clean.spacing import repair_spacing
from docconv.clean.textmap import doc_text
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options


def _fix(text: str) -> str:
    return doc_text(repair_spacing(b.document(b.para(text)), Options(), DiagnosticLog())).rstrip("\n")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("学习‚两学一做‛精神", "学习“两学一做”精神"),
        ('开展"安全月"活动', "开展“安全月”活动"),
        ("精神面貌转 变了", "精神面貌转变了"),
        ("一、 加强领导", "一、加强领导"),
        ("落实。 其次", "落实。其次"),
        ("工 作 总 结 报 告", "工作总结报告"),
        ("正常\u200b化\ufeff。", "正常化。"),
        ("完成任务。</p>", "完成任务。"),
        ("首先&nbsp;&ldquo;三会一课&rdquo;", "首先 “三会一课”"),
    ],
)
def test_repairs(before: str, after: str) -> None:
    assert _fix(before) == after


@pytest.mark.parametrize(
    "kept",
    [
        "转作风 提效能 优环境 促发展",  # slogan separators are meant
        "共完成 2019 年计划的 95%",  # CJK–digit spacing belongs
        "使用 Python 编写",  # CJK–Latin spacing belongs
        'He said "hello" twice',  # ASCII quotes in Latin text
        "a < b 且 c > d",  # not a tag
        "联系人：张立新\u3000\u3000联系电话：0871-6123456",  # two spaces between fields are layout
        "主办单位：市文化馆  承办单位：区图书馆",
    ],
)
def test_kept(kept: str) -> None:
    assert _fix(kept) == kept


def test_hard_wrap_inside_cjk_joined_but_not_in_latin() -> None:
    doc = b.document(
        b.para([Text(text="我们认真落"), SoftBreak(), Text(text="实各项任务")]),
        b.para([Text(text="plain English"), SoftBreak(), Text(text="text")]),
    )
    out = repair_spacing(doc, Options(), DiagnosticLog())
    first, second = out.blocks
    assert doc_text(out).split("\n")[0] == "我们认真落实各项任务"
    assert any(isinstance(n, SoftBreak) for n in second.content)  # type: ignore[union-attr]
    assert first != doc.blocks[0]


def test_idempotent() -> None:
    doc = b.document(b.para('学习‚两学一做‛ 精神 转 变了"安全月"</p>&nbsp;'))
    once = repair_spacing(doc, Options(), DiagnosticLog())
    assert repair_spacing(once, Options(), DiagnosticLog()) == once
