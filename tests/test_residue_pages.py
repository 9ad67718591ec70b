"""Every red-team page of fixtures/residue/redteam*/ (four rounds of sites the rules were not written
from): each keeps its report and drops its residue as its `.expect.toml` says, cleaning twice equals
cleaning once, and the clean lookalike reports (`clean-*`) lose nothing.

Each page's `.expect.toml` lists strings that must survive, strings that must go (with a diagnostic that
explains them; an entry ending in a newline names a whole line) and the metadata moved out of the residue.
Each round's rules are checked here too, one residue line and one real-text lookalike each (the case
tables live with the round's other tests in test_residue_redteam*.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docconv.diagnostics import Action
from tests import test_residue_redteam, test_residue_redteam2, test_residue_redteam3, test_residue_redteam4
from tests.test_residue_support import (
    check_idempotent,
    check_page,
    check_rule_case,
    clean_text,
    red_team,
    text_of,
)

ROUNDS = {"redteam": (15, 5), "redteam2": (6, 1), "redteam3": (6, 1), "redteam4": (6, 1)}
"""Each round's directory and the least number of pages and clean reports it holds."""
PAGES = [p for name in ROUNDS for p in red_team(name)[0]]
CLEAN = [p for name in ROUNDS for p in red_team(name)[1]]


def _ids(paths: list[Path]) -> list[str]:
    return [f"{p.parent.name}/{p.stem}" for p in paths]


@pytest.mark.parametrize(("name", "least"), ROUNDS.items())
def test_there_are_enough_pages(name: str, least: tuple[int, int]) -> None:
    pages, clean = red_team(name)
    assert len(pages) >= least[0]
    assert len(clean) >= least[1]


@pytest.mark.parametrize("path", PAGES, ids=_ids(PAGES))
def test_page_keeps_report_and_drops_residue(path: Path) -> None:
    check_page(path)


@pytest.mark.parametrize("path", PAGES + CLEAN, ids=_ids(PAGES + CLEAN))
def test_page_idempotent(path: Path) -> None:
    check_idempotent(path)


@pytest.mark.parametrize("path", CLEAN, ids=_ids(CLEAN))
def test_clean_page_loses_nothing(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    doc, log = clean_text(source)
    assert text_of(doc).splitlines() == [ln.strip() for ln in source.splitlines() if ln.strip()]
    assert not [d for d in log if d.action is Action.REMOVED]
    assert (doc.meta.date, doc.meta.source, doc.meta.author) == (None, None, None)


# Each round's rules with one residue line and one real-text lookalike each: (round, rule id, where the
# residue stands, the residue line, where the lookalike stands, the lookalike line).
CASES = [(module.__name__.rsplit("_", 1)[-1], *case)
         for module in (test_residue_redteam, test_residue_redteam2, test_residue_redteam3,
                        test_residue_redteam4)
         for case in module.CASES]


@pytest.mark.parametrize(("rid", "where", "residue", "lwhere", "lookalike"), [c[1:] for c in CASES],
                         ids=[f"{c[0]}:{c[1]}:{c[3][:8]}" for c in CASES])
def test_rule_removes_residue_and_keeps_lookalike(
    rid: str, where: str, residue: str, lwhere: str, lookalike: str
) -> None:
    check_rule_case(rid, where, residue, lwhere, lookalike)
