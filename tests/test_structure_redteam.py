"""Numbering habits the seeds do not show, found by red-teaming the structure stage on reports of other
sites (fixtures/structure/redteam/): each fix has a case that needs it and a case it must leave alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docconv import ast, codec
from docconv import builder as b
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.pipeline import TRANSFORMS, read_bytes, transform
from docconv.structure.articles import is_article
from docconv.structure.headings import structure
from docconv.structure.numbering import form_of, match_marker, render_form
from docconv.walk import query
from docconv.writers.plain import write_plain
from tests.support import FIXTURES

REDTEAM = sorted((FIXTURES / "structure" / "redteam").glob("*.txt"))


def run(*lines: str) -> tuple[ast.Document, DiagnosticLog]:
    log = DiagnosticLog()
    doc = structure(b.document(*(b.para(ln) for ln in lines)), Options(), log)
    return doc, log


def convert(source: str | Path) -> tuple[ast.Document, DiagnosticLog]:
    data = source.read_bytes() if isinstance(source, Path) else source.encode("utf-8")
    log = DiagnosticLog()
    options = Options()
    doc = read_bytes(data, format="txt", options=options, log=log)
    return transform(doc, options, log, TRANSFORMS), log


def headings(doc: ast.Document) -> list[tuple[int, str]]:
    return [(h.level, (h.marker.raw if h.marker else "") + ast.plain_text(h.content))
            for h in query(doc, lambda n: n if isinstance(n, ast.Heading) else None)]


def letters(text: str) -> str:
    """The words and numbers of a text, in order (punctuation, spaces and brackets aside)."""
    return re.sub(r"[^\w]", "", text)


def all_text(doc: ast.Document) -> str:
    parts: list[str] = []
    for node in query(doc, lambda n: n):
        if isinstance(node, ast.Heading | ast.ListItem) and node.marker is not None:
            parts.append(node.marker.raw)
        if isinstance(node, ast.Text):
            parts.append(node.text)
    return "".join(parts)


# --- the grammar -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "scheme", "ordinal"), [
    ("Ⅰ、电费回收", ast.Scheme.ROMAN_UPPER, 1),
    ("Ⅲ 市场拓展", ast.Scheme.ROMAN_UPPER, 3),
    ("ⅱ．推进充电桩建设", ast.Scheme.ROMAN_LOWER, 2),
    ("范文一", ast.Scheme.ARTICLE, 1),
    ("范文三：年度总结", ast.Scheme.ARTICLE, 3),
    ("【篇二】", ast.Scheme.ARTICLE, 2),
    ("[范文4] 述职报告", ast.Scheme.ARTICLE, 4),
    ("〔第三篇〕", ast.Scheme.ARTICLE, 3),
    ("三、四季度工作安排", ast.Scheme.CN, 3),  # a heading line: no clause, so not a pair in a sentence
    ("1、二级以上预警发布后，立即报告。", ast.Scheme.ARABIC, 1),  # the pair would be of one kind
    ("一、二手房交易市场监管，成效明显。", ast.Scheme.CN, 1),  # 手 is no measure word
])
def test_new_markers(text: str, scheme: ast.Scheme, ordinal: int) -> None:
    m = match_marker(text)
    assert m is not None
    assert (m.marker.scheme, m.marker.ordinal) == (scheme, ordinal)


@pytest.mark.parametrize("text", [
    "Ⅲ类水质断面比例提高五个百分点。",  # a roman numeral glued to a word is a class, not a marker
    "一、二季度全县降水偏少，旱情露头。",  # a pair of numbers opening a sentence
    "3、4月份，组织技术人员下乡服务。",
    "2、3号楼的住户反映，水压不足。",
    "一、二、三级医院共有床位八千张。",
    "【篇一",  # an unclosed bracket
    "【通知】",
    "范文一样的写法",
])
def test_not_new_markers(text: str) -> None:
    assert match_marker(text) is None


@pytest.mark.parametrize(("raw", "scheme", "ordinal", "expected"), [
    ("１．", ast.Scheme.ARABIC, 3, "３．"),
    ("（１）", ast.Scheme.ARABIC_PAREN, 12, "（１２）"),
    ("第2篇 ", ast.Scheme.ARTICLE, 3, "第3篇 "),
    ("第3章 ", ast.Scheme.CHAPTER, 4, "第4章 "),
    ("范文一", ast.Scheme.ARTICLE, 2, "范文二"),
    ("Ⅰ、", ast.Scheme.ROMAN_UPPER, 3, "Ⅲ、"),
    ("ⅰ．", ast.Scheme.ROMAN_LOWER, 2, "ⅱ．"),
    # the usual kinds are unchanged
    ("篇一：", ast.Scheme.ARTICLE, 2, "篇二："),
    ("范文1", ast.Scheme.ARTICLE, 2, "范文2"),
    ("2、", ast.Scheme.ARABIC, 11, "11、"),
    ("（三）", ast.Scheme.CN_PAREN, 11, "（十一）"),
])
def test_forms_keep_the_kind_of_numeral(raw: str, scheme: ast.Scheme, ordinal: int, expected: str) -> None:
    marker = ast.Marker(scheme=scheme, ordinal=1, raw=raw)
    assert render_form(form_of(marker), scheme, ordinal) == expected


def test_full_width_digits_survive_the_consistent_form() -> None:
    doc, _ = run("标题", "１．基本情况", "正文。", "２．主要工作", "正文。", "3．下一步", "正文。")
    # The majority writes full-width digits: the one half-width marker follows it, nothing turns half-width.
    assert [r for _, r in headings(doc)][1:] == ["１．基本情况", "２．主要工作", "３．下一步"]


def test_digits_in_an_article_marker_stay_digits() -> None:
    doc, _ = run("标题", "第2篇 高一班主任工作总结")
    assert "第2篇 高一班主任工作总结" in [r for _, r in headings(doc)]


# --- decisions ---------------------------------------------------------------------------------------

def test_issuer_over_subject_is_one_title() -> None:
    doc, log = run("中共某某镇委员会", "关于2023年度落实主体责任情况的报告", "县委：", "现将有关情况报告如下。")
    title = doc.blocks[0]
    assert isinstance(title, ast.Heading)
    assert title.level == 1
    assert [type(n) for n in title.content] == [ast.Text, ast.LineBreak, ast.Text]
    assert doc.meta.title == "中共某某镇委员会 关于2023年度落实主体责任情况的报告"
    assert any(d.rule == "structure.title-lines" for d in log)
    assert structure(doc, Options(), DiagnosticLog()) == doc


def test_wrapped_title_joins_without_a_gap() -> None:
    doc, _ = run("关于进一步加强全县安全生产工作的", "实施意见", "为切实加强安全生产工作，制定本意见。")
    assert doc.meta.title == "关于进一步加强全县安全生产工作的实施意见"


@pytest.mark.parametrize("lines", [
    ("年终总结范文精选", "2023年财务工作总结", "今年以来，财务科认真履职。"),  # page title over a report's
    ("2023年工作总结", "——砥砺奋进的一年", "今年以来，我们克服困难。"),  # a subtitle: no genre at its end
    ("某某区教育局", "2024年1月", "正文一句。"),  # a date line under an issuer
])
def test_second_line_that_is_not_the_titles_rest_stays(lines: tuple[str, str, str]) -> None:
    doc, log = run(*lines)
    assert doc.meta.title == lines[0]
    assert not any(d.rule == "structure.title-lines" for d in log)


def test_bare_article_marker_and_title_line_make_one_title() -> None:
    text = ("某某范文\n\n范文一\n\n社区工作者个人工作总结\n\n今年以来，我认真做好服务工作。\n\n一、做好民政服务\n\n"
            "办理事项一百二十件。\n\n范文二\n\n社区网格员工作总结\n\n我负责的网格共有住户三百户。\n\n一、摸清底数\n\n"
            "更新台账八百条。\n")
    doc, _ = convert(text)
    articles = [blk for blk in doc.blocks if is_article(blk)]
    assert len(articles) == 2
    assert [r for lv, r in headings(doc) if lv == 2] == ["范文一 社区工作者个人工作总结", "范文二 社区网格员工作总结"]
    again = transform(doc, Options(), DiagnosticLog(), TRANSFORMS)
    assert again == doc


def test_bare_article_marker_before_body_stays_alone() -> None:
    text = ("某某合集\n\n【篇一】\n\n本学期我担任中班的教学工作。\n\n一、教育教学\n\n组织主题活动。\n\n"
            "【篇二】\n\n回顾这学期的工作，有收获也有不足。\n\n一、保育工作\n\n坚持每天晨检。\n")
    doc, log = convert(text)
    assert [r for lv, r in headings(doc) if lv == 2] == ["【篇一】", "【篇二】"]
    assert sum(1 for d in log if d.rule == "structure.article-marker") == 2


def test_opening_after_a_closing_paragraph_starts_the_next_article() -> None:
    closing = "总之，我院将在新的一年里再接再厉，做好服务。"
    opening = "2023年上半年，在镇党委、政府的正确领导下，卫生院认真落实各项医改政策。"
    text = "\n\n".join(["卫生院工作总结两篇", "一、基本医疗", "全年门诊量三万八千人次。", "二、公共卫生",
                       "开展免费体检四千余人。", closing, opening, "一、医疗质量", "全年无医疗事故发生。",
                       "二、家庭医生", "组建团队八个。"]) + "\n"
    doc, _ = convert(text)
    articles = [blk for blk in doc.blocks if isinstance(blk, ast.Div) and is_article(blk)]
    assert len(articles) == 2
    second = articles[1]
    assert isinstance(second, ast.Div)
    assert ast.plain_text(second.blocks[0].content) == opening  # type: ignore[union-attr]  # a Para
    first = articles[0]
    assert isinstance(first, ast.Div)
    assert ast.plain_text(first.blocks[-1].content) == closing  # type: ignore[union-attr]  # a Para


def test_short_body_sentence_is_no_closing() -> None:
    # Only a closing sentence counts as the end of a report's body; a short sentence under a heading
    # may be that section's only line, and the opening after it could still be the section's.
    text = "\n\n".join(["标题", "一、基本医疗", "门诊量增加。", "二、公共卫生", "体检四千人。",
                       "2023年上半年，在镇党委的正确领导下，卫生院认真落实各项政策。", "一、医疗质量",
                       "无医疗事故。", "二、家庭医生", "组建团队。"]) + "\n"
    doc, _ = convert(text)
    articles = [blk for blk in doc.blocks if isinstance(blk, ast.Div) and is_article(blk)]
    assert len(articles) == 2
    second = articles[1]
    assert isinstance(second, ast.Div)
    assert isinstance(second.blocks[0], ast.Heading)  # the article begins at its restarting marker


def test_number_pair_at_a_sentence_start_starts_no_article() -> None:
    doc, _ = convert(FIXTURES / "structure" / "redteam" / "numeral-pairs-prose.txt")
    assert not any(is_article(blk) for blk in doc.blocks)
    assert [r for lv, r in headings(doc) if lv == 2] == ["一、汛期天气特点", "二、主要服务工作", "三、下一步工作"]


# --- every red-team report -----------------------------------------------------------------------------

@pytest.mark.parametrize("source", REDTEAM, ids=[p.stem for p in REDTEAM])
def test_redteam_keeps_every_word_in_order_and_is_idempotent(source: Path) -> None:
    doc, _ = convert(source)
    # Markers may change bracket width to the document's majority form; no word or number changes.
    assert letters(all_text(doc)) == letters(source.read_text(encoding="utf-8"))
    assert transform(doc, Options(), DiagnosticLog(), TRANSFORMS) == doc


def test_there_are_redteam_reports() -> None:
    assert len(REDTEAM) >= 15


# --- decimal outlines ----------------------------------------------------------------------------------

def test_decimal_outline_levels_follow_depth() -> None:
    doc, log = convert(FIXTURES / "structure" / "redteam" / "decimal-outline.txt")
    assert headings(doc)[1:] == [
        (2, "1 经营概况"), (3, "1.1 主营业务"), (3, "1.2 新业务拓展"), (4, "1.2.1 客户开发"),
        (4, "1.2.2 产能建设"), (2, "2 存在的问题"), (2, "3 2024年工作计划"), (3, "3.1 巩固传统业务"),
        (3, "3.2 加快海外布局")]
    assert sum(1 for d in log if d.rule == "structure.decimal-outline") == 1
    # A new parent starts a new sibling sequence: `3.1` after `1.2` is neither a gap nor a restart.
    assert not any(d.rule in ("structure.numbering-gap", "structure.numbering-restart") for d in log)


def test_decimal_variants_keep_their_forms_and_lists() -> None:
    doc, _ = convert(FIXTURES / "structure" / "redteam" / "decimal-variants.txt")
    assert headings(doc)[1:] == [
        (2, "1.总体进展"), (3, "1.1、平台产品"), (3, "1.2、移动端"), (4, "1.2.1.体验优化"),
        (4, "1.2.2.稳定性"), (2, "2.存在的不足"), (2, "3.下半年安排"), (3, "３．１\u3000完成数据中台一期"),
        (3, "３．２\u3000启动国际化版本")]
    lists = [blk for blk in doc.blocks if isinstance(blk, ast.List)]
    assert [(lst.scheme, len(lst.items)) for lst in lists] == [(ast.Scheme.ARABIC, 2)]  # inside 1.1
    text = all_text(doc)
    assert "2.5 万名新用户" in text
    assert "2024.07.05" in text


def test_decimal_under_chapters_sits_right_below_them() -> None:
    doc, _ = convert(FIXTURES / "structure" / "redteam" / "decimal-chapters.txt")
    assert [lv for lv, _ in headings(doc)] == [1, 2, 3, 3, 4, 4, 2, 3, 3]


def test_no_outline_without_evidence() -> None:
    doc, log = convert(FIXTURES / "structure" / "redteam" / "decimal-negatives.txt")
    assert [r for _, r in headings(doc)][1:] == ["一、设备运行情况", "二、备件管理", "三、明年打算"]
    assert not any(d.rule == "structure.decimal-outline" for d in log)


def test_a_peer_scheme_under_a_decimal_depth_is_followed_as_written() -> None:
    doc, log = run("标题", "1 概况", "1.1 收入", "（一）主营", "正文。", "（二）其他", "正文。", "1.2 成本", "正文。")
    assert headings(doc)[1:] == [(2, "1 概况"), (3, "1.1 收入"), (4, "（一）主营"), (4, "（二）其他"),
                                 (3, "1.2 成本")]
    assert any(d.rule == "structure.nesting-order" for d in log)


def test_renumber_changes_only_the_last_number_of_a_decimal_marker() -> None:
    log = DiagnosticLog()
    src = b.document(*(b.para(t) for t in ("标题", "1.1 收入", "正文。", "1.3 成本", "正文。", "2.1 计划", "正文。")))
    doc = structure(src, Options(numbering="renumber"), log)
    assert [r for _, r in headings(doc)][1:] == ["1.1 收入", "1.2 成本", "2.1 计划"]
    assert any(d.rule == "structure.numbering-gap" for d in log)
    assert structure(doc, Options(numbering="renumber"), DiagnosticLog()) == doc


def test_decimal_outline_round_trips_through_json_and_writers() -> None:
    doc, _ = convert(FIXTURES / "structure" / "redteam" / "decimal-outline.txt")
    assert codec.loads(codec.dumps(doc)) == doc
    plain = write_plain(doc, Options())
    assert isinstance(plain, str)
    assert "1.2.1 客户开发" in plain
    assert "2 存在的问题" in plain
