"""The plain-text reader's `wrap` layout: hard-wrapped text whose short heading lines outvote its wraps."""

from __future__ import annotations

from pathlib import Path

import pytest

from docconv import ast
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.readers.txt import read_txt
from tests.support import seed_params

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "txt" / "pdf-copy-wrapped.txt"


def paragraphs(text: str) -> tuple[list[str], str]:
    log = DiagnosticLog()
    doc = read_txt(text, Options(), log)
    mode = next(d.message for d in log if d.rule == "txt.paragraph-mode").split("'")[1]
    # soft breaks shown as `|` so a test sees where the reader joined lines
    paras = ["".join("|" if isinstance(n, ast.SoftBreak) else ast.plain_text((n,)) for n in p.content)
             for p in doc.blocks if isinstance(p, ast.Para)]
    return paras, mode


# Wrapped every 30 characters (a count, as a site's text export does), with a heading line between
# every paragraph: most breaks follow a short line, so the per-break vote alone says `line`.
CHARS = """\
关于2023年度档案管理工作情况的报告
一、基本情况
本年度共接收各部门移交的文书档案2316件，整理归档科技档案
418卷，完成馆藏档案数字化扫描约12万页，档案查阅利用服务全年
达到1560人次。
二、主要做法
（一）完善制度
修订了档案收集、整理、保管和利用等四项制度，明确了各部门兼职
档案员的职责分工，全年开展业务培训三次，参训人员八十余人。
（二）改善条件
新建标准化档案库房两间，配备恒温恒湿设备和消防报警系统，库房
条件明显改善，档案安全得到有效保障，实现了全年零事故的目标。
三、存在问题
部分单位对档案工作重视不够，移交不及时，个别案卷整理不够规范
，需要在今后的工作中加以改进。
某某县档案馆
2024年1月8日
"""


def test_short_headings_do_not_outvote_the_wraps() -> None:
    paras, mode = paragraphs(CHARS)
    assert mode == "wrap"
    assert paras[2] == ("本年度共接收各部门移交的文书档案2316件，整理归档科技档案|418卷，完成馆藏档案数字化"
                        "扫描约12万页，档案查阅利用服务全年|达到1560人次。")
    # headings, the signature and the date stay lines of their own
    assert paras[:2] == ["关于2023年度档案管理工作情况的报告", "一、基本情况"]
    assert paras[-2:] == ["某某县档案馆", "2024年1月8日"]
    assert "三、存在问题" in paras
    # a line that is only the rest of a sentence (`，需要…`) joins the full line before it
    assert paras[-3].endswith("个别案卷整理不够规范|，需要在今后的工作中加以改进。")


def test_two_paragraphs_meeting_at_a_full_line_stay_apart() -> None:
    # the second paragraph of (二) ends its sentence exactly at the wrap width: a paragraph end, kept
    text = CHARS.replace("实现了全年零事故的目标。\n", "实现了全年零事故的目标。\n全年共组织档案安全检查四次，整改各类"
                         "安全隐患六处，馆藏的档案\n安全形势总体平稳。\n")
    paras, mode = paragraphs(text)
    assert mode == "wrap"
    assert any(p.endswith("实现了全年零事故的目标。") for p in paras)
    assert "全年共组织档案安全检查四次，整改各类安全隐患六处，馆藏的档案|安全形势总体平稳。" in paras


def test_a_line_longer_than_the_wrap_width_is_no_wrapped_line() -> None:
    # a site's field line over the title is longer than the text's lines: never joined to the title
    head = "上传者：archive_user | 上传日期：2024-01-09 | 浏览次数：268 | 所需积分：2\n"
    paras, mode = paragraphs(head + CHARS)
    assert mode == "wrap"
    assert paras[0] == head.strip()
    assert paras[1] == "关于2023年度档案管理工作情况的报告"


def test_display_width_cluster_fixture() -> None:
    # the fixture wraps at 60 display columns (digits narrower than Han, as a PDF prints them)
    paras, mode = paragraphs(FIXTURE.read_text(encoding="utf-8"))
    assert mode == "wrap"
    assert "联系人：周文静" in paras
    assert "联系电话：0571-86001234" in paras
    assert paras[-2:] == ["某某区环境卫生管理所", "2024年1月10日"]
    assert sum(1 for p in paras if "|" in p) == 6
    assert "达到28500|00平方米" in paras[4]  # a number split: closed up by the join stage, not here
    # a short last line before a lone `。` is no full line: two paragraphs here, joined later
    assert paras[6:8] == ["新建垃圾分类投放点412个，更新分类收集容器3600余个，全区生活|垃圾回收利用率达到38%，餐"
                          "厨垃圾日均处理量稳定在120吨左右，处|理设施运行平稳有序", "。"]


# One paragraph per line, with headings and a few long lines cut without punctuation (scraped text):
# the long lines have every length, so no wrap width exists.
LINES = """\
街道办事处2023年工作总结
一、经济发展
全年完成地区生产总值38.6亿元，同比增长6.5%，固定资产投资完成12.3亿元，招商引资到位资金5.1亿元
重点项目建设有序推进，
新开工项目9个，竣工投产项目6个，新增规模以上企业3家，为全年经济平稳运行奠定了坚实基础。
二、社会事业
新建社区养老服务站2个，改造老旧小区14个，惠及居民3200余户，群众的获得感和幸福感进一步增强
全年新增城镇就业岗位1860个
三、下一步打算
继续深化放管服改革，优化营商环境，推动经济社会高质量发展，为全区发展大局作出新的更大贡献。
"""


def test_one_paragraph_per_line_with_cut_lines_stays_line() -> None:
    paras, mode = paragraphs(LINES)
    assert mode == "line"
    assert paras == [ln for ln in LINES.splitlines() if ln]


def test_blank_and_indent_layouts_are_not_taken_for_wrap() -> None:
    blank = "\n\n".join(CHARS.split("二、主要做法\n"))
    assert paragraphs(blank)[1] in {"blank", "wrap"}
    indented = "\u3000\u3000甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸。\n" * 6
    paras, mode = paragraphs(indented)
    assert mode == "line"
    assert len(paras) == 6


@pytest.mark.parametrize("seed", seed_params())
def test_seeds_stay_one_paragraph_per_line(seed: Path) -> None:
    assert paragraphs(seed.read_text(encoding="utf-8"))[1] == "line"
