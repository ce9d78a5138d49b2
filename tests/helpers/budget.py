"""Checking a hostile text through the product's own per-file time budget: a stall comes back as E114."""

from __future__ import annotations

from pathlib import Path

from shuzhi.pipeline.isolation import check_file_safely
from shuzhi.rules.config import Config

# Far above what these texts take once the scans are linear (well under 10 s on a shared 2-core
# machine), far below what they took before (minutes to hours): a stall, not a speed, is what fails.
BUDGET = 90


def check_within_budget(tmp_path: Path, text: str, name: str = "r.txt"):
    """The Result of checking ``text`` as a .txt file; fails the test with the error if there is none."""
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    out = check_file_safely(p, Config(), BUDGET)
    assert not hasattr(out, "code"), f"{out.code}: {out.message}"
    return out
