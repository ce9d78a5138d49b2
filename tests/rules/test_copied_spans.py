"""C301's copied spans (#17): grouped from arrays, the same spans, sources and other names as the match-by-match
grouping it replaces (kept here as the oracle), on random reports with ties everywhere."""

from __future__ import annotations

import random

import pytest

from shuzhi.rules.copying import _copied_spans, _name
from shuzhi.similarity.compare import Match
from shuzhi.similarity.sources import Source


def _oracle(sources, min_chars, min_ident):
    found = []
    for src in sources:
        for m in src.matches:
            if m.chars >= min_chars and m.identity >= min_ident:
                found.append((m, src))
    found.sort(key=lambda t: (t[0].a_start, -t[0].chars))
    groups: list[list] = []
    for m, src in found:
        if groups and m.a_start < groups[-1][0][0].a_end:
            groups[-1].append((m, src))
        else:
            groups.append([(m, src)])
    out = []
    for g in groups:
        m, src = max(g, key=lambda t: (t[0].chars, t[0].identity))
        out.append((m, src, sorted({_name(s) for _, s in g if s is not src})))
    return out


def _sources(rng: random.Random) -> list[Source]:
    folders = ["甲县", "乙县", "a/b", "c\\d"]
    names = ["张三.txt", "李四.docx", "王五.txt", "r0001.txt"]
    out = []
    for k in range(rng.choice([0, 1, 3, 12, 40])):
        matches = []
        for _ in range(rng.choice([0, 1, 2, 5, 30])):
            a = rng.choice([0, 5, 10, 10, 20, 50, 100, rng.randrange(2000)])
            n = rng.choice([5, 12, 13, 13, 14, 40, rng.randrange(1, 400)])
            chars = rng.choice([n, n - 1, 12, 13, 13, 20])
            matches.append(
                Match(
                    a, a + n, rng.randrange(500), rng.randrange(500, 900), chars, rng.choice([0.4, 0.5, 0.9, 0.9, 1.0])
                )
            )
        source = f"{rng.choice(folders)}/{rng.choice(names)}" if rng.random() < 0.9 else None
        out.append(Source(source, 0.1, 0.0, matches, id=None if source else k))
    for _ in range(rng.choice([0, 0, 1, 3])):  # the same source object listed again
        if out:
            out.insert(rng.randrange(len(out) + 1), rng.choice(out))
    return out


@pytest.mark.parametrize("seed", range(300))
def test_copied_spans_are_the_match_by_match_groups(seed):
    rng = random.Random(seed)
    sources = _sources(rng)
    min_chars, min_ident = rng.choice([(13, 0.5), (1, 0.0), (20, 0.9)])
    got = list(_copied_spans(sources, min_chars, min_ident))
    want = _oracle(sources, min_chars, min_ident)
    assert len(got) == len(want)
    for (m, src, others), (m2, src2, others2) in zip(got, want, strict=True):
        assert m is m2 and src is src2 and others == others2
