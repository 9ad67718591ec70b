"""Residue blind test 6: pages of new site families (a library page in traditional script, a Q&A column, a
blog's author box, a note exported from a writing app, read-limit and preview pages, public-account
dialogs). The texts are our own; each shape has a test that fails without its fix and a lookalike (report
text of the same shape) that must stay.
"""

from __future__ import annotations

import pytest

from docconv.ast import Image, Para, Text
from docconv.clean.residue import remove_residue
from docconv.clean.rules import fold, line_key
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.pipeline import convert_bytes
from tests.test_html_redteam import web_page
from tests.test_residue_support import BODY, BODY2, check_rule_case, clean, clean_text, removed, text_of

# ------------------------------------------------------------------------------ script-blind matching

T_TITLE = "某某里辦公處112年度業務報告"
T_BODY = [
    "本處112年度在里長帶領及各鄰長協助下，持續推動社區照顧、環境清潔與防災整備等業務，茲將成果報告如下：",
    "一、長者關懷",
    "每週三上午於活動中心辦理健康講座，全年共辦理48場次，參與長者計1,152人次，深獲好評。",
    "二、防災整備",
    "完成防災地圖更新及避難演練2次，並添購緊急照明設備20組，提升社區應變能力。",
]
T_PAGE = "\n".join([
    "雲端個人圖書館",
    "首頁 | 閱覽室 | 館友 | 我的圖書館",
    T_TITLE,
    "里幹事小陳 2023-11-02 09:15 | 來源：某某里辦公處 | 閱 208 | 轉藏 12",
    "來自: 里幹事小陳 > 《年度報告》",
    *T_BODY,
    "3條評論",
    "發表評論",
    "請遵守網友 評論公約",
])


def test_fold_simplifies_traditional_characters_beyond_the_residue_vocabulary() -> None:
    # 個, 圖, 書, 館, 約 were not in the hand-written table; snownlp's table brings them.
    assert fold("個人圖書館 評論公約 轉藏 閱") == "个人图书馆 评论公约 转藏 阅"
    text = "".join(T_BODY)
    assert len(fold(text)) == len(text)


def test_fold_leaves_characters_that_are_also_simplified() -> None:
    # 著 (著作), 乾 (乾坤) and 於 are simplified characters too: folding them would break simplified words.
    assert fold("著作權 乾坤") == "著作权 乾坤"


def test_a_library_page_in_traditional_script_loses_its_furniture_and_keeps_its_script() -> None:
    doc, log = clean_text(T_PAGE)
    out = text_of(doc)
    for gone in ("雲端個人圖書館", "閱 208", "來自:", "3條評論", "評論公約"):
        assert gone not in out, gone
        assert any(gone in r for r in removed(log)), gone
    for kept in T_BODY:
        assert kept in out  # traditional stays traditional
    assert doc.meta.date == "2023-11-02T09:15:00"


def test_the_traditional_library_page_is_titled_by_its_report_not_by_the_site() -> None:
    result = convert_bytes(T_PAGE.encode("big5"), to="markdown", path="page.txt", options=Options())
    assert isinstance(result.output, str)
    assert result.output.startswith(f"# {T_TITLE}\n")


@pytest.mark.parametrize(("rid", "residue"), [
    ("furniture.dated-byline", "小王 2024-03-05 20:41 | 来源：某某街道 | 阅 91 | 转藏 4"),
    ("furniture.dated-byline", "某某小站 2024-03-05 | 阅读 1.2万 | 收藏 30"),
    ("furniture.filed-in", "来自: 小王 > 《街道工作》"),
    ("furniture.comment-count", "12条评论"),
    ("furniture.comment-count", "暂无评论"),
    ("furniture.comment-rules", "请遵守用户 评论公约"),
    ("furniture.comment-rules", "文明上网，理性发言"),
])
def test_library_page_shapes_in_simplified_script(rid: str, residue: str) -> None:
    check_rule_case(rid, "tail", residue, "tail", "全年共收到居民意见建议12条，已全部办结。")


@pytest.mark.parametrize("lookalike", [
    "2024年3月5日，区委召开专题会议，阅读了有关文件，来源材料由办公室整理。",
    "来自基层一线的意见建议共12条，已全部办结。",
    "请各单位遵守评论员文章的写作规范，按时报送稿件。",
])
def test_report_lines_shaped_like_library_furniture_stay(lookalike: str) -> None:
    source = "\n".join([BODY, BODY2, lookalike])
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert not removed(log)


# ------------------------------------------------------------------------- truncation and preview ends

@pytest.mark.parametrize("line", [
    "试读已结束，还剩6页未读，继续阅读",
    "预览已结束，喜欢就下载吧！",
    "(试读结束，剩余80%未读，立即下载)",
])
def test_several_truncation_phrases_on_one_line_say_the_text_is_incomplete(line: str) -> None:
    doc, log = clean_text("\n".join([BODY, BODY2, line]))
    assert line not in text_of(doc)
    hits = [d for d in log if d.rule == "truncation.combined" and d.action is Action.REMOVED]
    assert hits
    assert hits[0].severity is Severity.WARNING
    assert "incomplete" in hits[0].message


def test_a_report_sentence_about_a_finished_trial_stays() -> None:
    source = "\n".join([BODY, "试点工作已结束，还剩2个乡镇未完成验收，继续推进。", BODY2])
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert not removed(log)


def test_a_sharing_site_names_itself_before_its_for_reference_only_note() -> None:
    check_rule_case("banner.disclaimer", "tail", "某某文档网 docs.example.com 提供的文档仅供参考。",
                    "tail", "本报告提供的数据仅供参考，以统计部门正式公布为准。")


# ------------------------------------------------------------------------------ platform footers, boxes

def test_a_platform_rights_footer_goes() -> None:
    check_rule_case("furniture.rights-footer", "tail",
                    "著作权归作者所有。商业转载请联系作者获得授权，非商业转载请注明出处。",
                    "tail", "我们将加强版权宣传，明确职务作品的著作权归作者所有的情形，依法保护创作者权益。")
    check_rule_case("furniture.rights-footer", "tail", "本文著作权归作者所有，任何形式的转载都请联系作者。",
                    "tail", BODY)


def test_an_author_box_with_follow_buttons_goes_only_beside_other_residue() -> None:
    doc, log = clean_text("\n".join(["首页 > 博客 > 工作总结", BODY, BODY2, "某某的学习笔记 关注 私信"]))
    assert "某某的学习笔记" not in text_of(doc)
    assert any(d.rule == "furniture.follow-box" and d.action is Action.REMOVED for d in log)
    source = "\n".join([BODY, BODY2, "社会各界 关注"])
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert any(d.rule == "furniture.follow-box" and d.action is Action.KEPT for d in log)


def test_dialog_buttons_after_the_text_go_beside_other_residue() -> None:
    doc, log = clean_text("\n".join([BODY, BODY2, "阅读原文", "知道了", "取消 允许", "预览时标签不可点"]))
    out = text_of(doc)
    assert out == "\n".join([BODY, BODY2])
    assert sum(d.rule == "furniture.dialog-buttons" and d.action is Action.REMOVED for d in log) == 3


def test_a_report_ending_with_an_approval_word_keeps_it() -> None:
    source = "\n".join([BODY, BODY2, "同意"])
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert not removed(log)


# --------------------------------------------------------------------------------- exported notes

def test_a_writing_apps_export_note_goes() -> None:
    check_rule_case("banner.export-note", "head", "本文档由某某笔记导出，最后更新于 2023-12-01 10:00",
                    "head", "本文档由各部门导出的数据汇总而成，供领导参阅。")


def test_an_exported_notes_quoted_trailer_goes() -> None:
    doc, log = clean_text("\n".join([BODY, BODY2, "> 最后编辑于 2023-12-01 10:00 · 综合办公室",
                                     "> 阅读 52 · 评论 1"]))
    assert text_of(doc) == "\n".join([BODY, BODY2])
    assert {d.rule for d in log if d.action is Action.REMOVED} == {"furniture.last-edited", "furniture.counters"}


def test_a_quote_mark_is_skipped_for_matching_only() -> None:
    assert line_key("> 阅读 52 · 评论 1") == "阅读 52 · 评论 1"
    assert line_key(">> 阅读全文") == ">> 阅读全文"
    source = "\n".join([BODY, "> 加强组织领导，落实工作责任。", BODY2])
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert not removed(log)


# ------------------------------------------------------------------------------- a code's picture

QR = Para(content=(Image(alt=(), src="https://img.example.com/code.jpg"),))


def _residue(*blocks: Para) -> tuple[list[str], DiagnosticLog]:
    log = DiagnosticLog()
    doc = remove_residue(web_page(*blocks), Options(), log)
    return [b.content[0].text if isinstance(b, Para) and isinstance(b.content[0], Text) else "IMG"
            for b in doc.blocks if isinstance(b, Para)], log


def _p(text: str) -> Para:
    return Para(content=(Text(text=text),))


def test_the_picture_of_a_removed_scan_call_goes_with_it() -> None:
    kept, log = _residue(_p(BODY), _p(BODY2), QR, _p("长按识别二维码关注我们"))
    assert kept == [BODY, BODY2]
    assert any(d.rule == "furniture.qr-image" and d.action is Action.REMOVED for d in log)


def test_a_picture_beside_text_or_other_residue_stays() -> None:
    kept, log = _residue(_p(BODY), QR, _p("图1 新建的社区服务中心"), _p(BODY2))
    assert kept == [BODY, "IMG", "图1 新建的社区服务中心", BODY2]
    kept, log = _residue(_p(BODY), _p(BODY2), QR, _p("阅读 1.2万"))
    assert kept == [BODY, BODY2, "IMG"]
    assert not any(d.rule == "furniture.qr-image" for d in log)


# ------------------------------------------------------------------------------------ idempotence

@pytest.mark.parametrize("source", [
    T_PAGE,
    "\n".join([BODY, BODY2, "试读已结束，还剩6页未读，继续阅读", "著作权归作者所有。"]),
])
def test_cleaning_twice_changes_nothing(source: str) -> None:
    once, _ = clean_text(source)
    twice, log = clean(once)
    assert twice == once
    assert not removed(log)
