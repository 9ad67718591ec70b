"""The built-in residue rules, one named group per family.

Patterns are written for the folded text (half-width punctuation, simplified vocabulary; see
`docconv.clean.rules`), anchored by their kind, and use bounded repeats only so that a megabyte-long line
cannot make them backtrack for long. Each rule fires on wording *and* position: phrases that also occur in
real reports are limited to the head or tail of a document, or demand a second signal next to them.
"""

from __future__ import annotations

from docconv.clean.rules import Rule, rule
from docconv.clean.rules.pages import PAGES
from docconv.clean.rules.pieces import (
    CJK,
    CJK_OR_PUNCT,
    CLOCK,
    DATE,
    DATETIME,
    DOMAIN,
    LONG,
    NO_STOP,
    SEP,
    TIME,
    TLD,
    URL,
    URL_CHARS,
)
from docconv.clean.rules.platforms import PLATFORMS

# ------------------------------------------------------------------------------------------ shared pieces
# (dates, times, addresses: docconv.clean.rules.pieces)

_MENU_ITEM = r"[^|/·•。!?,\s](?:[^|/·•。!?,]{0,8}[^|/·•。!?,\s])?"

_META_FIELD = (
    r"(?:发布|发表|更新|上传|录入|添加|提交)(?:时间|日期|于)|(?:发布|发文|信息来源)(?:部门|单位|机构)|"
    r"时间|日期|来源|出处|作者|编辑|责任编辑|责编|"
    r"浏览(?:次数|量|数)?|阅读(?:次数|量|数)?|点击(?:次数|量|数|率)?|点阅(?:次数|量|数|率)?|访问(?:次数|量)|人气|热度|"
    r"评论(?:数)?|"
    r"栏目|分类|所属分类|字号|字体|投稿|发布者|发布人|文章编号|编号"
)
# A field value runs up to the next field name; a colon only belongs to it inside a time or a URL.
_META_VALUE = (rf"(?:(?!(?:{_META_FIELD})\s*:)"
               r"(?:[^:|┆丨\[\]【】]|(?<=\d):(?=\d)|(?<=http):(?=//)|(?<=https):(?=//))){0,80}+")

_SHARE_TARGET = r"qq空间|qq好友|qq|新浪微博|腾讯微博|微博|微信好友|微信|朋友圈|豆瓣|人人网|贴吧|钉钉"
# Buttons and links of news, blog, forum and document pages. Each is a word no report writes as a line
# of its own; a line made only of them is page furniture wherever it stands.
_TOOL = (
    r"[大中小]\s*+(?:字号|字体)|分享(?:让|给)更多(?:的)?(?:人|朋友|网友)(?:看到|知道|看看)?|"
    r"打印本页|打印此页|打印此文|打印文章|打印|列印本页|列印|关闭窗口|关闭本页|关闭此页|关闭视窗|关闭|"
    r"返回顶部|返回首页|返回列表|返回|收藏本页|加入收藏|收藏|复制链接|复制网址|推荐给(?:朋友|好友)|纠错|挑错|报错|"
    r"侵权投诉|投诉|举报|意见反馈|反馈|点赞|在看|赞赏支持|赞赏|转发|转载原文|禁止转载|转藏|献花\s*+\(\d{1,6}\)|"
    r"\+\s*+1|收起全文|收起|"
    r"转载▼?|发表评论|发评论|评论|回复\s*+\(\d{1,6}\)|回复|引用|使用道具|"
    r"来自[a-z0-9\u3400-\u9fff ]{1,16}?客户端|登录(?:百度)?(?:帐号|账号)|"
    r"只看(?:该作者|楼主)|倒序浏览|正序浏览|高级模式|快速回复|发表回复|电梯直达|已关注|取消关注|关注(?:ta|他|她|作者)|\+?\s*+关注|"
    r"(?:vip|会员)?免费下载|立即下载|下载文档|下载本文档|"
    r"扫一扫\s*+(?:在|用)?\s*+手机(?:上)?\s*+(?:打开|浏览|阅读|查看)\s*+(?:当前页|本页|此页|本文)?|"
    r"手机(?:扫码|扫一扫)\s*+(?:阅读|浏览|打开)?\s*+(?:当前页|本页|本文)?|扫一扫|设为首页|top|"
    rf"分享到?\s*+:?\s*+(?:(?:{_SHARE_TARGET})\s*+[|/·,、]?\s*+){{0,10}}|"
    r"(?:字号|字体)\s*+:?\s*+(?:[大中小]\s*+){1,3}"
)

_COUNTER = (r"阅读量|阅读数|阅读|阅|浏览量|浏览|评论数|评论|收藏|转载|转藏|点赞|在看|赞|献花|分享|喜欢|回复|"
            r"查看|下载量|下载|粉丝|字数|点击")
_DOC_FIELD = (
    r"文档贡献者|贡献者|上传者|上传用户|上传人|分享者|内容提供方|提供者|文档格式|文件格式|格式|文档页数|页数|"
    r"文件大小|大小|字数|下载积分|所需积分|积分|下载次数|下载量|收藏次数|收藏数|浏览人气|浏览次数|阅读次数|"
    r"需要金币|金币|下载券|上传日期|上传时间|发布时间|评分"
)
_DOC_OWNER = r"文档贡献者|贡献者|上传者|上传用户|分享者|内容提供方"
"""Fields naming who put the document on the site: pages also print them with spaces for a colon."""
_DOC_VALUE = (rf"(?:(?!(?:{_DOC_FIELD})\s*:|(?:贡献|上传|分享|发布)于)"
              r"(?:[^:|\[\]【】。!?]|(?<=\d):(?=\d))){0,40}+")
# At least one field on the line must be one that only a document-sharing page prints.
_DOC_SITE_FIELD = (
    r"贡献者|贡献于|上传者|上传人|上传于|上传用户|内容提供方|分享者|下载积分|所需积分|需要金币|下载券|浏览人气|"
    r"下载次数|收藏次数|文档格式|文档页数|格式\s*:\s*(?:docx?|pdf|wps|txt|pptx?)|大小\s*:\s*\d{1,6}(?:\.\d{1,3})?\s*[km]b"
)
_CREDIT = (
    r"文字|文案|图片|图|摄影|视频|编辑|责编|责任编辑|审核|审校|校对|排版|美编|初审|复审|终审|"
    r"统筹|策划|撰稿|作者|记者|通讯员|供稿|来源|文"
)

# Fields of an office system's workflow. At least one must be the system's own (a process number, an
# export or print time): '签发人' and '密级' also head real official documents.
_OA_SYSTEM = (r"流程编号|流程号|流水号|导出时间|导出人|打印时间|打印人|下载时间|下载人|生成时间|办理状态|"
              r"当前节点|当前环节")
_OA_FIELD = (rf"{_OA_SYSTEM}|文档编号|公文编号|拟稿人|拟稿部门|拟稿单位|拟稿日期|核稿人|审核人|签发人|会签人|"
             r"密级|缓急|紧急程度")
_OA_VALUE = (rf"(?:(?!(?:{_OA_FIELD})\s*:)(?:[^:|\[\]【】。!?]|(?<=\d):(?=\d))){{0,40}}+")

# A counter or share link printed among the page fields ('1286 次浏览', '分享到:').
_COUNT_ITEM = r"\d{1,9}\s*+(?:次|人)?\s*+(?:浏览|阅读|点击|访问)|分享到?\s*+:?"

# ---------------------------------------------------------------------------------------- site furniture

FURNITURE: tuple[Rule, ...] = (
    rule("furniture.breadcrumb",
         r"(?:(?:您|你)(?:现在|目前|当前)?(?:的|所在的)(?:当前)?位置|当前(?:所在)?位置|所在位置)\s*:.{0,150}"
         r"|位置\s*:\s*(?:网站首页|首页|主页|>).{0,150}",
         kind="line", where="anywhere", max_len=160,
         reason="breadcrumb line naming the page's place in the site ('您的位置:', '当前位置:')"),
    rule("furniture.breadcrumb-trail",
         r"(?:网站|返回)?(?:首页|主页)\s*(?:>>?|»|›|→|-{1,2}>|/|\\)\s*.{0,150}",
         kind="line", where="anywhere", max_len=160,
         reason="breadcrumb trail starting from the site home page ('首页 > ...')"),
    rule("furniture.meta-fields",
         rf"\s*+(?>[\[【(]?\s*+(?:(?:{_META_FIELD})\s*+:\s*+{_META_VALUE}|{_COUNT_ITEM})[\]】)]?\s*+[|/·┆丨]?\s*+){{2,8}}",
         kind="line", where="anywhere",
         reason="line of page fields (publish time, source, author, views...) printed by the site"),
    rule("furniture.publish-time",
         rf"(?:发布|发表|更新|上传|录入|添加|提交)(?:时间|日期|于)\s*:?\s*(?P<date>{DATETIME}){NO_STOP}{{0,80}}",
         kind="line", where="anywhere",
         reason="publish/update time line printed by the site"),
    rule("furniture.timestamp",
         rf"[(\[【]?\s*(?:(?:时间|日期)\s*:?\s*)?(?P<date>{DATE}\s+\d{{1,2}}:\d{{2}}:\d{{2}})\s*[)\]】]?",
         kind="line", where="anywhere",
         reason="a bare timestamp with seconds: a page field, not a date written by the author"),
    rule("furniture.time-line",
         rf"(?:时间|日期)\s*:\s*(?P<date>{DATETIME})",
         kind="line", where="head", suspect_elsewhere=False,
         reason="'时间:' line above the body: the page's publish time"),
    # Counts in tens of thousands as social sites print them: '阅读 1.2万', '浏览 3.5w', '阅读 10万+'.
    rule("furniture.view-count",
         r"(?:浏览|阅读|点击|点阅|访问|围观|人气)(?:次数|量|数|人数)?\s*:?\s*\d{1,9}"
         r"(?:(?:\.\d{1,2})?\s*[万wk]\s*\+?)?\s*(?:次|人|人次)?(?:浏览|阅读)?",
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
         rf"[\[【(]?\s*(?:本文|原文|文章|永久|本页|当前页)(?:链接|地址|网址)\s*:?\s*(?P<source>{URL})?{NO_STOP}{{0,60}}"
         rf"|转载请(?:注明|保留)(?:出处|来源|原文链接|本文地址)?{NO_STOP}{{0,80}}",
         kind="line", where="anywhere",
         reason="permalink or reposting notice of the page"),
    rule("furniture.tags",
         r"(?:相关|本文|文章|热门)?(?:标签|tags?|热词搜索|热词|热搜词|搜索词)\s*:\s*.{1,100}"
         r"|(?:文章|所属)?(?:分类|栏目)\s*:\s*[^。!?]{1,40}"
         r"|搜索更多(?:关于)?\s*:?.{1,60}?的?(?:文档|文章|范文|资料|内容)",
         kind="line", where="edges",
         reason="tag or search-word list of the page ('标签:', '相关热词搜索:', '搜索更多关于:')"),
    rule("furniture.keywords",
         r"(?:关键词|关键字)\s*:\s*.{1,100}",
         kind="line", where="tail", suspect_elsewhere=False,
         reason="keyword list printed after the article by the site"),
    rule("furniture.copyright",
         rf"{NO_STOP}{{0,60}}(?:版权所有|copyright|©|all rights reserved|icp备|icp证|公网安备|网站标识码)"
         rf"{NO_STOP}{{0,100}}",
         kind="line", where="edges",
         reason="site copyright/registration footer"),
    rule("furniture.page-tools",
         rf"(?>[\[【(]?\s*+(?:{_TOOL})\s*+[\]】)]?\s*+[:|/·┆丨]?\s*+){{1,12}}",
         kind="line", where="anywhere", max_len=120,
         reason="page tool links (print, close, share, font size, reply, report)"),
    # A `字段:网址` line ('首页网址:http://…', '网址:…') is a field of the report's own data as often as
    # a site's header: only a name that says it is a site may stand before a colon.
    rule("furniture.site-header",
         rf"(?:[^\s。!?,:]{{0,12}}?|[^\s。!?,:]{{0,10}}?(?:网|文库|文档)\s*:)\s*[(\[]?\s*(?P<source>{DOMAIN})\s*[)\]]?",
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
    # A document-sharing page titles the text with its file name; a file name in the body ('附件:表.docx')
    # is the author's, so only the head is touched.
    rule("furniture.title-file-suffix",
         r"(?<=[\u3400-\u9fff\d)】])\s{0,2}\.(?:docx?|pdf|wps|txt|pptx?|rtf)\s{0,2}$",
         kind="inline", where="head", suspect_elsewhere=False, max_len=60,
         reason="file extension a document-sharing site appended to the title ('…工作总结.doc')"),
    # Breadcrumbs that do not start from 首页: 'XX网 > 范文 > 总结 >'. A process written by the author
    # ('申请 > 审核 > 发证') is possible in a report, so only at the edges, where breadcrumbs stand.
    rule("furniture.breadcrumb-path",
         r"(?>[^>»›。!?,;:\s][^>»›。!?,;:]{0,19}(?:>>?|»|›)\s*+){2,10}[^>»›。!?,;:]{0,20}",
         kind="line", where="edges", max_len=160,
         reason="breadcrumb trail of the page ('XX网 > 实用范文 > 工作总结 >')"),
    rule("furniture.counters",
         rf"(?:\d{{1,4}}(?:\.\d{{1,4}})?\s+)?(?:{DATETIME}\s*+(?:[|·•┆丨]\s*+)?)?"
         rf"(?>(?:{_COUNTER})\s*+[(\[:]?\s*+\d[\d,]{{0,12}}(?:(?:\.\d{{1,2}})?\s*+[万wk]\+?)?\s*+[)\]]?\s*+"
         r"(?:次|人|条)?\s*+[|·/┆丨‖]?\s*+){2,8}",
         kind="line", where="anywhere",
         reason="row of counters printed by a blog or article page ('阅读(235) 评论(3) 收藏(1)')"),
    # Fields of a document-sharing page (uploader, format, size, pages, price). The field names are
    # ordinary words, so two of them on one line are required, and only at the edges.
    rule("furniture.doc-fields",
         rf"(?=.{{0,160}}?(?:{_DOC_SITE_FIELD}))"
         rf"\s*+(?:[\[【(]?\s*+(?:(?:{_DOC_FIELD})\s*+:\s*+|(?:{_DOC_OWNER})\s++|(?:贡献|上传|分享|发布)于\s*+)"
         rf"{_DOC_VALUE}"
         r"[\]】)]?\s*+[|/·]?\s*+){2,10}",
         kind="line", where="edges",
         reason="fields of a document-sharing page (uploader, format, pages, size, price)"),
    rule("furniture.credits",
         rf"\s*+(?:(?:{_CREDIT})\s*+[:|丨/]\s*+[^\s:|丨/,。!?;]{{1,16}}?\s*+[|/·]?\s*+){{2,10}}",
         kind="line", where="edges", max_len=120,
         reason="credit line of an article copied from a public account ('文字 | … 编辑 | … 审核:…')"),
    rule("furniture.forum-edit",
         rf"本帖最后由\s{{0,3}}[^\s]{{1,30}}\s{{0,3}}于\s{{0,3}}{DATETIME}\s{{0,3}}编辑\s?",
         kind="inline", where="anywhere", max_len=LONG,
         reason="forum note that a post was edited ('本帖最后由 … 于 … 编辑')"),
    rule("furniture.forum-floor",
         r"楼主|沙发|板凳|地板|\d{1,5}\s*楼|\d{1,5}\s*#|#\s*\d{1,5}",
         kind="line", where="edges", suspect_elsewhere=False, max_len=12,
         reason="floor label of a forum thread ('楼主', '沙发', '5#')"),
    # A forum author who goes on with the text in the next post says so at the seam.
    rule("furniture.forum-continued",
         r"[(\[【]?\s*+(?:接上楼|接楼上|续上楼|接上帖|接上页|楼下继续|下楼继续|未完,?\s*+(?:见|接)?下楼|见下楼)"
         r"\s*+[)\]】]?",
         kind="line", where="anywhere", max_len=14,
         reason="a forum author's note that the text goes on from the post above or below ('(接上楼)', "
                "'未完见下楼')"),
    rule("furniture.thread-info",
         r"(?:共\s*+)?\d{1,6}\s*+条?(?:回复|回帖)(?:贴|帖)?\s*+[,|]?\s*+共\s*+\d{1,4}\s*+页",
         kind="line", where="edges", max_len=24,
         reason="a forum thread's count of replies and pages ('6回复贴,共1页')"),
    # Public-account furniture. '蓝字'/'名片' calls are never report text; QR-code and '在看' lines may
    # be part of a notice ('长按识别二维码报名'), so those are limited to the edges.
    rule("furniture.follow-call",
         r"[↑↓☝👆▲△\s]{0,4}(?:点击|点)?\s*(?:上方|上面|下方|下面|标题下方?)?\s*[\"“]?"
         r"(?:蓝字|蓝色字体?|蓝色文字|名片|公众号名称)[\"”]?\s*[,\s]*(?:一键)?(?:关注|订阅|加关注)"
         r"(?:我们|本号|公众号)?\s*[!~。]*",
         kind="line", where="anywhere", max_len=40,
         reason="call to follow a public account ('点击上方蓝字关注我们')"),
    rule("furniture.social-buttons",
         r"(?:欢迎)?(?:关注我们|关注本号)[!~。]*"
         r"|(?:长按|扫描|扫码|识别)[^。!?]{0,6}?二维码\s*[,\s]*(?:(?:关注|订阅|加关注)(?:我们|本号|公众号)?)?[!~。]*"
         r"|[^。!?]{0,10}?点(?:个|一下|亮)?\s*[\"“]?在看[\"”]?[^。!?]{0,12}"
         r"|阅读原文|[-—=~_\s]{0,6}(?:the\s)?end[-—=~_\s]{0,6}|(?:▼\s*|▲\s*|▽\s*|△\s*|↓\s*|↑\s*){1,10}",
         kind="line", where="edges", max_len=40,
         reason="buttons and marks of a public-account page ('长按识别二维码', '点个在看', 'END')"),
    rule("furniture.app-promo",
         r"更多精彩(?:内容)?\s*[,!\s]*(?:就在|尽在|请|快|下载|打开)[^。!?]{0,20}",
         kind="line", where="edges", max_len=40,
         reason="site line advertising its app ('更多精彩内容,就在XX APP')"),
    # A writer's own call to follow the account, as feeds print under the title: '关注我,每天分享…'.
    # The comma right after the pronoun keeps '关注我局网站…' out.
    rule("furniture.follow-me",
         rf"(?:欢迎|记得|点击|点个)?\s*(?:关注|订阅)\s*(?:我|我们|本号|小编|作者)\s*[,!~]\s*{NO_STOP}{{0,30}}?"
         rf"(?:分享|更新|推送|带来|发布){NO_STOP}{{0,50}}[。!~]*"
         rf"(?:{NO_STOP}{{0,30}}?(?:收藏|关注|点赞|转发|评论){NO_STOP}{{0,20}}[。!~]*)?",
         kind="line", where="edges", max_len=100,
         reason="the account's call to follow it ('关注我,每天分享实用范文,需要的朋友可以收藏')"),
    # The note a platform prints under every post: the text is the account's own and may not be copied.
    rule("furniture.reprint-ban",
         rf"[(\[【]?\s*(?:本文|此文|该文|文章|本篇|本内容)(?:为|系|是|由)?{NO_STOP}{{0,20}}?(?:原创|独家)"
         rf"{NO_STOP}{{0,30}}?(?:未经|禁止|严禁|谢绝|不得){NO_STOP}{{0,30}}?转载{NO_STOP}{{0,20}}[。!]?\s*[)\]】]?"
         rf"|[(\[【]?\s*(?:未经|非经)(?:作者|本号|本站|本平台|原作者|平台)(?:书面)?(?:授权|许可|同意){NO_STOP}{{0,20}}?"
         rf"(?:禁止|不得|严禁|谢绝){NO_STOP}{{0,10}}?转载{NO_STOP}{{0,20}}[。!]?\s*[)\]】]?",
         kind="line", where="edges", max_len=100,
         reason="the platform's reprint notice under a post ('本文为…作者原创,未经授权,不得转载')"),
    # Topic tags of a microblog: each closed by its own '#' ('#基层治理# #年终总结#').
    rule("furniture.hashtags",
         r"(?>#(?=[\u3400-\u9fff\w])[^#\s]{1,20}#\s*+){1,10}",
         kind="line", where="anywhere", max_len=160,
         reason="topic tags of a microblog post ('#基层治理# #年终总结#')"),
)

# Lines found on pages of sites the rules above were not written from (forums, blogs, public accounts,
# document libraries). Each names the general shape, not one site's wording.
_SITE_NAME = rf"(?:{CJK}|[a-z0-9]){{1,12}}?(?:范文网|网|文库|文档|图书馆|贴吧|吧|论坛|博客)"
"""A site's name: a short name ending in a word that says it is a site."""
_GENRE = r"(?:总结|报告|计划|汇报|述职|心得|体会|方案|讲话|发言|材料|规划|要点)"
_ONE_TITLE = (rf"(?!(?:年终|年度|个人|工作|述职|心得){{0,2}}{_GENRE}{{1,2}}(?:范文|大全|精选)?\s*[\]】]?\s*$)"
              rf"[^|｜]{{0,40}}?{_GENRE}[^|｜]{{0,20}}$")
"""What follows a name and a dash when the line is one report title: a genre word after words of its
own (a bare genre phrase, '述职报告', is the site's category) and no further menu bar."""
_NOT_GOV = r"(?!.{0,200}?\.(?:gov|edu)\.)"
"""Put first in a pattern: refuses a line with the address of a government or school site, which the
report's own office may run."""
_WEB_WORD = (r"首页|主页|app|会员|登录|注册|下载|视频|图片|看贴|精品|专栏|论坛|社区|博客|问答|频道|阅览室|"
             r"图书馆|文库|排行|投稿")
_ROW_ITEM = r"[^\s|/·┆丨。!?,;:]{1,8}"
_TOOLISH = (rf"(?:{_COUNTER})\s*+[(\[:]?\s*+\d[\d,]{{0,12}}\s*+[)\]]?|{_TOOL}|阅读原文|"
            r"(?:来源|作者)\s*+:\s*+[^\s|┆丨:]{1,16}")
_TOOL_ITEM = (r"(?<![\u3400-\u9fffa-z])"
              r"(?:打印|收藏|关闭|纠错|挑错|报错|举报|投诉|反馈|分享|评论|转发|点赞|返回|复制)"
              r"(?:本页|此页|本文|文章|窗口|链接|网址)?(?![\u3400-\u9fffa-z])")
"""A common button word standing as a whole item of a row (few enough words to be looked for first)."""
_ROW_BUTTON = rf"[\[【(]?\s*+(?:{_TOOL}|{CJK}{{1,4}})\s*+[\]】)]?\s*+[|/·┆丨]?\s*+"
"""One item of a toolbar row: a known button, or a short word standing between them."""
_PROFILE_ITEM = (r"总资产\s*+\d[\d.]{0,9}|(?:共写了?|获得了?|共有?|拥有)?\s*+\d[\d.,]{0,9}\s*+[wk万]?\s*+"
                 r"(?:个|篇)?\s*+(?:字|赞|粉丝|喜欢|文章|关注)")

SITE_PAGES: tuple[Rule, ...] = (
    # A bare site name is also the name of a company or a newspaper ('国家电网'): removed only when the
    # document carries other residue.
    rule("furniture.site-name",
         rf"[\[【]?\s*{_SITE_NAME}\s*[\]】]?",
         kind="line", where="head", corroborate=True, max_len=30,
         reason="the site's name standing alone above the text"),
    # A name ending in 网 followed by one report title ('南方电网-2023年安全生产工作总结') is a company's
    # title line, not a banner: a banner's tail is a slogan or a menu.
    rule("furniture.site-banner",
         rf"[\[【]?\s*{_SITE_NAME}\s*(?:[-—_|·]\s*(?!{_ONE_TITLE}){NO_STOP}{{1,40}}"
         rf"|\s{{1,3}}{NO_STOP}{{0,30}}?\|{NO_STOP}{{1,40}})"
         r"\s*[\]】]?",
         kind="line", where="edges", max_len=80,
         reason="the site's name with its slogan, category or menu ('XX网 - 免费范文大全 | …', "
                "'【XX网 - 述职报告】')"),
    rule("furniture.collected-title",
         rf"{_SITE_NAME}\s*(?:收录|整理|发布|提供|推荐)的?\s*《{NO_STOP}{{1,80}}》",
         kind="line", where="edges", max_len=120,
         reason="the site's heading over the text it collected ('XX网 收录的《…》')"),
    rule("furniture.menu-row",
         rf"(?=.{{0,100}}?(?:{_WEB_WORD}))\s*+(?>{_ROW_ITEM}(?:\s*+[|/·┆丨]\s*+|\s++)){{3,12}}{_ROW_ITEM}",
         kind="line", where="head", corroborate=True, max_len=120,
         reason="a row of short menu words of the site ('首页 | 阅览室 | 馆友', '看贴 图片 精品 视频')"),
    rule("furniture.byline",
         rf"(?:作者|发布者|发布人)\s*:\s*(?P<author>[^\s:,,。!?]{{1,16}})\s+(?P<date>{DATETIME})",
         kind="line", where="edges", suspect_elsewhere=False,
         reason="author and time of the page above the text ('作者:… 2023-12-29 10:24')"),
    rule("furniture.account-byline",
         rf"(?:原创\s*)?(?:[^\s:,,。!?]{{1,16}}\s+){{0,2}}(?P<date>{DATE}\s*{TIME})\s*(?:发表|发布)于\s*{CJK}{{2,8}}",
         kind="line", where="edges", suspect_elsewhere=False,
         reason="public-account byline: account, time and the place it was posted from ('… 发表于浙江', "
                "'… 发布于 浙江')"),
    # A feed's byline: the time of the post and its account joined by a dot ('原创2024-01-08 10:15·某某号');
    # a report never prints a clock time beside a name.
    rule("furniture.post-byline",
         rf"(?:原创\s*)?(?P<date>{DATE}\s*{CLOCK})\s*[·•|]\s*[^\s:,,。!?·•|]{{1,16}}"
         rf"|[^\s:,,。!?·•|]{{1,16}}\s*[·•|]\s*(?:原创\s*)?{DATE}\s*{CLOCK}",
         kind="line", where="head", suspect_elsewhere=False,
         reason="byline of a news-feed post: its time and account ('原创2024-01-08 10:15·某某号')"),
    rule("furniture.dated-counter",
         rf"(?P<date>{DATETIME})(?:\s++|\s*+[·•|丨]\s*+)(?:[^\s:,,。!?|·•丨]{{1,16}}(?:\s++|\s*+[·•|丨]\s*+))?"
         r"(?:阅读|浏览|阅|点击)(?:量|数)?\s*:?\s*\d[\d,]{0,9}(?:(?:\.\d{1,2})?\s*[万wk]\+?)?\s*次?",
         kind="line", where="edges", suspect_elsewhere=False,
         reason="publish date, site and view counter of the page ('2023-07-06 XX之家 阅读 892', "
                "'2024-01-03 · 阅读 2.1万')"),
    # Buttons, counters and page fields mixed on one row ('阅读(235)┆ 评论(3) ┆ 转载原文 ┆ 收藏'): every
    # item is a counter, a button or a field, so a sentence never matches.
    rule("furniture.button-row",
         rf"(?:(?P<date>{DATETIME})\s*+[|┆丨·]?\s*+)?(?>(?:{_TOOLISH})\s*+[|/·┆丨]?\s*+){{2,16}}",
         kind="line", where="anywhere", max_len=160,
         reason="a row of counters, buttons and page fields ('阅读(235)┆ 评论(3) ┆ 收藏', "
                "'转藏 分享 献花(0)')"),
    rule("furniture.forum-floor-time",
         rf"(?:楼主|沙发|板凳|地板|\d{{1,5}}\s*楼|\d{{1,5}}\s*#|#\s*\d{{1,5}})\s*[|·]?\s*{DATETIME}"
         r"(?:\s*[|·]?\s*来自[a-z0-9\u3400-\u9fff ]{1,16}?客户端)?",
         kind="line", where="anywhere", max_len=60,
         reason="floor label and time of a forum post ('2楼 2023-07-08 22:05')"),
    rule("furniture.forum-title",
         rf"[【\[](?:求助|讨论|分享|原创|转载|转帖|提问|求教|请教|交流)[】\]]{NO_STOP}{{1,60}}?(?:,|请|帮忙|吗|呢)"
         rf"{NO_STOP}{{0,60}}\??",
         kind="line", where="head", corroborate=True, max_len=100,
         reason="a forum thread's title that asks or requests ('【求助】…请大家帮忙看看'); a tagged title "
                "that "
                "names a document ('【分享】…述职报告') is the report's and stays"),
    rule("furniture.app-call",
         rf"(?:扫(?:描)?\s*(?:二维码|码)\s*)?(?:下载|打开|安装)\s*{NO_STOP}{{0,10}}?(?:客户端|app)"
         r"(?:\s*,?\s*(?:继续)?(?:阅读|查看|看|浏览)(?:全文|更多|原文|完整版?)?|\s*,?\s*(?:阅读)?体验更(?:佳|好))?\s*(?:>>?|»)?"
         r"|登录\s*[^\s。!?,]{0,6}?(?:帐号|账号)",
         kind="line", where="edges", max_len=30,
         reason="site line asking the reader to install its app or log in ('扫二维码下载贴吧客户端', "
                "'打开APP阅读全文')"),
    # A toolbar row judged as a whole: two or more of its items are known buttons (print, favourite,
    # report an error), so the other short words in it are buttons too ('[收藏] [打印] [挑错] [推荐]').
    # Items are whole words between brackets or separators; a sentence or glued text never matches.
    rule("furniture.toolbar-row",
         rf"(?=(?:.{{0,100}}?{_TOOL_ITEM}){{2}})\s*+(?>{_ROW_BUTTON}){{0,11}}?"
         rf"[\[【(]?\s*+{_TOOL_ITEM}\s*+[\]】)]?\s*+[|/·┆丨]?\s*+(?>{_ROW_BUTTON}){{0,11}}",
         kind="line", where="edges", max_len=120,
         reason="a toolbar row: short button words standing with known buttons "
                "('收藏 | 打印 | 挑错 | 推荐')"),
    # The footer of a print page: when it was printed (its address is `furniture.permalink`'s).
    rule("furniture.print-time",
         rf"[\[【(]?\s*打印(?:时间|日期)\s*:\s*{DATE}(?:\s*{TIME})?\s*[)\]】]?",
         kind="line", where="edges", max_len=40,
         reason="print time in the footer of a print page ('打印时间:2024-01-20 15:12')"),
    # A platform's safety banner over its comments ('重要提示:警惕虚假中奖信息'). An anti-fraud report
    # may write the same words, so only at the edges and only with other residue in the document.
    rule("furniture.scam-notice",
         r"(?:评论\s*+)?[\[【]?\s*(?:重要|温馨|安全|特别)?提示\s*[\]】]?\s*:?\s*(?:请)?"
         r"(?:警惕|谨防|当心|小心|提防|注意防范)(?:虚假|不明)?中奖(?:信息|诈骗|短信|链接|电话)?\s*[!。]?",
         kind="line", where="edges", corroborate=True, max_len=40,
         reason="a platform's safety banner over the comments ('重要提示:警惕虚假中奖信息')"),
    rule("furniture.tipping",
         rf"小礼物走一走{NO_STOP}{{0,20}}|(?:还没有人|快来)?赞赏\s*(?:支持|一下|作者)?{NO_STOP}{{0,10}}",
         kind="line", where="edges", max_len=30,
         reason="tipping line of a blog page ('赞赏支持', '小礼物走一走,来…关注我')"),
    rule("furniture.profile-stats",
         rf"(?=.{{0,80}}?(?:粉丝|个赞|总资产))\s*+(?>(?:{_PROFILE_ITEM})\s*+[|·,]?\s*+){{2,8}}",
         kind="line", where="anywhere", max_len=100,
         reason="author statistics of a blog page ('总资产12 共写了3.6W字 获得215个赞')"),
    rule("furniture.topic-tag",
         rf"(?:#\s*{CJK}[^\s#]{{0,15}}\s*\d{{1,4}}\s*个\s*){{1,6}}",
         kind="line", where="edges", max_len=80,
         reason="topic collection link of a public-account page ('#德育工作 3个')"),
    # What a copy of a public-account page leaves where a picture or video stood.
    rule("furniture.media-placeholder",
         r"[\[【]?\s*(?:图片|视频|动图|音频|▼|▲|▽|△)\s*[\]】]?",
         kind="line", where="anywhere", corroborate=True, max_len=20,
         reason="placeholder or arrow left where the page had a picture or video ('图片', '▼')"),
    rule("furniture.doc-box",
         rf"关于本文(?:档)?|文档信息|本文信息|(?:本文|文章|文档)标题\s*:\s*{NO_STOP}{{1,80}}",
         kind="line", where="edges", max_len=100,
         reason="information box of a document page ('关于本文', '本文标题:…')"),
    rule("furniture.doc-link",
         rf"{_NOT_GOV}(?:本文|文章|文档)?链接地址\s*:\s*{URL}",
         kind="line", where="edges", corroborate=True, max_len=200,
         reason="address of the page in its information box ('链接地址:https://…')"),
)

# ------------------------------------------------------------------------------------ editor and ad blurbs

_AD_SIGNAL = (
    r"本站|本网|小编|范文|写作灵感|写作素材|精选了|为(?:您|你|大家)(?:精心)?(?:精选|整理|推荐|准备|收集|搜集)|"
    r"欢迎(?:您的)?阅读与分享|供(?:大家|您|你|各位)参考|欢迎(?:参考|阅读|借鉴|下载)|网友上传|原创文章|客服"
)

BLURBS: tuple[Rule, ...] = (
    rule("blurb.collected-by",
         r"由\s*[^,。!?\s]{1,16}?(?:网|文库|小编|网友|范文站|资料站)\s*(?:用户)?(?:收集|搜集|精心整理|编辑整理|精选|"
         r"整理(?:发布|提供|上传|\s*[,。!]?\s*转载))",
         kind="block", where="edges", max_len=150,
         reason="site line saying it collected the page ('《…》由XX网收集整理,转载请注明出处')"),
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
         rf"(?:【[^】]{{0,80}}】)?\s*(?P<source>{DOMAIN})?\s*[【\[]?\s*(?:更多{CJK}{{0,8}}?|点击查看)?"
         r"(?:推荐阅读|相关阅读|延伸阅读|扩展阅读|拓展阅读|精彩阅读|更多阅读|热门阅读|热点阅读|相关文章|相关推荐|"
         r"相关范文|相关内容|相关链接|相关资料|相关文档|热门文章|热门推荐|猜你喜欢|精彩推荐|"
         r"相关(?:精品|精选|热门|优质|推荐)(?:文档|文章|范文|资料)|(?:精品|精选|热门|优质)(?:文档|文章|范文|资料)推荐|"
         r"你可能(?:还)?(?:会)?(?:感兴趣|喜欢)(?:的)?(?:文章|文档)?|"
         r"更多精彩|最新文章|最新推荐)(?:推荐|列表|导读)?\s*[】\]]?\s*(?::|>>?|»)?"
         r"(?:\s*更多(?:精彩)?(?:内容|文章)?\s*(?:>>?|»)?)?",
         kind="tail-start", where="anywhere", max_len=120,
         reason="header of the site's 'more reading' list ('推荐阅读:', '相关文章', '更多…延伸阅读')"),
    # The same kind of header in the words of public accounts and document-sharing sites.
    rule("tail.list-marker",
         r"[【\[]?\s*(?:往期(?:推荐|回顾|精选|精彩|文章|内容)|历史文章|精彩回顾|大家(?:都|还)在看|猜你感兴趣|"
         r"为(?:你|您)推荐|更多推荐|相关下载|相关专题|阅读了该文档的用户还阅读了(?:这些文档)?|"
         r"该(?:用户|作者)的其他(?:文档|文章|作品)|类似文章|相似文章|相似文档|"
         r"喜欢此内容的人还喜欢|"
         r"看了.{1,60}?的人(?:还|也)(?:看了|在看|阅读了|喜欢))(?:推荐|列表)?\s*[】\]]?\s*(?::|>>?|»)?"
         r"(?:\s*更多(?:精彩)?(?:内容|文章)?\s*(?:>>?|»)?)?",
         kind="tail-start", where="anywhere", max_len=120,
         reason="header of a list of other articles ('往期推荐', '看了…的人还看了:', "
                "'阅读了该文档的用户还阅读了')"),
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
    # A preview's end ('(试读结束,以下为正文)'): followed by the text, it is a marker between the preview
    # and the full text; at the end of the document, the site withheld the rest.
    rule("truncation.preview-end",
         r"[(\[【]?\s*(?:免费)?(?:试读|预览|试看|试阅)(?:部分|内容)?(?:已|到此)?(?:结束|完毕)\s*[,;。!]?\s*"
         r"(?:(?:以下|下面|下文)(?:为|是)?(?:正文|全文|完整(?:内容|正文|版)?)(?:内容)?\s*[。!:]?)?\s*[)\]】]?",
         kind="line", where="anywhere", max_len=40,
         reason="the end of a preview ('(试读结束,以下为正文)')"),
    # A button that unfolds the text: with more report text after it, the page had the text and only
    # folded it (the residue stage then reports it as a button, not as a withheld text).
    rule("truncation.read-more",
         r"(?:点击|>>)?\s*(?:查看|阅读|展开|浏览)(?:全文|更多|剩余(?:全文|内容)?|完整(?:内容|版)?)\s*(?:>>?|»)?",
         kind="line", where="anywhere", max_len=40,
         reason="'read more' link left by the site"),
    # Words that say part of the text was not shown, wherever they stand.
    rule("truncation.unread",
         r"剩余\s*\d{1,3}\s*%\s*未读.{0,20}|(?:还剩|剩余|剩下)\s*\d{1,5}\s*页未读\s*,?\s*"
         r"(?:继续阅读|点击(?:继续)?阅读|展开(?:全文)?|阅读全文)?\s*(?:>>?|»)?|[(\[]?\s*未完\s*[,]?\s*待续\s*[)\]]?",
         kind="line", where="anywhere", max_len=40,
         reason="note that part of the text is unread or to be continued ('还剩3页未读', '(未完待续)')"),
)

# --------------------------------------------------------------------------------- download-site banners

BANNERS: tuple[Rule, ...] = (
    rule("banner.page-number",
         r"-\s{0,3}\d{1,4}\s{0,3}-|—\s{0,3}\d{1,4}\s{0,3}—|第\s{0,3}\d{1,5}\s{0,3}页|\d{1,4}\s{0,3}/\s{0,3}\d{1,4}\s{0,3}页",
         kind="line", where="anywhere", max_len=20,
         reason="page number of a document viewer left between paragraphs ('- 1 -', '第3页')"),
    # Buttons and terms of document-sharing pages. Every alternative names a download of *this* document
    # or a membership, which a report never does on a line of its own.
    rule("banner.download",
         r"(?:(?:(?:vip|会员)\s*+)?(?:免费|立即|马上|点击|一键|直接)?\s*+下载\s*+(?:本文|(?:本|这篇|此|该|这份)?\s*+"
         r"(?:word|pdf|wps|doc)?\s*+(?:文档|文章|范文|资料|文件|全文))"
         r"|全文阅读已结束(?:[^。!?]{0,40}?(?:下载|积分|金币|下载券|vip|会员)[^。!?]{0,20})?"
         r"|(?:加入|开通|升级|成为)\s*+(?:vip|会员)[,!\s]{0,2}[^。!?|]{0,12}?(?:下载|阅读|特权)"
         r"|下载(?:本|该|此|这篇)(?:文档|文章|资料|文)[^。!?]{0,24}?(?:登录|积分|金币|下载券|vip|会员|付费)[^。!?]{0,20}"
         r"|预览与源文档一致[^。!?]{0,20}|下载高清无水印)[,!。|\s]*+",
         kind="line", where="anywhere", max_len=60,
         reason="download or membership button of a document-sharing page ('VIP免费下载', '加入VIP')"),
    rule("banner.price",
         r"(?:需要|所需|消耗|下载所需|售价|价格)\s*(?:金币|积分|下载券|财富值|点券)\s*:?[^。!?]{0,40}"
         r"|下载(?:积分|金币|下载券)\s*:?\s*\d{1,6}\s*(?:金币|积分|下载券|个|分)?",
         kind="line", where="edges", max_len=60,
         reason="price of a download on a document-sharing page ('需要金币:…')"),
    rule("banner.site-slogan",
         r"[^\s。!?,]{1,12}?(?:网|文库|文档|资料)\s*[-—_|·]\s*[^。!?]{0,20}?(?:知识|文档|资料|分享|共享|下载|阅读)"
         r"[^。!?]{0,16}"
         r"|(?:最新|精选|精品|优质|免费)+\s*(?:文档|资料|范文)\s*[,!\s]*"
         r"(?:知识共享|放心下载|欢迎下载|值得收藏|值得下载|可编辑|倾情奉上)[!。~]*",
         kind="line", where="edges", max_len=40,
         reason="slogan of a document-sharing site ('XX文档 - 知识共享存储平台', '最新精品文档,知识共享!')"),
    rule("banner.thanks",
         r"(?:感谢|谢谢)(?:您的)?(?:阅读|浏览|下载)\s*[,!。~\s]{0,3}\s*(?:欢迎|敬请)?(?:下载|收藏|关注|阅读|分享)?"
         r"\s*[!。~]*"
         r"|(?:word|wps|doc)\s*(?:文档|版|格式)?\s*[,\s]*(?:可(?:以)?(?:编辑|修改|复制)){1,2}(?:修改)?[!。]*"
         r"|欢迎下载[!。~\s]{0,4}",
         kind="line", where="edges", max_len=30,
         reason="closing line of a document-sharing page ('感谢阅读,欢迎下载', 'word文档可编辑')"),
    rule("banner.doc-pages",
         r".{0,20}?本文档(?:一)?共\s*\d{1,5}\s*页.{0,40}",
         kind="line", where="anywhere", max_len=80,
         reason="document-sharing banner with the page count ('本文档共4页,可阅读全部内容')"),
    rule("banner.page-counter",
         r"[(\[【]?\s*(?:第\s*\d{1,5}\s*页\s*[,/]?\s*共\s*\d{1,5}\s*页"
         r"|(?:本文|全文|本篇|文章|本文档)?共\s*\d{1,5}\s*页\s*[,;]?\s*(?:当前|目前|现在|此为|这是)(?:为|是)?第\s*\d{1,5}\s*页"
         r"|(?:当前|目前|现在)(?:为|是)?第\s*\d{1,5}\s*页\s*[,;/]?\s*(?:本文|全文)?共\s*\d{1,5}\s*页)\s*[)\]】]?",
         kind="line", where="anywhere", max_len=30,
         reason="page counter of a document-sharing viewer or a paged article ('第1页 共4页', "
                "'(本文共2页,当前第1页)')"),
    rule("banner.quality-docs",
         r"精选优质文档\s{0,3}[-—_~]{0,6}\s{0,3}倾情为(?:你|您)奉上|专心\s{0,3}[-—]{0,6}\s{0,3}专注\s{0,3}[-—]{0,6}\s{0,3}专业",
         kind="inline", where="anywhere", max_len=LONG,
         reason="document-sharing site banner ('精选优质文档-倾情为你奉上')"),
    rule("banner.disclaimer",
         r"(?:本站|本网站|本平台|本文库)[^。,]{0,30}?(?:上传|下载|用户|网友|侵权|付费|预览|会员|文档|版权)|"
         r"(?:文档|资料|内容)(?:来自|来源于)(?:网络|网友)|仅供(?:个人)?(?:学习|交流)(?:参考)?[,]?\s*(?:请|如有|不得)|"
         r"侵犯了?(?:您|你)?的?(?:版权|权益|著作权)[^。]{0,20}?(?:联系|告知|通知)(?:本站|我们|本网|平台)|"
         r"版权归(?:原)?(?:作者|出处)|本文档(?:由|为)(?:用户|网友|会员)?(?:上传|分享|提供)|本文档(?:内容)?版权|"
         r"本文档(?:由|为)\s*+[^\s,。!?]{1,20}?\s*+(?:用户|网友|会员)\s*+(?:上传|分享|提供)|"
         r"(?:声明|免责声明)\s*:\s*本(?:文|站|号|公众号|平台)|仅代表作者(?:本人|个人)?观点|"
         r"(?:文库|网|站|平台)(?:上)?所有(?:资源|文档|内容|资料)(?:均)?(?:是|由|为|来自)?(?:用户|网友)|"
         # the numbered notes under a site's '下载说明:' (software to install, where the price goes, no
         # responsibility for the content)
         r"本站(?:所有|全部)?(?:资源|文档|资料)[^。]{0,16}?(?:如无特殊说明|(?:需要|需|须)[^。]{0,20}?(?:安装|阅读器|软件))|"
         r"(?:消耗|扣除|花费)的?[^。]{0,6}?(?:积分|金币|文币|下载券|财富值)[^。]{0,30}?(?:上传者|上传用户)|"
         r"(?:网|文库|本站|平台)不对(?:内容|文档|资料)?的?(?:准确性|真实性|完整性)?[^。]{0,12}?负(?:责|任何责任)|"
         # the site naming itself (its address, 本站) before the documents it offers 'for reference only'
         rf"(?:{DOMAIN}|本站|本网|本平台)[^。!?]{{0,16}}?(?:提供|上传|分享|发布)的?(?:文档|资料|内容|文章)[^。!?]{{0,8}}?"
         r"仅供(?:参考|学习|预览|阅读|交流)",
         kind="block", where="edges", max_len=300,
         reason="download-site disclaimer or terms of use"),
)

_SELLING = (
    r"知识共享|(?:免费|放心)下载|下载后(?:即可|可以|可)?(?:任意|随意|自由)?(?:编辑|修改|复制|使用|打印)|"
    r"(?:可|能)(?:任意|随意|自由)?(?:编辑|修改|复制)|"
    r"海量(?:文档|资料|范文|资源)(?:免费)?(?:下载|分享|阅读|共享)?|下载(?:文档|本文|文件|资料)?到(?:电脑|手机|本地)|"
    r"(?:查找|使用|阅读|编辑|打印|收藏)(?:使用|查看)?(?:更|很|超)?方便|(?:word|wps|docx?)(?:文档|版|格式)?"
)
"""Selling points of a document-sharing site: its slogan, or why to download the file."""

BANNERS = (*BANNERS,
    # What an office system prints on a document it exports: a note on its origin and a row of the
    # workflow's own fields. (Banners, not furniture: a row of such fields is never the report's own.)
    rule("banner.export-note",
         rf"[(\[【]?\s*(?:本|此|该)(?:文件|文档|公文|稿件|页面|表单|笔记|知识库)(?:由|从|经)"
         rf"(?:[^。!?]{{1,30}}?(?:系统|平台|oa)(?:自动)?(?:导出|生成|打印|输出)"
         # a writing app's export ('本文档由某某导出'): exporting is what the app did, whatever its name
         rf"|\s*[^\s。!?,]{{1,16}}?\s*(?:自动)?导出)"
         rf"(?:[,;\s]\s*{NO_STOP}{{0,30}})?[。]?\s*[)\]】]?",
         kind="line", where="edges", max_len=80,
         reason="an office system's or writing app's note that it exported the document "
                "('本文件由…系统导出,仅限内部使用', '本文档由某某导出,最后更新于…')"),
    rule("banner.export-fields",
         rf"(?=.{{0,160}}?(?:{_OA_SYSTEM}))\s*+(?>(?:{_OA_FIELD})\s*+:\s*+{_OA_VALUE}[|/·]?\s*+){{2,10}}",
         kind="line", where="edges", max_len=200,
         reason="workflow fields an office system prints on an exported document ('流程编号:… 导出时间:…')"),
    # A line made only of a site's selling points, with the site's name in brackets before them, or its
    # name and address, or neither ('【XX文库】海量文档免费下载 · 下载后可编辑', 'XX文档 xx.com 下载后可编辑',
    # '下载文档到电脑,查找使用更方便'); one of them must be about downloading or editing the file.
    rule("banner.selling-points",
         rf"(?=.{{0,60}}?(?:下载|编辑|修改))(?:[【\[]\s*[^】\]\s]{{1,12}}\s*[】\]]\s*"
         rf"|{_NOT_GOV}(?:{CJK}{{2,12}}\s*)?[(\[]?\s*{DOMAIN}\s*[)\]]?\s*[-—|·,:]?\s*)?"
         rf"(?>(?:{_SELLING})\s*+[,!。~·•|/、\s]*+){{1,6}}",
         kind="line", where="anywhere", max_len=60,
         reason="selling points of a document-sharing site ('海量文档免费下载 · 下载后可编辑')"),
    # The header over a site's download notes; the notes themselves are `banner.disclaimer`'s.
    rule("banner.download-notes",
         r"[【\[]?\s*(?:下载|文档下载|购买)(?:说明|须知|提示|必看)\s*[】\]]?\s*:?",
         kind="line", where="tail", suspect_elsewhere=False, max_len=20,
         reason="header of a document-sharing site's download notes ('下载说明:')"),
    # An advertisement ends in a call to act with an arrow ('点击免费领取>>') or says it is one ('广告'):
    # report sentences do neither.
    rule("banner.ad-call",
         rf"{NO_STOP}{{0,60}}?(?:点击|立即|马上|免费)\s*(?:免费)?(?:领取|查看更多|查看详情|了解更多|进入|下载|获取|抢购|报名)"
         r"\s*(?:>>|»|→|>)"
         rf"|(?:[【\[(]\s*广告\s*[】\])]|广告\s)\s*{NO_STOP}{{0,60}}?(?:免费|领取|私信|限时|点击|优惠|咨询){NO_STOP}{{0,30}}",
         kind="line", where="anywhere", max_len=100,
         reason="advertisement between the paragraphs ('推荐:… 点击免费领取>>', '广告 【限时】…')"),
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

WATERMARKS = (*WATERMARKS,
    # A line pointing at the site the text came from. '本文来自' names the page itself, which a report
    # never does; '更多…请访问' advertises more of the site.
    rule("watermark.visit-site",
         rf"[(\[【]?\s*(?:(?:本文|文章|此文|原文)(?:来自|来源于?|转载自|转自|出自|摘自|选自)|"
         r"(?:更多|查看更多|获取更多|下载更多|海量)(?:精品|精彩|优秀|免费|实用)?(?:范文|文档|资料|文章|总结|精彩)"
         r"[^\s。!?,:;]{0,8}?(?:请|欢迎)?\s*(?:访问|登录|浏览|搜索|进入|关注))"
         rf"\s*:?\s*[^\s。!?,:;]{{0,16}}?\s*[(\[]?\s*(?![^\s]{{0,60}}\.(?:gov|edu)\.)(?P<source>{DOMAIN})\s*[)\]】]?",
         kind="line", where="anywhere", max_len=120,
         reason="line naming the site the text was taken from ('本文来自:XX网 www…', '更多范文请访问…')"),
    rule("watermark.source-note",
         r"[(\[【]\s{0,2}(?:本文|文章|此文)(?:来源|来自|出处|转载自|转自)\s{0,2}:?\s{0,2}"
         rf"(?:[^()\[\]【】。,\n]{{1,20}}?(?:网|文库|范文|平台)(?:\s{{0,2}}{DOMAIN})?"
         # a self-media platform's account ('网易号 某某驿站'); not a document number ('〔2023〕5号',
         # '一号文件': a numeral before 号, or words glued after it)
         rf"|{CJK}{{1,6}}?(?<![\d一二三四五六七八九十百千〇零两])号(?:\s{{1,2}}[^()\[\]【】。,:\n]{{1,20}})?"
         rf"|(?:[^()\[\]【】。,:\s]{{1,20}}?\s{{0,2}})?{DOMAIN})\s{{0,2}}[)\]】]",
         kind="inline", where="anywhere", max_len=LONG,
         reason="bracketed note naming the site or platform account the text was taken from "
                "('(本文来源:XX网 http://…)', '(本文来源:XX之家 http://…)', '(本文来自XX号 某某)')"),
    # Where the text came from (a name that says it is a site, its address in brackets or not) and a
    # request to keep that when reposting, the page's own link after it or not: '本文来源于XX网(www…),
    # 转载请保留链接:http://…', '出处:XX文库 转载请注明'. A report quoting a source names no site.
    rule("watermark.reprint-note",
         rf"[(\[【]?\s*(?:(?:本文|文章|此文|原文|本篇)(?:来自|来源于?|来源自|转载自|转自|出自|摘自)|(?:来源|出处)(?:于|自)?)"
         rf"\s*:?\s*(?:(?P<source>{_SITE_NAME})\s*(?:[(\[]\s*{DOMAIN}\s*[)\]]|{DOMAIN})?|{DOMAIN})\s*[,;。]?\s*"
         r"(?:如需|如要|欢迎)?转载(?:时)?(?:请|需|须|务必)?(?:注明|保留|标明|附上)"
         rf"(?:本文|原文)?(?:出处|来源|链接|地址|网址|原文链接|本文链接|原文地址)?\s*(?::\s*{URL})?{NO_STOP}{{0,20}}"
         r"[。!]?\s*[)\]】]?",
         kind="line", where="anywhere", max_len=300,
         reason="line naming the site the text came from and asking to keep it when reposting "
                "('本文来源于XX网(www…),转载请保留链接:http://…')"),
    # A bare name with an address, or 'more … visit <address>' without a word saying it sells texts: a
    # company may print its own address the same way, so only with other residue in the document.
    rule("watermark.name-domain",
         rf"{_NOT_GOV}[(\[【]?\s*{CJK}{{2,10}}\s*[(\[]?\s*{DOMAIN}\s*[)\]】]?",
         kind="line", where="anywhere", corroborate=True, max_len=80,
         reason="a name and a web address standing as a line of their own between paragraphs"),
    rule("watermark.visit-domain",
         rf"{_NOT_GOV}更多{NO_STOP}{{0,24}}?(?:请|欢迎)?\s*(?:访问|登录|浏览|搜索|进入|关注)\s*:?\s*"
         rf"[^\s。!?,:;]{{0,16}}?\s*[(\[]?\s*{DOMAIN}\s*[)\]】]?",
         kind="line", where="anywhere", corroborate=True, max_len=120,
         reason="line sending the reader to a web address for more ('更多…请访问 www…')"),
)


BUILTIN: tuple[Rule, ...] = (*FURNITURE, *BLURBS, *TAILS, *TRUNCATION, *BANNERS, *WATERMARKS, *SITE_PAGES,
                             *PLATFORMS, *PAGES)
"""Every built-in rule, in the order they are tried."""
