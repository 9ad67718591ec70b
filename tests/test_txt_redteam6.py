"""The plain-text reader (blind test 6): where a line ends (G1), and a Markdown export's wrapping, YAML
front matter and `:::` container fences (G4, R1, T1)."""

from __future__ import annotations

import pytest

import docconv
from docconv import ast
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options
from docconv.readers.txt import _lines, read_txt


def _read(text: str) -> tuple[ast.Document, DiagnosticLog]:
    log = DiagnosticLog()
    return read_txt(text, Options(), log), log


def _paras(doc: ast.Document) -> list[str]:
    return [ast.plain_text(b.content) for b in doc.blocks if isinstance(b, ast.Para | ast.Heading)]


def _convert(data: bytes) -> tuple[str, DiagnosticLog]:
    log = DiagnosticLog()
    out = docconv.convert(data, "markdown", format="txt", log=log)
    assert isinstance(out, str)
    return out, log


# --- line ends ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("sep", ["\x85", "\x1c", "\x1d", "\x1e"])
def test_nel_and_information_separators_are_no_line_ends(sep: str) -> None:
    lines = _lines(f"今年我们完成了{sep}全部工作任务\n第二段")
    assert [ln.text for ln in lines] == [f"今年我们完成了{sep}全部工作任务", "第二段"]


def test_a_line_keeps_a_nel_at_its_ends() -> None:
    # str.strip would take U+0085 (mojibake's byte 0x85) off the line's end.
    assert [ln.text for ln in _lines("\x85甲乙\x85\n丙")] == ["\x85甲乙\x85", "丙"]


@pytest.mark.parametrize("sep", ["\n", "\r\n", "\r", "\u2028", "\v"])
def test_real_line_ends_part_lines(sep: str) -> None:
    lines = _lines(f"一、工作回顾{sep}全年完成投资12亿元。")
    assert [ln.text for ln in lines] == ["一、工作回顾", "全年完成投资12亿元。"]
    assert lines[1].offset == len("一、工作回顾") + len(sep)


def test_paragraph_separator_ends_the_paragraph() -> None:
    # In a hard-wrapped text the wrapped lines join; U+2029 parts two paragraphs as a blank line would.
    wrapped = "今年以来我局认真贯彻落实上级决策部署，紧紧围绕年度目标任务，扎实推进各项工作，"
    text = (f"{wrapped}\n取得了明显成效。\u2029{wrapped}\n各项指标稳中有进。\n\n"
            f"{wrapped}\n全年任务圆满完成。\n")
    doc, _ = _read(text)
    assert [t.replace("\n", "") for t in _paras(doc)] == [
        f"{wrapped}取得了明显成效。", f"{wrapped}各项指标稳中有进。", f"{wrapped}全年任务圆满完成。"]


def test_form_feed_beside_a_line_end_is_no_line_of_its_own() -> None:
    # pdftotext opens each page with a form feed: no blank line, so a paragraph may run on.
    assert [ln.text for ln in _lines("第一页末行\n\f第二页首行\n")] == ["第一页末行", "第二页首行"]
    assert [ln.text for ln in _lines("第一页末行\f第二页首行")] == ["第一页末行", "第二页首行"]


def _double_latin1(text: str) -> bytes:
    """UTF-8 text read as Latin-1 and saved as UTF-8, twice over."""
    once = text.encode("utf-8").decode("latin-1")
    return once.encode("utf-8").decode("latin-1").encode("utf-8")


REPORT = [
    "某某镇文化站2023年工作总结",
    "2023年，镇文化站全面完成全年各项免费开放任务，全年接待群众5.6万人次。",
    "一、阅读服务",
    "全镇建成农家书屋12个，实现行政村全覆盖。",
    "二、群众文化活动",
    "全年举办广场舞展演、书画展览等活动46场。",
]


def test_double_latin1_text_is_repaired_through_both_layers_line_by_line() -> None:
    data = _double_latin1("\n".join(REPORT))
    assert b"\xc2\x85" in data  # `全` and `免` hold the byte 0x85: U+0085 in the damaged text
    out, log = _convert(data)
    lines = [ln for ln in out.splitlines() if ln]
    assert lines == ["# " + REPORT[0], REPORT[1], "## " + REPORT[2], REPORT[3], "## " + REPORT[4], REPORT[5]]
    repairs = [d for d in log if d.rule == "repair.mojibake"]
    assert len(repairs) == len(REPORT)
    assert all("2 layers" in d.message for d in repairs)


def test_latin_text_with_accents_is_no_mojibake() -> None:
    text = "考察团赴德国München与法国Besançon学习职业教育经验，为期12天。\n"
    out, log = _convert(text.encode("utf-8"))
    assert out.strip() == text.strip()
    assert not [d for d in log if d.rule == "repair.mojibake"]


# --- front matter and container fences -------------------------------------------------------------

EXPORT = """---
title: 某某街道2024年安全生产工作要点
date: 2024-02-18 16:40:05
author: 街道应急办
categories: [工作要点, 安全生产]
---
# 某某街道2024年安全生产工作要点

::: warning 重要提示
各社区须于3月10日前上报本辖区风险点清单，逾期未报的予以通报。
:::

为全面落实安全生产责任制，有效防范化解重大安全风险，制定本要点。

## 一、压实安全责任

健全街道、社区、网格三级责任体系，签订责任书46份。

## 二、开展隐患排查

:::tips
排查情况每月5日前录入系统。
:::

全年开展拉网式排查4轮，整改隐患不少于300处。

---

以上要点请结合实际认真贯彻落实。
"""


def test_front_matter_is_metadata_and_not_text() -> None:
    doc, log = _read(EXPORT)
    assert doc.meta.title == "某某街道2024年安全生产工作要点"
    assert doc.meta.date == "2024-02-18T16:40:05"
    assert doc.meta.author == "街道应急办"
    assert ("categories", "工作要点; 安全生产") in doc.meta.extra
    first = doc.blocks[0]
    assert isinstance(first, ast.Heading)
    assert first.level == 1
    assert ast.plain_text(first.content) == "某某街道2024年安全生产工作要点"
    assert not any("title:" in t or "date:" in t for t in _paras(doc))
    moved = [d for d in log if d.rule == "txt.front-matter"]
    assert len(moved) == 4
    assert all(d.action is Action.MOVED for d in moved)


def test_container_fences_go_and_their_content_stays_apart() -> None:
    doc, log = _read(EXPORT)
    texts = _paras(doc)
    assert not any(t.startswith(":::") or t.endswith(":::") for t in texts)
    assert "各社区须于3月10日前上报本辖区风险点清单，逾期未报的予以通报。" in texts
    assert "排查情况每月5日前录入系统。" in texts
    assert "重要提示" in texts  # a container's title is text
    fences = [d for d in log if d.rule == "txt.container-fence"]
    assert len(fences) == 2
    assert all(d.action is Action.REMOVED for d in fences)


def test_rule_in_the_middle_stays_a_rule() -> None:
    doc, _ = _read(EXPORT)
    assert sum(1 for b in doc.blocks if isinstance(b, ast.HorizontalRule)) == 1
    assert _paras(doc)[-1] == "以上要点请结合实际认真贯彻落实。"


def test_export_converts_with_the_real_title_and_no_glued_fence() -> None:
    out, _ = _convert(EXPORT.encode("utf-8"))
    assert out.startswith("# 某某街道2024年安全生产工作要点\n")
    assert ":::" not in out
    assert "title:" not in out


@pytest.mark.parametrize("block", [
    "---\n本报告共分三个部分\n---",  # a string, not a mapping
    "---\n时间: 2024-01-03\n来源: 某某网\n---",  # the report's own field lines between two rules
    "---\nhost: 10.0.0.8\nport: 8080\n---",  # a configuration snippet: no usual field
    "---\ntitle: [unclosed\n---",  # not YAML
])
def test_block_that_is_no_front_matter_stays_text(block: str) -> None:
    text = f"{block}\n\n# 2024年信息化工作计划\n\n## 一、目标\n\n全年完成系统整合5个。\n"
    doc, log = _read(text)
    body = [line for line in block.splitlines() if line != "---"]
    texts = _paras(doc)
    assert all(any(line in t for t in texts) for line in body)
    assert doc.meta.title is None
    kept = [d for d in log if d.rule == "txt.front-matter"]
    assert len(kept) == 1
    assert kept[0].action is Action.KEPT


def test_unpaired_fence_lines_stay_text() -> None:
    text = "# 会议纪要\n\n## 一、议题\n\n:::note\n比分记为3:::2的写法不规范。\n\n::::\n"
    doc, log = _read(text)
    texts = _paras(doc)
    assert ":::note" in texts
    assert "::::" in texts
    assert not [d for d in log if d.rule == "txt.container-fence"]


def test_nested_containers_close_by_their_colons() -> None:
    text = "# 通知\n\n## 一、安排\n\n::::info\n外层说明。\n:::tip\n内层提示。\n:::\n外层结尾。\n::::\n"
    doc, log = _read(text)
    assert _paras(doc)[2:] == ["外层说明。", "内层提示。", "外层结尾。"]
    assert len([d for d in log if d.rule == "txt.container-fence"]) == 2


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_mojibake_lines_are_no_evidence_of_hard_wraps(codec: str) -> None:
    # Each line ends in `。` read as Latin-1 (`ã\x80\x82`, `ã€‚`): no reader can see it ends a sentence.
    damaged = "\n".join(REPORT).encode("utf-8").decode(codec, errors="replace")
    doc, _ = _read(damaged)
    assert len(doc.blocks) == len(REPORT)


def test_lines_ending_in_chinese_quotes_and_ellipses_still_vote() -> None:
    # `……”` ends in characters cp1252 also has: they are Chinese punctuation, not mojibake.
    wrapped = "今年以来我局认真贯彻落实上级决策部署，紧紧围绕年度目标任务，扎实推进各项工作，"
    text = f"{wrapped}\n正如群众所说“办实事……”\n\n{wrapped}\n取得了明显成效。\n"
    doc, log = _read(text)
    assert len(doc.blocks) == 2
    assert any("'blank'" in d.message for d in log if d.rule == "txt.paragraph-mode")


def test_front_matter_aliases_are_not_expanded() -> None:
    # Nine levels of nine aliases would be 9**9 strings written out in full.
    rows = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    rows += [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 9)}]" for k in range(1, 9)]
    text = "---\ntitle: 报告\n" + "\n".join(rows) + "\n---\n正文第一段。\n"
    doc, _ = _read(text)
    assert doc.meta.title == "报告"
    assert all(len(v) < 10_000 for _, v in doc.meta.extra)
