"""Working a report: its text with findings highlighted, evidence, decisions, filters; and the exports."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import escape_uri_path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ...writers.marks import heuristic_note
from ..audit.log import record
from ..engine import FAMILY_ZH, SEVERITY_ZH, evidence_lines
from ..errors import WebError
from ..reports.models import Report, Status
from ..rounds.models import Membership
from ..rounds.permissions import can, round_view
from . import export
from .models import CopyPair, Decision, Finding, Verdict
from .render import Mark, paragraphs

STATE_ZH = {"open": "未处理", **{v.value: v.label for v in Verdict}}


def _version(report, number=None):
    qs = report.versions.order_by("-number")
    if number:
        return get_object_or_404(qs, number=number)
    return qs.first()


@round_view("view")
def report_page(request, rnd, report_id):
    report = get_object_or_404(Report.objects.select_related("person", "assignee"), round=rnd, pk=report_id)
    version = _version(report, request.GET.get("v") if (request.GET.get("v") or "").isdigit() else None)
    decisions = {d.fid: d for d in Decision.objects.filter(report=report).select_related("decided_by")}
    findings = list(Finding.objects.filter(version=version)) if version else []
    f_family, f_sev, f_state, f_by = (request.GET.get(k, "") for k in ("family", "severity", "state", "by"))
    cards = []
    hinted: set[str] = set()  # a heuristic rule's mark once per report page, on its first card shown
    for f in findings:
        d = decisions.get(f.fid)
        state = d.verdict if d else "open"
        if (f_family and f.family != f_family) or (f_sev and f.severity != f_sev) or (f_state and state != f_state):
            continue
        if f_by and (d is None or str(d.decided_by_id) != f_by):
            continue
        cards.append(
            {
                "f": f,
                "anchor": f"f-{f.fid}",
                "decision": d,
                "state": state,
                "state_zh": STATE_ZH[state],
                "severity_zh": SEVERITY_ZH.get(f.severity, f.severity),
                "family_zh": FAMILY_ZH.get(f.family, f.family),
                "evidence": evidence_lines(f.data),
                "hint": "" if f.code in hinted else heuristic_note(f.code),
            }
        )
        hinted.add(f.code)
    marks = [Mark(c["f"].start, c["f"].end, c["anchor"], c["f"].severity, c["state"]) for c in cards]
    copies = []
    if version:
        for p in CopyPair.objects.filter(round=rnd).filter(a=version).select_related("b__report__person"):
            copies.append(
                {
                    "other": p.b.report,
                    "ratio": p.a_copied,
                    "passages": [(x[0], x[1], x[2], x[3]) for x in p.passages],
                    "text": p.b.text,
                    "mine": True,
                }
            )
        for p in CopyPair.objects.filter(round=rnd).filter(b=version).select_related("a__report__person"):
            copies.append(
                {
                    "other": p.a.report,
                    "ratio": p.b_copied,
                    "passages": [(x[2], x[3], x[0], x[1]) for x in p.passages],
                    "text": p.a.text,
                    "mine": False,
                }
            )
    copy_views = [
        {
            "other": c["other"],
            "ratio": f"{c['ratio'] * 100:.0f}%",
            "passages": [(version.text[a:b], c["text"][x:y]) for a, b, x, y in c["passages"][:10]],
        }
        for c in copies
    ]
    members = Membership.objects.filter(round=rnd).select_related("user").order_by("user__username")
    ctx = {
        "round": rnd,
        "role": request.role,
        "report": report,
        "version": version,
        "versions": report.versions.order_by("number"),
        "paragraphs": paragraphs(version.text, marks) if version and version.status == Status.DONE else [],
        "cards": cards,
        "n_findings": len(findings),
        "copies": copy_views,
        "filters": {"family": f_family, "severity": f_sev, "state": f_state, "by": f_by},
        "families": [(k, v) for k, v in FAMILY_ZH.items() if any(f.family == k for f in findings)],
        "severities": list(SEVERITY_ZH.items()),
        "states": list(STATE_ZH.items()),
        "members": members,
        "verdicts": Verdict.choices,
        "can_decide": can(request.user, rnd, "decide") and version is not None and version == report.current,
        "can_assign": can(request.user, rnd, "assign"),
        "can_export": can(request.user, rnd, "export"),
    }
    return render(request, "findings/report.html", ctx)


def _back(request, rnd, report, anchor: str = ""):
    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}) and nxt.startswith("/"):
        return redirect(nxt + (f"#{anchor}" if anchor else ""))
    return redirect(f"/rounds/{rnd.id}/reports/{report.id}/" + (f"#{anchor}" if anchor else ""))


def save_decision(report, user, fid: str, verdict: str, comment: str, rev: int) -> str:
    """Record a decision on the current version's finding `fid`; returns what happened (saved/duplicate).

    `rev` is the decision's revision the form was shown with: a form submitted twice is recognised, and a
    decision changed meanwhile by someone else is refused (W107) instead of being overwritten.
    """
    if verdict not in Verdict.values:
        raise WebError("W107", "请选择 确认、驳回（误报）或 需说明")
    version = report.current
    if version is None or not Finding.objects.filter(version=version, fid=fid).exists():
        raise WebError("W107", "这个问题在当前版本中已不存在，请刷新页面")
    comment = comment.strip()[:2000]
    if verdict in (Verdict.DISMISSED, Verdict.EXPLAIN) and not comment:
        raise WebError("W107", "驳回或需说明时请写明理由")
    try:
        with transaction.atomic():
            d = Decision.objects.select_for_update().filter(report=report, fid=fid).first()
            current = d.revision if d else 0
            if rev != current:
                if d and d.verdict == verdict and d.comment == comment:
                    return "duplicate"
                who = (d.decided_by.get_full_name() or d.decided_by.username) if d else "他人"
                raise WebError("W107", f"这条处理刚被 {who} 修改过，请查看最新处理后再提交", status=409)
            if d is None:
                d = Decision.objects.create(
                    report=report,
                    fid=fid,
                    verdict=verdict,
                    comment=comment,
                    decided_by=user,
                    version_number=version.number,
                )
            else:
                d.verdict, d.comment, d.decided_by, d.version_number = verdict, comment, user, version.number
                d.revision += 1
                d.save()
            record(
                user,
                "decision",
                round=report.round,
                target=f"{report.person.name} {fid}",
                verdict=verdict,
                comment=comment,
                revision=d.revision,
            )
    except IntegrityError:
        # Two submissions raced to create the same decision: the first one won.
        d = Decision.objects.get(report=report, fid=fid)
        if d.verdict == verdict and d.comment == comment:
            return "duplicate"
        raise WebError("W107", "这条处理刚被他人保存过，请查看最新处理后再提交", status=409) from None
    return "saved"


@round_view("decide")
@require_POST
def decide(request, rnd, report_id):
    report = get_object_or_404(Report.objects.select_related("person"), round=rnd, pk=report_id)
    fid = request.POST.get("fid", "")
    rev = request.POST.get("rev", "0")
    try:
        outcome = save_decision(
            report,
            request.user,
            fid,
            request.POST.get("verdict", ""),
            request.POST.get("comment", ""),
            int(rev) if rev.isdigit() else -1,
        )
    except WebError as e:
        messages.error(request, e.text)
        return _back(request, rnd, report, f"f-{fid}")
    if outcome == "duplicate":
        messages.info(request, "这条处理已经保存过（重复提交），没有再次记录。")
    else:
        messages.success(request, "处理已保存。")
    return _back(request, rnd, report, f"f-{fid}")


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    resp = HttpResponse(content, content_type=content_type)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return resp


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@round_view("export")
def export_xlsx(request, rnd):
    record(request.user, "export", round=rnd, target="汇总表 Excel")
    return _download(export.round_xlsx(rnd), f"{rnd.year}年{rnd.name}-审核汇总.xlsx", XLSX)


@round_view("export")
def export_decisions_csv(request, rnd):
    record(request.user, "export", round=rnd, target="处理记录 CSV")
    return _download(export.decisions_csv(rnd), f"{rnd.year}年{rnd.name}-处理记录.csv", "text/csv; charset=utf-8")


@round_view("export")
def export_decisions_json(request, rnd):
    record(request.user, "export", round=rnd, target="处理记录 JSON")
    return _download(export.decisions_json(rnd), f"{rnd.year}年{rnd.name}-处理记录.json", "application/json")


@round_view("export")
def export_annotated_zip(request, rnd):
    record(request.user, "export", round=rnd, target="带批注的 Word 文件（全部）")
    return _download(export.annotated_zip(rnd), f"{rnd.year}年{rnd.name}-带批注的报告.zip", "application/zip")


@round_view("export")
def export_annotated_docx(request, rnd, report_id):
    report = get_object_or_404(Report.objects.select_related("person"), round=rnd, pk=report_id)
    version = report.current
    if version is None or version.status != Status.DONE:
        messages.error(request, "这份报告还没有检查完，暂不能导出。")
        return redirect("report", round_id=rnd.id, report_id=report.id)
    record(request.user, "export", round=rnd, target=f"{report.person.name} 带批注的 Word 文件")
    return _download(export.annotated_docx(version), f"{report.person.name}-带批注.docx", DOCX)
