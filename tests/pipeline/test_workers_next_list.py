"""run_isolated gives a worker its next list as soon as its outcomes come back, before they are taken in (#17): a
review fingerprints and spools each report in on_done, and the worker waited for that before its next file."""

from __future__ import annotations

import multiprocessing
import time

import pytest

from shuzhi.pipeline import workers
from shuzhi.rules.config import Config

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked")


def _timed(path, source, index, config, budget):
    """A task's outcome: when its worker began and ended it."""
    begun = time.monotonic()
    time.sleep(0.05)
    return (source, begun, time.monotonic())


def test_a_worker_begins_its_next_file_while_the_outcome_is_taken_in():
    tasks = [(f"f{k}", f"f{k}", None) for k in range(4)]
    taken: list[tuple[str, float, float]] = []

    def on_done(i: int, out) -> None:
        start = time.monotonic()
        time.sleep(0.6)  # what review does with a report that came back (fingerprint, spool), made long
        taken.append((out[0], start, time.monotonic()))

    outcomes = workers.run_isolated(tasks, Config(), work=_timed, jobs=1, budget=0, on_done=on_done)
    assert [o[0] for o in outcomes] == ["f0", "f1", "f2", "f3"]
    assert [t[0] for t in taken] == ["f0", "f1", "f2", "f3"]
    # File k + 1 was begun before file k's outcome had been taken in (before: only after it).
    for k in range(3):
        assert outcomes[k + 1][1] < taken[k][2], k
