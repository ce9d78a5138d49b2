"""Load on `shuzhi serve`: 10 clients upload 500 reports at once, then 20 clients read report pages.

Usage (from the repository root, with the web extra installed):
    PYTHONPATH=src python benchmarks/web_load.py [--reports 500] [--uploaders 10] [--readers 20]
        [--pages 500] [--workers 2] [--postgres URL] [--no-review]

Reports are made as in review_bench.py (seeds recombined with gov-report paragraphs, one in ten .docx).
Checks that nothing is lost: every report arrives, every one is checked, and the findings of each equal
`shuzhi.check` on the same file (code, span and message; ids differ only by the document key). Reports
upload throughput, round throughput (first upload to last check), page latency p50/p95 and pages/s.
With --no-review left off, `shuzhi review -j WORKERS` on the same files runs in the same session as the
baseline for a round's throughput.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from review_bench import make_round

ADMIN, PASSWORD = "bench", "Bench-pass-2024-x"


class Session:
    """One browser-like client: its own cookies, the CSRF token from the forms."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, bytes, float]:
        t = time.perf_counter()
        with self.opener.open(self.base + path, timeout=300) as r:
            body = r.read()
            return r.status, body, time.perf_counter() - t

    def csrf(self, path: str) -> str:
        _, body, _ = self.get(path)
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()

    def post(self, path: str, data: bytes, content_type: str) -> tuple[int, bytes]:
        req = urllib.request.Request(
            self.base + path, data=data, headers={"Content-Type": content_type, "Referer": self.base + path}
        )
        with self.opener.open(req, timeout=600) as r:
            return r.status, r.read()

    def login(self) -> None:
        token = self.csrf("/login/")
        form = urllib.parse.urlencode({"username": ADMIN, "password": PASSWORD, "csrfmiddlewaretoken": token}).encode()
        _status, body = self.post("/login/", form, "application/x-www-form-urlencoded")
        assert b"\xe9\x80\x80\xe5\x87\xba" in body, "login failed"  # 退出 in the page header


def multipart(fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = "----shuzhi" + secrets.token_hex(8)
    out = []
    for name, filename, data in files:
        out.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    for name, value in fields:  # after the files, like the page's form: "end" last
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=500)
    ap.add_argument("--uploaders", type=int, default=10)
    ap.add_argument("--batch", type=int, default=10, help="files per upload request")
    ap.add_argument("--readers", type=int, default=20)
    ap.add_argument("--pages", type=int, default=500, help="report pages read in total")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--postgres", default="", help="postgresql://… of an empty database (default: SQLite)")
    ap.add_argument("--no-review", action="store_true")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="shuzhi-web-load-"))
    files = make_round(tmp / "round", args.reports)
    for p in files.glob("zz_*"):
        p.unlink()
    paths = sorted(files.iterdir())
    assert len(paths) == args.reports
    chars = sum(len(p.read_bytes()) for p in paths)

    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), SHUZHI_ADMIN_USERNAME=ADMIN, SHUZHI_ADMIN_PASSWORD=PASSWORD)
    env.pop("SHUZHI_DATABASE_URL", None)
    if args.postgres:
        env["SHUZHI_DATABASE_URL"] = args.postgres
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "shuzhi",
            "serve",
            "--data",
            str(tmp / "data"),
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--threads",
            "16",
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/login/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        admin = Session(base)
        admin.login()
        token = admin.csrf("/rounds/new/")
        form = urllib.parse.urlencode({"name": "压力测试", "year": 2023, "csrfmiddlewaretoken": token}).encode()
        admin.post("/rounds/new/", form, "application/x-www-form-urlencoded")
        _, body, _ = admin.get("/")
        round_id = int(re.search(rb'href="/rounds/(\d+)/"', body).group(1))

        shares = [paths[i :: args.uploaders] for i in range(args.uploaders)]
        sessions = [Session(base) for _ in range(args.uploaders)]
        for s in sessions:
            s.login()
        upload_times: list[float] = []
        lock = threading.Lock()

        def uploader(k: int) -> int:
            s, mine, sent = sessions[k], shares[k], 0
            for i in range(0, len(mine), args.batch):
                batch = mine[i : i + args.batch]
                token = s.csrf(f"/rounds/{round_id}/")
                body, ctype = multipart(
                    [("csrfmiddlewaretoken", token), ("end", "1")], [("files", p.name, p.read_bytes()) for p in batch]
                )
                t = time.perf_counter()
                status, page = s.post(f"/rounds/{round_id}/upload/", body, ctype)
                with lock:
                    upload_times.append(time.perf_counter() - t)
                assert status == 200 and f"已接收 {len(batch)} 份报告".encode() in page, page[:500]
                sent += len(batch)
            return sent

        t0 = time.perf_counter()
        with ThreadPoolExecutor(args.uploaders) as ex:
            sent = sum(ex.map(uploader, range(args.uploaders)))
        t_uploaded = time.perf_counter() - t0
        while True:
            _, body, _ = admin.get(f"/rounds/{round_id}/progress.json")
            prog = json.loads(body)
            if prog["finished"] and prog["total"] == sent:
                break
            time.sleep(0.5)
        t_checked = time.perf_counter() - t0

        # Nothing lost: every report, checked, with the findings shuzhi.check gives on the same file.
        os.environ.setdefault("SHUZHI_DATA_DIR", str(tmp / "data"))
        if args.postgres:
            os.environ["SHUZHI_DATABASE_URL"] = args.postgres
        os.environ["SHUZHI_DATA_DIR"] = str(tmp / "data")
        sys.path.insert(0, str(ROOT / "src"))
        from shuzhi.web import configure

        configure()
        import shuzhi
        from shuzhi.web.findings.models import Finding
        from shuzhi.web.reports.models import Version

        versions = {v.original_name: v for v in Version.objects.filter(report__round_id=round_id)}
        assert len(versions) == args.reports, f"{len(versions)} reports arrived of {args.reports}"
        assert all(v.status == "done" for v in versions.values()), Counter(v.status for v in versions.values())
        mismatched = 0
        n_findings = 0
        for p in paths:
            expected = Counter((f.code, f.start, f.end, f.message) for f in shuzhi.check(shuzhi.load(p)).findings)
            got = Counter(
                Finding.objects.filter(version=versions[p.name]).values_list("code", "start", "end", "message")
            )
            n_findings += sum(got.values())
            mismatched += expected != got
        report_ids = list(Version.objects.filter(report__round_id=round_id).values_list("report_id", flat=True))

        readers = [Session(base) for _ in range(args.readers)]
        for s in readers:
            s.login()
        latencies: list[float] = []

        def reader(k: int) -> None:
            s = readers[k]
            for j in range(k, args.pages, args.readers):
                status, body, dt = s.get(f"/rounds/{round_id}/reports/{report_ids[j % len(report_ids)]}/")
                assert status == 200 and b'class="finding' in body
                with lock:
                    latencies.append(dt)

        t1 = time.perf_counter()
        with ThreadPoolExecutor(args.readers) as ex:
            list(ex.map(reader, range(args.readers)))
        t_read = time.perf_counter() - t1
    finally:
        server.terminate()
        server.wait(30)

    review_s = None
    if not args.no_review:
        t = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "shuzhi",
                "review",
                str(files),
                "-o",
                str(tmp / "review-out"),
                "-j",
                str(args.workers),
                "--no-progress",
            ],
            env=dict(os.environ, PYTHONPATH=str(ROOT / "src")),
            capture_output=True,
            check=False,
        )
        review_s = time.perf_counter() - t

    load = os.getloadavg()
    print(
        f"database: {'PostgreSQL' if args.postgres else 'SQLite'}; workers {args.workers}; load average at the end {load[0]:.1f}"
    )
    print(f"reports: {args.reports} ({chars / 1e6:.2f} MB), {args.uploaders} clients × {args.batch} files per request")
    print(
        f"uploaded in {t_uploaded:.1f} s ({args.reports / t_uploaded:.1f} reports/s); upload request p50 {statistics.median(upload_times):.2f} s, p95 {pct(upload_times, 0.95):.2f} s"
    )
    print(f"round checked (first upload → last check): {t_checked:.1f} s = {args.reports / t_checked:.1f} reports/s")
    print(
        f"nothing lost: {len(versions)} reports arrived, all checked, {n_findings} findings, {mismatched} differing from shuzhi.check"
    )
    print(
        f"report pages: {len(latencies)} by {args.readers} clients in {t_read:.1f} s = {len(latencies) / t_read:.1f} pages/s; p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {pct(latencies, 0.95) * 1000:.0f} ms"
    )
    if review_s is not None:
        print(
            f"baseline, same files, same session: shuzhi review -j {args.workers} (check, compare, Excel, 500 Word files, dashboard): {review_s:.1f} s = {args.reports / review_s:.1f} reports/s"
        )
    return 0 if mismatched == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
