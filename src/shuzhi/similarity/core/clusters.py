"""Near-identical reports of a round: groups found by their MinHash signatures, each compared through one representative.

When a county's reports all come from one vendor template, comparing every pair of them costs n² alignments of
whole texts and says the same thing n² times. Reports whose signatures agree in at least NEAR_IDENTICAL of their
slots (an estimate of the Jaccard similarity of their 5-gram sets) are one cluster; the cluster's first report
(in the round's order) is its representative, every other member is aligned with it alone, and each member's copy
report names the cluster. `review` (shuzhi.similarity.compare) and `shuzhi corpus` (shuzhi.spark) both decide
clusters with these functions' rule, so both find the same pairs.
"""

from __future__ import annotations

import math

import numpy as np

from .minhash import band_keys_many
from .shingle import Fingerprint

# Share of equal signature slots from which two reports are one cluster (a template with the name, the unit
# and a few sentences changed stays above it; two colleagues' own reports are far below: they share < 0.1).
NEAR_IDENTICAL = 0.8


def agreement_needed(num_perm: int) -> int:
    """Equal slots (of ``num_perm``) two signatures need to be near-identical."""
    return math.ceil(NEAR_IDENTICAL * num_perm - 1e-9)


def band_pairs(sigs: np.ndarray, bands: int) -> np.ndarray:
    """(P, 2) pairs i < j of signatures sharing an LSH band key, sorted."""
    n = len(sigs)
    if n < 2:
        return np.zeros((0, 2), np.int64)
    keys = band_keys_many(sigs, bands).ravel()
    kd = np.repeat(np.arange(n, dtype=np.int64), bands)
    o = np.lexsort((kd, keys))
    keys, kd = keys[o], kd[o]
    start = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    size = np.diff(np.r_[start, len(keys)])
    xs, ys = [], []
    for s0, sz in zip(start[size >= 2].tolist(), size[size >= 2].tolist(), strict=True):
        members = np.unique(kd[s0 : s0 + sz])
        if len(members) < 2:
            continue
        x, y = np.triu_indices(len(members), 1)
        xs.append(members[x])
        ys.append(members[y])
    if not xs:
        return np.zeros((0, 2), np.int64)
    code = np.unique(np.concatenate(xs) * n + np.concatenate(ys))
    return np.stack((code // n, code % n), axis=1)


def components(n: int, edges) -> list[list[int]]:
    """Connected components (of two or more) of an undirected graph on 0..n-1, each sorted, sorted by first member."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(int(a)), find(int(b))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted((g for g in groups.values() if len(g) >= 2), key=lambda g: g[0])


def near_identical_clusters(signatures: list[np.ndarray | None], bands: int) -> list[list[int]]:
    """Clusters of near-identical documents (positions into ``signatures``), the representative first.

    A document without a signature (None: a text with no 5-gram) is in no cluster. Two documents are joined when
    they share an LSH band key and their signatures agree in at least ``agreement_needed`` slots; a cluster is a
    connected component of those links, represented by its first document.
    """
    have = [i for i, s in enumerate(signatures) if s is not None]
    if len(have) < 2:
        return []
    sigs = np.stack([signatures[i] for i in have])
    pairs = band_pairs(sigs, bands)
    if not len(pairs):
        return []
    need = agreement_needed(sigs.shape[1])
    keep = []
    for k in range(0, len(pairs), 1 << 15):  # bounded memory: pairs × slots at a time
        chunk = pairs[k : k + (1 << 15)]
        agree = (sigs[chunk[:, 0]] == sigs[chunk[:, 1]]).sum(axis=1)
        keep.append(chunk[agree >= need])
    edges = np.concatenate(keep)
    return [[have[i] for i in g] for g in components(len(have), edges.tolist())]


def representatives(clusters: list[list[int]]) -> dict[int, int]:
    """Each non-representative member's representative."""
    return {m: c[0] for c in clusters for m in c[1:]}


def outside_pairs(fps: list[Fingerprint], clusters: list[list[int]]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of a cluster member and a report outside its cluster sharing a winnowed fingerprint
    that the member's representative lacks.

    A member is aligned with its representative only, not with the rest of its cluster; but what it wrote beyond
    the template (a passage taken from a third colleague) is not in the representative, so the representative's
    pairs cannot show it. Those fingerprints still find the reports that share them, as in every other pair of the
    round (never through LSH bands: the member's document-level likeness is its representative's). Spark forms
    the same pairs (shuzhi.spark.copying, array_except).
    """
    if not clusters:
        return []
    n = len(fps)
    uniq = [np.unique(f.winnowed[1]) for f in fps]
    H = np.concatenate(uniq) if n else np.zeros(0, np.uint64)
    D = np.repeat(np.arange(n, dtype=np.int64), [len(u) for u in uniq])
    o = np.argsort(H, kind="stable")
    H, D = H[o], D[o]
    label = np.full(n, -1, dtype=np.int64)
    for c, members in enumerate(clusters):
        label[members] = c
    out: set[tuple[int, int]] = set()
    for c, members in enumerate(clusters):
        rep = members[0]
        for m in members[1:]:
            extra = np.setdiff1d(uniq[m], uniq[rep], assume_unique=True)
            if not len(extra):
                continue
            lo, hi = np.searchsorted(H, extra, "left"), np.searchsorted(H, extra, "right")
            others = np.unique(np.concatenate([D[a:b] for a, b in zip(lo.tolist(), hi.tolist(), strict=True)]))
            for d in others[label[others] != c].tolist():
                out.add((min(m, d), max(m, d)))
    return sorted(out)
