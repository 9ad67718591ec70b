"""Residue removal on the real seed reports in ../shared/seeds (skipped when they are absent).

No seed text is copied here: residue and the real sentences around it are named by line number and read
from the seeds at test time. For every seed, each residue line must be gone and explained by a diagnostic,
and every other line must survive verbatim (inline watermarks: the line minus the watermark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from docconv.ast import Div
from docconv.clean.readingtail import APPENDED
from tests.test_residue_support import SEEDS, clean, clean_text, removed, text_of

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed reports not available")


@dataclass(frozen=True)
class Seed:
    """What the residue stage must do to one seed."""

    name: str
    drop: tuple[int, ...]
    """Lines that are residue as a whole."""
    inline: dict[int, str] = field(default_factory=dict)
    """Lines that keep their text once the residue matched by the pattern is cut out."""
    meta: dict[str, str] = field(default_factory=dict)
    """Metadata the residue carried."""
    appended_from: int | None = None
    """First line of the articles the site appended after its reading marker."""


SEED_CASES = (
    # page title repeated, editor's intro paragraph, domain + "more reading" marker; a title carries a
    # doubled site category; whole articles follow the marker.
    Seed("000_5ba318f4a5201050.txt", drop=(3, 5, 39), inline={217: r"-(.+)\1$"},
         meta={"source": "gz85.com"}, appended_from=41),
    # a watermark split over two lines and one inside a line; a reading tail of dated titles ends it.
    Seed("001_20436d8032b1907b.txt", drop=tuple(range(164, 175)),
         inline={35: r"原创:$", 36: r"^http://", 45: r"原创:http://"}),
    Seed("002_e03b00ec77e45ef9.txt", drop=(3, 5, 7), meta={"date": "2022-12-06T03:22:25"}),
    Seed("003_2620afff2e283481.txt", drop=(3, 5), meta={"date": "2022-07-29T09:10:07"}),
    Seed("004_433b42093994987b.txt", drop=(1, 2), meta={"date": "2022-06-04T05:58:09", "source": "爱发表网"}),
)


def _lines(seed: Seed) -> list[str]:
    return (SEEDS / seed.name).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("seed", SEED_CASES, ids=[s.name[:3] for s in SEED_CASES])
def test_seed_residue_gone_and_real_text_kept(seed: Seed) -> None:
    lines = _lines(seed)
    doc, log = clean_text("\n".join(lines))
    explained = removed(log)
    expected: list[str] = []
    for n, raw in enumerate(lines, start=1):
        line = raw.strip()
        if n in seed.drop:
            assert any(line in r for r in explained), f"removal of line {n} is not explained"
        elif n in seed.inline:
            cut = re.sub(seed.inline[n], "", line).strip()
            assert cut != line
            expected.append(cut)
        elif line:
            expected.append(line)
    # The output is exactly the seed without its residue: every real line, verbatim and in order.
    assert text_of(doc).splitlines() == expected
    for name, value in seed.meta.items():
        assert getattr(doc.meta, name) == value


@pytest.mark.parametrize("seed", SEED_CASES, ids=[s.name[:3] for s in SEED_CASES])
def test_seed_appended_articles(seed: Seed) -> None:
    lines = _lines(seed)
    doc, _ = clean_text("\n".join(lines))
    divs = [b for b in doc.blocks if isinstance(b, Div)]
    if seed.appended_from is None:
        assert not divs
        return
    assert divs
    assert all(d.attr == APPENDED for d in divs)
    # Everything after the marker is inside the appended articles, and nothing before it.
    first = doc.blocks.index(divs[0])
    assert all(isinstance(b, Div) for b in doc.blocks[first:])
    inside = "\n".join(text_of(type(doc)(blocks=(d,))) for d in divs)
    assert inside.startswith(lines[seed.appended_from - 1].strip())
    main = text_of(type(doc)(blocks=doc.blocks[:first]))
    assert lines[seed.appended_from - 1].strip() not in main


@pytest.mark.parametrize("seed", SEED_CASES, ids=[s.name[:3] for s in SEED_CASES])
def test_seed_idempotent(seed: Seed) -> None:
    once, _ = clean_text("\n".join(_lines(seed)))
    twice, log = clean(once)
    assert twice == once
    assert not removed(log)


@pytest.mark.parametrize("seed", SEED_CASES, ids=[s.name[:3] for s in SEED_CASES])
def test_seed_no_suspects(seed: Seed) -> None:
    _, log = clean_text("\n".join(_lines(seed)))
    assert not log.warnings()
