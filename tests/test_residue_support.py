"""Shared helpers of the residue tests: run the residue stage over text and read its result."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

from docconv.ast import Block, BlockQuote, Div, Document, Heading, List, Para, plain_text
from docconv.clean.residue import TRANSFORMS
from docconv.clean.rules import Kind, Rule, fold
from docconv.clean.rules.builtin import BUILTIN
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options
from docconv.readers.txt import read_txt

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "residue"
SEEDS = ROOT.parent / "shared" / "seeds"


def clean(doc: Document, options: Options | None = None) -> tuple[Document, DiagnosticLog]:
    """Run every residue transform over a document."""
    opts = options or Options()
    log = DiagnosticLog()
    for t in TRANSFORMS:
        doc = t.run(doc, opts, log)
    return doc, log


def clean_text(source: str, options: Options | None = None) -> tuple[Document, DiagnosticLog]:
    """Read plain text and run the residue stage over it."""
    opts = options or Options()
    return clean(read_txt(source, opts, DiagnosticLog()), opts)


def _texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    for b in blocks:
        match b:
            case Para(content=c) | Heading(content=c):
                yield plain_text(c)
            case Div(blocks=inner) | BlockQuote(blocks=inner):
                yield from _texts(inner)
            case List(items=items):
                for it in items:
                    yield from _texts(it.blocks)
            case _:
                pass


def text_of(doc: Document) -> str:
    """All paragraph and heading text of a document, one block per line."""
    return "\n".join(_texts(doc.blocks))


def removed(log: DiagnosticLog) -> list[str]:
    """The texts the stage reported as removed."""
    return [d.text or "" for d in log if d.action is Action.REMOVED]


def red_team(name: str) -> tuple[list[Path], list[Path]]:
    """The scraped pages and the clean lookalike reports (`clean-*`) of fixtures/residue/NAME/."""
    pages = sorted(p for p in (FIXTURES / name).glob("*.txt") if not p.name.startswith("clean-"))
    return pages, sorted((FIXTURES / name).glob("clean-*.txt"))


def expect_of(path: Path) -> dict[str, object]:
    """A red-team page's expectations: the `.expect.toml` next to it."""
    return tomllib.loads(path.with_suffix(".expect.toml").read_text(encoding="utf-8"))


def check_page(path: Path) -> None:
    """Clean a red-team page and check its expectations: every `must_keep` text survives, every `must_drop`
    text (a whole line when it ends in a newline) is gone and explained by a removal, `meta` is set."""
    expect = expect_of(path)
    doc, log = clean_text(path.read_text(encoding="utf-8"))
    out = text_of(doc)
    lines = out.splitlines()
    gone = removed(log)
    for s in expect["must_keep"]:  # type: ignore[attr-defined]
        assert s in out + "\n", f"lost real text {s!r}"
    for s in expect["must_drop"]:  # type: ignore[attr-defined]
        if s.endswith("\n"):
            line = s.strip()
            assert line not in lines, f"residue line {line!r} survived"
            assert line in [g.strip() for g in gone], f"no diagnostic explains {line!r}"
        else:
            assert s not in out, f"residue {s!r} survived"
            assert any(s in g for g in gone), f"no diagnostic explains {s!r}"
    for name, value in dict(expect.get("meta", {})).items():  # type: ignore[call-overload]
        assert getattr(doc.meta, name) == value, name


def check_idempotent(path: Path) -> None:
    """Cleaning a page's cleaned text again changes nothing and removes nothing."""
    once, _ = clean_text(path.read_text(encoding="utf-8"))
    twice, log = clean(once)
    assert twice == once
    assert not removed(log)


BODY = "今年以来，我们围绕中心工作扎实推进各项任务，全年目标全面完成，群众满意度稳步提升。"
BODY2 = "下一步，我们将认真总结经验，查找不足，把各项工作做得更加扎实，为全县发展作出新贡献。"


def place(line: str, where: str) -> str:
    """`line` in a two-paragraph report: at its `head`, in the `middle` or at its `tail`."""
    order = {"head": [line, BODY, BODY2], "middle": [BODY, line, BODY2], "tail": [BODY, BODY2, line]}
    return "\n".join(order[where])


def check_rule_case(rid: str, where: str, residue: str, lwhere: str, lookalike: str) -> None:
    """Rule `rid` removes `residue` placed at `where`, and a report with `lookalike` at `lwhere` loses
    nothing."""
    doc, log = clean_text(place(residue, where))
    assert residue not in text_of(doc)
    assert any(d.rule == rid and d.action is Action.REMOVED for d in log), [d.rule for d in log]
    source = place(lookalike, lwhere)
    doc, log = clean_text(source)
    assert text_of(doc) == source
    assert not [d for d in log if d.action is Action.REMOVED]


def every_rule_on_a_megabyte_of(piece: str, rules: Iterable[Rule] = BUILTIN) -> None:
    """Run `rules` on a 1 MB line made of `piece`, each the way the cleaner runs it: a pattern that
    backtracks badly does not finish (a hang, not a slow pass, is what this catches)."""
    folded = fold((piece * (1_000_000 // len(piece) + 1))[:1_000_000])
    for r in rules:
        if r.kind is Kind.INLINE:
            list(r.regex.finditer(folded))
        elif r.kind is Kind.BLOCK:
            r.regex.search(folded[: r.max_len])
        else:
            r.regex.fullmatch(folded[: r.max_len])
