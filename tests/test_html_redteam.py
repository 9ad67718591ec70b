"""HTML red team: pages of our own in the shapes real report sites use (table layouts, GBK, WeChat,
Word, Discuz, responsive copies, anti-copy text), with strings that must survive and must be gone, and
one positive and one negative test per general fix found on them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from docconv import ast
from docconv import builder as b
from docconv.ast import REGION_KEY, Attr, plain_text
from docconv.clean.regions import remove_region_furniture
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options
from docconv.pipeline import convert_bytes
from docconv.readers.html import PAGE_ATTR, read_html
from docconv.walk import iter_nodes
from tests.support import FIXTURES

REDTEAM = FIXTURES / "html" / "redteam"
BODY = "本季度各项工作稳步推进，重点任务均已按计划完成，群众满意度进一步提高。"


def markdown(path: Path) -> str:
    result = convert_bytes(path.read_bytes(), to="markdown", path=str(path), options=Options())
    assert isinstance(result.output, str)
    return result.output


def read(src: str) -> tuple[ast.Document, DiagnosticLog]:
    log = DiagnosticLog()
    return read_html(src, Options(clean=False, structure=False), log), log


def texts(doc: ast.Document) -> list[str]:
    return [plain_text(n.content) for n in iter_nodes(doc) if isinstance(n, ast.Para | ast.Heading)]


# page → (must keep, must be gone)
PAGES: dict[str, tuple[list[str], list[str]]] = {
    "01-table-layout.html": (["# 镇农技站2019年上半年工作小结", "## 一、抓好春播生产指导", "亩均节本增效约45元",
                              "二○一九年七月一日"],
                             ["<table>", "网站首页", "农业总结", "栏目导航", "上一篇", "粤ICP备"]),
    "02-gbk-div-paras.html": (["# 社区2022年度安全生产工作总结", "## 三、加强宣传教育", "XX社区居委会"],
                              ["设为首页", "街道安全生产工作总结", "个人年终总结", "Copyright"]),
    "03-br-nbsp-pages.html": (["# 2021年幼儿园大班下学期班务工作计划", "做好记录。"],
                              ["logo.png", "下一页", "共3页"]),
    "04-ad-split-comments.html": (["## 二、护理人员培训", "明年将重点加以改进。"],
                                  ["ad.example.com", "VIP", "网友评论", "感谢分享"]),
    "05-wechat.html": (["**3600吨**", "## 二、技能比武促提升", " *2023-04-10 18:30*"],
                       ["<em>", "微信扫一扫"]),
    "07-discuz.html": (["# 分享一篇村委会换届选举工作总结", "## 三、几点体会", "参选率为92.4%"],
                       ["<table>", "乡镇论坛", "Discuz", "Archiver", "论坛]("]),
    "08-logo-h1.html": (["# 2022年度个人思想工作总结", "## 三、努力方向"], ["专业的公文写作服务平台", "公文站"]),
    "09-sidebar-first.html": (["# 街道办事处2023年垃圾分类工作总结", "推动工作落实。"],
                              ["城市管理资料网", "城管执法工作总结", "热门标签", "环境卫生"]),
    # The `entry-meta` line (date · category) is the post's byline: it goes, its date to the metadata.
    "10-article-main.html": (["# 税务所2023年纳税服务工作总结", "应享尽享。"],
                             ["近期文章", "相关推荐", "上一篇", "[工作总结](/cat/zj)"]),
    "11-no-landmarks.html": (["# 水利站防汛工作总结", "组建抢险队伍6支共180人。"], ["关于我们](/gy/)", "上一篇"]),
    "12-seal-table-nbsp.html": (["| 到位资金（亿元） | 18 | 19.2 | 106.7% |", "seal_2023.png", "（联系人"], []),
    "13-ol-cjk.html": (["- 一、加强思想建设", "- 二、加强组织建设", "- 三、推进服务型党组织建设", "  1. 坚持",
                        "- i. 按时收缴党费。"], []),
    "14-noscript-lazy.html": (["![民警走访群众](/img/p1.jpg)", "全年未发生重大案事件。", "同比下降28.5%。"],
                              ["loading.gif", "JavaScript"]),
    "16-anticopy-white.html": (["紧紧围绕提升服务品质这一中心", "报修3260件", "摄像头64个", "苗木1500余株",
                                "白字红底的醒目提示", "\n\n今后，公司"],
                               ["fanwen", "范文站", "盗版必究"]),
    "17-comments-pagination.html": (["课后及时评课反思。"], ["下一页", "网友评论", "请问有没有完整版"]),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_keeps_the_report_and_drops_the_furniture(name: str) -> None:
    check_keep_gone(markdown(REDTEAM / name), *PAGES[name])


def check_keep_gone(out: str, keep: list[str], gone: list[str]) -> None:
    """Every `keep` string is in the output and no `gone` string is."""
    for s in keep:
        assert s in out, f"lost: {s!r}"
    for s in gone:
        assert s not in out, f"left: {s!r}"


def test_a_mobile_copy_of_the_article_is_read_once() -> None:
    out = markdown(REDTEAM / "15-mobile-desktop.html")
    assert out.count("以提升基层医疗服务能力为重点") == 1
    assert out.count("健康管理率达到71%") == 1
    assert out.startswith("# 乡镇卫生院2023年度工作总结")


def test_there_are_fifteen_pages() -> None:
    assert len(list(REDTEAM.glob("*.html"))) >= 15


# --------------------------------------------------------------------------- reader: one test per fix

def test_spaces_at_the_edge_of_a_link_go_outside_it() -> None:
    doc, _ = read('<p><a href="/">首页</a> | <a href="/a"> 工作总结 </a>|<b> 要点</b></p>')
    [para] = doc.blocks
    assert isinstance(para, ast.Para)
    links = [n for n in para.content if isinstance(n, ast.Link)]
    assert [plain_text(n.content) for n in links] == ["首页", "工作总结"]
    assert plain_text(para.content) == "首页 | 工作总结 | 要点"


def test_a_space_inside_a_link_between_words_stays() -> None:
    doc, _ = read('<p><a href="/a">work plan</a></p>')
    [para] = doc.blocks
    assert isinstance(para, ast.Para)
    assert plain_text(para.content[0].content) == "work plan"  # type: ignore[union-attr]  # a Link


LAYOUT = ("<table><tr><td><a href='/a'>栏目一</a><br><a href='/b'>栏目二</a></td><td>"
          + "".join(f"<p>{BODY}</p>" for _ in range(6)) + "</td></tr></table>")


def test_a_table_whose_one_cell_holds_the_text_is_layout() -> None:
    doc, log = read(LAYOUT)
    assert not any(isinstance(n, ast.Table) for n in iter_nodes(doc))
    assert texts(doc).count(BODY) == 6
    assert any(d.rule == "read.html.layout-table" for d in log)


def test_a_data_table_with_long_cells_stays_a_table() -> None:
    rows = "".join(f"<tr><td>措施{i}</td><td>{BODY}</td><td>{BODY}</td></tr>" for i in range(4))
    doc, _ = read(f"<table>{rows}</table>")
    [table] = [n for n in iter_nodes(doc) if isinstance(n, ast.Table)]
    assert len(table.rows) + len(table.head) == 4


def test_a_table_holding_a_table_is_layout_even_when_the_inner_one_is_unwrapped() -> None:
    doc, _ = read("<table><tr><td><table><tr><td>菜单</td></tr></table></td><td>正文一</td></tr>"
                  "<tr><td>甲</td><td>乙</td></tr></table>")
    assert not any(isinstance(n, ast.Table) for n in iter_nodes(doc))
    assert texts(doc) == ["菜单", "正文一", "甲", "乙"]


def test_lazy_images_use_the_real_address_and_plain_ones_keep_src() -> None:
    doc, _ = read('<p><img src="/loading.gif" data-original="/real.jpg"><img src="/plain.jpg"></p>')
    assert [n.src for n in iter_nodes(doc) if isinstance(n, ast.Image)] == ["/real.jpg", "/plain.jpg"]


def test_noscript_with_report_text_is_read_and_a_notice_is_not() -> None:
    text = "二、加强队伍建设，全年组织业务培训六次，参训人员达到三百余人次，考核合格率为百分之百。"
    doc, log = read(f"<noscript><p>请开启JavaScript后浏览。</p></noscript><p>{BODY}</p>"
                    f"<noscript><p>{text}</p></noscript>")
    assert texts(doc) == [BODY, text]
    assert [d.rule for d in log if d.action is Action.KEPT] == ["read.html.noscript-kept"]


def test_noscript_copy_of_shown_text_is_not_read_twice() -> None:
    long = BODY * 2
    doc, _ = read(f"<p>{long}</p><noscript><p>{long}</p></noscript>")
    assert texts(doc) == [long]


def test_ordered_list_numbering_from_type_and_css() -> None:
    doc, _ = read("<style>.cn{list-style-type:cjk-ideographic}</style>"
                  '<ol type="一"><li>甲</li><li>乙</li></ol><ol class="cn" start="3"><li>丙</li></ol>'
                  '<ol style="list-style: upper-roman inside"><li>丁</li></ol><ol><li>戊</li></ol>')
    lists = [n for n in doc.blocks if isinstance(n, ast.List)]
    assert [lst.scheme for lst in lists] == [ast.Scheme.CN, ast.Scheme.CN, ast.Scheme.ROMAN_UPPER,
                                             ast.Scheme.ARABIC]
    markers = [[it.marker.raw if it.marker else None for it in lst.items] for lst in lists]
    assert markers == [["一、", "二、"], ["三、"], ["I. "], [None]]


PC_MOBILE = ("<style>.m{display:none}@media (max-width:600px){.pc{display:none}.m{display:block}}</style>"
             f"<div class='pc'><p>{BODY}</p><p>{BODY * 2}</p></div>"
             f"<div class='m'><p>{BODY}</p><p>{BODY * 2}</p></div>")


def test_a_hidden_copy_of_the_article_goes_and_a_media_query_does_not_hide_the_desktop_one() -> None:
    doc, log = read(PC_MOBILE)
    assert texts(doc) == [BODY, BODY * 2]
    assert any(d.rule == "read.html.hidden" and "copy" in d.message for d in log)


def test_a_long_hidden_block_of_its_own_text_is_still_kept() -> None:
    other = "下一步，我们将继续加强队伍建设，完善工作机制，推动各项工作再上新台阶，确保年度目标全面完成。" * 3
    doc, log = read(f"<p>{BODY}</p><div style='display:none'><p>{other}</p></div>")
    assert texts(doc) == [BODY, other]
    assert any(d.rule == "read.html.hidden-kept" for d in log)


def test_a_phone_only_copy_goes_but_phone_only_text_of_its_own_stays() -> None:
    doc, _ = read(f"<p>{BODY}</p><div class='visible-xs'><p>{BODY}</p></div>"
                  "<div class='visible-xs'><p>手机用户请横屏阅读表格内容。</p></div>")
    assert texts(doc) == [BODY, "手机用户请横屏阅读表格内容。"]


def test_white_text_on_a_white_page_is_removed() -> None:
    doc, log = read("<style>.w{color:#FFF}</style><p>全年<span style='color:#ffffff'>某某网</span>完成"
                    "<font color='white'>xx.com</font>任务<span class='w'>原创</span>十项。</p>")
    assert texts(doc) == ["全年完成任务十项。"]
    assert sum(d.rule == "read.html.hidden" for d in log) == 3


def test_white_text_on_a_coloured_background_or_a_dark_page_stays() -> None:
    doc, _ = read("<div style='background:#c00'><p style='color:#fff'>醒目提示。</p></div>")
    assert texts(doc) == ["醒目提示。"]
    doc, _ = read("<style>body{background:#222}</style><p style='color:#fff'>深色页面的正文。</p>")
    assert texts(doc) == ["深色页面的正文。"]


# --------------------------------------------------------------------------- regions: one test per fix


def at(block: ast.Block, region: str) -> ast.Block:
    return ast.Para(content=block.content, attr=Attr(kv=((REGION_KEY, region),))) \
        if isinstance(block, ast.Para) else block


def link_item(label: str, target: str, tail: str = "") -> ast.ListItem:
    content: tuple[ast.Inline, ...] = (ast.Link(content=(b.text(label),), target=target),)
    return ast.ListItem(blocks=(ast.Para(content=content + ((b.text(tail),) if tail else ())),))


def link_list(*labels: str) -> ast.List:
    return ast.List(items=tuple(link_item(label, f"/{i}", " 12-19") for i, label in enumerate(labels)),
                    ordered=False)


def body_texts(doc: ast.Document) -> list[str]:
    return texts(doc) + [plain_text(p.content) for n in doc.blocks if isinstance(n, ast.List)
                         for it in n.items for p in it.blocks if isinstance(p, ast.Para)]


def web_page(*blocks: ast.Block) -> ast.Document:
    """A document as the HTML reader gives it: marked as a web page."""
    return replace(b.document(*blocks), attr=PAGE_ATTR)


def test_a_sidebar_before_the_article_goes_even_without_class_names() -> None:
    doc = web_page(b.heading(3, "最新文章"), link_list("城管工作总结", "环卫工作总结"),
                     b.heading(2, "街道工作总结"), b.para(BODY), b.heading(3, "相关文章"),
                     link_list("社区工作总结", "物业工作总结"))
    log = DiagnosticLog()
    out = remove_region_furniture(doc, Options(), log)
    assert body_texts(out) == ["街道工作总结", BODY]
    assert {d.rule for d in log if d.action is Action.REMOVED} == {"furniture.html-links"}


def test_a_report_list_and_a_table_of_contents_stay() -> None:
    toc = ast.List(items=(link_item("一、概况", "#s1"), link_item("二、措施", "#s2")), ordered=False)
    items = ast.List(items=(b.item("完成道路硬化12公里。"), b.item("新建公厕3座。")), ordered=False)
    doc = web_page(toc, b.heading(1, "年度工作总结"), b.para(BODY), items, b.para("某某镇人民政府"))
    assert remove_region_furniture(doc, Options(), DiagnosticLog()) == doc


def test_a_pager_line_around_the_content_goes_and_one_inside_stays() -> None:
    doc = web_page(b.para(BODY), b.para("上一页 1 2 3 下一页"), b.para(BODY), b.para("共3页 当前第2页"),
                     b.para("第一页 上一页 1 2 3 下一页 尾页"))
    out = remove_region_furniture(doc, Options(), DiagnosticLog())
    assert texts(out) == [BODY, "上一页 1 2 3 下一页", BODY]


def test_a_line_with_page_words_in_a_sentence_is_not_a_pager() -> None:
    doc = web_page(b.para(BODY), b.para("详见第3页"))
    assert remove_region_furniture(doc, Options(), DiagnosticLog()) == doc


def test_links_after_the_content_of_a_word_file_stay() -> None:
    # Outside a web page a list of links after the text is the report's references, not navigation.
    doc = b.document(b.heading(2, "街道工作总结"), b.para(BODY), b.heading(3, "相关链接"),
                     link_list("社区工作总结", "物业工作总结"))
    assert remove_region_furniture(doc, Options(), DiagnosticLog()) == doc
    assert remove_region_furniture(replace(doc, attr=PAGE_ATTR), Options(), DiagnosticLog()) != doc


def test_an_ad_banner_inside_the_article_goes_but_ad_prose_and_sidebars_stay() -> None:
    banner = ast.Para(content=(ast.Image(alt=(b.text("领取会员"),), src="/ad.jpg"),),
                      attr=Attr(kv=((REGION_KEY, "ad"),)))
    prose = at(b.para("本单位全年组织各类培训活动二十余次，覆盖干部职工六百余人次。"), "ad")
    side = at(b.para("相关阅读"), "sidebar")
    doc = b.document(b.para(BODY), banner, prose, side, b.para(BODY))
    log = DiagnosticLog()
    out = remove_region_furniture(doc, Options(), log)
    assert out.blocks == (doc.blocks[0], prose, side, doc.blocks[4])


def test_the_page_title_in_a_header_region_stays_and_the_logo_goes() -> None:
    doc = replace_title(b.document(at(b.para("某某公文站"), "header"), at(b.para("年度党建工作总结"), "header"),
                                   b.para(BODY)), "年度党建工作总结_党建总结_某某公文站")
    out = remove_region_furniture(doc, Options(), DiagnosticLog())
    assert texts(out) == ["年度党建工作总结", BODY]


def replace_title(doc: ast.Document, title: str) -> ast.Document:
    return replace(doc, meta=replace(doc.meta, title=title))


def test_a_logo_heading_does_not_anchor_the_content() -> None:
    logo = ast.Heading(level=1, content=(ast.Link(content=(ast.Image(alt=(), src="/logo.png"),), target="/"),))
    doc = b.document(logo, at(b.para("分享到：微博"), "share"), b.heading(1, "年度工作总结"), b.para(BODY))
    out = remove_region_furniture(doc, Options(), DiagnosticLog())
    assert out.blocks == (logo, *doc.blocks[2:])


def test_new_rules_are_idempotent() -> None:
    doc = b.document(b.heading(3, "最新文章"), link_list("城管工作总结", "环卫工作总结"), b.heading(2, "总结"),
                     b.para(BODY), b.para("上一页 1 2 下一页"))
    once = remove_region_furniture(doc, Options(), DiagnosticLog())
    assert remove_region_furniture(once, Options(), DiagnosticLog()) == once
