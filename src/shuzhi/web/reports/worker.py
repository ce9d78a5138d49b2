"""The local task worker: claims checking jobs from the job table, checks each file, stores findings.

`shuzhi serve` starts it in a process of its own; one bad file ends as that version's coded error and the
worker goes on with the next job.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from ..engine import check_file, family_of, finding_ids
from ..findings.copying import recompute, round_is_idle
from ..findings.models import Finding
from .models import Job, Status, Version

STALE_AFTER = timedelta(minutes=30)


def claim(worker: str) -> Job | None:
    with transaction.atomic():
        qs = Job.objects.filter(state=Job.State.QUEUED).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        job = qs.first()
        if job is None:
            return None
        job.state = Job.State.RUNNING
        job.started_at = timezone.now()
        job.worker = worker
        job.attempts += 1
        job.save(update_fields=["state", "started_at", "worker", "attempts"])
        Version.objects.filter(pk=job.version_id).update(status=Status.RUNNING)
    return job


def store_result(version: Version, out: dict) -> None:
    """Write a check's outcome onto its version (findings as rows keyed by finding id)."""
    if not out["ok"]:
        version.status = Status.FAILED
        version.error_code = out["code"]
        version.error_message = out["message"]
        version.checked_at = timezone.now()
        version.save(update_fields=["status", "error_code", "error_message", "checked_at"])
        return
    result = out["result"]
    findings = result.get("findings", [])
    ids = finding_ids(findings)
    version.findings.all().delete()
    Finding.objects.bulk_create(
        [
            Finding(
                version=version,
                fid=fid,
                code=f["code"],
                family=family_of(f["code"]),
                severity=f["severity"],
                title=str(f.get("title") or f.get("name") or "")[:200],
                message=f["message"],
                start=f["start"],
                end=f["end"],
                line=f.get("line") or 0,
                excerpt=f.get("excerpt") or "",
                data=f.get("data") or {},
                heuristic=bool(f.get("heuristic")),
            )
            for f, fid in zip(findings, ids, strict=True)
        ]
    )
    version.result = result
    version.text = out["text"]
    version.title = out["title"][:300]
    version.status = Status.DONE
    version.checked_at = timezone.now()
    version.save(update_fields=["result", "text", "title", "status", "checked_at"])
    role = str((result.get("meta") or {}).get("role") or "")
    if role and not version.report.post:  # the post as the report's title gives it, unless one was entered
        type(version.report).objects.filter(pk=version.report_id, post="").update(post=role[:200])


def run_job(job: Job) -> None:
    version = Version.objects.select_related("report__round").get(pk=job.version_id)
    path = Path(settings.UPLOAD_DIR) / version.stored_name
    rnd = version.report.round
    out = check_file(
        path,
        rnd.config_toml,
        key=f"report-{version.report_id}",
        year=rnd.year,
        name=rnd.name,
        dimensions=rnd.required_dimensions,
    )
    with transaction.atomic():
        store_result(version, out)
        job.state = Job.State.DONE if out["ok"] else Job.State.FAILED
        job.finished_at = timezone.now()
        job.save(update_fields=["state", "finished_at"])
    if round_is_idle(version.report.round_id):
        recompute(version.report.round_id)


def requeue_stale() -> int:
    """Jobs left running by a worker that died are queued again."""
    cutoff = timezone.now() - STALE_AFTER
    return Job.objects.filter(state=Job.State.RUNNING, started_at__lt=cutoff).update(state=Job.State.QUEUED)


def work_pending(worker: str = "inline") -> int:
    """Run every queued job now (tests and `shuzhi serve --once`); returns how many ran."""
    n = 0
    while (job := claim(worker)) is not None:
        run_job(job)
        n += 1
    return n


def work_forever(stop: threading.Event | None = None, poll: float = 0.5, parent: int | None = None) -> None:
    """Claim and run jobs until `stop` is set or the parent process (`shuzhi serve`) is gone."""
    name = f"{socket.gethostname()}:{os.getpid()}"
    requeue_stale()
    stop = stop or threading.Event()
    while not stop.is_set():
        if parent is not None and os.getppid() != parent:
            return
        try:
            job = claim(name)
        except Exception:  # the database is briefly unavailable: try again, never die
            connection.close()
            time.sleep(2)
            continue
        if job is None:
            stop.wait(poll)
            continue
        try:
            run_job(job)
        except Exception as e:  # storing failed: the job is marked, the worker goes on
            connection.close()
            Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED, finished_at=timezone.now())
            Version.objects.filter(pk=job.version_id).update(
                status=Status.FAILED, error_code="E110", error_message=f"保存检查结果时出错（{type(e).__name__}）"
            )
