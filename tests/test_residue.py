"""Residue removal on the project's own fixtures, one per rule family, plus idempotence and zones."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docconv.ast import Div, Para, Text
from docconv.clean import residue
from docconv.clean.harvest import normalise_date
from docconv.clean.readingtail import APPENDED
from docconv.clean.rules.builtin import BUILTIN
from docconv.diagnostics import Action, Severity
from tests.test_residue_support import FIXTURES, clean, clean_text, removed, text_of

CASES = sorted(p for p in FIXTURES.glob("*.txt"))


def _expect(path: Path) -> dict[str, object]:
    return tomllib.loads(path.with_suffix(".expect.toml").read_text(encoding="utf-8"))


def _fold_spaces(s: str) -> str:
    return s.replace("\u3000", " ")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_keeps_and_drops(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    expect = _expect(path)
    doc, log = clean_text(source)
    out = text_of(doc)
    for s in expect["must_keep"]:  # type: ignore[attr-defined]
        assert s in out, f"lost real text {s!r}"
    for s in expect["must_drop"]:  # type: ignore[attr-defined]
        assert s not in out, f"residue {s!r} survived"
        assert any(s in _fold_spaces(r) or s in r for r in removed(log)), f"no diagnostic explains {s!r}"
    for field, value in dict(expect.get("meta", {})).items():  # type: ignore[call-overload]
        assert getattr(doc.meta, field) == value
    if "appended" in expect:
        divs = [b for b in doc.blocks if isinstance(b, Div)]
        assert len(divs) == expect["appended"]
        assert all(d.attr == APPENDED for d in divs)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_idempotent(path: Path) -> None:
    once, _ = clean_text(path.read_text(encoding="utf-8"))
    twice, log = clean(once)
    assert twice == once
    assert not removed(log)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_removal_names_a_rule_and_its_family(path: Path) -> None:
    _, log = clean_text(path.read_text(encoding="utf-8"))
    families = {r.family for r in BUILTIN} | {"tail", "duplicate", "score"}
    for d in log:
        if d.action is Action.REMOVED:
            assert d.rule.split(".")[0] in families
            assert d.message.split(":")[0] in families
            assert d.text
            assert d.pos is not None
            assert d.pos.line is not None


def test_removal_text_and_line_position() -> None:
    _, log = clean_text("标题工作总结\n您的位置：首页 > 范文\n今年我们完成了全部任务，群众满意度明显提高。\n")
    (d,) = [d for d in log if d.action is Action.REMOVED]
    assert d.rule == "furniture.breadcrumb"
    assert d.text == "您的位置：首页 > 范文"
    assert d.pos is not None
    assert d.pos.line == 2


def test_blurb_phrase_inside_body_is_content() -> None:
    body = ("今年我们完成了全部任务，群众满意度明显提高。\n"
            "我们把经验整理成册，供大家参考借鉴，也欢迎兄弟单位来交流。\n"
            "明年我们将继续努力，把各项工作做得更好更实。\n")
    doc, log = clean_text(body)
    assert text_of(doc) == body.strip()
    assert not removed(log)


def test_editor_blurb_outside_the_edges_is_only_suspect() -> None:
    body = ("今年我们完成了全部任务，群众满意度明显提高，各项指标均超额完成。\n"
            "小编整理了下面的经验，供大家参考借鉴，这一段出现在正文中间。\n"
            "明年我们将继续努力，把各项工作做得更好更实，确保完成全年目标。\n")
    doc, log = clean_text(body)
    assert "小编整理了下面的经验" in text_of(doc)
    kept = [d for d in log if d.action is Action.KEPT]
    assert [d.rule for d in kept] == ["blurb.editor"]
    assert kept[0].severity is Severity.WARNING


def test_time_line_in_body_is_content() -> None:
    body = ("今年我们完成了全部任务，群众满意度明显提高，各项指标均超额完成。\n"
            "时间：2023年5月10日\n"
            "明年我们将继续努力，把各项工作做得更好更实，确保完成全年目标。\n")
    doc, log = clean_text(body)
    assert "时间：2023年5月10日" in text_of(doc)
    assert doc.meta.date is None
    assert not removed(log)


def test_inline_removal_keeps_emphasis_and_breaks() -> None:
    doc0, _ = clean_text("x")
    para = Para(content=(Text(text="全年共检查企业五十家，原创："), Text(text="http://www.a-b.com/"),
                         Text(text="发现问题十项。")))
    doc, log = clean(type(doc0)(blocks=(para,)))
    assert text_of(doc) == "全年共检查企业五十家，发现问题十项。"
    assert [d.rule for d in log if d.action is Action.REMOVED] == ["watermark.original-url"]


def test_meta_is_not_overwritten() -> None:
    _doc0, _ = clean_text("x")
    from dataclasses import replace  # noqa: PLC0415

    source = "时间：2022-01-02 03:04:05\n今年我们完成了全部任务，群众满意度明显提高，各项指标均超额完成。\n"
    from docconv.diagnostics import DiagnosticLog  # noqa: PLC0415
    from docconv.options import Options  # noqa: PLC0415
    from docconv.readers.txt import read_txt  # noqa: PLC0415

    doc = read_txt(source, Options(), DiagnosticLog())
    doc = replace(doc, meta=replace(doc.meta, date="1999-09-09"))
    out, log = clean(doc)
    assert out.meta.date == "1999-09-09"
    assert "时间" not in text_of(out)
    assert not [d for d in log if d.action is Action.MOVED]


@pytest.mark.parametrize(("raw", "iso"), [
    ("2022-12-06 03:22:25", "2022-12-06T03:22:25"),
    ("2023年3月5日", "2023-03-05"),
    ("2023/03/05 8:07", "2023-03-05T08:07:00"),
    ("2023.02.30", None),
    ("昨天", None),
])
def test_normalise_date(raw: str, iso: str | None) -> None:
    assert normalise_date(raw) == iso


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab中", max_size=12), base=st.integers(0, 5),
       spans=st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=4))
def test_cutting_spans_keeps_exactly_the_characters_outside_them(
    text: str, base: int, spans: list[tuple[int, int]]
) -> None:
    expected = "".join(ch for i, ch in enumerate(text, base) if not any(s <= i < e for s, e in spans))
    assert residue._without(text, spans, base) == expected
