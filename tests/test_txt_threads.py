"""A forum thread copied as text: replies go as whole posts, the author's later floors stay
(clean/threads.py)."""

from __future__ import annotations

from docconv.diagnostics import Action
from docconv.options import Options
from docconv.pipeline import convert_bytes

HEAD = "社区交流吧\n【分享】我们社区的年度总结，请大家指点\n"
REPORT = (
    "社区服务中心二〇二三年工作总结\n"
    "今年以来，中心围绕便民服务、志愿活动和老年关爱三项重点开展工作，各项任务按计划完成。\n"
    "一、便民服务\n"
    "全年办理各类证明和代办事项一千二百余件，群众满意率保持在百分之九十五以上。\n"
)
MORE = "二、志愿活动\n组织志愿服务活动四十六场，参与志愿者八百余人次，累计服务时长三千小时。\n"


def _convert(text: str, *extra: str, keep: tuple[str, ...] = ()) -> tuple[str, set[tuple[str, Action]]]:
    options = Options(keep_rules=keep) if keep else Options()
    result = convert_bytes((text + "".join(extra)).encode(), to="markdown", path="thread.txt", options=options)
    assert isinstance(result.output, str)
    return result.output, {(d.rule, d.action) for d in result.diagnostics}


def test_replies_go_whole_and_the_authors_later_floor_stays() -> None:
    out, diags = _convert(
        HEAD, "社区小张\n1楼 2023-12-20 10:01\n", REPORT,
        "老街坊\n2楼 2023-12-20 10:05\n写得很好，我们也准备这样搞\n回复(1)\n",
        "社区小张\n3楼 2023-12-20 10:09\n（接上楼）\n", MORE,
        "路过的人\n4楼 2023-12-20 11:30\n收藏了，谢谢分享\n",
    )
    assert "组织志愿服务活动四十六场" in out
    assert "## 二、志愿活动" in out
    for gone in ("老街坊", "我们也准备这样搞", "路过的人", "收藏了", "社区小张", "4楼"):
        assert gone not in out
    assert ("furniture.forum-reply", Action.REMOVED) in diags
    assert ("furniture.forum-poster", Action.REMOVED) in diags


def test_the_authors_thanks_at_the_end_is_chat() -> None:
    out, _ = _convert(
        "社区小张\n1楼 2023-12-20 10:01\n", REPORT,
        "老街坊\n2楼 2023-12-20 10:05\n数据再细化一下更好\n",
        "社区小张\n3楼 2023-12-20 10:30\n好的，谢谢指点\n",
    )
    assert "谢谢指点" not in out
    assert "全年办理各类证明和代办事项一千二百余件" in out


def test_a_long_post_by_another_member_is_kept() -> None:
    other = ("我们街道的做法供参考。全年开展政策宣讲二十场，覆盖居民三千余人。建立网格员队伍，每个网格配备专职"
             "人员两名。矛盾纠纷化解率达到百分之九十八，群众安全感明显提升。下一步还将继续完善网格化管理机制，"
             "推动服务资源下沉到楼栋和单元。同时加强志愿者培训，提高服务的专业化水平，努力把社区建设成为居民满意的"
             "幸福家园。\n")
    out, diags = _convert("社区小张\n1楼 2023-12-20 10:01\n", REPORT, "街道小李\n2楼 2023-12-20 10:05\n", other)
    assert "矛盾纠纷化解率达到百分之九十八" in out
    assert ("furniture.forum-reply", Action.KEPT) in diags


def test_keep_turns_the_detector_off() -> None:
    out, _ = _convert("社区小张\n1楼 2023-12-20 10:01\n", REPORT, "老街坊\n2楼 2023-12-20 10:05\n写得很好\n",
                      keep=("furniture.forum-reply",))
    assert "写得很好" in out


def test_a_report_with_floors_and_dates_is_no_thread() -> None:
    text = ("办公楼改造工作总结\n一、工程进度\n综合楼\n3楼 2023-05-06完成改造\n办公楼\n5楼 2023-06-10完成改造\n"
            "二、下步打算\n继续推进附属楼改造。\n")
    out, diags = _convert(text)
    assert "3楼 2023-05-06完成改造" in out
    assert "综合楼" in out
    assert not any(rule.startswith("furniture.forum-") for rule, _ in diags)
