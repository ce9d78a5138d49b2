"""Precision and recall of the N rules per claim pattern on benchmarks/data/claims_testset.tsv.

    PYTHONPATH=src python benchmarks/numbers_eval.py [--show-errors] [--data benchmarks/data/claims_heldout.tsv]

A sentence labelled inconsistent is a true positive when a finding with its expected code is reported;
a consistent sentence with any N finding is a false positive (its pattern's precision pays for it).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

import shuzhi
from shuzhi.rules.config import Config
from shuzhi.rules.engine import run_rules

DATA = Path(__file__).resolve().parent / "data" / "claims_testset.tsv"


def evaluate(show_errors: bool = False, data: Path = DATA) -> dict[str, dict[str, int]]:
    cfg = Config(select=["N"])
    stats: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "pos": 0, "tp": 0, "fp": 0, "fn": 0})
    with data.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            text = row["sentence"].replace("⏎", "\n")
            codes = {x.code for x in run_rules(shuzhi.loads(text, source=row["id"]), cfg)}
            s = stats[row["pattern"]]
            s["n"] += 1
            if row["expected"] == "inconsistent":
                s["pos"] += 1
                if row["code"] in codes:
                    s["tp"] += 1
                else:
                    s["fn"] += 1
                    if show_errors:
                        print(f"MISSED {row['id']} {row['pattern']} {row['code']} got {sorted(codes)}: {text}")
                if codes - {row["code"]}:
                    s["fp"] += 1
            elif codes:
                s["fp"] += 1
                if show_errors:
                    print(f"FALSE  {row['id']} {row['pattern']} got {sorted(codes)}: {text}")
    return stats


def table(stats) -> str:
    lines = [
        "| pattern | sentences | inconsistent | TP | FP | FN | precision | recall |",
        "|---|---|---|---|---|---|---|---|",
    ]
    tot = {"n": 0, "pos": 0, "tp": 0, "fp": 0, "fn": 0}
    for name in sorted(stats):
        s = stats[name]
        for k in tot:
            tot[k] += s[k]
        lines.append(_line(name, s))
    lines.append(_line("**all**", tot))
    return "\n".join(lines)


def _line(name, s) -> str:
    prec = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else float("nan")
    rec = s["tp"] / s["pos"] if s["pos"] else float("nan")
    return f"| {name} | {s['n']} | {s['pos']} | {s['tp']} | {s['fp']} | {s['fn']} | {prec:.3f} | {rec:.3f} |"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--data", type=Path, default=DATA, help="a TSV in the same format (e.g. data/claims_heldout.tsv)")
    args = ap.parse_args()
    print(table(evaluate(args.show_errors, args.data)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
