"""Quotes, CJK spacing, hard wraps, invisible characters and markup debris."""

from __future__ import annotations

import pytest

from docconv import builder as b
from docconv.ast import Inline, SoftBreak, Text
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
        ('开展"安全月"活动', "开展“安全月”活动"),  # ASCII quotes around Chinese text (issue 5)
        ('老师问："读过吗？"学生答："读过。"', "老师问：“读过吗？”学生答：“读过。”"),
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
        '接口返回：{"msg": "成功", "data": []}',
        "主\u3000任：林\u3000涛",  # an ideographic space pads a label or a name: typed on purpose
        "理事长\u3000陈国华",
        "安全第一\u3000品質第二\u3000生産第三",
        "民族：汉\u3000籍贯：湖南",
        "联 系 人：周文涛",  # a letter-spaced label: gaps between lone characters
        "副主任：黄 河 马 骏",  # two-character names padded (`黄河`, `河马` are words all the same)
        "检查项目 安全 生产 质量 环保",  # a flattened table row: its gaps part cells
        "值班安排 周一 王 磊 周二 林 涛",
        "姓名 王 磊 性别 男 民族 汉 籍贯 山东",
    ],
)
def test_kept(kept: str) -> None:
    assert _fix(kept) == kept


def test_space_splitting_a_word_in_prose_removed_but_not_two_touching_words() -> None:
    assert _fix("今年以来，全镇干部的精神面貌转 变了很多。") == "今年以来，全镇干部的精神面貌转变了很多。"
    assert _fix("他是汉族，民族一栏填的是汉 籍贯一栏空着。") == "他是汉族，民族一栏填的是汉 籍贯一栏空着。"


def _wrapped(*lines: str) -> str:
    content: list[Inline] = []
    for i, line in enumerate(lines):
        if i:
            content.append(SoftBreak())
        content.append(Text(text=line))
    return doc_text(repair_spacing(b.document(b.para(content)), Options(), DiagnosticLog())).rstrip("\n")


def test_full_wrapped_lines_joined() -> None:
    assert _wrapped("今年以来，我们围绕年初确定的目标任务，坚持统筹推进，重点",
                    "项目建设进度明显加快，完成了全年任务。") == (
        "今年以来，我们围绕年初确定的目标任务，坚持统筹推进，重点项目建设进度明显加快，完成了全年任务。")


@pytest.mark.parametrize(
    "lines",
    [
        ("远山含翠色", "近水映晴光", "一年好时节"),  # poem lines: nobody wraps this narrow
        ("会议地点：办公楼三楼第二会议室", "参会人员：各科室负责人\u3000各项目部安全员和联络员"),  # short line
        ("会议时间：十月十五日上午九时三十分整在镇政府", "会议地点：镇政府二楼东侧第一会议室"),  # fields
        ("今年主要抓了以下几个方面的重点工作任务和要求", "一、加强组织领导"),  # a numbered item opens
    ],
)
def test_layout_line_breaks_kept(lines: tuple[str, ...]) -> None:
    assert _wrapped(*lines) == "".join(lines)  # doc_text drops line breaks; the breaks must survive
    doc = b.document(b.para([Text(text=lines[0]), SoftBreak(), Text(text=lines[1])]))
    out = repair_spacing(doc, Options(), DiagnosticLog())
    assert any(isinstance(n, SoftBreak) for n in out.blocks[0].content)  # type: ignore[union-attr]


def test_hard_wrap_inside_cjk_joined_but_not_in_latin() -> None:
    doc = b.document(
        b.para([Text(text="全体干部职工团结协作，形成了齐抓共管的良好局面，我们认真落"), SoftBreak(),
                Text(text="实各项任务")]),
        b.para([Text(text="plain English"), SoftBreak(), Text(text="text")]),
    )
    out = repair_spacing(doc, Options(), DiagnosticLog())
    first, second = out.blocks
    assert doc_text(out).split("\n")[0] == "全体干部职工团结协作，形成了齐抓共管的良好局面，我们认真落实各项任务"
    assert any(isinstance(n, SoftBreak) for n in second.content)  # type: ignore[union-attr]
    assert first != doc.blocks[0]


def test_idempotent() -> None:
    doc = b.document(b.para('学习‚两学一做‛ 精神 转 变了"安全月"</p>&nbsp;'))
    once = repair_spacing(doc, Options(), DiagnosticLog())
    assert repair_spacing(once, Options(), DiagnosticLog()) == once
