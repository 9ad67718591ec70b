"""The plain-text reader finds hard wrapping per region: a run of lines wrapped at one width is joined
even when another part of the file holds long one-paragraph lines (a report pasted twice, once
hard-wrapped and once as one paragraph per line), and lines of one length that are no wrapped prose
stay lines."""

from __future__ import annotations

from docconv import ast, pipeline
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.readers.txt import read_txt

TITLE = "某县林业局2023年森林防火工作总结"
# The same report, one paragraph per line.
PARAS = [
    "2023年，县林业局始终把森林防火作为林业工作的头等大事，坚持预防为主、积极消灭的方针，全县未发生"
    "较大以上森林火灾，森林火灾受害率控制在0.3‰以内。",
    "一、压实防火责任",
    "与各乡镇、国有林场签订森林防火目标责任书26份，落实护林员412名，实行网格化管理，做到山有人管、"
    "林有人护、火有人防、责有人担。",
    "二、强化火源管控",
    "在进山路口设立检查站38个，清明、春节等重点时段组织巡山1.2万人次，查处违规野外用火行为19起。",
    "三、下一步打算",
    "继续加强防火基础设施建设，完善以水灭火设施，全面提升森林火灾综合防控能力。",
]


def _wrap(text: str, width: int) -> list[str]:
    """The text cut every `width` characters, as a site or a tool hard-wraps it."""
    return [text[i:i + width] for i in range(0, len(text), width)]


def _wrapped_copy(width: int = 27) -> list[str]:
    out = [TITLE]
    for p in PARAS:
        out.extend(_wrap(p, width) if len(p) > width else [p])
    return out


def _paragraphs(text: str) -> tuple[list[str], DiagnosticLog]:
    log = DiagnosticLog()
    doc = read_txt(text, Options(), log)
    return ["".join(ast.plain_text((n,)) if not isinstance(n, ast.SoftBreak) else "|" for n in b.content)
            for b in doc.blocks if isinstance(b, ast.Para)], log


def test_a_wrapped_copy_before_a_long_line_copy_is_joined() -> None:
    text = "\n".join([*_wrapped_copy(), "", "", TITLE, *PARAS]) + "\n"
    paras, log = _paragraphs(text)
    # Each paragraph of the wrapped copy is one paragraph again (the wraps are soft breaks).
    assert [p.replace("|", "") for p in paras] == [TITLE, *PARAS, TITLE, *PARAS]
    assert "|" in paras[1]
    regions = [d for d in log if d.rule == "txt.wrap-region"]
    assert len(regions) == 1
    assert "27 characters" in regions[0].message
    assert regions[0].pos is not None
    assert regions[0].pos.line == 2


def test_a_wrapped_copy_after_the_long_line_copy_is_joined() -> None:
    text = "\n".join([TITLE, *PARAS, "", *_wrapped_copy(25)]) + "\n"
    paras, _ = _paragraphs(text)
    assert [p.replace("|", "") for p in paras] == [TITLE, *PARAS, TITLE, *PARAS]


def test_the_page_pasted_twice_comes_out_once_and_intact() -> None:
    text = "\n".join([*_wrapped_copy(), "", "", TITLE, *PARAS]) + "\n"
    out = pipeline.convert_bytes(text.encode(), to="markdown", path="report.txt", options=Options()).output
    # The report once, whole paragraphs (no wrap fragment left), its sections at level 2.
    expected = [f"# {TITLE}", *(f"## {p}" if p[1] == "、" else p for p in PARAS)]
    assert isinstance(out, str)
    assert [line for line in out.splitlines() if line] == expected


def test_long_line_file_alone_has_no_wrapped_region() -> None:
    # lookalike: one paragraph per line, nothing wrapped
    paras, log = _paragraphs("\n".join([TITLE, *PARAS]) + "\n")
    assert paras == [TITLE, *PARAS]
    assert not any(d.rule == "txt.wrap-region" for d in log)


def test_lines_of_one_length_that_are_no_prose_stay_lines() -> None:
    # lookalikes between long paragraphs: a title over field lines, a list of linked titles with
    # dates, and a table typed as text, each line at one width and ending without a stop
    long = PARAS[0]
    blocks = [
        ["2023年第三季度防汛工作调度会议纪要", "会议时间：2023年9月26日上午9时", "会议地点：局机关四楼会议室",
         "参会人员：局领导班子成员、各科室负责人"],
        ["乡镇林业站2023年工作总结范文10-12", "护林员个人年度工作总结范文12-05", "森林防火宣传月活动总结报告11-03",
         "国有林场改革工作推进情况汇报材料09-21"],
        ["指标名称　　　2022年　　　2023年　　　增减", "森林覆盖率　　62.1%　　　63.4%　　　+1.3个百分点",
         "林木蓄积量　　815万立方米　842万立方米　+3.3%"],
    ]
    for rows in blocks:
        text = "\n".join([TITLE, long, *rows, long, long]) + "\n"
        paras, log = _paragraphs(text)
        assert paras == [TITLE, long, *rows, long, long], rows[0]
        assert not any(d.rule == "txt.wrap-region" for d in log)


def test_unnumbered_headings_of_one_width_over_short_paragraphs_stay_lines() -> None:
    # lookalike: heading lines of one length ending without a stop, each over a short paragraph,
    # between long paragraphs: the clusters match a wrap width, but no paragraph wraps twice
    rows = ["坚持问题导向，全面排查整治各类森林火灾隐患", "查处隐患点位56处，全部完成整改。",
            "坚持科技赋能，持续提升森林火情监测预警能力", "新建视频监控塔12座。",
            "坚持群防群治，广泛发动群众参与森林防火工作", "发放宣传资料3万份。"]
    text = "\n".join([TITLE, PARAS[0], *rows, PARAS[2]]) + "\n"
    paras, log = _paragraphs(text)
    assert paras == [TITLE, PARAS[0], *rows, PARAS[2]]
    assert not any(d.rule == "txt.wrap-region" for d in log)


def test_reading_is_deterministic_and_the_region_decision_is_stable() -> None:
    text = "\n".join([*_wrapped_copy(), "", TITLE, *PARAS]) + "\n"
    first, _ = _paragraphs(text)
    again, _ = _paragraphs(text)
    assert first == again
