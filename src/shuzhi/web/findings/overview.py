"""The round overview: every report with its progress, the figures that don't add up first, copy pairs."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..reports.models import Report, Status, Version
from .copying import current_versions
from .models import CopyPair, Decision, Finding


def report_rows(rnd) -> list[dict]:
    """One row per report of the round: current version, status, findings and how many are decided."""
    reports = list(Report.objects.filter(round=rnd).select_related("person", "assignee"))
    latest: dict = {r.id: None for r in reports}
    for v in (
        Version.objects.filter(report__round=rnd)
        .order_by("number")
        .only("id", "report_id", "number", "status", "error_code", "error_message", "title", "original_name")
    ):
        latest[v.report_id] = v
    fids: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for vid, fid, fam, sev in Finding.objects.filter(version_id__in=[v.id for v in latest.values() if v]).values_list(
        "version_id", "fid", "family", "severity"
    ):
        fids[vid].append((fid, fam, sev))
    decided: dict[int, dict[str, str]] = defaultdict(dict)
    for rid, fid, verdict in Decision.objects.filter(report__round=rnd).values_list("report_id", "fid", "verdict"):
        decided[rid][fid] = verdict
    rows = []
    for r in reports:
        v = latest[r.id]
        fs = fids.get(v.id, []) if v else []
        verdicts = Counter(decided[r.id].get(fid, "open") for fid, _, _ in fs)
        rows.append(
            {
                "report": r,
                "version": v,
                "total": len(fs),
                "open": verdicts["open"],
                "confirmed": verdicts["confirmed"],
                "dismissed": verdicts["dismissed"],
                "explain": verdicts["explain"],
                "figures": sum(1 for _, fam, _ in fs if fam == "N"),
                "errors": sum(1 for _, _, sev in fs if sev == "error"),
                "done": bool(v and v.status in (Status.DONE, Status.FAILED) and verdicts["open"] == 0),
            }
        )
    # Reports with open figure findings first, then by open findings.
    rows.sort(key=lambda x: (-(x["figures"] > 0 and x["open"] > 0), -x["open"], x["report"].person.name))
    return rows


def figure_findings(rnd, limit: int = 30) -> list[dict]:
    """The figures that don't add up (N, error or warning) still open, across the round."""
    versions = {v.id: v for v in current_versions(rnd.id)}
    decided = {
        (rid, fid): verdict
        for rid, fid, verdict in Decision.objects.filter(report__round=rnd).values_list("report_id", "fid", "verdict")
    }
    out = []
    for f in (
        Finding.objects.filter(version_id__in=list(versions), family="N")
        .exclude(severity="info")
        .order_by("version_id", "start")
    ):
        v = versions[f.version_id]
        state = decided.get((v.report_id, f.fid), "open")
        if state == "dismissed":
            continue
        out.append({"finding": f, "report": v.report, "state": state})
    return out[:limit]


def copy_rows(rnd) -> list[CopyPair]:
    return list(CopyPair.objects.filter(round=rnd).select_related("a__report__person", "b__report__person")[:50])


def overview(rnd, user) -> dict:
    rows = report_rows(rnd)
    return {
        "rows": rows,
        "figures": figure_findings(rnd),
        "copies": copy_rows(rnd),
        "n_done": sum(1 for r in rows if r["done"]),
        "n_open": sum(r["open"] for r in rows),
    }
