"""Optional script conversion through OpenCC."""

from __future__ import annotations

import sys

import pytest

from docconv import builder as b
from docconv.clean.script import convert_script
from docconv.clean.textmap import doc_text
from docconv.diagnostics import DiagnosticLog
from docconv.errors import MissingDependencyError
from docconv.options import Options


def test_off_by_default_keeps_script() -> None:
    doc = b.document(b.para("總結報告"))
    assert convert_script(doc, Options(), DiagnosticLog()) is doc


def test_missing_opencc_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "opencc", None)  # makes `import opencc` fail as if not installed
    with pytest.raises(MissingDependencyError, match=r"pip install 'docconv\[opencc\]'"):
        convert_script(b.document(b.para("总结")), Options(convert_script="traditional"), DiagnosticLog())


def test_converts_both_ways() -> None:
    pytest.importorskip("opencc")
    doc = b.document(b.para("我們總結經驗"))
    out = convert_script(doc, Options(convert_script="simplified"), DiagnosticLog())
    assert doc_text(out) == "我们总结经验\n"
    assert out.meta.script == "simplified"
    back = convert_script(out, Options(convert_script="traditional"), DiagnosticLog())
    assert doc_text(back) == "我們總結經驗\n"
    assert convert_script(out, Options(convert_script="simplified"), DiagnosticLog()) == out
