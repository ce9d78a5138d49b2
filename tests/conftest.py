"""Shared fixtures: the corpus in ../shared/corpus and builders for real .docx/.pdf files."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = sorted((CORPUS / "seeds").glob("0*.txt"))


def seed(n: int) -> Path:
    """The path of seed report n (0–4)."""
    return SEEDS[n]


@pytest.fixture(scope="session")
def corpus() -> Path:
    assert CORPUS.is_dir(), f"the shared corpus is expected at {CORPUS}"
    return CORPUS
