"""The round's audit log, for its admins and leads."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from ..rounds.permissions import round_view
from .log import ACTIONS_ZH, describe
from .models import AuditEntry


@round_view("audit")
def audit_log(request, rnd):
    qs = AuditEntry.objects.filter(round=rnd).select_related("user")
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    rows = [(e, ACTIONS_ZH.get(e.action, e.action), describe(e.detail)) for e in page]
    return render(request, "audit/log.html", {"round": rnd, "role": request.role, "page": page, "rows": rows})
