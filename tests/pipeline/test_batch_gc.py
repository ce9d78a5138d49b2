"""check_paths sets checked documents aside from the garbage collector, and leaves it as it found it."""

from __future__ import annotations

import gc

import shuzhi
from conftest import SEEDS
from shuzhi.pipeline.batch import check_paths


def _findings(result):
    return [(f.code, f.start, f.end, f.message) for f in result.findings]


def test_batch_results_equal_single_checks_and_nothing_stays_frozen():
    frozen_during = []
    batch = check_paths([str(p) for p in SEEDS], progress=lambda s: frozen_during.append(gc.get_freeze_count()))
    assert gc.get_freeze_count() == 0  # unfrozen at the end of the batch
    assert frozen_during[-1] > 0  # the documents checked before the last one were set aside
    assert [_findings(r) for r in batch.results] == [_findings(shuzhi.check(p)) for p in SEEDS]


def test_batch_leaves_a_callers_frozen_objects_and_disabled_collector_alone():
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        check_paths([str(SEEDS[0])])
        # Not unfrozen by the batch (a few frozen objects may still be freed by reference counting).
        assert gc.get_freeze_count() > 0.9 * before
    finally:
        gc.unfreeze()
    gc.disable()
    try:
        check_paths([str(SEEDS[0])])
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()
