"""The DOCX writer's pandoc options: --reference-doc, --toc (a Word TOC field), metadata in the core
properties, and the one-line errors of the CLI."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from docconv import pipeline, writers
from docconv.ast import Document, Heading, List, ListItem, Para, Text
from docconv.batch.plan import options_fingerprint
from docconv.diagnostics import DiagnosticLog, Severity
from docconv.errors import ParseError
from docconv.options import Options
from tests.test_pandoc_options import REPORT, TITLE, run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def make_reference(path: Path, *, drop: tuple[str, ...] = ()) -> Path:
    """A reference doc with a 15 pt Normal style, a header and footer, wide margins and body text."""
    ref = docx.Document()
    ref.styles["Normal"].font.size = Pt(15)
    section = ref.sections[0]
    section.left_margin = Cm(3.7)
    section.header.paragraphs[0].text = "内部资料·页眉"
    section.footer.paragraphs[0].text = "安全科编印"
    ref.add_paragraph("模板里的示例正文，输出中不应出现。")
    for name in drop:
        ref.styles.element.remove(ref.styles[name].element)
    ref.save(str(path))
    return path


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def convert_docx(**options: object) -> tuple[bytes, DiagnosticLog]:
    opts = Options.from_kwargs(**options)
    log = DiagnosticLog()
    doc = pipeline.convert_bytes(REPORT.encode(), to="json", format="txt", options=Options()).document
    out = writers.write(doc, "docx", opts, log)
    assert isinstance(out, bytes)
    return out, log


# ------------------------------------------------------------------------------------------ reference doc


def test_reference_doc_gives_styles_header_footer_and_page_setup(tmp_path: Path) -> None:
    ref = make_reference(tmp_path / "ref.docx")
    out = pipeline.convert_bytes(REPORT.encode(), to="docx", format="txt",
                                 options=Options(reference_doc=str(ref))).output
    assert isinstance(out, bytes)
    word = open_docx(out)
    assert word.styles["Normal"].font.size == Pt(15)
    section = word.sections[0]
    assert section.header.paragraphs[0].text == "内部资料·页眉"
    assert section.footer.paragraphs[0].text == "安全科编印"
    assert section.left_margin == docx.Document(str(ref)).sections[0].left_margin  # 3.7 cm in twips
    texts = [p.text for p in word.paragraphs]
    assert "模板里的示例正文，输出中不应出现。" not in texts
    assert texts[0] == TITLE
    assert word.paragraphs[0].style.name == "Heading 1"
    assert word.element.body[-1].tag == qn("w:sectPr")


def test_reference_doc_output_is_deterministic(tmp_path: Path) -> None:
    ref = make_reference(tmp_path / "ref.docx")
    assert convert_docx(reference_doc=str(ref))[0] == convert_docx(reference_doc=str(ref))[0]


def test_missing_style_falls_back_with_a_diagnostic(tmp_path: Path) -> None:
    ref = make_reference(tmp_path / "ref.docx", drop=("Heading 3",))
    out, log = convert_docx(reference_doc=str(ref))
    word = open_docx(out)
    assert {p.style.name for p in word.paragraphs if p.text == "（一）健全制度"} == {"Heading 3"}
    missing = [d for d in log if d.rule == "docx.reference-doc.style"]
    assert len(missing) == 1
    assert "'Heading 3'" in missing[0].message
    assert missing[0].severity is Severity.WARNING


def test_missing_list_style_brings_its_numbering(tmp_path: Path) -> None:
    ref = make_reference(tmp_path / "ref.docx", drop=("List Bullet",))
    items = tuple(ListItem(blocks=(Para(content=(Text(text=t),)),)) for t in ("甲", "乙"))
    doc = Document(blocks=(List(items=items, ordered=False),))
    log = DiagnosticLog()
    out = writers.write(doc, "docx", Options(reference_doc=str(ref)), log)
    assert isinstance(out, bytes)
    word = open_docx(out)
    style = word.styles["List Bullet"].element
    num_id = style.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
    numbering = word.part.numbering_part.element
    num = [n for n in numbering.findall(f"{W}num") if n.get(f"{W}numId") == num_id]
    assert len(num) == 1
    abstract_id = num[0].find(f"{W}abstractNumId").get(f"{W}val")
    abstract = [a for a in numbering.findall(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstract_id]
    assert abstract[0].find(f"{W}lvl/{W}numFmt").get(f"{W}val") == "bullet"
    assert any("'List Bullet'" in d.message for d in log)


def test_reference_doc_content_enters_the_resume_hash(tmp_path: Path) -> None:
    ref = make_reference(tmp_path / "ref.docx")
    first = options_fingerprint(Options(reference_doc=str(ref)), to="docx", from_format=None,
                                split_articles=False)
    make_reference(ref, drop=("Heading 3",))
    second = options_fingerprint(Options(reference_doc=str(ref)), to="docx", from_format=None,
                                 split_articles=False)
    assert first != second


def test_reference_doc_not_a_docx_is_the_docx_readers_error(tmp_path: Path) -> None:
    text = tmp_path / "ref.docx"
    text.write_text("不是文档", "utf-8")
    with pytest.raises(ParseError):
        Options(reference_doc=str(text))


@pytest.mark.parametrize(("case", "extra", "code"), [
    ("missing", ["-o", "{out}.docx"], 1),
    ("not-docx", ["-o", "{out}.docx"], 64),
    ("zip-without-body", ["-o", "{out}.docx"], 64),
    ("markdown-output", ["-o", "{out}.md"], 6),
    ("batch-markdown", [], 6),
])
def test_cli_reference_doc_errors(tmp_path: Path, case: str, extra: list[str], code: int) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    ref = tmp_path / "ref.docx"
    if case == "not-docx":
        ref.write_text("纯文本", "utf-8")
    elif case == "zip-without-body":
        with zipfile.ZipFile(ref, "w") as z:
            z.writestr("hello.txt", "x")
    elif case != "missing":
        make_reference(ref)
    out = tmp_path / "out"
    argv = [str(report), "--reference-doc", str(ref), *(a.format(out=out) for a in extra)]
    if case == "batch-markdown":
        argv = ["batch", str(report), "-o", str(out), "--reference-doc", str(ref)]
    result, stdout, err = run(*argv)
    assert result == code
    assert stdout == ""
    assert err.count("\n") == 1
    assert err.startswith("docconv")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        n for n in ("report.txt", "ref.docx") if (tmp_path / n).exists())


def test_cli_reference_doc(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    ref = make_reference(tmp_path / "ref.docx", drop=("Heading 2",))
    target = tmp_path / "out.docx"
    code, _, err = run(str(report), "--reference-doc", str(ref), "-o", str(target))
    assert code == 0
    assert "'Heading 2'" in err  # the fallback is a warning, shown by default
    assert open_docx(target.read_bytes()).sections[0].header.paragraphs[0].text == "内部资料·页眉"


# ------------------------------------------------------------------------------------------------- TOC


def field_runs(paragraph: etree._Element) -> list[tuple[str, str]]:
    out = []
    for r in paragraph.iter(f"{W}r"):
        for child in r:
            if child.tag == f"{W}fldChar":
                out.append(("fldChar", child.get(f"{W}fldCharType")))
            elif child.tag == f"{W}instrText":
                out.append(("instrText", child.text or ""))
    return out


def test_docx_toc_field_title_and_update_setting() -> None:
    out, _ = convert_docx(toc=True, toc_depth=2)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))  # every part is well-formed XML
        settings = etree.fromstring(z.read("word/settings.xml"))
    word = open_docx(out)
    title, field = word.paragraphs[0], word.paragraphs[1]
    assert (title.style.name, title.text) == ("TOC Heading", "目录")
    runs = field_runs(field._p)
    assert [k for k, _ in runs] == ["fldChar", "instrText", "fldChar", "fldChar"]
    assert [v for k, v in runs if k == "fldChar"] == ["begin", "separate", "end"]
    assert runs[1][1].strip() == 'TOC \\o "1-2" \\h \\z \\u'
    assert word.paragraphs[2].text == TITLE
    flags = settings.findall(f"{W}updateFields")
    assert [f.get(f"{W}val") for f in flags] == ["true"]
    order = [c.tag for c in settings]
    assert order.index(f"{W}updateFields") < order.index(f"{W}compat")


def test_docx_toc_title_from_metadata_and_no_toc_by_default() -> None:
    out, _ = convert_docx(toc=True, metadata=(("toc-title", "Contents"),))
    assert open_docx(out).paragraphs[0].text == "Contents"
    plain, _ = convert_docx()
    with zipfile.ZipFile(io.BytesIO(plain)) as z:
        assert b"instrText" not in z.read("word/document.xml")
        assert b"updateFields" not in z.read("word/settings.xml")


def test_docconv_reads_its_own_toc_back_as_nothing() -> None:
    out, _ = convert_docx(toc=True)
    md = pipeline.convert_bytes(out, to="markdown", format="docx", options=Options()).output
    assert isinstance(md, str)
    assert "目录" not in md
    assert md.startswith(f"# {TITLE}\n")


def test_cli_docx_toc_without_standalone_and_reference_without_toc_heading(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    ref = make_reference(tmp_path / "ref.docx", drop=("TOC Heading",))
    target = tmp_path / "out.docx"
    code, _, _ = run(str(report), "--toc", "--reference-doc", str(ref), "-o", str(target))
    assert code == 0
    first = open_docx(target.read_bytes()).paragraphs[0]
    assert (first.style.name, first.text) == ("TOC Heading", "目录")


# ------------------------------------------------------------------------------------- core properties


def test_metadata_reaches_the_core_properties(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    target = tmp_path / "out.docx"
    code, _, _ = run(str(report), "-M", "title=季度总结", "-M", "author=安全科", "-M", "date=2024-04-08",
                     "-o", str(target))
    assert code == 0
    props = open_docx(target.read_bytes()).core_properties
    assert (props.title, props.author, props.created) == ("季度总结", "安全科", datetime(2024, 4, 8, tzinfo=UTC))


def test_toc_heading_levels_match_the_field_range() -> None:
    doc = Document(blocks=tuple(Heading(level=n, content=(Text(text=f"第{n}级"),)) for n in range(1, 4)))
    out = writers.write(doc, "docx", Options(toc=True, toc_depth=9), DiagnosticLog())
    assert isinstance(out, bytes)
    assert 'TOC \\o "1-9"' in "".join(v for _, v in field_runs(open_docx(out).paragraphs[1]._p))
