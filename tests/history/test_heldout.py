"""The held-out set of 2026-12-04 (written before the linking code; first run in docs/bench/history.md),
kept as a regression test of the done-when: recall ≥ 0.95 at precision ≥ 0.95, figures precision 1.00."""

from __future__ import annotations

from history import heldout_20261204 as h
from history.evaluate import heldout_truth, links_between_people, score_figures, score_repeats


def test_heldout_has_what_the_brief_asks():
    assert len(h.repeats()) >= 30
    decoys = [i for items in h.SHORTCOMINGS.values() for i, _ in items if i.startswith("d")]
    assert len(decoys) >= 20


def test_repeated_shortcomings(heldout_history):
    planted, hist = heldout_history
    s = score_repeats(planted, hist, heldout_truth())
    assert s.precision >= 0.95 and s.recall >= 0.95, s.wrong


def test_figures_precision_one(heldout_history):
    _, hist = heldout_history
    s = score_figures(hist, set(h.DISAGREE))
    assert s.precision == 1.0, s.wrong
    assert s.recall >= 0.75, s.wrong


def test_a_colleagues_copied_shortcomings_are_not_his_history(heldout_history):
    _, hist = heldout_history
    lin = hist["林涛"]
    assert all(c.person == "林涛" for e in lin.entries for c in e.context.earlier)
    copied = {t for i, t in h.SHORTCOMINGS[("林涛", 2024)] if i in ("d1", "d2")}
    assert not [f for e in lin.entries for f in e.history_findings if f.data.get("excerpt_now") in copied]
    assert not links_between_people(hist)


def test_common_line_written_by_four_people_is_never_a_repeat(heldout_history):
    _, hist = heldout_history
    for ph in hist.values():
        for e in ph.entries:
            assert not [f for f in e.history_findings if h.COMMON in f.data.get("excerpt_now", "")]
