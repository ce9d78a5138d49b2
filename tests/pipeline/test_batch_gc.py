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


def _laws(n: int) -> list[str]:
    from conftest import CORPUS

    return [str(p) for p in sorted((CORPUS / "laws").glob("*.txt"))[:n]]


def test_no_collection_while_a_group_is_analysed_and_checked():
    # The laws' documents are analysed and checked with the collector off (pipeline.grouped, batch._collector_off):
    # its collections walked each group's young documents again and again. With it on, the first 150 laws
    # see dozens of collections; loading (with it on) allocates too little per file for more than a few.
    seen = []

    def count(phase, info):
        if phase == "start":
            seen.append(info["generation"])

    check_paths(_laws(2))  # first uses out of the way
    gc.collect()
    gc.callbacks.append(count)
    try:
        batch = check_paths(_laws(150))
    finally:
        gc.callbacks.remove(count)
    assert len(batch.results) == 150
    assert len(seen) <= 10, seen
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_checking_makes_no_reference_cycles():
    # What the collector off relies on: nothing is left for it to find after a batch (were it, a group's
    # garbage would wait for the batch's end).
    files = [str(p) for p in SEEDS] + _laws(40)
    check_paths(files)  # first uses (word lists compiled, modules imported) out of the way
    gc.collect()
    batch = check_paths(files)
    assert not batch.errors
    assert gc.collect() == 0


def test_the_collector_is_on_again_when_a_group_fails(monkeypatch):
    from shuzhi.pipeline import grouped

    def broken(*a, **kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(grouped, "_ahead", broken)
    try:
        check_paths([str(SEEDS[0])])
    except KeyboardInterrupt:
        pass
    else:
        raise AssertionError("the interruption was swallowed")
    assert gc.isenabled() and gc.get_freeze_count() == 0
