"""A .txt written in Markdown syntax: headings, bold spans, bullets and rules read as what they mean, only
when the document evidently uses Markdown."""

from __future__ import annotations

import pytest

import docconv
from docconv import ast
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.readers.txt import read_txt

REPORT = (
    "# 某某区图书馆2023年工作总结\n\n"
    "2023年，图书馆全年接待读者**31.2万人次**，外借图书46万册次。\n\n"
    "## 一、阅读推广\n\n"
    "全年举办各类阅读活动128场。\n\n"
    "**（一）少儿阅读**\n\n"
    "开设周末绘本课堂，参与家庭960组。\n\n"
    "**（二）全民阅读**\n\n"
    "主要开展了以下活动：\n\n"
    "- 读书分享会\n"
    "- 经典诵读比赛\n"
    "* 图书漂流\n\n"
    "## 二、数字服务\n\n"
    "数字资源访问量同比增长22%。\n\n"
    "---\n\n"
    "### 附：__读者留言__摘录\n\n"
    "服务热情，环境安静。\n"
)


def _read(text: str) -> tuple[ast.Document, DiagnosticLog]:
    log = DiagnosticLog()
    return read_txt(text, Options(), log), log


def _convert(text: str, to: str = "markdown") -> str:
    out = docconv.convert(text.encode("utf-8"), to, format="txt")
    assert isinstance(out, str)
    return out


def test_reader_gives_headings_bold_lists_and_rules() -> None:
    doc, log = _read(REPORT)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds[:3] == ["Heading", "Para", "Heading"]
    title = doc.blocks[0]
    assert isinstance(title, ast.Heading)
    assert title.level == 1
    assert ast.plain_text(title.content) == "某某区图书馆2023年工作总结"
    lists = [b for b in doc.blocks if isinstance(b, ast.List)]
    assert len(lists) == 1
    assert not lists[0].ordered
    assert [ast.plain_text(i.blocks[0].content) for i in lists[0].items  # type: ignore[union-attr]
            ] == ["读书分享会", "经典诵读比赛", "图书漂流"]
    assert any(isinstance(b, ast.HorizontalRule) for b in doc.blocks)
    bold = [b for b in doc.blocks if isinstance(b, ast.Para) and isinstance(b.content[0], ast.Strong)]
    assert [ast.plain_text(b.content) for b in bold] == ["（一）少儿阅读", "（二）全民阅读"]
    intro = doc.blocks[1]
    assert isinstance(intro, ast.Para)
    assert [type(n).__name__ for n in intro.content] == ["Text", "Strong", "Text"]
    diag = [d for d in log if d.rule == "txt.markdown"]
    assert len(diag) == 1
    assert "4 headings" in diag[0].message
    assert "3 list items" in diag[0].message


def test_numbering_grammar_still_decides_levels() -> None:
    md = _convert(REPORT)
    lines = md.splitlines()
    assert lines[0] == "# 某某区图书馆2023年工作总结"
    assert "## 一、阅读推广" in lines
    assert "### （一）少儿阅读" in lines  # bold `（一）` line: level 3 by its marker
    assert "### （二）全民阅读" in lines
    assert "## 二、数字服务" in lines
    assert "### 附：读者留言摘录" in lines  # unnumbered: the source's level
    assert "- 经典诵读比赛" in lines
    assert "2023年，图书馆全年接待读者**31.2万人次**，外借图书46万册次。" in lines
    assert not any(ln.startswith(("\\#", "# #", "\\*\\*")) for ln in lines)


def test_markdown_headings_under_wrong_levels_follow_the_grammar() -> None:
    # Every section written `#`: the title is the first, the numbered ones take their rung's level.
    text = ("# 某某公司2023年度安全工作总结\n\n# 一、主要做法\n\n全年开展安全检查36次。\n\n"
            "# 二、存在问题\n\n部分班组培训不到位。\n")
    lines = _convert(text).splitlines()
    assert lines[0] == "# 某某公司2023年度安全工作总结"
    assert "## 一、主要做法" in lines
    assert "## 二、存在问题" in lines


@pytest.mark.parametrize("text", [
    # one `# ` line alone among plain lines (a hashtag or a line that happens to open with #)
    "某某社区工作总结\n\n# 这一行以井号开头，但只是普通文字\n\n一、基本情况\n\n全年服务居民3200人次。\n",
    # hashtags have no space after the #
    "某某社区工作总结\n\n#学雷锋#活动\n\n#志愿服务#\n\n#文明创建#\n\n全年服务居民3200人次。\n",
    # `**` inside prose and bullets are no evidence
    "某某社区工作总结\n\n2**10等于1024，这是**课堂上的一道题。\n\n- 以上为摘要\n\n- 以下为正文\n",
    # two bold-only lines are not enough
    "某某社区工作总结\n\n**特别提示**\n\n本文为内部材料。\n\n**联系我们**\n\n电话：12345678\n",
])
def test_plain_text_with_lookalike_syntax_stays_text(text: str) -> None:
    doc, log = _read(text)
    assert not any(d.rule == "txt.markdown" for d in log)
    assert all(isinstance(b, ast.Para) for b in doc.blocks)
    assert not any(isinstance(n, ast.Strong) for b in doc.blocks if isinstance(b, ast.Para) for n in b.content)
    # nothing lost or altered: the lines come back as written
    assert [ast.plain_text(b.content) for b in doc.blocks if isinstance(b, ast.Para)] == [
        ln for ln in text.splitlines() if ln]


def test_a_long_hash_line_is_no_heading() -> None:
    long = "# " + "这是一段以井号开头的很长的说明文字，" * 4
    doc, _ = _read(f"# 某某报告\n\n## 一、情况\n\n{long}\n")
    assert isinstance(doc.blocks[-1], ast.Para)
    assert ast.plain_text(doc.blocks[-1].content) == long


def test_closing_hashes_and_underscore_names() -> None:
    doc, _ = _read("# 某某报告 #\n\n## 概况 ##\n\n变量 user__name__x 不是粗体，__这里__是。\n")
    assert ast.plain_text(doc.blocks[0].content) == "某某报告"  # type: ignore[union-attr]
    last = doc.blocks[-1]
    assert isinstance(last, ast.Para)
    assert [type(n).__name__ for n in last.content] == ["Text", "Strong", "Text"]
    assert ast.plain_text(last.content) == "变量 user__name__x 不是粗体，这里是。"


def test_markdown_output_is_stable() -> None:
    # Reading the Markdown docconv wrote as text again gives the same Markdown (it is Markdown now).
    once = _convert(REPORT)
    assert _convert(once) == once


def test_no_structure_keeps_the_source_levels() -> None:
    doc = docconv.read(REPORT.encode("utf-8"), format="txt")
    doc = docconv.clean(doc, structure=False)
    levels = [b.level for b in doc.blocks if isinstance(b, ast.Heading)]
    assert levels == [1, 2, 2, 3]
