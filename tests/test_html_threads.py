"""Forum threads in HTML: the first post holds the report, other members' short replies go, the author's
own later floors stay (readers/html/threads.py)."""

from __future__ import annotations

from docconv.diagnostics import Action
from docconv.options import Options
from docconv.pipeline import convert_bytes

REPORT = (
    "<p>社区服务中心二〇二三年工作总结</p>"
    "<p>今年以来，中心围绕便民服务、志愿活动和老年关爱三项重点开展工作，各项任务按计划完成。</p>"
    "<p>一、便民服务</p>"
    "<p>全年办理各类证明和代办事项一千二百余件，群众满意率保持在百分之九十五以上。</p>"
    "<p>二、志愿活动</p>"
    "<p>组织志愿服务活动四十六场，参与志愿者八百余人次，累计服务时长三千小时。</p>"
)


def _post(pid: int, name: str, floor: str, message: str, *, cls: str = "post") -> str:
    """One post box of a forum template: the poster's box, the floor and time, the message, the buttons."""
    return (
        f'<div id="{cls}_{pid}" class="{cls}">'
        f'<div class="poster"><div class="who"><a href="space-uid-{pid}.html">{name}</a></div>'
        f'<div class="rank"><a href="#">中级会员</a> 积分 1024</div></div>'
        f'<div class="body"><div class="head"><em>{floor}</em> <em>发表于 2023-12-20 10:{pid % 60:02d}</em></div>'
        f'<div class="msg">{message}</div>'
        f'<div class="ops"><a href="#">回复</a> <a href="#">举报</a></div></div>'
        f"</div>"
    )


def _page(*posts: str) -> bytes:
    return (
        "<html><head><meta charset='utf-8'><title>交流区</title></head><body>"
        '<div id="thread">' + "".join(posts) + "</div></body></html>"
    ).encode()


def _convert(page: bytes) -> tuple[str, list[tuple[str, Action, str | None]]]:
    result = convert_bytes(page, to="markdown", path="thread.html", options=Options())
    assert isinstance(result.output, str)
    return result.output, [(d.rule, d.action, d.text) for d in result.diagnostics]


def test_replies_by_other_members_are_removed_and_the_report_kept() -> None:
    out, diags = _convert(_page(
        _post(101, "社区小张", "楼主", REPORT),
        _post(102, "老街坊", "沙发", "写得很好，学习了！"),
        _post(103, "路过的人", "板凳", "感谢分享，收藏备用。"),
    ))
    assert "组织志愿服务活动四十六场" in out
    assert "## 一、便民服务" in out
    for gone in ("学习了", "收藏备用", "老街坊", "路过的人"):
        assert gone not in out
    assert "社区小张" not in out  # the poster's name over the report is its byline
    assert any(rule == "read.html.thread-replies" for rule, _, _ in diags)


def test_the_authors_later_floor_goes_on_with_the_report() -> None:
    more = ("<p>三、老年关爱</p><p>为辖区八十岁以上老人建立服务档案二百一十份，开展上门探访九百余次，"
            "解决实际困难六十余件。</p>")
    out, _ = _convert(_page(
        _post(201, "社区小张", "1楼", REPORT, cls="l_post"),
        _post(202, "热心网友", "2楼", "楼主继续更新啊", cls="l_post"),
        _post(203, "社区小张", "3楼", more, cls="l_post"),
    ))
    assert "继续更新" not in out
    assert "## 三、老年关爱" in out
    assert "开展上门探访九百余次" in out


def test_a_long_post_by_another_member_is_kept_and_reported() -> None:
    other = ("<p>我们街道的做法供参考：</p><p>全年开展政策宣讲二十场，覆盖居民三千余人，建立网格员队伍，"
             "每个网格配备专职人员两名。矛盾纠纷化解率达到百分之九十八，群众安全感明显提升。"
             "下一步还将继续完善网格化管理机制，推动服务资源下沉到楼栋和单元，让居民办事不出社区。"
             "同时加强志愿者培训，提高服务的专业化水平，努力把社区建设成为居民满意的幸福家园。</p>")
    out, diags = _convert(_page(
        _post(301, "社区小张", "楼主", REPORT),
        _post(302, "街道小李", "沙发", other),
    ))
    assert "矛盾纠纷化解率达到百分之九十八" in out
    assert any(rule == "read.html.thread-long-post" and action is Action.KEPT for rule, action, _ in diags)


def test_repeated_boxes_without_a_forums_words_are_no_thread() -> None:
    def item(n: int, author: str, body: str) -> str:
        return (f'<div class="item"><div class="top"><a href="/u/{n}">{author}</a></div>'
                f'<div class="text">{body}</div></div>')

    page = ("<html><head><meta charset='utf-8'></head><body><div class='list'>"
            + item(1, "办公室", REPORT) + item(2, "工会", "<p>工会全年慰问困难职工四十人次。</p>")
            + "</div></body></html>").encode()
    out, diags = _convert(page)
    assert "工会全年慰问困难职工四十人次" in out
    assert not any(rule.startswith("read.html.thread") for rule, _, _ in diags)


def test_a_thread_whose_first_post_is_a_question_loses_nothing() -> None:
    out, diags = _convert(_page(
        _post(401, "新手小王", "楼主", "<p>求一篇社区工作总结的写法，谢谢大家！</p>"),
        _post(402, "社区小张", "沙发", REPORT),
    ))
    assert "求一篇社区工作总结的写法" in out
    assert "组织志愿服务活动四十六场" in out
    assert not any(rule.startswith("read.html.thread") for rule, _, _ in diags)


def test_a_reply_quoting_the_report_is_still_a_reply() -> None:
    quoted = ("<blockquote>今年以来，中心围绕便民服务、志愿活动和老年关爱三项重点开展工作。全年办理各类证明和代办事项"
              "一千二百余件。组织志愿服务活动四十六场，参与志愿者八百余人次。累计服务时长三千小时。</blockquote>"
              "数据很扎实，借鉴一下")
    out, _ = _convert(_page(
        _post(501, "社区小张", "楼主", REPORT),
        _post(502, "老街坊", "沙发", quoted),
    ))
    assert "借鉴一下" not in out
    assert out.count("组织志愿服务活动四十六场") == 1


def test_a_forum_authors_seam_notes_and_the_threads_count_go() -> None:
    text = ("社区服务中心二〇二三年工作总结\n\n今年以来，中心围绕便民服务、志愿活动和老年关爱三项重点开展工作。\n\n"
            "（接上楼）\n\n一、便民服务\n\n全年办理各类证明和代办事项一千二百余件。\n\n未完，见下楼\n\n"
            "二、志愿活动\n\n组织志愿服务活动四十六场。\n\n6回复贴，共1页\n")
    result = convert_bytes(text.encode(), to="markdown", path="thread.txt", options=Options())
    assert isinstance(result.output, str)
    for gone in ("接上楼", "见下楼", "回复贴"):
        assert gone not in result.output
    rules = {d.rule for d in result.diagnostics if d.action is Action.REMOVED}
    assert {"furniture.forum-continued", "furniture.thread-info"} <= rules
    assert "全年办理各类证明和代办事项一千二百余件" in result.output


def test_a_report_line_about_floors_or_replies_is_no_forum_note() -> None:
    text = ("办公楼改造工作总结\n\n一、工程进度\n\n接上楼层的管线改造已于六月完成，共计回复群众来信十二件。\n\n"
            "共收到回复36条，共3页材料已归档备查。\n")
    result = convert_bytes(text.encode(), to="markdown", path="report.txt", options=Options())
    assert isinstance(result.output, str)
    assert "接上楼层的管线改造已于六月完成" in result.output
    assert "共收到回复36条，共3页材料已归档备查。" in result.output
