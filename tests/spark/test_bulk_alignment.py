"""A cell's candidate pairs aligned all at once (bridge.align_pairs_arrow) give the rows the pair-by-pair alignment
gave: compare_fingerprints on each pair's runs and the counted characters each side's matches cover."""

from __future__ import annotations

import random

import numpy as np

from shuzhi.similarity.compare import compare_fingerprints
from shuzhi.similarity.core.allpairs import given_pairs
from shuzhi.spark import bridge
from spark.corpus_builder import CORPUS, paragraphs


def _covered(fp, spans) -> int:
    """The old code's count: characters of the fingerprint inside the text spans, formulas excluded."""
    cover = np.zeros(len(fp.codes), dtype=bool)
    for s, e in spans:
        cover[int(np.searchsorted(fp.pos, s, "left")) : int(np.searchsorted(fp.pos, e, "left"))] = True
    return int((cover & ~fp.masked).sum())


def _one_by_one(pairs, texts, settings, fl, common=None):
    """The cells' rows as they were before the bulk path: each kept pair through compare_fingerprints."""
    fps = {k: bridge._fingerprint(t, settings, fl).compact(signature=False) for k, t in texts.items()}
    keys = sorted({k for ab in pairs for k in ab})
    at = {k: i for i, k in enumerate(keys)}
    local = np.array([(at[a], at[b]) for a, b in pairs], dtype=np.int64).reshape(-1, 2)
    rp = given_pairs([fps[k] for k in keys], local, common=common)
    keep = (rp.matched_bound() >= settings.min_chars) | (rp.jaccard >= settings.near_duplicate)
    out = []
    for p in np.flatnonzero(keep).tolist():
        a, b = pairs[p]
        fa, fb = fps[a], fps[b]
        a_cov, b_cov, nd, matches = compare_fingerprints(
            texts[a], fa, texts[b], fb, runs=rp.run_list(p), near_duplicate=float(rp.jaccard[p])
        )
        if not matches and nd < settings.near_duplicate:
            continue
        out.append(
            (
                a,
                b,
                float(a_cov),
                float(b_cov),
                float(nd),
                _covered(fa, [(m.a_start, m.a_end) for m in matches]),
                _covered(fb, [(m.b_start, m.b_end) for m in matches]),
                [
                    (
                        m.a_start,
                        m.a_end,
                        m.b_start,
                        m.b_end,
                        m.chars,
                        float(m.identity),
                        texts[a].count("\n", 0, m.a_start) + 1,  # the paragraphs the copy rules print
                        texts[b].count("\n", 0, m.b_start) + 1,
                    )
                    for m in matches
                ],
            )
        )
    return out


def _corpus(seed: int, n: int = 40):
    """Reports recombined from government work reports' paragraphs (shared paragraphs make passages; formulas
    and stock phrases are masked), some edited copies of others (near-duplicates), a few passages planted."""
    rng = random.Random(seed)
    gov = sorted((CORPUS / "gov-reports").glob("gwr_20*.txt"))[:12]
    paras = [p for path in gov for p in paragraphs(path.read_text(encoding="utf-8")) if len(p) > 30]
    texts = {f"r{i:02d}": "\n".join(rng.sample(paras, rng.randint(3, 12))) for i in range(n)}
    keys = list(texts)
    for i in range(n // 5):
        src = texts[rng.choice(keys)]
        chars = list(src)
        for _ in range(max(1, len(chars) // 60)):
            chars[rng.randrange(len(chars))] = "某"
        texts[f"d{i:02d}"] = "".join(chars)
    for _ in range(n // 4):
        a, b = rng.sample(keys, 2)
        s = rng.randrange(max(1, len(texts[a]) - 200))
        texts[b] += "\n" + texts[a][s : s + rng.randint(40, 200)]
    texts["crlf"] = texts[keys[1]].replace("\n", "\r\n")  # paragraphs counted by \n in the raw text
    texts["empty"] = ""
    texts["short"] = "一二三"
    return texts


def test_bulk_rows_equal_the_pair_by_pair_rows():
    settings, fl = bridge.DEFAULT, bridge.formulas(bridge.config_for(None))
    for seed in range(4):
        texts = _corpus(seed)
        keys = sorted(texts)
        rng = random.Random(100 + seed)
        pairs = sorted({tuple(sorted(rng.sample(keys, 2))) for _ in range(400)})
        # Common language: the fingerprints of a few paragraphs, in 32-bit form, seed nothing.
        fp = bridge._fingerprint(texts[keys[0]], settings, fl)
        common = np.unique((fp.winnowed[1][::3] >> np.uint64(32)).astype(np.uint32))
        for mask in (None, common):
            want = _one_by_one(pairs, texts, settings, fl, mask)
            # What the cells hand back to Spark, read back as tuples (several batches: a small PAIR_BATCH).
            got = _arrow_rows(pairs, texts, settings, fl, mask)
            assert got == want, seed
            # The cases the rows must cover: pairs with passages, near-duplicates, several passages in a pair.
            assert sum(bool(r[-1]) for r in want) > 20 and any(len(r[-1]) > 1 for r in want)
            assert any(r[4] >= settings.near_duplicate for r in want)
            assert all(type(x) is type(y) for r, w in zip(got, want, strict=True) for x, y in zip(r, w, strict=True))


def _arrow_rows(pairs, texts, settings, fl, mask) -> list[tuple]:
    """align_pairs_arrow's batches read back as ALIGNED tuples, in batches of 97 pairs (several a corpus)."""
    schema = bridge.aligned_arrow_schema()
    batches = []
    saved, bridge.PAIR_BATCH = bridge.PAIR_BATCH, 97
    try:
        batches = list(bridge.align_pairs_arrow(pairs, texts, {}, settings, fl, mask))
    finally:
        bridge.PAIR_BATCH = saved
    assert len(batches) > 1 and all(b.schema == schema and b.num_rows for b in batches)
    rows = []
    for b in batches:
        for r in b.to_pylist():
            matches = [tuple(m.values()) for m in r.pop("matches")]
            rows.append((*r.values(), matches))
    return rows
