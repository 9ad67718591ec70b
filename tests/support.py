"""Shared test helpers: where the fixtures and the seed reports are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("*.txt")) if SEEDS_DIR.is_dir() else []


def seed_params() -> list[object]:
    """Seed files as pytest params; a single skipped param when the seeds are not beside the repo."""
    if not SEEDS:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"seed reports not found at {SEEDS_DIR}"))]
    return [pytest.param(p, id=p.name[:3]) for p in SEEDS]
