"""Enclosed numbers (㈠ ⒈ ⑴ ❶ ➀ ➊ ⒜ …) are one-character spellings of schemes the grammar knows: they get
the same levels and heading/list decisions as their typed forms, and keep the character as written."""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from docconv import ast
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.pipeline import convert_bytes
from docconv.structure.headings import structure
from docconv.structure.numbering import canonical_form, kept_as_written, match_marker, standard_form


@pytest.mark.parametrize(
    ("text", "scheme", "ordinal", "raw", "rest"),
    [
        ("㈠总体情况", ast.Scheme.CN_PAREN, 1, "㈠", "总体情况"),
        ("㈢ 存在问题", ast.Scheme.CN_PAREN, 3, "㈢", "存在问题"),
        ("㈩第十项", ast.Scheme.CN_PAREN, 10, "㈩", "第十项"),
        ("㈠、总体情况", ast.Scheme.CN_PAREN, 1, "㈠、", "总体情况"),
        ("㊁加强培训", ast.Scheme.CN_PAREN, 2, "㊁", "加强培训"),
        ("⒈落实责任", ast.Scheme.ARABIC, 1, "⒈", "落实责任"),
        ("⒑第十条措施", ast.Scheme.ARABIC, 10, "⒑", "第十条措施"),
        ("⒛第二十条措施", ast.Scheme.ARABIC, 20, "⒛", "第二十条措施"),
        ("⑴建立台账", ast.Scheme.ARABIC_PAREN, 1, "⑴", "建立台账"),
        ("⑽第十项", ast.Scheme.ARABIC_PAREN, 10, "⑽", "第十项"),
        ("⒇第二十项", ast.Scheme.ARABIC_PAREN, 20, "⒇", "第二十项"),
        ("①抓好秋粮", ast.Scheme.CIRCLED, 1, "①", "抓好秋粮"),
        ("❶开展宣传", ast.Scheme.CIRCLED, 1, "❶", "开展宣传"),
        ("❿第十项", ast.Scheme.CIRCLED, 10, "❿", "第十项"),
        ("⓫第十一项", ast.Scheme.CIRCLED, 11, "⓫", "第十一项"),
        ("➁加强督查", ast.Scheme.CIRCLED, 2, "➁", "加强督查"),
        ("➌完善制度", ast.Scheme.CIRCLED, 3, "➌", "完善制度"),
        ("⓶双圈数字", ast.Scheme.CIRCLED, 2, "⓶", "双圈数字"),
        ("㉑第二十一项", ast.Scheme.CIRCLED, 21, "㉑", "第二十一项"),
        ("⒝第二项", ast.Scheme.LATIN_LOWER, 2, "⒝", "第二项"),
    ],
)
def test_enclosed_forms_read_as_their_scheme(text: str, scheme: ast.Scheme, ordinal: int, raw: str,
                                             rest: str) -> None:
    found = match_marker(text)
    assert found is not None
    assert (found.marker.scheme, found.marker.ordinal, found.marker.raw, found.rest) == (scheme, ordinal, raw,
                                                                                          rest)
    assert kept_as_written(found.marker)


@pytest.mark.parametrize("text", [
    "㈪份工作安排",  # U+322A comes right after ㈩ and means 月, not eleven
    "㈱某某公司",  # a parenthesized ideograph that is no numeral
    "⒈",  # a bare number line, as `1.` alone
    "根据通知⑴项要求开展自查",  # inside a sentence
])
def test_not_enclosed_markers(text: str) -> None:
    assert match_marker(text) is None


@pytest.mark.parametrize(("text", "standard"), [
    ("㈡推进", "（二）"), ("㊂推进", "（三）"), ("⒊推进", "3."), ("⑷推进", "（4）"), ("❺推进", "⑤"),
    ("➅推进", "⑥"), ("⒞推进", "c."),
])
def test_standard_forms_of_enclosed(text: str, standard: str) -> None:
    found = match_marker(text)
    assert found is not None
    assert standard_form(found.marker, found.marker.ordinal) == standard
    assert canonical_form(found.marker.scheme, found.marker.ordinal) == standard


# --- the whole pipeline ----------------------------------------------------------------------------------

TITLE = "某某县农业农村局2023年工作总结"
INTRO = "2023年，县农业农村局紧紧围绕乡村振兴总要求，狠抓粮食生产和产业发展，全年各项工作取得新进展。"


Form = Callable[[int], str]


def _report(sub: Form, item: Form, circle: Form, third: Form) -> str:
    """A report numbered 一、 > sub (㈠ or （一）) > item (⒈ or 1.), with a lead-in list in `third`
    (⑴ or （1）) and one in `circle` (❶ or ①)."""
    lines = [
        TITLE, INTRO,
        "一、全年工作完成情况",
        f"{sub(1)}粮食生产再获丰收",
        "全县粮食播种面积稳定在52万亩，总产量达到23.6万吨，比上年增长2.1%。",
        f"{item(1)}落实耕地保护责任",
        "完成高标准农田建设3.2万亩，耕地保有量全面落实到村到户。",
        f"{item(2)}推广绿色种植技术",
        "推广测土配方施肥和统防统治技术，化肥农药使用量连续三年负增长。",
        f"{sub(2)}特色产业提质扩面",
        "培育市级以上农业产业化龙头企业6家，主要做法是：",
        f"{third(1)}扶持壮大茶叶产业，新建标准化茶园1500亩；",
        f"{third(2)}推动果蔬产业提档升级，建成冷链仓储设施8处；",
        f"{third(3)}发展林下经济，带动农户增收1200余万元。",
        f"{sub(3)}农村改革持续深化",
        "全面完成农村集体产权制度改革，重点抓了三项工作：",
        f"{circle(1)}清产核资，摸清集体家底；",
        f"{circle(2)}成员确认，做到应纳尽纳；",
        f"{circle(3)}股份量化，规范收益分配。",
        "二、2024年工作打算",
        "坚持稳产保供和农民增收两手抓，推动全县农业农村工作再上新台阶。",
    ]
    return "\n\n".join(lines) + "\n"


def _series(chars: str) -> Form:
    return lambda n: chars[n - 1]


ENCLOSED = _report(_series("㈠㈡㈢"), _series("⒈⒉⒊"), _series("❶❷❸"), _series("⑴⑵⑶"))
TYPED = _report(lambda n: f"（{'一二三'[n - 1]}）", lambda n: f"{n}.", _series("①②③"), lambda n: f"（{n}）")


def _shape(blocks: tuple[ast.Block, ...]) -> list[tuple[str, object, object, object]]:
    """What the structure decided, without the marker text: heading levels, list schemes and ordinals."""
    out: list[tuple[str, object, object, object]] = []
    for blk in blocks:
        if isinstance(blk, ast.Heading):
            m = blk.marker
            out.append(("h", blk.level, m.scheme if m else None, m.ordinal if m else None))
        elif isinstance(blk, ast.List):
            out.append(("list", blk.scheme, blk.start, len(blk.items)))
        elif isinstance(blk, ast.Para):
            out.append(("p", ast.plain_text(blk.content)[:8], None, None))
        elif isinstance(blk, ast.Div):
            out.extend(_shape(blk.blocks))
    return out


def _convert(text: str, **options: object) -> tuple[ast.Document, str]:
    result = convert_bytes(text.encode("utf-8"), to="markdown", path="report.txt",
                           options=Options.from_kwargs(**options))
    assert isinstance(result.output, str)
    return result.document, result.output


def test_enclosed_report_structured_like_typed_one() -> None:
    enclosed, md = _convert(ENCLOSED)
    typed, _ = _convert(TYPED)
    assert _shape(enclosed.blocks) == _shape(typed.blocks)
    levels = {(b.marker.raw, b.level) for b in enclosed.blocks if isinstance(b, ast.Heading) and b.marker}
    assert {("㈠", 3), ("⒈", 4), ("⒉", 4), ("㈢", 3), ("一、", 2)} <= levels
    lists = [b for b in enclosed.blocks if isinstance(b, ast.List)]
    assert [(lst.scheme, [i.marker.raw for i in lst.items if i.marker]) for lst in lists] == [
        (ast.Scheme.ARABIC_PAREN, ["⑴", "⑵", "⑶"]), (ast.Scheme.CIRCLED, ["❶", "❷", "❸"])]
    # The characters stay as written.
    assert "### ㈠粮食生产再获丰收" in md
    assert "#### ⒈落实耕地保护责任" in md
    assert "⑵推动果蔬产业提档升级" in md
    assert "❷成员确认" in md
    assert "（1）" not in md
    assert "（一）" not in md


def test_gbt9704_writes_standard_forms() -> None:
    _, md = _convert(ENCLOSED, numbering="gbt9704")
    assert "### （一）粮食生产再获丰收" in md
    assert "#### 1.落实耕地保护责任" in md
    assert "（2）推动果蔬产业提档升级" in md
    assert "②成员确认" in md
    assert not any(c in md for c in "㈠⒈⑴❶")


def test_mixed_forms_keep_each_enclosed_character() -> None:
    # Typed （1） is the majority; the one ⑴ is kept as written, and the typed ones are not made ⑴.
    text = ENCLOSED.replace("⑵", "（2）").replace("⑶", "（3）")
    doc, md = _convert(text)
    lst = next(b for b in doc.blocks if isinstance(b, ast.List) and b.scheme is ast.Scheme.ARABIC_PAREN)
    assert [i.marker.raw for i in lst.items if i.marker] == ["⑴", "（2）", "（3）"]
    assert "⑴扶持壮大茶叶产业" in md


def test_ten_enclosed_then_typed_eleven_goes_on() -> None:
    # There is no parenthesized ideograph after ㈩: the eleventh section is typed, and is the same scheme.
    body = "本项工作按计划推进，完成情况良好。"
    lines = [TITLE, INTRO, "一、主要工作"]
    for n, ch in enumerate("㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩", start=1):
        lines += [f"{ch}第{n}项重点工作", body]
    lines += ["（十一）第11项重点工作", body, "二、下步打算", body]
    result = convert_bytes(("\n\n".join(lines) + "\n").encode(), to="markdown", path="r.txt", options=Options())
    doc = result.document
    assert not [d for d in result.diagnostics if d.rule.startswith("structure.numbering")]
    subs = [b for b in doc.blocks if isinstance(b, ast.Heading) and b.marker
            and b.marker.scheme is ast.Scheme.CN_PAREN]
    assert [(b.marker.ordinal, b.level) for b in subs if b.marker] == [(n, 3) for n in range(1, 12)]
    assert not [b for b in doc.blocks if isinstance(b, ast.Div)]


def test_renumber_closes_gap_in_standard_form() -> None:
    text = ENCLOSED.replace("㈢农村改革", "㈣农村改革")
    _, md = _convert(text, numbering="renumber")
    assert "### （三）农村改革持续深化" in md


def test_enclosed_character_in_a_sentence_stays_text() -> None:
    sentence = "对照检查清单⑴至⑸项逐条整改，其中❷号问题已于年底前销号。"
    lines = [TITLE, INTRO, "一、整改落实情况", sentence, "二、下步打算", "继续抓好问题整改。"]
    doc, md = _convert("\n\n".join(lines) + "\n")
    assert sentence in md
    para = [b for b in doc.blocks if isinstance(b, ast.Para) and "清单" in ast.plain_text(b.content)]
    assert len(para) == 1


def test_structure_is_idempotent_on_enclosed_markers() -> None:
    doc, _ = _convert(ENCLOSED)
    log = DiagnosticLog()
    assert structure(doc, Options(), log) == doc


# --- Word's numbering, which the DOCX reader writes out as ⑴ ---------------------------------------------

NS = nsdecls("w", "r")
ITEMS = ["扶持壮大茶叶产业，新建标准化茶园1500亩；", "推动果蔬产业提档升级，建成冷链仓储设施8处；",
         "发展林下经济，带动农户增收1200余万元。"]


def _docx(numbered: bool) -> bytes:
    d = docx.Document()
    d.add_paragraph(TITLE)
    d.add_paragraph(INTRO)
    d.add_paragraph("一、全年工作完成情况")
    d.add_paragraph("（一）特色产业提质扩面")
    d.add_paragraph("培育市级以上农业产业化龙头企业6家，主要做法是：")
    if numbered:
        numbering = d.part.numbering_part.element
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {NS} w:abstractNumId="907"><w:multiLevelType w:val="singleLevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedParen"/>'
            '<w:lvlText w:val="%1"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num {NS} w:numId="907"><w:abstractNumId w:val="907"/></w:num>'))
    for n, item in enumerate(ITEMS, start=1):
        p = d.add_paragraph(item if numbered else f"（{n}）{item}")
        if numbered:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {NS}><w:ilvl w:val="0"/><w:numId w:val="907"/></w:numPr>'))
    d.add_paragraph("（二）农村改革持续深化")
    d.add_paragraph("全面完成农村集体产权制度改革。")
    d.add_paragraph("二、2024年工作打算")
    d.add_paragraph("坚持稳产保供和农民增收两手抓。")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_word_numbered_paren_items_structured_like_typed() -> None:
    word = convert_bytes(_docx(numbered=True), to="markdown", path="r.docx", options=Options())
    typed = convert_bytes(_docx(numbered=False), to="markdown", path="r.docx", options=Options())
    assert _shape(word.document.blocks) == _shape(typed.document.blocks)
    lst = next(b for b in word.document.blocks if isinstance(b, ast.List))
    assert lst.scheme is ast.Scheme.ARABIC_PAREN
    assert [i.marker.raw for i in lst.items if i.marker] == ["⑴", "⑵", "⑶"]
