"""The filter before alignment (issue #12, shuzhi.spark.prefilter): candidates whose one shared fingerprint has no
agreeing side context are not aligned, and the pairs and passages found are those of compare_all all the same.

Reports written in a small alphabet share many 5-character k-grams by chance: most candidate pairs then share one
winnowed fingerprint and nothing else (a run of 5 to 8 characters), as 75 % of the candidates of the benchmark
corpus do. Copied passages (60 characters), short copies of exactly min_chars characters and near-duplicates are
planted among them.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from shuzhi.loaders import loads
from shuzhi.similarity.compare import compare_all
from shuzhi.similarity.core.align import top32
from shuzhi.similarity.core.allpairs import given_pairs, round_pairs
from shuzhi.similarity.core.contexts import context_width
from shuzhi.similarity.core.formulas import formula_list
from shuzhi.similarity.core.settings import DEFAULT
from shuzhi.similarity.core.shingle import fingerprint
from shuzhi.spark import from_table, run_corpus

ALPHABET = [chr(0x4E00 + 37 * i) for i in range(14)]


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(n))


def _wide(rng: random.Random, n: int) -> str:
    return "".join(chr(rng.randrange(0x5000, 0x9FA5)) for _ in range(n))


@pytest.fixture(scope="module")
def run(spark):
    rng = random.Random(12)
    texts = {f"d{i:02d}": _text(rng, 700) for i in range(44)}
    keys = list(texts)
    for i in range(6):  # a copied passage of 60 characters
        a, b = keys[2 * i], keys[2 * i + 20]
        passage = _wide(rng, 60)
        texts[a] = texts[a][:300] + passage + texts[a][300:]
        texts[b] = texts[b][:100] + passage + texts[b][100:]
    for i in range(4):  # a copy of exactly min_chars characters: one fingerprint, a passage all the same
        a, b = keys[30 + i], keys[40 + i % 4]
        short = _wide(rng, DEFAULT.min_chars)
        texts[a] = texts[a][:200] + short + texts[a][200:]
        texts[b] = texts[b][:500] + short + texts[b][500:]
    for i in range(2):  # near-duplicates
        src = texts[keys[5 + i]]
        texts[f"e{i}"] = "".join(c if rng.random() > 0.02 else rng.choice(ALPHABET) for c in src)
    df = spark.createDataFrame(sorted(texts.items()), "id string, text string")
    t = run_corpus(from_table(df), rules=False)
    return {
        "texts": {r["key"]: r["text"] for r in t.documents.select("key", "text").collect()},
        "pairs": t.pairs.collect(),
        "passages": t.passages.collect(),
        "candidates": {(r["a"], r["b"]) for r in t.extra["candidates"].collect()},
    }


def test_same_pairs_and_passages_as_compare_all(run):
    keys = sorted(run["texts"])
    docs = [loads(run["texts"][k], source=k) for k in keys]
    want_pairs, want_passages = {}, set()
    for c in compare_all(docs):
        a, b = keys[c.a_index], keys[c.b_index]
        want_pairs[(a, b)] = (round(c.a_copied, 6), round(c.b_copied, 6), round(c.near_duplicate, 6))
        for m in c.matches:
            want_passages.add((a, b, m.a_start, m.a_end, m.b_start, m.b_end, m.chars, round(m.identity, 6)))
    got_pairs = {
        (r["a"], r["b"]): (round(r["a_copied"], 6), round(r["b_copied"], 6), round(r["near_duplicate"], 6))
        for r in run["pairs"]
    }
    got_passages = {
        (r["a"], r["b"], r["a_start"], r["a_end"], r["b_start"], r["b_end"], r["chars"], round(r["identity"], 6))
        for r in run["passages"]
    }
    assert len(want_pairs) >= 12 and any(ch == DEFAULT.min_chars for *_, ch, _i in want_passages)
    assert got_pairs == want_pairs
    assert got_passages == want_passages


def test_no_pair_is_aligned_whose_lone_seed_cannot_make_a_passage(run):
    """A candidate of the corpus rule sharing one fingerprint (selected once in each report) and no LSH band is
    aligned only when its one exact run reaches kgram + c characters (c: the context width), as it must to reach
    min_chars; before the filter every such pair was aligned (here most candidates)."""
    keys = sorted(run["texts"])
    s = DEFAULT
    fps = [fingerprint(run["texts"][k], s, formula_list()) for k in keys]
    rp = round_pairs(fps, np.arange(len(keys)), s.max_authors, s.bands)
    common = set(rp.common.tolist())
    bands = _band_pairs(fps, s.bands)
    lone, short = [], set()
    for i, j in rp.pairs.tolist():
        hi, ci = np.unique(fps[i].winnowed[1], return_counts=True)
        hj, cj = np.unique(fps[j].winnowed[1], return_counts=True)
        both = [h for h in np.intersect1d(hi, hj) if int(top32(np.array([h]))[0]) not in common]
        once = all(ci[hi == h][0] == 1 and cj[hj == h][0] == 1 for h in both)
        if len(both) == 1 and once and (i, j) not in bands:
            lone.append((i, j))
    runs = given_pairs(fps, np.array(lone, dtype=np.int64).reshape(-1, 2), common=rp.common)
    need = s.kgram + context_width(s.min_chars, s.kgram)
    for p, (i, j) in enumerate(lone):
        if max((r.a1 - r.a0 for r in runs.run_list(p)), default=0) < need:
            short.add((keys[i], keys[j]))
    assert len(short) > len(rp.pairs) / 2  # most candidates of the rule: the filter has work to do
    assert not short & run["candidates"]
    # Every pair with a passage was aligned.
    assert {(r["a"], r["b"]) for r in run["pairs"]} <= run["candidates"]


def _band_pairs(fps, bands: int) -> set[tuple[int, int]]:
    from shuzhi.similarity.core.minhash import band_keys

    by_key: dict[int, list[int]] = {}
    for d, f in enumerate(fps):
        if len(f.shingles):
            for k in set(band_keys(f.signature, bands).tolist()):
                by_key.setdefault(k, []).append(d)
    return {(x, y) for ds in by_key.values() for n, x in enumerate(ds) for y in ds[n + 1 :]}


OK = (
    "key string, order string, person string, fps array<bigint>, bands array<bigint>, signature array<bigint>, "
    "fp_contexts array<bigint>"
)


def _ctx(left: int, right: int) -> int:
    return (left << 32) | right


def test_which_pairs_the_filter_keeps(spark):
    """By the rule: a band key, two fingerprints, agreeing contexts or a fingerprint without context (selected twice)
    keep a pair; a lone fingerprint whose contexts disagree drops it — unless a report of the pair is in a passage
    bucket paired as a star (its other shared fingerprints are not all counted)."""
    from shuzhi.spark.copying import bucket_members, member_pairs
    from shuzhi.spark.prefilter import loose_documents, worth_aligning

    rows = []
    for i in range(6):  # one person's six reports share fingerprint 100: a bucket over max_bucket (4), a star
        fps, ctx = [100], [_ctx(10 + i, 20 + i)]
        if i in (1, 2):  # and k1, k2 share 200 alone, contexts disagreeing: kept (in the starred bucket)
            fps, ctx = [100, 200], [*ctx, _ctx(30 + i, 40 + i)]
        rows.append((f"k{i}", f"o{i}", "同一人", fps, [], [], ctx))
    rows += [
        ("k6", "o6", "甲", [300, 400, 600], [], [], [_ctx(1, 2), _ctx(5, 6), None]),
        ("k7", "o7", "乙", [300, 500, 501, 600], [], [], [_ctx(3, 4), _ctx(7, 8), _ctx(9, 10), _ctx(11, 12)]),
        ("k8", "o8", "丙", [400, 500, 501], [9000], [], [_ctx(5, 7), _ctx(13, 14), _ctx(15, 16)]),
        ("k9", "o9", "丁", [700], [9000], [], [_ctx(17, 18)]),
    ]
    ok = spark.createDataFrame(rows, OK)
    members = bucket_members(ok, max_authors=4).localCheckpoint()
    cand, _ = member_pairs(members, max_bucket=4)
    got = {(r["a"], r["b"]) for r in worth_aligning(cand, loose_documents(members, 4)).collect()}
    star = {("k0", f"k{i}") for i in range(1, 6)}
    # k6–k7: 300 (contexts disagree) and 600 (no context in k6: selected twice) — kept; k6–k8: 400, left agrees;
    # k7–k8: 500 and 501; k8–k9: a band key.
    assert got == star | {("k1", "k2"), ("k6", "k7"), ("k6", "k8"), ("k7", "k8"), ("k8", "k9")}
    # Without the starred bucket's documents, k1–k2 (one fingerprint, contexts disagreeing) is dropped; so is a
    # pair like k6–k7 once its fingerprint without context is gone.
    got = {(r["a"], r["b"]) for r in worth_aligning(cand).collect()}
    assert ("k1", "k2") not in got and star <= got
    ok2 = spark.createDataFrame([(*r[:3], [300], [], [], [r[6][0]]) for r in rows if r[0] in ("k6", "k7")], OK)
    m2 = bucket_members(ok2, max_authors=4)
    assert worth_aligning(member_pairs(m2, 4)[0], loose_documents(m2, 4)).count() == 0
