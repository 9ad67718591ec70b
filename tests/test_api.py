"""The public library API and its __all__."""

from __future__ import annotations

import importlib
import types

import pytest

import docconv
from docconv import ast, pipeline
from docconv.diagnostics import DiagnosticLog
from docconv.errors import OptionError, UnknownWriterError
from docconv.options import Options
from docconv.transform import Transform
from tests.support import FIXTURES

SAMPLE = FIXTURES / "txt" / "blank-separated.txt"


def test_all_is_honest() -> None:
    exported = set(docconv.__all__)
    assert len(exported) == len(docconv.__all__)
    for name in exported:
        assert hasattr(docconv, name), name
    # Everything public that is not a submodule or an import helper must be exported.
    public = {n for n, v in vars(docconv).items() if not n.startswith("_")
              and not isinstance(v, types.ModuleType)
              and n not in {"annotations", "version", "PackageNotFoundError", "Source"}}
    assert public <= exported, public - exported


def test_read_write_convert_agree() -> None:
    doc = docconv.read(SAMPLE)
    assert isinstance(doc, ast.Document)
    assert doc.meta.encoding == "utf-8"
    md = docconv.write(docconv.clean(doc), "markdown")
    assert md == docconv.convert(SAMPLE, "markdown")
    assert docconv.read(SAMPLE.read_bytes(), format="txt") == doc
    assert docconv.loads(docconv.dumps(doc)) == doc


def test_options_are_checked() -> None:
    with pytest.raises(OptionError, match=r"unknown option.*colour"):
        docconv.read(SAMPLE, colour="red")
    with pytest.raises(UnknownWriterError):
        docconv.write(docconv.read(SAMPLE), "odt")


def test_log_receives_diagnostics() -> None:
    log = DiagnosticLog()
    docconv.convert(SAMPLE, "json", log=log)
    assert {d.rule for d in log} >= {"decode.utf8", "txt.paragraph-mode"}


def test_pipeline_runs_named_transforms_in_order() -> None:
    seen: list[str] = []

    def tag(name: str) -> Transform:
        def run(doc: ast.Document, options: Options, log: DiagnosticLog) -> ast.Document:
            seen.append(name)
            log.report(f"test.{name}", "ran")
            return doc
        return Transform(name=name, run=run)

    result = pipeline.convert_bytes(SAMPLE.read_bytes(), to="json", options=Options(),
                                    transforms=(tag("a"), tag("b")))
    assert seen == ["a", "b"]
    assert [d.rule for d in result.diagnostics][-2:] == ["test.a", "test.b"]


def test_clean_is_the_function_even_after_the_stage_modules_load() -> None:
    for name in ("docconv.clean", "docconv.structure.headings"):
        importlib.import_module(name)
    assert callable(docconv.clean)
    assert docconv.clean.__doc__ is not None
    assert "transforms" in docconv.clean.__doc__
