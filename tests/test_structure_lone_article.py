"""A page left holding one article once its copies are dropped is that article: its title is the
document's, its sections sit at their ordinary levels."""

from __future__ import annotations

from docconv import ast
from docconv import builder as b
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.structure.articles import ARTICLE_CLASS, drop_duplicate_articles
from docconv.structure.headings import structure
from docconv.walk import query

ARTICLE = (b.para("某某中学2023年德育工作总结"), b.para("本学年，学校坚持立德树人，德育工作扎实推进。"),
           b.para("一、主题教育"), b.para("开展主题班会每月一次。"), b.para("二、家校共育"), b.para("召开家长会两次。"))


def _article(*blocks: ast.Block) -> ast.Div:
    return ast.Div(blocks=blocks, attr=ast.Attr(classes=(ARTICLE_CLASS,)))


def _levels(doc: ast.Document) -> list[tuple[int, str]]:
    return [(h.level, ast.plain_text(h.content)) for h in
            query(doc, lambda n: n if isinstance(n, ast.Heading) else None)]


def _stages(doc: ast.Document, log: DiagnosticLog) -> ast.Document:
    return structure(drop_duplicate_articles(doc, Options(), log), Options(), log)


def test_an_article_left_alone_by_its_dropped_copy_is_the_document() -> None:
    log = DiagnosticLog()
    doc = _stages(b.document(_article(*ARTICLE), _article(*ARTICLE)), log)
    assert _levels(doc) == [(1, "某某中学2023年德育工作总结"), (2, "主题教育"), (2, "家校共育")]
    assert doc.meta.title == "某某中学2023年德育工作总结"
    assert [d.rule for d in log if d.rule.startswith("structure.") and "article" in d.rule] == [
        "structure.duplicate-article", "structure.lone-article"]
    assert _stages(doc, DiagnosticLog()) == doc


def test_two_different_articles_keep_their_article_levels() -> None:
    # lookalike: nothing is dropped, so the page holds two articles and each title sits under the page's
    other = (b.para("某某中学2023年教学工作总结"), b.para("本学年教学质量稳步提升，课堂效率明显提高。"),
             b.para("一、课堂教学"), b.para("推门听课二百节。"))
    log = DiagnosticLog()
    levels = _levels(_stages(b.document(_article(*other), _article(*ARTICLE)), log))
    assert (2, "某某中学2023年德育工作总结") in levels
    assert (3, "主题教育") in levels
    assert not any(d.rule == "structure.lone-article" for d in log)


def test_an_article_beside_other_text_keeps_its_article_levels() -> None:
    # lookalike: the page's own report stands before the article, so the article is one of two
    page = (b.para("某某中学2023年教学工作总结"), b.para("本学年教学质量稳步提升。"), b.para("一、课堂教学"),
            b.para("推门听课二百节。"))
    log = DiagnosticLog()
    levels = _levels(_stages(b.document(*page, _article(*ARTICLE)), log))
    assert levels[0] == (1, "某某中学2023年教学工作总结")
    assert (2, "某某中学2023年德育工作总结") in levels
    assert (3, "主题教育") in levels
    assert not any(d.rule == "structure.lone-article" for d in log)
