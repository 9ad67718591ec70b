"""Built-in residue rules for the boxes blog, Q&A, library and public-account pages print around a post.

Around the text such a page prints an author box with its follow buttons, a byline row of counters, the
folder a copy was filed in, the comment box (its count, its rules), the platform's copyright footer, the
buttons of its dialogs and, on an exported note, a trailer with the last edit and the counts. Each rule
names the general shape (a name before `关注` buttons, a date before fields and counters, `来自: X >
《folder》`), never one site's sentence; wording that a report could also use as a line of its own waits
for other residue in the document (`corroborate`). A line of several truncation phrases (`试读已结束,还剩4页
未读,继续阅读`) is recognised as a whole, so the user is told the text is incomplete.
"""

from __future__ import annotations

from docconv.clean.rules import Rule, rule
from docconv.clean.rules.pieces import DATE, DATETIME, SEP, TIME

_COUNTS = (r"阅读量|阅读数|阅读|阅|浏览量|浏览|评论数|评论|收藏|转载|转藏|点赞|在看|赞|献花|分享|喜欢|回复|"
           r"查看|下载量|下载|粉丝|点击")
_ROW_SEP = r"\s*+[|┆丨·•/]\s*+"
_COUNT_FIELD = (rf"(?:{_COUNTS})\s*+[(\[:]?\s*+\d[\d,]{{0,9}}(?:\.\d{{1,2}})?\s*+[万wk]?\+?\s*+[)\]]?"
                r"\s*+(?:次|人)?")
# At least one field of the row is a label or a counter named by a word of two characters or more: the
# words every match holds, which let a document without any of them skip the rule (`literals`).
_WORD_COUNT = (r"(?:阅读量|阅读数|阅读|浏览量|浏览|评论数|评论|收藏|转载|转藏|点赞|献花|分享|回复|查看|"
               r"下载量|下载|粉丝|点击)"
               r"\s*+[(\[:]?\s*+\d[\d,]{0,9}(?:\.\d{1,2})?\s*+[万wk]?\+?\s*+[)\]]?\s*+(?:次|人)?")
_LABEL_FIELD = r"(?:来源|出处|作者|编辑|分类|栏目|标签|发布者|上传者)\s*+:\s*+[^\s:|┆丨·•]{1,30}"
_NAME = r"[^\s:|┆丨·•,。!?;]{1,16}"
_FOLLOW = r"(?:\+\s*+)?关注|已关注|私信|加好友"

# The buttons and prompts of a public-account page's dialogs and bars, which a copy keeps after the text
# ('知道了', '取消', '允许', '轻触阅读原文', '预览时标签不可点'). A closed list of interface words.
# Words of two characters or more, at most two dozen, so that a document holding none of them skips the rule
# (`literals`); a lone '赞' or '分享' is a tool bar's, which the page-tools rule and the page's markup know.
_DIALOG = (r"我?知道了|取消|允许|拒绝|确定|不?同意|暂不|(?:以后|稍后)再说|去看看|"
           r"写?留言|写下(?:你|您)的留言|轻触阅读原文|(?:向上|继续)滑动看下一个|预览时标签不可点|"
           r"(?:微信)?扫一扫\s*+(?:关注该公众号|使用小程序|可打开小程序)?|使用小程序|使用完整服务|"
           r"关注该公众号|小程序")

_PREVIEW_END = r"(?:免费)?(?:试读|预览|试看|试阅)(?:部分|内容)?(?:已|到此)?(?:结束|完毕)"
_UNREAD = (r"(?:还剩|剩余|剩下)\s*+\d{1,5}\s*+页(?:未读|未显示|未展示|未阅读)?|剩余\s*+\d{1,3}\s*+%\s*+未读"
           r"|未完\s*+,?\s*+待续")
_GO_ON = (r"(?:点击|>>)?\s*+(?:继续阅读|阅读全文|查看全文|展开全文|查看剩余(?:全文|内容)?"
          r"|(?:免费|立即)?下载(?:完整版|全文|本文档?|文档)?|(?:开通|成为|加入)\s*+(?:vip|会员))\s*+(?:>>?|»)?")
_CALL = (r"(?:喜欢|需要|如需|想要|若需|如果喜欢|觉得不错)(?:的话)?(?:就|请|可以|可)?\s*+(?:点击)?"
         r"(?:下载|购买|收藏|阅读全文)(?:吧|哦|呀|啦)?")

PAGES: tuple[Rule, ...] = (
    # The author box under or beside a post: the name and its follow buttons ('某某的笔记 关注 关注').
    rule("furniture.follow-box",
         rf"{_NAME}\s++(?:{_FOLLOW})(?:\s*+(?:{_FOLLOW})){{0,3}}",
         kind="line", where="edges", corroborate=True, max_len=40,
         reason="a blog's author box: the author's name and its follow buttons ('某某的笔记 关注')"),
    # A library or blog page's byline row: the poster's name, the time, then fields and counters
    # ('某某 2024-01-10 18:22 | 来源:某某社区 | 阅 512 | 转藏 38').
    rule("furniture.dated-byline",
         rf"(?:{_NAME}\s++)?(?P<date>{DATE}\s*+(?:{TIME})?)(?:{_ROW_SEP}(?:{_COUNT_FIELD}|{_LABEL_FIELD})){{0,7}}?"
         rf"{_ROW_SEP}(?:{_WORD_COUNT}|{_LABEL_FIELD})(?:{_ROW_SEP}(?:{_COUNT_FIELD}|{_LABEL_FIELD})){{0,7}}"
         r"\s*+[|┆丨]?",
         kind="line", where="edges", max_len=160,
         reason="byline row of a library or blog page: poster, time, source and counters "
                "('某某 2024-01-10 18:22 | 来源:… | 阅 512 | 转藏 38')"),
    # The folder a library page's copy was filed in: '来自: 某某 > 《工作报告》'.
    rule("furniture.filed-in",
         r"(?:来自|收藏于|收录于|转自|摘自)\s*+:?\s*+[^\s>»›《》:]{1,20}\s*+(?:>|»|›)\s*+《[^》]{1,30}》",
         kind="line", where="edges", max_len=70,
         reason="the user and folder a library page's copy was filed in ('来自: 某某 > 《工作报告》')"),
    rule("furniture.comment-count",
         r"(?:共|全部|已有)?\s*+\d{1,6}\s*+条(?:评论|回复|留言)"
         r"(?:\s*+[,|·]?\s*+(?:发表评论|写评论|我要评论|查看(?:全部)?评论))?"
         r"|(?:全部|最新|热门)?评论\s*+[(\[]\s*+\d{1,6}\s*+[)\]]"
         r"|暂无评论|(?:还没有|目前没有|暂时没有|暂无)人?(?:评论|留言)[^。!?]{0,10}",
         kind="line", where="edges", max_len=30,
         reason="the comment box's count ('0条评论', '暂无评论')"),
    rule("furniture.comment-rules",
         r"请?\s*+(?:遵守|遵循|阅读|查看)\s*+(?:用户|网友|社区|本站)?\s*+(?:评论|留言|跟帖|发帖|社区|互动)\s*+"
         r"(?:公约|规范|规则|守则|须知|协议)[^。!?]{0,12}"
         r"|文明(?:上网|评论|发言|留言)\s*+,?\s*+理性(?:发言|评论|表达)[^。!?]{0,12}",
         kind="line", where="edges", max_len=40,
         reason="the comment box's rules ('请遵守用户评论公约', '文明上网,理性发言')"),
    # A Q&A or blog platform's footer under every post: the text belongs to its author, with the
    # platform's terms for reposting ('著作权归作者所有。商业转载请联系作者获得授权,非商业转载请注明出处。').
    rule("furniture.rights-footer",
         r"[(\[【]?\s*+(?:本文|文章|作品)?(?:著作权|版权)(?:归|属于?)(?:原)?作者(?:本人)?所有\s*+[,;。.!]?\s*+"
         r"(?:(?:商业|非商业|任何形式的)?(?:性)?转载[^。!?]{0,24}[,;。]?\s*+){0,2}[)\]】]?",
         kind="line", where="edges", max_len=80,
         reason="a platform's footer saying the text belongs to its author ('著作权归作者所有', "
                "'商业转载请联系作者获得授权')"),
    rule("furniture.dialog-buttons",
         rf"(?>(?:{_DIALOG})\s*+[|/·,]?\s*+){{1,6}}",
         kind="line", where="tail", corroborate=True, suspect_elsewhere=False, max_len=40,
         reason="buttons and prompts of a public-account page's dialogs and bars after the text "
                "('知道了', '取消', '允许', '轻触阅读原文')"),
    # The trailer of a note exported from a writing platform: when it was last edited, and by whom.
    rule("furniture.last-edited",
         rf"(?:最后|最近)(?:编辑|修改|更新)(?:于|时间\s*+:)\s*+{DATETIME}(?:{SEP}{_NAME})?",
         kind="line", where="edges", max_len=60,
         reason="the trailer of an exported note: its last edit and editor ('最后编辑于 2024-01-03 09:12')"),
    rule("truncation.combined",
         rf"(?=.{{0,40}}?(?:{_PREVIEW_END}|{_UNREAD}))[(\[【]?\s*+"
         rf"(?>(?:{_PREVIEW_END}|{_UNREAD}|{_GO_ON}|{_CALL})\s*+[,;。!~…]*+\s*+){{2,4}}[)\]】]?",
         kind="line", where="anywhere", max_len=60,
         reason="several truncation phrases on one line ('试读已结束,还剩4页未读,继续阅读', "
                "'预览结束,喜欢就下载吧')"),
)
"""Rules for the boxes around a post, tried after the other built-in rules."""
