"""The plain-text writer: words only, markers kept, soft breaks joined as in Markdown, notes last."""

from __future__ import annotations

import docconv
from docconv import Heading, Marker, Note, Para, Scheme, SoftBreak, Text


def test_markers_kept_latin_markers_spaced() -> None:
    doc = docconv.Document(blocks=(
        Heading(level=2, content=(Text(text="总体情况"),), marker=Marker(scheme=Scheme.CN, ordinal=1, raw="一、")),
        Heading(level=2, content=(Text(text="Scope"),), marker=Marker(scheme=Scheme.LATIN_UPPER, ordinal=1,
                                                                     raw="A.")),
        Para(content=(Text(text="全年任务"), SoftBreak(), Text(text="全部完成"), SoftBreak(), Text(text="on time."))),
        Para(content=(Text(text="详见附件"), Note(blocks=(Para(content=(Text(text="附件一"),)),)), Text(text="。"))),
    ))
    assert docconv.write(doc, "plain") == (
        "一、总体情况\n\nA. Scope\n\n全年任务全部完成 on time.\n\n详见附件[^1]。\n\n[^1] 附件一\n")


def test_numbering_strip_drops_markers() -> None:
    doc = docconv.Document(blocks=(
        Heading(level=2, content=(Text(text="总体情况"),), marker=Marker(scheme=Scheme.CN, ordinal=1, raw="一、")),))
    assert docconv.write(doc, "plain", numbering="strip") == "总体情况\n"


def test_empty_document_is_empty() -> None:
    assert docconv.write(docconv.Document(), "plain") == ""


def test_newlines_inside_a_text_run_join_like_soft_breaks() -> None:
    doc = docconv.Document(blocks=(Para(content=(Text(text="全年任务\n全部完成 and\nmore"),)),))
    assert docconv.write(doc, "plain") == "全年任务全部完成 and more\n"
