"""align.chain for the runs of many pairs at once, in numpy: the same passages, in the same order, as chaining each pair.

`chain` takes a pair's runs in (a0, b0) order and gives each to the newest of the last 8 passages it is near, else
starts a passage; then joins neighbouring passages (in A order) that have become near. A run is only ever near a
passage of its own (paragraph in A, paragraph in B) — a passage keeps the paragraphs of its first run, and grows
only by runs of the same paragraphs — so a pair's runs fall into groups that chain independently, but for two
things: the look-back counts the last 8 passages of the whole pair, and the join looks at the passage made just
before, whatever its group. A round's pairs have ≈ 40 runs each, most alone in their group.

Here every group is chained at once, a run of each group at a time (a group keeps its own newest 8 passages), and
the two couplings are then checked on the result: every run given to a passage must find it among the pair's last 8
passages at that moment (counted from the passages the groups started), and no two passages made one after the
other may be near once grown (chain would join them). A pair failing either (rare) is chained by `chain` itself.
Were the decisions to differ from chain's, the first run to differ would be a run given to a passage chain no longer
looks back to (the group's 8 newest hold every passage of the group chain can see, newest first): the first check.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .align import Passage, Run, chain

LOOK_BACK = 8  # chain's window: the last 8 passages of the pair


def _near(pa0, pa1, pb0, pb1, a0, a1, b0, b1, max_gap: int) -> np.ndarray:
    """chain's nearness, the paragraphs aside (equal by construction wherever this is asked)."""
    return (
        (np.minimum(pa1, a1) - np.maximum(pa0, a0) <= 2)
        & (np.minimum(pb1, b1) - np.maximum(pb0, b0) <= 2)
        & (a0 - pa1 <= max_gap)
        & (pa0 - a1 <= max_gap)
        & (b0 - pb1 <= max_gap)
        & (pb0 - b1 <= max_gap)
    )


def _group_chain(order: np.ndarray, gstart: np.ndarray, gsize: np.ndarray, a0, a1, b0, b1, max_gap: int) -> np.ndarray:
    """Per run, the run that started its passage, chaining each group (runs ``order[gstart:gstart + gsize]``, in
    (a0, b0) order) against that group's own newest LOOK_BACK passages."""
    parent = np.arange(len(a0), dtype=np.int64)
    multi = np.flatnonzero(gsize >= 2)
    if not len(multi):
        return parent
    multi = multi[np.argsort(-gsize[multi], kind="stable")]  # the groups still running are always a prefix
    ms, msz = gstart[multi], gsize[multi]
    m = len(multi)
    # Slots of each group's newest passages, the newest in column 0; an empty slot is never near (its id is -1).
    sid = np.full((m, LOOK_BACK), -1, np.int64)
    sa0 = np.zeros((m, LOOK_BACK), np.int64)
    sa1, sb0, sb1 = sa0.copy(), sa0.copy(), sa0.copy()
    r = order[ms]
    sid[:, 0], sa0[:, 0], sa1[:, 0], sb0[:, 0], sb1[:, 0] = r, a0[r], a1[r], b0[r], b1[r]
    active = np.searchsorted(-msz, -np.arange(int(msz[0])), "left")  # active[t]: the groups of more than t runs
    for t in range(1, int(msz[0])):
        na = int(active[t])
        r = order[ms[:na] + t]
        ra0, ra1, rb0, rb1 = a0[r][:, None], a1[r][:, None], b0[r][:, None], b1[r][:, None]
        near = (sid[:na] >= 0) & _near(sa0[:na], sa1[:na], sb0[:na], sb1[:na], ra0, ra1, rb0, rb1, max_gap)
        hit = near.any(axis=1)
        k = near.argmax(axis=1)  # the newest near passage
        j = np.flatnonzero(hit)
        kj = k[j]
        parent[r[j]] = sid[j, kj]
        sa0[j, kj] = np.minimum(sa0[j, kj], ra0[j, 0])
        sa1[j, kj] = np.maximum(sa1[j, kj], ra1[j, 0])
        sb0[j, kj] = np.minimum(sb0[j, kj], rb0[j, 0])
        sb1[j, kj] = np.maximum(sb1[j, kj], rb1[j, 0])
        new = np.flatnonzero(~hit)
        if len(new):
            for s, v in ((sid, r), (sa0, ra0[:, 0]), (sa1, ra1[:, 0]), (sb0, rb0[:, 0]), (sb1, rb1[:, 0])):
                s[new, 1:] = s[new, :-1]
                s[new, 0] = v[new]
    return parent


def _join(p, pairs, run_pair, para_a, para_b, a0, fa1, fb0, fb1, root, max_gap: int) -> None:
    """chain's join of neighbouring passages, for the passages ``p`` of ``pairs``: ``root`` of each passage joined
    set to the passage it joined (its bounds grown in the loop, as chain grows them)."""
    sel = p[np.isin(run_pair[p], pairs)]
    q = None
    for x, pair, pa, pb, xa0, xa1, xb0, xb1 in zip(
        sel.tolist(),
        run_pair[sel].tolist(),
        para_a[sel].tolist(),
        para_b[sel].tolist(),
        a0[sel].tolist(),
        fa1[sel].tolist(),
        fb0[sel].tolist(),
        fb1[sel].tolist(),
        strict=True,
    ):
        if (
            q is not None
            and q[0] == pair
            and q[1] == pa
            and q[2] == pb
            and min(q[4], xa1) - max(q[3], xa0) <= 2
            and min(q[6], xb1) - max(q[5], xb0) <= 2
            and max(0, xa0 - q[4], q[3] - xa1) <= max_gap
            and max(0, xb0 - q[6], q[5] - xb1) <= max_gap
        ):
            root[x] = q[7]
            q[3], q[4], q[5], q[6] = min(q[3], xa0), max(q[4], xa1), min(q[5], xb0), max(q[6], xb1)
            continue
        q = [pair, pa, pb, xa0, xa1, xb0, xb1, x]


def chain_many(
    run_pair: np.ndarray,
    runs: np.ndarray,
    para_a: np.ndarray,
    para_b: np.ndarray,
    max_gap: int,
    fallback: Callable[[int], list[Passage]],
) -> tuple[np.ndarray, np.ndarray]:
    """The passages of align.chain over every pair's runs: (pair, a0, a1, b0, b1, matched) rows, each pair's in
    chain's order, pairs ascending; and the pairs that were chained by ``fallback(pair)`` (chain's own passages).

    ``runs``: (a0, b0, length) rows sorted by (pair, a0, b0), each (pair, a0, b0) once, as RoundPairs holds them;
    ``run_pair`` their pair; ``para_a`` / ``para_b`` the paragraph of each run's a0 in A and b0 in B (numbers that
    are equal exactly when the paragraphs are, within a pair). ``matched`` is Passage.matched.
    """
    nr = len(runs)
    if not nr:
        return np.zeros((0, 6), np.int64), np.zeros(0, np.int64)
    a0, b0, ln = runs[:, 0], runs[:, 1], runs[:, 2]
    a1, b1 = a0 + ln, b0 + ln
    # Groups of (pair, paragraph in A, paragraph in B), each group's runs in (a0, b0) order.
    order = np.lexsort((np.arange(nr), para_b, para_a, run_pair))
    gp, ga, gb = run_pair[order], para_a[order], para_b[order]
    gstart = np.flatnonzero(np.r_[True, (gp[1:] != gp[:-1]) | (ga[1:] != ga[:-1]) | (gb[1:] != gb[:-1])])
    gsize = np.diff(np.r_[gstart, nr])
    parent = _group_chain(order, gstart, gsize, a0, a1, b0, b1, max_gap)
    starts = parent == np.arange(nr)
    # The look-back: passages started before each run (in the pair's run order), against its passage's start.
    before = np.cumsum(starts) - starts
    bad = np.zeros(int(run_pair[-1]) + 1, bool)
    late = before - before[parent] > LOOK_BACK
    bad[run_pair[late]] = True
    # Each passage grown by its runs.
    fa1, fb0, fb1 = a1.copy(), b0.copy(), b1.copy()
    joined = np.flatnonzero(~starts)
    np.maximum.at(fa1, parent[joined], a1[joined])
    np.minimum.at(fb0, parent[joined], b0[joined])
    np.maximum.at(fb1, parent[joined], b1[joined])
    p = np.flatnonzero(starts)  # passages in chain's order (by their first run: a passage's a0 never changes)
    # The join: a passage near the one made just before it (same pair and group), once both are grown, joins it;
    # and what it joined may then join the next. Where no two neighbours are near, nothing joins.
    x, y = p[:-1], p[1:]
    join = (
        (run_pair[x] == run_pair[y])
        & (para_a[x] == para_a[y])
        & (para_b[x] == para_b[y])
        & _near(a0[x], fa1[x], fb0[x], fb1[x], a0[y], fa1[y], fb0[y], fb1[y], max_gap)
    )
    if join.any():
        root = np.arange(nr, dtype=np.int64)
        _join(p, np.unique(run_pair[y[join]]), run_pair, para_a, para_b, a0, fa1, fb0, fb1, root, max_gap)
        parent = root[parent]
        starts = parent == np.arange(nr)
        moved = np.flatnonzero(root != np.arange(nr))
        np.maximum.at(fa1, root[moved], fa1[moved])
        np.minimum.at(fb0, root[moved], fb0[moved])
        np.maximum.at(fb1, root[moved], fb1[moved])
        p = np.flatnonzero(starts)
    # matched: characters of A inside the passage's runs, overlaps once (a passage's runs in a0 order).
    by = np.argsort(parent, kind="stable")
    seg = np.cumsum(np.r_[True, parent[by][1:] != parent[by][:-1]]) - 1
    shift = seg.astype(np.int64) << 32
    reach = np.maximum.accumulate(a1[by] + shift) - shift  # the furthest end so far, this run's included
    first = np.r_[True, seg[1:] != seg[:-1]]
    prev = np.where(first, a0[by], np.r_[0, reach[:-1]])
    gain = np.maximum(0, a1[by] - np.maximum(a0[by], prev))
    matched = np.bincount(seg, weights=gain).astype(np.int64)  # passages in parent order = p's order
    rows = np.stack((run_pair[p], a0[p], fa1[p], fb0[p], fb1[p], matched), axis=1)
    fell = np.flatnonzero(bad)
    if len(fell):
        rows = rows[~bad[rows[:, 0]]]
        extra = [(q, ps.a0, ps.a1, ps.b0, ps.b1, ps.matched) for q in fell.tolist() for ps in fallback(q)]
        if extra:
            rows = np.concatenate((rows, np.array(extra, np.int64).reshape(-1, 6)))
            rows = rows[np.argsort(rows[:, 0], kind="stable")]
    return rows, fell


def side_by_side_breaks(fps: list, docs: list[int]) -> np.ndarray:
    """The paragraph breaks of documents ``docs`` (ascending) side by side: document d's at d << 32 onward, so that
    one searchsorted of (d << 32) + position numbers the paragraphs of runs from any of them."""
    if not docs:
        return np.zeros(0, np.int64)
    return np.concatenate([(np.int64(d) << 32) + fps[d].newlines.astype(np.int64) for d in docs])


def chain_round(
    runs: np.ndarray,
    run_start: np.ndarray,
    pairs: np.ndarray,
    fps: list,
    max_gap: int,
    breaks: np.ndarray | None = None,
) -> np.ndarray:
    """chain_many for pairs (i, j) of documents ``fps`` (runs of pair q: rows ``run_start[q]:run_start[q + 1]``);
    the paragraphs looked up for all runs at once. ``breaks``: passages.Lookup(fps).breaks, when made once for many
    calls (the paragraph numbers differ, by a constant per document, from those made here: equal exactly when the
    paragraphs are, in the same order, which is all chain_many reads of them)."""
    run_pair = np.repeat(np.arange(len(pairs), dtype=np.int64), np.diff(run_start))
    if not len(runs):
        return np.zeros((0, 6), np.int64)
    if breaks is None:
        breaks = side_by_side_breaks(fps, np.unique(pairs).tolist())
    para_a = np.searchsorted(breaks, (pairs[run_pair, 0] << 32) + runs[:, 0], "right")
    para_b = np.searchsorted(breaks, (pairs[run_pair, 1] << 32) + runs[:, 1], "right")

    def fallback(q: int) -> list[Passage]:
        lo, hi = int(run_start[q]), int(run_start[q + 1])
        rl = [Run(x, x + n, y, y + n) for x, y, n in runs[lo:hi].tolist()]
        return chain(rl, max_gap, fps[int(pairs[q, 0])], fps[int(pairs[q, 1])])

    return chain_many(run_pair, runs, para_a, para_b, max_gap, fallback)[0]
