"""The HTML reader: block mapping, whitespace, format noise, regions, metadata, errors, and whole pages
through the pipeline and the CLI."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from docconv import ast
from docconv.ast import plain_text
from docconv.cli import main
from docconv.diagnostics import DiagnosticLog, Severity
from docconv.errors import ParseError
from docconv.options import Options
from docconv.pipeline import convert_bytes
from docconv.readers.html import read_html
from docconv.walk import iter_nodes
from tests.support import FIXTURES, seed_params

HTML = FIXTURES / "html"
RAW = Options(clean=False, structure=False)


def read(src: str) -> tuple[ast.Document, DiagnosticLog]:
    log = DiagnosticLog()
    return read_html(src, Options(), log), log


def texts(doc: ast.Document) -> list[str]:
    """Plain text of every paragraph and heading, document order, nested ones included."""
    return [plain_text(n.content) for n in iter_nodes(doc) if isinstance(n, ast.Para | ast.Heading)]


def rules(log: DiagnosticLog) -> list[str]:
    return [d.rule for d in log]


def region(block: ast.Block) -> str | None:
    return dict(block.attr.kv).get("html-region")


def markdown(path: Path, **options: object) -> str:
    result = convert_bytes(path.read_bytes(), to="markdown", path=str(path),
                           options=Options.from_kwargs(**options))
    assert isinstance(result.output, str)
    return result.output


def in_order(haystack: str, needles: list[str]) -> bool:
    at = 0
    for n in needles:
        at = haystack.find(n, at)
        if at < 0:
            return False
        at += len(n)
    return True


# ------------------------------------------------------------------------------------------- blocks


def test_headings_paragraphs_and_inlines() -> None:
    doc, _ = read("<h1>年度总结</h1><h3>（一）基本情况</h3><p>正文<strong>重点</strong><em>强调</em>"
                  "<a href='/x' title='t'>链接</a><img src='a.png' alt='图一'>H<sub>2</sub>O</p><hr>")
    h1, h3, p, hr = doc.blocks
    assert h1 == ast.Heading(level=1, content=(ast.Text(text="年度总结"),), pos=h1.pos)
    assert isinstance(h3, ast.Heading)
    assert h3.level == 3
    assert h3.marker is None
    assert plain_text(h3.content) == "（一）基本情况"  # numbering stays text for the structure stage
    assert isinstance(p, ast.Para)
    assert [type(n).__name__ for n in p.content] == ["Text", "Strong", "Emph", "Link", "Image", "Text"]
    link, image = p.content[3], p.content[4]
    assert isinstance(link, ast.Link)
    assert (link.target, link.title) == ("/x", "t")
    assert isinstance(image, ast.Image)
    assert (image.src, plain_text(image.alt)) == ("a.png", "图一")
    assert plain_text(p.content).endswith("H2O")
    assert isinstance(hr, ast.HorizontalRule)


def test_lists_nest_and_keep_their_start_and_type() -> None:
    doc, _ = read("<ol start='3' type='a'><li>甲<ul><li>乙</li></ul></li><li>丙</li></ol>")
    (lst,) = doc.blocks
    assert isinstance(lst, ast.List)
    assert (lst.ordered, lst.start, lst.scheme) == (True, 3, ast.Scheme.LATIN_LOWER)
    first = lst.items[0]
    assert isinstance(first.blocks[1], ast.List)
    assert texts(doc) == ["甲", "乙", "丙"]


def test_data_table_with_head_caption_and_spans() -> None:
    doc, _ = read("<table><caption>表1</caption><thead><tr><th>项目</th><th>金额</th></tr></thead>"
                  "<tr><td colspan='2'>合计</td></tr><tr><td rowspan=3>甲</td><td>5</td></tr></table>")
    (table,) = doc.blocks
    assert isinstance(table, ast.Table)
    assert plain_text(table.caption) == "表1"
    assert len(table.head) == 1
    assert len(table.rows) == 2
    assert table.rows[0].cells[0].colspan == 2
    assert table.rows[1].cells[0].rowspan == 3


def test_first_row_of_th_is_the_head() -> None:
    doc, _ = read("<table><tr><th>名称</th><th>数量</th></tr><tr><td>甲</td><td>1</td></tr></table>")
    (table,) = doc.blocks
    assert isinstance(table, ast.Table)
    assert len(table.head) == 1
    assert len(table.rows) == 1


@pytest.mark.parametrize(("html", "reason"), [
    ("<table><tr><td><p>甲段。</p><p>乙段。</p></td></tr></table>", "single cell"),
    ("<table><tr><td>第一行</td></tr><tr><td>第二行</td></tr></table>", "single column"),
    ("<table><tr><td>侧栏</td><td><h1>标题</h1><p>正文。</p></td></tr></table>", "headings or tables"),
])
def test_layout_tables_are_unwrapped(html: str, reason: str) -> None:
    doc, log = read(html)
    assert not any(isinstance(n, ast.Table) for n in iter_nodes(doc))
    assert len(texts(doc)) >= 2
    assert any(d.rule == "read.html.layout-table" and reason in d.message for d in log)


def test_blockquote_pre_code_and_pre_prose() -> None:
    doc, log = read("<blockquote><p>引文。</p></blockquote><pre>\nx = 1\n  y = 2\n</pre>"
                    "<pre>　　这是一段放在预排版里的中文报告文字。\n　　这是第二段报告文字。</pre>")
    quote, code, *prose = doc.blocks
    assert isinstance(quote, ast.BlockQuote)
    assert code == ast.CodeBlock(text="x = 1\n  y = 2", pos=code.pos)
    assert [plain_text(p.content) for p in prose if isinstance(p, ast.Para)] == [
        "这是一段放在预排版里的中文报告文字。", "这是第二段报告文字。"]
    assert "read.html.pre-prose" in rules(log)


def test_nested_divs_neither_lose_nor_duplicate_text() -> None:
    doc, _ = read("<div>开头<div><div>内层一</div>中间<p>段落</p></div>结尾<span>续</span></div>")
    assert texts(doc) == ["开头", "内层一", "中间", "段落", "结尾续"]


def test_formatting_across_a_block_boundary_continues() -> None:
    doc, _ = read("<b>粗体开始<div>块内</div>粗体结束</b>")
    assert [type(p.content[0]).__name__ for p in doc.blocks if isinstance(p, ast.Para)] == ["Strong"] * 3


# ---------------------------------------------------------------------------------------- <br> lines


def test_single_br_lines_are_paragraphs() -> None:
    doc, log = read("<div>&nbsp;&nbsp;第一段。<br>&nbsp;&nbsp;一、第二行标题<br>　　第三段。</div>")
    assert texts(doc) == ["第一段。", "一、第二行标题", "第三段。"]
    assert "read.html.br-lines" in rules(log)


def test_hard_wrapped_br_lines_are_joined() -> None:
    line1 = "设备运行时发现主轴温度偏高，经停机检查后确认是润滑"
    line2 = "油路堵塞导致供油不足，清理油路并更换滤芯后温度恢复"
    doc, log = read(f"<p>{line1}<br>{line2}<br>正常。</p>")
    (para,) = doc.blocks
    assert isinstance(para, ast.Para)
    assert plain_text(para.content) == f"{line1}\n{line2}\n正常。"
    assert sum(isinstance(n, ast.SoftBreak) for n in para.content) == 2
    assert any("hard-wrapped" in d.message for d in log)


def test_a_line_holding_only_an_image_before_a_break_is_read() -> None:
    # A photo or QR code, a <br>, then its caption: the line before the break has no text at all.
    long = "这一行很长并且没有结束标点所以看起来像是被硬换行切开的句子前半"
    doc, _ = read(f'<p><img src="qr.png"><br>长按识别二维码</p><p>{long}<br><img src="a.png"><br>图注</p>')
    # Each image stays a paragraph of its own: a line with no text is no wrapped line to join.
    assert [[type(n).__name__ for n in b.content] for b in doc.blocks if isinstance(b, ast.Para)] == [
        ["Image"], ["Text"], ["Text"], ["Image"], ["Text"]]
    assert texts(doc) == ["", "长按识别二维码", long, "", "图注"]


def test_double_br_always_splits_even_in_wrapped_text() -> None:
    long = "这一行很长并且没有结束标点所以看起来像是被硬换行切开的句子前半"
    doc, _ = read(f"<p>{long}<br>后半句。<br><br>{long}<br>又一个后半。</p>")
    assert len(doc.blocks) == 2


# ---------------------------------------------------------------------------------------- whitespace


def test_source_newline_between_cjk_is_no_space() -> None:
    doc, _ = read("<p>我们社区在街道\n  党工委的<b>领导</b>\n下，认真\r\n开展工作。</p>")
    assert texts(doc) == ["我们社区在街道党工委的领导下，认真开展工作。"]


def test_source_newline_next_to_latin_is_a_space() -> None:
    doc, _ = read("<p>Annual\nreport 共\n12 页</p>")
    assert texts(doc) == ["Annual report 共 12 页"]


def test_spaces_collapse_and_indents_are_layout() -> None:
    doc, _ = read("<p>&nbsp;&nbsp;&emsp;　　正文  有   空格，姓名：张　三。　</p>")
    assert texts(doc) == ["正文 有 空格，姓名：张　三。"]


# ------------------------------------------------------------------------------------------- noise


@pytest.mark.parametrize(("html", "rule"), [
    ("<script>var a='脚本';</script>", "read.html.script"),
    ("<style>.x{color:red}</style>", "read.html.script"),
    ("<noscript>请开启脚本</noscript>", "read.html.script"),
    ("<template><p>模板</p></template>", "read.html.script"),
    ("<iframe>框架</iframe>", "read.html.embed"),
    ("<svg><text>图形</text></svg>", "read.html.embed"),
    ("<canvas>画布</canvas>", "read.html.embed"),
    ("<form><input value='关键词'><button>搜索</button><select><option>选项</option></select>"
     "<textarea>留言</textarea></form>", "read.html.form"),
    ("<!-- 注释 -->", "read.html.comment"),
    ("<nav><a href='/'>首页导航</a></nav>", "read.html.nav"),
    ("<div role='navigation'>栏目导航</div>", "read.html.nav"),
    ("<ruby>總<rt>zǒng</rt></ruby>", "read.html.ruby"),
])
def test_format_noise_is_removed_and_reported(html: str, rule: str) -> None:
    doc, log = read(f"<body><p>正文前。</p>{html}<p>正文后。</p></body>")
    assert [t for t in texts(doc) if t != "總"] == ["正文前。", "正文后。"]
    assert rule in rules(log)


@pytest.mark.parametrize("hidden", [
    "<span hidden>某网</span>",
    "<span style='display: none !important'>某网</span>",
    "<span style='VISIBILITY:hidden'>某网</span>",
    "<font style='font-size:0px'>某网</font>",
    "<span style='font-size:0'>某网</span>",
    "<span class='hidden'>某网</span>",
    "<span class='x7q'>某网</span>",
    "<span id='w1'>某网</span>",
])
def test_hidden_decoys_are_removed(hidden: str) -> None:
    doc, log = read("<style>.x7q, div#w1 {display:none} #w1{display:none}</style>"
                    f"<p>我们认真{hidden}开展了工作。</p>")
    assert texts(doc) == ["我们认真开展了工作。"]
    assert "read.html.hidden" in rules(log)


def test_small_but_visible_text_is_kept() -> None:
    doc, _ = read("<p>正文<span style='font-size:0.8em'>小字</span><span class='hidden-xs'>宽屏</span></p>")
    assert texts(doc) == ["正文小字宽屏"]


def test_a_long_hidden_block_of_sentences_is_kept_with_a_warning() -> None:
    rest = "下半年，我们继续推进各项工作，完成了年度目标任务。" * 6
    doc, log = read(f"<p>上半年工作完成较好。</p><div style='display:none'><p>{rest}</p></div>")
    assert texts(doc) == ["上半年工作完成较好。", rest]
    (kept,) = [d for d in log if d.rule == "read.html.hidden-kept"]
    assert kept.severity is Severity.WARNING


def test_no_replacement_characters_from_nul_or_bad_references() -> None:
    doc, log = read("<p>甲\x00乙&#0;丙&#xD800;丁&#1114112;戊&#150;</p>")
    assert texts(doc) == ["甲乙丙丁戊–"]
    assert {"read.html.nul", "read.html.bad-reference"} <= set(rules(log))


# ------------------------------------------------------------------------------------------ regions


def test_regions_are_recorded_for_the_residue_cleaner() -> None:
    doc, _ = read("""<body>
        <header><h1>站点名</h1></header>
        <div class="breadcrumb">首页 &gt; 总结</div>
        <main><article><header><h1>报告标题</h1></header><p>正文。</p>
          <div class="share-box">分享到</div></article></main>
        <div id="sideBar"><p>热门文章</p></div>
        <div class="xgwz"><ul><li>相关一</li></ul></div>
        <aside><p>侧栏</p></aside>
        <div class="footerWrap"><p>版权所有</p></div>
        <div class="article-footer"><p>文末</p></div>
        </body>""")
    got = [(plain_text(b.content) if isinstance(b, ast.Para | ast.Heading) else type(b).__name__, region(b))
           for b in doc.blocks]
    assert got == [
        ("站点名", "header"), ("首页 > 总结", "breadcrumb"), ("报告标题", "main"), ("正文。", "main"),
        ("分享到", "share"), ("热门文章", "sidebar"), ("List", "related"), ("侧栏", "aside"),
        ("版权所有", "footer"), ("文末", None),
    ]


# -------------------------------------------------------------------------------------------- meta


@pytest.mark.parametrize(("written", "date"), [
    ("2023-07-14 09:30", "2023-07-14T09:30:00"),            # a CMS's PubDate: read as sites print dates
    ("2023年7月14日", "2023-07-14"),
    ("2024-01-06T09:12:33+08:00", "2024-01-06T09:12:33+08:00"),  # already ISO 8601: its zone is kept
    ("近日", "近日"),                                          # no date at all: kept as found
])
def test_meta_date_is_iso_where_it_can_be(written: str, date: str) -> None:
    doc, _ = read(f'<html><head><meta name="PubDate" content="{written}"></head><body><p>正文。</p></body></html>')
    assert doc.meta.date == date


def test_meta_from_head() -> None:
    doc, _ = read("""<html lang="zh-CN"><head><title> 年度总结_某某网 </title>
        <meta property="og:title" content="年度总结"><meta name="keywords" content="总结,年度">
        <meta name="description" content="摘要"><meta name="author" content="办公室">
        <meta property="article:published_time" content="2024-01-05">
        <meta property="og:url" content="https://b.example/2"><link rel="canonical" href="https://a.example/1">
        </head><body><p>正文。</p></body></html>""")
    m = doc.meta
    assert (m.title, m.author, m.date, m.source) == ("年度总结_某某网", "办公室", "2024-01-05",
                                                      "https://a.example/1")
    assert dict(m.extra) == {"keywords": "总结,年度", "description": "摘要", "og:title": "年度总结",
                             "lang": "zh-CN"}


def test_og_url_is_the_source_without_canonical_and_word_titles_are_junk() -> None:
    doc, log = read("<title>Microsoft Word - 报告.doc</title><meta property='og:url' content='https://c.example'>"
                    "<p>正文。</p>")
    assert doc.meta.title is None
    assert doc.meta.source == "https://c.example"
    assert "read.html.title-junk" in rules(log)


# ---------------------------------------------------------------------------------- odd and broken


def test_unclosed_tags_lose_nothing() -> None:
    doc, _ = read("<div><p>一段<p>二段<b>粗<p>三段</b>尾<div>块<ul><li>项一<li>项二</ul>散</span>字<td>格")
    assert "".join(texts(doc)) == "一段二段粗三段尾块项一项二散字格"


def test_unclosed_title_is_closed_and_the_body_read() -> None:
    doc, log = read("<html><head><title>月度总结\n<body><p>第一段。</p><p>第二段。</p>")
    assert doc.meta.title == "月度总结"
    assert texts(doc) == ["第一段。", "第二段。"]
    assert "read.html.unclosed-title" in rules(log)


def test_text_after_the_end_of_the_page_is_kept() -> None:
    doc, log = read("<html><body><p>正文。</p></body></html>\n<p>页尾追加。</p>")
    assert texts(doc) == ["正文。", "页尾追加。"]
    assert "read.html.after-end" in rules(log)


@pytest.mark.parametrize("src", ["", "  \n", "<!-- 只有注释 -->", "<frameset><frame src='a.html'></frameset>"])
def test_pages_without_body_text_are_empty_documents(src: str) -> None:
    doc, log = read(src)
    assert doc.blocks == ()
    assert "read.html.empty" in rules(log)


def test_deep_nesting_is_read_without_recursion_errors() -> None:
    depth = 1500
    doc, log = read("<div>" * depth + "深处的文字" + "</div>" * depth + "<p>之后。</p>"
                    + "<ul><li>" * 60 + "深列表" + "</li></ul>" * 60)
    assert texts(doc) == ["深处的文字", "之后。", "深列表"]
    assert "read.html.flattened" in rules(log)


def test_nesting_beyond_the_parser_limit_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="gave up"):
        read("<div>" * 3000 + "x")


def test_unpaired_surrogates_are_a_parse_error() -> None:
    with pytest.raises(ParseError, match="surrogate"):
        read("<p>\ud800</p>")


def test_reading_is_deterministic_and_positions_are_source_lines() -> None:
    src = "<html>\n<body>\n<h1>标题</h1>\n<p>第一段。</p>\n\n<p>第二段。</p>\n</body></html>"
    first, _ = read(src)
    again, _ = read(src)
    assert first == again
    assert [b.pos.line if b.pos else None for b in first.blocks] == [3, 4, 6]


# --------------------------------------------------------------------------------- fixtures and pipeline


def test_scraped_gbk_page_through_the_pipeline() -> None:
    page = HTML / "scraped-page.html"
    data = page.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the fixture really is GBK bytes
    result = convert_bytes(data, to="markdown", options=Options())  # no path, no encoding: all sniffed
    out = result.output
    assert isinstance(out, str)
    assert result.document.meta.encoding_method == "declared"
    assert in_order(out, [
        "2023年街道社区卫生服务中心工作总结\n",
        "2023年，本中心在区卫健局和街道党工委的正确领导下，坚持以居民健康为中心，扎实推进基本公共卫生服务"
        "和家庭医生签约工作，各项任务完成情况良好。",
        "## 一、强化组织保障，夯实工作基础",
        "研究解决存在的困难和问题。",
        "### （一）完善考核制度",
        "### （二）加强队伍建设",
        "## 二、突出工作重点，提升服务质量",
        "体检率72.3%。",
        "## 三、存在的不足",
        "城南街道社区卫生服务中心\n\n2023年12月26日",
    ])
    for gone in ("请输入关键词", "搜索", "首页 |", "当前位置", "发布时间", "Copyright", "ICP备", "show_ad",
                 "_hmt", "haowen.example", "r8k2", "正文结束"):
        assert gone not in out, gone
    assert "好文范文网" not in out  # the logo went with the header region; the hidden decoys are gone
    assert result.document.meta.date == "2023-12-28T10:12:00"
    assert result.document.meta.source == "https://www.haowen.example/zongjie/88231.html"


def test_scraped_page_furniture_regions_are_gone_after_the_pipeline() -> None:
    out = markdown(HTML / "scraped-page.html")
    assert out.startswith("# 2023年街道社区卫生服务中心工作总结\n")
    for gone in ("分享到", "乡镇卫生院工作总结", "个人述职报告范文"):
        assert gone not in out


def test_site_suffix_leaves_the_title_after_the_pipeline() -> None:
    result = convert_bytes((HTML / "title-suffix.html").read_bytes(), to="markdown", options=Options())
    assert result.document.meta.title == "2024年上半年机关党支部工作总结"
    assert isinstance(result.output, str)
    assert result.output.startswith("# 2024年上半年机关党支部工作总结\n")


def test_word_export_page() -> None:
    result = convert_bytes((HTML / "word-export.html").read_bytes(), to="markdown", options=Options())
    out = result.output
    assert isinstance(out, str)
    assert result.document.meta.title == "2024年度个人述职报告"  # the Word file name in <title> is not
    assert "## 一、加强学习，提高履职能力" in out
    assert "全年撰写学习笔记3万余字，参加业务培训5次。" in out
    assert "隐藏批注文字" not in out
    assert "mso" not in out
    assert "| 公文处理 | 1260件 |" in out


def test_br_page_headings_come_out_at_their_levels() -> None:
    out = markdown(HTML / "br-lines.html")
    assert in_order(out, ["# 2024年第一季度安全生产工作汇报", "## 一、开展隐患排查治理", "## 二、抓好教育培训",
                          "## 三、下一步工作打算"])
    assert "润滑油路堵塞" in out


def test_cli_reads_html(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(HTML / "nested-divs.html"), "-t", "markdown"], stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    assert in_order(out.getvalue(), ["# 乡村振兴驻村工作总结", "开头这段文字", "[链接文字](https://example.org/doc/1)",
                                     "> 引用的第一段。", "```\ndef count(xs):"])


def test_malformed_fixture_loses_nothing() -> None:
    doc, _ = read((HTML / "malformed.html").read_text(encoding="utf-8"))
    assert doc.meta.title == "残缺标签测试：项目部月度总结"
    assert texts(doc) == ["第一段没有结束标签", "第二段有加粗没有关闭", "第三段仍然在加粗里面，这里关闭了。",
                          "没有关闭的div", "没有tr的单元格", "第二格", "正常行一", "正常行二", "列表项一", "列表项二",
                          "散落文字多余的结束标签之后的文字。", "最后一段斜体", "文档结束后的文字。"]


@pytest.mark.parametrize("name", ["nested-divs.html", "tables-lists.html", "br-lines.html"])
def test_fixture_text_survives_reading_in_order(name: str) -> None:
    """Every text run the page shows is in the reader's output, in the page's order."""
    src = (HTML / name).read_text(encoding="utf-8")
    doc, _ = read(src)
    got = "".join(n.text for n in iter_nodes(doc) if isinstance(n, ast.Text | ast.Code | ast.CodeBlock))
    got = "".join(got.split())
    body = etree.fromstring(src.encode(), etree.HTMLParser(encoding="utf-8")).find("body")
    assert body is not None
    for el in body.iter("script", "style"):
        el.getparent().remove(el)  # type: ignore[union-attr]  # body's descendants have parents
    expected = "".join("".join(t for t in body.itertext() if isinstance(t, str)).split())
    assert in_order(got, [c for c in expected if c not in "\u3000"])


def test_reader_output_is_stable_under_the_pipeline_twice() -> None:
    first = convert_bytes((HTML / "br-lines.html").read_bytes(), to="markdown", options=Options())
    again = convert_bytes((HTML / "br-lines.html").read_bytes(), to="markdown", options=Options())
    assert first.output == again.output


# ------------------------------------------------------------------------------------- seeds, property


@pytest.mark.parametrize("seed", seed_params())
def test_seed_lines_as_paragraphs_read_back_exactly(seed: Path) -> None:
    """Real report text wrapped one line per <p> (or per <br>) reads back line for line."""
    lines = [ln.strip(" \t\u3000") for ln in seed.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln]
    esc = [ln.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for ln in lines]
    as_p, _ = read("<html><body>" + "\n".join(f"<p>　　{ln}</p>" for ln in esc) + "</body></html>")
    as_br, _ = read("<div>" + "<br>\n".join(f"&nbsp;&nbsp;{ln}" for ln in esc) + "</div>")
    expected = [" ".join(ln.split()) for ln in lines]
    assert texts(as_p) == expected
    assert "".join(texts(as_br)).replace("\n", "") == "".join(expected)


_WORDS = st.text(alphabet="工作总结报告我们年月日社区abcXYZ，。", min_size=1, max_size=12)
_BLOCK = st.tuples(st.sampled_from(["p", "div", "h2", "li", "blockquote", "td", "span"]),
                   st.lists(_WORDS, min_size=1, max_size=4),
                   st.sampled_from(["", "b", "em", "a"]))


@settings(max_examples=60, deadline=None)
@given(st.lists(_BLOCK, min_size=1, max_size=8))
def test_every_visible_character_reaches_the_markdown_in_order(blocks: list[tuple[str, list[str], str]]) -> None:
    parts: list[str] = []
    visible: list[str] = []
    for tag, words, inline in blocks:
        inner = "\n".join(f"<{inline}>{w}</{inline}>" if inline and inline != "a" else
                          (f"<a href='/x'>{w}</a>" if inline == "a" else w) for w in words)
        wrapped = {"li": f"<ul><li>{inner}</li></ul>", "td": f"<table><tr><td>{inner}</td><td>格</td></tr></table>"}
        parts.append(wrapped.get(tag, f"<{tag}>{inner}</{tag}>"))
        visible.extend(words)
        if tag == "td":
            visible.append("格")
    page = "<html><body>" + "<br>\n".join(parts) + "</body></html>"
    result = convert_bytes(page.encode(), to="markdown", format="html", options=RAW)
    assert isinstance(result.output, str)
    assert "\ufffd" not in result.output
    out = "".join(result.output.split())
    assert in_order(out, [c for c in "".join(visible) if not c.isspace()])
