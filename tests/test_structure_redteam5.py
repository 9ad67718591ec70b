"""Structure fixes from the fifth blind test: the intact copy of a text printed twice survives, a caption
or a title-like line inside one numbering sequence starts no article, and a dash line in the title's
head is the title's subtitle."""

from __future__ import annotations

import pytest

from docconv import ast
from docconv import builder as b
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options
from docconv.structure.articles import drop_duplicate_articles, split_articles
from docconv.structure.headings import structure
from docconv.structure.hints import CAPTION_CLASS
from docconv.structure.lines import broken_seams, caption_text
from docconv.walk import query

TITLE = "某镇2023年农村人居环境整治工作总结"
INTRO = "2023年，我镇以农村厕所革命、生活垃圾治理和村容村貌提升为重点，扎实推进人居环境整治，全镇村庄面貌明显改善。"
S1 = "一、推进农村改厕"
B1 = "全年新建和改造农村户用卫生厕所860户，建成公共厕所12座，改厕后续管护机制覆盖全部行政村。"
S2 = "二、治理生活垃圾"
B2 = "健全户分类、村收集、镇转运的垃圾处理体系，配备保洁员156名，农村生活垃圾收运处置率达到100%。"
INTACT = (TITLE, INTRO, S1, B1, S2, B2)


def _cut(text: str, width: int = 23) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def _broken() -> list[str]:
    """The report hard-wrapped with every wrap kept as a paragraph break (a copy whose wraps no stage
    recognised)."""
    return [TITLE, *_cut(INTRO), S1, *_cut(B1), S2, *_cut(B2)]


def _stages(doc: ast.Document, log: DiagnosticLog) -> ast.Document:
    o = Options()
    return structure(drop_duplicate_articles(split_articles(doc, o, log), o, log), o, log)


def _lines(blocks: tuple[ast.Block, ...]) -> list[str]:
    """Headings and paragraphs in reading order, an article's inline (its Div left out)."""
    out = []
    for blk in blocks:
        if isinstance(blk, ast.Heading):
            marker = blk.marker.raw if blk.marker else ""
            out.append(f"{'#' * blk.level} {marker}{ast.plain_text(blk.content)}")
        elif isinstance(blk, ast.Para):
            out.append(ast.plain_text(blk.content))
        elif isinstance(blk, ast.Div):
            out.extend(_lines(blk.blocks))
    return out


EXPECTED = [f"# {TITLE}", INTRO, f"## {S1}", B1, f"## {S2}", B2]


# --- the intact copy of a text printed twice ----------------------------------------------------------

def test_the_intact_later_copy_survives_and_the_page_folds_back_into_one_report() -> None:
    log = DiagnosticLog()
    doc = _stages(b.document(*map(b.para, [*_broken(), *INTACT])), log)
    assert _lines(doc.blocks) == EXPECTED
    assert not any(isinstance(blk, ast.Div) for blk in doc.blocks)  # one report, not an article
    removed = [d for d in log if d.rule == "structure.duplicate-article" and d.action is Action.REMOVED]
    assert len(removed) == 1
    assert "earlier copy is broken" in removed[0].message
    assert any(d.rule == "structure.lone-article" for d in log)
    assert _stages(doc, DiagnosticLog()) == doc


def test_an_intact_first_copy_is_kept_over_a_broken_second_one() -> None:
    # lookalike of the old behaviour: the first copy is the intact one and stays. The page is split
    # inside the broken copy (its restart backs up to a wrapped line), so the copy's title and first
    # line end the article before it: they go with the copy.
    log = DiagnosticLog()
    doc = _stages(b.document(*map(b.para, [*INTACT, *_broken()])), log)
    assert _lines(doc.blocks) == EXPECTED
    assert any("the copy began 2 line(s) before" in d.message for d in log)
    assert _stages(doc, DiagnosticLog()) == doc


def test_two_equally_intact_copies_keep_the_first() -> None:
    log = DiagnosticLog()
    doc = _stages(b.document(*map(b.para, [*INTACT, *INTACT])), log)
    assert _lines(doc.blocks) == EXPECTED
    assert not any("earlier copy is broken" in d.message for d in log)


def test_a_broken_copy_holding_a_table_is_not_dropped_for_the_intact_one() -> None:
    # the text comparison does not see tables: the copy with the table stays, the later copy goes
    table = ast.Table(head=(b.row("项目", "数量"),), rows=(b.row("户厕", "860"),))
    broken = _broken()
    blocks = [*map(b.para, broken[:4]), table, *map(b.para, broken[4:]), *map(b.para, INTACT)]
    log = DiagnosticLog()
    doc = _stages(b.document(*blocks), log)
    assert query(doc, lambda n: n if isinstance(n, ast.Table) else None)
    assert not any("earlier copy is broken" in d.message for d in log)


def test_leading_copies_keep_the_copy_without_breaks_inside_its_sentences() -> None:
    # two runs equal word for word, the second with its wraps kept as soft breaks inside paragraphs
    def wrapped(text: str) -> ast.Para:
        parts = _cut(text)
        content: list[ast.Inline] = []
        for k, part in enumerate(parts):
            content.extend([ast.SoftBreak(), ast.Text(text=part)] if k else [ast.Text(text=part)])
        return ast.Para(content=tuple(content))

    intact = [b.para(t) for t in (INTRO, B1, B2)]
    broken = [wrapped(t) for t in (INTRO, B1, B2)]
    log = DiagnosticLog()
    doc = split_articles(b.document(*intact, *broken), Options(), log)
    assert list(doc.blocks) == intact
    assert any("the second copy is removed" in d.message for d in log)
    # the old order holds when the second copy is the intact one
    doc = split_articles(b.document(*broken, *intact), Options(), DiagnosticLog())
    assert list(doc.blocks) == intact


def test_broken_seams_counts_breaks_inside_sentences() -> None:
    assert broken_seams([b.para(INTRO)]) == 0
    assert broken_seams([b.para(t) for t in _cut(INTRO)]) == len(_cut(INTRO)) - 1
    assert broken_seams([b.para(S1)]) == 1  # a heading line counts alike in every copy


# --- captions and numbering that goes on ------------------------------------------------------------

REPORT = [
    "县审计局2023年审计工作报告",
    "2023年，县审计局围绕县委、县政府中心工作，依法全面履行审计监督职责。现将有关情况报告如下。",
    "一、审计项目完成情况", "全年完成审计项目48个，查出违规金额1.2亿元，主要指标见表1。",
    "二、审计整改情况", "审计发现问题已整改86个，整改率达到91.5%，整改情况见下表。",
]
CLOSING = ["三、下一步工作", "持续加强审计整改跟踪检查，推动审计成果转化运用。"]


@pytest.mark.parametrize("caption", [
    "表2　2023年审计发现问题整改情况",
    "表 2 2023年审计发现问题整改情况",
    "图3：2023年各乡镇审计整改完成情况",
    "附表1 2023年审计发现问题整改情况",
])
def test_a_caption_after_a_closing_sentence_starts_no_article(caption: str) -> None:
    log = DiagnosticLog()
    doc = _stages(b.document(*map(b.para, [*REPORT, caption, *CLOSING])), log)
    assert not any(isinstance(blk, ast.Div) for blk in doc.blocks)
    levels = [(blk.level, ast.plain_text(blk.content)) for blk in doc.blocks if isinstance(blk, ast.Heading)]
    assert levels[1:] == [(2, "审计项目完成情况"), (2, "审计整改情况"), (2, "下一步工作")]
    assert not any(d.rule in ("structure.article-title-line", "structure.numbering-gap") for d in log)


def test_a_caption_the_source_marks_is_no_article_title() -> None:
    # no label in the text, but Word's Caption style (passed through as a class) says what it is;
    # the numbering restarts after it, which alone would make a new article at the restart marker
    caption = b.para("2023年审计发现问题整改情况", attr=ast.Attr(classes=(CAPTION_CLASS,)))
    log = DiagnosticLog()
    split_articles(b.document(*map(b.para, REPORT), caption, *map(b.para, ["一、下一步工作", CLOSING[1]])),
                   Options(), log)
    assert not any(d.rule == "structure.article-title-line" for d in log)


def test_a_title_like_line_inside_one_numbering_sequence_starts_no_article() -> None:
    log = DiagnosticLog()
    doc = _stages(b.document(*map(b.para, [*REPORT, "全县审计整改工作推进情况", *CLOSING])), log)
    assert not any(isinstance(blk, ast.Div) for blk in doc.blocks)
    kept = [d for d in log if d.rule == "structure.article-title-line"]
    assert len(kept) == 1
    assert kept[0].action is Action.KEPT
    assert "二、 → 三、" in kept[0].message
    assert not any(d.rule == "structure.numbering-gap" for d in log)


def test_a_second_report_after_a_closing_sentence_still_starts_an_article() -> None:
    # lookalike: a real report title whose numbering starts again
    second = ["图书馆2023年阅读推广工作总结", "全年举办阅读推广活动120场，服务读者3.6万人次，阅读氛围日益浓厚。",
              "一、主要做法", "打造全民阅读品牌活动。", "二、存在不足", "基层服务点覆盖面仍然不够。"]
    log = DiagnosticLog()
    doc = _stages(b.document(*map(b.para, [*REPORT, *second])), log)
    assert sum(isinstance(blk, ast.Div) for blk in doc.blocks) == 2
    assert any(d.rule == "structure.article-title-line" and d.action is Action.DETECTED for d in log)


@pytest.mark.parametrize(("text", "caption"), [
    ("表1　主要经济指标完成情况", True), ("表2 全县审计整改情况", True), ("图 3-1 各月收入走势", True),
    ("附表3 项目清单", True), ("续表1", True), ("表一：人员构成情况", True), ("图表2 年度对比", True),
    ("１表", False), ("表彰大会筹备工作情况", False), ("图书馆2023年工作总结", False), ("表2023年", False),
    ("图一览", False), ("表态发言材料", False), ("图书流通量2023年增长情况", False),
])
def test_caption_labels(text: str, caption: bool) -> None:
    assert caption_text(text) is caption


# --- the title's subtitle under short head lines ------------------------------------------------------

SPEECH_TITLE = "在全县安全生产工作会议上的讲话"
SUBTITLE = "——县人民政府副县长　王某某"
BODY = ["同志们：今天召开全县安全生产工作会议，主要任务是总结去年工作，部署今年任务。", "一、充分肯定成绩",
        "去年全县安全生产形势总体平稳。", "二、认清严峻形势", "当前安全生产仍处于爬坡过坎期。"]


@pytest.mark.parametrize("head", [["（2024年1月18日）"], ["2024年1月18日", "来源：县应急管理局"], []])
def test_a_dash_line_in_the_titles_head_is_its_subtitle(head: list[str]) -> None:
    log = DiagnosticLog()
    doc = structure(b.document(*map(b.para, [SPEECH_TITLE, *head, SUBTITLE, *BODY])), Options(), log)
    subtitle = doc.blocks[1 + len(head)]
    assert isinstance(subtitle, ast.Para)
    assert "subtitle" in subtitle.attr.classes
    assert ast.plain_text(subtitle.content) == SUBTITLE
    assert ("subtitle", "县人民政府副县长　王某某") in doc.meta.extra
    levels = [blk.level for blk in doc.blocks if isinstance(blk, ast.Heading)]
    assert levels == [1, 2, 2]
    assert not any(isinstance(blk, ast.List) for blk in doc.blocks)
    assert structure(doc, Options(), DiagnosticLog()) == doc


def test_dash_items_in_the_head_stay_a_list() -> None:
    # lookalike: two dash lines are a list, not a subtitle
    doc = structure(b.document(*map(b.para, [SPEECH_TITLE, "（2024年1月18日）", "——压实企业主体责任",
                                             "——强化重点行业监管", *BODY])), Options(), DiagnosticLog())
    assert not any(isinstance(blk, ast.Para) and "subtitle" in blk.attr.classes for blk in doc.blocks)


def test_a_dash_line_after_body_text_is_no_subtitle() -> None:
    # lookalike: a sentence stands between the title and the dash line, so the head has ended
    doc = structure(b.document(*map(b.para, [SPEECH_TITLE, BODY[0], SUBTITLE, *BODY[1:]])), Options(),
                    DiagnosticLog())
    assert not any(isinstance(blk, ast.Para) and "subtitle" in blk.attr.classes for blk in doc.blocks)
    assert not any(k == "subtitle" for k, _ in doc.meta.extra)


def test_an_articles_dash_line_under_its_title_is_its_subtitle() -> None:
    first = ["全县安全生产工作会议讲话汇编", "篇一：在全县安全生产工作会议上的讲话", "（2024年1月18日）", SUBTITLE,
             *BODY]
    second = ["篇二：在全县防汛工作会议上的讲话", "同志们：汛期将至，防汛形势严峻。", "一、提高思想认识",
              "防汛工作事关群众生命财产安全。"]
    doc = structure(split_articles(b.document(*map(b.para, [*first, *second])), Options(), DiagnosticLog()),
                    Options(), DiagnosticLog())
    articles = [blk for blk in doc.blocks if isinstance(blk, ast.Div)]
    assert len(articles) == 2
    marked = [blk for blk in articles[0].blocks if isinstance(blk, ast.Para) and "subtitle" in blk.attr.classes]
    assert [ast.plain_text(p.content) for p in marked] == [SUBTITLE]
    assert not any(isinstance(blk, ast.List) for blk in articles[0].blocks)



@pytest.mark.parametrize("style", ["Caption", None])
def test_words_caption_style_reaches_structure_as_a_caption(style: str | None) -> None:
    # Word names its built-in Caption style `caption` whatever the UI language: a caption without a
    # `表1` label still names a table, so it is no article title; the same line in body style is one.
    from tests.test_reader_docx import build, read  # noqa: PLC0415 - the DOCX builders live there

    def fill(d: object) -> None:
        for line in REPORT:
            d.add_paragraph(line)  # type: ignore[attr-defined]
        d.add_paragraph("2023年审计发现问题整改情况", style=style)  # type: ignore[attr-defined]
        for line in ["一、下一步工作", CLOSING[1]]:
            d.add_paragraph(line)  # type: ignore[attr-defined]

    doc, _ = read(build(fill))
    line = next(p for p in doc.blocks
                if isinstance(p, ast.Para) and ast.plain_text(p.content) == "2023年审计发现问题整改情况")
    assert (CAPTION_CLASS in line.attr.classes) is (style is not None)
    log = DiagnosticLog()
    split_articles(doc, Options(), log)
    assert any(d.rule == "structure.article-title-line" for d in log) is (style is None)
