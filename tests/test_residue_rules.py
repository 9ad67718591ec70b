"""User rule files (--rules), --keep/--drop, rule validation and regex safety of the built-in rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docconv.ast import Document, Para, Text
from docconv.clean.residue import active_rules
from docconv.clean.rules import DETECTOR_IDS, fold, line_key, load_rule_file
from docconv.clean.rules.builtin import BUILTIN
from docconv.diagnostics import Action
from docconv.errors import OptionError
from docconv.options import Options
from tests.test_residue_support import clean, clean_text, every_rule_on_a_megabyte_of, text_of

BODY = "今年我们完成了全部任务，群众满意度明显提高，各项指标均超额完成。"
SITE_LINE = "本文由某某资料站会员整理发布"


def _write(tmp_path: Path, text: str, name: str = "rules.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


USER_RULE = """
[[rule]]
id = "mysite.footer"
family = "furniture"
pattern = '本文由某某资料站.{0,10}整理发布'
kind = "line"
where = "anywhere"
reason = "footer of one site"
"""


def test_user_rule_removes_and_is_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, USER_RULE)
    doc, log = clean_text(f"{BODY}\n{SITE_LINE}\n{BODY}", Options(rules=(path,)))
    assert SITE_LINE not in text_of(doc)
    (d,) = [d for d in log if d.action is Action.REMOVED]
    assert d.rule == "mysite.footer"
    assert d.message == "furniture: footer of one site"
    assert d.text == SITE_LINE


def test_user_rule_sees_full_width_text_folded(tmp_path: Path) -> None:
    path = _write(tmp_path, USER_RULE.replace("本文由某某资料站.{0,10}整理发布", "站长:[a-z]+"))
    doc, _ = clean_text(f"{BODY}\n站长：Abc\n{BODY}", Options(rules=(path,)))
    assert "站长" not in text_of(doc)


def test_keep_disables_a_builtin_rule_and_a_family() -> None:
    source = f"您的位置：首页 > 范文\n{BODY}\n"
    doc, _ = clean_text(source, Options(keep_rules=("furniture.breadcrumb",)))
    assert "您的位置" in text_of(doc)
    doc, _ = clean_text(source, Options(keep_rules=("furniture",)))
    assert "您的位置" in text_of(doc)
    doc, _ = clean_text(source)
    assert "您的位置" not in text_of(doc)


def test_drop_enables_a_rule_that_is_off_by_default(tmp_path: Path) -> None:
    path = _write(tmp_path, USER_RULE + 'enabled = false\n')
    source = f"{BODY}\n{SITE_LINE}\n{BODY}"
    doc, _ = clean_text(source, Options(rules=(path,)))
    assert SITE_LINE in text_of(doc)
    doc, _ = clean_text(source, Options(rules=(path,), drop_rules=("mysite.footer",)))
    assert SITE_LINE not in text_of(doc)


def test_keep_a_detector() -> None:
    source = "财务科工作总结\n财务科工作总结。\n" + BODY
    doc, _ = clean_text(source, Options(keep_rules=("duplicate.repeated-title",)))
    assert "财务科工作总结。" in text_of(doc)
    doc, _ = clean_text(source)
    assert "财务科工作总结。" not in text_of(doc)


@pytest.mark.parametrize("name", ["furniture.no-such-rule", "nosuchfamily"])
def test_unknown_keep_id_is_an_error(name: str) -> None:
    with pytest.raises(OptionError, match=re.escape(name)):
        clean_text(BODY, Options(keep_rules=(name,)))


def test_keep_and_drop_same_rule_is_an_error() -> None:
    with pytest.raises(OptionError, match="both"):
        active_rules(Options(keep_rules=("furniture.breadcrumb",), drop_rules=("furniture.breadcrumb",)))


@pytest.mark.parametrize(("text", "problem"), [
    ("[[rule]]\nid = 'a.b'\n", "missing field"),
    ("[[rule]\n", "invalid TOML"),
    ("[rules]\n", "unknown top-level"),
    (USER_RULE.replace('kind = "line"', 'kind = "para"'), "kind must be one of"),
    (USER_RULE.replace('where = "anywhere"', 'where = "middle"'), "where must be one of"),
    (USER_RULE.replace("'本文由某某资料站.{0,10}整理发布'", "'(unclosed'"), "not a valid regular expression"),
    (USER_RULE.replace("'本文由某某资料站.{0,10}整理发布'", "'来源：.*'"), "full-width"),
    (USER_RULE.replace("'本文由某某资料站.{0,10}整理发布'", "'(?P<site>x)'"), "named group"),
    (USER_RULE.replace("'本文由某某资料站.{0,10}整理发布'", "'x*'"), "empty string"),
    (USER_RULE.replace('id = "mysite.footer"', 'id = "Footer"'), "family.name"),
    (USER_RULE.replace('id = "mysite.footer"', 'id = "furniture.breadcrumb"'), "defined twice"),
    (USER_RULE + "colour = 'red'\n", "unknown field"),
    (USER_RULE + "max_len = true\n", "max_len must be a int"),
    (USER_RULE + "max_len = 0\n", "positive"),
    (USER_RULE.replace('reason = "footer of one site"', 'reason = " "'), "reason must not be empty"),
])
def test_bad_rule_file_names_file_rule_and_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(OptionError, match=problem) as info:
        active_rules(Options(rules=(path,)))
    assert path in str(info.value)


def test_missing_rule_file(tmp_path: Path) -> None:
    with pytest.raises(OptionError, match="cannot read"):
        load_rule_file(str(tmp_path / "absent.toml"))


def test_user_rule_meta_group(tmp_path: Path) -> None:
    path = _write(tmp_path, USER_RULE.replace("'本文由某某资料站.{0,10}整理发布'", "'稿源:(?P<source>.{2,20})'"))
    doc, log = clean_text(f"稿源：某某日报\n{BODY}", Options(rules=(path,)))
    assert doc.meta.source == "某某日报"
    assert [d.action for d in log if d.rule == "mysite.footer"] == [Action.REMOVED, Action.MOVED]


def test_builtin_ids_unique_and_reasoned() -> None:
    ids = [r.id for r in BUILTIN]
    assert len(ids) == len(set(ids))
    assert not set(ids) & set(DETECTOR_IDS)
    for r in BUILTIN:
        assert r.reason
        assert r.id.startswith(r.family + ".")
        assert "\uff1a" not in r.pattern  # patterns see folded text
        assert "\uff0c" not in r.pattern


def test_fold_keeps_offsets_and_key_skips_pinyin() -> None:
    raw = "導語：全文共１２字（shí）"
    assert len(fold(raw)) == len(raw)
    assert fold(raw).startswith("导语:")
    assert line_key("時(shí)間(jiān):2022") == "时间:2022"


# Long lines built from the pieces the patterns are made of: a pattern that backtracks badly would not
# finish (a hang, not a slow pass, is what this catches; speed itself is measured by hand).
ADVERSARIAL = ["小编", "本站文", "时间:2022-01-01 ", "来源:", "首页>", "http://", "a.", "1-", " ", "【",
               "为您精选了", "省略", "原创:", "字", "|", "打印 ", "a-", "…"]


@pytest.mark.parametrize("piece", ADVERSARIAL)
def test_adversarial_lines_finish(piece: str) -> None:
    line = (piece * (20_000 // len(piece) + 1))[:20_000]
    doc = Document(blocks=(Para(content=(Text(text=BODY),)), Para(content=(Text(text=line),)),
                           Para(content=(Text(text=BODY),))))
    out, _ = clean(doc)
    assert out.blocks[0] == doc.blocks[0]
    # Every rule against a 1 MB line of the same piece (about 10 s for all pieces together).
    every_rule_on_a_megabyte_of(piece)


def test_paywall_note_after_a_heading_keeps_the_heading() -> None:
    doc, log = clean_text(f"{BODY}\n三、做好来年规划。……此处省略512字，正式会员可完整阅读……\n{BODY}")
    assert "三、做好来年规划。" in text_of(doc)
    assert "省略" not in text_of(doc)
    assert {d.rule for d in log if d.action is Action.REMOVED} == {"truncation.omitted"}


@pytest.mark.parametrize("note", ["【全文已省略，请下载完整版阅读】", "（以下内容已隐藏，登录后可查看）",
                                  "点击此处下载完整版文档", "点击下载：第三小组二〇二四年上半年工作小结.docx"])
def test_truncation_and_download_lines_go(note: str) -> None:
    doc, log = clean_text(f"{BODY}\n{note}\n{BODY}")
    assert note not in text_of(doc)
    assert text_of(doc).count(BODY) == 2
    assert any(d.rule.startswith("truncation.") and d.action is Action.REMOVED for d in log)


@pytest.mark.parametrize("line", ["以下省略了部分表格数据，详见附件一中的统计说明。", "下载完整版需要注意的问题有三个方面。"])
def test_sentences_that_mention_omission_or_download_stay(line: str) -> None:
    doc, _ = clean_text(f"{BODY}\n{line}\n{BODY}")
    assert line in text_of(doc)


def test_site_name_line_between_body_paragraphs_goes() -> None:
    doc, log = clean_text(f"{BODY}\n{BODY}\n文秘范文库 www.wenmi-demo.com\n{BODY}\n{BODY}")
    assert "wenmi" not in text_of(doc)
    assert [d.rule for d in log if d.action is Action.REMOVED] == ["watermark.site-line"]


def test_contact_address_line_stays() -> None:
    line = "单位网址：www.example-bureau.gov.cn"
    doc, _ = clean_text(f"{BODY}\n{line}\n{BODY}")
    assert line in text_of(doc)
