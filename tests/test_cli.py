"""The command line through main(argv): conversions, formats, and one-line errors with exit codes."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import docconv
from docconv import cli, codec
from tests.support import FIXTURES, SEEDS_DIR

SAMPLE = FIXTURES / "txt" / "line-per-paragraph.txt"


class _Out(io.StringIO):
    """A text stream without a binary buffer, so main() writes str to it."""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = _Out(), _Out()
    code = cli.main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_markdown_to_stdout() -> None:
    code, out, err = run(str(SAMPLE), "-t", "markdown")
    assert code == 0, err
    assert out.startswith("# 2023年街道社区服务中心年度工作总结\n\n")
    assert err == ""


def test_json_output_loads_back_to_an_equal_document() -> None:
    code, out, _ = run(str(SAMPLE), "-t", "json")
    assert code == 0
    assert codec.loads(out) == docconv.clean(docconv.read(SAMPLE))


def test_output_format_from_extension_and_json_input(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert run(str(SAMPLE), "-o", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["docconv-ast-version"][0] == 1
    code, out, _ = run(str(target), "-t", "md")
    assert code == 0
    assert out == run(str(SAMPLE))[1]
    assert not list(tmp_path.glob(".*.tmp"))


def test_standalone_adds_front_matter() -> None:
    code, out, _ = run(str(SAMPLE), "-s")
    assert code == 0
    assert out.startswith('---\ntitle: "2023年街道社区服务中心年度工作总结"\n')
    assert 'encoding: "utf-8"' in out.split("---")[1]


def test_explain_prints_each_diagnostic_on_one_line() -> None:
    code, _, err = run(str(SAMPLE), "--explain")
    assert code == 0
    lines = err.splitlines()
    assert any(ln.startswith("info decode.utf8 [detected]") for ln in lines)
    assert any(ln.startswith("info txt.paragraph-mode [detected]") for ln in lines)


def test_list_formats() -> None:
    assert run("--list-input-formats")[1].split() == ["docx", "html", "json", "pdf", "txt"]
    assert run("--list-output-formats")[1].split() == ["docx", "json", "markdown", "plain"]


def test_version() -> None:
    out = io.StringIO()
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["--version"])
    assert run("--version")[0] == 0
    del out


def _assert_one_line_error(err: str, *phrases: str) -> None:
    assert err.count("\n") == 1, err
    assert err.startswith("docconv: "), err
    assert "Traceback" not in err
    for phrase in phrases:
        assert phrase in err, err


def test_directory_input(tmp_path: Path) -> None:
    code, out, err = run(str(tmp_path))
    assert (code, out) == (1, "")
    _assert_one_line_error(err, "is a directory", "give a file")


def test_missing_file(tmp_path: Path) -> None:
    code, out, err = run(str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out.md"))
    assert (code, out) == (1, "")
    _assert_one_line_error(err, "no such file", "check the path")
    assert not (tmp_path / "out.md").exists()


def test_unknown_output_format(tmp_path: Path) -> None:
    code, _, err = run(str(SAMPLE), "-t", "rtf", "-o", str(tmp_path / "x.rtf"))
    assert code == 22
    _assert_one_line_error(err, "unknown output format 'rtf'", "known output formats: docx, json, markdown, plain")
    assert not (tmp_path / "x.rtf").exists()


def test_unknown_input_format() -> None:
    code, _, err = run(str(SAMPLE), "-f", "odt")
    assert code == 21
    _assert_one_line_error(err, "unknown input format 'odt'", "known input formats")


def test_output_extension_without_writer(tmp_path: Path) -> None:
    code, _, err = run(str(SAMPLE), "-o", str(tmp_path / "x.odt"))
    assert code == 6
    _assert_one_line_error(err, "cannot tell the output format", "pass -t")


def test_undecodable_file_reports_byte_offset(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes("正文".encode() + b"\xff\xfe" + "结束".encode())
    before = bad.read_bytes()
    code, out, err = run(str(bad), "-o", str(tmp_path / "out.md"))
    assert (code, out) == (92, "")
    _assert_one_line_error(err, "byte offset 6", "--encoding")
    assert not (tmp_path / "out.md").exists()
    assert bad.read_bytes() == before


def test_binary_file_is_not_text(tmp_path: Path) -> None:
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    code, out, err = run(str(png), "-o", str(tmp_path / "out.md"))
    assert (code, out) == (95, "")
    _assert_one_line_error(err, "input is not text", "PNG")
    assert not (tmp_path / "out.md").exists()


def test_nul_bytes_are_not_text(tmp_path: Path) -> None:
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"abc\x00\x01\x02\x03" * 50 + b"\x00" * 300)
    code, _, err = run(str(blob))
    assert code == 95
    _assert_one_line_error(err, "input is not text")


def test_unwritable_output_directory(tmp_path: Path) -> None:
    code, _, err = run(str(SAMPLE), "-o", str(tmp_path / "missing" / "out.md"))
    assert code == 1
    _assert_one_line_error(err, "does not exist", "create it first")


def test_unknown_encoding() -> None:
    code, _, err = run(str(SAMPLE), "--encoding", "klingon")
    assert code == 94
    _assert_one_line_error(err, "unknown encoding 'klingon'")


def test_bad_flag_is_one_line() -> None:
    code, _, err = run("--bogus")
    assert code == 2
    _assert_one_line_error(err, "unrecognized arguments: --bogus", "docconv --help")


def test_stdin_and_console_script_and_module(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes()
    module = subprocess.run([sys.executable, "-m", "docconv", "-", "-t", "markdown"], input=data,
                            capture_output=True, check=False)
    assert module.returncode == 0, module.stderr
    assert module.stdout.decode("utf-8") == run(str(SAMPLE))[1]


@pytest.mark.skipif(not (SEEDS_DIR / "002_e03b00ec77e45ef9.txt").exists(), reason="seed reports not found")
def test_seed_002_every_paragraph_once_in_order() -> None:
    seed = SEEDS_DIR / "002_e03b00ec77e45ef9.txt"
    source = [ln.strip() for ln in seed.read_text(encoding="utf-8").splitlines() if ln.strip()]
    code, out, _ = run(str(seed), "-t", "markdown", "--no-clean", "--no-structure")
    assert code == 0
    assert out.split("\n\n") == [*source[:-1], source[-1] + "\n"]
    # With structure, paragraphs may become headings or be split at a heading lead, never lose text.
    code, out, _ = run(str(seed), "-t", "markdown", "--no-clean")
    assert code == 0
    flat = re.sub(r"^(#+ |- |<!-- -->$|---$)", "", out, flags=re.MULTILINE).replace("\n", "")
    assert flat == "".join(source)
    code, js, _ = run(str(seed), "-t", "json")
    assert codec.loads(js) == docconv.clean(docconv.read(seed))


def test_split_articles_writes_one_file_per_article(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("两篇工作总结（共2篇）\n篇一：二〇二三年团委工作总结\n一、主要工作\n组织青年开展学习活动十二次。\n"
                    "二、下步打算\n继续加强思想引领。\n篇二：二〇二三年工会工作总结\n一、主要工作\n开展职工文体活动八次。\n"
                    "二、下步打算\n进一步关心职工生活。\n", encoding="utf-8")
    code, _out, err = run(str(page), "-o", str(tmp_path / "out.md"), "--split-articles")
    assert code == 0, err
    first = (tmp_path / "out-01.md").read_text(encoding="utf-8")
    second = (tmp_path / "out-02.md").read_text(encoding="utf-8")
    assert first.startswith("# ")
    assert "团委" in first
    assert "工会" not in first
    assert second.startswith("# ")
    assert "工会" in second
    assert "团委" not in second
    assert not (tmp_path / "out.md").exists()
    code, _out, err = run(str(page), "--split-articles")
    assert code == 6
    _assert_one_line_error(err, "--split-articles", "-o")


def test_output_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("一、总体情况\n全年任务全部完成。\n", encoding="utf-8")
    assert run(str(src), "-o", str(tmp_path / "out.md"))[0] == 0
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "out.md").stat().st_mode & 0o777 == 0o666 & ~mask
