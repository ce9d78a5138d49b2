"""Is checking linear in the text? Time per MB for 1, 10 and 50 MB reports of three shapes.

    PYTHONPATH=src python benchmarks/linear_bench.py [--sizes 1,10,50] [--shapes prose,one-line,digits] [--json OUT]

Shapes, each cut to the size in UTF-8 bytes and written as a .txt:

- prose:    the seed reports and gov-reports repeated, lines as written;
- one-line: the same text with every line break removed (one 50 MB line);
- digits:   the prose with a run of 20,000 digits after every 2,000 characters of text.

Each file is loaded and checked as `shuzhi check` does (pipeline.batch.check_paths, every rule),
in a fresh process per file so that memory from one size does not slow the next; the time per MB
is the CPU time of that process (load, check) divided by the size — on a shared machine the wall
time depends on what else runs, the CPU time much less; both are printed. Linear means the three sizes of a shape are within 2× of
each other. Run it with `nice` on a shared machine and say so with the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
MB = 1024 * 1024


def base_text() -> str:
    files = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "gov-reports").glob("*.txt"))[:40]
    return "\n".join(f.read_text(encoding="utf-8", errors="replace") for f in files)


def make(shape: str, size: int) -> str:
    base = base_text()
    if shape == "one-line":
        base = base.replace("\n", "")
    elif shape == "digits":
        run = "1234567890" * 2000
        base = "".join(base[i : i + 2000] + run for i in range(0, len(base), 2000))
    out, n = [], 0
    while n < size:
        out.append(base)
        n += len(base.encode("utf-8"))
    text = "".join(out)
    data = text.encode("utf-8")[:size]
    return data.decode("utf-8", errors="ignore")


CHILD = """
import sys, time, json
from shuzhi.pipeline.batch import check_paths
from shuzhi.rules.config import Config
cfg = Config(); cfg.max_file_size = 1 << 40; cfg.file_time_budget = 0  # measure, do not stop
t, c = time.perf_counter(), time.process_time()
b = check_paths([sys.argv[1]], cfg)
dt, dc = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"seconds": dc, "wall_seconds": dt, "errors": b.errors,
                  "findings": sum(len(r.findings) for r in b.results)}))
"""


def run(path: Path, timeout: float) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    t = time.perf_counter()
    try:
        p = subprocess.run(
            [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, env=env, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"seconds": None, "timeout": timeout, "wall": time.perf_counter() - t}
    if p.returncode:
        return {"seconds": None, "error": p.stderr[-2000:]}
    out = json.loads(p.stdout.strip().splitlines()[-1])
    if out["errors"]:  # a file that was not checked has no time per MB
        return {"seconds": None, "error": out["errors"]}
    out["wall"] = time.perf_counter() - t
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,10,50", help="sizes in MB")
    ap.add_argument("--shapes", default="prose,one-line,digits")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per file before it counts as a stall")
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    sizes = [float(s) for s in a.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for shape in a.shapes.split(","):
            for mb in sizes:
                path = Path(tmp) / f"{shape}-{mb:g}MB.txt"
                path.write_text(make(shape, int(mb * MB)), encoding="utf-8")
                r = run(path, a.timeout)
                path.unlink()
                per = r["seconds"] / mb if r.get("seconds") else None
                rows.append({"shape": shape, "mb": mb, **r, "seconds_per_mb": per})
                if per:
                    shown = f"{per:.2f} s/MB CPU ({r['seconds']:.1f} s CPU, {r['wall_seconds']:.1f} s wall)"
                else:
                    shown = f"FAILED {r.get('timeout') or r.get('error')}"
                print(f"{shape:9} {mb:5g} MB  {shown}  findings {r.get('findings')}", flush=True)
            per = [r["seconds_per_mb"] for r in rows if r["shape"] == shape and r["seconds_per_mb"]]
            if len(per) == len(sizes):
                print(f"{shape:9} max/min time per MB: {max(per) / min(per):.2f}", flush=True)
    if a.json:
        Path(a.json).write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
