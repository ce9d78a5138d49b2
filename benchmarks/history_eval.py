"""Year-over-year checks (H601–H604) on the demonstration corpus and the held-out set of 2026-12-04.

Run from the project root: `.venv/bin/python benchmarks/history_eval.py [demo|heldout|both]`.
Results are written down in docs/bench/history.md.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from history import demo, heldout_20261204
from history.evaluate import (
    build_index,
    demo_planted,
    heldout_planted,
    heldout_truth,
    histories,
    links_between_people,
    score_figures,
    score_repeats,
)


def run(name: str, planted, repeats, figures) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ix = build_index(planted, Path(tmp))
        try:
            hist = histories(planted, ix)
        finally:
            ix.close()
    print(f"== {name}: {len(planted)} reports of {len({p.person for p in planted})} people")
    r = score_repeats(planted, hist, repeats)
    f = score_figures(hist, figures)
    print(r.line("repeated shortcomings (H601)"))
    print(f.line("figures across years (H604)"))
    for w in r.wrong + f.wrong:
        print("   ", *w)
    print("links between different people:", len(links_between_people(hist)))
    counts = {}
    for ph in hist.values():
        for code, n in ph.counts().items():
            counts[code] = counts.get(code, 0) + n
    print("findings by rule:", dict(sorted(counts.items())))


def main(which: str) -> None:
    if which in ("demo", "both"):
        truth = {k: v for k, v in demo.REPEATS.items()}
        figs = {(p, y, ind) for (p, y, ind, _vy) in demo.DISAGREEMENTS}
        run("demonstration corpus", demo_planted(), truth, figs)
    if which in ("heldout", "both"):
        figs = set(heldout_20261204.DISAGREE)
        run("held-out set (2026-12-04)", heldout_planted(), heldout_truth(), figs)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "demo")
