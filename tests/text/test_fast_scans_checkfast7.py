"""The seventh speed pass on the plain checks (#17, branch checkfast7): the dimension blocks made only where
the analysis counts them equal main's blocks, made for every piece (main 8a74dca's code is the oracle)."""

from __future__ import annotations

import bisect
import math
import pickle
import random

import pytest

import shuzhi
from conftest import CORPUS
from shuzhi.analysis import dimensions as dm
from shuzhi.analysis.blocks import Block, Blocks
from shuzhi.rules.config import Config


@pytest.fixture(scope="module")
def lexicons():
    return Config().lexicons


@pytest.fixture(scope="module")
def corpus_docs():
    paths = (
        sorted((CORPUS / "gov-reports").glob("*.txt"))
        + sorted((CORPUS / "seeds").glob("0*.txt"))
        + sorted((CORPUS / "laws").glob("*.txt"))[:150]
    )
    return [shuzhi.load(p) for p in paths]


# ---- main's code (8a74dca), as it was ------------------------------------------------------------------
def _main_blocks(pieces, hits, priors) -> list[Block]:
    blocks: list[Block] = []
    sweep = dm._PriorSweep(priors)
    hs, starts = hits.hits, hits.starts
    n = len(starts)
    j = 0
    priors_here: list[dict[str, float]] = []
    last, until = math.inf, -math.inf
    for a, b, part_label in pieces:
        j = bisect.bisect_left(starts, a, j)
        if j < n and starts[j] < b:
            k = bisect.bisect_left(starts, b, j)
            ev = [(x, y, ph, t) for x, y, ph, tags in hs[j:k] for t in tags]
        else:
            ev = []
        if part_label is not None:
            blocks.append(Block(a, b, part_label, {}, (part_label,), ev))
            continue
        if not (last <= a < until):
            priors_here = sweep.at(a)
            until = sweep.valid_until()
        last = a
        if not ev and not priors_here:
            blocks.append(Block(a, b, None, {}, (), []))
            continue
        scores: dict[str, float] = {}
        for _, _, ph, t in ev:
            scores[t] = scores.get(t, 0) + dm.cue_weight(ph)
        for p in priors_here:
            for t, v in p.items():
                scores[t] = scores.get(t, 0) + v
        label, dims = dm._classify(scores)
        blocks.append(Block(a, b, label, scores, dims, ev))
    return blocks


def _main_tally(doc, blocks):
    tally = dm._Tally()
    sents = doc.sentences
    sent_starts = [x for x, _ in sents]
    for blk in blocks:
        if not blk.dims and not blk.evidence:
            continue
        for d in blk.dims:
            tally.chars[d] += blk.end - blk.start
        if not dm._WORK.isdisjoint(blk.dims):
            tally.chars["职"] += blk.end - blk.start
        elsewhere = False
        for _, _, ph, t in blk.evidence:
            if t in blk.dims:
                tally.cite(t, ph)
            else:
                elsewhere = True
        if blk.label in ("问题", "打算") or not elsewhere:
            continue
        dm._count_sentences(blk, sents, sent_starts, tally)
    return tally.chars, tally.evidence


def _main_analyse(doc, lexicons) -> dm.DimensionAnalysis:
    hits = dm._CueHits(doc.text, lexicons)
    short, plans = dm.find_parts(doc, lexicons)
    cuts = [(p.start, p.end, "问题" if p.kind == "shortcomings" else "打算") for p in (short, plans) if p]
    blocks = _main_blocks(dm._pieces(doc, cuts), hits, dm._heading_priors(doc, hits))
    body = sum(b.end - b.start for b in blocks) or 1
    chars, evidence = _main_tally(doc, blocks)
    coverage = {d: chars[d] / body for d in chars}
    opening = doc.outline.opening
    unclassified = sum(
        blk.end - blk.start
        for blk in blocks
        if blk.label is None and blk.end - blk.start >= 30 and not (opening and blk.start == opening[0])
    )
    return dm.DimensionAnalysis(blocks, body, chars, coverage, evidence, short, plans, unclassified / body)


# ---- random cues, pieces and priors that reach every kind of block ----------------------------------------
class _Hits:
    """A stand-in for _CueHits: sorted (start, end, phrase, tags)."""

    def __init__(self, hits):
        self.hits = sorted(hits)
        self.starts = [h[0] for h in self.hits]


def _random_case(seed: int):
    """Pieces with gaps, some of them parts; cues of one or two tags, weak (2 characters, a figure) and
    strong (4 characters), one or several in a piece; priors over runs of pieces (nested, overlapping)."""
    rng = random.Random(seed)
    pieces, pos = [], rng.randint(0, 3)
    for _ in range(rng.randint(0, 40)):
        n = rng.randint(1, 70)
        lab = rng.choice([None] * 8 + ["问题", "打算"])
        pieces.append((pos, pos + n, lab))
        pos += n + rng.randint(0, 2)
    dims = ["学", "德", "能", "勤", "绩", "责", "廉", "法"]
    hits, at = [], 0
    while pos and at < pos:
        at += rng.randint(1, 25)
        ph = rng.choice(["调研", "学习", "八项规定", "一岗双责", "12项", "3人"])
        tags = tuple(rng.sample(dims, rng.choice([1, 1, 1, 2])))
        hits.append((at, at + len(ph), ph, tags))
        at += len(ph)
    priors = []
    for _ in range(rng.choice([0, 0, 1, 2, 4])):
        a = rng.randrange(pos + 1)
        b = rng.randint(a, pos + 5)
        priors.append((a, b, {d: 3 * rng.randint(1, 2) for d in rng.sample(dims, rng.randint(1, 2))}))
    return pieces, _Hits(hits), priors


def _cases(corpus_docs, lexicons):
    for doc in corpus_docs:
        hits = dm._CueHits(doc.text, lexicons)
        short, plans = dm.find_parts(doc, lexicons)
        cuts = [(p.start, p.end, "问题" if p.kind == "shortcomings" else "打算") for p in (short, plans) if p]
        yield dm._pieces(doc, cuts), hits, dm._heading_priors(doc, hits)
    for seed in range(3000):
        yield _random_case(seed)


# ---- the comparisons -------------------------------------------------------------------------------------------
def test_blocks_equal_mains_block_for_block(corpus_docs, lexicons):
    kinds = {"empty": 0, "weak": 0, "prior-only": 0, "made": 0}
    for pieces, hits, priors in _cases(corpus_docs, lexicons):
        want = _main_blocks(pieces, hits, priors)
        got = dm._blocks(pieces, hits, priors)
        assert isinstance(got, Blocks)
        assert len(got) == len(want)
        assert list(got) == want
        assert got == want and want == got and got == dm._blocks(pieces, hits, priors)
        assert repr(got) == repr(want)  # what findings_digest --analyses hashes
        assert [got[i] for i in range(len(got))] == want
        assert [got[i] for i in range(-len(got), 0)] == want
        assert got[1:-1:2] == want[1:-1:2] and got[::-1] == want[::-1]
        with pytest.raises(IndexError):
            got[len(got)]
        # scored(): every block but those with no scores and those with one weak cue and no prior, in order.
        assert got.scored() == [
            b
            for b in want
            if b.label is not None or sum(b.scores.values()) >= dm.MIN_SCORE or (b.scores and not b.evidence)
        ]
        for b in want:
            if not b.scores and b.label is None:
                kinds["empty"] += 1
            elif b.label is None and sum(b.scores.values()) < dm.MIN_SCORE:
                kinds["weak"] += 1
            elif b.scores and not b.evidence:
                kinds["prior-only"] += 1
            else:
                kinds["made"] += 1
    assert min(kinds.values()) > 1000, kinds  # every path was taken


def test_tally_over_the_scored_blocks_equals_mains_over_every_block(corpus_docs, lexicons):
    cited = 0
    for doc in corpus_docs:
        blocks = dm.analyse(doc, lexicons).blocks
        want = _main_tally(doc, list(blocks))
        assert dm._tally(doc, blocks.scored()) == want
        assert dm._tally(doc, blocks) == want
        cited += sum(len(v) for v in want[1].values())
    assert cited > 1000


def test_analysis_equals_mains(corpus_docs, lexicons):
    for doc in corpus_docs:
        want = _main_analyse(doc, lexicons)
        got = dm._analyse(doc, lexicons)
        assert repr(got) == repr(want)
        assert got == want
        assert got.unclassified == want.unclassified and got.body_chars == want.body_chars
    # An opening paragraph of 30 characters or more is not unclassified; one that is not the opening is.
    for text in (
        "关于2023年度履职情况的报告\n"
        + "各位领导、同志们：现将本人一年来的工作情况报告如下，请予审议，欢迎批评指正。\n"
        + "调研" * 20,
        "题目\n" + "甲" * 40 + "\n" + "廉洁自律，执行八项规定精神，" * 3,
    ):
        doc = shuzhi.loads(text)
        assert repr(dm._analyse(doc, lexicons)) == repr(_main_analyse(doc, lexicons))


def test_blocks_pickle_and_read_back(corpus_docs, lexicons):
    for doc in corpus_docs[:20]:
        a = dm.analyse(doc, lexicons)
        back = pickle.loads(pickle.dumps(a))
        assert back == a and repr(back) == repr(a)
