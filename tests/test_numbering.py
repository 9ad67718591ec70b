"""The numbering grammar: every scheme, width and spacing variant, and the things that are not markers."""

from __future__ import annotations

import pytest

from docconv.ast import Marker, Scheme
from docconv.structure.numbering import (
    canonical_form,
    cn_number,
    decimal_outline,
    decimal_parts,
    form_of,
    match_decimal,
    match_marker,
    render_form,
    separator_of,
    tidy_raw,
    to_cn_numeral,
    with_last_number,
)


@pytest.mark.parametrize(
    ("text", "scheme", "ordinal", "raw", "rest"),
    [
        ("第一章 总则", Scheme.CHAPTER, 1, "第一章 ", "总则"),  # the gap belongs to the marker
        ("第一部分\u3000全年工作", Scheme.PART, 1, "第一部分\u3000", "全年工作"),
        ("第二章总体情况", Scheme.CHAPTER, 2, "第二章", "总体情况"),
        ("范文1  年度计划", Scheme.ARTICLE, 1, "范文1  ", "年度计划"),
        ("第3节 经费", Scheme.SECTION, 3, "第3节 ", "经费"),
        ("第二部分 工作措施", Scheme.PART, 2, "第二部分 ", "工作措施"),
        ("第二篇", Scheme.ARTICLE, 2, "第二篇", ""),
        ("篇三:年度工作总结", Scheme.ARTICLE, 3, "篇三:", "年度工作总结"),
        ("范文2", Scheme.ARTICLE, 2, "范文2", ""),
        ("一、加强领导", Scheme.CN, 1, "一、", "加强领导"),
        ("二 、 完善机制", Scheme.CN, 2, "二 、", "完善机制"),
        ("十二、其他", Scheme.CN, 12, "十二、", "其他"),
        ("三.总结", Scheme.CN, 3, "三.", "总结"),
        ("三、2024年工作打算", Scheme.CN, 3, "三、", "2024年工作打算"),  # a digit may follow 、
        ("(一)推进养老服务", Scheme.CN_PAREN, 1, "(一)", "推进养老服务"),
        ("（二）做好就业", Scheme.CN_PAREN, 2, "（二）", "做好就业"),
        ("( 三 )、落实", Scheme.CN_PAREN, 3, "( 三 )、", "落实"),
        ("1、开展培训", Scheme.ARABIC, 1, "1、", "开展培训"),
        ("2 、落实政策", Scheme.ARABIC, 2, "2 、", "落实政策"),
        ("3.严格考核", Scheme.ARABIC, 3, "3.", "严格考核"),
        ("4．强化宣传", Scheme.ARABIC, 4, "4．", "强化宣传"),
        ("１２、全角数字", Scheme.ARABIC, 12, "１２、", "全角数字"),
        ("(1)建立台账", Scheme.ARABIC_PAREN, 1, "(1)", "建立台账"),
        ("（2）定期检查", Scheme.ARABIC_PAREN, 2, "（2）", "定期检查"),
        ("3)及时整改", Scheme.ARABIC_PAREN, 3, "3)", "及时整改"),
        ("①抓好秋粮", Scheme.CIRCLED, 1, "①", "抓好秋粮"),
        ("⑩第十项", Scheme.CIRCLED, 10, "⑩", "第十项"),
        ("A. Scope", Scheme.LATIN_UPPER, 1, "A.", "Scope"),
        ("b) item", Scheme.LATIN_LOWER, 2, "b)", "item"),
        ("IV. Results", Scheme.ROMAN_UPPER, 4, "IV.", "Results"),
        ("——深入基层调研", Scheme.DASH, 0, "——", "深入基层调研"),
    ],
)
def test_markers(text: str, scheme: Scheme, ordinal: int, raw: str, rest: str) -> None:
    m = match_marker(text)
    assert m is not None
    assert m.marker == Marker(scheme=scheme, ordinal=ordinal, raw=raw)
    assert m.rest == rest


@pytest.mark.parametrize(
    "text",
    [
        "一是加强领导,二是完善机制",  # inline enumeration stays text
        "1.5倍的增长",                 # a decimal number
        "三.5倍",                      # a Chinese numeral, a point and a digit: not a marker
        "2023年工作总结",              # a year
        "十分重视安全生产",            # a numeral that is a word
        "A股市场",                     # a letter that is a word
        "三个代表",
        "第一时间到达现场",
        "(市CDC)负责指导",
        "(2011年4月18日)",
        "———分隔线———",
        "",
    ],
)
def test_not_markers(text: str) -> None:
    assert match_marker(text) is None


@pytest.mark.parametrize(("cn", "n"), [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23),
                                       ("一百", 100), ("一百零五", 105), ("两", 2), ("二〇二三", 2023)])
def test_cn_numbers(cn: str, n: int) -> None:
    assert cn_number(cn) == n


@pytest.mark.parametrize("n", [1, 9, 10, 11, 19, 20, 35, 99, 100, 105, 110, 999])
def test_cn_numeral_round_trip(n: int) -> None:
    assert cn_number(to_cn_numeral(n)) == n


def test_canonical_forms() -> None:
    assert [canonical_form(s, 2) for s in (Scheme.CN, Scheme.CN_PAREN, Scheme.ARABIC, Scheme.ARABIC_PAREN,
                                           Scheme.CIRCLED)] == ["二、", "（二）", "2.", "（2）", "②"]


def test_forms_abstract_the_number_and_tidy_spaces() -> None:
    assert tidy_raw("二 、") == "二、"
    assert form_of(Marker(scheme=Scheme.CN_PAREN, ordinal=3, raw="（ 三 ）")) == "（#）"
    assert form_of(Marker(scheme=Scheme.ARABIC, ordinal=2, raw="2 、")) == "#、"
    assert render_form("(#)", Scheme.CN_PAREN, 4) == "(四)"
    assert render_form("#、", Scheme.ARABIC, 12) == "12、"


def test_separator_after_a_word_marker_is_kept_once_in_the_source_width() -> None:
    assert tidy_raw("第一部分\u3000") == "第一部分\u3000"
    assert tidy_raw("第 二 章  ") == "第二章 "
    assert tidy_raw("第三章\u3000 ") == "第三章\u3000"
    assert tidy_raw("二 、 ") == "二、"  # a delimiter already separates the text
    part = Marker(scheme=Scheme.PART, ordinal=2, raw="第二部分\u3000")
    assert form_of(part) == "第#部分\u3000"
    assert render_form(form_of(part), Scheme.PART, 3) == "第三部分\u3000"
    assert separator_of("第一章 ") == " "
    assert separator_of("一、") == ""


# --- decimal outlines ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "scheme", "ordinal", "raw", "rest"), [
    ("1.1 主营业务", Scheme.DECIMAL_2, 1, "1.1 ", "主营业务"),  # the gap belongs to the marker
    ("1.2.1 客户开发", Scheme.DECIMAL_3, 1, "1.2.1 ", "客户开发"),
    ("2.3、市场拓展", Scheme.DECIMAL_2, 3, "2.3、", "市场拓展"),
    ("2.3. 市场拓展", Scheme.DECIMAL_2, 3, "2.3.", "市场拓展"),
    ("３．１２\u3000人员培训", Scheme.DECIMAL_2, 12, "３．１２\u3000", "人员培训"),
    ("4.1.2.3 接口规范", Scheme.DECIMAL_4, 3, "4.1.2.3 ", "接口规范"),
    ("1.2.1.1.2 字段说明", Scheme.DECIMAL_5, 2, "1.2.1.1.2 ", "字段说明"),
    ("1.2.1客户开发", Scheme.DECIMAL_3, 1, "1.2.1", "客户开发"),  # glued to a word that is no unit
    ("5.2 IT基础设施", Scheme.DECIMAL_2, 2, "5.2 ", "IT基础设施"),
])
def test_decimal_grammar(text: str, scheme: Scheme, ordinal: int, raw: str, rest: str) -> None:
    m = match_decimal(text)
    assert m is not None
    assert (m.marker.scheme, m.marker.ordinal, m.marker.raw, m.rest) == (scheme, ordinal, raw, rest)
    assert match_marker(text) is None  # never without the document's outline


@pytest.mark.parametrize("text", [
    "1.1",                       # a bare number line
    "1.5倍于去年的工作量",          # a quantity glued to its unit
    "2.3亿元的投资已到位",
    "3.5米宽的道路",
    "2.5 万元专项资金",            # a quantity after a gap
    "12.5 %的增长",
    "2.1版系统上线",               # a version
    "V2.1 版本说明",
    "2023.12.31 前完成",           # a date: the year is no outline number
    "0.5 小时",                   # an outline never numbers 0
    "1.0 正式版",
    "1.2.3.4.5.6 过深",            # deeper than five
    "1.2.3",
    "1.2．3 混用句点",              # one kind of full stop per number
    "§1.2 规定",
])
def test_not_decimal(text: str) -> None:
    assert match_decimal(text) is None


def test_decimal_parts_and_last_number() -> None:
    assert decimal_parts("1.2.10 ") == (1, 2, 10)
    assert decimal_parts("３．１、") == (3, 1)
    assert with_last_number("1.2.3 ", 5) == "1.2.5 "
    assert with_last_number("３．１　", 2) == "３．２　"


def _outline(*lines: str) -> dict[int, tuple[str, int]]:
    return {i: (m.marker.scheme.value, m.marker.ordinal) for i, m in decimal_outline(list(lines)).items()}


def test_outline_takes_deep_numbers_and_the_depth_one_lines_that_fit() -> None:
    got = _outline("1 概况", "正文。", "1.1 收入", "正文。", "1.2 成本", "1.2.1 材料", "2. 问题", "正文。",
                   "3 计划", "3.1 目标")
    assert got == {0: ("decimal-1", 1), 2: ("decimal-2", 1), 4: ("decimal-2", 2), 5: ("decimal-3", 1),
                   6: ("decimal-1", 2), 8: ("decimal-1", 3), 9: ("decimal-2", 1)}


def test_outline_needs_two_heading_lines_that_follow_each_other() -> None:
    assert _outline("1.1 收入", "正文。") == {}  # one line is no outline
    assert _outline("1.2 收入", "正文。", "3.4 成本") == {}  # rising, but nothing follows from anything
    assert _outline("1.1 收入情况良好，同比增长。", "1.2 成本控制有力，同比下降。") == {}  # sentences
    assert len(_outline("1.1 收入", "1.2 成本")) == 2


def test_an_arabic_list_inside_a_section_stays_out_of_the_outline() -> None:
    got = _outline("1 概况", "1.1 收入", "1. 甲项", "2. 乙项", "1.2 成本", "2 问题")
    assert got == {0: ("decimal-1", 1), 1: ("decimal-2", 1), 4: ("decimal-2", 2), 5: ("decimal-1", 2)}


def test_a_number_outside_the_rising_outline_stays_text() -> None:
    # `12.31 年终晚会` cannot come before 1.1 in an outline; the longest rising run leaves it out.
    got = _outline("12.31 年终晚会", "1.1 收入", "1.2 成本", "2.1 计划")
    assert sorted(got) == [1, 2, 3]


def test_a_depth_one_line_after_the_outline_needs_the_next_number() -> None:
    got = _outline("1.1 收入", "1.2 成本", "2 问题", "5 杂项")
    assert sorted(got) == [0, 1, 2]
