"""Precision/recall of P101/P102 on the hand-written test set, and the speed of the P rules on gov-reports.

Usage (from the repository root):
    PYTHONPATH=src python benchmarks/placeholders_eval.py [--verbose] [--no-speed]

Test set: benchmarks/data/placeholders_testset.tsv (kind, code, missing, tokens, text). A planted
token counts as found when a finding of its code overlaps it; every other P101/P102 finding (on a
decoy row, or a second finding on the same token) is a false positive.
"""

from __future__ import annotations

import argparse
import glob
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import shuzhi
from shuzhi.rules.config import Config
from shuzhi.rules.engine import check_document
from shuzhi.text.normalize import _FULLWIDTH

TESTSET = ROOT / "benchmarks" / "data" / "placeholders_testset.tsv"
# Written after the patterns were tuned on TESTSET; an estimate for text the rules were not tuned on.
HOLDOUT = ROOT / "benchmarks" / "data" / "placeholders_holdout.tsv"
GOV = ROOT.parent / "shared" / "corpus" / "gov-reports"


def read_testset(path: Path = TESTSET) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, code, missing, tokens, text = line.split("\t")
        rows.append(
            {
                "line": n,
                "kind": kind,
                "code": code,
                "missing": missing,
                "tokens": [] if tokens == "-" else tokens.split(" | "),
                "text": text,
            }
        )
    return rows


def evaluate(rows: list[dict], config: Config | None = None) -> dict:
    config = config or Config(select=["P101", "P102"])
    tp = fp = fn = 0
    kind_ok = kind_total = 0
    misses: list[str] = []
    false_alarms: list[str] = []
    for row in rows:
        doc = shuzhi.loads(row["text"])
        findings = [f for f in check_document(doc, config).findings if f.code in ("P101", "P102")]
        used: set[int] = set()
        pos = 0
        for tok in row["tokens"]:
            t = tok.translate(_FULLWIDTH)
            a = doc.text.find(t, pos)
            if a < 0:
                raise ValueError(f"line {row['line']}: token {tok!r} not in the analysed text")
            b = a + len(t)
            pos = b
            hit = next(
                (
                    i
                    for i, f in enumerate(findings)
                    if i not in used and f.code == row["code"] and f.start < b and a < f.end
                ),
                None,
            )
            if hit is None:
                fn += 1
                misses.append(f"{row['line']}: {tok} in {row['text']}")
                continue
            used.add(hit)
            tp += 1
            kind_total += 1
            if findings[hit].data.get("missing") == row["missing"]:
                kind_ok += 1
        for i, f in enumerate(findings):
            if i not in used:
                fp += 1
                false_alarms.append(f"{row['line']}: {f.code} {f.message} in {row['text']}")
    planted = sum(len(r["tokens"]) for r in rows)
    decoys = sum(1 for r in rows if r["kind"] == "decoy")
    return {
        "planted": planted,
        "decoys": decoys,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "missing_accuracy": kind_ok / kind_total if kind_total else 1.0,
        "misses": misses,
        "false_alarms": false_alarms,
    }


def speed(repeats: int = 3) -> dict:
    """Seconds for the P rules (and, separately, residue detection at load) over gov-reports."""
    from shuzhi.text.residue import find_residue

    paths = sorted(glob.glob(str(GOV / "*.txt")))
    docs = [shuzhi.load(p) for p in paths]
    config = Config(select=["P"])
    rule_times, residue_times, findings = [], [], 0
    for _ in range(repeats):
        t = time.perf_counter()
        findings = sum(len(check_document(d, config).findings) for d in docs)
        rule_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        for d in docs:
            find_residue(d.raw)
        residue_times.append(time.perf_counter() - t)
    return {
        "files": len(docs),
        "bytes": sum(Path(p).stat().st_size for p in paths),
        "chars": sum(len(d.text) for d in docs),
        "findings": findings,
        "p_rules_s": statistics.median(rule_times),
        "residue_s": statistics.median(residue_times),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-speed", action="store_true", help="skip the gov-reports timing")
    ap.add_argument("--jieba", action="store_true", help="also time jieba segmentation of gov-reports")
    args = ap.parse_args(argv)
    for name, path in (("test set", TESTSET), ("held-out set", HOLDOUT)):
        r = evaluate(read_testset(path))
        print(f"{name}: planted placeholders {r['planted']}, decoy sentences {r['decoys']}")
        print(
            f"  TP {r['tp']}  FP {r['fp']}  FN {r['fn']}  precision {r['precision']:.3f}  "
            f"recall {r['recall']:.3f}  missing-kind accuracy {r['missing_accuracy']:.3f}"
        )
        for m in r["misses"]:
            print("  MISS", m)
        for m in r["false_alarms"]:
            print("  FALSE", m)
    if not args.no_speed and GOV.is_dir():
        s = speed()
        print(
            f"gov-reports: {s['files']} files, {s['bytes'] / 1e6:.1f} MB, {s['chars']} chars analysed, "
            f"{s['findings']} P findings; P rules {s['p_rules_s']:.3f} s, residue detection {s['residue_s']:.3f} s "
            f"(median of 3)"
        )
        if args.jieba:
            import jieba

            jieba.initialize()
            docs = [shuzhi.load(p) for p in sorted(glob.glob(str(GOV / "*.txt")))]
            t = time.perf_counter()
            for d in docs:
                jieba.lcut(d.text)
            print(f"jieba.lcut over the same analysed text: {time.perf_counter() - t:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
