"""Multi-article pages: boundaries, article titles, duplicate and near-duplicate articles."""

from __future__ import annotations

from dataclasses import replace

import pytest

import docconv
from docconv import ast
from docconv import builder as b
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options
from docconv.pipeline import transform
from docconv.structure.articles import (
    drop_duplicate_articles,
    is_article,
    split_articles,
    split_documents,
)
from tests.support import SEEDS_DIR

BODY_A = ("今年以来,我们围绕年度目标,扎实推进各项重点工作,取得了较好成效。",
          "全年共组织专题培训六次,参训人员达到三百余人次,干部业务能力明显提升。")
BODY_B = ("本季度,中心坚持问题导向,集中整治了群众反映强烈的窗口服务问题。",
          "通过推行一次性告知和限时办结制度,群众办事等待时间缩短了一半。")


def paras(*lines: str) -> ast.Document:
    return b.document(*(b.para(ln) for ln in lines))


def articles(doc: ast.Document) -> list[ast.Div]:
    return [blk for blk in doc.blocks if isinstance(blk, ast.Div) and is_article(blk)]


def first_text(div: ast.Div) -> str:
    first = div.blocks[0]
    assert isinstance(first, ast.Para | ast.Heading)
    return ast.plain_text(first.content)


def test_article_markers_split_the_page() -> None:
    doc = paras("社区工作总结3篇", "篇一:社区工作总结", *BODY_A, "篇二:社区服务工作汇报", *BODY_B,
                "第三篇", "一、加强领导", BODY_A[0])
    out = split_articles(doc, Options(), DiagnosticLog())
    assert [first_text(a) for a in articles(out)] == ["篇一:社区工作总结", "篇二:社区服务工作汇报", "第三篇"]
    assert isinstance(out.blocks[0], ast.Para)  # the page title stays outside the articles


def test_fanwen_suffix_titles() -> None:
    doc = paras("年度总结范文", "年度工作总结范文1", *BODY_A, "年度工作总结范文2", *BODY_B)
    out = split_articles(doc, Options(), DiagnosticLog())
    assert [first_text(a) for a in articles(out)] == ["年度工作总结范文1", "年度工作总结范文2"]


def test_numbering_restart_after_a_closing_paragraph_starts_an_article() -> None:
    doc = paras("一、甲项工作", BODY_A[0], "二、乙项工作", BODY_A[1], "总之,我们将继续努力。",
                "一、丙项工作", BODY_B[0], "二、丁项工作", BODY_B[1])
    log = DiagnosticLog()
    out = split_articles(doc, Options(), log)
    assert [first_text(a) for a in articles(out)] == ["一、甲项工作", "一、丙项工作"]
    assert any(d.rule == "structure.article-restart" for d in log)


def test_restart_after_a_lead_in_is_a_list_not_an_article() -> None:
    doc = paras("一、甲项工作", BODY_A[0], "二、乙项工作", BODY_A[1], "下一步,我们将抓好以下工作:",
                "一、抓学习。每月集中学习一次。", "二、抓落实。每季度督查一次。")
    assert articles(split_articles(doc, Options(), DiagnosticLog())) == []


def test_report_title_line_between_reports() -> None:
    doc = paras("一、甲项工作", BODY_A[0], "二、乙项工作", "今后我们将再接再厉。",
                "2012年窗口服务工作总结", *BODY_B)
    out = split_articles(doc, Options(), DiagnosticLog())
    assert [first_text(a) for a in articles(out)] == ["一、甲项工作", "2012年窗口服务工作总结"]


def test_single_report_is_left_alone() -> None:
    doc = paras("年度工作总结", "一、甲项工作", *BODY_A, "二、乙项工作", *BODY_B)
    assert split_articles(doc, Options(), DiagnosticLog()) is doc


def test_word_for_word_duplicate_article_is_dropped_and_near_copy_reported() -> None:
    spun = tuple(s.replace("扎实推进", "踏实推动").replace("取得了较好成效", "获得了不错效果")
                 .replace("明显提升", "显著提高").replace("组织", "举办") for s in BODY_A)
    doc = paras("合集", "篇一:甲单位总结", *BODY_A, "篇二:乙单位汇报", *BODY_B, "篇三:甲单位总结",
                *BODY_A, "篇四:丙单位总结", *spun)
    log = DiagnosticLog()
    split = split_articles(doc, Options(), log)
    out = drop_duplicate_articles(split, Options(), log)
    assert [first_text(a) for a in articles(out)] == ["篇一:甲单位总结", "篇二:乙单位汇报", "篇四:丙单位总结"]
    removed = [d for d in log if d.rule == "structure.duplicate-article"]
    assert [d.text for d in removed] == ["篇三:甲单位总结"]
    near = [d for d in log if d.rule == "structure.near-duplicate-article"]
    assert [d.text for d in near] == ["篇四:丙单位总结"]
    dropped = drop_duplicate_articles(split, Options(drop_near_duplicates=True), DiagnosticLog())
    assert [first_text(a) for a in articles(dropped)] == ["篇一:甲单位总结", "篇二:乙单位汇报"]


def test_article_titles_become_level_two_and_sections_move_down() -> None:
    doc = paras("工作总结2篇", "篇一:甲单位总结", "一、加强领导", *BODY_A, "篇二:乙单位汇报", "一、优化服务", *BODY_B)
    out = transform(doc, Options(), DiagnosticLog())
    assert out.meta.title == "工作总结2篇"
    heads = [(h.level, ast.plain_text(h.content)) for a in articles(out) for h in a.blocks
             if isinstance(h, ast.Heading)]
    assert heads == [(2, "甲单位总结"), (3, "加强领导"), (2, "乙单位汇报"), (3, "优化服务")]


def test_idempotent() -> None:
    doc = paras("合集", "篇一:甲", *BODY_A, "篇二:乙", *BODY_B)
    once = transform(doc, Options(), DiagnosticLog())
    assert transform(once, Options(), DiagnosticLog()) == once


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="seed reports not found")
def test_seed_000_duplicate_and_spun_articles() -> None:
    log = DiagnosticLog()
    doc = docconv.read(SEEDS_DIR / "000_5ba318f4a5201050.txt")
    out = transform(doc, Options(), log)
    titles = [(h.marker.raw if h.marker else "") + ast.plain_text(h.content) for a in articles(out)
              for h in a.blocks if isinstance(h, ast.Heading)]
    assert "2012年控烟工作总结" in titles
    assert "篇一:2012年控烟工作总结" not in titles  # the word-for-word copy went
    assert "篇三:2012年控烟工作总结" in titles  # the spun copy is only reported
    assert sum(1 for d in log if d.rule == "structure.duplicate-article") == 1
    assert any(d.rule == "structure.near-duplicate-article" and (d.text or "").startswith("篇三") for d in log)


def test_split_documents_one_per_article_with_titles_and_page_meta() -> None:
    doc = paras("工作总结2篇", "本页收录两篇总结。", "篇一:甲单位总结", "一、加强领导", *BODY_A,
                "篇二:乙单位汇报", "一、优化服务", *BODY_B)
    doc = replace(doc, meta=ast.Meta(source="example.org", encoding="gb18030"))
    structured = transform(doc, Options(), DiagnosticLog())
    parts = split_documents(structured)
    assert [p.meta.title for p in parts] == ["甲单位总结", "乙单位汇报"]
    assert all(p.meta.source == "example.org" and p.meta.encoding == "gb18030" for p in parts)
    assert dict(parts[1].meta.extra) == {"article": "2", "articles": "2", "page-title": "工作总结2篇"}
    first = parts[0]
    heads = [(h.level, ast.plain_text(h.content)) for h in first.blocks if isinstance(h, ast.Heading)]
    assert heads == [(1, "甲单位总结"), (2, "加强领导")]  # the title is level 1, 一、 is level 2 again
    # The page head (not its title) goes with the first article, right after its title.
    assert ast.plain_text(first.blocks[1].content) == "本页收录两篇总结。"  # type: ignore[union-attr]


def test_split_documents_without_articles_returns_the_document() -> None:
    doc = transform(paras("年度工作总结", "一、甲项工作", *BODY_A), Options(), DiagnosticLog())
    assert split_documents(doc) == [doc]


def test_untitled_article_keeps_the_page_title() -> None:
    doc = paras("一、甲项工作", BODY_A[0], "二、乙项工作", BODY_A[1], "总之,我们将继续努力。",
                "一、丙项工作", BODY_B[0], "二、丁项工作", BODY_B[1])
    doc = replace(doc, meta=ast.Meta(title="合集"))
    parts = split_documents(transform(doc, Options(), DiagnosticLog()))
    assert [p.meta.title for p in parts] == ["合集", "合集"]
    assert [dict(p.meta.extra)["article"] for p in parts] == ["1", "2"]


def test_greeting_opens_a_new_article_even_after_a_short_lead_in() -> None:
    doc = paras("一、甲项工作", BODY_A[0], "二、乙项工作", BODY_A[1], "今后我们将继续努力。",
                "(2020年5月6日)", "尊敬的各位领导:", "现将工作情况汇报如下:", "一、基本情况", BODY_B[0],
                "二、主要做法", BODY_B[1])
    out = split_articles(doc, Options(), DiagnosticLog())
    assert [first_text(a) for a in articles(out)] == ["一、甲项工作", "(2020年5月6日)"]


def test_repeated_first_number_of_a_lower_scheme_starts_an_article() -> None:
    doc = paras("一、甲项工作", BODY_A[0], "(一)细项。" + BODY_A[1], "(一)另一单位的细项。" + BODY_B[0],
                "(二)又一细项。" + BODY_B[1])
    log = DiagnosticLog()
    out = split_articles(doc, Options(), log)
    assert [first_text(a)[:5] for a in articles(out)] == ["一、甲项工", "(一)另一"]


def test_collection_title_and_site_suffix_on_an_article_title() -> None:
    doc = paras("精选总结(共2篇)", "篇一:甲单位总结-工作总结工作总结", *BODY_A, "乙单位年度汇报_某某范文网",
                "篇二:乙单位汇报", *BODY_B)
    log = DiagnosticLog()
    out = transform(doc, Options(clean=False), log)
    titles = [ast.plain_text(h.content) for a in articles(out) for h in a.blocks
              if isinstance(h, ast.Heading) and h.level == 2]
    assert titles == ["甲单位总结", "乙单位汇报"]
    removed = [d.text for d in log if d.rule == "structure.title-suffix"]
    assert removed == ["-工作总结工作总结"]


@pytest.mark.parametrize("higher", ["第{}章\u3000", "第{}部分 ", "第{}节"])
def test_lower_scheme_restarting_under_the_next_chapter_is_a_new_section(higher: str) -> None:
    doc = paras(higher.format("一") + "基本情况", BODY_A[0], "(一)甲项", BODY_A[1], "(二)乙项", BODY_B[0],
                higher.format("二") + "主要做法", "(一)丙项。" + BODY_B[1], "(二)丁项。" + BODY_A[0])
    log = DiagnosticLog()
    assert split_articles(doc, Options(), log) == doc
    assert not any(d.rule == "structure.article-restart" for d in log)


def test_appended_article_title_sits_at_the_article_level() -> None:
    appended = ast.Div(blocks=(b.para("乙单位年度工作计划"), b.para(BODY_B[0]), b.para("一、优化服务"),
                               b.para(BODY_B[1])),
                       attr=ast.Attr(classes=("article",), kv=(("origin", "appended"),)))
    doc = b.document(b.para("甲单位年度工作总结"), b.para("一、加强领导"), b.para(BODY_A[0]), appended)
    out = transform(doc, Options(), DiagnosticLog())
    (div,) = articles(out)
    heads = [(h.level, ast.plain_text(h.content)) for h in div.blocks if isinstance(h, ast.Heading)]
    # As in any titled article of a page: the title at level 2, its sections one level lower.
    assert heads == [(2, "乙单位年度工作计划"), (3, "优化服务")]
    assert div.attr.kv == (("origin", "appended"),)
    # Split, the page's own report is a document of its own, not a head glued under the appended title.
    parts = split_documents(out)
    assert [p.meta.title for p in parts] == ["甲单位年度工作总结", "乙单位年度工作计划"]
    main_heads = [(h.level, ast.plain_text(h.content)) for h in parts[0].blocks if isinstance(h, ast.Heading)]
    assert main_heads == [(1, "甲单位年度工作总结"), (2, "加强领导")]
    assert BODY_B[0] not in [ast.plain_text(p.content) for p in parts[0].blocks if isinstance(p, ast.Para)]


def test_split_keeps_a_group_title_before_its_article_title() -> None:
    doc = paras("工作总结2篇", "篇一:甲单位总结", *BODY_A, "乙单位年度总结", "篇二:乙单位汇报", *BODY_B)
    parts = split_documents(transform(doc, Options(), DiagnosticLog()))
    second = [(type(blk).__name__, ast.plain_text(blk.content)) for blk in parts[1].blocks
              if isinstance(blk, ast.Para | ast.Heading)]
    assert second[:2] == [("Para", "乙单位年度总结"), ("Heading", "乙单位汇报")]  # source order kept
    assert parts[1].meta.title == "乙单位汇报"


@pytest.mark.parametrize("line", ["工作体会", "基本情况", "心得体会"])
def test_a_bare_genre_word_after_sections_heads_a_section_not_a_report(line: str) -> None:
    # "工作体会" names a genre but no subject: it heads the report's last part.
    doc = split_articles(paras("年度工作总结", "一、抓好学习", *BODY_A, "二、改进作风", *BODY_B, line, *BODY_A),
                         Options(), DiagnosticLog())
    assert articles(doc) == []


def test_a_report_title_after_sections_still_starts_a_report() -> None:
    doc = split_articles(paras("年度工作总结", "一、抓好学习", *BODY_A, "二、改进作风", *BODY_B,
                               "街道二〇二三年度工作总结", *BODY_A), Options(), DiagnosticLog())
    assert [first_text(d) for d in articles(doc)] == ["一、抓好学习", "街道二〇二三年度工作总结"]


# ------------------------------------------------------------------------------- copies of the whole text

REPORT = ("某某街道2024年社区服务工作计划", "为提升社区服务水平，结合街道年度重点任务，现制定本计划。",
          "一、完善服务阵地", "新建社区服务站两处，改造老旧活动室三间，年底前全部投入使用。",
          "二、壮大志愿队伍", "全年招募社区志愿者一百二十名，开展志愿服务活动不少于四十场。")


def _texts(doc: ast.Document) -> list[str]:
    out: list[str] = []
    for blk in doc.blocks:
        inner = blk.blocks if isinstance(blk, ast.Div) else (blk,)
        out.extend(ast.plain_text(x.content) for x in inner if isinstance(x, ast.Para | ast.Heading))
    return out


@pytest.mark.parametrize("between", [(), ("（转下页）",)])
def test_a_page_printed_twice_keeps_one_copy_whatever_it_opens_with(between: tuple[str, ...]) -> None:
    # The report opens with an introduction, so the first copy's title and introduction would stand
    # before its first section: the copy is still found, as exact, and the text survives once.
    log = DiagnosticLog()
    out = split_articles(paras(*REPORT, *between, *REPORT), Options(), log)
    assert _texts(out) == [*between, *REPORT]
    assert not articles(out)
    assert [d.rule for d in log if d.action is Action.REMOVED] == ["structure.duplicate-article"]
    kept = [d.text for d in log if d.rule == "structure.duplicate-article" and d.action is Action.KEPT]
    assert kept == list(between)  # a line no rule names, between the copies, stays and is reported


def test_a_page_printed_twice_reads_as_one_report() -> None:
    log = DiagnosticLog()
    out = transform(paras(*REPORT, "（本文共2页，当前第1页）", *REPORT), Options(), log)
    assert out.meta.title == REPORT[0]
    heads = [(h.level, ast.plain_text(h.content)) for h in out.blocks if isinstance(h, ast.Heading)]
    assert heads == [(1, REPORT[0]), (2, "完善服务阵地"), (2, "壮大志愿队伍")]
    assert not [d for d in log if d.rule == "structure.near-duplicate-article"]


def test_a_preview_before_the_full_text_goes() -> None:
    preview = REPORT[:4]
    doc = paras(*preview, "（免费预览部分到此结束）", *REPORT)
    log = DiagnosticLog()
    out = split_articles(doc, Options(), log)
    assert _texts(out) == ["（免费预览部分到此结束）", *REPORT]
    assert not articles(out)
    assert transform(out, Options(), DiagnosticLog()) == transform(out, Options(), DiagnosticLog())


def test_copy_removal_is_idempotent() -> None:
    once = split_articles(paras(*REPORT, *REPORT), Options(), DiagnosticLog())
    log = DiagnosticLog()
    assert split_articles(once, Options(), log) == once
    assert not [d for d in log if d.action is Action.REMOVED]


@pytest.mark.parametrize("lines", [
    # a short signature block repeated (two forms signed alike) is no copy of a text
    ("一、基本情况", BODY_A[0], "经办人：张某", "日期：2024年3月1日", "二、审核意见", BODY_B[0],
     "经办人：张某", "日期：2024年3月1日"),
    # the same heading over different text
    ("一、基本情况", BODY_A[0], "一、基本情况", BODY_B[0]),
    # a run repeated further down, not right after itself
    (*REPORT[2:6], "三、加强宣传", BODY_A[0], BODY_A[1], BODY_B[0], *REPORT[2:6]),
])
def test_repeats_that_are_no_copy_of_the_text_stay(lines: tuple[str, ...]) -> None:
    log = DiagnosticLog()
    out = split_articles(paras(*lines), Options(), log)
    assert _texts(out) == list(lines)
    assert not [d for d in log if d.action is Action.REMOVED]


def test_an_article_found_word_for_word_earlier_on_the_page_is_dropped() -> None:
    # The first copy's title and introduction stand outside the first article; the second article is
    # compared with everything printed before it, so it is found as the copy it is.
    first = ast.Div(blocks=tuple(b.para(s) for s in REPORT[2:]), attr=ast.Attr(classes=("article",)))
    second = ast.Div(blocks=tuple(b.para(s) for s in REPORT), attr=ast.Attr(classes=("article",)))
    doc = ast.Document(blocks=(b.para(REPORT[0]), b.para(REPORT[1]), first, second))
    log = DiagnosticLog()
    out = drop_duplicate_articles(doc, Options(), log)
    assert out.blocks == doc.blocks[:3]
    assert [d.rule for d in log if d.action is Action.REMOVED] == ["structure.duplicate-article"]
    # a later article that only shares a sentence with the page is kept
    other = ast.Div(blocks=(b.para("乙单位工作总结"), b.para(REPORT[3]), *(b.para(s) for s in BODY_B)),
                    attr=ast.Attr(classes=("article",)))
    kept = drop_duplicate_articles(replace(doc, blocks=(*doc.blocks[:3], other)), Options(), DiagnosticLog())
    assert kept.blocks[-1] == other
