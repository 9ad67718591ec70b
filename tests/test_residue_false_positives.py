"""Clean report text full of residue-like phrases: the residue stage must not remove a character of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from docconv.diagnostics import Action
from tests.test_residue_support import FIXTURES, clean_text, text_of

CLEAN = sorted((FIXTURES / "clean").glob("*.txt"))

# Single lines of real reports that look like residue: each must survive in the middle of a report.
LOOKALIKES = (
    "时间：2023年5月10日上午9时",
    "位置：县城东部，占地五十亩。",
    "上篇 总体要求",
    "推荐阅读书目",
    "相关工作",
    "版权保护宣传周活动",
    "鼓励职工创作原创作品：诗歌、散文均可。",
    "请登录www.12333.gov.cn查询办理进度。",
    "数据来源：县统计局2023年统计公报。",
    "以下是本人的述职报告，请审议。",
    "（2011年4月18日）",
    "第一阶段：动员部署3月1日-3月15日",
    "XX县教育局 2023年3月27日",
    "本站全年观测降水一百零八次，数据完整率百分之百。",
    "如有侵权行为，依法严肃处理。",
    "导语：今年以来，全县经济运行稳中有进。",
    "更多的群众参与到志愿服务中来。",
    "阅读量明显提高的班级有十二个。",
)

BODY_BEFORE = "今年我局围绕中心工作，扎实推进各项任务落实，全年目标任务全面完成，群众满意度稳步提升。"
BODY_AFTER = "下一步，我们将认真总结经验，查找不足，把各项工作做得更加扎实，为全县发展作出新的贡献。"


@pytest.mark.parametrize("path", CLEAN, ids=[p.stem for p in CLEAN])
def test_clean_report_loses_nothing(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    doc, log = clean_text(source)
    expected = [ln.strip() for ln in source.splitlines() if ln.strip()]
    assert text_of(doc).splitlines() == expected
    assert not [d for d in log if d.action is Action.REMOVED]
    assert doc.meta.date is None
    assert doc.meta.source is None
    assert doc.meta.author is None


@pytest.mark.parametrize("line", LOOKALIKES)
@pytest.mark.parametrize("where", ["middle", "end"])
def test_lookalike_line_survives(line: str, where: str) -> None:
    lines = [BODY_BEFORE, line, BODY_AFTER] if where == "middle" else [BODY_BEFORE, BODY_AFTER, line]
    doc, log = clean_text("\n".join(lines))
    assert text_of(doc).splitlines() == lines
    assert not [d for d in log if d.action is Action.REMOVED]


def test_false_positive_fixtures_exist() -> None:
    assert len(CLEAN) >= 2
