"""Multi-article pages: boundaries, article titles, duplicate and near-duplicate articles."""

from __future__ import annotations

import pytest

import docconv
from docconv import ast
from docconv import builder as b
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.pipeline import transform
from docconv.structure.articles import drop_duplicate_articles, is_article, split_articles
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
