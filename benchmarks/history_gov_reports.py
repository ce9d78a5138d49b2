"""H604 on real official prose: the State Council's government work reports taken as one author's yearly
reports (a report delivered in year Y states the figures of year Y-1), each compared with the three before it.

Run from the project root: `.venv/bin/python benchmarks/history_gov_reports.py`. Results: docs/bench/history.md.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import shuzhi
from shuzhi.analysis.history.link import Earlier, figure_disagreements
from shuzhi.analysis.history.statements import statements

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "gov-reports"


def main() -> None:
    docs = {int(f.name.split("_")[1]): shuzhi.load(f) for f in sorted(CORPUS.glob("gwr_*.txt"))}
    years = sorted(docs)
    by_key = defaultdict(list)
    found = []
    for y in years:
        for st in statements(docs[y], y - 1):
            by_key[st.key].append(y)
        earlier = [Earlier(docs[z], z - 1, f"gwr_{z}") for z in years if y - 3 <= z < y]
        found += [(y, d) for d in figure_disagreements(docs[y], y - 1, earlier)]
    print(f"{len(years)} reports, {sum(len(v) for v in by_key.values())} statements of an indicator's value for a year")
    print(
        f"indicator-years stated in two or more reports (comparisons possible): {sum(len(set(v)) > 1 for v in by_key.values())}"
    )
    print(f"H604 disagreements: {len(found)}")
    for y, d in found:
        print(
            f"  {y}: {d.now.indicator} {d.now.year}: {d.now.quantity.text} vs {d.earlier.source} {d.then.quantity.text}"
        )


if __name__ == "__main__":
    main()
