"""Residue on pages of sites the rules were not written from: red-team fixtures and one positive and one
lookalike case per rule added for them.

fixtures/residue/redteam/ holds scraped-style report pages (sample-essay, document-sharing, government,
company, public-account, forum and blog copies) and clean reports full of lookalike phrases (`clean-*`),
checked in test_residue_pages.py. `known_left` in a page's `.expect.toml` lists residue the rules leave
on purpose (documentation only; see docs/residue.md).
"""

from __future__ import annotations

import pytest

from docconv.clean.rules import fold
from docconv.diagnostics import Action
from tests.test_residue_support import (
    BODY,
    BODY2,
    clean_text,
    text_of,
)

# --------------------------------------------------------------------------------- one rule, two lines

# rule id, where the residue stands, the residue line, where the lookalike stands, the lookalike line
# (run by test_residue_pages.py with the other rounds' cases)
CASES = [
    ("furniture.breadcrumb", "head", "您当前的位置：首页 >> 新闻中心", "middle", "当前的位置优势十分明显。"),
    ("furniture.breadcrumb-path", "head", "资料啦 > 实用范文 > 工作计划 >", "middle", "受理 > 审核 > 办结"),
    ("furniture.counters", "middle", "阅读(88)　评论(2)　收藏(5)", "middle", "阅读 3 本书，评论 2 篇文章"),
    ("furniture.counters", "head", "0.31 2024.02.05 10:12:30 字数 2,016 阅读 1,580", "head",
     "2024.02.05 全年阅读推广活动"),
    ("furniture.meta-fields", "head", "来源：本站 | 发布时间：2024-02-03 | 86 次浏览 | 分享到：", "middle",
     "来源：县统计局，全年浏览量86万次。"),
    ("furniture.doc-fields", "head", "上传者：张三　文件大小：12KB　下载积分：2", "tail",
     "字数：3000字以内　格式：Word文档"),
    ("furniture.credits", "tail", "图片 | 李四  编辑 | 王五  审核 | 赵六", "tail", "主持人：王建国　记录人：李敏"),
    ("furniture.forum-floor", "tail", "板凳", "tail", "地址：5楼"),
    ("furniture.follow-call", "head", "↑点击上方蓝色字体关注我们", "middle", "点击上方按钮即可关注办理进度。"),
    ("furniture.social-buttons", "tail", "长按识别二维码关注", "tail", "扫描二维码报名"),
    ("furniture.social-buttons", "tail", "喜欢就点个“在看”吧", "tail", "为基层干部点赞！"),
    ("furniture.app-promo", "tail", "更多精彩内容，尽在某某APP", "tail", "更多精彩的活动将在明年陆续推出。"),
    ("furniture.page-tools", "middle", "回复　引用　举报　只看该作者", "middle", "回复群众来信三百件。"),
    ("furniture.page-tools", "tail", "分享到：QQ空间 新浪微博 微信", "tail", "微信"),
    ("furniture.page-tools", "head", "已关注", "middle", "已关注到这一问题，正在研究解决。"),
    ("furniture.page-tools", "tail", "【字体：大 中 小】【打印】【关闭】", "middle", "字体：宋体"),
    ("furniture.timestamp", "head", "(2023-12-31 21:15:06)", "middle", "（2011年4月18日）"),
    ("furniture.tags", "tail", "相关热词搜索：年度 总结", "tail", "搜索更多办事指南，可登录县政务服务网。"),
    ("tail.list-marker", "tail", "往期推荐", "middle", "我们开设了“往期推荐”栏目。"),
    ("tail.reading-marker", "tail", "【相关推荐】", "middle", "【相关工作】"),
    ("blurb.collected-by", "tail", "本文由某某范文网收集整理，转载请注明出处。", "tail", "以上数据由县水文站收集整理。"),
    ("banner.page-number", "middle", "- 2 -", "middle", "第2页至第5页为附表。"),
    ("banner.download", "middle", "免费下载本文档", "middle", "加入会员单位的企业有30家。"),
    ("banner.download", "middle", "下载本文档需要登录，并付出相应积分。", "middle", "下载完整版需要注意的问题有三个方面。"),
    ("banner.price", "tail", "所需积分：5", "tail", "所需资金：50万元"),
    ("banner.site-slogan", "head", "某某文库 - 海量文档免费下载", "head", "关于建设知识共享平台的工作方案"),
    ("banner.thanks", "tail", "感谢阅读，欢迎下载！", "tail", "谢谢大家！"),
    ("banner.disclaimer", "tail", "声明：本文版权归原作者所有。", "middle",
     "版权归原作者所有的作品，我们一律不予转载，全年未发生侵权纠纷。"),
    ("truncation.unread", "middle", "还剩5页未读，继续阅读", "middle", "还剩5页未读完的材料，明天继续。"),
    ("watermark.visit-site", "middle", "更多精品范文请访问：www.fw-demo.com", "tail",
     "更多信息请访问：www.example.gov.cn"),
    ("watermark.visit-site", "middle", "本文来自：某某范文网 www.fw-demo.com", "middle",
     "请登录www.12333.gov.cn查询办理进度。"),
]




# Inline rules: the note goes, the sentence around it stays.
INLINE = [
    ("furniture.forum-edit", "本帖最后由 某某 于 2023-5-1 08:00 编辑 " + BODY, BODY,
     "本报告由办公室于2023年5月1日编辑成册，" + BODY),
    ("watermark.source-note", BODY + "（本文来源：某某范文网）", BODY, BODY + "（数据来源：县统计局）"),
    ("watermark.source-note", BODY + "【文章来源：https://www.fw-demo.com/a/1.html】", BODY,
     BODY + "（本文来源于课题组调研）"),
]


@pytest.mark.parametrize(("rid", "line", "left", "lookalike"), INLINE, ids=[c[0] for c in INLINE])
def test_inline_rule_removes_only_the_note(rid: str, line: str, left: str, lookalike: str) -> None:
    doc, log = clean_text(f"{BODY2}\n{line}\n{BODY2}")
    assert text_of(doc).splitlines()[1] == left
    assert [d.rule for d in log if d.action is Action.REMOVED] == [rid]
    source = f"{BODY2}\n{lookalike}\n{BODY2}"
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert not [d for d in log if d.action is Action.REMOVED]


def test_file_suffix_goes_from_the_title_only() -> None:
    doc, log = clean_text(f"某单位年度工作总结.docx\n{BODY}\n{BODY2}\n附件：报名表.docx")
    lines = text_of(doc).splitlines()
    assert lines[0] == "某单位年度工作总结"
    assert lines[-1] == "附件：报名表.docx"
    assert [d.rule for d in log if d.action is Action.REMOVED] == ["furniture.title-file-suffix"]


def test_reply_list_after_a_post_is_a_tail() -> None:
    source = f"{BODY}\n{BODY2}\n看了“年度工作总结”的人还看了：\n1.年终工作总结范文\n2.个人述职报告"
    doc, log = clean_text(source)
    assert text_of(doc).splitlines() == [BODY, BODY2]
    assert {d.rule for d in log if d.action is Action.REMOVED} == {"tail.list-marker", "tail.related-titles"}


def test_traditional_residue_is_folded_and_metadata_keeps_the_script() -> None:
    assert fold("長按識別二維碼 聲明：版權歸原作者") == "长按识别二维码 声明:版权归原作者"
    doc, _ = clean_text(f"來源：某某鎮婦聯公眾號\n{BODY}\n{BODY2}")
    assert doc.meta.source == "某某鎮婦聯公眾號"
    assert "來源" not in text_of(doc)
