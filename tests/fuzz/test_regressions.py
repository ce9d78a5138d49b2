"""Every crash the fuzzers ever found, replayed: each is now a document, a Result or a coded Chinese error."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "fuzz"))

import harness  # noqa: E402

REGRESSIONS = Path(__file__).resolve().parent / "regressions"
CASES = sorted(p for kind in harness.KINDS for p in (REGRESSIONS / kind).glob("*") if p.is_file())
# A stall is a finding too: the pipeline inputs must finish well inside this budget (see helpers/budget.py).
BUDGET = 90


def test_there_are_regressions_for_the_loaders_and_the_pipeline():
    kinds = {p.parent.name for p in CASES}
    assert {"txt", "docx", "pipeline"} <= kinds


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_fuzz_finding_stays_fixed(path):
    out = harness.run(path.parent.name, path.read_bytes(), budget=BUDGET)
    assert out is not None
