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


def seed_round(tmp_path: Path, n: int = 4) -> Path:
    """A round directory of n reports r0.txt … (the seeds in turn)."""
    d = tmp_path / "round"
    d.mkdir()
    for i in range(n):
        (d / f"r{i}.txt").write_bytes(seed(i % 5).read_bytes())
    return d


@pytest.fixture(scope="session")
def corpus_texts() -> list[str]:
    """The texts the fast-scan tests compare fast paths with plain code on: every gov-report, the seeds, 150 laws."""
    import shuzhi

    paths = (
        sorted((CORPUS / "gov-reports").glob("*.txt"))
        + sorted((CORPUS / "seeds").glob("0*.txt"))
        + sorted((CORPUS / "laws").glob("*.txt"))[:150]
    )
    return [shuzhi.load(p).text for p in paths]


@pytest.fixture(scope="session")
def corpus() -> Path:
    assert CORPUS.is_dir(), f"the shared corpus is expected at {CORPUS}"
    return CORPUS


def run_cli(*args: str, cwd: Path | None = None, timeout: int = 120):
    """Run the real `shuzhi` command line in a subprocess; returns CompletedProcess (text)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return subprocess.run(
        [sys.executable, "-m", "shuzhi", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=timeout,
    )
