"""Speed of two source trees on the same files, in the same run: `shuzhi check` work before and after a change.

    PYTHONPATH=src python benchmarks/layout_bench.py OLD_TREE NEW_TREE [CORPUS_DIR ...] [--repeat 3]

Each tree (a checkout, e.g. a `git worktree add --detach ../old COMMIT`) is run in its own process
with PYTHONPATH=TREE/src: the files are checked once to warm up (imports, word lists compiled), then
timed in the same process — CPU time (process_time) and wall time — with every rule plain `check`
runs. The two trees alternate, repetition by repetition, so a busy machine slows both alike; the
medians and the new/old ratios are printed with the load average, and the findings of both trees
are compared (a pure refactoring must not change them).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

CHILD = r"""
import json, sys, time, hashlib
from shuzhi.pipeline.batch import check_paths
from shuzhi.rules.config import Config
paths = sys.argv[1:]
cfg = Config()
check_paths(paths, cfg)  # warm-up: imports, word lists, automata
t0, c0 = time.perf_counter(), time.process_time()
batch = check_paths(paths, cfg)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
results = batch.results if hasattr(batch, "results") else batch[0]
digest = hashlib.sha1(json.dumps([r.to_dict() for r in results], ensure_ascii=False, sort_keys=True).encode()).hexdigest()
print(json.dumps({"wall": wall, "cpu": cpu, "docs": len(results), "digest": digest}))
"""


def run(tree: Path, paths: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree / "src"))
    p = subprocess.run([sys.executable, "-c", CHILD, *paths], env=env, capture_output=True, text=True, check=True)
    return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("corpus", nargs="*", default=[str(CORPUS / "gov-reports"), str(CORPUS / "seeds")])
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    runs: dict[str, list[dict]] = {"old": [], "new": []}
    for i in range(a.repeat):
        for name, tree in (("old", a.old), ("new", a.new)) if i % 2 == 0 else (("new", a.new), ("old", a.old)):
            runs[name].append(run(tree, a.corpus))
    load = os.getloadavg()
    out = {"load_average": [round(x, 1) for x in load], "repeat": a.repeat}
    for name in ("old", "new"):
        r = runs[name]
        out[name] = {
            "tree": str(getattr(a, name)),
            "docs": r[0]["docs"],
            "cpu_median_s": round(statistics.median(x["cpu"] for x in r), 3),
            "wall_median_s": round(statistics.median(x["wall"] for x in r), 3),
            "cpu_s": [round(x["cpu"], 3) for x in r],
        }
    out["cpu_new_over_old"] = round(out["new"]["cpu_median_s"] / out["old"]["cpu_median_s"], 3)
    out["wall_new_over_old"] = round(out["new"]["wall_median_s"] / out["old"]["wall_median_s"], 3)
    out["same_findings"] = runs["old"][0]["digest"] == runs["new"][0]["digest"]
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
