"""Golden tests: every fixture input converts to the Markdown and JSON that sit beside it.

Set DOCCONV_UPDATE_GOLDENS=1 to (re)write the goldens, then review the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import docconv
from tests.support import FIXTURES

INPUT_SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf"}
UPDATE = os.environ.get("DOCCONV_UPDATE_GOLDENS") == "1"
# The batch sample corpus is checked by the batch tests, not file by file here.
EXCLUDED = {"corpus"}

CASES = sorted(
    p for p in FIXTURES.rglob("*")
    if p.suffix.lower() in INPUT_SUFFIXES and not (EXCLUDED & set(p.relative_to(FIXTURES).parts))
)


@pytest.mark.parametrize("source", CASES, ids=[str(p.relative_to(FIXTURES)) for p in CASES])
@pytest.mark.parametrize("to", ["markdown", "json"])
def test_golden(source: Path, to: str) -> None:
    golden = source.with_suffix(".md" if to == "markdown" else ".json")
    output = docconv.convert(source, to)
    assert isinstance(output, str)
    if UPDATE:
        golden.write_text(output, encoding="utf-8")
        return
    assert golden.exists(), f"no golden {golden.name}: run DOCCONV_UPDATE_GOLDENS=1 pytest and review it"
    assert output == golden.read_text(encoding="utf-8")


def test_there_are_goldens() -> None:
    assert len(CASES) >= 5
