"""The pandoc options of the text writers and the CLI: --toc (Markdown), -M/--metadata, --metadata-file,
--shift-heading-level-by, --eol and --log, through the library, the CLI and the batch command."""

from __future__ import annotations

import io
import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from docconv import cli, codec, pipeline, writers
from docconv.ast import Document, Heading, List, ListItem, Meta, Para, Pos, Text
from docconv.batch import run_batch
from docconv.batch.plan import options_fingerprint
from docconv.diagnostics import Action, Diagnostic, DiagnosticLog, Severity
from docconv.errors import InputNotFoundError, OptionError, ParseError
from docconv.options import Options, parse_metadata_arg
from docconv.writers import markdown, prepare, toc
from tests.support import seed_params

REPORT = """2024年第一季度安全生产工作总结

一、主要工作

本季度我们完成了全面的隐患排查，共发现问题十二项，已经全部整改。

（一）健全制度

修订了三项管理制度，并且落实到每个班组。

（二）强化培训

组织全员培训两次，参训率达到百分之百。

二、存在问题

个别部门执行不到位，检查记录不够完整。

三、下步计划

继续抓好日常检查，确保全年无事故。
"""
TITLE = "2024年第一季度安全生产工作总结"


class _Out(io.StringIO):
    """A text stream without a binary buffer, so main() writes str to it."""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = _Out(), _Out()
    code = cli.main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def convert(to: str, **options: object) -> pipeline.Result:
    return pipeline.convert_bytes(REPORT.encode(), to=to, format="txt", options=Options.from_kwargs(**options))


def front(md: str) -> dict[str, str]:
    """The YAML front matter of a standalone Markdown output (its values are JSON strings)."""
    head = md.split("---\n")[1]
    return {k: json.loads(v) for k, _, v in (ln.partition(": ") for ln in head.splitlines()) if v}


# ---------------------------------------------------------------------------------------------- options


@pytest.mark.parametrize("kwargs", [
    {"toc_depth": 0}, {"toc_depth": 10}, {"toc_depth": True}, {"eol": "cr"},
    {"shift_heading_level_by": 1.5}, {"metadata": (("", "x"),)}, {"metadata": (("k", 1),)},
])
def test_bad_option_values_are_option_errors(kwargs: dict[str, object]) -> None:
    with pytest.raises(OptionError):
        Options.from_kwargs(**kwargs)


def test_defaults_and_derived_fields() -> None:
    o = Options()
    assert (o.toc, o.toc_depth, o.reference_doc, o.metadata, o.shift_heading_level_by, o.eol) == (
        False, 3, None, (), 0, "lf")
    with pytest.raises(OptionError, match="unknown option"):
        Options.from_kwargs(metadata_defaults=(("a", "b"),))  # derived from the file, not settable
    assert hash(Options(metadata=(("a", "b"),))) == hash(Options(metadata=(("a", "b"),)))


@pytest.mark.parametrize(("arg", "pair"), [
    ("title=新标题", ("title", "新标题")), ("draft", ("draft", "true")), ("source=https://a.cn/x?a=1", (
        "source", "https://a.cn/x?a=1")), ("author:李四", ("author", "李四")), ("k=", ("k", "")),
])
def test_metadata_argument_forms(arg: str, pair: tuple[str, str]) -> None:
    assert parse_metadata_arg(arg) == pair


# ---------------------------------------------------------------------------------------------- metadata


def test_metadata_overrides_front_matter_and_json_but_not_the_body_title() -> None:
    opts = {"standalone": True, "metadata": (("title", "季度总结（修订稿）"), ("author", "安全科"),
                                              ("draft", "true"))}
    result = convert("markdown", **opts)
    md = result.output
    assert isinstance(md, str)
    meta = front(md)
    assert meta["title"] == "季度总结（修订稿）"
    assert meta["author"] == "安全科"
    assert '"draft": "true"' in md  # other keys go to the extra fields
    assert f"# {TITLE}\n" in md  # the body's own title line is source text and stays
    doc = codec.loads(str(convert("json", **opts).output))
    assert (doc.meta.title, doc.meta.author, dict(doc.meta.extra)["draft"]) == (
        "季度总结（修订稿）", "安全科", "true")


def test_each_override_is_an_info_diagnostic_and_repeated_keys_join() -> None:
    log = DiagnosticLog()
    doc = Document(meta=Meta(title="旧题", author="甲"), blocks=(Para(content=(Text(text="正文"),)),))
    opts = Options(metadata=(("title", "新题"), ("author", "甲"), ("author", "乙")))
    out = prepare.prepare(doc, opts, log)
    assert out.meta.title == "新题"
    assert out.meta.author == "甲; 乙"
    overrides = [d for d in log if d.rule == "options.metadata"]
    assert [(d.severity, d.action, d.text) for d in overrides] == [
        (Severity.INFO, Action.CHANGED, "新题"), (Severity.INFO, Action.CHANGED, "甲; 乙")]
    assert "旧题" in overrides[0].message
    assert doc.meta.title == "旧题"  # pure: the input is unchanged


def test_apply_metadata_is_idempotent() -> None:
    doc = Document(meta=Meta(title="旧题", extra=(("k", "1"),)))
    opts = Options(metadata=(("title", "新题"), ("k", "2"), ("new", "x")))
    once = prepare.apply_metadata(doc, opts, DiagnosticLog())
    log = DiagnosticLog()
    assert prepare.apply_metadata(once, opts, log) == once
    assert len(log) == 0
    assert once.meta.extra == (("k", "2"), ("new", "x"))


def test_metadata_file_fills_gaps_and_the_document_and_m_win(tmp_path: Path) -> None:
    meta_file = tmp_path / "meta.json"
    meta_file.write_text(json.dumps({"title": "文件里的标题", "author": ["王五", "赵六"], "date": "2024-04-02",
                                     "reviewed": False, "tags": {"a": 1}}, ensure_ascii=False), "utf-8")
    result = convert("json", metadata_file=str(meta_file), metadata=(("date", "2024-04-08"),))
    doc = codec.loads(str(result.output))
    assert doc.meta.title == TITLE  # detected: the document's own value wins, as in pandoc
    assert doc.meta.author == "王五; 赵六"  # filled from the file
    assert doc.meta.date == "2024-04-08"  # -M beats the file
    assert dict(doc.meta.extra)["reviewed"] == "false"
    assert json.loads(dict(doc.meta.extra)["tags"]) == {"a": 1}
    log = DiagnosticLog()  # the writer reports into the log it is given
    writers.write(result.document, "json", Options(metadata_file=str(meta_file)), log)
    kept = [d for d in log if d.rule == "options.metadata-file" and d.action is Action.KEPT]
    assert [d.text for d in kept] == [TITLE]


def test_metadata_file_yaml(tmp_path: Path) -> None:
    meta_file = tmp_path / "meta.yaml"
    meta_file.write_text("author: 安全科\ndate: 2024-04-02\nkeywords:\n  - 安全\n  - 总结\n", "utf-8")
    o = Options(metadata_file=str(meta_file))
    assert dict(o.metadata_defaults) == {"author": "安全科", "date": "2024-04-02", "keywords": "安全; 总结"}


def test_metadata_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError):
        Options(metadata_file=str(tmp_path / "absent.json"))
    bad = tmp_path / "bad.json"
    bad.write_text("{title: ", "utf-8")
    with pytest.raises(ParseError, match="bad JSON"):
        Options(metadata_file=str(bad))
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]", "utf-8")
    with pytest.raises(ParseError, match="mapping"):
        Options(metadata_file=str(listed))


def test_cli_metadata_in_front_matter(report: Path) -> None:
    code, out, err = run(str(report), "-s", "-M", "title=修订后的标题", "--metadata", "reviewed", "-v")
    assert code == 0, err
    assert front(out)["title"] == "修订后的标题"
    assert '"reviewed": "true"' in out
    assert "metadata 'title' set by -M" in err


# ------------------------------------------------------------------------------------------ heading shift


def levels(md: str) -> list[int]:
    return [int(t.tag[1]) for t in MarkdownIt("commonmark").parse(md) if t.type == "heading_open"]


def test_shift_down_and_up_through_the_library() -> None:
    assert levels(str(convert("markdown").output)) == [1, 2, 3, 3, 2, 2]
    assert levels(str(convert("markdown", shift_heading_level_by=1).output)) == [2, 3, 4, 4, 3, 3]
    up = convert("markdown", standalone=True, shift_heading_level_by=-1, metadata=())
    md = str(up.output)
    assert levels(md.split("\n---\n\n", 1)[1]) == [1, 2, 2, 1, 1]
    assert f"# {TITLE}" not in md  # the opening level-1 heading became the title
    assert front(md)["title"] == TITLE
    log = DiagnosticLog()
    writers.write(up.document, "markdown", Options(shift_heading_level_by=-1), log)
    assert any(d.rule == "options.shift-heading-level-by" and d.action is Action.MOVED for d in log)


def test_shift_below_one_makes_paragraphs_keeping_the_marker() -> None:
    doc = Document(blocks=(
        Para(content=(Text(text="引言。"),)),
        Heading(level=1, content=(Text(text="总标题"),)),
        Heading(level=2, content=(Text(text="主要工作"),), marker=None),
    ))
    log = DiagnosticLog()
    out = prepare.shift_headings(doc, -1, log)
    assert out.meta.title is None  # the level-1 heading does not open the document
    assert out.blocks[1] == Para(content=(Text(text="总标题"),))
    assert isinstance(out.blocks[2], Heading)
    assert out.blocks[2].level == 1
    assert [d.action for d in log if d.action is Action.CHANGED] == [Action.CHANGED]
    numbered = convert("json", shift_heading_level_by=-2)
    body = codec.loads(str(numbered.output)).blocks
    assert any(isinstance(b, Para) and b.content[0] == Text(text="一、") for b in body)


def test_levels_beyond_six_stay_in_json_and_print_as_six_in_markdown() -> None:
    doc = codec.loads(str(convert("json", shift_heading_level_by=4).output))
    assert sorted({b.level for b in doc.blocks if isinstance(b, Heading)}) == [5, 6, 7]
    assert levels(str(convert("markdown", shift_heading_level_by=4).output)) == [5, 6, 6, 6, 6, 6]


def test_cli_shift(report: Path) -> None:
    code, out, _ = run(str(report), "--shift-heading-level-by=-1")
    assert code == 0
    assert out.startswith("# 一、主要工作\n")
    code, out, _ = run(str(report), "--shift-heading-level-by", "2")
    assert out.startswith(f"### {TITLE}\n")
    assert run(str(report), "--shift-heading-level-by=x")[0] == cli.USAGE_EXIT


# ---------------------------------------------------------------------------------------------- Markdown TOC


EXPECTED_TOC = f"""- [{TITLE}](#{TITLE})
  - [一、主要工作](#一主要工作)
    - [（一）健全制度](#一健全制度)
    - [（二）强化培训](#二强化培训)
  - [二、存在问题](#二存在问题)
  - [三、下步计划](#三下步计划)"""


def test_markdown_toc_after_front_matter_before_body() -> None:
    md = str(convert("markdown", standalone=True, toc=True).output)
    head, body = md.split("\n---\n\n", 1)
    assert head.startswith("---\ntitle:")
    assert body.startswith(EXPECTED_TOC + "\n\n# " + TITLE + "\n")


def test_toc_depth_and_standalone_rule() -> None:
    md = str(convert("markdown", standalone=True, toc=True, toc_depth=2).output)
    assert "健全制度](#" not in md
    assert "- [二、存在问题](#二存在问题)" in md
    assert "](#" not in str(convert("markdown", toc=True).output)  # no -s: ignored, as in pandoc
    assert "](#" not in str(convert("plain", toc=True, standalone=True).output)


def test_toc_links_match_github_identifiers() -> None:
    assert toc.slug("一、加强领导") == "一加强领导"
    assert toc.slug("（二）Scope & Aims 2024") == "二scope--aims-2024"
    assert toc.slug("第三章　总则") == "第三章总则"  # an ideographic space is not a space to GitHub
    assert toc.slug("ＡＢＣ_1-2") == "ａｂｃ_1-2"
    doc = Document(blocks=(
        Heading(level=2, content=(Text(text="总结"),)),
        Heading(level=2, content=(Text(text="总结"),)),
        Heading(level=2, content=(Text(text="总结-1"),)),
        Heading(level=2, content=(Text(text="、"),)),
    ))
    md = markdown.write_markdown(doc, Options(standalone=True, toc=True))
    assert "(#总结)\n- [总结](#总结-1)\n- [总结-1](#总结-1-1)\n- [、](#section)" in md


def test_toc_is_a_separate_list_from_a_leading_body_list() -> None:
    items = tuple(ListItem(blocks=(Para(content=(Text(text=t),)),)) for t in ("第一项", "第二项"))
    doc = Document(blocks=(List(items=items, ordered=False), Heading(level=2, content=(Text(text="小结"),))))
    md = markdown.write_markdown(doc, Options(standalone=True, toc=True))
    tokens = MarkdownIt("commonmark").parse(md)
    assert sum(t.type == "bullet_list_open" for t in tokens) == 2
    assert sum(t.type == "list_item_open" for t in tokens) == 3


def test_cli_toc(report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(str(report), "-s", "--toc", "--toc-depth", "1")
    assert code == 0
    assert f"- [{TITLE}](#{TITLE})\n\n# {TITLE}" in out
    code, out, _ = run(str(report), "--table-of-contents")
    assert "](#" not in out
    capsys.readouterr()
    assert run("--help")[0] == 0
    assert "without -s it is ignored" in " ".join(capsys.readouterr().out.split())


# ------------------------------------------------------------------------------------------------------ eol


@pytest.mark.parametrize("to", ["markdown", "plain", "json"])
def test_eol(to: str) -> None:
    lf = str(convert(to).output)
    crlf = str(convert(to, eol="crlf").output)
    assert "\r" not in lf
    assert crlf == lf.replace("\n", "\r\n")
    assert str(convert(to, eol="native").output) == lf.replace("\n", os.linesep)


def test_cli_eol_bytes(report: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    assert run(str(report), "--eol=crlf", "-o", str(target))[0] == 0
    data = target.read_bytes()
    assert b"\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert run(str(report), "--eol", "mac")[0] == cli.USAGE_EXIT


# ------------------------------------------------------------------------------------------------------ log


def test_log_holds_what_explain_prints(report: Path, tmp_path: Path) -> None:
    log_path = tmp_path / "run.log.json"
    code, _, explained = run(str(report), "--explain", "-q", "--log", str(log_path), "-M", "title=X")
    assert code == 0
    records = json.loads(log_path.read_text("utf-8"))
    assert {tuple(sorted(r)) for r in records} == {("action", "message", "pos", "rule", "severity", "text")}
    rebuilt = [Diagnostic(rule=r["rule"], severity=Severity(r["severity"]), action=Action(r["action"]),
                          message=r["message"], text=r["text"], pos=Pos(**r["pos"]) if r["pos"] else None
                          ).format() for r in records]
    assert explained.splitlines() == rebuilt
    assert any(r["rule"] == "options.metadata" for r in records)


def test_log_is_written_whatever_the_verbosity_and_on_failure(report: Path, tmp_path: Path) -> None:
    log_path = tmp_path / "quiet.json"
    code, _, err = run(str(report), "-q", "--log", str(log_path))
    assert code == 0
    assert err == ""
    assert json.loads(log_path.read_text("utf-8"))
    failed = tmp_path / "failed.json"
    code, _, _ = run(str(report), "-f", "docx", "--log", str(failed), "-o", str(tmp_path / "x.md"))
    assert code == 64
    assert isinstance(json.loads(failed.read_text("utf-8")), list)
    assert not (tmp_path / "x.md").exists()


# -------------------------------------------------------------------------------------------------- batch


def test_batch_applies_the_options(report: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = cli.main(["batch", str(report), "-o", str(out), "-j", "1", "-s", "--toc", "-M", "author=安全科",
                     "--shift-heading-level-by", "1", "--eol", "crlf", "-q"], stdout=_Out(), stderr=_Out())
    assert code == 0
    md = (out / "report.md").read_bytes().decode("utf-8")
    assert "\r\n" in md
    assert front(md.replace("\r\n", "\n"))["author"] == "安全科"
    assert f"## {TITLE}\r\n" in md
    assert f"- [{TITLE}](#{TITLE})" in md
    code = cli.main(["batch", str(report), "-o", str(tmp_path / "o2"), "--log", "x.json"], stdout=_Out(),
                    stderr=(err := _Out()))
    assert code == cli.USAGE_EXIT
    assert "--log" in err.getvalue()


def test_resume_hash_follows_file_contents(tmp_path: Path) -> None:
    meta_file = tmp_path / "meta.json"
    meta_file.write_text('{"author": "甲"}', "utf-8")
    first = options_fingerprint(Options(metadata_file=str(meta_file)), to="markdown", from_format=None,
                                split_articles=False)
    meta_file.write_text('{"author": "乙"}', "utf-8")
    second = options_fingerprint(Options(metadata_file=str(meta_file)), to="markdown", from_format=None,
                                 split_articles=False)
    assert first != second
    assert options_fingerprint(Options(metadata=(("a", "1"),)), to="markdown", from_format=None,
                               split_articles=False) != options_fingerprint(
        Options(metadata=(("a", "2"),)), to="markdown", from_format=None, split_articles=False)


def test_resume_redoes_files_when_metadata_file_changes(report: Path, tmp_path: Path) -> None:
    meta_file = tmp_path / "meta.json"
    meta_file.write_text('{"author": "甲"}', "utf-8")
    out = tmp_path / "out"
    first = run_batch([str(report)], out, options=Options(standalone=True, metadata_file=str(meta_file)),
                      jobs=1)
    again = run_batch([str(report)], out, options=Options(standalone=True, metadata_file=str(meta_file)),
                      jobs=1, resume=True)
    meta_file.write_text('{"author": "乙"}', "utf-8")
    changed = run_batch([str(report)], out, options=Options(standalone=True, metadata_file=str(meta_file)),
                        jobs=1, resume=True)
    assert (first.ok, again.skipped, changed.ok) == (1, 1, 1)
    assert front((out / "report.md").read_text("utf-8"))["author"] == "乙"


def test_writers_do_not_change_their_input() -> None:
    doc = pipeline.convert_bytes(REPORT.encode(), to="json", format="txt", options=Options()).document
    opts = Options(standalone=True, toc=True, shift_heading_level_by=-1, metadata=(("title", "新"),))
    before = replace(doc)
    first = markdown.write_markdown(doc, opts)
    assert markdown.write_markdown(doc, opts) == first
    assert doc == before


@pytest.mark.parametrize("seed", seed_params())
def test_toc_links_resolve_under_an_independent_github_style_slugger(seed: Path) -> None:
    """mdit-py-plugins' anchors plugin (GitHub-style ids) must give every heading the id the TOC links to."""
    from mdit_py_plugins.anchors import anchors_plugin  # noqa: PLC0415  # test-only dependency

    md = str(pipeline.convert_bytes(seed.read_bytes(), to="markdown", path=str(seed),
                                    options=Options(standalone=True, toc=True, toc_depth=6)).output)
    body = md.split("\n---\n\n", 1)[1]
    contents, _ = body.split("\n\n#", 1)
    links = re.findall(r"\]\(#([^)]+)\)", contents)
    html = MarkdownIt("commonmark").use(anchors_plugin, max_level=6).render(body)
    ids = set(re.findall(r'<h\d id="([^"]+)"', html))
    assert links
    assert [link for link in links if link not in ids] == []


def test_library_conversion_reports_the_writers_decisions() -> None:
    result = convert("markdown", metadata=(("author", "安全科"),))
    assert [d.rule for d in result.diagnostics if d.rule == "options.metadata"] == ["options.metadata"]


def test_jsonl_rows_show_metadata_and_shifted_outline(report: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_batch([str(report)], out, to="jsonl", jobs=1,
                        options=Options(metadata=(("author", "安全科"),), shift_heading_level_by=1))
    assert summary.ok == 1
    (shard,) = out.glob("part-*.jsonl")
    (row,) = [json.loads(line) for line in shard.read_text("utf-8").splitlines()]
    assert row["author"] == "安全科"
    assert row["outline"][0] == {"level": 2, "text": TITLE}
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    assert manifest[0]["status"] == "ok"
