"""Financial numerals (大写: 壹、貳、參、肆 …), the top rung of Taiwan and Hong Kong documents above 一、: read
as the part rung, so 一、 starting again under 貳、 is a new section and never a new article."""

from __future__ import annotations

import pytest

from docconv import ast
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.pipeline import convert_bytes
from docconv.structure.headings import structure
from docconv.structure.numbering import daxie_number, daxie_numeral, kept_as_written, match_marker


@pytest.mark.parametrize(("text", "ordinal", "raw"), [
    ("壹、業務概況", 1, "壹、"), ("貳、執行成果", 2, "貳、"), ("贰、执行成果", 2, "贰、"), ("貮、執行", 2, "貮、"),
    ("參、檢討", 3, "參、"), ("叁、检讨", 3, "叁、"), ("参、检讨", 3, "参、"), ("肆、展望", 4, "肆、"),
    ("伍、附則", 5, "伍、"), ("陸、其他", 6, "陸、"), ("陆、其他", 6, "陆、"), ("柒、結語", 7, "柒、"),
    ("捌、附件", 8, "捌、"), ("玖、經費", 9, "玖、"), ("拾、備註", 10, "拾、"), ("拾壹、其他", 11, "拾壹、"),
    ("壹拾貳、其他", 12, "壹拾貳、"), ("貳拾、其他", 20, "貳拾、"), ("參 、 檢討", 3, "參 、"), ("肆．展望", 4, "肆．"),
])
def test_daxie_markers(text: str, ordinal: int, raw: str) -> None:
    found = match_marker(text)
    assert found is not None
    assert (found.marker.scheme, found.marker.ordinal, found.marker.raw) == (ast.Scheme.PART, ordinal, raw)
    assert kept_as_written(found.marker)


@pytest.mark.parametrize("text", [
    "壹佰伍拾萬元已全數撥付",  # an amount in capitals
    "叁佰肆拾万元整",
    "參加社區志工培訓的人數逐年增加。",  # 參 is also a common word
    "參與本次活動的單位共有十二個。",
    "肆意破壞公物者依規定處理。",
    "壹壹、重複",  # no numeral in the counting pattern
    "壹、貳級單位，均已完成自評。",  # two numbers that open a sentence
    "一、二、三級醫院均納入考核範圍，",
])
def test_not_daxie_markers(text: str) -> None:
    assert match_marker(text) is None


def test_daxie_numerals_both_scripts() -> None:
    assert [daxie_numeral(n, traditional=True) for n in (2, 3, 6, 11, 20)] == ["貳", "參", "陸", "拾壹", "貳拾"]
    assert [daxie_numeral(n, traditional=False) for n in (2, 3, 6)] == ["贰", "叁", "陆"]
    assert daxie_number("柒") == 7
    assert daxie_number("拾拾") is None


# --- the whole pipeline ----------------------------------------------------------------------------------

TITLE = "某某里社區發展協會一一二年度業務報告"
INTRO = "本會本年度在理事會督導及會員支持下，推動各項社區服務，茲將年度辦理情形報告如下："
PART1 = "壹、長者關懷服務"
PART2 = "貳、青少年課後輔導"
PART3 = "參、社區綠美化"
PART4 = "肆、未來工作方向"
REPORT = [
    TITLE, INTRO,
    PART1,
    "一、電話問安",
    "志工每週電話關懷獨居長者，全年共計撥打一千八百餘通。",
    "二、居家訪視",
    "結合衛生所護理人員定期訪視，發現需要協助個案即時轉介。",
    PART2,
    "一、課業陪讀",
    "利用社區活動中心辦理課後陪讀班，每週三天，參與學童計四十二人。",
    "（一）招募大學生志工",
    "與鄰近大學合作招募志工十六人，輪流擔任課輔老師。",
    "（二）辦理親子共學",
    "每季辦理親子共學活動一次，家長反應良好。",
    "二、暑期營隊",
    "辦理暑期科學探索營兩梯次，共計六十名學童參加。",
    PART3,
    "協同里辦公處清理空地兩處，改造為社區小花園，並由居民認養維護。",
    PART4,
    "參加本會活動之居民逐年增加，未來將持續擴大服務對象，並爭取更多資源挹注。",
]


def _convert(lines: list[str], **options: object) -> tuple[ast.Document, str, DiagnosticLog]:
    result = convert_bytes(("\n\n".join(lines) + "\n").encode("utf-8"), to="markdown", path="report.txt",
                           options=Options.from_kwargs(**options))
    assert isinstance(result.output, str)
    return result.document, result.output, result.diagnostics


def _headings(doc: ast.Document) -> list[tuple[int, str]]:
    return [(b.level, (b.marker.raw if b.marker else "") + ast.plain_text(b.content))
            for b in doc.blocks if isinstance(b, ast.Heading)]


def test_daxie_ladder_levels_and_no_article_split() -> None:
    doc, md, log = _convert(REPORT)
    assert not [b for b in doc.blocks if isinstance(b, ast.Div)]
    assert not [d for d in log if d.rule.startswith("structure.article")]
    assert _headings(doc) == [
        (1, TITLE), (2, PART1), (3, "一、電話問安"), (3, "二、居家訪視"), (2, PART2), (3, "一、課業陪讀"),
        (4, "（一）招募大學生志工"), (4, "（二）辦理親子共學"), (3, "二、暑期營隊"), (2, PART3), (2, PART4)]
    assert "## 參、社區綠美化" in md
    assert "## 肆、未來工作方向" in md
    # 參加 at a paragraph's start is a word, not a marker.
    assert "\n參加本會活動之居民逐年增加" in md
    assert not [d for d in log if d.rule == "structure.numbering-gap"]


def test_simplified_variants() -> None:
    simplified = [TITLE, INTRO, "壹、长者关怀服务", "一、电话问安", "志工每周电话关怀独居长者。", "二、居家访视",
                  "定期访视，发现需要协助个案即时转介。", "贰、课后辅导", "一、课业陪读", "每周三天辅导学童功课。",
                  "二、暑期营队", "办理暑期科学探索营两梯次。", "叁、社区绿化", "清理空地两处，改造为社区小花园。"]
    doc, md, _ = _convert(simplified)
    assert not [b for b in doc.blocks if isinstance(b, ast.Div)]
    assert [(lv, t[:2]) for lv, t in _headings(doc)][1:] == [
        (2, "壹、"), (3, "一、"), (3, "二、"), (2, "贰、"), (3, "一、"), (3, "二、"), (2, "叁、")]
    assert "## 叁、社区绿化" in md


def test_lookalikes_stay_text() -> None:
    amount = "壹佰伍拾萬元"
    lines = [TITLE, INTRO, PART1, "本年度補助經費如下：", amount, "參與服務志工共計三十人，服務時數逾兩千小時。",
             "本會服務涵蓋一、二、三級單位，合作對象持續擴大。", PART2, "辦理課後陪讀班，參與學童計四十二人。"]
    doc, _, _ = _convert(lines)
    paras = [ast.plain_text(b.content) for b in doc.blocks if isinstance(b, ast.Para)]
    assert amount in paras
    assert "參與服務志工共計三十人，服務時數逾兩千小時。" in paras
    assert "本會服務涵蓋一、二、三級單位，合作對象持續擴大。" in paras
    assert [lv for lv, _ in _headings(doc)] == [1, 2, 2]


def test_keep_and_standard_forms() -> None:
    gap = [line.replace("參、", "肆、", 1) if line == PART3 else line for line in REPORT if line != PART4]
    _, kept, _ = _convert(gap)
    assert "## 肆、社區綠美化" in kept  # keep: as written, the gap only reported
    _, renumbered, _ = _convert(gap, numbering="renumber")
    assert "## 參、社區綠美化" in renumbered  # closed, in the document's own script
    _, standard, _ = _convert(REPORT, numbering="gbt9704")
    assert "## 貳、青少年課後輔導" in standard
    assert "### 一、課業陪讀" in standard


def test_structure_is_idempotent_on_daxie() -> None:
    doc, _, _ = _convert(REPORT)
    assert structure(doc, Options(), DiagnosticLog()) == doc


def test_daxie_restart_starts_next_report() -> None:
    # Two reports on one page, each numbered from 壹、: the second 壹、 after 貳、 is the next report's top.
    second = ["某某里守望相助隊一一二年度工作報告", "本隊本年度在里長帶領下，持續推動社區治安巡守，成果報告如下：",
              "壹、巡守勤務", "一、夜間巡邏", "全年排定夜間巡邏三百六十班次，出勤隊員計一千四百人次。",
              "二、重點守望", "配合轄區派出所加強校園周邊守望，未發生重大治安事件。",
              "貳、隊員訓練", "辦理防身術及急救訓練各一場，全體隊員均已完成複訓。"]
    doc, _, log = _convert(REPORT + second)
    articles = [b for b in doc.blocks if isinstance(b, ast.Div)]
    assert len(articles) == 2
    assert [d.text for d in log if d.rule == "structure.article-restart"] == [second[0]]
