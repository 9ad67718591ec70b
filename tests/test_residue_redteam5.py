"""Residue on pages of a fifth blind test: self-media and portal pages (a byline with the time glued to the
source, a link back to the platform, the platform's notice that it only stores what users upload, a
source note naming an account), font-size and share buttons, a document site's lone selling point and its
'related documents' list, a name, an address and a selling point on one line, an upload notice with an
address, a reprint note spliced between two sentences, and text copied from a social page (the poster's
name and bare post time, a fold button, emoji placeholders inside sentences).

Every case is our own wording in the blind test's shapes, with a lookalike a real report writes that
must stay.
"""

from __future__ import annotations

import pytest

from docconv.ast import Meta
from docconv.builder import para
from docconv.clean.rules.builtin import BUILTIN
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.structure.doctitle import document_title
from tests.test_residue_support import (
    BODY,
    BODY2,
    check_rule_case,
    clean_text,
    every_rule_on_a_megabyte_of,
    removed,
    text_of,
)

TITLE = "某街道2023年社区治理工作总结"


def rules_that_removed(log: DiagnosticLog) -> list[str]:
    return [d.rule for d in log if d.action is Action.REMOVED]


# ------------------------------------------------------------------ one rule, one residue line, one lookalike

CASES = [
    # a portal's byline: the time glued to the date, the source after bars or glued to the time
    ("furniture.dated-source", "head", "2024年03月02日09:15 | 来源：某某网－某某新闻网", "middle",
     "2024年03月02日，来源于各社区的意见建议共汇总86条。"),
    ("furniture.dated-source", "head", "2024-05-06 10:20来源: 某某观察", "head",
     "2024年5月6日上午，街道召开社区治理工作推进会。"),
    ("furniture.dated-source", "tail", "2024年5月6日 10:20 来源：某某新闻网", "tail",
     "数据来源：区统计局2024年5月6日发布的统计公报。"),
    # the page's font-size control and its share button
    ("furniture.page-tools", "head", "小字号", "tail", "表格正文统一使用小字号排版，便于打印装订。"),
    ("furniture.page-tools", "head", "大字体", "middle", "大字体版本的宣传册已发放到各社区。"),
    ("furniture.page-tools", "tail", "分享让更多人看到", "tail", "把好经验分享给更多人看到，是我们的初衷。"),
    # a platform's link back to itself
    ("furniture.back-to-site", "tail", "返回某某，查看更多", "tail", "返回村里查看更多情况"),
    # the platform's notice under a post, in Chinese and English
    ("blurb.platform-notice", "tail",
     "平台声明：该文观点仅代表作者本人，某某号系信息发布平台，某某仅提供信息存储空间服务。", "tail",
     "依照有关规定，仅提供信息存储空间服务的网络服务提供者，在接到权利人通知后及时删除侵权作品的，不承担赔偿责任。"),
    ("blurb.platform-notice", "tail",
     "特别声明：以上内容（如有图片亦包括在内）为自媒体平台“某某号”用户上传并发布，本平台仅提供信息存储服务。", "tail",
     "特别说明：本报告中的数据由各社区上报并经街道汇总审核，如有出入以统计部门公布数据为准。"),
    ("blurb.platform-notice", "tail",
     "Notice: The content above is uploaded and posted by a user of Mouhao, which only provides information "
     "storage services.", "tail",
     "Notice: the district archive provides storage of paper records for all units of the street."),
    # an upload notice naming the site between 由 and 用户, with the site's address
    ("banner.disclaimer", "tail", "本文档由 某某文库 用户上传　www.moumouwenku.com", "tail",
     "本文档由各会员单位分工起草，经理事会审议通过。"),
    # a lone selling point, and a name with its address and a selling point
    ("banner.selling-points", "tail", "下载后可随意编辑", "tail", "资料可在区政府网站下载后编辑使用。"),
    ("banner.selling-points", "tail", "某某文档 wd.moumou.com 下载后可编辑", "tail",
     "区政务网 www.qu.gov.cn 可下载后编辑"),
    # the bare time of a post under its title (only in the head)
    ("furniture.post-time", "head", "2024-02-03 20:15", "middle", "2024-02-03 20:15"),
]


@pytest.mark.parametrize(("rid", "where", "residue", "lwhere", "lookalike"), CASES)
def test_rule_removes_residue_and_keeps_the_lookalike(rid: str, where: str, residue: str, lwhere: str,
                                                      lookalike: str) -> None:
    check_rule_case(rid, where, residue, lwhere, lookalike)


def test_a_byline_moves_its_time_and_source_to_the_metadata() -> None:
    doc, log = clean_text("\n".join([TITLE, "2024年03月02日09:15 | 来源：某某网", BODY, BODY2]))
    assert doc.meta.date == "2024-03-02T09:15:00"
    assert doc.meta.source == "某某网"
    assert rules_that_removed(log) == ["furniture.dated-source"]


def test_a_bylines_source_keeps_its_site_suffix_where_the_byline_stays() -> None:
    """`furniture.title-site-suffix` cuts '-XX网' from page titles; a byline's source is no title."""
    line = "来源：某某网－某某新闻网"
    source = "\n".join([BODY, line, BODY2])
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert "furniture.title-site-suffix" not in rules_that_removed(log)


def test_a_title_still_loses_its_site_suffix() -> None:
    doc, log = clean_text("\n".join([f"{TITLE}－某某范文网", BODY, BODY2]))
    assert text_of(doc).splitlines()[0] == TITLE
    assert "furniture.title-site-suffix" in rules_that_removed(log)


# ------------------------------------------------------------------ a notice at the end shields nothing above it


def test_the_editor_line_above_a_platform_notice_is_in_the_tail() -> None:
    """The notice reads as a sentence: unknown, it ended the body there and kept the editor line above it."""
    residue = ["返回某某，查看更多", "责任编辑：某某", "平台声明：该文观点仅代表作者本人，某某号系信息发布平台，"
               "某某仅提供信息存储空间服务。"]
    doc, log = clean_text("\n".join([TITLE, BODY, BODY2, *residue]))
    assert text_of(doc) == "\n".join([TITLE, BODY, BODY2])
    assert sorted(rules_that_removed(log)) == sorted(
        ["furniture.back-to-site", "furniture.editor", "blurb.platform-notice"])


def test_an_editor_line_above_real_closing_text_stays_inside_the_body() -> None:
    closing = "依照有关规定，仅提供信息存储空间服务的网络服务提供者不承担赔偿责任，这一点在调解中多次用到。"
    source = "\n".join([TITLE, BODY, "责任编辑：某某", closing])
    doc, _ = clean_text(source)
    assert text_of(doc) == source


# ------------------------------------------------------------------ source notes naming a platform account


@pytest.mark.parametrize("note", ["（本文来自某某号 某某驿站）", "(本文来源：微信公众号 某某之声)", "【文章来自某某号】"])
def test_a_note_naming_a_platform_account_goes(note: str) -> None:
    doc, log = clean_text("\n".join([TITLE, note, BODY, BODY2]))
    assert note not in text_of(doc)
    assert "watermark.source-note" in rules_that_removed(log)


@pytest.mark.parametrize("note", ["（本文来源：某政发〔2023〕5号）", "（本文来自中央一号文件）", "（本文来源：第七号令）",
                                  "（本文来源于课题组调研）"])
def test_a_note_naming_a_document_number_stays(note: str) -> None:
    source = "\n".join([TITLE, note, BODY, BODY2])
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert not removed(log)


# ------------------------------------------------------------------ a reprint note spliced into a paragraph

LEFT = "全年共排查安全隐患52处，已整改50处，其余2处正在落实资金。"
RIGHT = "对辖区老旧小区逐栋开展安全评估，将4栋楼列入改造计划。"


@pytest.mark.parametrize("note", [
    "本文来自某某公文网，转载请注明出处。",
    "文章来源：某某号，转载请保留链接。",
    "本文转载自某某范文站（www.moumou.com），如需转载请注明来源。",
])
def test_a_reprint_note_between_two_sentences_goes(note: str) -> None:
    doc, log = clean_text("\n".join([TITLE, LEFT + note + RIGHT, BODY2]))
    assert text_of(doc) == "\n".join([TITLE, LEFT + RIGHT, BODY2])
    assert [d.text for d in log if d.rule == "watermark.reprint-inline" and d.action is Action.REMOVED] == [
        note.strip()]


@pytest.mark.parametrize("middle", [
    # a policy quoted: no source of this text is named
    "要求各单位在转载时注明“转载请注明出处”，规范信息发布。",
    # the source is no site
    "本文来自区档案馆，转载请注明出处。",
    "本文数据来自区统计局，转载请注明出处。",
    # a site named without a request to say so when reposting
    "本文来自某某网的报道。",
])
def test_a_sentence_that_only_looks_like_a_reprint_note_stays(middle: str) -> None:
    source = "\n".join([TITLE, LEFT + middle + RIGHT, BODY2])
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert not removed(log)


def test_a_reprint_note_glued_inside_a_sentence_stays() -> None:
    """Only a whole sentence goes: a note that does not start after a sentence's end is part of one."""
    source = "\n".join([TITLE, "全年整改隐患50处本文来自某某网，转载请注明出处。" + RIGHT, BODY2])
    doc, _ = clean_text(source)
    assert text_of(doc) == source


# ------------------------------------------------------------------ text copied from a social page

SOCIAL_BODY = "今年我接手了五年级二班，孩子们活泼好动，我一直在琢磨怎样和他们相处，慢慢地也有了一些心得体会。"


def test_a_posters_name_and_the_bare_time_of_the_post_go() -> None:
    doc, log = clean_text("\n".join(["班主任工作随笔", "山间的小溪老师", "2024-02-03 20:15", SOCIAL_BODY, BODY2]))
    assert text_of(doc) == "\n".join(["班主任工作随笔", SOCIAL_BODY, BODY2])
    assert sorted(rules_that_removed(log)) == ["furniture.account-name", "furniture.post-time"]
    assert doc.meta.date == "2024-02-03T20:15:00"


def test_a_date_the_author_wrote_under_the_title_and_the_name_above_it_stay() -> None:
    source = "\n".join(["班主任工作随笔", "五年级二班 李某某", "2024年2月3日", SOCIAL_BODY, BODY2])
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert not removed(log)


def test_a_fold_button_goes_with_other_residue_of_the_page() -> None:
    doc, log = clean_text("\n".join([SOCIAL_BODY, "展开", BODY, BODY2, "收起"]))
    assert text_of(doc) == "\n".join([SOCIAL_BODY, BODY, BODY2])
    assert sorted(rules_that_removed(log)) == ["furniture.fold-button", "furniture.page-tools"]


def test_a_fold_button_alone_stays_and_is_reported() -> None:
    source = "\n".join([SOCIAL_BODY, "展开", BODY, BODY2])
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert [(d.rule, d.action, d.severity) for d in log] == [
        ("furniture.fold-button", Action.KEPT, Severity.WARNING)]


@pytest.mark.parametrize(("line", "want"), [
    ("孩子们每天早早到校整理书架[表情]，课堂上也安静多了。", "孩子们每天早早到校整理书架，课堂上也安静多了。"),
    ("家长打来电话表扬孩子，孩子高兴了好几天[微笑][赞]。", "家长打来电话表扬孩子，孩子高兴了好几天。"),
    ("我们在教室后面布置了图书角[图片]，孩子们很喜欢。", "我们在教室后面布置了图书角，孩子们很喜欢。"),
    ("［偷笑］家长群里的气氛一下子活跃起来了。", "家长群里的气氛一下子活跃起来了。"),
])
def test_emoji_placeholders_inside_sentences_go(line: str, want: str) -> None:
    doc, log = clean_text("\n".join([SOCIAL_BODY, line, BODY2]))
    assert text_of(doc) == "\n".join([SOCIAL_BODY, want, BODY2])
    assert set(rules_that_removed(log)) == {"furniture.emoji-placeholder"}


@pytest.mark.parametrize("line", [
    "该方法已在多地推广[1]，效果良好。",
    "[注]本表数据截至2023年12月31日。",
    "在系统中点击[确定]按钮即可提交申请。",
    "孩子们用“[微笑]”这样的符号表达心情。",
])
def test_footnotes_notes_and_quoted_placeholders_stay(line: str) -> None:
    source = "\n".join([SOCIAL_BODY, line, BODY2])
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert not removed(log)


# ------------------------------------------------------------------ a document site's 'related documents' list


@pytest.mark.parametrize("header", ["【相关精品文档推荐】", "精品文档推荐", "相关文档", "相关优质范文"])
def test_a_related_documents_header_takes_the_undated_titles_under_it(header: str) -> None:
    titles = ["2023年社区网格化管理实施方案（完整版）", "街道社区治理工作总结范文8篇", "社区工作者业务知识题库及答案"]
    doc, log = clean_text("\n".join([TITLE, BODY, BODY2, "下载后可任意编辑", header, *titles]))
    assert text_of(doc) == "\n".join([TITLE, BODY, BODY2])
    assert "tail.reading-marker" in rules_that_removed(log)
    assert rules_that_removed(log).count("tail.related-titles") == 3


def test_a_numbered_section_about_recommending_documents_stays() -> None:
    source = "\n".join([TITLE, BODY, "（三）精品文档推荐", BODY2])
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert not removed(log)


# ------------------------------------------------------------------ the page title's channel


def test_the_channel_between_the_title_and_the_site_leaves_the_page_title() -> None:
    log = DiagnosticLog()
    blocks = [para("某区推进基层治理提质增效"), para(BODY), para(BODY2)]
    _, meta = document_title(blocks, Meta(title="某区推进基层治理提质增效--时政--某某网"), log)
    assert meta.title == "某区推进基层治理提质增效"
    assert not any(k == "page-title" for k, _ in meta.extra)
    assert [d.text for d in log if d.rule == "structure.title-suffix"] == ["--某某网", "--时政"]


def test_keywords_after_the_title_without_a_site_stay_in_the_page_title() -> None:
    log = DiagnosticLog()
    blocks = [para("某区推进基层治理提质增效"), para(BODY), para(BODY2)]
    _, meta = document_title(blocks, Meta(title="某区推进基层治理提质增效_治理_网格"), log)
    assert meta.title == "某区推进基层治理提质增效"
    assert ("page-title", "某区推进基层治理提质增效_治理_网格") in meta.extra


# ------------------------------------------------------------------ idempotence and long lines


def test_cleaning_twice_changes_nothing() -> None:
    source = "\n".join(["班主任工作随笔", "山间的小溪老师", "2024-02-03 20:15", SOCIAL_BODY,
                        LEFT + "本文来自某某公文网，转载请注明出处。" + RIGHT, "孩子们很开心[表情]。", "展开", BODY2,
                        "返回某某，查看更多", "平台声明：该文观点仅代表作者本人，某某仅提供信息存储空间服务。"])
    once, _ = clean_text(source)
    twice, log = clean_text(text_of(once))
    assert text_of(twice) == text_of(once)
    assert not removed(log)


_NEW = {"furniture.dated-source", "furniture.post-time", "furniture.back-to-site", "furniture.fold-button",
        "furniture.emoji-placeholder", "blurb.platform-notice", "watermark.reprint-inline",
        "watermark.source-note", "banner.selling-points", "banner.disclaimer", "tail.reading-marker",
        "furniture.page-tools"}


@pytest.mark.parametrize("piece", ["2024-05-06 10:20 来源:", "来源:某某 作者:", "返回某某", "展开",
                                   "[表情]", "声明:仅提供", "notice: ", "。本文来自某某网,", "(本文来自某某号 ",
                                   "某某文档 a.com ", "本文档由 某 用户", "相关精品文档", "小字号"])
def test_new_rules_finish_on_a_megabyte_line(piece: str) -> None:
    """A hang, not a slow pass, is what this catches."""
    rules = [r for r in BUILTIN if r.id in _NEW]
    assert len(rules) == len(_NEW)
    every_rule_on_a_megabyte_of(piece, rules)


def test_the_new_detectors_can_be_kept() -> None:
    doc, log = clean_text("\n".join([SOCIAL_BODY, "孩子们很开心[表情]。", BODY2]),
                          Options(keep_rules=("furniture.emoji-placeholder",)))
    assert "[表情]" in text_of(doc)
    assert not removed(log)
