"""sources.report_from_round: a round report's copy report made straight from the round's columns (#17), the same
CopyReport as from its Comparisons (report_from_comparisons of ComparisonList.involving)."""

from __future__ import annotations

import shuzhi
from conftest import seed
from shuzhi.pipeline.copying import compare_round
from shuzhi.similarity.compare import ComparisonList
from shuzhi.similarity.core.formulas import formula_list
from shuzhi.similarity.core.settings import DEFAULT
from shuzhi.similarity.core.shingle import fingerprint
from shuzhi.similarity.sources import report_from_comparisons, report_from_round


def _texts() -> list[str]:
    """Versions of each seed missing a few lines (many overlapping pairs), and two copies of one (a cluster)."""
    out = []
    for i in range(4):
        lines = seed(i).read_text(encoding="utf-8").split("\n")
        for k in range(4):
            out.append("\n".join(line for n, line in enumerate(lines) if n < 3 or (n + k) % 4))
    return [*out, out[0], out[0].replace("。", "；", 3)]


def test_reports_from_the_columns_are_those_from_the_comparisons():
    docs = [shuzhi.loads(t, source=f"v{i:02d}.txt") for i, t in enumerate(_texts())]
    cp = compare_round(docs)
    cl = cp.comparisons
    assert isinstance(cl, ComparisonList)
    fps = [fingerprint(d.text, DEFAULT, formula_list()).compact() for d in docs]
    # Two reports of one person (本人), one without a name, some units and years known.
    authors = {i: ("张三" if i in (0, 1, 16) else f"p{i}") for i in range(len(docs)) if i != 3}
    who = {i: {"unit": f"单位{i % 3}", "year": 2020 + i % 4} for i in range(0, len(docs), 2)}
    turned = own = 0
    for i in range(len(docs)):
        want = report_from_comparisons(docs[i], cl.involving(i), authors=authors, who=who, fingerprint=fps[i])
        got = report_from_round(i, cl, authors=authors, who=who, fingerprint=fps[i])
        assert got == want
        turned += sum(1 for c in cl.involving(i) if c.b_index == i and c.matches)
        own += sum(s.own for s in got.sources)
    assert turned and own  # matches seen from B, and own reports among the sources, were compared
    # Without authors or who: nobody's own.
    assert report_from_round(5, cl, fingerprint=fps[5]) == report_from_comparisons(
        docs[5], cl.involving(5), fingerprint=fps[5]
    )
