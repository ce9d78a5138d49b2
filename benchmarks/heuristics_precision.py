"""Precision and recall of the heuristic S/F/T rules on hand-written examples (benchmarks/heuristic_examples*.py).

Run from the repository root:  PYTHONPATH=src python benchmarks/heuristics_precision.py [-v]
A finding counts as correct when the example expects it (for S301: when the flagged
dimension is one the example leaves out). Precision = correct findings / findings;
recall = positive examples fully found / positive examples. Which sets are independent
measures of which code is told in docs/bench/heuristics.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import heuristic_examples_heldout
import heuristic_examples_heldout2
import heuristic_examples_heldout3
import heuristic_examples_heldout4
import heuristic_examples_heldout5
import heuristic_examples_validation
from heuristic_examples import example_sets

import shuzhi
from shuzhi.rules.config import Config
from shuzhi.rules.engine import run_rules


def measure(code: str, pos, neg, verbose=False):
    cfg = Config(select=[code])
    correct = wrong = found = 0
    for text, expected in pos + neg:
        fs = [f for f in run_rules(shuzhi.loads(text), cfg) if f.code == code]
        if code == "S301":
            got = {f.data["dimension"] for f in fs}
            correct += len(got & expected)
            bad = got - expected
            wrong += len(bad)
            ok = bool(expected) and expected <= got
        else:
            if fs and expected:
                correct += 1
            elif fs:
                wrong += len(fs)
            ok = bool(expected) and bool(fs)
        found += ok
        if verbose and ((fs and not expected) or (expected and not ok) or (code == "S301" and bad)):
            print(
                f"  {code} {'FP' if (fs and not expected) or (code == 'S301' and bad) else 'FN'}:",
                text.replace("\n", " / ")[:160],
                [f.message for f in fs][:2],
            )
    total = correct + wrong
    precision = correct / total if total else float("nan")
    return len(pos), len(neg), correct, wrong, precision, found / len(pos)


def main(argv):
    verbose = "-v" in argv
    validation = {"S301": example_sets(heuristic_examples_validation)["S301"]}
    heldout2 = {
        code: examples
        for code, examples in example_sets(heuristic_examples_heldout2).items()
        if code in ("S301", "S302", "T501")
    }
    heldout5 = {
        code: examples
        for code, examples in example_sets(heuristic_examples_heldout5).items()
        if code in ("S301", "S302")
    }
    heldout4 = {
        code: examples
        for code, examples in example_sets(heuristic_examples_heldout4).items()
        if code in ("S301", "S302", "T501")
    }
    heldout3 = {
        code: examples
        for code, examples in example_sets(heuristic_examples_heldout3).items()
        if code in ("S301", "S302", "T501")
    }
    sets = {
        "fifth held-out, S301/S302, written after the last change (heuristic_examples_heldout5.py)": heldout5,
        "fourth held-out, written after the third set's changes, then used for one more (heuristic_examples_heldout4.py)": heldout4,
        "third held-out, written after the first changes, then used for two more (heuristic_examples_heldout3.py)": heldout3,
        "second held-out, S301/S302/T501 only (heuristic_examples_heldout2.py)": heldout2,
        "validation, S301 only (heuristic_examples_validation.py)": validation,
        "held-out (heuristic_examples_heldout.py)": example_sets(heuristic_examples_heldout),
        "development (heuristic_examples.py, used for tuning)": example_sets(),
    }

    for name, examples in sets.items():
        print(f"\n{name}\n")
        print("| rule | positives | negatives | correct findings | false alarms | precision | recall |")
        print("|---|---|---|---|---|---|---|")
        for code, (pos, neg) in examples.items():
            p, n, c, w, prec, rec = measure(code, pos, neg, verbose)
            print(f"| {code} | {p} | {n} | {c} | {w} | {prec:.2f} | {rec:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
