"""`shuzhi corpus` at scale vs MLlib MinHashLSH vs shuzhi's single-machine index, on synthesized reports.

Each size N: N synthesized reports of 5,000 characters (benchmarks/copy_bench.Synth: corpus paragraphs
recombined, one character in six replaced), of which N/20 are planted near-duplicates (a report handed in
again with one character in forty changed) and N/20 have a planted 300-character passage of another report.
Three methods find the copied pairs, each in a process of its own (peak memory = the largest total RSS of
that process and all its children, sampled every 0.2 s; Spark's JVM and Python workers included):

- corpus: shuzhi.spark.run_corpus on local[2], copy detection only (--rules adds every plain rule), with its
  default candidate rule (the copy index's: fingerprints in more than max_authors authors' reports are common
  language); corpus-review: the same with as_review=True (`review`'s rule: nothing common; N² candidates on
  this corpus); corpus-jvmdefaults: corpus in a JVM with the JVM's own defaults (G1, C1 then C2: as `mllib`
  runs) instead of shuzhi.spark.session.LOCAL_JAVA_OPTIONS (named corpus-c2 in the lines of 2026-12-07 12:34–12:48
  UTC); their bucket cap (max_bucket, 500 by default) from BENCH_MAX_BUCKET; all count the candidate pairs they
  aligned;
- mllib: char 5-grams (NGram over characters) → HashingTF (2^20, binary) → MinHashLSH (numHashTables 5)
  → approxSimilarityJoin at Jaccard distance ≤ 0.5 (near-duplicates: what MinHashLSH can find), in a JVM with
  the JVM's defaults (Spark's); mllib-local (formerly mllib-c1, still accepted): the same in a JVM started as
  `shuzhi corpus` starts it (LOCAL_JAVA_OPTIONS: the quick compiler only until 2026-12-07, the parallel collector
  since), so that MLlib gets the better of the two; BENCH_JAVA_OPTIONS replaces LOCAL_JAVA_OPTIONS for corpus and
  mllib-local (each line records the JVM's options);
- index: shuzhi.similarity.index (one machine): every report added, then each checked against the index;
- candidates (not a competitor, one machine): candidate pairs under compare_all's common-language rule (fragments in
  more than max_authors authors' reports dropped: `corpus`'s default rule and the index's; `review` and
  `corpus-review` drop none, so they align more), and how many of them pass `review`'s exact-run / Jaccard filter;
  recall: planted pairs among those.

Recall is measured on the planted near-duplicates and on the planted passages separately.

    PYTHONPATH=src python benchmarks/spark_bench.py --sizes 2000 10000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from copy_bench import Synth, light_edit


def make_corpus(n: int, path: Path) -> dict:
    """Write N reports as JSON lines (id, text); return the planted pairs."""
    synth = Synth()
    rng = np.random.default_rng(12)
    texts = {f"r{i:06d}": synth.doc(i, 5000) for i in range(n)}
    ids = list(texts)
    dups, passages = [], []
    for i in range(n // 20):
        src = ids[int(rng.integers(len(ids)))]
        texts[f"dup{i:05d}"] = light_edit(texts[src], rng)
        dups.append((src, f"dup{i:05d}"))
    for _ in range(n // 20):
        a, b = (ids[int(x)] for x in rng.choice(len(ids), 2, replace=False))
        s = int(rng.integers(0, 4000))
        passage = texts[a][s : s + 300].replace("\n", "")
        cut = int(rng.integers(100, 4500))
        texts[b] = texts[b][:cut] + "\n" + passage + "\n" + texts[b][cut:]
        passages.append((a, b))
    with open(path, "w", encoding="utf-8") as f:
        for k, t in texts.items():
            f.write(json.dumps({"id": k, "text": t}, ensure_ascii=False) + "\n")
    return {"dups": dups, "passages": passages, "docs": len(texts)}


class PeakRSS:
    """The peak of the summed RSS of this process and its descendants, and their CPU time (user + system).

    CPU: the last value sampled of every process of the tree (JVM, Python workers), summed; a process that lived
    less than one sampling interval is missed, so the figure is a slight lower bound.
    """

    def __init__(self):
        self.peak = 0
        self.cpu: dict[int, float] = {}
        self.comm: dict[int, str] = {}
        self._tick = os.sysconf("SC_CLK_TCK")
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _tree_rss(self) -> int:
        children: dict[int, list[int]] = {}
        rss: dict[int, int] = {}
        cpu: dict[int, float] = {}
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            try:
                with open(f"/proc/{d}/stat") as f:
                    parts = f.read().rsplit(")", 1)[1].split()
                children.setdefault(int(parts[1]), []).append(int(d))
                rss[int(d)] = int(parts[21]) * os.sysconf("SC_PAGE_SIZE")
                cpu[int(d)] = (int(parts[11]) + int(parts[12])) / self._tick
            except (OSError, IndexError, ValueError):
                continue
        total, todo = 0, [os.getpid()]
        while todo:
            p = todo.pop()
            total += rss.get(p, 0)
            if p in cpu:
                self.cpu[p] = max(self.cpu.get(p, 0.0), cpu[p])
                if p not in self.comm:
                    try:
                        with open(f"/proc/{p}/comm") as f:
                            self.comm[p] = f.read().strip()
                    except OSError:
                        self.comm[p] = "?"
            todo += children.get(p, [])
        return total

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self._tree_rss())
            time.sleep(0.2)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, self._tree_rss())


def _spark(local_options: bool = True):
    """local[2] as `shuzhi corpus` starts it; ``local_options=False``: the JVM's own defaults (Spark's, as every MLlib
    line before 2026-12-06 03:30 UTC ran) instead of shuzhi's LOCAL_JAVA_OPTIONS (or BENCH_JAVA_OPTIONS)."""
    os.environ["PYSPARK_PYTHON"] = sys.executable
    # local[2] runs the executors inside the driver's JVM: Spark's default 1 GB heap ran out in MLlib's
    # approxSimilarityJoin at 10,000 reports. The same heap for both Spark methods.
    os.environ["PYSPARK_SUBMIT_ARGS"] = f"--driver-memory {os.environ.get('BENCH_SPARK_MEMORY', '4g')} pyspark-shell"
    from shuzhi.spark.session import LOCAL_JAVA_OPTIONS, start

    # BENCH_PARTITIONS: the shuffles' partitions (`shuzhi corpus --partitions`); 8 by default, as every run before
    # 2026-12-07 06:30 UTC. At 100,000 reports 8 partitions of the postings (2.6 GB) spilled 3.5 GB while sorting.
    partitions = int(os.environ.get("BENCH_PARTITIONS", "8"))
    return start(
        "local[2]",
        partitions=partitions,
        app_name="spark_bench",
        # BENCH_JAVA_OPTIONS: the local JVM's options for corpus and mllib-local instead of LOCAL_JAVA_OPTIONS (e.g.
        # "-XX:+UseParallelGC"), to try a setting before it becomes shuzhi's; each result line records them.
        java_options=os.environ.get("BENCH_JAVA_OPTIONS", LOCAL_JAVA_OPTIONS) if local_options else None,
    )


def run_corpus_method(data: Path, rules: bool, as_review: bool = False, local_options: bool = True) -> tuple[set, dict]:
    from shuzhi.spark import read_input, run_corpus
    from shuzhi.spark.copying import MAX_BUCKET, parse_bytes

    max_bucket = int(os.environ.get("BENCH_MAX_BUCKET", MAX_BUCKET))

    spark = _spark(local_options)
    t = time.perf_counter()
    # One JSON file is one input partition: spread it over the cores as `--partitions` does.
    # BENCH_CELL_MEMORY (512m, 2g, …): the alignment cells' budget (shuzhi corpus --cell-memory); unset: the default.
    cell = os.environ.get("BENCH_CELL_MEMORY")
    tables = run_corpus(
        read_input(spark, str(data), "jsonl").repartition(8),
        rules=rules,
        max_bucket=max_bucket,
        as_review=as_review,
        **({"cell_memory": parse_bytes(cell)} if cell else {}),
    )
    rows = tables.pairs.select("a", "b", "passages", "near_duplicate").collect()
    extra = {"findings": tables.findings.count()} if rules else {}
    wall = time.perf_counter() - t
    # Which pairs were found, with their passage counts and scores: equal digests = the same output (compare runs
    # of two versions of the code on the same corpus).
    found = sorted((r["a"], r["b"], r["passages"], round(r["near_duplicate"], 6)) for r in rows)
    extra["pairs_sha256"] = hashlib.sha256(json.dumps(found).encode()).hexdigest()
    extra["candidates"] = tables.extra["candidates"].count()  # checkpointed during the run: not timed, cheap
    extra["stages"] = stage_profile(spark)
    extra["max_bucket"] = max_bucket
    extra["blocks"] = tables.extra.get("blocks")
    extra["partitions"] = int(spark.conf.get("spark.sql.shuffle.partitions"))
    extra["java_options"] = spark.sparkContext.getConf().get("spark.driver.extraJavaOptions", "")
    spark.stop()
    return {(r["a"], r["b"]) for r in rows}, {"wall_s": wall, "pairs": len(rows), **extra}


def stage_profile(spark, top: int = 12) -> list[dict]:
    """The completed stages that took the most executor time (Spark's REST API): where a run's time went.

    Each: the stage's id, its call site (the line of shuzhi.spark that planned it), executor seconds, wall
    seconds (first task start to completion), the JVM's CPU seconds in its tasks, shuffle read/written MB and rows out.
    """
    import urllib.request
    from datetime import datetime

    sc = spark.sparkContext
    url = f"{sc.uiWebUrl}/api/v1/applications/{sc.applicationId}/stages?status=complete&details=false"
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            stages = json.load(r)
    except OSError as e:
        return [{"error": str(e)}]

    def t(x):
        return datetime.strptime(x.replace("GMT", "+0000"), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()

    out = []
    for st in stages:
        site = st.get("name", "")
        # Spark SQL names a stage after the action; the plan's Python call sites are in the description/details.
        out.append(
            {
                "stage": st["stageId"],
                "name": site[:80],
                "exec_s": round(st.get("executorRunTime", 0) / 1000, 1),
                # The JVM's own CPU in the stage's tasks (not the Python workers'): what a JVM-side change moves.
                "jvm_cpu_s": round(st.get("executorCpuTime", 0) / 1e9, 1),
                "wall_s": round(t(st["completionTime"]) - t(st["submissionTime"]), 1)
                if st.get("completionTime") and st.get("submissionTime")
                else None,
                "shuffle_read_mb": round(st.get("shuffleReadBytes", 0) / 2**20, 1),
                "shuffle_write_mb": round(st.get("shuffleWriteBytes", 0) / 2**20, 1),
                "rows_out": st.get("outputRecords", 0) or st.get("shuffleWriteRecords", 0),
            }
        )
    out.sort(key=lambda d: -d["exec_s"])
    total = {
        "stage": "all",
        "exec_s": round(sum(d["exec_s"] for d in out), 1),
        "jvm_cpu_s": round(sum(d["jvm_cpu_s"] for d in out), 1),
        "shuffle_write_mb": round(sum(d["shuffle_write_mb"] for d in out), 1),
        "stages": len(out),
    }
    return [total, *out[:top]]


def run_mllib(data: Path, local_options: bool = False) -> tuple[set, dict]:
    from pyspark.ml import Pipeline
    from pyspark.ml.feature import HashingTF, MinHashLSH, NGram
    from pyspark.sql import functions as F

    spark = _spark(local_options)
    t = time.perf_counter()
    df = (
        spark.read.json(str(data))
        .repartition(8)
        .select("id", F.split(F.regexp_replace("text", r"\s", ""), "").alias("chars"))
    )
    pipe = Pipeline(
        stages=[
            NGram(n=5, inputCol="chars", outputCol="grams"),
            HashingTF(inputCol="grams", outputCol="features", numFeatures=1 << 20, binary=True),
            MinHashLSH(inputCol="features", outputCol="hashes", numHashTables=5, seed=12),
        ]
    )
    model = pipe.fit(df)
    feats = model.transform(df).cache()
    joined = model.stages[-1].approxSimilarityJoin(feats, feats, 0.5, distCol="distance")
    rows = joined.where(F.col("datasetA.id") < F.col("datasetB.id")).select("datasetA.id", "datasetB.id").collect()
    wall = time.perf_counter() - t
    options = spark.sparkContext.getConf().get("spark.driver.extraJavaOptions", "")
    spark.stop()
    return {(r[0], r[1]) for r in rows}, {"wall_s": wall, "pairs": len(rows), "java_options": options}


def run_index(data: Path) -> tuple[set, dict]:
    from shuzhi.similarity.index.store import DocMeta, Index
    from shuzhi.similarity.sources import check_against_index

    with open(data, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    t = time.perf_counter()
    found = set()
    with tempfile.TemporaryDirectory() as tmp:
        idx = Index(Path(tmp) / "idx", create=True)
        added = idx.add((r["text"], DocMeta(source=r["id"])) for r in rows)
        id_of = {src: i for src, i in added}
        key_of = {i: src for src, i in added}
        for r in rows:
            rep = check_against_index(r["text"], idx, exclude=[id_of[r["id"]]])
            for s in rep.sources:
                found.add(tuple(sorted((r["id"], key_of[s.id]))))
        idx.close()
    return found, {"wall_s": time.perf_counter() - t, "pairs": len(found)}


def run_candidates(data: Path) -> tuple[set, dict]:
    """Not a competitor: the candidate pairs under compare_all's common-language rule, and the pairs review's
    filter keeps of them (a shared exact run total of at least min_chars, or a near-duplicate Jaccard)."""
    from shuzhi.similarity.core.allpairs import round_pairs
    from shuzhi.similarity.core.settings import DEFAULT as s
    from shuzhi.similarity.core.shingle import fingerprint
    from shuzhi.spark.bridge import formulas

    with open(data, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    t = time.perf_counter()
    fps = [fingerprint(r["text"], s, formulas()) for r in rows]
    rp = round_pairs(fps, np.arange(len(fps)), s.max_authors, s.bands)
    selected = (rp.matched_bound() >= s.min_chars) | (rp.jaccard >= s.near_duplicate)
    ids = [r["id"] for r in rows]
    found = {(ids[i], ids[j]) for i, j in rp.pairs[selected].tolist()}
    out = {"wall_s": time.perf_counter() - t, "candidates": len(rp.pairs), "pairs": int(selected.sum())}
    return found, out


def child(method: str, data: Path, planted: dict) -> dict:
    with PeakRSS() as mem:
        if method == "corpus":
            pairs, out = run_corpus_method(data, rules=False)
        elif method == "corpus-jvmdefaults":
            pairs, out = run_corpus_method(data, rules=False, local_options=False)
        elif method == "corpus-review":
            pairs, out = run_corpus_method(data, rules=False, as_review=True)
        elif method == "corpus+rules":
            pairs, out = run_corpus_method(data, rules=True)
        elif method == "mllib":
            pairs, out = run_mllib(data)
        elif method in ("mllib-local", "mllib-c1"):
            pairs, out = run_mllib(data, local_options=True)
        elif method == "candidates":
            pairs, out = run_candidates(data)
        else:
            pairs, out = run_index(data)
    norm = {tuple(sorted(p)) for p in pairs}
    for kind in ("dups", "passages"):
        want = {tuple(sorted(p)) for p in planted[kind]}
        out[f"recall_{kind}"] = round(len(want & norm) / max(1, len(want)), 4)
    if "candidates" in out:
        out["candidates_per_report"] = round(out["candidates"] / max(1, planted["docs"]), 1)
    out["peak_rss_mb"] = round(mem.peak / 2**20)
    out["cpu_s"] = round(sum(mem.cpu.values()), 1)
    by: dict[str, float] = {}  # CPU by process name: the JVM (java) and the Python processes (driver, workers)
    for pid, c in mem.cpu.items():
        name = mem.comm.get(pid, "?")
        by[name] = by.get(name, 0.0) + c
    out["cpu_by_process"] = {k: round(v, 1) for k, v in sorted(by.items(), key=lambda kv: -kv[1])}
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    ap.add_argument("--methods", nargs="+", default=["corpus", "mllib", "index"])
    ap.add_argument("--child", nargs=3, metavar=("METHOD", "DATA", "PLANTED"))
    ap.add_argument("--timeout", type=float, default=None, help="seconds a method may run before it is stopped")
    ap.add_argument("--out", type=Path, default=None, help="also append each JSON line to this file")
    args = ap.parse_args()
    if args.child:
        method, data, planted = args.child
        print(json.dumps(child(method, Path(data), json.loads(Path(planted).read_text()))))
        return
    results = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "reports.jsonl"
            planted = make_corpus(n, data)
            (Path(tmp) / "planted.json").write_text(json.dumps(planted))
            for m in args.methods:
                # The machine may be shared: the load average (1, 5, 15 min) beside every timing.
                load_before = [round(x, 2) for x in os.getloadavg()]
                started = time.time()
                # A session of its own, so a stopped method takes its JVM and Python workers with it.
                p = subprocess.Popen(
                    [sys.executable, __file__, "--child", m, str(data), str(Path(tmp) / "planted.json")],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    start_new_session=True,
                )
                try:
                    out, err = p.communicate(timeout=args.timeout)
                    line = out.strip().splitlines()[-1] if out.strip() else ""
                    res = json.loads(line) if line.startswith("{") else {"error": err[-800:]}
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)
                    p.communicate()
                    res = {"error": f"stopped after {args.timeout:.0f} s (--timeout)"}
                res.update(
                    method=m,
                    n=n,
                    docs=planted["docs"],
                    process_s=round(time.time() - started, 1),
                    load_before=load_before,
                    load_after=[round(x, 2) for x in os.getloadavg()],
                    when=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
                )
                print(json.dumps(res), flush=True)
                if args.out:
                    with open(args.out, "a", encoding="utf-8") as f:
                        f.write(json.dumps(res) + "\n")
                results.append(res)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
