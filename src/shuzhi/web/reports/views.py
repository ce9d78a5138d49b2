"""Uploading reports, downloading originals, assigning reviewers, a person's reports across years."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import FileResponse, Http404
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..audit.log import record
from ..errors import WebError
from ..findings.people import person_page
from ..rounds.models import Membership
from ..rounds.permissions import login_needed, round_view, visible_rounds
from .models import Person, Report, Version
from .upload import Incoming, ingest


def _read_upload(request) -> list[Incoming]:
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    limit = settings.SHUZHI_MAX_UPLOAD_BYTES
    if length > limit:
        raise WebError("W101", f"本次上传 {length / 1048576:.1f} MB，一次最多 {limit / 1048576:.0f} MB", status=413)
    try:
        files = request.FILES.getlist("files")
    except MultiPartParserError:
        raise WebError("W106", "数据不完整（连接中断或上传被取消），本次没有接收任何文件，请重新上传") from None
    except Exception as e:  # Django's TooManyFilesSent and a body cut off mid-stream
        if e.__class__.__name__ == "TooManyFilesSent":
            raise WebError("W102", f"一次最多上传 {settings.SHUZHI_MAX_FILES} 个文件，可打包成 .zip 分批上传") from None
        if e.__class__.__name__ in ("UnreadablePostError", "RequestDataTooBig"):
            raise WebError("W106", "数据不完整（连接中断或上传被取消），本次没有接收任何文件，请重新上传") from None
        raise
    # The form's last field comes after the files in the request body: without it the body was cut off.
    if request.POST.get("end") != "1":
        raise WebError("W106", "数据不完整（连接中断或上传被取消），本次没有接收任何文件，请重新上传")
    if not files:
        raise WebError("W109", "请选择报告文件或 .zip 压缩包")
    if length and sum(f.size for f in files) > length:
        raise WebError("W106", "数据不完整，本次没有接收任何文件，请重新上传")
    out = []
    for f in files:
        data = f.read(settings.SHUZHI_MAX_FILE_BYTES * 20 + 1)
        out.append(Incoming(Path(f.name or "未命名").name, data))
    return out


@round_view("upload")
@require_POST
def upload(request, rnd):
    try:
        files = _read_upload(request)
    except WebError as e:
        record(request.user, "upload_rejected", round=rnd, code=e.code, message=e.text)
        messages.error(request, e.text)
        return redirect("round", round_id=rnd.id)
    out = ingest(
        rnd,
        request.user,
        files,
        person=request.POST.get("person", ""),
        unit=request.POST.get("unit", ""),
        post=request.POST.get("post", ""),
    )
    if out.versions:
        messages.success(request, f"已接收 {len(out.versions)} 份报告，正在后台检查。")
    for _name, e in out.rejected:
        messages.error(request, e.text)
    return redirect("round", round_id=rnd.id)


@round_view("view")
def original(request, rnd, report_id, number):
    v = get_object_or_404(Version, report__round=rnd, report_id=report_id, number=number)
    path = Path(settings.UPLOAD_DIR) / v.stored_name
    if not path.is_file():
        raise Http404("原文件已不在存储中。")
    record(request.user, "download", round=rnd, target=f"{v.report.person.name} 第{v.number}版原文件")
    return FileResponse(path.open("rb"), as_attachment=True, filename=v.original_name)


@round_view("assign")
@require_POST
def assign(request, rnd, report_id):
    report = get_object_or_404(Report, round=rnd, pk=report_id)
    uid = request.POST.get("assignee") or None
    member = None
    if uid:
        m = Membership.objects.filter(round=rnd, user_id=uid).select_related("user").first()
        if m is None:
            messages.error(request, "只能分配给本轮的成员。")
            return redirect("report", round_id=rnd.id, report_id=report.id)
        member = m.user
    report.assignee = member
    report.save(update_fields=["assignee"])
    record(request.user, "assign", round=rnd, target=report.person.name, assignee=member.username if member else "")
    messages.success(request, f"已分配给 {member.get_full_name() or member.username}。" if member else "已取消分配。")
    return redirect("report", round_id=rnd.id, report_id=report.id)


@login_needed
def person(request, person_id):
    p = get_object_or_404(Person, pk=person_id)
    reports = Report.objects.filter(person=p, round__in=visible_rounds(request.user)).select_related("round")
    if not reports.exists():
        raise Http404("没有这个人的报告，或您无权查看。")
    return render(request, "reports/person.html", person_page(p, reports, get_user_model()))
