"""The built-in residue rules, one named group per family.

Patterns are written for the folded text (half-width punctuation, simplified vocabulary; see
`docconv.clean.rules`), anchored by their kind, and use bounded repeats only so that a megabyte-long line
cannot make them backtrack for long. Each rule fires on wording *and* position: phrases that also occur in
real reports are limited to the head or tail of a document, or demand a second signal next to them.
"""

from __future__ import annotations

from docconv.clean.rules import Rule, rule

# ------------------------------------------------------------------------------------------ shared pieces

DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
"""A calendar date with a four-digit year."""
TIME = r"\d{1,2}\s*[:时]\s*\d{1,2}(?:\s*[:分]\s*\d{1,2}\s*秒?)?"
"""A clock time, seconds optional."""
DATETIME = rf"{DATE}(?:\s*{TIME})?"
URL_CHARS = r"[a-z0-9._~:/?#@!$&'*+,;=%-]"
URL = rf"(?:https?://|www\.){URL_CHARS}{{0,200}}"
TLD = r"(?:com|cn|net|org|cc|top|vip|info|tv|wang|xyz|site|club|me)"
DOMAIN = rf"(?:https?://)?(?:www\.)?[a-z0-9-]{{1,40}}(?:\.[a-z0-9-]{{1,40}}){{0,3}}\.{TLD}(?:/{URL_CHARS}{{0,200}})?"
CJK = r"[\u3400-\u9fff]"
CJK_OR_PUNCT = r"[\u3400-\u9fff,。!?;:、]"
"""A Chinese character or the (folded) punctuation that sits between Chinese clauses."""
NO_STOP = r"[^。!?;]"
"""A character that does not end a sentence: whole-line furniture never contains one."""
SEP = r"\s*+[|/·•]\s*+"
_MENU_ITEM = r"[^|/·•。!?,\s](?:[^|/·•。!?,]{0,8}[^|/·•。!?,\s])?"
LONG = 10_000_000
"""max_len of inline rules that must see whole paragraphs, however long."""

_META_FIELD = (
    r"(?:发布|发表|更新|上传|录入|添加|提交)(?:时间|日期|于)|时间|日期|来源|出处|作者|编辑|责任编辑|责编|"
    r"浏览(?:次数|量|数)?|阅读(?:次数|量|数)?|点击(?:次数|量|数|率)?|访问(?:次数|量)|人气|热度|评论(?:数)?|"
    r"栏目|分类|所属分类|字号|投稿|发布者|发布人|文章编号|编号"
)
# A field value runs up to the next field name; a colon only belongs to it inside a time or a URL.
_META_VALUE = (rf"(?:(?!(?:{_META_FIELD})\s*:)"
               r"(?:[^:|\[\]【】]|(?<=\d):(?=\d)|(?<=http):(?=//)|(?<=https):(?=//))){0,80}+")

# ---------------------------------------------------------------------------------------- site furniture

FURNITURE: tuple[Rule, ...] = (
    rule("furniture.breadcrumb",
         r"(?:(?:您|你)(?:现在|目前)?(?:的|所在的)(?:当前)?位置|当前(?:所在)?位置|所在位置)\s*:.{0,150}"
         r"|位置\s*:\s*(?:网站首页|首页|主页|>).{0,150}",
         kind="line", where="anywhere", max_len=160,
         reason="breadcrumb line naming the page's place in the site ('您的位置:', '当前位置:')"),
    rule("furniture.breadcrumb-trail",
         r"(?:网站|返回)?(?:首页|主页)\s*(?:>>?|»|›|→|-{1,2}>|/|\\)\s*.{0,150}",
         kind="line", where="anywhere", max_len=160,
         reason="breadcrumb trail starting from the site home page ('首页 > ...')"),
    rule("furniture.meta-fields",
         rf"\s*+(?>[\[【(]?\s*+(?:{_META_FIELD})\s*+:\s*+{_META_VALUE}[\]】)]?\s*+[|/·]?\s*+){{2,8}}",
         kind="line", where="anywhere",
         reason="line of page fields (publish time, source, author, views...) printed by the site"),
    rule("furniture.publish-time",
         rf"(?:发布|发表|更新|上传|录入|添加|提交)(?:时间|日期|于)\s*:?\s*(?P<date>{DATETIME}){NO_STOP}{{0,80}}",
         kind="line", where="anywhere",
         reason="publish/update time line printed by the site"),
    rule("furniture.timestamp",
         rf"(?:(?:时间|日期)\s*:?\s*)?(?P<date>{DATE}\s+\d{{1,2}}:\d{{2}}:\d{{2}})",
         kind="line", where="anywhere",
         reason="a bare timestamp with seconds: a page field, not a date written by the author"),
    rule("furniture.time-line",
         rf"(?:时间|日期)\s*:\s*(?P<date>{DATETIME})",
         kind="line", where="head", suspect_elsewhere=False,
         reason="'时间:' line above the body: the page's publish time"),
    rule("furniture.view-count",
         r"(?:浏览|阅读|点击|访问|围观|人气)(?:次数|量|数|人数)?\s*:?\s*\d{1,9}\s*(?:次|人|人次)?(?:浏览|阅读)?",
         kind="line", where="anywhere",
         reason="view counter printed by the site"),
    rule("furniture.author",
         r"(?:作者|撰稿|撰文|文)\s*[:/]\s*(?P<author>[^\s:,,。!?]{1,20})",
         kind="line", where="head", suspect_elsewhere=False,
         reason="author line of the page above the body"),
    rule("furniture.editor",
         r"[\[【(]?\s*(?:责任编辑|责编|编辑|小编)\s*:\s*[^\s:,,。!?]{1,20}\s*[\]】)]?",
         kind="line", where="edges",
         reason="editor credit printed by the site"),
    rule("furniture.source",
         rf"(?:文章|信息|本文|新闻|稿件)?来源\s*:\s*(?P<source>{URL}|[^\s:,,。!?]{{1,40}})",
         kind="line", where="edges",
         reason="source line of the page"),
    rule("furniture.prev-next",
         r"(?:上一篇|下一篇|上一页|下一页|上一条|下一条|前一篇|后一篇)(?:\s*(?::|>>?|»)\s*[^。!?]{0,80})?",
         kind="line", where="anywhere", max_len=120,
         reason="previous/next article link"),
    rule("furniture.permalink",
         rf"(?:本文|原文|文章|永久)(?:链接|地址|网址)\s*:?\s*(?P<source>{URL})?{NO_STOP}{{0,60}}"
         rf"|转载请(?:注明|保留)(?:出处|来源|原文链接|本文地址)?{NO_STOP}{{0,80}}",
         kind="line", where="anywhere",
         reason="permalink or reposting notice of the page"),
    rule("furniture.tags",
         r"(?:相关|本文|文章)?(?:标签|tags?)\s*:\s*.{1,100}",
         kind="line", where="edges",
         reason="tag list of the page"),
    rule("furniture.keywords",
         r"(?:关键词|关键字)\s*:\s*.{1,100}",
         kind="line", where="tail", suspect_elsewhere=False,
         reason="keyword list printed after the article by the site"),
    rule("furniture.copyright",
         rf"{NO_STOP}{{0,60}}(?:版权所有|copyright|©|all rights reserved|icp备|icp证|公网安备)"
         rf"{NO_STOP}{{0,100}}",
         kind="line", where="edges",
         reason="site copyright/registration footer"),
    rule("furniture.page-tools",
         r"(?>[\[【(]?\s*+(?:打印本页|打印此文|打印|关闭窗口|关闭本页|关闭|返回顶部|返回首页|返回列表|返回|"
         r"收藏本页|加入收藏|收藏|分享到|分享|复制链接|复制网址|推荐给(?:朋友|好友)|纠错|举报|点赞|"
         r"扫一扫|设为首页|top|字号\s*+:?\s*+(?:[大中小]\s*+){1,3})\s*+[\]】)]?\s*+[:|/·]?\s*+){1,12}",
         kind="line", where="anywhere", max_len=120,
         reason="page tool links (print, close, share, font size)"),
    rule("furniture.site-header",
         rf"[^\s。!?,]{{0,12}}?\s*[(\[]?\s*(?P<source>{DOMAIN})\s*[)\]]?",
         kind="line", where="head",
         reason="site name or address line above the body"),
    rule("furniture.nav-line",
         rf"\s*+(?>{_MENU_ITEM}{SEP}){{4,30}}{_MENU_ITEM}",
         kind="line", where="edges", suspect_elsewhere=False, max_len=300,
         reason="a row of short menu items separated by bars (site navigation)"),
    rule("furniture.title-category-suffix",
         rf"\s{{0,3}}[-_|]\s{{0,3}}({CJK}{{2,10}})\1$",
         kind="inline", where="anywhere", max_len=60,
         reason="site category appended twice to a title ('title-卫生工作总结卫生工作总结')"),
    rule("furniture.title-site-suffix",
         rf"\s{{0,3}}[-_|]\s{{0,3}}(?P<source>(?:{CJK}|[a-z0-9]){{1,12}}(?:网|文库|范文网|资料网|文档网))$",
         kind="inline", where="anywhere", max_len=60,
         reason="site name appended to a title ('title_XX范文网')"),
)

# ------------------------------------------------------------------------------------ editor and ad blurbs

_AD_SIGNAL = (
    r"本站|本网|小编|范文|写作灵感|写作素材|精选了|为(?:您|你|大家)(?:精心)?(?:精选|整理|推荐|准备|收集|搜集)|"
    r"欢迎(?:您的)?阅读与分享|供(?:大家|您|你|各位)参考|欢迎(?:参考|阅读|借鉴|下载)|网友上传|原创文章|客服"
)

BLURBS: tuple[Rule, ...] = (
    rule("blurb.editor",
         r"小编.{0,60}?(?:整理|收集|搜集|精选|准备|推荐|带来|分享|汇总|编辑|为(?:大家|您|你))",
         kind="block", where="edges", max_len=400,
         reason="editor's blurb advertising the page ('小编特意整理了…供大家参考借鉴')"),
    rule("blurb.curated",
         rf"(?:(?P<source>(?:{CJK}|[a-z0-9]){{2,10}}(?:网|站|文库))\s*)?为(?:您|你|大家)(?:精心)?"
         r"(?:精选|整理|收集|搜集|准备|挑选|推荐|汇总)了?.{0,30}?(?:\d{1,4}|[一二三四五六七八九十]{1,3})篇",
         kind="block", where="edges", max_len=400,
         reason="site blurb announcing a curated collection ('…为您精选了8篇…')"),
    rule("blurb.disclaimer",
         r"来源于网友上传|由网友上传|网友(?:投稿|上传)[^。]{0,20}不代表|不代表本(?:站|网|平台)(?:的)?观点|"
         r"若需要原创文章|如需(?:要)?原创文章|可咨询客服|联系客服老师|如有侵权[,]?\s*(?:请)?(?:联系|告知)",
         kind="block", where="anywhere", max_len=300,
         reason="site disclaimer about user-uploaded text ('一文来源于网友上传,不代表本站观点')"),
    rule("blurb.lead-in",
         rf"(?:导语|绪论|导读|编者按|编者的话)\s*:.{{0,200}}?(?:{_AD_SIGNAL})",
         kind="block", where="edges", max_len=300,
         reason="'导语:'/'绪论:' lead-in written by the site to advertise the page"),
    rule("blurb.following-is",
         r"(?:以下|下面)(?:是|为)(?:本站|小编|我们)?(?:为|给)(?:您|你|大家)(?:精心)?"
         r"(?:整理|收集|搜集|准备|精选|推荐|带来|分享)",
         kind="block", where="edges", max_len=300,
         reason="site sentence introducing the article it offers ('以下是小编为大家整理的…')"),
    rule("blurb.hope-helps",
         r"(?:希望|但愿)(?:本文|以上(?:内容)?|这篇(?:文章|范文)?|这些(?:内容|范文)|文章|范文)?(?:能)?"
         r"(?:对|给|帮助到)(?:您|你|大家)[^。!?]{0,20}(?:帮助|启发|借鉴|参考)[!。.~]*",
         kind="line", where="tail", max_len=60,
         reason="site closing wish ('希望对大家有所帮助')"),
)

# ---------------------------------------------------------------------------------------------- reading tails

TAILS: tuple[Rule, ...] = (
    rule("tail.reading-marker",
         rf"(?:【[^】]{{0,80}}】)?\s*(?P<source>{DOMAIN})?\s*(?:更多{CJK}{{0,8}}?|点击查看)?"
         r"(?:推荐阅读|相关阅读|延伸阅读|扩展阅读|拓展阅读|精彩阅读|更多阅读|相关文章|相关推荐|相关范文|"
         r"相关内容|相关链接|相关资料|热门文章|热门推荐|猜你喜欢|精彩推荐|你可能(?:还)?(?:感兴趣|喜欢)(?:的)?(?:文章)?|"
         r"更多精彩|最新文章|最新推荐)(?:推荐|列表|导读)?\s*(?::|>>?|»)?",
         kind="tail-start", where="anywhere", max_len=120,
         reason="header of the site's 'more reading' list ('推荐阅读:', '相关文章', '更多…延伸阅读')"),
)

# ------------------------------------------------------------------------------------- truncation and paywall

TRUNCATION: tuple[Rule, ...] = (
    rule("truncation.shown-of-total",
         r"(?:(?:\.{2,6}|…{1,3})\s{0,3})?[(\[【]?\s{0,3}(?:未完(?:待续)?\s{0,3}[,。]?\s{0,3})?全文共?\s{0,3}\d{1,7}"
         r"\s{0,3}字\s{0,3}[,;]?\s{0,3}(?:当前|目前)?仅?(?:显示|展示)\s{0,3}\d{1,7}\s{0,3}字\s{0,3}[)\]】]?",
         kind="inline", where="anywhere", max_len=LONG,
         reason="truncation note: the site shows only part of the text"),
    rule("truncation.omitted",
         r"(?:(?:\.{2,6}|…{1,3})\s{0,3})?[(\[【]?\s{0,3}(?:此处|以下|下文|中间|正文)?(?:已)?(?:省略|隐藏)了?"
         r"\s{0,3}\d{1,7}\s{0,3}个?字"
         r"(?:\s{0,3}[,]?\s{0,3}[^()\[\]【】\n。]{0,20}?(?:会员|vip|付费|登录|下载|购买)[^()\[\]【】\n。]{0,12}?"
         r"(?:阅读|查看|下载|浏览)(?:全文|完整内容|全部内容)?)?\s{0,3}[)\]】]?(?:\.{2,6}|…{1,3})?",
         kind="inline", where="anywhere", max_len=LONG,
         reason="paywall note: the site omitted part of the text ('…省略595字,正式会员可完整阅读')"),
    # The lead before the paywall words may not end a sentence: a line that starts with a real heading or
    # sentence ("三、深化服务。……省略934字,正式会员可阅读") is not a paywall line; the inline rule above
    # removes the note from it and keeps the heading.
    rule("truncation.paywall",
         r"[^。!?;]{0,20}?(?:正式会员|vip会员|开通会员|成为会员|升级会员|登录后|付费后|购买后|下载后)"
         r"[^。!?]{0,20}?(?:阅读|查看|下载|浏览)(?:全文|完整内容|全部内容|完整版|全部)?[^。!?]{0,20}[。!?]?",
         kind="line", where="anywhere", max_len=80,
         reason="paywall line asking the reader to pay or log in for the rest"),
    rule("truncation.omitted-line",
         r"[(\[【]?\s{0,3}(?:全文|正文|以下内容|以下|后文|剩余内容|部分内容)(?:已|被)?(?:省略|隐藏|折叠)了?"
         r"(?:\s{0,3}[,]?\s{0,3}[^()\[\]【】\n。]{0,16}?(?:下载|阅读|查看|登录|会员|付费|购买)"
         r"[^()\[\]【】\n。]{0,10})?\s{0,3}[)\]】]?[。]?",
         kind="line", where="anywhere", max_len=40,
         reason="note that the rest of the text was left out ('【全文已省略,请下载完整版阅读】')"),
    rule("truncation.download-full",
         r"(?:点击|>>)?\s{0,3}(?:此处|这里)?\s{0,3}(?:免费)?下载(?:完整版|完整|全文|全部)(?:文档|资料|内容|word版?)?"
         r"\s{0,3}(?:>>?|»)?"
         r"|(?:点击|免费)下载\s{0,3}:\s{0,3}[^。!?\n]{1,80}\.(?:docx?|pdf|txt|wps|rtf)",
         kind="line", where="anywhere", max_len=100,
         reason="download link standing in for the rest of the document"),
    rule("truncation.read-more",
         r"(?:点击|>>)?\s*(?:查看|阅读|展开|浏览)(?:全文|更多|剩余(?:全文|内容)?|完整(?:内容|版)?)\s*(?:>>?|»)?"
         r"|剩余\s*\d{1,3}\s*%\s*未读.{0,20}|[(\[]?\s*未完\s*[,]?\s*待续\s*[)\]]?",
         kind="line", where="anywhere", max_len=40,
         reason="'read more' link left by the site"),
)

# --------------------------------------------------------------------------------- download-site banners

BANNERS: tuple[Rule, ...] = (
    rule("banner.doc-pages",
         r".{0,20}?本文档(?:一)?共\s*\d{1,5}\s*页.{0,40}",
         kind="line", where="anywhere", max_len=80,
         reason="document-sharing banner with the page count ('本文档共4页,可阅读全部内容')"),
    rule("banner.page-counter",
         r"第\s*\d{1,5}\s*页\s*[,/]?\s*共\s*\d{1,5}\s*页",
         kind="line", where="anywhere", max_len=30,
         reason="page counter of a document-sharing viewer"),
    rule("banner.quality-docs",
         r"精选优质文档\s{0,3}[-—_~]{0,6}\s{0,3}倾情为(?:你|您)奉上|专心\s{0,3}[-—]{0,6}\s{0,3}专注\s{0,3}[-—]{0,6}\s{0,3}专业",
         kind="inline", where="anywhere", max_len=LONG,
         reason="document-sharing site banner ('精选优质文档-倾情为你奉上')"),
    rule("banner.disclaimer",
         r"(?:本站|本网站|本平台|本文库)[^。,]{0,30}?(?:上传|下载|用户|网友|侵权|付费|预览|会员|文档|版权)|"
         r"(?:文档|资料|内容)(?:来自|来源于)(?:网络|网友)|仅供(?:个人)?(?:学习|交流)(?:参考)?[,]?\s*(?:请|如有|不得)|"
         r"侵犯了?(?:您|你)?的?(?:版权|权益|著作权)[^。]{0,20}?(?:联系|告知|通知)(?:本站|我们|本网|平台)",
         kind="block", where="edges", max_len=300,
         reason="download-site disclaimer or terms of use"),
)

# --------------------------------------------------------------------------------------- inline watermarks

WATERMARKS: tuple[Rule, ...] = (
    rule("watermark.original-url",
         rf"原创\s{{0,3}}:\s{{0,3}}(?:https?://|www\.){URL_CHARS}{{0,200}}[ \t]?",
         kind="inline", where="anywhere", max_len=LONG,
         reason="'原创:http://…' watermark injected into the text"),
    # A line of nothing but a site's name and address, between body paragraphs: the name must say it is a
    # site (网, 库, 文档, 范文 ...) or be absent, so a unit's contact line ("单位网址:...") is not touched.
    rule("watermark.site-line",
         rf"[\s(\[【]{{0,3}}(?:[^\s。!?,:;]{{0,10}}?(?:网|库|站|文档|范文|资料|文摘|大全|文秘|写作)"
         rf"[^\s。!?,:;]{{0,4}}?)?\s{{0,3}}[(\[]?\s{{0,3}}(?:https?://|www\.){DOMAIN}\s{{0,3}}[)\]】]?",
         kind="line", where="anywhere", max_len=80,
         reason="site name and address injected as a line of its own between body paragraphs"),
    rule("watermark.empty-url",
         r"https?://(?![a-z0-9])",
         kind="inline", where="anywhere", max_len=LONG,
         reason="URL scheme with no address: the remains of an injected watermark"),
    rule("watermark.injected-source",
         rf"(?<={CJK})(?:来源|出处|转载自?|本文来自|文章来自)\s{{0,3}}:\s{{0,3}}(?:https?://|www\.){URL_CHARS}{{1,200}}(?={CJK})",
         kind="inline", where="anywhere", max_len=LONG,
         reason="source URL injected in the middle of a sentence"),
    rule("watermark.odd-case-domain",
         rf"(?<={CJK_OR_PUNCT})\s?(?:www\.)?[a-z0-9-]{{1,40}}\."
         r"(?-i:(?!(?:com|cn|net|org|cc)(?![a-zA-Z]))(?i:com|cn|net|org|cc))(?![a-z])\s?(?=" + CJK + ")",
         kind="inline", where="anywhere", max_len=LONG,
         reason="site domain with scrambled letter case injected into the text ('GZ85.cOm')"),
    rule("watermark.injected-domain",
         rf"(?<={CJK_OR_PUNCT})(?<!访问|登录|登陆|网址|网站|点击|进入|关注|浏览|查询|通过|搜索|打开|登入|官网)"
         rf"(?:www\.)?[a-z0-9-]{{1,40}}(?:\.[a-z0-9-]{{1,40}}){{0,2}}\.(?-i:{TLD})(?![a-z])(?={CJK})",
         kind="inline", where="anywhere", max_len=LONG, suspect=True,
         reason="a web address glued between Chinese characters may be an injected watermark"),
)

BUILTIN: tuple[Rule, ...] = (*FURNITURE, *BLURBS, *TAILS, *TRUNCATION, *BANNERS, *WATERMARKS)
"""Every built-in rule, in the order they are tried."""
