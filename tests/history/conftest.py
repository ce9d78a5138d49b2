"""Fixtures for the year-over-year tests: the demonstration corpus and the held-out set in real indexes."""

from __future__ import annotations

import pytest

from history.evaluate import build_index, demo_planted, heldout_planted, histories


@pytest.fixture(scope="session")
def demo_history(tmp_path_factory):
    planted = demo_planted()
    ix = build_index(planted, tmp_path_factory.mktemp("demo"))
    try:
        yield planted, histories(planted, ix)
    finally:
        ix.close()


@pytest.fixture(scope="session")
def heldout_history(tmp_path_factory):
    planted = heldout_planted()
    ix = build_index(planted, tmp_path_factory.mktemp("heldout"))
    try:
        yield planted, histories(planted, ix)
    finally:
        ix.close()
