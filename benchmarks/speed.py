"""Speed: `shuzhi check` with every rule over a corpus, against jieba.lcut on the same files, in one run.

    PYTHONPATH=src python benchmarks/speed.py [CORPUS_DIR] [--repeat 5] [--breakdown] [--cli] [--json OUT]

Both sides are timed warm (jieba's dictionary loaded, shuzhi's modules imported and word lists
compiled) and read the files themselves: shuzhi runs `shuzhi.batch.check_paths` as `shuzhi check`
does (decoding, normalization, source map, every rule plain `check` runs, the profile); jieba reads
each file as UTF-8 and segments it with jieba.lcut. The two alternate, repetition by repetition, so
a busy machine slows both alike; the median of --repeat runs is reported with the spread, and the
ratio is taken per repetition. The machine (CPU, cores, load average, Python) is printed with the
results: on a shared machine only the ratio is comparable between runs.

--breakdown times, on the same loaded documents, loading, each shared analysis (computed once per
document and used by several rules) and each rule with the analyses already computed (median of
the repetitions). --cli also times the real command line (process start included).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "gov-reports"


def machine() -> dict:
    """What the numbers were measured on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    import jieba

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "python": platform.python_version(),
        "jieba": getattr(jieba, "__version__", "?"),
        "platform": platform.platform(),
    }


def time_shuzhi(files: list[Path]) -> tuple[float, float, int]:
    """Wall and CPU seconds of checking the files, and the number of findings."""
    from shuzhi.pipeline.batch import check_paths
    from shuzhi.rules.config import Config

    cfg = Config()
    t0, c0 = time.perf_counter(), time.process_time()
    batch = check_paths([str(p) for p in files], cfg)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    assert not batch.errors, batch.errors
    return dt, cpu, sum(len(r.findings) for r in batch.results)


def time_jieba(files: list[Path]) -> tuple[float, float, int]:
    """Wall and CPU seconds of segmenting the files, and the number of tokens."""
    import jieba

    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for p in files:
        n += len(jieba.lcut(p.read_text(encoding="utf-8")))
    return time.perf_counter() - t0, time.process_time() - c0, n


def breakdown(files: list[Path]) -> dict[str, float]:
    """Seconds per stage over all files: loading, each shared analysis, each rule (analyses warm)."""
    from shuzhi.analysis.dimensions import analyse
    from shuzhi.analysis.profile import profile_of
    from shuzhi.analysis.signals import signals_of
    from shuzhi.loaders import load
    from shuzhi.rules.config import Config
    from shuzhi.rules.context import Context

    cfg = Config()
    base = Context(cfg.lexicons, cfg.campaign, {}, cfg.rule_options)
    rules = [r for r in cfg.registry if not r.needs and r.family != "X"]
    out: dict[str, float] = {}

    def add(key: str, t0: float) -> None:
        out[key] = out.get(key, 0.0) + time.perf_counter() - t0

    for p in files:
        t0 = time.perf_counter()
        doc = load(p, max_bytes=cfg.max_file_size, source=str(p))
        add("load (decode, residue, normalize)", t0)
        analyses = [
            ("outline", lambda doc=doc: doc.outline),
            ("meta", lambda doc=doc: doc.meta),
            ("sentences", lambda doc=doc: doc.sentences),
            ("quantities", lambda doc=doc: doc.quantities),
            ("claims", lambda doc=doc: doc.claims),
            ("dimensions", lambda doc=doc: analyse(doc, cfg.lexicons)),
            ("signals", lambda doc=doc: signals_of(doc, cfg.lexicons)),
        ]
        for name, compute in analyses:
            t0 = time.perf_counter()
            compute()
            add(f"analysis: {name}", t0)
        for rule in rules:
            ctx = base.for_rule(rule)
            t0 = time.perf_counter()
            list(rule.check(doc, ctx))
            add(f"rule {rule.code} {rule.name}", t0)
        t0 = time.perf_counter()
        profile_of(doc, cfg.lexicons)
        add("profile", t0)
    return out


def time_cli(corpus: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "shuzhi", "check", "--format", "json", str(corpus)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - t0


def spread(xs: list[float]) -> str:
    return f"median {statistics.median(xs):.3f} s (min {min(xs):.3f}, max {max(xs):.3f})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--breakdown", action="store_true", help="time loading, each analysis and each rule")
    ap.add_argument("--cli", action="store_true", help="also time the real command line")
    ap.add_argument("--json", type=Path, help="write the measurements to this file")
    args = ap.parse_args()
    files = sorted(p for p in args.corpus.glob("*.txt"))
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    import jieba

    from shuzhi.rules.registry import Registry

    jieba.setLogLevel(60)
    jieba.initialize()
    rules = [r.code for r in Registry.default() if not r.needs]
    facts = machine()
    print(f"machine: {facts['cpu']}, {facts['cores']} cores, Python {facts['python']}, jieba {facts['jieba']}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in facts['load_average'] or [])}")
    print(f"corpus: {args.corpus} — {len(files)} files, {chars:,} characters; rules run by check: {len(rules)}")
    time_shuzhi(files[:2])  # warm imports and compiled word lists
    time_jieba(files[:2])
    s_times, j_times, ratios = [], [], []
    s_cpu, j_cpu, cpu_ratios = [], [], []
    findings = tokens = 0
    for _ in range(args.repeat):
        s, sc, findings = time_shuzhi(files)
        j, jc, tokens = time_jieba(files)
        s_times.append(s)
        j_times.append(j)
        ratios.append(j / s)
        s_cpu.append(sc)
        j_cpu.append(jc)
        cpu_ratios.append(jc / sc)
    load_end = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    s_med = statistics.median(s_times)
    print(f"shuzhi check (all rules): {spread(s_times)}  ({chars / s_med / 1e6:.2f} M chars/s, {findings} findings)")
    print(f"jieba.lcut:               {spread(j_times)}  ({tokens:,} tokens)")
    print(
        f"ratio jieba / shuzhi:     median {statistics.median(ratios):.2f}× "
        f"(min {min(ratios):.2f}×, max {max(ratios):.2f}×; {args.repeat} alternating repetitions)"
    )
    print(f"CPU time: shuzhi {spread(s_cpu)}, jieba {spread(j_cpu)}; ratio median {statistics.median(cpu_ratios):.2f}×")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in load_end or [])}")
    result = {
        "machine": facts,
        "load_average_end": load_end,
        "corpus": str(args.corpus),
        "files": len(files),
        "chars": chars,
        "repeat": args.repeat,
        "shuzhi_s": s_times,
        "jieba_s": j_times,
        "ratios": ratios,
        "shuzhi_cpu_s": s_cpu,
        "jieba_cpu_s": j_cpu,
        "cpu_ratios": cpu_ratios,
        "findings": findings,
    }
    if args.breakdown:
        runs = [breakdown(files) for _ in range(args.repeat)]
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print("breakdown (median seconds over all files; analyses computed once, rules with analyses warm):")
        for k, v in sorted(med.items(), key=lambda kv: -kv[1]):
            print(f"  {v:7.3f}  {k}")
        print(f"  {sum(med.values()):7.3f}  total")
        result["breakdown_s"] = med
    if args.cli:
        c = [time_cli(args.corpus) for _ in range(args.repeat)]
        print(f"`shuzhi check --format json DIR` wall time (process start included): {spread(c)}")
        result["cli_s"] = c
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
