"""Residue options from the command line: user rule files, --keep/--drop, --no-clean, --explain."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli import run

PAGE = (
    "街道办事处年度工作总结\n"
    "发布时间:2023-01-05 08:30:00 来源:某某范文网 浏览次数:1024\n"
    "今年以来,街道办事处认真贯彻上级部署,扎实做好各项工作,群众满意度持续提升。\n"
    "全年新增就业岗位320个,完成老旧小区改造4个,办结群众诉求1100余件。\n"
    "本页由星河文库整理\n"
)


def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_builtin_rules_remove_site_lines_and_explain(tmp_path: Path) -> None:
    code, out, err = run(str(page(tmp_path)), "--explain")
    assert code == 0
    assert "浏览次数" not in out
    assert "全年新增就业岗位320个" in out
    assert any("[removed]" in ln and "浏览次数" in ln for ln in err.splitlines())


def test_user_rule_file_removes_a_site_line(tmp_path: Path) -> None:
    rules = tmp_path / "site.toml"
    rules.write_text(
        '[[rule]]\nid = "mysite.credit"\nfamily = "mysite"\npattern = "本页由.{1,10}整理"\n'
        'kind = "line"\nwhere = "tail"\nreason = "credit line of one site"\n', encoding="utf-8")
    code, out, _ = run(str(page(tmp_path)))
    assert code == 0
    assert "星河文库" in out  # no built-in rule names this site's credit line
    code, out, err = run(str(page(tmp_path)), "--rules", str(rules), "--explain")
    assert code == 0
    assert "星河文库" not in out
    assert any(ln.startswith("info mysite.credit [removed]") for ln in err.splitlines())


def test_broken_rule_file_is_a_one_line_option_error(tmp_path: Path) -> None:
    rules = tmp_path / "bad.toml"
    rules.write_text('[[rule]]\nid = "x"\npattern = "("\n', encoding="utf-8")
    code, out, err = run(str(page(tmp_path)), "--rules", str(rules))
    assert (code, out) == (6, "")
    assert err.count("\n") == 1
    assert "bad.toml" in err


def test_keep_disables_a_rule_and_unknown_ids_are_refused(tmp_path: Path) -> None:
    code, _, err = run(str(page(tmp_path)), "--explain")
    fired = {ln.split()[1] for ln in err.splitlines() if "[removed]" in ln and "浏览次数" in ln}
    assert fired == {"furniture.meta-fields"}
    # Several furniture rules name this line; keeping the whole family keeps it.
    code, out, _ = run(str(page(tmp_path)), "--keep", "furniture")
    assert code == 0
    assert "浏览次数" in out
    code, _, err = run(str(page(tmp_path)), "--keep", "no.such-rule")
    assert code == 6
    assert "unknown residue rule" in err


def test_no_clean_keeps_everything(tmp_path: Path) -> None:
    code, out, _ = run(str(page(tmp_path)), "--no-clean", "--no-structure")
    assert code == 0
    assert out.split("\n\n") == [*[ln for ln in PAGE.split("\n") if ln][:-1], PAGE.split("\n")[-2] + "\n"]
