"""The second speed pass on the plain checks (#17, branch checkfast): each fast path equals the plain code it replaced."""

from __future__ import annotations

import random
import re

import pytest

import shuzhi
from conftest import CORPUS
from shuzhi.analysis import dimensions
from shuzhi.model.document import paragraph_spans
from shuzhi.outline.cues import SENT_END, sentence_end
from shuzhi.rules.config import Config


@pytest.fixture(scope="module")
def corpus_docs():
    paths = (
        sorted((CORPUS / "gov-reports").glob("*.txt"))
        + sorted((CORPUS / "seeds").glob("0*.txt"))
        + sorted((CORPUS / "laws").glob("*.txt"))[:120]
    )
    return [shuzhi.load(p) for p in paths]


# ---- the plain versions, as they were -------------------------------------------------------
_PLAIN_FIGURE_RE = re.compile(
    r"(?<!\d)\d++(?:\.\d++)?\s*+(?:%|％|亿|万|千|百|个|家|项|件|起|户|人|名|所|亩|公里|千米|米|吨|元|次|批|座|条|套|台)"
)


def _plain_sentence_end(text: str, a: int, b: int) -> int:
    best = b
    for p in SENT_END:
        i = text.find(p, a, best)
        if i >= 0:
            best = i + 1
    return best


def _plain_paragraph_spans(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        if nl > pos:
            out.append((pos, nl))
        pos = nl + 1
    return out


def _plain_blocks(pieces, hits, priors):
    blocks = []
    active = dimensions._PriorSweep(priors)
    for a, b, part_label in pieces:
        ev = [(x, y, ph, t) for x, y, ph, tags in hits.within(a, b) for t in tags]
        if part_label is not None:
            blocks.append(dimensions.Block(a, b, part_label, {}, (part_label,), ev))
            continue
        priors_here = active.at(a)
        if not ev and not priors_here:
            blocks.append(dimensions.Block(a, b, None))
            continue
        scores: dict[str, float] = {}
        for _, _, ph, t in ev:
            scores[t] = scores.get(t, 0) + dimensions.cue_weight(ph)
        for p in priors_here:
            for t, v in p.items():
                scores[t] = scores.get(t, 0) + v
        label, dims = dimensions._classify(scores)
        blocks.append(dimensions.Block(a, b, label, scores, dims, ev))
    return blocks


# ---- the comparisons ---------------------------------------------------------------------------
def test_figure_regex_matches_the_plain_pattern(corpus_docs):
    found = 0
    for doc in corpus_docs:
        want = [m.span() for m in _PLAIN_FIGURE_RE.finditer(doc.text)]
        assert [m.span() for m in dimensions._FIGURE_RE.finditer(doc.text)] == want
        found += len(want)
    assert found > 1000
    rng = random.Random(17)
    alphabet = "0123456789. 　%亿万个人元米公里千甲，。\n"
    for _ in range(20000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30)))
        want = [m.span() for m in _PLAIN_FIGURE_RE.finditer(s)]
        assert [m.span() for m in dimensions._FIGURE_RE.finditer(s)] == want, s


def test_sentence_end_equals_the_loop_over_the_marks(corpus_docs):
    rng = random.Random(18)
    for doc in corpus_docs[:60]:
        text = doc.text
        for a, b in doc.paragraphs:
            assert sentence_end(text, a, b) == _plain_sentence_end(text, a, b)
        for _ in range(50):
            a = rng.randrange(len(text) + 1)
            b = rng.randrange(a, len(text) + 1)
            assert sentence_end(text, a, b) == _plain_sentence_end(text, a, b)
    for _ in range(20000):
        s = "".join(rng.choice("甲乙。！？!?，\n") for _ in range(rng.randrange(0, 12)))
        a = rng.randrange(len(s) + 1)
        b = rng.randrange(a, len(s) + 1)
        assert sentence_end(s, a, b) == _plain_sentence_end(s, a, b), (s, a, b)


def test_paragraph_spans_equal_the_loop_over_newlines(corpus_docs):
    for doc in corpus_docs:
        assert paragraph_spans(doc.text) == _plain_paragraph_spans(doc.text)
    rng = random.Random(19)
    for _ in range(20000):
        s = "".join(rng.choice("甲\n\n 。") for _ in range(rng.randrange(0, 12)))
        assert paragraph_spans(s) == _plain_paragraph_spans(s), repr(s)
        assert paragraph_spans(s, 2) == _plain_paragraph_spans(s)[:2], repr(s)


def test_blocks_equal_the_plain_per_piece_search(corpus_docs):
    lexicons = Config().lexicons
    with_priors = with_evidence = 0
    for doc in corpus_docs:
        hits = dimensions._CueHits(doc.text, lexicons)
        short, plans = dimensions.find_parts(doc, lexicons)
        cuts = [(p.start, p.end, "问题" if p.kind == "shortcomings" else "打算") for p in (short, plans) if p]
        pieces = dimensions._pieces(doc, cuts)
        priors = dimensions._heading_priors(doc, hits)
        got = dimensions._blocks(pieces, hits, priors)
        assert got == _plain_blocks(pieces, hits, priors)
        with_priors += bool(priors)
        with_evidence += sum(1 for b in got if b.evidence)
    assert with_priors > 20 and with_evidence > 1000  # the sweep and the cue ranges were exercised
