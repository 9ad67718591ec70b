"""Built-in residue rules for pages of self-media platforms, news portals and social posts.

A platform account's page (网易号, 搜狐号, 百家号, a portal's channel, a microblog or a chat) wraps the text
in lines of its own: a byline whose time is glued to the source, a link back to the platform, its legal
notice that it only stores what users upload, a reprint note spliced between two sentences, the bare
time of a post, fold buttons and emoji placeholders left in the sentences. Each rule names the general
shape (a platform name ending in 号/网, `信息存储(空间)服务`, a closed list of placeholder words), never one
site's sentence.
"""

from __future__ import annotations

from docconv.clean.rules import Rule, rule
from docconv.clean.rules.pieces import CJK, CLOCK, DATE, DOMAIN, LONG, TIME

_FIELD_SEP = r"[|┆丨·•/]"
_VALUE = r"[^\s:|┆丨,。!?;]"
"""A character of a field's value: no separator, colon, space or sentence mark."""

# What a platform's notice under a post says: it only stores or publishes what users upload, the views
# are the author's, not the platform's.
_NOTICE_SIGNAL = (
    r"(?:仅|只)(?:提供|是|为)信息(?:存储(?:空间)?|发布)(?:服务|平台)|信息存储(?:空间)?服务|"
    r"(?:用户|作者|机构)[^。]{0,12}?上传并发布|观点仅代表(?:该)?作者|仅代表(?:该)?作者(?:本人|个人)?(?:的)?观点|"
    r"不代表[^。]{0,12}?(?:观点|立场)|系信息发布平台"
)

# Placeholders a copied post leaves where an emoji, a picture or a clip stood ('[微笑]', '[图片]'). A
# closed list: footnotes ('[1]'), editorial notes ('[注]') and quoted buttons are no placeholders.
_PLACEHOLDER = (
    r"表情|表情包|微笑|呲牙|偷笑|憨笑|大笑|笑哭|捂脸|哈哈|嘻嘻|可爱|害羞|得意|调皮|鼓掌|点赞|赞|强|握手|抱拳|"
    r"合十|玫瑰|爱心|加油|庆祝|奋斗|拥抱|抱抱|亲亲|流泪|大哭|委屈|难过|可怜|尴尬|疑问|思考|再见|愉快|机智|"
    r"皱眉|奸笑|嘿哈|吃瓜|旺柴|允悲|二哈|doge|图片|视频|动图|语音"
)
_GLUE = r"[\u3400-\u9fff,。!?;:、)”’\]]"
"""What stands right before a placeholder inside a sentence (a Chinese character, a mark, another one)."""
_GLUE_AFTER = r"[\u3400-\u9fff,。!?;:、(“‘\[]"

PLATFORMS: tuple[Rule, ...] = (
    # A portal's byline: the time glued to the date and the source after it, with bars or without
    # ('2024年01月15日08:32 | 来源:某某网', '2024-07-09 16:21来源: 某某号'); more fields may follow.
    rule("furniture.dated-source",
         rf"(?P<date>{DATE}\s*+(?:{TIME})?)\s*+(?:{_FIELD_SEP}\s*+)?"
         rf"(?:(?:文章|信息|本文|新闻|稿件)?来源|出处)\s*+:\s*+{_VALUE}{{1,40}}"
         rf"(?:\s*+{_FIELD_SEP}?\s*+{CJK}{{2,4}}\s*+:\s*+{_VALUE}{{1,20}}){{0,4}}\s*+{_FIELD_SEP}?",
         kind="line", where="edges", max_len=120,
         reason="byline of a news or platform page: the publish time and the source "
                "('2024年01月15日08:32 | 来源:某某网')"),
    # The bare time of a post under its title ('2024-01-20 19:32'): sites print numeric dates with a
    # clock time; authors write '2024年1月20日' and no clock time under a title.
    rule("furniture.post-time",
         rf"(?P<date>\d{{4}}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{1,2}}\s*{CLOCK})",
         kind="line", where="head", suspect_elsewhere=False, max_len=30,
         reason="the bare time of a social post under its title ('2024-01-20 19:32')"),
    rule("furniture.back-to-site",
         rf"[<«‹]?\s*返回{CJK}{{1,8}}?\s*[,]?\s*(?:查看|阅读|浏览|看)更多(?:内容|精彩|资讯|新闻|文章|信息)?\s*(?:>>?|»)?",
         kind="line", where="edges", max_len=30,
         reason="a platform's link back to itself under a post ('返回某某,查看更多')"),
    # A fold button alone between paragraphs ('展开'): a report never writes the word as a line, but a
    # heading or a list item could hold it, so only with other residue in the document.
    rule("furniture.fold-button",
         r"[\[【(]?\s*(?:点击)?展开\s*[\]】)]?\s*[∨⌄▼﹀↓]?",
         kind="line", where="anywhere", corroborate=True, max_len=12,
         reason="a fold button of a social page standing between paragraphs ('展开')"),
    rule("furniture.emoji-placeholder",
         rf"(?<={_GLUE})\[(?:{_PLACEHOLDER})\]|\[(?:{_PLACEHOLDER})\](?={_GLUE_AFTER})",
         kind="inline", where="anywhere", max_len=LONG,
         reason="emoji or media placeholder a copied post left inside a sentence ('[微笑]', '[图片]')"),
    # The notice a platform prints under every account's post. A copyright report may discuss the same
    # legal terms, so the paragraph must be a notice (it opens with '声明:'), or the platform must speak
    # of itself ('本平台仅提供信息存储服务', 'X号系信息发布平台'), and only at the edges.
    rule("blurb.platform-notice",
         rf"^[(\[【]?\s*(?:特别|平台|免责|版权|郑重)?声明\s*[】\]]?\s*:.{{0,160}}?(?:{_NOTICE_SIGNAL})"
         r"|(?:本|该|此)平台(?:仅|只)(?:提供|是|为)信息(?:存储(?:空间)?|发布)(?:服务|平台)"
         rf"|{CJK}{{1,6}}号系信息发布平台"
         r"|^notice\s*:.{0,240}?(?:information storage services?|uploaded and posted by)",
         kind="block", where="edges", max_len=400,
         reason="a platform's notice under a post: it only stores what users upload, the views are the "
                "author's ('平台声明:…仅提供信息存储空间服务', 'Notice: … information storage services')"),
    # A reprint note spliced between two sentences of a paragraph, an anti-copy trick: only the whole
    # sentence, with its full shape (the text came from a site whose name ends in 网/号/站, and a request
    # to say so when reposting), goes. A report quoting such a policy names no source of its own text.
    rule("watermark.reprint-inline",
         rf"(?:^|(?<=[。!?;]))\s*+(?:本文|文章|此文|原文|本篇)(?:来自|来源于?|来源自|转载自|转自|出自|摘自)\s*+:?\s*+"
         rf"(?P<source>{CJK}{{1,12}}?(?:网|号|站))(?:\s*+[(\[]?\s*+{DOMAIN}\s*+[)\]]?)?\s*+[,;]\s*+"
         r"(?:如需|如要|欢迎)?转载(?:时)?(?:请|需|须|务必)(?:注明|保留|标明|附上)(?:本文|原文)?"
         r"(?:出处|来源|链接|地址|网址|原文链接|本文链接|原文地址)?[。!]",
         kind="inline", where="anywhere", max_len=LONG,
         reason="reprint note spliced into a paragraph between two sentences ('…。本文来自某某网,转载请注明"
                "出处。…')"),
)
"""Rules for self-media, portal and social pages, tried after the other built-in rules."""
