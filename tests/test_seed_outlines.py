"""Seed outlines: each seed report's title, article boundaries, heading prefixes and levels.

The expected outlines were written by reading the seeds (../shared/seeds): `|` opens an article `Div`,
and each other token is a heading's level followed by the first characters of its text (marker
included). Only short prefixes are kept here; the seeds themselves are never copied into the repository.
The tests skip when the seeds are not beside the repository.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

import docconv
from docconv import ast
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.pipeline import TRANSFORMS, transform
from docconv.structure.articles import is_article, split_documents
from docconv.walk import iter_nodes
from tests.support import SEEDS, seed_params

# What the seeds show, by seed:
#   000: page title; 范文1/范文2 articles; appended articles after the reading tail, each titled by the
#        last title line before its body; 篇一 (a word-for-word copy) dropped; 篇二 and 篇三 kept; a
#        gap 三、→五、 filled by the 四、 glued to the end of a paragraph.
#   001: `(共7篇)` page: seven articles (two titled, four numbering restarts, one (一) repeat); the
#        third and sixth open with their introduction paragraph (one ends "…如下:", one announces
#        "以下…方案。"), not at their first 一、.
#   002: 第一篇/第二篇; inline headings; the second 一、… run under a lead-in is a list (no headings).
#   003: one report; 1、 items under 二、 and 四、 are headings at level 4 in both places.
#   004: no title; eight untitled articles: restarts of 一、; a report starting at (一) after the first
#        report's problems section had listed its points; a report whose sections are 一是… lines; a
#        report whose introduction ("为深入贯彻…") stands before its 一、.
#        The 一是… report opens with a news sentence ("会上,…") before its opening paragraph; it shares
#        the report's vocabulary, not the one before, and moves with it.
SEED_OUTLINES: dict[str, tuple[str | None, str]] = {
    "000": ("2016年机", (
        "12016年 | 22016机 51、加强领 52、强化培 53、加大宣 54、多措并 "
        "55、强化督 | 22016机 3一、大力开 3二、宣传内 3三、抓好无 | "
        "22013年 3一、工作目 3二、健全组 3三、加大控 3四、工作措 4(一)营造控 "
        "4(二)落实控 4(三)做好控 3五、时间节 | 2局控烟工作 3一、领导重 "
        "3二、出台控 3三、加大宣 3四、领导带 3五、控烟宣 | 22012年 3一、领导重 "
        "3二、出台控 3三、加大宣 3四、领导带 3五、控烟宣 | 2篇二:201 | "
        "2篇三:201 3一、领导重 3二、出台控 3三、加大宣 3四、领导带 3五、控烟宣 | "
        "22016年 3一、我局党 4(一)机关基 4(二)党员思 4(三)党员队 52、建立党 "
        "54、做好党 4(四)制度建 51、成立党 52、健全工 53、制定工 3二、机关党 "
        "4(一)领导班 51、坚持党 52、坚持重 53、坚持民 54、坚持述 55、认真贯 "
        "3三、存在的 4(一)思想认 4(二)活动开"
    )),
    "001": ("2024—2", (
        "12024— | 22009- 3一、加强组 3二、强化政 3三、推进效 3四、坚持以 "
        "3五、加大硬 3六、以载体 | 2“文明机关 3一、主要工 4(一)思想政 51、强化理 "
        "52、认真抓 53、重视做 4(二)党的组 51、高度重 | 2一、以人为 2二、内强素 "
        "41、着力打 42、着力建 2四、丰富载 41、充分发 42、加强综 | 2一、建设一 "
        "3(一)加强理 41、建立和 42、坚持集 3(二)加强组 41、实行分 42、严格民 "
        "43、完善民 3(三)加强廉 41、认真落 42、大力推 43、努力完 2二、打造一 "
        "3(一)业务上 3(二)要求上 3(三)效果上 3(四)文娱上 2三、强化一 "
        "2四、开展一 3(一)全面明 3(二)切实减 3(三)坚持送 3(四)严格把 "
        "2五、树立一 3(三)配套实 3(四)着力实 3(五)局机关 2六、争创一 | "
        "2一、基本情 2二、近几年 3(一)加强精 3(二)重管理 3(三)注重干 41、加强思 "
        "42、加强道 3(四)以活动 3(五)加强民 3(六)加强硬 3(七)加强社 | "
        "2一、指导思 2二、创建目 2三、创建活 3(一)宣传发 3(二)组织实 41、大力开 "
        "42、积极预 43、不断拓 3(三)检查验 2六、工作措 3(一)加强组 | "
        "3(一)做好文 41.明确文 42.把握基 43.细化文 44.注重教 3(二)做好重 "
        "41.突出主 42.加强教 43.树立先"
    )),
    "002": ("卫生局党支部", (
        "1卫生局党支 | 2第一篇 3一、围绕“ 3二、围绕“ 3三、围绕“ | 2第二篇 "
        "3一、抓工会 3二、抓好了 3三、加强对 3四、做好了 3五、其它活"
    )),
    "003": ("科技局創建文", (
        "1科技局創建 2一、加強領 2二、大力宣 41、扎實推 42、認真抓 43、切實加 "
        "2三、多種形 2四、戮力同 41、突出“ 42、以企業 43、以科創 2五、落實措 "
        "2六、培育亮 2七、學法用 41、積極推 42、聘請行 43、認真抓 44、完善制"
    )),
    "004": (None, (
        "| 2一、加强组 2二、认真落 3(一)青少年 3(二)青少年 3(三)深入开 "
        "3(四)加强对 2三、工作中 | 3(一)上下同 3(二)坚持发 3(三)开展“ "
        "3(四)深化课 3(五)构建和 3(六)整体联 | 2一、全方位 2二、加强了 "
        "2三、举办大 2四、接待中 2五、加强了 | | 2一、召开全 2二、围绕中 2三、开展“ "
        "2四、认真实 3(一)提高了 3(二)切实保 3(三)积极做 2五、加强了 | "
        "2一、上半年 3(一)医院管 3(二)全面实 3(三)以医院 3(四)加强以 "
        "3(五)以学校 3(六)加强人 3(七)以农村 2二、存在的 | 2一、深入学 "
        "2二、认真开 41、加大公 42、强化监 43、以公开 | 2一、进一步 2二、认真履 "
        "41、进一步 42、严格执 2三、加强档 41、加大档 42、规范档 43、积极提 "
        "2四、进一步 2五、继续推"
    )),
}


# The first characters (marker included) of each article's first block: where each article begins.
SEED_OPENINGS: dict[str, tuple[str, ...]] = {
    "000": ("2016机关", "2016机关", "机关控烟", "局控烟工", "2012年控", "篇二:20", "篇三:20", "2016年机"),
    "001": ("2009-20", "“文明机关", "xxxx局于", "一、建设一", "(2011年", "为进一步动", "(一)做好文"),
    "002": ("第一篇", "第二篇"),
    "003": (),
    "004": ("一、加强组", "(一)上下同", "一、全方位", "会上,县直", "为深入贯彻", "一、上半年",
            "一、深入学", "一、进一步"),
}


def outline(doc: ast.Document) -> list[str]:
    """`|` for each article Div, then `<level><marker><text>` for each heading, in order."""
    out: list[str] = []
    for block in doc.blocks:
        inner: tuple[ast.Block, ...] = (block,)
        if isinstance(block, ast.Div) and is_article(block):
            out.append("|")
            inner = block.blocks
        for b in inner:
            if isinstance(b, ast.Heading):
                out.append(f"{b.level}{b.marker.raw if b.marker else ''}{ast.plain_text(b.content)}")
    return out


def matches(actual: list[str], expected: str) -> bool:
    tokens = expected.split()
    return len(tokens) == len(actual) and all(a.startswith(t) for a, t in zip(actual, tokens, strict=True))


def words(doc: ast.Document) -> str:
    """The document's letters and digits in order (marker punctuation and widths set aside)."""
    parts: list[str] = []
    for n in iter_nodes(doc):
        if isinstance(n, ast.Heading | ast.ListItem) and n.marker is not None:
            parts.append(n.marker.raw)
        elif isinstance(n, ast.Text):
            parts.append(n.text)
    return re.sub(r"\W+", "", unicodedata.normalize("NFKC", "".join(parts)))


@pytest.mark.parametrize("seed", seed_params())
def test_seed_outline(seed: Path) -> None:
    doc = docconv.clean(docconv.read(seed))
    title, expected = SEED_OUTLINES[seed.name[:3]]
    got = outline(doc)
    assert matches(got, expected), "\n".join(got)
    assert (doc.meta.title is None) if title is None else (doc.meta.title or "").startswith(title)


@pytest.mark.parametrize("seed", seed_params())
def test_structure_keeps_all_text_in_order(seed: Path) -> None:
    # Everything the structure stages receive comes out in order; only the word-for-word duplicate
    # article (a decision reported on its own) may go, so that stage is left out here.
    before_structure = tuple(t for t in TRANSFORMS if t.name not in
                             ("articles", "duplicate-articles", "structure"))
    no_dedup = tuple(t for t in TRANSFORMS if t.name != "duplicate-articles")
    doc = docconv.read(seed)
    before = transform(doc, Options(), DiagnosticLog(), before_structure)
    after = transform(doc, Options(), DiagnosticLog(), no_dedup)
    assert words(after) == words(before)


@pytest.mark.parametrize("seed", seed_params())
def test_seed_split_documents(seed: Path) -> None:
    doc = docconv.clean(docconv.read(seed))
    parts = split_documents(doc)
    n_articles = sum(1 for b in doc.blocks if is_article(b))
    body = tuple(b for b in doc.blocks if not (isinstance(b, ast.Heading) and b.level == 1))
    # A page whose first article was appended by the site keeps its own report as one more document.
    first = next((b for b in doc.blocks if is_article(b)), None)
    own_report = (first is not None and ("origin", "appended") in first.attr.kv
                  and not is_article(body[0]))
    assert len(parts) == max(1, n_articles + own_report)
    if n_articles:
        # Nothing lost: the page head moves into the first article's document (after its title), and
        # group-title lines stay before their article's title.
        split_text = [words(p) for p in parts]
        assert sorted("".join(split_text)) == sorted(words(ast.Document(blocks=body)))
        for part in parts:
            first = part.blocks[0]
            if isinstance(first, ast.Heading) and first.level == 1:
                own = ast.plain_text(first.content) or (first.marker.raw if first.marker else "")
                assert part.meta.title == own
        assert all(p.meta.encoding == doc.meta.encoding for p in parts)


@pytest.mark.parametrize("seed", seed_params())
def test_seed_article_openings(seed: Path) -> None:
    doc = docconv.clean(docconv.read(seed))
    got = []
    for block in doc.blocks:
        if isinstance(block, ast.Div) and is_article(block):
            first = block.blocks[0]
            assert isinstance(first, ast.Para | ast.Heading)
            marker = first.marker.raw if isinstance(first, ast.Heading) and first.marker else ""
            got.append(marker + ast.plain_text(first.content))
    expected = SEED_OPENINGS[seed.name[:3]]
    assert len(got) == len(expected), got
    assert all(g.startswith(e) for g, e in zip(got, expected, strict=True)), got


def test_seed_outlines_cover_every_seed() -> None:
    if not SEEDS:
        pytest.skip("seed reports not found")
    assert {p.name[:3] for p in SEEDS} == set(SEED_OUTLINES) == set(SEED_OPENINGS)
