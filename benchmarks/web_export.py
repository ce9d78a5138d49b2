"""The web app's round Excel (导出 → 汇总表 Excel) for a big round: time and peak memory of the request's work.

Usage (from the repository root, with the web extra installed):

    python benchmarks/web_export.py [--reports 2000] [--findings 80] [--tree NAME=DIR ...] [--repeat 2]

A SQLite database in a temporary data folder is migrated and filled once (a round of ``--reports`` reports, each
with a checked version of ~10,000 characters and its result, ``--findings`` findings each with their evidence,
a tenth of them decided); then each tree (this one, and every ``--tree`` checkout, run with PYTHONPATH=DIR/src)
builds the round's Excel in a fresh process, alternating, ``--repeat`` times. Reported per side: wall and CPU
time of ``export.round_xlsx``, the process's peak RSS above what it held before the call, and the file's size;
the two sides' workbooks are compared cell by cell. Peak RSS is the process's whole peak (Django and the
modules included: what a web worker needs to serve the download), beside its RSS just before the call.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def _setup(data: Path) -> None:
    os.environ["SHUZHI_DATA_DIR"] = str(data)
    os.environ.pop("SHUZHI_DATABASE_URL", None)
    from shuzhi.web import configure

    configure()


def fill(data: Path, reports: int, findings: int) -> int:
    """Migrate and fill the database; the round's id."""
    _setup(data)
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import transaction

    from shuzhi.web.findings.models import Decision, Finding
    from shuzhi.web.reports.models import Person, Report, Status, Version
    from shuzhi.web.rounds.models import Round

    call_command("migrate", verbosity=0)
    rng = random.Random(5)
    pool = [
        p.strip()
        for f in sorted((CORPUS / "gov-reports").glob("gwr_*.txt"))[:20]
        for p in f.read_text(encoding="utf-8").split("\n")
        if len(p.strip()) > 40
    ]
    codes = [("P101", "P", "warning"), ("C301", "C", "warning"), ("N201", "N", "error"), ("F402", "F", "info")]
    with transaction.atomic():
        user = User.objects.create_user("bench", password="x-Bench-pass-2024")
        rnd = Round.objects.create(name="全省", year=2026, created_by=user)
        for k in range(reports):
            person = Person.objects.create(name=f"干部{k:05d}", unit=f"第{k % 97}单位", post="局长")
            report = Report.objects.create(round=rnd, person=person, unit=person.unit, post=person.post, year=2026)
            text = ""
            while len(text) < 10_000:
                text += rng.choice(pool) + "\n"
            v = Version.objects.create(
                report=report,
                number=1,
                original_name=f"r{k:05d}.docx",
                stored_name=f"s{k:05d}",
                size=len(text.encode("utf-8")),
                sha256=f"{k:064x}",
                status=Status.DONE,
                title="述职述廉报告",
                text=text,
                result={"findings": [{"excerpt": text[i * 100 : i * 100 + 60]} for i in range(findings)]},
                uploaded_by=user,
            )
            rows = []
            for i in range(findings):
                code, fam, sev = codes[i % len(codes)]
                a = (i * 97) % (len(text) - 80)
                rows.append(
                    Finding(
                        version=v,
                        fid=f"{code}-{k:05d}-{i:03d}",
                        code=code,
                        family=fam,
                        severity=sev,
                        title="问题",
                        message=f"第{i}处：" + text[a : a + 40],
                        start=a,
                        end=a + 40,
                        line=i,
                        excerpt=text[a : a + 60],
                        data={"placeholder": "XX", "sources": [f"r{(k + j) % reports:05d}.docx" for j in range(3)]},
                    )
                )
            Finding.objects.bulk_create(rows)
            Decision.objects.bulk_create(
                [
                    Decision(report=report, fid=f.fid, verdict="confirmed", comment="确有此问题", decided_by=user)
                    for f in rows[:: max(1, findings // 8)]
                ]
            )
    return rnd.id


def measure(data: Path, round_id: int, out: Path) -> dict:
    """One side, in this process: round_xlsx's wall, CPU and peak RSS above the start."""
    import resource

    _setup(data)
    from shuzhi.web.findings import export
    from shuzhi.web.rounds.models import Round

    rnd = Round.objects.get(pk=round_id)
    rss_start = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    t, c = time.perf_counter(), time.process_time()
    body = export.round_xlsx(rnd)
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.write_bytes(body)
    return {"wall": wall, "cpu": cpu, "rss_start_mb": rss_start, "peak_mb": peak, "bytes": out.stat().st_size}


def _cells(path: Path) -> dict:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    return {name: [list(r) for r in wb[name].iter_rows(values_only=True)] for name in wb.sheetnames}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--findings", type=int, default=80)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--tree", action="append", default=[], metavar="NAME=DIR", help="another checkout; repeatable")
    ap.add_argument("--side", nargs=3, metavar=("DATA", "ROUND", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.side:
        print(json.dumps(measure(Path(args.side[0]), int(args.side[1]), Path(args.side[2]))))
        return 0
    work = Path(tempfile.mkdtemp(prefix="shuzhi-web-export-"))
    t = time.perf_counter()
    round_id = fill(work / "data", args.reports, args.findings)
    print(f"round: {args.reports} reports × {args.findings} findings, filled in {time.perf_counter() - t:.0f} s")
    sides = [("this", ROOT)] + [(n, Path(d).resolve()) for n, d in (x.split("=", 1) for x in args.tree)]
    got: dict[str, list[dict]] = {n: [] for n, _ in sides}
    for rep in range(args.repeat):
        for name, tree in sides:
            env = dict(os.environ, PYTHONPATH=str(tree / "src"))
            out = work / f"{name}-{rep}.xlsx"
            load = os.getloadavg()[0]
            p = subprocess.run(
                [sys.executable, __file__, "--side", str(work / "data"), str(round_id), str(out)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(p.stdout.strip().splitlines()[-1]) | {"load": load}
            got[name].append(r)
            print(name, rep, {k: round(v, 2) for k, v in r.items()})
    for name, rs in got.items():
        med = {k: statistics.median(r[k] for r in rs) for k in ("wall", "cpu", "rss_start_mb", "peak_mb", "bytes")}
        print(
            f"{name:>8}: wall {med['wall']:.2f} s, CPU {med['cpu']:.2f} s, peak RSS {med['peak_mb']:.0f} MB "
            f"(RSS before the call {med['rss_start_mb']:.0f} MB), {med['bytes'] / 1e6:.1f} MB file"
        )
    if len(sides) > 1:
        ref = _cells(work / "this-0.xlsx")
        for name, _ in sides[1:]:
            print(f"cells equal to {name}: {_cells(work / f'{name}-0.xlsx') == ref}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
