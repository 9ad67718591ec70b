"""The numbering grammar: every scheme, width and spacing variant, and the things that are not markers."""

from __future__ import annotations

import pytest

from docconv.ast import Marker, Scheme
from docconv.structure.numbering import (
    canonical_form,
    cn_number,
    form_of,
    match_marker,
    render_form,
    separator_of,
    tidy_raw,
    to_cn_numeral,
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
